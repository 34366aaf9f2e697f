// What a guard is: one unit of what must hold before (and while) a run of a stack changes the org,
// registered once in run/guards/index.ts, like a routing kind or a rule. A guard reads through the
// run (run/stackRun.ts: its settings, plan, state and sign-in are each read once), decides purely
// (the cores stay in ownership/, checks/, planner/, verify/) and says what it decided: a refusal
// that stops the run before anything is registered, notes for the engine's log, and what the
// program wires with (its product). A guard whose decision depends on what the engine is about to
// do to one resource binds hooks: the engine calls them for exactly the resources it changes,
// whoever started it (components/flowGuard.ts binds every guard's hooks to every flow and routing
// object). The program (components/program.ts) only asks for the decisions, registers and binds.
import type { StackRun } from "../stackRun";

/** A line for the engine's log. */
export interface GuardNote {
  level: "info" | "warn";
  text: string;
}

/** What a guard decided for the run, before anything is registered. */
export interface GuardDecision<P> {
  /** Stops the run before anything registers: what a person reads, with the next command that is safe. */
  refusal?: string;
  notes?: GuardNote[];
  /** What the program wires with. */
  product: P;
}

/** What the engine tells a hook about a resource it is about to change (or has just created). */
export interface EngineChange {
  action: "create" | "update" | "delete";
  /** A flow (genesyscloud.Flow) or a routing object (IVR config, schedule, ...). */
  resource: "flow" | "routing";
  /** The resource's name: a flow's id (planner/names.ts), a routing object's resource name. */
  name: string;
  urn: string;
  /** The Genesys id (update and delete; after a create, the new one). */
  objectId?: string;
  /** Preview: nothing changes; a guard reports instead of acting. */
  dryRun: boolean;
}

/** Where hooks write what they decided (the engine's log, inside the program). */
export interface GuardOutput {
  warn(message: string): void;
  info(message: string): void;
}

/**
 * The hooks of one guard for one run: a `before` that throws refuses that change; an `afterCreate`
 * runs beside the engine, the run ending after it (components/flowGuard.ts), and one that throws
 * fails the run; a `createFailed` runs when the engine's create failed (the provider's error), to let
 * go of what the guard held for it.
 */
export interface GuardHooks {
  before?(change: EngineChange): Promise<void>;
  afterCreate?(change: EngineChange): Promise<void>;
  createFailed?(change: EngineChange): Promise<void>;
}

export interface Guard<Name extends string, P> {
  readonly name: Name;
  /** What it guards, for docs/people-in-the-org.md and messages. */
  readonly description: string;
  /** Decides in a preview too (false: its decision is about a change only `up` makes). */
  readonly onPreview: boolean;
  decide(run: StackRun): Promise<GuardDecision<P>>;
  /** The hooks it binds, created once per run (they may keep what they said, to say it once). */
  hooks?(run: StackRun, output: GuardOutput): GuardHooks;
}

/** A guard with nothing to hand the program. */
export const nothing: GuardDecision<undefined> = { product: undefined };
