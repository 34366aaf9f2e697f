// One emitter per node type. Adding a node type: its emitter here (and its model file).
import type { FlowNode, NodeType, NodeOf } from "../../model/nodes";
import type { Action } from "../archyActions";
import type { EmitContext, NodeEmitter } from "../context";
import {
  archy,
  collectDigits,
  decision,
  disconnect,
  getParticipantData,
  loop,
  playMessage,
  returnNode,
  sendAutoReply,
  sendResponse,
  setParticipantData,
  setVariable,
  transferToFlow,
  transferToQueue,
} from "./basic";
import { dataAction, menu, schedule, scheduleGroup, switchEmitter } from "./branching";
import { subflow } from "./subflow";

const EMITTERS: { [T in NodeType]: NodeEmitter<NodeOf<T>> } = {
  playMessage,
  collectDigits,
  menu,
  decision,
  switch: switchEmitter,
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
  return: returnNode,
  loop,
  archy,
};

export function emitNode(node: FlowNode, id: string, ctx: EmitContext): Action[] {
  return (EMITTERS[node.type] as NodeEmitter<FlowNode>)(node, id, ctx);
}
