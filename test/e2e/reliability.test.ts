// Reliability with the real engine, the real bridged provider and the policy pack against the
// emulator's fault injection: rate limits and outages, a publish failure mid-rollout, a flow
// locked by another user, and removing a module while callers remain. Every step asserts on the
// emulator's org and request log and on the exported state, not only on exit codes. The tests own
// their portfolio (testkit/fixtures.ts: Lookup, Verify calling Lookup, calls/sales, calls/support,
// calls/direct, digital/mail, digital/chat) and stack file (testkit/harness.ts).
// (Interruption and secrets are in interruption.test.ts and secrets.test.ts.)
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { FlowLoadError, formatIssue, type FlowIssue } from "../../model/errors";
import type { Portfolio } from "../../planner/portfolio";
import { readPortfolio } from "../../project/portfolio";
import { publishOk } from "../../testkit/emulator";
import {
  activeNameCounts,
  createProject,
  expectOk,
  exportState,
  flowsInState,
  publishedFlows,
  type E2eProject,
  type PulumiResult,
} from "../../testkit/harness";
import { callFlow, portfolioFiles, PUBLISHED as N } from "../../testkit/fixtures";

// Each step runs the real engine (tens of seconds, more under injected faults).
jest.setTimeout(12 * 60_000);

const ALL = Object.values(N).sort();

function expectFailed(result: PulumiResult): void {
  if (result.code === 0) throw new Error(`pulumi succeeded but should have failed:\n${result.output.slice(-3000)}`);
}

/** The fault-free reference: the stack's portfolio as the planner plans it from the copy's flows/ and stack file. */
function plannedPortfolio(p: E2eProject): Portfolio {
  return readPortfolio(p.dir, p.stack);
}

/** The org holds exactly the planned flows (but `except`), once each, with exactly the planned texts and types. */
function expectOrgEqualsPlan(p: E2eProject, plan: Portfolio, except: string[] = []): void {
  const expected = new Map(
    plan.flows.filter((f) => !except.includes(f.publishedName)).map((f) => [f.publishedName, f]),
  );
  const counts = activeNameCounts(p.emulator);
  expect([...counts.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [name, count] of counts) expect({ name, count }).toEqual({ name, count: 1 });
  const org = publishedFlows(p.emulator);
  for (const [name, planned] of expected) {
    const flow = org.get(name)!;
    expect({ name, type: flow.type }).toEqual({ name, type: planned.kind.apiType });
    expect({ name, same: flow.text === planned.substitutedYaml }).toEqual({ name, same: true });
  }
}

async function expectStateMatchesOrg(p: E2eProject): Promise<void> {
  const state = await exportState(p);
  expect(state.pendingOperations).toEqual([]);
  const org = publishedFlows(p.emulator);
  expect(Object.fromEntries(flowsInState(state))).toEqual(
    Object.fromEntries([...org].map(([name, f]) => [name, f.id])),
  );
}

function editFlow(p: E2eProject, file: string, edit: (doc: YAML.Document) => void): void {
  const doc = YAML.parseDocument(p.read(file), { version: "1.2" });
  edit(doc);
  p.write(file, doc.toString());
}

describe("rate limits and outages: 30% 429 (Retry-After 1) and 10% 503", () => {
  // The portfolio (2 modules, 5 flows) plus 5 more call flows calling Verify, each with its own
  // queue through the stack's per-flow substitutions: 2 modules and 10 interaction flows of three
  // kinds (was: 1 module and 10 inbound flows listed in the stack file, before the portfolio).
  const EXTRA = [1, 2, 3, 4, 5].map((i) => String(i).padStart(2, "0"));
  let p: E2eProject;
  beforeAll(async () => {
    const flows = portfolioFiles();
    for (const n of EXTRA)
      flows[`calls/sales-${n}.yaml`] = YAML.stringify(callFlow(`Sales${n}`, "Verify", "number", "{{sales_queue}}"), {
        version: "1.2",
      });
    p = await createProject({
      flows,
      settings: {
        flows: Object.fromEntries(
          EXTRA.map((n) => [`calls/sales-${n}`, { substitutions: { sales_queue: `Sales queue ${n}` } }]),
        ),
      },
      emulator: { faults: { rateLimitShare: 0.3, retryAfterSeconds: 1, unavailableShare: 0.1, seed: 7 } },
    });
  });
  afterAll(async () => {
    await p?.cleanup();
  });

  it("up of 2 modules and 10 interaction flows converges to the fault-free outcome, each flow published once", async () => {
    const expected = plannedPortfolio(p);
    expect(expected.flows).toHaveLength(12);
    expect(expected.flows.filter((f) => f.kind.isModule)).toHaveLength(2);
    // The per-flow substitutions reach the plan (and so the published text compared below).
    expect(expected.flows.find((f) => f.id === "calls/sales-03")!.substitutedYaml).toContain("Sales queue 03");

    const started = Date.now();
    expectOk(await p.up(["--skip-preview"]));
    const seconds = (Date.now() - started) / 1000;

    const log = p.emulator.requestLog.list();
    const rateLimited = log.filter((e) => e.fault === "rate-limit");
    const unavailable = log.filter((e) => e.fault === "unavailable");
    // The faults really happened, on the provider's start-up calls and on the publish calls.
    expect(rateLimited.length).toBeGreaterThan(0);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(rateLimited.every((e) => e.status === 429)).toBe(true);
    expect(unavailable.every((e) => e.status === 503)).toBe(true);
    expect(
      log.filter((e) => e.fault && (e.operation === "org.get" || e.operation === "products.list")).length,
    ).toBeGreaterThan(0);
    expect(log.filter((e) => e.fault && e.operation.startsWith("job.")).length).toBeGreaterThan(0);
    const share = (rateLimited.length + unavailable.length) / log.filter((e) => e.operation !== "job.upload").length;
    console.log(
      `faulted up: ${seconds.toFixed(0)} s, ${log.length} requests, ${rateLimited.length} x 429, ${unavailable.length} x 503 (share ${(share * 100).toFixed(0)}%)`,
    );

    expectOrgEqualsPlan(p, expected);
    // No duplicate publishes either: one upload and one version per flow.
    expect(p.count("job.upload", 0)).toBe(12);
    for (const [name, flow] of publishedFlows(p.emulator))
      expect({ name, version: flow.version }).toEqual({ name, version: 1 });
    await expectStateMatchesOrg(p);
  });
});

describe("publish failure, locked flow and module in use (one stack, steps in order)", () => {
  let p: E2eProject;
  const FAILED = N.support;
  const INJECTED = "Queue 'Support local' is being migrated (ticket OPS-1234); retry after 18:00 UTC";
  const LOCKER = "Jane Architect";

  /** The flows the failed up of step 1 left unpublished. */
  let notPublished: string[] = [];

  beforeAll(async () => {
    // Start with forceUnlock off (the harness's stack file turns it on).
    p = await createProject({
      settings: { forceUnlock: false },
      emulator: { faults: { jobFailures: [{ flowName: FAILED, message: INJECTED }] } },
    });
  });
  afterAll(async () => {
    await p?.cleanup();
  });

  it("1. one flow's job fails: up fails with its Genesys message verbatim, the others are deployed, state is consistent", async () => {
    p.mark();
    const up = await p.up(["--skip-preview"]);
    expectFailed(up);
    // The job's message, exactly as the service wrote it, reaches the person running pulumi.
    const jobMessage = `Flow "${FAILED}": rule injected-failure: ${INJECTED} (at inboundCall)`;
    expect(up.output).toContain(jobMessage);
    expect(up.output).toContain(`flowName: ${FAILED}`);

    // Pulumi starts no new step after a failure: the flows already in flight publish; a sibling of
    // Support (Sales, after Verify) may or may not have started, depending on timing. Whatever is
    // left out is published by the next up (step 2).
    const org = publishedFlows(p.emulator);
    notPublished = ALL.filter((n) => !org.has(n));
    expect(notPublished).toContain(FAILED);
    expect(notPublished.every((n) => n === FAILED || n === N.sales)).toBe(true);
    expectOrgEqualsPlan(p, plannedPortfolio(p), notPublished);
    // The failed flow is not in state (create failed); everything in state exists in the org.
    const state = await exportState(p);
    expect(state.pendingOperations).toEqual([]);
    const inState = flowsInState(state);
    for (const n of notPublished) expect(inState.has(n)).toBe(false);
    expect(Object.fromEntries(inState)).toEqual(Object.fromEntries([...org].map(([name, f]) => [name, f.id])));
  });

  it("2. after the fix, the next up publishes only what the failed run left out", async () => {
    p.emulator.setFaults({});
    const before = publishedFlows(p.emulator);
    p.mark();
    expectOk(await p.up(["--skip-preview"]));
    expect(p.count("job.create")).toBe(notPublished.length);
    expect(p.count("job.upload")).toBe(notPublished.length);
    expect(p.count("flow.delete")).toBe(0);
    const after = publishedFlows(p.emulator);
    expect(after.get(FAILED)?.type).toBe("INBOUNDCALL");
    for (const [name, flow] of before)
      expect({ name, version: after.get(name)?.version }).toEqual({ name, version: flow.version });
    expectOrgEqualsPlan(p, plannedPortfolio(p));
    await expectStateMatchesOrg(p);
  });

  it("3. a flow locked by another user stops the up before anything publishes, naming who holds it and how to proceed", async () => {
    p.emulator.setFaults({ locks: [{ flowName: N.sales, userName: LOCKER }] });
    editFlow(p, "flows/calls/sales.yaml", (doc) =>
      doc.setIn(["nodes", "Welcome", "prompt"], "Changed while someone holds the lock."),
    );
    const before = publishedFlows(p.emulator);
    p.mark();
    const up = await p.up();
    expectFailed(up);
    // The people check, in the engine's before-update hook: who holds it, and the two ways on.
    expect(up.output).toContain(`${N.sales} (calls/sales): locked: checked out (locked) by ${LOCKER}`);
    expect(up.output).toContain(`ask ${LOCKER} to check the flow in (or discard) and close it in Architect`);
    expect(up.output).toContain(
      `genesys-flows:acknowledge: {calls/sales: {reason: "<why it may be overwritten>", lockedBy: "${LOCKER}"}}`,
    );
    expect(up.output).toContain("Stopped before anything publishes");
    expect(p.count("flow.unlock")).toBe(0);
    expect(p.count("job.create")).toBe(0);
    expect(p.emulator.store.findActive("INBOUNDCALL", N.sales)?.lockedBy?.name).toBe(LOCKER);
    // Nothing about the portfolio changed.
    for (const [name, flow] of publishedFlows(p.emulator))
      expect({ name, version: flow.version }).toEqual({ name, version: before.get(name)?.version });
  });

  it("4. acknowledged (lockedBy) with forceUnlock on, up unlocks the flow first and succeeds", async () => {
    p.editConfig((c) => {
      c.forceUnlock = true;
      c.acknowledge = { "calls/sales": { reason: "the prompt change goes out now", lockedBy: LOCKER } };
    });
    const salesId = publishedFlows(p.emulator).get(N.sales)!.id;
    p.mark();
    expectOk(await p.up(["--skip-preview"]));
    const unlocks = p.emulator.requestLog
      .list()
      .filter((e) => e.operation === "flow.unlock" && e.query === `flow=${salesId}`);
    expect(unlocks.length).toBeGreaterThan(0);
    expect(unlocks.every((e) => e.status === 200)).toBe(true);
    const firstUnlock = unlocks[0].seq;
    const salesUploadAfterUnlock = p.emulator.requestLog
      .list()
      .some((e) => e.operation === "job.upload" && e.seq > firstUnlock);
    expect(salesUploadAfterUnlock).toBe(true);
    expect(p.emulator.store.findActive("INBOUNDCALL", N.sales)?.lockedBy).toBeUndefined();
    expect(publishedFlows(p.emulator).get(N.sales)?.text).toContain("Changed while someone holds the lock.");
    expectOrgEqualsPlan(p, plannedPortfolio(p));
    await expectStateMatchesOrg(p);
    p.emulator.setFaults({});
    p.editConfig((c) => {
      delete c.acknowledge;
    });
  });

  describe("5. removing a module while callers remain fails safely and deletes nothing", () => {
    const OUTSIDE = "TeamB-Hotline";
    const LOOKUP_FILE = "flows/modules/lookup.yaml";
    const CALLERS_OF_LOOKUP = [
      "flows/calls/direct.yaml",
      "flows/digital/chat.yaml",
      "flows/digital/mail.yaml",
      "flows/modules/verify.yaml",
    ];
    let lookupText: string;

    beforeAll(async () => {
      // Another team's call flow, published outside this stack, also calls Lookup.
      const direct = publishedFlows(p.emulator).get(N.direct)!.text;
      const outsideText = direct.replace(new RegExp(`^ {2}name: ${N.direct}$`, "m"), `  name: ${OUTSIDE}`);
      expect(outsideText).not.toBe(direct);
      expect(outsideText).toContain(`${N.lookup}:`);
      // Published straight into the emulator (another team, or the Architect UI).
      const outside = await publishOk(p.emulator, outsideText);
      expect(publishedFlows(p.emulator).get(OUTSIDE)?.id).toBe(outside.flow.id);
      lookupText = p.read(LOOKUP_FILE);
    });

    /**
     * Runs `up` with Lookup gone from the stack's portfolio while its callers remain, and checks
     * it stops in the plan, before anything is registered: it names every call of the missing
     * module (the planner's own issues, which `readPortfolio` reproduces here), no publish, no
     * delete, the org and the state unchanged.
     */
    async function expectRefusedMissingLookup(): Promise<void> {
      let issues: FlowIssue[] = [];
      try {
        plannedPortfolio(p);
      } catch (e) {
        if (!(e instanceof FlowLoadError)) throw e;
        issues = e.issues;
      }
      expect([...new Set(issues.map((i) => i.file))].sort()).toEqual(CALLERS_OF_LOOKUP);
      for (const issue of issues) {
        expect(issue.field).toBe("module");
        // Deleted: no such module; excluded: which stack setting leaves it out (issue 29.6).
        expect(issue.message).toMatch(
          /^(no common module named "Lookup"|common module "Lookup" \(flows\/modules\/lookup\.yaml\) is not in stack "local": its include\/exclude globs)/,
        );
      }
      const org = publishedFlows(p.emulator);
      const urns = (await exportState(p)).resources.map((r) => r.urn).sort();
      p.mark();
      const up = await p.up();
      expectFailed(up);
      expect(up.output).toContain("flow files are not valid:");
      for (const issue of issues) expect(up.output).toContain(formatIssue(issue));
      expect(p.count("job.create")).toBe(0);
      expect(p.count("flow.delete")).toBe(0);
      const after = publishedFlows(p.emulator);
      expect([...after.keys()].sort()).toEqual([...org.keys()].sort());
      for (const [name, flow] of org)
        expect({ name, version: after.get(name)?.version }).toEqual({ name, version: flow.version });
      const state = await exportState(p);
      expect(state.pendingOperations).toEqual([]);
      expect(state.resources.map((r) => r.urn).sort()).toEqual(urns);
    }

    // Before the portfolio, this step deleted `genesys-flows:module` from the stack file. A module is
    // now a flow file like any other, so its equivalents are deleting the module's file, or excluding
    // it from the stack, while the stack's flows still call it.
    it("a. deleting the module's file while the stack's flows call it stops in the plan, before anything is registered", async () => {
      fs.rmSync(path.join(p.dir, LOOKUP_FILE));
      await expectRefusedMissingLookup();
      p.write(LOOKUP_FILE, lookupText);
    });

    it("a'. excluding the module from the stack (genesys-flows:exclude) while its callers stay is refused the same way", async () => {
      p.editConfig((c) => {
        c.exclude = ["modules/lookup"];
      });
      await expectRefusedMissingLookup();
      p.editConfig((c) => {
        delete c.exclude;
      });
      expect(
        plannedPortfolio(p)
          .flows.map((f) => f.publishedName)
          .sort(),
      ).toEqual(ALL);
    });

    it("b. destroying only the module (--target) is refused while the stack's callers depend on it", async () => {
      const before = publishedFlows(p.emulator);
      const urn = (await exportState(p)).resources.find(
        (r) => r.type === "genesyscloud:index/flow:Flow" && r.urn.endsWith("::modules/lookup"),
      )!.urn;
      expect(urn).toBe(
        `urn:pulumi:${p.stack}::genesys-flows::genesys-flows:index:CommonModule$genesyscloud:index/flow:Flow::modules/lookup`,
      );
      p.mark();
      const destroy = await p.pulumi(["destroy", "--yes", "--run-program", "--stack", p.stack, "--target", urn]);
      expectFailed(destroy);
      // The engine refuses in its preview: the callers would have to go too.
      expect(destroy.output).toContain("will be destroyed but was not specified in --target list");
      expect(destroy.output).toContain("--target-dependents");
      expect(p.count("flow.delete")).toBe(0);
      expect([...publishedFlows(p.emulator).keys()].sort()).toEqual([...before.keys()].sort());
      const state = await exportState(p);
      expect(flowsInState(state).get(N.lookup)).toBe(before.get(N.lookup)!.id);
    });

    // Before the portfolio, the stack file's `module` was pointed at a new file. Now replacing a
    // module is: a new module file (LookupV2), the callers switched to it, the old file removed.
    it("c. replacing the module while another team's flow still calls it: the old module's delete is refused (409) naming the caller", async () => {
      const before = publishedFlows(p.emulator);
      editFlow(p, LOOKUP_FILE, (doc) => doc.set("name", "LookupV2"));
      p.write("flows/modules/lookup-v2.yaml", p.read(LOOKUP_FILE));
      fs.rmSync(path.join(p.dir, LOOKUP_FILE));
      for (const file of CALLERS_OF_LOOKUP)
        p.write(file, p.read(file).replace(/module: Lookup$/gm, "module: LookupV2"));
      const plan = plannedPortfolio(p);
      expect(plan.flows.find((f) => f.id === "modules/lookup-v2")?.publishedName).toBe("local-LookupV2");
      expect(plan.flows.some((f) => f.id === "modules/lookup")).toBe(false);

      const mark = p.mark();
      const up = await p.up(["--skip-preview"]);
      expectFailed(up);
      // The emulator's 409, as the provider reports it after retrying: names the module and its caller.
      expect(up.output).toContain(`Common module "${N.lookup}"`);
      expect(up.output).toContain(`"${OUTSIDE}" (INBOUNDCALL`);
      const after = publishedFlows(p.emulator);
      // Nothing was deleted: the old module and the outside caller are still there.
      for (const name of before.keys()) expect({ name, present: after.has(name) }).toEqual({ name, present: true });
      expect(after.get(N.lookup)?.id).toBe(before.get(N.lookup)!.id);
      // No flow that was there before was deleted (the claim on the new module's name, a flow of another name, is the run's own and goes).
      const existed = new Set([...before.values()].map((f) => `/api/v2/flows/${f.id}`));
      expect(
        p.emulator.requestLog
          .list()
          .filter((e) => e.seq > mark && e.operation === "flow.delete" && e.status < 300 && existed.has(e.path)),
      ).toEqual([]);
      // The stack's callers moved to the new module, and the old module stays in state, so the
      // next up retries its delete once the other team has moved off it.
      expect(after.get("local-LookupV2")?.type).toBe("COMMONMODULE");
      for (const name of [N.direct, N.mail, N.chat]) {
        expect({ name, calls: after.get(name)!.text.includes("local-LookupV2:") }).toEqual({ name, calls: true });
        expect({
          name,
          text: after.get(name)!.text === plan.flows.find((f) => f.publishedName === name)!.substitutedYaml,
        }).toEqual({ name, text: true });
      }
      expect(after.get(OUTSIDE)?.text).toContain(`${N.lookup}:`);
      const state = await exportState(p);
      expect(state.pendingOperations).toEqual([]);
      expect(flowsInState(state).get(N.lookup)).toBe(before.get(N.lookup)!.id);
      expect(flowsInState(state).get("local-LookupV2")).toBe(after.get("local-LookupV2")!.id);
    });
  });
});
