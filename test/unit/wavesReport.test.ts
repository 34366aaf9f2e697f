// Waves where people read them: verify reports a caller a rollout holds as a note, not a stale
// caller (verify/compare.ts); the review says which wave a republished caller goes out in
// (diff/deployPlan.ts); the state parse reads the rollout records and each caller's module
// revisions back (org/stackExport.ts); the per-flow account after a run (planner/waves.ts); the
// policy pack's module-wiring rule lets a held caller keep its trigger (policies/wiring.ts).
import { moduleTrigger } from "../../planner/revisions";
import { compareWithOrg } from "../../verify/compare";
import type { OrgView, StackDeployment } from "../../org/model";
import { parseStackExport } from "../../org/stackExport";
import { planDeployChanges, type DeploySide } from "../../diff/deployPlan";
import { renderRolloutAccounts, rolloutAccounts, WAVE_ROLLOUT_TYPE, type WaveRolloutRecord } from "../../planner/waves";
import { COMMON_MODULE_TYPE, INTERACTION_FLOW_TYPE, GENESYS_FLOW_TYPE, type FlowFacts } from "../../model/facts";
import { checkWiring } from "../../policies/wiring";

const record: WaveRolloutRecord = { module: "modules/lookup", modulePublishedName: "dev-Lookup", revision: "r-new", from: "r-old", started: 1, waves: [["calls/a"], ["calls/b"]], held: ["calls/b"] };

function deployment(withWaves: boolean): StackDeployment {
  const caller = (id: string, rev: string) => ({ id, file: `flows/${id}.yaml`, kind: "inboundCall", isModule: false, publishedName: `dev-${id}`, flowId: `gid-${id}`, revision: `r-${id}`, calls: [{ id: "modules/lookup", publishedName: "dev-Lookup" }], updateTriggerHash: moduleTrigger([rev]) });
  return {
    stack: "dev",
    flows: [
      { id: "modules/lookup", file: "flows/modules/lookup.yaml", kind: "commonModule", isModule: true, publishedName: "dev-Lookup", flowId: "gid-m", revision: "r-new", calls: [] },
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
    "gid-m": { flowId: "gid-m", name: "dev-Lookup", type: "COMMONMODULE", publishedVersion: { id: "2.0", dateCreated: 0 } },
    "gid-calls/a": { flowId: "gid-calls/a", name: "dev-calls/a", type: "INBOUNDCALL", publishedVersion: { id: "2.0", dateCreated: 0 } },
    "gid-calls/b": { flowId: "gid-calls/b", name: "dev-calls/b", type: "INBOUNDCALL", publishedVersion: { id: "1.0", dateCreated: 0 } },
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
  expect(held.modules[0].callers.map((c) => [c.id, c.status])).toEqual([["calls/a", "current"], ["calls/b", "held"]]);
  expect(held.findings.find((f) => f.code === "wave-held")).toMatchObject({ severity: "info", flow: "dev-calls/b", message: "runs module dev-Lookup version 1.0 (the module's published version is 2.0): held by the rollout in waves of module dev-Lookup until wave 2 of 2 (wave 1 is out; the next up starts the next wave)" });
  const stale = compareWithOrg(deployment(false), org);
  expect(stale.ok).toBe(false);
  expect(stale.findings.map((f) => f.code)).toContain("stale-caller");
});

it("the review: the rollout's first wave is republished and says so; a caller of a later wave is held, not republished", () => {
  const side = (m: string, waves?: DeploySide["waves"], held?: DeploySide["held"]): DeploySide => ({
    flows: new Map([
      ["flows/m.yaml", { id: "m", file: "flows/m.yaml", kind: "Common module", name: "M", publishedName: "dev-M", isModule: true, contentRevision: m, revision: m }],
      ["flows/a.yaml", { id: "a", file: "flows/a.yaml", kind: "Inbound call", name: "A", publishedName: "dev-A", isModule: false, calls: ["m"], contentRevision: "a", revision: `a+${m}` }],
      ["flows/b.yaml", { id: "b", file: "flows/b.yaml", kind: "Inbound call", name: "B", publishedName: "dev-B", isModule: false, calls: ["m"], contentRevision: "b", revision: `b+${m}` }],
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
    ["republish", "flows/a.yaml", ["calls module M, whose content changes: Genesys snapshots a module into each caller at publish time", "wave 1 of 2 of the rollout of module m (genesys-flows:waves): the up that starts the rollout"]],
    ["held", "flows/b.yaml", ["the rollout in waves of module m holds it: it keeps the module version it was published with until its wave (genesys-flows:waves)"]],
  ]);
});

it("the state: rollout records and each caller's module revisions are read back", () => {
  const facts = (id: string, calls: string[]) => ({ id, file: `flows/${id}.yaml`, kind: calls.length ? "inboundCall" : "commonModule", publishedName: `dev-${id}`, calls: calls.map((c) => ({ id: c, publishedName: `dev-${c}` })) });
  const exported = {
    deployment: {
      resources: [
        { urn: "urn:pulumi:dev::p::genesys-flows:index:WaveRollout::waves-m", type: WAVE_ROLLOUT_TYPE, inputs: { ...record, module: "m" } },
        { urn: "urn:m", type: COMMON_MODULE_TYPE, outputs: { facts: facts("m", []), revision: "r-new", contentRevision: "c-m" } },
        { urn: "urn:m-flow", type: GENESYS_FLOW_TYPE, parent: "urn:m", id: "gid-m", outputs: { name: "dev-m" } },
        { urn: "urn:b", type: INTERACTION_FLOW_TYPE, outputs: { facts: facts("b", ["m"]), revision: "r-b", moduleRevisions: ["r-old"], contentRevision: "c-b" } },
        { urn: "urn:b-flow", type: GENESYS_FLOW_TYPE, parent: "urn:b", id: "gid-b", outputs: { name: "dev-b", updateTriggerHash: "t" } },
      ],
    },
  };
  const { deployment } = parseStackExport("dev", JSON.stringify(exported));
  expect(deployment.waves).toEqual([{ ...record, module: "m" }]);
  expect(deployment.flows.find((f) => f.id === "b")).toMatchObject({ moduleRevisions: { m: "r-old" }, contentRevision: "c-b", updateTriggerHash: "t" });
});

it("the account after a run: per caller, the wave and which version it runs", () => {
  const flows = [
    { id: "modules/lookup", file: "f", isModule: true, publishedName: "dev-Lookup", calls: [], contentRevision: "x", revision: "r-new" },
    { id: "calls/a", file: "a", isModule: false, publishedName: "a", calls: ["modules/lookup"], contentRevision: "x", revision: "y" },
    { id: "calls/b", file: "b", isModule: false, publishedName: "b", calls: ["modules/lookup"], contentRevision: "x", revision: "y" },
  ];
  const deployed = new Map(deployment(true).flows.map((f) => [f.id, { ...f, ...(f.id === "calls/a" ? { updateTriggerHash: moduleTrigger(["r-old"]), moduleRevisions: { "modules/lookup": "r-old" } } : {}) }]));
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
  const facts = (id: string) => ({ id, file: `flows/${id}.yaml`, publishedName: `dev-${id}`, calls: [{ id: "m", name: "M", publishedName: "dev-M" }] }) as unknown as FlowFacts;
  const components = [
    { urn: "urn:m", facts: { id: "m", file: "flows/m.yaml", publishedName: "dev-M", calls: [] } as unknown as FlowFacts },
    { urn: "urn:a", facts: facts("a") },
    { urn: "urn:b", facts: facts("b") },
  ];
  const resources = (held: string[]) => [
    { type: COMMON_MODULE_TYPE, urn: "urn:m", name: "m", props: { revision: "r-new" } },
    { type: GENESYS_FLOW_TYPE, urn: "urn:a-flow", name: "a", parent: { urn: "urn:a" }, props: { updateTriggerHash: moduleTrigger(["r-old"]) } },
    { type: GENESYS_FLOW_TYPE, urn: "urn:b-flow", name: "b", parent: { urn: "urn:b" }, props: { updateTriggerHash: moduleTrigger(["r-old"]) } },
    { type: WAVE_ROLLOUT_TYPE, urn: "urn:w", name: "waves-m", props: { held } },
  ];
  expect(checkWiring(components, resources(["b"])).findings.map((f) => f.file)).toEqual(["flows/a.yaml"]);
  expect(checkWiring(components, resources([])).findings.map((f) => f.file)).toEqual(["flows/a.yaml", "flows/b.yaml"]);
});
