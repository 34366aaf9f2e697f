// Archy flow-type keys and the API's flow type names, from the Archy tables (archy/flowTypes.ts).
import { FLOW_TYPES } from "../archy/catalogue/flowTypes";

/** Archy key (the single top-level key of a flow file) -> upper-case API type. */
export const ARCHY_FLOW_TYPES: Readonly<Record<string, string>> = Object.fromEntries(Object.values(FLOW_TYPES).map((f) => [f.archyKey, f.apiType]));

/** Upper-case API type for an Archy key, or undefined when the key is not a known flow type. */
export function apiTypeForArchyKey(key: string): string | undefined {
  return Object.hasOwn(ARCHY_FLOW_TYPES, key) ? ARCHY_FLOW_TYPES[key] : undefined;
}

/** All upper-case API flow types the emulator knows. */
export const API_FLOW_TYPES: readonly string[] = Object.values(ARCHY_FLOW_TYPES);
