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

/**
 * A placeholder Terraform fills with a number or a Boolean in an expression's code, typed: the
 * value stays text inside a string literal, converted where it is read, so a stack's value is
 * never spliced into the code. Each form, the values it takes, and how it reads back.
 */
const TYPED_FORMS = [
  { type: "a whole number", accepts: /^[+-]?\d+$/, form: (p: string) => `ToInt("${p}")` },
  { type: "a number", accepts: /^[+-]?(\d+\.\d*|\.\d+)$/, form: (p: string) => `ToDecimal("${p}")` },
  { type: "true or false", accepts: /^(true|false)$/, form: (p: string) => `("${p}" == "true")` },
].map((f) => {
  const literal = f.form("\0").replace(/[()[\]{}.*+?^$|\\]/g, "\\$&");
  return { ...f, read: new RegExp(literal.replace("\0", PLACEHOLDER_PATTERN.source), "g") };
});

/**
 * An expression with each placeholder outside its string literals typed by the value `valueOf`
 * gives its key (a whole number, a number, true or false); `untyped` lists the keys with no such
 * value, left as they are.
 */
export function typeCodePlaceholders(
  expression: string,
  valueOf: (key: string) => string | undefined,
): { text: string; untyped: string[] } {
  const untyped: string[] = [];
  let text = expression;
  for (const bare of placeholdersOutsideStrings(expression).reverse()) {
    const key = bare.text.slice(2, -2);
    const value = valueOf(key);
    const typed = value === undefined ? undefined : TYPED_FORMS.find((f) => f.accepts.test(value));
    if (typed === undefined) untyped.unshift(key);
    else text = text.slice(0, bare.offset) + typed.form(bare.text) + text.slice(bare.offset + bare.text.length);
  }
  return { text, untyped: [...new Set(untyped)] };
}

/** The typed placeholders of a text (the forms above): each key, what its value must be, and whether a value is. */
export function typedPlaceholders(text: string): Array<{ key: string; type: string; accepts: (v: string) => boolean }> {
  if (!text.includes("{{")) return [];
  return TYPED_FORMS.flatMap((f) => {
    const accepts = (v: string) => f.accepts.test(v);
    return [...text.matchAll(f.read)].map((m) => ({ key: m[1], type: f.type, accepts }));
  });
}
