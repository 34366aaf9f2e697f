// YAML text -> a plain value, for flow and stack files: the project's one safe YAML 1.2 reader
// (model/yamlReader.ts, shared with the emulator) with the limits of a flow file, its problems as
// FlowIssues located in the user's file. Pure.
import { FlowLoadError, type FlowIssue } from "./errors";
import { readYaml, type YamlProblem } from "./yamlReader";

/** Flow files are small; anything bigger is a mistake (or an attack on the parser). */
export const MAX_FLOW_FILE_BYTES = 1024 * 1024;
/** Alias expansions allowed while building the model (YAML anchors are rarely needed in flows). */
export const MAX_ALIAS_COUNT = 100;
/**
 * The model is at most ~6 levels deep, but raw Archy in `archy` nodes goes deeper: a real export in
 * ../shared/archy-corpus nests 54 levels, and an archy node holding its actions adds about 6. 72
 * leaves room and still stops a parser bomb long before it costs anything.
 */
export const MAX_NESTING_DEPTH = 72;

const PREFIX: Record<YamlProblem["kind"], string> = {
  syntax: "YAML syntax error: ",
  limits: "YAML error: ",
  "duplicate-key": "",
  "forbidden-key": "",
  "inexact-number": "",
};

function toIssue(file: string, p: YamlProblem): FlowIssue {
  // The reader's messages name the other place of a duplicate key themselves.
  return {
    file,
    ...(p.line !== undefined ? { line: p.line, column: p.column ?? 1 } : {}),
    message: `${PREFIX[p.kind]}${p.message}`,
  };
}

/** Parses one YAML document with the flow-file limits; throws a FlowLoadError listing every problem. */
export function parseYaml(text: string, file: string): unknown {
  const result = readYaml(text, {
    limits: { maxBytes: MAX_FLOW_FILE_BYTES, maxDepth: MAX_NESTING_DEPTH, maxAliasCount: MAX_ALIAS_COUNT },
  });
  if (!result.ok) throw new FlowLoadError(result.problems.map((p) => toIssue(file, p)));
  return result.value;
}
