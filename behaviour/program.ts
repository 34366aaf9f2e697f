// The compiled flows a behaviour run executes: each flow of a stack compiled to the Archy it
// publishes (with the stack's substitutions), indexed for running (tasks, menus and states by
// refId, modules by published name) and with its source map (which node and transition each action
// stands for: compiler/sources.ts). Built from the planner's portfolio, it is checked to be exactly
// the document the provider uploads; built from flow files alone (the flow diff), placeholders stay
// as written. Pure.
import { isDeepStrictEqual } from "node:util";
import { CompiledSources, compileToArchy, parseArchyYaml, type ModuleRef } from "../compiler";
import { FLOW_KINDS } from "../model/kinds";
import { isModuleModel, type FlowModel, type ModuleModel } from "../model/schema";
import type { Portfolio } from "../planner/portfolio";
import { isMap } from "../archy/json";

type Body = Record<string, unknown>;

export interface CompiledFlow {
  /** The flow's id (its path under flows/ without the extension). */
  id: string;
  file: string;
  /** The model the flow was compiled from (the stack's substitutions applied). */
  model: FlowModel;
  publishedName: string;
  /** The top-level key of the document (`inboundCall`, `commonModule`, ...). */
  archyKey: string;
  /** The document's body (`doc[archyKey]`). */
  body: Body;
  sources: CompiledSources;
  tasks: ReadonlyMap<string, Body>;
  menus: ReadonlyMap<string, Body>;
  states: ReadonlyMap<string, Body>;
  bots: ReadonlyMap<string, Body>;
}

export interface Program {
  flows: ReadonlyMap<string, CompiledFlow>;
  /** A flow by its published name, as callCommonModule names a module (compared as Genesys compares names: ignoring case). */
  byPublishedName(name: string): CompiledFlow | undefined;
  /** A module by its model name (a module compiled into another names its nodes' module by it). */
  moduleByName(name: string): CompiledFlow | undefined;
}

/** A flow to compile: its id, file, model (substitutions applied) and published name. */
export interface ProgramFlow {
  id: string;
  file: string;
  model: FlowModel;
  publishedName: string;
}

/** `[{task: {refId, ...}}]` -> refId -> the element's body. */
function byRefId(list: unknown, element: string): Map<string, Body> {
  const out = new Map<string, Body>();
  if (!Array.isArray(list)) return out;
  for (const item of list) {
    const body = isMap(item) ? item[element] : undefined;
    if (isMap(body) && typeof body.refId === "string") out.set(body.refId, body);
  }
  return out;
}

function indexFlow(flow: ProgramFlow, doc: Body, sources: CompiledSources): CompiledFlow {
  const archyKey = FLOW_KINDS[flow.model.kind].archyKey;
  const body = isMap(doc[archyKey]) ? (doc[archyKey] as Body) : {};
  const states = byRefId(body.states, "state");
  for (const key of ["startUpState", "periodicState"])
    if (isMap(body[key]) && typeof (body[key] as Body).refId === "string")
      states.set((body[key] as Body).refId as string, body[key] as Body);
  return {
    ...flow,
    archyKey,
    body,
    sources,
    tasks: byRefId(body.tasks, "task"),
    menus: byRefId(body.menus, "menu"),
    states,
    bots: byRefId(body.bots, "bot"),
  };
}

/**
 * Compiles every flow with a source map. `published`, when given, is the Archy text each flow is
 * published with (by id): the compiled document must equal it, or the run would not be of what
 * Genesys runs.
 */
export function compileProgram(flows: readonly ProgramFlow[], published?: ReadonlyMap<string, string>): Program {
  const modules = new Map<string, ModuleRef>();
  for (const f of flows)
    if (isModuleModel(f.model))
      modules.set(f.model.name, { publishedName: f.publishedName, model: f.model as ModuleModel });
  const compiled = new Map<string, CompiledFlow>();
  for (const f of flows) {
    const sources = new CompiledSources();
    const doc = compileToArchy({ file: f.file, model: f.model }, { publishedName: f.publishedName, modules, sources });
    const text = published?.get(f.id);
    if (text !== undefined && !isDeepStrictEqual(JSON.parse(JSON.stringify(doc)), parseArchyYaml(text))) {
      throw new Error(
        `${f.file}: the flow compiled for the behaviour run differs from the Archy the stack publishes; please report this`,
      );
    }
    compiled.set(f.id, indexFlow(f, doc, sources));
  }
  return programOf(compiled);
}

/**
 * The program of Archy documents as an org holds them (the emulator's published versions, which
 * have no flow model): each indexed as compiled flows are, with no source map, so a run reports
 * the Archy actions it runs but no nodes. `model` carries the kind and name only.
 */
export function programOfDocuments(
  flows: ReadonlyArray<Omit<ProgramFlow, "model"> & { model: Pick<FlowModel, "kind" | "name">; doc: Body }>,
): Program {
  // The interpreter reads a flow's model for its kind (and for nodes through the source map, empty here).
  return programOf(
    new Map(
      flows.map((f) => [
        f.id,
        indexFlow({ ...f, model: { ...f.model, nodes: {} } as unknown as FlowModel }, f.doc, new CompiledSources()),
      ]),
    ),
  );
}

function programOf(compiled: ReadonlyMap<string, CompiledFlow>): Program {
  const byName = new Map<string, CompiledFlow>();
  const byModel = new Map<string, CompiledFlow>();
  for (const f of compiled.values()) {
    byName.set(f.publishedName.toLowerCase(), f);
    if (isModuleModel(f.model)) byModel.set(f.model.name, f);
  }
  return {
    flows: compiled,
    byPublishedName: (name) => byName.get(name.toLowerCase()),
    moduleByName: (name) => byModel.get(name),
  };
}

/** The program of a stack's portfolio: what the planner compiled and substituted, exactly. */
export function programOfPortfolio(portfolio: Portfolio): Program {
  return compileProgram(
    portfolio.flows.map((f) => ({ id: f.id, file: f.file, model: f.substitutedModel, publishedName: f.publishedName })),
    new Map(portfolio.flows.map((f) => [f.id, f.substitutedYaml])),
  );
}

/**
 * The program of flow files as written (the flow diff's base and head): ids from their paths under
 * flows/, published names as the files give them, placeholders left as written.
 */
export function programOfFlowFiles(flows: ReadonlyMap<string, { file: string; model: FlowModel }>): Program {
  return compileProgram(
    [...flows.values()].map((f) => ({
      id: f.file.replace(/^(.*\/)?flows\//, "").replace(/\.ya?ml$/i, ""),
      file: f.file,
      model: f.model,
      publishedName: f.model.name,
    })),
  );
}
