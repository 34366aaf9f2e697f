// Simulated traffic (POST /__emulator/traffic, `genesys-flows emulator --traffic <file>`): N
// interactions run through the PUBLISHED versions of the org's flows by the simulator the emulator
// was started with (the project's behaviour interpreter, behaviour/simulatedCalls.ts, handed in by
// tools/emulator.ts and the tests), the callers' answers drawn from the given distributions with a seeded PRNG,
// so a seed gives the same interactions every time. Each run is counted for analytics; it is
// recorded as a flow execution (executions.ts) when storage is enabled, the version was published
// since, and the flow's log level is not Disabled, in the download's format (executionRecord:
// the items, ids and tracking numbers of the version that ran, actionIds.ts). The report says what the simulation itself did, per flow and
// version: runs, recorded, the paths each action took, the endings, the runs it could not simulate.
import { readFileSync } from "node:fs";
import { z, ZodError } from "zod";
import { readYaml } from "../model/yamlReader";
import { isMap } from "../archy/json";
import { itemKind } from "../archy/trackingIds";
import { CallersSchema, draw, type SimulatedRun, type TrafficSimulator } from "../traffic/simulatedCallers";
import { actionIdentities, outputPathId, type ActionIdentity } from "./actionIds";
import { divisionId } from "./divisions";
import { seededRandom } from "./faults";
import { reports, type LogLevel } from "./executionSettings";
import type { ExecutionData, ExecutionRecord } from "./executions";
import { badRequest } from "./http";
import { stableId } from "./ids";
import { publishedVersionOf, type OrgStore } from "./store";

export const TrafficSchema = z
  .object({
    seed: z.number().int().default(1),
    interactions: z.number().int().min(1).max(100_000),
    /** Flows by name or id (each interaction picks one, uniformly); default: every published inbound flow. */
    flows: z.array(z.string()).optional(),
    /** Numbers called: an IVR config's number enters its open-hours flow (Call.CalledAddress is the number). */
    numbers: z.array(z.string()).optional(),
    /** When the first interaction starts (default: the interactions end now), and the time between starts. */
    start: z.string().datetime({ offset: true }).optional(),
    spacingSeconds: z.number().positive().default(60),
    /**
     * `enabled`: the org had execution-data storage on all along (it is turned on, as before every
     * published version), for a traffic file run at start, when the settings (kept in memory) are
     * off; default `as-set`: the org's settings as they are.
     */
    storage: z.enum(["as-set", "enabled"]).default("as-set"),
    /**
     * `wait`: an interaction a flow transfers to a queue stays waiting there, never answered (the
     * emulator has no agents; analytics' queue observations count it, queueObservations.ts);
     * default `answered`: it leaves the queue at once.
     */
    queues: z.enum(["answered", "wait"]).default("answered"),
    callers: CallersSchema.optional(),
  })
  .strict()
  .refine((t) => !(t.flows && t.numbers), { message: "give flows or numbers, not both" });

export interface TrafficReport {
  interactions: number;
  recorded: number;
  /** Runs the interpreter could not simulate (an action it has no semantics for, ...), by reason. */
  notSimulated: Record<string, number>;
  flows: Array<{
    flowId: string;
    name: string;
    version: string;
    runs: number;
    recorded: number;
    /** "<trackingId>:<outputPathId>" -> how many runs' actions took it (every run, recorded or not). */
    paths: Record<string, number>;
    endings: Record<string, number>;
  }>;
}

/** A published version the traffic runs through: its Archy document and its actions' identities. */
export interface Published {
  flowId: string;
  name: string;
  type: string;
  version: string;
  datePublished: number;
  division: string;
  ids: Map<object, ActionIdentity>;
  doc: Record<string, Record<string, unknown>>;
  archyKey: string;
}

/** The org's published versions, parsed, with their actions' identities. */
function publishedVersions(store: OrgStore): Published[] {
  return store.listFlows({}).flatMap((flow) => {
    if (!flow.versions.some((v) => v.kind !== "CHECKIN")) return [];
    const version = publishedVersionOf(flow);
    const parsed = readYaml(version.text, { exactIntegers: false });
    if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null) return [];
    const doc = parsed.value as Published["doc"];
    const archyKey = Object.keys(doc)[0];
    return [
      {
        flowId: flow.id,
        name: flow.name,
        type: flow.type,
        version: version.id,
        datePublished: version.dateCreated,
        division: flow.divisionName,
        ids: actionIdentities(flow.id, version.id, doc),
        doc,
        archyKey,
      },
    ];
  });
}

export type Run = Extract<SimulatedRun, { ran: unknown }>;
type Element = Record<string, Record<string, unknown>>;

/**
 * One recorded execution as Genesys's download shows it ("Historical flow execution data overview"):
 * `startedFlow`, each task or state entered (`startedTask`, `startedState`), each action with its
 * ids, tracking number, output path and a nested `execution` list (a common module's own items run
 * there, numbered in the module's version), each menu (`menuMenu`, its turns) and the choice taken
 * (`menuTask`, ...), then `endedFlow`; names, variables, the caller's keys and the actions' inputs and
 * outputs as the level records them (executionSettings.ts MINIMUM).
 */
export function executionRecord(
  call: { seed: number; index: number; at: number; ani: string; dnis?: string; errorReason?: string },
  byId: ReadonlyMap<string, Published>,
  entry: Published,
  run: Run,
  level: LogLevel,
): Omit<ExecutionRecord, "downloadToken"> {
  const { at, dnis } = call;
  const id = stableId(`execution:${call.seed}:${at}`, String(call.index));
  const [names, vars, talk, all] = (["names", "variables", "communications", "executionInputOutputs"] as const).map(
    (c) => reports(level, c),
  );
  const listed = (values: Record<string, string> = {}) =>
    vars ? Object.entries(values).map(([variableName, value]) => ({ variableName, value })) : [];
  const actions: ExecutionRecord["actions"] = [];
  let clock = 0;
  const item = (kind: string, fields: Record<string, unknown>) => ({
    [kind]: {
      dateTime: new Date(at + ++clock * 1000).toISOString(),
      executionId: stableId(`execution-item:${id}`, String(clock)),
      ...fields,
    },
  });
  const actionItem = (
    flow: Published,
    action: object,
    path: string | undefined,
    assigned?: Record<string, string>,
    execution: unknown[] = [],
  ) => {
    const a = flow.ids.get(action)!;
    const body = (action as Element)[a.type];
    const pathId = outputPathId(a, body, path);
    const named = path !== undefined ? { outputPathName: path } : {};
    actions.push({ actionId: a.actionId, type: itemKind(a.type), outputPathId: pathId, ...named });
    const inputs = all
      ? {
          inputData: Object.fromEntries(
            Object.entries(body).filter(([k]) => !["name", "outputs", "choices", "task"].includes(k)),
          ),
          outputData: assigned ?? {},
        }
      : {};
    return item(itemKind(a.type), {
      actionId: a.actionId,
      trackingId: a.trackingId,
      outputPathId: pathId,
      execution,
      outputVariables: listed(assigned),
      ...(names ? { [a.type === "menu" ? "menuName" : "actionName"]: a.name } : {}),
      ...inputs,
    });
  };
  const root: unknown[] = [
    item("startedFlow", {
      ...(typeof entry.doc[entry.archyKey].defaultLanguage === "string"
        ? { languageTag: entry.doc[entry.archyKey].defaultLanguage }
        : {}),
      variables: listed({ "Call.Ani": call.ani, ...(dnis ? { "Call.CalledAddress": dnis } : {}) }),
    }),
  ];
  const levels: Array<{ flow: Published; items: unknown[]; container?: string }> = [{ flow: entry, items: root }];
  for (const [i, r] of run.ran.entries()) {
    const flow = byId.get(r.flowId);
    if (!flow) continue;
    // Back in a caller after its module returned, or into a module its last call started.
    const depth = levels.findIndex((l) => l.flow === flow);
    if (depth >= 0) levels.length = depth + 1;
    else {
      const caller = levels[levels.length - 1].items;
      const call = [...caller].reverse().find((x): x is Element => isMap(x) && isMap(x.actionCallCommonModule));
      levels.push({ flow, items: (call?.actionCallCommonModule.execution as unknown[] | undefined) ?? caller });
    }
    const level = levels[levels.length - 1];
    const where = flow.ids.get(r.action);
    const container = where && /^\w+\.(tasks|states)\[(\d+)\]/.exec(where.path);
    if (container && container[0] !== level.container) {
      const kind = container[1] === "tasks" ? "task" : "state";
      const element = (flow.doc[flow.archyKey][container[1]] as Element[])[Number(container[2])][kind];
      level.items.push(
        item(kind === "task" ? "startedTask" : "startedState", {
          [`${kind}Id`]: stableId(`${kind}:${flow.flowId}:${flow.version}`, container[0]),
          ...(names ? { [`${kind}Name`]: String(element.name ?? "") } : {}),
        }),
      );
      level.container = container[0];
    }
    // A menu choice the caller took (a transfer or disconnect choice runs as itself) is the menu's item already (menuItems).
    if (where && !/\.choices\[\d+\]$/.test(where.path))
      level.items.push(actionItem(flow, r.action, r.path, r.assigned));
    const answers = run.menus.filter((m) => m.at === i);
    if (answers.length > 0) level.items.push(...menuItems(flow, r.action, answers, talk, actionItem));
  }
  root.push(item("endedFlow", {}));
  return {
    id,
    conversationId: stableId(`conversation:${call.seed}:${at}`, String(call.index)),
    flowId: entry.flowId,
    flowName: entry.name,
    flowType: entry.type.toLowerCase(),
    flowVersion: entry.version,
    division: { id: divisionId(entry.division), name: entry.division },
    start: at,
    end: at + clock * 1000,
    ...(call.errorReason ? { errorReason: call.errorReason } : {}),
    execution: root as ExecutionRecord["execution"],
    actions,
  };
}

/** The menu a jump entered (`menuMenu`, a turn per time it was played) and the choice taken: the caller's, else the menu's default. */
function menuItems(
  flow: Published,
  jump: object,
  answers: Run["menus"],
  talk: boolean,
  actionItem: (
    flow: Published,
    action: object,
    path: string | undefined,
    assigned?: Record<string, string>,
    execution?: unknown[],
  ) => unknown,
): unknown[] {
  const ref = /menu\[(.*)\]$/.exec(String((jump as Element).jumpToMenu?.targetMenuRef))?.[1];
  const menus = (flow.doc[flow.archyKey].menus ?? []) as Element[];
  const menu = menus.find((m) => m.menu?.refId === ref);
  if (!menu) return [];
  const choices = (m: Element) => (m.menu.choices ?? []) as Element[];
  const chosen = answers[answers.length - 1].choice;
  const fallback = /^\.\/choices\/(\w+)\[(.*)\]$/.exec(String(menu.menu.defaultChildMenuRef ?? ""));
  const choice =
    chosen !== undefined
      ? [...choices(menu), ...menus.flatMap(choices)].find((c) => Object.values(c)[0]?.name === chosen)
      : choices(menu).find((c) => fallback !== null && c[fallback[1]]?.refId === fallback[2]);
  const turns = answers.map((a) => ({
    turn: talk && a.dtmf !== undefined ? { fromParticipant: { audio: { dtmf: { value: a.dtmf } } } } : {},
  }));
  const name = choice ? String(Object.values(choice)[0].name ?? "") : undefined;
  return [actionItem(flow, menu, name, undefined, turns), ...(choice ? [actionItem(flow, choice, undefined)] : [])];
}

export function runTraffic(
  org: {
    store: OrgStore;
    executions: ExecutionData;
    now: () => number;
    simulator: TrafficSimulator;
    /** A conversation waits in the queue of this name (`queues: wait`). */
    waitIn?: (queue: string) => void;
  },
  input: unknown,
): TrafficReport {
  const t = TrafficSchema.parse(input);
  const versions = publishedVersions(org.store);
  const byId = new Map(versions.map((v) => [v.flowId, v]));
  const entries = entryPoints(org.store, t, versions);
  const random = seededRandom(t.seed);
  const simulate = org.simulator(
    versions.map((v) => ({
      id: v.flowId,
      name: v.name,
      type: v.type,
      version: v.version,
      archyKey: v.archyKey,
      doc: v.doc,
    })),
    t.callers ?? CallersSchema.parse({}),
    random,
  );
  const first = t.start !== undefined ? Date.parse(t.start) : org.now() - t.interactions * t.spacingSeconds * 1000;
  const report: TrafficReport = { interactions: t.interactions, recorded: 0, notSimulated: {}, flows: [] };
  const flowReports = new Map<string, TrafficReport["flows"][number]>();
  const settings = org.executions.settings;
  if (t.storage === "enabled" && !settings.enabled) {
    settings.enabled = true;
    settings.enabledSince = 0;
  }
  for (let i = 0; i < t.interactions; i++) {
    const at = first + i * t.spacingSeconds * 1000;
    const entry = entries[Math.floor(random() * entries.length)];
    const published = byId.get(entry.flowId)!;
    const ani = t.callers?.ani ? (draw(random, t.callers.ani) ?? "") : `+1317555${String(i % 10_000).padStart(4, "0")}`;
    const run = simulate({ flowId: entry.flowId, ani, ...(entry.dnis ? { dnis: entry.dnis } : {}), at });
    if ("notSimulated" in run) {
      report.notSimulated[run.notSimulated] = (report.notSimulated[run.notSimulated] ?? 0) + 1;
      continue;
    }
    const { ending, errorReason } = run;
    const fr = flowReports.get(entry.flowId) ?? {
      flowId: entry.flowId,
      name: published.name,
      version: published.version,
      runs: 0,
      recorded: 0,
      paths: {},
      endings: {},
    };
    flowReports.set(entry.flowId, fr);
    fr.runs++;
    fr.endings[ending] = (fr.endings[ending] ?? 0) + 1;
    const queue = /^transfer to queue ("(?:[^"\\]|\\.)*")/.exec(ending)?.[1];
    if (t.queues === "wait" && queue !== undefined) org.waitIn?.(JSON.parse(queue) as string);
    for (const r of run.ran) {
      const id = byId.get(r.flowId)?.ids.get(r.action);
      const key = id && `${id.trackingId}:${outputPathId(id, (r.action as Element)[id.type], r.path)}`;
      if (key) fr.paths[key] = (fr.paths[key] ?? 0) + 1;
    }
    const level = settings.levelOf(entry.flowId);
    const recorded =
      settings.enabled &&
      settings.enabledSince !== undefined &&
      published.datePublished >= settings.enabledSince &&
      reports(level, "executionItems");
    const counted = {
      flowId: entry.flowId,
      flowVersion: published.version,
      divisionId: divisionId(published.division),
      start: at,
    };
    if (!recorded) {
      org.executions.add(counted);
      continue;
    }
    fr.recorded++;
    report.recorded++;
    org.executions.add(
      counted,
      executionRecord({ seed: t.seed, index: i, at, ani, dnis: entry.dnis, errorReason }, byId, published, run, level),
    );
  }
  report.flows = [...flowReports.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.flowId.localeCompare(b.flowId),
  );
  return report;
}

/** Where the interactions enter: the flows named, the numbers' IVR configs' open-hours flows, or every published inbound flow. */
function entryPoints(
  store: OrgStore,
  t: z.infer<typeof TrafficSchema>,
  versions: Published[],
): Array<{ flowId: string; dnis?: string }> {
  const find = (key: string) =>
    versions.find((v) => v.flowId === key) ?? versions.find((v) => v.name.toLowerCase() === key.toLowerCase());
  if (t.flows) {
    return t.flows.map((key) => {
      const v = find(key);
      if (!v) throw badRequest(`traffic: no published flow "${key}" in the org`);
      return { flowId: v.flowId };
    });
  }
  if (t.numbers) {
    return t.numbers.map((dnis) => {
      const ivr = store.routing.list("ivr").find((r) => ((r.fields.dnis as string[] | undefined) ?? []).includes(dnis));
      const flowId = ivr?.fields.openHoursFlow as string | undefined;
      if (!flowId || !versions.some((v) => v.flowId === flowId))
        throw badRequest(`traffic: number ${dnis} is in no IVR config with a published open-hours flow`);
      return { flowId, dnis };
    });
  }
  const inbound = versions.filter((v) => v.type.startsWith("INBOUND"));
  if (inbound.length === 0) throw badRequest("traffic: the org has no published inbound flow");
  return inbound.map((v) => ({ flowId: v.flowId }));
}

/** A traffic file the emulator cannot run (the file and the reason). */
export class TrafficFileError extends Error {}

/** A traffic file's content (YAML 1.2, so JSON too), checked; its faults name the file. */
export function readTrafficFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new TrafficFileError(`traffic file ${file}: ${(err as Error).message}`);
  }
  const parsed = readYaml(text);
  if (!parsed.ok)
    throw new TrafficFileError(`traffic file ${file}: ${parsed.problems.map((e) => e.message).join("; ")}`);
  try {
    return TrafficSchema.parse(parsed.value);
  } catch (err) {
    if (err instanceof ZodError)
      throw new TrafficFileError(
        `traffic file ${file}: ${err.issues.map((i) => `${i.path.join(".") || "<root>"}: ${i.message}`).join("; ")}`,
      );
    throw err;
  }
}
