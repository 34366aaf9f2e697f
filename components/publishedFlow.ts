// The base of the two components: one Architect flow published through the official provider's
// genesyscloud.Flow, wired to the modules it calls. The component only wires: loading, checking
// and compiling happen in the pure planner before any resource is registered.
//
// Why outputs and not names: a flow that calls modules takes the module components and feeds
// their revisions into its own `updateTriggerHash`. The engine then creates modules first,
// deletes callers first, and republishes a caller exactly when a module it calls (directly or
// through other modules) changes, since Genesys snapshots a module into each caller at publish.
import * as pulumi from "@pulumi/pulumi";
import * as genesyscloud from "@pulumi/genesyscloud";
import { encodeRegisteredFacts, registeredFacts, type FlowFacts, type ModuleOrgFacts } from "../model/facts";
import { moduleTrigger } from "../planner/revisions";

export interface PublishedFlowArgs {
  /** Plain, known facts about the flow, read by the policy pack during preview. */
  facts: FlowFacts;
  /**
   * Path of the compiled Archy with the stack's substitutions applied, relative to the project
   * root. The provider hashes this file to detect changes, so the path should be stable across
   * machines.
   */
  compiledFile: string;
  /** SHA-256 of the flow's published content and of the modules it calls (planner/portfolio.ts). */
  revision: string;
  /** SHA-256 of the flow's own published content (registered: the review tells a content change from a module's, diff/deployPlan.ts). */
  contentRevision?: string;
  /**
   * A caller a module's rollout in waves holds (planner/waves/wavePlan.ts): it keeps the update trigger it was
   * last published with, so the provider does not republish it and it keeps running the module
   * version Genesys snapshotted into it; `revision` is then the one it was deployed with. Default: none.
   */
  held?: { updateTriggerHash: string; moduleRevisions?: Readonly<Record<string, string>> };
  /** The module components this flow calls directly. Default: none. */
  modules?: readonly PublishedFlowLike[];
  /** The org objects of the stack it names (queues, ...): created (or adopted) before its publish. Default: none. */
  objects?: readonly pulumi.Resource[];
  /** Modules: what the org said about its callers outside the stack (registered as an output only). */
  outsideCallers?: ModuleOrgFacts;
  /**
   * The id of a flow already in the org that this component takes over (Pulumi's `import`): the
   * engine reads it into the state instead of creating a flow, then updates it in place. Pulumi
   * skips the import once the flow is in the state with this id, so it may stay. Default: none.
   */
  adopt?: string;
  /**
   * With `adopt`: the flow is as it was adopted and the stack never published it, so the component
   * reads it (Pulumi's `get`: no write) instead of managing it; the first change registers it with
   * `import` and publishes it (planner/adoption.ts says why and when). Default: false.
   */
  asAdopted?: boolean;
  /**
   * Leave the flow in the org when the component is deleted (the stack destroyed, the file
   * removed): Pulumi's `retainOnDelete`, for an adopted flow, which was there before the stack.
   * Default: false.
   */
  retainOnDelete?: boolean;
  /**
   * The key this component's claims at the org carry (ownership/claim.ts: a later run knows its own
   * claims by it), registered before the flow is created; kept as the state records it. Default: none.
   */
  claimKey?: string;
  /** The run's guard, bound to the flow the stack manages (components/flowGuard.ts). Default: none. */
  hooks?: pulumi.ResourceHookBinding;
}

/** What a caller needs from a module component. */
export interface PublishedFlowLike {
  readonly flow: genesyscloud.Flow;
  /** The module's revision, known only once its flow exists (that orders callers after it). */
  readonly revision: pulumi.Output<string>;
  readonly facts: FlowFacts;
}

/**
 * Checks args before anything is registered. Exported for testing.
 * Throws an error naming the flow file and the argument at fault.
 */
export function validatePublishedFlowArgs(component: string, args: PublishedFlowArgs): void {
  const where = `${component} for ${args?.facts?.file ?? "(no file)"}`;
  if (!args?.facts?.publishedName) throw new Error(`${where}: 'facts.publishedName' is required`);
  if (args.facts.nameKept !== true && !args.facts.publishedName.startsWith(args.facts.namePrefix)) {
    throw new Error(
      `${where}: published name "${args.facts.publishedName}" must start with the stack prefix "${args.facts.namePrefix}"`,
    );
  }
  if (!args.compiledFile) throw new Error(`${where}: 'compiledFile' is required`);
  if (!/^[0-9a-f]{64}$/.test(args.revision)) throw new Error(`${where}: 'revision' must be a SHA-256 hex digest`);
  if (args.adopt !== undefined && !/^[A-Za-z0-9-]{1,64}$/.test(args.adopt))
    throw new Error(`${where}: 'adopt' must be a Genesys flow id, found ${JSON.stringify(args.adopt)}`);
  const given = (args.modules ?? []).map((m) => m.facts.id).sort();
  const expected = args.facts.calls.map((c) => c.id).sort();
  if (given.join("\n") !== expected.join("\n")) {
    throw new Error(
      `${where}: 'modules' (${given.join(", ") || "none"}) must be the modules the flow calls (${expected.join(", ") || "none"})`,
    );
  }
}

export abstract class PublishedFlow extends pulumi.ComponentResource {
  /** The published flow (the official provider's resource). */
  readonly flow: genesyscloud.Flow;
  readonly flowId: pulumi.Output<string>;
  readonly flowName: pulumi.Output<string>;
  /** This flow's revision, known once its flow exists: callers use it as their update trigger. */
  readonly revision: pulumi.Output<string>;
  readonly facts: FlowFacts;

  protected constructor(
    type: string,
    legacyType: string,
    name: string,
    args: PublishedFlowArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    // The registered inputs: what only the component says (its small facts, the modules it calls,
    // what it adopts). Not the flow model: the registered outputs carry it, for the policy pack.
    // Not what its Flow holds (the compiled file; the revision drives the
    // Flow's update trigger and is an output here): a republish, of its own content or for a
    // module it calls, is then an update of the Flow alone, the component staying the same step.
    // The file backend writes the whole checkpoint twice per update step (pulumi/pulumi#10960):
    // two writes fewer per republished flow. What the org said is an output only: the org
    // changing alone does not change the stack.
    const { outsideCallers: _outputOnly, facts, compiledFile: _flowsFile, revision: _anOutput, ...flowOnly } = args;
    const { contentRevision: _output, held: _trigger, hooks: _flowsHooks, objects: _flowsOrder, ...rest } = flowOnly;
    const { model: _inOutputsOnly, ...smallFacts } = facts;
    super(
      type,
      name,
      { ...rest, facts: encodeRegisteredFacts(smallFacts) },
      { ...opts, aliases: [...(opts?.aliases ?? []), { type: legacyType }] },
    );
    this.facts = args.facts;
    const modules = args.modules ?? [];
    const after = [...modules.map((m) => m.flow), ...(args.objects ?? [])];
    this.flow =
      args.asAdopted === true && args.adopt !== undefined
        ? // The org runs this flow as the files say: read it, publish nothing. Ordered after the
          // modules it calls like a managed flow, so a later change publishes in the same order.
          genesyscloud.Flow.get(name, args.adopt, undefined, { parent: this, dependsOn: after })
        : this.managedFlow(name, args, modules, after);
    this.flowId = this.flow.id;
    this.flowName = this.flow.name;
    this.revision = pulumi.all([this.flow.id, args.revision]).apply(([, revision]) => revision);
    this.registerOutputs({
      // Stack policies see registered outputs: the full facts let them check the whole portfolio
      // (the model as one gzipped JSON text, model/facts.ts registeredFacts; the facts as one JSON
      // text, encodeRegisteredFacts, as in the inputs).
      facts: encodeRegisteredFacts(registeredFacts(args.facts)),
      flowId: this.flowId,
      flowName: this.flowName,
      revision: args.revision,
      ...(modules.length > 0 ? { moduleRevisions: registeredModuleRevisions(modules, args.held) } : {}),
      ...(args.contentRevision !== undefined ? { contentRevision: args.contentRevision } : {}),
      ...(args.outsideCallers ? { outsideCallers: args.outsideCallers } : {}),
    });
  }

  /** The flow the stack manages: published through the provider, republished when it changes. */
  private managedFlow(
    name: string,
    args: PublishedFlowArgs,
    modules: readonly PublishedFlowLike[],
    after: pulumi.Resource[],
  ): genesyscloud.Flow {
    return new genesyscloud.Flow(
      name,
      {
        // The Flow's inputs are exactly what its revision covers (planner/portfolio.ts), so the
        // planner's "changed" and the engine's "update" are the same set: the name, the file (its
        // hash is the contentRevision: substitutions are applied in it) and, for a caller, the
        // trigger from the revisions of the modules it calls. No `substitutions` (a key the flow
        // does not use would update it) and no `forceUnlock` (an operational setting: the
        // program's guard breaks a lock it may break, components/flowGuard.ts).
        // Always explicit: an auto-name would differ from the name read back, a permanent diff.
        name: args.facts.publishedName,
        filepath: args.compiledFile,
        // The provider republishes when this changes (its own content is tracked by the file
        // hash). Being an output of the modules' flows, it also orders this flow after them.
        // A held caller keeps the trigger it was published with (still ordered after the modules).
        ...(modules.length > 0
          ? {
              updateTriggerHash: args.held
                ? pulumi.all(modules.map((m) => m.revision)).apply(() => args.held!.updateTriggerHash)
                : pulumi.all(modules.map((m) => m.revision)).apply((rs) => moduleTrigger(rs)),
            }
          : {}),
      },
      {
        parent: this,
        dependsOn: after,
        ...(args.adopt !== undefined ? { import: args.adopt } : {}),
        ...(args.retainOnDelete === true ? { retainOnDelete: true } : {}),
        ...(args.hooks !== undefined ? { hooks: args.hooks } : {}),
        // Genesys publishes by name, so a new name is a new flow with a new id; the provider sets
        // that id in its update, but the engine keeps a resource's id from its create, and the
        // stack would go on tracking the old flow. Replacing it instead gives the new id to what
        // routes to the flow (an IVR config is re-pointed) and deletes the old flow after them.
        replaceOnChanges: ["name"],
      },
    );
  }
}

/** The module revisions a flow runs, in the order of its calls: a held caller's as last deployed (when the state had them). */
function registeredModuleRevisions(
  modules: readonly PublishedFlowLike[],
  held: PublishedFlowArgs["held"],
): pulumi.Input<string[]> | undefined {
  if (!held) return pulumi.all(modules.map((m) => m.revision));
  const recorded = held.moduleRevisions;
  if (!recorded || modules.some((m) => recorded[m.facts.id] === undefined)) return undefined;
  return modules.map((m) => recorded[m.facts.id]);
}
