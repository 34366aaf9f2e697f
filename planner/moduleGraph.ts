// The module graph of a set of flows: which modules each flow calls, who calls a module, what a
// flow reaches through modules calling modules, and the order that puts every module before the
// flows calling it. One implementation for everything that follows calls: the planner's order and
// revisions (a module's revision covers the modules compiled into it), impact (what a deployment
// republishes), the flow diff (the callers a module change forces to republish) and the policy
// pack (what a module change republishes in the stack). Pure; flows are named by whatever id the
// caller uses (flow id, file), and calls to ids not in the graph are ignored.
import { cmp } from "../archy/json";

/** A flow as the graph sees it: its id, the ids of the modules it calls directly, whether it is a module. */
export interface GraphFlow {
  id: string;
  calls: readonly string[];
  isModule: boolean;
}

export class ModuleGraph {
  private readonly byId: ReadonlyMap<string, GraphFlow>;
  private readonly callees = new Map<string, string[]>();
  private readonly callersOf = new Map<string, string[]>();
  private readonly reached = new Map<string, ReadonlySet<string>>();

  constructor(flows: readonly GraphFlow[]) {
    const byId = new Map<string, GraphFlow>();
    for (const f of flows) if (!byId.has(f.id)) byId.set(f.id, f);
    this.byId = byId;
    for (const f of byId.values()) {
      const calls = [...new Set(f.calls)].filter((c) => byId.has(c)).sort(cmp);
      this.callees.set(f.id, calls);
      for (const c of calls) this.callersOf.set(c, [...(this.callersOf.get(c) ?? []), f.id]);
    }
    for (const list of this.callersOf.values()) list.sort(cmp);
  }

  /** Every flow id, sorted. */
  ids(): string[] {
    return [...this.byId.keys()].sort(cmp);
  }

  /** The modules `id` calls directly, sorted. */
  calls(id: string): readonly string[] {
    return this.callees.get(id) ?? [];
  }

  /** The flows calling module `id` directly, sorted. */
  callers(id: string): readonly string[] {
    return this.callersOf.get(id) ?? [];
  }

  /** Every module `id` depends on, directly or through modules that call modules (never `id` itself, unless in a cycle). */
  reach(id: string): ReadonlySet<string> {
    let out = this.reached.get(id);
    if (out) return out;
    const seen = new Set<string>();
    const stack = [...this.calls(id)];
    while (stack.length > 0) {
      const m = stack.pop()!;
      if (seen.has(m)) continue;
      seen.add(m);
      stack.push(...this.calls(m));
    }
    out = seen;
    this.reached.set(id, out);
    return out;
  }

  /** The flows other than the modules themselves that reach one of `modules` (directly or through modules), sorted. */
  dependents(modules: string | Iterable<string>): string[] {
    const targets = new Set(typeof modules === "string" ? [modules] : modules);
    return this.ids().filter((id) => !targets.has(id) && [...this.reach(id)].some((m) => targets.has(m)));
  }

  /**
   * Dependency order: the modules first, each after the modules it calls, then the other flows;
   * ties by id. A cycle (refused by the checks) is broken where it is met.
   */
  order(): string[] {
    const done = new Set<string>();
    const out: string[] = [];
    const visit = (id: string) => {
      if (done.has(id)) return;
      done.add(id);
      for (const c of this.calls(id)) visit(c);
      out.push(id);
    };
    const ids = this.ids();
    for (const id of ids) if (this.byId.get(id)!.isModule) visit(id);
    for (const id of ids) visit(id);
    return out;
  }
}

/** `flows` in dependency order (see ModuleGraph.order). */
export function dependencyOrder<T extends GraphFlow>(flows: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const f of flows) if (!byId.has(f.id)) byId.set(f.id, f);
  return new ModuleGraph(flows).order().map((id) => byId.get(id)!);
}
