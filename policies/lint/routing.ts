// Lint over routing/: the routing checks (checks/routing.ts, through the routing planner's
// checkRouting, the one implementation the stack program and the policy pack run too) with the
// stack's routing values, or the files as declared without a stack. The flows they are checked
// against are the ones the lint's pipeline selected; a routing file that does not load is rule
// routing-load-error. Pure: the caller reads the files.
import { stackFileName } from "../../model/stackFile";
import { flowGroupReferencesOf, type OrgDidPool, type OrgIvr } from "../../checks/routing";
import type { Finding } from "../../checks/finding";
import { checkRouting, NO_STACK_ROUTING, orgIvrFacts, routingFlowsOf } from "../../planner/routing";
import type { FlowSource, PipelineResult } from "../../planner/pipeline";
import type { StackSettings } from "../../planner/stackSettings";

export const ROUTING_LOAD_ERROR_RULE = "routing-load-error";

export interface RoutingLintInput {
  /** The routing files (project/routingFiles.ts). */
  sources: readonly FlowSource[];
  /** With --org: the org's IVR configs (all of them; those the stack manages are told apart here). */
  orgIvrs?: readonly OrgIvr[];
  /** With --org: the org's DID pools, when they could be read (routing-unheld-numbers). */
  orgDidPools?: readonly OrgDidPool[];
}

/**
 * The routing findings of a lint. `orgRead`: lint --org read the org, so a group a flow names is
 * the org-reference check's (it knows whether the org has it), not the advisory routing-flow-groups.
 */
export function lintRouting(
  input: RoutingLintInput,
  result: PipelineResult,
  stack: { name: string; settings: StackSettings } | undefined,
  orgRead: boolean,
): Finding[] {
  const settings = stack?.settings ?? NO_STACK_ROUTING;
  const base = {
    settings,
    sources: input.sources,
    flows: routingFlowsOf(result),
    stackFile: stack ? stackFileName(stack.name) : "",
  };
  const flowGroups = !orgRead && result.checkInput ? flowGroupReferencesOf(result.checkInput.flows) : undefined;
  let checked = checkRouting({ ...base, ...(flowGroups ? { flowGroups } : {}) });
  // As the stack program does: which org IVR configs are the stack's own is known once the objects are.
  if (input.orgIvrs !== undefined && checked.issues.length === 0) {
    checked = checkRouting({
      ...base,
      unmanagedIvrs: orgIvrFacts(checked.objects, input.orgIvrs).unmanaged,
      ...(input.orgDidPools ? { orgDidPools: input.orgDidPools } : {}),
    });
  }
  return [...checked.issues.map((i) => ({ ...i, ruleId: ROUTING_LOAD_ERROR_RULE })), ...checked.findings];
}
