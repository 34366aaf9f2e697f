// Issue 97, "after any stop or race, a name is the stack's only when the org says so", end to end
// with the real engine, provider and policy pack against the emulator. A flow component the state
// holds with no flow under it (a run killed after its claim, a race lost) is not yet the stack's:
// the next run looks the name up and claims it as a new flow's, whatever starts the engine (npm run
// up, a user's own pulumi, a team's Automation API program). Steps run in order.
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { createProject, exportState, policyArgs, publishedFlows, runCli, startPulumi, waitFor, type E2eProject, type PulumiResult, type ToolRun } from "../../testkit/harness";
import { publish, signIn } from "../../testkit/emulator";
import { inboundCallYaml } from "../../testkit/archyFlows";
import { LOOKUP, callFlow } from "../../testkit/fixtures";

jest.setTimeout(15 * 60_000);

const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
const OPS = { id: "ops-client", secret: "ops-secret", name: "Architect" };
const JANE = { name: "Jane Doe", username: "jane@example.com", password: "jane-pw" };
const WRITES = ["job.create", "job.upload", "flow.unlock", "flow.delete"] as const;
const out = (r: ToolRun | PulumiResult) => r.stdout + r.stderr;
function ok<T extends ToolRun | PulumiResult>(r: T): T {
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${out(r).slice(-6000)}`);
  return r;
}

/** Protects the copy's local stack as docs/people-in-the-org.md says (prod-force-unlock mandatory, forceUnlock off). */
function protect(p: E2eProject): void {
  const config = JSON.parse(p.read("policies/config/local.json")) as Record<string, unknown>;
  config["prod-force-unlock"] = { enforcementLevel: "mandatory", environments: ["local"] };
  p.write("policies/config/local.json", JSON.stringify(config, null, 2) + "\n");
  p.editConfig((c) => {
    c.forceUnlock = false;
  });
}

/** Runs `run` and asserts it failed with nothing written to the org (claims included) and every published version as before; its output. */
async function refusedUnchanged(p: E2eProject, run: () => Promise<ToolRun | PulumiResult>): Promise<string> {
  const before = publishedFlows(p.emulator);
  const claims = p.emulator.store.claims.snapshot();
  const mark = p.mark();
  const r = await run();
  expect({ code: r.code === 0 ? 0 : "failed" }).toEqual({ code: "failed" });
  for (const op of [...WRITES, "flow.create"] as const) expect({ op, n: p.count(op, mark) }).toEqual({ op, n: 0 });
  for (const [name, f] of publishedFlows(p.emulator)) expect({ name, version: f.version }).toEqual({ name, version: before.get(name)?.version });
  expect(p.emulator.store.claims.snapshot()).toEqual(claims);
  return out(r);
}

describe("a protected stack: a run killed after its claim on a new name, then a person publishes that name by hand", () => {
  let p: E2eProject;
  let armed = false;
  let personsFlow = "";
  const CLAIMED = "local-ClaimTest";

  beforeAll(async () => {
    p = await createProject({
      flows: { "modules/lookup.yaml": y(LOOKUP), "calls/sales.yaml": y(callFlow("Sales", "Lookup", "address", "Sales")) },
      emulator: {
        people: { clients: [OPS], users: [JANE] },
        // The run's claim made: every later request of the run waits, so the kill lands before its publish.
        onRequestBody: (e) => {
          if (armed && e.method === "POST" && e.path === "/api/v2/flows") p.emulator.setFaults({ latencyMs: 60_000 });
        },
      },
    });
    protect(p);
    ok(await runCli(p, ["up", "--stack", "local"]));
  });
  afterAll(async () => {
    await p?.cleanup();
  });

  it("1. a new flow's run is killed after its claim, before anything publishes; pulumi cancel clears the lock", async () => {
    p.write("flows/calls/claimtest.yaml", y({ kind: "inboundCall", name: "ClaimTest", start: "Bye", nodes: { Bye: { type: "disconnect" } } }));
    armed = true;
    const run = startPulumi(p, ["up", "--yes", "--skip-preview", "--stack", "local", ...policyArgs("local")]);
    await waitFor(() => p.emulator.store.claims.snapshot().length > 0, "the run's claim", 8 * 60_000);
    run.killGroup();
    await run.done;
    armed = false;
    p.emulator.setFaults({});
    expect(publishedFlows(p.emulator).has(CLAIMED)).toBe(false);
    ok(await p.pulumi(["cancel", "--yes", "--stack", "local"]));
    const state = await exportState(p);
    expect(state.pendingOperations.map((o) => [o.type, o.resource.urn.split("::").pop()])).toEqual([["creating", "calls/claimtest"]]);
  });

  it("2. a person publishes that name by hand: npm run up, plain pulumi up and the Automation API each stop before anything publishes, naming the person's flow", async () => {
    const jane = await signIn(p.emulator, { clientId: OPS.id, clientSecret: OPS.secret, username: JANE.username, password: JANE.password });
    const job = await publish(p.emulator, inboundCallYaml(CLAIMED), jane);
    expect(job.status).toBe("Success");
    personsFlow = job.flow!.id;
    const named = new RegExp(`publishes "${CLAIMED}" \\(INBOUNDCALL\\), but the org already has flow ${personsFlow} "${CLAIMED}"[^]*its version 1\\.0 was published by Jane Doe via Architect`);
    expect(await refusedUnchanged(p, () => runCli(p, ["up", "--stack", "local"]))).toMatch(named);
    expect(await refusedUnchanged(p, () => p.ownPulumi(["up", "--yes", "--skip-preview", "--stack", "local", ...policyArgs("local")]))).toMatch(named);
    expect(await refusedUnchanged(p, () => p.ownAutomation("up"))).toMatch(named);
    expect(publishedFlows(p.emulator).get(CLAIMED)).toMatchObject({ id: personsFlow, version: 1 });
  });

  it("3. the documented recovery (the person's flow imported as printed, the stack's file of that name removed): the left claim is gone, verify --versions names the person's version", async () => {
    fs.rmSync(path.join(p.dir, "flows/calls/claimtest.yaml"));
    ok(await runCli(p, ["import", "--stack", "local", "--prefix", CLAIMED]));
    const mark = p.mark();
    const up = ok(await runCli(p, ["up", "--stack", "local"]));
    console.log(out(up).slice(-3000));
    expect(p.count("job.create", mark)).toBe(0);
    expect(p.emulator.store.claims.snapshot()).toEqual([]);
    expect(publishedFlows(p.emulator).get(CLAIMED)).toMatchObject({ id: personsFlow, version: 1 });
    const verify = await runCli(p, ["verify", "--stack", "local", "--versions"]);
    console.log(out(verify));
    expect(out(verify)).toMatch(/version 1\.0[^\n]*Jane Doe/);
  });
});

describe("two checkouts racing on a new flow, a new schedule and a new DID pool", () => {
  const both: E2eProject[] = [];
  afterAll(async () => {
    for (const p of both) await p.cleanup();
  });
  const ROUTING = {
    "schedules/weekdays.yaml": y({ kind: "schedule", name: "Weekdays", start: "2026-01-05T08:00:00", end: "2026-01-05T18:00:00", rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" }),
    "numbers/indy.yaml": y({ kind: "didPool", numbers: { from: "+13175550100", to: "+13175550199" } }),
  };
  const FLOWS = { "calls/race.yaml": y({ kind: "inboundCall", name: "Race", start: "Bye", nodes: { Bye: { type: "disconnect" } } }) };
  /** Each object's owners: the checkouts whose state holds it. */
  const owners = async (id: (s: Awaited<ReturnType<typeof exportState>>) => boolean) => (await Promise.all(both.map((p) => exportState(p)))).map(id);

  it("one owner each; the loser's next runs (npm run up, plain pulumi up) are refused before anything is created, naming the owner; verify says nothing false", async () => {
    for (let i = 0; i < 2; i++) both.push(await createProject({ flows: FLOWS, routing: ROUTING, orgObjects: "fixed" }));
    const org = both[0].emulator;
    org.setFaults({ jobCompletionDelayMs: 3000 });
    for (const p of both) {
      p.editConfig((c) => {
        c.accessToken = org.accessToken;
        c.provider = { ...(c.provider as Record<string, unknown>), gateway: { protocol: "http", host: "127.0.0.1", port: String(org.port) } };
      });
    }
    const first = await Promise.all([runCli(both[0], ["up", "--stack", "local"]), both[1].ownPulumi(["up", "--yes", "--skip-preview", "--stack", "local", ...policyArgs("local")])]);
    for (const r of first) expect(out(r)).not.toMatch(/API Error: 4\d\d|already exists|is locked by another entity/);
    org.setFaults({});
    const flowId = publishedFlows(org).get("local-Race")!.id;
    const schedule = org.store.routing.list("schedule");
    const pools = org.store.routing.list("didPool");
    expect([publishedFlows(org).get("local-Race")!.version, schedule.length, pools.length]).toEqual([1, 1, 1]);
    const holds = (objectId: string) => (s: Awaited<ReturnType<typeof exportState>>) => s.resources.some((r) => r.id === objectId);
    const flowOwners = await owners(holds(flowId));
    const scheduleOwners = await owners(holds(schedule[0].id));
    const poolOwners = await owners(holds(pools[0].id));
    for (const o of [flowOwners, scheduleOwners, poolOwners]) expect(o.filter(Boolean)).toHaveLength(1);
    for (let i = 0; i < 2; i++) {
      const p = both[i];
      const lost = [flowOwners[i] ? [] : [flowId], scheduleOwners[i] ? [] : [schedule[0].id], poolOwners[i] ? [] : [pools[0].id]].flat();
      if (lost.length === 0) {
        // The winner of everything: its verify says what is so.
        ok(await runCli(p, ["verify", "--stack", "local"]));
        continue;
      }
      for (const run of [() => runCli(p, ["up", "--stack", "local"]), () => p.ownPulumi(["up", "--yes", "--skip-preview", "--stack", "local", ...policyArgs("local")])]) {
        const mark = p.mark();
        const text = out(await run());
        for (const id of lost) expect(text).toContain(id);
        expect(text).toContain("which this stack does not manage");
        for (const op of ["job.create", "flow.create", "routing.create"] as const) expect({ op, n: p.count(op, mark) }).toEqual({ op, n: 0 });
      }
    }
    expect(org.store.claims.snapshot()).toEqual([]);
  });
});

describe("answers of the org the claim rests on: under each, the run names the behaviour and the fix, and no claim is left", () => {
  let p: E2eProject;
  afterEach(async () => {
    await p?.cleanup();
  });
  const flow = (name: string) => y({ kind: "inboundCall", name, start: "Bye", nodes: { Bye: { type: "disconnect" } } });

  it("claimPublish=refused and claimDelete=needsUnlock, claimNewNames true: the first run fails naming claimPublish and the fix; after it (false) the next run deploys, its claims unlocked and deleted", async () => {
    p = await createProject({ flows: { "calls/one.yaml": flow("One") }, settings: { claimNewNames: "true" }, emulator: { behave: { claimPublish: "refused", claimDelete: "needsUnlock" } } });
    const failed = await runCli(p, ["up", "--stack", "local"]);
    expect(failed.code).not.toBe(0);
    expect(out(failed)).toContain("(claimPublish, docs/assumptions.md): set genesys-flows:claimNewNames: false in Pulumi.local.yaml");
    p.editConfig((c) => {
      c.claimNewNames = "false";
    });
    ok(await runCli(p, ["up", "--stack", "local"]));
    expect(publishedFlows(p.emulator).get("local-One")?.version).toBe(1);
    expect(p.emulator.store.claims.snapshot()).toEqual([]);
  });

  it("claimListed=hidden, claimNewNames true then false: each new flow deploys and no claim is left", async () => {
    p = await createProject({ flows: { "calls/one.yaml": flow("One") }, settings: { claimNewNames: "true" }, emulator: { behave: { claimListed: "hidden" } } });
    ok(await runCli(p, ["up", "--stack", "local"]));
    p.write("flows/calls/two.yaml", flow("Two"));
    p.editConfig((c) => {
      c.claimNewNames = "false";
    });
    ok(await runCli(p, ["up", "--stack", "local"]));
    expect([...publishedFlows(p.emulator).keys()].sort()).toEqual(["local-One", "local-Two"]);
    expect(p.emulator.store.claims.snapshot()).toEqual([]);
  });
});
