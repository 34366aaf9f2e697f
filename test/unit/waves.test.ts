// The waves planner (planner/waves/wavePlan.ts), pure: which callers a module rollout publishes in each run,
// which keep the version they were published with, when the next wave starts, and the bad inputs
// refused before anything publishes. The flows and the deployed state are built by hand.
import { moduleTrigger, sha256 } from "../../planner/revisions";
import { parseStackSettings } from "../../planner/stackSettings";
import type { FlowRef } from "../../planner/flowRef";
import { describeRollout } from "../../planner/waves/rolloutAccount";
import { endedByRollback, waveInProgress } from "../../planner/waves/rolloutControl";
import { heldCallerMoves, wavesProblems } from "../../planner/waves/wavesChecks";
import { planWaves, recordOf, staysInProgress, type WaveDeployedFlow } from "../../planner/waves/wavePlan";
import { resolveWaves } from "../../planner/waves/waveSchedule";
import type { WaveRolloutRecord } from "../../planner/waves/rolloutRecord";

const rev = (s: string) => sha256(s);
const moduleFlow = (id: string, revision: string): FlowRef => ({
  id,
  file: `flows/${id}.yaml`,
  isModule: true,
  publishedName: `p-${id}`,
  calls: [],
  contentRevision: revision,
  revision,
});
const caller = (id: string, calls: string[], content = `${id}-content`): FlowRef => ({
  id,
  file: `flows/${id}.yaml`,
  isModule: false,
  publishedName: `p-${id}`,
  calls,
  contentRevision: rev(content),
  revision: rev(`${id}:${content}`),
});

const OLD = rev("m-old");
const NEW = rev("m-new");
const CALLERS = ["a", "b", "c", "d"];
const flows = (mRev: string, edits: Record<string, string> = {}): FlowRef[] => [
  moduleFlow("m", mRev),
  ...CALLERS.map((id) => caller(id, ["m"], edits[id])),
  caller("solo", []),
];

/** Every caller deployed on module revision `on[id]` (default OLD), the module at `mRev`. */
function deployed(mRev: string, on: Record<string, string> = {}): Map<string, WaveDeployedFlow> {
  const out = new Map<string, WaveDeployedFlow>([["m", { id: "m", revision: mRev }]]);
  for (const id of CALLERS) {
    const r = on[id] ?? OLD;
    out.set(id, {
      id,
      revision: rev(`${id}@${r}`),
      updateTriggerHash: moduleTrigger([r]),
      moduleRevisions: { m: r },
      contentRevision: rev(`${id}-content`),
    });
  }
  out.set("solo", { id: "solo", revision: rev("solo") });
  return out;
}

const settings = { m: [{ flows: ["b"] }, { share: 50 }] };

it("resolveWaves: named callers first, then a share of all callers picked by a fixed hash order among the unnamed, then the rest", () => {
  const waves = resolveWaves("m", settings.m, CALLERS);
  expect(waves[0]).toEqual(["b"]);
  expect(waves[1]).toHaveLength(2);
  expect(waves.flat().sort()).toEqual(CALLERS);
  expect(resolveWaves("m", settings.m, CALLERS)).toEqual(waves);
  // A share of 10% of four callers is still one caller.
  expect(resolveWaves("m", [{ share: 10 }], CALLERS).map((w) => w.length)).toEqual([1, 3]);
});

it("a module change starts a rollout: wave 1 is published, the callers of later waves keep the trigger they were published with", () => {
  const { plan, refusals } = planWaves({
    flows: flows(NEW),
    waves: settings,
    deployed: deployed(OLD),
    previous: [],
    stackFile: "Pulumi.dev.yaml",
  });
  expect(refusals).toEqual([]);
  expect(plan.rollouts).toHaveLength(1);
  const r = plan.rollouts[0];
  expect(r).toMatchObject({
    module: "m",
    revision: NEW,
    from: OLD,
    started: 1,
    current: 1,
    startsWave: true,
    released: ["b"],
    created: [],
  });
  expect(r.held.sort()).toEqual(["a", "c", "d"]);
  expect(plan.held.get("a")).toEqual({
    updateTriggerHash: moduleTrigger([OLD]),
    revision: rev(`a@${OLD}`),
    moduleRevisions: { m: OLD },
    heldBy: ["m"],
  });
  expect(plan.held.has("b")).toBe(false);
  expect(waveInProgress([{ ...r, held: r.held }])).toBe(true);
});

it("the next run starts wave 2 once wave 1 runs the new revision; then the last, which ends the rollout (no record after it)", () => {
  const first = planWaves({ flows: flows(NEW), waves: settings, deployed: deployed(OLD), previous: [], stackFile: "S" })
    .plan.rollouts[0];
  const onNew = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, NEW]));
  const second = planWaves({
    flows: flows(NEW),
    waves: settings,
    deployed: deployed(NEW, onNew(["b"])),
    previous: [recordOf(first)],
    stackFile: "S",
  }).plan.rollouts[0];
  expect(second).toMatchObject({ started: 2, startsWave: true });
  expect(second.held).toEqual(second.waves[2]);
  expect(staysInProgress(second)).toBe(true);
  const third = planWaves({
    flows: flows(NEW),
    waves: settings,
    deployed: deployed(NEW, onNew(["b", ...second.waves[1]])),
    previous: [recordOf(second)],
    stackFile: "S",
  }).plan;
  expect(third.rollouts[0]).toMatchObject({ started: 3, held: [] });
  expect(staysInProgress(third.rollouts[0])).toBe(false);
  expect(describeRollout(third.rollouts[0])).toMatch(/wave 3 of 3 starts; .*; the rollout ends with this run$/);
  // A record left by an older version that recorded the last wave: the next run finds it finished.
  const done = planWaves({
    flows: flows(NEW),
    waves: settings,
    deployed: deployed(NEW, onNew(CALLERS)),
    previous: [recordOf(third.rollouts[0])],
    stackFile: "S",
  }).plan;
  expect(done.rollouts).toEqual([]);
  expect(done.finished).toEqual(["m"]);
  expect(done.held.size).toBe(0);
  // With no record (the last wave's run recorded none) and a caller whose publish failed, the module no longer changes: no rollout, the caller is an ordinary update.
  expect(
    planWaves({
      flows: flows(NEW),
      waves: settings,
      deployed: deployed(NEW, onNew(["a", "b", "c"])),
      previous: [],
      stackFile: "S",
    }).plan,
  ).toMatchObject({ rollouts: [], held: new Map() });
});

it("a wave that did not complete (a publish failed) is published again and the next wave does not start; nor when the deploy's gate holds it", () => {
  const started: WaveRolloutRecord = {
    module: "m",
    modulePublishedName: "p-m",
    revision: NEW,
    from: OLD,
    started: 1,
    waves: [["b"], ["a", "c", "d"]],
    held: ["a", "c", "d"],
  };
  const retry = planWaves({
    flows: flows(NEW),
    waves: { m: [{ flows: ["b"] }] },
    deployed: deployed(NEW),
    previous: [started],
    stackFile: "S",
  }).plan;
  expect(retry.rollouts[0]).toMatchObject({ started: 1, startsWave: false, released: ["b"] });
  expect([...retry.held.keys()].sort()).toEqual(["a", "c", "d"]);
  const gated = planWaves({
    flows: flows(NEW),
    waves: { m: [{ flows: ["b"] }] },
    deployed: deployed(NEW, { b: NEW }),
    previous: [started],
    stackFile: "S",
    advance: false,
  }).plan;
  expect(gated.rollouts[0]).toMatchObject({ started: 1, startsWave: false, waiting: true });
  expect(retry.rollouts[0].waiting).toBe(false);
});

it("no rollout when the module does not change, on a first deploy, or for a stack without waves", () => {
  expect(
    planWaves({ flows: flows(OLD), waves: settings, deployed: deployed(OLD), previous: [], stackFile: "S" }).plan
      .rollouts,
  ).toEqual([]);
  expect(
    planWaves({ flows: flows(NEW), waves: settings, deployed: new Map(), previous: [], stackFile: "S" }).plan.rollouts,
  ).toEqual([]);
  expect(
    planWaves({ flows: flows(NEW), waves: {}, deployed: deployed(OLD), previous: [], stackFile: "S" }).plan.held.size,
  ).toBe(0);
});

it("a held caller the run would publish anyway (its file, a substitution, its name) is refused: it would move onto the new module now", () => {
  const { plan } = planWaves({
    flows: flows(NEW),
    waves: { m: [{ flows: ["b"] }] },
    deployed: deployed(OLD),
    previous: [],
    stackFile: "Pulumi.prod.yaml",
    stack: "prod",
  });
  const change = (flow: string, differs: string[], publishes = true) => ({
    flow,
    file: `flows/${flow}.yaml`,
    publishes,
    differs,
  });
  const issues = heldCallerMoves(
    plan,
    [change("c", ["file"]), change("b", ["file", "trigger"]), change("d", [], false)],
    "Pulumi.prod.yaml",
    "prod",
  );
  expect(issues).toHaveLength(1);
  expect(issues[0].file).toBe("flows/c.yaml");
  expect(issues[0].message).toContain(
    "this up would publish c (its file changed), which moves c onto the new module now, ahead of wave 2 of 2 of the rollout of module m (genesys-flows:waves.m in Pulumi.prod.yaml; wave 1 is out)",
  );
  expect(issues[0].message).toContain('genesys-flows rollout next --stack prod --module m --reason "<why>"');
  expect(heldCallerMoves(plan, [change("a", ["name"])], "S")[0].message).toContain("(its name changed)");
});

describe("a person's hand on a rollout: pause, next, rollback", () => {
  const started: WaveRolloutRecord = {
    module: "m",
    modulePublishedName: "p-m",
    revision: NEW,
    from: OLD,
    started: 1,
    waves: [["b"], ["a", "c", "d"]],
    held: ["a", "c", "d"],
  };
  const wave1Out = deployed(NEW, { b: NEW });
  const act = { by: "ana <ana@example.com>", at: "2026-11-27T10:00:00.000Z", reason: "wave 1 callers hear silence" };
  const plan = (previous: WaveRolloutRecord[], extra: Partial<Parameters<typeof planWaves>[0]> = {}) =>
    planWaves({
      flows: flows(NEW),
      waves: { m: [{ flows: ["b"] }] },
      deployed: wave1Out,
      previous,
      stackFile: "S",
      stack: "prod",
      ...extra,
    });

  it("paused: no run starts a wave, the record keeps the pause; a wave that did not complete is still published again", () => {
    const paused = plan([{ ...started, paused: act }]);
    expect(paused.refusals).toEqual([]);
    expect(paused.plan.rollouts[0]).toMatchObject({
      started: 1,
      startsWave: false,
      waiting: true,
      waitingFor: [],
      paused: act,
    });
    expect(recordOf(paused.plan.rollouts[0]).paused).toEqual(act);
    expect(describeRollout(paused.plan.rollouts[0])).toContain(
      "wave 2 does not start: the rollout is paused (by ana <ana@example.com> at 2026-11-27T10:00:00.000Z: wave 1 callers hear silence)",
    );
    const retry = plan([{ ...started, paused: act }], { deployed: deployed(NEW) });
    expect(retry.plan.rollouts[0]).toMatchObject({ started: 1, startsWave: false, waiting: false, released: ["b"] });
  });

  it("paused, the module changing again is refused: it would start a wave", () => {
    const r = plan([{ ...started, paused: act }], { flows: flows(rev("m-third")) });
    expect(r.refusals.map((i) => i.message)).toEqual([
      expect.stringContaining(
        "the rollout of module m is paused (by ana <ana@example.com> at 2026-11-27T10:00:00.000Z: wave 1 callers hear silence); flows/m.yaml changed",
      ),
    ]);
  });

  it("the gate's reasons are recorded with a rollout that waits", () => {
    const gated = plan([started], { advance: false, gateReasons: ['scenario s.yaml:3 "x" (b) failed'] }).plan
      .rollouts[0];
    expect(recordOf(gated).waitingFor).toEqual(['scenario s.yaml:3 "x" (b) failed']);
    expect(describeRollout(gated)).toContain("wave 2 waits: the checks between waves did not pass");
  });

  it("next starts the wave past the gate and a pause, logged with who, when, why and what the gate said; it stays paused", () => {
    const next = { module: "m", ...act, reason: "wave 1 is fine, the scenario is wrong" };
    const r = plan([{ ...started, paused: act, log: [{ action: "pause", ...act }] }], {
      advance: false,
      gateReasons: ["scenario failed"],
      next,
    });
    expect(r.refusals).toEqual([]);
    const out = r.plan.rollouts[0];
    expect(out).toMatchObject({ started: 2, startsWave: true, held: [] });
    expect(recordOf(out)).toMatchObject({
      paused: act,
      log: [
        { action: "pause" },
        { action: "next", by: act.by, at: act.at, reason: next.reason, wave: 2, past: ["scenario failed"] },
      ],
    });
    expect(staysInProgress(out)).toBe(false);
  });

  it("next is refused when the wave out did not complete, when every wave started, or when no rollout is in progress", () => {
    const next = { module: "m", ...act };
    expect(plan([started], { deployed: deployed(NEW), next }).refusals[0].message).toBe(
      "rollout next: wave 1 of module m is not complete (b did not publish): an up publishes it again; rollout next starts wave 2 once it is",
    );
    expect(
      plan([], { deployed: deployed(NEW, Object.fromEntries(CALLERS.map((c) => [c, NEW]))), next }).refusals[0].message,
    ).toMatch(/^rollout next: module m has no rollout in progress/);
    expect(plan([started], { next: { ...next, module: "solo" } }).refusals[0].message).toBe(
      "rollout next: module solo rolls out in no waves on this stack",
    );
  });

  it("a rollback ends every rollout in progress: nothing held, the act logged; that revision is then refused until the files change the module or a person resumes it", () => {
    const [ended] = endedByRollback([{ ...started, paused: act }], { ...act, to: "r1", reason: "rollback --to r1" });
    expect(ended).toMatchObject({
      held: [],
      rolledBack: { to: "r1", by: act.by },
      log: [{ action: "rollback", reason: "rollback --to r1" }],
    });
    expect(ended.paused).toBeUndefined();
    expect(waveInProgress([ended])).toBe(false);
    // The stack runs the release again: the module at OLD, the callers as before.
    const back = deployed(OLD);
    const again = planWaves({
      flows: flows(NEW),
      waves: { m: [{ flows: ["b"] }] },
      deployed: back,
      previous: [ended],
      stackFile: "Pulumi.prod.yaml",
      stack: "prod",
    });
    expect(again.refusals.map((i) => i.message)).toEqual([
      expect.stringContaining(
        "this revision of module m was rolled back (rollback --to r1 by ana <ana@example.com> at 2026-11-27T10:00:00.000Z); this up would roll it out again from wave 1",
      ),
    ]);
    expect(again.refusals[0].message).toContain(
      'genesys-flows rollout resume --stack prod --module m --reason "<why>"',
    );
    // Without waves in the stack file any more, still refused.
    expect(
      planWaves({ flows: flows(NEW), waves: {}, deployed: back, previous: [ended], stackFile: "S" }).refusals,
    ).toHaveLength(1);
    // A new commit of the module: a new rollout from wave 1, the log kept.
    const fixed = planWaves({
      flows: flows(rev("m-fixed")),
      waves: { m: [{ flows: ["b"] }] },
      deployed: back,
      previous: [ended],
      stackFile: "S",
    });
    expect(fixed.refusals).toEqual([]);
    expect(fixed.plan.rollouts[0]).toMatchObject({ started: 1, startsWave: true, from: OLD });
    expect(recordOf(fixed.plan.rollouts[0]).log?.map((e) => e.action)).toEqual(["rollback"]);
    expect(fixed.plan.ended).toEqual([]);
    // The files back on the release: nothing rolls out, the record goes.
    expect(
      planWaves({
        flows: flows(OLD),
        waves: { m: [{ flows: ["b"] }] },
        deployed: back,
        previous: [ended],
        stackFile: "S",
      }).plan,
    ).toMatchObject({ rollouts: [], ended: [] });
    // Resumed (started 0, no rolledBack): wave 1 starts again.
    const { rolledBack: _rb, ...resumed } = ended;
    expect(
      planWaves({
        flows: flows(NEW),
        waves: { m: [{ flows: ["b"] }] },
        deployed: back,
        previous: [{ ...resumed, started: 0 }],
        stackFile: "S",
      }).plan.rollouts[0],
    ).toMatchObject({ started: 1, startsWave: true });
  });
});

describe("bad waves, refused before anything publishes", () => {
  const problems = (waves: Record<string, unknown>) => {
    const s = parseStackSettings({ environment: "dev", waves }, "Pulumi.dev.yaml");
    return wavesProblems(flows(NEW), s.waves, "Pulumi.dev.yaml").map((i) => `${i.field}: ${i.message}`);
  };
  it("a wave naming a flow that does not call the module", () => {
    expect(problems({ m: [{ flows: ["solo"] }] })).toEqual([
      'genesys-flows:waves.m[0].flows[0]: "solo" (flows/solo.yaml) does not call module m (directly or through modules); the callers of m: a, b, c, d',
    ]);
  });
  it("a wave naming an unknown flow", () => {
    expect(problems({ m: [{ flows: ["bb"] }] })[0]).toMatch(
      /^genesys-flows:waves\.m\[0\]\.flows\[0\]: names no flow this stack deploys: "bb"/,
    );
  });
  it("overlapping waves", () => {
    expect(problems({ m: [{ flows: ["a", "b"] }, { flows: ["c", "a"] }] })).toEqual([
      'genesys-flows:waves.m[1].flows[1]: "a" is already in wave 1: waves must not overlap',
    ]);
  });
  it("a key that is not a module", () => {
    expect(problems({ a: [{ share: "10%" }] })[0]).toMatch(
      /^genesys-flows:waves\.a: flows\/a\.yaml is not a common module/,
    );
    expect(problems({ nope: [{ share: "10%" }] })[0]).toMatch(
      /^genesys-flows:waves\.nope: names no flow this stack deploys/,
    );
  });
  it("a share that is not a percentage, and an empty list, are refused by the settings schema", () => {
    expect(() =>
      parseStackSettings({ environment: "dev", waves: { m: [{ share: "half" }] } }, "Pulumi.dev.yaml"),
    ).toThrow(/genesys-flows:waves/);
    expect(() => parseStackSettings({ environment: "dev", waves: { m: [] } }, "Pulumi.dev.yaml")).toThrow(
      /list at least one wave/,
    );
    expect(
      parseStackSettings({ environment: "dev", waves: { m: [{ share: "12.5%" }] } }, "Pulumi.dev.yaml").waves.m,
    ).toEqual([{ share: 12.5 }]);
  });
});
