// The journey-keeping core (traffic/journeys.ts) on recorded executions: paths and counts in the
// stack's nodes, the same bytes whatever order the executions come in, values only when asked,
// and what does not map (another version's changed action, a flow outside the stack) counted and named.
import { keepJourneys, sortedJson, type ConfigAction, type ExecutionFile, type StackFlow, type VersionConfig } from "../../traffic/journeys";

const T = "inboundCall.tasks[0].task.actions";
const doc = (routeName: string) => ({
  inboundCall: { name: "dev-Orders", tasks: [{ task: { name: "Main", actions: [{ playAudio: { name: "Welcome" } }, { decision: { name: routeName, outputs: { yes: { actions: [{ disconnect: { name: "Bye" } }] } } } }, { jumpToTask: { name: "" } }] } }] },
});
const flow: StackFlow = { id: "calls/orders", file: "flows/calls/orders.yaml", publishedName: "dev-Orders", doc: doc("Route"), actionNodes: { [`${T}[0]`]: "Welcome", [`${T}[1]`]: "Route", [`${T}[1].decision.outputs.yes.actions[0]`]: "Bye" } };
const actions = (v: string): ConfigAction[] => [
  { actionId: `${v}-a1`, trackingId: 1, type: "playAudio", name: "Welcome", path: `${T}[0]`, outputPaths: {} },
  { actionId: `${v}-a2`, trackingId: 2, type: "decision", name: v === "1.0" ? "Route" : "Old route", path: `${T}[1]`, outputPaths: { yes: `${v}-yes`, no: `${v}-no` } },
  { actionId: `${v}-a3`, trackingId: 3, type: "disconnect", name: "Bye", path: `${T}[1].decision.outputs.yes.actions[0]`, outputPaths: {} },
  { actionId: `${v}-a4`, trackingId: 4, type: "jumpToTask", name: "", path: `${T}[2]`, outputPaths: {} },
];
const configs = new Map<string, VersionConfig>([
  ["f1@1.0", { flowId: "f1", version: "1.0", document: doc("Route"), actions: actions("1.0") }],
  ["f1@0.9", { flowId: "f1", version: "0.9", document: doc("Old route"), actions: actions("0.9") }],
]);

function run(version: string, yes: boolean, ani: string, flowName = "dev-Orders"): ExecutionFile {
  const step = (n: number, outputPathId = "__DEFAULT__") => ({ actionId: `${version}-a${n}`, trackingId: n, outputPathId });
  return {
    flow: {
      flowId: "f1",
      flowName,
      flowVersion: version,
      execution: [{ startedFlow: { variables: { "Call.Ani": ani } } }, { actionPlayAudio: step(1) }, { actionDecision: { ...step(2, `${version}-${yes ? "yes" : "no"}`), outputVariables: { "Flow.choice": yes ? "1" : "2" } } }, ...(yes ? [{ actionDisconnect: step(3) }] : [{ actionJumpToTask: step(4) }])],
    },
  };
}

const executions = [run("1.0", true, "+1555001"), run("1.0", true, "+1555002"), run("1.0", false, "+1555001"), run("0.9", true, "+1555003"), run("1.0", true, "+1555004", "Someone else's")];
const keep = (list: readonly ExecutionFile[], keepValues = false) =>
  keepJourneys({ stack: "dev", window: { from: "2026-11-20T00:00:00.000Z", to: "2026-11-27T00:00:00.000Z" }, flows: [flow, { ...flow, id: "calls/quiet", publishedName: "dev-Quiet" }], configs, executions: list, pull: { queries: 3, cappedWindows: [], failedDownloads: [], flowsNotInStack: {} }, keepValues });

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
    unmappedActions: { 'dev-Orders 0.9 decision "Old route" (tracking 2)': 1 },
  });
});

test("the variables are named where they were recorded (the branch a value chose), their values (personal: callers' numbers) kept only with keepValues", () => {
  expect(keep(executions).flows[0].versions[1].journeys[0].inputs).toEqual({ "(start): Call.Ani": [], "Route -> yes: Flow.choice": [] });
  expect(keep(executions, true).flows[0].versions[1].journeys[0].inputs).toEqual({ "(start): Call.Ani": ["+1555001", "+1555002"], "Route -> yes: Flow.choice": ["1"] });
  expect(sortedJson(keep(executions))).not.toContain("+1555");
});

test("a module's actions run inside its caller's execution: kept as the module's nodes (Module.node), the module not counted as a flow without data", () => {
  const M = "commonModule.startUpTaskActions";
  const moduleDoc = { commonModule: { name: "dev-Verify", startUpTaskActions: [{ collectInput: { name: "Ask PIN" } }] } };
  const verify: StackFlow = { id: "modules/verify", file: "flows/modules/verify.yaml", publishedName: "dev-Verify", doc: moduleDoc, actionNodes: { [`${M}[0]`]: "AskPin" }, moduleName: "Verify" };
  const moduleConfigs = new Map<string, VersionConfig>([["dev-Verify", { flowId: "m1", version: "3.0", document: moduleDoc, actions: [{ actionId: "m-a1", trackingId: 1, type: "collectInput", name: "Ask PIN", path: `${M}[0]`, outputPaths: { success: "m-ok", failure: "m-fail" } }] }]]);
  const withModule = run("1.0", false, "+1555005");
  withModule.flow.execution.splice(2, 0, { actionCollectInput: { actionId: "m-a1", trackingId: 1, outputPathId: "m-fail" } });
  const t = keepJourneys({ stack: "dev", window: { from: "a", to: "b" }, flows: [flow, verify], configs, moduleConfigs, executions: [withModule], pull: { queries: 1, cappedWindows: [], failedDownloads: [], flowsNotInStack: {} }, keepValues: false });
  expect(t.flows[0].versions[0].journeys[0].steps).toEqual(["Welcome", "Verify.AskPin -> failure", "Route -> no"]);
  expect([t.limits.flowsWithoutData, t.limits.unmappedActions]).toEqual([[], {}]);
  // Without the module's configuration, its action is unmapped and named.
  const without = keepJourneys({ stack: "dev", window: { from: "a", to: "b" }, flows: [flow, verify], configs, executions: [withModule], pull: { queries: 1, cappedWindows: [], failedDownloads: [], flowsNotInStack: {} }, keepValues: false });
  expect(without.flows[0].versions[0].journeys[0].steps).toEqual(["Welcome", "? tracking 1", "Route -> no"]);
});
