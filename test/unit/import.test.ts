// The Archy -> flow model import (import/): small Archy files written for these tests, each
// checking one rule of the mapping, and that the imported model passes the checks and compiles
// back to the same actions. The whole corpus is the emulator tier's round trip (importRoundTrip).
import { runChecks } from "../../checks";
import { compileFlow, parseArchyYaml } from "../../compiler";
import { importArchyText, ImportError, modelYaml, sum } from "../../import";
import { parseFlowText } from "../../model/load";

function load(text: string, source = "test.yaml") {
  const { model, report } = importArchyText(text, { source });
  const yaml = modelYaml(model, { schemaPath: "../schema/flow.schema.json", source, lines: [] });
  const flow = parseFlowText(yaml, "flows/imported.yaml");
  const findings = runChecks({
    flows: [{ file: flow.file, id: "imported", model: flow.model, displayName: flow.model.name }],
  });
  const compiled = compileFlow(flow, { publishedName: flow.model.name, modules: new Map() });
  return {
    model,
    report,
    yaml,
    flow,
    findings: findings.map((f) => `${f.ruleId} ${f.node ?? ""}: ${f.message}`),
    compiled: parseArchyYaml(compiled) as Record<string, Record<string, unknown>>,
  };
}

const call = (actions: string, extra = "") => `inboundCall:
  name: Test Flow
  defaultLanguage: en-us
  startUpRef: "/inboundCall/tasks/task[Main_1]"
${extra}  tasks:
    - task:
        name: Main
        refId: Main_1
        actions:
${actions}`;

/** A main task calling a task that plays a prompt and returns. */
const TASKS_FLOW = `inboundCall:
  name: Tasks
  defaultLanguage: en-us
  startUpRef: "/inboundCall/tasks/task[Main_1]"
  tasks:
    - task:
        name: Main
        refId: Main_1
        actions:
          - callTask:
              name: Greet first
              targetTaskRef: "/inboundCall/tasks/task[Greet_2]"
          - disconnect:
              name: Bye
    - task:
        name: Greet
        refId: Greet_2
        actions:
          - playAudio:
              name: Hi
              audio:
                tts: Hi there.
          - endTask:
              name: Back
`;

describe("importing Archy into the flow model", () => {
  it("maps known actions to typed nodes, with branches as transitions and the rest of the list after them", () => {
    const { model, findings, report } = load(
      call(`          - playAudio:
              name: Welcome
              audio:
                tts: Hello.
          - decision:
              name: Open?
              condition:
                exp: Length(Call.Ani) < 17
              outputs:
                "no":
                  actions:
                    - disconnect:
                        name: Closed
          - transferToAcd:
              name: To Sales
              targetQueue:
                lit:
                  name: Sales
              priority:
                lit: 0
              preferredAgents:
                noValue: true
              languageSkill:
                noValue: true
              failureOutputs:
                errorType:
                  noValue: true
`),
    );
    expect(findings).toEqual([]);
    expect(model.start).toBe("Welcome");
    expect(model.nodes).toEqual({
      Welcome: { type: "playMessage", prompt: "Hello.", transitions: { next: "Open" } },
      Open: {
        type: "decision",
        label: "Open?",
        expression: "Length(Call.Ani) < 17",
        transitions: { yes: "To_Sales", no: "Closed" },
      },
      To_Sales: { type: "transferToQueue", label: "To Sales", queue: "Sales" },
      Closed: { type: "disconnect" },
    });
    expect(report.typed).toEqual({ playMessage: 1, decision: 1, transferToQueue: 1, disconnect: 1 });
    expect(sum(report.raw)).toBe(0);
  });

  it("maps callData to a dataAction node: literal timeout (minutes too), inputs, success outputs into variables; unset fields left out", () => {
    const dataCall = (extraField = "") => `          - callData:
              name: Get customer
              processingPrompt:
                noValue: true
              timeout:
                lit:
                  minutes: 1
${extraField}              category:
                Web Services:
                  dataAction:
                    Get Customer:
                      inputs:
                        phone:
                          exp: Call.Ani
                        region:
                          lit: EU
                        unused:
                          noValue: true
                      successOutputs:
                        name:
                          var: Flow.customerName
                        tier:
                          noValue: true
                      failureOutputs:
                        errorCode:
                          noValue: true
              outputs:
                failure:
                  actions:
                    - disconnect:
                        name: Failed
          - disconnect:
              name: Done
`;
    const extra = `  variables:
    - stringVariable:
        name: Flow.customerName
        initialValue:
          noValue: true
`;
    const { model, findings, report, compiled } = load(call(dataCall(), extra));
    expect(findings).toEqual([]);
    expect((model.nodes as Record<string, unknown>).Get_customer).toEqual({
      type: "dataAction",
      label: "Get customer",
      category: "Web Services",
      action: "Get Customer",
      inputs: { phone: "Call.Ani", region: '"EU"' },
      outputs: { name: "customerName" },
      timeoutSeconds: 60,
      transitions: { success: "Done", failure: "Failed", timeout: "Done" },
    });
    expect(report.typed.dataAction).toBe(1);
    expect(JSON.stringify(compiled)).toContain('"timeout":{"lit":{"seconds":60}}');
    // A processing prompt has no field in the node: the action stays raw, and the report says why.
    const prompted = load(
      call(
        dataCall().replace(
          "processingPrompt:\n                noValue: true",
          "processingPrompt:\n                tts: One moment.",
        ),
        extra,
      ),
    );
    expect(prompted.report.unmapped.map((u) => `${u.action}: ${u.reason}`)).toEqual([
      "callData: it plays a processing prompt",
    ]);
  });

  it("maps dataTableLookup to a dataTableLookup node: its table, key, found columns into variables and three paths; failure outputs unset", () => {
    const lookup = (failureOutputs: string) =>
      call(
        `          - dataTableLookup:
              name: Area
              lookupValue:
                exp: Call.Ani
              dataTable:
                Area Codes:
                  foundOutputs:
                    state:
                      var: Flow.state
                    active:
                      noValue: true
                  failureOutputs:
${failureOutputs}
              outputs:
                notFound:
                  actions:
                    - disconnect:
                        name: Unknown
          - disconnect:
              name: Bye
`,
        "  variables:\n    - stringVariable:\n        name: Flow.state\n        initialValue:\n          noValue: true\n",
      );
    const unset =
      "                    errorType:\n                      noValue: true\n                    errorMessage:\n                      noValue: true";
    const { model, findings, compiled } = load(lookup(unset));
    expect(findings).toEqual([]);
    expect(model.nodes).toEqual({
      Area: {
        type: "dataTableLookup",
        table: "Area Codes",
        key: "Call.Ani",
        outputs: { state: "state" },
        transitions: { found: "Bye", notFound: "Unknown", failure: "Bye" },
      },
      Unknown: { type: "disconnect" },
      Bye: { type: "disconnect" },
    });
    expect(JSON.stringify(compiled)).toContain(
      '"dataTable":{"Area Codes":{"foundOutputs":{"state":{"var":"Flow.state"}},"failureOutputs":{"errorType":{"noValue":true},"errorMessage":{"noValue":true}}}}',
    );
    // A failure output stored in a variable has no field in the node: the action stays raw.
    const stored = load(
      lookup(
        unset.replace(
          "errorType:\n                      noValue: true",
          "errorType:\n                      var: Flow.state",
        ),
      ),
    );
    expect(stored.report.unmapped[0]).toMatchObject({
      action: "dataTableLookup",
      reason: "a dataTableLookup node has no field for failure outputs (errorType)",
    });
  });

  it("maps a transfer's failure audio (text to speech or an audio expression) to failurePrompt or failureAudio", () => {
    const transfer = (audio: string) =>
      call(`          - transferToAcd:
              name: Route
              targetQueue:
                lit:
                  name: Support
              failureTransferAudio:
${audio}
`);
    const spoken = load(transfer("                tts: Sorry."));
    expect(spoken.findings).toEqual([]);
    expect(spoken.model.nodes).toEqual({
      Route: { type: "transferToQueue", queue: "Support", failurePrompt: "Sorry." },
    });
    expect(JSON.stringify(spoken.compiled)).toContain('"failureTransferAudio":{"tts":"Sorry."}');
    const blank = load(transfer("                exp: AudioPlaybackOptions(ToAudioBlank(500), true)"));
    expect(blank.findings).toEqual([]);
    expect(blank.model.nodes).toEqual({
      Route: {
        type: "transferToQueue",
        queue: "Support",
        failureAudio: "AudioPlaybackOptions(ToAudioBlank(500), true)",
      },
    });
    expect(JSON.stringify(blank.compiled)).toContain(
      '"failureTransferAudio":{"exp":"AudioPlaybackOptions(ToAudioBlank(500), true)"}',
    );
  });

  it("maps a collect input with audio from an expression, a range no key ends, an inter-digit timeout and a lone * accepted", () => {
    const { model, findings, compiled } = load(
      call(`          - collectInput:
              name: Choice
              inputData:
                var: Flow.choice
              digits:
                range:
                  min: 1
                  max: 3
              interDigitTimeout:
                lit:
                  seconds: 4
              noEntryTimeout:
                lit:
                  seconds: 6
              inputAudio:
                exp: AudioPlaybackOptions(ToAudioBlank(100), true)
              acceptJustStar:
                lit: true
              acceptJustPound:
                lit: false
          - disconnect:
              name: Bye
`),
    );
    expect(findings).toEqual([]);
    expect((model.nodes as Record<string, unknown>).Choice).toMatchObject({
      type: "collectDigits",
      audio: "AudioPlaybackOptions(ToAudioBlank(100), true)",
      minDigits: 1,
      maxDigits: 3,
      terminator: "none",
      timeoutSeconds: 6,
      interDigitTimeoutSeconds: 4,
      acceptJustStar: true,
    });
    const text = JSON.stringify(compiled);
    expect(text).toContain('"digits":{"range":{"min":1,"max":3}}');
    expect(text).toContain('"interDigitTimeout":{"lit":{"seconds":4}}');
    expect(text).toContain('"acceptJustStar":{"lit":true}');
    expect(text).not.toContain("includeTerminatingDtmfInResultData");
  });

  it("maps a data action's failure outputs to variables of their types (status an integer)", () => {
    const { model, findings, compiled } = load(
      call(`          - callData:
              name: Lookup
              category:
                Web Services:
                  dataAction:
                    Get Customer:
                      failureOutputs:
                        errorCode:
                          var: Flow.errorCode
                        status:
                          var: Flow.errorStatus
                        userMessage:
                          noValue: true
          - disconnect:
              name: Bye
`),
    );
    expect(findings).toEqual([]);
    expect((model.nodes as Record<string, Record<string, unknown>>).Lookup.failureOutputs).toEqual({
      errorCode: "errorCode",
      status: "errorStatus",
    });
    expect(model.variables).toMatchObject({ errorCode: { type: "string" }, errorStatus: { type: "integer" } });
    expect(JSON.stringify(compiled)).toContain(
      '"failureOutputs":{"errorCode":{"var":"Flow.errorCode"},"status":{"var":"Flow.errorStatus"}}',
    );
  });

  it("keeps other actions raw, a run of them in one archy node, their branches as transitions, and says why", () => {
    const { model, findings, report } = load(
      call(`          - enableParticipantRecord:
              name: Remember
          - callData:
              name: Lookup
              processingPrompt:
                tts: One moment.
              category:
                Web Services:
                  dataAction:
                    Get Customer:
                      inputs: {}
                      successOutputs: {}
                      failureOutputs: {}
              outputs:
                failure:
                  actions:
                    - disconnect:
                        name: Sorry
          - disconnect:
              name: Bye
`),
    );
    expect(findings).toEqual([]);
    const node = (model.nodes as Record<string, Record<string, unknown>>).Remember;
    expect((node.actions as object[]).map((a) => Object.keys(a)[0])).toEqual(["enableParticipantRecord", "callData"]);
    expect(node.transitions).toEqual({ failure: "Sorry", next: "Bye" });
    expect(report.unmapped.map((u) => `${u.line} ${u.action}: ${u.reason}`)).toEqual([
      "10 enableParticipantRecord: no node type for enableParticipantRecord yet",
      "12 callData: it plays a processing prompt",
    ]);
  });

  it("types switch, participant data, audio expressions and schedule groups, each compiling back to its action", () => {
    const { model, findings, report, compiled } = load(
      call(`          - getParticipantData:
              name: Read Tier
              attributes:
                - attribute:
                    name:
                      lit: Customer Tier
                    variable: Flow.tier
          - playAudio:
              name: Greet
              audio:
                exp: ToAudio(Prompt.Greeting)
          - switch:
              name: By Tier
              evaluate:
                firstTrue:
                  cases:
                    - case:
                        value:
                          exp: Flow.tier == "gold"
                        actions:
                          - setParticipantData:
                              name: Mark Gold
                              attributes:
                                - attribute:
                                    name:
                                      lit: Route
                                    value:
                                      lit: gold
                  default:
                    actions:
                      - evaluateScheduleGroup:
                          name: Hours
                          inServiceSchedules:
                            noValue: true
                          evaluate:
                            now: true
                          scheduleGroup:
                            lit:
                              name: Main Office
                            name: Main Office
                          emergencyGroup:
                            noValue: true
                          outputs:
                            closed:
                              actions:
                                - disconnect:
                                    name: Closed
          - disconnect:
              name: Bye
`),
    );
    expect(findings).toEqual([]);
    expect(report.unmapped).toEqual([]);
    const nodes = model.nodes as Record<string, Record<string, unknown>>;
    expect(nodes.Read_Tier).toMatchObject({ type: "getParticipantData", attributes: { "Customer Tier": "tier" } });
    expect(nodes.Greet).toMatchObject({ type: "playMessage", audio: "ToAudio(Prompt.Greeting)" });
    expect(nodes.By_Tier).toMatchObject({
      type: "switch",
      cases: { case1: 'Flow.tier == "gold"' },
      transitions: { case1: "Mark_Gold", default: "Hours" },
    });
    expect(nodes.Mark_Gold).toMatchObject({ type: "setParticipantData", attributes: { Route: '"gold"' } });
    expect(nodes.Hours).toMatchObject({
      type: "scheduleGroup",
      scheduleGroup: "Main Office",
      transitions: { closed: "Closed", open: "Bye", holiday: "Bye" },
    });
    const text = JSON.stringify(compiled);
    for (const key of ["getParticipantData", "playAudio", "switch", "setParticipantData", "evaluateScheduleGroup"])
      expect(text).toContain(`"${key}"`);
    expect(text).toContain('"exp":"ToAudio(Prompt.Greeting)"');
  });

  it("keeps a switch that matches one value against its cases raw, and says why", () => {
    const { report } = load(
      call(`          - switch:
              name: By Code
              evaluate:
                firstMatch:
                  string:
                    value:
                      exp: Call.Ani
                    cases:
                      - case:
                          value:
                            lit: "1"
          - disconnect:
              name: Bye
`),
    );
    expect(report.unmapped.map((u) => `${u.action}: ${u.reason}`)).toEqual([
      "switch: it matches a value against its cases (a switch node takes the first true condition)",
    ]);
  });

  it("keeps a jump back to a task the path came from typed: a cycle of the graph, compiled as a jump to that task", () => {
    const text = `inboundCall:
  name: Retry
  defaultLanguage: en-us
  startUpRef: "/inboundCall/tasks/task[Main_1]"
  variables:
    - stringVariable:
        name: Flow.pin
  tasks:
    - task:
        name: Main
        refId: Main_1
        actions:
          - jumpToTask:
              name: Ask
              targetTaskRef: "/inboundCall/tasks/task[Ask_2]"
    - task:
        name: Ask
        refId: Ask_2
        actions:
          - playAudio:
              name: Prompt
              audio:
                tts: Enter your PIN.
          - decision:
              name: Empty?
              condition:
                exp: IsNotSetOrEmpty(Flow.pin)
              outputs:
                "yes":
                  actions:
                    - jumpToTask:
                        name: Again
                        targetTaskRef: "/inboundCall/tasks/task[Ask_2]"
          - disconnect:
              name: Bye
`;
    const { model, findings, report, compiled } = load(text);
    expect(findings).toEqual([]);
    expect(report.unmapped).toEqual([]);
    const nodes = model.nodes as Record<string, Record<string, unknown>>;
    expect(nodes.Empty).toMatchObject({ type: "decision", transitions: { yes: "Prompt" } });
    expect(JSON.stringify(compiled)).toContain(
      '"jumpToTask":{"name":"Go to Prompt","targetTaskRef":"/inboundCall/tasks/task[Prompt]"}',
    );
  });

  it("follows callTask into the task, and on after the call where the task returns", () => {
    const { model, findings, report } = load(TASKS_FLOW);
    expect(findings).toEqual([]);
    expect(model.start).toBe("Hi");
    expect(model.nodes).toEqual({
      Hi: { type: "playMessage", prompt: "Hi there.", transitions: { next: "Bye" } },
      Bye: { type: "disconnect" },
    });
    expect(report.structural).toEqual({ callTask: 1, endTask: 1 });
  });

  it("keeps a callTask that gives the task inputs raw, with the task it calls, rather than drop its taskInputs", () => {
    // The call gives the task's input variable, which the prompt reads.
    const text = TASKS_FLOW.replace(
      'task[Greet_2]"\n',
      'task[Greet_2]"\n              taskInputs:\n                - string:\n                    name: Task.Greeting\n                    value:\n                      lit: Hi there.\n',
    )
      .replace(
        "        refId: Greet_2\n",
        "        refId: Greet_2\n        variables:\n          - stringVariable:\n              name: Task.Greeting\n              initialValue:\n                noValue: true\n              isInput: true\n              isOutput: false\n",
      )
      .replace("tts: Hi there.", "exp: ToAudioTTS(Task.Greeting)");
    const { model, findings, report, compiled } = load(text);
    expect(findings).toEqual([]);
    const call = (
      model.nodes as Record<string, { type: string; actions?: Array<Record<string, { taskInputs?: unknown }>> }>
    )[model.start as string];
    expect(call.type).toBe("archy");
    expect(call.actions![0].callTask.taskInputs).toEqual([
      { string: { name: "Task.Greeting", value: { lit: "Hi there." } } },
    ]);
    // The task is kept as exported with its own input variable, which the taskInputs name.
    const tasks = (model.archySettings as { tasks: Array<{ task: { refId: string; variables: unknown } }> }).tasks;
    expect(tasks.map((t) => t.task.refId)).toEqual(["Greet_2"]);
    expect(tasks[0].task.variables).toEqual([
      { stringVariable: { name: "Task.Greeting", initialValue: { noValue: true }, isInput: true, isOutput: false } },
    ]);
    expect(model.variables).toBeUndefined();
    expect(report.notes).toContainEqual(
      expect.stringContaining('task "Greet" is given inputs by callTask (taskInputs)'),
    );
    expect(report.unmapped[0]).toMatchObject({
      action: "callTask",
      reason: expect.stringContaining("no field for its taskInputs"),
    });
    // The compiled flow still gives the input.
    expect(JSON.stringify(compiled)).toContain(
      '"taskInputs":[{"string":{"name":"Task.Greeting","value":{"lit":"Hi there."}}}]',
    );
    expect(JSON.stringify(compiled)).toContain('"exp":"ToAudioTTS(Task.Greeting)"');
  });

  it("maps a loop with its body back to it and loopExit to what follows the loop", () => {
    const text = `workflow:
  name: Retry
  startUpRef: "/workflow/states/state[Start_1]"
  defaultLanguage: en-us
  variables:
    - integerVariable:
        name: Flow.i
        initialValue:
          noValue: true
  states:
    - state:
        name: Start
        refId: Start_1
        actions:
          - loop:
              name: Try
              currentIndex:
                var: Flow.i
              loopCount:
                lit: 3
              outputs:
                loop:
                  actions:
                    - decision:
                        name: Done?
                        condition:
                          exp: Flow.i > 1
                        outputs:
                          "yes":
                            actions:
                              - loopExit:
                                  name: Stop
          - endWorkflow:
              name: End
`;
    const { model, findings, compiled } = load(text);
    expect(findings).toEqual([]);
    expect(model.nodes).toEqual({
      Try: { type: "loop", maxLoops: 3, counter: "i", transitions: { done: "End", body: "Done" } },
      Done: { type: "decision", label: "Done?", expression: "Flow.i > 1", transitions: { yes: "End", no: "Try" } },
      End: { type: "endWorkflow" },
    });
    const actions = JSON.stringify(compiled);
    expect(actions).toContain('"loopExit"');
  });

  it("lifts task and state variables into the flow, renaming every reference, and keeps what the model cannot declare raw", () => {
    const text = `inboundShortMessage:
  name: Lift
  defaultLanguage: en-us
  startUpRef: "/inboundShortMessage/states/state[S_1]"
  variables:
    - stringVariable:
        name: Flow.Email
        initialValue:
          noValue: true
    - stringCollectionVariable:
        name: Flow.tags
        initialValue:
          lit: [a, b]
  states:
    - state:
        name: S
        refId: S_1
        variables:
          - stringVariable:
              name: State.Email
              initialValue:
                noValue: true
        actions:
          - updateData:
              name: Keep
              statements:
                - string:
                    variable: State.Email
                    value:
                      exp: Flow.Email + "!"
          - decision:
              name: Known
              condition:
                exp: IsSet(state.Email)
              outputs:
                "yes":
                  actions:
                    - disconnect:
                        name: Bye
          - disconnect:
              name: Out
`;
    const { model, findings, report } = load(text);
    expect(findings).toEqual([]);
    expect(model.variables).toEqual({ Email: { type: "string" }, State_Email: { type: "string" } });
    expect((model.archySettings as { variables: unknown }).variables).toEqual([
      { stringCollectionVariable: { name: "Flow.tags", initialValue: { lit: ["a", "b"] } } },
    ]);
    const nodes = model.nodes as Record<string, Record<string, unknown>>;
    expect(nodes.Keep).toEqual({
      type: "setVariable",
      variable: "State_Email",
      value: 'Flow.Email + "!"',
      transitions: { next: "Known" },
    });
    expect(nodes.Known.expression).toBe("IsSet(Flow.State_Email)");
    expect(report.notes.join("\n")).toContain("State.Email -> Flow.State_Email");
  });

  it("imports a flow whose language tags are written in upper case (en-US) as written: its menu's speech terms stay keyed by it", () => {
    const text = `inboundCall:
  name: Upper Case Language
  defaultLanguage: en-US
  startUpRef: "/inboundCall/menus/menu[Main_1]"
  supportedLanguages:
    en-US:
      defaultLanguageSkill:
        noValue: true
  menus:
    - menu:
        name: Main
        refId: Main_1
        audio:
          tts: Say sales or press 1.
        choices:
          - menuDisconnect:
              name: Sales
              dtmf: digit_1
              speechRecTerms:
                en-US:
                  terms:
                    - sales
`;
    const { model, findings, compiled } = load(text);
    expect((model as { defaultLanguage?: string }).defaultLanguage).toBe("en-US");
    expect(findings).toEqual([]);
    const body = compiled.inboundCall as { defaultLanguage: string; supportedLanguages: Record<string, unknown> };
    expect(body.defaultLanguage).toBe("en-US");
    expect(Object.keys(body.supportedLanguages)).toEqual(["en-US"]);
    expect(JSON.stringify(compiled)).toContain('"speechRecTerms":{"en-US":{"terms":["sales"]}}');
  });

  it("types a setLanguage to a language written in upper case (es-US): a setLanguage node that compiles back to it", () => {
    const { model, report, findings, compiled } = load(
      call(`          - setLanguage:
              name: Spanish
              languageValue:
                lit: es-US
              language: es-US
          - disconnect:
              name: Bye
`),
    );
    expect(report.raw).toEqual({});
    expect(
      Object.values((model as { nodes: Record<string, { type: string; language?: string }> }).nodes).find(
        (n) => n.type === "setLanguage",
      )?.language,
    ).toBe("es-US");
    expect(findings).toEqual([]);
    expect(JSON.stringify(compiled)).toContain(
      '"setLanguage":{"name":"Spanish","languageValue":{"lit":"es-US"},"language":"es-US"}',
    );
  });

  it("keeps placeholders, unquoted ones too, and lists them", () => {
    const text = `inboundCall:
  name: {{flow_name}}
  defaultLanguage: en-us
  startUpRef: "/inboundCall/tasks/task[Main_1]"
  tasks:
    - task:
        name: Main
        refId: Main_1
        actions:
          - transferToAcd:
              name: Route
              targetQueue:
                lit:
                  name: {{queue}}
`;
    const { model, yaml, report } = importArchyText(text, { source: "t.yaml" }) as ReturnType<
      typeof importArchyText
    > & { yaml?: string };
    expect(model.name).toBe("{{flow_name}}");
    expect(report.placeholders).toEqual(["flow_name", "queue"]);
    expect(yaml).toBeUndefined();
    const written = modelYaml(model, { schemaPath: "s.json", source: "t.yaml", lines: [] });
    expect(written).toContain('name: "{{flow_name}}"');
    expect(written).toContain('queue: "{{queue}}"');
  });

  const MENU_FLOW = `inboundCall:
  name: Menu Flow
  defaultLanguage: en-us
  startUpRef: "/inboundCall/menus/menu[Main_1]"
  menus:
    - menu:
        name: Main Menu
        refId: Main_1
        audio:
          tts: Press 1 for sales.
        choices:
          - menuJumpToTask:
              name: Sales
              dtmf: digit_1
              targetTaskRef: "/inboundCall/tasks/task[Sales_2]"
  tasks:
    - task:
        name: Sales
        refId: Sales_2
        actions:
          - disconnect:
              name: Bye
`;

  it("a menu becomes a menu node: its audio, choices by key and what each does", () => {
    const text = MENU_FLOW;
    const { model, findings, report, compiled } = load(text);
    expect(findings).toEqual([]);
    expect(model.start).toBe("Main_Menu");
    expect(model.nodes).toEqual({
      Main_Menu: {
        type: "menu",
        label: "Main Menu",
        prompt: "Press 1 for sales.",
        choices: { Sales: { dtmf: "1", archyChoice: "menuJumpToTask" } },
        defaultChoice: false,
        transitions: { Sales: "Bye" },
      },
      Bye: { type: "disconnect" },
    });
    expect(model.archySettings).toBeUndefined();
    expect(report.raw).toEqual({});
    expect((compiled.inboundCall.startUpRef as string).startsWith("/inboundCall/menus/menu[")).toBe(true);
  });

  it("a menu the node cannot express stays raw; a task it jumps to stays typed, its first node a task the raw menu names", () => {
    const text = MENU_FLOW.replace(
      "  tasks:\n",
      "          - menuRepeatMenu:\n              name: Again\n              dtmf: digit_2\n  tasks:\n",
    );
    const { model, findings, report, compiled } = load(text);
    expect(findings).toEqual([]);
    expect(model.nodes).toEqual({
      Main_Menu: {
        type: "archy",
        label: "Main Menu",
        actions: [{ jumpToMenu: { name: "Main Menu", targetMenuRef: "/inboundCall/menus/menu[Main_1]" } }],
      },
      Bye: { type: "disconnect" },
    });
    const settings = model.archySettings as {
      menus: Array<{ menu: { choices: Array<{ menuJumpToTask: { targetTaskRef: string } }> } }>;
      tasks?: unknown;
    };
    expect(settings.menus).toHaveLength(1);
    expect(settings.menus[0].menu.choices[0].menuJumpToTask.targetTaskRef).toBe("/inboundCall/tasks/task[Bye]");
    expect(settings.tasks).toBeUndefined();
    expect(report.raw).toEqual({});
    expect(report.notes).toContainEqual(
      expect.stringContaining('menu "Main Menu" stays raw: a menu node cannot express choice menuRepeatMenu'),
    );
    // The node is published as a task of its own, where the raw menu moves to.
    expect((compiled.inboundCall.tasks as Array<{ task: { refId: string } }>).map((t) => t.task.refId)).toContain(
      "Bye",
    );
  });

  it("a menu's global choices, previous-menu choice and own settings become fields of the menu node; a menu only global choices reach is read too", () => {
    const text = `inboundCall:
  name: Menu Flow
  defaultLanguage: en-us
  startUpRef: "/inboundCall/menus/menu[Main_1]"
  menus:
    - menu:
        name: Main Menu
        refId: Main_1
        audio:
          tts: Press 1 for sales.
        settingsMenu:
          extensionDialingMaxDelay:
            lit:
              ms: 0
          listenForExtensionDialing:
            lit: false
          menuSelectionTimeout:
            lit:
              ms: 500
          repeatCount:
            lit: 0
        settingsSpeechRec:
          minConfidenceLevel:
            lit: 40
        choices:
          - menuSubMenu:
              name: Sales
              dtmf: digit_1
              menu:
                name: Sales menu
                refId: Sales_3
                audio:
                  tts: Press hash to go back.
                choices:
                  - menuPreviousMenu:
                      name: Back
                      dtmf: "digit_#"
                      globalDtmf: false
                      globalSpeechRecTerms: false
                  - menuDisconnect:
                      name: Bye
                      dtmf: digit_9
    - menu:
        name: Anywhere
        refId: Anywhere_4
        choices:
          - menuDisconnect:
              name: Hang up
              dtmf: digit_0
              globalDtmf: true
              globalSpeechRecTerms: false
`;
    const { model, findings, report, compiled } = load(text);
    expect(findings).toEqual([]);
    expect(model.archySettings).toBeUndefined();
    expect(report.raw).toEqual({});
    const nodes = model.nodes as Record<string, Record<string, unknown>>;
    expect(nodes.Main_Menu).toMatchObject({
      selectionTimeoutSeconds: 0.5,
      extensionDialingMaxDelaySeconds: 0,
      listenForExtensionDialing: false,
      repeatCount: 0,
      minConfidenceLevel: 40,
    });
    // A choice that disconnects stays one (it goes to no node); neither menu has a default choice, nor gets one.
    expect(nodes.Sales_menu).toMatchObject({
      choices: { Back: { dtmf: "#", previousMenu: true }, Bye: { dtmf: "9", disconnect: true } },
      defaultChoice: false,
    });
    expect(nodes.Anywhere).toMatchObject({
      choices: { Hang_up: { label: "Hang up", dtmf: "0", globalDtmf: true, disconnect: true } },
    });
    expect(nodes.Anywhere.prompt).toBeUndefined();
    const menus = (compiled.inboundCall.menus as Array<{ menu: Record<string, unknown> }>).map((m) => m.menu);
    expect(menus.map((m) => m.name).sort()).toEqual(["Anywhere", "Main Menu", "Sales menu"]);
    const main = menus.find((m) => m.name === "Main Menu")!;
    expect(main.settingsMenu).toEqual({
      extensionDialingMaxDelay: { lit: { seconds: 0 } },
      listenForExtensionDialing: { lit: false },
      menuSelectionTimeout: { lit: { ms: 500 } },
      repeatCount: { lit: 0 },
    });
    const sales = menus.find((m) => m.name === "Sales menu")!;
    expect((sales.choices as object[]).map((c) => Object.keys(c)[0])).toEqual(["menuPreviousMenu", "menuDisconnect"]);
    expect(menus.map((m) => m.defaultChildMenuRef)).toEqual([undefined, undefined, undefined]);
  });

  it("a task raw Archy calls and that can come back stays raw: the typed graph has no call that returns", () => {
    const text = MENU_FLOW.replace(
      "  tasks:\n",
      "          - menuRepeatMenu:\n              name: Again\n              dtmf: digit_2\n  tasks:\n",
    ).replace(
      "          - disconnect:\n              name: Bye\n",
      "          - playAudio:\n              name: Hi\n              audio:\n                tts: Hi.\n",
    );
    // The menu's task is kept raw; it calls Sales, which falls off its end (comes back).
    const withCall = text.replace(
      '          - menuJumpToTask:\n              name: Sales\n              dtmf: digit_1\n              targetTaskRef: "/inboundCall/tasks/task[Sales_2]"\n',
      '          - menuTask:\n              name: Sales\n              dtmf: digit_1\n              task:\n                actions:\n                  - callTask:\n                      name: Sales\n                      targetTaskRef: "/inboundCall/tasks/task[Sales_2]"\n                  - disconnect:\n                      name: Done\n',
    );
    const { model, findings } = load(withCall);
    expect(findings).toEqual([]);
    expect(
      (model.archySettings as { tasks: Array<{ task: { refId: string } }> }).tasks.map((t) => t.task.refId),
    ).toEqual(["Sales_2"]);
  });

  it("a raw task's jump to another task keeps that one typed: the jump names the node it starts at", () => {
    // Say is given inputs (kept raw); it jumps to Closed, which stays typed.
    const text = call(`          - callTask:
              name: Greet
              targetTaskRef: "/inboundCall/tasks/task[Say_2]"
              taskInputs:
                - boolean:
                    name: Task.Open
                    value:
                      lit: false
          - disconnect:
              name: Bye
    - task:
        name: Say
        refId: Say_2
        variables:
          - booleanVariable:
              name: Task.Open
              initialValue:
                lit: true
              isInput: true
              isOutput: false
        actions:
          - decision:
              name: Open?
              condition:
                exp: Task.Open
              outputs:
                "no":
                  actions:
                    - jumpToTask:
                        name: Closed
                        targetTaskRef: "/inboundCall/tasks/task[Closed_3]"
          - endTask:
              name: Back
    - task:
        name: Closed
        refId: Closed_3
        actions:
          - playAudio:
              name: Sorry
              audio:
                tts: Sorry, we are closed.
          - disconnect:
              name: Hang up
`);
    const { model, findings, report, compiled } = load(text);
    expect(findings).toEqual([]);
    const nodes = model.nodes as Record<string, Record<string, unknown>>;
    expect(nodes.Sorry).toEqual({
      type: "playMessage",
      prompt: "Sorry, we are closed.",
      transitions: { next: "Hang_up" },
    });
    const tasks = (model.archySettings as { tasks: Array<{ task: { refId: string } }> }).tasks;
    expect(tasks.map((t) => t.task.refId)).toEqual(["Say_2"]);
    expect(JSON.stringify(tasks)).toContain('"targetTaskRef":"/inboundCall/tasks/task[Sorry]"');
    expect(report.typed).toMatchObject({ playMessage: 1 });
    // Compiled: the node Sorry is a task of its own, which the raw task jumps to.
    const refIds = (compiled.inboundCall.tasks as Array<{ task: { refId: string } }>).map((t) => t.task.refId);
    expect(refIds).toEqual(expect.arrayContaining(["Say_2", "Sorry"]));
  });

  it("a task whose every path ends (a decision whose paths both jump) is entered for good wherever it is called", () => {
    const text = call(
      `          - decision:
              name: Vip?
              condition:
                exp: Call.Ani == "+13175550100"
              outputs:
                "yes":
                  actions:
                    - callTask:
                        name: Route vip
                        targetTaskRef: "/inboundCall/tasks/task[Route_2]"
          - callTask:
              name: Route
              targetTaskRef: "/inboundCall/tasks/task[Route_2]"
          - disconnect:
              name: Bye
    - task:
        name: Route
        refId: Route_2
        actions:
          - decision:
              name: Late?
              condition:
                exp: Flow.late
              outputs:
                "yes":
                  actions:
                    - jumpToTask:
                        name: Closed
                        targetTaskRef: "/inboundCall/tasks/task[Closed_3]"
                "no":
                  actions:
                    - jumpToTask:
                        name: Open
                        targetTaskRef: "/inboundCall/tasks/task[Open_4]"
    - task:
        name: Closed
        refId: Closed_3
        actions:
          - disconnect:
              name: Closed now
    - task:
        name: Open
        refId: Open_4
        actions:
          - playAudio:
              name: Welcome
              audio:
                tts: Welcome.
          - disconnect:
              name: Done
`,
      "  variables:\n    - booleanVariable:\n        name: Flow.late\n",
    );
    const { model, findings, report } = load(text);
    expect(findings).toEqual([]);
    // Called from two places that would go on differently, but it never comes back: typed once.
    expect(report.notes.join("\n")).not.toContain("called from places that go on differently");
    expect(model.archySettings).toBeUndefined();
    const nodes = model.nodes as Record<string, Record<string, unknown>>;
    expect(nodes.Late).toMatchObject({ type: "decision", transitions: { yes: "Closed_now", no: "Welcome" } });
    // What follows a call of a task that never comes back never runs: kept with the call, raw,
    // which enters the task's first node (a task of its own) for good.
    expect(nodes.Vip).toMatchObject({ type: "decision", transitions: { yes: "Late", no: "Route" } });
    expect(nodes.Route).toEqual({
      type: "archy",
      actions: [
        { callTask: { name: "Route", targetTaskRef: "/inboundCall/tasks/task[Late]" } },
        { disconnect: { name: "Bye" } },
      ],
    });
  });

  /** An in-bound email flow: decision Vip (its "yes" path given), then Mark and Done. */
  const mail = (vipYes: string) => `inboundEmail:
  name: Mail
  defaultLanguage: en-us
  startUpRef: "/inboundEmail/states/state[S_1]"
  states:
    - state:
        name: S
        refId: S_1
        actions:
          - decision:
              name: Vip
              condition:
                exp: Contains(Email.Message.subject, "VIP")
              outputs:
                "yes":
                  actions:
${vipYes}          - updateData:
              name: Mark
              statements:
                - string:
                    variable: Flow.tier
                    value:
                      lit: vip
          - disconnect:
              name: Done
`;

  it("in a kind with no reusable tasks, paths that meet again stay typed: the meeting node follows the branching action once", () => {
    const text = mail(`                    - updateData:
                        name: Flag
                        statements:
                          - boolean:
                              variable: Flow.vip
                              value:
                                lit: true
`);
    const { model, findings, report, compiled } = load(text);
    expect(findings).toEqual([]);
    expect((model.nodes as Record<string, { type: string }>).Vip.type).toBe("decision");
    expect(report.unmapped).toEqual([]);
    const actions = (
      compiled.inboundEmail.states as Array<{ state: { actions: Array<Record<string, unknown>> } }>
    )[0].state.actions.map((a) => Object.keys(a)[0]);
    expect(actions).toEqual(["decision", "updateData", "disconnect"]);
    expect(JSON.stringify(compiled).split('"updateData"').length - 1).toBe(2);
  });

  it("in a kind with no reusable tasks, a branch nested before the meeting node falls through to it too: both stay typed", () => {
    // Vip's paths meet at Mark; Known's "yes" reaches Mark from inside Vip's "yes" path.
    const text = mail(`                    - decision:
                        name: Known
                        condition:
                          exp: Contains(Email.Message.subject, "known")
                        outputs:
                          "no":
                            actions:
                              - disconnect:
                                  name: Drop
`);
    const { model, findings, report, compiled } = load(text);
    expect(findings).toEqual([]);
    expect(report.unmapped).toEqual([]);
    const nodes = model.nodes as Record<string, { type: string; transitions?: Record<string, string> }>;
    expect(nodes.Vip).toMatchObject({ type: "decision", transitions: { yes: "Known", no: "Mark" } });
    expect(nodes.Known).toMatchObject({ type: "decision", transitions: { yes: "Mark", no: "Drop" } });
    // Mark is written once, after Vip; Known's "yes" falls through to it.
    expect(JSON.stringify(compiled).split('"updateData"').length - 1).toBe(1);
  });

  it("imports a module's inputs and outputs, and its compatible flow types", () => {
    const text = `commonModule:
  name: Lookup
  supportedLanguages:
    en-us:
      none: true
  variables:
    - stringVariable:
        name: Common.phone
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
    - stringVariable:
        name: Common.id
        initialValue:
          noValue: true
        isInput: false
        isOutput: true
  settingsCommonModule:
    compatibleFlowTypes:
      - flowType: inboundcall
      - flowType: workflow
  startUpTaskActions:
    - updateData:
        name: Set id
        statements:
          - string:
              variable: Common.id
              value:
                exp: Common.phone
    - endTask:
        name: Exit Common Module
`;
    const { model, findings } = load(text);
    expect(findings).toEqual([]);
    expect(model).toEqual(
      expect.objectContaining({
        compatibleFlowTypes: ["inboundCall", "workflow"],
        inputs: { phone: { type: "string", required: false } },
        outputs: { id: { type: "string" } },
        nodes: {
          Set_id: {
            type: "setVariable",
            label: "Set id",
            variable: "id",
            value: "Common.phone",
            transitions: { next: "End" },
          },
          End: { type: "return", outcome: "completed" },
        },
      }),
    );
  });

  it("keeps a module's defaultLanguage, which the module model has no field for, in archySettings and compiles it back (export:CM_gh_actions/CallbackBundleBasic)", () => {
    const text = `commonModule:
  name: Spanish
  defaultLanguage: es-us
  supportedLanguages:
    es-us:
      none: true
  settingsCommonModule:
    compatibleFlowTypes:
      - flowType: inboundcall
  startUpTaskActions:
    - endTask:
        name: Exit Common Module
`;
    const { model, findings, compiled } = load(text);
    expect(findings).toEqual([]);
    expect(model.archySettings).toEqual({ defaultLanguage: "es-us", supportedLanguages: { "es-us": { none: true } } });
    expect(compiled.commonModule).toMatchObject({
      defaultLanguage: "es-us",
      supportedLanguages: { "es-us": { none: true } },
    });
  });

  it("keeps what a kind's compiler writes nothing of its own for: a secure call flow's division, a survey invite's description and languages", () => {
    const secure = load(`secureCall:
  name: Pay
  division: Finance
  defaultLanguage: en-us
  startUpRef: /secureCall/tasks/task[t1]
  tasks:
    - task:
        name: Start
        refId: t1
        actions:
          - disconnect:
              name: Bye
`);
    expect(secure.findings).toEqual([]);
    expect(secure.compiled.secureCall).toMatchObject({ division: "Finance" });
    const survey = load(`surveyInvite:
  name: Ask
  description: After the call
  defaultLanguage: en-us
  supportedLanguages:
    en-us:
      defaultLanguageSkill:
        noValue: true
  startUpRef: /surveyInvite/states/state[s1]
  states:
    - state:
        name: Start
        refId: s1
        actions:
          - completeSurveyInvite:
              name: Done
`);
    expect(survey.findings).toEqual([]);
    expect(survey.model.archySettings).toEqual({
      defaultLanguage: "en-us",
      supportedLanguages: { "en-us": { defaultLanguageSkill: { noValue: true } } },
    });
    expect(survey.compiled.surveyInvite).toMatchObject({
      description: "After the call",
      defaultLanguage: "en-us",
      supportedLanguages: { "en-us": { defaultLanguageSkill: { noValue: true } } },
    });
  });

  it("refuses what it cannot import, naming the file, path and line", () => {
    expect(() => importArchyText("inboundFax:\n  name: X\n", { source: "s.yaml" })).toThrow(
      /^s\.yaml:1: inboundFax: flow type "inboundFax" has no kind in the flow model/,
    );
    expect(() => importArchyText("inboundCall:\n  name: [x\n", { source: "b.yaml" })).toThrow(ImportError);
  });

  it("keeps a task with a key it does not read as exported, with that key, rather than lose it", () => {
    const text = TASKS_FLOW.replace(
      "        refId: Greet_2\n",
      "        refId: Greet_2\n        futureSetting:\n          lit: 1\n",
    );
    const { model, report } = load(text);
    const kept = (model.archySettings as { tasks: Array<{ task: Record<string, unknown> }> }).tasks;
    expect(kept.map((t) => t.task.refId)).toEqual(["Greet_2"]);
    expect(kept[0].task.futureSetting).toEqual({ lit: 1 });
    expect(report.notes).toContain(
      'task "Greet" (line 15) has keys the import does not read (futureSetting): kept as exported',
    );
    // Without the key the same task becomes nodes.
    expect((load(TASKS_FLOW).model.archySettings as { tasks?: unknown } | undefined)?.tasks).toBeUndefined();
  });

  it("skips, as one it cannot express, a flow whose start-up state has a key it does not read", () => {
    const text =
      "inqueueEmail:\n  name: Q\n  startUpState:\n    name: Initial State\n    refId: S_1\n    futureSetting: 1\n    actions:\n      - disconnect:\n          name: Bye\n";
    expect(() => importArchyText(text, { source: "q.yaml" })).toThrow(
      /^q\.yaml:6: inqueueEmail\.startUpState\.futureSetting: the start-up state has keys the import does not read \(futureSetting\)/,
    );
    try {
      importArchyText(text, { source: "q.yaml" });
    } catch (e) {
      expect((e as ImportError).verdict).toBe("unsupported");
    }
  });

  it("keeps the first of two declarations of one variable, and notes a second that differs, with both lines", () => {
    const vars = (second: string) =>
      `  variables:\n    - stringVariable:\n        name: Flow.Reason\n        initialValue:\n          lit: a\n${second}`;
    const differing = load(
      call(
        `          - disconnect:\n              name: Bye\n`,
        vars(`    - stringVariable:\n        name: Flow.Reason\n        initialValue:\n          lit: b\n`),
      ),
    );
    expect(differing.model.variables).toEqual({ Reason: { type: "string", initial: "a" } });
    expect(differing.report.notes).toContain(
      "variable Flow.Reason is declared again at line 10, with another type or value than at line 6: the first declaration is kept",
    );
    const same = load(
      call(
        `          - disconnect:\n              name: Bye\n`,
        vars(`    - stringVariable:\n        name: Flow.Reason\n        initialValue:\n          lit: a\n`),
      ),
    );
    expect(same.report.notes.filter((n) => n.includes("declared again"))).toEqual([]);
  });

  it("refuses two elements with one refId at the second one's line, rather than keep one of them", () => {
    const twice = TASKS_FLOW.replace("refId: Greet_2", "refId: Main_1");
    expect(() => importArchyText(twice, { source: "t.yaml" })).toThrow(
      /^t\.yaml:17: inboundCall\.tasks\[1\]\.task\.refId: refId "Main_1" is used 2 times \(task at inboundCall\.tasks\[0\]\.task, task at inboundCall\.tasks\[1\]\.task\)/,
    );
    // Across kinds too: a menu and a task with one refId.
    const choice = TASKS_FLOW.replace(
      "  tasks:\n",
      "  menus:\n    - menu:\n        name: M\n        refId: Greet_2\n        audio:\n          tts: Hi\n        choices: []\n  tasks:\n",
    );
    expect(() => importArchyText(choice, { source: "m.yaml" })).toThrow(
      /refId "Greet_2" is used 2 times \(menu at inboundCall\.menus\[0\]\.menu, task at/,
    );
  });

  it("keeps a move to a task that does not exist as written; lint refuses it at its place", () => {
    const { model, findings } = load(
      call(
        `          - callTask:\n              name: Nowhere\n              targetTaskRef: "/inboundCall/tasks/task[Gone]"\n`,
      ),
    );
    expect(Object.values(model.nodes as Record<string, { type: string }>).map((n) => n.type)).toContain("archy");
    expect(findings).toContainEqual(
      expect.stringMatching(/^archy-actions Nowhere: callTask targetTaskRef targets task\[Gone\] which does not exist/),
    );
  });

  it("writes the same file from the same input", () => {
    const text = call(`          - disconnect:\n              name: Bye\n`);
    const a = modelYaml(importArchyText(text, { source: "x" }).model, { schemaPath: "s", source: "x", lines: ["l"] });
    expect(
      modelYaml(importArchyText(text, { source: "x" }).model, { schemaPath: "s", source: "x", lines: ["l"] }),
    ).toBe(a);
    expect(a.split("\n").slice(0, 3)).toEqual([
      "# yaml-language-server: $schema=s",
      "# Imported by genesys-flows from x.",
      "# l",
    ]);
  });
});
