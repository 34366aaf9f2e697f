// The key each flow component's claims at the org carry (ownership/claim.ts), read once per run and
// registered with the component before its flow is created (components/publishedFlow.ts): as its
// record in the state has it; a new one for a component whose flow the state does not hold; none
// for a flow recorded without one.
import { randomUUID } from "node:crypto";
import { perRun } from "../perRun";
import type { StackRun } from "../stackRun";

export const claimKeys = perRun(async (run: StackRun): Promise<ReadonlyMap<string, string>> => {
  const { ownership } = await run.state();
  const held = new Set(ownership.flows.map((f) => f.resourceName));
  return new Map(
    run.portfolio().flows.flatMap((f) => {
      const fresh = () => (held.has(f.resourceName) ? undefined : randomUUID().replace(/-/g, "").slice(0, 12));
      const key = ownership.claimKeys[f.resourceName] ?? fresh();
      return key ? [[f.resourceName, key] as const] : [];
    }),
  );
});
