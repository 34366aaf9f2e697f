// This repository's own root layout (issue 98.4-6), with the real engine, provider and policy pack
// against the emulator, through the command line: flows/, routing/ and the stack file are links into
// templates/portfolio/ (scenarios/ and orgs/ already are, in the harness's copy), in a git repository
// of the test's own, holding the shipped examples (testkit/shippedExamples.ts, never the root's files).
// One stack, steps in order: the review of a one-line condition change reads its base through the links
// (one flow changed, its journeys), a namePrefix change names every flow it replaces; the first up
// deploys the shipped routing (the DID pool before the IVR configs, every routed number held, no
// refusal) and records r1 with its routing objects; a module change rolls out in waves; during the
// paused rollout an up changing only a schedule (18:00 -> 19:00) records a release of its own; then
// `rollback --to previous` names the schedule it puts back (changed in that release) beside the flows it
// republishes before it runs, restores the module and the schedule, and says so in its release.
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { createProject, isWrite, publishedFlows, runCli, writesSince, type E2eProject } from "../../testkit/harness";
import { shippedExampleFiles } from "../../testkit/shippedExamples";
import { documented } from "../../testkit/docOutputs";
import type { Release } from "../../planner/releases";

jest.setTimeout(20 * 60_000);

let p: E2eProject;
type Run = { code: number; stdout: string; stderr: string };
const cli = (...args: string[]) => runCli(p, args);
const exits = (code: number, r: Run): Run => {
  if (r.code !== code) throw new Error(`exit ${r.code}, expected ${code}:\n${(r.stdout + r.stderr).slice(-6000)}`);
  return r;
};
const ok = (r: Run) => exits(0, r);

function git(...args: string[]): string {
  const who = ["-c", "user.name=e2e", "-c", "user.email=e2e@example.invalid"];
  const r = spawnSync("git", [...who, ...args], { cwd: p.dir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
}

/** The shipped examples' files under `dir`, by their path below it. */
function under(dir: string): Record<string, string> {
  const files = Object.entries(shippedExampleFiles()).filter(([file]) => file.startsWith(`${dir}/`));
  return Object.fromEntries(files.map(([file, text]) => [file.slice(dir.length + 1), text]));
}
/** A file of the project, edited where `from` is (through the links, as a person edits it). */
function edit(file: string, from: string, to: string): void {
  const text = p.read(file);
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  p.write(file, text.replace(from, to));
}
const history = async (): Promise<Release[]> => {
  const listed = ok(await cli("releases", "--stack", "local", "--format", "json"));
  return JSON.parse(listed.stdout) as Release[];
};
/** Where the shipped Weekdays schedule ends in the org (a local date-time). */
const weekdaysEnd = () => {
  const weekdays = p.emulator.store.routing.list("schedule").find((r) => r.fields.name === "local-Weekdays");
  return String(weekdays?.fields.end);
};

beforeAll(async () => {
  const queues = ["priority", "support", "sales", "orders", "general", "billing"];
  const queue = (q: string) => [`${q}_queue`, `${q[0].toUpperCase()}${q.slice(1)} local`];
  const local = { brand: "Acme", ...Object.fromEntries(queues.map(queue)) };
  // VerifyCaller rolls out to Sales, then Billing, then Support.
  const waves = { "modules/verify-caller": [{ flows: ["calls/sales"] }, { flows: ["calls/billing"] }] };
  const settings = { substitutions: local, waves };
  p = await createProject({ flows: under("flows"), routing: under("routing"), settings });
  // The root layout: the portfolio lives in templates/portfolio/, the root links to it.
  const portfolio = path.join(p.dir, "templates/portfolio");
  for (const entry of ["flows", "routing", "Pulumi.local.yaml"]) {
    fs.rmSync(path.join(portfolio, entry), { recursive: true, force: true });
    fs.renameSync(path.join(p.dir, entry), path.join(portfolio, entry));
    fs.symlinkSync(`templates/portfolio/${entry}`, path.join(p.dir, entry));
  }
  for (const linked of ["scenarios", "orgs"]) {
    expect(fs.readlinkSync(path.join(p.dir, linked))).toBe(`templates/portfolio/${linked}`);
  }
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "the shipped examples");
});

afterAll(async () => {
  await p?.cleanup();
});

it("1. the review reads its base through links: a condition's journeys; a namePrefix replaces each flow", async () => {
  edit("flows/calls/sales.yaml", 'expression: Flow.choice == "1"', 'expression: Flow.choice == "2"');
  git("commit", "-qam", "sales: 2 for a new order");
  const review = ok(await cli("diff", "--base", "HEAD~1"));
  expect(review.stdout).toContain("from HEAD~1 to the working tree: 0 added, 0 removed, 1 changed, 6 unchanged\n");
  expect(review.stdout).toMatch(/^ {2}calls\/sales \(flows\/calls\/sales\.yaml\): \d+ journeys change/m);
  expect(review.stdout).toContain("ends at Verified · Menu: press 2 · TransferSales: {{sales_queue}} connects");

  p.editConfig((c) => (c.namePrefix = "localx-"));
  const renamed = ok(await cli("diff", "--base", "HEAD", "--stack", "local"));
  const replace = /^ {2}replace flows\/\S+: "local-[^"]+" → "localx-[^"]+"$/;
  const replaced = renamed.stdout.split("\n").filter((l) => replace.test(l));
  expect(replaced).toHaveLength(Object.keys(under("flows")).length);
  git("checkout", "--", "templates/portfolio/Pulumi.local.yaml");
});

it("2. the first up deploys the shipped routing (the DID pool first, every number held), recorded in r1", async () => {
  const mark = p.mark();
  const up = ok(await cli("up", "--stack", "local"));
  expect(up.stdout + up.stderr).not.toContain("in no DID pool");
  expect(writesSince(p.emulator, mark).filter((e) => e.status >= 400)).toEqual([]);
  const creates = writesSince(p.emulator, mark)
    .filter((e) => e.operation === "routing.create")
    .map((e) => e.path);
  const pool = creates.indexOf("/api/v2/telephony/providers/edges/didpools");
  expect(pool).toBeGreaterThanOrEqual(0);
  expect(creates.filter((c, i) => c === "/api/v2/architect/ivrs" && i < pool)).toEqual([]);
  const [r1] = await history();
  const routingIds = Object.keys(under("routing")).map((f) => f.replace(/\.yaml$/, ""));
  expect(Object.keys(r1.routing ?? {}).sort()).toEqual(routingIds.sort());
  expect(weekdaysEnd()).toMatch(/T18:00/);
});

it("3. a routing-only up in a paused rollout is a release; rollback --to previous names and reverts it", async () => {
  const prompt = "Please enter your four digit account PIN.";
  edit("flows/modules/verify-caller.yaml", prompt, "Please key in your four digit account PIN.");
  git("commit", "-qam", "VerifyCaller: key in");
  ok(await cli("up", "--stack", "local"));
  ok(await cli("rollout", "pause", "--stack", "local", "--reason", "Sales callers hang up at the PIN"));

  // Only a schedule changes (the 18:00 -> 19:00): written, and recorded as a release of its own.
  edit("routing/schedules/weekdays.yaml", "end: 2026-01-05T18:00:00", "end: 2026-01-05T19:00:00");
  git("commit", "-qam", "open until 19:00");
  const mark = p.mark();
  exits(4, await cli("up", "--stack", "local"));
  const writes = writesSince(p.emulator, mark).filter((e) => isWrite(e) && !e.operation.startsWith("flow."));
  expect(writes.map((e) => e.operation)).toEqual(["routing.update"]);
  expect(weekdaysEnd()).toMatch(/T19:00/);
  const h = await history();
  expect(h.map((r) => r.id)).toEqual(["r1", "r2", "r3"]);
  expect(h[2].flows).toEqual(h[1].flows);
  expect(h[2].routing?.["schedules/weekdays"]).not.toBe(h[1].routing?.["schedules/weekdays"]);
  const listed = ok(await cli("releases", "--stack", "local")).stdout;
  expect(listed).toMatch(/^ {2}r3 .* 7 flows, 0 changed, 1 routing object changed, wave 1 of 3 of modules\/verify/m);

  // The rollback goes back before the rollout (r1), and says before it runs that the schedule goes back too.
  const rollback = ok(await cli("rollback", "--stack", "local", "--to", "previous"));
  // The plan comes first, before the engine (and, on prod, before the question).
  expect(rollback.stdout.indexOf("Rollback of stack")).toBe(0);
  const shown = rollback.stdout.slice(0, rollback.stdout.indexOf("\n  ends the rollout"));
  documented("rollback/rollback-routing", `$ genesys-flows rollback --stack local --to previous\n${shown}`);
  expect(shown.split("\n").slice(1)).toEqual([
    "  republish (2): modules/verify-caller, calls/sales",
    "  schedule put back as r1 has it (1): schedules/weekdays (changed in r3)",
  ]);
  expect(weekdaysEnd()).toMatch(/T18:00/);
  expect(publishedFlows(p.emulator).get("local-VerifyCaller")!.text).toContain(prompt);
  const after = await history();
  expect(after.at(-1)).toMatchObject({ id: "r4", rollbackOf: "r1", routing: h[0].routing });
});
