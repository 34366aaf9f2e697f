// The variables of an imported flow. Archy declares variables per flow (`Flow.`, a module's
// `Common.`, a bot's `Slot.`) and per task or state (`Task.`, `State.`); the model declares a
// flow's own variables only. Task and State variables are lifted into the flow's scope (renamed
// where the name is taken), every reference rewritten; their values then live for the whole flow
// where Archy resets them each time the task or state starts, which the report says. Declarations
// the model can express become `variables` (a module's `inputs` and `outputs`); the others stay
// raw in `archySettings.variables`. A task that a callTask gives inputs to (`taskInputs`) keeps its
// Task variables, declared in the task, since the inputs name them: it is kept as exported
// (import/graph.ts), and so are the names in the taskInputs. Pure.
import { isDeepStrictEqual } from "node:util";
import { variableKindType } from "../archy/catalogue/flowTypes";
import { renameReferences } from "../compiler/expressionRename";
import type { FlowKindDescriptor } from "../model/kinds";
import { LITERAL_INITIAL_TYPES, VALUE_TYPES, VARIABLE_NAME_PATTERN, type ValueType } from "../model/types";
import { cmp, isMap, type Json } from "../archy/json";
import { parseRef } from "./refs";

const LIFTED_SCOPES = ["Task", "State"] as const;
const DECLARATION_KEYS = new Set(["name", "initialValue", "isInput", "isOutput", "description"]);

export interface ModelVariables {
  variables: Record<string, { type: ValueType; description?: string; initial?: string | number | boolean }>;
  inputs: Record<string, { type: ValueType; description?: string; required: false }>;
  outputs: Record<string, { type: ValueType; description?: string }>;
  /** Declarations kept as written (archySettings.variables). */
  raw: Array<Record<string, unknown>>;
}

export interface VariablePass {
  /** refIds of the tasks given inputs by a callTask (taskInputs): their Task variables stay theirs. */
  parameterised: ReadonlySet<string>;
  /** The flow body with Task/State variables renamed and element-level declarations removed. */
  body: Record<string, Json>;
  declared: ModelVariables;
  /** Lifted variable: original name -> new full name. */
  lifted: Array<[string, string]>;
  /**
   * Flow-level declarations that repeat an earlier one with another type or value, by their index
   * in the flow's `variables` and the index of the declaration kept (the first).
   */
  conflicting: Array<{ name: string; index: number; kept: number }>;
}

/** A full Archy variable name `Scope.name`: its scope and name, or undefined. */
function splitName(full: unknown): { scope: string; name: string } | undefined {
  if (typeof full !== "string") return undefined;
  const m = /^([A-Za-z]+)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(full);
  return m ? { scope: m[1], name: m[2] } : undefined;
}

/** Every `Task.x` / `State.x` the body names (declared, written or read), by lower-case full name. */
function liftedNames(body: Json, kept: ReadonlySet<string>): Map<string, { scope: string; name: string }> {
  const out = new Map<string, { scope: string; name: string }>();
  const note = (scope: string, name: string) => {
    const canonical = LIFTED_SCOPES.find((s) => s.toLowerCase() === scope.toLowerCase());
    if (canonical && !out.has(`${canonical}.${name}`.toLowerCase()))
      out.set(`${canonical}.${name}`.toLowerCase(), { scope: canonical, name });
  };
  const visit = (v: Json): void => {
    if (typeof v === "string") {
      for (const m of v.matchAll(/(?<![A-Za-z0-9_.])(Task|State)\.([A-Za-z_][A-Za-z0-9_]*)/gi)) note(m[1], m[2]);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (isMap(v) && !isKeptTask(v, kept))
      for (const [k, x] of Object.entries(v)) {
        if (k === "taskInputs") visitTaskInputValues(x, visit);
        else visit(x);
      }
  };
  visit(body);
  return out;
}

/** A `{task: {refId}}` item of a kept task. */
function isKeptTask(v: Record<string, Json>, kept: ReadonlySet<string>): boolean {
  const task = Object.keys(v).length === 1 ? v.task : undefined;
  return isMap(task) && typeof task.refId === "string" && kept.has(task.refId);
}

/** Visits the values of taskInputs, not the names (those are the called task's variables). */
function visitTaskInputValues(list: Json, visit: (v: Json) => void): void {
  if (!Array.isArray(list)) {
    visit(list);
    return;
  }
  for (const item of list) {
    if (!isMap(item)) visit(item);
    else
      for (const def of Object.values(item))
        if (!isMap(def)) visit(def);
        else for (const [k, x] of Object.entries(def)) if (k !== "name") visit(x);
  }
}

/** refIds of the tasks a callTask gives inputs to. */
function tasksGivenInputs(body: Json): Set<string> {
  const out = new Set<string>();
  const visit = (v: Json): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isMap(v)) {
      const call = Object.keys(v).length === 1 ? v.callTask : undefined;
      if (isMap(call) && Array.isArray(call.taskInputs) && call.taskInputs.length > 0) {
        const ref = parseRef(call.targetTaskRef);
        if (ref?.kind === "task") out.add(ref.refId);
      }
      Object.values(v).forEach(visit);
    }
  };
  visit(body);
  return out;
}

/** Names the flow's own scope already uses (declared or referenced), lower case. */
function usedOwnNames(body: Json, scope: string): Set<string> {
  const out = new Set<string>();
  const re = new RegExp(`(?<![A-Za-z0-9_.])${scope}\\.([A-Za-z_][A-Za-z0-9_]*)`, "gi");
  const visit = (v: Json): void => {
    if (typeof v === "string") for (const m of v.matchAll(re)) out.add(m[1].toLowerCase());
    else if (Array.isArray(v)) v.forEach(visit);
    else if (isMap(v)) Object.values(v).forEach(visit);
  };
  visit(body);
  return out;
}

/** The body with `rename` applied to expressions (`exp`) and to strings that are a whole variable name. */
function renameAll(v: Json, rename: Map<string, string>, kept: ReadonlySet<string>, parentKey?: string): Json {
  if (typeof v === "string") {
    if (parentKey === "exp") {
      let out = v;
      for (const scope of LIFTED_SCOPES) {
        out = renameReferences(out, scope, (n) => rename.get(`${scope}.${n}`.toLowerCase()), true);
      }
      return out;
    }
    return rename.get(v.toLowerCase()) ?? v;
  }
  if (Array.isArray(v)) return v.map((x) => renameAll(x, rename, kept, parentKey));
  if (isMap(v)) {
    if (isKeptTask(v, kept)) return v;
    if (parentKey === "taskInputs") {
      // A task input's name is the called task's variable: only its value is the caller's.
      return Object.fromEntries(
        Object.entries(v).map(([type, def]) => [
          type,
          isMap(def)
            ? Object.fromEntries(
                Object.entries(def).map(([k, x]) => [k, k === "name" ? x : renameAll(x, rename, kept, k)]),
              )
            : def,
        ]),
      );
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, renameAll(x, rename, kept, k)]));
  }
  return v;
}

/** Declarations of tasks, states, bots, menu tasks and the start-up task (every `variables` list below the top, and `startUpTaskVariables`), removed from the body. */
function takeElementDeclarations(
  body: Record<string, Json>,
  kept: ReadonlySet<string>,
): { body: Record<string, Json>; declarations: Json[] } {
  const declarations: Json[] = [];
  const visit = (v: Json, top: boolean): Json => {
    if (Array.isArray(v)) return v.map((x) => visit(x, false));
    if (!isMap(v) || isKeptTask(v, kept)) return v;
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(v)) {
      // A start-up task's own variables (in-queue call flows, modules) are a task's declarations.
      if (((!top && k === "variables") || (top && k === "startUpTaskVariables")) && Array.isArray(x)) {
        declarations.push(...x);
        continue;
      }
      out[k] = visit(x, false);
    }
    return out;
  };
  return { body: visit(body, true) as Record<string, Json>, declarations };
}

function literalInitial(init: Json, type: ValueType): { ok: true; value?: string | number | boolean } | { ok: false } {
  if (init === undefined || (isMap(init) && init.noValue === true && Object.keys(init).length === 1))
    return { ok: true };
  if (
    !isMap(init) ||
    Object.keys(init).length !== 1 ||
    !Object.hasOwn(init, "lit") ||
    !LITERAL_INITIAL_TYPES.includes(type)
  )
    return { ok: false };
  const lit = init.lit;
  const fits =
    (type === "string" && typeof lit === "string") ||
    (type === "integer" && typeof lit === "number" && Number.isInteger(lit)) ||
    (type === "decimal" && typeof lit === "number") ||
    (type === "boolean" && typeof lit === "boolean");
  return fits ? { ok: true, value: lit as string | number | boolean } : { ok: false };
}

function classify(item: Json, kind: FlowKindDescriptor, out: ModelVariables): void {
  if (!isMap(item) || Object.keys(item).length !== 1) return;
  const [key, def] = Object.entries(item)[0];
  const type = variableKindType(key) as ValueType | undefined;
  const parts = isMap(def) ? splitName(def.name) : undefined;
  const keep = (): void => {
    out.raw.push(item as Record<string, unknown>);
  };
  if (
    !isMap(def) ||
    !parts ||
    !type ||
    !(VALUE_TYPES as readonly string[]).includes(type) ||
    parts.scope !== kind.variableScope ||
    !VARIABLE_NAME_PATTERN.test(parts.name) ||
    Object.keys(def).some((k) => !DECLARATION_KEYS.has(k))
  ) {
    keep();
    return;
  }
  const name = parts.name;
  const taken = [out.variables, out.inputs, out.outputs].some((r) =>
    Object.keys(r).some((n) => n.toLowerCase() === name.toLowerCase()),
  );
  if (taken) {
    keep();
    return;
  }
  const description =
    typeof def.description === "string" && def.description !== "" ? { description: def.description } : {};
  const init = literalInitial(def.initialValue, type);
  const isInput = def.isInput === true;
  const isOutput = def.isOutput === true;
  if (kind.isModule && (isInput || isOutput)) {
    // A module's inputs and outputs start unset in the model; both at once has no model field.
    if (isInput === isOutput || !init.ok || init.value !== undefined) keep();
    else if (isInput) out.inputs[name] = { type, ...description, required: false };
    else out.outputs[name] = { type, ...description };
    return;
  }
  if (isInput || isOutput || !init.ok) keep();
  else out.variables[name] = { type, ...description, ...(init.value !== undefined ? { initial: init.value } : {}) };
}

export function importVariables(body: Record<string, Json>, kind: FlowKindDescriptor): VariablePass {
  const parameterised = tasksGivenInputs(body);
  const names = liftedNames(body, parameterised);
  const used = usedOwnNames(body, kind.variableScope);
  const rename = new Map<string, string>();
  const lifted: Array<[string, string]> = [];
  for (const [lower, { scope, name }] of [...names].sort(([a], [b]) => cmp(a, b))) {
    let candidate = used.has(name.toLowerCase()) ? `${scope}_${name}` : name;
    for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${scope}_${name}_${i}`;
    used.add(candidate.toLowerCase());
    const full = `${kind.variableScope}.${candidate}`;
    rename.set(lower, full);
    lifted.push([`${scope}.${name}`, full]);
  }
  const renamed = renameAll(body, rename, parameterised) as Record<string, Json>;
  const { body: withoutElementDeclarations, declarations } = takeElementDeclarations(renamed, parameterised);
  const declared: ModelVariables = { variables: {}, inputs: {}, outputs: {}, raw: [] };
  const flowLevel = Array.isArray(withoutElementDeclarations.variables) ? withoutElementDeclarations.variables : [];
  // Lifted declarations of the same variable (two states declaring State.x) are one variable now.
  // The first declaration of a name is kept; a flow-level one that differs from it is told.
  const seen = new Map<string, number>();
  const conflicting: VariablePass["conflicting"] = [];
  const all = [...flowLevel, ...declarations];
  all.forEach((item, i) => {
    const def = isMap(item) ? Object.values(item)[0] : undefined;
    const name = isMap(def) && typeof def.name === "string" ? def.name : undefined;
    const first = name !== undefined ? seen.get(name.toLowerCase()) : undefined;
    if (name !== undefined && first !== undefined) {
      if (i < flowLevel.length && !isDeepStrictEqual(all[first], item))
        conflicting.push({ name, index: i, kept: first });
      return;
    }
    if (name !== undefined) seen.set(name.toLowerCase(), i);
    classify(item, kind, declared);
  });
  const { variables: _variables, ...rest } = withoutElementDeclarations;
  return { body: rest, declared, lifted, parameterised, conflicting };
}
