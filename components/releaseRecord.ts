// The stack output `releases` (planner/releases.ts): the history the state already holds, plus
// this up's release when it changes a revision (a flow's or a routing object's), with the Genesys
// version each new or changed flow was published as, read from the org once every flow has been
// published (after the engine finished the flows, never in a preview). A version that cannot be
// read is left out with a warning: the release still says what was deployed.
import * as pulumi from "@pulumi/pulumi";
import type { Output } from "@pulumi/pulumi";
import type { OrgApi } from "../org/client";
import { readFlows } from "../org/flows";
import type { Portfolio } from "../planner/portfolio";
import {
  DEFAULT_RELEASES_KEPT,
  encodeHistory,
  nextHistory,
  versionsToRead,
  withVersions,
  type ReleaseWave,
  type StoredRelease,
} from "../planner/releases";
import type { ReleaseIo } from "../run/guards/releaseRecord";
import type { DeployedFlowSummary } from "./stackProgram";
import { toolVersion } from "../project/template";

/** The published version of each flow (flow id -> Genesys flow id), by flow id: the flows 50 a request (org/flows.ts readFlows). */
export async function readPublishedVersions(
  api: OrgApi,
  flows: ReadonlyArray<{ id: string; flowId: string; apiType: string }>,
): Promise<Map<string, string>> {
  const read = await readFlows(
    api,
    flows.map((f) => f.flowId),
  );
  return new Map(
    flows.flatMap((f) => {
      const v = read.get(f.flowId)?.publishedVersion?.id;
      return v !== undefined ? [[f.id, v] as const] : [];
    }),
  );
}

type Stored = StoredRelease[];
type Waves = ReleaseWave[];

/** What the run leaves deployed: its flows, and its routing objects' revisions. */
export type RunContent = { summary: readonly DeployedFlowSummary[]; routing: Readonly<Record<string, string>> };

/**
 * The stack output `releases` of this run: each flow as the run leaves it (`summary`: a caller a
 * rollout in waves holds keeps the revision it runs, so each wave is a release of its own), each
 * routing object's revision (planner/routingInputs.ts), and the rollouts it carried out (`waves`).
 */
export function recordRelease(portfolio: Portfolio, content: RunContent, io: ReleaseIo, waves?: Waves): Output<Stored> {
  const { summary } = content;
  const candidate = {
    commit: io.source.commit,
    dirty: io.source.dirty,
    time: io.now().toISOString(),
    revisions: new Map(summary.map((f) => [f.id, f.revision])),
    routing: content.routing,
    ...(io.source.rollbackOf !== undefined ? { rollbackOf: io.source.rollbackOf } : {}),
    ...(waves !== undefined && waves.length > 0 ? { waves } : {}),
    tool: toolVersion(),
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
    const flows = summary
      .map((s, i) => ({ id: s.id, flowId: ids[i], apiType: apiTypes.get(s.id)! }))
      .filter((f) => wanted.has(f.id));
    try {
      return encodeHistory(withVersions(h, await readPublishedVersions(await io.connect(), flows)));
    } catch (e) {
      void pulumi.log.warn(
        `release ${h.at(-1)?.id}: the published Genesys versions could not be read (${(e as Error).message}); the release records the revisions only`,
      );
      return encodeHistory(h);
    }
  });
}
