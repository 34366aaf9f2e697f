// Guardrails for environments that matter (prod by default), from the stack's policy config:
// no forced unlock of a flow someone is editing in Architect, and names carrying the prefix the
// config pins (so a prod stack cannot publish dev-* or unprefixed names), except the name an
// adopted flow keeps from the org (genesys-flows:flows.<id>.name).
import { stackFileName } from "../model/stackFile";
import type { Finding } from "./finding";
import type { CheckFlow, RuleSettings, StackFacts } from "./input";
import { flowFinding } from "./locate";

/** The guardrail's `environments` setting names the stack or its environment (default: prod). */
export function guardrailApplies(stack: Pick<StackFacts, "stack" | "environment">, settings: RuleSettings): boolean {
  const envs = Array.isArray(settings.environments) ? settings.environments.map(String) : ["prod"];
  return envs.includes(stack.environment) || envs.includes(stack.stack);
}

export function checkForceUnlock(stack: StackFacts, settings: RuleSettings): Finding[] {
  if (!guardrailApplies(stack, settings) || !stack.forceUnlock) return [];
  return [
    {
      ruleId: "prod-force-unlock",
      file: stackFileName(stack.stack),
      field: "genesys-flows:forceUnlock",
      message: `forceUnlock is on in stack "${stack.stack}" (environment "${stack.environment}")`,
      fix: "set genesys-flows:forceUnlock to false, and unlock the flow in Architect by hand if needed",
    },
  ];
}

export function checkOrgReferenceSkip(stack: StackFacts, settings: RuleSettings): Finding[] {
  if (!guardrailApplies(stack, settings) || stack.skipOrgReferenceCheck === undefined) return [];
  return [
    {
      ruleId: "prod-org-references",
      file: stackFileName(stack.stack),
      field: "genesys-flows:skipOrgReferenceCheck",
      message: `stack "${stack.stack}" (environment "${stack.environment}") skips the org-reference check ("${stack.skipOrgReferenceCheck}"), so a flow naming a queue or data action the org lacks would fail mid-rollout`,
      fix: "remove genesys-flows:skipOrgReferenceCheck; create the missing objects in the org or fix the names the check reports",
    },
  ];
}

export function checkNamePrefix(flow: CheckFlow, stack: StackFacts, settings: RuleSettings): Finding[] {
  // An adopted flow's kept name is the name it had in the org: publishing it makes no new name,
  // and publishing it under the prefix would replace it (a new flow, the old one deleted).
  if (!guardrailApplies(stack, settings) || flow.nameKept === true) return [];
  const prefix = typeof settings.namePrefix === "string" ? settings.namePrefix : stack.namePrefix;
  if (prefix === "") {
    return [
      flowFinding(
        flow,
        "prod-name-prefix",
        "name",
        `stack "${stack.stack}" publishes flows with no name prefix, so they can clash with other environments' flows`,
        "set genesys-flows:namePrefix (and pin it as prod-name-prefix.namePrefix in the stack's policy config)",
      ),
    ];
  }
  if (flow.displayName.startsWith(prefix)) return [];
  return [
    flowFinding(
      flow,
      "prod-name-prefix",
      "name",
      `published name "${flow.displayName}" does not start with "${prefix}"`,
      `publish the flow as "${prefix}${flow.model.name}": set genesys-flows:namePrefix to "${prefix}"`,
    ),
  ];
}
