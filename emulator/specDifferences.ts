// Where the emulator differs from Genesys's published Platform API specification on purpose: the
// one list, read by the conformance tier (test/conformance), which fails on any other difference
// and on an entry no answer shows any more. Each entry says why the difference is kept.
// A `route` entry is a path the emulator serves that is not a spec operation; a `response` entry
// matches the conformance tier's message for an answer ("<METHOD> <template> <status>: <where> <what>").

export interface SpecDifference {
  kind: "route" | "response";
  /** What the difference matches: a request path (route) or a validation message (response). */
  matches: RegExp;
  why: string;
}

export const SPEC_DIFFERENCES: readonly SpecDifference[] = [
  {
    kind: "route",
    matches: /^\/oauth\/token$/,
    why: "Genesys serves sign-in on its login host (login.<domain>/oauth/token), which the API specification does not describe; the emulator is both hosts on one port, as the provider's gateway block makes them.",
  },
  {
    kind: "route",
    matches: /^\/__emulator\//,
    why: "The emulator's admin routes (state, request log, faults, reset) for tests and the benchmark; Genesys has nothing like them.",
  },
  {
    kind: "route",
    matches: /^\/(uploads|downloads)\//,
    why: "The presigned upload and download URLs a publish or export job hands out; on Genesys they point at S3, outside the API.",
  },
  {
    kind: "response",
    matches: /^GET \/api\/v2\/integrations\/actions\/\{actionId\} 200: \/contract\/(input\/inputSchema|output\/successSchema)\/additionalProperties must be object$/,
    why: "A data action's contract schemas are JSON Schema documents as Genesys's data action editor writes them, with `additionalProperties: true`; the spec's JsonSchemaDocument can only type the keyword as an object.",
  },
  {
    kind: "response",
    matches: /^(GET|POST|PUT) \/api\/v2\/telephony\/providers\/edges\/didpools\S* 200: \S+ must have required property 'name'$/,
    why: "DIDPool lists name as required, but the provider creates a pool without one (start and end number, description, comments, provider) and Genesys does not document what name it gives such a pool; the emulator sends none rather than invent one.",
  },
];

/** The kept difference a message or path falls under, if any. */
export function differenceFor(message: string): SpecDifference | undefined {
  return SPEC_DIFFERENCES.find((d) => d.matches.test(message));
}
