// The no-op without the engine (issue 78.3, run/fastNoop.ts), measured: for each N given, a copy of
// the project with the benchmark's portfolio (two modules, N callers: bench/flows.ts) deployed by the
// command line (`npm run up`, which records the fingerprint), then through the command line as a
// person runs it: three `npm run preview` (the fast answer), one `npm run up` (the fast answer and
// verify), one `npm run preview -- --no-fast` (the engine, for comparison); and the decision alone
// in this process, five times (the state read and digests, the compiled files, one batched org read).
// Not part of `npm run bench`: it deploys its own copies and prints one line per measure.
//   bash tools/bootstrap.sh run bench/fastNoop.ts 100 500
import * as fs from "node:fs";
import * as path from "node:path";
import { createProject, runCli } from "../testkit/harness";
import { BENCH_SUBSTITUTIONS, MODULE_FILES, caller } from "./flows";
import { StackRun } from "../run/stackRun";
import { fastNoop, NOOP_DIR } from "../run/fastNoop";
import { readStackSettings } from "../project/stackFile";
import { workingTreeSource } from "../project/releaseSource";
import { connectToOrg } from "../org/signIn";

async function measure(n: number): Promise<void> {
  const flows: Record<string, string> = { ...MODULE_FILES };
  for (let i = 0; i < n; i++) {
    const c = caller(i);
    flows[c.file] = c.text;
  }
  const p = await createProject({ flows, settings: { substitutions: BENCH_SUBSTITUTIONS } });
  try {
    const timed = async (label: string, args: string[]) => {
      const started = Date.now();
      const r = await runCli(p, args);
      const said = (r.stdout + r.stderr).split("\n").find((l) => /engine was not started|the engine runs:/.test(l)) ?? "";
      // The command's own account: from its start (the bundle loaded) to its end.
      const own = /finished in ([0-9.]+s)/.exec(r.stderr)?.[1] ?? "?";
      process.stdout.write(`N=${n} ${label}: exit ${r.code}, ${((Date.now() - started) / 1000).toFixed(2)} s, ${own} in the command (${said.includes("not started") ? "fast" : said.replace(/^\[deploy\] /, "")})\n`);
      if (r.code !== 0) throw new Error((r.stdout + r.stderr).slice(-3000));
    };
    await timed("first up", ["up", "--stack", "local"]);
    for (let i = 1; i <= 3; i++) await timed(`npm run preview (${i})`, ["preview", "--stack", "local"]);
    await timed("npm run up", ["up", "--stack", "local"]);
    await timed("npm run preview -- --no-fast", ["preview", "--stack", "local", "--no-fast"]);
    const code = (JSON.parse(fs.readFileSync(path.join(p.dir, NOOP_DIR, "local.json"), "utf8")) as { code: string }).code;
    const ms: number[] = [];
    for (let i = 0; i < 5; i++) {
      const run = new StackRun({
        stack: "local",
        root: p.dir,
        source: { ...workingTreeSource(p.dir, "local"), sourcesRoot: p.dir },
        io: { readSettings: () => readStackSettings(p.dir, "local"), readExport: async () => undefined, connect: (settings) => connectToOrg({ stack: "local", settings, env: process.env, secret: p.secret }) },
      });
      const started = process.hrtime.bigint();
      const answer = await fastNoop(run, { code, env: { ...process.env, ...p.pulumiEnv }, flags: {} });
      ms.push(Math.round(Number(process.hrtime.bigint() - started) / 1e6));
      if (!answer.noop) throw new Error(`the fast no-op doubted: ${answer.doubt}`);
    }
    process.stdout.write(`N=${n} the decision in process: ${ms.join(", ")} ms\n`);
  } finally {
    await p.cleanup();
  }
}

void (async () => {
  for (const n of process.argv.slice(2).map(Number)) await measure(n);
})().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
