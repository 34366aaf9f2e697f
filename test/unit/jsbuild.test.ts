// tools/jsbuild: pulumi runs the program and the policy pack, and the npm scripts run the command
// line, precompiled to JavaScript, from a cache folder named by a hash of their sources; nothing is
// written into the working tree.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as YAML from "yaml";
import { spawnSync } from "node:child_process";

interface Plan {
  root: string;
  sources: string[];
  tools: string[];
  hash: string;
  dir: string;
}
interface JsBuild {
  KEEP: number;
  OPTIONAL_ENTRIES: string[];
  BUNDLED_ENTRIES: string[];
  BUNDLED_PACKAGES: string[];
  plan(root?: string): Plan;
  ensureBuilt(root: string): string;
  load(entry: string, root?: string): unknown;
}
// Plain JavaScript (it runs before anything is compiled), so required, not imported.
const jsbuild = require("../../project/jsbuild") as JsBuild;

const ROOT = path.resolve(__dirname, "../..");
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), "utf8");

describe("the real project", () => {
  const plan = jsbuild.plan(ROOT);

  it("builds the import closure of the program, of the policy pack and of the command line, and what the bundles are made with", () => {
    expect(plan.sources).toEqual(
      expect.arrayContaining([
        "index.ts",
        "components/program.ts",
        "planner/portfolio.ts",
        "policies/index.ts",
        "checks/index.ts",
      ]),
    );
    // the command line with the modules its subcommands import on demand
    expect(plan.sources).toEqual(
      expect.arrayContaining([
        "tools/cli.ts",
        "tools/deploy.ts",
        "tools/verify.ts",
        "tools/lintFlows.ts",
        "import/graph.ts",
        "model/nodes/dataAction.ts",
      ]),
    );
    expect(plan.sources.some((f) => f.startsWith("test/"))).toBe(false);
    // the command line's child tool (the benchmark), built because the project has it
    expect(jsbuild.OPTIONAL_ENTRIES).toEqual(["bench/run.ts"]);
    expect(plan.sources).toEqual(expect.arrayContaining(["bench/run.ts", "bench/config.ts"]));
    // the two entries every engine pass starts are bundled, and the command line; the installs they are bundled from are inputs
    expect(jsbuild.BUNDLED_ENTRIES).toEqual(["index.ts", "policies/index.ts", "tools/cli.ts"]);
    expect(plan.tools).toEqual(
      expect.arrayContaining([
        "package-lock.json",
        "node_modules/esbuild/package.json",
        "node_modules/zod/package.json",
        "node_modules/yaml/package.json",
      ]),
    );
    // esbuild is pinned like every package (a devDependency, like typescript, which builds the rest)
    expect(JSON.parse(read("package.json")).devDependencies.esbuild).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("bundles the program and the pack: one file each, packages outside @pulumi inside, the config read from the project", () => {
    const dir = jsbuild.ensureBuilt(ROOT);
    expect(JSON.parse(fs.readFileSync(path.join(dir, ".complete"), "utf8")).bundled).toEqual([
      "index.ts",
      "policies/index.ts",
      "tools/cli.ts",
    ]);
    // the command line: one file of ours, every package outside (loaded from node_modules)
    const cli = fs.readFileSync(path.join(dir, "tools/cli.js"), "utf8");
    const loads = [...cli.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(loads.filter((r) => r.startsWith("."))).toEqual([]);
    expect(loads).toEqual(expect.arrayContaining(["yaml", "zod", "@pulumi/pulumi/automation"]));
    for (const entry of ["index.js", "policies/index.js"]) {
      const text = fs.readFileSync(path.join(dir, entry), "utf8");
      const required = [...text.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]);
      // node's own modules and @pulumi's packages only: no file of ours, no other package
      expect(
        required.filter((r) => !r.startsWith("@pulumi/") && !r.startsWith("node:") && !/^[a-z_]+$/.test(r)),
      ).toEqual([]);
      expect(required.filter((r) => /^(zod|yaml|minimatch)$/.test(r))).toEqual([]);
      expect(text.endsWith(`//# sourceMappingURL=${path.basename(entry)}.map\n`)).toBe(true);
      expect(fs.existsSync(path.join(dir, `${entry}.map`))).toBe(true);
    }
    // no bundled code finds files beside itself: the pack's config is the project's
    expect(read("policies/config.ts")).toContain(
      'export const POLICY_CONFIG_DIR = path.join(projectDir(), "policies", "config");',
    );
  });

  it("is what Pulumi runs: no ts-node for the program, JavaScript entries for both", () => {
    const project = YAML.parse(read("Pulumi.yaml")) as { runtime: { options: { typescript: boolean } }; main?: string };
    expect(project.runtime.options.typescript).toBe(false);
    expect(project.main).toBeUndefined(); // the program directory is the project root (the program reads flows/ from it)
    expect(JSON.parse(read("package.json")).main).toBe("tools/jsbuild/program.js");
    expect(JSON.parse(read("policies/package.json")).main).toBe("pack.js");
    expect(read("tools/jsbuild/program.js")).toMatch(/load\(\s*"index\.ts",/);
    // source-mapped stack traces only on request (they cost ~30 ms of CPU per registered resource)
    expect(read("tools/jsbuild/program.js")).toContain(
      'if (process.env.GENESYS_FLOWS_SOURCE_MAPS !== "1") Error.prepareStackTrace = undefined;',
    );
    expect(read("policies/pack.js")).toContain('load("policies/index.ts")');
  });

  it("is what the command runs: bin/genesys-flows and the npm scripts load the compiled tools/cli.ts", () => {
    expect(read("tools/jsbuild/cli.js")).toContain('load("tools/cli.ts", undefined, { progress: true })');
    expect(read("bin/genesys-flows")).toContain('require("../tools/jsbuild/cli.js")');
    expect(read("tools/bootstrap.sh")).toContain('[ "$script" = tools/cli.ts ] && exec node tools/jsbuild/cli.js "$@"');
    // its child tools run precompiled too (tools/jsbuild/child.js), and only the ones the build knows
    expect(read("tools/cli.ts")).toContain('path.join(TOOL, "tools/jsbuild/child.js"), script, ...args]');
    const unknown = spawnSync(process.execPath, [path.join(ROOT, "tools/jsbuild/child.js"), "tools/cli.ts", "--help"], {
      encoding: "utf8",
    });
    expect({ status: unknown.status, stderr: unknown.stderr }).toEqual({
      status: 1,
      stderr: expect.stringContaining("tools/cli.ts is not a child tool the build knows"),
    });
    for (const [name, script] of Object.entries(JSON.parse(read("package.json")).scripts as Record<string, string>)) {
      if (script.includes("tools/cli.ts"))
        expect(`${name}: ${script}`).toMatch(/: bash tools\/bootstrap\.sh run tools\/cli\.ts /);
    }
  });

  it("keeps the type-check in npm run typecheck and CI", () => {
    // The generated SDK compiled first (bootstrap sdk): on a clean clone tsc would otherwise read its sources.
    expect(JSON.parse(read("package.json")).scripts.typecheck).toBe(
      "bash tools/bootstrap.sh sdk && tsc --noEmit -p tsconfig.json",
    );
    expect(read(".ci/run")).toContain("npm run typecheck");
    expect(read(".github/workflows/pull-request.yml")).toContain("run: npm run typecheck");
  });
});

/** A temporary project folder (tsconfig and node_modules of the repo) and cache for each test of the block. */
function tempProjectAndCache(prefix: string): { root: () => string; cache: () => string } {
  let root = "";
  let cache = "";
  const saved = process.env.GENESYS_FLOWS_CACHE;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    cache = fs.mkdtempSync(path.join(os.tmpdir(), "jsbuild-cache-"));
    process.env.GENESYS_FLOWS_CACHE = cache;
    fs.copyFileSync(path.join(ROOT, "tsconfig.json"), path.join(root, "tsconfig.json"));
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(root, "node_modules"));
    fs.mkdirSync(path.join(root, "lib"));
  });
  afterEach(() => {
    process.env.GENESYS_FLOWS_CACHE = saved;
    if (saved === undefined) delete process.env.GENESYS_FLOWS_CACHE;
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(cache, { recursive: true, force: true });
  });
  return { root: () => root, cache: () => cache };
}

describe("a build", () => {
  const temp = tempProjectAndCache("jsbuild-root-");
  let root: string;
  let cache: string;
  const listTree = (dir: string): string[] =>
    fs
      .readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => !f.startsWith("node_modules"))
      .sort();

  beforeEach(() => {
    root = temp.root();
    cache = temp.cache();
    fs.mkdirSync(path.join(root, "policies/config"), { recursive: true });
    fs.writeFileSync(
      path.join(root, "index.ts"),
      'import { x } from "./lib/a";\nimport type { T } from "./lib/types";\nexport const y: T = x + 1;\n',
    );
    fs.writeFileSync(path.join(root, "lib/a.ts"), "export const x: number = 41;\n");
    fs.writeFileSync(path.join(root, "lib/types.ts"), "export type T = number;\n");
    fs.writeFileSync(path.join(root, "lib/unused.ts"), "export const unused = 1;\n");
    fs.writeFileSync(
      path.join(root, "policies/index.ts"),
      'import * as fs from "fs";\nimport * as path from "path";\nimport { toolRoot } from "../project/root";\nexport const configs = fs.readdirSync(path.join(toolRoot(), "policies/config"));\n',
    );
    fs.writeFileSync(path.join(root, "policies/config/local.json"), "{}\n");
    // The command line finds the project through project/root.ts, not through its __dirname.
    fs.mkdirSync(path.join(root, "tools"));
    fs.mkdirSync(path.join(root, "project"));
    fs.copyFileSync(path.join(ROOT, "project/root.ts"), path.join(root, "project/root.ts"));
    fs.writeFileSync(
      path.join(root, "tools/cli.ts"),
      'import { toolRoot } from "../project/root";\nexport const where = { root: toolRoot(), dirname: __dirname };\n',
    );
  });

  /** Runs `fn` with the compiled code's project folder unset, as in a fresh process; restores it after. */
  const freshRoot = <T>(fn: () => T): T => {
    const key = Symbol.for("genesys-flows.projectRoot");
    const g = globalThis as Record<symbol, unknown>;
    const saved = g[key];
    delete g[key];
    try {
      return fn();
    } finally {
      g[key] = saved;
      if (saved === undefined) delete g[key];
    }
  };

  it("compiles the closure into the cache, runs, and leaves the working tree as it was", () => {
    const before = listTree(root);
    const dir = jsbuild.ensureBuilt(root);
    expect(dir.startsWith(path.join(cache, "jsbuild"))).toBe(true);
    expect(listTree(root)).toEqual(before);
    expect(jsbuild.plan(root).sources).toEqual([
      "index.ts",
      "lib/a.ts",
      "lib/types.ts",
      "policies/index.ts",
      "project/root.ts",
      "tools/cli.ts",
    ]);
    expect(fs.existsSync(path.join(dir, "lib/unused.js"))).toBe(false);
    expect(require(path.join(dir, "index.js")).y).toBe(42);
    expect(freshRoot(() => (jsbuild.load("policies/index.ts", root) as { configs: string[] }).configs)).toEqual([
      "local.json",
    ]);
    expect(fs.realpathSync(path.join(dir, "node_modules"))).toBe(fs.realpathSync(path.join(ROOT, "node_modules")));
  });

  it("the command line's first build says it starts before it compiles anything; a built one, and the program's load, say nothing", () => {
    // The build command as tools/toolchain/setup.sh runs it for npm start and up (--quiet --progress):
    // one line on stderr, before the build; the cli's load (tools/jsbuild/cli.js) passes { progress: true }.
    const first = spawnSync(
      process.execPath,
      [path.join(ROOT, "project/jsbuild.js"), "build", "--root", root, "--quiet", "--progress"],
      { encoding: "utf8", env: { ...process.env, GENESYS_FLOWS_CACHE: cache } },
    );
    expect({ status: first.status, stdout: first.stdout, stderr: first.stderr }).toEqual({
      status: 0,
      stdout: "",
      stderr:
        "genesys-flows: compiling 6 source files to JavaScript, once for these sources (some seconds; the next commands start at once)\n",
    });
    const again = spawnSync(
      process.execPath,
      [path.join(ROOT, "project/jsbuild.js"), "build", "--root", root, "--quiet", "--progress"],
      { encoding: "utf8", env: { ...process.env, GENESYS_FLOWS_CACHE: cache } },
    );
    expect({ status: again.status, stderr: again.stderr }).toEqual({ status: 0, stderr: "" });
    expect(read("tools/toolchain/setup.sh")).toContain('jsbuild.js" build --root "$project_root" --progress');
    // Pulumi's processes (the program, the pack) load quietly: their stderr is the engine's diagnostics.
    fs.appendFileSync(path.join(root, "lib/a.ts"), "// changed\n");
    const written: string[] = [];
    const spy = jest
      .spyOn(process.stderr, "write")
      .mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    try {
      freshRoot(() => jsbuild.load("index.ts", root));
    } finally {
      spy.mockRestore();
    }
    expect(written).toEqual([]);
  });

  it("bundles the program and the pack into one file each, with the packages they may hold; the other files stay one per source", () => {
    fs.writeFileSync(
      path.join(root, "index.ts"),
      'import { x } from "./lib/a";\nimport { z } from "zod";\nimport * as pulumi from "@pulumi/pulumi";\nexport const y = z.number().parse(x + 1);\nexport const output = typeof pulumi.output;\n',
    );
    const dir = jsbuild.ensureBuilt(root);
    const bundle = fs.readFileSync(path.join(dir, "index.js"), "utf8");
    expect(bundle).not.toMatch(/require\("\.\.?\//); // no file of ours loaded beside it
    expect(bundle).not.toContain('require("zod")'); // zod inside
    expect(bundle).toContain('require("@pulumi/pulumi")'); // @pulumi outside: the host's instance
    expect(require(path.join(dir, "index.js"))).toEqual({ y: 42, output: "function" });
    // per file, for the child tools
    expect(fs.readFileSync(path.join(dir, "lib/a.js"), "utf8")).not.toMatch(/require\("zod"\)|exports\.y/);
    expect(require(path.join(dir, "lib/a.js"))).toEqual({ x: 41 });
    expect(JSON.parse(fs.readFileSync(path.join(dir, ".complete"), "utf8")).bundled).toEqual([
      "index.ts",
      "policies/index.ts",
      "tools/cli.ts",
    ]);
  });

  it("refuses to bundle a package it has not been told is safe to bundle, naming it", () => {
    fs.writeFileSync(
      path.join(root, "index.ts"),
      'import * as semver from "semver";\nexport const v = semver.valid("1.2.3");\n',
    );
    expect(() => jsbuild.ensureBuilt(root)).toThrow(
      "bundling index.ts: it imports the package semver, which project/jsbuild.js neither bundles (BUNDLED_PACKAGES",
    );
    expect(fs.readdirSync(path.join(cache, "jsbuild")).filter((n) => !n.startsWith("."))).toEqual([]); // nothing half built is kept
  });

  it("without esbuild installed, says so and runs the entries from their per-file output", () => {
    // A node_modules without esbuild: typescript (the per-file build) and what the fixture imports.
    fs.rmSync(path.join(root, "node_modules"));
    fs.mkdirSync(path.join(root, "node_modules"));
    fs.symlinkSync(path.join(ROOT, "node_modules/typescript"), path.join(root, "node_modules/typescript"));
    const written: string[] = [];
    const spy = jest
      .spyOn(process.stderr, "write")
      .mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    let dir: string;
    try {
      dir = jsbuild.ensureBuilt(root);
    } finally {
      spy.mockRestore();
    }
    expect(written.join("")).toContain("[jsbuild] esbuild is not installed");
    expect(written.join("")).toContain("index.ts, policies/index.ts and tools/cli.ts run unbundled");
    expect(fs.readFileSync(path.join(dir, "index.js"), "utf8")).toContain('require("./lib/a")');
    expect(require(path.join(dir, "index.js")).y).toBe(42);
    expect(JSON.parse(fs.readFileSync(path.join(dir, ".complete"), "utf8")).bundled).toEqual([]);
    // Installing it later builds again, bundled (the hash covers esbuild's package.json). In a process of
    // its own: jest's resolver keeps that esbuild was not there.
    fs.symlinkSync(path.join(ROOT, "node_modules/esbuild"), path.join(root, "node_modules/esbuild"));
    const built = spawnSync(process.execPath, [path.join(ROOT, "project/jsbuild.js"), "build", "--root", root], {
      encoding: "utf8",
      env: { ...process.env, GENESYS_FLOWS_CACHE: cache },
    });
    expect(built.status).toBe(0);
    const again = built.stdout.trim();
    expect(again).not.toBe(dir);
    expect(JSON.parse(fs.readFileSync(path.join(again, ".complete"), "utf8")).bundled).toEqual([
      "index.ts",
      "policies/index.ts",
      "tools/cli.ts",
    ]);
  });

  it("tells the compiled code where the project is: its own folder is the cache's", () => {
    const key = Symbol.for("genesys-flows.projectRoot");
    const g = globalThis as Record<symbol, unknown>;
    const saved = g[key];
    delete g[key];
    try {
      const { where } = jsbuild.load("tools/cli.ts", root) as { where: { root: string; dirname: string } };
      expect(where.root).toBe(path.resolve(root));
      expect(where.dirname.startsWith(path.join(cache, "jsbuild"))).toBe(true);
    } finally {
      g[key] = saved;
      if (saved === undefined) delete g[key];
    }
  });

  it("is reused while the sources are the same, and rebuilt into another folder when one changes", () => {
    const first = jsbuild.ensureBuilt(root);
    const marker = fs.statSync(path.join(first, ".complete")).mtimeMs;
    expect(jsbuild.ensureBuilt(root)).toBe(first);
    expect(fs.statSync(path.join(first, ".complete")).mtimeMs).toBe(marker);
    fs.writeFileSync(path.join(root, "lib/unused.ts"), "export const unused = 2;\n"); // outside the closure
    expect(jsbuild.ensureBuilt(root)).toBe(first);
    fs.writeFileSync(path.join(root, "lib/a.ts"), "export const x: number = 1;\n");
    const second = jsbuild.ensureBuilt(root);
    expect(second).not.toBe(first);
    expect(require(path.join(second, "index.js")).y).toBe(2);
    fs.writeFileSync(path.join(root, "package-lock.json"), "{}\n"); // an install: bundled packages may have changed
    expect(jsbuild.ensureBuilt(root)).not.toBe(second);
  });

  it("keeps only the newest builds in the cache", () => {
    const dirs = Array.from({ length: jsbuild.KEEP + 2 }, (_, i) => {
      fs.writeFileSync(path.join(root, "lib/a.ts"), `export const x: number = ${i};\n`);
      return jsbuild.ensureBuilt(root);
    });
    const left = fs.readdirSync(path.join(cache, "jsbuild")).filter((n) => !n.startsWith("."));
    expect(left).toHaveLength(jsbuild.KEEP);
    expect(left).toContain(path.basename(dirs[dirs.length - 1]));
    expect(left).not.toContain(path.basename(dirs[0]));
  });
});

describe("builds in use (several checkouts and runs share one cache)", () => {
  const temp = tempProjectAndCache("jsbuild-lease-");
  const jsb = jsbuild as JsBuild & { lease(dir: string): boolean; leased(dir: string): boolean };

  beforeEach(() => {
    const root = temp.root();
    for (const dir of ["policies", "tools"]) fs.mkdirSync(path.join(root, dir));
    fs.writeFileSync(path.join(root, "index.ts"), 'import { x } from "./lib/a";\nexport const y = x + 1;\n');
    fs.writeFileSync(path.join(root, "policies/index.ts"), "export const pack = 1;\n");
    fs.writeFileSync(path.join(root, "tools/cli.ts"), "export const cli = 1;\n");
  });
  const build = (i: number) => {
    fs.writeFileSync(path.join(temp.root(), "lib/a.ts"), `export const x: number = ${i};\n`);
    return jsbuild.ensureBuilt(temp.root());
  };

  it("never removes a build a live process leases, however many builds follow it", () => {
    const first = build(0);
    expect(jsb.lease(first)).toBe(true); // this process: alive
    for (let i = 1; i <= jsbuild.KEEP + 3; i++) build(i);
    expect(fs.existsSync(path.join(first, ".complete"))).toBe(true);
    expect(jsb.leased(first)).toBe(true);
    const left = fs.readdirSync(path.join(temp.cache(), "jsbuild")).filter((n) => !n.startsWith("."));
    expect(left).toHaveLength(jsbuild.KEEP + 1); // the KEEP newest, and the leased one
  });

  it("does not keep a build for a process that ended", () => {
    const first = build(0);
    const ended = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    });
    fs.mkdirSync(path.join(first, ".leases"), { recursive: true });
    fs.writeFileSync(path.join(first, ".leases", ended.stdout), "");
    expect(jsb.leased(first)).toBe(false);
    expect(fs.readdirSync(path.join(first, ".leases"))).toEqual([]); // the dead lease is cleared
    for (let i = 1; i <= jsbuild.KEEP + 1; i++) build(i);
    expect(fs.existsSync(first)).toBe(false);
  });

  it("refuses to lease a build that was removed, so a loader builds it again", () => {
    const first = build(0);
    fs.rmSync(first, { recursive: true, force: true });
    expect(jsb.lease(first)).toBe(false);
    expect(jsbuild.ensureBuilt(temp.root())).toBe(first);
    expect(jsb.lease(first)).toBe(true);
  });
});

describe("the build's stamp (no hashing of the sources on every load)", () => {
  const temp = tempProjectAndCache("jsbuild-stamp-");
  let root: string;
  const jsb = jsbuild as JsBuild & { stampedDir(root: string): string | undefined };
  const past = new Date(Date.now() - 60_000);
  const age = (rel: string) => fs.utimesSync(path.join(root, rel), past, past);
  const write = (rel: string, text: string) => fs.writeFileSync(path.join(root, rel), text);

  beforeEach(() => {
    root = temp.root();
    write("index.ts", 'import { x } from "./lib/a";\nexport const y = x + 1;\n');
    write("lib/a.ts", "export const x = 41;\n");
    for (const dir of ["policies", "tools"]) fs.mkdirSync(path.join(root, dir));
    write("policies/index.ts", "export const pack = 1;\n");
    write("tools/cli.ts", "export const cli = 1;\n");
    for (const rel of [
      "index.ts",
      "lib/a.ts",
      "policies/index.ts",
      "tools/cli.ts",
      "tsconfig.json",
      "lib",
      "policies",
      "tools",
      ".",
    ])
      age(rel);
  });

  it("names the build while no input changed; a changed source, a file added beside one or a removed build void it", () => {
    expect(jsb.stampedDir(root)).toBeUndefined();
    const dir = jsbuild.ensureBuilt(root);
    expect(jsb.stampedDir(root)).toBe(dir);
    expect(jsbuild.ensureBuilt(root)).toBe(dir);

    write("lib/a.ts", "export const x = 42;\n");
    expect(jsb.stampedDir(root)).toBeUndefined();
    age("lib/a.ts");
    age("lib");
    const second = jsbuild.ensureBuilt(root);
    expect(second).not.toBe(dir);
    expect(jsb.stampedDir(root)).toBe(second);

    write("lib/b.ts", "export const b = 1;\n"); // outside the closure, but in a folder of it
    expect(jsb.stampedDir(root)).toBeUndefined();
    expect(jsbuild.ensureBuilt(root)).toBe(second);

    age("lib/b.ts");
    age("lib");
    jsbuild.ensureBuilt(root);
    expect(jsb.stampedDir(root)).toBe(second);
    fs.rmSync(second, { recursive: true, force: true });
    expect(jsb.stampedDir(root)).toBeUndefined();
  });

  it("is not written while an input was modified in the last seconds", () => {
    write("lib/a.ts", "export const x = 1;\n");
    const dir = jsbuild.ensureBuilt(root);
    expect(jsb.stampedDir(root)).toBeUndefined();
    age("lib/a.ts");
    age("lib");
    expect(jsbuild.ensureBuilt(root)).toBe(dir);
    expect(jsb.stampedDir(root)).toBe(dir);
  });
});
