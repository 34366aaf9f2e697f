// Archy: raw Archy actions for anything the typed nodes do not cover, checked by the same Archy
// validator the emulator uses. The actions are emitted as written; the last action's branches that
// are transitions continue at their nodes (inside the action), and `next` follows the actions
// unless the last one ends the path. Every action the import cannot type becomes one.
import { z } from "zod";
import * as A from "../../archy/construct";
import { actionBranches, withBranch } from "../../archy/branches";
import { nodeId } from "../types";
import { defineNodeType, optionalNext, type TransitionSpec, nodeSchema } from "./unit";

const FAILURE = /fail|error|timeout|notfound|noinput|nomatch/i;

/** The branches of the node's last action, as transitions (all optional). */
export function archyBranches(node: { actions?: unknown }): Array<TransitionSpec & { path: Array<string | number> }> {
  const last = Array.isArray(node.actions) ? node.actions[node.actions.length - 1] : undefined;
  return actionBranches(last).map((b) => ({
    name: b.name,
    required: false,
    failure: FAILURE.test(b.name),
    path: b.path,
  }));
}

/**
 * The escape hatch: raw Archy actions for anything the typed nodes do not cover, checked by the
 * same Archy validator the emulator uses. The actions run in order; when they end without a
 * terminating action the flow continues at `transitions.next`. The last action's branches (a
 * data action's `success`/`failure`, a switch's `case1`/`default`, ...) may be transitions too:
 * the branch then continues at that node instead of holding raw actions of its own.
 */
export const archy = defineNodeType({
  schema: nodeSchema("archy", {
    /** A list of Archy actions, each a one-key mapping such as `- playAudio: {...}`. */
    actions: z.array(z.record(z.string(), z.unknown())).min(1),
    /** `next`, and any branch of the last action by name (checked by flow-references). */
    transitions: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, "a transition name"), nodeId).default({}),
  }),
  summary: "Raw Archy actions for anything else, validated like the emulator validates a publish.",
  fields:
    "`actions` (a list of Archy actions); the last action's branches (`success`, `failure`, `case1`, `default`, ...) may be transitions",
  transitions: (n) => [optionalNext, ...archyBranches(n).map(({ path: _path, ...spec }) => spec)],
  // Whether the raw actions end the interaction is not known from the model: treat them as
  // ending a path only when there is no `next`.
  terminal: true,
  describe: (n) => `archy: ${n.actions.map((a) => Object.keys(a)[0]).join(", ")}`,
  example: {
    label: "Raw decision",
    actions: [{ decision: { name: "Raw decision", condition: { exp: "true" } } }],
    transitions: { next: "Next" },
  },
  archyActions: [],
  emit: (node, id, ctx) => {
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
  },
});
