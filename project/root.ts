// The project's folder, for the files a tool runs or reads beside its sources (tools/pulumi.sh,
// .work/, diagram/render/). From the sources it is this file's parent. From the precompiled build
// (tools/jsbuild) __dirname is a cache folder, so the entry that loads the build names the project
// first (project/jsbuild.js `load` sets the global below).
import * as path from "node:path";

const KEY = Symbol.for("genesys-flows.projectRoot");

export function projectRoot(): string {
  const set = (globalThis as Record<symbol, unknown>)[KEY];
  return typeof set === "string" ? set : path.resolve(__dirname, "..");
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
