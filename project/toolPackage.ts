// Where the running genesys-flows came from, and the dependency a new team repository names for it
// so that `npm install` resolves it there and in every clone of the repository (init): a version or
// a git URL as npm resolved it, a tarball copied into the repository (vendor/, committed with it),
// a checkout of the tool's repository packed into one (`npm pack`: its prepack builds the package).
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { gunzipSync } from "node:zlib";
import { toolRoot } from "./root";
import { versionOf } from "./template";

/** A spec npm resolves anywhere (a registry version, a git URL), a tarball on this disk, or a checkout of the tool. */
export type ToolSource =
  | { kind: "spec"; spec: string }
  | { kind: "tarball"; file: string }
  | { kind: "checkout"; root: string };

/** The folder of a team's repository that holds the tarball it depends on, when no registry has the tool. */
export const VENDOR = "vendor";

/** npm's git specs: git+https://..., git://..., github:owner/name, ... */
const GIT_SPEC = /^(git\+|git:|github:|gitlab:|bitbucket:|gist:)/;

/** What `spec` names (init --package, or what a project resolved the tool to), file paths relative to `base`. */
export function sourceOfSpec(spec: string, base: string): ToolSource {
  const file = path.resolve(base, spec.replace(/^file:/, ""));
  const there = statSync(file, { throwIfNoEntry: false })?.isFile() === true;
  return /\.(tgz|tar\.gz)$/.test(spec) && there ? { kind: "tarball", file } : { kind: "spec", spec };
}

/** A JSON file's value, or undefined when it is missing or does not parse. */
function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

/**
 * Where the tool at `root` came from: a checkout (a `.git` beside its package.json); else, installed
 * under a project's node_modules (npm install, npx), what that project resolved it to (its
 * package-lock.json, then its package.json) when that is a tarball or a git URL; else its version.
 */
export function toolSource(root: string = toolRoot()): ToolSource {
  if (existsSync(path.join(root, ".git"))) return { kind: "checkout", root };
  const { name, version } = readJson<{ name: string; version: string }>(path.join(root, "package.json"))!;
  const prefix = path.dirname(path.dirname(root));
  if (path.basename(path.dirname(root)) === "node_modules") {
    const lock = readJson<{ packages?: Record<string, { resolved?: string }> }>(path.join(prefix, "package-lock.json"));
    const pkg = readJson<{ dependencies?: Record<string, string> }>(path.join(prefix, "package.json"));
    for (const spec of [lock?.packages?.[`node_modules/${name}`]?.resolved, pkg?.dependencies?.[name]]) {
      const source = spec !== undefined ? sourceOfSpec(spec, prefix) : undefined;
      if (source !== undefined && (source.kind === "tarball" || GIT_SPEC.test(spec!))) return source;
    }
  }
  return { kind: "spec", spec: version };
}

/** The environment of npm run from the tool: without the settings of the npm command that started it (npx's). */
function npmEnv(): NodeJS.ProcessEnv {
  const own = /^npm_(package_|lifecycle_|command$|config_(package|yes)$)/i;
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !own.test(k)));
}

/** npm in `cwd`; throws with the end of what it printed when it fails. */
function npm(cwd: string, args: string[]): string {
  const r = spawnSync("npm", args, { cwd, env: npmEnv(), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const said = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim().split("\n").slice(-12).join("\n");
  if (r.status !== 0) throw new Error(`npm ${args[0]} in ${cwd} exited ${r.status ?? r.signal}:\n${said}`);
  return r.stdout;
}

/** `npm pack` of the tool at `root` into `out`: the tarball's file name and the files it holds. */
export function packTool(root: string, out: string): { filename: string; files: string[] } {
  const stdout = npm(root, ["pack", "--json", "--pack-destination", out]);
  // npm prints the prepack script's lines before its JSON.
  type Report = Array<{ filename: string; files: Array<{ path: string }> }>;
  const [report] = JSON.parse(stdout.slice(stdout.search(/^\[$/m))) as Report;
  return { filename: report!.filename, files: report!.files.map((f) => f.path) };
}

/** What the repository at `dir` names as genesys-flows: a spec, or a tarball copied (a checkout packed) to vendor/. */
export function dependencyIn(dir: string, source: ToolSource): string {
  if (source.kind === "spec") return source.spec;
  mkdirSync(path.join(dir, VENDOR), { recursive: true });
  if (source.kind === "checkout") return `file:${VENDOR}/${packTool(source.root, path.join(dir, VENDOR)).filename}`;
  copyFileSync(source.file, path.join(dir, VENDOR, path.basename(source.file)));
  return `file:${VENDOR}/${path.basename(source.file)}`;
}

/** The version the package in the tarball `file` reports (versionOf its package.json and dist/.complete). */
export function tarballVersion(file: string): string {
  const tar = gunzipSync(readFileSync(file));
  const text = (from: number, to: number) =>
    tar
      .subarray(from, to)
      .toString("utf8")
      .replace(/\0[\s\S]*$/, "");
  const wanted = ["package/package.json", "package/dist/.complete"];
  const found = new Map<string, string>();
  // Tar: a 512-byte header (the name at 0, the size in octal at 124), then the content in 512-byte blocks.
  for (let at = 0; at + 512 <= tar.length && tar[at] !== 0; ) {
    const size = parseInt(text(at + 124, at + 136).trim() || "0", 8);
    const name = text(at, at + 100);
    if (wanted.includes(name)) found.set(name, tar.subarray(at + 512, at + 512 + size).toString("utf8"));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  const pkg = found.get(wanted[0]!);
  if (pkg === undefined) throw new Error(`${file} is not an npm package (no package/package.json in it)`);
  return versionOf(pkg, found.get(wanted[1]!));
}

/** `npm install` in `dir` (writing its package-lock.json): undefined when it succeeds, else what npm said last. */
export function npmInstall(dir: string): string | undefined {
  try {
    npm(dir, ["install", "--no-audit", "--no-fund"]);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
