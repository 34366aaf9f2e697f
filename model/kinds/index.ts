// The flow kinds, as data: one descriptor per kind. Adding a kind: a file here, an entry below,
// its flow-level Archy settings in compiler/kinds.ts, and a row in the README table.
import { commonModule } from "./commonModule";
import type { FlowKind, FlowKindDescriptor } from "./descriptor";
import { inboundCall } from "./inboundCall";
import { inboundEmail } from "./inboundEmail";
import { inboundShortMessage } from "./inboundShortMessage";
import { inQueueCall } from "./inQueueCall";

export const FLOW_KINDS: Readonly<Record<FlowKind, FlowKindDescriptor>> = {
  commonModule,
  inboundCall,
  inboundEmail,
  inboundShortMessage,
  inQueueCall,
};

export const KIND_NAMES = Object.keys(FLOW_KINDS) as FlowKind[];

export function kindOf(kind: FlowKind): FlowKindDescriptor {
  return FLOW_KINDS[kind];
}

/** The kind whose lower-case Genesys flow type is `flowType`, if any. */
export function kindByFlowType(flowType: string): FlowKindDescriptor | undefined {
  return Object.values(FLOW_KINDS).find((k) => k.flowType === flowType.toLowerCase());
}

export type { FlowKind, FlowKindDescriptor } from "./descriptor";
export { CALLER_KINDS, moduleInput, moduleOutput } from "./commonModule";
