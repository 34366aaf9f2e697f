// Flows as Architect (or another team) publishes them, straight into an org. The tests that adopt
// flows from an org publish them.

/** An inbound call flow: a task with a greeting and a transfer to a queue, calling `module` first when given. */
export function architectCall(
  name: string,
  queue = "Support",
  module?: { name: string; input: string; output: string },
): string {
  const variables = module
    ? `
        variables:
          - stringVariable:
              name: Task.customer
              initialValue:
                noValue: true`
    : "";
  const call = module
    ? `
          - callCommonModule:
              name: Identify
              commonModule:
                ${module.name}:
                  ver_latestPublished:
                    inputs:
                      Common.${module.input}:
                        exp: Call.Ani
                    outputs:
                      Common.${module.output}:
                        var: Task.customer`
    : "";
  return `inboundCall:
  name: ${name}
  defaultLanguage: en-us
  startUpRef: "/inboundCall/tasks/task[Main_10]"
  supportedLanguages:
    en-us:
      defaultLanguageSkill:
        noValue: true
  initialGreeting:
    tts: Thanks for calling.
  settingsErrorHandling:
    errorHandling:
      disconnect:
        none: true
  tasks:
    - task:
        name: Main
        refId: Main_10${variables}
        actions:${call}
          - playAudio:
              name: Hello
              audio:
                tts: One moment please.
          - transferToAcd:
              name: Route
              targetQueue:
                lit:
                  name: ${queue}
              priority:
                lit: 0
              preferredAgents:
                noValue: true
              languageSkill:
                noValue: true
`;
}

/** A common module for call flows: one string input, one string output set from it. */
export function architectModule(name: string, input: string, output: string): string {
  const variable = (v: string, isInput: boolean) => `    - stringVariable:
        name: Common.${v}
        initialValue:
          noValue: true
        isInput: ${isInput}
        isOutput: ${!isInput}
`;
  return `commonModule:
  name: ${name}
  description: Finds the customer by number.
  supportedLanguages:
    en-us:
      none: true
  variables:
${variable(input, true)}${variable(output, false)}  settingsCommonModule:
    compatibleFlowTypes:
      - flowType: inboundcall
  startUpTaskActions:
    - updateData:
        name: Found
        statements:
          - string:
              variable: Common.${output}
              value:
                exp: Append("C-", Common.${input})
    - endTask:
        name: Exit Common Module
`;
}
