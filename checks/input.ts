// The input every check runs on: the flows of a portfolio (substituted when a stack is applied)
// and, when known, the stack's deployment facts. Built the same way by the planner, the lint
// command and the policy pack, so the same files get the same findings everywhere.
import type { FlowModel } from "../model/schema";

export interface CheckFlow {
  /** The flow file as the user sees it, e.g. `flows/sales.yaml`. */
  file: string;
  /** The flow's id: its path under `flows/` without the extension, e.g. `billing/after-hours`. */
  id: string;
  /** The validated model; with a stack, after the stack's substitutions. */
  model: FlowModel;
  /** The name to show in messages: the published name with a stack, else the model's name. */
  displayName: string;
  /**
   * The published name is the one the stack keeps for an adopted flow (`genesys-flows:flows.<id>.name`):
   * the flow had it in the org before the stack, and the stack's namePrefix is not applied to it.
   */
  nameKept?: boolean;
}

/** What a deployment adds: the stack and its settings. Absent when linting without a stack. */
export interface StackFacts {
  stack: string;
  environment: string;
  namePrefix: string;
  forceUnlock: boolean;
  /** Why the stack skips the org-reference check (genesys-flows:skipOrgReferenceCheck), when it does. */
  skipOrgReferenceCheck?: string;
  /** The substitution keys each flow has in the stack (shared and its own), by flow id: what a placeholder without a value may have meant. */
  substitutionKeys?: Readonly<Record<string, readonly string[]>>;
}

export interface CheckInput {
  flows: readonly CheckFlow[];
  stack?: StackFacts;
  /**
   * Common modules of the project the checks do not see: their file failed to load, or the stack
   * leaves them out. A call to one says so, pointing at the cause, instead of "no such module".
   */
  absentModules?: ReadonlyArray<{ name: string; file: string; why: string }>;
}

/** Settings of a rule from policy config, defaults applied. */
export type RuleSettings = Readonly<Record<string, unknown>>;
