// The org objects guard (run/objects/guard.ts): the stack's declared objects against the org's
// (one list per kind declared, read once): the one the org has under its name is adopted and the
// run says how (as it is, or with what the next up writes), the one it lacks is created, one in use
// is said to stay; a stack declaring none reads nothing.
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { orgObjectsGuard } from "../../../run/objects/guard";
import { guardRun } from "../../../testkit/programRun";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ org: { queues: [{ name: "Sales" }] } });
});
afterAll(async () => {
  await emu.stop();
});

const toQueue = (queue: string) => ({
  kind: "inboundCall",
  name: "Sales",
  start: "Transfer",
  nodes: { Transfer: { type: "transferToQueue", queue, transitions: { failure: "Bye" } }, Bye: { type: "disconnect" } },
});

it("adopts the queue the org has (saying what the next up writes), creates the one it lacks", async () => {
  const objects = { "queues/sales.yaml": 'name: "{{sales_queue}}"\n', "queues/billing.yaml": "name: Billing\n" };
  const { run } = guardRun(emu, {
    flows: { "calls/sales": toQueue("{{sales_queue}}") },
    objects,
    settings: { substitutions: { sales_queue: "Sales" } },
  });
  const d = await orgObjectsGuard.decide(run);
  expect(d.refusal).toBeUndefined();
  const sales = emu.org.collection("routing/queues")!.entities.find((q) => q.name === "Sales")!;
  expect(d.product.get("queues/sales")).toMatchObject({
    adopt: { id: sales.id, differs: ["acwWrapupPrompt", "scoringMethod", "skillEvaluationMethod"] },
    adopted: true,
  });
  expect(d.product.get("queues/billing")).toEqual({ adopted: false });
  expect(d.notes).toEqual([
    {
      level: "info",
      text: expect.stringMatching(
        new RegExp(
          `^queue "Sales" is in the org \\(id ${String(sales.id)}\\): adopted as it is, then updated by the next up: ` +
            "wrap-up prompt: the org has \\(none\\), objects/queues/sales.yaml says MANDATORY_TIMEOUT; ",
        ),
      ),
    },
  ]);
});

it("a stack that declares no object reads nothing of the org", async () => {
  const { run, events } = guardRun(emu, { flows: { "calls/sales": toQueue("Sales") } });
  expect(await orgObjectsGuard.decide(run)).toEqual({ product: new Map() });
  expect(events).not.toContain("sign-in");
});
