// Many machines, one state (issue 101; docs/stacks.md, "Your state backend"): a team's stacks `dev`
// and `prod` on a PostgreSQL backend (a real server, testkit/postgres.ts), three checkouts of one
// git repository standing for three machines (each its own working tree, .work and processes), all
// deploying to one org (one emulator), through the command line as a person or a CI job runs it.
// Steps run in order:
//   1. machine A deploys dev while B deploys prod: both succeed, each stack's state in the database,
//      read straight from it as `pulumi stack export` prints it;
//   2. A's no-op after its own deploy is answered without the engine (reading the state from the
//      database);
//   3. B deploys a module change in waves; C, which never deployed, reads what B wrote: rollout
//      status, verify, the releases; then rolls dev back to A's release;
//   4. B and A deploy dev at once: A's fast no-op doubts (the state changed since its up), its engine
//      stops at Pulumi's lock, named with its owner and age; nothing is published twice;
//   5. C is killed mid-up: the next run on A names the lock (owner, age, gone) and the safe recovery;
//      after `pulumi cancel` A's up converges, its guards judging the org as after any stop.
// The timing of the no-op against the file backend's is the benchmark's (bench/README.md), not this
// test's: no test depends on the machine's speed.
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as YAML from "yaml";
import { callFlow, LOOKUP } from "../../testkit/fixtures";
import { activeNameCounts, createProject, descendants, killTree, orgObjectsNamedIn } from "../../testkit/harness";
import { publishedFlows, runCli, waitFor, type E2eProject, type ToolRun } from "../../testkit/harness";
import { startPostgres, type RunningPostgres } from "../../testkit/postgres";
import { readyToolchainEnv } from "../../testkit/toolchainEnv";
import { backendLocks, readBackendExport } from "../../org/fileBackendState";
import type { Release } from "../../planner/releases";

jest.setTimeout(20 * 60_000);

const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
const lookup = (label: string) => ({ ...LOOKUP, nodes: { ...LOOKUP.nodes, Check: { ...LOOKUP.nodes.Check, label } } });
const caller = (name: string, welcome: string) => {
  const flow = callFlow(name, "Lookup", "address", "Sales");
  return { ...flow, nodes: { ...flow.nodes, Welcome: { ...flow.nodes.Welcome, prompt: welcome } } };
};
const FLOWS = {
  "modules/lookup.yaml": y(lookup("Address given?")),
  "calls/a.yaml": y(caller("A", "Welcome to A.")),
  "calls/b.yaml": y(caller("B", "Welcome to B.")),
};
const DEV = { environment: "dev", namePrefix: "dev-", waves: { "modules/lookup": [{ flows: ["calls/a"] }] } };

let pg: RunningPostgres;
/** The machines: A, B, C. */
const m: E2eProject[] = [];
const org = () => m[0].emulator;

function git(p: E2eProject, ...args: string[]): string {
  const who = ["-c", "user.name=e2e", "-c", "user.email=e2e@example.invalid"];
  const r = spawnSync("git", [...who, ...args], { cwd: p.dir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
}
/** `to` takes `from`'s commits, as a pull does. */
function pull(to: E2eProject, from: E2eProject): void {
  git(to, "fetch", "-q", from.dir, "HEAD");
  git(to, "reset", "-q", "--hard", "FETCH_HEAD");
}
/** Commits every change of `p`'s working tree. */
function commit(p: E2eProject, message: string): void {
  git(p, "add", "-A");
  git(p, "commit", "-qm", message);
}
const out = (r: ToolRun) => r.stdout + r.stderr;
function exits(code: number, r: ToolRun): ToolRun {
  if (r.code !== code) throw new Error(`exit ${r.code}, expected ${code}:\n${out(r).slice(-6000)}`);
  return r;
}
/** The stacks' passphrase, as CI passes it (the copies' stacks `dev` and `prod` share it). */
const passphrase = (p: E2eProject) => ({ PULUMI_CONFIG_PASSPHRASE: p.pulumiEnv.PULUMI_CONFIG_PASSPHRASE! });
const cli = (p: E2eProject, ...args: string[]) => runCli(p, args, passphrase(p));
/** The published version of each of the org's flows named `prefix*`. */
const versions = (prefix: string) =>
  Object.fromEntries([...publishedFlows(org())].filter(([n]) => n.startsWith(prefix)).map(([n, f]) => [n, f.version]));
/** The org's publish jobs after the first `from`, per flow name. */
function jobsSince(from: number): Map<string, number> {
  const names = org()
    .jobs.list()
    .slice(from)
    .map((j) => j.flowName ?? "?");
  return names.reduce((n, name) => n.set(name, (n.get(name) ?? 0) + 1), new Map<string, number>());
}
/** Waits for a publish job after the first `from` to be in flight. */
const publishing = (from: number, what: string) =>
  waitFor(
    () =>
      org()
        .jobs.list()
        .slice(from)
        .some((j) => j.status === "Started"),
    what,
    10 * 60_000,
  );
/** Names the org has more than once (a duplicate). */
const duplicates = () => [...activeNameCounts(org())].filter(([, c]) => c !== 1);
const stateOf = (stack: string) => ({ backendUrl: pg.url, root: m[0].dir, project: "genesys-flows", stack });

beforeAll(async () => {
  pg = await startPostgres();
  // Each machine a copy of the project with its own .work, on the one database; A makes the stacks.
  for (let i = 0; i < 3; i++) {
    m.push(await createProject({ flows: FLOWS, stack: "dev", backend: pg.url, orgObjects: "fixed", settings: DEV }));
  }
  // One org, A's emulator (the stack files B and C check out point at it); the org objects the flows name.
  const dev = YAML.parseDocument(m[0].read("Pulumi.dev.yaml"));
  const prod = { environment: "prod", namePrefix: "prod-", forceUnlock: false };
  for (const [k, v] of Object.entries(prod)) dev.setIn(["config", `genesys-flows:${k}`], v);
  dev.deleteIn(["config", "genesys-flows:waves"]);
  m[0].write("Pulumi.prod.yaml", dev.toString());
  exits(0, await m[0].pulumi(["stack", "init", "prod"]));
  org().setOrg(orgObjectsNamedIn(m[0].dir, "dev"));
  // One repository: A's first commit, which B and C check out.
  git(m[0], "init", "-q", "-b", "main");
  commit(m[0], "r1");
  for (const p of m.slice(1)) {
    git(p, "init", "-q", "-b", "main");
    pull(p, m[0]);
  }
}, 10 * 60_000);

afterAll(async () => {
  for (const p of m) await p.cleanup();
  await pg?.stop();
});

it("1. machine A deploys dev while B deploys prod: both succeed, each stack's state in the database", async () => {
  const [a, b] = await Promise.all([cli(m[0], "up", "--stack", "dev"), cli(m[1], "up", "--stack", "prod", "--yes")]);
  exits(0, a);
  exits(0, b);
  expect(versions("dev-")).toEqual({ "dev-Lookup": 1, "dev-A": 1, "dev-B": 1 });
  expect(versions("prod-")).toEqual({ "prod-Lookup": 1, "prod-A": 1, "prod-B": 1 });
  // The state read straight from the database is what `pulumi stack export` prints on a machine that never deployed.
  for (const stack of ["dev", "prod"]) {
    const cliExport = exits(0, await m[2].pulumi(["stack", "export", "--stack", stack]));
    expect(JSON.parse((await readBackendExport(stateOf(stack)))!)).toEqual(JSON.parse(cliExport.stdout));
    expect(await backendLocks(stateOf(stack), "any")).toEqual([]);
  }
});

it("2. A's no-op after its own deploy reads the state from the database and starts no engine", async () => {
  const mark = org().requestLog.list().at(-1)!.seq;
  const r = exits(0, await cli(m[0], "up", "--stack", "dev"));
  expect(r.stderr).toContain("the engine was not started");
  expect(r.stdout).toContain('Nothing changed: stack "dev"');
  const writes = org()
    .requestLog.list()
    .filter((e) => e.seq > mark && e.method !== "GET");
  expect(writes.map((e) => `${e.method} ${e.path}`)).toEqual([]);
});

it("3. B rolls a module change out in waves; C reads what B wrote (status, verify, releases), rolls back", async () => {
  m[1].write("flows/modules/lookup.yaml", y(lookup("Address given (v2)?")));
  commit(m[1], "Lookup v2");
  const b = exits(0, await cli(m[1], "up", "--stack", "dev"));
  expect(b.stderr).toContain("[deploy] the engine runs: no successful up of this command line is recorded");
  expect(b.stdout).toContain("rolls out in waves: wave 1 of 2 starts");
  expect(versions("dev-")).toEqual({ "dev-Lookup": 2, "dev-A": 2, "dev-B": 1 });

  const status = exits(0, await cli(m[2], "rollout", "status", "--stack", "dev")).stdout;
  expect(status).toMatch(/module modules\/lookup \(dev-Lookup\): wave 1 of 2 is out\n/);
  const verify = exits(0, await cli(m[2], "verify", "--stack", "dev")).stdout;
  expect(verify).toMatch(/caller\s+dev-B\s+flows\/calls\/b\.yaml\s+runs 1\.0\s+held/);
  const releases = exits(0, await cli(m[2], "releases", "--stack", "dev", "--format", "json")).stdout;
  const heads = [git(m[0], "rev-parse", "HEAD"), git(m[1], "rev-parse", "HEAD")];
  const recorded = (JSON.parse(releases) as Release[]).map((r) => [r.id, r.commit]);
  expect(recorded).toEqual([
    ["r1", heads[0]],
    ["r2", heads[1]],
  ]);

  const back = exits(0, await cli(m[2], "rollback", "--stack", "dev", "--to", "r1", "--yes"));
  expect(back.stdout).toContain("republish (2): modules/lookup, calls/a");
  expect(back.stdout).toContain('Stack "dev" runs release r1 again (recorded as r3)');
  expect(versions("dev-")).toEqual({ "dev-Lookup": 3, "dev-A": 3, "dev-B": 1 });
  expect(exits(0, await cli(m[1], "rollout", "status", "--stack", "dev")).stdout).not.toContain("is out");
});

it("4. B and A deploy dev at once: A's no-op doubts, the named lock stops its engine; one publish each", async () => {
  // B goes back to what the stack runs (the rollback), then changes B and adds C.
  pull(m[1], m[2]);
  m[1].write("flows/calls/b.yaml", y(caller("B", "Welcome to B, again.")));
  m[1].write("flows/calls/c.yaml", y(caller("C", "Welcome to C.")));
  commit(m[1], "B changed, C added");
  const from = org().jobs.list().length;
  // B's publishes stay in flight a minute: A starts while B holds the stack.
  org().setFaults({ jobCompletionDelayMs: 60_000 });
  const b = cli(m[1], "up", "--stack", "dev");
  try {
    await publishing(from, "B's first publish");
    const a = exits(1, await cli(m[0], "up", "--stack", "dev"));
    expect(a.stderr).toContain("[deploy] the engine runs: the stack's state changed since the last up (another run");
    const owner = String.raw`deploy: pulumi process \d+ \(\S+ on \S+, since \S+, \d+ \w+ ago\)`;
    expect(a.stderr).toMatch(new RegExp(`${owner} holds the lock of stack "dev" and still runs: wait for it`));
  } finally {
    org().setFaults({});
    exits(0, await b);
  }
  expect([...jobsSince(from)].sort()).toEqual([
    ["dev-B", 1],
    ["dev-C", 1],
  ]);
  expect(duplicates()).toEqual([]);
});

it("5. C is killed mid-up: A's next run names the lock (owner, age, gone), the recovery; A converges", async () => {
  pull(m[2], m[1]);
  m[2].write("flows/calls/a.yaml", y(caller("A", "Welcome to A, again.")));
  m[2].write("flows/calls/d.yaml", y(caller("D", "Welcome to D.")));
  commit(m[2], "A changed, D added");
  const from = org().jobs.list().length;
  org().setFaults({ jobCompletionDelayMs: 20_000 });
  let killed = "";
  try {
    const c = m[2];
    const env = { ...process.env, ...readyToolchainEnv(c.dir), ...c.pulumiEnv, ...passphrase(c) };
    const args = ["tools/jsbuild/cli.js", "up", "--stack", "dev"];
    const child = spawn(process.execPath, args, { cwd: c.dir, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    child.stdout.on("data", (d: Buffer) => (killed += d.toString()));
    child.stderr.on("data", (d: Buffer) => (killed += d.toString()));
    const done = new Promise<void>((resolve) => child.on("close", () => resolve()));
    await publishing(from, "C's first publish");
    const tree = [child.pid!, ...descendants(child.pid!)];
    killTree(child.pid!);
    await done;
    await waitFor(() => tree.every((pid) => !fs.existsSync(`/proc/${pid}`)), "the killed processes to exit", 60_000);
  } finally {
    org().setFaults({});
  }
  await waitFor(
    () =>
      org()
        .jobs.list()
        .every((j) => j.status !== "Started"),
    "the jobs in flight to end",
    5 * 60_000,
  );
  expect(killed).not.toContain("Deployed stack");

  const owner = String.raw`pulumi process (\d+) \(\S+ on \S+, since \S+, \d+ \w+ ago\) holds the lock of stack "dev"`;
  const gone = String.raw`, but no process \1 runs on this machine: a run that was stopped \(killed or interrupted\)`;
  const lock = new RegExp(`${owner}${gone} left its lock\\. Clear it: npm run pulumi -- cancel --yes --stack dev`);
  expect(exits(1, await cli(m[0], "up", "--stack", "dev")).stderr).toMatch(lock);
  expect(exits(0, await cli(m[0], "rollout", "status", "--stack", "dev")).stdout).toMatch(lock);
  exits(0, await m[0].pulumi(["cancel", "--yes", "--stack", "dev"]));
  expect(await backendLocks(stateOf("dev"), "any")).toEqual([]);

  pull(m[0], m[2]);
  const r = exits(0, await cli(m[0], "up", "--stack", "dev"));
  expect(out(r)).not.toMatch(/would overwrite their version|which this stack does not manage|refused before/);
  expect(duplicates()).toEqual([]);
  expect(Object.keys(versions("dev-")).sort()).toEqual(["dev-A", "dev-B", "dev-C", "dev-D", "dev-Lookup"]);
  expect(exits(0, await cli(m[1], "verify", "--stack", "dev")).stdout).toMatch(/^OK: /m);
});
