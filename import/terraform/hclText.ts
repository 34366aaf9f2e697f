// Where things are in the text of an HCL file, for the hand-over's edits (handover.ts): which
// characters are code (not a comment, not the literal text of a string or heredoc), the lines of a
// top-level block, and the places a resource is referred to. The parser (@cdktf/hcl2json) gives
// values, not positions; this walks the text the way HCL's scanner separates code from comments
// and template text (quoted templates and heredocs with their `${...}`/`%{...}` interpolations,
// `$${`/`%%{` escapes), and every edit made with it is checked by parsing the result again. Pure.

type Frame = { mode: "code"; depth: number; interp: boolean } | { mode: "string" } | { mode: "heredoc"; end: string };

/** 1 for each character of `text` that is code, 0 for comments and the literal text of templates. */
export function codeMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  const stack: Frame[] = [{ mode: "code", depth: 0, interp: false }];
  let i = 0;
  while (i < text.length) {
    const top = stack[stack.length - 1];
    const c = text[i];
    if (top.mode === "code") {
      if (c === "#" || (c === "/" && text[i + 1] === "/")) {
        const e = text.indexOf("\n", i);
        i = e < 0 ? text.length : e;
        continue;
      }
      if (c === "/" && text[i + 1] === "*") {
        const e = text.indexOf("*/", i + 2);
        i = e < 0 ? text.length : e + 2;
        continue;
      }
      if (c === '"') {
        stack.push({ mode: "string" });
        i++;
        continue;
      }
      const heredoc =
        c === "<" && text[i + 1] === "<" ? /^<<-?([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(text.slice(i, i + 200)) : null;
      if (heredoc) {
        stack.push({ mode: "heredoc", end: heredoc[1] });
        i += heredoc[0].length;
        continue;
      }
      if (c === "{") top.depth++;
      if (c === "}") {
        if (top.interp && top.depth === 0) {
          stack.pop();
          i++;
          continue;
        }
        top.depth--;
      }
      mask[i] = 1;
      i++;
      continue;
    }
    if (top.mode === "heredoc" && (i === 0 || text[i - 1] === "\n")) {
      const end = text.indexOf("\n", i);
      if (text.slice(i, end < 0 ? text.length : end).trim() === top.end) {
        stack.pop();
        i = end < 0 ? text.length : end;
        continue;
      }
    }
    if (top.mode === "string" && c === "\\") {
      i += 2;
      continue;
    }
    if (top.mode === "string" && c === '"') {
      stack.pop();
      i++;
      continue;
    }
    if (text.startsWith("$${", i) || text.startsWith("%%{", i)) {
      i += 3;
      continue;
    }
    if ((c === "$" || c === "%") && text[i + 1] === "{") {
      stack.push({ mode: "code", depth: 0, interp: true });
      i += 2;
      continue;
    }
    i++;
  }
  return mask;
}

/** `s` as a regular expression matching it literally. */
export const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `line` (1-based) of character `offset`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}

/**
 * The first and last line (1-based) of the top-level block `<keyword> "<label>" "<label>" { ... }`
 * (labels quoted or bare), or undefined when the text has no such block.
 */
export function blockLines(
  text: string,
  keyword: string,
  labels: readonly string[],
  mask: Uint8Array = codeMask(text),
): { first: number; last: number } | undefined {
  const label = (l: string) => `(?:"${esc(l)}"|${esc(l)})`;
  const re = new RegExp(`^[ \\t]*${esc(keyword)}${labels.map((l) => `\\s+${label(l)}`).join("")}\\s*\\{`, "gm");
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length - m[0].trimStart().length;
    if (mask[start] !== 1) continue;
    let depth = 0;
    for (let i = m.index + m[0].length - 1; i < text.length; i++) {
      if (mask[i] !== 1) continue;
      if (text[i] === "{") depth++;
      else if (text[i] === "}" && --depth === 0) return { first: lineAt(text, start), last: lineAt(text, i) };
    }
    return undefined;
  }
  return undefined;
}

/** Offsets of code references to `<address>` (a resource `type.name`, or `data.type.name`): not preceded by a name or a dot, not followed by a name character. */
export function referencesTo(text: string, address: string, mask: Uint8Array = codeMask(text)): number[] {
  const re = new RegExp(`(?<![A-Za-z0-9_.-])${esc(address)}(?![A-Za-z0-9_-])`, "g");
  const out: number[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) if (mask[m.index] === 1) out.push(m.index);
  return out;
}
