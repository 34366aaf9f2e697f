// The hand-over of a migration (issue 62 item 1): the patch that deletes the migrated resource
// blocks (with the comments right above them), adds a `removed { lifecycle { destroy = false } }`
// block for each in its module's directory, and points what stays in Terraform and refers to a
// migrated resource (a resource, an output feeding another module, a depends_on, a local) at a data
// source that finds it by name; every place listed with the id as the alternative. The patch is
// applied here with jsdiff and the result parsed again by HashiCorp's parser. The scanner that
// finds blocks and references skips comments and the literal text of strings and heredocs.
import { applyPatch, parsePatch } from "diff";
import { parse } from "@cdktf/hcl2json";
import { dirname } from "node:path";
import { readEstate } from "../../import/terraform/estate";
import { resolveVariables } from "../../import/terraform/variables";
import { planMigration } from "../../import/terraform/migrate";
import { planHandover } from "../../import/terraform/handover";
import { readState } from "../../import/terraform/state";
import { blockLines, codeMask, referencesTo } from "../../import/terraform/hclText";

const FLOW = (type: string) => `${type}:
  name: "{{flow_name}}"
  defaultLanguage: en-us
  startUpRef: /${type}/tasks/task[Start]
  tasks:
    - task:
        name: Start
        refId: Start
        actions:
          - disconnect:
              name: Bye
`;

const FILES: Record<string, string> = {
  "infra/main.tf": `module "flows" {
  source = "./modules/flows"
  prefix = var.prefix
}

variable "prefix" {
  type    = string
  default = "dev-"
}

# The IVR stays in Terraform here: it refers to the flow through the module's output.
resource "genesyscloud_architect_ivr" "main" {
  name               = "Main"
  open_hours_flow_id = module.flows.main_id
}
`,
  "infra/modules/flows/main.tf": `variable "prefix" {
  type = string
}

locals {
  ids   = [genesyscloud_flow.main.id]
  names = { fixed = "Fixed DEV-" }
}

# The main line.
# Two comment lines.
resource "genesyscloud_flow" "main" {
  filepath = "\${path.module}/main.yaml"
  substitutions = {
    flow_name = "\${var.prefix}Main"
  }
}

resource "genesyscloud_flow" "literal" {
  filepath = "\${path.module}/main.yaml"
  substitutions = {
    flow_name = lookup(local.names, "fixed")
  }
}

resource "terraform_data" "audit" {
  # genesyscloud_flow.main in a comment stays as it is
  input      = "flow \${genesyscloud_flow.main.id}: see genesyscloud_flow.main.name"
  triggers_replace = [genesyscloud_flow.literal.name]
  depends_on = [genesyscloud_flow.main]
}

output "main_id" {
  value = genesyscloud_flow.main.id
}
`,
  "infra/modules/flows/main.yaml": FLOW("inboundCall"),
};

const STATE = JSON.stringify({
  version: 4,
  resources: [
    {
      module: "module.flows",
      mode: "managed",
      type: "genesyscloud_flow",
      name: "main",
      instances: [{ attributes: { id: "m-1", name: "dev-Main", substitutions: { flow_name: "dev-Main" } } }],
    },
    {
      module: "module.flows",
      mode: "managed",
      type: "genesyscloud_flow",
      name: "literal",
      instances: [{ attributes: { id: "l-1", name: "Fixed DEV-", substitutions: { flow_name: "Fixed DEV-" } } }],
    },
    {
      mode: "managed",
      type: "genesyscloud_architect_ivr",
      name: "main",
      instances: [{ attributes: { id: "i-1", name: "Main", open_hours_flow_id: "m-1", dnis: [] } }],
    },
  ],
});

async function handover(files: Record<string, string> = FILES, state = STATE) {
  const readDir = (dir: string) =>
    Object.keys(files)
      .filter((f) => dirname(f) === dir && f.endsWith(".tf"))
      .sort()
      .map((file) => ({ file, text: files[file] }));
  const estate = await readEstate("infra", readDir, new Map());
  estate.variables = (await resolveVariables(estate.root.config.variables, [])).values;
  const m = planMigration({
    estate,
    state: readState(state, "infra/terraform.tfstate"),
    stateFile: "infra/terraform.tfstate",
    readFile: (f) => files[f],
    namePrefix: "dev-",
    stack: "dev",
  });
  return { m, h: await planHandover(m.flows, m.routing, "dev", estate.instances) };
}

/** The files after the patch. */
function applied(files: Record<string, string>, patch: string): Record<string, string> {
  const out = { ...files };
  for (const p of parsePatch(patch)) {
    const file = p.newFileName!.replace(/^b\//, "");
    const result = applyPatch(p.oldFileName === "/dev/null" ? "" : out[file], p);
    if (result === false) throw new Error(`the patch does not apply to ${file}`);
    out[file] = result;
  }
  return out;
}

describe("the hand-over", () => {
  it("an override file (override.tf) is read as Terraform merges it, and its block of a migrated resource is deleted with the resource's own", async () => {
    const files = {
      ...FILES,
      "infra/modules/flows/override.tf": `# Written by the release job: this environment's name of the main line.
resource "genesyscloud_flow" "main" {
  substitutions = {
    flow_name = "\${var.prefix}Main Line"
  }
}

resource "terraform_data" "audit" {
  input = "audit"
}
`,
    };
    const state = STATE.replace(
      /"name":"dev-Main","substitutions":\{"flow_name":"dev-Main"\}/,
      '"name":"dev-Main Line","substitutions":{"flow_name":"dev-Main Line"}',
    );
    expect(state).not.toBe(STATE);
    const { m, h } = await handover(files, state);
    expect(m.problems).toEqual([]);
    const main = m.flows.find((f) => f.address === "module.flows.genesyscloud_flow.main")!;
    expect(main.origins).toEqual([expect.objectContaining({ key: "flow_name", value: "dev-Main Line" })]);
    expect(main.block.overrides).toEqual([{ file: "infra/modules/flows/override.tf", line: 2 }]);
    expect(h.problems).toEqual([]);
    expect(h.files).toContain("infra/modules/flows/override.tf");
    const after = applied(files, h.patch);
    // The override of the migrated resource is gone (Terraform refuses an override of a block that is not there), with its comment; the other stays.
    expect(after["infra/modules/flows/override.tf"]).toBe(
      'resource "terraform_data" "audit" {\n  input = "audit"\n}\n',
    );
    const json = (await parse("override.tf", after["infra/modules/flows/override.tf"])) as {
      resource: Record<string, unknown>;
    };
    expect(Object.keys(json.resource)).toEqual(["terraform_data"]);
  });

  it("deletes the migrated blocks with their comments, forgets them with removed blocks in their module, and points what stays at data sources by name", async () => {
    const { m, h } = await handover();
    expect(m.problems).toEqual([]);
    expect(h.problems).toEqual([]);
    // The IVR is migrated too: it is in the state and is a routing kind.
    expect(h.removed).toEqual([
      "genesyscloud_architect_ivr.main",
      "module.flows.genesyscloud_flow.literal",
      "module.flows.genesyscloud_flow.main",
    ]);
    expect(h.files).toEqual([
      "infra/genesys-flows-removed.tf",
      "infra/main.tf",
      "infra/modules/flows/genesys-flows-removed.tf",
      "infra/modules/flows/main.tf",
    ]);
    const after = applied(FILES, h.patch);
    expect(after["infra/modules/flows/main.tf"]).toBe(`variable "prefix" {
  type = string
}

locals {
  ids   = [data.genesyscloud_flow.main.id]
  names = { fixed = "Fixed DEV-" }
}

resource "terraform_data" "audit" {
  # genesyscloud_flow.main in a comment stays as it is
  input      = "flow \${data.genesyscloud_flow.main.id}: see genesyscloud_flow.main.name"
  triggers_replace = [data.genesyscloud_flow.literal.name]
  depends_on = [data.genesyscloud_flow.main]
}

output "main_id" {
  value = data.genesyscloud_flow.main.id
}
`);
    expect(
      after["infra/modules/flows/genesys-flows-removed.tf"],
    ).toBe(`# Managed by genesys-flows since the migration into stack "dev" (docs/migrate-from-cx-as-code.md).
# Terraform 1.7+ and OpenTofu 1.7+ forget these resources on the next apply without destroying
# them; the data sources find, by name, what the configuration still refers to.

removed {
  from = genesyscloud_flow.literal
  lifecycle {
    destroy = false
  }
}

removed {
  from = genesyscloud_flow.main
  lifecycle {
    destroy = false
  }
}

data "genesyscloud_flow" "literal" {
  name = "Fixed DEV-" # this environment's name: the configuration does not write it as a template
  type = "inboundcall"
}

data "genesyscloud_flow" "main" {
  name = "\${var.prefix}Main"
  type = "inboundcall"
}
`);
    expect(after["infra/main.tf"]).not.toContain("genesyscloud_architect_ivr");
    expect(after["infra/genesys-flows-removed.tf"]).toContain("removed {\n  from = genesyscloud_architect_ivr.main\n");
    // Every file the patch leaves parses.
    for (const f of h.files) await expect(parse(f, after[f])).resolves.toBeDefined();
  });

  it("lists every place that stays and refers to a migrated resource, with the data source the patch puts there and the id", async () => {
    const { h } = await handover();
    expect(h.references).toEqual([
      {
        at: "infra/modules/flows/main.tf:28",
        in: "module.flows.terraform_data.audit",
        reference: "genesyscloud_flow.main.id",
        dataSource: "data.genesyscloud_flow.main.id",
        literal: '"m-1"',
      },
      {
        at: "infra/modules/flows/main.tf:29",
        in: "module.flows.terraform_data.audit",
        reference: "genesyscloud_flow.literal.name",
        dataSource: "data.genesyscloud_flow.literal.name",
        literal: '"Fixed DEV-"',
      },
      {
        at: "infra/modules/flows/main.tf:30",
        in: "module.flows.terraform_data.audit",
        reference: "genesyscloud_flow.main",
        dataSource: "data.genesyscloud_flow.main",
        literal: '"m-1"',
      },
      {
        at: "infra/modules/flows/main.tf:34",
        in: "module.flows.output.main_id",
        reference: "genesyscloud_flow.main.id",
        dataSource: "data.genesyscloud_flow.main.id",
        literal: '"m-1"',
      },
      {
        at: "infra/modules/flows/main.tf:6",
        in: "module.flows.locals",
        reference: "genesyscloud_flow.main.id",
        dataSource: "data.genesyscloud_flow.main.id",
        literal: '"m-1"',
      },
    ]);
  });

  it("refuses to edit a module directory two calls share when only one call's resources are migrated", async () => {
    const files = {
      ...FILES,
      "infra/main.tf": `${FILES["infra/main.tf"]}\nmodule "other" {\n  source = "./modules/flows"\n  prefix = "other-"\n}\n`,
    };
    const { h } = await handover(files);
    expect(h.problems).toEqual([
      "infra/modules/flows/main.tf:19: infra/modules/flows is called by module.flows and module.other, but genesyscloud_flow.literal is migrated for module.flows only: deleting its block would take it from module.other too; migrate them together",
      "infra/modules/flows/main.tf:12: infra/modules/flows is called by module.flows and module.other, but genesyscloud_flow.main is migrated for module.flows only: deleting its block would take it from module.other too; migrate them together",
    ]);
  });
});

describe("the HCL text scanner", () => {
  const TEXT = `# resource "genesyscloud_flow" "x" { in a comment
resource "genesyscloud_flow" "x" {
  description = <<-EOT
    a heredoc with } and genesyscloud_flow.x and \${genesyscloud_flow.x.id}
  EOT
  note = "a string with { and genesyscloud_flow.x"
  /* genesyscloud_flow.x */
  map = { a = { b = "}" } }
}
output "o" {
  value = genesyscloud_flow.x.name // genesyscloud_flow.x
}
`;

  it("finds a block's lines and the references in code only (interpolations count, literal text and comments do not)", () => {
    const mask = codeMask(TEXT);
    expect(blockLines(TEXT, "resource", ["genesyscloud_flow", "x"], mask)).toEqual({ first: 2, last: 9 });
    expect(blockLines(TEXT, "output", ["o"], mask)).toEqual({ first: 10, last: 12 });
    expect(referencesTo(TEXT, "genesyscloud_flow.x", mask).map((at) => TEXT.slice(0, at).split("\n").length)).toEqual([
      4, 11,
    ]);
    expect(referencesTo(TEXT, "data.genesyscloud_flow.x", mask)).toEqual([]);
  });
});
