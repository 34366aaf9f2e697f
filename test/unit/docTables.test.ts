// The reference pages' kind, node and rule tables are generated from the descriptors and the rule
// registry (tools/docTables.ts): this fails when a page was not regenerated after a change (run
// npm run docs:tables).
import { readFileSync } from "node:fs";
import { tablePages, withTables } from "../../tools/docTables";

test.each(tablePages())("the generated tables of %s are current", (page) => {
  const text = readFileSync(page, "utf8");
  expect(withTables(page, text)).toBe(text);
});
