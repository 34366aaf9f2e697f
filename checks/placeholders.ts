// With a stack applied, no `{{placeholder}}` may be left: the provider would publish the text
// as it is and the publish fails (or a caller hears "{{queue}}"). Located where it appears.
import { stackFileName } from "../model/stackFile";
import { FlowLoadError } from "../model/errors";
import {
  findMalformedPlaceholders,
  findPlaceholders,
  holdsPlaceholderText,
  stringsWithPaths,
} from "../model/placeholders";
import { validateFlowValue, wasValidated } from "../model/shape";
import { locate } from "../model/location";
import { closest } from "../archy/suggest";
import type { Finding } from "./finding";
import type { CheckFlow } from "./input";

/** `keys`: the substitution keys the flow has in the stack, for "did you mean". */
export function checkPlaceholders(flow: CheckFlow, stack: string, keys: readonly string[] = []): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const [path, s] of holdsPlaceholderText(flow.model) ? stringsWithPaths(flow.model) : []) {
    if (!s.includes("{{")) continue;
    const where = locate(flow.file, flow.model, path);
    for (const bad of findMalformedPlaceholders(s)) {
      out.push({
        ruleId: "placeholders",
        ...where,
        flow: flow.displayName,
        message: `"${bad}" looks like a placeholder but is not one: a placeholder is {{key}} with letters, digits, _, . or - in the key; the provider would leave it in the published flow`,
      });
    }
    for (const key of findPlaceholders(s)) {
      const id = `${key}\u0000${where.node ?? ""}\u0000${where.field ?? ""}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const meant = closest(key, keys);
      const add = `add "${key}" to genesys-flows:substitutions (all flows) or genesys-flows:flows.${flow.id}.substitutions in ${stackFileName(stack)}`;
      out.push({
        ruleId: "placeholders",
        ...where,
        flow: flow.displayName,
        message: `placeholder "{{${key}}}" has no value in stack "${stack}"${meant !== undefined ? `; did you mean {{${meant}}}?` : ""}`,
        fix: meant !== undefined ? `write {{${meant}}}, or ${add}` : add,
      });
    }
  }
  // The substituted flow must still be a valid flow: an empty value where a name is needed (a
  // queue), a name with a slash, ... A model the stack left as it was loaded is valid already.
  if (wasValidated(flow.model)) return out;
  try {
    validateFlowValue(flow.model, flow.file);
  } catch (e) {
    if (!(e instanceof FlowLoadError)) throw e;
    for (const issue of e.issues) {
      out.push({
        ...issue,
        ruleId: "placeholders",
        flow: flow.displayName,
        message: `after this stack's substitutions: ${issue.message}`,
      });
    }
  }
  return out;
}
