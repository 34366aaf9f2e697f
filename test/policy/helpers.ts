// Tiny helpers to build policy args by hand (no gRPC server) and flow models for the rules.
import { FlowFacts, INBOUND_CALL_FLOW_TYPE, SHARED_MODULE_TYPE } from "../../components/flowFacts";
import { CommonModuleFlow, FlowModel, InboundCallFlowModel, flowFile } from "../../components/model/schema";
import { ResourceArgs, StackArgs, StackResource, buildPolicies } from "../../policies/adapter";
import type { ModuleInterface, RuleContext } from "../../policies/rules/types";

/* eslint-disable @typescript-eslint/no-explicit-any */
export function inbound(fields: Record<string, unknown>): InboundCallFlowModel {
  return flowFile.parse({ kind: "inboundCall", name: "Sales", start: "Start", ...fields }) as InboundCallFlowModel;
}

export function commonModule(fields: Record<string, unknown>): CommonModuleFlow {
  return flowFile.parse({ kind: "commonModule", name: "Common", start: "Start", ...fields }) as CommonModuleFlow;
}

/** A clean module: one required string input, one optional integer, outputs string + boolean. */
export const MODULE: CommonModuleFlow = commonModule({
  inputs: { callerNumber: { type: "string" }, retries: { type: "integer", required: false } },
  outputs: { accountId: { type: "string" }, verified: { type: "boolean" } },
  nodes: {
    Start: { type: "decision", expression: "IsSet(Common.callerNumber)", transitions: { yes: "Ok", no: "Fail" } },
    Ok: { type: "return", outcome: "completed" },
    Fail: { type: "return", outcome: "error" },
  },
});

export function moduleInterfaceOf(m: CommonModuleFlow): ModuleInterface {
  return {
    name: m.name,
    compatibleFlowTypes: m.compatibleFlowTypes,
    inputs: m.inputs,
    outputs: m.outputs,
    callsModules: Object.values(m.nodes).some((n) => n.type === "subflow"),
  };
}

/** A clean caller of MODULE; `nodes` entries override or add nodes. */
export function caller(nodes: Record<string, unknown> = {}, fields: Record<string, unknown> = {}): InboundCallFlowModel {
  return inbound({
    variables: { accountId: { type: "string" }, verified: { type: "boolean" }, count: { type: "integer" } },
    nodes: {
      Start: {
        type: "subflow",
        module: "Common",
        inputs: { callerNumber: "Call.Ani" },
        outputs: { accountId: "accountId" },
        transitions: { completed: "Queue", error: "Bye" },
      },
      Queue: { type: "transferToQueue", queue: "Sales", transitions: { failure: "Bye" } },
      Bye: { type: "disconnect" },
      ...nodes,
    },
    ...fields,
  });
}

export function ctx(model: FlowModel, extra: Partial<RuleContext> = {}): RuleContext {
  return {
    stack: "dev",
    file: "flows/sales.yaml",
    flowName: `dev-${model.name}`,
    model,
    modules: new Map([["Common", moduleInterfaceOf(MODULE)]]),
    settings: {},
    ...extra,
  };
}

export function facts(model: FlowModel, extra: Partial<FlowFacts> = {}): FlowFacts {
  const isCaller = model.kind === "inboundCall";
  return {
    stack: "dev",
    environment: "dev",
    namePrefix: "dev-",
    file: isCaller ? "flows/sales.yaml" : "flows/common.yaml",
    publishedName: `dev-${model.name}`,
    model,
    ...(isCaller
      ? {
          module: {
            name: MODULE.name,
            publishedName: "dev-Common",
            compatibleFlowTypes: MODULE.compatibleFlowTypes,
            inputs: MODULE.inputs,
            outputs: MODULE.outputs,
            callsModules: false,
          },
        }
      : {}),
    forceUnlock: false,
    substitutionKeys: [],
    unresolvedPlaceholders: [],
    ...extra,
  };
}

/** ResourceValidationArgs-like: { type, props, urn, name, opts, getConfig }. */
export function resourceArgs(type: string, props: Record<string, any>, config: object = {}, name = "sales"): ResourceArgs {
  return {
    type,
    props,
    urn: `urn:pulumi:dev::genesys-flows::${type}::${name}`,
    name,
    opts: {},
    getConfig: () => config,
  };
}

export function callerArgs(model: FlowModel, extra: Partial<FlowFacts> = {}, config: object = {}): ResourceArgs {
  const type = model.kind === "inboundCall" ? INBOUND_CALL_FLOW_TYPE : SHARED_MODULE_TYPE;
  return resourceArgs(type, { facts: facts(model, extra), module: "<resource ref>" }, config);
}

/** Runs the pack's policy `name` on hand-built resource args; returns the reported messages. */
export function runResourcePolicy(name: string, args: ResourceArgs): string[] {
  const policy = buildPolicies().find((p) => p.name === name) as any;
  if (!policy?.validateResource) throw new Error(`no resource policy ${name}`);
  const messages: string[] = [];
  policy.validateResource(args, (m: string) => messages.push(m));
  return messages;
}

/** Runs the pack's stack policy `name`; returns violations (message, urn) and a not-applicable reason. */
export function runStackPolicy(
  name: string,
  resources: StackResource[],
): { violations: Array<{ message: string; urn?: string }>; notApplicable?: string } {
  const policy = buildPolicies().find((p) => p.name === name) as any;
  if (!policy?.validateStack) throw new Error(`no stack policy ${name}`);
  const violations: Array<{ message: string; urn?: string }> = [];
  let notApplicable: string | undefined;
  const args: StackArgs = {
    resources,
    getConfig: () => ({}),
    notApplicable: (reason?: string): never => {
      notApplicable = reason ?? "";
      throw new NotApplicable();
    },
  };
  try {
    policy.validateStack(args, (message: string, urn?: string) => violations.push({ message, ...(urn ? { urn } : {}) }));
  } catch (e) {
    if (!(e instanceof NotApplicable)) throw e;
  }
  return { violations, ...(notApplicable !== undefined ? { notApplicable } : {}) };
}

class NotApplicable extends Error {}
