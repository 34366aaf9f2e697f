// verify's pure core: the comparison of a stack's last deployment with the org, the impact of a
// deployment, the state parse, the org facts file, the rendering; and the org client's paging,
// retries and messages with a stand-in fetch.
import { flowRevision, moduleTrigger } from "../../planner/revisions";
import { compareWithOrg } from "../../verify/compare";
import { personChangesOf } from "../../verify/people/changesOfFlows";
import { impactOf, type ImpactFlow } from "../../verify/impact";
import type { DeployedFlow, OrgView, StackDeployment } from "../../org/model";
import { OrgApi, OrgApiError } from "../../org/client";
import { readConsumers } from "../../org/flows";
import { orgFactsOf } from "../../verify/orgFacts";
import {
  INFO_SHOWN,
  renderImpactMarkdown,
  renderImpactText,
  renderVerifyJson,
  renderVerifyText,
} from "../../verify/render";
import { deploymentFromExport, StateError } from "../../org/stackExport";
import { outsideCallersOf } from "../../components/stackProgram";
import type { PlannedFlow } from "../../planner/portfolio";

const T0 = Date.parse("2025-03-01T10:00:00Z");
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

function flow(id: string, extra: Partial<DeployedFlow>): DeployedFlow {
  return {
    id,
    file: `flows/${id}.yaml`,
    kind: "inboundCall",
    isModule: false,
    publishedName: `dev-${id}`,
    flowId: `gid-${id}`,
    revision: `r-${id}`,
    calls: [],
    modified: at(0),
    ...extra,
  };
}

/** Lookup (module), Verify (module, Lookup compiled in), Sales calls Verify, Mail calls Lookup. */
function deployment(): StackDeployment {
  return {
    stack: "dev",
    flows: [
      flow("modules/lookup", { kind: "commonModule", isModule: true }),
      flow("modules/verify", {
        kind: "commonModule",
        isModule: true,
        calls: [{ id: "modules/lookup", publishedName: "dev-modules/lookup" }],
        updateTriggerHash: moduleTrigger(["r-modules/lookup"]),
      }),
      flow("calls/sales", {
        calls: [{ id: "modules/verify", publishedName: "dev-modules/verify" }],
        updateTriggerHash: moduleTrigger(["r-modules/verify"]),
      }),
      flow("digital/mail", {
        kind: "inboundEmail",
        calls: [{ id: "modules/lookup", publishedName: "dev-modules/lookup" }],
        updateTriggerHash: moduleTrigger(["r-modules/lookup"]),
      }),
    ],
  };
}

function org(): OrgView {
  const v = (id: string, s: number) => ({ id, dateCreated: T0 + s * 1000 });
  return {
    target: "region us-east-1",
    dependencyTracking: { status: "OPERATIONAL" },
    flows: {
      "gid-modules/lookup": {
        flowId: "gid-modules/lookup",
        name: "dev-modules/lookup",
        type: "COMMONMODULE",
        publishedVersion: v("3.0", -30),
      },
      "gid-modules/verify": {
        flowId: "gid-modules/verify",
        name: "dev-modules/verify",
        type: "COMMONMODULE",
        publishedVersion: v("5.0", -20),
      },
      "gid-calls/sales": {
        flowId: "gid-calls/sales",
        name: "dev-calls/sales",
        type: "INBOUNDCALL",
        publishedVersion: v("7.0", -10),
      },
      "gid-digital/mail": {
        flowId: "gid-digital/mail",
        name: "dev-digital/mail",
        type: "INBOUNDEMAIL",
        publishedVersion: v("2.0", -10),
      },
    },
    consumers: {
      "gid-modules/lookup": [
        {
          flowId: "gid-digital/mail",
          name: "dev-digital/mail",
          type: "INBOUNDEMAILFLOW",
          version: "2.0",
          moduleVersion: "3.0",
        },
        { flowId: "gid-partner", name: "Partner Line", type: "INBOUNDCALLFLOW", version: "1.0", moduleVersion: "2.0" },
        { flowId: "gid-kiosk", name: "Kiosk", type: "INBOUNDCALLFLOW", version: "4.0", moduleVersion: "3.0" },
      ],
      "gid-modules/verify": [
        {
          flowId: "gid-calls/sales",
          name: "dev-calls/sales",
          type: "INBOUNDCALLFLOW",
          version: "7.0",
          moduleVersion: "5.0",
        },
      ],
    },
  };
}

describe("compareWithOrg", () => {
  it("a stack whose callers run their modules' published versions passes; outside callers are listed, stale or not", () => {
    const r = compareWithOrg(deployment(), org());
    expect(r.ok).toBe(true);
    const lookup = r.modules.find((m) => m.id === "modules/lookup")!;
    expect(lookup.publishedVersion).toBe("3.0");
    expect(lookup.callers).toEqual([
      {
        id: "digital/mail",
        file: "flows/digital/mail.yaml",
        publishedName: "dev-digital/mail",
        flowId: "gid-digital/mail",
        moduleVersion: "3.0",
        status: "current",
      },
    ]);
    expect(lookup.embeddedIn.map((e) => [e.publishedName, e.status])).toEqual([["dev-modules/verify", "current"]]);
    expect(lookup.outsideCallers.map((c) => [c.name, c.moduleVersion, c.stale])).toEqual([
      ["Kiosk", "3.0", false],
      ["Partner Line", "2.0", true],
    ]);
    expect(r.findings.map((f) => [f.severity, f.code, f.flow])).toEqual([
      ["warning", "outside-stale", "Partner Line"],
      ["info", "outside-current", "Kiosk"],
    ]);
    expect(r.findings[0].message).toContain(
      "runs module dev-modules/lookup (flows/modules/lookup.yaml) version 2.0; the module's published version is 3.0",
    );
    expect(r.findings[0].fix).toContain("its owner republishes it");
  });

  it("a caller still on an older module version is stale: an error naming the flow, file and what to do", () => {
    const o = org();
    o.consumers["gid-modules/lookup"][0].moduleVersion = "2.0";
    const r = compareWithOrg(deployment(), o, { upCommand: "npm run up -- --stack dev" });
    expect(r.ok).toBe(false);
    const f = r.findings.find((x) => x.code === "stale-caller")!;
    expect(f).toMatchObject({ severity: "error", flow: "dev-digital/mail", file: "flows/digital/mail.yaml" });
    expect(f.message).toBe(
      "runs module dev-modules/lookup version 2.0, but the module's published version is 3.0: the caller was not republished after the module changed",
    );
    expect(f.fix).toMatch(/^npm run up -- --stack dev/);
  });

  it("a caller the org's dependency tracking does not link to its module is reported, with the index status when it is not operational", () => {
    const o = org();
    o.consumers["gid-modules/verify"] = [];
    o.dependencyTracking = { status: "OPERATIONALNEEDSREBUILD" };
    const r = compareWithOrg(deployment(), o);
    expect(r.findings.map((f) => f.code)).toEqual([
      "missing-dependency",
      "index-not-operational",
      "outside-stale",
      "outside-current",
    ]);
    expect(r.findings[0].message).toContain("dependency tracking index is OPERATIONALNEEDSREBUILD");
    expect(r.findings[1].fix).toContain("POST /api/v2/architect/dependencytracking/build");
  });

  it("a module compiled into another is checked from the stack's graph: the outer module's trigger must come from the inner one's deployed revision", () => {
    const d = deployment();
    d.flows[1].updateTriggerHash = moduleTrigger(["an older revision"]);
    const r = compareWithOrg(d, org());
    expect(r.modules[0].embeddedIn[0].status).toBe("stale");
    const f = r.findings.find((x) => x.code === "stale-embedded")!;
    expect(f).toMatchObject({ severity: "error", flow: "dev-modules/verify", file: "flows/modules/verify.yaml" });
    expect(f.message).toContain("compiled with module dev-modules/lookup in place");
  });

  it("a flow published after the stack last deployed it has drifted; within the clock allowance it has not", () => {
    const o = org();
    o.flows["gid-digital/mail"].publishedVersion = {
      id: "4.0",
      dateCreated: T0 + 60_000,
      createdBy: "Jane Doe",
      createdByClient: "Architect",
    };
    o.flows["gid-digital/mail"].versionsSinceDeploy = [
      { id: "2.0", dateCreated: T0 - 10_000 },
      { id: "3.0", dateCreated: T0 + 30_000 },
      { id: "4.0", dateCreated: T0 + 60_000, createdBy: "Jane Doe", createdByClient: "Architect" },
    ];
    const r = compareWithOrg(deployment(), o);
    expect(r.ok).toBe(false);
    expect(r.drift).toHaveLength(1);
    expect(r.drift[0]).toMatchObject({
      id: "digital/mail",
      deployedAt: at(0),
      stackVersion: { id: "2.0" },
      publishedVersion: { id: "4.0" },
    });
    expect(r.drift[0].since.map((v) => v.id)).toEqual(["3.0", "4.0"]);
    const f = r.findings.find((x) => x.code === "drift")!;
    expect(f.message).toBe(
      "the org runs version 4.0, published 2025-03-01T10:01:00Z by Jane Doe via Architect, after this stack last deployed the flow (2025-03-01T10:00:00Z, version 2.0): it was changed outside the stack (in Architect, or by another tool); versions since: 3.0, 4.0",
    );
    expect(f.fix).toContain("bring the change into flows/digital/mail.yaml and deploy");

    const within = org();
    within.flows["gid-digital/mail"].publishedVersion = { id: "2.0", dateCreated: T0 + 1_500 };
    expect(compareWithOrg(deployment(), within).drift).toEqual([]);
    expect(compareWithOrg(deployment(), within, { clockSkewMs: 1000 }).drift).toHaveLength(1);
  });

  it("a version the stack's own client published after Pulumi's record (a run killed before recording it) is not drift: a warning, and the deploy command", () => {
    const o = org();
    const own = {
      id: "3.0",
      dateCreated: T0 + 60_000,
      createdByClient: "genesys-flows deploy",
      createdByClientId: "client-deploy",
    };
    o.flows["gid-digital/mail"].publishedVersion = own;
    o.flows["gid-digital/mail"].versionsSinceDeploy = [
      { id: "2.0", dateCreated: T0 - 10_000, createdByClientId: "client-deploy" },
      own,
    ];
    const r = compareWithOrg(deployment(), o, { ownClients: new Set(["client-deploy"]) });
    expect(r.ok).toBe(true);
    expect(r.drift).toEqual([]);
    expect(r.findings.filter((f) => f.file === "flows/digital/mail.yaml")).toEqual([
      {
        severity: "warning",
        code: "unrecorded",
        flow: "dev-digital/mail",
        file: "flows/digital/mail.yaml",
        message:
          "the org runs version 3.0, published 2025-03-01T10:01:00Z by genesys-flows deploy (this stack's own OAuth client) after Pulumi's record of the deploy (2025-03-01T10:00:00Z): a run of this stack published it and stopped before recording it (killed or interrupted); no person changed the flow",
        fix: "npm run up -- --stack dev (it records what the stack deploys; nothing of a person's is overwritten), then verify again",
      },
    ]);
    // A person's version among them is drift, as is the same version when the stack's clients are not known.
    o.flows["gid-digital/mail"].versionsSinceDeploy = [
      { id: "2.5", dateCreated: T0 + 30_000, createdByClientId: "ops" },
      own,
    ];
    expect(compareWithOrg(deployment(), o, { ownClients: new Set(["client-deploy"]) }).drift.map((d) => d.id)).toEqual([
      "digital/mail",
    ]);
    o.flows["gid-digital/mail"].versionsSinceDeploy = [own];
    expect(compareWithOrg(deployment(), o).drift.map((d) => d.id)).toEqual(["digital/mail"]);
  });

  it("a person's version published while the stack deployed (before Pulumi's record, through the stack's own client) is drift; the stack's own then is not", () => {
    const o = org();
    const theirs = {
      id: "3.0",
      dateCreated: T0 - 1_000,
      createdBy: "Jane Doe",
      createdByClient: "genesys-flows deploy",
      createdByClientId: "client-deploy",
    };
    o.flows["gid-digital/mail"].publishedVersion = theirs;
    const r = compareWithOrg(deployment(), o, { ownClients: new Set(["client-deploy"]) });
    expect(r.ok).toBe(false);
    expect(r.drift).toEqual([
      expect.objectContaining({ id: "digital/mail", publishedVersion: theirs, since: [theirs] }),
    ]);
    const f = r.findings.find((x) => x.code === "drift")!;
    expect(f).toMatchObject({ severity: "error", flow: "dev-digital/mail", file: "flows/digital/mail.yaml" });
    expect(f.message).toBe(
      "version 3.0 was published 2025-03-01T09:59:59Z by Jane Doe via genesys-flows deploy, a person, not this stack (its own client publishes with no user), while this stack deployed the flow (Pulumi recorded it at 2025-03-01T10:00:00Z)",
    );
    // The stack's own version then (no user), or with the stack's clients not known: not drift.
    o.flows["gid-digital/mail"].publishedVersion = { ...theirs, createdBy: undefined };
    expect(compareWithOrg(deployment(), o, { ownClients: new Set(["client-deploy"]) }).drift).toEqual([]);
    o.flows["gid-digital/mail"].publishedVersion = theirs;
    expect(compareWithOrg(deployment(), o).drift).toEqual([]);
  });

  it("a client-credentials script's version published while the stack deployed (another OAuth client, no user) is drift, named as the people guard names it (issue 88.5)", () => {
    const o = org();
    const script = {
      id: "3.0",
      dateCreated: T0 - 1_000,
      createdByClient: "Ops Script",
      createdByClientId: "ops-script",
    };
    o.flows["gid-digital/mail"].publishedVersion = script;
    const own = new Set(["client-deploy"]);
    const r = compareWithOrg(deployment(), o, { ownClients: own });
    expect(r.ok).toBe(false);
    expect(r.findings.find((x) => x.code === "drift")?.message).toBe(
      "version 3.0 was published 2025-03-01T09:59:59Z by Ops Script, another OAuth client than this stack's, while this stack deployed the flow (Pulumi recorded it at 2025-03-01T10:00:00Z)",
    );
    // The people guard's read of the same flow names the same version, client and words.
    const read = {
      observations: [
        {
          flow: "digital/mail",
          publishedName: "dev-digital/mail",
          flowId: "gid-digital/mail",
          apiType: "INBOUNDEMAIL",
          deployedAt: T0,
          org: o.flows["gid-digital/mail"],
        },
      ],
    };
    expect(personChangesOf(read, own, 2000).map((c) => [c.kind, c.version, c.detail])).toEqual([
      ["published-out-of-band", "3.0", r.findings.find((x) => x.code === "drift")!.message],
    ]);
    // The stack's clients not known: a client without a user cannot be told from the stack's.
    expect(compareWithOrg(deployment(), o).drift).toEqual([]);
  });

  it("a drifted caller missing from dependency tracking is reported once, as drift", () => {
    const o = org();
    o.flows["gid-calls/sales"].publishedVersion = { id: "8.0", dateCreated: T0 + 60_000 };
    o.consumers["gid-modules/verify"] = [];
    expect(
      compareWithOrg(deployment(), o)
        .findings.filter((f) => f.severity === "error")
        .map((f) => f.code),
    ).toEqual(["drift"]);
  });

  it("a flow the org no longer has is an error, with the command that repairs it: forget its id in the state, then deploy (not --refresh: the refresh fails on a deleted flow's 410)", () => {
    const o = org();
    delete o.flows["gid-calls/sales"];
    const urn =
      "urn:pulumi:dev::genesys-flows::genesys-flows:index:InteractionFlow$genesyscloud:index/flow:Flow::calls/sales";
    const d = deployment();
    d.flows = d.flows.map((f) => (f.id === "calls/sales" ? { ...f, urn } : f));
    const r = compareWithOrg(d, o);
    const f = r.findings.find((x) => x.code === "flow-missing")!;
    expect(f).toMatchObject({ flow: "dev-calls/sales", file: "flows/calls/sales.yaml" });
    expect(f.fix).toBe(
      `npm run pulumi -- state delete '${urn}' --stack dev --yes && npm run up -- --stack dev (forgets the deleted flow's id in the stack's state, then publishes the flow again under its name)`,
    );
    expect(f.fix).not.toContain("--refresh");
    // Its missing module dependency is the same fact: not a second error.
    expect(r.findings.filter((x) => x.severity === "error").map((x) => x.code)).toEqual(["flow-missing"]);
    const local = compareWithOrg({ ...d, stack: "local" }, o).findings.find((x) => x.code === "flow-missing")!;
    expect(local.fix).toMatch(/^npm run pulumi -- state delete '.*' --stack local --yes && npm start \(/);
  });

  it("notes flows whose files changed since the deployment, without failing", () => {
    const r = compareWithOrg(deployment(), org(), {
      planned: new Map([
        ["calls/sales", "r-new"],
        ["modules/lookup", "r-modules/lookup"],
        ["calls/new", "r-x"],
      ]),
    });
    expect(r.ok).toBe(true);
    expect(r.findings.filter((f) => f.code === "pending").map((f) => f.flow)).toEqual(["dev-calls/sales", "calls/new"]);
  });

  it("a big first verify stays short: each code's info findings past the first few in one line, every error and warning", () => {
    const base = compareWithOrg(deployment(), org());
    const info = (i: number) => ({
      severity: "info" as const,
      code: "not-checked" as const,
      flow: `dev-f${i}`,
      message: "drift not checked",
    });
    const warning = (i: number) => ({
      severity: "warning" as const,
      code: "locked" as const,
      flow: `dev-w${i}`,
      message: "locked",
    });
    const findings = [
      ...Array.from({ length: 1002 }, (_, i) => info(i)),
      ...Array.from({ length: 7 }, (_, i) => warning(i)),
    ];
    const text = renderVerifyText({ ...base, findings });
    const lines = text.split("\n").filter((l) => /^ {2}(info|warning)/.test(l));
    expect(lines.filter((l) => l.includes("[not-checked] dev-f"))).toHaveLength(INFO_SHOWN);
    expect(lines.filter((l) => l.includes("[locked]"))).toHaveLength(7);
    expect(text).toContain(
      `  info    [not-checked] ${1002 - INFO_SHOWN} more flows alike (verify --format json lists each)`,
    );
    expect(JSON.parse(renderVerifyJson({ ...base, findings })).findings).toHaveLength(1009);
  });

  it("renders the same report to the same text and JSON", () => {
    const o = org();
    o.consumers["gid-modules/lookup"][0].moduleVersion = "2.0";
    const text = renderVerifyText(compareWithOrg(deployment(), o));
    expect(renderVerifyText(compareWithOrg(deployment(), org()))).not.toEqual(text);
    expect(renderVerifyText(compareWithOrg(deployment(), o))).toEqual(text);
    expect(text).toContain(
      'Verified stack "dev" against region us-east-1: 4 flows, 2 modules; dependency tracking OPERATIONAL.',
    );
    // The release the stack runs, with the version that made it, when its state records one.
    expect(renderVerifyText({ ...compareWithOrg(deployment(), o), release: { id: "r4", tool: "0.2.0" } })).toContain(
      'Verified stack "dev" (release r4, by genesys-flows 0.2.0) against region us-east-1: 4 flows',
    );
    expect(text).toMatch(/caller\s+dev-digital\/mail\s+flows\/digital\/mail.yaml\s+runs 2.0\s+stale/);
    expect(text).toMatch(/outside\s+"Partner Line"\s+inbound call flow 1.0\s+runs 2.0\s+STALE/);
    expect(text).toContain("FAILED: 0 drifted flows, 1 stale caller, 0 other errors.");
    expect(JSON.parse(renderVerifyJson(compareWithOrg(deployment(), o)))).toMatchObject({ ok: false, stack: "dev" });
  });
});

describe("impactOf", () => {
  const planned = (changes: Record<string, string> = {}): ImpactFlow[] =>
    deployment().flows.map((f) => ({
      id: f.id,
      file: f.file,
      publishedName: f.publishedName,
      isModule: f.isModule,
      calls: f.calls.map((c) => c.id),
      revision: changes[f.id] ?? f.revision,
    }));
  const deployed = new Map(deployment().flows.map((f) => [f.id, { flowId: f.flowId, revision: f.revision }]));

  it("a change to the inner module republishes every flow reaching it, and names its outside callers", () => {
    // The planner's revisions cascade: the outer module and every caller get new revisions.
    const i = impactOf({
      stack: "dev",
      planned: [
        ...planned({ "modules/lookup": "n1", "modules/verify": "n2", "calls/sales": "n3", "digital/mail": "n4" }),
        {
          id: "calls/new",
          file: "flows/calls/new.yaml",
          publishedName: "dev-calls/new",
          isModule: false,
          calls: [],
          revision: "n5",
        },
      ],
      deployed,
      consumers: org().consumers,
      publishedVersions: { "gid-modules/lookup": "3.0" },
    });
    expect(i.modules.map((m) => [m.publishedName, m.republish, m.outsideCallers.map((c) => c.name)])).toEqual([
      ["dev-modules/lookup", ["dev-calls/sales", "dev-digital/mail", "dev-modules/verify"], ["Kiosk", "Partner Line"]],
      ["dev-modules/verify", ["dev-calls/sales"], []],
    ]);
    expect(i.modules[0].publishedVersion).toBe("3.0");
    expect(i.republish.map((r) => [r.publishedName, r.reason])).toEqual([
      ["dev-calls/sales", "calls dev-modules/lookup, dev-modules/verify, which publish new content"],
      ["dev-digital/mail", "calls dev-modules/lookup, which publishes new content"],
      ["dev-modules/lookup", "flows/modules/lookup.yaml changed"],
      ["dev-modules/verify", "calls dev-modules/lookup, which publishes new content (compiled in place)"],
    ]);
    expect(i.created.map((c) => c.publishedName)).toEqual(["dev-calls/new"]);
    const text = renderImpactText(i);
    expect(text).toContain(
      '"Partner Line" (inbound call flow, flow id gid-partner, version 1.0) runs module version 2.0',
    );
    expect(renderImpactMarkdown(i)).toContain(
      ':warning: outside the stack, stays on the old module until its owner republishes it: "Partner Line" (inbound call flow, flow id gid-partner, version 1.0)',
    );
  });

  it("a change to one caller republishes only it; without the org, outside callers are unknown", () => {
    const i = impactOf({
      stack: "dev",
      planned: planned({ "digital/mail": "n4" }),
      deployed,
      notes: ["the org was not read: no credentials"],
    });
    expect(i.modules).toEqual([]);
    expect(i.republish.map((r) => r.reason)).toEqual(["flows/digital/mail.yaml changed"]);
    expect(i.orgRead).toBe(false);
    expect(renderImpactText(i)).toContain("note: the org was not read: no credentials");
  });

  it("nothing deployed yet: every flow is new, no module changes", () => {
    const i = impactOf({ stack: "dev", planned: planned(), deployed: new Map() });
    expect(i.modules).toEqual([]);
    expect(i.created).toHaveLength(4);
  });
});

describe("deploymentFromExport", () => {
  const component = (id: string, kind: string, calls: string[] = []) => ({
    urn: `urn:pulumi:dev::genesys-flows::genesys-flows:index:${kind === "commonModule" ? "CommonModule" : "InteractionFlow"}::${id}`,
    type: `genesys-flows:index:${kind === "commonModule" ? "CommonModule" : "InteractionFlow"}`,
    outputs: {
      facts: {
        id,
        file: `flows/${id}.yaml`,
        kind,
        publishedName: `dev-${id}`,
        calls: calls.map((c) => ({ id: c, name: c, publishedName: `dev-${c}` })),
      },
      revision: `r-${id}`,
      flowId: `gid-${id}`,
    },
  });
  const flowOf = (id: string, kind: string, extra: Record<string, unknown> = {}) => ({
    urn: `urn:pulumi:dev::genesys-flows::genesys-flows:index:X$genesyscloud:index/flow:Flow::${id}`,
    type: "genesyscloud:index/flow:Flow",
    id: `gid-${id}`,
    parent: component(id, kind).urn,
    modified: "2025-03-01T10:00:00.123Z",
    ...extra,
  });

  it("reads each component's facts and revision and its Flow's id, modification time and update trigger", () => {
    const json = JSON.stringify({
      deployment: {
        resources: [
          { urn: "urn:pulumi:dev::genesys-flows::pulumi:pulumi:Stack::genesys-flows-dev", type: "pulumi:pulumi:Stack" },
          component("calls/sales", "inboundCall", ["modules/lookup"]),
          flowOf("calls/sales", "inboundCall", { outputs: { updateTriggerHash: "t1" } }),
          component("modules/lookup", "commonModule"),
          flowOf("modules/lookup", "commonModule"),
          // A component whose flow was never created (a failed first deploy) is skipped.
          {
            ...component("calls/half", "inboundCall"),
            outputs: { facts: component("calls/half", "inboundCall").outputs.facts },
          },
          // A resource pending deletion is skipped.
          { ...component("calls/old", "inboundCall"), delete: true },
        ],
      },
    });
    const d = deploymentFromExport("dev", json);
    expect(
      d.flows.map((f) => [
        f.id,
        f.isModule,
        f.flowId,
        f.revision,
        f.modified,
        f.updateTriggerHash,
        f.calls.map((c) => c.id),
      ]),
    ).toEqual([
      ["calls/sales", false, "gid-calls/sales", "r-calls/sales", "2025-03-01T10:00:00.123Z", "t1", ["modules/lookup"]],
      ["modules/lookup", true, "gid-modules/lookup", "r-modules/lookup", "2025-03-01T10:00:00.123Z", undefined, []],
    ]);
  });

  it("a record a stopped run left (the component rewritten without outputs, or an operation pending): kept, marked interrupted, its revision the one its flow was published with", () => {
    const contentOf = { "modules/lookup": "c".repeat(64), "calls/sales": "d".repeat(64) };
    const lookupRevision = "c".repeat(64);
    const trigger = moduleTrigger([lookupRevision]);
    const rewritten = (id: string, kind: string, calls: string[] = []) => {
      const c = component(id, kind, calls);
      return { urn: c.urn, type: c.type, inputs: { facts: JSON.stringify(c.outputs.facts) } };
    };
    const resources = [
      rewritten("modules/lookup", "commonModule"),
      flowOf("modules/lookup", "commonModule", { outputs: { fileContentHash: contentOf["modules/lookup"] } }),
      rewritten("calls/sales", "inboundCall", ["modules/lookup"]),
      flowOf("calls/sales", "inboundCall", {
        outputs: { fileContentHash: contentOf["calls/sales"], updateTriggerHash: trigger },
      }),
      component("calls/support", "inboundCall"),
      flowOf("calls/support", "inboundCall"),
    ];
    const pending = [{ type: "updating", resource: { urn: flowOf("calls/support", "inboundCall").urn } }];
    const d = deploymentFromExport("dev", JSON.stringify({ deployment: { resources, pending_operations: pending } }));
    const byId = new Map(d.flows.map((f) => [f.id, f]));
    expect(byId.get("modules/lookup")).toMatchObject({ interrupted: true, revision: lookupRevision });
    expect(byId.get("calls/sales")).toMatchObject({
      interrupted: true,
      revision: flowRevision(contentOf["calls/sales"], [{ id: "modules/lookup", revision: lookupRevision }]),
    });
    expect(byId.get("calls/support")).toMatchObject({ interrupted: true, revision: "r-calls/support" });
    // A trigger that is not the one the modules' revisions give (a caller a rollout held): the revision stays unknown.
    const held = resources.map((r) =>
      r.urn === flowOf("calls/sales", "inboundCall").urn
        ? flowOf("calls/sales", "inboundCall", {
            outputs: { fileContentHash: contentOf["calls/sales"], updateTriggerHash: "other" },
          })
        : r,
    );
    expect(
      deploymentFromExport("dev", JSON.stringify({ deployment: { resources: held } })).flows.find(
        (f) => f.id === "calls/sales",
      ),
    ).toMatchObject({ interrupted: true, revision: "" });
  });

  it("reads facts registered as one JSON text (as the components register them) as it reads them as an object", () => {
    const asText = (c: ReturnType<typeof component>) => ({
      ...c,
      outputs: { ...c.outputs, facts: JSON.stringify(c.outputs.facts) },
    });
    const resources = [
      component("calls/sales", "inboundCall", ["modules/lookup"]),
      flowOf("calls/sales", "inboundCall"),
      component("modules/lookup", "commonModule"),
      flowOf("modules/lookup", "commonModule"),
    ];
    const read = (rs: unknown[]) =>
      deploymentFromExport("dev", JSON.stringify({ deployment: { resources: rs } })).flows;
    const objects = read(resources);
    expect(objects.map((f) => f.id)).toEqual(["calls/sales", "modules/lookup"]);
    expect(
      read(
        resources.map((r) =>
          "outputs" in r && r.outputs && "facts" in r.outputs ? asText(r as ReturnType<typeof component>) : r,
        ),
      ),
    ).toEqual(objects);
    // Text that is not facts: the component is not read (as one with no facts).
    expect(
      read([
        {
          ...component("calls/sales", "inboundCall"),
          outputs: { ...component("calls/sales", "inboundCall").outputs, facts: "{not json" },
        },
        flowOf("calls/sales", "inboundCall"),
      ]),
    ).toEqual([]);
  });

  it("a flow the stack replaced, its delete refused or stopped (in the state): verify names it out of service", () => {
    const outputs = { name: "Sales (Jane)" };
    const old = flowOf("calls/sales", "inboundCall", { id: "gid-old", delete: true, outputs });
    const json = JSON.stringify({
      deployment: { resources: [component("calls/sales", "inboundCall"), flowOf("calls/sales", "inboundCall"), old] },
    });
    const stack = deploymentFromExport("dev", json);
    expect(stack.flows.map((f) => f.flowId)).toEqual(["gid-calls/sales"]);
    expect(stack.pendingDeletes?.map((f) => [f.id, f.flowId, f.publishedName])).toEqual([
      ["calls/sales", "gid-old", "Sales (Jane)"],
    ]);
    const publishedVersion = { id: "1.0", dateCreated: T0 };
    const view: OrgView = {
      target: "region us-east-1",
      dependencyTracking: { status: "OPERATIONAL" },
      flows: {
        "gid-calls/sales": {
          flowId: "gid-calls/sales",
          name: "dev-calls/sales",
          type: "INBOUNDCALL",
          publishedVersion,
        },
        "gid-old": { flowId: "gid-old", name: "Sales (Jane)", type: "INBOUNDCALL", publishedVersion },
      },
      consumers: {},
    };
    const found = compareWithOrg(stack, view, { upCommand: "npm run up -- --stack dev" }).findings;
    const out = found.filter((f) => f.code === "out-of-service");
    const named = out.map((f) => [f.severity, f.flow, f.file]);
    expect(named).toEqual([["warning", "Sales (Jane)", "flows/calls/sales.yaml"]]);
    expect(out[0].message).toContain('flow gid-old "Sales (Jane)" is out of service: the stack replaced it');
    expect(out[0].fix).toContain("the next npm run up -- --stack dev judges its delete like a new one");
  });

  it("refuses text that is not an export", () => {
    expect(() => deploymentFromExport("dev", "not json")).toThrow(StateError);
    expect(deploymentFromExport("dev", "{}").flows).toEqual([]);
  });
});

describe("org facts", () => {
  it("keeps each deployed module's outside callers and deployed revision", () => {
    const facts = orgFactsOf(deployment(), {
      target: "t",
      dependencyTracking: "OPERATIONAL",
      consumers: org().consumers,
      publishedVersions: { "gid-modules/lookup": "3.0" },
    });
    expect(Object.keys(facts.modules)).toEqual(["modules/lookup", "modules/verify"]);
    expect(facts.modules["modules/lookup"]).toEqual({
      flowId: "gid-modules/lookup",
      publishedVersion: "3.0",
      deployedRevision: "r-modules/lookup",
      outsideCallers: [
        { flowId: "gid-partner", name: "Partner Line", type: "INBOUNDCALLFLOW", version: "1.0", moduleVersion: "2.0" },
        { flowId: "gid-kiosk", name: "Kiosk", type: "INBOUNDCALLFLOW", version: "4.0", moduleVersion: "3.0" },
      ],
    });
  });

  it("the stack program hands a module its outside callers, and whether this run changes it (its planned revision against the deployed one)", () => {
    const facts = orgFactsOf(deployment(), {
      target: "t",
      dependencyTracking: "OPERATIONAL",
      consumers: org().consumers,
      publishedVersions: { "gid-modules/lookup": "3.0" },
    });
    const plan = (id: string, revision: string) => ({ id, revision }) as PlannedFlow;
    expect(outsideCallersOf(plan("modules/lookup", "r-modules/lookup"), facts).outsideCallers).toMatchObject({
      changes: false,
      publishedVersion: "3.0",
      target: "t",
    });
    const changed = outsideCallersOf(plan("modules/lookup", "r-new"), facts).outsideCallers!;
    expect(changed.changes).toBe(true);
    expect(changed.callers.map((c) => c.name)).toEqual(["Partner Line", "Kiosk"]);
    expect(outsideCallersOf(plan("modules/new", "r"), facts)).toEqual({});
    expect(outsideCallersOf(plan("modules/lookup", "r"), undefined)).toEqual({});
  });
});

describe("OrgApi", () => {
  type Answer = { status: number; body: unknown; headers?: Record<string, string> };
  function fakeFetch(answers: (url: URL) => Answer, seen: string[] = []): typeof fetch {
    return (async (input: string | URL) => {
      const url = new URL(String(input));
      seen.push(`${url.pathname}${url.search}`);
      const a = answers(url);
      return new Response(JSON.stringify(a.body), { status: a.status, headers: a.headers });
    }) as typeof fetch;
  }

  it("pages through lists and retries a 429 after its Retry-After", async () => {
    const seen: string[] = [];
    const sleeps: number[] = [];
    let limited = false;
    const api = new OrgApi("https://api.example", "tok", {
      fetch: fakeFetch((url) => {
        if (!limited) {
          limited = true;
          return { status: 429, body: { message: "slow down" }, headers: { "retry-after": "2" } };
        }
        const page = Number(url.searchParams.get("pageNumber"));
        return { status: 200, body: { entities: [{ id: `e${page}` }], pageCount: 3, pageNumber: page } };
      }, seen),
      sleep: async (ms) => void sleeps.push(ms),
    });
    expect(await api.all<{ id: string }>("/api/v2/x", { a: "b" })).toEqual([{ id: "e1" }, { id: "e2" }, { id: "e3" }]);
    expect(sleeps).toEqual([2000]);
    expect(seen[1]).toBe("/api/v2/x?a=b&pageSize=100&pageNumber=1");
    expect(seen).toHaveLength(4);
  });

  it("names the permission a 403 needs, and never the token", async () => {
    const api = new OrgApi("https://api.example", "secret-token", {
      fetch: fakeFetch(() => ({ status: 403, body: { message: "Missing permission" } })),
    });
    const err = await api.get("/api/v2/architect/dependencytracking/build").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrgApiError);
    expect((err as Error).message).toBe(
      "GET /api/v2/architect/dependencytracking/build answered HTTP 403: Missing permission (the OAuth client's role needs architect:dependencyTracking:view)",
    );
    expect((err as Error).message).not.toContain("secret-token");
  });

  it("reads consumers and, once per consumer version, the module versions they consumed", async () => {
    const seen: string[] = [];
    const api = new OrgApi("https://api.example", "t", {
      fetch: fakeFetch((url) => {
        if (url.pathname.endsWith("/consumingresources")) {
          const id = url.searchParams.get("id");
          return {
            status: 200,
            body: {
              entities: [{ id: "c1", name: "Caller", type: "INBOUNDCALLFLOW", version: "2.0" }],
              pageCount: 1,
              total: 1,
              id,
            },
          };
        }
        return {
          status: 200,
          body: {
            entities: [
              { id: "m1", version: "4.0", type: "COMMONMODULEFLOW" },
              { id: "m2", version: "9.0", type: "COMMONMODULEFLOW" },
            ],
            pageCount: 1,
          },
        };
      }, seen),
    });
    const consumers = await readConsumers(api, ["m2", "m1"]);
    expect(consumers).toEqual({
      m1: [{ flowId: "c1", name: "Caller", type: "INBOUNDCALLFLOW", version: "2.0", moduleVersion: "4.0" }],
      m2: [{ flowId: "c1", name: "Caller", type: "INBOUNDCALLFLOW", version: "2.0", moduleVersion: "9.0" }],
    });
    expect(seen.filter((s) => s.includes("consumedresources"))).toEqual([
      "/api/v2/architect/dependencytracking/consumedresources?id=c1&version=2.0&objectType=INBOUNDCALLFLOW&resourceType=COMMONMODULEFLOW&pageSize=100&pageNumber=1",
    ]);
  });
});
