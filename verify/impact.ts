// The blast radius of a deployment, before it ships: which modules publish new content, which
// flows of the stack republish because of them (or of their own change), and which flows outside
// the stack call a changing module and will stay on the version they were published with. Pure:
// the plan (the flow files now), the stack's last deployment and the org's consumers come in.
import type { FlowRef } from "../planner/flowRef";
import { ModuleGraph } from "../planner/moduleGraph";
import { reportedConsumer, typeLabel, type OrgConsumer, type ReportedFlow } from "../org/model";
import { cmp } from "../archy/json";

/** A flow of the plan, the parts impact needs. */
export type ImpactFlow = Omit<FlowRef, "contentRevision">;

export interface DeployedRef {
  flowId: string;
  revision: string;
}

export interface RepublishedFlow {
  id: string;
  file: string;
  publishedName: string;
  /** Why: its own change, or the changing modules it calls (directly or through modules). */
  reason: string;
  /** The changing modules it depends on (by published name), sorted. */
  through: string[];
}

/** A caller outside the stack; its `moduleVersion` is the one it runs (and keeps running after this deployment). */
export type OutsideCallerImpact = OrgConsumer;

export interface ChangingModule extends ReportedFlow {
  /** The module's published version now (the one outside callers may run). */
  publishedVersion?: string;
  /** Stack flows that republish because of it (directly or through modules compiled with it). */
  republish: string[];
  /** Stack callers its rollout in waves holds on the version they run (not republished by this run), by published name. */
  held?: string[];
  outsideCallers: OutsideCallerImpact[];
}

export interface Impact {
  stack: string;
  /** Modules that publish new content, by file. */
  modules: ChangingModule[];
  /** Deployed flows that republish, by file. */
  republish: RepublishedFlow[];
  /** Flows not deployed yet. */
  created: Array<{ id: string; file: string; publishedName: string }>;
  /** Whether the org was read (outside callers are known). */
  orgRead: boolean;
  /** Why not, or what to know about the answers. */
  notes: string[];
}

export interface ImpactInput {
  stack: string;
  planned: readonly ImpactFlow[];
  /** What the stack last deployed, by flow id (empty before the first deployment). */
  deployed: ReadonlyMap<string, DeployedRef>;
  /** Consumers of each deployed module, by the module's Genesys flow id; undefined when the org was not read. */
  consumers?: Readonly<Record<string, OrgConsumer[]>>;
  /** Published version of each deployed module, by Genesys flow id. */
  publishedVersions?: Readonly<Record<string, string>>;
  notes?: readonly string[];
}

export function impactOf(input: ImpactInput): Impact {
  const byId = new Map(input.planned.map((f) => [f.id, f]));
  // Every module a flow depends on, directly or through modules (compiled in place).
  const graph = new ModuleGraph(input.planned);
  const changes = (f: ImpactFlow) => {
    const d = input.deployed.get(f.id);
    return d !== undefined && d.revision !== f.revision;
  };
  const changing = new Set(input.planned.filter((f) => f.isModule && changes(f)).map((f) => f.id));
  const stackFlowIds = new Set([...input.deployed.values()].map((d) => d.flowId));
  const sorted = [...input.planned].sort((a, b) => cmp(a.file, b.file));

  const republish: RepublishedFlow[] = [];
  for (const f of sorted) {
    if (!changes(f)) continue;
    const through = [...graph.reach(f.id)]
      .filter((m) => changing.has(m))
      .map((m) => byId.get(m)!.publishedName)
      .sort(cmp);
    const reason =
      through.length === 0
        ? `${f.file} changed`
        : `calls ${through.join(", ")}, which publish${through.length === 1 ? "es" : ""} new content${f.isModule ? " (compiled in place)" : ""}`;
    republish.push({ id: f.id, file: f.file, publishedName: f.publishedName, reason, through });
  }

  const modules: ChangingModule[] = sorted
    .filter((f) => changing.has(f.id))
    .map((m) => {
      const deployed = input.deployed.get(m.id)!;
      const reaching = new Set(graph.dependents(m.id));
      const dependents = sorted.filter((f) => reaching.has(f.id)).map((f) => f.publishedName);
      const outsideCallers = (input.consumers?.[deployed.flowId] ?? [])
        .filter((c) => !stackFlowIds.has(c.flowId))
        .map(reportedConsumer)
        .sort((a, b) => cmp(a.name.toLowerCase(), b.name.toLowerCase()) || cmp(a.flowId, b.flowId));
      const publishedVersion = input.publishedVersions?.[deployed.flowId];
      return {
        id: m.id,
        file: m.file,
        publishedName: m.publishedName,
        flowId: deployed.flowId,
        ...(publishedVersion ? { publishedVersion } : {}),
        republish: dependents,
        outsideCallers,
      };
    });

  return {
    stack: input.stack,
    modules,
    republish,
    created: sorted
      .filter((f) => !input.deployed.has(f.id))
      .map((f) => ({ id: f.id, file: f.file, publishedName: f.publishedName })),
    orgRead: input.consumers !== undefined,
    notes: [...(input.notes ?? [])],
  };
}

/** What a run's change set (run/flowChanges.ts) and its rollouts in waves say: the flows the engine publishes (with why, where the files do not say) and the callers held (published name, the modules holding it). */
export interface RunView {
  publishes: ReadonlyArray<{ id: string; file: string; publishedName: string; reason?: string; stopped?: boolean }>;
  held: ReadonlyArray<{ name: string; by: readonly string[] }>;
}

/** The impact as the run carries it out: the flows its change set publishes, with its reasons; a caller a rollout in waves holds is held, not republished. */
export function impactOfRun(i: Impact, run: RunView): Impact {
  const listed = new Map(i.republish.map((r) => [r.id, r]));
  const republish = run.publishes.map((p) => {
    const r = listed.get(p.id) ?? {
      id: p.id,
      file: p.file,
      publishedName: p.publishedName,
      reason: `${p.file} changed`,
      through: [],
    };
    return {
      ...r,
      reason: `${p.reason ?? r.reason}${p.stopped ? " (a run that stopped part-way left it unrecorded: published again)" : ""}`,
    };
  });
  const names = new Set(republish.map((r) => r.publishedName));
  const modules = i.modules.map((m) => {
    const held = run.held.filter((h) => h.by.includes(m.id)).map((h) => h.name);
    return { ...m, republish: m.republish.filter((n) => names.has(n)), ...(held.length > 0 ? { held } : {}) };
  });
  return { ...i, modules, republish: republish.sort((a, b) => cmp(a.file, b.file)) };
}

/** One line per outside caller, e.g. `"Partner Line" (inbound call flow, version 3.0) runs version 2.0 of the module`. */
export function describeOutsideCaller(c: OutsideCallerImpact): string {
  return `"${c.name}" (${typeLabel(c.type)}, flow id ${c.flowId}, version ${c.version})${c.moduleVersion ? ` runs module version ${c.moduleVersion}` : ""}`;
}
