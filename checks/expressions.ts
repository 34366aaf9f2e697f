// Architect expressions, checked by the same parser and type checker the emulator's validator
// uses (archy/expressions): every expression parses, every variable it reads resolves (the flow's
// own, a module's inputs and outputs, the kind's built-ins such as Call.Ani), and its type fits
// where it is used (a condition is boolean, a value fits its variable, a module input or output).
// What the catalogue cannot settle (a function or member it lacks) is rule archy-unknown: a warning.
import { checkExpression, type ArchyType, type TypeEnv } from "../archy/expressions";
import { typeEnvFor, writtenVariables } from "../archy/validate";
import { rawVariables } from "../model/archySettings";
import { FLOW_KINDS } from "../model/kinds";
import { descriptorOf, type ExpressionUse } from "../model/nodes";
import { isModuleModel, type FlowModel, type ModuleModel } from "../model/schema";
import type { Finding } from "./finding";
import { UNKNOWN_RULE } from "./unknownRule";
import type { CheckFlow } from "./input";
import { nodeFinding, sortedKeys } from "./locate";
import { contextKinds, symbolsOf, type FlowSymbols } from "./symbols";

/**
 * The flow's variables as Archy names them: those it declares (with their scope prefix), those
 * its `archySettings.variables` declare raw (bot slots, ...), and those its raw Archy writes
 * (`archy` nodes, raw menus), which Archy creates on first write as the emulator's validator knows.
 */
export function declaredArchyVariables(model: FlowModel): Record<string, ArchyType> {
  const symbols = symbolsOf(model);
  const out: Record<string, ArchyType> = {};
  const raw = Object.values(model.nodes).filter((n) => n.type === "archy");
  for (const [name, type] of Object.entries(writtenVariables([raw, model.archySettings ?? {}]))) out[name] = type;
  for (const v of rawVariables(model)) if (v.name !== undefined) out[v.name] = v.type ?? "unknown";
  for (const [name, type] of symbols.declared) out[`${symbols.scope}.${name}`] = type;
  return out;
}

/**
 * The TypeEnv of a flow: its declared variables and its kind's built-ins. A module runs in every
 * kind it is compatible with, so a built-in resolves only when every one of them has it.
 */
export function typeEnvOf(model: FlowModel): TypeEnv {
  const variables = declaredArchyVariables(model);
  const own = typeEnvFor({ flowType: FLOW_KINDS[model.kind].archyKey, variables })!;
  if (!isModuleModel(model)) return own;
  const contexts = contextKinds(model).map((k) => typeEnvFor({ flowType: k.archyKey, variables })!);
  return {
    variableType(name) {
      const declared = own.variableType(name);
      if (declared !== undefined && Object.keys(variables).some((v) => v.toLowerCase() === name.toLowerCase()))
        return declared;
      const types = contexts.map((env) => env.variableType(name));
      return types.every((t) => t !== undefined) ? types[0] : undefined;
    },
    explainUnknown(name) {
      for (const env of contexts)
        if (env.variableType(name) === undefined && env.explainUnknown) return env.explainUnknown(name);
      return own.explainUnknown?.(name) ?? { message: `"${name}" is not declared`, verdict: "invalid" as const };
    },
    names: () => own.names?.() ?? Object.keys(variables),
    declares: (name) => own.declares?.(name) === true,
  };
}

function expectedType(
  use: ExpressionUse,
  model: FlowModel,
  modules: ReadonlyMap<string, { model: ModuleModel }>,
  symbols: () => FlowSymbols,
): ArchyType | undefined {
  if (use.expect !== undefined) return use.expect;
  const from = use.expectOf;
  if (!from) return undefined;
  if ("variable" in from) return symbols().declared.get(from.variable);
  if ("moduleInput" in from) return modules.get(from.moduleInput.module)?.model.inputs[from.moduleInput.input]?.type;
  return isModuleModel(model) ? model.outputs[from.ownOutput]?.type : undefined;
}

/**
 * When an expression field holds plain text (`message: Thanks for calling`), the error says how to
 * write literal text: the same words in double quotes are a valid expression of the field's type.
 */
function literalTextHint(text: string, env: TypeEnv, expected: ArchyType | undefined): string {
  if (text.includes('"') || text.includes("\\")) return "";
  const quoted = `"${text}"`;
  if (checkExpression(quoted, env, expected).problems.length > 0) return "";
  return `; this field is an Architect expression: for literal text write it in double quotes, in YAML '${quoted}'`;
}

export function checkExpressions(flow: CheckFlow, modules: ReadonlyMap<string, { model: ModuleModel }>): Finding[] {
  const env = typeEnvOf(flow.model);
  const out: Finding[] = [];
  // The flow's declared variables, worked out once (not once per expression that stores into one).
  let symbols: FlowSymbols | undefined;
  const symbolsOnce = () => (symbols ??= symbolsOf(flow.model));
  for (const id of sortedKeys(flow.model.nodes)) {
    const node = flow.model.nodes[id];
    for (const use of descriptorOf(node).expressions(node)) {
      const expected = expectedType(use, flow.model, modules, symbolsOnce);
      // A module input's binding that certainly does not fit is the module-interface rule's
      // (checks/moduleChecks.ts), located at the binding like an output's.
      const bindsInput = use.expectOf !== undefined && "moduleInput" in use.expectOf;
      const problems = checkExpression(use.text, env, expected).problems.filter(
        (p) => !(bindsInput && p.code === "result" && p.verdict !== "unknown"),
      );
      const hint = problems.some((p) => p.verdict !== "unknown") ? literalTextHint(use.text, env, expected) : "";
      for (const p of problems) {
        const where =
          use.text.length > 20 || p.offset > 0
            ? ` (at "${use.text.slice(p.offset, p.offset + Math.max(p.length, 1))}", column ${p.offset + 1})`
            : "";
        const message = `${p.message}${where} in ${JSON.stringify(use.text)}${hint}`;
        // What the catalogue cannot settle is a warning (rule archy-unknown), never dropped.
        if (p.verdict === "unknown")
          out.push({ ...nodeFinding(flow, UNKNOWN_RULE, id, use.field, message), subject: p.subject ?? p.message });
        else out.push(nodeFinding(flow, "expressions", id, use.field, message));
      }
    }
  }
  return out;
}
