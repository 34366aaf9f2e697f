// Reusable tasks the flow keeps as exported, run by the behaviour interpreter on the compiled Archy:
// a call's taskInputs set the called task's input variables (behaviour/actions/tasks.ts), and a
// raw task's jump to a node lands on that node's own task (model/rawEntries.ts).
import { programOfPortfolio } from "../../../behaviour/program";
import { parseScenarioText } from "../../../behaviour/scenario/load";
import { runScenario } from "../../../behaviour/scenario/run";
import { plan } from "../../../testkit/portfolio";

/** A raw task with an input variable that it plays, then either returns (`back`) or jumps to the node Sorry. */
function flow(back: boolean) {
  const end = back
    ? { endTask: { name: "Back" } }
    : { jumpToTask: { name: "Sorry first", targetTaskRef: "/inboundCall/tasks/task[Sorry]" } };
  return {
    kind: "inboundCall",
    name: "Greeter",
    start: "Greet",
    archySettings: {
      tasks: [
        {
          task: {
            name: "Say",
            refId: "Say_2",
            variables: [
              {
                stringVariable: {
                  name: "Task.Greeting",
                  initialValue: { noValue: true },
                  isInput: true,
                  isOutput: false,
                },
              },
            ],
            actions: [{ playAudio: { name: "Say it", audio: { exp: "ToAudioTTS(Task.Greeting)" } } }, end],
          },
        },
      ],
    },
    nodes: {
      Greet: {
        type: "archy",
        actions: [
          {
            callTask: {
              name: "Greet",
              targetTaskRef: "/inboundCall/tasks/task[Say_2]",
              taskInputs: [{ string: { name: "Task.Greeting", value: { exp: 'Append("Hello, ", "caller.")' } } }],
            },
          },
        ],
        transitions: { next: "Bye" },
      },
      Bye: { type: "playMessage", prompt: "Goodbye.", transitions: { next: "Hangup" } },
      Sorry: { type: "playMessage", prompt: "Sorry, we are closed.", transitions: { next: "Hangup" } },
      Hangup: { type: "disconnect" },
    },
  };
}

/** Runs one scenario expecting these prompts and a disconnect. */
function run(back: boolean, prompts: string[]) {
  const program = programOfPortfolio(plan({ "calls/greeter": flow(back) }));
  const text = `scenarios:\n  - name: Greeter\n    expect:\n      prompts: ${JSON.stringify(prompts)}\n      outcome: disconnect\n`;
  const [scenario] = parseScenarioText(text, "scenarios/calls/greeter/tasks.yaml");
  return runScenario(program, scenario);
}

describe("reusable tasks kept as exported", () => {
  test("a call's taskInputs set the task's input variable before it runs; its endTask comes back after the call", () => {
    const r = run(true, ["Hello, caller.", "Goodbye."]);
    expect(r.differences).toEqual([]);
    expect(r.status).toBe("passed");
  });

  test("a raw task's jump to a node goes on at that node, for good", () => {
    const r = run(false, ["Hello, caller.", "Sorry, we are closed."]);
    expect(r.differences).toEqual([]);
    expect(r.status).toBe("passed");
  });

  test("another greeting than the input gives fails: the prompt is the value the call gave", () => {
    expect(run(true, ["Hello, someone.", "Goodbye."]).status).toBe("failed");
  });
});
