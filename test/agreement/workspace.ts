// The agreement tier's deployed stack: a temporary copy of the project (testkit/harness.ts) with
// the tier's portfolio, made a git repository so the review reads its base with git as in a pull
// request; the real engine, provider and policy pack against an emulator on an ephemeral port.
// A case edits the working tree; `reset` puts the deployed commit back (git checkout and clean),
// which costs nothing as long as the case was only previewed.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { createProject, expectOk, policyArgs, type E2eProject, type PulumiResult } from "../../testkit/harness";
import { flowsDiff, readReviewState } from "../../tools/flowsDiff";
import { reviewJson, type ReviewJson } from "../../diff/review";
import { agreementFlows, agreementRouting, agreementSettings } from "./portfolio";
import type { PreviewStep } from "./actions";
import { parseStackExport, readStackExport } from "../../org/stackExport";
import { readPortfolio } from "../../project/portfolio";
import { waveFlowsOf } from "../../planner/portfolio";
import { planWaves } from "../../planner/waves";
import { flowChanges, plannedRunFlows, type FlowChange } from "../../run/flowChanges";

/** The preview's (or an up's) steps, or why there are none. */
export interface EngineRun {
  code: number;
  steps: PreviewStep[];
  /** The run's diagnostics and output's end, for a report. */
  output: string;
}

/** The first JSON document `pulumi preview --json` (or `up --json`) prints. */
export function stepsOf(result: PulumiResult): EngineRun {
  const text = result.stdout.trim();
  let doc: { steps?: PreviewStep[]; diagnostics?: Array<{ message?: string; severity?: string }> } = {};
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch (e) {
    // `up --json` prints the update's document after the preview's: read up to where the first ends.
    const m = /position (\d+)/.exec((e as Error).message);
    if (m) doc = JSON.parse(text.slice(0, Number(m[1]))) as typeof doc;
    else if (result.code === 0) throw new Error(`pulumi printed no JSON: ${text.slice(0, 500)}`);
  }
  const diagnostics = (doc.diagnostics ?? []).filter((d) => d.severity === "error").map((d) => d.message ?? "");
  return { code: result.code, steps: doc.steps ?? [], output: [...diagnostics, result.code !== 0 ? result.output.slice(-3000) : ""].join("\n").trim() };
}

export class Workspace {
  /** The commit the stack runs (what `up` last deployed). */
  deployed = "";
  private exported?: { commit: string; text: string };
  private constructor(readonly p: E2eProject) {}

  /** A copy of the project with the tier's portfolio, a git repository holding it at commit "portfolio" (no stack file yet). */
  static async create(): Promise<Workspace> {
    const p = await createProject({ flows: agreementFlows(), routing: agreementRouting(), settings: agreementSettings() });
    const w = new Workspace(p);
    w.git("init", "-q", "-b", "main");
    w.git("add", "flows", "routing");
    w.git("commit", "-q", "-m", "the portfolio, no stack yet");
    w.deployed = w.head();
    return w;
  }

  get dir(): string {
    return this.p.dir;
  }

  git(...args: string[]): string {
    return execFileSync("git", ["-c", "user.name=agreement", "-c", "user.email=agreement@example.com", "-c", "commit.gpgsign=false", ...args], {
      cwd: this.dir,
      stdio: "pipe",
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
    }).toString();
  }

  head(): string {
    return this.git("rev-parse", "HEAD").trim();
  }

  /** Commits the stack's sources as they are (flows/, routing/, the stack file); returns the commit. */
  commit(message: string): string {
    this.git("add", "-A", "flows", "routing", "Pulumi.local.yaml");
    this.git("commit", "-q", "--allow-empty", "-m", message);
    return this.head();
  }

  /** The working tree back at the deployed commit: the stack's sources only. */
  reset(): void {
    // The index first (a file a case added is in it as intended), then the files, then what git does not track.
    this.git("reset", "-q", this.deployed, "--", "flows", "routing", "Pulumi.local.yaml");
    this.git("checkout", "-q", this.deployed, "--", "flows", "routing", "Pulumi.local.yaml");
    this.git("clean", "-fdq", "--", "flows", "routing");
  }

  /** The files the working tree changes against the deployed commit. */
  changedFiles(): string[] {
    this.git("add", "-A", "-N", "flows", "routing");
    return this.git("diff", "--name-only", this.deployed, "--", "flows", "routing", "Pulumi.local.yaml").split("\n").filter((l) => l !== "").sort();
  }

  /** The diff of the working tree against the deployed commit, for a report. */
  diffText(): string {
    this.git("add", "-A", "-N", "flows", "routing");
    return this.git("diff", this.deployed, "--", "flows", "routing", "Pulumi.local.yaml");
  }

  read(file: string): string {
    return fs.readFileSync(path.join(this.dir, file), "utf8");
  }

  write(file: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
    fs.writeFileSync(path.join(this.dir, file), text);
  }

  remove(file: string): void {
    fs.rmSync(path.join(this.dir, file));
  }

  exists(file: string): boolean {
    return fs.existsSync(path.join(this.dir, file));
  }

  /** Edits a YAML file in place (comments and order kept). */
  editYaml(file: string, edit: (doc: YAML.Document) => void): void {
    const doc = YAML.parseDocument(this.read(file), { version: "1.2" });
    edit(doc);
    this.write(file, doc.toString());
  }

  /** Edits the stack's `genesys-flows:*` settings (bare keys). */
  editConfig(edit: (config: Record<string, unknown>) => void): void {
    this.p.editConfig(edit);
  }

  config(): Record<string, unknown> {
    const config = (YAML.parse(this.read("Pulumi.local.yaml")) as { config: Record<string, unknown> }).config;
    return Object.fromEntries(Object.entries(config).filter(([k]) => k.startsWith("genesys-flows:")).map(([k, v]) => [k.slice("genesys-flows:".length), v]));
  }

  /**
   * The review of the stack (`genesys-flows diff --base <deployed> --stack local --json`, in process),
   * with the stack's state when `withState` (what `--org local` reads: a rollout in waves).
   */
  async review(withState = false): Promise<ReviewJson> {
    const state = withState ? await readReviewState(this.dir, "local") : undefined;
    const report = flowsDiff(this.dir, this.deployed, { stack: "local", format: "text", ...(state ? { state } : {}) });
    return reviewJson({ ...report, base: this.deployed, stack: "local" });
  }

  /** `pulumi preview --json` with the policy pack. */
  async preview(opts: { env?: NodeJS.ProcessEnv; args?: string[] } = {}): Promise<EngineRun> {
    return stepsOf(await this.p.pulumi(["preview", "--stack", "local", ...policyArgs("local"), "--json", ...(opts.args ?? [])], opts.env ? { env: opts.env } : {}));
  }

  /**
   * Commits the working tree, then `pulumi up --json` with the policy pack (the release it records
   * names that commit); fails the tier unless it succeeds. The commit is then the deployed one.
   */
  async up(message: string, opts: { env?: NodeJS.ProcessEnv } = {}): Promise<EngineRun> {
    const commit = this.commit(message);
    const result = await this.p.pulumi(["up", "--yes", "--stack", "local", ...policyArgs("local"), "--json"], opts.env ? { env: opts.env } : {});
    expectOk(result);
    this.deployed = commit;
    return stepsOf(result);
  }

  /**
   * The run's change set (run/flowChanges.ts) for the working tree against the stack's state, as the
   * program computes it: the head's portfolio, the callers a rollout in waves holds keeping their trigger.
   */
  async runChanges(): Promise<FlowChange[]> {
    // The state changes only with an up: one export per deployed commit.
    if (this.exported?.commit !== this.deployed) this.exported = { commit: this.deployed, text: (await readStackExport("local", { root: this.dir })) ?? "{}" };
    const { deployment } = parseStackExport("local", this.exported.text);
    const portfolio = readPortfolio(this.dir, "local");
    const held = new Map<string, string>();
    if (Object.keys(portfolio.settings.waves).length > 0) {
      const { plan } = planWaves({ flows: waveFlowsOf(portfolio.flows), waves: portfolio.settings.waves, deployed: new Map(deployment.flows.map((f) => [f.id, f])), previous: deployment.waves ?? [], stackFile: "Pulumi.local.yaml" });
      for (const [id, h] of plan.held) held.set(id, h.updateTriggerHash);
    }
    return flowChanges(plannedRunFlows(portfolio, deployment, held), deployment);
  }

  async cleanup(): Promise<void> {
    await this.p.cleanup();
  }
}
