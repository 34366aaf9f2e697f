// The emulator records executions (issue 77, item 1; issue 87 item 2): simulated traffic through the
// published version of a small flow, recorded only once storage is enabled and the flow
// republished, found past the 200-a-query cap by narrowing the time window (a query's groups
// written with and, or, not or criteria, all honoured, over every criteria key of the spec),
// downloaded through jobs that run (202, the spec's "Request Accepted") before they succeed (or
// fail, under a fault) in the format of Genesys's "Historical flow execution data overview" (the
// shape its sample shows, and what each log level adds), and the paths in the downloaded files are
// exactly the paths the simulation itself reports; analytics counts every run.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { simulateCalls } from "../../behaviour/simulatedCalls";
import { publishOk } from "../../testkit/emulator";
import { commonModuleYaml, greetingCallYaml } from "../../testkit/archyFlows";
import { parse } from "yaml";
import { actionIdentities } from "../../emulator/actionIds";

let emu: RunningEmulator;

async function api<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${emu.accessToken}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as T };
}

interface Report {
  interactions: number;
  recorded: number;
  notSimulated: Record<string, number>;
  flows: Array<{
    flowId: string;
    version: string;
    runs: number;
    recorded: number;
    paths: Record<string, number>;
    endings: Record<string, number>;
  }>;
}

const traffic = async (body: Record<string, unknown>): Promise<Report> => {
  const res = await api<Report>("POST", "/__emulator/traffic", body);
  expect(res.status).toBe(200);
  return res.json;
};

type Found = { id: string; startDateTime: string; flowVersion: string };
type Job = {
  id: string;
  jobState: string;
  entities?: Array<{ id: string; failed: boolean; downloadUri?: string; statusCode?: string }>;
};
type Item = Record<
  string,
  Record<string, unknown> & { trackingId?: number; outputPathId?: string; execution?: Item[] }
>;
type Download = { flow: Record<string, unknown> & { division: unknown; execution: Item[] } };

/** A job polled until it ends: Running at its first poll (202, "Request Accepted"), whatever it ends as (200). */
async function job(created: Job): Promise<Job> {
  const running = await api<Job>("GET", `/api/v2/flows/instances/jobs/${created.id}`);
  expect([running.status, running.json.jobState, running.json.entities]).toEqual([202, "Running", undefined]);
  const done = await api<Job>("GET", `/api/v2/flows/instances/jobs/${created.id}`);
  expect([done.status, ["Success", "Failed"].includes(done.json.jobState)]).toEqual([200, true]);
  return done.json;
}
const window = (from: string, to: string) => ({
  query: [
    {
      and: [
        { key: "FlowStartDateTime", operator: "gte", value: from },
        { key: "FlowStartDateTime", operator: "lt", value: to },
      ],
    },
  ],
});

/** Every execution in [from, to): a window that fills a query (200) is halved, as a client must. */
async function pull(from: number, to: number, counter: { queries: number }): Promise<Found[]> {
  const res = await api<{ entities: Found[] }>(
    "POST",
    "/api/v2/flows/instances/query?pageSize=200",
    window(new Date(from).toISOString(), new Date(to).toISOString()),
  );
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
  const found = await api<{ entities: Found[] }>("POST", "/api/v2/flows/instances/query", {
    query: [{ and: [{ key: "FlowId", operator: "eq", value: flow }] }],
  });
  expect(found.json.entities).toEqual([]);
  const interval = `${start}/${new Date().toISOString()}`;
  const counts = await api<{
    results: Array<{ group: Record<string, string>; data: Array<{ metrics: Array<{ stats: { count: number } }> }> }>;
  }>("POST", "/api/v2/analytics/flowexecutions/aggregates/query", {
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
  expect((await api("PATCH", "/api/v2/flows/instances/settings/executiondata", { enabled: true })).json.enabled).toBe(
    true,
  );
  // Published before storage was enabled: not captured until republished (Genesys's overview).
  expect((await traffic({ seed: 1, interactions: 5, flows: ["Sales"] })).recorded).toBe(0);
  const flow = (await publishOk(emu, greetingCallYaml("Sales"))).flow.id;
  const from = Date.now() - 2 * 86_400_000;
  const input = {
    seed: 7,
    interactions: 450,
    flows: ["Sales"],
    start: new Date(from).toISOString(),
    spacingSeconds: 60,
    callers: { ani: { "+13175550001": 3, "+13175550002": 1 } },
  };
  const report = await traffic(input);
  expect(report.notSimulated).toEqual({});
  expect(report.recorded).toBe(450);
  const [sales] = report.flows;
  expect([sales.flowId, sales.version, sales.runs, sales.recorded]).toEqual([flow, "2.0", 450, 450]);
  // Both ways out of the decision were taken (a seeded 3:1 draw of callers), and the same seed draws the same.
  const identities = actionIdentities(flow, "2.0", parse(greetingCallYaml("Sales")));
  const decision = [...identities.values()].find((a) => a.type === "decision")!;
  const yes = sales.paths[`${decision.trackingId}:__YES__`];
  const no = sales.paths[`${decision.trackingId}:__NO__`];
  expect(yes + no).toBe(450);
  expect(yes).toBeGreaterThan(no);
  expect(no).toBeGreaterThan(0);

  // Found: the cap holds, and a client halving full windows finds every one, once.
  expect(
    (
      await api<{ entities: Found[] }>(
        "POST",
        "/api/v2/flows/instances/query?pageSize=200",
        window(new Date(from).toISOString(), new Date().toISOString()),
      )
    ).json.entities,
  ).toHaveLength(200);
  const counter = { queries: 0 };
  const found = await pull(from, Date.now(), counter);
  expect(counter.queries).toBeGreaterThan(2);
  expect(new Set(found.map((f) => f.id)).size).toBe(450);
  expect(new Set(found.map((f) => f.flowVersion))).toEqual(new Set(["2.0"]));

  // Downloaded through jobs, 100 ids a job, Running before they succeed: the paths in the files are the simulation's.
  const counted: Record<string, number> = {};
  const ids = found.map((f) => f.id);
  for (let i = 0; i < ids.length; i += 100) {
    const done = await job(
      (await api<Job>("POST", "/api/v2/flows/instances/jobs", { ids: ids.slice(i, i + 100) })).json,
    );
    expect([done.jobState, done.entities!.length]).toEqual(["Success", Math.min(100, ids.length - i)]);
    for (const entity of done.entities!) {
      expect(entity.failed).toBe(false);
      const file = (await (await fetch(entity.downloadUri!)).json()) as Download;
      expect(file.flow.division).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(file.flow.execution.map((item) => Object.keys(item)[0]).filter((k) => !k.startsWith("action"))).toEqual([
        "startedFlow",
        "startedTask",
        "endedFlow",
      ]);
      for (const [, step] of file.flow.execution
        .flatMap((item) => Object.entries(item))
        .filter(([k]) => k.startsWith("action")))
        counted[`${step.trackingId}:${step.outputPathId}`] =
          (counted[`${step.trackingId}:${step.outputPathId}`] ?? 0) + 1;
    }
  }
  expect(counted).toEqual(sales.paths);
  // Found by the action and path it took; a listing says its total.
  const early = { key: "FlowStartDateTime", operator: "lt", value: new Date(from + 100 * 60_000).toISOString() };
  const byPath = await api<{ entities: Found[]; total: number; pageNumber: number; pageSize: number }>(
    "POST",
    "/api/v2/flows/instances/query?pageSize=10",
    { query: [{ and: [{ key: "FlowActionOutputPathId", operator: "eq", value: "__YES__" }, early] }] },
  );
  expect(byPath.json.total).toBeGreaterThan(10);
  expect(byPath.json.total).toBeLessThan(100);
  expect([byPath.json.entities.length, byPath.json.pageNumber, byPath.json.pageSize]).toEqual([10, 1, 10]);
  // A group written with criteria, or, not: each honoured (a criteria on a flow that does not exist finds none).
  const total = async (...query: unknown[]) =>
    (await api<{ total: number }>("POST", "/api/v2/flows/instances/query", { query })).json.total;
  expect(
    await total({ criteria: { key: "FlowId", operator: "eq", value: "00000000-0000-4000-8000-000000000000" } }),
  ).toBe(0);
  expect(await total({ criteria: early })).toBe(100);
  expect(
    await total({ criteria: early }, { not: [{ key: "FlowActionOutputPathId", operator: "eq", value: "__YES__" }] }),
  ).toBe(100 - byPath.json.total);
  expect(
    await total(
      { criteria: early },
      {
        or: [
          { key: "FlowActionOutputPathId", operator: "eq", value: "__YES__" },
          { key: "FlowId", operator: "eq", value: "none" },
        ],
      },
    ),
  ).toBe(byPath.json.total);
  expect((await api("POST", "/api/v2/flows/instances/query", { query: [{}] })).status).toBe(400);
  // One execution by its id starts a job too (the spec: "Start a process (job) to prepare a download"); an unknown id's entity fails with 404.
  const one = await api<Job>("GET", `/api/v2/flows/instances/${ids[0]}`);
  expect([one.json.jobState, one.json.entities]).toEqual(["Registered", undefined]);
  const ready = await job(one.json);
  expect((await fetch(ready.entities![0].downloadUri!)).status).toBe(200);
  expect((await fetch(ready.entities![0].downloadUri!.replace(/downloadToken=.*/, "downloadToken=wrong"))).status).toBe(
    403,
  );
  expect((await job((await api<Job>("GET", "/api/v2/flows/instances/no-such-execution")).json)).entities).toEqual([
    { id: "no-such-execution", failed: true, statusCode: "404" },
  ]);
  // Under the fault, a job runs and then fails, handing out nothing.
  emu.setFaults({ executionDataJobsFail: true });
  const failed = await job((await api<Job>("GET", `/api/v2/flows/instances/${ids[0]}`)).json);
  expect([failed.jobState, failed.entities]).toEqual(["Failed", undefined]);
  emu.setFaults({});
  // Deterministic: the same traffic again is the same report.
  expect(await traffic(input)).toEqual(report);
});

/** The v193 spec's CriteriaItem keys, every one. */
const SPEC_KEYS = ["FlowStartDateTime", "FlowEndDateTime", "ConversationId", "FlowType", "FlowId"];
SPEC_KEYS.push("FlowErrorReason", "FlowObjectExecutionId", "FlowActionId", "FlowActionType", "FlowActionOutputPathId");
SPEC_KEYS.push("FlowActionOutputPathName", "FlowActionIdOutputPathId", "FlowActionIdOutputPathName");
SPEC_KEYS.push("FlowActionTypeOutputPathId", "FlowActionTypeOutputPathName");
/** What the emulator never records: workitems, warnings, alternate execution ids, bots. */
const UNRECORDED = ["WorkitemId", "FlowWarningReason", "FlowAlternateExecutionId", "BotId", "BotErrorReason"];
UNRECORDED.push("BotFlowExecutionId", "BotObjectExecutionId");
SPEC_KEYS.push(...UNRECORDED);

test("every criteria key of the spec is taken and listed; what is never recorded matches nothing", async () => {
  const flow = (await publishOk(emu, greetingCallYaml("Keys"))).flow.id;
  const start = Date.now() - 3_600_000 * 30;
  const callers = { ani: { "+13175550001": 1, "+13175550002": 1 } };
  const calls = { seed: 5, interactions: 12, flows: ["Keys"], start: new Date(start).toISOString(), callers };
  expect((await traffic({ ...calls, spacingSeconds: 1, storage: "enabled" })).recorded).toBe(12);
  type Criteria = { criteria: Array<{ criteriaKey: string; criteriaGroups: string[] }> };
  const listed = (await api<Criteria>("GET", "/api/v2/flows/instances/querycapabilities")).json.criteria;
  expect(listed.map((c) => c.criteriaKey).sort()).toEqual([...SPEC_KEYS].sort());
  expect(listed.filter((c) => c.criteriaGroups[0] === "bot").map((c) => c.criteriaKey)).toEqual(UNRECORDED.slice(3));
  const ours = { criteria: { key: "FlowId", operator: "eq", value: flow } };
  const query = (...groups: unknown[]) =>
    api<{ total: number; entities: Found[] }>("POST", "/api/v2/flows/instances/query", { query: [ours, ...groups] });
  const total = async (key: string, value: string, operator = "eq") =>
    (await query({ criteria: { key, operator, value } })).json.total;
  const one = await job((await api<Job>("GET", `/api/v2/flows/instances/${(await query()).json.entities[0].id}`)).json);
  const file = (await (await fetch(one.entities![0].downloadUri!)).json()) as Download;
  const decision = file.flow.execution.find((item) => item.actionDecision)!.actionDecision;
  const [id, path] = [String(decision.actionId), String(decision.outputPathId)];
  const name = path.slice(2, -2).toLowerCase();
  const yes = await total("FlowActionOutputPathId", "__YES__");
  expect([yes > 0, yes < 12]).toEqual([true, true]);
  const taken = path === "__YES__" ? yes : 12 - yes;
  expect(await total("FlowActionOutputPathName", name)).toBe(taken);
  expect(await total("FlowActionIdOutputPathId", `${id}:${path}`)).toBe(taken);
  expect(await total("FlowActionIdOutputPathName", `${id}:${name}`)).toBe(taken);
  expect(await total("FlowActionTypeOutputPathId", `actionDecision:${path}`)).toBe(taken);
  expect(await total("FlowActionTypeOutputPathName", `actionDecision:${name}`)).toBe(taken);
  expect(await total("FlowActionIdOutputPathId", `${id}:__MAYBE__`)).toBe(0);
  expect(await total("FlowObjectExecutionId", String(decision.executionId))).toBe(1);
  for (const key of UNRECORDED) {
    const totals = [await total(key, "x"), await total(key, "x", "not_null"), await total(key, "x", "not")];
    expect([key, ...totals]).toEqual([key, 0, 0, 12]);
  }
  expect((await query({ criteria: { key: "FlowColour", value: "x" } })).status).toBe(400);
});

test("a flow whose log level is Disabled records nothing; its level set, read and removed", async () => {
  const flow = (await publishOk(emu, greetingCallYaml("Quiet"))).flow.id;
  const set = await api<{ logLevelCharacteristics: { level: string } }>(
    "POST",
    `/api/v2/flows/${flow}/instances/settings/loglevels`,
    { logLevelCharacteristics: { level: "Disabled" } },
  );
  expect([set.status, set.json.logLevelCharacteristics.level]).toEqual([200, "Disabled"]);
  expect((await traffic({ seed: 2, interactions: 10, flows: ["Quiet"] })).recorded).toBe(0);
  await api("PUT", `/api/v2/flows/${flow}/instances/settings/loglevels`, {
    logLevelCharacteristics: { level: "Notes" },
  });
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
    expect(() => first.traffic({ interactions: 1 })).toThrow(
      "simulated traffic needs an emulator started with a simulator",
    );
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
    await expect(startEmulator({ dataFile, trafficFile: file, simulator: simulateCalls })).rejects.toThrow(
      `traffic file ${file}: traffic: no published flow "Nobody" in the org`,
    );
    writeFileSync(file, "interactions: many\n");
    await expect(startEmulator({ dataFile, trafficFile: file, simulator: simulateCalls })).rejects.toThrow(
      `traffic file ${file}: interactions:`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A call flow that jumps to a menu (1: the Sales task, which calls the Tiers module; silence: the default, a goodbye). */
const MENU_CALL = `inboundCall:
  name: Shape
  division: Home
  startUpRef: "/inboundCall/tasks/task[Start_1]"
  defaultLanguage: en-us
  supportedLanguages:
    en-us:
      defaultLanguageSkill:
        noValue: true
  menus:
    - menu:
        name: Main
        refId: Main_10
        audio:
          tts: Press 1 for sales.
        settingsMenu:
          repeatCount:
            lit: 1
        choices:
          - menuJumpToTask:
              name: Sales
              dtmf: digit_1
              targetTaskRef: "/inboundCall/tasks/task[Sales_11]"
          - menuDisconnect:
              name: Bye
              refId: Main_bye
        defaultChildMenuRef: ./choices/menuDisconnect[Main_bye]
  tasks:
    - task:
        name: Start
        refId: Start_1
        actions:
          - jumpToMenu:
              name: Go to Main
              targetMenuRef: /inboundCall/menus/menu[Main_10]
    - task:
        name: Sales
        refId: Sales_11
        variables:
          - stringVariable:
              name: Task.tier
              initialValue:
                noValue: true
        actions:
          - callCommonModule:
              name: Tier
              commonModule:
                Tiers:
                  ver_latestPublished:
                    inputs:
                      Common.ani:
                        exp: Call.Ani
                    outputs:
                      Common.tier:
                        var: Task.tier
          - disconnect:
              name: Disconnect
`;

test("a download is Genesys's sample's shape: startedFlow, the task entered, each action with its ids, path, nested execution and output variables, the menu and the choice taken, a module's items nested in its call, endedFlow; each level adds what it records", async () => {
  const setTier =
    "\n    - updateData:\n        name: Set tier\n        statements:\n          - string:\n              variable: Common.tier\n              value:\n                lit: gold";
  await publishOk(emu, commonModuleYaml("Tiers", ["inboundcall"], setTier));
  const flow = (await publishOk(emu, MENU_CALL)).flow.id;
  // Two calls at each level (the flow's own), an hour apart from the others; the first one's file.
  const download = async (level: string, seed: number): Promise<Download["flow"]> => {
    await api("PUT", `/api/v2/flows/${flow}/instances/settings/loglevels`, { logLevelCharacteristics: { level } });
    const start = Date.now() - 3_600_000 * seed;
    expect(
      (
        await traffic({
          seed,
          interactions: 2,
          flows: ["Shape"],
          start: new Date(start).toISOString(),
          spacingSeconds: 1,
          storage: "enabled",
          callers: { menus: { Main: { "1": 1 } } },
        })
      ).recorded,
    ).toBe(2);
    const found = await api<{ entities: Found[] }>("POST", "/api/v2/flows/instances/query", {
      query: [
        { criteria: { key: "FlowId", operator: "eq", value: flow } },
        {
          and: [
            { key: "FlowStartDateTime", operator: "gte", value: new Date(start).toISOString() },
            { key: "FlowStartDateTime", operator: "lt", value: new Date(start + 1000).toISOString() },
          ],
        },
      ],
    });
    const done = await job((await api<Job>("GET", `/api/v2/flows/instances/${found.json.entities[0].id}`)).json);
    return ((await (await fetch(done.entities![0].downloadUri!)).json()) as Download).flow;
  };
  await api("POST", `/api/v2/flows/${flow}/instances/settings/loglevels`, {
    logLevelCharacteristics: { level: "Base" },
  });
  const base = await download("Base", 1);
  const kinds = (items: Item[]): unknown[] =>
    items.map((item) => {
      const [k, v] = Object.entries(item)[0];
      return v.execution && v.execution.length > 0 && k !== "menuMenu" ? { [k]: kinds(v.execution) } : k;
    });
  expect(kinds(base.execution)).toEqual([
    "startedFlow",
    "startedTask",
    "actionJumpToMenu",
    "menuMenu",
    "menuJumpToTask",
    "startedTask",
    { actionCallCommonModule: ["actionUpdateData", "actionEndTask"] },
    "actionDisconnect",
    "endedFlow",
  ]);
  expect(Object.keys(base).sort()).toEqual([
    "conversationId",
    "division",
    "endDateTime",
    "execution",
    "flowId",
    "flowName",
    "flowType",
    "flowVersion",
    "startDateTime",
  ]);
  const [started, task, jump, menu] = base.execution.map((item) => Object.values(item)[0]);
  expect(Object.keys(started).sort()).toEqual(["dateTime", "executionId", "languageTag", "variables"]);
  expect([started.variables, Object.keys(task).sort()]).toEqual([[], ["dateTime", "executionId", "taskId"]]);
  expect(Object.keys(jump).sort()).toEqual([
    "actionId",
    "dateTime",
    "execution",
    "executionId",
    "outputPathId",
    "outputVariables",
    "trackingId",
  ]);
  expect([jump.outputPathId, jump.execution, jump.outputVariables, menu.execution]).toEqual([
    "__DEFAULT__",
    [],
    [],
    [{ turn: {} }],
  ]);
  // Notes: names and variables; the module's update sets its output.
  const notes = await download("Notes", 2);
  const update = (notes.execution[6].actionCallCommonModule.execution as Item[])[0].actionUpdateData;
  expect([update.actionName, update.outputVariables]).toEqual([
    "Set tier",
    [{ variableName: "Common.tier", value: "gold" }],
  ]);
  expect([
    notes.execution[0].startedFlow.variables,
    notes.execution[1].startedTask.taskName,
    notes.execution[3].menuMenu.menuName,
  ]).toEqual([[{ variableName: "Call.Ani", value: expect.stringMatching(/^\+1317555/) }], "Start", "Main"]);
  // Verbose Notes: what the caller keyed at the menu; All: the actions' inputs and outputs.
  expect((await download("VerboseNotes", 3)).execution[3].menuMenu.execution).toEqual([
    { turn: { fromParticipant: { audio: { dtmf: { value: "1" } } } } },
  ]);
  const all = ((await download("All", 4)).execution[6].actionCallCommonModule.execution as Item[])[0].actionUpdateData;
  expect([all.inputData, all.outputData]).toEqual([
    { statements: [{ string: { variable: "Common.tier", value: { lit: "gold" } } }] },
    { "Common.tier": "gold" },
  ]);
});

test("a menu choice that runs as itself (a transfer choice) is the menu's item once, not also an action", async () => {
  const transfer = MENU_CALL.replace("name: Shape", "name: Transfer").replace(
    /- menuJumpToTask:\n {14}name: Sales\n {14}dtmf: digit_1\n {14}targetTaskRef: "\/inboundCall\/tasks\/task\[Sales_11\]"/,
    "- menuTransferToAcd:\n              name: Sales\n              dtmf: digit_1\n              targetQueue:\n                lit:\n                  name: Sales",
  );
  expect(transfer).toContain("menuTransferToAcd");
  emu.setOrg({ queues: ["Sales"] });
  await publishOk(emu, commonModuleYaml("Tiers", ["inboundcall"]));
  const flow = (await publishOk(emu, transfer)).flow.id;
  await api("POST", `/api/v2/flows/${flow}/instances/settings/loglevels`, {
    logLevelCharacteristics: { level: "Base" },
  });
  const start = Date.now() - 3_600_000 * 9;
  expect(
    (
      await traffic({
        seed: 9,
        interactions: 1,
        flows: ["Transfer"],
        start: new Date(start).toISOString(),
        spacingSeconds: 1,
        storage: "enabled",
        callers: { menus: { Main: { "1": 1 } } },
      })
    ).recorded,
  ).toBe(1);
  const found = await api<{ entities: Found[] }>("POST", "/api/v2/flows/instances/query", {
    query: [{ criteria: { key: "FlowId", operator: "eq", value: flow } }],
  });
  const done = await job((await api<Job>("GET", `/api/v2/flows/instances/${found.json.entities[0].id}`)).json);
  const items = ((await (await fetch(done.entities![0].downloadUri!)).json()) as Download).flow.execution.map(
    (item) => Object.keys(item)[0],
  );
  expect(items.slice(items.indexOf("menuMenu"))).toEqual(["menuMenu", "menuTransferToAcd", "endedFlow"]);
});
