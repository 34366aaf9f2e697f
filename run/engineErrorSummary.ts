// What a failed engine run says went wrong, for the one line a command prints after the engine's
// own output: the error diagnostics of its Diagnostics section (each `error:` line with the lines
// indented below it), not the summary that ends its output ("Resources: ...", "Duration: ...").
// Pulumi repeats the stack's error as "error: update failed" (or preview, destroy): that one only
// when nothing says more. Pure.

const GENERIC = /^error: (update|preview|destroy|refresh) failed$/;

/** The engine's errors in `output` (an Automation API error's message, or the CLI's output); at most `maxLines` lines. */
export function engineErrorSummary(output: string, maxLines = 12): string {
  const lines = output.replace(/\r/g, "").split("\n");
  const blocks: string[][] = [];
  for (let i = 0; i < lines.length; i++) {
    // The Automation API's error prefixes the engine's stderr with "stderr: ".
    const text = lines[i].trim().replace(/^(stdout|stderr): /, "");
    if (!text.startsWith("error:")) continue;
    const indent = lines[i].length - lines[i].trimStart().length;
    const block = [text];
    while (
      i + 1 < lines.length &&
      lines[i + 1].trim() !== "" &&
      lines[i + 1].length - lines[i + 1].trimStart().length > indent
    )
      block.push(`  ${lines[++i].trim()}`);
    blocks.push(block);
  }
  const unique = [...new Map(blocks.map((b) => [b.join("\n"), b])).values()];
  const specific = unique.filter((b) => !(b.length === 1 && GENERIC.test(b[0])));
  const chosen = (specific.length > 0 ? specific : unique).flat();
  if (chosen.length === 0)
    return lines
      .filter((l) => l.trim() !== "")
      .slice(-3)
      .map((l) => l.trim())
      .join("\n");
  return chosen.length > maxLines
    ? [
        ...chosen.slice(0, maxLines),
        `  ... (${chosen.length - maxLines} more lines in the engine's output above)`,
      ].join("\n")
    : chosen.join("\n");
}
