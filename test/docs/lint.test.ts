// docs/policy-pack.md's finding: `npm run lint:flows -- --stack local` on the reference portfolio
// with the `error` transition of Sales's Verify removed.
import { documented, excerpt } from "../../testkit/docOutputs";
import { editFile } from "../../testkit/tempProject";
import { gf, referenceRepository } from "./run";

test("a subflow without its error transition: the finding lint prints", async () => {
  const repo = referenceRepository();
  editFile(
    repo,
    "flows/calls/sales.yaml",
    "      completed: Menu\n      error: TransferGeneral\n",
    "      completed: Menu\n",
  );
  const r = await gf(repo, "lint", "--stack", "local");
  expect(r.code).toBe(1);
  documented("policy-pack/lint-finding", excerpt(r.out, "[subflow-transitions]"));
});
