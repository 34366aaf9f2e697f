// What people changed in routing objects, judged purely (issue 88.1, 88.2): the stack's record of
// what it wrote (planner/routingRecord.ts) against the org's answer, per kind (model/routing/kinds'
// `org.observe`), the drift's words (verify/people/routingChanges.ts), the run's decision over it
// (verify/people/overwriteDecision.ts), verify's findings and the fast no-op's doubt (run/noopDecision.ts).
import {
  canonical,
  differingFields,
  fieldDigests,
  observedFields,
  parseRoutingRecord,
} from "../../planner/routingRecord";
import { routingResourceInputs } from "../../planner/routingInputs";
import { ROUTING_KIND_UNITS, type RoutingFile, type RoutingKind } from "../../model/routing/schema";
import {
  driftDetail,
  intendedInputs,
  routingDrift,
  routingFindings,
  routingPersonChange,
} from "../../verify/people/routingChanges";
import { decideOverwrites, renderOverwriteDecision } from "../../verify/people/overwriteDecision";
import { routingDoubt } from "../../run/noopDecision";
import type { DeployedRouting, StackDeployment } from "../../org/model";
import type { Json } from "../../model/routing/kind";
import type { PlannedRouting } from "../../planner/routing";

const FLOW = "f-1111";
const IVR = "i-2222";
const refs = { flow: () => FLOW, routing: () => "g-3333" };
const ref = (id: string, name = "x") => ({ id, name, selfUri: `/api/v2/x/${id}` });

/** One object of each kind as its file says, and as the org answers for the same object (the shapes the API documents). */
const SAME: Record<RoutingKind, { value: RoutingFile; org: Json }> = {
  didPool: {
    value: { kind: "didPool", numbers: { from: "+13175550100", to: "+13175550199" }, comments: "block" },
    org: {
      startPhoneNumber: "+13175550100",
      endPhoneNumber: "+13175550199",
      comments: "block",
      provider: "PURE_CLOUD",
    },
  },
  schedule: {
    value: {
      kind: "schedule",
      name: "Weekdays",
      start: "2026-01-05T08:00:00",
      end: "2026-01-05T18:00:00",
      rrule: "FREQ=DAILY",
    },
    org: { name: "Weekdays", start: "2026-01-05T08:00:00.000", end: "2026-01-05T18:00:00.000", rrule: "FREQ=DAILY" },
  },
  scheduleGroup: {
    value: { kind: "scheduleGroup", name: "Hours", timeZone: "Europe/Paris", open: ["s/a"], closed: [], holiday: [] },
    org: { name: "Hours", timeZone: "Europe/Paris", openSchedules: [ref("g-3333")], closedSchedules: [] },
  },
  ivr: {
    value: {
      kind: "ivr",
      name: "Sales line",
      numbers: ["+13175550101", "+13175550100"],
      flows: { open: "calls/sales" },
    },
    org: { name: "Sales line", description: "", dnis: ["+13175550100", "+13175550101"], openHoursFlow: ref(FLOW) },
  },
  emergencyGroup: {
    value: { kind: "emergencyGroup", name: "Storm", enabled: false, flow: "calls/support", ivrs: ["ivr/sales"] },
    org: { name: "Storm", enabled: false, emergencyCallFlows: [{ emergencyFlow: ref(FLOW), ivrs: [ref("g-3333")] }] },
  },
  // The org objects: a queue answers Booleans it leaves out as the provider's defaults.
  queue: {
    value: {
      kind: "queue",
      name: "Sales",
      description: "Sales team",
      acwWrapupPrompt: "MANDATORY_TIMEOUT",
      acwTimeoutMs: 30000,
      skillEvaluationMethod: "ALL",
      scoringMethod: "TimestampAndPriority",
      enableTranscription: false,
      enableManualAssignment: false,
      suppressInQueueCallRecording: true,
      autoAnswerOnly: true,
    },
    org: {
      name: "Sales",
      description: "Sales team",
      acwSettings: { wrapupPrompt: "MANDATORY_TIMEOUT", timeoutMs: 30000 },
      skillEvaluationMethod: "ALL",
      scoringMethod: "TimestampAndPriority",
      memberCount: 2,
      division: ref("d-1"),
    },
  },
  skill: {
    value: { kind: "skill", name: "Spanish support" },
    org: { name: "Spanish support", state: "active", version: 1 },
  },
  languageSkill: { value: { kind: "languageSkill", name: "Spanish" }, org: { name: "Spanish", state: "active" } },
  wrapupCode: {
    value: { kind: "wrapupCode", name: "Sold", description: "a sale" },
    org: { name: "Sold", description: "a sale", division: ref("d-1") },
  },
  // A prompt's resources as the API lists them (an audio resource names its file in its tags).
  prompt: {
    value: {
      kind: "prompt",
      name: "Welcome",
      resources: [
        { language: "en-us", tts: "Welcome to Acme." },
        { language: "es-us", tts: "Bienvenido.", text: "Bienvenido", audio: "welcome.es.wav" },
      ],
    },
    org: {
      name: "Welcome",
      resources: [
        {
          id: "es-us",
          language: "es-us",
          ttsString: "Bienvenido.",
          text: "Bienvenido",
          tags: { filename: ["objects/prompts/welcome.es.wav"] },
        },
        { id: "en-us", language: "en-us", ttsString: "Welcome to Acme.", tags: {}, uploadStatus: "created" },
      ],
    },
  },
  // A data table's schema as the API answers it with expand=schema (display order, a default as its type).
  dataTable: {
    value: {
      kind: "dataTable",
      name: "Stores",
      key: "Store id",
      properties: { open: { type: "boolean", default: true }, city: { type: "string", title: "City" } },
    },
    org: {
      name: "Stores",
      division: ref("d-1"),
      schema: {
        type: "object",
        required: ["key"],
        properties: {
          city: { type: "string", title: "City", displayOrder: 2 },
          key: { type: "string", title: "Store id", displayOrder: 0 },
          open: { type: "boolean", default: true, displayOrder: 1 },
        },
      },
    },
  },
  // A data action as the API lists it (no contract in the list).
  dataAction: {
    value: {
      kind: "dataAction",
      name: "Get customer",
      integration: "CRM",
      category: "CRM",
      secure: false,
      contract: { input: { type: "object" }, output: { type: "object" } },
    },
    org: { name: "Get customer", category: "CRM", integrationId: "i-1", secure: false, version: 1 },
  },
};

const inputsOf = (value: RoutingFile) =>
  routingResourceInputs(
    { kind: value.kind, value, publishedName: "name" in value ? value.name : "", file: "objects/prompts/welcome.yaml" },
    refs,
  );

describe("the record: what the stack writes and what the org answers for the same object have the same digests", () => {
  it.each(ROUTING_KIND_UNITS.map((u) => u.kind))("%s", (kind) => {
    const { value, org } = SAME[kind];
    expect(differingFields(fieldDigests(kind, inputsOf(value)), fieldDigests(kind, observedFields(kind, org)))).toEqual(
      [],
    );
  });

  it("a person's change of a watched field differs in that field only", () => {
    const org = { ...SAME.ivr.org, dnis: ["+13175550100", "+13175550101", "+13175550199"] };
    expect(
      differingFields(fieldDigests("ivr", inputsOf(SAME.ivr.value)), fieldDigests("ivr", observedFields("ivr", org))),
    ).toEqual(["dnis"]);
    const on = { ...SAME.emergencyGroup.org, enabled: true };
    expect(
      differingFields(
        fieldDigests("emergencyGroup", inputsOf(SAME.emergencyGroup.value)),
        fieldDigests("emergencyGroup", observedFields("emergencyGroup", on)),
      ),
    ).toEqual(["enabled"]);
    // A queue's in-queue flow, which the file does not set and the provider's update clears, is a person's change too.
    const queue = { ...SAME.queue.org, queueFlow: ref(FLOW), enableTranscription: true };
    const filed = fieldDigests("queue", inputsOf(SAME.queue.value));
    const observed = fieldDigests("queue", observedFields("queue", queue));
    expect(differingFields(filed, observed)).toEqual(["enableTranscription", "queueFlowId"]);
  });

  it("canonical: nothing, empty text and an empty list alike; lists as sets; a zero fraction of a local date-time dropped", () => {
    expect([canonical(undefined), canonical(""), canonical([])]).toEqual([null, null, null]);
    expect(canonical(["b", "a"])).toEqual(["a", "b"]);
    expect(canonical("2026-01-05T08:00:00.000000")).toBe("2026-01-05T08:00:00");
    expect(canonical("2026-01-05T08:00:00.250")).toBe("2026-01-05T08:00:00.25");
    expect(canonical(false)).toBe(false);
  });

  it("the stack output reads back, and what does not read is no record", () => {
    const record = { "ivr/sales": { id: IVR, fields: { name: "ab" } } };
    expect(parseRoutingRecord(JSON.parse(JSON.stringify(record)))).toEqual(record);
    expect(parseRoutingRecord([1])).toBeUndefined();
  });
});

const deployedIvr = (over: Partial<DeployedRouting> = {}): DeployedRouting => {
  const fields = fieldDigests("ivr", inputsOf(SAME.ivr.value));
  return {
    id: "ivr/sales",
    kind: "ivr",
    file: "routing/ivr/sales.yaml",
    publishedName: "Sales line",
    objectId: IVR,
    fields,
    stateFields: fields,
    recorded: true,
    modified: "2026-11-27T10:00:00.000Z",
    ...over,
  };
};
const DANA = {
  ...SAME.ivr.org,
  dnis: ["+13175550100", "+13175550101", "+13175550199"],
  version: 3,
  dateModified: "2026-11-27T11:00:00.000Z",
  modifiedBy: "u-42",
  modifiedByApp: "Architect",
};
const known = (id: string) => (id === FLOW ? "calls/sales" : undefined);

describe("a drift", () => {
  it("names the object, the field, the org's value, the stack's, and who changed it when, after the deploy", () => {
    const r = routingDrift(deployedIvr(), DANA, inputsOf(SAME.ivr.value), known)!;
    expect(driftDetail(r)).toBe(
      'IVR config "Sales line" was changed outside the stack: numbers: the org has +13175550100, +13175550101, +13175550199, the stack\'s files say +13175550100, +13175550101 (version 3, changed 2026-11-27T11:00:00.000Z by user u-42 through Architect, after this stack last deployed it (2026-11-27T10:00:00.000Z))',
    );
    expect(r.takenIn).toBe(false);
  });

  it("none where the org holds what the stack wrote; taken in where the files hold the org's values; gone where the org lists it no more", () => {
    expect(routingDrift(deployedIvr(), SAME.ivr.org, undefined, known)).toBeUndefined();
    const takenIn = { ...SAME.ivr.value, numbers: DANA.dnis };
    expect(routingDrift(deployedIvr(), DANA, inputsOf(takenIn as RoutingFile), known)!.takenIn).toBe(true);
    expect(driftDetail(routingDrift(deployedIvr(), undefined, undefined, known)!)).toBe(
      `the IVR config "Sales line" the stack deployed (id ${IVR}) is gone from the org: deleted outside the stack`,
    );
    expect(routingDrift(deployedIvr(), { ...SAME.ivr.org, state: "deleted" }, undefined, known)!.gone).toBe(true);
  });

  it("the intended inputs take the state's Genesys ids, and a new id where the run renews the flow", () => {
    const deployment: StackDeployment = {
      stack: "test",
      flows: [
        {
          id: "calls/sales",
          file: "f",
          kind: "inboundCall",
          isModule: false,
          publishedName: "Sales",
          flowId: FLOW,
          revision: "r",
          calls: [],
        },
      ],
      routing: [deployedIvr()],
    };
    const plan = [
      {
        id: "ivr/sales",
        file: "routing/ivr/sales.yaml",
        value: SAME.ivr.value,
        kind: "ivr" as const,
        publishedName: "Sales line",
        resourceName: "routing/ivr/sales",
        source: "",
        retainOnDelete: false,
      },
    ] as unknown as PlannedRouting[];
    expect(intendedInputs(plan, deployment).get("ivr/sales")!.openHoursFlowId).toBe(FLOW);
    expect(intendedInputs(plan, deployment, new Set(["calls/sales"])).get("ivr/sales")!.openHoursFlowId).toBe(
      "(the id it gets)",
    );
  });
});

describe("the run's decision over a drift it would write", () => {
  const change = () => routingPersonChange(routingDrift(deployedIvr(), DANA, inputsOf(SAME.ivr.value), known)!);
  const decide = (protectedStack: boolean, acknowledgements = {}) =>
    decideOverwrites(
      { checked: true, org: "the org", changes: [change()] },
      {
        stack: "local",
        protectedStack,
        forceUnlock: false,
        acknowledgements,
        files: { "ivr/sales": "routing/ivr/sales.yaml" },
      },
    );

  it("protected: stops, with what to do", () => {
    const d = decide(true);
    expect(d.stop).toBe(true);
    const text = renderOverwriteDecision(d, { checked: true, org: "the org", changes: [change()] }, "local");
    expect(text).toContain(
      'STOP         Sales line (ivr/sales): changed outside the stack: IVR config "Sales line": numbers: the org has +13175550100, +13175550101, +13175550199, this run writes +13175550100, +13175550101',
    );
    expect(text).toContain(
      'writing it would overwrite their change: take their change into routing/ivr/sales.yaml (then it is yours to deploy), or acknowledge it in Pulumi.local.yaml: genesys-flows:acknowledge: {ivr/sales: {reason: "<why it may be overwritten>", version: "3"}}',
    );
  });

  it("unprotected: warns; acknowledged (the version seen): goes ahead; another version: not covered", () => {
    expect(decide(false).judged[0].verdict).toBe("warn");
    expect(decide(true, { "ivr/sales": { reason: "storm over", version: "3" } })).toMatchObject({
      stop: false,
      judged: [{ verdict: "acknowledged" }],
      unused: [],
    });
    expect(decide(true, { "ivr/sales": { reason: "storm over", version: "2" } }).stop).toBe(true);
  });
});

describe("verify's findings", () => {
  const ctx = { stack: "local", acknowledgements: {} };
  it("a drift is an error naming the fix; acknowledged, a warning; what the stack overwrote, a warning with their values", () => {
    const r = routingDrift(deployedIvr(), DANA, inputsOf(SAME.ivr.value), known)!;
    const [drift] = routingFindings([r], [], ctx);
    expect(drift).toMatchObject({
      severity: "error",
      code: "routing-drift",
      flow: "Sales line",
      file: "routing/ivr/sales.yaml",
    });
    expect(drift.fix).toContain(
      'take it into routing/ivr/sales.yaml (then it is the stack\'s to deploy); otherwise acknowledge it in Pulumi.local.yaml: genesys-flows:acknowledge: {ivr/sales: {reason: "<why it may be overwritten>", version: "3"}}',
    );
    expect(
      routingFindings([r], [], { ...ctx, acknowledgements: { "ivr/sales": { reason: "ok", version: "3" } } })[0]
        .severity,
    ).toBe("warning");
    const overwritten = deployedIvr({
      overwritten: {
        at: "2026-11-27T12:00:00.000Z",
        version: "3",
        by: "Architect",
        theirs: { numbers: "+13175550100, +13175550199" },
      },
    });
    expect(routingFindings([], [overwritten], ctx)[0]).toMatchObject({
      severity: "warning",
      code: "overwritten",
      message:
        "IVR config overwritten by this stack on 2026-11-27T12:00:00.000Z over a change made outside it (version 3, by Architect); their values, which Genesys does not keep: numbers +13175550100, +13175550199",
    });
  });
});

describe("the fast no-op", () => {
  const state = (r: DeployedRouting) => ({
    deployment: { stack: "local", flows: [], routing: [r] },
    lastRelease: undefined,
    outputs: {},
  });
  it("doubts a routing object a person changed, and one the state has no record of; not one the org holds as written", () => {
    expect(routingDoubt(state(deployedIvr()), new Map([[IVR, SAME.ivr.org]]))).toBeUndefined();
    expect(routingDoubt(state(deployedIvr()), new Map([[IVR, DANA]]))).toMatch(
      /^routing object ivr\/sales: IVR config "Sales line" was changed outside the stack: numbers/,
    );
    expect(routingDoubt(state(deployedIvr({ recorded: false })), new Map([[IVR, SAME.ivr.org]]))).toBe(
      "the state records no fingerprint of routing object ivr/sales (the next up records it)",
    );
  });
});

describe("an org object Genesys answers without a version: a queue, a user prompt (docs/objects.md)", () => {
  const deployed = (kind: "queue" | "prompt", id: string, name: string): DeployedRouting => {
    const fields = fieldDigests(kind, inputsOf(SAME[kind].value));
    return {
      id,
      kind,
      file: `objects/${id}.yaml`,
      publishedName: name,
      objectId: `${kind}-1`,
      fields,
      stateFields: fields,
      recorded: true,
    };
  };
  const timeout = { ...SAME.queue.org, acwSettings: { wrapupPrompt: "MANDATORY_TIMEOUT", timeoutMs: 90000 } };
  const recording = (filename: string) => ({
    ...SAME.prompt.org,
    resources: [{ ...(SAME.prompt.org.resources as Json[])[0], tags: { filename: [filename] } }],
  });
  const queueDrift = (org: Json = timeout) =>
    routingDrift(deployed("queue", "queues/sales", "Sales"), org, inputsOf(SAME.queue.value), known)!;
  const decide = (acknowledgements: Record<string, { reason: string; seen?: string; version?: string }>) =>
    decideOverwrites(
      { checked: true, org: "the org", changes: [routingPersonChange(queueDrift())] },
      { stack: "prod", protectedStack: true, forceUnlock: false, acknowledgements },
    );

  it("a prompt's change is said language by language, field by field: a new recording names its file", () => {
    const r = routingDrift(
      deployed("prompt", "prompts/welcome", "Welcome"),
      recording("dana.wav"),
      inputsOf(SAME.prompt.value),
      known,
    )!;
    expect(driftDetail(r)).toBe(
      'user prompt "Welcome" was changed outside the stack: resource en-us: the org has (none), the stack\'s files say present; ' +
        "resource es-us audio file: the org has dana.wav, the stack's files say objects/prompts/welcome.es.wav",
    );
  });

  it("is acknowledged by the values seen: the refusal names them, the same values are covered, other values are not", () => {
    const r = queueDrift();
    expect(r.version).toBeUndefined();
    expect(r.seen).toMatch(/^[0-9a-f]{12}$/);
    const stop = decide({});
    expect(stop.stop).toBe(true);
    expect(stop.judged[0].advice).toContain(
      `acknowledge it in Pulumi.prod.yaml: genesys-flows:acknowledge: {queues/sales: {reason: "<why it may be overwritten>", seen: "${r.seen!}"}}`,
    );
    expect(decide({ "queues/sales": { reason: "the 90 s timeout was a trial", seen: r.seen! } })).toMatchObject({
      stop: false,
      judged: [{ verdict: "acknowledged" }],
    });
    const later = queueDrift({ ...timeout, acwSettings: { wrapupPrompt: "OPTIONAL", timeoutMs: 90000 } });
    expect(later.seen).not.toBe(r.seen);
    expect(decide({ "queues/sales": { reason: "x", seen: later.seen! } }).judged[0].advice).toContain(
      `covers the values seen as ${later.seen!}; the org holds ${r.seen!} now`,
    );
    // A version the object does not have covers nothing.
    expect(decide({ "queues/sales": { reason: "x", version: "1" } }).stop).toBe(true);
  });

  it("verify's finding says the same acknowledgement, and takes it", () => {
    const r = queueDrift();
    const ctx = { stack: "prod", acknowledgements: {} };
    expect(routingFindings([r], [], ctx)[0].fix).toContain(
      `{queues/sales: {reason: "<why it may be overwritten>", seen: "${r.seen!}"}}`,
    );
    const acked = { ...ctx, acknowledgements: { "queues/sales": { reason: "trial", seen: r.seen! } } };
    expect(routingFindings([r], [], acked)[0].severity).toBe("warning");
  });
});
