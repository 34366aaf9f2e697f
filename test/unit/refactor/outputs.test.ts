// What an extracted module returns and how it ends, on a held-out style portfolio of the test's own
// (test/fixtures/refactor-pin-account): three lines that each copied an account PIN check (three
// tries, the PIN looked up by a data action, a verified flag set true or false), each spelling its
// nodes and variables its own way, and each reading the verified flag and the account id after
// it. The module returns exactly those (each caller binding its own names), completes on both
// ways its callers go on from (the flag tells them which) and ends in error only where the data
// action failed; the proof (journeys, the scenarios reading the account in participant data, lint)
// holds. Outputs chosen by hand are taken, and refused when they leave out one a caller reads.
import { documented } from "../../../testkit/docOutputs";
import { join } from "node:path";
import { parseFlowText } from "../../../model/load";
import type { ModuleModel } from "../../../model/schema";
import { planExtract } from "../../../refactor/extract";
import { prove } from "../../../refactor/proof";
import { readSnapshot } from "../../../run/projectSnapshot";
import { main } from "../../../tools/refactor";
import { readTree, tempProject } from "../../../testkit/tempProject";
import { fileOf, refusalsOf } from "./planFiles";

const FIXTURE = join(__dirname, "../../fixtures/refactor-pin-account");
const CALLERS = ["calls/sales", "calls/support", "calls/billing"];
const snapshot = () => readSnapshot(FIXTURE);

describe("the module returns what its callers read after it", () => {
  const plan = planExtract(snapshot(), { name: "PinCheck", flows: CALLERS });
  const module = parseFlowText(fileOf(plan, "flows/modules/pin-check.yaml"), "module").model as ModuleModel;
  const caller = (flow: string) => parseFlowText(fileOf(plan, `flows/${flow}.yaml`), flow).model;

  test("its outputs are the variables the nodes write that a caller reads after them, each caller binding its own", () => {
    expect(plan.callers.map((c) => c.calls[0].replaces.length)).toEqual([8, 8, 8]);
    expect(module.outputs).toEqual({ accountId: { type: "string" }, verified: { type: "boolean" } });
    // The PIN and the lookup's answer are the module's own; nothing the caller set goes in.
    expect(Object.keys(module.variables)).toEqual(["pin", "pinValid"]);
    expect(module.inputs).toEqual({});
    expect(caller("calls/sales").nodes.PinCheck).toMatchObject({
      outputs: { accountId: "accountId", verified: "verified" },
    });
    expect(caller("calls/support").nodes.PinCheck).toMatchObject({
      outputs: { accountId: "account", verified: "isVerified" },
    });
    expect(caller("calls/billing").nodes.PinCheck).toMatchObject({
      outputs: { accountId: "accountId", verified: "verified" },
    });
    expect(Object.keys(caller("calls/support").variables)).toEqual(["account", "isVerified"]);
  });

  test("no error on the happy path: it completes both ways its callers go on from, and fails only where the lookup failed", () => {
    expect(plan.shared.exits.map((g) => [g.outcome, g.targets])).toEqual([
      ["completed", ["Greet", "Tag", "Known"]],
      ["completed", ["MarkUnverified", "General", "Queue"]],
      ["error", ["Goodbye", "Goodbye", "Hangup"]],
    ]);
    expect(plan.shared.branch).toEqual({ output: "verified", value: "true", synthesized: false });
    expect(module.nodes.Verified.transitions).toEqual({ next: "Done" });
    expect(module.nodes.NotVerified.transitions).toEqual({ next: "Done2" });
    expect(module.nodes.Lookup.transitions).toEqual({
      success: "IsValid",
      failure: "SystemDown",
      timeout: "SystemDown",
    });
    expect(module.nodes.SystemDown.transitions).toEqual({ next: "Failed" });
    expect(
      Object.entries(module.nodes)
        .filter(([, n]) => n.type === "return")
        .map(([id, n]) => [id, (n as { outcome: string }).outcome]),
    ).toEqual([
      ["Done", "completed"],
      ["Done2", "completed"],
      ["Failed", "error"],
    ]);
    const support = caller("calls/support");
    expect(support.nodes.PinCheck.transitions).toEqual({ completed: "AfterPinCheck", error: "Hangup" });
    expect(support.nodes.AfterPinCheck).toEqual({
      type: "decision",
      expression: "Flow.isVerified",
      transitions: { yes: "Known", no: "Queue" },
    });
  });

  test("the proof holds and shows the outcomes: journeys unchanged, the scenarios reading the account pass, lint clean", () => {
    const proof = prove(snapshot(), plan.files, { changed: CALLERS, module: "PinCheck" });
    expect(proof.problems).toEqual([]);
    expect(proof.journeys.map((j) => [j.flow, j.holds, j.outcomes])).toEqual([
      ["calls/billing", true, { completed: 30, error: 14 }],
      ["calls/sales", true, { completed: 37, error: 14 }],
      ["calls/support", true, { completed: 44, error: 14 }],
    ]);
    expect(proof.journeys[0].summary).toBe(
      "44 journeys, unchanged (node names aside); PinCheck completes 30 times, ends in error 14 times",
    );
    expect(proof.scenarios.map((s) => [s.name, s.before, s.after])).toEqual([
      ["A verified caller reaches the account team, the account tagged", "passed", "passed"],
      ["A caller who fails three times reaches the general queue", "passed", "passed"],
      ["When the lookup fails the caller is told to call again", "passed", "passed"],
    ]);
    expect(proof.lint).toEqual([{ stack: "local", before: 0, after: 0, added: [], holds: true }]);
    expect(proof.holds).toBe(true);
  });

  test("a module that does not return the account fails the proof: the callers read it after the call", () => {
    const without = plan.files.map((f) => ({
      ...f,
      after: f.after
        .replace(/^ {2}accountId:\n {4}type: string\n/m, "")
        .replace(/^ {6}accountId: (accountId|account)\n/m, ""),
    }));
    expect(fileOf({ files: without }, "flows/modules/pin-check.yaml")).not.toContain("  accountId:\n    type: string");
    const proof = prove(snapshot(), without, { changed: CALLERS, module: "PinCheck" });
    expect(proof.holds).toBe(false);
    expect(proof.scenarios.find((s) => s.name.startsWith("A verified caller"))).toMatchObject({
      before: "passed",
      holds: false,
    });
  });

  test("outputs chosen are returned; leaving out one a caller reads is refused, naming the caller's node", () => {
    const chosen = planExtract(snapshot(), {
      name: "PinCheck",
      flows: CALLERS,
      outputs: ["accountId", "verified", "pinValid"],
    });
    expect(chosen.shared.outputs.map((p) => p.name)).toEqual(["accountId", "pinValid", "verified"]);
    expect(chosen.shared.internal.map((p) => p.name)).toEqual(["pin"]);
    expect(prove(snapshot(), chosen.files, { changed: CALLERS }).holds).toBe(true);
    expect(
      refusalsOf(() => planExtract(snapshot(), { name: "PinCheck", flows: CALLERS, outputs: ["verified", "balance"] })),
    ).toEqual([
      'flows/calls/billing.yaml: the outputs chosen name "balance", which the nodes do not write (they write accountId, pin, pinValid, verified)',
      'flows/calls/billing.yaml: node "Greet": reads accountId after the nodes that write it: the module must return accountId (add it to the outputs chosen)',
      'flows/calls/sales.yaml: node "Tag": reads accountId after the nodes that write it: the module must return accountId (add it to the outputs chosen)',
      'flows/calls/support.yaml: node "Known": reads account after the nodes that write it: the module must return accountId (add it to the outputs chosen)',
    ]);
  });

  test("the command: --outputs refused exits 1 and writes nothing; without it the module and callers are written", () => {
    const root = tempProject(readTree(FIXTURE));
    const before = readTree(root);
    let out = "";
    let err = "";
    const io = { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } };
    expect(main(["extract-module", "--name", "PinCheck", "--outputs", "verified", ...CALLERS], io, root)).toBe(1);
    expect(err).toContain(
      'flows/calls/sales.yaml: node "Tag": reads accountId after the nodes that write it: the module must return accountId',
    );
    documented("refactor/outputs-refused", err.trimEnd());
    expect(readTree(root)).toEqual(before);
    expect(
      main(["extract-module", "--name", "PinCheck", "--outputs", "accountId,verified", ...CALLERS], io, root),
    ).toBe(0);
    expect(out).toContain(
      "  returns: accountId (string), verified (boolean)\n  outcomes: completed -> Greet / Tag / Known when verified is true, else MarkUnverified / General / Queue; error -> Goodbye / Hangup\n",
    );
    expect(out).toContain(
      "journeys   flows/calls/sales.yaml    51 journeys, unchanged (node names aside); PinCheck completes 37 times, ends in error 14 times\n",
    );
    expect(readTree(root)["flows/modules/pin-check.yaml"]).toContain(
      "outputs:\n  accountId:\n    type: string\n  verified:\n    type: boolean\n",
    );
  });
});
