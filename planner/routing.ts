// The stack's routing plan: every routing file (minus the stack's exclusions), the stack's values
// applied and validated again, checked against the stack's flows with the one routing check
// implementation, ordered the way the engine must create them (schedules, schedule groups, IVR
// configs, emergency groups). Every problem of every file is collected into one FlowLoadError
// before anything is registered. Pure: the caller reads the files.
import { minimatch } from "minimatch";
import { FlowLoadError, type FlowIssue } from "../model/errors";
import { issueAt, parseRoutingText, rootOf, type LoadedRouting } from "../model/routing/load";
import { expandNumbers, ROUTING_KINDS, ROUTING_ROOTS, routingFile, routingName } from "../model/routing/schema";
import { STACK_VALUES, unitOf } from "../model/routing/schema";
import type { RoutingFile, RoutingKind } from "../model/routing/schema";
import type { Json } from "../model/routing/kind";
import { applySubstitutions, findPlaceholders } from "../model/placeholders";
import { describeValue } from "../model/location";
import { didYouMean, listNames } from "../archy/suggest";
import {
  runRoutingChecks,
  type FlowGroupReference,
  type OrgDidPool,
  type OrgIvr,
  type RoutingFlowFacts,
} from "../checks/routing";
import { routingRuleInfo } from "../checks/routingRules";
import type { Finding } from "../checks/finding";
import { CONFIG_NAMESPACE, type StackSettings } from "./stackSettings";
import { belongsToStack, stackOfStackFile } from "./select";
import { publishedRoutingName } from "./names";
import type { FlowSource } from "./portfolio";
import type { PipelineResult } from "./pipeline";
import { FLOW_KINDS } from "../model/kinds";
import { cmp } from "../archy/json";

type Root = (typeof ROUTING_ROOTS)[number];

/** An object the stack deploys, its values final. */
export interface PlannedRouting<T extends RoutingFile = RoutingFile> extends LoadedRouting<T> {
  kind: RoutingKind;
  /** The stack's prefix and the object's name; an org object's name with the stack's substitutions. */
  publishedName: string;
  /** The Pulumi resource name: `routing/<id>`, `objects/<id>` (never clashes with a flow's id). */
  resourceName: string;
  /** The file's text (the policy pack locates its findings in it, as here). */
  source: string;
  /** The id of an org object this file takes over (Pulumi `import`), from the stack file; an org object's, by name. */
  adopt?: string;
  /**
   * An org object the stack adopted by name (planner/objects/decisions.ts), now or in an earlier run; `differs`:
   * the watched fields the org holds otherwise than the file when it is adopted now, `org` their values.
   */
  adopted?: { differs: readonly string[]; org: Json };
  /**
   * The object stays in the org when the stack is destroyed or the file removed (Pulumi's
   * `retainOnDelete`): default true for an adopted object, `retainOnDelete: false` beside `adopt` says otherwise.
   */
  retainOnDelete: boolean;
}

export interface RoutingPlan {
  objects: PlannedRouting[];
  /** Advisory findings (the core ones throw). */
  advisories: Finding[];
}

export interface RoutingPlanInput {
  /** The stack's routing and object values, name prefix and substitutions (lint without a stack: none). */
  settings: Pick<StackSettings, "routing" | "objects" | "namePrefix" | "substitutions">;
  sources: readonly FlowSource[];
  /** The stack's flows (kinds as Genesys API types). */
  flows: readonly RoutingFlowFacts[];
  stackFile: string;
  /** The org's IVR configs the stack does not manage, when the ownership check read them. */
  unmanagedIvrs?: readonly OrgIvr[];
  /** The org's DID pools, when read: numbers no DID pool holds are then reported (advisory). */
  orgDidPools?: readonly OrgDidPool[];
  /** The groups the flows name, when the org is not read (lint without --org, the policy pack). */
  flowGroups?: readonly FlowGroupReference[];
}

/** Everything the routing checks found, nothing thrown: what lint reports and the plan refuses. */
export interface RoutingCheckResult {
  /** The objects that loaded, stack values applied, in plan order. */
  objects: PlannedRouting[];
  /** Files or stack values that do not load (rule routing-load-error). */
  issues: FlowIssue[];
  /** The routing rules' findings (none while something does not load). */
  findings: Finding[];
}

const ADOPT = /^[A-Za-z0-9-]{1,64}$/;

/** Loads, applies stack values, checks and orders the stack's routing, collecting every problem. */
export function checkRouting(input: RoutingPlanInput): RoutingCheckResult {
  const { settings, stackFile } = input;
  const issues: FlowIssue[] = [];
  // Files under routing/stacks/<stack>/ (adopted from that stack's org) are that stack's alone.
  const stack = stackOfStackFile(stackFile);
  const excludedHere = (id: string, root: Root) => settings[root].exclude.some((g) => minimatch(id, g, { dot: true }));
  const excluded = (id: string, root: Root) => !belongsToStack(id, stack) || excludedHere(id, root);
  for (const root of ROUTING_ROOTS) {
    const ids = input.sources.filter((s) => rootOf(s.file) === root).map((s) => s.id);
    for (const id of Object.keys(settings[root].objects).sort()) {
      const message = `no ${root === "routing" ? "routing" : "object"} file ${root}/${id}.yaml${didYouMean(id, ids)}`;
      const field = `${CONFIG_NAMESPACE}:${root}.objects.${id}`;
      if (!ids.includes(id)) issues.push({ file: stackFile, field, message });
    }
  }
  const objects: PlannedRouting[] = [];
  const seen = new Map<string, string>();
  for (const source of input.sources) {
    const root = rootOf(source.file);
    if (excluded(source.id, root)) continue;
    const twin = seen.get(source.id);
    seen.set(source.id, source.file);
    if (twin !== undefined) {
      const message = `has the id ${source.id} of ${twin}: ids are unique across ${ROUTING_ROOTS.join("/ and ")}/`;
      issues.push({ file: source.file, message });
      continue;
    }
    let loaded: LoadedRouting;
    try {
      loaded = parseRoutingText(source.text, source.file);
    } catch (e) {
      if (e instanceof FlowLoadError) {
        issues.push(...e.issues);
        continue;
      }
      throw e;
    }
    const values = settings[root].objects[source.id] ?? {};
    const applied = applyStackValues(loaded, values, stackFile, root);
    const name = "issues" in applied ? undefined : objectName(applied.value, settings.substitutions, loaded, stackFile);
    const filled =
      "issues" in applied ? undefined : substituted(applied.value, settings.substitutions, loaded, stackFile);
    if ("issues" in applied || typeof name === "object" || filled === undefined || "message" in filled) {
      issues.push(
        ...("issues" in applied ? applied.issues : [(typeof name === "object" ? name : filled) as FlowIssue]),
      );
      continue;
    }
    objects.push({
      ...loaded,
      value: filled.value,
      kind: applied.value.kind,
      publishedName: applied.keptName ?? name ?? publishedRoutingName(settings.namePrefix, applied.value),
      resourceName: `${root}/${source.id}`,
      source: source.text,
      ...(applied.adopt !== undefined ? { adopt: applied.adopt } : {}),
      retainOnDelete: applied.retainOnDelete ?? applied.adopt !== undefined,
    });
  }
  const findings =
    issues.length > 0
      ? []
      : runRoutingChecks({
          objects,
          flows: input.flows,
          unmanagedIvrs: input.unmanagedIvrs,
          orgDidPools: input.orgDidPools,
          publishedName: (o) =>
            objects.find((p) => p === o)?.publishedName ?? publishedRoutingName(settings.namePrefix, o.value),
          ...(input.flowGroups ? { flowGroups: input.flowGroups } : {}),
        });
  const order = (o: PlannedRouting) => ROUTING_KINDS.indexOf(o.kind);
  objects.sort((a, b) => order(a) - order(b) || cmp(a.id, b.id));
  return { objects, issues, findings };
}

/** Lint or diff without a stack: the routing files as declared, no prefix. */
export const NO_STACK_ROUTING: RoutingPlanInput["settings"] = {
  namePrefix: "",
  substitutions: {},
  routing: { exclude: [], objects: {} },
  objects: { exclude: [], objects: {} },
};

/**
 * An org object's name in the org: its file's with the stack's substitutions (the keys the flows
 * naming it use), never prefixed; a placeholder the stack leaves unfilled is a problem (none
 * without a stack: the name as written). Undefined for a routing object (prefixed).
 */
function objectName(
  v: RoutingFile,
  substitutions: Readonly<Record<string, string>>,
  loaded: LoadedRouting,
  stackFile: string,
): string | FlowIssue | undefined {
  if (unitOf(v.kind).object === undefined) return undefined;
  const name = applySubstitutions(routingName(v), substitutions);
  const left = findPlaceholders(name);
  if (left.length === 0 || stackFile === "") return name;
  return unfilled(left[0], loaded, "name", stackFile);
}

const unfilled = (key: string, loaded: LoadedRouting, field: string, stackFile: string): FlowIssue => {
  const message = `{{${key}}} has no value in ${stackFile}: set ${CONFIG_NAMESPACE}:substitutions.${key}`;
  return { ...issueAt(loaded.file, loaded.locator, [field], message) };
};

/** An org object with the fields its kind names the org by besides its name (a data action's integration, category) filled as its name is. */
function substituted(
  v: RoutingFile,
  substitutions: Readonly<Record<string, string>>,
  loaded: LoadedRouting,
  stackFile: string,
): { value: RoutingFile } | FlowIssue {
  const out: Record<string, unknown> = { ...v };
  for (const field of unitOf(v.kind).object?.substituted ?? []) {
    const filled = applySubstitutions(String(out[field]), substitutions);
    const left = findPlaceholders(filled);
    if (left.length > 0 && stackFile !== "") return unfilled(left[0], loaded, field, stackFile);
    out[field] = filled;
  }
  return { value: out as RoutingFile };
}

/** The stack's flows as the routing checks see them: every selected id, its API type when it loaded. */
export function routingFlowsOf(result: PipelineResult): RoutingFlowFacts[] {
  const loaded = new Map(result.flows.map((f) => [f.id, FLOW_KINDS[f.model.kind].apiType]));
  return result.selected.map((id) => (loaded.has(id) ? { id, apiType: loaded.get(id)! } : { id }));
}

/** Loads, applies stack values, checks and orders the stack's routing; throws a FlowLoadError with every problem. */
export function planRouting(input: RoutingPlanInput): RoutingPlan {
  const { objects, issues, findings } = checkRouting(input);
  const refused = [...issues, ...findings.filter((f) => routingRuleInfo(f.ruleId).core)];
  if (refused.length > 0) throw new FlowLoadError(refused);
  return { objects, advisories: findings.filter((f) => !routingRuleInfo(f.ruleId).core) };
}

/** Whether the plan routes numbers (an IVR config): only then do the org's IVR configs and DID pools matter. */
export function routesNumbers(objects: readonly PlannedRouting[]): boolean {
  return objects.some((o) => unitOf(o.kind).routes !== undefined);
}

/** The org objects the stack's routing creates, by kind and published name: the flows may name them (the org-reference check). */
export function routingObjectsOf(objects: readonly PlannedRouting[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const o of objects) {
    const names = out.get(o.kind) ?? new Set<string>();
    names.add(unitOf(o.kind).object?.referencedAs?.(o.value, o.publishedName) ?? o.publishedName);
    out.set(o.kind, names);
  }
  return out;
}

/** The file's value with the stack's values for it, validated again; problems name the stack file. */
export function applyStackValues(
  loaded: LoadedRouting,
  values: Record<string, unknown>,
  stackFile: string,
  root: Root = "routing",
): { value: RoutingFile; adopt?: string; retainOnDelete?: boolean; keptName?: string } | { issues: FlowIssue[] } {
  const kind = loaded.value.kind;
  const field = (key: string) => `${CONFIG_NAMESPACE}:${root}.objects.${loaded.id}.${key}`;
  const issues: FlowIssue[] = [];
  const allowed = STACK_VALUES[kind];
  const merged: Record<string, unknown> = { ...loaded.value };
  let adopt: string | undefined;
  let retainOnDelete: boolean | undefined;
  let keptName: string | undefined;
  for (const [key, v] of Object.entries(values)) {
    if ((key === "adopt" || key === "name") && unitOf(kind).object) {
      const message = "an org object is named by the stack's substitutions and adopted by that name (docs/objects.md)";
      issues.push({ file: stackFile, field: field(key), message });
    } else if (key === "adopt") {
      if (typeof v === "string" && ADOPT.test(v)) adopt = v;
      else
        issues.push({
          file: stackFile,
          field: field(key),
          message: `expected a Genesys object id, found ${describeValue(v)}`,
        });
    } else if (key === "retainOnDelete") {
      if (v === true || v === "true" || v === false || v === "false") retainOnDelete = v === true || v === "true";
      else
        issues.push({
          file: stackFile,
          field: field(key),
          message: `expected true or false, found ${describeValue(v)}`,
        });
    } else if (key === "name" && unitOf(kind).named) {
      // The name an adopted object has in the org, kept as it is: the stack's namePrefix does not start it.
      if (typeof v !== "string" || v === "")
        issues.push({
          file: stackFile,
          field: field(key),
          message: `expected the object's name in the org, found ${describeValue(v)}`,
        });
      else if (values.adopt === undefined)
        issues.push({
          file: stackFile,
          field: field(key),
          message: "a kept name goes with adopt: it is the name an adopted object has in the org",
        });
      else keptName = v;
    } else if (!allowed.includes(key)) {
      issues.push({
        file: stackFile,
        field: field(key),
        message: `"${key}" is not a per-stack value of kind ${kind}; per-stack values: ${listNames([...allowed, "adopt", "retainOnDelete", ...(unitOf(kind).named ? ["name"] : [])])}`,
      });
    } else {
      merged[key] = v;
    }
  }
  if (issues.length > 0) return { issues };
  const parsed = routingFile.safeParse(merged);
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.map((i) => {
        const key = String(i.path[0] ?? "");
        const fromStack = Object.hasOwn(values, key);
        return fromStack
          ? {
              file: stackFile,
              field: `${field(key)}${i.path
                .slice(1)
                .map((p) => `.${String(p)}`)
                .join("")}`,
              message: i.message,
            }
          : { file: loaded.file, field: i.path.map(String).join("."), message: i.message };
      }),
    };
  }
  return {
    value: parsed.data,
    ...(adopt !== undefined ? { adopt } : {}),
    ...(retainOnDelete !== undefined ? { retainOnDelete } : {}),
    ...(keptName !== undefined ? { keptName } : {}),
  };
}

/**
 * What the org's IVR configs mean for this plan. Pure. `inState`: the org object id the stack's
 * state holds for each routing id (org/stackExport.ts, DeployedRouting), so an IVR config this run
 * renames (the plan has its new name, the org its old one) is still the stack's own.
 *  - unmanaged: those the stack does not manage (neither one of its published IVR names, nor an
 *    adopted id, nor one in its state): a number they route may not be routed by the stack (routing-numbers).
 *  - releases: per planned IVR config, the planned ones that route one of its numbers in the org
 *    now; they must update first (components/routing.ts), so the number is never in two at once.
 */
export function orgIvrFacts(
  objects: readonly PlannedRouting[],
  orgIvrs: readonly OrgIvr[],
  inState: ReadonlyMap<string, string> = new Map(),
): { unmanaged: OrgIvr[]; releases: Map<string, string[]> } {
  // The objects that route numbers (IVR configs), with the entries they route.
  const ivrs = objects.flatMap((o) => {
    const routed = unitOf(o.kind).routes?.(o.value);
    return routed === undefined ? [] : [{ ...o, routed }];
  });
  // The stack's own: adopted, named as the plan names it, or the org object its state holds for it
  // (renamed by this run: its name in the org is still the old one).
  const byOrg = (org: OrgIvr) =>
    ivrs.find(
      (p) =>
        p.adopt === org.id || inState.get(p.id) === org.id || p.publishedName.toLowerCase() === org.name.toLowerCase(),
    );
  const unmanaged = orgIvrs.filter((org) => byOrg(org) === undefined);
  const holder = new Map<string, string>();
  for (const org of orgIvrs) {
    const p = byOrg(org);
    if (p) for (const n of org.numbers) holder.set(n, p.id);
  }
  const releases = new Map<string, string[]>();
  for (const p of ivrs) {
    const from = new Set<string>();
    for (const { number } of expandNumbers(p.routed)) {
      const h = holder.get(number);
      if (h !== undefined && h !== p.id) from.add(h);
    }
    if (from.size > 0) releases.set(p.id, [...from].sort());
  }
  return { unmanaged, releases };
}
