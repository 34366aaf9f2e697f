// A CX-as-Code estate that manages the org objects its flows name beside them (issue 76's
// acceptance), with OpenTofu and the pinned provider against a strict emulator (a flow naming a
// queue the org lacks fails its publish): a skill, a language, wrap-up codes, a queue, a user
// prompt with two resources, a data table with a row, a flow that transfers to the queue (its name
// fed from the queue resource, so OpenTofu creates the queue first), and the routing to the flow.
// `tofu apply`, `tofu plan` (no change), `tofu destroy`; then, in a repository, `import
// --from-terraform` migrates the flow and its routing and leaves the org objects to Terraform: the
// hand-over applied, OpenTofu forgets what was migrated, changes nothing else, and plans no change.
// The estate is written here.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { planActions, runTofu, tofuCliConfig, tofuEnv, tofuToolchain, type TofuToolchain } from "../../bench/terraform";
import { architectCall } from "../../testkit/architectFlow";
import { commitAsMain, copyPortfolio } from "../../testkit/fixtureProject";
import { main as importMain } from "../../tools/importFlows";
import type { MigrationReport } from "../../import/terraform/report";
import { dataTable } from "./contractTrees";

const ORG_OBJECTS = {
  "genesyscloud_routing_skill.billing": "routing/skills",
  "genesyscloud_routing_language.french": "routing/languages",
  "genesyscloud_routing_wrapupcode.resolved": "routing/wrapupcodes",
  "genesyscloud_routing_wrapupcode.escalated": "routing/wrapupcodes",
  "genesyscloud_routing_queue.support": "routing/queues",
  "genesyscloud_architect_user_prompt.welcome": "architect/prompts",
  "genesyscloud_architect_datatable.stores": "flows/datatables",
  "genesyscloud_architect_datatable_row.harbour": "flows/datatables",
};

function estate(emu: RunningEmulator, providerSource: string): string {
  return `terraform {
  required_providers {
    genesyscloud = { source = "${providerSource}" }
  }
}

provider "genesyscloud" {
  access_token    = "${emu.accessToken}"
  token_pool_size = 1
  gateway {
    protocol = "http"
    host     = "127.0.0.1"
    port     = "${emu.port}"
  }
}

resource "genesyscloud_routing_skill" "billing" {
  name = "Acme Billing"
}

resource "genesyscloud_routing_language" "french" {
  name = "Acme French"
}

resource "genesyscloud_routing_wrapupcode" "resolved" {
  name = "Acme Resolved"
}

resource "genesyscloud_routing_wrapupcode" "escalated" {
  name        = "Acme Escalated"
  description = "Handed to the second line"
}

resource "genesyscloud_routing_queue" "support" {
  name         = "Acme Support"
  description  = "First line"
  wrapup_codes = [genesyscloud_routing_wrapupcode.resolved.id, genesyscloud_routing_wrapupcode.escalated.id]
}

resource "genesyscloud_architect_user_prompt" "welcome" {
  name        = "Acme_welcome"
  description = "The greeting"
  resources {
    language   = "en-us"
    tts_string = "Welcome to Acme."
    text       = "Welcome to Acme."
  }
  resources {
    language   = "es-us"
    tts_string = "Bienvenido a Acme."
    text       = "Bienvenido a Acme."
  }
}
${dataTable("", "stores", "Acme Stores")}

resource "genesyscloud_architect_datatable_row" "harbour" {
  datatable_id    = genesyscloud_architect_datatable.stores.id
  key_value       = "Harbour"
  properties_json = jsonencode({ open = true })
}

resource "genesyscloud_flow" "main" {
  filepath = "\${path.module}/main.yaml"
  substitutions = {
    flow_name = "Acme Main Line"
    queue     = genesyscloud_routing_queue.support.name
  }
}

resource "genesyscloud_architect_schedules" "weekdays" {
  name  = "Acme Weekdays"
  start = "2026-01-05T08:00:00.000000"
  end   = "2026-01-05T17:00:00.000000"
  rrule = "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR"
}

resource "genesyscloud_architect_schedulegroups" "hours" {
  name              = "Acme Hours"
  time_zone         = "America/New_York"
  open_schedules_id = [genesyscloud_architect_schedules.weekdays.id]
}

resource "genesyscloud_architect_ivr" "line" {
  name               = "Acme Line"
  dnis               = ["+13175550100"]
  open_hours_flow_id = genesyscloud_flow.main.id
  schedule_group_id  = genesyscloud_architect_schedulegroups.hours.id
}
`;
}

let tc: TofuToolchain;
let emu: RunningEmulator;
let root: string;
const infra = () => join(root, "infra");

// Asynchronous: the emulator answers in this process while tofu runs. The time limit only ends a
// hung run: jest's own (5 min a test) comes first.
const tofu = (...args: string[]) =>
  runTofu(tc, infra(), args, { env: { ...tofuEnv(join(root, "cli.tfrc")), HOME: root }, timeoutMs: 10 * 60_000 });
const ok = async (...args: string[]) => {
  const r = await tofu(...args);
  return { args: args.join(" "), code: r.code, out: r.code === 0 ? "" : r.out.slice(-1500) };
};
const okFor = (...args: string[]) => ({ args: args.join(" "), code: 0, out: "" });

/** The org objects of the estate the emulator holds, by collection and name. */
function held(): string[] {
  return [...new Set(Object.values(ORG_OBJECTS))]
    .flatMap((path) => (emu.org.collection(path)?.entities ?? []).map((e) => `${path}: ${String(e.name)}`))
    .sort();
}

beforeAll(() => {
  tc = tofuToolchain();
});

beforeEach(async () => {
  // An org with nothing but what the estate writes: a strict publish checks the flow's queue against it.
  emu = await startEmulator({ strict: true, org: {} });
  root = copyPortfolio("estate-");
  mkdirSync(infra());
  writeFileSync(join(root, "cli.tfrc"), tofuCliConfig(tc.providerSource, tc.providerDir));
  writeFileSync(join(infra(), "main.tf"), estate(emu, tc.providerSource));
  writeFileSync(join(infra(), "main.yaml"), architectCall('"{{flow_name}}"', '"{{queue}}"'));
});

afterEach(async () => {
  await emu.stop();
  rmSync(root, { recursive: true, force: true });
});

it("applies, plans no change and destroys an estate of flows, routing and the org objects they name", async () => {
  expect(await ok("apply", "-auto-approve")).toEqual(okFor("apply", "-auto-approve"));
  expect(held()).toEqual([
    "architect/prompts: Acme_welcome",
    "flows/datatables: Acme Stores",
    "routing/languages: Acme French",
    "routing/queues: Acme Support",
    "routing/skills: Acme Billing",
    "routing/wrapupcodes: Acme Escalated",
    "routing/wrapupcodes: Acme Resolved",
  ]);
  expect(emu.store.listFlows().map((f) => f.name)).toEqual(["Acme Main Line"]);
  expect(await ok("plan", "-detailed-exitcode")).toEqual(okFor("plan", "-detailed-exitcode"));
  expect(await ok("destroy", "-auto-approve")).toEqual(okFor("destroy", "-auto-approve"));
  expect(held()).toEqual([]);
  expect(emu.store.listFlows()).toEqual([]);
  expect(emu.store.routing.count()).toEqual({ schedule: 0, scheduleGroup: 0, ivr: 0, emergencyGroup: 0, didPool: 0 });
});

it("import --from-terraform migrates the flow and its routing and leaves the org objects to Terraform with a clean hand-over", async () => {
  expect(await ok("apply", "-auto-approve")).toEqual(okFor("apply", "-auto-approve"));
  const stackFile = join(root, "Pulumi.test.yaml");
  writeFileSync(
    stackFile,
    `${readFileSync(stackFile, "utf8")}  genesys-flows:provider:\n    gateway: { protocol: http, host: 127.0.0.1, port: "${emu.port}" }\n  genesys-flows:accessToken: ${emu.accessToken}\n`,
  );
  commitAsMain(root);
  let out = "";
  let err = "";
  const code = await importMain(["--root", root, "--from-terraform", "infra", "--stack", "test", "--json"], {
    out: { write: (s: string) => (out += s) },
    err: { write: (s: string) => (err += s) },
  });
  expect({ code, err }).toEqual({ code: 0, err: "" });
  const report = JSON.parse(out) as MigrationReport;
  expect(report.flows.map((f) => f.address)).toEqual(["genesyscloud_flow.main"]);
  expect(report.notMigrated).toEqual([]);
  // The org objects stay in Terraform, each named in the report.
  expect(report.staying.map((s) => s.address).sort()).toEqual(Object.keys(ORG_OBJECTS).sort());
  expect(report.handover.references).toEqual([]);

  const patch = spawnSync("git", ["apply", report.handover.patch!], { cwd: root, encoding: "utf8" });
  expect({ status: patch.status, stderr: patch.stderr }).toEqual({ status: 0, stderr: "" });
  expect(await ok("plan", "-out=handover.tfplan")).toEqual(okFor("plan", "-out=handover.tfplan"));
  const shown = await tofu("show", "-json", "handover.tfplan");
  expect(planActions(shown.out)).toEqual({
    ...Object.fromEntries(Object.keys(ORG_OBJECTS).map((a) => [a, "no-op"])),
    "genesyscloud_flow.main": "forget",
    "genesyscloud_architect_ivr.line": "forget",
    "genesyscloud_architect_schedulegroups.hours": "forget",
    "genesyscloud_architect_schedules.weekdays": "forget",
  });
  expect(await ok("apply", "handover.tfplan")).toEqual(okFor("apply", "handover.tfplan"));
  expect(await ok("plan", "-detailed-exitcode")).toEqual(okFor("plan", "-detailed-exitcode"));
  // Terraform's destroy now takes only what it still manages: the flow and its routing are the stack's.
  expect(await ok("destroy", "-auto-approve")).toEqual(okFor("destroy", "-auto-approve"));
  expect(held()).toEqual([]);
  expect(emu.store.listFlows().map((f) => f.name)).toEqual(["Acme Main Line"]);
  expect(emu.store.routing.count()).toMatchObject({ schedule: 1, scheduleGroup: 1, ivr: 1 });
});
