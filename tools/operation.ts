// The operation as the commands and a team's scripts run it (the package's `genesys-flows/operation`):
// the one operation below the commands (run/operation.ts) with its wiring above run/ (the
// engine with its quiet display, the local stack's emulator, the toolchain's environment), from a
// typed request to a typed outcome. The caller owns the rest: where the events go (textView for a
// terminal, jsonView for a script or an agent), the signal that stops the engine, and the question
// on prod (none: refused without `yes`). It writes nothing process-wide. The command line's entry
// (tools/cli.ts) hands it to the deploy commands, rollback and rollout.
import { EMULATOR_DATA, ensureEmulator } from "../emulator/localStack";
import { quietDisplay } from "../engine/quietDisplay";
import { engineEnvironment } from "../run/engineEnvironment";
import {
  operate as operateWith,
  type OperateOptions,
  type OperationOutcome,
  type OperationRequest,
} from "../run/operation";
import { formatSummary } from "../run/operationReports";
import type { OperationView } from "../run/operationView";
import { renderVerifyAfterUp } from "../verify/render";

export type { OperateOptions, OperationOutcome, OperationRequest } from "../run/operation";
export { jsonView, type Deployed, type OperationEvent, type OperationView } from "../run/operationView";

/**
 * The text view: what a person reads on a terminal. What the run did goes to `out` (the engine's
 * display, what an up deployed, verify's report, a rollout held), its progress, refusals and
 * failures to `err`.
 */
export function textView(out: (text: string) => void, err: (text: string) => void): OperationView {
  return {
    show(event) {
      switch (event.type) {
        case "progress":
          return err(event.text);
        case "report":
        case "engine":
        case "held":
          return out(event.text);
        case "deployed":
          return out(`${formatSummary(event.deployed)}\n`);
        case "verified":
          return out(`\n${renderVerifyAfterUp(event.report, event.command)}`);
      }
    },
  };
}

/** Runs `request` on the stack of its project (`root`). Throws a UsageError or a FlowLoadError for what the request or the flows get wrong. */
export function operate(request: OperationRequest, options: OperateOptions = {}): Promise<OperationOutcome> {
  const view =
    options.view ??
    textView(
      (text) => process.stdout.write(text),
      (text) => process.stderr.write(text),
    );
  return operateWith(request, {
    view,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.confirm ? { confirm: options.confirm } : {}),
    environment: (stack) => engineEnvironment(stack, request.root),
    emulator: async (settings) => {
      const { url, started } = await ensureEmulator(settings);
      return { url, ...(started ? { started: { data: EMULATOR_DATA, stop: () => started.stop() } } : {}) };
    },
    // The engine's display less its lines that say nothing (engine/quietDisplay.ts).
    engine: async (e) => {
      const display = quietDisplay(e.onOutput);
      const { runEngine } = await import("../engine/workspace");
      return runEngine({ ...e, onOutput: (text) => display.write(text) }).finally(() => display.end());
    },
  });
}
