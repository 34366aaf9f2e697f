// The registry of every rule: id, what it demands, how to fix it, and how it is enforced. One
// list for the loader, the lint command and the policy pack (each policy is named by its id).
//  - `core` rules are hard errors: the loader stops with them before anything is registered and
//    the policy pack enforces them as mandatory; no policy config may lower them.
//  - policy rules have a default level that policies/config/<stack>.json may change, unless
//    `locked` (then mandatory everywhere, like the core).

import {
  checkCompatibility,
  checkInputConversions,
  checkModuleCycles,
  checkModuleInterface,
  checkRequiredInputs,
} from "./moduleChecks";
import { checkLoops, checkNodeKinds, checkReferences, checkVariables } from "./flowChecks";
import { checkReachable, checkSubflowTransitions, checkTerminates } from "./graphPolicies";
import { checkForceUnlock, checkNamePrefix, checkOrgReferenceSkip } from "./guardrails";
import { checkPlaceholders } from "./placeholders";
import { checkUniqueNames } from "./names";
import { groupBySubject, type Finding } from "./finding";
import { UNKNOWN_RULE } from "./unknownRule";
import { eachFlow, stackOf, type RuleCheck } from "./ruleRun";
import type { RoutingCheck } from "./routingInput";

export type EnforcementLevel = "mandatory" | "advisory" | "disabled";

/** How bad a violation is (Pulumi's policy severities: the pack, lint's JSON and SARIF carry it). */
export type Severity = "low" | "medium" | "high" | "critical";

/** What a rule is about, for filtering findings (Pulumi Cloud's policy views, SARIF `tags`). */
export type RuleTag = "flow" | "routing" | "prod" | "org";

/**
 * Where a rule is documented: its anchor in docs/rules.md (generated from this registry by
 * tools/rulesDoc.ts), relative to the project root, so it holds wherever the project is hosted.
 */
export function ruleDocsUrl(id: string): string {
  return `docs/rules.md#${id}`;
}

/** A JSON-schema fragment for one rule setting (a subset of Pulumi's PolicyConfigJSONSchema). */
export interface SettingSchema {
  type: "string" | "boolean" | "array" | "integer";
  items?: { type: "string" };
  default?: string | boolean | number | string[];
  description: string;
}

export interface RuleInfo {
  /** Stable id: the Pulumi policy name, the SARIF ruleId and the key in policy config files. */
  id: string;
  /** One line: what the rule demands. */
  description: string;
  /** What to do about a violation, in general terms (each finding carries its own message). */
  remediation: string;
  /** A hard error everywhere. */
  core: boolean;
  /** Policy rules only: mandatory whatever the config says. */
  locked?: boolean;
  defaultEnforcement: Exclude<EnforcementLevel, "disabled">;
  /** How bad a violation is, whatever its enforcement level. */
  severity: Severity;
  /** What the rule is about: flow files, routing files, protected (prod) stacks, the target org. */
  tags: readonly RuleTag[];
  /** Needs the stack (substitutions, prefix, settings): lint runs it only with --stack. */
  needsStack?: boolean;
  /** Runs in the policy pack only (it reads what the engine registered). */
  packOnly?: boolean;
  /** Needs the target org (it reads the org's objects): the stack program, lint --org and verify run it. */
  needsOrg?: boolean;
  settings?: Record<string, SettingSchema>;
  /**
   * The rule's one check over a portfolio (checks/index.ts runChecks runs it). Absent, `reportedBy`
   * says who reports the rule instead.
   */
  check?: RuleCheck;
  /** A routing rule's one check over a stack's routing (checks/routing.ts runRoutingChecks runs it). */
  routingCheck?: RoutingCheck;
  /** A stack file rule's one check over the text of `Pulumi.<stack>.yaml` (lint --stack, the preflight and the pack run it). */
  stackFileCheck?: (file: { name: string; text: string }, stack: string) => Finding[];
  /**
   * Who reports a rule without a check here: whoever loads the files (a file that does not load),
   * the org-reference check (it reads the org: checks/orgReferences.ts), the routing checks
   * (checks/routing.ts), the stack file's own check (checks/secrets.ts: lint, the preflight and its
   * own policy), or the policy pack (what the engine registered: policies/packRules.ts).
   */
  reportedBy?: "loader" | "org-reference check" | "routing checks" | "stack file check" | "policy pack";
}

const core = (id: string, description: string, remediation: string, extra: Partial<RuleInfo> = {}): RuleInfo => ({
  id,
  description,
  remediation,
  core: true,
  defaultEnforcement: "mandatory",
  // A core rule stops the deploy: what it refuses Genesys would refuse or run wrongly.
  severity: "high",
  tags: ["flow"],
  ...extra,
});

/** A policy rule: not core (its enforcement is the stack's policy config's), mandatory and about flow files unless it says. */
const policy = (rule: Omit<RuleInfo, "core" | "defaultEnforcement" | "tags"> & Partial<RuleInfo>): RuleInfo => ({
  core: false,
  defaultEnforcement: "mandatory",
  tags: ["flow"],
  ...rule,
});

const ENVIRONMENTS: SettingSchema = {
  type: "array",
  items: { type: "string" },
  default: ["prod"],
  description: "Environments (the stack's `environment`) where the guardrail applies.",
};

export const RULES: readonly RuleInfo[] = [
  core(
    "load-error",
    "The flow file loads: valid YAML, one document, a valid flow model.",
    "Fix the file at the reported location; the message says what the model expects there.",
    { reportedBy: "loader" },
  ),
  core(
    "flow-references",
    "`start` and every transition name an existing node; transitions are the node type's own.",
    "Point start and transitions at node ids of the same flow.",
    { check: eachFlow(checkReferences) },
  ),
  core(
    "node-kinds",
    "Every node type is available in the flow's kind (in a module: in every kind it is compatible with); the flow starts as its kind must and sets only the flow-level keys its kind carries.",
    "Use a node type the flow's kind supports, or narrow the module's compatibleFlowTypes; start with the node type the message names; remove a key the kind does not carry.",
    { check: eachFlow(checkNodeKinds) },
  ),
  core(
    "variables",
    "Variables are declared once, with literal initial values of their type, and nodes store values of the declared type.",
    "Declare the variable (variables, or a module's inputs/outputs) with the right type.",
    { check: eachFlow(checkVariables) },
  ),
  core(
    "expressions",
    "Every expression parses, every variable it reads resolves, and its type fits where it is used.",
    "Fix the expression at the reported position; declare the variables it reads.",
    { check: eachFlow((f, run) => run.archy(f, "expressions")) },
  ),
  core(
    "archy-actions",
    "The raw Archy of `archy` nodes and of the flow's `archySettings` passes the Archy validator the emulator uses, in the flow's kind.",
    "Fix the Archy at the reported path, or use a typed node or a model field.",
    { check: eachFlow((f, run) => run.archy(f, "archy-actions")) },
  ),
  policy({
    id: "archy-unknown",
    description:
      "Names the Archy catalogue does not know (actions, keys, functions and overloads, variable scopes, built-ins, conversions), once per name and file with the nearest known names: a warning, unless the stack's policy config asks for strict mode.",
    remediation:
      "Check the name against Architect; if it is right, it is missing from the catalogue (docs/archy-knowledge.md: report a missing catalogue entry). Make the rule mandatory in policies/config/<stack>.json for strict mode.",
    defaultEnforcement: "advisory",
    severity: "low",
    check: eachFlow((f, run) => groupBySubject(run.archy(f, UNKNOWN_RULE))),
  }),
  core(
    "graph-loops",
    "A flow's graph loops only through a `loop` node (a transition back to it from its body), a menu, or, in a kind with reusable tasks, outside any loop's body (the node a path comes back to is a task entered by a jump).",
    "Replace the cycle with a loop node whose body ends by going back to it, or, in a kind with reusable tasks, come back to a node outside any loop; a cycle needs a way out to a node that ends the flow.",
    { check: eachFlow(checkLoops) },
  ),
  core(
    "module-interface",
    "Subflow nodes call a common module of the portfolio and map only its declared inputs and outputs, with compatible types: an output into a variable of its type, an input bound to an expression Architect can give it (its type, or one converted to text for a string input).",
    "Call a module that exists; map only its inputs and outputs, with matching types.",
    { check: eachFlow((f, run) => checkModuleInterface(f, run.modules, true, run.input.absentModules)) },
  ),
  core(
    "module-compatibility",
    "The caller's kind is among the module's compatibleFlowTypes (for a module calling a module: every kind it is compatible with).",
    "Add the caller's kind to the module's compatibleFlowTypes.",
    { check: eachFlow((f, run) => checkCompatibility(f, run.modules)) },
  ),
  core(
    "module-cycles",
    "Modules do not call each other in a cycle.",
    "Break the cycle: move the shared logic into a module that calls neither.",
    { check: (run) => checkModuleCycles(run.input.flows) },
  ),
  core(
    "unique-names",
    "Flow names (published names with a stack) are unique, compared case-insensitively as Genesys does and as a person sees them (no twin with confusable letters: UTS #39's skeleton), and ones Genesys accepts (at most 200 characters, no slash, not ending in -debug) that hold no character nobody sees (controls, zero-width and bidi characters); flow files have distinct ids. Without a stack a name holding a {{placeholder}} is not compared: each stack may fill it per flow.",
    "Rename one of the flows.",
    { check: (run) => checkUniqueNames(run.input.flows, run.input.stack !== undefined) },
  ),
  core(
    "placeholders",
    "Every {{placeholder}} has a value in the stack's substitutions.",
    "Add the key to the stack's substitutions (shared, or for this flow).",
    {
      needsStack: true,
      check: eachFlow((f, run) =>
        checkPlaceholders(f, stackOf(run).stack, stackOf(run).substitutionKeys?.[f.id] ?? []),
      ),
    },
  ),
  policy({
    id: "subflow-transitions",
    description: "Every subflow node has both a `completed` and an `error` transition.",
    remediation:
      "Give each subflow node transitions.completed and transitions.error, each naming a node of the same flow.",
    locked: true,
    severity: "high",
    check: eachFlow(checkSubflowTransitions),
  }),
  policy({
    id: "module-required-inputs",
    description: "Every required input of a called module is bound.",
    remediation: "Bind each required module input in the subflow node's inputs.",
    severity: "high",
    check: eachFlow((f, run) => checkRequiredInputs(f, run.modules)),
  }),
  policy({
    id: "module-input-conversion",
    description:
      "A module's string input is bound to a string: not to an integer, Boolean or other typed value that Architect would only convert to text (help:implicit-casting), which a binding almost never means. Genesys accepts the conversion, so the rule is a policy (mandatory by default), not a core error.",
    remediation:
      "Bind an expression of the input's type; write ToString(...) around the value when the text is what the module should get.",
    severity: "medium",
    check: eachFlow((f, run) => checkInputConversions(f, run.modules)),
  }),
  policy({
    id: "reachable-nodes",
    description: "Every node is reachable from the start node.",
    remediation: "Connect each unreachable node from a reachable one, or delete it.",
    defaultEnforcement: "advisory",
    severity: "low",
    check: eachFlow((f, run) => checkReachable(f, run.settings)),
    settings: {
      ignore: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "Node ids allowed to be unreachable.",
      },
    },
  }),
  policy({
    id: "terminates",
    description: "Every path can end in a terminal node (disconnect, transfer, return).",
    remediation: "Give every node a path to a terminal node.",
    severity: "medium",
    check: eachFlow(checkTerminates),
  }),
  policy({
    id: "prod-force-unlock",
    description: "forceUnlock is off, so a deployment never discards a flow someone is editing in Architect.",
    remediation: "Set forceUnlock to false for this stack and unlock the flow in Architect by hand if needed.",
    severity: "critical",
    tags: ["flow", "prod"],
    check: (run) => checkForceUnlock(stackOf(run), run.settings),
    needsStack: true,
    settings: { environments: ENVIRONMENTS },
  }),
  policy({
    id: "org-references",
    description:
      "Every org object a flow names (queue, data action and its contract, schedule, schedule group, prompt, skill, language, wrap-up code, bot flow, transfer target, called common module, ...) exists in the target org, or the stack publishes it.",
    remediation:
      "Create the object in the org, or fix the name (or the stack's substitution) the flow uses; for a data action, match its contract's input and output names.",
    locked: true,
    severity: "high",
    tags: ["flow", "org"],
    needsStack: true,
    needsOrg: true,
    reportedBy: "org-reference check",
  }),
  policy({
    id: "prod-org-references",
    description:
      "The org-reference check runs: a protected stack never skips checking that the queues, data actions and other org objects its flows name exist before publishing.",
    remediation:
      "Remove genesys-flows:skipOrgReferenceCheck from the stack file; create the missing objects in the org, or fix the names.",
    severity: "high",
    tags: ["flow", "prod", "org"],
    check: (run) => checkOrgReferenceSkip(stackOf(run), run.settings),
    needsStack: true,
    settings: { environments: ENVIRONMENTS },
  }),
  policy({
    id: "prod-name-prefix",
    description:
      "Published flow names carry the prefix the stack's policy config pins; the name an adopted flow keeps from the org (genesys-flows:flows.<id>.name beside adopt) is accepted, since publishing it under the prefix would replace the flow.",
    remediation: "Publish the flow under a name starting with the required prefix.",
    severity: "medium",
    tags: ["flow", "prod"],
    check: eachFlow((f, run) => checkNamePrefix(f, stackOf(run), run.settings)),
    needsStack: true,
    settings: {
      environments: ENVIRONMENTS,
      namePrefix: { type: "string", description: "Prefix to require instead of the stack's namePrefix." },
    },
  }),
];

export function ruleInfo(id: string): RuleInfo {
  const r = RULES.find((x) => x.id === id);
  if (!r) throw new Error(`unknown rule "${id}"`);
  return r;
}

/** Rules whose level no config may change: the core and locked policy rules. */
export function isLocked(rule: RuleInfo): boolean {
  return rule.core || rule.locked === true;
}
