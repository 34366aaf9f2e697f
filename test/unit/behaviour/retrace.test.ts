// A pulled journey run again on two versions of a flow (behaviour/retrace.ts): each journey here is
// the steps `traffic pull` records (each action, with the path it took when not the default), first
// shown to replay alike on the version it came from, then weighed against a change. What the review
// cannot weigh is named by why, one reason per case: a condition the old flow did not decide, the
// caller asked where the journey does not answer, the org asked what the journey does not say, a
// version the interpreter cannot run along it, a path the old flow does not have, an action the pull
// could not map, and ways of the old flow that take the same recorded steps but change differently.
import { programOfPortfolio, type Program } from "../../../behaviour/program";
import { retrace } from "../../../behaviour/retrace";
import { plan } from "../../../testkit/portfolio";

const LINE = {
  kind: "inboundCall",
  name: "Line",
  variables: { choice: { type: "string" }, code: { type: "string" }, tier: { type: "string" } },
  start: "Hello",
  nodes: {
    Hello: { type: "playMessage", prompt: "Hello.", transitions: { next: "Menu" } },
    Menu: {
      type: "collectDigits",
      prompt: "Press 1 for sales.",
      variable: "choice",
      maxDigits: 1,
      transitions: { success: "Route", failure: "Bye" },
    },
    Route: { type: "decision", expression: 'Flow.choice == "1"', transitions: { yes: "Sales", no: "Bye" } },
    Sales: { type: "transferToQueue", queue: "Sales", transitions: { failure: "Bye" } },
    Bye: { type: "disconnect" },
  },
};
type Line = typeof LINE;
/** The line with its nodes changed (a node given as undefined is removed). */
const line = (nodes: Record<string, unknown>, start = "Hello"): Line => ({
  ...LINE,
  start,
  nodes: { ...LINE.nodes, ...nodes } as Line["nodes"],
});
const program = (flow: Record<string, unknown>, modules: Record<string, Record<string, unknown>> = {}): Program =>
  programOfPortfolio(plan({ "calls/line": flow, ...modules }));

const SALES = { steps: ["Hello", "Menu -> success", "Route -> yes", "Sales"] };
const SILENT = { steps: ["Hello", "Menu -> failure", "Bye"] };

test("the steps as the pull records them replay alike on their own version; a change every way of the journey lives is counted, in words", () => {
  const base = program(LINE);
  expect([retrace(base, base, "calls/line", SALES), retrace(base, base, "calls/line", SILENT)]).toEqual([
    undefined,
    undefined,
  ]);
  const louder = program(line({ Hello: { ...LINE.nodes.Hello, prompt: "Welcome." } }));
  expect(retrace(base, louder, "calls/line", SALES)).toEqual({
    changes: 'would now hear "Welcome." instead of "Hello."',
    journey: expect.objectContaining({ outcome: 'transfer to queue "Sales" (priority 0)' }),
  });
  // Another queue: whether it connects is not the journey's to say; it changes the journey either way, or only one way.
  const elsewhere = program(line({ Sales: { ...LINE.nodes.Sales, queue: "Orders" } }));
  expect(retrace(base, elsewhere, "calls/line", SILENT)).toBeUndefined();
  expect(retrace(base, elsewhere, "calls/line", SALES)).toEqual({
    changes:
      'would now end in transfer to queue "Orders" (priority 0) instead of transfer to queue "Sales" (priority 0), or end in disconnect instead of transfer to queue "Sales" (priority 0)',
    journey: expect.anything(),
  });
  expect(
    retrace(base, base, "calls/line", { steps: [...SALES.steps.slice(0, 3), "Sales -> failure", "Bye"] }),
  ).toBeUndefined();
  expect(
    retrace(base, elsewhere, "calls/line", { steps: [...SALES.steps.slice(0, 3), "Sales -> failure", "Bye"] }),
  ).toEqual({ notWeighed: "the new flow asks the org what the journey does not say (transfer queue Orders)" });
});

test("a condition the old flow did not decide, over digits the pull does not keep, is not weighed; one it decided the same way is", () => {
  const base = program(LINE);
  const two = program(line({ Route: { ...LINE.nodes.Route, expression: 'Flow.choice == "2"' } }));
  expect(retrace(base, two, "calls/line", SALES)).toEqual({
    notWeighed: "a condition the old flow did not decide chooses the way (over values the pull does not keep)",
  });
  const swapped = program(line({ Route: { ...LINE.nodes.Route, transitions: { yes: "Bye", no: "Sales" } } }));
  expect(retrace(base, swapped, "calls/line", SALES)).toEqual({
    changes: 'would now end in disconnect instead of transfer to queue "Sales" (priority 0)',
    journey: expect.anything(),
  });
});

test("the caller asked where the journey does not answer: each answer tried; the same for a question the new flow asks otherwise", () => {
  const base = program(LINE);
  // The same menu under another name: what the caller enters there is not the journey's to say.
  const renamed = program(
    line({ Menu: undefined, Ask: LINE.nodes.Menu, Hello: { ...LINE.nodes.Hello, transitions: { next: "Ask" } } }),
  );
  expect(retrace(base, renamed, "calls/line", SALES)).toEqual({
    notWeighed:
      "the new flow asks the caller what the journey does not answer (at Ask); a condition the old flow did not decide chooses the way (over values the pull does not keep)",
  });
  // Asked again after silence, with what the caller hears already other on every answer: a change.
  const retry = program(
    line({
      Menu: { ...LINE.nodes.Menu, transitions: { success: "Route", failure: "Again" } },
      Again: { ...LINE.nodes.Menu, prompt: "Sorry. Press 1 for sales." },
    }),
  );
  expect(retrace(base, retry, "calls/line", SILENT)).toEqual({
    changes: expect.stringMatching(/^would now .*hear "Sorry. Press 1 for sales." too, after "Press 1 for sales."/),
    journey: expect.anything(),
  });
});

test("a version the interpreter cannot run along the journey, a path the old flow does not have, an action the pull could not map", () => {
  const base = program(LINE);
  const unset = {
    type: "setVariable",
    variable: "code",
    value: 'Append("x", Flow.tier)',
    transitions: { next: "Menu" },
  };
  const stuck = program(line({ Set: unset }, "Set"));
  expect(retrace(base, stuck, "calls/line", SALES)).toEqual({ notWeighed: "the new flow cannot be run along it" });
  expect(retrace(stuck, base, "calls/line", { steps: ["Set", ...SALES.steps.slice(1)] })).toEqual({
    notWeighed: "the old flow cannot be run along it",
  });
  expect(retrace(base, base, "calls/line", { steps: ["Hello", "Menu -> success", "Route -> yes", "Nowhere"] })).toEqual(
    { notWeighed: "a path the old flow does not have" },
  );
  expect(retrace(base, base, "calls/line", { steps: ["Hello", "? tracking 7", "Route -> yes", "Sales"] })).toEqual({
    notWeighed: "an action the pull could not map to a node now",
  });
});

test("a module's own module records no step of its own: the old flow's ways that take the same steps, changing differently, are not weighed", () => {
  const tier = {
    kind: "commonModule",
    name: "Tier",
    inputs: { n: { type: "string" } },
    outputs: { tier: { type: "string" } },
    start: "Gold",
    nodes: {
      Gold: {
        type: "decision",
        expression: 'Left(Common.n, 5) == "+1800"',
        transitions: { yes: "IsGold", no: "IsStandard" },
      },
      IsGold: { type: "return", outcome: "completed", outputs: { tier: '"gold"' } },
      IsStandard: { type: "return", outcome: "completed", outputs: { tier: '"standard"' } },
    },
  };
  const lookup = {
    kind: "commonModule",
    name: "Lookup",
    inputs: { n: { type: "string" } },
    outputs: { tier: { type: "string" } },
    start: "Find",
    nodes: {
      Find: {
        type: "subflow",
        module: "Tier",
        inputs: { n: "Common.n" },
        outputs: { tier: "tier" },
        transitions: { completed: "Found", error: "Found" },
      },
      Found: { type: "return", outcome: "completed" },
    },
  };
  const modules = { "modules/tier": tier, "modules/lookup": lookup };
  const look = {
    type: "subflow",
    module: "Lookup",
    inputs: { n: "Call.Ani" },
    outputs: { tier: "tier" },
    transitions: { completed: "Menu", error: "Menu" },
  };
  const base = program(line({ Hello: { ...LINE.nodes.Hello, transitions: { next: "Look" } }, Look: look }), modules);
  const journey = { steps: ["Hello", "Look", "Lookup.Find", "Lookup.Found", "Look -> yes", "Menu -> failure", "Bye"] };
  expect(retrace(base, base, "calls/line", journey)).toBeUndefined();
  const gold = {
    Bye: { type: "decision", expression: 'Flow.tier == "gold"', transitions: { yes: "Gold", no: "End" } },
    Gold: { type: "playMessage", prompt: "Thank you, gold customer.", transitions: { next: "End" } },
    End: { type: "disconnect" },
  };
  const byTier = program(
    line({ Hello: { ...LINE.nodes.Hello, transitions: { next: "Look" } }, Look: look, ...gold }),
    modules,
  );
  expect(retrace(base, byTier, "calls/line", journey)).toEqual({
    notWeighed: "ways of the old flow that take the same steps change differently",
  });
});
