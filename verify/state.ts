// What the stack last deployed, read from `pulumi stack export` (no secrets needed): each
// component's registered facts and revision, and its genesyscloud Flow (Genesys flow id, update
// trigger, and `modified`: when Pulumi last changed the resource, since Pulumi 3.60). Pure parse.
import { carriesFacts } from "../policies/resources";
import { GENESYS_FLOW_TYPE, type FlowFacts } from "../components/facts";
import { FLOW_KINDS } from "../model/kinds";
import { cmp, type DeployedFlow, type StackDeployment } from "./model";

interface ExportedResource {
  urn?: unknown;
  type?: unknown;
  id?: unknown;
  parent?: unknown;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  modified?: unknown;
  delete?: unknown;
}

export class StateError extends Error {}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** Parses the JSON `pulumi stack export` prints. Throws StateError naming what is wrong. */
export function deploymentFromExport(stack: string, exportJson: string): StackDeployment {
  let doc: { deployment?: { resources?: ExportedResource[] } };
  try {
    doc = JSON.parse(exportJson) as typeof doc;
  } catch (e) {
    throw new StateError(`the stack export of "${stack}" is not JSON (${(e as Error).message})`);
  }
  const resources = (doc.deployment?.resources ?? []).filter((r) => r.delete !== true);
  const flowsByParent = new Map<string, ExportedResource>();
  for (const r of resources) {
    const parent = str(r.parent);
    if (r.type === GENESYS_FLOW_TYPE && parent) flowsByParent.set(parent, r);
  }
  const flows: DeployedFlow[] = [];
  for (const r of resources) {
    if (typeof r.type !== "string" || !carriesFacts(r.type)) continue;
    const urn = str(r.urn) ?? "";
    const facts = r.outputs?.facts as FlowFacts | undefined;
    const flow = flowsByParent.get(urn);
    const flowId = str(flow?.id) ?? str(r.outputs?.flowId);
    const revision = str(r.outputs?.revision);
    // A component registered but never completed (a failed first deploy) has no flow to verify.
    if (!facts || typeof facts.id !== "string" || !flowId || !revision) continue;
    const modified = str(flow?.modified);
    const trigger = str(flow?.outputs?.updateTriggerHash) ?? str(flow?.inputs?.updateTriggerHash);
    flows.push({
      id: facts.id,
      file: facts.file,
      kind: facts.kind,
      isModule: FLOW_KINDS[facts.kind]?.isModule ?? false,
      publishedName: facts.publishedName,
      flowId,
      revision,
      calls: (facts.calls ?? []).map((c) => ({ id: c.id, publishedName: c.publishedName })),
      ...(modified ? { modified } : {}),
      ...(trigger ? { updateTriggerHash: trigger } : {}),
    });
  }
  return { stack, flows: flows.sort((a, b) => cmp(a.file, b.file)) };
}
