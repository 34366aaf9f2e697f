// The flow model: the project's own format for Architect flows, one YAML file per flow. The zod
// schema is assembled from the kind descriptors (flow-level fields) and the node registry (node
// shapes); the JSON Schema for editors is generated from it. Pure: no I/O.
import { z } from "zod";
import { FLOW_KINDS, KIND_NAMES, type moduleInput, type moduleOutput, type FlowKind } from "./kinds";
import { commonShape } from "./kinds/common";
import { flowNode, type FlowNode } from "./nodes";
import { nodeId, variableDeclaration, variableName, type VariableDeclaration } from "./types";

export type ModuleInput = z.infer<typeof moduleInput>;
export type ModuleOutput = z.infer<typeof moduleOutput>;
/** A kind that may call a common module (model/kinds CALLER_KINDS holds the ones that can). */
export type CallerKind = Exclude<FlowKind, "commonModule">;

interface FlowModelBase {
  kind: FlowKind;
  name: string;
  description?: string;
  division?: string;
  /** Flow-level Archy the model has no field for (see model/kinds/common.ts). */
  archySettings?: Record<string, unknown>;
  /** The flow's own variables (`Flow.<name>`, or `Common.<name>` in a module). */
  variables: Record<string, VariableDeclaration>;
  /** Id of the first node. */
  start: string;
  nodes: Record<string, FlowNode>;
}

export interface ModuleModel extends FlowModelBase {
  kind: "commonModule";
  compatibleFlowTypes: CallerKind[];
  inputs: Record<string, ModuleInput>;
  outputs: Record<string, ModuleOutput>;
}

export interface InteractionModel extends FlowModelBase {
  kind: CallerKind;
  defaultLanguage: string;
}

export type FlowModel = ModuleModel | InteractionModel;

function kindSchema(kind: FlowKind) {
  return z
    .object({
      kind: z.literal(kind),
      ...commonShape,
      ...FLOW_KINDS[kind].shape,
      variables: z.record(variableName, variableDeclaration).default({}),
      start: nodeId,
      nodes: z.record(nodeId, flowNode),
    })
    .strict();
}

const kindSchemas = KIND_NAMES.map(kindSchema);

/** The schema of a flow file. Parsing yields a FlowModel (see the interfaces above). */
export const flowFile = z.discriminatedUnion(
  "kind",
  kindSchemas as [ReturnType<typeof kindSchema>, ...ReturnType<typeof kindSchema>[]],
);

/** A loaded flow: the validated model and where it came from (for messages). */
export interface LoadedFlow<M extends FlowModel = FlowModel> {
  /** Path as the user gave it (relative to the project), used in every message. */
  file: string;
  model: M;
}

export function isModuleModel(model: FlowModel): model is ModuleModel {
  return FLOW_KINDS[model.kind].isModule;
}

export function isModule(flow: LoadedFlow): flow is LoadedFlow<ModuleModel> {
  return isModuleModel(flow.model);
}

export type { FlowNode } from "./nodes";
