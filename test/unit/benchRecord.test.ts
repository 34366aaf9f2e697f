// A round's record (bench/record.ts) names the commit it measured, the commit of the rules that judged
// it, the machine and its load, its targets and its full step tables, so a figure in the docs can be
// traced (issue 63.1); a round, and a recorded run, refuse a work tree with uncommitted changes.
import { dirtyTreeRefusal, recordFileName, runRecord } from "../../bench/record";
import { renderDirOf } from "../../bench/config";

const res = {
  startedAt: "2026-11-25T18:56:01.123Z",
  finishedAt: "2026-11-25T20:05:00.000Z",
  mode: "full" as const,
  machine: {
    cpus: 2,
    cpuModel: "EPYC",
    memoryGB: 23.4,
    platform: "Linux",
    node: "v20.19.0",
    pulumi: "v3.259.0",
    loadAvgAtStart: [0.5, 0.4, 0.3],
    hostname: "h",
  },
  targets: [
    { what: "28.1 ours ÷ floor at N = 100", value: "1.33", met: false },
    { what: "28.2 memory", value: "871 MB", met: true },
  ],
  invariants: [{ ok: true }, { ok: true }, { ok: false }],
  failures: ["step x timed out"],
  steps: [{ project: "ours", n: 100, step: "up-noop", wallS: 12.5 }],
};
const clean = { commit: "a88860b0123456789abcdef", dirty: false, rulesCommit: "77f00d0123456789abcdef" };

describe("bench run record", () => {
  it("carries the commit, the rules' commit, the machine and load, the targets, the counts and the full step table", () => {
    const r = runRecord(res, clean, "round", "/repo/.work/bench/run1", "/repo");
    expect(r).toEqual({
      startedAt: res.startedAt,
      finishedAt: res.finishedAt,
      mode: "full",
      recording: "round",
      commit: "a88860b0123456789abcdef",
      dirty: false,
      rules: { file: "bench/targets.ts", commit: "77f00d0123456789abcdef" },
      machine: {
        cpus: 2,
        cpuModel: "EPYC",
        memoryGB: 23.4,
        platform: "Linux",
        node: "v20.19.0",
        pulumi: "v3.259.0",
        loadAvgAtStart: [0.5, 0.4, 0.3],
      },
      targets: res.targets,
      invariants: { held: 2, failed: 1 },
      failures: 1,
      output: ".work/bench/run1",
      tables: { steps: res.steps },
    });
  });

  it("carries the settings a cascade run deployed with, and its cascade rows", () => {
    const settings = {
      stack: "dev",
      parallel: "shipped" as const,
      tokenPool: "shipped" as const,
      publishers: "shipped" as const,
      auth: "client" as const,
      jobMs: 5000,
      runs: 3,
    };
    const r = runRecord(
      { ...res, mode: "cascade", settings, cascade: [{ n: 250, flows: 252 }] },
      clean,
      "round",
      "/tmp/out",
      "/repo",
    );
    expect(r.settings).toEqual(settings);
    expect(r.tables.cascade).toEqual([{ n: 250, flows: 252 }]);
    expect(recordFileName(r)).toBe("2026-11-25T18-56-01-123Z-cascade-a88860b01234.json");
  });

  it("carries the pure cores' rows a run measured, so a doc can cite them", () => {
    const cores = [{ scenario: "hundred-50", median: { totalMs: 865.7, packMs: 163.7 } }];
    expect(runRecord({ ...res, cores }, clean, "record", "/tmp/out", "/repo").tables.cores).toEqual(cores);
    expect(runRecord({ ...res, cores: [] }, clean, "record", "/tmp/out", "/repo").tables).not.toHaveProperty("cores");
  });

  it("names its file by time, mode and commit", () => {
    const r = runRecord(res, clean, "record", "/tmp/out", "/repo");
    expect(recordFileName(r)).toBe("2026-11-25T18-56-01-123Z-full-a88860b01234.json");
    expect(r.output).toBe("/tmp/out");
    expect(r.recording).toBe("record");
  });

  it("a round and a recorded run refuse a dirty work tree; a scratch run does not", () => {
    const dirty = { ...clean, dirty: true };
    expect(dirtyTreeRefusal("round", dirty)).toMatch(
      /^a round measures a commit, and its rules \(bench\/targets\.ts\) must be committed before it runs: .*--scratch/,
    );
    expect(dirtyTreeRefusal("record", dirty)).toMatch(/^a recorded run \(--record\)/);
    expect(dirtyTreeRefusal("scratch", dirty)).toBeUndefined();
    expect(dirtyTreeRefusal("round", clean)).toBeUndefined();
  });

  it("--render takes the folder of an earlier run", () => {
    expect(renderDirOf(["--render", "/x/run"])).toBe("/x/run");
    expect(renderDirOf(["--quick"])).toBeUndefined();
  });
});
