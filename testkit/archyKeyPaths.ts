import { isMap } from "../archy/json";
// The key structure of Archy documents, for the compiler's fidelity test: which keys appear under
// which (parent-to-child pairs of keys, list levels transparent) and which top-level keys each
// flow type has. Keys that are data, not structure (a module's published name, a data action's
// category and name, their input and output names, a language tag, a survey form) are replaced by a placeholder
// such as `<module>`, the same way for the corpus and for compiled files, so that only the shape
// is compared. An action list is an action list wherever it sits: the actions directly under
// `startUpTaskActions` (modules, in-queue flows) are compared as items of `actions`, while
// `startUpTaskActions` itself counts as a top-level key of its flow type.

/**
 * `parent>child` pairs, `flowType:topLevelKey` for the keys right under the flow type, and the
 * value types used. A typed key (`- integerVariable: {...}` in a variable list, `- integer: {...}`
 * in updateData statements) counts as `<type>Variable` / `<type>` in the pairs, so that the shape
 * of a declaration or an assignment is compared once for all types, and its type goes to `types`.
 */
export interface KeyPaths {
  pairs: Set<string>;
  topLevel: Set<string>;
  types: Set<string>;
}

export function emptyKeyPaths(): KeyPaths {
  return { pairs: new Set(), topLevel: new Set(), types: new Set() };
}

/** Where the keys of a mapping are names chosen by the flow or the org, by the parent's key (and the grandparent's). */
function dataKey(parent: string, grandparent: string | undefined): string | undefined {
  if (parent === "supportedLanguages" || parent === "speechRecTerms") return "<language>";
  if (parent === "commonModule" && grandparent === "callCommonModule") return "<module>";
  if ((parent === "inputs" || parent === "outputs") && grandparent === "ver_latestPublished") return "<variable>";
  if (parent === "category" && grandparent === "callData") return "<category>";
  if (parent === "dataAction" && grandparent === "<category>") return "<dataAction>";
  if (
    (parent === "inputs" || parent === "successOutputs" || parent === "failureOutputs") &&
    grandparent === "<dataAction>"
  )
    return "<field>";
  if (
    (parent === "botFlow" || parent === "digitalBotFlow") &&
    (grandparent === "callBotFlow" || grandparent === "callDigitalBotFlow")
  )
    return "<bot>";
  if (parent === "dataTable" && grandparent === "dataTableLookup") return "<table>";
  if (parent === "screenPopScript") return "<script>";
  if (parent === "inputs" && grandparent === "<script>") return "<input>";
  if (parent === "surveyQuestion" && grandparent === "askSurveyQuestion") return "<surveyForm>";
  if (parent === "outputs" && grandparent === "callTask") return "<path>";
  return undefined;
}

/** The value type of a typed key, and the placeholder the key counts as, if `key` is one under `parent`. */
function typedKey(parent: string, key: string): { type: string; as: string } | undefined {
  if (parent === "variables") {
    const m = /^([A-Za-z]+)Variable$/.exec(key);
    return m ? { type: m[1], as: "<type>Variable" } : undefined;
  }
  if (parent === "statements") return { type: key, as: "<type>" };
  return undefined;
}

export function keyPathsOf(doc: unknown, into: KeyPaths = emptyKeyPaths()): KeyPaths {
  const walk = (value: unknown, parent: string, grandparent: string | undefined, root = false): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, parent, grandparent);
      return;
    }
    if (value === null || typeof value !== "object") return;
    const placeholder = dataKey(parent, grandparent);
    const listParent = parent === "startUpTaskActions" ? "actions" : parent;
    for (const [rawKey, child] of Object.entries(value as Record<string, unknown>)) {
      const typed = typedKey(parent, rawKey);
      if (typed) into.types.add(typed.type);
      const key = placeholder ?? typed?.as ?? rawKey;
      // The keys right under the flow type are compared per flow type (topLevel), not as pairs.
      if (!root) into.pairs.add(`${listParent}>${key}`);
      walk(child, key, parent);
    }
  };
  if (isMap(doc)) {
    for (const [flowType, body] of Object.entries(doc as Record<string, unknown>)) {
      if (isMap(body)) {
        for (const key of Object.keys(body as Record<string, unknown>)) into.topLevel.add(`${flowType}:${key}`);
      }
      walk(body, flowType, undefined, true);
    }
  }
  return into;
}
