// The emulator alone: publish throughput with C concurrent clients, each doing the provider's
// sequence (POST /api/v2/flows/jobs, PUT the Archy text to the presigned URL without auth, GET
// the job with expand=messages until final), against an in-process emulator on 127.0.0.1.
import { performance } from "node:perf_hooks";
import { startEmulator } from "../emulator/server";
import type { OperationKind } from "../emulator/requestLog";
import { median, r2 } from "./stats";

export interface ThroughputResult {
  clients: number;
  jobs: number;
  failures: number;
  wallS: number;
  jobsPerSecond: number;
  /** Client-side time of one whole publish (create + upload + polls), ms. */
  jobLatencyMs: { p50: number; p95: number; max: number };
  /** Server-side request durations from the request log, ms, per operation. */
  serverMs: Partial<Record<OperationKind, { count: number; p50: number; p95: number }>>;
  pollsPerJob: number;
  uploadBytes: number;
}

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function json<T>(url: string, init: RequestInit & { token: string }): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { ...init, headers: { authorization: `Bearer ${init.token}` } });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A publish as the provider makes it, polled `maxPolls` times at most: whether it succeeded, its polls, and what went wrong. */
export async function publishByJob(
  url: string,
  token: string,
  text: string,
  maxPolls = 100,
): Promise<{ ok: boolean; polls: number; why?: string }> {
  const created = await json<{ id: string; presignedUrl: string; headers: Record<string, string> }>(
    `${url}/api/v2/flows/jobs`,
    { method: "POST", token },
  );
  if (created.status !== 200)
    return { ok: false, polls: 0, why: `POST /api/v2/flows/jobs: ${created.status} ${JSON.stringify(created.body)}` };
  const put = await fetch(created.body.presignedUrl, { method: "PUT", headers: created.body.headers, body: text });
  await put.arrayBuffer();
  if (put.status !== 200) return { ok: false, polls: 0, why: `the upload: ${put.status}` };
  for (let polls = 1; polls <= maxPolls; polls++) {
    const polled = await json<{ status: string; messages?: unknown }>(
      `${url}/api/v2/flows/jobs/${created.body.id}?expand=messages`,
      { method: "GET", token },
    );
    if (polled.body?.status === "Success") return { ok: true, polls };
    if (polled.body?.status === "Failure")
      return { ok: false, polls, why: `a publish failed: ${JSON.stringify(polled.body.messages)}` };
    await new Promise((r) => setTimeout(r, 5));
  }
  return { ok: false, polls: maxPolls, why: `the job was not final after ${maxPolls} polls` };
}

/** `moduleTexts` are published first, in order (callers reference them); `texts` are published round-robin. */
export async function emulatorThroughput(
  moduleTexts: string[],
  texts: string[],
  opts: { clients: number; jobs: number },
): Promise<ThroughputResult> {
  const emu = await startEmulator({ port: 0 });
  const token = emu.accessToken;
  const publish = (text: string) => publishByJob(emu.url, token, text);
  try {
    for (const moduleText of moduleTexts) {
      const first = await publish(moduleText);
      if (!first.ok) throw new Error("the emulator refused a module text");
    }
    emu.requestLog.clear();
    let next = 0;
    let failures = 0;
    let polls = 0;
    const latencies: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: opts.clients }, async () => {
        while (next < opts.jobs) {
          const i = next++;
          const s = performance.now();
          const r = await publish(texts[i % texts.length]);
          latencies.push(performance.now() - s);
          polls += r.polls;
          if (!r.ok) failures++;
        }
      }),
    );
    const wallS = (performance.now() - t0) / 1000;
    const byOp = new Map<OperationKind, number[]>();
    for (const e of emu.requestLog.list()) {
      const list = byOp.get(e.operation) ?? [];
      list.push(e.durationMs);
      byOp.set(e.operation, list);
    }
    const serverMs: ThroughputResult["serverMs"] = {};
    for (const [op, xs] of byOp) serverMs[op] = { count: xs.length, p50: r2(median(xs)), p95: r2(pct(xs, 95)) };
    return {
      clients: opts.clients,
      jobs: opts.jobs,
      failures,
      wallS: r2(wallS),
      jobsPerSecond: r2(opts.jobs / wallS),
      jobLatencyMs: { p50: r2(pct(latencies, 50)), p95: r2(pct(latencies, 95)), max: r2(Math.max(...latencies)) },
      serverMs,
      pollsPerJob: r2(polls / opts.jobs),
      uploadBytes: Math.round(texts.reduce((a, t) => a + Buffer.byteLength(t), 0) / texts.length),
    };
  } finally {
    await emu.stop();
  }
}
