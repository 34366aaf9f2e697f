// The claim guard (run/ownership/claimGuard.ts), under each answer the emulator plays of the behaviours
// it rests on (project/assumptions.yaml: claimListed, claimDelete, claimPublish). Just before the engine
// creates a flow, the name is claimed at the org by creating a flow by name: by default a flow of
// another name held beside the publish and deleted once the new flow is listed; where the org's probe
// record says its jobs configure a flow created by name, the new flow itself. Two runs creating one
// name at once: one wins, the other is refused before it publishes, naming the holder; a name
// another stack took since the run started is refused; a claim a stopped run left is taken over.
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import type { Behave } from "../../../emulator/behave";
import { flowClaimGuard } from "../../../run/ownership/claimGuard";
import { ownershipGuard } from "../../../run/ownership/guard";
import { guardRun } from "../../../testkit/programRun";
import { call, publish } from "../../../testkit/emulator";
import { claimDescription, claimNameOf } from "../../../ownership/claim";
import { inboundCallYaml } from "../../../testkit/archyFlows";
import { writeProbeRecord } from "../../../project/probeRecord";
import type { StackRun } from "../../../run/stackRun";
import { claimKeys } from "../../../run/ownership/claimKeys";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({});
});
afterAll(async () => {
  await emu.stop();
});

const CALL = { kind: "inboundCall", name: "Sales", start: "Bye", nodes: { Bye: { type: "disconnect" } } };
const output = { warn: jest.fn(), info: jest.fn() };
const create = (dryRun = false) => ({
  action: "create" as const,
  resource: "flow" as const,
  name: "calls/sales",
  urn: "urn:x",
  dryRun,
});
const runOf = (org: RunningEmulator, namePrefix: string, settings: Record<string, unknown> = {}) =>
  guardRun(org, { flows: { "calls/sales": CALL }, settings: { namePrefix, ...settings } }).run;

type Listed = {
  id: string;
  name: string;
  description?: string;
  publishedVersion?: unknown;
  lockedClient?: { id: string };
};
const flowsNamed = async (org: RunningEmulator, name: string) =>
  (
    await call<{ entities: Listed[] }>(`${org.url}/api/v2/flows?name=${encodeURIComponent(name)}&type=inboundcall`, {
      token: org.accessToken,
    })
  ).body.entities.filter((f) => f.name === name);
/** Every flow created by name the org holds (listed or not). */
const claimsIn = (org: RunningEmulator) => org.store.claims.snapshot();

/** Two runs creating `prefix`Sales at once, the loser's refusal, and the winner's publish through its afterCreate: one flow of the name, no claim left. */
async function twoAtOnce(org: RunningEmulator, prefix: string): Promise<{ refused: string; flowId: string }> {
  const a = runOf(org, prefix);
  const b = runOf(org, prefix);
  for (const run of [a, b]) expect((await ownershipGuard.decide(run)).refusal).toBeUndefined();
  const hooks = [a, b].map((run) => flowClaimGuard.hooks!(run, output));
  const outcomes = await Promise.allSettled(hooks.map((h) => h.before!(create())));
  expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
  // The loser published nothing; the winner holds a claim of another name, nothing of the name itself yet.
  expect(await flowsNamed(org, `${prefix}Sales`)).toEqual([]);
  expect(claimsIn(org).map((c) => c.name)).toEqual([claimNameOf(`${prefix}Sales`, "INBOUNDCALL")]);
  const winner = hooks[outcomes.findIndex((o) => o.status === "fulfilled")];
  const flowId = (await publish(org, inboundCallYaml(`${prefix}Sales`))).flow!.id;
  await winner.afterCreate!({ ...create(), objectId: flowId });
  expect(await flowsNamed(org, `${prefix}Sales`)).toEqual([
    expect.objectContaining({ id: flowId, publishedVersion: expect.objectContaining({ id: "1.0" }) }),
  ]);
  expect(claimsIn(org)).toEqual([]);
  return {
    refused: (outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult).reason.message as string,
    flowId,
  };
}

async function withBehave(behave: Behave, fn: (org: RunningEmulator) => Promise<void>): Promise<void> {
  const org = await startEmulator({ behave });
  try {
    await fn(org);
  } finally {
    await org.stop();
  }
}

it("a name taken by another run after this run's start: the create is refused, naming the flow that holds it, and the claim let go", async () => {
  const run = runOf(emu, "race-");
  // The run starts: the name is free.
  expect((await ownershipGuard.decide(run)).refusal).toBeUndefined();
  // Another stack creates it meanwhile.
  const theirs = (await publish(emu, inboundCallYaml("race-Sales"))).flow!.id;
  const hooks = flowClaimGuard.hooks!(run, output);
  await expect(hooks.before!(create(true))).resolves.toBeUndefined();
  const refused = await hooks.before!(create()).catch((e: Error) => e.message);
  expect(refused).toMatch(
    /^refused before race-Sales is created: its name was taken in the org since this run started/,
  );
  expect(refused).toContain(`flow ${theirs}`);
  expect(claimsIn(emu)).toEqual([]);
});

it("the run reads which org it is once: the org binding and the claim's probe record share it", async () => {
  await withBehave({}, async (org) => {
    const run = runOf(org, "once-");
    expect((await ownershipGuard.decide(run)).refusal).toBeUndefined();
    const hooks = flowClaimGuard.hooks!(run, output);
    await hooks.before!(create());
    expect(org.requestLog.count("org.get")).toBe(1);
    expect(claimsIn(org).map((c) => c.name)).toEqual([claimNameOf("once-Sales", "INBOUNDCALL")]);
  });
});

it("an update is let through without a claim", async () => {
  const hooks = flowClaimGuard.hooks!(runOf(emu, "free-"), output);
  await expect(hooks.before!({ ...create(), action: "update" })).resolves.toBeUndefined();
  expect(claimsIn(emu)).toEqual([]);
});

it("claimListed=listed: two runs creating one name at once, one holds the name's claim, the other is refused before it publishes, naming the holder", async () => {
  const { refused } = await twoAtOnce(emu, "both-");
  expect(refused).toMatch(/^refused before both-Sales is created: another run claimed the name first/);
  expect(refused).toMatch(
    new RegExp(
      `publishes "both-Sales" \\(INBOUNDCALL\\), which another run is creating: its claim, flow \\S+ "${claimNameOf("both-Sales", "INBOUNDCALL")}", is claimed by a run of stack test at `,
    ),
  );
});

it("claimListed=hidden: two runs creating one name at once, the other is refused before it publishes, naming the claim and the behaviour", async () => {
  await withBehave({ claimListed: "hidden" }, async (org) => {
    const { refused } = await twoAtOnce(org, "hidden-");
    expect(refused).toMatch(/^refused before hidden-Sales is created: another run claimed the name first/);
    expect(refused).toContain(
      `the org answered 409 to creating the claim "${claimNameOf("hidden-Sales", "INBOUNDCALL")}"`,
    );
    expect(refused).toContain("(claimListed, docs/assumptions.md)");
  });
});

it("claimDelete=needsUnlock: the claim is unlocked, then deleted, once the new flow is listed", async () => {
  await withBehave({ claimDelete: "needsUnlock" }, async (org) => {
    await twoAtOnce(org, "unlock-");
    expect(org.requestLog.count("flow.unlock")).toBe(1);
    expect(output.warn).not.toHaveBeenCalled();
  });
});

/** The org's probe record in the run's project, as `org probe --write` writes it. */
function recordClaimPublish(run: StackRun, answer: string): void {
  writeProbeRecord(run.root, {
    org: { id: "9e1c9e3a-5c1e-4a58-9d9f-5a7c0f1e0b01", name: "x" },
    probedAt: "2026-11-28T00:00:00.000Z",
    write: true,
    results: { claimPublish: { observed: answer, answer, asModelled: answer === "configures" } },
    notRun: {},
  });
}

it("claimPublish=configures, the claim on by the org's probe record: two runs at once, one claims the name itself, the other is refused naming it; the winner's publish configures its claim", async () => {
  const org = await startEmulator({
    behave: { claimPublish: "configures" },
    organization: { id: "9e1c9e3a-5c1e-4a58-9d9f-5a7c0f1e0b01", name: "Probed" },
  });
  try {
    const [a, b] = [runOf(org, "itself-"), runOf(org, "itself-")];
    for (const run of [a, b]) recordClaimPublish(run, "configures");
    const outcomes = await Promise.allSettled(
      [a, b].map((run) => flowClaimGuard.hooks!(run, output).before!(create())),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const [claimed] = await flowsNamed(org, "itself-Sales");
    expect(claimed).toMatchObject({
      description: expect.stringMatching(/^genesys-flows claim by stack test \(run \w+\) at /),
      lockedClient: { id: org.clientId },
    });
    expect(claimed.publishedVersion).toBeUndefined();
    const refused = (outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult).reason.message as string;
    expect(refused).toMatch(/^refused before itself-Sales is created: another run claimed the name first/);
    expect(refused).toContain(`flow ${claimed.id} "itself-Sales" (claimed by a run of stack test at `);
    // The provider's publish job, signed in as the stack's client, configures the claimed flow.
    expect((await publish(org, inboundCallYaml("itself-Sales"))).flow!.id).toBe(claimed.id);
    expect(await flowsNamed(org, "itself-Sales")).toEqual([
      expect.objectContaining({ id: claimed.id, publishedVersion: expect.objectContaining({ id: "1.0" }) }),
    ]);
  } finally {
    await org.stop();
  }
});

it("claimPublish=refused with claimNewNames: true in the stack file: the publish fails on the claim, the next run names the behaviour and the fix", async () => {
  await withBehave({ claimPublish: "refused" }, async (org) => {
    await flowClaimGuard.hooks!(runOf(org, "own-", { claimNewNames: true }), output).before!(create());
    const failed = await publish(org, inboundCallYaml("own-Sales"));
    expect(failed.status).toBe("Failure");
    expect(failed.messages.map((m) => m.text).join("\n")).toContain(
      "own-Sales (type: 'inboundcall' ) is locked by another entity.",
    );
    // The next run, within five minutes: refused at the start, naming the behaviour and both fixes.
    const next = (await ownershipGuard.decide(runOf(org, "own-", { claimNewNames: false }))).refusal!;
    expect(next).toMatch(/claimed by a run of stack test at \S+, which publishes it next/);
    expect(next).toMatch(/the next run takes the claim over after \S+, or delete flow \S+ in Architect now/);
    expect(next).toContain("(claimPublish, docs/assumptions.md): set genesys-flows:claimNewNames: false");
    // After five minutes, with the claim off, the left claim goes and the flow publishes: no wedge.
    const later = Date.now() + 6 * 60_000;
    const now = jest.spyOn(Date, "now").mockImplementation(() => later);
    try {
      const run = runOf(org, "own-", { claimNewNames: false });
      expect((await ownershipGuard.decide(run)).refusal).toBeUndefined();
      const hooks = flowClaimGuard.hooks!(run, output);
      await hooks.before!(create());
      const job = await publish(org, inboundCallYaml("own-Sales"));
      expect(job.status).toBe("Success");
      now.mockRestore();
      await hooks.afterCreate!({ ...create(), objectId: job.flow!.id });
    } finally {
      now.mockRestore();
    }
    expect(claimsIn(org)).toEqual([]);
  });
});

it("claimPublish=refused, the claim off by default: a new flow publishes", async () => {
  await withBehave({ claimPublish: "refused" }, async (org) => {
    const { flowId } = await twoAtOnce(org, "default-");
    expect(flowId).toBeDefined();
  });
});

it("a claim a stopped run left unpublished: a young one is another run's (refused at the start), an old one is taken over", async () => {
  const leave = async (name: string, minutesAgo: number) =>
    (
      await call<{ id: string }>(`${emu.url}/api/v2/flows`, {
        method: "POST",
        token: emu.accessToken,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          name,
          type: "INBOUNDCALL",
          description: claimDescription("test", "0ld0ld00", Date.now() - minutesAgo * 60_000),
        }),
      })
    ).body.id;
  await leave("young-Sales", 1);
  expect((await ownershipGuard.decide(runOf(emu, "young-"))).refusal).toMatch(
    /\(claimed by a run of stack test at .*, which publishes it next/,
  );

  // A left claim of the name itself, and a left claim beside it: both taken over.
  const old = await leave("old-Sales", 10);
  const oldBeside = await leave(claimNameOf("old-Sales", "INBOUNDCALL"), 10);
  const run = runOf(emu, "old-");
  expect((await ownershipGuard.decide(run)).refusal).toBeUndefined();
  await flowClaimGuard.hooks!(run, output).before!(create());
  expect(await flowsNamed(emu, "old-Sales")).toEqual([]);
  const [now] = claimsIn(emu).filter((c) => c.name.startsWith("genesys-flows claim"));
  expect([now.id === old, now.id === oldBeside, now.description.includes("0ld0ld00")]).toEqual([false, false, false]);
  emu.store.claims.drop(now.id);
  emu.store.claims.drop(claimsIn(emu).find((c) => c.name === "young-Sales")!.id);
});

describe("a create that stopped after its claim (a component, no flow, a create pending): not yet the stack's", () => {
  const COMPONENT = "urn:pulumi:test::genesys-flows::genesys-flows:index:InteractionFlow";
  const facts = (name: string) => ({
    id: "calls/sales",
    file: "flows/calls/sales.yaml",
    kind: "inboundCall",
    publishedName: name,
    calls: [],
  });
  /** The state a run killed while creating `name` leaves: its component (claim key `key`) and a pending create. */
  const stopped = (name: string, key: string) =>
    JSON.stringify({
      deployment: {
        resources: [
          {
            urn: `${COMPONENT}::calls/sales`,
            type: "genesys-flows:index:InteractionFlow",
            inputs: { facts: facts(name), claimKey: key },
          },
        ],
        pending_operations: [
          {
            type: "creating",
            resource: {
              urn: `${COMPONENT}$genesyscloud:index/flow:Flow::calls/sales`,
              type: "genesyscloud:index/flow:Flow",
              inputs: { name },
            },
          },
        ],
      },
    });
  const runAfter = (org: RunningEmulator, prefix: string, key: string, settings: Record<string, unknown> = {}) => {
    const state = stopped(`${prefix}Sales`, key);
    return guardRun(org, { flows: { "calls/sales": CALL }, settings: { namePrefix: prefix, ...settings }, state }).run;
  };
  const claimNow = async (org: RunningEmulator, name: string, key: string) => {
    const description = claimDescription("test", key, Date.now());
    const made = await call<{ id: string }>(`${org.url}/api/v2/flows`, {
      method: "POST",
      token: org.accessToken,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name, type: "INBOUNDCALL", description }),
    });
    return made.body.id;
  };

  it("its own claim of the name itself (its claim key) is taken over at once; another state's, after five minutes", async () => {
    await withBehave({ claimPublish: "refused" }, async (org) => {
      const own = await claimNow(org, "stop-Sales", "k1");
      const run = runAfter(org, "stop-", "k1", { claimNewNames: false });
      expect(await claimKeys(run)).toEqual(new Map([["calls/sales", "k1"]]));
      expect((await ownershipGuard.decide(run)).refusal).toBeUndefined();
      await flowClaimGuard.hooks!(run, output).before!(create());
      const beside = claimNameOf("stop-Sales", "INBOUNDCALL");
      expect(claimsIn(org).map((c) => [c.name, c.id === own])).toEqual([[beside, false]]);
      org.store.claims.drop(claimsIn(org)[0].id);

      // Another state's claim, a minute old: refused; five minutes later on the clock, taken over.
      await claimNow(org, "late-Sales", "k9");
      const young = (await ownershipGuard.decide(runAfter(org, "late-", "k1"))).refusal;
      expect(young).toMatch(/\(claimed by a run of stack test at \S+, which publishes it next/);
      const later = Date.now() + 5 * 60_000 + 1000;
      const clock = jest.spyOn(Date, "now").mockImplementation(() => later);
      try {
        const next = runAfter(org, "late-", "k1");
        expect((await ownershipGuard.decide(next)).refusal).toBeUndefined();
        await flowClaimGuard.hooks!(next, output).before!(create());
      } finally {
        clock.mockRestore();
      }
      expect(claimsIn(org).map((c) => c.name)).toEqual([claimNameOf("late-Sales", "INBOUNDCALL")]);
    });
  });

  it("the flow its own client published (a create stopped after the provider) is published onto, no claim made", async () => {
    await withBehave({}, async (org) => {
      const made = (await publish(org, inboundCallYaml("after-Sales"))).flow!.id;
      const run = runAfter(org, "after-", "k1");
      expect((await ownershipGuard.decide(run)).refusal).toBeUndefined();
      await flowClaimGuard.hooks!(run, output).before!(create());
      expect((await flowsNamed(org, "after-Sales")).map((f) => f.id)).toEqual([made]);
      for (const c of claimsIn(org)) org.store.claims.drop(c.id);
    });
  });
});
