// The shipped examples' behaviour scenarios (on a copy of the examples, testkit/shippedExamples.ts,
// so a team's own flows beside them are not judged here): every scenario passes on the compiled Archy of the local stack and
// together they cover at least 90 % of the portfolio's nodes and transitions (the gate the
// pull-request workflow also runs: npm run test:scenarios). Pure and in process; it sits with the
// other tests of the shipped examples.
import { shippedExamplesProject } from "../../testkit/shippedExamples";
import { main } from "../../tools/testFlows";

const ROOT = shippedExamplesProject();

test("the shipped scenarios pass and cover at least 90% of the shipped flows", () => {
  let out = "";
  let err = "";
  const io = {
    out: { write: (s: string) => ((out += s), true) },
    err: { write: (s: string) => ((err += s), true) },
  } as never;
  const code = main(["--root", ROOT, "--min-coverage", "90"], io);
  expect(err).toBe("");
  expect(out).toMatch(/\d+ scenarios: (\d+) passed, 0 failed, 0 stopped/);
  expect(code).toBe(0);
});
