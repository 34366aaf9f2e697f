// docs/testing.md's examples: `genesys-flows test` (npm run test:scenarios) on the reference
// portfolio with a scenario broken on purpose, its journeys of a flow, and the journeys that change
// in the review's Markdown.
import { documented, excerpt } from "../../testkit/docOutputs";
import { editFile } from "../../testkit/tempProject";
import { gf, referenceRepository } from "./run";

test("a scenario whose menu digit changed from 1 to 2 fails, showing where expected and actual part", async () => {
  const repo = referenceRepository();
  editFile(
    repo,
    "scenarios/calls/sales/menu.yaml",
    '      - { at: Menu, digits: "1" }',
    '      - { at: Menu, digits: "2" }',
  );
  const r = await gf(repo, "test");
  expect(r.code).toBe(1);
  documented(
    "testing/scenario-fail",
    excerpt(r.out, 'FAIL scenarios/calls/sales/menu.yaml:7 "New order goes to the sales queue"'),
  );
});

test("the journeys of digital/web-chat", async () => {
  const r = await gf(referenceRepository(), "test", "--journeys", "--flow", "digital/web-chat");
  expect(r.code).toBe(0);
  const lines = r.out.split("\n");
  // The page shows the first journey and the third (the gold customer's), the others elided.
  documented(
    "testing/journeys",
    [...lines.slice(0, 3), "  ...", excerpt(r.out, "  3. ").replace(/^/gm, "  ")].join("\n"),
  );
});

test("LookupCustomer's gold tier renamed platinum: the journeys that change, in the review's Markdown", async () => {
  const repo = referenceRepository();
  editFile(repo, "flows/modules/lookup-customer.yaml", `      tier: '"gold"'`, `      tier: '"platinum"'`);
  const r = await gf(repo, "diff", "--base", "main", "--format", "markdown");
  expect(r.code).toBe(0);
  documented(
    "testing/journeys-change",
    excerpt(r.out, "### Journeys that change", "Journeys unchanged (node names aside)"),
  );
});
