// Flows created by name before anything is published to them (POST /api/v2/flows, "Create flow";
// permission architect:flow:add). Genesys makes a flow with a name, a type and no configuration,
// checked out by whoever created it: the spec's own words for POST /api/v2/flows/actions/unlock are
// "Allows for unlocking a flow in the case where there is no flow configuration available, and thus a
// check-in will not unlock the flow". A second create of the same name and type is a 409 (the v193
// spec lists it for this operation). The creator's publish job configures it (store.ts publish takes
// the created flow's id); anyone else's publish meets the creator's lock (jobs.ts). Kept apart from
// the store's flows: every one of those has a published version.
import { z } from "zod";
import { newId } from "./ids";
import type { Actor } from "./auth";
import { Records } from "./records";

const RefSchema = z.object({ id: z.string(), name: z.string() });

export const FlowClaimSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Upper-case API type, e.g. INBOUNDCALL. */
  type: z.string(),
  description: z.string(),
  divisionName: z.string(),
  lockedBy: RefSchema.optional(),
  /** Absent once unlocked (POST /api/v2/flows/actions/unlock: "for unlocking a flow in the case where there is no flow configuration available"). */
  lockedClient: RefSchema.optional(),
  /** When it was created (epoch ms; absent in a data file written before it was kept). */
  dateCreated: z.number().optional(),
});
export type FlowClaim = z.infer<typeof FlowClaimSchema>;

/** The created flows not published yet, persisted with the store. */
export class FlowClaims extends Records<FlowClaim> {
  constructor(
    onChange: () => void,
    private readonly sameName: (a: string, b: string) => boolean,
  ) {
    super(onChange);
  }

  get(id: string): FlowClaim | undefined {
    return this.records.get(id);
  }

  of(type: string, name: string): FlowClaim | undefined {
    return [...this.records.values()].find((c) => c.type === type && this.sameName(c.name, name));
  }

  /** Create one, checked out by `actor`; the caller has made sure no flow of that name and type exists. */
  create(input: Omit<FlowClaim, "id" | "lockedBy" | "lockedClient">, actor: Actor): FlowClaim {
    const claim: FlowClaim = {
      id: newId(),
      ...input,
      lockedClient: { ...actor.client },
      ...(actor.user ? { lockedBy: { ...actor.user } } : {}),
    };
    this.records.set(claim.id, claim);
    this.onChange();
    return claim;
  }

  /** Unlocked: anyone may configure or delete it now. */
  unlock(id: string): FlowClaim | undefined {
    const claim = this.records.get(id);
    if (claim?.lockedClient === undefined) return claim;
    delete claim.lockedClient;
    delete claim.lockedBy;
    this.onChange();
    return claim;
  }

  /** Gone: deleted, or configured by its creator's publish (which keeps its id). */
  drop(id: string): void {
    if (this.records.delete(id)) this.onChange();
  }

  /** Every one, as the flows a listing shows (type and id filters applied). */
  list(types: readonly string[], ids: readonly string[]): FlowClaim[] {
    return this.snapshot().filter(
      (c) => (types.length === 0 || types.includes(c.type)) && (ids.length === 0 || ids.includes(c.id)),
    );
  }
}

/** Who holds a created flow's lock: its creator, until it is unlocked. */
export function claimHolder(claim: FlowClaim): Actor | undefined {
  return claim.lockedClient && { client: claim.lockedClient, ...(claim.lockedBy ? { user: claim.lockedBy } : {}) };
}
