// Policy config: the JSON files under policies/config/ (one per stack) in the format
// `pulumi preview --policy-pack-config <file>` takes, and the same files read by the lint
// command. Shape: { "all"?: level, "<rule-id>": level | { "enforcementLevel"?: level, ...settings } }.
import type { EnforcementLevel, RuleDescriptor, SettingSchema } from "./rules/types";

export type RuleConfig = EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>);
export type PolicyConfig = Record<string, RuleConfig>;

const LEVELS: readonly string[] = ["mandatory", "advisory", "disabled"];

/** The level a rule runs at under `config` ("remediate" is not used by this pack). */
export function effectiveEnforcement(rule: RuleDescriptor, config: PolicyConfig = {}): EnforcementLevel {
  const own = config[rule.id];
  if (typeof own === "string") return own;
  if (own && own.enforcementLevel) return own.enforcementLevel;
  const all = config["all"];
  if (typeof all === "string") return all;
  if (all && typeof all === "object" && all.enforcementLevel) return all.enforcementLevel;
  return rule.defaultEnforcement;
}

/** The rule's settings: the config's values over the declared defaults (enforcementLevel removed). */
export function ruleSettings(rule: RuleDescriptor, given: object | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(rule.settings ?? {})) {
    if (schema.default !== undefined) out[key] = schema.default;
  }
  for (const [key, value] of Object.entries(given ?? {})) {
    if (key !== "enforcementLevel" && value !== undefined) out[key] = value;
  }
  return out;
}

/** The settings part of a rule's entry in a config file. */
export function settingsFromConfig(rule: RuleDescriptor, config: PolicyConfig = {}): Record<string, unknown> {
  const own = config[rule.id];
  return ruleSettings(rule, typeof own === "object" ? own : undefined);
}

/** Pulumi's configSchema for a policy (undefined when the rule takes no settings). */
export function configSchemaOf(rule: RuleDescriptor): { properties: Record<string, SettingSchema> } | undefined {
  return rule.settings && Object.keys(rule.settings).length > 0 ? { properties: { ...rule.settings } } : undefined;
}

/**
 * Checks a parsed config file against the rules: known rule ids, valid levels, declared settings
 * of the right type. Returns the problems (empty when valid), each naming the key to fix.
 */
export function validatePolicyConfig(config: unknown, rules: readonly RuleDescriptor[]): string[] {
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    return ["the policy config must be a JSON object keyed by rule id"];
  }
  const problems: string[] = [];
  const byId = new Map(rules.map((r) => [r.id, r]));
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    const rule = byId.get(key);
    if (!rule && key !== "all") {
      problems.push(`"${key}" is not a rule id (rules: ${[...byId.keys()].join(", ")})`);
      continue;
    }
    if (typeof value === "string") {
      if (!LEVELS.includes(value)) problems.push(`"${key}": enforcement level "${value}" is not one of ${LEVELS.join(", ")}`);
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      problems.push(`"${key}": expected an enforcement level or an object`);
      continue;
    }
    for (const [setting, v] of Object.entries(value as Record<string, unknown>)) {
      if (setting === "enforcementLevel") {
        if (typeof v !== "string" || !LEVELS.includes(v)) {
          problems.push(`"${key}".enforcementLevel: expected one of ${LEVELS.join(", ")}`);
        }
        continue;
      }
      const schema = rule?.settings?.[setting];
      if (!schema) {
        problems.push(`"${key}".${setting}: not a setting of this rule (settings: ${Object.keys(rule?.settings ?? {}).join(", ") || "none"})`);
      } else if (!matches(schema, v)) {
        problems.push(`"${key}".${setting}: expected ${schema.type}${schema.items ? ` of ${schema.items.type}` : ""}`);
      }
    }
  }
  return problems;
}

function matches(schema: SettingSchema, v: unknown): boolean {
  switch (schema.type) {
    case "string":
      return typeof v === "string";
    case "boolean":
      return typeof v === "boolean";
    case "integer":
      return Number.isInteger(v);
    case "array":
      return Array.isArray(v) && v.every((x) => typeof x === "string");
  }
}
