// Built-in (read-only) variables of each flow type and the members of structured values, as data.
//
// Source: "Architect built-in variables" (help.mypurecloud.com/articles/architect-default-variables/:
// name, type, collection, read-only, and the flow types each is available in) and the built-ins the
// public Archy exports read (Call.Ani, Call.RemoteName, Call.EstimatedWaitTime, Call.PositionInQueue,
// Call.Contact.<column>, Email.Message.subject/body, Message.Message.body, Message.ConversationId,
// Message.IsNewConversation, Chat.Guest.customFields, Survey.CustomerContact, Survey.Url,
// Workitem.Workitem, Workitem.EventType, Flow.HoldPrompt).
import type { ArchyType } from "./types";

export interface BuiltinVariable {
  type: ArchyType;
  /** Archy keys of the flow types that have it; absent: every flow type that has the scope. */
  only?: readonly string[];
}

export interface BuiltinScope {
  /** Archy keys of the flow types that have this scope. */
  flows: readonly string[];
  variables: Readonly<Record<string, BuiltinVariable>>;
  /**
   * True when the scope's members are defined by the org or the flow's own configuration (bot
   * slots, contact list columns) rather than by Architect: any member is accepted.
   */
  open?: boolean;
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
    variables: {
      Ani: { type: "string" },
      CalledAddress: { type: "string" },
      CalledAddressOriginal: { type: "string" },
      ConversationId: { type: "string" },
      CustomerExternalOrganizationId: { type: "string" },
      ExternalContactId: { type: "string" },
      ExternalTag: { type: "string" },
      Language: { type: "string" },
      RemoteName: { type: "string" },
      UUIData: { type: "string" },
      EstimatedWaitTime: { type: "duration", only: ["inqueueCall"] },
      PositionInQueue: { type: "integer", only: ["inqueueCall"] },
      CurrentQueue: { type: "queue", only: ["inqueueCall"] },
      Contact: { type: "contactListRow", only: ["outboundCall"] },
      ContactList: { type: "contactList", only: ["outboundCall"] },
    },
  },
  Email: {
    flows: ["inboundEmail", "inqueueEmail"],
    variables: {
      Message: { type: "emailMessage" },
      ConversationId: { type: "string" },
      Language: { type: "string" },
    },
  },
  Message: {
    flows: ["inboundShortMessage", "inqueueShortMessage"],
    variables: {
      Message: { type: "message" },
      ConversationId: { type: "string" },
      IsNewConversation: { type: "boolean" },
      Language: { type: "string" },
    },
  },
  Chat: {
    flows: ["inboundChat"],
    variables: {
      Guest: { type: "chatGuest" },
      ConversationId: { type: "string" },
      Language: { type: "string" },
    },
  },
  Survey: {
    flows: ["surveyInvite"],
    variables: {
      CustomerContact: { type: "externalContact" },
      Url: { type: "string" },
      Id: { type: "string" },
    },
  },
  Workitem: {
    flows: ["workitem"],
    variables: {
      Workitem: { type: "workitem" },
      EventType: { type: "string" },
    },
  },
  System: {
    flows: ALL_FLOW_KEYS,
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
    },
  },
  // Slots are declared by the bot's natural language understanding settings.
  Slot: { flows: ["botFlow", "digitalBot"], variables: {}, open: true },
};

/** Built-ins in the Flow scope (which otherwise holds the flow's own variables). */
export const FLOW_SCOPE_BUILTINS: Readonly<Record<string, BuiltinVariable>> = {
  StartDateTimeUtc: { type: "dateTime" },
  HoldPrompt: { type: "prompt", only: ["inqueueCall"] },
};

/** Members of structured values (`ToPhoneNumber(x).e164`, `Email.Message.subject`). */
export const MEMBERS: Readonly<Record<string, Readonly<Record<string, ArchyType>> | "any-json" | "any-string">> = {
  phoneNumber: {
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
  message: { body: "string", type: "string", id: "string", media: "json" },
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
  },
  workitem: { id: "string", name: "string", description: "string", status: "json", type: "json", priority: "integer", queue: "queue", assignee: "user", customFields: "json" },
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
