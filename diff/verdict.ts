// What leads every review, before what the deploy would do: whether the deploy will be refused
// (the checks a deploy runs, and the stack's policy configuration as the pack and the up's gate
// run it: policies/adapter.ts reviewStackPolicy), then what that configuration warns of. One
// implementation for the report (text and Markdown), the pull-request comment (bounded) and the
// MCP review's verdict. Pure.
import { mdText } from "./render";

/** The stack's policy configuration over the head (policies/adapter.ts reviewStackPolicy): mandatory findings refuse the deploy, advisory ones warn. */
export interface PolicyVerdict {
  refusals: string[];
  warnings: string[];
}

/** Lines longer than this are cut in a bounded rendering (the comment). */
const MAX_LINE = 300;

/**
 * What leads the review: "The deploy will be refused: ..." with every refusal (core checks, the
 * compiler, routing, the stack's mandatory policy rules, the org file's references), then the
 * stack's advisory findings; empty when there are neither. `maxLines` bounds each list (the
 * comment), the rest counted.
 */
export function renderVerdict(
  refusals: readonly string[],
  warnings: readonly string[],
  format: "text" | "markdown",
  maxLines = Number.POSITIVE_INFINITY,
): string {
  const md = format === "markdown";
  const cut = (line: string) =>
    Number.isFinite(maxLines) && line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line;
  const list = (lines: readonly string[]) => [
    ...lines.slice(0, maxLines).map((l) => (md ? `> - ${mdText(cut(l))}` : `  ${cut(l)}`)),
    ...(lines.length > maxLines
      ? [md ? `> - ${lines.length - maxLines} more: see the full report.` : `  ${lines.length - maxLines} more`]
      : []),
  ];
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? "" : "s"}`;
  const out: string[] = [];
  if (refusals.length > 0) {
    const head = `The deploy will be refused: ${n(refusals.length, "problem")} (the review of the rest follows):`;
    out.push(...(md ? ["> [!CAUTION]", `> **${head}**`] : [head]), ...list(refusals), "");
  }
  if (warnings.length > 0) {
    const head = `The stack's policy config warns (advisory: the deploy goes on): ${n(warnings.length, "finding")}:`;
    out.push(...(md ? ["> [!WARNING]", `> ${head}`] : [head]), ...list(warnings), "");
  }
  return out.length > 0 ? `${out.join("\n")}\n` : "";
}

/** The verdict in one line, for an agent (MCP review): what refuses the deploy first, else that nothing does. */
export function verdictLine(refusals: readonly string[], warnings: readonly string[]): string {
  const warned = warnings.length > 0 ? `; the stack's policy config warns of ${warnings.length} (warnings)` : "";
  if (refusals.length === 0) return `nothing refuses the deploy${warned}`;
  return `the deploy will be refused: ${refusals[0]}${refusals.length > 1 ? ` (and ${refusals.length - 1} more: refusals)` : ""}${warned}`;
}
