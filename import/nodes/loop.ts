// loop with a literal count (1-100) and an integer counter variable -> loop; its `loop` path is
// the body, which goes back to the loop node where it ends; loopExit leaves to `done`.
import { extraFields, litOf, otherPaths, pathActions, varOf } from "./values";
import { keepRaw, type ActionImporter } from "./types";

export const loop: ActionImporter = {
  nodeType: "loop",
  map(a, ctx) {
    const extra = extraFields(a, ["name", "currentIndex", "loopCount", "outputs"]);
    if (extra.length > 0) return keepRaw(`a loop node has no field for ${extra.join(", ")}`);
    const count = litOf(a.loopCount)?.value;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > 100) return keepRaw("its count is not a literal from 1 to 100");
    let counter: string | undefined;
    if (a.currentIndex !== undefined) {
      const name = varOf(a.currentIndex);
      const target = name === undefined ? undefined : ctx.variable(name, "integer");
      if (!target || target.type !== "integer") return keepRaw("its index is not an integer variable the model can declare");
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
};
