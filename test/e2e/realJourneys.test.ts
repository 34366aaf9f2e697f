// What real callers did, end to end (issue 77): the shipped portfolio deployed on the local stack by
// the real engine and provider, execution data enabled in the org before the deploy, 1,000 seeded
// simulated calls through the published Sales and Billing flows (the emulator's traffic route: the
// behaviour interpreter over the published versions, each call recorded as Genesys records a flow
// execution). `traffic pull` keeps every call as journeys, past the 200-per-query cap; then a change
// to the VerifyCaller module (a verified caller returns `error`) is reviewed with the pulled file:
// the share of each caller's real journeys the review prints equals the share the test counts from
// the traffic route's own report of what the calls did (the calls that ended at a queue only a
// verified caller reaches), and the generated scenarios of the real journeys pass on the flows as
// deployed and fail on the changed ones exactly for the journeys that change.
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { createProject, runCli, type E2eProject, type ToolRun } from "../../testkit/harness";
import { shippedExampleFiles } from "../../testkit/shippedExamples";
import { call } from "../../testkit/emulator";
import { gitIn } from "../../testkit/fixtureProject";
import type { TrafficFile } from "../../traffic/journeys";
import { shareText } from "../../traffic/weigh";

jest.setTimeout(25 * 60_000);

let p: E2eProject;
const under = (dir: string) =>
  Object.fromEntries(
    Object.entries(shippedExampleFiles()).flatMap(([file, text]) =>
      file.startsWith(`${dir}/`) ? [[file.slice(dir.length + 1), text]] : [],
    ),
  );
const ok = (r: ToolRun): ToolRun => {
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${(r.stdout + r.stderr).slice(-6000)}`);
  return r;
};
const api = <T>(method: string, route: string, body?: unknown) =>
  call<T>(`${p.emulator.url}${route}`, {
    method,
    token: p.emulator.accessToken,
    ...(body !== undefined ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}),
  });

interface TrafficReport {
  recorded: number;
  notSimulated: Record<string, number>;
  flows: Array<{ name: string; runs: number; endings: Record<string, number> }>;
}
let report: TrafficReport;

beforeAll(async () => {
  const shippedLocal = {
    substitutions: {
      brand: "Acme",
      priority_queue: "Priority local",
      support_queue: "Support local",
      sales_queue: "Sales local",
      orders_queue: "Orders local",
      general_queue: "General local",
      billing_queue: "Billing local",
    },
  };
  p = await createProject({ flows: under("flows"), routing: under("routing"), settings: shippedLocal });
});

afterAll(async () => {
  await p?.cleanup();
});

it("1. execution data is enabled, then the shipped portfolio is deployed; the deployed files are the base", async () => {
  expect((await api("PATCH", "/api/v2/flows/instances/settings/executiondata", { enabled: true })).status).toBe(200);
  ok(await runCli(p, ["up", "--stack", "local"]));
  gitIn(p.dir, "init", "-q", "-b", "main");
  gitIn(p.dir, "add", "flows", "routing", "Pulumi.local.yaml");
  gitIn(p.dir, "commit", "-q", "-m", "deployed");
});

it("2. 1,000 seeded calls through the published Sales and Billing flows are recorded", async () => {
  // Callers who enter a well-formed PIN, a refused one or nothing; at the Sales menu 1 or 2. The
  // customer lookup (a data action) succeeds, fails or times out alike: some callers are verified.
  const callers = {
    digits: { "Ask for the PIN": { "1234": 3, "0000": 1, silence: 1 }, "Main menu": { "1": 1, "2": 1 } },
  };
  const r = await api<TrafficReport>("POST", "/__emulator/traffic", {
    seed: 7,
    interactions: 1000,
    flows: ["local-Sales", "local-Billing"],
    start: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    spacingSeconds: 60,
    callers,
  });
  expect(r.status).toBe(200);
  report = r.body;
  expect([report.recorded, report.notSimulated]).toEqual([1000, {}]);
});

it("3. traffic pull keeps every call as journeys, past the 200-per-query cap, nothing unmapped", async () => {
  const r = ok(await runCli(p, ["traffic", "pull", "--stack", "local"]));
  const pulled = JSON.parse(fs.readFileSync(path.join(p.dir, ".work/traffic/local.json"), "utf8")) as TrafficFile;
  expect(r.stdout).toContain(".work/traffic/local.json");
  const executions = Object.fromEntries(
    pulled.flows.map((f) => [f.name, f.versions.reduce((n, v) => n + v.executions, 0)]),
  );
  expect(executions).toEqual(Object.fromEntries(report.flows.map((f) => [f.name, f.runs])));
  expect(Object.values(executions).reduce((a, b) => a + b, 0)).toBe(1000);
  expect(pulled.limits).toEqual(
    expect.objectContaining({ cappedWindows: [], failedDownloads: [], versionsNotInStack: [], unmappedActions: {} }),
  );
  expect(pulled.limits.queries).toBeGreaterThan(5);
  // The module's nodes are steps of its callers' journeys.
  expect(
    pulled.flows
      .flatMap((f) => f.versions.flatMap((v) => v.journeys.flatMap((j) => j.steps)))
      .some((s) => s.startsWith("VerifyCaller.AskPin")),
  ).toBe(true);
});

/** The generated scenarios of the real journeys, by file: each scenario's name and the outcome it expects. */
function generated(): Array<{ file: string; name: string; outcome: string }> {
  const dir = path.join(p.dir, "scenarios/calls");
  return fs.readdirSync(dir).flatMap((flow) =>
    fs.readdirSync(path.join(dir, flow)).flatMap((f) => {
      if (!f.startsWith("real-journeys-")) return [];
      const doc = YAML.parse(fs.readFileSync(path.join(dir, flow, f), "utf8")) as
        | { scenarios?: Array<{ name: string; expect?: { outcome?: string } }> }
        | Array<{ name: string; expect?: { outcome?: string } }>;
      const list = Array.isArray(doc) ? doc : (doc.scenarios ?? []);
      return list.map((sc) => ({
        file: `scenarios/calls/${flow}/${f}`,
        name: sc.name,
        outcome: JSON.stringify(sc.expect?.outcome ?? ""),
      }));
    }),
  );
}
let scenarios: Array<{ file: string; name: string; outcome: string }> = [];

it("3b. the real journeys become scenarios (every journey of Sales and Billing driven); genesys-flows test passes them on the flows as deployed", async () => {
  const r = ok(await runCli(p, ["traffic", "scenarios", "--stack", "local", "--share", "100"]));
  scenarios = generated();
  expect(scenarios.length).toBeGreaterThan(4);
  expect(r.stdout + r.stderr).not.toMatch(/cannot|not written/i);
  const t = await runCli(p, ["test", "--stack", "local", "--coverage"]);
  if (t.code !== 0) throw new Error(t.stdout + t.stderr);
  expect(t.stdout).toMatch(/scenarios cover 1,000 of 1,000 journeys \(100\.0 %\)/);
});

it("4. a module change is reviewed: each caller's share of real journeys that change equals the calls the traffic route says reached what changes", async () => {
  const file = "flows/modules/verify-caller.yaml";
  const text = p.read(file);
  const changed = text.replace(
    /( {2}Verified:\n {4}type: return\n {4}label: Verified\n {4}outcome: )completed/,
    "$1error",
  );
  expect(changed).not.toBe(text);
  p.write(file, changed);
  const r = ok(
    await runCli(p, ["diff", "--base", "main", "--stack", "local", "--traffic", ".work/traffic/local.json"]),
  );
  const ran = (name: string) => report.flows.find((f) => f.name === name)!;
  const ended = (name: string, queue: string) => ran(name).endings[`transfer to queue "${queue}" (priority 0)`] ?? 0;
  // A verified Sales caller reached the menu and the Sales or Orders queue; now the General queue.
  const sales = ended("local-Sales", "Sales local") + ended("local-Sales", "Orders local");
  // A verified Billing caller reached the Billing queue; now the apology and a disconnect.
  const billing = ended("local-Billing", "Billing local");
  expect([sales, billing].every((n) => n > 0)).toBe(true);
  expect(r.stdout).toContain(
    `calls/sales (flows/calls/sales.yaml): ${shareText(sales, ran("local-Sales").runs)} would end elsewhere or hear something else`,
  );
  expect(r.stdout).toContain(
    `calls/billing (flows/calls/billing.yaml): ${shareText(billing, ran("local-Billing").runs)} would end elsewhere or hear something else`,
  );
});

it("5. on the changed module, exactly the generated scenarios of the journeys that change fail: the verified callers'", async () => {
  const t = await runCli(p, ["test", "--stack", "local"]);
  expect(t.code).toBe(1);
  const verified = (sc: { outcome: string }) => /Sales local|Orders local|Billing local/.test(sc.outcome);
  const failing = scenarios.filter(
    (sc) =>
      t.stdout.includes(sc.name) &&
      new RegExp(`(✗|FAIL|fail)[^\\n]*${sc.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`).test(t.stdout),
  );
  expect([scenarios.filter(verified).length > 0, scenarios.filter((sc) => !verified(sc)).length > 0]).toEqual([
    true,
    true,
  ]);
  expect(failing.map((sc) => sc.name).sort()).toEqual(
    scenarios
      .filter(verified)
      .map((sc) => sc.name)
      .sort(),
  );
});

it("6. rolled out in waves, Billing first: the gate between waves requires Billing's real journeys, and the next wave waits on them", async () => {
  // Only the generated scenarios of Billing stand between the waves: the one a team wrote is set aside.
  fs.rmSync(path.join(p.dir, "scenarios/calls/billing/verification.yaml"), { force: true });
  p.editConfig((c) => (c.waves = { "modules/verify-caller": [{ flows: ["calls/billing"] }] }));
  ok(await runCli(p, ["up", "--stack", "local"]));
  const next = await runCli(p, ["up", "--stack", "local"]);
  expect(next.code).toBe(4);
  const billingFailing = scenarios.filter((sc) => sc.file.includes("/billing/") && /Billing local/.test(sc.outcome));
  expect(billingFailing.length).toBeGreaterThan(0);
  for (const sc of billingFailing) expect(next.stdout + next.stderr).toContain(`"${sc.name}" (calls/billing) failed`);
  expect(next.stdout + next.stderr).not.toMatch(/\(calls\/sales\) failed/);
});
