// Emitting and reading Archy YAML deterministically. Every scalar goes through the `yaml`
// package's serializer (never string concatenation), so any value is quoted safely. Strings that
// hold a `{{placeholder}}` are always double-quoted: the provider replaces placeholders by plain
// text replacement, and inside a double-quoted scalar an ordinary value (letters, digits, spaces,
// colons, `#`, single quotes...) cannot change the document's structure. `yes`/`no`-like strings
// are double-quoted too, so YAML 1.1 readers keep them strings.
import YAML from "yaml";
import { isMap } from "../archy/json";

export const ARCHY_HEADER = "# Compiled by genesys-flows from the flow model: edit the flow file, not this file.";

const YAML11_SPECIAL = /^(y|yes|n|no|on|off|true|false|null|~)$/i;

/** A plain JS value (objects, arrays, strings, numbers, booleans) as deterministic YAML text. */
export function toArchyYaml(value: unknown): string {
  // The common shape (plain maps and lists of one-line scalars) is written directly, each scalar
  // still quoted by the `yaml` package whenever it is not a plain word; anything else goes
  // through the package's whole-document serializer. Both give the same text, byte for byte.
  return blockYaml(value) ?? documentYaml(value);
}

/** The `yaml` package's serialization of the whole document. Exported for tests. */
export function documentYaml(value: unknown): string {
  // Never anchors and aliases: a shared object is written out in full wherever it appears.
  const doc = new YAML.Document(value, { version: "1.2", aliasDuplicateObjects: false });
  quoteWhereNeeded(doc.contents);
  doc.commentBefore = ARCHY_HEADER.slice(1);
  return doc.toString(STRINGIFY);
}

const STRINGIFY = { lineWidth: 0, minContentWidth: 0, indent: 2, indentSeq: true } as const;

/** Scalars the serializer writes as they are: a word of letters, digits and `_ . / ( ) -` that starts with a letter, reads as a string in YAML 1.2 and 1.1 and is short enough to be an implicit key (under 1,024 characters). */
const PLAIN_WORD = /^[A-Za-z_][A-Za-z0-9_ ./()-]*$/;
const CORE_NON_STRING = /^(null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

/** Thrown inside blockYaml when the value needs the whole-document serializer. */
class NeedsDocument extends Error {}

/** Whether a string is written plain, unquoted, by the serializer in any block position. */
function isPlainWord(s: string): boolean {
  return (
    s.length < 1024 && PLAIN_WORD.test(s) && !s.endsWith(" ") && !CORE_NON_STRING.test(s) && !YAML11_SPECIAL.test(s)
  );
}

/**
 * How the serializer writes a one-line scalar as a mapping key (`key`, `top` for one at the start
 * of a line: `---` is quoted there only) or a block value (`value`).
 */
function scalarText(v: unknown, as: "top" | "key" | "value"): string {
  if (typeof v === "string") {
    if (isPlainWord(v)) return v;
  } else if (typeof v === "number") {
    if (Number.isSafeInteger(v) && !Object.is(v, -0)) return String(v);
  } else if (typeof v === "boolean") return v ? "true" : "false";
  else if (v === null) return "null";
  else throw new NeedsDocument();
  // The serializer's answer depends on the value and the position only: asked once per process.
  const key = `${as}\u0000${typeof v}\u0000${String(v)}`;
  const known = SERIALIZED.get(key);
  if (known !== undefined) return known;
  const out = serializedScalar(v, as);
  if (SERIALIZED.size >= SERIALIZED_MAX) SERIALIZED.clear();
  SERIALIZED.set(key, out);
  return out;
}

/** Scalars the serializer wrote (by position, type and text), bounded: cleared when full. */
const SERIALIZED = new Map<string, string>();
const SERIALIZED_MAX = 50_000;

function serializedScalar(v: unknown, as: "top" | "key" | "value"): string {
  // One pair written by the serializer, with the same quoting rules as the document.
  const one = as === "top" ? { [v as string]: 0 } : as === "key" ? { k: { [v as string]: 0 } } : { k: { k: v } };
  const doc = new YAML.Document(one, { version: "1.2" });
  quoteWhereNeeded(doc.contents);
  const text = doc.toString(STRINGIFY);
  const [prefix, suffix] = as === "top" ? ["", ": 0\n"] : as === "key" ? ["k:\n  ", ": 0\n"] : ["k:\n  k: ", "\n"];
  if (!text.startsWith(prefix) || !text.endsWith(suffix)) throw new NeedsDocument();
  const out = text.slice(prefix.length, text.length - suffix.length);
  // Block scalars, explicit keys and anything spanning lines depend on their position: the document path writes them.
  if (out.includes("\n") || out.startsWith("? ") || out.startsWith("|") || out.startsWith(">"))
    throw new NeedsDocument();
  return out;
}

/** A mapping written as an object literal (not an instance of a class, which the serializer writes its own way). */
const isLiteralMap = (v: unknown): v is Record<string, unknown> =>
  isMap<unknown>(v) && [Object.prototype, null].includes(Object.getPrototypeOf(v) as object | null);

/** The document written directly, or undefined when the value needs the serializer's whole-document path. */
function blockYaml(value: unknown): string | undefined {
  if (!isLiteralMap(value) || Object.keys(value).length === 0) return undefined;
  const lines: string[] = [`#${ARCHY_HEADER.slice(1)}`, ""];
  const keyText = (k: string, top: boolean): string => scalarText(k, top ? "top" : "key");
  // `lead` replaces the first line's indentation (a list item's "- ").
  const map = (obj: Record<string, unknown>, indent: string, lead: string): void => {
    let first = true;
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      if (v === undefined) throw new NeedsDocument();
      const head = `${first ? lead : indent}${keyText(k, indent === "")}:`;
      first = false;
      if (Array.isArray(v)) {
        if (v.length === 0) lines.push(`${head} []`);
        else lines.push(head), seq(v, `${indent}  `);
      } else if (isLiteralMap(v)) {
        if (Object.keys(v).length === 0) lines.push(`${head} {}`);
        else lines.push(head), map(v, `${indent}  `, `${indent}  `);
      } else lines.push(`${head} ${scalarText(v, "value")}`);
    }
  };
  const seq = (items: readonly unknown[], indent: string): void => {
    for (const v of items) {
      if (Array.isArray(v)) {
        if (v.length > 0) throw new NeedsDocument();
        lines.push(`${indent}- []`);
      } else if (isLiteralMap(v)) {
        if (Object.keys(v).length === 0) lines.push(`${indent}- {}`);
        else map(v, `${indent}  `, `${indent}- `);
      } else if (v === undefined) throw new NeedsDocument();
      else lines.push(`${indent}- ${scalarText(v, "value")}`);
    }
  };
  try {
    map(value, "", "");
  } catch (e) {
    if (e instanceof NeedsDocument) return undefined;
    throw e;
  }
  lines.push("");
  return lines.join("\n");
}

/**
 * Double-quotes every string scalar (keys included) that holds a placeholder or reads as a YAML 1.1
 * boolean or null. A plain walk of the tree `new YAML.Document` builds (maps, sequences, pairs,
 * scalars; no aliases): YAML.visit did the same with a frozen path per node, a third of the emit's time.
 */
function quoteWhereNeeded(node: unknown): void {
  if (YAML.isScalar(node)) {
    if (typeof node.value === "string" && (node.value.includes("{{") || YAML11_SPECIAL.test(node.value)))
      node.type = "QUOTE_DOUBLE";
  } else if (YAML.isPair(node)) {
    quoteWhereNeeded(node.key);
    quoteWhereNeeded(node.value);
  } else if (YAML.isCollection(node)) {
    for (const item of node.items) quoteWhereNeeded(item);
  }
}

/** Parses Archy YAML as YAML 1.2 (core schema); throws on any syntax error. */
export function parseArchyYaml(text: string): unknown {
  const doc = YAML.parseDocument(text, { version: "1.2", schema: "core", uniqueKeys: true });
  if (doc.errors.length > 0) throw doc.errors[0];
  return doc.toJS({ maxAliasCount: 0 });
}
