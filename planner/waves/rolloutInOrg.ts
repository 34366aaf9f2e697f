// What the org runs of a module rollout in waves against the stack's records (docs/waves.md, "After a stop"): a stopped run
// (SIGKILL, SIGINT, `pulumi cancel`) leaves the record as written before publishing; only the org says how far it got. Each
// version maps to a revision through the versions the releases recorded; one none recorded is a stopped run's, known only when
// Pulumi recorded that publish. Read by `rollout status` and run/waves/stoppedGuard.ts. Pure.
import { rollbackCommand } from "./rolloutControl";
import type { RolloutAct, WaveRolloutRecord } from "./rolloutRecord";
import type { Release } from "../releases";

/** What this reads of a module's record in the state (org/model.ts's DeployedFlow has it). */
export interface ModuleRecord {
  id: string;
  calls: readonly unknown[];
  revision: string;
  modified?: string;
  fileContentHash?: string;
  contentRevision?: string;
  interrupted?: true;
}

/** What this reads of a published version (org/model.ts's OrgVersion has it). */
export interface PublishedVersion {
  id: string;
  dateCreated: number;
}

/** A module of a rollout as the org has it: its published version, and per caller of the stack (flow id) its own published version and the module version it consumed. */
export interface ModuleInOrg {
  published?: PublishedVersion;
  callers: ReadonlyMap<string, { version: string; moduleVersion?: string }>;
}

/** Where a rollout stands in the org against its record: the module's content (when releases or Pulumi say), what disagrees, the one safe command (on a disagreement or a stopped rollback), the lines printed. */
export interface RolloutInOrg {
  module: string;
  moduleContent?: string;
  disagrees: string[];
  safe?: string;
  lines: string[];
}

const short = (r: string | undefined) => (r === undefined || r === "" ? "not known" : r.slice(0, 12));

/** A rollback that ended the rollout and recorded no release since (a finished one records one, rollbackOf set): it stopped. Undefined also when the history no longer reaches back to it. */
export function stoppedRollback(
  record: WaveRolloutRecord,
  history: readonly Release[],
): (RolloutAct & { to: string }) | undefined {
  const rb = record.rolledBack;
  if (rb === undefined || history.length === 0 || history[0].time > rb.at) return undefined;
  return history.some((r) => r.rollbackOf !== undefined && r.time >= rb.at) ? undefined : rb;
}

/** The revision each recorded Genesys version of flow `id` has, with the releases that recorded it. */
function recorded(history: readonly Release[], id: string): Map<string, { revision: string; releases: string[] }> {
  const out = new Map<string, { revision: string; releases: string[] }>();
  for (const { id: release, flows } of history) {
    const f = flows[id];
    if (f?.version !== undefined)
      out.set(f.version, { revision: f.revision, releases: [...(out.get(f.version)?.releases ?? []), release] });
  }
  return out;
}

/** The revision of the module's published version: as a release recorded it, else as Pulumi recorded its last publish (a version made before that record, nothing left pending): its Flow's file hash (a module calling none), or its component's revision when that agrees (a run killed between the two records leaves it behind). */
export function moduleContent(
  m: ModuleRecord,
  published: PublishedVersion | undefined,
  history: readonly Release[],
  skewMs = 2000,
): string | undefined {
  const byReleases = published && recorded(history, m.id).get(published.id)?.revision;
  if (published === undefined || byReleases !== undefined) return byReleases;
  const at = m.modified !== undefined ? Date.parse(m.modified) : NaN;
  const pulumis =
    m.calls.length === 0 ? m.fileContentHash : m.fileContentHash === m.contentRevision ? m.revision : undefined;
  return m.interrupted !== true && pulumis !== undefined && pulumis !== "" && published.dateCreated <= at + skewMs
    ? pulumis
    : undefined;
}

/** The rollout of `record` in the org: each flow's version and content, the release the org is in, and what disagrees with the record. */
export function rolloutInOrg(
  stack: string,
  record: WaveRolloutRecord,
  module: ModuleRecord,
  history: readonly Release[],
  org: ModuleInOrg,
): RolloutInOrg {
  const M = record.module;
  const versions = recorded(history, M);
  const content = moduleContent(module, org.published, history);
  const stopped = stoppedRollback(record, history);
  const rb = record.rolledBack;
  // What the record says the module and each caller run: a rollback's release everywhere, else the waves out on the new revision.
  const back = rb ? (history.find((r) => r.id === rb.to)?.flows[M]?.revision ?? record.from) : undefined;
  const expected = (i: number): string[] =>
    back !== undefined ? [back] : i < record.started ? [record.revision, record.from] : [record.from];
  const pv = org.published?.id;
  const disagrees: string[] = [];
  const by = (v: string | undefined, otherwise = "") =>
    v !== undefined && versions.has(v) ? ` (${versions.get(v)!.releases.join(", ")})` : otherwise;
  const lines = [
    `${M}  publishes version ${pv ?? "none"}: ${content !== undefined ? `revision ${short(content)}${by(pv, " (Pulumi's record of its last publish)")}` : "no release recorded it (a run of the stack published it and stopped before recording it)"}`,
  ];
  if (content !== (back ?? record.revision))
    disagrees.push(
      `${M} publishes ${content === undefined ? `version ${pv ?? "none"}, whose content no record says` : `revision ${short(content)}`}, not ${short(back ?? record.revision)}`,
    );
  record.waves.forEach((wave, i) => {
    for (const id of wave) {
      const c = org.callers.get(id);
      if (!c) continue;
      const v = c.moduleVersion;
      const revision = v === undefined ? undefined : v === pv ? content : versions.get(v)?.revision;
      lines.push(
        `${id}  runs version ${c.version}, with module version ${v ?? "not known"}: revision ${short(revision)}${by(v)}`,
      );
      if (revision === undefined || !expected(i).includes(revision))
        disagrees.push(`${id} runs module revision ${short(revision)}, not ${short(expected(i)[0])}`);
    }
  });
  lines.push(
    releaseLine([M, ...record.waves.flat()], history, {
      [M]: pv,
      ...Object.fromEntries([...org.callers].map(([id, c]) => [id, c.version])),
    }),
  );
  if (stopped)
    lines.push(
      `the rollback to ${stopped.to} (by ${stopped.by} at ${stopped.at}) stopped before it recorded its release (killed, interrupted or failed)`,
    );
  const safe =
    rb && (stopped || disagrees.length > 0)
      ? `genesys-flows rollback --stack ${stack} --to ${rb.to}`
      : disagrees.length > 0 && content !== undefined
        ? rollbackCommand(stack)
        : undefined;
  return {
    module: M,
    ...(content !== undefined ? { moduleContent: content } : {}),
    disagrees,
    ...(safe ? { safe } : {}),
    lines,
  };
}

/** Which release the org runs these flows as (each flow's published version as that release recorded it), or the closest, and which one the releases say runs. */
function releaseLine(
  ids: readonly string[],
  history: readonly Release[],
  org: Readonly<Record<string, string | undefined>>,
): string {
  const score = (r: Release) => ids.filter((id) => org[id] !== undefined && r.flows[id]?.version === org[id]);
  const best = [...history]
    .reverse()
    .reduce<Release | undefined>((b, r) => (b === undefined || score(r).length > score(b).length ? r : b), undefined);
  const says = `the releases say ${history.at(-1)?.id ?? "none"} runs`;
  if (best === undefined) return `the org runs them as no release recorded them; ${says}`;
  const off = ids.filter((id) => !score(best).includes(id));
  return off.length === 0
    ? `the org runs them as release ${best.id} recorded them; ${says}`
    : `the org runs them as no release recorded them (the closest, ${best.id}, differs in ${off.join(", ")}); ${says}`;
}

/** The lines of `rollout status` and of the refusal: what the org runs, what disagrees, and the way out. */
export function renderRolloutInOrg(r: RolloutInOrg, indent = "    "): string[] {
  const out = [`${indent}what the org runs (read now):`, ...r.lines.map((l) => `${indent}  ${l}`)];
  if (r.disagrees.length > 0) out.push(`${indent}DISAGREES with the record: ${r.disagrees.join("; ")}`);
  if (r.safe !== undefined)
    out.push(
      `${indent}the one safe command: ${r.safe} (the module first, then every caller, on one release again; it records that release)`,
    );
  else if (r.disagrees.length > 0)
    out.push(
      `${indent}the next up publishes the module again before any caller, or stops before it publishes a caller onto it`,
    );
  return out;
}
