// import --from-terraform's pure core (issues 55 and 62): modules followed from the root with their
// addresses, inputs and paths as Terraform gives them; variables from each source Terraform reads,
// in its precedence; the state in both formats with module addresses; a value the configuration
// does not decide taken from the state and said so; every refusal located and no flow vanishing
// from the report; kept names; --no-state (the flows the org has under Terraform's names adopted, the
// others new and named, the org a stand-in gateway on 127.0.0.1; a module and its callers agreeing on the name the stack
// publishes); override files merged as Terraform merges them; the shipped examples still in flows/
// and an environment under envs/ not read, named in the report. The test's own small estates, in memory or in a temp
// project; the e2e test (test/e2e/migrateFromTerraform.test.ts) runs the whole migration with
// OpenTofu on the emulator, and terraformHandover.test.ts the hand-over.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import YAML from "yaml";
import { readModule, type SourceFile } from "../../import/terraform/config";
import { evaluate, readEstate, type Estate } from "../../import/terraform/estate";
import {
  autoLoadedFiles,
  environmentInputs,
  resolveVariables,
  type VariableInput,
} from "../../import/terraform/variables";
import { planMigration, type MigrationInput } from "../../import/terraform/migrate";
import { planHandover } from "../../import/terraform/handover";
import { readState } from "../../import/terraform/state";
import { reportMarkdown, type MigrationReport } from "../../import/terraform/report";
import { HANDOVER_PATCH, stackSecrets, variableInputs } from "../../import/terraform/fromTerraform";
import { main } from "../../tools/importFlows";
import { tempProject } from "../../testkit/tempProject";
import { readPortfolio } from "../../project/portfolio";

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
  division: "{{division}}"
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

/** The root: variables, a data source, a module call feeding another, a module with no flow. */
const ROOT: Record<string, string> = {
  "infra/main.tf": `data "genesyscloud_auth_division_home" "home" {}

module "flows" {
  source   = "./modules/flows"
  prefix   = var.prefix
  greeting = var.greeting
  division = data.genesyscloud_auth_division_home.home.name
}

module "routing" {
  source  = "./modules/routing"
  flow_id = module.flows.call_id
  label   = module.flows.call_label
}

module "queues" {
  source = "./modules/queues"
}

module "remote" {
  source = "git::https://example.com/shared.git"
}
`,
  "infra/variables.tf": `variable "prefix" {
  type = string
}

variable "greeting" {
  type    = string
  default = "Hello"
}

variable "numbers" {
  type    = list(string)
  default = []
}
`,
  "infra/modules/flows/main.tf": `variable "prefix" {
  type = string
}

variable "greeting" {
  type = string
}

variable "division" {
  type = string
}

locals {
  label = "\${var.prefix}Main"
}

resource "genesyscloud_flow" "module" {
  filepath = "\${path.module}/archy/module.yaml"
  substitutions = {
    flow_name = "\${var.prefix}Greeting"
  }
}

resource "genesyscloud_flow" "call" {
  filepath = "./modules/flows/archy/call.yaml"
  substitutions = {
    flow_name   = local.label
    greeting    = var.greeting
    division    = var.division
    module_name = genesyscloud_flow.module.name
  }
}

output "call_id" {
  value = genesyscloud_flow.call.id
}

output "call_label" {
  value = local.label
}
`,
  "infra/modules/routing/main.tf": `variable "flow_id" {
  type = string
}

variable "label" {
  type = string
}

resource "genesyscloud_architect_ivr" "main" {
  name               = "\${var.label} Line"
  open_hours_flow_id = var.flow_id
}
`,
  "infra/modules/queues/main.tf": `resource "genesyscloud_routing_queue" "support" {
  name = "Support"
}
`,
  "infra/modules/flows/archy/module.yaml": MODULE,
  "infra/modules/flows/archy/call.yaml": CALL,
};

function state(overrides: Record<string, Record<string, unknown>> = {}, extra: unknown[] = []): string {
  const resource = (module: string | undefined, type: string, name: string, attributes: Record<string, unknown>) => ({
    ...(module ? { module } : {}),
    mode: "managed",
    type,
    name,
    provider: 'provider["registry.opentofu.org/mypurecloud/genesyscloud"]',
    instances: [{ schema_version: 0, attributes }],
  });
  return JSON.stringify({
    version: 4,
    resources: [
      {
        mode: "data",
        type: "genesyscloud_auth_division_home",
        name: "home",
        instances: [{ attributes: { id: "d-1", name: "Home" } }],
      },
      resource("module.flows", "genesyscloud_flow", "module", {
        id: "m-1",
        name: "dev-Greeting",
        substitutions: { flow_name: "dev-Greeting" },
        ...overrides.module,
      }),
      resource("module.flows", "genesyscloud_flow", "call", {
        id: "c-1",
        name: "dev-Main",
        substitutions: { flow_name: "dev-Main", greeting: "Hi dev", division: "Home", module_name: "dev-Greeting" },
        ...overrides.call,
      }),
      resource("module.routing", "genesyscloud_architect_ivr", "main", {
        id: "i-1",
        name: "dev-Main Line",
        open_hours_flow_id: "c-1",
        dnis: [],
        ...overrides.ivr,
      }),
      resource("module.queues", "genesyscloud_routing_queue", "support", { id: "q-1", name: "Support" }),
      ...extra,
    ],
  });
}

async function estateOf(
  files: Record<string, string>,
  inputs: VariableInput[] = [
    {
      kind: "file",
      file: { file: "infra/dev.tfvars", text: 'prefix   = "dev-"\ngreeting = "Hi dev"\n' },
      why: "--var-file dev.tfvars",
    },
  ],
): Promise<Estate> {
  const readDir = (dir: string): SourceFile[] | undefined => {
    const tf = Object.keys(files).filter((f) => dirname(f) === dir && f.endsWith(".tf"));
    return tf.length === 0 && !Object.keys(files).some((f) => f.startsWith(`${dir}/`))
      ? undefined
      : tf.sort().map((file) => ({ file, text: files[file] }));
  };
  const estate = await readEstate("infra", readDir, new Map());
  estate.variables = (await resolveVariables(estate.root.config.variables, inputs)).values;
  return estate;
}

async function migrate(
  opts: { files?: Record<string, string>; state?: string | false; namePrefix?: string; noState?: boolean } = {},
) {
  const files = opts.files ?? ROOT;
  const input: MigrationInput = {
    estate: await estateOf(files),
    ...(opts.state === false
      ? {}
      : { state: readState(opts.state ?? state(), "infra/terraform.tfstate"), stateFile: "infra/terraform.tfstate" }),
    ...(opts.noState ? { noState: true } : {}),
    readFile: (f) => files[f],
    namePrefix: opts.namePrefix ?? "dev-",
    stack: "dev",
  };
  return planMigration(input);
}

describe("the configuration", () => {
  it("merges override files as Terraform does (https://developer.hashicorp.com/terraform/language/files/override): last, in lexicographical order; arguments and nested blocks replace, lifecycle and locals merge one by one", async () => {
    const base = `resource "genesyscloud_flow" "a" {
  filepath      = "a.yaml"
  substitutions = { x = "1", y = "2" }
  lifecycle {
    ignore_changes  = [filepath]
    prevent_destroy = false
  }
}

locals {
  p = "base"
  q = "kept"
}

variable "v" {
  type    = string
  default = "base"
}

output "o" {
  value = "base"
}

module "m" {
  source = "./m"
  a      = 1
  b      = 2
}
`;
    const override = `resource "genesyscloud_flow" "a" {
  substitutions = { x = "over" }
  lifecycle {
    prevent_destroy = true
  }
}

locals {
  p = "over"
}

variable "v" {
  default = "over"
}

output "o" {
  value = "over"
}

module "m" {
  b = 3
}
`;
    const { module, problems } = await readModule("infra", [
      { file: "infra/z_override.tf", text: 'resource "genesyscloud_flow" "a" {\n  filepath = "last.yaml"\n}\n' },
      { file: "infra/override.tf", text: override },
      { file: "infra/main.tf", text: base },
      { file: "infra/a_override.tf", text: 'resource "genesyscloud_flow" "a" {\n  filepath = "first.yaml"\n}\n' },
    ]);
    expect(problems).toEqual([]);
    expect(module.resources).toHaveLength(1);
    const [a] = module.resources;
    // The block stays where it is written; z_override.tf comes last; a map argument is replaced whole; lifecycle merges.
    expect({ file: a.file, line: a.line }).toEqual({ file: "infra/main.tf", line: 1 });
    expect(a.body).toEqual({
      filepath: "last.yaml",
      substitutions: { x: "over" },
      lifecycle: [{ ignore_changes: ["${filepath}"], prevent_destroy: true }],
    });
    expect(a.overrides).toEqual([
      { file: "infra/a_override.tf", line: 1 },
      { file: "infra/override.tf", line: 1 },
      { file: "infra/z_override.tf", line: 1 },
    ]);
    expect(Object.fromEntries([...module.locals].map(([k, v]) => [k, v.value]))).toEqual({ p: "over", q: "kept" });
    expect(module.variables.get("v")).toMatchObject({
      type: "string",
      default: "over",
      file: "infra/override.tf",
      line: 12,
    });
    expect(module.outputs.get("o")?.value).toBe("over");
    expect(module.modules[0]).toMatchObject({ source: "./m", body: { a: 1, b: 3 } });
    // Terraform refuses an override with nothing to override, and depends_on in one.
    const bad = await readModule("infra", [
      { file: "infra/main.tf", text: base },
      {
        file: "infra/override.tf",
        text: 'resource "genesyscloud_flow" "b" {\n  filepath = "b.yaml"\n}\n\nresource "genesyscloud_flow" "a" {\n  depends_on = [genesyscloud_flow.b]\n}\n\nlocals {\n  r = 1\n}\n',
      },
    ]);
    expect(bad.problems).toEqual([
      'infra/override.tf:1: resource "genesyscloud_flow" "b" overrides nothing: Terraform refuses an override block with no block of the same type and labels in the module\'s other files; add the block there or remove the override',
      'infra/override.tf:5: resource "genesyscloud_flow" "a": depends_on may not be used in an override block (Terraform refuses it)',
      'infra/override.tf:10: local value "r" overrides nothing: Terraform refuses an override block with no block of the same type and labels in the module\'s other files; add the block there or remove the override',
    ]);
  });

  it("says where HCL does not parse: file, line and column", async () => {
    const { problems } = await readModule("infra", [
      { file: "infra/main.tf", text: 'resource "genesyscloud_flow" "x" {\n  filepath = \n}\n' },
    ]);
    expect(problems).toEqual([expect.stringMatching(/^infra\/main\.tf:2:\d+: Invalid expression/)]);
  });

  it("follows local modules from the root with their addresses; lists remote ones; paths and module values as Terraform gives them", async () => {
    const estate = await estateOf(ROOT);
    expect(estate.instances.map((i) => [i.prefix, i.config.dir])).toEqual([
      ["", "infra"],
      ["module.flows.", "infra/modules/flows"],
      ["module.queues.", "infra/modules/queues"],
      ["module.routing.", "infra/modules/routing"],
    ]);
    expect(estate.remote).toEqual([
      { address: "module.remote", source: "git::https://example.com/shared.git", at: "infra/main.tf:20" },
    ]);
    const [, flows, , routing] = estate.instances;
    expect(evaluate(estate, flows, "${path.module}/archy/module.yaml")).toEqual({
      ok: true,
      value: "modules/flows/archy/module.yaml",
      from: [],
    });
    expect(evaluate(estate, estate.root, "${path.module}/x")).toMatchObject({ ok: true, value: "./x" });
    expect(evaluate(estate, flows, "${path.root}/x")).toMatchObject({ ok: true, value: "./x" });
    // A module input from the calling block, evaluated in the caller: one module's output feeding another.
    expect(evaluate(estate, routing, "${var.label} Line")).toEqual({
      ok: true,
      value: "dev-Main Line",
      from: [
        "module.routing.var.label from the call at infra/main.tf:10",
        "module.flows.call_label (output at infra/modules/flows/main.tf:38)",
        "module.flows.var.prefix from the call at infra/main.tf:3",
        "var.prefix from infra/dev.tfvars:1",
      ],
    });
    // What Terraform decides when it runs: a named gap, with its kind.
    expect(evaluate(estate, flows, "${var.division}")).toMatchObject({
      ok: false,
      gap: "data",
      why: "module.flows.var.division (the call at infra/main.tf:3): read from a data source when Terraform runs (data.genesyscloud_auth_division_home.home.name)",
    });
    expect(evaluate(estate, routing, "${var.flow_id}")).toMatchObject({
      ok: false,
      gap: "resource",
      reference: { address: "module.flows.genesyscloud_flow.call", attribute: "id" },
    });
    expect(evaluate(estate, flows, "${upper(var.prefix)}")).toMatchObject({ ok: false, gap: "expression" });
  });
});

describe("variables, as Terraform reads them", () => {
  const declared = async (tf: string) =>
    (await readModule("infra", [{ file: "infra/variables.tf", text: tf }])).module.variables;
  const VARS = `variable "a" {\n  default = "default"\n}\nvariable "b" {\n  default = "default"\n}\nvariable "c" {\n  default = "default"\n}\nvariable "d" {\n  default = "default"\n}\nvariable "e" {\n  default = "default"\n}\nvariable "f" {\n  default = "default"\n}\nvariable "list" {\n  type = list(string)\n}\n`;
  const file = (name: string, text: string, why = "loaded by Terraform itself"): VariableInput => ({
    kind: "file",
    file: { file: `infra/${name}`, text },
    why,
  });

  it("each source wins over the ones before it: default, TF_VAR_, terraform.tfvars, terraform.tfvars.json, *.auto.tfvars in name order, then -var-file and -var in the order given", async () => {
    const r = await resolveVariables(await declared(VARS), [
      ...environmentInputs({
        TF_VAR_b: "env",
        TF_VAR_c: "env",
        TF_VAR_d: "env",
        TF_VAR_e: "env",
        TF_VAR_f: "env",
        TF_VAR_list: '["x", "y"]',
        PATH: "/bin",
      }),
      file("terraform.tfvars", 'c = "tfvars"\nd = "tfvars"\ne = "tfvars"\nf = "tfvars"\n'),
      file("terraform.tfvars.json", '{"d": "json", "e": "json", "f": "json"}'),
      file("a.auto.tfvars", 'e = "a.auto"\nf = "a.auto"\n'),
      file("b.auto.tfvars", 'f = "b.auto"\n'),
      { kind: "var", name: "e", text: "cli" },
      file("late.tfvars", 'e = "late"\n', "--var-file late.tfvars"),
    ]);
    expect(Object.fromEntries([...r.values].map(([k, v]) => [k, [v.value, v.from]]))).toEqual({
      a: ["default", "the default in infra/variables.tf:1"],
      b: ["env", "TF_VAR_b"],
      c: ["tfvars", "infra/terraform.tfvars:1"],
      d: ["json", "infra/terraform.tfvars.json:1"],
      e: ["late", "infra/late.tfvars:1"],
      f: ["b.auto", "infra/b.auto.tfvars:1"],
      list: [["x", "y"], "TF_VAR_list"],
    });
    expect(r.sources[0]).toBe("the defaults in infra/variables.tf");
    expect(r.sources.slice(-2)).toEqual(["--var e=... (command line)", "infra/late.tfvars (--var-file late.tfvars)"]);
    expect(
      autoLoadedFiles([
        "b.auto.tfvars",
        "dev.tfvars",
        "main.tf",
        "terraform.tfvars.json",
        "terraform.tfvars",
        "a.auto.tfvars.json",
      ]),
    ).toEqual(["terraform.tfvars", "terraform.tfvars.json", "a.auto.tfvars.json", "b.auto.tfvars"]);
  });

  it("a file's undeclared variable is a note, as Terraform warns; -var of one is refused; TF_VAR_ of one is ignored", async () => {
    const r = await resolveVariables(await declared(VARS), [
      ...environmentInputs({ TF_VAR_nobody: "x" }),
      file("dev.tfvars", 'a = "dev"\nprefx = "x"\n', "--var-file dev.tfvars"),
      { kind: "var", name: "nope", text: "x" },
    ]);
    expect(r.notes).toEqual([
      'infra/dev.tfvars:2: sets variable "prefx", which no variable block declares: Terraform warns and ignores it',
    ]);
    expect(r.problems).toEqual(['--var nope=...: no variable block declares "nope" (Terraform refuses it too)']);
    expect(r.values.has("nobody")).toBe(false);
  });

  describe("the files of a Terraform directory", () => {
    let root: string;
    beforeEach(() => {
      root = tempProject({
        "infra/main.tf": 'variable "a" {}\n',
        "infra/terraform.tfvars": 'a = "auto"\n',
        "infra/dev.tfvars": 'a = "env file"\n',
        "infra/envs/dev/terraform.tfvars": 'a = "env dir"\n',
        "infra/extra/late.tfvars": 'a = "late"\n',
      });
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));
    const options = (
      variables: Array<{ kind: "var-file" | "var"; value: string }>,
      more: { envDir?: string } = {},
    ) => ({ dir: "infra", stack: "dev", variables, force: false, json: false, environment: {}, ...more });

    it("reads --var-file relative to the Terraform directory, in order with --var; envs/<env> and <env>.tfvars as the environment's files", () => {
      const r = variableInputs(
        root,
        "infra",
        options([
          { kind: "var", value: "a=cli" },
          { kind: "var-file", value: "extra/late.tfvars" },
        ]),
        "dev",
      );
      expect(r.problems).toEqual([]);
      expect(r.inputs.map((i) => (i.kind === "file" ? `${i.file.file} (${i.why})` : `${i.kind} ${i.name}`))).toEqual([
        "infra/terraform.tfvars (loaded by Terraform itself)",
        "infra/dev.tfvars (the environment's variable file, --env dev)",
        "infra/envs/dev/terraform.tfvars (the environment's directory, envs/dev)",
        "var a",
        "infra/extra/late.tfvars (--var-file extra/late.tfvars)",
      ]);
    });

    it("names a variable file that does not exist, where it looked (no stack trace)", () => {
      const r = variableInputs(
        root,
        "infra",
        options([{ kind: "var-file", value: "infra/dev.tfvars" }], { envDir: "envs/prod" }),
        "dev",
      );
      expect(r.problems).toEqual([
        "--env-dir envs/prod: infra/envs/prod does not exist (relative to the Terraform directory infra)",
        "--var-file infra/dev.tfvars: infra/infra/dev.tfvars does not exist (variable files are read relative to the Terraform directory infra, as Terraform reads -var-file)",
      ]);
    });
  });
});

describe("the state", () => {
  it("reads a state file and `tofu show -json` output alike, with module addresses; counted instances kept apart", () => {
    const file = readState(
      state({}, [
        {
          module: 'module.many["a"]',
          mode: "managed",
          type: "genesyscloud_flow",
          name: "x",
          instances: [{ attributes: { id: "x" } }],
        },
        {
          mode: "managed",
          type: "genesyscloud_flow",
          name: "n",
          instances: [{ index_key: 0, attributes: { id: "y" } }],
        },
      ]),
      "s",
    );
    expect([...file.resources.keys()]).toEqual([
      "module.flows.genesyscloud_flow.module",
      "module.flows.genesyscloud_flow.call",
      "module.routing.genesyscloud_architect_ivr.main",
      "module.queues.genesyscloud_routing_queue.support",
    ]);
    expect(file.elsewhere).toEqual(["genesyscloud_flow.n", "module.many.genesyscloud_flow.x"]);
    const show = readState(
      JSON.stringify({
        format_version: "1.0",
        values: {
          root_module: {
            resources: [
              {
                address: "genesyscloud_flow.module",
                mode: "managed",
                type: "genesyscloud_flow",
                name: "module",
                values: { id: "m-1", name: "dev-Greeting" },
              },
            ],
            child_modules: [
              {
                address: "module.ivr",
                resources: [
                  {
                    address: "module.ivr.genesyscloud_architect_ivr.main",
                    mode: "managed",
                    type: "genesyscloud_architect_ivr",
                    name: "main",
                    values: { id: "i" },
                  },
                ],
              },
            ],
          },
        },
      }),
      "show.json",
    );
    expect([...show.resources.keys()]).toEqual([
      "genesyscloud_flow.module",
      "module.ivr.genesyscloud_architect_ivr.main",
    ]);
    expect(() => readState("{}", "x.json")).toThrow(
      "x.json: neither a state file of format version 4 nor `tofu show -json` output",
    );
  });
});

describe("the migration", () => {
  it("migrates flows and routing of local modules at their addresses; each substitution says where its value came from, the state's when the configuration does not decide it", async () => {
    const m = await migrate();
    expect(m.problems).toEqual([]);
    expect(
      m.flows.map((f) => [f.address, f.source, f.publishedName, f.result.model.name, f.flowId, f.substitutions]),
    ).toEqual([
      [
        "module.flows.genesyscloud_flow.call",
        "infra/modules/flows/archy/call.yaml",
        "dev-Main",
        "Main",
        "c-1",
        { greeting: "Hi dev", division: "Home", module_name: "dev-Greeting" },
      ],
      [
        "module.flows.genesyscloud_flow.module",
        "infra/modules/flows/archy/module.yaml",
        "dev-Greeting",
        "Greeting",
        "m-1",
        {},
      ],
    ]);
    expect(Object.fromEntries(m.flows[0].origins.map((o) => [o.key, o.from]))).toEqual({
      flow_name: "module.flows.var.prefix from the call at infra/main.tf:3; var.prefix from infra/dev.tfvars:1",
      greeting: "module.flows.var.greeting from the call at infra/main.tf:3; var.greeting from infra/dev.tfvars:2",
      division:
        "the state infra/terraform.tfstate: the configuration does not decide it (module.flows.var.division (the call at infra/main.tf:3): read from a data source when Terraform runs (data.genesyscloud_auth_division_home.home.name))",
      module_name:
        "the state infra/terraform.tfstate: the configuration does not decide it (computed from another resource (module.flows.genesyscloud_flow.module.name))",
    });
    expect(m.routing.map((r) => [r.address, r.object.id, r.nameExpression])).toEqual([
      ["module.routing.genesyscloud_architect_ivr.main", "i-1", '"${var.label} Line"'],
    ]);
    // A module with no flow is not refused: its resources stay. A remote module's are named, not read.
    expect(m.staying).toEqual([
      {
        address: "module.queues.genesyscloud_routing_queue.support",
        why: expect.stringMatching(/^not a flow or a routing object/),
      },
    ]);
    expect(m.notMigrated).toEqual([]);
  });

  it("a literal says where it is written", async () => {
    const files = {
      ...ROOT,
      "infra/modules/flows/main.tf": ROOT["infra/modules/flows/main.tf"].replace(
        "greeting    = var.greeting",
        'greeting    = "Hi dev"',
      ),
    };
    const m = await migrate({ files });
    expect(m.flows[0].origins.find((o) => o.key === "greeting")?.from).toBe(
      "a literal at infra/modules/flows/main.tf:28",
    );
  });

  it("keeps a published name the stack's prefix does not start (the stack records it), and strips one it does", async () => {
    const m = await migrate({ namePrefix: "prod-" });
    expect(m.problems).toEqual([]);
    expect(m.flows.map((f) => [f.publishedName, f.keptName, f.result.model.name])).toEqual([
      ["dev-Main", "dev-Main", "dev-Main"],
      ["dev-Greeting", "dev-Greeting", "dev-Greeting"],
    ]);
  });

  it("refuses what does not hold together at its file and line, and lists the flow as not migrated: nothing vanishes", async () => {
    const other = await migrate({
      state: state({
        call: {
          substitutions: { flow_name: "dev-Main", greeting: "Hi prod", division: "Home", module_name: "dev-Greeting" },
        },
      }),
    });
    expect(other.problems).toEqual([
      expect.stringContaining(
        'infra/modules/flows/main.tf:28: module.flows.genesyscloud_flow.call: substitution "greeting" is "Hi dev" with these variables but "Hi prod" in the state infra/terraform.tfstate',
      ),
    ]);
    expect(other.notMigrated.map((n) => n.address)).toEqual(["module.flows.genesyscloud_flow.call"]);
    const counted = await migrate({
      files: {
        ...ROOT,
        "infra/main.tf": ROOT["infra/main.tf"].replace(
          'source  = "./modules/routing"',
          'source  = "./modules/routing"\n  count   = 1',
        ),
      },
    });
    expect(counted.problems).toEqual([
      expect.stringMatching(
        /^infra\/modules\/routing\/main\.tf:9: module\.routing\.genesyscloud_architect_ivr\.main: is in a module called with count/,
      ),
    ]);
    expect(counted.notMigrated.map((n) => n.address)).toEqual(["module.routing.genesyscloud_architect_ivr.main"]);
    const missing = await migrate({ state: JSON.stringify({ version: 4, resources: [] }) });
    expect(missing.problems).toContain(
      "infra/modules/flows/main.tf:24: module.flows.genesyscloud_flow.call: is in the configuration but not in the state infra/terraform.tfstate: apply it first, or give the state this configuration was applied with",
    );
    expect(missing.notMigrated).toHaveLength(3);
    const gone = await migrate({
      state: state({}, [
        {
          module: "module.flows",
          mode: "managed",
          type: "genesyscloud_flow",
          name: "old",
          instances: [{ attributes: { id: "o-1" } }],
        },
      ]),
    });
    expect(gone.problems).toEqual([
      "infra/terraform.tfstate: module.flows.genesyscloud_flow.old (id o-1) is in the state but not in the configuration: the state does not match it (another directory's state, or a resource removed without being applied)",
    ]);
  });

  it("refuses a file outside the repository, and a value nobody gives (naming what is missing)", async () => {
    const outside = await migrate({
      files: {
        ...ROOT,
        "infra/modules/flows/main.tf": ROOT["infra/modules/flows/main.tf"].replace(
          '"./modules/flows/archy/call.yaml"',
          '"../../elsewhere/call.yaml"',
        ),
      },
    });
    expect(outside.problems).toEqual([
      'infra/modules/flows/main.tf:25: module.flows.genesyscloud_flow.call: filepath "../../elsewhere/call.yaml" (from infra, where Terraform runs) is outside the repository: the migration reads only the repository\'s files',
    ]);
    const none = await migrate({ noState: true, state: false });
    // (A module's name computed from its resource is the name the stack publishes it under: not refused, below.)
    expect(none.problems).toEqual([
      expect.stringContaining(
        'infra/modules/flows/main.tf:29: module.flows.genesyscloud_flow.call: substitution "division": module.flows.var.division (the call at infra/main.tf:3): read from a data source when Terraform runs (data.genesyscloud_auth_division_home.home.name), and there is no state to take it from',
      ),
    ]);
  });

  it("--no-state keeps a module and its callers agreeing: a caller's module name computed from the module's resource is the name the stack publishes the module under", async () => {
    const files = {
      ...ROOT,
      "infra/modules/flows/main.tf": ROOT["infra/modules/flows/main.tf"].replace("division    = var.division\n", ""),
    };
    const archy: Record<string, string> = {
      ...files,
      "infra/modules/flows/archy/call.yaml": CALL.replace('  division: "{{division}}"\n', ""),
    };
    // Terraform's names are "Acme ..."; the stack's namePrefix is dev-: the stack publishes dev-Acme ...
    const input: MigrationInput = {
      estate: await estateOf(archy, [{ kind: "var", name: "prefix", text: "Acme " }]),
      noState: true,
      readFile: (f) => archy[f],
      namePrefix: "dev-",
      stack: "dev",
    };
    const m = planMigration(input);
    expect(m.problems).toEqual([]);
    expect(m.flows.map((f) => [f.address, f.publishedName])).toEqual([
      ["module.flows.genesyscloud_flow.call", "dev-Acme Main"],
      ["module.flows.genesyscloud_flow.module", "dev-Acme Greeting"],
    ]);
    const call = m.flows[0];
    expect(call.substitutions.module_name).toBe("dev-Acme Greeting");
    expect(call.origins.find((o) => o.key === "module_name")).toEqual({
      key: "module_name",
      value: "dev-Acme Greeting",
      from: 'the name stack "dev" publishes module.flows.genesyscloud_flow.module under (--no-state: a new flow of the stack too)',
    });
    // The hand-over's data source looks up the name the stack publishes, not Terraform's.
    const h = await planHandover(m.flows, m.routing, "dev", input.estate.instances);
    expect(h.problems).toEqual([]);
    expect(h.patch).toContain(
      '+  name = "dev-Acme Main" # the name stack "dev" publishes it under (--no-state: a new flow, under the stack\'s namePrefix), not the configuration\'s "Acme Main"',
    );
    expect(h.references.find((r) => r.reference === "genesyscloud_flow.call.id")?.dataSource).toBe(
      "data.genesyscloud_flow.call.id",
    );
    // A caller naming a module that is not migrated is refused with it, never left naming a flow nothing publishes.
    const counted: Record<string, string> = {
      ...archy,
      "infra/modules/flows/main.tf": archy["infra/modules/flows/main.tf"].replace(
        'resource "genesyscloud_flow" "module" {\n',
        'resource "genesyscloud_flow" "module" {\n  count = 1\n',
      ),
    };
    const refused = planMigration({
      ...input,
      estate: await estateOf(counted, [{ kind: "var", name: "prefix", text: "Acme " }]),
      readFile: (f) => counted[f],
    });
    expect(refused.flows).toEqual([]);
    expect(refused.notMigrated.map((n) => n.address)).toEqual([
      "module.flows.genesyscloud_flow.call",
      "module.flows.genesyscloud_flow.module",
      "module.routing.genesyscloud_architect_ivr.main",
    ]);
    expect(refused.problems).toContainEqual(
      expect.stringMatching(
        /^infra\/modules\/flows\/main\.tf:\d+: module\.flows\.genesyscloud_flow\.call: substitution "module_name" is the name of module\.flows\.genesyscloud_flow\.module, which is not migrated/,
      ),
    );
  });

  it("--no-state adopts a flow the org has under its Terraform name (found) as the state would: its id, its kept name, the name its callers call; a flow not found stays new", async () => {
    const files = {
      ...ROOT,
      "infra/modules/flows/main.tf": ROOT["infra/modules/flows/main.tf"].replace("division    = var.division\n", ""),
    };
    const archy: Record<string, string> = {
      ...files,
      "infra/modules/flows/archy/call.yaml": CALL.replace('  division: "{{division}}"\n', ""),
    };
    const estate = await estateOf(archy, [{ kind: "var", name: "prefix", text: "Acme " }]);
    const m = planMigration({
      estate,
      noState: true,
      found: new Map([["module.flows.genesyscloud_flow.module", "g-1"]]),
      readFile: (f) => archy[f],
      namePrefix: "dev-",
      stack: "dev",
    });
    expect(m.problems).toEqual([]);
    expect(m.flows.map((f) => [f.address, f.flowId, f.publishedName, f.keptName, f.terraformName])).toEqual([
      ["module.flows.genesyscloud_flow.call", undefined, "dev-Acme Main", undefined, "Acme Main"],
      ["module.flows.genesyscloud_flow.module", "g-1", "Acme Greeting", "Acme Greeting", "Acme Greeting"],
    ]);
    expect(m.flows[0].origins.find((o) => o.key === "module_name")).toEqual({
      key: "module_name",
      value: "Acme Greeting",
      from: 'the name stack "dev" publishes module.flows.genesyscloud_flow.module under (--no-state: the org\'s flow of that name, adopted)',
    });
    // As with the state: the adopted flow's data source takes the name as the configuration writes it.
    expect(m.flows[1].nameExpression).toBe('"${var.prefix}Greeting"');
  });

  it("--no-state converts the flows into new ones (no Genesys id); routing objects stay, since adopting them needs the state", async () => {
    const files = {
      ...ROOT,
      "infra/modules/flows/main.tf": ROOT["infra/modules/flows/main.tf"]
        .replace("division    = var.division\n", "")
        .replace("module_name = genesyscloud_flow.module.name", 'module_name = "dev-Greeting"'),
    };
    const archy = { ...files, "infra/modules/flows/archy/call.yaml": CALL.replace('  division: "{{division}}"\n', "") };
    const m = await migrate({ files: archy, noState: true, state: false });
    expect(m.problems).toEqual([]);
    expect(m.flows.map((f) => [f.address, f.flowId, f.publishedName, f.keptName])).toEqual([
      ["module.flows.genesyscloud_flow.call", undefined, "dev-Main", undefined],
      ["module.flows.genesyscloud_flow.module", undefined, "dev-Greeting", undefined],
    ]);
    expect(m.notMigrated).toEqual([
      {
        address: "module.routing.genesyscloud_architect_ivr.main",
        why: expect.stringMatching(/^--no-state converts flows only/),
      },
    ]);
  });
});

describe("the report", () => {
  const base: MigrationReport = {
    stack: "dev",
    dir: "infra",
    state: "infra/terraform.tfstate",
    noState: false,
    written: true,
    variables: ["the defaults in infra/variables.tf", "TF_VAR_greeting (environment)"],
    flows: [
      {
        address: "module.flows.genesyscloud_flow.call",
        file: "flows/stacks/dev/main.yaml",
        source: "infra/modules/flows/archy/call.yaml",
        flowId: "c-1",
        publishedName: "Main",
        nameKept: true,
        substitutions: [{ key: "greeting", value: "Hi", from: "var.greeting from TF_VAR_greeting" }],
        raw: [{ at: "infra/modules/flows/archy/call.yaml:12", action: "setScreenPop", reason: "no node type for it" }],
      },
    ],
    routing: [],
    notMigrated: [{ address: "module.flows.genesyscloud_flow.x", why: "uses count" }],
    staying: [],
    handover: {
      patch: "infra/genesys-flows-handover.patch",
      files: ["infra/modules/flows/main.tf"],
      removed: ["module.flows.genesyscloud_flow.call"],
      references: [],
      stateRm: ["terraform state rm 'module.flows.genesyscloud_flow.call'"],
    },
    review: "genesys-flows diff --base HEAD --stack dev",
    firstUp: ["`genesys-flows up --stack dev` takes the 1 flow(s) ..."],
    notes: [],
    problems: [],
  };

  it("says where each value came from, what stays raw and why, what is not migrated, the hand-over and the review command", () => {
    const md = reportMarkdown(base);
    expect(md).toContain("- TF_VAR_greeting (environment)");
    expect(md).toContain(
      "| `module.flows.genesyscloud_flow.call` | `flows/stacks/dev/main.yaml` | Main (kept: `name` in the stack file) | `c-1` (adopted) |",
    );
    expect(md).toContain(
      '- `module.flows.genesyscloud_flow.call` `{{greeting}}` = "Hi": var.greeting from TF_VAR_greeting',
    );
    expect(md).toContain(
      "- `infra/modules/flows/archy/call.yaml:12` `setScreenPop` (`module.flows.genesyscloud_flow.call`): no node type for it",
    );
    expect(md).toContain("- `module.flows.genesyscloud_flow.x`: uses count");
    expect(md).toContain("git apply infra/genesys-flows-handover.patch && rm infra/genesys-flows-handover.patch");
    expect(md).toContain("terraform state rm 'module.flows.genesyscloud_flow.call'");
    expect(md).toContain("The review of the change: `genesys-flows diff --base HEAD --stack dev`.");
  });

  it("a refused run claims nothing: no first up, no patch to apply", () => {
    const md = reportMarkdown({
      ...base,
      written: false,
      problems: ["x"],
      handover: { ...base.handover, patch: undefined as never },
    });
    expect(md).toContain("Nothing was written");
    expect(md).not.toContain("## Review, then the first up");
    expect(md).not.toContain("takes the 1 flow(s)");
    expect(md).not.toContain("git apply");
  });

  it("marks flows converted without a state as new, not adopted", () => {
    const md = reportMarkdown({
      ...base,
      noState: true,
      state: undefined as never,
      flows: [{ ...base.flows[0], flowId: undefined as never, nameKept: false }],
    });
    expect(md).toContain(
      "without a state (--no-state: the flows the org has under Terraform's names adopted, the others new flows of the stack)",
    );
    expect(md).toContain("| Main | new: not adopted |");
  });
});

describe("the command line", () => {
  const run = async (argv: string[]) => {
    let out = "";
    let err = "";
    const code = await main(argv, {
      out: { write: (s: string) => (out += s) },
      err: { write: (s: string) => (err += s) },
    });
    return { code, out, err, first: err.split("\n")[0] };
  };

  it("takes --from-terraform with --stack, and its own options only with it", async () => {
    expect((await run(["--from-terraform", "infra"])).first).toBe(
      "flows:import: --from-terraform needs --stack: the stack the estate becomes (its Pulumi.<name>.yaml)",
    );
    expect((await run(["--state", "x.tfstate", "a.yaml"])).first).toBe(
      "flows:import: --state goes with --from-terraform",
    );
    expect((await run(["--var", "a=b", "a.yaml"])).first).toBe("flows:import: --var goes with --from-terraform");
    expect((await run(["--from-terraform", "infra", "--stack", "dev", "--prefix", "x"])).first).toBe(
      "flows:import: --from-terraform takes --stack, --state, --no-state, --env, --env-dir, --var-file, --var, --json and --force only",
    );
  });

  describe("on a project", () => {
    let root: string;
    // The stack's org: a gateway on 127.0.0.1 answering GET /api/v2/flows?name=&type= from `org`, or not at all (`down`).
    let org: Array<{ id: string; name: string; type: string }> = [];
    let down = false;
    let server: Server;
    beforeAll(async () => {
      server = createServer((req, res) => {
        if (down) return void req.socket.destroy();
        const q = new URL(req.url!, "http://org").searchParams;
        const entities = org.filter(
          (f) => f.name.toLowerCase().includes(q.get("name")!.toLowerCase()) && f.type.toLowerCase() === q.get("type"),
        );
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ entities, pageCount: 1 }));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const stackFile = () =>
      `config:\n  genesys-flows:environment: dev\n  genesys-flows:namePrefix: dev-\n  genesys-flows:accessToken: t\n  genesys-flows:provider:\n    gateway:\n      protocol: http\n      host: 127.0.0.1\n      port: "${(server.address() as AddressInfo).port}"\n`;
    beforeEach(() => {
      org = [];
      down = false;
      const files = {
        ...ROOT,
        "infra/modules/flows/main.tf": ROOT["infra/modules/flows/main.tf"]
          .replace("division    = var.division\n", "")
          .replace("module_name = genesyscloud_flow.module.name", 'module_name = "dev-Greeting"'),
      };
      // A wrap-up code the model has no node type for: it stays a raw archy node, and the report says where and why.
      const call = CALL.replace('  division: "{{division}}"\n', "").replace(
        "          - disconnect:\n",
        "          - setWrapupCode:\n              name: Tag\n          - disconnect:\n",
      );
      root = tempProject({
        ...files,
        "infra/modules/flows/archy/call.yaml": call,
        "infra/envs/dev/terraform.tfvars": 'prefix = "dev-"\n',
        "Pulumi.dev.yaml": stackFile(),
      });
      mkdirSync(join(root, "flows"), { recursive: true });
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it("--no-state writes new flows of the stack and the hand-over patch, with paths relative to the repository; TF_VAR_ read from the environment", async () => {
      process.env.TF_VAR_greeting = "Hi from CI";
      let r: Awaited<ReturnType<typeof run>>;
      try {
        r = await run(["--root", root, "--from-terraform", "infra", "--stack", "dev", "--no-state", "--json"]);
      } finally {
        delete process.env.TF_VAR_greeting;
      }
      expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: "" });
      const report = JSON.parse(r.out) as MigrationReport;
      expect(report.variables).toEqual([
        "the defaults in infra/variables.tf",
        "TF_VAR_greeting (environment)",
        "infra/envs/dev/terraform.tfvars (the environment's directory, envs/dev)",
      ]);
      expect(report.flows.map((f) => [f.address, f.file, f.flowId, f.publishedName])).toEqual([
        ["module.flows.genesyscloud_flow.call", "flows/stacks/dev/main.yaml", undefined, "dev-Main"],
        ["module.flows.genesyscloud_flow.module", "flows/stacks/dev/greeting.yaml", undefined, "dev-Greeting"],
      ]);
      expect(report.flows[0].raw).toEqual([
        { at: "infra/modules/flows/archy/call.yaml:21", action: "setWrapupCode", reason: expect.any(String) },
      ]);
      expect(report.flows[0].raw[0].reason).not.toBe("");
      expect(report.flows[0].substitutions.find((s) => s.key === "greeting")).toEqual({
        key: "greeting",
        value: "Hi from CI",
        from: "module.flows.var.greeting from the call at infra/main.tf:3; var.greeting from TF_VAR_greeting",
      });
      expect(readFileSync(join(root, "flows/stacks/dev/main.yaml"), "utf8").split("\n")[1]).toBe(
        "# Imported by genesys-flows from infra/modules/flows/archy/call.yaml (module.flows.genesyscloud_flow.call).",
      );
      const config = YAML.parse(readFileSync(join(root, "Pulumi.dev.yaml"), "utf8")).config;
      expect(config["genesys-flows:flows"]).toEqual({
        "stacks/dev/main": { substitutions: { greeting: "Hi from CI", module_name: "dev-Greeting" } },
      });
      expect(report.handover.patch).toBe(`infra/${HANDOVER_PATCH}`);
      expect(readFileSync(join(root, "infra", HANDOVER_PATCH), "utf8")).toContain(
        "+++ b/infra/modules/flows/genesys-flows-removed.tf",
      );
      expect(report.firstUp.join("\n")).toContain(
        '2 flow(s) are new flows of the stack (--no-state: the org does not have each once under Terraform\'s name and type: module.flows.genesyscloud_flow.call ("dev-Main": no INBOUNDCALL flow of that name in the org); module.flows.genesyscloud_flow.module ("dev-Greeting": no COMMONMODULE flow of that name in the org))',
      );
    });

    it("--no-state on an estate whose callers name the module by its resource: the stack plans, the caller calling the module the stack publishes", async () => {
      writeFileSync(
        join(root, "infra/modules/flows/main.tf"),
        ROOT["infra/modules/flows/main.tf"].replace("division    = var.division\n", ""),
      );
      writeFileSync(join(root, "infra/envs/dev/terraform.tfvars"), 'prefix = "Acme "\n');
      const r = await run(["--root", root, "--from-terraform", "infra", "--stack", "dev", "--no-state", "--json"]);
      expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: "" });
      const report = JSON.parse(r.out) as MigrationReport;
      expect(report.flows.map((f) => [f.file, f.publishedName])).toEqual([
        ["flows/stacks/dev/acme-main.yaml", "dev-Acme Main"],
        ["flows/stacks/dev/acme-greeting.yaml", "dev-Acme Greeting"],
      ]);
      // What the first up plans: the module under the name its caller calls, the caller wired to it (it republishes with it).
      const portfolio = readPortfolio(root, "dev");
      const byId = new Map(portfolio.flows.map((f) => [f.id, f]));
      expect(byId.get("stacks/dev/acme-greeting")?.publishedName).toBe("dev-Acme Greeting");
      expect(byId.get("stacks/dev/acme-main")?.calls).toEqual(["stacks/dev/acme-greeting"]);
      expect(readFileSync(join(root, "infra", HANDOVER_PATCH), "utf8")).toContain(
        '+  name = "dev-Acme Main" # the name stack "dev" publishes it under',
      );
    });

    it("--no-state adopts the flow the org has once under its Terraform name and type, as the state would; one it has not, or twice, stays a new flow, named in the report", async () => {
      writeFileSync(
        join(root, "infra/modules/flows/main.tf"),
        ROOT["infra/modules/flows/main.tf"].replace("division    = var.division\n", ""),
      );
      writeFileSync(join(root, "infra/envs/dev/terraform.tfvars"), 'prefix = "Acme "\n');
      // Names compare as Genesys compares them; a flow of the name but another type is not the one.
      org = [
        { id: "g-1", name: "acme greeting", type: "COMMONMODULE" },
        { id: "e-1", name: "Acme Main", type: "INBOUNDEMAIL" },
      ];
      const r = await run(["--root", root, "--from-terraform", "infra", "--stack", "dev", "--no-state", "--json"]);
      expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: "" });
      const report = JSON.parse(r.out) as MigrationReport;
      expect(report.flows.map((f) => [f.address, f.flowId, f.publishedName, f.nameKept])).toEqual([
        ["module.flows.genesyscloud_flow.call", undefined, "dev-Acme Main", false],
        ["module.flows.genesyscloud_flow.module", "g-1", "Acme Greeting", true],
      ]);
      expect(report.firstUp[0]).toContain(
        "takes the 1 flow(s) and 0 routing object(s) over in place (the ids above: no create, no delete), publishing nothing",
      );
      expect(report.firstUp[1]).toMatch(
        /^1 flow\(s\) are new flows of the stack \(--no-state: the org does not have each once under Terraform's name and type: module\.flows\.genesyscloud_flow\.call \("Acme Main": no INBOUNDCALL flow of that name in the org\)\)/,
      );
      // Recorded as the with-state path records an adoption: the id, the kept name, the adopted revision; the caller calls the kept name.
      const flows = YAML.parse(readFileSync(join(root, "Pulumi.dev.yaml"), "utf8")).config["genesys-flows:flows"];
      expect(flows["stacks/dev/acme-greeting"]).toEqual({
        adopt: "g-1",
        adoptedRevision: expect.stringMatching(/^[0-9a-f]{64}$/),
        name: "Acme Greeting",
      });
      expect(flows["stacks/dev/acme-main"].substitutions.module_name).toBe("Acme Greeting");
      expect(readPortfolio(root, "dev").flows.find((f) => f.id === "stacks/dev/acme-main")?.calls).toEqual([
        "stacks/dev/acme-greeting",
      ]);
      // Twice in the org: which one Terraform deployed is unknown without the state.
      rmSync(join(root, "flows/stacks"), { recursive: true, force: true });
      writeFileSync(join(root, "Pulumi.dev.yaml"), stackFile());
      org.push({ id: "g-2", name: "Acme Greeting", type: "COMMONMODULE" });
      const twice = JSON.parse(
        (await run(["--root", root, "--from-terraform", "infra", "--stack", "dev", "--no-state", "--json"])).out,
      ) as MigrationReport;
      expect(twice.flows.map((f) => f.flowId)).toEqual([undefined, undefined]);
      expect(twice.firstUp.join("\n")).toContain(
        'module.flows.genesyscloud_flow.module ("Acme Greeting": 2 COMMONMODULE flows of that name in the org, g-1, g-2)',
      );
    });

    it("--no-state with the org out of reach: refused, naming the org and the option", async () => {
      down = true;
      const r = await run(["--root", root, "--from-terraform", "infra", "--stack", "dev", "--no-state"]);
      expect(r.code).toBe(1);
      expect(r.err).toContain(
        `cannot reach the org of stack dev (gateway http://127.0.0.1:${(server.address() as AddressInfo).port} (genesys-flows:provider.gateway in Pulumi.dev.yaml)) to look up the flows Terraform deployed by their names (--no-state): GET /api/v2/flows`,
      );
      expect(existsSync(join(root, "flows/stacks/dev"))).toBe(false);
    });

    it("names the project's shipped example flows still in flows/ and the command that removes them", async () => {
      // A shipped example's path (project/shippedExamples.json), with the test's own content.
      mkdirSync(join(root, "flows/calls"), { recursive: true });
      writeFileSync(
        join(root, "flows/calls/sales.yaml"),
        "kind: inboundCall\nname: Sales\nstart: Bye\nnodes:\n  Bye:\n    type: disconnect\n",
      );
      const json = await run([
        "--root",
        root,
        "--from-terraform",
        "infra",
        "--stack",
        "dev",
        "--no-state",
        "--json",
        "--force",
      ]);
      expect(json.code).toBe(0);
      expect((JSON.parse(json.out) as MigrationReport).examples).toEqual({
        flows: ["flows/calls/sales.yaml"],
        remove: "git rm -q flows/calls/sales.yaml",
      });
      rmSync(join(root, "flows/stacks"), { recursive: true, force: true });
      const md = await run(["--root", root, "--from-terraform", "infra", "--stack", "dev", "--no-state", "--force"]);
      expect(md.out).toContain(
        "## The project's example flows\n\nflows/ still holds 1 of the example flows the project ships: `flows/calls/sales.yaml`. Stack dev deploys them beside the migrated flows",
      );
      expect(md.out).toContain("```sh\ngit rm -q flows/calls/sales.yaml\n```");
    });

    it("without --env, says which environments under envs/ were not read and how to read them", async () => {
      rmSync(join(root, "infra/envs/dev"), { recursive: true });
      mkdirSync(join(root, "infra/envs/prod"), { recursive: true });
      writeFileSync(join(root, "infra/envs/prod/terraform.tfvars"), 'prefix = "dev-"\n');
      const hinted = await run([
        "--root",
        root,
        "--from-terraform",
        "infra",
        "--stack",
        "dev",
        "--no-state",
        "--var",
        "prefix=dev-",
      ]);
      expect(hinted.code).toBe(0);
      expect(hinted.out).toContain(
        '**Hint:** infra/envs/ holds prod/, and none is named like the stack "dev": none of their variable files was read',
      );
      expect(hinted.out).toContain("run again with --env prod (or --env-dir envs/prod).");
      rmSync(join(root, "flows/stacks"), { recursive: true, force: true });
      const given = await run([
        "--root",
        root,
        "--from-terraform",
        "infra",
        "--stack",
        "dev",
        "--no-state",
        "--env",
        "prod",
        "--json",
      ]);
      expect(given.code).toBe(0);
      const report = JSON.parse(given.out) as MigrationReport;
      expect(report.variablesHint).toBeUndefined();
      expect(report.variables).toContain("infra/envs/prod/terraform.tfvars (the environment's directory, envs/prod)");
    });

    it("a refused run writes nothing and claims nothing", async () => {
      const r = await run([
        "--root",
        root,
        "--from-terraform",
        "infra",
        "--stack",
        "dev",
        "--no-state",
        "--var-file",
        "missing.tfvars",
      ]);
      expect(r.code).toBe(1);
      expect(r.err).toContain("--var-file missing.tfvars: infra/missing.tfvars does not exist");
      expect(r.out).toContain("Nothing was written");
      expect(r.out).not.toContain("## Review, then the first up");
      expect(existsSync(join(root, "flows/stacks/dev"))).toBe(false);
      expect(existsSync(join(root, "infra", HANDOVER_PATCH))).toBe(false);
    });
  });
});

describe("a fresh clone", () => {
  // A stand-in for tools/pulumi.sh: the stack is not in the backend until `stack select --create`.
  const PULUMI = `#!/usr/bin/env bash
echo "$*" >> "$(dirname "$0")/calls"
case "$1 $2" in
  "config get") if [ -f "$(dirname "$0")/created" ]; then echo "token-1"; else echo "error: no stack named '$5' found" >&2; exit 255; fi ;;
  "stack select") touch "$(dirname "$0")/created" ;;
esac
`;
  let root: string;
  beforeEach(() => {
    root = tempProject({ "tools/pulumi.sh": PULUMI });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("creates the local stack, as up does, then reads its secret", async () => {
    await expect(stackSecrets(root, "local")("accessToken")).resolves.toBe("token-1");
    expect(readFileSync(join(root, "tools/calls"), "utf8").trim().split("\n")).toEqual([
      "stack select --create --stack local",
      "config get genesys-flows:accessToken --stack local",
    ]);
  });

  it("for another stack, says the command that creates it, and that GENESYSCLOUD_* do not replace a key the stack file sets", async () => {
    await expect(stackSecrets(root, "dev")("accessToken")).rejects.toMatchObject({
      message:
        'stack "dev" does not exist in your Pulumi backend yet, so the encrypted genesys-flows:accessToken of Pulumi.dev.yaml cannot be read',
      fix: "create it once, deliberately: npm run pulumi -- stack init dev (on a file or S3 backend that adds an encryptionsalt line to Pulumi.dev.yaml: commit it), then run the migration again",
    });
    writeFileSync(join(root, "tools/created"), "");
    writeFileSync(
      join(root, "tools/pulumi.sh"),
      "#!/usr/bin/env bash\necho 'error: incorrect passphrase' >&2\nexit 255\n",
    );
    await expect(stackSecrets(root, "dev")("accessToken")).rejects.toMatchObject({
      fix: expect.stringContaining(
        "the stack file's genesys-flows:accessToken wins over them, as for the provider (org/target.ts), so to use them remove genesys-flows:accessToken from Pulumi.dev.yaml",
      ),
    });
  });
});
