// Loaded by `node --require` before @pulumi/pulumi's run scripts, in a program or a plugin (the
// policy pack) the Node.js language host starts through tools/toolchain/language-host-shim.
//
// Why: every Node.js process of a Pulumi run spends about half a second of CPU loading code it
// does not use, and an `up` starts two of them (the program and the policy pack), a preview with
// it four. Measured on the project's 2-core machine (docs/tests.md, Speed):
//   - @pulumi/pulumi loads TypeScript (9 MB, through its typescript-shim) and npm's arborist (with
//     pacote, sigstore, tar) at start-up for function serialization (runtime/closure), which only
//     a program that serializes a function (dynamic providers, callbacks) calls;
//   - run-plugin registers ts-node for a plugin written in TypeScript, whatever the plugin is
//     written in: registering creates the compiler (TypeScript again), and first it parses the
//     project's tsconfig.json with TypeScript (its working folder is the project's). The pack is
//     JavaScript.
//   - @pulumi/pulumi's index loads the Automation API (a program or a pack never uses it; the
//     command line does, and gets it on first use), and runtime/closure fdir and
//     normalize-package-data for function serialization as well (about 0.05 s of CPU a process
//     with the Automation API, 150 modules of some 1,040);
//   - the program's run script installs source-map-support, which then maps the frames of the
//     root stack resource's call stack through the source maps of @pulumi/pulumi's own files
//     (about 0.1 s of CPU a program). The program's traces use V8's own format anyway
//     (tools/jsbuild/program.js); GENESYS_FLOWS_SOURCE_MAPS=1 keeps both.
// What it does: it defers them, not removes them (source-map-support aside: the program's is not
// installed). TypeScript and arborist load on first use (a
// property read of the module), ts-node registers on the first TypeScript file required, with the
// tsconfig.json compiler options parsed then (merged as run-plugin merges them). A program or pack
// that uses them gets them as before; one that does not never loads them. A tsconfig.json that
// mentions allowJs (ts-node then compiles JavaScript too) is parsed and registered at once.
// Upstream code is not modified: only what `require` returns to those @pulumi/pulumi files.
// test/unit/deferLoads.test.ts checks both sides.
"use strict";
const Module = require("node:module");
const path = require("node:path");
const fs = require("node:fs");

const load = Module._load;
const sep = path.sep;
const TS_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts"];

/** Whether `from` is the file `rel` of @pulumi/pulumi (wherever node_modules is). */
const pulumiFile = (from, ...rel) => from.endsWith([`${sep}@pulumi`, "pulumi", ...rel].join(sep));
const runScript = (from) =>
  pulumiFile(from, "cmd", "run-plugin", "run.js") || pulumiFile(from, "cmd", "run-policy-pack", "run.js");

/** A stand-in for a module that loads it on first use; `known` answers some reads without loading. */
function deferred(loadIt, known, callable = false) {
  let real;
  const get = () => (real === undefined ? (real = loadIt()) : real);
  const traps = {
    get: (_, key) => (Object.hasOwn(known, key) ? known[key] : get()[key]),
    has: (_, key) => key in get(),
  };
  // A module that is a function (normalize-package-data): called, it loads. (A function's own
  // `prototype` cannot be reported configurable, so it keeps its target's keys.)
  if (callable)
    return new Proxy(function deferredModule() {}, { ...traps, apply: (_, self, a) => Reflect.apply(get(), self, a) });
  return new Proxy(
    {},
    {
      ...traps,
      ownKeys: () => Reflect.ownKeys(get()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Object.getOwnPropertyDescriptor(get(), key);
        if (d) d.configurable = true;
        return d;
      },
    },
  );
}

/** The `version` of the package a resolved file belongs to (Pulumi logs and compares TypeScript's). */
function packageVersion(file) {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (!fs.existsSync(manifest)) continue;
    const version = JSON.parse(fs.readFileSync(manifest, "utf8")).version;
    if (typeof version === "string") return version;
  }
  return undefined;
}

/**
 * The tsconfig.json whose compiler options run-plugin asked for and got `{}` instead (parsed when
 * ts-node registers), with the @pulumi/pulumi tsutils that parses it.
 */
let deferredTsconfig;

/** @pulumi/pulumi's tsutils as it is, but a tsconfig.json without allowJs is parsed when ts-node registers. */
function tsconfigOnRegister(tsutils) {
  return Object.create(tsutils, {
    loadTypeScriptCompilerOptions: {
      value(tsConfigPath) {
        const file = path.resolve(tsConfigPath);
        let text;
        try {
          text = fs.readFileSync(file, "utf8");
        } catch {
          return tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
        }
        if (/allowJs/.test(text)) return tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
        deferredTsconfig = { file, tsutils };
        return {};
      },
    },
  });
}

/** ts-node as it is, but `register` takes effect on the first TypeScript file required. */
function registerOnFirstTypeScriptFile(tsNode) {
  return Object.create(tsNode, {
    register: {
      value(options) {
        // With allowJs ts-node compiles JavaScript too: no file tells when it is first needed.
        if (options?.compilerOptions?.allowJs) return tsNode.register(options);
        const tsconfig = deferredTsconfig;
        deferredTsconfig = undefined;
        const before = {};
        let service;
        const activate = () => {
          if (service !== undefined) return service;
          for (const ext of TS_EXTENSIONS) {
            if (before[ext]) Module._extensions[ext] = before[ext];
            else delete Module._extensions[ext];
          }
          // As run-plugin merges them: its defaults, then the tsconfig.json's options.
          const parsed = tsconfig ? tsconfig.tsutils.loadTypeScriptCompilerOptions(tsconfig.file) : {};
          service = tsNode.register({
            ...options,
            compilerOptions: { ...options?.compilerOptions, ...parsed },
          });
          return service;
        };
        for (const ext of TS_EXTENSIONS) {
          before[ext] = Module._extensions[ext];
          Module._extensions[ext] = function firstTypeScriptFile(module, filename) {
            activate();
            return Module._extensions[ext](module, filename);
          };
        }
        return deferred(activate, {});
      },
    },
  });
}

// GENESYS_FLOWS_DEFER_LOADS=0 loads everything as upstream does (to compare, or to rule this out).
if (process.env.GENESYS_FLOWS_DEFER_LOADS !== "0")
  Module._load = function deferLoads(...args) {
    const [request, parent] = args;
    const from = parent && typeof parent.filename === "string" ? parent.filename : "";
    if (from !== "") {
      const typescript = request === "typescript" || request.endsWith(`${sep}typescript@3.8.3${sep}typescript.js`);
      if (typescript && (pulumiFile(from, "typescript-shim.js") || pulumiFile(from, "tsutils.js") || runScript(from))) {
        const version = packageVersion(Module._resolveFilename(request, parent));
        return deferred(() => load.apply(this, args), version === undefined ? {} : { version });
      }
      if (request === "@npmcli/arborist" && pulumiFile(from, "runtime", "closure", "codePaths.js")) {
        // __esModule: the compiled import (__importStar) keeps the stand-in instead of copying its keys.
        return deferred(() => load.apply(this, args), { __esModule: true });
      }
      if (pulumiFile(from, "runtime", "closure", "codePaths.js")) {
        if (request === "fdir") return deferred(() => load.apply(this, args), {});
        // No __esModule (TypeScript's import helper asks): answered without loading.
        if (request === "normalize-package-data")
          return deferred(() => load.apply(this, args), { __esModule: undefined }, true);
      }
      if (request === "./automation" && pulumiFile(from, "index.js")) {
        return deferred(() => load.apply(this, args), { __esModule: true });
      }
      if (
        request === "source-map-support/register" &&
        pulumiFile(from, "cmd", "run", "index.js") &&
        process.env.GENESYS_FLOWS_SOURCE_MAPS !== "1"
      ) {
        return {};
      }
      if ((request === "ts-node" || request.endsWith(`${sep}ts-node@7.0.1`)) && runScript(from)) {
        return registerOnFirstTypeScriptFile(load.apply(this, args));
      }
      if (request === "../../tsutils" && runScript(from)) {
        return tsconfigOnRegister(load.apply(this, args));
      }
    }
    return load.apply(this, args);
  };
