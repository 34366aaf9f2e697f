// An imported model as a flow file: deterministic YAML 1.2 with a header naming where it came
// from. Transitions are written inline, as the portfolio's files write them; strings holding a
// placeholder or reading as a YAML 1.1 boolean are double-quoted. Pure.
import YAML from "yaml";

export interface Header {
  /** The editor schema, relative to the file (`../../schema/flow.schema.json`). */
  schemaPath: string;
  /** Where the flow came from: an Archy file, or an org flow with its id. */
  source: string;
  /** One-line summary lines (what became typed, what stayed raw). */
  lines: string[];
}

const YAML11_SPECIAL = /^(y|yes|n|no|on|off|true|false|null|~)$/i;

export function modelYaml(model: Record<string, unknown>, header: Header): string {
  const doc = new YAML.Document(model, { version: "1.2", aliasDuplicateObjects: false });
  YAML.visit(doc, {
    Pair(_key, pair) {
      const key = YAML.isScalar(pair.key) ? pair.key.value : undefined;
      if (key === "transitions" && YAML.isMap(pair.value)) pair.value.flow = true;
    },
    Scalar(_key, node) {
      if (typeof node.value === "string" && (node.value.includes("{{") || YAML11_SPECIAL.test(node.value)))
        node.type = "QUOTE_DOUBLE";
    },
  });
  doc.commentBefore = [
    ` yaml-language-server: $schema=${header.schemaPath}`,
    ` Imported by genesys-flows from ${header.source}.`,
    ...header.lines.map((l) => ` ${l}`),
  ].join("\n");
  return doc.toString({ lineWidth: 0, minContentWidth: 0, indent: 2, indentSeq: true });
}
