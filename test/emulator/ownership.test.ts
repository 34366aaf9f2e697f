// The ownership guard's I/O edge (run/ownership/guard.ts) over real HTTP: it finds a flow of the
// name in any case (Genesys names are unique case-insensitively), signed in as the provider would,
// and refuses to publish over it unless the stack adopts it or has it in state. The state is
// handed in.
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { LOOKUP_CONCURRENCY, ownershipRefusals, type OwnershipIo } from "../../run/ownership/guard";
import { engineConnect } from "../../run/engineRun";
import { connectToOrg } from "../../org/signIn";
import { findFlowsByName, readOrganization } from "../../org/flows";
import { plan, type FlowSpec } from "../../testkit/portfolio";
import { publish } from "../../testkit/emulator";
import { inboundCallYaml } from "../../testkit/archyFlows";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({});
});
afterAll(async () => {
  await emu.stop();
});

const CALL = {
  kind: "inboundCall",
  name: "Sales",
  start: "Bye",
  nodes: { Bye: { type: "disconnect" } },
};

const gateway = () => ({ gateway: { protocol: "http", host: "127.0.0.1", port: String(emu.port) } });
const portfolio = (flows: Record<string, unknown>) =>
  plan({ "calls/sales": CALL }, { namePrefix: "own-", provider: gateway(), accessToken: emu.accessToken, flows });

function io(exportJson: string): OwnershipIo & { connects: number } {
  const result = {
    connects: 0,
    readExport: async () => exportJson,
    connect: async () => {
      result.connects++;
      return connectToOrg({ stack: "test", settings: portfolio({}).settings, env: {} });
    },
    // The run reads which org it reached once, over its own connection (run/stackRun.ts organization).
    organization: async () =>
      readOrganization((await connectToOrg({ stack: "test", settings: portfolio({}).settings, env: {} })).api),
  };
  return result;
}

const EMPTY_STATE = JSON.stringify({ deployment: { resources: [] } });

it("finds a flow of a name in any case and type only, every page", async () => {
  const { api } = await connectToOrg({ stack: "test", settings: portfolio({}).settings, env: {} });
  const made = await publish(emu, inboundCallYaml("own-SALES"));
  const found = await findFlowsByName(api, "own-Sales", "INBOUNDCALL");
  expect(found.map((f) => [f.flowId, f.name])).toEqual([[made.flow!.id, "own-SALES"]]);
  expect(await findFlowsByName(api, "own-Sales", "INBOUNDEMAIL")).toEqual([]);
  expect(await findFlowsByName(api, "own-Sal", "INBOUNDCALL")).toEqual([]);
});

it("refuses a new flow whose name a flow made by hand holds; allows it when adopted or in state (looked up too)", async () => {
  const handMade = emu.store.findActive("INBOUNDCALL", "own-sales")!;
  const fresh = io(EMPTY_STATE);
  const refused = (await ownershipRefusals(portfolio({}), fresh)).refusal;
  expect(refused).toContain(
    `flows/calls/sales.yaml (flow calls/sales) publishes "own-Sales" (INBOUNDCALL), but the org already has flow ${handMade.id} "own-SALES"`,
  );
  expect(refused).toContain(`flows.calls/sales.adopt: ${handMade.id} under genesys-flows:flows in Pulumi.test.yaml`);
  expect(fresh.connects).toBe(1);

  expect(
    (await ownershipRefusals(portfolio({ "calls/sales": { adopt: handMade.id } }), io(EMPTY_STATE))).refusal,
  ).toBeUndefined();

  const inState = JSON.stringify({
    deployment: {
      resources: [
        {
          urn: "urn:pulumi:test::genesys-flows::genesys-flows:index:InteractionFlow$genesyscloud:index/flow:Flow::calls/sales",
          type: "genesyscloud:index/flow:Flow",
          id: handMade.id,
          outputs: { name: "own-SALES" },
        },
      ],
    },
  });
  const known = io(inState);
  const outcome = await ownershipRefusals(portfolio({}), known);
  // What the state holds for each flow comes back too (the program reads adopted flows it does not manage yet: planner/adoption.ts).
  expect(outcome).toEqual({
    notes: [],
    org: { id: expect.any(String), name: "Genesys Flows Local Emulator" },
    inState: new Map([["calls/sales", "managed"]]),
  });
  expect(known.connects).toBe(1);
});

it("a flow of the state deleted in the org and rebuilt by hand under its name is refused; deleted and not rebuilt, a warning", async () => {
  const made = await publish(emu, inboundCallYaml("own-Rebuilt"));
  const stateOf = (flowId: string) =>
    JSON.stringify({
      deployment: {
        resources: [
          {
            urn: "urn:pulumi:test::genesys-flows::genesys-flows:index:InteractionFlow$genesyscloud:index/flow:Flow::calls/rebuilt",
            type: "genesyscloud:index/flow:Flow",
            id: flowId,
            outputs: { name: "own-Rebuilt" },
          },
        ],
      },
    });
  const rebuilt = plan(
    { "calls/rebuilt": { ...CALL, name: "Rebuilt" } },
    { namePrefix: "own-", provider: gateway(), accessToken: emu.accessToken },
  );
  // The state has a flow id the org no longer has under that name; the org's flow of the name is another.
  const refused = (await ownershipRefusals(rebuilt, io(stateOf("deleted-0000")))).refusal;
  expect(refused).toContain(
    `this stack published it as flow deleted-0000, but the org's flow of that name and type is now flow ${made.flow!.id} "own-Rebuilt"`,
  );
  expect(refused).toContain(`flows.calls/rebuilt.adopt: ${made.flow!.id}`);
  // The state's flow is the org's: fine. Gone with nothing in its place: a warning, not a refusal.
  expect((await ownershipRefusals(rebuilt, io(stateOf(made.flow!.id)))).refusal).toBeUndefined();
  const gone = plan(
    { "calls/gone": { ...CALL, name: "Gone" } },
    { namePrefix: "own-", provider: gateway(), accessToken: emu.accessToken },
  );
  const goneState = JSON.stringify({
    deployment: {
      resources: [
        {
          urn: "urn:pulumi:test::genesys-flows::genesys-flows:index:InteractionFlow$genesyscloud:index/flow:Flow::calls/gone",
          type: "genesyscloud:index/flow:Flow",
          id: "deleted-0001",
          outputs: { name: "own-Gone" },
        },
      ],
    },
  });
  const outcome = await ownershipRefusals(gone, io(goneState));
  expect(outcome.refusal).toBeUndefined();
  expect(outcome.notes).toEqual([
    expect.stringContaining('flow deleted-0001 "own-Gone", which this stack published, is no longer in the org'),
  ]);
});

it("a stack whose state recorded another org, or whose stack file pins another, stops before any lookup, naming both orgs", async () => {
  const other = JSON.stringify({
    deployment: {
      resources: [
        {
          urn: "urn:pulumi:test::genesys-flows::pulumi:pulumi:Stack::genesys-flows-test",
          type: "pulumi:pulumi:Stack",
          outputs: { org: { id: "org-prod", name: "Prod" } },
        },
      ],
    },
  });
  const since = emu.requestLog.list().at(-1)?.seq ?? 0;
  const outcome = await ownershipRefusals(portfolio({}), io(other));
  expect(outcome.refusal).toContain(
    'stack "test" deployed to org org-prod "Prod" (recorded in its state), but its provider settings reach org',
  );
  expect(outcome.refusal).toContain('"Genesys Flows Local Emulator"');
  expect(emu.requestLog.list().filter((e) => e.seq > since && e.operation === "flow.list")).toEqual([]);
  const pinned = plan(
    { "calls/sales": CALL },
    { namePrefix: "own-", provider: gateway(), accessToken: emu.accessToken, orgId: "org-prod" },
  );
  expect((await ownershipRefusals(pinned, io(EMPTY_STATE))).refusal).toContain(
    'stack "test" belongs to org org-prod (genesys-flows:orgId in Pulumi.test.yaml)',
  );
});

it("a state that cannot be read or an org that refuses the sign-in stops the run, saying what failed", async () => {
  await expect(ownershipRefusals(portfolio({}), io("not json"))).rejects.toThrow(
    /cannot check that the stack's new flow names are free in the org \(reading the stack's state\)/,
  );
  const badOrg: OwnershipIo = {
    readExport: async () => EMPTY_STATE,
    connect: async () => Promise.reject(new Error("HTTP 401")),
    organization: async () => Promise.reject(new Error("HTTP 401")),
  };
  await expect(ownershipRefusals(portfolio({}), badOrg)).rejects.toThrow(/\(signing in to the org\): HTTP 401/);
});

it("the engine's sign-in retries rate limits and outages on the lookups (as the provider's SDK does)", async () => {
  const { api } = await engineConnect("test", portfolio({}).settings, {});
  emu.setFaults({ rateLimitShare: 0.5, unavailableShare: 0.1, retryAfterSeconds: 1, seed: 11 });
  try {
    const mark = emu.requestLog.list().at(-1)?.seq ?? 0;
    for (let i = 0; i < 4; i++)
      expect((await findFlowsByName(api, "own-Sales", "INBOUNDCALL")).map((f) => f.name)).toEqual(["own-SALES"]);
    expect(emu.requestLog.list().filter((e) => e.seq > mark && e.fault !== undefined).length).toBeGreaterThan(0);
  } finally {
    emu.setFaults({});
  }
});

it("looks a few new names up one by one, at once; lists each type once for more, and reports the refusals in the portfolio's order", async () => {
  const bulk = (count: number, prefix: string) => {
    const files: Record<string, FlowSpec> = {};
    for (let i = 0; i < count; i++)
      files[`calls/${prefix.toLowerCase()}-${String(i).padStart(2, "0")}`] = {
        ...CALL,
        name: `${prefix}${String(i).padStart(2, "0")}`,
      };
    return plan(files, { namePrefix: "own-", provider: gateway(), accessToken: emu.accessToken });
  };
  await publish(emu, inboundCallYaml("own-Bulk03"));
  await publish(emu, inboundCallYaml("own-Bulk09"));
  await publish(emu, inboundCallYaml("own-few02"));
  emu.setFaults({ latencyMs: 100 });
  const lists = (since: number) => emu.requestLog.list().filter((e) => e.seq > since && e.operation === "flow.list");
  try {
    // One round of lookups: a request per name, overlapping.
    let since = emu.requestLog.list().at(-1)?.seq ?? 0;
    const few = (await ownershipRefusals(bulk(LOOKUP_CONCURRENCY, "Few"), io(EMPTY_STATE))).refusal;
    expect(few).toContain('publishes "own-Few02"');
    const lookups = lists(since);
    expect(lookups).toHaveLength(LOOKUP_CONCURRENCY);
    expect(lookups.every((e) => /(^|&)name=/.test(e.query))).toBe(true);
    const spans = lookups.map((e) => [Date.parse(e.timestamp), Date.parse(e.timestamp) + e.durationMs]);
    const overlapping = Math.max(...spans.map(([s]) => spans.filter(([a, b]) => a <= s && s < b).length));
    expect(overlapping).toBeGreaterThan(1);

    // More names: the type listed once (one page), the same verdicts.
    since = emu.requestLog.list().at(-1)?.seq ?? 0;
    const refused = (await ownershipRefusals(bulk(12, "Bulk"), io(EMPTY_STATE))).refusal;
    expect(refused).toBeDefined();
    const at = (name: string) => refused!.indexOf(`publishes "${name}"`);
    expect(at("own-Bulk03")).toBeGreaterThanOrEqual(0);
    expect(at("own-Bulk09")).toBeGreaterThan(at("own-Bulk03"));
    expect(refused).not.toContain("own-Bulk04");
    expect(lists(since).map((e) => e.query)).toEqual([expect.stringMatching(/^(?!.*name=).*type=inboundcall/)]);
  } finally {
    emu.setFaults({});
  }
});
