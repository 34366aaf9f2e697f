// Issue 97, "after any stop or race, a name is the stack's only when the org says so", end to end
// with the real engine, provider and policy pack against the emulator. A flow component the state
// holds with no flow under it (a run killed after its claim, a race lost) is not yet the stack's:
// the next run looks the name up and claims it as a new flow's, whatever starts the engine (npm run
// up, a user's own pulumi, a team's Automation API program). Two checkouts racing on a new flow, a
// schedule and a DID pool leave one owner each, the loser refused by the project's own words. Under
// each answer of the org the claim rests on, the run names the behaviour and the fix and leaves no
// claim behind. Steps run in order.
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { createProject, exportState, policyArgs, publishedFlows, runCli, startPulumi } from "../../testkit/harness";
import { waitFor } from "../../testkit/harness";
import type { E2eProject, ExportedState, PulumiResult, ToolRun } from "../../testkit/harness";
import { publish, signIn } from "../../testkit/emulator";
import { inboundCallYaml } from "../../testkit/archyFlows";
import { LOOKUP, callFlow } from "../../testkit/fixtures";

jest.setTimeout(15 * 60_000);

const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
const BYE = { Bye: { type: "disconnect" } };
const standalone = (name: string) => y({ kind: "inboundCall", name, start: "Bye", nodes: BYE });
const OPS = { id: "ops-client", secret: "ops-secret", name: "Architect" };
const JANE = { name: "Jane Doe", username: "jane@example.com", password: "jane-pw" };
const AS_JANE = { clientId: OPS.id, clientSecret: OPS.secret, username: JANE.username, password: JANE.password };
const BY_JANE = "Jane Doe via Architect";
const SALES = y(callFlow("Sales", "Lookup", "address", "Sales"));
const WRITES = ["job.create", "job.upload", "flow.unlock", "flow.delete", "flow.create"] as const;
const out = (r: ToolRun | PulumiResult) => r.stdout + r.stderr;
function ok<T extends ToolRun | PulumiResult>(r: T): T {
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${out(r).slice(-6000)}`);
  return r;
}
/** A user's own `pulumi up` in the copy (`genesys-flows env`), with the policy pack. */
const UP = ["up", "--yes", "--skip-preview", "--stack", "local", ...policyArgs("local")];
const ownUp = (p: E2eProject) => p.ownPulumi(UP);

/** Protects the copy's local stack as docs/people-in-the-org.md says (prod-force-unlock mandatory, forceUnlock off). */
function protect(p: E2eProject): void {
  const config = JSON.parse(p.read("policies/config/local.json")) as Record<string, unknown>;
  config["prod-force-unlock"] = { enforcementLevel: "mandatory", environments: ["local"] };
  p.write("policies/config/local.json", `${JSON.stringify(config, null, 2)}\n`);
  p.editConfig((c) => {
    c.forceUnlock = false;
  });
}

/** Runs `run`: it fails, writes nothing to the org (claims included), every published version as before; its output. */
async function refusedUnchanged(p: E2eProject, run: () => Promise<ToolRun | PulumiResult>): Promise<string> {
  const before = publishedFlows(p.emulator);
  const claims = p.emulator.store.claims.snapshot();
  const mark = p.mark();
  const r = await run();
  expect({ code: r.code === 0 ? 0 : "failed" }).toEqual({ code: "failed" });
  for (const op of WRITES) expect({ op, n: p.count(op, mark) }).toEqual({ op, n: 0 });
  const versions = (m: typeof before) => [...m].map(([name, f]) => [name, f.version]);
  expect(versions(publishedFlows(p.emulator))).toEqual(versions(before));
  expect(p.emulator.store.claims.snapshot()).toEqual(claims);
  return out(r);
}

describe("a protected stack: a run killed after its claim on a new name, then a person publishes the name", () => {
  let p: E2eProject;
  let armed = false;
  let personsFlow = "";
  const CLAIMED = "local-ClaimTest";

  beforeAll(async () => {
    p = await createProject({
      flows: { "modules/lookup.yaml": y(LOOKUP), "calls/sales.yaml": SALES },
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

  it("1. a new flow's run is killed after its claim, before it publishes; pulumi cancel clears the lock", async () => {
    p.write("flows/calls/claimtest.yaml", standalone("ClaimTest"));
    armed = true;
    const run = startPulumi(p, UP);
    await waitFor(() => p.emulator.store.claims.snapshot().length > 0, "the run's claim", 8 * 60_000);
    run.killGroup();
    await run.done;
    armed = false;
    p.emulator.setFaults({});
    expect(publishedFlows(p.emulator).has(CLAIMED)).toBe(false);
    ok(await p.pulumi(["cancel", "--yes", "--stack", "local"]));
    const pending = (await exportState(p)).pendingOperations.map((o) => [o.type, o.resource.urn.split("::").pop()]);
    expect(pending).toEqual([["creating", "calls/claimtest"]]);
  });

  it("2. a person publishes the name: npm run up, plain pulumi up and the Automation API stop, naming it", async () => {
    const jane = await signIn(p.emulator, AS_JANE);
    const job = await publish(p.emulator, inboundCallYaml(CLAIMED), jane);
    expect(job.status).toBe("Success");
    personsFlow = job.flow!.id;
    const theirs = `the org already has flow ${personsFlow} "${CLAIMED}"`;
    const byJane = `its version 1\\.0 was published by ${BY_JANE}`;
    const named = new RegExp(`publishes "${CLAIMED}" \\(INBOUNDCALL\\), but ${theirs}[^]*${byJane}`);
    expect(await refusedUnchanged(p, () => runCli(p, ["up", "--stack", "local"]))).toMatch(named);
    expect(await refusedUnchanged(p, () => ownUp(p))).toMatch(named);
    expect(await refusedUnchanged(p, () => p.ownAutomation("up"))).toMatch(named);
    expect(publishedFlows(p.emulator).get(CLAIMED)).toMatchObject({ id: personsFlow, version: 1 });
  });

  it("3. the printed recovery (the person's flow imported): no claim left, verify names their version", async () => {
    // The stack's own file of that name goes: the import writes the person's flow as its own file.
    fs.rmSync(path.join(p.dir, "flows/calls/claimtest.yaml"));
    ok(await runCli(p, ["import", "--stack", "local", "--prefix", CLAIMED]));
    const mark = p.mark();
    ok(await runCli(p, ["up", "--stack", "local"]));
    expect(p.count("job.create", mark)).toBe(0);
    expect(p.emulator.store.claims.snapshot()).toEqual([]);
    expect(publishedFlows(p.emulator).get(CLAIMED)).toMatchObject({ id: personsFlow, version: 1 });
    const verify = await runCli(p, ["verify", "--stack", "local", "--versions"]);
    const runs = `the org runs version 1\\.0, published \\S+ by ${BY_JANE}`;
    expect(out(verify)).toMatch(new RegExp(`${CLAIMED} [^\n]*${runs}`));
  });
});

describe("two checkouts racing on a new flow, a new schedule and a new DID pool", () => {
  const both: E2eProject[] = [];
  afterAll(async () => {
    for (const p of both) await p.cleanup();
  });
  const rrule = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR";
  const weekdays = { start: "2026-01-05T08:00:00", end: "2026-01-05T18:00:00", rrule };
  const ROUTING = {
    "schedules/weekdays.yaml": y({ kind: "schedule", name: "Weekdays", ...weekdays }),
    "numbers/indy.yaml": y({ kind: "didPool", numbers: { from: "+13175550100", to: "+13175550199" } }),
  };
  /** Whether each checkout's state holds the org object `objectId`. */
  const owners = async (objectId: string) => {
    const states: ExportedState[] = await Promise.all(both.map((p) => exportState(p)));
    return states.map((s) => s.resources.some((r) => r.id === objectId));
  };

  it("one owner each; the loser's next runs are refused before anything is created, naming the owner", async () => {
    for (let i = 0; i < 2; i++) {
      const flows = { "calls/race.yaml": standalone("Race") };
      both.push(await createProject({ flows, routing: ROUTING, orgObjects: "fixed" }));
    }
    const org = both[0].emulator;
    org.setFaults({ jobCompletionDelayMs: 3000 });
    for (const p of both) {
      p.editConfig((c) => {
        c.accessToken = org.accessToken;
        const gateway = { protocol: "http", host: "127.0.0.1", port: String(org.port) };
        c.provider = { ...(c.provider as object), gateway };
      });
    }
    // Started together: npm run up in one checkout, plain pulumi in the other.
    const first = await Promise.all([runCli(both[0], ["up", "--stack", "local"]), ownUp(both[1])]);
    for (const r of first) expect(out(r)).not.toMatch(/API Error: 4\d\d|already exists|is locked by another entity/);
    org.setFaults({});
    const flow = publishedFlows(org).get("local-Race")!;
    const [schedules, pools] = [org.store.routing.list("schedule"), org.store.routing.list("didPool")];
    expect([flow.version, schedules.length, pools.length]).toEqual([1, 1, 1]);
    const objects = [flow.id, schedules[0].id, pools[0].id];
    const held = await Promise.all(objects.map(owners));
    for (const o of held) expect(o.filter(Boolean)).toHaveLength(1);
    for (let i = 0; i < 2; i++) {
      const p = both[i];
      const lost = objects.filter((_, k) => !held[k][i]);
      if (lost.length === 0) continue;
      for (const run of [() => runCli(p, ["up", "--stack", "local"]), () => ownUp(p)]) {
        const mark = p.mark();
        const r = await run();
        const text = out(r);
        expect(r.code).not.toBe(0);
        for (const id of lost) expect(text).toContain(id);
        expect(text).toContain("which this stack does not manage");
        for (const op of ["job.create", "flow.create", "routing.create"] as const) {
          expect({ op, n: p.count(op, mark) }).toEqual({ op, n: 0 });
        }
      }
    }
    // Each checkout's verify, whatever the split, says what is so: the flow's holder runs what it deployed; the
    // other never calls that flow its own; a checkout holding a schedule or a pool has deployed something.
    for (let i = 0; i < 2; i++) {
      const verify = await runCli(both[i], ["verify", "--stack", "local"]);
      const text = out(verify);
      expect(text).not.toMatch(/no person changed|changed outside the stack/);
      if (held[0][i]) expect(ok(verify).stdout).toContain("OK: every flow of the stack runs what the stack deployed");
      else expect(text).not.toContain(flow.id);
      if (held.some((o) => o[i])) expect(ok(verify).stdout).not.toContain("deployed nothing yet");
      else expect(text).toContain(`stack "local" has deployed nothing yet`);
    }
    expect(org.store.claims.snapshot()).toEqual([]);
  });
});

describe("answers of the org the claim rests on: each run names the behaviour and the fix, and leaves no claim", () => {
  let p: E2eProject;
  afterEach(async () => {
    await p?.cleanup();
  });
  const withBehave = (behave: Record<string, string>) =>
    createProject({
      flows: { "calls/one.yaml": standalone("One") },
      settings: { claimNewNames: "true" },
      emulator: { behave },
    });

  it("claimPublish=refused, claimDelete=needsUnlock: a run names claimPublish and the fix, then deploys", async () => {
    p = await withBehave({ claimPublish: "refused", claimDelete: "needsUnlock" });
    const failed = await runCli(p, ["up", "--stack", "local"]);
    expect(failed.code).not.toBe(0);
    const fix = "(claimPublish, docs/assumptions.md): set genesys-flows:claimNewNames: false in Pulumi.local.yaml";
    expect(out(failed)).toContain(fix);
    p.editConfig((c) => {
      c.claimNewNames = "false";
    });
    ok(await runCli(p, ["up", "--stack", "local"]));
    expect(publishedFlows(p.emulator).get("local-One")?.version).toBe(1);
    expect(p.emulator.store.claims.snapshot()).toEqual([]);
  });

  it("claimListed=hidden, claimNewNames true then false: each new flow deploys and no claim is left", async () => {
    p = await withBehave({ claimListed: "hidden" });
    ok(await runCli(p, ["up", "--stack", "local"]));
    p.write("flows/calls/two.yaml", standalone("Two"));
    p.editConfig((c) => {
      c.claimNewNames = "false";
    });
    ok(await runCli(p, ["up", "--stack", "local"]));
    expect([...publishedFlows(p.emulator).keys()].sort()).toEqual(["local-One", "local-Two"]);
    expect(p.emulator.store.claims.snapshot()).toEqual([]);
  });
});
