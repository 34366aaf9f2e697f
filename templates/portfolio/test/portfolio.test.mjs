// This repository's checks (npm test), with Node.js's own test runner: the same checks the pull
// request runs, offline. Add your own beside them (naming rules, flows every stack must have...).
// Each runs the genesys-flows command line this repository depends on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "node_modules", ".bin", "genesys-flows");

/** Runs `genesys-flows <args>` in this repository; fails with what it printed unless it exits 0. */
function genesysFlows(...args) {
  const r = spawnSync(bin, args, { cwd: root, encoding: "utf8" });
  assert.equal(r.status, 0, `genesys-flows ${args.join(" ")} exited ${r.status}:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** The stacks of this repository: one Pulumi.<stack>.yaml each. */
const stacks = readdirSync(root)
  .flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? [])
  .sort();

test("lint: every flow and routing file, as written and as every stack deploys it", () => {
  genesysFlows("lint");
});

test("scenarios: every behaviour scenario passes, each flow they test covered at least 90 %", {
  skip: !existsSync(path.join(root, "scenarios")) && "no scenarios/ folder",
}, () => {
  genesysFlows("test", "--min-coverage", "90");
});

for (const stack of stacks) {
  test(`review of the working tree on stack ${stack}: nothing a deploy would refuse`, {
    skip: !isGitRepository() && "not a git repository (git init, then commit)",
  }, () => {
    genesysFlows("diff", "--base", "HEAD", "--stack", stack);
  });
}

function isGitRepository() {
  return spawnSync("git", ["rev-parse", "--verify", "HEAD"], { cwd: root, stdio: "ignore" }).status === 0;
}
