// The flow kinds, as data: one descriptor per kind. Adding a kind: a file here (its Archy key, API
// types, node types, built-ins, body layout, terminator and default flow-level Archy settings), an
// entry below; the README table is generated from the descriptors (npm run docs:tables).
import { botFlow } from "./botFlow";
import { commonModule } from "./commonModule";
import type { FlowKind, FlowKindDescriptor } from "./descriptor";
import { digitalBot } from "./digitalBot";
import { inboundCall } from "./inboundCall";
import { inboundChat } from "./inboundChat";
import { inboundEmail } from "./inboundEmail";
import { inboundShortMessage } from "./inboundShortMessage";
import { inQueueCall } from "./inQueueCall";
import { inQueueEmail, inQueueShortMessage } from "./inQueueEmail";
import { outboundCall } from "./outboundCall";
import { secureCall } from "./secureCall";
import { surveyInvite } from "./surveyInvite";
import { voiceSurvey } from "./voiceSurvey";
import { workflow } from "./workflow";
import { workitem } from "./workitem";

export const FLOW_KINDS: Readonly<Record<FlowKind, FlowKindDescriptor>> = {
  commonModule,
  inboundCall,
  inboundEmail,
  inboundShortMessage,
  inQueueCall,
  outboundCall,
  secureCall,
  inboundChat,
  workflow,
  workitem,
  surveyInvite,
  botFlow,
  digitalBot,
  voiceSurvey,
  inQueueEmail,
  inQueueShortMessage,
};

export const KIND_NAMES = Object.keys(FLOW_KINDS) as FlowKind[];

export function kindOf(kind: FlowKind): FlowKindDescriptor {
  return FLOW_KINDS[kind];
}

/** The kind whose lower-case Genesys flow type is `flowType`, if any. */
export function kindByFlowType(flowType: string): FlowKindDescriptor | undefined {
  return Object.values(FLOW_KINDS).find((k) => k.flowType === flowType.toLowerCase());
}

/** The kind whose Archy top-level key is `archyKey` (`inboundCall`, `inqueueCall`, ...), if any. */
export function kindByArchyKey(archyKey: string): FlowKindDescriptor | undefined {
  return Object.values(FLOW_KINDS).find((k) => k.archyKey === archyKey);
}

export type { FlowKind, FlowKindDescriptor, Terminator } from "./descriptor";
export { CALLER_KINDS, moduleInput, moduleOutput } from "./commonModule";
