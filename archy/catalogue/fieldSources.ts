// Where each field of each action the catalogue describes (actions.ts ACTIONS, `<action>.<field>`) is
// seen: up to two public exports (exports.ts) whose action of that key writes the field. Generated
// from the exports the catalogue was learned from that the shared corpus holds (each file names its
// public source on line 1; that source is the export cited, never the corpus copy), names only: for
// every action in every such export, the keys of its mapping; the last entries were read in an
// export outside the corpus, at the commit exports.ts cites, or, where no public export shows the
// field, in Genesys's documentation of the action (the SDK's action class). The citation test
// (test/unit/archy/tables.test.ts) fails on a field with neither a source here nor an entry in
// UNCITED_ACTION_FIELDS, and on an uncited entry that has a source.
import type { SourceId } from "./sources";

export const ACTION_FIELD_SOURCES: Readonly<Record<string, readonly SourceId[]>> = {
  "decision.condition": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "decision.outputs": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "switch.evaluate": [
    "export:CI_CD2/2445093_Lang-COMMONMODULE-eca574ea-e9d6-4edf-8c6a-cfd7b9104bab",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "loop.currentIndex": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
  ],
  "loop.loopCount": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
  ],
  "loop.outputs": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
  ],
  "updateData.statements": [
    "export:Archy/archyflow",
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
  ],
  "callData.category": [
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "callData.processingPrompt": [
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
    "export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f",
  ],
  "callData.timeout": [
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "callData.outputs": [
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "callTask.targetTaskRef": [
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
    "export:CxAsCode/Archy_d_bot_test",
  ],
  "callTask.taskInputs": ["export:rjv-blueprint/RJV Menhir Direct Tables_v57-0"],
  "callTask.outputs": [
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
    "export:CxAsCode/Archy_d_bot_test",
  ],
  "jumpToTask.targetTaskRef": [
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
    "export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f",
  ],
  "jumpToMenu.targetMenuRef": [
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
    "export:terraform-github-actions/EUSA_OB_Collections_Customer_DEV",
  ],
  "endTask.outputPath": [
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
    "export:CxAsCode/Archy_d_bot_test",
  ],
  "callCommonModule.commonModule": [
    "export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f",
    "export:merge-ephemeral-message-to-external-contact-blueprint/MergeExternalContactMessageFlow",
  ],
  "dataTableLookup.lookupValue": [
    "export:CI_CD2/2445093_Lang-COMMONMODULE-eca574ea-e9d6-4edf-8c6a-cfd7b9104bab",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "dataTableLookup.dataTable": [
    "export:CI_CD2/2445093_Lang-COMMONMODULE-eca574ea-e9d6-4edf-8c6a-cfd7b9104bab",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "dataTableLookup.outputs": [
    "export:CI_CD2/2445093_Lang-COMMONMODULE-eca574ea-e9d6-4edf-8c6a-cfd7b9104bab",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "findQueue.findName": [
    "export:GenesysCloudBlueprints/architect-flow-public-api-blueprint/blueprint~files~archy_flow.yml@f1050b9",
    "export:GenesysCloudBlueprints/cx-as-code-cicd-gitactions-blueprint/blueprint~genesys-cloud-cx-as-code~modules~deploy_flows~EmailComprehendFlow.yaml@7dad2d0",
  ],
  "findQueue.findResult": [
    "export:GenesysCloudBlueprints/architect-flow-public-api-blueprint/blueprint~files~archy_flow.yml@f1050b9",
    "export:GenesysCloudBlueprints/cx-as-code-cicd-gitactions-blueprint/blueprint~genesys-cloud-cx-as-code~modules~deploy_flows~EmailComprehendFlow.yaml@7dad2d0",
  ],
  "findQueue.outputs": [
    "export:GenesysCloudBlueprints/architect-flow-public-api-blueprint/blueprint~files~archy_flow.yml@f1050b9",
    "export:architect-flow-public-api-blueprint/Queue-Members-Check",
  ],
  "findQueueById.findId": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-chat-flow",
    "export:deploy-webchat-chatbot-with-lambda-blueprint/DudeWheresMyStuffChat",
  ],
  "findQueueById.findResult": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-chat-flow",
    "export:deploy-webchat-chatbot-with-lambda-blueprint/DudeWheresMyStuffChat",
  ],
  "findQueueById.outputs": [
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-chat-flow",
    "export:deploy-webchat-chatbot-with-lambda-blueprint/DudeWheresMyStuffChat",
  ],
  "findUserById.findId": ["export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f"],
  "findUserById.findResult": ["export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f"],
  "findUserById.outputs": ["export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f"],
  "evaluateSchedule.evaluationType": [
    "export:webmessaging-chatbot-that-differentiates-on-and-off-hour-schedules/del-webmessage_flow",
    "export:webmessaging-chatbot-that-differentiates-on-and-off-hour-schedules/webmessage_flow",
  ],
  "evaluateSchedule.outputs": [
    "export:webmessaging-chatbot-that-differentiates-on-and-off-hour-schedules/del-webmessage_flow",
    "export:webmessaging-chatbot-that-differentiates-on-and-off-hour-schedules/webmessage_flow",
  ],
  "evaluateScheduleGroup.scheduleGroup": [
    "export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f",
    "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
  ],
  "evaluateScheduleGroup.evaluate": [
    "export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f",
    "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
  ],
  "evaluateScheduleGroup.emergencyGroup": [
    "export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f",
    "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
  ],
  "evaluateScheduleGroup.inServiceSchedules": [
    "export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f",
    "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
  ],
  "evaluateScheduleGroup.outputs": [
    "export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f",
    "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
  ],
  "getExternalContact.externalId": [
    "export:GenesysCloudBlueprints/send-email-notification-when-outbound-message-fails-blueprint/terraform~SendEmailWorkflow.yaml@81bbadc",
    "export:GenesysCloudBlueprints/send-email-notification-when-outbound-message-fails-blueprint/terraform~workflow~SendEmailWorkflow.yaml@8cf155f",
  ],
  "getExternalContact.externalResult": [
    "export:GenesysCloudBlueprints/send-email-notification-when-outbound-message-fails-blueprint/terraform~SendEmailWorkflow.yaml@81bbadc",
    "export:GenesysCloudBlueprints/send-email-notification-when-outbound-message-fails-blueprint/terraform~workflow~SendEmailWorkflow.yaml@8cf155f",
  ],
  "getExternalContact.outputs": [
    "export:GenesysCloudBlueprints/send-email-notification-when-outbound-message-fails-blueprint/terraform~SendEmailWorkflow.yaml@81bbadc",
    "export:GenesysCloudBlueprints/send-email-notification-when-outbound-message-fails-blueprint/terraform~workflow~SendEmailWorkflow.yaml@8cf155f",
  ],
  "setFlowOutcome.flowOutcome": ["export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc"],
  "setFlowOutcome.flowOutcomeValue": ["export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc"],
  "addFlowMilestone.milestone": ["export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc"],
  "addFlowMilestone.flowOutcome": ["export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc"],
  "disconnect.none": ["export:2025-CX-as-Code/CXaC_VoiceInbound_v1-0", "export:Archy/archyflow"],
  "transferToAcd.targetQueue": [
    "export:Archy/archyflow",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "transferToAcd.preTransferAudio": [
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
    "export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f",
  ],
  "transferToAcd.failureTransferAudio": [
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
    "export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f",
  ],
  "transferToAcd.preTransferCommunication": [
    "export:CxAsCode/CI-CD_Archy_webchat_Botflow_demo_new",
    "export:genesys-cloud-cx-as-code-demo/digital-bot",
  ],
  "transferToAcd.failureTransferCommunication": [
    "export:CxAsCode/CI-CD_Archy_webchat_Botflow_demo_new",
    "export:genesys-cloud-cx-as-code-demo/digital-bot",
  ],
  "transferToAcd.priority": [
    "export:Archy/archyflow",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "transferToAcd.preferredAgents": [
    "export:Archy/archyflow",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "transferToAcd.languageSkill": [
    "export:Archy/archyflow",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "transferToAcd.acdSkills": [
    "export:automated-callback-blueprint/Proactive callback connect",
    "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
  ],
  "transferToAcd.directAgent": [
    "export:Archy/archyflow",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "transferToAcd.appendSkills": [
    "export:GenesysCloudBlueprints/cx-as-code-cicd-gitactions-blueprint/blueprint~genesys-cloud-cx-as-code~modules~deploy_flows~EmailComprehendFlow.yaml@7dad2d0",
    "export:Vishnu-NVD/CxAsCode/Flows~Archy_Email_Flow_Testing.yaml@df1f828",
  ],
  "transferToAcd.overrideInQueueFlow": [
    "export:Genesys_test/AirIndiaNaresh_v39-0",
    "export:Genesys_test/Genesys_Flow_Dev",
  ],
  "transferToAcd.failureOutputs": [
    "export:Archy/archyflow",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "transferToAcd.outputs": [
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
    "export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f",
  ],
  "transferToUser.targetUser": ["export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f"],
  "transferToUser.allowVoicemailRollover": [
    "export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f",
  ],
  "transferToUser.preTransferAudio": ["export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f"],
  "transferToUser.failureTransferAudio": [
    "export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f",
  ],
  "transferToUser.connectTimeout": ["export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f"],
  "transferToUser.failureOutputs": ["export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f"],
  "setParticipantData.attributes": [
    "export:Archy/archyflow",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "getParticipantData.attributes": [
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
    "export:CxAsCode/CI-CD_Archy_webchat_Botflow_demo_new",
  ],
  "setScreenPop.screenPopScript": [
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
    "export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f",
  ],
  "setWrapupCode.wrapupCode": [
    "export:terraform-github-actions/EUSA_OB_Collections_Customer_DEV",
    "export:terraform-github-actions/EUSA_OB_Collections_Customer_PROD",
  ],
  "setLanguage.languageValue": [
    "export:CI_CD2/2445093_Lang-COMMONMODULE-eca574ea-e9d6-4edf-8c6a-cfd7b9104bab",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "setLanguage.language": [
    "export:CI_CD2/2445093_Lang-COMMONMODULE-eca574ea-e9d6-4edf-8c6a-cfd7b9104bab",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "createCallback.callbackNumber": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:rjv-blueprint/RJV Callback Direct Table_v6-0",
  ],
  "createCallback.calleeName": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:rjv-blueprint/RJV Callback Direct Table_v6-0",
  ],
  "createCallback.queue": [
    "export:rjv-blueprint/RJV Callback Direct Table_v6-0",
    "export:smart_callback_workshop/workshop_smart_callback_flow_v2-0",
  ],
  "createCallback.callbackScript": ["export:rjv-blueprint/RJV Callback Direct Table_v6-0"],
  "callBotFlow.botFlow": [
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
    "export:aws-pipeline-cx-as-code-blueprint/BasicMessageFlow",
  ],
  "callBotFlow.inputText": [
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
    "export:aws-pipeline-cx-as-code-blueprint/BasicMessageFlow",
  ],
  "callBotFlow.exitReason": [
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
    "export:aws-pipeline-cx-as-code-blueprint/BasicMessageFlow",
  ],
  "callBotFlow.intent": [
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
    "export:aws-pipeline-cx-as-code-blueprint/BasicMessageFlow",
  ],
  "callDigitalBotFlow.digitalBotFlow": ["export:genesys-cloud-cx-as-code-demo/inbound-msg"],
  "callDigitalBotFlow.inputText": ["export:genesys-cloud-cx-as-code-demo/inbound-msg"],
  "callDigitalBotFlow.exitReason": ["export:genesys-cloud-cx-as-code-demo/inbound-msg"],
  "callDigitalBotFlow.intent": ["export:genesys-cloud-cx-as-code-demo/inbound-msg"],
  "playAudio.audio": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/2445093_Lang-COMMONMODULE-eca574ea-e9d6-4edf-8c6a-cfd7b9104bab",
  ],
  "collectInput.inputData": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "collectInput.digits": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "collectInput.interDigitTimeout": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "collectInput.noEntryTimeout": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "collectInput.inputAudio": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "collectInput.acceptJustStar": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "collectInput.acceptJustPound": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "collectInput.verificationType": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "collectInput.includeTerminatingDtmfInResultData": [
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
    "export:Genesys_test/AirIndiaNaresh_v39-0",
  ],
  "collectInput.outputs": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc",
  ],
  "transferToFlow.targetFlow": [
    "export:automated-callback-blueprint/Proactive callback offer",
    "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
  ],
  "transferToFlow.preTransferAudio": [
    "export:automated-callback-blueprint/Proactive callback offer",
    "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
  ],
  "transferToFlow.failureTransferAudio": [
    "export:automated-callback-blueprint/Proactive callback offer",
    "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
  ],
  "transferToFlow.failureOutputs": [
    "export:automated-callback-blueprint/Proactive callback offer",
    "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
  ],
  "transferToFlow.outputs": ["export:rjv-blueprint/RJV Menhir Direct Tables_v57-0"],
  "transferToNumber.targetNumber": [
    "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
    "export:rjv-blueprint/RJV Menhir In-Queue New_v11-0",
  ],
  "transferToNumber.releaseLinkTransfer": [
    "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
    "export:rjv-blueprint/RJV Menhir In-Queue New_v11-0",
  ],
  "transferToNumber.connectTimeout": [
    "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
    "export:rjv-blueprint/RJV Menhir In-Queue New_v11-0",
  ],
  "transferToNumber.preTransferAudio": [
    "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
    "export:rjv-blueprint/RJV Menhir In-Queue New_v11-0",
  ],
  "transferToNumber.failureTransferAudio": [
    "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
    "export:rjv-blueprint/RJV Menhir In-Queue New_v11-0",
  ],
  "transferToNumber.failureOutputs": [
    "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
    "export:rjv-blueprint/RJV Menhir In-Queue New_v11-0",
  ],
  "transferToNumber.outputs": ["export:rjv-blueprint/RJV Menhir In-Queue New_v11-0"],
  "transferToVoicemail.destination": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f",
  ],
  "transferToVoicemail.preTransferAudio": [
    "export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f",
    "export:rjv-blueprint/RJV Voicemail_v4-0",
  ],
  "transferToVoicemail.failureTransferAudio": [
    "export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f",
    "export:rjv-blueprint/RJV Voicemail_v4-0",
  ],
  "transferToVoicemail.failureOutputs": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f",
  ],
  "transferToVoicemail.outputs": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f",
  ],
  "holdMusic.prompt": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC_InQueue-INQUEUECALL-2dd53d11-d437-4010-b6a5-370c842f4e04",
  ],
  "holdMusic.bargeInEnabled": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC_InQueue-INQUEUECALL-2dd53d11-d437-4010-b6a5-370c842f4e04",
  ],
  "holdMusic.playStyle": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC_InQueue-INQUEUECALL-2dd53d11-d437-4010-b6a5-370c842f4e04",
  ],
  "playEstimatedWaitTime.estimatedWaitTime": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC_InQueue-INQUEUECALL-2dd53d11-d437-4010-b6a5-370c842f4e04",
  ],
  "playEstimatedWaitTime.roundingInterval": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC_InQueue-INQUEUECALL-2dd53d11-d437-4010-b6a5-370c842f4e04",
  ],
  "playEstimatedWaitTime.specificRoundingIntervals": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC_InQueue-INQUEUECALL-2dd53d11-d437-4010-b6a5-370c842f4e04",
  ],
  "playEstimatedWaitTime.playbackMode": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC_InQueue-INQUEUECALL-2dd53d11-d437-4010-b6a5-370c842f4e04",
  ],
  "playPositionInQueue.positionInQueue": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC_InQueue-INQUEUECALL-2dd53d11-d437-4010-b6a5-370c842f4e04",
  ],
  "playPositionInQueue.playbackMode": [
    "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
    "export:CI_CD2/BFSI_POC_InQueue-INQUEUECALL-2dd53d11-d437-4010-b6a5-370c842f4e04",
  ],
  "setWhisperAudio.whisperAudio": [
    "export:rjv-blueprint/RJV Menhir Direct Tables_v57-0",
    "export:terraform-github-actions/EUSA_OB_Collections_Customer_PROD",
  ],
  "setWhisperAudio.outputs": [
    "export:terraform-github-actions/EUSA_OB_Collections_Customer_PROD",
    "export:terraform-github-actions/EUSA_OB_Collections_Customer_UAT",
  ],
  "detectSilence.silenceDuration": [
    "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_DEV",
    "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_TRAIN",
  ],
  "detectSilence.timeout": [
    "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_DEV",
    "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_TRAIN",
  ],
  "detectSilence.outputs": [
    "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_DEV",
    "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_TRAIN",
  ],
  "playAudioOnSilence.audio": [
    "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_PROD",
    "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_UAT",
  ],
  "playAudioOnSilence.silenceDuration": [
    "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_PROD",
    "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_UAT",
  ],
  "playAudioOnSilence.timeout": [
    "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_PROD",
    "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_UAT",
  ],
  "playAudioOnSilence.allowedRepeatCount": [
    "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_PROD",
    "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_UAT",
  ],
  "playAudioOnSilence.actualRepeatCount": [
    "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_PROD",
    "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_UAT",
  ],
  "playAudioOnSilence.outputs": [
    "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_PROD",
    "export:terraform-github-actions/EUSA_OB_Collections_Voicemail_UAT",
  ],
  "transcription.enableTranscription": ["export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc"],
  "callLexV2Bot.lexBot": [
    "export:aws-solutions/qnabot-on-aws/lambda~genesys~flowsv2~QnABot-CallFlow.yaml@2c35298",
    "export:aws-solutions/qnabot-on-aws/lambda~genesys~test~callflow.fixtures.yaml@2c35298",
  ],
  "callLexV2Bot.sessionVariables": [
    "export:aws-solutions/qnabot-on-aws/lambda~genesys~flowsv2~QnABot-CallFlow.yaml@2c35298",
    "export:aws-solutions/qnabot-on-aws/lambda~genesys~test~callflow.fixtures.yaml@2c35298",
  ],
  "callLexV2Bot.outputSessionVariables": [
    "export:aws-solutions/qnabot-on-aws/lambda~genesys~flowsv2~QnABot-CallFlow.yaml@2c35298",
    "export:aws-solutions/qnabot-on-aws/lambda~genesys~test~callflow.fixtures.yaml@2c35298",
  ],
  "setPostFlow.actionType": ["export:rjv-blueprint/RJV Menhir Direct Tables_v57-0"],
  "setPostFlow.target": ["export:rjv-blueprint/RJV Menhir Direct Tables_v57-0"],
  "askSurveyQuestion.surveyQuestion": [
    "export:rjv-blueprint/RJV_MenhirVoiceSurvey_DE_v1-0",
    "export:rjv-blueprint/RJV_MenhirVoiceSurvey_EN_v2-0",
  ],
  "askSurveyQuestion.question": [
    "export:rjv-blueprint/RJV_MenhirVoiceSurvey_DE_v1-0",
    "export:rjv-blueprint/RJV_MenhirVoiceSurvey_EN_v2-0",
  ],
  "askSurveyQuestion.answer": [
    "export:rjv-blueprint/RJV_MenhirVoiceSurvey_DE_v1-0",
    "export:rjv-blueprint/RJV_MenhirVoiceSurvey_EN_v2-0",
  ],
  "askSurveyQuestion.noInput": [
    "export:rjv-blueprint/RJV_MenhirVoiceSurvey_DE_v1-0",
    "export:rjv-blueprint/RJV_MenhirVoiceSurvey_EN_v2-0",
  ],
  "askSurveyQuestion.noMatch": [
    "export:rjv-blueprint/RJV_MenhirVoiceSurvey_DE_v1-0",
    "export:rjv-blueprint/RJV_MenhirVoiceSurvey_EN_v2-0",
  ],
  "askSurveyQuestion.voiceEndOfInputTimeout": [
    "export:rjv-blueprint/RJV_MenhirVoiceSurvey_DE_v1-0",
    "export:rjv-blueprint/RJV_MenhirVoiceSurvey_EN_v2-0",
  ],
  "sendAutoReply.from": [
    "export:GenesysCloudBlueprints/cx-as-code-cicd-gitactions-blueprint/blueprint~genesys-cloud-cx-as-code~modules~deploy_flows~EmailComprehendFlow.yaml@7dad2d0",
    "export:Vishnu-NVD/CxAsCode/Flows~Archy_Email_Flow_Testing.yaml@df1f828",
  ],
  "sendAutoReply.replyTo": [
    "export:GenesysCloudBlueprints/cx-as-code-cicd-gitactions-blueprint/blueprint~genesys-cloud-cx-as-code~modules~deploy_flows~EmailComprehendFlow.yaml@7dad2d0",
    "export:Vishnu-NVD/CxAsCode/Flows~Archy_Email_Flow_Testing.yaml@df1f828",
  ],
  "sendAutoReply.cc": [
    "export:GenesysCloudBlueprints/cx-as-code-cicd-gitactions-blueprint/blueprint~genesys-cloud-cx-as-code~modules~deploy_flows~EmailComprehendFlow.yaml@7dad2d0",
    "export:Vishnu-NVD/CxAsCode/Flows~Archy_Email_Flow_Testing.yaml@df1f828",
  ],
  "sendAutoReply.bcc": [
    "export:GenesysCloudBlueprints/cx-as-code-cicd-gitactions-blueprint/blueprint~genesys-cloud-cx-as-code~modules~deploy_flows~EmailComprehendFlow.yaml@7dad2d0",
    "export:Vishnu-NVD/CxAsCode/Flows~Archy_Email_Flow_Testing.yaml@df1f828",
  ],
  "sendAutoReply.messageBody": [
    "export:GenesysCloudBlueprints/cx-as-code-cicd-gitactions-blueprint/blueprint~genesys-cloud-cx-as-code~modules~deploy_flows~EmailComprehendFlow.yaml@7dad2d0",
    "export:Vishnu-NVD/CxAsCode/Flows~Archy_Email_Flow_Testing.yaml@df1f828",
  ],
  "sendAutoReply.replyMode": [
    "export:GenesysCloudBlueprints/cx-as-code-cicd-gitactions-blueprint/blueprint~genesys-cloud-cx-as-code~modules~deploy_flows~EmailComprehendFlow.yaml@7dad2d0",
    "export:Vishnu-NVD/CxAsCode/Flows~Archy_Email_Flow_Testing.yaml@df1f828",
  ],
  "sendResponse.messageBody": [
    "export:deploy-webchat-chatbot-with-lambda-blueprint/DudeWheresMyStuffChat",
    "export:deploy-webmessaging-chatbot-with-lambda-blueprint/DudeWheresMyStuffMessage",
  ],
  "sendResponse.messageBodyStyle": ["export:deploy-webchat-chatbot-with-lambda-blueprint/DudeWheresMyStuffChat"],
  "endWorkflow.exitReason": [
    "export:GenesysCloudBlueprints/send-email-notification-when-outbound-message-fails-blueprint/terraform~SendEmailWorkflow.yaml@81bbadc",
    "export:GenesysCloudBlueprints/send-email-notification-when-outbound-message-fails-blueprint/terraform~workflow~SendEmailWorkflow.yaml@8cf155f",
  ],
  "wait.duration": [
    "export:automatic-offer-callback-for-disconnected-call/Send SMS to Schedule Callback",
    "export:callback-prioritization/Callback-Prioritization-Workflow",
  ],
  "wait.trimDurationNearMaxRunningTime": [
    "export:automatic-offer-callback-for-disconnected-call/Send SMS to Schedule Callback",
    "export:callback-prioritization/Callback-Prioritization-Workflow",
  ],
  "sendNotification.failureOutputs": ["export:genesys-cloud-exporter/Exporter_Orchestrator"],
  "sendNotification.emailFrom": ["export:genesys-cloud-exporter/Exporter_Orchestrator"],
  "sendNotification.emailNotificationStyle": ["export:genesys-cloud-exporter/Exporter_Orchestrator"],
  "sendNotification.sendToUsers": ["export:genesys-cloud-exporter/Exporter_Orchestrator"],
  "sendNotification.body": ["export:genesys-cloud-exporter/Exporter_Orchestrator"],
  "sendNotification.subject": ["export:genesys-cloud-exporter/Exporter_Orchestrator"],
  "sendNotification.notificationType": ["export:genesys-cloud-exporter/Exporter_Orchestrator"],
  "getConversationData.conversationId": [
    "export:process-participant-attributes-event-triggers-blueprint/EventOrchestrator_Workflow",
    "export:sms-followup-on-missed-callback-blueprint/callback_sms_eventrigger_flow.yaml",
  ],
  "getConversationData.participantId": [
    "export:process-participant-attributes-event-triggers-blueprint/EventOrchestrator_Workflow",
    "export:sms-followup-on-missed-callback-blueprint/callback_sms_eventrigger_flow.yaml",
  ],
  "getConversationData.attributes": [
    "export:process-participant-attributes-event-triggers-blueprint/EventOrchestrator_Workflow",
    "export:sms-followup-on-missed-callback-blueprint/callback_sms_eventrigger_flow.yaml",
  ],
  "getConversationData.outputs": [
    "export:process-participant-attributes-event-triggers-blueprint/EventOrchestrator_Workflow",
  ],
  "setConversationData.conversationId": [
    "export:GenesysCloudBlueprints/send-email-notification-when-outbound-message-fails-blueprint/terraform~workflow~SendEmailWorkflow.yaml@8cf155f",
    "export:ani-blacklist/blacklist",
  ],
  "setConversationData.participantId": [
    "export:GenesysCloudBlueprints/send-email-notification-when-outbound-message-fails-blueprint/terraform~workflow~SendEmailWorkflow.yaml@8cf155f",
    "export:ani-blacklist/blacklist",
  ],
  "setConversationData.attributes": [
    "export:GenesysCloudBlueprints/send-email-notification-when-outbound-message-fails-blueprint/terraform~workflow~SendEmailWorkflow.yaml@8cf155f",
    "export:ani-blacklist/blacklist",
  ],
  "setConversationData.outputs": [
    "export:GenesysCloudBlueprints/send-email-notification-when-outbound-message-fails-blueprint/terraform~workflow~SendEmailWorkflow.yaml@8cf155f",
    "export:ani-blacklist/blacklist",
  ],
  "disconnectWorkitem.failureOutputs": ["export:process-automation-workitem-blueprint/WorkitemFlow"],
  "abortSurveyInvite.disposition": ["export:survey-sms-delivery-blueprint/SendSurvey_v1-0"],
  "completeSurveyInvite.targetAddress": ["export:survey-sms-delivery-blueprint/SendSurvey_v1-0"],
  "completeSurveyInvite.inviteSubject": ["export:survey-sms-delivery-blueprint/SendSurvey_v1-0"],
  "completeSurveyInvite.inviteBody": ["export:survey-sms-delivery-blueprint/SendSurvey_v1-0"],
  "completeSurveyInvite.reminderSubject": ["export:survey-sms-delivery-blueprint/SendSurvey_v1-0"],
  "completeSurveyInvite.reminderBody": ["export:survey-sms-delivery-blueprint/SendSurvey_v1-0"],
  "communicate.communication": [
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
    "export:CxAsCode/Archy_d_bot_test",
  ],
  "askForIntent.question": [
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
    "export:CI_CD2/BFSI_POC_ABC_Bank_Bot-BOT-bfc1ffab-44db-4568-b5c2-8a0401de6e5d",
  ],
  "askForIntent.noInput": [
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
    "export:CI_CD2/BFSI_POC_ABC_Bank_Bot-BOT-bfc1ffab-44db-4568-b5c2-8a0401de6e5d",
  ],
  "askForIntent.noMatch": [
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
    "export:CI_CD2/BFSI_POC_ABC_Bank_Bot-BOT-bfc1ffab-44db-4568-b5c2-8a0401de6e5d",
  ],
  "askForIntent.voiceEndOfInputTimeout": [
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
    "export:CI_CD2/BFSI_POC_ABC_Bank_Bot-BOT-bfc1ffab-44db-4568-b5c2-8a0401de6e5d",
  ],
  "askForIntent.outputs": [
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
    "export:CI_CD2/BFSI_POC_ABC_Bank_Bot-BOT-bfc1ffab-44db-4568-b5c2-8a0401de6e5d",
  ],
  "askForSlot.slot": [
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
    "export:CI_CD2/BFSI_POC_ABC_Bank_Bot-BOT-bfc1ffab-44db-4568-b5c2-8a0401de6e5d",
  ],
  "askForSlot.question": [
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
    "export:CI_CD2/BFSI_POC_ABC_Bank_Bot-BOT-bfc1ffab-44db-4568-b5c2-8a0401de6e5d",
  ],
  "askForSlot.noInput": [
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
    "export:CI_CD2/BFSI_POC_ABC_Bank_Bot-BOT-bfc1ffab-44db-4568-b5c2-8a0401de6e5d",
  ],
  "askForSlot.noMatch": [
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
    "export:CI_CD2/BFSI_POC_ABC_Bank_Bot-BOT-bfc1ffab-44db-4568-b5c2-8a0401de6e5d",
  ],
  "askForSlot.voiceEndOfInputTimeout": [
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
    "export:CI_CD2/BFSI_POC_ABC_Bank_Bot-BOT-bfc1ffab-44db-4568-b5c2-8a0401de6e5d",
  ],
  "askForSlot.customValidation": [
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
    "export:CI_CD2/BFSI_POC_ABC_Bank_Bot-BOT-bfc1ffab-44db-4568-b5c2-8a0401de6e5d",
  ],
  "askForSlot.confirmationMode": [
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
    "export:CI_CD2/BFSI_POC_ABC_Bank_Bot-BOT-bfc1ffab-44db-4568-b5c2-8a0401de6e5d",
  ],
  "askForSlot.chooser": ["export:CxAsCode/Archy_d_bot_test"],
  "askForSlot.outputs": [
    "export:CI_CD2/BFSI_ChatGPT_-_IVR-BOT-4f6582c4-1825-40c0-837d-44a812d6c6ed",
    "export:CI_CD2/BFSI_POC_ABC_Bank_Bot-BOT-bfc1ffab-44db-4568-b5c2-8a0401de6e5d",
  ],
  "digitalMenu.question": [
    "export:CxAsCode/CI-CD_Archy_webchat_Botflow_demo_new",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  "digitalMenu.noMatch": [
    "export:CxAsCode/CI-CD_Archy_webchat_Botflow_demo_new",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  "digitalMenu.selection": [
    "export:CxAsCode/CI-CD_Archy_webchat_Botflow_demo_new",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  "digitalMenu.knowledgeSearchResult": [
    "export:CxAsCode/CI-CD_Archy_webchat_Botflow_demo_new",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  "digitalMenu.chooser": [
    "export:CxAsCode/CI-CD_Archy_webchat_Botflow_demo_new",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  "digitalMenu.outputs": [
    "export:CxAsCode/CI-CD_Archy_webchat_Botflow_demo_new",
    "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-digital-bot-flow",
  ],
  "waitForInput.question": ["export:genesys-ci-cd/TESTE-DIGITALBOT-9dd5db4f-b2e3-474f-b32f-741f17088fc9"],
  "waitForInput.noMatch": ["export:genesys-ci-cd/TESTE-DIGITALBOT-9dd5db4f-b2e3-474f-b32f-741f17088fc9"],
  "askForBoolean.question": ["export:scheduling-bot-blueprint/SchedulingBot"],
  "askForBoolean.noInput": ["export:scheduling-bot-blueprint/SchedulingBot"],
  "askForBoolean.noMatch": ["export:scheduling-bot-blueprint/SchedulingBot"],
  "askForBoolean.voiceEndOfInputTimeout": ["export:scheduling-bot-blueprint/SchedulingBot"],
  "askForBoolean.outputs": ["export:scheduling-bot-blueprint/SchedulingBot"],
  "transferToFlowSecure.connectTimeout": ["sdk:architect-scripting-types"],
  "transferToFlowSecure.invocationData": ["sdk:architect-scripting-types"],
};

/**
 * Fields the catalogue describes that no export in the corpus shows and no documentation page
 * names, each group with why it is described all the same. They are gaps, listed so they are seen:
 * a field with a public source moves to ACTION_FIELD_SOURCES.
 */
export const UNCITED_ACTION_FIELDS: ReadonlyArray<{ fields: readonly string[]; why: string }> = [
  {
    fields: [
      "findUser.findResult",
      "findUser.outputs",
      "findSkill.findResult",
      "findSkill.outputs",
      "findLanguageSkill.findResult",
      "findLanguageSkill.outputs",
      "findGroup.findResult",
      "findGroup.outputs",
      "findScheduleGroup.findResult",
      "findScheduleGroup.outputs",
      "findEmergencyGroup.findResult",
      "findEmergencyGroup.outputs",
      "findUserPrompt.findResult",
      "findUserPrompt.outputs",
      "findSystemPrompt.findResult",
      "findSystemPrompt.outputs",
    ],
    why: "findResult and outputs of the find actions other than findQueue and findQueueById: the actions are the SDK's (actions.ts cites it) and their keys are described by analogy with findQueue's, which exports show; no public export shows these actions' own keys",
  },
  {
    fields: [
      "getExternalOrganization.outputs",
      "transferToUser.outputs",
      "transferToGroup.outputs",
      "transferToGroup.failureOutputs",
      "callBotFlow.outputs",
      "callDigitalBotFlow.outputs",
      "waitForInput.outputs",
    ],
    why: "output paths (and failure outputs) of actions whose exports show the action without them; described by analogy with sibling actions that exports show with theirs (a transfer's failure path, a bot call's success and failure)",
  },
  {
    fields: [
      "transferToFlowSecure.targetFlow",
      "transferToFlowSecure.preTransferAudio",
      "transferToFlowSecure.failureTransferAudio",
      "transferToFlowSecure.failureOutputs",
      "transferToFlowSecure.outputs",
    ],
    why: "transferToFlowSecure's fields: those of transferToFlow (the SDK's ArchActionTransferToFlowSecure mirrors ArchActionTransferToFlow); no public export uses the action",
  },
  {
    fields: ["changeState.targetStateRef", "transferToAcd.inQueueFlow", "sendAutoReply.subject", "clearSlot.slots"],
    why: "fields the catalogue's authors read in exports that are not in the corpus this table was generated from (seen.ts names them for the action), not checked again here",
  },
];
