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
import { CommitTree } from "./commitTree";

/** The source of this run's release: its commit and state, the rollback it is (if any), where its files are. */
export interface ReleaseSource {
  commit: string;
  dirty: boolean;
  rollbackOf?: string;
  /** The folder flows/ and routing/ are read from: the project, or the rollback's folder. */
  sourcesRoot: string;
}

function git(root: string, args: string[]): { ok: boolean; out: string; err: string } {
  const r = spawnSync("git", ["-C", root, ...args], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { ok: r.status === 0 && !r.error, out: r.stdout ?? "", err: (r.stderr ?? r.error?.message ?? "").trim() };
}

/** The paths a stack's content is made of, relative to the project. */
export function sourcePaths(stack: string): string[] {
  return [FLOWS_DIR, ...ROUTING_ROOTS, stackFileName(stack)];
}

/**
 * The commit HEAD names ("" outside a git work tree) and whether the stack's sources differ from it
 * (untracked files too), a source that is a link (flows -> templates/portfolio/flows) where it leads.
 */
export function workingTreeSource(root: string, stack: string): { commit: string; dirty: boolean } {
  const head = git(root, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
  if (!head.ok) return { commit: "", dirty: true };
  const at = (p: string) => path.join(root, p);
  const real = (p: string) => (fs.existsSync(at(p)) ? path.relative(fs.realpathSync(root), fs.realpathSync(at(p))) : p);
  const paths = [...new Set(sourcePaths(stack).flatMap((p) => [p, real(p)]))].filter((p) => !p.startsWith(".."));
  const status = git(root, ["status", "--porcelain", "--untracked-files=all", "--", ...paths]);
  return { commit: head.out.trim(), dirty: !status.ok || status.out.trim() !== "" };
}

/** True when the repository holding `root` has `commit` (a shallow clone may not). */
export function hasCommit(root: string, commit: string): boolean {
  return /^[0-9a-f]{7,64}$/.test(commit) && git(root, ["cat-file", "-e", `${commit}^{commit}`]).ok;
}

/**
 * Puts the stack's sources at `commit` (flows/, routing/ when the commit has it, the stack file)
 * into `dir` (emptied first), read as a checkout of the commit shows them (project/commitTree.ts:
 * links inside the repository followed). Throws naming what cannot be read.
 */
export function extractSources(root: string, commit: string, stack: string, dir: string): void {
  const tree = new CommitTree(root, commit);
  if (!tree.has(FLOWS_DIR)) throw new Error(`commit ${commit.slice(0, 12)} has no ${FLOWS_DIR}/ folder`);
  const present = sourcePaths(stack).filter((p) => tree.has(p));
  const walk = (p: string) => (p === stackFileName(stack) ? { files: [p], issues: [] } : tree.walk(p, () => true));
  const walked = present.map(walk);
  const files = walked.flatMap((w) => w.files);
  const texts = tree.read(files);
  const issues = [...walked.flatMap((w) => w.issues), ...texts.flatMap((t) => (t.ok ? [] : [t.issue]))];
  const listed = issues.map((i) => `  ${i.file}: ${i.message}`).join("\n");
  if (issues.length > 0) throw new Error(`the sources of commit ${commit.slice(0, 12)} do not read:\n${listed}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  files.forEach((f, i) => {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), (texts[i] as { text: string }).text);
  });
}
