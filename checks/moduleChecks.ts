// Cross-flow checks of module calls: the called module exists and is a module, the mappings fit
// its interface (names and types, inputs and outputs alike), its required inputs are bound, the
// caller is compatible with it, and modules do not call each other in a cycle. Genesys refuses the
// publish of a flow that calls an incompatible module or maps undeclared variables; the cycle
// could never publish.
import { checkExpression } from "../archy/expressions";
import { describeType, normalizeType, UNKNOWN, type ArchyType } from "../archy/catalogue/types";
import { cycles } from "../model/graph";
import { FLOW_KINDS } from "../model/kinds";
import { isModuleModel, type ModuleModel } from "../model/schema";
import { didYouMean, listNames, suggestThen } from "../archy/suggest";
import { assignable, RESERVED_OUTCOME_NAME } from "../model/types";
import type { Finding } from "./finding";
import type { CheckFlow } from "./input";
import { findingsOf, nodeFinding, sortedKeys } from "./locate";
import { contextKinds, symbolsOf } from "./symbols";
import type { NodeOf } from "../model/nodes";
import { typeEnvOf } from "./expressions";
import { cmp } from "../archy/json";

/** A module of the portfolio. */
type ModuleFlow = CheckFlow & { model: ModuleModel };

/** Modules of the portfolio by their model name. The first of two same-named ones wins (unique-names reports the clash). */
export function modulesByName(flows: readonly CheckFlow[]): Map<string, ModuleFlow> {
  const out = new Map<string, ModuleFlow>();
  for (const f of [...flows].sort((a, b) => cmp(a.file, b.file))) {
    if (isModuleModel(f.model) && !out.has(f.model.name)) out.set(f.model.name, f as ModuleFlow);
  }
  return out;
}

/** Names of the modules a flow calls, sorted, each once. */
export function calledModules(flow: CheckFlow): string[] {
  const names = new Set<string>();
  for (const node of Object.values(flow.model.nodes)) if (node.type === "subflow") names.add(node.module);
  return [...names].sort();
}

/** A module of the portfolio: the name its file gives it, and its published name. */
type NamedModule = { name: string; publishedName: string };

/**
 * The nodes of a flow calling one of the portfolio's `modules` (node id -> the module's name): a
 * `subflow` by the module's name, a `callModule` by its published name (ignoring case, as Genesys
 * compares them) or by the name its file gives it (the import of a module and its callers: the
 * compiler then names the module as the stack publishes it). Genesys snapshots the module into the
 * caller at publish whatever node wrote the call, so either ties the caller to the module: the one
 * reading of a flow's module calls, for the planner's calls and the review's forced republishes.
 */
export function moduleCallNodes(flow: Pick<CheckFlow, "model">, modules: readonly NamedModule[]): Map<string, string> {
  const byPublished = new Map(modules.map((m) => [m.publishedName.toLowerCase(), m.name]));
  const own = new Set(modules.map((m) => m.name));
  const byName = (m: string) => (own.has(m) ? m : byPublished.get(m.toLowerCase()));
  const out = new Map<string, string>();
  for (const id of sortedKeys(flow.model.nodes)) {
    const node = flow.model.nodes[id];
    const name = node.type === "subflow" ? node.module : node.type === "callModule" ? byName(node.module) : undefined;
    if (name !== undefined && own.has(name)) out.set(id, name);
  }
  return out;
}

export function checkModuleInterface(
  flow: CheckFlow,
  modules: ReadonlyMap<string, ModuleFlow>,
  widenIntegers = true,
  absent: ReadonlyArray<{ name: string; file: string; why: string }> = [],
): Finding[] {
  const out: Finding[] = [];
  const symbols = symbolsOf(flow.model);
  const moduleNames = [...modules.keys()].sort();
  for (const id of sortedKeys(flow.model.nodes)) {
    const node = flow.model.nodes[id];
    if (node.type !== "subflow") continue;
    const at = (field: string, message: string, fix?: string) =>
      out.push(nodeFinding(flow, "module-interface", id, field, message, fix));
    const callee = modules.get(node.module);
    if (!callee) {
      const missing = absent.find((m) => m.name === node.module);
      if (missing) {
        at("module", `common module "${node.module}" (${missing.file}) ${missing.why}`);
        continue;
      }
      const other =
        moduleNames.length > 0
          ? `; modules of this portfolio: ${listNames(moduleNames)}`
          : "; this portfolio has no common module";
      at("module", `no common module named "${node.module}"${didYouMean(node.module, moduleNames) || other}`);
      continue;
    }
    const m = callee.model;
    const inputs = Object.keys(m.inputs);
    const outputs = Object.keys(m.outputs);
    for (const input of sortedKeys(node.inputs)) {
      if (!Object.hasOwn(m.inputs, input)) {
        at(
          `inputs.${input}`,
          `module "${m.name}" has no input "${input}"${suggestThen(input, inputs, `its inputs: ${listNames(inputs)}`)}`,
        );
      }
    }
    for (const b of inputBindings(flow, id, m)) {
      if (!b.mismatch) continue;
      at(
        `inputs.${b.input}`,
        `module input "${b.input}" is ${describeType(b.inputType)} but ${b.text} is ${describeType(b.valueType)}; Architect converts an expression's result only to text (help:implicit-casting)`,
        `bind ${describeType(b.inputType)} expression to inputs.${b.input}, or declare input "${b.input}" of module "${m.name}" as ${normalizeType(b.valueType)}`,
      );
    }
    for (const output of sortedKeys(node.outputs)) {
      const target = node.outputs[output];
      if (!Object.hasOwn(m.outputs, output)) {
        const hint =
          output === RESERVED_OUTCOME_NAME ? "; the outcome is read through the completed and error transitions" : "";
        at(
          `outputs.${output}`,
          `module "${m.name}" has no output "${output}"${suggestThen(output, outputs, `its outputs: ${listNames(outputs)}`)}${hint}`,
        );
        continue;
      }
      const targetType = symbols.declared.get(target);
      if (targetType === undefined) continue; // the variables check reports an undeclared target
      const outType = m.outputs[output].type;
      if (!assignable(outType, targetType, widenIntegers)) {
        at(
          `outputs.${output}`,
          `module output "${output}" is ${outType} but variable "${target}" is ${targetType}`,
          `store outputs.${output} in a ${outType} variable, or declare "${target}" as ${outType}`,
        );
      }
    }
  }
  return out;
}

/** A subflow node's binding of one declared module input: the input's type and what the bound expression gives. */
export interface InputBinding {
  input: string;
  /** The bound expression as written. */
  text: string;
  inputType: ArchyType;
  /** The expression's type (unknown when it does not parse or resolve: the expressions rule reports that). */
  valueType: ArchyType;
  /** Whether the catalogue determines valueType: a literal, a variable the flow declares, a function's or an operator's result (archy/expressions/check.ts). */
  determined: boolean;
  /** The expression's type certainly does not fit the input, even converted (an error wherever it is bound). */
  mismatch: boolean;
}

const envCache = new WeakMap<object, ReturnType<typeof typeEnvOf>>();

/**
 * The bindings of node `id` (a subflow calling `module`) to the module's declared inputs, in input
 * order, each with the type of its expression: one place that types a module call's inputs, read
 * by module-interface (a certain mismatch) and module-input-conversion (a value Architect would
 * only turn into text).
 */
export function inputBindings(flow: CheckFlow, id: string, module: ModuleModel): InputBinding[] {
  const node = flow.model.nodes[id];
  if (node.type !== "subflow") return [];
  let env = envCache.get(flow.model);
  if (env === undefined) envCache.set(flow.model, (env = typeEnvOf(flow.model)));
  const out: InputBinding[] = [];
  for (const input of sortedKeys(node.inputs)) {
    if (!Object.hasOwn(module.inputs, input)) continue;
    const inputType = module.inputs[input].type;
    const result = checkExpression(node.inputs[input], env, inputType);
    // A binding that does not parse or resolve has no type to judge (the expressions rule says why).
    const broken = result.problems.some(
      (p) => p.code === "syntax" || p.code === "variable" || p.code === "placeholder",
    );
    out.push({
      input,
      text: node.inputs[input],
      inputType,
      valueType: broken ? UNKNOWN : result.type,
      determined: !broken && result.determined,
      mismatch: !broken && result.problems.some((p) => p.code === "result" && p.verdict !== "unknown"),
    });
  }
  return out;
}

/**
 * A text input bound to a value of another type that Architect would convert (help:implicit-casting:
 * "the parser adds the ToString value around the expression"): Genesys accepts it, and the module
 * gets "true", "5" or a queue's name where it expects text, which a binding almost never means
 * (`callerNumber: Flow.verified`, `callerNumber: Length(Call.Ani)`). Only types the catalogue
 * determines: a literal, a declared variable, a function's result, an operator's.
 */
export function checkInputConversions(flow: CheckFlow, modules: ReadonlyMap<string, ModuleFlow>): Finding[] {
  const found = findingsOf(flow, "module-input-conversion");
  for (const { id, callee } of callsOfPortfolioModules(flow, modules)) {
    for (const b of inputBindings(flow, id, callee.model)) {
      const from = normalizeType(b.valueType);
      if (
        normalizeType(b.inputType) !== "string" ||
        !b.determined ||
        from === "string" ||
        from === "json" ||
        from === UNKNOWN
      )
        continue;
      found.node(
        id,
        `inputs.${b.input}`,
        `module input "${b.input}" is a string but ${b.text} is ${describeType(from)}: Architect would pass it converted to text (help:implicit-casting)`,
        `bind a string expression to inputs.${b.input}; write ToString(${b.text}) if the text is what the module should get`,
      );
    }
  }
  return found.list;
}

/** The subflow nodes of a flow that call a module of the portfolio, with the module, in node order. */
function callsOfPortfolioModules(
  flow: CheckFlow,
  modules: ReadonlyMap<string, ModuleFlow>,
): Array<{ id: string; node: NodeOf<"subflow">; callee: ModuleFlow }> {
  const out: Array<{ id: string; node: NodeOf<"subflow">; callee: ModuleFlow }> = [];
  for (const id of sortedKeys(flow.model.nodes)) {
    const node = flow.model.nodes[id];
    if (node.type !== "subflow") continue;
    const callee = modules.get(node.module);
    if (callee) out.push({ id, node, callee });
  }
  return out;
}

export function checkRequiredInputs(flow: CheckFlow, modules: ReadonlyMap<string, ModuleFlow>): Finding[] {
  const found = findingsOf(flow, "module-required-inputs");
  for (const { id, node, callee } of callsOfPortfolioModules(flow, modules)) {
    for (const input of sortedKeys(callee.model.inputs)) {
      const decl = callee.model.inputs[input];
      if (decl.required === false || Object.hasOwn(node.inputs, input)) continue;
      found.node(
        id,
        "inputs",
        `required input "${input}" (${decl.type}) of module "${callee.model.name}" is not bound`,
        `add inputs.${input} with a ${decl.type} expression`,
      );
    }
  }
  return found.list;
}

export function checkCompatibility(flow: CheckFlow, modules: ReadonlyMap<string, ModuleFlow>): Finding[] {
  const found = findingsOf(flow, "module-compatibility");
  // A flow runs in its own kind; a module runs in every kind it is compatible with.
  const callerKinds = contextKinds(flow.model).map((k) => k.kind);
  for (const { id, callee } of callsOfPortfolioModules(flow, modules)) {
    const compatible = callee.model.compatibleFlowTypes as readonly string[];
    const missing = callerKinds.filter((k) => !compatible.includes(k));
    if (missing.length === 0) continue;
    const what = isModuleModel(flow.model)
      ? `this module is compatible with ${missing.join(", ")}, and module "${callee.model.name}" is not`
      : `module "${callee.model.name}" is not compatible with ${FLOW_KINDS[flow.model.kind].title}s`;
    found.node(
      id,
      "module",
      `${what} (its compatibleFlowTypes: ${compatible.join(", ")})`,
      `add ${missing.join(", ")} to compatibleFlowTypes of module "${callee.model.name}" (${callee.file})`,
    );
  }
  return found.list;
}

/** One finding per cycle of module calls, on the first module of the cycle (by name). */
export function checkModuleCycles(flows: readonly CheckFlow[]): Finding[] {
  const modules = modulesByName(flows);
  const graph = new Map<string, string[]>();
  for (const [name, m] of modules)
    graph.set(
      name,
      calledModules(m).filter((c) => modules.has(c)),
    );
  return cycles(graph).map((cycle) => {
    const first = modules.get(cycle[0])!;
    const nodeId = sortedKeys(first.model.nodes).find((id) => {
      const n = first.model.nodes[id];
      return n.type === "subflow" && n.module === cycle[1];
    });
    const message = `modules call each other in a cycle: ${cycle.join(" -> ")}; a module is compiled with the modules it calls, so a cycle has no end`;
    return nodeId !== undefined
      ? nodeFinding(
          first,
          "module-cycles",
          nodeId,
          "module",
          message,
          "move the logic both need into a module that calls neither",
        )
      : { ruleId: "module-cycles", file: first.file, flow: first.displayName, message };
  });
}
