// flows:compile — writes the compiled Archy of every flow of a stack, with the stack's
// substitutions applied, so people can inspect exactly what will be published.
//   npm run flows:compile -- [--stack <name>] --out <dir> [--force]
// Exit codes: 0 done, 1 flow or config errors (message on stderr), 2 usage errors.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { FlowLoadError } from "../model/errors";
import { overwriteProblems } from "../project/outputs";
import { readPortfolio } from "../project/portfolio";
import { commandArgs, UsageError } from "../project/cliArgs";

export const HELP = `Usage: npm run flows:compile -- [--stack <name>] --out <dir> [--force]

Compiles every flow of a stack (the flow files under flows/ its include/exclude globs select)
to Archy YAML, with the stack's substitutions applied, and writes one file per flow to <dir>,
at the flow file's path under flows/ (flows/calls/sales.yaml -> <dir>/calls/sales.yaml).
Runs the same checks as a deploy and stops on the first hard error, listing every problem.
Nothing is written when an output file would land in the project's sources (flows/, scenarios/,
routing/, a stack file) or replace a file git tracks, unless --force is given.

Options:
  --stack <name>  stack whose Pulumi.<name>.yaml to read (default: local)
  --out <dir>     output directory (created if missing)
  --force         write even over the project's sources or files git tracks
  --root <dir>    project root holding Pulumi.<name>.yaml and flows/ (default: current directory)
  -h, --help      show this help

Exit codes: 0 success, 1 flow or config errors, 2 usage errors.
`;

/** Compiles every flow of `stack` into `outDir`; returns the written paths. */
export function compileStack(root: string, stack: string, outDir: string, force = false): string[] {
  const portfolio = readPortfolio(root, stack);
  const outputs = portfolio.flows.map((p) => ({ path: join(outDir, `${p.id}.yaml`), text: p.substitutedYaml }));
  const refused = overwriteProblems(
    root,
    outputs.map((o) => o.path),
    force,
  );
  if (refused.length > 0) throw new FlowLoadError(refused);
  return outputs.map(({ path, text }) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  });
}

const COMPILE_OPTIONS = {
  stack: { type: "string" },
  out: { type: "string" },
  root: { type: "string" },
  force: { type: "boolean" },
} as const;

export function main(argv: string[], io = { out: process.stdout, err: process.stderr }): number {
  const parsed = commandArgs(argv, COMPILE_OPTIONS, { command: "flows:compile", help: HELP, io }, (values) => {
    if (!values.out) throw new UsageError("--out <dir> is required");
  });
  if (typeof parsed === "number") return parsed;
  const args = parsed.values;
  const root = resolve(args.root ?? ".");
  const stack = args.stack ?? "local";
  try {
    for (const path of compileStack(root, stack, resolve(args.out!), args.force === true))
      io.out.write(`wrote ${path}\n`);
    return 0;
  } catch (e) {
    if (e instanceof FlowLoadError) {
      io.err.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
