// The compiler emits only Archy that real Genesys accepts: every key path of what it compiles
// (parent-to-child pairs of keys, list levels transparent; the keys right under each flow type; the
// value types of variables and assignments) is one public exports show (compiler/fidelity-evidence.yaml,
// each key with the exports that show it, checked against them by the exports tier when
// GENESYS_FLOWS_CORPUS holds them), or is in compiler/fidelity-exceptions.yaml with the public source
// that documents it. The compiled fixture uses every node type in every flow kind that allows it
// (testkit/nodeTypeFixtures.ts, built from the node descriptors' examples), with every optional
// field set and left out. Every compiled file also passes the Archy validator the emulator
// publishes with.
import { validateArchyDocument } from "../../archy/validate";
import { EXPORTS } from "../../archy/catalogue/exports";
import { KIND_NAMES } from "../../model/kinds";
import { NODE_TYPES } from "../../model/nodes";
import { compiledFixtures, emittedKeys, readEvidence, readExceptions } from "../../testkit/compilerKeys";
import { allows } from "../../testkit/nodeTypeFixtures";

const { fixtures, compiled } = compiledFixtures();
/** Compiled key -> the first flow emitting it. */
const emitted = emittedKeys(compiled);

describe("the compiler's fidelity to real exports", () => {
  const evidence = readEvidence();
  const exceptions = readExceptions();
  const excepted = new Set(exceptions.flatMap((e) => e.keys));

  test("the fixture uses every node type in every flow kind that allows it, with and without optional fields", () => {
    const missing: string[] = [];
    for (const kind of KIND_NAMES) {
      for (const type of NODE_TYPES) {
        if (!allows(kind, type)) continue;
        for (const variant of ["start", "bare", "shared"]) {
          if (!fixtures.some((f) => f.kind === kind && f.type === type && f.variant === variant))
            missing.push(`${kind}/${type}-${variant}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(new Set(fixtures.map((f) => f.type))).toEqual(new Set(NODE_TYPES));
    expect(compiled).toHaveLength(fixtures.length + 1);
  });

  test("every compiled key is shown by a public export or in the exceptions file", () => {
    const unverified = [...emitted]
      .filter(([key]) => !evidence.has(key) && !excepted.has(key))
      .map(([key, id]) => `${key} (first in ${id})`);
    expect(unverified).toEqual([]);
  });

  test("the evidence cites one or two public exports for every key, and holds no key the compiler no longer emits", () => {
    const cited = [...evidence].flatMap(([key, sources]) =>
      sources.length >= 1 && sources.length <= 2 ? sources : [`${key}: ${sources.length} sources`],
    );
    const unresolved = cited.filter(
      (s) => !Object.hasOwn(EXPORTS, s) && !/^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\//.test(s),
    );
    expect(unresolved).toEqual([]);
    expect([...evidence.keys()].filter((k) => !emitted.has(k))).toEqual([]);
  });

  test("the exceptions file is short, cites a public source for every entry, and holds no stale key", () => {
    expect(exceptions.length).toBeLessThanOrEqual(10);
    for (const e of exceptions) {
      expect(e.source).toMatch(
        /^https:\/\/(help\.mypurecloud\.com|developer\.genesys\.cloud|github\.com\/(GenesysCloudBlueprints|MyPureCloud))\//,
      );
      expect(e.shows.length).toBeGreaterThan(20);
      expect(e.keys.length).toBeGreaterThan(0);
    }
    const keys = exceptions.flatMap((e) => e.keys);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    // An entry the evidence holds, or the compiler no longer emits, must go.
    expect(keys.filter((k) => evidence.has(k))).toEqual([]);
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
