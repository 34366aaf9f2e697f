// The agreement tier's cases: one kind of change each (the matrix), and how cases are batched into
// one preview. A case edits the working tree of the deployed stack (workspace.ts); `touches` names
// what it may change on purpose (`flow <id>`, `routing <routing id>`, `provider <name>`, `*` for
// every resource), `reaches` what depends on that and stays as it is unless the plan is wrong (the
// routing objects naming a flow published in place), and `stack` marks a change of a stack-wide
// setting, which could reach any resource if the plan were wrong. Cases share a preview only when
// that can hardly hide a disagreement: what one touches, no other touches or reaches (a case's
// wrong action on a resource another case changes on purpose could be taken for that one's; two
// cases reaching the same resource hide nothing: neither changes it on purpose), no case touches
// everything, and a batch holding a stack-wide change leaves most flows untouched on purpose (at
// most STACK_BATCH_FLOWS), so a wrong action on every flow still shows.
import * as YAML from "yaml";
import { ORG } from "../../emulator/flowJson";
import { main as importMain } from "../../tools/importFlows";
import { publishOk } from "../../testkit/emulator";
import { orgFileOf } from "../../project/orgFile";
import { readPortfolio } from "../../project/portfolio";
import { architectCall } from "../../testkit/architectFlow";
import type { Workspace } from "./workspace";

export interface AgreementCase {
  /** The kind of change: a matrix row, or `random #i (seed S): <category>` (mutations.ts). */
  kind: string;
  /** Edits the working tree; may be async (a case that adopts an org flow publishes it first). */
  apply(w: Workspace): void | Promise<void>;
  touches: string[];
  /** What depends on what it touches and does not change unless the plan is wrong. */
  reaches?: string[];
  /** A stack-wide setting: the plan could be wrong for any resource. */
  stack?: boolean;
  /** The random case's seed, for the report. */
  seed?: number;
}

/** The most flows a batch holding a stack-wide change may change on purpose (the portfolio has 14). */
export const STACK_BATCH_FLOWS = 5;

const flowsOf = (cases: readonly AgreementCase[]) =>
  new Set(cases.flatMap((c) => c.touches.filter((t) => t.startsWith("flow "))));

const meets = (a: readonly string[], b: readonly string[] | undefined) => (b ?? []).some((t) => a.includes(t));

/** Whether `c` may join `batch` (see the header). */
export function fits(batch: readonly AgreementCase[], c: AgreementCase): boolean {
  const all = [...batch, c];
  if (all.some((x) => x.touches.includes("*"))) return false;
  if (batch.some((x) => meets(x.touches, c.touches) || meets(x.touches, c.reaches) || meets(c.touches, x.reaches)))
    return false;
  return !all.some((x) => x.stack === true) || flowsOf(all).size <= STACK_BATCH_FLOWS;
}

/** Cases packed into batches, greedily in order, at most `max` per batch. */
export function batches(cases: readonly AgreementCase[], max = 24): AgreementCase[][] {
  const out: AgreementCase[][] = [];
  for (const c of cases) {
    const fit = out.find((b) => b.length < max && fits(b, c));
    if (fit) fit.push(c);
    else out.push([c]);
  }
  return out;
}

const setIn = (path: Array<string | number>, value: unknown) => (doc: YAML.Document) => doc.setIn(path, value);
type Settings = Record<string, unknown>;
const subs = (c: Settings) => c.substitutions as Record<string, string>;
const flowSettings = (c: Settings) =>
  c.flows as Record<string, { substitutions?: Record<string, string> } & Record<string, unknown>>;
const routingValues = (c: Settings) => (c.routing as { objects: Record<string, Record<string, unknown>> }).objects;
const provider = (c: Settings) => c.provider as Record<string, unknown>;

/** Adopts the org's flows whose names start with `prefix` into the stack (flows:import --stack local), as a team would. */
export async function adopt(w: Workspace, prefix: string): Promise<void> {
  let out = "";
  const code = await importMain(["--root", w.dir, "--stack", "local", "--prefix", prefix], {
    out: { write: (s: string) => (out += s) },
    err: { write: (s: string) => (out += s) },
  });
  if (code !== 0) throw new Error(`flows:import --prefix ${prefix} failed (${code}):\n${out}`);
}

/** The flow file the first adoption wrote (agreement.test.ts adopts "local-Legacy Billing" before the first up). */
export const ADOPTED = "stacks/local/legacy-billing";

/** The emulator's org file the emulatorOrg case names (outside flows/ and routing/: no case undoes it, none reads it but that one). */
export const AGREEMENT_ORG_FILE = "emulator/orgs/agreement.yaml";

/**
 * An org file holding what the stack's flows name now, and every queue another case of the same
 * batch may name (the random cases' "Queue <n>", the matrix's substitution values).
 */
function agreementOrg(w: Workspace): Record<string, unknown> {
  const named = orgFileOf(readPortfolio(w.dir, "local")) as Record<string, Array<{ name: string }>>;
  const queues = new Set([
    ...(named.queues ?? []).map((q) => q.name),
    ...Array.from({ length: 99 }, (_, i) => `Queue ${i + 1}`),
    "Sales Gold",
    "Sales Direct",
    "Billing",
    "Billing (shared)",
  ]);
  return { ...named, queues: [...queues].sort() };
}

/** The matrix: at least one case per kind of change the review and the engine must agree on. */
export function matrix(): AgreementCase[] {
  const callers = ["modules/greet", "calls/sales", "calls/support", "calls/vip", "calls/imported"];
  return [
    {
      kind: "flow content",
      touches: ["flow calls/billing"],
      apply: (w) =>
        w.editYaml("flows/calls/billing.yaml", setIn(["nodes", "Closed", "prompt"], "Billing is closed now. Goodbye.")),
    },
    {
      kind: "module content: the module, the modules compiled with it and their callers",
      touches: ["flow modules/verify", ...callers.map((c) => `flow ${c}`)],
      apply: (w) =>
        w.editYaml("flows/modules/verify.yaml", setIn(["nodes", "Ask", "prompt"], "Please enter your four-digit PIN.")),
    },
    {
      kind: "module content: a module every other module and caller reaches",
      touches: [
        "flow modules/lookup",
        "flow modules/verify",
        ...callers.map((c) => `flow ${c}`),
        "flow calls/direct",
        "flow digital/mail",
        "flow digital/chat",
      ],
      apply: (w) =>
        w.editYaml("flows/modules/lookup.yaml", setIn(["nodes", "Check", "label"], "Is the address given?")),
    },
    {
      kind: "substitution used, changed (stack)",
      touches: ["flow calls/sales"],
      stack: true,
      apply: (w) => w.editConfig((c) => (subs(c).sales_queue = "Sales Gold")),
    },
    {
      kind: "substitution unused, added (stack)",
      touches: [],
      stack: true,
      apply: (w) => w.editConfig((c) => (subs(c).brand_new = "used by no flow")),
    },
    {
      kind: "substitution unused, removed (stack)",
      touches: [],
      stack: true,
      apply: (w) => w.editConfig((c) => delete subs(c).spare),
    },
    {
      kind: "substitution used, added (flow)",
      touches: ["flow calls/sales"],
      stack: true,
      apply: (w) =>
        w.editConfig((c) => (flowSettings(c)["calls/sales"] = { substitutions: { sales_queue: "Sales Direct" } })),
    },
    {
      kind: "substitution unused, added (flow)",
      touches: ["flow calls/direct"],
      stack: true,
      apply: (w) =>
        w.editConfig((c) => (flowSettings(c)["calls/direct"] = { substitutions: { direct_spare: "used by no flow" } })),
    },
    {
      kind: "substitution used, removed (flow: the shared value applies)",
      touches: ["flow calls/billing"],
      stack: true,
      apply: (w) => w.editConfig((c) => delete flowSettings(c)["calls/billing"].substitutions!.billing_queue),
    },
    {
      kind: "substitution shadowed by a flow's own value, removed (stack)",
      touches: ["flow calls/billing"],
      stack: true,
      apply: (w) => w.editConfig((c) => delete subs(c).billing_queue),
    },
    {
      kind: "substitution used, moved from a flow to the stack (the same value)",
      touches: ["flow calls/billing"],
      stack: true,
      apply: (w) =>
        w.editConfig((c) => {
          subs(c).billing_queue = flowSettings(c)["calls/billing"].substitutions!.billing_queue;
          delete flowSettings(c)["calls/billing"].substitutions!.billing_queue;
        }),
    },
    {
      kind: "substitution unused, removed (flow)",
      touches: ["flow calls/billing"],
      stack: true,
      apply: (w) => w.editConfig((c) => delete flowSettings(c)["calls/billing"].substitutions!.billing_spare),
    },
    { kind: "namePrefix", touches: ["*"], stack: true, apply: (w) => w.editConfig((c) => (c.namePrefix = "localx-")) },
    {
      kind: "a flow's name:",
      touches: ["flow calls/support", "routing ivr/support-line"],
      apply: (w) => w.editYaml("flows/calls/support.yaml", setIn(["name"], "Support Desk")),
    },
    {
      kind: "exclude: a flow leaves the stack",
      touches: ["flow calls/direct"],
      stack: true,
      apply: (w) => w.editConfig((c) => (c.exclude = [...(c.exclude as string[]), "calls/direct"])),
    },
    {
      kind: "include: a flow joins the stack",
      touches: ["flow digital/extra"],
      stack: true,
      apply: (w) => w.editConfig((c) => delete c.exclude),
    },
    { kind: "forceUnlock", touches: [], stack: true, apply: (w) => w.editConfig((c) => (c.forceUnlock = "false")) },
    { kind: "environment", touches: [], stack: true, apply: (w) => w.editConfig((c) => (c.environment = "test")) },
    { kind: "orgId", touches: [], stack: true, apply: (w) => w.editConfig((c) => (c.orgId = ORG.id)) },
    {
      kind: "skipOrgReferenceCheck",
      touches: [],
      stack: true,
      apply: (w) => w.editConfig((c) => (c.skipOrgReferenceCheck = "the agreement tier's emulator has every object")),
    },
    { kind: "releasesKept", touches: [], stack: true, apply: (w) => w.editConfig((c) => (c.releasesKept = 5)) },
    {
      kind: "emulatorOrg (the review checks the org references offline against it; the engine reads it not)",
      touches: [],
      stack: true,
      apply: (w) => {
        w.write(AGREEMENT_ORG_FILE, YAML.stringify(agreementOrg(w)));
        w.editConfig((c) => (c.emulatorOrg = AGREEMENT_ORG_FILE));
      },
    },
    {
      kind: "acknowledge",
      touches: [],
      stack: true,
      apply: (w) =>
        w.editConfig(
          (c) => (c.acknowledge = { "calls/billing": { reason: "a hotfix the team took over", version: "1.0" } }),
        ),
    },
    {
      kind: "provider: region",
      touches: ["provider genesyscloud"],
      stack: true,
      apply: (w) => w.editConfig((c) => (provider(c).region = "eu-west-1")),
    },
    {
      kind: "provider: tokenPoolSize",
      touches: ["provider genesyscloud"],
      stack: true,
      apply: (w) => w.editConfig((c) => (provider(c).tokenPoolSize = 2)),
    },
    {
      kind: "provider: customRetryTimeout",
      touches: ["provider genesyscloud"],
      stack: true,
      apply: (w) => w.editConfig((c) => (provider(c).customRetryTimeout = "20s")),
    },
    {
      kind: "provider: publishers",
      touches: ["provider genesyscloud-publisher-2"],
      stack: true,
      apply: (w) => w.editConfig((c) => (provider(c).publishers = 2)),
    },
    {
      kind: "routing: an IVR config's numbers (stack value)",
      touches: ["routing ivr/sales-line"],
      stack: true,
      apply: (w) => w.editConfig((c) => (routingValues(c)["ivr/sales-line"].numbers = ["+13175550102"])),
    },
    {
      kind: "routing: a schedule",
      touches: ["routing schedules/weekdays"],
      apply: (w) => w.editYaml("routing/schedules/weekdays.yaml", setIn(["start"], "2026-01-05T09:00:00")),
    },
    {
      kind: "routing: a schedule group's time zone (stack value)",
      touches: ["routing hours/business"],
      stack: true,
      apply: (w) => w.editConfig((c) => (routingValues(c)["hours/business"].timeZone = "America/Denver")),
    },
    {
      kind: "routing: an emergency group switched on (stack value)",
      touches: ["routing emergency/closure"],
      stack: true,
      apply: (w) => w.editConfig((c) => (routingValues(c)["emergency/closure"] = { enabled: true })),
    },
    {
      kind: "routing: a DID pool's range",
      touches: ["routing numbers/block"],
      apply: (w) => w.editYaml("routing/numbers/block.yaml", setIn(["numbers", "to"], "+13175550189")),
    },
    {
      kind: "routing: an IVR config renamed (replaced: the emergency group over it re-pointed)",
      touches: ["routing ivr/sales-line", "routing emergency/closure"],
      apply: (w) => w.editYaml("routing/ivr/sales-line.yaml", setIn(["name"], "Sales hotline")),
    },
    {
      kind: "routing: a new object (a schedule, in the schedule group)",
      touches: ["routing schedules/summer", "routing hours/business"],
      apply: (w) => {
        w.write(
          "routing/schedules/summer.yaml",
          YAML.stringify({
            kind: "schedule",
            name: "Summer break",
            start: "2026-08-01T00:00:00",
            end: "2026-08-01T23:59:59",
          }),
        );
        w.editYaml("routing/hours/business.yaml", setIn(["holiday"], ["schedules/new-year", "schedules/summer"]));
      },
    },
    {
      kind: "routing: an object removed (a schedule, from the schedule group)",
      touches: ["routing schedules/new-year", "routing hours/business"],
      apply: (w) => {
        w.remove("routing/schedules/new-year.yaml");
        w.editYaml("routing/hours/business.yaml", (doc) => doc.delete("holiday"));
      },
    },
    {
      kind: "adoption: first up (an org flow adopted, with the substitution key the import records)",
      touches: ["flow stacks/local/adopted-mail"],
      stack: true,
      apply: async (w) => {
        await publishOk(w.p.emulator, architectCall("local-Adopted Mail", "Mail adopted"));
        await adopt(w, "local-Adopted");
      },
    },
    {
      kind: "adoption: first change",
      touches: [`flow ${ADOPTED}`],
      apply: (w) => w.editYaml(`flows/${ADOPTED}.yaml`, setIn(["description"], "Billing, taken over by the stack.")),
    },
    {
      kind: "adoption: the adopted flow leaves the stack (stays in the org)",
      touches: [`flow ${ADOPTED}`],
      stack: true,
      apply: (w) => {
        w.remove(`flows/${ADOPTED}.yaml`);
        w.editConfig((c) => delete flowSettings(c)[ADOPTED]);
      },
    },
    {
      kind: "a new flow file",
      touches: ["flow calls/new"],
      apply: (w) =>
        w.write(
          "flows/calls/new.yaml",
          YAML.stringify({ kind: "inboundCall", name: "New", start: "Bye", nodes: { Bye: { type: "disconnect" } } }),
        ),
    },
    { kind: "a deleted file", touches: ["flow digital/chat"], apply: (w) => w.remove("flows/digital/chat.yaml") },
  ];
}
