// The two sets the agreement tier compares: (resource, action) as the review's JSON names it
// (ReviewJson deploy.resources, diff/resourcePlan.ts) and as `pulumi preview --json` reports it
// (its steps: op and URN). Which resources count:
//   - counted: every custom resource that acts on the org: the genesyscloud Flow of each flow, the
//     routing objects' resources (IVR configs, schedules, schedule groups, emergency groups, DID
//     pools) and the providers (pulumi:providers:genesyscloud, one per publisher);
//   - bookkeeping, not counted: the component resources (CommonModule, InteractionFlow and the
//     routing components: they hold facts in the state and write nothing to the org), the
//     WaveRollout records (components too) and the stack itself (its outputs).
// Any other type in a preview fails the tier, so a new resource type is classified here first.
// The engine's steps of one resource are folded into one action the org sees:
//   create | update | replace (replace, create-replacement, delete-replaced) | delete |
//   import (an org object read into the state, no write) | forget (a delete of a resource that
//   retains on delete, or a read resource discarded: the org keeps it); a read resource replaced by
//   an imported one and updated (an adopted flow's first change) is an update: published in place.
//   `same`, `read` (an adopted flow read again) and `refresh` are no action.
import * as genesyscloud from "@pulumi/genesyscloud";
import type { ReviewJson } from "../../diff/review";
import type { FlowChange } from "../../run/flowChanges";
import type { ResourceAction, ResourceKind } from "../../diff/resourcePlan";
import {
  COMMON_MODULE_TYPE,
  GENESYS_FLOW_TYPE,
  INTERACTION_FLOW_TYPE,
  LEGACY_CALLER_TYPE,
  LEGACY_MODULE_TYPE,
  ROUTING_TYPES,
} from "../../model/facts";
import { ROUTING_KIND_UNITS } from "../../model/routing/schema";
import { WAVE_ROLLOUT_TYPE } from "../../planner/waves/rolloutRecord";
import { resourceNameOf } from "../../planner/names";
import { sourceIdOf } from "../../project/flowFiles";

/** `<kind> <resource name>` -> action. */
export type ActionSet = Map<string, ResourceAction>;

/** A provider's type: `pulumi:providers:<package>` (the SDK keeps the package name internal). */
const PROVIDER_TYPE = "pulumi:providers:genesyscloud";

/** The kind of a custom resource type that counts; undefined for bookkeeping. Throws for a type the tier does not know. */
export function kindOfType(type: string): ResourceKind | undefined {
  if (type === GENESYS_FLOW_TYPE) return "flow";
  if (type === PROVIDER_TYPE) return "provider";
  for (const unit of ROUTING_KIND_UNITS) {
    // biome-ignore lint/performance/noDynamicNamespaceImportAccess: a kind names its provider resource, as components/routing.ts looks it up
    const resource = genesyscloud[unit.provider.resource] as unknown as { __pulumiType: string };
    if (resource.__pulumiType === type) return unit.kind;
  }
  const bookkeeping = [
    COMMON_MODULE_TYPE,
    INTERACTION_FLOW_TYPE,
    LEGACY_MODULE_TYPE,
    LEGACY_CALLER_TYPE,
    WAVE_ROLLOUT_TYPE,
    "pulumi:pulumi:Stack",
    ...Object.values(ROUTING_TYPES),
  ];
  if (bookkeeping.includes(type)) return undefined;
  throw new Error(
    `the agreement tier does not classify resource type ${type}: count it (it acts on the org) or list it as bookkeeping in test/agreement/actions.ts`,
  );
}

/** A step of `pulumi preview --json` (the parts read here). */
export interface PreviewStep {
  op: string;
  urn: string;
  oldState?: { retainOnDelete?: boolean; external?: boolean; type?: string };
  newState?: { type?: string };
  diffReasons?: string[];
  replaceReasons?: string[];
}

/** `urn:pulumi:<stack>::<project>::<parent$...$type>::<name>` -> its type and name. */
export function typeAndName(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  const qualified = parts[2] ?? "";
  return { type: qualified.slice(qualified.lastIndexOf("$") + 1), name: parts.slice(3).join("::") };
}

const NO_ACTION = new Set(["same", "read", "refresh"]);
const REPLACING = new Set(["replace", "create-replacement", "delete-replaced"]);

/** What one step does to the org: a replacement of a read resource only imports it (no write). */
function stepAction(s: PreviewStep): ResourceAction | "none" {
  if (NO_ACTION.has(s.op)) return "none";
  if (s.op === "discard" || s.op === "discard-replaced") return "forget";
  if (s.op === "import" || s.op === "import-replacement") return "import";
  if (REPLACING.has(s.op)) return s.oldState?.external === true ? "import" : "replace";
  if (s.op === "delete") return s.oldState?.retainOnDelete === true ? "forget" : "delete";
  if (s.op === "create" || s.op === "update") return s.op;
  throw new Error(`the agreement tier cannot fold the step ${s.op} of ${s.urn}`);
}

/** Folds one resource's steps into the action the org sees (see the header): the strongest write wins, an import then a publish is an update. */
function fold(steps: readonly PreviewStep[]): ResourceAction | undefined {
  const actions = new Set(steps.map(stepAction).filter((a): a is ResourceAction => a !== "none"));
  for (const a of ["replace", "update", "create", "delete", "import", "forget"] as const) if (actions.has(a)) return a;
  return undefined;
}

/** What the engine does, from `pulumi preview --json`'s steps. */
export function engineActions(steps: readonly PreviewStep[]): ActionSet {
  const byResource = new Map<string, PreviewStep[]>();
  for (const s of steps) {
    const { type, name } = typeAndName(s.urn);
    const kind = kindOfType(type);
    if (kind === undefined) continue;
    const key = `${kind} ${name}`;
    byResource.set(key, [...(byResource.get(key) ?? []), s]);
  }
  const out: ActionSet = new Map();
  for (const [key, list] of [...byResource].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const action = fold(list);
    if (action !== undefined) out.set(key, action);
  }
  return out;
}

/**
 * What the run's change set says the engine does to each flow (run/flowChanges.ts: the plan's Flow
 * inputs against the state's, what the guards judge), as actions: an import whose inputs differ is
 * published right after (an update of the org's flow); a read or nothing, no action.
 */
export function runActions(changes: readonly FlowChange[]): ActionSet {
  const out: ActionSet = new Map();
  for (const c of changes) {
    const action: ResourceAction | undefined =
      c.action === "import"
        ? c.differs.length > 0 || c.deployed === undefined
          ? "update"
          : "import"
        : c.action === "read" || c.action === "same"
          ? undefined
          : c.action;
    if (action !== undefined) out.set(`flow ${c.flow}`, action);
  }
  return out;
}

/** The flows of an action set (the run's change set covers flows only). */
export function flowsOnly(set: ActionSet): ActionSet {
  return new Map([...set].filter(([k]) => k.startsWith("flow ")));
}

/** What the review says up does, from its JSON. */
export function reviewActions(review: ReviewJson): ActionSet {
  if (review.deploy === null)
    throw new Error(`the review computed no plan: ${review.problems.map((p) => p.message).join("; ")}`);
  return new Map(review.deploy.resources.map((r) => [`${r.kind} ${r.resource}`, r.action]));
}

/**
 * The flows the engine republishes for the modules they call: updated with a new
 * `updateTriggerHash` (components/publishedFlow.ts).
 */
export function republishedForModules(steps: readonly PreviewStep[]): string[] {
  const named = steps.map((s) => ({ s, ...typeAndName(s.urn) }));
  const updates = named.filter(({ s, type }) => kindOfType(type) === "flow" && s.op === "update");
  return updates
    .filter(({ s }) => (s.diffReasons ?? []).includes("updateTriggerHash"))
    .map(({ name }) => name)
    .sort();
}

/** The review's "Callers forced to republish" as resource names, but those a rollout in waves holds. */
export function reviewForced(review: ReviewJson): string[] {
  const held = new Set((review.deploy?.changes ?? []).filter((c) => c.action === "held").map((c) => c.id));
  const ids = review.flows.republish.map((r) => sourceIdOf(r.file)).filter((id) => !held.has(id));
  return [...new Set(ids.map(resourceNameOf))].sort();
}

/** One resource the two name differently. */
export interface Disagreement {
  resource: string;
  review?: ResourceAction;
  engine?: ResourceAction;
}

export function disagreements(review: ActionSet, engine: ActionSet): Disagreement[] {
  const keys = [...new Set([...review.keys(), ...engine.keys()])].sort();
  return keys
    .filter((k) => review.get(k) !== engine.get(k))
    .map((k) => ({
      resource: k,
      ...(review.has(k) ? { review: review.get(k) } : {}),
      ...(engine.has(k) ? { engine: engine.get(k) } : {}),
    }));
}

/** The engine's own steps for a resource (`<kind> <name>`): op, and the inputs that differ or force a replacement. */
export function rawSteps(steps: readonly PreviewStep[], key: string): string {
  const mine = steps.filter((s) => {
    const { type, name } = typeAndName(s.urn);
    return `${kindOfType(type)} ${name}` === key;
  });
  if (mine.length === 0) return "no step";
  return mine
    .map(
      (s) =>
        `${s.op}${s.oldState?.external === true ? " (of a read resource)" : ""}${s.diffReasons?.length ? ` diff: ${s.diffReasons.join(", ")}` : ""}${s.replaceReasons?.length ? ` replace: ${s.replaceReasons.join(", ")}` : ""}`,
    )
    .join("; ");
}

/** The set as lines, for a report. */
export function showSet(set: ActionSet): string {
  return set.size === 0 ? "    (nothing)" : [...set].map(([k, a]) => `    ${a} ${k}`).join("\n");
}
