// The review of one deploy stack as data (JSON for other tools) and the section that leads it in
// text and Markdown after the verdict (./verdict.ts): what `up` does to each flow of the stack
// (diff/deployPlan.ts). The rest of the review (flow changes, routing, the org's state, journeys)
// is rendered by its own files; this is the one implementation the report, the comment and the
// JSON share. Pure.
import { stackFileName } from "../model/stackFile";
import type { OrgStateOfRun } from "../org/personChanges";
import { deployCounts, type DeployAction, type DeployChange, type FlowPlan } from "./deployPlan";
import type { FlowModelDiff } from "./flowDiff";
import { mdCode, mdText, type LoadProblem } from "./render";
import { KIND_LABELS, type RoutingDiff } from "./routingDiff";
import type { DeployPlan, ResourceChange } from "./resourcePlan";

/**
 * The review as other tools read it (`flows:diff --json`): stable keys, sorted lists.
 * Version 2: `deploy.resources` (every resource acting on the org the engine changes: flows,
 * routing objects, providers; diff/resourcePlan.ts); `deploy.changes[].action` adds `adopt`,
 * `forget` and `held`, and publish/republish follow the flows' revisions (what the engine compares).
 */
export interface ReviewJson {
  /** Bumped when a key changes meaning. */
  version: 2;
  stack: string | null;
  base: string;
  head: string;
  /** What `up` does per flow; null without a stack, or when a side's stack file does not load. */
  deploy: DeployPlan | null;
  flows: FlowModelDiff;
  routing: RoutingDiff;
  orgState: OrgStateOfRun | null;
  problems: LoadProblem[];
  refusals: string[];
  /** What the stack's policy config warns of (its advisory rules): the deploy goes on. */
  warnings: string[];
}

export const ACTION_LABELS: Readonly<Record<DeployAction, string>> = {
  replace: "replace",
  delete: "delete",
  forget: "forget (stays in the org)",
  create: "create",
  adopt: "adopt",
  publish: "publish",
  republish: "republish (module)",
  held: "held (a later wave)",
};

const RESOURCE_LABELS: Readonly<Record<string, string>> = { flow: "flow", provider: "provider", ...KIND_LABELS };
const kindLabel = (kind: string): string => RESOURCE_LABELS[kind] ?? kind;

/** Whether an action takes something out of the org (a cut comment still lists it). */
const removes = (action: string): boolean => action === "replace" || action === "delete";

/** A plan as rendered: what up does to each flow, and (when computed) to each resource. */
type RenderedPlan = FlowPlan & { resources?: readonly ResourceChange[] };

/** The resources other than flows (listed above them) the engine changes: providers and routing objects. */
function otherResources(plan: RenderedPlan): ResourceChange[] {
  return (plan.resources ?? []).filter((r) => r.kind !== "flow");
}

/** `2 flows updated, 1 provider updated, 1 IVR config replaced`: the engine's actions per kind of resource. */
export function resourceCounts(plan: RenderedPlan): string {
  const counts = new Map<string, number>();
  for (const r of plan.resources ?? []) {
    const key = `${kindLabel(r.kind)}\u0000${r.action}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size === 0) return "none";
  return [...counts]
    .map(([key, n]) => {
      const [label, action] = key.split("\u0000");
      return `${n} ${label}${n === 1 ? "" : "s"} ${RESOURCE_DONE[action as ResourceChange["action"]]}`;
    })
    .join(", ");
}

const RESOURCE_DONE: Readonly<Record<ResourceChange["action"], string>> = {
  create: "created",
  update: "updated",
  replace: "replaced",
  delete: "deleted",
  import: "imported",
  forget: "forgotten (left in the org)",
};

function notComputed(stack: string): string {
  return `the stack file ${stackFileName(stack)} does not load on a side (see its problem below), so the published names are not known`;
}

/** The published name column: `old → new` for a replace. */
function nameOf(c: DeployChange, code: (s: string) => string): string {
  return c.oldName !== undefined ? `${code(c.oldName)} → ${code(c.publishedName)}` : code(c.publishedName);
}

function whyOf(c: DeployChange): string[] {
  return [...c.why, ...(c.repointed !== undefined ? [`re-points ${c.repointed.join(", ")} to the new flow`] : [])];
}

export function renderDeployText(plan: RenderedPlan | undefined, stack: string, base: string): string {
  if (plan === undefined) return `What up does to stack ${stack}: not computed: ${notComputed(stack)}\n\n`;
  const out = [`What up does to stack ${stack} (from ${base} to the working tree): ${deployCounts(plan)}`];
  for (const c of plan.changes) {
    out.push(`  ${c.action} ${c.file}: ${nameOf(c, (s) => JSON.stringify(s))}`);
    for (const line of whyOf(c)) out.push(`      ${line}`);
  }
  if (plan.changes.length === 0) out.push("  nothing: no flow is published, replaced, created or deleted");
  // The flows' resources are the flows above; providers and routing objects are listed with the counts of all.
  if (otherResources(plan).length > 0) out.push(`  Resources the engine changes: ${resourceCounts(plan)}`);
  for (const r of otherResources(plan)) {
    out.push(`    ${r.action} ${kindLabel(r.kind)} ${r.resource}`);
    for (const line of r.why) out.push(`        ${line}`);
  }
  return `${out.join("\n")}\n\n`;
}

/**
 * The Markdown section: the counts, then one table row per flow in the order of DEPLOY_ACTIONS
 * (replacements first) while they fit in `maxChars`, then how many more of each action. With
 * `removalsUpTo`, the replace and delete rows may take up to that many characters (a cut comment
 * must not hide what leaves the org); the other rows still stop at `maxChars`.
 */
export function renderDeployMarkdown(
  plan: RenderedPlan | undefined,
  stack: string,
  base: string,
  maxChars = Number.POSITIVE_INFINITY,
  level: "##" | "###" = "##",
  removalsUpTo = maxChars,
): string {
  const heading = `${level} What \`up\` does to stack ${mdCode(stack)}\n\n`;
  if (plan === undefined) return `${heading}> [!WARNING]\n> Not computed: ${mdText(notComputed(stack))}.\n\n`;
  const others = otherResources(plan);
  let out = `${heading}From ${mdCode(base)} to the working tree: ${deployCounts(plan)}.${others.length > 0 ? ` Resources the engine changes: ${resourceCounts(plan)}.` : ""}\n\n`;
  // Rows while they fit in maxChars (with room for the note naming what is left out), then counted;
  // a replace or a delete (what leaves the org) while it fits in removalsUpTo.
  const left = new Map<string, number>();
  const fits = (row: string, removes: boolean) =>
    (removes || left.size === 0) &&
    out.length + row.length + 300 <= (removes ? Math.max(maxChars, removalsUpTo) : maxChars);
  const add = (row: string, what: string, removes: boolean, header = ""): boolean => {
    const listed = fits(header + row, removes);
    if (listed) out += header + row;
    else left.set(what, (left.get(what) ?? 0) + 1);
    return listed;
  };
  const more = () =>
    `\n*Not listed here: ${[...left].map(([what, n]) => `${n} ${what}`).join(", ")}; see the full report.*\n`;
  if (plan.changes.length === 0) out += "Nothing is published, replaced, created or deleted.\n";
  else {
    const replaced = plan.changes.filter((c) => c.action === "replace").length;
    if (replaced > 0)
      out += `> [!IMPORTANT]\n> ${replaced === 1 ? "1 flow is" : `${replaced} flows are`} **replaced**: published under a new name, with a new Genesys id; the old flow${replaced === 1 ? " is" : "s are"} deleted and what routes to ${replaced === 1 ? "it" : "them"} is re-pointed.\n\n`;
    out += "| what up does | flow | published name | why |\n| --- | --- | --- | --- |\n";
    for (const c of plan.changes)
      add(
        `| **${ACTION_LABELS[c.action]}** | ${mdCode(c.file)} | ${nameOf(c, mdCode)} | ${whyOf(c).map(mdText).join("; ")} |\n`,
        ACTION_LABELS[c.action],
        removes(c.action),
      );
  }
  // Providers and routing objects the engine changes besides the flows (diff/resourcePlan.ts): their own table, headed before its first row.
  let table = false;
  for (const r of others) {
    const row = `| **${r.action}** | ${kindLabel(r.kind)} ${mdCode(r.resource)} | ${r.why.map(mdText).join("; ")} |\n`;
    const header = table ? "" : "\n| the engine | resource | what changes |\n| --- | --- | --- |\n";
    if (add(row, `${r.action} ${kindLabel(r.kind)}`, removes(r.action), header)) table = true;
  }
  return `${out + (left.size > 0 ? more() : "")}\n`;
}

/** The review as JSON data. */
export function reviewJson(r: {
  stack?: string;
  base: string;
  deploy?: DeployPlan;
  diff: FlowModelDiff;
  routing: RoutingDiff;
  orgState?: OrgStateOfRun;
  problems: LoadProblem[];
  refusals: string[];
  warnings: string[];
}): ReviewJson {
  return {
    version: 2,
    stack: r.stack ?? null,
    base: r.base,
    head: "the working tree",
    deploy: r.deploy ?? null,
    flows: r.diff,
    routing: r.routing,
    orgState: r.stack !== undefined ? (r.orgState ?? null) : null,
    problems: r.problems,
    refusals: r.refusals,
    warnings: r.warnings,
  };
}
