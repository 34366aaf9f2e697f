// The fields routing files share (ids, local date-times, E.164 numbers and ranges) and the pure
// helpers over them. The routing kinds (kinds/<kind>.ts) build their schemas from these;
// schema.ts assembles the file format from the kinds. Pure.
import { invisibleProblem } from "../visibleNames";
import { z } from "zod";

/** The folder of routing files, relative to the project root. */
export const ROUTING_DIR = "routing";
/** The folder of the org objects flows name (a folder per kind: objects/queues/...), relative to the project root. */
export const OBJECTS_DIR = "objects";
/** Both, read by one loader: an id (the path under its folder) is unique across them. */
export const ROUTING_ROOTS = [ROUTING_DIR, OBJECTS_DIR] as const;

/** A routing id: a path under routing/ without the extension, e.g. `hours/weekdays`. */
export const routingIdPattern = /^(?!(?:.*\/)?\.\.?(?:\/|$))[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
export const routingRef = z
  .string()
  .regex(routingIdPattern, "a routing id: the file's path under routing/ without .yaml");
export const flowRef = z.string().regex(routingIdPattern, "a flow id: the flow file's path under flows/ without .yaml");

/** `2026-01-05T08:00:00` (seconds and a fraction optional): a local date-time, as Genesys schedules take it. */
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/;
export const localDateTime = z.string().refine((s) => localDateTimeProblem(s) === undefined, {
  error: (i) => localDateTimeProblem(String(i.input)) ?? "a local date-time",
});

export function localDateTimeProblem(s: string): string | undefined {
  const m = LOCAL_DATE_TIME.exec(s);
  if (!m)
    return `${JSON.stringify(s)} is not a local date-time: write e.g. 2026-01-05T08:00:00 (no time zone; the schedule group has it)`;
  const [y, mo, d, h, mi, sec] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || sec > 59)
    return `${JSON.stringify(s)} is not a valid date and time`;
  return undefined;
}

/** The provider's format (`2006-01-02T15:04:05.000000`): what it sends and reads back. */
export function providerDateTime(s: string): string {
  const m = LOCAL_DATE_TIME.exec(s)!;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? "00"}.${(m[7] ?? "").padEnd(6, "0")}`;
}

/** E.164: `+` and 2 to 15 digits, the first not 0 (what the provider's ValidatePhoneNumber takes). */
export const E164 = /^\+[1-9]\d{1,14}$/;
export const e164 = z.string().regex(E164, "an E.164 number such as +13175550100");
/** Numbers in one range at most: a DID range larger than this is a typo. */
export const MAX_RANGE = 1000;
const numberRange = z
  .object({ from: e164, to: e164 })
  .strict()
  .refine((r) => rangeProblem(r) === undefined, {
    error: (i) => rangeProblem(i.input as { from: string; to: string }) ?? "a number range",
  });

export function rangeProblem(r: { from: string; to: string }, max: number = MAX_RANGE): string | undefined {
  if (r.from.length !== r.to.length) return `range ${r.from}..${r.to}: both ends must have the same number of digits`;
  const size = BigInt(r.to.slice(1)) - BigInt(r.from.slice(1)) + 1n;
  if (size < 1n) return `range ${r.from}..${r.to}: 'to' is before 'from'`;
  if (size > BigInt(max)) return `range ${r.from}..${r.to} holds ${size} numbers; at most ${max} per range`;
  return undefined;
}

/** A range of numbers, both ends included. */
export interface NumberRange {
  from: string;
  to: string;
}
const digitsOf = (n: string) => BigInt(n.slice(1));

/** Whether a range holds a number (one number of digits, between its ends). */
export function rangeHolds(r: NumberRange, n: string): boolean {
  return n.length === r.from.length && digitsOf(n) >= digitsOf(r.from) && digitsOf(n) <= digitsOf(r.to);
}

/** Whether two ranges share a number (Genesys refuses DID pools that do). */
export function rangesOverlap(a: NumberRange, b: NumberRange): boolean {
  return a.from.length === b.from.length && digitsOf(a.from) <= digitsOf(b.to) && digitsOf(b.from) <= digitsOf(a.to);
}

/** Numbers in one DID pool at most: a carrier block is 10,000 numbers (a whole exchange); more is a typo. */
export const MAX_DID_POOL = 10_000;
export const didPoolRange = z
  .object({ from: e164, to: e164 })
  .strict()
  .refine((r) => rangeProblem(r, MAX_DID_POOL) === undefined, {
    error: (i) => rangeProblem(i.input as { from: string; to: string }, MAX_DID_POOL) ?? "a number range",
  });

export const numberEntry = z.union([e164, numberRange]);
export type NumberEntry = z.infer<typeof numberEntry>;

/** Every number of an IVR file's entries, ranges expanded, in file order. */
export function expandNumbers(entries: readonly NumberEntry[]): Array<{ number: string; entry: number }> {
  const out: Array<{ number: string; entry: number }> = [];
  entries.forEach((e, entry) => {
    if (typeof e === "string") {
      out.push({ number: e, entry });
      return;
    }
    const digits = e.from.length - 1;
    for (let n = BigInt(e.from.slice(1)); n <= BigInt(e.to.slice(1)); n++)
      out.push({ number: `+${n.toString().padStart(digits, "0")}`, entry });
  });
  return out;
}

/** Sorted E.164 numbers with consecutive runs written as ranges: `+13175550110..+13175550119`. */
export function numberRuns(numbers: readonly string[]): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 1; i <= numbers.length; i++) {
    const consecutive =
      i < numbers.length &&
      numbers[i].length === numbers[i - 1].length &&
      BigInt(numbers[i].slice(1)) === BigInt(numbers[i - 1].slice(1)) + 1n;
    if (consecutive) continue;
    out.push(i - start === 1 ? numbers[start] : `${numbers[start]}..${numbers[i - 1]}`);
    start = i;
  }
  return out;
}

/** The fields every named routing object has. */
export const namedFields = {
  /** The name in Genesys, before the stack's name prefix; no character nobody sees (model/visibleNames.ts). */
  name: z
    .string()
    .min(1)
    .max(200)
    .superRefine((s, ctx) => {
      const problem = invisibleProblem(s);
      if (problem !== undefined) ctx.addIssue({ code: "custom", message: `a name that ${problem}` });
    }),
  description: z.string().max(500).optional(),
};

/** A named routing object's schema: its `kind`, `name` and `description`, then its own fields (`shape`), and no other field. */
export function namedSchema<K extends string, S extends z.ZodRawShape>(kind: K, shape: S) {
  return z.object({ kind: z.literal(kind), ...namedFields, ...shape }).strict();
}
