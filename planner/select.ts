// Which flows of the portfolio a stack deploys: every flow, narrowed by the stack's include and
// exclude globs over flow ids. Pure.
import { minimatch } from "minimatch";
import type { FlowIssue } from "../model/errors";
import { didYouMean } from "../archy/suggest";
import type { StackSettings } from "./stackSettings";

export function selectFlowIds(ids: readonly string[], settings: Pick<StackSettings, "include" | "exclude">): string[] {
  const match = (id: string, globs: readonly string[]) => globs.some((g) => minimatch(id, g, { dot: true }));
  return ids.filter((id) => match(id, settings.include) && !match(id, settings.exclude)).sort();
}

/** Per-flow settings that name no flow file are a typo or a leftover: say so, with the stack file. */
export function unknownFlowSettings(ids: readonly string[], settings: Pick<StackSettings, "flows">, source: string): FlowIssue[] {
  return Object.keys(settings.flows)
    .sort()
    .filter((id) => !ids.includes(id))
    .map((id) => ({
      file: source,
      field: `genesys-flows:flows.${id}`,
      message: `no flow file flows/${id}.yaml${didYouMean(id, ids)}; per-flow settings are keyed by the flow file's path under flows/ without .yaml`,
    }));
}
