// The README's kind, node and rule tables are generated from the descriptors and the rule
// registry (tools/docTables.ts): this fails when README.md was not regenerated after a change
// (run npm run docs:tables).
import { readFileSync } from "fs";
import { README, withTables } from "../../tools/docTables";

test("README.md's generated tables are current", () => {
  const text = readFileSync(README, "utf8");
  expect(withTables(text)).toBe(text);
});
