// Pre-pass of the validator: the variables a flow declares or writes (Archy creates a variable
// on its first write), and writtenVariables for raw actions embedded elsewhere.
import { variableKindType } from "../catalogue/flowTypes";
import { isKnownType, normalizeType, UNKNOWN, type ArchyType } from "../catalogue/types";
import { isMap } from "../json";

export interface Declared {
  /** Lower-case name -> {name as written, type; `written`: known only from an action writing it, not from a declaration}. */
  vars: Map<string, { name: string; type: ArchyType; written?: true }>;
}

// ---------------------------------------------------------------------------------------------
// Pre-passes: declarations, implicit variables and refIds.

/**
 * Every variable a flow declares (`variables` lists at any level) or writes. Archy creates a
 * variable the first time an action writes it: published exports read Task.* variables that only
 * an updateData statement or a getParticipantData attribute writes, and State.ErrorCode that only
 * a data action's failure output writes (shared/archy-corpus: Proactive_callback_offer,
 * EmailComprehendFlow). A variable nobody declares or writes cannot be read.
 */
export function collectDeclarations(body: Record<string, unknown>): Declared {
  const declared: Declared = { vars: new Map() };
  const visit = (v: unknown, parentKey: string | undefined): void => {
    if (Array.isArray(v)) {
      for (const item of v) visit(item, parentKey);
      return;
    }
    if (!isMap(v)) return;
    for (const [k, c] of Object.entries(v)) {
      if (parentKey === "variables" && isMap(c) && typeof c.name === "string") {
        const type = variableKindType(k);
        if (type !== undefined) declared.vars.set(c.name.toLowerCase(), { name: c.name, type: normalizeType(type) });
      }
      visit(c, k);
    }
  };
  visit(body, undefined);
  collectWrites(body, declared);
  return declared;
}

export function collectWrites(root: unknown, declared: Declared): void {
  const note = (name: unknown, type: ArchyType): void => {
    if (typeof name !== "string" || !/^[A-Za-z]+\.[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return;
    const key = name.toLowerCase();
    const prev = declared.vars.get(key);
    if (!prev) declared.vars.set(key, { name, type: normalizeType(type), written: true });
    else if (prev.type === UNKNOWN) declared.vars.set(key, { ...prev, type: normalizeType(type) });
  };
  const visit = (v: unknown, parentKey: string | undefined): void => {
    if (Array.isArray(v)) {
      for (const item of v) visit(item, parentKey);
      return;
    }
    if (!isMap(v)) return;
    if (parentKey === "statements") {
      for (const [type, st] of Object.entries(v)) if (isMap(st)) note(st.variable, isKnownType(type) ? type : UNKNOWN);
    }
    if (parentKey === "attribute" && typeof v.variable === "string") note(v.variable, "string");
    for (const [k, c] of Object.entries(v)) {
      if (k === "var") note(c, UNKNOWN);
      // Any other key that names a variable in plain text is where an action stores a value, as
      // updateData's and getParticipantData's `variable` are: an action the catalogue lacks may
      // write one so (`resultVariable: Flow.answer`), and Archy creates it on that first write.
      else if (typeof c === "string" && !NOT_VARIABLE_TARGETS.has(k) && VARIABLE_TARGET.test(c)) note(c, UNKNOWN);
      visit(c, k);
    }
  };
  visit(root, undefined);
}

/** A variable an action may store into: a declarable scope and a name. */
const VARIABLE_TARGET = /^(flow|task|state|common|slot)\.[a-z_][a-z0-9_]*$/i;

/** Keys whose plain text is never a variable an action writes: labels, declarations, value wrappers. */
const NOT_VARIABLE_TARGETS: ReadonlySet<string> = new Set([
  "name",
  "description",
  "refId",
  "lit",
  "exp",
  "tts",
  "prompt",
  "language",
]);

/**
 * Variables that the actions under `root` write (updateData statements, attribute variables,
 * `var` outputs), which Archy creates on first write: full name -> type (unknown when the write
 * does not say). For checking raw actions embedded elsewhere (the flow model's `archy` nodes).
 */
export function writtenVariables(root: unknown): Record<string, ArchyType> {
  const declared: Declared = { vars: new Map() };
  collectWrites(root, declared);
  return Object.fromEntries([...declared.vars.values()].map((d) => [d.name, d.type]));
}
