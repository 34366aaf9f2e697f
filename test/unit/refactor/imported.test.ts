// Refactoring flows that came in through the import, as a team's flows do (an Archy export or an
// org's published flows: the same importer, import/archyToModel.ts): the tests' three callers are
// published as Archy (what an export holds), imported back into flow files named as the import
// names nodes (from the actions' names), and the PIN check they share is found and extracted with
// its proof. Raw Archy the import keeps that goes to a task of the flow stays out of the module.
import { compileFlow } from "../../../compiler";
import { importArchyText } from "../../../import/archyToModel";
import { modelYaml } from "../../../import/modelYaml";
import { parseFlowText } from "../../../model/load";
import { planExtract } from "../../../refactor/extract";
import { loadableFlows } from "../../../refactor/project";
import { prove } from "../../../refactor/proof";
import { suggest } from "../../../refactor/suggest";
import { PIN_CALLERS, refactorSnapshot } from "../../../testkit/refactorFlows";

/** The callers as the import writes them from their Archy (flows/imported/<name>.yaml). */
function importedFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [file, text] of Object.entries(PIN_CALLERS)) {
    const flow = parseFlowText(text, file);
    const archy = compileFlow(flow, { publishedName: flow.model.name, modules: new Map() });
    const source = `exports/${flow.model.name}.yaml`;
    files[`flows/imported/${file.replace("calls/", "")}`] = modelYaml(importArchyText(archy, { source }).model, {
      schemaPath: "../../schema/flow.schema.json",
      source,
      lines: [],
    });
  }
  return files;
}

const IMPORTED = ["imported/sales", "imported/support", "imported/billing"];

describe("refactoring imported flows", () => {
  const snapshot = refactorSnapshot(importedFiles());

  test("suggest finds the check the imported flows share; raw Archy bound to the flow is left out", () => {
    const [top] = suggest(loadableFlows(snapshot));
    expect(top.occurrences.map((o) => o.flow.id)).toEqual(["imported/billing", "imported/sales", "imported/support"]);
    expect(top.occurrences.map((o) => o.flow.model.nodes[o.order[0]].type)).toEqual([
      "collectDigits",
      "collectDigits",
      "collectDigits",
    ]);
    expect(top.names).toHaveLength(4);
    // Each copy's not-verified way goes on (the module completes that way too) at raw Archy that jumps to the flow's own apology task.
    expect(top.exits.map((g) => g.outcome)).toEqual(["completed", "completed"]);
    const after = top.exits[1].targets.map((t, i) => top.occurrences[i].flow.model.nodes[t]);
    expect(after.map((n) => n.type)).toEqual(["archy", "archy", "archy"]);
    expect(JSON.stringify(after[0])).toContain("/inboundCall/tasks/task[");
    expect(top.refusals).toEqual([]);
  });

  test("extract-module on them: the proof holds", () => {
    const plan = planExtract(snapshot, { name: "PinCheck", flows: IMPORTED });
    const proof = prove(snapshot, plan.files, { changed: IMPORTED });
    expect(proof.journeys.map((j) => [j.flow, j.summary])).toEqual([
      ["imported/billing", "4 journeys, unchanged (node names aside)"],
      ["imported/sales", "4 journeys, unchanged (node names aside)"],
      ["imported/support", "4 journeys, unchanged (node names aside)"],
    ]);
    expect(proof.lint.map((l) => l.added)).toEqual([[]]);
    expect(proof.holds).toBe(true);
  });
});
