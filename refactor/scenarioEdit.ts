// Scenario files follow the nodes a refactoring moved into a module: a step waiting at a moved node
// (`at: AskPin`) now waits at the module's (`at: PinCheck.AskPin`); `passes` and `avoids` name
// them the same way; an expected path of the flow's own nodes has the call where the moved nodes
// were (`[Welcome, AskPin, CheckPin, Menu]` -> `[Welcome, PinCheck, Menu]`, with the decision
// after the call where the module completes two ways), and one that lists modules' nodes too lists
// the call, the module's nodes and the return it took. A scenario that
// dials a number runs whichever flow routing picks: it is left as written (the proof runs it).
// Only the values that change are rewritten, in place (yamlEdit.ts). Pure.
import { isMap, isScalar, isSeq } from "yaml";
import { flowOfScenarioPath } from "../behaviour/scenario/load";
import type { FileChange } from "./project";
import { parseDocument, sequenceStrings, TextEdits } from "./yamlEdit";

/** One copy of a subgraph moved into a module, as scenarios see it. */
export interface MovedNodes {
  /** The flow it was in. */
  flow: string;
  flowName: string;
  /** That flow is a module (its nodes show in a caller's scenarios as `Name.node`). */
  isModule: boolean;
  /** The subflow node that replaced it. */
  call: string;
  /** Each moved node's name -> its name in the module. */
  nodes: ReadonlyMap<string, string>;
  /** Where the copy's ways out went, with the module's outcome and return node for each. */
  exits: ReadonlyArray<{ target: string; outcome: "completed" | "error"; ret: string }>;
  /** The decision after the call that tells its two ways on when it completes. */
  branch?: string;
  /** The module's name. */
  module?: string;
}

/** How a scenario of entry flow `entry` names the nodes of `m`: bare in the flow itself, `Name.node` in a module it calls. */
function labels(m: MovedNodes, entry: string): { label: (node: string) => string } | undefined {
  if (m.flow === entry) return { label: (n) => n };
  if (m.isModule) return { label: (n) => `${m.flowName}.${n}` };
  return undefined;
}

/** A path with each run of moved nodes replaced (see the file's comment). */
function rewritePath(path: readonly string[], m: MovedNodes, label: (node: string) => string): string[] {
  const moved = new Map([...m.nodes].map(([old, now]) => [label(old), `${m.module}.${now}`]));
  const withModules = path.some((p) => p.includes("."));
  const out: string[] = [];
  let i = 0;
  while (i < path.length) {
    if (!moved.has(path[i])) {
      out.push(path[i++]);
      continue;
    }
    out.push(label(m.call));
    // The run: moved nodes, and the nodes of modules they call.
    while (
      i < path.length &&
      (moved.has(path[i]) || (withModules && path[i].includes(".") && !path[i].startsWith(`${m.flowName}.`)))
    ) {
      if (withModules) out.push(moved.get(path[i]) ?? path[i]);
      i++;
    }
    const exit = i < path.length ? m.exits.find((e) => label(e.target) === path[i]) : undefined;
    if (withModules && exit) out.push(`${m.module}.${exit.ret}`);
    if (m.branch !== undefined && exit?.outcome === "completed") out.push(label(m.branch));
  }
  return out;
}

function rewriteFile(file: string, text: string, moved: readonly MovedNodes[]): string {
  const doc = parseDocument(text);
  const edits = new TextEdits(text);
  const fileFlow = typeof doc.get("flow") === "string" ? (doc.get("flow") as string) : flowOfScenarioPath(file);
  const scenarios = doc.get("scenarios", true);
  if (!isSeq(scenarios)) return text;
  scenarios.items.forEach((item, i) => {
    if (!isMap(item) || item.get("dial") !== undefined) return;
    const entry = typeof item.get("flow") === "string" ? (item.get("flow") as string) : fileFlow;
    if (entry === undefined) return;
    for (const m of moved) {
      const l = labels(m, entry);
      if (!l) continue;
      const map = new Map([...m.nodes].map(([old, now]) => [l.label(old), `${m.module}.${now}`]));
      const base = ["scenarios", i];
      const steps = doc.getIn([...base, "steps"], true);
      if (isSeq(steps)) {
        steps.items.forEach((_, j) => {
          const at = doc.getIn([...base, "steps", j, "at"], true);
          if (isScalar(at) && typeof at.value === "string" && map.has(at.value))
            edits.replaceValue(at, map.get(at.value)!);
        });
      }
      for (const key of ["passes", "avoids"]) {
        for (const s of sequenceStrings(doc, [...base, "expect", key]))
          if (map.has(s.value))
            edits.replaceValue(doc.getIn([...base, "expect", key, s.index], true), map.get(s.value)!);
      }
      const path = sequenceStrings(doc, [...base, "expect", "path"]).map((s) => s.value);
      if (path.length > 0) {
        const now = rewritePath(path, m, l.label);
        if (now.join("\n") !== path.join("\n")) edits.replaceValue(doc.getIn([...base, "expect", "path"], true), now);
      }
    }
  });
  return edits.apply();
}

/** The scenario files whose scenarios name moved nodes, rewritten (files that do not change are left out). */
export function rewriteScenarioFiles(
  files: ReadonlyArray<{ file: string; text: string }>,
  moved: readonly MovedNodes[],
): FileChange[] {
  const out: FileChange[] = [];
  for (const f of files) {
    let after: string;
    try {
      after = rewriteFile(f.file, f.text, moved);
    } catch {
      continue; // A file that does not parse is the scenarios' own problem; the proof reports it.
    }
    if (after !== f.text) out.push({ file: f.file, before: f.text, after });
  }
  return out;
}
