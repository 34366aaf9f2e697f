// The adoption round (`npm run bench -- --adoption`, issue 100.1; bench/targets.ts ADOPTION_RULE):
// a big org's first day, ours beside CX as Code's own exporter. Both tools start from the same org
// (bench/sourceOrg.ts) in emulators of their own, every request late and every token on Genesys's
// budget. Ours: `genesys-flows import --from-org` into a copy of the project as the dev stack, its
// first `up` (an adoption: nothing published), a no-op `up`. CX as Code: `genesyscloud_tf_export`
// through OpenTofu, `tofu apply` of what it wrote with import blocks, `tofu plan` after it, and on a
// fresh copy of the org `tofu apply` as written (with the exporter's state file). Each step timed,
// its process tree sampled (bench/procs.ts), its requests, 429s and publishes counted at the org.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseCommandLine, UsageError } from "../project/cliArgs";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../emulator/server";
import type { RequestLogEntry } from "../emulator/requestLog";
import { createProject, type E2eProject } from "../testkit/harness";
import { BENCH_SUBSTITUTIONS } from "./flows";
import { shippedStackSettings } from "./shippedStack";
import { SOURCE_PREFIX, sourceOrg, type SourceOrg } from "./sourceOrg";
import { tofuCliConfig, tofuTimed, type TofuToolchain } from "./terraform";
import { runTimed, type TimedRun } from "./timedRun";
import { uncoveredMs } from "./timeline";
import { countKinds } from "./requests";
import { failureText } from "./failureText";
import { r2 } from "./stats";
import { ADOPTION_RULE, judgeAdoption, type AdoptionStepFigures, type AdoptionStepName, type Target } from "./targets";

export type AdoptionSide = "ours" | "cx-as-code";

/** Where a step's wall time went, from the org's request log (idle: nothing in flight at the org). */
export interface AdoptionPhases {
  beforeFirstRequestS: number;
  requestsS: number;
  requestsIdleS: number;
  afterLastRequestS: number;
  topKinds: Array<{ kind: string; count: number }>;
}

/** A step of the round: what the rule reads (its N, name, exit, wall time, largest process, publishes), and the rest of its measure. */
export interface AdoptionStep extends AdoptionStepFigures {
  side: AdoptionSide;
  timedOut: boolean;
  /** The summed RSS of the step's process tree at its peak (MB). */
  peakRssMB: number;
  /** The kind of the largest single process (its MB: largestProcessMB). */
  largestProcess: string;
  cpuS: number;
  requests: number;
  throttled: number;
  phases?: AdoptionPhases;
  /** The end of what the command printed, when it failed. */
  failure?: string;
}

export interface AdoptionOptions {
  n: number;
  out: string;
  stepTimeoutMs: number;
  recording: "round" | "record" | "scratch";
}

const ADOPTION_OPTIONS = {
  adoption: { type: "boolean" },
  n: { type: "string" },
  out: { type: "string" },
  "step-timeout-min": { type: "string" },
  scratch: { type: "boolean" },
  record: { type: "boolean" },
} as const;

/** The adoption round's options (`--adoption [--n N] [--out DIR] [--step-timeout-min M] [--scratch | --record]`), or what is wrong. */
export function parseAdoptionArgs(
  argv: string[],
  root: string,
  now = new Date(),
): AdoptionOptions | { message: string } {
  let values: ReturnType<typeof parseCommandLine<typeof ADOPTION_OPTIONS>>["values"];
  try {
    values = parseCommandLine(argv, ADOPTION_OPTIONS).values;
  } catch (e) {
    if (e instanceof UsageError)
      return { message: `${e.message}: --adoption takes --n, --out, --step-timeout-min, --scratch or --record` };
    throw e;
  }
  const n = Number(values.n ?? ADOPTION_RULE.ns[0]);
  if (!(Number.isInteger(n) && n >= 1 && n <= 10_000)) return { message: "--n takes one integer 1..10000" };
  const minutes = Number(values["step-timeout-min"] ?? 120);
  if (!(minutes > 0)) return { message: "--step-timeout-min takes a number of minutes above 0" };
  if (values.scratch && values.record) return { message: "--scratch and --record: choose one" };
  // A round: the rule's N (any other N is a scratch run unless recorded on purpose).
  const ruled = (ADOPTION_RULE.ns as readonly number[]).includes(n);
  const recording = values.scratch ? "scratch" : values.record ? "record" : ruled ? "round" : "scratch";
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  return {
    n,
    out: path.resolve(values.out ?? path.join(root, ".work/bench", `${stamp}-adoption`)),
    stepTimeoutMs: minutes * 60_000,
    recording,
  };
}

/** The OAuth client every bench emulator accepts (this round's and bench/run.ts's). */
export const BENCH_CLIENT = { clientId: "bench-oauth-client", clientSecret: "bench-oauth-secret" } as const;

/** Each side's emulator (the source org's snapshot goes in once it runs: loaded). */
function orgCopy(n: number): EmulatorOptions {
  return { port: 0, requestLogLimit: 2_000_000, maxFlows: n + 1000, ...BENCH_CLIENT };
}
function loaded(emu: RunningEmulator, source: SourceOrg): void {
  emu.store.replace(source.state);
  emu.setFaults({
    latencyMs: ADOPTION_RULE.latencyMs,
    rateLimit: { requestsPerMinute: ADOPTION_RULE.requestsPerMinute },
  });
}

/** Latest version number of every live flow, by id. */
const versions = (emu: RunningEmulator) =>
  new Map(emu.store.listFlows().map((f) => [f.id, f.versions.at(-1)?.number ?? 0] as const));

/** Where a step's time went: before its first request, its requests' span (and of it, nothing in flight), after its last. */
export function phasesOf(
  entries: readonly RequestLogEntry[],
  startMs: number,
  endMs: number,
): AdoptionPhases | undefined {
  if (entries.length === 0) return undefined;
  const spans = entries.map((e) => [Date.parse(e.timestamp), Date.parse(e.timestamp) + e.durationMs] as const);
  const first = Math.min(...spans.map(([a]) => a));
  const last = Math.max(...spans.map(([, b]) => b));
  return {
    beforeFirstRequestS: r2((first - startMs) / 1000),
    requestsS: r2((last - first) / 1000),
    requestsIdleS: r2(uncoveredMs(spans, first, last) / 1000),
    afterLastRequestS: r2(Math.max(0, endMs - last) / 1000),
    topKinds: Object.entries(countKinds(entries))
      .map(([kind, count]) => ({ kind, count }))
      .sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : 1))
      .slice(0, 4),
  };
}

/** A step run against `emu`: timed, sampled, its requests and publishes counted. */
async function measured(
  n: number,
  side: AdoptionSide,
  step: AdoptionStepName,
  emu: RunningEmulator,
  run: () => Promise<TimedRun>,
  log: (m: string) => void,
): Promise<AdoptionStep> {
  const since = emu.requestLog.list().at(-1)?.seq ?? 0;
  const before = versions(emu);
  log(`adoption N = ${n}: ${side} ${step} ...`);
  const r = await run();
  const entries = emu.requestLog.list().filter((e) => e.seq > since);
  const publishes = [...versions(emu)].filter(([id, v]) => v > (before.get(id) ?? 0)).length;
  const largest = [...r.tree.processes].sort((a, b) => b.maxRssMB - a.maxRssMB)[0];
  const phases = phasesOf(entries, r.startedAt, r.startedAt + r.wallMs);
  const s: AdoptionStep = {
    n,
    side,
    step,
    code: r.code,
    timedOut: r.timedOut,
    wallS: r2(r.wallMs / 1000),
    peakRssMB: Math.round(r.tree.peakRssMB),
    largestProcessMB: Math.round(largest?.maxRssMB ?? 0),
    largestProcess: largest?.kind ?? "none",
    cpuS: r2(r.tree.cpuSecondsTotal),
    requests: entries.filter((e) => e.fault === undefined).length,
    throttled: entries.filter((e) => e.fault === "rate-limit").length,
    publishes,
    ...(phases ? { phases } : {}),
    // A failure's error lines and tail (bench/failureText.ts), as the other rounds keep them.
    ...(r.code !== 0 ? { failure: failureText(`${r.stdout}\n${r.stderr}`.trim(), 3000, 6000) } : {}),
  };
  log(
    `adoption N = ${n}: ${side} ${step}: exit ${s.code}, ${s.wallS} s, peak ${s.peakRssMB} MB (largest process ${s.largestProcessMB} MB, ${s.largestProcess}), ${s.requests} requests, ${s.throttled} 429s, ${s.publishes} publishes`,
  );
  return s;
}

/** Ours: a copy of the project as the dev stack (its shipped settings, the OAuth client), no flows yet, on its own copy of the org. */
async function oursProject(source: SourceOrg, n: number): Promise<E2eProject> {
  const stack = ADOPTION_RULE.stack;
  const shipped = shippedStackSettings(stack);
  const project = await createProject({
    flows: {},
    stack,
    settings: {
      ...shipped,
      substitutions: BENCH_SUBSTITUTIONS,
      accessToken: undefined,
      oauthClientId: BENCH_CLIENT.clientId,
      oauthClientSecret: BENCH_CLIENT.clientSecret,
    },
    orgObjects: "fixed",
    emulator: orgCopy(n),
  });
  loaded(project.emulator, source);
  return project;
}

/** The provider block the exporter's output lacks: the org (the emulator as gateway) and the OAuth client; the pool the provider's default. */
const providerBlock = (port: number) => ({
  provider: {
    genesyscloud: {
      oauthclient_id: BENCH_CLIENT.clientId,
      oauthclient_secret: BENCH_CLIENT.clientSecret,
      gateway: [{ protocol: "http", host: "127.0.0.1", port: String(port) }],
    },
  },
});

/**
 * The exporter's root module: `genesyscloud_tf_export` with its defaults but what an adoption needs:
 * the flows and queues (include_filter_resources), each flow's file downloaded (the legacy flow
 * exporter writes none: use_legacy_architect_flow_exporter false) and the state file with their ids.
 */
function exportConfig(port: number, providerSource: string): string {
  return `${JSON.stringify(
    {
      terraform: { required_providers: { genesyscloud: { source: providerSource } } },
      ...providerBlock(port),
      resource: {
        genesyscloud_tf_export: {
          export: {
            directory: "./export",
            include_filter_resources: ["genesyscloud_flow", "genesyscloud_routing_queue"],
            use_legacy_architect_flow_exporter: false,
            include_state_file: true,
          },
        },
      },
    },
    null,
    2,
  )}\n`;
}

/** Import blocks for every resource of the exporter's state file (OpenTofu's way to adopt what exists). */
export function importBlocks(state: string): string {
  const parsed = JSON.parse(state) as {
    resources?: Array<{
      type: string;
      name: string;
      instances: Array<{ attributes_flat?: { id?: string }; attributes?: { id?: string } }>;
    }>;
  };
  const blocks = (parsed.resources ?? []).flatMap((r) =>
    r.instances.map((i) => {
      const id = i.attributes?.id ?? i.attributes_flat?.id;
      if (id === undefined) throw new Error(`bench adoption: the export's state has no id for ${r.type}.${r.name}`);
      return { to: `${r.type}.${r.name}`, id };
    }),
  );
  return `${JSON.stringify({ import: blocks }, null, 2)}\n`;
}

/** A folder of the export to apply: its files, the provider block, the CLI config; with its state file or import blocks. */
function applyFolder(exported: string, port: number, tc: TofuToolchain, how: "import-blocks" | "as-written"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `genesys-flows-bench-adopt-${how}-`));
  fs.cpSync(exported, dir, { recursive: true });
  for (const f of fs.readdirSync(dir)) if (/^terraform\.tfstate\..*backup$/.test(f)) fs.rmSync(path.join(dir, f));
  const state = path.join(dir, "terraform.tfstate");
  if (how === "import-blocks") {
    fs.writeFileSync(path.join(dir, "imports.tf.json"), importBlocks(fs.readFileSync(state, "utf8")));
    fs.rmSync(state);
  }
  fs.writeFileSync(path.join(dir, "provider.tf.json"), `${JSON.stringify(providerBlock(port), null, 2)}\n`);
  fs.writeFileSync(path.join(dir, "cli.tfrc"), tofuCliConfig(tc.providerSource, tc.providerDir));
  return dir;
}

export interface AdoptionResults {
  steps: AdoptionStep[];
  targets: Target[];
  failures: string[];
  notes: string[];
}

/** What the two sides' steps share: the round's N and options, the source org, and how a step is measured and kept. */
interface RoundContext {
  n: number;
  opts: AdoptionOptions;
  source: SourceOrg;
  cleanups: Set<() => Promise<void>>;
  /** Runs a step against `emu`, measures it and keeps it in the results. */
  step(
    side: AdoptionSide,
    name: AdoptionStepName,
    emu: RunningEmulator,
    run: () => Promise<TimedRun>,
  ): Promise<AdoptionStep>;
}

/** Ours: import --from-org, the first up, a no-op up, each as a person types it. */
async function oursSteps(ctx: RoundContext): Promise<void> {
  const project = await oursProject(ctx.source, ctx.n);
  const drop = () => project.cleanup();
  ctx.cleanups.add(drop);
  try {
    const env = {
      ...project.pulumiEnv,
      GENESYSCLOUD_OAUTHCLIENT_ID: BENCH_CLIENT.clientId,
      GENESYSCLOUD_OAUTHCLIENT_SECRET: BENCH_CLIENT.clientSecret,
    };
    const cli = (args: string[]) => () =>
      runTimed(process.execPath, ["bin/genesys-flows", ...args], project.dir, {
        timeoutMs: ctx.opts.stepTimeoutMs,
        env,
      });
    const stack = ["--stack", ADOPTION_RULE.stack];
    const emu = project.emulator;
    const imported = await ctx.step(
      "ours",
      "import",
      emu,
      cli(["import", "--from-org", ...stack, "--prefix", SOURCE_PREFIX]),
    );
    if (imported.code !== 0) return;
    await ctx.step("ours", "up-first", emu, cli(["up", ...stack]));
    await ctx.step("ours", "up-noop", emu, cli(["up", ...stack]));
  } finally {
    ctx.cleanups.delete(drop);
    await drop();
  }
}

/** CX as Code: export, apply with import blocks, plan; apply as written on a fresh copy of the org. What went wrong besides a step's exit, if anything. */
async function exporterSteps(ctx: RoundContext, tc: TofuToolchain): Promise<string | undefined> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "genesys-flows-bench-adopt-"));
  const emus: RunningEmulator[] = [];
  const drop = async () => {
    for (const e of emus) await e.stop();
    fs.rmSync(work, { recursive: true, force: true });
  };
  ctx.cleanups.add(drop);
  const org = async () => {
    const emu = await startEmulator(orgCopy(ctx.n));
    emus.push(emu);
    loaded(emu, ctx.source);
    return emu;
  };
  const run = (dir: string, args: string[]) => () => tofuTimed(tc, dir, args, ctx.opts.stepTimeoutMs);
  try {
    const first = await org();
    fs.writeFileSync(path.join(work, "main.tf.json"), exportConfig(first.port, tc.providerSource));
    fs.writeFileSync(path.join(work, "cli.tfrc"), tofuCliConfig(tc.providerSource, tc.providerDir));
    const exported = await ctx.step("cx-as-code", "export", first, run(work, ["apply", "-auto-approve"]));
    const folder = path.join(work, "export");
    if (exported.code !== 0) return undefined;
    if (!fs.existsSync(path.join(folder, "terraform.tfstate"))) return "the export wrote no terraform.tfstate";
    const blocks = applyFolder(folder, first.port, tc, "import-blocks");
    const applied = await ctx.step("cx-as-code", "apply-import-blocks", first, run(blocks, ["apply", "-auto-approve"]));
    if (applied.code === 0) await ctx.step("cx-as-code", "plan-noop", first, run(blocks, ["plan"]));
    const second = await org();
    const written = applyFolder(folder, second.port, tc, "as-written");
    await ctx.step("cx-as-code", "apply-as-written", second, run(written, ["apply", "-auto-approve"]));
    for (const dir of [blocks, written]) fs.rmSync(dir, { recursive: true, force: true });
    return undefined;
  } finally {
    ctx.cleanups.delete(drop);
    await drop();
  }
}

/** The round at `opts.n`: ours' steps, then the exporter's route; targets judged by ADOPTION_RULE. */
export async function adoptionRound(
  opts: AdoptionOptions,
  tc: TofuToolchain,
  log: (m: string) => void,
  cleanups: Set<() => Promise<void>>,
  save: (r: AdoptionResults) => void,
): Promise<AdoptionResults> {
  const { n } = opts;
  const res: AdoptionResults = { steps: [], targets: [], failures: [], notes: [] };
  log(`adoption N = ${n}: publishing the source org (${n + 2} flows)`);
  const t0 = Date.now();
  const source = await sourceOrg(n);
  res.notes.push(
    `The source org: ${source.flows} flows (${n} callers of four kinds, 2 modules) and the ${source.queues} queues they name, published in ${r2((Date.now() - t0) / 1000)} s; each tool's emulator starts from the same snapshot.`,
  );
  const ctx: RoundContext = {
    n,
    opts,
    source,
    cleanups,
    step: async (side, name, emu, run) => {
      const s = await measured(n, side, name, emu, run, log);
      res.steps.push(s);
      if (s.code !== 0)
        res.failures.push(`adoption N = ${n} ${s.side} ${s.step}: exit ${s.code}${s.timedOut ? " (timed out)" : ""}`);
      save(res);
      return s;
    },
  };
  await oursSteps(ctx);
  const wrong = await exporterSteps(ctx, tc);
  if (wrong !== undefined) res.failures.push(`adoption N = ${n}: ${wrong}`);

  res.targets = judgeAdoption(res.steps) ?? [];
  if (res.targets.length === 0)
    res.notes.push(
      `The adoption targets (bench/targets.ts ADOPTION_RULE) are judged at N = ${ADOPTION_RULE.ns.join(", ")} only.`,
    );
  const slow = res.targets.filter((t) => !t.met);
  if (slow.length > 0)
    res.notes.push(
      `Where the time goes (${slow.length} target(s) not met), by step, from the org's request log: ${res.steps.map(phaseText).join("; ")}.`,
    );
  save(res);
  return res;
}

/** One step's phases in words. */
export function phaseText(s: AdoptionStep): string {
  const p = s.phases;
  if (!p) return `${s.side} ${s.step} ${s.wallS} s: no request`;
  const kinds = p.topKinds.map((k) => `${k.count} ${k.kind}`).join(", ");
  return `${s.side} ${s.step} ${s.wallS} s: ${p.beforeFirstRequestS} s before its first request, ${p.requestsS} s of requests (${p.requestsIdleS} s with none in flight; ${s.requests} answered, ${s.throttled} 429s; most: ${kinds}), ${p.afterLastRequestS} s after its last`;
}

/** The round's tables as Markdown. */
export function adoptionMarkdown(res: AdoptionResults, opts: AdoptionOptions): string {
  const rows = res.steps.map(
    (s) =>
      `| ${s.side} | ${s.step} | ${s.code} | ${s.wallS} | ${s.peakRssMB} | ${s.largestProcessMB} (${s.largestProcess}) | ${s.cpuS} | ${s.requests} | ${s.throttled} | ${s.publishes} |`,
  );
  return [
    `# Adoption round, N = ${opts.n} (bench/targets.ts ADOPTION_RULE, issue ${ADOPTION_RULE.issue})`,
    "",
    `${ADOPTION_RULE.latencyMs} ms a request, ${ADOPTION_RULE.requestsPerMinute} requests a minute a token; ours as the ${ADOPTION_RULE.stack} stack with its shipped settings, OpenTofu and the exporter with their defaults; both signed in with the OAuth client.`,
    "",
    "| side | step | exit | wall s | peak tree MB | largest process MB | CPU s | requests | 429s | publishes |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    "## Targets",
    "",
    ...res.targets.map((t) => `- ${t.met ? "met" : "**not met**"}: ${t.what}: ${t.value}`),
    "",
    "## Where the time goes",
    "",
    ...res.steps.map((s) => `- ${phaseText(s)}`),
    "",
    ...(res.notes.length > 0 ? ["## Notes", "", ...res.notes.map((x) => `- ${x}`), ""] : []),
    ...(res.failures.length > 0 ? ["## Failures", "", ...res.failures.map((x) => `- ${x}`), ""] : []),
    ...res.steps
      .filter((s) => s.failure)
      .map((s) => `### ${s.side} ${s.step} printed\n\n\`\`\`\n${s.failure}\n\`\`\`\n`),
  ].join("\n");
}
