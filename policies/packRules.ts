// The rules only the policy pack runs: they read what the engine registered (the components'
// facts and their children), which no file holds. Each is one registry entry carrying its check,
// beside the flow rules (checks/rules.ts) and the routing rules (checks/routingRules.ts); ALL_RULES
// is every rule the pack, lint's formats and the docs list, in that order.
import { RULES, type RuleInfo } from "../checks/rules";
import { ROUTING_RULES } from "../checks/routingRules";
import { STACK_SECRETS_RULE_INFO } from "../checks/secrets";
import type { Finding } from "../checks";
import type { ComponentFacts, StackResource } from "./resources";
import { checkWiring } from "./wiring";
import { checkOutsideCallers } from "./outsideCallers";

export interface PackCheckResult {
  findings: Array<Finding & { urn: string }>;
  /** Why nothing could be checked yet (values unknown during preview, the org not read): no violation. */
  notApplicable?: string;
}

export interface PackRule extends RuleInfo {
  packOnly: true;
  packCheck: (components: readonly ComponentFacts[], resources: readonly StackResource[]) => PackCheckResult;
}

export const PACK_RULES: readonly PackRule[] = [
  {
    id: "module-wiring",
    description:
      "Every module a caller uses is deployed by the same stack, and the caller's update trigger tracks their revisions.",
    remediation: "Deploy callers and their modules from one stack program; do not construct the components by hand.",
    core: false,
    locked: true,
    defaultEnforcement: "mandatory",
    severity: "high",
    tags: ["flow"],
    packOnly: true,
    packCheck: (components, resources) => {
      const { findings, notes } = checkWiring(components, resources);
      return {
        findings,
        notApplicable: notes.length > 0 ? `not checked during preview: ${notes.join("; ")}` : undefined,
      };
    },
  },
  {
    id: "module-outside-callers",
    description:
      "A module that changes is not called by flows outside the stack, which would keep the old version (reads the org's dependency tracking).",
    remediation:
      "Have the owners of the outside callers republish them after the deployment (npm run verify lists the stale ones), or bring them into the stack.",
    core: false,
    defaultEnforcement: "advisory",
    severity: "medium",
    tags: ["flow", "org"],
    needsStack: true,
    packOnly: true,
    packCheck: (components, resources) => {
      const { findings, notes } = checkOutsideCallers(components, resources);
      return { findings, notApplicable: notes.length > 0 ? notes.join("; ") : undefined };
    },
  },
];

/** Every flow rule, then the pack-only rules: what policy configs, lint's formats and the docs list. */
export const FLOW_AND_PACK_RULES: readonly RuleInfo[] = [...RULES, ...PACK_RULES];

/** Every rule of the project: flow rules, pack-only rules, routing rules, the stack file's secrets rule. */
export const ALL_RULES: readonly RuleInfo[] = [...FLOW_AND_PACK_RULES, ...ROUTING_RULES, STACK_SECRETS_RULE_INFO];
