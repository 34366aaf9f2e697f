// docs/refactor.md's and the README's refactoring examples: `genesys-flows refactor` on the
// reference portfolio, then the review of what it wrote.
import { documented, excerpt } from "../../testkit/docOutputs";
import { gf, referenceRepository } from "./run";

test("suggest on the reference portfolio; extract-module of the shared pair, its proof; the review of what it wrote", async () => {
  const repo = referenceRepository();
  const suggest = await gf(repo, "refactor", "suggest");
  expect(suggest.code).toBe(0);
  documented("refactor/suggest", `$ ./bin/genesys-flows refactor suggest\n${suggest.out}`);
  const extract = await gf(
    repo,
    "refactor",
    "extract-module",
    "--name",
    "PriorityTransfer",
    "digital/support-email",
    "digital/web-chat",
  );
  expect(extract.code).toBe(0);
  documented(
    "readme/refactor-extract",
    `$ ./bin/genesys-flows refactor extract-module --name PriorityTransfer digital/support-email digital/web-chat\n...\n${excerpt(extract.out, "Proof: holds")}`,
  );
  const review = await gf(repo, "diff", "--base", "HEAD", "--stack", "local");
  documented("refactor/review", excerpt(review.out, "What up does to stack local"));
});
