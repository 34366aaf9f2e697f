// A flow kind as data: what the compiler, the checks, the planner and the components need to
// know about a kind of flow. Code asks the descriptor ("does this kind allow that node type?",
// "what is its Archy key?") and never tests a kind by name.
import type { z } from "zod";
import type { NodeType } from "../nodes";

export type FlowKind =
  | "commonModule"
  | "inboundCall"
  | "inboundEmail"
  | "inboundShortMessage"
  | "inQueueCall"
  | "outboundCall"
  | "secureCall"
  | "inboundChat"
  | "workflow"
  | "workitem"
  | "surveyInvite"
  | "botFlow"
  | "digitalBot"
  | "voiceSurvey"
  | "inQueueEmail"
  | "inQueueShortMessage";

/**
 * The Archy action that ends a path which falls through (its key; `none`: nothing, the flow type
 * has no such action or repeats, as an in-queue flow does).
 */
export type Terminator = "disconnect" | "endTask" | "endWorkflow" | "exitWorkitemFlow" | "exitBotFlow" | "endState" | "none";

export interface FlowKindDescriptor {
  /** The model's `kind:` value. */
  kind: FlowKind;
  /** How people call it in messages, e.g. "inbound call flow". */
  title: string;
  /** The single top-level key of the compiled Archy file. */
  archyKey: string;
  /** Genesys API flow type, upper case as the API returns it (`type` of a flow). */
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
  /** Node types a flow of this kind may use. */
  nodeTypes: readonly NodeType[];
  /**
   * Flow-level keys no real export of this type carries (see compiler/fidelity-exceptions.yaml for
   * the rule): the compiler leaves them out, and the checks refuse a model that sets `division` or
   * `description` for such a kind.
   */
  omits?: readonly ("division" | "description" | "languages")[];
  /** Built-in variables readable in expressions, with their Archy types. */
  builtins: Readonly<Record<string, string>>;
  /** Flow-level keys this kind adds to the model (zod shape), e.g. `defaultLanguage`, module `inputs`. */
  shape: z.ZodRawShape;
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
