// One helper per idea: the string order, the mapping test, the usage error and the view of a flow
// are each defined once in production code and imported everywhere else. A second copy drifts (a
// comparator that never returns 0, an isObject that lets arrays through): this greps the tree for
// each idea's definitions, by name and by body, and expects exactly one.
import { productionSources, read } from "./tree";

const sources = productionSources().map((file) => ({ file, text: read(file) }));

/** Where `pattern` matches, as `file: match`. */
function definitions(pattern: RegExp): string[] {
  return sources.flatMap(({ file, text }) =>
    [...text.matchAll(new RegExp(pattern.source, "g"))].map((m) => `${file}: ${m[0]}`),
  );
}

const IDEAS: ReadonlyArray<[string, RegExp, string]> = [
  [
    "cmp: a comparator of two strings",
    /\b(?:function\s+\w+|const\s+\w+\s*=\s*)\(a: string, b: string\): number\b/,
    "archy/json.ts",
  ],
  ["cmp: a comparator's body", /(\w+) < (\w+) \? -1 : \1 > \2 \? 1 : 0/, "archy/json.ts"],
  [
    "isMap: a mapping test by name",
    /\b(?:function|const)\s+(?:isMap|isMapping|isObject|isPlainObject|isRecord)\b/,
    "archy/json.ts",
  ],
  [
    "isMap: a mapping test's body",
    /typeof (\w+) === "object" && \1 !== null && !Array\.isArray\(\1\)|(\w+) !== null && typeof \2 === "object" && !Array\.isArray\(\2\)/,
    "archy/json.ts",
  ],
  [
    "UsageError: the command line's usage error (exit code 2)",
    /\bclass\s+\w*UsageError\b|\bUsageError as \w+/,
    "project/cliArgs.ts",
  ],
  ["FlowRef: a flow of the plan as its readers see it", /\b(?:interface|type)\s+FlowRef\b/, "planner/flowRef.ts"],
];

test.each(IDEAS)("%s is defined once", (_idea, pattern, home) => {
  const found = definitions(pattern);
  expect(found.map((d) => d.split(":")[0])).toEqual([home]);
});

/** The readers' views of a flow of the plan: each is a Pick, Omit or extension of FlowRef, never its fields written again. */
test.each(["AccountFlow", "ImpactFlow", "RevisionedFlow"])("%s is derived from FlowRef", (view) => {
  const found = definitions(new RegExp(`\\b(?:interface|type)\\s+${view}\\b[^{;]*`));
  expect(found).toHaveLength(1);
  expect(found[0]).toMatch(/FlowRef/);
});
