// The agreement tier: the review and the engine name the same changes. For each change of a matrix
// (cases.ts: flow and module content, substitutions used and unused, added and removed, per flow and
// per stack, namePrefix, a flow's name, include/exclude, every stack setting, the provider's
// settings, routing files and values, adoption, a new flow file, a deleted one) and seeded random
// changes (mutations.ts), it compares the set of (resource, action) the review's JSON names
// (`genesys-flows diff --base <deployed commit> --stack local --json`: deploy.resources, computed
// from what `up` deploys from the base and from the head) with what `pulumi preview --json` reports,
// with the real engine, language host and bridged provider against the emulator (actions.ts says
// which resources count and how the engine's steps fold into one action), the run's change set
// (run/flowChanges.ts, what the guards judge) with the engine's flows, and the review's "Callers
// forced to republish" with the flows the engine republishes for their modules (a callModule caller,
// as imports write them, among them). A new stack's first up (with
// a flow adopted from the org) is compared with the up's own steps. stateful.test.ts has the cases
// that change the deployed stack (waves, the next wave, a rollback), on a stack of its own (jest
// runs both files at once).
//
// Zero disagreements. A disagreement prints the case (its kind, the random seed, the files it
// changed and the change), both sets, and how to rerun it. The engine is right: a disagreement is a
// bug of the review (or of what the program gives its resources).
//
// Speed: one deployed stack; independent cases share a preview (cases.ts batches), and each batch
// is undone with git, not redeployed. A batch that disagrees is rerun case by case to name the case.
// Settings: tier.ts.
import { matrix } from "./cases";
import { reviewActions } from "./actions";
import { randomCases } from "./mutations";
import { CASES, SEED, selected, Tier } from "./tier";

jest.setTimeout(4 * 60 * 60_000);

let tier: Tier;

beforeAll(async () => {
  process.stdout.write(
    `agreement tier: seed ${SEED}, ${CASES} random cases (rerun: npm run test:agreement -- --seed ${SEED} --cases ${CASES})\n`,
  );
  tier = await Tier.start("the matrix and the random cases");
});

afterAll(async () => {
  if (tier) process.stdout.write(`${tier.summary()}\n`);
  await tier?.cleanup();
});

it("a new stack, with a flow adopted from the org: the review (base without the stack file) and the first up name the same creates", async () => {
  const { failure, review } = await tier.firstUp("a new stack (first up, with an adopted flow)", {
    name: "local-Legacy Billing",
    prefix: "local-Legacy",
  });
  expect(failure).toBeUndefined();
  // The review agreed on something: every flow but the adopted one is created.
  expect([...reviewActions(review)].filter(([, a]) => a === "create").length).toBeGreaterThan(15);
});

// The fast no-op (run/fastNoop.ts) is the third party of every case below: it may doubt anything,
// but wherever it answers "nothing changes" pulumi preview must name no change. Here, where
// nothing changed since the up, it must answer so (else the third party says nothing).
it('nothing changed since the up: the fast no-op answers "nothing changes" without the engine, and pulumi preview names no change', async () => {
  expect(tier.w.unrecorded).toBeUndefined();
  tier.tally.cases++;
  const { report, fast } = await tier.together([]);
  expect(report).toBeUndefined();
  expect(fast.noop ? "nothing changes" : `doubt: ${fast.doubt}`).toBe("nothing changes");
});

// The matrix and the random cases share the batches (cases.ts): a random case fills a matrix batch.
it(`the matrix (every kind of change) and ${CASES} random changes of the stack, flow and routing files (seed ${SEED}): the review and pulumi preview agree`, async () => {
  const cases = [...matrix(), ...randomCases(SEED, CASES)].filter((c) => selected(c.kind));
  expect(await tier.runCases(cases)).toEqual([]);
});
