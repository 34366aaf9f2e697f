// The preview's impact as the run carries it out (verify/impact.ts impactOfRun): after a stopped
// wave or rollback the files alone name the wrong flows and reasons (every caller of a changing
// module "republishes", nothing is said of a publish a stopped run left unrecorded); the run's
// change set and its rollouts name the right ones.
import { impactOfRun, type Impact } from "../../verify/impact";

const files: Impact = {
  stack: "local",
  modules: [
    {
      id: "modules/lookup",
      file: "flows/modules/lookup.yaml",
      publishedName: "local-Lookup",
      flowId: "gid-m",
      publishedVersion: "3.0",
      republish: ["local-A", "local-B", "local-C"],
      outsideCallers: [],
    },
  ],
  republish: ["a", "b", "c"].map((n) => ({
    id: `calls/${n}`,
    file: `flows/calls/${n}.yaml`,
    publishedName: `local-${n.toUpperCase()}`,
    reason: "calls module local-Lookup, which changes",
    through: ["local-Lookup"],
  })),
  created: [],
  orgRead: true,
  notes: [],
};

it("after an up of wave 1 stopped right after the module publish: the module again (unrecorded) and wave 1; the later waves held, not republished", () => {
  const run = impactOfRun(files, {
    publishes: [
      { id: "modules/lookup", file: "flows/modules/lookup.yaml", publishedName: "local-Lookup", stopped: true },
      {
        id: "calls/a",
        file: "flows/calls/a.yaml",
        publishedName: "local-A",
        reason:
          "wave 1 of 3 of the rollout of module modules/lookup is published again: it takes the module's new content, published first",
      },
    ],
    held: [
      { name: "local-B", by: ["modules/lookup"] },
      { name: "local-C", by: ["modules/lookup"] },
    ],
  });
  expect(run.modules[0]).toMatchObject({ republish: ["local-A"], held: ["local-B", "local-C"] });
  expect(run.republish.map((r) => [r.publishedName, r.reason])).toEqual([
    [
      "local-A",
      "wave 1 of 3 of the rollout of module modules/lookup is published again: it takes the module's new content, published first",
    ],
    [
      "local-Lookup",
      "flows/modules/lookup.yaml changed (a run that stopped part-way left it unrecorded: published again)",
    ],
  ]);
});

it("a run that publishes what the files say keeps the files' reasons, and holds nothing", () => {
  const run = impactOfRun(files, {
    publishes: files.republish.map(({ id, file, publishedName }) => ({ id, file, publishedName })),
    held: [],
  });
  expect(run.republish).toEqual(files.republish);
  expect(run.modules[0].republish).toEqual(["local-A", "local-B", "local-C"]);
  expect(run.modules[0].held).toBeUndefined();
});
