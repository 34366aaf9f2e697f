// Switch: a multi-way branch on the first true case. Compiles to Archy `switch` with `firstTrue`
// (cases in order, then `default`); imports from one written that way (a firstMatch switch stays raw).
import { z } from "zod";
import * as A from "../../archy/construct";
import { isMap, single, type Json } from "../../archy/json";
import { expOf, extraFields, litOf } from "../../archy/values";
import { expression, nodeId } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType, type TransitionSpec, nodeSchema } from "./unit";
import { equal } from "../../archy/expressions/compare";
import { bool, derived, display } from "../../archy/expressions/values";

/** The transition taken when no case is true. */
export const DEFAULT_CASE = "default";

const caseName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "a case name: a letter, then letters, digits or _ (at most 64)")
  .refine(
    (s) => s !== DEFAULT_CASE,
    `"${DEFAULT_CASE}" is the transition taken when no case is true; name the case otherwise`,
  );

/**
 * A multi-way branch (Archy `switch` with `firstTrue`): the first case whose boolean expression is
 * true is taken, in the order written; `default` when none is.
 */
export const switchNode = defineNodeType({
  schema: nodeSchema("switch", {
    /** Case name -> boolean Architect expression. The case names are the node's transitions. */
    cases: z.record(caseName, expression).refine((c) => Object.keys(c).length > 0, "a switch needs at least one case"),
    transitions: z.record(z.string(), nodeId),
  }).superRefine((node, ctx) => {
    for (const name of Object.keys(node.transitions)) {
      if (name !== DEFAULT_CASE && !Object.hasOwn(node.cases, name)) {
        ctx.addIssue({
          code: "custom",
          path: ["transitions", name],
          message: `"${name}" is not a case of this switch; its transitions are ${[...Object.keys(node.cases), DEFAULT_CASE].join(", ")}`,
        });
      }
    }
  }),
  summary: "Branches on the first true of several boolean expressions, in order; `default` when none is.",
  fields: "`cases` (case name → boolean expression)",
  transitionsDoc: "one per case, `default`",
  transitions: (n): TransitionSpec[] => [
    ...Object.keys(n.cases ?? {}).map((name) => ({ name, required: true, failure: false })),
    { name: DEFAULT_CASE, required: true, failure: false },
  ],
  expressions: (n) =>
    Object.entries(n.cases).map(([name, text]) => ({ field: `cases.${name}`, text, expect: "boolean" })),
  describe: (n) => `switch: ${Object.keys(n.cases).join(", ")}`,
  example: {
    label: "Route by priority",
    cases: { urgent: "1 > 2", normal: "true" },
    transitions: { urgent: "Next", normal: "Next", default: "Next" },
  },
  emit: (node, id, ctx) => [
    A.switchFirstTrue(
      actionName(node, id),
      Object.entries(node.cases).map(([name, condition]) => ({
        condition: ctx.expression(condition),
        actions: ctx.goto(id, name, node.transitions[name]),
      })),
      ctx.goto(id, DEFAULT_CASE, node.transitions[DEFAULT_CASE]),
    ),
  ],
  importer: {
    fields: ["name", "evaluate"],
    map(a) {
      const evaluate = isMap(a.evaluate) ? single(a.evaluate) : undefined;
      if (evaluate?.[0] !== "firstTrue" || !isMap(evaluate[1]))
        return keepRaw("it matches a value against its cases (a switch node takes the first true condition)");
      const body = evaluate[1];
      const bodyExtra = extraFields(body, ["cases", "default"]);
      if (bodyExtra.length > 0) return keepRaw(`a switch node has no field for ${bodyExtra.join(", ")}`);
      if (!Array.isArray(body.cases) || body.cases.length === 0) return keepRaw("it has no case");
      const cases: Record<string, string> = {};
      const branches: Record<string, Json[] | undefined> = {};
      for (const [i, item] of body.cases.entries()) {
        const c = single(item);
        if (c?.[0] !== "case" || !isMap(c[1])) return keepRaw("a case is not a `case` mapping");
        const caseExtra = extraFields(c[1], ["value", "actions"]);
        if (caseExtra.length > 0) return keepRaw(`a switch case has no field for ${caseExtra.join(", ")}`);
        const lit = litOf(c[1].value);
        const condition = expOf(c[1].value) ?? (typeof lit?.value === "boolean" ? String(lit.value) : undefined);
        if (condition === undefined) return keepRaw("a case's condition is not an expression");
        const actions = c[1].actions;
        if (actions !== undefined && !Array.isArray(actions)) return keepRaw("a case's actions are not a list");
        cases[`case${i + 1}`] = condition;
        branches[`case${i + 1}`] = actions;
      }
      const otherwise = body.default;
      if (
        otherwise !== undefined &&
        !(
          isMap(otherwise) &&
          extraFields(otherwise, ["actions"]).length === 0 &&
          (otherwise.actions === undefined || Array.isArray(otherwise.actions))
        )
      ) {
        return keepRaw("its default is not a list of actions");
      }
      branches.default = isMap(otherwise) && Array.isArray(otherwise.actions) ? otherwise.actions : undefined;
      return { node: { type: "switch", cases }, branches };
    },
  },
  // Switch: "The first case value that evaluates to true will be taken at runtime. If none of the
  // cases evaluate to true, the default output will be taken" (sdk: ArchActionSwitch.setFirstTrueSwitch);
  // firstMatch takes the first case whose value equals the switch's value (sdk: setExpressionSwitch).
  // A case the run cannot evaluate (journeys) is a choice, taken in order.
  run: {
    switch: (a, rt) => {
      const evaluate = isMap(a.evaluate) ? single(a.evaluate) : undefined;
      if (!evaluate || !isMap(evaluate[1]) || (evaluate[0] !== "firstTrue" && evaluate[0] !== "firstMatch"))
        return rt.cannot("a switch that evaluates neither firstTrue nor firstMatch");
      const body = evaluate[1];
      const subject = evaluate[0] === "firstMatch" ? rt.value(body.value, "unknown") : undefined;
      for (const [i, item] of (Array.isArray(body.cases) ? body.cases : []).entries()) {
        const c = single(item);
        if (!c || !isMap(c[1])) return rt.cannot("a switch case that is not a `case` mapping");
        const path = `case${i + 1}`;
        const value = rt.value(c[1].value, subject?.type ?? "boolean");
        const condition =
          subject === undefined
            ? value
            : subject.kind === "unknown" || value.kind === "unknown"
              ? derived("boolean", `${display(subject)} == ${display(value)}`, [subject, value])
              : bool(equal(subject, value));
        const taken =
          condition.kind === "unknown"
            ? rt.world.decide({ condition, action: rt.name, path })
            : condition.kind === "set" && condition.value === true;
        if (taken)
          return Array.isArray(c[1].actions) ? { kind: "list", path, actions: c[1].actions } : { kind: "next" };
      }
      const otherwise = isMap(body.default) && Array.isArray(body.default.actions) ? body.default.actions : undefined;
      return otherwise ? { kind: "list", path: "default", actions: otherwise } : { kind: "next" };
    },
  },
});
