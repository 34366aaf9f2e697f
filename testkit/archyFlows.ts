// Small valid Archy flows written for the tests (not taken from any export): an inbound call flow
// with a menu, optionally calling a module, a common module, and a call flow the behaviour
// interpreter runs to its end (simulated traffic). Published by the emulator,
// conformance and e2e tiers.

/** A small valid inbound call flow written for the tests (not taken from the corpus). */
export function inboundCallYaml(name: string, extraActions = "", moduleName?: string): string {
  const moduleCall = moduleName
    ? `
          - callCommonModule:
              name: Lookup
              commonModule:
                ${moduleName}:
                  ver_latestPublished:
                    inputs:
                      Common.ani:
                        exp: Call.Ani
                    outputs:
                      Common.tier:
                        var: Task.tier`
    : "";
  return `inboundCall:
  name: ${name}
  division: Home
  startUpRef: "/inboundCall/menus/menu[Main_10]"
  defaultLanguage: en-us
  supportedLanguages:
    en-us:
      defaultLanguageSkill:
        noValue: true
  initialGreeting:
    tts: Welcome.
  menus:
    - menu:
        name: Main
        refId: Main_10
        audio:
          tts: Press 1 for sales.
        choices:
          - menuJumpToTask:
              name: Sales
              dtmf: digit_1
              targetTaskRef: "/inboundCall/tasks/task[Sales_11]"
  tasks:
    - task:
        name: Sales
        refId: Sales_11
        variables:
          - stringVariable:
              name: Task.tier
              initialValue:
                noValue: true
        actions:${moduleCall}${extraActions}
          - disconnect:
              name: Disconnect
`;
}

/** A small valid common module: input Common.ani, output Common.tier, callable from inbound calls. */
export function commonModuleYaml(name: string, compatible: string[] = ["inboundcall"], body = ""): string {
  return `commonModule:
  name: ${name}
  division: Home
  supportedLanguages:
    en-us:
      none: true
  variables:
    - stringVariable:
        name: Common.ani
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
    - stringVariable:
        name: Common.tier
        initialValue:
          lit: standard
        isInput: false
        isOutput: true
  settingsCommonModule:
    compatibleFlowTypes:
${compatible.map((t) => `      - flowType: ${t}`).join("\n")}
  startUpTaskActions:${body}
    - endTask:
        name: Exit Common Module
`;
}

/** A call flow that greets known callers: a decision on the caller's number (+13175550001 is known), then a disconnect. */
export function greetingCallYaml(name: string): string {
  return `inboundCall:
  name: ${name}
  division: Home
  startUpRef: "/inboundCall/tasks/task[Start_1]"
  defaultLanguage: en-us
  supportedLanguages:
    en-us:
      defaultLanguageSkill:
        noValue: true
  tasks:
    - task:
        name: Start
        refId: Start_1
        actions:
          - decision:
              name: Known caller
              condition:
                exp: Call.Ani == "+13175550001"
              outputs:
                yes:
                  actions:
                    - playAudio:
                        name: Greet
                        audio:
                          tts: Welcome back.
          - disconnect:
              name: Disconnect
`;
}
