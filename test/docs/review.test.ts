// docs/review.md's examples: `genesys-flows diff` (npm run flows:diff) on the reference portfolio
// in a scratch git repository, one change each, as the page says they were made.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { documented, excerpt } from "../../testkit/docOutputs";
import { editFile } from "../../testkit/tempProject";
import { gf, referenceRepository, type Ran } from "./run";

let repo: string;
beforeEach(() => {
  repo = referenceRepository();
});

const review = (stack: string, ...args: string[]) => gf(repo, "diff", "--base", "main", "--stack", stack, ...args);
/** The review from "What up does" through the org's state: the page leaves the journeys out where it says so. */
const deploy = (r: Ran) => excerpt(r.out, "What up does to stack", "The org's state");
const withoutJourneys = (r: Ran) => `${deploy(r)}\n\n(journeys that change: left out here)`;
/** Standard error and the exit code, as the page shows them. */
const stderr = (r: Ran) => `${r.err}exit code ${r.code}`;

test("namePrefix prod- -> prodx-: the refusal, the review, the comment's first rows, one change and one resource of the JSON", async () => {
  editFile(repo, "Pulumi.prod.yaml", "namePrefix: prod-", "namePrefix: prodx-");
  const r = await review("prod", "--comment", join(repo, "comment.md"), "--json", join(repo, "review.json"));
  expect(r.code).toBe(1);
  const text = await review("prod");
  documented("review/refused", [...text.out.split("\n").slice(0, 2), "  ..."].join("\n"));
  documented("review/name-prefix", deploy(text));
  const comment = readFileSync(join(repo, "comment.md"), "utf8").split("\n");
  documented(
    "review/name-prefix-comment",
    [...comment.slice(0, comment.findIndex((l) => l.startsWith("| **replace**")) + 1), "…"].join("\n"),
  );
  const json = JSON.parse(readFileSync(join(repo, "review.json"), "utf8")) as {
    deploy: { changes: Array<{ id: string }>; resources: Array<{ resource: string }> };
  };
  documented(
    "review/name-prefix-json-change",
    JSON.stringify(
      json.deploy.changes.find((c) => c.id === "calls/sales"),
      null,
      2,
    ),
  );
  documented(
    "review/name-prefix-json-resource",
    JSON.stringify(
      json.deploy.resources.find((c) => c.resource === "routing/ivr/sales-line"),
      null,
      2,
    ),
  );
});

test("a queue substitution changed in Pulumi.prod.yaml: prod publishes the flows it changes; dev does nothing", async () => {
  editFile(repo, "Pulumi.prod.yaml", "sales_queue: Sales", "sales_queue: Sales Gold");
  documented("review/substitution-prod", withoutJourneys(await review("prod")));
  documented("review/substitution-dev", deploy(await review("dev")));
});

test("one flow's name changed: a replacement", async () => {
  editFile(repo, "flows/calls/billing.yaml", "name: Billing\n", "name: Billing Line\n");
  documented("review/rename", deploy(await review("prod")));
});

test("a flow leaves the stack", async () => {
  editFile(
    repo,
    "Pulumi.prod.yaml",
    "  genesys-flows:forceUnlock: false\n",
    "  genesys-flows:forceUnlock: false\n  genesys-flows:exclude: [digital/web-chat]\n",
  );
  documented("review/exclude", deploy(await review("prod")));
});

test("a module change: the module published, every caller republished", async () => {
  editFile(repo, "flows/modules/verify-caller.yaml", "maxLoops: 3", "maxLoops: 4");
  documented("review/module", withoutJourneys(await review("prod")));
});

test("bad input: a namePrefix Genesys refuses, a stack file that does not parse, a base without the stack file", async () => {
  editFile(repo, "Pulumi.prod.yaml", "namePrefix: prod-", "namePrefix: prod/");
  const slash = await review("prod");
  documented("review/bad-prefix", excerpt(slash.out, "What up does to stack", "No other flow changes."));
  documented("review/bad-prefix-stderr", stderr(slash));
  editFile(repo, "Pulumi.prod.yaml", "environment: prod\n", "environment: [prod\n");
  editFile(repo, "Pulumi.prod.yaml", "namePrefix: prod/", "namePrefix: prod-");
  documented("review/bad-yaml-stderr", stderr(await review("prod")));
  writeFileSync(
    join(repo, "Pulumi.staging.yaml"),
    readFileSync(join(repo, "Pulumi.dev.yaml"), "utf8")
      .replace("environment: dev", "environment: staging")
      .replace("namePrefix: dev-", "namePrefix: stg-"),
  );
  documented("review/no-base-stderr", stderr(await review("staging")));
});
