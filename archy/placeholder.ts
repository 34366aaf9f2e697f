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

/**
 * The placeholders of an Architect expression that stand outside its string literals (`Flow.x ==
 * {{tier}}`, not `"{{tier}}"`), each with its offset: there the provider's verbatim substitution
 * would splice the stack's value into the expression's code. Literals are double-quoted with
 * backslash escapes (help:string-literals); an unclosed one runs to the end.
 */
export function placeholdersOutsideStrings(text: string): Array<{ text: string; offset: number }> {
  const out: Array<{ text: string; offset: number }> = [];
  const pattern = new RegExp(PLACEHOLDER_PATTERN.source, "y");
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    pattern.lastIndex = i;
    const m = pattern.exec(text);
    if (m !== null) {
      out.push({ text: m[0], offset: i });
      i += m[0].length - 1;
    }
  }
  return out;
}
