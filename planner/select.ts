// Which flows of the portfolio a stack deploys: every flow, narrowed by the stack's include and
// exclude globs over flow ids. Files under flows/stacks/<stack>/ belong to that stack alone (what
// `flows:import --stack <stack>` adopts from its org goes there): other stacks never deploy them,
// whatever their globs. Pure.
import { minimatch } from "minimatch";
import type { FlowIssue } from "../model/errors";
import { didYouMean } from "../archy/suggest";
import type { StackSettings } from "./stackSettings";

/** The folder under flows/ whose subfolders hold each stack's own flows: `stacks/<stack>/...`. */
export const STACK_FLOWS_FOLDER = "stacks";

/** The stack a flow id belongs to alone (`stacks/<stack>/...`), or undefined for a flow of every stack. */
export function owningStack(id: string): string | undefined {
  const parts = id.split("/");
  return parts.length > 2 && parts[0] === STACK_FLOWS_FOLDER ? parts[1] : undefined;
}

/** Whether `stack` deploys a file of this id (a flow id, or a routing id: routing/stacks/<stack>/... too). */
export function belongsToStack(id: string, stack: string | undefined): boolean {
  const owner = owningStack(id);
  return owner === undefined || stack === undefined || owner === stack;
}

/** The stack a stack file is for (`Pulumi.<stack>.yaml`), or undefined for another name. */
export function stackOfStackFile(stackFile: string): string | undefined {
  return /(?:^|\/)Pulumi\.([^/]+)\.yaml$/.exec(stackFile)?.[1];
}

/** The flow ids `stack` deploys: its globs over the shared flows and its own folder, never another stack's folder. */
export function selectFlowIds(
  ids: readonly string[],
  settings: Pick<StackSettings, "include" | "exclude">,
  stack: string,
): string[] {
  const match = (id: string, globs: readonly string[]) => globs.some((g) => minimatch(id, g, { dot: true }));
  return ids
    .filter((id) => belongsToStack(id, stack) && match(id, settings.include) && !match(id, settings.exclude))
    .sort();
}

/** Per-flow settings that name no flow file are a typo or a leftover: say so, with the stack file. */
export function unknownFlowSettings(
  ids: readonly string[],
  settings: Pick<StackSettings, "flows">,
  source: string,
): FlowIssue[] {
  return Object.keys(settings.flows)
    .sort()
    .filter((id) => !ids.includes(id))
    .map((id) => ({
      file: source,
      field: `genesys-flows:flows.${id}`,
      message: `no flow file flows/${id}.yaml${didYouMean(id, ids)}; per-flow settings are keyed by the flow file's path under flows/ without .yaml`,
    }));
}
