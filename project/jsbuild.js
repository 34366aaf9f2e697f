// Precompiled JavaScript for the Pulumi program (index.ts), the policy pack (policies/index.ts),
// the command line (tools/cli.ts) and its child tools (bench/run.ts), so a `pulumi preview`/`up`,
// `npm start` and `genesys-flows bench` run plain JavaScript: no ts-node type-check (nor transpile)
// at every run. The type-check belongs to `npm run typecheck` and CI.
//
// The build is the import closure of the entries (relative imports only), each file
// transpiled on its own (esbuild, else `ts.transpileModule`: the project compiles with isolatedModules) and the
// JSON files they import copied, into a cache folder outside the repository named by a hash of
// every input:
//   $GENESYS_FLOWS_CACHE/jsbuild/<hash>/   (default ~/.cache/genesys-flows/jsbuild/<hash>/)
// with `node_modules` linked to the project's, so the compiled files load the same packages (same
// real paths, same module instances) as the language host and the analyzer. An edited source gives
// another hash, so another build; nothing is written into the working tree.
//
// The two entries Pulumi starts on every engine pass, the program (index.ts) and the policy pack
// (policies/index.ts), are each one file (esbuild bundles them over their per-file output): loading
// some 300 modules one by one cost each of the two processes about 0.2 s of CPU more than loading
// one bundle, in each of an up's two passes (a scratch profile; docs/benchmark.md has the rounds).
// A bundle holds our code and the pure-JavaScript packages of BUNDLED_PACKAGES; @pulumi/* stay
// outside (the program must share the language host's @pulumi/pulumi, the pack the analyzer's).
// No bundled code reads files beside itself: the pack's config is read from the project
// (policies/config.ts). The command line (tools/cli.ts) is one file too, with every package outside
// (PACKAGES_OUTSIDE). Without esbuild (not installed), the entries run from their per-file output,
// as the rest does, and the build says so.
//
// tools/toolchain/setup.sh builds it (every `tools/pulumi.sh` run checks it, ~0.1 s); the entries
// (tools/jsbuild/program.js, policies/pack.js) build it too when it is missing, and fall back to
// ts-node in transpile-only mode if the build cannot be made.
// Two more uses, for the package (a team's repository depends on genesys-flows):
//   - `dist` (npm pack's prepack): the tool's own entries compiled file by file into <tool>/dist/,
//     shipped in the package, so a team's install needs no compiler for the tool; `clean-dist` after.
//   - a team's project (`load(entry, <team root>)`, any root but the tool's own folder): the team's
//     index.ts and policies/index.ts and what they import relatively (components/), compiled with
//     the team's typescript into the cache; `genesys-flows/...` imports load the package's dist/.
// Plain CommonJS JavaScript on purpose: it must run before anything is compiled.
// Lives in project/ (below every folder) so both entries may load it: the policy pack's
// (policies/pack.js) and the program's and CLI's (tools/jsbuild/).
// Usage: node project/jsbuild.js [build|dist|clean-dist|dir|files] [--root DIR] [--quiet] [--progress]
//   --quiet: no summary line, no folder on stdout; --progress: say a build starts (before it does).
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const crypto = require("node:crypto");

/** Bump when the build's layout or options change: old builds are then ignored. */
const BUILD_FORMAT = "4";
// components/genesyscloud.ts: the package's export of the provider's SDK; a team's rules file
// (templates/portfolio/policies/rules.ts in the starter), which `genesys-flows lint` loads
// (policies/lint/project.ts).
const ENTRIES = ["index.ts", "policies/index.ts", "tools/cli.ts", "components/genesyscloud.ts", "policies/rules.ts"];
/**
 * Entries built when the project has them: the command line's child tools (tools/jsbuild/child.js
 * runs them), which a copy of the program (the tests', without bench/) leaves out.
 */
const OPTIONAL_ENTRIES = ["bench/run.ts"];
/** The global through which the loaded code finds the project's folder (project/root.ts). */
const ROOT_KEY = Symbol.for("genesys-flows.projectRoot");
/** The global through which the loaded code knows which build it is (project/root.ts buildId). */
const BUILD_KEY = Symbol.for("genesys-flows.buildId");
/** The entries bundled into one file each (above): the ones every engine pass starts, and the command line. */
const BUNDLED_ENTRIES = ["index.ts", "policies/index.ts", "tools/cli.ts"];
/**
 * Bundled entries that leave every package outside, loaded from node_modules as before: the
 * command line's (some read files beside themselves), where the bundle only saves loading and
 * resolving some 400 of the project's files one by one (about 0.2 s of CPU a command, a scratch
 * measure of requiring its modules: 0.70 s per file, 0.53 s bundled).
 */
const PACKAGES_OUTSIDE = ["tools/cli.ts"];
/** Packages a bundle may hold: pure JavaScript that reads no file at run time. Any other package the bundled entries import fails the build, named. */
const BUNDLED_PACKAGES = ["zod", "yaml", "minimatch", "brace-expansion", "balanced-match"];
/**
 * Packages left outside the bundles, loaded from node_modules: @pulumi/* (one instance with the
 * host's), pg (org/postgresState.ts loads it only for a postgres:// backend).
 */
const EXTERNAL_PACKAGES = ["@pulumi/*", "pg"];
const MARKER = ".complete";
/** Builds kept in the cache (newest first); older ones are removed after a new build. */
const KEEP = 8;

function cacheDir() {
  const base =
    process.env.GENESYS_FLOWS_CACHE ||
    path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "genesys-flows");
  return path.join(base, "jsbuild");
}

// import ... from "x"; export ... from "x"; import "x"; import("x"); require("x")
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"']+)["']/g;

/** Resolves a relative specifier of `fromAbs` to a .ts or .json file of the project, or undefined. */
function resolveLocal(fromAbs, spec) {
  const base = path.resolve(path.dirname(fromAbs), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, "index.ts")]) {
    if (!/\.(ts|json)$/.test(candidate) || candidate.endsWith(".d.ts")) continue;
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** This tool's own folder (this file's parent's parent). */
const TOOL_ROOT = path.resolve(__dirname, "..");
/** A folder with the tool's command line is the tool (this repository, a copy of it): its entries are built and bundled; any other root is a team's project. */
const isTool = (root) => fs.existsSync(path.join(root, "tools", "cli.ts"));

/** Project-relative paths of the entries' import closure (.ts and .json), sorted: the entries the root has (a team's has no tools/cli.ts). */
function closure(root, entries = [...ENTRIES, ...OPTIONAL_ENTRIES]) {
  const seen = new Set();
  const queue = entries.filter((e) => fs.existsSync(path.join(root, e))).map((e) => path.join(root, e));
  while (queue.length > 0) {
    const abs = queue.pop();
    if (seen.has(abs)) continue;
    seen.add(abs);
    if (!abs.endsWith(".ts")) continue;
    const text = fs.readFileSync(abs, "utf8");
    for (const m of text.matchAll(SPECIFIER)) {
      if (!m[1].startsWith(".")) continue;
      const dep = resolveLocal(abs, m[1]);
      if (dep && !seen.has(dep)) queue.push(dep);
    }
  }
  return [...seen].map((abs) => path.relative(root, abs).split(path.sep).join("/")).sort();
}

/**
 * What the bundles are made with besides the sources, project-relative: the lock file and the
 * package.json of esbuild and of each bundled package, those present. Hashed and stamped like the
 * sources, so an install that changes one builds again.
 */
function toolFiles(root) {
  return ["package-lock.json", ...["esbuild", ...BUNDLED_PACKAGES].map((n) => `node_modules/${n}/package.json`)].filter(
    (rel) => fs.existsSync(path.join(root, rel)),
  );
}

/** What a build is made of, and its hash: every input file's path and content, tsconfig, node_modules. */
function plan(root = path.resolve(__dirname, "..")) {
  root = path.resolve(root);
  const sources = closure(root);
  const tools = toolFiles(root);
  const nodeModules = fs.realpathSync(path.join(root, "node_modules"));
  const h = crypto.createHash("sha256");
  h.update(`format ${BUILD_FORMAT}\nnode_modules ${nodeModules}\n`);
  for (const rel of ["tsconfig.json", ...tools, ...sources]) {
    h.update(`${rel}\n`);
    h.update(fs.readFileSync(path.join(root, rel)));
    h.update("\n");
  }
  const hash = h.digest("hex").slice(0, 20);
  return { root, sources, tools, nodeModules, hash, dir: path.join(cacheDir(), hash) };
}

function compilerOptions(root, ts) {
  const read = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
  if (read.error) throw new Error(`tsconfig.json: ${ts.flattenDiagnosticMessageText(read.error.messageText, "\n")}`);
  const { options } = ts.convertCompilerOptionsFromJson(read.config.compilerOptions || {}, root);
  return {
    ...options,
    noEmit: false,
    outDir: undefined,
    declaration: false,
    sourceMap: false,
    inlineSourceMap: true,
    inlineSources: true,
  };
}

// The stamp: hashing the closure reads every source (some 260 files) on every load, that is twice per
// engine pass (the program and the policy pack) and once per command. After a build is found or
// made, a stamp per project folder records the build's folder with the size, modification and
// change times and inode of every input and of every folder holding one (a file added beside an import changes what it
// resolves to, and its folder's time); the next load that finds them all unchanged takes the
// build without reading a source. Inputs modified in the last seconds are not stamped (two edits
// within the file system's clock tick could share a time), so the stamp is written by a later load.
const STAMP_SETTLE_MS = 3000;

function stampFile(root) {
  return path.join(
    cacheDir(),
    ".stamps",
    `${crypto.createHash("sha256").update(path.resolve(root)).digest("hex").slice(0, 20)}.json`,
  );
}

/** [path, size, mtimeMs, ctimeMs, inode] of every input of the plan and of every folder holding one (project-relative). */
function stampEntries(p) {
  const files = ["tsconfig.json", ...p.tools, ...p.sources];
  // node_modules too: installing esbuild or a bundled package that was missing changes its time.
  const dirs = new Set([".", "node_modules"]);
  const addFolders = (d) => {
    for (; d !== "." && !dirs.has(d); d = path.posix.dirname(d)) dirs.add(d);
  };
  for (const rel of files) addFolders(path.posix.dirname(rel));
  return [...files, ...[...dirs].sort()].map((rel) => {
    const st = fs.statSync(path.join(p.root, rel));
    return [rel, st.isDirectory() ? -1 : st.size, st.mtimeMs, st.ctimeMs, st.ino];
  });
}

function writeStamp(p) {
  try {
    const entries = stampEntries(p);
    if (entries.some(([, , mtime]) => mtime > Date.now() - STAMP_SETTLE_MS)) return;
    const file = stampFile(p.root);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(
      tmp,
      `${JSON.stringify({ format: BUILD_FORMAT, nodeModules: p.nodeModules, dir: p.dir, entries })}\n`,
    );
    fs.renameSync(tmp, file);
  } catch {
    // a read-only cache or a file gone meanwhile: the next load hashes again
  }
}

/** The build the stamp of `root` names, when every input it records is unchanged and the build is complete; else undefined. */
function stampedDir(root) {
  root = path.resolve(root);
  try {
    const stamp = JSON.parse(fs.readFileSync(stampFile(root), "utf8"));
    if (stamp.format !== BUILD_FORMAT || stamp.nodeModules !== fs.realpathSync(path.join(root, "node_modules")))
      return undefined;
    if (path.dirname(stamp.dir) !== cacheDir() || !fs.existsSync(path.join(stamp.dir, MARKER))) return undefined;
    for (const [rel, size, mtime, ctime, ino] of stamp.entries) {
      const st = fs.statSync(path.join(root, rel));
      if ((st.isDirectory() ? -1 : st.size) !== size || st.mtimeMs !== mtime || st.ctimeMs !== ctime || st.ino !== ino)
        return undefined;
    }
    return stamp.dir;
  } catch {
    return undefined;
  }
}

/** The top folder of a package under node_modules that a bundle input path names ("zod", "@scope/name"), or undefined for the project's own files. */
function packageOf(input) {
  const at = input.lastIndexOf("node_modules/");
  if (at < 0) return undefined;
  const parts = input.slice(at + "node_modules/".length).split("/");
  return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
}

/**
 * Bundles each of BUNDLED_ENTRIES that the plan has into `<tmp>/<entry>.js` (over its per-file
 * output), with a source map beside it; returns the entries bundled. Without esbuild it says so on
 * stderr and returns none: the per-file output runs instead. A bundle that would hold a package
 * outside BUNDLED_PACKAGES, or a project file outside the hashed closure, fails the build, named.
 */
function bundleEntries(p, tmp) {
  const entries = BUNDLED_ENTRIES.filter((e) => p.sources.includes(e));
  if (entries.length === 0) return [];
  const { esbuild, error } = esbuildAt(p.root);
  if (!esbuild) {
    process.stderr.write(
      `[jsbuild] esbuild is not installed (${error?.message}; \`npm ci\` installs it): ${entries.slice(0, -1).join(", ")}${entries.length > 1 ? " and " : ""}${entries.at(-1)} run unbundled, each process loading some 300 files (slower)\n`,
    );
    return [];
  }
  const sources = new Set(p.sources);
  for (const entry of entries) {
    const outfile = path.join(tmp, entry.replace(/\.ts$/, ".js"));
    let result;
    try {
      result = esbuild.buildSync({
        absWorkingDir: p.root,
        entryPoints: [path.join(p.root, entry)],
        outfile,
        allowOverwrite: true,
        bundle: true,
        platform: "node",
        format: "cjs",
        target: "node20",
        tsconfig: path.join(p.root, "tsconfig.json"),
        ...(PACKAGES_OUTSIDE.includes(entry) ? { packages: "external" } : { external: EXTERNAL_PACKAGES }),
        // Function and class names as written (errors and logs name them), not as the bundle renames them.
        keepNames: true,
        sourcemap: "linked",
        sourcesContent: true,
        metafile: true,
        logLevel: "silent",
      });
    } catch (e) {
      const first = e?.errors?.[0] || undefined;
      const where = first?.location ? `${first.location.file}:${first.location.line}: ` : "";
      throw new Error(`bundling ${entry}: ${where}${first ? first.text : e?.message}`);
    }
    for (const input of Object.keys(result.metafile.inputs)) {
      const pkg = packageOf(input);
      if (
        pkg === undefined ? !sources.has(input) : !BUNDLED_PACKAGES.includes(pkg) && !PACKAGES_OUTSIDE.includes(entry)
      ) {
        throw new Error(
          pkg === undefined
            ? `bundling ${entry}: ${input} is imported but not in the build's closure (project/jsbuild.js closure() follows relative imports it can read)`
            : `bundling ${entry}: it imports the package ${pkg}, which project/jsbuild.js neither bundles (BUNDLED_PACKAGES: pure JavaScript that reads no file at run time) nor leaves outside (EXTERNAL_PACKAGES); add it to one`,
        );
      }
    }
  }
  return entries;
}

/** esbuild from `root`'s node_modules (the tool's devDependency), or why it cannot be loaded. */
function esbuildAt(root) {
  try {
    return { esbuild: require(require.resolve("esbuild", { paths: [root] })) };
  } catch (e) {
    return { error: e };
  }
}

/**
 * Writes each of `sources` (relative to `root`) under `out`: a .ts file transpiled on its own to .js
 * (the first error thrown, naming the file), any other as it is; `read` sees each file's text
 * first; `sourceMap`: each .js carries its map and source inline. With esbuild (the tool's own
 * checkout) one call transpiles every file (the tool's 565: about 1.4 s of CPU, against some 10 s
 * for `ts.transpileModule` file by file), `import()` becoming `require` as TypeScript's CommonJS
 * output has it; without it (a team's project has typescript, not esbuild) typescript's
 * transpileModule with the project's tsconfig.json.
 */
function transpileInto(root, sources, out, { sourceMap, read }) {
  const ts = sources.filter((rel) => rel.endsWith(".ts"));
  for (const rel of sources) {
    // A source is read here only for `read` (the compilers read their own).
    if (rel.endsWith(".ts") && read === undefined) continue;
    const text = fs.readFileSync(path.join(root, rel), "utf8");
    read?.(rel, text);
    if (rel.endsWith(".ts")) continue;
    fs.mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
    fs.writeFileSync(path.join(out, rel), text);
  }
  const { esbuild } = esbuildAt(root);
  if (esbuild) {
    try {
      esbuild.buildSync({
        absWorkingDir: root,
        entryPoints: ts.map((rel) => path.join(root, rel)),
        outdir: out,
        outbase: root,
        bundle: false,
        platform: "node",
        format: "cjs",
        target: "node20",
        supported: { "dynamic-import": false },
        tsconfig: path.join(root, "tsconfig.json"),
        ...(sourceMap ? { sourcemap: "inline", sourcesContent: true } : {}),
        logLevel: "silent",
      });
    } catch (e) {
      const first = e?.errors?.[0] || undefined;
      const where = first?.location ? `${first.location.file}:${first.location.line}` : "";
      throw new Error(`${where || "transpiling"}: ${first ? first.text : e?.message}`);
    }
    return;
  }
  const typescript = require(require.resolve("typescript", { paths: [root] }));
  const options = {
    ...compilerOptions(root, typescript),
    ...(sourceMap ? {} : { inlineSourceMap: false, inlineSources: false }),
  };
  for (const rel of ts) {
    const file = path.join(out, rel.replace(/\.ts$/, ".js"));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const r = typescript.transpileModule(fs.readFileSync(path.join(root, rel), "utf8"), {
      compilerOptions: options,
      fileName: path.join(root, rel),
      reportDiagnostics: true,
    });
    const errors = (r.diagnostics || []).filter((d) => d.category === typescript.DiagnosticCategory.Error);
    if (errors.length > 0)
      throw new Error(`${rel}: ${typescript.flattenDiagnosticMessageText(errors[0].messageText, "\n")}`);
    fs.writeFileSync(file, r.outputText);
  }
}

/**
 * Builds the compiled tree if it is missing; returns its folder. Safe when several processes race.
 * With `progress`, a build says it starts before anything slow (loading esbuild or typescript,
 * compiling): the first command of a clone, or after a pull, waits for it (2 to 5 s for the
 * tool's 565 files on the busy 2-core machine), and a person must not face a silent terminal.
 */
function ensureBuilt(root, { quiet = true, progress = false } = {}) {
  const stamped = stampedDir(root);
  if (stamped) return stamped;
  const p = plan(root);
  if (fs.existsSync(path.join(p.dir, MARKER))) {
    writeStamp(p);
    return p.dir;
  }
  if (progress)
    process.stderr.write(
      `genesys-flows: compiling ${p.sources.length} source files to JavaScript, once for these sources (some seconds; the next commands start at once)\n`,
    );
  const started = Date.now();
  fs.mkdirSync(cacheDir(), { recursive: true });
  const tmp = fs.mkdtempSync(path.join(cacheDir(), `.tmp-${p.hash}-`));
  try {
    transpileInto(p.root, p.sources, tmp, { sourceMap: true });
    // A team's few files run unbundled: what they import of the tool is the package's dist/.
    const bundled = isTool(p.root) ? bundleEntries(p, tmp) : [];
    fs.symlinkSync(p.nodeModules, path.join(tmp, "node_modules"), "dir");
    fs.writeFileSync(
      path.join(tmp, MARKER),
      `${JSON.stringify({ root: p.root, builtAt: new Date().toISOString(), files: p.sources.length, bundled })}\n`,
    );
    try {
      fs.renameSync(tmp, p.dir);
    } catch (e) {
      // Another process finished the same build first: keep its copy.
      if (!fs.existsSync(path.join(p.dir, MARKER))) throw e;
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  prune(p.dir);
  writeStamp(p);
  if (!quiet)
    process.stderr.write(
      `[jsbuild] compiled ${p.sources.length} files to ${p.dir} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  return p.dir;
}

// Builds in use. Several checkouts and runs share the cache (CI runners, worktrees, e2e copies), and a
// process requires the compiled files of its build lazily, for as long as it runs: a build another
// process uses must never be removed. Each process that loads a build leases it (a file named by its
// pid under <build>/.leases); pruning spares every build with a lease of a live process. Leasing and
// pruning take one lock (a folder made atomically), so a build is never removed between a process
// finding it and leasing it.
const LEASES = ".leases";
const LOCK = ".lock";
const LOCK_STALE_MS = 30000;

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `fn` holding the cache's lock; a lock older than LOCK_STALE_MS (its holder died) is broken. */
function withLock(fn) {
  const lock = path.join(cacheDir(), LOCK);
  fs.mkdirSync(cacheDir(), { recursive: true });
  for (let waited = 0; ; waited += 20) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > LOCK_STALE_MS) fs.rmSync(lock, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      if (waited > 2 * LOCK_STALE_MS) throw new Error(`the build cache's lock ${lock} is held too long`);
      sleepSync(20);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}

/** Whether a live process leases `dir`; the leases of processes that ended are removed. */
function leased(dir) {
  let names;
  try {
    names = fs.readdirSync(path.join(dir, LEASES));
  } catch {
    return false;
  }
  let live = false;
  for (const name of names) {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) live = true;
    else fs.rmSync(path.join(dir, LEASES, name), { force: true });
  }
  return live;
}

/** Leases `dir` for this process while it runs; false when the build is gone (pruned before the lease). */
function lease(dir) {
  return withLock(() => {
    if (!fs.existsSync(path.join(dir, MARKER))) return false;
    fs.mkdirSync(path.join(dir, LEASES), { recursive: true });
    fs.writeFileSync(path.join(dir, LEASES, String(process.pid)), "");
    return true;
  });
}

/** Removes all but the KEEP newest complete builds (never `current`, never one a live process leases); errors are ignored. */
function prune(current) {
  try {
    withLock(() => {
      const builds = fs
        .readdirSync(cacheDir())
        .filter((n) => !n.startsWith("."))
        .map((n) => path.join(cacheDir(), n))
        .filter((d) => d !== current && fs.existsSync(path.join(d, MARKER)))
        .map((d) => ({ d, t: fs.statSync(path.join(d, MARKER)).mtimeMs }))
        .sort((a, b) => b.t - a.t);
      for (const { d } of builds.slice(KEEP - 1)) if (!leased(d)) fs.rmSync(d, { recursive: true, force: true });
    });
  } catch {
    // another process pruned meanwhile, or the cache is read-only: nothing to do
  }
}

/**
 * Loads `entry` (e.g. "index.ts") of the project as precompiled JavaScript. When the build cannot
 * be made (no typescript, a read-only cache), it warns and runs the source through ts-node in
 * transpile-only mode instead. Errors of the program itself are never caught here.
 */
function load(entry, root = TOOL_ROOT, { progress = false } = {}) {
  // The compiled files live in the cache: tell the tool's where its folder is (project/root.ts); a
  // team's build holds none of the tool's files (they are the package's dist/, which knows).
  if (isTool(root) && typeof globalThis[ROOT_KEY] !== "string") globalThis[ROOT_KEY] = path.resolve(root);
  let dir;
  try {
    // Leased before anything is required from it, so no other process prunes it while this one runs.
    for (let attempt = 0; dir === undefined; attempt++) {
      const built = ensureBuilt(root, { progress });
      if (lease(built)) dir = built;
      else if (attempt === 2)
        throw new Error(`the build ${built} was removed three times before this process could lease it`);
    }
  } catch (e) {
    process.stderr.write(
      `[jsbuild] cannot use the precompiled program (${e?.message}); running ${entry} through ts-node (transpile-only)\n`,
    );
  }
  if (dir) {
    // The build's id (its folder's name, a hash of every input): what the code kept between runs is keyed by (project/root.ts buildId).
    // A team's program runs the package's dist/: its id, not the team's few files'.
    globalThis[BUILD_KEY] = isTool(root) ? path.basename(dir) : distId() || path.basename(dir);
    return require(path.join(dir, entry.replace(/\.ts$/, ".js")));
  }
  require(require.resolve("ts-node", { paths: [root] })).register({
    transpileOnly: true,
    project: path.join(root, "tsconfig.json"),
  });
  return require(path.join(root, entry));
}

// The package's dist/ (npm pack): the tool's entries, each file transpiled (no bundles: a team's
// program requires the same per-file modules the command line does, one instance of each), its id
// the hash of its sources. Written beside, renamed into place when complete.
const DIST = "dist";

/** The id of the tool's dist/ (the package), or undefined when there is none (this repository). */
function distId() {
  try {
    return JSON.parse(fs.readFileSync(path.join(TOOL_ROOT, DIST, MARKER), "utf8")).id;
  } catch {
    return undefined;
  }
}

function buildDist(root = TOOL_ROOT) {
  const sources = closure(root, ENTRIES);
  const h = crypto.createHash("sha256");
  const out = path.join(root, `${DIST}.tmp-${process.pid}`);
  fs.rmSync(out, { recursive: true, force: true });
  transpileInto(root, sources, out, { sourceMap: false, read: (rel, text) => h.update(`${rel}\n${text}\n`) });
  const id = `dist-${h.digest("hex").slice(0, 20)}`;
  // The commit it was built from ("-dirty" with changes not committed): a pre-release names it
  // (project/template.ts toolVersion).
  const describe = ["describe", "--always", "--dirty", "--abbrev=12", "--exclude=*"];
  const git = require("node:child_process").spawnSync("git", describe, { cwd: root, encoding: "utf8" });
  const commit = git.status === 0 ? git.stdout.trim() : undefined;
  const marker = { id, files: sources.length, ...(commit ? { commit } : {}) };
  fs.writeFileSync(path.join(out, MARKER), `${JSON.stringify(marker)}\n`);
  fs.rmSync(path.join(root, DIST), { recursive: true, force: true });
  fs.renameSync(out, path.join(root, DIST));
  return { id, files: sources.length };
}

module.exports = {
  ENTRIES,
  OPTIONAL_ENTRIES,
  BUNDLED_ENTRIES,
  BUNDLED_PACKAGES,
  KEEP,
  cacheDir,
  closure,
  plan,
  ensureBuilt,
  stampedDir,
  lease,
  leased,
  load,
  distId,
  buildDist,
};

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--root");
  const root = at >= 0 ? args[at + 1] : path.resolve(__dirname, "..");
  const cmd = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--root") || "build";
  try {
    if (cmd === "build") {
      const dir = ensureBuilt(root, { quiet: args.includes("--quiet"), progress: args.includes("--progress") });
      if (!args.includes("--quiet")) process.stdout.write(`${dir}\n`);
    } else if (cmd === "dist") {
      const { files } = buildDist(root);
      process.stdout.write(`[jsbuild] compiled ${files} files into ${DIST}/ (the package's precompiled tool)\n`);
    } else if (cmd === "clean-dist") fs.rmSync(path.join(root, DIST), { recursive: true, force: true });
    else if (cmd === "dir") process.stdout.write(`${plan(root).dir}\n`);
    else if (cmd === "files") process.stdout.write(`${plan(root).sources.join("\n")}\n`);
    else {
      process.stderr.write(`jsbuild: unknown command '${cmd}' (build | dist | clean-dist | dir | files)\n`);
      process.exit(2);
    }
  } catch (e) {
    process.stderr.write(`[jsbuild] build failed: ${e?.message}\n`);
    process.exit(1);
  }
}
