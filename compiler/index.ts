// The Archy compiler: flow model -> Archy YAML, pure and deterministic.
export { compileFlow, compileFlowLocated, compileToArchy, type CompileOptions } from "./compile";
export { MAX_EXPANSION } from "./emit";
export { CompiledSources, type SourceRecorder, type ActionSource, type EdgeSource, type ActionOrigin } from "./sources";
export type { ModuleRef } from "./context";
export { OUTCOME_VARIABLE, RESERVED_OUTCOME_NAME } from "../model/types";
export { renderWithSubstitutions, moduleRevision, unsafeReason, type RenderReference } from "./render";
export { toArchyYaml, parseArchyYaml, ARCHY_HEADER } from "./archyYaml";
