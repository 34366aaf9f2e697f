// One run of the agreement tier's comparisons on one deployed stack (workspace.ts): the review's
// JSON against the engine's steps for a case or a batch of cases, the report of a disagreement
// (the case, the seed, the files, both sets, the difference, how to rerun it, the change), the
// batches (cases.ts), and the tally the test file prints at its end. agreement.test.ts (a new
// stack, the matrix and the random cases) and stateful.test.ts (waves, the next wave, a rollback)
// each run one, at once in jest's workers, on their own stack and emulator.
//
// Settings (environment variables; `npm run test:agreement -- --cases N --seed S --only <regex>`
// sets them): GENESYS_FLOWS_AGREEMENT_CASES (random cases, default 20), GENESYS_FLOWS_AGREEMENT_SEED
// (default: a new one each run, printed), GENESYS_FLOWS_AGREEMENT_ONLY (a regular expression on the
// case's kind: only those cases; test/agreement/cli.ts runs stateful.test.ts only when it matches
// "stateful").
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { ROOT } from "../../testkit/harness";
import { publishOk } from "../../testkit/emulator";
import { architectCall } from "../../testkit/architectFlow";
import { disagreements, engineActions, flowsOnly, rawSteps, reviewActions, runActions, showSet } from "./actions";
import { republishedForModules, reviewForced } from "./actions";
import type { ActionSet, Disagreement } from "./actions";
import { FlowLoadError } from "../../model/errors";
import { adopt, batches, type AgreementCase } from "./cases";
import { Workspace, type EngineRun } from "./workspace";
import type { ReviewJson } from "../../diff/review";
import type { FastAnswer } from "../../run/fastNoop";

export const CASES = Number(process.env.GENESYS_FLOWS_AGREEMENT_CASES ?? "20");
export const SEED = Number(process.env.GENESYS_FLOWS_AGREEMENT_SEED ?? String(Math.floor(Math.random() * 2 ** 31)));
const ONLY =
  process.env.GENESYS_FLOWS_AGREEMENT_ONLY !== undefined
    ? new RegExp(process.env.GENESYS_FLOWS_AGREEMENT_ONLY)
    : undefined;
export const selected = (kind: string): boolean => ONLY === undefined || ONLY.test(kind);

/** How to run a case again. */
export function rerun(kinds: readonly string[]): string {
  const only = kinds.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  return `npm run test:agreement -- --seed ${SEED} --cases ${CASES} --only '${only.replace(/'/g, "'\\''")}'`;
}

/** The commit of the project the tier runs (`+ changes` when its tree differs from it). */
function projectCommit(): string {
  const git = (...args: string[]) => execFileSync("git", ["-C", ROOT, ...args], { encoding: "utf8" }).trim();
  try {
    return `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain", "--untracked-files=no") !== "" ? " + changes" : ""}`;
  } catch {
    return "unknown (not a git checkout)";
  }
}

/** CPU seconds of this process and the children it waited for (pulumi, its plugins): what the tier costs on an idle machine. */
function cpuSeconds(): number | undefined {
  try {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    const [utime, stime, cutime, cstime] = stat
      .slice(stat.lastIndexOf(")") + 2)
      .split(" ")
      .slice(11, 15)
      .map(Number);
    return Math.round((utime + stime + cutime + cstime) / 100);
  } catch {
    return undefined; // not Linux
  }
}

export class Tier {
  /** `disagreements`: the reports a test fails on (a disagreement, a refused case, a failed preview). */
  readonly tally = { cases: 0, previews: 0, ups: 0, disagreements: 0, fastNoops: 0 };
  /** Where the time goes (ms): the engine's previews and ups, the review and the run's change set. */
  private readonly spent = { engine: 0, review: 0 };
  private readonly started = Date.now();

  private constructor(
    readonly w: Workspace,
    private readonly name: string,
    private readonly seeded: boolean,
  ) {}

  /** A workspace with the tier's portfolio, not deployed yet; `seeded`: the summary names the seed. */
  static async start(name: string, seeded = true): Promise<Tier> {
    return new Tier(await Workspace.create(), name, seeded);
  }

  /** The line the test file prints at its end. */
  summary(): string {
    const cpu = cpuSeconds();
    const s = (ms: number) => Math.round(ms / 1000);
    return `agreement tier (${this.name}): ${this.tally.cases} cases, ${this.tally.disagreements} disagreements, ${this.tally.fastNoops} fast no-op answers, ${this.tally.previews} previews, ${this.tally.ups} ups${this.seeded ? `, seed ${SEED}` : ""}, ${s(Date.now() - this.started)} s${cpu !== undefined ? ` (${cpu} s of CPU)` : ""}: the engine ${s(this.spent.engine)} s, the review and the run's change set ${s(this.spent.review)} s; commit ${projectCommit()}`;
  }

  async timed<T>(part: keyof Tier["spent"], f: () => Promise<T>): Promise<T> {
    const t = Date.now();
    try {
      return await f();
    } finally {
      this.spent[part] += Date.now() - t;
    }
  }

  /** The review of the working tree (with the stack's state when `withState`). */
  review(withState = false): Promise<ReviewJson> {
    return this.timed("review", () => this.w.review(withState));
  }

  /** The run's change set for the working tree, or undefined when the plan refuses it (the review reports that). */
  runSet(): Promise<ActionSet | undefined> {
    return this.timed("review", async () => {
      try {
        return runActions(await this.w.runChanges());
      } catch (e) {
        if (e instanceof FlowLoadError) return undefined;
        throw e;
      }
    });
  }

  preview(): Promise<EngineRun> {
    this.tally.previews++;
    return this.timed("engine", () => this.w.preview());
  }

  up(message: string): Promise<EngineRun> {
    this.tally.ups++;
    return this.timed("engine", () => this.w.up(message));
  }

  /** The fast no-op's answer (run/fastNoop.ts): the third party, judged against the engine. */
  fast(): Promise<FastAnswer> {
    return this.timed("review", async () => {
      const answer = await this.w.fast();
      if (answer.noop) this.tally.fastNoops++;
      return answer;
    });
  }

  /** The report of a disagreement: the case, the files, both sets, the difference, how to rerun it, the change. */
  private report(
    kinds: readonly string[],
    files: readonly string[],
    review: ReviewJson,
    engine: EngineRun,
    diff: readonly Disagreement[],
  ): string {
    return [
      `DISAGREEMENT in ${kinds.length === 1 ? "case" : `the batch of ${kinds.length} cases`}: ${kinds.join("; ")}`,
      `  seed: ${SEED}`,
      `  files changed: ${files.join(", ") || "none"}`,
      "  the review names:",
      showSet(reviewActions(review)),
      "  pulumi preview names:",
      showSet(engineActions(engine.steps)),
      "  differing:",
      ...diff.map(
        (d) =>
          `    ${d.resource}: review ${d.review ?? "nothing"}, engine ${d.engine ?? "nothing"} (the engine's steps: ${rawSteps(engine.steps, d.resource)})`,
      ),
      `  rerun: ${rerun(kinds)}`,
      "  the change:",
      this.w.diffText().slice(0, 4000).replace(/^/gm, "    "),
    ].join("\n");
  }

  /** Whether `compare` holds the review's forced callers to the engine's (off while a rollout is in flight). */
  forcedCallers = true;

  /** The outcome of one comparison (not counted: the caller counts its cases): nothing when they agree, else the report. */
  compare(
    kinds: readonly string[],
    engine: EngineRun,
    review: ReviewJson,
    run?: ActionSet,
    newStack = false,
    fast?: FastAnswer,
  ): string | undefined {
    const files = this.w.changedFiles();
    // A new stack: the review says the base has no stack file (it compares with nothing deployed); that is the case.
    const problems = review.problems.filter(
      (p) => !(newStack && p.side === "base" && p.file === "Pulumi.local.yaml" && /no such file at/.test(p.message)),
    );
    if (problems.length > 0 || review.refusals.length > 0) {
      return `REFUSED by the review (the cases must be deployable): ${kinds.join("; ")}\n  files changed: ${files.join(", ")}\n  ${[...problems.map((p) => p.message), ...review.refusals].join("\n  ")}\n  rerun: ${rerun(kinds)}\n  the change:\n${this.w.diffText().slice(0, 3000).replace(/^/gm, "    ")}`;
    }
    if (engine.code !== 0)
      return `PREVIEW FAILED: ${kinds.join("; ")}\n  files changed: ${files.join(", ")}\n  ${engine.output.replace(/\n/g, "\n  ")}\n  rerun: ${rerun(kinds)}`;
    const diff = disagreements(reviewActions(review), engineActions(engine.steps));
    const reports = diff.length === 0 ? [] : [this.report(kinds, files, review, engine, diff)];
    // The run's change set (what the guards judge) on the flows.
    const runDiff = run === undefined ? [] : disagreements(run, flowsOnly(engineActions(engine.steps)));
    if (run !== undefined && runDiff.length > 0) {
      reports.push(
        [
          `DISAGREEMENT of the run's change set (run/flowChanges.ts) in ${kinds.join("; ")}`,
          `  files changed: ${files.join(", ") || "none"}`,
          "  the run's change set names:",
          showSet(run),
          "  pulumi preview names (flows):",
          showSet(flowsOnly(engineActions(engine.steps))),
          "  differing:",
          ...runDiff.map(
            (d) =>
              `    ${d.resource}: run ${d.review ?? "nothing"}, engine ${d.engine ?? "nothing"} (the engine's steps: ${rawSteps(engine.steps, d.resource)})`,
          ),
          `  rerun: ${rerun(kinds)}`,
        ].join("\n"),
      );
    }
    // The review's "Callers forced to republish" names exactly the callers the engine republishes for their modules.
    // Not while a rollout is in flight (forcedCallers off): a caller then republishes when its wave comes (the
    // rollout's pin), not by the module's hash, and the review names every caller the change reaches.
    const forced = { review: reviewForced(review), engine: republishedForModules(engine.steps) };
    if (this.forcedCallers && forced.review.join("\n") !== forced.engine.join("\n")) {
      const lines = (names: string[]) => names.map((n) => `    ${n}`).join("\n") || "    (none)";
      reports.push(
        [
          `DISAGREEMENT of the review's "Callers forced to republish" (diff/flowDiff.ts) in ${kinds.join("; ")}`,
          `  files changed: ${files.join(", ") || "none"}`,
          `  the review names:\n${lines(forced.review)}`,
          `  pulumi preview updates for a module (updateTriggerHash):\n${lines(forced.engine)}`,
          `  rerun: ${rerun(kinds)}`,
        ].join("\n"),
      );
    }
    // The fast no-op may doubt anything, but never say "nothing changes" where the engine changes something.
    if (fast?.noop && engineActions(engine.steps).size > 0) {
      reports.push(
        [
          `DISAGREEMENT of the fast no-op (run/fastNoop.ts) in ${kinds.join("; ") || "(no change)"}: it answers "nothing changes"`,
          `  files changed: ${files.join(", ") || "none"}`,
          "  pulumi preview names:",
          showSet(engineActions(engine.steps)),
          `  rerun: ${rerun(kinds)}`,
        ].join("\n"),
      );
    }
    return reports.length === 0 ? undefined : reports.join("\n\n");
  }

  /**
   * The stack's first up, with an org flow adopted first when `adopted` names it (the team imports
   * it with flows:import, so the up reads it and publishes nothing): the review (its base has no
   * stack file) against the up's steps. The report of a disagreement, or nothing.
   */
  async firstUp(
    kind: string,
    adopted?: { name: string; prefix: string },
  ): Promise<{ failure?: string; review: ReviewJson }> {
    if (adopted) {
      await publishOk(this.w.p.emulator, architectCall(adopted.name, "adopted"));
      await adopt(this.w, adopted.prefix);
    }
    const review = await this.review();
    const run = await this.runSet();
    const first = await this.up("the stack");
    this.tally.cases++;
    const failure = this.compare([kind], first, review, run, true);
    if (failure) {
      this.tally.disagreements++;
      process.stdout.write(`${failure}\n`);
    }
    return { ...(failure !== undefined ? { failure } : {}), review };
  }

  /** Applies the cases, reviews and previews, undoes them; the reports of what disagrees (and the fast no-op's answer). */
  async together(cases: readonly AgreementCase[]): Promise<{ report?: string; fast: FastAnswer }> {
    for (const c of cases) await c.apply(this.w);
    try {
      // The preview runs in its own processes while the review, the run's change set and the fast no-op are computed here.
      const engine = this.preview();
      const review = await this.review();
      const run = await this.runSet();
      const fast = await this.fast();
      const report = this.compare(
        cases.map((c) => c.kind),
        await engine,
        review,
        run,
        false,
        fast,
      );
      return { ...(report !== undefined ? { report } : {}), fast };
    } finally {
      this.w.reset();
    }
  }

  /** Runs cases in batches; a batch that disagrees is run again case by case, to name the case. */
  async runCases(cases: readonly AgreementCase[]): Promise<string[]> {
    const failures: string[] = [];
    this.tally.cases += cases.length;
    for (const batch of batches(cases)) {
      const together = (await this.together(batch)).report;
      if (together === undefined) continue;
      if (batch.length === 1) {
        failures.push(together);
        continue;
      }
      const alone: string[] = [];
      for (const c of batch) {
        const r = (await this.together([c])).report;
        if (r !== undefined) alone.push(r);
      }
      failures.push(...(alone.length > 0 ? alone : [`(only together)\n${together}`]));
    }
    this.tally.disagreements += failures.length;
    for (const f of failures) process.stdout.write(`${f}\n\n`);
    return failures;
  }

  async cleanup(): Promise<void> {
    await this.w.cleanup();
  }
}
