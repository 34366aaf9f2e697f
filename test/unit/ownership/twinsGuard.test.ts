// The org-name twins guard (run/ownership/twinsGuard.ts) on a run with its reads handed in: an
// emulator on 127.0.0.1 as the org. A new flow whose published name is the confusable twin of a
// person's flow in the org (a Cyrillic о beside their Latin o) is refused by preview and up, naming
// both, where the ownership check (same name but for case) lets it through; a twin the stack's own
// state holds (the flow a rename replaces) is not counted.
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { orgNameTwinsGuard } from "../../../run/ownership/twinsGuard";
import { ownershipGuard } from "../../../run/ownership/guard";
import { decideAll } from "../../../run/guards";
import { guardRun, recordedState } from "../../../testkit/programRun";
import { publish } from "../../../testkit/emulator";
import { inboundCallYaml } from "../../../testkit/archyFlows";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({});
});
afterAll(async () => {
  await emu.stop();
});

const call = (name: string) => ({ kind: "inboundCall", name, start: "Bye", nodes: { Bye: { type: "disconnect" } } });
const CYRILLIC = "Pr\u043emo";
/** A run of one new flow named `name` under `prefix`, over `state`. */
const runOf = (name: string, namePrefix: string, state?: string) =>
  guardRun(emu, { flows: { "calls/promo": call(name) }, settings: { namePrefix }, ...(state ? { state } : {}) }).run;

it("the confusable twin of an org flow's name: a new flow is refused by preview and up, naming both", async () => {
  const theirs = (await publish(emu, inboundCallYaml("twin-Promo"))).flow!.id;
  const run = runOf(CYRILLIC, "twin-");
  // Not the same name but for case: the ownership check lets it through.
  expect((await ownershipGuard.decide(run)).refusal).toBeUndefined();
  const d = await orgNameTwinsGuard.decide(run);
  expect(d.refusal).toBe(
    [
      "refusing to publish a flow name a person cannot tell from a flow in the org (nothing was deployed):",
      `  flows/calls/promo.yaml (flow calls/promo) publishes "twin-${CYRILLIC}", which looks the same as the org's ` +
        `flow ${theirs} "twin-Promo" (INBOUNDCALL), which this stack does not manage ("\u043e" U+043E where the ` +
        `other has "o" U+006F: a person cannot tell the two flows apart)`,
      "  Fix: write the name with the letters the other uses, or give the flow a name that differs visibly.",
    ].join("\n"),
  );
  for (const dryRun of [true, false]) {
    const all = await decideAll(runOf(CYRILLIC, "twin-"), dryRun);
    const refusedBy = all.refusal === undefined ? undefined : all.refusedBy;
    expect({ dryRun, refusedBy }).toEqual({ dryRun, refusedBy: orgNameTwinsGuard.description });
  }
  // A name that differs visibly goes ahead.
  expect(await orgNameTwinsGuard.decide(runOf("Promotions", "twin-"))).toEqual({ product: undefined });
});

it("a twin the stack's own state holds (the flow its rename replaces) is not counted", async () => {
  const old = (await publish(emu, inboundCallYaml("mine-Promo"))).flow!.id;
  const recorded = { id: "calls/old", kind: "inboundCall", publishedName: "mine-Promo", flowId: old, revision: "r1" };
  const state = recordedState([recorded]);
  expect((await orgNameTwinsGuard.decide(runOf(CYRILLIC, "mine-", state))).refusal).toBeUndefined();
});
