// What a round leaves in the repository (bench/results/, issue 63.1): the commit it measured (a clean
// work tree: a round refuses to run from uncommitted changes), the commit of the rules that judged it
// (bench/targets.ts, committed before the round), the machine and its load, its targets met or not
// with their values, the counting invariants, and its full per-step tables, so every figure the docs
// cite is in the file they cite (test/unit/benchCitations.test.ts checks it). Beside the JSON, the
// same tables as markdown (`<name>.md`, the run's results.md). Charts and traces stay in `--out`.
import * as path from "node:path";
import { RULES_FILE } from "./targets";

/**
 * The code a run measured: `git rev-parse HEAD`, whether `git status --porcelain` listed anything,
 * and the commit that last changed the rules (`git log -1 -- bench/targets.ts`).
 */
export interface Provenance {
  commit: string;
  dirty: boolean;
  rulesCommit: string;
}

export interface RunRecord {
  startedAt: string;
  finishedAt: string;
  mode: "quick" | "full" | "cascade" | "org-first" | "adoption";
  /** A round as the rules say, or another run recorded on purpose (--record: a sweep). */
  recording: "round" | "record";
  commit: string;
  /** Uncommitted changes in the work tree when the run started: its figures belong to no commit (runs since issue 63 refuse to record then). */
  dirty: boolean;
  /** The rules that judged the run: bench/targets.ts at this commit. */
  rules: { file: string; commit: string };
  machine: {
    cpus: unknown;
    cpuModel: unknown;
    memoryGB: unknown;
    platform: unknown;
    node: unknown;
    pulumi: unknown;
    loadAvgAtStart: unknown;
  };
  /** The targets, judged in this run. */
  targets: Array<{ what: string; value: string; met: boolean }>;
  /** Publish-job counts checked by the run: how many held. */
  invariants: { held: number; failed: number };
  failures: number;
  /** The run's full output folder, relative to the repository when inside it. */
  output: string;
  /** What the run deployed with, when a figure depends on it (the cascade round). */
  settings?: RunSettings;
  /** The full tables: every step of every project (results.md's rows), the cascade's rows, the pure cores' (bench/cores.ts), the first deploys' requests ours makes and OpenTofu does not (bench/requests.ts). */
  tables: { steps: unknown[]; cascade?: unknown[]; cores?: unknown[]; firstDeployRequests?: unknown[] };
}

/**
 * The engine's parallelism, the provider's pool and processes, the sign-in and the publish job's
 * duration of a run: "shipped" where the run left the product's default (the cascade round as the
 * rules say); the step tables show what the product resolved (engine --parallel, provider starts,
 * OAuth grants).
 */
export interface RunSettings {
  stack: string;
  parallel: number | "shipped";
  tokenPool: number | "shipped";
  publishers: number | "shipped";
  auth: "token" | "client";
  jobMs: number;
  runs: number;
}

export interface RecordInput {
  startedAt: string;
  finishedAt?: string;
  mode: "quick" | "full" | "cascade" | "org-first" | "adoption";
  machine: Record<string, unknown>;
  targets: Array<{ what: string; value: string; met: boolean }>;
  invariants: Array<{ ok: boolean }>;
  failures: readonly string[];
  settings?: RunSettings;
  steps: unknown[];
  cascade?: unknown[];
  cores?: unknown[];
  firstDeployRequests?: unknown[];
}

/** The record of one finished run (pure). */
export function runRecord(
  res: RecordInput,
  provenance: Provenance,
  recording: RunRecord["recording"],
  out: string,
  root: string,
): RunRecord {
  const m = res.machine;
  const rel = path.relative(root, out);
  return {
    startedAt: res.startedAt,
    finishedAt: res.finishedAt ?? res.startedAt,
    mode: res.mode,
    recording,
    commit: provenance.commit,
    dirty: provenance.dirty,
    rules: { file: RULES_FILE, commit: provenance.rulesCommit },
    machine: {
      cpus: m.cpus,
      cpuModel: m.cpuModel,
      memoryGB: m.memoryGB,
      platform: m.platform,
      node: m.node,
      pulumi: m.pulumi,
      loadAvgAtStart: m.loadAvgAtStart,
    },
    targets: res.targets,
    invariants: { held: res.invariants.filter((i) => i.ok).length, failed: res.invariants.filter((i) => !i.ok).length },
    failures: res.failures.length,
    output: rel.startsWith("..") || path.isAbsolute(rel) ? out : rel,
    ...(res.settings ? { settings: res.settings } : {}),
    tables: {
      steps: res.steps,
      ...(res.cascade ? { cascade: res.cascade } : {}),
      ...(res.cores?.length ? { cores: res.cores } : {}),
      ...(res.firstDeployRequests?.length ? { firstDeployRequests: res.firstDeployRequests } : {}),
    },
  };
}

/** The record's file name: sortable by time, naming the commit (and `-dirty` when it is not one). */
export function recordFileName(r: RunRecord): string {
  return `${r.startedAt.replace(/[:.]/g, "-")}-${r.mode}-${r.commit.slice(0, 12)}${r.dirty ? "-dirty" : ""}.json`;
}

/**
 * Why a run may not go on from this work tree, or undefined: a round, and a run recorded on purpose,
 * measure a commit, and their rules must be committed before they run (issue 63.1).
 */
export function dirtyTreeRefusal(
  recording: "round" | "record" | "scratch",
  provenance: Provenance,
): string | undefined {
  if (recording === "scratch" || !provenance.dirty) return undefined;
  const what = recording === "round" ? "a round" : "a recorded run (--record)";
  return `${what} measures a commit, and its rules (${RULES_FILE}) must be committed before it runs: the work tree has uncommitted changes (git status). Commit or stash them, or add --scratch to measure without recording (nothing written to bench/results/).`;
}
