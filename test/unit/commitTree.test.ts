// Readers of a commit follow links inside the repository as a checkout does (issue 98.6,
// project/commitTree.ts): a repository whose flows/ and stack file are links into
// templates/portfolio/ (this repository's own root layout) reviews a one-line change as one changed
// flow, a rollback's sources come out as plain files, and a change through the link makes the
// working tree differ from the commit. Links leading outside the repository, round in a loop or
// to nothing are named and never read. On a copy of the fixture portfolio in a temp git repository.
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { main } from "../../tools/flowsDiff";
import { CommitTree } from "../../project/commitTree";
import { extractSources, workingTreeSource } from "../../project/releaseSource";
import { commitAsMain, copyPortfolio, editFile, gitIn, runMain } from "../../testkit/fixtureProject";

let repo: string;

beforeEach(() => {
  repo = copyPortfolio("commit-tree-");
  mkdirSync(join(repo, "templates/portfolio"), { recursive: true });
  renameSync(join(repo, "flows"), join(repo, "templates/portfolio/flows"));
  symlinkSync("templates/portfolio/flows", join(repo, "flows"));
  const subs = "{brand: Acme, sales_queue: Sales, support_queue: Support}";
  const stack = `config:\n  genesys-flows:environment: dev\n  genesys-flows:substitutions: ${subs}\n`;
  writeFileSync(join(repo, "templates/portfolio/Pulumi.dev.yaml"), stack);
  symlinkSync("templates/portfolio/Pulumi.dev.yaml", join(repo, "Pulumi.dev.yaml"));
  commitAsMain(repo);
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

const friendlier = () => editFile(repo, "flows/calls/sales.yaml", "to sales.", "to our sales team.");

it("the review's base is read through the links: a one-line change is one changed flow, not every flow added", () => {
  friendlier();
  gitIn(repo, "commit", "-qam", "sales: a friendlier transfer");
  const r = runMain(main, ["--root", repo, "--base", "HEAD~1", "--stack", "dev"]);
  expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: "" });
  expect(r.out).toContain("Flow changes from HEAD~1 to the working tree: 0 added, 0 removed, 1 changed, 5 unchanged\n");
  expect(r.out).toContain('  publish flows/calls/sales.yaml: "Sales"\n');
});

it("a rollback's sources come out of the commit as files; a change through the link changes the sources", () => {
  const commit = gitIn(repo, "rev-parse", "HEAD").trim();
  expect(workingTreeSource(repo, "dev")).toEqual({ commit, dirty: false });
  const dir = join(repo, ".work/rollback/dev/r1");
  extractSources(repo, commit, "dev", dir);
  expect(lstatSync(join(dir, "flows")).isDirectory()).toBe(true);
  const sales = readFileSync(join(repo, "templates/portfolio/flows/calls/sales.yaml"), "utf8");
  expect(readFileSync(join(dir, "flows/calls/sales.yaml"), "utf8")).toBe(sales);
  expect(readFileSync(join(dir, "Pulumi.dev.yaml"), "utf8")).toContain("environment: dev");
  friendlier();
  expect(workingTreeSource(repo, "dev").dirty).toBe(true);
});

it("links in a linked folder are followed; one outside the repository, in a loop or to nothing is named", () => {
  const flows = join(repo, "templates/portfolio/flows");
  mkdirSync(join(repo, "common"));
  writeFileSync(join(repo, "common/extra.yaml"), readFileSync(join(flows, "queue/hold.yaml"), "utf8"));
  symlinkSync("../../../../common/extra.yaml", join(flows, "calls/extra.yaml"));
  symlinkSync("../../../common", join(flows, "more"));
  gitIn(repo, "add", "-A");
  gitIn(repo, "commit", "-qm", "links inside");
  const inside = new CommitTree(repo, "HEAD");
  const walked = inside.walk("flows", (name) => name.endsWith(".yaml"));
  expect(walked.issues).toEqual([]);
  expect(walked.files).toEqual(expect.arrayContaining(["flows/calls/extra.yaml", "flows/more/extra.yaml"]));
  const extra = readFileSync(join(repo, "common/extra.yaml"), "utf8");
  expect(inside.read(["flows/more/extra.yaml"])).toEqual([{ ok: true, text: extra }]);

  symlinkSync("/etc/passwd", join(flows, "calls/passwd.yaml"));
  symlinkSync("../../../../../outside.yaml", join(flows, "calls/up.yaml"));
  symlinkSync("loop.yaml", join(flows, "calls/loop.yaml"));
  symlinkSync("nothing.yaml", join(flows, "calls/dangling.yaml"));
  gitIn(repo, "add", "-A");
  gitIn(repo, "commit", "-qm", "links out");
  const out = new CommitTree(repo, "HEAD").walk("flows", (name) => name.endsWith(".yaml"));
  const outside = "is a link to a file outside the repository; only files inside the repository are read";
  expect(out.issues).toEqual([
    { file: "flows/calls/dangling.yaml", message: "is a link to nothing" },
    { file: "flows/calls/loop.yaml", message: "is a link that leads round in a loop" },
    { file: "flows/calls/passwd.yaml", message: outside },
    { file: "flows/calls/up.yaml", message: outside },
  ]);
  // A rollback to that commit refuses, naming them; nothing is written.
  const dir = join(repo, ".work/rollback/dev/r2");
  const head = gitIn(repo, "rev-parse", "HEAD").trim();
  expect(() => extractSources(repo, head, "dev", dir)).toThrow(/calls\/passwd\.yaml: is a link to a file outside/);
  expect(existsSync(dir)).toBe(false);
});
