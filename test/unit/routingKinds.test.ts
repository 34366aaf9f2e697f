// A routing kind is one unit (model/routing/kinds/<kind>.ts, registered once in its index.ts):
// every kind of the file format has a unit, every table derived from the units has each kind, and
// no production file outside the units switches on a routing kind's name. The source files are
// read from the repository (production code, not fixtures).
import * as fs from "node:fs";
import * as path from "node:path";
import { ROUTING_KIND_UNITS, ROUTING_KINDS, routingFile, STACK_VALUES, unitOf } from "../../model/routing/schema";
import { ROUTING_TYPES } from "../../model/facts";
import { ADOPT_FOLDERS } from "../../import/adoptRouting";
import { KIND_LABELS } from "../../diff/routingDiff";
import { ROUTING_COLLECTIONS } from "../../emulator/routingStore";
import { permissionFor } from "../../org/permissions";
import { ROUTING_ENDPOINTS } from "../../org/routing";
import { ORG_OBJECT_KINDS } from "../../archy/orgObjectKinds";

const ROOT = path.resolve(__dirname, "../..");
const UNITS_DIR = "model/routing/kinds/";
/** Not production code, or generated. */
const SKIP = new Set([
  "node_modules",
  "test",
  "testkit",
  "sdks",
  ".git",
  ".work",
  "docs",
  "flows",
  "routing",
  "scenarios",
  "schema",
]);

function productionFiles(dir = ROOT, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    const rel = path.relative(ROOT, abs).split(path.sep).join("/");
    if (SKIP.has(rel.split("/")[0]) || e.name === "node_modules" || e.name.startsWith(".")) continue;
    if (e.isDirectory()) productionFiles(abs, out);
    else if (/\.ts$/.test(e.name) && !e.name.endsWith(".d.ts")) out.push(rel);
  }
  return out;
}

/** `kind === "ivr"`, `.kind !== "didPool"`, `case "schedule":` for every routing kind. */
function kindSwitches(text: string, kinds: readonly string[]): string[] {
  const names = kinds.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  const pattern = new RegExp(
    `(?:\\bkind\\s*[!=]==?\\s*["'](?:${names})["']|["'](?:${names})["']\\s*[!=]==?\\s*[\\w.]*kind\\b|\\bcase\\s+["'](?:${names})["']\\s*:)`,
    "g",
  );
  return [...text.matchAll(pattern)].map((m) => m[0]);
}

test("the pattern finds the switches it is for (so the next test can fail)", () => {
  const kinds = ["ivr", "didPool"];
  expect(
    kindSwitches(`if (o.kind === "ivr") x; if (v.kind !== 'didPool') y; switch (k) { case "ivr": }`, kinds),
  ).toEqual(['kind === "ivr"', "kind !== 'didPool'", 'case "ivr":']);
  expect(kindSwitches(`unitOf(o.kind).routes; isKind(v, "ivr"); const label = "IVR config";`, kinds)).toEqual([]);
});

// The org object kinds (a queue, a language skill) are Archy's too (archy/orgObjectKinds.ts): the
// validator and the emulator name them for what Archy and Genesys do with them.
const ROUTE_KINDS = ROUTING_KIND_UNITS.filter((u) => u.object === undefined).map((u) => u.kind);

test("no production file outside the routing kinds' units switches on a routing kind", () => {
  const found = productionFiles()
    .filter((f) => !f.startsWith(UNITS_DIR))
    .flatMap((f) => kindSwitches(fs.readFileSync(path.join(ROOT, f), "utf8"), ROUTE_KINDS).map((m) => `${f}: ${m}`));
  expect(found).toEqual([]);
});

test("every kind of the file format has one unit, registered once, whose schema is that kind's", () => {
  const unionKinds = routingFile.options.map((o) => o.shape.kind.value).sort();
  expect([...ROUTING_KINDS].sort()).toEqual(unionKinds);
  expect(new Set(ROUTING_KINDS).size).toBe(ROUTING_KINDS.length);
  for (const kind of ROUTING_KINDS) expect(unitOf(kind).schema.shape.kind.value).toBe(kind);
});

test("every table derived from the units has every kind", () => {
  for (const kind of ROUTING_KINDS) {
    const unit = unitOf(kind);
    expect(STACK_VALUES[kind]).toBe(unit.stackValues);
    expect(ROUTING_TYPES[kind]).toBe(unit.componentType);
    expect(ADOPT_FOLDERS[kind]).toBe(unit.folder);
    expect(KIND_LABELS[kind]).toBe(unit.label);
    // An org object's collection is the emulator's org object store's (its row in archy/orgObjectKinds.ts).
    const objectPath = () => ORG_OBJECT_KINDS[kind as keyof typeof ORG_OBJECT_KINDS].endpoint.path;
    const routingPath = () => `/api/v2/${ROUTING_COLLECTIONS[kind as keyof typeof ROUTING_COLLECTIONS].path}`;
    expect(unit.object ? objectPath() : routingPath()).toBe(unit.org.endpoint);
    // A 403 on the kind's collection names the permission reading it needs.
    expect(permissionFor(unit.org.endpoint)).toBe(unit.org.permission);
    expect(permissionFor(`${unit.org.endpoint}/some-id`)).toBe(unit.org.permission);
    if (unit.adopt) expect(ROUTING_ENDPOINTS[kind]).toBe(unit.org.endpoint);
  }
});

test("every stack value a kind allows is a field of its file", () => {
  for (const unit of ROUTING_KIND_UNITS)
    for (const key of unit.stackValues) expect(Object.keys(unit.schema.shape)).toContain(key);
});
