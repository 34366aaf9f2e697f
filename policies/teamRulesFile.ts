// A team's rules file read (policies/teamRules.ts says what a rule is): compiled by the package's
// loader (project/jsbuild.js) as the policy pack runs it, for lint (policies/lint/project.ts) and
// the up's policy gate (run/guards/policyGate.ts). The edge of the pure teamRules.ts.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { UsageError } from "../project/cliArgs";
import { isToolRoot, toolRoot } from "../project/root";
import { assertTeamRules, TEAM_RULES_FILE, type TeamRule } from "./teamRules";

/**
 * The team's own rules: `rules` of its rules file (TEAM_RULES_FILE, the starter's
 * templates/portfolio/policies/rules.ts: the file its policy pack hands to
 * startPolicyPack), compiled by the package's loader as the pack runs it; none without the file
 * (and in the tool's own folder), and none with why (`unloaded`) in a repository not installed.
 * Throws UsageError for a file that exports no `rules` array or rules that are not sound
 * (policies/teamRules.ts).
 */
export function loadTeamRules(cwd: string): { rules: TeamRule[]; unloaded?: string } {
  if (isToolRoot(cwd) || !existsSync(path.join(cwd, TEAM_RULES_FILE))) return { rules: [] };
  if (!existsSync(path.join(cwd, "node_modules")))
    return { rules: [], unloaded: "the repository is not installed (no node_modules to compile it with: npm ci)" };
  const loader = require(path.join(toolRoot(), "project", "jsbuild.js")) as {
    load(entry: string, root: string): { rules?: unknown };
  };
  const rules = loader.load(TEAM_RULES_FILE, cwd).rules;
  if (!Array.isArray(rules))
    throw new UsageError(`${TEAM_RULES_FILE} exports no \`rules\` array (export const rules: TeamRule[] = [...])`);
  try {
    assertTeamRules(rules as TeamRule[], TEAM_RULES_FILE);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return { rules: rules as TeamRule[] };
}
