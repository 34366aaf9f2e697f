// How much of what real callers did a change touches (issue 77 item 4): each journey of a pulled
// file (journeys.ts: a path of the stack's nodes with its count, per flow version) is found among
// the journeys of the old flow by the nodes it entered, and counts as changed when what that
// journey becomes in the new flow ends elsewhere or is heard otherwise (what it becomes is the
// caller's to say: behaviour/journeyDiff.ts journeyBecomes, a layer above). A module's actions
// run in its caller's execution: the pull maps them to the module's nodes (`Module.node`, as the
// journeys name them), and the caller's node that called it takes the action after the call too,
// so the flow's own nodes are matched in their order, and the modules' the pull recorded must come
// in the same order among the journey's (a node compiled to no action of its own is not recorded:
// they may be fewer). A module action the pull could not map (`? tracking <n>`: an older module version)
// leaves the module's stretch to the match on the flow's own nodes. What cannot be weighed is counted and named,
// never dropped: another version than the stack compiled, a path the old flow does not have, a
// path several old journeys share that change differently, a change only a condition makes.
// Pure: the file is read at the edge (diff/projectReview.ts, through journeys.ts parseTraffic).
import { cmp } from "../archy/json";
import type { PulledTraffic } from "./journeys";

type PulledFlow = PulledTraffic["flows"][number];

/** What a journey of the old flow becomes in the new: changed (in words), unsure (why), or alike (undefined). */
export type Becomes = { changes: string } | { unsure: string } | undefined;

export interface FlowWeight<J> {
  /** Executions pulled for the flow, every version. */
  journeys: number;
  /** Those that change, per old journey they took and what changes, most first. */
  changed: Array<{ what: string; journey: J; journeys: number }>;
  /** Those not weighed, per reason, most first; `example`: the steps of the most frequent. */
  notWeighed: Array<{ why: string; journeys: number; example?: string[] }>;
}

const own = (node: string) => !node.includes(".");

/** Whether the nodes a real journey entered are `path`'s own: each node of the path enters as one or more actions in a row. */
function follows(real: readonly string[], path: readonly string[], i = 0, j = 0): boolean {
  if (i === path.length) return j === real.length;
  for (let k = j; k < real.length && real[k] === path[i]; k++) if (follows(real, path, i + 1, k + 1)) return true;
  return false;
}

/** Whether `real`'s nodes come in `path` in their order (a node entered as several actions in a row: once). */
function among(real: readonly string[], path: readonly string[]): boolean {
  let i = 0;
  for (const [k, node] of real.entries()) if (node !== real[k - 1] && (i = path.indexOf(node, i) + 1) === 0) return false;
  return true;
}

/** The pulled journeys of one flow weighed against its old journeys (`truncated`: more exist than were listed). */
export function weighFlow<J extends { path: readonly string[] }>(pulled: PulledFlow, old: { journeys: readonly J[]; truncated: boolean }, becomes: (j: J) => Becomes): FlowWeight<J> {
  const changed = new Map<string, { what: string; journey: J; journeys: number }>();
  const notWeighed = new Map<string, { why: string; journeys: number; example?: string[] }>();
  const skip = (why: string, n: number, example?: string[]) => {
    const e = notWeighed.get(why) ?? { why, journeys: 0, ...(example ? { example } : {}) };
    e.journeys += n;
    notWeighed.set(why, e);
  };
  const paths = old.journeys.map((j) => [j.path.filter(own), j.path.filter((n) => !own(n))]);
  for (const v of pulled.versions) {
    if (!v.inStack) {
      skip(`version ${v.version}, not what the stack compiled when pulled`, v.executions);
      continue;
    }
    for (const real of v.journeys) {
      const nodes = real.steps.filter((s) => !s.startsWith("? ")).map((s) => s.split(" -> ")[0]);
      const [flowNodes, moduleNodes] = [nodes.filter(own), nodes.filter((n) => !own(n))];
      const unmapped = nodes.length < real.steps.length;
      const found = old.journeys.filter((_, i) => follows(flowNodes, paths[i][0]) && (unmapped || among(moduleNodes, paths[i][1])));
      if (found.length === 0) {
        skip(`a path the old flow does not have${old.truncated ? " among the journeys listed" : ""}`, real.count, real.steps);
        continue;
      }
      const verdicts = found.map(becomes);
      const first = verdicts[0];
      if (verdicts.some((b) => JSON.stringify(b) !== JSON.stringify(first))) skip("a path old journeys share that change differently", real.count, real.steps);
      else if (first !== undefined && "unsure" in first) skip(first.unsure, real.count, real.steps);
      else if (first !== undefined) {
        const key = `${old.journeys.indexOf(found[0])} ${first.changes}`;
        const e = changed.get(key) ?? { what: first.changes, journey: found[0], journeys: 0 };
        e.journeys += real.count;
        changed.set(key, e);
      }
    }
  }
  const most = <T extends { journeys: number }>(m: Map<string, T>) => [...m].sort(([a, x], [b, y]) => y.journeys - x.journeys || cmp(a, b)).map(([, e]) => e);
  return { journeys: pulled.versions.reduce((n, v) => n + v.executions, 0), changed: most(changed), notWeighed: most(notWeighed) };
}

/** `1,243`: a count as the review prints it. */
export const count = (n: number): string => n.toLocaleString("en-US");

/** `38 of 1,243 journeys (3.1 %)`. */
export function shareText(n: number, total: number): string {
  const pct = total === 0 ? 0 : (100 * n) / total;
  return `${count(n)} of ${count(total)} ${total === 1 ? "journey" : "journeys"} (${pct > 0 && pct < 0.05 ? "< 0.1" : pct.toFixed(1)} %)`;
}
