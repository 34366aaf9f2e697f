// Mutations of a real Archy export for the mutation tier (test/mutation): each makes one change
// at one place of the text and says what the validator must report there. Nothing here knows a
// file, a key or a function of the corpus: sites are found by the format's own shapes (a
// reference path under a `...Ref` key, a `refId`, a value wrapper, an expression) and by the
// catalogue (archy/catalogue: which keys an action has and which are required, which functions
// exist), so the same mutations apply to exports never seen.
//
// Two families, after archy/verdicts.ts:
//  - invalid (certain): a dangling reference, a duplicate refId, an unknown value wrapper, a
//    Boolean of the wrong type, an expression that does not parse, an undeclared variable, a text
//    literal assigned to a number or a Boolean (Architect converts an expression's result only to
//    text). An error at the mutated line, in default and in strict mode.
//  - unknown: an action, an action key or a function renamed to a name the catalogue lacks. A
//    warning at the mutated line in default mode (and no error anywhere), an error in strict mode.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type Scalar } from "yaml";
import { ACTIONS } from "../archy/catalogue/actions";
import { findFunction } from "../archy/catalogue/functions";
import type { Spec } from "../archy/catalogue/schema";

export type MutationName =
  | "dangling reference"
  | "duplicate refId"
  | "unknown wrapper"
  | "wrong-typed boolean"
  | "expression syntax error"
  | "undeclared variable"
  | "text for a number or a Boolean"
  | "renamed action"
  | "renamed action key"
  | "renamed function";

export const INVALID_MUTATIONS: readonly MutationName[] = [
  "dangling reference",
  "duplicate refId",
  "unknown wrapper",
  "wrong-typed boolean",
  "expression syntax error",
  "undeclared variable",
  "text for a number or a Boolean",
];
export const UNKNOWN_MUTATIONS: readonly MutationName[] = ["renamed action", "renamed action key", "renamed function"];

export interface Mutation {
  name: MutationName;
  /** The mutated text. */
  text: string;
  /** Lines where the finding may be reported (1-based): the mutated place (a duplicate: either copy). */
  lines: number[];
  /** The rule the finding must have (archy/verdicts.ts). */
  rule: string;
  verdict: "invalid" | "unknown";
  /** What was changed, for messages: `targetTaskRef "/.../task[A]" -> "/.../task[A (mutated)]"`. */
  change: string;
}

/** Where a node sits: the chain of keys and indexes from the root, and the node itself. */
interface Site {
  path: Array<string | number>;
  node: Node;
  /** The pair holding the node as its value (absent for list items and the root). */
  pair?: Pair<Node, Node>;
  parent?: Node;
}

/** A suffix no catalogue name ends with: a renamed name is certainly one the catalogue lacks. */
const SUFFIX = "Qzx";

function walk(
  node: Node | null | undefined,
  path: Array<string | number>,
  out: Site[],
  pair?: Pair<Node, Node>,
  parent?: Node,
): void {
  if (!node) return;
  out.push({ path, node, ...(pair ? { pair } : {}), ...(parent ? { parent } : {}) });
  if (isMap(node)) {
    for (const p of node.items as Array<Pair<Node, Node>>) {
      if (!isPair(p) || !isScalar(p.key)) continue;
      walk(p.value, [...path, String(p.key.value)], out, p, node);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      walk(item as Node, [...path, i], out, undefined, node);
    });
  }
}

/** The key of a one-pair mapping (an action `- playAudio: {...}`, a wrapper `{exp: ...}`). */
function soleKey(node: Node | undefined): string | undefined {
  if (!isMap(node) || node.items.length !== 1) return undefined;
  const k = (node.items[0] as Pair<Node, Node>).key;
  return isScalar(k) && typeof k.value === "string" ? k.value : undefined;
}

/** Stable choice among sites: a hash of the file name and the mutation's name. */
function pick<T>(sites: T[], seed: string): T | undefined {
  if (sites.length === 0) return undefined;
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return sites[h % sites.length];
}

/** Spans of a text outside double-quoted string literals (expressions quote strings with "). */
function outsideStrings(text: string, index: number): boolean {
  let quoted = false;
  for (let i = 0; i < index; i++) if (text[i] === '"') quoted = !quoted;
  return !quoted;
}

const ELEMENT_REF = /^(\/\w+\/(tasks|states|menus|bots)\/(task|state|menu|bot)\[[^\]]+\]|\.\/choices\/\w+\[[^\]]+\])$/;
/** An expression mentions a declared variable: Flow.x, Task.x, State.x, Common.x. */
const VARIABLE = /\b(Flow|Task|State|Common)\.([A-Za-z_][A-Za-z0-9_]*)\b(?!\s*\()/g;
const CALL = /\b([A-Z][A-Za-z0-9]*)\s*\(/g;

/** The action a site is the body of: `- <action>: <body>` with the action in the catalogue. */
function actionOf(site: Site): string | undefined {
  if (!site.pair || !isMap(site.parent) || site.parent.items.length !== 1) return undefined;
  const key = site.path[site.path.length - 1];
  return typeof key === "string" && Object.hasOwn(ACTIONS, key) && typeof site.path[site.path.length - 2] === "number"
    ? key
    : undefined;
}

/** The spec of a field of a catalogued action whose body the pair's parent is (a field the catalogue lists for it). */
function fieldSpec(sites: Map<Node, Site>, site: Site): Spec | undefined {
  if (!site.pair || !site.parent) return undefined;
  const owner = sites.get(site.parent);
  const action = owner ? actionOf(owner) : undefined;
  if (!action) return undefined;
  const field = site.path[site.path.length - 1];
  return typeof field === "string" && field !== "name" ? ACTIONS[action].fields[field] : undefined;
}

/**
 * Every mutation the export offers, one site each (chosen by `file`). A mutation whose kind of
 * site the export lacks (no expression, fewer than two refIds) is left out.
 */
export function mutationsOf(text: string, file: string): Mutation[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false });
  const all: Site[] = [];
  walk(doc.contents as Node, [], all);
  const byNode = new Map(all.map((s) => [s.node, s]));
  const lineAt = (offset: number): number => lc.linePos(offset).line;
  const replace = (range: [number, number, number] | null | undefined, by: string): string => {
    if (!range) throw new Error(`${file}: a node without a source range`);
    return text.slice(0, range[0]) + by + text.slice(range[1]);
  };
  const scalarValue = (s: Site): string | undefined =>
    isScalar(s.node) && typeof s.node.value === "string" ? s.node.value : undefined;
  const out: Mutation[] = [];
  const add = (name: MutationName, m: Omit<Mutation, "name"> | undefined): void => {
    if (m) out.push({ name, ...m });
  };
  const keyName = (s: Site): string | undefined =>
    typeof s.path[s.path.length - 1] === "string" ? (s.path[s.path.length - 1] as string) : undefined;
  /** A mapping key renamed to one the catalogue lacks (the key plus SUFFIX), found at the key's line. */
  const renameKey = (key: Scalar, rule: string, verdict: Mutation["verdict"], what: string): Omit<Mutation, "name"> => {
    const renamed = `${String(key.value)}${SUFFIX}`;
    return {
      text: replace(key.range, renamed),
      lines: [lineAt(key.range![0])],
      rule,
      verdict,
      change: `${what} ${String(key.value)} -> ${renamed}`,
    };
  };

  // An element reference whose refId does not exist.
  add(
    "dangling reference",
    ((site) => {
      if (!site) return undefined;
      const value = scalarValue(site)!;
      const mutated = value.replace(/\[([^\]]+)\]$/, (_m, id: string) => `[${id} ${SUFFIX}]`);
      return {
        text: replace(site.node.range, JSON.stringify(mutated)),
        lines: [lineAt(site.node.range![0])],
        rule: "unknown-reference",
        verdict: "invalid",
        change: `${keyName(site)} ${JSON.stringify(value)} -> ${JSON.stringify(mutated)}`,
      };
    })(
      pick(
        all.filter((s) => /Ref$/.test(keyName(s) ?? "") && ELEMENT_REF.test(scalarValue(s) ?? "")),
        `${file}#ref`,
      ),
    ),
  );

  // Two elements of one list with the same refId.
  add(
    "duplicate refId",
    (() => {
      const refIds = all.filter(
        (s) =>
          keyName(s) === "refId" &&
          scalarValue(s) !== undefined &&
          s.path.length >= 4 &&
          typeof s.path[s.path.length - 3] === "number",
      );
      const byList = new Map<string, Site[]>();
      for (const s of refIds) {
        const list = JSON.stringify(s.path.slice(0, -3));
        byList.set(list, [...(byList.get(list) ?? []), s]);
      }
      const lists = [...byList.values()].filter((l) => l.length >= 2);
      const list = pick(lists, `${file}#dup`);
      if (!list) return undefined;
      const [first, second] = [list[0], pick(list.slice(1), `${file}#dup2`)!];
      const value = scalarValue(first)!;
      return {
        text: replace(second.node.range, JSON.stringify(value)),
        lines: [lineAt(first.node.range![0]), lineAt(second.node.range![0])],
        rule: "duplicate-ref-id",
        verdict: "invalid",
        change: `refId ${JSON.stringify(scalarValue(second))} -> ${JSON.stringify(value)}`,
      };
    })(),
  );

  // Value wrappers of described action fields: `{lit: ...}` / `{exp: ...}`.
  const wrapped = all.filter((s) => {
    const spec = fieldSpec(byNode, s);
    return (
      spec !== undefined &&
      (spec.k === "value" || spec.k === "audio") &&
      (soleKey(s.node) === "lit" || soleKey(s.node) === "exp")
    );
  });
  add(
    "unknown wrapper",
    ((site) => {
      if (!site) return undefined;
      return renameKey(
        (site.node as unknown as { items: Array<Pair<Scalar, Node>> }).items[0].key,
        "invalid-wrapper",
        "invalid",
        "wrapper",
      );
    })(pick(wrapped, `${file}#wrapper`)),
  );

  // A Boolean field of a described action (a plain Boolean, or a Boolean value's literal).
  add(
    "wrong-typed boolean",
    ((site) => {
      if (!site) return undefined;
      return {
        text: replace(site.node.range, '"sometimes"'),
        lines: [lineAt(site.node.range![0])],
        rule: "invalid-value",
        verdict: "invalid",
        change: `${site.path.join(".")}: ${String((site.node as Scalar).value)} -> "sometimes"`,
      };
    })(
      pick(
        all.filter((s) => {
          if (!isScalar(s.node) || typeof s.node.value !== "boolean") return false;
          const spec = fieldSpec(byNode, s);
          if (spec?.k === "boolean") return true;
          // `<field>: {lit: true}` where the field is a Boolean value.
          const holder = s.parent ? byNode.get(s.parent) : undefined;
          const holderSpec = holder ? fieldSpec(byNode, holder) : undefined;
          return keyName(s) === "lit" && holderSpec?.k === "value" && holderSpec.type === "boolean";
        }),
        `${file}#bool`,
      ),
    ),
  );

  // Expressions of described action fields.
  const expressions = wrapped
    .filter((s) => soleKey(s.node) === "exp")
    .map((s) => ({ site: s, value: (s.node as unknown as { items: Array<Pair<Scalar, Scalar>> }).items[0].value }));
  const withText = expressions.filter(
    (e): e is { site: Site; value: Scalar } =>
      isScalar(e.value) && typeof e.value.value === "string" && e.value.value.trim() !== "",
  );
  add(
    "expression syntax error",
    ((e) => {
      if (!e) return undefined;
      const before = String(e.value.value);
      const after = `(${before}`;
      return {
        text: replace(e.value.range, JSON.stringify(after)),
        lines: [lineAt(e.value.range![0])],
        rule: "expression-syntax",
        verdict: "invalid",
        change: `exp ${JSON.stringify(before)} -> ${JSON.stringify(after)}`,
      };
    })(pick(withText, `${file}#syntax`)),
  );

  add(
    "undeclared variable",
    ((e) => {
      if (!e) return undefined;
      const before = String(e.value.value);
      const m = [...before.matchAll(VARIABLE)].find((x) => outsideStrings(before, x.index!))!;
      const after = `${before.slice(0, m.index!)}${m[1]}.${m[2]}${SUFFIX}${before.slice(m.index! + m[0].length)}`;
      return {
        text: replace(e.value.range, JSON.stringify(after)),
        lines: [lineAt(e.value.range![0])],
        rule: "unknown-variable",
        verdict: "invalid",
        change: `${m[0]} -> ${m[1]}.${m[2]}${SUFFIX}`,
      };
    })(
      pick(
        withText.filter((e) =>
          [...String(e.value.value).matchAll(VARIABLE)].some((x) => outsideStrings(String(e.value.value), x.index!)),
        ),
        `${file}#variable`,
      ),
    ),
  );

  // An updateData statement of a number or a Boolean given a text literal: `- integer: {value: {exp: '"Qzx"'}}`.
  add(
    "text for a number or a Boolean",
    ((site) => {
      if (!site) return undefined;
      const scalar = (site.node as unknown as { items: Array<Pair<Scalar, Scalar>> }).items[0].value!;
      const after = `"${SUFFIX}"`;
      return {
        text: replace(scalar.range, JSON.stringify(after)),
        lines: [lineAt(scalar.range![0])],
        rule: "expression-type",
        verdict: "invalid",
        change: `${site.path.slice(-2).join(".")}: exp ${JSON.stringify(String(scalar.value))} -> ${after}`,
      };
    })(
      pick(
        all.filter((s) => {
          const [statements, , type, value] = s.path.slice(-4);
          return (
            statements === "statements" &&
            value === "value" &&
            ["integer", "decimal", "boolean"].includes(String(type)) &&
            soleKey(s.node) === "exp" &&
            isScalar((s.node as unknown as { items: Array<Pair<Scalar, Node>> }).items[0].value)
          );
        }),
        `${file}#text-for-number`,
      ),
    ),
  );

  // An action of the catalogue renamed.
  add(
    "renamed action",
    ((site) => {
      return site?.pair ? renameKey(site.pair.key as Scalar, "unknown-action", "unknown", "action") : undefined;
    })(
      pick(
        all.filter((s) => actionOf(s) !== undefined && isMap(s.node)),
        `${file}#action`,
      ),
    ),
  );

  // An optional key of a described action renamed.
  add(
    "renamed action key",
    ((site) => {
      return site?.pair ? renameKey(site.pair.key as Scalar, "unknown-key", "unknown", "key") : undefined;
    })(
      pick(
        all.filter((s) => {
          if (fieldSpec(byNode, s) === undefined) return false;
          const action = actionOf(byNode.get(s.parent!)!)!;
          return !(ACTIONS[action].required ?? []).includes(keyName(s)!);
        }),
        `${file}#key`,
      ),
    ),
  );

  // A function of the catalogue renamed.
  add(
    "renamed function",
    ((e) => {
      if (!e) return undefined;
      const before = String(e.value.value);
      const m = [...before.matchAll(CALL)].find(
        (x) => findFunction(x[1]) !== undefined && outsideStrings(before, x.index!),
      )!;
      const after = `${before.slice(0, m.index!)}${m[1]}${SUFFIX}${before.slice(m.index! + m[1].length)}`;
      return {
        text: replace(e.value.range, JSON.stringify(after)),
        lines: [lineAt(e.value.range![0])],
        rule: "expression-type",
        verdict: "unknown",
        change: `function ${m[1]} -> ${m[1]}${SUFFIX}`,
      };
    })(
      pick(
        withText.filter((e) =>
          [...String(e.value.value).matchAll(CALL)].some(
            (x) => findFunction(x[1]) !== undefined && outsideStrings(String(e.value.value), x.index!),
          ),
        ),
        `${file}#function`,
      ),
    ),
  );
  return out;
}
