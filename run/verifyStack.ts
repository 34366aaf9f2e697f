// What the org really runs, compared with what the stack last deployed (verify), and what
// deploying the flow files now would do (impact, outside callers): the reads and comparisons that
// `genesys-flows verify` prints (tools/verify.ts), that a run's gate between the waves of a module
// rollout checks (run/waves/gate.ts) and that `up` runs after a deploy.
import { deployCommand } from "../project/deployCommand";
import { FlowLoadError } from "../model/errors";
import type { StackSettings } from "../planner/stackSettings";
import { readPortfolio } from "../project/portfolio";
import { compareWithOrg } from "../verify/compare";
import { sortFindings, type VerifyFinding, type VerifyReport } from "../verify/report";
import { checkOrgReferences } from "../org/orgReferences";
import { formatIssue } from "../model/errors";
import { flowRefsOf, type PlannedFlow, type Portfolio } from "../planner/portfolio";
import type { LocatedReference } from "../checks/orgReferences";
import { impactOf, type Impact } from "../verify/impact";
import { OrgApiError } from "../org/client";
import { findFlowsByName, readConsumers, readFlow, readOrg, readBuildStatus } from "../org/flows";
import { reportedConsumer, type OrgConsumer, type OrgFlow, type OrgView, type StackDeployment } from "../org/model";
import { validateFlows } from "../org/validateJobs";
import { validationOf } from "../verify/validation";
import { ConnectError, connectToOrg, type OrgConnection } from "../org/signIn";
import { readDeployment, StateError } from "../org/stackExport";
import { orgFactsOf, type OrgFacts } from "../verify/orgFacts";
import type { OutsideCallersSection } from "../verify/render";
import type { PartReads, VerifyInput } from "./verifyPart";
import { VERIFY_PARTS } from "./verifyParts";

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
  /** The portfolio the flow files plan (default: planned from the files; a run's own, planned once: run/stackRun.ts). */
  portfolio?: () => Portfolio;
  /** The org objects flows of that portfolio name (default: read from their compiled files; a run's: kept with its plan). */
  references?: (flows: readonly PlannedFlow[]) => LocatedReference[];
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

export const connectOf = (ctx: StackContext) =>
  ctx.connect ?? (() => connectToOrg({ stack: ctx.stack, settings: ctx.settings, env: ctx.env }));
export const deploymentOf = (ctx: StackContext) => ctx.deployment ?? (() => readDeployment(ctx.stack, ctx.root));

/** The portfolio the flow files plan now, or undefined when they do not plan (their errors are the deploy's to report). */
function plannedPortfolio(ctx: StackContext): Portfolio | undefined {
  try {
    return ctx.portfolio ? ctx.portfolio() : readPortfolio(ctx.sourcesRoot ?? ctx.root, ctx.stack, ctx.settings);
  } catch (e) {
    if (e instanceof FlowLoadError) return undefined;
    throw e;
  }
}

/**
 * The deployed flows' references the org no longer has (an object deleted or renamed since the
 * deploy): the org-reference check of preview and up, over the flows the stack deployed.
 */
async function brokenReferences(
  ctx: StackContext,
  portfolio: Portfolio | undefined,
  deployment: StackDeployment,
  api: OrgConnection["api"],
  target: string,
): Promise<VerifyFinding[]> {
  if (!portfolio) return [];
  const deployed = new Set(deployment.flows.map((f) => f.id));
  const flows = portfolio.flows.filter((f) => deployed.has(f.id));
  const outcome = await checkOrgReferences({ ...portfolio, flows }, async () => ({ api, target }), {
    ...(ctx.references ? { references: ctx.references } : {}),
  });
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

/** The report with more findings, in the report's order (errors first, then by file and flow). */
function withFindings(report: VerifyReport, more: VerifyFinding[]): VerifyReport {
  if (more.length === 0) return report;
  const findings = sortFindings([...more, ...report.findings]);
  return { ...report, findings, ok: !findings.some((f) => f.severity === "error") };
}

/**
 * Architect's own validator over every deployed flow the org still has (one validate job each,
 * org/validateJobs.ts), as a report section and findings (verify/validation.ts).
 */
async function architectValidation(
  deployment: StackDeployment,
  org: OrgView,
  api: OrgConnection["api"],
): Promise<ReturnType<typeof validationOf>> {
  const present = deployment.flows.filter((f) => org.flows[f.flowId] !== undefined);
  return validationOf(
    deployment.flows,
    await validateFlows(
      api,
      present.map((f) => f.flowId),
    ),
  );
}

/**
 * Verify (`validate`: with Architect's validate jobs too, `verify --validate`; `allVersions`: every
 * deployed flow's version list, `verify --versions`; `read`: the stack's flows as the run read them
 * moments ago, when it changed nothing since: a fast no-op's, run/fastNoop.ts).
 */
export async function verifyStack(
  ctx: StackContext,
  options: {
    clockSkewMs?: number;
    validate?: boolean;
    allVersions?: boolean;
    read?: ReadonlyMap<string, OrgFlow>;
  } = {},
): Promise<VerifyReport> {
  const skew = options.clockSkewMs ?? 2000;
  try {
    const deployment = await deploymentOf(ctx)();
    // Routing objects alone (a race that lost its flow but won a schedule) are something deployed.
    if (deployment.flows.length + (deployment.routing ?? []).length === 0) {
      const up = `npm run up -- --stack ${ctx.stack}`;
      throw new VerifyUnavailable(`stack "${ctx.stack}" has deployed nothing yet`, up);
    }
    const { api, target } = await connectOf(ctx)();
    const input: VerifyInput = {
      stack: ctx.stack,
      settings: ctx.settings,
      sources: ctx.sourcesRoot ?? ctx.root,
      deployment,
      api,
      skew,
      allVersions: options.allVersions === true,
      ...(options.read ? { read: options.read } : {}),
    };
    // The parts first (run/verifyPart.ts): the flows they read, verify reads not again; the stack's own clients.
    const early: PartReads[] = [];
    for (const part of VERIFY_PARTS) if (part.beforeOrg) early.push(await part.beforeOrg(input));
    const read = early.some((r) => r.flows) ? new Map(early.flatMap((r) => [...(r.flows ?? [])])) : undefined;
    const own = early.some((r) => r.ownClients) ? new Set(early.flatMap((r) => [...(r.ownClients ?? [])])) : undefined;
    const org = await readOrg(api, deployment, target, skew, read);
    const portfolio = plannedPortfolio(ctx);
    const planned = portfolio ? new Map(portfolio.flows.map((f) => [f.id, f.revision])) : undefined;
    const report = compareWithOrg(deployment, org, {
      clockSkewMs: skew,
      ...(planned ? { planned } : {}),
      upCommand: deployCommand(ctx.stack),
      ...(own ? { ownClients: own } : {}),
    });
    const broken = await brokenReferences(ctx, portfolio, deployment, api, target);
    const validation = options.validate ? await architectValidation(deployment, org, api) : undefined;
    const late: VerifyFinding[] = [];
    for (const part of VERIFY_PARTS) if (part.afterOrg) late.push(...(await part.afterOrg(input, portfolio)));
    const parts = [...early.flatMap((r) => r.findings), ...late];
    const checked = withFindings(report, [...broken, ...parts, ...(validation?.findings ?? [])]);
    const released = deployment.release ? { ...checked, release: deployment.release } : checked;
    return validation ? { ...released, validation: validation.section } : released;
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
  // A run's own plan when it has one (planned once per run: run/stackRun.ts).
  const portfolio = ctx.portfolio
    ? ctx.portfolio()
    : readPortfolio(ctx.sourcesRoot ?? ctx.root, ctx.stack, ctx.settings);
  const planned = flowRefsOf(portfolio.flows);
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
      consumers = await readConsumers(
        api,
        modules.map((m) => m.flowId),
        publishedVersions,
      );
      if (build.status !== "OPERATIONAL")
        notes.push(`the org's dependency tracking is ${build.status}: its list of callers may be out of date`);
      facts = orgFactsOf(deployment, { target, dependencyTracking: build.status, consumers, publishedVersions });
    } catch (e) {
      if (options.orgRequired) return unavailable(e);
      if (!(e instanceof ConnectError || e instanceof OrgApiError)) throw e;
      notes.push(
        `callers outside the stack are not known: ${e.message}${e instanceof ConnectError && e.fix ? ` (${e.fix})` : ""}`,
      );
    }
  }
  return {
    impact: impactOf({ stack: ctx.stack, planned, deployed, consumers, publishedVersions, notes }),
    ...(facts ? { facts } : {}),
  };
}

/**
 * Flows outside the stack calling the modules of `files` (flow files of modules, e.g. those a
 * pull request changes), found in the org by the modules' published names; the stack's own flows
 * are known by their published names too (no state needed, as in a pull request's lint job).
 * Never throws for an org it cannot read: the section says why.
 */
export async function outsideCallersOfFiles(
  ctx: StackContext,
  files: readonly string[],
): Promise<OutsideCallersSection> {
  let portfolio: Portfolio;
  try {
    portfolio = readPortfolio(ctx.sourcesRoot ?? ctx.root, ctx.stack, ctx.settings);
  } catch (e) {
    if (e instanceof FlowLoadError)
      return { stack: ctx.stack, modules: [], note: `the flows of stack "${ctx.stack}" do not load (see lint)` };
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
      const found = (await findFlowsByName(api, m.publishedName, "COMMONMODULE")).at(0);
      if (!found) {
        out.push({ file: m.file, publishedName: m.publishedName, published: false, outsideCallers: [] });
        continue;
      }
      const consumers =
        (
          await readConsumers(
            api,
            [found.flowId],
            found.publishedVersion ? { [found.flowId]: found.publishedVersion.id } : {},
          )
        )[found.flowId] ?? [];
      const outsideCallers = consumers.filter((c) => !stackNames.has(c.name.toLowerCase())).map(reportedConsumer);
      out.push({ file: m.file, publishedName: m.publishedName, published: true, outsideCallers });
    }
    return { stack: ctx.stack, target, modules: out };
  } catch (e) {
    if (e instanceof ConnectError) return { stack: ctx.stack, modules: [], note: `${e.message} (${e.fix})` };
    if (e instanceof OrgApiError) return { stack: ctx.stack, modules: [], note: e.message };
    throw e;
  }
}
