// The shape every rule shares. Rules are pure functions over the flow model: no I/O, no Pulumi.
// The policy pack (policies/adapter.ts) and the lint command (policies/lint/) both feed them a
// RuleContext and turn the returned Violations into their own output.
import type { CommonModuleFlow, FlowModel, ValueType } from "../../components/model/schema";

export type EnforcementLevel = "mandatory" | "advisory" | "disabled";

/** What a caller needs to know about a module: its interface, not its graph. */
export interface ModuleInterface {
  /** `name` in the module's flow file (what subflow nodes reference). */
  name: string;
  compatibleFlowTypes: CommonModuleFlow["compatibleFlowTypes"];
  inputs: Record<string, { type: ValueType; required?: boolean }>;
  outputs: Record<string, { type: ValueType }>;
  /** True when the module itself contains subflow nodes. */
  callsModules?: boolean;
}

/** Facts only a deployment knows (stack config, substitutions). Absent in the lint command. */
export interface DeploymentFacts {
  environment: string;
  namePrefix: string;
  publishedName: string;
  forceUnlock: boolean;
  unresolvedPlaceholders: string[];
}

export interface RuleContext {
  /** Pulumi stack name, when known. */
  stack?: string;
  /** Flow file, relative to the project root. */
  file: string;
  /** The name shown in messages: the published name when deployed, else the model's name. */
  flowName: string;
  model: FlowModel;
  /** Modules a subflow node may name, keyed by their model `name`. */
  modules: ReadonlyMap<string, ModuleInterface>;
  deployment?: DeploymentFacts;
  /** The rule's settings from policy config, defaults applied by the rule. */
  settings: Record<string, unknown>;
}

export interface Violation {
  ruleId: string;
  stack?: string;
  /** Published name (policy pack) or model name (lint). */
  flow: string;
  file: string;
  /** Node id, when the problem sits on one node. */
  node?: string;
  /** Path inside the node (or inside the flow when no node), e.g. ["transitions", "error"]. */
  path?: string[];
  /** What is wrong, without the location (that is formatted separately). */
  problem: string;
  /** What to change. */
  fix: string;
  /** Stack policies: the resource the violation is reported against. */
  urn?: string;
}

/** A JSON-schema fragment for one rule setting (a subset of Pulumi's PolicyConfigJSONSchema). */
export interface SettingSchema {
  type: "string" | "boolean" | "array" | "integer";
  items?: { type: "string" };
  default?: string | boolean | number | string[];
  description: string;
}

interface RuleMeta {
  /** Stable id: the Pulumi policy name, the SARIF ruleId and the key in policy config files. */
  id: string;
  /** One line: what the rule demands. */
  description: string;
  /** What to do about a violation, in general terms (each violation carries its own fix). */
  remediation: string;
  defaultEnforcement: Exclude<EnforcementLevel, "disabled">;
  /** Settings accepted from policy config (declared as the policy's configSchema). */
  settings?: Record<string, SettingSchema>;
}

export interface FlowRule extends RuleMeta {
  kind: "flow";
  /** True when the rule needs DeploymentFacts (so the lint command cannot run it). */
  needsDeployment?: boolean;
  check(ctx: RuleContext): Violation[];
}

export type RuleDescriptor = RuleMeta & { kind: "flow" | "stack"; needsDeployment?: boolean };

/** Builds a violation located in the context's flow. */
export function violation(
  ctx: RuleContext,
  ruleId: string,
  v: { node?: string; path?: string[]; problem: string; fix: string },
): Violation {
  const out: Violation = { ruleId, flow: ctx.flowName, file: ctx.file, problem: v.problem, fix: v.fix };
  if (ctx.stack !== undefined) out.stack = ctx.stack;
  if (v.node !== undefined) out.node = v.node;
  if (v.path !== undefined) out.path = v.path;
  return out;
}

/** Reads a string-array setting, falling back to the default when absent or malformed. */
export function stringListSetting(settings: Record<string, unknown>, key: string, fallback: string[]): string[] {
  const v = settings[key];
  return Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : fallback;
}

export function stringSetting(settings: Record<string, unknown>, key: string): string | undefined {
  const v = settings[key];
  return typeof v === "string" ? v : undefined;
}

export function booleanSetting(settings: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const v = settings[key];
  return typeof v === "boolean" ? v : fallback;
}

/** Sorted entries, so every rule reports in a stable order whatever the YAML order was. */
export function sortedEntries<V>(record: Record<string, V>): Array<[string, V]> {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
