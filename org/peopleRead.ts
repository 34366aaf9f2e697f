// The one read of the org a run makes before anything publishes, for the flows it would publish,
// delete or re-point: each flow as the org has it now (lock, draft, published version and the
// versions since the stack's deploy; gone when the org no longer lists it), the flow that carries
// the stack's name when the stack's id no longer does, and the OAuth client the stack signs in as.
// The flows are read 50 a request (org/flows.ts readFlows); a flow's versions, one read or more
// each, only where they tell something. Plain data: verify/people/changesOfFlows.ts compares it, purely,
// with what the stack deployed.
import { inBatches, READS_IN_FLIGHT, type OrgApi } from "./client";
import { findFlowsByName, publishedSince, readFlows, readOwnClient, withVersions } from "./flows";
import type { OrgFlow, OrgVersion, OrgWho } from "./model";

/** A flow of the stack the run touches, as the stack last deployed it. */
export interface FlowToRead {
  /** The flow's id in the portfolio (path under flows/ without extension). */
  flow: string;
  /** The published name the stack deployed it under. */
  publishedName: string;
  /** The Genesys flow id in the stack's state. */
  flowId: string;
  /** API type (INBOUNDCALL, COMMONMODULE, ...). */
  apiType: string;
  /** When Pulumi last changed the flow's resource (epoch ms), when the state says. */
  deployedAt?: number;
  /**
   * For a flow the state holds as read (adopted, never published by the stack): when the stack
   * first read it (epoch ms). A person's version from before is the flow as adopted, not a change.
   */
  adoptedAt?: number;
  /** The URN of its genesyscloud Flow resource in the stack's state. */
  urn?: string;
  /** The Genesys versions of it the stack's kept releases recorded, oldest first. */
  releasedVersions?: readonly string[];
}

/** One flow as the org has it, beside what the stack deployed. */
export interface FlowObservation extends FlowToRead {
  /** The flow now; undefined when the org has it no more (deleted: 404 or 410). */
  org?: OrgFlow;
  /** Every version the org keeps, oldest first (read for verify's evidence of overwritten versions). */
  versions?: OrgVersion[];
  /** The org's flow of the stack's name and type, when it is not the stack's id (rebuilt by hand, or another org). */
  holderOfName?: { flowId: string; name: string };
}

export interface PeopleRead {
  observations: FlowObservation[];
  /** The OAuth client the stack signs in as, when the org says (GET /api/v2/tokens/me). */
  ownClient?: OrgWho;
}

/**
 * Reads every flow of `flows`, FLOWS_PER_READ a request; the name lookup only for a flow gone or
 * renamed. A flow's versions are read when it was published since the stack's record (its versions
 * since then) and wherever `withVersions` says (verify's evidence of overwritten versions:
 * verify/people/changesOfFlows.ts versionsTellSomething; true: every flow's). `read`: the flows as this run
 * read them already (readFlows), when nothing can have changed since.
 */
export async function readPeople(
  api: OrgApi,
  flows: readonly FlowToRead[],
  options: {
    clockSkewMs: number;
    withVersions?: boolean | ((flow: OrgFlow, read: FlowToRead) => boolean);
    read?: ReadonlyMap<string, OrgFlow>;
  },
): Promise<PeopleRead> {
  const read =
    options.read ??
    (await readFlows(
      api,
      flows.map((f) => f.flowId),
    ));
  const wanted =
    typeof options.withVersions === "function" ? options.withVersions : () => options.withVersions === true;
  // One flow's reads (its versions, the holder of its name) are apart from another's: a few in flight at once.
  const observations = await inBatches(flows, READS_IN_FLIGHT, async (f): Promise<FlowObservation> => {
    const deployedAt = f.deployedAt !== undefined ? f.deployedAt + options.clockSkewMs : undefined;
    let org = read.get(f.flowId);
    const versionsToo = org !== undefined && wanted(org, f);
    if (org && (publishedSince(org, deployedAt) || versionsToo)) org = await withVersions(api, org, deployedAt);
    const versions = versionsToo ? org?.versions : undefined;
    let holderOfName: FlowObservation["holderOfName"];
    if (!org || org.name.toLowerCase() !== f.publishedName.toLowerCase()) {
      const holder = (await findFlowsByName(api, f.publishedName, f.apiType)).at(0);
      if (holder && holder.flowId !== f.flowId) holderOfName = { flowId: holder.flowId, name: holder.name };
    }
    return {
      ...f,
      ...(org ? { org } : {}),
      ...(versions ? { versions } : {}),
      ...(holderOfName ? { holderOfName } : {}),
    };
  });
  const ownClient = await readOwnClient(api);
  return { observations, ...(ownClient ? { ownClient } : {}) };
}
