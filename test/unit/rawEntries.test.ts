// Nodes raw Archy enters (model/rawEntries.ts): a jump of an archy node, or of a task kept as
// exported, to a task named by a node id. The compiler writes such a node as a task of that
// refId; the checks follow the move (reachability), refuse it into a loop's body or in a kind
// whose compiled files have no reusable tasks; the layout never places a meeting node where raw
// Archy enters, nor one that leads back to its branching node.
import { runChecks, type Finding } from "../../checks";
import { compileFlow, parseArchyYaml } from "../../compiler";
import { validateArchyDocument } from "../../archy/validate";
import { parseFlowText } from "../../model/load";
import { structuredJoins } from "../../model/graph";
import { rawEntryEdges, rawEntryNodes } from "../../model/rawEntries";
import type { FlowModel } from "../../model/schema";
import { flowText, type FlowSpec } from "../../testkit/portfolio";

const jump = (to: string, kind = "inboundCall") => ({
  jumpToTask: { name: `Go to ${to}`, targetTaskRef: `/${kind}/tasks/task[${to}]` },
});

/** Start (archy) calls the raw task Say_2, which jumps to the node Closed; Open is where Start goes on. */
function spec(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: "inboundCall",
    name: "Entries",
    start: "Start",
    archySettings: {
      tasks: [
        {
          task: {
            name: "Say",
            refId: "Say_2",
            actions: [{ playAudio: { name: "Hi", audio: { tts: "Hi." } } }, jump("Closed")],
          },
        },
      ],
    },
    nodes: {
      Start: {
        type: "archy",
        actions: [{ callTask: { name: "Say", targetTaskRef: "/inboundCall/tasks/task[Say_2]" } }],
        transitions: { next: "Open" },
      },
      Open: { type: "playMessage", prompt: "We are open.", transitions: { next: "Bye" } },
      Closed: { type: "playMessage", prompt: "We are closed.", transitions: { next: "Bye" } },
      Bye: { type: "disconnect" },
    },
    ...overrides,
  };
}

function loaded(s: FlowSpec) {
  return parseFlowText(flowText(s), "flows/entries.yaml");
}

function check(s: FlowSpec): string[] {
  const flow = loaded(s);
  const out: Finding[] = runChecks({
    flows: [{ file: flow.file, id: "entries", model: flow.model, displayName: flow.model.name }],
  });
  return out.map((f) => `${f.ruleId} ${f.node ?? ""}: ${f.message}`);
}

describe("nodes raw Archy enters", () => {
  test("through a raw task the archy node moves to, and directly", () => {
    const model = loaded(spec()).model;
    expect(rawEntryNodes(model)).toEqual(["Closed"]);
    expect([...rawEntryEdges(model)]).toEqual([["Start", ["Closed"]]]);
    const direct = loaded(
      spec({
        archySettings: undefined,
        nodes: { ...(spec().nodes as object), Start: { type: "archy", actions: [jump("Closed")] } },
      }),
    ).model;
    expect([...rawEntryEdges(direct)]).toEqual([["Start", ["Closed"]]]);
  });

  test("such a node is reachable; without the move it is not", () => {
    expect(check(spec())).toEqual([]);
    const noJump = spec({
      archySettings: {
        tasks: [
          { task: { name: "Say", refId: "Say_2", actions: [{ playAudio: { name: "Hi", audio: { tts: "Hi." } } }] } },
        ],
      },
    });
    expect(check(noJump)).toEqual(['reachable-nodes Closed: node is not reachable from start node "Start"']);
  });

  test("it compiles to a task of that refId, and the compiled flow is valid Archy", () => {
    const flow = loaded(spec());
    const compiled = parseArchyYaml(compileFlow(flow, { publishedName: "Entries", modules: new Map() })) as {
      inboundCall: { tasks: Array<{ task: { refId: string } }> };
    };
    expect(compiled.inboundCall.tasks.map((t) => t.task.refId)).toEqual(
      expect.arrayContaining(["Start", "Closed", "Say_2"]),
    );
    expect(validateArchyDocument(compiled).filter((f) => f.verdict === "invalid")).toEqual([]);
  });

  test("a jump into a loop's body is refused: a jump leaves the loop", () => {
    const nodes = {
      ...(spec().nodes as Record<string, unknown>),
      Open: { type: "loop", maxLoops: 2, transitions: { body: "Closed", done: "Bye" } },
      Closed: { type: "playMessage", prompt: "We are closed.", transitions: { next: "Open" } },
    };
    expect(check(spec({ nodes }))).toContainEqual(
      expect.stringMatching(
        /^graph-loops Closed: raw Archy moves to "Closed" \(a jump to its task\), which is in the body of loop "Open"/,
      ),
    );
  });

  test("a kind whose compiled files have no reusable tasks has no task of a node to move to", () => {
    const mail = {
      kind: "inboundEmail",
      name: "Mail",
      start: "Start",
      nodes: { Start: { type: "archy", actions: [jump("Done", "inboundEmail")] }, Done: { type: "disconnect" } },
    };
    expect(check(mail)).toContainEqual(expect.stringMatching(/^archy-actions Start: .*task\[Done\]/));
  });
});

describe("meeting nodes", () => {
  test("no meeting node that leads back to its branching node", () => {
    // Ask's paths meet at Again, which leads back to Ask through a menu.
    const model = {
      kind: "inboundCall",
      start: "Ask",
      nodes: {
        Ask: { type: "decision", expression: "true", transitions: { yes: "A", no: "B" } },
        A: { type: "playMessage", prompt: "a", transitions: { next: "Menu" } },
        B: { type: "playMessage", prompt: "b", transitions: { next: "Menu" } },
        Menu: { type: "menu", prompt: "Again?", choices: { Yes: { dtmf: "1" } }, transitions: { Yes: "Again" } },
        Again: { type: "playMessage", prompt: "again", transitions: { next: "Ask" } },
      },
    } as unknown as FlowModel;
    expect(structuredJoins(model).get("Ask")).toBeUndefined();
  });
});
