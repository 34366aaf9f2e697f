// What a common module offers its callers (inputs, outputs, their types, compatible flow types)
// and which modules a document calls, read from the Archy document.
import { isKnownType, normalizeType, type ArchyType } from "../catalogue/types";
import type { ModuleInfo } from "./types";
import { isMap } from "../json";

/** The module interface of a common module document body: isInput/isOutput variables and compatible caller types. */
export function moduleInterfaceOf(body: unknown): ModuleInfo {
  const inputs: string[] = [];
  const outputs: string[] = [];
  const types: Record<string, ArchyType> = {};
  const b = isMap(body) ? body : {};
  for (const item of Array.isArray(b.variables) ? b.variables : []) {
    if (!isMap(item)) continue;
    for (const [kind, def] of Object.entries(item)) {
      if (!kind.endsWith("Variable") || !isMap(def) || typeof def.name !== "string") continue;
      if (def.isInput === true) inputs.push(def.name);
      if (def.isOutput === true) outputs.push(def.name);
      const type = normalizeType(kind.slice(0, -"Variable".length));
      if ((def.isInput === true || def.isOutput === true) && isKnownType(type)) types[def.name] = type;
    }
  }
  const settings = b.settingsCommonModule;
  const compat = isMap(settings) && Array.isArray(settings.compatibleFlowTypes) ? settings.compatibleFlowTypes : [];
  const compatible = compat
    .map((c) => (isMap(c) && typeof c.flowType === "string" ? c.flowType.toLowerCase() : undefined))
    .filter((t): t is string => t !== undefined);
  return {
    inputs: inputs.sort(),
    outputs: outputs.sort(),
    compatibleFlowTypes: [...new Set(compatible)].sort(),
    types,
  };
}

/** Names of the common modules a document calls (callCommonModule), in document order, without duplicates. */
export function calledModules(doc: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    if (!isMap(v)) return;
    for (const [k, c] of Object.entries(v)) {
      if (k === "callCommonModule" && isMap(c) && isMap(c.commonModule) && Object.keys(c.commonModule).length === 1) {
        const name = Object.keys(c.commonModule)[0];
        if (!out.includes(name)) out.push(name);
      }
      visit(c);
    }
  };
  visit(doc);
  return out;
}
