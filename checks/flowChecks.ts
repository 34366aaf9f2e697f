// Core checks of one flow on its own: references between nodes, node types its kind allows,
// variable declarations and the variables nodes write, and loops only through loop nodes.
import { withArticle } from "../model/words";
import { FLOW_KINDS } from "../model/kinds";
import {
  cyclesWithNoWayOut,
  cyclesWithoutJump,
  loopNodes,
  loopStructure,
  reachableFrom,
  successors,
} from "../model/graph";
import { descriptorOf, NODE_DESCRIPTORS, NODE_TYPES, transitionsOf } from "../model/nodes";
import { isModuleModel } from "../model/schema";
import { rawEntryNodes } from "../model/rawEntries";
import { didYouMean, listNames, suggestThen } from "../archy/suggest";
import {
  assignable,
  LITERAL_INITIAL_TYPES,
  MAX_NAME_LENGTH,
  RESERVED_OUTCOME_NAME,
  type ValueType,
} from "../model/types";
import type { Finding } from "./finding";
import type { CheckFlow } from "./input";
import { findingsOf, sortedKeys } from "./locate";
import { contextKinds, symbolsOf } from "./symbols";

export function checkReferences(flow: CheckFlow): Finding[] {
  const { model } = flow;
  const ids = Object.keys(model.nodes);
  const found = findingsOf(flow, "flow-references");
  // Own keys only: `start: toString` must not resolve to Object.prototype.toString.
  if (!Object.hasOwn(model.nodes, model.start)) {
    found.flow("start", `points to "${model.start}", no such node${didYouMean(model.start, ids)}`);
  }
  for (const id of sortedKeys(model.nodes)) {
    // Transitions a node type names from its fields (an archy node's branches) are not in the schema: check them here.
    const known = transitionsOf(model.nodes[id]).map((t) => t.spec.name);
    for (const name of Object.keys(model.nodes[id].transitions ?? {}).sort()) {
      if (!known.includes(name)) {
        found.node(
          id,
          `transitions.${name}`,
          `unknown transition "${name}"${suggestThen(name, known, `valid transitions here: ${known.join(", ")}`)}`,
        );
      }
    }
    for (const { spec, target } of transitionsOf(model.nodes[id])) {
      if (target !== undefined && !Object.hasOwn(model.nodes, target)) {
        found.node(id, `transitions.${spec.name}`, `points to "${target}", no such node${didYouMean(target, ids)}`);
      } else if (target === undefined && spec.required) {
        found.node(id, "transitions", `has no "${spec.name}" transition; a ${model.nodes[id].type} node needs one`);
      }
    }
  }
  return found.list;
}

export function checkNodeKinds(flow: CheckFlow): Finding[] {
  const { model } = flow;
  const symbols = symbolsOf(model);
  const kind = FLOW_KINDS[model.kind];
  const found = findingsOf(flow, "node-kinds");
  for (const id of sortedKeys(model.nodes)) {
    const node = model.nodes[id];
    const d = descriptorOf(node);
    if (d.moduleOnly && !kind.isModule) {
      found.node(
        id,
        "type",
        `a ${node.type} node is only allowed in a common module; end a ${kind.title} path with ${pathEnders(kind.nodeTypes)}`,
      );
      continue;
    }
    if (symbols.nodeTypes.has(node.type)) continue;
    if (!kind.nodeTypes.includes(node.type)) {
      found.node(
        id,
        "type",
        `${withArticle(kind.title)} cannot use a ${node.type} node; node types of this kind: ${kind.nodeTypes.join(", ")}`,
      );
    } else {
      const missing = contextKinds(model)
        .filter((k) => !k.nodeTypes.includes(node.type))
        .map((k) => k.kind);
      found.node(
        id,
        "type",
        `this module is compatible with ${missing.join(", ")}, which cannot use a ${node.type} node; Genesys offers in a module only what every compatible flow type shares`,
        `remove ${missing.join(", ")} from compatibleFlowTypes, or use another node type`,
      );
    }
  }
  return found.list;
}

function pathEnders(types: readonly string[]): string {
  return NODE_TYPES.filter((t) => types.includes(t) && NODE_TYPE_ENDS.has(t)).join(" or ");
}
function descriptorOfType(t: (typeof NODE_TYPES)[number]): boolean {
  return NODE_DESCRIPTORS[t].terminal;
}
const NODE_TYPE_ENDS: ReadonlySet<string> = new Set(
  NODE_TYPES.filter((t) => t !== "archy" && t !== "return" && descriptorOfType(t)),
);

/** Initial values are literals of the variable's type: real exports initialise with `lit` or nothing. */
function literalFits(type: ValueType, value: string | number | boolean): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "decimal":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    default:
      return false;
  }
}

export function checkVariables(flow: CheckFlow): Finding[] {
  const { model } = flow;
  const found = findingsOf(flow, "variables");
  const symbols = symbolsOf(model);
  const sections: Array<[string, Record<string, { type: ValueType; initial?: string | number | boolean }>]> =
    isModuleModel(model)
      ? [
          ["inputs", model.inputs],
          ["outputs", model.outputs],
          ["variables", model.variables],
        ]
      : [["variables", model.variables]];
  const seen = new Map<string, string>();
  for (const [section, entries] of sections) {
    for (const name of sortedKeys(entries)) {
      const field = `${section}.${name}`;
      if (isModuleModel(model) && name === RESERVED_OUTCOME_NAME) {
        found.flow(
          field,
          `"${RESERVED_OUTCOME_NAME}" is reserved for the module's outcome (completed or error), which callers read through the subflow's transitions; choose another name`,
        );
        continue;
      }
      const other = seen.get(name.toLowerCase());
      if (other !== undefined) {
        found.flow(
          field,
          `"${name}" is also declared as ${other}; names must be unique across a flow's ${isModuleModel(model) ? "inputs, outputs and variables" : "variables"} (Architect compares them case-insensitively)`,
        );
        continue;
      }
      seen.set(name.toLowerCase(), `${section}.${name}`);
      const decl = entries[name];
      if (decl.initial !== undefined) {
        if (!LITERAL_INITIAL_TYPES.includes(decl.type)) {
          found.flow(
            `${field}.initial`,
            `a ${decl.type} variable cannot have an initial value in the model; set it with a setVariable node`,
          );
        } else if (!literalFits(decl.type, decl.initial)) {
          const hint = typeof decl.initial === "string" && decl.type !== "string" ? `; write it without quotes` : "";
          found.flow(
            `${field}.initial`,
            `expected a ${decl.type} literal, found ${JSON.stringify(decl.initial)}${hint}`,
          );
        }
      }
    }
  }
  const declareHint = isModuleModel(model)
    ? "declare it under inputs, outputs or variables"
    : "declare it under variables";
  for (const id of sortedKeys(model.nodes)) {
    const node = model.nodes[id];
    for (const w of descriptorOf(node).writes(node)) {
      // A return node writes the module's outputs, checked against the outputs below.
      if (node.type === "return") {
        if (!isModuleModel(model)) continue;
        const outs = Object.keys(model.outputs);
        if (!Object.hasOwn(model.outputs, w.variable)) {
          found.node(
            id,
            w.field,
            `module output "${w.variable}" is not declared${suggestThen(w.variable, outs, `declared outputs: ${listNames(outs)}`)}`,
          );
        }
        continue;
      }
      const t = symbols.declared.get(w.variable);
      if (t === undefined) {
        found.node(
          id,
          w.field,
          `variable "${w.variable}" is not declared${suggestThen(w.variable, symbols.declared.keys(), declareHint)}`,
        );
      } else if (w.type !== undefined && !assignable(w.type, t)) {
        found.node(
          id,
          w.field,
          `variable "${w.variable}" is ${t}; this node stores a ${w.type} value`,
          `declare "${w.variable}" as ${w.type}, or store into a ${w.type} variable`,
        );
      }
    }
    found.list.push(...generatedNameFindings(flow, id, seen));
    if (node.type === "collectDigits" && node.minDigits > node.maxDigits) {
      found.node(id, "minDigits", `${node.minDigits} is greater than maxDigits ${node.maxDigits}`);
    }
  }
  return found.list;
}

/**
 * The variables the compiler declares for node `id` (model/nodes: a subflow's outcome, a loop's
 * index) must not take the name of a declared one (`declared`: lower-case name -> where it is
 * declared; Architect compares names case-insensitively) nor be longer than a name may be.
 * Reported at the node that causes them, with what to rename.
 */
function generatedNameFindings(flow: CheckFlow, id: string, declared: ReadonlyMap<string, string>): Finding[] {
  const node = flow.model.nodes[id];
  const found = findingsOf(flow, "variables");
  for (const g of descriptorOf(node).generatedVariables?.(node, id, { isModule: isModuleModel(flow.model) }) ?? []) {
    const taken = declared.get(g.name.toLowerCase());
    if (taken !== undefined) {
      found.node(
        id,
        undefined,
        `the compiler declares variable "${g.name}" for this node (${g.description.replace(/\.$/, "")}), and ${taken} takes that name (Architect compares names case-insensitively)`,
        `rename ${taken}, or rename node "${id}"`,
      );
    } else if (g.name.length > MAX_NAME_LENGTH) {
      found.node(
        id,
        undefined,
        `the compiler declares variable "${g.name}" for this node, ${g.name.length} characters long; a variable name is at most ${MAX_NAME_LENGTH}`,
        `shorten node id "${id}" to at most ${MAX_NAME_LENGTH - (g.name.length - id.length)} characters`,
      );
    }
  }
  return found.list;
}

export function checkLoops(flow: CheckFlow): Finding[] {
  const { model } = flow;
  const found = findingsOf(flow, "graph-loops");
  const structure = loopStructure(model);
  const graph = successors(model);
  // Nodes no path reaches are never compiled (reachable-nodes reports them): their edges do not count.
  const reached = reachableFrom(successors(model, { globalChoices: true }), [model.start]);
  // Entering a loop's body from outside would skip the loop's bound.
  for (const [loop, body] of structure.bodies) {
    const first = loopNodes(model).get(loop)?.body;
    for (const [from, targets] of graph) {
      if (from === loop || body.has(from) || !reached.has(from)) continue;
      for (const to of targets) {
        if (body.has(to) && to !== first) {
          found.node(
            from,
            "transitions",
            `goes to "${to}" inside the body of loop "${loop}" from outside it; enter the loop through "${loop}"`,
          );
        } else if (to === first && body.has(to)) {
          found.node(
            from,
            "transitions",
            `goes to "${to}", the first node of loop "${loop}"'s body, from outside the loop; go to "${loop}" instead`,
          );
        }
      }
    }
  }
  // Raw Archy enters a node with a jump to its task, which leaves any loop: not one in a loop's body.
  for (const id of rawEntryNodes(model)) {
    for (const [loop, body] of structure.bodies) {
      if (body.has(id) || loopNodes(model).get(loop)?.body === id) {
        found.node(
          id,
          "type",
          `raw Archy moves to "${id}" (a jump to its task), which is in the body of loop "${loop}": a jump leaves the loop`,
          `move "${id}" out of the loop's body, or move the raw Archy to a node outside it`,
        );
      }
    }
  }
  // A menu is entered by a jump, which leaves any loop: loop bodies stop at menus (model/graph.ts loopStructure).
  const kind = FLOW_KINDS[model.kind];
  const jumpsBetweenTasks = kind.reusableTasks && !kind.isModule;
  const fix = (first: string) =>
    `make the repetition bounded: put a loop node in front of "${first}" and go back to it instead of to "${first}"`;
  const reported = new Set<string>();
  for (const cycle of cyclesWithoutJump(model, { jumpsBetweenTasks }, structure)) {
    reported.add(cycle[0]);
    const why = jumpsBetweenTasks
      ? "and holds a loop or part of a loop's body"
      : `(${withArticle(kind.title)} has no reusable tasks to jump back to)`;
    found.node(
      cycle[0],
      "transitions",
      `nodes form a cycle (${cycle.join(" -> ")}) that goes through neither a loop node nor a menu ${why}`,
      fix(cycle[0]),
    );
  }
  // A cycle a path can never leave: the interaction would never end.
  for (const cycle of cyclesWithNoWayOut(model, structure)) {
    if (reported.has(cycle[0])) continue;
    found.node(
      cycle[0],
      "transitions",
      `nodes form a cycle (${cycle.join(" -> ")}) with no way out: no path from it reaches a node that ends the flow`,
      fix(cycle[0]),
    );
  }
  return found.list;
}
