// run/checkpoints.ts: the engine keeps the state once, at the end, only for a run that writes
// nothing to the org (a stack's first up that adopts everything it declares, with the tool's program).
import { writesNothing, type RunWrites } from "../../run/checkpoints";
import type { ObjectDecision } from "../../planner/objects/decisions";

const asIs: ObjectDecision = { adopt: { id: "q-1", differs: [], org: {}, words: [] }, adopted: true };

/** An adoption's first up: nothing in the state, two flows read, a schedule taken over by id, a queue adopted as the org has it. */
const adoption = (): RunWrites => ({
  deployment: { flows: [], routing: [], pendingDeletes: [] },
  flowActions: ["read", "read"],
  routing: [
    { id: "schedules/weekdays", kind: "schedule", adopt: "s-1" },
    { id: "queues/sales", kind: "queue" },
  ],
  objects: new Map([["queues/sales", asIs]]),
  toolsProgramOnly: true,
});

describe("writesNothing", () => {
  test("an adoption's first up writes nothing", () => {
    expect(writesNothing(adoption())).toBe(true);
    expect(writesNothing({ ...adoption(), flowActions: [], routing: [] })).toBe(true);
  });

  test.each(["create", "import", "update", "replace", "delete", "forget", "same"] as const)(
    "a flow the engine would %s: the checkpoints stay",
    (action) => {
      expect(writesNothing({ ...adoption(), flowActions: ["read", action] })).toBe(false);
    },
  );

  test("a state that holds anything already: the checkpoints stay", () => {
    const flow = { id: "sales" } as RunWrites["deployment"]["flows"][number];
    const routing = { id: "schedules/weekdays" } as NonNullable<RunWrites["deployment"]["routing"]>[number];
    const pending = { id: "old" } as NonNullable<RunWrites["deployment"]["pendingDeletes"]>[number];
    for (const deployment of [
      { flows: [flow], routing: [] },
      { flows: [], routing: [routing] },
      { flows: [], routing: [], pendingDeletes: [pending] },
    ])
      expect(writesNothing({ ...adoption(), deployment })).toBe(false);
  });

  test("a routing object created, an org object created or adopted with fields the org holds otherwise: the checkpoints stay", () => {
    const created = adoption();
    expect(writesNothing({ ...created, routing: [{ id: "schedules/weekdays", kind: "schedule" }] })).toBe(false);
    expect(writesNothing({ ...created, objects: new Map([["queues/sales", { adopted: false }]]) })).toBe(false);
    expect(writesNothing({ ...created, objects: new Map() })).toBe(false);
    const differs = { ...asIs, adopt: { ...asIs.adopt!, differs: ["description"] } };
    expect(writesNothing({ ...created, objects: new Map([["queues/sales", differs]]) })).toBe(false);
  });

  test("a team's program with resources of its own: the checkpoints stay", () => {
    expect(writesNothing({ ...adoption(), toolsProgramOnly: false })).toBe(false);
  });
});
