import { UsageError } from "../../project/cliArgs";
import { parseCliArgs } from "../../emulator/cliArgs";

describe("CLI arguments", () => {
  it("parses every flag", () => {
    expect(
      parseCliArgs(["--port", "8123", "--data", "org.json", "--access-token", "t", "--client-id", "i", "--client-secret", "s", "--strict", "--faults", '{"latencyMs":5}']),
    ).toEqual({
      kind: "run",
      options: { port: 8123, dataFile: "org.json", accessToken: "t", clientId: "i", clientSecret: "s", strict: true, faults: { latencyMs: 5 } },
    });
    expect(parseCliArgs(["--port=0"])).toEqual({ kind: "run", options: { port: 0 } });
    expect(parseCliArgs(["--people", '{"clients":[{"id":"ops","secret":"s","name":"Ops"}]}'])).toEqual({ kind: "run", options: { people: { clients: [{ id: "ops", secret: "s", name: "Ops" }] } } });
    expect(parseCliArgs(["--help"])).toEqual({ kind: "help" });
  });

  it("rejects bad arguments with a clear message", () => {
    expect(() => parseCliArgs(["--port", "abc"])).toThrow(UsageError);
    expect(() => parseCliArgs(["--port", "70000"])).toThrow(/--port must be an integer/);
    expect(() => parseCliArgs(["--port"])).toThrow(/--port needs a value/);
    expect(() => parseCliArgs(["--bogus"])).toThrow(/unknown argument: --bogus/);
    expect(() => parseCliArgs(["--client-id", "x"])).toThrow(/must be given together/);
    expect(() => parseCliArgs(["--faults", "{"])).toThrow(/--faults must be JSON/);
    expect(() => parseCliArgs(["--people", "["])).toThrow(/--people must be JSON/);
  });
});
