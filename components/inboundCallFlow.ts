// InboundCallFlow: one inbound call flow that calls the stack's SharedModule. It consumes the
// module's outputs, so the engine creates the module first, deletes callers first, and
// republishes every caller when the module's published content changes (Genesys snapshots
// the module into each caller at publish time) and nothing when nothing changed.
import * as pulumi from "@pulumi/pulumi";
import * as genesyscloud from "@pulumi/genesyscloud";
import { INBOUND_CALL_FLOW_TYPE } from "./flowFacts";
import { factsSummary, validatePublishedFlowArgs, type PublishedFlowArgs, type SharedModule } from "./sharedModule";

export interface InboundCallFlowArgs extends PublishedFlowArgs {
  /** The module this flow calls. */
  module: SharedModule;
}

/** Checks args before anything is registered. Exported for testing. */
export function validateInboundCallFlowArgs(args: InboundCallFlowArgs): void {
  validatePublishedFlowArgs("InboundCallFlow", args);
  const where = `InboundCallFlow for ${args.facts.file}`;
  if (args.facts.model.kind !== "inboundCall") {
    throw new Error(`${where}: the flow is of kind ${args.facts.model.kind}, not inboundCall`);
  }
  if (!args.facts.module) throw new Error(`${where}: 'facts.module' (the module it was compiled against) is required`);
  if (!args.module) throw new Error(`${where}: 'module' (the SharedModule) is required`);
}

export class InboundCallFlow extends pulumi.ComponentResource {
  static readonly type = INBOUND_CALL_FLOW_TYPE;
  /** The published inbound call flow (the official provider's resource). */
  readonly flow: genesyscloud.Flow;
  readonly flowId: pulumi.Output<string>;
  readonly flowName: pulumi.Output<string>;
  /** SHA-256 of this flow's published content. */
  readonly revision: string;
  /** The module revision this flow was last published against. */
  readonly moduleRevision: pulumi.Output<string>;

  constructor(name: string, args: InboundCallFlowArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before registering anything: bad args never leave a half-registered component.
    validateInboundCallFlowArgs(args);
    super(INBOUND_CALL_FLOW_TYPE, name, args, opts);
    this.revision = args.revision;
    this.moduleRevision = args.module.revision;
    this.flow = new genesyscloud.Flow(
      name,
      {
        name: args.facts.publishedName,
        filepath: args.compiledFile,
        substitutions: args.substitutions,
        forceUnlock: args.facts.forceUnlock,
        // The provider republishes when this changes (its own content is tracked by the file
        // hash). Being an output of the module's flow, it also orders this flow after it.
        updateTriggerHash: args.module.revision,
      },
      { parent: this, dependsOn: [args.module.flow] },
    );
    this.flowId = this.flow.id;
    this.flowName = this.flow.name;
    this.registerOutputs({
      facts: factsSummary(args.facts),
      flowId: this.flowId,
      flowName: this.flowName,
      revision: args.revision,
      moduleRevision: this.moduleRevision,
    });
  }
}
