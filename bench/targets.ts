// The speed targets of issues 17 and 28, judged on one run's steps: reported in results.md, never a
// failure (timings are not asserted anywhere). Pure: steps in, rows out.
import { tracedN, type ProjectName, type StepName } from "./config";

/** What a target reads of a step (bench/run.ts StepResult has more). */
export interface StepFigures {
  project: ProjectName;
  n: number;
  /** The emulator's added latency per API request in the step's round (ms). */
  latencyMs: number;
  /** The emulator's per-client budget in the round (requests a minute; emulator/rateLimit.ts), null without. */
  rateLimitPerMinute: number | null;
  /**
   * How the round signed in, when not as the run's options say: the org rounds' pool of tokens,
   * each from the OAuth client and so its own budget (bench/config.ts Round.signIn).
   */
  signIn?: { tokenPool: number; auth: "token" | "client" };
  step: StepName;
  code: number;
  wallS: number;
  /** Largest single process of each kind (MB). */
  peakRssByKindMB: Partial<Record<string, number>>;
  /** Requests the emulator answered, by operation (429s of the budget and injected faults not counted). */
  requests: Partial<Record<string, number>>;
  /** The most published versions any flow has after the step (1 after a first deploy: no duplicate publish). */
  maxVersions?: number;
}

export interface Target {
  what: string;
  value: string;
  met: boolean;
}

const r2 = (x: number) => Math.round(x * 100) / 100;
/** The sign-in of a step's round as a key: "" for the run's own. */
export const signInKey = (s: { signIn?: { tokenPool: number; auth: string } }): string => (s.signIn ? `${s.signIn.tokenPool}/${s.signIn.auth}` : "");
const ratio = (a: number, b: number) => r2(a / Math.max(b, 0.1));
/** Peak memory of every process at N = 1,000 stays under this (issue 28.2). */
export const PROCESS_MEMORY_LIMIT_MB = 2048;

export function judgeTargets(steps: StepFigures[], ns: number[], latencies: number[]): Target[] {
  const out: Target[] = [];
  const find = (project: ProjectName, step: StepName, n: number, latencyMs = 0, rateLimitPerMinute: number | null = null, signIn = "") =>
    steps.find((s) => s.project === project && s.n === n && s.latencyMs === latencyMs && (s.rateLimitPerMinute ?? null) === rateLimitPerMinute && signInKey(s) === signIn && s.step === step && s.code === 0);
  const refN = tracedN(ns);

  // 28.1: near the floor (the bare baseline gated by a pack with no rules), at N = 100.
  for (const [step, max, label] of [
    ["preview-noop", 1.25, "no-op preview"],
    ["up-noop", 1.25, "no-op up"],
    ["up-first", 1.5, "first up"],
  ] as const) {
    const o = find("ours", step, refN);
    const f = find("floor", step, refN);
    if (o && f) out.push({ what: `${label}: ours ÷ floor ≤ ${max} at N = ${refN} (issue 28.1)`, value: `${o.wallS} / ${f.wallS} s = ${ratio(o.wallS, f.wallS)}×`, met: ratio(o.wallS, f.wallS) <= max });
  }

  // 28.2: scale. The no-op preview at N = 1,000 within 2× of N = 100; every process under 2 GB.
  const maxN = Math.max(...ns);
  if (maxN > refN) {
    const small = find("ours", "preview-noop", refN);
    const large = find("ours", "preview-noop", maxN);
    if (small && large) out.push({ what: `no-op preview at N = ${maxN} within 2× of N = ${refN} (issue 28.2)`, value: `${large.wallS} / ${small.wallS} s = ${ratio(large.wallS, small.wallS)}×`, met: ratio(large.wallS, small.wallS) <= 2 });
    let peak: { mb: number; kind: string; project: ProjectName; step: StepName } | undefined;
    for (const s of steps.filter((x) => x.n === maxN)) {
      for (const [kind, mb] of Object.entries(s.peakRssByKindMB)) if (mb !== undefined && (!peak || mb > peak.mb)) peak = { mb, kind, project: s.project, step: s.step };
    }
    if (peak) out.push({ what: `peak memory of every process < ${PROCESS_MEMORY_LIMIT_MB} MB at N = ${maxN} (issue 28.2)`, value: `largest: ${peak.mb} MB (${peak.kind}, ${peak.project} ${peak.step})`, met: peak.mb < PROCESS_MEMORY_LIMIT_MB });
  }

  // 28.3: the rate-limited world. Ours' no-op preview faster than OpenTofu's no-op plan; first
  // deploys converge (both succeed) with no flow published twice.
  const limited = steps.filter((s) => (s.rateLimitPerMinute ?? null) !== null);
  const conditions = [...new Map(limited.map((s) => [`${s.rateLimitPerMinute}|${s.latencyMs}|${s.n}|${signInKey(s)}`, s])).values()]
    .map((s) => ({ perMinute: s.rateLimitPerMinute ?? 0, latencyMs: s.latencyMs, n: s.n, signIn: s.signIn, key: signInKey(s) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || a.perMinute - b.perMinute || a.latencyMs - b.latencyMs || a.n - b.n);
  for (const { perMinute, latencyMs, n, signIn, key } of conditions) {
    const budgets = signIn ? `, ${signIn.tokenPool} tokens in the provider's pool${signIn.auth === "client" ? " each with its own budget (as on an org)" : ""}` : "";
    const where = `${perMinute} requests/min per client${latencyMs > 0 ? ` and ${latencyMs} ms per request` : ""}${budgets}, N = ${n}`;
    const o = find("ours", "preview-noop", n, latencyMs, perMinute, key);
    const t = find("terraform", "preview-noop", n, latencyMs, perMinute, key);
    if (o && t) out.push({ what: `${where}: ours' no-op preview faster than OpenTofu's no-op plan (issue 28.3)`, value: `${o.wallS} / ${t.wallS} s = ${ratio(o.wallS, t.wallS)}×`, met: o.wallS < t.wallS });
    const firsts = limited.filter((s) => s.rateLimitPerMinute === perMinute && s.latencyMs === latencyMs && s.n === n && signInKey(s) === key && s.step === "up-first");
    if (firsts.length > 0) {
      const ok = firsts.every((s) => s.code === 0 && s.maxVersions === 1 && s.requests["job.create"] === n + 2);
      out.push({
        what: `${where}: first deploys converge with no duplicate publish (issue 28.3)`,
        value: firsts.map((s) => `${s.project}: exit ${s.code}, ${s.requests["job.create"] ?? 0} publish jobs, at most ${s.maxVersions ?? "?"} version(s) a flow`).join("; "),
        met: ok,
      });
    }
  }

  // 28.4: publish throughput per published flow, with API latency, at N = 100.
  for (const latencyMs of latencies.filter((l) => l > 0)) {
    for (const [step, label] of [
      ["up-first", "first deploy"],
      ["up-module-change", "module change"],
    ] as const) {
      const o = find("ours", step, refN, latencyMs);
      const t = find("terraform", step, refN, latencyMs);
      const f = find("floor", step, refN, latencyMs);
      const oJobs = o?.requests["job.create"] ?? 0;
      const tJobs = t?.requests["job.create"] ?? 0;
      const fJobs = f?.requests["job.create"] ?? 0;
      if (o && t && oJobs > 0 && tJobs > 0) {
        const perO = o.wallS / oJobs;
        const perT = t.wallS / tJobs;
        // The floor in the same round: Pulumi's own price per published flow there.
        const floor = f && fJobs > 0 ? `; floor ${r2(f.wallS / fJobs)} s (${fJobs}) = ${r2(f.wallS / fJobs / perT)}× OpenTofu, ours ÷ floor ${r2(perO / (f.wallS / fJobs))}×` : "";
        out.push({
          what: `${label}, seconds per published flow: ours within 1.2× of OpenTofu, ${latencyMs} ms per request, N = ${refN} (issue 28.4)`,
          value: `${r2(perO)} s (${oJobs} flows) / ${r2(perT)} s (${tJobs}) = ${r2(perO / perT)}×${floor}`,
          met: perO / perT <= 1.2,
        });
      }
    }
    // Issue 17, kept: a no-op preview within 2× of OpenTofu's no-op plan with latency.
    const o = find("ours", "preview-noop", refN, latencyMs);
    const t = find("terraform", "preview-noop", refN, latencyMs);
    if (o && t) out.push({ what: `no-op preview within 2× of OpenTofu's no-op plan, N = ${refN}, ${latencyMs} ms per request (issue 17)`, value: `${o.wallS} / ${t.wallS} s = ${ratio(o.wallS, t.wallS)}×`, met: ratio(o.wallS, t.wallS) <= 2 });
  }
  return out;
}

/** The org-reference check's read cost in one round (issue 25): ours' no-op previews with and without it, alternated. */
export interface OrgReadCost {
  n: number;
  latencyMs: number;
  /** Wall seconds of the previews with the check, and with it skipped (genesys-flows:skipOrgReferenceCheck), in run order. */
  withS: number[];
  withoutS: number[];
  /** Median with minus median without: the seconds the check adds to a no-op preview. */
  addedS: number;
  /** The org's list requests (`org.objects.list`, every page of every kind read) of each preview with the check; none without. */
  listRequests: number[];
  /** 1-minute load average at each of these steps, in run order. */
  loadAvg1: number[];
  /**
   * The check alone, timed in the bench's own process against the round's emulator: sign-in, the
   * org's lists and the check's CPU, as the program runs it on a no-op preview (seconds per run).
   */
  checkAloneS: number[];
}

/** One in-process run of the org-reference check in a round. */
export interface OrgCheckTiming {
  n: number;
  latencyMs: number;
  seconds: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The read cost of every round that measured it (steps preview-noop-org-check / preview-noop-no-org-check that succeeded). */
export function orgReadCosts(steps: ReadonlyArray<StepFigures & { loadAvg1?: number }>, alone: readonly OrgCheckTiming[] = []): OrgReadCost[] {
  const out: OrgReadCost[] = [];
  const rounds = new Map<string, { n: number; latencyMs: number }>();
  for (const s of steps) if (s.step === "preview-noop-org-check") rounds.set(`${s.n}/${s.latencyMs}`, { n: s.n, latencyMs: s.latencyMs });
  for (const { n, latencyMs } of rounds.values()) {
    const of = (step: StepName) => steps.filter((s) => s.project === "ours" && s.n === n && s.latencyMs === latencyMs && s.rateLimitPerMinute === null && s.step === step && s.code === 0);
    const withCheck = of("preview-noop-org-check");
    const without = of("preview-noop-no-org-check");
    if (withCheck.length === 0 || without.length === 0) continue;
    out.push({
      n,
      latencyMs,
      withS: withCheck.map((s) => s.wallS),
      withoutS: without.map((s) => s.wallS),
      addedS: r2(median(withCheck.map((s) => s.wallS)) - median(without.map((s) => s.wallS))),
      listRequests: withCheck.map((s) => s.requests["org.objects.list"] ?? 0),
      loadAvg1: steps.filter((s) => withCheck.includes(s) || without.includes(s)).map((s) => s.loadAvg1 ?? NaN),
      checkAloneS: alone.filter((t) => t.n === n && t.latencyMs === latencyMs).map((t) => t.seconds),
    });
  }
  return out;
}
