// Guard: a rollback, a `rollout next` or an `up` of a wave that stopped (docs/waves.md, "After a
// stop"): the rollout's record says what the stopped run asked (a rollback writes it before any
// publish), the org how far it got (run/rolloutInOrg.ts). Refused before anything registers, naming
// what the org runs and the one safe command: any run but a rollback while a rollback of the
// rollout stopped before recording its release (`rollout resume` ends that), or a run that would
// publish callers without the module while the org's module is not the content it plans.
import { PUBLISHES, flowChanges, plannedRunFlows } from "../flowChanges";
import { readRolloutsInOrg } from "../rolloutInOrg";
import { renderRolloutInOrg, stoppedRollback } from "../../verify/rolloutInOrg";
import type { Guard } from "./guard";

export const stoppedRolloutGuard: Guard<"stoppedRollouts", undefined> = {
  name: "stoppedRollouts",
  description: "a rollback or a wave that stopped: what the org runs against the rollout's record",
  onPreview: true,
  async decide(run) {
    const { deployment, releases } = await run.state();
    const records = deployment.waves ?? [];
    const stopped = records.filter((r) => stoppedRollback(r, releases.history) !== undefined);
    if (run.source.rollbackOf !== undefined) {
      return { notes: stopped.map((r) => ({ level: "info" as const, text: `this rollback takes module ${r.module} and its callers to one release again, after the rollback to ${r.rolledBack!.to} that stopped (by ${r.rolledBack!.by} at ${r.rolledBack!.at})` })), product: undefined };
    }
    if (records.length === 0) return { product: undefined };
    const portfolio = run.portfolio();
    // Modules are never held: what the engine does to them needs no waves (nor their gate).
    const modules = flowChanges(plannedRunFlows(portfolio, deployment), deployment).filter((c) => PUBLISHES.has(c.action)).map((c) => c.flow);
    const rolling = records.filter((r) => r.rolledBack === undefined && !modules.includes(r.module));
    const changes = stopped.length === 0 && rolling.length > 0 ? await run.changes().catch(() => []) : [];
    const suspect = [...stopped, ...rolling.filter((r) => changes.some((c) => PUBLISHES.has(c.action) && r.waves.some((w) => w.includes(c.flow))))];
    if (suspect.length === 0) return { product: undefined };
    const planned = new Map(portfolio.flows.map((f) => [f.id, f.revision]));
    const inOrg = await run
      .connection()
      .then((c) => readRolloutsInOrg(c.api, deployment, releases.history, new Set(suspect.map((r) => r.module))))
      .catch((e: Error) => e);
    if (inOrg instanceof Error && stopped.length === 0) return { notes: [{ level: "warn", text: `what the org runs of the rollouts in waves could not be read (${inOrg.message}): a stopped run is not judged` }], product: undefined };
    const of = (m: string) => (inOrg instanceof Error ? undefined : inOrg.find((x) => x.module === m));
    const refused = suspect.filter((r) => stopped.includes(r) || of(r.module)?.moduleContent !== planned.get(r.module));
    if (refused.length === 0) return { product: undefined };
    const text = refused.map((r) => {
      const why = stopped.includes(r) ? `a rollback ended its rollout and stopped; this run would go on from a state no release records` : `this run would publish callers of it without publishing it: they would take its published version in the org, which is not the content the run plans (${(planned.get(r.module) ?? "").slice(0, 12)})`;
      const x = of(r.module);
      return [`module ${r.module}: ${why}:`, ...(x ? renderRolloutInOrg(x, "  ") : [`  what the org runs could not be read; the one safe command: genesys-flows rollback --stack ${run.stack} --to ${r.rolledBack!.to}`])].join("\n");
    });
    return { refusal: `a rollout in waves stopped part-way, and the org does not run what the records say:\n${text.join("\n")}`, product: undefined };
  },
};
