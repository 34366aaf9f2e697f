import { UsageError } from "../../project/cliArgs";
import { parseEmulatorArgs } from "../../emulator/cliArgs";

describe("CLI arguments", () => {
  it("parses every flag", () => {
    expect(
      parseEmulatorArgs(["--port", "8123", "--data", "org.json", "--access-token", "t", "--client-id", "i", "--client-secret", "s", "--strict", "--faults", '{"latencyMs":5}']),
    ).toEqual({
      kind: "run",
      options: { port: 8123, dataFile: "org.json", accessToken: "t", clientId: "i", clientSecret: "s", strict: true, faults: { latencyMs: 5 } },
    });
    expect(parseEmulatorArgs(["--port=0"])).toEqual({ kind: "run", options: { port: 0 } });
    expect(parseEmulatorArgs(["--people", '{"clients":[{"id":"ops","secret":"s","name":"Ops"}]}'])).toEqual({ kind: "run", options: { people: { clients: [{ id: "ops", secret: "s", name: "Ops" }] } } });
    expect(parseEmulatorArgs(["--help"])).toEqual({ kind: "help" });
  });

  it("rejects bad arguments with a clear message", () => {
    expect(() => parseEmulatorArgs(["--port", "abc"])).toThrow(UsageError);
    expect(() => parseEmulatorArgs(["--port", "70000"])).toThrow(/--port must be an integer/);
    expect(() => parseEmulatorArgs(["--port"])).toThrow(/--port needs a value/);
    expect(() => parseEmulatorArgs(["--bogus"])).toThrow(/unknown option --bogus/);
    expect(() => parseEmulatorArgs(["--client-id", "x"])).toThrow(/must be given together/);
    expect(() => parseEmulatorArgs(["--faults", "{"])).toThrow(/--faults must be JSON/);
    expect(() => parseEmulatorArgs(["--people", "["])).toThrow(/--people must be JSON/);
  });
});
