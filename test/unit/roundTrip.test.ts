// Round trip keeps every action: an export imported into the flow model and compiled back holds
// the export's actions, by the comparison check-exports makes (exportCheck/actionKinds.ts), for the
// constructs held-out real exports lost (issue 76): Next Loop inside the loops of a bot flow, the
// data action of a workflow state two moves enter, and the paths of raw Archy that leave for a
// state; and menus (issue 87): each choice keeps its kind, and no choice nor default choice is added
// where the export has none. The exports are the tests' own (test/fixtures/exports/README.md).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Json } from "../../archy/json";
import { parseArchyYaml } from "../../compiler";
import type { Doc } from "../../exportCheck/actionKinds";
import { compileStep, importedSource, importStep } from "../../exportCheck/steps";
import { countActions } from "../../import/graph";

const FIXTURES = join(__dirname, "..", "fixtures", "exports", "roundtrip");

/** The export, its import's step and the compiled flow with check-exports' verdict on it. */
function roundTrip(name: string, folder = FIXTURES) {
  const text = readFileSync(join(folder, name), "utf8");
  const imported = importStep(name, text);
  expect(imported.step.problems).toEqual([]);
  const { step, compiled } = compileStep(
    name,
    importedSource(imported.result!, name),
    text,
    parseArchyYaml(text) as Doc,
  );
  return {
    exported: parseArchyYaml(text) as Doc,
    imported: imported.step,
    compile: step,
    compiled: parseArchyYaml(compiled!.text) as Doc,
  };
}

function counts(doc: Doc): Record<string, number> {
  const out: Record<string, number> = {};
  countActions(Object.values(doc)[0] as unknown as Json, out);
  return out;
}

/** The actions of the first action `key` named `name` in the document. */
function actionNamed(doc: Json, key: string, name: string): Record<string, Json> | undefined {
  if (Array.isArray(doc)) return doc.map((x) => actionNamed(x, key, name)).find((x) => x !== undefined);
  if (doc === null || typeof doc !== "object") return undefined;
  const own = (doc as Record<string, Json>)[key] as Record<string, Json> | undefined;
  if (own && typeof own === "object" && own.name === name) return own;
  return Object.values(doc)
    .map((x) => actionNamed(x, key, name))
    .find((x) => x !== undefined);
}

describe("import then compile keeps every action", () => {
  it("Next Loop inside a bot flow's loop, after a typed node and in a branch of raw Archy (loopNext: 2 -> 0 before)", () => {
    const { compile, compiled, imported } = roundTrip("retry-bot.yaml");
    expect(compile.problems).toEqual([]);
    expect(counts(compiled).loopNext).toBe(2);
    // Kept as written, each where the export has it; the model has no node for it.
    expect(imported.rawNodes.filter((r) => r.action === "loopNext").map((r) => r.line)).toEqual([56, 79]);
  });

  it("a workflow state two moves enter, where paths do not meet, is kept as exported: its data action is called once (callData: 2 -> 3 before)", () => {
    const { compile, compiled } = roundTrip("customer-sync.yaml");
    expect(compile.problems).toEqual([]);
    expect(counts(compiled).callData).toBe(2);
    expect(JSON.stringify(compiled)).toContain("/workflow/states/state[Lookup_11]");
  });

  it("the paths of raw Archy that leave for a state still leave for it, not for the actions after it", () => {
    // Before, the not-found and failure paths were left empty, falling through to "Escalated?".
    const { compile, compiled, exported } = roundTrip("status-check.yaml");
    expect(compile.problems).toEqual([]);
    const outputs = (doc: Doc) =>
      actionNamed(doc as unknown as Json, "getConversationData", "Get Conversation Data")!.outputs;
    expect(outputs(compiled)).toEqual(outputs(exported));
  });

  describe("menus keep their choices", () => {
    type Menu = { name: string; choices: Array<Record<string, Record<string, unknown>>>; defaultChildMenuRef?: string };
    const menus = (doc: Doc) => (Object.values(doc)[0].menus as Array<{ menu: Menu }>).map((m) => m.menu);
    const kinds = (doc: Doc) =>
      menus(doc).map((m) => ({
        menu: m.name,
        choices: m.choices.map((c) => `${Object.keys(c)[0]} ${String(Object.values(c)[0].name)}`),
        default: m.defaultChildMenuRef?.replace(/\[.*\]$/, ""),
      }));

    it("good/main-line.yaml keeps its 2 menuJumpToTask choices and gets no choice nor default choice of the compiler's", () => {
      // Before: 2 menuTask choices, and a menuDisconnect default choice the export does not have.
      const { compile, compiled, exported } = roundTrip("main-line.yaml", join(FIXTURES, "..", "good"));
      expect(compile.problems).toEqual([]);
      expect(kinds(compiled)).toEqual([
        { menu: "Main", choices: ["menuJumpToTask Sales", "menuJumpToTask Support"], default: undefined },
      ]);
      expect(kinds(compiled)).toEqual(kinds(exported));
      // Each jumps to the task laid out from the nodes of the export's task.
      const tasks = (Object.values(compiled)[0].tasks as Array<{ task: { refId: string } }>).map(
        (t) => `/inboundCall/tasks/task[${t.task.refId}]`,
      );
      for (const c of menus(compiled)[0].choices) expect(tasks).toContain(c.menuJumpToTask.targetTaskRef);
    });

    it("every kind of choice the model has is kept, and a default choice stays the choice it was", () => {
      const { compile, compiled, exported } = roundTrip("menu-choices.yaml");
      expect(compile.problems).toEqual([]);
      expect(kinds(compiled)).toEqual([
        {
          menu: "Main",
          choices: [
            "menuJumpToTask Sales",
            "menuTask Hours",
            "menuJumpToMenu More",
            "menuTransferToAcd Agent",
            "menuDisconnect Hang up",
          ],
          default: "./choices/menuJumpToTask",
        },
        { menu: "More", choices: ["menuPreviousMenu Back", "menuDisconnect Goodbye"], default: undefined },
      ]);
      expect(kinds(compiled)).toEqual(kinds(exported));
      const main = menus(compiled)[0];
      expect(main.defaultChildMenuRef).toBe(
        `./choices/menuJumpToTask[${String(main.choices[0].menuJumpToTask.refId)}]`,
      );
      expect(main.choices[3].menuTransferToAcd).toMatchObject({
        targetQueue: { lit: { name: "Support" } },
        preTransferAudio: { tts: "Connecting you to an agent." },
      });
    });
  });
});
