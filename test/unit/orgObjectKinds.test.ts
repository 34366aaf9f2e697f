// An org object kind is one entry of archy/orgObjectKinds.ts, read by the org reader, the
// org-reference check's messages, the emulator's collections and the 403 messages: a kind that
// lacks an entry in any of them fails here, and so does a route the org client reads whose 403
// would not be explained.
import * as fs from "node:fs";
import * as path from "node:path";
import {
  FLOW_API_TYPES,
  OBJECT_KIND_OF_TYPE,
  ORG_OBJECT_KIND_NAMES,
  ORG_OBJECT_KINDS,
  routingOrgRow,
} from "../../archy/orgObjectKinds";
import { TYPE_LABELS } from "../../org/model";
import { DEPENDENCY_TYPES } from "../../emulator/dependencyTracking";
import { ACTIONS, MENU_CHOICES } from "../../archy/catalogue/actions";
import { KIND_ENDPOINTS } from "../../org/objects";
import { NO_PERMISSION_ROUTES, permissionFor } from "../../org/permissions";
import { OrgObjects } from "../../emulator/orgObjects";
import { emptyOrgFile } from "../../project/orgFile";
import { ROUTING_KIND_UNITS } from "../../model/routing/schema";

const ROOT = path.resolve(__dirname, "../..");
/** Flows are the emulator's flow store's, not org-file collections. */
const FLOW_KINDS = new Set(["flow", "botFlow", "digitalBotFlow"]);

test("every kind the Archy catalogue names has an entry, and every value type the validator types names one", () => {
  for (const kind of new Set(Object.values(OBJECT_KIND_OF_TYPE))) expect(ORG_OBJECT_KIND_NAMES).toContain(kind);
  // The catalogue's object references (`{k: "objectRef", kind}`) name kinds of the table.
  const refs = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (o.k === "objectRef" && typeof o.kind === "string") refs.add(o.kind);
      Object.values(o).forEach(walk);
    }
  };
  walk([ACTIONS, MENU_CHOICES]);
  expect(refs.size).toBeGreaterThan(0);
  for (const kind of refs) expect(ORG_OBJECT_KIND_NAMES).toContain(kind);
  // The validator's typed fields (queue, skill, ...) resolve through the table: each named type is one kind's.
  expect(Object.keys(OBJECT_KIND_OF_TYPE).sort()).toEqual(
    ORG_OBJECT_KIND_NAMES.flatMap((k) => ORG_OBJECT_KINDS[k].archyTypes).sort(),
  );
});

test("the emulator's org file (and so the test harness's org files) has a list for every kind", () => {
  const file = emptyOrgFile() as unknown as Record<string, unknown>;
  for (const kind of ORG_OBJECT_KIND_NAMES) expect(Array.isArray(file[ORG_OBJECT_KINDS[kind].orgFileKey])).toBe(true);
});

test("dependency tracking knows every kind: a type of Genesys's enum, or a flow resolved by its flow type", () => {
  for (const kind of ORG_OBJECT_KIND_NAMES) {
    const type = ORG_OBJECT_KINDS[kind].dependencyType;
    if (kind === "flow") expect(type).toBeUndefined();
    else expect(DEPENDENCY_TYPES).toContain(type);
  }
});

test("the org reader, the check's messages and the emulator have every kind", () => {
  const collections = new OrgObjects(emptyOrgFile()).collections;
  for (const kind of ORG_OBJECT_KIND_NAMES) {
    const entry = ORG_OBJECT_KINDS[kind];
    expect(KIND_ENDPOINTS[kind]).toEqual(entry.endpoint);
    expect(entry.label).toMatch(/\S/);
    if (!FLOW_KINDS.has(kind))
      expect(collections.find((c) => c.kind === kind)?.path).toBe(entry.endpoint.path.replace(/^\/api\/v2\//, ""));
  }
});

/** The routes org/ reads: the literal `/api/v2/...` of its sources (up to a template's first `${`), the object kinds' and the routing kinds' collections. */
function routesTheOrgReads(): string[] {
  const dir = path.join(ROOT, "org");
  const literals = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .flatMap((f) =>
      [...fs.readFileSync(path.join(dir, f), "utf8").matchAll(/["`](\/api\/v2\/[^"`$]*)/g)].map((m) =>
        m[1].replace(/\/$/, ""),
      ),
    )
    // The sign-in's token route is the login host's, not the API's.
    .filter((r) => r !== "/api/v2/");
  return [
    ...new Set([
      ...literals,
      ...ORG_OBJECT_KIND_NAMES.map((k) => ORG_OBJECT_KINDS[k].endpoint.path),
      ...ROUTING_KIND_UNITS.map((u) => u.org.endpoint),
    ]),
  ].sort();
}

test("a 403 on any route the org client reads names the permission, or the route needs none", () => {
  const routes = routesTheOrgReads();
  expect(routes.length).toBeGreaterThan(15);
  const unexplained = routes.filter(
    (r) => permissionFor(r) === undefined && !NO_PERMISSION_ROUTES.some((n) => r === n || r.startsWith(`${n}/`)),
  );
  expect(unexplained).toEqual([]);
  for (const r of NO_PERMISSION_ROUTES) expect(permissionFor(r)).toBeUndefined();
});

test("a flow type's dependency-tracking type is the spec's, and each one has the label messages give it", () => {
  const rows = Object.entries(FLOW_API_TYPES).filter(([, t]) => t.dependencyType !== undefined);
  expect(rows.length).toBeGreaterThan(0);
  for (const [apiType, t] of rows) {
    expect([apiType, DEPENDENCY_TYPES.includes(t.dependencyType!)]).toEqual([apiType, true]);
    expect([apiType, TYPE_LABELS[t.dependencyType!]]).toEqual([apiType, t.label]);
  }
  // The routing kinds that are org objects take their org row and their name from the table.
  for (const kind of ["schedule", "scheduleGroup", "emergencyGroup"] as const) {
    const unit = ROUTING_KIND_UNITS.find((u) => u.kind === kind)!;
    expect(unit.org).toMatchObject(routingOrgRow(kind));
    expect(unit.label).toBe(ORG_OBJECT_KINDS[kind].label);
  }
});
