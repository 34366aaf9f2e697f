// The Archy compiler: flow model -> Archy YAML, pure and deterministic.
export { compileFlow, compileFlowLocated, compileToArchy } from "./compile";
export { CompiledSources, type ActionSource, type EdgeSource } from "./sources";
export type { ModuleRef } from "./context";
export { renderWithSubstitutions, moduleRevision } from "./render";
export { parseArchyYaml } from "./archyYaml";
