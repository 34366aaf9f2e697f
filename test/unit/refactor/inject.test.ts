// refactor call-module over the tests' own flows (testkit/refactorFlows.ts): a call to an existing
// module added at each flow's start or before a node, wired and lint-clean, with the proof that the
// journeys differ exactly by the call (what the module does cut out, each journey of before is
// there with the call inserted; a module's error goes on where --on-error says) and the scenarios
// written without the call still pass; a module the scenarios cannot answer, or a call wired
// elsewhere, fails the proof; what cannot be called is refused. A module that tests the caller's
// number as the flow does: the flow's own test then goes the module's way, and the proof holds.
import { parseFlowText } from "../../../model/load";
import { planInject, type InjectRequest } from "../../../refactor/inject";
import { Refused } from "../../../refactor/project";
import { prove } from "../../../refactor/proof";
import {
  ANI_CALLER,
  ANI_MODULE,
  HOURS_MODULE,
  NOTICE_MODULE,
  pinProjectFiles,
  refactorSnapshot,
  SURVEY_MODULE,
} from "../../../testkit/refactorFlows";

const CALLERS = ["calls/sales", "calls/support", "calls/billing"];
const snapshot = () =>
  refactorSnapshot(
    pinProjectFiles({
      "modules/recording-notice.yaml": NOTICE_MODULE,
      "modules/check-hours.yaml": HOURS_MODULE,
      "modules/survey.yaml": SURVEY_MODULE,
    }),
  );
const proofOf = (plan: ReturnType<typeof planInject>) =>
  prove(snapshot(), plan.files, {
    changed: plan.callers.map((c) => c.flow),
    injected: new Map(plan.callers.map((c) => [c.flow, c])),
  });
const inject = (req: Partial<InjectRequest>) =>
  planInject(snapshot(), { module: "RecordingNotice", at: "start", flows: CALLERS, ...req });

describe("refactor call-module", () => {
  test("at the start: every flow starts with the call, which goes on to the old start either way", () => {
    const plan = inject({});
    expect(plan.callers.map((c) => [c.flow, c.call, c.before, c.onError])).toEqual([
      ["calls/sales", "RecordingNotice", "Welcome", "Welcome"],
      ["calls/support", "RecordingNotice", "Welcome", "Welcome"],
      ["calls/billing", "RecordingNotice", "Welcome", "Welcome"],
    ]);
    const text = plan.files.find((f) => f.file === "flows/calls/sales.yaml")!.after;
    const sales = parseFlowText(text, "sales").model;
    expect(sales.start).toBe("RecordingNotice");
    expect(sales.nodes.RecordingNotice).toEqual({
      type: "subflow",
      module: "RecordingNotice",
      inputs: {},
      outputs: {},
      transitions: { completed: "Welcome", error: "Welcome" },
    });
    // Placed before the node it runs before; the rest of the file as it was.
    expect(text).toContain(
      "start: RecordingNotice\nnodes:\n  RecordingNotice:\n    type: subflow\n    module: RecordingNotice\n    transitions: { completed: Welcome, error: Welcome }\n  Welcome:",
    );
    expect(
      text.replace(/start: RecordingNotice\n/, "start: Welcome\n").replace(/ {2}RecordingNotice:\n( {4}.*\n){3}/, ""),
    ).toBe(pinProjectFiles()["flows/calls/sales.yaml"]);
  });

  test("the proof: the journeys differ by the call only, the scenarios still pass, lint is clean", () => {
    const proof = proofOf(inject({}));
    expect(proof.journeys.map((j) => [j.flow, j.before, j.after, j.holds, j.summary])).toEqual(
      CALLERS.slice()
        .sort()
        .map((f) => [
          f,
          4,
          4,
          true,
          "differs by the call only: each of the 4 journeys of before is there with the call where it reaches Welcome (4 journeys after, the module completing)",
        ]),
    );
    expect(proof.scenarios.map((s) => [s.name, s.before, s.after, s.holds])).toEqual([
      ["A good PIN reaches the sales queue", "passed", "passed", true],
      ["A bad PIN is sorry", "passed", "passed", true],
    ]);
    expect(proof.lint.every((l) => l.holds && l.after === 0)).toBe(true);
    expect(proof.holds).toBe(true);
  });

  test("before a node, with its error going elsewhere: journeys where the module fails go on there", () => {
    const plan = inject({ module: "CheckHours", at: "before:Transfer", onError: "Sorry" });
    const sales = parseFlowText(plan.files.find((f) => f.file === "flows/calls/sales.yaml")!.after, "sales").model;
    expect(sales.nodes.Route.transitions).toEqual({ yes: "CheckHours", no: "Sorry" });
    expect(sales.nodes.CheckHours).toMatchObject({
      module: "CheckHours",
      transitions: { completed: "Transfer", error: "Sorry" },
    });
    const proof = proofOf(plan);
    expect(proof.journeys.find((j) => j.flow === "calls/sales")).toMatchObject({
      holds: true,
      summary:
        "differs by the call only: each of the 4 journeys of before is there with the call where it reaches Transfer (4 journeys after, the module completing); 1 journey where the module ends in error, going on at Sorry",
    });
    // The scenario reaching the transfer does not say whether the office is open: it must, to pass.
    expect(proof.holds).toBe(false);
    expect(proof.scenarios.find((s) => !s.holds)).toMatchObject({
      name: "A good PIN reaches the sales queue",
      before: "passed",
      after: "stopped",
    });
    const answered = refactorSnapshot({
      ...pinProjectFiles({ "modules/check-hours.yaml": HOURS_MODULE }),
      "scenarios/calls/sales/pin.yaml": pinProjectFiles()["scenarios/calls/sales/pin.yaml"].replace(
        "    expect:\n      path",
        '    org: { schedules: { "Office hours": open } }\n    expect:\n      path',
      ),
    });
    const again = planInject(answered, {
      module: "CheckHours",
      at: "before:Transfer",
      onError: "Sorry",
      flows: CALLERS,
    });
    expect(
      prove(answered, again.files, { changed: CALLERS, injected: new Map(again.callers.map((c) => [c.flow, c])) })
        .holds,
    ).toBe(true);
  });

  test("a call wired elsewhere fails the proof, naming the journey", () => {
    const plan = inject({ module: "CheckHours", at: "before:Transfer", onError: "Sorry" });
    const wrong = plan.files.map((f) =>
      f.file === "flows/calls/sales.yaml"
        ? {
            ...f,
            after: f.after.replace(
              "transitions: { completed: Transfer, error: Sorry }",
              "transitions: { completed: Sorry, error: Sorry }",
            ),
          }
        : f,
    );
    const proof = prove(snapshot(), wrong, {
      changed: CALLERS,
      injected: new Map(plan.callers.map((c) => [c.flow, c])),
    });
    expect(proof.holds).toBe(false);
    const sales = proof.journeys.find((j) => j.flow === "calls/sales")!;
    expect(sales.holds).toBe(false);
    expect(sales.summary).toBe("journey 1 of before no longer happens");
    expect(sales.difference?.before).toContain("call: completed · @Transfer");
  });

  test("a module that asks what the scenarios do not answer fails the proof: nothing may be written", () => {
    const proof = proofOf(inject({ module: "Survey" }));
    expect(proof.holds).toBe(false);
    const failed = proof.scenarios.filter((s) => !s.holds);
    expect(failed.map((s) => s.name)).toEqual(["A good PIN reaches the sales queue", "A bad PIN is sorry"]);
    expect(failed[0].differences.join("\n")).toContain("Survey.Ask");
  });

  test("a module that tests the caller's number as the flow does: the proof holds, the flow's test going the module's way", () => {
    const ani = (module: string) =>
      refactorSnapshot({ "flows/modules/known-caller.yaml": module, "flows/calls/vip.yaml": ANI_CALLER });
    for (const at of ["start", "before:IsVip"]) {
      const plan = planInject(ani(ANI_MODULE), { module: "KnownCaller", at, flows: ["calls/vip"] });
      const proof = prove(ani(ANI_MODULE), plan.files, {
        changed: ["calls/vip"],
        injected: new Map(plan.callers.map((c) => [c.flow, c])),
      });
      expect(proof.journeys.map((j) => [j.before, j.after, j.holds])).toEqual([[3, 3, true]]);
      expect(proof.holds).toBe(true);
    }
    // The module ends in error for an unknown caller, going on at Goodbye: the flow's unknown callers hang up there, as they did.
    const failing =
      ANI_MODULE.replace("transitions: { yes: Greet, no: Done }", "transitions: { yes: Greet, no: Failed }") +
      "  Failed:\n    type: return\n    outcome: error\n";
    const plan = planInject(ani(failing), {
      module: "KnownCaller",
      at: "start",
      onError: "Goodbye",
      flows: ["calls/vip"],
    });
    const proof = prove(ani(failing), plan.files, {
      changed: ["calls/vip"],
      injected: new Map(plan.callers.map((c) => [c.flow, c])),
    });
    expect(proof.journeys[0]).toMatchObject({
      holds: true,
      summary:
        "differs by the call only: each of the 3 journeys of before is there with the call where it reaches Welcome (2 journeys after, the module completing); 1 journey where the module ends in error, going on at Goodbye",
    });
    // Wired to go on elsewhere when it completes, the flow's unknown callers would be transferred: refused.
    const wrong = plan.files.map((f) => ({
      ...f,
      after: f.after.replace("completed: Welcome", "completed: Transfer"),
    }));
    expect(
      prove(ani(failing), wrong, { changed: ["calls/vip"], injected: new Map(plan.callers.map((c) => [c.flow, c])) })
        .holds,
    ).toBe(false);
  });

  test("flows without the node are left as they are; what cannot be called is refused", () => {
    const plan = planInject(snapshot(), { module: "RecordingNotice", at: "before:GetPin", flows: CALLERS });
    expect(plan.callers.map((c) => c.flow)).toEqual(["calls/support"]);
    expect(plan.skipped).toEqual([
      { flow: "calls/sales", reason: 'has no node "GetPin"' },
      { flow: "calls/billing", reason: 'has no node "GetPin"' },
    ]);
    const refused = (req: Partial<InjectRequest>) => {
      try {
        inject(req);
      } catch (e) {
        if (e instanceof Refused) return e.refusals.map((r) => r.message);
        throw e;
      }
      return [];
    };
    expect(refused({ at: "before:Nowhere" })).toEqual([
      'no flow matches (calls/sales has no node "Nowhere"; calls/support has no node "Nowhere"; calls/billing has no node "Nowhere")',
    ]);
    expect(refused({ module: "Sales" })).toEqual([
      'flows/calls/sales.yaml: "Sales" is an inbound call flow, not a common module',
    ]);
    expect(refused({ inputs: { text: '"hi"' } })).toEqual([
      'flows/modules/recording-notice.yaml: RecordingNotice has no input "text" (its inputs: none)',
    ]);
    expect(refused({ onError: "Missing" })).toHaveLength(3);
  });

  test("a flow that already calls the module there is left as it is", () => {
    const once = inject({});
    const injected = refactorSnapshot({
      ...pinProjectFiles({ "modules/recording-notice.yaml": NOTICE_MODULE }),
      ...Object.fromEntries(once.files.map((f) => [f.file, f.after])),
    });
    expect(() => planInject(injected, { module: "RecordingNotice", at: "start", flows: CALLERS })).toThrow(
      "no flow matches (calls/sales already calls RecordingNotice at its start; calls/support already calls RecordingNotice at its start; calls/billing already calls RecordingNotice at its start)",
    );
    expect(() =>
      planInject(injected, { module: "RecordingNotice", at: "before:Welcome", flows: ["calls/sales"] }),
    ).toThrow('no flow matches (calls/sales already calls RecordingNotice before "Welcome")');
  });
});
