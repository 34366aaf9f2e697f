// Runs one benchmark step, `pulumi` (through the project's tools/pulumi.sh: pinned CLI, offline,
// file backend) or `tofu`, in a project copy, in its own process group so a timeout kills the
// whole tree (engine, language host, program, policy pack, bridge, provider), while sampling the
// tree's memory and CPU.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { TreeSampler, type TreeReport } from "./procs";

export interface TimedRun {
  code: number;
  stdout: string;
  stderr: string;
  startedAt: number;
  wallMs: number;
  timedOut: boolean;
  tree: TreeReport;
  /** Engine events (`--event-log`), one JSON object per line, when requested. */
  events: EngineEvent[];
}

export interface EngineEvent {
  sequence?: number;
  timestamp?: number;
  resourcePreEvent?: { metadata: { op: string; urn: string; type: string } };
  resOutputsEvent?: { metadata: { op: string; urn: string; type: string } };
  summaryEvent?: { durationSeconds?: number; resourceChanges?: Record<string, number> };
  [k: string]: unknown;
}

const active = new Set<() => void>();

/** Kills every pulumi run still in progress (for the bench's SIGINT/SIGTERM handler). */
export function killActiveRuns(): void {
  for (const kill of active) kill();
}

export interface RunOptions {
  timeoutMs: number;
  sampleEveryMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** `pulumi <args> --non-interactive` in `dir` through its tools/pulumi.sh, with a file backend in `dir`/.work/state. */
export async function runPulumi(
  dir: string,
  args: string[],
  opts: RunOptions & { eventLog?: boolean },
): Promise<TimedRun> {
  const eventFile = opts.eventLog ? path.join(dir, `.work/events-${Date.now()}.jsonl`) : undefined;
  const fullArgs = [...args, "--non-interactive", ...(eventFile ? ["--event-log", eventFile] : [])];
  const run = await runTimed("bash", [path.join(dir, "tools/pulumi.sh"), ...fullArgs], dir, {
    ...opts,
    env: { PULUMI_BACKEND_URL: `file://${path.join(dir, ".work/state")}`, ...opts.env },
  });
  if (eventFile && fs.existsSync(eventFile)) {
    run.events = fs
      .readFileSync(eventFile, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as EngineEvent];
        } catch {
          return [];
        }
      });
    fs.rmSync(eventFile, { force: true });
  }
  return run;
}

/** Runs `command args` in `cwd` (environment: ours plus `opts.env`), timed and sampled. */
export function runTimed(command: string, args: string[], cwd: string, opts: RunOptions): Promise<TimedRun> {
  return new Promise((resolve, reject) => {
    const startedAt = Date.now();
    const t0 = process.hrtime.bigint();
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const sampler = new TreeSampler(child.pid!, opts.sampleEveryMs ?? 200).start();
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    // The CLI starts its plugins (language host, policy pack, bridge, provider) in their own
    // process groups: kill the CLI's group and every process seen in the tree.
    const killGroup = () => {
      sampler.sample();
      for (const target of [-child.pid!, ...sampler.alivePids()]) {
        try {
          process.kill(target, "SIGKILL");
        } catch {
          /* already gone */
        }
      }
    };
    active.add(killGroup);
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, opts.timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      active.delete(killGroup);
      sampler.stop();
      reject(e);
    });
    child.on("close", (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      clearTimeout(timer);
      // Whatever is left of the tree (plugins outliving the CLI) goes too.
      killGroup();
      active.delete(killGroup);
      const tree = sampler.stop();
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, startedAt, wallMs, timedOut, tree, events: [] });
    });
  });
}

/** Pulumi's "Resources:" summary of a run's output, on one line ("Resources: + 7 created 32 unchanged"); "" without one. */
export function resourcesSummary(stdout: string): string {
  const lines = stdout.split(/\r?\n/);
  const at = lines.findIndex((l) => l.trim() === "Resources:");
  if (at < 0) return "";
  const end = lines.findIndex((l, i) => i > at && l.trim() === "");
  return lines
    .slice(at, end < 0 ? undefined : end)
    .map((l) => l.trim())
    .join(" ");
}
