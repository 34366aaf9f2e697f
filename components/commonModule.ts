// CommonModule: a common module of the portfolio. It may call other modules (compiled in place,
// see model/nodes/subflow.ts), so it takes their components like any caller does.
import type * as pulumi from "@pulumi/pulumi";
import { FLOW_KINDS } from "../model/kinds";
import { COMMON_MODULE_TYPE, LEGACY_MODULE_TYPE } from "../model/facts";
import { PublishedFlow, validatePublishedFlowArgs, type PublishedFlowArgs } from "./publishedFlow";

export type CommonModuleArgs = PublishedFlowArgs;

/** Checks CommonModule args. Exported for testing. */
export function validateCommonModuleArgs(args: CommonModuleArgs): void {
  if (args?.facts && !FLOW_KINDS[args.facts.kind]?.isModule) {
    throw new Error(
      `CommonModule for ${args.facts.file}: the flow is of kind ${args.facts.kind}, not a common module; use InteractionFlow`,
    );
  }
  validatePublishedFlowArgs("CommonModule", args);
}

export class CommonModule extends PublishedFlow {
  static readonly type = COMMON_MODULE_TYPE;
  constructor(name: string, args: CommonModuleArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before registering anything: bad args never leave a half-registered component.
    validateCommonModuleArgs(args);
    super(COMMON_MODULE_TYPE, LEGACY_MODULE_TYPE, name, args, opts);
  }
}
