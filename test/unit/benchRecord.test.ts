// A benchmark run's record (bench/record.ts) names the commit it measured and whether the work tree
// was dirty, with the machine, its load and the headline, so a figure in the docs can be traced.
import { recordFileName, runRecord } from "../../bench/record";
import { renderDirOf } from "../../bench/config";

const res = {
  startedAt: "2026-11-25T18:56:01.123Z",
  finishedAt: "2026-11-25T20:05:00.000Z",
  mode: "full" as const,
  machine: { cpus: 2, cpuModel: "EPYC", memoryGB: 23.4, platform: "Linux", node: "v20.19.0", pulumi: "v3.259.0", loadAvgAtStart: [0.5, 0.4, 0.3], hostname: "h" },
  targets: [
    { what: "28.1 ours ÷ floor at N = 100", value: "1.33", met: false },
    { what: "28.2 memory", value: "871 MB", met: true },
  ],
  invariants: [{ ok: true }, { ok: true }, { ok: false }],
  failures: ["step x timed out"],
};

describe("bench run record", () => {
  it("carries the commit, the dirty flag, the machine and load, the targets and the counts", () => {
    const r = runRecord(res, { commit: "a88860b0123456789abcdef", dirty: false }, "/repo/.work/bench/run1", "/repo");
    expect(r).toEqual({
      startedAt: res.startedAt,
      finishedAt: res.finishedAt,
      mode: "full",
      commit: "a88860b0123456789abcdef",
      dirty: false,
      machine: { cpus: 2, cpuModel: "EPYC", memoryGB: 23.4, platform: "Linux", node: "v20.19.0", pulumi: "v3.259.0", loadAvgAtStart: [0.5, 0.4, 0.3] },
      targets: res.targets,
      invariants: { held: 2, failed: 1 },
      failures: 1,
      output: ".work/bench/run1",
    });
  });

  it("carries the settings a cascade run deployed with (the sweep's figures depend on them)", () => {
    const settings = { parallel: 40, tokenPool: 20, publishers: "default" as const, auth: "client" as const, jobMs: 5000 };
    const r = runRecord({ ...res, mode: "cascade", settings }, { commit: "a88860b0123456789abcdef", dirty: false }, "/tmp/out", "/repo");
    expect(r.settings).toEqual(settings);
    expect(recordFileName(r)).toBe("2026-11-25T18-56-01-123Z-cascade-a88860b01234.json");
  });

  it("names its file by time, mode and commit, and says when the tree was dirty", () => {
    const clean = runRecord(res, { commit: "a88860b0123456789abcdef", dirty: false }, "/tmp/out", "/repo");
    expect(recordFileName(clean)).toBe("2026-11-25T18-56-01-123Z-full-a88860b01234.json");
    expect(clean.output).toBe("/tmp/out");
    expect(recordFileName(runRecord(res, { commit: "a88860b0123456789abcdef", dirty: true }, "/tmp/out", "/repo"))).toBe("2026-11-25T18-56-01-123Z-full-a88860b01234-dirty.json");
  });

  it("--render takes the folder of an earlier run", () => {
    expect(renderDirOf(["--render", "/x/run"])).toBe("/x/run");
    expect(renderDirOf(["--quick"])).toBeUndefined();
  });
});
