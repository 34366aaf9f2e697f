// Emitters of the node types that map one-to-one onto an Archy action.
import type { NodeOf } from "../../model/nodes";
import { withBranch } from "../../archy/branches";
import { archyBranches } from "../../model/nodes/archy";
import * as A from "../archyActions";
import type { NodeEmitter } from "../context";

const nameOf = (node: { label?: string }, id: string) => node.label ?? id;

export const playMessage: NodeEmitter<NodeOf<"playMessage">> = (node, id, ctx) => [
  A.playAudio(nameOf(node, id), A.spoken(node, ctx.expression)),
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
  A.transferToAcd(
    nameOf(node, id),
    { queue: node.queue, prompt: node.prompt, priority: node.priority !== undefined ? ctx.expression(node.priority) : undefined, skills: node.skills, languageSkill: node.languageSkill },
    ctx.goto(id, "failure", node.transitions.failure),
  ),
];

export const disconnect: NodeEmitter<NodeOf<"disconnect">> = (node, id) => [A.disconnect(nameOf(node, id))];

// The raw actions; the last one's branches that are transitions continue at their nodes (inside
// the action), and `next` follows the actions unless the last one ends the path.
export const archy: NodeEmitter<NodeOf<"archy">> = (node, id, ctx) => {
  const actions = node.actions as A.Action[];
  const transitions = node.transitions as Record<string, string | undefined>;
  const next = transitions.next;
  let last = actions[actions.length - 1] as Record<string, unknown>;
  for (const b of archyBranches(node)) {
    if (!Object.hasOwn(transitions, b.name)) continue;
    const emit = () => ctx.goto(id, b.name, transitions[b.name]);
    last = withBranch(last, b.path, next === undefined ? emit() : ctx.branch(id, b.name, emit));
  }
  const body = [...actions.slice(0, -1), last as A.Action];
  return A.endsList(last as A.Action) ? body : [...body, ...ctx.goto(id, "next", next)];
};

export const loop: NodeEmitter<NodeOf<"loop">> = (node, id, ctx) => {
  const index = node.counter
    ? ctx.variable(node.counter)
    : ctx.generatedVariable(`${id}_index`, "integer", `Iteration of loop ${id} (0-based).`);
  const body = ctx.loopBody(id, node.transitions.done, () => ctx.goto(id, "body", node.transitions.body));
  return [A.loop(nameOf(node, id), node.maxLoops, index, body), ...ctx.goto(id, "done", node.transitions.done)];
};

export const returnNode: NodeEmitter<NodeOf<"return">> = (node, id, ctx) => ctx.returnFrom(node, id);

export const transferToFlow: NodeEmitter<NodeOf<"transferToFlow">> = (node, id, ctx) =>
  A.transferToFlow(nameOf(node, id), node.flow, node.prompt, ctx.goto(id, "failure", node.transitions.failure));

export const getParticipantData: NodeEmitter<NodeOf<"getParticipantData">> = (node, id, ctx) => [
  A.getParticipantData(
    nameOf(node, id),
    Object.keys(node.attributes).sort().map((name) => ({ name, variable: ctx.variable(node.attributes[name]) })),
  ),
  ...ctx.goto(id, "next", node.transitions.next),
];

export const setParticipantData: NodeEmitter<NodeOf<"setParticipantData">> = (node, id, ctx) => [
  A.setParticipantData(
    nameOf(node, id),
    Object.keys(node.attributes).sort().map((name) => ({ name, value: ctx.expression(node.attributes[name]) })),
  ),
  ...ctx.goto(id, "next", node.transitions.next),
];

export const sendAutoReply: NodeEmitter<NodeOf<"sendAutoReply">> = (node, id, ctx) => [
  A.sendAutoReply(nameOf(node, id), ctx.expression(node.body), node.replyTo === "all" ? "replyToAll" : "replyToSender"),
  ...ctx.goto(id, "next", node.transitions.next),
];

export const sendResponse: NodeEmitter<NodeOf<"sendResponse">> = (node, id, ctx) => [
  A.sendResponse(nameOf(node, id), ctx.expression(node.message)),
  ...ctx.goto(id, "next", node.transitions.next),
];
