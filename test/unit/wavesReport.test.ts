// Waves where people read them: verify reports a caller a rollout holds as a note, not a stale
// caller (verify/compare.ts); the review says which wave a republished caller goes out in
// (diff/deployPlan.ts); the state parse reads the rollout records and each caller's module
// revisions back (org/stackExport.ts); the per-flow account after a run (planner/waves/rolloutAccount.ts); the
// policy pack's module-wiring rule lets a held caller keep its trigger (policies/wiring.ts); what
// verify says during a rollout and after a rollback (the real fix on [pending], HELD not OK); the
// last lines of an up whose rollout waits (run/waves/gate.ts) and the waves its release records.
import { moduleTrigger } from "../../planner/revisions";
import { compareWithOrg } from "../../verify/compare";
import { renderVerifyText } from "../../verify/render";
import type { OrgView, StackDeployment } from "../../org/model";
import { parseStackExport } from "../../org/stackExport";
import { planDeployChanges, type DeploySide } from "../../diff/deployPlan";
import { planWaves } from "../../planner/waves/wavePlan";
import { renderRolloutAccounts, rolloutAccounts } from "../../planner/waves/rolloutAccount";
import { WAVE_ROLLOUT_TYPE, type WaveRolloutRecord } from "../../planner/waves/rolloutRecord";
import { releaseWavesOf } from "../../planner/releases";
import { heldRunText } from "../../run/waves/gate";
import { COMMON_MODULE_TYPE, INTERACTION_FLOW_TYPE, GENESYS_FLOW_TYPE, type FlowFacts } from "../../model/facts";
import { checkWiring } from "../../policies/wiring";

const record: WaveRolloutRecord = {
  module: "modules/lookup",
  modulePublishedName: "dev-Lookup",
  revision: "r-new",
  from: "r-old",
  started: 1,
  waves: [["calls/a"], ["calls/b"]],
  held: ["calls/b"],
};

function deployment(withWaves: boolean): StackDeployment {
  const caller = (id: string, rev: string) => ({
    id,
    file: `flows/${id}.yaml`,
    kind: "inboundCall",
    isModule: false,
    publishedName: `dev-${id}`,
    flowId: `gid-${id}`,
    revision: `r-${id}`,
    calls: [{ id: "modules/lookup", publishedName: "dev-Lookup" }],
    updateTriggerHash: moduleTrigger([rev]),
  });
  return {
    stack: "dev",
    flows: [
      {
        id: "modules/lookup",
        file: "flows/modules/lookup.yaml",
        kind: "commonModule",
        isModule: true,
        publishedName: "dev-Lookup",
        flowId: "gid-m",
        revision: "r-new",
        calls: [],
      },
      caller("calls/a", "r-new"),
      caller("calls/b", "r-old"),
    ],
    ...(withWaves ? { waves: [record] } : {}),
  };
}

const org: OrgView = {
  target: "the emulator",
  dependencyTracking: { status: "OPERATIONAL" },
  flows: {
    "gid-m": {
      flowId: "gid-m",
      name: "dev-Lookup",
      type: "COMMONMODULE",
      publishedVersion: { id: "2.0", dateCreated: 0 },
    },
    "gid-calls/a": {
      flowId: "gid-calls/a",
      name: "dev-calls/a",
      type: "INBOUNDCALL",
      publishedVersion: { id: "2.0", dateCreated: 0 },
    },
    "gid-calls/b": {
      flowId: "gid-calls/b",
      name: "dev-calls/b",
      type: "INBOUNDCALL",
      publishedVersion: { id: "1.0", dateCreated: 0 },
    },
  },
  consumers: {
    "gid-m": [
      { flowId: "gid-calls/a", name: "dev-calls/a", type: "INBOUNDCALLFLOW", version: "2.0", moduleVersion: "2.0" },
      { flowId: "gid-calls/b", name: "dev-calls/b", type: "INBOUNDCALLFLOW", version: "1.0", moduleVersion: "1.0" },
    ],
  },
};

it("verify: a caller the rollout holds is a note saying until which wave; without the record it is a stale caller", () => {
  const held = compareWithOrg(deployment(true), org);
  expect(held.ok).toBe(true);
  expect(held.modules[0].callers.map((c) => [c.id, c.status])).toEqual([
    ["calls/a", "current"],
    ["calls/b", "held"],
  ]);
  expect(held.findings.find((f) => f.code === "wave-held")).toMatchObject({
    severity: "info",
    flow: "dev-calls/b",
    message:
      "runs module dev-Lookup version 1.0 (the module's published version is 2.0): held on purpose by the rollout in waves of module dev-Lookup until wave 2 of 2 (wave 1 is out)",
  });
  const stale = compareWithOrg(deployment(false), org);
  expect(stale.ok).toBe(false);
  expect(stale.findings.map((f) => f.code)).toContain("stale-caller");
});

describe("verify during a rollout names the real fix, and is not OK about held callers", () => {
  // The files plan calls/b on the new module; the stack runs it on the old one.
  const planned = new Map([
    ["modules/lookup", "r-new"],
    ["calls/a", "r-calls/a"],
    ["calls/b", "r-calls/b-new"],
  ]);
  const withRecord = (r: WaveRolloutRecord): StackDeployment => ({ ...deployment(true), waves: [r] });
  const pending = (d: StackDeployment) =>
    compareWithOrg(d, org, { planned, upCommand: "npm run up -- --stack dev" }).findings.find(
      (f) => f.code === "pending",
    )!;

  it("the last line says HELD and names the held callers", () => {
    const text = renderVerifyText(compareWithOrg(deployment(true), org, { planned }));
    expect(text.trimEnd().split("\n").at(-1)).toBe(
      "HELD: every flow of the stack runs what the stack deployed, but 1 caller of the stack runs an older version of a module on purpose, held by a rollout in waves: dev-calls/b ([wave-held] and [pending] above say until when and what moves them).",
    );
  });

  it("[pending] of a held caller: the next up, or what the gate says, or the pause; and rollout next, and rollback", () => {
    expect(pending(deployment(true))).toMatchObject({
      message:
        "runs the previous version of module dev-Lookup on purpose: the rollout in waves holds it until wave 2 of 2 (wave 1 is out)",
      fix: 'npm run up -- --stack dev starts wave 2 once the checks between waves pass; or start it anyway: genesys-flows rollout next --stack dev --module modules/lookup --reason "<why>"; or take the module back: genesys-flows rollback --stack dev --to previous',
    });
    expect(
      pending(withRecord({ ...record, waitingFor: ['scenario scenarios/a.yaml:3 "hears a welcome" (calls/a) failed'] }))
        .fix,
    ).toBe(
      'wave 2 waits for: scenario scenarios/a.yaml:3 "hears a welcome" (calls/a) failed. Fix that and npm run up -- --stack dev; or start it anyway: genesys-flows rollout next --stack dev --module modules/lookup --reason "<why>"; or take the module back: genesys-flows rollback --stack dev --to previous',
    );
    expect(
      pending(withRecord({ ...record, paused: { by: "ana", at: "2026-11-27T10:00:00.000Z", reason: "silence" } })).fix,
    ).toMatch(
      /^the rollout is paused \(by ana at 2026-11-27T10:00:00\.000Z: silence\): genesys-flows rollout resume --stack dev --module modules\/lookup --reason "<why>" lets an up start wave 2; or start it anyway/,
    );
  });

  it("after a rollback: [pending] says the change was rolled back and what brings it again; a held caller on the module's content again is current", () => {
    const back = withRecord({
      ...record,
      held: [],
      rolledBack: { by: "ana", at: "2026-11-27T10:05:00.000Z", reason: "rollback --to r1", to: "r1" },
    });
    const rolledBack = {
      ...back,
      flows: back.flows.map((f) => (f.id === "calls/b" ? { ...f, moduleRevisions: { "modules/lookup": "r-new" } } : f)),
    };
    const report = compareWithOrg(rolledBack, org, { planned, upCommand: "npm run up -- --stack dev" });
    expect(report.ok).toBe(true);
    expect(report.modules[0].callers.map((c) => [c.id, c.status])).toEqual([
      ["calls/a", "current"],
      ["calls/b", "same-content"],
    ]);
    expect(report.findings.find((f) => f.code === "same-content")?.message).toBe(
      "runs module dev-Lookup version 1.0, the content the module's published version 2.0 has again (the stack published both from revision r-new: the same content published again, by a rollback or by a run that stopped and ran again): current",
    );
    expect(report.findings.find((f) => f.code === "pending")).toMatchObject({
      message:
        "the rollout in waves of module dev-Lookup was rolled back to r1 (by ana at 2026-11-27T10:05:00.000Z): the stack runs that release's version of it, and the change does not roll out again by itself",
      fix: 'commit a change of the module (a fix, or a revert) and npm run up -- --stack dev; or roll the same change out again from wave 1: genesys-flows rollout resume --stack dev --module modules/lookup --reason "<why>"',
    });
    expect(renderVerifyText(report)).toMatch(/\nOK: every flow of the stack runs what the stack deployed/);
    // Without the state's word that it was published on the module's current revision, it stays stale.
    expect(compareWithOrg(back, org).modules[0].callers[1].status).toBe("stale");
    // A rollback killed right after it published the module: its published version is one no release
    // recorded (the releases recorded 1.0 only), so its content is not known: the repeated version is named, an error.
    const stopped = {
      ...rolledBack,
      flows: rolledBack.flows.map((f) => (f.id === "modules/lookup" ? { ...f, releasedVersions: ["1.0"] } : f)),
    };
    const killed = compareWithOrg(stopped, org, { planned, upCommand: "npm run up -- --stack dev" });
    expect(killed.ok).toBe(false);
    expect(killed.modules[0].callers.map((c) => [c.id, c.status])).toEqual([
      ["calls/a", "current"],
      ["calls/b", "repeated-version"],
    ]);
    expect(killed.findings.find((f) => f.code === "same-content")).toBeUndefined();
    expect(killed.findings.find((f) => f.code === "repeated-version")).toMatchObject({
      severity: "error",
      flow: "dev-calls/b",
      message:
        "runs module dev-Lookup version 1.0; the module's published version 2.0 is one no release of the stack recorded (they recorded 1.0): a run of the stack published the module again and stopped before recording it (the module's rollout records a rollback to r1: 2.0 is likely r1's content), so which content 2.0 has is not known, and a caller published now takes it",
      fix: "genesys-flows rollback --stack dev --to r1 (it finishes the rollback; genesys-flows rollout status --stack dev says what the org runs)",
    });
  });
});

it("the review: the rollout's first wave is republished and says so; a caller of a later wave is held, not republished", () => {
  const side = (m: string, waves?: DeploySide["waves"], held?: DeploySide["held"]): DeploySide => ({
    flows: new Map([
      [
        "flows/m.yaml",
        {
          id: "m",
          file: "flows/m.yaml",
          kind: "Common module",
          name: "M",
          publishedName: "dev-M",
          isModule: true,
          contentRevision: m,
          revision: m,
        },
      ],
      [
        "flows/a.yaml",
        {
          id: "a",
          file: "flows/a.yaml",
          kind: "Inbound call",
          name: "A",
          publishedName: "dev-A",
          isModule: false,
          calls: ["m"],
          contentRevision: "a",
          revision: `a+${m}`,
        },
      ],
      [
        "flows/b.yaml",
        {
          id: "b",
          file: "flows/b.yaml",
          kind: "Inbound call",
          name: "B",
          publishedName: "dev-B",
          isModule: false,
          calls: ["m"],
          contentRevision: "b",
          revision: `b+${m}`,
        },
      ],
    ]),
    files: new Set(["flows/m.yaml", "flows/a.yaml", "flows/b.yaml"]),
    namePrefix: "dev-",
    ...(waves ? { waves } : {}),
    ...(held ? { held } : {}),
  });
  const diff = { flows: [], republish: [] } as unknown as Parameters<typeof planDeployChanges>[2];
  const waves = new Map([
    ["flows/a.yaml", [{ module: "m", wave: 1, of: 2 }]],
    ["flows/b.yaml", [{ module: "m", wave: 2, of: 2 }]],
  ]);
  const plan = planDeployChanges(side("m1"), side("m2", waves, new Map([["b", ["m"]]])), diff, "Pulumi.dev.yaml");
  expect(plan.changes.map((c) => [c.action, c.file, c.why])).toEqual([
    ["publish", "flows/m.yaml", ["its content changes"]],
    [
      "republish",
      "flows/a.yaml",
      [
        "calls module M, whose content changes: Genesys snapshots a module into each caller at publish time",
        "wave 1 of 2 of the rollout of module m (genesys-flows:waves): the up that starts the rollout",
      ],
    ],
    [
      "held",
      "flows/b.yaml",
      [
        "the rollout in waves of module m holds it: it keeps the module version it was published with until its wave (genesys-flows:waves)",
      ],
    ],
  ]);
});

it("the state: rollout records and each caller's module revisions are read back", () => {
  const facts = (id: string, calls: string[]) => ({
    id,
    file: `flows/${id}.yaml`,
    kind: calls.length ? "inboundCall" : "commonModule",
    publishedName: `dev-${id}`,
    calls: calls.map((c) => ({ id: c, publishedName: `dev-${c}` })),
  });
  const exported = {
    deployment: {
      resources: [
        {
          urn: "urn:pulumi:dev::p::genesys-flows:index:WaveRollout::waves-m",
          type: WAVE_ROLLOUT_TYPE,
          inputs: { ...record, module: "m" },
        },
        {
          urn: "urn:m",
          type: COMMON_MODULE_TYPE,
          outputs: { facts: facts("m", []), revision: "r-new", contentRevision: "c-m" },
        },
        { urn: "urn:m-flow", type: GENESYS_FLOW_TYPE, parent: "urn:m", id: "gid-m", outputs: { name: "dev-m" } },
        {
          urn: "urn:b",
          type: INTERACTION_FLOW_TYPE,
          outputs: { facts: facts("b", ["m"]), revision: "r-b", moduleRevisions: ["r-old"], contentRevision: "c-b" },
        },
        {
          urn: "urn:b-flow",
          type: GENESYS_FLOW_TYPE,
          parent: "urn:b",
          id: "gid-b",
          outputs: { name: "dev-b", updateTriggerHash: "t" },
        },
      ],
    },
  };
  const { deployment } = parseStackExport("dev", JSON.stringify(exported));
  expect(deployment.waves).toEqual([{ ...record, module: "m" }]);
  expect(deployment.flows.find((f) => f.id === "b")).toMatchObject({
    moduleRevisions: { m: "r-old" },
    contentRevision: "c-b",
    updateTriggerHash: "t",
  });
});

it("the account after a run: per caller, the wave and which version it runs", () => {
  const flows = [
    {
      id: "modules/lookup",
      file: "f",
      isModule: true,
      publishedName: "dev-Lookup",
      calls: [],
      contentRevision: "x",
      revision: "r-new",
    },
    {
      id: "calls/a",
      file: "a",
      isModule: false,
      publishedName: "a",
      calls: ["modules/lookup"],
      contentRevision: "x",
      revision: "y",
    },
    {
      id: "calls/b",
      file: "b",
      isModule: false,
      publishedName: "b",
      calls: ["modules/lookup"],
      contentRevision: "x",
      revision: "y",
    },
  ];
  const deployed = new Map(
    deployment(true).flows.map((f) => [
      f.id,
      {
        ...f,
        ...(f.id === "calls/a"
          ? { updateTriggerHash: moduleTrigger(["r-old"]), moduleRevisions: { "modules/lookup": "r-old" } }
          : {}),
      },
    ]),
  );
  const text = renderRolloutAccounts(rolloutAccounts(flows, deployed, [record]));
  expect(text).toBe(
    [
      "Rollouts in waves (which module version each caller runs, from the stack's state):",
      "  module modules/lookup: wave 1 of 2 is out, not complete; wave 2 does not start until it is",
      "    calls/a  wave 1  the version it was published with (its publish in this wave did not happen or failed), module revision r-old",
      "    calls/b  wave 2  the version it was published with (held until its wave)",
      "",
    ].join("\n"),
  );
});

it("the policy pack's module-wiring rule accepts a caller the rollout's record holds, and only that one", () => {
  const facts = (id: string) =>
    ({
      id,
      file: `flows/${id}.yaml`,
      publishedName: `dev-${id}`,
      calls: [{ id: "m", name: "M", publishedName: "dev-M" }],
    }) as unknown as FlowFacts;
  const components = [
    {
      urn: "urn:m",
      facts: { id: "m", file: "flows/m.yaml", publishedName: "dev-M", calls: [] } as unknown as FlowFacts,
    },
    { urn: "urn:a", facts: facts("a") },
    { urn: "urn:b", facts: facts("b") },
  ];
  const resources = (held: string[]) => [
    { type: COMMON_MODULE_TYPE, urn: "urn:m", name: "m", props: { revision: "r-new" } },
    {
      type: GENESYS_FLOW_TYPE,
      urn: "urn:a-flow",
      name: "a",
      parent: { urn: "urn:a" },
      props: { updateTriggerHash: moduleTrigger(["r-old"]) },
    },
    {
      type: GENESYS_FLOW_TYPE,
      urn: "urn:b-flow",
      name: "b",
      parent: { urn: "urn:b" },
      props: { updateTriggerHash: moduleTrigger(["r-old"]) },
    },
    { type: WAVE_ROLLOUT_TYPE, urn: "urn:w", name: "waves-m", props: { held } },
  ];
  expect(checkWiring(components, resources(["b"])).findings.map((f) => f.file)).toEqual(["flows/a.yaml"]);
  expect(checkWiring(components, resources([])).findings.map((f) => f.file)).toEqual(["flows/a.yaml", "flows/b.yaml"]);
});

describe("the last lines of an up whose rollout waits, and the release it records", () => {
  const flows = [
    {
      id: "m",
      file: "flows/m.yaml",
      isModule: true,
      publishedName: "p-m",
      calls: [],
      contentRevision: "N",
      revision: "N",
    },
    ...["a", "b", "c"].map((id) => ({
      id,
      file: `flows/${id}.yaml`,
      isModule: false,
      publishedName: `p-${id}`,
      calls: ["m"],
      contentRevision: id,
      revision: `${id}N`,
    })),
  ];
  const deployed = new Map<string, { id: string; revision: string; updateTriggerHash: string }>([
    ["m", { id: "m", revision: "N", updateTriggerHash: "" }],
    ["a", { id: "a", revision: "aN", updateTriggerHash: moduleTrigger(["N"]) }],
    ["b", { id: "b", revision: "bO", updateTriggerHash: moduleTrigger(["O"]) }],
    ["c", { id: "c", revision: "cO", updateTriggerHash: moduleTrigger(["O"]) }],
  ]);
  const started: WaveRolloutRecord = {
    module: "m",
    modulePublishedName: "p-m",
    revision: "N",
    from: "O",
    started: 1,
    waves: [["a"], ["b"], ["c"]],
    held: ["b", "c"],
  };
  const planned = (extra: Partial<Parameters<typeof planWaves>[0]> = {}) =>
    planWaves({
      flows,
      waves: { m: [{ flows: ["a"] }, { flows: ["b"] }] },
      deployed,
      previous: [started],
      stackFile: "Pulumi.prod.yaml",
      stack: "prod",
      ...extra,
    }).plan;

  it("held by the gate: why, who stays back, and the three ways on; nothing when the wave starts", () => {
    const reasons = ['scenario scenarios/calls/a/welcome.yaml:3 "hears a welcome" (calls/a) failed'];
    expect(heldRunText({ plan: planned({ advance: false, gateReasons: reasons }), waiting: reasons }, "prod")).toBe(
      [
        "HELD: the rollout of module m waits: wave 1 of 3 is out, wave 2 does not start, because:",
        '  scenario scenarios/calls/a/welcome.yaml:3 "hears a welcome" (calls/a) failed',
        "  kept on the module version they were published with: b, c",
        '  next: fix what is above and up again; or start wave 2 anyway (genesys-flows rollout next --stack prod --module m --reason "<why>"); or take the module back (genesys-flows rollback --stack prod --to previous).',
        "",
      ].join("\n"),
    );
    expect(heldRunText({ plan: planned(), waiting: [] }, "prod")).toBeUndefined();
    expect(heldRunText(undefined, "prod")).toBeUndefined();
  });

  it("held by a pause: who paused it and why, and resume first", () => {
    const text = heldRunText(
      {
        plan: planned({
          previous: [{ ...started, paused: { by: "ana", at: "2026-11-27T10:00:00.000Z", reason: "silence" } }],
        }),
        waiting: [],
      },
      "prod",
    );
    expect(text).toContain(
      "HELD: the rollout of module m is paused (by ana at 2026-11-27T10:00:00.000Z: silence); wave 1 of 3 is out, wave 2 does not start.",
    );
    expect(text).toContain(
      '  next: resume it (genesys-flows rollout resume --stack prod --module m --reason "<why>"); or start wave 2 anyway',
    );
  });

  it("the release records the wave each rollout is at, the wave it started and a person's rollout next", () => {
    expect(releaseWavesOf(planned({ advance: false }))).toEqual([{ module: "m", wave: 1, of: 3 }]);
    expect(releaseWavesOf(planned({ next: { module: "m", by: "ana", at: "t", reason: "fine" } }))).toEqual([
      { module: "m", wave: 2, of: 3, starts: true, next: { by: "ana", reason: "fine" } },
    ]);
  });
});
