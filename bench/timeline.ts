// Where a first deploy's wall time goes (issue 90.2: each target not met says where), from the
// emulator's request log of the step and the command's start and end: before the first request,
// then to the first publish job (sign-ins, reads, claims; a `pulumi up`'s preview pass), the publish
// window, and after the last request. Idle: a phase's seconds with no request in flight, the tool's
// own work (process starts, program, engine) rather than a wait on the org. Pure.
import type { RequestLogEntry } from "../emulator/requestLog";
import { r2 } from "./stats";
import { countKinds } from "./requests";
import { cmp } from "../archy/json";

/** A phase's wall seconds, and of them the seconds with no request in flight. */
export type Phase = { s: number; idleS: number };

export interface FirstDeployTimeline {
  beforeFirstRequest: Phase;
  toFirstPublish: Phase & { requests: number; topKinds: Array<{ kind: string; count: number }> };
  publishing: Phase & { requests: number };
  afterLastRequest: Phase;
}

type Entry = Pick<RequestLogEntry, "timestamp" | "durationMs" | "operation" | "query" | "fault">;

/** Milliseconds of [fromMs, toMs] that no interval covers. */
export function uncoveredMs(intervals: ReadonlyArray<readonly [number, number]>, fromMs: number, toMs: number): number {
  let covered = 0;
  let end = fromMs;
  for (const [a, b] of intervals
    .map(([a, b]) => [Math.max(a, fromMs), Math.min(b, toMs)] as const)
    .sort((x, y) => x[0] - y[0])) {
    if (b > end) [covered, end] = [covered + b - Math.max(a, end), b];
  }
  return Math.max(0, toMs - fromMs - covered);
}

/** The phases of one first deploy (epoch ms); undefined when it registered no publish job. */
export function firstDeployTimeline(
  entries: readonly Entry[],
  startMs: number,
  endMs: number,
): FirstDeployTimeline | undefined {
  const spans = entries.map((e) => [Date.parse(e.timestamp), Date.parse(e.timestamp) + e.durationMs] as const);
  const at = entries.findIndex((e) => e.operation === "job.create");
  if (at < 0) return undefined;
  const [first, publishAt, last] = [
    Math.min(...spans.map(([a]) => a)),
    spans[at][0],
    Math.max(...spans.map(([, b]) => b)),
  ];
  const phase = (from: number, to: number): Phase => ({
    s: r2((to - from) / 1000),
    idleS: r2(uncoveredMs(spans, from, to) / 1000),
  });
  const before = entries.filter((_, i) => spans[i][0] < publishAt);
  const topKinds = Object.entries(countKinds(before))
    .map(([kind, count]) => ({ kind, count }))
    .sort((a, b) => b.count - a.count || cmp(a.kind, b.kind));
  return {
    beforeFirstRequest: phase(Math.min(startMs, first), first),
    toFirstPublish: { ...phase(first, publishAt), requests: before.length, topKinds: topKinds.slice(0, 3) },
    publishing: { ...phase(publishAt, last), requests: entries.length - before.length },
    afterLastRequest: phase(last, Math.max(endMs, last)),
  };
}

/** A timeline in words: each phase's seconds, and of them the seconds with nothing in flight. */
export function timelineText(t: FirstDeployTimeline): string {
  const p = (x: Phase) => `${x.s} s (${x.idleS} s idle)`;
  const kinds = t.toFirstPublish.topKinds.map((k) => `${k.count} ${k.kind}`).join(", ");
  return `before the first request ${t.beforeFirstRequest.s} s; to the first publish ${p(t.toFirstPublish)}, ${t.toFirstPublish.requests} requests (${kinds}); publishing ${p(t.publishing)}, ${t.publishing.requests} requests; after the last request ${t.afterLastRequest.s} s`;
}
