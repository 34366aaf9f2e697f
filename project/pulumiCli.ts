// Runs the Pulumi CLI (or any command) and captures what it prints, for the few reads the tools
// and the program make through the engine's own CLI: `stack export` (org/stackExport.ts) and
// `config get` of an encrypted stack secret (org/signIn.ts). Nothing reaches the terminal.
import { spawn } from "node:child_process";
import * as path from "node:path";

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `tools/pulumi.sh <args>` in `root`, capturing its output (nothing reaches the terminal). */
export function pulumiCapture(root: string, args: string[]): Promise<Captured> {
  return capture("bash", [path.join(root, "tools/pulumi.sh"), ...args], root);
}

/** Runs `command <args>` in `cwd` with this process's environment, capturing its output. */
export function capture(command: string, args: string[], cwd: string): Promise<Captured> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}
