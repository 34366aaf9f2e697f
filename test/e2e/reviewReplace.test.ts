// The review says what `up` then does, with the real engine and provider against the emulator: a
// stack's namePrefix changed from local- to localx- is reviewed (flows:diff --stack, read from git
// like the pull-request workflow) as one replacement per flow with its old and new published names,
// and the next `up` does exactly that: every flow published under its new name with a new Genesys
// id, every old flow deleted, nothing else touched.
import * as fs from "node:fs";
import * as path from "node:path";
import { createProject, expectOk, publishedFlows, runCli, type E2eProject } from "../../testkit/harness";
import { PUBLISHED } from "../../testkit/fixtures";
import type { ReviewJson } from "../../diff/review";
import { gitIn } from "../../testkit/fixtureProject";

jest.setTimeout(15 * 60_000);

let p: E2eProject;

beforeAll(async () => {
  p = await createProject();
});

afterAll(async () => {
  await p?.cleanup();
});

const git = (...args: string[]) => gitIn(p.dir, ...args);

it("namePrefix local- → localx-: the review lists every flow as a replacement, and up replaces exactly those (new ids, old flows deleted)", async () => {
  // --skip-preview: what this step checks is the update itself (preview runs the program and the pack once more, ~half an up's CPU).
  expectOk(await p.up(["--skip-preview"]));
  const before = publishedFlows(p.emulator);
  const oldNames = Object.values(PUBLISHED).sort();
  expect([...before.keys()].sort()).toEqual(oldNames);

  // What was deployed is the base, as main is in a pull request.
  git("init", "-q", "-b", "main");
  git("add", "flows", "Pulumi.local.yaml");
  git("commit", "-q", "-m", "deployed");
  p.editConfig((c) => (c.namePrefix = "localx-"));

  const r = await runCli(p, ["diff", "--base", "main", "--stack", "local", "--json", "review.json"]);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
  expect(r.stdout).toContain(
    "What up does to stack local (from main to the working tree): 7 replaced, 0 deleted, 0 created, 0 published, 0 republished for a module, 0 unchanged\n",
  );
  const review = JSON.parse(fs.readFileSync(path.join(p.dir, "review.json"), "utf8")) as ReviewJson;
  const replaced = (review.deploy?.changes ?? []).map((c) => [c.action, c.oldName, c.publishedName]);
  expect(replaced.sort()).toEqual(oldNames.map((old) => ["replace", old, old.replace(/^local-/, "localx-")]));

  p.mark();
  expectOk(await p.up(["--skip-preview"]));
  const after = publishedFlows(p.emulator);
  // Exactly the review's new names, each a new flow with a new id; each old flow deleted.
  expect([...after.keys()].sort()).toEqual(replaced.map(([, , name]) => name).sort());
  const oldIds = new Set([...before.values()].map((f) => f.id));
  for (const [name, f] of after) expect({ name, newId: !oldIds.has(f.id) }).toEqual({ name, newId: true });
  expect(p.count("job.create")).toBe(7);
  expect(p.count("flow.delete")).toBe(7);
  for (const id of oldIds)
    expect(p.emulator.store.listFlows({ includeDeleted: true }).find((f) => f.id === id)?.deleted).toBe(true);
});
