// The facts about one flow that the components carry in their args as plain, known values,
// so the policy pack can check them during `pulumi preview` before anything is published.
// Shared contract between components/ (which fill it) and policies/ (which read it). Pure types.
import type { CommonModuleFlow, FlowModel } from "./model/schema";

/** Static type tokens of the components (the policy pack matches on these strings). */
export const SHARED_MODULE_TYPE = "genesys-flows:index:SharedModule";
export const INBOUND_CALL_FLOW_TYPE = "genesys-flows:index:InboundCallFlow";
/** Type token of the official provider's flow resource. */
export const GENESYS_FLOW_TYPE = "genesyscloud:index/flow:Flow";

/** The interface of the module a caller was compiled against. */
export interface ModuleInterfaceFacts {
  /** `name` in the module's flow file (what subflow nodes reference). */
  name: string;
  /** Published name in the org (stack prefix applied). */
  publishedName: string;
  compatibleFlowTypes: CommonModuleFlow["compatibleFlowTypes"];
  inputs: CommonModuleFlow["inputs"];
  outputs: CommonModuleFlow["outputs"];
  /** True when the module itself contains subflow nodes (modules may not call modules). */
  callsModules: boolean;
}

export interface FlowFacts {
  /** Pulumi stack name, e.g. `dev`. */
  stack: string;
  /** Environment name from stack config, e.g. `dev`, `prod`, `local`. */
  environment: string;
  /** Prefix every published flow name must carry in this stack, e.g. `dev-`. */
  namePrefix: string;
  /** The flow file, relative to the project root. */
  file: string;
  /** Published flow name (prefix applied). */
  publishedName: string;
  /** The validated flow model, as plain JSON. */
  model: FlowModel;
  /** For callers: the module they are compiled against. Absent for the module itself. */
  module?: ModuleInterfaceFacts;
  forceUnlock: boolean;
  /** Substitution keys given for this flow (values are not carried: they may be sensitive). */
  substitutionKeys: string[];
  /** `{{placeholders}}` still present in the compiled YAML after substitution (should be empty). */
  unresolvedPlaceholders: string[];
}
