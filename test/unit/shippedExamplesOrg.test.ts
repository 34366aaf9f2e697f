// The shipped examples (flows/ with Pulumi.local.yaml) and the local stack's org
// (orgs/local.yaml, which `npm start` gives the emulator it starts) are kept in step: every
// org object the examples name exists there, so the org-reference check passes on `npm start`; and
// the examples lint with no finding at all, warnings included, as every stack deploys them, so a
// newcomer's first lint, preview and up start without noise. On a copy of the examples
// (testkit/shippedExamples.ts): a flow a team adds beside them is not theirs to judge here.
import { checkEmulatorOrg } from "../../project/orgFileCheck";
import { readStackSettings } from "../../project/stackFile";
import { formatIssue } from "../../model/errors";
import { shippedExamplesProject } from "../../testkit/shippedExamples";
import { runLint } from "../../tools/lintFlows";

const ROOT = shippedExamplesProject();

test("shipped examples: the local stack's org has every object the example flows name", () => {
  const checked = checkEmulatorOrg(ROOT, "local", readStackSettings(ROOT, "local", { GENESYS_FLOWS_CONFIG: "file" }));
  expect(checked).toMatchObject({ ran: true, orgFile: "orgs/local.yaml" });
  expect(checked?.ran && checked.references).toBeGreaterThan(0);
  expect(checked?.ran && checked.findings.map(formatIssue)).toEqual([]);
});

test("shipped examples: lint (every stack, flows and routing) reports nothing, not even a warning", () => {
  const r = runLint(["--format", "json"], { cwd: ROOT });
  const report = JSON.parse(r.stdout) as {
    stacks: string[];
    results: Array<{ message: string }>;
    summary: { warnings: number; files: number };
  };
  expect(report.results.map((f) => f.message)).toEqual([]);
  expect(report.summary.warnings).toBe(0);
  expect(report.stacks).toEqual(["dev", "local", "prod"]);
  expect(r.exitCode).toBe(0);
});
