// The rule registry, in a stable order: the policy pack registers policies in this order and
// the lint command lists rules in it. Ids are stable: config files and SARIF consumers key on them.
import { moduleCompatibility } from "./moduleCompatibility";
import { moduleInterface } from "./moduleInterface";
import { StackRule, moduleWiring } from "./moduleWiring";
import { prodForceUnlock, prodNamePrefix, prodNoPlaceholders } from "./prodGuardrails";
import { reachableNodes } from "./reachableNodes";
import { subflowTransitions } from "./subflowTransitions";
import { terminates } from "./terminates";
import type { FlowRule } from "./types";

export const FLOW_RULES: readonly FlowRule[] = [
  subflowTransitions,
  moduleInterface,
  reachableNodes,
  terminates,
  moduleCompatibility,
  prodForceUnlock,
  prodNamePrefix,
  prodNoPlaceholders,
];

export const STACK_RULES: readonly StackRule[] = [moduleWiring];

export const ALL_RULES: ReadonlyArray<FlowRule | StackRule> = [...FLOW_RULES, ...STACK_RULES];

export type { FlowRule, StackRule };
export * from "./types";
export { isUnknown } from "./moduleWiring";
export type { Observed, Unknown, WiringCaller, WiringInput, WiringModule } from "./moduleWiring";
