// The top level of each kind's compiled file, as real exports of that flow type lay it out:
// the flow-level settings, the variables, and where the emitted actions go (tasks, states or
// startUpTaskActions). Keyed by the kind descriptor's `body`, never by the kind's name.
import { rawElements, rawMenus, rawSettings, rawVariables } from "../model/archySettings";
import { FLOW_KINDS } from "../model/kinds";
import { isModuleModel, type FlowModel, type InteractionModel, type ModuleModel } from "../model/schema";
import * as A from "../archy/construct";
import { cmp } from "../archy/json";
import type { EmittedFlow } from "./emit";
import type { GeneratedVariable } from "../model/nodes/unit";
import { OUTCOME_VARIABLE, RESERVED_OUTCOME_NAME } from "../model/types";

function initialValue(d: { type: string; initial?: string | number | boolean }): A.Value {
  // Real exports initialise with a literal or nothing (250 noValue, 23 lit, 0 exp in 273).
  return d.initial === undefined ? A.noValue() : A.lit(d.initial);
}

function variablesOf(model: FlowModel, generated: readonly GeneratedVariable[]): Array<Record<string, unknown>> {
  const scope = FLOW_KINDS[model.kind].variableScope;
  const vars: Array<[string, Record<string, unknown>]> = [];
  const moduleFlags = isModuleModel(model);
  if (isModuleModel(model)) {
    // Its inputs, then its outputs.
    for (const [declared, isInput] of [
      [model.inputs, true],
      [model.outputs, false],
    ] as const) {
      for (const [n, d] of Object.entries(declared)) {
        const options = { description: d.description, initialValue: A.noValue(), isInput, isOutput: !isInput };
        vars.push([`${scope}.${n}`, A.variable(d.type, `${scope}.${n}`, options)]);
      }
    }
    vars.push([
      OUTCOME_VARIABLE,
      A.variable("string", OUTCOME_VARIABLE, {
        description: `How the module ended: "completed" or "error" (set by the flow model's return nodes).`,
        initialValue: A.lit("error"),
        isInput: false,
        isOutput: true,
      }),
    ]);
  }
  const flags = moduleFlags ? { isInput: false, isOutput: false } : {};
  for (const [n, d] of Object.entries(model.variables)) {
    vars.push([
      `${scope}.${n}`,
      A.variable(d.type, `${scope}.${n}`, { description: d.description, initialValue: initialValue(d), ...flags }),
    ]);
  }
  for (const g of generated) {
    vars.push([
      g.name,
      A.variable(g.type, g.name, { description: g.description, initialValue: A.noValue(), ...flags }),
    ]);
  }
  // Declarations the model cannot express (archySettings.variables), as written.
  for (const raw of rawVariables(model)) vars.push([raw.name ?? "", raw.item]);
  return vars.sort(([a], [b]) => cmp(a, b)).map(([, v]) => v);
}

function header(model: FlowModel, publishedName: string): Record<string, unknown> {
  return {
    name: publishedName,
    ...(model.description !== undefined ? { description: model.description } : {}),
    ...(model.division !== undefined ? { division: model.division } : {}),
  };
}

function languages(model: InteractionModel): Record<string, unknown> {
  if (FLOW_KINDS[model.kind].omits?.includes("languages")) return {};
  return {
    defaultLanguage: model.defaultLanguage,
    supportedLanguages: { [model.defaultLanguage]: { defaultLanguageSkill: A.noValue() } },
  };
}

function tasksOf(
  emitted: EmittedFlow,
  end: (actions: A.Action[]) => A.Action[],
  startTask?: { id: string; name: string },
) {
  const all = startTask ? [{ ...startTask, actions: emitted.start }, ...emitted.tasks] : emitted.tasks;
  return all.map((t) => ({ task: { name: t.name, refId: t.id, actions: end(t.actions) } }));
}

/** The compiled Archy object of a flow (before YAML). */
export function layoutFlow(model: FlowModel, publishedName: string, emitted: EmittedFlow): Record<string, unknown> {
  const kind = FLOW_KINDS[model.kind];
  const key = kind.archyKey;
  const variables = variablesOf(model, emitted.generated);
  const vars = variables.length > 0 ? { variables } : {};
  const end = (actions: A.Action[]) => A.withTerminator(actions, kind.fallthrough);
  // Elements and menus kept as exported come after the ones laid out from the nodes.
  const raw = rawElements(model);
  const withRaw = <T>(laidOut: T[], kept: T[]): { list?: T[] } =>
    laidOut.length + kept.length > 0 ? { list: [...laidOut, ...kept] } : {};
  const tasks = (laidOut: Array<Record<string, unknown>>) => {
    const all = withRaw(laidOut, raw.tasks).list;
    return all ? { tasks: all } : {};
  };
  if (isModuleModel(model))
    return { [key]: { ...moduleBody(model, publishedName, end(emitted.start), vars), ...tasks([]) } };
  const m = model as InteractionModel;
  // The flow's own flow-level Archy wins over the kind's defaults (and a compiled menu's), key by key.
  const own = rawSettings(model);
  const settings: Record<string, unknown> = { ...kind.archySettings, ...own };
  const menuList = withRaw(emitted.menus, rawMenus(model)).list;
  if (menuList) {
    const menuDefaults =
      emitted.menus.length > 0
        ? Object.fromEntries(Object.entries(kind.menuSettings ?? {}).filter(([k]) => !Object.hasOwn(own, k)))
        : {};
    Object.assign(settings, menuDefaults, { menus: menuList });
  }
  // Every kind's file: the header, its start (startUpRef), languages, variables, settings, then its body.
  const file = (
    start: Record<string, unknown>,
    flowSettings: Record<string, unknown>,
    body: Record<string, unknown>,
  ) => ({
    [key]: { ...header(m, publishedName), ...start, ...languages(m), ...vars, ...flowSettings, ...body },
  });
  switch (kind.body) {
    case "tasks": {
      const startNode = m.nodes[m.start];
      return file(
        { startUpRef: emitted.startsWithMenu ? A.menuRef(key, m.start) : A.taskRef(key, m.start) },
        settings,
        tasks(
          emitted.startsWithMenu
            ? tasksOf(emitted, end)
            : tasksOf(emitted, end, { id: m.start, name: startNode.label ?? m.start }),
        ),
      );
    }
    case "states":
    case "bots": {
      // One state (or bot) holding the start node's actions; shared nodes become reusable tasks.
      const element = kind.body === "states" ? "state" : "bot";
      const start = { [element]: { name: START_STATE, refId: START_STATE, actions: end(emitted.start) } };
      return file(
        { startUpRef: kind.body === "states" ? A.stateRef(key, START_STATE) : A.botRef(key, START_STATE) },
        settings,
        { [kind.body]: [start, ...raw[kind.body]], ...tasks(tasksOf(emitted, end)) },
      );
    }
    case "startUpTaskActions":
      return file({}, settings, { startUpTaskActions: end(emitted.start), ...tasks([]) });
    case "startUpState": {
      // In-queue email and message flows: the start node's actions in the start-up state; the
      // periodic state as the flow gives it (archySettings.periodicState), else ending at once, as
      // the exports' do (export:rjv-blueprint/RJV Default In-Queue Email_v1-0).
      const periodic = settings.periodicState ?? {
        name: "Recurring State",
        refId: "Recurring State",
        actions: [{ endState: { name: "End State" } }],
      };
      const { periodicState: _periodic, ...rest } = settings;
      return file({}, rest, {
        startUpState: { name: "Initial State", refId: "Initial State", actions: end(emitted.start) },
        periodicState: periodic,
      });
    }
  }
}

/** The one state (or bot) of a digital flow's, workflow's or bot's compiled file (its reusable tasks hold shared nodes). */
const START_STATE = "Start";

function moduleBody(model: ModuleModel, publishedName: string, body: A.Action[], vars: Record<string, unknown>) {
  return {
    ...header(model, publishedName),
    supportedLanguages: { "en-us": { none: true } },
    ...vars,
    ...FLOW_KINDS[model.kind].archySettings,
    ...rawSettings(model),
    settingsCommonModule: {
      compatibleFlowTypes: model.compatibleFlowTypes.map((k) => ({ flowType: FLOW_KINDS[k].flowType })),
    },
    startUpTaskActions: body,
  };
}

export { RESERVED_OUTCOME_NAME };
