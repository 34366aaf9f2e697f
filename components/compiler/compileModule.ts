// Compiles the common module model to an Archy `commonModule`. Pure and deterministic.
//
// Shape (as in the real modules of the corpus): `Common.*` variables for the inputs (isInput),
// the outputs (isOutput) and the module's outcome `Common.outcome` (string output, initially
// "error", set to "completed" or "error" by `return` nodes), module-local variables,
// `settingsCommonModule.compatibleFlowTypes`, `supportedLanguages: {en-us: {none: true}}`, and the
// body in `startUpTaskActions` ending with `endTask`.
//
// Whether a module may hold reusable tasks is not confirmed, so the node graph is compiled into
// nested branches: each node's actions are followed by its successor's actions, and a branching
// node (decision, collectDigits, transferToQueue failure) carries each successor in its paths and
// is always the last action of its list. A path that ends without a terminating action therefore
// falls through to the final `endTask`, returning to the caller. A node reached from several places
// is duplicated; the graph must be acyclic and the duplication is bounded.
import { FlowLoadError } from "../model/errors";
import { RESERVED_OUTCOME_NAME, type CommonModuleFlow, type FlowNode, type LoadedFlow } from "../model/schema";
import * as A from "./archyActions";
import { toArchyYaml } from "./archyYaml";

/** Upper bound on compiled node copies in a module (duplication of shared nodes). */
export const MAX_MODULE_EXPANSION = 2000;

export const OUTCOME_VARIABLE = `Common.${RESERVED_OUTCOME_NAME}`;

/** Successor node ids of a node, in a stable order (absent transitions skipped). */
function successors(node: FlowNode): string[] {
  return Object.values(node.transitions as Record<string, string | undefined>).filter(
    (t): t is string => typeof t === "string",
  );
}

/**
 * Refuses graphs the nested-branch compilation cannot express: cycles and explosive duplication.
 * Returns the number of compiled node copies.
 */
export function checkModuleGraph(flow: LoadedFlow<CommonModuleFlow>): number {
  const { model, file } = flow;
  const size = new Map<string, number>();
  const onStack: string[] = [];
  const visit = (id: string): number => {
    const known = size.get(id);
    if (known !== undefined) return known;
    const at = onStack.indexOf(id);
    if (at >= 0) {
      const cycle = [...onStack.slice(at), id].join(" -> ");
      throw new FlowLoadError([
        {
          file,
          flow: model.name,
          message: `the module's nodes form a cycle (${cycle}); a common module compiles to nested branches and cannot loop, so every path must end in a return node`,
        },
      ]);
    }
    const node = model.nodes[id];
    if (node === undefined) return 0; // the loader reports dangling transitions
    onStack.push(id);
    let total = 1;
    for (const next of successors(node)) total = Math.min(total + visit(next), Number.MAX_SAFE_INTEGER);
    onStack.pop();
    size.set(id, total);
    return total;
  };
  const total = visit(model.start);
  if (total > MAX_MODULE_EXPANSION) {
    throw new FlowLoadError([
      {
        file,
        flow: model.name,
        message: `compiling the module would copy nodes reached from several places into ${total} nodes (limit ${MAX_MODULE_EXPANSION}); simplify the module so fewer paths share the same nodes`,
      },
    ]);
  }
  return total;
}

function moduleVariable(name: string): string {
  return `Common.${name}`;
}

function compileNode(flow: LoadedFlow<CommonModuleFlow>, id: string): A.Action[] {
  const { model } = flow;
  const node = model.nodes[id];
  const name = node.label ?? id;
  const typeOf = (v: string) =>
    (model.inputs[v] ?? model.outputs[v] ?? model.variables[v]).type;
  const next = (target: string) => compileNode(flow, target);
  switch (node.type) {
    case "playMessage":
      return [A.playAudio(name, node.prompt), ...next(node.transitions.next)];
    case "setVariable":
      return [
        A.updateData(name, [{ type: typeOf(node.variable), variable: moduleVariable(node.variable), value: A.exp(node.value) }]),
        ...next(node.transitions.next),
      ];
    case "collectDigits":
      return [
        A.collectInput(
          name,
          { ...node, variable: moduleVariable(node.variable) },
          { success: next(node.transitions.success), failure: next(node.transitions.failure) },
        ),
      ];
    case "decision":
      return [A.decision(name, node.expression, { yes: next(node.transitions.yes), no: next(node.transitions.no) })];
    case "transferToQueue":
      // Without a failure transition a failed transfer falls through to `endTask`: the module
      // returns with its outcome still "error".
      return [
        A.transferToAcd(name, node.queue, node.prompt, node.transitions.failure ? next(node.transitions.failure) : undefined),
      ];
    case "disconnect":
      return [A.disconnect(name)];
    case "return": {
      const statements: A.Statement[] = Object.entries(node.outputs).map(([out, e]) => ({
        type: model.outputs[out].type,
        variable: moduleVariable(out),
        value: A.exp(e),
      }));
      statements.push({ type: "string", variable: OUTCOME_VARIABLE, value: A.lit(node.outcome) });
      return [A.updateData(name, statements)];
    }
    case "subflow":
      throw new FlowLoadError([
        {
          file: flow.file,
          node: id,
          nodeType: node.type,
          message: `a common module cannot call a common module (Genesys Cloud rejects it); move this call into the inbound flows`,
        },
      ]);
  }
}

/** The Archy object for the module (before YAML). Exported for tests. */
export function moduleArchy(flow: LoadedFlow<CommonModuleFlow>, opts: { publishedName: string }): Record<string, unknown> {
  const { model } = flow;
  checkModuleGraph(flow);
  const vars: Array<[string, Record<string, unknown>]> = [];
  for (const [n, d] of Object.entries(model.inputs)) {
    vars.push([n, A.variable(d.type, moduleVariable(n), { description: d.description, initialValue: A.noValue(), isInput: true, isOutput: false })]);
  }
  for (const [n, d] of Object.entries(model.outputs)) {
    vars.push([n, A.variable(d.type, moduleVariable(n), { description: d.description, initialValue: A.noValue(), isInput: false, isOutput: true })]);
  }
  for (const [n, d] of Object.entries(model.variables)) {
    const initialValue = d.initial !== undefined ? A.exp(d.initial) : A.noValue();
    vars.push([n, A.variable(d.type, moduleVariable(n), { description: d.description, initialValue, isInput: false, isOutput: false })]);
  }
  vars.push([
    RESERVED_OUTCOME_NAME,
    A.variable("string", OUTCOME_VARIABLE, {
      description: 'How the module ended: "completed" or "error" (set by the flow model\'s return nodes).',
      initialValue: A.lit("error"),
      isInput: false,
      isOutput: true,
    }),
  ]);
  vars.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  return {
    commonModule: {
      name: opts.publishedName,
      ...(model.description !== undefined ? { description: model.description } : {}),
      supportedLanguages: { "en-us": { none: true } },
      variables: vars.map(([, v]) => v),
      settingsCommonModule: { compatibleFlowTypes: model.compatibleFlowTypes.map((flowType) => ({ flowType })) },
      startUpTaskActions: [...compileNode(flow, model.start), A.endTask("Exit Common Module")],
    },
  };
}

/** The module's Archy YAML. Same model and options => byte-identical text. */
export function compileModule(flow: LoadedFlow<CommonModuleFlow>, opts: { publishedName: string }): string {
  return toArchyYaml(moduleArchy(flow, opts));
}
