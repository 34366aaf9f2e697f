// verify --validate with the real engine and the real bridged provider against the emulator: after
// a deploy, Architect's validate jobs find every deployed flow valid; a queue a flow uses deleted
// from the org afterwards makes verify --validate exit 1 naming the flow, the queue and Architect's
// message, publishing nothing. The test owns its portfolio, its stack file and its org
// (harness.ts, orgObjects "fixed"). Steps run in order.
import * as YAML from "yaml";
import { callFlow, LOOKUP } from "../../testkit/fixtures";
import { documented } from "../../testkit/docOutputs";
import { createProject, expectOk, publishedFlows, runCli, type E2eProject } from "../../testkit/harness";

jest.setTimeout(15 * 60_000);

const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
const ORG = { queues: ["Sales", "Support"] };
let p: E2eProject;

beforeAll(async () => {
  p = await createProject({
    orgObjects: "fixed",
    emulator: { org: ORG },
    flows: {
      "modules/lookup.yaml": y(LOOKUP),
      "calls/a.yaml": y(callFlow("A", "Lookup", "address", "Sales")),
      "calls/b.yaml": y(callFlow("B", "Lookup", "address", "Support")),
    },
  });
  expectOk(await p.up(["--skip-preview"]));
  expect([...publishedFlows(p.emulator).keys()].sort()).toEqual(["local-A", "local-B", "local-Lookup"]);
});

afterAll(async () => {
  await p?.cleanup();
});

const verify = (args: string[]) => runCli(p, ["verify", "--stack", "local", ...args]);

it("1. right after the deploy, Architect's validator finds every deployed flow valid: exit 0, one validate job per flow", async () => {
  const mark = p.mark();
  const r = await verify(["--validate"]);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
  expect(r.stdout).toContain("Architect's validation (a validate job per flow, the org as it is now):");
  expect(r.stdout).toMatch(/ {2}local-A +flows\/calls\/a\.yaml +Success +no messages\n/);
  expect(r.stdout).toMatch(/ {2}local-B +flows\/calls\/b\.yaml +Success +no messages\n/);
  expect(r.stdout).toMatch(/ {2}local-Lookup +flows\/modules\/lookup\.yaml +Success +no messages\n/);
  expect(r.stdout).toContain("Architect's validator finds no error.");
  expect(p.count("validate.create", mark)).toBe(3);
  expect(p.count("job.create", mark)).toBe(0);
  documented("verify/validate-ok", r.stdout);
});

it("2. a queue a flow uses deleted from the org: verify --validate exits 1 naming the flow, the queue and Architect's message; nothing is published", async () => {
  p.emulator.setOrg({ queues: ["Sales"] });
  const versionsBefore = [...publishedFlows(p.emulator).values()].map((f) => f.version);
  const mark = p.mark();
  const r = await verify(["--validate"]);
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/ {2}local-B +flows\/calls\/b\.yaml +Failure +1 error, 0 warnings\n/);
  expect(r.stdout).toMatch(/ {2}local-A +flows\/calls\/a\.yaml +Success +no messages\n/);
  const finding = r.stdout.split("\n").find((l) => l.includes("[architect-error]"));
  expect(finding).toContain(
    'error   [architect-error] local-B (flows/calls/b.yaml): Architect: Flow "local-B": rule unknown-org-object: targetQueue "Support": the org has no queue of that name',
  );
  expect(finding).toContain("the org had it when version 1.0 was published");
  expect(r.stdout).toContain("FAILED: 0 drifted flows, 0 stale callers, 1 Architect error, ");
  documented("verify/validate-failure", r.stdout);
  expect(p.count("job.create", mark)).toBe(0);
  expect([...publishedFlows(p.emulator).values()].map((f) => f.version)).toEqual(versionsBefore);

  // The JSON report carries the same: the section and the finding.
  const json = await verify(["--validate", "--format", "json"]);
  expect(json.code).toBe(1);
  const report = JSON.parse(json.stdout) as {
    validation: { flows: Array<{ publishedName: string; status: string; errors: number }> };
    findings: Array<{ code: string; flow: string; message: string }>;
  };
  expect(report.validation.flows.map((f) => [f.publishedName, f.status, f.errors])).toEqual([
    ["local-A", "Success", 0],
    ["local-B", "Failure", 1],
    ["local-Lookup", "Success", 0],
  ]);
  expect(report.findings.filter((f) => f.code === "architect-error").map((f) => f.flow)).toEqual(["local-B"]);
});

it("3. the queue back in the org: exit 0 again", async () => {
  p.emulator.setOrg(ORG);
  const r = await verify(["--validate"]);
  expect(r.code).toBe(0);
  expect(r.stdout).not.toContain("[architect-error]");
});
