// refactor suggest over the tests' own flows (testkit/refactorFlows.ts): the PIN check three
// flows copy under different node names is found, largest first, with where it occurs, what a
// module of it takes (the PIN length the flows set before) and returns (verified, read after), its
// two ways out; a fourth flow whose copy says another prompt is not one of its copies; a copy that
// names its variables otherwise is one (the module names each once); a subgraph no module can be
// made of whole (the language choice before each flow's own transfer and hang-up) lists the
// largest block inside it one can, with its command; the list does not depend on the order the
// flows are given in.
import { suggest } from "../../../refactor/suggest";
import { loadableFlows } from "../../../refactor/project";
import { suggestionJson, suggestionsText } from "../../../refactor/render";
import {
  LANGUAGE_CALLERS,
  OTHER_PROMPT_CALLER,
  pinProjectFiles,
  refactorSnapshot,
  RENAMED_SUPPORT_CALLER,
  THIRD_EXIT_CALLER,
} from "../../../testkit/refactorFlows";

const flows = (extra: Record<string, string> = {}) => loadableFlows(refactorSnapshot(pinProjectFiles(extra)));

describe("refactor suggest", () => {
  test("finds the subgraph three flows share under different node names, largest first", () => {
    const list = suggest(flows());
    expect(list.length).toBeGreaterThan(0);
    const [top] = list;
    expect(top.occurrences.map((o) => [o.flow.id, o.order])).toEqual([
      ["calls/billing", ["AskPin", "CheckPin", "SetNotVerified", "SetVerified"]],
      ["calls/sales", ["AskPin", "CheckPin", "NotVerified", "Verified"]],
      ["calls/support", ["GetPin", "PinOk", "NotVerified", "Verified"]],
    ]);
    // Each position named as most copies name it; labels as most copies write them.
    expect(top.names).toEqual(["AskPin", "CheckPin", "NotVerified", "Verified"]);
    expect(top.labels).toEqual(["Ask for the PIN", "PIN well formed?", undefined, undefined]);
    for (const s of list.slice(1)) expect(s.names.length).toBeLessThanOrEqual(top.names.length);
  });

  test("an input is what the subgraph reads before writing, an output what it writes and the flow reads later", () => {
    const [top] = suggest(flows());
    expect(top.inputs).toEqual([{ name: "pinLength", type: "integer" }]);
    expect(top.outputs).toEqual([{ name: "verified", type: "boolean" }]);
    expect(top.internal).toEqual([{ name: "pin", type: "string" }]);
    expect(top.passThrough).toEqual([]);
  });

  test("two ways out that are no failure both complete: the output set true on one and false on the other tells the callers which", () => {
    const [top] = suggest(flows());
    expect(top.exits.map((g) => [g.outcome, g.targets])).toEqual([
      ["completed", ["Route", "Route", "Route"]],
      ["completed", ["Sorry", "Sorry", "Sorry"]],
    ]);
    expect(top.branch).toEqual({ output: "verified", value: "true", synthesized: false });
    expect(top.refusals).toEqual([]);
    expect(suggestionJson(top).command).toBe(
      "genesys-flows refactor extract-module --name <Module> --nodes AskPin,CheckPin,NotVerified,Verified --from calls/sales calls/billing calls/support",
    );
  });

  test("a flow whose copy differs in one field holds no copy of that subgraph", () => {
    const list = suggest(flows({ "calls/returns.yaml": OTHER_PROMPT_CALLER }));
    const pin = list.find((s) => s.names.includes("AskPin"))!;
    expect(pin.occurrences.map((o) => o.flow.id)).toEqual(["calls/billing", "calls/sales", "calls/support"]);
    // What it does share (the check without the prompt) is listed, with Returns among its copies.
    expect(
      list.some((s) => !s.names.includes("AskPin") && s.occurrences.some((o) => o.flow.id === "calls/returns")),
    ).toBe(true);
  });

  test("a subgraph with more ways out than a module's outcomes is listed as not extractable, naming the node and why", () => {
    // Claims copies Sales but a failed collect hangs up: what the two share leaves for four places.
    const list = suggest(
      loadableFlows(
        refactorSnapshot({
          "flows/calls/sales.yaml": pinProjectFiles()["flows/calls/sales.yaml"],
          "flows/calls/claims.yaml": THIRD_EXIT_CALLER,
        }),
      ),
    );
    expect(list).toHaveLength(1);
    expect(list[0].waysOut).toEqual(["Goodbye", "NotVerified", "Transfer", "Sorry"]);
    expect(list[0].refusals.map((r) => r.message)).toEqual([
      'flows/calls/claims.yaml: node "Route": its transition "no" is a third way out of the subgraph that is no failure (to "Sorry"; the others go to "Transfer" and "NotVerified", and 1 more elsewhere): a module\'s callers go on at two places at most when it completes (an output tells them which) and at one when it fails',
    ]);
    expect(suggestionsText(list, 10)).toContain('not extractable: flows/calls/claims.yaml: node "Route"');
  });

  test("a copy that names its variables otherwise is a copy; the module names each variable as most copies do", () => {
    const [top] = suggest(flows({ "calls/support.yaml": RENAMED_SUPPORT_CALLER }));
    expect(top.occurrences.map((o) => [o.flow.id, o.order])).toEqual([
      ["calls/billing", ["AskPin", "CheckPin", "SetNotVerified", "SetVerified"]],
      ["calls/sales", ["AskPin", "CheckPin", "NotVerified", "Verified"]],
      ["calls/support", ["GetPin", "PinOk", "NotVerified", "Verified"]],
    ]);
    expect(top.inputs).toEqual([{ name: "pinLength", type: "integer" }]);
    expect(top.outputs).toEqual([{ name: "verified", type: "boolean" }]);
    expect(top.internal).toEqual([{ name: "pin", type: "string" }]);
    expect(top.variables.map((v) => Object.fromEntries(v))).toEqual([
      { pin: "pin", pinLength: "pinLength", verified: "verified" },
      { pin: "pin", pinLength: "pinLength", verified: "verified" },
      { pin: "code", pinLength: "codeLength", verified: "ok" },
    ]);
    expect(top.refusals).toEqual([]);
  });

  test("a copy whose nodes name a variable where the others name two is not a copy", () => {
    // Support's Verified sets another variable than its NotVerified: the others set the same one on both ways.
    const two = pinProjectFiles()
      ["flows/calls/support.yaml"].replace(
        "  verified: { type: boolean, initial: false }\n",
        "  verified: { type: boolean, initial: false }\n  done: { type: boolean }\n",
      )
      .replace('variable: verified\n    value: "true"', 'variable: done\n    value: "true"');
    expect(two).toContain("variable: done");
    const list = suggest(flows({ "calls/support.yaml": two }));
    expect(list[0].occurrences.map((o) => o.flow.id)).toEqual(["calls/billing", "calls/sales"]);
    expect(list[0].names).toHaveLength(4);
  });

  test("a subgraph no module can be made of whole lists the largest block inside it that one can, with its command", () => {
    const list = suggest(
      loadableFlows(
        refactorSnapshot(Object.fromEntries(Object.entries(LANGUAGE_CALLERS).map(([f, t]) => [`flows/${f}`, t]))),
      ),
    );
    expect(list).toHaveLength(1);
    const [tail] = list;
    expect(tail.names).toEqual(["AskLanguage", "IsSpanish", "English", "Spanish", "Transfer", "Goodbye"]);
    expect(tail.refusals.map((r) => r.message)).toEqual([
      'flows/calls/billing.yaml: node "AskLanguage": every way through the subgraph from here ends the interaction: a module call must continue at a node after it, and nothing does',
      "flows/calls/billing.yaml: node \"Transfer\": its copies name different placeholders ({{billing_queue}} here, {{sales_queue}} in flows/calls/sales.yaml): a module's node names one, so a caller would get another's value",
    ]);
    expect(tail.block?.names).toEqual(["AskLanguage", "IsSpanish", "English", "Spanish"]);
    expect(tail.block?.exits.map((g) => [g.outcome, g.targets])).toEqual([
      ["completed", ["Transfer", "Transfer", "Transfer"]],
    ]);
    expect(tail.block?.refusals).toEqual([]);
    const json = suggestionJson(tail);
    expect(json.extractable).toBe(false);
    expect(json.command).toBe(
      "genesys-flows refactor extract-module --name <Module> --nodes AskLanguage,IsSpanish,English,Spanish --from calls/billing calls/sales calls/support",
    );
    expect(suggestionsText(list, 10)).toContain(
      "   the largest block a module can be made of: 4 nodes, AskLanguage, IsSpanish, English, Spanish\n     takes: nothing\n     returns: nothing\n     ways out: completed -> Transfer\n   extract: genesys-flows refactor extract-module",
    );
  });

  test("the same list whatever order the flows come in, and the same text", () => {
    const a = suggest(flows({ "calls/returns.yaml": OTHER_PROMPT_CALLER }));
    const b = suggest([...flows({ "calls/returns.yaml": OTHER_PROMPT_CALLER })].reverse());
    expect(a.map(suggestionJson)).toEqual(b.map(suggestionJson));
    expect(suggestionsText(a, 10)).toBe(suggestionsText(b, 10));
  });
});
