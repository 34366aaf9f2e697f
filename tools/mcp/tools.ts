// The agent interface's tools: what `genesys-flows mcp` offers, each one the project's own command
// or core called in process on the project the server serves (lint, the scenario runner, the
// compiler, the journeys, the review of a change, import, the rule and node type registries), so
// an agent gets the verdicts a person gets, structured. Every tool stays offline and inside the
// project: none deploys, signs in, reads the org or runs pulumi, and every path, flow id and stack
// name it takes goes through ./projectPaths.ts first. Each tool is one entry of MCP_TOOLS: its
// name, what it is for, its input schema and its output schema (zod; answers are concise, the
// full report one `detail: true` away: ./answers.ts), whether it only reads, and its run.
import { z } from "zod";
import { ruleDocsUrl } from "../../checks/rules";
import { ALL_RULES } from "../../policies/packRules";
import { isModuleModel } from "../../model/schema";
import { FlowLoadError, formatIssue } from "../../model/errors";
import { FLOW_KINDS, KIND_NAMES, type FlowKind } from "../../model/kinds";
import { flowFile } from "../../model/schema";
import { NODE_DESCRIPTORS, needed, type NodeType } from "../../model/nodes";
import { VALUE_TYPES } from "../../model/types";
import { runPipeline } from "../../planner/pipeline";
import { readFlowSources } from "../../project/flowFiles";
import { readPortfolio } from "../../project/portfolio";
import { readStackFile } from "../../project/stackFile";
import { UsageError } from "../../project/cliArgs";
import { journeysOf } from "../../behaviour/journeys";
import { programOfPortfolio } from "../../behaviour/program";
import { formatJson as scenariosJson } from "../../behaviour/scenario/report";
import { lintProject, projectStacks } from "../../policies/lint/project";
import { formatJson as lintJson } from "../../policies/lint/json";
import { PolicyConfigError } from "../../policies/config";
import type { LintReport } from "../../policies/lint/engine";
import { checkEmulatorOrg } from "../../project/orgFileCheck";
import { runScenarioFiles, scenarioFiles } from "../../run/scenarios";
import { flowsDiff } from "../../diff/projectReview";
import { verdictLine } from "../../diff/verdict";
import { shareText } from "../../traffic/weigh";
import { reviewStackPolicy } from "../../policies/adapter";
import { importFiles, type ImportResult } from "../../import/archyFiles";
import {
  journeysAnswer,
  journeysAnswerOf,
  MAX_JOURNEY_LINES,
  lintAnswer,
  lintAnswerOf,
  scenariosAnswer,
  scenariosAnswerOf,
} from "./answers";
import { flowIdPath, projectPath, stackName, OutsideProjectError } from "./projectPaths";
import { display as projectRelative } from "../../project/files";
import { REFACTOR_TOOLS } from "./refactorTools";

import { str, type McpTool, type ToolAnswer } from "./tool";

const stackArg = z.string().optional().describe("stack name (Pulumi.<stack>.yaml at the project root); default: local");
const strs = (args: Record<string, unknown>, key: string): string[] =>
  Array.isArray(args[key]) ? (args[key] as string[]) : [];

const detailArg = z.boolean().optional().describe("also the full report (default: the findings only)");
const full = (args: Record<string, unknown>) => args.detail === true;

/** Module input and output types as an agent writes the call: name -> "string", or "string, optional". */
const typesOf = (vars: Record<string, { type: string; required?: boolean }>) =>
  Object.fromEntries(Object.entries(vars).map(([n, v]) => [n, v.required === false ? `${v.type}, optional` : v.type]));

const listFlows: McpTool = {
  name: "list_flows",
  title: "List flows and modules",
  description:
    "Every flow file under flows/: id (the file is flows/<id>.yaml), kind, name, the modules it calls; for a common module its interface (inputs and outputs with their types, the kinds that may call it). `placeholders`: each {{key}} the stacks give a value, with the stacks that have it (a new flow's placeholders must have a value in every stack). Files that do not load are listed with their problems.",
  input: { detail: z.boolean().optional().describe("also each flow's file, description and variables") },
  output: z.object({
    flows: z.array(
      z.object({
        id: z.string(),
        file: z.string().optional(),
        kind: z.string(),
        name: z.string(),
        calls: z.array(z.string()).optional(),
        inputs: z.record(z.string(), z.string()).optional(),
        outputs: z.record(z.string(), z.string()).optional(),
        compatibleFlowTypes: z.array(z.string()).optional(),
        description: z.string().optional(),
        variables: z.record(z.string(), z.string()).optional(),
      }),
    ),
    placeholders: z.record(z.string(), z.array(z.string())),
    stacks: z.array(z.string()),
    problems: z.array(z.string()),
  }),
  readOnly: true,
  pathArgs: [],
  run(root, args) {
    const result = runPipeline({ sources: readFlowSources(root), checks: "none" });
    const flows = result.flows.map((f) => {
      const m = f.model;
      const calls = [
        ...new Set(
          Object.values(m.nodes).flatMap((n) => (n.type === "subflow" ? [(n as { module: string }).module] : [])),
        ),
      ].sort();
      const more = full(args)
        ? {
            file: f.file,
            ...(m.description ? { description: m.description } : {}),
            variables: Object.fromEntries(Object.entries(m.variables).map(([n, v]) => [n, v.type])),
          }
        : {};
      const base = { id: f.id, kind: m.kind, name: m.name, ...(calls.length > 0 ? { calls } : {}) };
      if (isModuleModel(m))
        return {
          ...base,
          inputs: typesOf(m.inputs),
          outputs: typesOf(m.outputs),
          compatibleFlowTypes: [...m.compatibleFlowTypes],
          ...more,
        };
      return { ...base, ...more };
    });
    // The shared substitutions of every stack whose file reads (a flow's own are its stack file's business).
    const placeholders: Record<string, string[]> = {};
    const stacks: string[] = [];
    const problems = result.loadIssues.map(formatIssue);
    for (const stack of projectStacks(root)) {
      try {
        const settings = readStackFile(root, stack).settings;
        stacks.push(stack);
        for (const key of Object.keys(settings.substitutions)) (placeholders[key] ??= []).push(stack);
      } catch (e) {
        if (!(e instanceof FlowLoadError)) throw e;
        problems.push(...e.issues.map(formatIssue));
      }
    }
    const sorted = Object.fromEntries(
      Object.keys(placeholders)
        .sort()
        .map((k) => [k, placeholders[k]]),
    );
    return { ok: true, value: { flows, placeholders: sorted, stacks, problems } };
  },
};

const lint: McpTool = {
  name: "lint",
  title: "Lint flow files",
  description:
    "The project's checks (the same verdict as compile, the review and the policy pack) over the given flow files (the rest of flows/ is read too, so module calls and callers are checked; only these files' findings are reported), or the whole project (flows/ and routing/). Without `stack`, as written and as every stack deploys them (a stack whose org is the bundled emulator's, as \"local\", also against its org file: genesys-flows:emulatorOrg, orgs/local.yaml). exitCode 0: no mandatory finding; `notRun` says what did not run and why.",
  input: {
    paths: z
      .array(z.string())
      .optional()
      .describe("flow files or folders inside the project (default: flows/ and routing/)"),
    stack: z.string().optional().describe("only as this stack deploys (Pulumi.<stack>.yaml); default: every stack"),
    detail: detailArg,
  },
  output: lintAnswer,
  readOnly: true,
  pathArgs: ["paths"],
  run(root, args) {
    const paths = strs(args, "paths").map((p) => projectRelative(root, projectPath(root, p, "path")));
    const stack = str(args, "stack");
    let report: LintReport;
    try {
      report = lintProject(root, { paths, ...(stack !== undefined ? { stack: stackName(stack) } : {}) });
    } catch (e) {
      if (e instanceof UsageError || e instanceof PolicyConfigError || e instanceof FlowLoadError)
        return { ok: false, error: `lint:flows: ${e.message}` };
      throw e;
    }
    const detail = full(args) ? (JSON.parse(lintJson(report)) as Record<string, unknown>) : undefined;
    return { ok: true, value: lintAnswerOf(report, detail) };
  },
};

const compileFlow: McpTool = {
  name: "compile_flow",
  title: "Compile a flow",
  description:
    "The Archy YAML a stack publishes for one flow (its substitutions applied), or the problems that stop it from compiling.",
  input: {
    flow: z.string().describe("flow id: the path under flows/ without .yaml, e.g. calls/sales"),
    stack: stackArg,
  },
  output: z.object({ flow: z.string(), stack: z.string(), publishedName: z.string(), archy: z.string() }),
  readOnly: true,
  pathArgs: ["flow"],
  run(root, args) {
    const flow = str(args, "flow") ?? "";
    flowIdPath(root, flow);
    const portfolio = readPortfolio(root, stackName(str(args, "stack") ?? "local"));
    const compiled = portfolio.flows.find((p) => p.id === flow);
    if (!compiled)
      return {
        ok: false,
        error: `stack "${portfolio.stack}" does not deploy flow "${flow}" (its include/exclude, or no such file)`,
      };
    return {
      ok: true,
      value: { flow, stack: portfolio.stack, publishedName: compiled.publishedName, archy: compiled.substitutedYaml },
    };
  },
};

const runScenarios: McpTool = {
  name: "run_scenarios",
  title: "Run behaviour scenarios",
  description:
    "Runs scenario files (what a caller hears and where they end up) against the Archy the stack publishes, in process. Answers each failure's first difference, and the coverage of each flow the scenarios are written for (what no scenario reached), the modules they call apart. With minCoverage, exitCode is 1 when a tested flow is covered less (the CI threshold is 90).",
  input: {
    paths: z
      .array(z.string())
      .optional()
      .describe("scenario files or folders inside the project (default: scenarios/)"),
    stack: stackArg,
    flow: z.string().optional().describe("only the scenarios of this entry flow id"),
    minCoverage: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe("fail (exitCode 1) when a tested flow's nodes and transitions are covered less than this %"),
    detail: z
      .boolean()
      .optional()
      .describe("also every scenario's path, prompts and ending, and every node's and transition's coverage"),
  },
  output: scenariosAnswer,
  readOnly: true,
  pathArgs: ["paths", "flow"],
  run(root, args) {
    const given = strs(args, "paths").map((p) => projectPath(root, p, "path"));
    const flow = str(args, "flow");
    if (flow !== undefined) flowIdPath(root, flow);
    const found = (given.length > 0 ? given : [projectPath(root, "scenarios", "path")]).map((p) =>
      scenarioFiles(root, p),
    );
    const issues = found.flatMap((f) => f.issues);
    if (issues.length > 0) return { ok: false, error: issues.map(formatIssue).join("\n") };
    const files = found.flatMap((f) => f.files);
    if (files.length === 0)
      return {
        ok: false,
        error: `no scenario files (*.yaml) in ${given.length > 0 ? strs(args, "paths").join(", ") : "scenarios/"}`,
      };
    const run = runScenarioFiles(root, files, {
      stack: stackName(str(args, "stack") ?? "local"),
      ...(flow !== undefined ? { flows: new Set([flow]) } : {}),
    });
    if (run.results.length === 0) return { ok: false, error: `no scenario of flow "${flow}"` };
    const minCoverage = typeof args.minCoverage === "number" ? args.minCoverage : undefined;
    const detail = full(args)
      ? (JSON.parse(scenariosJson(run.results, run.coverage)) as Record<string, unknown>)
      : undefined;
    return { ok: true, value: scenariosAnswerOf(run.results, run.coverage, minCoverage, detail) };
  },
};

const listJourneys: McpTool = {
  name: "list_journeys",
  title: "List a flow's journeys",
  description: `Every journey through a flow as the stack publishes it, one line each: the choices a caller makes and the org's answers, then where they end up (the first ${MAX_JOURNEY_LINES}; detail: true lists all, with the prompts heard and the paths).`,
  input: { flow: z.string().describe("flow id, e.g. calls/sales"), stack: stackArg, detail: detailArg },
  output: journeysAnswer,
  readOnly: true,
  pathArgs: ["flow"],
  run(root, args) {
    const flow = str(args, "flow") ?? "";
    flowIdPath(root, flow);
    const program = programOfPortfolio(readPortfolio(root, stackName(str(args, "stack") ?? "local")));
    if (!program.flows.has(flow))
      return {
        ok: false,
        error: `no flow "${flow}" in the stack (flows: ${[...program.flows.keys()].sort().join(", ")})`,
      };
    return { ok: true, value: journeysAnswerOf(journeysOf(program, flow), full(args)) };
  },
};

const review: McpTool = {
  name: "review",
  title: "Review a change against a git ref",
  description:
    "What the working tree changes against a git ref, as the pull-request review shows it: first the `verdict` (\"the deploy will be refused: ...\" or that nothing refuses it), what a deploy would refuse (`refusals`: empty is clean; with a stack, its policy configuration's mandatory rules as the policy pack runs them, its advisory ones in `warnings`; for a stack whose org is the emulator's, as local, org references against its org file, orgs/local.yaml), the flows the deploy replaces (a new published name: a new Genesys id) and deletes, the flows added, removed and changed, the modules whose published content changes, and (`realJourneys`, with journeys pulled from the org: `traffic`, or the stack's .work/traffic/<stack>.json) per flow whose journeys change the share of those real journeys that would now end elsewhere or hear something else, and those it cannot weigh; detail: true adds the report in Markdown.",
  input: {
    base: z.string().describe("git ref to compare with, e.g. origin/main or HEAD"),
    stack: z.string().optional().describe("compare the flows this stack deploys"),
    traffic: z
      .string()
      .optional()
      .describe(
        "the journeys `genesys-flows traffic pull` wrote, inside the project (default: the stack's, when there)",
      ),
    detail: detailArg,
  },
  output: z.object({
    verdict: z.string(),
    refusals: z.array(z.string()),
    warnings: z.array(z.string()),
    replaced: z.array(z.string()),
    deleted: z.array(z.string()),
    problems: z.array(z.object({ side: z.string(), file: z.string(), message: z.string() })),
    added: z.array(z.string()),
    removed: z.array(z.string()),
    changed: z.array(z.string()),
    changedModules: z.array(z.string()),
    orgReferences: z
      .object({
        checkedAgainst: z.string().optional(),
        missing: z.number().int().optional(),
        notChecked: z.string().optional(),
      })
      .optional(),
    realJourneys: z
      .object({
        source: z.string(),
        flows: z.array(
          z.object({
            flow: z.string(),
            journeys: z.number().int(),
            changed: z.number().int(),
            share: z.string(),
            changes: z.array(z.object({ journey: z.string(), what: z.string(), journeys: z.number().int() })),
            notWeighed: z.array(z.object({ why: z.string(), journeys: z.number().int() })),
          }),
        ),
        unpulled: z.array(z.string()),
      })
      .optional(),
    report: z.string().optional(),
  }),
  readOnly: true,
  pathArgs: ["traffic"],
  run(root, args) {
    const stack = str(args, "stack");
    const traffic = str(args, "traffic");
    if (traffic !== undefined) projectPath(root, traffic, "traffic");
    const r = flowsDiff(root, str(args, "base") ?? "", {
      ...(stack !== undefined ? { stack: stackName(stack) } : {}),
      ...(traffic !== undefined ? { traffic } : {}),
      format: "markdown",
      emulatorOrg: checkEmulatorOrg,
      policy: reviewStackPolicy,
    });
    const w = r.weight;
    const files = (status: string) => r.diff.flows.filter((f) => f.status === status).map((f) => f.file);
    const deploys = (action: string) =>
      (r.deploy?.changes ?? [])
        .filter((c) => c.action === action)
        .map((c) => `${c.file}: ${c.oldName !== undefined ? `"${c.oldName}" → ` : ""}"${c.publishedName}"`);
    return {
      ok: true,
      value: {
        verdict: verdictLine(r.refusals, r.warnings),
        refusals: r.refusals,
        warnings: r.warnings,
        replaced: deploys("replace"),
        deleted: deploys("delete"),
        problems: r.problems.map((p) => ({ side: p.side, file: p.file, message: p.message })),
        added: files("added"),
        removed: files("removed"),
        changed: files("changed"),
        changedModules: r.changedModules,
        ...(r.orgReferences !== undefined ? { orgReferences: r.orgReferences } : {}),
        ...(w
          ? {
              realJourneys: {
                source: w.source,
                unpulled: w.unpulled,
                flows: w.flows.map((f) => ({
                  flow: f.flow,
                  journeys: f.journeys,
                  changed: f.changed,
                  share: shareText(f.changed, f.journeys),
                  changes: f.rows,
                  notWeighed: f.notWeighed.map((n) => ({ why: n.why, journeys: n.journeys })),
                })),
              },
            }
          : {}),
        ...(full(args) ? { report: r.text } : {}),
      },
    };
  },
};

const importArchy: McpTool = {
  name: "import_archy",
  title: "Import an Archy export",
  description:
    "Turns an Archy export (a .yaml file inside the project) into a flow file in the folder the caller names, and declares the queues, skills, prompts... it names under objects/ (`objects`: one file each; `notes`: those it looks up by a computed name, not declared); never overwrites a file (nothing is written when one would be).",
  input: {
    source: z.string().describe("the Archy export, inside the project"),
    out: z.string().describe("folder for the flow file, inside the project, e.g. flows/imported"),
    substitutions: z.record(z.string(), z.string()).optional().describe("values for {{placeholders}} of the export"),
  },
  output: z.object({
    written: z.array(
      z.object({
        file: z.string(),
        source: z.string(),
        kind: z.string(),
        name: z.string(),
        typed: z.number(),
        raw: z.number(),
      }),
    ),
    objects: z.array(z.object({ file: z.string(), declares: z.string() })),
    notes: z.array(z.string()),
    warnings: z.array(z.string()),
  }),
  readOnly: false,
  pathArgs: ["source", "out"],
  run(root, args) {
    const source = projectPath(root, str(args, "source") ?? "", "source");
    const out = projectRelative(root, projectPath(root, str(args, "out") ?? "", "out"));
    let result: ImportResult | undefined;
    // The text the command prints is not read: the result is the data.
    const quiet = { write: () => true };
    const overwrite = {
      out,
      force: false,
      substitutions: (args.substitutions as Record<string, string> | undefined) ?? {},
    };
    const code = importFiles(root, [source], overwrite, { out: quiet, err: quiet, result: (r) => (result = r) });
    if (result === undefined) throw new Error(`import_archy: the import returned ${code} and no result`);
    const { written, objects, notes, problems, warnings, notTaken } = result as ImportResult;
    if (code !== 0) return { ok: false, error: `nothing written: ${[...problems, ...notTaken].join("; ")}` };
    const said = [...warnings, ...notTaken.map((n) => `not taken: ${n}`)];
    return { ok: true, value: { written, objects, notes, warnings: said } };
  },
};

const explainRule: McpTool = {
  name: "explain_rule",
  title: "Explain a rule",
  description:
    "What a rule (a finding's ruleId) demands, how to fix a violation, its level, severity, tags, settings and documentation page.",
  input: { id: z.string().describe("rule id, e.g. terminates or routing-numbers") },
  output: z.object({
    id: z.string(),
    description: z.string(),
    fix: z.string(),
    level: z.string(),
    severity: z.string(),
    tags: z.array(z.string()),
    url: z.string(),
    settings: z.record(z.string(), z.unknown()),
  }),
  readOnly: true,
  pathArgs: [],
  run(_root, args) {
    const id = str(args, "id") ?? "";
    const rule = ALL_RULES.find((r) => r.id === id);
    if (!rule) return { ok: false, error: `no rule "${id}"; rules: ${ALL_RULES.map((r) => r.id).join(", ")}` };
    const level = rule.core
      ? "core (a hard error everywhere)"
      : rule.locked
        ? "mandatory, locked"
        : rule.defaultEnforcement;
    return {
      ok: true,
      value: {
        id: rule.id,
        description: rule.description,
        fix: rule.remediation,
        level,
        severity: rule.severity,
        tags: [...rule.tags],
        url: ruleDocsUrl(rule.id),
        settings: rule.settings ?? {},
      },
    };
  },
};

/** The top-level fields of a flow file of `kind`, from the flow schema (model/schema.ts). */
function flowFieldsOf(kind: FlowKind): Array<{ field: string; required: boolean }> {
  const schema = flowFile.options.find((o) => o.shape.kind.value === kind)!;
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([field, s]) => ({
    field,
    required: !s.safeParse(undefined).success,
  }));
}

const nodeTypes: McpTool = {
  name: "node_types",
  title: "Node types of a flow kind",
  description:
    'The reference for writing a flow of a kind: its top-level fields, the variable types, and each node type it offers (model/nodes, the registry the schema is built from) with a one-line summary, its transitions and a valid example node (its transitions point to a node "Next"). `types` narrows to some node types; detail: true adds each one\'s fields and JSON schema.',
  input: {
    kind: z
      .enum(KIND_NAMES as [FlowKind, ...FlowKind[]])
      .optional()
      .describe("flow kind (default inboundCall)"),
    types: z.array(z.string()).optional().describe("only these node types"),
    detail: z.boolean().optional().describe("also each node type's fields and JSON schema"),
  },
  output: z.object({
    kind: z.string(),
    flowFields: z.array(z.object({ field: z.string(), required: z.boolean() })),
    variableTypes: z.array(z.string()),
    nodeTypes: z.array(
      z.object({
        type: z.string(),
        summary: z.string(),
        transitions: z.string(),
        example: z.record(z.string(), z.unknown()),
        fields: z.string().optional(),
        schema: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
  }),
  readOnly: true,
  pathArgs: [],
  run(_root, args) {
    const kind = (str(args, "kind") ?? "inboundCall") as FlowKind;
    const offered = FLOW_KINDS[kind].nodeTypes;
    const asked = strs(args, "types");
    const unknown = asked.filter((t) => !offered.includes(t as NodeType));
    if (unknown.length > 0)
      return {
        ok: false,
        error: `${FLOW_KINDS[kind].title}s have no node type ${unknown.map((t) => `"${t}"`).join(", ")}; they have: ${offered.join(", ")}`,
      };
    const types = asked.length > 0 ? offered.filter((t) => asked.includes(t)) : offered;
    const nodes = types.map((t) => {
      const unit = NODE_DESCRIPTORS[t];
      const transitions =
        unit.transitionsDoc ??
        unit
          .transitions(unit.example as never)
          .map((x) => (needed(x) ? x.name : `${x.name} (optional)`))
          .join(", ");
      const more = full(args)
        ? {
            fields: unit.fields,
            schema: z.toJSONSchema(unit.schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>,
          }
        : {};
      return {
        type: t,
        summary: unit.summary,
        transitions: transitions === "" ? "(none: it ends the path)" : transitions,
        example: unit.example as Record<string, unknown>,
        ...more,
      };
    });
    return {
      ok: true,
      value: { kind, flowFields: flowFieldsOf(kind), variableTypes: [...VALUE_TYPES], nodeTypes: nodes },
    };
  },
};

export const MCP_TOOLS: readonly McpTool[] = [
  listFlows,
  nodeTypes,
  lint,
  compileFlow,
  runScenarios,
  listJourneys,
  review,
  importArchy,
  explainRule,
  ...REFACTOR_TOOLS,
];

/** Runs a tool, turning the project's own refusals (a path outside, a file that does not load, a bad ref) into an error answer. */
export async function callTool(tool: McpTool, root: string, args: Record<string, unknown>): Promise<ToolAnswer> {
  try {
    return await tool.run(root, args);
  } catch (e) {
    if (e instanceof OutsideProjectError || e instanceof UsageError) return { ok: false, error: e.message };
    if (e instanceof FlowLoadError) return { ok: false, error: e.issues.map(formatIssue).join("\n") };
    throw e;
  }
}
