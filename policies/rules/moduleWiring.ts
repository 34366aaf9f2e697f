// A stack-wide rule: the module is deployed by the same stack as its callers, and each caller's
// flow resource takes the module's revision as its update trigger, so a module change
// republishes every caller (Genesys pins a caller to the module version it was published with).
// Input is a plain summary of the stack's resources (policies/adapter.ts builds it from Pulumi's).
import type { RuleDescriptor, Violation } from "./types";

/** A value Pulumi cannot know during preview (e.g. an output of a resource not yet created). */
export interface Unknown {
  unknown: string;
}
export type Observed<T> = T | undefined | Unknown;

export function isUnknown(v: unknown): v is Unknown {
  return typeof v === "object" && v !== null && typeof (v as Unknown).unknown === "string";
}

export interface WiringModule {
  urn: string;
  /** Published name of the module flow. */
  publishedName: Observed<string>;
  /** sha256 of the module's compiled content (the SharedModule's `revision` output). */
  revision: Observed<string>;
}

export interface WiringCaller {
  urn: string;
  stack?: string;
  /** Published name, for messages. */
  flow: string;
  file: string;
  /** Published name of the module the caller was compiled against (FlowFacts.module.publishedName). */
  modulePublishedName: Observed<string>;
  /** URNs of the SharedModules the caller depends on (from its `module` argument). */
  moduleDependencies: string[];
  /** The caller's genesyscloud Flow children and their updateTriggerHash. */
  flows: Array<{ urn: string; updateTriggerHash: Observed<string> }>;
}

export interface WiringInput {
  stack?: string;
  modules: WiringModule[];
  callers: WiringCaller[];
}

export interface StackRule extends RuleDescriptor {
  kind: "stack";
  /** Violations fail (or warn); notes say what could not be checked yet, and never fail. */
  check(input: WiringInput): { violations: Violation[]; notes: string[] };
}

const ID = "module-wiring";

export const moduleWiring: StackRule = {
  kind: "stack",
  id: ID,
  description:
    "The module is deployed by the same stack as its callers, and every caller's flow takes the module's revision as its update trigger.",
  remediation:
    "Deploy exactly one SharedModule in the stack that deploys its InboundCallFlows, pass it as their `module`, and feed its `revision` output into each caller Flow's updateTriggerHash.",
  defaultEnforcement: "mandatory",
  check(input) {
    const violations: Violation[] = [];
    const notes: string[] = [];
    if (input.callers.length === 0) return { violations, notes };
    const stackPart = input.stack !== undefined ? { stack: input.stack } : {};
    const stackWide = (problem: string, fix: string): Violation => ({
      ruleId: ID,
      ...stackPart,
      flow: "",
      file: "Pulumi.yaml",
      problem,
      fix,
    });
    const callerNames = input.callers.map((c) => `"${c.flow}"`).sort().join(", ");
    if (input.modules.length === 0) {
      violations.push(
        stackWide(
          `no SharedModule is deployed by this stack, yet ${callerNames} call a module`,
          "deploy the shared module from this stack and pass it to every InboundCallFlow as `module`",
        ),
      );
      return { violations, notes };
    }
    if (input.modules.length > 1) {
      const names = input.modules.map((m) => (typeof m.publishedName === "string" ? `"${m.publishedName}"` : m.urn)).sort();
      violations.push(
        stackWide(
          `exactly one SharedModule is expected when flows call a module, found ${input.modules.length}: ${names.join(", ")}`,
          "deploy one shared module per stack",
        ),
      );
    }
    for (const caller of [...input.callers].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0))) {
      const at = (problem: string, fix: string, urn = caller.urn): Violation => ({
        ruleId: ID,
        ...(caller.stack !== undefined ? { stack: caller.stack } : stackPart),
        flow: caller.flow,
        file: caller.file,
        problem,
        fix,
        urn,
      });
      const module = findModule(caller, input.modules, notes);
      if (module === "none") {
        violations.push(
          at(
            `calls module "${String(caller.modulePublishedName)}", which this stack does not deploy (deployed: ${input.modules
              .map((m) => (typeof m.publishedName === "string" ? `"${m.publishedName}"` : m.urn))
              .sort()
              .join(", ")})`,
            "deploy that module from this stack, or compile the flow against the module this stack deploys",
          ),
        );
        continue;
      }
      if (module === undefined) continue;
      if (caller.flows.length === 0) {
        notes.push(`${caller.flow}: no genesyscloud Flow child found yet; its update trigger is checked once it exists`);
        continue;
      }
      for (const flow of caller.flows) {
        if (isUnknown(module.revision) || isUnknown(flow.updateTriggerHash)) {
          notes.push(
            `${caller.flow}: the module revision or the caller's updateTriggerHash is not known during preview; checked on update`,
          );
          continue;
        }
        if (module.revision === undefined) {
          violations.push(
            at(
              `module ${describe(module)} exposes no revision output, so callers cannot track it`,
              "register the module's revision (sha256 of its compiled content) as the SharedModule's `revision` output",
              module.urn,
            ),
          );
          continue;
        }
        if (flow.updateTriggerHash !== module.revision) {
          violations.push(
            at(
              `the flow's updateTriggerHash (${short(flow.updateTriggerHash)}) is not the module's revision (${short(module.revision)}), so a module change would not republish this caller`,
              "set the caller Flow's updateTriggerHash to the SharedModule's `revision` output",
              flow.urn,
            ),
          );
        }
      }
    }
    return { violations, notes: [...new Set(notes)].sort() };
  },
};

/** The caller's module: by published name, else by dependency; "none" when it names one not in the stack. */
function findModule(caller: WiringCaller, modules: WiringModule[], notes: string[]): WiringModule | "none" | undefined {
  const wanted = caller.modulePublishedName;
  if (typeof wanted === "string") {
    const byName = modules.filter((m) => m.publishedName === wanted);
    if (byName.length > 0) return byName[0];
    if (!modules.some((m) => isUnknown(m.publishedName))) return "none";
    notes.push(`${caller.flow}: a module's published name is not known during preview; checked on update`);
    return undefined;
  }
  if (isUnknown(wanted)) {
    notes.push(`${caller.flow}: the published name of its module is not known during preview; checked on update`);
    return undefined;
  }
  const byDependency = modules.filter((m) => caller.moduleDependencies.includes(m.urn));
  if (byDependency.length > 0) return byDependency[0];
  return modules.length === 1 ? modules[0] : "none";
}

function describe(m: WiringModule): string {
  return typeof m.publishedName === "string" ? `"${m.publishedName}"` : m.urn;
}

function short(v: string | undefined): string {
  if (v === undefined) return "not set";
  return v.length > 16 ? `"${v.slice(0, 12)}…"` : `"${v}"`;
}
