// archy/validate/ on small documents written for the tests: the rules by family, the org checks,
// module calls and validateActionList (the flow model's raw Archy node).
import YAML from "yaml";
import { orgCatalog } from "../../../archy/org";
import {
  moduleInterfaceOf,
  validateActionList,
  validateArchyDocument,
  type ArchyFinding as Finding,
  type ValidateOptions,
} from "../../../archy/validate";
import { readYaml } from "../../../model/yamlReader";

/** An inbound call flow whose task runs `actions` (YAML, indented for the list). */
function callFlow(actions: string, extra = ""): string {
  return `inboundCall:
  name: Test Flow
  defaultLanguage: en-us
  startUpRef: /inboundCall/tasks/task[main]
  supportedLanguages:
    en-us:
      defaultLanguageSkill:
        noValue: true
${extra}  variables:
    - stringVariable:
        name: Flow.choice
        initialValue:
          noValue: true
    - integerVariable:
        name: Flow.count
        initialValue:
          lit: 0
  tasks:
    - task:
        name: Main
        refId: main
        actions:
${actions}          - disconnect:
              name: Bye
`;
}

function validate(text: string, opts: ValidateOptions = {}): Finding[] {
  const read = readYaml(text);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return validateArchyDocument(read.value, { locate: (p) => read.locator.locate(p), ...opts });
}

const errors = (f: Finding[]): Finding[] => f.filter((x) => x.severity === "error");
const warnings = (f: Finding[]): Finding[] => f.filter((x) => x.severity === "warning");
const unknowns = (f: Finding[]): Finding[] => f.filter((x) => x.verdict === "unknown");
const rules = (f: Finding[]): string[] => f.map((x) => x.rule);

describe("a valid flow", () => {
  it("has no findings", () => {
    const actions = `          - updateData:
              name: Count
              statements:
                - integer:
                    variable: Flow.count
                    value:
                      exp: Flow.count + 1
          - decision:
              name: Known caller?
              condition:
                exp: IsSet(Call.Ani) and Flow.count < 3
              outputs:
                "yes":
                  actions:
                    - playAudio:
                        name: Hello
                        audio:
                          exp: ToAudioTTS(Append("Hello ", Call.Ani))
`;
    expect(validate(callFlow(actions))).toEqual([]);
  });
});

describe("value wrappers apply the same way to every field", () => {
  it.each([
    [
      "a plain scalar where a value is expected",
      "condition:\n                true",
      "invalid-wrapper",
      "must be written {lit: true} or {exp:",
    ],
    [
      "two wrappers",
      'condition:\n                lit: true\n                exp: "true"',
      "invalid-wrapper",
      "exactly one of lit, exp, noValue",
    ],
    [
      "noValue on a required value",
      "condition:\n                noValue: true",
      "missing-required-key",
      "needs a value",
    ],
    ["noValue other than true", "condition:\n                noValue: yes", "invalid-value", "noValue must be true"],
    ["a literal of the wrong type", "condition:\n                lit: 42", "invalid-value", "takes true or false"],
    [
      "var in a value field",
      "condition:\n                var: Flow.choice",
      "invalid-wrapper",
      '"var" is for output fields',
    ],
    ["a misspelt wrapper", "condition:\n                lti: true", "invalid-wrapper", 'did you mean "lit"?'],
  ])("%s", (_what, condition, rule, fragment) => {
    const found = errors(
      validate(callFlow(`          - decision:\n              name: Check\n              ${condition}\n`)),
    );
    expect(found.map((f) => [f.rule, f.message.includes(fragment)])).toContainEqual([rule, true]);
    expect(
      found.every(
        (f) => f.line !== undefined && f.path.startsWith("inboundCall.tasks[0].task.actions[0].decision.condition"),
      ),
    ).toBe(true);
  });

  it("outputs take {var: ...} of a writable variable of a fitting type", () => {
    const collect = (target: string): Finding[] =>
      errors(
        validate(
          callFlow(
            `          - collectInput:\n              name: Digits\n              inputData:\n                ${target}\n              digits:\n                exact: 1\n`,
          ),
        ),
      );
    expect(collect("var: Flow.choice")).toEqual([]);
    // Digits into an integer: a conversion the catalogue has not seen, a warning (an error in strict mode).
    expect(collect("var: Flow.count")).toEqual([]);
    const inStrict = validate(
      callFlow(
        `          - collectInput:\n              name: Digits\n              inputData:\n                var: Flow.count\n              digits:\n                exact: 1\n`,
      ),
      { strict: true },
    );
    expect(errors(inStrict).map((f) => [f.rule, f.verdict, f.subject])).toEqual([
      ["expression-type", "unknown", "conversion string to integer"],
    ]);
    expect(rules(collect("var: Call.Ani"))).toEqual(["read-only-variable"]);
    expect(rules(collect("var: Foo.bar"))).toEqual(["variable-scope"]);
    expect(rules(collect("tts: hello"))).toEqual(["invalid-wrapper"]);
  });

  it("a Boolean or a number in quotes (as a substitution into a quoted placeholder writes it) is unknown; other text stays invalid", () => {
    const flow = (asr: string, priority: string) =>
      validate(
        callFlow(
          `          - transferToAcd:\n              name: Queue\n              targetQueue:\n                lit:\n                  name: Support\n              priority:\n                lit: ${priority}\n`,
          `  settingsSpeechRec:\n    asrEnabledOnFlow: ${asr}\n`,
        ),
      );
    const quoted = flow('"true"', '"3"');
    expect(errors(quoted)).toEqual([]);
    expect(
      unknowns(quoted)
        .filter((f) => f.rule === "invalid-value")
        .map((f) => f.message),
    ).toEqual([
      '"asrEnabledOnFlow" takes true or false, found the text "true"; written without quotes it is one',
      '"priority" takes a whole number, found the text "3"; written without quotes it is one',
    ]);
    expect(errors(flow('"maybe"', '"high"')).map((f) => f.rule)).toEqual(["invalid-value", "invalid-value"]);
  });

  it("an org object literal named by other keys than name ({id: ...}) is unknown; one that is not a mapping stays invalid", () => {
    const transfer = (queue: string) =>
      validate(
        callFlow(
          `          - transferToAcd:\n              name: Queue\n              targetQueue:\n                lit:${queue}\n`,
        ),
      );
    const byId = transfer("\n                  id: 8d9e6f10-0000-4000-8000-000000000001");
    expect(errors(byId)).toEqual([]);
    expect(unknowns(byId).map((f) => f.path)).toEqual([
      "inboundCall.tasks[0].task.actions[0].transferToAcd.targetQueue.lit",
    ]);
    expect(errors(transfer(" Support")).map((f) => f.rule)).toEqual(["invalid-value"]);
  });

  it("a variable first written by an action can be read afterwards (Archy creates it)", () => {
    const actions = `          - getParticipantData:
              name: Get
              attributes:
                - attribute:
                    name:
                      lit: tier
                    variable: Task.tier
          - decision:
              name: Gold?
              condition:
                exp: Task.tier == "gold"
`;
    expect(errors(validate(callFlow(actions)))).toEqual([]);
  });

  it("a built-in the documentation lets a flow set (an in-queue flow's Flow.HoldPrompt) may be written; any other stays read-only", () => {
    const write = (variable: string) =>
      validate(`inqueueCall:
  name: Hold
  defaultLanguage: en-us
  startUpTaskActions:
    - updateData:
        name: Music
        statements:
          - prompt:
              variable: ${variable}
              value:
                lit: PromptSystem.on_hold_music
    - disconnect:
        name: Bye
`);
    expect(errors(write("Flow.HoldPrompt"))).toEqual([]);
    expect(errors(write("Flow.StartDateTimeUtc")).map((f) => f.rule)).toEqual(["read-only-variable"]);
  });

  it("Slot variables are read in bot flows and in voice surveys (whose NLU holds a slot per question: the SDK's createFlowVoiceSurveyAsync); a call flow has none", () => {
    const read = (flowType: string, startUpRef: string) =>
      validate(`${flowType}:
  name: Slots
  defaultLanguage: en-us
  startUpRef: ${startUpRef}
  tasks:
    - task:
        name: Start
        refId: t1
        actions:
          - decision:
              name: Happy?
              condition:
                exp: Slot.Question1 == "Yes"
          - disconnect:
              name: Bye
`);
    expect(errors(read("voiceSurvey", "/voiceSurvey/tasks/task[t1]"))).toEqual([]);
    expect(errors(read("inboundCall", "/inboundCall/tasks/task[t1]")).map((f) => [f.rule, f.message])).toEqual([
      ["unknown-variable", expect.stringContaining("Slot variables exist only in bot and voice survey flows")],
    ]);
  });

  it("a variable an action the catalogue lacks stores into by a key of its own can be read afterwards; one nothing names stays invalid", () => {
    const actions = (target: string) => `          - summarizeInteraction:
              name: Summary
              resultVariable: ${target}
          - decision:
              name: Summarised?
              condition:
                exp: Flow.summary != ""
`;
    const named = validate(callFlow(actions("Flow.summary")));
    expect(errors(named)).toEqual([]);
    expect(rules(warnings(named))).toEqual(["unknown-action"]);
    const label = validate(callFlow(actions("Flow.other")));
    expect(errors(label).map((f) => [f.rule, f.path])).toEqual([
      ["unknown-variable", "inboundCall.tasks[0].task.actions[1].decision.condition.exp"],
    ]);
  });
});

it("a variable named with a {{placeholder}} is checked as a stack fills it: a name once filled has no finding, one that may not be a name once filled is unknown, never invalid (export:CM_gh_actions/CallbackBundleBasic)", () => {
  const module = (declared: string, written: string) =>
    validate(`commonModule:
  name: Callback
  division: Home
  settingsCommonModule:
    compatibleFlowTypes:
      - flowType: inboundcall
  variables:
    - stringVariable:
        name: "${declared}"
        initialValue:
          noValue: true
        isInput: false
        isOutput: true
  startUpTaskActions:
    - updateData:
        name: Set
        statements:
          - string:
              variable: "${written}"
              value:
                lit: done
    - endTask:
        name: Exit Common Module
`);
  expect(module("Common.{{exit_code}}", "Common.{{exit_code}}")).toEqual([]);
  const scopeFilled = module("{{scope}}.exit_code", "{{scope}}.exit_code");
  expect(errors(scopeFilled)).toEqual([]);
  expect(scopeFilled.map((f) => [f.rule, f.verdict, f.path])).toEqual([
    ["variable-scope", "unknown", "commonModule.variables[0].stringVariable.name"],
    ["variable-scope", "unknown", "commonModule.startUpTaskActions[0].updateData.statements[0].string.variable"],
  ]);
  expect(scopeFilled[0].message).toMatch(
    /; it holds \{\{scope\}\}, which each stack fills before the publish, so it is checked with the stack's substitutions/,
  );
  // without a placeholder the same mistakes stay certain
  expect(errors(module("Flow.exit_code", "Common.exit-code")).map((f) => [f.rule, f.verdict])).toEqual([
    ["variable-scope", "invalid"],
    ["variable-scope", "invalid"],
  ]);
});

describe("keys", () => {
  it("a misspelling of a missing known key is an error; an unknown extra key a warning", () => {
    const typo = validate(
      callFlow(
        `          - decision:\n              name: Check\n              condtion:\n                exp: "true"\n`,
      ),
    );
    expect(errors(typo).map((f) => f.message)).toEqual([
      'unknown key "condtion"; did you mean "condition"? ("condition" is required)',
    ]);
    const extra = validate(
      callFlow(
        `          - decision:\n              name: Check\n              condition:\n                exp: "true"\n              colour: blue\n`,
      ),
    );
    expect(errors(extra)).toEqual([]);
    expect(rules(warnings(extra))).toEqual(["unknown-key"]);
  });

  it("a key an action the catalogue describes only in part does not list is unknown, never silent: a warning, an error in strict mode; the keys it lists are checked", () => {
    // setWrapupCode lists only wrapupCode; createCallback the keys real exports give (export:CI_CD2/2445093_F_InQueue-...).
    const misspelt = callFlow(
      `          - setWrapupCode:\n              name: Wrap\n              wrapupCodee:\n                lit:\n                  name: Sale\n`,
    );
    const found = validate(misspelt);
    expect(errors(found)).toEqual([]);
    const unknownKey = found.filter((f) => f.rule === "unknown-key");
    expect(unknownKey.map((f) => [f.verdict, f.path, f.line])).toEqual([
      ["unknown", "inboundCall.tasks[0].task.actions[0].setWrapupCode.wrapupCodee", 25],
    ]);
    expect(unknownKey[0].message).toContain("nearest known: wrapupCode");
    expect(rules(errors(validate(misspelt, { strict: true })))).toContain("unknown-key");
    const unlisted = validate(
      callFlow(
        `          - createCallback:\n              name: Callback\n              callbackNumber:\n                exp: ToPhoneNumber(Call.Ani)\n              calleeName:\n                noValue: true\n              routingData:\n                noValue: true\n`,
      ),
    );
    expect(unlisted.filter((f) => f.rule === "unknown-key").map((f) => f.message)).toEqual([
      expect.stringContaining(
        '"routingData" is not a key the catalogue knows for action createCallback, which it describes only in part',
      ),
    ]);
    // A menu choice that transfers takes its transfer action's fields, as menuTransferToAcd takes transferToAcd's.
    const choice = (key: string) =>
      callFlow(
        "",
        `  menus:\n    - menu:\n        name: Main\n        refId: m1\n        audio:\n          tts: Press 1.\n        choices:\n          - menuTransferToNumber:\n              name: Operator\n              dtmf: digit_1\n              ${key}:\n                lit: "+13175550100"\n`,
      );
    expect(validate(choice("targetNumber")).filter((f) => f.rule === "unknown-key")).toEqual([]);
    expect(
      validate(choice("targetNumbr"))
        .filter((f) => f.rule === "unknown-key")
        .map((f) => [f.verdict, f.path]),
    ).toEqual([["unknown", "inboundCall.menus[0].menu.choices[0].menuTransferToNumber.targetNumbr"]]);
    // A listed key is checked: a Boolean where a Boolean goes.
    const wrongType = validate(
      callFlow(
        `          - transferToNumber:\n              name: Out\n              targetNumber:\n                lit: "+13175550100"\n              releaseLinkTransfer:\n                lit: sometimes\n`,
      ),
    );
    expect(errors(wrongType).map((f) => [f.rule, f.path])).toEqual([
      ["invalid-value", "inboundCall.tasks[0].task.actions[0].transferToNumber.releaseLinkTransfer.lit"],
    ]);
  });

  it("a {{placeholder}} standing for a Boolean, a number, a duration part, an enum value or a reference is unknown until a stack fills it; the same text without one is invalid", () => {
    const flow = (v: { asr: string; prio: string; secs: string; task: string }) =>
      validate(
        callFlow(
          `          - transferToAcd:
              name: Queue
              targetQueue:
                lit:
                  name: Support
              priority:
                lit: "${v.prio}"
          - callTask:
              name: Sub
              targetTaskRef: "/inboundCall/tasks/task[${v.task}]"
          - collectInput:
              name: Digits
              inputData:
                var: Flow.choice
              digits:
                exact: 1
              interDigitTimeout:
                lit:
                  seconds: "${v.secs}"
`,
          `  settingsSpeechRec:\n    asrEnabledOnFlow: "${v.asr}"\n`,
        ),
      );
    const held = flow({ asr: "{{asr}}", prio: "{{prio}}", secs: "{{secs}}", task: "{{task}}" });
    expect(errors(held)).toEqual([]);
    const deferred = held.filter((f) => /which each stack fills before the publish/.test(f.message));
    expect(deferred.map((f) => [f.verdict, f.path])).toEqual([
      ["unknown", "inboundCall.settingsSpeechRec.asrEnabledOnFlow"],
      ["unknown", "inboundCall.tasks[0].task.actions[0].transferToAcd.priority.lit"],
      ["unknown", "inboundCall.tasks[0].task.actions[1].callTask.targetTaskRef"],
      ["unknown", "inboundCall.tasks[0].task.actions[2].collectInput.interDigitTimeout.lit.seconds"],
    ]);
    expect(deferred[0].message).toBe(
      '"asrEnabledOnFlow" takes true or false, found text; it holds {{asr}}, which each stack fills before the publish, so it is checked with the stack\'s substitutions (lint --stack, preview, up)',
    );
    const plain = flow({ asr: "maybe", prio: "high", secs: "five", task: "nowhere" });
    expect(errors(plain).map((f) => [f.rule, f.path])).toEqual([
      ["invalid-value", "inboundCall.settingsSpeechRec.asrEnabledOnFlow"],
      ["invalid-value", "inboundCall.tasks[0].task.actions[0].transferToAcd.priority.lit"],
      ["unknown-reference", "inboundCall.tasks[0].task.actions[1].callTask.targetTaskRef"],
      ["invalid-value", "inboundCall.tasks[0].task.actions[2].collectInput.interDigitTimeout.lit.seconds"],
    ]);
  });

  it("a required key may be given by the key a real export writes in its place: evaluateSchedule names its schedule by selectedSchedule or by name (export:CM_gh_actions/callbackExample)", () => {
    const schedule = (fields: string) =>
      validate(
        callFlow(
          `          - evaluateSchedule:\n              name: Open?\n              evaluationType:\n                schedule:\n${fields}                  evaluationTimeZone: Europe/London\n                  evaluate:\n                    now: true\n`,
        ),
      );
    expect(
      errors(
        schedule("                  selectedSchedule:\n                    lit:\n                      name: Hours\n"),
      ),
    ).toEqual([]);
    expect(errors(schedule("                  name: Hours\n"))).toEqual([]);
    const neither = errors(schedule(""));
    expect(neither.map((f) => [f.rule, f.path, f.message])).toEqual([
      [
        "missing-required-key",
        "inboundCall.tasks[0].task.actions[0].evaluateSchedule.evaluationType.schedule.selectedSchedule",
        'required key "selectedSchedule" is missing (or "name" in its place)',
      ],
    ]);
  });
  it("an expression in a form no source shows (&&) is a warning under expression-syntax; one that does not parse an error", () => {
    const decision = (exp: string) =>
      validate(
        callFlow(
          `          - decision:\n              name: Check\n              condition:\n                exp: ${JSON.stringify(exp)}\n`,
        ),
      );
    const amp = decision('Flow.choice == "a" && Flow.count > 1');
    expect(errors(amp)).toEqual([]);
    expect(unknowns(amp).map((f) => f.rule)).toEqual(["expression-syntax"]);
    expect(rules(errors(decision('Flow.choice == "a" and')))).toEqual(["expression-syntax"]);
  });

  it("a value of an open list the catalogue lacks is a warning (a prompt media type); of a closed one an error (a DTMF key)", () => {
    const prompts = (mediaType: string) =>
      validate(
        callFlow(
          "",
          `  settingsPrompts:\n    ensureAudioInPrompts: false\n    promptMediaToValidate:\n      - mediaType: ${mediaType}\n`,
        ),
      );
    expect(prompts("tts")).toEqual([]);
    const video = prompts("video");
    expect(errors(video)).toEqual([]);
    expect(unknowns(video).map((f) => [f.rule, f.path])).toEqual([
      ["invalid-value", "inboundCall.settingsPrompts.promptMediaToValidate[0].mediaType"],
    ]);
    expect(
      rules(
        errors(
          validate(
            callFlow(
              `          - collectInput:\n              name: Digits\n              inputData:\n                var: Flow.choice\n              digits:\n                range:\n                  min: 1\n                  max: 4\n                  terminatingDtmf: digit_x\n`,
            ),
          ),
        ),
      ),
    ).toContain("invalid-value");
  });

  it("a key of another flow type is a warning; a call-only key in a non-call flow an error", () => {
    const wf = (extra: string): Finding[] =>
      validate(
        `workflow:\n  name: W\n  startUpRef: /workflow/states/state[s]\n${extra}  states:\n    - state:\n        name: S\n        refId: s\n        actions:\n          - endWorkflow:\n              name: End\n`,
      );
    expect(warnings(wf("  worktype:\n    name: Claims\n")).map((f) => f.rule)).toEqual(["key-not-allowed"]);
    expect(errors(wf("  initialGreeting:\n    tts: Hi\n")).map((f) => f.rule)).toEqual(["key-not-allowed"]);
    // A bot flow runs on the calls that hand it over (callBotFlow): a speech setting there is unknown, not invalid.
    const bot = validate(
      `botFlow:\n  name: B\n  defaultLanguage: en-us\n  startUpRef: /botFlow/bots/bot[b]\n  settingsSpeechRec:\n    asrEnabledOnFlow: true\n  bots:\n    - bot:\n        name: B\n        refId: b\n        actions:\n          - exitBotFlow:\n              name: Exit\n`,
    );
    expect(errors(bot)).toEqual([]);
    expect(bot.map((f) => [f.rule, f.verdict])).toEqual([["key-not-allowed", "unknown"]]);
  });

  it("duplicate refIds are refused with every use", () => {
    const text = callFlow("").replace(
      "  tasks:\n",
      "  tasks:\n    - task:\n        name: Other\n        refId: main\n        actions:\n          - disconnect:\n              name: Bye\n",
    );
    const found = errors(validate(text));
    expect(found.map((f) => f.rule)).toEqual(["duplicate-ref-id"]);
    expect(found[0].message).toContain("inboundCall.tasks[0].task");
  });
});

describe("actions by flow type", () => {
  const module = (compatible: string[], action: string): Finding[] =>
    validate(`commonModule:
  name: M
  settingsCommonModule:
    compatibleFlowTypes:
${compatible.map((c) => `      - flowType: ${c}`).join("\n")}
  startUpTaskActions:
${action}    - endTask:
        name: Exit
`);

  it("a bot action in a voice survey (a call, and a bot flow in the SDK) is unknown; in an inbound call it is invalid; a digital bot's action stays invalid in both", () => {
    const flow = (flowType: string, action: string) =>
      validate(`${flowType}:
  name: Bots
  defaultLanguage: en-us
  startUpRef: /${flowType}/tasks/task[t1]
  tasks:
    - task:
        name: Start
        refId: t1
        actions:
${action}          - disconnect:
              name: Bye
`);
    const ask = "          - askForBoolean:\n              name: More?\n";
    const menu = "          - digitalMenu:\n              name: Pick\n";
    expect(flow("voiceSurvey", ask).map((f) => [f.rule, f.verdict])).toEqual([["action-not-allowed", "unknown"]]);
    expect(errors(flow("inboundCall", ask)).map((f) => f.rule)).toEqual(["action-not-allowed"]);
    expect(errors(flow("voiceSurvey", menu)).map((f) => f.rule)).toEqual(["action-not-allowed"]);
  });

  it("a common module reads the built-ins of the flow types that may call it: all of them have it, none do, or only some (unknown)", () => {
    const read = (compatible: string[]) =>
      module(
        compatible,
        "    - updateData:\n        name: Ani\n        statements:\n          - string:\n              variable: Common.ani\n              value:\n                exp: Call.Ani\n",
      );
    expect(read(["inboundcall"])).toEqual([]);
    expect(read(["inboundcall", "inboundshortmessage"]).map((f) => [f.rule, f.verdict])).toEqual([
      ["unknown-variable", "unknown"],
    ]);
    expect(errors(read(["inboundemail"])).map((f) => f.message)).toEqual([
      expect.stringContaining("Call variables do not exist in the flow types that may call this module (inboundEmail)"),
    ]);
  });

  it("in a common module, an action must exist in the flow types that may call it", () => {
    const play = "    - playAudio:\n        name: Hi\n        audio:\n          tts: Hi\n";
    expect(errors(module(["inboundcall"], play))).toEqual([]);
    expect(rules(warnings(module(["inboundcall", "inboundemail"], play)))).toEqual(["action-not-allowed"]);
    expect(rules(errors(module(["inboundemail", "workflow"], play)))).toEqual(["action-not-allowed"]);
  });

  it("a common module cannot call a common module", () => {
    const call =
      "    - callCommonModule:\n        name: Nested\n        commonModule:\n          Other:\n            ver_latestPublished:\n              inputs: {}\n              outputs: {}\n";
    expect(rules(errors(module(["inboundcall"], call)))).toEqual(["module-calls-module"]);
  });

  it("menu choices and actions are told apart (a menu choice used as an action is unknown, named as a choice)", () => {
    const text = callFlow("          - menuDisconnect:\n              name: Bye\n");
    expect(errors(validate(text))).toEqual([]);
    expect(unknowns(validate(text)).map((f) => f.message)).toEqual([
      'action "menuDisconnect" is not in the catalogue; "menuDisconnect" is a menu choice the catalogue knows, which belongs in a menu\'s choices; its fields are checked only for value wrappers',
    ]);
  });

  it("an action after a terminating one is a note", () => {
    const text = callFlow(
      "          - disconnect:\n              name: First\n          - playAudio:\n              name: Never\n              audio:\n                tts: Never.\n",
    );
    // said once per list: everything after "First" is unreachable
    expect(warnings(validate(text)).map((f) => [f.rule, f.path])).toEqual([
      ["unreachable-action", "inboundCall.tasks[0].task.actions[1]"],
    ]);
  });
});

describe("module calls", () => {
  const call = callFlow(`          - callCommonModule:
              name: Lookup
              commonModule:
                Lookup Module:
                  ver_latestPublished:
                    inputs:
                      Common.ani:
                        exp: Call.Ani
                      Common.extra:
                        lit: x
                    outputs:
                      Common.tier:
                        var: Flow.choice
`);
  const module = { inputs: ["Common.ani"], outputs: ["Common.tier"], compatibleFlowTypes: ["inboundcall"] };

  it("checks the module is published, compatible, and declares every input and output", () => {
    expect(rules(errors(validate(call, { findModule: () => undefined })))).toEqual(["unknown-common-module"]);
    expect(rules(errors(validate(call, { findModule: () => module })))).toEqual(["undeclared-module-input"]);
    expect(
      rules(
        errors(
          validate(call, {
            findModule: () => ({
              ...module,
              inputs: ["Common.ani", "Common.extra"],
              compatibleFlowTypes: ["inboundemail"],
            }),
          }),
        ),
      ),
    ).toEqual(["incompatible-flow-type"]);
    // without a module directory (the compiler's own checks) the call is not resolved
    expect(errors(validate(call))).toEqual([]);
  });
  it("a value of another certain type for a module's typed input is refused at its line; the types come from the module's variables", () => {
    const typed = callFlow(`          - callCommonModule:
              name: Count
              commonModule:
                Counter:
                  ver_latestPublished:
                    inputs:
                      Common.count:
                        lit: three
                      Common.limit:
                        exp: '"three"'
                      Common.label:
                        exp: "5"
`);
    const counter = moduleInterfaceOf({
      variables: [
        { integerVariable: { name: "Common.count", isInput: true } },
        { integerVariable: { name: "Common.limit", isInput: true } },
        { stringVariable: { name: "Common.label", isInput: true } },
      ],
      settingsCommonModule: { compatibleFlowTypes: [{ flowType: "inboundcall" }] },
    });
    expect(counter.types).toEqual({ "Common.count": "integer", "Common.label": "string", "Common.limit": "integer" });
    // an integer converts to text (help:implicit-casting); text never converts to an integer
    expect(errors(validate(typed, { findModule: () => counter })).map((f) => [f.rule, f.line])).toEqual([
      ["invalid-value", 30],
      ["expression-type", 32],
    ]);
  });
});

describe("org objects", () => {
  const transfer = (queue: string, prompt = "PromptSystem.processing"): string =>
    callFlow(`          - transferToAcd:
              name: To queue
              targetQueue:
                lit:
                  name: ${queue}
              preTransferAudio:
                prompt: ${prompt}
`);
  const org = orgCatalog({ objects: { queue: ["Sales", "Support"], prompt: ["Welcome Prompt"] }, dataActions: [] });

  it("without an org, references are unmodelled: warnings, errors in strict mode", () => {
    expect(rules(validate(transfer("Sales")))).toEqual(["unmodelled-reference"]);
    expect(rules(errors(validate(transfer("Sales"), { strict: true })))).toEqual(["unmodelled-reference"]);
  });

  it("with an org, a missing object is reported with a suggestion; system prompts always exist", () => {
    expect(validate(transfer("Sales"), { org, strict: true })).toEqual([]);
    const missing = errors(validate(transfer("Salse"), { org, strict: true }));
    expect(missing.map((f) => [f.rule, f.path])).toEqual([
      ["unknown-org-object", "inboundCall.tasks[0].task.actions[0].transferToAcd.targetQueue.lit.name"],
    ]);
    expect(missing[0].message).toContain('did you mean "Sales"?');
    expect(validate(transfer("Sales", "Welcome Prompt"), { org, strict: true })).toEqual([]);
    expect(rules(errors(validate(transfer("Sales", "Missing Prompt"), { org, strict: true })))).toEqual([
      "unknown-org-object",
    ]);
  });

  it("data actions are checked against their contracts", () => {
    const contracts = orgCatalog({
      objects: {},
      dataActions: [
        {
          category: "Web Services",
          name: "Lookup",
          inputs: { phone: "string" },
          outputs: { tier: "string", score: "integer" },
        },
      ],
    });
    const data = (input: string, output: string): string =>
      callFlow(`          - callData:
              name: Lookup
              category:
                Web Services:
                  dataAction:
                    Lookup:
                      inputs:
                        ${input}:
                          exp: Call.Ani
                      successOutputs:
                        ${output}:
                          var: Flow.choice
`);
    expect(validate(data("phone", "tier"), { org: contracts, strict: true })).toEqual([]);
    expect(errors(validate(data("phon", "tier"), { org: contracts, strict: true })).map((f) => f.message)).toEqual([
      'data action "Web Services/Lookup" has no input "phon"; did you mean "phone"? (inputs: phone)',
    ]);
    // An integer output into a string variable converts (help:implicit-casting); into an integer, a string does not fit the catalogue.
    expect(rules(errors(validate(data("phone", "score"), { org: contracts, strict: true })))).toEqual([]);
    expect(
      rules(
        errors(
          validate(
            data("phone", "tier").replace(
              "Lookup:\n                      inputs",
              "Lookdown:\n                      inputs",
            ),
            { org: contracts, strict: true },
          ),
        ),
      ),
    ).toEqual(["unknown-org-object"]);
  });
});

describe("validateActionList (raw Archy inside another document)", () => {
  it("checks actions with the flow type's built-ins and the declared variables, and names paths from the base", () => {
    const actions = YAML.parse(`
- updateData:
    name: Set
    statements:
      - string:
          variable: Flow.note
          value:
            exp: Append(Call.Ani, Flow.suffix)
- playAudioo:
    name: Oops
- callTask:
    name: Elsewhere
    targetTaskRef: /inboundCall/tasks/task[other]
`);
    const found = validateActionList(
      actions,
      { flowType: "inboundCall", variables: { "Flow.note": "string" } },
      "nodes.Raw.actions",
    );
    expect(found.map((f) => [f.rule, f.path])).toEqual([
      ["unknown-variable", "nodes.Raw.actions[0].updateData.statements[0].string.value.exp"],
      ["unknown-action", "nodes.Raw.actions[1].playAudioo"],
    ]);
    expect(found.map((f) => f.verdict)).toEqual(["invalid", "unknown"]);
    expect(found[1].message).toBe(
      'action "playAudioo" is not in the catalogue (nearest known: playAudio); its fields are checked only for value wrappers',
    );
  });

  it("refuses actions of another medium", () => {
    const found = validateActionList([{ sendAutoReply: { name: "Reply", messageBody: { exp: '"Thanks"' } } }], {
      flowType: "inboundCall",
      variables: {},
    });
    expect(rules(found)).toEqual(["action-not-allowed"]);
  });

  it("knows a disconnect in a bot flow: a published Genesys blueprint ends a bot flow's no-branch with one (exports.ts: dr-webmessaging-blueprint/MyEmergencyChatBot)", () => {
    const actions = [
      { communicate: { name: "Sorry", communication: { exp: 'MakeCommunication("Sorry.")' } } },
      { disconnect: { name: "Disconnect" } },
    ];
    expect(validateActionList(actions, { flowType: "botFlow", variables: {} }, "actions", { strict: true })).toEqual(
      [],
    );
  });

  it("knows a bot flow's error handling by disconnect, and still doubts one no export uses (exports.ts: wfm-activity-change-blueprint/WFMActivityChangeBotFlow)", () => {
    const doc = (how: string) => `botFlow:
  name: Bot
  defaultLanguage: en-us
  startUpRef: "/botFlow/bots/bot[Bot_1]"
  settingsErrorHandling:
    errorHandling:
      ${how}:
        none: true
    recognitionFailureEventHandling:
      ${how}:
        none: true
  bots:
    - bot:
        name: Bot
        refId: Bot_1
        actions:
          - exitBotFlow:
              name: Done
`;
    const handling = (f: Finding[]) => f.filter((x) => /settingsErrorHandling/.test(x.path));
    expect(handling(validate(doc("disconnect"), { strict: true }))).toEqual([]);
    expect(handling(validate(doc("exit"), { strict: true }))).toEqual([]);
    expect(handling(validate(doc("endFlow"))).map((x) => [x.verdict, x.message])).toEqual([
      ["unknown", 'error handling "endFlow" is not known in botFlow flows (they use exit, disconnect)'],
      ["unknown", 'event handling "endFlow" is not known in botFlow flows (they use exit, disconnect)'],
    ]);
  });
});

// Forms real exports hold are never invalid without a source that says Genesys refuses them.
describe("forms of real exports the catalogue has no source for are unknown, not invalid", () => {
  const inbound = (head: string, body: string) => `inboundCall:
  name: Export Form
  defaultLanguage: en-us
${head}
${body}`;
  const stateBody = `  states:
    - state:
        name: Initial State
        refId: begin
        actions:
          - disconnect:
              name: Bye`;
  const taskBody = `  tasks:
    - task:
        name: Main
        refId: main
        actions:
          - disconnect:
              name: Bye`;

  it("initialGreeting: null (an optional audio setting left empty) is a warning, in strict mode an error", () => {
    const text = inbound("  startUpRef: /inboundCall/tasks/task[main]\n  initialGreeting: null", taskBody);
    expect(errors(validate(text))).toEqual([]);
    expect(unknowns(validate(text)).map((f) => [f.rule, f.path, f.line])).toEqual([
      ["invalid-wrapper", "inboundCall.initialGreeting", 5],
    ]);
    expect(rules(errors(validate(text, { strict: true })))).toEqual(["invalid-wrapper"]);
  });

  it("null for an action's audio stays invalid; another scalar for the greeting stays invalid", () => {
    const play = callFlow("          - playAudio:\n              name: Play\n              audio: null\n");
    expect(errors(validate(play)).map((f) => [f.rule, f.path])).toContainEqual([
      "invalid-wrapper",
      "inboundCall.tasks[0].task.actions[0].playAudio.audio",
    ]);
    const text = inbound("  startUpRef: /inboundCall/tasks/task[main]\n  initialGreeting: Hello", taskBody);
    expect(rules(errors(validate(text)))).toEqual(["invalid-wrapper"]);
  });

  it("an inboundCall export starting at a state it has is unknown; a state it lacks is still a dangling reference", () => {
    const text = inbound("  startUpRef: /inboundCall/states/state[begin]\n  initialGreeting:\n    tts: Hi", stateBody);
    expect(errors(validate(text))).toEqual([]);
    expect(unknowns(validate(text)).map((f) => [f.rule, f.path])).toEqual([
      ["key-not-allowed", "inboundCall.states"],
      ["unknown-reference", "inboundCall.startUpRef"],
    ]);
    const dangling = inbound(
      "  startUpRef: /inboundCall/states/state[other]\n  initialGreeting:\n    tts: Hi",
      stateBody,
    );
    expect(errors(validate(dangling)).map((f) => [f.rule, f.path])).toEqual([
      ["unknown-reference", "inboundCall.startUpRef"],
    ]);
  });
});

// Keys real exports use that strict mode refused (issue 76): each learned from a public source
// (archy/catalogue), or, with none, left unknown: a warning, an error only in strict mode.
describe("keys real exports use", () => {
  const actions = (flowType: string, yaml: string, strict = true, inLoop = false) =>
    validateActionList(YAML.parse(yaml), { flowType, variables: { "Flow.choice": "string" }, inLoop }, "actions", {
      strict,
    });

  it("askForBoolean's question, noInput, noMatch and voiceEndOfInputTimeout (export:scheduling-bot-blueprint/SchedulingBot); another key stays unknown", () => {
    const ask = (extra: string) => `
- askForBoolean:
    name: Ask for Yes / No
    question:
      exp: MakeCommunication("Shall I book it?")
    noInput:
      exp: MakeCommunication("Say yes or no.")
    noMatch:
      exp: MakeCommunication("Please say yes or no.")
    voiceEndOfInputTimeout:
      noValue: true
${extra}    outputs:
      "yes":
        actions: []
`;
    expect(actions("botFlow", ask(""))).toEqual([]);
    const misspelt = actions("botFlow", ask("    questoin:\n      noValue: true\n"), false);
    expect(misspelt.map((f) => [f.rule, f.verdict, f.severity])).toEqual([["unknown-key", "unknown", "warning"]]);
  });

  it("transferToFlowSecure's connectTimeout and invocationData (sdk: ArchActionTransferToFlowSecure); callData's, with no public source, stay unknown", () => {
    const secure = actions(
      "inboundCall",
      `
- transferToFlowSecure:
    name: Pay
    targetFlow:
      name: Payments
    connectTimeout:
      lit:
        seconds: 15
    invocationData:
      exp: Flow.choice
`,
      false,
    );
    expect(secure.filter((f) => /connectTimeout|invocationData/.test(f.path))).toEqual([]);
    const call = (strict: boolean) =>
      actions(
        "inboundCall",
        `
- callData:
    name: Lookup
    category:
      CRM:
        dataAction:
          Get Customer: {}
    connectTimeout:
      lit:
        seconds: 15
    invocationData:
      noValue: true
`,
        strict,
      ).filter((f) => /connectTimeout|invocationData/.test(f.path));
    expect(call(false).map((f) => [f.rule, f.verdict, f.severity])).toEqual([
      ["unknown-key", "unknown", "warning"],
      ["unknown-key", "unknown", "warning"],
    ]);
    expect(call(true).map((f) => f.severity)).toEqual(["error", "error"]);
  });

  it("the Session scope: read in a bot flow (sdk: ArchEnums.VARIABLE_SCOPES); elsewhere, declared or written, unknown, never refused", () => {
    const say = (flowType: string, what: string) =>
      actions(flowType, `- ${flowType === "botFlow" ? "communicate" : "updateData"}:\n    name: Say\n${what}`, false);
    expect(say("botFlow", "    communication:\n      exp: MakeCommunication(Session.Language)\n")).toEqual([]);
    const inCall = say(
      "inboundCall",
      "    statements:\n      - string:\n          variable: Flow.choice\n          value:\n            exp: Session.Language\n",
    );
    expect(inCall.map((f) => [f.rule, f.verdict])).toEqual([["unknown-variable", "unknown"]]);
    const written = say(
      "inboundCall",
      "    statements:\n      - string:\n          variable: Session.note\n          value:\n            lit: x\n",
    );
    expect(written.map((f) => [f.rule, f.verdict, f.message])).toEqual([
      [
        "unknown-variable",
        "unknown",
        '"Session.note": whether a flow sets Session variables is not documented; it is not checked',
      ],
    ]);
    const declared = validate(
      `botFlow:\n  name: Bot\n  defaultLanguage: en-us\n  startUpRef: "/botFlow/bots/bot[Bot_1]"\n  variables:\n    - stringVariable:\n        name: Session.note\n  bots:\n    - bot:\n        name: Bot\n        refId: Bot_1\n        actions:\n          - exitBotFlow:\n              name: Done\n`,
    );
    expect(declared.map((f) => [f.rule, f.verdict])).toEqual([["unknown-variable", "unknown"]]);
  });

  it("collectInput's verificationType takes Genesys's list (sdk: ArchEnums.INPUT_VERIFICATION_TYPES): numeric among them; another value is unknown, not invalid", () => {
    const collect = (type: string) =>
      errors(
        validate(
          callFlow(
            `          - collectInput:\n              name: Digits\n              inputData:\n                var: Flow.choice\n              digits:\n                exact: 4\n              verificationType: ${type}\n`,
          ),
          { strict: true },
        ),
      );
    for (const type of ["numeric", "individualDigits", "none"]) expect(collect(type)).toEqual([]);
    const other = validate(
      callFlow(
        `          - collectInput:\n              name: Digits\n              inputData:\n                var: Flow.choice\n              digits:\n                exact: 4\n              verificationType: entireInput\n`,
      ),
    );
    expect(
      other.filter((f) => f.path.endsWith("verificationType")).map((f) => [f.rule, f.verdict, f.severity]),
    ).toEqual([["invalid-value", "unknown", "warning"]]);
  });

  it("Next Loop in raw actions a loop runs (the import keeps it as written) acts on that loop; elsewhere it is refused", () => {
    const next = "- loopNext:\n    name: Next Loop\n";
    expect(actions("botFlow", next, true, true)).toEqual([]);
    expect(rules(actions("botFlow", next, true, false))).toEqual(["loop-control"]);
  });
});
