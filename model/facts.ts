// The facts about one flow that the components carry as plain, known values (in their args and
// registered outputs), so the policy pack can run the project's checks during `pulumi preview`,
// before anything is published. The one contract between components/ (which fill it), and
// policies/ and org/stackExport.ts (which read it back from the engine and from the state). Pure
// types, constants and the registered form of the facts.
import { gunzipSync, gzipSync } from "node:zlib";
import type { FlowKind } from "./kinds";
import type { FlowModel } from "./schema";
import { ROUTING_KIND_UNITS, type RoutingFile, type RoutingKind } from "./routing/schema";

/** Type tokens of the components (the policy pack matches on these strings). */
export const COMMON_MODULE_TYPE = "genesys-flows:index:CommonModule";
export const INTERACTION_FLOW_TYPE = "genesys-flows:index:InteractionFlow";
/** Earlier type tokens, kept as aliases so existing stacks update in place instead of replacing. */
export const LEGACY_MODULE_TYPE = "genesys-flows:index:SharedModule";
export const LEGACY_CALLER_TYPE = "genesys-flows:index:InboundCallFlow";
/** Type token of the official provider's flow resource. */
export const GENESYS_FLOW_TYPE = "genesyscloud:index/flow:Flow";

/** True for the components whose outputs carry FlowFacts. */
export function carriesFacts(type: string): boolean {
  return (
    type === COMMON_MODULE_TYPE ||
    type === INTERACTION_FLOW_TYPE ||
    type === LEGACY_MODULE_TYPE ||
    type === LEGACY_CALLER_TYPE
  );
}

/** A module a flow calls directly. */
export interface CalledModuleFacts {
  id: string;
  /** `name` in the module's flow file (what subflow nodes reference). */
  name: string;
  publishedName: string;
}

export interface FlowFacts {
  /** Pulumi stack name, e.g. `dev`. */
  stack: string;
  /** Environment name from the stack settings, e.g. `dev`, `prod`, `local`. */
  environment: string;
  /** Prefix of every published flow name in this stack, e.g. `dev-`. */
  namePrefix: string;
  forceUnlock: boolean;
  /** Why the stack skips the org-reference check, when it does. */
  skipOrgReferenceCheck?: string;
  /** The flow's id (path under flows/ without the extension). */
  id: string;
  /** The flow file, relative to the project root. */
  file: string;
  kind: FlowKind;
  /** Published flow name (prefix applied, substituted; or the name the stack keeps for an adopted flow). */
  publishedName: string;
  /** The published name is the one the stack keeps for an adopted flow (`genesys-flows:flows.<id>.name`): no prefix. */
  nameKept?: true;
  /** The validated flow model with this stack's substitutions applied, as plain JSON. */
  model: FlowModel;
  /** The modules this flow calls directly. */
  calls: CalledModuleFacts[];
  /** Substitution keys given for this flow (values are not carried: they may be sensitive). */
  substitutionKeys: string[];
}

/**
 * The facts as a component registers them in its outputs (what the policy pack and the stack's
 * state hold): the model as one gzipped JSON text in base64. The pack decodes it once per component
 * and process (policies/resources.ts); as a nested object, @pulumi/policy deserialized it again for
 * every stack policy (each rule is one), and the engine's checkpoint held it as a tree of property
 * values. Gzipped because the engine writes the whole checkpoint after every resource step
 * (pulumi/pulumi#10960), so a first deploy at scale pays for every byte of every model once per
 * step: a 50-node flow's model is 6.5 KB as JSON and about 1.3 KB gzipped in base64.
 */
export type RegisteredFlowFacts = Omit<FlowFacts, "model"> & { modelGzip: string };

/** FlowFacts -> their registered form. Pure and deterministic (gzip with a zero timestamp). */
export function registeredFacts(facts: FlowFacts): RegisteredFlowFacts {
  const { model, ...rest } = facts;
  return { ...rest, modelGzip: gzipSync(JSON.stringify(model)).toString("base64") };
}

/**
 * The facts as a component registers them, in its inputs (the small facts) and its outputs (the
 * registered facts): one JSON text. Not a nested object: the engine handles a registered value
 * property by property (its marshalling, and Pulumi 3.259's automatic log in ~/.pulumi/logs, which
 * writes one debug line per property of every registration, for every pass of every run), and
 * @pulumi/policy deserializes each property of each resource it hands the pack. As one text the
 * facts are one property, and a no-op preview or up spends less CPU in the engine and the pack
 * (docs/benchmark.md). Deterministic: the same facts give the same text (JSON.stringify keeps the
 * order the planner builds them in), so unchanged facts stay the same step.
 */
export function encodeRegisteredFacts(facts: object): string {
  return JSON.stringify(facts);
}

/**
 * Registered facts as the engine or the state gives them back: the JSON text parsed; an object as
 * it is (a stack last deployed before the facts were one text, or facts built by hand); anything
 * else with the reason it is not facts.
 */
export function decodeRegisteredFacts(value: unknown): { facts: Record<string, unknown> } | { problem: string } {
  if (value === undefined || value === null) return { problem: "it registered no facts" };
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value) as unknown;
    } catch (e) {
      return { problem: `its facts are not JSON text (${(e as Error).message})` };
    }
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    return {
      problem: `its facts are not an object (${parsed === null ? "null" : Array.isArray(parsed) ? "an array" : typeof parsed})`,
    };
  return { facts: parsed as Record<string, unknown> };
}

/** The registered facts of a resource read from the state (outputs, else inputs), or undefined when it has none that decode. */
export function stateFacts(value: unknown): Record<string, unknown> | undefined {
  const decoded = decodeRegisteredFacts(value);
  return "facts" in decoded ? decoded.facts : undefined;
}

/** A model's decoded text is never larger than this: more is not a model this stack registered. */
const MAX_MODEL_JSON_BYTES = 64 * 1024 * 1024;

/**
 * The JSON text of a registered model (RegisteredFlowFacts.modelGzip), or undefined when the text
 * is not gzip in base64 (or decodes to more than 64 MiB).
 */
export function registeredModelJson(modelGzip: string): string | undefined {
  try {
    return gunzipSync(Buffer.from(modelGzip, "base64"), { maxOutputLength: MAX_MODEL_JSON_BYTES }).toString("utf8");
  } catch {
    return undefined;
  }
}

/** A flow outside the stack that calls a module of the stack, as the org's dependency tracking reports it. */
export interface OutsideCallerFacts {
  flowId: string;
  name: string;
  /** Dependency tracking type, e.g. INBOUNDCALLFLOW. */
  type: string;
  /** The caller's own published version. */
  version: string;
  /** The module version it runs. */
  moduleVersion?: string;
}

/**
 * What the org said about a module before this run (verify/orgFacts.ts): registered as the
 * module component's `outsideCallers` output (plain, known during preview) for the rule
 * module-outside-callers. Outputs only, not inputs: a change in the org alone is no change to the
 * stack.
 */
export interface ModuleOrgFacts {
  /** The module publishes new content in this run (its revision differs from the deployed one). */
  changes: boolean;
  /** The module's published version in the org. */
  publishedVersion?: string;
  /** Where the org was read, and its dependency tracking status. */
  target: string;
  dependencyTracking: string;
  callers: OutsideCallerFacts[];
}

/** Type tokens of the routing components (components/routing.ts), one per routing kind. */
export const ROUTING_TYPES: Readonly<Record<RoutingKind, string>> = Object.fromEntries(
  ROUTING_KIND_UNITS.map((u) => [u.kind, u.componentType]),
) as Record<RoutingKind, string>;

/** The routing kind a component type token stands for, if it is a routing component. */
export function routingKindOfType(type: string): RoutingKind | undefined {
  return (Object.keys(ROUTING_TYPES) as RoutingKind[]).find((k) => ROUTING_TYPES[k] === type);
}

/**
 * What a routing component carries as its plain, known inputs: the object as the stack deploys it
 * (the file's value with the stack's values applied) and the file's text, so the policy pack runs
 * the routing checks (checks/routing.ts) and points at the same lines as lint and the planner.
 */
export interface RoutingFacts {
  /** Routing id: the file's path under routing/ without .yaml (not `id`: Pulumi reserves that property). */
  routingId: string;
  /** The routing file, relative to the project root. */
  file: string;
  kind: RoutingKind;
  /** The stack's prefix and the object's name. */
  publishedName: string;
  value: RoutingFile;
  /** The routing file's text as read (for lines in messages). */
  source: string;
}
