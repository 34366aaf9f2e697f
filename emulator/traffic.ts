// Simulated traffic (POST /__emulator/traffic, `genesys-flows emulator --traffic <file>`): N
// interactions run through the PUBLISHED versions of the org's flows by the simulator the emulator
// was started with (the project's behaviour interpreter, behaviour/simulatedCalls.ts, handed in by
// tools/emulator.ts and the tests), the callers' answers drawn from the given distributions with a seeded PRNG,
// so a seed gives the same interactions every time. Each run is counted for analytics; it is
// recorded as a flow execution (executions.ts) when storage is enabled, the version was published
// since, and the flow's log level is not Disabled, with the action ids and tracking ids of the
// version that ran (actionIds.ts). The report says what the simulation itself did, per flow and
// version: runs, recorded, the paths each action took, the endings, the runs it could not simulate.
import { readFileSync } from "node:fs";
import { z, ZodError } from "zod";
import { readYaml } from "../model/yamlReader";
import { CallersSchema, draw, type TrafficSimulator } from "../traffic/simulatedCallers";
import { actionIdentities, outputPathId, type ActionIdentity } from "./actionIds";
import { divisionId } from "./divisions";
import { seededRandom } from "./faults";
import { reports, type LogLevel } from "./executionSettings";
import type { ExecutionData, ExecutionRecord } from "./executions";
import { ApiError } from "./http";
import { stableId } from "./ids";
import type { OrgStore } from "./store";

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
    callers: CallersSchema.optional(),
  })
  .strict()
  .refine((t) => !(t.flows && t.numbers), { message: "give flows or numbers, not both" });
export type TrafficInput = z.input<typeof TrafficSchema>;

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

interface Published {
  flowId: string;
  name: string;
  type: string;
  version: string;
  datePublished: number;
  division: string;
  ids: Map<object, ActionIdentity>;
  doc: Record<string, unknown>;
  archyKey: string;
}

/** The org's published versions, parsed, with their actions' identities. */
function publishedVersions(store: OrgStore): Published[] {
  return store.listFlows({}).flatMap((flow) => {
    if (!flow.versions.some((v) => v.kind !== "CHECKIN")) return [];
    const version = store.publishedVersion(flow);
    const parsed = readYaml(version.text, { exactIntegers: false });
    if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null) return [];
    const doc = parsed.value as Record<string, unknown>;
    const archyKey = Object.keys(doc)[0];
    return [{ flowId: flow.id, name: flow.name, type: flow.type, version: version.id, datePublished: version.dateCreated, division: flow.divisionName, ids: actionIdentities(flow.id, version.id, doc), doc, archyKey }];
  });
}

/** The item key of an action in the execution list: `actionDecision` for `decision`, menu choices as Archy names them (`menuJumpToTask`). */
function itemKey(type: string): string {
  return type.startsWith("menu") && type !== "menu" ? type : `action${type[0].toUpperCase()}${type.slice(1)}`;
}

/**
 * One recorded execution as Genesys's download shows it ("Historical flow execution data overview"):
 * the flow it started, then each action with its id, tracking id and output path, at the level's detail.
 */
function executionRecord(call: { seed: number; index: number; at: number; ani: string; dnis?: string; errorReason?: string }, published: Published, steps: Array<{ id: ActionIdentity; path: string }>, level: LogLevel): Omit<ExecutionRecord, "downloadToken"> {
  const { at, dnis } = call;
  const id = stableId(`execution:${call.seed}:${at}`, String(call.index));
  const names = reports(level, "names");
  const language = (published.doc[published.archyKey] as Record<string, unknown>).defaultLanguage;
  const started = { dateTime: new Date(at).toISOString(), ...(typeof language === "string" ? { languageTag: language } : {}), ...(reports(level, "variables") ? { variables: { "Call.Ani": call.ani, ...(dnis ? { "Call.CalledAddress": dnis } : {}) } } : {}) };
  const execution: ExecutionRecord["execution"] = [
    { startedFlow: started },
    ...steps.map((s, k) => ({
      [itemKey(s.id.type)]: {
        actionId: s.id.actionId,
        dateTime: new Date(at + (k + 1) * 1000).toISOString(),
        executionId: stableId(`execution-item:${id}`, String(k)),
        outputPathId: s.path,
        trackingId: s.id.trackingId,
        ...(names ? { actionName: s.id.name } : {}),
      },
    })),
  ];
  return {
    id,
    conversationId: stableId(`conversation:${call.seed}:${at}`, String(call.index)),
    flowId: published.flowId,
    flowName: published.name,
    flowType: published.type.toLowerCase(),
    flowVersion: published.version,
    division: { id: divisionId(published.division), name: published.division },
    start: at,
    end: at + (steps.length + 1) * 1000,
    ...(call.errorReason ? { errorReason: call.errorReason } : {}),
    execution,
    actions: steps.map((s) => ({ actionId: s.id.actionId, type: itemKey(s.id.type), outputPathId: s.path })),
  };
}

export function runTraffic(org: { store: OrgStore; executions: ExecutionData; now: () => number; simulator: TrafficSimulator }, input: unknown): TrafficReport {
  const t = TrafficSchema.parse(input);
  const versions = publishedVersions(org.store);
  const byId = new Map(versions.map((v) => [v.flowId, v]));
  const entries = entryPoints(org.store, t, versions);
  const random = seededRandom(t.seed);
  const simulate = org.simulator(
    versions.map((v) => ({ id: v.flowId, name: v.name, type: v.type, version: v.version, archyKey: v.archyKey, doc: v.doc })),
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
    const ani = t.callers?.ani ? draw(random, t.callers.ani) ?? "" : `+1317555${String(i % 10_000).padStart(4, "0")}`;
    const run = simulate({ flowId: entry.flowId, ani, ...(entry.dnis ? { dnis: entry.dnis } : {}), at });
    if ("notSimulated" in run) {
      report.notSimulated[run.notSimulated] = (report.notSimulated[run.notSimulated] ?? 0) + 1;
      continue;
    }
    const { ending, errorReason } = run;
    const fr = flowReports.get(entry.flowId) ?? { flowId: entry.flowId, name: published.name, version: published.version, runs: 0, recorded: 0, paths: {}, endings: {} };
    flowReports.set(entry.flowId, fr);
    fr.runs++;
    fr.endings[ending] = (fr.endings[ending] ?? 0) + 1;
    const steps = run.ran.flatMap((r) => {
      const id = byId.get(r.flowId)?.ids.get(r.action);
      return id ? [{ id, path: outputPathId(id.actionId, r.path) }] : [];
    });
    for (const s of steps) fr.paths[`${s.id.trackingId}:${s.path}`] = (fr.paths[`${s.id.trackingId}:${s.path}`] ?? 0) + 1;
    const level = settings.levelOf(entry.flowId);
    const recorded = settings.enabled && settings.enabledSince !== undefined && published.datePublished >= settings.enabledSince && reports(level, "executionItems");
    const counted = { flowId: entry.flowId, flowVersion: published.version, divisionId: divisionId(published.division), start: at };
    if (!recorded) {
      org.executions.add(counted);
      continue;
    }
    fr.recorded++;
    report.recorded++;
    org.executions.add(counted, executionRecord({ seed: t.seed, index: i, at, ani, dnis: entry.dnis, errorReason }, published, steps, level));
  }
  report.flows = [...flowReports.values()].sort((a, b) => a.name.localeCompare(b.name) || a.flowId.localeCompare(b.flowId));
  return report;
}

/** Where the interactions enter: the flows named, the numbers' IVR configs' open-hours flows, or every published inbound flow. */
function entryPoints(store: OrgStore, t: z.infer<typeof TrafficSchema>, versions: Published[]): Array<{ flowId: string; dnis?: string }> {
  const find = (key: string) => versions.find((v) => v.flowId === key) ?? versions.find((v) => v.name.toLowerCase() === key.toLowerCase());
  if (t.flows) {
    return t.flows.map((key) => {
      const v = find(key);
      if (!v) throw new ApiError(400, "bad.request", `traffic: no published flow "${key}" in the org`);
      return { flowId: v.flowId };
    });
  }
  if (t.numbers) {
    return t.numbers.map((dnis) => {
      const ivr = store.routing.list("ivr").find((r) => ((r.fields.dnis as string[] | undefined) ?? []).includes(dnis));
      const flowId = ivr?.fields.openHoursFlow as string | undefined;
      if (!flowId || !byIdOf(versions, flowId)) throw new ApiError(400, "bad.request", `traffic: number ${dnis} is in no IVR config with a published open-hours flow`);
      return { flowId, dnis };
    });
  }
  const inbound = versions.filter((v) => v.type.startsWith("INBOUND"));
  if (inbound.length === 0) throw new ApiError(400, "bad.request", "traffic: the org has no published inbound flow");
  return inbound.map((v) => ({ flowId: v.flowId }));
}

function byIdOf(versions: Published[], id: string): Published | undefined {
  return versions.find((v) => v.flowId === id);
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
  if (!parsed.ok) throw new TrafficFileError(`traffic file ${file}: ${parsed.problems.map((e) => e.message).join("; ")}`);
  try {
    return TrafficSchema.parse(parsed.value);
  } catch (err) {
    if (err instanceof ZodError) throw new TrafficFileError(`traffic file ${file}: ${err.issues.map((i) => `${i.path.join(".") || "<root>"}: ${i.message}`).join("; ")}`);
    throw err;
  }
}
