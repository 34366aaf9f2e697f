// The org objects a stack declares (objects/), as the org holds them: one list per kind declared,
// through the run's sign-in, and what the run does with each (planner/objects.ts: adopt by name,
// keep one in use, create). The run (run/stackRun.ts), its guard (run/guards/orgObjects.ts) and the
// review (tools/flowsDiff.ts, with the stack's org) read it the same way.
import { declaredObjects, decideObjects, type ObjectDecision } from "../planner/objects";
import type { PlannedRouting } from "../planner/routing";
import type { StackDeployment } from "../org/model";
import type { OrgApi } from "../org/client";
import { readObjectsByKind } from "../org/routing";

export async function readObjectDecisions(
  api: Pick<OrgApi, "all">,
  objects: readonly PlannedRouting[],
  deployment: StackDeployment,
): Promise<Map<string, ObjectDecision>> {
  const declared = declaredObjects(objects);
  if (declared.length === 0) return new Map();
  return decideObjects(
    declared,
    deployment.routing ?? [],
    await readObjectsByKind(
      api,
      declared.map((o) => o.kind),
    ),
  );
}
