// The contract trees' fixtures, written here (no file of the repository's is read): for every
// resource kind the emulator serves, the official provider's configuration of one object (v1), of
// it changed (v2), and a misconfiguration that the provider's schema lets through but Genesys
// refuses, with what the emulator's refusal says. Flows of every kind the model has are compiled
// from the node types' own fixtures (testkit/nodeTypeFixtures.ts). contractTrees.test.ts runs them.
import { KIND_NAMES } from "../../model/kinds/index";
import { nodeTypeFixtures } from "../../testkit/nodeTypeFixtures";
import { plan } from "../../testkit/portfolio";

export interface ContractKind {
  /** The provider's resource (and, for flows, the flow kind). */
  name: string;
  /** The configuration's resources, and the files beside it (a flow's Archy), for v1 and v2. */
  v1: Config;
  v2: Config;
  misconfigured: Config;
  /** What the emulator's refusal of the misconfiguration says (a refused request, or a failed publish job's message). */
  refused: RegExp;
}

export interface Config {
  hcl: string;
  files?: Record<string, string>;
}

const hcl = (text: string): Config => ({ hcl: text });
const ids = ["00000000-0000-4000-8000-000000000001"];

/** One flow of a kind, compiled (the first node type the kind offers that calls no module, as its start). */
function flowOf(kind: string, description: string): string {
  const fixture = nodeTypeFixtures({ everyType: false }).find(
    (f) => f.kind === kind && f.variant === "start" && !["callModule", "subflow"].includes(f.type),
  )!;
  const portfolio = plan({ [`tree/${kind}`]: { ...fixture.spec, name: `Tree ${kind}`, description } });
  return portfolio.flows[0].substitutedYaml;
}

const flowResource = (label: string, file: string) => `
resource "genesyscloud_flow" "${label}" {
  filepath = "\${path.module}/${file}"
}`;

/** A flow kind's part of the flows' tree: its resource's address, and its flow's name when misconfigured. */
export interface FlowKindTree {
  kind: string;
  address: string;
  misconfiguredName: string;
}

/** Every flow kind, one resource each in one configuration (contractTrees.test.ts runs it as one tree). */
export const FLOW_KINDS: readonly FlowKindTree[] = KIND_NAMES.map((kind) => ({
  kind,
  address: `genesyscloud_flow.${kind}`,
  misconfiguredName: `Tree {{region}} ${kind}`,
}));

/**
 * The flows' tree at a version: a flow of every kind, changed at v2; misconfigured, each with a
 * placeholder nothing substituted in its name (Genesys's publish fails on it, and so does the emulator's).
 */
export function flowsConfig(version: "v1" | "v2" | "misconfigured"): Config {
  const files: Record<string, string> = {};
  for (const { kind, misconfiguredName } of FLOW_KINDS) {
    const yaml = flowOf(kind, version === "v2" ? "Second version." : "First version.");
    files[`${kind}.yaml`] =
      version === "misconfigured" ? yaml.replace(`name: Tree ${kind}`, `name: ${misconfiguredName}`) : yaml;
  }
  return { hcl: FLOW_KINDS.map(({ kind }) => flowResource(kind, `${kind}.yaml`)).join("\n"), files };
}

/** What the emulator's refusal of a misconfigured flow says (its failed publish job's message). */
export const FLOW_REFUSED = /\{\{region\}\}/;

const schedule = (label: string, name: string, start: string, end: string, rrule: string) => `
resource "genesyscloud_architect_schedules" "${label}" {
  name  = "${name}"
  start = "${start}"
  end   = "${end}"
  rrule = "${rrule}"
}`;

const scheduleGroup = (
  timeZone: string,
  open: string,
) => `${schedule("s", "Weekdays", "2026-01-05T08:00:00.000000", "2026-01-05T17:00:00.000000", "FREQ=DAILY;INTERVAL=1")}
resource "genesyscloud_architect_schedulegroups" "g" {
  name              = "Office"
  time_zone         = "${timeZone}"
  open_schedules_id = [${open}]
}`;

const routingTrees: ContractKind[] = [
  {
    name: "genesyscloud_architect_schedules",
    v1: hcl(
      schedule(
        "s",
        "Weekdays",
        "2026-01-05T08:00:00.000000",
        "2026-01-05T17:00:00.000000",
        "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR",
      ),
    ),
    v2: hcl(
      schedule(
        "s",
        "Weekdays",
        "2026-01-05T09:00:00.000000",
        "2026-01-05T18:00:00.000000",
        "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TU,WE,TH",
      ),
    ),
    misconfigured: hcl(
      schedule("s", "Backwards", "2026-01-05T18:00:00.000000", "2026-01-05T08:00:00.000000", "FREQ=DAILY;INTERVAL=1"),
    ),
    refused: /'end' must be after 'start'/,
  },
  {
    name: "genesyscloud_architect_schedulegroups",
    v1: hcl(scheduleGroup("America/New_York", "genesyscloud_architect_schedules.s.id")),
    v2: hcl(scheduleGroup("Europe/Paris", "genesyscloud_architect_schedules.s.id")),
    misconfigured: hcl(scheduleGroup("America/New_York", `"${ids[0]}"`)),
    refused: /'openSchedules': schedule 00000000-0000-4000-8000-000000000001 does not exist/,
  },
  {
    name: "genesyscloud_architect_ivr",
    v1: hcl(`resource "genesyscloud_architect_ivr" "i" {\n  name = "Main line"\n  dnis = ["+13175550100"]\n}`),
    v2: hcl(
      `resource "genesyscloud_architect_ivr" "i" {\n  name = "Main line"\n  description = "Both numbers"\n  dnis = ["+13175550100", "+13175550101"]\n}`,
    ),
    misconfigured: hcl(
      `resource "genesyscloud_architect_ivr" "a" {\n  name = "Line A"\n  dnis = ["+13175550100"]\n}\nresource "genesyscloud_architect_ivr" "b" {\n  name = "Line B"\n  dnis = ["+13175550100"]\n  depends_on = [genesyscloud_architect_ivr.a]\n}`,
    ),
    refused: /\+13175550100/,
  },
  {
    name: "genesyscloud_architect_emergencygroup",
    v1: hcl(`resource "genesyscloud_architect_emergencygroup" "e" {\n  name = "Storm"\n  enabled = false\n}`),
    v2: hcl(
      `resource "genesyscloud_architect_emergencygroup" "e" {\n  name = "Storm"\n  description = "Closed by weather"\n  enabled = true\n}`,
    ),
    misconfigured: hcl(
      `resource "genesyscloud_architect_emergencygroup" "a" {\n  name = "Storm"\n}\nresource "genesyscloud_architect_emergencygroup" "b" {\n  name = "storm"\n  depends_on = [genesyscloud_architect_emergencygroup.a]\n}`,
    ),
    refused: /named "storm" already exists/,
  },
  {
    name: "genesyscloud_telephony_providers_edges_did_pool",
    v1: hcl(
      `resource "genesyscloud_telephony_providers_edges_did_pool" "p" {\n  start_phone_number = "+13175550100"\n  end_phone_number = "+13175550199"\n}`,
    ),
    v2: hcl(
      `resource "genesyscloud_telephony_providers_edges_did_pool" "p" {\n  start_phone_number = "+13175550100"\n  end_phone_number = "+13175550199"\n  description = "Main range"\n}`,
    ),
    misconfigured: hcl(
      `resource "genesyscloud_telephony_providers_edges_did_pool" "a" {\n  start_phone_number = "+13175550100"\n  end_phone_number = "+13175550199"\n}\nresource "genesyscloud_telephony_providers_edges_did_pool" "b" {\n  start_phone_number = "+13175550150"\n  end_phone_number = "+13175550250"\n  depends_on = [genesyscloud_telephony_providers_edges_did_pool.a]\n}`,
    ),
    refused: /overlaps DID pool/,
  },
  {
    name: "genesyscloud_auth_division",
    v1: hcl(`resource "genesyscloud_auth_division" "d" {\n  name = "Billing"\n}`),
    v2: hcl(
      `resource "genesyscloud_auth_division" "d" {\n  name = "Billing and refunds"\n  description = "Billing flows"\n}`,
    ),
    misconfigured: hcl(
      `resource "genesyscloud_auth_division" "a" {\n  name = "Billing"\n}\nresource "genesyscloud_auth_division" "b" {\n  name = "billing"\n  depends_on = [genesyscloud_auth_division.a]\n}`,
    ),
    refused: /division named "billing" already exists/,
  },
];

/** Two objects of a kind with one name (Genesys compares names case-insensitively): the second is refused with 409. */
const twice = (type: string, body: string, other: string) =>
  hcl(`resource "${type}" "a" {\n${body}\n}\nresource "${type}" "b" {\n${other}\n  depends_on = [${type}.a]\n}`);

/** A data table keyed by a string with a Boolean column (estate.test.ts's too). */
export const dataTable = (extra: string, label = "t", name = "Holidays") => `
resource "genesyscloud_architect_datatable" "${label}" {
  name = "${name}"
  properties {
    name = "key"
    type = "string"
  }
  properties {
    name = "open"
    type = "boolean"
  }${extra}
}`;
const row = (json: string) => `${dataTable("")}
resource "genesyscloud_architect_datatable_row" "r" {
  datatable_id    = genesyscloud_architect_datatable.t.id
  key_value       = "2026-12-25"
  properties_json = jsonencode(${json})
}`;
const queue = (description: string, codes: string) => `
resource "genesyscloud_routing_wrapupcode" "w1" {
  name = "Resolved"
}
resource "genesyscloud_routing_wrapupcode" "w2" {
  name = "Escalated"
}
resource "genesyscloud_routing_queue" "q" {
  name         = "Support"
  description  = "${description}"
  wrapup_codes = [${codes}]
}`;
const prompt = (resources: string) => `
resource "genesyscloud_architect_user_prompt" "p" {
  name        = "Welcome_prompt"
  description = "The greeting"${resources}
}`;
const asset = (language: string, tts: string) => `
  resources {
    language   = "${language}"
    tts_string = "${tts}"
    text       = "${tts}"
  }`;

const orgObjectTrees: ContractKind[] = [
  {
    name: "genesyscloud_routing_queue",
    v1: hcl(queue("Support queue", "genesyscloud_routing_wrapupcode.w1.id")),
    v2: hcl(
      queue("Support, second line", "genesyscloud_routing_wrapupcode.w1.id, genesyscloud_routing_wrapupcode.w2.id"),
    ),
    misconfigured: twice("genesyscloud_routing_queue", `  name = "Support"`, `  name = "SUPPORT"`),
    refused: /queue named "SUPPORT" already exists/,
  },
  {
    name: "genesyscloud_routing_skill",
    v1: hcl(`resource "genesyscloud_routing_skill" "s" {\n  name = "Billing"\n}`),
    // A new name replaces the skill (the provider's name forces a new one).
    v2: hcl(`resource "genesyscloud_routing_skill" "s" {\n  name = "Billing and refunds"\n}`),
    misconfigured: twice("genesyscloud_routing_skill", `  name = "Billing"`, `  name = "billing"`),
    refused: /skill named "billing" already exists/,
  },
  {
    name: "genesyscloud_routing_language",
    v1: hcl(`resource "genesyscloud_routing_language" "l" {\n  name = "French"\n}`),
    v2: hcl(`resource "genesyscloud_routing_language" "l" {\n  name = "Canadian French"\n}`),
    misconfigured: twice("genesyscloud_routing_language", `  name = "French"`, `  name = "FRENCH"`),
    refused: /language named "FRENCH" already exists/,
  },
  {
    name: "genesyscloud_routing_wrapupcode",
    v1: hcl(`resource "genesyscloud_routing_wrapupcode" "w" {\n  name = "Resolved"\n}`),
    v2: hcl(
      `resource "genesyscloud_routing_wrapupcode" "w" {\n  name = "Resolved"\n  description = "The caller's problem is solved"\n}`,
    ),
    misconfigured: twice("genesyscloud_routing_wrapupcode", `  name = "Resolved"`, `  name = "resolved"`),
    refused: /wrap-up code named "resolved" already exists/,
  },
  {
    name: "genesyscloud_architect_user_prompt",
    v1: hcl(prompt(asset("en-us", "Welcome to Acme."))),
    v2: hcl(prompt(asset("en-us", "Welcome to Acme, again.") + asset("es-us", "Bienvenido a Acme."))),
    misconfigured: twice(
      "genesyscloud_architect_user_prompt",
      `  name = "Welcome_prompt"`,
      `  name = "welcome_prompt"`,
    ),
    refused: /prompt named "welcome_prompt" already exists/,
  },
  {
    name: "genesyscloud_group",
    v1: hcl(
      `resource "genesyscloud_group" "g" {\n  name       = "Agents"\n  type       = "official"\n  visibility = "public"\n}`,
    ),
    v2: hcl(
      `resource "genesyscloud_group" "g" {\n  name        = "Agents"\n  description = "Every agent"\n  type        = "official"\n  visibility  = "members"\n}`,
    ),
    misconfigured: hcl(`resource "genesyscloud_group" "g" {\n  name      = "Agents"\n  owner_ids = ["${ids[0]}"]\n}`),
    refused: /'ownerIds': user 00000000-0000-4000-8000-000000000001 does not exist/,
  },
  {
    name: "genesyscloud_user",
    v1: hcl(`resource "genesyscloud_user" "u" {\n  email = "ada@example.com"\n  name  = "Ada Lovelace"\n}`),
    v2: hcl(
      `resource "genesyscloud_user" "u" {\n  email      = "ada@example.com"\n  name       = "Ada Lovelace"\n  title      = "Agent"\n  department = "Support"\n}`,
    ),
    misconfigured: twice(
      "genesyscloud_user",
      `  email = "ada@example.com"\n  name  = "Ada Lovelace"`,
      `  email = "ADA@example.com"\n  name  = "Ada King"`,
    ),
    refused: /user with email "ADA@example.com" already exists/,
  },
  {
    name: "genesyscloud_architect_datatable",
    v1: hcl(dataTable("")),
    v2: hcl(dataTable(`\n  properties {\n    name = "note"\n    type = "string"\n  }`)),
    misconfigured: hcl(
      `resource "genesyscloud_architect_datatable" "t" {\n  name = "Holidays"\n  properties {\n    name = "date"\n    type = "string"\n  }\n}`,
    ),
    refused: /needs a string property 'key'/,
  },
  {
    name: "genesyscloud_architect_datatable_row",
    v1: hcl(row(`{ open = false }`)),
    v2: hcl(row(`{ open = true }`)),
    misconfigured: hcl(row(`{ open = false, closes = "17:00" }`)),
    refused: /'closes' is not a property of the data table/,
  },
];

/** The other kinds, a tree each. */
export const CONTRACT_KINDS: readonly ContractKind[] = [...routingTrees, ...orgObjectTrees];
