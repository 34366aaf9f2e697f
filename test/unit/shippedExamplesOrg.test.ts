// The shipped examples (flows/ with Pulumi.local.yaml) and the local stack's org
// (emulator/orgs/local.yaml, which `npm start` gives the emulator it starts) are kept in step: every
// org object the examples name exists there, so the org-reference check passes on `npm start`.
import * as path from "node:path";
import { orgReferencesOf, orgReferenceProblems } from "../../checks/orgReferences";
import { checkedFlowsOf } from "../../run/orgReferences";
import { loadOrgFile } from "../../emulator/orgFile";
import { OrgObjects } from "../../emulator/orgObjects";
import { readPortfolio } from "../../project/portfolio";
import { formatIssue } from "../../model/errors";
import { LOCAL_ORG_FILE } from "../../emulator/localStack";

const ROOT = path.resolve(__dirname, "../..");

test("shipped examples: the local stack's org has every object the example flows name", () => {
  const portfolio = readPortfolio(ROOT, "local");
  const flows = checkedFlowsOf(portfolio);
  const refs = orgReferencesOf(flows);
  expect(refs.length).toBeGreaterThan(0);
  const org = new OrgObjects(loadOrgFile(path.join(ROOT, LOCAL_ORG_FILE))).catalog;
  const problems = orgReferenceProblems(flows, refs, org, { description: LOCAL_ORG_FILE }, new Set(portfolio.flows.map((f) => f.publishedName)));
  expect(problems.map(formatIssue)).toEqual([]);
});
