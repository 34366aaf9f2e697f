// A run of a stack through Pulumi's Automation API, in this process: the program is run (below)
// with the run object the command line made, so the command line and the program share one read
// of the settings, one plan, one read of the state and one sign-in (run/stackRun.ts). The engine,
// the language-independent parts (the pulumi CLI it drives, the policy pack's analyzer, the
// provider) are the same as for plain `pulumi`; the program is index.ts's (components/program.ts).
// Why the Automation API: `pulumi up` spawned from here ran the program in another process, which
// planned, read the state and signed in again.
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { runProgram, stackOutputs } from "../components/program";
import type { StackRun } from "../run/stackRun";

export type EngineCommand = "preview" | "up" | "destroy";

/** The pulumi options the command line passes on (pulumi's own names and meanings). */
export interface EngineFlags {
  refresh?: boolean;
  diff?: boolean;
  target?: string[];
  targetDependents?: boolean;
  replace?: string[];
  exclude?: string[];
  excludeDependents?: boolean;
  message?: string;
  expectNoChanges?: boolean;
  continueOnError?: boolean;
  parallel?: number;
}

export interface EngineRun {
  run: StackRun;
  command: EngineCommand;
  /** The pulumi environment (tools/pulumiEnv.sh): backend, passphrase, offline switches, PATH. */
  env: Record<string, string>;
  /** The policy pack and its config for the stack (never on destroy: pulumi takes none there). */
  policy?: { pack: string; config: string };
  flags: EngineFlags;
  /** Create the stack when the backend lacks it (the local stack only). */
  create: boolean;
  /** The stack file pulumi reads (a copy: pulumi may rewrite what it reads, the committed one stays). */
  configFile: string;
  onOutput(text: string): void;
  signal?: AbortSignal;
}

export interface EngineResult {
  ok: boolean;
  /** The stack outputs after `up` (the flows, the org, the releases). */
  outputs?: Record<string, unknown>;
  /** The engine's error when not ok (its output went to onOutput). */
  error?: string;
  /** The stack does not exist in the backend (select, not create). */
  noStack?: boolean;
}

async function stackOf(e: EngineRun): Promise<Stack> {
  const args = {
    stackName: e.run.stack,
    projectName: "genesys-flows",
    // The same program as index.ts, given this run (plain pulumi makes its own: components/program.ts engineRun).
    program: async () => stackOutputs(await runProgram(e.run)),
  };
  const opts = { workDir: e.run.root, envVars: e.env };
  return e.create ? LocalWorkspace.createOrSelectStack(args, opts) : LocalWorkspace.selectStack(args, opts);
}

/** Runs `command` on the run's stack; the engine's output goes to `onOutput` as it comes. */
export async function runEngine(e: EngineRun): Promise<EngineResult> {
  let stack: Stack;
  try {
    stack = await stackOf(e);
  } catch (err) {
    const message = (err as Error).message;
    return { ok: false, error: message, ...(/no stack named|not found/i.test(message) ? { noStack: true } : {}) };
  }
  const common = {
    configFile: e.configFile,
    onOutput: e.onOutput,
    ...(e.signal ? { signal: e.signal } : {}),
    ...(e.flags.refresh ? { refresh: true } : {}),
    ...(e.flags.diff ? { diff: true } : {}),
    ...(e.flags.target?.length ? { target: e.flags.target } : {}),
    ...(e.flags.targetDependents ? { targetDependents: true } : {}),
    ...(e.flags.exclude?.length ? { exclude: e.flags.exclude } : {}),
    ...(e.flags.excludeDependents ? { excludeDependents: true } : {}),
    ...(e.flags.message !== undefined ? { message: e.flags.message } : {}),
    ...(e.flags.parallel !== undefined ? { parallel: e.flags.parallel } : {}),
  };
  const policy = e.policy ? { policyPacks: [e.policy.pack], policyPackConfigs: [e.policy.config] } : {};
  try {
    switch (e.command) {
      case "preview":
        await stack.preview({ ...common, ...policy, ...(e.flags.replace?.length ? { replace: e.flags.replace } : {}), ...(e.flags.expectNoChanges ? { expectNoChanges: true } : {}) });
        return { ok: true };
      case "up": {
        const r = await stack.up({
          ...common,
          ...policy,
          ...(e.flags.replace?.length ? { replace: e.flags.replace } : {}),
          ...(e.flags.expectNoChanges ? { expectNoChanges: true } : {}),
          ...(e.flags.continueOnError ? { continueOnError: true } : {}),
        });
        return { ok: true, outputs: Object.fromEntries(Object.entries(r.outputs).map(([k, v]) => [k, v.value])) };
      }
      case "destroy":
        // The flows carry delete hooks: the engine runs the program (and its guard) on destroy.
        await stack.destroy({ ...common, runProgram: true, ...(e.flags.continueOnError ? { continueOnError: true } : {}) });
        return { ok: true };
    }
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** A copy of the stack file for pulumi to read (tools/stackFileGuard.sh says why): the committed one is never rewritten. */
export function stackFileCopy(root: string, sourceFile: string, stack: string): string {
  const dir = path.join(root, ".work/stack-files", `${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  const copy = path.join(dir, `Pulumi.${stack}.yaml`);
  fs.copyFileSync(sourceFile, copy);
  return copy;
}
