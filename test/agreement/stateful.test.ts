// The agreement tier's cases that change the deployed stack, on a stack of their own (jest runs
// this file beside agreement.test.ts): a module change rolled out in waves (the up that starts it),
// the next wave (nothing changes in git: the stack's state says who waits; the review reads it, as
// `genesys-flows diff --org local` does), and a rollback to the first release in the middle of the
// rollout; before them, the next run after one a guard stopped, and a person's hotfix on the
// unprotected stack, the change deployed over it and the no-op after (issue 89.6: what the review,
// the run, pulumi preview and the fast path say will be overwritten, and verify says was). Each is
// compared as agreement.test.ts compares (tier.ts): the review's JSON and the run's change set
// against the steps of the engine (the up's own, or pulumi preview's).
import { Tier } from "./tier";
import type { ActionSet } from "./actions";
import type { EngineRun } from "./workspace";
import type { ReviewJson } from "../../diff/review";
import type { FastAnswer } from "../../run/fastNoop";
import type { OrgStateOfRun } from "../../org/personChanges";
import type { VerifyReport } from "../../verify/report";

jest.setTimeout(4 * 60 * 60_000);

let tier: Tier;

beforeAll(async () => {
  tier = await Tier.start("stateful", false);
});

afterAll(async () => {
  if (tier) process.stdout.write(`${tier.summary()}\n`);
  await tier?.cleanup();
});

it("a new stack: the review and the first up name the same creates", async () => {
  expect((await tier.firstUp("stateful: a new stack (first up)")).failure).toBeUndefined();
});

it("after a run a guard stopped (its components rewritten without outputs): the review, the run's change set and the engine name the same changes", async () => {
  const w = tier.w;
  // A stack-file change every component registers (forceUnlock) and a flow change, while a person
  // holds the flow's lock: the guard stops the up before the flow publishes.
  w.editConfig((c) => (c.forceUnlock = c.forceUnlock === "false" || c.forceUnlock === false ? "true" : "false"));
  w.editYaml("flows/calls/direct.yaml", (d) => d.set("description", "Direct line, after a stop."));
  w.p.emulator.setFaults({ locks: [{ flowName: "local-Direct", userName: "Dana Ops" }] });
  const stopped = await w.stoppedUp();
  expect(stopped).toContain("locked: checked out (locked) by Dana Ops");
  // Dana closes the flow in Architect.
  w.p.emulator.setFaults({});
  w.p.emulator.store.unlock(w.p.emulator.store.findActive("INBOUNDCALL", "local-Direct")!.id, Date.now());
  tier.tally.cases++;
  // The fast no-op too (the state a stopped run left is a doubt): it must not answer "nothing changes".
  const failure = tier.compare(
    ["stateful: after a stopped run"],
    await tier.preview(),
    await tier.review(true),
    await tier.runSet(),
    false,
    await tier.fast(),
  );
  if (failure) tier.tally.disagreements++;
  expect(failure).toBeUndefined();
  await tier.up("after the stop");
});

/** "<flow id> <version>" of each change of a person's a run would overwrite or bury (published out of band, a draft). */
const toOverwrite = (s: OrgStateOfRun): string[] =>
  s.checked
    ? s.changes
        .filter((c) => c.kind === "published-out-of-band" || c.kind === "draft")
        .map((c) => `${c.flow} ${c.version}`)
        .sort()
    : [`not checked: ${s.reason}`];

/** The same, from the people guard's section in the engine's diagnostics (`<verdict> <name> (<flow id>): published outside the stack: version N ...`). */
const namedByEngine = (run: EngineRun): string[] => {
  const found = run.warnings
    .join("\n")
    .matchAll(
      /^\s*(?:warning|STOP|acknowledged)\s+\S+ \(([^)]+)\): (?:published outside the stack: version (\S+) was published|draft: a [a-z-]+ draft \(version ([^,]+),)/gm,
    );
  return [...new Set([...found].map((m) => `${m[1]} ${m[2] ?? m[3]}`))].sort();
};

/** "<flow id> <their version> by <the stack's>" of each `[overwritten]` finding of verify. */
const overwrittenIn = (report: VerifyReport): string[] =>
  report.findings
    .filter((f) => f.code === "overwritten")
    .map((f) => {
      const m = /\(its version (\S+)\), their (?:checked-in )?version preserved as (\S+)/.exec(f.message);
      return `${(f.file ?? f.flow).replace(/^flows\//, "").replace(/\.yaml$/, "")} ${m?.[2]} by ${m?.[1]}`;
    })
    .sort();

it("a person's hotfix on an unprotected stack, the change over it and a fast no-op after: the review, the run, pulumi preview --json, the fast path and verify agree on what will be and was overwritten", async () => {
  const w = tier.w;
  // Jane publishes a hotfix of Billing through the ops console, past the clock allowance of the last deploy;
  // the stack is unprotected (its policy config leaves prod-force-unlock off), so the change goes ahead over it.
  await new Promise((r) => setTimeout(r, 3000));
  const theirs = await w.personPublishes("local-Billing", "Jane's storm hotfix");
  w.editYaml("flows/calls/billing.yaml", (d) =>
    d.setIn(["nodes", "Closed", "prompt"], "Billing is closed. Please call back tomorrow."),
  );
  const engine = tier.preview();
  const review = await tier.review(true);
  const run = await tier.runSet();
  const fast = await tier.fast();
  const will = {
    review: toOverwrite(await w.reviewOrgState()),
    run: toOverwrite(await w.runOrgState()),
    preview: namedByEngine(await engine),
  };
  tier.tally.cases++;
  const failure = tier.compare(
    ["stateful: a person's hotfix, then a change over it"],
    await engine,
    review,
    run,
    false,
    fast,
  );
  expect(fast.noop).toBe(false);
  const up = await tier.up("billing's closed prompt, over Jane's hotfix");
  const ours = w.p.emulator.store.findActive("INBOUNDCALL", "local-Billing")!.versions.at(-1)!.id;
  expect({ ...will, up: namedByEngine(up) }).toEqual({
    review: [`calls/billing ${theirs}`],
    run: [`calls/billing ${theirs}`],
    preview: [`calls/billing ${theirs}`],
    up: [`calls/billing ${theirs}`],
  });

  // The no-op after it: the fast path says nothing changes, and the verify after it (comparing the flows
  // the fast path read) keeps the evidence; the engine, the review and the run see nothing to overwrite.
  const after = await w.fastThenVerify();
  if (after.fast.noop) tier.tally.fastNoops++;
  const nothing = await tier.preview();
  tier.tally.cases++;
  const noopFailure = tier.compare(
    ["stateful: the no-op after the change over a person's hotfix"],
    nothing,
    await tier.review(true),
    await tier.runSet(),
    false,
    after.fast,
  );
  const was = {
    fast: after.fast.noop ? "nothing changes" : after.fast.doubt,
    preview: namedByEngine(nothing),
    review: toOverwrite(await w.reviewOrgState()),
    run: toOverwrite(await w.runOrgState()),
    verify: overwrittenIn(after.verify),
    verifyAlone: overwrittenIn(await w.verify()),
  };
  expect(was).toEqual({
    fast: "nothing changes",
    preview: [],
    review: [],
    run: [],
    verify: [`calls/billing ${theirs} by ${ours}`],
    verifyAlone: [`calls/billing ${theirs} by ${ours}`],
  });
  for (const f of [failure, noopFailure]) if (f) tier.tally.disagreements++;
  expect([failure, noopFailure].filter((f) => f !== undefined)).toEqual([]);
});

it("waves on (the module and the first wave), the next wave, a rollback to the first release", async () => {
  const w = tier.w;
  const failures: string[] = [];
  const check = (kind: string, engine: EngineRun, review: ReviewJson, run?: ActionSet, fast?: FastAnswer) => {
    tier.tally.cases++;
    const f = tier.compare([kind], engine, review, run, false, fast);
    if (f) {
      tier.tally.disagreements++;
      failures.push(f);
    }
  };
  const firstRelease = w.deployed;
  // In a rollout the callers republish by waves, not by the module's hash (tier.ts, forcedCallers).
  tier.forcedCallers = false;
  // A change of module Verify rolled out in two waves: calls/sales first, then the other callers.
  w.editConfig((c) => (c.waves = { "modules/verify": [{ flows: ["calls/sales"] }] }));
  w.editYaml("flows/modules/verify.yaml", (d) => d.setIn(["nodes", "Ask", "prompt"], "Your PIN, please."));
  const wavesOn = await tier.review();
  const wavesOnWithState = await tier.review(true);
  const wavesOnRun = await tier.runSet();
  const up = await tier.up("verify changes, in waves");
  check("stateful: waves on, the module and wave 1 (the review from the files)", up, wavesOn, wavesOnRun);
  check("stateful: waves on, the module and wave 1 (the review reading the state)", up, wavesOnWithState);
  // The next up: nothing changes in git; the state says who waits.
  const nextEngine = tier.preview();
  const next = await tier.review(true);
  const nextRun = await tier.runSet();
  // No file changed since the up, yet the engine starts the next wave: the fast no-op must doubt
  // (the up that held a wave recorded nothing, and its state records a rollout in waves).
  const nextFast = await tier.fast();
  expect(nextFast.noop ? "nothing changes" : "a doubt").toBe("a doubt");
  check("stateful: the next wave (the review reading the state)", await nextEngine, next, nextRun, nextFast);
  // Back to the first release, in the middle of the rollout: what a rollback's up runs is the
  // program on the release's sources (tools/rollback.ts puts them in a folder; the run reads them
  // there, run/stackRun.ts source.sourcesRoot). The same files checked out in the working tree.
  w.git("checkout", "-q", firstRelease, "--", "flows", "routing", "Pulumi.local.yaml");
  for (const added of w
    .git("diff", "--name-only", "--diff-filter=A", firstRelease, w.deployed, "--", "flows", "routing")
    .split("\n")
    .filter((l) => l !== ""))
    w.remove(added);
  const backEngine = tier.preview();
  const back = await tier.review(true);
  const backRun = await tier.runSet();
  check("stateful: a rollback to the first release", await backEngine, back, backRun);
  w.reset();
  tier.forcedCallers = true;
  for (const f of failures) process.stdout.write(`${f}\n\n`);
  expect(failures).toEqual([]);
});
