// refactor extract-module over the tests' own flows (testkit/refactorFlows.ts): the module made of
// the PIN check three flows copy (inputs, outputs, outcomes, the most common names), the flows
// rewritten to call it with their comments kept, the scenario that waits at a moved node following
// it, and the proof (journeys node names aside, scenarios, lint) holding; a rewrite that changes
// behaviour fails its proof, naming the journey; what no module can be made of is refused, naming
// the node and why. Without --nodes, the largest block a module can be made of (the language
// choice before each flow's own transfer); two ways out that are no failure both complete, told
// apart by an output (verified, or one the returns set), a failed collect's way is the error;
// copies naming their variables otherwise make one module, each caller binding its own.
import { parseFlowText } from "../../../model/load";
import type { ModuleModel } from "../../../model/schema";
import { planExtract } from "../../../refactor/extract";
import { loadableFlows } from "../../../refactor/project";
import { suggest } from "../../../refactor/suggest";
import { applyFiles, prove } from "../../../refactor/proof";
import { journeyReport } from "../../../behaviour/journeyDiff";
import { programOfFlowFiles } from "../../../behaviour/program";
import { diffPortfolios } from "../../../diff/portfolioDiff";
import {
  LANGUAGE_CALLERS,
  OTHER_PROMPT_CALLER,
  PIN_STACK_FILE,
  pinProjectFiles,
  refactorSnapshot,
  RENAMED_SUPPORT_CALLER,
  SCREEN_CALLERS,
  THIRD_EXIT_CALLER,
} from "../../../testkit/refactorFlows";
import { fileOf, refusalsOf } from "./planFiles";

const CALLERS = ["calls/sales", "calls/support", "calls/billing"];
const snapshot = (extra: Record<string, string> = {}) => refactorSnapshot(pinProjectFiles(extra));

describe("refactor extract-module", () => {
  const plan = planExtract(snapshot(), { name: "PinCheck", flows: CALLERS });

  test("writes a module of the shared subgraph: its nodes as most copies name them, its interface and outcomes", () => {
    expect(plan.module).toEqual({ id: "modules/pin-check", file: "flows/modules/pin-check.yaml", name: "PinCheck" });
    const module = parseFlowText(fileOf(plan, "flows/modules/pin-check.yaml"), "module").model as ModuleModel;
    expect(module.kind).toBe("commonModule");
    expect(module.compatibleFlowTypes).toEqual(["inboundCall"]);
    expect(module.inputs).toEqual({ pinLength: { type: "integer", required: true } });
    expect(module.outputs).toEqual({ verified: { type: "boolean" } });
    expect(module.variables).toEqual({ pin: { type: "string" } });
    expect(module.start).toBe("AskPin");
    expect(Object.keys(module.nodes)).toEqual(["AskPin", "CheckPin", "NotVerified", "Verified", "Done", "Done2"]);
    // Expressions read the module's own variables; the ways out are returns.
    expect(module.nodes.CheckPin).toMatchObject({
      type: "decision",
      label: "PIN well formed?",
      expression: 'Length(Common.pin) == Common.pinLength and Common.pin != "0000"',
      transitions: { yes: "Verified", no: "NotVerified" },
    });
    expect(module.nodes.Verified.transitions).toEqual({ next: "Done" });
    // Not verified is no failure of the check: the module completes that way too, and verified tells the callers which way.
    expect(module.nodes.NotVerified.transitions).toEqual({ next: "Done2" });
    expect(module.nodes.Done).toEqual({ type: "return", outcome: "completed", outputs: {}, transitions: {} });
    expect(module.nodes.Done2).toEqual({ type: "return", outcome: "completed", outputs: {}, transitions: {} });
  });

  test("each flow calls the module where its copy started, wired where the copy's ways out went; its comments stay", () => {
    expect(plan.callers.map((c) => [c.flow, c.calls])).toEqual([
      ["calls/sales", [{ node: "PinCheck", replaces: ["AskPin", "CheckPin", "NotVerified", "Verified"] }]],
      ["calls/support", [{ node: "PinCheck", replaces: ["GetPin", "PinOk", "NotVerified", "Verified"] }]],
      ["calls/billing", [{ node: "PinCheck", replaces: ["AskPin", "CheckPin", "SetNotVerified", "SetVerified"] }]],
    ]);
    const text = fileOf(plan, "flows/calls/support.yaml");
    const support = parseFlowText(text, "support").model;
    expect(support.nodes.PinCheck).toEqual({
      type: "subflow",
      module: "PinCheck",
      inputs: { pinLength: "Flow.pinLength" },
      outputs: { verified: "verified" },
      transitions: { completed: "AfterPinCheck", error: "AfterPinCheck" },
    });
    // Right after the call, the output the module returns says where the copy's ways out went.
    expect(support.nodes.AfterPinCheck).toEqual({
      type: "decision",
      expression: "Flow.verified",
      transitions: { yes: "Route", no: "Sorry" },
    });
    expect(support.nodes.SetLength.transitions).toEqual({ next: "PinCheck" });
    for (const gone of ["GetPin", "PinOk", "NotVerified", "Verified"]) expect(support.nodes).not.toHaveProperty(gone);
    // The PIN only the check read leaves the flow; what the flow still reads stays.
    expect(Object.keys(support.variables)).toEqual(["pinLength", "verified"]);
    expect(text).toContain("# Support line: welcome, the PIN check, then the support queue for verified callers.");
    expect(text).toContain("  # The PIN check, copied from flow to flow.\n  PinCheck:");
    expect(text).toContain(
      "    transitions: { completed: AfterPinCheck, error: AfterPinCheck }\n  AfterPinCheck:\n    type: decision\n    expression: Flow.verified\n    transitions: { yes: Route, no: Sorry }\n  Route:",
    );
  });

  test("the scenario waiting at a moved node waits at the module's; its path has the call (and the test of its output) where the nodes were", () => {
    expect(
      fileOf(plan, "scenarios/calls/sales/pin.yaml"),
    ).toBe(`# yaml-language-server: $schema=../../../schema/scenario.schema.json
stack: local
scenarios:
  - name: A good PIN reaches the sales queue
    steps:
      - { at: PinCheck.AskPin, digits: "4821" }
    expect:
      path: [Welcome, SetLength, PinCheck, AfterPinCheck, Route, Transfer]
      outcome: { transferToQueue: Sales }
  - name: A bad PIN is sorry
    steps: [{ at: PinCheck.AskPin, digits: "0000" }]
    expect:
      passes: [PinCheck.CheckPin, Sorry]
      outcome: disconnect
`);
  });

  test("the proof holds: the same journeys node names aside, the scenarios pass, lint is clean", () => {
    const proof = prove(snapshot(), plan.files, { changed: CALLERS });
    expect(proof.problems).toEqual([]);
    expect(proof.journeys.map((j) => [j.flow, j.before, j.after, j.holds, j.summary])).toEqual([
      ["calls/billing", 4, 4, true, "4 journeys, unchanged (node names aside)"],
      ["calls/sales", 4, 4, true, "4 journeys, unchanged (node names aside)"],
      ["calls/support", 4, 4, true, "4 journeys, unchanged (node names aside)"],
    ]);
    expect(proof.scenarios.map((s) => [s.name, s.before, s.after])).toEqual([
      ["A good PIN reaches the sales queue", "passed", "passed"],
      ["A bad PIN is sorry", "passed", "passed"],
    ]);
    expect(proof.lint).toEqual([{ stack: "local", before: 0, after: 0, added: [], holds: true }]);
    expect(proof.holds).toBe(true);
  });

  test("a rewrite that sends a caller elsewhere fails the proof, naming the journey that differs", () => {
    const broken = plan.files.map((f) =>
      f.file === "flows/calls/sales.yaml"
        ? {
            ...f,
            after: f.after.replace("transitions: { yes: Route, no: Sorry }", "transitions: { yes: Sorry, no: Sorry }"),
          }
        : f,
    );
    const proof = prove(snapshot(), broken, { changed: CALLERS });
    expect(proof.holds).toBe(false);
    const sales = proof.journeys.find((j) => j.flow === "calls/sales")!;
    expect(sales.holds).toBe(false);
    expect(sales.summary).toBe("journey 1 differs");
    expect(sales.difference).toEqual({
      journey: 1,
      before:
        '#1 enters digits · #2 yes (((Length(⟨#1 digits⟩) == 4) and (⟨#1 digits⟩ != "0000"))) · #3 {{sales_queue}} connects -> transfer to queue "{{sales_queue}}" (priority 0); hears "Welcome to sales.", "Please enter your four digit PIN.", "Connecting you to sales."',
      after:
        '#1 enters digits · #2 yes (((Length(⟨#1 digits⟩) == 4) and (⟨#1 digits⟩ != "0000"))) -> disconnect; hears "Welcome to sales.", "Please enter your four digit PIN.", "Sorry, sales cannot help you today."',
    });
    expect(proof.scenarios.find((s) => s.name === "A good PIN reaches the sales queue")).toMatchObject({
      before: "passed",
      after: "failed",
      holds: false,
    });
  });

  test("a variable the subgraph may leave as it was where the flow reads it after goes in and comes back out", () => {
    // The check without the collect, its "no" going straight on to Route: verified is set on one way out only, and Route reads it.
    const straight = (flow: string, no: string) =>
      pinProjectFiles()[`flows/calls/${flow}.yaml`].replace(`no: ${no} }`, "no: Route }");
    const snapshot = () =>
      refactorSnapshot({
        ...pinProjectFiles(),
        "flows/calls/sales.yaml": straight("sales", "NotVerified"),
        "flows/calls/billing.yaml": straight("billing", "SetNotVerified"),
      });
    const p = planExtract(snapshot(), {
      name: "CheckVerified",
      flows: ["calls/billing", "calls/sales"],
      nodes: ["CheckPin", "Verified"],
      from: "calls/sales",
    });
    const module = parseFlowText(fileOf(p, "flows/modules/check-verified.yaml"), "module").model as ModuleModel;
    expect(Object.keys(module.inputs)).toEqual(["pin", "pinLength", "verified"]);
    expect(Object.keys(module.outputs)).toEqual(["verifiedOut"]);
    expect(module.nodes.Done).toMatchObject({
      type: "return",
      outcome: "completed",
      outputs: { verifiedOut: "Common.verified" },
    });
    const sales = parseFlowText(fileOf(p, "flows/calls/sales.yaml"), "sales").model;
    expect(sales.nodes.CheckVerified).toMatchObject({
      inputs: { pin: "Flow.pin", pinLength: "Flow.pinLength", verified: "Flow.verified" },
      outputs: { verifiedOut: "verified" },
      transitions: { completed: "Route", error: "Route" },
    });
    expect(prove(snapshot(), p.files, { changed: ["calls/billing", "calls/sales"] }).holds).toBe(true);
    // Where the other way out sets verified before anything reads it (NotVerified), nothing goes in.
    const q = planExtract(refactorSnapshot(pinProjectFiles()), {
      name: "CheckVerified",
      flows: ["calls/billing", "calls/sales"],
      nodes: ["CheckPin", "Verified"],
      from: "calls/sales",
    });
    expect(q.shared.passThrough).toEqual([]);
    expect(q.shared.inputs.map((i) => i.name)).toEqual(["pin", "pinLength"]);
  });

  test("the review of the change shows the module created and the callers published with their journeys unchanged", () => {
    const before = snapshot();
    const after = applyFiles(before, plan.files);
    const models = (s: typeof before) =>
      new Map(s.flows.map((f) => [f.file, { file: f.file, model: parseFlowText(f.text, f.file).model }]));
    const report = journeyReport(programOfFlowFiles(models(before)), programOfFlowFiles(models(after)));
    expect(report.changes).toEqual([]);
    expect(report.unchanged.map((u) => u.flow)).toEqual(CALLERS.slice().sort());
    const review = diffPortfolios(
      { sources: before.flows, stackText: PIN_STACK_FILE },
      { sources: after.flows, stackText: PIN_STACK_FILE },
      { stack: "local", format: "text", base: "main" },
    );
    expect(
      review.text,
    ).toContain(`What up does to stack local (from main to the working tree): 0 replaced, 0 deleted, 1 created, 3 published, 0 republished for a module, 0 unchanged
  create flows/modules/pin-check.yaml: "PinCheck"
      a new flow file
  publish flows/calls/billing.yaml: "Billing"
      its content changes
      journeys unchanged (node names aside)
  publish flows/calls/sales.yaml: "Sales"
      its content changes
      journeys unchanged (node names aside)
  publish flows/calls/support.yaml: "Support"
      its content changes
      journeys unchanged (node names aside)
`);
    expect(review.text).toContain(
      "Journeys unchanged (node names aside), though the flow changes: calls/billing, calls/sales, calls/support.",
    );
  });

  test('a change of what callers hear is not "journeys unchanged"', () => {
    const before = snapshot();
    const after = applyFiles(
      before,
      plan.files.map((f) =>
        f.file === "flows/modules/pin-check.yaml"
          ? { ...f, after: f.after.replace("prompt: Please enter your four digit PIN.", "prompt: Your PIN, please.") }
          : f,
      ),
    );
    const review = diffPortfolios(
      { sources: before.flows, stackText: PIN_STACK_FILE },
      { sources: after.flows, stackText: PIN_STACK_FILE },
      { stack: "local", format: "text", base: "main" },
    );
    expect(review.text).not.toContain("journeys unchanged");
    expect(review.text).toContain("Journeys that change (what the caller does and the org answers -> what changes):");
  });

  test("a flow whose copy differs in one field is refused, naming the node and the field", () => {
    expect(
      refusalsOf(() =>
        planExtract(snapshot({ "calls/returns.yaml": OTHER_PROMPT_CALLER }), {
          name: "PinCheck",
          flows: [...CALLERS, "calls/returns"],
          nodes: ["AskPin", "CheckPin", "NotVerified", "Verified"],
          from: "calls/sales",
        }),
      ),
    ).toEqual([
      'flows/calls/returns.yaml: holds no copy of the subgraph of flows/calls/sales.yaml: the closest, from node "AskPin", matches 0 of its 4 nodes (node "AskPin" differs from "AskPin" of flows/calls/sales.yaml in prompt)',
    ]);
  });

  test("a third way out taken only on failure is the module's error; the two others complete, told apart by an output", () => {
    // Claims hangs up when the collect fails: the error; verified and not verified both go on.
    const files = snapshot({ "calls/claims.yaml": THIRD_EXIT_CALLER });
    const p = planExtract(files, {
      name: "PinCheck",
      flows: ["calls/claims"],
      nodes: ["AskPin", "CheckPin", "NotVerified", "Verified"],
      from: "calls/claims",
    });
    expect(p.shared.exits.map((g) => [g.outcome, g.targets])).toEqual([
      ["completed", ["Route"]],
      ["completed", ["Sorry"]],
      ["error", ["Goodbye"]],
    ]);
    const module = parseFlowText(fileOf(p, "flows/modules/pin-check.yaml"), "module").model as ModuleModel;
    expect(module.nodes.AskPin.transitions).toEqual({ success: "CheckPin", failure: "Failed" });
    expect(parseFlowText(fileOf(p, "flows/calls/claims.yaml"), "claims").model.nodes.PinCheck).toMatchObject({
      transitions: { completed: "AfterPinCheck", error: "Goodbye" },
    });
    expect(prove(files, p.files, { changed: ["calls/claims"] }).holds).toBe(true);
  });

  test("more ways out than two that go on and one on failure is refused, naming the node and why", () => {
    const files = snapshot({ "calls/claims.yaml": THIRD_EXIT_CALLER });
    const [shared] = suggest(
      loadableFlows(
        refactorSnapshot({
          "flows/calls/sales.yaml": pinProjectFiles()["flows/calls/sales.yaml"],
          "flows/calls/claims.yaml": THIRD_EXIT_CALLER,
        }),
      ),
    );
    expect(
      refusalsOf(() =>
        planExtract(files, {
          name: "PinCheck",
          flows: ["calls/sales", "calls/claims"],
          nodes: shared.occurrences[0].order,
          from: shared.occurrences[0].flow.id,
        }),
      ),
    ).toEqual([
      'flows/calls/claims.yaml: node "Route": its transition "no" is a third way out of the subgraph that is no failure (to "Sorry"; the others go to "Transfer" and "NotVerified", and 1 more elsewhere): a module\'s callers go on at two places at most when it completes (an output tells them which) and at one when it fails',
    ]);
  });

  test("a subgraph entered at two nodes is refused: a module starts at one", () => {
    expect(
      refusalsOf(() =>
        planExtract(snapshot(), {
          name: "Half",
          flows: ["calls/sales"],
          nodes: ["CheckPin", "NotVerified"],
          from: "calls/sales",
        }),
      ),
    ).toEqual([
      'flows/calls/sales.yaml: node "NotVerified": the nodes have 2 ways in ("CheckPin" from AskPin; "NotVerified" from AskPin): a module starts at one node',
    ]);
  });

  test("what a module cannot receive or hold is refused, naming the node and why", () => {
    // Raw Archy that reads a variable: what it reads is not known, so neither are the module's inputs.
    const raw = pinProjectFiles()["flows/calls/sales.yaml"].replace(
      '  CheckPin:\n    type: decision\n    label: PIN well formed?\n    expression: Length(Flow.pin) == Flow.pinLength and Flow.pin != "0000"\n    transitions: { yes: Verified, no: NotVerified }',
      '  CheckPin:\n    type: archy\n    actions:\n      - decision: { name: PIN well formed?, condition: { exp: "Length(Flow.pin) == 4" } }\n    transitions: { yes: Verified, no: NotVerified }',
    );
    expect(raw).toContain("type: archy");
    expect(
      refusalsOf(() =>
        planExtract(snapshot({ "calls/sales.yaml": raw }), {
          name: "PinCheck",
          flows: ["calls/sales"],
          nodes: ["AskPin", "CheckPin", "NotVerified", "Verified"],
          from: "calls/sales",
        }),
      ),
    ).toEqual([
      'flows/calls/sales.yaml: node "CheckPin": its raw Archy names variables (scoped names such as Flow.x), and what raw Archy reads and writes is not known: a module\'s inputs and outputs cannot be told',
    ]);
    // A menu: a module has none.
    const menu = `kind: inboundCall
name: Menus
start: Main
nodes:
  Main:
    type: menu
    prompt: Press 1 for sales.
    choices: { sales: { dtmf: "1" } }
    transitions: { sales: Bye, noInput: Bye }
  Bye:
    type: playMessage
    prompt: Goodbye.
    transitions: { next: End }
  End:
    type: disconnect
`;
    const menus = refusalsOf(() =>
      planExtract(snapshot({ "calls/menus.yaml": menu }), {
        name: "MainMenu",
        flows: ["calls/menus"],
        nodes: ["Main"],
        from: "calls/menus",
      }),
    );
    expect(menus).toHaveLength(1);
    expect(menus[0]).toMatch(
      /^flows\/calls\/menus.yaml: node "Main": a common module cannot hold a menu node: a module has no menus/,
    );
  });

  test("without --nodes: the largest block a module can be made of, the language choice before each flow's own transfer; the journeys are equal", () => {
    const files = refactorSnapshot(
      Object.fromEntries(Object.entries(LANGUAGE_CALLERS).map(([f, t]) => [`flows/${f}`, t])),
    );
    const p = planExtract(files, { name: "LanguageChoice", flows: CALLERS });
    expect(p.callers.map((c) => [c.flow, c.calls])).toEqual([
      ["calls/sales", [{ node: "LanguageChoice", replaces: ["AskLanguage", "IsSpanish", "English", "Spanish"] }]],
      ["calls/support", [{ node: "LanguageChoice", replaces: ["AskLanguage", "IsSpanish", "English", "Spanish"] }]],
      ["calls/billing", [{ node: "LanguageChoice", replaces: ["AskLanguage", "IsSpanish", "English", "Spanish"] }]],
    ]);
    const module = parseFlowText(fileOf(p, "flows/modules/language-choice.yaml"), "module").model as ModuleModel;
    expect(Object.keys(module.nodes)).toEqual(["AskLanguage", "IsSpanish", "English", "Spanish", "Done"]);
    expect(module.nodes.Done).toMatchObject({ type: "return", outcome: "completed" });
    expect(parseFlowText(fileOf(p, "flows/calls/support.yaml"), "support").model.nodes.LanguageChoice).toMatchObject({
      transitions: { completed: "Transfer", error: "Transfer" },
    });
    const proof = prove(files, p.files, { changed: CALLERS });
    expect(proof.journeys.map((j) => [j.flow, j.summary])).toEqual([
      ["calls/billing", "3 journeys, unchanged (node names aside)"],
      ["calls/sales", "3 journeys, unchanged (node names aside)"],
      ["calls/support", "3 journeys, unchanged (node names aside)"],
    ]);
    expect(proof.holds).toBe(true);
  });

  test("a block whose two ways out are no failure completes both: no variable tells them apart, so its returns set one", () => {
    // Blocked? yes apologises and hangs up, no goes on to the transfer: neither is a failure of the block.
    const files = refactorSnapshot(
      Object.fromEntries(Object.entries(SCREEN_CALLERS).map(([f, t]) => [`flows/${f}`, t])),
    );
    const p = planExtract(files, {
      name: "Screen",
      flows: ["calls/sales", "calls/support"],
      nodes: ["IsBlocked", "Blocked", "Thanks"],
      from: "calls/sales",
    });
    expect(p.shared.exits.map((g) => [g.outcome, g.targets])).toEqual([
      ["completed", ["Goodbye", "Goodbye"]],
      ["completed", ["Transfer", "Transfer"]],
    ]);
    expect(p.shared.branch).toEqual({ output: "tookBlocked", value: "true", synthesized: true });
    const module = parseFlowText(fileOf(p, "flows/modules/screen.yaml"), "module").model as ModuleModel;
    expect(module.outputs).toEqual({ tookBlocked: { type: "boolean" } });
    expect(module.nodes.Blocked.transitions).toEqual({ next: "Done" });
    expect(module.nodes.Thanks.transitions).toEqual({ next: "Done2" });
    expect(module.nodes.Done).toMatchObject({ type: "return", outcome: "completed", outputs: { tookBlocked: "true" } });
    expect(module.nodes.Done2).toMatchObject({
      type: "return",
      outcome: "completed",
      outputs: { tookBlocked: "false" },
    });
    const sales = parseFlowText(fileOf(p, "flows/calls/sales.yaml"), "sales").model;
    expect(sales.variables.tookBlocked).toEqual({ type: "boolean" });
    expect(sales.nodes.Screen).toMatchObject({
      outputs: { tookBlocked: "tookBlocked" },
      transitions: { completed: "AfterScreen", error: "AfterScreen" },
    });
    expect(sales.nodes.AfterScreen).toEqual({
      type: "decision",
      expression: "Flow.tookBlocked",
      transitions: { yes: "Goodbye", no: "Transfer" },
    });
    expect(prove(files, p.files, { changed: ["calls/sales", "calls/support"] }).holds).toBe(true);
  });

  test("copies naming their variables otherwise: the module names each once, each caller binds its own", () => {
    const files = snapshot({ "calls/support.yaml": RENAMED_SUPPORT_CALLER });
    const p = planExtract(files, { name: "PinCheck", flows: CALLERS });
    const module = parseFlowText(fileOf(p, "flows/modules/pin-check.yaml"), "module").model as ModuleModel;
    expect([Object.keys(module.inputs), Object.keys(module.outputs), Object.keys(module.variables)]).toEqual([
      ["pinLength"],
      ["verified"],
      ["pin"],
    ]);
    const support = parseFlowText(fileOf(p, "flows/calls/support.yaml"), "support").model;
    expect(support.nodes.PinCheck).toMatchObject({
      inputs: { pinLength: "Flow.codeLength" },
      outputs: { verified: "ok" },
    });
    expect(Object.keys(support.variables)).toEqual(["codeLength", "ok"]);
    expect(prove(files, p.files, { changed: CALLERS }).holds).toBe(true);
    // Most copies name them otherwise: the module's nodes, copied from one that names them pin, read code.
    const renamed = snapshot({
      "calls/support.yaml": RENAMED_SUPPORT_CALLER,
      "calls/billing.yaml": pinProjectFiles()
        ["flows/calls/billing.yaml"].replace(/\bpinLength\b/g, "codeLength")
        .replace(/\bpin\b/g, "code")
        .replace(/\bverified\b/g, "ok"),
    });
    const q = planExtract(renamed, {
      name: "PinCheck",
      flows: ["calls/sales", "calls/support", "calls/billing"],
      nodes: ["AskPin", "CheckPin", "Verified", "NotVerified"],
      from: "calls/sales",
    });
    const moved = parseFlowText(fileOf(q, "flows/modules/pin-check.yaml"), "module").model as ModuleModel;
    expect(moved.nodes.CheckPin).toMatchObject({
      expression: 'Length(Common.code) == Common.codeLength and Common.code != "0000"',
    });
    expect(moved.nodes.AskPin).toMatchObject({ variable: "code" });
    expect(parseFlowText(fileOf(q, "flows/calls/sales.yaml"), "sales").model.nodes.PinCheck).toMatchObject({
      inputs: { codeLength: "Flow.pinLength" },
      outputs: { ok: "verified" },
    });
    expect(prove(renamed, q.files, { changed: CALLERS }).holds).toBe(true);
  });

  test("the same flows give the same files", () => {
    const again = planExtract(snapshot(), { name: "PinCheck", flows: [...CALLERS].reverse() });
    expect(new Map(again.files.map((f) => [f.file, f.after]))).toEqual(
      new Map(plan.files.map((f) => [f.file, f.after])),
    );
  });
});
