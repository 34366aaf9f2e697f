// A module change rolled out in waves, and the incident around it (docs/waves.md, docs/rollback.md),
// with the real engine, provider and policy pack against the emulator, through the command line as
// a person runs it (tools/cli.ts), on one stack whose steps run in order: a module rolls out to
// three callers in three waves; a failing scenario holds wave 2 (exit 4, the last lines say why), and
// a change of a held caller is refused in preview (it would move onto the new module);
// `rollback --to previous` during the hold takes the module and the wave-1 caller back (2 publishes,
// modules first) and ends the rollout, which the next up from git does not start again; a new
// commit starts it again, a publish failing in wave 1 stops it; a pause keeps the next up from
// starting a wave; `rollout next` starts one past the failing gate, logged with the reason; the
// last wave ends the rollout in the same up (from uncommitted changes: a release git cannot give back,
// which a rollback then refuses). Releases and rollback outside waves ride along: r1 from the commit,
// the refusals that come before anything publishes, the flow that calls no module left alone, the
// note of the next up after a rollback. After every step: which module version each caller consumed
// (the emulator's dependency records) and, after every step that succeeded, the newest release's
// Genesys versions equal what the org runs. The test owns its portfolio and its git repository.
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import * as YAML from "yaml";
import { callFlow, LOOKUP } from "../../testkit/fixtures";
import { createProject, publishedFlows, runCli, type E2eProject } from "../../testkit/harness";
import { documented, excerpt } from "../../testkit/docOutputs";
import type { Release } from "../../planner/releases";
import { RUN_TRACE_ENV } from "../../run/trace";
import { publishedVersionOf } from "../../emulator/store";

jest.setTimeout(20 * 60_000);

const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
const NAMES: Record<string, string> = {
  "modules/lookup": "local-Lookup",
  "calls/a": "local-A",
  "calls/b": "local-B",
  "calls/c": "local-C",
  "calls/d": "local-D",
};
/** A flow that calls no module. */
const PLAIN = (prompt: string) => ({
  kind: "inboundCall",
  name: "D",
  start: "Welcome",
  nodes: { Welcome: { type: "playMessage", prompt, transitions: { next: "Bye" } }, Bye: { type: "disconnect" } },
});
const lookup = (text: string) => ({
  ...LOOKUP,
  nodes: { ...LOOKUP.nodes, Check: { ...LOOKUP.nodes.Check, label: text } },
});
const FAILING_SCENARIO = "scenarios/calls/a/welcome.yaml";
let p: E2eProject;

function git(...args: string[]): string {
  const r = spawnSync("git", ["-c", "user.name=e2e", "-c", "user.email=e2e@example.invalid", ...args], {
    cwd: p.dir,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
}

const cli = (...args: string[]) => runCli(p, args);
const up = () => cli("up", "--stack", "local");
type Run = { code: number; stdout: string; stderr: string };
const exits = (code: number, r: Run): Run => {
  if (r.code !== code) throw new Error(`exit ${r.code}, expected ${code}:\n${(r.stdout + r.stderr).slice(-6000)}`);
  return r;
};
const ok = (r: Run) => exits(0, r);
/** A command as docs/waves.md shows it: the command, and what it printed from `from` on, `...` for the engine's lines before it. */
const shown = (command: string, r: Run, from: string) =>
  `$ genesys-flows ${command}\n...\n${r.stdout.slice(r.stdout.indexOf(from)).trimEnd()}`;
/** The last non-empty lines a person sees. */
const lastLines = (r: Run, n: number) => r.stdout.trimEnd().split("\n").slice(-n).join("\n");

/** The module version each published caller consumed, from the emulator's records (dependency tracking). */
function moduleVersionOfCallers(): Record<string, number> {
  const flows = p.emulator.store.listFlows().filter((f) => !f.deleted);
  const m = flows.find((f) => f.name === "local-Lookup")!;
  const numberOf = new Map(m.versions.map((v) => [v.id, v.number]));
  const out: Record<string, number> = {};
  for (const f of flows) {
    const dep = publishedVersionOf(f).dependencies.find((d) => d.flowId === m.id);
    if (dep) out[f.name] = numberOf.get(dep.versionId)!;
  }
  return out;
}

/** The release history as `releases --format json` prints it. */
async function history(): Promise<Release[]> {
  return JSON.parse(ok(await cli("releases", "--stack", "local", "--format", "json")).stdout) as Release[];
}

/** What `releases --flows` printed last (docs/rollback.md shows it). */
let lastListing = "";

/** The newest release's Genesys version of every flow equals the version the org publishes; the listing with --flows says the same. */
async function releasesMatchOrg(): Promise<Release[]> {
  const h = await history();
  const last = h.at(-1)!;
  const org = Object.fromEntries(
    p.emulator.store
      .listFlows()
      .filter((f) => !f.deleted)
      .map((f) => [f.name, publishedVersionOf(f).id]),
  );
  expect(Object.fromEntries(Object.entries(last.flows).map(([id, f]) => [NAMES[id], f.version]))).toEqual(
    Object.fromEntries(Object.values(NAMES).map((n) => [n, org[n]])),
  );
  const listing = (lastListing = ok(await cli("releases", "--stack", "local", "--flows")).stdout);
  for (const [id, f] of Object.entries(last.flows))
    expect(listing).toMatch(
      new RegExp(
        `^ {8}[ *] ${id}  revision ${f.revision.slice(0, 12)}  version ${f.version!.replace(".", "\\.")}$`,
        "m",
      ),
    );
  return h;
}

beforeAll(async () => {
  const callers = Object.fromEntries(
    ["A", "B", "C"].map((n) => [`calls/${n.toLowerCase()}.yaml`, y(callFlow(n, "Lookup", "address", "Sales"))]),
  );
  // Wave 1: calls/a; wave 2: calls/b; the rest (calls/c) is wave 3.
  p = await createProject({
    flows: { "modules/lookup.yaml": y(LOOKUP), ...callers, "calls/d.yaml": y(PLAIN("Welcome to D.")) },
    settings: { waves: { "modules/lookup": [{ flows: ["calls/a"] }, { flows: ["calls/b"] }] } },
  });
  git("init", "-q");
  // Who the rollout's log names when no --by is given (project/person.ts): git's user of the project.
  git("config", "user.name", "Ana On-Call");
  git("config", "user.email", "ana@example.com");
  git("add", "-A");
  git("commit", "-qm", "r1");
});

afterAll(async () => {
  await p?.cleanup();
});

it("1. the first up publishes every flow and records r1 from the commit (no rollout: nothing runs an older module)", async () => {
  ok(await up());
  expect(moduleVersionOfCallers()).toEqual({ "local-A": 1, "local-B": 1, "local-C": 1 });
  expect((await releasesMatchOrg()).map((r) => [r.id, r.commit, r.dirty])).toEqual([
    ["r1", git("rev-parse", "HEAD"), false],
  ]);
});

it("2. a committed module change publishes the module and wave 1 only, and records r2 as wave 1 of 3", async () => {
  p.write("flows/modules/lookup.yaml", y(lookup("Address given (v2)?")));
  git("commit", "-qam", "Lookup v2");
  const r = ok(await up());
  expect(r.stdout).toContain(
    "module modules/lookup (flows/modules/lookup.yaml) rolls out in waves: wave 1 of 3 starts; on the new version after this run: calls/a; keep the version they were published with: calls/b, calls/c; wave 2 goes with the next up once the checks between waves pass",
  );
  expect(moduleVersionOfCallers()).toEqual({ "local-A": 2, "local-B": 1, "local-C": 1 });
  const h = await releasesMatchOrg();
  expect(h.map((x) => x.id)).toEqual(["r1", "r2"]);
  expect(h[1].waves).toEqual([{ module: "modules/lookup", wave: 1, of: 3, starts: true }]);
});

it("3. a failing scenario of wave 1 holds wave 2: nothing publishes, exit 4, the last lines say why and what to type; verify names the held callers and is not OK about them", async () => {
  fs.mkdirSync(path.join(p.dir, path.dirname(FAILING_SCENARIO)), { recursive: true });
  p.write(
    FAILING_SCENARIO,
    y({
      stack: "local",
      scenarios: [
        {
          name: "A caller hears a welcome A does not play",
          call: { ani: "+13175550100" },
          expect: { hears: ["Welcome to Nobody."] },
        },
      ],
    }),
  );
  const mark = p.mark();
  const r = exits(4, await up());
  expect(p.count("job.create", mark)).toBe(0);
  const tail = lastLines(r, 4);
  expect(tail).toMatch(
    /^HELD: the rollout of module modules\/lookup waits: wave 1 of 3 is out, wave 2 does not start, because:\n {2}scenario scenarios\/calls\/a\/welcome\.yaml:\d+ "A caller hears a welcome A does not play" \(calls\/a\) (failed|stopped)\n/,
  );
  expect(tail).toContain("  kept on the module version they were published with: calls/b, calls/c");
  expect(tail).toContain(
    'or start wave 2 anyway (genesys-flows rollout next --stack local --module modules/lookup --reason "<why>"); or take the module back (genesys-flows rollback --stack local --to previous).',
  );
  expect(moduleVersionOfCallers()).toEqual({ "local-A": 2, "local-B": 1, "local-C": 1 });
  documented("waves/held", shown("up --stack local", r, "Rollouts in waves"));
  // An up that publishes nothing records no release.
  expect((await releasesMatchOrg()).map((x) => x.id)).toEqual(["r1", "r2"]);

  const verify = ok(await cli("verify", "--stack", "local"));
  expect(verify.stdout).toMatch(/caller\s+local-B\s+flows\/calls\/b\.yaml\s+runs 1\.0\s+held/);
  expect(verify.stdout).toMatch(
    /info +\[pending\] local-B \(flows\/calls\/b\.yaml\): runs the previous version of module local-Lookup on purpose: the rollout in waves holds it until wave 2 of 3 \(wave 1 is out\)\. Fix: wave 2 waits for: scenario scenarios\/calls\/a\/welcome\.yaml:\d+ "A caller hears a welcome A does not play" \(calls\/a\) (failed|stopped)\. Fix that and npm start; or start it anyway: genesys-flows rollout next --stack local --module modules\/lookup --reason "<why>"; or take the module back: genesys-flows rollback --stack local --to previous/,
  );
  expect(lastLines(verify, 1)).toBe(
    "HELD: every flow of the stack runs what the stack deployed, but 2 callers of the stack run an older version of a module on purpose, held by a rollout in waves: local-B, local-C ([wave-held] and [pending] above say until when and what moves them).",
  );

  // A held caller never moves by accident: a change of its own would publish it onto the new module; refused in preview already.
  p.write(
    "flows/calls/c.yaml",
    y({ ...callFlow("C", "Lookup", "address", "Sales"), description: "C, edited during the rollout." }),
  );
  const moves = exits(1, await cli("preview", "--stack", "local"));
  expect(moves.stdout).toContain(
    "this up would publish calls/c (its file changed), which moves calls/c onto the new module now, ahead of wave 3 of 3 of the rollout of module modules/lookup",
  );
  documented(
    "waves/held-caller-refused",
    `$ genesys-flows preview --stack local\n...\n${excerpt(moves.stdout, "Diagnostics:")}`,
  );
  git("checkout", "--", "flows/calls/c.yaml");
});

it("4. rollback refuses before anything publishes a release the stack never had, and the one that runs", async () => {
  const mark = p.mark();
  const never = exits(1, await cli("rollback", "--stack", "local", "--to", "r9"));
  expect(never.stderr).toContain(
    `rollback: refused, nothing published: stack "local" never had release r9, or no longer keeps it: it has r1, r2`,
  );
  expect(exits(1, await cli("rollback", "--stack", "local", "--to", "r2")).stderr).toContain(
    "already runs the content of r2",
  );
  expect(p.count("job.create", mark)).toBe(0);
});

it("5. rollback --to previous during the hold takes the module, then the wave-1 caller, back to r1 (2 publishes; the others alone), ends the rollout, verifies clean and records r3", async () => {
  const before = publishedFlows(p.emulator);
  const mark = p.mark();
  // Every read of the rollback's run (run/trace.ts): one plan, the state once before the run and once after it, one sign-in.
  const trace = path.join(p.dir, ".work", "rollback-trace.jsonl");
  const r = ok(await runCli(p, ["rollback", "--stack", "local", "--to", "previous"], { [RUN_TRACE_ENV]: trace }));
  const events = fs
    .readFileSync(trace, "utf8")
    .trim()
    .split("\n")
    .map((l) => (JSON.parse(l) as { event: string }).event);
  expect(
    Object.fromEntries(
      ["settings", "plan", "state", "state after", "sign-in"].map((e) => [e, events.filter((x) => x === e).length]),
    ),
  ).toEqual({ settings: 1, plan: 1, state: 1, "state after": 1, "sign-in": 1 });
  expect(r.stdout).toContain(`Rollback of stack "local" to r1`);
  expect(r.stdout).toContain("republish (2): modules/lookup, calls/a");
  expect(r.stdout).toContain(
    "ends the rollout in waves of module modules/lookup (wave 1 of 3 out; moved: calls/a; held: calls/b, calls/c)",
  );
  expect(p.count("job.create", mark)).toBe(2);
  const after = publishedFlows(p.emulator);
  expect(after.get("local-Lookup")!.published).toBeLessThan(after.get("local-A")!.published);
  for (const n of ["local-B", "local-C", "local-D"]) expect(after.get(n)!.version).toBe(before.get(n)!.version);
  expect(after.get("local-Lookup")!.text).not.toContain("(v2)");
  // The module's version 3 is r1's content again: A runs it; B and C run version 1, the same content.
  expect(moduleVersionOfCallers()).toEqual({ "local-A": 3, "local-B": 1, "local-C": 1 });
  expect(r.stdout).toContain(`Stack "local" runs release r1 again (recorded as r3)`);
  const start = `$ genesys-flows rollback --stack local --to previous\n${excerpt(r.stdout, `Rollback of stack "local" to r1`)}`;
  documented("rollback/rollback-start", start);
  documented("waves/rollback", `${start}\n${shown("", r, "Rollouts in waves").split("\n").slice(1).join("\n")}`);
  const verify = ok(await cli("verify", "--stack", "local"));
  expect(verify.stdout).toMatch(
    /info +\[same-content\] local-B \(flows\/calls\/b\.yaml\): runs module local-Lookup version 1\.0, the content the module's published version 3\.0 has again/,
  );
  expect(lastLines(verify, 1)).toMatch(/^OK: every flow of the stack runs what the stack deployed/);
  const h = await releasesMatchOrg();
  expect(h.at(-1)).toMatchObject({ id: "r3", rollbackOf: "r1" });
  expect(ok(await cli("rollout", "status", "--stack", "local")).stdout).toMatch(
    /module modules\/lookup \(local-Lookup\): rolled back to r1 \(by Ana On-Call <ana@example\.com> at \S+\) during wave 1 of 3\n/,
  );
});

it("6. the next up from git says the stack runs r1 and does not roll the rolled-back change out again", async () => {
  const mark = p.mark();
  const r = exits(1, await up());
  expect(p.count("job.create", mark)).toBe(0);
  const out = r.stdout + r.stderr;
  expect(out).toMatch(
    /the stack runs release r1 \(commit [0-9a-f]{12}\) \(rolled back in r3 at [^)]+\); this up re-applies [0-9a-f]{12}/,
  );
  expect(out).toContain("this revision of module modules/lookup was rolled back (rollback --to r1 by");
  expect(out).toContain('genesys-flows rollout resume --stack local --module modules/lookup --reason "<why>"');
  const reapplies = excerpt(out, "[deploy] the stack runs release r1");
  documented("rollback/re-applies", reapplies);
  documented(
    "waves/rolled-back-up",
    `$ genesys-flows up --stack local\n${reapplies}\n...\n${excerpt(out, "Diagnostics:")}`,
  );
  expect(moduleVersionOfCallers()).toEqual({ "local-A": 3, "local-B": 1, "local-C": 1 });
});

it("7. a new commit of the module starts the rollout again from wave 1 (the up says it re-applies git); a publish failing in wave 1 stops it before wave 2, each caller's version said", async () => {
  p.write("flows/modules/lookup.yaml", y(lookup("Address given (v3)?")));
  git("commit", "-qam", "Lookup v3: the fix");
  p.emulator.setFaults({ jobFailures: [{ flowName: "local-A", message: "Injected: wave one fails" }] });
  const r = exits(1, await up());
  p.emulator.setFaults({});
  expect(r.stdout).toContain(`(rolled back in r3 at`);
  expect(r.stdout).toContain(`this up re-applies ${git("rev-parse", "HEAD").slice(0, 12)}`);
  expect(moduleVersionOfCallers()).toEqual({ "local-A": 3, "local-B": 1, "local-C": 1 });
  expect(r.stdout).toContain(
    "module local-Lookup is new in the org; callers on the new version: none; not yet: local-A; held on the previous one by its rollout in waves: local-B, local-C",
  );
  const account = r.stdout.slice(r.stdout.indexOf("Rollouts in waves"));
  documented("waves/stopped", shown("up --stack local", r, "The run stopped part-way"));
  expect(account).toContain(
    "module modules/lookup: wave 1 of 3 is out, not complete; wave 2 does not start until it is",
  );
  expect(account).toMatch(
    /calls\/a +wave 1 +the version it was published with \(its publish in this wave did not happen or failed\)/,
  );
  expect(account).toMatch(/calls\/b +wave 2 +the version it was published with \(held until its wave\)/);
  // A failed up records no release (its account above says where the org stands): r3 is still the newest.
  expect((await history()).map((x) => x.id)).toEqual(["r1", "r2", "r3"]);
});

it("8. paused: the next up publishes wave 1 again (the failed caller) but starts no wave 2, exit 4 naming who paused it and why; the state logs it", async () => {
  const pause = ok(await cli("rollout", "pause", "--stack", "local", "--reason", "wave 1 callers hear silence"));
  expect(pause.stdout).toContain(
    `The rollout of module modules/lookup on stack "local" is paused: no up starts a wave`,
  );
  documented(
    "waves/pause",
    `$ genesys-flows rollout pause --stack local --reason "wave 1 callers hear silence"\n${pause.stdout}`,
  );
  const mark = p.mark();
  const r = exits(4, await up());
  expect(p.count("job.create", mark)).toBe(1);
  // The failed up recorded no release: r3 (the rollback) is still the newest, and this up says so again.
  expect(r.stdout).toContain("(rolled back in r3 at");
  expect(moduleVersionOfCallers()).toEqual({ "local-A": 4, "local-B": 1, "local-C": 1 });
  documented("waves/paused-up", `$ genesys-flows up --stack local\n...\n${lastLines(r, 3)}`);
  expect(lastLines(r, 3)).toMatch(
    /^HELD: the rollout of module modules\/lookup is paused \(by Ana On-Call <ana@example\.com> at \S+: wave 1 callers hear silence\); wave 1 of 3 is out, wave 2 does not start\./,
  );
  expect((await releasesMatchOrg()).map((x) => x.id)).toEqual(["r1", "r2", "r3", "r4"]);
  expect(ok(await cli("rollout", "status", "--stack", "local")).stdout).toMatch(
    /paused \(by Ana On-Call <ana@example\.com> at \S+: wave 1 callers hear silence\); wave 1 of 3 is out\n[\s\S]* {2}\S+ {2}pause {4}by Ana On-Call <ana@example\.com>: wave 1 callers hear silence\n/,
  );
});

it("9. rollout next starts wave 2 past the failing scenario and the pause, with who and why in the state's log and the release", async () => {
  const mark = p.mark();
  const r = ok(
    await cli(
      "rollout",
      "next",
      "--stack",
      "local",
      "--by",
      "bo",
      "--reason",
      "wave 1 is fine; the scenario expects the old prompt",
    ),
  );
  expect(p.count("job.create", mark)).toBe(1);
  expect(r.stdout).not.toContain("re-applies");
  expect(moduleVersionOfCallers()).toEqual({ "local-A": 4, "local-B": 4, "local-C": 1 });
  expect(r.stdout).toContain(
    "wave 2 of 3 starts (rollout next by bo: wave 1 is fine; the scenario expects the old prompt)",
  );
  expect(r.stdout).toMatch(
    /rollout next by bo \(wave 1 is fine; the scenario expects the old prompt\): wave 2 of module modules\/lookup starts although the checks between waves say:\n\s+scenario scenarios\/calls\/a\/welcome\.yaml/,
  );
  documented(
    "waves/next",
    `$ genesys-flows rollout next --stack local --by bo --reason "wave 1 is fine; the scenario expects the old prompt"\n${r.stdout.split("\n")[0]}\n...\n${excerpt(r.stdout, "Diagnostics:")}`,
  );
  const h = await releasesMatchOrg();
  documented("rollback/releases-flows", `$ genesys-flows releases --stack local --flows\n${lastListing}`);
  expect(h.at(-1)).toMatchObject({
    id: "r5",
    waves: [
      {
        module: "modules/lookup",
        wave: 2,
        of: 3,
        starts: true,
        next: { by: "bo", reason: "wave 1 is fine; the scenario expects the old prompt" },
      },
    ],
  });
  const status = ok(await cli("rollout", "status", "--stack", "local")).stdout;
  documented("waves/status", `$ genesys-flows rollout status --stack local\n${status}`);
  expect(status).toMatch(
    / {2}\S+ {2}next {5}by bo: wave 1 is fine; the scenario expects the old prompt \(started wave 2, past: scenario scenarios\/calls\/a\/welcome\.yaml:\d+ "A caller hears a welcome A does not play" \(calls\/a\) (failed|stopped)\)/,
  );
  // A release made half-way through the rollout ran two module versions: rolling back to it is refused.
  expect(exits(1, await cli("rollback", "--stack", "local", "--to", "r4")).stderr).toContain(
    "release r4 was made half-way through a rollout in waves (wave 1 of 3 of modules/lookup)",
  );
});

it("10. resumed, with the scenario fixed, the next up starts the last wave and the rollout ends with it (another flow's uncommitted change goes too); verify is OK", async () => {
  ok(await cli("rollout", "resume", "--stack", "local", "--reason", "the scenario is fixed"));
  fs.rmSync(path.join(p.dir, FAILING_SCENARIO));
  p.write("flows/calls/d.yaml", y(PLAIN("Hello from D.")));
  const r = ok(await up());
  expect(r.stdout).toContain(
    "wave 3 of 3 starts; on the new version after this run: calls/a, calls/b, calls/c; keep the version they were published with: none; the rollout ends with this run",
  );
  expect(moduleVersionOfCallers()).toEqual({ "local-A": 4, "local-B": 4, "local-C": 4 });
  expect((await releasesMatchOrg()).map((x) => [x.id, x.dirty])).toEqual([
    ["r1", false],
    ["r2", false],
    ["r3", false],
    ["r4", false],
    ["r5", false],
    ["r6", true],
  ]);
  expect(ok(await cli("rollout", "status", "--stack", "local")).stdout).toBe(
    `Stack "local" has no rollout in waves in progress.\n`,
  );
  expect(lastLines(ok(await cli("verify", "--stack", "local")), 1)).toMatch(/^OK: /);
});

it("11. a release deployed from uncommitted changes is refused: its content is not in git", async () => {
  git("checkout", "--", "flows/calls/d.yaml");
  ok(await up());
  expect((await releasesMatchOrg()).map((x) => x.id)).toEqual(["r1", "r2", "r3", "r4", "r5", "r6", "r7"]);
  const mark = p.mark();
  const r = exits(1, await cli("rollback", "--stack", "local", "--to", "previous"));
  expect(r.stderr).toContain("release r6 was deployed from a working tree that differed from commit");
  expect(p.count("job.create", mark)).toBe(0);
});
