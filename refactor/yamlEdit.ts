// Edits of flow and scenario files that keep them readable: the `yaml` library's Document API, so
// comments, key order and quoting stay as the person wrote them and only what the refactoring
// changes is rewritten. New nodes are written the way the portfolio writes them (transitions on
// one line, placeholders quoted); a line the refactoring did not change keeps its spacing inside
// brackets (the library writes one style for every flow collection, people write two). Small
// edits of one value (scenario files) replace just its text, found by the value's source range.
// Pure: text in, text out.
import YAML, { isMap, isScalar, isSeq, type Document, type YAMLMap } from "yaml";

const YAML11_SPECIAL = /^(y|yes|n|no|on|off|true|false|null|~)$/i;

export function parseDocument(text: string): Document.Parsed {
  return YAML.parseDocument(text, { version: "1.2", keepSourceTokens: false });
}

/** The document as text; with `original`, each line that differs from one of it only in spacing inside brackets is the original's. */
export function render(doc: Document, original?: string): string {
  const text = doc.toString({ lineWidth: 0, minContentWidth: 0, indent: 2, indentSeq: true });
  if (original === undefined) return text;
  const squeeze = (line: string) => line.replace(/([[{]) +/g, "$1").replace(/ +([\]}])/g, "$1");
  const written = new Map(original.split("\n").map((l) => [squeeze(l), l]));
  return text
    .split("\n")
    .map((l) => written.get(squeeze(l)) ?? l)
    .join("\n");
}

/** Replacements of ranges of a text, applied together (ranges do not overlap). */
export class TextEdits {
  private readonly edits: Array<{ start: number; end: number; text: string }> = [];
  constructor(private readonly source: string) {}

  replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text });
  }

  /** Replaces the value `node` (a scalar or a sequence parsed from the source) with `value`, written in the node's own style. */
  replaceValue(node: unknown, value: string | readonly string[]): void {
    const range = (node as { range?: [number, number, number] }).range;
    if (!range) return;
    const [start, end] = range;
    const was = this.source.slice(start, end);
    if (typeof value === "string") {
      this.replace(
        start,
        end,
        scalarText(value, was.startsWith('"') ? "double" : was.startsWith("'") ? "single" : "plain"),
      );
      return;
    }
    if (was.startsWith("[")) {
      const pad = was.startsWith("[ ") ? " " : "";
      this.replace(start, end, `[${pad}${value.map((v) => scalarText(v, "plain")).join(", ")}${pad}]`);
      return;
    }
    const column = start - (this.source.lastIndexOf("\n", start - 1) + 1);
    const tail = was.endsWith("\n") ? "\n" : "";
    this.replace(
      start,
      end,
      value.map((v, i) => `${i === 0 ? "" : " ".repeat(column)}- ${scalarText(v, "plain")}`).join("\n") + tail,
    );
  }

  apply(): string {
    let out = this.source;
    for (const e of [...this.edits].sort((a, b) => b.start - a.start))
      out = out.slice(0, e.start) + e.text + out.slice(e.end);
    return out;
  }
}

/** A string as a YAML scalar: plain when it reads back the same, else double-quoted. */
function scalarText(value: string, style: "plain" | "double" | "single"): string {
  if (
    style === "double" ||
    !/^[A-Za-z_][A-Za-z0-9_. -]*$/.test(value) ||
    /[ .-]$/.test(value) ||
    YAML11_SPECIAL.test(value)
  )
    return JSON.stringify(value);
  if (style === "single") return `'${value}'`;
  return value;
}

/**
 * How a file writes a node's transitions: on one line (`transitions: { next: B }`, the default) or
 * one per line, as most of its nodes do.
 */
export function transitionsInline(doc: Document): boolean {
  const nodes = doc.get("nodes", true);
  let inline = 0;
  let block = 0;
  if (isMap(nodes)) {
    for (const pair of nodes.items) {
      const t = isMap(pair.value) ? pair.value.get("transitions", true) : undefined;
      if (isMap(t) && t.items.length > 0) {
        if (t.flow === true) inline++;
        else block++;
      }
    }
  }
  return inline >= block;
}

/** A value as a YAML node written the portfolio's way: transitions inline (unless `inline` is false), short lists of words inline, placeholders and YAML 1.1 words quoted. */
export function nodeOf(doc: Document, value: unknown, inline = true): ReturnType<Document["createNode"]> {
  const node = doc.createNode(value);
  YAML.visit(node, {
    Pair(_key, pair) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (key === "transitions" && isMap(pair.value)) pair.value.flow = inline;
      if (
        isSeq(pair.value) &&
        pair.value.items.every((i) => isScalar(i) && typeof i.value === "string" && /^[A-Za-z]+$/.test(i.value))
      )
        pair.value.flow = true;
    },
    Scalar(key, s) {
      if (key !== "key" && typeof s.value === "string" && (s.value.includes("{{") || YAML11_SPECIAL.test(s.value)))
        s.type = "QUOTE_DOUBLE";
    },
  });
  return node;
}

/** The mapping at `path`, or undefined. */
export function mapAt(doc: Document, path: readonly (string | number)[]): YAMLMap | undefined {
  const n = path.length === 0 ? doc.contents : doc.getIn(path, true);
  return isMap(n) ? n : undefined;
}

/** The keys of a mapping, in order. */
export function keysOf(map: YAMLMap): string[] {
  return map.items.map((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)));
}

/** Sets `key` in `map`; a new key goes right after `after` (when present), else at the end. */
export function setKey(doc: Document, map: YAMLMap, key: string, value: unknown, after?: string): void {
  const i = keysOf(map).indexOf(key);
  const node = nodeOf(doc, value);
  if (i >= 0) {
    map.items[i].value = node;
    return;
  }
  const j = after !== undefined ? keysOf(map).indexOf(after) : -1;
  const pair = doc.createPair(key, node);
  if (j >= 0) map.items.splice(j + 1, 0, pair);
  else map.items.push(pair);
}

/** Sets a scalar at a dotted path inside a mapping (numeric segments index sequences), keeping the rest. */
export function setScalarAt(map: YAMLMap, path: string, value: string): void {
  const segments = path.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  map.setIn(segments, value);
  const n = map.getIn(segments, true);
  if (isScalar(n) && typeof n.value === "string" && n.value.includes("{{")) n.type = "QUOTE_DOUBLE";
}

/** Renames key `from` to `to` in place (its value and comments stay). */
export function renameKey(map: YAMLMap, from: string, to: string): void {
  const pair = map.items[keysOf(map).indexOf(from)];
  if (pair === undefined) return;
  if (isScalar(pair.key)) pair.key.value = to;
  else pair.key = to as never;
}

/** Every string scalar of a sequence at `path`, for rewriting. */
export function sequenceStrings(
  doc: Document,
  path: readonly (string | number)[],
): Array<{ index: number; value: string }> {
  const n = doc.getIn(path, true);
  if (!isSeq(n)) return [];
  return n.items.flatMap((item, index) =>
    isScalar(item) && typeof item.value === "string" ? [{ index, value: item.value }] : [],
  );
}
