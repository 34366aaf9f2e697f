// The org objects an Archy flow refers to by name (queues, schedules, data actions, prompts, ...),
// as the validator sees them. Pure: the emulator builds a catalog from its org file.
//
// System prompts (`PromptSystem.*`) exist in every org: Architect ships them
// (help.mypurecloud.com/articles/about-architect-prompts/: "system prompts ... cannot be deleted").
import type { ObjectKind } from "./orgObjectKinds";
import type { ArchyType } from "./catalogue/types";

export interface DataActionContract {
  category: string;
  name: string;
  /** Input names and their Archy types; undefined when the contract is not described. */
  inputs?: Readonly<Record<string, ArchyType>>;
  /** Success output names (flattened, as Archy names them, e.g. "details.errorCode") and their types; undefined when not described. */
  outputs?: Readonly<Record<string, ArchyType>>;
}

export interface OrgCatalog {
  /** Whether an object of this kind and exact name exists (system prompts always do). */
  has(kind: ObjectKind, name: string): boolean;
  /** Known names of a kind, for "did you mean". */
  names(kind: ObjectKind): readonly string[];
  dataAction(category: string, name: string): DataActionContract | undefined;
  dataActionNames(): readonly string[];
}

export const SYSTEM_PROMPT_PREFIX = "PromptSystem.";

export function isSystemPrompt(name: string): boolean {
  return name.startsWith(SYSTEM_PROMPT_PREFIX) && name.length > SYSTEM_PROMPT_PREFIX.length;
}

const USER_PROMPT_PREFIX = /^Prompt\./i;

/** A user prompt's name as the org has it: `Prompt.Greeting` names the user prompt `Greeting`. */
export function userPromptName(written: string): string {
  return USER_PROMPT_PREFIX.test(written) && written.length > "Prompt.".length
    ? written.slice("Prompt.".length)
    : written;
}

/** Plain data for a catalog (what an org file declares). */
export interface OrgObjectsData {
  objects: Partial<Record<ObjectKind, readonly string[]>>;
  dataActions: readonly DataActionContract[];
}

export function orgCatalog(data: OrgObjectsData): OrgCatalog {
  const byKind = new Map<ObjectKind, Set<string>>();
  for (const [kind, names] of Object.entries(data.objects) as Array<[ObjectKind, readonly string[] | undefined]>) {
    byKind.set(kind, new Set(names ?? []));
  }
  const actions = new Map<string, DataActionContract>();
  // Exports carry categories with a trailing space ("GenC1 Data Actions "): compare names trimmed.
  const key = (category: string, name: string): string => `${category.trim()}\u0000${name.trim()}`;
  for (const a of data.dataActions) actions.set(key(a.category, a.name), a);
  return {
    has(kind, name) {
      if (kind === "prompt" && isSystemPrompt(name)) return true;
      return byKind.get(kind)?.has(name) ?? false;
    },
    names(kind) {
      return [...(byKind.get(kind) ?? [])].sort();
    },
    dataAction(category, name) {
      return actions.get(key(category, name));
    },
    dataActionNames() {
      return [...actions.values()].map((a) => `${a.category}/${a.name}`).sort();
    },
  };
}

type JsonSchema = { type?: unknown; properties?: unknown; items?: unknown; "x-archy-type"?: unknown };

const JSON_TO_ARCHY: Readonly<Record<string, ArchyType>> = {
  string: "string",
  integer: "integer",
  number: "decimal",
  boolean: "boolean",
};

/**
 * A contract schema's fields as Archy names them: nested objects flattened with dots
 * ("details.errorCode"), arrays of scalars as collections; an object or array of objects the flow
 * reads as JSON is `json`. Undefined when the schema does not describe properties.
 */
export function archyFieldsOf(schema: unknown): Record<string, ArchyType> | undefined {
  const s = schema as JsonSchema | undefined;
  if (!s || typeof s !== "object" || typeof s.properties !== "object" || s.properties === null) return undefined;
  const out: Record<string, ArchyType> = {};
  const walk = (props: Record<string, JsonSchema>, prefix: string) => {
    for (const [name, p] of Object.entries(props)) {
      const key = `${prefix}${name}`;
      if (typeof p?.["x-archy-type"] === "string") {
        out[key] = p["x-archy-type"];
        continue;
      }
      const type = typeof p?.type === "string" ? p.type : undefined;
      if (type === "object" && typeof p.properties === "object" && p.properties !== null)
        walk(p.properties as Record<string, JsonSchema>, `${key}.`);
      else if (type === "array") {
        const item = (p.items as JsonSchema | undefined)?.type;
        out[key] =
          typeof item === "string" && JSON_TO_ARCHY[item] !== undefined ? `${JSON_TO_ARCHY[item]}Collection` : "json";
      } else out[key] = type !== undefined ? (JSON_TO_ARCHY[type] ?? "json") : "json";
    }
  };
  walk(s.properties as Record<string, JsonSchema>, "");
  return out;
}
