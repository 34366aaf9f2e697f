// The pure core of the stopped-rollouts guard and of `rollout status` (planner/waves/rolloutInOrg.ts): which
// rollback stopped before recording its release, which content the module's published version has
// (a release's record, else Pulumi's record of its last publish), and where the org disagrees with
// the rollout's record, with the one safe command.
import {
  moduleContent,
  renderRolloutInOrg,
  rolloutInOrg,
  stoppedRollback,
  type ModuleInOrg,
} from "../../planner/waves/rolloutInOrg";
import type { WaveRolloutRecord } from "../../planner/waves/rolloutRecord";
import type { Release } from "../../planner/releases";
import type { DeployedFlow } from "../../org/model";

const OLD = "0ld".padEnd(64, "0");
const NEW = "4e3".padEnd(64, "4");
const T = (minute: number) => `2026-11-27T10:0${minute}:00.000Z`;
const release = (
  id: string,
  minute: number,
  flows: Record<string, [string, string]>,
  extra: Partial<Release> = {},
): Release => ({
  id,
  commit: "c0ffee",
  dirty: false,
  time: T(minute),
  flows: Object.fromEntries(Object.entries(flows).map(([f, [revision, version]]) => [f, { revision, version }])),
  ...extra,
});
const r1 = release("r1", 0, { "modules/lookup": [OLD, "1.0"], "calls/a": ["a1", "1.0"], "calls/b": ["b1", "1.0"] });
const r2 = release("r2", 1, { "modules/lookup": [NEW, "2.0"], "calls/a": ["a2", "2.0"], "calls/b": ["b1", "1.0"] });
const rolling: WaveRolloutRecord = {
  module: "modules/lookup",
  modulePublishedName: "test-Lookup",
  revision: NEW,
  from: OLD,
  started: 1,
  waves: [["calls/a"], ["calls/b"]],
  held: ["calls/b"],
};
const rolledBack: WaveRolloutRecord = {
  ...rolling,
  rolledBack: { by: "ana", at: T(5), reason: "rollback --to r1", to: "r1" },
};
const lookupModule = (extra: Partial<DeployedFlow> = {}): DeployedFlow => ({
  id: "modules/lookup",
  file: "flows/modules/lookup.yaml",
  kind: "commonModule",
  isModule: true,
  publishedName: "test-Lookup",
  flowId: "gid-m",
  revision: NEW,
  contentRevision: NEW,
  fileContentHash: NEW,
  calls: [],
  modified: T(1),
  ...extra,
});
const org = (published: string, createdMinute: number, a: string, b = "1.0"): ModuleInOrg => ({
  published: { id: published, dateCreated: Date.parse(T(createdMinute)) },
  callers: new Map([
    ["calls/a", { version: a, moduleVersion: a }],
    ["calls/b", { version: "1.0", moduleVersion: b }],
  ]),
});

it("a rollback stopped when its rollout records it and no release with rollbackOf came after it; not when the history does not reach back to it", () => {
  expect(stoppedRollback(rolling, [r1, r2])).toBeUndefined();
  expect(stoppedRollback(rolledBack, [r1, r2])).toEqual(rolledBack.rolledBack);
  expect(stoppedRollback(rolledBack, [r1, r2, release("r3", 6, {}, { rollbackOf: "r1" })])).toBeUndefined();
  expect(stoppedRollback(rolledBack, [release("r9", 7, {})])).toBeUndefined();
});

it("the module's published version has the content a release recorded; else Pulumi's record of its last publish, when that record is not older than the version and left nothing pending", () => {
  expect(moduleContent(lookupModule(), { id: "1.0", dateCreated: Date.parse(T(0)) }, [r1, r2])).toBe(OLD);
  expect(moduleContent(lookupModule({ modified: T(6) }), { id: "3.0", dateCreated: Date.parse(T(5)) }, [r1, r2])).toBe(
    NEW,
  );
  expect(
    moduleContent(lookupModule({ modified: T(1) }), { id: "3.0", dateCreated: Date.parse(T(5)) }, [r1, r2]),
  ).toBeUndefined();
  expect(
    moduleContent(lookupModule({ modified: T(6), interrupted: true }), { id: "3.0", dateCreated: Date.parse(T(5)) }, [
      r1,
      r2,
    ]),
  ).toBeUndefined();
  // Killed between the two records: the Flow resource recorded the new file, its component still the old revision: the Flow's record
  // is the content (a module calling no module); for one calling modules the revision is not known.
  const FILE = "f1e".padEnd(64, "e");
  expect(
    moduleContent(
      lookupModule({ modified: T(6), fileContentHash: FILE }),
      { id: "3.0", dateCreated: Date.parse(T(5)) },
      [r1, r2],
    ),
  ).toBe(FILE);
  expect(
    moduleContent(
      lookupModule({
        modified: T(6),
        fileContentHash: FILE,
        calls: [{ id: "modules/base", publishedName: "test-Base" }],
      }),
      { id: "3.0", dateCreated: Date.parse(T(5)) },
      [r1, r2],
    ),
  ).toBeUndefined();
  expect(
    moduleContent(
      lookupModule({ modified: T(6), calls: [{ id: "modules/base", publishedName: "test-Base" }] }),
      { id: "3.0", dateCreated: Date.parse(T(5)) },
      [r1, r2],
    ),
  ).toBe(NEW);
  expect(moduleContent(lookupModule(), undefined, [r1, r2])).toBeUndefined();
});

it("a rollback killed right after the module publish: the module's unrecorded version and the wave-1 caller disagree with the record; the one safe command finishes the rollback", () => {
  const r = rolloutInOrg("test", rolledBack, lookupModule(), [r1, r2], org("3.0", 5, "2.0"));
  expect(r.moduleContent).toBeUndefined();
  expect(r.disagrees).toEqual([
    `modules/lookup publishes version 3.0, whose content no record says, not ${OLD.slice(0, 12)}`,
    `calls/a runs module revision ${NEW.slice(0, 12)}, not ${OLD.slice(0, 12)}`,
  ]);
  expect(r.safe).toBe("genesys-flows rollback --stack test --to r1");
  expect(renderRolloutInOrg(r, "")).toEqual([
    "what the org runs (read now):",
    "  modules/lookup  publishes version 3.0: no release recorded it (a run of the stack published it and stopped before recording it)",
    `  calls/a  runs version 2.0, with module version 2.0: revision ${NEW.slice(0, 12)} (r2)`,
    `  calls/b  runs version 1.0, with module version 1.0: revision ${OLD.slice(0, 12)} (r1)`,
    "  the org runs them as no release recorded them (the closest, r2, differs in modules/lookup); the releases say r2 runs",
    "  the rollback to r1 (by ana at 2026-11-27T10:05:00.000Z) stopped before it recorded its release (killed, interrupted or failed)",
    `DISAGREES with the record: ${r.disagrees.join("; ")}`,
    "the one safe command: genesys-flows rollback --stack test --to r1 (the module first, then every caller, on one release again; it records that release)",
  ]);
});

it("after the rollback recorded its release, and during a rollout that stands as recorded: nothing disagrees, no command is offered", () => {
  const r3 = release(
    "r3",
    6,
    { "modules/lookup": [OLD, "3.0"], "calls/a": ["a1", "3.0"], "calls/b": ["b1", "1.0"] },
    { rollbackOf: "r1" },
  );
  const back = rolloutInOrg(
    "test",
    rolledBack,
    lookupModule({ revision: OLD, modified: T(6) }),
    [r1, r2, r3],
    org("3.0", 5, "3.0"),
  );
  expect(back.disagrees).toEqual([]);
  expect(back.safe).toBeUndefined();
  expect(back.lines.at(-1)).toBe("the org runs them as release r3 recorded them; the releases say r3 runs");
  const out = rolloutInOrg("test", rolling, lookupModule(), [r1, r2], org("2.0", 1, "2.0"));
  expect(out).toMatchObject({ moduleContent: NEW, disagrees: [] });
  expect(out.safe).toBeUndefined();
  expect(renderRolloutInOrg(out).some((l) => l.includes("DISAGREES"))).toBe(false);
});

it("an up of a wave killed right after the module publish: the module's version is unknown; the next up publishes it again before any caller", () => {
  const r = rolloutInOrg("test", rolling, lookupModule(), [r1, r2], org("3.0", 5, "2.0"));
  // calls/a runs the version r2 recorded (wave 1's content): as the record says.
  expect(r.disagrees).toEqual([
    `modules/lookup publishes version 3.0, whose content no record says, not ${NEW.slice(0, 12)}`,
  ]);
  expect(r.safe).toBeUndefined();
  expect(renderRolloutInOrg(r, "").at(-1)).toBe(
    "the next up publishes the module again before any caller, or stops before it publishes a caller onto it",
  );
});
