// Issue 50 end to end, with the real engine, provider and policy pack against the emulator, through
// the commands people run (tools/deploy.ts as npm run preview/up, tools/verify.ts as npm run
// verify): what people did in the org is read before anything publishes. A person's lock on one of
// a module's callers stops the whole cascade before the module publishes (no half rollout), and
// preview lists it; acknowledged (lockedBy, with forceUnlock), the run goes ahead and logs it.
// Steps run in order.
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { createProject, publishedFlows, runTool, type E2eProject, type ToolRun } from "../../bench/support/harness";
import { PUBLISHED as N } from "../../bench/support/fixtures";

jest.setTimeout(12 * 60_000);

let p: E2eProject;
const LOCKER = "Dana Ops";
const tool = (script: string, args: string[]) => runTool(p, script, args);
const out = (r: ToolRun) => r.stdout + r.stderr;

function ok(r: ToolRun): ToolRun {
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${out(r).slice(-6000)}`);
  return r;
}

beforeAll(async () => {
  p = await createProject();
});

afterAll(async () => {
  await p?.cleanup();
});

it("1. npm run up deploys the stack; nobody has touched the org, so nothing is said about people", async () => {
  const r = ok(await tool("tools/deploy.ts", ["up", "--stack", "local"]));
  expect(out(r)).not.toContain("What people changed in the org");
});

it("2. a person's lock on a caller of a changing module: preview lists it, up stops before the module publishes", async () => {
  p.emulator.setFaults({ locks: [{ flowName: N.direct, userName: LOCKER }] });
  const file = "flows/modules/lookup.yaml";
  const doc = YAML.parseDocument(p.read(file), { version: "1.2" });
  doc.set("description", "Looks a customer up (v2).");
  p.write(file, doc.toString());

  const preview = ok(await tool("tools/deploy.ts", ["preview", "--stack", "local"]));
  expect(out(preview)).toContain("What people changed in the org (gateway http://127.0.0.1:");
  expect(out(preview)).toMatch(new RegExp(`STOP +${N.direct} \\(calls/direct\\): locked: checked out \\(locked\\) by ${LOCKER} \\(through Architect\\)`));
  expect(out(preview)).toContain("up will stop before anything publishes: 1 change people made would be overwritten or broken (above).");

  const before = publishedFlows(p.emulator);
  const mark = p.mark();
  const up = await tool("tools/deploy.ts", ["up", "--stack", "local"]);
  expect(up.code).toBe(1);
  expect(out(up)).toContain(`ask ${LOCKER} to check the flow in (or discard) and close it in Architect, then take their change into flows/calls/direct.yaml; or acknowledge it in Pulumi.local.yaml: genesys-flows:acknowledge: {calls/direct: {reason: "<why it may be overwritten>", lockedBy: "${LOCKER}"}}`);
  expect(out(up)).toContain("Stopped before anything publishes: 1 change people made would be overwritten or broken (above); nothing was published.");
  // No half rollout: not the module, not one caller; the lock is untouched.
  for (const op of ["job.create", "job.upload", "flow.unlock", "flow.delete"] as const) expect({ op, n: p.count(op, mark) }).toEqual({ op, n: 0 });
  for (const [name, f] of publishedFlows(p.emulator)) expect({ name, version: f.version }).toEqual({ name, version: before.get(name)?.version });
  expect(p.emulator.store.findActive("INBOUNDCALL", N.direct)?.lockedBy?.name).toBe(LOCKER);
});

it("3. verify reports the lock (a warning: the org still runs what the stack deployed)", async () => {
  const r = await tool("tools/verify.ts", ["--stack", "local"]);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(new RegExp(`warning \\[locked\\] ${N.direct} \\(flows/calls/direct.yaml\\): checked out \\(locked\\) by ${LOCKER}`));
});

it("4. acknowledged in the stack file (lockedBy, with forceUnlock on), up breaks the lock, publishes the cascade and logs the acknowledgement", async () => {
  p.editConfig((c) => {
    c.acknowledge = { "calls/direct": { reason: "Dana's edit was abandoned; she agreed on chat", lockedBy: LOCKER } };
  });
  const r = ok(await tool("tools/deploy.ts", ["up", "--stack", "local"]));
  expect(out(r)).toMatch(new RegExp(`acknowledged +${N.direct} \\(calls/direct\\): locked: `));
  expect(out(r)).toContain(`acknowledged ("Dana's edit was abandoned; she agreed on chat"): forceUnlock breaks ${LOCKER}'s lock`);
  expect(p.emulator.store.findActive("INBOUNDCALL", N.direct)?.lockedBy).toBeUndefined();
  const log = fs.readFileSync(path.join(p.dir, ".work/acknowledgements/local.log"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  expect(log).toEqual([expect.objectContaining({ stack: "local", flow: "calls/direct", kind: "locked", who: LOCKER, reason: "Dana's edit was abandoned; she agreed on chat" })]);
  // The next run sees no lock: the acknowledgement covers nothing now, and says so.
  const again = ok(await tool("tools/deploy.ts", ["preview", "--stack", "local"]));
  expect(out(again)).toContain("genesys-flows:acknowledge.calls/direct in Pulumi.local.yaml covers nothing the org shows now: remove it");
});
