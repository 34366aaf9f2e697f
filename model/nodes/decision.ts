// Decision: branches on a boolean expression. Compiles to Archy `decision` with paths `yes` and
// `no`; imports from one whose condition is an expression (or a literal boolean).
import { z } from "zod";
import * as A from "../../archy/construct";
import { expOf, litOf, otherPaths, pathActions } from "../../archy/values";
import { expression, nodeId } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType, nodeSchema } from "./unit";

export const decision = defineNodeType({
  schema: nodeSchema("decision", {
    /** A boolean Architect expression. */
    expression,
    transitions: z.object({ yes: nodeId, no: nodeId }).strict(),
  }),
  summary: "Branches on a boolean expression.",
  fields: "`expression` (boolean Architect expression)",
  transitions: () => [
    { name: "yes", required: true, failure: false },
    { name: "no", required: true, failure: false },
  ],
  expressions: (n) => [{ field: "expression", text: n.expression, expect: "boolean" }],
  describe: (n) => `if ${n.expression}`,
  example: { label: "Is it late", expression: "1 > 2", transitions: { yes: "Next", no: "Next" } },
  emit: (node, id, ctx) => [
    A.decision(actionName(node, id), ctx.expression(node.expression), {
      yes: ctx.goto(id, "yes", node.transitions.yes),
      no: ctx.goto(id, "no", node.transitions.no),
    }),
  ],
  importer: {
    fields: ["name", "condition", "outputs"],
    map(a) {
      const lit = litOf(a.condition);
      const expression = expOf(a.condition) ?? (typeof lit?.value === "boolean" ? String(lit.value) : undefined);
      if (expression === undefined) return keepRaw("its condition is not an expression");
      const others = otherPaths(a, ["yes", "no"]);
      if (others.length > 0) return keepRaw(`a decision node has no transition for ${others.join(", ")}`);
      return {
        node: { type: "decision", expression },
        branches: { yes: pathActions(a, "yes"), no: pathActions(a, "no") },
      };
    },
  },
  // "At runtime if the boolean condition evaluates to true, execution will take the Yes output on
  // this action. Otherwise the No output will be taken" (sdk: ArchActionDecision.condition): NOT_SET
  // takes No. A condition the run does not know (journeys) is a choice.
  run: {
    decision: (a, rt) => {
      const condition = rt.value(a.condition, "boolean");
      const yes =
        condition.kind === "unknown"
          ? rt.world.decide({ condition, action: rt.name, path: "yes" })
          : condition.kind === "set" && condition.value === true;
      return { kind: "path", path: yes ? "yes" : "no" };
    },
  },
});
