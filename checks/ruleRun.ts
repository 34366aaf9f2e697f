// What a rule's check is given when it runs over a portfolio (checks/index.ts runChecks): the
// portfolio's flows, the stack when there is one, the modules by name, the rule's settings, and the
// findings of the Archy validator and the expression checker, which run once per flow and are split
// between the rules that report them (expressions, archy-actions, archy-unknown). A rule's check is
// one function of it, carried by the rule's registry entry (checks/rules.ts).
import type { Finding } from "./finding";
import type { CheckFlow, CheckInput, RuleSettings, StackFacts } from "./input";
import type { modulesByName } from "./moduleChecks";

export interface RuleRun {
  input: CheckInput;
  modules: ReturnType<typeof modulesByName>;
  settings: RuleSettings;
  /** The findings of the Archy validator and expression checker for one flow that belong to rule `ruleId`. */
  archy(flow: CheckFlow, ruleId: string): Finding[];
}

/** A rule's one check. */
export type RuleCheck = (run: RuleRun) => Finding[];

/** A check that looks at one flow at a time. */
export function eachFlow(check: (flow: CheckFlow, run: RuleRun) => Finding[]): RuleCheck {
  return (run) => run.input.flows.flatMap((flow) => check(flow, run));
}

/** The stack of a rule that needs one (runChecks runs such a rule only with a stack). */
export function stackOf(run: RuleRun): StackFacts {
  if (run.input.stack === undefined) throw new Error("a rule that needs the stack ran without one");
  return run.input.stack;
}
