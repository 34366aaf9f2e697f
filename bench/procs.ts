// Samples a process tree from /proc every `everyMs`: the sum of RSS over the tree (its max is the
// run's peak memory), and per process its kind, lifetime and CPU time, so a run can say which
// process spent the time (engine, language host, program, policy pack, bridge, Terraform provider)
// and how long the Genesys provider's platform probe (`<bridge> version`) kept it waiting.
// Linux only. Processes that live less than one sampling period may be missed; CPU times are
// the last value seen, so they are lower bounds.
import * as fs from "node:fs";
import * as path from "node:path";

const PAGE = 4096;
const TICK = 100; // USER_HZ on Linux

export type ProcessKind =
  | "engine"
  | "tofu"
  | "language-host"
  | "program"
  | "policy-pack"
  | "bridge"
  | "platform-probe"
  | "tf-provider"
  | "shell"
  | "other";

export interface ProcessRecord {
  pid: number;
  kind: ProcessKind;
  command: string;
  firstSeenMs: number;
  lastSeenMs: number;
  maxRssMB: number;
  cpuSeconds: number;
}

export interface TreeSample {
  tMs: number;
  rssMB: number;
}

export interface TreeReport {
  samples: number;
  everyMs: number;
  peakRssMB: number;
  /** Peak of the summed RSS per kind (each kind's own peak, not at the same instant). */
  peakRssByKindMB: Partial<Record<ProcessKind, number>>;
  cpuSecondsByKind: Partial<Record<ProcessKind, number>>;
  cpuSecondsTotal: number;
  processes: ProcessRecord[];
  /** The Genesys provider's platform probes: `<bridge plugin> version`, killed after 10 s each. */
  platformProbes: Array<{ pid: number; startMs: number; seenForMs: number }>;
  timeline: TreeSample[];
}

interface Stat {
  pid: number;
  ppid: number;
  comm: string;
  cpuTicks: number;
  rssPages: number;
}

function readStat(pid: string): Stat | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  const close = text.lastIndexOf(")");
  const comm = text.slice(text.indexOf("(") + 1, close);
  const f = text.slice(close + 2).split(" ");
  // f[0] = state (field 3); ppid field 4; utime 14; stime 15; rss 24.
  return {
    pid: Number(pid),
    ppid: Number(f[1]),
    comm,
    cpuTicks: Number(f[11]) + Number(f[12]),
    rssPages: Number(f[21]),
  };
}

function readCmdline(pid: number): string[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/cmdline`, "utf8")
      .split("\0")
      .filter((s) => s !== "");
  } catch {
    return [];
  }
}

export function classify(argv: string[], comm: string): ProcessKind {
  const exe = path.basename(argv[0] ?? comm);
  const rest = argv.slice(1).join(" ");
  if (exe === "pulumi") return "engine";
  if (exe === "tofu" || exe === "terraform") return "tofu";
  if (exe.startsWith("pulumi-language-")) return "language-host";
  if (exe.startsWith("pulumi-resource-")) return argv[1] === "version" ? "platform-probe" : "bridge";
  if (exe.startsWith("terraform-provider-")) return "tf-provider";
  if (exe === "node" || comm === "node")
    return /run-plugin|pulumi-analyzer|[/]policies\b/.test(rest) ? "policy-pack" : "program";
  if (exe === "bash" || exe === "sh") return "shell";
  return "other";
}

export class TreeSampler {
  private timer?: NodeJS.Timeout;
  private readonly t0 = Date.now();
  private readonly records = new Map<string, ProcessRecord>();
  private readonly timeline: TreeSample[] = [];

  constructor(
    private readonly rootPid: number,
    private readonly everyMs = 200,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
    return this;
  }

  /** One sample now (also called by the timer). */
  sample(): void {
    const now = Date.now() - this.t0;
    const stats = new Map<number, Stat>();
    for (const name of fs.readdirSync("/proc")) {
      if (!/^[0-9]+$/.test(name)) continue;
      const s = readStat(name);
      if (s) stats.set(s.pid, s);
    }
    const children = new Map<number, number[]>();
    for (const s of stats.values()) {
      const list = children.get(s.ppid) ?? [];
      list.push(s.pid);
      children.set(s.ppid, list);
    }
    const tree: Stat[] = [];
    const stack = [this.rootPid];
    while (stack.length > 0) {
      const pid = stack.pop()!;
      const s = stats.get(pid);
      if (!s) continue;
      tree.push(s);
      stack.push(...(children.get(pid) ?? []));
    }
    let rss = 0;
    for (const s of tree) {
      const rssMB = (s.rssPages * PAGE) / 1048576;
      rss += rssMB;
      const key = `${s.pid}:${s.comm}`;
      let r = this.records.get(key);
      if (!r) {
        const argv = readCmdline(s.pid);
        r = {
          pid: s.pid,
          kind: classify(argv, s.comm),
          command: (argv.length > 0 ? argv : [s.comm]).join(" ").slice(0, 1000),
          firstSeenMs: now,
          lastSeenMs: now,
          maxRssMB: 0,
          cpuSeconds: 0,
        };
        this.records.set(key, r);
      }
      // A shell that execs pulumi keeps its pid: reclassify on the first sample after the exec.
      if (r.kind === "shell" && s.comm !== "bash" && s.comm !== "sh") {
        const argv = readCmdline(s.pid);
        r.kind = classify(argv, s.comm);
        r.command = argv.join(" ").slice(0, 240);
      }
      r.lastSeenMs = now;
      r.maxRssMB = Math.max(r.maxRssMB, rssMB);
      r.cpuSeconds = s.cpuTicks / TICK;
    }
    this.timeline.push({ tMs: now, rssMB: Math.round(rss * 10) / 10 });
  }

  /** Pids seen in the tree that are still alive (plugins run in their own process groups). */
  alivePids(): number[] {
    return [...this.records.values()].map((r) => r.pid).filter((pid) => fs.existsSync(`/proc/${pid}`));
  }

  stop(): TreeReport {
    if (this.timer) clearInterval(this.timer);
    const processes = [...this.records.values()];
    const peakByKind: Partial<Record<ProcessKind, number>> = {};
    const cpuByKind: Partial<Record<ProcessKind, number>> = {};
    for (const p of processes) {
      peakByKind[p.kind] = Math.round(Math.max(peakByKind[p.kind] ?? 0, p.maxRssMB) * 10) / 10;
      cpuByKind[p.kind] = Math.round(((cpuByKind[p.kind] ?? 0) + p.cpuSeconds) * 100) / 100;
    }
    const r1 = (x: number) => Math.round(x * 10) / 10;
    return {
      samples: this.timeline.length,
      everyMs: this.everyMs,
      peakRssMB: r1(Math.max(0, ...this.timeline.map((s) => s.rssMB))),
      peakRssByKindMB: peakByKind,
      cpuSecondsByKind: cpuByKind,
      cpuSecondsTotal: Math.round(processes.reduce((a, p) => a + p.cpuSeconds, 0) * 100) / 100,
      processes: processes.map((p) => ({
        ...p,
        maxRssMB: r1(p.maxRssMB),
        cpuSeconds: Math.round(p.cpuSeconds * 100) / 100,
      })),
      platformProbes: processes
        .filter((p) => p.kind === "platform-probe")
        .map((p) => ({ pid: p.pid, startMs: p.firstSeenMs, seenForMs: p.lastSeenMs - p.firstSeenMs })),
      timeline: this.timeline,
    };
  }
}
