// Issue 88.3 and 88.5, end to end with the real engine, provider and policy pack against the
// emulator, through the command line as a person runs it (docs/waves.md, "After a stop"): a module
// rolls out in waves (calls/a, then calls/b, then calls/c); `rollback --to previous` is stopped
// right after it published the module (SIGKILL of its whole process tree, then SIGINT of its process
// group, as Ctrl-C does), before the wave-1 caller went back. After each stop: the stale lock names
// its owner process and the way to clear it; `rollout status` shows what the org runs (each caller's
// module version, the release it is in) and that it disagrees with the record; `verify` names the
// module's repeated version instead of "same-content"; the next `up` refuses to publish wave 2 onto
// the rolled-back module, as plain `pulumi up` does; the one safe command the refusal names
// (`rollback --to r1`) puts the module and every caller on one release, recorded. Last, an `up` of a
// wave stopped right after the module publish: the preview names what the next up publishes and why.
// Steps run in order on one stack; the test owns its portfolio and its git repository.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { callFlow, LOOKUP } from "../../testkit/fixtures";
import {
  createProject,
  descendants,
  killTree,
  policyArgs,
  runCli,
  waitFor,
  type E2eProject,
  type ToolRun,
} from "../../testkit/harness";
import { readyToolchainEnv } from "../../testkit/toolchainEnv";
import { publishedVersionOf } from "../../emulator/store";
import type { Release } from "../../planner/releases";
import { documented, excerpt } from "../../testkit/docOutputs";
import { gitIn } from "../../testkit/fixtureProject";

jest.setTimeout(30 * 60_000);

const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
const lookup = (text: string) => ({
  ...LOOKUP,
  nodes: { ...LOOKUP.nodes, Check: { ...LOOKUP.nodes.Check, label: text } },
});
let p: E2eProject;
const git = (...args: string[]) => gitIn(p.dir, ...args).trim();
const cli = (...args: string[]) => runCli(p, args);
const out = (r: ToolRun) => r.stdout + r.stderr;
function exits(code: number, r: ToolRun): ToolRun {
  if (r.code !== code) throw new Error(`exit ${r.code}, expected ${code}:\n${out(r).slice(-6000)}`);
  return r;
}

/** How many versions the module has, and the module version each published caller consumed (the emulator's dependency records). */
function orgRuns(): Record<string, number> {
  const flows = p.emulator.store.listFlows().filter((f) => !f.deleted);
  const m = flows.find((f) => f.name === "local-Lookup")!;
  const numberOf = new Map(m.versions.map((v) => [v.id, v.number]));
  const runs: Record<string, number> = { "local-Lookup": m.versions.length };
  for (const f of flows) {
    const dep = publishedVersionOf(f).dependencies.find((d) => d.flowId === m.id);
    if (dep) runs[f.name] = numberOf.get(dep.versionId)!;
  }
  return runs;
}

async function history(): Promise<Release[]> {
  return JSON.parse(exits(0, await cli("releases", "--stack", "local", "--format", "json")).stdout) as Release[];
}

/**
 * Starts `genesys-flows <args>` as runCli does, in its own process group, and stops it right after
 * the module's publish: once the org has the module's next version, every later request of the run
 * waits 10 s, and the run is stopped (`signal`: SIGKILL to the whole process tree, or SIGINT to its
 * process group as Ctrl-C does) before its next publish.
 */
async function stopAfterModulePublish(args: string[], signal: "SIGKILL" | "SIGINT"): Promise<string> {
  const before = orgRuns()["local-Lookup"];
  const child = spawn(process.execPath, ["tools/jsbuild/cli.js", ...args], {
    cwd: p.dir,
    env: {
      ...process.env,
      ...(readyToolchainEnv(p.dir) ?? {}),
      PULUMI_BACKEND_URL: `file://${path.join(p.dir, ".work/state")}`,
      PLUGIN_UNIX_SOCKET_DIR: p.pulumiEnv.PLUGIN_UNIX_SOCKET_DIR,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let text = "";
  child.stdout.on("data", (d: Buffer) => (text += d.toString()));
  child.stderr.on("data", (d: Buffer) => (text += d.toString()));
  const done = new Promise<void>((resolve) => child.on("close", () => resolve()));
  await waitFor(() => orgRuns()["local-Lookup"] === before + 1, "the module's publish", 5 * 60_000, 5);
  p.emulator.setFaults({ latencyMs: 10_000 });
  try {
    await new Promise((r) => setTimeout(r, 300));
    const tree = [child.pid!, ...descendants(child.pid!)];
    if (signal === "SIGKILL") killTree(child.pid!);
    else process.kill(-child.pid!, "SIGINT");
    await done;
    // Interrupted, Pulumi lets the operations in flight finish, each request of theirs now 10 s
    // late: a minute on a quiet machine, more on a loaded one.
    const alive = () =>
      tree.filter(
        (pid) => fs.existsSync(`/proc/${pid}`) && !/^\S+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8")),
      );
    try {
      await waitFor(() => alive().length === 0, "the stopped run's processes to exit", 5 * 60_000);
    } catch (e) {
      // What still runs and what the run said, for the failure; then the next step meets no leftover run.
      const cmdline = (pid: number) => {
        try {
          return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
        } catch {
          return "(gone)";
        }
      };
      const left = alive().map((pid) => `${pid}: ${cmdline(pid)}`);
      for (const pid of alive()) killTree(pid);
      throw new Error(
        `${(e as Error).message}; still running:\n${left.join("\n")}\nthe run said:\n${text.slice(-4000)}`,
      );
    }
  } finally {
    // Whatever happened, the next step meets an org without the delay.
    p.emulator.setFaults({});
  }
  return text;
}

/** Where a stopped rollback left the org: the release it went back `to`, the module's unrecorded version `pv`, the one calls/a still runs, the module versions the releases recorded, the release that runs. */
interface Stopped {
  to: string;
  pv: number;
  a: number;
  /** calls/a's own published version. */
  aOwn: number;
  recorded: string;
  runs: string;
  signal: "SIGKILL" | "SIGINT";
  /** Interrupted (SIGINT), Pulumi lets the module's publish in flight finish and may record it: its content is then known. */
  moduleRecorded?: boolean;
}

/** After a stopped rollback: the lock, the status, verify, the refused up and pulumi up, then the safe command. */
async function afterStoppedRollback(x: Stopped): Promise<void> {
  const { to, pv, a } = x;
  let documentedUp = false;
  // The stale lock: its owner process, gone, and the way to clear it. A SIGKILL always leaves it; a
  // SIGINT leaves it when Pulumi is stopped before it unlocks (its second interrupt: the one the
  // process group gets and the one the CLI passes on race), else Pulumi unlocked on its way out.
  const lockFiles = () =>
    (fs.readdirSync(path.join(p.dir, ".work/state/.pulumi"), { recursive: true }) as string[]).filter((f) =>
      /^locks\/.*\.json$/.test(f),
    );
  if (x.signal === "SIGKILL") expect(lockFiles()).toHaveLength(1);
  if (lockFiles().length > 0) {
    const locked = exits(1, await cli("up", "--stack", "local"));
    const owner = String.raw`deploy: pulumi process (\d+) \(\S+ on \S+, since \S+, \d+ \w+ ago\) holds the lock`;
    const gone = String.raw` of stack "local", but no process \1 runs on this machine: a run that was stopped \(killed`;
    const clear = String.raw` or interrupted\) left its lock\. Clear it: npm run pulumi -- cancel --yes --stack local`;
    expect(locked.stderr).toMatch(new RegExp(owner + gone + clear));
    const status = exits(0, await cli("rollout", "status", "--stack", "local"));
    expect(status.stdout).toMatch(/holds the lock of stack "local", but no process \d+ runs on this machine/);
    expect((await p.pulumi(["cancel", "--yes", "--stack", "local"])).code).toBe(0);
  }
  expect(lockFiles()).toEqual([]);

  // What the org runs against the record: the rollback's end is recorded, the org is half-way.
  const s = exits(0, await cli("rollout", "status", "--stack", "local")).stdout;
  expect(s).toMatch(
    new RegExp(
      `module modules/lookup \\(local-Lookup\\): rolled back to ${to} \\(by .* at \\S+\\) during wave 1 of 3\n`,
    ),
  );
  const unknown = "no release recorded it \\(a run of the stack published it and stopped before recording it\\)";
  expect(s).toMatch(
    new RegExp(
      ` {6}modules/lookup {2}publishes version ${pv}\\.0: (${unknown}${x.moduleRecorded === undefined ? "" : "|revision [0-9a-f]{12} \\(Pulumi's record of its last publish\\)"})\n`,
    ),
  );
  expect(s).toMatch(
    new RegExp(
      ` {6}calls/a {2}runs version ${x.aOwn}\\.0, with module version ${a}\\.0: revision [0-9a-f]{12} \\(${x.runs}\\)\n`,
    ),
  );
  expect(s).toMatch(/ {6}calls\/b {2}runs version 1\.0, with module version 1\.0: revision [0-9a-f]{12} \(r1\)\n/);
  expect(s).toContain(
    `the org runs them as no release recorded them (the closest, ${x.runs}, differs in modules/lookup); the releases say ${x.runs} runs`,
  );
  expect(s).toMatch(new RegExp(`the rollback to ${to} \\(by .* at \\S+\\) stopped before it recorded its release`));
  const module = `modules/lookup publishes version ${pv}\\.0, whose content no record says, not [0-9a-f]{12}; `;
  expect(s).toMatch(
    new RegExp(
      `DISAGREES with the record: ${x.moduleRecorded === undefined ? module : `(${module})?`}calls/a runs module revision [0-9a-f]{12}, not [0-9a-f]{12}\n`,
    ),
  );
  expect(s).toContain(`the one safe command: genesys-flows rollback --stack local --to ${to}`);
  if (x.moduleRecorded === undefined)
    documented("waves/stopped-rollback-status", `$ genesys-flows rollout status --stack local\n${s}`);

  // Verify names the repeated version (the stopped run's), not "same-content", and fails.
  const verify = exits(1, await cli("verify", "--stack", "local"));
  expect(verify.stdout).toContain(
    `error   [repeated-version] local-A (flows/calls/a.yaml): runs module local-Lookup version ${a}.0; the module's published version ${pv}.0 is one no release of the stack recorded (they recorded ${x.recorded})`,
  );
  expect(verify.stdout).not.toContain("[same-content]");
  expect(verify.stdout).toContain(`Fix: genesys-flows rollback --stack local --to ${to}`);

  // The next up, and plain pulumi up, refuse to publish wave 2 onto the rolled-back module: nothing publishes.
  for (const run of [
    () => cli("up", "--stack", "local"),
    async () => {
      const r = await p.pulumi(["up", "--yes", "--skip-preview", "--stack", "local", ...policyArgs("local")]);
      return { code: r.code, stdout: r.stdout, stderr: r.stderr };
    },
  ]) {
    const mark = p.mark();
    const r = await run();
    expect(r.code).not.toBe(0);
    expect(p.count("job.create", mark)).toBe(0);
    expect(out(r)).toContain("a rollout in waves stopped part-way, and the org does not run what the records say:");
    expect(out(r)).toContain(
      "module modules/lookup: a rollback ended its rollout and stopped; this run would go on from a state no release records:",
    );
    expect(out(r)).toMatch(
      new RegExp(`the rollback to ${to} \\(by .* at \\S+\\) stopped before it recorded its release`),
    );
    expect(out(r)).toContain(`the one safe command: genesys-flows rollback --stack local --to ${to}`);
    if (x.moduleRecorded === undefined && !documentedUp)
      documented(
        "waves/stopped-rollback-up",
        `$ genesys-flows up --stack local\n...\n${excerpt(out(r), /^ *error: refused before anything is registered/, /the one safe command/)}`,
      );
    documentedUp = true;
  }
  expect(orgRuns()).toEqual({ "local-Lookup": pv, "local-A": a, "local-B": 1, "local-C": 1 });

  // The safe command: the module, then calls/a, back on r1; recorded; verify OK; the status agrees.
  const mark = p.mark();
  const safe = exits(0, await cli("rollback", "--stack", "local", "--to", to));
  expect(safe.stdout).toContain(
    `this rollback takes module modules/lookup and its callers to one release again, after the rollback to ${to} that stopped`,
  );
  // The module again, then calls/a; or calls/a alone when Pulumi recorded the stopped run's publish of the module (its content is known).
  const publishes = p.count("job.create", mark);
  expect(x.moduleRecorded === undefined ? [2] : [1, 2]).toContain(publishes);
  const v = publishes === 2 ? pv + 1 : pv;
  expect(orgRuns()).toEqual({ "local-Lookup": v, "local-A": v, "local-B": 1, "local-C": 1 });
  const recorded = (await history()).at(-1)!;
  expect(recorded).toMatchObject({ rollbackOf: to });
  expect(safe.stdout).toMatch(/^OK: /m);
  const after = exits(0, await cli("rollout", "status", "--stack", "local")).stdout;
  expect(after).not.toContain("DISAGREES");
  expect(after).not.toContain("stopped before");
  expect(after).toContain(`modules/lookup  publishes version ${v}.0: revision`);
  expect(after).toContain(
    `the org runs them as release ${recorded.id} recorded them; the releases say ${recorded.id} runs`,
  );
  expect(exits(0, await cli("verify", "--stack", "local")).stdout).toMatch(/^OK: /m);
}

beforeAll(async () => {
  const callers = Object.fromEntries(
    ["A", "B", "C"].map((n) => [`calls/${n.toLowerCase()}.yaml`, y(callFlow(n, "Lookup", "address", "Sales"))]),
  );
  p = await createProject({
    flows: { "modules/lookup.yaml": y(LOOKUP), ...callers },
    settings: { waves: { "modules/lookup": [{ flows: ["calls/a"] }, { flows: ["calls/b"] }] } },
  });
  git("init", "-q");
  // Who runs the rollback, as the docs show it (the person is git's user of the project).
  git("config", "user.name", "Ana On-Call");
  git("config", "user.email", "ana@example.com");
  git("add", "-A");
  git("commit", "-qm", "r1");
  exits(0, await cli("up", "--stack", "local"));
  p.write("flows/modules/lookup.yaml", y(lookup("Address given (v2)?")));
  git("commit", "-qam", "Lookup v2");
  exits(0, await cli("up", "--stack", "local"));
  expect(orgRuns()).toEqual({ "local-Lookup": 2, "local-A": 2, "local-B": 1, "local-C": 1 });
});

afterAll(async () => {
  await p?.cleanup();
});

it("1. SIGKILL of rollback right after the module publish: the lock, rollout status, verify, the refused up and pulumi up, the safe command", async () => {
  const text = await stopAfterModulePublish(["rollback", "--stack", "local", "--to", "previous"], "SIGKILL");
  expect(text).toContain("republish (2): modules/lookup, calls/a");
  // The module went back (version 3.0: r1's content); calls/a did not: it runs r2's.
  expect(orgRuns()).toEqual({ "local-Lookup": 3, "local-A": 2, "local-B": 1, "local-C": 1 });
  await afterStoppedRollback({ signal: "SIGKILL", to: "r1", pv: 3, a: 2, aOwn: 2, recorded: "1.0, 2.0", runs: "r2" });
});

it("2. SIGINT of rollback right after the module publish, in the next rollout: the same", async () => {
  // Back on the rolled-back state: resume the rollout (wave 1 again), then roll back and interrupt it.
  exits(0, await cli("rollout", "resume", "--stack", "local", "--reason", "the fix is in"));
  exits(0, await cli("up", "--stack", "local"));
  expect(orgRuns()).toEqual({ "local-Lookup": 5, "local-A": 5, "local-B": 1, "local-C": 1 });
  const runs = (await history()).at(-1)!.id;
  const text = await stopAfterModulePublish(["rollback", "--stack", "local", "--to", "previous"], "SIGINT");
  expect(text).toContain("republish (2): modules/lookup, calls/a");
  expect(orgRuns()).toEqual({ "local-Lookup": 6, "local-A": 5, "local-B": 1, "local-C": 1 });
  const to = /Rollback of stack "local" to (r\d+)/.exec(text)![1];
  await afterStoppedRollback({
    signal: "SIGINT",
    to,
    pv: 6,
    a: 5,
    aOwn: 4,
    recorded: "1.0, 2.0, 4.0, 5.0",
    runs,
    moduleRecorded: false,
  });
});

it("3. SIGKILL of an up of wave 1 right after the module publish: the status says so; the preview names the module and wave 1 again, and holds the rest; the up converges", async () => {
  p.write("flows/modules/lookup.yaml", y(lookup("Address given (v3)?")));
  git("commit", "-qam", "Lookup v3: the fix");
  const before = orgRuns();
  await stopAfterModulePublish(["up", "--stack", "local"], "SIGKILL");
  const pv = before["local-Lookup"] + 1;
  expect(orgRuns()).toEqual({ ...before, "local-Lookup": pv });
  expect((await p.pulumi(["cancel", "--yes", "--stack", "local"])).code).toBe(0);
  const status = exits(0, await cli("rollout", "status", "--stack", "local")).stdout;
  expect(status).toMatch(/module modules\/lookup \(local-Lookup\): wave 1 of 3 is out\n/);
  // Mostly the kill lands before Pulumi records the module's publish: the next up publishes the module
  // again, then wave 1. Rarely Pulumi recorded the module's Flow (its file hash) but not its component:
  // the org's version is then known to be the new content, and wave 1 alone goes out onto it.
  const recorded = status.includes(`      modules/lookup  publishes version ${pv}.0: revision `);
  if (recorded)
    expect(status).toMatch(
      new RegExp(
        ` {6}modules/lookup {2}publishes version ${pv}\\.0: revision [0-9a-f]{12} \\(Pulumi's record of its last publish\\)\n`,
      ),
    );
  else
    expect(status).toContain(
      `      modules/lookup  publishes version ${pv}.0: no release recorded it (a run of the stack published it and stopped before recording it)\n`,
    );
  if (!recorded)
    expect(status).toContain(
      "    the next up publishes the module again before any caller, or stops before it publishes a caller onto it\n",
    );

  const preview = exits(0, await cli("preview", "--stack", "local"));
  const impact = preview.stdout.slice(preview.stdout.indexOf("Impact of deploying"));
  // The module's own section (what its change republishes, what its rollout holds) only when the module publishes again.
  if (!recorded) expect(impact).toContain("    republishes in the stack: local-A\n");
  if (!recorded)
    expect(impact).toContain("    held by its rollout in waves (they keep the version they run): local-B, local-C\n");
  const takes = recorded ? "the module's published version" : "the module's new content, published first";
  // When the module was recorded, the kill may also have landed while wave 1's update of calls/a was under way: its line then says so.
  const stoppedA = recorded ? "( \\(a run that stopped part-way left it unrecorded: published again\\))?" : "";
  expect(impact).toMatch(
    new RegExp(
      `local-A +flows/calls/a\\.yaml +wave 1 of 3 of the rollout of module modules/lookup is published again: it takes ${takes}${stoppedA}\n`,
    ),
  );
  if (!recorded)
    expect(impact).toMatch(
      /local-Lookup +flows\/modules\/lookup\.yaml +flows\/modules\/lookup\.yaml changed \(a run that stopped part-way left it unrecorded: published again\)\n/,
    );
  else expect(impact).not.toMatch(/local-Lookup +flows/);
  expect(impact).not.toMatch(/local-[BC] +flows/);

  const mark = p.mark();
  const up = exits(0, await cli("up", "--stack", "local"));
  const v = recorded ? pv : pv + 1;
  expect(p.count("job.create", mark)).toBe(recorded ? 1 : 2);
  expect(orgRuns()).toEqual({ ...before, "local-Lookup": v, "local-A": v });
  expect(up.stdout).toMatch(/^HELD: every flow of the stack runs what the stack deployed/m);
  const after = exits(0, await cli("rollout", "status", "--stack", "local")).stdout;
  expect(after).not.toContain("DISAGREES");
});
