import { createHash } from "node:crypto";
import { apiTypeForArchyKey, ARCHY_FLOW_TYPES } from "./flowTypes";
import { Dependency, ModuleInterface } from "./store";
import { DEFAULT_YAML_LIMITS, parseYamlSafely, YamlLimits } from "./yamlSafe";

/** Stable rule ids; every validation message names one of them. */
export const RULES = {
  yamlParse: "yaml-parse",
  yamlLimits: "yaml-limits",
  documentShape: "document-shape",
  unknownFlowType: "unknown-flow-type",
  missingRequiredKey: "missing-required-key",
  unknownReference: "unknown-reference",
  duplicateRefId: "duplicate-ref-id",
  invalidModuleCall: "invalid-module-call",
  unknownCommonModule: "unknown-common-module",
  incompatibleFlowType: "incompatible-flow-type",
  undeclaredModuleInput: "undeclared-module-input",
  undeclaredModuleOutput: "undeclared-module-output",
  moduleCallsModule: "module-calls-module",
  leftoverPlaceholder: "leftover-placeholder",
  unmodelledReference: "unmodelled-reference",
} as const;
export type RuleId = (typeof RULES)[keyof typeof RULES];

export interface ValidationMessage {
  type: "Error" | "Warning";
  rule: RuleId;
  text: string;
}

/** A published common module as seen by the validator. */
export interface PublishedModule {
  flowId: string;
  name: string;
  versionId: string;
  moduleInterface: ModuleInterface;
}

export interface ValidationContext {
  /** Unmodelled references become errors instead of warnings. */
  strict: boolean;
  /** The active, published common module with this exact name. */
  findModule(name: string): PublishedModule | undefined;
  /** Whether an active flow of this upper-case API type and exact name is published. */
  flowExists(apiType: string, name: string): boolean;
  limits?: YamlLimits;
}

/** What a valid file publishes. */
export interface ValidatedFlow {
  archyKey: string;
  apiType: string;
  name: string;
  description: string;
  divisionName: string;
  defaultLanguage?: string;
  supportedLanguages: string[];
  moduleInterface?: ModuleInterface;
  dependencies: Dependency[];
  sha256: string;
}

export interface ValidationResult {
  /** Best-effort flow name (from the parsed file, or guessed from the text when it does not parse). */
  flowName: string;
  messages: ValidationMessage[];
  /** Present only when there is no Error message. */
  flow?: ValidatedFlow;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const PLACEHOLDER = /\{\{[^{}\s]*\}\}/g;
const REF_PATTERN = /^(?:\/([A-Za-z]+)|\.)\/([A-Za-z]+)\/([A-Za-z]+)\[(.*)\]$/;
const REF_KEY = /^(startUpRef|target[A-Za-z]*Ref)$/;
const EXPECTED_KIND: Record<string, string> = { targetTaskRef: "task", targetMenuRef: "menu", targetStateRef: "state" };
const MAX_MESSAGES = 50;

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function formatPath(path: ReadonlyArray<string | number>): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out || "<root>";
}

function guessName(text: string): string {
  const m = /^[ \t]+name:[ \t]*["']?([^"'\r\n]*?)["']?[ \t]*$/m.exec(text);
  return m && m[1] ? m[1] : "<unnamed>";
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const col = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${col}`;
}

/**
 * Validate an uploaded (already substituted) Archy YAML text against the org, the way the publish
 * job of the real service would. Pure: reads the org only through `ctx`.
 */
export function validateArchy(text: string, ctx: ValidationContext): ValidationResult {
  const messages: ValidationMessage[] = [];
  let flowName = guessName(text);
  const add = (type: ValidationMessage["type"], rule: RuleId, detail: string, location: string): void => {
    if (messages.length >= MAX_MESSAGES) return;
    messages.push({ type, rule, text: `Flow "${flowName}": rule ${rule}: ${detail} (at ${location})` });
  };
  const hasError = (): boolean => messages.some((m) => m.type === "Error");

  // Leftover placeholders: reported first, because unquoted ones also break the YAML structure.
  const placeholders = [...text.matchAll(PLACEHOLDER)];
  const parsed = parseYamlSafely(text, ctx.limits ?? DEFAULT_YAML_LIMITS);
  if (parsed.ok && isObject(parsed.value)) {
    const root = parsed.value;
    const body = Object.values(root)[0];
    if (isObject(body) && typeof body.name === "string" && body.name !== "") flowName = body.name;
  }
  for (const p of placeholders) {
    add("Error", RULES.leftoverPlaceholder, `placeholder ${p[0]} was not substituted`, lineCol(text, p.index ?? 0));
  }
  if (!parsed.ok) {
    if (placeholders.length === 0 || parsed.rule === "yaml-limits") {
      add("Error", parsed.rule, `YAML ${parsed.rule === "yaml-limits" ? "rejected" : "does not parse"}: ${parsed.detail}`, parsed.location);
    }
    return { flowName, messages };
  }

  const root = parsed.value;
  if (!isObject(root) || Object.keys(root).length !== 1) {
    add("Error", RULES.documentShape, "a flow file must be a mapping with exactly one key naming the flow type", "<root>");
    return { flowName, messages };
  }
  const archyKey = Object.keys(root)[0];
  const apiType = apiTypeForArchyKey(archyKey);
  if (!apiType) {
    add(
      "Error",
      RULES.unknownFlowType,
      `"${archyKey}" is not a flow type (known: ${Object.keys(ARCHY_FLOW_TYPES).join(", ")})`,
      archyKey,
    );
    return { flowName, messages };
  }
  const body = root[archyKey];
  if (!isObject(body)) {
    add("Error", RULES.documentShape, `the value of "${archyKey}" must be a mapping`, archyKey);
    return { flowName, messages };
  }
  const callerType = apiType.toLowerCase();
  const isModule = archyKey === "commonModule";

  // Required keys.
  const required: string[] = ["name"];
  if (archyKey === "inboundCall") required.push("defaultLanguage", "startUpRef");
  if (isModule) required.push("startUpTaskActions");
  for (const key of required) {
    const v = body[key];
    if (v === undefined || v === null || v === "") add("Error", RULES.missingRequiredKey, `required key "${key}" is missing`, `${archyKey}.${key}`);
  }
  if (body.name !== undefined && typeof body.name !== "string") {
    add("Error", RULES.missingRequiredKey, `"name" must be a string`, `${archyKey}.name`);
  }
  if (isModule && body.startUpTaskActions !== undefined && !Array.isArray(body.startUpTaskActions)) {
    add("Error", RULES.missingRequiredKey, `"startUpTaskActions" must be a list of actions`, `${archyKey}.startUpTaskActions`);
  }
  let moduleInterface: ModuleInterface | undefined;
  if (isModule) {
    const settings = body.settingsCommonModule;
    const compat = isObject(settings) ? settings.compatibleFlowTypes : undefined;
    if (!Array.isArray(compat) || compat.length === 0) {
      add(
        "Error",
        RULES.missingRequiredKey,
        `required key "settingsCommonModule.compatibleFlowTypes" is missing or empty`,
        `${archyKey}.settingsCommonModule.compatibleFlowTypes`,
      );
    }
    moduleInterface = extractModuleInterface(body);
  }

  // Collect refIds (any mapping under a key such as task/menu/state/bot that has a refId).
  const refIds = new Map<string, Array<{ kind: string; location: string }>>();
  const refUses: Array<{ key: string; value: Json; path: Array<string | number> }> = [];
  const dependencies = new Map<string, Dependency>();

  const visit = (value: Json, path: Array<string | number>): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
      return;
    }
    if (!isObject(value)) return;
    const parentKey = path.length > 0 ? path[path.length - 1] : undefined;
    if (typeof parentKey === "string" && typeof value.refId === "string") {
      const list = refIds.get(value.refId) ?? [];
      list.push({ kind: parentKey, location: formatPath(path) });
      refIds.set(value.refId, list);
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = [...path, key];
      if (REF_KEY.test(key)) refUses.push({ key, value: child, path: childPath });
      if (key === "callCommonModule") checkModuleCall(child, childPath);
      if (key === "callBotFlow" || key === "callDigitalBotFlow") checkBotCall(key, child, childPath);
      if ((key === "callData" || key === "callDataSecure") && isObject(child)) checkDataAction(key, child, childPath);
      if (key === "lit" && isObject(child) && typeof child.name === "string" && typeof parentKey === "string") {
        unmodelled(`${parentKey} "${child.name}" refers to an object the emulator does not model`, formatPath(path));
      }
      visit(child, childPath);
    }
  };

  const unmodelled = (detail: string, location: string): void => {
    add(ctx.strict ? "Error" : "Warning", RULES.unmodelledReference, `${detail}${ctx.strict ? " (strict mode)" : ""}`, location);
  };

  const actionLabel = (actionPath: Array<string | number>, action: Json): string => {
    const kind = String(actionPath[actionPath.length - 1]);
    const name = isObject(action) && typeof action.name === "string" ? ` "${action.name}"` : "";
    return `${kind}${name}`;
  };

  function checkModuleCall(call: Json, path: Array<string | number>): void {
    const location = formatPath(path.slice(0, -1));
    const label = actionLabel(path, call);
    if (isModule) {
      add("Error", RULES.moduleCallsModule, `${label}: a common module cannot call another common module`, location);
      return;
    }
    const target = isObject(call) ? call.commonModule : undefined;
    if (!isObject(target) || Object.keys(target).length !== 1) {
      add("Error", RULES.invalidModuleCall, `${label}: "commonModule" must be a mapping with exactly one key, the module name`, location);
      return;
    }
    const moduleName = Object.keys(target)[0];
    const module = ctx.findModule(moduleName);
    if (!module) {
      add("Error", RULES.unknownCommonModule, `${label} calls common module "${moduleName}" which is not published`, location);
      return;
    }
    dependencies.set(module.flowId, { flowId: module.flowId, name: module.name, type: "COMMONMODULE", versionId: module.versionId });
    if (!module.moduleInterface.compatibleFlowTypes.includes(callerType)) {
      add(
        "Error",
        RULES.incompatibleFlowType,
        `${label}: common module "${moduleName}" is not compatible with flow type ${callerType} (compatibleFlowTypes: ${module.moduleInterface.compatibleFlowTypes.join(", ") || "none"})`,
        location,
      );
    }
    const selector = target[moduleName];
    if (!isObject(selector)) return;
    for (const [versionKey, spec] of Object.entries(selector)) {
      if (!isObject(spec)) continue;
      const checkKeys = (kind: "inputs" | "outputs"): void => {
        const given = spec[kind];
        if (!isObject(given)) return;
        const declared = kind === "inputs" ? module.moduleInterface.inputs : module.moduleInterface.outputs;
        for (const key of Object.keys(given)) {
          if (!declared.includes(key)) {
            add(
              "Error",
              kind === "inputs" ? RULES.undeclaredModuleInput : RULES.undeclaredModuleOutput,
              `${label}: common module "${moduleName}" declares no ${kind === "inputs" ? "input" : "output"} "${key}" (declared: ${declared.join(", ") || "none"})`,
              formatPath([...path, "commonModule", moduleName, versionKey, kind, key]),
            );
          }
        }
      };
      checkKeys("inputs");
      checkKeys("outputs");
    }
  }

  function checkBotCall(key: string, call: Json, path: Array<string | number>): void {
    const target = isObject(call) ? call.botFlow ?? call.digitalBotFlow : undefined;
    if (!isObject(target)) return;
    for (const botName of Object.keys(target)) {
      const types = key === "callBotFlow" ? ["BOT", "DIGITALBOT"] : ["DIGITALBOT"];
      if (!types.some((t) => ctx.flowExists(t, botName))) {
        unmodelled(`${actionLabel(path, call)} calls bot flow "${botName}" which is not published`, formatPath(path.slice(0, -1)));
      }
    }
  }

  function checkDataAction(key: string, call: JsonObject, path: Array<string | number>): void {
    const category = call.category;
    if (!isObject(category)) return;
    for (const [categoryName, cat] of Object.entries(category)) {
      const actions = isObject(cat) ? cat.dataAction : undefined;
      if (!isObject(actions)) continue;
      for (const actionName of Object.keys(actions)) {
        unmodelled(
          `${actionLabel(path, call)} uses data action "${categoryName}/${actionName}", which the emulator does not model`,
          formatPath(path.slice(0, -1)),
        );
      }
    }
  }

  visit(body, [archyKey]);

  for (const [refId, uses] of refIds) {
    if (uses.length > 1) {
      add(
        "Error",
        RULES.duplicateRefId,
        `refId "${refId}" is used ${uses.length} times (${uses.map((u) => `${u.kind} at ${u.location}`).join(", ")})`,
        uses[1].location,
      );
    }
  }

  for (const use of refUses) {
    const isStartUp = use.key === "startUpRef";
    const holder = use.path.slice(0, -1);
    const location = isStartUp ? formatPath(use.path) : formatPath(holder.slice(0, -1));
    const parentValue = getAt(body, holder.slice(1));
    const label = isStartUp ? "startUpRef" : actionLabel(holder, parentValue);
    if (typeof use.value !== "string") {
      add("Error", RULES.unknownReference, `${label} ${use.key} must be a reference string such as /${archyKey}/tasks/task[refId]`, location);
      continue;
    }
    const m = REF_PATTERN.exec(use.value);
    if (!m) {
      add("Error", RULES.unknownReference, `${label} ${use.key} "${use.value}" is not a valid reference`, location);
      continue;
    }
    const [, flowSeg, , kind, refId] = m;
    if (flowSeg !== undefined && flowSeg !== archyKey) {
      add("Error", RULES.unknownReference, `${label} targets ${use.value} which points outside this ${archyKey} flow`, location);
      continue;
    }
    const expected = EXPECTED_KIND[use.key];
    const found = (refIds.get(refId) ?? []).some((u) => u.kind === kind);
    if (!found || (expected !== undefined && expected !== kind)) {
      add("Error", RULES.unknownReference, `${label} targets ${kind}[${refId}] which does not exist`, location);
    }
  }

  if (hasError()) return { flowName, messages };
  const languages = supportedLanguages(body.supportedLanguages);
  const flow: ValidatedFlow = {
    archyKey,
    apiType,
    name: body.name as string,
    description: typeof body.description === "string" ? body.description : "",
    divisionName: typeof body.division === "string" && body.division !== "" ? body.division : "Home",
    supportedLanguages: languages,
    moduleInterface,
    dependencies: [...dependencies.values()].sort((a, b) => a.flowId.localeCompare(b.flowId)),
    sha256: createHash("sha256").update(text).digest("hex"),
  };
  if (typeof body.defaultLanguage === "string") flow.defaultLanguage = body.defaultLanguage;
  return { flowName, messages, flow };
}

function getAt(value: Json, path: Array<string | number>): Json {
  let cur: Json = value;
  for (const seg of path) {
    if (typeof seg === "number" && Array.isArray(cur)) cur = cur[seg];
    else if (typeof seg === "string" && isObject(cur)) cur = cur[seg];
    else return null;
    if (cur === undefined) return null;
  }
  return cur;
}

function supportedLanguages(value: Json | undefined): string[] {
  return isObject(value) ? Object.keys(value).sort() : [];
}

/** The inputs/outputs (`isInput`/`isOutput` variables) and compatible caller types of a module body. */
export function extractModuleInterface(body: JsonObject): ModuleInterface {
  const inputs: string[] = [];
  const outputs: string[] = [];
  const variables = Array.isArray(body.variables) ? body.variables : [];
  for (const item of variables) {
    if (!isObject(item)) continue;
    for (const [kind, def] of Object.entries(item)) {
      if (!kind.endsWith("Variable") || !isObject(def) || typeof def.name !== "string") continue;
      if (def.isInput === true) inputs.push(def.name);
      if (def.isOutput === true) outputs.push(def.name);
    }
  }
  const settings = body.settingsCommonModule;
  const compat = isObject(settings) && Array.isArray(settings.compatibleFlowTypes) ? settings.compatibleFlowTypes : [];
  const compatibleFlowTypes = compat
    .map((c) => (isObject(c) && typeof c.flowType === "string" ? c.flowType.toLowerCase() : undefined))
    .filter((t): t is string => t !== undefined);
  return { inputs: inputs.sort(), outputs: outputs.sort(), compatibleFlowTypes: [...new Set(compatibleFlowTypes)].sort() };
}
