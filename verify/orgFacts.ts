// The org facts: what the stack program needs to know about the org during a preview, as plain
// data: the program reads them (run/verifyStack.ts stackImpact) when a module the stack deployed
// changes and hands each module's entry to its component, which registers it as plain outputs for
// the policy pack (rule module-outside-callers). Nothing here talks to the org.
import { z } from "zod";
import { reportedConsumer, type OrgConsumer, type StackDeployment } from "../org/model";

export const OutsideCallerFactSchema = z.object({
  flowId: z.string(),
  name: z.string(),
  type: z.string(),
  /** The caller's own published version. */
  version: z.string(),
  /** The module version it runs. */
  moduleVersion: z.string().optional(),
});

export const ModuleOrgFactsSchema = z.object({
  flowId: z.string(),
  publishedVersion: z.string().optional(),
  /** The revision the stack last deployed: the module changes when the plan's differs. */
  deployedRevision: z.string(),
  outsideCallers: z.array(OutsideCallerFactSchema),
});
export type ModuleOrgFacts = z.infer<typeof ModuleOrgFactsSchema>;

export const OrgFactsSchema = z
  .object({
    formatVersion: z.literal(1),
    stack: z.string(),
    /** Where the org was read, for messages. */
    target: z.string(),
    dependencyTracking: z.string(),
    /** By module flow id (path under flows/). */
    modules: z.record(z.string(), ModuleOrgFactsSchema),
  })
  .strict();
export type OrgFacts = z.infer<typeof OrgFactsSchema>;

/** The facts of a stack's deployed modules: their outside callers per the org's consumers. */
export function orgFactsOf(
  deployment: StackDeployment,
  org: {
    target: string;
    dependencyTracking: string;
    consumers: Readonly<Record<string, OrgConsumer[]>>;
    publishedVersions: Readonly<Record<string, string>>;
  },
): OrgFacts {
  const stackFlowIds = new Set(deployment.flows.map((f) => f.flowId));
  const modules: OrgFacts["modules"] = {};
  for (const m of deployment.flows.filter((f) => f.isModule)) {
    const published = org.publishedVersions[m.flowId];
    modules[m.id] = {
      flowId: m.flowId,
      ...(published ? { publishedVersion: published } : {}),
      deployedRevision: m.revision,
      outsideCallers: (org.consumers[m.flowId] ?? []).filter((c) => !stackFlowIds.has(c.flowId)).map(reportedConsumer),
    };
  }
  return {
    formatVersion: 1,
    stack: deployment.stack,
    target: org.target,
    dependencyTracking: org.dependencyTracking,
    modules,
  };
}
