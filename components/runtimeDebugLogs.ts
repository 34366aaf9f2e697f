// @pulumi/pulumi's runtime sends the engine a debug message for each step of each resource it
// registers or reads ("Reading resource", "ReadResource RPC prepared", "... finished", 4-6 a
// resource: runtime/resource.js), each sent only after the one before it has been answered
// (log/index.js chains them: pulumi/pulumi#7146). The engine shows them only when it runs with
// --debug, which genesys-flows never asks for. At thousands of flows the chain falls behind the
// registrations and holds every message not yet sent, each with its promises and a captured stack
// (runtime/debuggable.js): a CPU profile of an adoption's first `up` of 5,000 flows led with that
// bookkeeping (debuggablePromise, rpcKeepAlive, the promises' async hooks), and without the
// messages that `up` took 230 s instead of 343 s (the second in a round stopped before this change).
// The program therefore turns the runtime's debug messages off for its run, unless
// GENESYS_FLOWS_PULUMI_DEBUG is set (a person debugging Pulumi itself, with `pulumi up --debug`).
// What the program and its guards say (info, warn, error) is untouched.
import * as pulumi from "@pulumi/pulumi";

/** Turns off @pulumi/pulumi's runtime debug messages to the engine for this process (once; see above), unless `env` keeps them. */
export function quietRuntimeDebugLogs(env: NodeJS.ProcessEnv = process.env): void {
  if (env.GENESYS_FLOWS_PULUMI_DEBUG) return;
  // The runtime calls log.debug through the module object (`require("../log").debug`), which is
  // pulumi.log: replacing its property is what reaches those calls.
  Object.assign(pulumi.log, { debug: quiet });
}

/** A debug message that goes nowhere, resolved as the runtime's own is when it has no engine. */
function quiet(): Promise<void> {
  return Promise.resolve();
}
