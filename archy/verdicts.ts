// The three verdicts of the Archy validator, and which one each of its rules gives, with why.
//
//  - invalid: certain. The format or Genesys's documentation makes the flow unpublishable (a
//    reference to a task that does not exist, an unknown value wrapper, a literal of the wrong
//    type where the type is closed, an expression that does not parse, ...). An error everywhere:
//    import, lint, the planner, the policy pack and the emulator.
//  - unknown: a name the catalogue (archy/catalogue) does not have: a key, setting, action,
//    function, overload, variable scope, built-in variable or enum value. Genesys keeps adding
//    them, so this is a warning naming the nearest known names, and an error only in strict mode
//    (the emulator's --strict, and the stacks whose policy config makes rule archy-unknown
//    mandatory). Closeness to a known name is not evidence of a typo: real exports use
//    `FindQueueById` next to `FindQueue`, `ToAudioNumber` with one and with two arguments.
//  - note: valid Archy worth a look (actions after a jump that never run). Never an error.
//
// Whatever the rule, a value holding a `{{placeholder}}` where the format wants more than text (a
// Boolean, a number, a reference, a variable name) is unknown before a stack fills it, never
// invalid: the provider puts the stack's text in its place before the publish.
//
// A rule that gives different verdicts depending on what it knows says so below; which way a
// finding goes is decided from catalogue data (a function's overload list is complete or not, a
// key is documented as required or only seen), never from special cases in the validator.

export type Verdict = "invalid" | "unknown" | "note";

interface RuleEntry {
  id: string;
  verdict: Verdict | "by-catalogue";
  /** One line: why this verdict. */
  why: string;
  /** What the finding is about: the flow itself, or the org's objects (only the org check reports those). */
  about?: "org";
}

const TABLE = {
  documentShape: {
    id: "document-shape",
    verdict: "invalid",
    why: "an Archy file is one mapping with one flow-type key; anything else cannot be read at all",
  },
  unknownFlowType: {
    id: "unknown-flow-type",
    verdict: "unknown",
    why: "Genesys adds flow types; a top-level key the catalogue lacks may be one of them",
  },
  missingRequiredKey: {
    id: "missing-required-key",
    verdict: "by-catalogue",
    why: "invalid where the catalogue marks the key documented as required (a flow's name, its startUpRef); unknown where the key was only seen in every export",
  },
  unknownKey: {
    id: "unknown-key",
    verdict: "unknown",
    why: "a key the catalogue lacks may be a setting Genesys added; it is named with the nearest known keys",
  },
  keyNotAllowed: {
    id: "key-not-allowed",
    verdict: "by-catalogue",
    why: "invalid for keys the documentation ties to calls (audio, menus, speech) in a flow type with no call; unknown for a known key in a flow type where the catalogue has not seen it",
  },
  invalidValue: {
    id: "invalid-value",
    verdict: "by-catalogue",
    why: 'invalid where the type is closed (a Boolean, a whole number, a duration, a list, a mapping) and the value is of another ("three" for a whole number); unknown for an enum value the catalogue has not seen, and for a Boolean or a number written in quotes ("true", "3": what a substitution into a quoted placeholder gives)',
  },
  invalidWrapper: {
    id: "invalid-wrapper",
    verdict: "by-catalogue",
    why: "invalid for a wrapper outside the closed set of the format (lit, exp, noValue, tts, prompt, var, and the audio forms the catalogue lists); unknown for null in an optional audio setting (initialGreeting: null), a form real exports hold and no source refuses",
  },
  unknownAction: {
    id: "unknown-action",
    verdict: "unknown",
    why: "Genesys keeps adding actions; an action key the catalogue lacks is named with the nearest known ones",
  },
  actionNotAllowed: {
    id: "action-not-allowed",
    verdict: "by-catalogue",
    why: "invalid where the documentation says the flow type lacks the action; unknown where the catalogue has simply not seen it there",
  },
  unknownOutputPath: {
    id: "unknown-output-path",
    verdict: "unknown",
    why: "an output path the catalogue lacks for a known action may be one Genesys added",
  },
  expressionSyntax: {
    id: "expression-syntax",
    verdict: "by-catalogue",
    why: "invalid for an expression that does not parse, which cannot be evaluated; unknown for a form other expression languages have that neither the documentation nor an export shows (&&, ||, <>, an exponent, a list in brackets): Architect may accept it; &&, || and <> can only mean and, or and !=, so the rest of the expression is checked as if those were written",
  },
  expressionType: {
    id: "expression-type",
    verdict: "by-catalogue",
    why: "invalid for a mismatch between two types that are certain (a literal, a variable the flow declares, a module's declared input or output, an operator's result) with no documented conversion: Architect's expressions are typed and convert only a result, to text (help:implicit-casting); invalid for a call whose arity no overload of a function with a complete (documented) overload list accepts; unknown where a type comes from the catalogue (a built-in, a function's result, a member), and for an expression that parses only once its {{placeholders}} are filled (the stack's substitutions come first)",
  },
  unknownVariable: {
    id: "unknown-variable",
    verdict: "by-catalogue",
    why: "invalid for a Flow/Task/State/Common variable nothing declares or writes, or a built-in the documentation puts in other flow types; unknown for a scope or built-in the catalogue lacks",
  },
  variableScope: {
    id: "variable-scope",
    verdict: "invalid",
    why: "the documentation gives each flow type its variable scopes (Task variables in tasks, Common in modules, Slot in bots)",
  },
  readOnlyVariable: { id: "read-only-variable", verdict: "invalid", why: "built-in variables are read-only" },
  unknownReference: {
    id: "unknown-reference",
    verdict: "by-catalogue",
    why: "invalid for a reference to a task, state, menu or choice that does not exist, which cannot be followed; unknown for one to an element the flow has, of a kind the catalogue has not seen there (a deployed inboundCall export starting at a state)",
  },
  duplicateRefId: {
    id: "duplicate-ref-id",
    verdict: "invalid",
    why: "references name elements by refId, so two elements cannot share one",
  },
  invalidModuleCall: {
    id: "invalid-module-call",
    verdict: "by-catalogue",
    why: "invalid when the call names no module or maps values that are not mappings; unknown for a version selector the catalogue has not seen",
  },
  unknownCommonModule: {
    id: "unknown-common-module",
    verdict: "invalid",
    why: "a module call is resolved at publish by the module's published name",
  },
  incompatibleFlowType: {
    id: "incompatible-flow-type",
    verdict: "invalid",
    why: "a module runs only in the flow types its compatibleFlowTypes lists",
  },
  undeclaredModuleInput: {
    id: "undeclared-module-input",
    verdict: "invalid",
    why: "a module call maps only the inputs the module declares",
  },
  undeclaredModuleOutput: {
    id: "undeclared-module-output",
    verdict: "invalid",
    why: "a module call maps only the outputs the module declares",
  },
  moduleCallsModule: {
    id: "module-calls-module",
    verdict: "invalid",
    why: "the documentation: a common module cannot be used in another common module",
  },
  unmodelledReference: {
    id: "unmodelled-reference",
    verdict: "unknown",
    why: "the org's objects are not described, so a name cannot be checked",
    about: "org",
  },
  unknownOrgObject: {
    id: "unknown-org-object",
    verdict: "unknown",
    why: "the org file may be incomplete; the org-reference check reads the real org",
    about: "org",
  },
  dataActionContract: {
    id: "data-action-contract",
    verdict: "by-catalogue",
    why: "invalid for an input or output the described contract lacks; unknown for an input the flow does not give",
    about: "org",
  },
  unreachableAction: {
    id: "unreachable-action",
    verdict: "note",
    why: "exports of flows in use keep actions after a jump; they never run, and Genesys publishes them",
  },
  loopControl: { id: "loop-control", verdict: "invalid", why: "loopExit and loopNext act on the loop they are in" },
  caution: { id: "unverified-key", verdict: "unknown", why: "a key the documentation names but no export shows" },
} as const satisfies Record<string, RuleEntry>;

type RuleName = keyof typeof TABLE;

/** Stable rule ids (`RULES.unknownAction` is "unknown-action"). */
export const RULES = Object.fromEntries(Object.entries(TABLE).map(([k, v]) => [k, v.id])) as {
  readonly [K in RuleName]: (typeof TABLE)[K]["id"];
};

/** Each rule id with its verdict and why (README, tests). */
export const RULE_VERDICTS: readonly RuleEntry[] = Object.values(TABLE);

/** Rules about the org's objects: reported by whoever knows the org (the emulator, the org check), not by lint alone. */
export const ORG_RULES: ReadonlySet<string> = new Set(RULE_VERDICTS.filter((r) => r.about === "org").map((r) => r.id));

/** The severity of a verdict: invalid is an error; unknown an error only in strict mode; a note never. */
export function severityOf(verdict: Verdict, strict: boolean): "error" | "warning" {
  return verdict === "invalid" || (verdict === "unknown" && strict) ? "error" : "warning";
}

/**
 * One item per unknown name (`subject`) and scope (a file, a flow): the first, in the given order,
 * with the count of places appended to its message, so a 3,000-line real flow does not drown the
 * report. Items without a subject are kept as they are. Used by lint, the planner, the pack and the
 * emulator's publish messages alike.
 */
export function groupRepeats<T extends { subject?: string; message: string }>(
  items: readonly T[],
  scopeOf: (item: T) => string,
): T[] {
  const counts = new Map<string, number>();
  const keyOf = (item: T): string => `${scopeOf(item)}\u0000${item.subject}`;
  for (const item of items) if (item.subject !== undefined) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    if (item.subject === undefined) {
      out.push(item);
      continue;
    }
    const key = keyOf(item);
    if (seen.has(key)) continue;
    seen.add(key);
    const n = counts.get(key)!;
    out.push(n > 1 ? { ...item, message: `${item.message} (${n} places; the first is located here)` } : item);
  }
  return out;
}
