// The shipped examples (the portfolio, routing and scenarios the repository comes with, their stack
// files, policy configs and the local org), as the tests of the examples read them: a copy in a
// temporary project of exactly the files project/shippedExamples.json names (the product reads
// the same list: a migration names the examples a team has not removed yet), never the repository's
// flows/ or routing/ as a team has grown them. Tests own their fixtures: a team's added flow (an
// unrouted call flow, one with a warning) is not in the copy, so it cannot fail the tests of the
// examples, and neither can a team's removal of the examples.
//
// Each file is taken from the working tree, edited or not (the maintainers' edits are tested as
// they are made); a file no longer there is taken from git by the blob id the list records (what
// the examples were when the list was written), so the examples are tested after a team removed
// them too, in a clone with that history. Regenerate the list when the examples gain or lose a file:
//   node -r ts-node/register/transpile-only testkit/shippedExamples.ts --update
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { tempProject } from "./tempProject";
import { SHIPPED_EXAMPLES_LIST } from "../project/shippedExamples";

const ROOT = path.resolve(__dirname, "..");
const LIST = SHIPPED_EXAMPLES_LIST;

/** What the examples are made of: their folders, read whole, and the project files they are checked with. */
const FOLDERS = ["flows", "routing", "scenarios"];
const FILES = ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.local.yaml", "Pulumi.prod.yaml", "policies/config/dev.json", "policies/config/local.json", "policies/config/prod.json", "emulator/orgs/local.yaml"];

/** git's id of a file's content (`git hash-object`). */
function blobId(content: Buffer): string {
  return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}

function walk(dir: string): string[] {
  if (!existsSync(path.join(ROOT, dir))) return [];
  return readdirSync(path.join(ROOT, dir))
    .sort()
    .flatMap((e) => (statSync(path.join(ROOT, dir, e)).isDirectory() ? walk(`${dir}/${e}`) : [`${dir}/${e}`]));
}

/** The examples' files (path -> content), each from the working tree, else from git by its recorded blob id. */
export function shippedExampleFiles(): Record<string, string> {
  const list = JSON.parse(readFileSync(LIST, "utf8")) as { files: Record<string, string> };
  return Object.fromEntries(
    Object.entries(list.files).map(([file, blob]) => {
      if (existsSync(path.join(ROOT, file))) return [file, readFileSync(path.join(ROOT, file), "utf8")];
      try {
        return [file, execFileSync("git", ["cat-file", "blob", blob], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })];
      } catch {
        throw new Error(`${file}, a shipped example (git blob ${blob}), is neither in the working tree nor in this clone's git history (a shallow clone: git fetch --unshallow)`);
      }
    }),
  );
}

/** A temporary project holding the shipped examples and nothing else. */
export function shippedExamplesProject(): string {
  return tempProject(shippedExampleFiles());
}

if (require.main === module && process.argv.includes("--update")) {
  const files = [...FOLDERS.flatMap(walk), ...FILES].sort();
  const list = { files: Object.fromEntries(files.map((f) => [f, blobId(readFileSync(path.join(ROOT, f)))])) };
  writeFileSync(LIST, `${JSON.stringify(list, null, 2)}\n`);
  process.stdout.write(`wrote ${path.relative(ROOT, LIST)}: ${files.length} files\n`);
}
