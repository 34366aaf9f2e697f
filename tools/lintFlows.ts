// `npm run lint:flows -- [paths] [--stack <s>] [--format text|json|sarif|junit] [--out <file>]`
// Runs the policy pack's flow rules over flow files without Pulumi (for pull requests and
// editors), and, linting the whole project (no paths), the routing rules over routing/. Without
// --stack it lints the files as written and as every stack (Pulumi.<stack>.yaml) deploys them, so
// "clean" covers what a deploy of any stack checks (a stack whose org is the emulator's file,
// genesys-flows:emulatorOrg, against that file); what could not run is in the report (notRun).
// Given paths, it reads the whole portfolio (modules and callers are checked against each other)
// and reports the named files' findings.
// Exit codes: 0 clean or advisory only, 1 mandatory violations or load errors, 2 usage.
import { stackFileName } from "../model/stackFile";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { FlowLoadError } from "../model/errors";
import { PolicyConfigError } from "../policies/config";
import type { LintReport } from "../policies/lint/engine";
import { docsBaseUrl, lintProject, type OrgLint } from "../policies/lint/project";
import { uncheckedContract } from "../checks/orgReferences";

export { docsBaseUrl, type OrgLint } from "../policies/lint/project";
import { parseCommandLine, UsageError, type FlagSpec } from "../project/cliArgs";
import type { Portfolio } from "../planner/portfolio";
import { readPortfolio } from "../project/portfolio";
import { readRoutingSources } from "../project/routingFiles";
import { checkRouting, routesNumbers, routingObjectsOf } from "../planner/routing";
import { readDidPools } from "../org/routing";
import { readIvrs } from "../org/flows";
import type { OrgApi } from "../org/client";
import type { StackSettings } from "../planner/stackSettings";
import { checkOrgReferences, type OrgReader } from "../org/orgReferences";
import { OrgReadError } from "../org/objects";
import { ConnectError, connectToOrg } from "../org/signIn";
import { formatJson } from "../policies/lint/json";
import { formatJunit } from "../policies/lint/junit";
import { formatSarif, type SarifOptions } from "../policies/lint/sarif";
import { formatText } from "../policies/lint/text";

export const FORMATS: Readonly<
  Record<"text" | "json" | "sarif" | "junit", (report: LintReport, options: SarifOptions) => string>
> = { text: formatText, json: formatJson, sarif: formatSarif, junit: formatJunit };
export type Format = keyof typeof FORMATS;

export const USAGE = `Usage: npm run lint:flows -- [paths...] [--stack <name> [--org]] [--format text|json|sarif|junit] [--out <file>]

Checks flow files with the same checks the deploy and the policy pack run, without Pulumi.
Without paths it also checks the routing files (routing/: numbers, schedules, IVR configs,
emergency groups) against the flows, with the routing rules the deploy runs. Without --stack
it checks the files as written and as every stack deploys them (each Pulumi.<stack>.yaml with
policies/config/<stack>.json); a stack whose org is the emulator's (genesys-flows:emulatorOrg,
orgs/local.yaml for stack local) also against that file. What did not run is listed
(--format json: notRun).

  paths            flow files or directories of them (default: every file under flows/, and
                   routing/); the rest of flows/ is read too, so a call to a module or a module's
                   callers are checked, but only these files' findings are reported
  --stack <name>   lint as stack <name> deploys, only: read Pulumi.<name>.yaml (its flow selection,
                   substitutions, name prefix and routing values) and use policies/config/<name>.json
                   for enforcement levels and rule settings
  --org            with --stack: also check that every org object the stack's flows name (queues,
                   data actions and their contracts, schedules, prompts, ...) exists in the org the
                   stack deploys to or in the stack's routing, and that no number the stack routes
                   is routed there by an IVR config the stack does not manage, signing in as its
                   provider would (read-only credentials do)
  --format <f>     text (default), json, sarif (SARIF 2.1.0; each rule's helpUri is absolute:
                   GENESYS_FLOWS_DOCS_URL, else the GitHub repository on GitHub Actions, else a
                   file: URL of the project) or junit
  --out <file>     write the report to <file> instead of standard output
  -h, --help       show this help

Exit status: 0 no mandatory violation, 1 mandatory violations or files that do not load, 2 bad usage.
`;

export interface CliOptions {
  paths: string[];
  stack?: string;
  format: Format;
  out?: string;
  org: boolean;
  help: boolean;
}

/** The options of the command (project/cliArgs.ts). */
const LINT_OPTIONS = {
  help: { type: "boolean", short: "h" },
  stack: { type: "string" },
  format: { type: "string" },
  out: { type: "string" },
  org: { type: "boolean" },
} as const satisfies FlagSpec;

/** Parses the command line (arguments after the script). Throws UsageError. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const { values, positionals } = parseCommandLine(argv, LINT_OPTIONS, { positionals: true });
  const format = values.format ?? "text";
  if (!(format in FORMATS))
    throw new UsageError(`unknown format "${format}"; use one of: ${Object.keys(FORMATS).join(", ")}`);
  return {
    paths: positionals,
    ...(values.stack !== undefined ? { stack: values.stack } : {}),
    format: format as Format,
    ...(values.out !== undefined ? { out: values.out } : {}),
    org: values.org === true,
    help: values.help === true,
  };
}

export interface RunResult {
  exitCode: 0 | 1 | 2;
  /** What goes to standard output. */
  stdout: string;
  /** What goes to standard error. */
  stderr: string;
  report?: LintReport;
}

/** A signed-in reader of the org: lint --org's reads (the org objects, the IVR configs). */
export type LintOrgReader = OrgReader & { api: OrgReader["api"] & Pick<OrgApi, "all"> };

/**
 * With --org: the org-reference check of the stack's planned portfolio against its org (the
 * objects the stack's routing creates count as there), and the org's IVR configs when the stack
 * routes numbers; one sign-in. A stack that does not plan gets no org findings (lint reports why
 * it does not plan); an org that cannot be read is an error of the command.
 */
export async function orgFindings(
  cwd: string,
  stack: string,
  connect: (settings: StackSettings) => Promise<LintOrgReader> = defaultConnect(stack),
): Promise<OrgLint> {
  let portfolio: Portfolio;
  try {
    portfolio = readPortfolio(cwd, stack);
  } catch (e) {
    if (e instanceof FlowLoadError) return { findings: [] };
    throw e;
  }
  let signedIn: Promise<LintOrgReader> | undefined;
  const reader = () => (signedIn ??= connect(portfolio.settings));
  const routing = checkRouting({
    settings: portfolio.settings,
    sources: readRoutingSources(cwd),
    flows: portfolio.flows.map((f) => ({ id: f.id, apiType: f.kind.apiType })),
    stackFile: stackFileName(stack),
  });
  const outcome = await checkOrgReferences(portfolio, reader, { stackObjects: routingObjectsOf(routing.objects) });
  const findings = [
    ...outcome.problems.map((p) => ({ ...p, ruleId: "org-references" })),
    ...outcome.unchecked.map((p) =>
      uncheckedContract(
        p,
        "describe the action's input and output contracts in the org (Admin > Integrations > Actions), or check the names the flow uses against the action by hand",
      ),
    ),
  ];
  if (!routesNumbers(routing.objects)) return { findings };
  const api = (await reader()).api;
  const ivrs = await readIvrs(api);
  try {
    return { findings, ivrs, didPools: await readDidPools(api) };
  } catch (e) {
    return { findings, ivrs, didPoolsUnread: (e as Error).message };
  }
}

function defaultConnect(stack: string): (settings: StackSettings) => Promise<LintOrgReader> {
  return async (settings) => {
    const c = await connectToOrg({ stack, settings, env: process.env });
    return { api: c.api, target: c.target };
  };
}

/** The command with --org's reads done first (the rest is runLint). */
export async function runLintCommand(
  argv: readonly string[],
  env: { cwd: string; vars?: Readonly<Record<string, string | undefined>> },
): Promise<RunResult> {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch {
    return runLint(argv, env); // it reports the usage error
  }
  if (!opts.org || opts.help || opts.stack === undefined) return runLint(argv, env);
  try {
    const org = await orgFindings(env.cwd, opts.stack);
    const result = runLint(argv, { ...env, org });
    if (org.didPoolsUnread === undefined) return result;
    return {
      ...result,
      stderr: `lint:flows: --org: cannot read the org's DID pools (${org.didPoolsUnread}); not checked: that a DID pool holds every number the stack routes\n${result.stderr}`,
    };
  } catch (e) {
    const err = e as Error & { fix?: unknown };
    if (e instanceof OrgReadError || e instanceof ConnectError || (e as Error).name === "OrgApiError") {
      return {
        exitCode: 1,
        stdout: "",
        stderr: `lint:flows: --org: ${err.message}${typeof err.fix === "string" && err.fix !== "" ? `\n  ${err.fix}` : ""}\n`,
      };
    }
    throw e;
  }
}

/** The whole command, minus process I/O and the org's reads: parse, lint, format, optionally write --out. */
export function runLint(
  argv: readonly string[],
  env: { cwd: string; org?: OrgLint; vars?: Readonly<Record<string, string | undefined>> },
): RunResult {
  let opts: CliOptions;
  let report: LintReport;
  try {
    opts = parseArgs(argv);
    if (opts.help) return { exitCode: 0, stdout: USAGE, stderr: "" };
    if (opts.org && opts.stack === undefined)
      throw new UsageError("--org needs --stack <name>: the org is the one the stack deploys to");
    report = lintProject(env.cwd, {
      paths: opts.paths,
      ...(opts.stack !== undefined ? { stack: opts.stack } : {}),
      ...(opts.org && env.org ? { org: env.org } : {}),
    });
  } catch (e) {
    if (e instanceof UsageError) return { exitCode: 2, stdout: "", stderr: `lint:flows: ${e.message}\n\n${USAGE}` };
    if (e instanceof PolicyConfigError) return { exitCode: 2, stdout: "", stderr: `lint:flows: ${e.message}\n` };
    if (e instanceof FlowLoadError) return { exitCode: 1, stdout: "", stderr: `lint:flows: ${e.message}\n` };
    throw e;
  }
  const output = FORMATS[opts.format](report, { docsBase: docsBaseUrl(env.vars ?? {}, env.cwd) });
  if (opts.out !== undefined) {
    const target = path.resolve(env.cwd, opts.out);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, output);
    const summary = report.exitCode === 0 ? "no mandatory violations" : "mandatory violations found";
    return { exitCode: report.exitCode, stdout: "", stderr: `lint:flows: wrote ${opts.out} (${summary})\n`, report };
  }
  return { exitCode: report.exitCode, stdout: output, stderr: "", report };
}
