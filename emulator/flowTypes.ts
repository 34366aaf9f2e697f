// Archy flow-type keys and the API's flow type names, from the Archy tables (archy/catalogue/flowTypes.ts, archy/orgObjectKinds.ts).
import { FLOW_TYPES } from "../archy/catalogue/flowTypes";
import { FLOW_API_TYPES } from "../archy/orgObjectKinds";

/** Archy key (the single top-level key of a flow file) -> upper-case API type. */
export const ARCHY_FLOW_TYPES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(FLOW_TYPES).map((f) => [f.archyKey, f.apiType]),
);

/**
 * Genesys's flow types, upper-case (archy/orgObjectKinds.ts FLOW_API_TYPES): every type Genesys has,
 * whether or not the catalogue describes its Archy. A publish of any other type is refused
 * (archyValidation.ts), and so is a listing by one.
 */
export const API_FLOW_TYPES: readonly string[] = Object.keys(FLOW_API_TYPES);

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
