// flows:diff — what changed inside the flows between a git ref and the working tree:
//   npm run flows:diff -- --base <git-ref> [--stack <name>] [--org <stack>] [--format text|markdown]
//                         [--out <file>] [--json <file>] [--comment <file> [--report-url <url>]]
//                         [--diagrams <dir> [--images]] [--traffic <file>]
// With --stack it is the review of that deploy stack (diff/deployPlan.ts: what `up` does per flow).
// Exit codes: 0 done (with or without differences), 1 a flow or the stack config failed to load, or
// a deploy of the working tree would refuse it, the stack's mandatory policy rules included (the
// report leads with it; the rest is still diffed and printed), 2 usage
// errors (bad flags, unknown ref, not a git repo).
// The git and file I/O is here; loading, selecting and diffing both sides is diff/portfolioDiff.ts.
import { stackFileName } from "../model/stackFile";
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { FlowLoadError } from "../model/errors";
import { flowIdOf } from "../planner/names";
import { renderDiagrams } from "../diagram/images";
import { mermaidBlock, renderFlowDiagram } from "../diagram/mermaid";
import { COMMENT_BUDGET, renderDiffComment } from "../diff/comment";
import { highlightOf } from "../diff/flowDiff";
import type { DiffReport, ReviewState } from "../diff/portfolioDiff";
import type { OutsideCallersSection } from "../verify/render";
import { journeysSection } from "../behaviour/journeyDiff";
import { renderTrafficWeight } from "../diff/trafficWeight";
import { parseCommandLine, UsageError, type ArgValues } from "../project/cliArgs";
import { renderRoutingMarkdown } from "../diff/routingDiff";
import { renderDeployMarkdown, reviewJson } from "../diff/review";
import { renderOrgStateMarkdown } from "../diff/orgState";
import type { OrgStateOfRun } from "../org/personChanges";
import { checkEmulatorOrg } from "../project/orgFileCheck";
import { flowsDiff, readReviewState } from "../diff/projectReview";
import { reviewStackPolicy } from "../policies/adapter";
import { peopleDecision, peopleState } from "../run/people/reads";
import { objectDecisions } from "../run/objects/reads";

export const HELP = `Usage: npm run flows:diff -- --base <git-ref> [--stack <name>] [--org <stack>] [--format text|markdown] [--out <file>]
                          [--json <file>] [--comment <file> [--report-url <url>]] [--diagrams <dir> [--images]] [--traffic <file>]

Compares the flow model at a git ref with the working tree: flows added or removed; nodes
added, removed or changed field by field; transitions rewired; module interface changes
and the callers they force to republish; and the routing (routing/, with each side's stack
values): numbers moved between IVR configs, IVR configs re-pointed, schedules changed,
emergency groups switched on or off. Markdown output embeds Mermaid diagrams of the
changed flows (added nodes green, changed nodes amber) for pull-request comments.
With --stack it is the review of that deploy stack: it leads with whether the deploy will
be refused (the checks a deploy runs and the stack's policy configuration,
policies/config/<stack>.json, as the policy pack and up's gate run it: mandatory rules
refuse, advisory ones warn), then what \`up\` does to each of its flows (replace when the published name changes: old and new name, the old flow
deleted with its Genesys id, what routes to it re-pointed; delete; create; publish;
republish for a module; a flow joining or leaving the stack by include/exclude), and
after the routing it shows the org's state of those flows ("not checked" and why,
without a read of the org). docs/review.md shows how to read it.

Options:
  --base <ref>      git ref to compare with, e.g. origin/main or HEAD~1 (required)
  --stack <name>    compare only the flows Pulumi.<name>.yaml deploys (its include/exclude
                    globs, on each side), as it publishes them (its prefix and substitutions
                    applied), and its routing with its values; default: every flows/**/*.yaml
                    and routing/**/*.yaml as written. A base without the stack file is a
                    problem (exit 1): the stack is compared with nothing deployed
  --org <stack>     also read the org stack <stack> deploys to (its region or gateway and
                    credentials, or GENESYSCLOUD_* variables): list the flows outside that stack
                    calling a module that changes, which will keep the version they run;
                    with --stack naming the same stack, also what people did in that org to
                    the flows the deploy touches (versions published out of band, locks,
                    drafts, renames, deletions; read as preview and up read them, against
                    the stack's Pulumi state; without the state or the client, "not checked"
                    naming what to set), what up does measured against the stack's state
                    (a rollout in waves: the callers of the next wave, those held), and,
                    when the stack runs a rolled-back release, a note that this change puts
                    git's content back (docs/rollback.md)
  --format <f>      text (default) or markdown
  --out <file>      write the report there instead of standard output
  --json <file>     also write the review as JSON (the same data: what up does, the flow
                    and routing changes, the org's state, the problems) for other tools
  --comment <file>  also write the pull-request comment: the report bounded to fit GitHub's
                    comment limit (with --stack a heading naming the stack and what up does;
                    counts, interface changes, forced republishes, each changed flow named,
                    details and changed-neighbourhood diagrams while they fit, the routing
                    changes, the org's state, what is left out counted)
  --report-url <u>  where the full report is (the workflow run holding the report artifact,
                    flow-diff-report, with --stack flow-diff-report-<stack>); the comment links it
  --diagrams <dir>  also write the full diagram of every added or changed flow there:
                    <dir>/<flow id>.md (Mermaid), and <dir>/<flow id>.svg with --images
  --images          render those diagrams to SVG (needs Chromium or Chrome:
                    bash tools/diagrams/browser.sh installs it; without one, a warning
                    and the Markdown pages only)
  --traffic <file>  weigh the flows whose journeys change by the journeys real callers took
                    (the file genesys-flows traffic pull writes): the share of them that would
                    now end elsewhere or hear something else, and those it cannot weigh
                    (docs/traffic.md); default with --stack: .work/traffic/<stack>.json when
                    it is there
  --root <dir>      project root inside the git work tree (default: current directory)
  -h, --help        show this help

Exit codes: 0 success (even with differences), 1 a flow or the stack config failed to
load at either side, or the stack file is not at the base (reported with the file and
the loader's message; the other flows are still compared), or a deploy of the working tree
would refuse it (core check findings, a flow the compiler refuses, with --stack the stack's
mandatory policy rules), 2 usage errors (bad flags, unknown git ref, not a git repository).
`;

/** The last report main produced, for run() to append the org section to. */
const produced: {
  last?: { report: DiffReport; root: string; format: "text" | "markdown"; out?: string; comment?: string };
} = {};

const lastProduced = () => produced.last;

/** The section naming the callers outside stack `org` of the modules the diff changes. */
async function orgSection(
  root: string,
  org: string,
  changedModules: string[],
  format: "text" | "markdown",
): Promise<string> {
  const { readStackSettings } = await import("../project/stackFile");
  const { outsideCallersOfFiles } = await import("../run/verifyStack");
  const { connectToOrg, ConnectError } = await import("../org/signIn");
  const { renderOutsideCallersMarkdown, renderOutsideCallersText } = await import("../verify/render");
  let section: OutsideCallersSection;
  try {
    const settings = readStackSettings(root, org);
    // Credentials from the stack file's plain values or the environment only: a pull request's
    // lint job has no pulumi to decrypt stack secrets with.
    const secret = async (key: string): Promise<string> => {
      throw new ConnectError(
        `genesys-flows:${key} of ${stackFileName(org)} is encrypted`,
        "flows:diff --org reads plain credentials only: export GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET (a read-only client)",
      );
    };
    section = await outsideCallersOfFiles(
      {
        root,
        stack: org,
        settings,
        env: process.env,
        connect: () => connectToOrg({ stack: org, settings, env: process.env, secret }),
      },
      changedModules,
    );
  } catch (e) {
    if (!(e instanceof FlowLoadError)) throw e;
    section = { stack: org, modules: [], note: e.message };
  }
  return format === "markdown" ? renderOutsideCallersMarkdown(section) : renderOutsideCallersText(section);
}

/** The flags (project/cliArgs.ts): unknown flags and missing values are usage errors. */
const FLAGS = {
  base: { type: "string" },
  stack: { type: "string" },
  org: { type: "string" },
  format: { type: "string" },
  comment: { type: "string" },
  "report-url": { type: "string" },
  json: { type: "string" },
  diagrams: { type: "string" },
  images: { type: "boolean" },
  out: { type: "string" },
  root: { type: "string" },
  traffic: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** The review's org state when no read was asked for (no --org naming the stack). */
export function orgStateOfRun(stack: string): OrgStateOfRun {
  return {
    checked: false,
    reason: `no --org ${stack}: add it (with the stack's read-only credentials) to read what people did in the org`,
  };
}

/**
 * What people did in the org (`state`), a line for each change up will stop on (`stops`), and the
 * org objects the working tree declares as the org holds them (`objects`, run/objects/reads.ts), when read.
 */
type ReviewPeople = { state: OrgStateOfRun; stops: string[]; objects?: ReviewState["objects"] };

/**
 * What people did in the org to the flows and routing objects the stack's deploy would write, and
 * what up will stop on: the run's own read and decision (run/stackRun.ts orgState and decision, as
 * preview and up make them, with the stack's credentials, against its Pulumi state), through
 * diff/reviewOrgState.ts. A read that cannot be made is "not checked", with exactly why and what to set.
 */
export async function readReviewOrgState(root: string, stack: string): Promise<ReviewPeople> {
  try {
    const { reviewOrgState } = await import("../diff/reviewOrgState");
    const { StackRun } = await import("../run/stackRun");
    const { connectOf } = await import("../run/verifyStack");
    const { readStackExport } = await import("../org/stackExport");
    const { workingTreeSource } = await import("../project/releaseSource");
    const { readStackSettings } = await import("../project/stackFile");
    const { stopLines } = await import("../verify/people/overwriteDecision");
    const settings = readStackSettings(root, stack);
    const connect = connectOf({ root, stack, settings, env: process.env });
    const io = { readSettings: () => settings, readExport: () => readStackExport(stack, { root }), connect };
    const source = { ...workingTreeSource(root, stack), sourcesRoot: root };
    const run = new StackRun({ stack, root, source, io, policyDir: join(root, "policies", "config") });
    const ci = process.env.GITHUB_ACTIONS === "true";
    const read = () => peopleState(run);
    const state = await reviewOrgState({ stack, deployment: () => run.deployment(), probeOrg: connect, read, ci });
    // A policy config that does not read refuses the deploy by itself (the verdict says so): no stop named here.
    const decision = state.checked ? await peopleDecision(run).catch(() => undefined) : undefined;
    const objects = await objectDecisions(run).catch(() => undefined);
    return { state, stops: decision ? stopLines(decision) : [], ...(objects && { objects }) };
  } catch (e) {
    return { state: { checked: false, reason: (e as Error).message.split("\n")[0] }, stops: [] };
  }
}

/** With --stack and --org naming the same stack: the note when that stack runs a rolled-back release. */
async function reviewRolledBackNote(root: string, stack: string): Promise<string | undefined> {
  try {
    const { readReleases } = await import("../org/stackExport");
    const { rolledBackNoteFor } = await import("../project/rolledBackNote");
    return await rolledBackNoteFor(root, stack, (await readReleases(stack, root)).history);
  } catch {
    return undefined; // the state or the flows do not read: the review reports what it can
  }
}

type DiffArgs = ArgValues<typeof FLAGS>;
/** The command line, read once: help, a usage error, or the flags with their values checked. */
type DiffCommand =
  | { help: true }
  | { usage: string }
  | { args: DiffArgs & { base: string }; format: "text" | "markdown" };

function readCommand(argv: string[]): DiffCommand {
  try {
    const args = parseCommandLine(argv, FLAGS).values;
    if (args.help) return { help: true };
    if (args.base === undefined) throw new UsageError("--base <git-ref> is required");
    if (args.format !== undefined && args.format !== "text" && args.format !== "markdown") {
      throw new UsageError(`--format must be text or markdown, not "${args.format}"`);
    }
    return { args: { ...args, base: args.base }, format: (args.format ?? "text") as "text" | "markdown" };
  } catch (e) {
    return { usage: (e as Error).message };
  }
}

export function main(
  argv: string[],
  io = { out: process.stdout, err: process.stderr },
  orgState?: OrgStateOfRun,
): number {
  return runCommand(readCommand(argv), io, orgState);
}

type Streams = { out: NodeJS.WritableStream; err: NodeJS.WritableStream };

/** `stops`: a line for each change people made that up will stop on (readReviewOrgState). */
function runCommand(
  command: DiffCommand,
  io: Streams,
  orgState?: OrgStateOfRun,
  state?: ReviewState,
  stops?: string[],
): number {
  if ("help" in command) {
    io.out.write(HELP);
    return 0;
  }
  if ("usage" in command) {
    io.err.write(`flows:diff: ${command.usage}\n\n${HELP}`);
    return 2;
  }
  const { args, format } = command;
  const root = resolve(args.root ?? ".");
  let report: DiffReport;
  try {
    const stack = args.stack;
    const org = stack !== undefined ? { orgState: orgState ?? orgStateOfRun(stack), ...(stops && { stops }) } : {};
    const checks = { emulatorOrg: checkEmulatorOrg, policy: reviewStackPolicy };
    const reads = { traffic: args.traffic, ...checks, ...(state && { state }) };
    report = flowsDiff(root, args.base, { stack, format, ...org, ...reads });
  } catch (e) {
    if (e instanceof UsageError) {
      io.err.write(`flows:diff: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  produced.last = { report, root, format, out: args.out, comment: args.comment };
  // Full diagrams first: the comment links them, as SVG when they were rendered.
  let diagramExt: "svg" | "md" = "md";
  if (args.diagrams !== undefined)
    diagramExt = writeDiagrams(report, resolve(args.diagrams), args.images === true, io).svg ? "svg" : "md";
  if (args.json !== undefined) {
    const json = reviewJson({ ...report, base: args.base, ...(args.stack !== undefined ? { stack: args.stack } : {}) });
    writeFileSync(resolve(args.json), `${JSON.stringify(json, null, 2)}\n`);
    io.out.write(`wrote ${resolve(args.json)}\n`);
  }
  if (args.comment !== undefined) {
    // Routing first, a tenth of the budget at most: a number moving is what a reviewer must not miss.
    const routing = renderRoutingMarkdown(report.routing, Math.floor(COMMENT_BUDGET / 10));
    // With a stack: what up does (a third at most, every replace and delete up to two thirds)
    // leads; the org's state (a twentieth) follows the routing.
    const stack = args.stack;
    const deploy =
      stack !== undefined
        ? renderDeployMarkdown(
            report.deploy,
            stack,
            args.base,
            Math.floor(COMMENT_BUDGET / 3),
            "###",
            Math.floor((2 * COMMENT_BUDGET) / 3),
          )
        : "";
    const org =
      stack !== undefined && report.orgState
        ? renderOrgStateMarkdown(report.orgState, new Set(report.touched), Math.floor(COMMENT_BUDGET / 20))
        : "";
    const diffComment = renderDiffComment(report.diff, report.head, {
      budget: COMMENT_BUDGET - routing.length - org.length,
      // One artifact per stack in the pull-request workflow (flow-diff-report-<stack>).
      ...(stack !== undefined ? { stack, deploy, artifact: `flow-diff-report-${stack}` } : {}),
      base: args.base,
      head: "the working tree",
      loadProblems: report.problems,
      refusals: report.refusals,
      warnings: report.warnings,
      ...(args["report-url"] ? { reportUrl: args["report-url"] } : {}),
      diagramPath: (file) => `diagrams/${flowIdOf(file) ?? file}.${diagramExt}`,
    });
    const journeys =
      diffComment +
      routing +
      org +
      journeysSection(
        report.base ?? new Map(),
        report.head,
        "markdown",
        COMMENT_BUDGET - diffComment.length - routing.length - org.length,
      );
    const comment = journeys + renderTrafficWeight(report.weight, "markdown", COMMENT_BUDGET - journeys.length);
    writeFileSync(resolve(args.comment), comment);
    io.out.write(`wrote ${resolve(args.comment)} (${comment.length} characters)\n`);
  }
  if (args.out !== undefined) {
    writeFileSync(resolve(args.out), report.text);
    io.out.write(`wrote ${resolve(args.out)}\n`);
  } else {
    io.out.write(report.text);
  }
  for (const p of report.problems) io.err.write(`${p.side === "base" ? `at ${args.base}: ` : ""}${p.message}\n`);
  for (const line of report.refusals) io.err.write(`${line}\n`);
  return report.problems.length > 0 || report.refusals.length > 0 ? 1 : 0;
}

/**
 * Writes the full diagram of every added or changed flow under `dir`: `<flow id>.md` (a Mermaid
 * block, added nodes green, changed amber) and, with `images`, `<flow id>.svg`. Rendering needs a
 * browser: without one the Markdown pages are still written, a warning says why, and `failed` is
 * set (the diff itself, and the comment linking the pages instead, are not held up by pictures).
 */
export function writeDiagrams(
  report: DiffReport,
  dir: string,
  images: boolean,
  io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream },
): { svg: boolean; failed: boolean } {
  const pages: Array<{ id: string; diagram: string; title: string }> = [];
  for (const d of report.diff.flows) {
    const flow = report.head.get(d.file);
    if (!flow) continue;
    pages.push({
      id: flowIdOf(d.file) ?? d.file,
      diagram: renderFlowDiagram(flow.model, { highlight: highlightOf(d) }),
      title: `${d.name} (${d.file}): ${d.status}`,
    });
  }
  for (const p of pages) {
    const file = join(dir, `${p.id}.md`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `# ${p.title}\n\n${mermaidBlock(p.diagram)}`);
    io.out.write(`wrote ${file}\n`);
  }
  if (!images || pages.length === 0) return { svg: false, failed: false };
  try {
    const rendered = renderDiagrams(pages.map((p) => p.diagram));
    pages.forEach((p, i) => {
      const file = join(dir, `${p.id}.svg`);
      writeFileSync(file, rendered[i].svg);
      io.out.write(`wrote ${file}\n`);
    });
    return { svg: true, failed: false };
  } catch (e) {
    io.err.write(
      `flows:diff: warning: the diagrams were not rendered to SVG (the Markdown pages were written): ${(e as Error).message}\n`,
    );
    return { svg: false, failed: true };
  }
}

/**
 * The command: main, then with `--org <stack>` the callers outside that stack of the modules the
 * diff changes (read from the org, so asynchronous), appended to the report.
 */
export async function run(argv: string[], io = { out: process.stdout, err: process.stderr }): Promise<number> {
  produced.last = undefined;
  const command = readCommand(argv);
  // With --stack and --org naming the same stack, the review reads that stack's org state first.
  const args = "args" in command ? command.args : undefined;
  const sameStack = args?.stack !== undefined && args.org === args.stack;
  const stackRoot = resolve(args?.root ?? ".");
  const people = sameStack ? await readReviewOrgState(stackRoot, args.stack!) : undefined;
  const rolledBack = sameStack ? await reviewRolledBackNote(stackRoot, args.stack!) : undefined;
  // ... and its state: what it runs (a rollout in waves makes it differ from the base), read as up reads it.
  const state = sameStack
    ? await readReviewState(stackRoot, args.stack!, people?.objects).catch(() => undefined)
    : undefined;
  const code = runCommand(command, io, people?.state, state, people?.stops);
  // The stack runs a rolled-back release: the review says this change puts git's content back.
  if (rolledBack !== undefined && lastProduced()) {
    const { out, comment, format } = lastProduced()!;
    const line = format === "markdown" ? `\n> **Note:** ${rolledBack}.\n` : `\nnote: ${rolledBack}\n`;
    if (out !== undefined) appendFileSync(resolve(out), line);
    else io.out.write(line);
    if (comment !== undefined) appendFileSync(resolve(comment), `\n> **Note:** ${rolledBack}.\n`);
  }
  const org = args?.org;
  const last = lastProduced();
  if (org === undefined || !last) return code;
  const { report, root, format, out, comment } = last;
  const section = await orgSection(root, org, report.changedModules, format);
  if (out !== undefined) appendFileSync(resolve(out), section);
  else io.out.write(section);
  if (comment !== undefined) {
    // The pull-request comment gets the same section in Markdown, within the comment's budget.
    const markdown = format === "markdown" ? section : await orgSection(root, org, report.changedModules, "markdown");
    const current = readFileSync(resolve(comment), "utf8");
    const fits = current.length + markdown.length <= COMMENT_BUDGET;
    appendFileSync(
      resolve(comment),
      fits ? markdown : `\n_The callers outside stack ${org} did not fit in this comment: see the full report._\n`,
    );
  }
  return code;
}
