// The stopped-rollouts guard (run/waves/stoppedGuard.ts): a rollback of a rollout in waves that
// stopped before it recorded its release refuses any run that does not publish the module (naming
// what the org runs and the one safe command), lets a rollback through with a note, and says nothing,
// reading no org, once a rollback recorded its release or when no rollout is on record.
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { recordsFirst, stoppedRolloutGuard } from "../../../run/waves/stoppedGuard";
import type { WavePlan } from "../../../planner/waves/wavePlan";
import { guardRun, recordedState } from "../../../testkit/programRun";
import { callFlow, lookupModule } from "../../../testkit/portfolio";
import { WAVE_ROLLOUT_TYPE, type WaveRolloutRecord } from "../../../planner/waves/rolloutRecord";
import type { Release } from "../../../planner/releases";
import type { StackRun } from "../../../run/stackRun";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({});
});
afterAll(async () => {
  await emu.stop();
});

const flows = { "modules/lookup": lookupModule(), "calls/a": callFlow("A"), "calls/b": callFlow("B") };
const AT = "2026-11-27T10:05:00.000Z";
const release = (id: string, time: string, module: string, extra: Partial<Release> = {}): Release => ({
  id,
  commit: "c0ffee",
  dirty: false,
  time,
  flows: { "modules/lookup": { revision: module, version: id === "r1" ? "1.0" : "2.0" } },
  ...extra,
});

/** The state of a stack whose files plan `run`'s flows as deployed, with the rollout record and the releases given. */
function state(run: StackRun, record: WaveRolloutRecord | undefined, releases: Release[], moduleAt?: string): string {
  const deployed = run.portfolio().flows.map((f) => ({
    id: f.id,
    kind: f.model.kind,
    publishedName: f.publishedName,
    flowId: `gid-${f.id}`,
    revision: f.id === "modules/lookup" && moduleAt ? moduleAt : f.revision,
    calls: f.calls,
  }));
  const doc = JSON.parse(recordedState(deployed)) as { deployment: { resources: unknown[] } };
  doc.deployment.resources.push({
    urn: "urn:pulumi:test::genesys-flows::pulumi:pulumi:Stack::genesys-flows-test",
    type: "pulumi:pulumi:Stack",
    outputs: { releases },
  });
  if (record)
    doc.deployment.resources.push({
      urn: `urn:pulumi:test::genesys-flows::${WAVE_ROLLOUT_TYPE}::waves-modules/lookup`,
      type: WAVE_ROLLOUT_TYPE,
      inputs: record,
    });
  return JSON.stringify(doc);
}

/** A guard run over `flows` whose state records them as planned, with the rollout record and the releases given. */
function runWith(record: WaveRolloutRecord | undefined, releases: Release[], rollbackOf?: string, moduleAt?: string) {
  const input: { flows: typeof flows; state?: string } = { flows };
  const made = guardRun(emu, input);
  if (rollbackOf !== undefined)
    Object.defineProperty(made.run, "source", { value: { ...made.run.source, rollbackOf } });
  input.state = state(made.run, record, releases, moduleAt);
  return made;
}

/** The module revision the files plan (the one the stack deployed and rolled out). */
let M: string;
beforeAll(() => {
  M = guardRun(emu, { flows })
    .run.portfolio()
    .flows.find((f) => f.id === "modules/lookup")!.revision;
});
const OLD = "f".repeat(64);
const rolledBack = (): WaveRolloutRecord => ({
  module: "modules/lookup",
  modulePublishedName: "test-Lookup",
  revision: M,
  from: OLD,
  started: 1,
  waves: [["calls/a"], ["calls/b"]],
  held: [],
  rolledBack: { by: "ana", at: AT, reason: "rollback --to r1", to: "r1" },
});
const before = () => [release("r1", "2026-11-27T10:00:00.000Z", OLD), release("r2", "2026-11-27T10:01:00.000Z", M)];

it("a rollback that stopped before recording its release: an up that does not publish the module is refused, naming what the org runs and the one safe command; the rollback itself goes ahead", async () => {
  const { run, events } = runWith(rolledBack(), before());
  const d = await stoppedRolloutGuard.decide(run);
  expect(d.refusal).toMatch(
    /^a rollout in waves stopped part-way, and the org does not run what the records say:\nmodule modules\/lookup: a rollback ended its rollout and stopped; this run would go on from a state no release records:\n {2}what the org runs \(read now\):\n/,
  );
  expect(d.refusal).toContain(
    "the rollback to r1 (by ana at 2026-11-27T10:05:00.000Z) stopped before it recorded its release (killed, interrupted or failed)",
  );
  expect(d.refusal).toContain(
    "  the one safe command: genesys-flows rollback --stack test --to r1 (the module first, then every caller, on one release again; it records that release)",
  );
  expect(events).toContain("sign-in");

  // Also a run that publishes the module (Pulumi recorded the stopped rollback's publish of the old one): refused the same way.
  const publishing = await stoppedRolloutGuard.decide(runWith(rolledBack(), before(), undefined, OLD).run);
  expect(publishing.refusal).toContain(
    "module modules/lookup: a rollback ended its rollout and stopped; this run would go on from a state no release records:",
  );

  const rollback = await stoppedRolloutGuard.decide(runWith(rolledBack(), before(), "r1").run);
  expect(rollback.refusal).toBeUndefined();
  expect(rollback.notes).toEqual([
    {
      level: "info",
      text: "this rollback takes module modules/lookup and its callers to one release again, after the rollback to r1 that stopped (by ana at 2026-11-27T10:05:00.000Z)",
    },
  ]);
});

it("a rollback that recorded its release, or no rollout on record: nothing said, the org not read", async () => {
  const recorded = [...before(), release("r3", "2026-11-27T10:06:00.000Z", OLD, { rollbackOf: "r1" })];
  for (const { run, events } of [runWith(undefined, before()), runWith(rolledBack(), recorded)]) {
    expect(await stoppedRolloutGuard.decide(run)).toEqual({ product: undefined });
    expect(events).not.toContain("sign-in");
  }
});

describe("recordsFirst: a rollback's end of a rollout is written before any publish, unless people in the org stop the run", () => {
  const inProgress: WaveRolloutRecord = {
    module: "modules/lookup",
    modulePublishedName: "test-Lookup",
    revision: "n",
    from: "o",
    started: 1,
    waves: [["calls/a"], ["calls/b"]],
    held: ["calls/b"],
  };
  const ending = { ...inProgress, held: [], rolledBack: { by: "ana", at: AT, reason: "rollback --to r1", to: "r1" } };
  const plan = { rollouts: [], ended: [ending], held: new Map(), finished: [] } as unknown as WavePlan;
  const fake = (rollbackOf: string | undefined) =>
    ({
      source: { rollbackOf },
      deployment: async () => ({ stack: "test", flows: [], waves: [inProgress] }),
    }) as unknown as StackRun;

  it("the run goes: the ended record; people stop it (or cannot be judged): the record as the state has it", async () => {
    expect((await recordsFirst(fake("r1"), plan, false, async () => ({ stop: false }))).ended).toEqual([ending]);
    expect((await recordsFirst(fake("r1"), plan, false, async () => ({ stop: true }))).ended).toEqual([inProgress]);
    expect((await recordsFirst(fake("r1"), plan, false, () => Promise.reject(new Error("org down")))).ended).toEqual([
      inProgress,
    ]);
  });

  it("a preview, or a run that is no rollback, writes what the plan says, without asking", async () => {
    const never = () => Promise.reject(new Error("not asked"));
    expect((await recordsFirst(fake("r1"), plan, true, never)).ended).toEqual([ending]);
    expect((await recordsFirst(fake(undefined), plan, false, never)).ended).toEqual([ending]);
  });
});
