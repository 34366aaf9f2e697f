// The lint half of a refactoring's proof: lint (policies/lint/engine.ts: the checks of a deploy,
// at the levels of each stack's policy config, over the flows the stack selects, and the routing
// files) on every stack of the project, before and after. Clean means no mandatory finding the
// project did not have before (a new module is all new). Pure: the files are the snapshot's.
import { lintSources, type LintFinding } from "../policies/lint/engine";
import type { ProjectSnapshot, SnapshotStack } from "./project";

export interface LintProof {
  /** The stack, or "(no stack)" for a project without stack files (the flows as written). */
  stack: string;
  /** Mandatory findings before and after. */
  before: number;
  after: number;
  /** Mandatory findings after that were not there before, as lint prints them. */
  added: string[];
  holds: boolean;
}

function mandatory(snapshot: ProjectSnapshot, stack: SnapshotStack | undefined): LintFinding[] {
  const report = lintSources(snapshot.flows, {
    cwd: ".",
    readText: () => "",
    ...(stack
      ? {
          stack: {
            name: stack.name,
            settings: stack.settings,
            config: stack.config ?? {},
            ...(stack.file ? { file: stack.file } : {}),
          },
        }
      : {}),
    ...(snapshot.routing.length > 0 ? { routing: { sources: snapshot.routing } } : {}),
  });
  return report.findings.filter((f) => f.level === "mandatory");
}

const keyOf = (f: LintFinding) => `${f.ruleId}\n${f.file}\n${f.node ?? ""}\n${f.message}`;

/** Lint on every stack (or the flows as written when the project has none), before and after. */
export function lintProofs(before: ProjectSnapshot, after: ProjectSnapshot): LintProof[] {
  const stacks: Array<SnapshotStack | undefined> = after.stacks.length > 0 ? [...after.stacks] : [undefined];
  return stacks.map((stack) => {
    const was = mandatory(before, stack);
    const now = mandatory(after, stack);
    const known = new Set(was.map(keyOf));
    const added = now.filter((f) => !known.has(keyOf(f))).map((f) => `${f.file}:${f.line}:${f.column}: ${f.text}`);
    return {
      stack: stack?.name ?? "(no stack)",
      before: was.length,
      after: now.length,
      added,
      holds: added.length === 0,
    };
  });
}
