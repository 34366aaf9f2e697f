// The pure cores alone, in a fresh Node process per scenario (so its memory is its own):
// model load, plan (planPortfolio: load + checks + compile + substitution, what the Pulumi program
// does before it registers anything) and every flow rule of the policy pack (lintFiles with the
// local policy config, as `npm run lint:flows -- --stack local`), repeated; prints one JSON object.
// Usage: node --expose-gc -r ts-node/register/transpile-only bench/cores.ts <one-1900|hundred-50> [reps]
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { parseFlowText } from "../model/load";
import { flowIdOf } from "../planner/names";
import { planPortfolio, type FlowSource } from "../planner/portfolio";
import { parseStackSettings } from "../planner/stackSettings";
import { lintFiles } from "../policies/lint/engine";
import type { PolicyConfig } from "../policies/config";
import { BENCH_SUBSTITUTIONS, MODULE_FILES, ROOT, syntheticInbound } from "./flows";

// One large flow (1,900 nodes, the largest the compiler took before a linear flow's length stopped
// counting against its copy limit; kept so figures compare across runs) and a portfolio.
export const SCENARIOS = {
  "one-1900": { flows: 1, nodes: 1900 },
  "hundred-50": { flows: 100, nodes: 50 },
} as const;
export type Scenario = keyof typeof SCENARIOS;

export interface CoreStats {
  scenario: Scenario;
  flows: number;
  nodesPerFlow: number;
  reps: number;
  /** Per repetition, milliseconds. */
  loadMs: number[];
  planMs: number[];
  rulesMs: number[];
  /** plan + rules (plan includes its own load). */
  totalMs: number[];
  median: { loadMs: number; planMs: number; rulesMs: number; totalMs: number };
  findings: number;
  mandatoryFindings: number;
  compiledBytes: number;
  sourceBytes: number;
  memory: {
    /** RSS after imports and input generation, before the first repetition (MB). */
    rssBeforeMB: number;
    /** Peak RSS of the process (getrusage maxrss, MB). */
    maxRssMB: number;
    /** maxRss - rssBefore: what the work itself added at its peak. */
    peakAddedMB: number;
    /** Heap used right after one repetition, before GC, minus the heap before (MB): allocation high-water of one rep. */
    heapAfterRepMB: number;
  };
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number): number => Math.round((bytes / 1048576) * 10) / 10;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function runCores(scenario: Scenario, reps: number): CoreStats {
  const { flows, nodes } = SCENARIOS[scenario];
  // Flow files by path under the project root (flows/...).
  const files = new Map<string, string>();
  for (const [file, text] of Object.entries(MODULE_FILES)) files.set(`flows/${file}`, text);
  for (let i = 1; i <= flows; i++) files.set(`flows/calls/synthetic-${i}.yaml`, syntheticInbound(`Synthetic${i}`, nodes));
  const settings = parseStackSettings({ environment: "local", namePrefix: "local-", substitutions: BENCH_SUBSTITUTIONS }, "bench");
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, "policies/config/local.json"), "utf8")) as PolicyConfig;
  const sources: FlowSource[] = [...files].map(([file, text]) => ({ id: flowIdOf(file)!, file, text }));
  const abs = (f: string) => path.join(ROOT, f);
  const byAbs = new Map([...files].map(([f, t]) => [abs(f), t]));
  const readText = (p: string): string => {
    const t = byAbs.get(p);
    if (t === undefined) throw Object.assign(new Error(`no such file ${p}`), { code: "ENOENT" });
    return t;
  };
  const sourceBytes = [...files.values()].reduce((a, t) => a + Buffer.byteLength(t), 0);

  gc();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const loadMs: number[] = [];
  const planMs: number[] = [];
  const rulesMs: number[] = [];
  let heapAfterRep = 0;
  let findings = 0;
  let mandatory = 0;
  let compiledBytes = 0;
  for (let r = 0; r < reps; r++) {
    gc();
    const t0 = performance.now();
    for (const [file, text] of files) parseFlowText(text, file);
    const t1 = performance.now();
    const portfolio = planPortfolio({ stack: "local", settings, sources });
    const t2 = performance.now();
    const report = lintFiles([...byAbs.keys()], { cwd: ROOT, stack: { name: "local", settings, config }, readText });
    const t3 = performance.now();
    heapAfterRep = Math.max(heapAfterRep, process.memoryUsage().heapUsed - heapBefore);
    loadMs.push(t1 - t0);
    planMs.push(t2 - t1);
    rulesMs.push(t3 - t2);
    findings = report.findings.length;
    mandatory = report.findings.filter((f) => f.level === "mandatory").length;
    compiledBytes = portfolio.flows.reduce((a, p) => a + Buffer.byteLength(p.substitutedYaml), 0);
  }
  const totalMs = planMs.map((p, i) => p + rulesMs[i]);
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    scenario,
    flows,
    nodesPerFlow: nodes,
    reps,
    loadMs: loadMs.map(round),
    planMs: planMs.map(round),
    rulesMs: rulesMs.map(round),
    totalMs: totalMs.map(round),
    median: { loadMs: round(median(loadMs)), planMs: round(median(planMs)), rulesMs: round(median(rulesMs)), totalMs: round(median(totalMs)) },
    findings,
    mandatoryFindings: mandatory,
    compiledBytes,
    sourceBytes,
    memory: { rssBeforeMB: mb(rssBefore), maxRssMB: mb(maxRss), peakAddedMB: mb(maxRss - rssBefore), heapAfterRepMB: mb(heapAfterRep) },
  };
}

if (require.main === module) {
  const scenario = process.argv[2] as Scenario;
  const reps = Number(process.argv[3] ?? 5);
  if (!(scenario in SCENARIOS) || !Number.isInteger(reps) || reps < 1) {
    process.stderr.write(`usage: cores.ts <${Object.keys(SCENARIOS).join("|")}> [reps]\n`);
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(runCores(scenario, reps)) + "\n");
}
