// Names must be unique: Genesys publishes by (type, name) and compares names case-insensitively,
// so two flows with one name overwrite each other; subflow nodes name modules by `name`; and each
// flow file needs its own resource name. With a stack the published names (prefix + substituted
// name) are compared, which catches `name: "{{line}}"` colliding after substitution. Without a
// stack a name holding a placeholder is not compared: each stack may fill it per flow
// (flows.<id>.substitutions), so two files named "{{flow_name}}" are not certainly one flow.
// The same twin comparison holds a new flow's published name against the flows the org holds
// outside the stack (orgTwinProblems, for run/ownership/twinsGuard.ts): a person picks by name.
import type { Finding } from "./finding";
import { findPlaceholders } from "../model/placeholders";
import type { CheckFlow } from "./input";
import { flowNameProblem } from "../model/types";
import { nameKeys, twinDifference } from "../model/visibleNames";
import { flowFinding } from "./locate";
import { cmp } from "../archy/json";

/** What a person does about a twin name. */
export const TWIN_FIX = "write the name with the letters the other uses, or give the flow a name that differs visibly";

export function checkUniqueNames(flows: readonly CheckFlow[], withStack: boolean): Finding[] {
  const out: Finding[] = [];
  const sorted = [...flows].sort((a, b) => cmp(a.file, b.file));
  const byName = new Map<string, CheckFlow>();
  const byId = new Map<string, CheckFlow>();
  for (const f of sorted) {
    const name = withStack ? f.displayName : f.model.name;
    const problem = withStack ? flowNameProblem(name) : undefined;
    if (problem !== undefined) {
      out.push(
        flowFinding(
          f,
          "unique-names",
          "name",
          `published name "${name.length > 80 ? `${name.slice(0, 80)}...` : name}" ${problem}`,
          "shorten or rename the flow, or change the stack's namePrefix or the substitution in its name",
        ),
      );
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
          twin ? TWIN_FIX : "give each flow a unique name",
        ),
      );
    } else if (comparable) for (const key of keys) byName.set(key, f);
    const sameId = byId.get(f.id);
    if (sameId) {
      out.push(
        flowFinding(
          f,
          "unique-names",
          undefined,
          `has the same flow id "${f.id}" as ${sameId.file}; rename one of the two files`,
        ),
      );
    } else byId.set(f.id, f);
  }
  return out;
}

/** A planned flow's published name, and the org's flows outside the stack it is held against. */
type Named = { file: string; id: string; publishedName: string };
type OrgNamed = { flowId: string; name: string; type: string };

/**
 * Each flow of `flows` whose published name is the twin of a flow in `org` (the org's flows the stack
 * does not hold): the same skeleton, not the same name but for case (that is the ownership check's).
 */
export function orgTwinProblems(flows: readonly Named[], org: readonly OrgNamed[]): string[] {
  const bySkeleton = new Map<string, OrgNamed[]>();
  for (const o of org) bySkeleton.set(nameKeys(o.name)[1], [...(bySkeleton.get(nameKeys(o.name)[1]) ?? []), o]);
  return [...flows]
    .sort((a, b) => cmp(a.file, b.file))
    .flatMap((f) => {
      const [name, seen] = nameKeys(f.publishedName);
      const twins = (bySkeleton.get(seen) ?? []).filter((o) => nameKeys(o.name)[0] !== name);
      twins.sort((a, b) => cmp(a.flowId, b.flowId));
      return twins.map((o) => {
        const theirs = `the org's flow ${o.flowId} "${o.name}" (${o.type}), which this stack does not manage`;
        const why = `${twinDifference(f.publishedName, o.name)}: a person cannot tell the two flows apart`;
        return `${f.file} (flow ${f.id}) publishes "${f.publishedName}", which looks the same as ${theirs} (${why})`;
      });
    });
}
