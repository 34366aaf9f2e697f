// Emitters of the node types that map one-to-one onto an Archy action.
import type { NodeOf } from "../../model/nodes";
import * as A from "../archyActions";
import type { NodeEmitter } from "../context";

const nameOf = (node: { label?: string }, id: string) => node.label ?? id;

export const playMessage: NodeEmitter<NodeOf<"playMessage">> = (node, id, ctx) => [
  A.playAudio(nameOf(node, id), node.prompt),
  ...ctx.goto(id, "next", node.transitions.next),
];

export const setVariable: NodeEmitter<NodeOf<"setVariable">> = (node, id, ctx) => [
  A.updateData(nameOf(node, id), [
    { type: ctx.variableType(node.variable), variable: ctx.variable(node.variable), value: A.exp(ctx.expression(node.value)) },
  ]),
  ...ctx.goto(id, "next", node.transitions.next),
];

export const collectDigits: NodeEmitter<NodeOf<"collectDigits">> = (node, id, ctx) => [
  A.collectInput(
    nameOf(node, id),
    { ...node, variable: ctx.variable(node.variable) },
    { success: ctx.goto(id, "success", node.transitions.success), failure: ctx.goto(id, "failure", node.transitions.failure) },
  ),
];

export const decision: NodeEmitter<NodeOf<"decision">> = (node, id, ctx) => [
  A.decision(nameOf(node, id), ctx.expression(node.expression), {
    yes: ctx.goto(id, "yes", node.transitions.yes),
    no: ctx.goto(id, "no", node.transitions.no),
  }),
];

export const transferToQueue: NodeEmitter<NodeOf<"transferToQueue">> = (node, id, ctx) => [
  A.transferToAcd(nameOf(node, id), node.queue, node.prompt, ctx.goto(id, "failure", node.transitions.failure)),
];

export const disconnect: NodeEmitter<NodeOf<"disconnect">> = (node, id) => [A.disconnect(nameOf(node, id))];

export const archy: NodeEmitter<NodeOf<"archy">> = (node, id, ctx) => [
  ...(node.actions as A.Action[]),
  ...ctx.goto(id, "next", node.transitions.next),
];

export const loop: NodeEmitter<NodeOf<"loop">> = (node, id, ctx) => {
  const index = node.counter
    ? ctx.variable(node.counter)
    : ctx.generatedVariable(`${id}_index`, "integer", `Iteration of loop ${id} (0-based).`);
  const body = ctx.loopBody(id, node.transitions.done, () => ctx.goto(id, "body", node.transitions.body));
  return [A.loop(nameOf(node, id), node.maxLoops, index, body), ...ctx.goto(id, "done", node.transitions.done)];
};

export const returnNode: NodeEmitter<NodeOf<"return">> = (node, id, ctx) => ctx.returnFrom(node, id);
