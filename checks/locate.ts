// Builds findings located in a flow: the flow's file and display name, and the node (with its
// type) and field when the problem sits on one.
import type { CheckFlow } from "./input";
import type { Finding } from "./finding";

export function flowFinding(flow: CheckFlow, ruleId: string, field: string | undefined, message: string, fix?: string): Finding {
  return { ruleId, file: flow.file, flow: flow.displayName, ...(field ? { field } : {}), message, ...(fix ? { fix } : {}) };
}

export function nodeFinding(flow: CheckFlow, ruleId: string, node: string, field: string | undefined, message: string, fix?: string): Finding {
  const n = Object.hasOwn(flow.model.nodes, node) ? flow.model.nodes[node] : undefined;
  return {
    ruleId,
    file: flow.file,
    flow: flow.displayName,
    node,
    ...(n ? { nodeType: n.type } : {}),
    ...(field ? { field } : {}),
    message,
    ...(fix ? { fix } : {}),
  };
}

export function sortedKeys(record: Record<string, unknown>): string[] {
  return Object.keys(record).sort();
}
