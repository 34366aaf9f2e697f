// Lint of a project: the flow files (all of flows/, or the named ones with the whole portfolio
// read so modules and callers are checked against each other), and the routing when the whole
// project is linted; as written and as every stack (or one stack) deploys them. What
// `genesys-flows lint` prints and the MCP server's lint tool returns. Reads the project's files;
// the org's facts come in from the caller (OrgLint); a stack whose org is an emulator's org file
// (`emulatorOrg`) is checked offline against it (project/orgFileCheck.ts).
import { existsSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import type { Finding as CheckFinding } from "../../checks/finding";
import type { OrgDidPool, OrgIvr } from "../../checks/routing";
import { findFlowFiles, MissingPathError } from "../../project/flowFiles";
import { readRoutingSources } from "../../project/routingFiles";
import { checkEmulatorOrg } from "../../project/orgFileCheck";
import { readStackFile } from "../../project/stackFile";
import { readPolicyConfig } from "../config";
import { UsageError } from "../../project/cliArgs";
import { TEAM_RULES_FILE } from "../teamRules";
import { loadTeamRules } from "../teamRulesFile";
import { lintFiles, mergeReports, type LintReport, type NotRun } from "./engine";

/** What lint --org reads from the org: the org-reference findings and the org's IVR configs. */
export interface OrgLint {
  findings: CheckFinding[];
  /** The org's IVR configs, when the stack routes numbers (the routing-numbers rule's ownership part). */
  ivrs?: OrgIvr[];
  /** The org's DID pools, read with the IVR configs (undefined when they could not be read: routing-unheld-numbers is then not checked, and lint says so). */
  didPools?: OrgDidPool[];
  /** Why the DID pools were not read. */
  didPoolsUnread?: string;
}

export interface LintScope {
  /** Flow files or folders, relative to the project; none: the whole project (flows/ and routing/). */
  paths: readonly string[];
  /** Only as this stack deploys them; none: as written and as every stack. */
  stack?: string;
  /** What the org said (with `stack`). */
  org?: OrgLint;
}

/** The stacks of the project: every Pulumi.<stack>.yaml at its root, sorted. */
export function projectStacks(cwd: string): string[] {
  return readdirSync(cwd)
    .flatMap((f) => {
      const m = /^Pulumi\.([^/]+)\.yaml$/.exec(f);
      return m ? [m[1]] : [];
    })
    .sort();
}

/** The flow files at the paths (default flows/), absolute; a missing path is a usage error (or nothing, when `optional`). */
function flowFiles(paths: readonly string[], cwd: string, optional = false): string[] {
  try {
    return findFlowFiles(cwd, paths.length > 0 ? paths : undefined).map((f) => path.resolve(cwd, f));
  } catch (e) {
    if (!(e instanceof MissingPathError)) throw e;
    if (optional) return [];
    throw new UsageError(e.message);
  }
}

/**
 * The lint report of the project in `cwd`. Throws UsageError (a missing path), PolicyConfigError
 * (a broken policy config) and FlowLoadError (a stack file that does not read).
 */
export function lintProject(cwd: string, scope: LintScope): LintReport {
  const named = scope.paths.length > 0 ? flowFiles(scope.paths, cwd) : undefined;
  // Given paths, the whole portfolio is read: checks across flows see the modules and callers.
  const files = named !== undefined ? [...new Set([...flowFiles([], cwd, true), ...named])] : flowFiles([], cwd);
  const only = named?.map((f) => path.relative(cwd, f).split(path.sep).join("/"));
  // The whole project (no paths): routing/ too, against the flows each stack selects.
  const routingSources = named === undefined ? readRoutingSources(cwd) : [];
  const configDir = path.join(cwd, "policies", "config");
  const team = loadTeamRules(cwd);
  const teamRules = team.rules;
  const lintAs = (stackName: string | undefined, org: OrgLint | undefined): LintReport => {
    const stackFile = stackName !== undefined ? readStackFile(cwd, stackName) : undefined;
    // Linting every stack, one without a policy config of its own is linted at the rules' default levels.
    const config = (name: string) =>
      scope.stack === undefined && !existsSync(path.join(configDir, `${name}.json`))
        ? {}
        : readPolicyConfig(name, configDir);
    const stack =
      stackName !== undefined && stackFile
        ? {
            name: stackName,
            settings: stackFile.settings,
            config: config(stackName),
            ...(stackFile.text !== undefined ? { file: { name: stackFile.file, text: stackFile.text } } : {}),
          }
        : undefined;
    // A stack whose org is the emulator's file (genesys-flows:emulatorOrg): checked offline, unless the org was read.
    const local =
      org === undefined && stack !== undefined ? checkEmulatorOrg(cwd, stack.name, stack.settings) : undefined;
    const orgFindings =
      org ?? (local?.ran === true ? { findings: [...local.findings, ...local.unchecked] } : undefined);
    // The whole project: routing/ (none is routing too: a stack file's routing values then name files that are not there).
    const routing =
      named === undefined
        ? {
            sources: routingSources,
            ...(org?.ivrs ? { orgIvrs: org.ivrs } : {}),
            ...(org?.didPools ? { orgDidPools: org.didPools } : {}),
          }
        : undefined;
    const r = lintFiles(files, {
      cwd,
      ...(stack ? { stack } : {}),
      ...(orgFindings ? { org: { findings: orgFindings.findings } } : {}),
      ...(routing ? { routing } : {}),
      ...(only ? { only } : {}),
      ...(teamRules.length > 0 ? { teamRules } : {}),
    });
    if (local === undefined || local.ran) return r;
    return {
      ...r,
      notRun: r.notRun.map(
        (n): NotRun => (n.rule === "org-references" && n.stack === stackName ? { ...n, why: local.why } : n),
      ),
    };
  };
  const stacks = projectStacks(cwd);
  const report =
    scope.stack !== undefined
      ? lintAs(scope.stack, scope.org)
      : stacks.length === 0
        ? lintAs(undefined, undefined)
        : mergeReports([lintAs(undefined, undefined), ...stacks.map((s) => lintAs(s, undefined))]);
  return team.unloaded === undefined
    ? report
    : { ...report, notRun: [...report.notRun, { rule: TEAM_RULES_FILE, why: team.unloaded }] };
}

/**
 * Where the rules' documentation is, for SARIF's absolute helpUri: GENESYS_FLOWS_DOCS_URL (the
 * project's root as a browser shows it, e.g. https://github.com/acme/flows/blob/main/), else the
 * repository on GitHub Actions (GITHUB_SERVER_URL/GITHUB_REPOSITORY at GITHUB_SHA), else the
 * project's folder on this machine (a file: URL).
 */
export function docsBaseUrl(vars: Readonly<Record<string, string | undefined>>, cwd: string): string {
  const slash = (u: string) => (u.endsWith("/") ? u : `${u}/`);
  if (vars.GENESYS_FLOWS_DOCS_URL) return slash(vars.GENESYS_FLOWS_DOCS_URL);
  if (vars.GITHUB_SERVER_URL && vars.GITHUB_REPOSITORY)
    return `${slash(vars.GITHUB_SERVER_URL)}${vars.GITHUB_REPOSITORY}/blob/${vars.GITHUB_SHA || "HEAD"}/`;
  return slash(pathToFileURL(cwd).href);
}
