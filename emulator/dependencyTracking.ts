// Architect dependency tracking: which objects each published flow version consumes, and which
// flows consume an object. The routes and response shapes follow the Genesys Cloud Platform API
// (ArchitectApi: GET /api/v2/architect/dependencytracking/build, POST .../build,
// .../consumingresources, .../consumedresources, .../object; models Dependency, DependencyObject,
// DependencyStatus, Consum{ed,ing}ResourcesEntityListing). The official provider's exporter reads
// consumed resources of a flow's published version; `npm run verify` reads both directions.
//
// What a version consumes is recorded when it is published (jobs.ts): the common modules it calls
// with the version each one had then (callCommonModule), and every other object the Archy
// validator resolves: flows it transfers to or calls, queues, prompts, schedules, data actions, ...
// Genesys builds its index asynchronously (status BUILDINPROGRESS, OPERATIONALNEEDSREBUILD); the
// emulator's is current at every publish, and the `dependencyTrackingStatus` fault makes the
// build route report another status so clients can show what they would do with a stale index.
import type { OrgCatalog } from "../archy/org";
import type { OrgReference } from "../archy/validate/types";
import { isSystemPrompt } from "../archy/org";
import {
  FLOW_API_TYPES,
  ORG_OBJECT_KIND_NAMES,
  ORG_OBJECT_KINDS,
  type ObjectKind,
  type OrgObjectKind,
} from "../archy/orgObjectKinds";
import type { pagedJson } from "./flowJson";
import { badRequest, listValues, notFound } from "./http";
import { stableId } from "./ids";
import type { IdentifiedCatalog, OrgObjects } from "./orgObjects";
import { publishedVersionOf, type FlowRecord, type OrgStore, type Reference, type VersionRecord } from "./store";
import { referencesOf, ROUTING_COLLECTIONS, ROUTING_KINDS } from "./routingStore";
import { cmp } from "../archy/json";

/** The DependencyTracking object types of the API (the `objectType` / `resourceType` enum of Platform API v2, SDK v193; the conformance tier compares). */
export const DEPENDENCY_TYPES: readonly string[] = [
  "ACDLANGUAGE",
  "ACDSKILL",
  "ACDWRAPUPCODE",
  "AGENTICVIRTUALAGENT",
  "AGENTICVIRTUALAGENTVERSION",
  "AUDIOCONNECTORBOT",
  "BOTCONNECTORBOT",
  "BOTCONNECTORINTEGRATION",
  "BOTFLOW",
  "BRIDGEACTION",
  "COMMONMODULEFLOW",
  "COMPOSERSCRIPT",
  "CONTACTLIST",
  "CONVERSATIONCUSTOMATTRIBUTESCHEMA",
  "CONVERSATIONSUMMARYSETTING",
  "CUSTOMERSEGMENT",
  "DATAACTION",
  "DATATABLE",
  "DECISIONTABLE",
  "DIALOGENGINEBOT",
  "DIALOGENGINEBOTVERSION",
  "DIALOGFLOWAGENT",
  "DIALOGFLOWCXAGENT",
  "DIGITALAUDIO",
  "DIGITALBOTCONNECTOR",
  "DIGITALBOTCONNECTORINTEGRATION",
  "DIGITALBOTFLOW",
  "DIVISION",
  "EMAILROUTE",
  "EMAILSENDFLOW",
  "EMERGENCYGROUP",
  "FILE",
  "FLOWACTION",
  "FLOWDATATYPE",
  "FLOWMILESTONE",
  "FLOWOUTCOME",
  "GRAMMAR",
  "GROUP",
  "GUIDE",
  "GUIDEVERSION",
  "IMAGE",
  "INBOUNDCALLFLOW",
  "INBOUNDCHATFLOW",
  "INBOUNDEMAILFLOW",
  "INBOUNDSHORTMESSAGEFLOW",
  "INQUEUECALLFLOW",
  "INQUEUEEMAILFLOW",
  "INQUEUESHORTMESSAGEFLOW",
  "IVRCONFIGURATION",
  "KNOWLEDGEBASE",
  "KNOWLEDGEBASEDOCUMENT",
  "KNOWLEDGESETTING",
  "LANGUAGE",
  "LEXBOT",
  "LEXBOTALIAS",
  "LEXV2BOT",
  "LEXV2BOTALIAS",
  "NLUDOMAIN",
  "NUANCEMIXBOT",
  "NUANCEMIXINTEGRATION",
  "OAUTHCLIENT",
  "OUTBOUNDCALLFLOW",
  "QUEUE",
  "RECORDINGPOLICY",
  "RESPONSE",
  "RESPONSEASSET",
  "SCHEDULE",
  "SCHEDULEGROUP",
  "SECUREACTION",
  "SECURECALLFLOW",
  "SMSPHONENUMBER",
  "STTENGINE",
  "SURVEYFORM",
  "SURVEYINVITEFLOW",
  "SYSTEMPROMPT",
  "TTSENGINE",
  "TTSVOICE",
  "USER",
  "USERPROMPT",
  "UTILIZATIONLABEL",
  "VIDEO",
  "VOICEFLOW",
  "VOICEMAILFLOW",
  "VOICESURVEYFLOW",
  "WIDGET",
  "WORKFLOW",
  "WORKITEMFLOW",
  "WORKTYPE",
];

/** Flow API type -> dependency tracking type (the provider's exporter uses the same table; archy/orgObjectKinds.ts FLOW_API_TYPES). */
export const FLOW_OBJECT_TYPES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(FLOW_API_TYPES).flatMap(([apiType, t]) =>
    t.dependencyType !== undefined ? [[apiType, t.dependencyType]] : [],
  ),
);
const VERSIONED_TYPES = new Set(Object.values(FLOW_OBJECT_TYPES));

/** Org object kinds -> dependency tracking type (archy/orgObjectKinds.ts; `flow` is resolved as a published flow). */
const KIND_OBJECT_TYPES: Partial<Record<OrgObjectKind, string>> = Object.fromEntries(
  ORG_OBJECT_KIND_NAMES.flatMap((k) =>
    ORG_OBJECT_KINDS[k].dependencyType !== undefined ? [[k, ORG_OBJECT_KINDS[k].dependencyType]] : [],
  ),
);

/** The id orgObjects.ts gives a data action. */
export function dataActionId(category: string, name: string): string {
  return `custom_-_${stableId("dataAction", `${category}/${name}`)}`;
}

/**
 * Collects what a publish refers to while the Archy validator resolves it: wrap the catalog and
 * report the flows it finds. Only references that resolve are recorded (a warning about an
 * unknown queue records nothing, as Genesys cannot track an object it does not have).
 */
export class ReferenceRecorder {
  private readonly refs = new Map<string, Reference>();

  private add(ref: Reference): void {
    this.refs.set(`${ref.objectType}\u0000${ref.id}`, ref);
  }

  /** A published flow the document refers to by name (not a module call: those are `dependencies`). */
  flow(flow: FlowRecord, version: VersionRecord): void {
    const objectType = FLOW_OBJECT_TYPES[flow.type];
    if (objectType && flow.type !== "COMMONMODULE")
      this.add({ objectType, id: flow.id, name: flow.name, version: version.id });
  }

  private object(inner: OrgCatalog, kind: ObjectKind, name: string): boolean {
    const found = inner.has(kind, name);
    const objectType = KIND_OBJECT_TYPES[kind];
    // System prompts exist in every org but have no object in the org file to point at.
    if (found && objectType && !(kind === "prompt" && isSystemPrompt(name))) {
      const id = ("idOf" in inner ? (inner as IdentifiedCatalog).idOf(kind, name) : undefined) ?? stableId(kind, name);
      this.add({ objectType, id, name });
    }
    return found;
  }

  /**
   * A reference the validator tells of besides its catalog look-ups (a user prompt an expression
   * plays, `ToAudio(Prompt.Welcome)`), recorded like one it looks up; a run-time lookup (FindQueue) is not.
   */
  told(inner: OrgCatalog, ref: OrgReference): void {
    const [kind] = ref.kinds;
    if (ref.kinds.length === 1 && kind !== "dataAction" && ref.lookup === undefined) this.object(inner, kind, ref.name);
  }

  catalog(inner: OrgCatalog): OrgCatalog {
    return {
      has: (kind, name) => this.object(inner, kind, name),
      names: (kind) => inner.names(kind),
      dataAction: (category, name) => {
        const contract = inner.dataAction(category, name);
        if (contract) this.add({ objectType: KIND_OBJECT_TYPES.dataAction!, id: dataActionId(category, name), name });
        return contract;
      },
      dataActionNames: () => inner.dataActionNames(),
    };
  }

  list(): Reference[] {
    return [...this.refs.values()].sort(
      (a, b) => cmp(a.objectType, b.objectType) || cmp(a.name, b.name) || cmp(a.id, b.id),
    );
  }
}

/** A `Dependency` as the API answers it. */
export interface DependencyJson {
  id: string;
  name: string;
  version?: string;
  type: string;
  deleted: boolean;
  updated: boolean;
  stateUnknown: boolean;
  selfUri: string;
}

/** What a version consumes, uniformly: modules (with the version called) and other references. */
function consumedRefs(version: VersionRecord): Reference[] {
  return [
    ...version.dependencies.map((d) => ({
      objectType: "COMMONMODULEFLOW",
      id: d.flowId,
      name: d.name,
      version: d.versionId,
    })),
    ...(version.references ?? []),
  ];
}

function flowSelfUri(id: string): string {
  return `/api/v2/flows/${id}`;
}

function objectSelfUri(id: string, type: string): string {
  return `/api/v2/architect/dependencytracking/object?id=${encodeURIComponent(id)}&objectType=${type}`;
}

/** A `Dependency` as the API answers it: live and current unless `state` says otherwise, what `extra` adds before its selfUri. */
function dependency(
  of: { id: string; name: string; version?: string; type: string },
  selfUri: string,
  state: { deleted?: boolean; updated?: boolean } = {},
  extra: Record<string, unknown> = {},
): DependencyJson {
  return {
    id: of.id,
    name: of.name,
    ...(of.version !== undefined ? { version: of.version } : {}),
    type: of.type,
    deleted: state.deleted ?? false,
    updated: state.updated ?? false,
    stateUnknown: false,
    ...extra,
    selfUri,
  };
}

/**
 * A consumed reference as the API reports it now: a flow that was deleted since is `deleted`, one
 * whose published version moved on since is `updated` (its consumers run the version they were
 * published with until they are republished).
 */
function refJson(store: OrgStore, ref: Reference): DependencyJson {
  if (!VERSIONED_TYPES.has(ref.objectType))
    return dependency({ id: ref.id, name: ref.name, type: ref.objectType }, objectSelfUri(ref.id, ref.objectType));
  const target = store.getFlow(ref.id);
  const updated = target !== undefined && ref.version !== undefined && publishedVersionOf(target).id !== ref.version;
  return dependency(
    { id: ref.id, name: target?.name ?? ref.name, version: ref.version, type: ref.objectType },
    flowSelfUri(ref.id),
    { deleted: target === undefined, updated },
  );
}

/** A flow version as a Dependency (the consumer side). */
function flowJsonAsDependency(flow: FlowRecord, version: VersionRecord, updated = false): DependencyJson {
  const of = { id: flow.id, name: flow.name, version: version.id, type: FLOW_OBJECT_TYPES[flow.type] };
  return dependency(of, flowSelfUri(flow.id), { deleted: flow.deleted, updated });
}

const byNameThenId = (a: { name: string; id: string }, b: { name: string; id: string }): number =>
  a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || cmp(a.id, b.id);

/** The resources a flow version consumes, optionally only of some types. */
export function consumedResources(
  store: OrgStore,
  version: VersionRecord,
  resourceTypes: readonly string[] = [],
): DependencyJson[] {
  const types = new Set(resourceTypes);
  return consumedRefs(version)
    .filter((r) => types.size === 0 || types.has(r.objectType))
    .map((r) => refJson(store, r))
    .sort(byNameThenId);
}

/**
 * The published flows consuming an object (of that type; of that version when given), optionally
 * only consumers of some types. A consumer is `updated` when the object moved on since it was
 * published (it still runs the version it consumed).
 */
export function consumingResources(
  store: OrgStore,
  query: { id: string; objectType: string; version?: string; resourceTypes?: readonly string[] },
): DependencyJson[] {
  const types = new Set(query.resourceTypes ?? []);
  const out: DependencyJson[] = [];
  for (const flow of store.listFlows()) {
    const objectType = FLOW_OBJECT_TYPES[flow.type];
    if (!objectType || (types.size > 0 && !types.has(objectType))) continue;
    const version = publishedVersionOf(flow);
    const ref = consumedRefs(version).find(
      (r) =>
        r.id === query.id &&
        r.objectType === query.objectType &&
        (query.version === undefined || r.version === query.version),
    );
    if (!ref) continue;
    out.push(flowJsonAsDependency(flow, version, refJson(store, ref).updated));
  }
  // Routing objects consume what they route to: IVR configs their flows and schedule group, ...
  for (const kind of ROUTING_KINDS) {
    const type = ROUTING_COLLECTIONS[kind].dependencyType;
    if (types.size > 0 && !types.has(type)) continue;
    for (const r of store.routing.list(kind)) {
      if (!referencesOf(r).some((ref) => ref.id === query.id && ref.objectType === query.objectType)) continue;
      const selfUri = `/api/v2/${ROUTING_COLLECTIONS[kind].path}/${r.id}`;
      out.push(dependency({ id: r.id, name: String(r.fields.name), type }, selfUri));
    }
  }
  return out.sort(byNameThenId);
}

// ---------------------------------------------------------------------------------------------
// The build status (DependencyStatus).

export class DependencyBuild {
  private started: number;
  private completed: number;
  constructor(
    now: number,
    /** A status forced by the fault config, if any. */
    private readonly forced: () => string | undefined,
  ) {
    this.started = now;
    this.completed = now;
  }

  /** POST .../build: the emulator's index is always current, so a rebuild completes at once. */
  rebuild(now: number): void {
    this.started = now;
    this.completed = now;
  }

  /**
   * The status of dependency tracking's answers: 206 Partial Content while the org's data "is being
   * rebuilt or needs to be rebuilt" (the spec's words), 200 when the build is current.
   */
  answerStatus(): 200 | 206 {
    return (this.forced() ?? "OPERATIONAL") === "OPERATIONAL" ? 200 : 206;
  }

  json(): Record<string, unknown> {
    const status = this.forced() ?? "OPERATIONAL";
    const done = status === "OPERATIONAL" || status === "OPERATIONALNEEDSREBUILD";
    return {
      id: stableId("dependencytracking", "build"),
      name: "Dependency Tracking Build",
      status,
      dateStarted: new Date(this.started).toISOString(),
      ...(done ? { dateCompleted: new Date(this.completed).toISOString() } : {}),
      failedObjects: [],
      selfUri: "/api/v2/architect/dependencytracking/build",
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Query parsing and the route handlers' logic (apiRoutes.ts wires them).

function required(query: URLSearchParams, name: string): string {
  const v = query.get(name);
  if (v === null || v === "") throw badRequest(`Query parameter ${name} is required`);
  return v;
}

// The closed parameters (objectType, the Boolean flags, flowFilter, the type lists of /object) are
// checked against the spec's values by the routes' declarations (queryParams.ts) before these run;
// a `resourceType` list (repeated or comma-separated) filters by any type: the spec closes none of them to flows.

type Page = (all: DependencyJson[], path: string) => ReturnType<typeof pagedJson<DependencyJson>>;

function versionOf(flow: FlowRecord, versionId: string | undefined): VersionRecord {
  if (versionId === undefined) return publishedVersionOf(flow);
  const v = flow.versions.find((x) => x.id === versionId);
  if (!v) throw notFound(`Version ${versionId} of flow ${flow.id} not found`);
  return v;
}

/**
 * GET .../consumedresources?id&version&objectType[&resourceType][&pageNumber&pageSize]: what a flow
 * version consumes, or a routing object (an IVR config its flows and schedule group, ...; the
 * version is not theirs to check); any other object of any type consumes nothing the emulator
 * knows of (404), never a refused type: the spec says "only versioned types are allowed" without
 * listing them, so a client asking about another type learns it from Genesys, not from here.
 */
export function consumedResourcesAnswer(store: OrgStore, query: URLSearchParams, page: Page): unknown {
  const id = required(query, "id");
  const versionId = required(query, "version");
  const objectType = required(query, "objectType");
  const resourceTypes = listValues(query, "resourceType");
  const path = "/api/v2/architect/dependencytracking/consumedresources";
  const flow = store.getFlow(id);
  if (flow && FLOW_OBJECT_TYPES[flow.type] === objectType)
    return page(consumedResources(store, versionOf(flow, versionId), resourceTypes), path);
  const kind = ROUTING_KINDS.find((k) => ROUTING_COLLECTIONS[k].dependencyType === objectType);
  const record = kind !== undefined ? store.routing.get(kind, id) : undefined;
  if (!record) throw notFound(`Dependency tracking object ${id} of type ${objectType} not found`);
  const types = new Set(resourceTypes);
  const refs = referencesOf(record)
    .filter((r) => types.size === 0 || types.has(r.objectType))
    .map((r) => refJson(store, { ...r, name: referencedName(store, r) }))
    .sort(byNameThenId);
  return page(refs, path);
}

/** The name of what a routing object refers to: a flow, or another routing object. */
function referencedName(store: OrgStore, ref: { id: string; objectType: string }): string {
  if (VERSIONED_TYPES.has(ref.objectType)) return store.getFlow(ref.id, true)?.name ?? "";
  const kind = ROUTING_KINDS.find((k) => ROUTING_COLLECTIONS[k].dependencyType === ref.objectType);
  return kind !== undefined ? String(store.routing.get(kind, ref.id)?.fields.name ?? "") : "";
}

/** GET .../consumingresources?id&objectType[&resourceType][&version][&flowFilter][&pageNumber&pageSize]. */
export function consumingResourcesAnswer(store: OrgStore, query: URLSearchParams, page: Page): unknown {
  const id = required(query, "id");
  const objectType = required(query, "objectType");
  // Consumers of every type: flows, and the routing objects that route to what is asked about (IVR configs, ...).
  const resourceTypes = listValues(query, "resourceType");
  // flowFilter: the emulator has no drafts apart from a lock holder's, so a flow's checked-in version is its published one.
  const version = query.get("version") || undefined;
  return page(
    consumingResources(store, { id, objectType, version, resourceTypes }),
    "/api/v2/architect/dependencytracking/consumingresources",
  );
}

/** GET .../object?id[&version][&objectType][&consumedResources][&consumingResources][&consumedResourceType][&consumingResourceType]. */
export function objectAnswer(store: OrgStore, org: OrgObjects, query: URLSearchParams): unknown {
  const id = required(query, "id");
  const objectType = query.get("objectType") || undefined;
  const versionId = query.get("version") || undefined;
  const withConsumed = query.get("consumedResources") === "true";
  const withConsuming = query.get("consumingResources") === "true";
  const consumedTypes = listValues(query, "consumedResourceType");
  const consumingTypes = listValues(query, "consumingResourceType");

  const flow = store.getFlow(id, true);
  if (
    flow &&
    FLOW_OBJECT_TYPES[flow.type] &&
    (objectType === undefined || objectType === FLOW_OBJECT_TYPES[flow.type])
  ) {
    const type = FLOW_OBJECT_TYPES[flow.type];
    const version = versionOf(flow, versionId);
    const resources = {
      ...(withConsumed ? { consumedResources: consumedResources(store, version, consumedTypes) } : {}),
      ...(withConsuming
        ? {
            consumingResources: consumingResources(store, {
              id: flow.id,
              objectType: type,
              version: versionId,
              resourceTypes: consumingTypes,
            }),
          }
        : {}),
    };
    const of = { id: flow.id, name: flow.name, version: version.id, type };
    return dependency(of, objectSelfUri(flow.id, type), { deleted: flow.deleted }, resources);
  }
  for (const c of org.collections) {
    const type = KIND_OBJECT_TYPES[c.kind];
    if (!type || (objectType !== undefined && objectType !== type)) continue;
    const entity = c.entities.find((e) => e.id === id);
    if (!entity) continue;
    const resources = {
      ...(withConsumed ? { consumedResources: [] } : {}),
      ...(withConsuming
        ? { consumingResources: consumingResources(store, { id, objectType: type, resourceTypes: consumingTypes }) }
        : {}),
    };
    return dependency({ id, name: String(entity.name), type }, objectSelfUri(id, type), {}, resources);
  }
  throw notFound(`Dependency tracking object ${id}${objectType ? ` of type ${objectType}` : ""} not found`);
}
