// Builds findings located in a flow: the flow's file and display name, and the node (with its
// type) and field when the problem sits on one; and a flow's finding of what the Archy validator
// found in the Archy the flow carries.
import { ORG_RULES, type ArchyFinding } from "../archy/validate";
import type { CheckFlow } from "./input";
import type { Finding } from "./finding";
import { UNKNOWN_RULE } from "./unknownRule";

export function flowFinding(
  flow: CheckFlow,
  ruleId: string,
  field: string | undefined,
  message: string,
  fix?: string,
): Finding {
  return {
    ruleId,
    file: flow.file,
    flow: flow.displayName,
    ...(field ? { field } : {}),
    message,
    ...(fix ? { fix } : {}),
  };
}

export function nodeFinding(
  flow: CheckFlow,
  ruleId: string,
  node: string,
  field: string | undefined,
  message: string,
  fix?: string,
): Finding {
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

/** The findings of one check of `flow` under `ruleId`, in the order found: `node` adds a nodeFinding, `flow` a flowFinding. */
export function findingsOf(flow: CheckFlow, ruleId: string) {
  const list: Finding[] = [];
  return {
    list,
    node(node: string, field: string | undefined, message: string, fix?: string): void {
      list.push(nodeFinding(flow, ruleId, node, field, message, fix));
    },
    flow(field: string | undefined, message: string, fix?: string): void {
      list.push(flowFinding(flow, ruleId, field, message, fix));
    },
  };
}

/**
 * The flow's finding of an Archy finding, placed by `at` (flowFinding or nodeFinding with the
 * place filled in): an invalid one under `rule`, an unknown one under archy-unknown with the name
 * the catalogue lacks as its subject; none for a note, or for the org's objects (the org check's
 * business). `context` ends the message, e.g. ` (in inboundCall)`.
 */
export function archyFinding(
  f: ArchyFinding,
  rule: string,
  at: (ruleId: string, message: string) => Finding,
  context = "",
): Finding | undefined {
  if (f.verdict === "note" || ORG_RULES.has(f.rule)) return undefined;
  if (f.verdict === "invalid") return at(rule, `${f.message}${context}`);
  return { ...at(UNKNOWN_RULE, `${f.message}${context}`), subject: f.subject ?? f.message };
}

export function sortedKeys(record: Record<string, unknown>): string[] {
  return Object.keys(record).sort();
}
