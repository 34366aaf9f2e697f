// `npm run verify`: what the org really runs, compared with what the stack last deployed; and
// `--impact`: what deploying the flow files now would republish, and who outside the stack calls
// a changing module. Also run by `npm start`, `npm run up` (verify, after the deploy) and
// `npm run preview` (impact, and the org facts the policy pack reads).
import { deployCommand } from "../project/deployCommand";
import * as fs from "node:fs";
import * as path from "node:path";
import { FlowLoadError } from "../model/errors";
import type { StackSettings } from "../planner/stackSettings";
import { readPortfolio } from "../project/portfolio";
import { readStackSettings } from "../project/stackFile";
import { compareWithOrg, sortFindings, type VerifyFinding, type VerifyReport } from "../verify/compare";
import { readPeople } from "../org/peopleRead";
import { peopleFindings } from "../verify/peopleFindings";
import { configuredClientId, flowsDeployed, overwrittenVersionsOf, ownClientsOf, personChangesOf } from "../verify/personChanges";
import { checkOrgReferences } from "../components/orgReferences";
import { formatIssue } from "../model/errors";
import type { Portfolio } from "../planner/portfolio";
import { impactOf, type Impact } from "../verify/impact";
import { OrgApiError } from "../org/client";
import { findFlowByName, readConsumers, readFlow, readOrg, readBuildStatus } from "../org/flows";
import type { OrgConsumer, StackDeployment } from "../org/model";
import { ConnectError, connectToOrg, type OrgConnection } from "../org/signIn";
import { readDeployment, StateError } from "../org/stackExport";
import { orgFactsOf, type OrgFacts } from "../verify/orgFacts";
import { renderImpactJson, renderImpactMarkdown, renderImpactText, renderVerifyJson, renderVerifyText, type OutsideCallersSection } from "../verify/render";
import { parseCliArgs, UsageError } from "../project/cliArgs";
import { projectRoot } from "../project/root";

const ROOT = projectRoot();

export const HELP = `Usage: npm run verify -- --stack <s> [--format text|json] [--out <file>] [--clock-skew <seconds>]
       npm run verify -- --stack <s> --impact [--format text|json|markdown] [--out <file>] [--facts-out <file>]

Reads the org the stack deploys to (its region or gateway and credentials, like its provider) and
compares it with what the stack last deployed (its Pulumi state):
  - every flow of the stack that calls a module runs the module's published version
    (Genesys's dependency tracking says which module version each published flow consumed);
  - modules compiled into modules (Genesys tracks no dependency between them) were last published
    with the revision of the inner module the stack deployed;
  - flows outside the stack calling the stack's modules (name, type, version, stale or current);
  - drift: flows of the stack published after the stack last deployed them (edited in Architect).
Exit codes: 0 every flow runs what the stack deployed, 1 a stale, missing or drifted flow of the
stack, 2 usage errors, 3 the state or the org could not be read.

--impact: what deploying the flow files now republishes (in the stack), and which flows outside the
stack call a module that changes and will keep the version they run. --facts-out writes the org
facts the policy pack's rule module-outside-callers reads (set GENESYS_FLOWS_ORG_FACTS to the file
for pulumi preview/up; npm run preview and up do this themselves).

Options:
  --stack <s>            the stack (default local)
  --format <f>           text (default), json, or for --impact also markdown
  --out <file>           write the report there instead of standard output
  --clock-skew <s>       seconds a publish may follow Pulumi's record of the deploy and still be the
                         stack's own (clocks differ between machines; default 2)
  -h, --help             show this help
`;

export interface StackContext {
  root: string;
  /** Where flows/ and routing/ are read from when not `root`: a rollback's release (tools/rollback.ts). */
  sourcesRoot?: string;
  stack: string;
  settings: StackSettings;
  env: NodeJS.ProcessEnv;
  /** Connects to the org (default: as the stack's provider would). */
  connect?: () => Promise<OrgConnection>;
  /** Reads what the stack last deployed (default: pulumi stack export). */
  deployment?: () => Promise<StackDeployment>;
}

/** Could not verify: the state or the org could not be read. */
export class VerifyUnavailable extends Error {
  constructor(
    message: string,
    readonly fix?: string,
  ) {
    super(message);
  }
}

function unavailable(e: unknown): never {
  if (e instanceof ConnectError) throw new VerifyUnavailable(e.message, e.fix);
  if (e instanceof OrgApiError || e instanceof StateError) throw new VerifyUnavailable(e.message);
  throw e;
}

export const connectOf = (ctx: StackContext) => ctx.connect ?? (() => connectToOrg({ stack: ctx.stack, settings: ctx.settings, env: ctx.env }));
export const deploymentOf = (ctx: StackContext) => ctx.deployment ?? (() => readDeployment(ctx.stack, ctx.root));

/** The portfolio the flow files plan now, or undefined when they do not plan (their errors are the deploy's to report). */
function plannedPortfolio(ctx: StackContext): Portfolio | undefined {
  try {
    return readPortfolio(ctx.sourcesRoot ?? ctx.root, ctx.stack, ctx.settings);
  } catch (e) {
    if (e instanceof FlowLoadError) return undefined;
    throw e;
  }
}

/**
 * The deployed flows' references the org no longer has (an object deleted or renamed since the
 * deploy): the org-reference check of preview and up, over the flows the stack deployed.
 */
async function brokenReferences(portfolio: Portfolio | undefined, deployment: StackDeployment, api: OrgConnection["api"], target: string): Promise<VerifyFinding[]> {
  if (!portfolio) return [];
  const deployed = new Set(deployment.flows.map((f) => f.id));
  const flows = portfolio.flows.filter((f) => deployed.has(f.id));
  const outcome = await checkOrgReferences({ ...portfolio, flows }, async () => ({ api, target }));
  const byFile = new Map(flows.map((f) => [f.file, f.publishedName]));
  return outcome.problems.map((p) => ({
    severity: "error",
    code: "broken-reference",
    flow: byFile.get(p.file) ?? p.flow ?? p.file,
    file: p.file,
    message: formatIssue(p),
    fix: "create the object in the org again, or change the flow (or the stack's substitution) to name one the org has, and deploy",
  }));
}

/**
 * What people did to the stack's flows (locks, drafts, renames, the stack's name on another flow)
 * and every version of theirs a publish of the stack overwrote: one read of each deployed flow and
 * its versions (org/peopleRead.ts), compared purely (verify/personChanges.ts, peopleFindings.ts).
 */
async function peopleOf(ctx: StackContext, deployment: StackDeployment, api: OrgConnection["api"], skew: number): Promise<{ findings: VerifyFinding[]; own: Set<string> }> {
  const read = await readPeople(api, flowsDeployed(deployment), { clockSkewMs: skew, withVersions: true });
  const own = ownClientsOf(read, skew, configuredClientId(ctx.settings));
  const files = Object.fromEntries(deployment.flows.map((f) => [f.id, f.file]));
  return { findings: peopleFindings(personChangesOf(read, own, skew), overwrittenVersionsOf(read, own), { acknowledgements: ctx.settings.acknowledge, files, stack: ctx.stack }), own };
}

/** The report with more findings, in the report's order (errors first, then by file and flow). */
function withFindings(report: VerifyReport, more: VerifyFinding[]): VerifyReport {
  if (more.length === 0) return report;
  const findings = sortFindings([...more, ...report.findings]);
  return { ...report, findings, ok: !findings.some((f) => f.severity === "error") };
}

export async function verifyStack(ctx: StackContext, options: { clockSkewMs?: number } = {}): Promise<VerifyReport> {
  const skew = options.clockSkewMs ?? 2000;
  try {
    const deployment = await deploymentOf(ctx)();
    if (deployment.flows.length === 0) throw new VerifyUnavailable(`stack "${ctx.stack}" has deployed nothing yet`, `npm run up -- --stack ${ctx.stack}`);
    const { api, target } = await connectOf(ctx)();
    const org = await readOrg(api, deployment, target, skew);
    const portfolio = plannedPortfolio(ctx);
    const planned = portfolio ? new Map(portfolio.flows.map((f) => [f.id, f.revision])) : undefined;
    // The stack's own clients first: their publishes after Pulumi's record are an interrupted run of the stack, not drift.
    const people = await peopleOf(ctx, deployment, api, skew);
    const report = compareWithOrg(deployment, org, { clockSkewMs: skew, ...(planned ? { planned } : {}), upCommand: deployCommand(ctx.stack), ownClients: people.own });
    const broken = await brokenReferences(portfolio, deployment, api, target);
    return withFindings(report, [...broken, ...people.findings]);
  } catch (e) {
    return unavailable(e);
  }
}

export interface ImpactResult {
  impact: Impact;
  /** The org facts for the policy pack; undefined when the org was not read. */
  facts?: OrgFacts;
}

/**
 * The impact of deploying the flow files now. The org is read when the stack has deployed
 * modules; when it cannot be, `orgRequired` decides: throw (VerifyUnavailable), or go on with a
 * note (outside callers unknown).
 */
export async function stackImpact(ctx: StackContext, options: { orgRequired?: boolean } = {}): Promise<ImpactResult> {
  const portfolio = readPortfolio(ctx.sourcesRoot ?? ctx.root, ctx.stack, ctx.settings);
  const planned = portfolio.flows.map((f) => ({ id: f.id, file: f.file, publishedName: f.publishedName, isModule: f.kind.isModule, calls: f.calls, revision: f.revision }));
  let deployment: StackDeployment;
  try {
    deployment = await deploymentOf(ctx)();
  } catch (e) {
    return unavailable(e);
  }
  const deployed = new Map(deployment.flows.map((f) => [f.id, { flowId: f.flowId, revision: f.revision }]));
  const modules = deployment.flows.filter((f) => f.isModule);
  const notes: string[] = [];
  let consumers: Record<string, OrgConsumer[]> | undefined;
  let facts: OrgFacts | undefined;
  const publishedVersions: Record<string, string> = {};
  if (modules.length > 0) {
    try {
      const { api, target } = await connectOf(ctx)();
      const build = await readBuildStatus(api);
      for (const m of modules) {
        const v = (await readFlow(api, m.flowId))?.publishedVersion?.id;
        if (v) publishedVersions[m.flowId] = v;
      }
      consumers = await readConsumers(api, modules.map((m) => m.flowId));
      if (build.status !== "OPERATIONAL") notes.push(`the org's dependency tracking is ${build.status}: its list of callers may be out of date`);
      facts = orgFactsOf(deployment, { target, dependencyTracking: build.status, consumers, publishedVersions });
    } catch (e) {
      if (options.orgRequired) return unavailable(e);
      if (!(e instanceof ConnectError || e instanceof OrgApiError)) throw e;
      notes.push(`callers outside the stack are not known: ${e.message}${e instanceof ConnectError && e.fix ? ` (${e.fix})` : ""}`);
    }
  }
  return { impact: impactOf({ stack: ctx.stack, planned, deployed, consumers, publishedVersions, notes }), ...(facts ? { facts } : {}) };
}

/**
 * Flows outside the stack calling the modules of `files` (flow files of modules, e.g. those a
 * pull request changes), found in the org by the modules' published names; the stack's own flows
 * are known by their published names too (no state needed, as in a pull request's lint job).
 * Never throws for an org it cannot read: the section says why.
 */
export async function outsideCallersOfFiles(ctx: StackContext, files: readonly string[]): Promise<OutsideCallersSection> {
  let portfolio;
  try {
    portfolio = readPortfolio(ctx.sourcesRoot ?? ctx.root, ctx.stack, ctx.settings);
  } catch (e) {
    if (e instanceof FlowLoadError) return { stack: ctx.stack, modules: [], note: `the flows of stack "${ctx.stack}" do not load (see lint)` };
    throw e;
  }
  const wanted = new Set(files);
  const modules = portfolio.flows.filter((f) => f.kind.isModule && wanted.has(f.file));
  const stackNames = new Set(portfolio.flows.map((f) => f.publishedName.toLowerCase()));
  if (modules.length === 0) return { stack: ctx.stack, modules: [] };
  try {
    const { api, target } = await connectOf(ctx)();
    const out: OutsideCallersSection["modules"] = [];
    for (const m of modules) {
      const found = await findFlowByName(api, m.publishedName, "COMMONMODULE");
      if (!found) {
        out.push({ file: m.file, publishedName: m.publishedName, published: false, outsideCallers: [] });
        continue;
      }
      const consumers = (await readConsumers(api, [found.flowId]))[found.flowId] ?? [];
      const outsideCallers = consumers.filter((c) => !stackNames.has(c.name.toLowerCase())).map((c) => ({ flowId: c.flowId, name: c.name, type: c.type, version: c.version, ...(c.moduleVersion !== undefined ? { moduleVersion: c.moduleVersion } : {}) }));
      out.push({ file: m.file, publishedName: m.publishedName, published: true, outsideCallers });
    }
    return { stack: ctx.stack, target, modules: out };
  } catch (e) {
    if (e instanceof ConnectError) return { stack: ctx.stack, modules: [], note: `${e.message} (${e.fix})` };
    if (e instanceof OrgApiError) return { stack: ctx.stack, modules: [], note: e.message };
    throw e;
  }
}

/** Writes the org facts file (creating its folder). */
export function writeOrgFacts(file: string, facts: OrgFacts): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(facts, null, 2) + "\n");
}

export async function main(argv: string[], io = { out: process.stdout, err: process.stderr }, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let args;
  try {
    args = parseCliArgs(argv, {
      stack: { type: "string", short: "s" },
      impact: { type: "boolean" },
      format: { type: "string" },
      out: { type: "string" },
      "facts-out": { type: "string" },
      "clock-skew": { type: "string" },
      root: { type: "string" },
      help: { type: "boolean", short: "h" },
    });
    if (args.help) {
      io.out.write(HELP);
      return 0;
    }
    const formats = args.impact ? ["text", "json", "markdown"] : ["text", "json"];
    if (args.format !== undefined && !formats.includes(args.format)) throw new UsageError(`--format must be ${formats.join(" or ")}${args.impact ? "" : " (markdown is for --impact)"}, not "${args.format}"`);
    if (args["facts-out"] !== undefined && !args.impact) throw new UsageError("--facts-out goes with --impact");
    if (args["clock-skew"] !== undefined && !/^\d+(\.\d+)?$/.test(args["clock-skew"])) throw new UsageError(`--clock-skew takes seconds, not "${args["clock-skew"]}"`);
    if (args.stack === "") throw new UsageError("--stack needs a stack name");
  } catch (e) {
    io.err.write(`verify: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const root = path.resolve(args.root ?? ROOT);
  const stack = args.stack ?? "local";
  const format = args.format ?? "text";
  let settings: StackSettings;
  try {
    settings = readStackSettings(root, stack);
  } catch (e) {
    if (e instanceof FlowLoadError) {
      io.err.write(`verify: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  // The local stack's org is the emulator: start it (with its org file) when it is not running.
  let stopEmulator: (() => Promise<void>) | undefined;
  if (stack === "local" && settings.provider.gateway?.host === "127.0.0.1") {
    const { ensureEmulator } = await import("../emulator/localStack");
    const e = await ensureEmulator(settings);
    if (e.started) stopEmulator = () => e.started!.stop();
  }
  const ctx: StackContext = { root, stack, settings, env };
  const write = (text: string) => {
    if (args.out !== undefined) {
      fs.writeFileSync(path.resolve(args.out), text);
      io.err.write(`wrote ${path.resolve(args.out)}\n`);
    } else io.out.write(text);
  };
  try {
    if (args.impact) {
      const { impact, facts } = await stackImpact(ctx, { orgRequired: args["facts-out"] !== undefined });
      if (args["facts-out"] !== undefined && facts) writeOrgFacts(path.resolve(args["facts-out"]), facts);
      if (args["facts-out"] !== undefined && !facts) {
        // Nothing deployed yet (no module to ask about): an empty file says so to the program.
        writeOrgFacts(path.resolve(args["facts-out"]), { formatVersion: 1, stack, target: "(not read: no module deployed yet)", dependencyTracking: "UNKNOWN", modules: {} });
      }
      write(format === "json" ? renderImpactJson(impact) : format === "markdown" ? renderImpactMarkdown(impact) : renderImpactText(impact));
      return 0;
    }
    const report = await verifyStack(ctx, { clockSkewMs: args["clock-skew"] !== undefined ? Number(args["clock-skew"]) * 1000 : undefined });
    write(format === "json" ? renderVerifyJson(report) : renderVerifyText(report));
    return report.ok ? 0 : 1;
  } catch (e) {
    if (e instanceof VerifyUnavailable) {
      io.err.write(`verify: could not verify stack "${stack}": ${e.message}${e.fix ? `\n  Fix: ${e.fix}` : ""}\n`);
      return 3;
    }
    if (e instanceof FlowLoadError) {
      io.err.write(`verify: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await stopEmulator?.();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`verify: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}
