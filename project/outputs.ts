// What a command may write. Nothing the user wrote is overwritten unless they say --force: a
// command's output file may not land in the project's sources (flows/, scenarios/, routing/, objects/, a
// stack file) nor replace a file git tracks. Checked for every output before the first write, so
// a refused command writes nothing.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { basename, relative, resolve, sep } from "node:path";
import type { FlowIssue } from "../model/errors";

/** The project's source folders: a command's output never goes there without --force. */
const SOURCE_DIRS = ["flows", "scenarios", "routing", "objects"];

function under(parent: string, child: string): boolean {
  return child === parent || child.startsWith(parent + sep);
}

/** The files git tracks under `root` (absolute paths), or an empty set when `root` is no git work tree. */
function trackedFiles(root: string): Set<string> {
  const r = spawnSync("git", ["-C", root, "ls-files", "-z"], { encoding: "utf8" });
  if (r.status !== 0 || typeof r.stdout !== "string") return new Set();
  return new Set(
    r.stdout
      .split("\0")
      .filter((f) => f !== "")
      .map((f) => resolve(root, f)),
  );
}

/**
 * Why writing each of `targets` (absolute paths) would overwrite what the user wrote, one issue
 * each naming the file; empty when all may be written or `force` is set.
 */
export function overwriteProblems(root: string, targets: readonly string[], force: boolean): FlowIssue[] {
  if (force) return [];
  const absRoot = resolve(root);
  let tracked: Set<string> | undefined;
  const out: FlowIssue[] = [];
  for (const target of targets) {
    const abs = resolve(target);
    const rel = relative(absRoot, abs).split(sep).join("/");
    const source = SOURCE_DIRS.find((d) => under(resolve(absRoot, d), abs));
    if (source !== undefined || (resolve(abs, "..") === absRoot && /^Pulumi\..*\.ya?ml$/.test(basename(abs)))) {
      out.push({
        file: rel,
        message: `nothing written: it is in the project's sources (${source !== undefined ? `${source}/` : "a stack file"}); choose an output folder elsewhere (for example .work/), or pass --force to overwrite`,
      });
      continue;
    }
    if (!existsSync(abs) || !under(absRoot, abs)) continue;
    tracked ??= trackedFiles(absRoot);
    if (tracked.has(abs))
      out.push({ file: rel, message: "nothing written: it is a file git tracks; pass --force to overwrite it" });
  }
  return out;
}
