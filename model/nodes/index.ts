// The node vocabulary: every node type's schema and descriptor in one registry. Adding a node
// type: a file here (schema + descriptor), an entry below, its emitter in compiler/nodes, and a
// row in the README table (generated from the descriptors by a test).
import { z } from "zod";
import { archy, archyNode } from "./archy";
import { collectDigits, collectDigitsNode } from "./collectDigits";
import { decision, decisionNode } from "./decision";
import type { NodeTypeDescriptor, TransitionSpec } from "./descriptor";
import { disconnect, disconnectNode } from "./disconnect";
import { loop, loopNode } from "./loop";
import { playMessage, playMessageNode } from "./playMessage";
import { returnDescriptor, returnNode } from "./return";
import { setVariable, setVariableNode } from "./setVariable";
import { subflow, subflowNode } from "./subflow";
import { transferToQueue, transferToQueueNode } from "./transferToQueue";

export const flowNode = z.discriminatedUnion("type", [
  playMessageNode,
  collectDigitsNode,
  decisionNode,
  setVariableNode,
  subflowNode,
  transferToQueueNode,
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
  decision,
  setVariable,
  subflow,
  transferToQueue,
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
