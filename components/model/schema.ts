// The flow model: the project's own format for Architect flows, one YAML file per flow.
// This file is the single source of truth for the format: the loader validates with it,
// the JSON Schema for editors is generated from it, and every other module uses the
// types inferred from it. It is pure: no I/O.
import { z } from "zod";

/** Node ids become Archy refIds and task names: keep them to a safe, readable alphabet. */
export const NODE_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** Variable, input and output names become `Flow.<name>` / `Common.<name>` in Archy. */
export const VARIABLE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** A provider substitution placeholder, exactly as the Genesys provider replaces it. */
export const PLACEHOLDER_PATTERN = /\{\{([A-Za-z0-9_.-]+)\}\}/g;
/** The module output the compiler reserves for the module's outcome (`completed` or `error`). */
export const RESERVED_OUTCOME_NAME = "outcome";

export const nodeId = z
  .string()
  .regex(NODE_ID_PATTERN, "a node id: a letter, then letters, digits or _ (at most 64)");
export const variableName = z
  .string()
  .regex(VARIABLE_NAME_PATTERN, "a variable name: a letter, then letters, digits or _ (at most 64)");
/** An Architect expression, e.g. `Call.Ani`, `Flow.choice == "1"`, `"literal text"`. */
export const expression = z.string().min(1, "a non-empty Architect expression");
/** Text to speak (TTS). May hold `{{placeholders}}` filled per stack. */
export const speech = z.string().min(1, "non-empty text to speak");

export const valueType = z.enum(["string", "integer", "decimal", "boolean"]);
export type ValueType = z.infer<typeof valueType>;

export const variableDeclaration = z
  .object({
    type: valueType,
    description: z.string().optional(),
    /** Initial value as an Architect expression (flow variables only). */
    initial: expression.optional(),
  })
  .strict();

export const moduleInput = z
  .object({
    type: valueType,
    description: z.string().optional(),
    /** A required input must be bound by every subflow node that calls the module. Default true. */
    required: z.boolean().default(true),
  })
  .strict();

export const moduleOutput = z
  .object({
    type: valueType,
    description: z.string().optional(),
  })
  .strict();

const label = z.string().min(1).optional();

export const playMessageNode = z
  .object({
    type: z.literal("playMessage"),
    label,
    prompt: speech,
    transitions: z.object({ next: nodeId }).strict(),
  })
  .strict();

export const collectDigitsNode = z
  .object({
    type: z.literal("collectDigits"),
    label,
    prompt: speech,
    /** The variable that receives the digits (a string variable). */
    variable: variableName,
    minDigits: z.number().int().min(1).max(32).default(1),
    maxDigits: z.number().int().min(1).max(32),
    timeoutSeconds: z.number().int().min(1).max(60).default(5),
    transitions: z.object({ success: nodeId, failure: nodeId }).strict(),
  })
  .strict();

export const decisionNode = z
  .object({
    type: z.literal("decision"),
    label,
    expression,
    transitions: z.object({ yes: nodeId, no: nodeId }).strict(),
  })
  .strict();

export const setVariableNode = z
  .object({
    type: z.literal("setVariable"),
    label,
    variable: variableName,
    value: expression,
    transitions: z.object({ next: nodeId }).strict(),
  })
  .strict();

export const subflowNode = z
  .object({
    type: z.literal("subflow"),
    label,
    /** The common module's `name` as written in its flow file. */
    module: z.string().min(1),
    /** Module input name -> Architect expression in the caller. */
    inputs: z.record(variableName, expression).default({}),
    /** Module output name -> caller variable that receives it. */
    outputs: z.record(variableName, variableName).default({}),
    /** Both are required by the `subflow-transitions` policy; the schema lets the policy report it. */
    transitions: z.object({ completed: nodeId.optional(), error: nodeId.optional() }).strict(),
  })
  .strict();

export const transferToQueueNode = z
  .object({
    type: z.literal("transferToQueue"),
    label,
    /** The queue's name in the org (often a `{{placeholder}}`). */
    queue: z.string().min(1),
    prompt: speech.optional(),
    transitions: z.object({ failure: nodeId.optional() }).strict().default({}),
  })
  .strict();

export const disconnectNode = z
  .object({
    type: z.literal("disconnect"),
    label,
    transitions: z.object({}).strict().default({}),
  })
  .strict();

export const returnNode = z
  .object({
    type: z.literal("return"),
    label,
    outcome: z.enum(["completed", "error"]),
    /** Module output name -> Architect expression. */
    outputs: z.record(variableName, expression).default({}),
    transitions: z.object({}).strict().default({}),
  })
  .strict();

export const NODE_TYPES = [
  "playMessage",
  "collectDigits",
  "decision",
  "setVariable",
  "subflow",
  "transferToQueue",
  "disconnect",
  "return",
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const flowNode = z.discriminatedUnion("type", [
  playMessageNode,
  collectDigitsNode,
  decisionNode,
  setVariableNode,
  subflowNode,
  transferToQueueNode,
  disconnectNode,
  returnNode,
]);

const flowName = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => s.trim() === s, "no leading or trailing spaces");

const common = {
  /** The flow's name before the stack's prefix is added. */
  name: flowName,
  description: z.string().optional(),
  /** Id of the first node. */
  start: nodeId,
  nodes: z.record(nodeId, flowNode),
};

export const commonModuleFlow = z
  .object({
    kind: z.literal("commonModule"),
    ...common,
    /** Flow types allowed to call this module (API lower-case names). Default: inboundcall. */
    compatibleFlowTypes: z.array(z.enum(["inboundcall"])).min(1).default(["inboundcall"]),
    inputs: z.record(variableName, moduleInput).default({}),
    outputs: z.record(variableName, moduleOutput).default({}),
    /** Module-local working variables (compiled to `Common.<name>`, neither input nor output). */
    variables: z.record(variableName, variableDeclaration).default({}),
  })
  .strict();

export const inboundCallFlow = z
  .object({
    kind: z.literal("inboundCall"),
    ...common,
    defaultLanguage: z.string().default("en-us"),
    /** Flow variables (compiled to `Flow.<name>`). */
    variables: z.record(variableName, variableDeclaration).default({}),
  })
  .strict();

export const flowFile = z.discriminatedUnion("kind", [commonModuleFlow, inboundCallFlow]);

export type FlowNode = z.infer<typeof flowNode>;
export type CommonModuleFlow = z.infer<typeof commonModuleFlow>;
export type InboundCallFlowModel = z.infer<typeof inboundCallFlow>;
export type FlowModel = z.infer<typeof flowFile>;
export type ModuleInput = z.infer<typeof moduleInput>;
export type ModuleOutput = z.infer<typeof moduleOutput>;

/** A loaded flow: the validated model and where it came from (for messages). */
export interface LoadedFlow<M extends FlowModel = FlowModel> {
  /** Path as the user gave it (relative to the project), used in every message. */
  file: string;
  model: M;
}

/** The names of a node's transitions, in a stable order, with their targets (undefined when absent). */
export function transitionsOf(node: FlowNode): Array<[string, string | undefined]> {
  return Object.entries(node.transitions as Record<string, string | undefined>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
}

/** Transition names each node type accepts, in display order. */
export const TRANSITION_NAMES: Record<NodeType, readonly string[]> = {
  playMessage: ["next"],
  collectDigits: ["success", "failure"],
  decision: ["yes", "no"],
  setVariable: ["next"],
  subflow: ["completed", "error"],
  transferToQueue: ["failure"],
  disconnect: [],
  return: [],
};

/** Node types that end a path. */
export const TERMINAL_NODE_TYPES: readonly NodeType[] = ["disconnect", "transferToQueue", "return"];
