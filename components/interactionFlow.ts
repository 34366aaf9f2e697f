// InteractionFlow: a flow of any kind that is not a module (inbound call, email, message,
// in-queue call), generic over the kind: the kind is data in its facts (model/kinds).
import type * as pulumi from "@pulumi/pulumi";
import { FLOW_KINDS } from "../model/kinds";
import { INTERACTION_FLOW_TYPE, LEGACY_CALLER_TYPE } from "../model/facts";
import { PublishedFlow, validatePublishedFlowArgs, type PublishedFlowArgs } from "./publishedFlow";

export type InteractionFlowArgs = PublishedFlowArgs;

/** Checks InteractionFlow args. Exported for testing. */
export function validateInteractionFlowArgs(args: InteractionFlowArgs): void {
  if (args?.facts) {
    const kind = FLOW_KINDS[args.facts.kind];
    if (!kind) throw new Error(`InteractionFlow for ${args.facts.file}: unknown flow kind "${args.facts.kind}"`);
    if (kind.isModule)
      throw new Error(`InteractionFlow for ${args.facts.file}: the flow is a common module; use CommonModule`);
  }
  validatePublishedFlowArgs("InteractionFlow", args);
}

export class InteractionFlow extends PublishedFlow {
  static readonly type = INTERACTION_FLOW_TYPE;
  constructor(name: string, args: InteractionFlowArgs, opts?: pulumi.ComponentResourceOptions) {
    validateInteractionFlowArgs(args);
    super(INTERACTION_FLOW_TYPE, LEGACY_CALLER_TYPE, name, args, opts);
  }
}
