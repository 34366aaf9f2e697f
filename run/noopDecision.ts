// Whether a run may say "nothing changes" without starting the engine (issue 78.3), and if not,
// the one doubt that sends it to the engine. Pure: the reads are run/fastNoop.ts's.
//
// "Nothing can have changed" is every one of: the code, the backend and every input the plan is
// computed from (flow files, routing files, the stack file, Pulumi.yaml, the policy config, the
// packages and the toolchain's versions, the provider's GENESYSCLOUD_* environment) hash as they
// did when the last `up` of this command line succeeded (its fingerprint); the state is byte for byte the one that up left (its
// digest), with no pending operation, no interrupted flow, no rollout in waves, no rollback, and the
// same flows, Genesys ids and revisions; each flow's compiled file hashes to the provider's recorded
// fileContentHash; the org publishes, for each flow, the version the last release recorded,
// with no lock and no draft; and holds each routing object as the stack's record says it wrote it
// (planner/routingRecord.ts). The engine would diff exactly these inputs against exactly this state,
// so it would change nothing; where that is not certain, the engine decides (it is right).
import { sha256 } from "../planner/revisions";
import type { Release } from "../planner/releases";
import type { OrgFlow, StackDeployment } from "../org/model";
import { parseStackExport } from "../org/stackExport";
import { newestDraft } from "../verify/people/changesOfFlows";
import { driftDetail, routingDrift } from "../verify/people/routingChanges";
import type { Json } from "../model/routing/kind";

/** What a successful `up` left for the next run (.work/noop/<stack>.json). */
export interface NoopFingerprint {
  format: 1;
  stack: string;
  /** The precompiled build's id (project/root.ts buildId). */
  code: string;
  /** SHA-256 of the state backend's URL (stateBackendUrl: it may hold a password). */
  backend: string;
  /** Each input group's SHA-256 (inputDigests). */
  inputs: Record<string, string>;
  /** SHA-256 of the state's export text. */
  state: string;
  /** `<id> <Genesys flow id> <revision>` of every flow the state records, sorted. */
  flows: string[];
}

/** The engine options a fast answer cannot stand for: they make the engine read, act or print beyond the diff. */
const ENGINE_ONLY = {
  refresh: "--refresh",
  target: "--target",
  targetDependents: "--target-dependents",
  replace: "--replace",
  exclude: "--exclude",
  excludeDependents: "--exclude-dependents",
  showOutputs: "--show-outputs",
} as const;

/** The run's engine options, as far as a fast answer cares. */
export type NoopFlags = { readonly [K in keyof typeof ENGINE_ONLY]?: unknown };

/** The option that needs the engine, or undefined. */
export function flagDoubt(flags: NoopFlags): string | undefined {
  const used = (Object.keys(ENGINE_ONLY) as Array<keyof typeof ENGINE_ONLY>).find(
    (k) => flags[k] !== undefined && flags[k] !== false,
  );
  return used ? `${ENGINE_ONLY[used]} asks the engine` : undefined;
}

export interface LocalEvidence {
  stack: string;
  /** The build this command runs from; undefined from the sources (ts-node). */
  code: string | undefined;
  /** SHA-256 of the state backend's URL. */
  backend: string | undefined;
  inputs: Readonly<Record<string, string>>;
  recorded: NoopFingerprint | undefined;
  /** The state's export text read straight from its backend (file or PostgreSQL); else undefined. */
  stateText: string | undefined;
  /** SHA-256 of a compiled file (path relative to the project), undefined when missing. */
  compiledHash(filepath: string): string | undefined;
}

/** What the state says when nothing local is in doubt: the flows to ask the org about. */
export interface StateOfNoop {
  deployment: StackDeployment;
  lastRelease: Release | undefined;
  /** The stack outputs the last up left (its `flows`, for the summary). */
  outputs: Record<string, unknown>;
}

export const stateFlows = (deployment: StackDeployment): string[] =>
  deployment.flows.map((f) => `${f.id} ${f.flowId} ${f.revision}`).sort();

/** The first local doubt, or the state to check the org against. */
export function localDoubt(e: LocalEvidence): { doubt: string } | StateOfNoop {
  const doubt = (text: string) => ({ doubt: text });
  const r = e.recorded;
  if (r === undefined) return doubt("no successful up of this command line is recorded for the stack");
  if (e.code === undefined)
    return doubt("the command runs from its sources (no precompiled build), so its code cannot be compared");
  if (r.code !== e.code) return doubt("the command line was rebuilt since the last up");
  if (e.backend === undefined || r.backend !== e.backend)
    return doubt("the stack's backend is not the one of the last up");
  const unread = "the stack's state does not read straight from its backend (file, PostgreSQL)";
  if (e.stateText === undefined) return doubt(unread);
  const changed = Object.keys({ ...r.inputs, ...e.inputs })
    .sort()
    .find((k) => r.inputs[k] !== e.inputs[k]);
  if (changed !== undefined) return doubt(`${changed} changed since the last up`);
  const since = "the stack's state changed since the last up (another run, here or on another machine;";
  if (sha256(e.stateText) !== r.state) return doubt(`${since} a refresh, an import)`);
  const parsed = parseStackExport(e.stack, e.stateText);
  if (parsed.pendingOperations > 0) return doubt("the state holds pending operations (a run stopped part-way)");
  const { deployment } = parsed;
  const interrupted = deployment.flows.find((f) => f.interrupted === true);
  if (interrupted) return doubt(`flow ${interrupted.publishedName} was interrupted by a run that stopped`);
  if (parsed.ownership.unfinishedCreates.length > 0)
    return doubt(`a create of ${parsed.ownership.unfinishedCreates[0].resourceName} never finished`);
  if ((deployment.waves ?? []).length > 0)
    return doubt("the state records a module rollout in waves (the gate between waves decides)");
  const lastRelease = parsed.releases.history.at(-1);
  if (parsed.releases.problem !== undefined)
    return doubt(`the state's releases do not read (${parsed.releases.problem})`);
  if (lastRelease?.rollbackOf !== undefined)
    return doubt(`the stack runs a rollback to ${lastRelease.rollbackOf} (the next up records a new release)`);
  if (stateFlows(deployment).join("\n") !== r.flows.join("\n"))
    return doubt("the state's flows are not the ones the last up recorded");
  // A flow the stack only reads (adopted, Pulumi's `get`) has no file the provider compares: the org says the rest.
  for (const f of deployment.flows.filter((x) => x.read !== true)) {
    const file = f.flowInputs?.filepath;
    if (typeof file !== "string" || f.fileContentHash === undefined)
      return doubt(`the state records no compiled file of flow ${f.publishedName}`);
    if (e.compiledHash(file) !== f.fileContentHash)
      return doubt(`${file} is not the file flow ${f.publishedName} was published from`);
  }
  return { deployment, lastRelease, outputs: parsed.outputs };
}

/** The first doubt the org raises (its flows read by Genesys id), or undefined when it runs what the last release recorded. */
export function orgDoubt(state: StateOfNoop, org: ReadonlyMap<string, OrgFlow>): string | undefined {
  for (const f of state.deployment.flows) {
    const o = org.get(f.flowId);
    if (o === undefined || o.deleted === true) return `flow ${f.publishedName} is not in the org`;
    if (o.lock !== undefined) return `flow ${f.publishedName} is locked in the org`;
    if (newestDraft(o.savedVersion, o.checkedInVersion, o.publishedVersion) !== undefined)
      return `flow ${f.publishedName} has a draft in the org`;
    const recorded = state.lastRelease?.flows[f.id]?.version;
    if (recorded === undefined) return `the last release records no published version of flow ${f.publishedName}`;
    if (o.publishedVersion?.id !== recorded)
      return `flow ${f.publishedName} publishes version ${o.publishedVersion?.id ?? "(none)"} in the org, the stack recorded ${recorded}`;
  }
  return undefined;
}

/** The first doubt the org's routing objects raise (read by kind): one the stack's record does not cover, or one a person changed. */
export function routingDoubt(state: StateOfNoop, org: ReadonlyMap<string, Json>): string | undefined {
  for (const r of state.deployment.routing ?? []) {
    if (!r.recorded) return `the state records no fingerprint of routing object ${r.id} (the next up records it)`;
    const drift = routingDrift(r, org.get(r.objectId), undefined, () => undefined);
    if (drift) return `routing object ${r.id}: ${driftDetail(drift)}`;
  }
  return undefined;
}
