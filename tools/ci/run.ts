// genesys-flows ci: the helpers the CI workflows run (templates/portfolio/.github/workflows), the same
// in a team's repository and here: deploy-stacks (tools/ci/deployStacks.ts), pr-comment
// (tools/ci/upsertPrComment.ts), drift-issue (tools/ci/driftIssue.sh, with gh).
import { spawn } from "node:child_process";
import * as path from "node:path";
import { UsageError } from "../../project/cliArgs";
import { toolRoot } from "../../project/root";
import type { Io } from "../../import/archyFiles";

export const HELP = `Usage: genesys-flows ci deploy-stacks [--workflow <file>]
       genesys-flows ci pr-comment --pr <n> --marker '<!-- name -->' --body-file <file> [--author <login>]
       genesys-flows ci drift-issue <stack> <verify exit code> <report file>

The CI workflows' helpers (.github/workflows):
  deploy-stacks   the stacks .github/workflows/deploy.yml deploys, as a JSON list (the pull-request
                  workflow reviews and previews each)
  pr-comment      posts or updates one comment of ours on a pull request (GITHUB_TOKEN, GITHUB_REPOSITORY)
  drift-issue     opens, updates or closes the stack's drift issue from verify's report (gh, GH_TOKEN, RUN_URL)

Options:
  -h, --help      show this help

Exit codes: 0 done, 1 failed, 2 usage errors.
`;

export async function main(argv: string[], io: Io): Promise<number> {
  const [helper, ...rest] = argv;
  try {
    if (helper === "deploy-stacks") return (await import("./deployStacks")).main(rest, io.out as NodeJS.WritableStream);
    if (helper === "pr-comment") return await (await import("./upsertPrComment")).main(rest, process.env);
    if (helper === "drift-issue") {
      return await new Promise<number>((resolve) => {
        const child = spawn("bash", [path.join(toolRoot(), "tools/ci/driftIssue.sh"), ...rest], {
          stdio: ["ignore", "pipe", "pipe"],
        });
        child.stdout.on("data", (d: Buffer) => io.out.write(d.toString()));
        child.stderr.on("data", (d: Buffer) => io.err.write(d.toString()));
        child.on("close", (code) => resolve(code ?? 1));
      });
    }
    if (helper === "--help" || helper === "-h") {
      io.out.write(HELP);
      return 0;
    }
    throw new UsageError(
      helper === undefined ? "name a helper: deploy-stacks, pr-comment or drift-issue" : `unknown helper ${helper}`,
    );
  } catch (e) {
    io.err.write(`ci: ${(e as Error).message}\n${e instanceof UsageError ? `\n${HELP}` : ""}`);
    return e instanceof UsageError ? 2 : 1;
  }
}
