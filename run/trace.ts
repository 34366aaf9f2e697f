// What a run reads, written down for the test that counts them (every read of the stack settings,
// every plan, every read of the state and every sign-in of one `up`, across the command line and
// the program): one JSON line per event appended to the file GENESYS_FLOWS_RUN_TRACE names.
// Nothing is written when it is not set.
import { appendFileSync } from "node:fs";
import type { RunEvent } from "./runIo";

export const RUN_TRACE_ENV = "GENESYS_FLOWS_RUN_TRACE";

/** The trace of this process's runs, or undefined when none is asked for. */
export function runTrace(env: NodeJS.ProcessEnv = process.env): ((event: RunEvent) => void) | undefined {
  const file = env[RUN_TRACE_ENV];
  if (file === undefined || file === "") return undefined;
  return (event) => appendFileSync(file, `${JSON.stringify({ event, pid: process.pid })}\n`);
}
