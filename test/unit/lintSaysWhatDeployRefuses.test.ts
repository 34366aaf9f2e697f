// Lint says what deploy will refuse (issue 89): over the same broken repository, lint, the review
// (flows:diff --stack) and the run's plan (what preview and up plan: planRouting over the stack's
// portfolio) give the same verdict. The case a team met: the reference portfolio's routing removed,
// its routing values left in the dev and prod stack files (they load nothing).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { FlowLoadError } from "../../model/errors";
import { planRouting } from "../../planner/routing";
import { lintProject } from "../../policies/lint/project";
import { readPortfolio } from "../../project/portfolio";
import { routingPlanInput } from "../../project/routingFiles";
import { flowsDiff } from "../../diff/projectReview";
import { shippedExampleFiles } from "../../testkit/shippedExamples";
import { tempProject } from "../../testkit/tempProject";

/** The reference portfolio, committed, then its routing/ removed from the working tree. */
function withoutRouting(): string {
  const root = tempProject(shippedExampleFiles());
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: root,
      stdio: "ignore",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "t",
        GIT_AUTHOR_EMAIL: "t@example.com",
        GIT_COMMITTER_NAME: "t",
        GIT_COMMITTER_EMAIL: "t@example.com",
      },
    });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "reference portfolio");
  fs.rmSync(path.join(root, "routing"), { recursive: true });
  fs.rmSync(path.join(root, "scenarios/routing"), { recursive: true });
  return root;
}

describe("routing values in a stack file that name no routing file", () => {
  const root = withoutRouting();
  const NAMED = ["ivr/sales-line", "ivr/service-line", "hours/business"];

  it.each(["dev", "prod"])("stack %s: lint, the review and the plan all refuse, naming the same fields", (stack) => {
    // The field each names: its own, or the one its message names (the review's problems are formatted).
    const fields = (items: ReadonlyArray<{ field?: string; file?: string; message?: string }>) =>
      [
        ...new Set(
          items
            .filter((i) => i.file === `Pulumi.${stack}.yaml`)
            .flatMap((i) =>
              i.field !== undefined ? [i.field] : [...(i.message ?? "").matchAll(/field "([^"]+)"/g)].map((m) => m[1]),
            ),
        ),
      ].sort();
    const want = NAMED.map((id) => `genesys-flows:routing.objects.${id}`).sort();

    const lint = lintProject(root, { paths: [], stack });
    expect(lint.exitCode).toBe(1);
    expect(fields(lint.findings.filter((f) => f.level === "mandatory"))).toEqual(want);

    const review = flowsDiff(root, "HEAD", { stack, format: "text" });
    expect(fields(review.problems)).toEqual(want);

    let refused: FlowLoadError | undefined;
    try {
      planRouting(routingPlanInput(root, readPortfolio(root, stack)));
    } catch (e) {
      refused = e as FlowLoadError;
    }
    expect(refused).toBeInstanceOf(FlowLoadError);
    expect(fields(refused!.issues)).toEqual(want);
  });

  it("the local stack, which names no routing value the files lack, is clean for all three", () => {
    expect(lintProject(root, { paths: [], stack: "local" }).findings.filter((f) => f.level === "mandatory")).toEqual(
      [],
    );
    expect(flowsDiff(root, "HEAD", { stack: "local", format: "text" }).problems).toEqual([]);
    expect(() => planRouting(routingPlanInput(root, readPortfolio(root, "local")))).not.toThrow();
  });
});
