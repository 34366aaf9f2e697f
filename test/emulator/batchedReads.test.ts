// What verify and the read of people's work cost the org at N = 500 (issue 78.4), counted in the
// emulator's request log over real HTTP: the flows are read 50 a request (GET /api/v2/flows?id=..),
// a flow's version list only where it tells something (a version since the stack's deploy, a lock,
// a newer draft, version numbers the stack's releases skipped: a person's version it overwrote,
// issue 89.1), and a module's consumers a page of 100 at a time, a consumer's consumed resources
// only when it does not run the module's current version. Besides those pages, one sign-in, one
// GET /api/v2/tokens/me and verify's one dependency-tracking status: never a request per flow.
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import type { Dependency } from "../../emulator/store";
import type { OperationKind } from "../../emulator/requestLog";
import { parseStackSettings } from "../../planner/stackSettings";
import type { DeployedFlow, StackDeployment } from "../../org/model";
import { connectToOrg } from "../../org/signIn";
import type { OrgStateOfRun } from "../../org/personChanges";
import { orgStateOfFlows } from "../../run/people/decision";
import { verifyStack, type StackContext } from "../../run/verifyStack";
import { flowToRead } from "../../verify/people/changesOfFlows";
import { tempProject } from "../../testkit/tempProject";

const N = 500;
/** Callers of the module (a module change reaches them); the other flows call nothing. */
const CALLERS = 125;
const ARCHY = "inboundCall:\n  name: x\n";

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

const settings = () =>
  parseStackSettings(
    {
      "genesys-flows:environment": "dev",
      "genesys-flows:namePrefix": "dev-",
      "genesys-flows:accessToken": emu.accessToken,
      "genesys-flows:provider": { gateway: { protocol: "http", host: "127.0.0.1", port: String(emu.port) } },
    },
    "Pulumi.dev.yaml",
  );

/** Publishes as the stack's own client does (the access token's client, no user): the org's store, straight. */
function publish(
  name: string,
  type: "COMMONMODULE" | "INBOUNDCALL",
  at: number,
  dependencies: Dependency[] = [],
): { flowId: string; version: string } {
  const actor = { client: { id: emu.clientId, name: "Emulator API Client" } };
  const { flow, version } = emu.store.publish(
    {
      type,
      name,
      description: "",
      divisionName: "Home",
      text: ARCHY,
      sha256: name,
      supportedLanguages: ["en-us"],
      dependencies,
      actor,
    },
    at,
  );
  return { flowId: flow.id, version: version.id };
}

/** The stack: a module, CALLERS flows calling it, the rest calling nothing; every flow deployed at `at` and recorded a second later. */
function deployStack(at: number): StackDeployment {
  const module = publish("dev-Lookup", "COMMONMODULE", at);
  const recorded = new Date(at + 1000).toISOString();
  // Each flow as its first release recorded it (planner/releases.ts releasedVersions): version 1.0.
  const flows: DeployedFlow[] = [
    {
      id: "modules/lookup",
      file: "flows/modules/lookup.yaml",
      kind: "commonModule",
      isModule: true,
      publishedName: "dev-Lookup",
      flowId: module.flowId,
      revision: "m1",
      calls: [],
      modified: recorded,
      releasedVersions: [module.version],
    },
  ];
  for (let i = 1; i < N; i++) {
    const calls = i <= CALLERS;
    const name = `dev-Flow${i}`;
    const f = publish(
      name,
      "INBOUNDCALL",
      at,
      calls ? [{ flowId: module.flowId, name: "dev-Lookup", type: "COMMONMODULE", versionId: module.version }] : [],
    );
    flows.push({
      id: `calls/flow${i}`,
      file: `flows/calls/flow${i}.yaml`,
      kind: "inboundCall",
      isModule: false,
      publishedName: name,
      flowId: f.flowId,
      revision: `c${i}`,
      calls: calls ? [{ id: "modules/lookup", publishedName: "dev-Lookup" }] : [],
      modified: recorded,
      releasedVersions: [f.version],
    });
  }
  return { stack: "dev", flows };
}

/** The requests `run` makes, by operation. */
async function counted(run: () => Promise<unknown>): Promise<Partial<Record<OperationKind, number>>> {
  emu.requestLog.clear();
  await run();
  const out: Partial<Record<OperationKind, number>> = {};
  for (const e of emu.requestLog.list()) out[e.operation] = (out[e.operation] ?? 0) + 1;
  return out;
}

const FLOW_READS = Math.ceil(N / 50);

test(`verify and the read of people's work at N = ${N}: a request per 50 flows, versions only where they tell something`, async () => {
  const t0 = Date.now() - 3_600_000;
  let deployment = deployStack(t0);
  const ctx: StackContext = {
    root: tempProject({}),
    stack: "dev",
    settings: settings(),
    env: {},
    deployment: async () => deployment,
    connect: () => connectToOrg({ stack: "dev", settings: settings(), env: {} }),
  };

  // An unchanged stack: the flows in 10 requests; the module's consumers in 2 pages, and those running
  // its current version in 2 more (every caller does: no consumed resources read).
  let report = await verifyStack(ctx);
  expect(report.ok).toBe(true);
  expect(report.modules[0].callers.filter((c) => c.status === "current")).toHaveLength(CALLERS);
  const unchanged = {
    "flow.list": FLOW_READS,
    "token.get": 1,
    "dependencytracking.build": 1,
    "dependencytracking.consumers": 4,
  };
  expect(await counted(() => verifyStack(ctx))).toEqual(unchanged);

  // A module change: the run reads people's work on the flows it publishes (the module and its
  // callers), 50 a request; after the publishes, verify costs what it did on the unchanged stack.
  const touched = deployment.flows
    .filter((f) => f.id === "modules/lookup" || f.calls.length > 0)
    .map((f) => flowToRead(f, f.isModule ? "COMMONMODULE" : "INBOUNDCALL"));
  expect(touched).toHaveLength(CALLERS + 1);
  let state: OrgStateOfRun | undefined;
  expect(
    await counted(
      async () =>
        (state = await orgStateOfFlows({ stack: "dev", settings: settings(), connect: ctx.connect! }, touched)),
    ),
  ).toEqual({ "flow.list": Math.ceil((CALLERS + 1) / 50), "token.get": 1 });
  expect(state).toMatchObject({ checked: true, changes: [] });
  const t1 = t0 + 600_000;
  const module = publish("dev-Lookup", "COMMONMODULE", t1);
  for (const f of deployment.flows.filter((x) => x.calls.length > 0))
    publish(f.publishedName, "INBOUNDCALL", t1, [
      { flowId: module.flowId, name: "dev-Lookup", type: "COMMONMODULE", versionId: module.version },
    ]);
  const republished = new Set(touched.map((f) => f.flow));
  deployment = {
    ...deployment,
    flows: deployment.flows.map((f) =>
      republished.has(f.id)
        ? {
            ...f,
            revision: `${f.revision}'`,
            modified: new Date(t1 + 1000).toISOString(),
            releasedVersions: [...(f.releasedVersions ?? []), "2.0"],
          }
        : f,
    ),
  };
  expect(await counted(async () => (report = await verifyStack(ctx)))).toEqual(unchanged);
  expect(report.ok).toBe(true);

  // People at work on two flows: a version published since the deploy, a lock with a draft. Only
  // their version lists are read (and, for the published one, nothing more: it is verify's drift).
  const published = deployment.flows[200];
  emu.store.publish(
    {
      type: "INBOUNDCALL",
      name: published.publishedName,
      description: "",
      divisionName: "Home",
      text: ARCHY,
      sha256: "theirs",
      supportedLanguages: ["en-us"],
      dependencies: [],
      actor: { user: { id: "u1", name: "Jane Doe" }, client: { id: "ops-client", name: "Ops Console" } },
    },
    Date.now(),
  );
  const locked = deployment.flows[300];
  expect(
    emu.store.checkout(locked.flowId, {
      user: { id: "u1", name: "Jane Doe" },
      client: { id: "ops-client", name: "Ops Console" },
    }),
  ).toMatchObject({ kind: "ok" });
  expect(await counted(async () => (report = await verifyStack(ctx)))).toEqual({
    ...unchanged,
    "flow.versions.list": 2,
  });
  expect(report.findings.map((f) => [f.code, f.flow])).toEqual(
    expect.arrayContaining([
      ["drift", published.publishedName],
      ["locked", locked.publishedName],
    ]),
  );

  // A person's version the stack overwrote since (issue 89.1): Jane publishes 2.0, the stack 3.0 over
  // it, and its release records 1.0 and 3.0. The org publishes the stack's own version, newer than
  // nothing the record says, with no lock or draft; the numbers the releases skipped are the
  // evidence: that flow's version list is read too (one request), and verify reports the burial.
  const buried = deployment.flows[400];
  emu.store.publish(
    {
      type: "INBOUNDCALL",
      name: buried.publishedName,
      description: "",
      divisionName: "Home",
      text: ARCHY,
      sha256: "janes",
      supportedLanguages: ["en-us"],
      dependencies: [],
      actor: { user: { id: "u1", name: "Jane Doe" }, client: { id: "ops-client", name: "Ops Console" } },
    },
    t1 + 2000,
  );
  const ours = publish(buried.publishedName, "INBOUNDCALL", t1 + 4000);
  deployment = {
    ...deployment,
    flows: deployment.flows.map((f) =>
      f.id === buried.id
        ? {
            ...f,
            revision: `${f.revision}'`,
            modified: new Date(t1 + 5000).toISOString(),
            releasedVersions: ["1.0", ours.version],
          }
        : f,
    ),
  };
  expect(ours.version).toBe("3.0");
  expect(await counted(async () => (report = await verifyStack(ctx)))).toEqual({
    ...unchanged,
    "flow.versions.list": 3,
  });
  expect(report.findings.filter((f) => f.code === "overwritten").map((f) => [f.flow, f.message])).toEqual([
    [
      buried.publishedName,
      expect.stringMatching(/\(its version 3\.0\), their version preserved as 2\.0 \(by Jane Doe via Ops Console\)$/),
    ],
  ]);

  // verify --versions: every flow's version list, as before issue 78.4.
  expect(await counted(() => verifyStack(ctx, { allVersions: true }))).toEqual({
    ...unchanged,
    "flow.versions.list": N,
  });

  // Those version lists are read a few at a time (org/client.ts READS_IN_FLIGHT), not one after
  // another: with 100 ms a request, a read arrives before the one before it was answered (one after
  // another, each arrives after the answer to the last: never, however slow the machine).
  emu.setFaults({ latencyMs: 100 });
  const few = deployment.flows.slice(0, 24);
  try {
    await counted(() =>
      verifyStack({ ...ctx, deployment: async () => ({ ...deployment, flows: few }) }, { allVersions: true }),
    );
  } finally {
    emu.setFaults({ latencyMs: 0 });
  }
  const reads = emu.requestLog.list().filter((e) => e.operation === "flow.versions.list");
  expect(reads).toHaveLength(few.length);
  const answered = (e: (typeof reads)[number]) => Date.parse(e.timestamp) + e.durationMs;
  expect(reads.some((e, i) => i > 0 && Date.parse(e.timestamp) < answered(reads[i - 1]))).toBe(true);
});

test("GET /api/v2/flows by id uses no other search parameter (the spec's description), deleted flows included; paging still applies", async () => {
  const a = publish("dev-ById-A", "INBOUNDCALL", Date.now());
  const b = publish("dev-ById-B", "COMMONMODULE", Date.now());
  expect(emu.store.deleteFlow(b.flowId, Date.now())).toMatchObject({ kind: "deleted" });
  const list = async (query: string) => {
    const res = await fetch(`${emu.url}/api/v2/flows?${query}`, {
      headers: { authorization: `Bearer ${emu.accessToken}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { entities: Array<{ id: string; deleted: boolean }>; pageCount: number };
  };
  const both = await list(
    `id=${a.flowId}&id=${b.flowId}&type=inboundcall&name=nothing-like-it&deleted=false&publishedAfter=2100-01-01T00:00:00Z`,
  );
  expect(both.entities.map((e) => [e.id, e.deleted]).sort()).toEqual(
    [
      [a.flowId, false],
      [b.flowId, true],
    ].sort(),
  );
  const paged = await list(`id=${a.flowId}&id=${b.flowId}&pageSize=1&pageNumber=2`);
  expect([paged.entities.length, paged.pageCount]).toEqual([1, 2]);
  // Without ids, the search parameters select as before.
  expect((await list(`name=dev-ById&type=inboundcall`)).entities.map((e) => e.id)).toEqual([a.flowId]);
});
