// The portfolio's whole lifecycle with the real engine, the real bridged provider and the policy
// pack, against an emulator on an ephemeral port: two modules (Verify calls Lookup) and five flows
// of three kinds calling them (testkit/fixtures.ts). Every step asserts on the emulator's org and
// request log, not only on Pulumi's exit codes. Steps run in order.
import * as YAML from "yaml";
import { createProject, expectOk, publishedFlows, type E2eProject } from "../../testkit/harness";
import { PUBLISHED as N } from "../../testkit/fixtures";

// Each step runs the real engine (tens of seconds); the jest-wide default is 5 s.
jest.setTimeout(10 * 60_000);

let p: E2eProject;
const ALL = Object.values(N).sort();

beforeAll(async () => {
  p = await createProject();
});

afterAll(async () => {
  await p?.cleanup();
});

function editFlow(file: string, edit: (doc: YAML.Document) => void): void {
  const doc = YAML.parseDocument(p.read(file), { version: "1.2" });
  edit(doc);
  p.write(file, doc.toString());
}

/** Published versions per flow name, and when each flow's latest version was published. */
function snapshot() {
  return publishedFlows(p.emulator);
}

/** The flows whose version changed between two snapshots, ordered by when they were published. */
function republished(before: ReturnType<typeof snapshot>, after: ReturnType<typeof snapshot>): string[] {
  return [...after]
    .filter(([name, f]) => before.get(name)?.version !== f.version)
    .sort(([, a], [, b]) => a.published - b.published)
    .map(([name]) => name);
}

/** `a` was published before `b`. */
function before(flows: ReturnType<typeof snapshot>, a: string, b: string): void {
  expect({ [a]: flows.get(a)!.published < flows.get(b)!.published }).toEqual({ [a]: true });
}

it("1. up publishes both modules and the five flows, modules before the flows calling them", async () => {
  p.mark();
  expectOk(await p.up(["--skip-preview"]));
  const flows = snapshot();
  expect([...flows.keys()].sort()).toEqual(ALL);
  expect(flows.get(N.lookup)!.type).toBe("COMMONMODULE");
  expect(flows.get(N.mail)!.type).toBe("INBOUNDEMAIL");
  expect(flows.get(N.chat)!.type).toBe("INBOUNDSHORTMESSAGE");
  before(flows, N.lookup, N.verify);
  for (const caller of [N.sales, N.support]) before(flows, N.verify, caller);
  for (const caller of [N.direct, N.mail, N.chat]) before(flows, N.lookup, caller);
  expect(p.count("job.create")).toBe(7);
  // Verify is compiled with Lookup in place (Genesys refuses a module calling a module).
  expect(flows.get(N.verify)!.text).not.toContain("callCommonModule");
  expect(flows.get(N.sales)!.text).toContain(`${N.verify}:`);
});

it("2. a second up with no change makes no publish job at all", async () => {
  const a = snapshot();
  p.mark();
  // --skip-preview: what this step checks is the update itself (preview runs the program and the pack once more, ~half an up's CPU).
  expectOk(await p.up(["--skip-preview"]));
  expect(p.count("job.create")).toBe(0);
  expect(p.count("flow.delete")).toBe(0);
  expect(republished(a, snapshot())).toEqual([]);
});

it("3. a change to the inner module republishes it, the module calling it and every flow calling either, in order, and nothing else", async () => {
  editFlow("flows/modules/lookup.yaml", (doc) => doc.set("description", "Looks a customer up (v2)."));
  const a = snapshot();
  p.mark();
  const r = await p.up(["--skip-preview"]);
  expectOk(r);
  const b = snapshot();
  const order = republished(a, b);
  expect([...order].sort()).toEqual(ALL);
  // The engine updates the seven Flows alone: their components register nothing that changed as
  // inputs (each update step is two checkpoint writes of the whole state).
  expect(r.stdout).toMatch(/~ 7 updated\b/);
  expect(order[0]).toBe(N.lookup);
  before(b, N.verify, N.sales);
  before(b, N.verify, N.support);
  expect(p.count("job.create")).toBe(7);
});

it("4. a change to the outer module republishes it and its callers only", async () => {
  editFlow("flows/modules/verify.yaml", (doc) => doc.setIn(["nodes", "Ask", "prompt"], "Your PIN, please."));
  const a = snapshot();
  p.mark();
  expectOk(await p.up(["--skip-preview"]));
  const order = republished(a, snapshot());
  expect(order[0]).toBe(N.verify);
  expect([...order].sort()).toEqual([N.sales, N.support, N.verify].sort());
  expect(p.count("job.create")).toBe(3);
});

it("5. a change to one caller republishes only it", async () => {
  editFlow("flows/digital/chat.yaml", (doc) => doc.set("description", "Chat v2."));
  const a = snapshot();
  p.mark();
  expectOk(await p.up(["--skip-preview"]));
  expect(republished(a, snapshot())).toEqual([N.chat]);
  expect(p.count("job.create")).toBe(1);
});

it("6. removing a flow file deletes that flow only", async () => {
  const id = snapshot().get(N.direct)!.id;
  const a = snapshot();
  require("node:fs").rmSync(`${p.dir}/flows/calls/direct.yaml`);
  p.mark();
  expectOk(await p.up(["--skip-preview"]));
  expect(p.count("flow.delete")).toBe(1);
  expect(p.count("job.create")).toBe(0);
  const b = snapshot();
  expect(b.has(N.direct)).toBe(false);
  expect(republished(a, b)).toEqual([]);
  // Deleted: 410 Gone, as Genesys answers a deleted flow (an id it never had is 404).
  const res = await fetch(`${p.emulator.url}/api/v2/flows/${id}?deleted=false`, {
    headers: { Authorization: `Bearer ${p.emulator.accessToken}` },
  });
  expect(res.status).toBe(410);
});

it("7. destroy deletes the callers before the modules, the outer module before the inner one", async () => {
  const ids = new Map([...snapshot()].map(([name, f]) => [f.id, name]));
  p.mark();
  expectOk(await p.destroy());
  const deletes = p.emulator.requestLog
    .list()
    .filter((e) => e.operation === "flow.delete" && e.status < 300)
    .map((e) => ids.get(e.path.split("/").pop()!)!)
    .filter((n) => n !== undefined);
  expect([...deletes].sort()).toEqual(ALL.filter((n) => n !== N.direct));
  const at = (n: string) => deletes.lastIndexOf(n);
  for (const caller of [N.sales, N.support]) expect(at(caller)).toBeLessThan(at(N.verify));
  for (const caller of [N.mail, N.chat, N.verify]) expect(at(caller)).toBeLessThan(at(N.lookup));
  expect(publishedFlows(p.emulator).size).toBe(0);
});
