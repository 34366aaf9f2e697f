// Runs the Pulumi CLI (or any command) and captures what it prints, for the few reads the tools
// and the program make through the engine's own CLI: `stack export` (org/stackExport.ts) and
// `config get` of an encrypted stack secret (org/signIn.ts). Nothing reaches the terminal.
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
