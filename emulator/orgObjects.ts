// The org's objects (from the org file) as the API returns them and as the Archy validator sees them.
// Ids are derived from kind and name, so they are stable across restarts. Response shapes follow the
// Genesys Cloud API (developer.genesys.cloud, Platform API: routing, architect, integrations,
// outbound) for the fields the provider's data sources read: id, name, selfUri, in paged lists of
// {entities, pageSize, pageNumber, total, pageCount}.
import type { OrgCatalog } from "../archy/org";
import { ORG_OBJECT_KINDS, type ObjectKind, type OrgObjectKind } from "../archy/orgObjectKinds";
import { stableId } from "./ids";
import { orgFileCatalog, SCHEDULE_DEFAULT_TIMES, type OrgFile } from "../project/orgFile";

/** An object kind the API lists, with its route and how one entity looks. */
export interface OrgCollection {
  /** Path after /api/v2, e.g. "routing/queues". */
  path: string;
  kind: ObjectKind | "dataAction";
  entities: Array<Record<string, unknown>>;
}

/** A kind's route after /api/v2: its entry of archy/orgObjectKinds.ts. */
export const pathOf = (kind: OrgObjectKind): string => ORG_OBJECT_KINDS[kind].endpoint.path.replace(/^\/api\/v2\//, "");

const HOME_DIVISION = { id: stableId("division", "Home"), name: "Home", selfUri: `/api/v2/authorization/divisions/${stableId("division", "Home")}` };

function jsonSchemaOf(fields: Readonly<Record<string, string>> | undefined): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(fields ?? {})) properties[name] = { type: JSON_TYPE[type] ?? "string", "x-archy-type": type };
  return { $schema: "http://json-schema.org/draft-04/schema#", type: "object", properties, additionalProperties: true };
}

const JSON_TYPE: Readonly<Record<string, string>> = { string: "string", integer: "integer", decimal: "number", boolean: "boolean", json: "object" };

export class OrgObjects {
  readonly collections: readonly OrgCollection[];
  readonly catalog: OrgCatalog;

  constructor(readonly file: OrgFile) {
    const entity = (kind: string, path: string, item: { name: string; description?: string }, extra: Record<string, unknown> = {}): Record<string, unknown> => {
      const id = stableId(kind, item.name);
      return { id, name: item.name, ...(item.description !== undefined ? { description: item.description } : {}), ...extra, selfUri: `/api/v2/${path}/${id}` };
    };
    const list = <T extends { name: string; description?: string }>(kind: OrgCollection["kind"], path: string, items: T[], extra: (item: T) => Record<string, unknown> = () => ({})): OrgCollection => ({
      path,
      kind,
      entities: items.map((i) => entity(kind, path, i, extra(i))).sort(byName),
    });
    this.collections = [
      list("queue", pathOf("queue"), file.queues, () => ({ division: HOME_DIVISION, memberCount: 0, mediaSettings: {} })),
      list("skill", pathOf("skill"), file.skills, () => ({ state: "active" })),
      list("languageSkill", pathOf("languageSkill"), file.languages, () => ({ state: "active" })),
      list("wrapupCode", pathOf("wrapupCode"), file.wrapupCodes, () => ({ division: HOME_DIVISION })),
      list("schedule", pathOf("schedule"), file.schedules, (item) => ({ state: "active", division: HOME_DIVISION, ...scheduleTimes(item) })),
      list("scheduleGroup", pathOf("scheduleGroup"), file.scheduleGroups, () => ({ state: "active", division: HOME_DIVISION, openSchedules: [], closedSchedules: [], holidaySchedules: [] })),
      list("emergencyGroup", pathOf("emergencyGroup"), file.emergencyGroups, () => ({ state: "active", division: HOME_DIVISION, enabled: false, emergencyCallFlows: [] })),
      list("prompt", pathOf("prompt"), file.prompts, () => ({ resources: [] })),
      list("contactList", pathOf("contactList"), file.contactLists, () => ({ division: HOME_DIVISION, columnNames: [], phoneColumns: [] })),
      list("dataTable", pathOf("dataTable"), file.dataTables, () => ({ division: HOME_DIVISION })),
      list("user", pathOf("user"), file.users, () => ({ state: "active", division: HOME_DIVISION, version: 1 })),
      list("group", pathOf("group"), file.groups, () => ({ state: "active", type: "official", visibility: "public", rulesVisible: false })),
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
              integrationId: stableId("integration", a.category),
              secure: a.secure ?? false,
              version: 1,
              contract: { input: { inputSchema: jsonSchemaOf(a.inputs) }, output: { successSchema: jsonSchemaOf(a.outputs) } },
              selfUri: `/api/v2/integrations/actions/${id}`,
            };
          })
          .sort(byName),
      },
    ];
    this.catalog = orgFileCatalog(file);
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
    return this.collections.find((c) => c.path === path);
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

/** A schedule's start, end and rrule: the org file's, or all day, every day when it gives none. */
function scheduleTimes(item: { name: string; start?: string; end?: string; rrule?: string }): { start: string; end: string; rrule?: string } {
  if (item.start === undefined || item.end === undefined) return { ...SCHEDULE_DEFAULT_TIMES };
  return { start: item.start, end: item.end, ...(item.rrule !== undefined ? { rrule: item.rrule } : {}) };
}

function byName(a: Record<string, unknown>, b: Record<string, unknown>): number {
  return String(a.name).toLowerCase().localeCompare(String(b.name).toLowerCase()) || String(a.id).localeCompare(String(b.id));
}

/**
 * The API's `name` filter: exact (case-insensitive) unless it holds `*` wildcards ("Sales*"), as the
 * routing and architect list endpoints document ("leading and trailing asterisks allowed").
 */
export function nameMatches(name: string, filter: string | null): boolean {
  if (filter === null || filter === "") return true;
  if (!filter.includes("*")) return name.toLowerCase() === filter.toLowerCase();
  const re = new RegExp(`^${filter.split("*").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");
  return re.test(name);
}
