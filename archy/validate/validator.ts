// Validation of an Archy document the way Architect validates a flow before publishing it, driven
// by the tables of archy/catalogue/ (flowTypes.ts, actions.ts, builtins.ts). Pure: the document, a locator and the
// org's objects come in; findings come out.
//
// Every finding names the YAML path (inboundCall.tasks[0].task.actions[2].playAudio.audio), the
// line when a locator is given, a stable rule id, and says what to change. Errors are what
// Genesys refuses; warnings are what this validator cannot settle from the documentation or the
// public exports (an undocumented function, an action not known in a flow type, a reference to an
// org object when the org is not described).
import { ACTION_DEFAULT_EXTRA_KEYS, ACTIONS, MENU_CHOICES, type ActionInfo } from "../catalogue/actions";
import { BUILTIN_SCOPES } from "../catalogue/builtins";
import { availability } from "../catalogue/availability";
import { checkExpression, type TypeEnv } from "../expressions/check";
import {
  literalCalls,
  parseExpression,
  variableReferences,
  walkExpression,
  type ExpressionProblem,
} from "../expressions/parser";
import {
  aFlow,
  builtinVariable,
  DECLARED_SCOPES,
  ERROR_HANDLING_KINDS,
  FLOW_TYPES,
  flowTypeByLowerType,
  flowTypeInfo,
  MENU_FIELDS,
  TOP_LEVEL_KEYS,
  variableKindType,
  VOICE_ONLY_KEYS,
  RUN_ON_CALLS,
  isWritableBuiltin,
  type FlowTypeInfo,
} from "../catalogue/flowTypes";
import { isSystemPrompt, userPromptName } from "../org";
import { fillPlaceholders, firstPlaceholder } from "../placeholder";
import { AUDIO_WRAPPERS, OUTPUT_WRAPPERS, VALUE_WRAPPERS, WRAPPERS, type Spec } from "../catalogue/schema";
import { OBJECT_KIND_OF_FIELD, OBJECT_KIND_OF_TYPE, type ObjectKind } from "../orgObjectKinds";
import { closest, didYouMean, nearestText } from "../suggest";
import { RULES, severityOf, type Verdict } from "../verdicts";
import {
  describeType,
  fits,
  isCollection,
  isKnownType,
  elementType,
  normalizeType,
  SCALAR_TYPES,
  UNKNOWN,
  type ArchyType,
} from "../catalogue/types";
import type { ArchyFinding, OrgReference, ValidateOptions } from "./types";
import { type Path, type Json, formatPath } from "./path";
import { type Declared, collectDeclarations, collectWrites } from "./declarations";
import { duplicateRefIdMessage, collectRefIds } from "./refIds";
import { flowEnv, scopeNotAvailable } from "./typeEnv";
import { isMap } from "../json";

/**
 * The org lookups of expressions that name an object by its name (archy/catalogue/functions.ts,
 * "Org objects"): a literal argument names an object the org must have, or the lookup gives
 * NOT_SET at run time. FindUser is left out: it finds a user by other than the name the users list
 * gives. The *ById lookups name ids, not names.
 */
const LOOKUP_FUNCTIONS: Readonly<Record<string, ObjectKind>> = {
  FindQueue: "queue",
  FindSkill: "skill",
  FindLanguageSkill: "languageSkill",
  FindScheduleGroup: "scheduleGroup",
  FindEmergencyGroup: "emergencyGroup",
  FindUserPrompt: "prompt",
};

function describe(v: unknown): string {
  if (v === undefined || v === null) return "nothing";
  if (typeof v === "string")
    return v === "" ? "an empty string" : JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return "a list";
  return "a mapping";
}

const REF = /^(?:\/([A-Za-z]+)|\.)\/([A-Za-z]+)\/([A-Za-z]+)\[(.+)\]$/;
const CONTAINER_OF: Readonly<Record<string, string>> = { task: "tasks", menu: "menus", state: "states", bot: "bots" };
const MAX_FINDINGS = 200;
/** Parts of a date or time literal written as a mapping. */
const DATE_PARTS = ["year", "month", "day", "hour", "minute", "second", "ms"];

interface Scope {
  ft: FlowTypeInfo;
  /** For a common module: the flow types it may be called from (availability is checked against them). */
  callers: FlowTypeInfo[];
  env: TypeEnv;
  declared: Declared;
  /** Whether the actions being checked are inside a loop path. */
  inLoop: boolean;
  /** refIds by kind, when the whole document is known. */
  refs?: Map<string, Set<string>>;
}

export class Validator {
  private findings: ArchyFinding[] = [];

  constructor(private readonly opts: ValidateOptions) {}

  done(): ArchyFinding[] {
    return this.findings;
  }

  private invalidCount = 0;
  private otherCount = 0;

  /** Enough findings: loops stop early so a hostile document (60 000 unknown keys) costs little. */
  private full(): boolean {
    return this.invalidCount >= MAX_FINDINGS && this.otherCount >= MAX_FINDINGS;
  }

  private add(path: Path, verdict: Verdict, rule: string, message: string, subject?: string): void {
    // Separate caps: a long run of unknown names must not hide an error after it.
    const counted = verdict === "invalid" ? this.invalidCount : this.otherCount;
    if (counted >= MAX_FINDINGS) return;
    if (verdict === "invalid") this.invalidCount++;
    else this.otherCount++;
    const loc = this.opts.locate?.(path);
    const finding: ArchyFinding = {
      path: formatPath(path),
      verdict,
      severity: severityOf(verdict, this.opts.strict === true),
      rule,
      message,
    };
    if (subject !== undefined) finding.subject = subject;
    if (loc) {
      finding.line = loc.line;
      if (loc.column !== undefined) finding.column = loc.column;
    }
    this.findings.push(finding);
  }

  /** Certain: Genesys refuses it (see archy/verdicts.ts). */
  private invalid(path: Path, rule: string, message: string): void {
    this.add(path, "invalid", rule, message);
  }

  /** A value that is not valid where it stands (invalid-value, what most checks find). */
  private invalidValue(path: Path, message: string): void {
    this.invalid(path, RULES.invalidValue, message);
  }

  /** A name the catalogue lacks (`subject`: what, e.g. "action callLexV2Bot"). */
  private unknown(path: Path, rule: string, message: string, subject: string): void {
    this.add(path, "unknown", rule, message, subject);
  }

  /**
   * A variable name that is not one. Certain for a name as written; for a name holding
   * `{{placeholders}}`, which the provider fills before the publish, only once they are filled (a
   * stack's checks see the filled name): unknown here, never invalid.
   */
  private variableName(path: Path, name: string, message: string): void {
    const placeholder = firstPlaceholder(name)?.text;
    if (placeholder === undefined) this.invalid(path, RULES.variableScope, message);
    else this.placeholderValue(path, placeholder, RULES.variableScope, message);
  }

  /**
   * A value written as a `{{placeholder}}` where the format wants more than free text
   * (`asrEnabledOnFlow: {{asr}}`, `priority: {lit: {{prio}}}`, a reference to `task[{{start}}]`):
   * the provider puts each stack's text in its place before the publish, so nothing certain can be
   * said before; a stack's checks see the filled value. Unknown here, never invalid.
   */
  private placeholderValue(path: Path, placeholder: string, rule: string, problem: string): void {
    this.unknown(
      path,
      rule,
      `${problem}; it holds ${placeholder}, which each stack fills before the publish, so it is checked with the stack's substitutions (lint --stack, preview, up)`,
      `value with ${placeholder}`,
    );
  }

  /**
   * A Boolean or a number written in quotes (`asrEnabledOnFlow: "true"`, `lit: "3"`, as a stack's
   * substitution into a quoted placeholder writes it): no export shows the form, and Architect may
   * read the text as the value: unknown, not invalid.
   */
  private quoted(path: Path, field: string, text: unknown, what: string): void {
    this.unknown(
      path,
      RULES.invalidValue,
      `"${field}" takes ${what}, found the text ${JSON.stringify(text)}; written without quotes it is one`,
      `quoted value of ${field}`,
    );
  }

  private tellReference(path: Path, ref: Omit<OrgReference, "path" | "line" | "column">): void {
    if (!this.opts.onReference) return;
    const loc = this.opts.locate?.(path);
    this.opts.onReference({
      ...ref,
      path: formatPath(path),
      ...(loc ? { line: loc.line, ...(loc.column !== undefined ? { column: loc.column } : {}) } : {}),
    });
  }

  /** Valid Archy worth a look. */
  private note(path: Path, rule: string, message: string): void {
    this.add(path, "note", rule, message);
  }

  // -------------------------------------------------------------------------------------------
  // Document level

  document(doc: Json): void {
    if (!isMap(doc) || Object.keys(doc).length !== 1) {
      this.invalid(
        [],
        RULES.documentShape,
        "a flow file must be a mapping with exactly one key naming the flow type (inboundCall, commonModule, ...)",
      );
      return;
    }
    const archyKey = Object.keys(doc)[0];
    const ft = flowTypeInfo(archyKey);
    if (!ft) {
      this.unknown(
        [archyKey],
        RULES.unknownFlowType,
        `"${archyKey}" is not a flow type the catalogue knows${nearestText(archyKey, Object.keys(FLOW_TYPES))}; the flow is not checked (known: ${Object.keys(FLOW_TYPES).join(", ")})`,
        `flow type ${archyKey}`,
      );
      return;
    }
    const body = doc[archyKey];
    if (!isMap(body)) {
      this.invalid(
        [archyKey],
        RULES.documentShape,
        `the value of "${archyKey}" must be a mapping of the flow's settings`,
      );
      return;
    }
    const base: Path = [archyKey];

    const callers = this.moduleCallers(ft, body, base);
    const declared = collectDeclarations(body);
    const refs = collectRefIds(body, base, (p, refId, uses) =>
      this.invalid(p, RULES.duplicateRefId, duplicateRefIdMessage(refId, uses)),
    );
    for (const [kind, ids] of this.opts.refs ?? []) refs.set(kind, new Set([...(refs.get(kind) ?? []), ...ids]));
    const scope: Scope = { ft, callers, env: flowEnv(ft, declared, callers), declared, inLoop: false, refs };

    this.topLevelKeys(ft, body, base, scope);
    this.required(ft, body, base);
    // Flow-level variables: the flow's scopes other than Task and State (Flow, Common in modules, Slot in bots).
    this.variablesList(
      body.variables,
      [...base, "variables"],
      scope,
      ft.variableScopes.filter((s) => s !== "Task" && s !== "State"),
    );

    if (body.menus !== undefined) this.menus(body.menus, [...base, "menus"], scope);
    if (body.tasks !== undefined) this.elements(body.tasks, [...base, "tasks"], "task", scope);
    if (body.states !== undefined) this.elements(body.states, [...base, "states"], "state", scope);
    if (body.bots !== undefined) this.elements(body.bots, [...base, "bots"], "bot", scope);
    if (body.startUpTaskActions !== undefined)
      this.actionList(body.startUpTaskActions, [...base, "startUpTaskActions"], scope);
    // The start-up task's own variables (in-queue call flows, modules).
    this.variablesList(body.startUpTaskVariables, [...base, "startUpTaskVariables"], scope, ["Task"]);
    // In-queue email and message flows: a start-up state and a periodic state, each one element.
    for (const key of ["startUpState", "periodicState"] as const) {
      const el = body[key];
      if (el === undefined || !ft.bodies.includes(key)) continue;
      if (!isMap(el))
        this.invalidValue([...base, key], `${key} is a state written {name, refId, actions}, found ${describe(el)}`);
      else this.elementBody(el, [...base, key], "state", scope);
    }

    if (body.startUpRef !== undefined)
      this.reference(body.startUpRef, [...base, "startUpRef"], ft.startUpKinds, scope, "startUpRef");
    if (typeof body.defaultLanguage === "string" && isMap(body.supportedLanguages)) {
      const langs = Object.keys(body.supportedLanguages).map((l) => l.toLowerCase());
      if (!langs.includes(body.defaultLanguage.toLowerCase())) {
        this.note(
          [...base, "defaultLanguage"],
          RULES.invalidValue,
          `defaultLanguage "${body.defaultLanguage}" is not one of the supportedLanguages (${Object.keys(body.supportedLanguages).join(", ")})`,
        );
      }
    }
  }

  private moduleCallers(ft: FlowTypeInfo, body: Record<string, unknown>, base: Path): FlowTypeInfo[] {
    if (ft.archyKey !== "commonModule") return [ft];
    const settings = body.settingsCommonModule;
    const compat = isMap(settings) && Array.isArray(settings.compatibleFlowTypes) ? settings.compatibleFlowTypes : [];
    const callers: FlowTypeInfo[] = [];
    compat.forEach((c, i) => {
      const t = isMap(c) && typeof c.flowType === "string" ? c.flowType : undefined;
      if (t === undefined) return;
      const info = flowTypeByLowerType(t);
      const path = [...base, "settingsCommonModule", "compatibleFlowTypes", i, "flowType"];
      if (!info)
        this.invalidValue(
          path,
          `"${t}" is not a flow type${didYouMean(
            t,
            Object.values(FLOW_TYPES).map((f) => f.lowerType),
          )}`,
        );
      else if (info.archyKey === "commonModule")
        this.invalid(
          path,
          RULES.moduleCallsModule,
          "a common module cannot be called from a common module, so it cannot list commonmodule as compatible",
        );
      else callers.push(info);
    });
    return callers;
  }

  private topLevelKeys(ft: FlowTypeInfo, body: Record<string, unknown>, base: Path, scope: Scope): void {
    for (const [key, val] of Object.entries(body)) {
      if (this.full()) return;
      const path = [...base, key];
      if (!ft.keys.includes(key)) {
        const isVoiceFlow = ft.tags.includes("voice") || RUN_ON_CALLS.includes(ft.archyKey);
        if (VOICE_ONLY_KEYS.includes(key) && !isVoiceFlow) {
          this.invalid(
            path,
            RULES.keyNotAllowed,
            `"${key}" belongs to call flows; ${aFlow(ft.archyKey)} has no audio, menus or speech recognition`,
          );
        } else if (Object.hasOwn(TOP_LEVEL_KEYS, key)) {
          this.unknown(
            path,
            RULES.keyNotAllowed,
            `"${key}" is not known in ${ft.archyKey} flows (keys of ${aFlow(ft.archyKey)}: ${ft.keys.join(", ")})`,
            `setting ${key} in ${ft.archyKey}`,
          );
        } else {
          this.unknown(
            path,
            RULES.unknownKey,
            `flow setting "${key}" is not in the catalogue${nearestText(key, ft.keys)}; its value is checked only for value wrappers`,
            `setting ${key}`,
          );
          this.generic(val, path, scope);
          continue;
        }
        if (!Object.hasOwn(TOP_LEVEL_KEYS, key)) continue;
      }
      if (key === "settingsErrorHandling") this.errorHandling(val, path, scope);
      else if (key === "settingsInboundEmailHandling") {
        this.spec(val, TOP_LEVEL_KEYS[key], path, scope);
        if (isMap(val) && val.emailHandling !== undefined)
          this.oneOfKinds(
            val.emailHandling,
            [...path, "emailHandling"],
            ["disconnect", "queue"],
            scope,
            "email handling",
          );
      } else if (key === "settingsActionDefaults") this.actionDefaults(val, path, scope);
      else if (key === "startUpRef") {
        if (typeof val !== "string")
          this.invalidValue(
            path,
            `startUpRef must be a reference such as /${ft.archyKey}/tasks/task[refId], found ${describe(val)}`,
          );
      } else if (
        ![
          "variables",
          "menus",
          "tasks",
          "states",
          "bots",
          "startUpTaskActions",
          "startUpTaskVariables",
          "startUpState",
          "periodicState",
        ].includes(key)
      ) {
        this.spec(val, TOP_LEVEL_KEYS[key], path, scope);
      }
    }
  }

  private required(ft: FlowTypeInfo, body: Record<string, unknown>, base: Path): void {
    const required =
      ft.startUpRef === "required" && !ft.required.includes("startUpRef")
        ? [...ft.required, "startUpRef"]
        : ft.required;
    for (const key of required) {
      const v = body[key];
      if (v === undefined || v === null || v === "") {
        const why =
          key === "startUpRef"
            ? `: ${aFlow(ft.archyKey)} starts at the ${ft.startUpKinds.join(" or ")} it names (e.g. startUpRef: /${ft.archyKey}/${CONTAINER_OF[ft.startUpKinds[0]]}/${ft.startUpKinds[0]}[refId])`
            : key === "name"
              ? ": the flow is published under this name"
              : "";
        this.invalid([...base, key], RULES.missingRequiredKey, `required key "${key}" is missing${why}`);
      }
    }
    if (ft.archyKey === "commonModule") {
      const settings = body.settingsCommonModule;
      const compat = isMap(settings) ? settings.compatibleFlowTypes : undefined;
      if (isMap(settings) && (!Array.isArray(compat) || compat.length === 0)) {
        this.invalid(
          [...base, "settingsCommonModule", "compatibleFlowTypes"],
          RULES.missingRequiredKey,
          `required key "settingsCommonModule.compatibleFlowTypes" is missing or empty: list the flow types that may call this module`,
        );
      }
    }
    if (ft.startUpRef === "none" && body.startUpRef !== undefined) {
      this.invalid(
        [...base, "startUpRef"],
        RULES.keyNotAllowed,
        `${aFlow(ft.archyKey)} has no startUpRef: it starts with its startUpTaskActions`,
      );
    }
  }

  private errorHandling(val: unknown, path: Path, scope: Scope): void {
    this.spec(val, TOP_LEVEL_KEYS.settingsErrorHandling, path, scope);
    if (isMap(val) && val.errorHandling !== undefined)
      this.oneOfKinds(val.errorHandling, [...path, "errorHandling"], scope.ft.errorHandling, scope, "error handling");
    if (isMap(val)) {
      for (const k of ["recognitionFailureEventHandling", "agentEscalationHandling"]) {
        if (val[k] !== undefined)
          this.oneOfKinds(val[k], [...path, k], scope.ft.errorHandling, scope, "event handling");
      }
    }
  }

  /** `{<kind>: {...}}` with exactly one kind (error handling, email handling). */
  private oneOfKinds(val: unknown, path: Path, allowed: readonly string[], scope: Scope, what: string): void {
    if (!isMap(val) || Object.keys(val).length !== 1) {
      this.invalidValue(
        path,
        `${what} must be a mapping with exactly one kind (${allowed.join(", ") || "none"}), found ${describe(val)}`,
      );
      return;
    }
    const kind = Object.keys(val)[0];
    const kindPath = [...path, kind];
    if (!Object.hasOwn(ERROR_HANDLING_KINDS, kind)) {
      this.unknown(
        kindPath,
        RULES.invalidValue,
        `${what} "${kind}" is not in the catalogue${nearestText(kind, Object.keys(ERROR_HANDLING_KINDS))} (${aFlow(scope.ft.archyKey)} is known to use ${allowed.join(", ") || "none"})`,
        `${what} ${kind}`,
      );
      this.generic(val[kind], kindPath, scope);
      return;
    }
    if (!allowed.includes(kind))
      this.unknown(
        kindPath,
        RULES.invalidValue,
        `${what} "${kind}" is not known in ${scope.ft.archyKey} flows (they use ${allowed.join(", ")})`,
        `${what} ${kind} in ${scope.ft.archyKey}`,
      );
    this.spec(val[kind], ERROR_HANDLING_KINDS[kind], kindPath, scope);
  }

  private actionDefaults(val: unknown, path: Path, scope: Scope): void {
    if (!isMap(val)) {
      this.invalidValue(
        path,
        `settingsActionDefaults must be a mapping of action names to their defaults, found ${describe(val)}`,
      );
      return;
    }
    const known = [...Object.keys(ACTIONS), ...ACTION_DEFAULT_EXTRA_KEYS];
    for (const [key, defaults] of Object.entries(val)) {
      if (!known.includes(key))
        this.unknown(
          [...path, key],
          RULES.unknownKey,
          `"${key}" is not an action with defaults the catalogue knows${didYouMean(key, known)}`,
          `action default ${key}`,
        );
      this.generic(defaults, [...path, key], scope);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Variables

  private variablesList(list: unknown, path: Path, scope: Scope, scopes: readonly string[]): void {
    if (list === undefined || list === null) return;
    if (!Array.isArray(list)) {
      this.invalidValue(
        path,
        `variables must be a list of "- <type>Variable: {name: ...}" items, found ${describe(list)}`,
      );
      return;
    }
    list.forEach((item, i) => {
      const ip = [...path, i];
      if (!isMap(item) || Object.keys(item).length !== 1) {
        this.invalidValue(ip, `a variable is written "- <type>Variable: {name: Scope.name}", found ${describe(item)}`);
        return;
      }
      const kind = Object.keys(item)[0];
      const type = variableKindType(kind);
      const def = item[kind];
      const kp = [...ip, kind];
      if (type === undefined) {
        this.invalidValue(kp, `"${kind}" is not a variable kind (stringVariable, integerVariable, queueVariable, ...)`);
        return;
      }
      if (!isKnownType(type))
        this.unknown(
          kp,
          RULES.invalidValue,
          `"${kind}": "${type}" is not a data type this validator knows${didYouMean(kind, KNOWN_VARIABLE_KINDS)}`,
          `data type ${type}`,
        );
      if (!isMap(def)) {
        this.invalidValue(kp, `"${kind}" needs a mapping with at least a name, found ${describe(def)}`);
        return;
      }
      this.spec(
        def,
        {
          k: "object",
          fields: {
            name: { k: "string", nonEmpty: true },
            initialValue: { k: "value", type },
            isInput: { k: "boolean" },
            isOutput: { k: "boolean" },
            description: { k: "string" },
          },
          required: ["name"],
        },
        kp,
        scope,
      );
      if (typeof def.name === "string") {
        const filled = placeholdersFilled(def.name);
        const [sc, rest] = [filled.split(".")[0], filled.split(".").slice(1).join(".")];
        if (!rest || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(rest)) {
          this.variableName(
            [...kp, "name"],
            def.name,
            `variable name "${def.name}" must be <Scope>.<name> (letters, digits, _), e.g. ${scopes[0]}.myValue`,
          );
        } else if (Object.entries(BUILTIN_SCOPES).some(([k, v]) => v.partial && k.toLowerCase() === sc.toLowerCase())) {
          this.unknown(
            [...kp, "name"],
            RULES.unknownVariable,
            `variable "${def.name}": whether a flow declares ${sc} variables is not documented; it is not checked`,
            `variable scope ${sc}`,
          );
        } else if (!scopes.some((s) => s.toLowerCase() === sc.toLowerCase())) {
          this.variableName(
            [...kp, "name"],
            def.name,
            `variable "${def.name}" is declared here, where variables are ${scopes.map((s) => `${s}.*`).join(" or ")}`,
          );
        }
      }
    });
  }

  // -------------------------------------------------------------------------------------------
  // Bodies

  private menus(list: unknown, path: Path, scope: Scope): void {
    if (!scope.ft.bodies.includes("menus")) return; // reported by topLevelKeys
    this.elements(list, path, "menu", scope);
  }

  /** tasks / states / bots / menus: `- <kind>: {name, refId, ...}`. */
  private elements(list: unknown, path: Path, kind: "task" | "state" | "bot" | "menu", scope: Scope): void {
    if (!Array.isArray(list)) {
      this.invalidValue(
        path,
        `${CONTAINER_OF[kind]} must be a list of "- ${kind}: {...}" items, found ${describe(list)}`,
      );
      return;
    }
    list.forEach((item, i) => {
      const ip = [...path, i];
      if (!isMap(item) || Object.keys(item).length !== 1 || !isMap(item[kind])) {
        const found = isMap(item) ? Object.keys(item).join(", ") : describe(item);
        this.invalidValue(ip, `each item of ${CONTAINER_OF[kind]} is "- ${kind}: {...}", found ${found}`);
        return;
      }
      const el = item[kind] as Record<string, unknown>;
      const ep = [...ip, kind];
      if (kind === "menu") {
        this.menu(el, ep, scope);
        return;
      }
      this.elementBody(el, ep, kind, scope);
    });
  }

  private elementBody(el: Record<string, unknown>, ep: Path, kind: "task" | "state" | "bot", scope: Scope): void {
    const fields: Record<string, Spec> = {
      name: { k: "string", nonEmpty: true },
      refId: { k: "string", nonEmpty: true },
      description: { k: "string" },
      variables: { k: "skip" },
      actions: { k: "skip" },
    };
    if (kind === "task")
      fields.outputPaths = {
        k: "list",
        item: {
          k: "object",
          fields: {
            outputPath: { k: "object", fields: { name: { k: "string", nonEmpty: true } }, required: ["name"] },
          },
          required: ["outputPath"],
        },
      };
    this.spec(el, { k: "object", fields, required: ["name"] }, ep, scope);
    if (el.refId === undefined)
      this.note([...ep, "refId"], RULES.missingRequiredKey, `this ${kind} has no refId, so nothing can refer to it`);
    this.variablesList(el.variables, [...ep, "variables"], scope, [
      kind === "state" ? "State" : kind === "bot" ? "Flow" : "Task",
    ]);
    if (el.actions === undefined) {
      // Every export writes the list, but an element with no actions may be exported without one: not certain.
      this.unknown(
        [...ep, "actions"],
        RULES.missingRequiredKey,
        `this ${kind} has no "actions" list (every export writes one, empty or not); it runs nothing`,
        `${kind} without actions`,
      );
    } else {
      this.actionList(el.actions, [...ep, "actions"], scope);
    }
  }

  private menu(el: Record<string, unknown>, ep: Path, scope: Scope): void {
    this.spec(el, { k: "object", fields: MENU_FIELDS, required: ["name", "choices"] }, ep, scope);
    if (el.refId === undefined)
      this.note([...ep, "refId"], RULES.missingRequiredKey, "this menu has no refId, so nothing can refer to it");
    const choices = el.choices;
    if (choices === undefined) return;
    const cp = [...ep, "choices"];
    if (!Array.isArray(choices)) {
      this.invalidValue(
        cp,
        `choices must be a list of menu choices (- menuJumpToTask: {...}), found ${describe(choices)}`,
      );
      return;
    }
    const dtmfSeen = new Map<string, number>();
    choices.forEach((item, i) => {
      const ip = [...cp, i];
      if (!isMap(item) || Object.keys(item).length !== 1) {
        this.invalidValue(
          ip,
          `a menu choice is a mapping with one key (menuJumpToTask, menuDisconnect, ...), found ${describe(item)}`,
        );
        return;
      }
      const key = Object.keys(item)[0];
      const kp = [...ip, key];
      const info = Object.hasOwn(MENU_CHOICES, key) ? MENU_CHOICES[key] : undefined;
      if (!info) {
        const inActions = Object.hasOwn(ACTIONS, key)
          ? `; "${key}" is an action: menus hold choices, run actions from a menuTask`
          : "";
        this.unknown(
          kp,
          RULES.unknownAction,
          `menu choice "${key}" is not in the catalogue${nearestText(key, Object.keys(MENU_CHOICES))}${inActions}`,
          `menu choice ${key}`,
        );
        this.generic(item[key], kp, scope);
        return;
      }
      const body = item[key];
      if (!isMap(body)) {
        this.invalidValue(kp, `"${key}" needs a mapping with at least a name, found ${describe(body)}`);
        return;
      }
      this.spec(
        body,
        {
          k: "object",
          fields: { name: { k: "string", nonEmpty: true }, ...info.fields },
          required: info.required ?? [],
          ...(info.partial ? { partial: `menu choice ${key}` } : {}),
        },
        kp,
        scope,
      );
      if (typeof body.dtmf === "string") {
        const prev = dtmfSeen.get(body.dtmf);
        if (prev !== undefined)
          this.invalidValue([...kp, "dtmf"], `${body.dtmf} is already used by choice ${prev} of this menu`);
        else dtmfSeen.set(body.dtmf, i);
      }
      if (key === "menuTask" && isMap(body.task)) {
        this.variablesList(body.task.variables, [...kp, "task", "variables"], scope, ["Task"]);
        if (body.task.actions !== undefined) this.actionList(body.task.actions, [...kp, "task", "actions"], scope);
      }
      if (key === "menuSubMenu" && isMap(body.menu)) this.menu(body.menu, [...kp, "menu"], scope);
      if (key === "menuTransferToAcd") this.checkActionAvailability("transferToAcd", ACTIONS.transferToAcd, kp, scope);
    });
  }

  // -------------------------------------------------------------------------------------------
  // Actions

  actionListOnly(
    list: unknown,
    ft: FlowTypeInfo,
    variables: Record<string, ArchyType>,
    basePath: Path,
    callers: FlowTypeInfo[],
    inLoop: boolean,
  ): void {
    const declared: Declared = { vars: new Map() };
    for (const [name, type] of Object.entries(variables))
      declared.vars.set(name.toLowerCase(), { name, type: normalizeType(type) });
    collectWrites(list, declared);
    const refs = this.opts.refs ? new Map([...this.opts.refs].map(([k, v]) => [k, new Set(v)])) : undefined;
    const scope: Scope = {
      ft,
      callers,
      env: flowEnv(ft, declared, callers),
      declared,
      inLoop,
      ...(refs ? { refs } : {}),
    };
    this.actionList(list, basePath, scope);
  }

  private actionList(list: unknown, path: Path, scope: Scope): void {
    if (list === null || list === undefined) return;
    if (!Array.isArray(list)) {
      this.invalidValue(path, `actions must be a list of "- <action>: {...}" items, found ${describe(list)}`);
      return;
    }
    let terminatedBy: string | undefined;
    list.forEach((item, i) => {
      if (this.full()) return;
      const ip = [...path, i];
      if (!isMap(item) || Object.keys(item).length !== 1) {
        const keys = isMap(item) ? Object.keys(item) : [];
        this.invalidValue(
          ip,
          keys.length > 1
            ? `an action is a mapping with exactly one key, the action, found ${keys.join(", ")}: start each action with "- "`
            : `an action is "- <action>: {...}", found ${describe(item)}`,
        );
        return;
      }
      const key = Object.keys(item)[0];
      if (terminatedBy !== undefined) {
        this.note(ip, RULES.unreachableAction, `"${key}" never runs: "${terminatedBy}" before it ends the path`);
        terminatedBy = undefined; // say it once per list
      }
      const info = this.action(key, item[key], [...ip, key], scope);
      if (info?.terminates) terminatedBy = key;
    });
  }

  private action(key: string, body: unknown, path: Path, scope: Scope): ActionInfo | undefined {
    const info = Object.hasOwn(ACTIONS, key) ? ACTIONS[key] : undefined;
    if (!info) {
      const why = Object.hasOwn(MENU_CHOICES, key)
        ? `; "${key}" is a menu choice the catalogue knows, which belongs in a menu's choices`
        : nearestText(key, Object.keys(ACTIONS));
      this.unknown(
        path,
        RULES.unknownAction,
        `action "${key}" is not in the catalogue${why}; its fields are checked only for value wrappers`,
        `action ${key}`,
      );
      this.generic(body, path, scope);
      return undefined;
    }
    if (!isMap(body)) {
      this.invalidValue(path, `"${key}" needs a mapping with at least a name, found ${describe(body)}`);
      return info;
    }
    this.checkActionAvailability(key, info, path, scope);
    if (info.caution) this.unknown(path, RULES.caution, `${key}: ${info.caution}`, `action ${key}`);
    if (info.insideLoop && !scope.inLoop)
      this.invalid(path, RULES.loopControl, `"${key}" is only valid inside the loop path of a loop action`);

    const fields: Record<string, Spec> = { name: { k: "string", nonEmpty: true }, ...info.fields };
    if (info.outputs !== undefined && fields.outputs === undefined)
      fields.outputs = { k: "paths", paths: info.outputs === "any" ? undefined : info.outputs };
    // An action's `name` is its label; exports of older flows leave it out (export:cache-example).
    this.spec(
      body,
      { k: "object", fields, required: info.required ?? [], ...(info.partial ? { partial: `action ${key}` } : {}) },
      path,
      scope,
      { actionKey: key },
    );

    switch (key) {
      case "updateData":
        this.statements(body.statements, [...path, "statements"], scope);
        break;
      case "callCommonModule":
        this.moduleCall(body, path, scope);
        break;
      case "callData":
        this.dataActionCall(body, path, scope);
        break;
      case "callBotFlow":
      case "callDigitalBotFlow":
        this.botCall(key, body, path, scope);
        break;
      default:
        break;
    }
    return info;
  }

  private checkActionAvailability(key: string, info: ActionInfo, path: Path, scope: Scope): void {
    const verdicts = scope.callers.map((ft) => availability(key, info, ft));
    if (verdicts.length === 0) return;
    const callerNames = scope.callers.map((f) => f.archyKey);
    if (verdicts.every((v) => v === "no")) {
      const where =
        scope.ft.archyKey === "commonModule"
          ? `a common module compatible with ${callerNames.join(", ")}`
          : aFlow(scope.ft.archyKey);
      this.invalid(
        path,
        RULES.actionNotAllowed,
        `"${key}" is not available in ${where}${actionNotAllowedReason(info)}`,
      );
    } else if (verdicts.some((v) => v !== "yes")) {
      const doubtful = scope.callers.filter((_, i) => verdicts[i] !== "yes").map((f) => f.archyKey);
      this.unknown(
        path,
        RULES.actionNotAllowed,
        `"${key}" is not known to be available in ${doubtful.join(", ")} flows`,
        `action ${key} in ${doubtful.join(", ")}`,
      );
    }
  }

  private statements(list: unknown, path: Path, scope: Scope): void {
    if (!Array.isArray(list)) return; // spec() reported it
    list.forEach((item, i) => {
      const ip = [...path, i];
      if (!isMap(item) || Object.keys(item).length !== 1) {
        this.invalidValue(
          ip,
          `a statement is "- <type>: {variable: Scope.name, value: {...}}", found ${describe(item)}`,
        );
        return;
      }
      const type = Object.keys(item)[0];
      const tp = [...ip, type];
      if (!isKnownType(type)) {
        this.unknown(
          tp,
          RULES.invalidValue,
          `"${type}" is not a data type the catalogue knows${nearestText(type, KNOWN_TYPE_NAMES)}`,
          `data type ${type}`,
        );
        this.generic(item[type], tp, scope);
        return;
      }
      this.spec(
        item[type],
        {
          k: "object",
          fields: { variable: { k: "variableName", type }, value: { k: "value", type } },
          required: ["variable", "value"],
        },
        tp,
        scope,
      );
    });
  }

  private moduleCall(body: Record<string, unknown>, path: Path, scope: Scope): void {
    const label = actionLabel("callCommonModule", body);
    const location = path.slice(0, -1);
    if (scope.ft.archyKey === "commonModule") {
      // help.mypurecloud.com/articles/work-with-common-module-flows/: "You cannot use a common module flow in another common module flow."
      this.invalid(location, RULES.moduleCallsModule, `${label}: a common module cannot call another common module`);
      return;
    }
    const target = body.commonModule;
    if (!isMap(target) || Object.keys(target).length !== 1) {
      this.invalid(
        location,
        RULES.invalidModuleCall,
        `${label}: "commonModule" must be a mapping with exactly one key, the module name`,
      );
      return;
    }
    const moduleName = Object.keys(target)[0];
    const selector = target[moduleName];
    // Genesys refuses to publish a flow whose module call names no published common module.
    if (moduleName.trim() !== "")
      this.tellReference([...path, "commonModule", moduleName], {
        kinds: ["flow"],
        name: moduleName,
        flowTypes: ["COMMONMODULE"],
        byKey: true,
      });
    const module = this.opts.findModule?.(moduleName);
    if (this.opts.findModule && !module) {
      this.invalid(
        location,
        RULES.unknownCommonModule,
        `${label} calls common module "${moduleName}" which is not published`,
      );
    }
    if (module && !module.compatibleFlowTypes.includes(scope.ft.lowerType)) {
      this.invalid(
        location,
        RULES.incompatibleFlowType,
        `${label}: common module "${moduleName}" is not compatible with flow type ${scope.ft.lowerType} (compatibleFlowTypes: ${module.compatibleFlowTypes.join(", ") || "none"})`,
      );
    }
    if (!isMap(selector)) return;
    for (const [versionKey, spec] of Object.entries(selector)) {
      const vp = [...path, "commonModule", moduleName, versionKey];
      if (!/^ver_(latestPublished|\d+(\.\d+)?)$/.test(versionKey)) {
        this.unknown(
          vp,
          RULES.invalidModuleCall,
          `version selector "${versionKey}" is not ver_latestPublished (the only selector seen in public exports)`,
          `version selector ${versionKey}`,
        );
      }
      if (!isMap(spec)) continue;
      for (const kind of ["inputs", "outputs"] as const) {
        const given = spec[kind];
        if (given === undefined) continue;
        if (!isMap(given)) {
          this.invalid(
            [...vp, kind],
            RULES.invalidModuleCall,
            `${kind} must map module variables to values, found ${describe(given)}`,
          );
          continue;
        }
        const declared = module ? (kind === "inputs" ? module.inputs : module.outputs) : undefined;
        for (const [name, val] of Object.entries(given)) {
          const np = [...vp, kind, name];
          if (declared && !declared.includes(name)) {
            this.invalid(
              np,
              kind === "inputs" ? RULES.undeclaredModuleInput : RULES.undeclaredModuleOutput,
              `${label}: common module "${moduleName}" declares no ${kind === "inputs" ? "input" : "output"} "${name}" (declared: ${declared.join(", ") || "none"})${didYouMean(name, declared)}`,
            );
          }
          const type = (module?.types && Object.hasOwn(module.types, name) ? module.types[name] : undefined) ?? UNKNOWN;
          this.spec(val, kind === "inputs" ? { k: "value", type } : { k: "output", type }, np, scope);
        }
      }
    }
  }

  private dataActionCall(body: Record<string, unknown>, path: Path, scope: Scope): void {
    const category = body.category;
    if (!isMap(category)) return;
    for (const [categoryName, cat] of Object.entries(category)) {
      const actions = isMap(cat) ? cat.dataAction : undefined;
      if (!isMap(actions)) continue;
      for (const [actionName, spec] of Object.entries(actions)) {
        const ap = [...path, "category", categoryName, "dataAction", actionName];
        const label = `${actionLabel("callData", body)} uses data action "${categoryName}/${actionName}"`;
        const org = this.opts.org;
        const contract = org?.dataAction(categoryName, actionName);
        this.tellReference(ap, { kinds: ["dataAction"], name: actionName, category: categoryName, byKey: true });
        if (!org) {
          this.reportUnmodelled(
            ap,
            `${label}, and the org's data actions are not described`,
            `data action ${categoryName}/${actionName}`,
          );
        } else if (!contract) {
          this.reportUnknownObject(
            ap,
            `${label}, which the org does not have${didYouMean(`${categoryName}/${actionName}`, org.dataActionNames())}`,
            `data action ${categoryName}/${actionName}`,
          );
        }
        if (!isMap(spec)) continue;
        const inputs = isMap(spec.inputs) ? spec.inputs : {};
        const declaredInputs = contract?.inputs;
        // The inputs given (values), then the success outputs (variables the action writes), each against the contract's.
        for (const [field, which, k, declared] of [
          ["inputs", "input", "value", declaredInputs],
          ["successOutputs", "output", "output", contract?.outputs],
        ] as const) {
          for (const [name, val] of Object.entries(isMap(spec[field]) ? spec[field] : {})) {
            const p = [...ap, field, name];
            const type = declared ? declared[name] : UNKNOWN;
            if (declared && type === undefined) {
              this.invalid(
                p,
                RULES.dataActionContract,
                `data action "${categoryName}/${actionName}" has no ${which} "${name}"${didYouMean(name, Object.keys(declared))} (${which}s: ${Object.keys(declared).join(", ") || "none"})`,
              );
            }
            this.spec(val, { k, type: type ?? UNKNOWN }, p, scope);
          }
          if (field !== "inputs" || !declaredInputs) continue;
          for (const name of Object.keys(declaredInputs)) {
            if (!Object.hasOwn(inputs, name))
              this.note(
                [...ap, "inputs"],
                RULES.dataActionContract,
                `input "${name}" of data action "${categoryName}/${actionName}" is not given`,
              );
          }
        }
        if (isMap(spec.failureOutputs)) {
          // A failed data action reports an HTTP status (a number) and texts (help: "Call Data Action", failure outputs).
          for (const [name, val] of Object.entries(spec.failureOutputs))
            this.spec(
              val,
              { k: "output", type: name === "status" ? "integer" : "string" },
              [...ap, "failureOutputs", name],
              scope,
            );
        }
      }
    }
  }

  private botCall(key: string, body: Record<string, unknown>, path: Path, scope: Scope): void {
    const field = key === "callBotFlow" ? "botFlow" : "digitalBotFlow";
    const target = body[field];
    if (!isMap(target)) return;
    for (const [botName, selector] of Object.entries(target)) {
      const bp = [...path, field, botName];
      const types = key === "callBotFlow" ? ["BOT", "DIGITALBOT"] : ["DIGITALBOT"];
      const kinds: ObjectKind[] = key === "callBotFlow" ? ["botFlow", "digitalBotFlow"] : ["digitalBotFlow"];
      const published = this.opts.flowExists?.(botName, types) ?? false;
      const inOrg = kinds.some((k) => this.opts.org?.has(k, botName));
      const label = `${actionLabel(key, body)} calls bot flow "${botName}"`;
      this.tellReference(bp, { kinds, name: botName, flowTypes: types, byKey: true });
      if (!published && !inOrg) {
        if (this.opts.org)
          this.reportUnknownObject(
            bp,
            `${label}, which is neither published nor in the org${didYouMean(
              botName,
              kinds.flatMap((k) => this.opts.org!.names(k)),
            )}`,
            `bot flow ${botName}`,
          );
        else this.reportUnmodelled(bp, `${label}, which is not published`, `bot flow ${botName}`);
      }
      if (!isMap(selector)) continue;
      for (const [versionKey, spec] of Object.entries(selector)) {
        if (!isMap(spec)) continue;
        const vp = [...bp, versionKey];
        if (isMap(spec.inputs))
          for (const [n, val] of Object.entries(spec.inputs))
            this.spec(val, { k: "value", type: UNKNOWN }, [...vp, "inputs", n], scope);
        if (isMap(spec.outputs))
          for (const [n, val] of Object.entries(spec.outputs))
            this.spec(val, { k: "output", type: UNKNOWN }, [...vp, "outputs", n], scope);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // The spec interpreter

  private spec(val: unknown, spec: Spec, path: Path, scope: Scope, ctx: { actionKey?: string } = {}): void {
    const field = String(path[path.length - 1]);
    const placeholder = TEXT_SPECS.has(spec.k) ? undefined : firstPlaceholder(val)?.text;
    if (placeholder !== undefined) {
      this.placeholderValue(
        path,
        placeholder,
        RULES.invalidValue,
        `"${field}" takes ${describeSpec(spec)}, found text`,
      );
      return;
    }
    switch (spec.k) {
      case "any":
        this.generic(val, path, scope);
        return;
      case "skip":
        return;
      case "string":
        this.text(val, spec, path, field);
        return;
      case "boolean":
        if (quotedAs(val, "boolean")) this.quoted(path, field, val, "true or false");
        else if (typeof val !== "boolean")
          this.invalidValue(path, `"${field}" must be true or false, found ${describe(val)}`);
        return;
      case "integer":
        if (quotedAs(val, "integer")) this.quoted(path, field, val, "a whole number");
        else if (typeof val !== "number" || !Number.isInteger(val))
          this.invalidValue(path, `"${field}" must be a whole number, found ${describe(val)}`);
        else if ((spec.min !== undefined && val < spec.min) || (spec.max !== undefined && val > spec.max))
          this.invalidValue(path, `"${field}" must be between ${spec.min} and ${spec.max}, found ${val}`);
        return;
      case "enum":
        this.enumValue(val, spec, path, field);
        return;
      case "ref":
        this.reference(val, path, spec.to, scope, actionLabelAt(path));
        return;
      case "objectRef":
        if (!isMap(val) || typeof val.name !== "string" || val.name.trim() === "") {
          this.invalidValue(
            path,
            `"${field}" names ${spec.kind === "flow" ? "a flow" : `a ${spec.kind}`}: write {name: "..."}, found ${describe(val)}`,
          );
          return;
        }
        this.objectReference(spec.kind, val.name, [...path, "name"], field);
        return;
      case "listOrValue":
        if (Array.isArray(val)) this.spec(val, { k: "list", item: spec.item }, path, scope);
        else this.spec(val, spec.value, path, scope);
        return;
      case "value":
      case "audio":
      case "output":
        this.wrapped(val, spec, path, scope);
        return;
      case "variableName":
        if (typeof val !== "string") {
          this.invalidValue(path, `"${field}" must name a variable (Flow.x, Task.x, ...), found ${describe(val)}`);
          return;
        }
        this.writableVariable(val, spec.type, path, scope);
        return;
      case "paths":
        this.paths(val, spec.paths, path, scope, ctx.actionKey);
        return;
      case "actions":
        this.actionList(val, path, scope);
        return;
      case "list":
        this.listSpec(val, spec, path, scope, field);
        return;
      case "named":
        this.namedSpec(val, spec, path, scope, field);
        return;
      case "keyedList":
        this.keyedList(val, spec, path, scope, field);
        return;
      case "one":
        this.oneOf(val, spec, path, scope, field);
        return;
      case "object":
        this.objectSpec(val, spec, path, scope, field, ctx);
        return;
    }
  }

  /** Text (`nonEmpty`: not blank); a number or boolean where text goes is a note: quote it. */
  private text(val: unknown, spec: Extract<Spec, { k: "string" }>, path: Path, field: string): void {
    if (typeof val !== "string") {
      if (typeof val === "number" || typeof val === "boolean")
        this.note(path, RULES.invalidValue, `expected text, found ${describe(val)}; quote it: "${String(val)}"`);
      else this.invalidValue(path, `expected text, found ${describe(val)}`);
    } else if (spec.nonEmpty && val.trim() === "") {
      this.invalidValue(path, `"${field}" must not be empty`);
    }
  }

  /** A list (`min` items at least), each item of one spec. */
  private listSpec(val: unknown, spec: Extract<Spec, { k: "list" }>, path: Path, scope: Scope, field: string): void {
    if (!Array.isArray(val)) {
      this.invalidValue(path, `"${field}" must be a list, found ${describe(val)}`);
      return;
    }
    if (spec.min !== undefined && val.length < spec.min)
      this.invalidValue(path, `"${field}" needs at least ${spec.min} item${spec.min === 1 ? "" : "s"}`);
    val.forEach((item, i) => {
      this.spec(item, spec.item, [...path, i], scope);
    });
  }

  /** A value of a closed (or, `soft`, an open) set of words. */
  private enumValue(val: unknown, spec: Extract<Spec, { k: "enum" }>, path: Path, field: string): void {
    if (typeof val !== "string" || !spec.values.includes(val)) {
      const msg = `"${field}" must be one of ${spec.values.join(", ")}, found ${describe(val)}${typeof val === "string" ? didYouMean(val, spec.values) : ""}`;
      if (spec.soft && typeof val === "string") this.unknown(path, RULES.invalidValue, msg, `value ${val} of ${field}`);
      else this.invalidValue(path, msg);
    }
  }

  /** A mapping keyed by names (`min`/`max` of them), each value of one spec. */
  private namedSpec(val: unknown, spec: Extract<Spec, { k: "named" }>, path: Path, scope: Scope, field: string): void {
    if (!isMap(val)) {
      this.invalidValue(path, `"${field}" must be a mapping keyed by ${spec.what} name, found ${describe(val)}`);
      return;
    }
    const n = Object.keys(val).length;
    if (spec.min !== undefined && n < spec.min)
      this.invalidValue(
        path,
        `"${field}" must name ${spec.max === 1 ? "exactly one" : `at least ${spec.min}`} ${spec.what}`,
      );
    else if (spec.max !== undefined && n > spec.max)
      this.invalidValue(
        path,
        `"${field}" must name exactly one ${spec.what}, found ${n}: ${Object.keys(val).join(", ")}`,
      );
    for (const [k, v] of Object.entries(val)) {
      // A data table is named by the key (dataTableLookup): the org must hold it when the flow publishes.
      if (spec.what === "data table" && k.trim() !== "")
        this.tellReference([...path, k], { kinds: ["dataTable"], name: k, byKey: true });
      this.spec(v, spec.value, [...path, k], scope);
    }
  }

  /** A list of one-key mappings, each key one of the spec's options. */
  private keyedList(
    val: unknown,
    spec: Extract<Spec, { k: "keyedList" }>,
    path: Path,
    scope: Scope,
    field: string,
  ): void {
    if (!Array.isArray(val)) {
      this.invalidValue(path, `"${field}" must be a list of ${spec.what}, found ${describe(val)}`);
      return;
    }
    val.forEach((item, i) => {
      if (!isMap(item) || Object.keys(item).length !== 1) {
        this.invalidValue([...path, i], `each ${spec.what} is a mapping with one key`);
        return;
      }
      const k = Object.keys(item)[0];
      if (!Object.hasOwn(spec.options, k)) {
        this.unknown(
          [...path, i, k],
          RULES.unknownKey,
          `${spec.what} "${k}" is not in the catalogue${nearestText(k, Object.keys(spec.options))}`,
          `${spec.what} ${k}`,
        );
        this.generic(item[k], [...path, i, k], scope);
      } else this.spec(item[k], spec.options[k], [...path, i, k], scope);
    });
  }

  /** A mapping with exactly one key, one of the spec's options. */
  private oneOf(val: unknown, spec: Extract<Spec, { k: "one" }>, path: Path, scope: Scope, field: string): void {
    if (!isMap(val) || Object.keys(val).length !== 1) {
      this.invalidValue(
        path,
        `"${field}" must be a mapping with exactly one ${spec.what} (${Object.keys(spec.options).join(", ")}), found ${isMap(val) ? Object.keys(val).join(", ") || "an empty mapping" : describe(val)}`,
      );
      return;
    }
    const k = Object.keys(val)[0];
    if (!Object.hasOwn(spec.options, k)) {
      const msg = `unknown ${spec.what} "${k}"${didYouMean(k, Object.keys(spec.options))} (known: ${Object.keys(spec.options).join(", ")})`;
      this.unknown([...path, k], RULES.unknownKey, msg, `${spec.what} ${k}`);
      this.generic(val[k], [...path, k], scope);
      return;
    }
    this.spec(val[k], spec.options[k], [...path, k], scope);
  }

  /** A mapping of known fields: the required ones given (or their alternatives), each known one checked, an unknown one named. */
  private objectSpec(
    val: unknown,
    spec: Extract<Spec, { k: "object" }>,
    path: Path,
    scope: Scope,
    field: string,
    ctx: { actionKey?: string },
  ): void {
    if (!isMap(val)) {
      this.invalidValue(path, `"${field}" must be a mapping, found ${describe(val)}`);
      return;
    }
    const known = Object.keys(spec.fields);
    const given = (key: string): boolean => val[key] !== undefined && val[key] !== null;
    const satisfied = (req: string): boolean => given(req) || (spec.insteadOf?.[req] ?? []).some(given);
    for (const req of spec.required ?? []) {
      if (!satisfied(req)) {
        const typo = Object.keys(val).find((k) => !known.includes(k) && closest(k, [req]) === req);
        this.invalid(
          typo ? [...path, typo] : [...path, req],
          RULES.missingRequiredKey,
          typo
            ? `unknown key "${typo}"; did you mean "${req}"? ("${req}" is required)`
            : `required key "${req}" is missing${insteadText(spec.insteadOf?.[req])}${requiredWhy(req)}`,
        );
      }
    }
    for (const [k, v] of Object.entries(val)) {
      if (this.full()) return;
      if (Object.hasOwn(spec.fields, k)) {
        this.spec(v, spec.fields[k], [...path, k], scope, ctx);
        continue;
      }
      if ((spec.required ?? []).some((r) => !satisfied(r) && closest(k, [r]) === r)) continue; // reported above
      const suggestion = closest(k, known);
      if (spec.open) {
        this.generic(v, [...path, k], scope);
      } else if (suggestion !== undefined && val[suggestion] === undefined) {
        this.unknown(
          [...path, k],
          RULES.unknownKey,
          `key "${k}" is not in the catalogue (nearest known: ${suggestion}, which is not given); it is not checked`,
          `key ${k}`,
        );
        this.generic(v, [...path, k], scope);
      } else {
        const what =
          spec.partial !== undefined
            ? `a key the catalogue knows for ${spec.partial}, which it describes only in part`
            : "a known key here";
        this.unknown(
          [...path, k],
          RULES.unknownKey,
          `"${k}" is not ${what} (known: ${known.join(", ")}); it is not checked`,
          `key ${k}`,
        );
        this.generic(v, [...path, k], scope);
      }
    }
  }

  /** Unknown or open structures: check the value wrappers found inside, by their own rules. */
  private generic(val: unknown, path: Path, scope: Scope, depth = 0): void {
    if (depth > 50 || this.full()) return;
    if (Array.isArray(val)) {
      val.forEach((item, i) => {
        this.generic(item, [...path, i], scope, depth + 1);
      });
      return;
    }
    if (!isMap(val)) return;
    const keys = Object.keys(val);
    // In a structure the catalogue does not describe, `{prompt: {...}}` or `{tts: {...}}` need not
    // be a wrapper (an updateData statement is `- prompt: {variable, value}`): looked into, not refused.
    const structured = (k: string) => (k === "prompt" || k === "tts") && (isMap(val[k]) || Array.isArray(val[k]));
    if (
      keys.length === 1 &&
      (keys[0] === "exp" || keys[0] === "var" || keys[0] === "tts" || keys[0] === "noValue" || keys[0] === "prompt") &&
      !structured(keys[0])
    ) {
      const k = keys[0];
      // An empty expression inside a structure the catalogue does not describe is left alone
      // (digital bot choosers export `{exp: ""}`, export:CxAsCode/Archy_d_bot_test).
      if (k === "exp") {
        if (val.exp !== "") this.expression(val.exp, UNKNOWN, [...path, "exp"], scope);
      } else if (k === "var") this.writableVariable(val.var, UNKNOWN, [...path, "var"], scope);
      else if (k === "tts" && typeof val.tts !== "string")
        this.invalidValue([...path, "tts"], `tts must be text, found ${describe(val.tts)}`);
      else if (k === "noValue" && val.noValue !== true)
        this.invalidValue([...path, "noValue"], `noValue must be true, found ${describe(val.noValue)}`);
      else if (k === "prompt") this.promptName(val.prompt, [...path, "prompt"]);
      return;
    }
    if (keys.length === 1 && keys[0] === "lit") {
      const field = String(path[path.length - 1]);
      const kind = OBJECT_KIND_OF_FIELD[field];
      if (isMap(val.lit) && typeof val.lit.name === "string")
        this.objectReference(kind, val.lit.name, [...path, "lit"], field);
      else this.generic(val.lit, [...path, "lit"], scope, depth + 1);
      return;
    }
    for (const [k, v] of Object.entries(val)) {
      if (k === "actions" && Array.isArray(v)) this.actionList(v, [...path, k], scope);
      else this.generic(v, [...path, k], scope, depth + 1);
    }
  }

  private paths(
    val: unknown,
    allowed: readonly string[] | undefined,
    path: Path,
    scope: Scope,
    actionKey?: string,
  ): void {
    if (!isMap(val)) {
      this.invalidValue(
        path,
        `outputs must be a mapping of output paths (${allowed?.join(", ") ?? "the task's output paths"}) to {actions: [...]}, found ${describe(val)}`,
      );
      return;
    }
    for (const [name, branch] of Object.entries(val)) {
      const bp = [...path, name];
      if (allowed && !allowed.includes(name)) {
        this.unknown(
          bp,
          RULES.unknownOutputPath,
          `output path "${name}" of "${actionKey ?? "this action"}" is not in the catalogue${nearestText(name, allowed)} (known paths: ${allowed.join(", ")})`,
          `output path ${name} of ${actionKey ?? "an action"}`,
        );
        if (isMap(branch)) this.actionList(branch.actions, [...bp, "actions"], scope);
        continue;
      }
      if (!isMap(branch)) {
        this.invalidValue(bp, `output path "${name}" must be {actions: [...]}, found ${describe(branch)}`);
        continue;
      }
      for (const k of Object.keys(branch)) {
        if (k !== "actions")
          this.unknown(
            [...bp, k],
            RULES.unknownKey,
            `an output path holds "actions"; "${k}" is not in the catalogue`,
            `output path key ${k}`,
          );
      }
      const inner: Scope = actionKey === "loop" && name === "loop" ? { ...scope, inLoop: true } : scope;
      this.actionList(branch.actions, [...bp, "actions"], inner);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Values

  private wrapped(
    val: unknown,
    spec: Extract<Spec, { k: "value" | "audio" | "output" }>,
    path: Path,
    scope: Scope,
  ): void {
    const field = String(path[path.length - 1]);
    const allowed: readonly string[] =
      spec.k === "value" ? VALUE_WRAPPERS : spec.k === "audio" ? AUDIO_WRAPPERS : OUTPUT_WRAPPERS;
    const what =
      spec.k === "value"
        ? `a value (${describeType(spec.type)})`
        : spec.k === "audio"
          ? "audio"
          : `an output (${describeType(spec.type)})`;
    if (val === null && spec.k === "audio" && isSetting(path)) {
      // `initialGreeting: null`: an export of a flow without that audio may hold it; no source says Genesys refuses it.
      this.unknown(
        path,
        RULES.invalidWrapper,
        `"${field}" is null: an optional audio setting left empty, a form the catalogue has no source for; it is not checked`,
        `null audio setting ${field}`,
      );
      return;
    }
    if (!isMap(val)) {
      const hint =
        spec.k === "output"
          ? `{var: Flow.x} or {noValue: true}`
          : spec.k === "audio"
            ? `{tts: "text"}, {exp: ...} or {prompt: Name}`
            : `{lit: ${val === undefined || val === null ? "..." : JSON.stringify(val)}} or {exp: "..."}`;
      this.invalid(
        path,
        RULES.invalidWrapper,
        `"${field}" holds ${what} and must be written ${hint}, found ${describe(val)}`,
      );
      return;
    }
    let keys = Object.keys(val);
    // Audio in several languages: `alternateSequences: {<language>: <audio>}`, alone or beside the
    // default audio (export:CI_CD2/CI_CD_Test_Flow-..., export:rjv-blueprint/RJV SetLanguage_v3-0).
    if (spec.k === "audio" && keys.includes("alternateSequences")) {
      this.alternateSequences(val.alternateSequences, [...path, "alternateSequences"], scope);
      keys = keys.filter((k) => k !== "alternateSequences");
      if (keys.length === 0) return;
    }
    // An org object's value may carry its name beside the wrapper: `scheduleGroup: {lit: {name: X}, name: X}`
    // (export:CI_CD2/CI_CD_Test_Flow-..., export:terraform-github-actions/EUSA_OB_Collections_Customer_DEV).
    if (
      spec.k === "value" &&
      keys.length === 2 &&
      keys.includes("name") &&
      typeof val.name === "string" &&
      (keys.includes("lit") || keys.includes("exp"))
    ) {
      keys = keys.filter((k) => k !== "name");
    }
    if (keys.length !== 1) {
      this.invalid(
        path,
        RULES.invalidWrapper,
        `"${field}" must have exactly one of ${allowed.join(", ")}, found ${keys.length === 0 ? "an empty mapping" : keys.join(", ")}`,
      );
      for (const k of keys) if (!WRAPPERS.includes(k as never)) this.unknownWrapper(k, allowed, [...path, k]);
      return;
    }
    const w = keys[0];
    const wp = [...path, w];
    if (!allowed.includes(w)) {
      if (WRAPPERS.includes(w as never)) {
        const where = w === "tts" || w === "prompt" ? "audio fields" : w === "var" ? "output fields" : "value fields";
        this.invalid(
          wp,
          RULES.invalidWrapper,
          `"${w}" is for ${where}; "${field}" holds ${what}: use ${allowed.join(", ")}`,
        );
      } else this.unknownWrapper(w, allowed, wp);
      return;
    }
    const inner = val[w];
    switch (w) {
      case "noValue":
      case "noValueWithNoFallback":
        if (inner !== true) this.invalidValue(wp, `${w} must be true, found ${describe(inner)}`);
        else if ((spec.k === "value" || spec.k === "audio") && spec.required)
          this.invalid(path, RULES.missingRequiredKey, `"${field}" needs a value (noValue is not allowed here)`);
        return;
      case "exp":
        this.expression(inner, spec.k === "audio" ? "audio" : spec.k === "value" ? spec.type : UNKNOWN, wp, scope);
        return;
      case "tts":
        if (typeof inner !== "string") this.invalidValue(wp, `tts must be text, found ${describe(inner)}`);
        else if (inner.trim() === "" && spec.k === "audio" && spec.required) this.invalidValue(wp, "tts text is empty");
        return;
      case "prompt":
        this.promptName(inner, wp);
        return;
      case "var":
        this.writableVariable(inner, spec.k === "output" ? spec.type : UNKNOWN, wp, scope);
        return;
      case "lit":
        this.literal(inner, spec.k === "value" ? spec.type : spec.k === "audio" ? "prompt" : UNKNOWN, wp, field, scope);
        return;
    }
  }

  /** `{<language tag>: <audio>}`: the audio of each language. */
  private alternateSequences(val: unknown, path: Path, scope: Scope): void {
    if (!isMap(val)) {
      this.invalidValue(
        path,
        `alternateSequences maps each language (en-us, ...) to its audio, found ${describe(val)}`,
      );
      return;
    }
    for (const [lang, audioValue] of Object.entries(val))
      this.wrapped(audioValue, { k: "audio" }, [...path, lang], scope);
  }

  private unknownWrapper(w: string, allowed: readonly string[], path: Path): void {
    const suggestion = closest(w, WRAPPERS) ?? closest(w, allowed);
    this.invalid(
      path,
      RULES.invalidWrapper,
      `unknown value wrapper "${w}"${suggestion ? `; did you mean "${suggestion}"?` : ""} (a value is written with one of ${allowed.join(", ")})`,
    );
  }

  private literal(lit: unknown, type: ArchyType, path: Path, field: string, scope: Scope): void {
    const t = normalizeType(type);
    const placeholder = TEXT_LITERALS.has(t) ? undefined : firstPlaceholder(lit)?.text;
    if (placeholder !== undefined) {
      this.placeholderValue(path, placeholder, RULES.invalidValue, `"${field}" takes ${describeType(t)}, found text`);
      return;
    }
    const bad = (expected: string): void =>
      this.invalidValue(path, `"${field}" takes ${expected}, found ${describe(lit)}`);
    if (t === UNKNOWN || t === "json") {
      this.generic(lit, path, scope);
      if (isMap(lit) && typeof lit.name === "string" && OBJECT_KIND_OF_FIELD[field])
        this.objectReference(OBJECT_KIND_OF_FIELD[field], lit.name, path, field);
      return;
    }
    if (isCollection(t)) {
      if (!Array.isArray(lit)) {
        bad(`a list (${describeType(t)})`);
        return;
      }
      lit.forEach((item, i) => {
        const v = isMap(item) && Object.keys(item).length === 1 && "lit" in item ? item.lit : item;
        this.literal(v, elementType(t), [...path, i], field, scope);
      });
      return;
    }
    switch (t) {
      case "date":
      case "dateTime":
      case "time":
        this.dateLiteral(lit, path, field, bad);
        return;
      case "string":
      case "communication":
        if (typeof lit === "number" || typeof lit === "boolean")
          this.note(
            path,
            RULES.invalidValue,
            `"${field}" takes text, found ${describe(lit)}; quote it: "${String(lit)}"`,
          );
        else if (typeof lit !== "string") bad("text");
        return;
      case "integer":
        if (quotedAs(lit, "integer")) this.quoted(path, field, lit, "a whole number");
        else if (typeof lit !== "number" || !Number.isInteger(lit)) bad("a whole number");
        return;
      case "decimal":
        if (quotedAs(lit, "number")) this.quoted(path, field, lit, "a number");
        else if (typeof lit !== "number") bad("a number");
        return;
      case "currency":
        // No export shows a currency literal: a number is its amount; a mapping (an amount and a
        // currency code?) is a form the catalogue has not seen, not a certain fault.
        if (isMap(lit))
          this.unknown(
            path,
            RULES.invalidValue,
            `"${field}" is a currency written as a mapping (${Object.keys(lit).join(", ") || "empty"}), a form the catalogue has not seen; it is not checked`,
            "currency literal mapping",
          );
        else if (typeof lit !== "number") bad("a number or a currency amount");
        return;
      case "boolean":
        if (quotedAs(lit, "boolean")) this.quoted(path, field, lit, "true or false");
        else if (typeof lit !== "boolean") bad("true or false");
        return;
      case "duration": {
        const units = ["days", "hours", "minutes", "seconds", "ms"];
        if (!isMap(lit) || Object.keys(lit).length === 0) {
          bad(`a duration such as {seconds: 5} (units: ${units.join(", ")})`);
          return;
        }
        for (const [u, n] of Object.entries(lit)) {
          if (!units.includes(u))
            this.invalidValue(
              [...path, u],
              `"${u}" is not a duration unit${didYouMean(u, units)} (units: ${units.join(", ")})`,
            );
          else if (firstPlaceholder(n) !== undefined)
            this.placeholderValue(
              [...path, u],
              firstPlaceholder(n)!.text,
              RULES.invalidValue,
              `${u} takes a whole number, found text`,
            );
          else if (typeof n !== "number" || !Number.isInteger(n) || n < 0)
            this.invalidValue([...path, u], `${u} must be a whole number of at least 0, found ${describe(n)}`);
        }
        return;
      }
      case "prompt":
        if (typeof lit === "string") this.objectReference("prompt", lit, path, field);
        else if (isMap(lit) && typeof lit.name === "string")
          this.objectReference("prompt", lit.name, [...path, "name"], field);
        else bad("a prompt name");
        return;
      case "languageSkill":
        if (typeof lit === "string") return;
        if (isMap(lit) && typeof lit.name === "string")
          this.objectReference("languageSkill", lit.name, [...path, "name"], field);
        else bad("a language skill {name: ...}");
        return;
      default: {
        const kind = OBJECT_KIND_OF_TYPE[t];
        if (kind !== undefined) {
          // Exports name org objects {name: ...}; a mapping naming one by other keys ({id: ...}) is a form the catalogue has not seen.
          if (isMap(lit) && lit.name === undefined && Object.keys(lit).length > 0) {
            this.unknown(
              path,
              RULES.invalidValue,
              `"${field}" names ${describeType(t)} by ${Object.keys(lit).join(", ")}, where exports write {name: "..."}; it is not checked`,
              `${t} literal by ${Object.keys(lit).sort().join(", ")}`,
            );
            return;
          }
          if (!isMap(lit) || typeof lit.name !== "string" || lit.name.trim() === "") {
            bad(`${describeType(t)} written {name: "..."}`);
            return;
          }
          this.objectReference(kind, lit.name, [...path, "name"], field);
          return;
        }
        this.generic(lit, path, scope);
      }
    }
  }

  /** A date, date-and-time or time literal: text, or its parts ({year: 2023, month: 8, ...}). */
  private dateLiteral(lit: unknown, path: Path, field: string, bad: (expected: string) => void): void {
    // Exports write date and time literals as text or by their parts ({year: 2023, month: 8, day: 2, hour: 0, ...},
    // export:CI_CD2/BFSI_POC-INBOUNDCALL-...).
    if (isMap(lit)) {
      for (const [part, n] of Object.entries(lit)) {
        if (!DATE_PARTS.includes(part))
          this.unknown(
            [...path, part],
            RULES.invalidValue,
            `"${part}" is not a part of a date or time the catalogue knows (parts: ${DATE_PARTS.join(", ")})`,
            `date part ${part}`,
          );
        else if (firstPlaceholder(n) !== undefined)
          this.placeholderValue(
            [...path, part],
            firstPlaceholder(n)!.text,
            RULES.invalidValue,
            `${part} takes a whole number, found text`,
          );
        else if (typeof n !== "number" || !Number.isInteger(n))
          this.invalidValue([...path, part], `${part} must be a whole number, found ${describe(n)}`);
      }
      return;
    }
    if (typeof lit === "number" || typeof lit === "boolean")
      this.note(path, RULES.invalidValue, `"${field}" takes text, found ${describe(lit)}; quote it: "${String(lit)}"`);
    else if (typeof lit !== "string") bad("text or the parts of a date and time");
  }

  private promptName(name: unknown, path: Path): void {
    if (typeof name !== "string" || name.trim() === "") {
      this.invalidValue(
        path,
        `a prompt is named by text (PromptSystem.x or a user prompt's name), found ${describe(name)}`,
      );
      return;
    }
    this.objectReference("prompt", name, path, "prompt");
  }

  private objectReference(kind: ObjectKind | undefined, written: string, path: Path, field: string): void {
    if (kind === "prompt" && isSystemPrompt(written)) return; // system prompts exist in every org
    // "Prompt." is not part of a user prompt's name: it says to look the name up among user prompts (sdk:architect-scripting-types).
    const name = kind === "prompt" ? userPromptName(written) : written;
    if (kind !== undefined) this.tellReference(path, { kinds: [kind], name });
    if (kind === "flow") {
      if (this.opts.flowExists?.(name) || this.opts.org?.has("flow", name)) return;
      if (this.opts.org)
        this.reportUnknownObject(
          path,
          `${field} "${name}" names a flow that is neither published nor in the org${didYouMean(name, this.opts.org.names("flow"))}`,
          `flow ${name}`,
        );
      else
        this.reportUnmodelled(path, `${field} "${name}" refers to a flow the emulator does not know`, `flow ${name}`);
      return;
    }
    if (kind === undefined) {
      this.reportUnmodelled(
        path,
        `${field} "${name}" refers to an object the emulator does not model`,
        `${field} ${name}`,
      );
      return;
    }
    const org = this.opts.org;
    if (!org) {
      this.reportUnmodelled(
        path,
        `${field} "${name}" refers to an object the emulator does not model (describe the org with --org)`,
        `${kind} ${name}`,
      );
      return;
    }
    if (!org.has(kind, name))
      this.reportUnknownObject(
        path,
        `${field} "${name}": the org has no ${kind} of that name${didYouMean(name, org.names(kind))}`,
        `${kind} ${name}`,
      );
  }

  private reportUnmodelled(path: Path, detail: string, subject: string): void {
    this.unknown(path, RULES.unmodelledReference, `${detail}${this.opts.strict ? " (strict mode)" : ""}`, subject);
  }

  private reportUnknownObject(path: Path, detail: string, subject: string): void {
    this.unknown(path, RULES.unknownOrgObject, `${detail}${this.opts.strict ? " (strict mode)" : ""}`, subject);
  }

  private expression(text: unknown, expected: ArchyType, path: Path, scope: Scope): void {
    if (typeof text !== "string") {
      if (typeof text === "number" || typeof text === "boolean") {
        this.note(
          path,
          RULES.invalidValue,
          `an expression is text, found ${describe(text)}; quote it: "${String(text)}"`,
        );
        this.expression(String(text), expected, path, scope);
      } else this.invalid(path, RULES.expressionSyntax, `an expression must be text, found ${describe(text)}`);
      return;
    }
    const result = checkExpression(text, scope.env, expected === UNKNOWN ? undefined : expected);
    for (const p of result.problems) this.expressionProblem(p, text, path);
    if ((this.opts.onReference || this.opts.onComputedLookup) && (text.includes("Find") || text.includes("Prompt."))) {
      const parsed = parseExpression(text);
      if (parsed.ok) {
        for (const call of literalCalls(parsed.ast)) {
          const kind = LOOKUP_FUNCTIONS[call.name];
          if (kind !== undefined && call.args.length === 1 && call.args[0] !== "")
            this.tellReference(path, { kinds: [kind], name: call.args[0], lookup: call.name });
        }
        walkExpression(parsed.ast, (e) => {
          const kind = e.kind === "call" ? LOOKUP_FUNCTIONS[e.name] : undefined;
          if (e.kind !== "call" || kind === undefined || e.args.every((a) => a.kind === "string")) return;
          const loc = this.opts.locate?.(path);
          this.opts.onComputedLookup?.({ kinds: [kind], name: text, lookup: e.name, path: formatPath(path), ...loc });
        });
        // A user prompt by name (`ToAudio(Prompt.Welcome)`): the org must hold it when the flow publishes.
        for (const v of variableReferences(parsed.ast))
          if (v.name.startsWith("Prompt.") && v.name.length > "Prompt.".length)
            this.tellReference(path, { kinds: ["prompt"], name: userPromptName(v.name) });
      }
    }
  }

  private expressionProblem(p: ExpressionProblem, text: string, path: Path): void {
    const rule =
      p.code === "syntax"
        ? RULES.expressionSyntax
        : p.code === "variable"
          ? RULES.unknownVariable
          : RULES.expressionType;
    const excerpt = excerptAt(text, p.offset, p.length);
    const message = `expression ${p.code === "syntax" ? "does not parse" : p.code === "placeholder" ? "not checked" : "is not valid"}: ${p.message} (at character ${p.offset + 1}: ${excerpt})`;
    this.add(
      path,
      p.verdict ?? "invalid",
      rule,
      message,
      p.verdict === "unknown" ? (p.subject ?? `expression ${excerpt}`) : undefined,
    );
  }

  /** A variable an action writes: declared or implicitly created by Archy, writable, of a fitting type. */
  private writableVariable(name: unknown, type: ArchyType, path: Path, scope: Scope): void {
    if (typeof name !== "string" || name.trim() === "") {
      this.invalidValue(path, `an output names a variable (Flow.x, Task.x, ...), found ${describe(name)}`);
      return;
    }
    const parts = placeholdersFilled(name).split(".");
    const sc = parts[0];
    if (parts.length !== 2 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(parts[1])) {
      this.variableName(
        path,
        name,
        `"${name}" is not a variable name: write <Scope>.<name> (${scope.ft.variableScopes.map((s) => `${s}.x`).join(", ")})`,
      );
      return;
    }
    const declaredScope = DECLARED_SCOPES.find((s) => s.toLowerCase() === sc.toLowerCase());
    if (!declaredScope) {
      const builtin = Object.keys(BUILTIN_SCOPES).find((s) => s.toLowerCase() === sc.toLowerCase());
      if (builtin && BUILTIN_SCOPES[builtin].partial)
        this.unknown(
          path,
          RULES.unknownVariable,
          `"${name}": whether a flow sets ${builtin} variables is not documented; it is not checked`,
          `variable scope ${builtin}`,
        );
      else if (builtin)
        this.invalid(
          path,
          RULES.readOnlyVariable,
          `"${name}" is a built-in variable and cannot be written; store the value in a Flow, Task${scope.ft.variableScopes.includes("State") ? ", State" : ""} variable`,
        );
      else this.variableName(path, name, `"${sc}" is not a variable scope (${scope.ft.variableScopes.join(", ")})`);
      return;
    }
    if (!scope.ft.variableScopes.includes(declaredScope)) {
      this.invalid(path, RULES.variableScope, scopeNotAvailable(declaredScope, scope.ft));
      return;
    }
    // A flow may declare a variable of a built-in's name (its own then); writing one it does not declare is writing the built-in.
    const own = scope.declared.vars.get(name.toLowerCase());
    if (
      declaredScope === "Flow" &&
      builtinVariable(scope.ft.archyKey, name) &&
      !isWritableBuiltin(name) &&
      (own === undefined || own.written === true)
    ) {
      this.invalid(path, RULES.readOnlyVariable, `"${name}" is a built-in variable and cannot be written`);
      return;
    }
    const declared = scope.declared.vars.get(name.toLowerCase());
    if (declared && type !== UNKNOWN && declared.type !== UNKNOWN && fits(type, declared.type, "result") === "no") {
      this.unknown(
        path,
        RULES.expressionType,
        `"${name}" is ${describeType(declared.type)}; this output is ${describeType(type)}, a conversion the catalogue has not seen`,
        `conversion ${normalizeType(type)} to ${normalizeType(declared.type)}`,
      );
    }
  }

  // -------------------------------------------------------------------------------------------
  // References

  private reference(val: unknown, path: Path, kinds: readonly string[], scope: Scope, label: string): void {
    const ft = scope.ft;
    const placeholder = firstPlaceholder(val)?.text;
    const bad = (message: string): void =>
      placeholder === undefined
        ? this.invalid(path, RULES.unknownReference, message)
        : this.placeholderValue(path, placeholder, RULES.unknownReference, message);
    if (typeof val !== "string") {
      bad(`${label} must be a reference such as /${ft.archyKey}/tasks/task[refId], found ${describe(val)}`);
      return;
    }
    if (val.includes("#")) {
      bad(
        `${label} "${val}" refers to another file: external references are resolved by the Archy CLI, not by publishing; inline the referenced YAML`,
      );
      return;
    }
    const m = REF.exec(val);
    if (!m) {
      bad(
        `${label} "${val}" is not a valid reference (expected /${ft.archyKey}/<tasks|menus|states>/<task|menu|state>[refId] or ./tasks/task[refId])`,
      );
      return;
    }
    const [, flowSeg, container, kind, refId] = m;
    if (flowSeg !== undefined && flowSeg !== ft.archyKey) {
      bad(`${label} targets ${val}, which points outside this ${ft.archyKey} flow`);
      return;
    }
    if (!kinds.includes("*") && !kinds.includes(kind)) {
      // An element of a kind the catalogue has not seen here, which the flow has (a deployed
      // inboundCall export starting at a state): the catalogue's list may be short, the reference resolves.
      if (placeholder === undefined && scope.refs?.get(kind)?.has(refId) && CONTAINER_OF[kind] === container) {
        this.unknown(
          path,
          RULES.unknownReference,
          `${label} points to a ${kind}; the catalogue has seen ${aFlow(ft.archyKey)} point it to a ${kinds.join(" or ")} only`,
          `${label} to a ${kind} in ${ft.archyKey}`,
        );
        return;
      }
      bad(`${label} must point to a ${kinds.join(" or ")}, not a ${kind}`);
      return;
    }
    const expectedContainer = CONTAINER_OF[kind];
    if (expectedContainer !== undefined && container !== expectedContainer) {
      bad(`${label} "${val}": a ${kind} lives under ${expectedContainer}, not ${container}`);
      return;
    }
    if (!scope.refs) return; // an action list checked on its own: the rest of the flow is not known
    if (!scope.refs.get(kind)?.has(refId)) {
      const known = [...(scope.refs.get(kind) ?? [])];
      bad(`${label} targets ${kind}[${refId}] which does not exist${didYouMean(refId, known)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

const NEEDS: Readonly<Record<string, string>> = {
  call: "it plays, collects or transfers audio on a call, so it exists only in call flows",
  interaction: "it acts on an interaction (a call, email, message or chat), and this flow type handles none",
  email: "it answers an email, so it exists only in email flows",
  message: "it answers a message, so it exists only in message and chat flows",
  conversation: "it hands a call or message conversation to a bot",
  workflow: "it exists only in workflows",
  workitem: "it exists only in workitem flows",
  survey: "it exists only in survey invite flows",
  bot: "it exists only in bot flows",
  states: "it moves between states, which only state-based flows have",
  voiceSurvey: "it exists only in voice survey flows",
};

function actionNotAllowedReason(info: ActionInfo): string {
  return info.needs && NEEDS[info.needs] ? `: ${NEEDS[info.needs]}` : "";
}

/** A flow-level key or a key of its settings (`initialGreeting`, `settingsPrompts.x`), not an action's field. */
function isSetting(path: Path): boolean {
  return path.length === 2 || (path.length > 2 && String(path[1]).startsWith("settings") && !path.includes("actions"));
}

/** Text that reads as a Boolean or a number once unquoted ("true", "3", "1.5"). */
function quotedAs(v: unknown, kind: "boolean" | "integer" | "number"): boolean {
  if (typeof v !== "string") return false;
  return kind === "boolean"
    ? /^(true|false)$/i.test(v)
    : kind === "integer"
      ? /^-?\d+$/.test(v)
      : /^-?\d+(\.\d+)?$/.test(v);
}

/** Specs whose value is text anyway (a placeholder there is just text), or checked by code that knows placeholders. */
const TEXT_SPECS: ReadonlySet<Spec["k"]> = new Set<Spec["k"]>(["string", "any", "skip", "ref", "variableName"]);

/** Literal types written as text, where a placeholder is text like any other. */
const TEXT_LITERALS: ReadonlySet<string> = new Set([
  UNKNOWN,
  "json",
  "string",
  "communication",
  "date",
  "dateTime",
  "time",
  "prompt",
  "languageSkill",
]);

/** What a spec holds, for a message: "true or false", "a whole number", ... */
function describeSpec(spec: Spec): string {
  switch (spec.k) {
    case "boolean":
      return "true or false";
    case "integer":
      return "a whole number";
    case "enum":
      return `one of ${spec.values.join(", ")}`;
    case "value":
    case "audio":
    case "output":
      return "a wrapped value ({lit: ...}, {exp: ...}, ...)";
    case "list":
    case "keyedList":
      return "a list";
    case "actions":
      return "a list of actions";
    case "listOrValue":
      return "a list or a wrapped value";
    default:
      return "a mapping";
  }
}

/**
 * A name with each `{{placeholder}}` standing for a plain identifier, as a stack may fill it:
 * exports written for the provider name variables `Common.{{phone_nr}}`
 * (export:CM_gh_actions/CallbackBundleBasic), which is a variable name once filled.
 */
function placeholdersFilled(name: string): string {
  return fillPlaceholders(name, "Placeholder");
}

/** ` (or "name" in its place)`: the keys a real export gives instead of a required one. */
function insteadText(keys: readonly string[] | undefined): string {
  return keys && keys.length > 0 ? ` (or ${keys.map((k) => `"${k}"`).join(" or ")} in its place)` : "";
}

function requiredWhy(key: string): string {
  switch (key) {
    case "name":
      return ": every task, state, menu, choice and action needs a name (its label in Architect)";
    case "targetQueue":
      return ": a transfer needs the queue to transfer to";
    case "condition":
      return ": a decision needs the Boolean expression it tests";
    default:
      return "";
  }
}

function actionLabel(kind: string, body: unknown): string {
  const name = isMap(body) && typeof body.name === "string" ? ` "${body.name}"` : "";
  return `${kind}${name}`;
}

/** The action or choice a field path is in, for messages ("menuJumpToTask targetTaskRef"). */
function actionLabelAt(path: Path): string {
  const field = String(path[path.length - 1]);
  const owner = path.length >= 2 ? String(path[path.length - 2]) : "";
  return /^[a-z]/.test(owner) && !/^\d+$/.test(owner) ? `${owner} ${field}` : field;
}

function excerptAt(text: string, offset: number, length: number): string {
  const flat = text.replace(/\s+/g, " ");
  if (flat.length <= 60) return JSON.stringify(flat);
  const start = Math.max(0, offset - 20);
  return JSON.stringify(
    `${start > 0 ? "…" : ""}${text.slice(start, offset + Math.max(length, 1) + 20).replace(/\s+/g, " ")}…`,
  );
}

/** The data types the catalogue knows and their collections: what a misspelt type is near. */
const KNOWN_TYPE_NAMES: readonly string[] = SCALAR_TYPES.flatMap((t) => [t, `${t}Collection`]);
const KNOWN_VARIABLE_KINDS: readonly string[] = KNOWN_TYPE_NAMES.map((t) => `${t}Variable`);
