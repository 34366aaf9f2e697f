// The agent interface's tools: what `genesys-flows mcp` offers, each one the project's own command
// or core called in process on the project the server serves (lint's JSON report, the scenario
// runner, the compiler, the journeys, the review of a change, import, the rule registry), so an
// agent gets the verdicts a person gets, structured. Every tool stays offline and inside the
// project: none deploys, signs in, reads the org or runs pulumi, and every path, flow id and stack
// name it takes goes through ./projectPaths.ts first. Each tool is one entry of MCP_TOOLS: its
// name, what it is for, its input schema (zod) and its run.
import { z } from "zod";
import { ruleDocsUrl } from "../../checks/rules";
import { ALL_RULES } from "../../policies/packRules";
import { isModuleModel } from "../../model/schema";
import { FlowLoadError, formatIssue } from "../../model/errors";
import { runPipeline } from "../../planner/pipeline";
import { readFlowSources } from "../../project/flowFiles";
import { readPortfolio } from "../../project/portfolio";
import { UsageError } from "../../project/cliArgs";
import { journeysOf } from "../../behaviour/journeys";
import { programOfPortfolio } from "../../behaviour/program";
import { runLint } from "../lintFlows";
import { main as testMain } from "../testFlows";
import { flowsDiff } from "../flowsDiff";
import { importFiles } from "../importFlows";
import { flowIdPath, projectPath, projectRelative, stackName, OutsideProjectError } from "./projectPaths";
import { REFACTOR_TOOLS } from "./refactorTools";

/** What a tool answers: a JSON value (the agent reads it as text and as structured content), or an error to act on. */
export type ToolAnswer = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

export interface McpTool {
  name: string;
  title: string;
  description: string;
  input: z.ZodRawShape;
  /** The argument names that are paths or flow ids inside the project (the boundary test tries each). */
  pathArgs: readonly string[];
  run(root: string, args: Record<string, unknown>): ToolAnswer | Promise<ToolAnswer>;
}

/** Captures what a command prints, for the tools that call a command's main. */
function captureIo() {
  const text = { out: "", err: "" };
  const io = { out: { write: (s: string) => ((text.out += s), true) }, err: { write: (s: string) => ((text.err += s), true) } };
  // The commands type their streams as the process's; they only ever call write().
  return { io: io as unknown as { out: typeof process.stdout; err: typeof process.stderr }, text };
}

const stackArg = z.string().optional().describe("stack name (Pulumi.<stack>.yaml at the project root); default: local");
const str = (args: Record<string, unknown>, key: string): string | undefined => (typeof args[key] === "string" ? (args[key] as string) : undefined);
const strs = (args: Record<string, unknown>, key: string): string[] => (Array.isArray(args[key]) ? (args[key] as string[]) : []);

const listFlows: McpTool = {
  name: "list_flows",
  title: "List flows and modules",
  description: "Every flow file under flows/ with its id, kind and name; for a common module its interface (inputs, outputs, compatible flow types), for a flow the modules it calls and its variables. Files that do not load are listed with their problems.",
  input: {},
  pathArgs: [],
  run(root) {
    const result = runPipeline({ sources: readFlowSources(root), checks: "none" });
    const calls = new Map<string, string[]>();
    for (const f of result.flows) calls.set(f.id, [...new Set(Object.values(f.model.nodes).flatMap((n) => (n.type === "subflow" ? [(n as { module: string }).module] : [])))].sort());
    const flows = result.flows.map((f) => {
      const m = f.model;
      const base = { id: f.id, file: f.file, kind: m.kind, name: m.name, ...(m.description ? { description: m.description } : {}) };
      if (isModuleModel(m)) return { ...base, compatibleFlowTypes: m.compatibleFlowTypes, inputs: m.inputs, outputs: m.outputs, callsModules: calls.get(f.id) };
      return { ...base, variables: m.variables, callsModules: calls.get(f.id) };
    });
    return { ok: true, value: { flows, problems: result.loadIssues.map(formatIssue) } };
  },
};

const lint: McpTool = {
  name: "lint",
  title: "Lint flow files",
  description: "The project's checks (the same verdict as compile and the policy pack) over the given flow files or folders, or the whole project (flows/ and routing/): lint's JSON report, with each finding's rule, level, severity, file, line, node, problem and fix. exitCode 0 means no mandatory violation.",
  input: { paths: z.array(z.string()).optional().describe("flow files or folders inside the project (default: flows/ and routing/)"), stack: z.string().optional().describe("lint as this stack deploys (Pulumi.<stack>.yaml)") },
  pathArgs: ["paths"],
  run(root, args) {
    const paths = strs(args, "paths").map((p) => projectRelative(root, projectPath(root, p, "path")));
    const stack = str(args, "stack");
    const r = runLint(["--format", "json", ...(stack !== undefined ? ["--stack", stackName(stack)] : []), ...paths], { cwd: root });
    if (r.stdout === "") return { ok: false, error: r.stderr.trim() };
    return { ok: true, value: JSON.parse(r.stdout) as Record<string, unknown> };
  },
};

const compileFlow: McpTool = {
  name: "compile_flow",
  title: "Compile a flow",
  description: "The Archy YAML a stack publishes for one flow (its substitutions applied), or the problems that stop it from compiling.",
  input: { flow: z.string().describe("flow id: the path under flows/ without .yaml, e.g. calls/sales"), stack: stackArg },
  pathArgs: ["flow"],
  run(root, args) {
    const flow = str(args, "flow") ?? "";
    flowIdPath(root, flow);
    const portfolio = readPortfolio(root, stackName(str(args, "stack") ?? "local"));
    const compiled = portfolio.flows.find((p) => p.id === flow);
    if (!compiled) return { ok: false, error: `stack "${portfolio.stack}" does not deploy flow "${flow}" (its include/exclude, or no such file)` };
    return { ok: true, value: { flow, stack: portfolio.stack, publishedName: compiled.publishedName, archy: compiled.substitutedYaml } };
  },
};

const runScenarios: McpTool = {
  name: "run_scenarios",
  title: "Run behaviour scenarios",
  description: "Runs scenario files (what a caller hears and where they end up) against the Archy the stack publishes, in process, with the coverage of the nodes and transitions of the flows they run. Each failure names the first difference.",
  input: {
    paths: z.array(z.string()).optional().describe("scenario files or folders inside the project (default: scenarios/)"),
    stack: stackArg,
    flow: z.string().optional().describe("only the scenarios of this entry flow id"),
  },
  pathArgs: ["paths", "flow"],
  run(root, args) {
    const paths = strs(args, "paths").map((p) => projectPath(root, p, "path"));
    const flow = str(args, "flow");
    if (flow !== undefined) flowIdPath(root, flow);
    const { io, text } = captureIo();
    const code = testMain(["--root", root, "--format", "json", "--coverage", "--stack", stackName(str(args, "stack") ?? "local"), ...(flow !== undefined ? ["--flow", flow] : []), ...paths], io);
    if (text.out === "") return { ok: false, error: text.err.trim() };
    return { ok: true, value: { exitCode: code, ...(JSON.parse(text.out) as Record<string, unknown>) } };
  },
};

const listJourneys: McpTool = {
  name: "list_journeys",
  title: "List a flow's journeys",
  description: "Every journey through a flow as the stack publishes it: the choices a caller makes, the prompts they hear and where they end up.",
  input: { flow: z.string().describe("flow id, e.g. calls/sales"), stack: stackArg },
  pathArgs: ["flow"],
  run(root, args) {
    const flow = str(args, "flow") ?? "";
    flowIdPath(root, flow);
    const program = programOfPortfolio(readPortfolio(root, stackName(str(args, "stack") ?? "local")));
    if (!program.flows.has(flow)) return { ok: false, error: `no flow "${flow}" in the stack (flows: ${[...program.flows.keys()].sort().join(", ")})` };
    const table = journeysOf(program, flow);
    return { ok: true, value: { ...table } };
  },
};

const review: McpTool = {
  name: "review",
  title: "Review a change against a git ref",
  description: "What the working tree changes against a git ref, as the pull-request review shows it: flows added, removed and changed, what a deploy would refuse, the modules whose published content changes, and the report in Markdown.",
  input: { base: z.string().describe("git ref to compare with, e.g. origin/main or HEAD"), stack: z.string().optional().describe("compare the flows this stack deploys") },
  pathArgs: [],
  run(root, args) {
    const stack = str(args, "stack");
    const report = flowsDiff(root, str(args, "base") ?? "", { ...(stack !== undefined ? { stack: stackName(stack) } : {}), format: "markdown" });
    return { ok: true, value: { problems: report.problems.map((p) => ({ ...p })), refusals: report.refusals, changedModules: report.changedModules, report: report.text } };
  },
};

const importArchy: McpTool = {
  name: "import_archy",
  title: "Import an Archy export",
  description: "Turns an Archy export (a .yaml file inside the project) into a flow file in the folder the caller names; never overwrites a file (nothing is written when one would be).",
  input: { source: z.string().describe("the Archy export, inside the project"), out: z.string().describe("folder for the flow file, inside the project, e.g. flows/imported"), substitutions: z.record(z.string(), z.string()).optional().describe("values for {{placeholders}} of the export") },
  pathArgs: ["source", "out"],
  run(root, args) {
    const source = projectPath(root, str(args, "source") ?? "", "source");
    const out = projectRelative(root, projectPath(root, str(args, "out") ?? "", "out"));
    const { io, text } = captureIo();
    const code = importFiles(root, [source], { out, force: false, substitutions: (args.substitutions as Record<string, string> | undefined) ?? {} }, io);
    if (code !== 0) return { ok: false, error: text.err.trim() };
    return { ok: true, value: { written: text.out.trim().split("\n"), warnings: text.err === "" ? [] : text.err.trim().split("\n") } };
  },
};

const explainRule: McpTool = {
  name: "explain_rule",
  title: "Explain a rule",
  description: "What a rule (a finding's ruleId) demands, how to fix a violation, its level, severity, tags, settings and documentation page.",
  input: { id: z.string().describe("rule id, e.g. terminates or routing-numbers") },
  pathArgs: [],
  run(_root, args) {
    const id = str(args, "id") ?? "";
    const rule = ALL_RULES.find((r) => r.id === id);
    if (!rule) return { ok: false, error: `no rule "${id}"; rules: ${ALL_RULES.map((r) => r.id).join(", ")}` };
    const level = rule.core ? "core (a hard error everywhere)" : rule.locked ? "mandatory, locked" : rule.defaultEnforcement;
    return { ok: true, value: { id: rule.id, description: rule.description, fix: rule.remediation, level, severity: rule.severity, tags: rule.tags, url: ruleDocsUrl(rule.id), settings: rule.settings ?? {} } };
  },
};

export const MCP_TOOLS: readonly McpTool[] = [listFlows, lint, compileFlow, runScenarios, listJourneys, review, importArchy, explainRule, ...REFACTOR_TOOLS];

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
