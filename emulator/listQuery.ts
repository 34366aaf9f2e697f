// The query parameters of Genesys's list operations, applied one way for every list the emulator
// serves: paging (pageNumber, pageSize), sorting (sortBy, sortOrder) and the filters a route takes
// (name, id, divisionId, ...), each read from the entities as the route answers them (the JSON), so
// a filter sees what a client sees. Which parameters each route takes is the route's choice; the
// conformance tier (test/conformance/listParameters.test.ts) enumerates the parameters the spec
// documents for each list route and fails on one neither honoured (it checks the behaviour) nor a
// kept difference (specDifferences.ts).
import type { ApiAnswer } from "./apiTypes";
import { pagedJson } from "./flowJson";
import { badRequest, intParam, listValues } from "./http";
import { nameMatches } from "./orgObjects";

export type Entity = Record<string, unknown>;

/** A filter: from the query, a test of an entity, or undefined when the parameter is absent. */
export type ListFilter = (query: URLSearchParams, param: string) => ((e: Entity) => boolean) | undefined;

export interface ListSpec {
  /** The list's path (selfUri and page links), e.g. /api/v2/flows. */
  path: string;
  /** Filters by query parameter name. */
  filters?: Readonly<Record<string, ListFilter>>;
  /** The route sorts by `sortBy` (a root field of its entities) when given. */
  sortBy?: boolean;
  /** The route reverses its order on a descending `sortOrder` (asc, ascending, ASC; desc, descending, DESC). */
  sortOrder?: boolean;
}

export { listValues } from "./http";

/** A field of an entity by dotted path ("division.id"). */
function field(e: Entity, path: string): unknown {
  let at: unknown = e;
  for (const key of path.split(".")) {
    if (typeof at !== "object" || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** A text field matched as the route documents: exact (with * wildcards), a prefix ("start with this value"), or part of it. */
export function textFilter(path: string, how: "exact" | "prefix" | "contains"): ListFilter {
  return (query, param) => {
    const wanted = listValues(query, param);
    if (wanted.length === 0) return undefined;
    return (e) => {
      const text = String(field(e, path) ?? "");
      const lower = text.toLowerCase();
      return wanted.some((w) =>
        how === "exact"
          ? nameMatches(text, w)
          : how === "prefix"
            ? lower.startsWith(w.toLowerCase())
            : lower.includes(w.toLowerCase()),
      );
    };
  };
}

/** Either of two text fields contains the value (`nameOrDescription`). */
export function eitherContains(a: string, b: string): ListFilter {
  return (query, param) => {
    const wanted = query.get(param)?.toLowerCase();
    if (!wanted) return undefined;
    return (e) =>
      [a, b].some((p) =>
        String(field(e, p) ?? "")
          .toLowerCase()
          .includes(wanted),
      );
  };
}

/** A field equal to one of the values (`id`, `divisionId` as `division.id`, `lockedBy` as `lockedUser.id`). */
export function oneOf(path: string): ListFilter {
  return (query, param) => {
    const wanted = new Set(listValues(query, param));
    if (wanted.size === 0) return undefined;
    return (e) => wanted.has(String(field(e, path)));
  };
}

/** A list field holding one of the values (an IVR's `dnis`, a schedule group's `openSchedules[].id`). */
export function holds(path: string, item?: string): ListFilter {
  return (query, param) => {
    const wanted = new Set(listValues(query, param));
    if (wanted.size === 0) return undefined;
    return (e) => {
      const list = field(e, path);
      return Array.isArray(list) && list.some((x) => wanted.has(String(item ? field(x as Entity, item) : x)));
    };
  };
}

/** Any of several filters (a schedule group holding the schedule as open, closed or holiday). */
export function anyOf(...filters: ListFilter[]): ListFilter {
  return (query, param) => {
    const tests = filters.flatMap((f) => f(query, param) ?? []);
    return tests.length === 0 ? undefined : (e) => tests.some((t) => t(e));
  };
}

/** A date-time field after (or before) the value, an ISO-8601 date-time; another value is a 400. */
export function dateBound(path: string, side: "after" | "before"): ListFilter {
  return (query, param) => {
    const raw = query.get(param);
    if (raw === null || raw === "") return undefined;
    const bound = Date.parse(raw);
    if (Number.isNaN(bound)) throw badRequest(`Query parameter ${param} must be an ISO-8601 date-time`);
    return (e) => {
      const at = Date.parse(String(field(e, path) ?? ""));
      return !Number.isNaN(at) && (side === "after" ? at > bound : at < bound);
    };
  };
}

/** The order a `sortOrder` value asks for: descending for desc/descending/DESC, else ascending. */
export function descending(query: URLSearchParams): boolean {
  return (query.get("sortOrder") ?? "").toLowerCase().startsWith("desc");
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a ?? "")
    .toLowerCase()
    .localeCompare(String(b ?? "").toLowerCase());
}

/** The entities the query selects, sorted and paged, as the spec's *EntityListing. */
export function listAnswer(entities: readonly Entity[], query: URLSearchParams, spec: ListSpec): ApiAnswer {
  const pageSize = intParam(query, "pageSize", 25, 1, 500);
  const pageNumber = intParam(query, "pageNumber", 1, 1, 1_000_000);
  const tests = Object.entries(spec.filters ?? {}).flatMap(([param, filter]) => filter(query, param) ?? []);
  let selected = entities.filter((e) => tests.every((t) => t(e)));
  const sortBy = spec.sortBy ? query.get("sortBy") : null;
  if (sortBy)
    selected = [...selected].sort(
      (a, b) => compareValues(field(a, sortBy), field(b, sortBy)) || compareValues(a.id, b.id),
    );
  if (spec.sortOrder && descending(query)) selected = [...selected].reverse();
  return { status: 200, body: pagedJson(selected, pageNumber, pageSize, spec.path) };
}
