// The stack program's wiring: one SharedModule and N InboundCallFlows from a planned FlowSet.
// Everything that can fail on user input (config, flow files, substitutions) fails in
// buildFlowSet, before the first resource is registered, so nothing is ever half deployed.
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as genesyscloud from "@pulumi/genesyscloud";
import type { FlowFacts, ModuleInterfaceFacts } from "./flowFacts";
import type { FlowSet, PlannedFlow } from "./flowSet";
import { checkResourceNames, resourceNameOf } from "./flowNames";
import { findPlaceholders } from "./model/placeholders";
import type { CommonModuleFlow, FlowModel } from "./model/schema";
import type { StackConfig } from "./stackConfig";
import { InboundCallFlow } from "./inboundCallFlow";
import { SharedModule } from "./sharedModule";

/** Folder (relative to the project root) where compiled templates are written for the provider. */
export const COMPILED_DIR = ".work/compiled";

export interface StackProgramOptions {
  stack: string;
  config: StackConfig;
  flowSet: FlowSet;
  /** Explicit provider; when absent the default provider (configured by environment) is used. */
  provider?: genesyscloud.Provider;
  /** Writes a compiled template; by default to COMPILED_DIR under the working directory. */
  writeCompiled?: (relativePath: string, text: string) => void;
}

export interface DeployedFlowSummary {
  file: string;
  id: pulumi.Output<string>;
  name: pulumi.Output<string>;
  revision: string;
  /** For inbound flows: the published name of the module it calls. */
  calls?: string;
}

export interface StackProgramResult {
  module: SharedModule;
  inboundFlows: InboundCallFlow[];
  summary: { module: DeployedFlowSummary; inboundFlows: DeployedFlowSummary[] };
}

/** Where a flow's compiled template goes, relative to the project root. */
export function compiledPathOf(stack: string, file: string): string {
  return `${COMPILED_DIR}/${stack}/${resourceNameOf(file)}.yaml`;
}

function writeCompiledFile(relativePath: string, text: string): void {
  const target = path.resolve(relativePath);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Write only when the content differs: same input, same file, same provider hash.
  if (fs.existsSync(target) && fs.readFileSync(target, "utf8") === text) return;
  const tmp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, target);
}

function callsModules(model: FlowModel): boolean {
  return Object.values(model.nodes).some((n) => n.type === "subflow");
}

export function moduleInterfaceFacts(plan: PlannedFlow<CommonModuleFlow>): ModuleInterfaceFacts {
  return {
    name: plan.model.name,
    publishedName: plan.publishedName,
    compatibleFlowTypes: plan.model.compatibleFlowTypes,
    inputs: plan.model.inputs,
    outputs: plan.model.outputs,
    callsModules: callsModules(plan.model),
  };
}

/** The plain facts a component carries for the policy pack. Pure. */
export function factsOf(stack: string, config: StackConfig, plan: PlannedFlow, module?: ModuleInterfaceFacts): FlowFacts {
  return {
    stack,
    environment: config.environment,
    namePrefix: config.namePrefix,
    file: plan.file,
    publishedName: plan.publishedName,
    model: plan.model,
    ...(module ? { module } : {}),
    forceUnlock: config.forceUnlock,
    substitutionKeys: Object.keys(plan.substitutions).sort(),
    unresolvedPlaceholders: findPlaceholders(plan.substitutedYaml),
  };
}

export function deployStack(options: StackProgramOptions): StackProgramResult {
  const { stack, config, flowSet } = options;
  checkResourceNames(flowSet);
  const write = options.writeCompiled ?? writeCompiledFile;
  const providerOpts: pulumi.ComponentResourceOptions = options.provider ? { providers: [options.provider] } : {};

  const modulePlan = flowSet.module;
  const moduleFile = compiledPathOf(stack, modulePlan.file);
  write(moduleFile, modulePlan.templateYaml);
  const module = new SharedModule(
    resourceNameOf(modulePlan.file),
    {
      facts: factsOf(stack, config, modulePlan),
      compiledFile: moduleFile,
      substitutions: modulePlan.substitutions,
      revision: modulePlan.revision,
    },
    providerOpts,
  );

  const moduleFacts = moduleInterfaceFacts(modulePlan);
  const inboundFlows = flowSet.inboundFlows.map((plan) => {
    const file = compiledPathOf(stack, plan.file);
    write(file, plan.templateYaml);
    return new InboundCallFlow(
      resourceNameOf(plan.file),
      {
        facts: factsOf(stack, config, plan, moduleFacts),
        compiledFile: file,
        substitutions: plan.substitutions,
        revision: plan.revision,
        module,
      },
      providerOpts,
    );
  });

  return {
    module,
    inboundFlows,
    summary: {
      module: { file: modulePlan.file, id: module.flowId, name: module.flowName, revision: modulePlan.revision },
      inboundFlows: flowSet.inboundFlows.map((plan, i) => ({
        file: plan.file,
        id: inboundFlows[i].flowId,
        name: inboundFlows[i].flowName,
        revision: plan.revision,
        calls: modulePlan.publishedName,
      })),
    },
  };
}
