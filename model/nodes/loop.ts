// Loop: a bounded loop. Compiles to Archy `loop` (its body in the `loop` path, `loopExit` to leave
// early); imports from one with a literal count and an integer counter.
import { z } from "zod";
import * as A from "../../archy/construct";
import { litOf, otherPaths, pathActions, varOf } from "../../archy/values";
import { nodeId, variableName } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType, type GeneratedVariable, nodeSchema } from "./unit";
import { integerOf, variableOf } from "./runFields";

/**
 * A bounded loop (Archy `loop`): runs the nodes from `transitions.body` up to `maxLoops` times,
 * then continues at `transitions.done`. A transition back to the loop node from inside its body
 * starts the next iteration; it is the only way a flow's graph may loop, so every loop is bounded
 * (Architect also caps a flow at 10,000 actions per run).
 */
/** The variable counting a loop's iterations when the node names no counter. */
function indexVariable(id: string): GeneratedVariable {
  return { name: `${id}_index`, type: "integer", description: `Iteration of loop ${id} (0-based).` };
}

export const loop = defineNodeType({
  schema: nodeSchema("loop", {
    /** Iterations at most (Archy `loopCount`). */
    maxLoops: z.number().int().min(1).max(100),
    /** An integer variable that receives the current iteration, 0-based (Archy `currentIndex`). */
    counter: variableName.optional(),
    transitions: z.object({ body: nodeId, done: nodeId }).strict(),
  }),
  summary:
    "Repeats its body at most `maxLoops` times (retries); a transition back to the loop node starts the next iteration.",
  fields: "`maxLoops` (1-100), `counter` (optional integer variable, 0-based)",
  transitions: () => [
    { name: "body", required: true, failure: false },
    { name: "done", required: true, failure: false },
  ],
  writes: (n) => (n.counter ? [{ field: "counter", variable: n.counter, type: "integer" }] : []),
  generatedVariables: (n, id) => (n.counter ? [] : [indexVariable(id)]),
  describe: (n) => `loop at most ${n.maxLoops}×${n.counter ? ` (${n.counter})` : ""}`,
  example: {
    label: "Retry",
    maxLoops: 3,
    counter: "attempt",
    transitions: { body: "Next", done: "Next" },
  },
  archyActions: ["loop", "loopExit"],
  emit: (node, id, ctx) => {
    const generated = indexVariable(id);
    const index = node.counter
      ? ctx.variable(node.counter)
      : ctx.generatedVariable(generated.name, generated.type, generated.description);
    const body = ctx.loopBody(id, node.transitions.done, () => ctx.goto(id, "body", node.transitions.body));
    return [A.loop(actionName(node, id), node.maxLoops, index, body), ...ctx.goto(id, "done", node.transitions.done)];
  },
  importer: {
    fields: ["name", "currentIndex", "loopCount", "outputs"],
    map(a, ctx) {
      const count = litOf(a.loopCount)?.value;
      if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > 100)
        return keepRaw("its count is not a literal from 1 to 100");
      let counter: string | undefined;
      if (a.currentIndex !== undefined) {
        const name = varOf(a.currentIndex);
        const target = name === undefined ? undefined : ctx.variable(name, "integer");
        if (target?.type !== "integer") return keepRaw("its index is not an integer variable the model can declare");
        counter = target.name;
      }
      const others = otherPaths(a, ["loop"]);
      if (others.length > 0) return keepRaw(`a loop node has no transition for ${others.join(", ")}`);
      return {
        node: { type: "loop", maxLoops: count, ...(counter !== undefined ? { counter } : {}) },
        branches: { done: undefined },
        loopBody: pathActions(a, "loop") ?? [],
      };
    },
  },
  // Loop runs its loop output `loopCount` times, its current index "starting at 0 for the first loop
  // and then by increments by 1" (help.mypurecloud.com/articles/loop-until-action/; sdk: ArchActionLoop
  // loopCount, currentIndex); Exit Loop leaves it (sdk: ArchActionLoopExit).
  run: {
    loop: (a, rt) => {
      const count = integerOf(rt, a.loopCount, "the loop count");
      const index = variableOf(a.currentIndex);
      return { kind: "loop", count, ...(index !== undefined ? { index } : {}) };
    },
    loopExit: () => ({ kind: "exitLoop" }),
  },
});
