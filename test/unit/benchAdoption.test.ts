// The adoption round's pure parts (bench/adoption.ts, bench/targets.ts ADOPTION_RULE): its options,
// the import blocks it writes from the exporter's state file, where a step's time went, and the
// judging of the rule.
import { importBlocks, parseAdoptionArgs, phasesOf } from "../../bench/adoption";
import { ADOPTION_RULE, judgeAdoption, type AdoptionStepFigures, type AdoptionStepName } from "../../bench/targets";
import type { RequestLogEntry } from "../../emulator/requestLog";

const step = (name: AdoptionStepName, wallS: number, more: Partial<AdoptionStepFigures> = {}): AdoptionStepFigures => ({
  n: 1000,
  step: name,
  code: 0,
  wallS,
  largestProcessMB: 300,
  publishes: 0,
  ...more,
});

/** Every step of one round at N = 1,000, ours at the given walls. */
const round = (
  ours: [number, number, number],
  more: Partial<Record<AdoptionStepName, Partial<AdoptionStepFigures>>> = {},
) => [
  step("import", ours[0], more.import),
  step("up-first", ours[1], more["up-first"]),
  step("up-noop", ours[2], more["up-noop"]),
  step("export", 200, more.export),
  step("apply-import-blocks", 500, { publishes: 1002, ...more["apply-import-blocks"] }),
  step("plan-noop", 60, more["plan-noop"]),
  step("apply-as-written", 80, more["apply-as-written"]),
];

describe("the adoption rule (bench/targets.ts judgeAdoption)", () => {
  it("judges the import, the first up, end to end, the no-op, memory and publishes against the exporter's route", () => {
    const judged = judgeAdoption(round([100, 200, 30]))!;
    expect(judged.map((t) => t.met)).toEqual([true, true, true, true, true, true]);
    expect(judged[0].what).toBe(
      "adoption, ours' import against the exporter's export ≤ 0.5×, N = 1000, 150 ms a request, 300 requests a minute a token (issue 100.1)",
    );
    expect(judged[0].value).toBe("100 s (import) / 200 s (export) = 0.5×");
    expect(judged[1].value).toBe("200 s (up-first) / 500 s (apply-import-blocks) = 0.4×");
    expect(judged[2].value).toBe("300 s (import + up-first) / 700 s (export + apply-import-blocks) = 0.43×");
    expect(judged[3].value).toBe("30 s (up-noop) / 60 s (plan-noop) = 0.5×");
    expect(judged[4].value).toBe("largest 300 MB (import)");
    expect(judged[5].value).toBe("0 publishes");
  });

  it("end to end is judged on the sums: not met although each step alone is", () => {
    const judged = judgeAdoption(round([100, 300, 30]))!;
    expect(judged.map((t) => t.met)).toEqual([true, true, false, true, true, true]);
    expect(judged[2].value).toBe("400 s (import + up-first) / 700 s (export + apply-import-blocks) = 0.57×");
  });

  it("a slower import, a process over 2 GB, a publish by ours' up: each its target not met", () => {
    const judged = judgeAdoption(round([150, 300, 90], { "up-first": { largestProcessMB: 2100, publishes: 3 } }))!;
    expect(judged.map((t) => t.met)).toEqual([false, true, false, false, false, false]);
    expect(judged[4].value).toBe("largest 2100 MB (up-first)");
    expect(judged[5].value).toBe("3 publishes");
  });

  it("a step that failed, or never ran, makes every target reading it not met, and says so", () => {
    const steps = round([100, 300, 30], { "apply-import-blocks": { code: 1 } }).filter((s) => s.step !== "plan-noop");
    const judged = judgeAdoption(steps)!;
    expect(judged.map((t) => t.met)).toEqual([true, false, false, false, true, true]);
    expect(judged[1].value).toContain("not measured: apply-import-blocks exit 1");
    expect(judged[3].value).toContain("not measured: plan-noop not run");
  });

  it("judges only the rule's N", () => {
    expect(judgeAdoption(round([1, 1, 1]).map((s) => ({ ...s, n: 8 })))).toBeUndefined();
    expect(ADOPTION_RULE.ns).toEqual([1000, 5000]);
  });
});

describe("the adoption round's options (bench/adoption.ts parseAdoptionArgs)", () => {
  const now = new Date("2026-11-29T17:00:00.000Z");
  it("--adoption alone is a round at the rule's first N; another N is scratch unless recorded", () => {
    expect(parseAdoptionArgs(["--adoption"], "/r", now)).toEqual({
      n: 1000,
      out: "/r/.work/bench/2026-11-29T17-00-00-000Z-adoption",
      stepTimeoutMs: 120 * 60_000,
      recording: "round",
    });
    expect(parseAdoptionArgs(["--adoption", "--n", "5000"], "/r", now)).toMatchObject({ n: 5000, recording: "round" });
    expect(parseAdoptionArgs(["--adoption", "--n", "8"], "/r", now)).toMatchObject({ recording: "scratch" });
    expect(parseAdoptionArgs(["--adoption", "--n", "8", "--record"], "/r", now)).toMatchObject({ recording: "record" });
    expect(parseAdoptionArgs(["--adoption", "--scratch"], "/r", now)).toMatchObject({ n: 1000, recording: "scratch" });
  });

  it("refuses what it does not take, and says what it takes", () => {
    expect(parseAdoptionArgs(["--adoption", "--n", "0"], "/r")).toEqual({ message: "--n takes one integer 1..10000" });
    expect(parseAdoptionArgs(["--adoption", "--scratch", "--record"], "/r")).toEqual({
      message: "--scratch and --record: choose one",
    });
    expect(parseAdoptionArgs(["--adoption", "--quick"], "/r")).toMatchObject({
      message: expect.stringContaining("--adoption takes --n, --out, --step-timeout-min, --scratch or --record"),
    });
  });
});

describe("the exporter's route (bench/adoption.ts)", () => {
  it("import blocks for every resource of the exporter's state file, by its id", () => {
    const state = JSON.stringify({
      version: 4,
      resources: [
        {
          mode: "managed",
          type: "genesyscloud_flow",
          name: "COMMONMODULE_dev-Lookup",
          instances: [{ attributes_flat: { id: "f-1", name: "dev-Lookup" } }],
        },
        {
          mode: "managed",
          type: "genesyscloud_routing_queue",
          name: "Sales",
          instances: [{ attributes: { id: "q-1" } }],
        },
      ],
    });
    expect(JSON.parse(importBlocks(state))).toEqual({
      import: [
        { to: "genesyscloud_flow.COMMONMODULE_dev-Lookup", id: "f-1" },
        { to: "genesyscloud_routing_queue.Sales", id: "q-1" },
      ],
    });
    expect(() =>
      importBlocks(JSON.stringify({ resources: [{ type: "genesyscloud_flow", name: "x", instances: [{}] }] })),
    ).toThrow("bench adoption: the export's state has no id for genesyscloud_flow.x");
  });

  it("where a step's time went: before its first request, its requests' span and the part with none in flight, after its last", () => {
    const at = (ms: number, durationMs: number, operation: RequestLogEntry["operation"]): RequestLogEntry => ({
      seq: ms,
      timestamp: new Date(ms).toISOString(),
      method: "GET",
      path: "/api/v2/x",
      query: "",
      operation,
      status: 200,
      durationMs,
    });
    const entries = [at(2_000, 1_000, "flow.get"), at(2_500, 1_000, "flow.get"), at(6_000, 1_000, "job.create")];
    expect(phasesOf(entries, 0, 10_000)).toEqual({
      beforeFirstRequestS: 2,
      requestsS: 5,
      requestsIdleS: 2.5,
      afterLastRequestS: 3,
      topKinds: [
        { kind: "flow.get", count: 2 },
        { kind: "job.create", count: 1 },
      ],
    });
    expect(phasesOf([], 0, 10)).toBeUndefined();
  });
});
