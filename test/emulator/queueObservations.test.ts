// Analytics' queue observations on the emulator (queueObservations.ts): a simulated call a flow
// transfers to a queue waits there when the traffic says so (the emulator has no agents), and
// POST /api/v2/analytics/queues/observations/query counts it in oWaiting, per queue, in the spec's
// shape; a query naming no queue or an unknown metric is refused.
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { simulateCalls } from "../../behaviour/simulatedCalls";
import { call, publishOk } from "../../testkit/emulator";
import { architectCall } from "../../testkit/architectFlow";

const QUERY = "/api/v2/analytics/queues/observations/query";
let emu: RunningEmulator;
const post = <T = Record<string, unknown>>(path: string, body: unknown) =>
  call<T>(`${emu.url}${path}`, {
    method: "POST",
    token: emu.accessToken,
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
const byQueue = (ids: string[]) => ({
  filter: { type: "or", predicates: ids.map((value) => ({ type: "dimension", dimension: "queueId", value })) },
  metrics: ["oWaiting", "oInteracting"],
});

beforeAll(async () => {
  emu = await startEmulator({ org: { queues: ["Sales", "Support"] }, simulator: simulateCalls });
});
afterAll(async () => {
  await emu.stop();
});

it("a simulated call transferred to a queue waits there; oWaiting counts it per queue", async () => {
  await publishOk(emu, architectCall("dev-Sales", "Sales"));
  const queues = (
    await call<{ entities: Array<{ id: string; name: string }> }>(`${emu.url}/api/v2/routing/queues`, {
      token: emu.accessToken,
    })
  ).body.entities;
  const id = (name: string) => queues.find((q) => q.name === name)!.id;
  const answered = await post("/__emulator/traffic", { interactions: 2, flows: ["dev-Sales"] });
  expect(answered.status).toBe(200);
  const none = await post(QUERY, byQueue([id("Sales")]));
  expect(none.body).toEqual({
    results: [
      {
        group: { queueId: id("Sales"), mediaType: "voice" },
        data: [
          { metric: "oWaiting", stats: { count: 0 } },
          { metric: "oInteracting", stats: { count: 0 } },
        ],
      },
    ],
  });
  const tr = await post("/__emulator/traffic", { interactions: 3, flows: ["dev-Sales"], queues: "wait" });
  expect(tr.status).toBe(200);
  const waiting = await post<{
    results: Array<{ group: { queueId: string }; data: Array<{ stats: { count: number } }> }>;
  }>(QUERY, byQueue([id("Sales"), id("Support")]));
  expect(waiting.body.results.map((r) => [r.group.queueId, r.data[0].stats.count])).toEqual([
    [id("Sales"), 3],
    [id("Support"), 0],
  ]);
});

it("refuses a query that names no queue, or a metric the spec does not have", async () => {
  expect((await post(QUERY, { filter: { type: "or", predicates: [] }, metrics: ["oWaiting"] })).status).toBe(400);
  expect((await post(QUERY, { ...byQueue(["q"]), metrics: ["nWaiting"] })).status).toBe(400);
  expect((await post(QUERY, { metrics: ["oWaiting"] })).status).toBe(400);
});
