// Archy flow-type keys and the API's flow type names, from the Archy tables (archy/flowTypes.ts).
import { FLOW_TYPES } from "../archy/catalogue/flowTypes";

/** Archy key (the single top-level key of a flow file) -> upper-case API type. */
export const ARCHY_FLOW_TYPES: Readonly<Record<string, string>> = Object.fromEntries(Object.values(FLOW_TYPES).map((f) => [f.archyKey, f.apiType]));

/**
 * Upper-case API type for an Archy key. A key the catalogue lacks is stored under its own name
 * upper-cased: Genesys adds flow types, and a publish names its type by its top-level key.
 */
export function apiTypeForArchyKey(key: string): string {
  return Object.hasOwn(ARCHY_FLOW_TYPES, key) ? ARCHY_FLOW_TYPES[key] : key.toUpperCase();
}

/**
 * The flow types GET /api/v2/flows?type= takes (its `type` enum in Platform API v2, SDK v193, which
 * the conformance tier compares with the spec), upper-case: every type Genesys lists, whether or not
 * the catalogue describes its Archy.
 */
const LISTED_FLOW_TYPES = ["BOT", "COMMONMODULE", "DIGITALBOT", "EMAILSEND", "INBOUNDCALL", "INBOUNDCHAT", "INBOUNDEMAIL", "INBOUNDSHORTMESSAGE", "OUTBOUNDCALL", "INQUEUECALL", "INQUEUEEMAIL", "INQUEUESHORTMESSAGE", "SPEECH", "SECURECALL", "SURVEYINVITE", "VOICE", "VOICEMAIL", "VOICESURVEY", "WORKFLOW", "WORKITEM"];

/** All upper-case API flow types the emulator knows: the catalogue's and those Genesys lists. */
export const API_FLOW_TYPES: readonly string[] = [...new Set([...Object.values(ARCHY_FLOW_TYPES), ...LISTED_FLOW_TYPES])];
