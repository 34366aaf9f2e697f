// An org object kind is one entry of archy/orgObjectKinds.ts, read by the org reader, the
// org-reference check's messages, the emulator's collections and the 403 messages: a kind that
// lacks an entry in any of them fails here, and so does a route the org client reads whose 403
// would not be explained.
import * as fs from "node:fs";
import * as path from "node:path";
import { ORG_OBJECT_KIND_NAMES, ORG_OBJECT_KINDS } from "../../archy/orgObjectKinds";
import { OBJECT_KIND_OF_TYPE } from "../../archy/catalogue/schema";
import { KIND_ENDPOINTS } from "../../org/objects";
import { NO_PERMISSION_ROUTES, permissionFor } from "../../org/permissions";
import { kindLabel } from "../../checks/orgReferences";
import { OrgObjects } from "../../emulator/orgObjects";
import { emptyOrgFile } from "../../emulator/orgFile";
import { ROUTING_KIND_UNITS } from "../../model/routing/schema";

const ROOT = path.resolve(__dirname, "../..");
/** Flows are the emulator's flow store's, not org-file collections. */
const FLOW_KINDS = new Set(["flow", "botFlow", "digitalBotFlow"]);

test("every kind the Archy catalogue names has an entry", () => {
  for (const kind of new Set(Object.values(OBJECT_KIND_OF_TYPE))) expect(ORG_OBJECT_KIND_NAMES).toContain(kind);
});

test("the org reader, the check's messages and the emulator have every kind", () => {
  const collections = new OrgObjects(emptyOrgFile()).collections;
  for (const kind of ORG_OBJECT_KIND_NAMES) {
    const entry = ORG_OBJECT_KINDS[kind];
    expect(KIND_ENDPOINTS[kind]).toEqual(entry.endpoint);
    expect(kindLabel(kind)).toBe(entry.label);
    if (!FLOW_KINDS.has(kind)) expect(collections.find((c) => c.kind === kind)?.path).toBe(entry.endpoint.path.replace(/^\/api\/v2\//, ""));
  }
});

/** The routes org/ reads: the literal `/api/v2/...` of its sources (up to a template's first `${`), the object kinds' and the routing kinds' collections. */
function routesTheOrgReads(): string[] {
  const dir = path.join(ROOT, "org");
  const literals = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .flatMap((f) => [...fs.readFileSync(path.join(dir, f), "utf8").matchAll(/["`](\/api\/v2\/[^"`$]*)/g)].map((m) => m[1].replace(/\/$/, "")))
    // The sign-in's token route is the login host's, not the API's.
    .filter((r) => r !== "/api/v2/");
  return [...new Set([...literals, ...ORG_OBJECT_KIND_NAMES.map((k) => ORG_OBJECT_KINDS[k].endpoint.path), ...ROUTING_KIND_UNITS.map((u) => u.org.endpoint)])].sort();
}

test("a 403 on any route the org client reads names the permission, or the route needs none", () => {
  const routes = routesTheOrgReads();
  expect(routes.length).toBeGreaterThan(15);
  const unexplained = routes.filter((r) => permissionFor(r) === undefined && !NO_PERMISSION_ROUTES.some((n) => r === n || r.startsWith(`${n}/`)));
  expect(unexplained).toEqual([]);
  for (const r of NO_PERMISSION_ROUTES) expect(permissionFor(r)).toBeUndefined();
});
