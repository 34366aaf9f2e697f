// The stacks the deploy workflow deploys, read from .github/workflows/deploy.yml (each step that
// runs `npm run up -- --stack <name>`), in the order its jobs list them: the one list the
// pull-request workflow renders a review and a preview for, so a stack added to the deploy gets
// both without a second list to keep.
// Usage: ts-node tools/ci/deployStacks.ts [--workflow <file>]   prints a JSON array, e.g. ["dev","prod"]
import { readFileSync } from "node:fs";
import * as YAML from "yaml";
import { parseCommandLine, UsageError } from "../../project/cliArgs";

export const DEPLOY_WORKFLOW = ".github/workflows/deploy.yml";

/** `npm run up -- ... --stack <name>` (or `--stack=<name>`) in a step's script. */
const UP_STACK = /\bnpm run up\b[^\n]*?\s--stack[= ]([A-Za-z0-9_.-]+)/g;

/** The stacks a deploy workflow's text deploys, each once, in job and step order. */
export function deployStacks(workflowText: string): string[] {
  const wf = YAML.parse(workflowText) as { jobs?: Record<string, { steps?: Array<{ run?: unknown }> }> } | null;
  const out: string[] = [];
  for (const job of Object.values(wf?.jobs ?? {})) {
    for (const step of job.steps ?? []) {
      if (typeof step.run !== "string") continue;
      for (const m of step.run.matchAll(UP_STACK)) if (!out.includes(m[1])) out.push(m[1]);
    }
  }
  return out;
}

export function main(argv: string[], out: NodeJS.WritableStream = process.stdout): number {
  const args = parseCommandLine(argv, { workflow: { type: "string" } }).values;
  const file = args.workflow ?? DEPLOY_WORKFLOW;
  const stacks = deployStacks(readFileSync(file, "utf8"));
  if (stacks.length === 0)
    throw new UsageError(`${file}: no step runs \`npm run up -- --stack <name>\`; nothing to review`);
  out.write(`${JSON.stringify(stacks)}\n`);
  return 0;
}
