// npm run test:agreement -- [--cases <n>] [--seed <s>] [--only <regex>]: the agreement tier
// (agreement.test.ts) with n random cases (default 20), the random cases of seed s (default: a new
// seed, printed), and only the cases whose kind matches the expression (default: all; "stateful"
// selects stateful.test.ts: the rollout in waves and the rollback). It sets the tier's environment variables and runs
// its jest project; the exit code is jest's (2 for a usage error here).
import { spawnSync } from "node:child_process";
import { type ArgValues, parseCommandLine, UsageError } from "../../project/cliArgs";

const HELP = `Usage: npm run test:agreement -- [--cases <n>] [--seed <s>] [--only <regex>]

The agreement tier: the review's JSON against pulumi preview --json over the matrix of changes and
<n> seeded random ones (docs/tests.md). A disagreement prints the case and the line that reruns it.
  --cases <n>     random cases (default 20)
  --seed <s>      the random cases' seed (default: a new one, printed)
  --only <regex>  only the cases whose kind matches (e.g. 'namePrefix', 'random #7 ', 'stateful')
  -h, --help      show this help
`;

const OPTIONS = {
  cases: { type: "string" },
  seed: { type: "string" },
  only: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function main(argv: string[]): number {
  let args: ArgValues<typeof OPTIONS>;
  try {
    args = parseCommandLine(argv, OPTIONS).values;
    if (args.cases !== undefined && !/^[0-9]+$/.test(args.cases))
      throw new UsageError(`--cases takes a whole number, not "${args.cases}"`);
    if (args.seed !== undefined && !/^[0-9]+$/.test(args.seed))
      throw new UsageError(`--seed takes a whole number, not "${args.seed}"`);
    if (args.only !== undefined) new RegExp(args.only);
  } catch (e) {
    process.stderr.write(`test:agreement: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const env = {
    ...process.env,
    ...(args.cases !== undefined ? { GENESYS_FLOWS_AGREEMENT_CASES: args.cases } : {}),
    ...(args.seed !== undefined ? { GENESYS_FLOWS_AGREEMENT_SEED: args.seed } : {}),
    ...(args.only !== undefined ? { GENESYS_FLOWS_AGREEMENT_ONLY: args.only } : {}),
  };
  // stateful.test.ts (its own stack: waves, the next wave, a rollback; its cases' kinds start with
  // "stateful: ") only when --only selects it.
  const stateful = args.only === undefined || new RegExp(args.only).test("stateful") || args.only.includes("stateful");
  const r = spawnSync(
    "npx",
    ["jest", "--selectProjects", "agreement", ...(stateful ? [] : ["--testPathIgnorePatterns", "stateful"])],
    { stdio: "inherit", env },
  );
  return r.status ?? 1;
}

process.exitCode = main(process.argv.slice(2));
