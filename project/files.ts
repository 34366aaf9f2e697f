// The repository is the boundary: every reader of the project's own files (flows, stack files,
// scenarios, routing files) finds and reads them here, and nothing here reads a file whose real
// path is outside the project root, whatever links lead to it. A pull request can add a symlink
// `flows/evil.yaml -> /etc/passwd`; lint runs on pull requests and prints what it reads in its
// errors, so such a file must be refused by name before a byte of it is read. A directory link
// loop is reported once, in one line. Messages name the link as written under the project, never
// where it points or what it holds.
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { FlowIssue } from "../model/errors";

/** `abs` relative to the root, forward slashes (how every report names a file). */
export function display(root: string, abs: string): string {
  return relative(root, abs).split(sep).join("/");
}

/** Whether the real path `real` is the real root or under it. */
export function inside(realRoot: string, real: string): boolean {
  return real === realRoot || real.startsWith(realRoot + sep);
}

/** Why the project file at `abs` may not be read (it resolves outside the project), or undefined. */
export function outsideProject(root: string, abs: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return "is a link that leads round in a loop";
    if (code === "ENOENT" && lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink()) return "is a link to nothing";
    return undefined; // missing: the caller reports it as missing
  }
  return inside(realpathSync(root), real)
    ? undefined
    : "is a link to a file outside the project; only files inside the project are read";
}

export type ReadResult = { ok: true; text: string } | { ok: false; issue: FlowIssue };

/**
 * Reads a project file (`rel`, relative to `root`) when its real path is inside the project and
 * it is at most `maxBytes` long; otherwise says why, naming `rel` only.
 */
export function readProjectFile(root: string, rel: string, maxBytes: number, what = "a flow file"): ReadResult {
  const abs = join(root, rel);
  const outside = outsideProject(root, abs);
  if (outside !== undefined) return { ok: false, issue: { file: rel, message: outside } };
  let size: number;
  try {
    size = statSync(abs).size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      ok: false,
      issue: { file: rel, message: code === "ENOENT" ? "no such file" : `cannot read it (${code ?? "error"})` },
    };
  }
  // Refuse before reading: a project file is small, and reading a huge one costs memory.
  if (size > maxBytes)
    return {
      ok: false,
      issue: { file: rel, message: `file is larger than ${maxBytes} bytes; ${what} should be small` },
    };
  try {
    return { ok: true, text: readFileSync(abs, "utf8") };
  } catch (e) {
    return {
      ok: false,
      issue: { file: rel, message: `cannot read it (${(e as NodeJS.ErrnoException).code ?? "error"})` },
    };
  }
}

/**
 * Every file under `root/dir` whose name `accept`s (relative paths, sorted), and what could not be
 * walked: links that leave the project or go round in a loop are reported once each and not
 * followed. Names starting with a dot are skipped.
 */
export function walkProjectFiles(
  root: string,
  dir: string,
  accept: (name: string) => boolean,
): { files: string[]; issues: FlowIssue[] } {
  const files: string[] = [];
  const issues: FlowIssue[] = [];
  const realRoot = realpathSync(root);
  const visited = new Set<string>();
  const walk = (abs: string) => {
    const real = realpathSync(abs);
    if (visited.has(real)) {
      issues.push({
        file: display(root, abs),
        message: "is a folder the walk already went through (a link loop); it is read once",
      });
      return;
    }
    visited.add(real);
    for (const name of readdirSync(abs).sort()) {
      if (name.startsWith(".")) continue;
      const child = join(abs, name);
      const link = lstatSync(child).isSymbolicLink();
      if (link) {
        const outside = outsideProject(root, child);
        if (outside !== undefined) {
          issues.push({ file: display(root, child), message: outside });
          continue;
        }
      }
      const st = statSync(child);
      if (st.isDirectory()) walk(child);
      else if (st.isFile() && accept(name)) files.push(display(root, child));
    }
  };
  const base = join(root, dir);
  const outside = outsideProject(root, base);
  if (outside !== undefined) return { files, issues: [{ file: dir, message: outside }] };
  if (!inside(realRoot, realpathSync(base)))
    return { files, issues: [{ file: dir, message: "is outside the project" }] };
  walk(base);
  return { files: files.sort(), issues };
}
