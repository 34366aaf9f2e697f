// The benchmark's Terraform anchor (issue 17): the same compiled, substituted Archy files the real
// stack publishes, deployed by OpenTofu with bare `genesyscloud_flow` resources through the *same*
// provider binary (a CLI-config dev override to the toolchain's build, so nothing is downloaded and
// no `init` runs), into its own emulator. See bench/README.md, "Terraform anchor".
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { toolRoot } from "../project/root";
import { runTimed, type TimedRun } from "./timedRun";

/** How a bench tool signs in: the emulator's fixed access token, or its OAuth client (client-credentials grant). */
export type SignIn = { accessToken: string } | { clientId: string; clientSecret: string };

export interface ArchyFile {
  /** Resource key, unique in the project (the flow id, `/` allowed). */
  key: string;
  /** The compiled, substituted Archy text. */
  yaml: string;
  /** Keys of the modules it calls (Terraform `depends_on`). */
  dependsOn: string[];
}

export interface TofuToolchain {
  tofu: string;
  /** Folder holding `terraform-provider-genesyscloud` (the real provider, not the launcher). */
  providerDir: string;
  providerSource: string;
}

export interface TofuProject {
  dir: string;
  /** Rewrites one flow's Archy file (the same compiled output the real stack publishes after a change). */
  writeArchy(key: string, yaml: string): void;
  run(args: string[], opts: { timeoutMs: number }): Promise<TimedRun>;
  cleanup(): void;
}

const resourceName = (key: string) => `f_${key.replace(/[^A-Za-z0-9_-]/g, "_")}`;
const fileOf = (i: number) => `archy/flow-${String(i + 1).padStart(3, "0")}.yaml`;

/**
 * The root module as JSON configuration syntax (deterministic: same input, same bytes). `tokenPool`
 * null leaves the provider's own default pool. `triggers`: each flow that calls a module gets an
 * `update_trigger_hash` of the files of every module it reaches (through other modules too), as a
 * CX-as-Code team republishes the callers a module change reaches; without it a module change
 * republishes the module alone and its callers keep the old snapshot.
 */
export function tofuConfig(
  flows: ArchyFile[],
  gateway: { port: number; signIn: SignIn },
  providerSource: string,
  tokenPool: number | null = 1,
  triggers = false,
): string {
  const index = new Map(flows.map((f, i) => [f.key, i]));
  const reaches = (f: ArchyFile, seen = new Set<number>()): Set<number> => {
    for (const d of f.dependsOn) {
      const i = index.get(d);
      if (i === undefined) throw new Error(`bench terraform: ${f.key} depends on ${d}, which is not in the project`);
      if (!seen.has(i)) reaches(flows[i], seen.add(i));
    }
    return seen;
  };
  const resources: Record<string, unknown> = {};
  flows.forEach((f, i) => {
    const modules = [...reaches(f)].sort((a, b) => a - b).map((m) => `filesha256(${JSON.stringify(fileOf(m))})`);
    resources[resourceName(f.key)] = {
      filepath: fileOf(i),
      force_unlock: true,
      ...(triggers && modules.length > 0
        ? { update_trigger_hash: `\${sha256(join(",", [${modules.join(", ")}]))}` }
        : {}),
      ...(f.dependsOn.length > 0 ? { depends_on: f.dependsOn.map((d) => `genesyscloud_flow.${resourceName(d)}`) } : {}),
    };
  });
  const config = {
    terraform: { required_providers: { genesyscloud: { source: providerSource } } },
    // The same provider settings as the Pulumi stacks: the emulator as gateway, its fixed token or
    // its OAuth client (--client-credentials), the same tokens in the pool (Pulumi.local.yaml's 1
    // unless --token-pool, bench/baseline/index.ts).
    provider: {
      genesyscloud: {
        ...("accessToken" in gateway.signIn
          ? { access_token: gateway.signIn.accessToken }
          : { oauthclient_id: gateway.signIn.clientId, oauthclient_secret: gateway.signIn.clientSecret }),
        ...(tokenPool === null ? {} : { token_pool_size: tokenPool }),
        gateway: [{ protocol: "http", host: "127.0.0.1", port: String(gateway.port) }],
      },
    },
    resource: { genesyscloud_flow: resources },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** CLI configuration: the provider from `providerDir`, every other provider from nowhere (offline). */
export function tofuCliConfig(providerSource: string, providerDir: string): string {
  return `provider_installation {\n  dev_overrides {\n    ${JSON.stringify(providerSource)} = ${JSON.stringify(providerDir)}\n  }\n}\n`;
}

/** The environment `tofu` runs in: the CLI config naming the provider build, no prompt, no checkpoint call, no plugin cache. */
export function tofuEnv(cliConfig: string): NodeJS.ProcessEnv {
  return {
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
    TF_PLUGIN_CACHE_DIR: "",
  };
}

/** `tofu <args>` in a project's `dir`, timed and sampled (bench/timedRun.ts), with the CLI config it holds (cli.tfrc). */
export const tofuTimed = (tc: TofuToolchain, dir: string, args: string[], timeoutMs: number): Promise<TimedRun> =>
  runTimed(tc.tofu, [...args, "-no-color", "-input=false"], dir, {
    timeoutMs,
    env: tofuEnv(path.join(dir, "cli.tfrc")),
  });

/**
 * `tofu <command>` in `dir` as a CI runs it: `options` right after the command (tofu takes a saved
 * plan as the one positional argument after them), no colour, no input for plan and apply; the
 * output as one text.
 */
export async function runTofu(
  tc: TofuToolchain,
  dir: string,
  [command, ...rest]: string[],
  opts: { options?: string[]; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<{ code: number; out: string }> {
  const input = command === "plan" || command === "apply" ? ["-input=false"] : [];
  const run = await runTimed(tc.tofu, [command, "-no-color", ...input, ...(opts.options ?? []), ...rest], dir, {
    timeoutMs: opts.timeoutMs,
    env: opts.env,
  });
  return { code: run.code, out: `${run.stdout}\n${run.stderr}` };
}

/** What a saved plan (`tofu show -json <plan>`'s output) does to each resource: `forget`, `update`, `no-op`, `delete,create`, ... */
export function planActions(shown: string): Record<string, string> {
  const json = JSON.parse(shown.slice(shown.indexOf("{"))) as {
    resource_changes?: Array<{ address: string; change: { actions: string[] } }>;
  };
  return Object.fromEntries((json.resource_changes ?? []).map((r) => [r.address, r.change.actions.join(",")]));
}

export function createTofuProject(
  flows: ArchyFile[],
  gateway: { port: number; signIn: SignIn },
  tc: TofuToolchain,
  tokenPool: number | null = 1,
  triggers = false,
): TofuProject {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "genesys-flows-bench-tofu-"));
  const index = new Map(flows.map((f, i) => [f.key, i]));
  try {
    fs.mkdirSync(path.join(dir, "archy"));
    flows.forEach((f, i) => {
      fs.writeFileSync(path.join(dir, fileOf(i)), f.yaml);
    });
    fs.writeFileSync(
      path.join(dir, "main.tf.json"),
      tofuConfig(flows, gateway, tc.providerSource, tokenPool, triggers),
    );
    fs.writeFileSync(path.join(dir, "cli.tfrc"), tofuCliConfig(tc.providerSource, tc.providerDir));
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    dir,
    writeArchy(key, yaml) {
      const i = index.get(key);
      if (i === undefined) throw new Error(`bench terraform: no flow ${key}`);
      fs.writeFileSync(path.join(dir, fileOf(i)), yaml);
    },
    run: (args, opts) => tofuTimed(tc, dir, args, opts.timeoutMs),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** `tofu` and the real provider's folder, built or found by the toolchain step (--with-opentofu). */
export function tofuToolchain(): TofuToolchain {
  const setup = path.join(toolRoot(), "tools/toolchain/setup.sh");
  const r = spawnSync(
    "bash",
    [
      "-c",
      `eval "$(bash ${JSON.stringify(setup)} --quiet --print-env --with-opentofu)" && printf '%s\\n%s\\n' "$GENESYS_FLOWS_TOFU" "$GENESYS_FLOWS_PROVIDER_DIR"`,
    ],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      timeout: 60 * 60_000,
    },
  );
  const [tofu, providerDir] = r.stdout.trim().split("\n");
  if (r.status !== 0 || !tofu || !providerDir)
    throw new Error(
      `bench: building OpenTofu failed (exit ${r.status}); run \`bash tools/toolchain/setup.sh --with-opentofu\` to see why, or pass --no-terraform`,
    );
  return { tofu, providerDir, providerSource: "mypurecloud/genesyscloud" };
}
