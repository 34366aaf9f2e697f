// What `genesys-flows rollback --to <release|previous>` does, decided before anything publishes:
// which release (refused with the reason when the stack never had it, when the stack already runs
// it, when git cannot give its content back, or when it was made half-way through a rollout in
// waves), and which flows and routing objects differ between what the stack runs and that release's
// content: those, and only those, are republished or written (the engine orders them: modules
// before their callers), each routing object named with the release that changed it. A
// rollback during a rollout ends it: the module and the callers already moved go back with the
// rest, the callers still held already run it (planner/waves/rolloutControl.ts endedByRollback). Pure.
import type { FlowRef } from "./flowRef";
import { waveInProgress } from "./waves/rolloutControl";
import type { WaveRolloutRecord } from "./waves/rolloutRecord";
import { unitOf, type RoutingKind } from "../model/routing/schema";
import { contentOf, midRollout, RELEASE_ID, releaseLabel, sameContent, shortCommit, wavesText } from "./releases";
import type { Release } from "./releases";

export const PREVIOUS = "previous";

/** A refusal: why, and what to do instead. */
export interface RollbackRefusal {
  refusal: string;
}

/**
 * The release `to` names in `history` (oldest first; the newest is what runs): an id such as `r3`,
 * or `previous`: the newest release older than the one whose content runs now (after a rollback to
 * r2, previous is the release before r2, so each `--to previous` goes one step further back) that
 * deployed other revisions and left no rollout in waves half-way (so during a rollout, previous is
 * the release before it started).
 */
export function selectRelease(stack: string, history: readonly Release[], to: string): Release | RollbackRefusal {
  const current = history.at(-1);
  const have = history.length > 0 ? `it has ${history.map(releaseLabel).join(", ")}` : "it has none";
  if (!current) {
    return {
      refusal: `stack "${stack}" has recorded no release yet: an up records one (every up from this version on); nothing to roll back to`,
    };
  }
  if (to === PREVIOUS) {
    const origin = Number((current.rollbackOf ?? current.id).slice(1));
    const other = (r: Release) => !midRollout(r) && !sameContent(r, contentOf(current));
    const found = [...history].reverse().find((r) => Number(r.id.slice(1)) < origin && other(r));
    return (
      found ?? {
        refusal: `stack "${stack}" has no release before ${current.rollbackOf ?? current.id} with other content (${have}; the stack keeps its last releases only, genesys-flows:releasesKept)`,
      }
    );
  }
  if (!RELEASE_ID.test(to))
    return {
      refusal: `--to takes a release id such as r3 (genesys-flows releases --stack ${stack} lists them) or "previous", not "${to}"`,
    };
  const found = history.find((r) => r.id === to);
  if (!found) return { refusal: `stack "${stack}" never had release ${to}, or no longer keeps it: ${have}` };
  if (found.id === current.id || sameContent(found, contentOf(current))) {
    return {
      refusal: `stack "${stack}" already runs the content of ${to} (${releaseLabel(current)} is current): nothing to roll back`,
    };
  }
  if (midRollout(found)) {
    return {
      refusal: `release ${to} was made half-way through a rollout in waves (${wavesText(found)}): its callers ran two versions of the module, which its commit cannot give back; roll back to a release before the rollout (--to previous) or after it`,
    };
  }
  return found;
}

/** Why the release's content cannot be taken from git, or undefined when it can (the commit's existence is the caller's read). */
export function sourceRefusal(r: Release): RollbackRefusal | undefined {
  if (r.commit === "")
    return {
      refusal: `release ${r.id} was deployed from a project that is no git work tree: its content is in no commit, so it cannot be rolled back to`,
    };
  if (r.dirty) {
    return {
      refusal: `release ${r.id} was deployed from a working tree that differed from commit ${shortCommit(r.commit)} (flows/, routing/ or the stack file had uncommitted changes): its content is not in git, so it cannot be rolled back to; deploy a commit instead`,
    };
  }
  return undefined;
}

/**
 * What a rollback does to the rollouts in waves the stack records: every one in progress ends (the
 * module and the callers already moved are among the flows that differ from the release; the
 * callers still held run the module version they were published with), in lines a person reads
 * before it runs; "" when none is in progress.
 */
export function endedRolloutsText(records: readonly WaveRolloutRecord[] | undefined): string {
  return (records ?? [])
    .filter((r) => waveInProgress([r]))
    .map((r) => {
      const moved = r.waves.slice(0, r.started).flat();
      return `  ends the rollout in waves of module ${r.module} (wave ${r.started} of ${r.waves.length} out${r.paused ? ", paused" : ""}; moved: ${moved.join(", ") || "none"}; held: ${r.held.join(", ") || "none"}): no wave of it starts again until a new commit changes the module or a person resumes it`;
    })
    .join("\n");
}

/** A flow as the rollback sees it: its id and revision, and whether it is a module. */
export type RevisionedFlow = Pick<FlowRef, "id" | "revision" | "isModule">;

export interface RollbackChanges {
  /** Deployed flows whose revision differs from the release's: republished, modules first. */
  republish: string[];
  /** Flows of the release the stack no longer deploys: created again. */
  create: string[];
  /** Flows deployed now that the release did not have: deleted. */
  remove: string[];
  /** Flows whose content today's compiler makes differently from what the release recorded. */
  compiledDifferently: string[];
  /** The routing objects the run writes, in the planner's order of kinds, each with the release that changed it. */
  routing: RoutingRollback[];
}

/** A routing object a rollback writes: put back as the release has it, created again, or deleted. */
export interface RoutingRollback {
  id: string;
  kind: RoutingKind;
  action: "put back" | "create again" | "delete";
  changedIn?: string;
}

/** A routing object as the rollback sees it: planned from the release's files, or deployed now. */
export type RoutingObjectRef = { id: string; kind: RoutingKind };

/**
 * The routing objects a rollback to `target` writes: `planned` from the release's files, `deployed`
 * what the stack runs, `writes` the ids the run writes of those (run/stackRun.ts routingWrites:
 * inputs that differ, or a delete). Each named with the newest release after `target` that changed it.
 */
export function routingRollback(
  planned: readonly RoutingObjectRef[],
  deployed: readonly RoutingObjectRef[],
  writes: ReadonlySet<string>,
  history: readonly Release[],
  target: Release,
): RoutingRollback[] {
  const since = history.slice(history.findIndex((r) => r.id === target.id)).reverse();
  const changes = (id: string) => (r: Release, i: number) => r.routing?.[id] !== since[i + 1]?.routing?.[id];
  const changedIn = (id: string) => since.slice(0, -1).find(changes(id))?.id;
  const running = new Set(deployed.map((d) => d.id));
  const wanted = new Set(planned.map((p) => p.id));
  const out: RoutingRollback[] = [
    ...planned
      .filter((p) => !running.has(p.id) || writes.has(p.id))
      .map((p) => ({ ...p, action: running.has(p.id) ? "put back" : "create again" }) as const),
    ...deployed.filter((d) => !wanted.has(d.id) && writes.has(d.id)).map((d) => ({ ...d, action: "delete" }) as const),
  ];
  return out.map((o) => {
    const changed = changedIn(o.id);
    return { id: o.id, kind: o.kind, action: o.action, ...(changed !== undefined ? { changedIn: changed } : {}) };
  });
}

/**
 * What the rollback changes: `target` is the release's content as planned today (in the planner's
 * order, modules before their callers), `deployed` what the stack runs, `recorded` the release's
 * own record. The engine decides the same from the same revisions; this says it before it runs.
 */
export function rollbackChanges(
  target: readonly RevisionedFlow[],
  deployed: readonly RevisionedFlow[],
  recorded: Release,
  routing: RoutingRollback[] = [],
): RollbackChanges {
  const running = new Map(deployed.map((f) => [f.id, f.revision]));
  const wanted = new Set(target.map((f) => f.id));
  const modulesFirst = [...target.filter((f) => f.isModule), ...target.filter((f) => !f.isModule)];
  return {
    republish: modulesFirst.filter((f) => running.has(f.id) && running.get(f.id) !== f.revision).map((f) => f.id),
    create: modulesFirst.filter((f) => !running.has(f.id)).map((f) => f.id),
    remove: deployed
      .filter((f) => !wanted.has(f.id))
      .map((f) => f.id)
      .sort(),
    compiledDifferently: target
      .filter((f) => recorded.flows[f.id] !== undefined && recorded.flows[f.id].revision !== f.revision)
      .map((f) => f.id),
    routing,
  };
}

/** The rollback's plan in lines a person reads before it runs. */
export function renderRollbackChanges(stack: string, r: Release, c: RollbackChanges): string {
  const lines = [
    `Rollback of stack "${stack}" to ${releaseLabel(r)} (commit ${shortCommit(r.commit)}, deployed ${r.time}):`,
  ];
  const list = (what: string, ids: string[]) =>
    lines.push(`  ${what} (${ids.length}): ${ids.length > 0 ? ids.join(", ") : "none"}`);
  list("republish", c.republish);
  if (c.create.length > 0) list("create again", c.create);
  if (c.remove.length > 0) list("delete (not in that release)", c.remove);
  // Routing objects by kind and what the run does to them: each named with the release that changed it since.
  const groups = new Map<string, string[]>();
  for (const o of c.routing) {
    const what = `${unitOf(o.kind).label} ${o.action === "put back" ? `put back as ${r.id} has it` : o.action}`;
    const named = `${o.id}${o.changedIn !== undefined ? ` (changed in ${o.changedIn})` : ""}`;
    groups.set(what, [...(groups.get(what) ?? []), named]);
  }
  for (const [what, ids] of groups) list(what, ids);
  if (c.compiledDifferently.length > 0) {
    lines.push(
      `  note: today's compiler makes ${c.compiledDifferently.join(", ")} differently from what ${r.id} published; they go out as compiled today`,
    );
  }
  return lines.join("\n");
}
