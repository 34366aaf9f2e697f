// The error every loader, checker and compiler failure is reported with: a list of issues,
// each located in the user's own file (file, flow, node, field), formatted one per line the way
// compilers do, so a person can jump to the problem and fix it.

export interface FlowIssue {
  /** Path of the flow file as the user gave it, e.g. `flows/sales.yaml`. */
  file: string;
  /** The flow's `name`, when the issue is about the flow as a whole. */
  flow?: string;
  /** Node id, when the issue is about one node. */
  node?: string;
  /** The scenario's name, when the issue is about a scenario of a scenario file (behaviour/scenario). */
  scenario?: string;
  /** The node's type, when known. */
  nodeType?: string;
  /**
   * Dotted path of the field inside the node (or the flow), e.g. `prompt`, `inputs.callerNumber`,
   * `transitions.completed`. A `transitions.<name>` field is rendered as `transition "<name>"`.
   */
  field?: string;
  /** 1-based position in the file, for YAML syntax errors. */
  line?: number;
  column?: number;
  /** What is wrong and, where possible, what to write instead. */
  message: string;
}

/** One issue as a single line, e.g. `flows/sales.yaml: node "A" (subflow): transition "error" points to ...`. */
export function formatIssue(issue: FlowIssue): string {
  let out = issue.file;
  if (issue.line !== undefined) out += `:${issue.line}:${issue.column ?? 1}`;
  out += ": ";
  if (issue.node !== undefined) {
    out += `node "${issue.node}"${issue.nodeType ? ` (${issue.nodeType})` : ""}: `;
  } else if (issue.scenario !== undefined) {
    out += `scenario "${issue.scenario}": `;
  } else if (issue.flow !== undefined) {
    out += `flow "${issue.flow}": `;
  }
  if (issue.field !== undefined && issue.field !== "") {
    if (issue.field.startsWith("transitions.")) {
      out += `transition "${issue.field.slice("transitions.".length)}" `;
    } else {
      out += `field "${issue.field}": `;
    }
  }
  return out + issue.message;
}

/** Thrown with every issue found (not just the first), so one run shows everything to fix. */
export class FlowLoadError extends Error {
  readonly issues: FlowIssue[];
  constructor(issues: FlowIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "FlowLoadError";
    this.issues = issues;
  }
}
