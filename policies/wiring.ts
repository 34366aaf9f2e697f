// The stack-wide `module-wiring` rule: every module a flow calls is deployed by the same stack,
// and the flow's genesyscloud Flow takes the revisions of those modules as its update trigger,
// so a module change republishes every flow that calls it (Genesys pins a caller to the module
// version it was published with). It reads what the engine registered, so only the pack runs it.
import { moduleTrigger } from "../planner/revisions";
import { WAVE_ROLLOUT_TYPE } from "../planner/waves/rolloutRecord";
import type { Finding } from "../checks";
import { flowChildren, isUnknown, read, type ComponentFacts, type StackResource } from "./resources";

export interface WiringResult {
  findings: Array<Finding & { urn: string }>;
  /** What could not be checked yet (values unknown during preview); never fails. */
  notes: string[];
}

export function checkWiring(components: readonly ComponentFacts[], resources: readonly StackResource[]): WiringResult {
  const findings: Array<Finding & { urn: string }> = [];
  const notes: string[] = [];
  const byId = new Map(components.map((c) => [c.facts.id, c]));
  const resourceByUrn = new Map(resources.map((r) => [r.urn, r]));
  // A caller a module's rollout in waves holds keeps the trigger it was published with, on purpose
  // (planner/waves/wavePlan.ts): the rollout's record, registered in the same stack, names it.
  const held = new Set(
    resources
      .filter((r) => r.type === WAVE_ROLLOUT_TYPE)
      .flatMap((r) => {
        const ids = read(r.props, ["held"]);
        return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
      }),
  );
  for (const c of components) {
    const calls = c.facts.calls ?? [];
    if (calls.length === 0 || held.has(c.facts.id)) continue;
    const at = (message: string, fix: string, urn = c.urn) =>
      findings.push({ ruleId: "module-wiring", file: c.facts.file, flow: c.facts.publishedName, message, fix, urn });
    const missing = calls.filter((m) => !byId.has(m.id));
    if (missing.length > 0) {
      at(
        `calls ${missing.map((m) => `module "${m.publishedName}" (${m.id})`).join(", ")}, which this stack does not deploy`,
        "deploy the modules a flow calls from the same stack (every file under flows/ belongs to every stack unless excluded; do not exclude a module its callers need)",
      );
      continue;
    }
    const revisions: unknown[] = calls.map((m) => read(resourceByUrn.get(byId.get(m.id)!.urn)?.props, ["revision"]));
    const children = flowChildren(resources, c.urn);
    if (children.length === 0) {
      notes.push(
        `${c.facts.publishedName}: no genesyscloud Flow child found yet; its update trigger is checked once it exists`,
      );
      continue;
    }
    if (revisions.some((r) => isUnknown(r))) {
      notes.push(`${c.facts.publishedName}: a module revision is not known during preview; checked on update`);
      continue;
    }
    if (revisions.some((r) => typeof r !== "string")) {
      at(
        "a module it calls exposes no revision output, so this flow cannot track it",
        "register each module's revision as the CommonModule's `revision` output (use the project's components)",
      );
      continue;
    }
    const expected = moduleTrigger(revisions as string[]);
    for (const child of children) {
      if (isUnknown(child.updateTriggerHash)) {
        notes.push(`${c.facts.publishedName}: its updateTriggerHash is not known during preview; checked on update`);
      } else if (child.updateTriggerHash !== expected) {
        at(
          `the flow's updateTriggerHash does not track the revisions of the modules it calls (${calls.map((m) => m.publishedName).join(", ")}), so a module change would not republish it`,
          "pass the module components as `modules` so the trigger is derived from their revisions",
          child.urn,
        );
      }
    }
  }
  return { findings, notes: [...new Set(notes)].sort() };
}
