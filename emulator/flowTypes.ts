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

/** All upper-case API flow types the emulator knows. */
export const API_FLOW_TYPES: readonly string[] = Object.values(ARCHY_FLOW_TYPES);
