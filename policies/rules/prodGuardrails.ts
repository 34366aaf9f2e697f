// Guardrails for environments that matter (prod by default): no forced unlock of a flow someone
// is editing in Architect, names that say which environment they belong to, and no
// `{{placeholder}}` left for the org to speak to callers. They need deployment facts, so only
// the policy pack runs them; the lint command lists them as not applicable.
import { DeploymentFacts, FlowRule, RuleContext, SettingSchema, Violation, stringListSetting, stringSetting, violation } from "./types";

const ENVIRONMENTS: SettingSchema = {
  type: "array",
  items: { type: "string" },
  default: ["prod"],
  description: "Environments (FlowFacts.environment) where the guardrail applies.",
};

/** The deployment facts when the guardrail applies to this context's environment, else undefined. */
function guarded(ctx: RuleContext): DeploymentFacts | undefined {
  const d = ctx.deployment;
  if (!d) return undefined;
  return stringListSetting(ctx.settings, "environments", ["prod"]).includes(d.environment) ? d : undefined;
}

export const prodForceUnlock: FlowRule = {
  kind: "flow",
  id: "prod-force-unlock",
  description: "forceUnlock is off, so a deployment never discards a flow someone is editing in Architect.",
  remediation: "Set forceUnlock to false for this stack and unlock the flow in Architect by hand if needed.",
  defaultEnforcement: "mandatory",
  needsDeployment: true,
  settings: { environments: ENVIRONMENTS },
  check(ctx) {
    const d = guarded(ctx);
    if (!d || !d.forceUnlock) return [];
    return [
      violation(ctx, "prod-force-unlock", {
        problem: `forceUnlock is on in environment "${d.environment}"`,
        fix: "set forceUnlock to false in the stack config",
      }),
    ];
  },
};

export const prodNamePrefix: FlowRule = {
  kind: "flow",
  id: "prod-name-prefix",
  description: "Published flow names carry the environment's name prefix.",
  remediation: "Publish the flow under a name starting with the stack's name prefix.",
  defaultEnforcement: "mandatory",
  needsDeployment: true,
  settings: {
    environments: ENVIRONMENTS,
    namePrefix: { type: "string", description: "Prefix to require instead of the stack's namePrefix." },
  },
  check(ctx) {
    const d = guarded(ctx);
    if (!d) return [];
    const prefix = stringSetting(ctx.settings, "namePrefix") ?? d.namePrefix;
    if (prefix === "") {
      return [
        violation(ctx, "prod-name-prefix", {
          problem: `environment "${d.environment}" has no name prefix, so its flows can clash with other environments' flows`,
          fix: "set a name prefix in the stack config (e.g. \"prod-\")",
        }),
      ];
    }
    if (d.publishedName.startsWith(prefix)) return [];
    return [
      violation(ctx, "prod-name-prefix", {
        problem: `published name "${d.publishedName}" does not start with "${prefix}"`,
        fix: `publish the flow as "${prefix}${ctx.model.name}"`,
      }),
    ];
  },
};

export const prodNoPlaceholders: FlowRule = {
  kind: "flow",
  id: "prod-no-placeholders",
  description: "No {{placeholder}} text is left in the flow after substitution.",
  remediation: "Give every {{placeholder}} of the flow a substitution value in the stack config.",
  defaultEnforcement: "mandatory",
  needsDeployment: true,
  settings: { environments: ENVIRONMENTS },
  check(ctx) {
    const d = guarded(ctx);
    if (!d) return [];
    const out: Violation[] = [];
    for (const placeholder of [...new Set(d.unresolvedPlaceholders.map(bareName))].sort()) {
      out.push(
        violation(ctx, "prod-no-placeholders", {
          problem: `placeholder {{${placeholder}}} is left after substitution`,
          fix: `add a substitution for "${placeholder}" to this flow in the stack config`,
        }),
      );
    }
    return out;
  },
};

/** Facts may list placeholders as `name` or as `{{name}}`: report them the same way. */
function bareName(placeholder: string): string {
  return placeholder.replace(/^\{\{/, "").replace(/\}\}$/, "");
}
