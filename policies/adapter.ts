// The bridge between Pulumi's policy arguments and the project's checks. Every rule of
// checks/rules.ts is one stack policy named by its id: it rebuilds the portfolio from the
// components' registered facts and runs the SAME checks the planner and the lint command run, so
// the same files get the same findings everywhere. Settings come from the policy config chosen by
// the stack's name (policies/config/<stack>.json, read by the pack itself), not from values the
// stack sets. Pure apart from reading that file: tests call these functions with hand-built args;
// policies/index.ts only registers the result.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { Policies, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import {
  formatFinding,
  ruleInfo,
  runChecks,
  type CheckInput,
  type EnforcementLevel,
  type Finding,
  type RuleInfo,
} from "../checks";
import { ruleDocsUrl } from "../checks/rules";
import { routingRuleInfo } from "../checks/routingRules";
import {
  configSchemaOf,
  effectiveEnforcement,
  PolicyConfigError,
  readPolicyConfig,
  ruleSettings,
  settingsFromConfig,
  stacksWithConfig,
  POLICY_CONFIG_DIR,
} from "./config";
import type { PolicyVerdict } from "../diff/verdict";
import { checkInputOf, readComponents, type ReadPortfolio, type StackResource } from "./resources";
import { ALL_RULES, type PackRule } from "./packRules";
import { readRoutingComponents, routingFindingsOf } from "./routing";
import { stackFileName } from "../project/stackFile";

export interface StackArgs {
  resources: StackResource[];
  getConfig?: () => object;
  notApplicable?: (reason?: string) => never;
}

/** The rule's settings for a stack: its policies/config/<stack>.json when there is one, else what the engine passed. */
export function settingsForStack(
  rule: RuleInfo,
  stack: string | undefined,
  given: object | undefined,
  dir: string = POLICY_CONFIG_DIR,
): Record<string, unknown> {
  if (stack !== undefined && stacksWithConfig(dir).includes(stack))
    return settingsFromConfig(rule, readPolicyConfig(stack, dir));
  return ruleSettings(rule, given);
}

const isPackRule = (rule: RuleInfo): rule is PackRule => "packCheck" in rule;

/** The validateStack function of a rule's policy: the pack-only rule's own check, or the rule's check over the registered portfolio. */
export function validateRule(rule: RuleInfo, dir: string = POLICY_CONFIG_DIR) {
  return (args: StackArgs, reportViolation: ReportViolation): void => {
    const read = readComponents(args.resources);
    if (read.components.length === 0 && read.problems.length === 0) return;
    for (const p of read.problems)
      reportViolation(
        `[${rule.id}] ${p.urn}: ${p.problem}; the flow cannot be checked. Fix: deploy flows with the project's components, which register their facts.`,
        p.urn,
      );
    const urnOf = new Map(read.components.map((c) => [c.facts.file, c.urn]));
    if (isPackRule(rule)) {
      const { findings, notApplicable } = rule.packCheck(read.components, args.resources);
      for (const f of findings) reportViolation(formatFinding(f, read.stack), f.urn);
      if (findings.length === 0 && notApplicable !== undefined && args.notApplicable) args.notApplicable(notApplicable);
      return;
    }
    const findings =
      read.stack !== undefined && stacksWithConfig(dir).includes(read.stack)
        ? flowRuleFindings(read, read.stack, dir).filter((f) => f.ruleId === rule.id)
        : runChecks(checkInputOf(read.components), {
            include: (r) => r.id === rule.id,
            settingsOf: () => settingsForStack(rule, read.stack, args.getConfig?.(), dir),
          });
    for (const f of findings) reportViolation(formatFinding(f, read.stack), urnOf.get(f.file));
  };
}

/** The rules the pack has a policy for (buildPolicies). */
function policyRules(): RuleInfo[] {
  return ALL_RULES.filter((rule) => rule.reportedBy !== "loader" && !rule.needsOrg);
}

/** The flow rules among them: the ones validateRule runs through runChecks. */
export const FLOW_POLICY_RULE_IDS: ReadonlySet<string> = new Set(
  policyRules()
    .filter((r) => !isPackRule(r) && r.routingCheck === undefined && r.stackFileCheck === undefined)
    .map((r) => r.id),
);

/**
 * Every flow rule's findings over one registered portfolio, computed once for all the pack's
 * policies instead of once per policy. The engine calls each policy (one per rule) with its own
 * copy of the resources, but readComponents hands them all the same read (resources.ts: by the
 * components' registered facts, one text each): the portfolio is recognised by that read, with the text of the stack's
 * policy config. Only for a stack with a policy config file, whose settings do not depend on what
 * the engine hands each policy. A
 * rule's findings are the same as when it runs alone: each rule's check reads the portfolio and
 * its own settings only.
 */
let lastFlowRuleRun:
  | { read: ReadPortfolio; configText: string; dir: string; stack: string; findings: Finding[] }
  | undefined;

function flowRuleFindings(read: ReadPortfolio, stack: string, dir: string): Finding[] {
  const configText = readFileSync(path.join(dir, `${stack}.json`), "utf8");
  const last = lastFlowRuleRun;
  if (
    last !== undefined &&
    last.read === read &&
    last.dir === dir &&
    last.stack === stack &&
    last.configText === configText
  )
    return last.findings;
  const findings =
    stackRuleFindings(stack, () => checkInputOf(read.components), {
      dir,
      levels: ["mandatory", "advisory", "disabled"],
    }) ?? [];
  lastFlowRuleRun = { read, configText, dir, stack, findings };
  return findings;
}

/** The routing rules the pack has a policy for (validateRoutingRule). */
const ROUTING_POLICY_RULES: ReadonlySet<string> = new Set(
  policyRules()
    .filter((r) => r.routingCheck !== undefined)
    .map((r) => r.id),
);

/** A finding of a stack's rules, with the level the stack's policy config runs its rule at. */
export type LeveledFinding = Finding & { level: EnforcementLevel };

/**
 * The rules as the pack runs them on `stack`: each rule of FLOW_POLICY_RULE_IDS whose level in
 * policies/config/<stack>.json is one of `levels`, with that file's settings, over `input` (the
 * flows as the stack deploys them: checkInputOf); with `routing` (the routing checks' findings,
 * checks/routingChecks.ts), those of the routing rules the pack has a policy for at those levels
 * too. Undefined when the stack has no policy config (the pack then decides with what the engine
 * hands it). One implementation for the pack, the up's gate (run/guards/policyGate.ts) and the
 * review (reviewStackPolicy below); `input` is read only when there is a config. Throws
 * PolicyConfigError for a config that does not read.
 */
export function stackRuleFindings(
  stack: string,
  input: () => CheckInput,
  opts: { dir?: string; levels: readonly EnforcementLevel[]; routing?: readonly Finding[] },
): LeveledFinding[] | undefined {
  const dir = opts.dir ?? POLICY_CONFIG_DIR;
  if (!stacksWithConfig(dir).includes(stack)) return undefined;
  const config = readPolicyConfig(stack, dir);
  const levelOf = (r: RuleInfo) => effectiveEnforcement(r, config);
  const flows = runChecks(input(), {
    include: (r) => FLOW_POLICY_RULE_IDS.has(r.id) && opts.levels.includes(levelOf(r)),
    settingsOf: (r) => settingsFromConfig(r, config),
  });
  const routing = (opts.routing ?? []).filter(
    (f) => ROUTING_POLICY_RULES.has(f.ruleId) && opts.levels.includes(levelOf(routingRuleInfo(f.ruleId))),
  );
  return [
    ...flows.map((f) => ({ ...f, level: levelOf(ruleInfo(f.ruleId)) })),
    ...routing.map((f) => ({ ...f, level: levelOf(routingRuleInfo(f.ruleId)) })),
  ];
}

/**
 * The review's run of the stack's policy configuration (diff/projectReview.ts hands it in): the
 * working tree's policies/config/<stack>.json over the head as the stack deploys it, the mandatory
 * rules refusing (the gate and the pack refuse them), the advisory ones warning, each as the pack
 * words it. The core rules are left to the pipeline, which reports them already. A config that
 * does not read refuses: the pack fails on it too.
 */
export function reviewStackPolicy(
  root: string,
  stack: string,
): (input: CheckInput, routing: readonly Finding[]) => PolicyVerdict {
  return (input, routing) => {
    let findings: LeveledFinding[];
    try {
      findings =
        stackRuleFindings(stack, () => input, {
          dir: path.join(root, "policies", "config"),
          levels: ["mandatory", "advisory"],
          routing,
        }) ?? [];
    } catch (e) {
      if (e instanceof PolicyConfigError) return { refusals: [e.message], warnings: [] };
      throw e;
    }
    const core = new Set(ALL_RULES.filter((r) => r.core).map((r) => r.id));
    const of = (level: EnforcementLevel) =>
      findings.filter((f) => f.level === level && !core.has(f.ruleId)).map((f) => formatFinding(f, stack));
    return { refusals: of("mandatory"), warnings: of("advisory") };
  };
}

/**
 * The validateStack function of a routing rule's policy (checks/routingRules.ts): the routing
 * checks over the routing components' facts against the flow components' facts.
 */
export function validateRoutingRule(rule: RuleInfo) {
  return (args: StackArgs, reportViolation: ReportViolation): void => {
    const routing = readRoutingComponents(args.resources);
    if (routing.objects.length === 0 && routing.problems.length === 0) return;
    for (const p of routing.problems)
      reportViolation(
        `[${rule.id}] ${p.urn}: ${p.problem}; the routing cannot be checked. Fix: deploy routing with the project's components, which register their facts.`,
        p.urn,
      );
    const flows = readComponents(args.resources);
    const urnOf = new Map([
      ...flows.components.map((c) => [c.facts.file, c.urn] as const),
      ...routing.objects.map((o) => [o.facts.file, o.urn] as const),
    ]);
    for (const f of routingFindingsOf(flows.components, routing.objects).filter((x) => x.ruleId === rule.id))
      reportViolation(formatFinding(f, flows.stack), urnOf.get(f.file));
  };
}

/**
 * The validateStack function of a stack file rule's policy (stack-secrets): the stack file of the
 * stack the components name (`Pulumi.<stack>.yaml` at the project root), checked by the rule's
 * `stackFileCheck` as lint and the preflight check it (checks/secrets.ts).
 */
export function validateStackFileRule(rule: RuleInfo, root: string = path.join(POLICY_CONFIG_DIR, "..", "..")) {
  const check = rule.stackFileCheck;
  if (check === undefined) throw new Error(`rule ${rule.id} has no stack file check`);
  return (args: StackArgs, reportViolation: ReportViolation): void => {
    const stack = readComponents(args.resources).stack;
    if (stack === undefined) return;
    const file = stackFileName(stack);
    let text: string;
    try {
      text = readFileSync(path.join(root, file), "utf8");
    } catch {
      return; // no stack file: the settings came from elsewhere (pulumi config in the service)
    }
    for (const f of check({ name: file, text }, stack)) reportViolation(formatFinding(f, stack));
  };
}

/** The validateStack function of a rule's policy, from the check its registry entry carries. */
function validateStackOf(rule: RuleInfo, dir: string): StackValidationPolicy["validateStack"] {
  if (rule.routingCheck !== undefined) return validateRoutingRule(rule);
  if (rule.stackFileCheck !== undefined) return validateStackFileRule(rule, path.join(dir, "..", ".."));
  return validateRule(rule, dir);
}

/**
 * Every policy of the pack, one per rule of the registry (ALL_RULES: flow, pack-only, routing and
 * stack file rules), each validated by the check its entry carries. Rules reported by whoever loads
 * the files (a file that does not load never reaches the pack) and rules that read the org (the
 * stack program's: it stops before anything registers, so the pack never sees a stack that fails
 * them; routing-unheld-numbers needs the org's DID pools) have no policy. policies/index.ts hands
 * this to PolicyPack.
 */
export function buildPolicies(dir: string = POLICY_CONFIG_DIR): Policies {
  const policy = (rule: RuleInfo, validateStack: StackValidationPolicy["validateStack"]): StackValidationPolicy => ({
    name: rule.id,
    description: rule.description,
    enforcementLevel: rule.defaultEnforcement,
    remediationSteps: rule.remediation,
    severity: rule.severity,
    tags: [...rule.tags],
    url: ruleDocsUrl(rule.id),
    ...(configSchemaOf(rule) ? { configSchema: configSchemaOf(rule) } : {}),
    validateStack,
  });
  return policyRules().map((rule) => policy(rule, validateStackOf(rule, dir)));
}
