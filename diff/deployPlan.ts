// What `up` does to each flow of a stack, from what the stack deploys at the base and at the head:
// publish (its compiled content changes), replace (its published name changes: Genesys publishes
// by name, so the flow gets a new id, the old flow is deleted and what routes to it is re-pointed;
// see components/publishedFlow.ts replaceOnChanges), create, delete (a flow joining or leaving the
// stack through its include/exclude globs is a move between stacks), republish (a caller of a
// module whose revision changes), adopt (a flow taken over from the org as it runs there: read,
// nothing published: planner/adoption.ts), forget (a flow leaving the stack that stays in the org:
// adopted, or `retainOnDelete`) and held (a caller a module's rollout in waves leaves on the module
// version it was published with: planner/waves/wavePlan.ts). The decisions follow the revisions the program
// gives its resources (planner/portfolio.ts revisionsOf: a flow's Flow is updated exactly when its
// revision changes), and the published names come from the planner's own functions
// (planner/pipeline.ts checkInputOf, planner/names.ts publishedNameOf), so the review and `up`
// cannot disagree on them (test/agreement compares the two with `pulumi preview`). Pure.
import type { FlowModelDiff } from "./flowDiff";
import type { RoutingObjectView } from "./routingDiff";
import { unitOf } from "../model/routing/schema";
import { readsAdoptedFlow, type FlowInState } from "../planner/adoption";
import { cmp } from "../archy/json";

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
  /** Its published content's revision and its revision (with the modules it calls); absent when the side did not compile. */
  contentRevision?: string;
  revision?: string;
  /** The modules it calls directly (flow ids). Default: none. */
  calls?: readonly string[];
  /** The org flow it takes over (`flows.<id>.adopt`) and the revision recorded then (`adoptedRevision`). */
  adopt?: string;
  adoptedRevision?: string;
  /** It stays in the org when it leaves the stack (`retainOnDelete`; default for an adopted flow). */
  retainOnDelete?: boolean;
}

/** What `up` finds of a flow in the stack's state (the base, or the state when the review reads it). */
export interface DeployedState {
  revision: string;
  contentRevision?: string;
  /** The flow is only read (adopted, never published by the stack): planner/adoption.ts. */
  read?: boolean;
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
  /**
   * Head only: the callers this up leaves on the module version they were published with (a
   * rollout in waves, planner/waves/wavePlan.ts planWaves), by flow id: the modules holding them.
   */
  held?: ReadonlyMap<string, readonly string[]>;
  /**
   * Head only: what the stack runs now, by flow id, when the review read the stack's state (its
   * revisions, which a rollout in waves makes differ from the base). Default: the base's flows.
   */
  deployed?: ReadonlyMap<string, DeployedState>;
}

export type DeployAction = "replace" | "publish" | "create" | "delete" | "republish" | "adopt" | "forget" | "held";

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
  /** For a republish: the modules that force it; for held: the modules whose rollout holds it. */
  modules?: string[];
  /** For a publish of an adopted flow the stack only read so far: the org flow taken over in place (Pulumi `import`). */
  imports?: string;
}

/** What `up` does to each flow. */
export interface FlowPlan {
  changes: DeployChange[];
  /** Flows the stack deploys on both sides that `up` leaves as they are (held callers are listed, not counted here). */
  unchanged: number;
}

/** The order a reviewer reads them in: what is lost first. */
export const DEPLOY_ACTIONS: readonly DeployAction[] = [
  "replace",
  "delete",
  "forget",
  "create",
  "adopt",
  "publish",
  "republish",
  "held",
];

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

/** What the state holds for a flow the base deploys: read (adopted, as adopted) or managed; from the state when the review read it. */
function inStateOf(id: string, b: DeployedFlow | undefined, head: DeploySide): FlowInState {
  const d = head.deployed?.get(id);
  if (d !== undefined) return d.read === true ? "read" : "managed";
  if (!b) return "absent";
  // Without the state: the base is what was deployed, and an adopted flow at its adopted revision was only read.
  return b.adopt !== undefined && b.adoptedRevision !== undefined && b.adoptedRevision === b.revision
    ? "read"
    : "managed";
}

/** The revisions `up` compares with: the state's when the review read it, else the base's. */
function deployedRevisions(
  id: string,
  b: DeployedFlow,
  head: DeploySide,
): { revision?: string; contentRevision?: string } {
  const d = head.deployed?.get(id);
  return d !== undefined ? d : b;
}

/** The modules a caller calls directly whose revision changes (by published name, as the review names them). */
function changedModules(h: DeployedFlow, base: DeploySide, head: DeploySide): string[] {
  const byId = (side: DeploySide) => new Map([...side.flows.values()].map((f) => [f.id, f]));
  const b = byId(base);
  const a = byId(head);
  return (h.calls ?? [])
    .filter((id) => a.get(id)?.revision !== (head.deployed?.get(id)?.revision ?? b.get(id)?.revision))
    .map((id) => a.get(id)?.name ?? id)
    .sort(cmp);
}

/** A flow on both sides under the same published name: publish, republish, held, or nothing; from the revisions when both sides compiled. */
function sameNameChange(
  file: string,
  b: DeployedFlow,
  h: DeployedFlow,
  base: DeploySide,
  head: DeploySide,
  diff: FlowModelDiff,
): DeployChange | undefined {
  const held = head.held?.get(h.id);
  const was = deployedRevisions(h.id, b, head);
  const common = { id: h.id, file, kind: h.kind, publishedName: h.publishedName };
  if (h.revision === undefined || was.revision === undefined) {
    // A side that did not compile (its problems are reported): the model diff decides, as far as it can.
    const d = diff.flows.find((x) => x.file === file);
    if (d !== undefined && d.moduleContentChanged !== false)
      return { action: "publish", ...common, why: ["its content changes"] };
    const modules = [...new Set(diff.republish.filter((r) => r.file === file).map((r) => r.moduleName))];
    return modules.length > 0
      ? {
          action: "republish",
          ...common,
          modules,
          why: [`calls ${modules.length === 1 ? "module" : "modules"} ${modules.join(", ")}, whose content changes`],
        }
      : undefined;
  }
  const state = inStateOf(h.id, b, head);
  // An adopted flow the stack only reads stays read while it is as adopted.
  if (
    readsAdoptedFlow(
      {
        ...(h.adopt !== undefined ? { adopt: h.adopt } : {}),
        ...(h.adoptedRevision !== undefined ? { adoptedRevision: h.adoptedRevision } : {}),
        revision: h.revision,
      },
      state,
    )
  )
    return undefined;
  if (held !== undefined) {
    if (h.revision === was.revision) return undefined;
    return {
      action: "held",
      ...common,
      modules: [...held],
      why: [
        `the rollout in waves of ${held.length === 1 ? "module" : "modules"} ${held.join(", ")} holds it: it keeps the module version it was published with until its wave (genesys-flows:waves)`,
      ],
    };
  }
  const imports = state === "read" && h.adopt !== undefined ? { imports: h.adopt } : {};
  const takeOver =
    state === "read"
      ? [
          `the stack takes over the adopted org flow ${h.adopt ?? ""} in place (Pulumi import: same Genesys id) and publishes it: its revision is no longer flows.${h.id}.adoptedRevision`,
        ]
      : [];
  if (h.revision === was.revision) return undefined;
  const modules = changedModules(h, base, head);
  // Its own file changed (or its substitutions, its name's placeholders...): a publish; a module compiled with changing modules only: a republish.
  const ownChange = diff.flows.some((d) => d.file === file && d.moduleContentChanged !== false) || modules.length === 0;
  if (h.contentRevision !== was.contentRevision && ownChange)
    return { action: "publish", ...common, why: ["its content changes", ...takeOver], ...imports };
  const names = `${modules.length === 1 ? "module" : "modules"} ${modules.join(", ")}`;
  // A module is compiled with the modules it calls (Genesys refuses a module calling a module).
  const why = h.isModule
    ? `is compiled with ${names}, which changes`
    : `calls ${names}, whose content changes: Genesys snapshots a module into each caller at publish time`;
  const waves = (head.waves?.get(file) ?? []).map(
    (w) =>
      `wave ${w.wave} of ${w.of} of the rollout of module ${w.module} (genesys-flows:waves): ${w.wave === 1 ? "the up that starts the rollout" : "goes out with this up"}`,
  );
  return { action: "republish", ...common, why: [why, ...waves, ...takeOver], modules, ...imports };
}

/** What `up` does to every flow of the stack, from `base` to `head`; `diff` is the flow diff of the same sides. */
export function planDeployChanges(
  base: DeploySide,
  head: DeploySide,
  diff: FlowModelDiff,
  stackFile: string,
): FlowPlan {
  const changes: DeployChange[] = [];
  let unchanged = 0;
  for (const file of [...new Set([...base.flows.keys(), ...head.flows.keys()])].sort(cmp)) {
    const b = base.flows.get(file);
    const h = head.flows.get(file);
    if (h && !b) {
      const moves = base.files.has(file);
      const why = moves
        ? stackWhy(file, stackFile, true)
        : base.noStackFile
          ? `a new stack: ${stackFile} is not at the base`
          : "a new flow file";
      const named = { id: h.id, file, kind: h.kind, publishedName: h.publishedName };
      const common = { ...named, ...(moves ? { move: "into-stack" as const } : {}) };
      // Taken over as the org runs it (at its adoptedRevision; a side that did not compile cannot tell): read, nothing created or published.
      if (
        h.adopt !== undefined &&
        (h.revision === undefined ||
          readsAdoptedFlow(
            {
              adopt: h.adopt,
              ...(h.adoptedRevision !== undefined ? { adoptedRevision: h.adoptedRevision } : {}),
              revision: h.revision,
            },
            "absent",
          ))
      ) {
        changes.push({
          action: "adopt",
          ...named,
          why: [
            `genesys-flows:flows.${h.id}.adopt in ${stackFile}: the stack takes over Genesys flow ${h.adopt} in place (same id; nothing created; published only once it changes, planner/adoption.ts)`,
          ],
        });
      } else if (h.adopt !== undefined) {
        changes.push({
          action: "publish",
          ...common,
          imports: h.adopt,
          why: [
            why,
            `takes over org flow ${h.adopt} in place (flows.${h.id}.adopt: Pulumi import, same Genesys id) and publishes it: ${h.adoptedRevision === undefined ? "no adoptedRevision is recorded" : "its revision is not the adoptedRevision"}`,
          ],
        });
      } else {
        changes.push({ action: "create", ...common, why: [why] });
      }
    } else if (b && !h) {
      const moves = head.files.has(file);
      const leaves = moves ? stackWhy(file, stackFile, false) : "the flow file is removed";
      const kept = b.retainOnDelete === true || inStateOf(b.id, b, head) === "read";
      changes.push({
        action: kept ? "forget" : "delete",
        id: b.id,
        file,
        kind: b.kind,
        publishedName: b.publishedName,
        why: [
          leaves,
          kept
            ? `the flow stays in the org: the stack forgets it (${b.adopt !== undefined ? "adopted: it was there before the stack" : "retainOnDelete"})`
            : "the flow is deleted from the org with its Genesys id",
        ],
        ...(moves ? { move: "out-of-stack" as const } : {}),
      });
    } else if (b && h && b.publishedName !== h.publishedName) {
      const why: string[] = [];
      if (base.namePrefix !== head.namePrefix)
        why.push(`namePrefix ${q(base.namePrefix)} → ${q(head.namePrefix)} in ${stackFile}`);
      if (b.name !== h.name) why.push(`name ${q(b.name)} → ${q(h.name)}`);
      const kept = b.retainOnDelete === true || inStateOf(b.id, b, head) === "read";
      why.push(
        kept
          ? "Genesys publishes by name: a new flow with a new Genesys id; the old flow stays in the org, the stack forgets it (adopted, or retainOnDelete)"
          : "Genesys publishes by name: a new flow with a new Genesys id; the old flow is deleted and its id is gone",
      );
      const repointed = [...(head.routing?.values() ?? [])]
        .sort((x, y) => cmp(x.id, y.id))
        .flatMap((o) => routesTo(o, h.id));
      changes.push({
        action: "replace",
        id: h.id,
        file,
        kind: h.kind,
        publishedName: h.publishedName,
        oldName: b.publishedName,
        why,
        ...(repointed.length > 0 ? { repointed } : {}),
      });
    } else if (b && h) {
      const change = sameNameChange(file, b, h, base, head, diff);
      if (change !== undefined) changes.push(change);
      if (change === undefined) unchanged++;
    }
  }
  const rank = (c: DeployChange) => DEPLOY_ACTIONS.indexOf(c.action);
  changes.sort((x, y) => rank(x) - rank(y) || cmp(x.file, y.file));
  return { changes, unchanged };
}

/** `3 replaced, 0 deleted, 0 created, 1 published, 2 republished for a module, 4 unchanged`, with those left in the org, adopted and held when there are any. */
export function deployCounts(plan: FlowPlan): string {
  const n = (a: DeployAction) => plan.changes.filter((c) => c.action === a).length;
  const some = (a: DeployAction, words: string) => (n(a) > 0 ? `, ${n(a)} ${words}` : "");
  return `${n("replace")} replaced, ${n("delete")} deleted${some("forget", "left in the org")}, ${n("create")} created${some("adopt", "adopted")}, ${n("publish")} published, ${n("republish")} republished for a module${some("held", "held for a later wave")}, ${plan.unchanged} unchanged`;
}
