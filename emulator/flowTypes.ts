// Archy flow-type keys and the API's flow type names, from the Archy tables (archy/flowTypes.ts).
import { FLOW_TYPES } from "../archy/catalogue/flowTypes";

/** Archy key (the single top-level key of a flow file) -> upper-case API type. */
export const ARCHY_FLOW_TYPES: Readonly<Record<string, string>> = Object.fromEntries(Object.values(FLOW_TYPES).map((f) => [f.archyKey, f.apiType]));


/**
 * Genesys's flow types, upper-case: the `type` enum of GET /api/v2/flows (lower-case there) and of
 * ArchitectFlowReference in Platform API v2, SDK v193, which the conformance tier compares with the
 * spec; every type Genesys has, whether or not the catalogue describes its Archy. A publish of any
 * other type is refused (archyValidation.ts), and so is a listing by one.
 */
export const API_FLOW_TYPES: readonly string[] = ["BOT", "COMMONMODULE", "DIGITALBOT", "EMAILSEND", "INBOUNDCALL", "INBOUNDCHAT", "INBOUNDEMAIL", "INBOUNDSHORTMESSAGE", "OUTBOUNDCALL", "INQUEUECALL", "INQUEUEEMAIL", "INQUEUESHORTMESSAGE", "SPEECH", "SECURECALL", "SURVEYINVITE", "VOICE", "VOICEMAIL", "VOICESURVEY", "WORKFLOW", "WORKITEM"];

/**
 * The Genesys flow type a publish's top-level key names, or undefined for a key that names none:
 * the catalogue's keys, and for a type it does not describe, the key written as Archy writes keys
 * (camelCase: `emailSend` for EMAILSEND). `INBOUNDCALL:` or `fooFlow:` name no flow type.
 */
export function genesysTypeForArchyKey(key: string): string | undefined {
  if (Object.hasOwn(ARCHY_FLOW_TYPES, key)) return ARCHY_FLOW_TYPES[key];
  const upper = key.toUpperCase();
  return /^[a-z][A-Za-z]*$/.test(key) && API_FLOW_TYPES.includes(upper) ? upper : undefined;
}
