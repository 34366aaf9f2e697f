// A flow's `archySettings`: the flow-level Archy the model has no field for, split into the raw
// variable declarations (appended to the compiled `variables`) and the other keys (laid over the
// kind's default settings). Pure.
import { variableKindType } from "../archy/catalogue/flowTypes";
import type { FlowModel } from "./schema";

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
  tasks: "the flow's nodes",
  states: "the flow's nodes",
  bots: "the flow's nodes",
  settingsCommonModule: "the module's compatibleFlowTypes",
};

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

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The raw variable declarations of `archySettings.variables` (non-list values give none). */
export function rawVariables(model: Pick<FlowModel, "archySettings">): RawVariable[] {
  const list = model.archySettings?.variables;
  if (!Array.isArray(list)) return [];
  return list.map((item, index) => {
    if (!isMap(item) || Object.keys(item).length !== 1) return { item: isMap(item) ? item : {}, index };
    const [key, def] = Object.entries(item)[0];
    const name = isMap(def) && typeof def.name === "string" ? def.name : undefined;
    return { item, index, ...(name !== undefined ? { name } : {}), ...(variableKindType(key) !== undefined ? { type: variableKindType(key) } : {}) };
  });
}

/** `archySettings` without `variables`: the keys laid over the kind's default settings. */
export function rawSettings(model: Pick<FlowModel, "archySettings">): Record<string, unknown> {
  const { variables: _variables, ...rest } = model.archySettings ?? {};
  return rest;
}
