// The compiler emits only Archy that real Genesys accepts: every key path of what it compiles
// (parent-to-child pairs of keys, list levels transparent; the keys right under each flow type; the
// value types of variables and assignments) appears in a real export of ../shared/archy-corpus or archy-corpus-2, or
// in compiler/fidelity-exceptions.yaml with the public source that documents it. The compiled
// fixture uses every node type in every flow kind that allows it (testkit/nodeTypeFixtures.ts,
// built from the node descriptors' examples), with every optional field set and left out. Every
// compiled file also passes the Archy validator the emulator publishes with.
import { readFileSync } from "fs";
import { join } from "path";
import YAML from "yaml";
import { validateArchyDocument } from "../../archy/validate";
import { parseArchyYaml } from "../../compiler";
import { KIND_NAMES } from "../../model/kinds";
import { NODE_TYPES } from "../../model/nodes";
import { emptyKeyPaths, keyPathsOf, type KeyPaths } from "../../testkit/archyKeyPaths";
import { allows, nodeTypeFixtures, nodeTypePortfolio } from "../../testkit/nodeTypeFixtures";
import { plan } from "../../testkit/portfolio";
import { readCorpus, readNotExports } from "./archy/corpusFiles";

const EXCEPTIONS_FILE = join(__dirname, "..", "..", "compiler", "fidelity-exceptions.yaml");

interface Exception {
  source: string;
  shows: string;
  keys: string[];
}

function readExceptions(): Exception[] {
  const parsed = YAML.parse(readFileSync(EXCEPTIONS_FILE, "utf8"), { version: "1.2" }) as Exception[];
  return parsed;
}

/** Every key of a KeyPaths as one set: pairs, `flowType:key`, `type:<valueType>`. */
function keysOf(k: KeyPaths): Set<string> {
  return new Set([...k.pairs, ...k.topLevel, ...[...k.types].map((t) => `type:${t}`)]);
}

const fixtures = nodeTypeFixtures();
const portfolio = plan(nodeTypePortfolio(fixtures), { namePrefix: "t-" });
const compiled = portfolio.flows.map((f) => ({ id: f.id, doc: parseArchyYaml(f.templateYaml) }));

/** Compiled key -> the first flow emitting it. */
const emitted = new Map<string, string>();
for (const { id, doc } of compiled) for (const key of keysOf(keyPathsOf(doc))) if (!emitted.has(key)) emitted.set(key, id);

describe("the compiler's fidelity to real exports", () => {
  const corpusPaths = emptyKeyPaths();
  // Real exports only: a hand-written file of the corpus (test/fixtures/corpus-not-exports.yaml) proves nothing.
  const notExports = new Set(readNotExports().map((e) => e.file));
  for (const f of readCorpus()) if (!notExports.has(f.file)) keyPathsOf(parseArchyYaml(f.text), corpusPaths);
  const corpus = keysOf(corpusPaths);
  const exceptions = readExceptions();
  const excepted = new Set(exceptions.flatMap((e) => e.keys));

  test("the fixture uses every node type in every flow kind that allows it, with and without optional fields", () => {
    const missing: string[] = [];
    for (const kind of KIND_NAMES) {
      for (const type of NODE_TYPES) {
        if (!allows(kind, type)) continue;
        for (const variant of ["start", "bare", "shared"]) {
          if (!fixtures.some((f) => f.kind === kind && f.type === type && f.variant === variant)) missing.push(`${kind}/${type}-${variant}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(new Set(fixtures.map((f) => f.type))).toEqual(new Set(NODE_TYPES));
    expect(compiled).toHaveLength(fixtures.length + 1);
  });

  test("every compiled key is in the corpus or in the exceptions file", () => {
    const unverified = [...emitted].filter(([key]) => !corpus.has(key) && !excepted.has(key)).map(([key, id]) => `${key} (first in ${id})`);
    expect(unverified).toEqual([]);
  });

  test("the exceptions file is short, cites a public source for every entry, and holds no stale key", () => {
    expect(exceptions.length).toBeLessThanOrEqual(10);
    for (const e of exceptions) {
      expect(e.source).toMatch(/^https:\/\/(help\.mypurecloud\.com|developer\.genesys\.cloud|github\.com\/(GenesysCloudBlueprints|MyPureCloud))\//);
      expect(e.shows.length).toBeGreaterThan(20);
      expect(e.keys.length).toBeGreaterThan(0);
    }
    const keys = exceptions.flatMap((e) => e.keys);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    // An entry the corpus shows, or the compiler no longer emits, must go.
    expect(keys.filter((k) => corpus.has(k))).toEqual([]);
    expect(keys.filter((k) => !emitted.has(k))).toEqual([]);
  });

  test("every compiled file passes the Archy validator; the warnings left are references to objects of an org it is not given", () => {
    const errors: string[] = [];
    const warnings = new Set<string>();
    for (const { id, doc } of compiled) {
      for (const f of validateArchyDocument(doc)) {
        if (f.severity === "error") errors.push(`${id}: ${f.path}: ${f.message}`);
        else warnings.add(f.rule);
      }
    }
    expect(errors).toEqual([]);
    // Queues, schedules, data actions and flows are named, not known here: test/emulator/nodeTypes.test.ts
    // publishes the same files to an emulated org that has them, in strict mode.
    expect([...warnings].sort()).toEqual(["unmodelled-reference"]);
  });

  test("no jumpToTask, and initial values are literals or noValue", () => {
    expect([...emitted.keys()].filter((k) => k.includes("jumpToTask"))).toEqual([]);
    const initial = [...emitted.keys()].filter((k) => k.startsWith("initialValue>")).sort();
    expect(initial).toEqual(["initialValue>lit", "initialValue>noValue"]);
  });
});
