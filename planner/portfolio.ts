// The planner: a stack's portfolio from its flow files and settings, given only the files' text.
// Loads every flow, applies the stack's substitutions, runs the core checks (the same ones lint
// and the policy pack run), compiles every flow, and orders them along the module graph (modules
// before the flows that call them) with revisions that cascade: a module's revision covers the
// modules it calls, and a caller's trigger covers the modules it calls. Pure: the caller reads the
// files. Every hard error of every file is collected into one FlowLoadError before anything is
// registered, so nothing is ever half deployed.
import { coreFindings } from "../checks";
import type { CheckFlow, CheckInput } from "../checks";
import { calledModules } from "../checks";
import { compileFlow, moduleRevision, renderWithSubstitutions, type ModuleRef } from "../compiler";
import { FlowLoadError, type FlowIssue } from "../model/errors";
import { FLOW_KINDS, type FlowKindDescriptor } from "../model/kinds";
import { parseFlowText } from "../model/load";
import { applySubstitutions, findMalformedPlaceholders, findPlaceholders, substituteModel } from "../model/placeholders";
import { isModuleModel, type FlowModel, type LoadedFlow, type ModuleModel } from "../model/schema";
import { compiledPathOf, publishedNameOf, resourceNameOf } from "./names";
import { flowRevision } from "./revisions";
import { selectFlowIds, unknownFlowSettings } from "./select";
import type { StackSettings } from "./stackSettings";

/** A flow file as read by the caller. */
export interface FlowSource {
  /** Flow id: the path under flows/ without the extension. */
  id: string;
  /** The path shown in messages, e.g. `flows/sales.yaml`. */
  file: string;
  text: string;
}

export interface PlanInput {
  stack: string;
  settings: StackSettings;
  /** Every flow file of the portfolio (the stack's include/exclude globs select among them). */
  sources: readonly FlowSource[];
  /** The stack file's name, for messages (default `Pulumi.<stack>.yaml`). */
  stackFile?: string;
}

export interface PlannedFlow {
  id: string;
  file: string;
  kind: FlowKindDescriptor;
  /** The flow model as written (placeholders kept). */
  model: FlowModel;
  /** The model with this stack's substitutions applied (what the policy pack checks). */
  substitutedModel: FlowModel;
  /** Published name: the stack's prefix + the flow's name with substitutions applied. */
  publishedName: string;
  resourceName: string;
  /** Where the compiled template is written for the provider, relative to the project root. */
  compiledPath: string;
  /** Compiled Archy with `{{placeholders}}` kept: the file handed to the provider. */
  templateYaml: string;
  /** The same with this flow's substitutions applied, as the provider will publish it. */
  substitutedYaml: string;
  /** This flow's substitutions: the stack's shared ones, overridden by the flow's own. */
  substitutions: Record<string, string>;
  /** Ids of the modules this flow calls directly, sorted. */
  calls: string[];
  /** SHA-256 (hex) of `substitutedYaml`. */
  contentRevision: string;
  /** SHA-256 of the content and of the revisions of every module it calls (transitively). */
  revision: string;
  /** The org flow this file takes over on the next `up` (the stack's `flows.<id>.adopt`). */
  adopt?: string;
}

export interface Portfolio {
  stack: string;
  settings: StackSettings;
  /** Every deployed flow, modules before the flows that call them (then by id). */
  flows: PlannedFlow[];
}

function collect(issues: FlowIssue[], f: () => void): void {
  try {
    f();
  } catch (e) {
    if (e instanceof FlowLoadError) issues.push(...e.issues);
    else throw e;
  }
}

/**
 * Substitution values are inserted verbatim: one holding a placeholder would depend on the
 * provider's map order. Reported once per value, against the stack file's key.
 */
function substitutionValueIssues(settings: StackSettings, stackFile: string): FlowIssue[] {
  const entries: Array<[string, string, string]> = [
    ...Object.entries(settings.substitutions).map(([k, v]): [string, string, string] => [`genesys-flows:substitutions.${k}`, k, v]),
    ...Object.entries(settings.flows).flatMap(([id, f]) =>
      Object.entries(f.substitutions).map(([k, v]): [string, string, string] => [`genesys-flows:flows.${id}.substitutions.${k}`, k, v]),
    ),
  ];
  return entries.flatMap(([field, key, value]) => {
    const inner = [...findPlaceholders(value).map((k) => `{{${k}}}`), ...findMalformedPlaceholders(value)];
    return inner.length > 0
      ? [{ file: stackFile, field, message: `substitution "${key}": its value contains the placeholder "${inner[0]}"; substitution values are inserted verbatim and must not contain placeholders` }]
      : [];
  });
}

/** Modules first, each after the modules it calls; then the other flows. Ties by id. */
export function dependencyOrder<T extends { id: string; calls: readonly string[]; isModule: boolean }>(flows: readonly T[]): T[] {
  const byId = new Map(flows.map((f) => [f.id, f]));
  const done = new Set<string>();
  const out: T[] = [];
  const visit = (f: T) => {
    if (done.has(f.id)) return;
    done.add(f.id);
    for (const c of [...f.calls].sort()) {
      const callee = byId.get(c);
      if (callee) visit(callee);
    }
    out.push(f);
  };
  const sorted = [...flows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const f of sorted) if (f.isModule) visit(f);
  for (const f of sorted) visit(f);
  return out;
}

/** A flow's substitutions in a stack: the shared ones, overridden by the flow's own. */
export function substitutionsOf(settings: StackSettings, id: string): Record<string, string> {
  return { ...settings.substitutions, ...(settings.flows[id]?.substitutions ?? {}) };
}

/**
 * What the checks see of a stack's flows: each model with the stack's substitutions applied and
 * its published name. The planner and `lint:flows --stack` build it here, the policy pack from the
 * facts the components carry (which are built from this).
 */
export function stackCheckInput(flows: ReadonlyArray<LoadedFlow & { id: string }>, stack: string, settings: StackSettings): CheckInput {
  return {
    flows: flows.map((f) => {
      const model = substituteModel(f.model, substitutionsOf(settings, f.id));
      return { file: f.file, id: f.id, model, displayName: publishedNameOf(settings.namePrefix, model.name) };
    }),
    stack: { stack, environment: settings.environment, namePrefix: settings.namePrefix, forceUnlock: settings.forceUnlock, ...(settings.skipOrgReferenceCheck !== undefined ? { skipOrgReferenceCheck: settings.skipOrgReferenceCheck } : {}) },
  };
}

export function planPortfolio(input: PlanInput): Portfolio {
  const { stack, settings } = input;
  const stackFile = input.stackFile ?? `Pulumi.${stack}.yaml`;
  const issues: FlowIssue[] = [];
  const allIds = input.sources.map((s) => s.id);
  issues.push(...unknownFlowSettings(allIds, settings, stackFile));
  const selected = new Set(selectFlowIds(allIds, settings));
  if (selected.size === 0) {
    issues.push({ file: stackFile, field: "genesys-flows:include", message: `selects no flow of flows/ (${allIds.length} flow files); check genesys-flows:include and genesys-flows:exclude` });
  }

  const loaded: Array<LoadedFlow & { id: string; subs: Record<string, string> }> = [];
  for (const source of [...input.sources].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (!selected.has(source.id)) continue;
    collect(issues, () => {
      const flow = parseFlowText(source.text, source.file);
      loaded.push({ ...flow, id: source.id, subs: substitutionsOf(settings, source.id) });
    });
  }
  if (issues.length > 0) throw new FlowLoadError(issues);

  const checkInput = stackCheckInput(loaded, stack, settings);
  const checkFlows = checkInput.flows as CheckFlow[];
  issues.push(...substitutionValueIssues(settings, stackFile));
  issues.push(...coreFindings(checkInput));
  if (issues.length > 0) throw new FlowLoadError(issues);

  // Callers reference a module by its published name; a module calling a module gets the
  // callee's substituted model compiled in place (its placeholders filled by its own stack values).
  const modules = new Map<string, ModuleRef & { id: string }>();
  checkFlows.forEach((f) => {
    if (isModuleModel(f.model)) modules.set(f.model.name, { id: f.id, publishedName: f.displayName, model: f.model as ModuleModel });
  });

  const compiled: Array<Omit<PlannedFlow, "revision"> & { isModule: boolean }> = [];
  loaded.forEach((flow, i) => {
    collect(issues, () => {
      const templateName = publishedNameOf(settings.namePrefix, flow.model.name);
      const compile = (f: LoadedFlow, name: string) => compileFlow(f, { publishedName: name, modules });
      const templateYaml = compile(flow, templateName);
      const substitutedYaml = renderWithSubstitutions(templateYaml, flow.subs, {
        file: flow.file,
        flow: flow.model.name,
        compileWith: (s) => compile({ file: flow.file, model: substituteModel(flow.model, s) }, applySubstitutions(templateName, s)),
      });
      const calls = calledModules(checkFlows[i]).map((name) => modules.get(name)!.id);
      compiled.push({
        id: flow.id,
        file: flow.file,
        kind: FLOW_KINDS[flow.model.kind],
        isModule: isModuleModel(flow.model),
        model: flow.model,
        substitutedModel: checkFlows[i].model,
        publishedName: checkFlows[i].displayName,
        resourceName: resourceNameOf(flow.id),
        compiledPath: compiledPathOf(stack, flow.id),
        templateYaml,
        substitutedYaml,
        substitutions: { ...flow.subs },
        calls,
        contentRevision: moduleRevision(substitutedYaml),
        ...(settings.flows[flow.id]?.adopt !== undefined ? { adopt: settings.flows[flow.id].adopt } : {}),
      });
    });
  });
  if (issues.length > 0) throw new FlowLoadError(issues);

  const ordered = dependencyOrder(compiled);
  const revisions = new Map<string, string>();
  const flows: PlannedFlow[] = ordered.map(({ isModule: _isModule, ...f }) => {
    // Callees come first, so their revisions are known here.
    const revision = flowRevision(f.contentRevision, f.calls.map((id) => ({ id, revision: revisions.get(id)! })));
    revisions.set(f.id, revision);
    return { ...f, revision };
  });
  return { stack, settings, flows };
}
