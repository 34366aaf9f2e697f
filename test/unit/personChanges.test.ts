// What people did in the org, read once before a run: the org read (lock, drafts, 410), the pure
// comparison (verify/people/changesOfFlows.ts), the refusal decision (verify/people/overwriteDecision.ts), the
// protection from the policy config and verify's evidence of overwritten versions.
import { OrgApi } from "../../org/client";
import type { Http } from "../../org/http";
import type { OrgFlow, OrgVersion } from "../../org/model";
import type { FlowObservation, PeopleRead } from "../../org/peopleRead";
import { readPeople } from "../../org/peopleRead";
import type { OrgStateOfRun, PersonChange } from "../../org/personChanges";
import { parseStackSettings } from "../../planner/stackSettings";
import { protectsPeopleChanges } from "../../policies/protection";
import {
  decideOverwrites,
  renderOverwriteDecision,
  sameVersion,
  type DecisionContext,
} from "../../verify/people/overwriteDecision";
import { peopleFindings } from "../../verify/people/peopleFindings";
import {
  overwrittenVersionsOf,
  ownClientsOf,
  personChangesOf,
  versionsSkipped,
  versionsTellSomething,
} from "../../verify/people/changesOfFlows";

const T0 = Date.parse("2026-11-20T10:00:00Z");
const STACK = "client-stack";
const ARCHITECT = "client-architect";
const SKEW = 2000;

/** A version: by the stack (its client, no user: a client-credentials publish) or by a person through a client. */
function v(
  id: string,
  s: number,
  client = STACK,
  user: string | undefined = client === STACK ? undefined : "Dana Ops",
  type?: string,
): OrgVersion {
  return {
    id,
    dateCreated: T0 + s * 1000,
    ...(user !== undefined ? { createdBy: user } : {}),
    createdByClient: client === STACK ? "genesys-flows" : "Architect",
    createdByClientId: client,
    ...(type ? { type } : {}),
  };
}

function obs(flow: string, org: Partial<OrgFlow> | undefined, extra: Partial<FlowObservation> = {}): FlowObservation {
  return {
    flow,
    publishedName: `dev-${flow}`,
    flowId: `gid-${flow}`,
    apiType: "INBOUNDCALL",
    deployedAt: T0,
    ...(org ? { org: { flowId: `gid-${flow}`, name: `dev-${flow}`, type: "INBOUNDCALL", ...org } } : {}),
    ...extra,
  };
}

/** The stack's client as the org names it (GET /api/v2/tokens/me). */
const ME = { id: STACK, name: "genesys-flows" };
const changes = (read: PeopleRead) => personChangesOf(read, ownClientsOf({ ownClient: ME }), SKEW);

describe("personChangesOf: what people did, from the one read", () => {
  test("a version published after the deploy by another client is out of band: who, when, which version", () => {
    const read = {
      observations: [
        obs("sales", {
          publishedVersion: v("4.0", 60, ARCHITECT),
          versionsSinceDeploy: [v("3.0", -5), v("4.0", 60, ARCHITECT)],
        }),
        obs("mail", { publishedVersion: v("2.0", -10) }),
      ],
    };
    expect(changes(read)).toEqual([
      expect.objectContaining({
        kind: "published-out-of-band",
        flow: "sales",
        version: "4.0",
        who: "Dana Ops via Architect",
        when: "2026-11-20T10:01:00Z",
      }),
    ]);
    expect(changes(read)[0].detail).toContain("after this stack last deployed the flow (2026-11-20T10:00:00Z)");
  });

  test("a publish by the stack's own client after Pulumi's record is a run of the stack that died, not a person", () => {
    const read = {
      observations: [
        obs("sales", { publishedVersion: v("4.0", 60), versionsSinceDeploy: [v("3.0", -5), v("4.0", 60)] }),
      ],
    };
    expect(changes(read)).toEqual([]);
    // Without knowing the stack's client, the same version is reported.
    expect(personChangesOf(read, new Set(), SKEW).map((c) => c.kind)).toEqual(["published-out-of-band"]);
  });

  test("the stack's own client is the one it signs in as, never guessed from who published its versions", () => {
    expect([...ownClientsOf({ ownClient: ME })]).toEqual([STACK]);
    expect([...ownClientsOf({}, "configured-id")]).toEqual(["configured-id"]);
    // A stack whose last version was published through a client it is not (the shared Architect
    // client): that client is not the stack's, and a later publish through it is a person's.
    const read: PeopleRead = {
      observations: [
        obs("sales", {
          publishedVersion: v("4.0", 60, ARCHITECT),
          versionsSinceDeploy: [v("3.0", -5, ARCHITECT, undefined), v("4.0", 60, ARCHITECT)],
        }),
      ],
    };
    expect([...ownClientsOf(read)]).toEqual([]);
    expect(changes(read).map((c) => c.kind)).toEqual(["published-out-of-band"]);
  });

  test("a person publishing through the stack's own client id (a shared client) is a person: the version names a user", () => {
    const read = {
      observations: [
        obs("sales", {
          publishedVersion: v("4.0", 60, STACK, "Jane Doe"),
          versionsSinceDeploy: [v("3.0", -5), v("4.0", 60, STACK, "Jane Doe")],
        }),
      ],
    };
    expect(changes(read)).toEqual([
      expect.objectContaining({ kind: "published-out-of-band", version: "4.0", who: "Jane Doe via genesys-flows" }),
    ]);
  });

  test("a person who publishes while the stack deploys (during the provider's job poll, before Pulumi's record) is a person", () => {
    const read: PeopleRead = {
      observations: [obs("sales", { publishedVersion: v("4.0", -1, STACK, "Jane Doe") }, { deployedAt: T0 })],
    };
    expect(changes(read)).toEqual([
      expect.objectContaining({ kind: "published-out-of-band", version: "4.0", who: "Jane Doe via genesys-flows" }),
    ]);
    expect(changes(read)[0].detail).toContain("a person, not this stack (its own client publishes with no user)");
    // verify reports it as drift (verify/compare.ts, test/unit/verify.test.ts).
    // The stack's own version then (no user) is not.
    expect(changes({ observations: [obs("sales", { publishedVersion: v("4.0", -1) }, { deployedAt: T0 })] })).toEqual(
      [],
    );
  });

  test("a client-credentials script (another client, no user) is another party: during the provider's job poll, and on an adopted flow whose record every run rewrites", () => {
    const script = (id: string, s: number): OrgVersion => ({
      id,
      dateCreated: T0 + s * 1000,
      createdByClient: "Ops Script",
      createdByClientId: "client-script",
    });
    const inPoll: PeopleRead = {
      observations: [obs("sales", { publishedVersion: script("4.0", -3) }, { deployedAt: T0 })],
    };
    expect(changes(inPoll)).toEqual([
      expect.objectContaining({ kind: "published-out-of-band", version: "4.0", who: "Ops Script" }),
    ]);
    expect(changes(inPoll)[0].detail).toContain(
      "by Ops Script, another OAuth client than this stack's, while this stack deployed the flow",
    );
    const adopted: PeopleRead = {
      observations: [obs("sales", { publishedVersion: script("3.0", -5) }, { deployedAt: T0, adoptedAt: T0 - 60_000 })],
    };
    expect(changes(adopted).map((c) => [c.kind, c.version])).toEqual([["published-out-of-band", "3.0"]]);
    // As adopted (the script's version from before the adoption): nothing.
    expect(
      changes({
        observations: [
          obs("sales", { publishedVersion: script("2.0", -90) }, { deployedAt: T0, adoptedAt: T0 - 60_000 }),
        ],
      }),
    ).toEqual([]);
    // The stack's own client not known: only what came after Pulumi's record counts.
    expect(personChangesOf(inPoll, new Set(), SKEW)).toEqual([]);
  });

  test("an adopted flow as it was adopted (a person's version from before) is not a change; a person's version after it is", () => {
    const asAdopted: PeopleRead = {
      observations: [
        obs("sales", { publishedVersion: v("2.0", -50, ARCHITECT) }, { deployedAt: T0, adoptedAt: T0 - 10_000 }),
      ],
    };
    expect(changes(asAdopted)).toEqual([]);
    const hotfixed: PeopleRead = {
      observations: [
        obs("sales", { publishedVersion: v("3.0", -5, ARCHITECT) }, { deployedAt: T0, adoptedAt: T0 - 10_000 }),
      ],
    };
    expect(changes(hotfixed).map((c) => c.kind)).toEqual(["published-out-of-band"]);
  });

  test("locks: a person's (through Architect), and the stack's own client's", () => {
    const read: PeopleRead = {
      observations: [
        obs("sales", {
          publishedVersion: v("3.0", -5),
          lock: { user: { id: "u1", name: "Dana Ops" }, client: { id: ARCHITECT, name: "Architect" } },
        }),
        obs("mail", { publishedVersion: v("2.0", -5), lock: { client: { id: STACK, name: "genesys-flows" } } }),
      ],
    };
    const out = changes(read);
    expect(out).toEqual([
      expect.objectContaining({
        kind: "locked",
        flow: "sales",
        who: "Dana Ops",
        detail: "checked out (locked) by Dana Ops (through Architect)",
      }),
      expect.objectContaining({ kind: "locked", flow: "mail", who: "genesys-flows", ownClient: true }),
    ]);
    expect(out[0].ownClient).toBeUndefined();
  });

  test("a saved draft newer than the published version is listed; a checked-in version that is the published one is not", () => {
    const published = v("3.0", -5);
    const read = {
      observations: [
        obs("sales", {
          publishedVersion: published,
          checkedInVersion: published,
          savedVersion: v("4.0", 30, ARCHITECT, "Dana Ops", "SAVE"),
        }),
        obs("mail", { publishedVersion: published, checkedInVersion: published }),
      ],
    };
    expect(changes(read)).toEqual([
      expect.objectContaining({ kind: "draft", flow: "sales", version: "4.0", who: "Dana Ops via Architect" }),
    ]);
  });

  test("renamed, deleted, and the stack's name carried by another flow", () => {
    const read = {
      observations: [
        obs(
          "sales",
          { name: "Sales (old)", publishedVersion: v("3.0", -5) },
          { holderOfName: { flowId: "gid-hand", name: "dev-sales" } },
        ),
        obs("mail", undefined),
      ],
    };
    expect(changes(read).map((c) => [c.flow, c.kind])).toEqual([
      ["sales", "renamed"],
      ["sales", "foreign-id"],
      ["mail", "deleted"],
    ]);
    expect(changes(read)[0].detail).toContain(`is named "Sales (old)" in the org now`);
  });
});

function change(kind: PersonChange["kind"], extra: Partial<PersonChange> = {}): PersonChange {
  return {
    kind,
    flow: "calls/sales",
    publishedName: "dev-sales",
    flowId: "gid-sales",
    detail: `${kind} detail`,
    ...extra,
  };
}

const state = (...list: PersonChange[]): OrgStateOfRun => ({
  checked: true,
  org: "gateway http://127.0.0.1:1",
  changes: list,
});
const ctx = (extra: Partial<DecisionContext> = {}): DecisionContext => ({
  stack: "prod",
  protectedStack: true,
  forceUnlock: false,
  acknowledgements: {},
  files: { "calls/sales": "flows/calls/sales.yaml" },
  ...extra,
});

describe("decideOverwrites: whether the run may go ahead", () => {
  const oob = change("published-out-of-band", { version: "4.0", who: "Dana Ops" });
  const draft = change("draft", { version: "5.0", who: "Dana Ops" });

  test("a protected stack stops on a person's version and on a draft, listing both at once with what to do", () => {
    const d = decideOverwrites(state(oob, draft), ctx());
    expect(d.stop).toBe(true);
    expect(d.judged.map((j) => j.verdict)).toEqual(["stop", "stop"]);
    expect(d.judged[0].advice).toBe(
      `publishing would overwrite their version: take their change into flows/calls/sales.yaml (then it is yours to deploy), or acknowledge it in Pulumi.prod.yaml: genesys-flows:acknowledge: {calls/sales: {reason: "<why it may be overwritten>", version: "4.0"}}`,
    );
    const text = renderOverwriteDecision(d, state(oob, draft), "prod");
    expect(text).toContain(
      "STOP         dev-sales (calls/sales): published outside the stack: published-out-of-band detail",
    );
    expect(text).toContain("STOP         dev-sales (calls/sales): draft: draft detail");
    expect(text).toContain(
      "Stopped before anything publishes: 2 changes people made would be overwritten or broken (above); nothing was published.",
    );
    expect(renderOverwriteDecision(d, state(oob, draft), "prod", "preview")).toContain(
      "up will stop before anything publishes: 2 changes",
    );
  });

  test("an unprotected stack warns", () => {
    const d = decideOverwrites(state(oob, draft), ctx({ protectedStack: false }));
    expect(d.stop).toBe(false);
    expect(d.judged.map((j) => j.verdict)).toEqual(["warn", "warn"]);
  });

  test("a destroy's advice says what deleting does, and its refusal that nothing was deleted", () => {
    const d = decideOverwrites(state(oob, draft), ctx({ deleting: true }));
    expect(d.judged.map((j) => j.advice.split(":")[0])).toEqual([
      "deleting would delete the flow with their version",
      "deleting would delete the flow with their draft",
    ]);
    expect(renderOverwriteDecision(d, state(oob, draft), "prod", "destroy")).toContain(
      "Stopped before anything is deleted: 2 changes people made would be overwritten or broken (above); nothing was deleted",
    );
  });

  test("an acknowledgement covers the version seen, and only that version", () => {
    const ok = decideOverwrites(
      state(oob),
      ctx({ acknowledgements: { "calls/sales": { reason: "storm hotfix folded into the file", version: "4" } } }),
    );
    expect(ok.stop).toBe(false);
    expect(ok.judged[0]).toMatchObject({
      verdict: "acknowledged",
      change: { acknowledged: "storm hotfix folded into the file" },
    });
    const later = decideOverwrites(
      state(change("published-out-of-band", { version: "6.0" })),
      ctx({ acknowledgements: { "calls/sales": { reason: "old", version: "4.0" } } }),
    );
    expect(later.stop).toBe(true);
    expect(later.judged[0].advice).toContain("the acknowledgement in Pulumi.prod.yaml covers version 4.0, not 6.0");
  });

  test("a person's lock stops every stack, protected or not; acknowledged, forceUnlock breaks it", () => {
    const lock = change("locked", { who: "Dana Ops" });
    expect(decideOverwrites(state(lock), ctx({ protectedStack: false, forceUnlock: true })).stop).toBe(true);
    const acked = {
      acknowledgements: { "calls/sales": { reason: "Dana is on leave, her edit is abandoned", lockedBy: "dana ops" } },
    };
    expect(decideOverwrites(state(lock), ctx({ ...acked, forceUnlock: true })).judged[0].verdict).toBe("acknowledged");
    const noUnlock = decideOverwrites(state(lock), ctx(acked));
    expect(noUnlock.stop).toBe(true);
    expect(noUnlock.judged[0].advice).toContain("forceUnlock is off: the publish would fail on the lock");
  });

  test("forceUnlock breaks the stack's own lock without a word more than a note; without it, the run stops before the cascade", () => {
    const own = change("locked", { who: "genesys-flows", ownClient: true });
    expect(decideOverwrites(state(own), ctx({ forceUnlock: true }))).toMatchObject({
      stop: false,
      judged: [{ verdict: "note" }],
    });
    expect(decideOverwrites(state(own), ctx()).stop).toBe(true);
  });

  test("renames, deletions and a taken name are warnings; an acknowledgement that covers nothing is named", () => {
    const d = decideOverwrites(
      state(change("renamed"), change("deleted"), change("foreign-id")),
      ctx({ acknowledgements: { "calls/other": { reason: "x", version: "1.0" } } }),
    );
    expect(d.judged.map((j) => j.verdict)).toEqual(["warn", "warn", "warn"]);
    expect(d.unused).toEqual(["calls/other"]);
    expect(renderOverwriteDecision(d, state(), "prod")).toContain(
      "genesys-flows:acknowledge.calls/other in Pulumi.prod.yaml covers nothing the org shows now: remove it",
    );
  });

  test("an org not read decides nothing and says why", () => {
    const notRead: OrgStateOfRun = { checked: false, reason: "no credentials" };
    expect(decideOverwrites(notRead, ctx())).toEqual({ judged: [], stop: false, unused: [] });
    expect(renderOverwriteDecision(decideOverwrites(notRead, ctx()), notRead, "prod")).toBe(
      "What people changed in the org: not checked (no credentials).\n",
    );
  });

  test("version ids compare as Genesys writes them and as YAML reads them", () => {
    expect(sameVersion("3.0", "3")).toBe(true);
    expect(sameVersion("3.0", "3.1")).toBe(false);
    expect(sameVersion("", "0")).toBe(false);
  });
});

describe("the acknowledgement in the stack file", () => {
  test("reason and version (or lockedBy), per flow id", () => {
    const s = parseStackSettings(
      {
        "genesys-flows:environment": "prod",
        "genesys-flows:acknowledge": { "calls/sales": { reason: "hotfix taken", version: 4 } },
      },
      "Pulumi.prod.yaml",
    );
    expect(s.acknowledge).toEqual({ "calls/sales": { reason: "hotfix taken", version: "4" } });
  });
  test("an acknowledgement that names nothing it covers, or gives no reason, is refused", () => {
    expect(() =>
      parseStackSettings(
        { "genesys-flows:environment": "prod", "genesys-flows:acknowledge": { "calls/sales": { reason: "x" } } },
        "Pulumi.prod.yaml",
      ),
    ).toThrow(/name what it covers/);
    expect(() =>
      parseStackSettings(
        {
          "genesys-flows:environment": "prod",
          "genesys-flows:acknowledge": { "calls/sales": { reason: " ", version: "4.0" } },
        },
        "Pulumi.prod.yaml",
      ),
    ).toThrow(/reason/);
  });
});

describe("protectsPeopleChanges: the policy config's guardrail", () => {
  const guard = (level: string, environments = ["prod"]) =>
    ({ "prod-force-unlock": { enforcementLevel: level, environments } }) as never;
  test("mandatory for the stack's environment protects it; advisory, or another environment, does not", () => {
    expect(protectsPeopleChanges({ stack: "prod", environment: "prod" }, guard("mandatory"))).toBe(true);
    expect(protectsPeopleChanges({ stack: "dev", environment: "dev" }, guard("advisory", ["dev"]))).toBe(false);
    expect(protectsPeopleChanges({ stack: "dev", environment: "dev" }, guard("mandatory", ["dev"]))).toBe(true);
    expect(protectsPeopleChanges({ stack: "dev", environment: "dev" }, guard("mandatory"))).toBe(false);
  });
});

describe("verify's evidence: a person's version the stack overwrote", () => {
  const read: PeopleRead = {
    observations: [
      obs(
        "sales",
        { publishedVersion: v("4.0", 100) },
        {
          deployedAt: T0 + 100_000,
          versions: [v("1.0", -500, ARCHITECT), v("2.0", -100), v("3.0", 50, ARCHITECT), v("4.0", 100)],
        },
      ),
    ],
  };
  const own = ownClientsOf({ ownClient: ME });

  test("their version between two of the stack's is overwritten; one made before the stack's first is history", () => {
    expect(overwrittenVersionsOf(read, own)).toEqual([
      expect.objectContaining({
        flow: "sales",
        version: expect.objectContaining({ id: "3.0" }),
        overwrittenAt: "2026-11-20T10:01:40Z",
        byVersion: "4.0",
      }),
    ]);
  });

  test("reported until the stack file acknowledges that version", () => {
    const files = { sales: "flows/sales.yaml" };
    const open = peopleFindings([], overwrittenVersionsOf(read, own), { acknowledgements: {}, files, stack: "dev" });
    expect(open).toEqual([
      expect.objectContaining({
        severity: "warning",
        code: "overwritten",
        file: "flows/sales.yaml",
        message:
          "overwritten by this stack on 2026-11-20T10:01:40Z (its version 4.0), their version preserved as 3.0 (by Dana Ops via Architect)",
      }),
    ]);
    const acked = peopleFindings([], overwrittenVersionsOf(read, own), {
      acknowledgements: { sales: { reason: "taken into the file", version: "3.0" } },
      files,
      stack: "dev",
    });
    expect(acked[0]).toMatchObject({
      severity: "info",
      message: expect.stringContaining(`acknowledged: "taken into the file"`),
    });
  });
});

test("verify reads a flow's version list where it tells something the flow's record does not", () => {
  const published: OrgVersion = { id: "3.0", dateCreated: T0 - 5000, createdByClientId: STACK };
  const quiet: OrgFlow = { flowId: "f", name: "dev-sales", type: "INBOUNDCALL", publishedVersion: published };
  expect(versionsTellSomething(quiet, T0, false)).toBe(false);
  // No record of the deploy, an acknowledgement, a version since the deploy, a lock, a newer draft.
  expect(versionsTellSomething(quiet, undefined, false)).toBe(true);
  expect(versionsTellSomething(quiet, T0, true)).toBe(true);
  expect(versionsTellSomething({ ...quiet, publishedVersion: { ...published, dateCreated: T0 + 1 } }, T0, false)).toBe(
    true,
  );
  expect(versionsTellSomething({ ...quiet, lock: { user: { name: "Dana Ops" } } }, T0, false)).toBe(true);
  expect(
    versionsTellSomething(
      { ...quiet, checkedInVersion: { id: "4.0", dateCreated: T0 - 1000, type: "CHECKIN" } },
      T0,
      false,
    ),
  ).toBe(true);
  // The checked-in version that is the published one is no draft.
  expect(versionsTellSomething({ ...quiet, checkedInVersion: published }, T0, false)).toBe(false);
  // The releases recorded 1.0 and 3.0, the org publishes 3.0 (the stack's): 2.0 was someone else's, buried.
  expect(versionsTellSomething(quiet, T0, false, ["1.0", "3.0"])).toBe(true);
  expect(versionsTellSomething(quiet, T0, false, ["1.0", "2.0", "3.0"])).toBe(false);
  // No record of the deploy (an adopted flow: Pulumi keeps a read resource with no time): read, unless the
  // org publishes the version the stack's last release read; a lock or a newer draft is read still.
  expect(versionsTellSomething(quiet, undefined, false, ["3.0"])).toBe(false);
  expect(versionsTellSomething(quiet, undefined, false, ["2.0"])).toBe(true);
  expect(versionsTellSomething(quiet, undefined, false, ["3.0", "2.0"])).toBe(true);
  expect(versionsTellSomething({ ...quiet, lock: { user: { name: "Dana Ops" } } }, undefined, false, ["3.0"])).toBe(
    true,
  );
  const saved: OrgVersion = { id: "4.0", dateCreated: T0, type: "SAVE" };
  expect(versionsTellSomething({ ...quiet, savedVersion: saved }, undefined, false, ["3.0"])).toBe(true);
  expect(versionsTellSomething(quiet, undefined, true, ["3.0"])).toBe(true);
});

test("versionsSkipped: a version number the stack's releases did not record, between theirs or before the one the org publishes", () => {
  expect(versionsSkipped("3.0", ["1.0", "2.0", "3.0"])).toBe(false);
  // A person's 2.0 buried by the stack's 3.0; it stays evidence while a later release keeps 1.0 on record.
  expect(versionsSkipped("3.0", ["1.0", "3.0"])).toBe(true);
  expect(versionsSkipped("4.0", ["1.0", "3.0", "4.0"])).toBe(true);
  // The org publishes a version two past the last recorded one (the one between is not the stack's).
  expect(versionsSkipped("4.0", ["1.0", "2.0"])).toBe(true);
  // One past the last recorded: the published version itself (drift's evidence, judged by its date).
  expect(versionsSkipped("3.0", ["1.0", "2.0"])).toBe(false);
  // Nothing recorded: nothing to weigh (no release history, or versions never read).
  expect(versionsSkipped("7.0", [])).toBe(false);
  // An id that is not a version number: read the list rather than guess.
  expect(versionsSkipped("draft", ["1.0"])).toBe(true);
  expect(versionsSkipped(undefined, ["1.0", "2.0"])).toBe(false);
});

describe("readPeople: the org read", () => {
  const flowJson = {
    id: "gid-sales",
    name: "dev-sales",
    type: "INBOUNDCALL",
    publishedVersion: { id: "3.0", dateCreated: T0 - 5000, createdByClient: { id: STACK, name: "genesys-flows" } },
    savedVersion: {
      id: "4.0",
      type: "SAVE",
      dateSaved: new Date(T0 + 30_000).toISOString(),
      createdBy: { id: "u1", name: "Dana Ops" },
      createdByClient: { id: ARCHITECT, name: "Architect" },
    },
    lockedUser: { id: "u1", name: "Dana Ops" },
    lockedClient: { id: ARCHITECT, name: "Architect" },
  };
  // Listed by id, a deleted flow comes back marked deleted (the search by id uses no other parameter, `deleted` included).
  const listed = [flowJson, { id: "gid-gone", name: "dev-gone", type: "INBOUNDCALL", deleted: true }];
  const requests: string[] = [];
  const http: Http = async (req) => {
    const url = new URL(req.url);
    requests.push(`${url.pathname}${url.search}`);
    const ids = url.searchParams.getAll("id");
    if (url.pathname === "/api/v2/flows")
      return {
        status: 200,
        body: JSON.stringify({ entities: listed.filter((f) => ids.includes(f.id)), pageCount: 1 }),
      };
    if (url.pathname === "/api/v2/tokens/me")
      return { status: 200, body: JSON.stringify({ OAuthClient: { id: STACK, name: "genesys-flows" } }) };
    return { status: 404, body: "{}" };
  };

  test("lock, draft (dated by when it was saved), a deleted flow, and the stack's own client, the flows in one request", async () => {
    const api = new OrgApi("http://127.0.0.1:1", "t", { http, attempts: 1 });
    const read = await readPeople(
      api,
      [
        { flow: "sales", publishedName: "dev-sales", flowId: "gid-sales", apiType: "INBOUNDCALL", deployedAt: T0 },
        { flow: "gone", publishedName: "dev-gone", flowId: "gid-gone", apiType: "INBOUNDCALL", deployedAt: T0 },
      ],
      { clockSkewMs: SKEW },
    );
    expect(read.ownClient).toEqual({ id: STACK, name: "genesys-flows" });
    expect(read.observations[0].org).toMatchObject({
      lock: { user: { id: "u1", name: "Dana Ops" }, client: { id: ARCHITECT, name: "Architect" } },
      savedVersion: { id: "4.0", type: "SAVE", dateCreated: T0 + 30_000 },
    });
    expect(read.observations[1].org).toBeUndefined();
    expect(changes(read).map((c) => [c.flow, c.kind])).toEqual([
      ["sales", "locked"],
      ["sales", "draft"],
      ["gone", "deleted"],
    ]);
    // Both flows in one read; the name of the gone one looked up; no version list (nothing published since the deploy).
    expect(requests).toEqual([
      "/api/v2/flows?id=gid-sales&id=gid-gone&pageSize=50",
      "/api/v2/flows?name=dev-gone&type=inboundcall&pageSize=100&pageNumber=1",
      "/api/v2/tokens/me",
    ]);
  });
});
