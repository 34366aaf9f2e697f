// `{{placeholders}}`: the Genesys provider fills them per stack by exact text replacement of
// `{{key}}` in the compiled file before upload. These helpers find them and apply them the same
// way; the placeholders check (checks/placeholders.ts) reports the ones a stack leaves unresolved.
// Pure.
import { PLACEHOLDER_PATTERN } from "./types";
import type { FlowModel } from "./schema";

/** Placeholder keys in `text`, each once, in order of first appearance. */
export function findPlaceholders(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(new RegExp(PLACEHOLDER_PATTERN.source, "g"))) {
    if (!out.includes(m[1])) out.push(m[1]);
  }
  return out;
}

/**
 * `{{...}}` texts that look like a placeholder to the publish (no spaces or braces inside) but are
 * not a valid `{{key}}` (e.g. `{{}}`, `{{a/b}}`): no substitution can ever fill them, and the
 * provider leaves them in the published text, where the publish fails. Each once, in order.
 */
export function findMalformedPlaceholders(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\{\{[^{}\s]*\}\}/g)) {
    if (new RegExp(`^${PLACEHOLDER_PATTERN.source}$`).test(m[0])) continue;
    if (!out.includes(m[0])) out.push(m[0]);
  }
  return out;
}

/**
 * The provider's substitution: every `{{key}}` whose key is in `substitutions` is replaced by the
 * value, verbatim (no escaping); other placeholders stay. Values are never re-scanned, which is
 * what the provider does too as long as no value itself holds a placeholder (the pipeline's
 * stack-file stage, planner/pipeline.ts, forbids that, since the provider's result would then
 * depend on its map order).
 */
export function applySubstitutions(text: string, substitutions: Readonly<Record<string, string>>): string {
  return text.replace(new RegExp(PLACEHOLDER_PATTERN.source, "g"), (whole, key: string) =>
    Object.hasOwn(substitutions, key) ? substitutions[key] : whole,
  );
}

// Keys too: raw Archy names org objects by key (`dataTable: {"{{table}}": ...}`), and the provider
// replaces placeholders anywhere in the text.
function mapStrings(v: unknown, f: (s: string) => string): unknown {
  if (typeof v === "string") return f(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f));
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.includes("{{") ? f(k) : k, mapStrings(x, f)]));
  }
  return v;
}

/**
 * The model with substitutions applied to every string value (the "structural" substitution); the
 * model itself when no string or key of it holds "{{" (there is nothing to substitute).
 */
export function substituteModel<M extends FlowModel>(model: M, substitutions: Readonly<Record<string, string>>): M {
  return holdsPlaceholderText(model) ? (mapStrings(model, (s) => applySubstitutions(s, substitutions)) as M) : model;
}

/** Whether any string value or key of `v` holds "{{" (a placeholder, or text that looks like one). */
export function holdsPlaceholderText(v: unknown): boolean {
  if (typeof v === "string") return v.includes("{{");
  if (Array.isArray(v)) return v.some(holdsPlaceholderText);
  if (typeof v === "object" && v !== null) {
    for (const [k, x] of Object.entries(v)) if (k.includes("{{") || holdsPlaceholderText(x)) return true;
  }
  return false;
}

/** Every string value of the model with its path, in document order (and keys holding a placeholder, at their own path). */
export function stringsWithPaths(v: unknown, path: PropertyKey[] = []): Array<[PropertyKey[], string]> {
  if (typeof v === "string") return [[path, v]];
  if (Array.isArray(v)) return v.flatMap((x, i) => stringsWithPaths(x, [...path, i]));
  if (typeof v === "object" && v !== null) {
    return Object.entries(v).flatMap(
      ([k, x]): Array<[PropertyKey[], string]> => [
        ...(k.includes("{{") ? [[[...path, k], k] as [PropertyKey[], string]] : []),
        ...stringsWithPaths(x, [...path, k]),
      ],
    );
  }
  return [];
}
