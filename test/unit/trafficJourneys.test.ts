// The journey-keeping core (traffic/journeys.ts) on recorded executions: paths and counts in the
// stack's nodes, the same bytes whatever order the executions come in, values only when asked,
// and what does not map (another version's changed action, a flow outside the stack) counted and named.
import { currentVersions, keepJourneys, sortedJson, type ExecutionFile, type StackFlow } from "../../traffic/journeys";

const T = "inboundCall.tasks[0].task.actions";
const doc = {
  inboundCall: { name: "dev-Orders", tasks: [{ task: { name: "Main", actions: [{ playAudio: { name: "Welcome" } }, { decision: { name: "Route", outputs: { yes: { actions: [{ disconnect: { name: "Bye" } }] } } } }, { jumpToTask: { name: "" } }] } }] },
};
const flow: StackFlow = { id: "calls/orders", file: "flows/calls/orders.yaml", publishedName: "dev-Orders", revision: "r-orders", doc, actionNodes: { [`${T}[0]`]: "Welcome", [`${T}[1]`]: "Route", [`${T}[1].decision.outputs.yes.actions[0]`]: "Bye" } };
const current = new Set(["f1@1.0"]);

/** An execution as Genesys records one: items by kind, each action by its tracking number (here: the document's order), the level's names and variables. */
function run(version: string, yes: boolean, ani: string, flowName = "dev-Orders"): ExecutionFile {
  const step = (n: number, actionName: string, outputPathId = "__DEFAULT__") => ({ actionId: `${version}-a${n}`, trackingId: n, outputPathId, actionName, execution: [], outputVariables: [] });
  return {
    flow: {
      flowId: "f1",
      flowName,
      flowVersion: version,
      execution: [
        { startedFlow: { variables: [{ variableName: "Call.Ani", value: ani }] } },
        { startedTask: { taskId: "t1", taskName: "Main" } },
        { actionPlayAudio: step(1, "Welcome") },
        { actionDecision: { ...step(2, version === "1.0" ? "Route" : "Old route", yes ? "__YES__" : "__NO__"), outputVariables: [{ variableName: "Flow.choice", value: yes ? "1" : "2" }] } },
        ...(yes ? [{ actionDisconnect: step(3, "Bye") }] : [{ actionJumpToTask: step(4, "") }]),
        { endedFlow: {} },
      ],
    },
  };
}

const executions = [run("1.0", true, "+1555001"), run("1.0", true, "+1555002"), run("1.0", false, "+1555001"), run("0.9", true, "+1555003"), run("1.0", true, "+1555004", "Someone else's")];
const keep = (list: readonly ExecutionFile[], keepValues = false) =>
  keepJourneys({ stack: "dev", window: { from: "2026-11-20T00:00:00.000Z", to: "2026-11-27T00:00:00.000Z" }, flows: [flow, { ...flow, id: "calls/quiet", publishedName: "dev-Quiet" }], current, executions: list, pull: { queries: 3, cappedWindows: [], failedDownloads: [], flowsNotInStack: {} }, keepValues });

test("paths in the stack's nodes with their counts; compiler-added actions left out", () => {
  const t = keep(executions);
  const [orders] = t.flows;
  const current = orders.versions.find((v) => v.version === "1.0")!;
  expect([current.inStack, current.executions]).toEqual([true, 3]);
  expect(current.journeys.map((j) => [j.count, j.steps])).toEqual([
    [2, ["Welcome", "Route -> yes", "Bye"]],
    [1, ["Welcome", "Route -> no"]],
  ]);
  expect(current.journeys[0].id).toMatch(/^[0-9a-f]{12}$/);
});

test("deterministic: the executions in another order give the same bytes", () => {
  expect(sortedJson(keep([...executions].reverse()))).toBe(sortedJson(keep(executions)));
  expect(sortedJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{\n  "a": {\n    "c": 3,\n    "d": 2\n  },\n  "b": 1\n}\n');
});

test("what does not map is counted and named: an older version's changed action, flows outside the stack or without data", () => {
  const t = keep(executions);
  const old = t.flows[0].versions.find((v) => v.version === "0.9")!;
  expect([old.inStack, old.journeys[0].steps]).toEqual([false, ["Welcome", "? tracking 2", "Bye"]]);
  expect(t.limits).toEqual({
    queries: 3,
    cappedWindows: [],
    failedDownloads: [],
    flowsWithoutData: ["dev-Quiet"],
    flowsNotInStack: { "Someone else's": 1 },
    versionsNotInStack: ["dev-Orders 0.9"],
    unmappedActions: { 'dev-Orders 0.9 actionDecision "Old route" (tracking 2)': 1 },
  });
});

test("the variables are named where they were recorded (the branch a value chose), their values (personal: callers' numbers) kept only with keepValues", () => {
  expect(keep(executions).flows[0].versions[1].journeys[0].inputs).toEqual({ "(start): Call.Ani": [], "Route -> yes: Flow.choice": [] });
  expect(keep(executions, true).flows[0].versions[1].journeys[0].inputs).toEqual({ "(start): Call.Ani": ["+1555001", "+1555002"], "Route -> yes: Flow.choice": ["1"] });
  expect(sortedJson(keep(executions))).not.toContain("+1555");
});

test("a module's items run nested in its call's execution list: kept as the module's nodes (Module.node), mapped by the module's own tracking numbers; the module not counted as a flow without data", () => {
  const M = "commonModule.startUpTaskActions";
  const verify: StackFlow = { id: "modules/verify", file: "flows/modules/verify.yaml", publishedName: "dev-Verify", revision: "r-verify", doc: { commonModule: { name: "dev-Verify", startUpTaskActions: [{ collectInput: { name: "Ask PIN", outputs: { success: {}, failure: {} } } }] } }, actionNodes: { [`${M}[0]`]: "AskPin" }, moduleName: "Verify" };
  const callerDoc = { inboundCall: { name: "dev-Orders", tasks: [{ task: { name: "Main", actions: [{ callCommonModule: { name: "Verify", commonModule: { "dev-Verify": {} } } }, { disconnect: { name: "Bye" } }] } }] } };
  const caller: StackFlow = { ...flow, doc: callerDoc, actionNodes: { [`${T}[0]`]: "Verify", [`${T}[1]`]: "Bye" } };
  const nested = (items: unknown[]): ExecutionFile => ({ flow: { flowId: "f1", flowName: "dev-Orders", flowVersion: "1.0", execution: [{ startedFlow: {} }, { actionCallCommonModule: { trackingId: 1, outputPathId: "__DEFAULT__", execution: items } } as never, { actionDisconnect: { trackingId: 2, outputPathId: "__DEFAULT__" } }] } });
  const keepOne = (e: ExecutionFile) => keepJourneys({ stack: "dev", window: { from: "a", to: "b" }, flows: [caller, verify], current, executions: [e], pull: { queries: 1, cappedWindows: [], failedDownloads: [], flowsNotInStack: {} }, keepValues: false });
  const t = keepOne(nested([{ actionCollectInput: { trackingId: 1, outputPathId: "__FAILURE__" } }]));
  expect(t.flows[0].versions[0].journeys[0].steps).toEqual(["Verify", "Verify.AskPin -> failure", "Bye"]);
  expect([t.limits.flowsWithoutData, t.limits.unmappedActions]).toEqual([[], {}]);
  // An item of another kind than the module's action at that number is unmapped and named, not guessed.
  const wrong = keepOne(nested([{ actionPlayAudio: { trackingId: 1, outputPathId: "__DEFAULT__", actionName: "Hello" } }]));
  expect([wrong.flows[0].versions[0].journeys[0].steps, wrong.limits.unmappedActions]).toEqual([["Verify", "? tracking 1", "Bye"], { 'dev-Orders 1.0 actionPlayAudio "Hello" (tracking 1)': 1 }]);
});

test("a menu's choice names the path of the jump into the menu; the menu and the choice are no steps of their own", () => {
  const menuDoc = {
    inboundCall: {
      name: "dev-Orders",
      tasks: [{ task: { name: "Main", actions: [{ jumpToMenu: { name: "Go to Main", targetMenuRef: "/inboundCall/menus/menu[Main]" } }] } }],
      menus: [{ menu: { name: "Main menu", refId: "Main", choices: [{ menuTask: { name: "Sales", task: { actions: [{ disconnect: { name: "End" } }] } } }] } }],
    },
  };
  const withMenu: StackFlow = { ...flow, doc: menuDoc, actionNodes: { [`${T}[0]`]: "Menu", "inboundCall.menus[0].menu.choices[0].menuTask.task.actions[0]": "End" } };
  const e: ExecutionFile = { flow: { flowId: "f1", flowName: "dev-Orders", flowVersion: "1.0", execution: [{ actionJumpToMenu: { trackingId: 1, outputPathId: "6f1c0c2e-guid" } }, { menuMenu: { trackingId: 2, outputPathId: "7a2d-guid", menuName: "Main menu" } }, { menuTask: { trackingId: 3, outputPathId: "__DEFAULT__" } }, { actionDisconnect: { trackingId: 4, outputPathId: "__DEFAULT__" } }] } };
  const t = keepJourneys({ stack: "dev", window: { from: "a", to: "b" }, flows: [withMenu], current, executions: [e], pull: { queries: 1, cappedWindows: [], failedDownloads: [], flowsNotInStack: {} }, keepValues: false });
  expect([t.flows[0].versions[0].journeys[0].steps, t.limits.unmappedActions]).toEqual([["Menu -> Sales", "End"], {}]);
});

test("which versions are the stack's now: a release that deployed the flow's revision of now as that version; without releases, the version the org publishes", () => {
  const ran = [
    { flowId: "f1", flowName: "dev-Orders", flowVersion: "3.0" },
    { flowId: "f1", flowName: "dev-Orders", flowVersion: "2.0" },
  ];
  const history = [{ flows: { "calls/orders": { revision: "r-old", version: "2.0" } } }, { flows: { "calls/orders": { revision: "r-orders", version: "3.0" } } }];
  expect([...currentVersions(ran, [flow], history, new Map())]).toEqual(["f1@3.0"]);
  expect([...currentVersions(ran, [{ ...flow, revision: "r-changed" }], history, new Map())]).toEqual([]);
  expect([...currentVersions(ran, [flow], [], new Map([["f1", "2.0"]]))]).toEqual(["f1@2.0"]);
});
