// Releases and the rollback's decisions (planner/releases.ts, planner/rollbackPlan.ts): which up
// records a release and with which id, how the history stays bounded, which release `--to` names,
// what is refused before anything publishes, and which flows a rollback republishes. Pure.
import {
  decodeHistory,
  encodeHistory,
  nextHistory,
  parseReleaseHistory,
  releasedVersions,
  renderReleases,
  rolledBackNote,
  versionsToRead,
  withVersions,
  type Release,
  type ReleaseCandidate,
} from "../../planner/releases";
import { endedRolloutsText, renderRollbackChanges, rollbackChanges, routingRollback } from "../../planner/rollbackPlan";
import { selectRelease, sourceRefusal } from "../../planner/rollbackPlan";
import { parseStackExport } from "../../org/stackExport";

const candidate = (revisions: Record<string, string>, extra: Partial<ReleaseCandidate> = {}): ReleaseCandidate => ({
  commit: "a".repeat(40),
  dirty: false,
  time: "2026-11-26T02:00:00.000Z",
  revisions: new Map(Object.entries(revisions)),
  ...extra,
});

/** A history of releases built the way ups build it. */
function historyOf(
  ...ups: Array<Record<string, string> | [Record<string, string>, Partial<ReleaseCandidate>]>
): Release[] {
  let h: Release[] = [];
  for (const u of ups) h = Array.isArray(u) ? nextHistory(h, candidate(u[0], u[1])) : nextHistory(h, candidate(u));
  return h;
}

describe("recording releases", () => {
  it("the first up records r1 with every flow's revision; a no-op up records nothing", () => {
    const h = historyOf({ lookup: "L1", sales: "S1" });
    expect(h).toEqual([
      {
        id: "r1",
        commit: "a".repeat(40),
        dirty: false,
        time: "2026-11-26T02:00:00.000Z",
        flows: { lookup: { revision: "L1" }, sales: { revision: "S1" } },
      },
    ]);
    expect(nextHistory(h, candidate({ lookup: "L1", sales: "S1" }, { commit: "b".repeat(40) }))).toEqual(h);
  });

  it("a changed revision, an added or a removed flow records the next release", () => {
    const h = historyOf(
      { lookup: "L1", sales: "S1" },
      { lookup: "L2", sales: "S2" },
      { lookup: "L2" },
      { lookup: "L2", chat: "C1" },
    );
    expect(h.map((r) => r.id)).toEqual(["r1", "r2", "r3", "r4"]);
    expect(Object.keys(h[2].flows)).toEqual(["lookup"]);
  });

  it("keeps the last N releases, and ids keep counting past the dropped ones", () => {
    let h: Release[] = [];
    for (let i = 1; i <= 5; i++) h = nextHistory(h, candidate({ sales: `S${i}` }), 3);
    expect(h.map((r) => r.id)).toEqual(["r3", "r4", "r5"]);
  });

  it("a flow the up leaves as it was keeps the version read before; new and changed flows are to be read, then filled in", () => {
    let h = historyOf({ lookup: "L1", sales: "S1" });
    expect(versionsToRead(h)).toEqual(["lookup", "sales"]);
    h = withVersions(
      h,
      new Map([
        ["lookup", "1.0"],
        ["sales", "1.0"],
      ]),
    );
    h = nextHistory(h, candidate({ lookup: "L1", sales: "S2" }));
    expect(h[1].flows).toEqual({ lookup: { revision: "L1", version: "1.0" }, sales: { revision: "S2" } });
    expect(versionsToRead(h)).toEqual(["sales"]);
    expect(withVersions(h, new Map([["sales", "2.0"]]))[1].flows.sales).toEqual({ revision: "S2", version: "2.0" });
  });

  it("the versions the releases recorded of each flow, oldest first, each once (a release leaving a flow as it was repeats its version)", () => {
    let h = withVersions(
      historyOf({ lookup: "L1", sales: "S1" }),
      new Map([
        ["lookup", "1.0"],
        ["sales", "1.0"],
      ]),
    );
    h = withVersions(nextHistory(h, candidate({ lookup: "L2", sales: "S1" })), new Map([["lookup", "3.0"]]));
    h = nextHistory(h, candidate({ lookup: "L3", sales: "S1" })); // its versions not read (a warning of that up)
    expect(releasedVersions(h)).toEqual(
      new Map([
        ["lookup", ["1.0", "3.0"]],
        ["sales", ["1.0"]],
      ]),
    );
    expect(releasedVersions([])).toEqual(new Map());
  });

  it("a rollback is a release of its own, naming the release it returns to, even with that release's revisions", () => {
    const h = historyOf({ sales: "S1" }, { sales: "S2" }, [{ sales: "S1" }, { rollbackOf: "r1" }]);
    expect(h.map((r) => [r.id, r.rollbackOf])).toEqual([
      ["r1", undefined],
      ["r2", undefined],
      ["r3", "r1"],
    ]);
    // The up from git after it, with the same content as r1, still records that git runs again.
    expect(nextHistory(h, candidate({ sales: "S1" })).map((r) => r.id)).toEqual(["r1", "r2", "r3", "r4"]);
  });

  it("the stack output stores each release's changes only (every flow in the oldest kept), and reads back whole", () => {
    let h = historyOf(
      { lookup: "L1", sales: "S1", chat: "C1" },
      { lookup: "L1", sales: "S2", chat: "C1" },
      { lookup: "L1", sales: "S2" },
    );
    h = withVersions(h, new Map([["lookup", "3.0"]]));
    const stored = encodeHistory(h);
    expect(stored.map((r) => [r.id, Object.keys(r.flows), r.removed])).toEqual([
      ["r1", ["chat", "lookup", "sales"], undefined],
      ["r2", ["sales"], undefined],
      ["r3", ["lookup"], ["chat"]],
    ]);
    expect(decodeHistory(stored)).toEqual(h);
    expect(parseReleaseHistory(JSON.parse(JSON.stringify(stored))).history).toEqual(h);
    // Past the bound the new oldest release is stored whole.
    expect(Object.keys(encodeHistory(h.slice(1))[0].flows)).toEqual(["chat", "lookup", "sales"]);
  });

  it("the stack output reads back through the state's parse; a foreign value is reported, not trusted", () => {
    const h = encodeHistory(historyOf({ sales: "S1" }));
    const exported = {
      deployment: {
        resources: [
          {
            urn: "urn:pulumi:local::genesys-flows::pulumi:pulumi:Stack::genesys-flows-local",
            type: "pulumi:pulumi:Stack",
            outputs: { releases: h },
          },
          {
            urn: "urn:pulumi:local::genesys-flows::genesys-flows:index:WaveRollout::lookup",
            type: "genesys-flows:index:WaveRollout",
            inputs: {
              module: "lookup",
              revision: "R2",
              from: "R1",
              started: 1,
              waves: [["sales"], ["chat"]],
              held: ["chat"],
            },
          },
        ],
      },
    };
    const parsed = parseStackExport("local", JSON.stringify(exported)).releases;
    expect(parsed.history).toEqual(h);
    expect(parsed.waves).toEqual([
      {
        module: "lookup",
        modulePublishedName: "lookup",
        revision: "R2",
        from: "R1",
        started: 1,
        waves: [["sales"], ["chat"]],
        held: ["chat"],
      },
    ]);
    expect(endedRolloutsText(parsed.waves)).toBe(
      "  ends the rollout in waves of module lookup (wave 1 of 2 out; moved: sales; held: chat): no wave of it starts again until a new commit changes the module or a person resumes it",
    );
    expect(parseReleaseHistory([{ id: "release-1" }]).problem).toMatch(
      /^the stack output "releases" is not a release history \(0\.id: /,
    );
    expect(parseReleaseHistory(undefined)).toEqual({ history: [] });
  });

  it("after a rollback, an up of other content is announced as re-applying git; the same content, or no rollback, says nothing", () => {
    const h = historyOf({ sales: "S1" }, { sales: "S2" }, [
      { sales: "S1" },
      { rollbackOf: "r1", time: "2026-11-26T03:00:00.000Z" },
    ]);
    const head = { commit: "c".repeat(40), revisions: new Map([["sales", "S2"]]) };
    expect(rolledBackNote(h, head)).toBe(
      `the stack runs release r1 (commit aaaaaaaaaaaa) (rolled back in r3 at 2026-11-26T03:00:00.000Z); this up re-applies cccccccccccc`,
    );
    expect(rolledBackNote(h, { ...head, revisions: new Map([["sales", "S1"]]) })).toBeUndefined();
    expect(rolledBackNote(h.slice(0, 2), head)).toBeUndefined();
  });

  it("the listing marks the release that runs, rollbacks, uncommitted changes and the waves an up started", () => {
    const h = historyOf({ sales: "S1" }, [{ sales: "S2" }, { dirty: true }], [{ sales: "S1" }, { rollbackOf: "r1" }]);
    const text = renderReleases("local", h);
    expect(text).toContain(
      "r2    2026-11-26T02:00:00.000Z  commit aaaaaaaaaaaa  1 flows, 1 changed  [uncommitted changes]",
    );
    const waves = nextHistory(
      h,
      candidate(
        { sales: "S4" },
        {
          waves: [
            { module: "modules/lookup", wave: 2, of: 3, starts: true, next: { by: "ana", reason: "wave 1 is fine" } },
          ],
        },
      ),
    );
    expect(renderReleases("local", waves)).toContain(
      "r4    2026-11-26T02:00:00.000Z  commit aaaaaaaaaaaa  1 flows, 1 changed, started wave 2 of 3 of modules/lookup (rollout next by ana: wave 1 is fine)  [runs now]",
    );
    expect(text).toContain(
      "r3    2026-11-26T02:00:00.000Z  commit aaaaaaaaaaaa  rollback to r1, 1 changed  [runs now]",
    );
    expect(renderReleases("local", [])).toBe(`Stack "local" has recorded no release yet (each up records one).\n`);
    // The version that made a release, kept through the stored form (releases before 0.2.0 have none).
    const byTool = nextHistory(h, candidate({ sales: "S5" }, { tool: "0.2.0" }));
    expect(decodeHistory(encodeHistory(byTool)).at(-1)?.tool).toBe("0.2.0");
    expect(renderReleases("local", byTool)).toContain(
      "r4    2026-11-26T02:00:00.000Z  commit aaaaaaaaaaaa  1 flows, 1 changed, by genesys-flows 0.2.0  [runs now]",
    );
  });
});

describe("choosing the release to roll back to", () => {
  const h = historyOf({ sales: "S1" }, { sales: "S2" }, { sales: "S3" });

  it("an id names that release; previous is the one before what runs", () => {
    expect(selectRelease("prod", h, "r1")).toMatchObject({ id: "r1" });
    expect(selectRelease("prod", h, "previous")).toMatchObject({ id: "r2" });
  });

  it("after a rollback to r2, previous goes one step further back", () => {
    const rolled = nextHistory(h, candidate({ sales: "S2" }, { rollbackOf: "r2" }));
    expect(selectRelease("prod", rolled, "previous")).toMatchObject({ id: "r1" });
  });

  it("a release the stack never had is refused, listing the ones it has", () => {
    expect(selectRelease("prod", h, "r9")).toEqual({
      refusal: `stack "prod" never had release r9, or no longer keeps it: it has r1, r2, r3`,
    });
    expect(selectRelease("prod", [], "previous")).toEqual({
      refusal: expect.stringContaining(`stack "prod" has recorded no release yet`),
    });
    expect(selectRelease("prod", historyOf({ sales: "S1" }), "previous")).toEqual({
      refusal: `stack "prod" has no release before r1 with other content (it has r1; the stack keeps its last releases only, genesys-flows:releasesKept)`,
    });
    expect(selectRelease("prod", h, "last-week")).toEqual({
      refusal: expect.stringContaining(`--to takes a release id such as r3`),
    });
  });

  it("the release that runs is refused: nothing to roll back", () => {
    expect(selectRelease("prod", h, "r3")).toEqual({
      refusal: expect.stringContaining(`already runs the content of r3`),
    });
  });

  it("a release from uncommitted changes, or with no commit, is refused: git cannot give it back", () => {
    const dirty = historyOf([{ sales: "S1" }, { dirty: true }])[0];
    expect(sourceRefusal(dirty)?.refusal).toMatch(
      /^release r1 was deployed from a working tree that differed from commit aaaaaaaaaaaa/,
    );
    expect(sourceRefusal({ ...dirty, commit: "" })?.refusal).toMatch(/no git work tree/);
    expect(sourceRefusal(h[0])).toBeUndefined();
  });

  it("during a rollout in waves, previous is the release before the rollout started; a release made half-way through one is refused", () => {
    const wave = (n: number, starts = true) => ({
      waves: [{ module: "modules/lookup", wave: n, of: 3, ...(starts ? { starts } : {}) }],
    });
    const rollout = historyOf(
      { lookup: "L1", a: "A1", b: "B1" },
      [{ lookup: "L2", a: "A2", b: "B1" }, wave(1)],
      [{ lookup: "L2", a: "A2", b: "B2" }, wave(2)],
    );
    expect(selectRelease("prod", rollout, "previous")).toMatchObject({ id: "r1" });
    expect(selectRelease("prod", rollout, "r2")).toEqual({
      refusal:
        "release r2 was made half-way through a rollout in waves (started wave 1 of 3 of modules/lookup): its callers ran two versions of the module, which its commit cannot give back; roll back to a release before the rollout (--to previous) or after it",
    });
    // The release that started the last wave ran one module version everywhere: it may be rolled back to.
    const done = nextHistory(rollout, candidate({ lookup: "L2", a: "A2", b: "B3" }, wave(3)));
    expect(nextHistory(done, candidate({ lookup: "L3", a: "A3", b: "B4" })).length).toBe(5);
    expect(selectRelease("prod", nextHistory(done, candidate({ lookup: "L3", a: "A3", b: "B4" })), "r4")).toMatchObject(
      { id: "r4" },
    );
  });

  it("a rollback names the rollouts it ends; one a rollback ended already, or none, says nothing", () => {
    const record = {
      module: "modules/verify",
      modulePublishedName: "prod-Verify",
      revision: "b".repeat(64),
      from: "a".repeat(64),
      waves: [["calls/a"], ["calls/b", "calls/c"]],
    };
    expect(
      endedRolloutsText([
        { ...record, started: 1, held: ["calls/b", "calls/c"], paused: { by: "ana", at: "t", reason: "r" } },
      ]),
    ).toBe(
      "  ends the rollout in waves of module modules/verify (wave 1 of 2 out, paused; moved: calls/a; held: calls/b, calls/c): no wave of it starts again until a new commit changes the module or a person resumes it",
    );
    expect(
      endedRolloutsText([
        { ...record, started: 1, held: [], rolledBack: { by: "ana", at: "t", reason: "r", to: "r1" } },
      ]),
    ).toBe("");
    expect(endedRolloutsText(undefined)).toBe("");
  });
});

describe("the flows a rollback republishes", () => {
  const release = historyOf({ lookup: "L1", sales: "S1", chat: "C1" })[0];
  const flow = (id: string, revision: string, isModule = false) => ({ id, revision, isModule });

  it("exactly the deployed flows whose revision differs, modules first; flows to create and to delete", () => {
    const target = [flow("chat", "C1"), flow("lookup", "L1", true), flow("sales", "S1")];
    const deployed = [flow("chat", "C1"), flow("lookup", "L2", true), flow("sales", "S2"), flow("web", "W1")];
    const none = { compiledDifferently: [], routing: [] };
    const changes = rollbackChanges(target, deployed, release);
    expect(changes).toEqual({ republish: ["lookup", "sales"], create: [], remove: ["web"], ...none });
    const created = rollbackChanges(target, [flow("lookup", "L1", true)], release);
    expect(created).toEqual({ republish: [], create: ["chat", "sales"], remove: [], ...none });
  });

  it("a flow today's compiler makes differently from the release's record is named", () => {
    expect(rollbackChanges([flow("sales", "S1-today")], [flow("sales", "S2")], release).compiledDifferently).toEqual([
      "sales",
    ]);
  });
});

describe("routing in releases and rollbacks (issue 98.4)", () => {
  const flows = { lookup: "L1", sales: "S1" };
  type Up = [Record<string, string>, Partial<ReleaseCandidate>];
  const routed = (routing: Record<string, string>): Up => [flows, { routing }];
  const weekdays = (end: string) => ({ "schedules/weekdays": end });

  it("an up changing only a routing object records a release, the same again none; the listing counts it", () => {
    const h = historyOf(routed(weekdays("W18")), routed(weekdays("W19")), routed(weekdays("W19")));
    expect(h.map((r) => [r.id, r.routing])).toEqual([
      ["r1", weekdays("W18")],
      ["r2", weekdays("W19")],
    ]);
    const listed = renderReleases("local", h).split("\n")[2];
    expect(listed).toMatch(/^ {2}r2 .* 2 flows, 0 changed, 1 routing object changed {2}\[runs now\]$/);
    // Stored as changes, read back whole; an object removed is said so.
    const more = nextHistory(h, candidate(flows, { routing: { "ivr/main": "I1" } }));
    const stored = encodeHistory(more);
    expect(stored.map((r) => [r.routing, r.routingRemoved])).toEqual([
      [weekdays("W18"), undefined],
      [weekdays("W19"), undefined],
      [{ "ivr/main": "I1" }, ["schedules/weekdays"]],
    ]);
    expect(decodeHistory(stored)).toEqual(more);
  });

  it("previous is a release of other content, routing included: a routing-only release before a rollout", () => {
    const waves = [{ module: "lookup", wave: 1, of: 2, starts: true }];
    const rollout: Up = [
      { lookup: "L2", sales: "S1" },
      { routing: weekdays("W19"), waves },
    ];
    const h = historyOf(routed(weekdays("W18")), routed(weekdays("W19")), rollout);
    expect((selectRelease("local", h, "previous") as Release).id).toBe("r2");
  });

  it("a rollback names each routing object it writes by kind, with the release that changed it since", () => {
    const hours = { "hours/business": "B1" };
    const up = (end: string, more = {}) => routed({ ...weekdays(end), ...hours, ...more });
    const h = historyOf(up("W18"), up("W19"), up("W19", { "ivr/new": "N1" }));
    const schedule = (id: string) => ({ id, kind: "schedule" as const });
    const group = { id: "hours/business", kind: "scheduleGroup" as const };
    const planned = [schedule("schedules/weekdays"), group, schedule("schedules/gone")];
    const deployed = [schedule("schedules/weekdays"), group, { id: "ivr/new", kind: "ivr" as const }];
    // The release as the command read it: another read of the same history.
    const writes = new Set(["schedules/weekdays", "ivr/new"]);
    const routing = routingRollback(planned, deployed, writes, h, structuredClone(h[0]));
    expect(routing).toEqual([
      { id: "schedules/weekdays", kind: "schedule", action: "put back", changedIn: "r2" },
      { id: "schedules/gone", kind: "schedule", action: "create again" },
      { id: "ivr/new", kind: "ivr", action: "delete", changedIn: "r3" },
    ]);
    const text = renderRollbackChanges("local", h[0], rollbackChanges([], [], h[0], routing));
    expect(text.split("\n").slice(1)).toEqual([
      "  republish (0): none",
      "  schedule put back as r1 has it (1): schedules/weekdays (changed in r2)",
      "  schedule create again (1): schedules/gone",
      "  IVR config delete (1): ivr/new (changed in r3)",
    ]);
  });
});
