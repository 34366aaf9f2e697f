// The emulator records executions (issue 77, item 1): simulated traffic through the published
// version of a small flow, recorded only once storage is enabled and the flow republished, found
// past the 200-a-query cap by narrowing the time window, downloaded through jobs in the format of
// Genesys's "Historical flow execution data overview", and the paths in the downloaded files are
// exactly the paths the simulation itself reports; analytics counts every run.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { simulateCalls } from "../../behaviour/simulatedCalls";
import { publishOk } from "../../testkit/emulator";
import { greetingCallYaml } from "../../testkit/archyFlows";

let emu: RunningEmulator;

async function api<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${emu.accessToken}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as T };
}

interface Report {
  interactions: number;
  recorded: number;
  notSimulated: Record<string, number>;
  flows: Array<{ flowId: string; version: string; runs: number; recorded: number; paths: Record<string, number>; endings: Record<string, number> }>;
}

const traffic = async (body: Record<string, unknown>): Promise<Report> => {
  const res = await api<Report>("POST", "/__emulator/traffic", body);
  expect(res.status).toBe(200);
  return res.json;
};

type Found = { id: string; startDateTime: string; flowVersion: string };
const window = (from: string, to: string) => ({ query: [{ and: [{ key: "FlowStartDateTime", operator: "gte", value: from }, { key: "FlowStartDateTime", operator: "lt", value: to }] }] });

/** Every execution in [from, to): a window that fills a query (200) is halved, as a client must. */
async function pull(from: number, to: number, counter: { queries: number }): Promise<Found[]> {
  const res = await api<{ entities: Found[] }>("POST", "/api/v2/flows/instances/query?pageSize=200", window(new Date(from).toISOString(), new Date(to).toISOString()));
  counter.queries++;
  expect(res.status).toBe(200);
  if (res.json.entities.length < 200) return res.json.entities;
  const mid = Math.floor((from + to) / 2);
  return [...(await pull(from, mid, counter)), ...(await pull(mid, to, counter))];
}

beforeAll(async () => {
  emu = await startEmulator({ simulator: simulateCalls });
});
afterAll(async () => {
  await emu?.stop();
});

test("storage off (Genesys's default) records nothing, though analytics counts every run", async () => {
  const flow = (await publishOk(emu, greetingCallYaml("Counted"))).flow.id;
  expect((await api("GET", "/api/v2/flows/instances/settings/executiondata")).json.enabled).toBe(false);
  const start = new Date(Date.now() - 3_600_000).toISOString();
  const report = await traffic({ seed: 3, interactions: 20, flows: ["Counted"], start, spacingSeconds: 1 });
  expect([report.recorded, report.flows[0].runs]).toEqual([0, 20]);
  const found = await api<{ entities: Found[] }>("POST", "/api/v2/flows/instances/query", { query: [{ and: [{ key: "FlowId", operator: "eq", value: flow }] }] });
  expect(found.json.entities).toEqual([]);
  const interval = `${start}/${new Date().toISOString()}`;
  const counts = await api<{ results: Array<{ group: Record<string, string>; data: Array<{ metrics: Array<{ stats: { count: number } }> }> }> }>("POST", "/api/v2/analytics/flowexecutions/aggregates/query", {
    interval,
    metrics: ["nFlowExecutions"],
    groupBy: ["flowId"],
    filter: { type: "and", predicates: [{ dimension: "flowId", value: flow }] },
  });
  expect(counts.json.results.map((r) => [r.group.flowId, r.data[0].metrics[0].stats.count])).toEqual([[flow, 20]]);
});

test("enabled storage records the republished version's runs, past 200 a query by narrowing the window; the files' paths are the simulation's", async () => {
  await publishOk(emu, greetingCallYaml("Sales"));
  // A few milliseconds apart, so the version's time is before the setting's on any machine.
  await new Promise((resolve) => setTimeout(resolve, 5));
  expect((await api("PATCH", "/api/v2/flows/instances/settings/executiondata", { enabled: true })).json.enabled).toBe(true);
  // Published before storage was enabled: not captured until republished (Genesys's overview).
  expect((await traffic({ seed: 1, interactions: 5, flows: ["Sales"] })).recorded).toBe(0);
  const flow = (await publishOk(emu, greetingCallYaml("Sales"))).flow.id;
  const from = Date.now() - 2 * 86_400_000;
  const input = { seed: 7, interactions: 450, flows: ["Sales"], start: new Date(from).toISOString(), spacingSeconds: 60, callers: { ani: { "+13175550001": 3, "+13175550002": 1 } } };
  const report = await traffic(input);
  expect(report.notSimulated).toEqual({});
  expect(report.recorded).toBe(450);
  const [sales] = report.flows;
  expect([sales.flowId, sales.version, sales.runs, sales.recorded]).toEqual([flow, "2.0", 450, 450]);
  // Both ways out of the decision were taken (a seeded 3:1 draw of callers), and the same seed draws the same.
  const config = await api<{ actions: Array<{ actionId: string; trackingId: number; type: string; outputPaths: Record<string, string> }> }>("GET", `/api/v2/flows/${flow}/versions/2.0/configuration`);
  const decision = config.json.actions.find((a) => a.type === "decision")!;
  const yes = sales.paths[`${decision.trackingId}:${decision.outputPaths.yes}`];
  const no = sales.paths[`${decision.trackingId}:${decision.outputPaths.no}`];
  expect(yes + no).toBe(450);
  expect(yes).toBeGreaterThan(no);
  expect(no).toBeGreaterThan(0);

  // Found: the cap holds, and a client halving full windows finds every one, once.
  expect((await api<{ entities: Found[] }>("POST", "/api/v2/flows/instances/query?pageSize=200", window(new Date(from).toISOString(), new Date().toISOString()))).json.entities).toHaveLength(200);
  const counter = { queries: 0 };
  const found = await pull(from, Date.now(), counter);
  expect(counter.queries).toBeGreaterThan(2);
  expect(new Set(found.map((f) => f.id)).size).toBe(450);
  expect(new Set(found.map((f) => f.flowVersion))).toEqual(new Set(["2.0"]));

  // Downloaded through jobs, 100 ids a job: the paths in the files are the simulation's.
  const counted: Record<string, number> = {};
  const ids = found.map((f) => f.id);
  for (let i = 0; i < ids.length; i += 100) {
    const job = await api<{ id: string; jobState: string }>("POST", "/api/v2/flows/instances/jobs", { ids: ids.slice(i, i + 100) });
    expect(job.json.jobState).toBe("Registered");
    const done = await api<{ jobState: string; entities: Array<{ id: string; failed: boolean; downloadUri: string }> }>("GET", `/api/v2/flows/instances/jobs/${job.json.id}`);
    expect([done.json.jobState, done.json.entities.length]).toEqual(["Success", Math.min(100, ids.length - i)]);
    for (const entity of done.json.entities) {
      expect(entity.failed).toBe(false);
      const file = (await (await fetch(entity.downloadUri)).json()) as { flow: { conversationId: string; division: { name: string }; endDateTime: string; flowVersion: string; execution: Array<Record<string, { actionId?: string; trackingId?: number; outputPathId?: string; executionId?: string }>> } };
      expect(file.flow.division.name).toBe("Home");
      expect(Object.keys(file.flow.execution[0])).toEqual(["startedFlow"]);
      for (const item of file.flow.execution.slice(1)) {
        const [step] = Object.values(item);
        expect(config.json.actions.map((a) => a.actionId)).toContain(step.actionId);
        counted[`${step.trackingId}:${step.outputPathId}`] = (counted[`${step.trackingId}:${step.outputPathId}`] ?? 0) + 1;
      }
    }
  }
  expect(counted).toEqual(sales.paths);
  // Found by the action and path it took, one at a time by its id too.
  const byPath = await api<{ entities: Found[] }>("POST", "/api/v2/flows/instances/query?pageSize=200", { query: [{ and: [{ key: "FlowActionOutputPathId", operator: "eq", value: decision.outputPaths.yes }, { key: "FlowStartDateTime", operator: "lt", value: new Date(from + 100 * 60_000).toISOString() }] }] });
  expect(byPath.json.entities.length).toBeGreaterThan(0);
  expect(byPath.json.entities.length).toBeLessThan(100);
  const one = await api<{ entities: Array<{ downloadUri: string }> }>("GET", `/api/v2/flows/instances/${ids[0]}`);
  expect((await fetch(one.json.entities[0].downloadUri)).status).toBe(200);
  expect((await fetch(one.json.entities[0].downloadUri.replace(/downloadToken=.*/, "downloadToken=wrong"))).status).toBe(403);
  // Deterministic: the same traffic again is the same report.
  expect(await traffic(input)).toEqual(report);
});

test("a flow whose log level is Disabled records nothing; its level set, read and removed", async () => {
  const flow = (await publishOk(emu, greetingCallYaml("Quiet"))).flow.id;
  const set = await api<{ logLevelCharacteristics: { level: string } }>("POST", `/api/v2/flows/${flow}/instances/settings/loglevels`, { logLevelCharacteristics: { level: "Disabled" } });
  expect([set.status, set.json.logLevelCharacteristics.level]).toEqual([200, "Disabled"]);
  expect((await traffic({ seed: 2, interactions: 10, flows: ["Quiet"] })).recorded).toBe(0);
  await api("PUT", `/api/v2/flows/${flow}/instances/settings/loglevels`, { logLevelCharacteristics: { level: "Notes" } });
  expect((await traffic({ seed: 2, interactions: 10, flows: ["Quiet"] })).recorded).toBe(10);
  expect((await api("DELETE", `/api/v2/flows/${flow}/instances/settings/loglevels`)).status).toBe(204);
  expect((await api("GET", `/api/v2/flows/${flow}/instances/settings/loglevels`)).status).toBe(404);
  expect((await api("POST", "/__emulator/traffic", { interactions: 1, flows: ["Nobody"] })).status).toBe(400);
});

test("a traffic file runs at start (emulator --traffic): without a simulator traffic is refused; storage on all along, the persisted org's published flows recorded; a bad file is refused naming it", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "traffic-"));
  try {
    const dataFile = path.join(dir, "org.json");
    const first = await startEmulator({ dataFile });
    await publishOk(first, greetingCallYaml("Sales"));
    // Started without a simulator (the emulator imports no interpreter), simulated traffic is refused, naming why.
    expect(() => first.traffic({ interactions: 1 })).toThrow("simulated traffic needs an emulator started with a simulator");
    await first.stop();
    const file = path.join(dir, "traffic.yaml");
    writeFileSync(file, "seed: 4\ninteractions: 5\nflows: [Sales]\nstorage: enabled\n");
    const second = await startEmulator({ dataFile, trafficFile: file, simulator: simulateCalls });
    try {
      expect([second.trafficReport?.interactions, second.trafficReport?.recorded]).toEqual([5, 5]);
    } finally {
      await second.stop();
    }
    writeFileSync(file, "interactions: 5\nflows: [Nobody]\n");
    await expect(startEmulator({ dataFile, trafficFile: file, simulator: simulateCalls })).rejects.toThrow(`traffic file ${file}: traffic: no published flow "Nobody" in the org`);
    writeFileSync(file, "interactions: many\n");
    await expect(startEmulator({ dataFile, trafficFile: file, simulator: simulateCalls })).rejects.toThrow(`traffic file ${file}: interactions:`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
