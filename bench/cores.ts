// The pure cores alone, in a fresh Node process per scenario (so its memory is its own):
// model load, plan (planPortfolio: load + checks + compile + substitution, what the Pulumi program
// does before it registers anything), the pack's rules (every stack policy of the pack over what
// the components and their flows register, through @pulumi/policy's own analyzeStack with the
// engine's request message and the pack's own set-up, as a preview runs the pack) and the lint command (lintFiles with the local policy config, as `npm run lint:flows -- --stack
// local`: it reads, checks and compiles the files again), repeated; prints one JSON object.
// Issue 28's mark is plan + the pack's rules: what a preview's pure cores do, each file parsed,
// checked and compiled once. plan + lint, the mark's earlier measure, parses and compiles twice;
// it stays reported.
// Usage: node --expose-gc -r ts-node/register/transpile-only bench/cores.ts <one-1900|hundred-50|thousand-50> [reps]
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { median } from "./stats";
import { parseFlowText } from "../model/load";
import { flowIdOf } from "../planner/names";
import { planPortfolio, type FlowSource, type PlannedFlow, type Portfolio } from "../planner/portfolio";
import { parseStackSettings } from "../planner/stackSettings";
import { lintFiles } from "../policies/lint/engine";
import { buildPolicies } from "../policies/adapter";
import { forgetReads } from "../policies/resources";
import { deserializeEachResourceOnce } from "../policies/deserializeOnce";
import { POLICY_CONFIG_DIR } from "../policies/config";
import { factsOf } from "../components/stackProgram";
import {
  COMMON_MODULE_TYPE,
  encodeRegisteredFacts,
  GENESYS_FLOW_TYPE,
  INTERACTION_FLOW_TYPE,
  registeredFacts,
} from "../model/facts";
import { flowInputsOf } from "../planner/flowInputs";
import { analyzeStack, analyzeStackRequest, type RegisteredResource } from "../testkit/packAnalysis";
import type { StackValidationPolicy } from "@pulumi/policy";
import type { PolicyConfig } from "../policies/config";
import { BENCH_SUBSTITUTIONS, MODULE_FILES, ROOT, syntheticInbound } from "./flows";
import { parseCommandLine } from "../project/cliArgs";

// One large flow (1,900 nodes, the largest the compiler took before a linear flow's length stopped
// counting against its copy limit; kept so figures compare across runs) and a portfolio.
export const SCENARIOS = {
  "one-1900": { flows: 1, nodes: 1900 },
  "hundred-50": { flows: 100, nodes: 50 },
  // Issue 28's scale: a thousand flows of the same size (the full run only).
  "thousand-50": { flows: 1000, nodes: 50 },
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
  /** Every stack policy of the pack over the registered facts (the registered form built from the plan outside the timing). */
  packMs: number[];
  /** The lint command over the files (reads, checks and compiles them again). */
  rulesMs: number[];
  /** plan + the pack's rules (plan includes its own load): issue 28's mark. */
  totalMs: number[];
  /** plan + lint: the mark's earlier measure. */
  planLintMs: number[];
  /** packMs and planLintMs are absent in runs from before they were measured (--render of an old results.json). */
  median: { loadMs: number; planMs: number; packMs?: number; rulesMs: number; totalMs: number; planLintMs?: number };
  /** CPU time of plan + the pack's rules per repetition (ms, user + system): what a shared, loaded machine distorts least. */
  cpuTotalMs: number[];
  /** Violations the pack reported (mandatory and advisory). */
  packViolations: number;
  medianCpuTotalMs: number;
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

/**
 * What a flow's component and its genesyscloud.Flow register, as the engine hands them to the pack
 * (components/publishedFlow.ts): the component's facts and revision outputs, the Flow's inputs
 * (planner/flowInputs.ts) under the component.
 */
function registeredResources(portfolio: Portfolio, plan: PlannedFlow): RegisteredResource[] {
  const type = plan.kind.isModule ? COMMON_MODULE_TYPE : INTERACTION_FLOW_TYPE;
  const urn = `urn:pulumi:local::genesys-flows::${type}::${plan.resourceName}`;
  const { inputs, fileHash } = flowInputsOf(portfolio, plan);
  return [
    {
      type,
      name: plan.resourceName,
      urn,
      props: {
        facts: encodeRegisteredFacts(registeredFacts(factsOf(portfolio, plan))),
        revision: plan.revision,
        flowName: plan.publishedName,
      },
    },
    {
      type: GENESYS_FLOW_TYPE,
      name: plan.resourceName,
      urn: `urn:pulumi:local::genesys-flows::${type}$${GENESYS_FLOW_TYPE}::${plan.resourceName}`,
      parent: urn,
      props: { ...inputs, fileContentHash: fileHash },
    },
  ];
}

export async function runCores(scenario: Scenario, reps: number): Promise<CoreStats> {
  const { flows, nodes } = SCENARIOS[scenario];
  // Flow files by path under the project root (flows/...).
  const files = new Map<string, string>();
  for (const [file, text] of Object.entries(MODULE_FILES)) files.set(`flows/${file}`, text);
  for (let i = 1; i <= flows; i++)
    files.set(`flows/calls/synthetic-${i}.yaml`, syntheticInbound(`Synthetic${i}`, nodes));
  const settings = parseStackSettings(
    { environment: "local", namePrefix: "local-", substitutions: BENCH_SUBSTITUTIONS },
    "bench",
  );
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
  const packMs: number[] = [];
  const rulesMs: number[] = [];
  const policies = buildPolicies(POLICY_CONFIG_DIR) as StackValidationPolicy[];
  deserializeEachResourceOnce(); // as policies/index.ts does before it serves the engine
  let packViolations = 0;
  const cpuTotalMs: number[] = [];
  let heapAfterRep = 0;
  let findings = 0;
  let mandatory = 0;
  let compiledBytes = 0;
  for (let r = 0; r < reps; r++) {
    gc();
    const t0 = performance.now();
    for (const [file, text] of files) parseFlowText(text, file);
    const t1 = performance.now();
    let cpu = process.cpuUsage();
    const portfolio = planPortfolio({ stack: "local", settings, sources });
    const t2 = performance.now();
    let spent = process.cpuUsage(cpu);
    let cpuMs = (spent.user + spent.system) / 1000;
    // What the engine hands the pack in a preview: one request, each component's registered outputs
    // and its Flow's, as protobuf Structs (built outside the timing: the engine's work, not the
    // pack's), a new request per repetition as each preview is a new analysis.
    const request = analyzeStackRequest(portfolio.flows.flatMap((plan) => registeredResources(portfolio, plan)));
    forgetReads();
    cpu = process.cpuUsage();
    const t3 = performance.now();
    packViolations += (await analyzeStack(policies, request)).length;
    const t4 = performance.now();
    spent = process.cpuUsage(cpu);
    cpuMs += (spent.user + spent.system) / 1000;
    cpuTotalMs.push(cpuMs);
    const report = lintFiles([...byAbs.keys()], { cwd: ROOT, stack: { name: "local", settings, config }, readText });
    const t5 = performance.now();
    heapAfterRep = Math.max(heapAfterRep, process.memoryUsage().heapUsed - heapBefore);
    loadMs.push(t1 - t0);
    planMs.push(t2 - t1);
    packMs.push(t4 - t3);
    rulesMs.push(t5 - t4);
    findings = report.findings.length;
    mandatory = report.findings.filter((f) => f.level === "mandatory").length;
    compiledBytes = portfolio.flows.reduce((a, p) => a + Buffer.byteLength(p.substitutedYaml), 0);
  }
  const totalMs = planMs.map((p, i) => p + packMs[i]);
  const planLintMs = planMs.map((p, i) => p + rulesMs[i]);
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    scenario,
    flows,
    nodesPerFlow: nodes,
    reps,
    loadMs: loadMs.map(round),
    planMs: planMs.map(round),
    packMs: packMs.map(round),
    rulesMs: rulesMs.map(round),
    totalMs: totalMs.map(round),
    planLintMs: planLintMs.map(round),
    median: {
      loadMs: round(median(loadMs)),
      planMs: round(median(planMs)),
      packMs: round(median(packMs)),
      rulesMs: round(median(rulesMs)),
      totalMs: round(median(totalMs)),
      planLintMs: round(median(planLintMs)),
    },
    cpuTotalMs: cpuTotalMs.map(round),
    medianCpuTotalMs: round(median(cpuTotalMs)),
    findings,
    mandatoryFindings: mandatory,
    packViolations: packViolations / reps,
    compiledBytes,
    sourceBytes,
    memory: {
      rssBeforeMB: mb(rssBefore),
      maxRssMB: mb(maxRss),
      peakAddedMB: mb(maxRss - rssBefore),
      heapAfterRepMB: mb(heapAfterRep),
    },
  };
}

if (require.main === module) {
  const [scenario, repsText = "5"] = parseCommandLine(process.argv.slice(2), {}, { positionals: true }).positionals as [
    Scenario,
    string?,
  ];
  const reps = Number(repsText);
  if (!(scenario in SCENARIOS) || !Number.isInteger(reps) || reps < 1) {
    process.stderr.write(`usage: cores.ts <${Object.keys(SCENARIOS).join("|")}> [reps]\n`);
    process.exit(2);
  }
  void runCores(scenario, reps).then((stats) => process.stdout.write(`${JSON.stringify(stats)}\n`));
}
