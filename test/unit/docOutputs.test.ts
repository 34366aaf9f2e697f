import { normalise } from "../../testkit/docOutputs";

test("a short commit is masked whether or not it has a letter", () => {
  expect(normalise("re-applies 752345427600 (commit 3a49600b3d37)")).toBe("re-applies <hex> (commit <hex>)");
});

test("counts and ordinary numbers are kept", () => {
  expect(normalise("deployed 12 flows in 3 waves, 1234567890 rows")).toBe(
    "deployed 12 flows in 3 waves, 1234567890 rows",
  );
});
