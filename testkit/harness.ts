// The e2e harness (shared by the e2e tier and the benchmark, so it lives in production code the
// benchmark may import): a temporary copy of the project with its own state folder, the real Pulumi
// engine and the real Genesys provider (through tools/pulumi.sh), and an emulator on an
// ephemeral 127.0.0.1 port started in this process so tests can read its state and request log.
import { spawn } from "node:child_process";
import { capture, type Captured } from "../project/pulumiCli";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as YAML from "yaml";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../emulator/server";
import { simulateCalls } from "../behaviour/simulatedCalls";
import type { OperationKind, RequestLogEntry } from "../emulator/requestLog";
import { tempProject, writeFiles } from "./tempProject";
import { readyToolchainEnv } from "./toolchainEnv";
import { encryptionSalt, readStackSecret, withSecretsEncrypted } from "./stackSecrets";
import { portfolioFiles } from "./fixtures";
import { orgFileOf, type OrgFileInput } from "../project/orgFile";
import { readPortfolio } from "../project/portfolio";
import { routingPlanInput } from "../project/routingFiles";
import { planRouting, routingObjectsOf, type PlannedRouting } from "../planner/routing";
import { toolRoot } from "../project/root";

/** The project's folder (the benchmark runs this file precompiled, from a cache folder: project/root.ts). */
export const ROOT = toolRoot();

/**
 * What the copy needs to run the stack: every top-level entry of the project but these (node_modules
 * and the SDK are linked; the flows, the routing files and the stack file are the test's own).
 */
const NOT_COPIED = new Set([
  ...[".git", ".work", "node_modules", "sdks", "test", "bench", "docs"],
  ...["flows", "routing", "objects", "coverage"],
]);
const LINKED = ["node_modules", "sdks"];

export interface PulumiResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout + stderr, for messages. */
  output: string;
}

export interface E2eProject {
  dir: string;
  stack: string;
  emulator: RunningEmulator;
  /** What a `pulumi` run of the copy needs in its environment: its file backend, and for a stack other than local its passphrase. */
  pulumiEnv: Readonly<Record<string, string>>;
  /** Runs `pulumi <args>` in the copy (tools/pulumi.sh: pinned CLI, offline env, file backend). */
  pulumi(args: string[], opts?: { env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<PulumiResult>;
  /** Runs a user's own `pulumi <args>` in the copy: `eval "$(genesys-flows env)"`, then pulumi, no wrapper. */
  ownPulumi(args: string[], opts?: { env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<PulumiResult>;
  /** A team's own Automation API program on the copy (testkit/ownAutomation.js) in the `genesys-flows env` environment: `up` and `preview` with the policy pack and the stack's policy config, `destroy` running the program. */
  ownAutomation(command: "up" | "preview" | "destroy"): Promise<PulumiResult>;
  /**
   * `up --yes` with the policy pack and the local policy config: pulumi previews first, as a
   * person's `pulumi up --yes` does. Steps that check the update itself (what it publishes, how it
   * fails at the org) pass `--skip-preview`: the preview runs the program and the pack once more,
   * about half an up's CPU; refusals a person meets in the preview keep it.
   */
  up(extra?: string[]): Promise<PulumiResult>;
  preview(extra?: string[]): Promise<PulumiResult>;
  destroy(): Promise<PulumiResult>;
  read(file: string): string;
  write(file: string, text: string): void;
  /** Edits the `genesys-flows:*` config in the copy's stack file (Pulumi.<stack>.yaml); secret settings are written encrypted. */
  editConfig(edit: (config: Record<string, unknown>) => void): void;
  /**
   * The decrypted value of the stack file's secret `genesys-flows:<key>`, as `pulumi config get`
   * prints it: for code of a test that signs in to the copy's org in its own process
   * (connectToOrg's `secret`), where pulumi would otherwise decrypt the repository's stack file.
   */
  secret(key: string): Promise<string>;
  /** Marks the request log; `since(mark)` counts operations after it. */
  mark(): number;
  count(operation: OperationKind, since?: number): number;
  cleanup(): Promise<void>;
}

/** Fails with the run's last output unless `pulumi` exited 0. */
export function expectOk(result: { code: number; output: string }): void {
  if (result.code !== 0) throw new Error(`pulumi exited ${result.code}:\n${result.output.slice(-6000)}`);
}

export function policyArgs(stack = "local"): string[] {
  return ["--policy-pack", "policies", "--policy-pack-config", `policies/config/${stack}.json`];
}

export interface ProjectOptions {
  emulator?: EmulatorOptions;
  /**
   * The emulator org's objects. "named" (default): before every pulumi run, the org gets what the
   * project's flows name (the org-reference check then passes, as on an org that has them);
   * "fixed": the org is emulator.org (or empty) and only the test changes it (emulator.setOrg).
   */
  orgObjects?: "named" | "fixed";
  /** The flow files of the copy (path under flows/ -> text); default: the e2e portfolio (fixtures.ts). */
  flows?: Record<string, string>;
  /** The routing files of the copy (path under routing/ -> text); default: none. */
  routing?: Record<string, string>;
  /** The org object files of the copy (path under objects/ -> text); default: none. */
  objects?: Record<string, string>;
  /** Extra `genesys-flows:*` settings of the stack file (bare keys). */
  settings?: Record<string, unknown>;
  /**
   * The stack's name (default "local"). Another name deploys the copy as an org's stack does
   * (tools/pulumi.sh's defaults for it, policies/config/<stack>.json): the copy's file backend
   * still, and a passphrase of its own (it protects nothing).
   */
  stack?: string;
  /**
   * The stack's state backend (PULUMI_BACKEND_URL; default the copy's own file backend in
   * .work/state): a backend several copies share (testkit/postgres.ts), each copy a machine.
   */
  backend?: string;
}

/** The local stack's passphrase when none is set: tools/pulumiEnv.sh's. */
const LOCAL_STACK_PASSPHRASE = "genesys-flows-local";

/** The passphrase of a test stack other than local (tools/pulumiEnv.sh gives local its own). */
const TEST_STACK_PASSPHRASE = "genesys-flows-test-stack";

/** A temporary copy of the project's program: what `keep` admits of the top-level entries NOT_COPIED does not exclude, node_modules and the SDK linked. */
function copyProgram(prefix: string, keep: (entry: string) => boolean): string {
  const dir = tempProject({}, { prefix });
  for (const entry of fs.readdirSync(ROOT)) {
    if (!keep(entry)) continue;
    // Timestamps kept: `npm start` in a copy compares package-lock.json with the linked
    // node_modules, and a fresher lock file would make it run `npm ci` into the repo's node_modules.
    // Links as they are (policies/config -> ../templates/portfolio/...): resolved, a test's write
    // through the copy's link would change the repository's own file.
    fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), {
      recursive: true,
      preserveTimestamps: true,
      verbatimSymlinks: true,
    });
  }
  for (const entry of LINKED) fs.symlinkSync(path.join(ROOT, entry), path.join(dir, entry));
  return dir;
}

/**
 * A temporary copy of the project as shipped, its example portfolio, routing and stack files
 * included (the benchmark's round of the shipped portfolio's `npm start`): nothing of it is the
 * caller's. The caller points the local stack at a free port and removes the folder.
 */
export function copyShippedProject(): string {
  const shipped = new Set(["flows", "routing", "objects"]);
  return copyProgram("genesys-flows-shipped-", (entry) => !NOT_COPIED.has(entry) || shipped.has(entry));
}

/** The toolchain's environment for a copy's commands, marked ready (testkit/toolchainEnv.ts); without a toolchain nothing, and each command checks and says so. */
const toolchainEnv = (dir: string): Record<string, string> => readyToolchainEnv(dir) ?? {};

export async function createProject(options: ProjectOptions = {}): Promise<E2eProject> {
  const dir = copyProgram("genesys-flows-e2e-", (entry) => !NOT_COPIED.has(entry) && !/^Pulumi\..+\.yaml$/.test(entry));
  writeFiles(
    dir,
    Object.fromEntries(
      Object.entries(options.flows ?? portfolioFiles()).map(([file, text]) => [`flows/${file}`, text]),
    ),
  );
  for (const root of ["routing", "objects"] as const) {
    const files = Object.entries(options[root] ?? {}).map(([file, text]) => [`${root}/${file}`, text]);
    writeFiles(dir, Object.fromEntries(files));
  }
  // Before the emulator starts: the first call in a worker runs setup.sh synchronously.
  const toolchainVars = toolchainEnv(dir);
  const emulator = await startEmulator({ port: 0, simulator: simulateCalls, ...options.emulator });
  const stack = options.stack ?? "local";
  const stackFile = path.join(dir, `Pulumi.${stack}.yaml`);
  // The test's own stack file, its secrets (the emulator's token, or the OAuth client's secret)
  // encrypted as `pulumi config set --secret` writes them (testkit/stackSecrets.ts): the pack's
  // stack-secrets rule refuses a plain one in a test's stack as in a real one.
  const passphrase =
    process.env.PULUMI_CONFIG_PASSPHRASE ?? (stack === "local" ? LOCAL_STACK_PASSPHRASE : TEST_STACK_PASSPHRASE);
  const settings: Record<string, unknown> = {
    environment: "local",
    namePrefix: "local-",
    forceUnlock: "true",
    provider: { tokenPoolSize: 1 },
    accessToken: emulator.accessToken,
    substitutions: { sales_queue: "Sales" },
    ...options.settings,
  };
  const config = Object.fromEntries(Object.entries(settings).map(([k, v]) => [`genesys-flows:${k}`, v]));
  fs.writeFileSync(
    stackFile,
    YAML.stringify({ config: withSecretsEncrypted(config, passphrase), encryptionsalt: encryptionSalt(passphrase) }),
  );

  const editConfig = (edit: (config: Record<string, unknown>) => void) => {
    const doc = YAML.parseDocument(fs.readFileSync(stackFile, "utf8"));
    const config = (doc.toJS() as { config: Record<string, unknown> }).config;
    const bare: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(config))
      if (k.startsWith("genesys-flows:")) bare[k.slice("genesys-flows:".length)] = v;
    edit(bare);
    for (const k of Object.keys(config)) if (k.startsWith("genesys-flows:")) doc.deleteIn(["config", k]);
    const edited = withSecretsEncrypted(
      Object.fromEntries(Object.entries(bare).map(([k, v]) => [`genesys-flows:${k}`, v])),
      passphrase,
    );
    for (const [k, v] of Object.entries(edited)) doc.setIn(["config", k], doc.createNode(v));
    fs.writeFileSync(stackFile, doc.toString());
  };
  // Point the provider at this test's emulator.
  editConfig((c) => {
    const provider = (c.provider ?? {}) as Record<string, unknown>;
    provider.gateway = { protocol: "http", host: "127.0.0.1", port: String(emulator.port) };
    c.provider = provider;
  });

  // The copy's file backend, and for a stack other than local its passphrase. The provider's plugin
  // sockets in a folder of the test's, removed with the copy: the Genesys provider (HashiCorp
  // go-plugin) opens a Unix socket in the temporary folder each time it starts, and Pulumi ends it
  // without letting it remove the socket, so every engine pass left one behind
  // (PLUGIN_UNIX_SOCKET_DIR: go-plugin's setting for where they go). Its own short path: a socket's
  // path is limited to about 100 bytes.
  const sockets = fs.mkdtempSync(path.join(os.tmpdir(), "gf-sockets-"));
  const pulumiEnv: Record<string, string> = {
    ...toolchainVars,
    PULUMI_BACKEND_URL: options.backend ?? `file://${path.join(dir, ".work/state")}`,
    PLUGIN_UNIX_SOCKET_DIR: sockets,
    ...(stack === "local" ? {} : { PULUMI_CONFIG_PASSPHRASE: passphrase }),
  };
  // Runs still in flight when a test times out or fails: cleanup kills them with their plugins.
  const running = new Set<number>();
  const run = (command: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}) => {
    if ((options.orgObjects ?? "named") === "named")
      emulator.setOrg(mergeOrg(options.emulator?.org, orgObjectsNamedIn(dir, stack)));
    const { pid, done } = started("bash", command, dir, { ...process.env, ...pulumiEnv, ...opts.env });
    if (pid !== undefined) running.add(pid);
    // The whole tree: killing only bash would orphan pulumi and its plugin processes.
    const timer = setTimeout(() => pid !== undefined && killTree(pid), opts.timeoutMs ?? 8 * 60_000);
    return done.finally(() => {
      clearTimeout(timer);
      if (pid !== undefined) running.delete(pid);
    });
  };
  const pulumi = (args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}) =>
    run([path.join(dir, "tools/pulumi.sh"), ...args, "--non-interactive"], opts);
  // A user's own pulumi, as docs/using-your-own-pulumi.md says: the environment `genesys-flows env`
  // prints, then pulumi itself (no wrapper of the project's between them).
  const ownPulumi = (args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}) =>
    run(
      ["-c", 'eval "$(node bin/genesys-flows env --stack "$0")" && exec pulumi "$@" --non-interactive', stack, ...args],
      opts,
    );

  const ownAutomation = (command: "up" | "preview" | "destroy") =>
    run([
      "-c",
      'eval "$(node bin/genesys-flows env --stack "$0")" && exec node "$@"',
      stack,
      path.join(ROOT, "testkit/ownAutomation.js"),
      command,
      stack,
      ...(command === "destroy"
        ? []
        : [path.join(dir, "policies"), path.join(dir, "policies/config", `${stack}.json`)]),
    ]);

  fs.mkdirSync(path.join(dir, ".work/state"), { recursive: true });
  // `stack init`, not `stack select --create`: creating a passphrase stack writes encryptionsalt
  // into the stack file, which the stack-file guard (tools/pulumi.sh) allows for init only.
  const init = await pulumi(["stack", "init", stack]);
  // On a shared backend another copy may have made the stack.
  const made = init.code === 0 || (options.backend !== undefined && /already exists/.test(init.output));
  if (!made) throw new Error(`pulumi stack init ${stack} failed:\n${init.output}`);

  let logBase = 0;
  return {
    dir,
    stack,
    emulator,
    pulumiEnv,
    pulumi,
    ownPulumi,
    ownAutomation,
    up: (extra = []) => pulumi(["up", "--yes", "--stack", stack, ...policyArgs(stack), ...extra]),
    preview: (extra = []) => pulumi(["preview", "--stack", stack, ...policyArgs(stack), ...extra]),
    // The flows carry delete hooks (components/flowGuard.ts): the engine runs the program on destroy only with --run-program.
    destroy: () => pulumi(["destroy", "--yes", "--run-program", "--stack", stack]),
    read: (file) => fs.readFileSync(path.join(dir, file), "utf8"),
    write: (file, text) => fs.writeFileSync(path.join(dir, file), text),
    editConfig,
    secret: async (key) => readStackSecret(fs.readFileSync(stackFile, "utf8"), `genesys-flows:${key}`, passphrase),
    mark: () => (logBase = emulator.requestLog.list().at(-1)?.seq ?? 0),
    // The claim a run holds beside each new flow (run/ownership/claimGuard.ts) is created and deleted by
    // name: deletes of flows the org never configured are the claims', not a flow's.
    count: (operation, since = logBase) =>
      emulator.requestLog
        .list()
        .filter(
          (e) =>
            e.seq > since &&
            e.operation === operation &&
            !(operation === "flow.delete" && emulator.store.getFlow(e.path.split("/").pop()!, true) === undefined),
        ).length,
    cleanup: async () => {
      for (const pid of running) killTree(pid);
      await emulator.stop();
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(sockets, { recursive: true, force: true });
    },
  };
}

/** What the copy's flows name under its stack file now; nothing when the project does not plan (a test of bad input). */
export function orgObjectsNamedIn(dir: string, stack: string): OrgFileInput {
  try {
    const portfolio = readPortfolio(dir, stack);
    // Not what the stack's own routing and object files create: the org does not hold those before its up.
    let created: PlannedRouting[] = [];
    try {
      created = planRouting(routingPlanInput(dir, portfolio)).objects;
    } catch {
      // routing files a test made invalid on purpose: the run refuses them, nothing is created
    }
    return orgFileOf(portfolio, routingObjectsOf(created));
  } catch {
    return {};
  }
}

/** `named` with `given` over it: an object the test describes (a data action's contract) wins. */
function mergeOrg(given: OrgFileInput | undefined, named: OrgFileInput): OrgFileInput {
  const out: Record<string, Map<string, unknown>> = {};
  for (const src of [named, given ?? {}]) {
    for (const [k, v] of Object.entries(src)) {
      const items = (out[k] ??= new Map());
      for (const i of (v as Array<{ name: string; category?: string }>) ?? [])
        items.set(`${i.category ?? ""}/${i.name}`, i);
    }
  }
  return Object.fromEntries(Object.entries(out).map(([k, m]) => [k, [...m.values()]])) as OrgFileInput;
}

/** The copy's state backend and plugin sockets, for a command run in it. */
const backendOf = ({ pulumiEnv: { PULUMI_BACKEND_URL, PLUGIN_UNIX_SOCKET_DIR } }: E2eProject) => ({
  PULUMI_BACKEND_URL,
  PLUGIN_UNIX_SOCKET_DIR,
});

/** What a project CLI run printed. */
export type ToolRun = Captured;

/**
 * Runs `genesys-flows <args>` in the copy, as bin/genesys-flows and the npm scripts do: the command
 * line precompiled (tools/jsbuild/cli.js, the build project/jsbuild.js makes and caches by the
 * sources' hash), not transpiled by ts-node at every run (about 5 s of CPU per command).
 */
export function runCli(
  project: E2eProject,
  args: string[],
  env: Readonly<Record<string, string>> = {},
): Promise<ToolRun> {
  return capture(process.execPath, ["tools/jsbuild/cli.js", ...args], project.dir, {
    ...process.env,
    ...toolchainEnv(project.dir),
    ...backendOf(project),
    ...env,
  });
}

/**
 * `genesys-flows <args>` in the copy as runCli runs it, without waiting for it, in its own process
 * group, so a test can stop it hard with everything it started (killTree).
 */
export function startCli(
  project: E2eProject,
  args: string[],
  env: Readonly<Record<string, string>> = {},
): { pid: number; done: Promise<ToolRun>; output: () => string } {
  const withCopy = { ...process.env, ...toolchainEnv(project.dir), ...backendOf(project), ...env };
  const run = started(process.execPath, ["tools/jsbuild/cli.js", ...args], project.dir, withCopy, true);
  return { ...run, pid: run.pid! };
}

/** `npm start` as a person types it (tools/bootstrap.sh, the toolchain check, the precompiled command line). */
export function npmStart(project: E2eProject): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const env = {
      ...process.env,
      ...readyToolchainEnv(project.dir),
      PULUMI_BACKEND_URL: `file://${path.join(project.dir, ".work/state")}`,
      PLUGIN_UNIX_SOCKET_DIR: project.pulumiEnv.PLUGIN_UNIX_SOCKET_DIR,
      npm_config_update_notifier: "false",
    };
    const child = spawn("npm", ["start"], { cwd: project.dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, out }));
  });
}

/** Published flows in the emulator's org (not deleted), by name. */
export function publishedFlows(
  emulator: RunningEmulator,
): Map<string, { id: string; type: string; version: number; text: string; published: number }> {
  const out = new Map<string, { id: string; type: string; version: number; text: string; published: number }>();
  for (const f of emulator.store.listFlows()) {
    if (f.deleted) continue;
    const v = f.versions[f.versions.length - 1];
    out.set(f.name, { id: f.id, type: f.type, version: v.number, text: v.text, published: v.dateCreated });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Additions for the reliability tier (test/e2e/reliability*.test.ts). Additive only.

/** A `pulumi` run started in the background, in its own process group, so a test can kill it. */
export interface BackgroundPulumi {
  pid: number;
  /** Resolves when the process exits (also after a kill). */
  done: Promise<PulumiResult>;
  /** Output so far. */
  output(): string;
  /** SIGKILL to pulumi, its process group and every descendant (language host, provider, analyzer). */
  killGroup(): void;
}

/**
 * Starts `pulumi <args>` in the copy like `project.pulumi`, but detached into its own process
 * group (kill(-pid) reaches every child) and without waiting for it.
 */
export function startPulumi(
  project: E2eProject,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv } = {},
): BackgroundPulumi {
  const env = {
    ...process.env,
    ...toolchainEnv(project.dir),
    PULUMI_BACKEND_URL: project.pulumiEnv.PULUMI_BACKEND_URL,
    ...opts.env,
  };
  const run = started(
    "bash",
    [path.join(project.dir, "tools/pulumi.sh"), ...args, "--non-interactive"],
    project.dir,
    env,
    true,
  );
  return { ...run, pid: run.pid!, killGroup: () => killTree(run.pid!) };
}

/**
 * `command <args>` in `cwd` with `env` (`detached`: in its own process group, so kill(-pid) reaches
 * every child), its output collected: its pid, its end, and its output so far.
 */
function started(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, detached = false) {
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<PulumiResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, output: stdout + stderr }),
    );
  });
  return { pid: child.pid, done, output: () => stdout + stderr };
}

/** Pids of every descendant of `root` (from /proc: pulumi starts its plugins in their own process groups). */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^[0-9]+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // pid (comm) state ppid ...: comm may hold spaces and parentheses, so split after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const c of children.get(queue.shift()!) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

/**
 * SIGKILL to `pid`, its process group and every descendant (collected first, so none is
 * reparented before it is found): what a killed CI runner or a closed terminal does to a run.
 */
export function killTree(pid: number): void {
  const all = [pid, ...descendants(pid)];
  const kill = (target: number): void => {
    try {
      process.kill(target, "SIGKILL");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ESRCH") throw e;
    }
  };
  kill(-pid);
  for (const p of all) kill(p);
}

/** Polls `predicate` every `everyMs` until it holds; throws after `timeoutMs`. */
export async function waitFor(
  predicate: () => boolean,
  what: string,
  timeoutMs = 5 * 60_000,
  everyMs = 200,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A resource of `pulumi stack export` (the parts these tests read). */
export interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
  /** The URNs it depends on (its dependsOn and the resources its inputs come from). */
  dependencies?: string[];
  outputs?: Record<string, unknown>;
  inputs?: Record<string, unknown>;
}

export interface ExportedState {
  resources: ExportedResource[];
  pendingOperations: Array<{ type: string; resource: ExportedResource }>;
  raw: string;
}

/** `pulumi stack export` (no --show-secrets), parsed. Throws when it fails or does not parse. */
export async function exportState(project: E2eProject): Promise<ExportedState> {
  const result = await project.pulumi(["stack", "export", "--stack", project.stack]);
  if (result.code !== 0) throw new Error(`pulumi stack export failed:\n${result.output}`);
  const doc = JSON.parse(result.stdout) as {
    deployment?: {
      resources?: ExportedResource[];
      pending_operations?: Array<{ type: string; resource: ExportedResource }>;
    };
  };
  return {
    resources: doc.deployment?.resources ?? [],
    pendingOperations: doc.deployment?.pending_operations ?? [],
    raw: result.stdout,
  };
}

/** The org objects (objects/<id>) the Flow of flow `id` depends on in a stack export, sorted. */
export function objectsBefore(state: ExportedState, id: string): string[] {
  const flow = state.resources.find((r) => r.type === "genesyscloud:index/flow:Flow" && r.urn.endsWith(`::${id}`));
  return (flow?.dependencies ?? [])
    .map((u) => u.split("::").pop()!)
    .filter((n) => n.startsWith("objects/"))
    .sort();
}

/** The genesyscloud flows recorded in a stack export: published name -> flow id. */
export function flowsInState(state: ExportedState): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of state.resources) {
    if (r.type !== "genesyscloud:index/flow:Flow") continue;
    out.set(String(r.outputs?.name ?? r.inputs?.name), String(r.id));
  }
  return out;
}

/** Names of the org's non-deleted flows, with how many flows carry each (1 unless duplicated). */
export function activeNameCounts(emulator: RunningEmulator): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of emulator.store.listFlows()) if (!f.deleted) out.set(f.name, (out.get(f.name) ?? 0) + 1);
  return out;
}

/** The emulator's write requests and refusals (any 4xx/5xx, GETs included) logged after `since`, in order. */
export function writesSince(emulator: RunningEmulator, since: number): RequestLogEntry[] {
  return emulator.requestLog.list().filter((e) => e.seq > since && (isWrite(e) || e.status >= 400));
}

/** A request that may change the org: not a GET, nor a query Genesys takes by POST (analytics' queue observations, which `down` reads). */
export function isWrite(e: Pick<RequestLogEntry, "method" | "operation">): boolean {
  return e.method !== "GET" && e.operation !== "analytics.queues.observations";
}
