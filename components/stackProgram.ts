// The stack program's wiring: one component per flow of a planned portfolio, modules first, each
// flow given the components of the modules it calls. Everything that can fail on user input
// (settings, flow files, substitutions) fails in the planner, before the first resource is
// registered, so nothing is ever half deployed.
import * as fs from "node:fs";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import type * as genesyscloud from "@pulumi/genesyscloud";
import type { Portfolio, PlannedFlow } from "../planner/portfolio";
import { publisherOf } from "../planner/publishers";
import { readsAdoptedFlow, type FlowInState } from "../planner/adoption";
import type { OrgFacts } from "../verify/orgFacts";
import type { FlowFacts, ModuleOrgFacts } from "../model/facts";
import { CommonModule } from "./commonModule";
import { InteractionFlow } from "./interactionFlow";
import type { PublishedFlow } from "./publishedFlow";
import { recordOf, staysInProgress, type WavePlan } from "../planner/waves/wavePlan";
import { WaveRollout } from "./waveRollout";

export interface StackProgramOptions {
  portfolio: Portfolio;
  /**
   * Explicit providers, all with the stack's configuration: each flow publishes through the one
   * planner/publishers.ts picks (one provider: every flow). None: the default provider (configured
   * by environment).
   */
  providers?: genesyscloud.Provider[];
  /** Writes a compiled flow (substitutions applied); by default to its path under the working directory. */
  writeCompiled?: (relativePath: string, text: string) => void;
  /** What the org said about the stack's modules before this run (read by the run when a deployed module changes). */
  orgFacts?: OrgFacts;
  /** What the stack's state holds for each flow, by resource name (absent: nothing); decides whether an adopted flow is only read (planner/adoption.ts). */
  inState?: ReadonlyMap<string, FlowInState>;
  /** The claim key of each flow's component, by resource name (run/stackRun.ts claimKeys). Default: none. */
  claimKeys?: ReadonlyMap<string, string>;
  /** Module rollouts in waves (planner/waves/wavePlan.ts): the callers held on their published version, the records. Default: none. */
  waves?: WavePlan;
  /** The run's guard on every flow the stack manages (components/flowGuard.ts). Default: none. */
  hooks?: pulumi.ResourceHookBinding;
  /** The org objects of the stack (queues, ...) a flow names: its publish waits for them. Default: none. */
  objectsOf?: (flow: PlannedFlow) => readonly pulumi.Resource[];
}

export interface DeployedFlowSummary {
  id: string;
  file: string;
  kind: string;
  name: pulumi.Output<string>;
  flowId: pulumi.Output<string>;
  revision: string;
  /** Published names of the modules it calls directly. */
  calls: string[];
}

export interface StackProgramResult {
  components: Map<string, PublishedFlow>;
  summary: DeployedFlowSummary[];
}

/** Writes a compiled template where the provider reads it, only when its content changed. */
export function writeCompiledFile(relativePath: string, text: string): void {
  const target = path.resolve(relativePath);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Write only when the content differs: same input, same file, same provider hash.
  if (fs.existsSync(target) && fs.readFileSync(target, "utf8") === text) return;
  const tmp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, target);
}

const flowsByIdOf = new WeakMap<Portfolio, Map<string, PlannedFlow>>();

/** The portfolio's flows by id, built once per portfolio (factsOf runs once per flow). */
function flowsById(portfolio: Portfolio): Map<string, PlannedFlow> {
  let byId = flowsByIdOf.get(portfolio);
  if (!byId) {
    byId = new Map(portfolio.flows.map((f) => [f.id, f]));
    flowsByIdOf.set(portfolio, byId);
  }
  return byId;
}

/** The plain facts a component carries for the policy pack. Pure. */
export function factsOf(portfolio: Portfolio, plan: PlannedFlow): FlowFacts {
  const byId = flowsById(portfolio);
  return {
    stack: portfolio.stack,
    environment: portfolio.settings.environment,
    namePrefix: portfolio.settings.namePrefix,
    forceUnlock: portfolio.settings.forceUnlock,
    ...(portfolio.settings.skipOrgReferenceCheck !== undefined
      ? { skipOrgReferenceCheck: portfolio.settings.skipOrgReferenceCheck }
      : {}),
    id: plan.id,
    file: plan.file,
    kind: plan.model.kind,
    publishedName: plan.publishedName,
    ...(portfolio.settings.flows[plan.id]?.name !== undefined ? { nameKept: true as const } : {}),
    model: plan.substitutedModel,
    calls: plan.calls.map((id) => {
      const m = byId.get(id)!;
      return { id, name: m.substitutedModel.name, publishedName: m.publishedName };
    }),
    substitutionKeys: Object.keys(plan.substitutions).sort(),
  };
}

/** A module's outside callers per the org facts, and whether this run changes the module. Pure. */
export function outsideCallersOf(plan: PlannedFlow, facts: OrgFacts | undefined): { outsideCallers?: ModuleOrgFacts } {
  const m = facts?.modules[plan.id];
  if (!facts || !m) return {};
  return {
    outsideCallers: {
      changes: m.deployedRevision !== plan.revision,
      ...(m.publishedVersion ? { publishedVersion: m.publishedVersion } : {}),
      target: facts.target,
      dependencyTracking: facts.dependencyTracking,
      callers: m.outsideCallers.map((c) => ({ ...c })),
    },
  };
}

export function deployPortfolio(options: StackProgramOptions): StackProgramResult {
  const { portfolio } = options;
  const write = options.writeCompiled ?? writeCompiledFile;
  const providers = options.providers ?? [];
  const providerOpts = (flowId: string): pulumi.ComponentResourceOptions =>
    providers.length > 0 ? { providers: [providers[publisherOf(flowId, providers.length)]] } : {};
  const components = new Map<string, PublishedFlow>();
  // Rollout records first: the engine writes them before any flow publishes, so a wave or a
  // rollback that stops half-way is still on record (a rollback's end of a rollout included: the
  // org says how far it got, run/waves/stoppedGuard.ts). A run that starts the last wave records
  // none (nothing is held after it).
  for (const r of options.waves?.rollouts ?? []) if (staysInProgress(r)) new WaveRollout(recordOf(r));
  for (const record of options.waves?.ended ?? []) new WaveRollout(record);
  // The planner orders modules before the flows that call them.
  for (const plan of portfolio.flows) {
    // The file the provider publishes, with the stack's substitutions already applied: its hash
    // (the provider's file_content_hash) is then exactly the planner's contentRevision, and the Flow
    // needs no substitutions input, so a substitution the flow does not use never updates it.
    write(plan.compiledPath, plan.substitutedYaml);
    const held = options.waves?.held.get(plan.id);
    const args = {
      facts: factsOf(portfolio, plan),
      compiledFile: plan.compiledPath,
      revision: held?.revision ?? plan.revision,
      contentRevision: plan.contentRevision,
      ...(held
        ? {
            held: {
              updateTriggerHash: held.updateTriggerHash,
              ...(held.moduleRevisions ? { moduleRevisions: held.moduleRevisions } : {}),
            },
          }
        : {}),
      modules: plan.calls.map((id) => components.get(id)!),
      ...(options.objectsOf ? { objects: options.objectsOf(plan) } : {}),
      ...(plan.kind.isModule ? outsideCallersOf(plan, options.orgFacts) : {}),
      ...(plan.adopt !== undefined ? { adopt: plan.adopt } : {}),
      ...(readsAdoptedFlow(plan, options.inState?.get(plan.resourceName) ?? "absent") ? { asAdopted: true } : {}),
      ...(plan.retainOnDelete ? { retainOnDelete: true } : {}),
      ...(options.claimKeys?.has(plan.resourceName) ? { claimKey: options.claimKeys.get(plan.resourceName) } : {}),
      ...(options.hooks !== undefined ? { hooks: options.hooks } : {}),
    };
    const component = plan.kind.isModule
      ? new CommonModule(plan.resourceName, args, providerOpts(plan.id))
      : new InteractionFlow(plan.resourceName, args, providerOpts(plan.id));
    components.set(plan.id, component);
  }
  const summary = portfolio.flows.map((plan) => {
    const c = components.get(plan.id)!;
    return {
      id: plan.id,
      file: plan.file,
      kind: plan.model.kind,
      name: c.flowName,
      flowId: c.flowId,
      revision: options.waves?.held.get(plan.id)?.revision ?? plan.revision,
      calls: plan.calls.map((id) => components.get(id)!.facts.publishedName),
    };
  });
  return { components, summary };
}
