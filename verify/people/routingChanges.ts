// What people changed in the org's routing objects (IVR configs, schedules, schedule groups,
// emergency groups, DID pools) since the stack deployed them: each field the org holds otherwise
// than the stack wrote it (planner/routingRecord.ts), with who and when where Genesys says
// (modifiedBy, modifiedByApp, dateModified, version), and the object gone. The run judges the ones
// it would write like a person's flow version (verify/people/overwriteDecision.ts, as `routing-changed`);
// verify reports each (routing-drift), and what the stack overwrote, their values kept. Pure.
import { stackFileName } from "../../model/stackFile";
import { orgJson, type Json } from "../../model/routing/kind";
import { unitOf } from "../../model/routing/schema";
import {
  canonical,
  differingFields,
  fieldChanges,
  type FieldChange,
  fieldDigests,
  observedFields,
} from "../../planner/routingRecord";
import { sha256 } from "../../planner/revisions";
import type { Acknowledgement } from "../../planner/stackSettings";
import type { DeployedRouting, StackDeployment } from "../../org/model";
import type { PlannedRouting } from "../../planner/routing";
import { routingResourceInputs } from "../../planner/routingInputs";
import type { PersonChange } from "../../org/personChanges";
import { ackCovers, acknowledgementYaml } from "./overwriteDecision";
import type { VerifyFinding } from "../report";

export interface RoutingDrift {
  deployed: DeployedRouting;
  /** The org no longer has it (not listed, or in its deleted state). */
  gone: boolean;
  /** Each watched field that differs: how people say it, the org's value, and the stack's now (when its files plan). */
  fields: FieldChange[];
  /** The org's own record of its last change. */
  version?: string;
  /** Without a version (a queue, a user prompt): the digest of the values the org holds, what an acknowledgement names. */
  seen?: string;
  when?: string;
  who?: string;
  /** The org's watched fields' digests (undefined: gone). */
  orgFields?: Record<string, string>;
  /** The stack's files hold now what the org holds: deploying them overwrites nothing of the person's. */
  takenIn: boolean;
}

/** What an acknowledgement of an object without a version names: a digest of the org's values (its watched fields' digests), or `gone`. */
export function valuesSeen(orgFields: Readonly<Record<string, string>> | undefined): string {
  return orgFields === undefined ? "gone" : sha256(JSON.stringify(canonical(orgFields))).slice(0, 12);
}

/** Who changed it, as the org says: the user's id and the application. */
function whoOf(e: Json): string | undefined {
  const user = orgJson.str(e.modifiedBy);
  const app = orgJson.str(e.modifiedByApp);
  return user && app ? `user ${user} through ${app}` : user ? `user ${user}` : app;
}

/**
 * The drift of one deployed object, or undefined when the org holds what the stack wrote. `e`: the
 * org's object (undefined: not listed); `intended`: the stack's provider inputs now (references as
 * Genesys ids); `known`: the stack's name of a Genesys id, for values people read.
 */
export function routingDrift(
  d: DeployedRouting,
  e: Json | undefined,
  intended: Json | undefined,
  known: (genesysId: string) => string | undefined,
): RoutingDrift | undefined {
  const gone = e === undefined || e.state === "deleted";
  const org = gone ? undefined : observedFields(d.kind, e);
  const orgFields = org ? fieldDigests(d.kind, org) : undefined;
  const differs = orgFields ? differingFields(d.fields, orgFields) : [];
  if (!gone && differs.length === 0) return undefined;
  const version = e?.version !== undefined ? String(e.version) : undefined;
  const seen = version === undefined ? valuesSeen(orgFields) : undefined;
  const when = orgJson.str(e?.dateModified);
  const who = e ? whoOf(e) : undefined;
  return {
    deployed: d,
    gone,
    fields: differs.flatMap((f) => fieldChanges(d.kind, f, org![f], intended, known)),
    ...(version ? { version } : {}),
    ...(seen ? { seen } : {}),
    ...(when ? { when } : {}),
    ...(who ? { who } : {}),
    ...(orgFields ? { orgFields } : {}),
    takenIn:
      orgFields !== undefined &&
      intended !== undefined &&
      differingFields(fieldDigests(d.kind, intended), orgFields).length === 0,
  };
}

/** One line: the object, what the org holds against what the stack writes, and the org's record of the change. */
export function driftDetail(
  r: RoutingDrift,
  stackWord = "the stack's files say",
  verb = " was changed outside the stack",
): string {
  const d = r.deployed;
  const what = `${unitOf(d.kind).label} "${d.publishedName}"`;
  if (r.gone)
    return `the ${what} the stack deployed (id ${d.objectId}) is gone from the org: deleted outside the stack`;
  const fields = r.fields
    .map((f) => `${f.words}: the org has ${f.org}${f.stack !== undefined ? `, ${stackWord} ${f.stack}` : ""}`)
    .join("; ");
  const after =
    r.when !== undefined && d.modified !== undefined && Date.parse(r.when) > Date.parse(d.modified)
      ? `, after this stack last deployed it (${d.modified})`
      : "";
  const change =
    r.when !== undefined || r.who !== undefined
      ? `changed${r.when !== undefined ? ` ${r.when}` : ""}${r.who !== undefined ? ` by ${r.who}` : ""}`
      : undefined;
  const record = [r.version !== undefined ? `version ${r.version}` : undefined, change].filter(Boolean).join(", ");
  return `${what}${verb}: ${fields}${record ? ` (${record}${after})` : ""}`;
}

/** A drift the run would overwrite, as a person's change its decision judges. */
export function routingPersonChange(r: RoutingDrift): PersonChange {
  return {
    kind: "routing-changed",
    flow: r.deployed.id,
    publishedName: r.deployed.publishedName,
    detail: driftDetail(r, "this run writes", ""),
    ...(r.version !== undefined ? { version: r.version } : {}),
    ...(r.seen !== undefined ? { seen: r.seen } : {}),
    ...(r.when !== undefined ? { when: r.when } : {}),
    ...(r.who !== undefined ? { who: r.who } : {}),
  };
}

/**
 * Verify's findings: each drift (an error; a warning when the stack file acknowledges the version
 * seen; info when the files hold the org's values already), and what the stack overwrote of a
 * person's change (a warning until acknowledged, then info).
 */
export function routingFindings(
  drifts: readonly RoutingDrift[],
  deployed: readonly DeployedRouting[],
  ctx: { stack: string; acknowledgements: Readonly<Record<string, Acknowledgement>> },
): VerifyFinding[] {
  const acked = (id: string, seen: { version?: string; seen?: string }) => {
    const ack = ctx.acknowledgements[id];
    return ack !== undefined && ackCovers(ack, seen) ? ack : undefined;
  };
  const acknowledge = (id: string, seen: { version?: string; seen?: string }) =>
    `acknowledge it in ${stackFileName(ctx.stack)}: ${acknowledgementYaml({ kind: "routing-changed", flow: id, ...seen })}`;
  const out: VerifyFinding[] = drifts.map((r) => {
    const d = r.deployed;
    const ack = acked(d.id, r);
    const base = { flow: d.publishedName, file: d.file, code: "routing-drift" as const, message: driftDetail(r) };
    if (r.takenIn)
      return {
        ...base,
        severity: "info",
        message: `${base.message}; ${d.file} holds the org's values now`,
        fix: `npm run up -- --stack ${ctx.stack} (it records them; nothing of the person's is overwritten)`,
      };
    if (ack)
      return {
        ...base,
        severity: "warning",
        message: `${base.message}; acknowledged: "${ack.reason}"`,
        fix: "the next up that writes it overwrites their change",
      };
    return {
      ...base,
      severity: "error",
      fix: `if their change is to stay, take it into ${d.file} (then it is the stack's to deploy); otherwise ${acknowledge(d.id, r)} (the next up that writes it overwrites it)`,
    };
  });
  for (const d of deployed.filter((x) => x.overwritten !== undefined)) {
    const o = d.overwritten!;
    const ack = acked(d.id, o);
    const theirs = Object.entries(o.theirs)
      .map(([w, v]) => `${w} ${v}`)
      .join("; ");
    out.push({
      flow: d.publishedName,
      file: d.file,
      code: "overwritten",
      severity: ack ? "info" : "warning",
      message: `${unitOf(d.kind).label} overwritten by this stack on ${o.at} over a change made outside it${o.version ? ` (version ${o.version}${o.by ? `, by ${o.by}` : ""})` : ""}; their values, which Genesys does not keep: ${theirs}${ack ? `; acknowledged: "${ack.reason}"` : ""}`,
      ...(ack
        ? {}
        : {
            fix: `if their change is to stay, take it into ${d.file} and deploy; otherwise ${acknowledge(d.id, o)}`,
          }),
    });
  }
  return out;
}

/** The stack's name of a Genesys id it deployed: a flow's id, a routing object's. */
export function knownIds(deployment: StackDeployment): (genesysId: string) => string | undefined {
  const names = new Map<string, string>([
    ...deployment.flows.map((f) => [f.flowId, f.id] as const),
    ...(deployment.routing ?? []).map((r) => [r.objectId, r.id] as const),
  ]);
  return (id) => names.get(id);
}

/** Stands for the Genesys id of a flow or routing object a run creates or replaces: known only once it exists. */
const NEW_ID = "(the id it gets)";

/**
 * Each planned object's provider inputs (planner/routingInputs.ts), references as the Genesys ids
 * the state holds; `renewed`: flows the run creates or replaces (a new id).
 */
export function intendedInputs(
  objects: readonly PlannedRouting[],
  deployment: StackDeployment,
  renewed: ReadonlySet<string> = new Set(),
): Map<string, Json> {
  const flows = new Map(deployment.flows.filter((f) => !renewed.has(f.id)).map((f) => [f.id, f.flowId]));
  const routing = new Map((deployment.routing ?? []).map((r) => [r.id, r.objectId]));
  const refs = { flow: (id: string) => flows.get(id) ?? NEW_ID, routing: (id: string) => routing.get(id) ?? NEW_ID };
  return new Map(objects.map((o) => [o.id, routingResourceInputs(o, refs)]));
}
