// Names derived from flow files: the Pulumi resource name of a flow and the file it compiles to.
// Pure; shared by the stack program and the CLIs so a flow has one name everywhere.
import type { FlowSet } from "./flowSet";
import { FlowLoadError, type FlowIssue } from "./model/errors";

/** Resource name of a flow, from its file: `flows/sales.yaml` -> `sales`. Stable and readable. */
export function resourceNameOf(file: string): string {
  const withoutDir = file.replace(/\\/g, "/").replace(/^(\.\/)?flows\//, "");
  return withoutDir.replace(/\.ya?ml$/i, "").replace(/\//g, "-");
}

/**
 * Two flow files must not share a resource name (and so a compiled file): `flows/a-b.yaml` and
 * `flows/a/b.yaml`, or `x.yaml` and `x.yml`. Checked before anything is written or registered.
 */
export function checkResourceNames(flowSet: FlowSet): void {
  const seen = new Map<string, string>();
  const issues: FlowIssue[] = [];
  for (const file of [flowSet.module.file, ...flowSet.inboundFlows.map((f) => f.file)]) {
    const name = resourceNameOf(file);
    const other = seen.get(name);
    if (other !== undefined) {
      issues.push({ file, message: `has the same resource name "${name}" as ${other}; rename one of the two files` });
    } else seen.set(name, file);
  }
  if (issues.length > 0) throw new FlowLoadError(issues);
}
