// The emulator's command line: every flag parsed or refused with a clear message, and --stack,
// which starts the emulator a stack's file points its provider at (its port, org file and
// credentials), as docs/using-your-own-pulumi.md runs it before a person's own pulumi.
import * as net from "node:net";
import { join } from "node:path";
import { UsageError } from "../../project/cliArgs";
import { parseEmulatorArgs } from "../../emulator/cliArgs";
import { EMULATOR_DATA } from "../../emulator/localStack";
import { stackEmulatorOptions } from "../../tools/emulator";
import { startEmulator } from "../../emulator/server";
import { call } from "../../testkit/emulator";
import { tempProject } from "../../testkit/tempProject";

describe("CLI arguments", () => {
  it("parses every flag", () => {
    expect(
      parseEmulatorArgs([
        "--port",
        "8123",
        "--data",
        "org.json",
        "--access-token",
        "t",
        "--client-id",
        "i",
        "--client-secret",
        "s",
        "--strict",
        "--faults",
        '{"latencyMs":5}',
      ]),
    ).toEqual({
      kind: "run",
      options: {
        port: 8123,
        dataFile: "org.json",
        accessToken: "t",
        clientId: "i",
        clientSecret: "s",
        strict: true,
        faults: { latencyMs: 5 },
      },
    });
    expect(parseEmulatorArgs(["--port=0"])).toEqual({ kind: "run", options: { port: 0 } });
    expect(parseEmulatorArgs(["--people", '{"clients":[{"id":"ops","secret":"s","name":"Ops"}]}'])).toEqual({
      kind: "run",
      options: { people: { clients: [{ id: "ops", secret: "s", name: "Ops" }] } },
    });
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

describe("--stack: the emulator a stack deploys to", () => {
  /** A port free a moment ago on 127.0.0.1. */
  const freePort = () =>
    new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
  const stackFile = (port: number, credentials: string) =>
    `config:\n  genesys-flows:environment: local\n  genesys-flows:emulatorOrg: emulator/orgs/mine.yaml\n  genesys-flows:provider:\n    gateway: { protocol: http, host: 127.0.0.1, port: "${port}" }\n${credentials}`;

  it("parses --stack beside the other flags, which win", () => {
    expect(parseEmulatorArgs(["--stack", "local", "--port", "9000"])).toEqual({
      kind: "run",
      options: { port: 9000 },
      stack: "local",
    });
    expect(() => parseEmulatorArgs(["--stack", "../x"])).toThrow(/--stack takes a stack name/);
  });

  it("listens on the stack's port with its org file, takes its token, and keeps the org where npm start does", async () => {
    const port = await freePort();
    const root = tempProject({
      "Pulumi.local.yaml": stackFile(port, "  genesys-flows:accessToken: my-token\n"),
      "emulator/orgs/mine.yaml": "queues:\n- Mine\n",
    });
    const options = await stackEmulatorOptions("local", { GENESYS_FLOWS_CONFIG: "file" }, root, () =>
      Promise.reject(new Error("nothing is encrypted")),
    );
    expect(options).toEqual({
      port,
      orgFile: join(root, "emulator/orgs/mine.yaml"),
      dataFile: join(root, EMULATOR_DATA),
      accessToken: "my-token",
    });
    const emu = await startEmulator(options);
    try {
      expect(emu.url).toBe(`http://127.0.0.1:${port}`);
      const res = await call<{ entities: Array<{ name: string }> }>(`${emu.url}/api/v2/routing/queues`, {
        token: "my-token",
      });
      expect(res.status).toBe(200);
      expect(res.body.entities.map((q) => q.name)).toEqual(["Mine"]);
      expect((await call(`${emu.url}/api/v2/routing/queues`, { token: "another" })).status).toBe(401);
    } finally {
      await emu.stop();
    }
  });

  it("an encrypted token or an OAuth client is read as the provider reads it; a stack not pointing at 127.0.0.1 is refused", async () => {
    const port = await freePort();
    const encrypted = tempProject({
      "Pulumi.local.yaml": stackFile(port, "  genesys-flows:accessToken:\n    secure: v1:abc\n"),
    });
    const asked: string[] = [];
    const secret = async (key: string) => (asked.push(key), "decrypted");
    expect(await stackEmulatorOptions("local", { GENESYS_FLOWS_CONFIG: "file" }, encrypted, secret)).toMatchObject({
      accessToken: "decrypted",
    });
    expect(asked).toEqual(["accessToken"]);
    const client = tempProject({
      "Pulumi.local.yaml": stackFile(
        port,
        "  genesys-flows:oauthClientId: id\n  genesys-flows:oauthClientSecret: s3cret\n",
      ),
    });
    expect(await stackEmulatorOptions("local", { GENESYS_FLOWS_CONFIG: "file" }, client, secret)).toMatchObject({
      clientId: "id",
      clientSecret: "s3cret",
    });
    const elsewhere = tempProject({
      "Pulumi.dev.yaml":
        "config:\n  genesys-flows:environment: dev\n  genesys-flows:provider:\n    region: us-east-1\n  genesys-flows:accessToken: t\n",
    });
    await expect(stackEmulatorOptions("dev", { GENESYS_FLOWS_CONFIG: "file" }, elsewhere, secret)).rejects.toThrow(
      "Pulumi.dev.yaml: genesys-flows:provider.gateway must point at 127.0.0.1 for the emulator",
    );
  });
});
