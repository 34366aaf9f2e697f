// The org object kinds a flow names by name (queues, schedules, data actions, ...), one entry each:
// how people call it, the Archy value types that name it, the route that lists it (the one the
// provider's data sources read), the permission a GET of that route needs, its dependency-tracking
// type and whether its names differ per org. The Archy validator (archy/validate), the org reader
// (org/objects.ts), the 403 messages (org/permissions.ts), the org-reference check's messages
// (checks/orgReferences.ts), the emulator's collections, list routes and dependency tracking
// (emulator/orgObjects.ts, emulator/apiRoutes.ts, emulator/dependencyTracking.ts), the org file
// (project/orgFile.ts), adoption's substitutions (import/orgNames.ts), the routing kinds that are org
// objects too (model/routing/kinds/) and the test harness's org files (testkit/harness.ts) read this
// table; the kinds (`ObjectKind`) are its keys. test/unit/orgObjectKinds.test.ts fails when a kind
// lacks an entry in any of them. Dependency types: the spec's DependencyObject type enum (platform-client-sdk-go
// v193 swagger.json). Permissions: the Genesys platform SDKs' API docs
// ("Requires ANY/ALL permissions", MyPureCloud/platform-client-sdk-python build/docs/RoutingApi.md,
// ArchitectApi.md, IntegrationsApi.md, OutboundApi.md, release 257.1.0). Pure data.
interface OrgObjectKindEntry {
  /** How messages name it: `ACD skill`. */
  label: string;
  /** The route that lists it, and the query narrowing it (flows of a type share /api/v2/flows). */
  endpoint: { path: string; query?: Readonly<Record<string, string>> };
  /** The permission a GET of the route needs; undefined: none (any signed-in client reads it). */
  permission: string | undefined;
  /** The Archy value types (the catalogue's typed fields) that name an object of the kind by name. */
  archyTypes: readonly string[];
  /** The Archy field names that say the kind of a `{lit: {name}}` where no type says it. */
  fields: readonly string[];
  /** Its type in Genesys's dependency tracking; undefined: resolved otherwise (a flow, by its flow type). */
  dependencyType: string | undefined;
  /** Its names differ per org: adoption makes them the adopting stack's substitutions. */
  perOrg: boolean;
  /** The list of the emulator's org file (project/orgFile.ts) that holds objects of the kind. */
  orgFileKey: string;
}

export const ORG_OBJECT_KINDS = {
  queue: {
    label: "queue",
    endpoint: { path: "/api/v2/routing/queues" },
    permission: "routing:queue:view",
    archyTypes: ["queue"],
    fields: ["targetQueue", "queue"],
    dependencyType: "QUEUE",
    perOrg: true,
    orgFileKey: "queues",
  },
  skill: {
    label: "ACD skill",
    endpoint: { path: "/api/v2/routing/skills" },
    permission: "routing:skill:view",
    archyTypes: ["skill"],
    fields: ["skill", "acdSkill"],
    dependencyType: "ACDSKILL",
    perOrg: true,
    orgFileKey: "skills",
  },
  languageSkill: {
    label: "language skill",
    endpoint: { path: "/api/v2/routing/languages" },
    permission: undefined,
    archyTypes: ["languageSkill"],
    fields: ["languageSkill", "defaultLanguageSkill"],
    dependencyType: "ACDLANGUAGE",
    perOrg: true,
    orgFileKey: "languages",
  },
  wrapupCode: {
    label: "wrap-up code",
    endpoint: { path: "/api/v2/routing/wrapupcodes" },
    permission: "routing:wrapupCode:view",
    archyTypes: ["wrapupCode"],
    fields: ["wrapupCode"],
    dependencyType: "ACDWRAPUPCODE",
    perOrg: true,
    orgFileKey: "wrapupCodes",
  },
  schedule: {
    label: "schedule",
    endpoint: { path: "/api/v2/architect/schedules" },
    permission: "routing:schedule:view",
    archyTypes: ["schedule"],
    fields: ["selectedSchedule", "schedule"],
    dependencyType: "SCHEDULE",
    perOrg: true,
    orgFileKey: "schedules",
  },
  scheduleGroup: {
    label: "schedule group",
    endpoint: { path: "/api/v2/architect/schedulegroups" },
    permission: "routing:scheduleGroup:view",
    archyTypes: ["scheduleGroup"],
    fields: ["scheduleGroup"],
    dependencyType: "SCHEDULEGROUP",
    perOrg: true,
    orgFileKey: "scheduleGroups",
  },
  emergencyGroup: {
    label: "emergency group",
    endpoint: { path: "/api/v2/architect/emergencygroups" },
    permission: "routing:emergencyGroup:view",
    archyTypes: ["emergencyGroup"],
    fields: ["emergencyGroup"],
    dependencyType: "EMERGENCYGROUP",
    perOrg: true,
    orgFileKey: "emergencyGroups",
  },
  prompt: {
    label: "user prompt",
    endpoint: { path: "/api/v2/architect/prompts" },
    permission: "architect:userPrompt:view",
    archyTypes: ["prompt"],
    fields: ["processingPrompt", "holdMusic", "prompt"],
    dependencyType: "USERPROMPT",
    perOrg: false,
    orgFileKey: "prompts",
  },
  contactList: {
    label: "contact list",
    endpoint: { path: "/api/v2/outbound/contactlists" },
    permission: "outbound:contactList:view",
    archyTypes: ["contactList"],
    fields: ["contactList"],
    dependencyType: "CONTACTLIST",
    perOrg: true,
    orgFileKey: "contactLists",
  },
  dataTable: {
    label: "data table",
    endpoint: { path: "/api/v2/flows/datatables" },
    permission: "architect:datatable:view",
    archyTypes: [],
    fields: [],
    dependencyType: "DATATABLE",
    perOrg: true,
    orgFileKey: "dataTables",
  },
  user: {
    label: "user",
    endpoint: { path: "/api/v2/users" },
    permission: undefined,
    archyTypes: ["user"],
    fields: ["targetUser", "user"],
    dependencyType: "USER",
    perOrg: true,
    orgFileKey: "users",
  },
  group: {
    label: "group",
    endpoint: { path: "/api/v2/groups" },
    permission: undefined,
    archyTypes: ["group"],
    fields: ["targetGroup", "group"],
    dependencyType: "GROUP",
    perOrg: true,
    orgFileKey: "groups",
  },
  flow: {
    label: "flow",
    endpoint: { path: "/api/v2/flows" },
    permission: "architect:flow:view",
    archyTypes: ["flow"],
    fields: ["targetFlow", "overrideInQueueFlow", "inQueueFlow"],
    dependencyType: undefined,
    perOrg: false,
    orgFileKey: "flows",
  },
  botFlow: {
    label: "bot flow",
    endpoint: { path: "/api/v2/flows", query: { type: "bot" } },
    permission: "architect:flow:view",
    archyTypes: [],
    fields: [],
    dependencyType: "BOTFLOW",
    perOrg: false,
    orgFileKey: "botFlows",
  },
  digitalBotFlow: {
    label: "digital bot flow",
    endpoint: { path: "/api/v2/flows", query: { type: "digitalbot" } },
    permission: "architect:flow:view",
    archyTypes: [],
    fields: [],
    dependencyType: "DIGITALBOTFLOW",
    perOrg: false,
    orgFileKey: "digitalBotFlows",
  },
  // The list gives no contracts (it has no expand parameter): each referenced action is then read
  // with GET /api/v2/integrations/actions/{id}?expand=contract (IntegrationsApi.md, getIntegrationsAction).
  dataAction: {
    label: "data action",
    endpoint: { path: "/api/v2/integrations/actions" },
    permission: "integrations:action:view (or bridge:actions:view)",
    archyTypes: [],
    fields: [],
    dependencyType: "DATAACTION",
    perOrg: false,
    orgFileKey: "dataActions",
  },
} as const satisfies Readonly<Record<string, OrgObjectKindEntry>>;

/** What the org reader lists: the kinds a typed field names, and data actions. */
export type OrgObjectKind = keyof typeof ORG_OBJECT_KINDS;
/** The kinds a typed field names (every kind but data actions, which a call names by category and name). */
export type ObjectKind = Exclude<OrgObjectKind, "dataAction">;

/** Every kind, in the table's order. */
export const ORG_OBJECT_KIND_NAMES = Object.keys(ORG_OBJECT_KINDS) as OrgObjectKind[];

/** The kinds a typed field names, in the table's order. */
export const OBJECT_KIND_NAMES = ORG_OBJECT_KIND_NAMES.filter((kind): kind is ObjectKind => kind !== "dataAction");

/** The kind an Archy value type names (the validator's typed fields), from the table. */
export const OBJECT_KIND_OF_TYPE: Readonly<Record<string, ObjectKind>> = Object.fromEntries(
  OBJECT_KIND_NAMES.flatMap((kind) => ORG_OBJECT_KINDS[kind].archyTypes.map((t) => [t, kind] as const)),
);

/** The kind a field name names where no type says it (the validator's `{lit: {name}}` fields), from the table. */
export const OBJECT_KIND_OF_FIELD: Readonly<Record<string, ObjectKind>> = Object.fromEntries(
  OBJECT_KIND_NAMES.flatMap((kind) => ORG_OBJECT_KINDS[kind].fields.map((f) => [f, kind] as const)),
);

/** The kinds whose names differ per org (adoption makes them stack substitutions). */
export const PER_ORG_KINDS: ReadonlySet<OrgObjectKind> = new Set(
  ORG_OBJECT_KIND_NAMES.filter((kind) => ORG_OBJECT_KINDS[kind].perOrg),
);

type RoutingOrgKind = "schedule" | "scheduleGroup" | "emergencyGroup" | "queue" | "skill" | "languageSkill" | "prompt";

/** The org row of a routing or org object kind (model/routing/kind.ts `org`): route, permission, dependency type. */
export function routingOrgRow(kind: RoutingOrgKind | "wrapupCode" | "dataTable" | "dataAction") {
  const e = ORG_OBJECT_KINDS[kind];
  return { endpoint: e.endpoint.path, permission: e.permission, dependencyType: e.dependencyType };
}

/**
 * Genesys's flow types (objects of the `flow` kind) by the API's upper-case name, in the spec's
 * order: the `type` enum of GET /api/v2/flows (lower-case there) and of ArchitectFlowReference
 * (Platform API v2, SDK v193; the conformance tier compares), whether or not the catalogue
 * describes its Archy; with its dependency-tracking type where the provider's exporter names one
 * (its flow type table), and how messages say it (Architect's names of the flow types).
 */
export const FLOW_API_TYPES: Readonly<Record<string, { dependencyType?: string; label?: string }>> = {
  BOT: { dependencyType: "BOTFLOW", label: "bot flow" },
  COMMONMODULE: { dependencyType: "COMMONMODULEFLOW", label: "common module" },
  DIGITALBOT: { dependencyType: "DIGITALBOTFLOW", label: "digital bot flow" },
  EMAILSEND: {},
  INBOUNDCALL: { dependencyType: "INBOUNDCALLFLOW", label: "inbound call flow" },
  INBOUNDCHAT: { dependencyType: "INBOUNDCHATFLOW", label: "inbound chat flow" },
  INBOUNDEMAIL: { dependencyType: "INBOUNDEMAILFLOW", label: "inbound email flow" },
  INBOUNDSHORTMESSAGE: { dependencyType: "INBOUNDSHORTMESSAGEFLOW", label: "inbound message flow" },
  OUTBOUNDCALL: { dependencyType: "OUTBOUNDCALLFLOW", label: "outbound call flow" },
  INQUEUECALL: { dependencyType: "INQUEUECALLFLOW", label: "in-queue call flow" },
  INQUEUEEMAIL: { dependencyType: "INQUEUEEMAILFLOW", label: "in-queue email flow" },
  INQUEUESHORTMESSAGE: { dependencyType: "INQUEUESHORTMESSAGEFLOW", label: "in-queue message flow" },
  SPEECH: {},
  SECURECALL: { dependencyType: "SECURECALLFLOW", label: "secure call flow" },
  SURVEYINVITE: { dependencyType: "SURVEYINVITEFLOW", label: "survey invite flow" },
  VOICE: {},
  VOICEMAIL: { dependencyType: "VOICEMAILFLOW", label: "voicemail flow" },
  VOICESURVEY: {},
  WORKFLOW: { dependencyType: "WORKFLOW", label: "workflow" },
  WORKITEM: { dependencyType: "WORKITEMFLOW", label: "workitem flow" },
};
