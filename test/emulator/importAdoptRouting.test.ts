// flows:import --stack --prefix adopts the org's routing too, against the emulator: schedules,
// schedule groups, IVR configs and emergency groups whose name starts with the prefix become
// routing files (references as routing ids and flow ids, the flows adopted in the same run
// included), and the stack file records each one's `adopt` with the org's own values (the IVR
// config's numbers, the emergency group switched on). The written routing plans as `up` plans it.
// Nothing is written when a reference cannot be expressed or a file exists (without --force).
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { call, publish } from "../../testkit/emulator";
import { portfolioAgainst, runImport } from "./importHelpers";
import { architectCall } from "../../testkit/architectFlow";
import { readRoutingSources } from "../../project/routingFiles";
import { readStackSettings } from "../../project/stackFile";
import { planRouting } from "../../planner/routing";
import { readPortfolio } from "../../project/portfolio";

let emu: RunningEmulator;
let root: string;

beforeEach(async () => {
  emu = await startEmulator({});
  root = portfolioAgainst(emu, "routing-adopt-");
});
afterEach(async () => {
  await emu.stop();
  rmSync(root, { recursive: true, force: true });
});

const run = (...argv: string[]) => runImport(root, ...argv);

/** Creates a routing object straight in the emulator, as Architect or another tool would. */
async function create(collection: string, body: Record<string, unknown>): Promise<string> {
  const r = await call<{ id: string }>(`http://127.0.0.1:${emu.port}/api/v2/architect/${collection}`, {
    method: "POST",
    token: emu.accessToken,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (r.status !== 200) throw new Error(`POST ${collection}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id;
}

async function orgRouting() {
  const sales = (await publish(emu, architectCall("test-Sales"))).flow!.id;
  const support = (await publish(emu, architectCall("test-Legacy Support"))).flow!.id;
  const weekdays = await create("schedules", {
    name: "test-Legacy Weekdays",
    start: "2026-01-05T08:00:00.000000",
    end: "2026-01-05T18:00:00.000000",
    rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
  });
  const weekend = await create("schedules", {
    name: "test-Legacy Weekend",
    description: "Saturdays and Sundays",
    start: "2026-01-03T00:00:00.000000",
    end: "2026-01-03T23:59:59.000000",
    rrule: "FREQ=WEEKLY;BYDAY=SA,SU",
  });
  const hours = await create("schedulegroups", {
    name: "test-Legacy Hours",
    timeZone: "America/Chicago",
    openSchedules: [{ id: weekdays }],
    closedSchedules: [{ id: weekend }],
  });
  const numbers = ["+13175550100", "+13175550101", "+13175550102", "+13175550200"];
  const ivr = await create("ivrs", {
    name: "test-Legacy Line",
    dnis: numbers,
    openHoursFlow: { id: sales },
    closedHoursFlow: { id: support },
    scheduleGroup: { id: hours },
  });
  const closure = await create("emergencygroups", {
    name: "test-Legacy Closure",
    enabled: true,
    emergencyCallFlows: [{ emergencyFlow: { id: support }, ivrs: [{ id: ivr }] }],
  });
  await create("schedules", {
    name: "test-Other",
    start: "2026-01-05T08:00:00.000000",
    end: "2026-01-05T18:00:00.000000",
  });
  return { sales, support, weekdays, weekend, hours, ivr, closure };
}

describe("flows:import --stack adopts routing", () => {
  it("writes one routing file per object, references as routing ids and flow ids, and the stack's records with the org's values", async () => {
    const ids = await orgRouting();
    const r = await run("--stack", "test", "--prefix", "test-Legacy");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const read = (id: string) => YAML.parse(readFileSync(join(root, `routing/${id}.yaml`), "utf8"));
    expect(
      readFileSync(join(root, "routing/stacks/test/ivr/legacy-line.yaml"), "utf8").split("\n").slice(0, 2),
    ).toEqual([
      "# yaml-language-server: $schema=../../../../schema/routing.schema.json",
      `# Adopted from org IVR config "test-Legacy Line" (${ids.ivr}) of stack test (flows:import).`,
    ]);
    expect(read("stacks/test/schedules/legacy-weekdays")).toEqual({
      kind: "schedule",
      name: "Legacy Weekdays",
      start: "2026-01-05T08:00:00",
      end: "2026-01-05T18:00:00",
      rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
    });
    expect(read("stacks/test/schedules/legacy-weekend")).toMatchObject({
      name: "Legacy Weekend",
      description: "Saturdays and Sundays",
      end: "2026-01-03T23:59:59",
    });
    expect(read("stacks/test/hours/legacy-hours")).toEqual({
      kind: "scheduleGroup",
      name: "Legacy Hours",
      timeZone: "America/Chicago",
      open: ["stacks/test/schedules/legacy-weekdays"],
      closed: ["stacks/test/schedules/legacy-weekend"],
      holiday: [],
    });
    // The open flow is the stack's by its published name; the closed one is adopted in this run.
    expect(read("stacks/test/ivr/legacy-line")).toEqual({
      kind: "ivr",
      name: "Legacy Line",
      numbers: [],
      flows: { open: "calls/sales", closed: "stacks/test/legacy-support" },
      scheduleGroup: "stacks/test/hours/legacy-hours",
    });
    expect(read("stacks/test/emergency/legacy-closure")).toEqual({
      kind: "emergencyGroup",
      name: "Legacy Closure",
      enabled: false,
      flow: "stacks/test/legacy-support",
      ivrs: ["stacks/test/ivr/legacy-line"],
    });
    expect(existsSync(join(root, "routing/schedules/other.yaml"))).toBe(false);

    const stackText = readFileSync(join(root, "Pulumi.test.yaml"), "utf8");
    expect(stackText).toContain("# The fixture stack of the unit tests.");
    const config = YAML.parse(stackText).config;
    expect(config["genesys-flows:flows"]["stacks/test/legacy-support"]).toEqual({
      adopt: ids.support,
      adoptedRevision: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(config["genesys-flows:routing"]).toEqual({
      objects: {
        "stacks/test/emergency/legacy-closure": { adopt: ids.closure, enabled: true },
        "stacks/test/hours/legacy-hours": { adopt: ids.hours },
        "stacks/test/ivr/legacy-line": {
          adopt: ids.ivr,
          numbers: [{ from: "+13175550100", to: "+13175550102" }, "+13175550200"],
        },
        "stacks/test/schedules/legacy-weekdays": { adopt: ids.weekdays },
        "stacks/test/schedules/legacy-weekend": { adopt: ids.weekend },
      },
    });
    expect(r.out).toContain(
      `recorded Pulumi.test.yaml: genesys-flows:routing.objects.stacks/test/ivr/legacy-line.adopt: ${ids.ivr} (and its numbers)`,
    );

    // What `up` plans from them: every object adopted by id, the org's numbers and values.
    const settings = readStackSettings(root, "test");
    const portfolio = readPortfolio(root, "test");
    const plan = planRouting({
      settings,
      sources: readRoutingSources(root),
      flows: portfolio.flows.map((f) => ({ id: f.id, apiType: f.kind.apiType })),
      stackFile: "Pulumi.test.yaml",
    });
    expect(plan.objects.map((o) => [o.id, o.publishedName, o.adopt])).toEqual([
      ["stacks/test/schedules/legacy-weekdays", "test-Legacy Weekdays", ids.weekdays],
      ["stacks/test/schedules/legacy-weekend", "test-Legacy Weekend", ids.weekend],
      ["stacks/test/hours/legacy-hours", "test-Legacy Hours", ids.hours],
      ["stacks/test/ivr/legacy-line", "test-Legacy Line", ids.ivr],
      ["stacks/test/emergency/legacy-closure", "test-Legacy Closure", ids.closure],
    ]);
    expect(plan.objects.find((o) => o.id === "stacks/test/emergency/legacy-closure")!.value).toMatchObject({
      enabled: true,
    });
    // Adopted: retained in the org when the stack is destroyed or the file removed.
    expect(plan.objects.every((o) => o.retainOnDelete)).toBe(true);

    // Again: the files exist; nothing is written, each one named.
    const again = await run("--stack", "test", "--prefix", "test-Legacy");
    expect(again.code).toBe(1);
    expect(again.err).toContain("routing/stacks/test/ivr/legacy-line.yaml: exists; adopting org IVR config");
  });

  it("adopts routing alone, with references to objects the stack already manages", async () => {
    const ids = await orgRouting();
    // The stack's own flow published, and its schedules already adopted by hand.
    const first = await run("--stack", "test", "--prefix", "test-Legacy W");
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    expect(first.out).toContain("0 flow file(s)");
    const second = await run("--stack", "test", "--prefix", "test-Legacy H");
    expect(second.err).toBe("");
    expect(YAML.parse(readFileSync(join(root, "routing/stacks/test/hours/legacy-hours.yaml"), "utf8")).open).toEqual([
      "stacks/test/schedules/legacy-weekdays",
    ]);
    expect(
      YAML.parse(readFileSync(join(root, "Pulumi.test.yaml"), "utf8")).config["genesys-flows:routing"].objects[
        "stacks/test/hours/legacy-hours"
      ],
    ).toEqual({ adopt: ids.hours });
  });

  it("writes nothing when a reference cannot be expressed, naming the object, the reference and the fix", async () => {
    const ids = await orgRouting();
    const before = readFileSync(join(root, "Pulumi.test.yaml"), "utf8");
    const r = await run("--stack", "test", "--prefix", "test-Legacy L");
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `org IVR config "test-Legacy Line" (${ids.ivr}): its closed-hours flow is flow "test-Legacy Support" (${ids.support}), which no flow file of stack "test" publishes; adopt the flow too`,
    );
    expect(r.err).toContain(
      `its schedule group is schedule group "test-Legacy Hours" (${ids.hours}), which this import does not adopt and the stack does not manage`,
    );
    expect(existsSync(join(root, "routing"))).toBe(false);
    expect(readFileSync(join(root, "Pulumi.test.yaml"), "utf8")).toBe(before);
    const none = await run("--stack", "test", "--prefix", "Nothing");
    expect(none.code).toBe(1);
    expect(none.err).toContain(
      'no flow, schedule, schedule group, IVR config or emergency group of the org has a name starting with "Nothing"',
    );
  });
});
