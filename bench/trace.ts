// Where one traced `pulumi up` spends its time, from Pulumi's OpenTelemetry trace
// (`--otel-traces file://<file>`: one JSON object of OTLP `resourceSpans` per line, written by the
// CLI, the language host and the plugins). Pure: reads the file's text.
//   node -r ts-node/register/transpile-only bench/trace.ts <trace.json>
import * as fs from "node:fs";
import { concurrency, median, r2 } from "./stats";
import { parseCommandLine } from "../project/cliArgs";

export interface Span {
  service: string;
  name: string;
  startMs: number;
  endMs: number;
}

export function parseTrace(text: string): Span[] {
  const out: Span[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line) as {
      resourceSpans?: Array<{
        resource?: { attributes?: Array<{ key: string; value: { stringValue?: string } }> };
        scopeSpans?: Array<{ spans?: Array<{ name: string; startTimeUnixNano: string; endTimeUnixNano: string }> }>;
      }>;
    };
    for (const rs of doc.resourceSpans ?? []) {
      const service = rs.resource?.attributes?.find((a) => a.key === "service.name")?.value.stringValue ?? "?";
      for (const ss of rs.scopeSpans ?? [])
        for (const s of ss.spans ?? [])
          out.push({
            service,
            name: s.name,
            startMs: Number(BigInt(s.startTimeUnixNano) / 1000n) / 1000,
            endMs: Number(BigInt(s.endTimeUnixNano) / 1000n) / 1000,
          });
    }
  }
  return out.sort((a, b) => a.startMs - b.startMs);
}

export interface Phase {
  what: string;
  /** Seconds; summed over the engine passes (an `up` is a preview pass and an update pass). */
  seconds: number;
  how: string;
}

export interface Breakdown {
  totalS: number;
  passes: number;
  phases: Phase[];
}

/**
 * The phases of a traced run. Spans of the CLI side (service `pulumi-cli`) are used, so a call is
 * counted once. Phases can overlap (the policy pack analyses while the program runs); `other` is
 * what the named ones leave of the wall time, never negative.
 */
export function breakdown(spans: Span[]): Breakdown {
  const cli = (name: string) => spans.filter((s) => s.service === "pulumi-cli" && s.name === name);
  const sum = (xs: Span[]) => xs.reduce((a, s) => a + (s.endMs - s.startMs), 0) / 1000;
  const t0 = Math.min(...spans.map((s) => s.startMs));
  const t1 = Math.max(...spans.map((s) => s.endMs));
  /** Seconds from each span of `from` to the first span of `to` that starts after it (its start or end). */
  const until = (from: Span[], to: Span[], at: "start" | "end") =>
    from.reduce((acc, f) => {
      const t = to.find((x) => x.startMs >= f.startMs);
      return acc + (t ? (at === "start" ? t.startMs : t.endMs) - f.startMs : 0) / 1000;
    }, 0);
  // A pack is ready at its first Handshake; a program has started at its first RegisterResource.
  const packs = cli("pulumirpc.LanguageRuntime/RunPlugin");
  const packStart = until(packs, cli("pulumirpc.Analyzer/Handshake"), "end");
  const runs = cli("pulumirpc.LanguageRuntime/Run");
  const programStart = until(runs, cli("pulumirpc.ResourceMonitor/RegisterResource"), "start");
  const providerStart = until(
    cli("pulumirpc.ResourceMonitor/RegisterPackage"),
    cli("pulumirpc.ResourceProvider/Configure"),
    "end",
  );
  const providerCalls = ["Check", "Diff", "Create", "Update", "Read", "Delete"].flatMap((m) =>
    cli(`pulumirpc.ResourceProvider/${m}`),
  );
  const analysis = [
    "pulumirpc.Analyzer/Analyze",
    "pulumirpc.Analyzer/Remediate",
    "pulumirpc.Analyzer/AnalyzeStack",
  ].flatMap(cli);
  const plans = cli("pulumi-plan");
  const engineBefore = plans.length > 0 ? (plans[0].startMs - t0) / 1000 : 0;
  const phases: Phase[] = [
    {
      what: "engine start (CLI, backend, state, required packages)",
      seconds: engineBefore,
      how: "first span to the first pulumi-plan",
    },
    { what: "policy pack start", seconds: packStart, how: "RunPlugin to the analyzer's first Handshake, per pass" },
    {
      what: "language host and program start",
      seconds: programStart,
      how: "LanguageRuntime/Run to the program's first RegisterResource, per pass",
    },
    {
      what: "program run (registering resources)",
      seconds: sum(runs) - programStart,
      how: "rest of LanguageRuntime/Run (includes waiting for the provider)",
    },
    {
      what: "provider start",
      seconds: providerStart,
      how: "RegisterPackage to ResourceProvider/Configure done, per start",
    },
    {
      what: "provider calls (Check, Diff, Create, Update, ...)",
      seconds: sum(providerCalls),
      how: `${providerCalls.length} calls`,
    },
    { what: "policy analysis", seconds: sum(analysis), how: `${analysis.length} Analyze/Remediate/AnalyzeStack calls` },
  ].map((p) => ({ ...p, seconds: r2(p.seconds) }));
  return { totalS: r2((t1 - t0) / 1000), passes: Math.max(runs.length, packs.length), phases };
}

/**
 * The provider's Update calls of a traced `up`'s update pass as the engine sees them (CLI side): how many, from
 * the first start to the last end, their median length, and how many ran at once (most, and mean
 * over that span). Next to the publishes in flight the emulator saw, this says where a cascade
 * waits: Update calls open but no job at the emulator means the calls wait inside the provider (for
 * a pooled token); fewer Update calls open than the engine's parallelism means the engine (or the
 * order the modules impose) holds them back. Null when the run updated nothing.
 */
export interface UpdateCalls {
  count: number;
  /** Seconds from the trace's first span to the first Update, and from the last Update's end to the trace's end. */
  beforeS: number;
  windowS: number;
  afterS: number;
  medianS: number;
  maxAtOnce: number;
  meanAtOnce: number;
}

export function updateCalls(spans: Span[]): UpdateCalls | null {
  // An `up` is a preview pass, whose Update calls only preview (instant), then the update pass: its
  // calls start after the last program run starts.
  const runs = spans.filter((s) => s.service === "pulumi-cli" && s.name === "pulumirpc.LanguageRuntime/Run");
  const from = runs.length > 0 ? Math.max(...runs.map((r) => r.startMs)) : -Infinity;
  const updates = spans.filter(
    (s) => s.service === "pulumi-cli" && s.name === "pulumirpc.ResourceProvider/Update" && s.startMs >= from,
  );
  const at = concurrency(updates.map((u) => ({ startMs: u.startMs, endMs: u.endMs })));
  if (!at) return null;
  const t0 = Math.min(...spans.map((s) => s.startMs));
  const t1 = Math.max(...spans.map((s) => s.endMs));
  const first = Math.min(...updates.map((u) => u.startMs));
  const last = Math.max(...updates.map((u) => u.endMs));
  return {
    count: updates.length,
    beforeS: r2((first - t0) / 1000),
    windowS: r2((last - first) / 1000),
    afterS: r2((t1 - last) / 1000),
    medianS: r2(median(updates.map((u) => u.endMs - u.startMs)) / 1000),
    maxAtOnce: at.max,
    meanAtOnce: at.mean,
  };
}

if (require.main === module) {
  const [file] = parseCommandLine(process.argv.slice(2), {}, { positionals: true }).positionals;
  if (!file) {
    process.stderr.write("usage: bench/trace.ts <trace.json>\n");
    process.exit(2);
  }
  const b = breakdown(parseTrace(fs.readFileSync(file, "utf8")));
  process.stdout.write(`${b.totalS} s traced, ${b.passes} engine pass(es)\n`);
  for (const p of b.phases) process.stdout.write(`${String(p.seconds).padStart(8)} s  ${p.what}  (${p.how})\n`);
  const u = updateCalls(parseTrace(fs.readFileSync(file, "utf8")));
  if (u)
    process.stdout.write(
      `${u.count} provider Update calls: ${u.beforeS} s before the first, ${u.windowS} s from first to last, ${u.afterS} s after; median ${u.medianS} s each; at once: most ${u.maxAtOnce}, mean ${u.meanAtOnce}\n`,
    );
}
