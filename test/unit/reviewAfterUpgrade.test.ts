// The review right after `genesys-flows upgrade --write`, before the commit (issue 98): the base (the
// commit before the upgrade) holds the stack file in the old format, which the new version does not
// read; the review reads it with the migrations since the format its genesys-flows.json records, so
// a team's `npm test` (the review of the working tree) passes between the upgrade and its commit.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../tools/flowsDiff";
import { commitAsMain, copyPortfolio, editFile, runMain } from "../../testkit/fixtureProject";

// A version whose format 2 renamed `keepReleases` to `releasesKept` (a setting this version reads).
jest.mock("../../planner/migrations.json", () => ({
  format: 2,
  migrations: [
    {
      format: 2,
      version: "9.9.0",
      summary: "keepReleases is releasesKept",
      changes: [{ renameSetting: { from: "keepReleases", to: "releasesKept" } }],
    },
  ],
}));

let repo: string;
beforeEach(() => {
  repo = copyPortfolio("review-after-upgrade-");
  writeFileSync(join(repo, "genesys-flows.json"), JSON.stringify({ version: "9.8.0", format: 1 }));
  const environment = "  genesys-flows:environment: test\n";
  editFile(repo, "Pulumi.test.yaml", environment, `${environment}  genesys-flows:keepReleases: "30"\n`);
  commitAsMain(repo);
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

it("reads a base from before the upgrade in the current format: no problem, nothing changes", () => {
  // What upgrade --write wrote.
  editFile(repo, "Pulumi.test.yaml", "genesys-flows:keepReleases:", "genesys-flows:releasesKept:");
  writeFileSync(join(repo, "genesys-flows.json"), JSON.stringify({ version: "9.9.0", format: 2 }));
  const r = runMain(main, ["--root", repo, "--base", "main", "--stack", "test"]);
  expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: "" });
  const summary = r.out.split("\n")[0];
  expect(summary).toMatch(/^What up does to stack test \(from main to the working tree\): 0 replaced, 0 deleted, /);
  expect(summary).toMatch(/ 0 replaced, 0 deleted, 0 created, 0 published, 0 republished for a module, \d+ unchanged$/);
});

it("a base that records the current format is read as it is: the old name there is the base's problem", () => {
  writeFileSync(join(repo, "genesys-flows.json"), JSON.stringify({ version: "9.9.0", format: 2 }));
  commitAsMain(repo);
  editFile(repo, "Pulumi.test.yaml", "genesys-flows:keepReleases:", "genesys-flows:releasesKept:");
  const r = runMain(main, ["--root", repo, "--base", "main", "--stack", "test"]);
  expect(r.code).toBe(1);
  expect(r.err).toContain("genesys-flows:keepReleases");
});
