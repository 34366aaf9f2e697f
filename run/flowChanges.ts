// What the engine does to each flow of the stack in a run, from the plan and the stack's state:
// the inputs each genesyscloud.Flow receives now (planner/flowInputs.ts) against the ones the
// engine recorded, and the provider's file hash against the compiled file's. The same comparison
// the engine makes, so the guards (run/guards/), the review and preview judge exactly the flows
// Pulumi is about to publish, replace or delete. Where this and the engine could disagree, the
// engine is right and this is a bug (the agreement tier compares them). Pure.
import { readsAdoptedFlow } from "../planner/adoption";
import { flowInputsOf, type PlannedFlowState } from "../planner/flowInputs";
import type { PlannedFlow, Portfolio } from "../planner/portfolio";
import type { DeployedFlow, StackDeployment } from "../org/model";
import { cmp } from "../archy/json";

/**
 * - `create`: a flow the state does not have (or an adopted one imported: `import`);
 * - `update`: its inputs or its file changed: a publish of the same flow;
 * - `replace`: a new published name: a new flow, then the old one deleted;
 * - `delete`: gone from the plan: deleted in the org; `forget`: gone from the plan but kept in the
 *   org (retainOnDelete, an adopted flow);
 * - `read`: an adopted flow as adopted (Pulumi's `get`: no write); `same`: nothing.
 */
export type FlowAction = "create" | "import" | "update" | "replace" | "delete" | "forget" | "read" | "same";

/** The actions that write the org's flow the state holds (a person's work on it is at stake). */
export const WRITES_EXISTING: ReadonlySet<FlowAction> = new Set(["update", "replace", "import", "delete"]);

/** The actions that send a flow's file to the org (a publish, or a take-over that may publish): every reference it names must resolve there. */
export const PUBLISHES: ReadonlySet<FlowAction> = new Set(["create", "import", "update", "replace"]);

export interface FlowChange {
  /** The flow id (its file under flows/ without the extension): the resource name. */
  flow: string;
  file: string;
  action: FlowAction;
  publishedName: string;
  /** The Genesys flow id the state holds (not for a create). */
  flowId?: string;
  /** For a replace: the name it had. */
  oldName?: string;
  /** What differs, for messages: `name`, `file`, `trigger` (a module it calls), or an input the state has that the plan no longer gives. */
  differs: string[];
  /** The state's record of the flow (not for a create). */
  deployed?: DeployedFlow;
}

export interface PlannedRunFlow {
  plan: PlannedFlow;
  state: PlannedFlowState;
  /** Pulumi's `get` of an adopted flow as adopted (planner/adoption.ts). */
  readOnly: boolean;
}

/** The flows of a run as the program registers them: inputs, and whether an adopted flow is only read. */
export function plannedRunFlows(
  portfolio: Portfolio,
  deployment: StackDeployment,
  heldTriggers: ReadonlyMap<string, string> = new Map(),
): PlannedRunFlow[] {
  const deployed = new Map(deployment.flows.map((f) => [f.id, f]));
  return portfolio.flows.map((plan) => {
    const d = deployed.get(plan.id);
    const inState = d === undefined ? "absent" : d.read === true ? "read" : "managed";
    return {
      plan,
      state: flowInputsOf(portfolio, plan, heldTriggers.get(plan.id)),
      readOnly: readsAdoptedFlow(plan, inState),
    };
  });
}

/** The input keys a Flow may carry and what they mean in messages. */
const INPUT_LABELS: Readonly<Record<string, string>> = {
  name: "name",
  filepath: "file path",
  updateTriggerHash: "trigger",
};

/** What differs between the planned inputs and the recorded ones (empty: the engine sees no change). */
export function differences(planned: PlannedFlowState, d: DeployedFlow): string[] {
  const recorded = d.flowInputs ?? {};
  const out: string[] = [];
  const keys = new Set([...Object.keys(recorded), ...Object.keys(planned.inputs)]);
  for (const key of [...keys].sort(cmp)) {
    if (key.startsWith("__")) continue;
    const now = (planned.inputs as unknown as Record<string, unknown>)[key];
    const then = recorded[key];
    if (JSON.stringify(now) !== JSON.stringify(then)) out.push(INPUT_LABELS[key] ?? key);
  }
  if (d.fileContentHash !== undefined && d.fileContentHash !== planned.fileHash) out.push("file");
  return [...new Set(out)];
}

/** Every flow the plan or the state has, with what the engine does to it: planned flows first (their order), then removed ones by file. */
export function flowChanges(planned: readonly PlannedRunFlow[], deployment: StackDeployment): FlowChange[] {
  const deployed = new Map(deployment.flows.map((f) => [f.id, f]));
  const out: FlowChange[] = [];
  for (const { plan, state, readOnly } of planned) {
    const d = deployed.get(plan.id);
    const base = { flow: plan.id, file: plan.file, publishedName: plan.publishedName };
    if (!d) {
      out.push({ ...base, action: readOnly ? "read" : plan.adopt !== undefined ? "import" : "create", differs: [] });
      continue;
    }
    const at = { flowId: d.flowId, deployed: d };
    if (readOnly) {
      out.push({ ...base, ...at, action: "read", differs: [] });
      continue;
    }
    // `replaceOnChanges: ["name"]` (components/publishedFlow.ts): any change of the name replaces,
    // an adopted flow the stack only read too (the engine imports it in place of the read, then
    // replaces it: the agreement tier's namePrefix case).
    const recordedName = typeof d.flowInputs?.name === "string" ? d.flowInputs.name : d.publishedName;
    if (recordedName !== plan.publishedName) {
      out.push({ ...base, ...at, action: "replace", oldName: recordedName, differs: ["name"] });
      continue;
    }
    if (d.read === true) {
      out.push({ ...base, ...at, action: "import", differs: differences(state, d) });
      continue;
    }
    // A state whose Flow inputs are not recorded (not read from an export): the stack's revision says.
    const differs =
      d.flowInputs === undefined ? (d.revision === plan.revision ? [] : ["revision"]) : differences(state, d);
    out.push({ ...base, ...at, action: differs.length > 0 ? "update" : "same", differs });
  }
  const planIds = new Set(planned.map((p) => p.plan.id));
  for (const d of [...deployed.values()].filter((f) => !planIds.has(f.id)).sort((a, b) => cmp(a.file, b.file))) {
    out.push({
      flow: d.id,
      file: d.file,
      publishedName: d.publishedName,
      flowId: d.flowId,
      deployed: d,
      action: d.retainOnDelete === true || d.read === true ? "forget" : "delete",
      differs: [],
    });
  }
  // A replacement's old flow whose delete a guard refused or a stop left: a delete like any other.
  for (const d of deployment.pendingDeletes ?? []) {
    const { id: flow, file, publishedName, flowId } = d;
    out.push({ flow, file, publishedName, flowId, deployed: d, action: "delete", differs: [] });
  }
  return out;
}
