// Several checkouts and runs on one machine (CI runners, worktrees, e2e copies) share the
// precompiled build cache (project/jsbuild.js): three checkouts, each with its own sources (so its
// own build), run the command line at once against one cache that keeps fewer builds than it holds:
// 7 other builds in it are newer than any of theirs (complete, their times in the future), so every
// one of the three is past the 8 the cache keeps, at once (ten checkouts put only the oldest two
// past it, at three times the builds' CPU).
// No run may lose the build it is running from: every one exits as a single run does, and none
// reports a missing module. And checkouts deploying to one org, under each answer of claimPublish
// (project/assumptions.yaml): on an org whose publish jobs refuse a flow created by name a first
// deploy succeeds (the claim is not the new flow by default); five checkouts at once leave each flow
// one owner, each loser refused before it publishes, whether the claim is beside the new flow or
// (the org's probe record says so) the new flow itself.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as YAML from "yaml";
import { callFlow, LOOKUP, PUBLISHED as N } from "../../testkit/fixtures";
import {
  activeNameCounts,
  createProject,
  exportState,
  flowsInState,
  orgObjectsNamedIn,
  policyArgs,
  publishedFlows,
  runCli as runTool,
  type E2eProject,
} from "../../testkit/harness";
import type { Behave } from "../../emulator/behave";
import { ORG } from "../../emulator/flowJson";
import { writeProbeRecord } from "../../project/probeRecord";

const ROOT = path.resolve(__dirname, "../..");
const CHECKOUTS = 3;
/** The builds the cache keeps (project/jsbuild.js KEEP). */
const KEEP = (require("../../project/jsbuild") as { KEEP: number }).KEEP;
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
async function startServer(
  cwd: string,
  cache: string,
): Promise<{ child: ChildProcessWithoutNullStreams; stderr: () => string }> {
  const child = spawn(process.execPath, [path.join(cwd, "bin/genesys-flows"), "mcp", "--root", cwd], {
    cwd,
    env: { ...process.env, GENESYS_FLOWS_CACHE: cache },
  });
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
  child.stdin.write(
    `${JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "test", version: "1" } } })}\n`,
  );
  await answered;
  return { child, stderr: () => stderr };
}

/** The build a checkout's sources give (project/jsbuild.js plan). */
function buildOf(cwd: string, cache: string): string {
  return execFileSync(process.execPath, [path.join(cwd, "project/jsbuild.js"), "dir", "--root", cwd], {
    env: { ...process.env, GENESYS_FLOWS_CACHE: cache },
    encoding: "utf8",
  }).trim();
}

describe("three checkouts running the command line at once on one machine", () => {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "genesys-flows-checkouts-"));
  const cache = path.join(temp, "cache");
  const checkouts: string[] = [];

  beforeAll(() => {
    for (let i = 0; i < CHECKOUTS; i++) {
      const dir = path.join(temp, `checkout-${i}`);
      fs.mkdirSync(dir);
      for (const name of fs.readdirSync(ROOT)) {
        if (SKIP.has(name)) continue;
        fs.cpSync(path.join(ROOT, name), path.join(dir, name), {
          recursive: true,
          filter: (src) => !src.includes(`${path.sep}node_modules`),
        });
      }
      fs.symlinkSync(fs.realpathSync(path.join(ROOT, "node_modules")), path.join(dir, "node_modules"));
      // Its own sources, so its own build: a checkout on another commit.
      fs.appendFileSync(path.join(dir, "tools/cli.ts"), `\n// checkout ${i}\n`);
      checkouts.push(dir);
    }
    // The newer builds: a complete build is a folder with its marker, its time the marker's.
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    for (let i = 0; i < KEEP - 1; i++) {
      const newer = path.join(cache, "jsbuild", `newer${i}`);
      fs.mkdirSync(newer, { recursive: true });
      fs.writeFileSync(path.join(newer, ".complete"), "{}\n");
      fs.utimesSync(path.join(newer, ".complete"), tomorrow, tomorrow);
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

  it(`long runs: while three runs go on, each one's build stays in the cache (it keeps ${KEEP} otherwise)`, async () => {
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
    expect(fs.readdirSync(path.join(cache, "jsbuild")).filter((n) => !n.startsWith(".")).length).toBe(KEEP);
  }, 300_000);
});

describe("checkouts deploying to one org, under each answer of claimPublish", () => {
  const projects: E2eProject[] = [];
  afterAll(async () => {
    for (const p of projects) await p.cleanup();
  });
  const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });

  it(
    "claimPublish=refused: a first deploy of a new flow succeeds (no claim by default)",
    async () => {
      const p = await createProject({ emulator: { behave: { claimPublish: "refused" } } });
      projects.push(p);
      const r = await runTool(p, ["up", "--stack", "local"]);
      expect({ code: r.code, tail: r.code === 0 ? "" : (r.stdout + r.stderr).slice(-3000) }).toEqual({
        code: 0,
        tail: "",
      });
      const published = publishedFlows(p.emulator);
      for (const id of flowsInState(await exportState(p)).values())
        expect([...published.values()].some((f) => f.id === id && f.version === 1)).toBe(true);
      // Every new flow was claimed beside it, and every claim deleted once the flow was listed.
      expect(p.emulator.requestLog.count("flow.create")).toBe(published.size);
      expect(p.emulator.store.claims.snapshot()).toEqual([]);
      expect(p.emulator.jobs.list().filter((j) => j.status !== "Success")).toEqual([]);
    },
    15 * 60_000,
  );

  /**
   * Five checkouts, each with a state of its own, started together on one empty org whose jobs take
   * seconds (a name a job is publishing is not listed until it ends): one owner per flow, one publish
   * job ever per name, every loser refused before it publishes, naming the holder. `recorded`: each
   * checkout holds the org's probe record saying its jobs configure a flow created by name.
   */
  async function fiveAtOnce(behave: Behave, recorded: boolean): Promise<void> {
    const flows = { "modules/lookup.yaml": y(LOOKUP), "calls/a.yaml": y(callFlow("A", "Lookup", "address", "Sales")) };
    const five: E2eProject[] = [];
    for (let i = 0; i < 5; i++)
      five.push(
        await createProject({ flows, orgObjects: "fixed", settings: { forceUnlock: "false" }, emulator: { behave } }),
      );
    projects.push(...five);
    const org = five[0].emulator;
    org.setOrg(orgObjectsNamedIn(five[0].dir, "local"));
    org.setFaults({ jobCompletionDelayMs: 4000 });
    for (const p of five) {
      p.editConfig((c) => {
        c.accessToken = org.accessToken;
        c.provider = {
          ...(c.provider as Record<string, unknown>),
          gateway: { protocol: "http", host: "127.0.0.1", port: String(org.port) },
        };
      });
      if (recorded)
        writeProbeRecord(p.dir, {
          org: { id: ORG.id, name: ORG.name },
          probedAt: new Date().toISOString(),
          write: true,
          results: { claimPublish: { observed: "configured, same id", answer: "configures", asModelled: true } },
          notRun: {},
        });
    }
    // Started together: npm run up in three checkouts, plain pulumi in two.
    const runs = await Promise.all(
      five.map((p, i) =>
        i % 2 === 0
          ? runTool(p, ["up", "--stack", "local"])
          : p.ownPulumi(["up", "--yes", "--skip-preview", "--stack", "local", ...policyArgs("local")]),
      ),
    );
    const names = [N.lookup, "local-A"];
    expect(names.map((n) => [n, activeNameCounts(org).get(n)])).toEqual(names.map((n) => [n, 1]));
    const owners = new Map<string, number>();
    for (const p of five)
      for (const id of flowsInState(await exportState(p)).values()) owners.set(id, (owners.get(id) ?? 0) + 1);
    for (const name of names) {
      const { id, version } = publishedFlows(org).get(name)!;
      // One owner, one version, and one publish job ever for the name: no loser published anything of it.
      const jobs = org.jobs.list().filter((j) => j.flowName === name).length;
      expect({ name, owners: owners.get(id), version, jobs }).toEqual({ name, owners: 1, version: 1, jobs: 1 });
    }
    const refused = runs.filter((r) => r.code !== 0).map((r) => r.stdout + r.stderr);
    expect(refused.length).toBeGreaterThanOrEqual(4);
    for (const text of refused) {
      expect(text).toMatch(
        /refused before local-\w+ is created: another run claimed the name first|which this stack does not manage/,
      );
      expect(text).not.toMatch(/API Error: 4\d\d|is locked by another entity/);
    }
    expect(org.store.claims.snapshot()).toEqual([]);
  }

  it(
    "claimPublish=configures, the claim recorded by the org's probe: five checkouts at once end with one owner per flow, each loser refused before it publishes",
    () => fiveAtOnce({}, true),
    15 * 60_000,
  );

  it(
    "claimPublish=refused: five checkouts at once end with one owner per flow, each loser refused before it publishes",
    () => fiveAtOnce({ claimPublish: "refused" }, false),
    15 * 60_000,
  );
});
