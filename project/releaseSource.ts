// Where a release's content comes from, read with git: the commit the project's sources are at
// and whether flows/, routing/ or the stack file differ from it (the release the program records),
// and, for a rollback, that commit's sources put back in a folder inside the project
// (.work/rollback/), from which the run then reads flows/ and routing/ (and pulumi the stack
// file). The rollback hands that folder and the release to the run it makes (run/operation.ts).
// Nothing outside the repository is read.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROUTING_ROOTS } from "../model/routing/schema";
import { FLOWS_DIR } from "../planner/names";
import { stackFileName } from "./stackFile";

/** The source of this run's release: its commit and state, the rollback it is (if any), where its files are. */
export interface ReleaseSource {
  commit: string;
  dirty: boolean;
  rollbackOf?: string;
  /** The folder flows/ and routing/ are read from: the project, or the rollback's folder. */
  sourcesRoot: string;
}

function git(root: string, args: string[]): { ok: boolean; out: string; err: string } {
  const r = spawnSync("git", ["-C", root, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
  return { ok: r.status === 0 && !r.error, out: r.stdout ?? "", err: (r.stderr ?? r.error?.message ?? "").trim() };
}

/** The paths a stack's content is made of, relative to the project. */
export function sourcePaths(stack: string): string[] {
  return [FLOWS_DIR, ...ROUTING_ROOTS, stackFileName(stack)];
}

/** The commit HEAD names ("" outside a git work tree) and whether the stack's sources differ from it (untracked files too). */
export function workingTreeSource(root: string, stack: string): { commit: string; dirty: boolean } {
  const head = git(root, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
  if (!head.ok) return { commit: "", dirty: true };
  const status = git(root, ["status", "--porcelain", "--untracked-files=all", "--", ...sourcePaths(stack)]);
  return { commit: head.out.trim(), dirty: !status.ok || status.out.trim() !== "" };
}

/** True when the repository holding `root` has `commit` (a shallow clone may not). */
export function hasCommit(root: string, commit: string): boolean {
  return /^[0-9a-f]{7,64}$/.test(commit) && git(root, ["cat-file", "-e", `${commit}^{commit}`]).ok;
}

/**
 * Puts the stack's sources at `commit` (flows/, routing/ when the commit has it, the stack file)
 * into `dir` (emptied first), with git archive. Throws naming what git said.
 */
export function extractSources(root: string, commit: string, stack: string, dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const present = sourcePaths(stack).filter((p) => git(root, ["cat-file", "-e", `${commit}:${p}`]).ok);
  if (!present.includes(FLOWS_DIR)) throw new Error(`commit ${commit.slice(0, 12)} has no ${FLOWS_DIR}/ folder`);
  const tar = path.join(dir, ".sources.tar");
  const archived = git(root, ["archive", "--format=tar", `--output=${tar}`, commit, "--", ...present]);
  if (!archived.ok) throw new Error(`git archive of commit ${commit.slice(0, 12)} failed: ${archived.err}`);
  const r = spawnSync("tar", ["-xf", tar, "-C", dir], { encoding: "utf8" });
  fs.rmSync(tar, { force: true });
  if (r.status !== 0) throw new Error(`cannot unpack the sources of commit ${commit.slice(0, 12)}: ${(r.stderr ?? "").trim()}`);
}
