// YAML text -> a plain value, for flow files: YAML 1.2 (core schema: `yes`/`no` stay strings)
// with guards against resource exhaustion (alias bombs, deep nesting, huge files), duplicate keys
// and keys that would vanish (`__proto__`, merge keys). Every problem is a located FlowIssue. Pure.
import YAML from "yaml";
import { FlowLoadError, type FlowIssue } from "./errors";
import { locate } from "./location";

/** Flow files are small; anything bigger is a mistake (or an attack on the parser). */
export const MAX_FLOW_FILE_BYTES = 1024 * 1024;
/** Alias expansions allowed while building the model (YAML anchors are rarely needed in flows). */
export const MAX_ALIAS_COUNT = 100;
/** The model is at most ~6 levels deep (raw Archy in `archy` nodes goes deeper); 48 leaves room. */
export const MAX_NESTING_DEPTH = 48;

function flowCollectionDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return max;
}

function nestingDepth(v: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[v, 0]];
  while (stack.length > 0) {
    const [x, d] = stack.pop()!;
    if (d > max) max = d;
    if (d > MAX_NESTING_DEPTH) return d;
    if (typeof x === "object" && x !== null) {
      for (const child of Object.values(x)) stack.push([child, d + 1]);
    }
  }
  return max;
}

interface DuplicateKey {
  key: string;
  offset: number;
  firstOffset: number;
}

/**
 * One linear walk of the YAML syntax tree: duplicate mapping keys and the number of alias nodes.
 * Keys are compared after conversion to strings, as the model sees them: `true:` and `"true":`
 * (or `1:` and `"1":`) are the same key, and the later one would silently replace the first.
 */
function scanDocument(doc: YAML.Document.Parsed): { duplicates: DuplicateKey[]; aliases: number } {
  const duplicates: DuplicateKey[] = [];
  let aliases = 0;
  YAML.visit(doc, {
    Alias() {
      aliases++;
    },
    Map(_key, map) {
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        if (!YAML.isScalar(pair.key)) continue;
        const id = String(pair.key.value);
        const offset = pair.key.range?.[0] ?? 0;
        const first = seen.get(id);
        if (first !== undefined) duplicates.push({ key: id, offset, firstOffset: first });
        else seen.set(id, offset);
      }
    },
  });
  return { duplicates, aliases };
}

/** Keys refused anywhere in a flow file, with why. */
const FORBIDDEN_KEYS: Record<string, string> = {
  // Would otherwise vanish silently while validating (zod skips it).
  ["__proto__"]: `the key "__proto__" is not allowed in a flow file; rename it`,
  // YAML 1.2 has no merge keys: "<<" would be an ordinary key and the merged fields missing.
  "<<": `YAML merge keys ("<<") are not supported in flow files (YAML 1.2); write the fields out`,
};

/** Path of the first forbidden mapping key (see FORBIDDEN_KEYS) in a parsed document, if any. */
function forbiddenKeyPath(v: unknown): PropertyKey[] | undefined {
  const stack: Array<[unknown, PropertyKey[]]> = [[v, []]];
  while (stack.length > 0) {
    const [x, path] = stack.pop()!;
    if (typeof x !== "object" || x === null) continue;
    for (const key of Object.keys(x)) {
      if (Object.hasOwn(FORBIDDEN_KEYS, key)) return [...path, key];
      stack.push([(x as Record<string, unknown>)[key], [...path, Array.isArray(x) ? Number(key) : key]]);
    }
  }
  return undefined;
}

export function parseYaml(text: string, file: string): unknown {
  if (Buffer.byteLength(text, "utf8") > MAX_FLOW_FILE_BYTES) {
    throw new FlowLoadError([{ file, message: `file is larger than ${MAX_FLOW_FILE_BYTES} bytes; a flow file should be small` }]);
  }
  if (flowCollectionDepth(text) > 2 * MAX_NESTING_DEPTH) {
    throw new FlowLoadError([{ file, message: `YAML nesting is deeper than ${MAX_NESTING_DEPTH} levels` }]);
  }
  let doc: YAML.Document.Parsed;
  const lineCounter = new YAML.LineCounter();
  try {
    // uniqueKeys is checked below in linear time: the library's own check compares every key of
    // a mapping with every other one, which takes minutes on a 1 MiB file of short keys.
    doc = YAML.parseDocument(text, { version: "1.2", schema: "core", prettyErrors: true, uniqueKeys: false, lineCounter });
  } catch (e) {
    if (e instanceof RangeError) throw new FlowLoadError([{ file, message: `YAML nesting is deeper than ${MAX_NESTING_DEPTH} levels` }]);
    throw new FlowLoadError([{ file, message: `YAML syntax error: ${(e as Error).message}` }]);
  }
  // The library reports nesting too deep for its recursive composer as a "Maximum call stack
  // size exceeded" error at some position: say what it means.
  if (doc.errors.some((e) => /Maximum call stack/.test(e.message))) {
    throw new FlowLoadError([{ file, message: `YAML nesting is deeper than ${MAX_NESTING_DEPTH} levels` }]);
  }
  if (doc.errors.length > 0) {
    const seen = new Set<string>();
    const issues: FlowIssue[] = [];
    for (const err of doc.errors) {
      let first = err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      // The library's wording names its own API; say it in the user's terms.
      if (/^Source contains multiple documents/.test(first)) first = "a flow file holds one YAML document; remove the second one (after ---)";
      const pos = err.linePos?.[0];
      const key = `${pos?.line}:${pos?.col}:${first}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push({ file, line: pos?.line ?? 1, column: pos?.col ?? 1, message: `YAML syntax error: ${first}` });
    }
    throw new FlowLoadError(issues);
  }
  const tooManyAliases = `YAML error: too many alias expansions (more than ${MAX_ALIAS_COUNT}); do not use anchors and aliases to repeat large parts`;
  const shape = scanDocument(doc);
  if (shape.duplicates.length > 0) {
    throw new FlowLoadError(
      shape.duplicates.map((d) => {
        const pos = lineCounter.linePos(d.offset);
        const first = lineCounter.linePos(d.firstOffset);
        return {
          file,
          line: pos.line,
          column: pos.col,
          message: `duplicate key "${d.key}" (first at line ${first.line}, column ${first.col}); keys are compared as text, so true and "true" are the same key`,
        };
      }),
    );
  }
  // Each alias is at least one expansion; counting them first also keeps resolving them (a
  // search of the whole document per alias in the library) from growing quadratically.
  if (shape.aliases > MAX_ALIAS_COUNT) throw new FlowLoadError([{ file, message: tooManyAliases }]);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // "Excessive alias count ..." is the library's expansion limit; other ReferenceErrors are
    // e.g. "Unresolved alias (the anchor must be set before the alias): x".
    const msg = e instanceof ReferenceError && /excessive alias/i.test(e.message) ? tooManyAliases : `YAML error: ${(e as Error).message}`;
    throw new FlowLoadError([{ file, message: msg }]);
  }
  // An alias inside its own anchor (`a: &r {self: *r}`) builds a circular value.
  try {
    JSON.stringify(value);
  } catch {
    throw new FlowLoadError([{ file, message: "YAML error: an alias refers to a node that contains it (recursive alias)" }]);
  }
  if (nestingDepth(value) > MAX_NESTING_DEPTH) {
    throw new FlowLoadError([{ file, message: `YAML nesting is deeper than ${MAX_NESTING_DEPTH} levels` }]);
  }
  const forbidden = forbiddenKeyPath(value);
  if (forbidden !== undefined) {
    throw new FlowLoadError([{ ...locate(file, value, forbidden), message: FORBIDDEN_KEYS[String(forbidden[forbidden.length - 1])] }]);
  }
  return value;
}

