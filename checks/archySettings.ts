// A flow's `archySettings` (flow-level Archy the model has no field for) is checked by the same
// Archy validator the emulator runs on publish, in the flow's flow type: the settings are put in a
// document of that type next to the flow's declared variables, and the validator's errors under
// the settings' own keys are reported at `archySettings.<path>`. Keys the model writes itself
// (name, body, start, languages, a module's compatibility) are refused, and so is a raw variable
// the model already declares.
import { validateArchyDocument } from "../archy/validate";
import { modelOwnedArchyKeys, rawRefIds, rawVariables } from "../model/archySettings";
import { compiledRefIds } from "../model/rawEntries";
import { FLOW_KINDS } from "../model/kinds";
import { declaredArchyVariables } from "./expressions";
import { symbolsOf } from "./symbols";
import type { Finding } from "./finding";
import type { CheckFlow } from "./input";
import { archyFinding, findingsOf, flowFinding } from "./locate";

const RULE = "archy-actions";

/** `inboundCall.settingsMenu.repeatCount` -> segments after the flow type key. */
function segments(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out.slice(1);
}

function field(segs: Array<string | number>): string {
  return segs.reduce<string>((acc, s) => (typeof s === "number" ? `${acc}[${s}]` : `${acc}.${s}`), "archySettings");
}

export function checkArchySettings(flow: CheckFlow): Finding[] {
  const settings = flow.model.archySettings;
  if (settings === undefined) return [];
  const kind = FLOW_KINDS[flow.model.kind];
  const found = findingsOf(flow, RULE);
  const keys = Object.keys(settings);
  const owned = modelOwnedArchyKeys(kind);
  for (const key of keys) {
    if (Object.hasOwn(owned, key)) {
      found.flow(
        `archySettings.${key}`,
        `"${key}" is written from ${owned[key]}, not from archySettings`,
        `remove archySettings.${key}`,
      );
    }
  }
  if (settings.variables !== undefined && !Array.isArray(settings.variables)) {
    found.flow(
      "archySettings.variables",
      "must be a list of Archy variable declarations (- stringVariable: {name: Slot.x, ...})",
    );
    return found.list;
  }
  // Raw elements and menus keep their refIds: the compiler names its own tasks and menus by node id.
  for (const [kind, refIds] of rawRefIds(flow.model)) {
    for (const refId of [...refIds].sort()) {
      if (Object.hasOwn(flow.model.nodes, refId)) {
        found.flow(
          `archySettings`,
          `the raw ${kind} with refId "${refId}" has the id of node "${refId}", which the compiler may write as a ${kind} of that refId; rename the node`,
        );
      }
    }
  }
  // The model's own variables count as declared for the settings' expressions, and a raw one may not repeat them.
  const raw = rawVariables(flow.model);
  const symbols = symbolsOf(flow.model);
  const own = new Map(
    [...symbols.declared].map(([n, t]) => [`${symbols.scope}.${n}`.toLowerCase(), { n: `${symbols.scope}.${n}`, t }]),
  );
  for (const v of raw) {
    if (v.name !== undefined && own.has(v.name.toLowerCase())) {
      found.flow(
        `archySettings.variables[${v.index}]`,
        `variable "${v.name}" is already declared by the flow (variables, inputs or outputs); declare it once`,
      );
    }
  }
  // Every variable the flow has (declared, or written by its raw Archy) is known to the settings' expressions.
  const known = Object.entries(
    declaredArchyVariables({ ...flow.model, archySettings: { ...settings, variables: [] } }),
  );
  const ownDeclarations = known
    .filter(([, t]) => t !== "unknown")
    .map(([n, t]) => ({ [`${t}Variable`]: { name: n, initialValue: { noValue: true } } }));
  const body: Record<string, unknown> = {
    name: flow.model.name,
    ...settings,
    variables: [...raw.map((v) => v.item), ...ownDeclarations],
  };
  const archyKey = kind.archyKey;
  const checked = new Set(keys.filter((k) => !Object.hasOwn(owned, k)));
  // The elements and menus kept as exported may move to the tasks and menus the nodes compile to.
  for (const f of validateArchyDocument({ [archyKey]: body }, { refs: compiledRefIds(flow.model) })) {
    const segs = segments(f.path);
    const top = segs[0];
    if (typeof top !== "string" || !checked.has(top)) continue;
    if (top === "variables" && (typeof segs[1] !== "number" || segs[1] >= raw.length)) continue;
    const finding = archyFinding(
      f,
      RULE,
      (rule, message) => flowFinding(flow, rule, field(segs), message),
      ` (in ${archyKey})`,
    );
    if (finding) found.list.push(finding);
  }
  return found.list;
}
