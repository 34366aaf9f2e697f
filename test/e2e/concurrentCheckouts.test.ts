// Several checkouts and runs on one machine (CI runners, worktrees, e2e copies) share the
// precompiled build cache (project/jsbuild.js): ten checkouts, each with its own sources (so its
// own build), run the command line at once against one cache that keeps fewer builds than that.
// No run may lose the build it is running from: every one exits as a single run does, and none
// reports a missing module.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const CHECKOUTS = 10;
/** What a checkout needs to run the command line: the program's folders, not the tests or docs. */
const SKIP = new Set(["node_modules", ".git", ".work", "test", "docs", "bench"]);

interface Run {
  code: number;
  stderr: string;
}

function runCli(cwd: string, args: string[], cache: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(cwd, "bin/genesys-flows"), ...args], {
      cwd,
      env: { ...process.env, GENESYS_FLOWS_CACHE: cache },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stderr }));
  });
}

/** A long-lived run: the agent server of a checkout, answering once it has loaded its build. */
async function startServer(cwd: string, cache: string): Promise<{ child: ChildProcessWithoutNullStreams; stderr: () => string }> {
  const child = spawn(process.execPath, [path.join(cwd, "bin/genesys-flows"), "mcp", "--root", cwd], { cwd, env: { ...process.env, GENESYS_FLOWS_CACHE: cache } });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const answered = new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes('"id":1')) resolve();
    });
    child.on("close", (code) => reject(new Error(`the server of ${cwd} stopped (${code}): ${stderr}`)));
  });
  child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "test", version: "1" } } })}\n`);
  await answered;
  return { child, stderr: () => stderr };
}

/** The build a checkout's sources give (project/jsbuild.js plan). */
function buildOf(cwd: string, cache: string): string {
  return execFileSync(process.execPath, [path.join(cwd, "project/jsbuild.js"), "dir", "--root", cwd], { env: { ...process.env, GENESYS_FLOWS_CACHE: cache }, encoding: "utf8" }).trim();
}

describe("ten checkouts running the command line at once on one machine", () => {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "genesys-flows-checkouts-"));
  const cache = path.join(temp, "cache");
  const checkouts: string[] = [];

  beforeAll(() => {
    for (let i = 0; i < CHECKOUTS; i++) {
      const dir = path.join(temp, `checkout-${i}`);
      fs.mkdirSync(dir);
      for (const name of fs.readdirSync(ROOT)) {
        if (SKIP.has(name)) continue;
        fs.cpSync(path.join(ROOT, name), path.join(dir, name), { recursive: true, filter: (src) => !src.includes(`${path.sep}node_modules`) });
      }
      fs.symlinkSync(fs.realpathSync(path.join(ROOT, "node_modules")), path.join(dir, "node_modules"));
      // Its own sources, so its own build: a checkout on another commit.
      fs.appendFileSync(path.join(dir, "tools/cli.ts"), `\n// checkout ${i}\n`);
      checkouts.push(dir);
    }
  });
  afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

  it("short runs: every one exits as a single run does, none losing its build to another's pruning", async () => {
    const single = await runCli(checkouts[0], ["lint", "--format", "json"], path.join(temp, "single-cache"));
    const runs = await Promise.all(checkouts.map((dir) => runCli(dir, ["lint", "--format", "json"], cache)));
    for (const r of runs) {
      expect(r.stderr).not.toMatch(/Cannot find module|ENOENT|jsbuild\]/);
      expect(r.code).toBe(single.code);
    }
  }, 300_000);

  it("long runs: while ten runs go on, each one's build stays in the cache (it keeps 8 otherwise)", async () => {
    const servers = [];
    try {
      for (const dir of checkouts) servers.push(await startServer(dir, cache));
      for (const dir of checkouts) expect(fs.existsSync(path.join(buildOf(dir, cache), ".complete"))).toBe(true);
    } finally {
      for (const s of servers) s.child.kill();
    }
    for (const s of servers) expect(s.stderr()).not.toMatch(/Cannot find module|ENOENT/);
    // Once they ended, the next build prunes the cache down to its size again.
    fs.appendFileSync(path.join(checkouts[0], "tools/cli.ts"), "// once more\n");
    expect((await runCli(checkouts[0], ["--help"], cache)).code).toBe(0);
    expect(fs.readdirSync(path.join(cache, "jsbuild")).filter((n) => !n.startsWith(".")).length).toBe(8);
  }, 300_000);
});
