// The rule `module-outside-callers`: a module this deployment changes is called by flows outside
// the stack (made in Architect, or owned by another stack). Genesys snapshots a module into each
// caller at publish, so those callers keep the version they run until someone republishes them;
// the stack republishes only its own. It reads what the org said before the run, registered by
// each module component as its plain `outsideCallers` output (model/facts.ts), so it runs
// during preview. Advisory unless a stack's policy config makes it mandatory.
import type { Finding } from "../checks";
import type { ModuleOrgFacts } from "../model/facts";
import { ModuleGraph } from "../planner/moduleGraph";
import { typeLabel } from "../org/model";
import { isUnknown, read, type ComponentFacts, type StackResource } from "./resources";

export interface OutsideCallersResult {
  findings: Array<Finding & { urn: string }>;
  /** Why the rule could not run (the org was not read); never fails. */
  notes: string[];
}

/** Published names of the stack's flows reaching `moduleId` (directly or through modules), sorted. */
function dependents(moduleId: string, components: readonly ComponentFacts[]): string[] {
  const graph = new ModuleGraph(
    components.map((c) => ({
      id: c.facts.id,
      calls: (c.facts.calls ?? []).map((m) => m.id),
      isModule: c.facts.kind === "commonModule",
    })),
  );
  const reaching = new Set(graph.dependents(moduleId));
  return components
    .filter((c) => reaching.has(c.facts.id))
    .map((c) => c.facts.publishedName)
    .sort();
}

export function checkOutsideCallers(
  components: readonly ComponentFacts[],
  resources: readonly StackResource[],
): OutsideCallersResult {
  const findings: OutsideCallersResult["findings"] = [];
  const propsOf = new Map(resources.map((r) => [r.urn, r.props]));
  const modules = components.filter((c) => c.facts.kind === "commonModule");
  let read_ = 0;
  for (const m of modules) {
    const value = read(propsOf.get(m.urn), ["outsideCallers"]);
    if (value === undefined || isUnknown(value)) continue;
    read_++;
    const org = value as ModuleOrgFacts;
    if (!org.changes || !Array.isArray(org.callers) || org.callers.length === 0) continue;
    const callers = org.callers
      .map(
        (c) =>
          `"${c.name}" (${typeLabel(c.type)}, flow id ${c.flowId}, version ${c.version}${c.moduleVersion ? `, runs module version ${c.moduleVersion}` : ""})`,
      )
      .join(", ");
    const republished = dependents(m.facts.id, components);
    findings.push({
      ruleId: "module-outside-callers",
      file: m.facts.file,
      flow: m.facts.publishedName,
      message:
        `the module changes in this deployment, and ${org.callers.length} flow${org.callers.length === 1 ? "" : "s"} outside this stack call${org.callers.length === 1 ? "s" : ""} it (${org.target}): ${callers}. ` +
        `This deployment republishes ${republished.length > 0 ? republished.join(", ") : "no other flow of the stack"}, not ${org.callers.length === 1 ? "it" : "them"}: ` +
        `Genesys keeps the module version a flow was published with until the flow is republished`,
      fix: `have the owners republish ${org.callers.length === 1 ? "that flow" : "those flows"} after this deployment (npm run verify -- --stack ${m.facts.stack} lists the stale ones), or bring ${org.callers.length === 1 ? "it" : "them"} into this stack`,
      urn: m.urn,
    });
  }
  const notes =
    modules.length > 0 && read_ === 0
      ? [
          `the org's callers of the stack's modules were not read for this run: the program reads them (dependency tracking) when a module the stack deployed changes and the org can be read; see its warning above`,
        ]
      : [];
  return { findings, notes };
}
