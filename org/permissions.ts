// The permission the OAuth client's role needs for each API route the project reads, for messages
// on a 403: one table for every read. Sources: the Genesys platform SDKs' API docs, which print
// each route's "Requires ANY/ALL permissions" (MyPureCloud/platform-client-sdk-python
// build/docs/RoutingApi.md, ArchitectApi.md, IntegrationsApi.md, OutboundApi.md, release 257.1.0).
// Routes that require no permission (/api/v2/routing/languages, /api/v2/users, /api/v2/groups)
// are not listed.
import { ROUTING_KIND_UNITS } from "../model/routing/schema";

// The routing kinds' collections come with their kind (model/routing/kinds/: org.permission).
const ROUTE_PERMISSIONS: ReadonlyArray<[prefix: string, permission: string]> = [
  ["/api/v2/architect/dependencytracking", "architect:dependencyTracking:view"],
  ...ROUTING_KIND_UNITS.map((u): [string, string] => [u.org.endpoint, u.org.permission]),
  ["/api/v2/architect/prompts", "architect:userPrompt:view"],
  ["/api/v2/routing/queues", "routing:queue:view"],
  ["/api/v2/routing/skills", "routing:skill:view"],
  ["/api/v2/routing/wrapupcodes", "routing:wrapupCode:view"],
  ["/api/v2/integrations/actions", "integrations:action:view (or bridge:actions:view)"],
  ["/api/v2/outbound/contactlists", "outbound:contactList:view"],
  ["/api/v2/flows/datatables", "architect:datatable:view"],
  ["/api/v2/flows", "architect:flow:view"],
];

/** The permission a GET of `path` needs (the longest listed prefix), or undefined when none is listed. */
export function permissionFor(path: string): string | undefined {
  let best: [string, string] | undefined;
  for (const entry of ROUTE_PERMISSIONS) if (path.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  return best?.[1];
}
