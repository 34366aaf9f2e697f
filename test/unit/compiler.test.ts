// The compiler's output for a fixture portfolio of every kind, as golden files (review changes
// with UPDATE_GOLDEN=1 npm run test:unit), and the properties every compiled file has.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { compileFlow, parseArchyYaml } from "../../compiler";
import { planPortfolio } from "../../planner/portfolio";
import { flowIdOf } from "../../planner/names";
import { issuesOf, settings } from "../../testkit/portfolio";

const FIXTURES = join(__dirname, "fixtures", "compiler");
const GOLDEN = join(__dirname, "golden", "compiler");

function fixtureSources() {
  const out: Array<{ id: string; file: string; text: string }> = [];
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const r = rel ? `${rel}/${name}` : name;
      if (name.endsWith(".yaml"))
        out.push({ id: flowIdOf(`flows/${r}`)!, file: `flows/${r}`, text: readFileSync(p, "utf8") });
      else walk(p, r);
    }
  };
  walk(FIXTURES, "");
  return out;
}

const portfolio = () =>
  planPortfolio({
    stack: "test",
    settings: settings({
      namePrefix: "t-",
      substitutions: { brand: "Acme" },
      flows: { "calls/main": { substitutions: { vip_queue: "VIP" } } },
    }),
    sources: fixtureSources(),
  });

describe("compiled fixture portfolio", () => {
  const p = portfolio();

  test.each(p.flows.map((f) => f.id))("%s matches its golden file", (id) => {
    const flow = p.flows.find((f) => f.id === id)!;
    const golden = join(GOLDEN, `${id}.yaml`);
    if (process.env.UPDATE_GOLDEN === "1") {
      mkdirSync(dirname(golden), { recursive: true });
      writeFileSync(golden, flow.templateYaml);
    }
    expect(flow.templateYaml).toBe(readFileSync(golden, "utf8"));
  });

  test("the same input compiles to byte-identical text", () => {
    const again = portfolio();
    expect(again.flows.map((f) => f.templateYaml)).toEqual(p.flows.map((f) => f.templateYaml));
  });

  test("only constructs real exports use: no jumpToTask, no expression as an initial value, no YAML aliases", () => {
    for (const f of p.flows) {
      expect(f.templateYaml).not.toContain("jumpToTask");
      expect(f.templateYaml).not.toMatch(/^\s*[&*][A-Za-z]/m);
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === "object") {
          for (const [k, x] of Object.entries(v)) {
            if (k === "initialValue") expect(Object.keys(x as object)).not.toContain("exp");
            walk(x);
          }
        }
      };
      walk(parseArchyYaml(f.templateYaml));
    }
  });

  test("a node reached from several places is one reusable task in a call flow, and follows the branching action once in an email flow", () => {
    const main = p.flows.find((f) => f.id === "calls/main")!.templateYaml;
    expect(main.match(/refId: Busy/g)).toHaveLength(1);
    expect(main.match(/targetTaskRef: \/inboundCall\/tasks\/task\[Busy\]/g)!.length).toBeGreaterThanOrEqual(2);
    const mail = p.flows.find((f) => f.id === "digital/email")!.templateYaml;
    expect(mail).not.toContain("tasks:");
    // Both paths of the decision meet at the transfer: written once after it (model/graph.ts structuredJoins).
    expect(mail.match(/name: Queue/g)).toHaveLength(1);
  });

  test("modules come before the flows calling them, and the published name of a module is what callers reference", () => {
    expect(p.flows.map((f) => f.id)).toEqual([
      "modules/lookup",
      "modules/verify",
      "calls/main",
      "calls/queue",
      "digital/email",
      "digital/message",
    ]);
    const main = p.flows.find((f) => f.id === "calls/main")!;
    expect(main.templateYaml).toContain("t-Verify:");
    expect(main.calls).toEqual(["modules/verify"]);
  });
});

test("a flow whose shared nodes would be copied too often is refused, naming the flow", () => {
  // A ladder of 12 rungs whose paths cross at every rung (so they never meet at one node that
  // could follow a decision): 2^12 paths in an email flow (no reusable tasks).
  const nodes: Record<string, unknown> = {};
  for (let i = 0; i < 12; i++) {
    nodes[`D${i}`] = { type: "decision", expression: "true", transitions: { yes: `D${i + 1}`, no: `E${i + 1}` } };
    nodes[`E${i}`] = { type: "decision", expression: "false", transitions: { yes: `D${i + 1}`, no: `E${i + 1}` } };
  }
  nodes.D12 = { type: "disconnect" };
  nodes.E12 = { type: "disconnect" };
  const [issue] = issuesOf(() =>
    compileFlow(
      {
        file: "flows/wide.yaml",
        model: {
          kind: "inboundEmail",
          name: "Wide",
          defaultLanguage: "en-us",
          variables: {},
          start: "D0",
          nodes,
        } as never,
      },
      { publishedName: "Wide", modules: new Map() },
    ),
  );
  expect(issue.file).toBe("flows/wide.yaml");
  expect(issue.message).toMatch(/more than 2000 node copies/);
});

test("an in-queue flow's path that would end inside a loop is refused, naming the node and the transition", () => {
  const nodes = {
    Retry: { type: "loop", maxLoops: 2, transitions: { body: "Queue", done: "Bye" } },
    Queue: { type: "transferToQueue", queue: "Support", transitions: {} },
    Bye: { type: "disconnect", transitions: {} },
  };
  const [issue] = issuesOf(() =>
    compileFlow(
      {
        file: "flows/hold.yaml",
        model: {
          kind: "inQueueCall",
          name: "Hold",
          defaultLanguage: "en-us",
          variables: {},
          start: "Retry",
          nodes,
        } as never,
      },
      { publishedName: "Hold", modules: new Map() },
    ),
  );
  expect(issue).toMatchObject({ file: "flows/hold.yaml", node: "Queue", nodeType: "transferToQueue" });
  expect(issue.message).toBe(
    'has no "failure" transition, and a path of an in-queue call flow cannot end inside loop "Retry"; give it one',
  );
});

test("nodes no run reaches are laid out nowhere, even one two unreachable transitions lead to (found by compilerSemantics)", () => {
  // Retry's body goes round through Office and Log; Stray, which nothing reaches, leads to Shared
  // twice, and Shared to Log. Counting Stray's transitions made Shared a task of its own, laid out
  // outside the loop, and Log's way back to Retry was then refused as coming from another loop.
  const nodes = {
    Start: { type: "setVariable", variable: "Flow.v", value: '"0"', transitions: { next: "Retry" } },
    Retry: { type: "loop", maxLoops: 2, transitions: { body: "Office", done: "Bye" } },
    Office: {
      type: "scheduleGroup",
      scheduleGroup: "Office",
      transitions: { open: "Retry", closed: "Log", holiday: "Retry" },
    },
    Stray: { type: "decision", expression: 'Flow.v == "7"', transitions: { yes: "Shared", no: "Shared" } },
    Shared: { type: "setVariable", variable: "Flow.v", value: '"8"', transitions: { next: "Log" } },
    Log: { type: "setVariable", variable: "Flow.v", value: '"9"', transitions: { next: "Retry" } },
    Bye: { type: "disconnect", transitions: {} },
  };
  for (const kind of ["inboundCall", "inboundShortMessage"]) {
    const model = {
      kind,
      name: "Loops",
      defaultLanguage: "en-us",
      variables: { "Flow.v": { type: "string" } },
      start: "Start",
      nodes,
    };
    const text = compileFlow(
      { file: "flows/loops.yaml", model: model as never },
      { publishedName: "Loops", modules: new Map() },
    );
    expect(text).toContain("Log");
    expect(text).not.toContain("Shared");
    expect(text).not.toContain("Stray");
  }
});

test("a way back to a loop from a branch of raw Archy whose next goes elsewhere is Next Loop (found by the import's round trip)", () => {
  // Falling through the branch would run the raw action's next (B), not the next iteration.
  const nodes = {
    Retry: { type: "loop", maxLoops: 3, transitions: { body: "Check", done: "Done" } },
    Check: {
      type: "archy",
      actions: [{ decision: { name: "Check", condition: { exp: "true" } } }],
      transitions: { yes: "Retry", next: "Note" },
    },
    Note: {
      type: "archy",
      actions: [{ updateData: { name: "Note", statements: [] } }],
      transitions: { next: "Retry" },
    },
    Done: { type: "endWorkflow", transitions: {} },
  };
  const model = { kind: "workflow", name: "Loops", defaultLanguage: "en-us", variables: {}, start: "Retry", nodes };
  const doc = parseArchyYaml(
    compileFlow({ file: "flows/loops.yaml", model: model as never }, { publishedName: "Loops", modules: new Map() }),
  );
  const check = { decision: { name: "Check", outputs: { yes: { actions: [{ loopNext: { name: "Next Retry" } }] } } } };
  expect(doc).toMatchObject({
    workflow: {
      states: [
        {
          state: {
            actions: [
              { loop: { outputs: { loop: { actions: [check, { updateData: { name: "Note" } }] } } } },
              { endWorkflow: {} },
            ],
          },
        },
      ],
    },
  });
});

test("a node after a loop whose body leaves at once (Exit Loop first) is shared like any node, not repeated (found by the import's round trip)", () => {
  const nodes = {
    Ask: { type: "decision", expression: 'Call.Ani == "1"', transitions: { yes: "Retry", no: "Shared" } },
    Retry: { type: "loop", maxLoops: 2, transitions: { body: "Shared", done: "Shared" } },
    Shared: { type: "setVariable", variable: "Flow.v", value: '"1"', transitions: { next: "Bye" } },
    Bye: { type: "disconnect", transitions: {} },
  };
  const model = {
    kind: "inboundCall",
    name: "Loops",
    defaultLanguage: "en-us",
    variables: { "Flow.v": { type: "string" } },
    start: "Ask",
    nodes,
  };
  const text = compileFlow(
    { file: "flows/loops.yaml", model: model as never },
    { publishedName: "Loops", modules: new Map() },
  );
  expect(text.match(/- updateData:\n\s+name: Shared\n/g)).toHaveLength(1);
  expect(text).toContain("targetTaskRef: /inboundCall/tasks/task[Shared]");
});
