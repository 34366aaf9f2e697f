// The org objects a flow names, writable: queues, ACD skills, languages, wrap-up codes, user prompts
// (with their resources, one per language), data tables (with their rows), groups and users,
// created, read, updated and deleted through the routes the official provider (v1.84.2) calls
// (orgObjectRoutes.ts). The org file's objects are the seed (orgObjects.ts): what is written here
// is kept beside them (a created object, a changed or deleted seed object), persisted with the
// flows (store.ts), so restarting with the same org file keeps both. One entry per kind in WRITABLE
// says what Genesys takes and answers. Refusals are Genesys's: 400 with its error body for what
// the spec's request schema or the kind's rules refuse, 409 `general.conflict` for a name taken
// (the provider's user create reads that code for a taken e-mail,
// genesyscloud/user/resource_genesyscloud_user.go:94). A deleted object is gone (404), as the
// provider's delete of each kind waits for (its `WithRetries` after the DELETE accepts a 404),
// but a user, which stays in state deleted.
import { z } from "zod";
import { isMap } from "../archy/json";
import { ApiError, badRequest, conflict, staleVersion } from "./http";
import { newId } from "./ids";
import { divisionRef, type Divisions } from "./divisions";
import { REQUEST_BODIES, type BodyShape } from "./requestBodies";
import { Records } from "./records";

export const WRITABLE_KINDS = [
  "queue",
  "skill",
  "languageSkill",
  "wrapupCode",
  "prompt",
  "dataTable",
  "dataAction",
  "integration",
  "group",
  "user",
] as const;
export type WritableKind = (typeof WRITABLE_KINDS)[number];
export type Entity = Record<string, unknown>;

export const OrgObjectRecordSchema = z.object({
  kind: z.enum(WRITABLE_KINDS),
  id: z.string(),
  /** The object as the API answers it, without id and selfUri; absent: an org file object deleted. */
  fields: z.record(z.string(), z.unknown()).optional(),
  /** A prompt's resources by language, a data table's rows by key, a queue's wrap-up codes by id. */
  children: z.record(z.string(), z.unknown()).optional(),
});
export type OrgObjectRecord = z.infer<typeof OrgObjectRecordSchema>;

interface WritableEntry {
  label: string;
  create: BodyShape;
  /** The update's body (PUT, or PATCH where it merges); none: the spec has no update (the provider replaces the object on a new name). */
  update?: BodyShape;
  /** Written into a division (the body's, Home when absent; one the org lacks is refused). */
  division?: true;
  /** What Genesys adds to what was written (none unless said). */
  answered?: Entity;
  /** Rules past the spec's shape; `before`: the object as it was (an update). */
  validate?(fields: Entity, before: Entity | undefined): void;
  /** Answered with a version, which an update must name (a stale one is refused: 409). */
  versioned?: boolean;
  /** What the body writes besides its own fields (a group's `ownerIds` become its `owners`); `before`: the object as it was, `id` its id. */
  derive?(fields: Entity, lookups: Lookups, before: Entity | undefined, id: string): Entity;
  /** The update is a PATCH: what its body leaves out stays as it was. */
  merge?: boolean;
  /** The field no two objects of the kind share (compared case-insensitively): `name` unless said. */
  unique?: "email";
  /** A delete keeps it in state `deleted` (found with state=deleted, by a search, and still holding its unique field). */
  keepDeleted?: boolean;
  /** Names may repeat (integrations of one type share theirs); `named`: its name where the body gives none. */
  shared?: { named(body: Entity): string };
}

/**
 * A user's fields as the API answers them: its division from `divisionId` (Home when absent, as
 * the provider leaves it out for the home division: genesyscloud/user/resource_genesyscloud_user.go:86),
 * its manager a user of the org (the provider sends "" for none), never its password.
 */
function userFields(
  { divisionId, password: _password, manager, ...fields }: Entity,
  { divisions, find }: Lookups,
  before: Entity | undefined,
): Entity {
  const division =
    divisionId !== undefined
      ? divisionRef(divisions.resolve({ id: divisionId }, "divisionId"))
      : (before?.division ?? divisionRef(divisions.home()));
  const boss =
    typeof manager === "string" && manager !== ""
      ? (find("user", manager) ?? fail(`Field 'manager': user ${manager} does not exist`))
      : manager === ""
        ? undefined
        : before?.manager;
  return { ...fields, division, manager: boss };
}

/**
 * A queue's direct routing without a backup queue backs up to the queue itself, "set to itself by
 * Backend logic" (the provider's acceptance test, routing_queue/resource_genesyscloud_routing_queue_test.go:1271).
 */
function queueFields(fields: Entity, _lookups: Lookups, _before: Entity | undefined, id: string): Entity {
  const direct = fields.directRouting as Entity | undefined;
  return direct && typeof direct === "object" && direct.backupQueueId === undefined
    ? { ...fields, directRouting: { ...direct, backupQueueId: id } }
    : fields;
}

/** What a write may look up in the rest of the org. */
export interface Lookups {
  divisions: Divisions;
  /** The org's object of the kind with the id, as the API answers it (a user a group names as its owner). */
  find(kind: "user", id: string): Entity | undefined;
  /** The org's integration of the id (a data action's), as GET /api/v2/integrations answers it. */
  integration(id: string): Entity | undefined;
}

/**
 * A group's owners from `ownerIds`: users of the org. A blank id is none: the provider sends
 * [" "] for a group without owners (genesyscloud/group/resource_genesyscloud_group.go:204).
 */
function groupOwners({ ownerIds, ...fields }: Entity, { find }: Lookups): Entity {
  const ids = (Array.isArray(ownerIds) ? ownerIds : []).map(String).filter((id) => id.trim() !== "");
  const owners = ids.map((id) => find("user", id) ?? fail(`Field 'ownerIds': user ${id} does not exist`));
  return { ...fields, owners: owners.length > 0 ? owners : undefined };
}

/**
 * A data action as Genesys takes it: an integration of the org, and a contract whose input and
 * output are JSON schemas (PostActionInput: contract.input.inputSchema, contract.output.successSchema).
 */
function dataActionFields(fields: Entity, { integration }: Lookups, before: Entity | undefined): Entity {
  if (before === undefined && integration(String(fields.integrationId)) === undefined)
    fail(`Field 'integrationId': integration ${String(fields.integrationId)} does not exist`);
  const contract = fields.contract as { input?: Entity; output?: Entity } | undefined;
  if (before === undefined && !isMap(contract?.input?.inputSchema))
    fail("Field 'contract.input.inputSchema': a JSON schema is required");
  if (before === undefined && !isMap(contract?.output?.successSchema))
    fail("Field 'contract.output.successSchema': a JSON schema is required");
  return fields;
}

const fail = (message: string): never => {
  throw badRequest(message);
};
const DATA_TABLE_TYPES = ["boolean", "string", "integer", "number"];

/**
 * A data table's schema as Genesys keeps it: "at a minimum a string property 'key' that will serve
 * as the row key", fields of the types boolean, string, integer or number, and "properties cannot
 * be removed from a schema once they have been added" (the provider's schema,
 * genesyscloud/architect_datatable/resource_genesyscloud_architect_datatable_schema.go:36 and :85).
 */
function validateDataTable(fields: Entity, before: Entity | undefined): void {
  const props = (fields.schema as { properties?: Record<string, { type?: unknown }> } | undefined)?.properties;
  if (!props || typeof props !== "object")
    fail("Field 'schema': a data table's schema needs its properties, with a string property 'key'");
  if (props!.key?.type !== "string") fail("Field 'schema': a data table needs a string property 'key' (the row key)");
  for (const [name, p] of Object.entries(props!))
    if (!DATA_TABLE_TYPES.includes(String(p?.type)))
      fail(
        `Field 'schema': property '${name}' has type ${JSON.stringify(p?.type)}; a data table's fields are ${DATA_TABLE_TYPES.join(", ")}`,
      );
  const was = Object.keys((before?.schema as { properties?: object } | undefined)?.properties ?? {});
  const removed = was.filter((name) => !(name in props!));
  if (removed.length > 0)
    fail(`Field 'schema': properties cannot be removed from a data table (${removed.join(", ")})`);
}

/** Every writable kind: what Genesys takes (the spec's request schema, Platform API v2, SDK v193) and answers. */
const WRITABLE: Readonly<Record<WritableKind, WritableEntry>> = {
  queue: {
    label: "queue",
    create: REQUEST_BODIES.CreateQueueRequest,
    update: REQUEST_BODIES.QueueRequest,
    division: true,
    answered: { memberCount: 0 },
    derive: queueFields,
  },
  skill: { label: "skill", create: REQUEST_BODIES.CreateRoutingSkill, answered: { state: "active" } },
  languageSkill: { label: "language", create: REQUEST_BODIES.Language, answered: { state: "active" } },
  wrapupCode: {
    label: "wrap-up code",
    create: REQUEST_BODIES.WrapupCodeRequest,
    update: REQUEST_BODIES.WrapupCodeRequest,
    division: true,
  },
  prompt: {
    label: "prompt",
    create: REQUEST_BODIES.Prompt,
    update: REQUEST_BODIES.Prompt,
  },
  dataTable: {
    label: "data table",
    create: REQUEST_BODIES.DataTable,
    update: REQUEST_BODIES.DataTable,
    division: true,
    validate: validateDataTable,
  },
  // Its update is a PATCH naming the version it changes (the provider reads it first); the
  // integration, contract and secure flag stay as created (a change is a new action).
  dataAction: {
    label: "data action",
    create: REQUEST_BODIES.PostActionInput,
    update: REQUEST_BODIES.UpdateActionInput,
    answered: { secure: false },
    versioned: true,
    merge: true,
    derive: dataActionFields,
  },
  // An integration the provider creates by its type only (named as its type until its config names it,
  // integrationRoutes.ts), then enables or disables by PATCH.
  integration: {
    label: "integration",
    create: REQUEST_BODIES.CreateIntegrationRequest,
    update: REQUEST_BODIES.Integration,
    answered: { intendedState: "DISABLED", reportedState: { code: "INACTIVE" } },
    merge: true,
    shared: { named: (body) => String((body.integrationType as Entity | undefined)?.id ?? "") },
  },
  group: {
    label: "group",
    create: REQUEST_BODIES.GroupCreate,
    update: REQUEST_BODIES.GroupUpdate,
    answered: { state: "active", memberCount: 0 },
    versioned: true,
    derive: groupOwners,
  },
  // A deleted user stays, in state deleted: the provider's delete waits until a search finds it so,
  // and its create restores the deleted user an e-mail names (resource_genesyscloud_user.go:94 and its deleteUser).
  user: {
    label: "user",
    create: REQUEST_BODIES.CreateUser,
    update: REQUEST_BODIES.UpdateUser,
    answered: { state: "active" },
    versioned: true,
    derive: userFields,
    merge: true,
    unique: "email",
    keepDeleted: true,
  },
};

/** The fields Genesys keeps of a request: the shape's, never the read-only ones it answers itself. */
const READ_ONLY = new Set([
  "id",
  "selfUri",
  "dateCreated",
  "dateModified",
  "createdBy",
  "modifiedBy",
  "version",
  "memberCount",
  "sourceQueueId",
]);

export function isWritable(kind: string): kind is WritableKind {
  return (WRITABLE_KINDS as readonly string[]).includes(kind);
}

/** The body of a kind's create (POST) or update; the update's method: PATCH where it merges, PUT otherwise. */
export function writableShape(kind: WritableKind, method: "POST" | "UPDATE"): BodyShape | undefined {
  return method === "POST" ? WRITABLE[kind].create : WRITABLE[kind].update;
}

export const updateMethod = (kind: WritableKind): "PUT" | "PATCH" => (WRITABLE[kind].merge ? "PATCH" : "PUT");

/** What has been written to the org's objects, over the org file's (the seed). */
export class OrgObjectWrites extends Records<OrgObjectRecord> {
  /** The org file's objects of a kind, which the writes go over (set by OrgObjects, which reads the org file). */
  seedOf: (kind: WritableKind) => readonly Entity[] = () => [];

  /** The kind's live objects (without id and selfUri): the seed's as written over, then the created ones. */
  live(kind: WritableKind): Array<{ id: string; fields: Entity; children: Record<string, unknown> }> {
    const seed = this.seedOf(kind);
    const seeded = seed.map(
      (e) => this.records.get(String(e.id)) ?? { kind, id: String(e.id), fields: withoutIdentity(e) },
    );
    const created = [...this.records.values()].filter((r) => r.kind === kind && !seed.some((e) => e.id === r.id));
    return [...seeded, ...created].flatMap((r) =>
      r.fields ? [{ id: r.id, fields: r.fields, children: r.children ?? {} }] : [],
    );
  }

  create(kind: WritableKind, body: Entity, lookups: Lookups): string {
    const id = newId();
    const fields = this.written(kind, id, body, undefined, lookups);
    this.records.set(id, { kind, id, fields });
    this.onChange();
    return id;
  }

  update(kind: WritableKind, id: string, body: Entity, lookups: Lookups): void {
    const current = this.one(kind, id);
    this.records.set(id, {
      kind,
      id,
      fields: this.written(kind, id, body, current, lookups),
      children: current.children,
    });
    this.onChange();
  }

  delete(kind: WritableKind, id: string): void {
    const current = this.one(kind, id);
    if (WRITABLE[kind].keepDeleted) {
      if (current.fields.state === "deleted") notFound(kind, id);
      this.records.set(id, {
        kind,
        id,
        fields: { ...current.fields, state: "deleted", version: Number(current.fields.version ?? 0) + 1 },
        children: current.children,
      });
    } else if (this.seedOf(kind).some((e) => e.id === id)) this.records.set(id, { kind, id });
    else this.records.delete(id);
    this.onChange();
  }

  /** Write one child (a prompt resource, a row, a queue's wrap-up code); `undefined` removes it. */
  setChild(kind: WritableKind, id: string, key: string, value: unknown): void {
    const current = this.one(kind, id);
    const children = { ...current.children };
    if (value === undefined) delete children[key];
    else children[key] = value;
    this.records.set(id, { kind, id, fields: current.fields, children });
    this.onChange();
  }

  /** A live object; 404 otherwise. */
  one(kind: WritableKind, id: string): { id: string; fields: Entity; children: Record<string, unknown> } {
    return this.live(kind).find((o) => o.id === id) ?? notFound(kind, id);
  }

  /** The fields a body writes, checked as Genesys checks them. */
  private written(
    kind: WritableKind,
    id: string,
    body: Entity,
    current: { fields: Entity } | undefined,
    lookups: Lookups,
  ): Entity {
    const entry = WRITABLE[kind];
    const unique = entry.unique ?? "name";
    // A PATCH names only what it changes.
    const given =
      current && entry.merge ? { name: current.fields.name, [unique]: current.fields[unique], ...body } : body;
    const name = typeof given.name === "string" ? given.name.trim() : (entry.shared?.named(given) ?? "");
    if (name === "") fail(`Field 'name' is required and cannot be empty.`);
    const key = typeof given[unique] === "string" ? (given[unique] as string).trim() : name;
    if (key === "") fail(`Field '${unique}' is required and cannot be empty.`);
    const taken = this.live(kind).find(
      (o) => !entry.shared && o.id !== id && String(o.fields[unique]).toLowerCase() === key.toLowerCase(),
    );
    if (taken)
      throw conflict(
        `A ${entry.label} ${unique === "name" ? "named" : `with ${unique}`} "${key}" already exists (${taken.id})`,
      );
    const shape = current ? entry.update : entry.create;
    const kept = Object.fromEntries(
      Object.keys(shape?.fields ?? {})
        .filter((f) => !READ_ONLY.has(f) && body[f] !== undefined && body[f] !== null)
        .map((f) => [f, body[f]]),
    );
    // An update keeps what its body cannot write (a group's type, its member count), a PATCH all it leaves out.
    const base = current
      ? Object.fromEntries(Object.entries(current.fields).filter(([f]) => entry.merge || !(f in (shape?.fields ?? {}))))
      : (entry.answered ?? {});
    const fields: Entity = JSON.parse(
      JSON.stringify({ ...base, ...(entry.derive ? entry.derive(kept, lookups, current?.fields, id) : kept), name }),
    ) as Entity;
    const { divisions } = lookups;
    if (entry.division)
      fields.division = divisionRef(
        body.division === undefined && current
          ? divisions.resolve(current.fields.division)
          : divisions.resolve(body.division),
      );
    if (entry.versioned) {
      const version = Number(current?.fields.version ?? 0);
      if (current && body.version !== version) throw staleVersion(entry.label, body.version, version);
      fields.version = version + 1;
    }
    entry.validate?.(fields, current?.fields);
    return fields;
  }
}

function withoutIdentity(e: Entity): Entity {
  const { id: _id, selfUri: _selfUri, ...rest } = e;
  return rest;
}

export function notFound(kind: WritableKind, id: string): never {
  throw new ApiError(
    404,
    "not.found",
    `${WRITABLE[kind].label[0].toUpperCase()}${WRITABLE[kind].label.slice(1)} ${id} not found`,
  );
}

/**
 * A data table row as Genesys takes it: "verified against the schema" (POST
 * /api/v2/flows/datatables/{datatableId}/rows): a string `key`, only the schema's properties, each
 * of its type.
 */
export function checkRow(schema: unknown, row: Entity): void {
  const props = (schema as { properties?: Record<string, { type?: string }> } | undefined)?.properties ?? {};
  if (typeof row.key !== "string" || row.key === "") fail("Field 'key' is required: the row's key, a string");
  for (const [field, value] of Object.entries(row)) {
    const type = props[field]?.type;
    if (type === undefined)
      fail(`Field '${field}' is not a property of the data table (${Object.keys(props).join(", ")})`);
    const ok =
      type === "integer"
        ? Number.isInteger(value)
        : type === "number"
          ? typeof value === "number"
          : typeof value === type;
    if (!ok)
      fail(`Field '${field}' must be ${type === "integer" ? "an integer" : `a ${type}`}, not ${JSON.stringify(value)}`);
  }
}
