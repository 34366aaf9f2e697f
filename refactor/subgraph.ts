// One subgraph held by several flows (its occurrences, node for node in the same order), and what a
// module made of it would be: its node and variable names (the most common spelling of each), its
// ways out grouped by where every copy goes (each group one outcome of the module: `error` for the
// one only failures take, a failed collect or data action, `completed` for the others; where the
// callers go on at two places, an output tells them which), its inputs and outputs across the
// copies (those the callers read after it, or those chosen), and why a module cannot be made of
// it, each reason naming the node: more ways out than a module's outcomes, nothing after it to
// continue to, reading what a module cannot receive, a node a module cannot hold, placeholders
// each copy names its own way. Pure.
import { builtinVariable } from "../archy/catalogue/flowTypes";
import { FLOW_KINDS } from "../model/kinds";
import { transitionsOf, type FlowNode } from "../model/nodes";
import { isModuleModel, type CallerKind, type FlowModel } from "../model/schema";
import { VALUE_TYPES, type ValueType } from "../model/types";
import { exitsOf } from "./match";
import { ownType, subgraphInterface, usesOf, type SubgraphInterface } from "./interface";
import { freeName } from "./names";
import { declaredNames } from "./variables";
import { numberedFields, placeholdersOf } from "./nodeSignature";
import { RefactorRefusal, type RefactorFlow } from "./project";
import { cmp } from "../archy/json";

/** A copy of the subgraph: its nodes in canonical order (the entry first), position for position with every other copy. */
export interface Occurrence {
  flow: RefactorFlow;
  order: string[];
}

/** Ways out that every copy takes to the same place: one outcome of the module. */
export interface ExitGroup {
  outcome: "completed" | "error";
  /** The transitions, by position in the subgraph and name, and their index in each copy's ways out (match.ts exitsOf). */
  transitions: Array<{ position: number; transition: string; exit: number }>;
  /** Where each copy goes (by occurrence). */
  targets: string[];
}

/** A value the module takes or gives, with its type. */
export interface Port {
  name: string;
  type: ValueType;
  /** For a built-in input: what the caller reads (`Call.Ani`). */
  builtin?: string;
}

export interface SharedSubgraph {
  occurrences: Occurrence[];
  /** Each position's most common name (ties: the first in alphabetical order). */
  names: string[];
  /** Each position's most common label (undefined: most copies have none). */
  labels: Array<string | undefined>;
  exits: ExitGroup[];
  /** Where the ways out go in the first copy, one entry per group (more than `exits`: refused). */
  waysOut: string[];
  /** Each copy's interface, in its own variables' names. */
  interfaces: SubgraphInterface[];
  /** Each copy's variables by the module's names for them (module's name -> the copy's). */
  variables: Array<ReadonlyMap<string, string>>;
  inputs: Port[];
  outputs: Port[];
  /** Outputs that go in too (the subgraph may leave them as they were). */
  passThrough: string[];
  /** The module's own variables. */
  internal: Port[];
  /**
   * Two groups complete: the output the callers test after the call to go on at the first
   * (`value`) or the second; `synthesized` when no variable tells them apart, and the returns set it.
   */
  branch?: { output: string; value: "true" | "false"; synthesized: boolean };
  /** Kinds that would call the module (its compatibleFlowTypes). */
  callerKinds: CallerKind[];
  /** Why no module can be made of it (empty: one can). */
  refusals: RefactorRefusal[];
}

function mostCommon<T>(values: readonly T[], key: (v: T) => string): T {
  const counts = new Map<string, { n: number; v: T }>();
  for (const v of values) {
    const k = key(v);
    const e = counts.get(k);
    if (e) e.n++;
    else counts.set(k, { n: 1, v });
  }
  return [...counts.entries()].sort(([ka, a], [kb, b]) => b.n - a.n || cmp(ka, kb))[0][1].v;
}

/** `Call.Ani` -> `callAni`. */
export function builtinInputName(builtin: string): string {
  const [scope, name] = builtin.split(".");
  return `${scope.charAt(0).toLowerCase()}${scope.slice(1)}${name.replace(/[^A-Za-z0-9_]/g, "")}`;
}

type Group = Omit<ExitGroup, "outcome">;

/** The ways out of the copies, grouped by where every copy goes. */
function exitGroups(occurrences: readonly Occurrence[]): Group[] {
  const perCopy = occurrences.map((o) => exitsOf(o.flow.model, o.order));
  const groups = new Map<string, Group>();
  perCopy[0].forEach((e, exit) => {
    const position = occurrences[0].order.indexOf(e.node);
    const targets = perCopy.map((exits) => exits[exit]?.target ?? "");
    const key = JSON.stringify(targets);
    const g = groups.get(key) ?? { transitions: [], targets };
    g.transitions.push({ position, transition: e.transition, exit });
    groups.set(key, g);
  });
  return [...groups.values()];
}

/** Where the normal path leaves the subgraph: each node's first ordinary transition (success, yes, next), if it leaves. */
function normalExit(o: Occurrence): { position: number; transition: string } | undefined {
  const seen = new Set<string>();
  let node = o.order[0];
  while (!seen.has(node)) {
    seen.add(node);
    const first = transitionsOf(o.flow.model.nodes[node]).find((t) => t.target !== undefined && !t.spec.failure);
    if (first === undefined) return undefined;
    if (!o.order.includes(first.target!)) return { position: o.order.indexOf(node), transition: first.spec.name };
    node = first.target!;
  }
  return undefined;
}

/**
 * The module's outcomes: `error` for the ways out only a failure leads to (a failure transition
 * leaving, or a node inside reached only through one), `completed` for every other, the normal
 * path's first; a subgraph that only fails completes where its first way out goes.
 */
function outcomes(first: Occurrence, groups: readonly Group[]): Array<Group & { outcome: ExitGroup["outcome"] }> {
  const model = first.flow.model;
  const reached = new Set<string>();
  const queue = [first.order[0]];
  while (queue.length > 0) {
    const n = queue.shift()!;
    if (reached.has(n) || !first.order.includes(n)) continue;
    reached.add(n);
    for (const t of transitionsOf(model.nodes[n])) if (!t.spec.failure && t.target !== undefined) queue.push(t.target);
  }
  const failing = (g: Group) =>
    g.transitions.every(
      (e) =>
        !reached.has(first.order[e.position]) ||
        transitionsOf(model.nodes[first.order[e.position]]).find((t) => t.spec.name === e.transition)!.spec.failure,
    );
  const normal = normalExit(first);
  const rank = (g: Group) =>
    g.transitions.some((e) => e.position === normal?.position && e.transition === normal.transition) ? 0 : 1;
  const done = groups.filter((g) => !failing(g)).sort((a, b) => rank(a) - rank(b));
  const failed = groups.filter(failing);
  if (done.length === 0) done.push(failed.shift()!);
  return [
    ...done.map((g) => ({ ...g, outcome: "completed" as const })),
    ...failed.map((g) => ({ ...g, outcome: "error" as const })),
  ];
}

/** A boolean output set to one literal on every way of the first completed group and the other on every way of the second, in every copy. */
function telling(
  shared: {
    occurrences: readonly Occurrence[];
    variables: ReadonlyArray<ReadonlyMap<string, string>>;
    interfaces: readonly SubgraphInterface[];
    outputs: readonly Port[];
  },
  groups: readonly ExitGroup[],
): SharedSubgraph["branch"] {
  for (const o of shared.outputs.filter((p) => p.type === "boolean")) {
    const values = groups
      .slice(0, 2)
      .map(
        (g) =>
          new Set(
            g.transitions.flatMap((e) =>
              shared.occurrences.map(
                (_, c) => shared.interfaces[c].atExit[e.exit].get(shared.variables[c].get(o.name) ?? o.name) ?? "*",
              ),
            ),
          ),
      );
    const [a, b] = values.map((v) => (v.size === 1 ? [...v][0] : "*"));
    if ((a === "true" && b === "false") || (a === "false" && b === "true"))
      return { output: o.name, value: a, synthesized: false };
  }
  return undefined;
}

/**
 * Each copy's variables by the module's name for them: the copies name a variable where the same
 * nodes name it (match.ts saw to that); the module takes its most common spelling (ties: the
 * first alphabetically), one name per variable.
 */
function moduleVariables(occurrences: readonly Occurrence[]): Array<Map<string, string>> {
  const named = occurrences.map((o) =>
    o.order.map((n) => numberedFields(o.flow.model, o.flow.model.nodes[n]).variables),
  );
  const spellings = new Map<string, string[]>();
  named[0].forEach((vars, i) => {
    vars.forEach((v, k) => {
      if (!spellings.has(v.toLowerCase()))
        spellings.set(
          v.toLowerCase(),
          named.map((copy) => copy[i][k] ?? v),
        );
    });
  });
  const out = occurrences.map(() => new Map<string, string>());
  const taken = new Set<string>();
  for (const locals of spellings.values()) {
    const free = locals.filter((l) => !taken.has(l.toLowerCase()));
    const common = free.length > 0 ? mostCommon(free, (l) => l) : `${locals[0]}${taken.size + 1}`;
    taken.add(common.toLowerCase());
    locals.forEach((l, c) => {
      out[c].set(common, l);
    });
  }
  return out;
}

/** A task, menu, state or bot of the flow named in raw Archy (`/inboundCall/tasks/task[X]`, `./menus/menu[Y]`). */
const ELEMENT_REF = /(?:^|["'\s])(?:\/[A-Za-z]+|\.)\/(?:tasks|menus|states|bots)\//;

/** Why `node` of a flow can never move into a module, whoever calls it (undefined: it can). */
export function whyNotInModule(model: FlowModel, node: FlowNode): string | undefined {
  if (node.type === "return")
    return `a return ends ${model.name} itself: moved into a module, it would end the module instead`;
  if (node.type === "menu") return `a common module cannot hold a menu node: ${FLOW_KINDS.commonModule.excludes?.menu}`;
  if (node.type !== "archy") return undefined;
  const raw = JSON.stringify((node as { actions: unknown }).actions);
  if (ELEMENT_REF.test(raw))
    return `its raw Archy goes to a task, menu or state of ${model.name}, which a module does not have`;
  if (/\b[A-Za-z]+\.[A-Za-z_]/.test(raw))
    return `its raw Archy names variables (scoped names such as Flow.x), and what raw Archy reads and writes is not known: a module's inputs and outputs cannot be told`;
  return undefined;
}

/** The node types a module called by `kinds` may hold, and why one is not offered. */
function moduleOffers(kinds: readonly CallerKind[], type: string): string | undefined {
  const module = FLOW_KINDS.commonModule;
  const excluded = module.excludes?.[type];
  if (excluded !== undefined) return `a common module cannot hold a ${type} node: ${excluded}`;
  if (!module.nodeTypes.includes(type as never)) return `a common module cannot hold a ${type} node`;
  const missing = kinds.filter((k) => !FLOW_KINDS[k].nodeTypes.includes(type as never));
  if (missing.length > 0)
    return `a module called by ${kinds.join(", ")} flows can hold only what all of them offer, and ${missing.join(", ")} flows have no ${type} node`;
  return undefined;
}

/**
 * The outputs chosen (`--outputs`), by the module's names: each a variable the copies write; every
 * one a caller reads after them must be among them, else refused naming the node that reads it.
 */
function chosenOutputs(
  occurrences: readonly Occurrence[],
  interfaces: readonly SubgraphInterface[],
  variables: ReadonlyArray<ReadonlyMap<string, string>>,
  union: (pick: (i: SubgraphInterface) => readonly string[]) => string[],
  chosen: readonly string[],
  refusals: RefactorRefusal[],
): string[] {
  const written = union((i) => i.written);
  for (const name of chosen)
    if (!written.includes(name))
      refusals.push(
        new RefactorRefusal(
          `the outputs chosen name "${name}", which the nodes do not write (they write ${written.join(", ") || "nothing"})`,
          { file: occurrences[0].flow.file },
        ),
      );
  const needed = union((i) => i.outputs);
  for (const name of needed.filter((n) => !chosen.includes(n))) {
    for (const [c, itf] of interfaces.entries()) {
      const local = (variables[c].get(name) ?? name).toLowerCase();
      const [read, reader] = [...itf.readers].find(([v]) => v.toLowerCase() === local) ?? [];
      if (reader !== undefined)
        refusals.push(
          new RefactorRefusal(
            `reads ${read} after the nodes that write it: the module must return ${name} (add it to the outputs chosen)`,
            { file: occurrences[c].flow.file, node: reader },
          ),
        );
    }
  }
  return [...new Set(chosen.filter((n) => written.includes(n)))].sort();
}

/** Analyses the copies of one subgraph (every occurrence lists its nodes position for position). */
export function analyseShared(occurrences: readonly Occurrence[], outputs?: readonly string[]): SharedSubgraph {
  const first = occurrences[0];
  const size = first.order.length;
  const refusals: RefactorRefusal[] = [];
  const at = (o: Occurrence, position: number) => ({ file: o.flow.file, node: o.order[position] });
  const names = Array.from({ length: size }, (_, i) =>
    mostCommon(
      occurrences.map((o) => o.order[i]),
      (n) => n,
    ),
  );
  const labels = Array.from({ length: size }, (_, i) =>
    mostCommon(
      occurrences.map((o) => (o.flow.model.nodes[o.order[i]] as { label?: string }).label),
      (l) => l ?? "",
    ),
  );
  const callerKinds = [
    ...new Set(
      occurrences.flatMap((o) =>
        isModuleModel(o.flow.model) ? o.flow.model.compatibleFlowTypes : [o.flow.model.kind as CallerKind],
      ),
    ),
  ].sort();

  const groups = exitGroups(occurrences);
  if (groups.length === 0) {
    refusals.push(
      new RefactorRefusal(
        `every way through the subgraph from here ends the interaction: a module call must continue at a node after it, and nothing does`,
        at(first, 0),
      ),
    );
  }
  const ranked = groups.length === 0 ? [] : outcomes(first, groups);
  const done = ranked.filter((g) => g.outcome === "completed");
  const failed = ranked.filter((g) => g.outcome === "error");
  const extra = done[2] ?? failed[1];
  if (extra !== undefined) {
    const where = (gs: ReadonlyArray<(typeof groups)[number]>) => gs.map((g) => `"${g.targets[0]}"`).join(" and ");
    const others = done[2] !== undefined ? done.slice(0, 2) : failed.slice(0, 1);
    const more = ranked.length - others.length - 1;
    refusals.push(
      new RefactorRefusal(
        `its transition "${extra.transitions[0].transition}" is ${done[2] !== undefined ? "a third way out of the subgraph that is no failure" : "a second way out of the subgraph on failure"} (to "${extra.targets[0]}"; ${others.length === 1 ? "the other goes to" : "the others go to"} ${where(others)}${more > 0 ? `, and ${more} more elsewhere` : ""}): a module's callers go on at two places at most when it completes (an output tells them which) and at one when it fails`,
        at(first, extra.transitions[0].position),
      ),
    );
  }
  const exits: ExitGroup[] = [...done.slice(0, 2), ...failed.slice(0, 1)].map((g) => ({
    outcome: g.outcome,
    transitions: g.transitions,
    targets: g.targets,
  }));

  // Nodes a module cannot hold.
  for (let i = 0; i < size; i++) {
    const node = first.flow.model.nodes[first.order[i]];
    const why = whyNotInModule(first.flow.model, node) ?? moduleOffers(callerKinds, node.type);
    if (why !== undefined) refusals.push(new RefactorRefusal(why, at(first, i)));
  }

  // A module's node names one placeholder where each copy names its own stack value: a caller would get another's.
  for (let i = 0; i < size; i++) {
    const spelt = occurrences.map((o) => placeholdersOf(o.flow.model.nodes[o.order[i]]).join(", "));
    const other = spelt.findIndex((p) => p !== spelt[0]);
    if (other > 0) {
      refusals.push(
        new RefactorRefusal(
          `its copies name different placeholders (${spelt[0]} here, ${spelt[other]} in ${occurrences[other].flow.file}): a module's node names one, so a caller would get another's value`,
          at(first, i),
        ),
      );
    }
  }

  const interfaces = occurrences.map((o) => subgraphInterface(o.flow.model, o.order, exitsOf(o.flow.model, o.order)));
  const variables = moduleVariables(occurrences);
  const moduleName = variables.map((names) => new Map([...names].map(([name, local]) => [local.toLowerCase(), name])));
  const union = (pick: (i: SubgraphInterface) => readonly string[]) =>
    [
      ...new Set(
        interfaces.flatMap((itf, c) => pick(itf).map((local) => moduleName[c].get(local.toLowerCase()) ?? local)),
      ),
    ].sort();
  const typeOf = (name: string): ValueType | undefined => {
    const types = [
      ...new Set(
        occurrences
          .map((o, c) => ownType(o.flow.model, variables[c].get(name) ?? name))
          .filter((t): t is ValueType => t !== undefined),
      ),
    ];
    if (types.length > 1) {
      refusals.push(
        new RefactorRefusal(
          `variable "${name}" has type ${types.join(" in one copy and ")} in another: a module's ${name} has one type`,
          { file: first.flow.file },
        ),
      );
    }
    return types[0];
  };
  const port = (name: string): Port[] => {
    const type = typeOf(name);
    return type === undefined ? [] : [{ name, type }];
  };
  const inputs: Port[] = union((i) => i.inputs).flatMap(port);
  const returned =
    outputs === undefined
      ? union((i) => i.outputs)
      : chosenOutputs(occurrences, interfaces, variables, union, outputs, refusals);
  const passThrough = returned.filter(
    (v) => union((i) => i.passThrough).includes(v) || inputs.some((i) => i.name === v),
  );
  for (const p of passThrough) if (!inputs.some((i) => i.name === p)) inputs.push(...port(p));
  inputs.sort((a, b) => cmp(a.name, b.name));
  const ports: Port[] = returned.flatMap(port);
  const taken = new Set([...inputs, ...ports].map((p) => p.name));
  const internal: Port[] = union((i) => i.internal)
    .filter((n) => !taken.has(n))
    .flatMap(port);
  // Two ways on when it completes: an output the callers test, one that tells them apart or one the returns set.
  let branch =
    exits[1]?.outcome === "completed"
      ? telling({ occurrences, variables, interfaces, outputs: ports }, exits)
      : undefined;
  if (exits[1]?.outcome === "completed" && branch === undefined && extra === undefined) {
    const callers = occurrences.flatMap((o) => [...declaredNames(o.flow.model).values()]);
    branch = {
      output: freeName(
        `took${names[exits[0].transitions[0].position]}`,
        new Set([...taken, ...internal.map((p) => p.name), ...callers]),
      ),
      value: "true",
      synthesized: true,
    };
    ports.push({ name: branch.output, type: "boolean" });
  }

  // Built-ins: read by the module itself where every calling kind has them alike, else given by the caller.
  for (const b of union((i) => i.builtins)) {
    const inModule = callerKinds.map((k) => builtinVariable(FLOW_KINDS[k].archyKey, b));
    const known = (v: ReturnType<typeof builtinVariable>) =>
      v !== undefined && "type" in v && !("unknownMember" in v) && !("unavailable" in v);
    if (
      inModule.every(known) &&
      inModule.every((v) => (v as { type: string }).type === (inModule[0] as { type: string }).type)
    )
      continue;
    const user = occurrences.flatMap((o) =>
      o.order.filter((n) => usesOf(o.flow.model, o.flow.model.nodes[n]).builtins.has(b)).map((n) => ({ o, n })),
    )[0];
    const inCaller = builtinVariable(FLOW_KINDS[user.o.flow.model.kind].archyKey, b);
    const type = inCaller !== undefined && "type" in inCaller ? inCaller.type : undefined;
    const where = { file: user.o.flow.file, node: user.n };
    if (type === undefined || !(VALUE_TYPES as readonly string[]).includes(type)) {
      refusals.push(
        new RefactorRefusal(
          `it reads ${b}${type !== undefined ? ` (${type})` : ""}, which a module called by ${callerKinds.join(", ")} flows cannot read itself and a module input cannot carry`,
          where,
        ),
      );
      continue;
    }
    const name = builtinInputName(b);
    if (taken.has(name))
      refusals.push(
        new RefactorRefusal(
          `it reads ${b}, whose module input would be named "${name}" like a variable of the flow`,
          where,
        ),
      );
    inputs.push({ name, type: type as ValueType, builtin: b });
    taken.add(name);
  }
  for (const [i, itf] of interfaces.entries()) {
    for (const f of itf.foreign)
      refusals.push(
        new RefactorRefusal(`it reads ${f.name}, which the flow does not declare: nothing can give it to a module`, {
          file: occurrences[i].flow.file,
          node: f.node,
        }),
      );
  }
  return {
    occurrences: [...occurrences],
    names,
    labels,
    exits,
    waysOut: groups.map((g) => g.targets[0]),
    interfaces,
    variables,
    inputs,
    outputs: ports,
    passThrough,
    internal,
    ...(branch ? { branch } : {}),
    callerKinds,
    refusals,
  };
}
