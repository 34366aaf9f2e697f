// The Genesys provider's substitution placeholder, `{{key}}`: the provider replaces it by exact
// text in a flow file before the upload. Archy read before a stack fills it may hold one anywhere
// (a name, a key, inside an expression). Pure.

/** A provider substitution placeholder, exactly as the Genesys provider replaces it. */
export const PLACEHOLDER_PATTERN = /\{\{([A-Za-z0-9_.-]+)\}\}/g;

/** The first placeholder of a text value (`{{key}}`, with its braces) and where it starts, if any. */
export function firstPlaceholder(v: unknown): { text: string; offset: number } | undefined {
  if (typeof v !== "string" || !v.includes("{{")) return undefined;
  const m = new RegExp(PLACEHOLDER_PATTERN.source).exec(v);
  return m === null ? undefined : { text: m[0], offset: m.index };
}

/**
 * The text with every placeholder standing for `by`, as a stack may fill it: what can be said of
 * the text once filled (it parses, it is a variable name) before any stack fills it.
 */
export function fillPlaceholders(text: string, by: string): string {
  return text.includes("{{") ? text.replace(new RegExp(PLACEHOLDER_PATTERN.source, "g"), by) : text;
}
