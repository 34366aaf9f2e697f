// Real callers' journeys, kept from an org's historical flow execution data (issue 77 item 2):
// each downloaded execution (the file Genesys's "Historical flow execution data overview" shows,
// https://help.mypurecloud.com/articles/historical-flow-execution-data-overview/) is mapped to the
// stack's nodes through the configuration of the version that ran (its actions' ids, tracking
// numbers, output paths and places in the document) and the compiler's record of which node wrote
// the action at each place (compiler/sources.ts actionNodesOf). What is kept is journeys, not
// conversations: per flow and version, the distinct paths with their counts. Values (callers'
// numbers, what they typed) are personal: kept only when asked. Every limit of the data is
// counted and named, never dropped silently. Pure: the reads are org/executionData.ts's.
import { createHash } from "node:crypto";
import { z } from "zod";
import { cmp, isMap } from "../archy/json";

/** A flow of the stack as it compiles now. */
export interface StackFlow {
  id: string;
  file: string;
  publishedName: string;
  /** The compiled Archy as published (parsed). */
  doc: unknown;
  /** The node each compiled action was written for, by its path in the document. */
  actionNodes: Readonly<Record<string, string>>;
  /**
   * A common module's name in its file. A module has no executions of its own: its actions run
   * inside its callers' (Call Common Module), kept as steps `<moduleName>.<node>`, as the behaviour
   * journeys name a module's nodes.
   */
  moduleName?: string;
}

/** An action of a version's configuration (GET /api/v2/flows/{id}/versions/{v}/configuration). */
export interface ConfigAction {
  actionId: string;
  trackingId: number;
  type: string;
  name: string;
  path: string;
  outputPaths: Record<string, string>;
}

export interface VersionConfig {
  flowId: string;
  version: string;
  document: unknown;
  actions: ConfigAction[];
}

/** A downloaded execution file. */
export interface ExecutionFile {
  flow: { flowId: string; flowName: string; flowVersion: string; flowErrorReason?: string; execution: Array<Record<string, Record<string, unknown>>> };
}

/** What the pull itself could not see. */
export interface PullLimits {
  queries: number;
  /** Windows still full (the 200 cap) at the narrowest the pull splits to: executions may be missing. */
  cappedWindows: string[];
  /** Executions found whose download failed, by id. */
  failedDownloads: string[];
  /** Executions found of flows the stack does not deploy (not downloaded), by flow name. */
  flowsNotInStack: Record<string, number>;
}

export interface Journey {
  id: string;
  count: number;
  /** `<node>` or `<node> -> <output path>`, in the order they ran. */
  steps: string[];
  ending?: string;
  /** "<step or (start)>: <variable>" -> values: what the log level recorded where (values only with keepValues). */
  inputs?: Record<string, string[]>;
}

export interface TrafficFile {
  stack: string;
  window: { from: string; to: string };
  keepValues: boolean;
  flows: Array<{ name: string; flowId: string; file: string; versions: Array<{ version: string; inStack: boolean; executions: number; journeys: Journey[] }> }>;
  limits: {
    queries: number;
    cappedWindows: string[];
    failedDownloads: string[];
    flowsWithoutData: string[];
    /** Executions of flows the stack does not deploy, by flow name. */
    flowsNotInStack: Record<string, number>;
    /** Versions whose document is not what the stack compiles now ("<flow> <version>"). */
    versionsNotInStack: string[];
    /** Actions that ran but map to no node of the stack now: "<flow> <version> <type> "<name>" (tracking <n>)" -> runs. */
    unmappedActions: Record<string, number>;
  };
}

const DEFAULT_PATH = "__DEFAULT__";

/** The value at a path of the validator's format (`inboundCall.tasks[0].task.actions[1]`). */
function at(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const [, key, index] of path.matchAll(/\.?([^.[\]]+)|\[(\d+)\]/g)) {
    if (index !== undefined) v = Array.isArray(v) ? v[Number(index)] : undefined;
    else v = isMap(v) ? v[key] : undefined;
  }
  return v;
}

/** Keys sorted at every level, two-space indented: the same journeys give the same bytes. */
export function sortedJson(value: unknown): string {
  const sort = (v: unknown): unknown => (Array.isArray(v) ? v.map(sort) : isMap(v) ? Object.fromEntries(Object.keys(v).sort(cmp).map((k) => [k, sort(v[k])])) : v);
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

type Mapped = { node: string; outputs: Map<string, string> } | "compiler" | "unmapped";

/** Each action of a version: the stack's node that wrote it, an action the compiler added, or none any more. */
function mapVersion(config: VersionConfig, flow: StackFlow): Map<string, Mapped> {
  const out = new Map<string, Mapped>();
  for (const a of config.actions) {
    const now = at(flow.doc, a.path);
    const body = isMap(now) ? now[a.type] : undefined;
    const same = isMap(body) && (body.name ?? "") === a.name;
    const node = flow.actionNodes[a.path];
    out.set(a.actionId, !same ? "unmapped" : node === undefined ? "compiler" : { node, outputs: new Map(Object.entries(a.outputPaths).map(([name, id]) => [id, name])) });
  }
  return out;
}

/**
 * The modules' actions, by id, from the configuration of each module's published version (by its
 * published name): where a caller's execution ran a module, its steps are the module's nodes.
 */
function moduleActions(flows: readonly StackFlow[], configs: ReadonlyMap<string, VersionConfig>): Map<string, Mapped> {
  const out = new Map<string, Mapped>();
  for (const flow of flows) {
    const config = flow.moduleName !== undefined ? configs.get(flow.publishedName) : undefined;
    if (!config) continue;
    for (const [id, m] of mapVersion(config, flow)) out.set(id, typeof m === "string" ? m : { ...m, node: `${flow.moduleName}.${m.node}` });
  }
  return out;
}

export function keepJourneys(input: { stack: string; window: { from: string; to: string }; flows: readonly StackFlow[]; configs: ReadonlyMap<string, VersionConfig>; moduleConfigs?: ReadonlyMap<string, VersionConfig>; executions: readonly ExecutionFile[]; pull: PullLimits; keepValues: boolean }): TrafficFile {
  const byName = new Map(input.flows.map((f) => [f.publishedName, f]));
  const inModules = moduleActions(input.flows, input.moduleConfigs ?? new Map());
  const notInStack: Record<string, number> = { ...input.pull.flowsNotInStack };
  const unmapped: Record<string, number> = {};
  const versionsNotInStack = new Set<string>();
  const kept = new Map<string, { flow: StackFlow; flowId: string; version: string; inStack: boolean; executions: number; journeys: Map<string, Journey> }>();
  /** Per version that ran: its actions mapped, and whether it is what the stack compiles now (once each). */
  const mappings = new Map<string, { actions: Map<string, Mapped>; inStack: boolean }>();
  for (const { flow: run } of input.executions) {
    const flow = byName.get(run.flowName);
    if (!flow) {
      notInStack[run.flowName] = (notInStack[run.flowName] ?? 0) + 1;
      continue;
    }
    const key = `${run.flowId}@${run.flowVersion}`;
    const config = input.configs.get(key);
    const label = `${run.flowName} ${run.flowVersion}`;
    if (!mappings.has(key)) mappings.set(key, { actions: config ? mapVersion(config, flow) : new Map(), inStack: config !== undefined && sortedJson(config.document) === sortedJson(flow.doc) });
    const { actions: mapping, inStack } = mappings.get(key)!;
    if (!inStack) versionsNotInStack.add(label);
    const steps: string[] = [];
    const inputs: Record<string, Set<string>> = {};
    // Where each variable was recorded: the start, or the step whose action set it (the branch its value chose).
    const note = (where: string, vars: unknown) => {
      if (isMap(vars)) for (const [k, v] of Object.entries(vars)) (inputs[`${where}: ${k}`] ??= new Set()).add(input.keepValues ? String(v) : "");
    };
    for (const item of run.execution) {
      const [type, body] = Object.entries(item)[0] ?? [];
      if (!isMap(body)) continue;
      note("(start)", body.variables);
      if (typeof body.actionId !== "string") continue;
      const m = mapping.get(body.actionId) ?? inModules.get(body.actionId) ?? "unmapped";
      if (m === "compiler") continue;
      if (m === "unmapped") {
        const action = config?.actions.find((a) => a.actionId === body.actionId);
        const what = `${label} ${action?.type ?? type} "${action?.name ?? String(body.actionName ?? "")}" (tracking ${String(body.trackingId)})`;
        unmapped[what] = (unmapped[what] ?? 0) + 1;
        steps.push(`? tracking ${String(body.trackingId)}`);
        note(steps[steps.length - 1], body.outputVariables);
        continue;
      }
      const pathId = String(body.outputPathId ?? DEFAULT_PATH);
      steps.push(pathId === DEFAULT_PATH ? m.node : `${m.node} -> ${m.outputs.get(pathId) ?? pathId}`);
      note(steps[steps.length - 1], body.outputVariables);
    }
    const entry = kept.get(key) ?? { flow, flowId: run.flowId, version: run.flowVersion, inStack, executions: 0, journeys: new Map() };
    kept.set(key, entry);
    entry.executions++;
    const ending = run.flowErrorReason ? `error: ${run.flowErrorReason}` : undefined;
    const id = createHash("sha256").update(JSON.stringify([flow.publishedName, run.flowVersion, steps, ending ?? null])).digest("hex").slice(0, 12);
    const journey = entry.journeys.get(id) ?? { id, count: 0, steps, ...(ending ? { ending } : {}) };
    entry.journeys.set(id, journey);
    journey.count++;
    for (const [k, values] of Object.entries(inputs)) {
      const all = new Set([...(journey.inputs?.[k] ?? []), ...values]);
      journey.inputs = { ...journey.inputs, [k]: [...all].filter((v) => input.keepValues || v !== "").sort(cmp) };
    }
  }
  const flows = input.flows
    .map((flow) => {
      const versions = [...kept.values()].filter((k) => k.flow === flow);
      return {
        name: flow.publishedName,
        flowId: versions[0]?.flowId ?? "",
        file: flow.file,
        versions: versions
          .map((k) => ({ version: k.version, inStack: k.inStack, executions: k.executions, journeys: [...k.journeys.values()].sort((a, b) => b.count - a.count || cmp(a.id, b.id)) }))
          .sort((a, b) => cmp(a.version, b.version)),
      };
    })
    .sort((a, b) => cmp(a.name, b.name));
  return {
    stack: input.stack,
    window: input.window,
    keepValues: input.keepValues,
    flows: flows.filter((f) => f.versions.length > 0),
    limits: {
      queries: input.pull.queries,
      cappedWindows: [...input.pull.cappedWindows].sort(cmp),
      failedDownloads: [...input.pull.failedDownloads].sort(cmp),
      flowsWithoutData: flows.filter((f) => f.versions.length === 0 && byName.get(f.name)?.moduleName === undefined).map((f) => f.name),
      flowsNotInStack: notInStack,
      versionsNotInStack: [...versionsNotInStack].sort(cmp),
      unmappedActions: unmapped,
    },
  };
}

const PulledJourney = z.object({ id: z.string(), count: z.number().int().nonnegative(), steps: z.array(z.string()), ending: z.string().optional() });
const PulledVersion = z.object({ version: z.string(), inStack: z.boolean(), executions: z.number().int().nonnegative(), journeys: z.array(PulledJourney) });
/** What the review, the scenarios and the coverage read of a pulled file (a TrafficFile is one): the journeys, the window, the pull's own limits. */
const Pulled = z.object({
  stack: z.string(),
  window: z.object({ from: z.string(), to: z.string() }),
  flows: z.array(z.object({ name: z.string(), file: z.string(), versions: z.array(PulledVersion) })),
  limits: z.object({ cappedWindows: z.array(z.string()), failedDownloads: z.array(z.string()) }),
});
export type PulledTraffic = z.infer<typeof Pulled>;

/** A pulled file's text, checked (a TrafficFile is one); throws an Error naming the first field at fault. */
export function parseTraffic(text: string): PulledTraffic {
  const r = Pulled.safeParse(JSON.parse(text));
  if (!r.success) throw new Error(`not a file traffic pull writes: ${r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)[0]}`);
  return r.data;
}

/** Where `traffic pull` writes a stack's journeys by default (git-ignored local state), and the review reads them. */
export const pulledFile = (stack: string): string => `.work/traffic/${stack}.json`;
