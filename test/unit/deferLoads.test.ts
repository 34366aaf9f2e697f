// The language host shim's deferLoads.js (tools/toolchain/language-host-shim): a Pulumi program or
// plugin started with it does not load TypeScript, npm's arborist or a ts-node compiler it never
// uses, and one that uses them still gets them. Run in real Node.js processes with the real
// @pulumi/pulumi, as the language host starts them.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const DEFER = path.join(ROOT, "tools/toolchain/language-host-shim/deferLoads.js");
const RUN_PLUGIN = path.join(ROOT, "node_modules/@pulumi/pulumi/cmd/run-plugin/index.js");
/** What the preload defers, each a pattern of the file a load of it puts in require.cache. */
const DEFERRED = [
  ["typescript", "/typescript/lib/typescript\\.js$"],
  ["arborist", "/@npmcli/arborist/"],
  ["automation", "/@pulumi/pulumi/automation/index\\.js$"],
  ["fdir", "/node_modules/fdir/"],
  ["normalize-package-data", "/node_modules/normalize-package-data/"],
];
const ALL = DEFERRED.map(([name]) => name).sort();
/** A script expression: the names of DEFERRED a process has loaded (each file's name once per load). */
const LOADED = `Object.keys(require.cache).flatMap((f) => ${JSON.stringify(DEFERRED)}.filter(([, re]) => new RegExp(re).test(f.replace(/\\\\/g, "/"))).map(([name]) => name))`;

function node(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, args, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** What of DEFERRED a script has loaded when it prints, as a sorted unique list. */
const loadedBy = (script: string, preload: boolean, env: NodeJS.ProcessEnv = {}): string[] =>
  JSON.parse(
    node(
      [
        ...(preload ? ["--require", DEFER] : []),
        "-e",
        `${script}; console.log(JSON.stringify([...new Set(${LOADED})].sort()))`,
      ],
      { env },
    ).trim(),
  );

describe("a program (run by @pulumi/pulumi's run script)", () => {
  test("@pulumi/pulumi no longer loads TypeScript, arborist, the Automation API, fdir and normalize-package-data at start-up; without the preload it does", () => {
    expect(loadedBy(`require("@pulumi/pulumi")`, true)).toEqual([]);
    expect(loadedBy(`require("@pulumi/pulumi")`, false)).toEqual(ALL);
    // GENESYS_FLOWS_DEFER_LOADS=0: the preload does nothing.
    expect(loadedBy(`require("@pulumi/pulumi")`, true, { GENESYS_FLOWS_DEFER_LOADS: "0" })).toEqual(ALL);
  });

  test("the Automation API loads on first use, whole", () => {
    const script = `const pulumi = require("@pulumi/pulumi"); if (typeof pulumi.automation.LocalWorkspace.create !== "function") throw new Error("no LocalWorkspace")`;
    expect(loadedBy(script, true)).toContain("automation");
  });

  test("a program computing a function's code paths gets fdir, normalize-package-data and arborist on first use, and they work", () => {
    // A workspace (fdir globs its members) whose package depends on one member (normalize-package-data reads it).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "genesys-flows-defer-"));
    try {
      const pkg = (name: string, extra: object) => JSON.stringify({ name, version: "1.0.0", ...extra });
      fs.writeFileSync(path.join(dir, "package.json"), pkg("root", { workspaces: ["pkgs/*"] }));
      fs.mkdirSync(path.join(dir, "pkgs/app"), { recursive: true });
      fs.mkdirSync(path.join(dir, "pkgs/lib"), { recursive: true });
      fs.writeFileSync(path.join(dir, "pkgs/app/package.json"), pkg("app", { dependencies: { lib: "1.0.0" } }));
      fs.writeFileSync(path.join(dir, "pkgs/lib/package.json"), pkg("lib", {}));
      fs.mkdirSync(path.join(dir, "node_modules"));
      fs.symlinkSync(path.join(dir, "pkgs/lib"), path.join(dir, "node_modules/lib"));
      const pulumi = JSON.stringify(require.resolve("@pulumi/pulumi"));
      const script = `require(${pulumi}).runtime.computeCodePaths().then((paths) => { console.log(JSON.stringify({ paths: [...paths.keys()], loaded: [...new Set(${LOADED})].sort() })); }, (e) => { console.error(e); process.exit(1); })`;
      const run = (preload: boolean) =>
        JSON.parse(
          spawnSync(process.execPath, [...(preload ? ["--require", DEFER] : []), "-e", script], {
            cwd: path.join(dir, "pkgs/app"),
            encoding: "utf8",
          })
            .stdout.trim()
            .split("\n")
            .pop()!,
        );
      const deferred = run(true);
      expect(deferred.paths).toEqual(run(false).paths);
      expect(deferred.paths).toEqual([expect.stringMatching(/node_modules[\\/]lib$/)]);
      expect(deferred.loaded).toEqual(expect.arrayContaining(["arborist", "fdir", "normalize-package-data"]));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the program's run script installs no source-map-support unless GENESYS_FLOWS_SOURCE_MAPS=1", () => {
    const RUN = path.join(ROOT, "node_modules/@pulumi/pulumi/cmd/run/index.js");
    const hook = `process.on("exit", () => console.log("SOURCE_MAPS " + Object.keys(require.cache).some((f) => /source-map-support/.test(f))))`;
    const installed = (env: NodeJS.ProcessEnv) => {
      // Without --monitor the run script prints its usage and exits: by then it has loaded what it loads.
      const r = spawnSync(process.execPath, ["--require", DEFER, "-e", `${hook}; require(${JSON.stringify(RUN)})`], {
        cwd: ROOT,
        env: { ...process.env, ...env },
        encoding: "utf8",
      });
      const line = r.stdout.split("\n").find((l) => l.startsWith("SOURCE_MAPS "));
      if (line === undefined) throw new Error(`no SOURCE_MAPS line (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
      return line === "SOURCE_MAPS true";
    };
    expect(installed({})).toBe(false);
    expect(installed({ GENESYS_FLOWS_SOURCE_MAPS: "1" })).toBe(true);
    expect(installed({ GENESYS_FLOWS_DEFER_LOADS: "0" })).toBe(true);
  });

  test("a program that serializes a function gets TypeScript on first use, and the function serializes", () => {
    const script = `const pulumi = require("@pulumi/pulumi"); const f = () => 6 * 7;
      pulumi.runtime.serializeFunction(f).then((s) => { if (!/6 \\* 7/.test(s.text)) throw new Error("not serialized: " + s.text); console.log(JSON.stringify([...new Set(${LOADED})].sort())); }, (e) => { console.error(e); process.exit(1); })`;
    const out = node(["--require", DEFER, "-e", script]).trim().split("\n").pop()!;
    expect(JSON.parse(out)).toContain("typescript");
  });

  test("TypeScript's version is read without loading it (Pulumi logs and compares it)", () => {
    const script = `const ts = require("@pulumi/pulumi/typescript-shim"); const v = ts.version`;
    expect(loadedBy(script, true)).toEqual([]);
    expect(
      node(["--require", DEFER, "-e", `console.log(require("@pulumi/pulumi/typescript-shim").version)`]).trim(),
    ).toBe(require("typescript/package.json").version);
  });
});

describe("a plugin (the policy pack, run by run-plugin)", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "genesys-flows-defer-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("a JavaScript plugin runs without TypeScript loaded; without the preload run-plugin loads it", () => {
    const out = path.join(dir, "loaded.json");
    fs.writeFileSync(
      path.join(dir, "index.js"),
      `require("fs").writeFileSync(${JSON.stringify(out)}, JSON.stringify([...new Set(${LOADED})].sort()));\n`,
    );
    node(["--require", DEFER, RUN_PLUGIN, dir], { cwd: dir });
    expect(JSON.parse(fs.readFileSync(out, "utf8"))).toEqual([]);
    node([RUN_PLUGIN, dir], { cwd: dir });
    expect(JSON.parse(fs.readFileSync(out, "utf8"))).toContain("typescript");
  });

  test("run in a project with a tsconfig.json (run-plugin's working folder is the project's), a JavaScript plugin still loads no TypeScript", () => {
    const out = path.join(dir, "loaded.json");
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true } }));
    fs.writeFileSync(
      path.join(dir, "index.js"),
      `require("fs").writeFileSync(${JSON.stringify(out)}, JSON.stringify([...new Set(${LOADED})].sort()));\n`,
    );
    node(["--require", DEFER, RUN_PLUGIN, dir], { cwd: dir });
    expect(JSON.parse(fs.readFileSync(out, "utf8"))).toEqual([]);
    // allowJs: ts-node would compile the JavaScript too, so it registers at once, as without the preload.
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { allowJs: true } }));
    node(["--require", DEFER, RUN_PLUGIN, dir], { cwd: dir });
    expect(JSON.parse(fs.readFileSync(out, "utf8"))).toContain("typescript");
  });

  // ts-node type-checks each of these runs (seconds each): one plugin file serves every case.
  test("a TypeScript plugin is compiled and type-checked by ts-node on its first .ts file, with the tsconfig.json's options, as without the preload", () => {
    const out = path.join(dir, "out.txt");
    const header = "declare const require: (id: string) => any;\n";
    // An unused local: an error under noUnusedLocals (from the tsconfig.json), none without it.
    const write = (answer: string) =>
      fs.writeFileSync(
        path.join(dir, "index.ts"),
        `${header}function twice(x: number) { const unused = 1; return x * 2; }\nconst answer: number = ${answer};\nrequire("fs").writeFileSync(${JSON.stringify(out)}, String(answer));\n`,
      );
    write("twice(21)");
    node(["--require", DEFER, RUN_PLUGIN, dir], { cwd: dir });
    expect(fs.readFileSync(out, "utf8")).toBe("42");
    fs.rmSync(out);
    // Type-checked: a type error stops the plugin.
    write('"forty-two"');
    const typeError = spawnSync(process.execPath, ["--require", DEFER, RUN_PLUGIN, dir], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(typeError.status).not.toBe(0);
    expect(`${typeError.stdout}${typeError.stderr}`).toMatch(/TS2322|not assignable to type 'number'/);
    expect(fs.existsSync(out)).toBe(false);
    // The tsconfig.json's options (parsed when ts-node registers, merged as run-plugin merges them):
    // the unused local stops the plugin, with and without the preload (a semantic check, so also
    // proof that both type-check rather than only transpile).
    write("twice(21)");
    fs.writeFileSync(
      path.join(dir, "tsconfig.json"),
      `{\n  // a comment, as tsconfig.json files have\n  "compilerOptions": { "noUnusedLocals": true }\n}\n`,
    );
    for (const args of [
      ["--require", DEFER, RUN_PLUGIN, dir],
      [RUN_PLUGIN, dir],
    ]) {
      const r = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8" });
      expect(`${r.stdout}${r.stderr}`).toMatch(/TS6133/);
      expect(r.status).not.toBe(0);
      expect(fs.existsSync(out)).toBe(false);
    }
  });
});

describe("the command line (the inline program runs in its process: engine/workspace.ts)", () => {
  /** What a command-line entry has loaded of DEFERRED once the Automation API it runs the engine with is loaded. */
  const loadedByEntry = (entry: string, env: NodeJS.ProcessEnv = {}): string[] => {
    const script = `process.on("exit", () => { require("@pulumi/pulumi/automation"); console.log("LOADED " + JSON.stringify([...new Set(${LOADED})].sort())); });
      require(${JSON.stringify(path.join(ROOT, entry))});`;
    // `--help`: the entry runs a command that needs no stack (its argv starts at index 2).
    const r = spawnSync(process.execPath, ["-e", script, "genesys-flows", "--help"], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: "utf8",
    });
    const line = r.stdout.split("\n").find((l) => l.startsWith("LOADED "));
    if (line === undefined) throw new Error(`${entry} printed no LOADED line (exit ${r.status}):\n${r.stderr}`);
    return JSON.parse(line.slice("LOADED ".length));
  };

  test.each(["bin/genesys-flows", "tools/jsbuild/cli.js"])(
    "%s defers them as the language host's processes do",
    (entry) => {
      // Built first: a build of the sources (project/jsbuild.js) loads TypeScript to compile them.
      node([path.join(ROOT, entry), "--help"]);
      expect(loadedByEntry(entry)).toEqual(["automation"]);
      expect(loadedByEntry(entry, { GENESYS_FLOWS_DEFER_LOADS: "0" })).toEqual(ALL);
    },
  );
});
