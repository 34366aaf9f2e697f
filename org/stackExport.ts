// What the stack last deployed, read from `pulumi stack export` (no secrets needed): each
// component's registered facts and revision, and its genesyscloud Flow (Genesys flow id, update
// trigger, and `modified`: when Pulumi last changed the resource, since Pulumi 3.60); and, for
// the ownership check, every Flow resource and every create that never finished (pending
// `creating` operations of a killed run, components with no flow); and the stack outputs the
// release history lives in (`releases`, planner/releases.ts); a rollout in waves is its WaveRollout
// records (planner/waves/rolloutRecord.ts). One
// parse, three views, and the one place that runs `pulumi stack export` (or reads the same from the
// project's own file backend or a PostgreSQL one, org/fileBackendState.ts) (verify, impact, the
// ownership check, releases and rollback), and `stack import`: a person's act on a rollout
// (genesys-flows rollout pause|resume) written into its WaveRollout record.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { carriesFacts, GENESYS_FLOW_TYPE, routingKindOfType, stateFacts, type FlowFacts } from "../model/facts";
import { fieldDigests, parseRoutingRecord } from "../planner/routingRecord";
import { FLOW_KINDS } from "../model/kinds";
import { flowRevision, moduleTrigger } from "../planner/revisions";
import { parseReleaseHistory, releasedVersions, type Release } from "../planner/releases";
import { capture, pulumiCapture } from "../project/pulumiCli";
import { pulumiProjectName, readBackendExport, stateBackendUrl } from "./fileBackendState";
import { projectDir } from "../project/root";
import {
  WAVE_ROLLOUT_TYPE,
  type RolloutAct,
  type RolloutLogEntry,
  type WaveRolloutRecord,
} from "../planner/waves/rolloutRecord";
import type {
  DeployedFlow,
  DeployedRouting,
  OrgIdentity,
  StackDeployment,
  StackOwnership,
  StateFlowResource,
  UnfinishedCreate,
} from "./model";
import { cmp } from "../archy/json";

interface ExportedResource {
  urn?: unknown;
  type?: unknown;
  id?: unknown;
  parent?: unknown;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  modified?: unknown;
  created?: unknown;
  delete?: unknown;
  /** A resource the program read (Pulumi's `get`) rather than manages. */
  external?: unknown;
  retainOnDelete?: unknown;
}

export class StateError extends Error {}

interface PendingOperation {
  resource?: ExportedResource;
  type?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** The resource name at the end of a URN (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
const nameOfUrn = (urn: string): string => urn.slice(urn.lastIndexOf("::") + 2);

/** The stack's releases (stack output `releases`) and its rollouts in waves (WaveRollout records). */
export interface StackReleases {
  /** Oldest first; the newest is what the stack runs. */
  history: Release[];
  /** Why the recorded `releases` output could not be read (it is then taken as empty). */
  problem?: string;
  /** The rollouts in waves the last run recorded (planner/rollbackPlan.ts wavesRefusal reads them). */
  waves?: readonly WaveRolloutRecord[];
}

export interface ParsedExport {
  deployment: StackDeployment;
  ownership: StackOwnership;
  releases: StackReleases;
  /** The program's stack outputs as the engine recorded them (secrets as the export holds them). */
  outputs: Record<string, unknown>;
  /** How many operations the engine left pending (a run stopped part-way). */
  pendingOperations: number;
}

/**
 * The ownership view: Flow resources with their ids and names; the creates that never finished, and
 * why (org/model.ts UnfinishedCreate: a pending `creating` operation is a stop, a component with no
 * flow and nothing pending a refusal); each component's claim key.
 */
function ownershipOf(
  resources: readonly ExportedResource[],
  flowsByParent: ReadonlyMap<string, ExportedResource>,
  pending: readonly PendingOperation[],
): StackOwnership {
  const flows: StateFlowResource[] = [];
  const claimKeys: Record<string, string> = {};
  const stopped = new Map<string, string | undefined>();
  for (const op of pending) {
    const urn = str(op.resource?.urn);
    if (op.type !== "creating" || op.resource?.type !== GENESYS_FLOW_TYPE || !urn) continue;
    stopped.set(nameOfUrn(urn), str(op.resource.inputs?.name));
  }
  const unfinishedCreates: UnfinishedCreate[] = [];
  const unfinished = (resourceName: string, name?: string, more: Pick<UnfinishedCreate, "type" | "claimKey"> = {}) => {
    const why = stopped.has(resourceName) ? "stopped" : "refused";
    unfinishedCreates.push({ resourceName, ...(name ? { name } : {}), why, ...more });
  };
  for (const r of resources) {
    const urn = str(r.urn);
    const flowId = str(r.id);
    if (r.type === GENESYS_FLOW_TYPE && urn && flowId) {
      const name = str(r.outputs?.name) ?? str(r.inputs?.name);
      flows.push({
        resourceName: nameOfUrn(urn),
        flowId,
        ...(name ? { name } : {}),
        ...(r.external === true ? { read: true } : {}),
        urn,
      });
    }
    if (typeof r.type !== "string" || !carriesFacts(r.type) || !urn) continue;
    const resourceName = nameOfUrn(urn);
    const claimKey = str(r.inputs?.claimKey);
    if (claimKey) claimKeys[resourceName] = claimKey;
    // A component with no flow under it, or whose flow's create (a replacement's) a stop left pending.
    if (flowsByParent.has(urn) && !stopped.has(resourceName)) continue;
    const facts = stateFacts(r.outputs?.facts ?? r.inputs?.facts) as Partial<FlowFacts> | undefined;
    const type = facts?.kind ? FLOW_KINDS[facts.kind]?.apiType : undefined;
    const more = { ...(type ? { type } : {}), ...(claimKey ? { claimKey } : {}) };
    unfinished(resourceName, stopped.get(resourceName) ?? str(facts?.publishedName), more);
  }
  for (const [resourceName, name] of stopped) {
    if (!unfinishedCreates.some((c) => c.resourceName === resourceName)) unfinished(resourceName, name);
  }
  const byName = (a: { resourceName: string }, b: { resourceName: string }) => cmp(a.resourceName, b.resourceName);
  return { flows: flows.sort(byName), unfinishedCreates: unfinishedCreates.sort(byName), claimKeys };
}

/** The root stack resource's type: its outputs are the program's stack outputs. */
const STACK_TYPE = "pulumi:pulumi:Stack";

/** The org the last deploy recorded (stack output `org`: `{id, name}`), when there is one. */
function recordedOrg(resources: readonly ExportedResource[]): OrgIdentity | undefined {
  const value = resources.find((r) => r.type === STACK_TYPE)?.outputs?.org as
    | { id?: unknown; name?: unknown }
    | undefined;
  const id = str(value?.id);
  return id ? { id, name: str(value?.name) ?? "" } : undefined;
}

/** The registered `moduleRevisions` (in the order of the facts' calls) by module id, when complete. */
function moduleRevisionsOf(facts: FlowFacts, value: unknown): Record<string, string> | undefined {
  const calls = facts.calls ?? [];
  if (
    !Array.isArray(value) ||
    value.length !== calls.length ||
    calls.length === 0 ||
    !value.every((v) => typeof v === "string")
  )
    return undefined;
  return Object.fromEntries(calls.map((c, i) => [c.id, value[i] as string]));
}

const actOf = (v: unknown): RolloutAct | undefined => {
  const o = v as Record<string, unknown> | undefined;
  const by = str(o?.by);
  const at = str(o?.at);
  return by && at ? { by, at, reason: str(o?.reason) ?? "" } : undefined;
};

const LOG_ACTIONS: ReadonlySet<string> = new Set(["pause", "resume", "next", "rollback"]);

/** A rollout's log as recorded (entries that do not read are left out). */
function logOf(v: unknown): RolloutLogEntry[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((e: Record<string, unknown>) => {
    const act = actOf(e);
    const action = str(e?.action);
    if (!act || !action || !LOG_ACTIONS.has(action)) return [];
    const strings = (x: unknown) =>
      Array.isArray(x) ? x.filter((y): y is string => typeof y === "string") : undefined;
    const past = strings(e.past);
    return [
      {
        action: action as RolloutLogEntry["action"],
        ...act,
        ...(typeof e.wave === "number" ? { wave: e.wave } : {}),
        ...(past ? { past } : {}),
      },
    ];
  });
}

/** One WaveRollout's inputs as a record, or undefined when they do not read as one. */
function waveRecordOf(i: Record<string, unknown>): WaveRolloutRecord | undefined {
  const ids = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  const module = str(i.module);
  const revision = str(i.revision);
  if (!module || !revision || typeof i.started !== "number") return undefined;
  const paused = actOf(i.paused);
  const rolledBack = actOf(i.rolledBack);
  const to = str((i.rolledBack as Record<string, unknown> | undefined)?.to);
  const waitingFor = ids(i.waitingFor);
  const log = logOf(i.log);
  return {
    module,
    modulePublishedName: str(i.modulePublishedName) ?? module,
    revision,
    from: str(i.from) ?? "",
    started: i.started,
    waves: Array.isArray(i.waves) ? i.waves.map(ids) : [],
    held: ids(i.held),
    ...(paused ? { paused } : {}),
    ...(waitingFor.length > 0 ? { waitingFor } : {}),
    ...(rolledBack && to ? { rolledBack: { ...rolledBack, to } } : {}),
    ...(log.length > 0 ? { log } : {}),
  };
}

/** The rollouts in waves the last run recorded (WaveRollout components' inputs), by module id. */
function waveRecords(resources: readonly ExportedResource[]): WaveRolloutRecord[] {
  const out: WaveRolloutRecord[] = [];
  for (const r of resources) {
    if (r.type !== WAVE_ROLLOUT_TYPE) continue;
    const record = waveRecordOf(r.inputs ?? {});
    if (record) out.push(record);
  }
  return out.sort((a, b) => cmp(a.module, b.module));
}

/**
 * The JSON of `pulumi stack export` with the WaveRollout record of `record.module` replaced (its
 * inputs and outputs, as the program registers both): how `genesys-flows rollout pause|resume`
 * writes a person's act into the stack's state without a run. Throws StateError when the state
 * has no record of that module.
 */
export function withWaveRecord(stack: string, exportJson: string, record: WaveRolloutRecord): string {
  const doc = JSON.parse(exportJson) as { deployment?: { resources?: ExportedResource[] } };
  const target = (doc.deployment?.resources ?? []).find(
    (r) => r.type === WAVE_ROLLOUT_TYPE && r.delete !== true && str(r.inputs?.module) === record.module,
  );
  if (!target) throw new StateError(`the state of stack "${stack}" records no rollout of module ${record.module}`);
  const fields = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
  target.inputs = fields;
  target.outputs = { ...fields };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * The revision a rewritten record's flow was last published with (planner/revisions.ts flowRevision):
 * its published file's hash (the provider's fileContentHash, which a refused update leaves as it
 * was) with the revisions of the modules it calls, theirs recovered the same way. A caller a rollout
 * in waves held on an older module cannot be recovered so: it keeps the unknown revision (""),
 * and so does a flow whose file hash is not recorded.
 */
function withPublishedRevisions(flows: DeployedFlow[]): void {
  const byId = new Map(flows.map((f) => [f.id, f]));
  const visiting = new Set<string>();
  const revisionOf = (f: DeployedFlow): string => {
    if (f.revision !== "" || f.fileContentHash === undefined || visiting.has(f.id)) return f.revision;
    visiting.add(f.id);
    const modules = f.calls.map((c) => ({ id: c.id, revision: byId.get(c.id) ? revisionOf(byId.get(c.id)!) : "" }));
    visiting.delete(f.id);
    if (modules.some((m) => m.revision === "")) return "";
    const revision = flowRevision(f.fileContentHash, modules);
    // The trigger it was published with must be the one these module revisions give.
    if (modules.length > 0 && f.updateTriggerHash !== moduleTrigger(modules.map((m) => m.revision))) return "";
    f.revision = revision;
    return revision;
  };
  for (const f of flows) revisionOf(f);
}

/**
 * The routing objects the stack manages: each routing component with its provider resource under
 * it (an object the stack only adopts has no managed resource yet: left out), and what the stack
 * wrote of it, from the stack output `routing` (planner/routingRecord.ts), else the resource's state.
 */
function routingDeployed(resources: readonly ExportedResource[], record: unknown): DeployedRouting[] {
  const recorded = parseRoutingRecord(record) ?? {};
  const children = new Map(
    resources
      .filter((r) => str(r.parent) !== undefined && r.external !== true && str(r.id) !== undefined)
      .map((r) => [str(r.parent)!, r]),
  );
  return resources
    .flatMap((r): DeployedRouting[] => {
      const kind = typeof r.type === "string" ? routingKindOfType(r.type) : undefined;
      const facts = r.inputs ?? {};
      const child = children.get(str(r.urn) ?? "");
      const id = str(facts.routingId);
      if (!kind || !child || !id || typeof facts.file !== "string" || typeof facts.publishedName !== "string")
        return [];
      const stateFields = fieldDigests(kind, child.outputs ?? child.inputs ?? {});
      const entry = recorded[id]?.id === str(child.id) ? recorded[id] : undefined;
      const modified = str(child.modified);
      return [
        {
          id,
          kind,
          file: facts.file,
          publishedName: facts.publishedName,
          objectId: str(child.id)!,
          fields: entry?.fields ?? stateFields,
          stateFields,
          recorded: entry !== undefined,
          ...(modified ? { modified } : {}),
          ...(child.retainOnDelete === true ? { retainOnDelete: true } : {}),
          ...(entry?.overwritten ? { overwritten: entry.overwritten } : {}),
          ...(entry?.adopted ? { adopted: true as const } : {}),
        },
      ];
    })
    .sort((a, b) => cmp(a.id, b.id));
}

/**
 * The flows a replacement left for the engine to delete (`delete: true` in the state: the delete of
 * the old flow a guard refused, or a stop left): out of service, each as its component's flow under
 * the id and name it had. The next run's engine deletes them first; the guards judge them as deletes.
 */
function doomedFlows(all: readonly ExportedResource[], live: readonly ExportedResource[]): DeployedFlow[] {
  return all.flatMap((r): DeployedFlow[] => {
    const flowId = str(r.id);
    const component = live.find((c) => c.urn !== undefined && c.urn === r.parent);
    const facts = stateFacts(component?.outputs?.facts ?? component?.inputs?.facts) as FlowFacts | undefined;
    if (r.delete !== true || r.type !== GENESYS_FLOW_TYPE || !flowId || typeof facts?.id !== "string") return [];
    const modified = str(r.modified);
    const urn = str(r.urn);
    const name = str(r.outputs?.name) ?? str(r.inputs?.name) ?? facts.publishedName;
    const isModule = FLOW_KINDS[facts.kind]?.isModule ?? false;
    const at = { ...(modified ? { modified } : {}), ...(urn ? { urn } : {}) };
    const { id, file, kind } = facts;
    return [{ id, file, kind, isModule, publishedName: name, flowId, revision: "", calls: [], ...at }];
  });
}

/** Parses the JSON `pulumi stack export` prints. Throws StateError naming what is wrong. */
export function parseStackExport(stack: string, exportJson: string): ParsedExport {
  let doc: { deployment?: { resources?: ExportedResource[]; pending_operations?: PendingOperation[] } };
  try {
    doc = JSON.parse(exportJson) as typeof doc;
  } catch (e) {
    throw new StateError(`the stack export of "${stack}" is not JSON (${(e as Error).message})`);
  }
  if (doc === null || typeof doc !== "object")
    throw new StateError(`the stack export of "${stack}" is not a deployment`);
  const resources = (doc.deployment?.resources ?? []).filter((r) => r.delete !== true);
  const flowsByParent = new Map<string, ExportedResource>();
  for (const r of resources) {
    const parent = str(r.parent);
    if (r.type === GENESYS_FLOW_TYPE && parent) flowsByParent.set(parent, r);
  }
  const pending = doc.deployment?.pending_operations ?? [];
  const pendingUrns = new Set(pending.map((op) => str(op.resource?.urn)).filter((u): u is string => u !== undefined));
  const flows: DeployedFlow[] = [];
  for (const r of resources) {
    if (typeof r.type !== "string" || !carriesFacts(r.type)) continue;
    const urn = str(r.urn) ?? "";
    const flow = flowsByParent.get(urn);
    const flowId = str(flow?.id) ?? str(r.outputs?.flowId);
    // A component a stopped run rewrote (new inputs, no outputs yet) over a flow that exists: its
    // facts are in its inputs, and its revision is what its flow was last published with (below).
    const rewritten = str(r.outputs?.revision) === undefined && flow !== undefined;
    const facts = stateFacts(r.outputs?.facts ?? (rewritten ? r.inputs?.facts : undefined)) as FlowFacts | undefined;
    const revision = str(r.outputs?.revision) ?? (rewritten ? "" : undefined);
    // A component registered but never completed (a failed first deploy) has no flow to verify.
    if (!facts || typeof facts.id !== "string" || !flowId || revision === undefined) continue;
    const interrupted =
      rewritten || pendingUrns.has(urn) || (flow !== undefined && pendingUrns.has(str(flow.urn) ?? ""));
    const modified = str(flow?.modified);
    const created = str(flow?.created);
    const trigger = str(flow?.outputs?.updateTriggerHash) ?? str(flow?.inputs?.updateTriggerHash);
    const moduleRevisions = moduleRevisionsOf(facts, r.outputs?.moduleRevisions);
    const contentRevision = str(r.outputs?.contentRevision);
    const flowUrn = str(flow?.urn);
    flows.push({
      id: facts.id,
      file: facts.file,
      kind: facts.kind,
      isModule: FLOW_KINDS[facts.kind]?.isModule ?? false,
      publishedName: facts.publishedName,
      flowId,
      revision,
      calls: (facts.calls ?? []).map((c) => ({ id: c.id, publishedName: c.publishedName })),
      ...(modified ? { modified } : {}),
      ...(created ? { created } : {}),
      ...(trigger ? { updateTriggerHash: trigger } : {}),
      ...(moduleRevisions ? { moduleRevisions } : {}),
      ...(contentRevision ? { contentRevision } : {}),
      ...(flowUrn ? { urn: flowUrn } : {}),
      ...(flow?.inputs ? { flowInputs: engineBase(flow) } : {}),
      ...(str(flow?.outputs?.fileContentHash) ? { fileContentHash: str(flow?.outputs?.fileContentHash) } : {}),
      ...(flow?.external === true ? { read: true } : {}),
      ...(flow?.retainOnDelete === true ? { retainOnDelete: true } : {}),
      ...(interrupted ? { interrupted: true as const } : {}),
    });
  }
  withPublishedRevisions(flows);
  const pendingDeletes = doomedFlows(doc.deployment?.resources ?? [], resources);
  const org = recordedOrg(resources);
  const outputs = resources.find((r) => r.type === STACK_TYPE)?.outputs;
  const releases = parseReleaseHistory(outputs?.releases);
  const released = releasedVersions(releases.history);
  for (const f of flows) if (released.has(f.id)) f.releasedVersions = released.get(f.id);
  const waves = waveRecords(resources);
  const routing = routingDeployed(resources, outputs?.routing);
  const listed = { ...(pendingDeletes.length > 0 ? { pendingDeletes } : {}), ...(waves.length > 0 ? { waves } : {}) };
  const more = { ...(routing.length > 0 ? { routing } : {}), ...releaseOf(releases.history.at(-1)) };
  return {
    deployment: { stack, flows: flows.sort((a, b) => cmp(a.file, b.file)), ...listed, ...more },
    ownership: { ...ownershipOf(resources, flowsByParent, pending), ...(org ? { org } : {}) },
    releases: { ...releases, ...(waves.length > 0 ? { waves } : {}) },
    outputs: outputs ?? {},
    pendingOperations: pending.length,
  };
}

const releaseOf = (r: Release | undefined): { release?: { id: string; tool?: string } } =>
  r ? { release: { id: r.id, ...(r.tool !== undefined ? { tool: r.tool } : {}) } } : {};

/** What the stack last deployed, from the JSON `pulumi stack export` prints. Throws StateError. */
export function deploymentFromExport(stack: string, exportJson: string): StackDeployment {
  return parseStackExport(stack, exportJson).deployment;
}

const lastLines = (stderr: string): string => stderr.trim().split("\n").slice(-3).join(" ");

/**
 * The JSON `pulumi stack export` prints for `stack`, or undefined when the stack does not exist yet.
 * On the project's own file backend (inside `root`: the local stack) or a PostgreSQL backend the
 * checkpoint is read directly (org/fileBackendState.ts); otherwise, and whenever that read is not
 * certain, the CLI: `pulumiBin` runs the engine's own CLI directly (the program, inside the
 * engine); by default tools/pulumi.sh (the project's toolchain) in `root`. Throws StateError when
 * the export fails.
 */
export async function readStackExport(
  stack: string,
  options: { root?: string; pulumiBin?: string; env?: NodeJS.ProcessEnv; project?: string } = {},
): Promise<string | undefined> {
  const root = options.root ?? projectDir();
  const project = options.project ?? pulumiProjectName(root);
  const backendUrl = stateBackendUrl(root, stack, options.env ?? process.env);
  const direct = project !== undefined ? await readBackendExport({ backendUrl, root, project, stack }) : undefined;
  if (direct !== undefined) return direct;
  const args = ["stack", "export", "--stack", stack];
  if (options.pulumiBin !== undefined) {
    const r = await capture(options.pulumiBin, args, root);
    if (r.code !== 0)
      throw new StateError(
        `${options.pulumiBin} stack export --stack ${stack} failed (${r.code}): ${lastLines(r.stderr)}`,
      );
    return r.stdout;
  }
  const r = await pulumiCapture(root, args);
  if (r.code !== 0) {
    if (/no stack named|not found/i.test(r.stderr)) return undefined;
    throw new StateError(`pulumi stack export --stack ${stack} failed: ${lastLines(r.stderr)}`);
  }
  return r.stdout;
}

/**
 * Writes `exportJson` back as the stack's state (`pulumi stack import`), through the project's
 * pulumi in `root`. Throws StateError with pulumi's last lines when it refuses.
 */
export async function importStackExport(stack: string, exportJson: string, root = projectDir()): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "genesys-flows-state-"));
  const file = path.join(dir, "state.json");
  try {
    fs.writeFileSync(file, exportJson);
    const r = await pulumiCapture(root, ["stack", "import", "--stack", stack, "--file", file]);
    if (r.code !== 0) throw new StateError(`pulumi stack import --stack ${stack} failed: ${lastLines(r.stderr)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What the stack last deployed. A stack that does not exist yet has deployed nothing. */
export async function readDeployment(stack: string, root = projectDir()): Promise<StackDeployment> {
  const text = await readStackExport(stack, { root });
  return text === undefined ? { stack, flows: [] } : deploymentFromExport(stack, text);
}

/** The stack's releases and rollouts in waves as its state records them. A stack that does not exist yet has none. */
export async function readReleases(stack: string, root = projectDir()): Promise<StackReleases> {
  const text = await readStackExport(stack, { root });
  return text === undefined ? { history: [] } : parseStackExport(stack, text).releases;
}

/** The Flow inputs a run's are compared with (FLOW_INPUT_KEYS), as the engine compares them. */
const FLOW_INPUT_KEYS = ["name", "filepath", "updateTriggerHash"] as const;

/**
 * A managed Flow's recorded inputs as the engine diffs them: the bridged provider compares a
 * run's inputs with the resource's last state (its outputs), which after a failed update still
 * holds what was last published while the recorded inputs already hold the new values. So a key
 * the outputs carry is taken from them; the rest from the inputs.
 */
function engineBase(flow: {
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  external?: unknown;
}): Record<string, unknown> {
  const inputs = flow.inputs ?? {};
  if (flow.external === true || flow.outputs === undefined) return inputs;
  const base: Record<string, unknown> = { ...inputs };
  for (const key of FLOW_INPUT_KEYS) {
    if (!Object.hasOwn(flow.outputs, key)) continue;
    const v = flow.outputs[key];
    // An empty output for a key the inputs never had is the provider's default, not a value.
    if ((v === undefined || v === null || v === "") && !Object.hasOwn(inputs, key)) continue;
    base[key] = v;
  }
  return base;
}
