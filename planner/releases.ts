// Releases: what each `up` of a stack put in the org, kept in the stack's own state as the stack
// output `releases` (components/program.ts writes it, org/stackExport.ts reads it back), so every
// machine that reaches the stack's backend sees the same history and nothing else has to be kept.
// A release is the commit the flows came from (and whether the working tree differed from it), when,
// per flow the revision it deployed (planner/revisions.ts) and the Genesys version that was
// published, and per routing object the revision of what its resource was given
// (planner/routingInputs.ts). An `up` that changes no revision records nothing: the newest release
// still says what runs. The history is bounded (genesys-flows:releasesKept, default 20), oldest dropped first, and
// stored as changes: the oldest release kept lists every flow, each later one only the flows it
// changed, added or removed (StoredRelease), because the engine rewrites the whole checkpoint,
// stack outputs included, after every resource step (pulumi/pulumi#10960): 20 full releases of 1,000
// flows would add about 2 MB to each write, their changes a few KB.
// Pure: the program hands over the commit, the time and the versions it read.
import { z } from "zod";
import type { WavePlan } from "./waves/wavePlan";
import { cmp } from "../archy/json";

/** Releases a stack keeps when its settings do not say (genesys-flows:releasesKept). */
export const DEFAULT_RELEASES_KEPT = 20;

/** A release id: `r` and a number counted per stack, short enough to type in an incident. */
export const RELEASE_ID = /^r[1-9][0-9]*$/;

const releaseFlow = z.object({
  /** The flow's revision (content and the modules it calls). */
  revision: z.string().min(1),
  /** The Genesys version the org reported as published after the up (e.g. "4.0"), when it was read. */
  version: z.string().min(1).optional(),
});

/** A module rollout in waves the up left in progress or finished (planner/waves/wavePlan.ts). */
const releaseWave = z.object({
  module: z.string().min(1),
  /** Waves out after the up (`of`: every wave has started: the rollout is over with it). */
  wave: z.number().int().nonnegative(),
  of: z.number().int().positive(),
  /** The up started that wave. */
  starts: z.boolean().optional(),
  /** It started past the gate between waves because a person said so (`genesys-flows rollout next`). */
  next: z.object({ by: z.string(), reason: z.string() }).optional(),
});

export const releaseSchema = z.object({
  id: z.string().regex(RELEASE_ID),
  /** The commit the flows, routing and stack file came from; "" when the project is no git work tree. */
  commit: z.string(),
  /** The working tree differed from the commit (flows/, routing/ or the stack file): git cannot give it back. */
  dirty: z.boolean(),
  /** When the up ran (ISO-8601). */
  time: z.string(),
  /** Per flow id. */
  flows: z.record(z.string(), releaseFlow),
  /** Per routing id: the revision of its resource's inputs (absent: none, or a release before 0.3.0). */
  routing: z.record(z.string(), z.string()).optional(),
  /** This release put the stack back on the content of that release (genesys-flows rollback). */
  rollbackOf: z.string().regex(RELEASE_ID).optional(),
  /** The genesys-flows version that made it (absent in releases before 0.2.0). */
  tool: z.string().min(1).optional(),
  /**
   * The module rollouts in waves this up carried out: a release with a wave still to start ran
   * callers on two module versions, which its commit alone does not say (a rollback skips it).
   */
  waves: z.array(releaseWave).optional(),
});

export type Release = z.infer<typeof releaseSchema>;
export type ReleaseFlow = z.infer<typeof releaseFlow>;
export type ReleaseWave = z.infer<typeof releaseWave>;

/**
 * A release as the stack output stores it: the flows and routing objects changed since the release
 * before it (all, for the oldest), and the ones removed.
 */
const ids = z.array(z.string()).optional();
export const storedReleaseSchema = releaseSchema.extend({ removed: ids, routingRemoved: ids });
export type StoredRelease = z.infer<typeof storedReleaseSchema>;

/** The stack output `releases`: oldest first, the newest is what the stack runs. */
export const storedHistorySchema = z.array(storedReleaseSchema);

type ById<T> = Readonly<Record<string, T>>;

/** `now` against `before`: the entries that differ, and the ids `now` no longer has. */
function delta<T>(now: ById<T>, before: ById<T>): { changed: Record<string, T>; removed: string[] } {
  const differs = ([id, v]: [string, T]) => JSON.stringify(before[id]) !== JSON.stringify(v);
  const changed = Object.fromEntries(Object.entries(now).filter(differs));
  return {
    changed,
    removed: Object.keys(before)
      .filter((id) => now[id] === undefined)
      .sort(),
  };
}

/** `before` with `changed` and without `removed`, sorted by id. */
function applied<T>(before: ById<T>, changed: ById<T>, removed: readonly string[] = []): Record<string, T> {
  const out: Record<string, T> = { ...before, ...changed };
  for (const id of removed) delete out[id];
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => cmp(a, b)));
}

/** The history as the stack output stores it (each release against the one before). */
export function encodeHistory(history: readonly Release[]): StoredRelease[] {
  return history.map((r, i) => {
    const flows = delta(r.flows, history[i - 1]?.flows ?? {});
    const routing = delta(r.routing ?? {}, history[i - 1]?.routing ?? {});
    const { routing: _all, ...rest } = r;
    return {
      ...rest,
      flows: flows.changed,
      ...(flows.removed.length > 0 ? { removed: flows.removed } : {}),
      ...(Object.keys(routing.changed).length > 0 ? { routing: routing.changed } : {}),
      ...(routing.removed.length > 0 ? { routingRemoved: routing.removed } : {}),
    };
  });
}

/** The stored history -> every release with all its flows and routing objects. */
export function decodeHistory(stored: readonly StoredRelease[]): Release[] {
  const out: Release[] = [];
  for (const { removed, routingRemoved, ...r } of stored) {
    const routing = applied(out.at(-1)?.routing ?? {}, r.routing ?? {}, routingRemoved);
    const flows = applied(out.at(-1)?.flows ?? {}, r.flows, removed);
    out.push({ ...r, flows, ...(Object.keys(routing).length > 0 ? { routing } : {}) });
  }
  return out;
}

/** What an `up` is about to deploy, before the release gets its id. */
export interface ReleaseCandidate {
  commit: string;
  dirty: boolean;
  time: string;
  /** Flow id -> revision, as this up leaves the flow (a caller a rollout holds: the revision it runs). */
  revisions: ReadonlyMap<string, string>;
  /** Routing id -> revision of its resource's inputs. */
  routing?: Readonly<Record<string, string>>;
  rollbackOf?: string;
  waves?: ReleaseWave[];
  /** The genesys-flows version deploying it. */
  tool?: string;
}

/**
 * The stack output `releases` as the state holds it -> the history, or undefined with why when it
 * is not one (a hand-edited or foreign state: the next up starts a new history rather than fail).
 */
export function parseReleaseHistory(value: unknown): { history: Release[]; problem?: string } {
  if (value === undefined || value === null) return { history: [] };
  const parsed = storedHistorySchema.safeParse(value);
  if (parsed.success) return { history: decodeHistory(parsed.data) };
  const first = parsed.error.issues[0];
  return {
    history: [],
    problem: `the stack output "releases" is not a release history (${first.path.join(".")}: ${first.message})`,
  };
}

const numberOf = (id: string): number => Number(id.slice(1));

/** What a deploy puts in the org: each flow's revision and each routing object's. */
export type ReleaseContent = Pick<ReleaseCandidate, "revisions" | "routing">;

/** What a deploy from the working tree puts in the org, and the commit it comes from. */
type HeadContent = ReleaseContent & { commit: string };

/** A release's content. */
export function contentOf(r: Release): ReleaseContent {
  const revisions = new Map(Object.entries(r.flows).map(([id, f]) => [id, f.revision]));
  return { revisions, ...(r.routing ? { routing: r.routing } : {}) };
}

/** True when `a` deployed exactly `content`: the same flows and routing objects with the same revisions. */
export function sameContent(a: Release, content: ReleaseContent): boolean {
  const ids = Object.keys(a.flows);
  const routing = (r: ById<string> = {}) => JSON.stringify(Object.entries(r).sort(([x], [y]) => cmp(x, y)));
  const same = (id: string) => content.revisions.get(id) === a.flows[id].revision;
  const flows = ids.length === content.revisions.size && ids.every(same);
  return flows && routing(a.routing) === routing(content.routing);
}

/**
 * The history after an up of `candidate`: unchanged when the newest release deployed the same
 * revisions from the same source (a no-op up, or a rollback that found nothing to do); otherwise a
 * new release with the next id, the oldest dropped past `kept`. Versions are left to withVersions.
 */
export function nextHistory(
  history: readonly Release[],
  candidate: ReleaseCandidate,
  kept: number = DEFAULT_RELEASES_KEPT,
): Release[] {
  const last = history.at(-1);
  if (last && sameContent(last, candidate) && last.rollbackOf === candidate.rollbackOf) return [...history];
  const next = Math.max(0, ...history.map((r) => numberOf(r.id))) + 1;
  const flows: Record<string, ReleaseFlow> = {};
  for (const id of [...candidate.revisions.keys()].sort()) {
    const revision = candidate.revisions.get(id)!;
    // A flow this up leaves as it was keeps the version the last release read.
    const kept = last?.flows[id]?.revision === revision ? last.flows[id].version : undefined;
    flows[id] = { revision, ...(kept !== undefined ? { version: kept } : {}) };
  }
  const release: Release = {
    id: `r${next}`,
    commit: candidate.commit,
    dirty: candidate.dirty,
    time: candidate.time,
    flows,
    ...(Object.keys(candidate.routing ?? {}).length > 0 ? { routing: { ...candidate.routing } } : {}),
    ...(candidate.rollbackOf !== undefined ? { rollbackOf: candidate.rollbackOf } : {}),
    ...(candidate.waves !== undefined && candidate.waves.length > 0
      ? { waves: candidate.waves.map((w) => ({ ...w })) }
      : {}),
    ...(candidate.tool !== undefined ? { tool: candidate.tool } : {}),
  };
  return [...history, release].slice(-Math.max(1, kept));
}

/** The rollouts of a run as its release records them (the wave out after it, whether it started one, a person's `rollout next`). */
export function releaseWavesOf(plan: WavePlan): ReleaseWave[] {
  return plan.rollouts.map((r) => ({
    module: r.module,
    wave: r.started,
    of: r.waves.length,
    ...(r.startsWave ? { starts: true } : {}),
    ...(r.next ? { next: { by: r.next.by, reason: r.next.reason } } : {}),
  }));
}

/** Whether the release left a rollout with a wave still to start: callers ran two module versions, which its commit alone does not give back. */
export function midRollout(r: Release): boolean {
  return (r.waves ?? []).some((w) => w.wave < w.of);
}

/** The release's rollouts in words ("wave 2 of 3 of modules/lookup (rollout next by ...)"). */
export function wavesText(r: Release): string {
  return (r.waves ?? [])
    .map(
      (w) =>
        `${w.starts ? "started " : ""}wave ${w.wave} of ${w.of} of ${w.module}${w.next ? ` (rollout next by ${w.next.by}: ${w.next.reason})` : ""}`,
    )
    .join("; ");
}

/** The flows of the newest release whose Genesys version is still to be read (new or changed in it). */
export function versionsToRead(history: readonly Release[]): string[] {
  const last = history.at(-1);
  return last ? Object.keys(last.flows).filter((id) => last.flows[id].version === undefined) : [];
}

/**
 * The Genesys versions the kept releases say the stack published of each flow (flow id -> versions,
 * oldest first, each once): what verify weighs the org's version numbers against
 * (verify/people/changesOfFlows.ts versionsSkipped).
 */
export function releasedVersions(history: readonly Release[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of history) {
    for (const [id, f] of Object.entries(r.flows)) {
      const seen = out.get(id) ?? [];
      if (f.version !== undefined && seen.at(-1) !== f.version) out.set(id, [...seen, f.version]);
    }
  }
  return out;
}

/** The history with the newest release's versions filled in from `versions` (flow id -> version). */
export function withVersions(history: readonly Release[], versions: ReadonlyMap<string, string>): Release[] {
  const last = history.at(-1);
  if (!last || versions.size === 0) return [...history];
  const flows: Record<string, ReleaseFlow> = {};
  for (const [id, f] of Object.entries(last.flows)) {
    const v = f.version ?? versions.get(id);
    flows[id] = { revision: f.revision, ...(v !== undefined ? { version: v } : {}) };
  }
  return [...history.slice(0, -1), { ...last, flows }];
}

/** A commit as people read it: the first 12 characters, "no commit" when there is none. */
export function shortCommit(commit: string): string {
  return commit === "" ? "no commit" : commit.slice(0, 12);
}

/** "r3 (rollback to r1)"-style label of a release. */
export function releaseLabel(r: Release): string {
  return r.rollbackOf !== undefined ? `${r.id} (rollback to ${r.rollbackOf})` : r.id;
}

/**
 * The line preview, up and flows:diff --stack print when the stack runs a rolled-back release and
 * the deploy from git would put other content back; undefined otherwise.
 */
export function rolledBackNote(history: readonly Release[], head: HeadContent): string | undefined {
  const last = history.at(-1);
  if (!last || last.rollbackOf === undefined) return undefined;
  if (sameContent(last, { ...head, routing: head.routing ?? last.routing })) return undefined;
  const origin = history.find((r) => r.id === last.rollbackOf);
  const from = origin ? ` (commit ${shortCommit(origin.commit)})` : "";
  return `the stack runs release ${last.rollbackOf}${from} (rolled back in ${last.id} at ${last.time}); this up re-applies ${shortCommit(head.commit)}`;
}

/** The flows whose revision differs between two releases (or all of `r` when there is no `before`). */
export function changedFlows(r: Release, before: Release | undefined): string[] {
  const ids = new Set([...Object.keys(r.flows), ...Object.keys(before?.flows ?? {})]);
  return [...ids].filter((id) => r.flows[id]?.revision !== before?.flows[id]?.revision).sort();
}

/** The routing objects whose revision differs between two releases (or all of `r` when there is no `before`). */
export function changedRouting(r: Release, before: Release | undefined): string[] {
  const ids = new Set([...Object.keys(r.routing ?? {}), ...Object.keys(before?.routing ?? {})]);
  return [...ids].filter((id) => r.routing?.[id] !== before?.routing?.[id]).sort();
}

/** `genesys-flows releases`: one line per release, newest last, the one that runs marked; with `flows`, each flow's revision and version. */
export function renderReleases(stack: string, history: readonly Release[], options: { flows?: boolean } = {}): string {
  if (history.length === 0) return `Stack "${stack}" has recorded no release yet (each up records one).\n`;
  const lines = [`Releases of stack "${stack}", oldest first (the last one runs):`];
  history.forEach((r, i) => {
    const changed = changedFlows(r, history[i - 1]);
    const routing = changedRouting(r, history[i - 1]).length;
    const what = r.rollbackOf !== undefined ? `rollback to ${r.rollbackOf}` : `${Object.keys(r.flows).length} flows`;
    const marks = [
      r.dirty && r.commit !== "" ? "uncommitted changes" : undefined,
      i === history.length - 1 ? "runs now" : undefined,
    ].filter((m) => m !== undefined);
    const waves = wavesText(r);
    const tool = r.tool !== undefined ? `, by genesys-flows ${r.tool}` : "";
    const routed = routing > 0 ? `, ${routing} routing object${routing === 1 ? "" : "s"} changed` : "";
    const made = `${what}, ${changed.length} changed${routed}${waves !== "" ? `, ${waves}` : ""}${tool}`;
    const marked = marks.length > 0 ? `  [${marks.join(", ")}]` : "";
    lines.push(`  ${r.id.padEnd(5)} ${r.time}  commit ${shortCommit(r.commit).padEnd(12)}  ${made}${marked}`);
    if (options.flows) {
      for (const [id, f] of Object.entries(r.flows).sort(([a], [b]) => cmp(a, b))) {
        lines.push(
          `        ${changed.includes(id) ? "*" : " "} ${id}  revision ${f.revision.slice(0, 12)}  version ${f.version ?? "not read"}`,
        );
      }
    }
  });
  return `${lines.join("\n")}\n`;
}
