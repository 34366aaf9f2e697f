// flows:import with Archy files, over a copy of the fixture portfolio: writes one flow file per
// flow that loads and passes the checks, prints what stayed raw with file and line, and writes
// nothing when a file would be overwritten without --force, when two flows would share a name
// (Genesys ignores case) or when an input cannot be imported.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runChecks } from "../../checks";
import { parseFlowText } from "../../model/load";
import { main } from "../../tools/importFlows";
import { planImport } from "../../import/plan";
import { readFlowSources } from "../../project/flowFiles";
import { copyPortfolio, PORTFOLIO } from "../../testkit/fixtureProject";

let root: string;
beforeEach(() => {
  root = copyPortfolio("flows-import-");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(["--root", root, ...argv], {
    out: { write: (s: string) => (out += s) },
    err: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

const archy = (name: string, queue = "Support") => `inboundCall:
  name: ${name}
  defaultLanguage: {{lang}}
  startUpRef: "/inboundCall/tasks/task[Main_1]"
  tasks:
    - task:
        name: Main
        refId: Main_1
        actions:
          - playAudio:
              name: Hello
              audio:
                tts: Hello.
          - setWrapupCode:
              name: Tag
          - transferToAcd:
              name: Route
              targetQueue:
                lit:
                  name: ${queue}
`;

function write(file: string, text: string): string {
  const path = join(root, file);
  writeFileSync(path, text);
  return path;
}

describe("flows:import (files)", () => {
  it("writes a flow file per Archy file that loads and passes the checks, and says what stayed raw, with file and line", async () => {
    const a = write("a.yaml", archy("Legacy Support"));
    const b = write("b.yaml", archy("Legacy Billing", "Billing"));
    const r = await run(a, b, "--set", "lang=en-us");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    for (const [file, name] of [
      ["flows/imported/legacy-support.yaml", "Legacy Support"],
      ["flows/imported/legacy-billing.yaml", "Legacy Billing"],
    ]) {
      const text = readFileSync(join(root, file), "utf8");
      expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../../schema/flow.schema.json");
      expect(text.split("\n")[1]).toMatch(/^# Imported by genesys-flows from .*\.yaml\.$/);
      const flow = parseFlowText(text, file);
      expect(flow.model.name).toBe(name);
      expect(runChecks({ flows: [{ file, id: file, model: flow.model, displayName: name }] })).toEqual([]);
    }
    expect(r.out).toContain(
      'wrote flows/imported/legacy-support.yaml from a.yaml (inboundCall "Legacy Support"): 2 of 3 actions are typed nodes (67%), 1 stay raw Archy',
    );
    expect(r.out).toContain(
      "  raw   a.yaml:14 inboundCall.tasks[0].task.actions[1]: setWrapupCode: its wrap-up code is not named literally",
    );
    expect(r.out).toContain("2 flow file(s): 4 of 6 actions typed, 2 raw.");
  });

  it("never overwrites a file without --force", async () => {
    const a = write("a.yaml", archy("Legacy Support"));
    expect((await run(a, "--set", "lang=en-us")).code).toBe(0);
    const file = join(root, "flows/imported/legacy-support.yaml");
    writeFileSync(file, "# edited by hand\n");
    const again = await run(a, "--set", "lang=en-us");
    expect(again.code).toBe(1);
    expect(again.err).toContain(
      "flows/imported/legacy-support.yaml: exists; the import of a.yaml would overwrite it; pass --force to overwrite it",
    );
    expect(readFileSync(file, "utf8")).toBe("# edited by hand\n");
    const forced = await run(a, "--set", "lang=en-us", "--force");
    expect(forced.code).toBe(0);
    expect(forced.out).toContain("replaced flows/imported/legacy-support.yaml");
  });

  it("refuses a name another flow has, compared as Genesys does, naming both files", async () => {
    const a = write("a.yaml", archy("SALES"));
    const r = await run(a, "--set", "lang=en-us");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /flows\/imported\/sales\.yaml \(imported from a\.yaml\): flow name "SALES" is also the flow name of flows\/calls\/sales\.yaml \("Sales"\)/,
    );
    expect(existsSync(join(root, "flows/imported"))).toBe(false);
  });

  it("refuses two imports into one file, naming both", async () => {
    const a = write("a.yaml", archy("Legacy Support"));
    const b = write("b.yaml", archy("Legacy support!"));
    const r = await run(a, b, "--set", "lang=en-us");
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'flows/imported/legacy-support.yaml: both a.yaml and b.yaml would be imported into this file (flows "Legacy Support" and "Legacy support!")',
    );
  });

  it("says what it cannot read or import, with the line, and writes nothing", async () => {
    const a = write("a.yaml", archy("Legacy Support"));
    const bad = write("bad.yaml", "inboundCall:\n  name: [unclosed\n");
    const r = await run(a, bad, "--set", "lang=en-us");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.yaml:\d+: not valid YAML/);
    expect(existsSync(join(root, "flows/imported"))).toBe(false);
    expect((await run()).code).toBe(2);
  });

  it("skips a file of a flow type the model has no kind for with a warning, and writes the others", async () => {
    const a = write("a.yaml", archy("Legacy Support"));
    const vm = write(
      "vm.yaml",
      'voicemail:\n  name: Mailbox\n  defaultLanguage: en-us\n  startUpRef: "/voicemail/tasks/task[Main_1]"\n  tasks:\n    - task:\n        name: Main\n        refId: Main_1\n        actions:\n          - disconnect:\n              name: Bye\n',
    );
    const other = write("new.yaml", "inboundVideo:\n  name: Video\n");
    const r = await run(a, vm, other, "--set", "lang=en-us");
    expect(r.code).toBe(0);
    expect(r.out).toContain("1 flow file(s)");
    expect(existsSync(join(root, "flows/imported/legacy-support.yaml"))).toBe(true);
    expect(r.err).toContain(
      'flows:import: warning: vm.yaml:1: voicemail: flow type "voicemail" has no kind in the flow model (Archy has this flow type; the model cannot express it yet; kinds: ',
    );
    expect(r.err).toContain(
      'flows:import: warning: new.yaml:1: inboundVideo: flow type "inboundVideo" has no kind in the flow model (nor is it a flow type the Archy catalogue knows; kinds: ',
    );
    expect(r.err).toMatch(/: not imported, left as it is\n/);
    // A module for a flow type the model lacks, or with module settings it has no field for: skipped too.
    const mod = (settings: string) =>
      write("mod.yaml", `commonModule:\n  name: Mod\n  settingsCommonModule:\n${settings}`);
    const forVoicemail = await run(mod("    compatibleFlowTypes:\n      - flowType: voicemail\n"));
    expect(forVoicemail.code).toBe(0);
    expect(forVoicemail.err).toContain(
      'flows:import: warning: mod.yaml:5: commonModule.settingsCommonModule.compatibleFlowTypes[0]: compatible flow type "voicemail" is not a kind of the flow model: not imported, left as it is',
    );
    const newKey = await run(mod("    compatibleFlowTypes:\n      - flowType: inboundcall\n    shareable: true\n"));
    expect(newKey.code).toBe(0);
    expect(newKey.err).toContain(
      "commonModule.settingsCommonModule: settingsCommonModule has keys the model has no field for: shareable: not imported, left as it is",
    );
    // Only skipped files: nothing to write, still not a refusal.
    const only = await run(vm);
    expect(only.code).toBe(0);
    expect(only.out).toContain("0 flow file(s)");
    // What is certainly not Archy is still refused.
    const junk = await run(write("junk.yaml", "- a\n- b\n"));
    expect(junk.code).toBe(1);
    expect(junk.err).toContain("an Archy flow is a mapping with one key naming its flow type");
  });

  it("keeps a defaultLanguage that is a placeholder for the stack to fill, or writes the value --set gives", async () => {
    const a = write("a.yaml", archy("Legacy Support"));
    const kept = await run(a);
    expect(kept.code).toBe(0);
    expect(kept.out).toContain("placeholders to give a value in each stack: lang");
    expect(readFileSync(join(root, "flows/imported/legacy-support.yaml"), "utf8")).toContain(
      'defaultLanguage: "{{lang}}"',
    );
    expect((await run(a, "--set", "lang=fr-ca", "--force")).code).toBe(0);
    expect(readFileSync(join(root, "flows/imported/legacy-support.yaml"), "utf8")).toContain("defaultLanguage: fr-ca");
  });

  it("writes a flow using a function the catalogue lacks, and says so as a warning (unknown, not invalid)", async () => {
    const text = archy("Legacy Risk").replace(
      "                tts: Hello.",
      "                exp: ToAudioTTS(RiskBand(Call.Ani))",
    );
    const r = await run(write("a.yaml", text), "--set", "lang=en-us");
    expect(r.code).toBe(0);
    expect(existsSync(join(root, "flows/imported/legacy-risk.yaml"))).toBe(true);
    // The export's line of the action the node came from (line 10: the playAudio).
    expect(r.err).toContain(
      `flows:import: warning: [archy-unknown] flows/imported/legacy-risk.yaml (imported from a.yaml:10): node "Hello" (`,
    );
    expect(r.err).toContain('function "RiskBand" is not in the catalogue');
    expect((await run(write("b.yaml", archy("Legacy Calm")), "--set", "lang=en-us")).err).toBe("");
  });

  it("refuses an invalid flow, naming the export's line of the field, the node and the field, and writes nothing", async () => {
    const text = archy("Legacy Gone").replace(
      "          - setWrapupCode:\n              name: Tag\n",
      '          - jumpToTask:\n              name: Nowhere\n              targetTaskRef: "/inboundCall/tasks/task[Gone_9]"\n',
    );
    const r = await run(write("a.yaml", text), "--set", "lang=en-us");
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `[archy-actions] flows/imported/legacy-gone.yaml (imported from a.yaml:16): node "Nowhere" (archy): field "actions[0].jumpToTask.targetTaskRef": jumpToTask targetTaskRef targets task[Gone_9] which does not exist`,
    );
    expect(existsSync(join(root, "flows/imported/legacy-gone.yaml"))).toBe(false);
    // A flow-level field kept under archySettings: the line of that field in the export.
    const settings = archy("Legacy Menu").replace(
      "  tasks:\n",
      "  settingsMenu:\n    repeatCount:\n      lit: three\n  tasks:\n",
    );
    const m = await run(write("b.yaml", settings), "--set", "lang=en-us");
    expect(m.code).toBe(1);
    expect(m.err).toContain(
      `(imported from b.yaml:7): flow "Legacy Menu": field "archySettings.settingsMenu.repeatCount.lit": "repeatCount" takes a whole number, found "three"`,
    );
  });

  it("refuses what the Archy validator finds certainly invalid in the export though the flow model would not show it (an action list written as a mapping)", async () => {
    const text =
      archy("Legacy Shape").replace(
        "          - playAudio:\n              name: Hello\n              audio:\n                tts: Hello.\n",
        '          - callTask:\n              name: Greet\n              targetTaskRef: "/inboundCall/tasks/task[Greet_2]"\n',
      ) +
      "    - task:\n        name: Greet\n        refId: Greet_2\n        actions:\n          playAudio:\n            name: Hello\n";
    const r = await run(write("a.yaml", text), "--set", "lang=en-us");
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      '[archy-actions] flows/imported/legacy-shape.yaml (imported from a.yaml:23): flow "Legacy Shape": field "inboundCall.tasks[1].task.actions": actions must be a list of "- <action>: {...}" items, found a mapping.',
    );
    expect(existsSync(join(root, "flows/imported/legacy-shape.yaml"))).toBe(false);
    // Written as a list, the same export imports.
    const fixed = text.replace(
      "          playAudio:\n            name: Hello\n",
      "          - playAudio:\n              name: Hello\n              audio:\n                tts: Hello.\n          - endTask:\n              name: Back\n",
    );
    expect((await run(write("b.yaml", fixed), "--set", "lang=en-us")).code).toBe(0);
  });
});

describe("the import plan (import/plan.ts)", () => {
  const report = {
    source: "a.yaml",
    kind: "inboundCall",
    name: "Caller",
    typed: {},
    raw: {},
    structural: {},
    unmapped: [],
    notes: [],
    placeholders: [],
  };
  const caller = (module: string) => ({
    kind: "inboundCall",
    name: "Caller",
    start: "Find",
    nodes: {
      Find: { type: "subflow", module, transitions: { completed: "Bye", error: "Bye" } },
      Bye: { type: "disconnect" },
    },
  });
  const plan = (model: Record<string, unknown>) =>
    planImport({
      imported: [{ source: "a.yaml", result: { model, report } }],
      existing: readFlowSources(PORTFOLIO),
      outDir: "flows/imported",
      force: false,
      exists: () => false,
    });

  it("refuses a flow that fails the core checks in the portfolio it joins, worded as lint and the pack word it", () => {
    expect(plan(caller("Lokup")).problems).toEqual([
      '[module-interface] flows/imported/caller.yaml (imported from a.yaml): node "Find" (subflow): field "module": no common module named "Lokup"; did you mean "Lookup"?',
    ]);
    expect(plan(caller("Lookup")).problems.filter((p) => p.includes("caller.yaml"))).toEqual([]);
  });
});

describe("flows:import (files) declares the org objects the flows name", () => {
  const named = (queue: string) =>
    archy("Front", queue).replace(
      "              name: Tag\n",
      "              name: Tag\n              wrapupCode:\n                lit:\n                  name: Resolved\n",
    );

  it("one file under objects/ each, said; one the repository declares (any file) is kept", async () => {
    const a = write("a.yaml", named("Front desk"));
    rmSync(join(root, "objects"), { recursive: true, force: true });
    const r = await run(a, "--set", "lang=en-us");
    expect(r.code).toBe(0);
    expect(r.out).toContain('wrote objects/queues/front-desk.yaml: the queue "Front desk" the imported flows name\n');
    expect(r.out).toContain(
      'wrote objects/wrapup-codes/resolved.yaml: the wrap-up code "Resolved" the imported flows name\n',
    );
    expect(readFileSync(join(root, "objects/queues/front-desk.yaml"), "utf8")).toBe("name: Front desk\n");

    rmSync(join(root, "flows/imported"), { recursive: true, force: true });
    rmSync(join(root, "objects/queues/front-desk.yaml"));
    write("objects/queues/desk.yaml", "name: front DESK\n");
    const again = await run(a, "--set", "lang=en-us");
    expect(again.code).toBe(0);
    expect(again.out).toContain('kept the queue "Front desk" (declared already under objects/queues/)\n');
    expect(existsSync(join(root, "objects/queues/front-desk.yaml"))).toBe(false);
  });

  it("nothing is declared for flow files written outside flows/ (not the portfolio's)", async () => {
    const a = write("a.yaml", named("Front desk"));
    const r = await run(a, "--set", "lang=en-us", "--out", "scratch");
    expect(r.code).toBe(0);
    expect(r.out).not.toContain("objects/");
    expect(existsSync(join(root, "objects/queues/front-desk.yaml"))).toBe(false);
  });
});
