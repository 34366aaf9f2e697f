// Where each top-level key of a flow and each key of its settings the catalogue describes
// (flowTypes.ts TOP_LEVEL_KEYS, its settings mappings) is seen: up to two public exports (exports.ts)
// that write it. Generated from the exports the catalogue was learned from, names only; the
// citation test (test/unit/archy/tables.test.ts) fails on a described key without one. A key no
// export or page shows has no entry in the catalogue: it is unknown, a warning naming it.
import type { SourceId } from "./sources";

/** `<key>` for a top-level key, `<settingsKey>.<key>` for a key of a settings mapping. */
export const KEY_SOURCES: Readonly<Record<string, readonly SourceId[]>> = {
  name: [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  description: [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-flow",
  ],
  division: [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  startUpRef: [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  defaultLanguage: [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  supportedLanguages: [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  initialGreeting: [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-call-flow",
    "export:CI_CD2/myTestFlow",
  ],
  variables: [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  worktype: ["export:process-automation-workitem-blueprint/WorkitemFlow"],
  menus: ["export:CI_CD2/myTestFlow", "export:CI_CD2/testFlowHarsh"],
  tasks: [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-flow",
  ],
  states: [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-chat-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-workflow",
  ],
  bots: [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  startUpTaskActions: [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/2445093_Lang-COMMONMODULE-eca574ea-e9d6-4edf-8c6a-cfd7b9104bab",
  ],
  startUpTaskVariables: [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC_InQueue-INQUEUECALL-2dd53d11-d437-4010-b6a5-370c842f4e04",
  ],
  startUpState: [
    "export:rjv-blueprint/RJV Default In-Queue Email_v1-0",
    "export:terraform-provider-genesyscloud/resource_genesyscloud_routing_queue_test#L2064",
  ],
  periodicState: [
    "export:rjv-blueprint/RJV Default In-Queue Email_v1-0",
    "export:terraform-provider-genesyscloud/resource_genesyscloud_routing_queue_test#L2064",
  ],
  settingsActionDefaults: [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-call-flow",
  ],
  settingsErrorHandling: [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  settingsMenu: [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-call-flow",
    "export:CI_CD2/myTestFlow",
  ],
  settingsPrompts: [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-call-flow",
  ],
  settingsSpeechRec: [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-call-flow",
    "export:CI_CD2/myTestFlow",
  ],
  settingsInQueueCall: [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC_InQueue-INQUEUECALL-2dd53d11-d437-4010-b6a5-370c842f4e04",
  ],
  settingsOutboundCall: [
    "export:genesys-cloud-exporter/Exporter_Outbound",
    "export:terraform-github-actions/EUSA_OB_Collections_Customer_DEV",
  ],
  settingsInboundEmailHandling: [
    "export:Vishnu-NVD/CxAsCode/Flows~Archy_Email_Flow_Testing.yaml@df1f828",
    "export:GenesysCloudBlueprints/cx-as-code-cicd-gitactions-blueprint/blueprint~genesys-cloud-cx-as-code~modules~deploy_flows~EmailComprehendFlow.yaml@7dad2d0",
  ],
  settingsCommonModule: [
    "export:CI_CD2/2445093_Lang-COMMONMODULE-eca574ea-e9d6-4edf-8c6a-cfd7b9104bab",
    "export:merge-ephemeral-message-to-external-contact-blueprint/ResolveContact",
  ],
  settingsBotFlow: [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  settingsKnowledge: [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  settingsNaturalLanguageUnderstanding: [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  settingsUserInput: [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  surveyForm: [
    "export:rjv-blueprint/RJV_MenhirVoiceSurvey_EN_v2-0",
    "export:rjv-blueprint/RJV_MenhirVoiceSurvey_DE_v1-0",
  ],
  settingsVoiceSurvey: [
    "export:rjv-blueprint/RJV_MenhirVoiceSurvey_EN_v2-0",
    "export:rjv-blueprint/RJV_MenhirVoiceSurvey_DE_v1-0",
  ],
  settingsVirtualAgent: [
    "export:scheduling-bot-blueprint/SchedulingBot",
    "export:genesys-ci-cd/TESTE-DIGITALBOT-9dd5db4f-b2e3-474f-b32f-741f17088fc9",
  ],
  "settingsErrorHandling.errorHandling": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  "settingsErrorHandling.preHandlingAudio": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-call-flow",
    "export:CI_CD2/myTestFlow",
  ],
  "settingsErrorHandling.enableAgentEscalation": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  "settingsErrorHandling.errorEventHandover": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  "settingsErrorHandling.agentEscalationConfirmation": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  "settingsErrorHandling.agentEscalationHandover": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  "settingsErrorHandling.recognitionFailureEventHandover": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  "settingsErrorHandling.recognitionFailureEventHandling": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  "settingsErrorHandling.agentEscalationHandling": [
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
    "export:CI_CD2/BFSI_POC_ABC_Bank_Bot-BOT-bfc1ffab-44db-4568-b5c2-8a0401de6e5d",
  ],
  "settingsMenu.extensionDialingMaxDelay": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-call-flow",
    "export:CI_CD2/myTestFlow",
  ],
  "settingsMenu.listenForExtensionDialing": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-call-flow",
    "export:CI_CD2/myTestFlow",
  ],
  "settingsMenu.menuSelectionTimeout": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-call-flow",
    "export:CI_CD2/myTestFlow",
  ],
  "settingsMenu.repeatCount": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-call-flow",
    "export:CI_CD2/myTestFlow",
  ],
  "settingsPrompts.ensureAudioInPrompts": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-call-flow",
  ],
  "settingsPrompts.promptMediaToValidate": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-call-flow",
  ],
  "settingsSpeechRec.completeMatchTimeout": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-call-flow",
    "export:CI_CD2/myTestFlow",
  ],
  "settingsSpeechRec.incompleteMatchTimeout": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-call-flow",
    "export:CI_CD2/myTestFlow",
  ],
  "settingsSpeechRec.maxSpeechLengthTimeout": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-call-flow",
    "export:CI_CD2/myTestFlow",
  ],
  "settingsSpeechRec.minConfidenceLevel": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-call-flow",
    "export:CI_CD2/myTestFlow",
  ],
  "settingsSpeechRec.asrCompanyDir": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-call-flow",
    "export:CI_CD2/myTestFlow",
  ],
  "settingsSpeechRec.asrEnabledOnFlow": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-call-flow",
    "export:CI_CD2/myTestFlow",
  ],
  "settingsSpeechRec.suppressRecording": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-call-flow",
    "export:CI_CD2/myTestFlow",
  ],
  "settingsInQueueCall.holdMusic": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC_InQueue-INQUEUECALL-2dd53d11-d437-4010-b6a5-370c842f4e04",
  ],
  "settingsOutboundCall.contactList": [
    "export:genesys-cloud-exporter/Exporter_Outbound",
    "export:terraform-github-actions/EUSA_OB_Collections_Customer_DEV",
  ],
  "settingsOutboundCall.wrapupCode": [
    "export:genesys-cloud-exporter/Exporter_Outbound",
    "export:terraform-github-actions/EUSA_OB_Collections_Customer_DEV",
  ],
  "settingsInboundEmailHandling.emailHandling": [
    "export:Vishnu-NVD/CxAsCode/Flows~Archy_Email_Flow_Testing.yaml@df1f828",
    "export:GenesysCloudBlueprints/cx-as-code-cicd-gitactions-blueprint/blueprint~genesys-cloud-cx-as-code~modules~deploy_flows~EmailComprehendFlow.yaml@7dad2d0",
  ],
  "settingsCommonModule.compatibleFlowTypes": [
    "export:CI_CD2/2445093_Lang-COMMONMODULE-eca574ea-e9d6-4edf-8c6a-cfd7b9104bab",
    "export:merge-ephemeral-message-to-external-contact-blueprint/ResolveContact",
  ],
};
