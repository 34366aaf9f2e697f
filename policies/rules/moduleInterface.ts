// A subflow node's mappings must fit the module it calls: the names exist, the types agree,
// and every required input is bound. Otherwise the module runs with missing or mistyped data.
import type { FlowModel, ValueType } from "../../components/model/schema";
import { FlowRule, RuleContext, Violation, booleanSetting, sortedEntries, violation } from "./types";

const ID = "module-interface";

/** The type of a caller-side expression when it can be told without evaluating it, else undefined. */
export function expressionType(expression: string, model: FlowModel): ValueType | undefined {
  const e = expression.trim();
  if (/^"(?:[^"\\]|\\.)*"$/.test(e)) return "string";
  if (/^-?\d+$/.test(e)) return "integer";
  if (/^-?\d+\.\d+$/.test(e)) return "decimal";
  if (e === "true" || e === "false") return "boolean";
  const ref = /^Flow\.([A-Za-z][A-Za-z0-9_]*)$/.exec(e);
  if (ref && model.kind === "inboundCall") return model.variables[ref[1]]?.type;
  return undefined;
}

/** Whether a value of type `from` may be stored where `to` is declared (integers widen to decimals). */
export function assignable(from: ValueType, to: ValueType, widenIntegers: boolean): boolean {
  return from === to || (widenIntegers && from === "integer" && to === "decimal");
}

export const moduleInterface: FlowRule = {
  kind: "flow",
  id: ID,
  description:
    "Subflow input and output mappings name inputs and outputs the module declares, with compatible types; every required module input is bound.",
  remediation:
    "Map only inputs and outputs the module declares, with matching types, and bind every required input of the module.",
  defaultEnforcement: "mandatory",
  settings: {
    widenIntegers: {
      type: "boolean",
      default: true,
      description: "Accept an integer where the other side declares a decimal.",
    },
  },
  check(ctx) {
    // Modules calling modules is `module-compatibility`'s concern; their interface is not checked twice.
    if (ctx.model.kind !== "inboundCall") return [];
    const widen = booleanSetting(ctx.settings, "widenIntegers", true);
    const out: Violation[] = [];
    for (const [id, node] of sortedEntries(ctx.model.nodes)) {
      if (node.type !== "subflow") continue;
      const module = ctx.modules.get(node.module);
      if (!module) {
        const known = [...ctx.modules.keys()].sort();
        out.push(
          violation(ctx, ID, {
            node: id,
            path: ["module"],
            problem: `subflow calls module "${node.module}", which is not available (${
              known.length > 0 ? `available: ${known.map((k) => `"${k}"`).join(", ")}` : "no module is deployed with this flow"
            })`,
            fix: `set module to the name of a common module deployed with this flow, or add the module "${node.module}"`,
          }),
        );
        continue;
      }
      out.push(...checkInputs(ctx, ID, id, node.inputs, module.inputs, module.name, widen));
      out.push(...checkOutputs(ctx, ID, id, node.outputs, module.outputs, module.name, widen));
    }
    return out;
  },
};

function checkInputs(
  ctx: RuleContext,
  ruleId: string,
  nodeId: string,
  bound: Record<string, string>,
  declared: Record<string, { type: ValueType; required?: boolean }>,
  moduleName: string,
  widen: boolean,
): Violation[] {
  const out: Violation[] = [];
  for (const [input, expr] of sortedEntries(bound)) {
    const decl = declared[input];
    if (!decl) {
      out.push(
        violation(ctx, ruleId, {
          node: nodeId,
          path: ["inputs", input],
          problem: `input "${input}" is not declared by module "${moduleName}" (inputs: ${names(declared)})`,
          fix: `remove inputs.${input} or rename it to one of the module's inputs`,
        }),
      );
      continue;
    }
    const given = expressionType(expr, ctx.model);
    if (given !== undefined && !assignable(given, decl.type, widen)) {
      out.push(
        violation(ctx, ruleId, {
          node: nodeId,
          path: ["inputs", input],
          problem: `input "${input}" is declared ${decl.type} by module "${moduleName}" but is bound to ${given} ${expr}`,
          fix: `bind inputs.${input} to a ${decl.type} value`,
        }),
      );
    }
  }
  for (const [input, decl] of sortedEntries(declared)) {
    if (decl.required === false || Object.prototype.hasOwnProperty.call(bound, input)) continue;
    out.push(
      violation(ctx, ruleId, {
        node: nodeId,
        path: ["inputs"],
        problem: `required input "${input}" (${decl.type}) of module "${moduleName}" is not bound`,
        fix: `add inputs.${input} with a ${decl.type} expression`,
      }),
    );
  }
  return out;
}

function checkOutputs(
  ctx: RuleContext,
  ruleId: string,
  nodeId: string,
  mapped: Record<string, string>,
  declared: Record<string, { type: ValueType }>,
  moduleName: string,
  widen: boolean,
): Violation[] {
  const out: Violation[] = [];
  const variables = ctx.model.kind === "inboundCall" ? ctx.model.variables : {};
  for (const [output, variable] of sortedEntries(mapped)) {
    const decl = declared[output];
    if (!decl) {
      out.push(
        violation(ctx, ruleId, {
          node: nodeId,
          path: ["outputs", output],
          problem: `output "${output}" is not declared by module "${moduleName}" (outputs: ${names(declared)})`,
          fix: `remove outputs.${output} or rename it to one of the module's outputs`,
        }),
      );
      continue;
    }
    const target = variables[variable];
    if (!target) {
      out.push(
        violation(ctx, ruleId, {
          node: nodeId,
          path: ["outputs", output],
          problem: `output "${output}" is stored in variable "${variable}", which the flow does not declare`,
          fix: `declare variables.${variable} with type ${decl.type}`,
        }),
      );
    } else if (!assignable(decl.type, target.type, widen)) {
      out.push(
        violation(ctx, ruleId, {
          node: nodeId,
          path: ["outputs", output],
          problem: `output "${output}" is ${decl.type} but variable "${variable}" is declared ${target.type}`,
          fix: `store outputs.${output} in a ${decl.type} variable or change variables.${variable} to ${decl.type}`,
        }),
      );
    }
  }
  return out;
}

function names(record: Record<string, unknown>): string {
  const keys = Object.keys(record).sort();
  return keys.length > 0 ? keys.map((k) => `"${k}"`).join(", ") : "none";
}
