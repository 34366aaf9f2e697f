// Where in the exported Archy a finding of the imported flow model comes from. A flow file is
// checked before the import writes it, so its own lines do not exist yet for the user; the line
// that helps is the export's: a node's action (or, in a run of raw actions, the one the field
// names) and a field kept under archySettings. Pure.
import { isMap, type Json } from "../archy/json";
import type { YamlPath } from "../model/yamlReader";

/** What a finding names: a node and a field of it, or a field of the flow. */
export interface FindingPlace {
  node?: string;
  field?: string;
}

/** The export's line of a finding's place, when it can be told. */
export type SourceLine = (at: FindingPlace) => number | undefined;

/** `actions[2].callTask.name` -> ["actions", 2, "callTask", "name"]. */
export function fieldSegments(field: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

/** Lists of elements that archySettings keeps only in part (those raw Archy moves to), by element kind. */
const ELEMENT_LISTS: Readonly<Record<string, string>> = { tasks: "task", states: "state", bots: "bot", menus: "menu" };

export interface SourceLineInput {
  archyKey: string;
  /** The export's flow body (under its flow-type key). */
  original: Record<string, Json>;
  /** The imported model's archySettings (element lists filtered, so their indices are not the export's). */
  archySettings: Record<string, unknown>;
  /** Each node's place in the export (import/graph.ts BuiltGraph.sources). */
  sources: ReadonlyMap<string, ReadonlyArray<string | number>>;
  lineOf: (path: YamlPath) => number | undefined;
}

export function sourceLines(input: SourceLineInput): SourceLine {
  const { archyKey, original, archySettings, sources, lineOf } = input;
  return ({ node, field }) => {
    if (node !== undefined) {
      const at = sources.get(node);
      if (!at) return undefined;
      // A run of raw actions: the field's actions[k] is the k-th action from the node's first.
      const run = /^actions\[(\d+)\](.*)$/.exec(field ?? "");
      const last = at[at.length - 1];
      if (run && typeof last === "number")
        return lineOf([...at.slice(0, -1), last + Number(run[1]), ...fieldSegments(run[2])]);
      return lineOf(at);
    }
    if (field === undefined || !field.startsWith("archySettings.")) return undefined;
    const segs = fieldSegments(field.slice("archySettings.".length));
    const [key, index] = segs;
    const kindName = typeof key === "string" ? ELEMENT_LISTS[key] : undefined;
    if (kindName !== undefined && typeof index === "number") {
      const kept = archySettings[key as string];
      const item = Array.isArray(kept) ? kept[index] : undefined;
      const refId = isMap(item) && isMap(item[kindName]) ? item[kindName].refId : undefined;
      const list = original[key as string];
      const i = Array.isArray(list)
        ? list.findIndex((el) => isMap(el) && isMap(el[kindName]) && el[kindName].refId === refId)
        : -1;
      return i < 0 ? lineOf([archyKey, key as string]) : lineOf([archyKey, key as string, i, ...segs.slice(2)]);
    }
    return lineOf([archyKey, ...segs]);
  };
}
