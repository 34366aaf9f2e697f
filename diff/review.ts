// The review of one deploy stack as data (JSON for other tools) and the section that leads it in
// text and Markdown: what `up` does to each flow of the stack (diff/deployPlan.ts). The rest of the
// review (flow changes, routing, the org's state, journeys) is rendered by its own files; this is
// the one implementation the report, the comment and the JSON share. Pure.
import type { OrgStateOfRun } from "../org/personChanges";
import { DEPLOY_ACTIONS, deployCounts, type DeployAction, type DeployChange, type DeployPlan } from "./deployPlan";
import type { FlowModelDiff } from "./flowDiff";
import { mdCode, mdText, type LoadProblem } from "./render";
import type { RoutingDiff } from "./routingDiff";

/** The review as other tools read it (`flows:diff --json`): stable keys, sorted lists. */
export interface ReviewJson {
  /** Bumped when a key changes meaning. */
  version: 1;
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
}

export const ACTION_LABELS: Readonly<Record<DeployAction, string>> = {
  replace: "replace",
  delete: "delete",
  create: "create",
  adopt: "adopt",
  publish: "publish",
  republish: "republish (module)",
};

function notComputed(stack: string): string {
  return `the stack file Pulumi.${stack}.yaml does not load on a side (see its problem below), so the published names are not known`;
}

/** The published name column: `old → new` for a replace. */
function nameOf(c: DeployChange, code: (s: string) => string): string {
  return c.oldName !== undefined ? `${code(c.oldName)} → ${code(c.publishedName)}` : code(c.publishedName);
}

function whyOf(c: DeployChange): string[] {
  return [...c.why, ...(c.repointed !== undefined ? [`re-points ${c.repointed.join(", ")} to the new flow`] : [])];
}

export function renderDeployText(plan: DeployPlan | undefined, stack: string, base: string): string {
  if (plan === undefined) return `What up does to stack ${stack}: not computed: ${notComputed(stack)}\n\n`;
  const out = [`What up does to stack ${stack} (from ${base} to the working tree): ${deployCounts(plan)}`];
  for (const c of plan.changes) {
    out.push(`  ${c.action} ${c.file}: ${nameOf(c, (s) => JSON.stringify(s))}`);
    for (const line of whyOf(c)) out.push(`      ${line}`);
  }
  if (plan.changes.length === 0) out.push("  nothing: no flow is published, replaced, created or deleted");
  return out.join("\n") + "\n\n";
}

/**
 * The Markdown section: the counts, then one table row per flow in the order of DEPLOY_ACTIONS
 * (replacements first) while they fit in `maxChars`, then how many more of each action. With
 * `removalsUpTo`, the replace and delete rows may take up to that many characters (a cut comment
 * must not hide what leaves the org); the other rows still stop at `maxChars`.
 */
export function renderDeployMarkdown(plan: DeployPlan | undefined, stack: string, base: string, maxChars = Number.POSITIVE_INFINITY, level: "##" | "###" = "##", removalsUpTo = maxChars): string {
  const heading = `${level} What \`up\` does to stack ${mdCode(stack)}\n\n`;
  if (plan === undefined) return `${heading}> [!WARNING]\n> Not computed: ${mdText(notComputed(stack))}.\n\n`;
  let out = `${heading}From ${mdCode(base)} to the working tree: ${deployCounts(plan)}.\n\n`;
  if (plan.changes.length === 0) return `${out}Nothing is published, replaced, created or deleted.\n\n`;
  const replaced = plan.changes.filter((c) => c.action === "replace").length;
  if (replaced > 0) out += `> [!IMPORTANT]\n> ${replaced === 1 ? "1 flow is" : `${replaced} flows are`} **replaced**: published under a new name, with a new Genesys id; the old flow${replaced === 1 ? " is" : "s are"} deleted and what routes to ${replaced === 1 ? "it" : "them"} is re-pointed.\n\n`;
  out += "| what up does | flow | published name | why |\n| --- | --- | --- | --- |\n";
  const left = new Map<DeployAction, number>();
  const more = () => `\n*Not listed here: ${DEPLOY_ACTIONS.filter((a) => left.has(a)).map((a) => `${left.get(a)} ${ACTION_LABELS[a]}`).join(", ")}; see the full report.*\n`;
  for (const c of plan.changes) {
    const row = `| **${ACTION_LABELS[c.action]}** | ${mdCode(c.file)} | ${nameOf(c, mdCode)} | ${whyOf(c).map(mdText).join("; ")} |\n`;
    // Room for the note naming what is left out (at most one count per action).
    const removes = c.action === "replace" || c.action === "delete";
    if (out.length + row.length + 200 > (removes ? Math.max(maxChars, removalsUpTo) : maxChars) || (!removes && left.size > 0)) left.set(c.action, (left.get(c.action) ?? 0) + 1);
    else out += row;
  }
  return out + (left.size > 0 ? more() : "") + "\n";
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
}): ReviewJson {
  return {
    version: 1,
    stack: r.stack ?? null,
    base: r.base,
    head: "the working tree",
    deploy: r.deploy ?? null,
    flows: r.diff,
    routing: r.routing,
    orgState: r.stack !== undefined ? (r.orgState ?? null) : null,
    problems: r.problems,
    refusals: r.refusals,
  };
}
