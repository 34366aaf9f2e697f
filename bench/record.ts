// What a benchmark run leaves in the repository (bench/results/): the commit it measured, whether
// the work tree held uncommitted changes, the machine and its load, and the run's headline (its
// targets, met or not, with their values; the counting invariants), so a figure quoted in the docs
// can be traced to the run and the code that produced it. The full tables stay in the run's output
// folder (`--out`, default .work/bench/<time>); this record is small enough to commit.
import * as path from "node:path";

/** The code a run measured: `git rev-parse HEAD`, and whether `git status --porcelain` listed anything. */
export interface Provenance {
  commit: string;
  dirty: boolean;
}

export interface RunRecord {
  startedAt: string;
  finishedAt: string;
  mode: "quick" | "full" | "cascade";
  commit: string;
  /** Uncommitted changes in the work tree when the run started: its figures belong to no commit. */
  dirty: boolean;
  machine: { cpus: unknown; cpuModel: unknown; memoryGB: unknown; platform: unknown; node: unknown; pulumi: unknown; loadAvgAtStart: unknown };
  /** The targets, judged in this run. */
  targets: Array<{ what: string; value: string; met: boolean }>;
  /** Publish-job counts checked by the run: how many held. */
  invariants: { held: number; failed: number };
  failures: number;
  /** The run's full output folder, relative to the repository when inside it. */
  output: string;
  /** What the run deployed with, when a figure depends on it (the cascade round's sweep): absent before. */
  settings?: RunSettings;
}

/** The engine's parallelism, the provider's pool and processes, the sign-in and the publish job's duration of a run. */
export interface RunSettings {
  parallel: number | "default";
  tokenPool: number;
  publishers: number | "default";
  auth: "token" | "client";
  jobMs: number;
}

export interface RecordInput {
  startedAt: string;
  finishedAt?: string;
  mode: "quick" | "full" | "cascade";
  machine: Record<string, unknown>;
  targets: Array<{ what: string; value: string; met: boolean }>;
  invariants: Array<{ ok: boolean }>;
  failures: readonly string[];
  settings?: RunSettings;
}

/** The record of one finished run (pure). */
export function runRecord(res: RecordInput, provenance: Provenance, out: string, root: string): RunRecord {
  const m = res.machine;
  const rel = path.relative(root, out);
  return {
    startedAt: res.startedAt,
    finishedAt: res.finishedAt ?? res.startedAt,
    mode: res.mode,
    commit: provenance.commit,
    dirty: provenance.dirty,
    machine: { cpus: m.cpus, cpuModel: m.cpuModel, memoryGB: m.memoryGB, platform: m.platform, node: m.node, pulumi: m.pulumi, loadAvgAtStart: m.loadAvgAtStart },
    targets: res.targets,
    invariants: { held: res.invariants.filter((i) => i.ok).length, failed: res.invariants.filter((i) => !i.ok).length },
    failures: res.failures.length,
    output: rel.startsWith("..") || path.isAbsolute(rel) ? out : rel,
    ...(res.settings ? { settings: res.settings } : {}),
  };
}

/** The record's file name: sortable by time, naming the commit (and `-dirty` when it is not one). */
export function recordFileName(r: RunRecord): string {
  return `${r.startedAt.replace(/[:.]/g, "-")}-${r.mode}-${r.commit.slice(0, 12)}${r.dirty ? "-dirty" : ""}.json`;
}
