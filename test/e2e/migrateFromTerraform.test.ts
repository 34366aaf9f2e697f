// A migration a team finishes (issue 62's acceptance), with OpenTofu, the project's provider build,
// the real engine and the emulator. The test's own estate (test/fixtures/cx-as-code-modules: the
// root calls local modules for flows and routing, one module's output feeds the other, a module
// without flows, root-relative and path.module file paths, the greeting from TF_VAR_greeting, the
// environment's values in envs/dev/terraform.tfvars, the division from a data source) is applied
// by `tofu`; on a fresh clone (the stack not in the backend, its token a secret),
// `import --from-terraform` on the root writes the stack's files, records and the hand-over patch;
// the first `up` publishes nothing; the hand-over applied, `tofu plan` forgets the migrated
// resources and creates or destroys nothing, and after its apply plans no change at all; a module
// change then republishes exactly its callers. Steps run in order.
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { main as importMain } from "../../tools/importFlows";
import { createProject, expectOk, publishedFlows, writesSince, type E2eProject } from "../../testkit/harness";
import { planActions, runTofu, tofuCliConfig, tofuEnv, tofuToolchain, type TofuToolchain } from "../../bench/terraform";
import { reportMarkdown, type MigrationReport } from "../../import/terraform/report";
import { documented } from "../../testkit/docOutputs";

jest.setTimeout(20 * 60_000);

const FIXTURE = path.resolve(__dirname, "../fixtures/cx-as-code-modules");
const GREETING = "Welcome to Acme.";
let p: E2eProject;
let tc: TofuToolchain;
let mark = 0;
let report: MigrationReport;

const writes = () => writesSince(p.emulator, mark).map((e) => `${e.method} ${e.operation} ${e.status}`);
const versions = () => new Map([...publishedFlows(p.emulator)].map(([name, f]) => [name, f.version]));

/** `tofu <args>` in the estate, as its CI runs it: TF_VAR_greeting set, the environment's variable file, the emulator as gateway. */
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

/** What the last `tofu plan` printed. */
let planText = "";

/** What `tofu plan` would do to each resource (`tofu show -json` of the saved plan). */
async function planned(): Promise<Record<string, string>> {
  const plan = await tofu(["plan", "-out=handover.tfplan"], vars());
  planText = plan.out;
  expect({ code: plan.code, out: plan.code === 0 ? "" : plan.out }).toEqual({ code: 0, out: "" });
  return planActions((await tofu(["show", "-json", "handover.tfplan"])).out);
}

beforeAll(async () => {
  tc = tofuToolchain();
  p = await createProject({ flows: {} });
  fs.cpSync(FIXTURE, path.join(p.dir, "infra"), { recursive: true });
  fs.writeFileSync(path.join(p.dir, "cli.tfrc"), tofuCliConfig(tc.providerSource, tc.providerDir));
});

afterAll(async () => {
  await p?.cleanup();
});

it("1. OpenTofu deploys the estate of local modules with the provider build", async () => {
  // Local modules are installed by `tofu get` (no registry); the provider is the toolchain's build.
  const get = await tofu(["get"]);
  expect({ code: get.code, out: get.code === 0 ? "" : get.out }).toEqual({ code: 0, out: "" });
  const apply = await tofu(["apply", "-auto-approve"], vars());
  expect({ code: apply.code, out: apply.code === 0 ? "" : apply.out }).toEqual({ code: 0, out: "" });
  expect([...publishedFlows(p.emulator).keys()].sort()).toEqual([
    "Acme Chat",
    "Acme Greeting",
    "Acme Main Line",
    "Acme Opening Check",
    "Acme Support Mail",
  ]);
  expect(p.emulator.store.routing.count()).toEqual({
    schedule: 1,
    scheduleGroup: 1,
    ivr: 1,
    emergencyGroup: 1,
    didPool: 1,
  });
});

it("2. on a fresh clone, import --from-terraform on the root creates the stack and writes the files, the records and the hand-over", async () => {
  // The stack's token as a secret, and the stack gone from the backend: a fresh clone of a repository.
  expectOk(
    await p.pulumi([
      "config",
      "set",
      "--secret",
      "--stack",
      p.stack,
      "genesys-flows:accessToken",
      p.emulator.accessToken,
    ]),
  );
  expectOk(await p.pulumi(["stack", "rm", "--preserve-config", "--yes", "--stack", p.stack]));
  let out = "";
  let err = "";
  process.env.TF_VAR_greeting = GREETING;
  let code: number;
  try {
    code = await importMain(
      ["--root", p.dir, "--from-terraform", "infra", "--stack", "local", "--env-dir", "envs/dev", "--json"],
      { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } },
    );
  } finally {
    delete process.env.TF_VAR_greeting;
  }
  expect({ code, err }).toEqual({ code: 0, err: "" });
  report = JSON.parse(out) as MigrationReport;
  expect(report.variables).toEqual([
    "the defaults in infra/variables.tf",
    "TF_VAR_greeting (environment)",
    "infra/envs/dev/terraform.tfvars (--env-dir envs/dev)",
  ]);
  // Module addresses; the names kept as Terraform published them (the stack's namePrefix is local-).
  const ids = new Map([...publishedFlows(p.emulator)].map(([name, f]) => [name, f.id]));
  expect(report.flows.map((f) => [f.address, f.file, f.publishedName, f.nameKept, f.flowId])).toEqual([
    [
      "module.flows.genesyscloud_flow.chat",
      "flows/stacks/local/acme-chat.yaml",
      "Acme Chat",
      true,
      ids.get("Acme Chat"),
    ],
    [
      "module.flows.genesyscloud_flow.greeting_module",
      "flows/stacks/local/acme-greeting.yaml",
      "Acme Greeting",
      true,
      ids.get("Acme Greeting"),
    ],
    [
      "module.flows.genesyscloud_flow.main_line",
      "flows/stacks/local/acme-main-line.yaml",
      "Acme Main Line",
      true,
      ids.get("Acme Main Line"),
    ],
    [
      "module.flows.genesyscloud_flow.opening_check",
      "flows/stacks/local/acme-opening-check.yaml",
      "Acme Opening Check",
      true,
      ids.get("Acme Opening Check"),
    ],
    [
      "module.flows.genesyscloud_flow.support_mail",
      "flows/stacks/local/acme-support-mail.yaml",
      "Acme Support Mail",
      true,
      ids.get("Acme Support Mail"),
    ],
  ]);
  const origins = Object.fromEntries(report.flows[2].substitutions.map((s) => [s.key, `${s.value} <- ${s.from}`]));
  expect(origins).toEqual({
    default_language:
      "en-us <- module.flows.var.default_language from the default in infra/modules/flows/variables.tf:14",
    division:
      "Home <- the state infra/terraform.tfstate: the configuration does not decide it (module.flows.var.division (the call at infra/main.tf:25): read from a data source when Terraform runs (data.genesyscloud_auth_division_home.home.name))",
    greeting: `${GREETING} <- module.flows.var.greeting from the call at infra/main.tf:25; var.greeting from TF_VAR_greeting`,
    greeting_module:
      "Acme Greeting <- the state infra/terraform.tfstate: the configuration does not decide it (computed from another resource (module.flows.genesyscloud_flow.greeting_module.name))",
    hours_module:
      "Acme Opening Check <- the state infra/terraform.tfstate: the configuration does not decide it (computed from another resource (module.flows.genesyscloud_flow.opening_check.name))",
  });
  expect(report.routing.map((r) => [r.address, r.file])).toEqual([
    ["module.routing.genesyscloud_architect_emergencygroup.storm", "routing/stacks/local/emergency/acme-storm.yaml"],
    ["module.routing.genesyscloud_architect_ivr.main", "routing/stacks/local/ivr/acme-main-line.yaml"],
    ["module.routing.genesyscloud_architect_schedulegroups.hours", "routing/stacks/local/hours/acme-hours.yaml"],
    ["module.routing.genesyscloud_architect_schedules.weekdays", "routing/stacks/local/schedules/acme-weekdays.yaml"],
  ]);
  // The module without flows is left to Terraform, not refused.
  expect(report.staying.map((s) => s.address)).toEqual([
    "module.flows.terraform_data.chat_audit",
    "module.numbers.genesyscloud_telephony_providers_edges_did_pool.main",
  ]);
  expect(report.notMigrated).toEqual([]);
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
    [
      "infra/modules/routing/main.tf:48",
      "module.routing.output.ivr_id",
      "genesyscloud_architect_ivr.main.id",
      "data.genesyscloud_architect_ivr.main.id",
    ],
  ]);
  expect(report.handover.stateRm[0]).toBe("terraform state rm 'module.flows.genesyscloud_flow.chat'");
  expect(fs.existsSync(path.join(p.dir, report.handover.patch!))).toBe(true);
  // docs/migrate-from-cx-as-code.md: the report as the command prints it without --json (the same report, rendered), up to what stays in Terraform; the hand-over's references.
  const markdown = reportMarkdown(report).split("\n");
  const staying = markdown.indexOf("## Staying in Terraform");
  documented(
    "migrate/report",
    markdown
      .slice(
        0,
        markdown.findIndex((l, i) => i > staying && l.startsWith("## ")),
      )
      .join("\n"),
  );
  const table = markdown.findIndex((l) => l.startsWith("| where | in | refers to"));
  documented(
    "migrate/references",
    markdown
      .slice(
        table,
        markdown.findIndex((l, i) => i > table && !l.startsWith("|")),
      )
      .join("\n"),
  );
});

it("3. the first up publishes nothing and writes no routing: it adopts every flow and object in place", async () => {
  const before = versions();
  mark = p.mark();
  expectOk(await p.up(["--skip-preview"]));
  expect(writes().filter((w) => /job\.create|routing\.(create|update|delete)|flow\.delete/.test(w))).toEqual([]);
  expect(versions()).toEqual(before);
});

it("4. with the hand-over applied, OpenTofu forgets the migrated resources and creates or destroys nothing; then plans no change", async () => {
  const patch = spawnSync("git", ["apply", report.handover.patch!], { cwd: p.dir, encoding: "utf8" });
  expect({ status: patch.status, stderr: patch.stderr }).toEqual({ status: 0, stderr: "" });
  const actions = await planned();
  expect(actions).toEqual({
    "module.flows.genesyscloud_flow.chat": "forget",
    "module.flows.genesyscloud_flow.greeting_module": "forget",
    "module.flows.genesyscloud_flow.main_line": "forget",
    "module.flows.genesyscloud_flow.opening_check": "forget",
    "module.flows.genesyscloud_flow.support_mail": "forget",
    "module.flows.terraform_data.chat_audit": "no-op",
    "module.numbers.genesyscloud_telephony_providers_edges_did_pool.main": "no-op",
    "module.routing.genesyscloud_architect_emergencygroup.storm": "forget",
    "module.routing.genesyscloud_architect_ivr.main": "forget",
    "module.routing.genesyscloud_architect_schedulegroups.hours": "forget",
    "module.routing.genesyscloud_architect_schedules.weekdays": "forget",
  });
  documented(
    "migrate/removed-blocks",
    fs.readFileSync(path.join(p.dir, "infra/modules/flows/genesys-flows-removed.tf"), "utf8"),
  );
  documented(
    "migrate/tofu-plan",
    planText
      .split("\n")
      .filter((l) => / will be removed from the OpenTofu state but will not be destroyed$|^Plan: /.test(l))
      .join("\n"),
  );
  mark = p.mark();
  const apply = await tofu(["apply", "handover.tfplan"]);
  expect({ code: apply.code, out: apply.code === 0 ? "" : apply.out }).toEqual({ code: 0, out: "" });
  expect(writes()).toEqual([]);
  const again = await tofu(["plan", "-detailed-exitcode"], vars());
  expect({ code: again.code, out: again.code === 0 ? "" : again.out }).toEqual({ code: 0, out: "" });
  expect([...publishedFlows(p.emulator).keys()].sort()).toEqual([
    "Acme Chat",
    "Acme Greeting",
    "Acme Main Line",
    "Acme Opening Check",
    "Acme Support Mail",
  ]);
});

it("5. a change to a module republishes the module and exactly its callers; Terraform still plans no change", async () => {
  const file = "flows/stacks/local/acme-greeting.yaml";
  p.write(file, p.read(file).replace('Append("Hello ", Common.who)', 'Append("Hello again ", Common.who)'));
  const before = versions();
  mark = p.mark();
  // --skip-preview: what this step checks is the update itself (preview runs the program and the pack once more, ~half an up's CPU).
  expectOk(await p.up(["--skip-preview"]));
  const after = versions();
  expect(
    [...after]
      .filter(([name, v]) => before.get(name) !== v)
      .map(([name]) => name)
      .sort(),
  ).toEqual(["Acme Chat", "Acme Greeting", "Acme Main Line", "Acme Support Mail"]);
  expect(writes().filter((w) => /routing\.(create|update|delete)|flow\.delete/.test(w))).toEqual([]);
  const plan = await tofu(["plan", "-detailed-exitcode"], vars());
  expect({ code: plan.code, out: plan.code === 0 ? "" : plan.out }).toEqual({ code: 0, out: "" });
});
