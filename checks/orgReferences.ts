// The org-reference check: every org object a stack's compiled flows name (queues, schedules,
// schedule groups, prompts, skills, data actions with their contracts, bot flows, the common
// modules a flow calls, ...), with the stack's substitutions applied, must exist in the target org
// unless the stack itself creates it.
// Genesys refuses the publish of a flow that names an object the org lacks ("an unknown queue or
// data action"), and a stack's publishes run one after the other: a refusal at the 14th caller
// leaves the org half on the new module. So the check runs before anything is registered.
//
// Pure: the compiled flows come in, the org comes in as an OrgCatalog (org/orgReferences.ts
// and the CLI read it), located issues go out. One implementation for preview/up, lint --org and
// verify.
import type { OrgCatalog } from "../archy/org";
import { nearestNames } from "../archy/suggest";
import { ORG_OBJECT_KINDS, type ObjectKind } from "../archy/orgObjectKinds";
import { RULES, validateArchyDocument, type OrgReference } from "../archy/validate";
import { innermostEntry, parseBasePath } from "../archy/validate/path";
import type { FlowIssue } from "../model/errors";
import type { Finding } from "./finding";
import { UNKNOWN_RULE } from "./unknownRule";
import { actionName } from "../model/nodes/emitContext";
import type { FlowModel } from "../model/schema";
import { readYaml } from "../model/yamlReader";

/** What the check needs of a planned flow. */
export interface OrgCheckedFlow {
  file: string;
  /** The flow's model (node ids and labels: a compiled action is named by its node's label or id). */
  model: FlowModel;
  /** The compiled Archy with the stack's substitutions applied, as published. */
  substitutedYaml: string;
  /** The same with `{{placeholders}}` kept, for "as written". */
  templateYaml: string;
  /**
   * The node each compiled action was written for, by its path (the planner's; compiler/sources.ts):
   * exact where action names repeat. Without it an action's node is found by its name.
   */
  actionNodes?: Readonly<Record<string, string>>;
}

/** The flows of a plan (planner/portfolio.ts PlannedFlow has these fields) as the check reads them. */
export function checkedFlowsOf(portfolio: { flows: readonly OrgCheckedFlow[] }): OrgCheckedFlow[] {
  return portfolio.flows.map((f) => ({
    file: f.file,
    model: f.model,
    substitutedYaml: f.substitutedYaml,
    templateYaml: f.templateYaml,
    actionNodes: f.actionNodes,
  }));
}

export type ReferenceKind = ObjectKind | "dataAction";

/** One org object a compiled flow names. */
export interface LocatedReference extends OrgReference {
  file: string;
  flow: string;
  /** The node the enclosing action was compiled from, when its name says so. */
  node?: string;
  /** The name as the flow file writes it, when a placeholder stands for it. */
  written?: string;
}

/**
 * Whether the stack itself deploys the object `r` names (`stackObjects`: its declared objects by kind,
 * as planner/routing.ts routingObjectsOf names them): a data action by its category and name.
 */
export function stackDeclares(r: OrgReference, stackObjects: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  const name = r.kinds[0] === "dataAction" ? `${(r.category ?? "").trim()}/${r.name.trim()}` : r.name;
  return r.kinds.some((k) => stackObjects.get(k)?.has(name));
}

/** Where the org lives, for messages: `org 1a2b... (mypurecloud.com)` or the gateway. */
export interface OrgTarget {
  description: string;
}

type Json = unknown;

function at(doc: Json, path: ReadonlyArray<string | number>): Json {
  let cur = doc;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, Json>)[seg];
  }
  return cur;
}

/** The name of the innermost action (a one-key mapping inside an `actions` list) holding `path`. */
function enclosingActionName(doc: Json, path: ReadonlyArray<string | number>): string | undefined {
  for (let i = path.length - 1; i >= 1; i--) {
    if (typeof path[i] !== "number" || path[i - 1] !== "actions") continue;
    const action = at(doc, path.slice(0, i + 1));
    if (action === null || typeof action !== "object") return undefined;
    const body = Object.values(action as Record<string, Json>)[0];
    const name = body !== null && typeof body === "object" ? (body as Record<string, Json>).name : undefined;
    return typeof name === "string" ? name : undefined;
  }
  return undefined;
}

/** The literal name at `path` of a parsed template (a `{{placeholder}}` there is what the user wrote). */
function writtenAt(template: Json, ref: OrgReference): string | undefined {
  const segs = parseBasePath(ref.path);
  let v = at(template, segs);
  if (ref.byKey === true) {
    // The name is a key (a data action, a called bot flow or module): the template's key at the same position.
    const parent = at(template, segs.slice(0, -1));
    if (parent !== null && typeof parent === "object")
      v = Object.keys(parent as object).find((k) => k.includes("{{")) ?? undefined;
  }
  if (v !== null && typeof v === "object") v = (v as Record<string, Json>).name;
  if (typeof v === "string" && ref.lookup !== undefined) {
    // An expression: the lookup's argument as written.
    const args = [...v.matchAll(new RegExp(`${ref.lookup}\\(\\s*"([^"]*)"\\s*\\)`, "g"))].map((m) => m[1]);
    v = args.find((a) => a.includes("{{"));
  }
  return typeof v === "string" && v.includes("{{") ? v : undefined;
}

/**
 * The node of the action holding `path` of the compiled document: the innermost action the
 * planner recorded, else the node whose compiled actions carry the enclosing action's name when
 * exactly one node does (two nodes labelled "Transfer to ACD" cannot be told apart by name).
 */
function nodeAt(flow: OrgCheckedFlow, doc: Json, path: string): string | undefined {
  const recorded = flow.actionNodes ? innermostEntry(flow.actionNodes, path) : undefined;
  if (recorded !== undefined) return recorded;
  const segs = parseBasePath(path);
  const action = enclosingActionName(doc, segs);
  if (action === undefined) return undefined;
  const named = Object.entries(flow.model.nodes).filter(
    ([id, node]) => actionName(node as { label?: string }, id) === action,
  );
  return named.length === 1 ? named[0][0] : undefined;
}

/** Every org object the flows name, located (file, flow, node, line of the compiled file). */
export function orgReferencesOf(flows: readonly OrgCheckedFlow[]): LocatedReference[] {
  const out: LocatedReference[] = [];
  for (const flow of flows) {
    const read = readYaml(flow.substitutedYaml, { exactIntegers: false });
    if (!read.ok) continue; // the planner refuses a compiled file that does not read
    // The template only says what a placeholder stood for: read when it differs from the published
    // text (a flow without substitutions has the same text), and only once a reference asks.
    let template: { value: unknown } | undefined;
    const templateValue = (): unknown => {
      if (template === undefined) {
        const t =
          flow.templateYaml === flow.substitutedYaml ? read : readYaml(flow.templateYaml, { exactIntegers: false });
        template = { value: t.ok ? t.value : undefined };
      }
      return template.value;
    };
    validateArchyDocument(read.value, {
      locate: (p) => read.locator.locate(p),
      onReference: (ref) => {
        const node = nodeAt(flow, read.value, ref.path);
        const t = templateValue();
        const written = t !== undefined ? writtenAt(t, ref) : undefined;
        out.push({
          ...ref,
          file: flow.file,
          flow: flow.model.name,
          ...(node !== undefined ? { node } : {}),
          ...(written !== undefined ? { written } : {}),
        });
      },
    });
  }
  return out;
}

/** The kinds the references name, sorted: what must be read from the org (nothing when empty). */
export function referencedKinds(refs: readonly LocatedReference[], ownFlows: ReadonlySet<string>): ReferenceKind[] {
  const kinds = new Set<ReferenceKind>();
  for (const r of refs) {
    if (isFlowKind(r.kinds) && ownFlows.has(r.name)) continue;
    for (const k of r.kinds) kinds.add(k);
  }
  return [...kinds].sort();
}

const isFlowKind = (kinds: ReadonlyArray<ReferenceKind>) =>
  kinds.every((k) => k === "flow" || k === "botFlow" || k === "digitalBotFlow");

const KIND_LABEL = (kind: ReferenceKind): string => ORG_OBJECT_KINDS[kind].label;

function issueOf(ref: LocatedReference, message: string): FlowIssue {
  return {
    file: ref.file,
    flow: ref.flow,
    ...(ref.node !== undefined ? { node: ref.node } : {}),
    field: ref.path,
    message,
  };
}

function quoted(ref: LocatedReference, name: string): string {
  const written = ref.written !== undefined ? ` (written ${ref.written})` : "";
  const lookup =
    ref.lookup !== undefined ? ` (looked up by ${ref.lookup} at run time, which gives NOT_SET when it is missing)` : "";
  return `"${name}"${written}${lookup}`;
}

/**
 * The references the org lacks and the data-action calls that do not fit the org's contracts, one
 * located issue each, with the nearest names the org has. `ownFlows`: published names of the flows
 * the stack itself publishes (a reference to one of them is fine).
 */
export function orgReferenceProblems(
  flows: readonly OrgCheckedFlow[],
  refs: readonly LocatedReference[],
  org: OrgCatalog,
  target: OrgTarget,
  ownFlows: ReadonlySet<string>,
): FlowIssue[] {
  const out: FlowIssue[] = [];
  for (const ref of refs) {
    if (isFlowKind(ref.kinds) && ownFlows.has(ref.name)) continue;
    if (ref.kinds[0] === "dataAction") {
      const category = ref.category ?? "";
      if (org.dataAction(category, ref.name)) continue;
      const close = nearestNames(`${category}/${ref.name}`, org.dataActionNames());
      out.push(
        issueOf(
          ref,
          `data action ${quoted(ref, `${category}/${ref.name}`)}${lineOf(ref)}: ${target.description} has no data action of that category and name${close.length > 0 ? `; nearest: ${close.map((n) => `"${n}"`).join(", ")}` : ""}`,
        ),
      );
      continue;
    }
    if (ref.kinds.some((k) => org.has(k as ObjectKind, ref.name))) continue;
    const label = labelOf(ref);
    const close = nearestNames(
      ref.name,
      ref.kinds.flatMap((k) => org.names(k as ObjectKind)),
    );
    out.push(
      issueOf(
        ref,
        `${label} ${quoted(ref, ref.name)}${lineOf(ref)}: ${target.description} has no ${label} of that name${close.length > 0 ? `; nearest: ${close.map((n) => `"${n}"`).join(", ")}` : ""}`,
      ),
    );
  }
  // Data-action contracts: the validator's own rule, with the org's contracts. Only the flows that
  // call a data action the org has are validated again.
  const withActions = new Set(
    refs.filter((r) => r.kinds[0] === "dataAction" && org.dataAction(r.category ?? "", r.name)).map((r) => r.file),
  );
  for (const flow of flows) {
    if (!withActions.has(flow.file)) continue;
    const read = readYaml(flow.substitutedYaml, { exactIntegers: false });
    if (!read.ok) continue;
    for (const f of validateArchyDocument(read.value, { locate: (p) => read.locator.locate(p), org })) {
      if (f.rule !== RULES.dataActionContract || f.verdict !== "invalid") continue;
      const node = nodeAt(flow, read.value, f.path);
      out.push({
        file: flow.file,
        flow: flow.model.name,
        ...(node !== undefined ? { node } : {}),
        field: f.path,
        message: `${f.message}${f.line !== undefined ? ` (compiled line ${f.line})` : ""}, in ${target.description}`,
      });
    }
  }
  return out;
}

/** A call of a data action whose contract is undescribed, and the action (`category/name`). */
export interface UndescribedContract extends FlowIssue {
  action: string;
}

/**
 * The data-action calls whose contract the org has but leaves undescribed (the org file omits
 * `inputs` or `outputs`; a real org's schema names no properties): the inputs a flow gives and the
 * outputs it reads are then not checked before the publish. One issue per file and data action,
 * at its first call, for a warning (lint's archy-unknown); never a refusal.
 */
export function undescribedContracts(
  refs: readonly LocatedReference[],
  org: OrgCatalog,
  target: OrgTarget,
): UndescribedContract[] {
  const out: UndescribedContract[] = [];
  const seen = new Set<string>();
  for (const ref of refs) {
    if (ref.kinds[0] !== "dataAction") continue;
    const action = `${ref.category ?? ""}/${ref.name}`;
    const contract = org.dataAction(ref.category ?? "", ref.name);
    if (contract === undefined || (contract.inputs !== undefined && contract.outputs !== undefined)) continue;
    const key = `${ref.file}\u0000${action}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const missing = [
      contract.inputs === undefined ? "inputs" : undefined,
      contract.outputs === undefined ? "outputs" : undefined,
    ]
      .filter((x) => x !== undefined)
      .join(" and ");
    out.push({
      ...issueOf(
        ref,
        `data action ${quoted(ref, action)}${lineOf(ref)}: ${target.description} does not describe its ${missing}, so the ${missing} this flow names for it are not checked before the publish`,
      ),
      action,
    });
  }
  return out;
}

/**
 * An undescribed contract as lint reports it, offline (the stack's emulator org file) and with
 * --org alike: a warning of rule archy-unknown (what cannot be checked is named, never refused;
 * mandatory only where a stack's policy config asks for strict checking), with what to do.
 */
export function uncheckedContract(call: UndescribedContract, fix: string): Finding {
  const { action, ...issue } = call;
  return { ...issue, ruleId: UNKNOWN_RULE, fix, subject: `contract of data action ${action}` };
}

/** What the reference names, for messages: its kinds, or "common module" for a module call. */
function labelOf(ref: LocatedReference): string {
  if (ref.flowTypes?.length === 1 && ref.flowTypes[0] === "COMMONMODULE") return "common module";
  return ref.kinds.map((k) => KIND_LABEL(k)).join(" or ");
}

function lineOf(ref: LocatedReference): string {
  return ref.line !== undefined ? ` (compiled line ${ref.line})` : "";
}
