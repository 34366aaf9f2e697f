// The agreement tier: the review and the engine name the same changes. For each change of a matrix
// (cases.ts: flow and module content, substitutions used and unused, added and removed, per flow and
// per stack, namePrefix, a flow's name, include/exclude, every stack setting, the provider's
// settings, routing files and values, adoption, a new flow file, a deleted one) and seeded random
// changes (mutations.ts), it compares the set of (resource, action) the review's JSON names
// (`genesys-flows diff --base <deployed commit> --stack local --json`: deploy.resources, computed
// from what `up` deploys from the base and from the head) with what `pulumi preview --json` reports,
// with the real engine, language host, bridged provider and policy pack against the emulator
// (actions.ts says which resources count and how the engine's steps fold into one action). The
// stateful cases compare with the steps of the `up` that follows: a new stack's first up (with a
// flow adopted from the org), a module change rolled out in waves and its next wave (the review
// reading the stack's state, as `--org local` does), and a rollback to the first release.
//
// Zero disagreements. A disagreement prints the case (its kind, the random seed, the files it
// changed and the change), both sets, and how to rerun it. The engine is right: a disagreement is a
// bug of the review (or of what the program gives its resources).
//
// Speed: one deployed stack; independent cases share a preview (cases.ts batches), and each batch
// is undone with git, not redeployed. A batch that disagrees is rerun case by case to name the case.
// Settings (environment variables; `npm run test:agreement -- --cases N --seed S --only <regex>`
// sets them): GENESYS_FLOWS_AGREEMENT_CASES (random cases, default 20), GENESYS_FLOWS_AGREEMENT_SEED
// (default: a new one each run, printed), GENESYS_FLOWS_AGREEMENT_ONLY (a regular expression on the
// case's kind: only those cases; the stateful ones run when it matches "stateful").
import * as fs from "node:fs";
import { publishOk } from "../../testkit/emulator";
import { architectCall } from "../../testkit/architectFlow";
import { disagreements, engineActions, flowsOnly, rawSteps, reviewActions, runActions, showSet, type ActionSet, type Disagreement } from "./actions";
import { FlowLoadError } from "../../model/errors";
import { adopt, batches, matrix, type AgreementCase } from "./cases";
import { randomCases } from "./mutations";
import { Workspace, type EngineRun } from "./workspace";
import type { ReviewJson } from "../../diff/review";

jest.setTimeout(4 * 60 * 60_000);

const CASES = Number(process.env.GENESYS_FLOWS_AGREEMENT_CASES ?? "20");
const SEED = Number(process.env.GENESYS_FLOWS_AGREEMENT_SEED ?? String(Math.floor(Math.random() * 2 ** 31)));
const ONLY = process.env.GENESYS_FLOWS_AGREEMENT_ONLY !== undefined ? new RegExp(process.env.GENESYS_FLOWS_AGREEMENT_ONLY) : undefined;
const selected = (kind: string) => ONLY === undefined || ONLY.test(kind);

let w: Workspace;
const started = Date.now();
const tally = { cases: 0, previews: 0, ups: 0 };
/** Where the time goes (ms): the engine's previews and ups, the review and the run's change set. */
const spent = { engine: 0, review: 0 };
async function timed<T>(part: keyof typeof spent, f: () => Promise<T>): Promise<T> {
  const t = Date.now();
  try {
    return await f();
  } finally {
    spent[part] += Date.now() - t;
  }
}

beforeAll(async () => {
  process.stdout.write(`agreement tier: seed ${SEED}, ${CASES} random cases (rerun: npm run test:agreement -- --seed ${SEED} --cases ${CASES})\n`);
  w = await Workspace.create();
});

/** CPU seconds of this process and the children it waited for (pulumi, its plugins): what the tier costs on an idle machine. */
function cpuSeconds(): number | undefined {
  try {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    const [utime, stime, cutime, cstime] = stat.slice(stat.lastIndexOf(")") + 2).split(" ").slice(11, 15).map(Number);
    return Math.round((utime + stime + cutime + cstime) / 100);
  } catch {
    return undefined; // not Linux
  }
}

afterAll(async () => {
  const cpu = cpuSeconds();
  process.stdout.write(`agreement tier: ${tally.cases} cases, ${tally.previews} previews, ${tally.ups} ups, seed ${SEED}, ${Math.round((Date.now() - started) / 1000)} s${cpu !== undefined ? ` (${cpu} s of CPU)` : ""}: the engine ${Math.round(spent.engine / 1000)} s, the review and the run's change set ${Math.round(spent.review / 1000)} s\n`);
  await w?.cleanup();
});

/** How to run a case again. */
function rerun(kinds: readonly string[]): string {
  const only = kinds.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  return `npm run test:agreement -- --seed ${SEED} --cases ${CASES} --only '${only.replace(/'/g, "'\\''")}'`;
}

/** The report of a disagreement: the case, the files, both sets, the difference, how to rerun it, the change. */
function report(kinds: readonly string[], files: readonly string[], review: ReviewJson, engine: EngineRun, diff: readonly Disagreement[], change: string): string {
  return [
    `DISAGREEMENT in ${kinds.length === 1 ? "case" : `the batch of ${kinds.length} cases`}: ${kinds.join("; ")}`,
    `  seed: ${SEED}`,
    `  files changed: ${files.join(", ") || "none"}`,
    "  the review names:",
    showSet(reviewActions(review)),
    "  pulumi preview names:",
    showSet(engineActions(engine.steps)),
    "  differing:",
    ...diff.map((d) => `    ${d.resource}: review ${d.review ?? "nothing"}, engine ${d.engine ?? "nothing"} (the engine's steps: ${rawSteps(engine.steps, d.resource)})`),
    `  rerun: ${rerun(kinds)}`,
    "  the change:",
    change.slice(0, 4000).replace(/^/gm, "    "),
  ].join("\n");
}

/** The outcome of one comparison: nothing when they agree, else the report. */
async function compare(kinds: readonly string[], engine: EngineRun, review: ReviewJson, newStack = false, run?: ActionSet): Promise<string | undefined> {
  const files = w.changedFiles();
  // A new stack: the review says the base has no stack file (it compares with nothing deployed); that is the case.
  const problems = review.problems.filter((p) => !(newStack && p.side === "base" && p.file === "Pulumi.local.yaml" && /no such file at/.test(p.message)));
  if (problems.length > 0 || review.refusals.length > 0) {
    return `REFUSED by the review (the cases must be deployable): ${kinds.join("; ")}\n  files changed: ${files.join(", ")}\n  ${[...problems.map((p) => p.message), ...review.refusals].join("\n  ")}\n  rerun: ${rerun(kinds)}\n  the change:\n${w.diffText().slice(0, 3000).replace(/^/gm, "    ")}`;
  }
  if (engine.code !== 0) return `PREVIEW FAILED: ${kinds.join("; ")}\n  files changed: ${files.join(", ")}\n  ${engine.output.replace(/\n/g, "\n  ")}\n  rerun: ${rerun(kinds)}`;
  const diff = disagreements(reviewActions(review), engineActions(engine.steps));
  const reports = diff.length === 0 ? [] : [report(kinds, files, review, engine, diff, w.diffText())];
  // The run's change set (what the guards judge) on the flows.
  const runDiff = run === undefined ? [] : disagreements(run, flowsOnly(engineActions(engine.steps)));
  if (runDiff.length > 0) {
    reports.push(
      [
        `DISAGREEMENT of the run's change set (run/flowChanges.ts) in ${kinds.join("; ")}`,
        `  files changed: ${files.join(", ") || "none"}`,
        "  the run's change set names:",
        showSet(run!),
        "  pulumi preview names (flows):",
        showSet(flowsOnly(engineActions(engine.steps))),
        "  differing:",
        ...runDiff.map((d) => `    ${d.resource}: run ${d.review ?? "nothing"}, engine ${d.engine ?? "nothing"} (the engine's steps: ${rawSteps(engine.steps, d.resource)})`),
        `  rerun: ${rerun(kinds)}`,
      ].join("\n"),
    );
  }
  return reports.length === 0 ? undefined : reports.join("\n\n");
}

/** The run's change set for the working tree, or undefined when the plan refuses it (the review reports that). */
async function runSet(): Promise<ActionSet | undefined> {
  try {
    return runActions(await w.runChanges());
  } catch (e) {
    if (e instanceof FlowLoadError) return undefined;
    throw e;
  }
}

/** Applies the cases, reviews and previews, undoes them; the reports of what disagrees. */
async function runTogether(cases: readonly AgreementCase[]): Promise<string | undefined> {
  for (const c of cases) await c.apply(w);
  try {
    // The preview runs in its own processes while the review and the run's change set are computed here.
    const engine = timed("engine", () => w.preview());
    const review = await timed("review", () => w.review());
    const run = await timed("review", runSet);
    tally.previews++;
    return await compare(cases.map((c) => c.kind), await engine, review, false, run);
  } finally {
    w.reset();
  }
}

/** Runs cases in batches; a batch that disagrees is run again case by case, to name the case. */
async function runCases(cases: readonly AgreementCase[]): Promise<string[]> {
  const failures: string[] = [];
  tally.cases += cases.length;
  for (const batch of batches(cases)) {
    const together = await runTogether(batch);
    if (together === undefined) continue;
    if (batch.length === 1) {
      failures.push(together);
      continue;
    }
    const alone: string[] = [];
    for (const c of batch) {
      const r = await runTogether([c]);
      if (r !== undefined) alone.push(r);
    }
    failures.push(...(alone.length > 0 ? alone : [`(only together)\n${together}`]));
  }
  for (const f of failures) process.stdout.write(`${f}\n\n`);
  return failures;
}

it("a new stack, with a flow adopted from the org: the review (base without the stack file) and the first up name the same creates", async () => {
  // The org runs a flow before the stack exists: the team adopts it (flows:import), so the first up reads it and publishes nothing.
  await publishOk(w.p.emulator, architectCall("local-Legacy Billing", "Billing legacy"));
  await adopt(w, "local-Legacy");
  const review = await timed("review", () => w.review());
  const run = await timed("review", runSet);
  const first = await timed("engine", () => w.up("the stack, with an adopted flow"));
  tally.ups++;
  tally.cases++;
  const failure = await compare(["a new stack (first up, with an adopted flow)"], first, review, true, run);
  if (failure) process.stdout.write(`${failure}\n`);
  expect(failure).toBeUndefined();
  // The review agreed on something: every flow but the adopted one is created.
  expect([...reviewActions(review)].filter(([, a]) => a === "create").length).toBeGreaterThan(15);
});

// The matrix and the random cases share the batches (cases.ts): a random case fills a matrix batch.
it(`the matrix (every kind of change) and ${CASES} random changes of the stack, flow and routing files (seed ${SEED}): the review and pulumi preview agree`, async () => {
  const cases = [...matrix(), ...randomCases(SEED, CASES)].filter((c) => selected(c.kind));
  expect(await runCases(cases)).toEqual([]);
});

// With --only, the stateful cases run when the expression matches "stateful" (they change the deployed stack, so they come last).
if (selected("stateful")) {
  it("stateful: waves on (the module and the first wave), the next wave, a rollback to the first release", async () => {
    const failures: string[] = [];
    const check = async (kind: string, engine: EngineRun, review: ReviewJson, run?: ActionSet) => {
      tally.cases++;
      const f = await compare([kind], engine, review, false, run);
      if (f) failures.push(f);
    };
    const firstRelease = w.deployed;
    // A change of module Verify rolled out in two waves: calls/sales first, then the other callers.
    w.editConfig((c) => (c.waves = { "modules/verify": [{ flows: ["calls/sales"] }] }));
    w.editYaml("flows/modules/verify.yaml", (d) => d.setIn(["nodes", "Ask", "prompt"], "Your PIN, please."));
    const wavesOn = await timed("review", () => w.review());
    const wavesOnWithState = await timed("review", () => w.review(true));
    const wavesOnRun = await timed("review", runSet);
    const up1 = await timed("engine", () => w.up("verify changes, in waves"));
    tally.ups++;
    await check("waves on: the module and wave 1 (the review from the files)", up1, wavesOn, wavesOnRun);
    await check("waves on: the module and wave 1 (the review reading the state)", up1, wavesOnWithState);
    // The next up: nothing changes in git; the state says who waits.
    const next = await timed("review", () => w.review(true));
    const nextRun = await timed("review", runSet);
    tally.previews++;
    await check("waves: the next wave (the review reading the state)", await timed("engine", () => w.preview()), next, nextRun);
    // Back to the first release, in the middle of the rollout: what a rollback's up runs is the
    // program on the release's sources (tools/rollback.ts puts them in a folder; the run reads them
    // there, run/stackRun.ts source.sourcesRoot). The same files checked out in the working tree.
    w.git("checkout", "-q", firstRelease, "--", "flows", "routing", "Pulumi.local.yaml");
    for (const added of w.git("diff", "--name-only", "--diff-filter=A", firstRelease, w.deployed, "--", "flows", "routing").split("\n").filter((l) => l !== "")) w.remove(added);
    const back = await timed("review", () => w.review(true));
    const backRun = await timed("review", runSet);
    tally.previews++;
    const rollback = await timed("engine", () => w.preview());
    await check("rollback to the first release", rollback, back, backRun);
    w.reset();
    for (const f of failures) process.stdout.write(`${f}\n\n`);
    expect(failures).toEqual([]);
  });
}
