// What a refactoring reads and writes: the project as text (flow files, scenario files, routing
// files and every stack's settings and policy config), and the files it would write. The command
// line reads the snapshot from disk and writes the files out; the core (this folder) only ever
// sees text, so a refactoring is pure: the same snapshot gives the same files and the same proof.
import { parseFlowText } from "../model/load";
import type { FlowModel } from "../model/schema";
import type { FlowSource } from "../planner/pipeline";
import type { StackSettings } from "../planner/stackSettings";
import type { PolicyConfig } from "../policies/config";

/** A stack as lint and the scenarios see it. */
export interface SnapshotStack {
  name: string;
  settings: StackSettings;
  /** policies/config/<stack>.json, when the project has one. */
  config?: PolicyConfig;
  /** The stack file (its secrets are checked by lint). */
  file?: { name: string; text: string };
}

export interface ProjectSnapshot {
  /** Every flow file under flows/ (id: the path under flows/ without the extension). */
  flows: readonly FlowSource[];
  /** Every scenario file under scenarios/ (path relative to the project). */
  scenarios: ReadonlyArray<{ file: string; text: string }>;
  /** Every routing file under routing/ (a scenario that dials a number needs them). */
  routing: readonly FlowSource[];
  /** Every stack of the project (Pulumi.<stack>.yaml), sorted by name. */
  stacks: readonly SnapshotStack[];
}

/** A file a refactoring writes: its text before (absent for a new file) and after. */
export interface FileChange {
  file: string;
  before?: string;
  after: string;
}

/** A flow of the snapshot, loaded. */
export interface RefactorFlow {
  id: string;
  file: string;
  text: string;
  model: FlowModel;
}

/** Why a refactoring is refused: where (file, node) and why; nothing is written. */
export class RefactorRefusal extends Error {
  constructor(
    readonly reason: string,
    readonly where: { file?: string; node?: string } = {},
  ) {
    super(
      `${where.file !== undefined ? `${where.file}: ` : ""}${where.node !== undefined ? `node "${where.node}": ` : ""}${reason}`,
    );
    this.name = "RefactorRefusal";
  }
}

/** Loads the flows a refactoring names (by id, or by file path), in the order given; a flow that does not load is refused. */
export function loadFlows(snapshot: ProjectSnapshot, names: readonly string[]): RefactorFlow[] {
  return names.map((name) => {
    const source = snapshot.flows.find(
      (s) =>
        s.id === name ||
        s.file === name ||
        s.file === `flows/${name}` ||
        s.id === name.replace(/^flows\//, "").replace(/\.ya?ml$/i, ""),
    );
    if (!source)
      throw new RefactorRefusal(`no flow "${name}" under flows/ (give a flow id such as calls/sales, or its file)`);
    return loadFlow(source);
  });
}

export function loadFlow(source: FlowSource): RefactorFlow {
  const loaded = parseFlowText(source.text, source.file);
  return { id: source.id, file: source.file, text: source.text, model: loaded.model };
}

/** Every flow of the snapshot that loads (a refactoring reads the modules they call, and the callers of a module it changes). */
export function loadableFlows(snapshot: ProjectSnapshot): RefactorFlow[] {
  const out: RefactorFlow[] = [];
  for (const s of snapshot.flows) {
    try {
      out.push(loadFlow(s));
    } catch {
      // Not refactored, and lint reports it on every stack as it did before.
    }
  }
  return out;
}

/** Every reason a refactoring is refused (one run shows them all); nothing is written. */
export class Refused extends Error {
  constructor(readonly refusals: readonly RefactorRefusal[]) {
    super(refusals.map((r) => r.message).join("\n"));
    this.name = "Refused";
  }
}
