// Emitting and reading Archy YAML deterministically. Every scalar goes through the `yaml`
// package's serializer (never string concatenation), so any value is quoted safely. Strings that
// hold a `{{placeholder}}` are always double-quoted: the provider replaces placeholders by plain
// text replacement, and inside a double-quoted scalar an ordinary value (letters, digits, spaces,
// colons, `#`, single quotes...) cannot change the document's structure. `yes`/`no`-like strings
// are double-quoted too, so YAML 1.1 readers keep them strings.
import YAML from "yaml";

export const ARCHY_HEADER = "# Compiled by genesys-flows from the flow model: edit the flow file, not this file.";

const YAML11_SPECIAL = /^(y|yes|n|no|on|off|true|false|null|~)$/i;

/** A plain JS value (objects, arrays, strings, numbers, booleans) as deterministic YAML text. */
export function toArchyYaml(value: unknown): string {
  // Never anchors and aliases: a shared object is written out in full wherever it appears.
  const doc = new YAML.Document(value, { version: "1.2", aliasDuplicateObjects: false });
  quoteWhereNeeded(doc.contents);
  doc.commentBefore = ARCHY_HEADER.slice(1);
  return doc.toString({ lineWidth: 0, minContentWidth: 0, indent: 2, indentSeq: true });
}

/**
 * Double-quotes every string scalar (keys included) that holds a placeholder or reads as a YAML 1.1
 * boolean or null. A plain walk of the tree `new YAML.Document` builds (maps, sequences, pairs,
 * scalars; no aliases): YAML.visit did the same with a frozen path per node, a third of the emit's time.
 */
function quoteWhereNeeded(node: unknown): void {
  if (YAML.isScalar(node)) {
    if (typeof node.value === "string" && (node.value.includes("{{") || YAML11_SPECIAL.test(node.value))) node.type = "QUOTE_DOUBLE";
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
