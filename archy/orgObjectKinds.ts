// The org object kinds a flow names by name (queues, schedules, data actions, ...), one entry each:
// how people call it, the route that lists it (the one the provider's data sources read) and the
// permission a GET of that route needs. The org reader (org/objects.ts), the 403 messages
// (org/permissions.ts), the org-reference check's messages (checks/orgReferences.ts) and the
// emulator's collections (emulator/orgObjects.ts) read this table; test/unit/orgObjectKinds.test.ts
// fails when a kind lacks an entry in any of them. Permissions: the Genesys platform SDKs' API docs
// ("Requires ANY/ALL permissions", MyPureCloud/platform-client-sdk-python build/docs/RoutingApi.md,
// ArchitectApi.md, IntegrationsApi.md, OutboundApi.md, release 257.1.0). Pure data.
import type { ObjectKind } from "./catalogue/schema";

/** What the org reader lists: the kinds a typed field names, and data actions. */
export type OrgObjectKind = ObjectKind | "dataAction";

export interface OrgObjectKindEntry {
  /** How messages name it: `ACD skill`. */
  label: string;
  /** The route that lists it, and the query narrowing it (flows of a type share /api/v2/flows). */
  endpoint: { path: string; query?: Readonly<Record<string, string>> };
  /** The permission a GET of the route needs; undefined: none (any signed-in client reads it). */
  permission: string | undefined;
}

export const ORG_OBJECT_KINDS: Readonly<Record<OrgObjectKind, OrgObjectKindEntry>> = {
  queue: { label: "queue", endpoint: { path: "/api/v2/routing/queues" }, permission: "routing:queue:view" },
  skill: { label: "ACD skill", endpoint: { path: "/api/v2/routing/skills" }, permission: "routing:skill:view" },
  languageSkill: { label: "language skill", endpoint: { path: "/api/v2/routing/languages" }, permission: undefined },
  wrapupCode: { label: "wrap-up code", endpoint: { path: "/api/v2/routing/wrapupcodes" }, permission: "routing:wrapupCode:view" },
  schedule: { label: "schedule", endpoint: { path: "/api/v2/architect/schedules" }, permission: "routing:schedule:view" },
  scheduleGroup: { label: "schedule group", endpoint: { path: "/api/v2/architect/schedulegroups" }, permission: "routing:scheduleGroup:view" },
  emergencyGroup: { label: "emergency group", endpoint: { path: "/api/v2/architect/emergencygroups" }, permission: "routing:emergencyGroup:view" },
  prompt: { label: "user prompt", endpoint: { path: "/api/v2/architect/prompts" }, permission: "architect:userPrompt:view" },
  contactList: { label: "contact list", endpoint: { path: "/api/v2/outbound/contactlists" }, permission: "outbound:contactList:view" },
  dataTable: { label: "data table", endpoint: { path: "/api/v2/flows/datatables" }, permission: "architect:datatable:view" },
  user: { label: "user", endpoint: { path: "/api/v2/users" }, permission: undefined },
  group: { label: "group", endpoint: { path: "/api/v2/groups" }, permission: undefined },
  flow: { label: "flow", endpoint: { path: "/api/v2/flows" }, permission: "architect:flow:view" },
  botFlow: { label: "bot flow", endpoint: { path: "/api/v2/flows", query: { type: "bot" } }, permission: "architect:flow:view" },
  digitalBotFlow: { label: "digital bot flow", endpoint: { path: "/api/v2/flows", query: { type: "digitalbot" } }, permission: "architect:flow:view" },
  // The list gives no contracts (it has no expand parameter): each referenced action is then read
  // with GET /api/v2/integrations/actions/{id}?expand=contract (IntegrationsApi.md, getIntegrationsAction).
  dataAction: { label: "data action", endpoint: { path: "/api/v2/integrations/actions" }, permission: "integrations:action:view (or bridge:actions:view)" },
};

/** Every kind, in the table's order. */
export const ORG_OBJECT_KIND_NAMES = Object.keys(ORG_OBJECT_KINDS) as OrgObjectKind[];
