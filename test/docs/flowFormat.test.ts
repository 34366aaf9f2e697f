// docs/flow-format.md's errors: `genesys-flows compile` (npm run flows:compile, the deploy's
// checks) on the reference portfolio broken on purpose, a stage at a time as the checks run.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { documented } from "../../testkit/docOutputs";
import { editFile } from "../../testkit/tempProject";
import { gf, referenceRepository } from "./run";

/** A module whose one node calls `calls`. */
const moduleCalling = (name: string, calls: string) =>
  `kind: commonModule\nname: ${name}\nstart: Find\nnodes:\n  Find:\n    type: subflow\n    module: ${calls}\n    transitions:\n      completed: Done\n      error: Done\n  Done:\n    type: return\n    outcome: completed\n`;
const compile = async (repo: string) => {
  const r = await gf(repo, "compile", "--stack", "dev", "--out", ".work/compiled");
  expect(r.code).toBe(1);
  return `$ npm run flows:compile -- --stack dev --out .work/compiled\n${r.err}`;
};

test("what does not read, then what does not connect, then a stack file's unknown key", async () => {
  const repo = referenceRepository();
  editFile(repo, "flows/calls/billing.yaml", "kind: inboundCall\n", "kind: [inboundCall\n");
  editFile(repo, "flows/calls/sales.yaml", "    type: collectDigits\n", "    type: collectDigtis\n");
  documented("flow-format/errors-read", await compile(repo));
  editFile(repo, "flows/calls/billing.yaml", "kind: [inboundCall\n", "kind: inboundCall\n");
  editFile(repo, "flows/calls/sales.yaml", "    type: collectDigtis\n", "    type: collectDigits\n");
  editFile(repo, "flows/calls/support.yaml", "      completed: IsPriority\n", "      completed: IsPriorty\n");
  writeFileSync(join(repo, "flows/modules/a.yaml"), moduleCalling("A", "B"));
  writeFileSync(join(repo, "flows/modules/b.yaml"), moduleCalling("B", "A"));
  documented("flow-format/errors-graph", await compile(repo));
  editFile(repo, "Pulumi.dev.yaml", "namePrefix:", "namePrefx:");
  documented("flow-format/errors-stack-file", await compile(repo));
});
