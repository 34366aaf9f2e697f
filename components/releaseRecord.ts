// The stack output `releases` (planner/releases.ts): the history the state already holds, plus
// this up's release when it changes a revision, with the Genesys version each new or changed flow
// was published as, read from the org once every flow has been published (after the engine
// finished the flows, never in a preview). A version that cannot be read is left out with a
// warning: the release still says what was deployed.
import * as pulumi from "@pulumi/pulumi";
import { inBatches, type OrgApi } from "../org/client";
import { listFlowsOfType, readFlow } from "../org/flows";
import type { Portfolio } from "../planner/portfolio";
import { DEFAULT_RELEASES_KEPT, encodeHistory, nextHistory, versionsToRead, withVersions, type ReleaseWave, type StoredRelease } from "../planner/releases";
import type { ReleaseIo } from "../run/guards/releaseRecord";
import type { DeployedFlowSummary } from "./stackProgram";

/** Flows read one by one up to this many; more, each flow type is listed (pages of 500). */
const SINGLE_READS = 50;
const READ_CONCURRENCY = 6;

/** The published version of each flow (flow id -> Genesys flow id and API type), by flow id. */
export async function readPublishedVersions(api: OrgApi, flows: ReadonlyArray<{ id: string; flowId: string; apiType: string }>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (flows.length <= SINGLE_READS) {
    const read = await inBatches(flows, READ_CONCURRENCY, (f) => readFlow(api, f.flowId));
    flows.forEach((f, i) => {
      const v = read[i]?.publishedVersion?.id;
      if (v !== undefined) out.set(f.id, v);
    });
    return out;
  }
  for (const apiType of [...new Set(flows.map((f) => f.apiType))].sort()) {
    const byFlowId = new Map((await listFlowsOfType(api, apiType)).map((o) => [o.flowId, o.publishedVersion?.id]));
    for (const f of flows.filter((x) => x.apiType === apiType)) {
      const v = byFlowId.get(f.flowId);
      if (v !== undefined) out.set(f.id, v);
    }
  }
  return out;
}

/**
 * The stack output `releases` of this run: each flow as the run leaves it (`summary`: a caller a
 * rollout in waves holds keeps the revision it runs, so each wave is a release of its own), and the
 * rollouts it carried out (`waves`).
 */
export function recordRelease(portfolio: Portfolio, summary: readonly DeployedFlowSummary[], io: ReleaseIo, waves?: ReleaseWave[]): pulumi.Output<StoredRelease[]> {
  const candidate = {
    commit: io.source.commit,
    dirty: io.source.dirty,
    time: io.now().toISOString(),
    revisions: new Map(summary.map((f) => [f.id, f.revision])),
    ...(io.source.rollbackOf !== undefined ? { rollbackOf: io.source.rollbackOf } : {}),
    ...(waves !== undefined && waves.length > 0 ? { waves } : {}),
  };
  const kept = portfolio.settings.releasesKept ?? DEFAULT_RELEASES_KEPT;
  const history = io.history().then((h) => nextHistory(h, candidate, kept));
  const apiTypes = new Map(portfolio.flows.map((f) => [f.id, f.kind.apiType]));
  // Resolves once every flow is published: the versions read then are the ones this up made.
  const flowIds = pulumi.all(summary.map((s) => s.flowId));
  return flowIds.apply(async (ids) => {
    const h = await history;
    const wanted = new Set(versionsToRead(h));
    if (pulumi.runtime.isDryRun() || wanted.size === 0) return encodeHistory(h);
    const flows = summary.map((s, i) => ({ id: s.id, flowId: ids[i], apiType: apiTypes.get(s.id)! })).filter((f) => wanted.has(f.id));
    try {
      return encodeHistory(withVersions(h, await readPublishedVersions(await io.connect(), flows)));
    } catch (e) {
      void pulumi.log.warn(`release ${h.at(-1)?.id}: the published Genesys versions could not be read (${(e as Error).message}); the release records the revisions only`);
      return encodeHistory(h);
    }
  });
}
