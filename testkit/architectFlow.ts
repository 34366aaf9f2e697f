// An inbound call flow as Architect (or another team) publishes it, straight into an org: a task
// with a greeting and a transfer to a queue. The tests that adopt flows from an org publish it.
export function architectCall(name: string, queue = "Support"): string {
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
        refId: Main_10
        actions:
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
