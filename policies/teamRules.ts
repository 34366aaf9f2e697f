// A team's own policy rules, beside the package's: what `startPolicyPack({ rules })` takes
// (policies/policyPack.ts) and `genesys-flows lint` runs (policies/lint/project.ts reads them from
// the team's rules file, templates/portfolio/policies/rules.ts in the starter). A rule looks at one flow as the stack deploys it (the stack's
// substitutions applied, its published name) and returns its violations; the pack reports them
// at the rule's level in preview and up, lint in `npm test`. Pure: the pack and lint hand the flows in.
import type { StackValidationPolicy } from "@pulumi/policy";
import type { CheckInput, EnforcementLevel, Finding } from "../checks";
import { formatFinding } from "../checks";
import type { FlowModel } from "../model/schema";
import { ALL_RULES } from "./packRules";
import { checkInputOf, readComponents } from "./resources";

/** Where a team's repository keeps its rules: `export const rules: TeamRule[]`, handed to startPolicyPack by its policies/index.ts. */
export const TEAM_RULES_FILE = "policies/rules.ts";

/** A flow as a team rule sees it. */
export interface TeamRuleFlow {
  /** The flow file, e.g. `flows/digital/web-chat.yaml`. */
  file: string;
  /** Its id: the path under `flows/` without the extension, e.g. `digital/web-chat`. */
  id: string;
  /** The name the stack publishes it under (the model's name without a stack). */
  name: string;
  /** The flow as written in its file (schema/flow.schema.json), the stack's substitutions applied. */
  model: FlowModel;
  /** The stack deploying it (absent when lint runs without one). */
  stack?: { name: string; environment: string; namePrefix: string };
}

/** One thing a rule refuses in a flow: the message, and where (a node, a field) and how to fix it. */
export interface TeamViolation {
  message: string;
  node?: string;
  field?: string;
  fix?: string;
}

/** A team's rule (`startPolicyPack({ rules })`, the team's rules file: TEAM_RULES_FILE). */
export interface TeamRule {
  /** A kebab-case id of the team's (a package rule's id is refused): the policy's name, the finding's `[id]`. */
  id: string;
  /** One line: what the rule demands. */
  description: string;
  /** What to do about a violation, in general terms. */
  remediation?: string;
  /** `mandatory` (the default) refuses preview, up and `npm test`; `advisory` warns. */
  enforcementLevel?: Exclude<EnforcementLevel, "disabled">;
  /** The rule's check of one flow: its violations, none when the flow complies. */
  check(flow: TeamRuleFlow): readonly TeamViolation[];
}

/** A team rule's finding, with the level it runs at. */
export type TeamFinding = Finding & { level: Exclude<EnforcementLevel, "disabled"> };

/** The problems of a list of team rules (an id that is no kebab-case, a package rule's, twice), empty when it is sound. */
export function teamRuleProblems(rules: readonly TeamRule[]): string[] {
  const ours = new Set(ALL_RULES.map((r) => r.id));
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const rule of rules) {
    if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(rule.id)) problems.push(`"${rule.id}" is not a kebab-case id`);
    else if (ours.has(rule.id)) problems.push(`"${rule.id}" is a genesys-flows rule's id: name the team's rule apart`);
    else if (seen.has(rule.id)) problems.push(`"${rule.id}" is the id of two rules`);
    seen.add(rule.id);
    if (typeof rule.check !== "function") problems.push(`rule "${rule.id}" has no check function`);
  }
  return problems;
}

/** Throws naming every problem of the team's rules (teamRuleProblems). */
export function assertTeamRules(rules: readonly TeamRule[], where: string): void {
  const problems = teamRuleProblems(rules);
  if (problems.length > 0) throw new Error(`${where}: the team's policy rules: ${problems.join("; ")}`);
}

/** Every team rule's findings over the flows as the stack deploys them (or as written, without a stack). */
export function teamRuleFindings(rules: readonly TeamRule[], input: CheckInput): TeamFinding[] {
  const stack = input.stack;
  return rules.flatMap((rule) =>
    input.flows.flatMap((flow) =>
      rule
        .check({
          file: flow.file,
          id: flow.id,
          name: flow.displayName,
          model: flow.model,
          ...(stack
            ? { stack: { name: stack.stack, environment: stack.environment, namePrefix: stack.namePrefix } }
            : {}),
        })
        .map(
          (v): TeamFinding => ({
            ruleId: rule.id,
            level: rule.enforcementLevel ?? "mandatory",
            file: flow.file,
            flow: flow.displayName,
            message: v.message,
            ...(v.node !== undefined ? { node: v.node } : {}),
            ...(v.field !== undefined ? { field: v.field } : {}),
            ...(v.fix !== undefined ? { fix: v.fix } : {}),
          }),
        ),
    ),
  );
}

/** The pack's policy of each team rule: its check over the flows the components registered. */
export function teamPolicies(rules: readonly TeamRule[]): StackValidationPolicy[] {
  assertTeamRules(rules, "startPolicyPack");
  return rules.map((rule) => ({
    name: rule.id,
    description: rule.description,
    enforcementLevel: rule.enforcementLevel ?? "mandatory",
    ...(rule.remediation !== undefined ? { remediationSteps: rule.remediation } : {}),
    validateStack: (args, reportViolation) => {
      const read = readComponents(args.resources);
      if (read.components.length === 0) return;
      const urnOf = new Map(read.components.map((c) => [c.facts.file, c.urn]));
      for (const f of teamRuleFindings([rule], checkInputOf(read.components)))
        reportViolation(formatFinding(f, read.stack), urnOf.get(f.file));
    },
  }));
}
