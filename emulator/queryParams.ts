// The closed query parameters of Genesys's operations: a route declares each parameter the spec
// gives a closed set of values (an enum, or a Boolean) and the emulator refuses any other value
// with 400 `invalid.query.param.value`, in the spec's words ("Value [x] is not valid for parameter
// [y]. Allowable values are: ..."), before the route's handler runs: a client sending a value
// Genesys refuses finds out here, not in production. The values are the spec's (Platform API v2,
// SDK v193) plus the parameter's documented default where the spec's enum leaves it out (users'
// `sortOrder` defaults to `ASC`, outside its enum `ascending`, `descending`: a value Genesys takes).
// A parameter of an array type takes repeated or comma-separated values, each checked; an empty
// value is no value.
// test/conformance/queryValues.test.ts derives the parameters from the spec and checks each route.
import { ApiError, listValues } from "./http";

export type QueryParam = { kind: "boolean" } | { kind: "enum"; values: readonly string[]; list: boolean };

/** A route's closed parameters, by name. */
export type QueryParams = Readonly<Record<string, QueryParam>>;

export const BOOLEAN: QueryParam = { kind: "boolean" };

/** One value of `values`. */
export function oneOf(values: readonly string[]): QueryParam {
  return { kind: "enum", values, list: false };
}

/** Values of `values`, repeated or comma-separated. */
export function listOf(values: readonly string[]): QueryParam {
  return { kind: "enum", values, list: true };
}

/** A user's expansions (GET /api/v2/users, /users/{userId}, a queue's members: `expand`), none of which the emulator models. */
export const USER_EXPANSIONS = [
  "routingStatus",
  "presence",
  "integrationPresence",
  "conversationSummary",
  "outOfOffice",
  "geolocation",
  "station",
  "authorization",
  "lasttokenissued",
  "authorization.unusedRoles",
  "team",
  "workPlanBidRanks",
  "externalContactsSettings",
  "groups",
  "customAttributes",
  "profileSkills",
  "certifications",
  "locations",
  "skills",
  "languages",
  "languagePreference",
  "employerInfo",
  "biography",
  "dateLastLogin",
  "dateWelcomeSent",
];

const SORT_ORDER = ["ascending", "descending"];
/** `sortOrder` of the routing, outbound and user lists: ascending or descending, besides the default some document. */
export const sortOrder = (documentedDefault?: string): QueryParam =>
  oneOf(documentedDefault ? [...SORT_ORDER, documentedDefault] : SORT_ORDER);

/** Refuses a value of a closed parameter that is not one the spec allows. */
export function checkQuery(params: QueryParams | undefined, query: URLSearchParams): void {
  if (!params) return;
  for (const [name, param] of Object.entries(params)) {
    // An empty value is no value, as for every other parameter the emulator reads.
    const given =
      param.kind === "enum" && param.list ? listValues(query, name) : query.getAll(name).filter((v) => v !== "");
    const allowed = param.kind === "boolean" ? ["true", "false"] : param.values;
    const bad = given.find((v) => !allowed.includes(v));
    if (bad !== undefined)
      throw new ApiError(
        400,
        "invalid.query.param.value",
        `Value [${bad}] is not valid for parameter [${name}]. Allowable values are: ${allowed.join(", ")}`,
      );
  }
}
