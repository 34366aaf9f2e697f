// Policy config: the JSON files under policies/config/ (one per stack, chosen by the stack's
// NAME), in the format `pulumi preview --policy-pack-config <file>` takes; the same files are read
// by the lint command and by the pack itself. Shape:
//   { "all"?: level, "<rule-id>": level | { "enforcementLevel"?: level, ...settings } }
// No config may lower a core or locked rule below mandatory: validatePolicyConfig refuses it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { isLocked, type EnforcementLevel, type RuleInfo, type SettingSchema } from "../checks/rules";
import { projectDir } from "../project/root";
import { FLOW_AND_PACK_RULES } from "./packRules";

export type RuleConfig = EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>);
export type PolicyConfig = Record<string, RuleConfig>;

const LEVELS: readonly string[] = ["mandatory", "advisory", "disabled"];
/**
 * Where per-stack policy config files live: the project's policies/config. Found through the
 * project's folder, not this file's: the program and the pack run bundled from a cache folder
 * (project/jsbuild.js), where no config is.
 */
export const POLICY_CONFIG_DIR = path.join(projectDir(), "policies", "config");

/** The level a rule runs at under `config`. Core and locked rules are always mandatory. */
export function effectiveEnforcement(rule: RuleInfo, config: PolicyConfig = {}): EnforcementLevel {
  if (isLocked(rule)) return "mandatory";
  const own = config[rule.id];
  if (typeof own === "string") return own;
  if (own?.enforcementLevel) return own.enforcementLevel;
  const all = config.all;
  if (typeof all === "string") return all;
  if (all && typeof all === "object" && all.enforcementLevel) return all.enforcementLevel;
  return rule.defaultEnforcement;
}

/** The rule's settings: the config's values over the declared defaults (enforcementLevel removed). */
export function ruleSettings(rule: RuleInfo, given: object | undefined): Record<string, unknown> {
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
export function settingsFromConfig(rule: RuleInfo, config: PolicyConfig = {}): Record<string, unknown> {
  const own = config[rule.id];
  return ruleSettings(rule, typeof own === "object" ? own : undefined);
}

/** Pulumi's configSchema for a policy (undefined when the rule takes no settings). */
export function configSchemaOf(rule: RuleInfo): { properties: Record<string, SettingSchema> } | undefined {
  return rule.settings && Object.keys(rule.settings).length > 0 ? { properties: { ...rule.settings } } : undefined;
}

/**
 * Checks a parsed config against the rules: known rule ids, valid levels, declared settings of
 * the right type, and no core or locked rule lowered (directly or through "all"). Returns the
 * problems (empty when valid), each naming the key to fix.
 */
export function validatePolicyConfig(config: unknown, rules: readonly RuleInfo[] = FLOW_AND_PACK_RULES): string[] {
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    return ["the policy config must be a JSON object keyed by rule id"];
  }
  const problems: string[] = [];
  const byId = new Map(rules.map((r) => [r.id, r]));
  const locked = rules.filter(isLocked).map((r) => r.id);
  const levelOf = (v: unknown): unknown =>
    typeof v === "string"
      ? v
      : typeof v === "object" && v !== null
        ? (v as { enforcementLevel?: unknown }).enforcementLevel
        : undefined;
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    const rule = byId.get(key);
    if (!rule && key !== "all") {
      problems.push(`"${key}" is not a rule id (rules: ${[...byId.keys()].join(", ")})`);
      continue;
    }
    const level = levelOf(value);
    if (level !== undefined && (typeof level !== "string" || !LEVELS.includes(level))) {
      problems.push(`"${key}": enforcement level ${JSON.stringify(level)} is not one of ${LEVELS.join(", ")}`);
      continue;
    }
    if (level !== undefined && level !== "mandatory") {
      if (key === "all")
        problems.push(
          `"all": "${level}" would lower the core rules (${locked.join(", ")}), which are mandatory on every stack; set levels rule by rule instead`,
        );
      else if (rule && isLocked(rule))
        problems.push(
          `"${key}": a core rule is mandatory on every stack and cannot be set to "${level}"; remove the entry`,
        );
    }
    if (typeof value === "string") continue;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      problems.push(`"${key}": expected an enforcement level or an object`);
      continue;
    }
    for (const [setting, v] of Object.entries(value as Record<string, unknown>)) {
      if (setting === "enforcementLevel") continue;
      const schema = rule?.settings?.[setting];
      if (!schema) {
        problems.push(
          `"${key}".${setting}: not a setting of this rule (settings: ${Object.keys(rule?.settings ?? {}).join(", ") || "none"})`,
        );
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

export class PolicyConfigError extends Error {}

/** The stacks that have a policy config file. */
export function stacksWithConfig(dir: string = POLICY_CONFIG_DIR): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => n.endsWith(".json"))
        .map((n) => n.slice(0, -5))
        .sort()
    : [];
}

/** Reads and validates `<dir>/<stack>.json`; throws PolicyConfigError naming the file and the problem. */
export function readPolicyConfig(stack: string, dir: string = POLICY_CONFIG_DIR): PolicyConfig {
  const file = path.join(dir, `${stack}.json`);
  if (!existsSync(file)) {
    throw new PolicyConfigError(
      `no policy config for stack "${stack}" (policies/config/${stack}.json); stacks with one: ${stacksWithConfig(dir).join(", ") || "none"}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new PolicyConfigError(`policies/config/${stack}.json: not valid JSON: ${(e as Error).message}`);
  }
  const problems = validatePolicyConfig(parsed);
  if (problems.length > 0) throw new PolicyConfigError(`policies/config/${stack}.json: ${problems.join("; ")}`);
  return parsed as PolicyConfig;
}
