// The flow model loader: YAML text -> validated model, or a FlowLoadError listing every problem
// located in the user's file. Parsing is YAML 1.2 (core schema: `yes`/`no` stay strings) with
// guards against resource exhaustion (alias bombs, deep nesting, huge files). Only
// `loadFlowFile` does I/O; everything else is pure.
import { readFileSync } from "fs";
import YAML from "yaml";
import type { z } from "zod";
import {
  flowFile,
  RESERVED_OUTCOME_NAME,
  transitionsOf,
  type CommonModuleFlow,
  type FlowModel,
  type FlowNode,
  type InboundCallFlowModel,
  type LoadedFlow,
  type ValueType,
} from "./schema";
import { FlowLoadError, throwIfIssues, type FlowIssue } from "./errors";
import { closest, didYouMean, listNames, suggestThen } from "./suggest";
import { describeValue, formatPath, isMapping, locate, nodeTypeOf, valueAt } from "./location";

export { describeValue, formatPath, locate } from "./location";

export { FlowLoadError, formatIssue, type FlowIssue } from "./errors";
export { findPlaceholders, applySubstitutions, substituteModel, checkSubstitutions } from "./placeholders";

/** Flow files are small; anything bigger is a mistake (or an attack on the parser). */
export const MAX_FLOW_FILE_BYTES = 1024 * 1024;
/** Alias expansions allowed while building the model (YAML anchors are rarely needed in flows). */
export const MAX_ALIAS_COUNT = 100;
/** The model is at most ~6 levels deep; 32 leaves room and stops pathological nesting. */
export const MAX_NESTING_DEPTH = 32;

const EXPECTED_TYPE: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  object: "a mapping",
  record: "a mapping",
  array: "a list",
};

// ---------------------------------------------------------------------------------------------
// Walking the zod schema to list valid keys for "unknown key" messages.

/* eslint-disable @typescript-eslint/no-explicit-any */
function unwrap(s: any): any {
  for (let i = 0; i < 10 && s; i++) {
    const t = s._zod?.def?.type;
    if (t === "default" || t === "optional" || t === "nullable" || t === "prefault" || t === "readonly") {
      s = s._zod.def.innerType;
    } else if (t === "pipe") {
      s = s._zod.def.in;
    } else break;
  }
  return s;
}

function pickOption(s: any, v: unknown): any {
  const def = s?._zod?.def;
  if (def?.type !== "union") return s;
  const disc: string | undefined = def.discriminator;
  if (!disc || !isMapping(v)) return undefined;
  for (const opt of def.options) {
    const lit = unwrap(opt)?._zod?.def?.shape?.[disc];
    const values: unknown[] = lit?._zod?.def?.values ?? [];
    if (values.includes(v[disc])) return unwrap(opt);
  }
  return undefined;
}

/** The zod schema validating the value at `path` of `raw`, when it can be determined. */
export function schemaAt(root: z.ZodType, raw: unknown, path: ReadonlyArray<PropertyKey>): any {
  let s: any = pickOption(unwrap(root), raw);
  let v: unknown = raw;
  for (const seg of path) {
    if (!s) return undefined;
    const def = s._zod.def;
    if (def.type === "object") s = def.shape[String(seg)];
    else if (def.type === "record") s = def.valueType;
    else if (def.type === "array") s = def.element;
    else return undefined;
    v = valueAt(v, [seg]);
    s = pickOption(unwrap(s), v);
  }
  return s;
}

function objectKeys(s: any): string[] {
  const def = s?._zod?.def;
  return def?.type === "object" ? Object.keys(def.shape) : [];
}
/* eslint-enable @typescript-eslint/no-explicit-any */

// ---------------------------------------------------------------------------------------------
// zod issues -> FlowIssues a person can act on.

// zod 4's issue type is a union; we read its fields loosely and fall back to its message.
type ZodIssueLike = z.core.$ZodIssue & Record<string, unknown>;

function isDefaultZodMessage(m: string): boolean {
  return /^(Too small|Too big|Invalid|Expected)/.test(m);
}

function zodIssueToFlowIssues(file: string, raw: unknown, issue: ZodIssueLike): FlowIssue[] {
  const path = issue.path as PropertyKey[];
  const value = valueAt(raw, path);
  const at = (p: PropertyKey[], message: string): FlowIssue => ({ ...locate(file, raw, p), message });
  switch (issue.code) {
    case "invalid_type": {
      const inTransitions = path[0] === "nodes" && path[2] === "transitions" && path.length === 4;
      const isInt = (schemaAt(flowFile, raw, path) as { isInt?: boolean } | undefined)?.isInt === true;
      const expected = inTransitions
        ? "the id of a node"
        : isInt
          ? "an integer"
          : (EXPECTED_TYPE[String(issue.expected)] ?? String(issue.expected));
      if (value === undefined) return [at(path, `is missing; expected ${expected}`)];
      // YAML reads 3 and true as a number and a boolean; expressions and texts must be strings.
      const quoteHint =
        issue.expected === "string" && (typeof value === "number" || typeof value === "boolean")
          ? `; quote it: "${String(value)}"`
          : "";
      return [at(path, `expected ${expected}, found ${describeValue(value)}${quoteHint}`)];
    }
    case "unrecognized_keys": {
      const keys = issue.keys as string[];
      const valid = objectKeys(schemaAt(flowFile, raw, path));
      const inTransitions = path[0] === "nodes" && path.length === 3 && path[2] === "transitions";
      return keys.map((key) => {
        if (inTransitions) {
          const type = nodeTypeOf(raw, String(path[1])) ?? "this node";
          const has = valid.length === 0 ? `a ${type} node has no transitions` : `valid transitions: ${valid.join(", ")}`;
          return at(path, `unknown transition "${key}"${suggestThen(key, valid, has)}`);
        }
        return at([...path, key], `unknown key${suggestThen(key, valid, `valid keys here: ${listNames(valid)}`)}`);
      });
    }
    case "invalid_union": {
      const disc = issue.discriminator as string | undefined;
      const options = ((issue.options as unknown[]) ?? []).map(String);
      if (disc) {
        const what = disc === "type" ? "node type" : disc === "kind" ? "flow kind" : disc;
        if (value === undefined) return [at(path, `is missing; expected one of: ${options.join(", ")}`)];
        if (typeof value !== "string") {
          return [at(path, `expected one of: ${options.join(", ")}; found ${describeValue(value)}`)];
        }
        return [
          at(path, `unknown ${what} "${value}"${suggestThen(value, options, `valid ${what}s: ${options.join(", ")}`)}`),
        ];
      }
      return [at(path, issue.message)];
    }
    case "invalid_value": {
      const values = ((issue.values as unknown[]) ?? []).map((x) => JSON.stringify(x));
      const plain = ((issue.values as unknown[]) ?? []).map(String);
      const dym = typeof value === "string" ? didYouMean(value, plain) : "";
      const expected = values.length === 1 ? values[0] : `one of ${values.join(", ")}`;
      return [at(path, `expected ${expected}, found ${describeValue(value)}${dym}`)];
    }
    case "invalid_format":
      return [at(path, `expected ${issue.message}, found ${describeValue(value)}`)];
    case "too_small":
    case "too_big": {
      const small = issue.code === "too_small";
      const limit = Number(issue[small ? "minimum" : "maximum"]);
      const origin = issue.origin as string;
      if (origin === "number") {
        const int = typeof value === "number" && Number.isInteger(value) ? "an integer" : "a number";
        return [at(path, `expected ${int} ${small ? "of at least" : "of at most"} ${limit}, found ${describeValue(value)}`)];
      }
      if (origin === "string") {
        if (!isDefaultZodMessage(issue.message)) {
          return [at(path, `expected ${issue.message}, found ${describeValue(value)}`)];
        }
        return [at(path, `expected ${small ? "at least" : "at most"} ${limit} characters, found ${describeValue(value)}`)];
      }
      if (origin === "array") {
        return [at(path, `expected ${small ? "at least" : "at most"} ${limit} item${limit === 1 ? "" : "s"}`)];
      }
      return [at(path, issue.message)];
    }
    case "invalid_key": {
      const key = String(path[path.length - 1]);
      const inner = ((issue.issues as Array<{ message: string }>) ?? []).map((i) => i.message).join("; ");
      const container = formatPath(path.slice(0, -1));
      const what = container === "nodes" ? "node id" : "name";
      return [{ ...locate(file, raw, path.slice(0, -1)), message: `invalid ${what} "${key}"; expected ${inner}` }];
    }
    default:
      return [at(path, issue.message)];
  }
}

/**
 * Paths of missing fields that an unknown key next to them most likely meant (`promt` for
 * `prompt`): reporting the unknown key with its suggestion says it all.
 */
function typoExplainedPaths(raw: unknown, issues: ZodIssueLike[]): Set<string> {
  const out = new Set<string>();
  for (const i of issues) {
    if (i.code !== "unrecognized_keys") continue;
    const path = i.path as PropertyKey[];
    const valid = objectKeys(schemaAt(flowFile, raw, path));
    for (const key of i.keys as string[]) {
      const meant = closest(key, valid);
      if (meant !== undefined) out.add(JSON.stringify([...path, meant]));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// YAML parsing with guards.

function flowCollectionDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return max;
}

function nestingDepth(v: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[v, 0]];
  while (stack.length > 0) {
    const [x, d] = stack.pop()!;
    if (d > max) max = d;
    if (d > MAX_NESTING_DEPTH) return d;
    if (typeof x === "object" && x !== null) {
      for (const child of Object.values(x)) stack.push([child, d + 1]);
    }
  }
  return max;
}

/**
 * One linear walk of the YAML syntax tree: offsets of duplicate mapping keys (scalar keys with
 * the same value, as the library's uniqueKeys compares them) and the number of alias nodes.
 */
function scanDocument(doc: YAML.Document.Parsed): { duplicateKeyOffsets: number[]; aliases: number } {
  const duplicateKeyOffsets: number[] = [];
  let aliases = 0;
  YAML.visit(doc, {
    Alias() {
      aliases++;
    },
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!YAML.isScalar(pair.key)) continue;
        const id = `${typeof pair.key.value}:${String(pair.key.value)}`;
        if (seen.has(id)) duplicateKeyOffsets.push(pair.key.range?.[0] ?? 0);
        else seen.add(id);
      }
    },
  });
  return { duplicateKeyOffsets, aliases };
}

/** Keys refused anywhere in a flow file, with why. */
const FORBIDDEN_KEYS: Record<string, string> = {
  // Would otherwise vanish silently while validating (zod skips it).
  ["__proto__"]: `the key "__proto__" is not allowed in a flow file; rename it`,
  // YAML 1.2 has no merge keys: "<<" would be an ordinary key and the merged fields missing.
  "<<": `YAML merge keys ("<<") are not supported in flow files (YAML 1.2); write the fields out`,
};

/** Path of the first forbidden mapping key (see FORBIDDEN_KEYS) in a parsed document, if any. */
function forbiddenKeyPath(v: unknown): PropertyKey[] | undefined {
  const stack: Array<[unknown, PropertyKey[]]> = [[v, []]];
  while (stack.length > 0) {
    const [x, path] = stack.pop()!;
    if (typeof x !== "object" || x === null) continue;
    for (const key of Object.keys(x)) {
      if (Object.hasOwn(FORBIDDEN_KEYS, key)) return [...path, key];
      stack.push([(x as Record<string, unknown>)[key], [...path, Array.isArray(x) ? Number(key) : key]]);
    }
  }
  return undefined;
}

function parseYaml(text: string, file: string): unknown {
  if (Buffer.byteLength(text, "utf8") > MAX_FLOW_FILE_BYTES) {
    throw new FlowLoadError([{ file, message: `file is larger than ${MAX_FLOW_FILE_BYTES} bytes; a flow file should be small` }]);
  }
  if (flowCollectionDepth(text) > 2 * MAX_NESTING_DEPTH) {
    throw new FlowLoadError([{ file, message: `YAML nesting is deeper than ${MAX_NESTING_DEPTH} levels` }]);
  }
  let doc: YAML.Document.Parsed;
  const lineCounter = new YAML.LineCounter();
  try {
    // uniqueKeys is checked below in linear time: the library's own check compares every key of
    // a mapping with every other one, which takes minutes on a 1 MiB file of short keys.
    doc = YAML.parseDocument(text, { version: "1.2", schema: "core", prettyErrors: true, uniqueKeys: false, lineCounter });
  } catch (e) {
    if (e instanceof RangeError) throw new FlowLoadError([{ file, message: `YAML nesting is deeper than ${MAX_NESTING_DEPTH} levels` }]);
    throw new FlowLoadError([{ file, message: `YAML syntax error: ${(e as Error).message}` }]);
  }
  // The library reports nesting too deep for its recursive composer as a "Maximum call stack
  // size exceeded" error at some position: say what it means.
  if (doc.errors.some((e) => /Maximum call stack/.test(e.message))) {
    throw new FlowLoadError([{ file, message: `YAML nesting is deeper than ${MAX_NESTING_DEPTH} levels` }]);
  }
  if (doc.errors.length > 0) {
    const seen = new Set<string>();
    const issues: FlowIssue[] = [];
    for (const err of doc.errors) {
      let first = err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      // The library's wording names its own API; say it in the user's terms.
      if (/^Source contains multiple documents/.test(first)) first = "a flow file holds one YAML document; remove the second one (after ---)";
      const pos = err.linePos?.[0];
      const key = `${pos?.line}:${pos?.col}:${first}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push({ file, line: pos?.line ?? 1, column: pos?.col ?? 1, message: `YAML syntax error: ${first}` });
    }
    throw new FlowLoadError(issues);
  }
  const tooManyAliases = `YAML error: too many alias expansions (more than ${MAX_ALIAS_COUNT}); do not use anchors and aliases to repeat large parts`;
  const shape = scanDocument(doc);
  if (shape.duplicateKeyOffsets.length > 0) {
    throw new FlowLoadError(
      shape.duplicateKeyOffsets.map((offset) => {
        const pos = lineCounter.linePos(offset);
        return { file, line: pos.line, column: pos.col, message: "YAML syntax error: Map keys must be unique" };
      }),
    );
  }
  // Each alias is at least one expansion; counting them first also keeps resolving them (a
  // search of the whole document per alias in the library) from growing quadratically.
  if (shape.aliases > MAX_ALIAS_COUNT) throw new FlowLoadError([{ file, message: tooManyAliases }]);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // "Excessive alias count ..." is the library's expansion limit; other ReferenceErrors are
    // e.g. "Unresolved alias (the anchor must be set before the alias): x".
    const msg = e instanceof ReferenceError && /excessive alias/i.test(e.message) ? tooManyAliases : `YAML error: ${(e as Error).message}`;
    throw new FlowLoadError([{ file, message: msg }]);
  }
  // An alias inside its own anchor (`a: &r {self: *r}`) builds a circular value.
  try {
    JSON.stringify(value);
  } catch {
    throw new FlowLoadError([{ file, message: "YAML error: an alias refers to a node that contains it (recursive alias)" }]);
  }
  if (nestingDepth(value) > MAX_NESTING_DEPTH) {
    throw new FlowLoadError([{ file, message: `YAML nesting is deeper than ${MAX_NESTING_DEPTH} levels` }]);
  }
  const forbidden = forbiddenKeyPath(value);
  if (forbidden !== undefined) {
    throw new FlowLoadError([{ ...locate(file, value, forbidden), message: FORBIDDEN_KEYS[String(forbidden[forbidden.length - 1])] }]);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Semantic checks on a schema-valid model.

/** Declared variables a node may write, with their types, by flow kind. */
export function declaredVariables(model: FlowModel): Map<string, ValueType> {
  const out = new Map<string, ValueType>();
  if (model.kind === "commonModule") {
    for (const [n, d] of Object.entries(model.inputs)) out.set(n, d.type);
    for (const [n, d] of Object.entries(model.outputs)) out.set(n, d.type);
  }
  for (const [n, d] of Object.entries(model.variables)) out.set(n, d.type);
  return out;
}

function nodeIssue(file: string, id: string, node: FlowNode, field: string | undefined, message: string): FlowIssue {
  return { file, node: id, nodeType: node.type, ...(field ? { field } : {}), message };
}

function semanticIssues(file: string, model: FlowModel): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const ids = Object.keys(model.nodes);
  const flowIssue = (field: string, message: string): FlowIssue => ({ file, flow: model.name, field, message });

  // Own keys only: `start: toString` must not resolve to Object.prototype.toString.
  if (!Object.hasOwn(model.nodes, model.start)) {
    issues.push(flowIssue("start", `points to "${model.start}", no such node${didYouMean(model.start, ids)}`));
  }

  if (model.kind === "commonModule") {
    const seen = new Map<string, string>();
    for (const section of ["inputs", "outputs", "variables"] as const) {
      for (const name of Object.keys(model[section])) {
        if (name === RESERVED_OUTCOME_NAME) {
          issues.push(
            flowIssue(
              `${section}.${name}`,
              `"${RESERVED_OUTCOME_NAME}" is reserved for the module's outcome (completed or error), which callers read through the subflow's transitions; choose another name`,
            ),
          );
        } else if (seen.has(name)) {
          issues.push(
            flowIssue(
              `${section}.${name}`,
              `"${name}" is declared in both "${seen.get(name)}" and "${section}"; a name must be unique across a module's inputs, outputs and variables`,
            ),
          );
        } else {
          seen.set(name, section);
        }
      }
    }
  }

  const vars = declaredVariables(model);
  const declareHint = model.kind === "commonModule" ? "declare it under inputs, outputs or variables" : "declare it under variables";
  const checkVar = (id: string, node: FlowNode, field: string, name: string): ValueType | undefined => {
    const t = vars.get(name);
    if (t === undefined) {
      issues.push(
        nodeIssue(file, id, node, field, `variable "${name}" is not declared${suggestThen(name, vars.keys(), declareHint)}`),
      );
    }
    return t;
  };

  for (const [id, node] of Object.entries(model.nodes)) {
    for (const [name, target] of transitionsOf(node)) {
      if (target !== undefined && !Object.hasOwn(model.nodes, target)) {
        issues.push(nodeIssue(file, id, node, `transitions.${name}`, `points to "${target}", no such node${didYouMean(target, ids)}`));
      }
    }
    switch (node.type) {
      case "return":
        if (model.kind !== "commonModule") {
          issues.push(
            nodeIssue(file, id, node, undefined, `a return node is only allowed in a commonModule; end an inboundCall path with disconnect or transferToQueue`),
          );
        } else {
          const outs = Object.keys(model.outputs);
          for (const out of Object.keys(node.outputs)) {
            if (!outs.includes(out)) {
              issues.push(
                nodeIssue(file, id, node, `outputs.${out}`, `module output "${out}" is not declared${suggestThen(out, outs, `declared outputs: ${listNames(outs)}`)}`),
              );
            }
          }
        }
        break;
      case "setVariable":
        checkVar(id, node, "variable", node.variable);
        break;
      case "collectDigits": {
        const t = checkVar(id, node, "variable", node.variable);
        if (t !== undefined && t !== "string") {
          issues.push(nodeIssue(file, id, node, "variable", `variable "${node.variable}" is ${t}; collected digits need a string variable`));
        }
        if (node.minDigits > node.maxDigits) {
          issues.push(nodeIssue(file, id, node, "minDigits", `${node.minDigits} is greater than maxDigits ${node.maxDigits}`));
        }
        break;
      }
      case "subflow":
        for (const [out, target] of Object.entries(node.outputs)) {
          checkVar(id, node, `outputs.${out}`, target);
        }
        break;
      default:
        break;
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Public API.

/** Validates an already-parsed document (a plain JS value) as a flow model. Pure. */
export function validateFlowValue(raw: unknown, file: string): LoadedFlow {
  if (!isMapping(raw)) {
    throw new FlowLoadError([
      { file, message: `expected a mapping with "kind: commonModule" or "kind: inboundCall" at the top, found ${describeValue(raw)}` },
    ]);
  }
  const parsed = flowFile.safeParse(raw);
  if (!parsed.success) {
    const zodIssues = parsed.error.issues as ZodIssueLike[];
    const explained = typoExplainedPaths(raw, zodIssues);
    const issues = zodIssues
      .filter((i) => !(i.code === "invalid_type" && explained.has(JSON.stringify(i.path))))
      .flatMap((i) => zodIssueToFlowIssues(file, raw, i));
    throw new FlowLoadError(issues);
  }
  throwIfIssues(semanticIssues(file, parsed.data));
  return { file, model: parsed.data };
}

/** Parses and validates one flow file's text. `file` is only used in messages. Pure. */
export function parseFlowText(text: string, file: string): LoadedFlow {
  return validateFlowValue(parseYaml(text, file), file);
}

/** Reads and loads one flow file. The only function of the loader doing I/O. */
export function loadFlowFile(path: string, displayPath: string = path): LoadedFlow {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a file" : `cannot read it (${(e as Error).message})`;
    throw new FlowLoadError([{ file: displayPath, message: why }]);
  }
  return parseFlowText(text, displayPath);
}

/** Narrowing helpers for callers that know which kind they expect. */
export function isCommonModule(f: LoadedFlow): f is LoadedFlow<CommonModuleFlow> {
  return f.model.kind === "commonModule";
}
export function isInboundCall(f: LoadedFlow): f is LoadedFlow<InboundCallFlowModel> {
  return f.model.kind === "inboundCall";
}

/**
 * Cross-flow hard errors for one stack: every subflow names the stack's module and maps only
 * its declared inputs and outputs into declared variables of matching type; flow names are unique.
 * Throws one FlowLoadError with every issue.
 */
export function checkFlowSet(module: LoadedFlow<CommonModuleFlow>, callers: LoadedFlow<InboundCallFlowModel>[]): void {
  const issues: FlowIssue[] = [];
  const names = new Map<string, string>();
  for (const f of [module, ...callers]) {
    const other = names.get(f.model.name);
    if (other !== undefined) {
      issues.push({
        file: f.file,
        flow: f.model.name,
        field: "name",
        message: `flow name "${f.model.name}" is also used by ${other}; flow names must be unique in a stack`,
      });
    } else {
      names.set(f.model.name, f.file);
    }
  }
  const m = module.model;
  const inputs = Object.keys(m.inputs);
  const outputs = Object.keys(m.outputs);
  for (const caller of callers) {
    const vars = declaredVariables(caller.model);
    for (const [id, node] of Object.entries(caller.model.nodes)) {
      if (node.type !== "subflow") continue;
      const at = (field: string, message: string) => issues.push(nodeIssue(caller.file, id, node, field, message));
      if (node.module !== m.name) {
        const dym = didYouMean(node.module, [m.name]);
        at("module", `no module named "${node.module}" in this stack${dym || `; the stack's module is "${m.name}" (${module.file})`}`);
        continue;
      }
      for (const input of Object.keys(node.inputs)) {
        if (!inputs.includes(input)) {
          at(`inputs.${input}`, `module "${m.name}" has no input "${input}"${suggestThen(input, inputs, `its inputs: ${listNames(inputs)}`)}`);
        }
      }
      for (const [output, target] of Object.entries(node.outputs)) {
        if (!outputs.includes(output)) {
          const hint = output === RESERVED_OUTCOME_NAME ? "; the outcome is read through the completed and error transitions" : "";
          at(`outputs.${output}`, `module "${m.name}" has no output "${output}"${suggestThen(output, outputs, `its outputs: ${listNames(outputs)}`)}${hint}`);
          continue;
        }
        const targetType = vars.get(target);
        if (targetType === undefined) {
          at(`outputs.${output}`, `variable "${target}" is not declared${suggestThen(target, vars.keys(), "declare it under variables")}`);
        } else if (targetType !== m.outputs[output].type) {
          at(`outputs.${output}`, `module output "${output}" is ${m.outputs[output].type} but variable "${target}" is ${targetType}`);
        }
      }
    }
  }
  throwIfIssues(issues);
}
