// The Archy compiler: flow model -> Archy YAML, pure and deterministic.
export { compileModule, moduleArchy, checkModuleGraph, MAX_MODULE_EXPANSION, OUTCOME_VARIABLE } from "./compileModule";
export { compileInboundCall, inboundCallArchy, outcomeVariables, type InboundCallCompileOptions } from "./compileInboundCall";
export { renderWithSubstitutions, moduleRevision, unsafeReason, type RenderReference } from "./render";
export { toArchyYaml, parseArchyYaml, ARCHY_HEADER } from "./archyYaml";
