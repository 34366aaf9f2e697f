// Whether the engine may keep the stack's state once, when the run ends, instead of after every
// resource step (Pulumi's PULUMI_SKIP_CHECKPOINTS): only when the run writes nothing to the org.
//
// Why: the file and PostgreSQL backends rewrite the whole state after every step, so a run's
// checkpoints cost the engine in proportion to the steps times the state's size. An adoption's first
// `up` (`import --from-org`, `init --from-org`) has a step for every flow and object it adopts and
// nothing else to do. (A scratch bench run of a first up of 300 new flows, latency 0: 131 s with the
// checkpoints, 61 s without; the engine's own CPU 58 s with them, 7 s without.)
// Why only when nothing is written: the checkpoints are what a run stopped hard (a kill, a machine
// lost) leaves of what it wrote to the org, and the guards after a stop read them (a flow the state
// does not hold is a person's, or a stopped create's claim). A run that writes nothing leaves
// nothing to account for: stopped at any point, the state is the one it started from (its lock
// cleared as for any stopped run), and the next `up` adopts the same objects again.
//
// "Writes nothing" is certain only when: the state holds nothing yet (no flow, no routing object, no
// pending delete: a stack's first up); every flow of the plan is an adopted flow read as adopted
// (Pulumi `get`, planner/adoption.ts); every routing object is taken over by id (Pulumi `import`:
// it fails rather than writes when the org's object differs) and every declared org object is
// adopted by name as the org has it; and the program is the tool's own, or a team's with no resource
// of its own (its index.ts as `init` wrote it, no code under components/). Anything else keeps
// Pulumi's checkpoints.
import * as fs from "node:fs";
import * as path from "node:path";
import type { ObjectDecision } from "../planner/objects/decisions";
import type { PlannedRouting } from "../planner/routing";
import type { StackDeployment } from "../org/model";
import { unitOf } from "../model/routing/kinds";
import { isToolRoot, toolRoot } from "../project/root";
import { PROGRAM_ENTRY, programSources } from "../project/teamProgram";
import type { FlowAction } from "./flowChanges";
import { runChanges } from "./changes";
import { objectDecisions } from "./objects/reads";
import { perRun } from "./perRun";
import type { StackRun } from "./stackRun";

/** The starter's program (templates/portfolio/index.ts): a team's index.ts as `init` wrote it. */
const STARTER_PROGRAM = path.join("templates", "portfolio", PROGRAM_ENTRY);

export interface RunWrites {
  deployment: Pick<StackDeployment, "flows" | "routing" | "pendingDeletes">;
  /** What the engine does to each flow (run/flowChanges.ts). */
  flowActions: readonly FlowAction[];
  /** The routing plan's objects: routing files and declared org objects. */
  routing: readonly Pick<PlannedRouting, "id" | "kind" | "adopt">[];
  /** The declared org objects' decisions, by object id (planner/objects/decisions.ts). */
  objects: ReadonlyMap<string, ObjectDecision>;
  /** The program registers only the tool's resources. */
  toolsProgramOnly: boolean;
}

/** The state holds a flow, a routing object or a pending delete: it is not a stack's first up. */
const holdsAnything = (d: RunWrites["deployment"]): boolean =>
  d.flows.length > 0 || (d.routing ?? []).length > 0 || (d.pendingDeletes ?? []).length > 0;

/** True when the run writes nothing to the org (see above). Pure. */
export function writesNothing(r: RunWrites): boolean {
  if (holdsAnything(r.deployment) || !r.toolsProgramOnly || !r.flowActions.every((a) => a === "read")) return false;
  return r.routing.every((o) => {
    if (unitOf(o.kind).object === undefined) return o.adopt !== undefined;
    const adopt = r.objects.get(o.id)?.adopt;
    return adopt !== undefined && adopt.differs.length === 0;
  });
}

/** The program registers only the tool's resources: the tool's own folder, or a team's starter program unchanged. */
function toolsProgramOnly(root: string): boolean {
  if (isToolRoot(root)) return true;
  const sources = programSources(root);
  const starter = fs.readFileSync(path.join(toolRoot(), STARTER_PROGRAM), "utf8");
  return sources.length === 1 && sources[0]?.file === PROGRAM_ENTRY && sources[0].text === starter;
}

/** Whether this run's `up` keeps the state once at the end (PULUMI_SKIP_CHECKPOINTS); false when a read fails. */
export const skipsCheckpoints = perRun(async (run: StackRun): Promise<boolean> => {
  try {
    const deployment = await run.deployment();
    // Most runs: a state that holds something already; no read more.
    if (holdsAnything(deployment)) return false;
    const routing = run.routing().objects;
    const flowActions = (await runChanges(run)).map((c) => c.action);
    const declared = routing.some((o) => unitOf(o.kind).object !== undefined);
    const objects = declared ? await objectDecisions(run) : new Map<string, ObjectDecision>();
    const toolsOnly = toolsProgramOnly(run.root);
    return writesNothing({ deployment, flowActions, routing, objects, toolsProgramOnly: toolsOnly });
  } catch {
    return false;
  }
});
