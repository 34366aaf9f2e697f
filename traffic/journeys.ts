// Real callers' journeys, kept from an org's historical flow execution data (issue 77 item 2):
// each downloaded execution (the file Genesys's "Historical flow execution data overview" shows,
// https://help.mypurecloud.com/articles/historical-flow-execution-data-overview/) is mapped to the
// stack's nodes through what Genesys gives: the flow and version that ran, and per item the id of
// the action (placed among the compiled document's actions by what every item of that version
// carrying it says: its kind, its name where recorded, the order the items ran in:
// traffic/actionPlaces.ts; tracking numbers are only a label, Genesys does not say how it numbers
// them), the output path it took (`__DEFAULT__`, a built-in path's `__NAME__`, or a GUID a following
// menu choice names) and a common module's own items nested in the call's `execution` list; the
// compiler's record of which node wrote each action (compiler/sources.ts actionNodesOf) gives the step. Whether a
// version is what the stack compiles now is the caller's to say (tools/traffic.ts: the stack's
// release record). What is kept is journeys, not conversations: per flow and version, the distinct
// paths with their counts. Values (callers' numbers, what they typed) are personal: kept only when
// asked. Every limit of the data is counted and named, never dropped silently. Pure: the reads are
// org/executionData.ts's.
import { createHash } from "node:crypto";
import { z } from "zod";
import { cmp, isMap } from "../archy/json";
import type { Release } from "../planner/releases";
import { builtInPathId, DEFAULT_PATH, type TrackedAction } from "../archy/trackingIds";
import { actionGraph, actionItems, ActionPlaces } from "./actionPlaces";

/** A flow of the stack as it compiles now. */
export interface StackFlow {
  id: string;
  file: string;
  publishedName: string;
  /** The compiled Archy as published (parsed). */
  doc: unknown;
  /** The node each compiled action was written for, by its path in the document. */
  actionNodes: Readonly<Record<string, string>>;
  /** Its revision now (planner/revisions.ts): what a release records it deployed. */
  revision: string;
  /**
   * A common module's name in its file. A module has no executions of its own: its actions run
   * inside its callers' (Call Common Module), kept as steps `<moduleName>.<node>`, as the behaviour
   * journeys name a module's nodes.
   */
  moduleName?: string;
}

/** A downloaded execution file. */
export interface ExecutionFile {
  flow: {
    flowId: string;
    flowName: string;
    flowVersion: string;
    flowErrorReason?: string;
    execution: Array<Record<string, Record<string, unknown>>>;
  };
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
  flows: Array<{
    name: string;
    flowId: string;
    file: string;
    versions: Array<{ version: string; inStack: boolean; executions: number; journeys: Journey[] }>;
  }>;
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

/** Keys sorted at every level, two-space indented: the same journeys give the same bytes. */
export function sortedJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : isMap(v)
        ? Object.fromEntries(
            Object.keys(v)
              .sort(cmp)
              .map((k) => [k, sort(v[k])]),
          )
        : v;
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

type Item = Record<string, unknown>;

/** The module a Call Common Module action calls, of the stack's flows. */
function calledModule(t: TrackedAction, byName: ReadonlyMap<string, StackFlow>): StackFlow | undefined {
  const own = (t.action as Record<string, Item>)[t.type];
  const called = t.type === "callCommonModule" && isMap(own.commonModule) ? Object.keys(own.commonModule)[0] : "";
  const module = byName.get(called);
  return module?.moduleName !== undefined ? module : undefined;
}

type Placing = { byName: ReadonlyMap<string, StackFlow>; placed: (f: StackFlow) => ActionPlaces };

/** Places the action ids of one execution list of `flow`, a called module's nested list too; whether any changed. */
function placeIds(items: readonly unknown[], flow: StackFlow, ctx: Placing): boolean {
  const places = ctx.placed(flow);
  const list = actionItems(items);
  let changed = places.place(list);
  for (const it of list) {
    const t = places.of(it.id);
    const module = t && calledModule(t, ctx.byName);
    if (module && Array.isArray(it.body.execution)) changed = placeIds(it.body.execution, module, ctx) || changed;
  }
  return changed;
}

type Noting = Placing & { unmapped: (item: Item, kind: string) => void; note: (where: string, vars: unknown) => void };

/**
 * The steps of one execution list of `flow` (a module's, nested in its call, as `<Module>.<node>`),
 * and the variables recorded where: each item mapped by its action id to the action of the stack's
 * document it was placed on (actionPlaces.ts); otherwise `? tracking <n>` (Genesys's label), counted.
 */
function stepsOf(items: readonly unknown[], flow: StackFlow, ctx: Noting): string[] {
  const steps: string[] = [];
  let unnamed: number | undefined;
  for (const entry of items) {
    const [kind, body] = isMap(entry) ? (Object.entries(entry)[0] ?? []) : [];
    if (!isMap(body)) continue;
    ctx.note("(start)", body.variables);
    if (typeof body.actionId !== "string") continue;
    const t = ctx.placed(flow).of(body.actionId);
    if (!t) {
      steps.push(`? tracking ${String(body.trackingId ?? body.actionId)}`);
      ctx.note(steps[steps.length - 1], body.outputVariables);
      ctx.unmapped(body, String(kind));
      continue;
    }
    // A menu choice names the path of the jump into its menu; a choice or menu is no step of its own.
    if (t.type.startsWith("menu")) {
      if (t.type !== "menu" && unnamed !== undefined)
        steps[unnamed] = `${steps[unnamed].split(" -> ")[0]} -> ${t.name}`;
      if (t.type !== "menu") unnamed = undefined;
      continue;
    }
    const node = flow.actionNodes[t.path];
    const own = (t.action as Record<string, Item>)[t.type];
    const module = calledModule(t, ctx.byName);
    if (node !== undefined) {
      const pathId = String(body.outputPathId ?? DEFAULT_PATH);
      const named = isMap(own.outputs) ? Object.keys(own.outputs).find((k) => builtInPathId(k) === pathId) : undefined;
      const path =
        pathId === DEFAULT_PATH ? undefined : (named ?? /^__(.+)__$/.exec(pathId)?.[1].toLowerCase() ?? pathId);
      unnamed = path === pathId ? steps.length : undefined;
      steps.push(
        `${flow.moduleName !== undefined ? `${flow.moduleName}.` : ""}${node}${path === undefined ? "" : ` -> ${path}`}`,
      );
      ctx.note(steps[steps.length - 1], body.outputVariables);
    }
    if (module && Array.isArray(body.execution)) steps.push(...stepsOf(body.execution, module, ctx));
  }
  return steps;
}

/**
 * The versions that ran (`<flowId>@<version>`) that are what the stack compiles now: a release of
 * the stack (planner/releases.ts) deployed the flow's revision of now as that Genesys version; for
 * a stack with no release recorded (flows published otherwise), the version the org publishes now
 * (`published`: flow id -> version).
 */
export function currentVersions(
  ran: ReadonlyArray<{ flowId: string; flowName: string; flowVersion: string }>,
  flows: readonly StackFlow[],
  history: readonly Pick<Release, "flows">[],
  published: ReadonlyMap<string, string>,
): Set<string> {
  const byName = new Map(flows.map((f) => [f.publishedName, f]));
  return new Set(
    ran
      .filter((r) => {
        const flow = byName.get(r.flowName);
        if (history.length === 0) return published.get(r.flowId) === r.flowVersion;
        return (
          flow !== undefined &&
          history.some(
            (release) =>
              release.flows[flow.id]?.revision === flow.revision && release.flows[flow.id]?.version === r.flowVersion,
          )
        );
      })
      .map((r) => `${r.flowId}@${r.flowVersion}`),
  );
}

/**
 * `current`: the versions (`<flowId>@<version>`) that are what the stack compiles now; the others'
 * journeys are kept too, mapped where their actions still agree, and named in the limits.
 */
export function keepJourneys(input: {
  stack: string;
  window: { from: string; to: string };
  flows: readonly StackFlow[];
  current: ReadonlySet<string>;
  executions: readonly ExecutionFile[];
  pull: PullLimits;
  keepValues: boolean;
}): TrafficFile {
  const byName = new Map(input.flows.map((f) => [f.publishedName, f]));
  const graphs = new Map<StackFlow, ReturnType<typeof actionGraph>>();
  const places = new Map<string, ActionPlaces>();
  /** A flow's action ids in the version `key` of the flow that ran (a module's, in its caller's). */
  const placedIn = (key: string) => (f: StackFlow) => {
    const graph = graphs.get(f) ?? graphs.set(f, actionGraph(f.doc)).get(f)!;
    const at = `${key} ${f.file}`;
    return places.get(at) ?? places.set(at, new ActionPlaces(graph)).get(at)!;
  };
  // Every version's action ids placed, until no item narrows them further (the same in any order).
  for (let changed = true; changed; ) {
    changed = false;
    for (const { flow: run } of input.executions) {
      const flow = byName.get(run.flowName);
      const placed = placedIn(`${run.flowId}@${run.flowVersion}`);
      if (flow) changed = placeIds(run.execution, flow, { byName, placed }) || changed;
    }
  }
  const notInStack: Record<string, number> = { ...input.pull.flowsNotInStack };
  const unmapped: Record<string, number> = {};
  const versionsNotInStack = new Set<string>();
  const kept = new Map<
    string,
    {
      flow: StackFlow;
      flowId: string;
      version: string;
      inStack: boolean;
      executions: number;
      journeys: Map<string, Journey>;
    }
  >();
  for (const { flow: run } of input.executions) {
    const flow = byName.get(run.flowName);
    if (!flow) {
      notInStack[run.flowName] = (notInStack[run.flowName] ?? 0) + 1;
      continue;
    }
    const key = `${run.flowId}@${run.flowVersion}`;
    const label = `${run.flowName} ${run.flowVersion}`;
    const inStack = input.current.has(key);
    if (!inStack) versionsNotInStack.add(label);
    const inputs: Record<string, Set<string>> = {};
    // Where each variable was recorded: the start, or the step whose action set it (the branch its value chose).
    const note = (where: string, vars: unknown) => {
      if (Array.isArray(vars))
        for (const v of vars)
          if (isMap(v))
            (inputs[`${where}: ${String(v.variableName)}`] ??= new Set()).add(input.keepValues ? String(v.value) : "");
    };
    const count = (body: Item, kind: string) => {
      const what = `${label} ${kind} "${String(body.actionName ?? body.menuName ?? "")}" (tracking ${String(body.trackingId)})`;
      unmapped[what] = (unmapped[what] ?? 0) + 1;
    };
    const steps = stepsOf(run.execution, flow, { byName, placed: placedIn(key), unmapped: count, note });
    const entry = kept.get(key) ?? {
      flow,
      flowId: run.flowId,
      version: run.flowVersion,
      inStack,
      executions: 0,
      journeys: new Map(),
    };
    kept.set(key, entry);
    entry.executions++;
    const ending = run.flowErrorReason ? `error: ${run.flowErrorReason}` : undefined;
    const id = createHash("sha256")
      .update(JSON.stringify([flow.publishedName, run.flowVersion, steps, ending ?? null]))
      .digest("hex")
      .slice(0, 12);
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
          .map((k) => ({
            version: k.version,
            inStack: k.inStack,
            executions: k.executions,
            journeys: [...k.journeys.values()].sort((a, b) => b.count - a.count || cmp(a.id, b.id)),
          }))
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
      flowsWithoutData: flows
        .filter((f) => f.versions.length === 0 && byName.get(f.name)?.moduleName === undefined)
        .map((f) => f.name),
      flowsNotInStack: notInStack,
      versionsNotInStack: [...versionsNotInStack].sort(cmp),
      unmappedActions: unmapped,
    },
  };
}

const PulledJourney = z.object({
  id: z.string(),
  count: z.number().int().nonnegative(),
  steps: z.array(z.string()),
  ending: z.string().optional(),
});
const PulledVersion = z.object({
  version: z.string(),
  inStack: z.boolean(),
  executions: z.number().int().nonnegative(),
  journeys: z.array(PulledJourney),
});
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
  if (!r.success)
    throw new Error(
      `not a file traffic pull writes: ${r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)[0]}`,
    );
  return r.data;
}

/** Where `traffic pull` writes a stack's journeys by default (git-ignored local state), and the review reads them. */
export const pulledFile = (stack: string): string => `.work/traffic/${stack}.json`;
