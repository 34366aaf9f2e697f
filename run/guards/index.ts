// The registry of the run's guards: each one file beside this one (run/guards/guard.ts says what a
// guard is), registered once here, in the order they decide. Adding a guard is adding its file and
// one line below (an architecture test holds it: no other production file names a guard). The
// program (components/program.ts) asks for every decision before it registers anything, throws
// the first refusal once, logs every note, and binds every guard's hooks to every flow and routing
// object (components/flowGuard.ts).
import type { StackRun } from "../stackRun";
import type { StackDeployment } from "../../org/model";
import type { Guard, GuardHooks, GuardNote, GuardOutput } from "./guard";
import { versionsGuard } from "./versions";
import { ownershipGuard } from "../ownership/guard";
import { orgNameTwinsGuard } from "../ownership/twinsGuard";
import { policyGateGuard } from "./policyGate";
import { recordsFirst as recordsFirstOf, stoppedRolloutGuard } from "../waves/stoppedGuard";
import { waveGateGuard } from "../waves/gateGuard";
import { routingGuard } from "./routingNumbers";
import { orgObjectsGuard } from "../objects/guard";
import { orgReferencesGuard } from "./orgReferences";
import { moduleOrgFactsGuard } from "./moduleOrgFacts";
import { peopleGuard } from "../people/guard";
import { peopleDecision } from "../people/reads";
/** What the program wires with besides the guards' products: the claims' keys, the routing record's evidence. */
export { claimKeys } from "../ownership/claimKeys";
export { routingEvidence } from "../people/reads";
import type { WavePlan } from "../../planner/waves/wavePlan";
import { releaseGuard } from "./releaseRecord";
import { flowClaimGuard } from "../ownership/claimGuard";
import type { ReportPart } from "./reportPart";
import { wavesReport } from "../waves/report";

/**
 * In the order they decide: the versions first (they read nothing), then the org binding (no other
 * read of an org the stack does not belong to); the twins after the wave gate (their change set is
 * the waves', which the gate refuses with its reasons).
 */
export const GUARDS = [
  versionsGuard,
  ownershipGuard,
  policyGateGuard,
  stoppedRolloutGuard,
  waveGateGuard,
  orgNameTwinsGuard,
  routingGuard,
  orgObjectsGuard,
  orgReferencesGuard,
  moduleOrgFactsGuard,
  peopleGuard,
  flowClaimGuard,
  releaseGuard,
] as const;

/** What each feature says in a run's report, in this order (run/guards/reportPart.ts). */
export const REPORTS: readonly ReportPart[] = [wavesReport];

/** Every registered feature's lines for `deployment` (the state after the engine), those with something to say. */
export function reportAccounts(run: StackRun, deployment: StackDeployment): string[] {
  return REPORTS.map((r) => r.account(run, deployment)).filter((text) => text !== "");
}

type Registered = (typeof GUARDS)[number];
type ProductOf<G> = G extends Guard<string, infer P> ? P : never;
/** Every guard's product, by its name. */
export type Products = { [G in Registered as G["name"]]: ProductOf<G> };

export type Decisions =
  | { refusal: string; refusedBy: string; notes: GuardNote[] }
  | { refusal?: undefined; notes: GuardNote[]; products: Products };

/**
 * Every guard's decision for the run, in registry order; the first refusal ends it (a later guard
 * would read an org or a state the refusal says not to trust). `dryRun`: a preview, where guards
 * that decide only for `up` are not asked (their product is undefined).
 */
export async function decideAll(run: StackRun, dryRun: boolean): Promise<Decisions> {
  const notes: GuardNote[] = [];
  const products: Record<string, unknown> = {};
  for (const guard of GUARDS as readonly Guard<string, unknown>[]) {
    if (dryRun && !guard.onPreview) continue;
    const d = await guard.decide(run);
    notes.push(...(d.notes ?? []));
    if (d.refusal !== undefined) return { refusal: d.refusal, refusedBy: guard.description, notes };
    products[guard.name] = d.product;
  }
  return { notes, products: products as Products };
}

/** Every guard's hooks for one run, in registry order. */
export function hooksOf(run: StackRun, output: GuardOutput): GuardHooks[] {
  return (GUARDS as readonly Guard<string, unknown>[]).flatMap((g) => (g.hooks ? [g.hooks(run, output)] : []));
}

/** The records of `plan` the program writes first (run/waves/stoppedGuard.ts), people's decision (run/people/reads.ts) saying whether the run stops. */
export function recordsFirst(run: StackRun, plan: WavePlan, dryRun: boolean): Promise<WavePlan> {
  return recordsFirstOf(run, plan, dryRun, () => peopleDecision(run));
}
