// The org's objects as the API returns them and as the Archy validator sees them: the org file's
// (ids derived from kind and name, so they are stable across restarts), with what the API wrote
// over them (orgObjectStore.ts: queues, skills, languages, wrap-up codes, prompts, data tables). Response shapes follow the
// Genesys Cloud API (developer.genesys.cloud, Platform API: routing, architect, integrations,
// outbound) for the fields the provider's data sources read: id, name, selfUri, in paged lists of
// {entities, pageSize, pageNumber, total, pageCount}.
import { archyFieldsOf, type OrgCatalog } from "../archy/org";
import { ORG_OBJECT_KINDS, type ObjectKind, type OrgObjectKind } from "../archy/orgObjectKinds";
import { stableId } from "./ids";
import { HOME_DIVISION } from "./divisions";
import { orgFileCatalog, SCHEDULE_DEFAULT_TIMES, type OrgFile } from "../project/orgFile";
import { isWritable, OrgObjectWrites } from "./orgObjectStore";
import { QueueConversations } from "./queueObservations";

/** The org's catalog with the Genesys id of each object: one the API created has an id of its own (dependency tracking records it). */
export interface IdentifiedCatalog extends OrgCatalog {
  idOf(kind: ObjectKind, name: string): string | undefined;
}

/** An object kind the API lists, with its route and how one entity looks. */
export interface OrgCollection {
  /** Path after /api/v2, e.g. "routing/queues". */
  path: string;
  kind: ObjectKind | "dataAction";
  entities: Array<Record<string, unknown>>;
}

/** A kind's route after /api/v2: its entry of archy/orgObjectKinds.ts. */
export const pathOf = (kind: OrgObjectKind): string => ORG_OBJECT_KINDS[kind].endpoint.path.replace(/^\/api\/v2\//, "");

/**
 * A contract schema of the org file's fields. Undescribed (the org file omits them): a schema that
 * names no properties, which the org's reader (archy/org.ts archyFieldsOf) reads as undescribed,
 * as lint reads the org file; an empty one would refuse every input a deploy names that lint passed.
 */
function jsonSchemaOf(fields: Readonly<Record<string, string>> | undefined): Record<string, unknown> {
  const schema = { $schema: "http://json-schema.org/draft-04/schema#", type: "object", additionalProperties: true };
  if (fields === undefined) return schema;
  const properties: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(fields))
    properties[name] = { type: JSON_TYPE[type] ?? "string", "x-archy-type": type };
  return { ...schema, properties };
}

/**
 * An org file user's e-mail: every Genesys user has one (CreateUser requires it, and the provider
 * reads it unguarded), made from the name under the reserved .invalid domain (RFC 2606), so it can
 * never be someone's address.
 */
const emailOf = (name: string): string =>
  `${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.|\.$/g, "")}@example.invalid`;

/** The schema of a data table the org file names: its key only (every Genesys data table has a string key). */
const KEY_ONLY_SCHEMA = {
  $schema: "http://json-schema.org/draft-04/schema#",
  type: "object",
  required: ["key"],
  properties: { key: { title: "Key", type: "string", displayOrder: 0 } },
  additionalProperties: false,
};

const JSON_TYPE: Readonly<Record<string, string>> = {
  string: "string",
  integer: "integer",
  decimal: "number",
  boolean: "boolean",
  json: "object",
};

export class OrgObjects {
  /** The org file's objects, before any write. */
  private readonly seed: readonly OrgCollection[];
  /** The conversations waiting in its queues (queueObservations.ts). */
  readonly conversations = new QueueConversations();
  /** The org file's integrations, and each of its data actions' (orgFile.ts). */
  private readonly integrationSeed: readonly Record<string, unknown>[];

  constructor(
    readonly file: OrgFile,
    readonly writes: OrgObjectWrites = new OrgObjectWrites(() => undefined),
  ) {
    writes.seedOf = (kind) => this.seedOf(kind);
    const entity = (
      kind: OrgObjectKind,
      item: { name: string; description?: string },
      extra: Record<string, unknown> = {},
    ): Record<string, unknown> => {
      const id = stableId(kind, item.name);
      return {
        id,
        name: item.name,
        ...(item.description !== undefined ? { description: item.description } : {}),
        ...extra,
        selfUri: `/api/v2/${pathOf(kind)}/${id}`,
      };
    };
    const list = <T extends { name: string; description?: string }>(
      kind: Exclude<OrgObjectKind, "dataAction">,
      items: T[],
      extra: (item: T) => Record<string, unknown> = () => ({}),
    ): OrgCollection => ({
      path: pathOf(kind),
      kind,
      entities: items.map((i) => entity(kind, i, extra(i))).sort(byName),
    });
    const integrationNames = [
      ...file.integrations.map((i) => i.name),
      ...file.dataActions.map((a) => a.integration ?? a.category),
    ];
    this.integrationSeed = [...new Set(integrationNames)].sort().map((name) => ({
      id: stableId("integration", name),
      name,
      integrationType: { id: "custom-rest-actions" },
      intendedState: "ENABLED",
      reportedState: { code: "ACTIVE" },
    }));
    this.seed = [
      list("queue", file.queues, () => ({
        division: HOME_DIVISION,
        memberCount: 0,
        mediaSettings: {},
      })),
      list("skill", file.skills, () => ({ state: "active" })),
      list("languageSkill", file.languages, () => ({ state: "active" })),
      list("wrapupCode", file.wrapupCodes, () => ({ division: HOME_DIVISION })),
      list("schedule", file.schedules, (item) => ({
        state: "active",
        division: HOME_DIVISION,
        ...scheduleTimes(item),
      })),
      list("scheduleGroup", file.scheduleGroups, () => ({
        state: "active",
        division: HOME_DIVISION,
        openSchedules: [],
        closedSchedules: [],
        holidaySchedules: [],
      })),
      list("emergencyGroup", file.emergencyGroups, () => ({
        state: "active",
        division: HOME_DIVISION,
        enabled: false,
        emergencyCallFlows: [],
      })),
      list("prompt", file.prompts, () => ({ resources: [] })),
      list("contactList", file.contactLists, () => ({
        division: HOME_DIVISION,
        columnNames: [],
        phoneColumns: [],
      })),
      list("dataTable", file.dataTables, () => ({
        division: HOME_DIVISION,
        schema: KEY_ONLY_SCHEMA,
      })),
      list("user", file.users, (item) => ({
        state: "active",
        division: HOME_DIVISION,
        version: 1,
        email: emailOf(item.name),
      })),
      list("group", file.groups, () => ({
        state: "active",
        type: "official",
        visibility: "public",
        rulesVisible: false,
        memberCount: 0,
        version: 1,
      })),
      {
        path: pathOf("dataAction"),
        kind: "dataAction",
        entities: file.dataActions
          .map((a) => {
            const id = `custom_-_${stableId("dataAction", `${a.category}/${a.name}`)}`;
            return {
              id,
              name: a.name,
              category: a.category,
              integrationId: stableId("integration", a.integration ?? a.category),
              secure: a.secure ?? false,
              version: 1,
              contract: {
                input: { inputSchema: jsonSchemaOf(a.inputs) },
                output: { successSchema: jsonSchemaOf(a.outputs) },
              },
              selfUri: `/api/v2/integrations/actions/${id}`,
            };
          })
          .sort(byName),
      },
    ];
  }

  /** Every collection as the org has it now: a writable kind's with what was written over the org file's. */
  get collections(): readonly OrgCollection[] {
    return this.seed.map((c) => this.asWritten(c));
  }

  private asWritten(c: OrgCollection): OrgCollection {
    if (!isWritable(c.kind)) return c;
    const members = (children: object) => Object.keys(children).filter((k) => k.startsWith("member/")).length;
    const entity = (o: { id: string; fields: Record<string, unknown>; children: Record<string, unknown> }) => ({
      id: o.id,
      ...o.fields,
      // A group and a queue count the members written to them (orgObjectRoutes.ts).
      ...(c.kind === "group" || c.kind === "queue" ? { memberCount: members(o.children) } : {}),
      // A prompt comes with its resources, in the list too (its `includeResources` defaults to true).
      ...(c.kind === "prompt" ? { resources: promptResources(o.id, o.children) } : {}),
      selfUri: `/api/v2/${c.path}/${o.id}`,
    });
    return { ...c, entities: this.writes.live(c.kind).map(entity).sort(byName) };
  }

  /** The org file's objects of a kind (the seed writes go over). */
  seedOf(kind: OrgObjectKind | "integration"): readonly Record<string, unknown>[] {
    if (kind === "integration") return this.integrationSeed;
    return this.seed.find((c) => c.kind === kind)?.entities ?? [];
  }

  /** The names the Archy validator and the org-reference check know: every kind's as the org has it now, and the data actions' contracts. */
  get catalog(): IdentifiedCatalog {
    // A deleted user is no object a flow can name.
    const written = this.collections
      .filter((c) => isWritable(c.kind))
      .map((c) => [
        ORG_OBJECT_KINDS[c.kind].orgFileKey,
        c.entities
          .filter((e) => e.state !== "deleted")
          .map((e) => (c.kind === "dataAction" ? actionOf(e) : { name: String(e.name) })),
      ]);
    const catalog = orgFileCatalog({ ...this.file, ...Object.fromEntries(written) });
    return { ...catalog, idOf: (kind, name) => this.idOf(kind, name) };
  }

  /** The Genesys id of the org's object of a kind and exact name (what dependency tracking records a reference to). */
  idOf(kind: ObjectKind, name: string): string | undefined {
    const c = this.collections.find((x) => x.kind === kind);
    const e = c?.entities.find((x) => x.state !== "deleted" && x.name === name);
    return typeof e?.id === "string" ? e.id : undefined;
  }

  /**
   * The org's integrations (GET /api/v2/integrations, integrationRoutes.ts): the org file's and the
   * one each of its data actions belongs to (enabled), with what the API wrote over them. A stack
   * never writes one: a data action declared under objects/ names its integration.
   */
  integrations(): Array<Record<string, unknown>> {
    return this.writes
      .live("integration")
      .map((o) => ({ id: o.id, ...o.fields, selfUri: `/api/v2/integrations/${o.id}` }))
      .sort(byName);
  }

  /** Flows the org file names as published outside the emulator (flows, bot flows, digital bot flows), by name. */
  outsideFlows(): Array<{ id: string; name: string; type: string }> {
    const f = this.file;
    return [
      ...f.flows.map((x) => ({ name: x.name, type: x.type.toUpperCase() })),
      ...f.botFlows.map((x) => ({ name: x.name, type: "BOT" })),
      ...f.digitalBotFlows.map((x) => ({ name: x.name, type: "DIGITALBOT" })),
    ]
      .map((x) => ({ ...x, id: stableId("outsideFlow", `${x.type}/${x.name}`) }))
      .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id.localeCompare(b.id));
  }

  collection(path: string): OrgCollection | undefined {
    const c = this.seed.find((x) => x.path === path);
    return c && this.asWritten(c);
  }

  /** The divisions the org file names besides Home (divisions.ts). */
  divisionNames(): string[] {
    return this.file.divisions.map((d) => d.name);
  }

  /** Counts per kind, for the admin state. */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of this.collections) out[c.path] = c.entities.length;
    out.botFlows = this.file.botFlows.length + this.file.digitalBotFlows.length;
    out.flows = this.file.flows.length;
    return out;
  }
}

/** A data action as the catalog knows it: its category, name and contract (as the org's reader reads it, org/objects.ts). */
function actionOf(e: Record<string, unknown>): OrgFile["dataActions"][number] {
  const contract = e.contract as
    | { input?: { inputSchema?: unknown }; output?: { successSchema?: unknown } }
    | undefined;
  const inputs = archyFieldsOf(contract?.input?.inputSchema);
  const outputs = archyFieldsOf(contract?.output?.successSchema);
  return {
    category: String(e.category),
    name: String(e.name),
    ...(inputs ? { inputs } : {}),
    ...(outputs ? { outputs } : {}),
  };
}

/** A prompt's resources (its parts, one per language), as the API answers them. */
export function promptResources(promptId: string, children: Record<string, unknown>): Record<string, unknown>[] {
  return Object.entries(children)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([language, asset]) => ({
      id: language,
      promptId,
      language,
      tags: {},
      ...(asset as Record<string, unknown>),
      selfUri: `/api/v2/architect/prompts/${promptId}/resources/${language}`,
    }));
}

/** A schedule's start, end and rrule: the org file's, or all day, every day when it gives none. */
function scheduleTimes(item: { name: string; start?: string; end?: string; rrule?: string }) {
  if (item.start === undefined || item.end === undefined) return { ...SCHEDULE_DEFAULT_TIMES };
  return { start: item.start, end: item.end, ...(item.rrule !== undefined ? { rrule: item.rrule } : {}) };
}

function byName(a: Record<string, unknown>, b: Record<string, unknown>): number {
  return (
    String(a.name).toLowerCase().localeCompare(String(b.name).toLowerCase()) || String(a.id).localeCompare(String(b.id))
  );
}

/**
 * The API's `name` filter: exact (case-insensitive) unless it holds `*` wildcards ("Sales*"), as the
 * routing and architect list endpoints document ("leading and trailing asterisks allowed").
 */
export function nameMatches(name: string, filter: string | null): boolean {
  if (filter === null || filter === "") return true;
  if (!filter.includes("*")) return name.toLowerCase() === filter.toLowerCase();
  const re = new RegExp(
    `^${filter
      .split("*")
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
    "i",
  );
  return re.test(name);
}
