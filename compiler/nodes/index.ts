// One emitter per node type. Adding a node type: its emitter here (and its model file).
import type { FlowNode, NodeType, NodeOf } from "../../model/nodes";
import type { Action } from "../archyActions";
import type { EmitContext, NodeEmitter } from "../context";
import { archy, collectDigits, decision, disconnect, loop, playMessage, returnNode, setVariable, transferToQueue } from "./basic";
import { subflow } from "./subflow";

const EMITTERS: { [T in NodeType]: NodeEmitter<NodeOf<T>> } = {
  playMessage,
  collectDigits,
  decision,
  setVariable,
  subflow,
  transferToQueue,
  disconnect,
  return: returnNode,
  loop,
  archy,
};

export function emitNode(node: FlowNode, id: string, ctx: EmitContext): Action[] {
  return (EMITTERS[node.type] as NodeEmitter<FlowNode>)(node, id, ctx);
}
