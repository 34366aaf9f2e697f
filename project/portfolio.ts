// A stack's portfolio from the project on disk: the stack file and every flow file, planned.
import { planPortfolio, type Portfolio } from "../planner/portfolio";
import { readFlowSources } from "./flowFiles";
import { readStackSettings, stackFileName } from "./stackFile";
import type { StackSettings } from "../planner/stackSettings";

export function readPortfolio(
  root: string,
  stack: string,
  settings: StackSettings = readStackSettings(root, stack),
): Portfolio {
  return planPortfolio({ stack, settings, sources: readFlowSources(root), stackFile: stackFileName(stack) });
}
