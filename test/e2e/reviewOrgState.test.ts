// Issue 49's "the org's state" end to end, with the real engine and provider against the emulator
// playing the org's people (its people API: an ops client, a user signing in through it): after a
// deploy, ops publish a version of one of a module's callers out of band, a person checks in a draft
// of another and holds a third checked out. A pull request then changes the module (all three
// callers republish). The review of the stack (flows:diff --stack local --org local, read from git
// as the pull-request workflow does, against the stack's Pulumi state) names all three, in the text,
// the Markdown report, the pull-request comment and the JSON, its verdict the stop up makes on the
// lock; and preview names the same three.
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { createProject, publishedFlows, runCli, type E2eProject, type ToolRun } from "../../testkit/harness";
import { PUBLISHED as N } from "../../testkit/fixtures";
import type { ReviewJson } from "../../diff/review";
import { signIn } from "../../testkit/emulator";
import { afterLastDeploy, checkInDraft, post, publishHotfix } from "../../testkit/orgPeople";
import { gitIn } from "../../testkit/fixtureProject";
import { documented, excerpt } from "../../testkit/docOutputs";

jest.setTimeout(12 * 60_000);

const OPS = { id: "ops-client", secret: "ops-secret", name: "Ops Console" };
const JANE = { name: "Jane Doe", username: "jane@example.com", password: "jane-pw" };

let p: E2eProject;
const tool = (args: string[]): Promise<ToolRun> => runCli(p, args);
const out = (r: ToolRun) => r.stdout + r.stderr;
const ok = (r: ToolRun): ToolRun => {
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${out(r).slice(-6000)}`);
  return r;
};
const idOf = (name: string) => publishedFlows(p.emulator).get(name)!.id;

beforeAll(async () => {
  p = await createProject({ emulator: { people: { clients: [OPS], users: [JANE] } } });
});

afterAll(async () => {
  await p?.cleanup();
});

it("1. up deploys the stack; the deployed files are the base, as main is in a pull request", async () => {
  ok(await tool(["up", "--stack", "local"]));
  gitIn(p.dir, "init", "-q", "-b", "main");
  gitIn(p.dir, "add", "flows", "Pulumi.local.yaml");
  gitIn(p.dir, "commit", "-q", "-m", "deployed");
});

it("2. people work in the org: ops publish a hotfix, Jane checks in a draft of one flow and holds another checked out", async () => {
  await afterLastDeploy(p);
  await publishHotfix(p, N.direct, await signIn(p.emulator, { clientId: OPS.id, clientSecret: OPS.secret }));
  const jane = await signIn(p.emulator, {
    clientId: OPS.id,
    clientSecret: OPS.secret,
    username: JANE.username,
    password: JANE.password,
  });
  await checkInDraft(p, N.mail, jane, "Jane's rework, not published yet");
  await post(p, `flows/actions/checkout?flow=${idOf(N.chat)}`, jane);
});

const HOTFIX = new RegExp(
  `calls/direct.{0,3} \\(${N.direct}\\): version published out of band by Ops Console at \\S+ version 2\\.0`,
);
const DRAFT = new RegExp(
  `digital/mail.{0,3} \\(${N.mail}\\): unpublished draft by Jane Doe via Ops Console at \\S+ version 2\\.0`,
);
const LOCK = new RegExp(`digital/chat.{0,3} \\(${N.chat}\\): locked by Jane Doe`);

it("3. the module changes: the review names the hotfix, the draft and the lock (text, Markdown report, comment, JSON)", async () => {
  const file = "flows/modules/lookup.yaml";
  const doc = YAML.parseDocument(p.read(file), { version: "1.2" });
  doc.set("description", "Looks a customer up (v2).");
  p.write(file, doc.toString());

  // Jane's lock stops up on any stack: the review's verdict names the stop the preview makes (and exits 1).
  const text = await tool(["diff", "--base", "main", "--stack", "local", "--org", "local"]);
  expect(text.code).toBe(1);
  expect(text.stdout).toContain("The deploy will be refused: 1 problem (the review of the rest follows):");
  const stop = `up will stop before anything publishes: ${N.chat} (digital/chat): locked: checked out (locked) by Jane`;
  expect(text.stdout).toContain(stop);
  expect(text.stdout).toContain("The org's state (gateway http://127.0.0.1:");
  expect(text.stdout).toContain("people changed 3 things the deploy would overwrite or meet:");
  for (const line of [HOTFIX, DRAFT, LOCK]) expect(text.stdout).toMatch(line);
  documented(
    "review/org-state",
    [
      "$ npm run flows:diff -- --base main --stack local --org local",
      text.stdout.split("\n").find((l) => l.startsWith("What up does to stack local"))!,
      "  ...",
      excerpt(text.stdout, "The org's state"),
    ].join("\n"),
  );

  const md = ["--format", "markdown", "--out", "review.md", "--json", "review.json", "--comment", "comment.md"];
  expect((await tool(["diff", "--base", "main", "--stack", "local", "--org", "local", ...md])).code).toBe(1);
  for (const md of ["review.md", "comment.md"]) {
    const body = p.read(md);
    expect({ md, section: body.includes("### The org's state") }).toEqual({ md, section: true });
    for (const line of [HOTFIX, DRAFT, LOCK]) expect({ md, body }).toEqual({ md, body: expect.stringMatching(line) });
  }
  const review = JSON.parse(fs.readFileSync(path.join(p.dir, "review.json"), "utf8")) as ReviewJson;
  expect(review.orgState?.checked).toBe(true);
  const changes = review.orgState?.checked ? review.orgState.changes : [];
  expect(changes.map((c) => [c.flow, c.kind, c.who]).sort()).toEqual([
    ["calls/direct", "published-out-of-band", OPS.name],
    ["digital/chat", "locked", JANE.name],
    ["digital/mail", "draft", `${JANE.name} via ${OPS.name}`],
  ]);
});

it("4. preview names the same three", async () => {
  const preview = ok(await tool(["preview", "--stack", "local"]));
  expect(out(preview)).toMatch(
    new RegExp(
      `${N.direct} \\(calls/direct\\): published outside the stack: version 2.0 was published \\S+ by Ops Console`,
    ),
  );
  expect(out(preview)).toMatch(
    new RegExp(
      `${N.mail} \\(digital/mail\\): draft: a checked-in draft \\(version 2.0, \\S+, by Jane Doe via Ops Console\\)`,
    ),
  );
  expect(out(preview)).toMatch(
    new RegExp(`${N.chat} \\(digital/chat\\): locked: checked out \\(locked\\) by Jane Doe`),
  );
  documented(
    "review/org-state-preview",
    excerpt(out(preview), "What people changed in the org", "up will stop before anything publishes"),
  );
});

it("5. a fork's pull request (GitHub Actions, neither the Pulumi token nor the stack's client): the review of prod says the org's state was not checked, naming both and what the workflow reads", async () => {
  p.write(
    "Pulumi.prod.yaml",
    "config:\n  genesys-flows:environment: prod\n  genesys-flows:namePrefix: prod-\n  genesys-flows:provider:\n    region: us-east-1\n",
  );
  gitIn(p.dir, "add", "Pulumi.prod.yaml");
  gitIn(p.dir, "commit", "-q", "-m", "the prod stack");
  const none = {
    GITHUB_ACTIONS: "true",
    PULUMI_BACKEND_URL: "",
    PULUMI_ACCESS_TOKEN: "",
    GENESYSCLOUD_OAUTHCLIENT_ID: "",
    GENESYSCLOUD_OAUTHCLIENT_SECRET: "",
    GENESYSCLOUD_ACCESS_TOKEN: "",
  };
  const r = await runCli(p, ["diff", "--base", "main", "--stack", "prod", "--org", "prod"], none);
  const line = excerpt(r.stdout, "The org's state: not checked");
  expect(line).toContain("PULUMI_ACCESS_TOKEN");
  expect(line).toContain("GENESYSCLOUD_OAUTHCLIENT_ID_PROD_READONLY");
  documented("review/not-checked-fork", line);
});
