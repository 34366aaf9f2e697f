// An Archy flow (an export, or a flow's published configuration) -> the flow model. Pure: text
// in, a model and a report out; files and the org are the CLI's business.
//
//  - The flow type is a kind (model/kinds); name, description, division and language are model
//    fields; a module's isInput/isOutput variables are its inputs and outputs, its compatible flow
//    types its compatibleFlowTypes.
//  - The rest of the flow-level Archy (settings, greeting, languages, menus, work type, variable
//    declarations the model cannot express) goes to `archySettings`, unchanged, except keys equal
//    to the kind's defaults. Menus stay raw, and so do the tasks they move to: elements the node
//    graph cannot hold are kept verbatim in archySettings.tasks/states/bots (import/graph.ts).
//  - The body (startUpRef to a task, state or bot, or startUpTaskActions; a start at a menu jumps
//    to it) becomes the node graph (import/graph.ts); Task and State variables become flow
//    variables (import/variables.ts).
// `{{placeholders}}` (quoted or not) are kept through the import as they are; one standing in an
// expression's code (`exp: {{id}} + 1`), which Terraform fills with a number or a Boolean, is typed
// by the value the stacks give it (ToInt("{{id}}"), ...), else the import wants that value.
import { isDeepStrictEqual } from "node:util";
import { FlowLoadError } from "../model/errors";
import { writesDefaultLanguage } from "../model/archySettings";
import { FLOW_KINDS, KIND_NAMES, kindByArchyKey, kindByFlowType, type FlowKindDescriptor } from "../model/kinds";
import { descriptorOf, NODE_DESCRIPTORS, targetsOf, type FlowNode, type NodeType } from "../model/nodes";
import { validateFlowValue } from "../model/shape";
import { VARIABLE_NAME_PATTERN, type ValueType } from "../model/types";
import { readYaml, type YamlPath } from "../model/yamlReader";
import { ImportError } from "./errors";
import {
  buildGraph,
  countActions,
  type GraphResult,
  elementKey,
  retarget,
  type Element,
  type GraphContext,
  type RawUse,
} from "./graph";
import { idFor, parseRef } from "./refs";
import { cmp, isMap, pathText, single, type Json } from "../archy/json";
import { FLOW_TYPES } from "../archy/catalogue/flowTypes";
import { collectRefIds, duplicateRefIdMessage, validateArchyDocument, type ArchyFinding } from "../archy/validate";
import { protectPlaceholders, typeExpressions } from "./placeholders";
import { sourceLines, type SourceLine } from "./sourceLines";
import { importVariables } from "./variables";

export interface ImportOptions {
  /** Where the Archy comes from (a file, an org flow): messages and the imported file's header. */
  source: string;
  /** The model's name (default: the flow's `name`), e.g. the org name without the stack's prefix. */
  name?: string;
  /** `{{key}}` -> value, replaced in the text before reading it, as the provider does. */
  substitutions?: Readonly<Record<string, string>>;
  /** The values the stacks will give, the placeholders kept: they type those in an expression's code. */
  stackValues?: Readonly<Record<string, string>>;
}

export interface ImportReport {
  source: string;
  kind: string;
  name: string;
  /** Actions that became typed nodes, by node type. */
  typed: Record<string, number>;
  /** Actions kept raw in archy nodes and archySettings (menus), nested ones included, by action key. */
  raw: Record<string, number>;
  /** Moves that became edges of the graph (callTask, endTask, loopExit, ...), by key. */
  structural: Record<string, number>;
  /** Each archy node's first action and why it could not be typed. */
  unmapped: RawUse[];
  notes: string[];
  /** `{{placeholders}}` the model keeps (a stack must give them values). */
  placeholders: string[];
}

export interface ImportResult {
  /** The flow model as plain data, keys in the order a person reads them. */
  model: Record<string, unknown>;
  report: ImportReport;
  /** The export's line of what a finding of the model names (import/sourceLines.ts). */
  sourceLine?: SourceLine;
  /**
   * What the Archy validator finds certainly invalid in the export itself (placeholders as
   * written): the import's safety net for what the flow model would not show, such as an
   * element it could not read (import/plan.ts).
   */
  exportErrors?: ArchyFinding[];
}

const BODY_KEYS = new Set([
  "name",
  "description",
  "division",
  "defaultLanguage",
  "startUpRef",
  "startUpTaskActions",
  "startUpState",
  "tasks",
  "states",
  "bots",
  "variables",
  "settingsCommonModule",
  "menus",
]);

export function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

function fail(source: string, path: YamlPath, line: number | undefined, message: string): never {
  throw new ImportError(source, pathText(path), line, message);
}

/** The keys of a task, state or bot the import reads (variables and outputPaths by import/variables.ts and import/returns.ts). */
const ELEMENT_KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  task: new Set(["name", "refId", "actions", "variables", "outputPaths"]),
  state: new Set(["name", "refId", "actions", "variables"]),
  bot: new Set(["name", "refId", "actions"]),
};

/** The keys of an element, as exported, that the import does not read. */
function unreadKeys(original: Record<string, Json>, el: Element): string[] {
  const [, listKey, index, kindName] = el.path;
  const list = original[listKey as string];
  const item = Array.isArray(list) ? list[index as number] : undefined;
  const body = isMap(item) ? item[kindName as string] : undefined;
  const known = ELEMENT_KEYS[el.kind];
  return isMap(body) && known ? Object.keys(body).filter((k) => !known.has(k)) : [];
}

/** What the file may well hold validly, but the model cannot express: the import skips the file with a warning. */
function unsupported(source: string, path: YamlPath, line: number | undefined, message: string): never {
  throw new ImportError(source, pathText(path), line, message, "unsupported");
}

/** What the model allows where it runs: its kind's node types, and for a module every compatible kind's. */
function allowedNodeTypes(kind: FlowKindDescriptor, compatible: FlowKindDescriptor[]): Set<NodeType> {
  const contexts = kind.isModule ? compatible : [kind];
  return new Set(
    kind.nodeTypes.filter(
      (t) => NODE_DESCRIPTORS[t].moduleOnly === true || contexts.every((k) => k.nodeTypes.includes(t)),
    ),
  );
}

/** The default languages the compiler writes: an import leaves out what equals them. */
function defaultLanguages(kind: FlowKindDescriptor, language: string): Json {
  return kind.isModule ? { "en-us": { none: true } } : { [language]: { defaultLanguageSkill: { noValue: true } } };
}

/** Every refId a document gives (tasks, states, bots, menus, choices): node ids keep clear of them, since raw elements and menus keep theirs. */
function refIdsOf(body: Json): Set<string> {
  const out = new Set<string>();
  const visit = (v: Json): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isMap(v)) {
      if (typeof v.refId === "string") out.add(v.refId);
      Object.values(v).forEach(visit);
    }
  };
  visit(body);
  return out;
}

/** The nodes in reading order: depth first from the start, transitions in their order; the rest after. */
function ordered(nodes: Record<string, FlowNode>, start: string): Record<string, FlowNode> {
  const out: Record<string, FlowNode> = {};
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (Object.hasOwn(out, id) || !Object.hasOwn(nodes, id)) continue;
    out[id] = nodes[id];
    stack.push(...targetsOf(nodes[id]).reverse());
  }
  for (const [id, n] of Object.entries(nodes)) if (!Object.hasOwn(out, id)) out[id] = n;
  return out;
}

/** A node with its keys in reading order: type, label, fields, transitions. */
function tidy(node: FlowNode): Record<string, unknown> {
  const { type, label, transitions, ...fields } = node as FlowNode & { label?: string };
  return {
    type,
    ...(label !== undefined ? { label } : {}),
    ...fields,
    ...(Object.keys(transitions ?? {}).length > 0 ? { transitions } : {}),
  };
}

export function importArchyText(text: string, options: ImportOptions): ImportResult {
  const substituted = options.substitutions
    ? Object.entries(options.substitutions).reduce((t, [k, v]) => t.split(`{{${k}}}`).join(v), text)
    : text;
  const protectedText = protectPlaceholders(substituted);
  const read = readYaml(protectedText.text);
  if (!read.ok) {
    const p = read.problems[0];
    throw new ImportError(options.source, "", p.line, `not valid YAML: ${p.message}`);
  }
  const lineOf = (path: YamlPath) => read.locator.locate(path).line;
  const values = options.stackValues ?? {};
  const valueOf = (k: string) => (Object.hasOwn(values, k) ? values[k] : undefined);
  const typed = typeExpressions(read.value as Json, protectedText.restore, valueOf);
  if (typed.untyped.length > 0) {
    throw codePlaceholdersWanting(typed.untyped, options.source, lineOf, protectedText.restore);
  }
  let result: ImportResult;
  try {
    result = importDocument(typed.doc, lineOf, options, protectedText.restore);
  } catch (e) {
    // Messages name the placeholders, not their tokens.
    if (e instanceof ImportError)
      throw new ImportError(
        e.file,
        protectedText.restore(e.path) as string,
        e.line,
        protectedText.restore(e.reason) as string,
        e.verdict,
      );
    throw e;
  }
  const exported = protectedText.restore(typed.doc);
  const found = validateArchyDocument(exported, { locate: (p) => read.locator.locate(p) });
  const exportErrors = found.filter((f) => f.verdict === "invalid");
  return {
    ...result,
    report: { ...(protectedText.restore(result.report) as ImportReport), placeholders: protectedText.keys },
    exportErrors,
  };
}

/** Placeholders in an expression's code no value types: the import wants one for each. */
function codePlaceholdersWanting(
  untyped: ReadonlyArray<{ path: YamlPath; keys: string[] }>,
  source: string,
  lineOf: (path: YamlPath) => number | undefined,
  restore: (value: unknown) => unknown,
): ImportError {
  const keys = [...new Set(untyped.flatMap((u) => u.keys))];
  const lines = untyped.map((u) => lineOf(u.path) ?? "?").join(", ");
  const reason =
    `${keys.map((k) => `{{${k}}}`).join(", ")} stand${keys.length === 1 ? "s" : ""} ` +
    `in an expression's code (line ${lines}), ` +
    `not in a string literal, so a stack's value would be spliced into it; give ${keys.length === 1 ? "it" : "each"} ` +
    `a whole number, a number, or true or false: ${keys.map((k) => `--set ${k}=<value>`).join(" ")}`;
  const first = untyped[0].path;
  return new ImportError(source, restore(pathText(first)) as string, lineOf(first), reason, "wanting");
}

/** `restore` puts the placeholders back where a token stands for them (import/placeholders.ts). */
function importDocument(
  doc: Json,
  lineOf: (path: YamlPath) => number | undefined,
  options: ImportOptions,
  restore: (value: unknown) => unknown,
): ImportResult {
  const source = options.source;
  const top = single(doc);
  if (!top || !isMap(top[1]))
    fail(
      source,
      [],
      1,
      "an Archy flow is a mapping with one key naming its flow type (inboundCall, commonModule, ...)",
    );
  const [archyKey, original] = top as [string, Record<string, Json>];
  const kind = kindByArchyKey(archyKey);
  if (!kind) {
    // Not a refusal: Archy may have the type (voicemail) or a newer one the catalogue lacks.
    const known = Object.hasOwn(FLOW_TYPES, archyKey)
      ? "Archy has this flow type; the model cannot express it yet"
      : "nor is it a flow type the Archy catalogue knows";
    unsupported(
      source,
      [archyKey],
      lineOf([archyKey]),
      `flow type "${archyKey}" has no kind in the flow model (${known}; kinds: ${KIND_NAMES.map((k) => FLOW_KINDS[k].archyKey).join(", ")})`,
    );
  }
  // Two elements with one refId: a reference to it is ambiguous and the elements below would keep
  // only one of them, silently. Refused, as the validator refuses it (archy/validate/).
  collectRefIds(original, [archyKey], (path, refId, uses) =>
    fail(source, path, lineOf(path), duplicateRefIdMessage(refId, uses)),
  );
  const notes: string[] = [];
  const { body, declared, lifted, parameterised, conflicting } = importVariables(original, kind);
  for (const c of conflicting) {
    const at = (i: number) => lineOf([archyKey, "variables", i]);
    notes.push(
      `variable ${c.name} is declared again at line ${at(c.index) ?? "?"}, with another type or value than at line ${at(c.kept) ?? "?"}: the first declaration is kept`,
    );
  }
  if (lifted.length > 0) {
    notes.push(
      `task and state variables are flow variables now (${lifted.map(([from, to]) => `${from} -> ${to}`).join(", ")}): they keep their value for the whole flow, where Archy resets them each time their task or state starts`,
    );
  }

  const name = options.name ?? body.name;
  if (typeof name !== "string" || name === "")
    fail(source, [archyKey, "name"], lineOf([archyKey, "name"]), "the flow has no name");
  const model: Record<string, unknown> = { kind: kind.kind, name };
  if (typeof body.description === "string" && body.description !== "") model.description = body.description;
  if (typeof body.division === "string" && body.division !== "") model.division = body.division;
  const language = typeof body.defaultLanguage === "string" ? body.defaultLanguage : "en-us";
  const languageInModel = writesDefaultLanguage(kind);
  if (languageInModel) {
    model.defaultLanguage = language;
  }

  // A module: compatible flow types, inputs and outputs.
  let compatible: FlowKindDescriptor[] = [];
  if (kind.isModule) {
    const settings = body.settingsCommonModule;
    const list = isMap(settings) && Array.isArray(settings.compatibleFlowTypes) ? settings.compatibleFlowTypes : [];
    if (isMap(settings) && Object.keys(settings).some((k) => k !== "compatibleFlowTypes")) {
      unsupported(
        source,
        [archyKey, "settingsCommonModule"],
        lineOf([archyKey, "settingsCommonModule"]),
        `settingsCommonModule has keys the model has no field for: ${Object.keys(settings)
          .filter((k) => k !== "compatibleFlowTypes")
          .join(", ")}`,
      );
    }
    compatible = list.map((item, i) => {
      const t = isMap(item) ? item.flowType : undefined;
      const k = typeof t === "string" ? kindByFlowType(t) : undefined;
      if (!k || k.isModule)
        unsupported(
          source,
          [archyKey, "settingsCommonModule", "compatibleFlowTypes", i],
          lineOf([archyKey, "settingsCommonModule", "compatibleFlowTypes", i]),
          `compatible flow type ${JSON.stringify(t)} is not a kind of the flow model`,
        );
      return k;
    });
    model.compatibleFlowTypes = compatible.map((k) => k.kind);
    if (Object.keys(declared.inputs).length > 0) model.inputs = declared.inputs;
    if (Object.keys(declared.outputs).length > 0) model.outputs = declared.outputs;
  }
  const variables = declared.variables;
  model.variables = variables;

  // Elements the body moves between.
  const elements = new Map<string, Element>();
  for (const [listKey, kindName] of [
    ["tasks", "task"],
    ["states", "state"],
    ["bots", "bot"],
  ] as const) {
    const list = body[listKey];
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      const el = isMap(item) ? item[kindName] : undefined;
      if (!isMap(el) || typeof el.refId !== "string") return;
      elements.set(`${kindName}\u0000${el.refId}`, {
        kind: kindName,
        refId: el.refId,
        name: typeof el.name === "string" ? el.name : el.refId,
        actions: Array.isArray(el.actions) ? el.actions : [],
        path: [archyKey, listKey, i, kindName],
      });
    });
  }
  // Call menus: menu nodes where the node can express them, else raw (archySettings.menus).
  (Array.isArray(body.menus) ? body.menus : []).forEach((item, i) => {
    const menu = isMap(item) ? item.menu : undefined;
    if (!isMap(menu) || typeof menu.refId !== "string") return;
    elements.set(elementKey("menu", menu.refId), {
      kind: "menu",
      refId: menu.refId,
      name: typeof menu.name === "string" ? menu.name : menu.refId,
      actions: [],
      path: [archyKey, "menus", i, "menu"],
      menu,
    });
  });

  // Flow-level Archy the model has no field for.
  const archySettings: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    // A kind whose compiler writes no defaultLanguage (a module, a survey invite) keeps the export's in archySettings.
    if (BODY_KEYS.has(k) && !(k === "defaultLanguage" && !languageInModel)) continue;
    if (Object.hasOwn(kind.archySettings, k) && isDeepStrictEqual(kind.archySettings[k], v)) continue;
    // The languages the compiler writes anyway need no copy (a kind that omits languages writes none).
    if (
      k === "supportedLanguages" &&
      !(kind.omits ?? []).includes("languages") &&
      isDeepStrictEqual(v, defaultLanguages(kind, language))
    )
      continue;
    archySettings[k] = v;
  }
  if (declared.raw.length > 0) archySettings.variables = declared.raw;

  // The model variable behind an Archy name; a variable Archy creates on first write is declared.
  const rawNames = new Set(
    declared.raw.map((r) => String((Object.values(r)[0] as { name?: unknown })?.name ?? "").toLowerCase()),
  );
  const ctx: GraphContext = {
    allows: (() => {
      const allowed = allowedNodeTypes(kind, compatible);
      return (t: NodeType) => allowed.has(t);
    })(),
    variable(archyName: string, as?: ValueType) {
      const m = /^([A-Za-z]+)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(archyName);
      if (!m || m[1].toLowerCase() !== kind.variableScope.toLowerCase() || !VARIABLE_NAME_PATTERN.test(m[2]))
        return undefined;
      if (rawNames.has(`${kind.variableScope}.${m[2]}`.toLowerCase())) return undefined;
      for (const section of [variables, declared.inputs, declared.outputs] as Array<
        Record<string, { type: ValueType }>
      >) {
        const own = Object.keys(section).find((n) => n.toLowerCase() === m[2].toLowerCase());
        if (own !== undefined) return own === m[2] ? { name: own, type: section[own].type } : undefined;
      }
      if (as === undefined) return undefined;
      variables[m[2]] = { type: as };
      return { name: m[2], type: as };
    },
  };

  // The entry: startUpTaskActions, or the task, state or bot startUpRef names, or a menu.
  // A menu holding a global choice is reachable from every menu, referenced or not (the graph builder reads it).
  const globalMenus = new Set(
    [...elements].filter(([, el]) => el.menu !== undefined && hasGlobalChoice(el.menu)).map(([key]) => key),
  );
  // A task given inputs (taskInputs) keeps its own Task variables, which the node graph cannot hold: kept as exported.
  const withInputs = [...parameterised].map((refId) => elementKey("task", refId)).filter((key) => elements.has(key));
  for (const key of withInputs)
    notes.push(
      `task "${elements.get(key)!.name}" is given inputs by callTask (taskInputs), which the flow model has no field for: kept as exported, with its own Task variables`,
    );
  // An element with keys the import does not read (a newer Archy's, say) is kept as exported
  // rather than lose them; the validator then checks them where they stay (archySettings).
  const unread: string[] = [];
  for (const [key, el] of elements) {
    const keys = el.menu === undefined ? unreadKeys(original, el) : [];
    if (keys.length === 0) continue;
    unread.push(key);
    notes.push(
      `${el.kind} "${el.name}" (line ${lineOf(el.path) ?? "?"}) has keys the import does not read (${keys.join(", ")}): kept as exported`,
    );
  }
  const input = {
    kind,
    archyKey,
    elements,
    ctx,
    lineOf: (p: Array<string | number>) => lineOf(p),
    file: source,
    reservedIds: refIdsOf(original),
    language,
    raw: new Set([...withInputs, ...unread]),
    globalMenus: [...globalMenus].sort(),
  };
  let graph: GraphResult;
  if (kind.body === "startUpTaskActions") {
    const actions = Array.isArray(body.startUpTaskActions) ? body.startUpTaskActions : [];
    graph = buildGraph(input, { actions, path: [archyKey, "startUpTaskActions"] });
  } else if (kind.body === "startUpState") {
    const state = isMap(body.startUpState) ? body.startUpState : {};
    const unread = Object.keys(state).filter((k) => !ELEMENT_KEYS.state.has(k));
    if (unread.length > 0)
      unsupported(
        source,
        [archyKey, "startUpState", unread[0]],
        lineOf([archyKey, "startUpState", unread[0]]),
        `the start-up state has keys the import does not read (${unread.join(", ")}), and the model has no place to keep them`,
      );
    graph = buildGraph(input, {
      actions: Array.isArray(state.actions) ? state.actions : [],
      path: [archyKey, "startUpState", "actions"],
    });
  } else {
    const ref = parseRef(body.startUpRef);
    if (!ref)
      fail(
        source,
        [archyKey, "startUpRef"],
        lineOf([archyKey, "startUpRef"]),
        `startUpRef ${JSON.stringify(body.startUpRef)} does not name a task, state, bot or menu of the flow`,
      );
    if (ref.kind === "menu") {
      const menu = elements.get(elementKey("menu", ref.refId));
      if (!menu)
        fail(
          source,
          [archyKey, "startUpRef"],
          lineOf([archyKey, "startUpRef"]),
          `menu "${ref.refId}" does not exist in this flow`,
        );
      // The flow starts at the menu node, or (a raw menu) at a node that jumps to it.
      graph = buildGraph(input, {
        actions: [{ jumpToMenu: { name: menu.name, targetMenuRef: body.startUpRef } }],
        path: [archyKey, "startUpRef"],
      });
      if (graph.nodes[graph.start]?.type === "archy")
        notes.push(`the flow starts at menu "${menu.name}", kept raw: its start node jumps to it`);
    } else {
      const el = elements.get(`${ref.kind}\u0000${ref.refId}`);
      if (!el)
        fail(
          source,
          [archyKey, "startUpRef"],
          lineOf([archyKey, "startUpRef"]),
          `${ref.kind} "${ref.refId}" does not exist in this flow`,
        );
      if (ref.kind === "bot") graph = buildGraph(input, { actions: el.actions, path: [...el.path, "actions"] });
      else {
        // Entered as a move into the start element, so a path that comes back to it (a jump to the
        // start task) is a cycle to the same nodes, not a second copy of them.
        const move =
          ref.kind === "state"
            ? { changeState: { name: el.name, targetStateRef: body.startUpRef } }
            : { jumpToTask: { name: el.name, targetTaskRef: body.startUpRef } };
        graph = buildGraph(input, { actions: [move], path: [archyKey, "startUpRef"] });
      }
      if (graph.rawElements.has(elementKey(ref.kind, ref.refId))) {
        notes.push(`the flow starts at ${ref.kind} "${el.name}", kept as exported: its start node moves into it`);
      }
    }
  }
  notes.push(...graph.notes);
  const used = new Set(JSON.stringify(original).match(/\[[^\]"]+\]/g) ?? []);
  for (const [key, el] of elements) {
    if (!used.has(`[${el.refId}]`) && !globalMenus.has(key))
      notes.push(`${el.kind} "${el.name}" is never entered: not imported`);
  }
  // Elements kept verbatim, in document order, as the export has them (its Task and State variables lifted).
  for (const [listKey, kindName] of [
    ["tasks", "task"],
    ["states", "state"],
    ["bots", "bot"],
    ["menus", "menu"],
  ] as const) {
    const list = Array.isArray(body[listKey]) ? (body[listKey] as Json[]) : [];
    const kept = list.filter((item) => {
      const el = isMap(item) ? item[kindName] : undefined;
      return isMap(el) && typeof el.refId === "string" && graph.rawElements.has(elementKey(kindName, el.refId));
    });
    if (kept.length > 0) archySettings[listKey] = retarget(kept, graph.anchors);
  }
  if (graph.rawElements.size > 0) {
    notes.push(
      `kept as exported (archySettings.tasks/states/bots/menus): ${[...graph.rawElements]
        .map((k) => k.split("\u0000").join(" "))
        .sort()
        .join(
          ", ",
        )}, which raw Archy moves to, which move to each other in a cycle, or menus a menu node cannot express`,
    );
  }
  if (Object.keys(archySettings).length > 0) model.archySettings = archySettings;

  model.start = graph.start;
  const nodes = ordered(graph.nodes, graph.start);
  model.nodes = Object.fromEntries(Object.entries(nodes).map(([id, n]) => [id, tidy(n)]));
  if (Object.keys(variables).length === 0) delete model.variables;

  // Counts: actions that became typed nodes, stayed raw (nodes and menus), or became edges.
  const raw: Record<string, number> = {};
  const startNode = graph.nodes[graph.start];
  for (const [id, n] of Object.entries(graph.nodes)) {
    if (
      n.type !== "archy" ||
      id === graph.end ||
      (id === graph.start &&
        ["jumpToMenu", "jumpToTask", "changeState"].some((k) =>
          Object.hasOwn(startNode.type === "archy" ? startNode.actions[0] : {}, k),
        ))
    )
      continue;
    countActions(n.actions as Json, raw);
  }
  for (const k of ["menus", "tasks", "states", "bots"])
    if (archySettings[k] !== undefined) countActions({ [k]: archySettings[k] as Json }, raw);
  delete raw["(not an action)"];

  // Placeholders back in place of their tokens, then validated as it will be written: a field may be
  // a whole placeholder where the schema allows one (defaultLanguage: {{default_language}}).
  const written = restore(model) as Record<string, unknown>;
  try {
    validateFlowValue(written, source);
  } catch (e) {
    if (e instanceof FlowLoadError)
      fail(source, [archyKey], undefined, `the imported model is not valid: ${e.message}`);
    throw e;
  }
  // Every node type of the graph is one the descriptor knows (a guard against importer mistakes).
  for (const n of Object.values(graph.nodes)) descriptorOf(n);
  return {
    model: written,
    report: {
      source,
      kind: kind.kind,
      name,
      typed: graph.typed,
      raw,
      structural: graph.structural,
      unmapped: [...graph.raw].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || cmp(a.path, b.path)),
      notes,
      placeholders: [],
    },
    sourceLine: sourceLines({ archyKey, original, archySettings, sources: graph.sources, lineOf }),
  };
}

export { idFor };

/** Whether a menu has a choice with globalDtmf or globalSpeechRecTerms: one any menu of the flow offers. */
function hasGlobalChoice(menu: Record<string, Json>): boolean {
  const choices = Array.isArray(menu.choices) ? menu.choices : [];
  return choices.some(
    (c) =>
      isMap(c) &&
      Object.values(c).some((body) => isMap(body) && (body.globalDtmf === true || body.globalSpeechRecTerms === true)),
  );
}
