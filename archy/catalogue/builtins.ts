// Built-in (read-only) variables of each flow type and the members of structured values, as data,
// each with its public sources.
//
// The scopes of a flow type come from "Architect built-in variables" (help:built-in-variables: one
// tab per flow type), so a scope used where its flow type has none is invalid. Which members a
// scope has, and in which flow types a member exists, is only partly public (the page's tables past
// Call.* could not be read), so a member the catalogue lacks, or has only seen in other flow types,
// is unknown: a warning.
import type { SourceId } from "./sources";
import type { ArchyType } from "./types";

export interface BuiltinVariable {
  type: ArchyType;
  /** Archy keys of the flow types it has been seen or documented in; absent: every flow type that has the scope. */
  only?: readonly string[];
  /** Sources besides the scope's own. */
  src?: readonly SourceId[];
  /** A built-in the flow may set (the documentation says so); every other one is read-only. */
  writable?: true;
}

export interface BuiltinScope {
  /** Archy keys of the flow types that have this scope. */
  flows: readonly string[];
  variables: Readonly<Record<string, BuiltinVariable>>;
  /**
   * The scope's members are defined by the org or the flow's own configuration (bot slots, the
   * org's prompts): any member is accepted, with this type.
   */
  open?: ArchyType;
  /**
   * The documentation names the scope but not every flow type that has it, nor whether a flow sets
   * it: in other flow types it is a scope the catalogue does not know there, and a write to it is
   * unknown; neither is refused.
   */
  partial?: true;
  src: readonly SourceId[];
}

const VOICE = ["inboundCall", "outboundCall", "inqueueCall", "secureCall", "voicemail", "voiceSurvey"];
export const ALL_FLOW_KEYS = [
  "inboundCall",
  "outboundCall",
  "inqueueCall",
  "secureCall",
  "voicemail",
  "voiceSurvey",
  "inboundEmail",
  "inqueueEmail",
  "inboundShortMessage",
  "inqueueShortMessage",
  "inboundChat",
  "workflow",
  "workitem",
  "botFlow",
  "digitalBot",
  "surveyInvite",
  "commonModule",
];

/** Scopes of built-in variables (the first segment of the name). */
export const BUILTIN_SCOPES: Readonly<Record<string, BuiltinScope>> = {
  Call: {
    flows: VOICE,
    src: ["help:built-in-variables"],
    variables: {
      Ani: { type: "string" },
      CalledAddress: { type: "string" },
      CalledAddressOriginal: {
        type: "string",
        src: ["export:CI_CD2/CI_CD_Test_Flow-INBOUNDCALL-f4c33c14-b1f1-4421-97dc-0060073d456f"],
      },
      ConversationId: {
        type: "string",
        src: ["export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc"],
      },
      CustomerExternalOrganizationId: { type: "string" },
      ExternalContactId: { type: "string" },
      ExternalTag: { type: "string" },
      Language: { type: "string" },
      RemoteName: { type: "string" },
      EstimatedWaitTime: {
        type: "duration",
        only: ["inqueueCall"],
        src: [
          "export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da",
          "export:automated-callback-blueprint/Proactive callback offer",
        ],
      },
      PositionInQueue: {
        type: "integer",
        only: ["inqueueCall"],
        src: ["export:CI_CD2/2445093_F_InQueue-INQUEUECALL-5b20eb80-8d23-4ac8-88d5-b1e9e1ea83da"],
      },
      CurrentQueue: {
        type: "queue",
        only: ["inqueueCall"],
        src: ["export:rjv-blueprint/RJV Menhir In-Queue New_v11-0"],
      },
      // Contact list columns: `Call.Contact.<column>` or `Call.Contact."Column Name"` (help:access-properties).
      Contact: {
        type: "contactListRow",
        only: ["outboundCall"],
        src: [
          "export:terraform-github-actions/EUSA_OB_Collections_Customer_DEV",
          "export:automated-callback-blueprint/Proactive callback connect",
        ],
      },
    },
  },
  Email: {
    flows: ["inboundEmail", "inqueueEmail"],
    src: [
      "help:built-in-variables",
      "export:GenesysCloudBlueprints/cx-as-code-cicd-gitactions-blueprint/blueprint~genesys-cloud-cx-as-code~modules~deploy_flows~EmailComprehendFlow.yaml@7dad2d0",
      "export:andrewappleton/2025-CX-as-Code/05-Customer Presentations~05-Essentials~code~35-archy-terraform~source~CXaC_EmailInbound.yaml@a44db97",
    ],
    variables: {
      Message: { type: "emailMessage" },
    },
  },
  Message: {
    flows: ["inboundShortMessage", "inqueueShortMessage"],
    src: ["help:built-in-variables", "help:messaging-attributes", "help:string-builder"],
    variables: {
      Message: { type: "message", src: ["export:aws-pipeline-cx-as-code-blueprint/BasicMessageFlow"] },
      ConversationId: {
        type: "string",
        src: ["export:merge-ephemeral-message-to-external-contact-blueprint/MergeExternalContactMessageFlow"],
      },
      IsNewConversation: {
        type: "boolean",
        src: ["export:web-messaging-triage-bot-blueprint/web-messaging-triage-bot"],
      },
      Language: { type: "string" },
      ACDSkill: { type: "skillCollection" },
      ContactID: { type: "string" },
      ContactList: { type: "contactList" },
      CurrentQueue: { type: "queue" },
      EstimatedWaitTime: { type: "duration" },
      ExternalTag: { type: "string" },
      IsAuthenticated: { type: "boolean" },
      LanguageSkill: { type: "languageSkillCollection" },
    },
  },
  Chat: {
    flows: ["inboundChat"],
    src: [
      "help:built-in-variables",
      "export:deploy-webchat-chatbot-with-lambda-blueprint/DudeWheresMyStuffChat",
      "export:cx-as-code-cicd-gitactions-blueprint/cicd-sample-inbound-chat-flow",
    ],
    variables: {
      Guest: { type: "chatGuest" },
    },
  },
  Survey: {
    flows: ["surveyInvite"],
    src: ["help:built-in-variables", "export:survey-sms-delivery-blueprint/SendSurvey_v1-0"],
    variables: {
      CustomerContact: { type: "externalContact" },
      Url: { type: "string" },
    },
  },
  Workitem: {
    flows: ["workitem"],
    src: ["help:built-in-variables", "export:process-automation-workitem-blueprint/WorkitemFlow"],
    variables: {
      Workitem: { type: "workitem" },
      EventType: { type: "string" },
    },
  },
  System: {
    flows: ALL_FLOW_KEYS,
    // "system-scoped variables that begin with Min or Max ... System.MinDateTime".
    src: ["help:built-in-variables"],
    variables: {
      MaxInt: { type: "integer" },
      MinInt: { type: "integer" },
      MaxDecimal: { type: "decimal" },
      MinDecimal: { type: "decimal" },
      MaxDate: { type: "date" },
      MinDate: { type: "date" },
      MaxDateTime: { type: "dateTime" },
      MinDateTime: { type: "dateTime" },
      MaxDuration: { type: "duration" },
      MinDuration: { type: "duration" },
      MaxTime: { type: "time" },
      MinTime: { type: "time" },
      // `System.Regions.US.dialingCode`.
      Regions: { type: "json", src: ["help:phone-number-type"] },
    },
  },
  // The org's user prompts and Architect's system prompts, as prompt values (`ToAudio(Prompt.Greeting)`).
  Prompt: {
    flows: ALL_FLOW_KEYS,
    variables: {},
    open: "prompt",
    src: [
      "help:set-audio-sequence",
      "sdk:architect-scripting-types",
      "export:terraform-github-actions/EUSA_OB_Collections_Customer_DEV",
      "export:kishoreb024/Genesys_test/AirIndiaNaresh_v37-0.yaml@52fae28",
    ],
  },
  PromptSystem: {
    flows: ALL_FLOW_KEYS,
    variables: {},
    open: "prompt",
    src: ["sdk:architect-scripting-types", "export:genesys-cloud-infrastructure/Inqueue_CICD_v1-0"],
  },
  // Playback formats given to the ToAudio functions: `ToAudioNumber(x, Format.Number.playDigits)`.
  Format: {
    flows: ALL_FLOW_KEYS,
    src: ["forum:format-number-playdigits", "export:CI_CD2/BFSI_POC-INBOUNDCALL-8cb619c4-a987-4d8b-bfee-b3f30a14dadc"],
    variables: {
      Number: { type: "numberFormats" },
      String: { type: "stringFormats" },
      Date: { type: "dateFormats", src: ["export:scheduling-bot-blueprint/SchedulingBot"] },
    },
  },
  // Slots are declared by the bot's natural language understanding settings.
  // Voice surveys too: their NLU holds a slot for each question (flowTypes.ts, voiceSurvey).
  Slot: {
    flows: ["botFlow", "digitalBot", "voiceSurvey"],
    variables: {},
    open: "unknown",
    src: [
      "export:genesys-cloud-cx-as-code-demo/digital-bot",
      "export:genesys-architect-tutorials/Genesys-Tutorial-SSML-Demo-Bot-01",
      "sdk:architect-scripting-types",
    ],
  },
  // `session` is one of Architect's variable scopes, "the prefix you will see on variable names"
  // (sdk: ArchEnums.VARIABLE_SCOPES, ArchBaseVariable.scope), beside bot and slot; real bot flows read
  // it. Its members and the other flow types that have it are not public (partial).
  Session: {
    flows: ["botFlow"],
    variables: {},
    open: "unknown",
    partial: true,
    src: ["sdk:architect-scripting-types"],
  },
};

/** Built-ins in the Flow scope (which otherwise holds the flow's own variables). */
export const FLOW_SCOPE_BUILTINS: Readonly<Record<string, BuiltinVariable>> = {
  StartDateTimeUtc: { type: "dateTime", src: ["help:datetime-dst"] },
  // "Flow.HoldPrompt, which is a variable you can set" (help:hold-music-action).
  HoldPrompt: {
    type: "prompt",
    only: ["inqueueCall"],
    writable: true,
    src: [
      "help:hold-music-action",
      "export:automated-callback-blueprint/Proactive callback offer",
      "export:terraform-provider-genesyscloud/inqueuecall_default_example",
    ],
  },
};

/**
 * Members of structured values (`ToPhoneNumber(x).e164`, `Email.Message.subject`). A `*` member
 * stands for members the org defines (custom fields): any other name has that type.
 */
export const MEMBERS: Readonly<Record<string, Readonly<Record<string, ArchyType>> | "any-json" | "any-string">> = {
  // help:phone-number-type
  phoneNumber: {
    uri: "string",
    isSip: "boolean",
    e164: "string",
    raw: "string",
    dialingCode: "string",
    extension: "string",
    subscriberNumber: "string",
    isE164: "boolean",
    isTel: "boolean",
    uriScheme: "string",
  },
  emailAddress: { email: "string", name: "string" },
  emailMessage: {
    subject: "string",
    body: "string",
    bodyHtml: "string",
    from: "emailAddress",
    to: "emailAddressCollection",
    cc: "emailAddressCollection",
    bcc: "emailAddressCollection",
    replyTo: "emailAddress",
    messageId: "string",
  },
  // senderAddress: the sender's address (an SMS sender's number), help:string-builder.
  message: {
    body: "string",
    type: "string",
    id: "string",
    media: "json",
    senderAddress: "string",
    senderAddressInfo: "senderAddressInfo",
  },
  // help:messaging-attributes
  senderAddressInfo: { addressDisplayable: "string", email: "string", name: "string" },
  // help:access-properties
  currency: { Amount: "decimal", Code: "string" },
  // Format.Number.playDigits, Format.String.playChars (forum:format-number-playdigits, export:bfsi-poc).
  numberFormats: { playDigits: "numberFormat" },
  stringFormats: { playChars: "stringFormat" },
  dateFormats: { shortYear: "dateFormat" },
  chatGuest: {
    firstName: "string",
    lastName: "string",
    email: "string",
    phoneNumber: "string",
    customFields: "jsonCollection",
  },
  externalContact: {
    id: "string",
    firstName: "string",
    middleName: "string",
    lastName: "string",
    title: "string",
    workPhone: "phoneNumber",
    cellPhone: "phoneNumber",
    homePhone: "phoneNumber",
    otherPhone: "phoneNumber",
    workEmail: "string",
    personalEmail: "string",
    otherEmail: "string",
    surveyOptOut: "boolean",
    externalOrganization: "externalOrganization",
    // The org's custom fields of external contacts (export:send-email-notification-...: Survey.CustomerContact.external_contact_email_type).
    "*": "json",
  },
  workitem: {
    id: "string",
    name: "string",
    description: "string",
    status: "json",
    type: "json",
    priority: "integer",
    queue: "queue",
    assignee: "user",
    customFields: "json",
  },
  queue: { id: "string", name: "string" },
  user: { id: "string", name: "string", email: "string", department: "string", title: "string" },
  group: { id: "string", name: "string" },
  skill: { id: "string", name: "string" },
  languageSkill: { id: "string", name: "string" },
  schedule: { id: "string", name: "string" },
  scheduleGroup: { id: "string", name: "string" },
  emergencyGroup: { id: "string", name: "string" },
  wrapupCode: { id: "string", name: "string" },
  prompt: { id: "string", name: "string" },
  externalOrganization: { id: "string", name: "string" },
  agentScorePair: { agent: "user", score: "integer" },
  // JSON members are whatever the document holds; contact list rows are keyed by column name.
  json: "any-json",
  contactListRow: "any-string",
};
