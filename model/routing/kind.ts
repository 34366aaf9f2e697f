// What a routing kind is, as one unit (the biome pattern, as model/nodes/unit.ts is for node
// types): its file schema, its label, the values a stack may set, the routing objects and flows it
// names, the numbers it routes or holds, the words a review uses for its changes, the official
// provider's resource and arguments, the org's collection (endpoint, permission, dependency type)
// and how an org object of the kind becomes a routing file. One file per kind in kinds/,
// registered once in kinds/index.ts; the planner, checks, components, org reads, adoption, diff
// and the emulator derive what they need from it. Pure.
import type { z } from "zod";
import type * as genesyscloud from "@pulumi/genesyscloud";
import type { NumberEntry, NumberRange } from "./fields";

export type Json = Record<string, unknown>;

/** An org object's id and name as the API refers to it. */
export interface OrgRef {
  id: string;
  name: string;
}

/** What every org routing object read for adoption has; a kind adds its own fields. */
export interface OrgRoutingBase {
  kind: string;
  id: string;
  name: string;
  description?: string;
}

/** A routing id or a flow id an object names, and where in its file. */
export interface RoutingReference {
  /** The field's path in the file, e.g. `["flows", "open"]`. */
  path: Array<string | number>;
  id: string;
  /** What it names: a routing kind, or `flow` (an inbound call flow of the stack). */
  to: string;
  /** For a flow: when it runs (`open`, `closed`, `holiday`); absent: whenever the object routes (an emergency group on). */
  when?: string;
}

/** What the provider arguments take from the components an object refers to (Pulumi outputs). */
export interface ProviderRefs {
  routing(id: string): unknown;
  flow(id: string): unknown;
  /**
   * The digest of a file of the repository (its path from the project root: a prompt's audio),
   * where the caller reads files (the program); absent: the review and the record, which compare
   * what the org can answer.
   */
  digest?(path: string): unknown;
  /** The id of the org's integration of a name (a data action's), where the program finds it; absent: the name. */
  integration?(name: string): unknown;
}

/** What adoption lends a kind: the routing id or flow id of an org reference (recording a problem when there is none). */
export interface AdoptRefs {
  routing(kind: string, orgId: string, field: string): string;
  flow(ref: OrgRef, field: string): string;
  /** The object cannot be adopted as it is: why, in words for the person who runs the import. */
  problem(message: string): void;
}

/** A resource class of the official provider's SDK. */
export type ProviderResource = keyof typeof genesyscloud;

/**
 * One routing kind. `V` is its file's value (its schema's output), `O` what the org's object of
 * the kind reads as. Methods (not function properties) so that a kind is one of the registry's
 * `RoutingKindUnit<RoutingFile>`.
 */
export interface RoutingKindUnit<
  V extends { kind: string; description?: string } = { kind: string; description?: string },
  O extends OrgRoutingBase = OrgRoutingBase,
> {
  readonly kind: V["kind"];
  /** The file's schema: a strict object with `kind: z.literal(<kind>)`. */
  readonly schema: z.ZodObject<z.ZodRawShape & { kind: z.ZodLiteral<V["kind"]> }, z.core.$strict>;
  /** How people name the kind: `IVR config`. */
  readonly label: string;
  /** The folder under routing/ where files of the kind are kept (and adopted to); an org object's under objects/. */
  readonly folder: string;
  /**
   * An org object a flow names by name (archy/orgObjectKinds.ts; docs/objects.md): declared under
   * objects/<folder>/ (the folder says the kind), created before the flows that name it, named
   * with the stack's substitutions (no prefix: people share it), adopted by name when the org has
   * one. `inUse`: why the org's object is in use (a queue's members): the stack then keeps it in
   * the org when it deletes it; `usedByFlows`: so does a published flow outside the stack naming it
   * (Genesys's dependency tracking), `waiting`: a conversation waiting in it (analytics' queue
   * observations; planner/objects/decisions.ts). `substituted`: fields besides the name filled from
   * the stack's substitutions (a data action's integration and category); `referencedAs`: how a
   * flow's reference names it where its name alone does not (a data action: `category/name`, as
   * checks/orgReferences.ts stackDeclares compares). Absent: a routing object, created after the
   * flows it routes to.
   */
  readonly object?: {
    inUse?(e: Json): string | undefined;
    usedByFlows?: true;
    waiting?: true;
    substituted?: readonly string[];
    referencedAs?(v: V, publishedName: string): string;
  };
  /** Fields a stack may override per object (Pulumi.<stack>.yaml `genesys-flows:routing.objects`). */
  readonly stackValues: readonly string[];
  /** The Pulumi component type token of its component (components/routing.ts). */
  readonly componentType: string;
  /** Whether Genesys names it (names unique per kind); a DID pool has no name, its range names it. */
  readonly named: boolean;
  /** How messages and the org name the object. */
  nameOf(v: V): string;
  /** The routing objects and flows it names, in file order. */
  references(v: V): RoutingReference[];
  /** The numbers it routes to its flows (an IVR config's DNIS), if it routes numbers. */
  routes?(v: V): readonly NumberEntry[];
  /** The range of numbers it holds (a DID pool), if it holds numbers. */
  holds?(v: V): NumberRange;
  /** Whether a flow's scheduleGroup node may name it (by published name), and with which field. */
  readonly flowNodeField?: string;
  /** A review's words for what changed from `b` to `a` besides name and description: `field` writes a `label: before → after` line when they differ. */
  details(
    b: V,
    a: V,
    field: (label: string, before: string | undefined, after: string | undefined) => void,
    out: string[],
  ): void;
  /**
   * The official provider's resource and its arguments (`name` and `description` are the caller's,
   * planner/routingInputs.ts), and the arguments whose change makes the provider replace the
   * object (a new Genesys id: its schema's `ForceNew`; none: every change updates in place).
   */
  readonly provider: {
    resource: ProviderResource;
    /** `file`: the object's file (its path from the project root), where files it names are relative to. */
    args(v: V, refs: ProviderRefs, file?: string): Json;
    replaceOn?: readonly string[];
    /**
     * Resources of the provider that belong to the object (a data table's rows), registered after
     * it with its Genesys id; `key` names each within the object.
     */
    parts?(v: V): ReadonlyArray<{ key: string; resource: ProviderResource; args(objectId: unknown): Json }>;
  };
  /**
   * The org's collection of the kind: its route, the permission reading it needs, its
   * dependency-tracking type; and what people may change in the org that the stack sets: `fields`,
   * the provider's arguments it watches (besides name and description) in people's words, and
   * `observe`, the org's object as those arguments (references as ids), which is compared with what
   * the stack deployed (planner/routingRecord.ts).
   */
  readonly org: {
    endpoint: string;
    /** The list's query where it must ask for what is compared (a data table's schema: expand=schema). */
    query?: Readonly<Record<string, string>>;
    permission: string | undefined;
    dependencyType: string;
    fields: Readonly<Record<string, string>>;
    /**
     * A watched field that is a list of parts (a prompt's resources), said part by part: the
     * part's key (`language`) and its fields in people's words, so a change reads `resource es-us
     * audio file: the org has ..., ... says ...`.
     */
    parts?: Readonly<Record<string, { key: string; label: string; fields: Readonly<Record<string, string>> }>>;
    observe(e: Json): Json;
    /** What names an org object of a kind that is not named (nameOf's words: a DID pool's range); else its name. */
    identity?(e: Json): string;
    /**
     * Where the list does not answer all a file declares (a data action's contract and config):
     * the query of a GET of one object that does, and the fields naming another org object by id
     * (`integrationId`) with the route listing those, whose names the reader adds (`names`).
     */
    detail?: { query: Readonly<Record<string, string>>; names?: Readonly<Record<string, string>> };
    /** The org's object (its detail, `names` added) as its file's fields, where `observe` does not say them all (import --from-org). */
    file?(e: Json): Json;
  };
  /** How the org's objects of the kind are adopted (absent: not adopted by flows:import). */
  readonly adopt?: {
    /** An API entity (id, name and state checked by the caller) as the org object of the kind. */
    read(e: Json, base: OrgRoutingBase): O;
    /** The file's value and the adopting stack's values for it; undefined after `refs.problem`. */
    toFile(
      o: O,
      common: { name: string; description?: string },
      refs: AdoptRefs,
    ): { value: V; stackValues?: Json } | undefined;
    /**
     * The CX-as-Code (Terraform) resource of the kind and how its state's attributes read as the
     * org object (import --from-terraform, import/terraform/migrate.ts); `flow` turns a flow id
     * attribute into a reference; `dataSource`, the provider's data source that finds an object of
     * the kind by `name` (the migration's hand-over points what stays in Terraform at it). Absent:
     * the kind stays in Terraform.
     */
    readonly terraform?: {
      resource: string;
      dataSource: string;
      read(a: Json, base: OrgRoutingBase, flow: (v: unknown) => OrgRef | undefined): O;
    };
  };
}

/** What a kind may leave out: its kind (its schema's), its component type (`genesys-flows:index:<Kind>`), a name Genesys names it by (`named`, `nameOf`: its file's `name`), no references. */
type Defaulted = "kind" | "componentType" | "named" | "nameOf" | "references";

/** A kind's unit, with what it leaves out (Defaulted) as most kinds have it. */
export function defineRoutingKind<
  V extends { kind: string; description?: string },
  O extends OrgRoutingBase = OrgRoutingBase,
>(
  unit: Omit<RoutingKindUnit<V, O>, Defaulted> & Partial<Pick<RoutingKindUnit<V, O>, Defaulted>>,
): RoutingKindUnit<V, O> {
  const kind = unit.schema.shape.kind.value;
  return {
    kind,
    componentType: `genesys-flows:index:${kind[0].toUpperCase()}${kind.slice(1)}`,
    named: true,
    // A kind whose file has no name (a DID pool) says its nameOf.
    nameOf: (v) => (v as unknown as { name: string }).name,
    references: () => [],
    ...unit,
  };
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** Helpers for reading API entities: a non-empty string, a reference `{id, name}`, the ids of a list of references, an optional field. */
export const orgJson = {
  str,
  ref(v: unknown): OrgRef | undefined {
    const id = str((v as Json | undefined)?.id);
    return id === undefined ? undefined : { id, name: str((v as Json).name) ?? "" };
  },
  /** The strings of a list attribute (Terraform state: ids, numbers). */
  strings(v: unknown): string[] {
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  },
  refIds(v: unknown): string[] {
    return Array.isArray(v)
      ? v
          .map((x) => orgJson.ref(x))
          .filter((r): r is OrgRef => r !== undefined)
          .map((r) => r.id)
      : [];
  },
  opt<K extends string, T>(key: K, v: T | undefined): Partial<Record<K, T>> {
    return v === undefined ? {} : ({ [key]: v } as Record<K, T>);
  },
};

/** `{ key: v }` when `v` is defined, else nothing: optional provider arguments and file fields. */
export function when<K extends string, T>(key: K, v: T | undefined): Partial<Record<K, T>> {
  return orgJson.opt(key, v);
}

/** A list of routing ids as a review writes it: `a, b`, or `none`. */
export function idList(ids: readonly string[]): string {
  return ids.length === 0 ? "none" : ids.join(", ");
}
