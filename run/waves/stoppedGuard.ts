// Guard: a rollback, `rollout next` or wave `up` that stopped (docs/waves.md, "After a stop"): the record says what it asked
// (a rollback's end written before any publish: recordsFirst), the org how far it got (run/waves/inOrg.ts). Refused, naming
// both and the one safe command: any run but a rollback while a rollback stopped unrecorded (`rollout resume` ends that), or
// one publishing callers without the module while the org's module is not the content it plans.
import { PUBLISHES, flowChanges, plannedRunFlows } from "../flowChanges";
import { readRolloutsInOrg } from "./inOrg";
import { renderRolloutInOrg, stoppedRollback } from "../../planner/waves/rolloutInOrg";
import type { Guard } from "../guards/guard";
import type { StackRun } from "../stackRun";
import type { WavePlan } from "../../planner/waves/wavePlan";
import { runChanges } from "../changes";

export const stoppedRolloutGuard: Guard<"stoppedRollouts", undefined> = {
  name: "stoppedRollouts",
  description: "a rollback or a wave that stopped: what the org runs against the rollout's record",
  onPreview: true,
  async decide(run) {
    const { deployment, releases } = await run.state();
    const records = deployment.waves ?? [];
    const stopped = records.filter((r) => stoppedRollback(r, releases.history) !== undefined);
    if (run.source.rollbackOf !== undefined) {
      return {
        notes: stopped.map((r) => ({
          level: "info" as const,
          text: `this rollback takes module ${r.module} and its callers to one release again, after the rollback to ${r.rolledBack!.to} that stopped (by ${r.rolledBack!.by} at ${r.rolledBack!.at})`,
        })),
        product: undefined,
      };
    }
    if (records.length === 0) return { product: undefined };
    const portfolio = run.portfolio();
    const modules = flowChanges(plannedRunFlows(portfolio, deployment), deployment)
      .filter((c) => PUBLISHES.has(c.action))
      .map((c) => c.flow);
    const rolling = records.filter((r) => r.rolledBack === undefined && !modules.includes(r.module));
    const changes = stopped.length === 0 && rolling.length > 0 ? await runChanges(run).catch(() => []) : [];
    const suspect = [
      ...stopped,
      ...rolling.filter((r) => changes.some((c) => PUBLISHES.has(c.action) && r.waves.some((w) => w.includes(c.flow)))),
    ];
    if (suspect.length === 0) return { product: undefined };
    const planned = new Map(portfolio.flows.map((f) => [f.id, f.revision]));
    const inOrg = await run
      .connection()
      .then((c) => readRolloutsInOrg(c.api, deployment, releases.history, new Set(suspect.map((r) => r.module))))
      .catch((e: Error) => e);
    if (inOrg instanceof Error && stopped.length === 0)
      return {
        notes: [
          {
            level: "warn",
            text: `what the org runs of the rollouts in waves could not be read (${inOrg.message}): a stopped run is not judged`,
          },
        ],
        product: undefined,
      };
    const of = (m: string) => (inOrg instanceof Error ? undefined : inOrg.find((x) => x.module === m));
    const refused = suspect.filter((r) => stopped.includes(r) || of(r.module)?.moduleContent !== planned.get(r.module));
    if (refused.length === 0) return { product: undefined };
    const text = refused.map((r) => {
      const why = stopped.includes(r)
        ? `a rollback ended its rollout and stopped; this run would go on from a state no release records`
        : `this run would publish callers of it without publishing it: they would take its published version in the org, which is not the content the run plans (${(planned.get(r.module) ?? "").slice(0, 12)})`;
      const x = of(r.module);
      return [
        `module ${r.module}: ${why}:`,
        ...(x
          ? renderRolloutInOrg(x, "  ")
          : [
              `  what the org runs could not be read; the one safe command: genesys-flows rollback --stack ${run.stack} --to ${r.rolledBack!.to}`,
            ]),
      ].join("\n");
    });
    return {
      refusal: `a rollout in waves stopped part-way, and the org does not run what the records say:\n${text.join("\n")}`,
      product: undefined,
    };
  },
};

/**
 * The plan's records the program writes first: a rollback's end of a rollout, unless people in the
 * org stop the run at its first change (`people`: their decision, run/guards/index.ts hands it in;
 * then the records as they were).
 */
export async function recordsFirst(
  run: StackRun,
  plan: WavePlan,
  dryRun: boolean,
  people: () => Promise<{ stop: boolean }>,
): Promise<WavePlan> {
  const stops =
    run.source.rollbackOf !== undefined &&
    !dryRun &&
    (await people().then(
      (d) => d.stop,
      () => true,
    ));
  const kept = stops ? ((await run.deployment()).waves ?? []) : [];
  return { ...plan, ended: plan.ended.map((r) => kept.find((k) => k.module === r.module) ?? r) };
}
