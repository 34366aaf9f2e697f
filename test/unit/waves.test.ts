// The waves planner (planner/waves.ts), pure: which callers a module rollout publishes in each run,
// which keep the version they were published with, when the next wave starts, and the bad inputs
// refused before anything publishes. The flows and the deployed state are built by hand.
import { moduleTrigger, sha256 } from "../../planner/revisions";
import { parseStackSettings } from "../../planner/stackSettings";
import { planWaves, resolveWaves, waveInProgress, wavesProblems, type WaveDeployedFlow, type WaveFlow, type WaveRolloutRecord } from "../../planner/waves";

const rev = (s: string) => sha256(s);
const moduleFlow = (id: string, revision: string): WaveFlow => ({ id, file: `flows/${id}.yaml`, isModule: true, publishedName: `p-${id}`, calls: [], contentRevision: revision, revision });
const caller = (id: string, calls: string[], content = `${id}-content`): WaveFlow => ({ id, file: `flows/${id}.yaml`, isModule: false, publishedName: `p-${id}`, calls, contentRevision: rev(content), revision: rev(`${id}:${content}`) });

const OLD = rev("m-old");
const NEW = rev("m-new");
const CALLERS = ["a", "b", "c", "d"];
const flows = (mRev: string, edits: Record<string, string> = {}): WaveFlow[] => [moduleFlow("m", mRev), ...CALLERS.map((id) => caller(id, ["m"], edits[id])), caller("solo", [])];

/** Every caller deployed on module revision `on[id]` (default OLD), the module at `mRev`. */
function deployed(mRev: string, on: Record<string, string> = {}): Map<string, WaveDeployedFlow> {
  const out = new Map<string, WaveDeployedFlow>([["m", { id: "m", revision: mRev }]]);
  for (const id of CALLERS) {
    const r = on[id] ?? OLD;
    out.set(id, { id, revision: rev(`${id}@${r}`), updateTriggerHash: moduleTrigger([r]), moduleRevisions: { m: r }, contentRevision: rev(`${id}-content`) });
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
  const { plan, refusals } = planWaves({ flows: flows(NEW), waves: settings, deployed: deployed(OLD), previous: [], stackFile: "Pulumi.dev.yaml" });
  expect(refusals).toEqual([]);
  expect(plan.rollouts).toHaveLength(1);
  const r = plan.rollouts[0];
  expect(r).toMatchObject({ module: "m", revision: NEW, from: OLD, started: 1, current: 1, startsWave: true, released: ["b"], created: [] });
  expect(r.held.sort()).toEqual(["a", "c", "d"]);
  expect(plan.held.get("a")).toEqual({ updateTriggerHash: moduleTrigger([OLD]), revision: rev(`a@${OLD}`), moduleRevisions: { m: OLD }, heldBy: ["m"] });
  expect(plan.held.has("b")).toBe(false);
  expect(waveInProgress([{ ...r, held: r.held }])).toBe(true);
});

it("the next run starts wave 2 once wave 1 runs the new revision; then the last; then the rollout is finished", () => {
  const first = planWaves({ flows: flows(NEW), waves: settings, deployed: deployed(OLD), previous: [], stackFile: "S" }).plan.rollouts[0];
  const record = (r: typeof first): WaveRolloutRecord => ({ module: r.module, modulePublishedName: r.modulePublishedName, revision: r.revision, from: r.from, started: r.started, waves: r.waves, held: r.held });
  const onNew = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, NEW]));
  const second = planWaves({ flows: flows(NEW), waves: settings, deployed: deployed(NEW, onNew(["b"])), previous: [record(first)], stackFile: "S" }).plan.rollouts[0];
  expect(second).toMatchObject({ started: 2, startsWave: true });
  expect(second.held).toEqual(second.waves[2]);
  const third = planWaves({ flows: flows(NEW), waves: settings, deployed: deployed(NEW, onNew(["b", ...second.waves[1]])), previous: [record(second)], stackFile: "S" }).plan;
  expect(third.rollouts[0]).toMatchObject({ started: 3, held: [] });
  const done = planWaves({ flows: flows(NEW), waves: settings, deployed: deployed(NEW, onNew(CALLERS)), previous: [record(third.rollouts[0])], stackFile: "S" }).plan;
  expect(done.rollouts).toEqual([]);
  expect(done.finished).toEqual(["m"]);
  expect(done.held.size).toBe(0);
});

it("a wave that did not complete (a publish failed) is published again and the next wave does not start; nor when the deploy's gate holds it", () => {
  const started: WaveRolloutRecord = { module: "m", modulePublishedName: "p-m", revision: NEW, from: OLD, started: 1, waves: [["b"], ["a", "c", "d"]], held: ["a", "c", "d"] };
  const retry = planWaves({ flows: flows(NEW), waves: { m: [{ flows: ["b"] }] }, deployed: deployed(NEW), previous: [started], stackFile: "S" }).plan;
  expect(retry.rollouts[0]).toMatchObject({ started: 1, startsWave: false, released: ["b"] });
  expect([...retry.held.keys()].sort()).toEqual(["a", "c", "d"]);
  const gated = planWaves({ flows: flows(NEW), waves: { m: [{ flows: ["b"] }] }, deployed: deployed(NEW, { b: NEW }), previous: [started], stackFile: "S", advance: false }).plan;
  expect(gated.rollouts[0]).toMatchObject({ started: 1, startsWave: false, waiting: true });
  expect(retry.rollouts[0].waiting).toBe(false);
});

it("no rollout when the module does not change, on a first deploy, or for a stack without waves", () => {
  expect(planWaves({ flows: flows(OLD), waves: settings, deployed: deployed(OLD), previous: [], stackFile: "S" }).plan.rollouts).toEqual([]);
  expect(planWaves({ flows: flows(NEW), waves: settings, deployed: new Map(), previous: [], stackFile: "S" }).plan.rollouts).toEqual([]);
  expect(planWaves({ flows: flows(NEW), waves: {}, deployed: deployed(OLD), previous: [], stackFile: "S" }).plan.held.size).toBe(0);
});

it("a held caller that changed itself is refused with the reason, the wave and what to do", () => {
  const { refusals } = planWaves({ flows: flows(NEW, { c: "c-edited" }), waves: { m: [{ flows: ["b"] }] }, deployed: deployed(OLD), previous: [], stackFile: "Pulumi.prod.yaml" });
  expect(refusals).toHaveLength(1);
  expect(refusals[0].file).toBe("flows/c.yaml");
  expect(refusals[0].message).toContain("waits for wave 2 of 2 of the rollout of module m (genesys-flows:waves.m in Pulumi.prod.yaml; wave 1 goes out now)");
  expect(refusals[0].message).toContain("Genesys publishes a caller with the latest published version of each module it calls");
  // A caller of the current wave may change itself.
  expect(planWaves({ flows: flows(NEW, { b: "b-edited" }), waves: { m: [{ flows: ["b"] }] }, deployed: deployed(OLD), previous: [], stackFile: "S" }).refusals).toEqual([]);
});

describe("bad waves, refused before anything publishes", () => {
  const problems = (waves: Record<string, unknown>) => {
    const s = parseStackSettings({ environment: "dev", waves }, "Pulumi.dev.yaml");
    return wavesProblems(flows(NEW), s.waves, "Pulumi.dev.yaml").map((i) => `${i.field}: ${i.message}`);
  };
  it("a wave naming a flow that does not call the module", () => {
    expect(problems({ m: [{ flows: ["solo"] }] })).toEqual(['genesys-flows:waves.m[0].flows[0]: "solo" (flows/solo.yaml) does not call module m (directly or through modules); the callers of m: a, b, c, d']);
  });
  it("a wave naming an unknown flow", () => {
    expect(problems({ m: [{ flows: ["bb"] }] })[0]).toMatch(/^genesys-flows:waves\.m\[0\]\.flows\[0\]: names no flow this stack deploys: "bb"/);
  });
  it("overlapping waves", () => {
    expect(problems({ m: [{ flows: ["a", "b"] }, { flows: ["c", "a"] }] })).toEqual(['genesys-flows:waves.m[1].flows[1]: "a" is already in wave 1: waves must not overlap']);
  });
  it("a key that is not a module", () => {
    expect(problems({ a: [{ share: "10%" }] })[0]).toMatch(/^genesys-flows:waves\.a: flows\/a\.yaml is not a common module/);
    expect(problems({ nope: [{ share: "10%" }] })[0]).toMatch(/^genesys-flows:waves\.nope: names no flow this stack deploys/);
  });
  it("a share that is not a percentage, and an empty list, are refused by the settings schema", () => {
    expect(() => parseStackSettings({ environment: "dev", waves: { m: [{ share: "half" }] } }, "Pulumi.dev.yaml")).toThrow(/genesys-flows:waves/);
    expect(() => parseStackSettings({ environment: "dev", waves: { m: [] } }, "Pulumi.dev.yaml")).toThrow(/list at least one wave/);
    expect(parseStackSettings({ environment: "dev", waves: { m: [{ share: "12.5%" }] } }, "Pulumi.dev.yaml").waves.m).toEqual([{ share: 12.5 }]);
  });
});
