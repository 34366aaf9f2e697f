// A flow kind as data: what the compiler, the checks, the planner and the components need to
// know about a kind of flow. Code asks the descriptor ("does this kind allow that node type?",
// "what is its Archy key?") and never tests a kind by name. A kind file writes a FlowKindSpec;
// the registry (index.ts) derives the rest: the kind's name type, the node types it offers (from
// the Archy catalogue, see nodeTypesOf) and the kinds that may call a module.
import type { z } from "zod";
import type { Terminator } from "../../archy/construct";
import { builtinVariablesOf, flowTypeInfo } from "../../archy/catalogue/flowTypes";
import type { NodeType } from "../nodes";

export type { Terminator } from "../../archy/construct";

export interface FlowKindSpec<K extends string = string> {
  /** The model's `kind:` value. */
  kind: K;
  /** How people call it in messages, e.g. "inbound call flow". */
  title: string;
  /** A short label for tables and summaries, e.g. "call", "module". */
  label: string;
  /** The single top-level key of the compiled Archy file (its Archy flow type in archy/catalogue/flowTypes.ts). */
  archyKey: string;
  /** Genesys API flow type, upper case as the API returns it (`type` of a flow): its Archy flow type's. */
  apiType: string;
  /** Genesys API flow type, lower case (query parameters, `compatibleFlowTypes`). */
  flowType: string;
  /** Common modules are called by other flows; they declare inputs/outputs and end in `return`. */
  isModule: boolean;
  /** Archy scope of the flow's own variables: `Flow.` or `Common.`. */
  variableScope: "Flow" | "Common";
  /**
   * How the compiled body is laid out, as real exports of this type do: reusable `tasks` (call
   * flows), `states` with tasks (digital flows, workflows), `bots` with tasks (bot flows), or one
   * `startUpTaskActions` list (modules, in-queue calls), or the start-up state of an in-queue email or
   * message flow (`startUpState`, beside its periodic state).
   */
  body: "tasks" | "states" | "bots" | "startUpTaskActions" | "startUpState";
  /**
   * Whether a node reached from several places may become a reusable task entered with
   * `callTask` (real exports of this type hold `tasks`); otherwise it is repeated in each branch.
   */
  reusableTasks: boolean;
  /**
   * Node types the catalogue would offer this kind (every Archy action they compile to exists in
   * the kind's flow type) that it does not, each with the reason. Keep it short and explained.
   */
  excludes?: Readonly<Record<string, string>>;
  /**
   * `languages`: no real export of this type carries a defaultLanguage or supportedLanguages, so
   * the compiler writes none of its own (a flow may still give them in archySettings; the import
   * keeps an export's there). A division and a description, which the SDK gives every flow type,
   * are written whenever the flow sets them.
   */
  omits?: readonly "languages"[];
  /** Built-in variables readable in expressions, with their Archy types. */
  builtins: Readonly<Record<string, string>>;
  /**
   * Flow-level keys this kind adds to the model (zod shape), e.g. `defaultLanguage`, module
   * `inputs`; a function when they depend on the other kinds (a module's compatible flow types are
   * the kinds that can call one).
   */
  shape: z.ZodRawShape | ((registry: { callerKinds: readonly [string, ...string[]] }) => z.ZodRawShape);
  /** What a path that ends without a terminating node falls through to ("none": nothing, the flow type repeats). */
  fallthrough: Terminator;
  /**
   * Flow-level Archy settings the compiled file carries, as real exports of the type have them
   * (error handling, the greeting of a call, email handling, hold music...). Pure data.
   */
  archySettings: Readonly<Record<string, unknown>>;
  /** Flow-level settings added when the compiled flow has menus (kinds whose node types include `menu`). */
  menuSettings?: Readonly<Record<string, unknown>>;
}

/** A kind as the project uses it: its spec, the node types it offers and its model fields (index.ts: FlowKindDescriptor). */
export interface KindDescriptor<K extends string> extends Omit<FlowKindSpec<K>, "shape"> {
  /** Node types a flow of this kind may use (derived: see model/kinds/index.ts). */
  nodeTypes: readonly NodeType[];
  shape: z.ZodRawShape;
}

/**
 * What a kind may leave out: by default it is no module, its own variables are `Flow.`, its Archy key
 * is its name, and its API types (upper and lower case) and built-in variables are the catalogue's
 * for its Archy key.
 */
type Defaulted = "isModule" | "variableScope" | "archyKey" | "builtins";

/** Defines a kind, keeping its `kind` name as a literal type (the registry derives FlowKind from it). */
export function defineKind<K extends string>(
  spec: Omit<FlowKindSpec<K>, Defaulted | "apiType" | "flowType"> & Partial<Pick<FlowKindSpec<K>, Defaulted>>,
): FlowKindSpec<K> {
  const archyKey = spec.archyKey ?? spec.kind;
  const flowType = flowTypeInfo(archyKey);
  if (flowType === undefined)
    throw new Error(`kind ${spec.kind}: no Archy flow type ${archyKey} in archy/catalogue/flowTypes.ts`);
  return {
    isModule: false,
    variableScope: "Flow",
    builtins: builtinVariablesOf(archyKey),
    ...spec,
    archyKey,
    apiType: flowType.apiType,
    flowType: flowType.lowerType,
  };
}
