// A person's hand on a rollout in waves (planner/waves/rolloutControl.ts): which rollout a command is
// about, a pause and a resume as the record changes (who, when, why, logged), what is refused, the
// status text; and the state edit that writes it (org/stackExport.ts withWaveRecord) read back by
// the state's one parse. Pure.
import { controlled, describeControl, renderRolloutStatus, rolloutOf } from "../../planner/waves/rolloutControl";
import { WAVE_ROLLOUT_TYPE, type WaveRolloutRecord } from "../../planner/waves/rolloutRecord";
import { parseStackExport, withWaveRecord } from "../../org/stackExport";

const record: WaveRolloutRecord = {
  module: "modules/lookup",
  modulePublishedName: "prod-Lookup",
  revision: "b".repeat(64),
  from: "a".repeat(64),
  started: 1,
  waves: [["calls/a"], ["calls/b"], ["calls/c"]],
  held: ["calls/b", "calls/c"],
};
const ana = { by: "ana <ana@example.com>", at: "2026-11-27T10:00:00.000Z", reason: "wave 1 callers hear silence" };
const bo = { by: "bo", at: "2026-11-27T11:00:00.000Z", reason: "the data action is fixed" };

it("the rollout a command is about: the module named, or the stack's only one; otherwise refused, listing what there is", () => {
  expect(rolloutOf("prod", [record], undefined)).toBe(record);
  expect(rolloutOf("prod", [record], "modules/lookup")).toBe(record);
  expect(rolloutOf("prod", [record], "modules/other")).toEqual({
    refusal: 'stack "prod" has no rollout of module modules/other (it records modules/lookup)',
  });
  expect(rolloutOf("prod", [], undefined)).toEqual({ refusal: 'stack "prod" has no rollout in waves in progress' });
  expect(rolloutOf("prod", [record, { ...record, module: "modules/x" }], undefined)).toEqual({
    refusal: 'stack "prod" has more than one rollout (modules/lookup, modules/x): name one with --module',
  });
});

it("pause then resume: the record says who paused it, when and why, and the log keeps both", () => {
  const paused = controlled("prod", record, "pause", ana) as WaveRolloutRecord;
  expect(paused).toEqual({ ...record, paused: ana, log: [{ action: "pause", ...ana }] });
  expect(controlled("prod", paused, "pause", bo)).toEqual({
    refusal:
      "the rollout of module modules/lookup is paused already (by ana <ana@example.com> at 2026-11-27T10:00:00.000Z: wave 1 callers hear silence)",
  });
  const resumed = controlled("prod", paused, "resume", bo) as WaveRolloutRecord;
  expect(resumed).toEqual({
    ...record,
    log: [
      { action: "pause", ...ana },
      { action: "resume", ...bo },
    ],
  });
  expect(describeControl("prod", paused, "pause")).toContain(
    'The rollout of module modules/lookup on stack "prod" is paused: no up starts a wave (wave 1 of 3 is out;',
  );
  expect(describeControl("prod", resumed, "resume")).toBe(
    'The rollout of module modules/lookup on stack "prod" is resumed: the next up starts wave 2 of 3 once the checks between waves pass.\n',
  );
});

it("resume of a rollout that is not paused is refused, pointing at rollout next when the gate holds it", () => {
  expect(controlled("prod", { ...record, waitingFor: ["scenario x failed"] }, "resume", bo)).toEqual({
    refusal:
      'the rollout of module modules/lookup is not paused (its next wave waits for the checks between waves: fix them, or genesys-flows rollout next --stack prod --module modules/lookup --reason "<why>")',
  });
});

it("after a rollback: a pause is refused; a resume lets the next up roll the same revision out again from wave 1", () => {
  const back: WaveRolloutRecord = { ...record, held: [], rolledBack: { ...ana, to: "r1" } };
  expect(controlled("prod", back, "pause", bo)).toEqual({
    refusal: "the rollout of module modules/lookup was rolled back (to r1): nothing rolls out to pause",
  });
  const again = controlled("prod", back, "resume", bo) as WaveRolloutRecord;
  expect(again).toEqual({ ...record, held: [], started: 0, log: [{ action: "resume", ...bo }] });
  expect(describeControl("prod", again, "resume")).toBe(
    'The rollout of module modules/lookup on stack "prod" goes out again: the next up starts wave 1 of 3.\n',
  );
});

it("status: where each rollout stands, why the next wave waits, and the log", () => {
  const text = renderRolloutStatus("prod", [
    {
      ...record,
      paused: ana,
      waitingFor: ["scenario s.yaml:3 failed"],
      log: [
        { action: "pause", ...ana },
        { action: "next", ...bo, wave: 2, past: ["scenario s.yaml:3 failed"] },
      ],
    },
  ]);
  expect(text).toBe(
    [
      'Rollouts in waves of stack "prod":',
      "  module modules/lookup (prod-Lookup): paused (by ana <ana@example.com> at 2026-11-27T10:00:00.000Z: wave 1 callers hear silence); wave 1 of 3 is out",
      "    wave 1: calls/a",
      "    wave 2: calls/b (not started)",
      "    wave 3: calls/c (not started)",
      "    held on the version they were published with: calls/b, calls/c",
      "    waits for: scenario s.yaml:3 failed",
      "    2026-11-27T10:00:00.000Z  pause    by ana <ana@example.com>: wave 1 callers hear silence",
      "    2026-11-27T11:00:00.000Z  next     by bo: the data action is fixed (started wave 2, past: scenario s.yaml:3 failed)",
      "",
    ].join("\n"),
  );
  expect(renderRolloutStatus("prod", [])).toBe('Stack "prod" has no rollout in waves in progress.\n');
});

it("the state edit replaces the record's inputs and outputs; the state's parse reads the pause and the log back", () => {
  const paused = controlled("prod", record, "pause", ana) as WaveRolloutRecord;
  const exported = JSON.stringify({
    version: 3,
    deployment: {
      resources: [
        {
          urn: "urn:pulumi:prod::genesys-flows::genesys-flows:index:WaveRollout::waves-modules/lookup",
          type: WAVE_ROLLOUT_TYPE,
          inputs: { ...record },
          outputs: { ...record },
        },
      ],
    },
  });
  const edited = withWaveRecord("prod", exported, paused);
  const resource = (
    JSON.parse(edited) as { deployment: { resources: Array<{ inputs: unknown; outputs: unknown; urn: string }> } }
  ).deployment.resources[0];
  expect(resource.urn).toBe("urn:pulumi:prod::genesys-flows::genesys-flows:index:WaveRollout::waves-modules/lookup");
  expect(resource.inputs).toEqual(paused);
  expect(resource.outputs).toEqual(paused);
  expect(parseStackExport("prod", edited).deployment.waves).toEqual([paused]);
  expect(() => withWaveRecord("prod", exported, { ...paused, module: "modules/x" })).toThrow(
    'the state of stack "prod" records no rollout of module modules/x',
  );
});
