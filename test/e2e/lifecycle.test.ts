// The whole lifecycle as a platform team meets it, with the real engine, the real bridged
// provider and the policy pack, against an emulator on an ephemeral port. Every step asserts on
// the emulator's state and request log, not only on Pulumi's exit codes. Steps run in order.
import * as YAML from "yaml";
import { createProject, publishedFlows, type E2eProject } from "./harness";

const MODULE = "local-VerifyCaller";
const CALLERS = ["local-Sales", "local-Support", "local-Billing"];

// Each step runs the real engine (tens of seconds); the jest-wide default is 5 s.
jest.setTimeout(10 * 60_000);

let p: E2eProject;

beforeAll(async () => {
  p = await createProject();
});

afterAll(async () => {
  await p?.cleanup();
});

/** The module names every callCommonModule of a published Archy text refers to. */
function calledModules(text: string): string[] {
  const names: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        if (k === "callCommonModule") names.push(...Object.keys((child as { commonModule: object }).commonModule));
        walk(child);
      }
    }
  };
  walk(YAML.parse(text, { version: "1.2" }));
  return names;
}

function editFlow(file: string, edit: (doc: YAML.Document) => void): void {
  const doc = YAML.parseDocument(p.read(file), { version: "1.2" });
  edit(doc);
  p.write(file, doc.toString());
}

function expectOk(result: { code: number; output: string }): void {
  if (result.code !== 0) throw new Error(`pulumi exited ${result.code}:\n${result.output.slice(-4000)}`);
}

/** Names of the genesyscloud flows a `preview --json` plans to update. */
function plannedUpdates(json: string): string[] {
  const plan = JSON.parse(json) as { steps?: Array<{ op: string; urn: string }> };
  return (plan.steps ?? [])
    .filter((s) => s.op === "update" && s.urn.includes("genesyscloud:index/flow:Flow::"))
    .map((s) => s.urn.split("::").pop() as string)
    .sort();
}

it("1. up publishes the module and 3 inbound flows that call it by its published name", async () => {
  p.mark();
  expectOk(await p.up());
  const flows = publishedFlows(p.emulator);
  expect([...flows.keys()].sort()).toEqual([...CALLERS, MODULE].sort());
  expect(flows.get(MODULE)?.type).toBe("COMMONMODULE");
  for (const name of CALLERS) {
    expect(flows.get(name)?.type).toBe("INBOUNDCALL");
    expect(calledModules(flows.get(name)!.text)).toContain(MODULE);
    // The module was published before any caller.
    expect(flows.get(name)!.published).toBeGreaterThan(flows.get(MODULE)!.published);
  }
  expect(p.count("job.create")).toBe(4);
  expect(p.count("job.upload")).toBe(4);
});

it("2. a second up with no change publishes nothing and reports no changes", async () => {
  const before = publishedFlows(p.emulator);
  p.mark();
  const result = await p.up();
  expectOk(result);
  expect(p.count("job.create")).toBe(0);
  expect(p.count("flow.delete")).toBe(0);
  expect(result.stdout).toMatch(/\d+ unchanged/);
  expect(result.stdout).not.toMatch(/\d+ (updated|created|deleted|replaced)/);
  const after = publishedFlows(p.emulator);
  for (const [name, flow] of before) expect(after.get(name)?.version).toBe(flow.version);
});

it("3. a module change republishes the module first, then every caller", async () => {
  editFlow("flows/verify-caller.yaml", (doc) => {
    const nodes = doc.get("nodes") as YAML.YAMLMap;
    const first = nodes.items.find((i) => (i.value as YAML.YAMLMap).get("prompt") !== undefined);
    if (!first) throw new Error("the example module has no node with a prompt to change");
    (first.value as YAML.YAMLMap).set("prompt", "This prompt changed in the e2e test.");
  });
  p.mark();
  const preview = await p.preview(["--json"]);
  expectOk(preview);
  expect(plannedUpdates(preview.stdout)).toEqual(["billing", "sales", "support", "verify-caller"]);
  expect(p.count("job.create")).toBe(0);

  const before = publishedFlows(p.emulator);
  p.mark();
  expectOk(await p.up());
  expect(p.count("job.create")).toBe(4);
  const after = publishedFlows(p.emulator);
  for (const name of [MODULE, ...CALLERS]) expect(after.get(name)?.version).toBe(before.get(name)!.version + 1);
  for (const name of CALLERS) expect(after.get(name)!.published).toBeGreaterThan(after.get(MODULE)!.published);
  expect(after.get(MODULE)!.text).toContain("This prompt changed in the e2e test.");
});

it("4. a change to one inbound flow republishes only that flow", async () => {
  editFlow("flows/billing.yaml", (doc) => {
    const nodes = doc.get("nodes") as YAML.YAMLMap;
    const first = nodes.items.find((i) => (i.value as YAML.YAMLMap).get("prompt") !== undefined);
    (first!.value as YAML.YAMLMap).set("prompt", "Billing, changed in the e2e test.");
  });
  const before = publishedFlows(p.emulator);
  p.mark();
  expectOk(await p.up());
  expect(p.count("job.create")).toBe(1);
  const after = publishedFlows(p.emulator);
  expect(after.get("local-Billing")?.version).toBe(before.get("local-Billing")!.version + 1);
  for (const name of [MODULE, "local-Sales", "local-Support"]) expect(after.get(name)?.version).toBe(before.get(name)!.version);
});

it("5. an inbound flow added through stack config is created; one removed is deleted", async () => {
  editFlow("flows/billing.yaml", () => undefined);
  const extra = YAML.parseDocument(p.read("flows/billing.yaml"), { version: "1.2" });
  extra.set("name", "Collections");
  p.write("flows/collections.yaml", extra.toString());
  p.editConfig((c) => {
    const flows = c.inboundFlows as Array<{ file: string; substitutions?: Record<string, string> }>;
    const billing = flows.find((f) => f.file === "flows/billing.yaml")!;
    flows.push({ file: "flows/collections.yaml", substitutions: { ...billing.substitutions } });
  });
  p.mark();
  expectOk(await p.up());
  expect(p.count("job.create")).toBe(1);
  expect(p.count("flow.delete")).toBe(0);
  const withExtra = publishedFlows(p.emulator);
  expect(withExtra.get("local-Collections")?.type).toBe("INBOUNDCALL");
  expect(calledModules(withExtra.get("local-Collections")!.text)).toEqual([MODULE]);

  const supportId = withExtra.get("local-Support")!.id;
  p.editConfig((c) => {
    c.inboundFlows = (c.inboundFlows as Array<{ file: string }>).filter((f) => f.file !== "flows/support.yaml");
  });
  p.mark();
  expectOk(await p.up());
  expect(p.count("job.create")).toBe(0);
  expect(p.count("flow.delete")).toBe(1);
  const after = publishedFlows(p.emulator);
  expect([...after.keys()].sort()).toEqual(["local-Billing", "local-Collections", "local-Sales", MODULE].sort());
  const res = await fetch(`${p.emulator.url}/api/v2/flows/${supportId}?deleted=false`, {
    headers: { Authorization: `Bearer ${p.emulator.accessToken}` },
  });
  expect(res.status).toBe(404);
});

it("6. a flow whose subflow lacks an error transition fails preview and up with the policy message; nothing is published", async () => {
  const original = p.read("flows/sales.yaml");
  let subflowNode = "";
  editFlow("flows/sales.yaml", (doc) => {
    const nodes = doc.get("nodes") as YAML.YAMLMap;
    const item = nodes.items.find((i) => (i.value as YAML.YAMLMap).get("type") === "subflow");
    if (!item) throw new Error("the example sales flow has no subflow node");
    subflowNode = String((item.key as YAML.Scalar).value);
    ((item.value as YAML.YAMLMap).get("transitions") as YAML.YAMLMap).delete("error");
  });
  const before = publishedFlows(p.emulator);
  p.mark();
  const preview = await p.preview();
  expect(preview.code).not.toBe(0);
  expect(preview.output).toContain("subflow-transitions");
  expect(preview.output).toContain(`node "${subflowNode}": subflow has no "error" transition`);
  const up = await p.up();
  expect(up.code).not.toBe(0);
  expect(up.output).toContain("subflow-transitions");
  expect(p.count("job.create")).toBe(0);
  expect(p.count("job.upload")).toBe(0);
  expect(publishedFlows(p.emulator).get("local-Sales")?.version).toBe(before.get("local-Sales")!.version);

  // Fixed again: the same preview passes (and a preview publishes nothing).
  p.write("flows/sales.yaml", original);
  const fixed = await p.preview();
  expectOk(fixed);
  expect(fixed.output).not.toContain("subflow-transitions");
  expect(p.count("job.create")).toBe(0);
});

it("7. destroy empties the org, deleting callers before the module", async () => {
  const before = publishedFlows(p.emulator);
  const moduleId = before.get(MODULE)!.id;
  const mark = p.mark();
  expectOk(await p.destroy());
  expect(publishedFlows(p.emulator).size).toBe(0);
  const deletes = p.emulator.requestLog.list().filter((e) => e.seq > mark && e.operation === "flow.delete" && e.status < 300);
  expect(deletes).toHaveLength(before.size);
  expect(deletes.at(-1)?.path).toBe(`/api/v2/flows/${moduleId}`);
});
