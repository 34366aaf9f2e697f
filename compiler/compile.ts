// Compiles one flow of a portfolio to Archy YAML. Same model and options => byte-identical text.
import type { LoadedFlow } from "../model/schema";
import { toArchyYaml } from "./archyYaml";
import type { ModuleRef } from "./context";
import { emitFlow } from "./emit";
import { layoutFlow } from "./layout";
import { actionNodesOf, CompiledSources, type SourceRecorder } from "./sources";

export interface CompileOptions {
  /** The flow's published name (stack prefix applied). */
  publishedName: string;
  /** The portfolio's modules by model name (callers reference them by published name). */
  modules: ReadonlyMap<string, ModuleRef>;
  /** Told which node or transition each action is written for (see sources.ts); the document is the same with or without it. */
  sources?: SourceRecorder;
}

/** The compiled Archy object (before YAML). Exported for tests. */
export function compileToArchy(flow: LoadedFlow, options: CompileOptions): Record<string, unknown> {
  return layoutFlow(
    flow.model,
    options.publishedName,
    emitFlow(flow, { modules: options.modules, sources: options.sources }),
  );
}

export function compileFlow(flow: LoadedFlow, options: CompileOptions): string {
  return toArchyYaml(compileToArchy(flow, options));
}

/** The compiled text, with the node each action was written for by its path (sources.ts actionNodesOf). */
export function compileFlowLocated(
  flow: LoadedFlow,
  options: Omit<CompileOptions, "sources">,
): { yaml: string; actionNodes: Record<string, string> } {
  const sources = new CompiledSources();
  const doc = compileToArchy(flow, { ...options, sources });
  return { yaml: toArchyYaml(doc), actionNodes: actionNodesOf(doc, sources) };
}
