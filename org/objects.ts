// Reads the org objects a stack's flows name, once per run: for each referenced kind, one paged list
// of the endpoint the provider's data sources use (every page), a few kinds at a time; data actions
// with their input and output contracts. Only the kinds asked for are read; nothing is read when
// nothing is asked. The client (paging, 429 Retry-After, 502-504 back-off, 403 messages) is the
// caller's: anything with `all(path, query)`.
import type { DataActionContract, OrgCatalog } from "../archy/org";
import { archyFieldsOf, orgCatalog } from "../archy/org";
import { ORG_OBJECT_KIND_NAMES, ORG_OBJECT_KINDS, type OrgObjectKind } from "../archy/orgObjectKinds";
import { permissionFor } from "./permissions";

export type ReadKind = OrgObjectKind;

type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

/** A client that lists every entity of a paged endpoint and gets one object (undefined for 404). */
export interface PagedLister {
  all<T>(path: string, query?: Query): Promise<T[]>;
  get<T>(path: string, query?: Query, allow404?: boolean): Promise<T | undefined>;
}

/**
 * Where each kind is listed (the routes the provider's data sources read): the kind's entry of
 * archy/orgObjectKinds.ts. Flows of every type share /api/v2/flows, narrowed by type.
 */
export const KIND_ENDPOINTS: Readonly<Record<ReadKind, { path: string; query?: Readonly<Record<string, string>> }>> =
  Object.fromEntries(ORG_OBJECT_KIND_NAMES.map((k) => [k, ORG_OBJECT_KINDS[k].endpoint])) as Record<
    ReadKind,
    { path: string; query?: Readonly<Record<string, string>> }
  >;

/** Kinds read at once (each kind's pages are read one after the other). */
export const READ_CONCURRENCY = 4;

export class OrgReadError extends Error {
  constructor(
    readonly kind: ReadKind,
    message: string,
  ) {
    super(message);
    this.name = "OrgReadError";
  }
}

interface Named {
  id?: unknown;
  name?: unknown;
}

interface ActionJson extends Named {
  category?: unknown;
  contract?: { input?: { inputSchema?: unknown }; output?: { successSchema?: unknown } };
}

/** What was read: names per kind, data actions with contracts, and the requests made (one list per kind). */
export interface OrgObjectsRead {
  catalog: OrgCatalog;
  kinds: ReadKind[];
}

/**
 * Reads the objects of `kinds` from the org (nothing when `kinds` is empty); of data actions, the
 * contracts of those in `actions` ("category/name").
 */
export async function readOrgObjects(
  api: PagedLister,
  kinds: readonly ReadKind[],
  actions: ReadonlySet<string> = new Set(),
): Promise<OrgObjectsRead> {
  const objects: Partial<Record<OrgObjectKind, string[]>> = {};
  const dataActions: DataActionContract[] = [];
  const queue = [...new Set(kinds)].sort();
  let next = 0;
  const readOne = async (kind: ReadKind) => {
    const ep = KIND_ENDPOINTS[kind];
    const what = kind === "dataAction" ? "data actions" : `${kind}s`;
    const failed = (path: string, e: unknown) => {
      const status = (e as { status?: number }).status;
      const permission = permissionFor(path);
      const why =
        status === 403
          ? permission !== undefined
            ? `the OAuth client's role lacks ${permission}, which GET ${ep.path} requires`
            : `the OAuth client may not read them (HTTP 403)`
          : (e as Error).message;
      return new OrgReadError(kind, `cannot read the org's ${what} (GET ${path}): ${why}`);
    };
    let entities: Array<Named & ActionJson>;
    try {
      entities = await api.all<Named & ActionJson>(ep.path, ep.query ?? {});
    } catch (e) {
      throw failed(ep.path, e);
    }
    if (kind === "dataAction") {
      const key = (category: string, name: string) => `${category.trim()}/${name.trim()}`;
      const wanted = new Set([...actions].map((a) => a.trim()));
      for (const listed of entities) {
        if (typeof listed.name !== "string" || typeof listed.category !== "string") continue;
        let a: ActionJson = listed;
        if (wanted.has(key(listed.category, listed.name)) && typeof listed.id === "string") {
          const path = `${ep.path}/${encodeURIComponent(listed.id)}`;
          try {
            a = (await api.get<ActionJson>(path, { expand: "contract" }, true)) ?? listed;
          } catch (e) {
            throw failed(path, e);
          }
        }
        const inputs = archyFieldsOf(a.contract?.input?.inputSchema);
        const outputs = archyFieldsOf(a.contract?.output?.successSchema);
        dataActions.push({
          category: listed.category,
          name: listed.name,
          ...(inputs ? { inputs } : {}),
          ...(outputs ? { outputs } : {}),
        });
      }
    } else {
      objects[kind] = entities
        .map((e) => e.name)
        .filter((n): n is string => typeof n === "string")
        .sort();
    }
  };
  const worker = async () => {
    while (next < queue.length) await readOne(queue[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, queue.length) }, worker));
  return { catalog: orgCatalog({ objects, dataActions }), kinds: queue };
}
