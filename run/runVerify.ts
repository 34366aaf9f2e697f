// Verify of one run (run/verifyStack.ts): the context verify, the impact and the gate between waves
// read the org and the stack through (the run's own reads), and what the org runs now against what
// the stack deployed, with the flows a fast no-op read already (run/fastNoop.ts) not read again.
import type { Portfolio } from "../planner/portfolio";
import type { StackDeployment } from "../org/model";
import type { VerifyReport } from "../verify/report";
import type { StackRun } from "./stackRun";
import { verifyStack, type StackContext } from "./verifyStack";

/** The context verify and the wave gate read the org and the stack through (this run's reads). */
export function stackContext(run: StackRun): StackContext & { portfolio: () => Portfolio } {
  return {
    root: run.root,
    sourcesRoot: run.source.sourcesRoot,
    stack: run.stack,
    settings: run.settings(),
    env: {},
    connect: () => run.connection(),
    deployment: () => run.deployment(),
    portfolio: () => run.portfolio(),
    references: (flows) => run.orgReferences(flows),
  };
}

/** What the org runs now against what the stack deployed (after an `up`: read the new state first). */
export function verifyRun(run: StackRun, deployment?: () => Promise<StackDeployment>): Promise<VerifyReport> {
  return verifyStack(
    { ...stackContext(run), ...(deployment ? { deployment } : {}) },
    run.unchangedFlows ? { read: run.unchangedFlows } : {},
  );
}
