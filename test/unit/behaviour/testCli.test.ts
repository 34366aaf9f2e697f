// `genesys-flows test` on a copy of the fixture project: scenario files found under scenarios/,
// run with the stack's substitutions; exit codes (0 passed, 1 failed / stopped / not loading /
// coverage below the threshold, 2 usage); --flow, --format and --min-coverage; a scenario that dials a number.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../../tools/cli";
import { main } from "../../../tools/testFlows";
import { copyPortfolio, runMain } from "../../../testkit/fixtureProject";

const SALES = `scenarios:
  - name: Unverified callers still reach sales
    call: { ani: "+13175550100" }
    steps: [{ silence: true }, { silence: true }, { silence: true }]
    expect:
      path: [Welcome, Verify, ToSales]
      prompts: [Welcome to Acme sales., Please enter your PIN., Please enter your PIN., Please enter your PIN., Connecting you to sales.]
      outcome: { transferToQueue: Sales VIP }
`;

function project(files: Record<string, string>): string {
  const root = copyPortfolio("scenario-cli-");
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(root, file, ".."), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

test("runs the scenarios under scenarios/ with the stack's substitutions", () => {
  const root = project({ "scenarios/calls/sales/verify.yaml": SALES });
  const r = runMain(main, ["--root", root, "--stack", "test"]);
  expect(r.err).toBe("");
  expect(r.out).toBe(
    'PASS scenarios/calls/sales/verify.yaml:2 "Unverified callers still reach sales" (calls/sales)\n\n1 scenario: 1 passed, 0 failed, 0 stopped\n',
  );
  expect(r.code).toBe(0);
});

test("a failing scenario exits 1 and names the first differing step; --format json says the same", () => {
  const root = project({ "scenarios/calls/sales/verify.yaml": SALES.replace("Sales VIP", "Sales test") });
  const r = runMain(main, ["--root", root, "--stack", "test"]);
  expect(r.code).toBe(1);
  expect(r.out).toContain('expect.outcome: transferred to queue "Sales VIP", expected "Sales test"');
  const json = JSON.parse(runMain(main, ["--root", root, "--stack", "test", "--format", "json"]).out);
  expect(json.scenarios[0]).toMatchObject({ status: "failed", differences: [{ field: "expect.outcome" }] });
});

test("a scenario file that does not load exits 1 with its location", () => {
  const root = project({
    "scenarios/calls/sales/bad.yaml": "scenarios:\n  - name: X\n    expect: { outcome: hangup }\n",
  });
  const r = runMain(main, ["--root", root, "--stack", "test"]);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/^scenarios\/calls\/sales\/bad.yaml:3:\d+: scenario "X": field "expect.outcome": /);
});

test("--min-coverage fails below the threshold; --flow selects scenarios", () => {
  const root = project({ "scenarios/calls/sales/verify.yaml": SALES });
  const low = runMain(main, ["--root", root, "--stack", "test", "--min-coverage", "95", "--flow", "calls/sales"]);
  expect(low.code).toBe(1);
  expect(low.out).toContain("Coverage (nodes entered and transitions taken by the scenarios):");
  expect(low.err).toMatch(/the scenarios cover \d+\.\d% of the nodes and transitions, below --min-coverage 95%/);
  expect(runMain(main, ["--root", root, "--stack", "test", "--flow", "digital/chat"]).code).toBe(2);
});

test("usage errors exit 2; the command is registered with the CLI", async () => {
  expect(runMain(main, ["--format", "tap"]).code).toBe(2);
  let out = "";
  const io = { out: { write: (s: string) => ((out += s), true) }, err: { write: () => true } } as never;
  expect(await runCli(["test", "--help"], io)).toBe(0);
  expect(out).toContain("Usage: genesys-flows test");
});

test("--journeys lists every journey of a flow with its outcome", () => {
  const root = project({});
  const r = runMain(main, ["--root", root, "--stack", "test", "--journeys", "--flow", "modules/lookup"]);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  expect(r.out).toMatch(
    /^modules\/lookup \(flows\/modules\/lookup.yaml\): 2 journeys\n {2}1\. HasAddress: IsNotSetOrEmpty\(⟨input address⟩\) is true\n {5}-> returns "error"/,
  );
  expect(runMain(main, ["--root", root, "--stack", "test", "--journeys", "--flow", "calls/nope"]).code).toBe(2);
});

test("scenario files: a link to a file outside the project is refused by its name, its content never read; a report is not written into the sources", () => {
  const outside = mkdtempSync(join(tmpdir(), "gf-outside-"));
  const root = project({ "scenarios/calls/sales/verify.yaml": SALES });
  try {
    writeFileSync(join(outside, "secret.yaml"), "root:x:0:0:outside the project\n");
    symlinkSync(join(outside, "secret.yaml"), join(root, "scenarios/calls/sales/evil.yaml"));
    const r = runMain(main, ["--root", root, "--stack", "test"]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      "scenarios/calls/sales/evil.yaml: is a link to a file outside the project; only files inside the project are read\n",
    );
    rmSync(join(root, "scenarios/calls/sales/evil.yaml"));
    const w = runMain(main, ["--root", root, "--stack", "test", "--out", join(root, "flows/report.txt")]);
    expect(w.code).toBe(1);
    expect(w.err).toContain("flows/report.txt: nothing written: it is in the project's sources (flows/)");
    expect(existsSync(join(root, "flows/report.txt"))).toBe(false);
  } finally {
    rmSync(outside, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  }
});

test("coverage counts the flows the scenarios run; the flows no scenario runs are listed apart", () => {
  const root = project({ "scenarios/calls/sales/verify.yaml": SALES });
  try {
    const r = runMain(main, ["--root", root, "--stack", "test", "--coverage"]);
    expect(r.code).toBe(0);
    const note = r.out.split("\n").find((l) => l.startsWith("Flows no scenario runs (not counted in the coverage): "));
    expect(note).toBeDefined();
    expect(note).toContain("digital/chat");
    expect(note).not.toContain("calls/sales");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a scenario that dials a number runs with the stack's routing, and counts for the flow it reaches under --flow", () => {
  const root = project({
    "routing/schedules/weekdays.yaml":
      "kind: schedule\nname: Weekdays\nstart: 2026-01-05T08:00:00\nend: 2026-01-05T18:00:00\nrrule: FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\n",
    "routing/hours/office.yaml":
      "kind: scheduleGroup\nname: Office\ntimeZone: America/Chicago\nopen: [schedules/weekdays]\n",
    "routing/ivr/main.yaml":
      'kind: ivr\nname: Main\nnumbers: ["+13175550100"]\nflows: {open: calls/sales}\nscheduleGroup: hours/office\n',
    "scenarios/routing/main.yaml": SALES.replace(
      "  - name: Unverified callers still reach sales\n",
      '  - name: A weekday call reaches sales\n    dial: "+13175550100"\n    clock: { local: 2026-11-24T09:30 }\n',
    ).replace("expect:\n", "expect:\n      route: { ivr: ivr/main, state: open, flow: calls/sales }\n"),
  });
  const r = runMain(main, ["--root", root, "--stack", "test", "--flow", "calls/sales"]);
  expect(r.err).toBe("");
  expect(r.out).toBe(
    'PASS scenarios/routing/main.yaml:2 "A weekday call reaches sales" (calls/sales)\n\n1 scenario: 1 passed, 0 failed, 0 stopped\n',
  );
  expect(r.code).toBe(0);
});
