// A migration without the state (`import --from-terraform --no-state`, issue 79), with OpenTofu,
// the project's provider build, the real engine and the emulator. The test's own estate
// (test/fixtures/cx-as-code-modules: callers naming their common modules by the modules' resources,
// `genesyscloud_flow.greeting_module.name`) is applied by `tofu`, then migrated as if its state were
// not at hand, into the local stack, whose namePrefix (local-) is not Terraform's. The migration
// finds each flow Terraform deployed in the stack's org by its Terraform name and type and adopts
// it as the state would have (its id, its kept name, its adopted revision), so each caller calls
// its module by the module's kept name (a flow the org does not have stays a new flow of the
// stack: test/unit/importTerraform.test.ts). The first `up` publishes nothing, nor the next; with
// the hand-over applied, `tofu plan` forgets Terraform's flows, re-points what stays in
// Terraform (the IVR, the emergency group, an audit resource, an output) at data sources that find
// the same flows by the names the stack publishes, creates and destroys nothing, and after its
// apply plans no change. Steps run in order.
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { main as importMain } from "../../tools/importFlows";
import { createProject, expectOk, publishedFlows, writesSince, type E2eProject } from "../../testkit/harness";
import { planActions, runTofu, tofuCliConfig, tofuEnv, tofuToolchain, type TofuToolchain } from "../../bench/terraform";
import type { MigrationReport } from "../../import/terraform/report";

jest.setTimeout(20 * 60_000);

const FIXTURE = path.resolve(__dirname, "../fixtures/cx-as-code-modules");
const GREETING = "Welcome to Acme.";
const TERRAFORM_NAMES = ["Acme Chat", "Acme Greeting", "Acme Main Line", "Acme Opening Check", "Acme Support Mail"];
let p: E2eProject;
let tc: TofuToolchain;
let report: MigrationReport;

const tofu = (args: string[], options: string[] = []) =>
  runTofu(tc, path.join(p.dir, "infra"), args, {
    options,
    timeoutMs: 5 * 60_000,
    env: { ...tofuEnv(path.join(p.dir, "cli.tfrc")), TF_VAR_greeting: GREETING },
  });
const vars = () => [
  "-var-file=envs/dev/terraform.tfvars",
  `-var=gateway_port=${p.emulator.port}`,
  `-var=access_token=${p.emulator.accessToken}`,
];
const ok = (r: { code: number; out: string }) =>
  expect({ code: r.code, out: r.code === 0 ? "" : r.out }).toEqual({ code: 0, out: "" });

beforeAll(async () => {
  tc = tofuToolchain();
  p = await createProject({ flows: {} });
  fs.cpSync(FIXTURE, path.join(p.dir, "infra"), { recursive: true });
  // Without a state, a value read from a data source has nowhere to come from: the test's estate writes the division out.
  const main = path.join(p.dir, "infra/main.tf");
  fs.writeFileSync(
    main,
    fs
      .readFileSync(main, "utf8")
      .replace("division    = data.genesyscloud_auth_division_home.home.name", 'division    = "Home"'),
  );
  fs.writeFileSync(path.join(p.dir, "cli.tfrc"), tofuCliConfig(tc.providerSource, tc.providerDir));
});

afterAll(async () => {
  await p?.cleanup();
});

it("1. OpenTofu deploys the estate", async () => {
  ok(await tofu(["get"]));
  ok(await tofu(["apply", "-auto-approve"], vars()));
  expect([...publishedFlows(p.emulator).keys()].sort()).toEqual(TERRAFORM_NAMES);
});

it("2. import --from-terraform --no-state: each flow found in the org by its Terraform name and type, adopted under its kept name; each caller calling its module by that name", async () => {
  const terraformIds = new Map([...publishedFlows(p.emulator)].map(([name, f]) => [name, f.id]));
  let out = "";
  let err = "";
  process.env.TF_VAR_greeting = GREETING;
  let code: number;
  try {
    code = await importMain(
      [
        "--root",
        p.dir,
        "--from-terraform",
        "infra",
        "--stack",
        "local",
        "--no-state",
        "--env-dir",
        "envs/dev",
        "--json",
      ],
      { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } },
    );
  } finally {
    delete process.env.TF_VAR_greeting;
  }
  expect({ code, err }).toEqual({ code: 0, err: "" });
  report = JSON.parse(out) as MigrationReport;
  expect(report.flows.map((f) => [f.publishedName, f.flowId, f.nameKept]).sort()).toEqual(
    TERRAFORM_NAMES.map((n) => [n, terraformIds.get(n), true]),
  );
  const main = report.flows.find((f) => f.address === "module.flows.genesyscloud_flow.main_line")!;
  expect(
    Object.fromEntries(main.substitutions.filter((s) => s.key.endsWith("_module")).map((s) => [s.key, s.value])),
  ).toEqual({ greeting_module: "Acme Greeting", hours_module: "Acme Opening Check" });
  expect(report.firstUp[0]).toContain(
    "takes the 5 flow(s) and 0 routing object(s) over in place (the ids above: no create, no delete), publishing nothing",
  );
  expect(report.firstUp.join("\n")).not.toContain("new flows of the stack");
  // What stays in Terraform and names a migrated flow is pointed at a data source finding it by the name the stack publishes.
  expect(report.handover.references.map((r) => [r.at, r.in, r.reference, r.dataSource])).toEqual([
    [
      "infra/modules/flows/main.tf:47",
      "module.flows.terraform_data.chat_audit",
      "genesyscloud_flow.chat.id",
      "data.genesyscloud_flow.chat.id",
    ],
    [
      "infra/modules/flows/outputs.tf:2",
      "module.flows.output.main_line_id",
      "genesyscloud_flow.main_line.id",
      "data.genesyscloud_flow.main_line.id",
    ],
  ]);
  expect(fs.existsSync(path.join(p.dir, report.handover.patch!))).toBe(true);
});

it("3. the first up publishes nothing and deletes nothing: it adopts every flow in place; the next up publishes nothing", async () => {
  const before = new Map([...publishedFlows(p.emulator)].map(([name, f]) => [name, `${f.id} v${f.version}`]));
  const mark = p.mark();
  expectOk(await p.up(["--skip-preview"]));
  expect(p.count("job.create", mark)).toBe(0);
  expect(p.count("flow.delete", mark)).toBe(0);
  expect(new Map([...publishedFlows(p.emulator)].map(([name, f]) => [name, `${f.id} v${f.version}`]))).toEqual(before);
  const again = p.mark();
  expectOk(await p.up(["--skip-preview"]));
  expect(p.count("job.create", again)).toBe(0);
});

it("4. with the hand-over applied, OpenTofu forgets its flows and finds the same flows by the names the stack publishes: it creates, destroys and changes nothing; then plans no change", async () => {
  const patch = spawnSync("git", ["apply", report.handover.patch!], { cwd: p.dir, encoding: "utf8" });
  expect({ status: patch.status, stderr: patch.stderr }).toEqual({ status: 0, stderr: "" });
  ok(await tofu(["plan", "-out=handover.tfplan"], vars()));
  expect(planActions((await tofu(["show", "-json", "handover.tfplan"])).out)).toEqual({
    "module.flows.genesyscloud_flow.chat": "forget",
    "module.flows.genesyscloud_flow.greeting_module": "forget",
    "module.flows.genesyscloud_flow.main_line": "forget",
    "module.flows.genesyscloud_flow.opening_check": "forget",
    "module.flows.genesyscloud_flow.support_mail": "forget",
    "module.flows.terraform_data.chat_audit": "no-op",
    "module.numbers.genesyscloud_telephony_providers_edges_did_pool.main": "no-op",
    "module.routing.genesyscloud_architect_emergencygroup.storm": "no-op",
    "module.routing.genesyscloud_architect_ivr.main": "no-op",
    "module.routing.genesyscloud_architect_schedulegroups.hours": "no-op",
    "module.routing.genesyscloud_architect_schedules.weekdays": "no-op",
  });
  const mark = p.mark();
  ok(await tofu(["apply", "handover.tfplan"]));
  expect(writesSince(p.emulator, mark).map((e) => `${e.method} ${e.operation} ${e.status}`)).toEqual([]);
  // The IVR still routes to the flow the stack now manages (the one Terraform deployed, adopted).
  const stackMain = publishedFlows(p.emulator).get("Acme Main Line")!;
  expect(p.emulator.store.routing.list("ivr")[0].fields.openHoursFlow).toBe(stackMain.id);
  ok(await tofu(["plan", "-detailed-exitcode"], vars()));
  expect([...publishedFlows(p.emulator).keys()].sort()).toEqual(TERRAFORM_NAMES);
});
