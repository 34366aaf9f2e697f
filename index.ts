// The Pulumi program: the portfolio of flows under flows/, deployed for the selected stack
// (components/program.ts). See README for the stack settings. Async: before anything is
// registered, the program checks that no new flow would publish over one the stack does not own.
import { runProgram } from "./components/program";

/**
 * Stack outputs. `flows`: every deployed flow: id, file, kind, published name, flow id, and the
 * modules it calls. `org`: the org deployed to ({id, name}); the next run refuses another org.
 * `releases`: what each up deployed, the newest last (planner/releases.ts; docs/rollback.md).
 */
export = async () => {
  const result = await runProgram();
  return { flows: result.summary, ...(result.org !== undefined ? { org: result.org } : {}), ...(result.releases !== undefined ? { releases: result.releases } : {}) };
};
