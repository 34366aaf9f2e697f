// The example portfolio the project ships (project/shippedExamples.json: each file of flows/,
// routing/ and scenarios/ it comes with, and the files they are checked with, by path and git blob
// id). A team's repository is this repository with its own flows: until the team removes the
// examples, every stack deploys them beside the team's flows, so a migration names the ones still
// there and the command that removes them; the tests of the examples read the same list
// (testkit/shippedExamples.ts).
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { projectRoot } from "./root";

/** The list, in the project's folder (the precompiled build reads it from there). */
export const SHIPPED_EXAMPLES_LIST = path.join(projectRoot(), "project", "shippedExamples.json");

/** The folders whose files are the examples themselves (the rest of the list is what checks them). */
const EXAMPLE_FOLDERS = ["flows/", "routing/", "scenarios/"];

/** The shipped examples' files (flows, routing, scenarios) still in the repository at `root`, sorted; none when the list is not there. */
export function shippedExamplesIn(root: string): string[] {
  if (!existsSync(SHIPPED_EXAMPLES_LIST)) return [];
  const { files } = JSON.parse(readFileSync(SHIPPED_EXAMPLES_LIST, "utf8")) as { files: Record<string, string> };
  return Object.keys(files)
    .filter((f) => EXAMPLE_FOLDERS.some((d) => f.startsWith(d)) && existsSync(path.join(root, f)))
    .sort();
}
