// The review's two sides, read: the flow and routing files and the stack file at a git ref (with
// git) and in the working tree, diffed and rendered by diff/portfolioDiff.ts; and what the stack
// runs, from its state. What `genesys-flows diff` prints, the MCP server's review tool returns and
// the agreement tier compares with the engine. Handed in: the offline check against an emulator's
// org file (project/orgFileCheck.ts), and the stack's policy configuration as the pack and the
// up's gate run it (policies/adapter.ts reviewStackPolicy, a layer above), so a change the gate
// refuses is reviewed as refused.
import { stackFileName } from "../model/stackFile";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { FlowLoadError, formatIssue, type FlowIssue } from "../model/errors";
import { CommitTree } from "../project/commitTree";
import type { FlowSource } from "../planner/pipeline";
import { findFlowFiles, MissingPathError, readFlowFiles, sourceIdOf } from "../project/flowFiles";
import { readProjectFile } from "../project/files";
import {
  diffPortfolios,
  type DiffReport,
  type PortfolioDiffOptions,
  type PortfolioSide,
  type ReviewState,
} from "./portfolioDiff";
import { UsageError } from "../project/cliArgs";
import { readRoutingSources } from "../project/routingFiles";
import { routingIdOf } from "../model/routing/load";
import { ROUTING_ROOTS } from "../model/routing/schema";
import type { OrgStateOfRun } from "../org/personChanges";
import { readStackFile } from "../project/stackFile";
import { TEAM_RECORD, teamRecordSchema } from "../project/teamRepository";
import { applyMigrations, migrationsSince } from "../planner/migrations";
import { CONFIG_NAMESPACE, type StackSettings } from "../planner/stackSettings";
import type { Finding } from "../checks/finding";
import type { CheckInput } from "../checks";
import type { PolicyVerdict } from "./verdict";
import { parseTraffic, pulledFile } from "../traffic/journeys";

/** What the offline check against an emulator's org file says (project/orgFileCheck.ts). */
export type EmulatorOrgResult =
  | { ran: true; findings: Finding[]; unchecked?: Finding[]; orgFile: string }
  | { ran: false; why: string };
/** That check, handed in: undefined when the stack names no emulator org file. */
export type EmulatorOrgCheck = (root: string, stack: string, settings: StackSettings) => EmulatorOrgResult | undefined;
/** The stack's policy configuration of the project at `root`, over the head's flows as the stack deploys them (policies/adapter.ts reviewStackPolicy). */
export type StackPolicyCheck = (
  root: string,
  stack: string,
) => (input: CheckInput, routing: readonly Finding[]) => PolicyVerdict;

const FLOW_FILE = /\.ya?ml$/i; // as the working tree's reader (project/flowFiles.ts) finds them

function git(args: string[], cwd: string): { ok: boolean; stdout: string; stderr: string } {
  const r = spawnSync("git", args, {
    cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (r.error) throw new UsageError(`cannot run git: ${r.error.message}`);
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr.trim() };
}

/** The commit `ref` names in the repository holding `root`; UsageError when it does not exist. */
export function resolveRef(root: string, ref: string): string {
  if (ref === "" || ref.startsWith("-")) throw new UsageError(`--base: "${ref}" is not a git ref`);
  const inside = git(["rev-parse", "--is-inside-work-tree"], root);
  if (!inside.ok || inside.stdout.trim() !== "true") {
    throw new UsageError(`${root} is not inside a git work tree; flows:diff reads the base flows with git`);
  }
  const r = git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], root);
  if (!r.ok)
    throw new UsageError(`unknown git ref "${ref}"; give a branch, tag or commit (fetch it first in a shallow clone)`);
  return r.stdout.trim();
}

/**
 * The flow and routing files and the stack file at `commit`, read as a checkout of it shows them
 * (links followed: project/commitTree.ts).
 */
function baseSide(root: string, commit: string, stackFile: string | undefined): PortfolioSide {
  const tree = new CommitTree(root, commit);
  const readIssues: FlowIssue[] = [];
  const read = (dir: string, idOf: (file: string) => string | undefined): FlowSource[] => {
    const { files, issues } = tree.walk(dir, (name) => FLOW_FILE.test(name));
    readIssues.push(...issues);
    return tree.read(files).flatMap((r, i) => {
      if (r.ok) return [{ id: idOf(files[i]) ?? files[i], file: files[i], text: r.text }];
      readIssues.push(r.issue);
      return [];
    });
  };
  const sources = read("flows", sourceIdOf);
  const routing = ROUTING_ROOTS.flatMap((dir) => read(dir, routingIdOf));
  const stack = stackFile !== undefined && tree.has(stackFile) ? tree.read([stackFile])[0] : undefined;
  if (stack !== undefined && !stack.ok) readIssues.push(stack.issue);
  const issues = readIssues.length > 0 ? { readIssues } : {};
  const stackText = stack?.ok ? inCurrentFormat(stackFile!, stack.text, tree) : undefined;
  return { sources, routing, ...issues, ...(stackText !== undefined ? { stackText } : {}) };
}

/**
 * A base's stack file in this version's format: the migrations since the format its commit's
 * genesys-flows.json records (format 1 without one, as upgrade takes it), as `upgrade --write` wrote
 * the working tree's, so a base from before an upgrade reads on the new version.
 */
function inCurrentFormat(file: string, text: string, tree: CommitTree): string {
  const record = tree.has(TEAM_RECORD) ? tree.read([TEAM_RECORD])[0] : undefined;
  let format = 1;
  try {
    format = teamRecordSchema.parse(JSON.parse(record?.ok ? record.text : "")).format;
  } catch {
    // none, or one that does not read (upgrade names what is wrong with it): format 1
  }
  const migrated = applyMigrations(migrationsSince(format), new Map([[file, text]]), CONFIG_NAMESPACE);
  return migrated.rewritten.get(file) ?? text;
}

/** The flow files of the working tree, read with the project's flow-file reader. */
function headSide(root: string, stackFile: string | undefined): PortfolioSide {
  let files: string[] = [];
  try {
    files = findFlowFiles(root);
  } catch (e) {
    if (!(e instanceof MissingPathError)) throw e; // no flows/ (any more): every base flow is removed
  }
  const { sources, issues } = readFlowFiles(root, files);
  // Through the project's boundary: a stack file linked out of the project is a problem, never read.
  const read =
    stackFile !== undefined && existsSync(resolve(root, stackFile))
      ? readProjectFile(root, stackFile, 1024 * 1024, "a stack file")
      : undefined;
  if (read !== undefined && !read.ok) issues.push(read.issue);
  const stackText = read?.ok ? read.text : undefined;
  return {
    sources,
    readIssues: issues,
    routing: readRoutingSources(root),
    ...(stackText !== undefined ? { stackText } : {}),
  };
}

/** The journeys pulled from the org that the review weighs by: `file`, or the stack's as `traffic pull` writes it when there is one. Throws UsageError when it does not read. */
function readTraffic(
  root: string,
  stack: string | undefined,
  file: string | undefined,
): PortfolioDiffOptions["traffic"] {
  const source = file ?? (stack !== undefined ? pulledFile(stack) : undefined);
  if (source === undefined || (file === undefined && !existsSync(resolve(root, source)))) return undefined;
  try {
    return { traffic: parseTraffic(readFileSync(resolve(root, source), "utf8")), source };
  } catch (e) {
    throw new UsageError(
      `--traffic ${source}: ${(e as Error).message} (a file genesys-flows traffic pull writes: pull again, or give another with --traffic)`,
    );
  }
}

/** `stops`: a line for each change people made that up stops on (the run's decision, tools/flowsDiff.ts): refusals. */
type FlowsDiffOptions = {
  stack?: string;
  format: "text" | "markdown";
  orgState?: OrgStateOfRun;
  stops?: readonly string[];
};
type FlowsDiffReads = {
  state?: ReviewState;
  emulatorOrg?: EmulatorOrgCheck;
  policy?: StackPolicyCheck;
  traffic?: string;
};

type FlowsDiffReport = DiffReport & {
  orgReferences?: { checkedAgainst: string; missing: number } | { notChecked: string };
};

/** Loads both sides, diffs and renders (weighed by the journeys pulled from the org, `traffic` or the stack's). Throws UsageError for bad refs, a missing stack file or a pulled file that does not read. */
export function flowsDiff(root: string, base: string, opts: FlowsDiffOptions & FlowsDiffReads): FlowsDiffReport {
  const commit = resolveRef(root, base);
  const traffic = readTraffic(root, opts.stack, opts.traffic);
  const stackFile = opts.stack !== undefined ? stackFileName(opts.stack) : undefined;
  const head = headSide(root, stackFile);
  const baseFlows = baseSide(root, commit, stackFile);
  if (stackFile !== undefined && head.stackText === undefined && baseFlows.stackText === undefined) {
    throw new UsageError(`no stack file ${stackFile} in the working tree or at ${base}`);
  }
  // A stack whose org is the emulator's file (genesys-flows:emulatorOrg): the org-reference check a deploy runs, offline.
  const local =
    opts.stack !== undefined && head.stackText !== undefined
      ? emulatorOrgCheck(root, opts.stack, opts.emulatorOrg)
      : undefined;
  // What the org refuses: an object the flows name missing (the emulator's org), a change people made that up stops on.
  const orgRefusals = [...(local?.ran === true ? local.findings.map(formatIssue) : []), ...(opts.stops ?? [])];
  const report = diffPortfolios(baseFlows, head, {
    ...(opts.stack !== undefined ? { stack: opts.stack } : {}),
    ...(opts.orgState ? { orgState: opts.orgState } : {}),
    ...(opts.state ? { state: opts.state } : {}),
    format: opts.format,
    base,
    env: process.env,
    orgRefusals,
    ...(opts.stack !== undefined && opts.policy !== undefined ? { policy: opts.policy(root, opts.stack) } : {}),
    ...(traffic ? { traffic } : {}),
  });
  if (local === undefined) return report;
  const note = local.ran
    ? `Org references: checked against the emulator's org, ${local.orgFile} (the org npm start gives it): ${local.findings.length === 0 ? "every object the flows name is there" : `${local.findings.length} missing (above); add them there or fix the names`}${uncheckedNote(local.unchecked)}.`
    : `Org references: not checked against the emulator's org: ${local.why}.`;
  return {
    ...report,
    text: `${report.text}\n${note}\n`,
    orgReferences: local.ran
      ? { checkedAgainst: local.orgFile, missing: local.findings.length }
      : { notChecked: local.why },
  };
}

/** The data actions whose contracts the org file leaves undescribed, named (lint warns of each call). */
function uncheckedNote(unchecked: readonly Finding[] = []): string {
  const names = [...new Set(unchecked.flatMap((u) => (u.subject !== undefined ? [u.subject] : [])))].sort();
  return names.length === 0 ? "" : `; not checked, undescribed there: the ${names.join(", ")}`;
}

/** The stack's org-reference check against its emulator's org file on the working tree, when it names one; not run when the stack file does not read (the review reports that). */
function emulatorOrgCheck(
  root: string,
  stack: string,
  check: EmulatorOrgCheck | undefined,
): EmulatorOrgResult | undefined {
  if (check === undefined) return undefined;
  let settings: StackSettings;
  try {
    settings = readStackFile(root, stack).settings;
  } catch (e) {
    if (e instanceof FlowLoadError) return undefined;
    throw e;
  }
  return check(root, stack, settings);
}

/**
 * What the stack runs, from its state (`pulumi stack export`, org/stackExport.ts): each flow's
 * revisions and update trigger, whether it is only read (adopted), and its rollouts in waves, so
 * the review says what this up does when the state differs from the base (a rollout's next wave).
 * `objects`: the org objects the head declares as the org holds them (run/objects/reads.ts), when read.
 * Undefined when the stack has no state yet; throws a StateError when the export fails.
 */
export async function readReviewState(
  root: string,
  stack: string,
  objects?: ReviewState["objects"],
): Promise<ReviewState | undefined> {
  const { readStackExport, parseStackExport } = await import("../org/stackExport");
  const text = await readStackExport(stack, { root });
  const deployment = text === undefined ? { stack, flows: [] } : parseStackExport(stack, text).deployment;
  if (text === undefined && objects === undefined) return undefined;
  return { flows: deployment.flows, waves: deployment.waves ?? [], ...(objects ? { objects } : {}) };
}
