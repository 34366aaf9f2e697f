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
import { flowsDiff, readReviewState } from "../../diff/projectReview";
import { checkEmulatorOrg } from "../../project/orgFileCheck";
import { reviewJson, type ReviewJson } from "../../diff/review";
import { agreementFlows, agreementRouting, agreementSettings } from "./portfolio";
import type { PreviewStep } from "./actions";
import { readStackExport } from "../../org/stackExport";
import { readStackSettings } from "../../project/stackFile";
import { workingTreeSource } from "../../project/releaseSource";
import { connectToOrg } from "../../org/signIn";
import { StackRun } from "../../run/stackRun";
import type { FlowChange } from "../../run/flowChanges";
import { fastNoop, inputDigests, recordFingerprint, type FastAnswer } from "../../run/fastNoop";
import type { VerifyReport } from "../../verify/report";
import type { OrgStateOfRun } from "../../org/personChanges";
import { reviewOrgState } from "../../diff/reviewOrgState";
import { publish, signIn } from "../../testkit/emulator";
import { peopleState } from "../../run/people/reads";
import { runChanges } from "../../run/changes";
import { verifyRun } from "../../run/runVerify";

/** The org's people the stateful cases have act (an ops console's OAuth client, and Jane signing in through it). */
export const OPS_CLIENT = { id: "ops-client", secret: "ops-secret", name: "Ops Console" };
export const JANE = { name: "Jane Doe", username: "jane@example.com", password: "jane-pw" };

/** The code id the tier's fast no-op records and checks with (its code runs from the sources: no build id). */
const TIER_CODE = "agreement tier";

/** The preview's (or an up's) steps, or why there are none. */
export interface EngineRun {
  code: number;
  steps: PreviewStep[];
  /** The run's diagnostics and output's end, for a report. */
  output: string;
  /** The engine's warning diagnostics (the people guard's section among them). */
  warnings: string[];
}

/** The JSON document `pulumi preview --json` prints. */
export function stepsOf(result: PulumiResult): EngineRun {
  let doc: { steps?: PreviewStep[]; diagnostics?: Array<{ message?: string; severity?: string }> } = {};
  try {
    doc = JSON.parse(result.stdout) as typeof doc;
  } catch {
    if (result.code === 0) throw new Error(`pulumi printed no JSON: ${result.stdout.slice(0, 500)}`);
  }
  const diagnostics = (doc.diagnostics ?? []).filter((d) => d.severity === "error").map((d) => d.message ?? "");
  const warnings = (doc.diagnostics ?? []).filter((d) => d.severity === "warning").map((d) => d.message ?? "");
  return {
    code: result.code,
    steps: doc.steps ?? [],
    output: [...diagnostics, result.code !== 0 ? result.output.slice(-3000) : ""].join("\n").trim(),
    warnings,
  };
}

/** An engine event of `pulumi up --json --skip-preview` (one a line; the parts read here). */
interface EngineEvent {
  resourcePreEvent?: { metadata: { op: string; urn: string; old?: { retainOnDelete?: boolean } | null } };
  diagnosticEvent?: { message?: string; severity?: string };
}

/** The steps of an update, from the events `pulumi up --json --skip-preview` prints: each resource's step as the engine took it. */
export function stepsOfEvents(result: PulumiResult): EngineRun {
  const events = result.stdout
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as EngineEvent);
  const steps = events.flatMap((e): PreviewStep[] => {
    const m = e.resourcePreEvent?.metadata;
    return m
      ? [{ op: m.op, urn: m.urn, ...(m.old?.retainOnDelete === true ? { oldState: { retainOnDelete: true } } : {}) }]
      : [];
  });
  const diagnostics = events.flatMap((e) =>
    e.diagnosticEvent?.severity === "error" ? [e.diagnosticEvent.message ?? ""] : [],
  );
  const warnings = events.flatMap((e) =>
    e.diagnosticEvent?.severity === "warning" ? [e.diagnosticEvent.message ?? ""] : [],
  );
  return {
    code: result.code,
    steps,
    output: [...diagnostics, result.code !== 0 ? result.output.slice(-3000) : ""].join("\n").trim(),
    warnings,
  };
}

export class Workspace {
  /** The commit the stack runs (what `up` last deployed). */
  deployed = "";
  private exported?: { commit: string; text: string };
  /** Why the last up recorded no fingerprint for the fast no-op (run/fastNoop.ts), if it did not. */
  unrecorded?: string;
  private constructor(readonly p: E2eProject) {}

  /** A copy of the project with the tier's portfolio, a git repository holding it at commit "portfolio" (no stack file yet). */
  static async create(): Promise<Workspace> {
    // The org's people (stateful.test.ts: a person's hotfix): an ops console's OAuth client and Jane, who signs in through it.
    const p = await createProject({
      flows: agreementFlows(),
      routing: agreementRouting(),
      settings: agreementSettings(),
      emulator: { people: { clients: [OPS_CLIENT], users: [JANE] } },
    });
    // The copy's scenario files are the shipped examples' (the wave gate would run them against this portfolio's flows).
    fs.rmSync(path.join(p.dir, "scenarios"), { recursive: true, force: true });
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
    return execFileSync(
      "git",
      ["-c", "user.name=agreement", "-c", "user.email=agreement@example.com", "-c", "commit.gpgsign=false", ...args],
      {
        cwd: this.dir,
        stdio: "pipe",
        env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
      },
    ).toString();
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
    return this.git("diff", "--name-only", this.deployed, "--", "flows", "routing", "Pulumi.local.yaml")
      .split("\n")
      .filter((l) => l !== "")
      .sort();
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
    return Object.fromEntries(
      Object.entries(config)
        .filter(([k]) => k.startsWith("genesys-flows:"))
        .map(([k, v]) => [k.slice("genesys-flows:".length), v]),
    );
  }

  /**
   * The review of the stack (`genesys-flows diff --base <deployed> --stack local --json`, in process),
   * with the stack's state when `withState` (what `--org local` reads: a rollout in waves).
   */
  async review(withState = false): Promise<ReviewJson> {
    const state = withState ? await readReviewState(this.dir, "local") : undefined;
    const report = flowsDiff(this.dir, this.deployed, {
      stack: "local",
      format: "text",
      emulatorOrg: checkEmulatorOrg,
      ...(state ? { state } : {}),
    });
    return reviewJson({ ...report, base: this.deployed, stack: "local" });
  }

  /**
   * `pulumi preview --json`, without the policy pack unless `withPack`: the pack only judges
   * whether a run may go (no remediation changes an input), so the steps are the same, and the
   * pack's verdict against the planner's is the policy tier's; it costs a third of a preview.
   */
  async preview(withPack = false): Promise<EngineRun> {
    return stepsOf(
      await this.p.pulumi(["preview", "--stack", "local", ...(withPack ? policyArgs("local") : []), "--json"]),
    );
  }

  /**
   * Commits the working tree, then `pulumi up --skip-preview --json` with the policy pack (the
   * release it records names that commit; its steps from the update's own events); fails the tier
   * unless it succeeds. The commit is then the deployed one.
   */
  async up(message: string): Promise<EngineRun> {
    const commit = this.commit(message);
    const before = inputDigests(this.dir, this.dir, "local", this.env());
    const result = await this.p.pulumi([
      "up",
      "--yes",
      "--skip-preview",
      "--stack",
      "local",
      ...policyArgs("local"),
      "--json",
    ]);
    expectOk(result);
    this.deployed = commit;
    // As the command line does after a successful up: the fingerprint the next run's fast no-op reads.
    this.unrecorded = await recordFingerprint(this.run(), { code: TIER_CODE, env: this.env(), before });
    return stepsOfEvents(result);
  }

  /** The environment the engine runs in (its backend: the copy's .work/state). */
  private env(): NodeJS.ProcessEnv {
    return { ...process.env, ...this.p.pulumiEnv };
  }

  /** A run of the working tree as the program makes it, its state read with `readExport`. */
  private run(
    readExport: () => Promise<string | undefined> = () => readStackExport("local", { root: this.dir, env: this.env() }),
  ): StackRun {
    return new StackRun({
      stack: "local",
      root: this.dir,
      source: { ...workingTreeSource(this.dir, "local"), sourcesRoot: this.dir },
      io: {
        readSettings: () => readStackSettings(this.dir, "local"),
        readExport,
        connect: (settings) => connectToOrg({ stack: "local", settings, env: process.env, secret: this.p.secret }),
      },
    });
  }

  /** The fast no-op's answer for the working tree (run/fastNoop.ts, as `npm run preview` asks it). */
  fast(): Promise<FastAnswer> {
    return fastNoop(this.run(), { code: TIER_CODE, env: this.env(), flags: {} });
  }

  /** The fast no-op's answer and the verify after it, as `genesys-flows up` runs them (one run: verify compares the flows the fast path read). */
  async fastThenVerify(): Promise<{ fast: FastAnswer; verify: VerifyReport }> {
    const run = this.run();
    const fast = await fastNoop(run, { code: TIER_CODE, env: this.env(), flags: {} });
    return { fast, verify: await verifyRun(run) };
  }

  /** verify on its own (`genesys-flows verify --stack local`): the org read afresh. */
  verify(): Promise<VerifyReport> {
    return verifyRun(this.run());
  }

  /** What people did to the flows a run of the working tree changes, as the run reads it (run/people/reads.ts peopleState: what the people guard decides from). */
  runOrgState(): Promise<OrgStateOfRun> {
    return peopleState(this.run());
  }

  /**
   * The review's org state (`genesys-flows diff --stack local --org local`: diff/reviewOrgState.ts
   * over a run's orgState, as tools/flowsDiff.ts reads it), signed in as the stack.
   */
  async reviewOrgState(): Promise<OrgStateOfRun> {
    const settings = readStackSettings(this.dir, "local");
    const connect = () => connectToOrg({ stack: "local", settings, env: process.env, secret: this.p.secret });
    const run = this.run();
    const read = () => peopleState(run);
    return reviewOrgState({ stack: "local", deployment: () => run.deployment(), probeOrg: connect, read, ci: false });
  }

  /** A person publishes `name` as the org runs it with `description` set (an out-of-band hotfix, as Jane through the ops console). */
  async personPublishes(name: string, description: string): Promise<string> {
    const emu = this.p.emulator;
    const token = await signIn(emu, {
      clientId: OPS_CLIENT.id,
      clientSecret: OPS_CLIENT.secret,
      username: JANE.username,
      password: JANE.password,
    });
    const flow = emu.store.listFlows().find((f) => f.name === name && !f.deleted);
    if (!flow) throw new Error(`the org has no flow ${name}`);
    const doc = YAML.parseDocument(flow.versions[flow.versions.length - 1].text);
    const top = (doc.contents as YAML.YAMLMap<YAML.Scalar<string>>).items[0].key.value;
    doc.setIn([top, "description"], description);
    const job = await publish(emu, doc.toString(), token);
    if (job.status !== "Success") throw new Error(`the person's publish of ${name} failed: ${JSON.stringify(job)}`);
    return emu.store
      .listFlows()
      .find((f) => f.id === flow.id)!
      .versions.at(-1)!.id;
  }

  /**
   * The run's change set (run/flowChanges.ts) for the working tree against the stack's state: what
   * a run of the stack (run/stackRun.ts, as the program makes it) decides the engine does to each
   * flow, the wave gate included (it signs in to the emulator when a rollout's next wave is due).
   */
  async runChanges(): Promise<FlowChange[]> {
    // The state changes only with an up: one export per deployed commit.
    if (this.exported?.commit !== this.deployed)
      this.exported = { commit: this.deployed, text: (await readStackExport("local", { root: this.dir })) ?? "" };
    const text = this.exported.text;
    return runChanges(this.run(async () => text));
  }

  /** The state changed without an up of the tier's (a run that stopped): the next change set reads it again. */
  stateChanged(): void {
    this.exported = undefined;
  }

  /** `pulumi up --skip-preview` with the policy pack that must fail (a guard stops it): what a stopped run leaves in the state. */
  async stoppedUp(): Promise<string> {
    const result = await this.p.pulumi(["up", "--yes", "--skip-preview", "--stack", "local", ...policyArgs("local")]);
    if (result.code === 0)
      throw new Error(`the up was expected to stop, and succeeded:\n${result.output.slice(-3000)}`);
    this.stateChanged();
    return result.output;
  }

  async cleanup(): Promise<void> {
    await this.p.cleanup();
  }
}
