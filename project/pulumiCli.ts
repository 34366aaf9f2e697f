// Runs the Pulumi CLI (or any command) and captures what it prints, for the few reads the tools
// and the program make through the engine's own CLI: `stack export` (org/stackExport.ts) and
// `config get` of an encrypted stack secret (org/signIn.ts), and the environment they run in.
// Nothing reaches the terminal.
import { spawn } from "node:child_process";
import { toolScript } from "./root";

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the tool's `tools/pulumi.sh <args>` in the project `root`, capturing its output (nothing reaches the terminal). */
export function pulumiCapture(root: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Captured> {
  return capture("bash", [toolScript(root, "tools/pulumi.sh"), ...args], root, { ...env, GENESYS_FLOWS_PROJECT: root });
}

/**
 * `env` as tools/pulumi.sh gives it to pulumi for `stack` (tools/pulumiEnv.sh pulumi_env_lines: the
 * local stack's file backend and passphrase unless set), without the toolchain: for a read this
 * process makes as pulumi would (org/signIn.ts decrypts a passphrase stack's secret itself). A
 * bash process (milliseconds), not pulumi's.
 */
export async function pulumiShEnv(root: string, stack: string, env: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
  const script = `source "$2"; eval "$(pulumi_env_lines "$PWD" "$1")"; env -0`;
  const r = await capture(
    "bash",
    ["-c", script, "pulumi-env", stack, toolScript(root, "tools/pulumiEnv.sh")],
    root,
    env,
  );
  if (r.code !== 0) return env;
  const entries = r.stdout.split("\0").flatMap((entry) => {
    const at = entry.indexOf("=");
    return at > 0 ? [[entry.slice(0, at), entry.slice(at + 1)] as const] : [];
  });
  return Object.fromEntries(entries);
}

/** Runs `command <args>` in `cwd` with `env` (this process's environment when not given), capturing its output. */
export function capture(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Captured> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    // Decoded once whole: a character split between two chunks stays whole.
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("error", reject);
    child.on("close", (code, signal) =>
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      }),
    );
  });
}
