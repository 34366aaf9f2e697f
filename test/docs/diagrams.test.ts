// docs/diagrams.md's Mermaid: what `genesys-flows diagram` (npm run flows:diagram) writes for the
// reference portfolio on the local stack: the stack's diagram and the Sales flow's.
import { join } from "node:path";
import { blocksOf, documented } from "../../testkit/docOutputs";
import { gf, referenceRepository } from "./run";

test("the stack diagram of local and the Sales flow's diagram", async () => {
  const repo = referenceRepository();
  const r = await gf(repo, "diagram", "--stack", "local", "--out", "diagrams");
  expect(r.code).toBe(0);
  const mermaid = (page: string) => blocksOf(page, join(repo, "diagrams")).find((b) => b.lang === "mermaid")!.text;
  documented("diagrams/stack", mermaid("README.md"));
  documented("diagrams/sales", mermaid("calls/sales.md"));
});
