// import --from-terraform's pure core (issue 55): the configuration read through the HCL parser,
// variables per environment, the state in both formats, and every refusal located in the user's
// files. The test's own small configurations; the e2e test (test/e2e/migrateFromTerraform.test.ts)
// runs the whole migration on the emulator.
import { evaluate, readConfig, type SourceFile } from "../../import/terraform/config";
import { planMigration, stateRmCommands, type MigrationInput } from "../../import/terraform/migrate";
import { readState } from "../../import/terraform/state";
import { reportMarkdown } from "../../import/terraform/report";
import { variableFiles } from "../../tools/importTerraform";

const MODULE = `commonModule:
  name: "{{flow_name}}"
  supportedLanguages:
    en-us:
      none: true
  variables:
    - stringVariable:
        name: Common.who
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
  startUpTaskActions:
    - endTask:
        name: Exit Common Module
  settingsCommonModule:
    compatibleFlowTypes:
      - flowType: inboundcall
`;

const CALL = `inboundCall:
  name: "{{flow_name}}"
  defaultLanguage: en-us
  startUpRef: /inboundCall/tasks/task[Start]
  initialGreeting:
    tts: "{{greeting}}"
  tasks:
    - task:
        name: Start
        refId: Start
        actions:
          - callCommonModule:
              name: Greet
              commonModule:
                "{{module_name}}":
                  ver_latestPublished:
                    inputs:
                      Common.who:
                        exp: Call.Ani
                    outputs: {}
          - disconnect:
              name: Bye
`;

const VARIABLES = `variable "prefix" {
  type = string
}

variable "greeting" {
  type    = string
  default = "Hello"
}
`;

const FLOWS = `resource "genesyscloud_flow" "module" {
  filepath = "\${path.module}/archy/module.yaml"
  substitutions = {
    flow_name = "\${var.prefix}Greeting"
  }
}

resource "genesyscloud_flow" "call" {
  filepath = "./archy/call.yaml"
  substitutions = {
    flow_name   = "\${var.prefix}Main"
    greeting    = var.greeting
    module_name = genesyscloud_flow.module.name
  }
}

resource "genesyscloud_routing_queue" "support" {
  name = "Support"
}

resource "genesyscloud_telephony_providers_edges_did_pool" "numbers" {
  start_phone_number = "+13175550100"
  end_phone_number   = "+13175550199"
}
`;

function state(overrides: Record<string, Record<string, unknown>> = {}, extra: unknown[] = []): string {
  const resource = (type: string, name: string, attributes: Record<string, unknown>) => ({ mode: "managed", type, name, provider: 'provider["registry.opentofu.org/mypurecloud/genesyscloud"]', instances: [{ schema_version: 0, attributes }] });
  return JSON.stringify({
    version: 4,
    resources: [
      resource("genesyscloud_flow", "module", { id: "m-1", name: "dev-Greeting", substitutions: { flow_name: "dev-Greeting" }, ...overrides.module }),
      resource("genesyscloud_flow", "call", { id: "c-1", name: "dev-Main", substitutions: { flow_name: "dev-Main", greeting: "Hi dev", module_name: "dev-Greeting" }, ...overrides.call }),
      resource("genesyscloud_routing_queue", "support", { id: "q-1", name: "Support" }),
      resource("genesyscloud_telephony_providers_edges_did_pool", "numbers", { id: "d-1" }),
      ...extra,
    ],
  });
}

const ARCHY: Record<string, string> = { "archy/module.yaml": MODULE, "archy/call.yaml": CALL };

async function migrate(opts: { flows?: string; tfvars?: SourceFile[]; state?: string; namePrefix?: string; archy?: Record<string, string> } = {}) {
  const files = [
    { file: "variables.tf", text: VARIABLES },
    { file: "flows.tf", text: opts.flows ?? FLOWS },
  ];
  const { config, problems } = await readConfig("infra", files, opts.tfvars ?? [{ file: "dev.tfvars", text: 'prefix   = "dev-"\ngreeting = "Hi dev"\n' }]);
  const input: MigrationInput = {
    dir: "infra",
    config,
    files,
    state: readState(opts.state ?? state(), "infra/terraform.tfstate"),
    stateFile: "infra/terraform.tfstate",
    readFile: (f) => (opts.archy ?? ARCHY)[f],
    namePrefix: opts.namePrefix ?? "dev-",
    stack: "dev",
  };
  return { hcl: problems, ...planMigration(input) };
}

describe("the configuration", () => {
  it("says where HCL does not parse: file, line and column", async () => {
    const { problems } = await readConfig("infra", [{ file: "main.tf", text: 'resource "genesyscloud_flow" "x" {\n  filepath = \n}\n' }], []);
    expect(problems).toEqual([expect.stringMatching(/^infra\/main\.tf:2:\d+: Invalid expression/)]);
  });

  it("takes variables as Terraform does: default, terraform.tfvars, *.auto.tfvars, then <env>.tfvars", async () => {
    expect(variableFiles(["b.auto.tfvars", "dev.tfvars", "main.tf", "prod.tfvars", "terraform.tfvars", "a.auto.tfvars"], "dev")).toEqual(["terraform.tfvars", "a.auto.tfvars", "b.auto.tfvars", "dev.tfvars"]);
    const { config } = await readConfig("infra", [{ file: "v.tf", text: `${VARIABLES}\nlocals {\n  names = { main = "\${var.prefix}Main" }\n}\n` }], [
      { file: "terraform.tfvars", text: 'prefix = "shared-"\ngreeting = "Hi"\n' },
      { file: "dev.tfvars", text: 'prefix = "dev-"\n' },
    ]);
    expect(evaluate(config, "${local.names.main}")).toMatchObject({ ok: true, value: "dev-Main" });
    expect(evaluate(config, "${var.greeting}")).toMatchObject({ ok: true, value: "Hi", from: ["var.greeting from infra/terraform.tfvars"] });
    expect(evaluate(config, "${upper(var.prefix)}")).toMatchObject({ ok: false, why: "${upper(var.prefix)} is not a literal, a variable or a local" });
  });

  it("refuses a tfvars file that sets a variable nobody declares, at its line", async () => {
    const { problems } = await readConfig("infra", [{ file: "v.tf", text: VARIABLES }], [{ file: "dev.tfvars", text: 'prefix = "dev-"\nprefx = "x"\n' }]);
    expect(problems).toEqual(['infra/dev.tfvars:2: sets variable "prefx", which no variable block declares']);
  });
});

describe("the state", () => {
  it("reads a state file and `tofu show -json` output alike, and keeps counted or module resources apart", () => {
    const file = readState(state({}, [{ mode: "managed", type: "genesyscloud_flow", name: "many", instances: [{ index_key: 0, attributes: { id: "x" } }, { index_key: 1, attributes: { id: "y" } }] }]), "s");
    const show = readState(
      JSON.stringify({
        format_version: "1.0",
        values: {
          root_module: {
            resources: [{ address: "genesyscloud_flow.module", mode: "managed", type: "genesyscloud_flow", name: "module", values: { id: "m-1", name: "dev-Greeting" } }],
            child_modules: [{ resources: [{ address: "module.ivr.genesyscloud_architect_ivr.main", mode: "managed", type: "genesyscloud_architect_ivr", name: "main", values: { id: "i" } }] }],
          },
        },
      }),
      "show.json",
    );
    expect(file.resources.get("genesyscloud_flow.module")?.attributes.id).toBe("m-1");
    expect(file.elsewhere).toEqual(["genesyscloud_flow.many"]);
    expect(show.resources.get("genesyscloud_flow.module")?.attributes.name).toBe("dev-Greeting");
    expect(show.elsewhere).toEqual(["module.ivr.genesyscloud_architect_ivr.main"]);
    expect(() => readState("{}", "x.json")).toThrow("x.json: neither a state file of format version 4 nor `tofu show -json` output");
  });
});

describe("the migration", () => {
  it("migrates the flows with their names, per-environment values and state ids; lists what stays and the state rm commands", async () => {
    const m = await migrate();
    expect(m.problems).toEqual([]);
    expect(m.flows.map((f) => [f.address, f.publishedName, f.result.model.name, f.flowId, f.substitutions])).toEqual([
      ["genesyscloud_flow.call", "dev-Main", "Main", "c-1", { greeting: "Hi dev", module_name: "dev-Greeting" }],
      ["genesyscloud_flow.module", "dev-Greeting", "Greeting", "m-1", {}],
    ]);
    expect(m.flows[0].origins.find((o) => o.key === "greeting")).toEqual({ key: "greeting", value: "Hi dev", from: "var.greeting from infra/dev.tfvars" });
    expect(m.flows[0].origins.find((o) => o.key === "module_name")).toMatchObject({ value: "dev-Greeting", computed: "genesyscloud_flow.module.name" });
    expect(m.staying.map((s) => s.address)).toEqual(["genesyscloud_routing_queue.support", "genesyscloud_telephony_providers_edges_did_pool.numbers"]);
    expect(stateRmCommands(m)).toEqual(["terraform state rm 'genesyscloud_flow.call'", "terraform state rm 'genesyscloud_flow.module'"]);
    expect(reportMarkdown({ stack: "dev", dir: "infra", written: true, flows: [], routing: [], staying: m.staying, stateRm: stateRmCommands(m), firstUp: [], notes: [], problems: [] })).toContain("- `genesyscloud_routing_queue.support`: not a flow or a routing object");
  });

  it("refuses a file path outside the directory, at its line", async () => {
    const { problems } = await migrate({ flows: FLOWS.replace('"./archy/call.yaml"', '"../shared/call.yaml"') });
    expect(problems).toEqual(['infra/flows.tf:9: genesyscloud_flow.call: filepath "../shared/call.yaml" is outside infra: the migration reads only files of the configuration\'s directory']);
  });

  it("refuses a dynamic file path, count and for_each, each at its line", async () => {
    const dynamic = await migrate({ flows: FLOWS.replace('"./archy/call.yaml"', 'format("%s/call.yaml", var.prefix)') });
    expect(dynamic.problems).toEqual([expect.stringMatching(/^infra\/flows\.tf:9: genesyscloud_flow\.call: the file path is not a literal \(\$\{format/)]);
    const counted = await migrate({ flows: FLOWS.replace('resource "genesyscloud_flow" "call" {\n', 'resource "genesyscloud_flow" "call" {\n  count = 2\n') });
    expect(counted.problems).toEqual([expect.stringMatching(/^infra\/flows\.tf:9: genesyscloud_flow\.call uses count: /)]);
  });

  it("refuses a state that does not match the configuration", async () => {
    const other = await migrate({ state: state({ call: { substitutions: { flow_name: "dev-Main", greeting: "Hi prod", module_name: "dev-Greeting" } } }) });
    expect(other.problems).toEqual([expect.stringContaining('infra/flows.tf:10: genesyscloud_flow.call: substitution "greeting" is "Hi dev" with this environment\'s variables but "Hi prod" in the state infra/terraform.tfstate')]);
    const extra = await migrate({ state: state({}, [{ mode: "managed", type: "genesyscloud_architect_ivr", name: "gone", instances: [{ attributes: { id: "i-9" } }] }]) });
    expect(extra.problems).toEqual(["infra/terraform.tfstate: genesyscloud_architect_ivr.gone (id i-9) is in the state but not in the configuration: the state does not match it (another directory's state, or a resource removed without being applied)"]);
    const missing = await migrate({ state: JSON.stringify({ version: 4, resources: [] }) });
    expect(missing.problems).toEqual([
      "infra/flows.tf:8: genesyscloud_flow.call is in the configuration but not in the state infra/terraform.tfstate: apply it first, or give the state this configuration was applied with",
      "infra/flows.tf:1: genesyscloud_flow.module is in the configuration but not in the state infra/terraform.tfstate: apply it first, or give the state this configuration was applied with",
    ]);
  });

  it("refuses a flow whose published name lacks the stack's namePrefix (it would publish a new flow beside it)", async () => {
    const { problems } = await migrate({ namePrefix: "prod-" });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^infra\/flows\.tf:8: genesyscloud_flow\.call publishes "dev-Main", which does not start with stack "dev"'s namePrefix "prod-"/);
  });

  it("refuses a placeholder the substitutions do not give", async () => {
    const { problems } = await migrate({ archy: { ...ARCHY, "archy/call.yaml": CALL.replace("Call.Ani", '"{{who}}"') } });
    expect(problems).toEqual(["infra/flows.tf:10: genesyscloud_flow.call: infra/archy/call.yaml holds {{who}}, which its substitutions do not give: Terraform would publish the placeholder as it is"]);
  });
});

describe("the command line", () => {
  it("takes --from-terraform with --stack, and its own options only with it", async () => {
    const run = async (argv: string[]) => {
      let err = "";
      const code = await (await import("../../tools/importFlows")).main(argv, { out: { write: () => true }, err: { write: (s: string) => (err += s) } });
      return { code, first: err.split("\n")[0] };
    };
    expect(await run(["--from-terraform", "infra"])).toEqual({ code: 2, first: "flows:import: --from-terraform needs --stack: the stack the estate becomes (its Pulumi.<name>.yaml)" });
    expect(await run(["--state", "x.tfstate", "a.yaml"])).toEqual({ code: 2, first: "flows:import: --state goes with --from-terraform" });
    expect(await run(["--from-terraform", "infra", "--stack", "dev", "--prefix", "x"])).toEqual({ code: 2, first: "flows:import: --from-terraform takes --stack, --state, --env, --var-file, --json and --force only" });
  });
});
