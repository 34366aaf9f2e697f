// Reads a stack file (`Pulumi.<stack>.yaml`) and validates its `genesys-flows:*` config: the I/O
// edge in front of the pure parseStackConfig, shared by the CLIs and `npm start`/`up`/`preview`.
import { readFileSync } from "fs";
import { join } from "path";
import YAML from "yaml";
import { FlowLoadError } from "./model/errors";
import { parseStackConfig, type StackConfig } from "./stackConfig";

/** Reads `Pulumi.<stack>.yaml` under `root` and validates its `genesys-flows:*` config. */
export function readStackConfig(root: string, stack: string): StackConfig {
  const file = `Pulumi.${stack}.yaml`;
  let text: string;
  try {
    text = readFileSync(join(root, file), "utf8");
  } catch {
    throw new FlowLoadError([{ file, message: `no such stack file; create it or pass --stack <name>` }]);
  }
  const doc = YAML.parseDocument(text, { version: "1.2", schema: "core", uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = e.linePos?.[0];
    throw new FlowLoadError([{ file, line: pos?.line ?? 1, column: pos?.col ?? 1, message: `YAML syntax error: ${e.message.split("\n")[0]}` }]);
  }
  const raw = doc.toJS({ maxAliasCount: 100 }) as { config?: unknown } | null;
  return parseStackConfig(raw?.config ?? {}, file);
}
