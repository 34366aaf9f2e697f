// Routing as code, the pure cores: the file format (model/routing), the routing checks
// (checks/routing.ts) and the routing planner (planner/routing.ts). Every refusal names the file,
// the line and the field. Fixtures are written here; the shipped routing/ folder is not read.
import { parseRoutingText } from "../../model/routing/load";
import { rruleProblem } from "../../model/routing/rrule";
import { timeZoneProblem } from "../../model/routing/timeZones";
import { expandNumbers, providerDateTime } from "../../model/routing/schema";
import { runRoutingChecks } from "../../checks/routing";
import { FlowLoadError, formatIssue } from "../../model/errors";
import { orgIvrFacts, planRouting } from "../../planner/routing";
import { parseStackSettings } from "../../planner/stackSettings";
import { poolsHolding, releaseOrder } from "../../components/routing";
import { localDateTimeOf } from "../../model/routing/kinds/schedule";
import { numberEntries } from "../../model/routing/kinds/ivr";
import { readFileSync } from "node:fs";
import { renderRoutingSchema, ROUTING_SCHEMA_PATH } from "../../tools/generateFlowSchema";

const SCHEDULE = `kind: schedule
name: Weekdays
start: 2026-01-05T08:00:00
end: 2026-01-05T18:00:00
rrule: FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
`;
const GROUP = `kind: scheduleGroup
name: Business hours
timeZone: America/New_York
open: [schedules/weekdays]
`;
const ivr = (name: string, numbers: string, extra = "") => `kind: ivr
name: ${name}
numbers: ${numbers}
flows:
  open: calls/sales
scheduleGroup: hours/business
${extra}`;

const FLOWS = [
  { id: "calls/sales", apiType: "INBOUNDCALL" },
  { id: "calls/support", apiType: "INBOUNDCALL" },
  { id: "digital/chat", apiType: "INBOUNDSHORTMESSAGE" },
];

function messages(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof FlowLoadError) return e.issues.map(formatIssue);
    throw e;
  }
  throw new Error("expected a FlowLoadError");
}

const sources = (files: Record<string, string>) =>
  Object.entries(files).map(([id, text]) => ({ id, file: `routing/${id}.yaml`, text }));
const settings = (raw: Record<string, unknown> = {}) =>
  parseStackSettings({ environment: "dev", namePrefix: "dev-", ...raw }, "Pulumi.dev.yaml");
const base = { "schedules/weekdays": SCHEDULE, "hours/business": GROUP };

describe("routing files (model/routing)", () => {
  it("loads each kind, with defaults", () => {
    const g = parseRoutingText(GROUP, "routing/hours/business.yaml");
    expect(g.id).toBe("hours/business");
    expect(g.value).toEqual({
      kind: "scheduleGroup",
      name: "Business hours",
      timeZone: "America/New_York",
      open: ["schedules/weekdays"],
      closed: [],
      holiday: [],
    });
    const e = parseRoutingText(
      "kind: emergencyGroup\nname: Closure\nflow: calls/support\nivrs: [ivr/main]\n",
      "routing/e.yaml",
    );
    expect(e.value).toMatchObject({ enabled: false });
  });

  it("refuses a bad value at its file, line, column and field", () => {
    expect(messages(() => parseRoutingText(ivr("Main", '["+1317555010"x]'), "routing/ivr/main.yaml"))).toEqual([
      expect.stringMatching(/^routing\/ivr\/main.yaml:3:\d+: YAML|^routing\/ivr\/main.yaml:3/),
    ]);
    expect(messages(() => parseRoutingText(ivr("Main", '["3175550100"]'), "routing/ivr/main.yaml"))).toEqual([
      'routing/ivr/main.yaml:3:11: field "numbers[0]": expected an E.164 number such as +13175550100, found "3175550100"',
    ]);
    expect(
      messages(() => parseRoutingText(GROUP.replace("America/New_York", "America/New_Yrok"), "routing/g.yaml")),
    ).toEqual([
      'routing/g.yaml:3:1: field "timeZone": "America/New_Yrok" is not an IANA time zone (e.g. America/New_York, Europe/London); did you mean "America/New_York"?',
    ]);
    expect(messages(() => parseRoutingText(SCHEDULE.replace("BYDAY=MO", "BYDAY=MX"), "routing/s.yaml"))).toEqual([
      'routing/s.yaml:5:1: field "rrule": RRULE part BYDAY=MX,TU,WE,TH,FR: "MX" is not a week day (MO, TU, WE, TH, FR, SA, SU, optionally numbered as in 1MO or -1FR)',
    ]);
    expect(
      messages(() =>
        parseRoutingText(SCHEDULE.replace("end: 2026-01-05T18:00:00", "end: 2026-02-30T18:00:00"), "routing/s.yaml"),
      ),
    ).toEqual(['routing/s.yaml:4:1: field "end": "2026-02-30T18:00:00" is not a valid date and time']);
  });

  it("names an unknown key with a did-you-mean, and an unknown kind with the kinds", () => {
    expect(messages(() => parseRoutingText(`${GROUP}timezone: UTC\n`, "routing/g.yaml"))).toEqual([
      expect.stringContaining('routing/g.yaml:5:1: field "timezone": unknown key; did you mean "timeZone"?'),
    ]);
    expect(messages(() => parseRoutingText("kind: ivrConfig\nname: x\n", "routing/x.yaml"))).toEqual([
      expect.stringContaining(
        'routing/x.yaml:1:1: field "kind": unknown kind "ivrConfig"; expected one of didPool, schedule, scheduleGroup, ivr, emergencyGroup',
      ),
    ]);
  });

  it("expands number ranges and refuses huge or reversed ones", () => {
    expect(expandNumbers(["+13175550100", { from: "+13175550108", to: "+13175550110" }]).map((n) => n.number)).toEqual([
      "+13175550100",
      "+13175550108",
      "+13175550109",
      "+13175550110",
    ]);
    expect(
      messages(() =>
        parseRoutingText(ivr("Main", '[{from: "+13175550000", to: "+13175559999"}]'), "routing/i.yaml"),
      )[0],
    ).toMatch(
      /routing\/i.yaml:3:\d+: field "numbers\[0\]": range \+13175550000..\+13175559999 holds 10000 numbers; at most 1000/,
    );
    expect(
      messages(() =>
        parseRoutingText(ivr("Main", '[{from: "+13175550109", to: "+13175550100"}]'), "routing/i.yaml"),
      )[0],
    ).toMatch(/'to' is before 'from'/);
  });

  it("checks RRULEs against RFC 5545 and time zones against the tz database", () => {
    for (const ok of [
      "FREQ=WEEKLY;BYDAY=MO,FR",
      "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25",
      "FREQ=MONTHLY;BYDAY=-1FR",
      "FREQ=DAILY;COUNT=3",
      "FREQ=WEEKLY;UNTIL=20261231T235959Z",
    ])
      expect(rruleProblem(ok)).toBeUndefined();
    expect(rruleProblem("BYDAY=MO")).toMatch(/no FREQ/);
    expect(rruleProblem("FREQ=WEEKLY;COUNT=2;UNTIL=20261231")).toMatch(/both COUNT and UNTIL/);
    expect(rruleProblem("FREQ=WEEKLY;BYDAY=1MO")).toMatch(/needs FREQ=MONTHLY or FREQ=YEARLY/);
    expect(rruleProblem("FREQ=YEARLY;BYMONTH=13")).toMatch(/"13" is not 1 to 12/);
    expect(rruleProblem("FREQ=FORTNIGHTLY")).toMatch(/expected one of/);
    expect(timeZoneProblem("Europe/London")).toBeUndefined();
    expect(timeZoneProblem("UTC")).toBeUndefined();
    expect(timeZoneProblem("+01:00")).toMatch(/not an IANA time zone/);
    expect(timeZoneProblem("EST")).toMatch(/not an IANA time zone/);
  });

  it("writes date-times in the provider's format", () => {
    expect(providerDateTime("2026-01-05T08:00")).toBe("2026-01-05T08:00:00.000000");
    expect(providerDateTime("2026-01-05T08:00:30.5")).toBe("2026-01-05T08:00:30.500000");
  });

  it("the committed editor schema is up to date (run `npm run schema:generate`)", () => {
    expect(readFileSync(ROUTING_SCHEMA_PATH, "utf8")).toBe(renderRoutingSchema());
  });
});

describe("routing checks (checks/routing.ts)", () => {
  const load = (files: Record<string, string>) => sources(files).map((s) => parseRoutingText(s.text, s.file));
  const check = (files: Record<string, string>, extra: Partial<Parameters<typeof runRoutingChecks>[0]> = {}) =>
    runRoutingChecks({ objects: load(files), flows: FLOWS, ...extra }).map((f) => `${formatIssue(f)} [${f.ruleId}]`);

  it("passes a consistent set, and warns about inbound call flows no IVR config reaches", () => {
    expect(check({ ...base, "ivr/main": ivr("Main", '["+13175550100"]') })).toEqual([
      "flows/calls/support.yaml: no IVR config of the stack routes to this inbound call flow; no number reaches it [routing-unreached-flows]",
    ]);
  });

  it("refuses a number routed twice, at the second one's line, naming the first", () => {
    expect(
      check({
        ...base,
        "ivr/a": ivr("A", '["+13175550100"]'),
        "ivr/b": ivr("B", '[{from: "+13175550099", to: "+13175550101"}]'),
      }).filter((m) => m.includes("routing-numbers")),
    ).toEqual([
      'routing/ivr/b.yaml:3:11: field "numbers[0]": +13175550100 is already routed by routing/ivr/a.yaml (line 3); a number goes to one IVR config [routing-numbers]',
    ]);
  });

  it("refuses a number an IVR config the stack does not manage routes in the org", () => {
    const found = check(
      { ...base, "ivr/a": ivr("A", '["+13175550100"]') },
      { unmanagedIvrs: [{ id: "org-ivr-1", name: "Legacy line", numbers: ["+13175550100"] }] },
    );
    expect(found).toContain(
      'routing/ivr/a.yaml:3:11: field "numbers[0]": +13175550100 is routed in the org by IVR config "Legacy line" (org-ivr-1), which this stack does not manage; remove it there first, or adopt that IVR config (flows:import) [routing-numbers]',
    );
  });

  it("refuses an IVR flow that is missing or not an inbound call flow", () => {
    const found = check({
      ...base,
      "ivr/a": ivr("A", "[]").replace("open: calls/sales", "open: digital/chat\n  closed: calls/sale"),
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'routing/ivr/a.yaml:5:3: field "flows.open": flows/digital/chat.yaml is not an inbound call flow (INBOUNDSHORTMESSAGE); Genesys routes numbers to inbound call flows only [routing-flows]',
        'routing/ivr/a.yaml:6:3: field "flows.closed": no flow flows/calls/sale.yaml in this stack; did you mean "calls/sales"? [routing-flows]',
      ]),
    );
  });

  it("refuses a schedule group with no open schedule, and references to missing or wrong-kind objects", () => {
    const found = check({
      "schedules/weekdays": SCHEDULE,
      "hours/business": GROUP.replace(
        "open: [schedules/weekdays]",
        "open: []\nclosed: [hours/business, schedules/weekday]",
      ),
      "ivr/a": ivr("A", "[]").replace("hours/business", "schedules/weekdays"),
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'routing/hours/business.yaml:4:1: field "open": a schedule group needs at least one open schedule (Genesys requires one) [routing-open-schedule]',
        'routing/hours/business.yaml:5:10: field "closed[0]": routing/hours/business.yaml is a scheduleGroup, not a schedule [routing-references]',
        'routing/hours/business.yaml:5:26: field "closed[1]": no schedule routing/schedules/weekday.yaml; did you mean "schedules/weekdays"? [routing-references]',
        'routing/ivr/a.yaml:6:1: field "scheduleGroup": routing/schedules/weekdays.yaml is a schedule, not a scheduleGroup [routing-references]',
      ]),
    );
  });

  it("refuses a schedule starting on a day its BYDAY leaves out, or ending before it starts", () => {
    const found = check({
      "schedules/s": SCHEDULE.replace("2026-01-05T08", "2026-01-04T08").replace(
        "end: 2026-01-05T18:00:00",
        "end: 2026-01-04T07:00:00",
      ),
    });
    expect(found).toEqual([
      'routing/schedules/s.yaml:3:1: field "start": starts on a Sunday, a day the rrule\'s BYDAY (MO,TU,WE,TH,FR) does not list; the provider refuses it: start on a listed day [routing-schedules]',
      'routing/schedules/s.yaml:4:1: field "end": ends (2026-01-04T07:00:00) before it starts (2026-01-04T08:00:00) [routing-schedules]',
    ]);
  });

  it("refuses two objects of a kind with one name", () => {
    expect(check({ ...base, "hours/other": GROUP.replace("Business hours", "BUSINESS HOURS") })).toContain(
      'routing/hours/other.yaml:2:1: field "name": scheduleGroup name "BUSINESS HOURS" is also used by routing/hours/business.yaml [routing-unique-names]',
    );
  });
});

describe("routing plan (planner/routing.ts)", () => {
  const files = {
    ...base,
    "ivr/a": ivr("A", '["+13175550100"]'),
    "ivr/b": ivr("B", '["+13175550101"]').replace("calls/sales", "calls/support"),
  };
  const plan = (raw: Record<string, unknown> = {}, extra: Record<string, string> = {}) =>
    planRouting({
      settings: settings(raw),
      sources: sources({ ...files, ...extra }),
      flows: FLOWS,
      stackFile: "Pulumi.dev.yaml",
    });

  it("orders schedules, groups, IVR configs, emergency groups; prefixes names", () => {
    const p = plan({}, { "emergency/x": "kind: emergencyGroup\nname: X\nflow: calls/support\nivrs: [ivr/a]\n" });
    expect(p.objects.map((o) => `${o.kind}:${o.id}:${o.publishedName}:${o.resourceName}`)).toEqual([
      "schedule:schedules/weekdays:dev-Weekdays:routing/schedules/weekdays",
      "scheduleGroup:hours/business:dev-Business hours:routing/hours/business",
      "ivr:ivr/a:dev-A:routing/ivr/a",
      "ivr:ivr/b:dev-B:routing/ivr/b",
      "emergencyGroup:emergency/x:dev-X:routing/emergency/x",
    ]);
    expect(p.advisories).toEqual([]);
  });

  it("applies the stack's values, validated again, and its exclusions", () => {
    const p = plan({
      routing: {
        exclude: ["ivr/b"],
        objects: {
          "ivr/a": { numbers: ["+442071234567"], adopt: "ivr-123" },
          "hours/business": { timeZone: "Europe/London" },
        },
      },
    });
    expect(p.objects.find((o) => o.id === "ivr/a")).toMatchObject({
      value: { numbers: ["+442071234567"] },
      adopt: "ivr-123",
    });
    expect(p.objects.find((o) => o.id === "hours/business")?.value).toMatchObject({ timeZone: "Europe/London" });
    expect(p.objects.some((o) => o.id === "ivr/b")).toBe(false);
  });

  it("refuses a bad stack value at the stack file and key, and values for no file", () => {
    expect(
      messages(() =>
        plan({
          routing: { objects: { "ivr/a": { numbers: ["0800"], flows: { open: "x" } }, "ivr/c": { numbers: [] } } },
        }),
      ),
    ).toEqual([
      'Pulumi.dev.yaml: field "genesys-flows:routing.objects.ivr/c": no routing file routing/ivr/c.yaml; did you mean "ivr/a"?',
      'Pulumi.dev.yaml: field "genesys-flows:routing.objects.ivr/a.flows": "flows" is not a per-stack value of kind ivr; per-stack values: adopt, description, name, numbers, retainOnDelete',
    ]);
    expect(
      messages(() => plan({ routing: { objects: { "hours/business": { timeZone: "Mars/Olympus" } } } }))[0],
    ).toMatch(
      /^Pulumi.dev.yaml: field "genesys-flows:routing.objects.hours\/business.timeZone": "Mars\/Olympus" is not an IANA time zone/,
    );
  });

  it("stops on core findings with every problem; a project without routing plans nothing", () => {
    expect(messages(() => plan({}, { "ivr/b": ivr("B", '["+13175550100"]') }))).toEqual([
      expect.stringContaining("+13175550100 is already routed by routing/ivr/a.yaml"),
    ]);
    expect(planRouting({ settings: settings(), sources: [], flows: FLOWS, stackFile: "Pulumi.dev.yaml" })).toEqual({
      objects: [],
      advisories: [],
    });
  });

  it("tells numbers moving between the stack's IVR configs from numbers held outside it", () => {
    const p = plan({
      routing: { objects: { "ivr/a": { numbers: ["+13175550101"] }, "ivr/b": { numbers: ["+13175550100"] } } },
    });
    const facts = orgIvrFacts(p.objects, [
      { id: "1", name: "dev-A", numbers: ["+13175550100"] },
      { id: "2", name: "dev-b", numbers: ["+13175550101"] },
      { id: "3", name: "Legacy", numbers: ["+13175550199"] },
    ]);
    expect(facts.unmanaged.map((i) => i.name)).toEqual(["Legacy"]);
    expect([...facts.releases]).toEqual([
      ["ivr/a", ["ivr/b"]],
      ["ivr/b", ["ivr/a"]],
    ]);
    // Renamed by this run (the org still has the old name): the state's id says it is the stack's own.
    const renamed = [{ id: "1", name: "dev-Old A", numbers: ["+13175550101"] }];
    expect(orgIvrFacts(p.objects, renamed).unmanaged.map((i) => i.name)).toEqual(["dev-Old A"]);
    expect(orgIvrFacts(p.objects, renamed, new Map([["ivr/a", "1"]])).unmanaged).toEqual([]);
    // A swap is a cycle: the first met waits for nothing; a one-way move orders the releaser first.
    expect(releaseOrder(p.objects, new Map([["ivr/a", ["ivr/b"]]])).map((o) => o.id)).toEqual([
      "schedules/weekdays",
      "hours/business",
      "ivr/b",
      "ivr/a",
    ]);
  });
});

describe("DID pools (kind didPool)", () => {
  const POOL = (from: string, to: string) =>
    `kind: didPool\ndescription: Sales numbers\nnumbers: {from: "${from}", to: "${to}"}\n`;
  const files = {
    ...base,
    "ivr/a": ivr("A", '["+13175550100", {from: "+13175550150", to: "+13175550152"}]'),
    "numbers/sales": POOL("+13175550100", "+13175550149"),
  };
  const plan = (extra: Record<string, string> = {}, orgDidPools?: Array<{ id: string; from: string; to: string }>) =>
    planRouting({
      settings: settings(),
      sources: sources({ ...files, ...extra }),
      flows: FLOWS,
      stackFile: "Pulumi.dev.yaml",
      ...(orgDidPools ? { orgDidPools } : {}),
    });

  it("loads a range of up to 10,000 numbers and a provider; is planned first, named by its range, without the stack's prefix", () => {
    expect(
      parseRoutingText(
        POOL("+13175550000", "+13175559999").replace("\n", "\nprovider: PURE_CLOUD_VOICE\n"),
        "routing/numbers/x.yaml",
      ).value,
    ).toEqual({
      kind: "didPool",
      description: "Sales numbers",
      provider: "PURE_CLOUD_VOICE",
      numbers: { from: "+13175550000", to: "+13175559999" },
    });
    expect(messages(() => parseRoutingText(POOL("+13175550000", "+13175560000"), "routing/numbers/x.yaml"))).toEqual([
      expect.stringContaining("holds 10001 numbers; at most 10000 per range"),
    ]);
    expect(
      messages(() => parseRoutingText(`${POOL("+1", "+2")}name: Sales\n`, "routing/numbers/x.yaml")).some((m) =>
        m.includes('field "name": unknown key'),
      ),
    ).toBe(true);
    const p = plan();
    expect(p.objects.map((o) => `${o.kind}:${o.id}:${o.publishedName}`)).toEqual([
      "didPool:numbers/sales:+13175550100..+13175550149",
      "schedule:schedules/weekdays:dev-Weekdays",
      "scheduleGroup:hours/business:dev-Business hours",
      "ivr:ivr/a:dev-A",
    ]);
  });

  it("refuses two of the stack's pools that overlap, at the later file's range", () => {
    expect(messages(() => plan({ "numbers/more": POOL("+13175550149", "+13175550199") }))).toEqual([
      'routing/numbers/more.yaml:3:1: field "numbers": range +13175550149..+13175550199 overlaps DID pool routing/numbers/sales.yaml (+13175550100..+13175550149); Genesys refuses a DID pool that overlaps another',
    ]);
    expect(
      plan({ "numbers/more": POOL("+13175550150", "+13175550199") }).objects.filter((o) => o.kind === "didPool"),
    ).toHaveLength(2);
  });

  it("warns, when the org's pools are known, about each routed number entry no pool of the stack or the org holds", () => {
    // Not read: nothing known, nothing said.
    expect(plan().advisories.filter((f) => f.ruleId === "routing-unheld-numbers")).toEqual([]);
    const unheld = (org: Array<{ id: string; from: string; to: string }>) =>
      plan({}, org)
        .advisories.filter((f) => f.ruleId === "routing-unheld-numbers")
        .map((f) => `${formatIssue(f)}`);
    expect(unheld([])).toEqual([
      'routing/ivr/a.yaml:3:27: field "numbers[1]": 3 numbers of this range (+13175550150, ...) are in no DID pool of the stack or the org; Genesys routes a number only when a DID pool holds it: declare a DID pool (kind: didPool) that holds them',
    ]);
    expect(unheld([{ id: "p1", from: "+13175550150", to: "+13175550151" }])).toEqual([
      'routing/ivr/a.yaml:3:27: field "numbers[1]": +13175550152 is in no DID pool of the stack or the org; Genesys routes a number only when a DID pool holds it: declare a DID pool (kind: didPool) that holds it',
    ]);
    expect(unheld([{ id: "p1", from: "+13175550150", to: "+13175550199" }])).toEqual([]);
  });

  it("creates an IVR config after the pools that hold its numbers (and deletes it before them)", () => {
    const p = plan({ "numbers/other": POOL("+13175550300", "+13175550399") });
    expect(poolsHolding(p.objects, p.objects.find((o) => o.id === "ivr/a")!)).toEqual(["numbers/sales"]);
    expect(poolsHolding(p.objects, p.objects.find((o) => o.id === "numbers/sales")!)).toEqual([]);
  });
});

describe("routing adoption (import/adoptRouting.ts)", () => {
  it("writes an org's numbers as entries whose expansion is the org's list, runs of three or more as ranges", () => {
    const org = [
      "+13175550100",
      "+13175550101",
      "+13175550102",
      "+13175550200",
      "+13175550201",
      "+442071234567",
      "+13175550103",
    ];
    const entries = numberEntries(org);
    expect(entries).toEqual([
      { from: "+13175550100", to: "+13175550102" },
      "+13175550200",
      "+13175550201",
      "+442071234567",
      "+13175550103",
    ]);
    expect(expandNumbers(entries).map((n) => n.number)).toEqual(org);
    expect(numberEntries([])).toEqual([]);
  });

  it("reads the API's date-times as the format's local ones, a zero fraction dropped", () => {
    expect(localDateTimeOf("2026-01-05T08:00:00.000000")).toBe("2026-01-05T08:00:00");
    expect(localDateTimeOf("2026-01-05T08:00:00.250")).toBe("2026-01-05T08:00:00.25");
    expect(localDateTimeOf("2026-01-05T08:00:00")).toBe("2026-01-05T08:00:00");
  });
});
