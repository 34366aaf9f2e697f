// Pulumi's configuration, Pulumi's way, and a user's own `pulumi`: on a copy of the project with
// the emulator as its org, a substitution set with `pulumi config set --secret` (so the stack file
// holds only its ciphertext) is what lint and compile see (they ask Pulumi; the file alone is
// refused), and a plain `pulumi preview` with the policy pack, run in a shell whose only setup is
// `eval "$(genesys-flows env)"`, previews the stack with that value and the pack's verdict.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { createProject, expectOk, runCli, type E2eProject } from "../../testkit/harness";
import { readStackSettings } from "../../project/stackFile";

jest.setTimeout(10 * 60_000);

const QUEUE = "Sales Secret Queue";

let p: E2eProject;

beforeAll(async () => {
  p = await createProject();
});

afterAll(async () => {
  await p?.cleanup();
});

/** Runs `script` in bash in the copy with an environment that has no pulumi set up (no backend, no passphrase, no toolchain on PATH). */
function bare(script: string): Promise<{ code: number; output: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(PULUMI_|GENESYS_FLOWS_)/.test(k)) env[k] = v;
  env.PATH = (process.env.PATH ?? "")
    .split(":")
    .filter((d) => !d.includes("genesys-flows"))
    .join(":");
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", script], { cwd: p.dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

it("a secret set with pulumi config set is seen by lint and compile, and by a plain pulumi preview with genesys-flows env", async () => {
  expectOk(
    await p.pulumi([
      "config",
      "set",
      "--secret",
      "--path",
      "genesys-flows:substitutions.sales_queue",
      QUEUE,
      "--stack",
      p.stack,
    ]),
  );
  // Set again as a user would (the harness writes it encrypted already, testkit/stackSecrets.ts).
  expectOk(
    await p.pulumi([
      "config",
      "set",
      "--secret",
      "genesys-flows:accessToken",
      p.emulator.accessToken,
      "--stack",
      p.stack,
    ]),
  );
  const stackFile = p.read(`Pulumi.${p.stack}.yaml`);
  expect(stackFile).not.toContain(QUEUE);
  expect(stackFile).toMatch(/sales_queue:\s*\n\s*secure: v1:/);

  // Through Pulumi: the value; the file alone: a ciphertext where a name belongs, refused.
  const started = performance.now();
  expect(readStackSettings(p.dir, p.stack).substitutions.sales_queue).toBe(QUEUE);
  const throughPulumi = performance.now() - started;
  const fileStarted = performance.now();
  expect(() => readStackSettings(p.dir, p.stack, { GENESYS_FLOWS_CONFIG: "file" })).toThrow(/substitutions/);
  console.log(
    `stack settings: through pulumi config ${throughPulumi.toFixed(0)} ms, from the file ${(performance.now() - fileStarted).toFixed(0)} ms`,
  );

  const lint = await runCli(p, ["lint", "--stack", p.stack, "--format", "json"]);
  expect({ code: lint.code, stderr: lint.stderr }).toEqual({ code: 0, stderr: "" });
  expect(JSON.parse(lint.stdout).summary.errors).toBe(0);
  const compiled = await runCli(p, ["compile", "--stack", p.stack, "--out", ".work/compiled"]);
  expect(compiled.code).toBe(0);
  expect(fs.readFileSync(path.join(p.dir, ".work/compiled/calls/sales.yaml"), "utf8")).toContain(QUEUE);

  // The user's own shell: nothing set up but what genesys-flows env prints.
  const printed = await bare(`node bin/genesys-flows env --stack ${p.stack}`);
  expect(printed.code).toBe(0);
  expect(printed.output).toContain(`export PULUMI_BACKEND_URL=file://${path.join(p.dir, ".work/state")}`);
  expect(printed.output).toContain("export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true");
  fs.writeFileSync(path.join(p.dir, ".work/env.sh"), printed.output);
  // Before: no pulumi of the project's on PATH.
  expect((await bare("command -v pulumi || echo none")).output.trim()).not.toContain(".cache/genesys-flows");
  // The org holds what the flows name, with the secret's value (the harness fills it before each of its runs).
  expectOk(await p.pulumi(["config", "--stack", p.stack]));
  const preview = await bare(
    `set -e; source .work/env.sh; command -v pulumi; pulumi preview --stack ${p.stack} --policy-pack policies --policy-pack-config policies/config/${p.stack}.json --non-interactive --diff`,
  );
  if (preview.code !== 0) throw new Error(`plain pulumi preview failed:\n${preview.output.slice(-6000)}`);
  expect(preview.output.split("\n")[0]).toContain(".cache/genesys-flows");
  expect(preview.output).toMatch(/Policy Packs run:[\s\S]*genesys-flows\|local\|policies/);
  // The rules' metadata reaches Pulumi: the advisory archy-unknown finding shows its severity.
  expect(preview.output).toContain("[advisory] [severity: low]  archy-unknown");
  expect(preview.output).toContain("genesyscloud:index/flow:Flow");
  expect(preview.output).toMatch(/\+ \d+ to create|\d+ to create/);
});
