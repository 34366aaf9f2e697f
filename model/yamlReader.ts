// The one safe YAML 1.2 reader of the project: flow files (the model loader) and uploaded Archy
// (the emulator) both go through it. Pure: text in, a value and a locator (or located problems) out.
// It is also the project's one YAML locator: lint places its results with locatorOf, the import
// names export lines with the locator, the emulator places raw-text matches with positionAt.
//
// What it guards against, and why:
// - resource exhaustion: a byte limit, a nesting limit checked before the recursive composer runs
//   (flow collections) and after it (block collections), an alias count limit (each alias is at
//   least one expansion; counting them first also keeps the library's alias resolution, a search
//   of the document per alias, from growing quadratically) and recursive aliases;
// - silent data loss: keys that are equal once converted to the strings a JavaScript object
//   holds (`true` and "true", `1`, "1" and `1.0`, `~` and "") are refused with both locations,
//   in linear time (the library's own uniqueKeys compares every key with every other one);
// - silently changed values: an integer literal beyond ±2^53 - 1 (9007199254740993 would be read
//   as 9007199254740992) is refused at its position;
// - prototype tricks and YAML 1.1 habits: `__proto__` keys and `<<` merge keys (YAML 1.2 has
//   none: the merged fields would silently be missing) are refused;
// - useless error positions: an unclosed quote or bracket is reported where it opens, not where
//   the parser gave up (usually the end of the file);
// - one slip, many errors: a syntax error is reported once, the first (the parser's later ones
//   follow from it), and a key indented one level too deep is named as that, at its line, not as
//   the errors it causes below it (every key after it "lines up with no key", or, when it has no
//   value, the keys under it "duplicate" the keys of the mapping it fell into).
import YAML from "yaml";

export interface YamlLimits {
  /** Largest accepted text, in UTF-8 bytes. */
  maxBytes: number;
  /** Deepest nesting of mappings and sequences. */
  maxDepth: number;
  /** Most alias nodes (and alias expansions) in one document. */
  maxAliasCount: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = { maxBytes: 5 * 1024 * 1024, maxDepth: 200, maxAliasCount: 100 };

export type YamlPath = ReadonlyArray<string | number>;

/** 1-based line and column. */
export interface YamlPosition {
  line: number;
  column: number;
}

export interface YamlLocation extends YamlPosition {
  /** False when the path does not exist and this is the position of its nearest existing ancestor. */
  exact: boolean;
}

export interface YamlLocator {
  /**
   * Where the value at `path` is written: the position of its key when the path ends in a mapping
   * key, of the item when it ends in a sequence index; for a path that does not exist, the position
   * of its deepest existing ancestor (`exact: false`). The root (empty path) is line 1, column 1.
   */
  locate(path: YamlPath): YamlLocation;
}

export type YamlProblemKind = "syntax" | "limits" | "duplicate-key" | "forbidden-key" | "inexact-number";

export interface YamlProblem {
  kind: YamlProblemKind;
  /** Says what is wrong and, where it helps, what to do; never includes the position. */
  message: string;
  /** Absent when the problem concerns the whole document (size, alias count). */
  line?: number;
  column?: number;
  /** A second position the message refers to (the first occurrence of a duplicate key). */
  related?: YamlPosition;
}

export type YamlReadResult =
  | { ok: true; value: unknown; locator: YamlLocator }
  | { ok: false; problems: YamlProblem[] };

export interface YamlReadOptions {
  limits?: Partial<YamlLimits>;
  /** Most problems reported (default 50): a 5 MiB file of duplicates must not build a 5 MiB answer. */
  maxProblems?: number;
  /**
   * Refuse integer literals a JavaScript number cannot hold exactly (beyond ±2^53 - 1), which
   * would otherwise be rounded silently (default true). The emulator, standing for Genesys, reads
   * uploads with false: what Genesys would make of such a literal is not documented.
   */
  exactIntegers?: boolean;
}

/** Keys refused anywhere, with why. */
const FORBIDDEN_KEYS: Readonly<Record<string, string>> = {
  ["__proto__"]: `the key "__proto__" is not allowed (it would be dropped or change the object's prototype); rename it`,
  "<<": `YAML merge keys ("<<") are not supported (YAML 1.2 has none: the merged fields would be missing); write the fields out`,
};

/** Parse YAML 1.2 (core schema: `yes`/`no`/`on` stay strings) with the guards above. Never throws. */
export function readYaml(source: string, options: YamlReadOptions = {}): YamlReadResult {
  // YAML 1.2 takes a carriage return alone as a line break too (5.4, b-break), as Archy's reader
  // does; the library reads it as part of the line (a file saved with old Mac line ends does not
  // parse, one that ends in a bare CR keeps it in its last value). The same break as a line feed:
  // one character for one, so every offset and position stays where it was.
  const text = loneCarriageReturnsAsLineFeeds(source);
  const limits: YamlLimits = { ...DEFAULT_YAML_LIMITS, ...options.limits };
  const maxProblems = options.maxProblems ?? 50;
  const lineCounter = new YAML.LineCounter();
  const at = (offset: number): YamlPosition => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };

  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > limits.maxBytes) {
    return fail({
      kind: "limits",
      message: `the text is ${bytes} bytes, more than the limit of ${limits.maxBytes} bytes`,
    });
  }
  // The composer recurses per flow collection level: refuse pathological bracket nesting before it
  // can overflow the stack (brackets inside strings count too, hence twice the limit).
  const brackets = flowBracketDepth(text);
  if (brackets.depth > 2 * limits.maxDepth) {
    lineCounterFill(lineCounter, text);
    return fail({ kind: "limits", message: `nesting deeper than ${limits.maxDepth} levels`, ...at(brackets.offset) });
  }

  let doc: YAML.Document.Parsed;
  try {
    doc = YAML.parseDocument(text, {
      version: "1.2",
      schema: "core",
      uniqueKeys: false,
      prettyErrors: false,
      lineCounter,
      logLevel: "error",
    });
  } catch (err) {
    return fail(thrown(err));
  }
  if (doc.errors.some((e) => /Maximum call stack/.test(e.message))) {
    return fail({ kind: "limits", message: `nesting deeper than ${limits.maxDepth} levels` });
  }
  if (doc.errors.length > 0) return fail(...syntaxProblems(text, doc.errors, at, maxProblems));

  const scan = scanDocument(doc, text, limits, at, maxProblems, options.exactIntegers ?? true);
  if (scan.problems.length > 0) return fail(...scan.problems);

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (err) {
    return fail(thrown(err));
  }
  // An alias inside its own anchor (`a: &r {self: *r}`) builds a circular value, which would send
  // every recursive reader into a stack overflow.
  try {
    JSON.stringify(value);
  } catch {
    return fail({ kind: "limits", message: "an alias refers to a node that contains it (recursive alias)" });
  }
  return { ok: true, value, locator: makeLocator(doc, at) };

  function fail(...problems: YamlProblem[]): YamlReadResult {
    return { ok: false, problems };
  }
}

/**
 * The locator of a text that was read before (lint placing its results in a flow or stack file):
 * when the text does not read, every path is at line 1, column 1 (its problem has a position of
 * its own).
 */
export function locatorOf(text: string): YamlLocator {
  const r = readYaml(text);
  return r.ok ? r.locator : { locate: () => ({ line: 1, column: 1, exact: false }) };
}

/** A carriage return alone is a line break (YAML 1.2, 5.4): the same break as a line feed, one character for one. */
function loneCarriageReturnsAsLineFeeds(text: string): string {
  return text.replace(/\r(?!\n)/g, "\n");
}

/** The 1-based line and column of a character offset in `text` (a match found in the raw text). */
export function positionAt(text: string, offset: number): YamlPosition {
  const before = loneCarriageReturnsAsLineFeeds(text.slice(0, offset));
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}

/** Formats a problem as `line 3, column 9: message` (or just the message). */
export function formatYamlProblem(p: YamlProblem): string {
  return p.line !== undefined ? `line ${p.line}, column ${p.column ?? 1}: ${p.message}` : p.message;
}

// ---------------------------------------------------------------------------------------------

function thrown(err: unknown): YamlProblem {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof RangeError) return { kind: "limits", message: "nesting too deep to parse" };
  // "Excessive alias count ..." is the library's expansion limit; "Unresolved alias ..." a plain error.
  if (/excessive alias/i.test(message)) {
    return {
      kind: "limits",
      message: "too many alias expansions; do not use anchors and aliases to repeat large parts",
    };
  }
  return { kind: "syntax", message: message.split("\n")[0] };
}

function lineCounterFill(lc: YAML.LineCounter, text: string): void {
  lc.addNewLine(0);
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lc.addNewLine(i + 1);
}

function flowBracketDepth(text: string): { depth: number; offset: number } {
  let depth = 0;
  let max = 0;
  let offset = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) {
        max = depth;
        offset = i;
      }
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return { depth: max, offset };
}

/** An opener (quote or bracket) that is never closed, found in the concrete syntax tree. */
interface Unclosed {
  offset: number;
  what: string;
}

function unclosedOpeners(text: string): Unclosed[] {
  const found: Unclosed[] = [];
  let tokens: YAML.CST.Token[];
  try {
    tokens = [...new YAML.Parser().parse(text)];
  } catch {
    return found;
  }
  for (const token of tokens) {
    YAML.CST.visit(token as YAML.CST.Document, (item) => {
      for (const node of [item.key, item.value]) {
        if (!node || typeof node !== "object") continue;
        const t = node as YAML.CST.Token;
        if (t.type === "double-quoted-scalar" && !closedDoubleQuote(t.source))
          found.push({ offset: t.offset, what: 'a double quote (") that is never closed' });
        if (t.type === "single-quoted-scalar" && !closedSingleQuote(t.source))
          found.push({ offset: t.offset, what: "a single quote (') that is never closed" });
        if (t.type === "flow-collection") {
          const open = t.start.source;
          const close = open === "[" ? "]" : "}";
          if (!t.end.some((e) => e.source === close))
            found.push({ offset: t.offset, what: `a "${open}" that is never closed with "${close}"` });
        }
      }
    });
  }
  return found.sort((a, b) => a.offset - b.offset);
}

function closedDoubleQuote(source: string): boolean {
  if (source.length < 2 || !source.endsWith('"')) return false;
  let backslashes = 0;
  for (let i = source.length - 2; i >= 1 && source[i] === "\\"; i--) backslashes++;
  return backslashes % 2 === 0;
}

function closedSingleQuote(source: string): boolean {
  if (source.length < 2 || !source.endsWith("'")) return false;
  // Inside single quotes '' is an escaped quote: the closing quote is the last of an odd run.
  let run = 0;
  for (let i = source.length - 1; i >= 1 && source[i] === "'"; i--) run++;
  return run % 2 === 1;
}

function syntaxProblems(
  text: string,
  errors: YAML.YAMLError[],
  at: (o: number) => YamlPosition,
  max: number,
): YamlProblem[] {
  const problems: YamlProblem[] = [];
  const seen = new Set<string>();
  const push = (p: YamlProblem): void => {
    const key = `${p.line}:${p.column}:${p.message}`;
    if (seen.has(key) || problems.length >= max) return;
    seen.add(key);
    problems.push(p);
  };
  // The parser reports an unclosed quote or bracket where it gave up: at the end of the file or at
  // some later line. Report the opener itself, which is where the fault is.
  const unclosed = unclosedOpeners(text);
  const firstErrorOffset = Math.min(...errors.map((e) => e.pos[0]));
  const culprit = unclosed.find((u) => u.offset <= firstErrorOffset);
  if (culprit) push({ kind: "syntax", message: `${culprit.what} starts here`, ...at(culprit.offset) });
  const deeper = culprit ? undefined : overIndentedFirstKey(text, firstErrorOffset, at);
  if (deeper) return [deeper];
  for (const err of errors) {
    let message = err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    if (/^Source contains multiple documents/.test(message))
      message = "the text holds more than one YAML document; remove the second one (after ---)";
    if (
      culprit &&
      (err.code === "MISSING_CHAR" || err.code === "BAD_INDENT" || err.code === "UNEXPECTED_TOKEN") &&
      err.pos[0] >= culprit.offset
    ) {
      // The consequence of the unclosed opener already reported.
      continue;
    }
    const indentation = indentationProblem(text, err, at);
    if (indentation) {
      push(indentation);
      continue;
    }
    push({ kind: "syntax", message, ...at(err.pos[0]) });
  }
  // The first only: what the parser says after it follows from it (a slip of indentation made six).
  return problems.slice(0, 1);
}

/**
 * The first key of a mapping indented deeper than the keys after it (`type:` two spaces deeper than
 * the `prompt:` and `transitions:` below it, or a file's first key indented): YAML takes the first
 * key's column for the mapping's, and each key after it "lines up with no key". When two keys or
 * more after it line up with each other, between it and its parent's column, it is the one that is
 * wrong: named, at its line, with the column to move it to. Undefined when that is not so clear
 * (one key against one: the BAD_INDENT message names both), or when it starts after the parser's
 * first error.
 */
function overIndentedFirstKey(
  text: string,
  firstError: number,
  at: (o: number) => YamlPosition,
): YamlProblem | undefined {
  const lines = linesOf(text);
  const isKey = (l: TextLine) => /^(?:"[^"]*"|'[^']*'|[^\s:#\-[{][^:#]*?)\s*:(?:\s|$)/.test(l.content);
  const opens = (l: TextLine) => /:\s*$/.test(l.content);
  let previous: TextLine | undefined;
  for (const line of lines) {
    if (line.content === "") continue;
    const parent = previous;
    previous = line;
    if (line.start > firstError) return undefined;
    // The first key of a block mapping: after a line that opens it (`key:`), or the document's first line.
    if (!isKey(line) || (parent !== undefined && !(opens(parent) && parent.indent < line.indent))) continue;
    const floor = parent?.indent ?? -1;
    const after = lines.filter((l) => l.start > line.start && l.content !== "");
    const end = after.findIndex((l) => l.indent <= floor);
    const block = (end < 0 ? after : after.slice(0, end)).filter((l) => l.indent < line.indent);
    if (block.length < 2 || !block.every((l) => l.indent === block[0].indent && isKey(l))) continue;
    const names = block
      .slice(0, 2)
      .map((l) => `"${keyOf(l)}" (line ${lines.indexOf(l) + 1})`)
      .join(", ");
    return {
      kind: "syntax",
      message: `indentation: "${keyOf(line)}" is indented deeper than the keys after it at column ${block[0].indent + 1} (${names}${block.length > 2 ? ", ..." : ""}), so YAML cannot read them as one mapping; indent it like them (column ${block[0].indent + 1})`,
      ...at(line.start + line.indent),
    };
  }
  return undefined;
}

/** A line of the text: where it starts, its indentation and its content (comments and blank lines have none). */
interface TextLine {
  start: number;
  indent: number;
  content: string;
}

function linesOf(text: string): TextLine[] {
  const out: TextLine[] = [];
  let start = 0;
  for (const raw of text.split("\n")) {
    const indent = raw.length - raw.replace(/^ +/, "").length;
    const content = raw.slice(indent).replace(/\r$/, "");
    out.push({ start, indent, content: content.startsWith("#") ? "" : content });
    start += raw.length + 1;
  }
  return out;
}

/** The key a line starts with (`prompt` of `prompt: hi`, `- name: x` gives `name`), or the line's first word. */
function keyOf(line: TextLine): string {
  const m = /^(?:- +)?("[^"]*"|'[^']*'|[^\s:#][^:#]*?)\s*:(?:\s|$)/.exec(line.content);
  return m ? m[1] : line.content.split(/\s/)[0];
}

/**
 * The parser's indentation errors in words a person can act on, located at the line that is wrong:
 * - "All mapping items must start at the same column" (BAD_INDENT): the parser points at the start
 *   of the line; say which column the line starts at and which lines it should line up with;
 * - "Implicit keys need to be on a single line" / "Nested mappings are not allowed in compact
 *   mappings": the parser points at the value of the line before (a value followed by a line
 *   indented deeper reads as one multi-line key), one line early; the wrong line is the deeper one;
 * - a tab used to indent.
 */
function indentationProblem(
  text: string,
  err: YAML.YAMLError,
  at: (o: number) => YamlPosition,
): YamlProblem | undefined {
  const lines = linesOf(text);
  const lineAt = (offset: number): number => {
    let i = 0;
    while (i + 1 < lines.length && lines[i + 1].start <= offset) i++;
    return i;
  };
  const content = (from: number, step: 1 | -1): number | undefined => {
    for (let i = from; i >= 0 && i < lines.length; i += step) if (lines[i].content !== "") return i;
    return undefined;
  };
  const where = (i: number) => ({ ...at(lines[i].start + lines[i].indent) });
  if (err.code === "TAB_AS_INDENT") {
    return {
      kind: "syntax",
      message: "indentation: this line is indented with a tab; YAML indents with spaces only",
      ...at(err.pos[0]),
    };
  }
  if (err.code === "BAD_INDENT") {
    const i = lineAt(err.pos[0]);
    if (lines[i].content === "") return undefined;
    const before = content(i - 1, -1);
    if (before === undefined) return undefined;
    // The nearest line before it indented less: the mapping it was meant to join, or the one holding it.
    let outer: number | undefined;
    for (let j = before; j >= 0; j--)
      if (lines[j].content !== "" && lines[j].indent < lines[i].indent) {
        outer = j;
        break;
      }
    const like = (j: number) => `"${keyOf(lines[j])}" (line ${j + 1}, column ${lines[j].indent + 1})`;
    const options = [before, ...(outer !== undefined && outer !== before ? [outer] : [])].map(like).join(" or with ");
    return {
      kind: "syntax",
      message: `indentation: "${keyOf(lines[i])}" starts at column ${lines[i].indent + 1}, which lines up with no key around it; indent it like ${options}`,
      ...where(i),
    };
  }
  if (err.code === "MULTILINE_IMPLICIT_KEY" || err.code === "BLOCK_AS_IMPLICIT_KEY") {
    const first = lineAt(err.pos[0]);
    const deeper = content(first + 1, 1);
    if (deeper === undefined || lines[deeper].indent <= lines[first].indent) return undefined;
    return {
      kind: "syntax",
      message: `indentation: "${keyOf(lines[deeper])}" is indented deeper than "${keyOf(lines[first])}" on line ${first + 1}, whose value is already on that line, so YAML reads the two lines as one key; indent it like "${keyOf(lines[first])}" (column ${lines[first].indent + 1})`,
      ...where(deeper),
    };
  }
  return undefined;
}

function jsKeyOf(key: unknown, doc: YAML.Document.Parsed): string | undefined {
  if (YAML.isScalar(key)) {
    const v = key.value;
    return v === null || v === undefined ? "" : String(v);
  }
  if (YAML.isCollection(key)) {
    try {
      // The library turns a collection key into its flow-style text (e.g. "[ a, b ]").
      return YAML.stringify(key.toJS(doc), { collectionStyle: "flow" }).trimEnd();
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** One iterative walk of the syntax tree: depth, aliases, colliding keys, forbidden keys. */
/** A YAML 1.2 core-schema integer literal: decimal, octal (0o) or hexadecimal (0x). */
const INTEGER_LITERAL = /^[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;

function scanDocument(
  doc: YAML.Document.Parsed,
  text: string,
  limits: YamlLimits,
  at: (o: number) => YamlPosition,
  max: number,
  exactIntegers: boolean,
): { problems: YamlProblem[] } {
  const problems: YamlProblem[] = [];
  let aliases = 0;
  // `owner`: the key whose value the node is (the mapping a key fell into names it).
  const stack: Array<{ node: unknown; depth: number; owner?: YAML.Scalar }> = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0 && problems.length < max) {
    const { node, depth, owner } = stack.pop()!;
    if (depth > limits.maxDepth) {
      const offset = (node as { range?: [number, number, number] } | null)?.range?.[0];
      return {
        problems: [
          {
            kind: "limits",
            message: `nesting deeper than ${limits.maxDepth} levels`,
            ...(offset !== undefined ? at(offset) : {}),
          },
        ],
      };
    }
    if (YAML.isAlias(node)) {
      aliases++;
      if (aliases > limits.maxAliasCount) {
        return {
          problems: [
            {
              kind: "limits",
              message: `more than ${limits.maxAliasCount} aliases; do not use anchors and aliases to repeat large parts`,
            },
          ],
        };
      }
      continue;
    }
    if (YAML.isMap(node)) {
      const seen = new Map<string, unknown>();
      // A key of this mapping written with no value, once a key after it repeats one before it: indented one level too deep.
      let fellIn = false;
      for (const [index, pair] of node.items.entries()) {
        const keyNode = pair.key as { range?: [number, number, number]; source?: string; value?: unknown } | null;
        const offset = keyNode?.range?.[0] ?? node.range?.[0] ?? 0;
        const jsKey = jsKeyOf(pair.key, doc);
        if (jsKey !== undefined) {
          if (Object.hasOwn(FORBIDDEN_KEYS, jsKey) && YAML.isScalar(pair.key)) {
            problems.push({ kind: "forbidden-key", message: FORBIDDEN_KEYS[jsKey], ...at(offset) });
          }
          const first = seen.get(jsKey) as { range?: [number, number, number]; source?: string } | undefined;
          // At the top, a key has no level above it to belong to: a repeated key there is only that.
          const slipped =
            first !== undefined && !fellIn && owner !== undefined ? emptyKeyBetween(node, first, index) : undefined;
          if (slipped !== undefined && owner !== undefined) {
            fellIn = true;
            problems.push(tooDeep(slipped, keyNode as YAML.Scalar, owner, at));
          } else if (first !== undefined && !fellIn) {
            const firstOffset = first.range?.[0] ?? 0;
            const firstText = keyText(first);
            const thisText = keyText(keyNode);
            const same = firstText === thisText;
            problems.push({
              kind: "duplicate-key",
              message: same
                ? `duplicate key ${JSON.stringify(jsKey)} (first at line ${at(firstOffset).line}, column ${at(firstOffset).column}); keys must be unique`
                : `duplicate key ${JSON.stringify(jsKey)} (first at line ${at(firstOffset).line}, column ${at(firstOffset).column}, written ${firstText}): ${thisText} and ${firstText} are the same key once read as text, and one would silently replace the other; remove or rename one`,
              ...at(offset),
              related: at(firstOffset),
            });
          } else {
            seen.set(jsKey, pair.key);
          }
        }
        stack.push({ node: pair.value, depth: depth + 1, ...(YAML.isScalar(pair.key) ? { owner: pair.key } : {}) });
        if (YAML.isCollection(pair.key)) stack.push({ node: pair.key, depth: depth + 1 });
      }
      continue;
    }
    if (YAML.isSeq(node)) {
      for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
      continue;
    }
    if (
      exactIntegers &&
      YAML.isScalar(node) &&
      typeof node.value === "number" &&
      !Number.isSafeInteger(node.value) &&
      node.range
    ) {
      const written = text.slice(node.range[0], node.range[1]).trim();
      if (INTEGER_LITERAL.test(written)) {
        problems.push({
          kind: "inexact-number",
          message: `the integer ${written} is beyond ±${Number.MAX_SAFE_INTEGER} and would be read as ${String(node.value)}; write a smaller integer, or quote it ("${written}") where text is meant`,
          ...at(node.range[0]),
        });
      }
    }
  }
  return { problems };
}

/** The key of `map` written with no value (`Verify:` and nothing under it) between the first occurrence of a repeated key and item `index`, if any. */
function emptyKeyBetween(map: YAML.YAMLMap, first: unknown, index: number): YAML.Scalar | undefined {
  const from = map.items.findIndex((p) => p.key === first);
  for (let i = index - 1; i > from; i--) {
    const { key, value } = map.items[i];
    if (YAML.isScalar(key) && (value === null || (YAML.isScalar(value) && value.value === null && value.source === "")))
      return key;
  }
  return undefined;
}

/** The problem of a key that fell into the mapping above it: `empty` is the key, `repeated` the first key after it that repeats one, `owner` the mapping's own key. */
function tooDeep(
  empty: YAML.Scalar,
  repeated: YAML.Scalar,
  owner: YAML.Scalar,
  at: (o: number) => YamlPosition,
): YamlProblem {
  const where = at(empty.range?.[0] ?? 0);
  const name = JSON.stringify(String(empty.value));
  const ownerName = JSON.stringify(String(owner.value));
  const ownerAt = at(owner.range?.[0] ?? 0);
  return {
    kind: "syntax",
    message: `indentation: ${name} is indented one level too deep: YAML reads it as a key of ${ownerName} (line ${ownerAt.line}) with no value, and the lines under it as more keys of ${ownerName} (${JSON.stringify(String(repeated.value))} on line ${at(repeated.range?.[0] ?? 0).line} repeats one); indent it like ${ownerName} (column ${ownerAt.column})`,
    ...where,
  };
}

function keyText(node: { source?: string; value?: unknown } | null | undefined): string {
  if (node && YAML.isScalar(node)) {
    const src = (node as YAML.Scalar).source;
    const quoted = (node as YAML.Scalar).type === "QUOTE_DOUBLE" || (node as YAML.Scalar).type === "QUOTE_SINGLE";
    return quoted ? JSON.stringify(String(node.value)) : String(src ?? node.value);
  }
  return "<complex key>";
}

function makeLocator(doc: YAML.Document.Parsed, at: (o: number) => YamlPosition): YamlLocator {
  return {
    locate(path: YamlPath): YamlLocation {
      let node: unknown = doc.contents;
      let position: YamlPosition = { line: 1, column: 1 };
      const first = (node as { range?: [number, number, number] } | null)?.range?.[0];
      if (first !== undefined) position = at(first);
      for (const seg of path) {
        if (YAML.isAlias(node)) node = node.resolve(doc);
        if (YAML.isMap(node)) {
          const pair = node.items.find((p) => jsKeyOf(p.key, doc) === String(seg));
          if (!pair) return { ...position, exact: false };
          const keyOffset = (pair.key as { range?: [number, number, number] } | null)?.range?.[0];
          if (keyOffset !== undefined) position = at(keyOffset);
          node = pair.value;
        } else if (YAML.isSeq(node) && typeof seg === "number") {
          const item = node.items[seg];
          if (item === undefined) return { ...position, exact: false };
          const offset = (item as { range?: [number, number, number] } | null)?.range?.[0];
          if (offset !== undefined) position = at(offset);
          node = item;
        } else {
          return { ...position, exact: false };
        }
      }
      return { ...position, exact: true };
    },
  };
}
