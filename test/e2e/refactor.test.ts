// Refactoring onto a shared module, end to end, with the real engine, language host, bridge,
// Genesys provider and policy pack against the emulator: three callers copy the same PIN check
// under different node names (testkit/refactorFlows.ts); `up` publishes them; `genesys-flows
// refactor extract-module` writes the module and rewrites the callers with its proof; the review
// (`genesys-flows diff --stack local`) shows the module created and the callers published with
// their journeys unchanged; `up` publishes the module and the three callers (and deletes nothing);
// verify is clean; and the journeys of what the org now runs (the emulator's stored Archy, run by
// the behaviour interpreter) equal the journeys of what it ran before, node names aside. Steps run
// in order.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { journeysOf } from "../../behaviour/journeys";
import { journeyShape, shapeKey } from "../../behaviour/journeyShape";
import { compileProgram, type Program } from "../../behaviour/program";
import { readPortfolio } from "../../project/portfolio";
import { createProject, expectOk, publishedFlows, runCli, type E2eProject } from "../../testkit/harness";
import { PIN_CALLERS, PIN_QUEUES, SALES_SCENARIOS } from "../../testkit/refactorFlows";

jest.setTimeout(20 * 60_000);

let p: E2eProject;
const CALLERS = ["calls/sales", "calls/support", "calls/billing"];
const NAMES = ["local-Sales", "local-Support", "local-Billing"];
/** The callers' journeys as the org ran them before the refactoring (flow id -> shapes). */
const before = new Map<string, string[]>();

const git = (...args: string[]) =>
  execFileSync(
    "git",
    ["-c", "user.name=e2e", "-c", "user.email=e2e@example.com", "-c", "commit.gpgsign=false", ...args],
    { cwd: p.dir, stdio: ["ignore", "pipe", "pipe"] },
  );

/**
 * The program of what the org runs: the stack's flows compiled, checked equal to the Archy the
 * emulator stores for each (compileProgram refuses a difference), so the journeys are of that Archy.
 */
function orgProgram(): Program {
  const portfolio = readPortfolio(p.dir, "local");
  const stored = publishedFlows(p.emulator);
  return compileProgram(
    portfolio.flows.map((f) => ({ id: f.id, file: f.file, model: f.substitutedModel, publishedName: f.publishedName })),
    new Map(portfolio.flows.map((f) => [f.id, stored.get(f.publishedName)!.text])),
  );
}

const shapes = (program: Program, flow: string) =>
  journeysOf(program, flow, { joinEqualStates: false, maxJumps: 2 }).journeys.map((j) => shapeKey(journeyShape(j)));

beforeAll(async () => {
  p = await createProject({ flows: PIN_CALLERS, settings: { substitutions: PIN_QUEUES } });
  // The tests' own scenarios, not the shipped ones.
  fs.rmSync(path.join(p.dir, "scenarios"), { recursive: true, force: true });
  fs.mkdirSync(path.join(p.dir, "scenarios/calls/sales"), { recursive: true });
  p.write("scenarios/calls/sales/pin.yaml", SALES_SCENARIOS);
});

afterAll(async () => {
  await p?.cleanup();
});

it("1. up publishes the three callers; their journeys are read from what the org runs", async () => {
  expectOk(await p.up(["--skip-preview"]));
  expect([...publishedFlows(p.emulator).keys()].sort()).toEqual([...NAMES].sort());
  const program = orgProgram();
  for (const id of CALLERS) before.set(id, shapes(program, id));
  expect(before.get("calls/sales")!.length).toBeGreaterThan(1);
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "before the refactoring");
});

it("2. refactor extract-module writes the module and the callers, with its proof", async () => {
  const r = await runCli(p, ["refactor", "extract-module", "--name", "PinCheck", ...CALLERS]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("Proof: holds");
  for (const id of CALLERS)
    expect(r.stdout).toMatch(new RegExp(`journeys +flows/${id}.yaml +\\d+ journeys, unchanged \\(node names aside\\)`));
  expect(r.stdout).toMatch(/lint +local: (clean|no new finding)/);
  expect(r.stdout).toContain("+ flows/modules/pin-check.yaml");
  expect(p.read("flows/calls/support.yaml")).toContain("module: PinCheck");
  expect(p.read("scenarios/calls/sales/pin.yaml")).toContain("at: PinCheck.AskPin");
});

it("3. the review shows the module created and the callers published with their journeys unchanged", async () => {
  const r = await runCli(p, ["diff", "--base", "main", "--stack", "local"]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('create flows/modules/pin-check.yaml: "local-PinCheck"');
  for (const id of CALLERS)
    expect(r.stdout).toMatch(
      new RegExp(
        `publish flows/${id}.yaml: "[^"]+"\\n      its content changes\\n      journeys unchanged \\(node names aside\\)`,
      ),
    );
  expect(r.stdout).toContain(
    "Journeys unchanged (node names aside), though the flow changes: calls/billing, calls/sales, calls/support.",
  );
  expect(r.stdout).not.toContain("Journeys that change (");
});

it("4. up publishes the module and the three callers, deletes nothing; verify is clean", async () => {
  p.mark();
  expectOk(await p.up(["--skip-preview"]));
  expect(p.count("job.create")).toBe(4);
  expect(p.count("flow.delete")).toBe(0);
  expect([...publishedFlows(p.emulator).keys()].sort()).toEqual([...NAMES, "local-PinCheck"].sort());
  expect(publishedFlows(p.emulator).get("local-Sales")!.text).toContain("local-PinCheck:");
  const v = await runCli(p, ["verify", "--stack", "local"]);
  expect(v.code).toBe(0);
  expect(v.stdout).toContain("OK: every flow of the stack runs what the stack deployed");
});

it("5. the journeys of the callers the org now runs equal the journeys it ran before, node names aside", () => {
  const program = orgProgram();
  for (const id of CALLERS) expect({ [id]: shapes(program, id) }).toEqual({ [id]: before.get(id) });
});
