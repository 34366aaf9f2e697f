// Builds portfolios in memory for the tests: flow files from plain objects, stack settings with
// defaults, and the planner's verdict as findings. Tests own their fixtures: nothing here reads
// the shipped flows/ or Pulumi.*.yaml.
import YAML from "yaml";
import { FlowLoadError, type FlowIssue } from "../model/errors";
import { planPortfolio, type FlowSource, type Portfolio } from "../planner/portfolio";
import { parseStackSettings, type StackSettings } from "../planner/stackSettings";

export type FlowSpec = Record<string, unknown> | string;

/** A flow file's text: YAML of the object (or the text as given). */
export function flowText(spec: FlowSpec): string {
  return typeof spec === "string" ? spec : YAML.stringify(spec, { version: "1.2" });
}

/** Flow files by id (`calls/sales` -> flows/calls/sales.yaml). */
export function sources(flows: Record<string, FlowSpec>): FlowSource[] {
  return Object.entries(flows).map(([id, spec]) => ({ id, file: `flows/${id}.yaml`, text: flowText(spec) }));
}

/** Stack settings with `environment: test` and whatever is given (bare keys). */
export function settings(raw: Record<string, unknown> = {}): StackSettings {
  return parseStackSettings({ environment: "test", ...raw }, "Pulumi.test.yaml");
}

export function plan(flows: Record<string, FlowSpec>, raw: Record<string, unknown> = {}, stack = "test"): Portfolio {
  return planPortfolio({ stack, settings: settings(raw), sources: sources(flows) });
}

/** The FlowLoadError the call throws; fails the test when it throws nothing or something else. */
function loadErrorOf(f: () => unknown): FlowLoadError {
  try {
    f();
  } catch (e) {
    if (!(e instanceof FlowLoadError)) throw e;
    return e;
  }
  throw new Error("expected a FlowLoadError");
}

/** The issues the call throws as a FlowLoadError (loadErrorOf). */
export const issuesOf = (f: () => unknown): FlowIssue[] => loadErrorOf(f).issues;

/** The message of the FlowLoadError the call throws. */
export const messageOf = (f: () => unknown): string => loadErrorOf(f).message;

export { tempProject } from "./tempProject";

// ---------------------------------------------------------------------------------------------
// Small flows most tests start from.

/** A module with one required string input, a string and an integer output, compatible with `kinds`. */
export function lookupModule(
  extra: Record<string, unknown> = {},
  kinds: string[] = ["inboundCall", "inboundEmail", "inboundShortMessage"],
) {
  return {
    kind: "commonModule",
    name: "Lookup",
    compatibleFlowTypes: kinds,
    inputs: { address: { type: "string" } },
    outputs: { customerId: { type: "string" }, score: { type: "integer" } },
    start: "Check",
    nodes: {
      Check: {
        type: "decision",
        expression: "IsNotSetOrEmpty(Common.address)",
        transitions: { yes: "Fail", no: "Found" },
      },
      Found: { type: "return", outcome: "completed", outputs: { customerId: '"C-1"', score: "5" } },
      Fail: { type: "return", outcome: "error" },
    },
    ...extra,
  };
}

/** An inbound call flow calling `module` (default Lookup) and transferring on both outcomes. */
export function callFlow(name = "Main", extra: Record<string, unknown> = {}, module = "Lookup") {
  return {
    kind: "inboundCall",
    name,
    variables: { customer: { type: "string" } },
    start: "Call",
    nodes: {
      Call: {
        type: "subflow",
        module,
        inputs: { address: "Call.Ani" },
        outputs: { customerId: "customer" },
        transitions: { completed: "Transfer", error: "Bye" },
      },
      Transfer: { type: "transferToQueue", queue: "Support", transitions: { failure: "Bye" } },
      Bye: { type: "disconnect" },
    },
    ...extra,
  };
}

/** A module `name` with one input `number`, calling `calls` (default Lookup) and returning its customerId. */
export function outerModule(name = "Outer", calls = "Lookup", input = "address") {
  return {
    kind: "commonModule",
    name,
    compatibleFlowTypes: ["inboundCall"],
    inputs: { number: { type: "string" } },
    outputs: { customerId: { type: "string" } },
    start: "Find",
    nodes: {
      Find: {
        type: "subflow",
        module: calls,
        inputs: { [input]: "Common.number" },
        outputs: { customerId: "customerId" },
        transitions: { completed: "Ok", error: "Bad" },
      },
      Ok: { type: "return", outcome: "completed" },
      Bad: { type: "return", outcome: "error" },
    },
  };
}

/** An inbound call flow calling a module with a `number` input (such as outerModule). */
export function callViaNumber(name: string, module = "Outer") {
  const f = callFlow(name, {}, module);
  (f.nodes.Call as Record<string, unknown>).inputs = { number: "Call.Ani" };
  return f;
}
