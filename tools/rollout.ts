// genesys-flows rollout pause|resume|next|status: a person's hand on a module rollout in waves in
// an incident (docs/waves.md). pause and resume change the rollout's record in the stack's state
// (run/waves/control.ts: no run, nothing published); next is an up (the operation below the
// commands, run/operation.ts, asked with a typed request) that starts the module's next wave past
// the gate between waves and a pause, with the reason in the log; status prints where each
// rollout stands and who did what.
import { type ArgValues, parseCommandLine, UsageError } from "../project/cliArgs";
import type { Io } from "../import/archyFiles";
import { projectDir } from "../project/root";
import { personRunning } from "../project/person";
import type { Operate } from "../run/operation";
import { readStackSettings } from "../project/stackFile";
import { connectToOrg } from "../org/signIn";

const ROOT = projectDir();

export const ROLLOUT_HELP = `Usage: genesys-flows rollout pause|resume|next --stack <s> [--module <m>] --reason <why> [--by <who>] [--yes]
       genesys-flows rollout status --stack <s>

A person's hand on a module rollout in waves (docs/waves.md, "In an incident"):
  pause    no up starts a wave of the module's rollout (an up still publishes again what did not
           complete, and everything else it must); written into the stack's state, nothing runs
  resume   ups start waves again; after a rollback, the rolled-back change rolls out again from
           wave 1 with the next up
  next     an up that starts the next wave now, even when the checks between waves would hold it
           or the rollout is paused (it stays paused); the same gate as up otherwise (policy pack,
           checks, people in the org, the prod confirmation, verify)
  status   where each rollout stands: waves, held callers, why the next wave waits, the log; what
           the org runs (each caller's module version, its release), any disagreement, the safe command
Every pause, resume and next is logged in the stack's state with who, when and why.

Options:
  --stack <s>, -s <s>   the stack (default: local)
  --module <m>          the module (its flow id); default: the stack's only rollout
  --reason <why>        why (required for pause, resume and next)
  --by <who>            who (default: git's user.name and user.email, else the system's user)
  --yes                 (next) no confirmation on prod, as up
  -h, --help            show this help

Exit codes: 0 done, 1 refused (nothing changed) or a failed run, 2 usage errors; next: as up
(3 deployed but not verified, 4 the rollout is still held: another module's gate).
`;

const ACTIONS = ["pause", "resume", "next", "status"] as const;
/** The options after the action (planner/waves/rolloutControl.ts rolloutCommand prints them). */
export const ROLLOUT_OPTIONS = {
  stack: { type: "string", short: "s" },
  module: { type: "string" },
  reason: { type: "string" },
  by: { type: "string" },
  yes: { type: "boolean", short: "y" },
  help: { type: "boolean", short: "h" },
} as const;
type Action = (typeof ACTIONS)[number];

/** `operate`: the command line's operation (tools/cli.ts hands it over), asked for `rollout next`. */
export async function main(argv: string[], io: Io, operate: Operate): Promise<number> {
  const [action, ...rest] = argv;
  let args: ArgValues<typeof ROLLOUT_OPTIONS>;
  try {
    if (action === "--help" || action === "-h") {
      io.out.write(ROLLOUT_HELP);
      return 0;
    }
    if (!ACTIONS.includes(action as Action))
      throw new UsageError(`the first argument is one of ${ACTIONS.join(", ")}, not "${action ?? ""}"`);
    args = parseCommandLine(rest, ROLLOUT_OPTIONS).values;
    if (args.help) {
      io.out.write(ROLLOUT_HELP);
      return 0;
    }
    if (action !== "status" && (args.reason === undefined || args.reason.trim() === ""))
      throw new UsageError(`rollout ${action} needs --reason <why>: it goes into the rollout's log`);
  } catch (e) {
    io.err.write(`rollout: ${(e as Error).message}\n\n${ROLLOUT_HELP}`);
    return 2;
  }
  const stack = args.stack ?? "local";
  const { controlRollout, rolloutStatus, RolloutRefused } = await import("../run/waves/control");
  try {
    if (action === "status") {
      const settings = readStackSettings(ROOT, stack);
      const local =
        stack === "local" && settings.provider.gateway?.host === "127.0.0.1"
          ? await (await import("../emulator/localStack")).ensureEmulator(settings)
          : undefined;
      try {
        io.out.write(await rolloutStatus(stack, ROOT, () => connectToOrg({ stack, settings, env: process.env })));
      } finally {
        await local?.started?.stop();
      }
      return 0;
    }
    const by = args.by ?? personRunning(ROOT);
    const reason = args.reason!.trim();
    if (action === "next") {
      const outcome = await operate({
        command: "rollout-next",
        stack,
        root: ROOT,
        ...(args.module !== undefined ? { module: args.module } : {}),
        reason,
        person: by,
        yes: args.yes === true,
      });
      if (outcome.refusal !== undefined) throw new RolloutRefused(outcome.refusal);
      return outcome.code;
    }
    io.out.write(
      await controlRollout({
        stack,
        root: ROOT,
        ...(args.module !== undefined ? { module: args.module } : {}),
        action: action as "pause" | "resume",
        by,
        reason,
      }),
    );
    return 0;
  } catch (e) {
    if (e instanceof RolloutRefused) {
      io.err.write(`rollout: refused, nothing changed: ${e.message}\n`);
      return 1;
    }
    io.err.write(`rollout: ${(e as Error).message}\n`);
    return 1;
  }
}
