// Guard: module rollouts in waves (planner/waves/wavePlan.ts, docs/waves.md). Before anything registers, the
// run's waves (run/stackRun.ts waves: from what the stack last deployed, with the gate between
// waves, run/waves/gate.ts) either refuse the run (a held caller that would publish anyway, a
// rollout the files contradict) or say what this run rolls out and why the next wave waits. While
// the engine works, a caller a rollout holds is never published: if the engine is about to
// publish (or replace) one the plan did not foresee, preview names it and `up` refuses it.
// Product: the run's waves, for the components (held callers keep their trigger) and the records.
import { FlowLoadError, formatIssue } from "../../model/errors";
import { rolloutMessages } from "./gate";
import type { RunWaves } from "./runWaves";
import type { Guard } from "../guards/guard";
import { runWaves } from "./runWaves";

export const waveGateGuard: Guard<"waves", RunWaves | undefined> = {
  name: "waves",
  description: "module rollouts in waves: the gate between waves, and callers a rollout holds",
  onPreview: true,
  async decide(run) {
    let waves: RunWaves | undefined;
    try {
      waves = await runWaves(run);
    } catch (e) {
      if (e instanceof FlowLoadError)
        return {
          refusal: `a module rollout in waves refuses this run:\n${e.issues.map((i) => `  ${formatIssue(i)}`).join("\n")}`,
          product: undefined,
        };
      return {
        refusal: `cannot read which module version each caller runs (genesys-flows:waves needs the stack's state): ${(e as Error).message}`,
        product: undefined,
      };
    }
    return { notes: waves ? rolloutMessages(waves) : [], product: waves };
  },
  hooks(run, output) {
    // Said once: the first held caller's refusal carries the reason, every later one a line.
    let refused = false;
    return {
      async before(change) {
        if (change.resource !== "flow" || change.action === "delete") return;
        const held = (await runWaves(run))?.plan.held.get(change.name);
        if (!held) return;
        const text = `the engine is about to ${change.action === "create" ? "create (replace)" : "publish"} ${change.name}, which moves ${change.name} onto the new module now: the rollout in waves of module ${held.heldBy.join(" and ")} holds it on the version it was published with (the run's plan foresaw no change of it; docs/waves.md)`;
        if (change.dryRun) return output.warn(text);
        const first = !refused;
        refused = true;
        throw new Error(
          first
            ? `refused before ${change.name} publishes: a rollout in waves holds it\n${text}`
            : `refused: ${change.name} is held by a rollout in waves too (the reason is above, once)`,
        );
      },
    };
  },
};
