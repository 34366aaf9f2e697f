// SharedModule: the stack's common module, published through the official provider's
// genesyscloud.Flow. The component only wires: loading, checking and compiling happen in the
// pure planner (flowSet.ts) before any resource is registered.
import * as pulumi from "@pulumi/pulumi";
import * as genesyscloud from "@pulumi/genesyscloud";
import { SHARED_MODULE_TYPE, type FlowFacts } from "./flowFacts";
import type { CommonModuleFlow } from "./model/schema";

export interface PublishedFlowArgs {
  /** Plain, known facts about the flow, read by the policy pack during preview. */
  facts: FlowFacts;
  /**
   * Path of the compiled Archy template (with `{{placeholders}}`), relative to the project root.
   * The provider hashes this file to detect changes, so the path should be stable across machines.
   */
  compiledFile: string;
  /** `{{key}}` -> value, applied by the provider just before upload. */
  substitutions: Record<string, string>;
  /** SHA-256 of the compiled content with substitutions applied. */
  revision: string;
}

export type SharedModuleArgs = PublishedFlowArgs;

/** Summary of the facts registered as outputs: stack policies see outputs, not inputs. */
export function factsSummary(facts: FlowFacts): Record<string, unknown> {
  return {
    stack: facts.stack,
    environment: facts.environment,
    file: facts.file,
    publishedName: facts.publishedName,
    ...(facts.module ? { module: { publishedName: facts.module.publishedName } } : {}),
  };
}

/**
 * Checks args before anything is registered. Exported for testing.
 * Throws an error naming the flow file and the argument at fault.
 */
export function validatePublishedFlowArgs(kind: string, args: PublishedFlowArgs): void {
  const where = `${kind} for ${args.facts?.file ?? "(no file)"}`;
  if (!args.facts?.publishedName) throw new Error(`${where}: 'facts.publishedName' is required`);
  if (!args.facts.publishedName.startsWith(args.facts.namePrefix)) {
    throw new Error(`${where}: published name "${args.facts.publishedName}" must start with the stack prefix "${args.facts.namePrefix}"`);
  }
  if (!args.compiledFile) throw new Error(`${where}: 'compiledFile' is required`);
  if (!/^[0-9a-f]{64}$/.test(args.revision)) throw new Error(`${where}: 'revision' must be a SHA-256 hex digest`);
}

/** Checks SharedModule args and returns the module model. Exported for testing. */
export function validateSharedModuleArgs(args: SharedModuleArgs): CommonModuleFlow {
  validatePublishedFlowArgs("SharedModule", args);
  if (args.facts.model.kind !== "commonModule") {
    throw new Error(`SharedModule for ${args.facts.file}: the flow is of kind ${args.facts.model.kind}, not commonModule`);
  }
  return args.facts.model;
}

export class SharedModule extends pulumi.ComponentResource {
  static readonly type = SHARED_MODULE_TYPE;
  /** The published common module (the official provider's resource). */
  readonly flow: genesyscloud.Flow;
  readonly flowId: pulumi.Output<string>;
  readonly flowName: pulumi.Output<string>;
  /** SHA-256 of the module's published content; callers republish when it changes. */
  readonly revision: pulumi.Output<string>;
  /** The module's interface, for callers compiled against it. */
  readonly model: CommonModuleFlow;

  constructor(name: string, args: SharedModuleArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before registering anything: bad args never leave a half-registered component.
    const model = validateSharedModuleArgs(args);
    // The args are the component's registered inputs: the policy pack reads `facts` from them.
    super(SHARED_MODULE_TYPE, name, args, opts);
    this.model = model;
    this.flow = new genesyscloud.Flow(
      name,
      {
        // Always explicit: an auto-name would differ from the name read back, a permanent diff.
        name: args.facts.publishedName,
        filepath: args.compiledFile,
        substitutions: args.substitutions,
        forceUnlock: args.facts.forceUnlock,
      },
      { parent: this },
    );
    this.flowId = this.flow.id;
    this.flowName = this.flow.name;
    // Known at preview (computed from the compiled file), but only after the flow resource
    // exists does it flow into callers: that dependency orders module before callers.
    this.revision = pulumi.all([this.flow.id, args.revision]).apply(([, revision]) => revision);
    this.registerOutputs({
      facts: factsSummary(args.facts),
      flowId: this.flowId,
      flowName: this.flowName,
      revision: args.revision,
    });
  }
}
