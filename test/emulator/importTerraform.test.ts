// import --from-terraform against the emulator (issue 62): flows a CX-as-Code estate published (in
// a local module, with its state as Terraform keeps it) are migrated into the stack, checked with
// the org (signed in as the provider is), their names kept though the stack's namePrefix does not
// start them; the report's review command then works on the repository and calls them "adopt",
// not "create"; a refused run claims nothing. The OpenTofu run itself is the e2e test's.
import { readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import YAML from "yaml";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { run as diffRun } from "../../tools/flowsDiff";
import { architectCall, architectModule } from "../../testkit/architectFlow";
import { portfolioAgainst, runImport } from "./importHelpers";
import { publish } from "../../testkit/emulator";
import { commitAsMain } from "../../testkit/fixtureProject";
import type { MigrationReport } from "../../import/terraform/report";

let emu: RunningEmulator;
let root: string;

const MODULE = architectModule('"{{flow_name}}"', "number", "customer");
const CALL = architectCall('"{{flow_name}}"', '"{{queue}}"', {
  name: '"{{module_name}}"',
  input: "number",
  output: "customer",
});
const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => values[k]);

function write(files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
}

beforeEach(async () => {
  emu = await startEmulator({});
  root = portfolioAgainst(emu, "tf-migrate-");
  // What Terraform published, and the state it keeps (module addresses).
  const moduleId = (await publish(emu, fill(MODULE, { flow_name: "Legacy Lookup" }))).flow!.id;
  const callId = (
    await publish(emu, fill(CALL, { flow_name: "Legacy Main", queue: "Support", module_name: "Legacy Lookup" }))
  ).flow!.id;
  const resource = (name: string, attributes: Record<string, unknown>) => ({
    module: "module.flows",
    mode: "managed",
    type: "genesyscloud_flow",
    name,
    instances: [{ attributes }],
  });
  write({
    "infra/main.tf":
      'module "flows" {\n  source = "./modules/flows"\n  queue  = var.queue\n}\n\nvariable "queue" {\n  type = string\n}\n',
    "infra/terraform.tfvars": 'queue = "Support"\n',
    "infra/modules/flows/main.tf": `variable "queue" {
  type = string
}

resource "genesyscloud_flow" "lookup" {
  filepath = "\${path.module}/lookup.yaml"
  substitutions = {
    flow_name = "Legacy Lookup"
  }
}

resource "genesyscloud_flow" "main" {
  filepath = "\${path.module}/main.yaml"
  substitutions = {
    flow_name   = "Legacy Main"
    queue       = var.queue
    module_name = genesyscloud_flow.lookup.name
  }
}
`,
    "infra/modules/flows/lookup.yaml": MODULE,
    "infra/modules/flows/main.yaml": CALL,
    "infra/terraform.tfstate": JSON.stringify({
      version: 4,
      resources: [
        resource("lookup", { id: moduleId, name: "Legacy Lookup", substitutions: { flow_name: "Legacy Lookup" } }),
        resource("main", {
          id: callId,
          name: "Legacy Main",
          substitutions: { flow_name: "Legacy Main", queue: "Support", module_name: "Legacy Lookup" },
        }),
      ],
    }),
  });
  commitAsMain(root);
});
afterEach(async () => {
  await emu.stop();
  rmSync(root, { recursive: true, force: true });
});

describe("import --from-terraform", () => {
  it("adopts a module estate's flows with their names kept, and the review command it prints says adopt", async () => {
    const r = await runImport(root, "--from-terraform", "infra", "--stack", "test", "--json");
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: "" });
    const report = JSON.parse(r.out) as MigrationReport;
    expect(report.flows.map((f) => [f.address, f.file, f.publishedName, f.nameKept])).toEqual([
      ["module.flows.genesyscloud_flow.lookup", "flows/stacks/test/legacy-lookup.yaml", "Legacy Lookup", true],
      ["module.flows.genesyscloud_flow.main", "flows/stacks/test/legacy-main.yaml", "Legacy Main", true],
    ]);
    expect(report.flows[1].substitutions.map((s) => `${s.key}: ${s.from}`)).toEqual([
      "module_name: the state infra/terraform.tfstate: the configuration does not decide it (computed from another resource (module.flows.genesyscloud_flow.lookup.name))",
      "queue: module.flows.var.queue from the call at infra/main.tf:1; var.queue from infra/terraform.tfvars:1",
    ]);
    const flows = YAML.parse(readFileSync(join(root, "Pulumi.test.yaml"), "utf8")).config["genesys-flows:flows"];
    expect(flows["stacks/test/legacy-lookup"]).toMatchObject({ name: "Legacy Lookup", adopt: report.flows[0].flowId });
    expect(report.review).toBe("genesys-flows diff --base HEAD --stack test");

    // The review it names, run on the repository: the two flows are adopted, nothing is created.
    let out = "";
    let err = "";
    const code = await diffRun(["--root", root, "--base", "HEAD", "--stack", "test"], {
      out: { write: (s: string) => ((out += s), true) },
      err: { write: (s: string) => ((err += s), true) },
    } as never);
    expect({ code, err }).toEqual({ code: 0, err: "" });
    expect(out).toContain("0 replaced, 0 deleted, 0 created, 2 adopted");
    expect(out).toContain('  adopt flows/stacks/test/legacy-main.yaml: "Legacy Main"');
  });

  it("names a routing object it cannot adopt in the report, with why, instead of dropping it", async () => {
    const tf = join(root, "infra/modules/flows/main.tf");
    writeFileSync(
      tf,
      `${readFileSync(tf, "utf8")}\nresource "genesyscloud_architect_ivr" "line" {\n  name               = "Legacy Line"\n  open_hours_flow_id = "f-elsewhere"\n}\n`,
    );
    const state = join(root, "infra/terraform.tfstate");
    const json = JSON.parse(readFileSync(state, "utf8")) as { resources: unknown[] };
    json.resources.push({
      module: "module.flows",
      mode: "managed",
      type: "genesyscloud_architect_ivr",
      name: "line",
      instances: [{ attributes: { id: "i-1", name: "Legacy Line", dnis: [], open_hours_flow_id: "f-elsewhere" } }],
    });
    writeFileSync(state, JSON.stringify(json));
    const r = await runImport(root, "--from-terraform", "infra", "--stack", "test", "--json");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as MigrationReport;
    expect(report.written).toBe(false);
    expect(report.notMigrated).toEqual([
      {
        address: "module.flows.genesyscloud_architect_ivr.line",
        why: expect.stringContaining(
          'org IVR config "Legacy Line" (i-1): its open-hours flow is flow "" (f-elsewhere), which no flow file of stack "test" publishes',
        ),
      },
    ]);
  });

  it("refuses a state whose flow the org no longer has, and claims nothing", async () => {
    const state = join(root, "infra/terraform.tfstate");
    writeFileSync(
      state,
      readFileSync(state, "utf8").replace(
        /"id":"[^"]+","name":"Legacy Main"/,
        '"id":"00000000-0000-0000-0000-000000000000","name":"Legacy Main"',
      ),
    );
    const r = await runImport(root, "--from-terraform", "infra", "--stack", "test");
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'infra/terraform.tfstate: module.flows.genesyscloud_flow.main holds flow 00000000-0000-0000-0000-000000000000 ("Legacy Main"), which the org of stack test does not have',
    );
    expect(r.out).toContain("Nothing was written");
    expect(r.out).not.toContain("publishing nothing");
    expect(YAML.parse(readFileSync(join(root, "Pulumi.test.yaml"), "utf8")).config["genesys-flows:flows"]).toEqual({
      "calls/sales": { substitutions: { sales_queue: "Sales VIP" } },
    });
  });
});
