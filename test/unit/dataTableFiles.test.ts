// A data table a team declares (objects/data-tables/<name>.yaml, docs/objects.md): its file and
// messages (properties typed, rows checked against them), the provider's resources it becomes (the
// string key first; each row a resource of its own, only when declared), the review's words, and
// its adoption by name (planner/objects/decisions.ts), the org's schema compared in display order.
import { parseRoutingText } from "../../model/routing/load";
import { formatIssue } from "../../model/errors";
import { unitOf, type RoutingFile } from "../../model/routing/schema";
import { issuesOf } from "../../testkit/portfolio";
import { planRouting, routingObjectsOf } from "../../planner/routing";
import { routingResourceInputs } from "../../planner/routingInputs";
import { parseStackSettings } from "../../planner/stackSettings";
import { decideObjects, decisionWords } from "../../planner/objects/decisions";

const FILE = "objects/data-tables/stores.yaml";
const STORES = [
  'name: "{{stores_table}}"',
  "description: Opening of each store",
  "key: Store id",
  "properties:",
  "  open: { type: boolean, default: true }",
  "  city: { type: string, title: City }",
  "rows:",
  "  harbour: { open: false, city: Leith }",
  "",
].join("\n");
type Table = Extract<RoutingFile, { kind: "dataTable" }>;
const messages = (f: () => unknown): string[] => issuesOf(f).map(formatIssue);
const refs = { routing: () => undefined, flow: () => undefined };
const plan = (text = STORES) =>
  planRouting({
    settings: parseStackSettings(
      { environment: "dev", namePrefix: "dev-", substitutions: { stores_table: "Stores dev" } },
      "Pulumi.dev.yaml",
    ),
    sources: [{ id: "data-tables/stores", file: FILE, text }],
    flows: [],
    stackFile: "Pulumi.dev.yaml",
  }).objects;

describe("a data table's file", () => {
  it("is a data table by its folder: the key's title, typed properties in order, rows by key", () => {
    expect(parseRoutingText(STORES, FILE).value).toEqual({
      kind: "dataTable",
      name: "{{stores_table}}",
      description: "Opening of each store",
      key: "Store id",
      properties: { open: { type: "boolean", default: true }, city: { type: "string", title: "City" } },
      rows: { harbour: { open: false, city: "Leith" } },
    });
    expect(parseRoutingText("name: Empty\n", FILE).value).toEqual({ kind: "dataTable", name: "Empty", properties: {} });
  });

  it("names the file, line and field of a type, a default or a row that does not fit", () => {
    const text = (rest: string) => `name: T\nproperties:\n  open: { type: boolean }\n${rest}`;
    expect(messages(() => parseRoutingText(text("rows:\n  a: { open: yes please }\n"), FILE))).toEqual([
      `${FILE}:5:8: field "rows.a.open": not a boolean`,
    ]);
    expect(messages(() => parseRoutingText(text("rows:\n  a: { shut: true }\n"), FILE))).toEqual([
      `${FILE}:5:8: field "rows.a.shut": no property "shut" (open)`,
    ]);
    expect(messages(() => parseRoutingText("name: T\nproperties:\n  key: { type: string }\n", FILE))).toEqual([
      `${FILE}:3:3: field "properties.key": \`key\` is the row key: name it with \`key:\``,
    ]);
    expect(
      messages(() => parseRoutingText("name: T\nproperties:\n  n: { type: integer, default: 1.5 }\n", FILE)),
    ).toEqual([`${FILE}:3:23: field "properties.n.default": not an integer`]);
    expect(messages(() => parseRoutingText("name: T\nproperties:\n  d: { type: date }\n", FILE))[0]).toMatch(
      /^objects\/data-tables\/stores\.yaml:3:8: field "properties\.d\.type": .*"string".*"boolean"/,
    );
  });
});

describe("the data table a stack deploys", () => {
  const [stores] = plan();

  it("is named by the stack's substitutions, counted as there, the key first, without a division", () => {
    expect(stores).toMatchObject({ kind: "dataTable", publishedName: "Stores dev" });
    expect(routingObjectsOf([stores]).get("dataTable")).toEqual(new Set(["Stores dev"]));
    expect(routingResourceInputs(stores, refs)).toEqual({
      name: "Stores dev",
      description: "Opening of each store",
      properties: [
        { name: "key", type: "string", title: "Store id" },
        { name: "open", type: "boolean", default: "true" },
        { name: "city", type: "string", title: "City" },
      ],
    });
  });

  it("writes each declared row as a row resource of the table, and none when it declares none", () => {
    const parts = unitOf("dataTable").provider.parts!(stores.value);
    expect(parts.map((p) => [p.key, p.resource, p.args("t-1")])).toEqual([
      [
        "harbour",
        "ArchitectDatatableRow",
        { datatableId: "t-1", keyValue: "harbour", propertiesJson: '{"open":false,"city":"Leith"}' },
      ],
    ]);
    const [bare] = plan(STORES.slice(0, STORES.indexOf("rows:")));
    expect(unitOf("dataTable").provider.parts!(bare.value)).toEqual([]);
  });

  it("says in a review which properties and rows change", () => {
    const lines: string[] = [];
    const before = stores.value as Table;
    const after: Table = { ...before, properties: { ...before.properties, zone: { type: "integer" } }, rows: {} };
    unitOf("dataTable").details(before, after, (l, b, a) => b !== a && lines.push(`${l}: ${b} -> ${a}`), []);
    expect(lines).toEqual([
      "properties: key (string), open (boolean), city (string) -> key (string), open (boolean), city (string), zone (integer)",
      "rows: harbour -> ",
    ]);
  });

  it("adopts the org's table of its name, its schema compared as the API answers it (expand=schema)", () => {
    const schema = (extra: Record<string, unknown>) => ({
      properties: {
        city: { type: "string", title: "City", displayOrder: 2 },
        key: { type: "string", title: "Store id", displayOrder: 0 },
        open: { type: "boolean", default: true, displayOrder: 1 },
        ...extra,
      },
    });
    const org = { id: "t-1", name: "stores DEV", description: "Opening of each store", schema: schema({}) };
    const same = decideObjects([stores], [], new Map([["dataTable", [{ ...org, name: "Stores dev" }]]]));
    expect(same.get("data-tables/stores")).toEqual({
      adopt: { id: "t-1", differs: [], org: {}, words: [] },
      adopted: true,
    });
    const more = { ...org, schema: schema({ zone: { type: "integer", displayOrder: 3 } }) };
    const d = decideObjects([stores], [], new Map([["dataTable", [more]]])).get("data-tables/stores")!;
    expect(d.adopt?.differs).toEqual(["name", "properties"]);
    expect(decisionWords(stores, d)[0]).toMatch(
      /^data table "Stores dev" is in the org \(id t-1\): adopted as it is, then updated by the next up: name: the org has stores DEV, .* says Stores dev; properties: the org has .*"zone"/,
    );
  });
});
