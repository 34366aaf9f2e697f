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
    doc = YAML.parseDocument(text, { schema: "core", uniqueKeys: true, prettyErrors: true, logLevel: "error" });
  } catch (err) {
    return limitError(err);
  }
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const pos = first.linePos?.[0];
    const location = pos ? `line ${pos.line}, column ${pos.col}` : "document";
    const detail = first.message.split("\n")[0];
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
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: limits.maxAliasCount }) };
  } catch (err) {
    return limitError(err);
  }

  function maxNodeDepth(root: unknown): { depth: number; line?: number } {
    // Iterative walk of the AST (aliases are not expanded here, so this is linear in the text).
    const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 0 }];
    let max = 0;
    let maxOffset: number | undefined;
    while (stack.length > 0) {
      const { node, depth } = stack.pop()!;
      if (depth > max) {
        max = depth;
        maxOffset = (node as { range?: [number, number, number] } | null)?.range?.[0];
      }
      if (max > limits.maxDepth) break;
      if (isMap(node) || isSeq(node)) {
        for (const item of node.items) stack.push({ node: item, depth: depth + 1 });
      } else if (isPair(node)) {
        stack.push({ node: node.key, depth });
        stack.push({ node: node.value, depth });
      } else if (isScalar(node) || isAlias(node) || node === null || node === undefined) {
        // leaves
      }
    }
    return { depth: max, line: maxOffset === undefined ? undefined : lineOf(text, maxOffset) };
  }
}

function limitError(err: unknown): SafeYamlResult {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof RangeError) {
    return { ok: false, rule: "yaml-limits", detail: "nesting too deep to parse", location: "document" };
  }
  if (/alias/i.test(message)) {
    return { ok: false, rule: "yaml-limits", detail: `too many alias expansions (${message})`, location: "document" };
  }
  return { ok: false, rule: "yaml-parse", detail: message.split("\n")[0], location: "document" };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
