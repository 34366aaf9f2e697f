// The planner for one stack: loads, checks and compiles the module and every inbound flow named
// by the stack config, given only a file reader. Pure apart from the reader it is handed, so the
// Pulumi program, the CLIs and the tests share exactly the same path from files to Archy YAML.
// Every hard error of every file is collected and thrown as one FlowLoadError before anything
// is registered.
import { FlowLoadError, type FlowIssue } from "./model/errors";
import { isCommonModule, isInboundCall, parseFlowText, checkFlowSet } from "./model/loader";
import { applySubstitutions, checkSubstitutions, substituteModel } from "./model/placeholders";
import type { CommonModuleFlow, FlowModel, InboundCallFlowModel, LoadedFlow } from "./model/schema";
import { compileInboundCall, compileModule, moduleRevision, renderWithSubstitutions } from "./compiler";
import type { StackConfig } from "./stackConfig";

export interface PlannedFlow<M extends FlowModel = FlowModel> {
  /** The flow file as named in the stack config. */
  file: string;
  model: M;
  /** Published name: the stack's prefix + the flow's name (with substitutions applied). */
  publishedName: string;
  /** Compiled Archy with `{{placeholders}}` kept: the file handed to the provider. */
  templateYaml: string;
  /** The same with this flow's substitutions applied, as the provider will publish it. */
  substitutedYaml: string;
  substitutions: Record<string, string>;
  /** SHA-256 (hex) of `substitutedYaml`: changes exactly when the published content changes. */
  revision: string;
}

export interface FlowSet {
  module: PlannedFlow<CommonModuleFlow>;
  inboundFlows: PlannedFlow<InboundCallFlowModel>[];
}

/** Reads a project file by its path as written in the stack config; throws if unreadable. */
export type ReadFile = (file: string) => string;

function readIssue(file: string, e: unknown): FlowIssue {
  const code = (e as NodeJS.ErrnoException)?.code;
  const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a file" : `cannot read it (${(e as Error)?.message ?? String(e)})`;
  return { file, message: `${why}; check the file names in the stack config` };
}

function load(file: string, readFile: ReadFile, issues: FlowIssue[]): LoadedFlow | undefined {
  let text: string;
  try {
    text = readFile(file);
  } catch (e) {
    issues.push(readIssue(file, e));
    return undefined;
  }
  try {
    return parseFlowText(text, file);
  } catch (e) {
    if (e instanceof FlowLoadError) {
      issues.push(...e.issues);
      return undefined;
    }
    throw e;
  }
}

function collect(issues: FlowIssue[], f: () => void): void {
  try {
    f();
  } catch (e) {
    if (e instanceof FlowLoadError) issues.push(...e.issues);
    else throw e;
  }
}

function fail(issues: FlowIssue[]): void {
  if (issues.length > 0) throw new FlowLoadError(issues);
}

/** Loads, checks and compiles every flow of a stack. Throws one FlowLoadError with all problems. */
export function buildFlowSet(config: StackConfig, readFile: ReadFile): FlowSet {
  const issues: FlowIssue[] = [];
  const files = [config.module.file, ...config.inboundFlows.map((f) => f.file)];
  files.forEach((f, i) => {
    if (files.indexOf(f) !== i) issues.push({ file: f, message: "is listed more than once in the stack config" });
  });
  fail(issues);

  const module = load(config.module.file, readFile, issues);
  const callers = config.inboundFlows.map((ref) => load(ref.file, readFile, issues));
  if (module && !isCommonModule(module)) {
    issues.push({ file: module.file, flow: module.model.name, field: "kind", message: `the stack's module must be a commonModule, found "${module.model.kind}"; list inbound flows under inboundFlows` });
  }
  callers.forEach((c) => {
    if (c && !isInboundCall(c)) {
      issues.push({ file: c.file, flow: c.model.name, field: "kind", message: `inboundFlows must be inboundCall flows, found "${c.model.kind}"; the module goes under module` });
    }
  });
  fail(issues);
  const mod = module as LoadedFlow<CommonModuleFlow>;
  const inbound = callers as LoadedFlow<InboundCallFlowModel>[];

  collect(issues, () => checkFlowSet(mod, inbound));
  collect(issues, () => checkSubstitutions(mod, config.module.substitutions));
  inbound.forEach((c, i) => collect(issues, () => checkSubstitutions(c, config.inboundFlows[i].substitutions)));
  fail(issues);

  const publishedName = (flow: LoadedFlow, subs: Record<string, string>) =>
    config.namePrefix + applySubstitutions(flow.model.name, subs);

  const moduleSubs = config.module.substitutions;
  const modulePublished = publishedName(mod, moduleSubs);
  const plan = <M extends FlowModel>(
    flow: LoadedFlow<M>,
    subs: Record<string, string>,
    compile: (f: LoadedFlow<M>) => string,
  ): PlannedFlow<M> | undefined => {
    try {
      const templateYaml = compile(flow);
      const substitutedYaml = renderWithSubstitutions(templateYaml, subs, {
        file: flow.file,
        flow: flow.model.name,
        compileWith: (s) => compile({ file: flow.file, model: substituteModel(flow.model, s) }),
      });
      return {
        file: flow.file,
        model: flow.model,
        publishedName: publishedName(flow, subs),
        templateYaml,
        substitutedYaml,
        substitutions: { ...subs },
        revision: moduleRevision(substitutedYaml),
      };
    } catch (e) {
      if (e instanceof FlowLoadError) {
        issues.push(...e.issues);
        return undefined;
      }
      throw e;
    }
  };

  // The published name is computed from the unsubstituted model name and kept fixed while
  // checking substitutions, so a placeholder in a name is substituted like any other string.
  const modulePlan = plan(mod, moduleSubs, (f) => compileModule(f, { publishedName: config.namePrefix + f.model.name }));
  const inboundPlans = inbound.map((c, i) =>
    plan(c, config.inboundFlows[i].substitutions, (f) =>
      compileInboundCall(f, {
        publishedName: config.namePrefix + f.model.name,
        module: { name: mod.model.name, publishedName: modulePublished, model: mod.model },
      }),
    ),
  );
  fail(issues);
  return { module: modulePlan!, inboundFlows: inboundPlans as PlannedFlow<InboundCallFlowModel>[] };
}
