// Shape validation of a parsed flow file: the zod schema, and zod's issues turned into messages
// a person can act on (expected types, unknown keys with did-you-mean, valid node types and
// transitions), located in the user's file. Pure.
import type { z } from "zod";
import { flowFile, type FlowModel, type LoadedFlow } from "./schema";
import { FlowLoadError, type FlowIssue } from "./errors";
import { KIND_NAMES } from "./kinds";
import { closest, didYouMean, listNames, suggestThen } from "../archy/suggest";
import { describeValue, locate, nodeTypeOf, valueAt } from "./location";
import { isMap, pathText } from "../archy/json";

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

// biome-ignore-start lint/suspicious/noExplicitAny: zod 4 keeps a schema's structure in untyped `_zod.def`
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
  if (!disc || !isMap(v)) return undefined;
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

/** The keys the object schema validating the value at `path` of `raw` accepts (none where it is not an object). */
export function keysAt(root: z.ZodType, raw: unknown, path: ReadonlyArray<PropertyKey>): string[] {
  const def = schemaAt(root, raw, path)?._zod?.def;
  return def?.type === "object" ? Object.keys(def.shape) : [];
}
// biome-ignore-end lint/suspicious/noExplicitAny: zod 4 keeps a schema's structure in untyped `_zod.def`

// ---------------------------------------------------------------------------------------------
// zod issues -> FlowIssues a person can act on.

// zod 4's issue type is a union; we read its fields loosely and fall back to its message.
type ZodIssueLike = z.core.$ZodIssue & Record<string, unknown>;

function isDefaultZodMessage(m: string): boolean {
  return /^(Too small|Too big|Invalid|Expected)/.test(m);
}

/** A number, text or list too small or too big, in words. */
function sizeMessage(issue: ZodIssueLike, value: unknown): string {
  const small = issue.code === "too_small";
  const limit = Number(issue[small ? "minimum" : "maximum"]);
  const origin = issue.origin as string;
  if (origin === "number") {
    const int = typeof value === "number" && Number.isInteger(value) ? "an integer" : "a number";
    return `expected ${int} ${small ? "of at least" : "of at most"} ${limit}, found ${describeValue(value)}`;
  }
  if (origin === "string") {
    if (!isDefaultZodMessage(issue.message)) return `expected ${issue.message}, found ${describeValue(value)}`;
    return `expected ${small ? "at least" : "at most"} ${limit} characters, found ${describeValue(value)}`;
  }
  if (origin === "array") return `expected ${small ? "at least" : "at most"} ${limit} item${limit === 1 ? "" : "s"}`;
  return issue.message;
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
      const valid = keysAt(flowFile, raw, path);
      const inTransitions = path[0] === "nodes" && path.length === 3 && path[2] === "transitions";
      return keys.map((key) => {
        if (inTransitions) {
          const type = nodeTypeOf(raw, String(path[1])) ?? "this node";
          const has =
            valid.length === 0 ? `a ${type} node has no transitions` : `valid transitions: ${valid.join(", ")}`;
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
    case "too_big":
      return [at(path, sizeMessage(issue, value))];
    case "invalid_key": {
      const key = String(path[path.length - 1]);
      const inner = ((issue.issues as Array<{ message: string }>) ?? []).map((i) => i.message).join("; ");
      const container = pathText(path.slice(0, -1));
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
    const valid = keysAt(flowFile, raw, path);
    for (const key of i.keys as string[]) {
      const meant = closest(key, valid);
      if (meant !== undefined) out.add(JSON.stringify([...path, meant]));
    }
  }
  return out;
}

/**
 * Validates an already-parsed document (a plain JS value) as a flow model: shape only. Semantic
 * checks (references, variables, expressions, module calls) are the checks' job (checks/).
 * Throws a FlowLoadError listing every shape problem, located.
 */
export function validateFlowValue(raw: unknown, file: string): LoadedFlow {
  if (!isMap(raw)) {
    throw new FlowLoadError([
      {
        file,
        message: `expected a mapping with "kind: <${KIND_NAMES.join("|")}>" at the top, found ${describeValue(raw)}`,
      },
    ]);
  }
  const parsed = flowFile.safeParse(raw);
  if (!parsed.success) {
    const zodIssues = parsed.error.issues as ZodIssueLike[];
    const explained = typoExplainedPaths(raw, zodIssues);
    const issues = zodIssues
      .filter((i) => !((i.code === "invalid_type" || i.code === "custom") && explained.has(JSON.stringify(i.path))))
      .flatMap((i) => zodIssueToFlowIssues(file, raw, i));
    throw new FlowLoadError(issues);
  }
  validatedModels.add(parsed.data);
  return { file, model: parsed.data as FlowModel };
}

/** The models validateFlowValue returned: models are values, never changed after they are made. */
const validatedModels = new WeakSet<object>();

/** Whether `model` is a model validateFlowValue returned (so validating it again gives the same verdict). */
export function wasValidated(model: unknown): boolean {
  return typeof model === "object" && model !== null && validatedModels.has(model);
}
