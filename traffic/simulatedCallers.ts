// Simulated callers (the emulator's POST /__emulator/traffic and `genesys-flows emulator --traffic`):
// their answers as distributions, and the contract between the emulator, which records the runs as
// executions, and the simulator that runs them through the published versions (the behaviour
// interpreter, behaviour/simulatedCalls.ts). The emulator is handed its simulator by whoever starts
// it (tools/emulator.ts, the tests), so it depends on nothing above the project's files. Pure.
import { z } from "zod";

const weights = z.record(z.string(), z.number().nonnegative());
/** Per name (a menu's, an action's, a schedule's, ...), the answers and their weights. */
const byName = z.record(z.string(), weights).default({});

/** The callers' answers, as distributions. */
export const CallersSchema = z
  .object({
    /** Menu name -> choice (its key `1`, its name, or `silence`) -> weight; default: every choice alike. */
    menus: byName,
    /** Collect-input action name -> digits (or `silence`) -> weight; default: silence. */
    digits: byName,
    /** Schedule name -> active|inactive; schedule group -> open|closed|holiday|emergency; default: all alike. */
    schedules: byName,
    scheduleGroups: byName,
    /** "<category>/<action>" -> success|failure|timeout; default: all alike (a success sets no output). */
    dataActions: byName,
    /** Queue or flow name -> success|failure; default: success. */
    transfers: byName,
    /** Decision action name -> true|false, for conditions the run cannot evaluate; default: even. */
    conditions: byName,
    /** The callers' numbers (Call.Ani) -> weight; default: +13175550000 and up, one per interaction. */
    ani: weights.optional(),
  })
  .strict();
export type Callers = z.infer<typeof CallersSchema>;

/** A key drawn from a weighted table (undefined when every weight is 0). */
export function draw(random: () => number, table: Record<string, number>): string | undefined {
  const entries = Object.entries(table).filter(([, w]) => w > 0);
  const total = entries.reduce((n, [, w]) => n + w, 0);
  if (total === 0) return undefined;
  let x = random() * total;
  for (const [k, w] of entries) if ((x -= w) < 0) return k;
  return entries[entries.length - 1][0];
}

/** A published version the simulator may enter: the Archy document the emulator parsed. */
export interface SimulatedFlow {
  id: string;
  name: string;
  type: string;
  version: string;
  archyKey: string;
  doc: Record<string, unknown>;
}

/**
 * What one interaction did: each action it ran (the document's own object), the path it left by and
 * the variables it set (name -> value as text); each menu's answer (`at`: during `ran[at]`, the jump
 * into the menu; `choice`: the choice's name, none for no input); how it ended.
 */
export type SimulatedRun =
  | {
      ran: Array<{ flowId: string; action: object; path?: string; assigned?: Record<string, string> }>;
      menus: Array<{ at: number; choice?: string; dtmf?: string }>;
      ending: string;
      errorReason?: string;
    }
  | { notSimulated: string };

/** Runs interactions through the published versions, the callers' answers drawn with `random`. */
export type TrafficSimulator = (
  flows: readonly SimulatedFlow[],
  callers: Callers,
  random: () => number,
) => (call: { flowId: string; ani: string; dnis?: string; at: number }) => SimulatedRun;
