// bench/timeline.ts: where a first deploy's wall time goes, from the emulator's request log.
import { firstDeployTimeline, timelineText, uncoveredMs } from "../../bench/timeline";

const T0 = Date.parse("2026-11-28T10:00:00.000Z");
const at = (ms: number, durationMs: number, operation: string, query = "") => ({
  timestamp: new Date(T0 + ms).toISOString(),
  durationMs,
  operation: operation as never,
  query,
});

describe("uncoveredMs", () => {
  it("counts the time no interval covers, overlaps once, clipped to the span", () => {
    expect(uncoveredMs([], 0, 100)).toBe(100);
    expect(
      uncoveredMs(
        [
          [10, 30],
          [20, 40],
          [60, 70],
        ],
        0,
        100,
      ),
    ).toBe(100 - 30 - 10);
    expect(
      uncoveredMs(
        [
          [-50, 10],
          [90, 500],
        ],
        0,
        100,
      ),
    ).toBe(80);
    expect(uncoveredMs([[0, 100]], 0, 100)).toBe(0);
    expect(uncoveredMs([[10, 20]], 50, 40)).toBe(0);
  });
});

describe("firstDeployTimeline", () => {
  it("splits the wall time at the first request, the first publish job and the last request, with the idle seconds of each", () => {
    const entries = [
      at(1000, 150, "oauth.token"),
      at(1150, 150, "org.get"),
      // 700 ms with nothing in flight: the tool's own work.
      at(2000, 150, "flow.list", "name=a&type=commonmodule&pageSize=25"),
      at(2000, 150, "flow.list", "name=b&type=inboundcall&pageSize=25"),
      at(2200, 150, "job.create"),
      at(2350, 10, "job.upload"),
      at(2400, 150, "job.poll"),
      at(3000, 150, "flow.get"),
    ];
    const t = firstDeployTimeline(entries, T0, T0 + 4000)!;
    expect(t.beforeFirstRequest).toEqual({ s: 1, idleS: 1 });
    expect(t.toFirstPublish).toEqual({
      s: 1.2,
      idleS: 0.75,
      requests: 4,
      topKinds: [
        { kind: "flow.list ?name&type", count: 2 },
        { kind: "oauth.token", count: 1 },
        { kind: "org.get", count: 1 },
      ],
    });
    expect(t.publishing).toEqual({ s: 0.95, idleS: 0.49, requests: 4 });
    expect(t.afterLastRequest).toEqual({ s: 0.85, idleS: 0.85 });
    // The phases add up to the wall time.
    expect(t.beforeFirstRequest.s + t.toFirstPublish.s + t.publishing.s + t.afterLastRequest.s).toBeCloseTo(4, 5);
    expect(timelineText(t)).toBe(
      "before the first request 1 s; to the first publish 1.2 s (0.75 s idle), 4 requests (2 flow.list ?name&type, 1 oauth.token, 1 org.get); publishing 0.95 s (0.49 s idle), 4 requests; after the last request 0.85 s",
    );
  });

  it("has no timeline for a step that registered no publish job or made no request", () => {
    expect(firstDeployTimeline([], T0, T0 + 1000)).toBeUndefined();
    expect(firstDeployTimeline([at(100, 150, "org.get")], T0, T0 + 1000)).toBeUndefined();
  });

  it("keeps a request that outlives the command inside the publishing phase (the end is the later of the two)", () => {
    const t = firstDeployTimeline([at(100, 100, "job.create"), at(300, 900, "job.poll")], T0, T0 + 1000)!;
    expect(t.publishing.s).toBe(1.1);
    expect(t.afterLastRequest.s).toBe(0);
  });
});
