// Renames variable references in an Architect expression (`Common.pin` -> `Common.Verify_pin`)
// without touching string literals or longer names that merely start the same way. Used when a
// module that calls a module is compiled with the callee's graph inside it.
const IDENT = /[A-Za-z0-9_]/;

/**
 * Replaces every reference `<scope>.<name>` (a whole identifier path segment, outside string
 * literals) for which `rename` returns a new full name.
 */
export function renameReferences(
  expression: string,
  scope: string,
  rename: (name: string) => string | undefined,
  ignoreCase = false,
): string {
  let out = "";
  let i = 0;
  const prefix = `${scope}.`;
  const at = (k: number) =>
    ignoreCase
      ? expression.slice(k, k + prefix.length).toLowerCase() === prefix.toLowerCase()
      : expression.startsWith(prefix, k);
  while (i < expression.length) {
    const c = expression[i];
    if (c === '"') {
      // A string literal: copy through the closing quote (backslash escapes the next character).
      let j = i + 1;
      while (j < expression.length && expression[j] !== '"') j += expression[j] === "\\" ? 2 : 1;
      out += expression.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const startsRef = at(i) && (i === 0 || (!IDENT.test(expression[i - 1]) && expression[i - 1] !== "."));
    if (startsRef) {
      let j = i + prefix.length;
      while (j < expression.length && IDENT.test(expression[j])) j++;
      const name = expression.slice(i + prefix.length, j);
      const renamed = name.length > 0 ? rename(name) : undefined;
      out += renamed ?? expression.slice(i, j);
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
