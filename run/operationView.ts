// What the operation (run/operation.ts) says while it runs, as typed events (terraform's
// views.Operation): the command line renders them as text (tools/operation.ts), a team's script
// or the MCP server reads them as data (jsonView below). The events that carry data are those a
// reader acts on: what an up deployed, what verify found, a rollout held; the rest is what a person
// reads (`report`: what the run did; `progress`: what it does next, a refusal, a failure) and the
// engine's own display (`engine`). What the operation ends with is its outcome, not an event.
import type { RolloutPlan } from "../planner/waves/wavePlan";
import type { VerifyReport } from "../verify/report";

/** A flow as the stack output `flows` lists it. */
export type FlowSummary = { id: string; file: string; kind: string; name: string; flowId: string; calls?: string[] };

/** What an up deployed (or a preview would), and where: the stack output's flows and the engine's summary of its changes. */
export interface Deployed {
  stack: string;
  /** Where the stack deploys: the emulator's URL or the org of its stack file, in words. */
  target: string;
  flows: FlowSummary[];
  /** How many resources the engine did what to ("same", "create", "update", ...); absent when the engine did not run. */
  changes?: Record<string, number>;
  /** A preview's: nothing was deployed. */
  preview: boolean;
}

export type OperationEvent =
  | { type: "progress"; text: string }
  | { type: "report"; text: string }
  | { type: "engine"; text: string }
  | { type: "deployed"; deployed: Deployed }
  | { type: "verified"; report: VerifyReport; command: string }
  | { type: "held"; rollouts: RolloutPlan[]; text: string };

/** Where the operation's events go. */
export interface OperationView {
  show(event: OperationEvent): void;
}

/** The text channels of a view: `out` what the run did, `err` progress, refusals and failures. */
export type TextOut = { out(text: string): void; err(text: string): void };

/** The text channels over `view` (the reports the operation writes as text). */
export function textOutOf(view: OperationView): TextOut {
  return {
    out: (text) => view.show({ type: "report", text }),
    err: (text) => view.show({ type: "progress", text }),
  };
}

/** A view for scripts and agents: every event as one line of JSON (`write` is handed each line, newline included). */
export function jsonView(write: (line: string) => void): OperationView {
  return { show: (event) => write(`${JSON.stringify(event)}\n`) };
}
