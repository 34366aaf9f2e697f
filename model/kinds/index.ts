// The flow kinds, registered once. A kind is one file of this folder (its Archy key where it is
// not its name, whose Archy flow type gives its API types; label, built-ins, body layout, terminator, default flow-level Archy settings and the node types
// it leaves out, with why); everything else is derived here: the kind names (FlowKind), the node
// types each kind offers, and the kinds that may call a common module. Adding a kind: its file
// and one line below (and its Archy flow type in archy/catalogue/flowTypes.ts if Archy has a new
// one); the table of docs/flow-format.md is generated from the descriptors (npm run docs:tables).
import { availability } from "../../archy/catalogue/availability";
import { ACTIONS } from "../../archy/catalogue/actions";
import { FLOW_TYPES } from "../../archy/catalogue/flowTypes";
import { NODE_DESCRIPTORS, NODE_TYPES, type NodeType } from "../nodes";
import { botFlow } from "./botFlow";
import { commonModule } from "./commonModule";
import type { FlowKindSpec, KindDescriptor } from "./descriptor";
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

const SPECS = [
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
] as const;

/** The model's `kind:` values. */
export type FlowKind = (typeof SPECS)[number]["kind"];
export type FlowKindDescriptor = KindDescriptor<FlowKind>;

/**
 * Node types a kind that is not a module offers: those whose Archy actions all exist in the kind's
 * flow type by the catalogue (documented or seen in an export), except module-only ones and the
 * kind's own exclusions.
 */
function offeredBy(spec: FlowKindSpec): NodeType[] {
  const flowType = FLOW_TYPES[spec.archyKey];
  return NODE_TYPES.filter((t) => {
    const unit = NODE_DESCRIPTORS[t];
    if (unit.moduleOnly === true || Object.hasOwn(spec.excludes ?? {}, t)) return false;
    return unit.archyActions.every((a) => Object.hasOwn(ACTIONS, a) && availability(a, ACTIONS[a], flowType) === "yes");
  });
}

function checkExclusions(spec: FlowKindSpec): void {
  for (const t of Object.keys(spec.excludes ?? {})) {
    if (!(NODE_TYPES as readonly string[]).includes(t))
      throw new Error(`kind ${spec.kind} excludes "${t}", which is not a node type`);
  }
}

const callers = SPECS.filter((s) => !s.isModule);
const offered = new Map<string, NodeType[]>(callers.map((s) => [s.kind, offeredBy(s)]));

/** The kinds that may call a common module: those offering the subflow node. */
export const CALLER_KINDS = callers.filter((s) => offered.get(s.kind)!.includes("subflow")).map((s) => s.kind) as [
  FlowKind,
  ...FlowKind[],
];

function describe(spec: FlowKindSpec<FlowKind>): FlowKindDescriptor {
  checkExclusions(spec);
  // A module offers what any kind that may call it offers (its compatibleFlowTypes narrow it
  // further, see checks/symbols.ts), and the module-only node types.
  const nodeTypes = spec.isModule
    ? NODE_TYPES.filter(
        (t) =>
          !Object.hasOwn(spec.excludes ?? {}, t) &&
          (NODE_DESCRIPTORS[t].moduleOnly === true || CALLER_KINDS.some((k) => offered.get(k)!.includes(t))),
      )
    : offered.get(spec.kind)!;
  const shape = typeof spec.shape === "function" ? spec.shape({ callerKinds: CALLER_KINDS }) : spec.shape;
  return { ...spec, nodeTypes, shape };
}

export const FLOW_KINDS: Readonly<Record<FlowKind, FlowKindDescriptor>> = Object.fromEntries(
  SPECS.map((s) => [s.kind, describe(s)]),
) as Record<FlowKind, FlowKindDescriptor>;

export const KIND_NAMES = SPECS.map((s) => s.kind) as FlowKind[];

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

export type { FlowKindSpec } from "./descriptor";
export { moduleInput, moduleOutput } from "./commonModule";
