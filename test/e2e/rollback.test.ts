// Releases and one-step rollback with the real engine, the real bridged provider and the policy
// pack against the emulator, through the command line as a person runs it (tools/cli.ts): an up
// records release r1, a module change committed and deployed records r2, `rollback --to previous`
// republishes exactly the module and its callers (counted in the emulator's request log), leaves
// the flow that does not call it alone, verifies clean and records r3 (rollback to r1); refusals
// publish nothing; the next plain up says it re-applies git and puts r2's content back. The test
// owns its portfolio and its git repository. Steps run in order.
import { spawnSync } from "node:child_process";
import * as YAML from "yaml";
import { callFlow, LOOKUP } from "../../testkit/fixtures";
import { createProject, publishedFlows, runTool, type E2eProject } from "../../testkit/harness";

jest.setTimeout(15 * 60_000);

const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
const PLAIN = {
  kind: "inboundCall",
  name: "D",
  start: "Welcome",
  nodes: { Welcome: { type: "playMessage", prompt: "Welcome to D.", transitions: { next: "Bye" } }, Bye: { type: "disconnect" } },
};
const LOOKUP_V2 = { ...LOOKUP, nodes: { ...LOOKUP.nodes, Check: { ...LOOKUP.nodes.Check, label: "Address given (v2)?" } } };

let p: E2eProject;

function git(...args: string[]): string {
  const r = spawnSync("git", ["-c", "user.name=e2e", "-c", "user.email=e2e@example.invalid", ...args], { cwd: p.dir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
}

/** The module, two flows calling it and one that does not. */
const FLOWS: Record<string, unknown> = {
  "modules/lookup.yaml": LOOKUP,
  "calls/a.yaml": callFlow("A", "Lookup", "address", "Sales"),
  "calls/b.yaml": callFlow("B", "Lookup", "address", "Sales"),
  "calls/d.yaml": PLAIN,
};

beforeAll(async () => {
  p = await createProject({ flows: Object.fromEntries(Object.entries(FLOWS).map(([file, flow]) => [file, y(flow)])) });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "r1");
});

afterAll(async () => {
  await p?.cleanup();
});

const cli = (...args: string[]) => runTool(p, "tools/cli.ts", args);
const ok = (r: { code: number; stdout: string; stderr: string }) => {
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${(r.stdout + r.stderr).slice(-5000)}`);
  return r;
};
const version = (name: string) => publishedFlows(p.emulator).get(name)!.version;

it("1. the first up records release r1 from the commit, with each flow's published version", async () => {
  ok(await cli("up", "--stack", "local"));
  const r = ok(await cli("releases", "--stack", "local", "--format", "json"));
  const history = JSON.parse(r.stdout) as Array<{ id: string; commit: string; dirty: boolean; flows: Record<string, { version?: string }> }>;
  expect(history.map((h) => [h.id, h.commit, h.dirty])).toEqual([["r1", git("rev-parse", "HEAD"), false]]);
  expect(Object.keys(history[0].flows).sort()).toEqual(["calls/a", "calls/b", "calls/d", "modules/lookup"]);
  for (const f of Object.values(history[0].flows)) expect(f.version).toMatch(/^\d+(\.\d+)?$/);
});

it("2. a committed module change records r2; a no-op up records nothing", async () => {
  p.write("flows/modules/lookup.yaml", y(LOOKUP_V2));
  git("commit", "-qam", "r2: Lookup v2");
  ok(await cli("up", "--stack", "local"));
  ok(await cli("up", "--stack", "local"));
  const text = ok(await cli("releases", "--stack", "local")).stdout;
  expect(text).toMatch(/^ {2}r1 .* 4 flows, 4 changed$/m);
  expect(text).toMatch(/^ {2}r2 .* 4 flows, 3 changed {2}\[runs now\]$/m);
  expect(text).not.toMatch(/^ {2}r3 /m);
});

it("3. refusals come before anything publishes: a release the stack never had, the release that runs", async () => {
  p.mark();
  const never = await cli("rollback", "--stack", "local", "--to", "r9");
  expect(never.code).toBe(1);
  expect(never.stderr).toContain(`rollback: refused, nothing published: stack "local" never had release r9, or no longer keeps it: it has r1, r2`);
  const current = await cli("rollback", "--stack", "local", "--to", "r2");
  expect(current.code).toBe(1);
  expect(current.stderr).toContain("already runs the content of r2");
  expect(p.count("job.create")).toBe(0);
});

it("4. rollback --to previous republishes exactly the module and its callers, modules first, verifies clean and records r3", async () => {
  const before = publishedFlows(p.emulator);
  p.mark();
  const r = ok(await cli("rollback", "--stack", "local", "--to", "previous"));
  expect(r.stdout).toContain(`Rollback of stack "local" to r1`);
  expect(r.stdout).toContain("republish (3): modules/lookup, calls/a, calls/b");
  expect(p.count("job.create")).toBe(3);
  const after = publishedFlows(p.emulator);
  expect(after.get("local-D")!.version).toBe(before.get("local-D")!.version);
  for (const n of ["local-Lookup", "local-A", "local-B"]) expect(after.get(n)!.version).toBe(before.get(n)!.version + 1);
  expect(after.get("local-Lookup")!.published).toBeLessThan(after.get("local-A")!.published);
  // The callers run the module as r1 had it.
  expect(after.get("local-Lookup")!.text).not.toContain("(v2)");
  expect(r.stdout).toContain(`Stack "local" runs release r1 again (recorded as r3)`);
  // Exit 0 includes the deploy's verify; run it again on its own.
  ok(await cli("verify", "--stack", "local"));
  expect(ok(await cli("releases", "--stack", "local")).stdout).toMatch(/^ {2}r3 .* rollback to r1, 3 changed {2}\[runs now\]$/m);
});

it("5. the next plain up says the stack runs r1 and that it re-applies the commit, then puts r2's content back", async () => {
  const head = git("rev-parse", "HEAD").slice(0, 12);
  const preview = ok(await cli("preview", "--stack", "local"));
  expect(preview.stdout).toMatch(new RegExp(`the stack runs release r1 \\(commit [0-9a-f]{12}\\) \\(rolled back in r3 at [^)]+\\); this up re-applies ${head}`));
  p.mark();
  const up = ok(await cli("up", "--stack", "local"));
  expect(up.stdout).toContain(`this up re-applies ${head}`);
  expect(p.count("job.create")).toBe(3);
  expect(publishedFlows(p.emulator).get("local-Lookup")!.text).toContain("(v2)");
  expect(ok(await cli("releases", "--stack", "local")).stdout).toMatch(/^ {2}r4 .* 4 flows, 3 changed {2}\[runs now\]$/m);
  // Nothing to announce any more.
  expect(ok(await cli("preview", "--stack", "local")).stdout).not.toContain("re-applies");
});

it("6. a release deployed from uncommitted changes is refused: its content is not in git", async () => {
  p.write("flows/calls/d.yaml", y({ ...PLAIN, nodes: { ...PLAIN.nodes, Welcome: { ...PLAIN.nodes.Welcome, prompt: "Hello from D." } } }));
  ok(await cli("up", "--stack", "local"));
  git("checkout", "--", "flows/calls/d.yaml");
  ok(await cli("up", "--stack", "local"));
  p.mark();
  const r = await cli("rollback", "--stack", "local", "--to", "previous");
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("release r5 was deployed from a working tree that differed from commit");
  expect(p.count("job.create")).toBe(0);
  expect(version("local-D")).toBeGreaterThan(1);
});
