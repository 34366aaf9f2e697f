// What the stack deployed of each routing object, kept so that a person's change in the org can be
// told from the stack's own (docs/people-in-the-org.md). Genesys keeps no history of an IVR config,
// a schedule or an emergency group, only its current version and when and by whom it was last
// modified; so the stack keeps a fingerprint: a digest of each field it sets (its kind's watched
// provider arguments, model/routing/kind.ts `org.fields`, and name and description), as its
// provider wrote them, in the stack output `routing`. The engine writes stack outputs only when a run
// succeeds, and a refresh never rewrites them (it rewrites the resources' own state, inputs
// included): a field the org holds with another digest was changed outside the stack since.
// With it, for what the stack overwrote over a person's change, their values (Genesys keeps none).
// Pure.
import { z } from "zod";
import { cmp } from "../archy/json";
import { sha256 } from "./revisions";
import { unitOf, type RoutingKind } from "../model/routing/schema";
import type { Json } from "../model/routing/kind";

/** What a run overwrote over a person's change: when, their version and author, their values (words -> value). */
const evidence = z.object({
  at: z.string(),
  version: z.string().optional(),
  /** Without a version: the digest of their values (verify/people/routingChanges.ts valuesSeen). */
  seen: z.string().optional(),
  by: z.string().optional(),
  theirs: z.record(z.string(), z.string()),
});
export type OverwriteEvidence = z.infer<typeof evidence>;

const entry = z.object({
  id: z.string(),
  fields: z.record(z.string(), z.string()),
  overwritten: evidence.optional(),
  adopted: z.literal(true).optional(),
});
/** One routing object in the record: its Genesys id, each watched field's digest, whether it was adopted (by name). */
export type RoutingRecordEntry = z.infer<typeof entry>;

/** The stack output `routing` by routing id; undefined when it does not read as one (a stack deployed before it). */
export function parseRoutingRecord(v: unknown): Record<string, RoutingRecordEntry> | undefined {
  const r = z.record(z.string(), entry).safeParse(v);
  return r.success ? r.data : undefined;
}

/** The fields the record keeps of a kind: the provider's argument -> how people say it. */
export function watchedFields(kind: RoutingKind): Readonly<Record<string, string>> {
  const unit = unitOf(kind);
  return { ...(unit.named ? { name: "name" } : {}), description: "description", ...unit.org.fields };
}

/** The org's object (as the API answers it) as the watched fields. */
export function observedFields(kind: RoutingKind, e: Json): Json {
  return { name: e.name, description: e.description, ...unitOf(kind).org.observe(e) };
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d*))?$/;

/**
 * A value as compared: nothing, "" and [] alike; lists as sets (Genesys keeps its own order);
 * object keys sorted; a local date-time without its zero fraction (the provider writes
 * 08:00:00.000000, the API may answer 08:00:00.000).
 */
export function canonical(v: unknown): unknown {
  if (v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0)) return null;
  if (Array.isArray(v)) return v.map(canonical).sort((a, b) => cmp(JSON.stringify(a), JSON.stringify(b)));
  if (typeof v === "object") {
    const o = v as Json;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .flatMap((k) => (canonical(o[k]) === null ? [] : [[k, canonical(o[k])]])),
    );
  }
  const m = typeof v === "string" ? LOCAL_DATE_TIME.exec(v) : null;
  if (m) return (m[2] ?? "").replace(/0+$/, "") === "" ? m[1] : `${m[1]}.${m[2].replace(/0+$/, "")}`;
  return v;
}

/** Each watched field's digest of `values` (provider inputs, the state's outputs, or observedFields of the org's object). */
export function fieldDigests(kind: RoutingKind, values: Json): Record<string, string> {
  return Object.fromEntries(
    Object.keys(watchedFields(kind)).map((f) => [f, sha256(JSON.stringify(canonical(values[f]))).slice(0, 16)]),
  );
}

/** The watched fields whose digests differ (a field one side lacks differs). */
export function differingFields(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((f) => a[f] !== b[f]).sort();
}

/** A field's value as a person reads it: Genesys ids the stack knows by their flow or routing id. */
export function shownValue(v: unknown, known: (genesysId: string) => string | undefined): string {
  const c = canonical(v);
  if (c === null) return "(none)";
  const name = (s: string) => known(s) ?? s;
  if (Array.isArray(c)) return c.map((x) => (typeof x === "string" ? name(x) : JSON.stringify(x))).join(", ");
  if (typeof c === "object") return JSON.stringify(c, (_, x: unknown) => (typeof x === "string" ? name(x) : x));
  return typeof c === "string" ? name(c) : String(c);
}

/** A watched field that differs as people read it: its words, the org's value, and the stack's (when known). */
export interface FieldChange {
  words: string;
  org: string;
  stack?: string;
}

/** How one differing field reads: its words, the org's value and the stack's; a list of parts part by part (its kind's `org.parts`). */
export function fieldChanges(
  kind: RoutingKind,
  f: string,
  orgValue: unknown,
  intended: Json | undefined,
  known: (genesysId: string) => string | undefined,
): FieldChange[] {
  const parts = unitOf(kind).org.parts?.[f];
  const whole = (words: string, o: unknown, s: unknown): FieldChange => ({
    words,
    org: shownValue(o, known),
    ...(intended ? { stack: shownValue(s, known) } : {}),
  });
  const all = whole(watchedFields(kind)[f] ?? f, orgValue, intended?.[f]);
  if (!parts || !intended) return [all];
  const list = (v: unknown) => (Array.isArray(v) ? (v as Json[]) : []);
  const keyOf = (p: Json) => String(p[parts.key]);
  const keys = [...new Set([...list(orgValue), ...list(intended?.[f])].map(keyOf))].sort();
  const lines = keys.flatMap((k) => {
    const o = list(orgValue).find((p) => keyOf(p) === k);
    const s = list(intended?.[f]).find((p) => keyOf(p) === k);
    const missing = (p: Json | undefined) => (p === undefined ? "(none)" : undefined);
    if (o === undefined || s === undefined)
      return [{ words: `${parts.label} ${k}`, org: missing(o) ?? "present", stack: missing(s) ?? "present" }];
    return Object.entries(parts.fields)
      .filter(([pf]) => shownValue(o[pf], known) !== shownValue(s[pf], known))
      .map(([pf, w]) => whole(`${parts.label} ${k} ${w}`, o[pf], s[pf]));
  });
  return lines.length > 0 ? lines : [all];
}
