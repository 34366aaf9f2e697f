// A routing file's text -> one validated routing object, or a FlowLoadError listing every problem
// at its file, line, column and field. The same YAML reader and limits as flow files; the lines
// stay with the object (a locator) so the cross-object checks can point into the file too. Pure.
import type { z } from "zod";
import { FlowLoadError, type FlowIssue } from "../errors";
import { describeValue, valueAt } from "../location";
import { MAX_ALIAS_COUNT, MAX_FLOW_FILE_BYTES } from "../parse";
import { keysAt } from "../shape";
import { listNames, suggestThen } from "../../archy/suggest";
import { readYaml, type YamlLocator } from "../yamlReader";
import { OBJECTS_DIR, ROUTING_KIND_UNITS, ROUTING_ROOTS, routingFile } from "./schema";
import type { RoutingFile } from "./schema";
import { isMap, pathText } from "../../archy/json";

/** A routing object as read from its file, with where each of its fields is written. */
export interface LoadedRouting<T extends RoutingFile = RoutingFile> {
  /** Its path under routing/ without the extension, e.g. `ivr/main-line`. */
  id: string;
  file: string;
  value: T;
  /** 1-based line and column of the value at `path` (of its nearest written ancestor when absent). */
  locator: YamlLocator;
}

/** `routing/ivr/main.yaml` -> `ivr/main`, `objects/queues/sales.yaml` -> `queues/sales`; else undefined. */
export function routingIdOf(file: string): string | undefined {
  const roots = ROUTING_ROOTS.join("|");
  const m = new RegExp(`^(?:${roots})/(.+)\\.ya?ml$`, "i").exec(file.replace(/\\/g, "/").replace(/^\.\//, ""));
  return m ? m[1] : undefined;
}

/** The folder a routing or org object file is under (a file elsewhere: routing/). */
export function rootOf(file: string): (typeof ROUTING_ROOTS)[number] {
  return file.replace(/\\/g, "/").startsWith(`${OBJECTS_DIR}/`) ? OBJECTS_DIR : "routing";
}

/**
 * The kind of an org object file, from its folder (`objects/queues/...`: a queue), which `kind:`
 * may repeat; a routing file names its kind, never an org object's. A problem's message otherwise.
 */
function kindOfFile(file: string, raw: unknown): { kind?: string } | { problem: string; at: string[] } {
  const written = (raw as { kind?: unknown } | null)?.kind;
  const folder = rootOf(file) === OBJECTS_DIR ? file.replace(/\\/g, "/").split("/")[1] : undefined;
  const objects = ROUTING_KIND_UNITS.filter((u) => u.object !== undefined);
  const unit = objects.find((u) => (folder === undefined ? u.kind === written : u.folder === folder));
  const folders = objects.map((u) => `${OBJECTS_DIR}/${u.folder}/`).join(", ");
  if (folder === undefined) {
    const problem = unit ? `a ${unit.label} is declared under ${OBJECTS_DIR}/${unit.folder}/, not here` : undefined;
    return problem !== undefined ? { problem, at: ["kind"] } : {};
  }
  if (!unit) return { problem: `${OBJECTS_DIR}/${folder}/ is not an org object kind's folder (${folders})`, at: [] };
  if (written !== undefined && written !== unit.kind) {
    return { problem: `the folder ${OBJECTS_DIR}/${folder}/ holds ${unit.label}s (kind ${unit.kind})`, at: ["kind"] };
  }
  return { kind: unit.kind };
}

/** An issue at `path` of a loaded (or raw) document, with its line and column. */
export function issueAt(
  file: string,
  locator: YamlLocator,
  path: ReadonlyArray<string | number>,
  message: string,
): FlowIssue {
  const pos = locator.locate(path);
  const field = pathText(path);
  return { file, line: pos.line, column: pos.column, ...(field ? { field } : {}), message };
}

const EXPECTED: Record<string, string> = {
  string: "a string",
  number: "a number",
  boolean: "true or false",
  object: "a mapping",
  array: "a list",
};

/** Parses and validates one routing file. `file` is only used in messages. */
export function parseRoutingText(text: string, file: string): LoadedRouting {
  const id = routingIdOf(file) ?? file;
  const read = readYaml(text, {
    limits: { maxBytes: MAX_FLOW_FILE_BYTES, maxDepth: 16, maxAliasCount: MAX_ALIAS_COUNT },
  });
  if (!read.ok) {
    throw new FlowLoadError(
      read.problems.map((p) => ({
        file,
        ...(p.line !== undefined ? { line: p.line, column: p.column ?? 1 } : {}),
        message: p.message,
      })),
    );
  }
  const kind = kindOfFile(file, read.value);
  if ("problem" in kind) throw new FlowLoadError([issueAt(file, read.locator, kind.at, kind.problem)]);
  const raw = kind.kind !== undefined && isMap(read.value) ? { kind: kind.kind, ...read.value } : read.value;
  const parsed = routingFile.safeParse(raw);
  if (parsed.success) return { id, file, value: parsed.data, locator: read.locator };
  const issues = parsed.error.issues.flatMap((i) =>
    zodIssue(file, raw, read.locator, i as z.core.$ZodIssue & Record<string, unknown>),
  );
  throw new FlowLoadError(issues);
}

function zodIssue(
  file: string,
  raw: unknown,
  locator: YamlLocator,
  issue: z.core.$ZodIssue & Record<string, unknown>,
): FlowIssue[] {
  const path = issue.path as Array<string | number>;
  const value = valueAt(raw, path);
  const at = (p: Array<string | number>, message: string) => issueAt(file, locator, p, message);
  switch (issue.code) {
    case "invalid_type":
      if (value === undefined)
        return [at(path, `is missing; expected ${EXPECTED[String(issue.expected)] ?? issue.expected}`)];
      return [
        at(path, `expected ${EXPECTED[String(issue.expected)] ?? issue.expected}, found ${describeValue(value)}`),
      ];
    case "unrecognized_keys": {
      const valid = keysAt(routingFile, raw, path);
      return (issue.keys as string[]).map((key) =>
        at([...path, key], `unknown key${suggestThen(key, valid, `valid keys here: ${listNames(valid)}`)}`),
      );
    }
    case "invalid_union":
      if (issue.discriminator === "kind" || (path.length === 0 && issue.note === "No matching discriminator")) {
        const kind = valueAt(raw, ["kind"]);
        // An org object's kind is its folder's (objects/): a routing file names one of the routing kinds.
        const kinds = ROUTING_KIND_UNITS.filter((u) => u.object === undefined).map((u) => u.kind);
        const found = kind === undefined ? "is missing" : `unknown kind ${describeValue(kind)}`;
        const then = suggestThen(String(kind ?? ""), kinds, `expected one of ${kinds.join(", ")}`);
        return [at(["kind"], `${found}${then}`)];
      }
      return [
        at(path, `expected an E.164 number such as +13175550100 or a range {from, to}, found ${describeValue(value)}`),
      ];
    case "invalid_format":
      return [at(path, `expected ${issue.message}, found ${describeValue(value)}`)];
    default:
      return [at(path, issue.message)];
  }
}
