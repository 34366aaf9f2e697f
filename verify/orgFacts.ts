// The org facts file: what the stack program needs to know about the org during a preview, as
// plain data. `npm run preview|up` (and `npm run verify -- --impact --facts-out <file>` in CI)
// write it before pulumi runs and point GENESYS_FLOWS_ORG_FACTS at it; the program hands each
// module's entry to its component, which registers it as plain outputs for the policy pack
// (rule module-outside-callers). Nothing here talks to the org.
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { OrgConsumer, StackDeployment } from "../org/model";

export const ORG_FACTS_ENV = "GENESYS_FLOWS_ORG_FACTS";

export const OutsideCallerFactSchema = z.object({
  flowId: z.string(),
  name: z.string(),
  type: z.string(),
  /** The caller's own published version. */
  version: z.string(),
  /** The module version it runs. */
  moduleVersion: z.string().optional(),
});
export type OutsideCallerFact = z.infer<typeof OutsideCallerFactSchema>;

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
  org: { target: string; dependencyTracking: string; consumers: Readonly<Record<string, OrgConsumer[]>>; publishedVersions: Readonly<Record<string, string>> },
): OrgFacts {
  const stackFlowIds = new Set(deployment.flows.map((f) => f.flowId));
  const modules: OrgFacts["modules"] = {};
  for (const m of deployment.flows.filter((f) => f.isModule)) {
    const published = org.publishedVersions[m.flowId];
    modules[m.id] = {
      flowId: m.flowId,
      ...(published ? { publishedVersion: published } : {}),
      deployedRevision: m.revision,
      outsideCallers: (org.consumers[m.flowId] ?? [])
        .filter((c) => !stackFlowIds.has(c.flowId))
        .map((c) => ({ flowId: c.flowId, name: c.name, type: c.type, version: c.version, ...(c.moduleVersion !== undefined ? { moduleVersion: c.moduleVersion } : {}) })),
    };
  }
  return { formatVersion: 1, stack: deployment.stack, target: org.target, dependencyTracking: org.dependencyTracking, modules };
}

export class OrgFactsError extends Error {}

/** Parses an org facts file; throws OrgFactsError naming the file and what is wrong. */
export function parseOrgFacts(text: string, file: string): OrgFacts {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new OrgFactsError(`${file} (${ORG_FACTS_ENV}): not JSON (${(e as Error).message})`);
  }
  const parsed = OrgFactsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new OrgFactsError(`${file} (${ORG_FACTS_ENV}): not an org facts file: ${parsed.error.issues.map((i) => `${i.path.join(".") || "<root>"}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}

/**
 * The org facts named by GENESYS_FLOWS_ORG_FACTS for `stack`, or undefined when it is not set. A
 * set variable naming a missing, broken or other stack's file is an error: a preview must not
 * silently lose what it was told about the org.
 */
export function readOrgFactsFromEnv(stack: string, env: NodeJS.ProcessEnv = process.env): OrgFacts | undefined {
  const file = env[ORG_FACTS_ENV];
  if (file === undefined || file === "") return undefined;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new OrgFactsError(`${ORG_FACTS_ENV}=${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); write it with npm run verify -- --stack ${stack} --impact --facts-out ${file}, or unset ${ORG_FACTS_ENV}`);
  }
  const facts = parseOrgFacts(text, file);
  if (facts.stack !== stack) throw new OrgFactsError(`${file} (${ORG_FACTS_ENV}) describes stack "${facts.stack}", not "${stack}"; write it for this stack with npm run verify -- --stack ${stack} --impact --facts-out ${file}`);
  return facts;
}
