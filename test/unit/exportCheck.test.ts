// check-exports' pure parts (exportCheck/): placeholders filled as the provider fills them, the org
// strict mode assumes without an org file, the rule that a compiled flow keeps the export's action
// kinds, and the report's table and JSON. The whole command on fixture folders:
// test/emulator/checkExports.test.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Json } from "../../archy/json";
import { multisetDifferences, type Doc } from "../../exportCheck/actionKinds";
import { assumedOrg } from "../../exportCheck/assumedOrg";
import { fillExportPlaceholders } from "../../exportCheck/placeholders";
import { passed, renderJson, renderTable, reportOf, type ExportResult, type Step } from "../../exportCheck/report";
import { compileStep, importedSource, importStep, publishStep } from "../../exportCheck/steps";
import { parseArchyYaml } from "../../compiler";

describe("placeholders", () => {
  it("fills a value given, else the key; a flow named by a placeholder gets a name of its own per file", () => {
    const text =
      'inboundCall:\n  name: "{{flow_name}}"\n  startUpRef: x\n  queue: {{queue}}\n  module: "{{module_name}}"\n';
    expect(fillExportPlaceholders(text, "main-line.yaml", { module_name: "Lookup" })).toBe(
      'inboundCall:\n  name: "flow_name (main-line)"\n  startUpRef: x\n  queue: queue\n  module: "Lookup"\n',
    );
    expect(fillExportPlaceholders(text, "main-line.yaml", { flow_name: "Main" })).toContain('name: "Main"');
  });

  it("a defaultLanguage given by a placeholder gets the first language the flow supports (en-us when it lists none), not the key; --set still wins", () => {
    const flow = (language: string, supported: string) =>
      `inboundCall:\r\n  name: Main\r\n  defaultLanguage: ${language}\r\n${supported}  startUpRef: x\r\n  greeting: "{{default_language}}"\r\n`;
    const spanish =
      "  supportedLanguages:\r\n    # the org's languages\r\n    es-us:\r\n      defaultLanguageSkill:\r\n        noValue: true\r\n    en-us:\r\n      none: true\r\n";
    // Quoted or not (unquoted, YAML would read the placeholder as a mapping); elsewhere the key as before.
    expect(fillExportPlaceholders(flow('"{{default_language}}"', spanish), "a.yaml")).toBe(
      flow('"es-us"', spanish).replace('greeting: "{{default_language}}"', 'greeting: "default_language"'),
    );
    expect(fillExportPlaceholders(flow("{{language}} # set by Terraform", ""), "a.yaml")).toContain(
      "  defaultLanguage: en-us # set by Terraform\r\n",
    );
    expect(
      fillExportPlaceholders(flow("{{default_language}}", spanish), "a.yaml", { default_language: "fr-ca" }),
    ).toContain("  defaultLanguage: fr-ca\r\n");
    // Only the flow's own defaultLanguage, and only a whole placeholder.
    expect(fillExportPlaceholders(flow('"{{lang}}-x"', ""), "a.yaml")).toContain('  defaultLanguage: "lang-x"');
    expect(fillExportPlaceholders("inboundCall:\n  tasks:\n    - defaultLanguage: {{x}}\n", "a.yaml")).toBe(
      "inboundCall:\n  tasks:\n    - defaultLanguage: x\n",
    );
  });
});

describe("the org strict mode assumes", () => {
  it("holds every object the exports name, by its kind's list of the org file", () => {
    const doc = parseArchyYaml(`inboundCall:
  name: Main
  startUpRef: /inboundCall/tasks/task[A]
  defaultLanguage: en-us
  initialGreeting:
    tts: Hi
  tasks:
    - task:
        name: A
        refId: A
        actions:
          - transferToAcd:
              name: To sales
              targetQueue:
                lit:
                  name: Sales
          - transferToFlow:
              name: Elsewhere
              targetFlow:
                name: Overflow
          - disconnect:
              name: Bye
`);
    const org = assumedOrg([doc]);
    expect(org.queues).toEqual(["Sales"]);
    expect(org.flows).toEqual([{ name: "Overflow", type: "inboundcall" }]);
    expect(org.dataActions).toEqual([]);
  });
});

describe("the multiset rule", () => {
  const doc = (actions: Json[], key = "inboundCall"): Doc => ({
    [key]: { startUpRef: "/inboundCall/tasks/task[A]", tasks: [{ task: { refId: "A", actions } }] } as Record<
      string,
      Json
    >,
  });
  it("fails on a lost or added action, and allows structure and the kind's terminator", () => {
    expect(multisetDifferences(doc([{ playAudio: {} }, { disconnect: {} }]), doc([{ disconnect: {} }]))).toEqual([
      "playAudio: 1 -> 0",
    ]);
    expect(multisetDifferences(doc([{ playAudio: {} }]), doc([{ playAudio: {} }, { playAudio: {} }]))).toEqual([
      "playAudio: 1 -> 2",
    ]);
    expect(
      multisetDifferences(doc([{ playAudio: {} }]), doc([{ playAudio: {} }, { callTask: {} }, { disconnect: {} }])),
    ).toEqual([]);
    expect(multisetDifferences(doc([{ disconnect: {} }, { disconnect: {} }]), doc([{ disconnect: {} }]))).toEqual([
      "disconnect: 2 -> 1",
    ]);
  });
  it("counts the loops' actions and the data actions called, by name", () => {
    const call = (category: string, action: string): Json => ({
      callData: { name: "Call", category: { [category]: { dataAction: { [action]: {} } } } },
    });
    const loop = (body: Json[]): Json => ({
      loop: { name: "Retry", loopCount: { lit: 3 }, outputs: { loop: { actions: body } } },
    });
    expect(
      multisetDifferences(
        doc([loop([{ decision: { outputs: { yes: { actions: [{ loopNext: {} }] } } } }])]),
        doc([loop([{ decision: {} }])]),
      ),
    ).toEqual(["loopNext: 1 -> 0"]);
    expect(
      multisetDifferences(doc([call("CRM", "Get"), call("CRM", "Put")]), doc([call("CRM", "Get"), call("CRM", "Get")])),
    ).toEqual(["callData CRM/Get: 1 -> 2", "callData CRM/Put: 1 -> 0"]);
    expect(multisetDifferences(doc([call("CRM", "Get")]), doc([call("CRM", "Get")]))).toEqual([]);
  });

  // Menus (issue 87): main-line.yaml's menu as exported, and as the compile gave it before.
  const menuDoc = (
    choices: Json[],
    extra: Record<string, Json> = {},
    tasks: string[] = ["Sales_11", "Support_12"],
  ): Doc => ({
    inboundCall: {
      startUpRef: "/inboundCall/menus/menu[Main_10]",
      menus: [{ menu: { name: "Main", refId: "Main_10", choices, ...extra } }],
      tasks: tasks.map((refId) => ({ task: { name: refId, refId, actions: [{ disconnect: { name: "Bye" } }] } })),
    } as Record<string, Json>,
  });
  const jump = (name: string, task: string): Json => ({
    menuJumpToTask: { name, dtmf: "digit_1", targetTaskRef: `/inboundCall/tasks/task[${task}]` },
  });
  const inline = (name: string): Json => ({
    menuTask: { name, dtmf: "digit_1", task: { actions: [{ disconnect: { name: "Bye" } }] } },
  });
  const exported = menuDoc([jump("Sales", "Sales_11"), jump("Support", "Support_12")]);

  it("counts menu choices by kind: a choice that changes kind, an added choice and an added default choice are each a difference", () => {
    const before = menuDoc(
      [inline("Sales"), inline("Support"), { menuDisconnect: { name: "Disconnect", refId: "Main_noInput" } }],
      { defaultChildMenuRef: "./choices/menuDisconnect[Main_noInput]" },
      [],
    );
    expect(multisetDifferences(exported, before)).toEqual([
      "defaultChildMenuRef: 0 -> 1",
      "menuDisconnect: 0 -> 1",
      "menuJumpToTask: 2 -> 0",
      "menuTask: 0 -> 2",
    ]);
    expect(
      multisetDifferences(exported, menuDoc([jump("Sales", "Sales_11"), inline("Support")], {}, ["Sales_11"])),
    ).toEqual(["menuJumpToTask: 2 -> 1", "menuTask: 0 -> 1"]);
    expect(multisetDifferences(exported, menuDoc([jump("Sales", "S"), jump("Support", "T")], {}, ["S", "T"]))).toEqual(
      [],
    );
  });

  it("counts dead code: the compiled flow may drop the export's (the import names it), not add any", () => {
    const dead = menuDoc([jump("Sales", "Sales_11")]);
    expect(multisetDifferences(dead, menuDoc([jump("Sales", "Sales_11")], {}, ["Sales_11"]))).toEqual([]);
    expect(multisetDifferences(menuDoc([jump("Sales", "Sales_11")], {}, ["Sales_11"]), dead)).toEqual([
      "dead code (tasks, states, bots, menus nothing enters): 0 -> 1",
    ]);
  });

  it("check-exports' compile step fails an export whose compile changes a choice's kind, at the choice's line", () => {
    const text = readFileSync(join(__dirname, "..", "fixtures", "exports", "good", "main-line.yaml"), "utf8");
    const { result } = importStep("main-line.yaml", text);
    const source = importedSource(result!, "main-line.yaml");
    expect(compileStep("main-line.yaml", source, text, parseArchyYaml(text) as Doc).step.problems).toEqual([]);
    // The same import with its choices as tasks of their own and no word on a default choice: the compile before issue 87.
    const asTasks = {
      ...source,
      text: source.text.replace(/\n *(archyChoice: menuJumpToTask|defaultChoice: false)/g, ""),
    };
    expect(asTasks.text).not.toBe(source.text);
    const { step } = compileStep("main-line.yaml", asTasks, text, parseArchyYaml(text) as Doc);
    expect(step.status).toBe("failed");
    expect(step.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      "undefined: the compiled flow does not keep the export's actions and menu choices: defaultChildMenuRef: 0 -> 1",
      "undefined: the compiled flow does not keep the export's actions and menu choices: menuDisconnect: 0 -> 1",
      "29: the compiled flow does not keep the export's actions and menu choices: menuJumpToTask: 2 -> 0",
      "undefined: the compiled flow does not keep the export's actions and menu choices: menuTask: 0 -> 2",
    ]);
  });
});

describe("publish messages", () => {
  it("are located at the export's line, or through the compiled flow's node", () => {
    const job = {
      status: "Failure" as const,
      messages: [
        {
          type: "Error",
          text: 'Flow "Main": rule unknown-reference: startUpRef targets task[B] which does not exist (at inboundCall.startUpRef, line 3)',
        },
        { type: "Warning", text: 'Flow "Main": rule yaml-parse: YAML does not parse: oops (at line 9, column 2)' },
      ],
    };
    const step = publishStep("exports/main.yaml", job);
    expect(step.status).toBe("failed");
    expect(step.problems).toEqual([
      {
        file: "exports/main.yaml",
        line: 3,
        rule: "unknown-reference",
        message: "startUpRef targets task[B] which does not exist (at inboundCall.startUpRef)",
      },
    ]);
    expect(step.warnings).toEqual([
      { file: "exports/main.yaml", line: 9, rule: "yaml-parse", message: "YAML does not parse: oops" },
    ]);
    const compiled = publishStep("exports/main.yaml", job, (path) =>
      path === "inboundCall.startUpRef" ? 12 : undefined,
    );
    expect(compiled.problems[0]).toEqual({
      file: "exports/main.yaml",
      line: 12,
      rule: "unknown-reference",
      message:
        "startUpRef targets task[B] which does not exist (at inboundCall.startUpRef, line 3 of the compiled flow)",
    });
  });
});

describe("the report", () => {
  const ok: Step = { status: "ok", problems: [], warnings: [] };
  const result = (file: string, publish: Step): ExportResult => {
    const r = {
      file,
      flowType: "inboundCall",
      name: file,
      import: {
        ...ok,
        typed: 3,
        raw: 1,
        rawNodes: [{ line: 7, path: "inboundCall.tasks[0]", action: "callData", reason: "why not" }],
      },
      lint: ok,
      compile: ok,
      publishExport: { default: publish, strict: publish },
      publishCompiled: { default: ok, strict: ok },
    };
    return { ...r, ok: passed(r) };
  };
  const bad: Step = {
    status: "failed",
    problems: [{ file: "b.yaml", line: 4, rule: "unknown-reference", message: "no such task" }],
    warnings: [],
  };
  const report = reportOf([result("a.yaml", ok), result("b.yaml", bad)], "the org file org.yaml");

  it("counts per step and in total, and fails when a file fails", () => {
    expect(report.ok).toBe(false);
    expect(report.totals).toEqual({
      files: 2,
      passed: 1,
      failed: 1,
      typed: 6,
      raw: 2,
      steps: {
        import: 2,
        lint: 2,
        compile: 2,
        exportDefault: 1,
        exportStrict: 1,
        compiledDefault: 2,
        compiledStrict: 2,
      },
    });
  });

  it("prints a table within 120 columns, each failed file's problems at their line (the same said once), warnings and raw Archy folded by kind; JSON holds every one", () => {
    const table = renderTable(report);
    expect(table.split("\n").slice(0, 5)).toEqual([
      "2 exports:",
      "#  file    type         typed  import  lint  compile  export     compiled",
      "1  a.yaml  inboundCall  3/4    ok      ok    ok       ok/ok      ok/ok",
      "2  b.yaml  inboundCall  3/4    ok      ok    ok       FAIL/FAIL  ok/ok",
      "(export, compiled: the export and the flow compiled back, each published in default/strict mode)",
    ]);
    expect(table).toContain(
      "\n#2 b.yaml failed:\n  b.yaml:4: publish export, default and strict mode: [unknown-reference] no such task\n",
    );
    expect(table).toContain(
      "2 actions kept as raw Archy, by action and why (each at its line: --json):\n  2  callData: why not  (2 files)\n",
    );
    expect(table).toContain("2 export(s): 1 passed, 1 failed. Actions: 6 of 8 typed (75.0%), 2 raw.\n");
    expect(JSON.parse(renderJson(report))).toEqual(report);
  });

  it("long names give way in the table, which stays within 120 columns; the files' folder is said once; warnings fold by rule", () => {
    const warned = (file: string): ExportResult => {
      const w: Step = {
        status: "ok",
        problems: [],
        warnings: [{ file, line: 9, rule: "unmodelled-reference", message: `queue "${file}" is not described` }],
      };
      return { ...result(file, w), ok: true };
    };
    const long = Array.from(
      { length: 12 },
      (_, i) => `exports/team/${"a-very-long-export-file-name-".repeat(4)}${i}.yaml`,
    );
    const text = renderTable(reportOf(long.map(warned), "the objects the exports name"));
    const lines = text.split("\n");
    expect(lines[0]).toBe("12 exports in exports/team/:");
    for (const l of lines.slice(1, 14)) expect(l.length).toBeLessThanOrEqual(120);
    expect(lines[2]).toMatch(/^1 {3}a-very-long-export-file-nam…ong-export-file-name-0\.yaml +inboundCall +3\/4 +ok/);
    expect(text).toContain(
      "24 warnings, by kind (each at its file and line: --json):\n  24  [unmodelled-reference]  (export default+strict; 12 files)\n",
    );
  });
});
