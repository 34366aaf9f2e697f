// The agent interface's refactoring tools: what `genesys-flows refactor` does, offered to agents as
// a suggestion list and as dry runs (the files an extraction or an injected call would write, and
// the proof), never as a write: a person runs the command, which writes only when the proof holds.
// Flow ids go through ./projectPaths.ts like every other tool's. Registered in ./tools.ts.
import { z } from "zod";
import { str, type McpTool } from "./tool";
import { planExtract } from "../../refactor/extract";
import { planInject } from "../../refactor/inject";
import { loadableFlows, loadFlows, RefactorRefusal, Refused } from "../../refactor/project";
import { prove } from "../../refactor/proof";
import { resultJson, suggestionJson } from "../../refactor/render";
import { suggest } from "../../refactor/suggest";
import { readSnapshot } from "../../run/projectSnapshot";
import { flowIdPath } from "./projectPaths";

/** A tool as tools.ts's McpTool has it (the shape is repeated here: tools.ts imports this file). */
type RefactorTool = McpTool;

const flowIds = (root: string, args: Record<string, unknown>, key: string): string[] => {
  const ids = Array.isArray(args[key]) ? (args[key] as string[]) : [];
  for (const id of ids) flowIdPath(root, id);
  return ids;
};

/** A dry run's answer (refactor/render.ts resultJson): the module, the callers, the files it would write and the proof. */
const REFACTORING = z
  .object({
    action: z.enum(["extract-module", "call-module"]),
    module: z.unknown(),
    callers: z.array(z.unknown()),
    proof: z.record(z.string(), z.unknown()),
    written: z.boolean(),
    files: z.array(z.object({ file: z.string(), change: z.enum(["create", "update"]), text: z.string().optional() })),
  })
  .passthrough();

/** A refusal as the agent reads it: every reason, each naming the file and node. */
function refused(
  run: () => Record<string, unknown>,
): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  try {
    return { ok: true, value: run() };
  } catch (e) {
    if (e instanceof Refused)
      return { ok: false, error: `refused, nothing would be written:\n${e.refusals.map((r) => r.message).join("\n")}` };
    if (e instanceof RefactorRefusal) return { ok: false, error: `refused, nothing would be written: ${e.message}` };
    throw e;
  }
}

const flowsArg = z.array(z.string()).describe("flow ids: paths under flows/ without .yaml, e.g. calls/sales");

const refactorSuggest: RefactorTool = {
  name: "refactor_suggest",
  title: "Suggest subgraphs to move into a module",
  description:
    "The subgraphs two or more flows hold alike (same node types, fields and transitions up to node, variable and placeholder names and labels), largest first: where each occurs (file and node names), what a module of it would take (variables read before written) and return (variables written and read later), its ways out, and the extract command (or why it cannot be one, and the largest block inside it one can be made of: `block`).",
  input: {
    flows: flowsArg.optional().describe("the flows to compare (default: every flow)"),
    minNodes: z.number().int().min(1).optional().describe("the smallest subgraph listed (default 2)"),
  },
  output: z.object({ suggestions: z.array(z.record(z.string(), z.unknown())) }),
  readOnly: true,
  pathArgs: ["flows"],
  run(root, args) {
    const ids = flowIds(root, args, "flows");
    const snapshot = readSnapshot(root);
    const list = suggest(ids.length > 0 ? loadFlows(snapshot, ids) : loadableFlows(snapshot), {
      minNodes: typeof args.minNodes === "number" ? args.minNodes : 2,
    });
    return { ok: true, value: { suggestions: list.map(suggestionJson) } };
  },
};

const extractDryRun: RefactorTool = {
  name: "refactor_extract_module",
  title: "Extract a module (dry run)",
  description:
    "What `genesys-flows refactor extract-module` would write: the common module made of the subgraph the flows share (or nodes of one flow), returning what the flows read after it (or `outputs`), completing where they go on and failing only where a failure led, and each flow rewritten to call it, with the files' texts, and the proof (each flow's journeys, node names aside, equal the originals'; its scenarios still pass; lint finds nothing new on every stack). Writes nothing; refusals name the node and why.",
  input: {
    name: z.string().describe("the module's name"),
    flows: flowsArg.describe("the flows to rewrite"),
    nodes: z
      .array(z.string())
      .optional()
      .describe(
        "the subgraph's nodes in `from` (default: the largest block a module can be made of that all the flows share)",
      ),
    from: z.string().optional().describe("the flow id `nodes` are in"),
    outputs: z
      .array(z.string())
      .optional()
      .describe(
        "what the module returns (default: the variables the nodes write that a flow reads after them; refused without one a flow reads)",
      ),
  },
  output: REFACTORING,
  readOnly: true,
  pathArgs: ["flows", "from"],
  run(root, args) {
    const flows = flowIds(root, args, "flows");
    const from = str(args, "from");
    if (from !== undefined) flowIdPath(root, from);
    const snapshot = readSnapshot(root);
    return refused(() => {
      const plan = planExtract(snapshot, {
        name: str(args, "name") ?? "",
        flows,
        ...(Array.isArray(args.nodes) ? { nodes: args.nodes as string[] } : {}),
        ...(from !== undefined ? { from } : {}),
        ...(Array.isArray(args.outputs) ? { outputs: args.outputs as string[] } : {}),
      });
      const proof = prove(snapshot, plan.files, { changed: plan.callers.map((c) => c.flow), module: plan.module.name });
      return resultJson("extract-module", plan, proof, false, true);
    });
  },
};

const callModuleDryRun: RefactorTool = {
  name: "refactor_call_module",
  title: "Add a module call to flows (dry run)",
  description:
    "What `genesys-flows refactor call-module` would write: a call to an existing module at each flow's start or before a node, with the files' texts, and the proof (the journeys differ exactly by the call; the scenarios written without it still pass; lint finds nothing new on every stack). Writes nothing.",
  input: {
    module: z.string().describe("the module's name"),
    at: z.string().describe("start, or before:<node>"),
    flows: flowsArg.describe("the flows to add the call to (those without the node are left as they are)"),
    onError: z
      .string()
      .optional()
      .describe("the node a flow goes on at when the module ends in error (default: the node the call is before)"),
    inputs: z.record(z.string(), z.string()).optional().describe("module input -> expression in the caller"),
  },
  output: REFACTORING,
  readOnly: true,
  pathArgs: ["flows"],
  run(root, args) {
    const flows = flowIds(root, args, "flows");
    const snapshot = readSnapshot(root);
    return refused(() => {
      const onError = str(args, "onError");
      const plan = planInject(snapshot, {
        module: str(args, "module") ?? "",
        at: str(args, "at") ?? "",
        flows,
        ...(onError !== undefined ? { onError } : {}),
        ...(args.inputs ? { inputs: args.inputs as Record<string, string> } : {}),
      });
      const proof = prove(snapshot, plan.files, {
        changed: plan.callers.map((c) => c.flow),
        injected: new Map(plan.callers.map((c) => [c.flow, c])),
      });
      return resultJson("call-module", plan, proof, false, true);
    });
  },
};

export const REFACTOR_TOOLS: readonly RefactorTool[] = [refactorSuggest, extractDryRun, callModuleDryRun];
