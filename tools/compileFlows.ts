// flows:compile — writes the compiled Archy of every flow of a stack, with the stack's
// substitutions applied, so people can inspect exactly what will be published.
//   npm run flows:compile -- [--stack <name>] --out <dir>
// Exit codes: 0 done, 1 flow or config errors (message on stderr), 2 usage errors.
import { mkdirSync, writeFileSync } from "fs";
import { dirname, join, resolve } from "path";
import { FlowLoadError } from "../model/errors";
import { readPortfolio } from "../project/portfolio";
import { parseCliArgs, UsageError } from "../project/cliArgs";

export const HELP = `Usage: npm run flows:compile -- [--stack <name>] --out <dir>

Compiles every flow of a stack (the flow files under flows/ its include/exclude globs select)
to Archy YAML, with the stack's substitutions applied, and writes one file per flow to <dir>,
at the flow file's path under flows/ (flows/calls/sales.yaml -> <dir>/calls/sales.yaml).
Runs the same checks as a deploy and stops on the first hard error, listing every problem.

Options:
  --stack <name>  stack whose Pulumi.<name>.yaml to read (default: local)
  --out <dir>     output directory (created if missing)
  --root <dir>    project root holding Pulumi.<name>.yaml and flows/ (default: current directory)
  -h, --help      show this help

Exit codes: 0 success, 1 flow or config errors, 2 usage errors.
`;

/** Compiles every flow of `stack` into `outDir`; returns the written paths. */
export function compileStack(root: string, stack: string, outDir: string): string[] {
  const portfolio = readPortfolio(root, stack);
  return portfolio.flows.map((p) => {
    const path = join(outDir, `${p.id}.yaml`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, p.substitutedYaml);
    return path;
  });
}

export function main(argv: string[], io = { out: process.stdout, err: process.stderr }): number {
  let args;
  try {
    args = parseCliArgs(argv, {
      stack: { type: "string" },
      out: { type: "string" },
      root: { type: "string" },
      help: { type: "boolean", short: "h" },
    });
    if (args.help) {
      io.out.write(HELP);
      return 0;
    }
    if (!args.out) throw new UsageError("--out <dir> is required");
  } catch (e) {
    io.err.write(`flows:compile: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const root = resolve(args.root ?? ".");
  const stack = args.stack ?? "local";
  try {
    for (const path of compileStack(root, stack, resolve(args.out))) io.out.write(`wrote ${path}\n`);
    return 0;
  } catch (e) {
    if (e instanceof FlowLoadError) {
      io.err.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
