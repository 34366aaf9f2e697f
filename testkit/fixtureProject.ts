// The fixture project the tiers share (test/fixtures/portfolio, never the shipped flows/ or
// Pulumi.*.yaml): its flows, copies of it in temp dirs, git in a copy, golden files, and running a
// CLI's main() with captured output. The unit tests of the portfolio tools use it, and the
// emulator, render and e2e tiers.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { tempProject } from "./tempProject";

export { editFile } from "./tempProject";
import { parseFlowText } from "../model/load";
import type { LoadedFlow } from "../model/schema";

/** The fixture project: flows/{modules,calls,digital,queue}/*.yaml and Pulumi.test.yaml. */
export const PORTFOLIO = join(__dirname, "..", "test", "fixtures", "portfolio");
export const STACK = "test";

/** Every file under `dir`, relative (posix), sorted. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const abs = join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out.push(relative(dir, abs).split("\\").join("/"));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

/** The fixture's flow files by path as the tools show it (`flows/calls/sales.yaml`) -> text. */
export function portfolioTexts(): Map<string, string> {
  return new Map(
    filesUnder(join(PORTFOLIO, "flows")).map((f) => [`flows/${f}`, readFileSync(join(PORTFOLIO, "flows", f), "utf8")]),
  );
}

/** The fixture's flows loaded, after `edit` (return undefined to drop a file; add files with `extra`). */
export function loadPortfolio(
  edit: (file: string, text: string) => string | undefined = (_f, t) => t,
  extra: Record<string, string> = {},
): Map<string, LoadedFlow> {
  const out = new Map<string, LoadedFlow>();
  for (const [file, text] of [...portfolioTexts(), ...Object.entries(extra)]) {
    const t = edit(file, text);
    if (t !== undefined) out.set(file, parseFlowText(t, file));
  }
  return out;
}

/** An edit that must apply to `target` (throws when the text is not found, so a case cannot rot). */
export function replaceIn(target: string, from: RegExp | string, to: string) {
  return (file: string, text: string): string => {
    if (file !== target) return text;
    const out = text.replace(from, to);
    if (out === text) throw new Error(`crafted change did not apply to ${file}`);
    return out;
  };
}

/** Runs git in `repo` with a test identity and no user or system config; returns its stdout. */
export function gitIn(repo: string, ...args: string[]): string {
  return execFileSync(
    "git",
    ["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args],
    {
      cwd: repo,
      stdio: "pipe",
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
    },
  ).toString();
}

/** Makes `repo` a git repository on branch main with everything in it committed. */
export function commitAsMain(repo: string): void {
  gitIn(repo, "init", "-q", "-b", "main");
  gitIn(repo, "add", "-A");
  gitIn(repo, "commit", "-q", "-m", "base");
}

/** A copy of the fixture project in a fresh temp dir. */
export function copyPortfolio(prefix = "portfolio-"): string {
  return tempProject({}, { from: PORTFOLIO, prefix });
}

/**
 * Compares `actual` with the golden file `dir/name`. UPDATE_GOLDEN=1 rewrites it (review the
 * diff before committing: goldens are assertions); a missing golden file is a failure.
 */
export function golden(dir: string, name: string, actual: string): void {
  const path = join(dir, name);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  if (!existsSync(path)) throw new Error(`missing golden file ${path}; run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

// `never`: each CLI types its io as process.stdout/stderr; the captured sinks only need write().
type Main = (argv: string[], io: never) => number;

/** Runs a CLI's main() with its standard output and error captured. */
export function runMain(main: Main, argv: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const sink = (add: (s: string) => void) => ({ write: (s: string) => (add(s), true) });
  const code = main(argv, { out: sink((s) => (out += s)), err: sink((s) => (err += s)) } as never);
  return { code, out, err };
}
