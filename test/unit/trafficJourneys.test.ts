// The journey-keeping core (traffic/journeys.ts) on recorded executions: paths and counts in the
// stack's nodes, the same bytes whatever order the executions come in, values only when asked,
// and what does not map (another version's changed action, a flow outside the stack) counted and named.
import { currentVersions, keepJourneys, sortedJson, type ExecutionFile, type StackFlow } from "../../traffic/journeys";

const T = "inboundCall.tasks[0].task.actions";
const doc = {
  inboundCall: {
    name: "dev-Orders",
    tasks: [
      {
        task: {
          name: "Main",
          actions: [
            { playAudio: { name: "Welcome" } },
            { decision: { name: "Route", outputs: { yes: { actions: [{ disconnect: { name: "Bye" } }] } } } },
            { jumpToTask: { name: "" } },
          ],
        },
      },
    ],
  },
};
const flow: StackFlow = {
  id: "calls/orders",
  file: "flows/calls/orders.yaml",
  publishedName: "dev-Orders",
  revision: "r-orders",
  doc,
  actionNodes: { [`${T}[0]`]: "Welcome", [`${T}[1]`]: "Route", [`${T}[1].decision.outputs.yes.actions[0]`]: "Bye" },
};
const current = new Set(["f1@1.0"]);

/**
 * An execution as Genesys records one: items by kind, each action by its id (of the version) and a
 * tracking number (here from 11 and against the document's order: Genesys does not say how it
 * numbers them), the level's names and variables.
 */
function run(version: string, yes: boolean, ani: string, flowName = "dev-Orders"): ExecutionFile {
  const step = (n: number, actionName: string, outputPathId = "__DEFAULT__") => {
    const ids = { actionId: `${version}-a${n}`, trackingId: 20 - n };
    return { ...ids, outputPathId, actionName, execution: [], outputVariables: [] };
  };
  return {
    flow: {
      flowId: "f1",
      flowName,
      flowVersion: version,
      execution: [
        { startedFlow: { variables: [{ variableName: "Call.Ani", value: ani }] } },
        { startedTask: { taskId: "t1", taskName: "Main" } },
        { actionPlayAudio: step(1, "Welcome") },
        {
          actionDecision: {
            ...step(2, version === "1.0" ? "Route" : "Old route", yes ? "__YES__" : "__NO__"),
            outputVariables: [{ variableName: "Flow.choice", value: yes ? "1" : "2" }],
          },
        },
        ...(yes ? [{ actionDisconnect: step(3, "Bye") }] : [{ actionJumpToTask: step(4, "") }]),
        { endedFlow: {} },
      ],
    },
  };
}

const executions = [
  run("1.0", true, "+1555001"),
  run("1.0", true, "+1555002"),
  run("1.0", false, "+1555001"),
  run("0.9", true, "+1555003"),
  run("1.0", true, "+1555004", "Someone else's"),
];
const keep = (list: readonly ExecutionFile[], keepValues = false) =>
  keepJourneys({
    stack: "dev",
    window: { from: "2026-11-20T00:00:00.000Z", to: "2026-11-27T00:00:00.000Z" },
    flows: [flow, { ...flow, id: "calls/quiet", publishedName: "dev-Quiet" }],
    current,
    executions: list,
    pull: { queries: 3, cappedWindows: [], failedDownloads: [], flowsNotInStack: {} },
    keepValues,
  });

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
  expect([old.inStack, old.journeys[0].steps]).toEqual([false, ["Welcome", "? tracking 18", "Bye"]]);
  expect(t.limits).toEqual({
    queries: 3,
    cappedWindows: [],
    failedDownloads: [],
    flowsWithoutData: ["dev-Quiet"],
    flowsNotInStack: { "Someone else's": 1 },
    versionsNotInStack: ["dev-Orders 0.9"],
    unmappedActions: { 'dev-Orders 0.9 actionDecision "Old route" (tracking 18)': 1 },
  });
});

test("the variables are named where they were recorded (the branch a value chose), their values (personal: callers' numbers) kept only with keepValues", () => {
  expect(keep(executions).flows[0].versions[1].journeys[0].inputs).toEqual({
    "(start): Call.Ani": [],
    "Route -> yes: Flow.choice": [],
  });
  expect(keep(executions, true).flows[0].versions[1].journeys[0].inputs).toEqual({
    "(start): Call.Ani": ["+1555001", "+1555002"],
    "Route -> yes: Flow.choice": ["1"],
  });
  expect(sortedJson(keep(executions))).not.toContain("+1555");
});

test("a module's items nested in its call: the module's nodes (Module.node), placed in its own document", () => {
  const M = "commonModule.startUpTaskActions";
  const verify: StackFlow = {
    id: "modules/verify",
    file: "flows/modules/verify.yaml",
    publishedName: "dev-Verify",
    revision: "r-verify",
    doc: {
      commonModule: {
        name: "dev-Verify",
        startUpTaskActions: [{ collectInput: { name: "Ask PIN", outputs: { success: {}, failure: {} } } }],
      },
    },
    actionNodes: { [`${M}[0]`]: "AskPin" },
    moduleName: "Verify",
  };
  const callerDoc = {
    inboundCall: {
      name: "dev-Orders",
      tasks: [
        {
          task: {
            name: "Main",
            actions: [
              { callCommonModule: { name: "Verify", commonModule: { "dev-Verify": {} } } },
              { disconnect: { name: "Bye" } },
            ],
          },
        },
      ],
    },
  };
  const caller: StackFlow = { ...flow, doc: callerDoc, actionNodes: { [`${T}[0]`]: "Verify", [`${T}[1]`]: "Bye" } };
  const D = "__DEFAULT__";
  const call = (execution: unknown[]) => ({
    actionCallCommonModule: { actionId: "c1", trackingId: 31, outputPathId: D, execution },
  });
  const bye = { actionDisconnect: { actionId: "c2", trackingId: 30, outputPathId: "__DEFAULT__" } };
  const execution = (items: unknown[]) => [{ startedFlow: {} }, call(items), bye];
  const nested = (items: unknown[]): ExecutionFile => {
    return { flow: { flowId: "f1", flowName: "dev-Orders", flowVersion: "1.0", execution: execution(items) } };
  };
  const keepOne = (e: ExecutionFile) =>
    keepJourneys({
      stack: "dev",
      window: { from: "a", to: "b" },
      flows: [caller, verify],
      current,
      executions: [e],
      pull: { queries: 1, cappedWindows: [], failedDownloads: [], flowsNotInStack: {} },
      keepValues: false,
    });
  const t = keepOne(nested([{ actionCollectInput: { actionId: "m1", trackingId: 12, outputPathId: "__FAILURE__" } }]));
  expect(t.flows[0].versions[0].journeys[0].steps).toEqual(["Verify", "Verify.AskPin -> failure", "Bye"]);
  expect([t.limits.flowsWithoutData, t.limits.unmappedActions]).toEqual([[], {}]);
  // An item of a kind the module has no action of is unmapped and named, not guessed.
  const hi = { actionId: "m1", trackingId: 12, outputPathId: D, actionName: "Hi" };
  const wrong = keepOne(nested([{ actionPlayAudio: hi }]));
  expect(wrong.flows[0].versions[0].journeys[0].steps).toEqual(["Verify", "? tracking 12", "Bye"]);
  expect(wrong.limits.unmappedActions).toEqual({ 'dev-Orders 1.0 actionPlayAudio "Hi" (tracking 12)': 1 });
});

test("a menu's choice names the path of the jump into the menu; the menu and the choice are no steps of their own", () => {
  const menuDoc = {
    inboundCall: {
      name: "dev-Orders",
      tasks: [
        {
          task: {
            name: "Main",
            actions: [{ jumpToMenu: { name: "Go to Main", targetMenuRef: "/inboundCall/menus/menu[Main]" } }],
          },
        },
      ],
      menus: [
        {
          menu: {
            name: "Main menu",
            refId: "Main",
            choices: [{ menuTask: { name: "Sales", task: { actions: [{ disconnect: { name: "End" } }] } } }],
          },
        },
      ],
    },
  };
  const withMenu: StackFlow = {
    ...flow,
    doc: menuDoc,
    actionNodes: { [`${T}[0]`]: "Menu", "inboundCall.menus[0].menu.choices[0].menuTask.task.actions[0]": "End" },
  };
  const items: ExecutionFile["flow"]["execution"] = [
    { actionJumpToMenu: { actionId: "j", trackingId: 14, outputPathId: "6f1c0c2e-guid" } },
    { menuMenu: { actionId: "m", trackingId: 11, outputPathId: "7a2d-guid", menuName: "Main menu" } },
    { menuTask: { actionId: "c", trackingId: 13, outputPathId: "__DEFAULT__" } },
    { actionDisconnect: { actionId: "d", trackingId: 12, outputPathId: "__DEFAULT__" } },
  ];
  const e: ExecutionFile = { flow: { flowId: "f1", flowName: "dev-Orders", flowVersion: "1.0", execution: items } };
  const t = keepJourneys({
    stack: "dev",
    window: { from: "a", to: "b" },
    flows: [withMenu],
    current,
    executions: [e],
    pull: { queries: 1, cappedWindows: [], failedDownloads: [], flowsNotInStack: {} },
    keepValues: false,
  });
  expect([t.flows[0].versions[0].journeys[0].steps, t.limits.unmappedActions]).toEqual([["Menu -> Sales", "End"], {}]);
});

test("at Base an id is placed by the order the items ran in; an ambiguous one is unmapped, never guessed", () => {
  // Three plays and two ends: the order tells Hello from Yes; the two cases of the switch (a GUID path) lead alike.
  const audio = (name: string) => ({ playAudio: { name, audio: { tts: name } } });
  const caseOf = (n: number) => {
    const actions = [audio(`Case ${n}`), { disconnect: { name: `End ${n}` } }];
    return { case: { value: { exp: `Flow.x == ${n}` }, actions } };
  };
  const route = { decision: { name: "Route", outputs: { yes: { actions: [audio("Yes")] } } } };
  const pick = { switch: { name: "Pick", cases: [caseOf(1), caseOf(2)] } };
  const main = { task: { name: "Main", refId: "Main", actions: [audio("Hello"), route, pick] } };
  const twoDoc = { inboundCall: { name: "dev-Orders", startUpRef: "/inboundCall/tasks/task[Main]", tasks: [main] } };
  const A = "inboundCall.tasks[0].task.actions";
  const S = `${A}[2].switch.cases`;
  const cases = { [`${S}[0].case.actions[0]`]: "One", [`${S}[1].case.actions[0]`]: "Two" };
  const yes = { [`${A}[1].decision.outputs.yes.actions[0]`]: "Yes" };
  const nodes = { [`${A}[0]`]: "Hello", [`${A}[1]`]: "Route", ...yes, [`${A}[2]`]: "Pick", ...cases };
  const two: StackFlow = { ...flow, doc: twoDoc, actionNodes: nodes };
  const item = (kind: string, actionId: string, trackingId: number, outputPathId = "__DEFAULT__") => {
    return { [kind]: { actionId, trackingId, outputPathId } };
  };
  const ran = [item("actionPlayAudio", "a", 40), item("actionDecision", "b", 11, "__YES__")];
  ran.push(item("actionPlayAudio", "c", 25), item("actionSwitch", "d", 12, "5c1e-guid"));
  ran.push(item("actionPlayAudio", "e", 13), item("actionDisconnect", "f", 14));
  const e: ExecutionFile = { flow: { flowId: "f1", flowName: "dev-Orders", flowVersion: "1.0", execution: ran } };
  const pull = { queries: 1, cappedWindows: [], failedDownloads: [], flowsNotInStack: {} };
  const window = { from: "a", to: "b" };
  const t = keepJourneys({ stack: "dev", window, flows: [two], current, executions: [e], pull, keepValues: false });
  const steps = ["Hello", "Route -> yes", "Yes", "Pick -> 5c1e-guid", "? tracking 13", "? tracking 14"];
  expect(t.flows[0].versions[0].journeys[0].steps).toEqual(steps);
  const unmapped = [
    'dev-Orders 1.0 actionPlayAudio "" (tracking 13)',
    'dev-Orders 1.0 actionDisconnect "" (tracking 14)',
  ];
  expect(t.limits.unmappedActions).toEqual(Object.fromEntries(unmapped.map((u) => [u, 1])));
});

test("which versions are the stack's now: a release that deployed the flow's revision of now as that version; without releases, the version the org publishes", () => {
  const ran = [
    { flowId: "f1", flowName: "dev-Orders", flowVersion: "3.0" },
    { flowId: "f1", flowName: "dev-Orders", flowVersion: "2.0" },
  ];
  const history = [
    { flows: { "calls/orders": { revision: "r-old", version: "2.0" } } },
    { flows: { "calls/orders": { revision: "r-orders", version: "3.0" } } },
  ];
  expect([...currentVersions(ran, [flow], history, new Map())]).toEqual(["f1@3.0"]);
  expect([...currentVersions(ran, [{ ...flow, revision: "r-changed" }], history, new Map())]).toEqual([]);
  expect([...currentVersions(ran, [flow], [], new Map([["f1", "2.0"]]))]).toEqual(["f1@2.0"]);
});
