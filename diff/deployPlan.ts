// What `up` does to each flow of a stack, from what the stack deploys at the base and at the head:
// publish (its content changes), replace (its published name changes: Genesys publishes by name,
// so the flow gets a new id, the old flow is deleted and what routes to it is re-pointed; see
// components/publishedFlow.ts replaceOnChanges), create, delete (a flow joining or leaving the
// stack through its include/exclude globs is a move between stacks), adopt (a new file of the stack
// taking over a flow the org has, genesys-flows:flows.<id>.adopt: nothing is created), and republish
// (a caller of a module whose content changes). The published names come from the planner's own functions
// (planner/pipeline.ts checkInputOf, planner/names.ts publishedNameOf), so the review and `up`
// cannot disagree on them. Pure.
import type { FlowModelDiff } from "./flowDiff";
import type { RoutingObjectView } from "./routingDiff";
import { unitOf } from "../model/routing/schema";

/** A flow as one side's stack deploys it. */
export interface DeployedFlow {
  id: string;
  file: string;
  kind: string;
  /** The flow's name after the stack's substitutions, without the prefix. */
  name: string;
  /** What Genesys shows: the stack's prefix and that name. */
  publishedName: string;
  isModule: boolean;
  /** The Genesys flow the stack adopts for it (`genesys-flows:flows.<id>.adopt`): it exists already. */
  adopt?: string;
}

/** One side of the stack: what it deploys, and every flow file it has (selected or not). */
export interface DeploySide {
  /** Flows the stack deploys, by file. */
  flows: ReadonlyMap<string, DeployedFlow>;
  /** Every flow file of the side's portfolio (the stack's globs select among them). */
  files: ReadonlySet<string>;
  namePrefix: string;
  /** The routing objects the side deploys (for what routes to a replaced flow). */
  routing?: ReadonlyMap<string, RoutingObjectView>;
  /** The side has no stack file: the stack deploys nothing there (a new stack at the head). */
  noStackFile?: boolean;
  /** Callers' places in the stack's module rollouts in waves (genesys-flows:waves), by file. */
  waves?: ReadonlyMap<string, ReadonlyArray<{ module: string; wave: number; of: number }>>;
}

export type DeployAction = "replace" | "publish" | "create" | "adopt" | "delete" | "republish";

export interface DeployChange {
  action: DeployAction;
  id: string;
  file: string;
  kind: string;
  /** The published name after the deploy (before it, for a delete). */
  publishedName: string;
  /** For a replace: the published name the old flow has, deleted with its Genesys id. */
  oldName?: string;
  /** Why, one line each: what changed the name, why a flow joins or leaves, the modules a republish follows. */
  why: string[];
  /** Create or delete of a flow whose file is on both sides: it moves into or out of the stack. */
  move?: "into-stack" | "out-of-stack";
  /** For a replace: the routing objects (kind label and routing id) re-pointed to the new flow. */
  repointed?: string[];
  /** For a republish: the modules that force it. */
  modules?: string[];
}

export interface DeployPlan {
  changes: DeployChange[];
  /** Flows the stack deploys on both sides that `up` leaves as they are. */
  unchanged: number;
}

/** The order a reviewer reads them in: what is lost first. */
export const DEPLOY_ACTIONS: readonly DeployAction[] = ["replace", "delete", "create", "adopt", "publish", "republish"];

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const q = (s: string) => JSON.stringify(s);

/** How a routing object sends calls to the flow, if it does: an IVR config by schedule state, an emergency group while on. */
function routesTo(o: RoutingObjectView, flowId: string): string[] {
  const unit = unitOf(o.value.kind);
  const refs = unit.references(o.value).filter((r) => r.to === "flow" && r.id === flowId);
  if (refs.length === 0) return [];
  const whens = refs.flatMap((r) => (r.when !== undefined ? [r.when] : []));
  return [`${unit.label} ${o.id}${whens.length > 0 ? ` (${whens.join(", ")})` : ""}`];
}

function stackWhy(file: string, stackFile: string, joins: boolean): string {
  return `${file} ${joins ? "joins" : "leaves"} the stack: genesys-flows:include/exclude in ${stackFile} ${joins ? "now select" : "no longer select"} it`;
}

/** What `up` does to every flow of the stack, from `base` to `head`; `diff` is the flow diff of the same sides. */
export function planDeployChanges(base: DeploySide, head: DeploySide, diff: FlowModelDiff, stackFile: string): DeployPlan {
  const changes: DeployChange[] = [];
  const changed = new Map(diff.flows.map((d) => [d.file, d]));
  let unchanged = 0;
  for (const file of [...new Set([...base.flows.keys(), ...head.flows.keys()])].sort(cmp)) {
    const b = base.flows.get(file);
    const h = head.flows.get(file);
    if (h && !b && h.adopt !== undefined) {
      // The flow exists in the org: the stack takes it over in place (no create, no publish while it is as adopted).
      changes.push({ action: "adopt", id: h.id, file, kind: h.kind, publishedName: h.publishedName, why: [`genesys-flows:flows.${h.id}.adopt in ${stackFile}: the stack takes over Genesys flow ${h.adopt} in place (same id; nothing created; published only once it changes, planner/adoption.ts)`] });
    } else if (h && !b) {
      const moves = base.files.has(file);
      const why = moves ? stackWhy(file, stackFile, true) : base.noStackFile ? `a new stack: ${stackFile} is not at the base` : "a new flow file";
      changes.push({ action: "create", id: h.id, file, kind: h.kind, publishedName: h.publishedName, why: [why], ...(moves ? { move: "into-stack" as const } : {}) });
    } else if (b && !h) {
      const moves = head.files.has(file);
      changes.push({
        action: "delete",
        id: b.id,
        file,
        kind: b.kind,
        publishedName: b.publishedName,
        why: [moves ? stackWhy(file, stackFile, false) : "the flow file is removed", "the flow is deleted from the org with its Genesys id"],
        ...(moves ? { move: "out-of-stack" as const } : {}),
      });
    } else if (b && h && b.publishedName !== h.publishedName) {
      const why: string[] = [];
      if (base.namePrefix !== head.namePrefix) why.push(`namePrefix ${q(base.namePrefix)} → ${q(head.namePrefix)} in ${stackFile}`);
      if (b.name !== h.name) why.push(`name ${q(b.name)} → ${q(h.name)}`);
      why.push("Genesys publishes by name: a new flow with a new Genesys id; the old flow is deleted and its id is gone");
      const repointed = [...(head.routing?.values() ?? [])].sort((x, y) => cmp(x.id, y.id)).flatMap((o) => routesTo(o, h.id));
      changes.push({ action: "replace", id: h.id, file, kind: h.kind, publishedName: h.publishedName, oldName: b.publishedName, why, ...(repointed.length > 0 ? { repointed } : {}) });
    } else if (b && h) {
      const d = changed.get(file);
      // A module whose compiled content stays the same (an interface edit such as `required`) publishes nothing.
      if (d !== undefined && d.moduleContentChanged !== false) changes.push({ action: "publish", id: h.id, file, kind: h.kind, publishedName: h.publishedName, why: ["its content changes"] });
      else unchanged++;
    }
  }
  // Callers of a changing module that change nothing else: republished, each once, with every module that forces it.
  const acted = new Set(changes.map((c) => c.file));
  const forcedBy = new Map<string, string[]>();
  for (const r of diff.republish) {
    if (acted.has(r.file) || !head.flows.has(r.file)) continue;
    forcedBy.set(r.file, [...new Set([...(forcedBy.get(r.file) ?? []), r.moduleName])]);
  }
  for (const [file, modules] of [...forcedBy].sort(([x], [y]) => cmp(x, y))) {
    const h = head.flows.get(file)!;
    const names = `${modules.length === 1 ? "module" : "modules"} ${modules.join(", ")}`;
    // A module is compiled with the modules it calls (Genesys refuses a module calling a module).
    const why = h.isModule ? `is compiled with ${names}, which changes` : `calls ${names}, whose content changes: Genesys snapshots a module into each caller at publish time`;
    // A rollout in waves: which up publishes it; until then it runs the module version it was published with.
    const waves = (head.waves?.get(file) ?? []).map((w) =>
      w.wave === 1 ? `wave 1 of ${w.of} of the rollout of module ${w.module} (genesys-flows:waves): the up that starts the rollout` : `wave ${w.wave} of ${w.of} of the rollout of module ${w.module} (genesys-flows:waves): a later up; it runs the module version it was published with until then`,
    );
    changes.push({ action: "republish", id: h.id, file, kind: h.kind, publishedName: h.publishedName, why: [why, ...waves], modules });
    unchanged--;
  }
  const rank = (c: DeployChange) => DEPLOY_ACTIONS.indexOf(c.action);
  changes.sort((x, y) => rank(x) - rank(y) || cmp(x.file, y.file));
  return { changes, unchanged };
}

/** `3 replaced, 1 published, 0 created, 0 deleted, 2 republished for a module, 4 unchanged`. */
export function deployCounts(plan: DeployPlan): string {
  const n = (a: DeployAction) => plan.changes.filter((c) => c.action === a).length;
  const adopted = n("adopt") > 0 ? `, ${n("adopt")} adopted` : "";
  return `${n("replace")} replaced, ${n("delete")} deleted, ${n("create")} created${adopted}, ${n("publish")} published, ${n("republish")} republished for a module, ${plan.unchanged} unchanged`;
}
