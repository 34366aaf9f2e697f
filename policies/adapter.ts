// The bridge between Pulumi's policy arguments and the pure rules: component props -> rule
// context, stack resources -> wiring summary, violation -> message. Pure (no gRPC server), so
// tests call these functions with hand-built args; policies/index.ts only registers the result.
import type { Policies, ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { GENESYS_FLOW_TYPE, INBOUND_CALL_FLOW_TYPE, SHARED_MODULE_TYPE } from "../components/flowFacts";
import type { FlowFacts } from "../components/flowFacts";
import { flowFile } from "../components/model/schema";
import { configSchemaOf, ruleSettings } from "./config";
import { FLOW_RULES, STACK_RULES } from "./rules";
import type { Observed, WiringCaller, WiringInput, WiringModule } from "./rules/moduleWiring";
import type { FlowRule, StackRule } from "./rules";
import type { ModuleInterface, RuleContext, Violation } from "./rules/types";

/** The parts of Pulumi's ResourceValidationArgs the pack reads (tests build exactly this). */
export interface ResourceArgs {
  type: string;
  props: Record<string, any>;
  urn: string;
  name: string;
  opts?: unknown;
  getConfig?: () => object;
}

/** The parts of Pulumi's PolicyResource the stack policy reads. */
export interface StackResource {
  type: string;
  props: Record<string, any>;
  urn: string;
  name: string;
  parent?: { urn: string };
  dependencies?: Array<{ urn: string }>;
}

export interface StackArgs {
  resources: StackResource[];
  getConfig?: () => object;
  notApplicable?: (reason?: string) => never;
}

/** `[rule] stack "dev", flow "dev-Sales" (flows/sales.yaml), node "CallCommon": problem. Fix: fix.` */
export function formatViolation(v: Violation): string {
  const where: string[] = [];
  if (v.stack !== undefined) where.push(`stack "${v.stack}"`);
  if (v.flow !== "") where.push(`flow "${v.flow}"${v.file ? ` (${v.file})` : ""}`);
  else if (v.file) where.push(`(${v.file})`);
  if (v.node !== undefined) where.push(`node "${v.node}"`);
  return `[${v.ruleId}] ${where.join(", ").replace(/, \(/, " (")}: ${v.problem}. Fix: ${v.fix}.`;
}

/** True for the components whose props carry FlowFacts. */
export function carriesFacts(type: string): boolean {
  return type === INBOUND_CALL_FLOW_TYPE || type === SHARED_MODULE_TYPE;
}

/**
 * Builds the rule context from a component's `facts` arg, or says why it cannot. Reading through
 * Pulumi's unknown-checking proxy: an unknown fact throws, and the engine turns that into an
 * advisory "can't run during preview" (components keep facts plain and known, so it should not happen).
 */
export function contextFromProps(
  props: Record<string, any>,
  settings: Record<string, unknown>,
): { ctx: RuleContext } | { problem: string } {
  const facts = toPlain(props.facts) as FlowFacts | undefined;
  if (!facts || typeof facts !== "object") {
    return { problem: "the component carries no `facts` arg, so the flow cannot be checked" };
  }
  const parsed = flowFile.safeParse(facts.model);
  if (!parsed.success) {
    return { problem: `facts.model is not a valid flow model: ${parsed.error.issues[0]?.message ?? "invalid"}` };
  }
  const modules = new Map<string, ModuleInterface>();
  if (facts.module) modules.set(facts.module.name, facts.module);
  return {
    ctx: {
      stack: facts.stack,
      file: facts.file,
      flowName: facts.publishedName,
      model: parsed.data,
      modules,
      settings,
      deployment: {
        environment: facts.environment,
        namePrefix: facts.namePrefix,
        publishedName: facts.publishedName,
        forceUnlock: facts.forceUnlock,
        unresolvedPlaceholders: facts.unresolvedPlaceholders ?? [],
      },
    },
  };
}

/** The validateResource function of a flow rule's policy. */
export function validateFlowResource(rule: FlowRule) {
  return (args: ResourceArgs, reportViolation: ReportViolation): void => {
    if (!carriesFacts(args.type)) return;
    const built = contextFromProps(args.props, ruleSettings(rule, args.getConfig?.()));
    if ("problem" in built) {
      reportViolation(`[${rule.id}] ${args.type} "${args.name}": ${built.problem}. Fix: pass the flow's FlowFacts as \`facts\`.`);
      return;
    }
    for (const v of rule.check(built.ctx)) reportViolation(formatViolation(v));
  };
}

/** The validateStack function of a stack rule's policy. */
export function validateStackResources(rule: StackRule) {
  return (args: StackArgs, reportViolation: ReportViolation): void => {
    const { violations, notes } = rule.check(wiringInputFromResources(args.resources));
    for (const v of violations) reportViolation(formatViolation(v), v.urn);
    // Nothing failed but something could not be checked yet (preview): say so without failing.
    if (violations.length === 0 && notes.length > 0 && args.notApplicable) {
      args.notApplicable(`not checked during preview: ${notes.join("; ")}`);
    }
  };
}

/**
 * Summarises the stack for `module-wiring`. Stack policies see resource *outputs*: for the
 * components that is what they register, so module facts are read from `facts` when registered
 * and otherwise from `flowName`, `revision` and the dependency on the module.
 */
export function wiringInputFromResources(resources: readonly StackResource[]): WiringInput {
  const modules: WiringModule[] = [];
  const callers: WiringCaller[] = [];
  let stack: string | undefined;
  for (const r of resources) {
    if (r.type === SHARED_MODULE_TYPE) {
      modules.push({
        urn: r.urn,
        publishedName: firstObserved(read(r.props, ["facts", "publishedName"]), read(r.props, ["flowName"])),
        revision: read(r.props, ["revision"]),
      });
    } else if (r.type === INBOUND_CALL_FLOW_TYPE) {
      const flowName = firstObserved(read(r.props, ["facts", "publishedName"]), read(r.props, ["flowName"]));
      const factsStack = read(r.props, ["facts", "stack"]);
      const file = read(r.props, ["facts", "file"]);
      stack ??= typeof factsStack === "string" ? factsStack : stackOfUrn(r.urn);
      callers.push({
        urn: r.urn,
        ...(typeof factsStack === "string" ? { stack: factsStack } : {}),
        flow: typeof flowName === "string" ? flowName : r.name,
        file: typeof file === "string" ? file : "",
        modulePublishedName: read(r.props, ["facts", "module", "publishedName"]),
        moduleDependencies: (r.dependencies ?? []).map((d) => d.urn).sort(),
        flows: resources
          .filter((c) => c.type === GENESYS_FLOW_TYPE && c.parent?.urn === r.urn)
          .map((c) => ({ urn: c.urn, updateTriggerHash: read(c.props, ["updateTriggerHash"]) }))
          .sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0)),
      });
    }
  }
  stack ??= resources.length > 0 ? stackOfUrn(resources[0].urn) : undefined;
  return { ...(stack !== undefined ? { stack } : {}), modules, callers };
}

/** Every policy of the pack, in registry order. policies/index.ts hands this to PolicyPack. */
export function buildPolicies(): Policies {
  const flowPolicies: ResourceValidationPolicy[] = FLOW_RULES.map((rule) => ({
    name: rule.id,
    description: rule.description,
    enforcementLevel: rule.defaultEnforcement,
    remediationSteps: rule.remediation,
    ...(configSchemaOf(rule) ? { configSchema: configSchemaOf(rule) } : {}),
    validateResource: validateFlowResource(rule),
  }));
  const stackPolicies: StackValidationPolicy[] = STACK_RULES.map((rule) => ({
    name: rule.id,
    description: rule.description,
    enforcementLevel: rule.defaultEnforcement,
    remediationSteps: rule.remediation,
    ...(configSchemaOf(rule) ? { configSchema: configSchemaOf(rule) } : {}),
    validateStack: validateStackResources(rule),
  }));
  return [...flowPolicies, ...stackPolicies];
}

/** Reads a nested property, mapping a value Pulumi cannot know yet to `{ unknown: path }`. */
export function read(obj: unknown, path: string[]): Observed<string> {
  let cur: unknown = obj;
  try {
    for (const key of path) {
      if (cur === null || typeof cur !== "object") return undefined;
      cur = (cur as Record<string, unknown>)[key];
    }
  } catch (e) {
    if (isUnknownValueError(e)) return { unknown: path.join(".") };
    throw e;
  }
  return typeof cur === "string" ? cur : undefined;
}

/** Pulumi's UnknownValueError (internal to @pulumi/policy, so recognised by shape). */
function isUnknownValueError(e: unknown): boolean {
  return e instanceof Error && "unknownTypeSentinel" in e && Array.isArray((e as { props?: unknown }).props);
}

function firstObserved(...values: Array<Observed<string>>): Observed<string> {
  return values.find((v) => v !== undefined);
}

/** `urn:pulumi:<stack>::<project>::<type>::<name>` -> stack. */
function stackOfUrn(urn: string): string | undefined {
  const m = /^urn:pulumi:([^:]+)::/.exec(urn);
  return m ? m[1] : undefined;
}

/** A plain copy (reads every property once, through any proxy); undefined stays undefined. */
function toPlain(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = toPlain((value as Record<string, unknown>)[key]);
  return out;
}
