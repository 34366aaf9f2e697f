// Compiles an inbound call flow model to an Archy `inboundCall`. Pure and deterministic.
//
// One task per node (refId = node id) and `jumpToTask` for every transition, so the graph may
// branch, merge and loop freely. Each task ends with a terminating action; a path that a model
// leaves open (a subflow without `error`, a transfer without `failure`) falls through to a final
// `disconnect`, matching the flow's error handling.
//
// A subflow node becomes `callCommonModule` (module referenced by its published name, every
// module input and output listed, as real exports do: unbound ones as `noValue`) whose
// `Common.outcome` output is captured into a generated flow variable, followed by a `decision`
// on that variable: "yes" (outcome == "completed") jumps to the `completed` target, "no" to the
// `error` target.
import { FlowLoadError } from "../model/errors";
import type { CommonModuleFlow, FlowNode, InboundCallFlowModel, LoadedFlow } from "../model/schema";
import * as A from "./archyActions";
import { toArchyYaml } from "./archyYaml";
import { OUTCOME_VARIABLE } from "./compileModule";

export interface InboundCallCompileOptions {
  /** The flow's published name (stack prefix applied). */
  publishedName: string;
  /** The stack's common module: subflow nodes must name it (`name` as in its flow file). */
  module?: { name: string; publishedName: string; model: CommonModuleFlow };
}

const TYPE = "inboundCall";

/** Flow variable names capturing each subflow node's outcome, avoiding declared names. */
export function outcomeVariables(model: InboundCallFlowModel): Map<string, string> {
  const taken = new Set(Object.keys(model.variables));
  const out = new Map<string, string>();
  for (const [id, node] of Object.entries(model.nodes)) {
    if (node.type !== "subflow") continue;
    let name = `${id}_outcome`;
    for (let i = 2; taken.has(name); i++) name = `${id}_outcome_${i}`;
    taken.add(name);
    out.set(id, name);
  }
  return out;
}

/** Task names: the node's label (or id); a label used by several nodes gets the id appended. */
function taskNames(model: InboundCallFlowModel): Map<string, string> {
  const count = new Map<string, number>();
  for (const [id, n] of Object.entries(model.nodes)) count.set(n.label ?? id, (count.get(n.label ?? id) ?? 0) + 1);
  const out = new Map<string, string>();
  for (const [id, n] of Object.entries(model.nodes)) {
    const base = n.label ?? id;
    out.set(id, (count.get(base) ?? 0) > 1 && base !== id ? `${base} (${id})` : base);
  }
  return out;
}

function jump(target: string | undefined): A.Action[] | undefined {
  return target === undefined ? undefined : [A.jumpToTask(target, TYPE)];
}

function taskActions(
  flow: LoadedFlow<InboundCallFlowModel>,
  id: string,
  node: FlowNode,
  opts: InboundCallCompileOptions,
  outcomeVars: Map<string, string>,
): A.Action[] {
  const { model } = flow;
  const name = node.label ?? id;
  const flowVar = (v: string) => `Flow.${v}`;
  switch (node.type) {
    case "playMessage":
      return [A.playAudio(name, node.prompt), A.jumpToTask(node.transitions.next, TYPE)];
    case "setVariable":
      return [
        A.updateData(name, [{ type: model.variables[node.variable].type, variable: flowVar(node.variable), value: A.exp(node.value) }]),
        A.jumpToTask(node.transitions.next, TYPE),
      ];
    case "collectDigits":
      return [
        A.collectInput(
          name,
          { ...node, variable: flowVar(node.variable) },
          { success: jump(node.transitions.success)!, failure: jump(node.transitions.failure)! },
        ),
        A.disconnect(),
      ];
    case "decision":
      return [A.decision(name, node.expression, { yes: jump(node.transitions.yes), no: jump(node.transitions.no) }), A.disconnect()];
    case "transferToQueue":
      return [A.transferToAcd(name, node.queue, node.prompt, jump(node.transitions.failure)), A.disconnect()];
    case "disconnect":
      return [A.disconnect(name)];
    case "subflow": {
      const mod = opts.module;
      if (mod === undefined || mod.name !== node.module) {
        throw new FlowLoadError([
          {
            file: flow.file,
            node: id,
            nodeType: node.type,
            field: "module",
            message: `no module named "${node.module}" was given to the compiler${mod ? `; the stack's module is "${mod.name}"` : ""}`,
          },
        ]);
      }
      const inputs: Record<string, A.Value> = {};
      for (const input of Object.keys(mod.model.inputs)) {
        const e = node.inputs[input];
        inputs[`Common.${input}`] = e === undefined ? A.noValue() : A.exp(e);
      }
      const outputs: Record<string, A.Value> = {};
      for (const output of Object.keys(mod.model.outputs)) {
        const target = node.outputs[output];
        outputs[`Common.${output}`] = target === undefined ? A.noValue() : { var: flowVar(target) };
      }
      const outcomeVar = flowVar(outcomeVars.get(id)!);
      outputs[OUTCOME_VARIABLE] = { var: outcomeVar };
      const actions: A.Action[] = [A.callCommonModule(name, mod.publishedName, inputs, outputs)];
      const { completed, error } = node.transitions;
      if (completed !== undefined || error !== undefined) {
        actions.push(A.decision(`${id}: module outcome`, `${outcomeVar} == "completed"`, { yes: jump(completed), no: jump(error) }));
      }
      actions.push(A.disconnect());
      return actions;
    }
    case "return":
      // The loader rejects return nodes in inbound flows; this guards direct compiler use.
      throw new FlowLoadError([
        { file: flow.file, node: id, nodeType: node.type, message: "a return node is only allowed in a commonModule" },
      ]);
  }
}

/** The Archy object for the flow (before YAML). Exported for tests. */
export function inboundCallArchy(flow: LoadedFlow<InboundCallFlowModel>, opts: InboundCallCompileOptions): Record<string, unknown> {
  const { model } = flow;
  const outcomeVars = outcomeVariables(model);
  const names = taskNames(model);

  const vars: Array<[string, Record<string, unknown>]> = [];
  for (const [n, d] of Object.entries(model.variables)) {
    vars.push([
      n,
      A.variable(d.type, `Flow.${n}`, { description: d.description, initialValue: d.initial !== undefined ? A.exp(d.initial) : A.noValue() }),
    ]);
  }
  for (const [id, v] of outcomeVars) {
    vars.push([
      v,
      A.variable("string", `Flow.${v}`, { description: `Outcome of the module call in node ${id}.`, initialValue: A.noValue() }),
    ]);
  }
  vars.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  const tasks = Object.entries(model.nodes).map(([id, node]) => ({
    task: { name: names.get(id)!, refId: id, actions: taskActions(flow, id, node, opts, outcomeVars) },
  }));

  return {
    [TYPE]: {
      name: opts.publishedName,
      ...(model.description !== undefined ? { description: model.description } : {}),
      startUpRef: A.taskRef(model.start, TYPE),
      defaultLanguage: model.defaultLanguage,
      supportedLanguages: { [model.defaultLanguage]: { defaultLanguageSkill: A.noValue() } },
      initialGreeting: A.exp("ToAudio(NOT_SET)"),
      ...(vars.length > 0 ? { variables: vars.map(([, v]) => v) } : {}),
      settingsErrorHandling: {
        errorHandling: { disconnect: { none: true } },
        preHandlingAudio: A.tts("Sorry, an error occurred. Please try your call again."),
      },
      tasks,
    },
  };
}

/** The flow's Archy YAML. Same model and options => byte-identical text. */
export function compileInboundCall(flow: LoadedFlow<InboundCallFlowModel>, opts: InboundCallCompileOptions): string {
  return toArchyYaml(inboundCallArchy(flow, opts));
}
