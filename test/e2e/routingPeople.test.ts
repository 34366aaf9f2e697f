// Issue 88.1 and 88.2 end to end, with the real engine, provider and policy pack against the
// emulator: a person (another OAuth client, through the emulator's routing API) adds a number to an
// IVR config, extends a schedule and switches an emergency group on. Verify names each change. On a
// protected stack, a stack edit of the same objects stops before anything changes, through the
// command line's up and plain `pulumi up`, and so does `up --refresh` with no edit; the org keeps
// the person's values. Unprotected, the overwrite is warned, and verify reports it after, with the
// person's values. Steps run in order.
import * as fs from "node:fs";
import * as YAML from "yaml";
import { createProject, runCli, type E2eProject, type ToolRun } from "../../testkit/harness";
import { documented, excerpt } from "../../testkit/docOutputs";
import { portfolioFiles } from "../../testkit/fixtures";
import { call, signIn } from "../../testkit/emulator";
import { gitIn } from "../../testkit/fixtureProject";
import type { RoutingKind } from "../../emulator/routingStore";
import { ROUTING_COLLECTIONS } from "../../emulator/routingStore";

jest.setTimeout(20 * 60_000);

let p: E2eProject;
const OPS = { id: "ops-client", secret: "ops-secret", name: "Ops Console" };
const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
const ROUTING: Record<string, string> = {
  "schedules/weekdays.yaml": y({
    kind: "schedule",
    name: "Weekdays",
    start: "2026-01-05T08:00:00",
    end: "2026-01-05T18:00:00",
    rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
  }),
  "hours/business.yaml": y({
    kind: "scheduleGroup",
    name: "Business hours",
    timeZone: "America/New_York",
    open: ["schedules/weekdays"],
  }),
  "ivr/sales.yaml": y({
    kind: "ivr",
    name: "Sales line",
    numbers: ["+13175550100"],
    flows: { open: "calls/sales", closed: "calls/support" },
    scheduleGroup: "hours/business",
  }),
  "emergency/closure.yaml": y({
    kind: "emergencyGroup",
    name: "Emergency closure",
    flow: "calls/support",
    ivrs: ["ivr/sales"],
  }),
};
const DANA_NUMBER = "+13175550199";

const out = (r: ToolRun) => r.stdout + r.stderr;
/** verify's finding lines of one code, as the docs show them. */
const findingLines = (text: string, code: string) =>
  text
    .split("\n")
    .filter((l) => l.includes(code))
    .join("\n");
const ok = (r: ToolRun): ToolRun => {
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${out(r).slice(-6000)}`);
  return r;
};
/** With ROUTING_TRANSCRIPT=<file>, every command's output is appended there (docs/people-in-the-org.md quotes it). */
const tool = async (args: string[]) => {
  const r = await runCli(p, args);
  if (process.env.ROUTING_TRANSCRIPT)
    fs.appendFileSync(
      process.env.ROUTING_TRANSCRIPT,
      `\n$ genesys-flows ${args.join(" ")}  (exit ${r.code})\n${out(r)}`,
    );
  return r;
};
/** The refusal's text is said once, whatever the engine's display repeats. */
const saidOnce = (text: string) => expect(text.split("Stopped before anything publishes").length - 1).toBe(1);

/** The emulator's object of `kind` named `name`, as its record holds it. */
function object(kind: RoutingKind, name: string): Record<string, unknown> & { id: string; version: number } {
  const r = p.emulator.store.routing.list(kind).find((x) => x.fields.name === name)!;
  return { id: r.id, version: r.version, ...r.fields };
}

/** A person (the ops client) changes an object through the API: GET, edit, PUT, as Architect does. */
async function personEdits(
  kind: RoutingKind,
  name: string,
  edit: (body: Record<string, unknown>) => void,
): Promise<void> {
  const token = await signIn(p.emulator, { clientId: OPS.id, clientSecret: OPS.secret });
  const url = `${p.emulator.url}/api/v2/${ROUTING_COLLECTIONS[kind].path}/${object(kind, name).id}`;
  const body = (await call(url, { token })).body as Record<string, unknown>;
  edit(body);
  const r = await call(url, {
    method: "PUT",
    token,
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
  if (r.status !== 200) throw new Error(`PUT ${url} answered ${r.status}: ${JSON.stringify(r.body)}`);
}

/** Dana's three changes. */
async function danaChangesTheRouting(): Promise<void> {
  await personEdits("ivr", "local-Sales line", (b) => (b.dnis = [...(b.dnis as string[]), DANA_NUMBER]));
  await personEdits("schedule", "local-Weekdays", (b) => (b.end = "2026-01-05T20:00:00.000"));
  await personEdits("emergencyGroup", "local-Emergency closure", (b) => (b.enabled = true));
}

/** The org still holds Dana's values. */
function orgKeepsDanasValues(): void {
  expect(object("ivr", "local-Sales line").dnis).toEqual(["+13175550100", DANA_NUMBER]);
  expect(object("schedule", "local-Weekdays").end).toBe("2026-01-05T20:00:00.000");
  expect(object("emergencyGroup", "local-Emergency closure").enabled).toBe(true);
}

/** Routing writes since `mark`. */
const routingWrites = (mark: number) =>
  p.emulator.requestLog.list().filter((e) => e.seq > mark && e.method !== "GET" && e.operation.startsWith("routing."));
/** Any write since `mark` (flows and routing). */
const anyWrites = (mark: number) =>
  p.emulator.requestLog.list().filter((e) => e.seq > mark && e.method !== "GET" && !e.path.startsWith("/oauth"));

/** The stack edits the same three objects (descriptions only). */
function stackEditsTheSameObjects(edited: boolean): void {
  for (const file of ["ivr/sales.yaml", "schedules/weekdays.yaml", "emergency/closure.yaml"]) {
    p.write(
      `routing/${file}`,
      edited ? y({ ...YAML.parse(ROUTING[file]), description: "edited by the stack" }) : ROUTING[file],
    );
  }
}

describe("a protected stack: a person's IVR number, schedule and emergency switch", () => {
  beforeAll(async () => {
    p = await createProject({
      flows: portfolioFiles(),
      routing: ROUTING,
      emulator: { people: { clients: [OPS] } },
      settings: { forceUnlock: "false" },
    });
    const config = JSON.parse(p.read("policies/config/local.json")) as Record<string, unknown>;
    config["prod-force-unlock"] = { enforcementLevel: "mandatory", environments: ["local"] };
    p.write("policies/config/local.json", `${JSON.stringify(config, null, 2)}\n`);
  });
  afterAll(async () => {
    await p?.cleanup();
  });

  it("1. up deploys; verify finds no routing drift", async () => {
    ok(await tool(["up", "--stack", "local"]));
    const v = ok(await tool(["verify", "--stack", "local"]));
    expect(out(v)).not.toContain("routing-drift");
  });

  it("2. Dana changes the three objects: verify names each, with the field, the org's value, the stack's and who", async () => {
    await danaChangesTheRouting();
    const v = await tool(["verify", "--stack", "local"]);
    expect(v.code).toBe(1);
    expect(out(v)).toMatch(
      /error +\[routing-drift\] local-Sales line \(routing\/ivr\/sales.yaml\): IVR config "local-Sales line" was changed outside the stack: numbers: the org has \+13175550100, \+13175550199, the stack's files say \+13175550100 \(version 2, changed \S+ by Ops Console, after this stack last deployed it/,
    );
    expect(out(v)).toMatch(
      /\[routing-drift\] local-Weekdays \(routing\/schedules\/weekdays.yaml\): schedule "local-Weekdays" was changed outside the stack: end: the org has 2026-01-05T20:00:00, the stack's files say 2026-01-05T18:00:00/,
    );
    expect(out(v)).toMatch(
      /\[routing-drift\] local-Emergency closure \(routing\/emergency\/closure.yaml\): emergency group "local-Emergency closure" was changed outside the stack: switched on: the org has true, the stack's files say false/,
    );
    expect(out(v)).toContain(
      'if their change is to stay, take it into routing/ivr/sales.yaml (then it is the stack\'s to deploy); otherwise acknowledge it in Pulumi.local.yaml: genesys-flows:acknowledge: {ivr/sales: {reason: "<why it may be overwritten>", version: "2"}}',
    );
    documented("people/verify-routing-drift", findingLines(out(v), "[routing-drift]"));
  });

  it("3. an up that writes none of them goes ahead, says what it leaves as the org has it, writes nothing, and its verify fails on them", async () => {
    const mark = p.mark();
    const r = await tool(["up", "--stack", "local"]);
    expect(out(r)).toContain(
      '[deploy] the engine runs: routing object emergency/closure: emergency group "local-Emergency closure" was changed outside the stack: switched on: the org has true',
    );
    expect(out(r)).toMatch(
      /IVR config "local-Sales line" was changed outside the stack: numbers: .*: this run leaves it as the org has it; verify reports it until it is taken into routing\/ivr\/sales.yaml or acknowledged in Pulumi.local.yaml/,
    );
    expect(r.code).toBe(1);
    expect(out(r)).toContain("the deployment succeeded, but the org does not run what the stack deployed");
    expect(anyWrites(mark)).toEqual([]);
    orgKeepsDanasValues();
  });

  const STEP_4 =
    "4. a stack edit of the same objects: the review and preview name each stop, up stops before anything changes, " +
    "the org keeps Dana's values";
  it(STEP_4, async () => {
    // The deployed files are the base, as main is in a pull request.
    gitIn(p.dir, "init", "-q", "-b", "main");
    gitIn(p.dir, "add", "flows", "routing", "Pulumi.local.yaml");
    gitIn(p.dir, "commit", "-q", "-m", "deployed");
    stackEditsTheSameObjects(true);
    // The review names the stops the preview makes: the deploy will be refused.
    const review = await tool(["diff", "--base", "main", "--stack", "local", "--org", "local"]);
    expect(review.code).toBe(1);
    expect(review.stdout).toContain("The deploy will be refused: 3 problems (the review of the rest follows):");
    const stop = "up will stop before anything publishes:";
    const numbers = "numbers: the org has +13175550100, +13175550199, this run writes +13175550100";
    const sales = `local-Sales line (ivr/sales): changed outside the stack: IVR config "local-Sales line": ${numbers}`;
    expect(review.stdout).toContain(`${stop} ${sales}`);
    expect(review.stdout).toContain(`${stop} local-Weekdays (schedules/weekdays): changed outside the stack`);
    expect(review.stdout).toContain("people changed 3 things the deploy would overwrite or meet:");
    expect(review.stdout).not.toContain("nobody changed the flows this deploy touches");
    const preview = ok(await tool(["preview", "--stack", "local"]));
    expect(out(preview)).toMatch(
      /STOP +local-Sales line \(ivr\/sales\): changed outside the stack: IVR config "local-Sales line": numbers: the org has \+13175550100, \+13175550199, this run writes \+13175550100/,
    );
    expect(out(preview)).toMatch(
      /STOP +local-Weekdays \(schedules\/weekdays\): changed outside the stack: .*end: the org has 2026-01-05T20:00:00, this run writes 2026-01-05T18:00:00/,
    );
    expect(out(preview)).toMatch(
      /STOP +local-Emergency closure \(emergency\/closure\): changed outside the stack: .*switched on: the org has true, this run writes false/,
    );
    expect(out(preview)).toContain(
      "up will stop before anything publishes: 3 changes people made would be overwritten or broken (above).",
    );
    const mark = p.mark();
    const up = await tool(["up", "--stack", "local"]);
    expect(up.code).toBe(1);
    expect(out(up)).toContain(
      'take their change into routing/schedules/weekdays.yaml (then it is yours to deploy), or acknowledge it in Pulumi.local.yaml: genesys-flows:acknowledge: {schedules/weekdays: {reason: "<why it may be overwritten>", version: "2"}}',
    );
    expect(out(up)).toContain(
      "Stopped before anything publishes: 3 changes people made would be overwritten or broken (above)",
    );
    documented("people/up-routing-stop", excerpt(out(up), /^ +STOP /, "Stopped before anything publishes"));
    saidOnce(out(up));
    expect(anyWrites(mark)).toEqual([]);
    orgKeepsDanasValues();
  });

  it("5. plain pulumi up stops the same way", async () => {
    const mark = p.mark();
    const up = await p.up(["--skip-preview"]);
    expect(up.code).not.toBe(0);
    expect(up.output).toMatch(/STOP +local-Sales line \(ivr\/sales\): changed outside the stack/);
    expect(up.output).toContain(
      "Stopped before anything publishes: 3 changes people made would be overwritten or broken (above)",
    );
    saidOnce(up.output);
    expect(anyWrites(mark)).toEqual([]);
    orgKeepsDanasValues();
  });

  it("6. the stopped runs recorded nothing: with the edits undone, a plain up writes nothing and verify still names the three", async () => {
    stackEditsTheSameObjects(false);
    const mark = p.mark();
    const r = await tool(["up", "--stack", "local"]);
    expect(anyWrites(mark)).toEqual([]);
    expect(out(r).match(/error +\[routing-drift\]/g)).toHaveLength(3);
  });

  it("7. up --refresh (the command line's, then plain pulumi's) stops the same way: the refresh reads Dana's values, the stack would write them back", async () => {
    for (const run of [
      () => tool(["up", "--stack", "local", "--refresh"]),
      async () => {
        const r = await p.up(["--refresh", "--skip-preview"]);
        return { code: r.code, stdout: r.output, stderr: "" };
      },
    ]) {
      const mark = p.mark();
      const r = await run();
      expect(r.code).not.toBe(0);
      expect(out(r)).toMatch(
        /STOP +local-Emergency closure \(emergency\/closure\): changed outside the stack: .*switched on: the org has true, this run writes false/,
      );
      expect(out(r)).toMatch(/STOP +local-Sales line \(ivr\/sales\)/);
      saidOnce(out(r));
      expect(routingWrites(mark)).toEqual([]);
      orgKeepsDanasValues();
    }
  });

  it("8. acknowledged in the stack file (the version seen), up overwrites them and verify keeps their values, acknowledged", async () => {
    stackEditsTheSameObjects(true);
    p.editConfig((c) => {
      c.acknowledge = Object.fromEntries(
        ["ivr/sales", "schedules/weekdays", "emergency/closure"].map((id) => [
          id,
          { reason: "storm over, back to the plan", version: "2" },
        ]),
      );
    });
    const r = ok(await tool(["up", "--stack", "local"]));
    expect(out(r)).toMatch(/acknowledged +local-Sales line \(ivr\/sales\): changed outside the stack/);
    expect(object("emergencyGroup", "local-Emergency closure").enabled).toBe(false);
    expect(object("ivr", "local-Sales line").dnis).toEqual(["+13175550100"]);
    const v = ok(await tool(["verify", "--stack", "local"]));
    expect(out(v)).toMatch(
      /info +\[overwritten\] local-Sales line \(routing\/ivr\/sales.yaml\): IVR config overwritten by this stack on \S+ over a change made outside it \(version 2, by Ops Console\); their values, which Genesys does not keep: numbers \+13175550100, \+13175550199; acknowledged: "storm over, back to the plan"/,
    );
    expect(out(v)).not.toContain("routing-drift");
  });
});

describe("an unprotected stack: the overwrite is warned, and verify reports it after", () => {
  beforeAll(async () => {
    p = await createProject({ flows: portfolioFiles(), routing: ROUTING, emulator: { people: { clients: [OPS] } } });
  });
  afterAll(async () => {
    await p?.cleanup();
  });

  it("1. up deploys; Dana changes the three objects", async () => {
    ok(await tool(["up", "--stack", "local"]));
    await danaChangesTheRouting();
  });

  it("2. a stack edit of the same objects: up warns, naming each, and writes the stack's values", async () => {
    stackEditsTheSameObjects(true);
    const r = ok(await tool(["up", "--stack", "local"]));
    expect(out(r)).toMatch(
      /warning +local-Sales line \(ivr\/sales\): changed outside the stack: IVR config "local-Sales line": numbers: the org has \+13175550100, \+13175550199, this run writes \+13175550100/,
    );
    expect(object("ivr", "local-Sales line").dnis).toEqual(["+13175550100"]);
    expect(object("schedule", "local-Weekdays").end).toBe("2026-01-05T18:00:00.000000");
    expect(object("emergencyGroup", "local-Emergency closure").enabled).toBe(false);
  });

  it("3. verify reports each overwrite with the person's values, until acknowledged", async () => {
    const v = ok(await tool(["verify", "--stack", "local"]));
    expect(out(v)).toMatch(
      /warning \[overwritten\] local-Sales line \(routing\/ivr\/sales.yaml\): IVR config overwritten by this stack on \S+ over a change made outside it \(version 2, by Ops Console\); their values, which Genesys does not keep: numbers \+13175550100, \+13175550199\. Fix: if their change is to stay, take it into routing\/ivr\/sales.yaml and deploy/,
    );
    expect(out(v)).toMatch(/warning \[overwritten\] local-Weekdays .*end 2026-01-05T20:00:00/);
    expect(out(v)).toMatch(/warning \[overwritten\] local-Emergency closure .*switched on true/);
    documented("people/verify-routing-overwritten", findingLines(out(v), "[overwritten]"));
    expect(out(v)).not.toContain("routing-drift");
  });
});
