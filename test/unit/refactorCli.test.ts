// genesys-flows refactor on a project of the tests' own flows (testkit/refactorFlows.ts), as a
// person runs it: suggest prints; extract-module writes the module and the callers when its proof
// holds, and nothing with --dry-run, when refused, or when the proof does not hold (the difference
// is printed); call-module likewise; usage errors exit 2.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../tools/refactor";
import { readTree, tempProject } from "../../testkit/tempProject";
import { documented, excerpt } from "../../testkit/docOutputs";
import {
  NOTICE_MODULE,
  OTHER_PROMPT_CALLER,
  PIN_STACK_FILE,
  pinProjectFiles,
  SURVEY_MODULE,
} from "../../testkit/refactorFlows";

function run(root: string, args: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = main(
    args,
    { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } },
    root,
  );
  return { code, out, err };
}

const project = () =>
  tempProject({
    ...pinProjectFiles({
      "calls/returns.yaml": OTHER_PROMPT_CALLER,
      "modules/recording-notice.yaml": NOTICE_MODULE,
      "modules/survey.yaml": SURVEY_MODULE,
    }),
    "Pulumi.local.yaml": PIN_STACK_FILE,
  });
const CALLERS = ["calls/sales", "calls/support", "calls/billing"];

describe("genesys-flows refactor", () => {
  test("suggest prints the shared subgraphs, largest first, with the command that extracts each", () => {
    const r = run(project(), ["suggest"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "1. 4 nodes in 3 flows: AskPin, CheckPin, NotVerified, Verified\n   flows/calls/billing.yaml  AskPin, CheckPin, SetNotVerified, SetVerified\n",
    );
    expect(r.out).toContain(
      "   takes: pinLength (integer)\n   returns: verified (boolean)\n   ways out: completed -> Route when verified is true, else Sorry\n",
    );
    expect(r.out).toContain(
      "extract: genesys-flows refactor extract-module --name <Module> --nodes AskPin,CheckPin,NotVerified,Verified --from calls/sales calls/billing calls/support",
    );
    expect(JSON.parse(run(project(), ["suggest", "--format", "json"]).out).suggestions[0].names).toEqual([
      "AskPin",
      "CheckPin",
      "NotVerified",
      "Verified",
    ]);
  });

  test("extract-module writes the module, the callers and the scenario file when its proof holds", () => {
    const root = project();
    const before = readTree(root);
    const r = run(root, ["extract-module", "--name", "PinCheck", ...CALLERS]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Proof: holds\n");
    expect(r.out).toContain(
      "Wrote:\n  + flows/modules/pin-check.yaml\n  ~ flows/calls/sales.yaml\n  ~ flows/calls/support.yaml\n  ~ flows/calls/billing.yaml\n  ~ scenarios/calls/sales/pin.yaml\n",
    );
    const after = readTree(root);
    expect(
      Object.keys(after)
        .filter((f) => after[f] !== before[f])
        .sort(),
    ).toEqual([
      "flows/calls/billing.yaml",
      "flows/calls/sales.yaml",
      "flows/calls/support.yaml",
      "flows/modules/pin-check.yaml",
      "scenarios/calls/sales/pin.yaml",
    ]);
    // A second run finds nothing left to extract under that name.
    expect(run(root, ["extract-module", "--name", "PinCheck", ...CALLERS]).code).toBe(1);
  });

  test("--dry-run proves and prints, and writes nothing", () => {
    const root = project();
    const before = readTree(root);
    const r = run(root, ["extract-module", "--dry-run", "--name", "PinCheck", ...CALLERS]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Would write (dry run):\n  + flows/modules/pin-check.yaml\n");
    const json = JSON.parse(
      run(root, ["extract-module", "--dry-run", "--format", "json", "--name", "PinCheck", ...CALLERS]).out,
    );
    expect(json.written).toBe(false);
    expect(json.files[0]).toMatchObject({ file: "flows/modules/pin-check.yaml", change: "create" });
    expect(json.files[0].text).toContain("name: PinCheck");
    expect(readTree(root)).toEqual(before);
  });

  test("a refusal names the node and why, exits 1 and writes nothing", () => {
    const root = project();
    const before = readTree(root);
    const r = run(root, [
      "extract-module",
      "--name",
      "PinCheck",
      "--nodes",
      "AskPin,CheckPin,NotVerified,Verified",
      "--from",
      "calls/sales",
      "calls/returns",
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'genesys-flows refactor extract-module: refused, nothing written:\n  flows/calls/returns.yaml: holds no copy of the subgraph of flows/calls/sales.yaml: the closest, from node "AskPin", matches 0 of its 4 nodes (node "AskPin" differs from "AskPin" of flows/calls/sales.yaml in prompt)\n',
    );
    expect(readTree(root)).toEqual(before);
  });

  test("when the proof does not hold, nothing is written and the difference is shown", () => {
    const root = project();
    const before = readTree(root);
    const r = run(root, ["call-module", "--module", "Survey", "--at", "start", ...CALLERS]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("Proof: does not hold\n");
    expect(r.out).toContain(
      'scenario   scenarios/calls/sales/pin.yaml: "A good PIN reaches the sales queue" (local): passed before, stopped after <- the change breaks it',
    );
    expect(r.out).toContain("step 1 is for AskPin, but the flow waits at Survey.Ask");
    expect(r.out).toContain("Nothing written: the proof does not hold (see above).\n");
    expect(readTree(root)).toEqual(before);
    documented("refactor/proof-fails", excerpt(r.out, "Proof: does not hold"));
  });

  test("call-module adds the call to every matching flow", () => {
    const root = project();
    const r = run(root, ["call-module", "--module", "RecordingNotice", "--at", "before:GetPin", ...CALLERS]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "Call of RecordingNotice (flows/modules/recording-notice.yaml) added to 1 flow:\n  flows/calls/support.yaml  subflow node RecordingNotice before GetPin\n",
    );
    expect(r.out).toContain('  left as it is: calls/sales has no node "GetPin"\n');
    expect(readFileSync(join(root, "flows/calls/support.yaml"), "utf8")).toContain(
      "  RecordingNotice:\n    type: subflow\n    module: RecordingNotice\n    transitions: { completed: GetPin, error: GetPin }\n  # The PIN check, copied from flow to flow.\n  GetPin:",
    );
  });

  test("usage errors exit 2 with the usage", () => {
    const root = project();
    for (const args of [
      [],
      ["refine"],
      ["extract-module", "calls/sales"],
      ["extract-module", "--name", "X"],
      ["call-module", "--module", "X", "calls/sales"],
      ["suggest", "--limit", "0"],
      ["suggest", "--bogus"],
      ["call-module", "--module", "RecordingNotice", "--at", "start", "--input", "x", "calls/sales"],
    ]) {
      const r = run(root, args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err).toContain("Usage: genesys-flows refactor");
    }
    expect(run(root, ["--help"]).out).toContain("Usage: genesys-flows refactor suggest");
  });
});
