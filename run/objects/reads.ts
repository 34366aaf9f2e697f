// The org objects feature's read of a run (docs/objects.md): what the run does with each org object
// the stack declares (planner/objects/decisions.ts: adopt by name, keep one in use, create), from
// the org's objects of the kinds declared (the run's read, run/stackRun.ts) and what the stack
// deployed. Its guard (run/objects/guard.ts), people's check of `destroy` (run/people/reads.ts) and
// the review (tools/flowsDiff.ts, with the stack's org) read it the same way, once per run.
import { objectDecisionsOf, type ObjectDecision } from "../../planner/objects/decisions";
import { perRun } from "../perRun";
import type { StackRun } from "../stackRun";

export const objectDecisions = perRun(
  async (run: StackRun): Promise<Map<string, ObjectDecision>> =>
    objectDecisionsOf(run.routing().objects, (await run.deployment()).routing ?? [], run.orgObjects),
);
