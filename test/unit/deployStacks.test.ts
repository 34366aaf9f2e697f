// tools/ci/deployStacks.ts: the stacks a deploy workflow deploys, read from its `npm run up --
// --stack <name>` steps, each once in job order; a workflow deploying none is a usage error.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deployStacks, main } from "../../tools/ci/deployStacks";
import { UsageError } from "../../project/cliArgs";

const workflow = (...runs: string[]) =>
  `name: deploy\non: {push: {branches: [main]}}\njobs:\n${runs.map((r, i) => `  j${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ${JSON.stringify(r)}\n`).join("")}`;

it("reads each `npm run up -- --stack <name>` step, in job order, each stack once", () => {
  expect(
    deployStacks(
      workflow(
        "npm run up -- --stack dev",
        "npm run up -- --stack=staging --yes",
        "npm run up -- --stack prod --yes",
        "npm run up -- --stack dev",
      ),
    ),
  ).toEqual(["dev", "staging", "prod"]);
  // Other scripts naming a stack are not deploys.
  expect(deployStacks(workflow("npm run preview -- --stack qa", "npm run verify -- --stack qa"))).toEqual([]);
});

it("prints the list as JSON; a workflow deploying no stack is a usage error", () => {
  const dir = mkdtempSync(join(tmpdir(), "deploy-stacks-"));
  try {
    writeFileSync(join(dir, "deploy.yml"), workflow("npm run up -- --stack dev", "npm run up -- --stack prod --yes"));
    let out = "";
    expect(main(["--workflow", join(dir, "deploy.yml")], { write: (s: string) => ((out += s), true) } as never)).toBe(
      0,
    );
    expect(out).toBe('["dev","prod"]\n');
    writeFileSync(join(dir, "none.yml"), workflow("echo hi"));
    expect(() => main(["--workflow", join(dir, "none.yml")])).toThrow(UsageError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
