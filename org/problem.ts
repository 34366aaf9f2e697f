// What a failed preflight check reports: what is missing or wrong, and how to set it.

export type PreflightCheck = "backend" | "passphrase" | "credentials" | "region" | "reachability";

export interface PreflightProblem {
  check: PreflightCheck;
  /** What is missing or wrong, naming the file, key, variable or URL. */
  message: string;
  /** The command or setting that fixes it. */
  fix: string;
}

export function formatProblems(stack: string, problems: PreflightProblem[]): string {
  const lines = [`preflight for stack "${stack}" failed (nothing was deployed, no backend was touched):`];
  for (const p of problems) lines.push(`  [${p.check}] ${p.message}`, `      fix: ${p.fix}`);
  return lines.join("\n");
}
