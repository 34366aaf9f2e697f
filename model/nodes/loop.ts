import { z } from "zod";
import { label, nodeId, variableName } from "../types";
import type { NodeTypeDescriptor } from "./descriptor";

/**
 * A bounded loop (Archy `loop`): runs the nodes from `transitions.body` up to `maxLoops` times,
 * then continues at `transitions.done`. A transition back to the loop node from inside its body
 * starts the next iteration; it is the only way a flow's graph may loop, so every loop is bounded
 * (Architect also caps a flow at 10,000 actions per run).
 */
export const loopNode = z
  .object({
    type: z.literal("loop"),
    label,
    /** Iterations at most (Archy `loopCount`). */
    maxLoops: z.number().int().min(1).max(100),
    /** An integer variable that receives the current iteration, 0-based (Archy `currentIndex`). */
    counter: variableName.optional(),
    transitions: z.object({ body: nodeId, done: nodeId }).strict(),
  })
  .strict();
export type LoopNode = z.infer<typeof loopNode>;

export const loop: NodeTypeDescriptor<LoopNode> = {
  type: "loop",
  summary: "Repeats its body at most `maxLoops` times (retries); a transition back to the loop node starts the next iteration.",
  fields: "`maxLoops` (1-100), `counter` (optional integer variable, 0-based)",
  transitions: () => [
    { name: "body", required: true, failure: false },
    { name: "done", required: true, failure: false },
  ],
  terminal: false,
  expressions: () => [],
  writes: (n) => (n.counter ? [{ field: "counter", variable: n.counter, type: "integer" }] : []),
  describe: (n) => `loop at most ${n.maxLoops}×${n.counter ? ` (${n.counter})` : ""}`,
  example: { type: "loop", label: "Retry", maxLoops: 3, counter: "attempt", transitions: { body: "Next", done: "Next" } },
};
