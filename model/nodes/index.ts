// The node vocabulary: every node type's schema and descriptor in one registry. Adding a node
// type: a file here (schema + descriptor, with an example), an entry below, its emitter in
// compiler/nodes, its allowance in the kinds that offer it (model/kinds), and the README table
// regenerated (npm run docs:tables). Tests build their fixtures from the examples.
import { z } from "zod";
import { archy, archyNode } from "./archy";
import { collectDigits, collectDigitsNode } from "./collectDigits";
import { dataAction, dataActionNode } from "./dataAction";
import { decision, decisionNode } from "./decision";
import type { NodeTypeDescriptor, TransitionSpec } from "./descriptor";
import { disconnect, disconnectNode } from "./disconnect";
import { loop, loopNode } from "./loop";
import { menu, menuNode } from "./menu";
import { getParticipantData, getParticipantDataNode, setParticipantData, setParticipantDataNode } from "./participantData";
import { playMessage, playMessageNode } from "./playMessage";
import { sendAutoReply, sendAutoReplyNode, sendResponse, sendResponseNode } from "./replies";
import { returnDescriptor, returnNode } from "./return";
import { schedule, scheduleNode } from "./schedule";
import { scheduleGroup, scheduleGroupNode } from "./scheduleGroup";
import { setVariable, setVariableNode } from "./setVariable";
import { subflow, subflowNode } from "./subflow";
import { switchDescriptor, switchNode } from "./switch";
import { transferToFlow, transferToFlowNode } from "./transferToFlow";
import { transferToQueue, transferToQueueNode } from "./transferToQueue";

export const flowNode = z.discriminatedUnion("type", [
  playMessageNode,
  collectDigitsNode,
  menuNode,
  decisionNode,
  switchNode,
  scheduleNode,
  scheduleGroupNode,
  setVariableNode,
  dataActionNode,
  getParticipantDataNode,
  setParticipantDataNode,
  subflowNode,
  sendAutoReplyNode,
  sendResponseNode,
  transferToQueueNode,
  transferToFlowNode,
  disconnectNode,
  returnNode,
  loopNode,
  archyNode,
]);
export type FlowNode = z.infer<typeof flowNode>;
export type NodeType = FlowNode["type"];
export type NodeOf<T extends NodeType> = Extract<FlowNode, { type: T }>;

type Registry = { [T in NodeType]: NodeTypeDescriptor<NodeOf<T>> };

export const NODE_DESCRIPTORS: Registry = {
  playMessage,
  collectDigits,
  menu,
  decision,
  switch: switchDescriptor,
  schedule,
  scheduleGroup,
  setVariable,
  dataAction,
  getParticipantData,
  setParticipantData,
  subflow,
  sendAutoReply,
  sendResponse,
  transferToQueue,
  transferToFlow,
  disconnect,
  return: returnDescriptor,
  loop,
  archy,
};

/** Every node type, in the order the README lists them. */
export const NODE_TYPES = Object.keys(NODE_DESCRIPTORS) as NodeType[];

export function descriptorOf<N extends FlowNode>(node: N): NodeTypeDescriptor<N> {
  return NODE_DESCRIPTORS[node.type] as unknown as NodeTypeDescriptor<N>;
}

/** The node's transitions with their targets (undefined when absent), in descriptor order. */
export function transitionsOf(node: FlowNode): Array<{ spec: TransitionSpec; target: string | undefined }> {
  const given = node.transitions as Record<string, string | undefined>;
  return descriptorOf(node)
    .transitions(node)
    .map((spec) => ({ spec, target: Object.hasOwn(given, spec.name) ? given[spec.name] : undefined }));
}

/** Ids of the nodes a node can go to (present transitions only), in descriptor order. */
export function targetsOf(node: FlowNode): string[] {
  return transitionsOf(node)
    .map((t) => t.target)
    .filter((t): t is string => t !== undefined);
}

export type { NodeTypeDescriptor, TransitionSpec, ExpressionUse, VariableWrite } from "./descriptor";
