import YAML, { isAlias, isMap, isPair, isScalar, isSeq } from "yaml";

export interface YamlLimits {
  /** Deepest allowed nesting of mappings/sequences. */
  maxDepth: number;
  /** Maximum alias expansions (yaml's guard against "billion laughs"). */
  maxAliasCount: number;
}

export const DEFAULT_YAML_LIMITS: YamlLimits = { maxDepth: 200, maxAliasCount: 100 };

export type SafeYamlResult =
  | { ok: true; value: unknown }
  | { ok: false; rule: "yaml-parse" | "yaml-limits"; detail: string; location: string };

/**
 * Parse YAML 1.2 (core schema, so `yes`/`no` stay strings) with resource limits. Never throws and
 * never hangs on hostile input: deep nesting and alias bombs are reported as `yaml-limits`.
 */
export function parseYamlSafely(text: string, limits: YamlLimits = DEFAULT_YAML_LIMITS): SafeYamlResult {
  let doc: YAML.Document.Parsed;
  try {
    // Duplicate keys are checked in the walk below, in linear time: the library's uniqueKeys
    // compares each key with every other key of its mapping, which lets a 5 MiB upload of short
    // keys block the server for minutes.
    doc = YAML.parseDocument(text, { schema: "core", uniqueKeys: false, prettyErrors: true, logLevel: "error" });
  } catch (err) {
    return limitError(err);
  }
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const pos = first.linePos?.[0];
    const location = pos ? `line ${pos.line}, column ${pos.col}` : "document";
    const detail = first.message.split("\n")[0];
    // Nesting too deep for the library's recursive composer surfaces as a stack overflow "error".
    if (doc.errors.some((e) => /Maximum call stack/.test(e.message))) {
      return { ok: false, rule: "yaml-limits", detail: "nesting too deep to parse", location };
    }
    return { ok: false, rule: "yaml-parse", detail, location };
  }
  const depth = maxNodeDepth(doc.contents);
  if (depth.depth > limits.maxDepth) {
    return {
      ok: false,
      rule: "yaml-limits",
      detail: `nesting deeper than ${limits.maxDepth} levels`,
      location: depth.line ? `line ${depth.line}` : "document",
    };
  }
  if (depth.duplicateKeyOffset !== undefined) {
    return { ok: false, rule: "yaml-parse", detail: "Map keys must be unique", location: lineColOf(text, depth.duplicateKeyOffset) };
  }
  // Each alias expands at least once; counting them up front also keeps the library's alias
  // resolution (a search of the document per alias) from growing quadratically.
  if (depth.aliases > limits.maxAliasCount) {
    return { ok: false, rule: "yaml-limits", detail: `more than ${limits.maxAliasCount} aliases`, location: "document" };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (err) {
    return limitError(err);
  }
  // An alias inside its own anchor (`a: &r {self: *r}`) becomes a circular value, which would
  // send every recursive reader into a stack overflow.
  try {
    JSON.stringify(value);
  } catch {
    return { ok: false, rule: "yaml-limits", detail: "an alias refers to a node that contains it (recursive alias)", location: "document" };
  }
  return { ok: true, value };

  function maxNodeDepth(root: unknown): { depth: number; line?: number; aliases: number; duplicateKeyOffset?: number } {
    // Iterative walk of the AST (aliases are not expanded here, so this is linear in the text).
    const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 0 }];
    let max = 0;
    let maxOffset: number | undefined;
    let aliases = 0;
    let duplicateKeyOffset: number | undefined;
    while (stack.length > 0) {
      const { node, depth } = stack.pop()!;
      if (depth > max) {
        max = depth;
        maxOffset = (node as { range?: [number, number, number] } | null)?.range?.[0];
      }
      if (max > limits.maxDepth) break;
      if (isMap(node) && duplicateKeyOffset === undefined) {
        // Scalar keys with the same value are duplicates (as the library's uniqueKeys compares them).
        const seen = new Set<string>();
        for (const pair of node.items) {
          if (!isScalar(pair.key)) continue;
          const id = `${typeof pair.key.value}:${String(pair.key.value)}`;
          if (seen.has(id)) {
            duplicateKeyOffset = pair.key.range?.[0] ?? 0;
            break;
          }
          seen.add(id);
        }
      }
      if (isAlias(node)) aliases++;
      if (isMap(node) || isSeq(node)) {
        for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
      } else if (isPair(node)) {
        stack.push({ node: node.key, depth });
        stack.push({ node: node.value, depth });
      } else if (isScalar(node) || isAlias(node) || node === null || node === undefined) {
        // leaves
      }
    }
    return { depth: max, line: maxOffset === undefined ? undefined : lineOf(text, maxOffset), aliases, duplicateKeyOffset };
  }
}

function limitError(err: unknown): SafeYamlResult {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof RangeError) {
    return { ok: false, rule: "yaml-limits", detail: "nesting too deep to parse", location: "document" };
  }
  // "Excessive alias count ..." is the library's expansion limit; "Unresolved alias ..." is a plain error.
  if (/excessive alias/i.test(message)) {
    return { ok: false, rule: "yaml-limits", detail: `too many alias expansions (${message})`, location: "document" };
  }
  return { ok: false, rule: "yaml-parse", detail: message.split("\n")[0], location: "document" };
}

function lineColOf(text: string, offset: number): string {
  const line = lineOf(text, offset);
  const col = offset - text.lastIndexOf("\n", offset - 1);
  return `line ${line}, column ${col}`;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
