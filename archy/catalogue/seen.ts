// Where each action, menu choice and top-level key has been seen: the flow types of the public
// exports that use it and up to two of those exports (exports.ts). Generated from the exports the
// catalogue was learned from; names only. An action is available (no finding) in the flow types
// its entry in actions.ts documents and in those it has been seen in here.
import type { SourceId } from "./sources";

export interface Seen {
  /** Archy keys of the flow types it was seen in. */
  in: readonly string[];
  src: readonly SourceId[];
}

export const ACTIONS_SEEN: Readonly<Record<string, Seen>> = {
  abortSurveyInvite: { in: ["surveyInvite"], src: ["export:survey-sms-delivery-blueprint/SendSurvey_v1-0"] },
  addFlowMilestone: {
    in: ["inboundCall"],
    src: ["export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc"],
  },
  askForBoolean: { in: ["botFlow"], src: ["export:scheduling-bot-blueprint/SchedulingBot"] },
  askForIntent: {
    in: ["botFlow"],
    src: ["export:dr-webmessaging-blueprint/MyChatBot", "export:scheduling-bot-blueprint/SchedulingBot"],
  },
  askForSlot: {
    in: ["botFlow", "digitalBot"],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
    ],
  },
  askSurveyQuestion: {
    in: ["voiceSurvey"],
    src: ["export:rjv-blueprint/RJV_MenhirVoiceSurvey_DE_v1-0", "export:rjv-blueprint/RJV_MenhirVoiceSurvey_EN_v2-0"],
  },
  callBotFlow: {
    in: ["inboundCall", "inboundChat", "inboundShortMessage"],
    src: [
      "export:aws-pipeline-cx-as-code-blueprint/BasicMessageFlow",
      "export:deploy-webchat-chatbot-with-lambda-blueprint/DudeWheresMyStuffChat",
    ],
  },
  callCommonModule: {
    in: ["inboundCall", "inboundShortMessage", "inqueueCall", "workflow"],
    src: ["export:rjv-blueprint/RJV Menhir Direct Tables_v57-0", "export:rjv-blueprint/RJV Menhir In-Queue New_v11-0"],
  },
  callData: {
    in: [
      "botFlow",
      "commonModule",
      "inboundCall",
      "inboundChat",
      "inboundEmail",
      "inboundShortMessage",
      "inqueueCall",
      "outboundCall",
      "secureCall",
      "surveyInvite",
      "workflow",
    ],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-workflow",
      "export:cx-as-code-cicd-gitactions-blueprint-main/myTestFlow",
    ],
  },
  callDigitalBotFlow: { in: ["inboundShortMessage"], src: ["export:genesys-cloud-cx-as-code-demo/inbound-msg"] },
  callLexV2Bot: {
    in: ["inboundCall"],
    src: [
      "export:aws-solutions/qnabot-on-aws/lambda~genesys~flowsv2~QnABot-CallFlow.yaml@2c35298",
      "export:aws-solutions/qnabot-on-aws/lambda~genesys~test~callflow.fixtures.yaml@2c35298",
    ],
  },
  callTask: {
    in: [
      "botFlow",
      "digitalBot",
      "inboundCall",
      "inboundChat",
      "inboundShortMessage",
      "outboundCall",
      "voiceSurvey",
      "workflow",
      "workitem",
    ],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-chat-flow",
      "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
    ],
  },
  changeState: {
    in: ["workflow"],
    src: ["export:send-message-transcript-by-email/send-message-transcript-to-customer-by-email"],
  },
  clearSlot: { in: ["botFlow"], src: ["export:scheduling-bot-blueprint/SchedulingBot"] },
  collectInput: {
    in: ["commonModule", "inboundCall", "inqueueCall", "secureCall"],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint-main/myTestFlow",
      "export:cx-as-code-cicd-gitactions-blueprint-main/testFlowHarsh",
    ],
  },
  communicate: {
    in: ["botFlow", "digitalBot"],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-flow",
    ],
  },
  completeSurveyInvite: { in: ["surveyInvite"], src: ["export:survey-sms-delivery-blueprint/SendSurvey_v1-0"] },
  createCallback: {
    in: ["commonModule", "inboundCall", "inqueueCall"],
    src: [
      "export:rjv-blueprint/RJV Callback Direct Table_v6-0",
      "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    ],
  },
  dataTableLookup: {
    in: ["commonModule", "inboundCall", "inqueueCall", "outboundCall", "workflow"],
    src: ["export:rjv-blueprint/RJV Callback Direct Table_v6-0", "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0"],
  },
  decision: {
    in: [
      "botFlow",
      "commonModule",
      "digitalBot",
      "inboundCall",
      "inboundChat",
      "inboundEmail",
      "inboundShortMessage",
      "inqueueCall",
      "outboundCall",
      "surveyInvite",
      "workflow",
      "workitem",
    ],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-chat-flow",
      "export:rjv-blueprint/RJV Callback Direct Table_v6-0",
    ],
  },
  detectSilence: {
    in: ["outboundCall"],
    src: [
      "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_DEV",
      "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_TRAIN",
    ],
  },
  digitalMenu: {
    in: ["digitalBot"],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-flow",
    ],
  },
  disconnect: {
    in: [
      "botFlow",
      "commonModule",
      "digitalBot",
      "inboundCall",
      "inboundChat",
      "inboundEmail",
      "inboundShortMessage",
      "inqueueCall",
      "outboundCall",
      "secureCall",
      "voiceSurvey",
    ],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
      "export:dr-webmessaging-blueprint/MyEmergencyChatBot",
    ],
  },
  disconnectWorkitem: { in: ["workitem"], src: ["export:process-automation-workitem-blueprint/WorkitemFlow"] },
  enableParticipantRecord: {
    in: ["inboundCall"],
    src: [
      "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
      "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
    ],
  },
  endState: {
    in: ["inqueueEmail", "inqueueShortMessage"],
    src: [
      "export:rjv-blueprint/RJV Default In-Queue Email_v1-0",
      "export:terraform-provider-genesyscloud/resource_genesyscloud_routing_queue_test#L2064",
    ],
  },
  endTask: {
    in: [
      "botFlow",
      "commonModule",
      "digitalBot",
      "inboundCall",
      "inboundChat",
      "inboundShortMessage",
      "outboundCall",
      "voiceSurvey",
      "workflow",
      "workitem",
    ],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-chat-flow",
      "export:rjv-blueprint/RJV Callback Direct Table_v6-0",
    ],
  },
  endWorkflow: {
    in: ["workflow"],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-workflow",
      "export:GenesysCloudBlueprints/send-email-notification-when-outbound-message-fails-blueprint/terraform~SendEmailWorkflow.yaml@81bbadc",
    ],
  },
  evaluateSchedule: {
    in: ["inboundShortMessage"],
    src: [
      "export:webmessaging-chatbot-that-differentiates-on-and-off-hour-schedules/del-webmessage_flow",
      "export:webmessaging-chatbot-that-differentiates-on-and-off-hour-schedules/webmessage_flow",
    ],
  },
  evaluateScheduleGroup: {
    in: ["inboundCall", "inqueueCall", "outboundCall"],
    src: ["export:rjv-blueprint/RJV Menhir Direct Tables_v57-0", "export:rjv-blueprint/RJV Menhir In-Queue New_v11-0"],
  },
  exitBotFlow: {
    in: ["botFlow", "digitalBot"],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-bot-flow",
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
    ],
  },
  exitWorkitemFlow: { in: ["workitem"], src: ["export:process-automation-workitem-blueprint/WorkitemFlow"] },
  findQueue: {
    in: ["inboundCall", "inboundChat", "inboundEmail"],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-chat-flow",
      "export:charliecon/architect-flow-public-api-blueprint/files~archy_flow.yml@d4248c0",
    ],
  },
  findQueueById: {
    in: ["inboundChat"],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-chat-flow",
      "export:deploy-webchat-chatbot-with-lambda-blueprint/DudeWheresMyStuffChat",
    ],
  },
  findUserById: {
    in: ["inboundCall"],
    src: ["export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f"],
  },
  flushAudio: {
    in: ["outboundCall"],
    src: [
      "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_DEV",
      "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_PROD",
    ],
  },
  getConversationData: {
    in: ["workflow"],
    src: [
      "export:sms-followup-on-missed-callback-blueprint/callback_sms_eventrigger_flow.yaml",
      "export:process-participant-attributes-event-triggers-blueprint/EventOrchestrator_Workflow",
    ],
  },
  getExternalContact: {
    in: ["workflow"],
    src: [
      "export:GenesysCloudBlueprints/send-email-notification-when-outbound-message-fails-blueprint/terraform~SendEmailWorkflow.yaml@81bbadc",
      "export:GenesysCloudBlueprints/send-email-notification-when-outbound-message-fails-blueprint/terraform~workflow~SendEmailWorkflow.yaml@8cf155f",
    ],
  },
  getParticipantData: {
    in: ["commonModule", "digitalBot", "inboundCall", "inboundChat", "inboundShortMessage", "inqueueCall"],
    src: ["export:rjv-blueprint/RJV Menhir Direct Tables_v57-0", "export:rjv-blueprint/RJV Menhir In-Queue New_v11-0"],
  },
  holdMusic: {
    in: ["inqueueCall"],
    src: [
      "export:rjv-blueprint/RJV Menhir In-Queue New_v11-0",
      "export:automated-callback-blueprint/Proactive callback offer",
    ],
  },
  jumpToMenu: {
    in: ["inboundCall", "outboundCall"],
    src: [
      "export:simple-ivr-deploy-with-cx-as-code-blueprint/Customer support with CRM Script_v1-0",
      "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
    ],
  },
  jumpToTask: {
    in: ["digitalBot", "inboundCall", "outboundCall"],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-flow",
    ],
  },
  loop: {
    in: ["botFlow", "inboundCall", "inboundChat", "inqueueCall", "workflow"],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-chat-flow",
      "export:wfm-hris-blueprint/WFM-HR-FLOW-GetEmployees_v4-0",
    ],
  },
  loopExit: {
    in: ["botFlow", "inboundCall", "inboundChat", "workflow"],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-chat-flow",
      "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
    ],
  },
  loopNext: {
    in: ["botFlow", "inboundCall", "workflow"],
    src: ["export:rjv-blueprint/RJV Menhir Direct Tables_v57-0", "export:scheduling-bot-blueprint/SchedulingBot"],
  },
  playAudio: {
    in: ["commonModule", "inboundCall", "inqueueCall", "outboundCall", "secureCall"],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint-main/myTestFlow",
      "export:rjv-blueprint/RJV Callback Direct Table_v6-0",
    ],
  },
  playAudioOnSilence: {
    in: ["outboundCall"],
    src: [
      "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_PROD",
      "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_UAT",
    ],
  },
  playEstimatedWaitTime: {
    in: ["inqueueCall"],
    src: [
      "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
      "export:CI_CD2/BFSI_POC_InQueue-INQUEUECALL-2dd53d11-d437-4010-b6a5-370c842f4e04",
    ],
  },
  playPositionInQueue: {
    in: ["inqueueCall"],
    src: [
      "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
      "export:CI_CD2/BFSI_POC_InQueue-INQUEUECALL-2dd53d11-d437-4010-b6a5-370c842f4e04",
    ],
  },
  previousMenu: {
    in: ["inboundCall"],
    src: [
      "export:aws-solutions/qnabot-on-aws/lambda~genesys~flowsv2~QnABot-CallFlow.yaml@2c35298",
      "export:aws-solutions/qnabot-on-aws/lambda~genesys~test~callflow.fixtures.yaml@2c35298",
    ],
  },
  sendAutoReply: {
    in: ["inboundEmail"],
    src: [
      "export:GenesysCloudBlueprints/cx-as-code-cicd-gitactions-blueprint/blueprint~genesys-cloud-cx-as-code~modules~deploy_flows~EmailComprehendFlow.yaml@7dad2d0",
      "export:email-aws-comprehend-blueprint/EmailComprehendFlow",
    ],
  },
  sendNotification: { in: ["workflow"], src: ["export:genesys-cloud-exporter/Exporter_Orchestrator"] },
  sendResponse: {
    in: ["inboundChat", "inboundShortMessage"],
    src: [
      "export:digital-messaging-translator-blueprint/WebMessagingTranslation_v3-0",
      "export:deploy-webchat-chatbot-with-lambda-blueprint/DudeWheresMyStuffChat",
    ],
  },
  setConversationData: {
    in: ["workflow"],
    src: [
      "export:sms-followup-on-missed-callback-blueprint/callback_sms_eventrigger_flow.yaml",
      "export:GenesysCloudBlueprints/send-email-notification-when-outbound-message-fails-blueprint/terraform~workflow~SendEmailWorkflow.yaml@8cf155f",
    ],
  },
  setFlowOutcome: {
    in: ["inboundCall"],
    src: ["export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc"],
  },
  setLanguage: {
    in: ["commonModule", "inboundCall", "outboundCall"],
    src: [
      "export:rjv-blueprint/RJV SetLanguage_v3-0",
      "export:CI_CD2/2445093_Lang-COMMONMODULE-eca574ea-e9d6-4edf-8c6a-cfd7b9104bab",
    ],
  },
  setParticipantData: {
    in: [
      "commonModule",
      "inboundCall",
      "inboundChat",
      "inboundEmail",
      "inboundShortMessage",
      "inqueueCall",
      "outboundCall",
      "secureCall",
    ],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-call-flow",
      "export:rjv-blueprint/RJV Callback Direct Table_v6-0",
    ],
  },
  setPostFlow: { in: ["inboundCall"], src: ["export:rjv-blueprint/RJV Menhir Direct Tables_v57-0"] },
  setScreenPop: {
    in: ["digitalBot", "inboundCall", "inboundShortMessage", "outboundCall"],
    src: [
      "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
      "export:simple-ivr-deploy-with-cx-as-code-blueprint/Customer support with CRM Script_v1-0",
    ],
  },
  setWhisperAudio: {
    in: ["inboundCall", "outboundCall"],
    src: [
      "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
      "export:terraform-github-actions/EUSA_OB_Collections_Customer_PROD",
    ],
  },
  setWrapupCode: {
    in: ["outboundCall"],
    src: [
      "export:terraform-github-actions/EUSA_OB_Collections_Customer_DEV",
      "export:terraform-github-actions/EUSA_OB_Collections_Customer_PROD",
    ],
  },
  switch: {
    in: [
      "botFlow",
      "commonModule",
      "inboundCall",
      "inboundChat",
      "inboundShortMessage",
      "inqueueCall",
      "outboundCall",
      "workflow",
      "workitem",
    ],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint-main/myTestFlow",
      "export:cx-as-code-cicd-gitactions-blueprint-main/testFlowHarsh",
    ],
  },
  transcription: {
    in: ["inboundCall"],
    src: ["export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc"],
  },
  transferToAcd: {
    in: [
      "botFlow",
      "digitalBot",
      "inboundCall",
      "inboundChat",
      "inboundEmail",
      "inboundShortMessage",
      "outboundCall",
      "workitem",
    ],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-call-flow",
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-chat-flow",
    ],
  },
  transferToFlow: {
    in: ["inboundCall", "inqueueCall"],
    src: [
      "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
      "export:automated-callback-blueprint/Proactive callback offer",
    ],
  },
  transferToNumber: {
    in: ["inboundCall", "inqueueCall", "outboundCall"],
    src: ["export:rjv-blueprint/RJV Menhir Direct Tables_v57-0", "export:rjv-blueprint/RJV Menhir In-Queue New_v11-0"],
  },
  transferToUser: {
    in: ["inboundCall"],
    src: ["export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f"],
  },
  transferToVoicemail: {
    in: ["commonModule", "inboundCall", "inqueueCall"],
    src: [
      "export:rjv-blueprint/RJV Voicemail_v4-0",
      "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    ],
  },
  updateData: {
    in: [
      "botFlow",
      "commonModule",
      "digitalBot",
      "inboundCall",
      "inboundChat",
      "inboundEmail",
      "inboundShortMessage",
      "inqueueCall",
      "outboundCall",
      "surveyInvite",
      "workflow",
      "workitem",
    ],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-chat-flow",
      "export:wfm-hris-blueprint/KRN-test-wf_v6-0",
    ],
  },
  wait: {
    in: ["workflow"],
    src: [
      "export:update-gc-presence-on-communicate-call-activity-blueprint/Set GC User to Busy",
      "export:automatic-offer-callback-for-disconnected-call/Send SMS to Schedule Callback",
    ],
  },
  waitForInput: {
    in: ["digitalBot"],
    src: ["export:genesys-ci-cd/TESTE-DIGITALBOT-9dd5db4f-b2e3-474f-b32f-741f17088fc9"],
  },
};

export const MENU_CHOICES_SEEN: Readonly<Record<string, Seen>> = {
  menuDisconnect: {
    in: ["inboundCall", "outboundCall"],
    src: [
      "export:cx-as-code-cicd-gitactions-blueprint-main/myTestFlow",
      "export:cx-as-code-cicd-gitactions-blueprint-main/testFlowHarsh",
    ],
  },
  menuJumpToTask: {
    in: ["inboundCall", "outboundCall"],
    src: [
      "export:charliecon/architect-flow-public-api-blueprint/files~archy_flow.yml@d4248c0",
      "export:architect-flow-public-api-blueprint/Queue-Members-Check",
    ],
  },
  menuPreviousMenu: {
    in: ["outboundCall"],
    src: [
      "export:terraform-github-actions/EUSA_OB_HighWater_Customer_DEV",
      "export:terraform-github-actions/EUSA_OB_HighWater_Customer_PROD",
    ],
  },
  menuTask: {
    in: ["inboundCall", "outboundCall"],
    src: [
      "export:automated-callback-blueprint/Proactive callback connect",
      "export:simple-ivr-deploy-with-cx-as-code-blueprint/Customer support with CRM Script_v1-0",
    ],
  },
  menuTransferToAcd: {
    in: ["inboundCall"],
    src: [
      "export:GenesysCloudBlueprints/simple-ivr-deploy-with-cx-as-code-blueprint/blueprint~SimpleFinancialIvr_v2-0.yaml@af78329",
      "export:subithou/simple-ivr-deploy-with-cx-as-code-blueprint/blueprint~SimpleFinancialIvr_v2-0.yaml@599f784",
    ],
  },
};
