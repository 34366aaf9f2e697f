// The planner: a stack's portfolio from its flow files and settings, given only the files' text.
// The shared pipeline (pipeline.ts: load, select by stack, the core checks, compile; what lint and
// every other entry point run too) decides whether the stack may be deployed; the planner then
// orders the flows along the module graph (moduleGraph.ts: modules before the flows that call
// them) with revisions that cascade (revisions.ts): a module's revision covers the modules it
// calls, and a caller's trigger covers the modules it calls. Pure: the caller reads the files.
// Every problem of the first stage that has any is collected into one FlowLoadError before
// anything is registered, so nothing is ever half deployed.
import { stackFileName } from "../model/stackFile";
import { FlowLoadError } from "../model/errors";
import { FLOW_KINDS, type FlowKindDescriptor } from "../model/kinds";
import type { FlowModel } from "../model/schema";
import { moduleRevision } from "../compiler";
import { dependencyOrder } from "./moduleGraph";
import { compiledPathOf, resourceNameOf } from "./names";
import { refusals, runPipeline } from "./pipeline";
import { cascadeRevisions } from "./revisions";
import type { StackSettings } from "./stackSettings";
import type { CompiledFlow, FlowSource } from "./pipeline";
import { wavesProblems } from "./waves/wavesChecks";
import type { FlowRef } from "./flowRef";

export type { FlowSource } from "./pipeline";

export interface PlanInput {
  stack: string;
  settings: StackSettings;
  /** Every flow file of the portfolio (the stack's include/exclude globs select among them). */
  sources: readonly FlowSource[];
  /** The stack file's name, for messages (default `Pulumi.<stack>.yaml`). */
  stackFile?: string;
}

export interface PlannedFlow {
  /** Flow id, e.g. `sales` or `billing/after-hours`. */
  id: string;
  /** The flow file, for messages (e.g. `flows/sales.yaml`). */
  file: string;
  kind: FlowKindDescriptor;
  /** The flow model as written (placeholders kept). */
  model: FlowModel;
  /** The model with this stack's substitutions applied (what the policy pack checks). */
  substitutedModel: FlowModel;
  /** Published name: the stack's prefix + the flow's name with substitutions applied. */
  publishedName: string;
  /** The Pulumi resource name of its genesyscloud Flow. */
  resourceName: string;
  /** Where the compiled template is written for the provider, relative to the project root. */
  compiledPath: string;
  /** Compiled Archy with `{{placeholders}}` kept: the file handed to the provider. */
  templateYaml: string;
  /** The same with this flow's substitutions applied, as the provider will publish it. */
  substitutedYaml: string;
  /** This flow's substitutions: the stack's shared ones, overridden by the flow's own. */
  substitutions: Record<string, string>;
  /** Ids of the modules this flow calls directly, sorted. */
  calls: string[];
  /** The node each compiled action was written for, by its path: findings about an action name its node even when action names repeat. */
  actionNodes: Readonly<Record<string, string>>;
  /** SHA-256 (hex) of `substitutedYaml`. */
  contentRevision: string;
  /** SHA-256 of the content and of the revisions of every module it calls (transitively). */
  revision: string;
  /** The org flow this file takes over on the next `up` (the stack's `flows.<id>.adopt`). */
  adopt?: string;
  /** The revision the flow had when it was adopted (`flows.<id>.adoptedRevision`): see planner/adoption.ts. */
  adoptedRevision?: string;
  /**
   * The flow stays in the org when the stack is destroyed or the file removed (Pulumi's
   * `retainOnDelete`): an adopted flow was there before the stack. `flows.<id>.retainOnDelete`.
   */
  retainOnDelete: boolean;
}

export interface Portfolio {
  stack: string;
  settings: StackSettings;
  /** Every deployed flow, modules before the flows that call them (then by id). */
  flows: PlannedFlow[];
}

export function planPortfolio(input: PlanInput): Portfolio {
  const { stack, settings } = input;
  const result = runPipeline({
    sources: input.sources,
    stack: { name: stack, settings, ...(input.stackFile !== undefined ? { stackFile: input.stackFile } : {}) },
  });
  const refused = refusals(result);
  if (refused.length > 0) throw new FlowLoadError(refused);

  const revisions = revisionsOf(result.compiled);
  const planned = result.compiled.map((c) => ({
    id: c.flow.id,
    file: c.flow.file,
    kind: FLOW_KINDS[c.flow.model.kind],
    isModule: c.isModule,
    model: c.flow.model,
    substitutedModel: c.checked.model,
    publishedName: c.checked.displayName,
    resourceName: resourceNameOf(c.flow.id),
    compiledPath: compiledPathOf(stack, c.flow.id),
    templateYaml: c.templateYaml,
    substitutedYaml: c.substitutedYaml,
    substitutions: { ...c.flow.substitutions },
    calls: c.calls,
    actionNodes: c.actionNodes,
    contentRevision: revisions.get(c.flow.id)!.contentRevision,
    ...(settings.flows[c.flow.id]?.adopt !== undefined ? { adopt: settings.flows[c.flow.id].adopt } : {}),
    ...(settings.flows[c.flow.id]?.adoptedRevision !== undefined
      ? { adoptedRevision: settings.flows[c.flow.id].adoptedRevision }
      : {}),
    retainOnDelete: settings.flows[c.flow.id]?.retainOnDelete ?? settings.flows[c.flow.id]?.adopt !== undefined,
  }));
  const flows: PlannedFlow[] = dependencyOrder(planned).map(({ isModule: _isModule, ...f }) => ({
    ...f,
    revision: revisions.get(f.id)!.revision,
  }));
  // The stack's waves must name modules and their callers, each once: refused before anything publishes.
  const badWaves = wavesProblems(flowRefsOf(flows), settings.waves, input.stackFile ?? stackFileName(stack));
  if (badWaves.length > 0) throw new FlowLoadError(badWaves);
  return { stack, settings, flows };
}

/**
 * Each compiled flow's revisions, by id: `contentRevision`, the SHA-256 of what the provider
 * publishes (the substituted Archy), and `revision`, that and the revisions of the modules it calls,
 * transitively (revisions.ts). The program and the review (diff/portfolioDiff.ts) compute them here.
 */
export function revisionsOf(
  compiled: readonly CompiledFlow[],
): Map<string, { contentRevision: string; revision: string }> {
  const content = compiled.map((c) => ({
    id: c.flow.id,
    calls: c.calls,
    isModule: c.isModule,
    contentRevision: moduleRevision(c.substitutedYaml),
  }));
  const cascaded = cascadeRevisions(content);
  return new Map(content.map((c) => [c.id, { contentRevision: c.contentRevision, revision: cascaded.get(c.id)! }]));
}

/** The flows as the readers of a plan see them (planner/flowRef.ts). */
export function flowRefsOf(flows: readonly PlannedFlow[]): FlowRef[] {
  return flows.map((f) => ({
    id: f.id,
    file: f.file,
    isModule: f.kind.isModule,
    publishedName: f.publishedName,
    calls: f.calls,
    contentRevision: f.contentRevision,
    revision: f.revision,
  }));
}
