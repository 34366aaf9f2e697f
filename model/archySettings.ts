// A flow's `archySettings`: the flow-level Archy the model has no field for, split into the raw
// variable declarations (appended to the compiled `variables`) and the other keys (laid over the
// kind's default settings). Pure.
import { variableKindType } from "../archy/catalogue/flowTypes";
import type { FlowModel } from "./schema";
import { isMap } from "../archy/json";

/**
 * Top-level Archy keys the model writes itself (name, body, start, languages, a module's
 * compatibility): `archySettings` may not set them.
 */
export const MODEL_OWNED_ARCHY_KEYS: Readonly<Record<string, string>> = {
  name: "the flow's name",
  description: "the flow's description",
  division: "the flow's division",
  defaultLanguage: "the flow's defaultLanguage",
  startUpRef: "the flow's start node",
  startUpTaskActions: "the flow's nodes",
  startUpState: "the flow's nodes",
  settingsCommonModule: "the module's compatibleFlowTypes",
};

/** What a kind's compiler writes of a flow's languages. */
interface LanguageKind {
  shape: object;
  omits?: readonly string[];
}

/**
 * Whether the compiler writes a flow's defaultLanguage from the model: not for a common module
 * (its model has none) nor for a kind that omits languages (survey invites). Such a flow may still
 * give one in archySettings, and the import keeps an export's there (export:CM_gh_actions/CallbackBundleBasic).
 */
export function writesDefaultLanguage(kind: LanguageKind): boolean {
  return "defaultLanguage" in kind.shape && !(kind.omits ?? []).includes("languages");
}

/** The keys of MODEL_OWNED_ARCHY_KEYS a flow of a kind writes: all of them, `defaultLanguage` only where writesDefaultLanguage. */
export function modelOwnedArchyKeys(kind: LanguageKind): Readonly<Record<string, string>> {
  if (writesDefaultLanguage(kind)) return MODEL_OWNED_ARCHY_KEYS;
  const { defaultLanguage: _written, ...owned } = MODEL_OWNED_ARCHY_KEYS;
  return owned;
}

/**
 * Elements the nodes' raw Archy moves to, kept as exported (`archySettings.tasks`, `states`,
 * `bots`): the compiler writes them after the ones it lays out from the nodes.
 */
export const RAW_ELEMENT_LISTS = [
  ["tasks", "task"],
  ["states", "state"],
  ["bots", "bot"],
] as const;

export type RawElementList = (typeof RAW_ELEMENT_LISTS)[number][0];

/** The raw elements of a flow, by list key (`tasks`, ...): the items as written. */
export function rawElements(
  model: Pick<FlowModel, "archySettings">,
): Record<RawElementList, Array<Record<string, unknown>>> {
  const out: Record<RawElementList, Array<Record<string, unknown>>> = { tasks: [], states: [], bots: [] };
  for (const [listKey] of RAW_ELEMENT_LISTS) {
    const list = model.archySettings?.[listKey];
    if (Array.isArray(list)) out[listKey] = list.filter(isMap);
  }
  return out;
}

/** refIds of the raw elements and raw menus, by element kind (task, state, bot, menu). */
export function rawRefIds(model: Pick<FlowModel, "archySettings">): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (kind: string, item: unknown) => {
    const el = isMap(item) ? item[kind] : undefined;
    if (!isMap(el) || typeof el.refId !== "string") return;
    const set = out.get(kind) ?? new Set<string>();
    set.add(el.refId);
    out.set(kind, set);
  };
  const elements = rawElements(model);
  for (const [listKey, kind] of RAW_ELEMENT_LISTS) for (const item of elements[listKey]) add(kind, item);
  for (const item of rawMenus(model)) add("menu", item);
  return out;
}

export interface RawVariable {
  /** The declaration as written, e.g. `{stringVariable: {name: Slot.Email, ...}}`. */
  item: Record<string, unknown>;
  /** Index in `archySettings.variables`. */
  index: number;
  /** Full Archy name, e.g. `Slot.Email`; undefined when the item names none. */
  name?: string;
  /** Archy type from the key (`stringVariable` -> string). */
  type?: string;
}

/** The raw variable declarations of `archySettings.variables` (non-list values give none). */
export function rawVariables(model: Pick<FlowModel, "archySettings">): RawVariable[] {
  const list = model.archySettings?.variables;
  if (!Array.isArray(list)) return [];
  return list.map((item, index) => {
    if (!isMap(item) || Object.keys(item).length !== 1) return { item: isMap(item) ? item : {}, index };
    const [key, def] = Object.entries(item)[0];
    const name = isMap(def) && typeof def.name === "string" ? def.name : undefined;
    return {
      item,
      index,
      ...(name !== undefined ? { name } : {}),
      ...(variableKindType(key) !== undefined ? { type: variableKindType(key) } : {}),
    };
  });
}

/** `archySettings` without `variables`, raw elements and menus: the keys laid over the kind's default settings. */
export function rawSettings(model: Pick<FlowModel, "archySettings">): Record<string, unknown> {
  const {
    variables: _variables,
    tasks: _tasks,
    states: _states,
    bots: _bots,
    menus: _menus,
    ...rest
  } = model.archySettings ?? {};
  return rest;
}

/** The raw menus (`archySettings.menus`), as written. */
export function rawMenus(model: Pick<FlowModel, "archySettings">): Array<Record<string, unknown>> {
  const menus = model.archySettings?.menus;
  return Array.isArray(menus) ? menus.filter(isMap) : [];
}
