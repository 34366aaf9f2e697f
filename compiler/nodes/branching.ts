// Emitters of the node types that branch more than two ways or call out of the flow: switch,
// schedule, data action, and the call menu. Each outcome continues inside the action's output
// path (or the choice's task), as real exports branch.
import type { NodeOf } from "../../model/nodes";
import { NO_INPUT } from "../../model/nodes/menu";
import { DEFAULT_CASE } from "../../model/nodes/switch";
import * as A from "../archyActions";
import type { NodeEmitter } from "../context";

const nameOf = (node: { label?: string }, id: string) => node.label ?? id;

export const switchEmitter: NodeEmitter<NodeOf<"switch">> = (node, id, ctx) => [
  A.switchFirstTrue(
    nameOf(node, id),
    Object.entries(node.cases).map(([name, condition]) => ({ condition: ctx.expression(condition), actions: ctx.goto(id, name, node.transitions[name]) })),
    ctx.goto(id, DEFAULT_CASE, node.transitions[DEFAULT_CASE]),
  ),
];

export const schedule: NodeEmitter<NodeOf<"schedule">> = (node, id, ctx) => [
  A.evaluateSchedule(nameOf(node, id), node.schedule, node.timeZone, {
    active: ctx.goto(id, "open", node.transitions.open),
    inactive: ctx.goto(id, "closed", node.transitions.closed),
  }),
];

export const scheduleGroup: NodeEmitter<NodeOf<"scheduleGroup">> = (node, id, ctx) => [
  A.evaluateScheduleGroup(nameOf(node, id), node.scheduleGroup, node.emergencyGroup, {
    open: ctx.goto(id, "open", node.transitions.open),
    closed: ctx.goto(id, "closed", node.transitions.closed),
    holiday: ctx.goto(id, "holiday", node.transitions.holiday),
    emergency: node.emergencyGroup !== undefined ? ctx.goto(id, "emergency", node.transitions.emergency) : [],
  }),
];

export const dataAction: NodeEmitter<NodeOf<"dataAction">> = (node, id, ctx) => {
  const inputs: Record<string, A.Value> = {};
  for (const input of Object.keys(node.inputs).sort()) inputs[input] = A.exp(ctx.expression(node.inputs[input]));
  const successOutputs: Record<string, A.Value> = {};
  for (const output of Object.keys(node.outputs).sort()) successOutputs[output] = A.varRef(ctx.variable(node.outputs[output]));
  return [
    A.callData(
      nameOf(node, id),
      { category: node.category, action: node.action, inputs, successOutputs, timeoutSeconds: node.timeoutSeconds },
      {
        success: ctx.goto(id, "success", node.transitions.success),
        failure: ctx.goto(id, "failure", node.transitions.failure),
        timeout: ctx.goto(id, "timeout", node.transitions.timeout),
      },
    ),
  ];
};

/**
 * A menu is written once in the flow's `menus` and entered with a jump (or as the flow's start).
 * Each choice is a `menuTask` whose task continues at the choice's transition; the default choice
 * (no valid choice after the repeats) continues at `noInput`, or disconnects without it.
 */
export const menu: NodeEmitter<NodeOf<"menu">> = (node, id, ctx) =>
  ctx.enterMenu(id, () => {
    const end = (actions: A.Action[]) => A.withTerminator(actions, ctx.kind.fallthrough);
    const language = ctx.language;
    if (language === undefined) return ctx.fail(id, `a ${ctx.kind.title} has no language for a menu's speech terms`);
    const noInput = node.transitions[NO_INPUT];
    return A.menu({
      name: nameOf(node, id),
      refId: id,
      audio: A.spoken(node, ctx.expression),
      repeatCount: node.repeatCount,
      selectionTimeoutSeconds: node.selectionTimeoutSeconds,
      choices: Object.entries(node.choices).map(([name, choice]) => ({
        name: choice.label ?? name,
        dtmf: choice.dtmf !== undefined ? `digit_${String(choice.dtmf)}` : undefined,
        speech: choice.speech !== undefined ? { [language]: choice.speech } : undefined,
        actions: end(ctx.goto(id, name, node.transitions[name])),
      })),
      noInput: {
        name: noInput !== undefined ? `${nameOf(node, id)}: no input` : "Disconnect",
        refId: `${id}_${NO_INPUT}`,
        actions: noInput !== undefined ? end(ctx.goto(id, NO_INPUT, noInput)) : undefined,
      },
    });
  });
