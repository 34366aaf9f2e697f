// Flow file text -> a validated flow model (YAML, then shape), or one FlowLoadError listing every
// problem, located in the user's file. Pure: the caller reads the file.
import { parseYaml } from "./parse";
import type { LoadedFlow } from "./schema";
import { validateFlowValue } from "./shape";

/** Parses and validates one flow file's text. `file` is only used in messages. */
export function parseFlowText(text: string, file: string): LoadedFlow {
  return validateFlowValue(parseYaml(text, file), file);
}

export { validateFlowValue } from "./shape";
