// The agreement tier's cases that change the deployed stack, on a stack of their own (jest runs
// this file beside agreement.test.ts): a module change rolled out in waves (the up that starts it),
// the next wave (nothing changes in git: the stack's state says who waits; the review reads it, as
// `genesys-flows diff --org local` does), and a rollback to the first release in the middle of the
// rollout; before them, the next run after one a guard stopped. Each is compared as agreement.test.ts compares (tier.ts): the review's JSON and the run's
// change set against the steps of the engine (the up's own, or pulumi preview's).
import { Tier } from "./tier";
import type { ActionSet } from "./actions";
import type { EngineRun } from "./workspace";
import type { ReviewJson } from "../../diff/review";
import type { FastAnswer } from "../../run/fastNoop";

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
  const failure = tier.compare(["stateful: after a stopped run"], await tier.preview(), await tier.review(true), await tier.runSet(), false, await tier.fast());
  if (failure) tier.tally.disagreements++;
  expect(failure).toBeUndefined();
  await tier.up("after the stop");
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
  for (const added of w.git("diff", "--name-only", "--diff-filter=A", firstRelease, w.deployed, "--", "flows", "routing").split("\n").filter((l) => l !== "")) w.remove(added);
  const backEngine = tier.preview();
  const back = await tier.review(true);
  const backRun = await tier.runSet();
  check("stateful: a rollback to the first release", await backEngine, back, backRun);
  w.reset();
  for (const f of failures) process.stdout.write(`${f}\n\n`);
  expect(failures).toEqual([]);
});
