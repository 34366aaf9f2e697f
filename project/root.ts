// Two folders, never confused:
// - the tool's folder (`toolRoot`): where genesys-flows itself is, its scripts (tools/pulumi.sh,
//   tools/toolchain/), the emulator's own files, the templates. In this repository it is the
//   repository; in a team's repository it is node_modules/genesys-flows.
// - the project's folder (`projectDir`): the Pulumi project a command runs in, holding the team's
//   flows/, routing/, scenarios/, Pulumi.<stack>.yaml, policies/config/ and .work/.
// In this repository both are the same folder (it is the reference team repository too).
//
// The tool's folder: from the sources it is this file's parent; from the package's precompiled
// dist/ it is dist's parent; from the build cache (tools/jsbuild) __dirname is a cache folder, so
// the entry that loads the build names the tool's folder first (project/jsbuild.js sets the global).
import { existsSync } from "node:fs";
import * as path from "node:path";

const KEY = Symbol.for("genesys-flows.projectRoot");

export function toolRoot(): string {
  const set = (globalThis as Record<symbol, unknown>)[KEY];
  if (typeof set === "string") return set;
  const up = path.resolve(__dirname, "..");
  // dist/project/root.js (the package's per-file build): dist's parent is the tool's folder.
  return path.basename(up) === "dist" && existsSync(path.join(up, ".complete")) ? path.dirname(up) : up;
}

/**
 * The project a command runs in: GENESYS_FLOWS_PROJECT when set (the tool's own child processes
 * pass it on), else the nearest folder from the working directory up that holds a Pulumi.yaml,
 * else the working directory.
 */
export function projectDir(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const given = env.GENESYS_FLOWS_PROJECT;
  if (given !== undefined && given !== "") return path.resolve(given);
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}

/** Whether `dir` is the tool's own folder (this repository, or the package itself). */
export function isToolRoot(dir: string): boolean {
  return path.resolve(dir) === toolRoot();
}

/**
 * The tool's script `rel` (e.g. tools/pulumi.sh) as the project at `root` runs it: the project's own
 * when it holds one (this repository, a copy of it, a test's recording stand-in), else the tool's.
 */
export function toolScript(root: string, rel: string): string {
  const own = path.join(root, rel);
  return existsSync(own) ? own : path.join(toolRoot(), rel);
}

const BUILD_KEY = Symbol.for("genesys-flows.buildId");

/**
 * The id of the precompiled build this code runs from (project/jsbuild.js: a hash of every source it
 * was compiled from), or undefined when the sources run as they are (ts-node: tests, the fallback).
 * What is kept between runs by the code that made it (project/planCache.ts) is keyed by it.
 */
export function buildId(): string | undefined {
  const set = (globalThis as Record<symbol, unknown>)[BUILD_KEY];
  return typeof set === "string" && set !== "" ? set : undefined;
}
