// genesys-flows mcp: the agent interface, a Model Context Protocol server on stdio (the official
// TypeScript SDK) serving one project: the tools of ./tools.ts, each offline and inside the
// project root. It never deploys, signs in or reads the org; stdout carries the protocol only,
// so the one line it prints for people goes to stderr. See docs/agents.md and AGENTS.md.
import { resolve } from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import packageJson from "../../package.json";
import { callTool, MCP_TOOLS } from "./tools";
import { commandArgs } from "../../project/cliArgs";

export const HELP = `Usage: genesys-flows mcp [--root <dir>]

Serves the project to an AI agent over the Model Context Protocol (stdio): list flows and modules,
the node types of a flow kind, lint, compile a flow, run scenarios with coverage, list a flow's
journeys, review a change against a git ref, import an Archy export, explain a rule, suggest
refactorings onto modules and dry-run them. Answers are concise (detail: true gives the full
report); every tool has an output schema. Offline: nothing deploys, signs in or reads the org, and
every path must stay inside the project. Configure your agent to run it, e.g.
  {"mcpServers": {"genesys-flows": {"command": "npx", "args": ["genesys-flows", "mcp"]}}}
See docs/agents.md.

Options:
  --root <dir>  the project (default: the current directory)
  -h, --help    show this help
`;

/** An MCP server for the project at `root`, with every tool registered (not yet connected). */
export function createMcpServer(root: string): McpServer {
  const server = new McpServer({ name: "genesys-flows", version: packageJson.version });
  for (const tool of MCP_TOOLS) {
    const annotations = {
      title: tool.title,
      readOnlyHint: tool.readOnly,
      destructiveHint: false,
      idempotentHint: tool.readOnly,
      openWorldHint: false,
    };
    server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: tool.input,
        outputSchema: tool.output,
        annotations,
      },
      async (args: Record<string, unknown>): Promise<CallToolResult> => {
        const answer = await callTool(tool, root, args);
        if (!answer.ok) return { isError: true, content: [{ type: "text", text: answer.error }] };
        // Compact JSON: an agent pays for every byte it reads (the same value is the structured content).
        return { content: [{ type: "text", text: JSON.stringify(answer.value) }], structuredContent: answer.value };
      },
    );
  }
  return server;
}

const MCP_OPTIONS = { root: { type: "string" } } as const;

export async function main(
  argv: string[],
  io: { out: { write(s: string): unknown }; err: { write(s: string): unknown } },
): Promise<number> {
  const parsed = commandArgs(argv, MCP_OPTIONS, { command: "genesys-flows mcp", help: HELP, io });
  if (typeof parsed === "number") return parsed;
  const args = parsed.values;
  const root = resolve(args.root ?? process.cwd());
  // Offline whatever the stack: its settings come from Pulumi.<stack>.yaml alone, never from a
  // `pulumi config` that could reach a cloud backend (project/stackFile.ts).
  process.env.GENESYS_FLOWS_CONFIG = "file";
  await createMcpServer(root).connect(new StdioServerTransport());
  io.err.write(`genesys-flows mcp: serving ${root} on stdio\n`);
  return 0;
}
