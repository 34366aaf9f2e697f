// What an MCP tool of the project is: its name, its input and output schemas, whether it only
// reads, the arguments that are paths inside the project, and how it runs. One shape for every tool
// (tools/mcp/tools.ts, tools/mcp/refactorTools.ts), registered once in MCP_TOOLS.
import type { z } from "zod";

export type ToolAnswer = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

export interface McpTool {
  name: string;
  title: string;
  description: string;
  input: z.ZodRawShape;
  /** The shape of every answer that is not an error (the MCP output schema). */
  output: z.ZodObject<z.ZodRawShape>;
  /** Reads only (MCP readOnlyHint): every tool but the import, which writes a new file. */
  readOnly: boolean;
  /** The argument names that are paths or flow ids inside the project (the boundary test tries each). */
  pathArgs: readonly string[];
  run(root: string, args: Record<string, unknown>): ToolAnswer | Promise<ToolAnswer>;
}

/** A tool's string argument, undefined when absent or not a string. */
export const str = (args: Record<string, unknown>, key: string): string | undefined =>
  typeof args[key] === "string" ? (args[key] as string) : undefined;
