// Branches of raw Archy as transitions: the last action of an `archy` node may continue at model
// nodes from its branches (a data action's success/failure, a switch's cases, ...), so imported
// flows stay a graph of nodes even around actions no typed node covers.
import { actionBranches } from "../../archy/branches";
import { validateArchyDocument } from "../../archy/validate";
import { runChecks } from "../../checks";
import { compileToArchy } from "../../compiler/compile";
import { parseFlowText } from "../../model/load";

const load = (text: string) => parseFlowText(text, "flows/f.yaml");
const findings = (text: string) => {
  const flow = load(text);
  return runChecks({ flows: [{ file: flow.file, id: "f", model: flow.model, displayName: flow.model.name }] }).map(
    (f) => `${f.ruleId} ${f.node ?? ""} ${f.field ?? ""}: ${f.message}`,
  );
};
const compile = (text: string) => {
  const flow = load(text);
  return compileToArchy(flow, { publishedName: flow.model.name, modules: new Map() }) as Record<
    string,
    Record<string, unknown>
  >;
};

describe("actionBranches", () => {
  it("names the known output paths and every nested action list, never a loop's body", () => {
    expect(actionBranches({ decision: { condition: { exp: "true" } } }).map((b) => b.name)).toEqual(["yes", "no"]);
    expect(actionBranches({ callData: {} }).map((b) => b.name)).toEqual(["success", "failure", "timeout"]);
    const sw = {
      switch: {
        evaluate: {
          firstMatch: {
            string: {
              value: { exp: "Flow.x" },
              cases: [{ case: { value: { lit: "a" }, actions: [] } }, { case: { value: { lit: "b" }, actions: [] } }],
              default: { actions: [] },
            },
          },
        },
      },
    };
    expect(actionBranches(sw)).toEqual([
      { name: "case1", path: ["evaluate", "firstMatch", "string", "cases", 0, "case", "actions"] },
      { name: "case2", path: ["evaluate", "firstMatch", "string", "cases", 1, "case", "actions"] },
      { name: "default", path: ["evaluate", "firstMatch", "string", "default", "actions"] },
    ]);
    expect(actionBranches({ loop: { loopCount: { lit: 2 }, outputs: { loop: { actions: [] } } } })).toEqual([]);
    expect(
      actionBranches({ digitalMenu: { outputs: [{ path: { actions: [] } }, { path: { actions: [] } }] } }).map(
        (b) => b.name,
      ),
    ).toEqual(["path1", "path2"]);
  });
});

const WORKFLOW = `kind: workflow
name: Lookup
variables:
  found: { type: boolean, initial: false }
start: Fetch
nodes:
  Fetch:
    type: archy
    actions:
      - callData:
          name: Fetch customer
          category:
            Web Services:
              dataAction:
                Get Customer:
                  inputs: {}
                  successOutputs: {}
                  failureOutputs: {}
    transitions: { success: Found, failure: Failed, next: After }
  Found:
    type: setVariable
    variable: found
    value: "true"
    transitions: { next: After }
  Failed:
    type: archy
    actions:
      - updateData:
          name: Note
          statements:
            - string: { variable: Flow.reason, value: { lit: failed } }
  After:
    type: archy
    actions:
      - endWorkflow: { name: Done }
`;

describe("an archy node's branches as transitions", () => {
  it("continue inside the action; a path that ends in a branch ends explicitly, since next follows the action", () => {
    expect(findings(WORKFLOW)).toEqual([]);
    const doc = compile(WORKFLOW);
    const state = (
      doc.workflow.states as Array<{ state: { actions: Array<Record<string, Record<string, unknown>>> } }>
    )[0].state;
    const call = state.actions[0].callData as { outputs: Record<string, { actions: Array<Record<string, unknown>> }> };
    // "After" is where the success path and `next` meet: it follows the action, written once.
    expect(call.outputs.success.actions.map((a) => Object.keys(a)[0])).toEqual(["updateData"]);
    expect(state.actions.map((a) => Object.keys(a)[0])).toEqual(["callData", "endWorkflow"]);
    // the failed path ends in the model: it must not fall through into "After"
    expect(call.outputs.failure.actions.map((a) => Object.keys(a)[0])).toEqual(["updateData", "endWorkflow"]);
    expect(validateArchyDocument(doc).filter((f) => f.severity === "error")).toEqual([]);
  });

  it("a transition that is not a branch of the last action is refused, with the valid ones", () => {
    expect(findings(WORKFLOW.replace("success: Found", "sucess: Found"))).toContain(
      'flow-references Fetch transitions.sucess: unknown transition "sucess"; did you mean "success"? Valid transitions here: next, success, failure, timeout',
    );
  });

  it("a branch holding actions cannot also be a transition", () => {
    const text = WORKFLOW.replace(
      "                  failureOutputs: {}\n",
      "                  failureOutputs: {}\n          outputs:\n            failure:\n              actions:\n                - endWorkflow: { name: Stop }\n",
    );
    expect(
      findings(text).some((f) =>
        f.startsWith('archy-actions Fetch actions[0].callData.outputs.failure.actions: branch "failure" holds actions'),
      ),
    ).toBe(true);
  });

  it("a kind with no terminator refuses a branch path that would fall into next", () => {
    const text = `kind: inQueueCall
name: Hold
start: Fetch
nodes:
  Fetch:
    type: archy
    actions:
      - callData:
          name: Fetch
          category: { Web Services: { dataAction: { Wait Time: { inputs: {}, successOutputs: {}, failureOutputs: {} } } } }
    transitions: { success: Say, next: Music }
  Say: { type: playMessage, prompt: Thanks for waiting., transitions: { next: End } }
  End:
    type: archy
    actions:
      - playAudio: { name: Wait, audio: { tts: Please wait. } }
  Music:
    type: archy
    actions:
      - holdMusic: { name: Music, prompt: { lit: { name: PromptSystem.on_hold_music } } }
`;
    expect(() => compile(text)).toThrow(
      /branch "success" ends, but a flow of kind inQueueCall has no action that ends it/,
    );
  });
});
