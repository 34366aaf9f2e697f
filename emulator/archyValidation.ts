// Publish validation of an uploaded Archy text: leftover placeholders, the shared YAML reader, then
// the Archy validator of archy/validate/ against what the emulated org holds (published modules
// and flows, the org file's objects). Pure: the org is read only through the context.
import { createHash } from "node:crypto";
import type { OrgCatalog } from "../archy/org";
import type { OrgReference } from "../archy/validate/types";
import {
  calledModules,
  moduleInterfaceOf,
  RULES as ARCHY_RULES,
  validateArchyDocument,
  type ArchyFinding,
} from "../archy/validate";
import { FLOW_TYPES, flowNameTooLong, flowTypeInfo } from "../archy/catalogue/flowTypes";
import { groupRepeats } from "../archy/verdicts";
import { API_FLOW_TYPES, genesysTypeForArchyKey } from "./flowTypes";
import { positionAt, readYaml, type YamlLimits, type YamlProblem } from "../model/yamlReader";
import type { Dependency, ModuleInterface } from "./store";
import { isMap } from "../archy/json";

/** Rule ids of the emulator itself; the Archy rules are archy/validate/'s RULES. */
export const RULES = {
  ...ARCHY_RULES,
  yamlParse: "yaml-parse",
  yamlLimits: "yaml-limits",
  leftoverPlaceholder: "leftover-placeholder",
} as const;
export type RuleId = string;

export interface ValidationMessage {
  type: "Error" | "Warning";
  rule: RuleId;
  text: string;
  /** What an unknown finding is about ("queue Sales", "data action CRM/Get customer"): a validate job tells a deleted object by it. */
  subject?: string;
}

/** A published common module as seen by the validator. */
export interface PublishedModule {
  flowId: string;
  name: string;
  versionId: string;
  moduleInterface: ModuleInterface;
}

export interface ValidationContext {
  /** References to objects the org does not have (or that are not described) fail instead of warning. */
  strict: boolean;
  /** The active, published common module with this exact name. */
  findModule(name: string): PublishedModule | undefined;
  /** Whether an active flow of this upper-case API type and exact name is published. */
  flowExists(apiType: string, name: string): boolean;
  /** The org file's objects; without it every reference by name is "unmodelled". */
  org?: OrgCatalog;
  /** Told of every org object the document names by a literal (dependency tracking records them). */
  onReference?: (ref: OrgReference) => void;
  limits?: Partial<YamlLimits>;
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
  /** The flow's name from the parsed file, or from the text when it does not parse. */
  flowName: string;
  messages: ValidationMessage[];
  /** Present only when there is no Error message. */
  flow?: ValidatedFlow;
}

const PLACEHOLDER = /\{\{[^{}\s]*\}\}/g;
const MAX_MESSAGES = 50;
const UNNAMED = "<unnamed>";

/**
 * The flow's own name when the text does not parse: the `name:` directly under the flow-type key
 * (the first indented key level), never a nested task or action name.
 */
function guessName(text: string): string {
  const lines = text.split(/\r?\n/);
  const root = lines.findIndex((l) => /^[A-Za-z]+:\s*(#.*)?$/.test(l));
  if (root < 0) return UNNAMED;
  let indent: string | undefined;
  for (const line of lines.slice(root + 1)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const m = /^([ \t]+)\S/.exec(line);
    if (!m) break; // the next top-level key: the flow's mapping ended
    indent ??= m[1];
    if (m[1] !== indent) continue;
    const n = /^[ \t]+name:[ \t]*(?:"([^"]*)"|'([^']*)'|([^#\r\n]*?))[ \t]*(#.*)?$/.exec(line);
    if (n) return (n[1] ?? n[2] ?? n[3] ?? "").trim() || UNNAMED;
  }
  return UNNAMED;
}

function lineCol(text: string, offset: number): string {
  const { line, column } = positionAt(text, offset);
  return `line ${line}, column ${column}`;
}

function yamlLocation(p: YamlProblem): string {
  return p.line !== undefined ? `line ${p.line}, column ${p.column ?? 1}` : "document";
}

/**
 * Validate an uploaded (already substituted) Archy YAML text against the org, the way the publish
 * job of the real service would. Pure: reads the org only through `ctx`.
 */
export function validateArchy(text: string, ctx: ValidationContext): ValidationResult {
  const messages: ValidationMessage[] = [];
  let flowName = guessName(text);
  const add = (
    type: ValidationMessage["type"],
    rule: RuleId,
    detail: string,
    location: string,
    subject?: string,
  ): void => {
    if (messages.length >= MAX_MESSAGES) return;
    messages.push({
      type,
      rule,
      text: `Flow "${flowName}": rule ${rule}: ${detail} (at ${location})`,
      ...(subject !== undefined ? { subject } : {}),
    });
  };

  // Leftover placeholders first: unquoted ones also break the YAML structure.
  const placeholders = [...text.matchAll(PLACEHOLDER)];
  const read = readYaml(text, { limits: ctx.limits, exactIntegers: false });
  if (read.ok && isMap(read.value)) {
    const body = Object.values(read.value)[0];
    flowName = isMap(body) && typeof body.name === "string" && body.name !== "" ? body.name : UNNAMED;
  }
  for (const p of placeholders)
    add("Error", RULES.leftoverPlaceholder, `placeholder ${p[0]} was not substituted`, lineCol(text, p.index ?? 0));
  if (!read.ok) {
    const limits = read.problems.some((p) => p.kind === "limits");
    if (placeholders.length === 0 || limits) {
      for (const p of read.problems) {
        const rule = p.kind === "limits" ? RULES.yamlLimits : RULES.yamlParse;
        add(
          "Error",
          rule,
          `YAML ${p.kind === "limits" ? "rejected" : "does not parse"}: ${p.message}`,
          yamlLocation(p),
        );
      }
    }
    return { flowName, messages };
  }
  if (placeholders.length > 0) return { flowName, messages };

  const findings = validateArchyDocument(read.value, {
    locate: (path) => read.locator.locate(path),
    org: ctx.org,
    ...(ctx.onReference ? { onReference: ctx.onReference } : {}),
    strict: ctx.strict,
    findModule: (name) => ctx.findModule(name)?.moduleInterface,
    flowExists: (name, types) => (types ?? ALL_TYPES).some((t) => ctx.flowExists(t, name)),
  });
  // Errors first (a long list of warnings must not push an error past the message limit), then by
  // position; an unknown name is one message with its count of places.
  const ordered = groupRepeats(
    [...findings].sort((a, b) => severityRank(a) - severityRank(b)),
    (f) => f.rule,
  );
  for (const f of ordered)
    add(f.severity === "error" ? "Error" : "Warning", f.rule, f.message, findingLocation(f), f.subject);
  if (findings.some((f) => f.severity === "error")) return { flowName, messages };

  const root = read.value as Record<string, Record<string, unknown>>;
  const archyKey = Object.keys(root)[0];
  // A flow type the catalogue lacks is unknown, not invalid (the validator warned, and refused it in
  // strict mode): the emulator stores it under Genesys's type when the key names one of Genesys's
  // types (emailSend, speech, voice); a key naming none (INBOUNDCALL, fooFlow) is no flow Genesys has.
  const known = flowTypeInfo(archyKey) !== undefined;
  const apiType = genesysTypeForArchyKey(archyKey);
  if (apiType === undefined) {
    const kept = messages.filter((m) => m.rule !== ARCHY_RULES.unknownFlowType);
    messages.length = 0;
    messages.push(...kept);
    add(
      "Error",
      ARCHY_RULES.unknownFlowType,
      `"${archyKey}" names no flow type Genesys has (${API_FLOW_TYPES.map((t) => t.toLowerCase()).join(", ")}); the top-level key is the flow type as Archy writes it: inboundCall, commonModule, emailSend, ...`,
      archyKey,
    );
    return { flowName, messages };
  }
  const body = root[archyKey];
  if (!known && (!isMap(body) || typeof body.name !== "string" || body.name.trim() === "")) {
    // Every flow type has a name (the API's flow.name); without one there is nothing to store it by.
    add(
      "Error",
      ARCHY_RULES.missingRequiredKey,
      `required key "name" is missing: every flow has a name`,
      `${archyKey}.name`,
    );
    return { flowName, messages };
  }
  // The publish path every deploy takes refuses a name POST and PUT /flows refuse (flowActions.ts flowName).
  const long = isMap(body) && typeof body.name === "string" ? flowNameTooLong(body.name) : undefined;
  if (long !== undefined) {
    add("Error", ARCHY_RULES.invalidValue, `the flow's name ${long}`, `${archyKey}.name`);
    return { flowName, messages };
  }
  return { flowName, messages, flow: validatedFlow(text, archyKey, apiType, body as Record<string, unknown>, ctx) };
}

/** What the org keeps of a flow that validated: its type, name, division, languages, interface, the modules it calls (at their versions now). */
function validatedFlow(
  text: string,
  archyKey: string,
  apiType: string,
  body: Record<string, unknown>,
  ctx: ValidationContext,
): ValidatedFlow {
  const dependencies = new Map<string, Dependency>();
  for (const moduleName of calledModules(body)) {
    const module = ctx.findModule(moduleName);
    if (module)
      dependencies.set(module.flowId, {
        flowId: module.flowId,
        name: module.name,
        type: "COMMONMODULE",
        versionId: module.versionId,
      });
  }
  const flow: ValidatedFlow = {
    archyKey,
    apiType,
    name: body.name as string,
    description: typeof body.description === "string" ? body.description : "",
    divisionName: typeof body.division === "string" && body.division !== "" ? body.division : "Home",
    supportedLanguages: isMap(body.supportedLanguages) ? Object.keys(body.supportedLanguages).sort() : [],
    moduleInterface: archyKey === "commonModule" ? toModuleInterface(moduleInterfaceOf(body)) : undefined,
    dependencies: [...dependencies.values()].sort((a, b) => a.flowId.localeCompare(b.flowId)),
    sha256: createHash("sha256").update(text).digest("hex"),
  };
  if (typeof body.defaultLanguage === "string") flow.defaultLanguage = body.defaultLanguage;
  return flow;
}

const ALL_TYPES = Object.values(FLOW_TYPES).map((f) => f.apiType);

function severityRank(f: ArchyFinding): number {
  return f.severity === "error" ? 0 : 1;
}

/** `inboundCall.tasks[0].task.actions[2], line 14`. */
function findingLocation(f: ArchyFinding): string {
  return f.line !== undefined ? `${f.path}, line ${f.line}` : f.path;
}

function toModuleInterface(m: {
  inputs: readonly string[];
  outputs: readonly string[];
  compatibleFlowTypes: readonly string[];
}): ModuleInterface {
  return { inputs: [...m.inputs], outputs: [...m.outputs], compatibleFlowTypes: [...m.compatibleFlowTypes] };
}
