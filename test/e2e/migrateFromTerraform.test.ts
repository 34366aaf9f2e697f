// Bringing a CX-as-Code estate over (issue 55's acceptance), with OpenTofu, the project's provider
// build, the real engine and the emulator. The test's own Terraform configuration
// (test/fixtures/cx-as-code: two common modules, callers of three kinds, schedules, a schedule
// group, an IVR config and an emergency group, per-environment tfvars) is applied by `tofu`;
// `import --from-terraform` turns it into the stack's flow files, routing files and records; the
// next `up` publishes nothing and writes no routing; a change to a module then republishes the
// module and exactly its callers. Steps run in order.
import * as fs from "node:fs";
import * as path from "node:path";
import { main as importMain } from "../../tools/importFlows";
import { createProject, expectOk, publishedFlows, writesSince, type E2eProject } from "../../testkit/harness";
import { tofuCliConfig, tofuToolchain } from "../../bench/terraform";
import { runTimed } from "../../bench/timedRun";
import type { MigrationReport } from "../../import/terraform/report";

jest.setTimeout(20 * 60_000);

const FIXTURE = path.resolve(__dirname, "../fixtures/cx-as-code");
let p: E2eProject;
let mark = 0;
let report: MigrationReport;

const writes = () => writesSince(p.emulator, mark).map((e) => `${e.method} ${e.operation} ${e.status}`);
const versions = () => new Map([...publishedFlows(p.emulator)].map(([name, f]) => [name, f.version]));

beforeAll(async () => {
  p = await createProject({ flows: {} });
  fs.cpSync(FIXTURE, path.join(p.dir, "infra"), { recursive: true });
});

afterAll(async () => {
  await p?.cleanup();
});

it("1. OpenTofu deploys the CX-as-Code configuration with the provider build", async () => {
  const tc = tofuToolchain();
  const cli = path.join(p.dir, "cli.tfrc");
  fs.writeFileSync(cli, tofuCliConfig(tc.providerSource, tc.providerDir));
  const run = await runTimed(tc.tofu, ["apply", "-auto-approve", "-no-color", "-input=false", "-var-file=local.tfvars", `-var=gateway_port=${p.emulator.port}`, `-var=access_token=${p.emulator.accessToken}`], path.join(p.dir, "infra"), {
    timeoutMs: 5 * 60_000,
    env: { TF_CLI_CONFIG_FILE: cli, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1", TF_PLUGIN_CACHE_DIR: "" },
  });
  expect({ code: run.code, out: run.code === 0 ? "" : `${run.stdout}\n${run.stderr}` }).toEqual({ code: 0, out: "" });
  expect([...publishedFlows(p.emulator).keys()].sort()).toEqual(["local-Chat", "local-Greeting", "local-Hours", "local-Main Line", "local-Support Mail"]);
  expect(p.emulator.store.routing.count()).toEqual({ schedule: 2, scheduleGroup: 1, ivr: 1, emergencyGroup: 1, didPool: 0 });
});

it("2. import --from-terraform writes the stack's files and records, and reports the state rm commands", async () => {
  let out = "";
  let err = "";
  const code = await importMain(["--root", p.dir, "--from-terraform", "infra", "--stack", "local", "--json"], { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  expect({ code, err }).toEqual({ code: 0, err: "" });
  report = JSON.parse(out) as MigrationReport;
  expect(report.flows.map((f) => [f.address, f.file, f.publishedName])).toEqual([
    ["genesyscloud_flow.chat", "flows/stacks/local/chat.yaml", "local-Chat"],
    ["genesyscloud_flow.greeting_module", "flows/stacks/local/greeting.yaml", "local-Greeting"],
    ["genesyscloud_flow.hours_module", "flows/stacks/local/hours.yaml", "local-Hours"],
    ["genesyscloud_flow.main_line", "flows/stacks/local/main-line.yaml", "local-Main Line"],
    ["genesyscloud_flow.support_mail", "flows/stacks/local/support-mail.yaml", "local-Support Mail"],
  ]);
  expect(report.routing.map((r) => r.file)).toEqual([
    "routing/stacks/local/emergency/main-storm.yaml",
    "routing/stacks/local/hours/main-hours.yaml",
    "routing/stacks/local/ivr/main-line.yaml",
    "routing/stacks/local/schedules/main-weekdays.yaml",
    "routing/stacks/local/schedules/main-weekend.yaml",
  ]);
  expect(report.stateRm).toEqual([
    "terraform state rm 'genesyscloud_architect_emergencygroup.storm'",
    "terraform state rm 'genesyscloud_architect_ivr.main'",
    "terraform state rm 'genesyscloud_architect_schedulegroups.hours'",
    "terraform state rm 'genesyscloud_architect_schedules.weekdays'",
    "terraform state rm 'genesyscloud_architect_schedules.weekend'",
    "terraform state rm 'genesyscloud_flow.chat'",
    "terraform state rm 'genesyscloud_flow.greeting_module'",
    "terraform state rm 'genesyscloud_flow.hours_module'",
    "terraform state rm 'genesyscloud_flow.main_line'",
    "terraform state rm 'genesyscloud_flow.support_mail'",
  ]);
  const ids = new Map(publishedFlows(p.emulator));
  for (const f of report.flows) expect(f.flowId).toBe(ids.get(f.publishedName)!.id);
});

it("3. the first up publishes nothing and writes no routing: it adopts every flow and object in place", async () => {
  const before = versions();
  mark = p.mark();
  const up = await p.up();
  expectOk(up);
  expect(writes().filter((w) => /job\.create|routing\.(create|update|delete)|flow\.delete/.test(w))).toEqual([]);
  expect(versions()).toEqual(before);
});

it("4. a change to a module republishes the module and exactly its callers", async () => {
  const file = "flows/stacks/local/greeting.yaml";
  p.write(file, p.read(file).replace('Append("Hello ", Common.who)', 'Append("Hello again ", Common.who)'));
  const before = versions();
  mark = p.mark();
  // --skip-preview: what this step checks is the update itself (preview runs the program and the pack once more, ~half an up's CPU).
  expectOk(await p.up(["--skip-preview"]));
  const after = versions();
  const changed = [...after].filter(([name, v]) => before.get(name) !== v).map(([name]) => name).sort();
  expect(changed).toEqual(["local-Chat", "local-Greeting", "local-Main Line", "local-Support Mail"]);
  expect(writes().filter((w) => /routing\.(create|update|delete)/.test(w))).toEqual([]);
});
