// The keys the compiler emits and the evidence that real Archy has them, for the compiler's fidelity
// tests (test/unit/compilerFidelity.test.ts without real exports, the exports tier with them): every
// node type in every flow kind that allows it (nodeTypeFixtures.ts), compiled, as key paths
// (archyKeyPaths.ts); the keys public exports show, each with the exports that show it
// (compiler/fidelity-evidence.yaml); and the keys no export shows, each with the public source that
// documents it (compiler/fidelity-exceptions.yaml).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import { parseArchyYaml } from "../compiler";
import { keyPathsOf, type KeyPaths } from "./archyKeyPaths";
import { nodeTypeFixtures, nodeTypePortfolio } from "./nodeTypeFixtures";
import { plan } from "./portfolio";

export const EVIDENCE_FILE = join(__dirname, "..", "compiler", "fidelity-evidence.yaml");
export const EXCEPTIONS_FILE = join(__dirname, "..", "compiler", "fidelity-exceptions.yaml");

/** Every key of a KeyPaths as one set: pairs, `flowType:key`, `type:<valueType>`. */
export function keysOf(k: KeyPaths): Set<string> {
  return new Set([...k.pairs, ...k.topLevel, ...[...k.types].map((t) => `type:${t}`)]);
}

/** The node-type fixtures, and each compiled flow as a parsed document. */
export function compiledFixtures(): {
  fixtures: ReturnType<typeof nodeTypeFixtures>;
  compiled: Array<{ id: string; doc: unknown }>;
} {
  const fixtures = nodeTypeFixtures();
  const portfolio = plan(nodeTypePortfolio(fixtures), { namePrefix: "t-" });
  return { fixtures, compiled: portfolio.flows.map((f) => ({ id: f.id, doc: parseArchyYaml(f.templateYaml) })) };
}

/** Compiled key -> the first flow emitting it. */
export function emittedKeys(compiled: ReadonlyArray<{ id: string; doc: unknown }>): Map<string, string> {
  const emitted = new Map<string, string>();
  for (const { id, doc } of compiled)
    for (const key of keysOf(keyPathsOf(doc))) if (!emitted.has(key)) emitted.set(key, id);
  return emitted;
}

export interface FidelityException {
  source: string;
  shows: string;
  keys: string[];
}

export function readExceptions(): FidelityException[] {
  return YAML.parse(readFileSync(EXCEPTIONS_FILE, "utf8"), { version: "1.2" }) as FidelityException[];
}

/** Key -> the public exports (catalogue export ids, or GitHub URLs at a commit) that show it. */
export function readEvidence(): Map<string, string[]> {
  const parsed = YAML.parse(readFileSync(EVIDENCE_FILE, "utf8"), { version: "1.2" }) as Record<string, string[]>;
  return new Map(Object.entries(parsed));
}

/** The evidence file's text: a header, then one key per line with its sources, keys sorted. */
export function evidenceText(evidence: ReadonlyMap<string, readonly string[]>): string {
  const header = [
    "# The Archy keys the compiler emits that public exports show, each with up to two exports that show it:",
    "# an id of archy/catalogue/exports.ts, or the export's GitHub URL at a commit. Keys are `parent>child` pairs",
    "# (list levels transparent), `flowType:key` for the keys right under a flow type, or `type:<valueType>`.",
    "# The compiler's fidelity test (test/unit/compilerFidelity.test.ts) fails on a compiled key that is neither",
    "# here nor in fidelity-exceptions.yaml; the exports tier checks every entry against the exports it cites",
    "# when GENESYS_FLOWS_CORPUS holds them, and rewrites this file from them with UPDATE_GOLDEN=1 (docs/tests.md).",
  ];
  const keys = [...evidence.keys()].sort();
  return `${header.join("\n")}\n${keys
    .map(
      (k) =>
        `${JSON.stringify(k)}: [${evidence
          .get(k)!
          .map((s) => JSON.stringify(s))
          .join(", ")}]`,
    )
    .join("\n")}\n`;
}
