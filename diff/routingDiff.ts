// The routing part of flows:diff: what changes in the stack's routing (routing/ with each side's
// stack values applied) between the base and the head, as a reviewer needs it: numbers that move
// between IVR configs (or start or stop being routed), IVR configs re-pointed to other flows or
// another schedule group, schedules whose times or rule change, schedule groups whose time zone or
// schedules change, emergency groups switched on or off; objects added and removed. Rendered as
// text, and as Markdown bounded to a number of characters for the pull-request comment. Pure.
import { descriptionOf, expandNumbers, numberRuns, ROUTING_KIND_UNITS, unitOf } from "../model/routing/schema";
import type { RoutingKind } from "../model/routing/schema";
import { boundedList } from "./comment";
import { asIs, mdCode, mdText } from "./render";
import { cmp } from "../archy/json";
import type { RoutingObject } from "../behaviour/routing";

/** A routing object as one side deploys it. */
export type RoutingObjectView = RoutingObject;

export interface RoutingObjectChange {
  id: string;
  kind: RoutingKind;
  /** The published name (the head's, the base's when removed). */
  name: string;
  status: "added" | "removed" | "changed";
  /** One line per change, e.g. `open flow: calls/a → calls/b`, `switched on`. */
  details: string[];
}

/** Numbers that change hands together: from one IVR config (none: not routed) to another (none: no longer routed). */
export interface NumberMove {
  numbers: string[];
  from?: string;
  to?: string;
}

export interface RoutingDiff {
  numbers: NumberMove[];
  objects: RoutingObjectChange[];
}

export const KIND_LABELS: Readonly<Record<RoutingKind, string>> = Object.fromEntries(
  ROUTING_KIND_UNITS.map((u) => [u.kind, u.label]),
) as Record<RoutingKind, string>;

/** Which IVR config routes each number on a side. */
function holders(side: ReadonlyMap<string, RoutingObjectView>): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of side.values())
    for (const { number } of expandNumbers(unitOf(o.value.kind).routes?.(o.value) ?? [])) out.set(number, o.id);
  return out;
}

/** What changed in one object, field by field, in words. */
function detailsOf(before: RoutingObjectView, after: RoutingObjectView): string[] {
  const out: string[] = [];
  const field = (label: string, b: string | undefined, a: string | undefined) => {
    if (b !== a) out.push(`${label}: ${b ?? "none"} → ${a ?? "none"}`);
  };
  const b = before.value;
  const a = after.value;
  field("name", before.publishedName, after.publishedName);
  field("description", descriptionOf(b), descriptionOf(a));
  // The diff compares objects of one kind only (diffRouting).
  if (b.kind === a.kind) unitOf(a.kind).details(b, a, field, out);
  return out;
}

/** The routing changes from `base` to `head` (routing id -> object), in a stable order. */
export function diffRouting(
  base: ReadonlyMap<string, RoutingObjectView>,
  head: ReadonlyMap<string, RoutingObjectView>,
): RoutingDiff {
  const objects: RoutingObjectChange[] = [];
  for (const id of [...new Set([...base.keys(), ...head.keys()])].sort(cmp)) {
    const b = base.get(id);
    const a = head.get(id);
    if (b && a && b.value.kind === a.value.kind) {
      const details = detailsOf(b, a);
      if (details.length > 0)
        objects.push({ id, kind: a.value.kind, name: a.publishedName, status: "changed", details });
    } else {
      if (b) objects.push({ id, kind: b.value.kind, name: b.publishedName, status: "removed", details: [] });
      if (a) objects.push({ id, kind: a.value.kind, name: a.publishedName, status: "added", details: [] });
    }
  }
  const was = holders(base);
  const now = holders(head);
  const moves = new Map<string, NumberMove>();
  for (const number of [...new Set([...was.keys(), ...now.keys()])].sort(cmp)) {
    const from = was.get(number);
    const to = now.get(number);
    if (from === to) continue;
    const key = `${from ?? ""}\u0000${to ?? ""}`;
    const move = moves.get(key) ?? {
      numbers: [],
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
    };
    move.numbers.push(number);
    moves.set(key, move);
  }
  const numbers = [...moves.values()].sort((x, y) => cmp(x.numbers[0], y.numbers[0]));
  return { numbers, objects };
}

export function isEmptyRoutingDiff(d: RoutingDiff): boolean {
  return d.numbers.length === 0 && d.objects.length === 0;
}

/** One line per change, for text and Markdown alike (`code` wraps ids and numbers). */
function changeLines(d: RoutingDiff, code: (s: string) => string, text: (s: string) => string): string[] {
  const lines: string[] = [];
  for (const m of d.numbers) {
    const which = `${boundedList(numberRuns(m.numbers).map(code), 400)}${m.numbers.length > 1 ? ` (${m.numbers.length} numbers)` : ""}`;
    if (m.from !== undefined && m.to !== undefined) lines.push(`${which} moved from ${code(m.from)} to ${code(m.to)}`);
    else if (m.to !== undefined) lines.push(`${which} now routed by ${code(m.to)}`);
    else lines.push(`${which} no longer routed (was ${code(m.from!)})`);
  }
  for (const o of d.objects) {
    const head = `${KIND_LABELS[o.kind]} ${code(o.id)} (${text(o.name)})`;
    lines.push(o.status === "changed" ? `${head}: ${o.details.map(text).join("; ")}` : `${head} ${o.status}`);
  }
  return lines;
}

export function renderRoutingText(d: RoutingDiff): string {
  if (isEmptyRoutingDiff(d)) return "";
  return ["", "Routing changes:", ...changeLines(d, asIs, asIs).map((l) => `  ${l}`), ""].join("\n");
}

/**
 * The Markdown section, at most `maxChars` characters (the comment's budget): lines while they fit,
 * then how many more and where they are.
 */
export function renderRoutingMarkdown(d: RoutingDiff, maxChars = Number.POSITIVE_INFINITY): string {
  if (isEmptyRoutingDiff(d)) return "";
  const lines = changeLines(d, mdCode, mdText);
  const heading = "\n### Routing changes\n\n";
  const more = (n: number) => `- … and ${n} more routing changes: see the full report\n`;
  let out = heading;
  for (let i = 0; i < lines.length; i++) {
    const line = `- ${lines[i]}\n`;
    const reserve = i + 1 < lines.length ? more(lines.length).length : 0;
    if (out.length + line.length + reserve > maxChars)
      return out.length + more(lines.length - i).length <= maxChars ? out + more(lines.length - i) : "";
    out += line;
  }
  return out;
}
