// The permission the OAuth client's role needs for each API route the project reads, for messages
// on a 403: one table for every read. Sources: the Genesys platform SDKs' API docs, which print
// each route's "Requires ANY/ALL permissions" (MyPureCloud/platform-client-sdk-python
// build/docs/RoutingApi.md, ArchitectApi.md, IntegrationsApi.md, OutboundApi.md, release 257.1.0;
// the validate jobs' and the queue observations' from Genesys's Platform API spec v193,
// x-inin-requires-permissions).
// Routes that require no permission (who the client is, /api/v2/routing/languages, /api/v2/users,
// /api/v2/groups) are NO_PERMISSION_ROUTES; test/unit/orgObjectKinds.test.ts checks every route the
// org reads is one or the other.
import { ORG_OBJECT_KIND_NAMES, ORG_OBJECT_KINDS } from "../archy/orgObjectKinds";
import { ROUTING_KIND_UNITS } from "../model/routing/schema";

// The org object kinds (archy/orgObjectKinds.ts) and the routing kinds (model/routing/kinds/) come
// with their collections' permissions; the flows' own routes are listed here.
const ROUTE_PERMISSIONS: ReadonlyArray<[prefix: string, permission: string, method?: "POST" | "DELETE"]> = [
  ["/api/v2/architect/dependencytracking", "architect:dependencyTracking:view"],
  ...ROUTING_KIND_UNITS.flatMap(({ org: o }): [string, string][] => (o.permission ? [[o.endpoint, o.permission]] : [])),
  ...ORG_OBJECT_KIND_NAMES.flatMap((k): Array<[string, string]> => {
    const { endpoint, permission } = ORG_OBJECT_KINDS[k];
    return permission !== undefined ? [[endpoint.path, permission]] : [];
  }),
  ["/api/v2/flows/actions/unlock", "architect:flow:unlock"],
  ["/api/v2/flows", "architect:flow:view"],
  // A new flow's name claimed by creating it (ownership/claim.ts), and a claim a stopped run left deleted.
  ["/api/v2/flows", "architect:flow:add", "POST"],
  ["/api/v2/flows", "architect:flow:delete", "DELETE"],
  // Architect's jobs: registering one, then reading its state (publish: the probe; export: import and adopt; validate: verify --validate).
  ["/api/v2/flows/jobs", "architect:job:create", "POST"],
  ["/api/v2/flows/jobs", "architect:job:view"],
  ["/api/v2/flows/export/jobs", "architect:jobExport:create", "POST"],
  ["/api/v2/flows/export/jobs", "architect:jobExport:view"],
  ["/api/v2/flows/validate/jobs", "architect:jobValidate:create", "POST"],
  ["/api/v2/flows/validate/jobs", "architect:jobValidate:view"],
  // The conversations waiting in the queues a stack created, read before down deletes one (a query by POST).
  ["/api/v2/analytics/queues/observations/query", "analytics:queueObservation:view"],
];

/** Routes any signed-in client reads: who it is (the organization, the token) and the org object kinds that need no permission. */
export const NO_PERMISSION_ROUTES: readonly string[] = [
  "/api/v2/organizations/me",
  "/api/v2/tokens/me",
  "/api/v2/authorization/divisions",
  ...ORG_OBJECT_KIND_NAMES.filter((k) => ORG_OBJECT_KINDS[k].permission === undefined).map(
    (k) => ORG_OBJECT_KINDS[k].endpoint.path,
  ),
];

/**
 * The permission a request of `path` needs (the longest listed prefix; a GET unless `method` says
 * otherwise: the few writes the org client makes are listed with their method), or undefined when
 * none is listed.
 */
export function permissionFor(path: string, method: "GET" | "POST" | "DELETE" = "GET"): string | undefined {
  let best: (typeof ROUTE_PERMISSIONS)[number] | undefined;
  for (const entry of ROUTE_PERMISSIONS) {
    if (!path.startsWith(entry[0]) || (entry[2] !== undefined && entry[2] !== method)) continue;
    if (!best || entry[0].length > best[0].length || (entry[0].length === best[0].length && entry[2] !== undefined))
      best = entry;
  }
  return best?.[1];
}
