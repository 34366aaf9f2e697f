// Reliability with the real engine, the real bridged provider and the policy pack against the
// emulator's fault injection: rate limits and outages, a publish failure mid-rollout, a flow
// locked by another user, and removing the module while callers remain. Every step asserts on
// the emulator's org and request log and on the exported state, not only on exit codes.
// (Interruption and secrets are in interruption.test.ts and secrets.test.ts.)
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { buildFlowSet, type FlowSet } from "../../components/flowSet";
import { parseStackConfig } from "../../components/stackConfig";
import type { RunningEmulator } from "../../emulator/server";
import { activeNameCounts, createProject, exportState, flowsInState, publishedFlows, type E2eProject, type PulumiResult } from "./harness";

// Each step runs the real engine (tens of seconds, more under injected faults).
jest.setTimeout(12 * 60_000);

const MODULE = "local-VerifyCaller";

function expectOk(result: PulumiResult): void {
  if (result.code !== 0) throw new Error(`pulumi exited ${result.code}:\n${result.output.slice(-6000)}`);
}

function expectFailed(result: PulumiResult): void {
  if (result.code === 0) throw new Error(`pulumi succeeded but should have failed:\n${result.output.slice(-3000)}`);
}

/** The fault-free reference: the stack's flows as the planner compiles them from the copy. */
function plannedFlowSet(p: E2eProject): FlowSet {
  const raw = YAML.parse(p.read(`Pulumi.${p.stack}.yaml`)) as { config: Record<string, unknown> };
  const config = parseStackConfig(raw.config, `Pulumi.${p.stack}.yaml`);
  return buildFlowSet(config, (file) => fs.readFileSync(path.join(p.dir, file), "utf8"));
}

/** The org holds exactly the planned flows, once each, with exactly the planned texts and types. */
function expectOrgEqualsPlan(p: E2eProject, set: FlowSet): void {
  const expected = new Map([set.module, ...set.inboundFlows].map((f) => [f.publishedName, f]));
  const counts = activeNameCounts(p.emulator);
  expect([...counts.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [name, count] of counts) expect({ name, count }).toEqual({ name, count: 1 });
  const org = publishedFlows(p.emulator);
  for (const [name, plan] of expected) {
    const flow = org.get(name)!;
    expect({ name, type: flow.type }).toEqual({ name, type: plan === set.module ? "COMMONMODULE" : "INBOUNDCALL" });
    expect({ name, same: flow.text === plan.substitutedYaml }).toEqual({ name, same: true });
  }
}

async function expectStateMatchesOrg(p: E2eProject): Promise<void> {
  const state = await exportState(p);
  expect(state.pendingOperations).toEqual([]);
  const org = publishedFlows(p.emulator);
  expect(Object.fromEntries(flowsInState(state))).toEqual(Object.fromEntries([...org].map(([name, f]) => [name, f.id])));
}

/** Publishes Archy text straight into the emulator (another team, or the Architect UI). */
async function publishOutsideTheStack(emulator: RunningEmulator, text: string): Promise<{ status: string; flowId?: string }> {
  const auth = { Authorization: `Bearer ${emulator.accessToken}` };
  const job = (await (await fetch(`${emulator.url}/api/v2/flows/jobs`, { method: "POST", headers: auth })).json()) as { id: string; presignedUrl: string };
  const upload = await fetch(job.presignedUrl, { method: "PUT", body: text });
  expect(upload.status).toBe(200);
  await upload.text();
  for (let i = 0; i < 100; i++) {
    const polled = (await (await fetch(`${emulator.url}/api/v2/flows/jobs/${job.id}?expand=messages`, { headers: auth })).json()) as {
      status: string;
      flow?: { id: string };
      messages: Array<{ text: string }>;
    };
    if (polled.status === "Success") return { status: polled.status, flowId: polled.flow?.id };
    if (polled.status === "Failure") throw new Error(`outside publish failed: ${polled.messages.map((m) => m.text).join("\n")}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("outside publish never completed");
}

describe("rate limits and outages: 30% 429 (Retry-After 1) and 10% 503", () => {
  let p: E2eProject;
  beforeAll(async () => {
    p = await createProject({
      emulator: { faults: { rateLimitShare: 0.3, retryAfterSeconds: 1, unavailableShare: 0.1, seed: 7 } },
    });
  });
  afterAll(async () => {
    await p?.cleanup();
  });

  it("up of the module and 10 inbound flows converges to the fault-free outcome, each flow published once", async () => {
    // 10 inbound flows: copies of the billing example with distinct names and queues.
    const inboundFlows: Array<{ file: string; substitutions: Record<string, string> }> = [];
    for (let i = 1; i <= 10; i++) {
      const n = String(i).padStart(2, "0");
      const doc = YAML.parseDocument(p.read("flows/billing.yaml"), { version: "1.2" });
      doc.set("name", `Billing${n}`);
      p.write(`flows/billing-${n}.yaml`, doc.toString());
      inboundFlows.push({ file: `flows/billing-${n}.yaml`, substitutions: { billing_queue: `Billing queue ${n}` } });
    }
    p.editConfig((c) => {
      c.inboundFlows = inboundFlows;
    });
    const expected = plannedFlowSet(p);
    expect(expected.inboundFlows).toHaveLength(10);

    const started = Date.now();
    expectOk(await p.up());
    const seconds = (Date.now() - started) / 1000;

    const log = p.emulator.requestLog.list();
    const rateLimited = log.filter((e) => e.fault === "rate-limit");
    const unavailable = log.filter((e) => e.fault === "unavailable");
    // The faults really happened, on the provider's start-up calls and on the publish calls.
    expect(rateLimited.length).toBeGreaterThan(0);
    expect(unavailable.length).toBeGreaterThan(0);
    expect(rateLimited.every((e) => e.status === 429)).toBe(true);
    expect(unavailable.every((e) => e.status === 503)).toBe(true);
    expect(log.filter((e) => e.fault && (e.operation === "org.get" || e.operation === "products.list")).length).toBeGreaterThan(0);
    expect(log.filter((e) => e.fault && e.operation.startsWith("job.")).length).toBeGreaterThan(0);
    const share = (rateLimited.length + unavailable.length) / log.filter((e) => e.operation !== "job.upload").length;
    console.log(`faulted up: ${seconds.toFixed(0)} s, ${log.length} requests, ${rateLimited.length} x 429, ${unavailable.length} x 503 (share ${(share * 100).toFixed(0)}%)`);

    expectOrgEqualsPlan(p, expected);
    // No duplicate publishes either: one upload and one version per flow.
    expect(p.count("job.upload", 0)).toBe(11);
    for (const [name, flow] of publishedFlows(p.emulator)) expect({ name, version: flow.version }).toEqual({ name, version: 1 });
    await expectStateMatchesOrg(p);
  });
});

describe("publish failure, locked flow and module in use (one stack, steps in order)", () => {
  let p: E2eProject;
  const FAILED = "local-Support";
  const INJECTED = "Queue 'Support local' is being migrated (ticket OPS-1234); retry after 18:00 UTC";
  const LOCKER = "Jane Architect";

  beforeAll(async () => {
    p = await createProject({ emulator: { faults: { jobFailures: [{ flowName: FAILED, message: INJECTED }] } } });
    // Start with forceUnlock off (the local stack file turns it on).
    p.editConfig((c) => {
      c.forceUnlock = false;
    });
  });
  afterAll(async () => {
    await p?.cleanup();
  });

  it("1. one inbound flow's job fails: up fails with its Genesys message verbatim, the others are deployed, state is consistent", async () => {
    p.mark();
    const up = await p.up();
    expectFailed(up);
    // The job's message, exactly as the service wrote it, reaches the person running pulumi.
    const jobMessage = `Flow "${FAILED}": rule injected-failure: ${INJECTED} (at inboundCall)`;
    expect(up.output).toContain(jobMessage);
    expect(up.output).toContain(`flowName: ${FAILED}`);

    const org = publishedFlows(p.emulator);
    expect([...org.keys()].sort()).toEqual(["local-Billing", "local-Sales", MODULE]);
    // The failed flow is not in state (create failed); everything in state exists in the org.
    const state = await exportState(p);
    expect(state.pendingOperations).toEqual([]);
    const inState = flowsInState(state);
    expect(inState.has(FAILED)).toBe(false);
    expect(Object.fromEntries(inState)).toEqual(Object.fromEntries([...org].map(([name, f]) => [name, f.id])));
  });

  it("2. after the fix, the next up publishes only the failed flow", async () => {
    p.emulator.setFaults({});
    const before = publishedFlows(p.emulator);
    p.mark();
    expectOk(await p.up());
    expect(p.count("job.create")).toBe(1);
    expect(p.count("job.upload")).toBe(1);
    expect(p.count("flow.delete")).toBe(0);
    const after = publishedFlows(p.emulator);
    expect(after.get(FAILED)?.type).toBe("INBOUNDCALL");
    for (const [name, flow] of before) expect({ name, version: after.get(name)?.version }).toEqual({ name, version: flow.version });
    expectOrgEqualsPlan(p, plannedFlowSet(p));
    await expectStateMatchesOrg(p);
  });

  it("3. a flow locked by another user fails the publish with who holds it and how to proceed", async () => {
    p.emulator.setFaults({ locks: [{ flowName: "local-Sales", userName: LOCKER }] });
    const sales = YAML.parseDocument(p.read("flows/sales.yaml"), { version: "1.2" });
    const nodes = sales.get("nodes") as YAML.YAMLMap;
    const first = nodes.items.find((i) => (i.value as YAML.YAMLMap).get("prompt") !== undefined);
    (first!.value as YAML.YAMLMap).set("prompt", "Changed while someone holds the lock.");
    p.write("flows/sales.yaml", sales.toString());
    const before = publishedFlows(p.emulator);
    p.mark();
    const up = await p.up();
    expectFailed(up);
    expect(up.output).toContain(`rule flow-locked: the flow is locked by ${LOCKER}`);
    // How to proceed: release the lock in Architect, or force the unlock (force_unlock).
    expect(up.output).toContain("close the flow in Architect");
    expect(up.output).toContain("force_unlock");
    expect(p.count("flow.unlock")).toBe(0);
    expect(publishedFlows(p.emulator).get("local-Sales")?.version).toBe(before.get("local-Sales")!.version);
    expect(p.emulator.store.findActive("INBOUNDCALL", "local-Sales")?.lockedBy?.name).toBe(LOCKER);
  });

  it("4. with forceUnlock on, up unlocks the flow first and succeeds", async () => {
    p.editConfig((c) => {
      c.forceUnlock = true;
    });
    const salesId = publishedFlows(p.emulator).get("local-Sales")!.id;
    p.mark();
    expectOk(await p.up());
    const unlocks = p.emulator.requestLog.list().filter((e) => e.operation === "flow.unlock" && e.query === `flow=${salesId}`);
    expect(unlocks.length).toBeGreaterThan(0);
    expect(unlocks.every((e) => e.status === 200)).toBe(true);
    const firstUnlock = unlocks[0].seq;
    const salesUploadAfterUnlock = p.emulator.requestLog.list().some((e) => e.operation === "job.upload" && e.seq > firstUnlock);
    expect(salesUploadAfterUnlock).toBe(true);
    expect(p.emulator.store.findActive("INBOUNDCALL", "local-Sales")?.lockedBy).toBeUndefined();
    expect(publishedFlows(p.emulator).get("local-Sales")?.text).toContain("Changed while someone holds the lock.");
    expectOrgEqualsPlan(p, plannedFlowSet(p));
    await expectStateMatchesOrg(p);
  });

  describe("5. removing the module while callers remain fails safely and deletes nothing", () => {
    let outsideId: string;
    const OUTSIDE = "TeamB-Hotline";

    beforeAll(async () => {
      // Another team's flow, published outside this stack, also calls the module.
      const billing = publishedFlows(p.emulator).get("local-Billing")!.text;
      const outside = await publishOutsideTheStack(p.emulator, billing.replace(/^ {2}name: local-Billing$/m, `  name: ${OUTSIDE}`));
      outsideId = outside.flowId!;
      expect(publishedFlows(p.emulator).get(OUTSIDE)?.id).toBe(outsideId);
    });

    it("a. deleting the module from the stack config stops before anything is registered", async () => {
      const before = publishedFlows(p.emulator);
      p.editConfig((c) => {
        delete c.module;
      });
      p.mark();
      const up = await p.up();
      expectFailed(up);
      expect(up.output).toContain("genesys-flows:module");
      expect(up.output).toContain("is missing; expected a mapping");
      expect(p.count("flow.delete")).toBe(0);
      expect(p.count("job.create")).toBe(0);
      expect([...publishedFlows(p.emulator).keys()].sort()).toEqual([...before.keys()].sort());
      p.editConfig((c) => {
        c.module = { file: "flows/verify-caller.yaml" };
      });
    });

    it("b. destroying only the module (--target) is refused while the stack's callers depend on it", async () => {
      const before = publishedFlows(p.emulator);
      const urn = `urn:pulumi:${p.stack}::genesys-flows::genesys-flows:index:SharedModule$genesyscloud:index/flow:Flow::verify-caller`;
      p.mark();
      const destroy = await p.pulumi(["destroy", "--yes", "--stack", p.stack, "--target", urn]);
      expectFailed(destroy);
      // The engine refuses in its preview: the callers would have to go too.
      expect(destroy.output).toContain("will be destroyed but was not specified in --target list");
      expect(destroy.output).toContain("--target-dependents");
      expect(p.count("flow.delete")).toBe(0);
      expect([...publishedFlows(p.emulator).keys()].sort()).toEqual([...before.keys()].sort());
      const state = await exportState(p);
      expect(flowsInState(state).get(MODULE)).toBe(before.get(MODULE)!.id);
    });

    it("c. replacing the module while another team's flow still calls it: the old module's delete is refused (409) naming the caller", async () => {
      const before = publishedFlows(p.emulator);
      const v2 = YAML.parseDocument(p.read("flows/verify-caller.yaml"), { version: "1.2" });
      v2.set("name", "VerifyCallerV2");
      p.write("flows/verify-caller-v2.yaml", v2.toString());
      for (const file of ["flows/sales.yaml", "flows/support.yaml", "flows/billing.yaml"]) {
        p.write(file, p.read(file).replace(/module: VerifyCaller$/gm, "module: VerifyCallerV2"));
      }
      p.editConfig((c) => {
        c.module = { file: "flows/verify-caller-v2.yaml" };
      });
      const mark = p.mark();
      const up = await p.up();
      expectFailed(up);
      // The emulator's 409, as the provider reports it after retrying: names the module and its caller.
      expect(up.output).toContain(`Common module "${MODULE}"`);
      expect(up.output).toContain(`"${OUTSIDE}" (INBOUNDCALL`);
      const after = publishedFlows(p.emulator);
      // Nothing was deleted: the old module and the outside caller are still there.
      for (const name of before.keys()) expect({ name, present: after.has(name) }).toEqual({ name, present: true });
      expect(after.get(MODULE)?.id).toBe(before.get(MODULE)!.id);
      expect(p.emulator.requestLog.list().filter((e) => e.seq > mark && e.operation === "flow.delete" && e.status < 300)).toEqual([]);
      // The stack's callers moved to the new module, and the old module stays in state, so the
      // next up retries its delete once the other team has moved off it.
      expect(after.get("local-VerifyCallerV2")?.type).toBe("COMMONMODULE");
      const state = await exportState(p);
      expect(state.pendingOperations).toEqual([]);
      expect(flowsInState(state).get(MODULE)).toBe(before.get(MODULE)!.id);
    });
  });
});
