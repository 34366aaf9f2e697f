// Names must be unique: Genesys publishes by (type, name) and compares names case-insensitively,
// so two flows with one name overwrite each other; subflow nodes name modules by `name`; and each
// flow file needs its own resource name. With a stack the published names (prefix + substituted
// name) are compared, which catches `name: "{{line}}"` colliding after substitution. Without a
// stack a name holding a placeholder is not compared: each stack may fill it per flow
// (flows.<id>.substitutions), so two files named "{{flow_name}}" are not certainly one flow.
import type { Finding } from "./finding";
import { findPlaceholders } from "../model/placeholders";
import type { CheckFlow } from "./input";
import { flowNameProblem } from "../model/types";
import { nameKeys, twinDifference } from "../model/visibleNames";
import { flowFinding } from "./locate";
import { cmp } from "../archy/json";

export function checkUniqueNames(flows: readonly CheckFlow[], withStack: boolean): Finding[] {
  const out: Finding[] = [];
  const sorted = [...flows].sort((a, b) => cmp(a.file, b.file));
  const byName = new Map<string, CheckFlow>();
  const byId = new Map<string, CheckFlow>();
  for (const f of sorted) {
    const name = withStack ? f.displayName : f.model.name;
    const problem = withStack ? flowNameProblem(name) : undefined;
    if (problem !== undefined) {
      out.push(flowFinding(f, "unique-names", "name", `published name "${name.length > 80 ? `${name.slice(0, 80)}...` : name}" ${problem}`, "shorten or rename the flow, or change the stack's namePrefix or the substitution in its name"));
    }
    // Compared case-insensitively, as Genesys does, and as a person sees them (model/visibleNames.ts).
    const keys = nameKeys(name);
    // Without a stack, a name a stack may fill per flow is not certainly any other flow's.
    const comparable = withStack || findPlaceholders(name).length === 0;
    const other = comparable ? (byName.get(keys[0]) ?? byName.get(keys[1])) : undefined;
    if (other) {
      const what = withStack ? "published name" : "flow name";
      const otherName = withStack ? other.displayName : other.model.name;
      const twin = otherName.toLowerCase() !== name.toLowerCase();
      out.push(
        flowFinding(
          f,
          "unique-names",
          "name",
          twin
            ? `${what} "${name}" looks the same as the ${what} "${otherName}" of ${other.file} (${twinDifference(name, otherName)}): a person cannot tell the two flows apart`
            : `${what} "${name}" is also the ${what} of ${other.file}${name !== otherName ? ` ("${otherName}")` : ""}; Genesys compares flow names case-insensitively, so one would overwrite the other`,
          twin ? "write the name with the letters the other uses, or give the flow a name that differs visibly" : "give each flow a unique name",
        ),
      );
    } else if (comparable) for (const key of keys) byName.set(key, f);
    const sameId = byId.get(f.id);
    if (sameId) {
      out.push(flowFinding(f, "unique-names", undefined, `has the same flow id "${f.id}" as ${sameId.file}; rename one of the two files`));
    } else byId.set(f.id, f);
  }
  return out;
}
