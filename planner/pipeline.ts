// The one way from flow files to a verdict: load, select by stack, check, compile. Every entry
// point that loads flows runs it (the planner, so the stack program and flows:compile; lint:flows;
// flows:diff on each side; the import plan), so the same files and stack give the same problems
// whoever asks. Stages, each on what the one before accepted:
//  1. The stack file and the files: its per-flow keys name flow files, its include/exclude globs
//     select at least one, its substitution values hold no placeholder (the provider inserts them
//     verbatim) and are numbers or Booleans where a flow reads them as such; every selected flow
//     file loads (YAML, shape).
//  2. The checks the caller asks for (the core rules for the planner, lint's levels for lint), on
//     the loaded flows with the stack's substitutions and published names. Not run when the stack
//     file has a problem: every flow would be checked under settings that are wrong.
//  3. Compile every flow to Archy and prove the provider's verbatim substitution safe, when nothing
//     before it stops a deploy (no stack or load problem, no core finding): what the compiler
//     refuses (a flow over its size cap, a value the YAML cannot hold) is refused everywhere.
// Pure: the caller reads the files and decides what stops it (refusals() is what stops a deploy).
import { stackFileName } from "../model/stackFile";
import { moduleCallNodes, ruleInfo, runChecks } from "../checks";
import type { CheckFlow, CheckInput, CheckOptions, Finding } from "../checks";
import { compileFlow, compileFlowLocated, renderWithSubstitutions, type ModuleRef } from "../compiler";
import { FlowLoadError, formatIssue, type FlowIssue } from "../model/errors";
import { readYaml } from "../model/yamlReader";
import { parseFlowText } from "../model/load";
import {
  applySubstitutions,
  findMalformedPlaceholders,
  findPlaceholders,
  substituteModel,
} from "../model/placeholders";
import { holdsPlaceholderText, stringsWithPaths } from "../model/placeholders";
import { typedPlaceholders } from "../archy/placeholder";
import { isModuleModel, type LoadedFlow, type ModuleModel } from "../model/schema";
import { flowPublishedName } from "./names";
import { owningStack, selectFlowIds, STACK_FLOWS_FOLDER, unknownFlowSettings } from "./select";
import type { StackSettings } from "./stackSettings";
import { cmp } from "../archy/json";

/** A flow file as read by the caller. */
export interface FlowSource {
  /** Flow id: the path under flows/ without the extension. */
  id: string;
  /** The path shown in messages, e.g. `flows/sales.yaml`. */
  file: string;
  text: string;
}

/** The stack the flows are deployed to. */
export interface StackContext {
  name: string;
  settings: StackSettings;
  /** The stack file's name, for messages (default `Pulumi.<stack>.yaml`). */
  stackFile?: string;
}

export interface PipelineInput {
  /** The flow files to load (with a stack, its include/exclude globs select among them). */
  sources: readonly FlowSource[];
  /** Files that could not be read: load problems like the others. */
  readIssues?: readonly FlowIssue[];
  /** Without a stack, the flows are checked as written, under their own names. */
  stack?: StackContext;
  /**
   * Every flow id of the portfolio, for the stack file's checks (per-flow keys, the selection)
   * when `sources` is only part of it (lint given paths). Default: the ids of `sources`.
   */
  portfolioIds?: readonly string[];
  /** The rules to run (default: the core rules), or "none" to load and select only. */
  checks?: CheckOptions | "none";
  /** Whether to run stage 3 (default true). */
  compile?: boolean;
}

/** A loaded flow of the selection. */
export interface SelectedFlow extends LoadedFlow {
  id: string;
  /** Its substitutions in the stack: the shared ones, overridden by the flow's own ({} without a stack). */
  substitutions: Record<string, string>;
}

/** A compiled flow: the template the provider gets and the text it publishes. */
export interface CompiledFlow {
  flow: SelectedFlow;
  /** What the checks saw: the substituted model and the published name. */
  checked: CheckFlow;
  isModule: boolean;
  /** Compiled Archy with `{{placeholders}}` kept. */
  templateYaml: string;
  /** The same with the flow's substitutions applied, as the provider publishes it. */
  substitutedYaml: string;
  /** Ids of the modules it calls directly, sorted by module name. */
  calls: string[];
  /** The node each compiled action was written for, by its path (compiler/sources.ts actionNodesOf). */
  actionNodes: Readonly<Record<string, string>>;
}

export interface PipelineResult {
  stack?: StackContext;
  /** Ids of the sources the stack selects (every source without a stack), sorted. */
  selected: string[];
  /** Stage 1: the stack file's problems. */
  stackIssues: FlowIssue[];
  /** Stage 1: selected files that do not load (and files that could not be read). */
  loadIssues: FlowIssue[];
  /** The selected flows that loaded, by id. */
  flows: SelectedFlow[];
  /** What the checks saw; absent when the stack file has a problem (stage 2 did not run). */
  checkInput?: CheckInput;
  /** Stage 2. */
  findings: Finding[];
  /** Stage 3: every flow, in id order, when it ran and every flow compiled. */
  compiled: CompiledFlow[];
  compileIssues: FlowIssue[];
}

/** A flow's substitutions in a stack: the shared ones, overridden by the flow's own. */
export function substitutionsOf(settings: StackSettings, id: string): Record<string, string> {
  return { ...settings.substitutions, ...(settings.flows[id]?.substitutions ?? {}) };
}

/** The stack file of a stack, for messages. */
export function stackFileOf(stack: StackContext): string {
  return stack.stackFile ?? stackFileName(stack.name);
}

/**
 * What the checks see of a stack's flows: each model with the stack's substitutions applied and
 * its published name (the model's own name without a stack). The policy pack sees the same
 * through the facts the components carry, which are built from this.
 */
export function checkInputOf(
  flows: ReadonlyArray<LoadedFlow & { id: string }>,
  stack?: StackContext,
  absentModules: NonNullable<CheckInput["absentModules"]> = [],
): CheckInput {
  const absent = absentModules.length > 0 ? { absentModules } : {};
  if (!stack)
    return {
      flows: flows.map((f) => ({ file: f.file, id: f.id, model: f.model, displayName: f.model.name })),
      ...absent,
    };
  const { settings } = stack;
  return {
    ...absent,
    flows: flows.map((f) => {
      const model = substituteModel(f.model, substitutionsOf(settings, f.id));
      return {
        file: f.file,
        id: f.id,
        model,
        displayName: flowPublishedName(settings, f.id, model.name),
        ...(settings.flows[f.id]?.name !== undefined ? { nameKept: true } : {}),
      };
    }),
    stack: {
      stack: stack.name,
      environment: settings.environment,
      namePrefix: settings.namePrefix,
      forceUnlock: settings.forceUnlock,
      ...(settings.skipOrgReferenceCheck !== undefined
        ? { skipOrgReferenceCheck: settings.skipOrgReferenceCheck }
        : {}),
      substitutionKeys: Object.fromEntries(
        flows.map((f) => [f.id, Object.keys(substitutionsOf(settings, f.id)).sort()]),
      ),
    },
  };
}

/**
 * Substitution values are inserted verbatim: one holding a placeholder would depend on the
 * provider's map order. Reported once per value, against the stack file's key.
 */
function substitutionValueIssues(settings: StackSettings, stackFile: string): FlowIssue[] {
  const entries: Array<[string, string, string]> = [
    ...Object.entries(settings.substitutions).map(([k, v]): [string, string, string] => [
      `genesys-flows:substitutions.${k}`,
      k,
      v,
    ]),
    ...Object.entries(settings.flows).flatMap(([id, f]) =>
      Object.entries(f.substitutions).map(([k, v]): [string, string, string] => [
        `genesys-flows:flows.${id}.substitutions.${k}`,
        k,
        v,
      ]),
    ),
  ];
  return entries.flatMap(([field, key, value]) => {
    const inner = [...findPlaceholders(value).map((k) => `{{${k}}}`), ...findMalformedPlaceholders(value)];
    return inner.length > 0
      ? [
          {
            file: stackFile,
            field,
            message: `substitution "${key}": its value contains the placeholder "${inner[0]}"; substitution values are inserted verbatim and must not contain placeholders`,
          },
        ]
      : [];
  });
}

/**
 * A placeholder a flow reads as a number or a Boolean (`ToInt("{{id}}")`: archy/placeholder.ts)
 * takes one from the stack: else the flow fails where it converts it. Against the stack file's key.
 */
function typedSubstitutionIssues(flows: readonly SelectedFlow[], stack: StackContext): FlowIssue[] {
  const issues = flows.flatMap((f) =>
    (holdsPlaceholderText(f.model) ? stringsWithPaths(f.model) : []).flatMap(([, text]) =>
      typedPlaceholders(text).flatMap(({ key, type, accepts }) => {
        const value = f.substitutions[key];
        if (value === undefined || accepts(value)) return [];
        const own = Object.hasOwn(stack.settings.flows[f.id]?.substitutions ?? {}, key) ? `flows.${f.id}.` : "";
        const message = `substitution "${key}": ${f.file} reads it as ${type}, found ${JSON.stringify(value)}`;
        return [{ file: stackFileOf(stack), field: `genesys-flows:${own}substitutions.${key}`, message }];
      }),
    ),
  );
  return [...new Map(issues.map((i) => [formatIssue(i), i])).values()];
}

/** Stage 1 of the stack file: what is wrong with its settings for this portfolio. */
function stackFileIssues(stack: StackContext, portfolioIds: readonly string[]): FlowIssue[] {
  const stackFile = stackFileOf(stack);
  const issues = unknownFlowSettings(portfolioIds, stack.settings, stackFile);
  if (selectFlowIds(portfolioIds, stack.settings, stack.name).length === 0) {
    issues.push({
      file: stackFile,
      field: "genesys-flows:include",
      message: `selects no flow of flows/ (${portfolioIds.length} flow files); check genesys-flows:include and genesys-flows:exclude`,
    });
  }
  return [...issues, ...substitutionValueIssues(stack.settings, stackFile)];
}

function collect(issues: FlowIssue[], f: () => void): void {
  try {
    f();
  } catch (e) {
    if (e instanceof FlowLoadError) issues.push(...e.issues);
    else throw e;
  }
}

/** Stage 3: every flow compiled against the portfolio's modules, its substitutions proved safe. */
function compileAll(
  flows: readonly SelectedFlow[],
  input: CheckInput,
  settings: Pick<StackSettings, "namePrefix" | "flows">,
): { compiled: CompiledFlow[]; issues: FlowIssue[] } {
  const issues: FlowIssue[] = [];
  // Callers reference a module by its published name; a module calling a module gets the callee's
  // substituted model compiled in place (its placeholders filled by its own stack values).
  const modules = new Map<string, ModuleRef & { id: string }>();
  for (const f of input.flows) {
    if (isModuleModel(f.model))
      modules.set(f.model.name, { id: f.id, publishedName: f.displayName, model: f.model as ModuleModel });
  }
  const compiled: CompiledFlow[] = [];
  flows.forEach((flow, i) => {
    collect(issues, () => {
      const checked = input.flows[i];
      const templateName = flowPublishedName(settings, flow.id, flow.model.name);
      const compile = (f: LoadedFlow, name: string) => compileFlow(f, { publishedName: name, modules });
      const { yaml: templateYaml, actionNodes } = compileFlowLocated(flow, { publishedName: templateName, modules });
      const substitutedYaml = renderWithSubstitutions(templateYaml, flow.substitutions, {
        file: flow.file,
        flow: flow.model.name,
        compileWith: (s) =>
          compile({ file: flow.file, model: substituteModel(flow.model, s) }, applySubstitutions(templateName, s)),
      });
      const named = [...modules].map(([name, m]) => ({ name, publishedName: m.publishedName }));
      const called = moduleCallNodes(checked, named);
      const calls = [...new Set(called.values())].sort().map((name) => modules.get(name)!.id);
      compiled.push({
        flow,
        checked,
        isModule: isModuleModel(flow.model),
        templateYaml,
        substitutedYaml,
        calls,
        actionNodes,
      });
    });
  });
  return { compiled: issues.length > 0 ? [] : compiled, issues };
}

/** Loads, selects, checks and compiles (see the stages above). Never throws a FlowLoadError: every problem is in the result. */
export function runPipeline(input: PipelineInput): PipelineResult {
  const { stack } = input;
  const ids = input.sources.map((s) => s.id);
  const stackIssues = stack ? stackFileIssues(stack, input.portfolioIds ?? ids) : [];
  const selected = stack ? selectFlowIds(ids, stack.settings, stack.name) : [...ids].sort();
  const chosen = new Set(selected);

  const loadIssues: FlowIssue[] = [...(input.readIssues ?? [])];
  const flows: SelectedFlow[] = [];
  const absentModules: Array<{ name: string; file: string; why: string }> = [];
  for (const source of [...input.sources].sort((a, b) => cmp(a.id, b.id))) {
    if (!chosen.has(source.id)) {
      const name = moduleNameOf(source.text);
      const owner = owningStack(source.id);
      if (name !== undefined && owner !== undefined && owner !== stack?.name)
        absentModules.push({
          name,
          file: source.file,
          why: `is not in stack "${stack?.name}": it is under flows/${STACK_FLOWS_FOLDER}/${owner}/, which only stack "${owner}" deploys; move it out of that folder to share it, or do not call it`,
        });
      else if (name !== undefined)
        absentModules.push({
          name,
          file: source.file,
          why: `is not in stack "${stack?.name}": its include/exclude globs (genesys-flows:include, genesys-flows:exclude in ${stack ? stackFileOf(stack) : "the stack file"}) leave it out; deploy it in this stack or do not call it`,
        });
      continue;
    }
    const before = loadIssues.length;
    collect(loadIssues, () => {
      const flow = parseFlowText(source.text, source.file);
      flows.push({ ...flow, id: source.id, substitutions: stack ? substitutionsOf(stack.settings, source.id) : {} });
    });
    const name = loadIssues.length > before ? moduleNameOf(source.text) : undefined;
    if (name !== undefined)
      absentModules.push({
        name,
        file: source.file,
        why: `failed to load; fix its first error: ${formatIssue(loadIssues[before])}`,
      });
  }
  if (stack) stackIssues.push(...typedSubstitutionIssues(flows, stack));
  const result: PipelineResult = {
    ...(stack ? { stack } : {}),
    selected,
    stackIssues,
    loadIssues,
    flows,
    findings: [],
    compiled: [],
    compileIssues: [],
  };
  if (stackIssues.length > 0 || input.checks === "none") return result;

  const checkInput = checkInputOf(flows, stack, absentModules);
  result.checkInput = checkInput;
  result.findings = runChecks(checkInput, input.checks ?? { include: (r) => r.core });
  const stops = loadIssues.length > 0 || result.findings.some((f) => ruleInfo(f.ruleId).core);
  if (input.compile === false || stops) return result;
  const { compiled, issues } = compileAll(flows, checkInput, stack?.settings ?? { namePrefix: "", flows: {} });
  result.compiled = compiled;
  result.compileIssues = issues;
  return result;
}

/** The name of the common module a flow file that the checks do not see declares, when it reads as one. */
function moduleNameOf(text: string): string | undefined {
  const read = readYaml(text, { exactIntegers: false });
  if (!read.ok || read.value === null || typeof read.value !== "object") return undefined;
  const { kind, name } = read.value as { kind?: unknown; name?: unknown };
  return kind === "commonModule" && typeof name === "string" && name !== "" ? name : undefined;
}

/**
 * What stops a deploy, stage by stage: the stack file's and the files' problems; else the core
 * findings; else what the compiler refuses. Empty when the flows may be deployed.
 */
export function refusals(result: PipelineResult): FlowIssue[] {
  const first = [...result.stackIssues, ...result.loadIssues];
  if (first.length > 0) return first;
  const core = result.findings.filter((f) => ruleInfo(f.ruleId).core);
  if (core.length > 0) return core;
  return result.compileIssues;
}
