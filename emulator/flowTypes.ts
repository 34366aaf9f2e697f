/**
 * Mapping between Archy YAML flow-type keys (the single top-level key of a flow file)
 * and the Genesys Cloud API flow type names (upper-case in flow JSON, lower-case in
 * query parameters and in `compatibleFlowTypes`).
 */
export const ARCHY_FLOW_TYPES: Readonly<Record<string, string>> = {
  inboundCall: "INBOUNDCALL",
  inboundEmail: "INBOUNDEMAIL",
  inboundShortMessage: "INBOUNDSHORTMESSAGE",
  inboundChat: "INBOUNDCHAT",
  inqueueCall: "INQUEUECALL",
  inqueueEmail: "INQUEUEEMAIL",
  inqueueShortMessage: "INQUEUESHORTMESSAGE",
  outboundCall: "OUTBOUNDCALL",
  secureCall: "SECURECALL",
  commonModule: "COMMONMODULE",
  workflow: "WORKFLOW",
  workitem: "WORKITEM",
  botFlow: "BOT",
  digitalBot: "DIGITALBOT",
  surveyInvite: "SURVEYINVITE",
  voicemail: "VOICEMAIL",
  voiceSurvey: "VOICESURVEY",
};

/** Upper-case API type for an Archy key, or undefined when the key is not a known flow type. */
export function apiTypeForArchyKey(key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(ARCHY_FLOW_TYPES, key) ? ARCHY_FLOW_TYPES[key] : undefined;
}

/** All upper-case API flow types the emulator knows. */
export const API_FLOW_TYPES: readonly string[] = Object.values(ARCHY_FLOW_TYPES);
