// genesys-flows refactor call-module: a call to an existing common module added to every matching
// flow, what Genesys's tutorial scripts do by hand (find the flows, inject the call,
// read-modify-write, validate). The call goes at the flow's start or right before a node: every
// transition that went to that node (and the start, if it was) now goes to a new `subflow` node,
// which continues at that node when the module completes, and at `--on-error` (default: the same
// node) when it ends in error. Its required inputs are bound from `--input name=expression`. A
// flow without that node is left as it is (it does not match); one that already calls the module
// right there too. Refused, naming the flow and why, when the module cannot be called there.
// Pure: the snapshot in, files out.
import { isModuleModel, type CallerKind, type ModuleModel } from "../model/schema";
import { FLOW_KINDS } from "../model/kinds";
import { transitionsOf } from "../model/nodes";
import type { InjectedCall } from "./journeyProof";
import { callNodeId } from "./names";
import {
  loadableFlows,
  loadFlows,
  RefactorRefusal,
  Refused,
  type FileChange,
  type ProjectSnapshot,
  type RefactorFlow,
} from "./project";
import { keysOf, mapAt, nodeOf, parseDocument, render, transitionsInline } from "./yamlEdit";

export interface InjectRequest {
  /** The module's name (or its flow id). */
  module: string;
  /** `start`, or `before:<node>`. */
  at: string;
  /** Where the flow goes when the module ends in error (default: the node the call is before). */
  onError?: string;
  /** Module input -> expression in the caller. */
  inputs?: Readonly<Record<string, string>>;
  /** The flows to consider (ids or files). */
  flows: readonly string[];
}

export interface InjectPlan {
  module: { id: string; file: string; name: string };
  /** The flows that get the call. */
  callers: Array<{ flow: string; file: string } & InjectedCall>;
  /** The flows left as they are, with why. */
  skipped: Array<{ flow: string; reason: string }>;
  files: FileChange[];
}

function findModule(snapshot: ProjectSnapshot, name: string): RefactorFlow & { model: ModuleModel } {
  const all = loadableFlows(snapshot);
  const found =
    all.find((f) => f.model.name === name || f.id === name || f.file === name) ??
    all.find((f) => f.model.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new Refused([new RefactorRefusal(`no module named "${name}" under flows/`)]);
  if (!isModuleModel(found.model)) {
    const title = FLOW_KINDS[found.model.kind].title;
    throw new Refused([
      new RefactorRefusal(`"${name}" is ${/^[aeiou]/i.test(title) ? "an" : "a"} ${title}, not a common module`, {
        file: found.file,
      }),
    ]);
  }
  return found as RefactorFlow & { model: ModuleModel };
}

/** Where in `flow` the call goes, or why it does not match. */
function placeIn(flow: RefactorFlow, at: string): { before: string } | { skip: string } {
  if (at === "start") return { before: flow.model.start };
  const node = at.slice("before:".length);
  return Object.hasOwn(flow.model.nodes, node) ? { before: node } : { skip: `has no node "${node}"` };
}

export function planInject(snapshot: ProjectSnapshot, req: InjectRequest): InjectPlan {
  if (req.at !== "start" && !/^before:[A-Za-z][A-Za-z0-9_]*$/.test(req.at))
    throw new Refused([new RefactorRefusal(`--at takes start or before:<node>, not "${req.at}"`)]);
  const module = findModule(snapshot, req.module);
  const inputs = req.inputs ?? {};
  const refusals: RefactorRefusal[] = [];
  for (const name of Object.keys(inputs))
    if (!Object.hasOwn(module.model.inputs, name))
      refusals.push(
        new RefactorRefusal(
          `${module.model.name} has no input "${name}" (its inputs: ${Object.keys(module.model.inputs).join(", ") || "none"})`,
          { file: module.file },
        ),
      );
  for (const [name, input] of Object.entries(module.model.inputs))
    if (input.required !== false && !Object.hasOwn(inputs, name))
      refusals.push(
        new RefactorRefusal(
          `${module.model.name} needs its input "${name}" (${input.type}): give --input ${name}=<expression>`,
          { file: module.file },
        ),
      );
  if (refusals.length > 0) throw new Refused(refusals);

  const plan: InjectPlan = {
    module: { id: module.id, file: module.file, name: module.model.name },
    callers: [],
    skipped: [],
    files: [],
  };
  for (const flow of loadFlows(snapshot, req.flows)) {
    if (flow.id === module.id) {
      plan.skipped.push({ flow: flow.id, reason: "is the module itself" });
      continue;
    }
    const place = placeIn(flow, req.at);
    if ("skip" in place) {
      plan.skipped.push({ flow: flow.id, reason: place.skip });
      continue;
    }
    const kinds: CallerKind[] = isModuleModel(flow.model)
      ? flow.model.compatibleFlowTypes
      : [flow.model.kind as CallerKind];
    const unfit = kinds.filter((k) => !module.model.compatibleFlowTypes.includes(k));
    if (unfit.length > 0) {
      refusals.push(
        new RefactorRefusal(
          `${module.model.name} may be called by ${module.model.compatibleFlowTypes.join(", ")} flows (its compatibleFlowTypes), not by ${unfit.join(", ")}`,
          { file: flow.file },
        ),
      );
      continue;
    }
    const onError = req.onError ?? place.before;
    if (!Object.hasOwn(flow.model.nodes, onError)) {
      refusals.push(
        new RefactorRefusal(`--on-error names no node of ${flow.model.name}: "${onError}"`, { file: flow.file }),
      );
      continue;
    }
    const into = Object.entries(flow.model.nodes).flatMap(([id, n]) =>
      transitionsOf(n)
        .filter((t) => t.target === place.before)
        .map((t) => ({ id, transition: t.spec.name })),
    );
    const already =
      into.length > 0 &&
      into.every((e) => {
        const n = flow.model.nodes[e.id];
        return n.type === "subflow" && (n as { module: string }).module === module.model.name;
      });
    const startsWithIt =
      req.at === "start" &&
      flow.model.nodes[flow.model.start].type === "subflow" &&
      (flow.model.nodes[flow.model.start] as { module: string }).module === module.model.name;
    if (already || startsWithIt) {
      plan.skipped.push({
        flow: flow.id,
        reason: `already calls ${module.model.name} ${startsWithIt ? "at its start" : `before "${place.before}"`}`,
      });
      continue;
    }
    const call = callNodeId(module.model.name, new Set(Object.keys(flow.model.nodes)));
    const doc = parseDocument(flow.text);
    const nodes = mapAt(doc, ["nodes"])!;
    for (const e of into) doc.setIn(["nodes", e.id, "transitions", e.transition], call);
    if (flow.model.start === place.before) doc.set("start", call);
    const node = {
      type: "subflow",
      module: module.model.name,
      ...(Object.keys(inputs).length > 0 ? { inputs: { ...inputs } } : {}),
      transitions: { completed: place.before, error: onError },
    };
    nodes.items.splice(
      keysOf(nodes).indexOf(place.before),
      0,
      doc.createPair(call, nodeOf(doc, node, transitionsInline(doc))),
    );
    plan.files.push({ file: flow.file, before: flow.text, after: render(doc, flow.text) });
    plan.callers.push({ flow: flow.id, file: flow.file, call, before: place.before, onError });
  }
  if (refusals.length > 0) throw new Refused(refusals);
  if (plan.callers.length === 0)
    throw new Refused([
      new RefactorRefusal(`no flow matches (${plan.skipped.map((s) => `${s.flow} ${s.reason}`).join("; ")})`),
    ]);
  return plan;
}
