// The benchmark (issues 8 and 17): how deploy cost grows with the number of flows, against a bare
// Pulumi baseline and against OpenTofu on the same provider binary, with and without API latency.
//   node -r ts-node/register/transpile-only bench/run.ts [--quick] [--n 1,10,50,100] [--out DIR]
// See bench/README.md. Writes results.json, results.md, time-vs-n.svg/.png to
// .work/bench/<timestamp>/ (git-ignored). Exit 1 when a counting invariant fails (publish jobs
// per step) or a step fails; timings are reported, never asserted.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import * as YAML from "yaml";
import { planPortfolio } from "../planner/portfolio";
import { parseStackSettings } from "../planner/stackSettings";
import { readPortfolio } from "../project/portfolio";
import { startEmulator, type RunningEmulator } from "../emulator/server";
import type { OperationKind, RequestLogEntry } from "../emulator/requestLog";
import { createProject, policyArgs, type E2eProject } from "./support/harness";
import { timeVsNSvg, writeChart, type Series } from "./chart";
import type { CoreStats, Scenario } from "./cores";
import { emulatorThroughput, type ThroughputResult } from "./emulatorThroughput";
import { affectedBy, BENCH_SUBSTITUTIONS, benchPortfolio, CHANGED_MODULE, changedModuleText, ROOT } from "./flows";
import { createTofuProject, type TofuProject, type TofuToolchain } from "./terraform";
import { killActiveRuns, runPulumi, runTimed, type TimedRun } from "./timedRun";
import { breakdown, parseTrace, type Breakdown } from "./trace";
import type { ProcessKind } from "./procs";

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  quick: boolean;
  ns: number[];
  out: string;
  coreReps: number;
  jobs: number;
  clients: number;
  baseline: boolean;
  terraform: boolean;
  /** Emulator latency per API request (ms), one deploy round per value. */
  latencies: number[];
  deploy: boolean;
  stepTimeoutMs: number;
}

function parseArgs(argv: string[]): Options {
  const quick = argv.includes("--quick");
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(fs.readFileSync(path.join(__dirname, "README.md"), "utf8").split("\n## ")[1] ?? "see bench/README.md\n");
    process.exit(0);
  }
  const known = new Set(["--render", "--quick", "--n", "--out", "--reps", "--jobs", "--clients", "--no-baseline", "--no-terraform", "--latency", "--no-deploy", "--step-timeout-min"]);
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith("--")) continue;
    if (!known.has(argv[i])) {
      process.stderr.write(`bench: unknown option ${argv[i]} (see bench/README.md)\n`);
      process.exit(2);
    }
  }
  const ns = (value("--n") ?? (quick ? "1,10" : "1,10,50,100")).split(",").map(Number);
  if (ns.some((n) => !Number.isInteger(n) || n < 1 || n > 999)) {
    process.stderr.write("bench: --n takes a comma-separated list of integers 1..999\n");
    process.exit(2);
  }
  const latencies = (value("--latency") ?? (quick ? "0" : "0,150")).split(",").map(Number);
  if (latencies.some((l) => !Number.isInteger(l) || l < 0 || l > 5000)) {
    process.stderr.write("bench: --latency takes a comma-separated list of integers 0..5000 (ms per API request)\n");
    process.exit(2);
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  return {
    quick,
    ns,
    out: path.resolve(value("--out") ?? path.join(ROOT, ".work/bench", `${stamp}${quick ? "-quick" : ""}`)),
    coreReps: Number(value("--reps") ?? (quick ? 3 : 5)),
    jobs: Number(value("--jobs") ?? (quick ? 200 : 1000)),
    clients: Number(value("--clients") ?? 8),
    baseline: !argv.includes("--no-baseline"),
    terraform: !argv.includes("--no-terraform"),
    latencies,
    deploy: !argv.includes("--no-deploy"),
    stepTimeoutMs: Number(value("--step-timeout-min") ?? 20) * 60_000,
  };
}

// ---------------------------------------------------------------------------------------------
// Results

type StepName = "preview" | "up-first" | "preview-noop" | "up-noop" | "up-noop-traced" | "up-module-change" | "start-deployed";
type ProjectName = "ours" | "baseline" | "terraform";

interface StepResult {
  project: ProjectName;
  n: number;
  /** The emulator's added latency per API request in this round (ms). */
  latencyMs: number;
  step: StepName;
  code: number;
  timedOut: boolean;
  wallS: number;
  /** Max over samples of the summed RSS of the pulumi process tree (sampled from /proc). */
  peakRssMB: number;
  /** Largest single process of each kind. */
  peakRssByKindMB: Partial<Record<ProcessKind, number>>;
  cpuS: number;
  cpuSByKind: Partial<Record<ProcessKind, number>>;
  requests: Partial<Record<OperationKind, number>>;
  emulator: {
    /** Seconds from the command's start to its first / last emulator request. */
    firstRequestS: number | null;
    lastRequestS: number | null;
    /** Sum of server-side request durations (ms): how long the emulator was busy. */
    busyMs: number;
    maxRequestMs: number;
    /** Seconds from start of each `GET /organizations/me`: one per provider configure. */
    providerConfiguresAtS: number[];
  };
  /** Provider processes started, and the platform probes (`<bridge> version`, 10 s timeout each). */
  providerStarts: number;
  platformProbes: { count: number; seenS: number[] };
  /** Publish jobs seen by the emulator: window from the first job.create to the last job.poll, and per-job upload→final poll. */
  publish: { windowS: number | null; jobMsMedian: number | null; jobMsMax: number | null };
  /** Flows whose published version changed in the step (names without the stack prefix), sorted. */
  republished: string[];
  changes: string;
  loadAvg1: number;
}

interface Results {
  startedAt: string;
  finishedAt?: string;
  mode: "quick" | "full";
  options: Omit<Options, "out"> & { out: string };
  machine: Record<string, unknown>;
  cores: CoreStats[];
  emulator?: ThroughputResult;
  steps: StepResult[];
  fits: Record<string, { fixedS: number; perFlowS: number; r2: number; points: number }>;
  /** Wall time of ours over the anchor's, same N, latency and step. */
  ratios: Array<{ n: number; latencyMs: number; step: StepName; anchor: "baseline" | "terraform"; ours: number; anchorS: number; ratio: number }>;
  /** The issue's targets, judged in this run. */
  targets: Array<{ what: string; value: string; met: boolean }>;
  invariants: Array<{ what: string; expected: number; actual: number; ok: boolean }>;
  /** One traced no-op up of ours at the largest N (Pulumi's OpenTelemetry trace): where its time goes. */
  trace?: Breakdown & { n: number; file: string; wallS: number; emulatorBusyMs: number; requests: number };
  failures: string[];
  notes: string[];
}

// ---------------------------------------------------------------------------------------------
// Helpers

const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

function log(msg: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

function countsSince(emu: RunningEmulator, since: number): Partial<Record<OperationKind, number>> {
  const out: Partial<Record<OperationKind, number>> = {};
  for (const e of emu.requestLog.list()) if (e.seq > since) out[e.operation] = (out[e.operation] ?? 0) + 1;
  return out;
}

function lastSeq(emu: RunningEmulator): number {
  return emu.requestLog.list().at(-1)?.seq ?? 0;
}

function publishSummary(entries: RequestLogEntry[]): StepResult["publish"] {
  const creates = entries.filter((e) => e.operation === "job.create");
  const polls = entries.filter((e) => e.operation === "job.poll");
  if (creates.length === 0 || polls.length === 0) return { windowS: null, jobMsMedian: null, jobMsMax: null };
  const t = (e: RequestLogEntry) => Date.parse(e.timestamp) + e.durationMs;
  const uploads = new Map<string, number>();
  for (const e of entries) if (e.operation === "job.upload") uploads.set(e.path.split("/").pop()!, Date.parse(e.timestamp));
  const lastPoll = new Map<string, number>();
  for (const e of polls) lastPoll.set(e.path.split("/").pop()!, t(e));
  const spans = [...lastPoll].flatMap(([id, end]) => (uploads.has(id) ? [end - uploads.get(id)!] : [])).sort((a, b) => a - b);
  return {
    windowS: r2((Math.max(...polls.map(t)) - Date.parse(creates[0].timestamp)) / 1000),
    jobMsMedian: spans.length > 0 ? r1(spans[Math.floor(spans.length / 2)]) : null,
    jobMsMax: spans.length > 0 ? r1(spans[spans.length - 1]) : null,
  };
}

/** Latest published version of every live flow in the emulator's org, by name. */
function versions(emu: RunningEmulator): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of emu.store.listFlows()) if (!f.deleted) out.set(f.name, f.versions.length);
  return out;
}

function republishedSince(emu: RunningEmulator, before: Map<string, number>): string[] {
  return [...versions(emu)].filter(([name, v]) => v !== (before.get(name) ?? 0)).map(([name]) => name.replace(/^local-/, "")).sort();
}

function analyse(project: ProjectName, n: number, latencyMs: number, step: StepName, run: TimedRun, emu: RunningEmulator, since: number, before: Map<string, number>): StepResult {
  const entries: RequestLogEntry[] = emu.requestLog.list().filter((e) => e.seq > since);
  const rel = (e: RequestLogEntry) => r2((Date.parse(e.timestamp) - run.startedAt) / 1000);
  const changes = (run.stdout.match(/^Resources:[\s\S]*?(?:\n\n|$)/m)?.[0] ?? "").replace(/\s+/g, " ").trim();
  return {
    project,
    n,
    latencyMs,
    step,
    code: run.code,
    timedOut: run.timedOut,
    wallS: r1(run.wallMs / 1000),
    peakRssMB: run.tree.peakRssMB,
    peakRssByKindMB: run.tree.peakRssByKindMB,
    cpuS: run.tree.cpuSecondsTotal,
    cpuSByKind: run.tree.cpuSecondsByKind,
    requests: countsSince(emu, since),
    emulator: {
      firstRequestS: entries.length > 0 ? rel(entries[0]) : null,
      lastRequestS: entries.length > 0 ? rel(entries[entries.length - 1]) : null,
      busyMs: r1(entries.reduce((a, e) => a + e.durationMs, 0)),
      maxRequestMs: r2(Math.max(0, ...entries.map((e) => e.durationMs))),
      providerConfiguresAtS: entries.filter((e) => e.operation === "org.get").map(rel),
    },
    providerStarts: run.tree.processes.filter((p) => p.kind === "tf-provider").length,
    platformProbes: { count: run.tree.platformProbes.length, seenS: run.tree.platformProbes.map((p) => r1(p.seenForMs / 1000)) },
    publish: publishSummary(entries),
    republished: republishedSince(emu, before),
    changes,
    loadAvg1: r2(os.loadavg()[0]),
  };
}

function fit(points: Array<{ n: number; s: number }>): { fixedS: number; perFlowS: number; r2: number; points: number } {
  const k = points.length;
  const mx = points.reduce((a, p) => a + p.n, 0) / k;
  const my = points.reduce((a, p) => a + p.s, 0) / k;
  const sxx = points.reduce((a, p) => a + (p.n - mx) ** 2, 0);
  const sxy = points.reduce((a, p) => a + (p.n - mx) * (p.s - my), 0);
  const b = sxx === 0 ? 0 : sxy / sxx;
  const a = my - b * mx;
  const sst = points.reduce((acc, p) => acc + (p.s - my) ** 2, 0);
  const sse = points.reduce((acc, p) => acc + (p.s - (a + b * p.n)) ** 2, 0);
  return { fixedS: r2(a), perFlowS: Math.round(b * 1000) / 1000, r2: sst === 0 ? 1 : Math.round((1 - sse / sst) * 1000) / 1000, points: k };
}

function machine(tofu: TofuToolchain | undefined): Record<string, unknown> {
  const pulumiVersion = spawnSync("bash", [path.join(ROOT, "tools/pulumi.sh"), "version"], { encoding: "utf8" }).stdout.trim();
  const tofuVersion = tofu ? spawnSync(tofu.tofu, ["version"], { encoding: "utf8" }).stdout.split("\n")[0].trim() : undefined;
  return {
    hostname: os.hostname(),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGB: r1(os.totalmem() / 2 ** 30),
    node: process.version,
    pulumi: pulumiVersion,
    provider: "terraform-provider-genesyscloud v1.84.2 via pulumi-terraform-bridge 3.128.0 (dynamic)",
    ...(tofuVersion ? { terraformAnchor: `${tofuVersion}, the same provider build through a dev override` } : {}),
    loadAvgAtStart: os.loadavg().map(r2),
  };
}

// ---------------------------------------------------------------------------------------------
// The two projects

interface Deployable {
  name: ProjectName;
  dir: string;
  emulator: RunningEmulator;
  run(step: StepName, args: string[]): Promise<TimedRun>;
  cleanup(): Promise<void>;
}

const MODULE_PROMPT_CHANGE = "Please enter your four digit PIN (changed by the benchmark).";

async function ours(n: number, opts: Options): Promise<Deployable & { project: E2eProject; changeModule(): void }> {
  const project = await createProject({ flows: benchPortfolio(n), settings: { substitutions: BENCH_SUBSTITUTIONS } });
  const moduleFile = `flows/${CHANGED_MODULE.file}`;
  return {
    name: "ours",
    dir: project.dir,
    emulator: project.emulator,
    project,
    run: (step, args) =>
      step === "start-deployed"
        ? // what a developer types; it finds the copy's emulator already running on its port
          runTimed("npm", ["start", "--silent"], project.dir, { timeoutMs: opts.stepTimeoutMs, env: { PULUMI_BACKEND_URL: `file://${path.join(project.dir, ".work/state")}` } })
        : runPulumi(project.dir, args, { timeoutMs: opts.stepTimeoutMs }),
    changeModule: () => project.write(moduleFile, changedModuleText(project.read(moduleFile), MODULE_PROMPT_CHANGE)),
    cleanup: () => project.cleanup(),
  };
}

const pad3 = (i: number) => String(i).padStart(3, "0");

/** The baseline copy: bench/baseline + tools, node_modules and sdks linked, Archy files from `oursDir`'s compile. */
async function baseline(n: number, oursDir: string, opts: Options): Promise<Deployable> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "genesys-flows-bench-baseline-"));
  let emulator: RunningEmulator | undefined;
  try {
    for (const f of ["Pulumi.yaml", "index.ts", "tsconfig.json"]) fs.copyFileSync(path.join(__dirname, "baseline", f), path.join(dir, f));
    // Run as JavaScript like the real project's program (tools/jsbuild), so neither pays ts-node.
    const source = fs.readFileSync(path.join(__dirname, "baseline/index.ts"), "utf8");
    fs.writeFileSync(path.join(dir, "index.js"), ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText);
    fs.cpSync(path.join(ROOT, "tools"), path.join(dir, "tools"), { recursive: true });
    for (const l of ["node_modules", "sdks"]) fs.symlinkSync(path.join(ROOT, l), path.join(dir, l));
    // No package.json in bench/baseline: a minimal one here only tells Node the program is CommonJS
    // (without it Node 20 detects index.ts as an ES module) and names the project root.
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "genesys-flows-bench-baseline", private: true, type: "commonjs" }) + "\n");
    fs.mkdirSync(path.join(dir, ".work/state"), { recursive: true });
    fs.mkdirSync(path.join(dir, "archy"), { recursive: true });
    // The same compiled, substituted Archy the real stack publishes, as plain files, in the same
    // order (modules before their callers), each depending on the modules it calls.
    const portfolio = readPortfolio(oursDir, "local");
    const flows = portfolio.flows.map((p, i) => {
      const file = `archy/flow-${pad3(i + 1)}.yaml`;
      fs.writeFileSync(path.join(dir, file), p.substitutedYaml);
      return { key: p.id, name: p.publishedName, file, dependsOn: p.calls };
    });
    emulator = await startEmulator({ port: 0 });
    const init = await runPulumi(dir, ["stack", "select", "--create", "local"], { timeoutMs: 120_000 });
    if (init.code !== 0) throw new Error(`baseline: pulumi stack select --create failed:\n${init.stdout}${init.stderr}`);
    const stackFile = path.join(dir, "Pulumi.local.yaml");
    const doc = fs.existsSync(stackFile) ? YAML.parseDocument(fs.readFileSync(stackFile, "utf8")) : new YAML.Document({});
    doc.setIn(["config", "baseline:port"], String(emulator.port));
    doc.setIn(["config", "baseline:accessToken"], emulator.accessToken);
    doc.setIn(["config", "baseline:flows"], doc.createNode(flows));
    fs.writeFileSync(stackFile, doc.toString());
  } catch (e) {
    await emulator?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const emu = emulator;
  return {
    name: "baseline",
    dir,
    emulator: emu,
    run: (_step, args) => runPulumi(dir, args, { timeoutMs: opts.stepTimeoutMs }),
    cleanup: async () => {
      await emu.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface TerraformDeployable extends Deployable {
  project: TofuProject;
}

/** `tofu` and the real provider's folder, built or found by the toolchain step (--with-opentofu). */
function tofuToolchain(): TofuToolchain {
  const setup = path.join(ROOT, "tools/toolchain/setup.sh");
  const r = spawnSync("bash", ["-c", `eval "$(bash ${JSON.stringify(setup)} --quiet --print-env --with-opentofu)" && printf '%s\\n%s\\n' "$GENESYS_FLOWS_TOFU" "$GENESYS_FLOWS_PROVIDER_DIR"`], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    timeout: 60 * 60_000,
  });
  const [tofu, providerDir] = r.stdout.trim().split("\n");
  if (r.status !== 0 || !tofu || !providerDir) throw new Error(`bench: building OpenTofu failed (exit ${r.status}); run \`bash tools/toolchain/setup.sh --with-opentofu\` to see why, or pass --no-terraform`);
  return { tofu, providerDir, providerSource: "mypurecloud/genesyscloud" };
}

/** The Terraform anchor: the compiled, substituted Archy of `oursDir` in an OpenTofu root module. */
async function terraform(oursDir: string, tc: TofuToolchain, opts: Options): Promise<TerraformDeployable> {
  const emulator = await startEmulator({ port: 0 });
  let project: TofuProject;
  try {
    const flows = readPortfolio(oursDir, "local").flows.map((p) => ({ key: p.id, yaml: p.substitutedYaml, dependsOn: p.calls }));
    project = createTofuProject(flows, { port: emulator.port, accessToken: emulator.accessToken }, tc);
  } catch (e) {
    await emulator.stop();
    throw e;
  }
  const p = project;
  return {
    name: "terraform",
    dir: p.dir,
    emulator,
    project: p,
    // plan refreshes every flow in the state (Terraform's default); apply plans, then applies.
    run: (step) => p.run(step === "preview" || step === "preview-noop" ? ["plan"] : ["apply", "-auto-approve"], { timeoutMs: opts.stepTimeoutMs }),
    cleanup: async () => {
      await emulator.stop();
      p.cleanup();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Report

const STEP_LABEL: Record<StepName, string> = {
  preview: "preview (new stack)",
  "up-first": "first up",
  "preview-noop": "no-op preview",
  "up-noop-traced": "no-op up, traced",
  "up-noop": "no-op up",
  "up-module-change": "up after module change",
  "start-deployed": "npm start, deployed stack",
};

const TOFU_STEP_LABEL: Partial<Record<StepName, string>> = {
  preview: "plan (new state)",
  "up-first": "first apply",
  "preview-noop": "no-op plan",
  "up-noop": "no-op apply",
  "up-module-change": "apply after module change",
};

const stepLabel = (project: ProjectName, step: StepName) => (project === "terraform" ? TOFU_STEP_LABEL[step] ?? STEP_LABEL[step] : STEP_LABEL[step]);

/** The issue's targets (issue 17), judged on this run's numbers: reported, never a failure. */
function judgeTargets(steps: StepResult[], opts: Options): Results["targets"] {
  const out: Results["targets"] = [];
  const maxN = Math.max(...opts.ns);
  const at = (project: ProjectName, step: StepName, latencyMs: number) => steps.find((s) => s.project === project && s.n === maxN && s.latencyMs === latencyMs && s.step === step && s.code === 0);
  const limit = (what: string, s: StepResult | undefined, max: number) => {
    if (s) out.push({ what: `${what} at N = ${maxN} ≤ ${max} s`, value: `${s.wallS} s`, met: s.wallS <= max });
  };
  limit("no-op preview", at("ours", "preview-noop", 0), 6);
  limit("no-op up", at("ours", "up-noop", 0), 10);
  limit("npm start on a deployed stack", at("ours", "start-deployed", 0), 20);
  for (const latencyMs of opts.latencies.filter((l) => l > 0)) {
    const ourPreview = at("ours", "preview-noop", latencyMs);
    const plan = at("terraform", "preview-noop", latencyMs);
    if (ourPreview && plan) {
      const ratio = r2(ourPreview.wallS / Math.max(plan.wallS, 0.1));
      out.push({ what: `no-op preview within 2× of Terraform's no-op plan at N = ${maxN}, ${latencyMs} ms per API request`, value: `${ourPreview.wallS} s / ${plan.wallS} s = ${ratio}×`, met: ratio <= 2 });
    }
  }
  return out;
}

function markdown(res: Results): string {
  const L: string[] = [];
  const m = res.machine;
  L.push(`# Benchmark results (${res.mode})`);
  L.push("");
  L.push(`Run ${res.startedAt} → ${res.finishedAt ?? "(unfinished)"} on ${m.cpus} × ${m.cpuModel}, ${m.memoryGB} GB, ${m.platform}; node ${m.node}; ${m.pulumi}; ${m.provider}.`);
  L.push(`Load average at start: ${(m.loadAvgAtStart as number[]).join(", ")}. Memory = peak of the summed RSS of the pulumi process tree, sampled every 200 ms from /proc.`);
  L.push("");
  if (res.steps.length > 0) {
    L.push("## Deploy steps");
    L.push("");
    L.push("`ours` = this project (model, components, policy pack); `baseline` = bare `genesyscloud.Flow` resources in Pulumi; `terraform` = OpenTofu with bare `genesyscloud_flow` resources, the same provider binary and the same compiled files. Latency = what the emulator adds to every API request.");
    L.push("");
    L.push("| N | latency ms | project | step | exit | wall s | ×baseline | ×terraform | peak RSS MB | CPU s | job.create | job.upload | job.poll | flow.get | flow.list | org.get | provider starts | platform probes (s each) | first request at s | publish window s | job ms (median) | emulator busy ms |");
    L.push("|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|");
    for (const s of res.steps) {
      const ratio = (anchor: "baseline" | "terraform") => {
        const r = s.project === "ours" ? res.ratios.find((x) => x.n === s.n && x.latencyMs === s.latencyMs && x.step === s.step && x.anchor === anchor) : undefined;
        return r ? r.ratio.toFixed(2) : "";
      };
      const q = s.requests;
      L.push(
        `| ${s.n} | ${s.latencyMs} | ${s.project} | ${stepLabel(s.project, s.step)} | ${s.code}${s.timedOut ? " (timeout)" : ""} | ${s.wallS} | ${ratio("baseline")} | ${ratio("terraform")} | ${s.peakRssMB} | ${s.cpuS} | ${q["job.create"] ?? 0} | ${q["job.upload"] ?? 0} | ${q["job.poll"] ?? 0} | ${q["flow.get"] ?? 0} | ${q["flow.list"] ?? 0} | ${q["org.get"] ?? 0} | ${s.providerStarts} | ${s.platformProbes.count} (${s.platformProbes.seenS.join(", ")}) | ${s.emulator.firstRequestS ?? "-"} | ${s.publish.windowS ?? "-"} | ${s.publish.jobMsMedian === null ? "-" : r1(s.publish.jobMsMedian)} | ${s.emulator.busyMs} |`,
      );
    }
    L.push("");
    L.push("CPU seconds by process kind (engine = pulumi CLI, tofu = the OpenTofu CLI, program = the Node.js program (for npm start: the CLI too), policy-pack = the analyzer, bridge = pulumi-resource-terraform-provider, tf-provider = terraform-provider-genesyscloud):");
    L.push("");
    L.push("| N | latency ms | project | step | engine | tofu | language-host | program | policy-pack | bridge | tf-provider | platform-probe |");
    L.push("|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const s of res.steps) {
      const c = s.cpuSByKind;
      L.push(`| ${s.n} | ${s.latencyMs} | ${s.project} | ${stepLabel(s.project, s.step)} | ${c.engine ?? 0} | ${c.tofu ?? 0} | ${c["language-host"] ?? 0} | ${c.program ?? 0} | ${c["policy-pack"] ?? 0} | ${c.bridge ?? 0} | ${c["tf-provider"] ?? 0} | ${c["platform-probe"] ?? 0} |`);
    }
    L.push("");
  }
  if (Object.keys(res.fits).length > 0) {
    L.push("## Growth with N (least-squares wall = fixed + perFlow × N)");
    L.push("");
    L.push("| project / step | fixed s | per flow s | R² | points |");
    L.push("|---|---:|---:|---:|---:|");
    for (const [k, f] of Object.entries(res.fits)) L.push(`| ${k} | ${f.fixedS} | ${f.perFlowS} | ${f.r2} | ${f.points} |`);
    L.push("");
  }
  if (res.cores.length > 0) {
    L.push("## Pure cores (in-process, median of repetitions)");
    L.push("");
    L.push("| scenario | reps | load ms | plan ms (load+check+compile+substitution) | rules ms | plan+rules ms | target | peak RSS added MB | heap per rep MB | compiled KB |");
    L.push("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|");
    for (const c of res.cores) {
      const target = c.scenario === "hundred-50" ? `< 2000 ms: ${c.median.totalMs < 2000 ? "met" : "NOT met"}` : "";
      L.push(`| ${c.flows} flow(s) × ${c.nodesPerFlow} nodes | ${c.reps} | ${c.median.loadMs} | ${c.median.planMs} | ${c.median.rulesMs} | ${c.median.totalMs} | ${target} | ${c.memory.peakAddedMB} | ${c.memory.heapAfterRepMB} | ${Math.round(c.compiledBytes / 1024)} |`);
    }
    L.push("");
  }
  if (res.emulator) {
    const e = res.emulator;
    L.push("## Emulator alone");
    L.push("");
    L.push(`${e.jobs} publish jobs (create, upload ${Math.round(e.uploadBytes / 1024)} KB, poll) by ${e.clients} concurrent clients: **${e.jobsPerSecond} jobs/s**, ${e.failures} failures, job latency p50 ${e.jobLatencyMs.p50} ms / p95 ${e.jobLatencyMs.p95} ms, ${e.pollsPerJob} polls per job.`);
    L.push(`Server-side ms (p50 / p95): ${Object.entries(e.serverMs).map(([op, s]) => `${op} ${s!.p50} / ${s!.p95}`).join("; ")}.`);
    L.push("");
  }
  if (res.trace) {
    const t = res.trace;
    L.push(`## Where a no-op up spends its time (ours, N = ${t.n}, one traced run)`);
    L.push("");
    L.push(`\`pulumi up --otel-traces\`: ${t.wallS} s wall, ${t.totalS} s traced, ${t.passes} engine passes (preview, then update). Phases may overlap; seconds are summed over the passes.`);
    L.push("");
    L.push("| phase | s | from |");
    L.push("|---|---:|---|");
    for (const p of t.phases) L.push(`| ${p.what} | ${p.seconds} | ${p.how} |`);
    L.push(`| API calls (the emulator's busy time) | ${r2(t.emulatorBusyMs / 1000)} | ${t.requests} requests, server side |`);
    L.push("");
  }
  if ((res.targets ?? []).length > 0) {
    L.push("## Targets (issue 17), judged in this run");
    L.push("");
    L.push("| target | this run | |");
    L.push("|---|---|---|");
    for (const t of res.targets) L.push(`| ${t.what} | ${t.value} | ${t.met ? "met" : "**not met**"} |`);
    L.push("");
  }
  if (res.invariants.length > 0) {
    L.push("## Counting invariants (publish jobs)");
    L.push("");
    L.push("| check | expected | actual | |");
    L.push("|---|---:|---:|---|");
    for (const i of res.invariants) L.push(`| ${i.what} | ${i.expected} | ${i.actual} | ${i.ok ? "ok" : "**FAILED**"} |`);
    L.push("");
  }
  if (res.failures.length > 0) {
    L.push("## Failures");
    L.push("");
    for (const f of res.failures) L.push(`- ${f}`);
    L.push("");
  }
  if (res.notes.length > 0) {
    L.push("## Notes");
    L.push("");
    for (const n of res.notes) L.push(`- ${n}`);
    L.push("");
  }
  return L.join("\n");
}

const CHART_STEPS: Array<{ step: StepName; color: string; ours: string; tofu: string }> = [
  { step: "preview-noop", color: "#1f77b4", ours: "no-op preview", tofu: "no-op plan" },
  { step: "up-noop", color: "#2ca02c", ours: "no-op up", tofu: "no-op apply" },
  { step: "up-first", color: "#d62728", ours: "first up", tofu: "first apply" },
  { step: "up-module-change", color: "#9467bd", ours: "module change", tofu: "module change" },
];

function chart(res: Results, latencyMs: number): Series[] {
  const pick = (project: ProjectName, step: StepName) =>
    res.steps.filter((s) => s.project === project && s.latencyMs === latencyMs && s.step === step && s.code === 0).map((s) => ({ n: s.n, seconds: s.wallS }));
  return CHART_STEPS.flatMap((c) => [
    { label: `ours: ${c.ours}`, color: c.color, points: pick("ours", c.step) },
    { label: `baseline: ${c.ours}`, color: c.color, dash: "dashed" as const, points: pick("baseline", c.step) },
    { label: `terraform: ${c.tofu}`, color: c.color, dash: "dotted" as const, points: pick("terraform", c.step) },
  ]).filter((s) => s.points.length > 0);
}

/** The charts of a run: `time-vs-n` (no added latency) and `time-vs-n-<ms>ms` per latency round. */
function writeCharts(res: Results, dir: string): string[] {
  const written: string[] = [];
  for (const latencyMs of [...new Set(res.steps.map((s) => s.latencyMs ?? 0))]) {
    const base = path.join(dir, latencyMs > 0 ? `time-vs-n-${latencyMs}ms` : "time-vs-n");
    const svg = timeVsNSvg(
      `genesys-flows: wall time against N${latencyMs > 0 ? `, ${latencyMs} ms per API request` : ""}`,
      `${res.mode} run ${res.startedAt.slice(0, 16)}Z, ${res.machine.cpus} CPUs; solid = ours, dashed = bare Pulumi Flow, dotted = OpenTofu, same provider`,
      chart(res, latencyMs),
    );
    written.push(writeChart(base, svg) ?? `${base}.svg`);
  }
  return written;
}

// ---------------------------------------------------------------------------------------------
// Main

/** Temp copies and emulators to remove when the bench is interrupted. */
const cleanups = new Set<() => Promise<void>>();

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the running pulumi, removing temp copies`);
    killActiveRuns();
    void Promise.all([...cleanups].map((c) => c())).finally(() => process.exit(130));
  });
}

/** `--render DIR`: rewrites results.md and the chart of an earlier run from its results.json. */
function render(dir: string): number {
  const res = JSON.parse(fs.readFileSync(path.join(dir, "results.json"), "utf8")) as Results;
  fs.writeFileSync(path.join(dir, "results.md"), markdown(res) + "\n");
  for (const s of res.steps) s.latencyMs ??= 0; // results of runs before the latency rounds
  res.targets ??= [];
  writeCharts(res, dir);
  log(`rendered ${path.join(dir, "results.md")}`);
  return 0;
}

async function main(): Promise<number> {
  const renderAt = process.argv.indexOf("--render");
  if (renderAt >= 0) return render(path.resolve(process.argv[renderAt + 1] ?? "."));
  const opts = parseArgs(process.argv.slice(2));
  fs.mkdirSync(opts.out, { recursive: true });
  const tofu = opts.deploy && opts.terraform ? tofuToolchain() : undefined;
  const res: Results = {
    startedAt: new Date().toISOString(),
    mode: opts.quick ? "quick" : "full",
    options: opts,
    machine: machine(tofu),
    cores: [],
    steps: [],
    fits: {},
    ratios: [],
    targets: [],
    invariants: [],
    failures: [],
    notes: [],
  };
  const save = () => {
    fs.writeFileSync(path.join(opts.out, "results.json"), JSON.stringify(res, null, 2) + "\n");
    fs.writeFileSync(path.join(opts.out, "results.md"), markdown(res) + "\n");
  };
  log(`output: ${opts.out}`);

  // 1. Pure cores, each scenario in a fresh process.
  for (const scenario of ["one-1900", "hundred-50"] as Scenario[]) {
    log(`pure cores: ${scenario} × ${opts.coreReps}`);
    const r = spawnSync(process.execPath, ["--expose-gc", "-r", "ts-node/register/transpile-only", path.join(__dirname, "cores.ts"), scenario, String(opts.coreReps)], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 10 * 60_000,
      env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, "tsconfig.json") },
    });
    if (r.status !== 0) res.failures.push(`pure cores ${scenario}: exit ${r.status}: ${(r.stderr || "").slice(-1000)}`);
    else res.cores.push(JSON.parse(r.stdout.trim().split("\n").at(-1)!) as CoreStats);
    save();
  }

  // 2. The emulator alone.
  {
    log(`emulator throughput: ${opts.jobs} jobs, ${opts.clients} clients`);
    // The bench portfolio with 16 callers, compiled: the modules first, then the callers.
    const sources = Object.entries(benchPortfolio(16)).map(([file, text]) => ({ id: file.replace(/\.yaml$/, ""), file: `flows/${file}`, text }));
    const settings = parseStackSettings({ environment: "local", namePrefix: "local-", substitutions: BENCH_SUBSTITUTIONS }, "bench");
    const planned = planPortfolio({ stack: "local", settings, sources }).flows;
    const isModule = (p: (typeof planned)[number]) => p.model.kind === "commonModule";
    res.emulator = await emulatorThroughput(
      planned.filter(isModule).map((p) => p.substitutedYaml),
      planned.filter((p) => !isModule(p)).map((p) => p.substitutedYaml),
      { clients: opts.clients, jobs: opts.jobs },
    );
    if (res.emulator.failures > 0) res.failures.push(`emulator throughput: ${res.emulator.failures} jobs failed`);
    save();
  }

  // 3. Deploys: ours, the baseline and the Terraform anchor, steps interleaved so all see the same
  // machine load; one round per emulator latency.
  const expect = (what: string, expected: number, actual: number | undefined) => {
    res.invariants.push({ what, expected, actual: actual ?? 0, ok: (actual ?? 0) === expected });
  };
  if (opts.deploy) {
    for (const latencyMs of opts.latencies) {
      for (const n of opts.ns) {
        const round = latencyMs > 0 ? `N=${n} +${latencyMs} ms` : `N=${n}`;
        let o: Awaited<ReturnType<typeof ours>> | undefined;
        let b: Deployable | undefined;
        let t: Deployable | undefined;
        const cleanup = async () => {
          await o?.cleanup().catch(() => undefined);
          await b?.cleanup().catch(() => undefined);
          await t?.cleanup().catch(() => undefined);
        };
        cleanups.add(cleanup);
        try {
          log(`${round}: preparing the project copies`);
          o = await ours(n, opts);
          // The bare baseline runs without latency only: it shows the cost of our layer, the
          // latency rounds compare with Terraform.
          if (opts.baseline && latencyMs === 0) b = await baseline(n, o.dir, opts);
          if (tofu) t = await terraform(o.dir, tofu, opts);
          for (const d of [o, b, t]) d?.emulator.setFaults({ latencyMs });
          const step = async (d: Deployable, name: StepName, args: string[]): Promise<StepResult> => {
            const since = lastSeq(d.emulator);
            const before = versions(d.emulator);
            log(`${round}: ${d.name} ${stepLabel(d.name, name)} ...`);
            const run = await d.run(name, args);
            const r = analyse(d.name, n, latencyMs, name, run, d.emulator, since, before);
            res.steps.push(r);
            log(`${round}: ${d.name} ${stepLabel(d.name, name)}: exit ${r.code}, ${r.wallS} s, peak ${r.peakRssMB} MB, job.create ${r.requests["job.create"] ?? 0}, flow.get ${r.requests["flow.get"] ?? 0}`);
            if (r.code !== 0) res.failures.push(`${round} ${d.name} ${name}: exit ${r.code}${r.timedOut ? " (timed out)" : ""}: ${(run.stdout + run.stderr).slice(-1500)}`);
            save();
            return r;
          };
          const publishes = (what: string, r: StepResult, expected: string[]) => {
            expect(`${round} ${what}: publish jobs`, expected.length, r.requests["job.create"]);
            const same = r.republished.length === expected.length && r.republished.every((x, i) => x === expected[i]);
            res.invariants.push({ what: `${round} ${what}: the flows republished are exactly ${expected.length > 6 ? `${expected.length} flows` : `[${expected.join(", ")}]`}`, expected: expected.length, actual: r.republished.length, ok: same });
          };
          const all = affectedBy("Lookup", n);
          const ourArgs = ["--stack", "local", ...policyArgs("local")];
          const baseArgs = ["--stack", "local"];
          // Interleaved: ours, the baseline, Terraform, for each step.
          const each = async (name: StepName, args: string[], expected: string[], what: string) => {
            publishes(`ours ${what}`, await step(o!, name, [...args, ...ourArgs]), expected);
            if (b) publishes(`baseline ${what}`, await step(b, name, [...args, ...baseArgs]), expected);
            if (t) publishes(`terraform ${what}`, await step(t, name, []), expected);
          };
          await each("preview", ["preview"], [], "preview of a new stack publishes nothing");
          await each("up-first", ["up", "--yes"], all, `first up publishes every flow (N+2 = ${n + 2})`);
          await each("preview-noop", ["preview"], [], "no-op preview publishes nothing");
          await each("up-noop", ["up", "--yes"], [], "no-op up publishes nothing");
          if (latencyMs === 0) {
            // `npm start` on the deployed stack: what a developer waits for when nothing changed
            // (install check, emulator check, preflight, no-op up with the pack, verify).
            publishes("ours npm start on the deployed stack publishes nothing", await step(o, "start-deployed", []), []);
          }
          if (n === Math.max(...opts.ns) && latencyMs === opts.latencies[0]) {
            // One more no-op up of ours, traced, for the breakdown of its time.
            const file = path.join(opts.out, `noop-up-N${n}.trace.json`);
            const traced = await step(o, "up-noop-traced", ["up", "--yes", ...ourArgs, "--otel-traces", `file://${file}`]);
            publishes("ours traced no-op up publishes nothing", traced, []);
            if (traced.code === 0 && fs.existsSync(file)) {
              const total = Object.values(traced.requests).reduce((a, c) => a + (c ?? 0), 0);
              res.trace = { n, file, wallS: traced.wallS, emulatorBusyMs: traced.emulator.busyMs, requests: total, ...breakdown(parseTrace(fs.readFileSync(file, "utf8"))) };
            } else res.notes.push(`the traced no-op up wrote no trace (${file})`);
          }
          o.changeModule();
          const affected = affectedBy(CHANGED_MODULE.name, n);
          publishes(
            `ours up after a change to ${CHANGED_MODULE.name} (called by ${affected.length - 1} of ${n} callers) republishes the module and its callers`,
            await step(o, "up-module-change", ["up", "--yes", ...ourArgs]),
            affected,
          );
          if (t) {
            // Terraform gets the same recompiled module file; its callers keep the old snapshot.
            const changed = readPortfolio(o.dir, "local").flows.find((p) => p.publishedName === `local-${CHANGED_MODULE.name}`);
            if (!changed) throw new Error(`bench: the changed module ${CHANGED_MODULE.name} is not in the copy's portfolio`);
            (t as TerraformDeployable).project.writeArchy(changed.id, changed.substitutedYaml);
            publishes(
              `terraform apply after the same change to ${CHANGED_MODULE.name} republishes only the module (its callers keep the old snapshot)`,
              await step(t, "up-module-change", []),
              [CHANGED_MODULE.name],
            );
          }
        } catch (e) {
          res.failures.push(`${round}: ${(e as Error).stack ?? String(e)}`);
          log(`${round}: failed: ${(e as Error).message}`);
        } finally {
          cleanups.delete(cleanup);
          await cleanup();
          save();
        }
      }
    }
  }

  // 4. Ratios, fits, targets, chart.
  for (const s of res.steps) {
    if (s.project !== "ours" || s.code !== 0) continue;
    for (const anchor of ["baseline", "terraform"] as const) {
      const a = res.steps.find((x) => x.project === anchor && x.n === s.n && x.latencyMs === s.latencyMs && x.step === s.step && x.code === 0);
      if (a) res.ratios.push({ n: s.n, latencyMs: s.latencyMs, step: s.step, anchor, ours: s.wallS, anchorS: a.wallS, ratio: r2(s.wallS / Math.max(a.wallS, 0.1)) });
    }
  }
  for (const latencyMs of opts.latencies) {
    for (const project of ["ours", "baseline", "terraform"] as ProjectName[]) {
      for (const step of ["preview", "up-first", "preview-noop", "up-noop", "up-module-change"] as StepName[]) {
        const pts = res.steps.filter((s) => s.project === project && s.latencyMs === latencyMs && s.step === step && s.code === 0).map((s) => ({ n: s.n, s: s.wallS }));
        if (pts.length >= 2) res.fits[`${project} ${stepLabel(project, step)}${latencyMs > 0 ? ` +${latencyMs} ms` : ""}`] = fit(pts);
      }
    }
  }
  res.targets = judgeTargets(res.steps, opts);
  res.notes.push("Timings are reported, never asserted; only the publish-job counts are checked (exit 1 when they fail).");
  res.finishedAt = new Date().toISOString();
  if (writeCharts(res, opts.out).some((f) => f.endsWith(".svg"))) res.notes.push("PNG charts not written: @resvg/resvg-js is not installed (the SVGs are).");
  save();
  const failed = res.invariants.filter((i) => !i.ok);
  log(`done: ${res.steps.length} steps, ${failed.length} invariant failures, ${res.failures.length} failures; ${path.join(opts.out, "results.md")}`);
  return failed.length > 0 || res.failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`bench: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
