// verify's org edge against the emulator over real HTTP: logging in as the stack's provider would
// (token, or OAuth client credentials from the environment), reading flows, versions and
// dependency tracking, and the pure comparison over what it read: current and stale callers in
// and outside the stack, and drift after a publish the stack did not make.
import { parseStackSettings } from "../../planner/stackSettings";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { publishedVersionOf } from "../../emulator/store";
import { compareWithOrg } from "../../verify/compare";
import type { StackDeployment } from "../../org/model";
import { readOrg } from "../../org/flows";
import { connectToOrg, ConnectError } from "../../org/signIn";
import { publish, publishOk, signIn } from "../../testkit/emulator";
import { commonModuleYaml, inboundCallYaml } from "../../testkit/archyFlows";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({
    people: {
      clients: [{ id: "ops-client", secret: "ops-secret", name: "Ops Console" }],
      users: [{ name: "Jane Doe", username: "jane@example.com", password: "pw" }],
    },
  });
});
afterAll(async () => {
  await emu.stop();
});

const settings = (extra: Record<string, unknown> = {}) =>
  parseStackSettings(
    {
      "genesys-flows:environment": "dev",
      "genesys-flows:namePrefix": "dev-",
      "genesys-flows:provider": { gateway: { protocol: "http", host: "127.0.0.1", port: String(emu.port) } },
      ...extra,
    },
    "Pulumi.dev.yaml",
  );

async function published(text: string, token?: string): Promise<{ id: string; at: number }> {
  const job = token === undefined ? await publishOk(emu, text) : await publish(emu, text, token);
  if (job.status !== "Success" || !job.flow)
    throw new Error(`publish failed: ${job.messages.map((m) => m.text).join("\n")}`);
  const flow = emu.store.getFlow(job.flow.id)!;
  return { id: flow.id, at: publishedVersionOf(flow).dateCreated };
}

const pause = () => new Promise((r) => setTimeout(r, 30));

it("logs in with the stack's token or with OAuth client credentials, and names what is missing", async () => {
  const byToken = await connectToOrg({
    stack: "dev",
    settings: settings({ "genesys-flows:accessToken": emu.accessToken }),
    env: {},
  });
  expect(byToken.target).toBe(
    `gateway http://127.0.0.1:${emu.port} (genesys-flows:provider.gateway in Pulumi.dev.yaml)`,
  );
  expect((await byToken.api.get<{ status: string }>("/api/v2/architect/dependencytracking/build"))?.status).toBe(
    "OPERATIONAL",
  );
  const byOauth = await connectToOrg({
    stack: "dev",
    settings: settings(),
    env: { GENESYSCLOUD_OAUTHCLIENT_ID: emu.clientId, GENESYSCLOUD_OAUTHCLIENT_SECRET: emu.clientSecret },
  });
  expect((await byOauth.api.get<{ status: string }>("/api/v2/architect/dependencytracking/build"))?.status).toBe(
    "OPERATIONAL",
  );
  await expect(
    connectToOrg({
      stack: "dev",
      settings: settings(),
      env: { GENESYSCLOUD_OAUTHCLIENT_ID: emu.clientId, GENESYSCLOUD_OAUTHCLIENT_SECRET: "wrong" },
    }),
  ).rejects.toThrow(
    /OAuth login at http:\/\/127.0.0.1:\d+\/oauth\/token answered HTTP 401 \(credentials from GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET\)/,
  );
  await expect(connectToOrg({ stack: "dev", settings: settings(), env: {} })).rejects.toBeInstanceOf(ConnectError);
});

it("reads the org and compares: current, then stale callers in and outside the stack, then drift", async () => {
  const { api, target } = await connectToOrg({
    stack: "dev",
    settings: settings({ "genesys-flows:accessToken": emu.accessToken }),
    env: {},
  });
  const module = await published(commonModuleYaml("dev-Lookup"));
  const sales = await published(inboundCallYaml("dev-Sales", "", "dev-Lookup"));
  const partner = await published(inboundCallYaml("Partner Line", "", "dev-Lookup"));
  const deployment = (modified: { module: number; sales: number }): StackDeployment => ({
    stack: "dev",
    flows: [
      {
        id: "calls/sales",
        file: "flows/calls/sales.yaml",
        kind: "inboundCall",
        isModule: false,
        publishedName: "dev-Sales",
        flowId: sales.id,
        revision: "r2",
        calls: [{ id: "modules/lookup", publishedName: "dev-Lookup" }],
        modified: new Date(modified.sales).toISOString(),
      },
      {
        id: "modules/lookup",
        file: "flows/modules/lookup.yaml",
        kind: "commonModule",
        isModule: true,
        publishedName: "dev-Lookup",
        flowId: module.id,
        revision: "r1",
        calls: [],
        modified: new Date(modified.module).toISOString(),
      },
    ],
  });

  let report = compareWithOrg(
    deployment({ module: module.at, sales: sales.at }),
    await readOrg(api, deployment({ module: module.at, sales: sales.at }), target, 0),
    { clockSkewMs: 0 },
  );
  expect(report.ok).toBe(true);
  expect(report.modules[0].callers.map((c) => [c.publishedName, c.moduleVersion, c.status])).toEqual([
    ["dev-Sales", "1.0", "current"],
  ]);
  expect(report.modules[0].outsideCallers).toEqual([
    {
      flowId: partner.id,
      name: "Partner Line",
      type: "INBOUNDCALLFLOW",
      version: "1.0",
      moduleVersion: "1.0",
      stale: false,
    },
  ]);

  // The stack republishes the module only (a half-finished deploy): its caller is stale.
  await pause();
  const module2 = await published(
    commonModuleYaml("dev-Lookup", ["inboundcall"], "\n    - disconnect:\n        name: Bye"),
  );
  let d = deployment({ module: module2.at, sales: sales.at });
  report = compareWithOrg(d, await readOrg(api, d, target, 0), { clockSkewMs: 0 });
  expect(report.ok).toBe(false);
  expect(report.findings.map((f) => [f.severity, f.code, f.flow])).toEqual([
    ["error", "stale-caller", "dev-Sales"],
    ["warning", "outside-stale", "Partner Line"],
  ]);

  // The stack republishes the caller: current; the outside caller stays stale.
  await pause();
  const sales2 = await published(inboundCallYaml("dev-Sales", "", "dev-Lookup"));
  d = deployment({ module: module2.at, sales: sales2.at });
  report = compareWithOrg(d, await readOrg(api, d, target, 0), { clockSkewMs: 0 });
  expect(report.ok).toBe(true);
  expect(report.modules[0].callers[0]).toMatchObject({ moduleVersion: "2.0", status: "current" });
  expect(report.modules[0].outsideCallers[0]).toMatchObject({
    name: "Partner Line",
    moduleVersion: "1.0",
    stale: true,
  });

  // Someone publishes the caller by hand after the stack's deploy: drift, naming both versions and who.
  await pause();
  const jane = await signIn(emu, {
    clientId: "ops-client",
    clientSecret: "ops-secret",
    username: "jane@example.com",
    password: "pw",
  });
  await published(
    inboundCallYaml("dev-Sales", "\n          - disconnect:\n              name: Early", "dev-Lookup"),
    jane,
  );
  report = compareWithOrg(d, await readOrg(api, d, target, 0), { clockSkewMs: 0 });
  expect(report.ok).toBe(false);
  expect(
    report.drift.map((x) => [x.publishedName, x.stackVersion?.id, x.publishedVersion.id, x.since.map((v) => v.id)]),
  ).toEqual([["dev-Sales", "2.0", "3.0", ["3.0"]]]);
  expect(report.findings[0]).toMatchObject({
    severity: "error",
    code: "drift",
    flow: "dev-Sales",
    file: "flows/calls/sales.yaml",
  });
  expect(report.findings[0].message).toContain("by Jane Doe via Ops Console");
});
