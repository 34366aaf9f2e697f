// Pre-pass of the validator: the refIds of a document's elements by kind, and the finding for a
// refId used twice (the import words its refusal the same way).
import { type Path, formatPath } from "./path";
import { isMap } from "../json";

/** Why two elements cannot share a refId (the validator's finding, and the import's refusal). */
export function duplicateRefIdMessage(refId: string, uses: string[]): string {
  return `refId "${refId}" is used ${uses.length} times (${uses.join(", ")}); each task, menu, state and choice needs its own`;
}

/**
 * refIds by element kind (task, menu, state, bot, and menu choices by their key); `onDuplicate`
 * hears of each refId given more than once, at its second use.
 */
export function collectRefIds(
  body: Record<string, unknown>,
  base: Path,
  onDuplicate: (path: Path, refId: string, uses: string[]) => void,
): Map<string, Set<string>> {
  const byKind = new Map<string, Set<string>>();
  const all = new Map<string, Array<{ path: Path; kind: string }>>();
  const visit = (v: unknown, path: Path): void => {
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        visit(item, [...path, i]);
      });
      return;
    }
    if (!isMap(v)) return;
    const parentKey = path[path.length - 1];
    if (typeof parentKey === "string" && typeof v.refId === "string") {
      const set = byKind.get(parentKey) ?? new Set<string>();
      set.add(v.refId);
      byKind.set(parentKey, set);
      const uses = all.get(v.refId) ?? [];
      uses.push({ path, kind: parentKey });
      all.set(v.refId, uses);
    }
    for (const [k, c] of Object.entries(v)) {
      // Natural language data has no flow elements; skip it (it can be large).
      if (k === "settingsNaturalLanguageUnderstanding") continue;
      visit(c, [...path, k]);
    }
  };
  visit(body, base);
  for (const [refId, uses] of all) {
    if (uses.length > 1)
      onDuplicate(
        [...uses[1].path, "refId"],
        refId,
        uses.map((u) => `${u.kind} at ${formatPath(u.path)}`),
      );
  }
  return byKind;
}
