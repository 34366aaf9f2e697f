// Where ours' first deploy spends requests that OpenTofu's does not (issue 90.2): the emulator's
// request log of the two first deploys of one round, counted by kind (the operation and its query's
// names), and the kinds ours makes more of: the run's preflight (org binding, ownership), its org
// reads, the claims on new names, verify. Pure: bench/run.ts counts each first deploy's log.
import type { RequestLogEntry } from "../emulator/requestLog";
import type { StepFigures } from "./targets";
import { cmp } from "../archy/json";

/** A request's kind: its operation and the names of its query's parameters, paging left out (`flow.list ?name&type`). */
export function requestKind(e: Pick<RequestLogEntry, "operation" | "query">): string {
  const keys = [...new Set(new URLSearchParams(e.query).keys())].filter((k) => !/^page(Size|Number)$/.test(k)).sort();
  return keys.length > 0 ? `${e.operation} ?${keys.join("&")}` : e.operation;
}

/** The requests the emulator answered (not a fault's), by kind. */
export function countKinds(
  entries: ReadonlyArray<Pick<RequestLogEntry, "operation" | "query" | "fault">>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entries) if (e.fault === undefined) out[requestKind(e)] = (out[requestKind(e)] ?? 0) + 1;
  return out;
}

/**
 * The claim on a new flow name (run/ownership/claimGuard.ts): the flow it creates by name, its lookups
 * by name and type (the name again once held, the new flow listed), its delete (an unlock first where
 * the org refuses). The ownership check looks names up the same way only for up to six names
 * (run/ownership/guard.ts LOOKUP_CONCURRENCY): above, it lists each type once.
 */
const isClaim = (kind: string): boolean =>
  /^flow\.(create|delete|unlock)\b/.test(kind) || kind === "flow.list ?name&type";

export interface FirstDeployRequests {
  n: number;
  latencyMs: number;
  rateLimitPerMinute: number | null;
  signIn?: StepFigures["signIn"];
  run?: number;
  /** Flows ours published (its publish jobs). */
  published: number;
  /** The kinds ours made more of than OpenTofu, most first. */
  rows: Array<{ kind: string; ours: number; tofu: number; extra: number }>;
  extra: number;
  /** The claims: flows created by name, their requests, and those per claim. */
  claims: { made: number; requests: number; perClaim: number | null };
}

type Counted = Pick<
  StepFigures,
  "project" | "n" | "latencyMs" | "rateLimitPerMinute" | "signIn" | "step" | "code" | "requests"
> & { run?: number; requestKinds?: Record<string, number> };

/** Ours' first deploys next to OpenTofu's in the same round and run (both with their kinds counted). */
export function firstDeployRequests(steps: readonly Counted[]): FirstDeployRequests[] {
  const key = (s: Counted) =>
    JSON.stringify([s.n, s.latencyMs, s.rateLimitPerMinute ?? null, s.signIn ?? null, s.run ?? null]);
  const firsts = steps.filter((s) => s.step === "up-first" && s.code === 0 && s.requestKinds !== undefined);
  return firsts.flatMap((o) => {
    const t = o.project === "ours" ? firsts.find((x) => x.project === "terraform" && key(x) === key(o)) : undefined;
    if (!t) return [];
    const ours = o.requestKinds!;
    const tofu = t.requestKinds!;
    const rows = Object.keys(ours)
      .map((kind) => ({ kind, ours: ours[kind]!, tofu: tofu[kind] ?? 0, extra: ours[kind]! - (tofu[kind] ?? 0) }))
      .filter((r) => r.extra > 0)
      .sort((a, b) => b.extra - a.extra || cmp(a.kind, b.kind));
    const made = ours["flow.create"] ?? 0;
    const requests = Object.entries(ours).reduce((sum, [kind, count]) => sum + (isClaim(kind) ? count : 0), 0);
    return [
      {
        n: o.n,
        latencyMs: o.latencyMs,
        rateLimitPerMinute: o.rateLimitPerMinute ?? null,
        ...(o.signIn ? { signIn: o.signIn } : {}),
        ...(o.run !== undefined ? { run: o.run } : {}),
        published: o.requests["job.create"] ?? 0,
        rows,
        extra: rows.reduce((sum, r) => sum + r.extra, 0),
        claims: { made, requests, perClaim: made > 0 ? Math.round((requests / made) * 100) / 100 : null },
      },
    ];
  });
}
