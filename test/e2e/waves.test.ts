// A module change rolled out in waves (docs/waves.md), with the real engine and provider against the
// emulator: the first up publishes the module and wave 1 only, the other callers keep the module
// version they were published with (the emulator records, per published caller version, the module
// version it consumed); the next up finishes; a failure injected in wave 1 stops before wave 2, with
// every caller on a known version, reported per flow. The test owns its portfolio. Steps run in order.
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { callFlow, LOOKUP } from "../../testkit/fixtures";
import { createProject, publishedFlows, runTool, type E2eProject } from "../../testkit/harness";
import type { RunningEmulator } from "../../emulator/server";

jest.setTimeout(20 * 60_000);

const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
const CALLERS = ["local-A", "local-B", "local-C"];
let p: E2eProject;

/** The version number of module `module` each published caller consumed, from the emulator's records (dependency tracking). */
function moduleVersionOfCallers(emulator: RunningEmulator, module: string): Record<string, number> {
  const flows = emulator.store.listFlows().filter((f) => !f.deleted);
  const m = flows.find((f) => f.name === module)!;
  const numberOf = new Map(m.versions.map((v) => [v.id, v.number]));
  const out: Record<string, number> = {};
  for (const f of flows) {
    const dep = f.versions[f.versions.length - 1].dependencies.find((d) => d.flowId === m.id);
    if (dep) out[f.name] = numberOf.get(dep.versionId)!;
  }
  return out;
}

const label = (text: string) => ({ ...LOOKUP, nodes: { ...LOOKUP.nodes, Check: { ...LOOKUP.nodes.Check, label: text } } });

beforeAll(async () => {
  const callers = Object.fromEntries(["A", "B", "C"].map((n) => [`calls/${n.toLowerCase()}.yaml`, y(callFlow(n, "Lookup", "address", "Sales"))]));
  // Wave 1: calls/a; the rest (calls/b, calls/c) is wave 2.
  p = await createProject({ flows: { "modules/lookup.yaml": y(LOOKUP), ...callers }, settings: { waves: { "modules/lookup": [{ flows: ["calls/a"] }] } } });
});

afterAll(() => p?.cleanup());

const up = (...extra: string[]) => runTool(p, "tools/deploy.ts", ["up", "--stack", "local", ...extra]);
const ok = (r: { code: number; stdout: string; stderr: string }) => {
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${(r.stdout + r.stderr).slice(-5000)}`);
};

it("1. the first deploy publishes every flow (no rollout: nothing runs an older module)", async () => {
  ok(await up());
  expect(moduleVersionOfCallers(p.emulator, "local-Lookup")).toEqual({ "local-A": 1, "local-B": 1, "local-C": 1 });
});

it("2. a module change publishes the module and wave 1 only; the other callers keep the version they were published with; verify says so", async () => {
  p.write("flows/modules/lookup.yaml", y(label("Address given, wave two?")));
  const before = publishedFlows(p.emulator);
  const r = await up();
  ok(r);
  const after = publishedFlows(p.emulator);
  expect(after.get("local-Lookup")!.version).toBe(before.get("local-Lookup")!.version + 1);
  expect(after.get("local-A")!.version).toBe(before.get("local-A")!.version + 1);
  for (const n of ["local-B", "local-C"]) expect(after.get(n)!.version).toBe(before.get(n)!.version);
  expect(moduleVersionOfCallers(p.emulator, "local-Lookup")).toEqual({ "local-A": 2, "local-B": 1, "local-C": 1 });
  const out = r.stdout + r.stderr;
  expect(out).toContain("module modules/lookup (flows/modules/lookup.yaml) rolls out in waves: wave 1 of 2 starts; on the new version after this run: calls/a; keep the version they were published with: calls/b, calls/c");
  // The deploy's own verify: the held callers are a note, not a stale caller.
  expect(out).toMatch(/caller\s+local-B\s+flows\/calls\/b\.yaml\s+runs \S+\s+held/);
  expect(out).toContain("[wave-held] local-C (flows/calls/c.yaml): runs module local-Lookup version");
});

it("3. the next up starts wave 2: the rest of the callers, not the module or wave 1 again; the rollout is then finished", async () => {
  const before = publishedFlows(p.emulator);
  ok(await up());
  const after = publishedFlows(p.emulator);
  for (const n of ["local-Lookup", "local-A"]) expect(after.get(n)!.version).toBe(before.get(n)!.version);
  for (const n of ["local-B", "local-C"]) expect(after.get(n)!.version).toBe(before.get(n)!.version + 1);
  expect(moduleVersionOfCallers(p.emulator, "local-Lookup")).toEqual({ "local-A": 2, "local-B": 2, "local-C": 2 });
  const r = await up();
  ok(r);
  expect(publishedFlows(p.emulator)).toEqual(after);
  expect(r.stdout + r.stderr).toContain("module modules/lookup: its rollout in waves is finished");
});

it("4. a failure injected in wave 1 stops before wave 2, with every caller on a known version, reported per flow", async () => {
  p.write("flows/modules/lookup.yaml", y(label("Address given, wave three?")));
  p.emulator.setFaults({ jobFailures: [{ flowName: "local-A", message: "Injected: wave one fails" }] });
  const before = publishedFlows(p.emulator);
  const r = await up();
  expect(r.code).not.toBe(0);
  const after = publishedFlows(p.emulator);
  expect(after.get("local-Lookup")!.version).toBe(before.get("local-Lookup")!.version + 1);
  for (const n of CALLERS) expect(after.get(n)!.version).toBe(before.get(n)!.version);
  expect(moduleVersionOfCallers(p.emulator, "local-Lookup")).toEqual({ "local-A": 2, "local-B": 2, "local-C": 2 });
  const account = r.stdout.slice(r.stdout.indexOf("Rollouts in waves"));
  expect(account).toContain("module modules/lookup: wave 1 of 2 is out, not complete; wave 2 does not start until it is");
  expect(account).toMatch(/calls\/a +wave 1 +the version it was published with \(its publish in this wave did not happen or failed\)/);
  expect(account).toMatch(/calls\/b +wave 2 +the version it was published with \(held until its wave\)/);

  // With the fault gone, the next up publishes wave 1 again (A), and still holds wave 2.
  p.emulator.setFaults({});
  ok(await up());
  const retried = publishedFlows(p.emulator);
  expect(retried.get("local-A")!.version).toBe(after.get("local-A")!.version + 1);
  expect(retried.get("local-Lookup")!.version).toBe(after.get("local-Lookup")!.version);
  expect(moduleVersionOfCallers(p.emulator, "local-Lookup")).toEqual({ "local-A": 3, "local-B": 2, "local-C": 2 });
});

it("5. bad waves are refused before anything publishes, naming the stack file's setting", async () => {
  p.editConfig((c) => {
    c.waves = { "modules/lookup": [{ flows: ["calls/a"] }, { flows: ["calls/a", "calls/zz"] }] };
  });
  const before = publishedFlows(p.emulator);
  const r = await up();
  expect(r.code).not.toBe(0);
  expect(publishedFlows(p.emulator)).toEqual(before);
  const out = r.stdout + r.stderr;
  expect(out).toContain('Pulumi.local.yaml: field "genesys-flows:waves.modules/lookup[1].flows[0]": "calls/a" is already in wave 1: waves must not overlap');
  expect(out).toContain('Pulumi.local.yaml: field "genesys-flows:waves.modules/lookup[1].flows[1]": names no flow this stack deploys: "calls/zz"');
});

it("6. when a scenario of a wave already out fails, the next up starts no new wave and says why", async () => {
  p.editConfig((c) => {
    c.waves = { "modules/lookup": [{ flows: ["calls/a"] }] };
  });
  fs.mkdirSync(path.join(p.dir, "scenarios/calls/a"), { recursive: true });
  p.write(
    "scenarios/calls/a/welcome.yaml",
    y({ stack: "local", scenarios: [{ name: "A caller hears a welcome A does not play", call: { ani: "+13175550100" }, expect: { hears: ["Welcome to Nobody."] } }] }),
  );
  const before = publishedFlows(p.emulator);
  const r = await up();
  ok(r);
  // Wave 1 (A) runs the new version already; wave 2 (B, C) waits: nothing is published.
  expect(publishedFlows(p.emulator)).toEqual(before);
  const out = r.stdout + r.stderr;
  expect(out).toContain("the next wave of a module rollout waits; this run starts none:");
  expect(out).toMatch(/scenario scenarios\/calls\/a\/welcome\.yaml:\d+ "A caller hears a welcome A does not play" \(calls\/a\) (failed|stopped)/);
  expect(out).toContain("rolls out in waves: wave 1 of 2 stays out, the next one waits (the checks between waves did not pass)");
});
