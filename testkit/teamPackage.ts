// The packed tool as a team gets it (issue 86), for the team tier (test/team/teamRepository.test.ts)
// and the benchmark's team round (bench/teamRepository.ts): a copy of this tree as git would commit
// it now (the bench's), `npm pack`, and the environment of a person's shell to run a team's commands in.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { toolRoot } from "../project/root";
import { packTool } from "../project/toolPackage";
import { tempProject } from "./tempProject";

/** The environment of a person's shell: none of this run's npm or genesys-flows settings; git knows who commits. */
export const PERSON_ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(npm_|GENESYS_FLOWS_(PROJECT|TOOLCHAIN_READY)$)/i.test(k)),
  ),
  GIT_AUTHOR_NAME: "Team Lead",
  GIT_AUTHOR_EMAIL: "lead@example.com",
  GIT_COMMITTER_NAME: "Team Lead",
  GIT_COMMITTER_EMAIL: "lead@example.com",
};

/** A copy of this tree as git would commit it now (tracked and new files, links kept), node_modules linked. */
export function stagedTree(root = toolRoot()): string {
  const dir = tempProject({}, { prefix: "gf-pack-" });
  const listed = spawnSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: root, encoding: "utf8" })
    .stdout.split("\0")
    .filter((f) => f !== "");
  for (const rel of listed) {
    const from = path.join(root, rel);
    const st = fs.lstatSync(from, { throwIfNoEntry: false });
    if (st === undefined || st.isDirectory()) continue;
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    if (st.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), path.join(dir, rel));
    else fs.copyFileSync(from, path.join(dir, rel));
  }
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

/** `npm pack` of the tool at `dir` into `out` (project/toolPackage.ts): the tarball and the files it holds. */
export function pack(dir: string, out: string): { tarball: string; files: string[] } {
  const { filename, files } = packTool(dir, out);
  return { tarball: path.join(out, filename), files };
}
