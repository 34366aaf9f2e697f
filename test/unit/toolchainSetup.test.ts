// What tools/toolchain/setup.sh builds on an empty cache: with --deploy-only (tools/bootstrap.sh
// `run`, i.e. npm start/up/preview, and tools/pulumi.sh) only what a deploy runs, leaving actionlint
// and the Genesys API spec to npm test and npm run setup, with the same --print-env lines either way.
// The real script runs on a copy of tools/toolchain with a stand-in `go` that records each build and
// writes a stub binary, so this needs no Go and builds nothing (the real builds: docs/toolchain.md).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

// The stub `pulumi plugin install resource <name> <version>` makes the plugin folder, as pulumi does.
const FAKE_GO = `#!/usr/bin/env bash
printf '%s\\n' "$*" >> "$FAKE_GO_LOG"
case "$1" in
  env) echo go1.25.0 ;;
  build) while [ $# -gt 1 ]; do [ "$1" = -o ] && out="$2"; shift; done
    printf '#!/bin/sh\\n[ "$1" = plugin ] && mkdir -p "$PULUMI_HOME/plugins/resource-$4-v$5"\\nexit 0\\n' > "$out"; chmod +x "$out" ;;
  mod) mkdir -p "$FAKE_MOD_DIR"; echo '{}' > "$FAKE_MOD_DIR/swagger.json"; printf '{\\n\\t"Dir": "%s"\\n}\\n' "$FAKE_MOD_DIR" ;;
esac
`;

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "toolchain-setup-"));
  fs.cpSync(path.join(ROOT, "tools/toolchain"), path.join(dir, "tools/toolchain"), { recursive: true });
  fs.mkdirSync(path.join(dir, "bin"));
  fs.writeFileSync(path.join(dir, "bin/go"), FAKE_GO, { mode: 0o755 });
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs setup.sh --quiet --print-env [args]: its export lines, and the go commands it ran (packages built, modules downloaded). */
function setup(...args: string[]): { env: string; goCommands: string[] } {
  const log = path.join(dir, "go.log");
  fs.rmSync(log, { force: true });
  const r = spawnSync("bash", [path.join(dir, "tools/toolchain/setup.sh"), "--quiet", "--print-env", ...args], {
    encoding: "utf8",
    env: {
      PATH: `${path.join(dir, "bin")}:/usr/bin:/bin`,
      HOME: dir,
      GENESYS_FLOWS_BUILD_PULUMI: "1",
      GENESYS_FLOWS_CACHE: path.join(dir, "cache"),
      PULUMI_HOME: path.join(dir, "pulumi-home"),
      FAKE_GO_LOG: log,
      FAKE_MOD_DIR: path.join(dir, "mod"),
    },
  });
  if (r.status !== 0) throw new Error(`setup.sh ${args.join(" ")} failed:\n${r.stderr}`);
  const goCommands = fs.existsSync(log)
    ? fs
        .readFileSync(log, "utf8")
        .split("\n")
        .filter((l) => /^(build|mod) /.test(l))
    : [];
  // A build is named by its package and output binary; a download by its module.
  return {
    env: r.stdout,
    goCommands: goCommands.map((l) =>
      l.startsWith("build") ? `${path.basename(l.split(" ").at(-2)!)} ${l.split(" ").at(-1)!}` : l.split(" ").pop()!,
    ),
  };
}

let deployEnv = "";

it("--deploy-only builds the pulumi CLI, its language host and shim, the bridge (installed) and the provider behind its launcher: not actionlint, not the spec", () => {
  const { env, goCommands } = setup("--deploy-only");
  expect(goCommands).toEqual([
    "pulumi github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
    "pulumi-language-nodejs github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3",
    "pulumi-language-nodejs .",
    "pulumi-resource-terraform-provider github.com/pulumi/pulumi-terraform-bridge/v3/dynamic",
    "terraform-provider-genesyscloud github.com/mypurecloud/terraform-provider-genesyscloud",
    "terraform-provider-genesyscloud .",
  ]);
  expect(fs.readdirSync(path.join(dir, "pulumi-home/plugins"))).toEqual([
    expect.stringMatching(/^resource-terraform-provider-v/),
  ]);
  const actionlint = /^export GENESYS_FLOWS_ACTIONLINT=(.+)$/m.exec(env)?.[1];
  expect(actionlint).toMatch(/actionlint$/);
  expect(fs.existsSync(actionlint!)).toBe(false);
  deployEnv = env;
});

it("then a run without it builds only what was left (actionlint, the spec), and --print-env said the same paths before", () => {
  const { env, goCommands } = setup();
  expect(goCommands).toEqual([
    "actionlint github.com/rhysd/actionlint/cmd/actionlint",
    expect.stringMatching(/^github\.com\/mypurecloud\/platform-client-sdk-go\/v\d+@v/),
  ]);
  expect(env).toBe(deployEnv);
  for (const name of ["GENESYS_FLOWS_ACTIONLINT", "GENESYS_FLOWS_API_SPEC"])
    expect(fs.existsSync(new RegExp(`^export ${name}=(.+)$`, "m").exec(env)![1])).toBe(true);
  expect(setup().goCommands).toEqual([]);
});
