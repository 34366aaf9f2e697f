// A stack's plan kept between runs (.work/plans/ in the project), by a key of everything the
// planner reads: the code that plans (the precompiled build's id, project/jsbuild.js), the stack,
// its stack file's name, its settings and every flow file's path and text. The planner is pure
// (planner/portfolio.ts), so the same key gives the same portfolio: a run whose files and settings
// did not change since the last plan (the update pass after the preview pass of one `pulumi up`, a
// no-op `up`) reads it instead of loading, checking and compiling every flow again. A plan that
// refuses is never kept: its errors come from the planner each time.
//
// Without a build id (the sources run through ts-node: tests, the fallback when no build can be
// made) nothing is kept or read. A kept plan that cannot be read or does not match its key is
// planned again and overwritten. Only the newest KEEP plans of a stack are kept.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { FLOW_KINDS } from "../model/kinds";
import type { PlanInput, PlannedFlow, Portfolio } from "../planner/portfolio";
import { buildId } from "./root";
import { cmp } from "../archy/json";

/** Where a project keeps its plans (git-ignored, like all of .work/). */
export const PLANS_DIR = ".work/plans";

/** Bump when the kept file's layout changes: older files are then planned again. */
const FORMAT = "1";

/** Plans kept per stack. */
export const KEEP = 3;

export interface PlanCache {
  /** The portfolio for `input`: the kept one when its key matches, else `plan(input)`, then kept. */
  plan(input: PlanInput, plan: (input: PlanInput) => Portfolio): Portfolio;
  /**
   * A value derived purely from each of `flows` (of a portfolio this cache gave), by flow id: kept
   * beside the plan under `name`, computed only for the flows it does not hold yet (for all of them
   * at the first it lacks, so asking flow by flow writes the file once). The plan's key covers the
   * code and every input, so a kept value is the one `compute` would give.
   */
  perFlow<T>(
    portfolio: Portfolio,
    name: string,
    flows: readonly PlannedFlow[],
    compute: (flow: PlannedFlow) => T,
  ): Map<string, T>;
}

/** The key of a plan: a SHA-256 of the code's id and everything the planner reads. Pure. */
export function planKey(input: PlanInput, codeId: string): string {
  const h = createHash("sha256");
  h.update(
    JSON.stringify({
      format: FORMAT,
      codeId,
      stack: input.stack,
      stackFile: input.stackFile ?? null,
      settings: input.settings,
    }),
  );
  for (const s of input.sources) h.update(`\n${JSON.stringify([s.id, s.file, s.text])}`);
  return h.digest("hex");
}

interface KeptPlan {
  key: string;
  stack: string;
  settings: Portfolio["settings"];
  flows: Array<Omit<PlannedFlow, "kind">>;
}

/** The portfolio as kept: the flow kinds (registry entries, with functions) by the model's kind. */
function toKept(key: string, portfolio: Portfolio): KeptPlan {
  return {
    key,
    stack: portfolio.stack,
    settings: portfolio.settings,
    flows: portfolio.flows.map(({ kind: _byModelKind, ...f }) => f),
  };
}

function fromKept(kept: KeptPlan): Portfolio | undefined {
  const flows: PlannedFlow[] = [];
  for (const f of kept.flows) {
    const kind = Object.hasOwn(FLOW_KINDS, f.model.kind)
      ? FLOW_KINDS[f.model.kind as keyof typeof FLOW_KINDS]
      : undefined;
    if (kind === undefined) return undefined;
    flows.push({ ...f, kind });
  }
  return { stack: kept.stack, settings: kept.settings, flows };
}

/** Plans kept in `dir` for the code `codeId`; undefined (plan every time) without a code id. */
export function planCache(dir: string, codeId: string | undefined): PlanCache | undefined {
  if (codeId === undefined || codeId === "") return undefined;
  const planned = new WeakMap<Portfolio, { file: string; key: string }>();
  /** perFlow's values this cache read or wrote, by portfolio and name: read from disk once, gone with the portfolio. */
  const held = new WeakMap<Portfolio, Map<string, Record<string, unknown>>>();
  return {
    plan(input, plan) {
      const key = planKey(input, codeId);
      const file = path.join(dir, `${stackPrefix(input.stack)}${key.slice(0, 32)}.json`);
      try {
        const kept = JSON.parse(fs.readFileSync(file, "utf8")) as KeptPlan;
        const portfolio = kept.key === key ? fromKept(kept) : undefined;
        if (portfolio !== undefined) {
          touch(file);
          planned.set(portfolio, { file, key });
          return portfolio;
        }
      } catch {
        // not kept yet, or unreadable: plan it
      }
      const portfolio = plan(input);
      keep(dir, file, toKept(key, portfolio), portfolio, input.stack);
      planned.set(portfolio, { file, key });
      return portfolio;
    },
    perFlow<T>(
      portfolio: Portfolio,
      name: string,
      flows: readonly PlannedFlow[],
      compute: (flow: PlannedFlow) => T,
    ): Map<string, T> {
      const plan = planned.get(portfolio);
      if (plan === undefined) return new Map(flows.map((f) => [f.id, compute(f)]));
      const file = `${plan.file.slice(0, -".json".length)}.${name}.json`;
      const ofPortfolio = held.get(portfolio) ?? new Map<string, Record<string, unknown>>();
      held.set(portfolio, ofPortfolio);
      let values = ofPortfolio.get(name) ?? keptValues(file, plan.key);
      if (flows.some((f) => !Object.hasOwn(values, f.id))) {
        // Every flow of the portfolio not held yet, at once, and the file written once: the program
        // asks flow by flow as it registers them, and reading and rewriting the whole file for each
        // was quadratic (at 5,000 flows most of an adoption's first `up` in a CPU profile).
        const wanted = new Map([...portfolio.flows, ...flows].map((f) => [f.id, f] as const));
        const missing = [...wanted.values()].filter((f) => !Object.hasOwn(values, f.id));
        values = { ...values, ...Object.fromEntries(missing.map((f) => [f.id, compute(f)])) };
        writeWhole(file, JSON.stringify({ key: plan.key, values }));
      }
      ofPortfolio.set(name, values);
      return new Map(flows.map((f) => [f.id, values[f.id] as T]));
    },
  };
}

/** perFlow's values kept in `file` for the plan `key`; none when it is missing, unreadable or of another plan. */
function keptValues(file: string, key: string): Record<string, unknown> {
  try {
    const kept = JSON.parse(fs.readFileSync(file, "utf8")) as { key: string; values: Record<string, unknown> };
    if (kept.key === key) return kept.values;
  } catch {
    // none kept yet
  }
  return {};
}

/** Writes `text` to `file` whole or not at all; a failure only loses the cache. */
function writeWhole(file: string, text: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch {
    // a read-only project or a full disk: computed again next time
  }
}

/** The start of a stack's kept plans' file names. */
function stackPrefix(stack: string): string {
  return `${stack.replace(/[^A-Za-z0-9._-]/g, "_")}-`;
}

/** Marks a kept plan as just used (the newest are the ones kept). */
function touch(file: string): void {
  try {
    const now = new Date();
    fs.utimesSync(file, now, now);
  } catch {
    // read-only: it stays as old as it was
  }
}

/** Writes the plan (whole or not at all), then removes all but it and the stack's KEEP - 1 newest others. Failures only lose the cache. */
function keep(dir: string, file: string, kept: KeptPlan, portfolio: Portfolio, stack: string): void {
  try {
    const text = JSON.stringify(kept);
    // Kept only when reading it back gives exactly the planner's portfolio (a value JSON cannot
    // hold, such as an undefined property, would not survive): a kept plan is never a different one.
    const back = fromKept(JSON.parse(text) as KeptPlan);
    if (back === undefined || !isDeepStrictEqual(back, portfolio)) return;
    writeWhole(file, text);
    const prefix = stackPrefix(stack);
    const names = fs.readdirSync(dir);
    const plans = names
      .filter(
        (n) => n !== path.basename(file) && n.startsWith(prefix) && /^[0-9a-f]{32}\.json$/.test(n.slice(prefix.length)),
      )
      .map((n) => ({ n, t: fs.statSync(path.join(dir, n)).mtimeMs }))
      .sort((a, b) => b.t - a.t || cmp(a.n, b.n));
    // A plan goes with what was kept beside it (perFlow's `<plan>.<name>.json`).
    const gone = plans.slice(KEEP - 1).map(({ n }) => `${n.slice(0, -".json".length)}.`);
    for (const m of names) if (gone.some((g) => m.startsWith(g))) fs.rmSync(path.join(dir, m), { force: true });
  } catch {
    // a read-only project or a full disk: the next run plans again
  }
}

/** The project's plans, kept by the build this code runs from (none when it runs from the sources). */
export function projectPlanCache(root: string): PlanCache | undefined {
  return planCache(path.join(root, PLANS_DIR), buildId());
}
