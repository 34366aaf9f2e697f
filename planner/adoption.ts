// Whether `up` only reads an adopted flow: the first `up` after an adoption publishes nothing.
// Pure: the planned flow and what the stack's state holds for it come in.
//
// Why not Pulumi's `import` alone: it reads the flow with what the provider's read sets (provider
// v1.84.2, genesyscloud/architect_flow readFlow: `name` and `type`), so the program's inputs
// (`filepath`, `substitutions`, `forceUnlock`, `updateTriggerHash`) differ from the imported ones
// and the engine updates the flow right after importing it: one publish job per adopted flow.
// `ignoreChanges` cannot hide that: the provider requires `filepath`, and with it ignored the
// engine checks the inputs with the imported (absent) value and stops the run ("Missing required
// argument"). So, while the flow is as it was adopted (the planner computes the revision the
// import recorded: same content, same substitutions, the modules it calls as adopted) and the
// stack never published it, the program reads it (Pulumi's `get`: a GET, no write; the state holds
// it as read). Once it differs, the program registers it with `import` again: the engine imports
// it in place of the read and publishes it (same id; nothing deleted), and from then on it is
// managed like any flow, whatever its revision (a revert to the adopted content publishes too).

/** What the stack's state holds for a flow: nothing, the flow as read (not managed), or the flow it manages. */
export type FlowInState = "absent" | "read" | "managed";

export interface AdoptedFlowPlan {
  adopt?: string;
  /** The revision recorded at adoption (`flows.<id>.adoptedRevision`). */
  adoptedRevision?: string;
  /** The revision `up` would publish now. */
  revision: string;
}

/** True when `up` should read the adopted flow and publish nothing (see above). */
export function readsAdoptedFlow(flow: AdoptedFlowPlan, inState: FlowInState): boolean {
  return (
    flow.adopt !== undefined &&
    flow.adoptedRevision !== undefined &&
    flow.adoptedRevision === flow.revision &&
    inState !== "managed"
  );
}
