// `npm start`, `npm run up|preview|down`: parses the arguments, asks on prod, owns the signals (they
// stop the engine) and hands a typed request to the operation tools/cli.ts hands in
// (tools/operation.ts: run/operation.ts with the engine, the local stack's emulator and the
// toolchain's environment wired; its text view prints). `rollback` and `rollout next` reach the
// same operation with a typed request (tools/cli.ts hands them operateHere).
import { createInterface } from "node:readline/promises";
import { EMULATOR_DATA } from "../emulator/localStack";
import { FlowLoadError } from "../model/errors";
import { parseCommandLine, UsageError } from "../project/cliArgs";
import { projectDir } from "../project/root";
import type { EngineFlags, OperationOutcome, OperationRequest, WiredOperate } from "../run/operation";

const ROOT = projectDir();

export const USAGE = `Usage: npm start
       npm run up      -- [--stack <s>] [--yes] [pulumi options]
       npm run preview -- [--stack <s>] [pulumi options]
       npm run down    -- [--stack <s>] [--yes]

Runs the stack's program with the policy pack (policies/) and the stack's policy config
(policies/config/<stack>.json), through Pulumi's Automation API in this process. The stack defaults
to "local", which deploys to the bundled Genesys Cloud API emulator: it is started on the port named
in Pulumi.local.yaml (or an emulator already listening there is reused) and keeps its org in
${EMULATOR_DATA}. Other stacks (dev, prod) use your Pulumi login and the credentials in their stack
config; a preflight checks the login, the credentials, the region and that the org answers first.
Stacks other than local must exist already (npm run pulumi -- stack init <s>).
Every guard runs in the program, whoever runs it (plain pulumi too): the org the stack belongs to,
flow names the org has outside the stack, org objects the flows name, what people did in the org to
the flows the run publishes or deletes (docs/people-in-the-org.md), the gate between the waves of a
module rollout (docs/waves.md). On prod, up and down show the plan and ask on a terminal; without a
terminal the run is refused unless you pass --yes. npm start = up on the local stack, then prints
what was deployed. After an up, what the org runs is verified (npm run verify).

Pulumi options passed on: --refresh (read every flow from the org first), --diff, --target <urn>,
--target-dependents, --replace <urn>, --exclude <urn>, --exclude-dependents, --message <m>,
--expect-no-changes, --continue-on-error, --parallel <n> (default 200 on an org's stack, 10 on
local, or GENESYS_FLOWS_PARALLEL), --skip-preview (up never previews first here), --show-outputs
(print the stack outputs too; by default the run prints its own summary of them). Anything else:
run your own pulumi (eval "$(genesys-flows env)", docs/using-your-own-pulumi.md): same program,
same guards.

Options:
  --stack <s>, -s <s>   the stack (default: local)
  --yes                 (up, down) no confirmation, also on prod
  --no-fast             (up, preview) start the engine even when nothing can have changed: by
                        default, when the sources, the stack's state (the project's file backend)
                        and the org's versions of its flows are those of the last successful up,
                        the run says so without starting Pulumi (any doubt starts it, named)
  -h, --help            show this help

Exit codes: 0 success, 1 flow errors, a refusal or a failed pulumi run, 2 usage errors, 3 deployed
but not verified, 4 deployed and verified, but a module rollout in waves is held: the gate between
waves (a failing scenario, verify) or a pause keeps its next wave back; the last lines say why and
what to type (docs/waves.md).
`;

class HelpRequested extends Error {}

/** The options of the deploy commands (project/cliArgs.ts: one argv style): ours, and pulumi's own names for what is passed on. */
const OPTIONS = {
  stack: { type: "string", short: "s" },
  yes: { type: "boolean", short: "y" },
  help: { type: "boolean", short: "h" },
  refresh: { type: "boolean", short: "r" },
  diff: { type: "boolean" },
  "target-dependents": { type: "boolean" },
  "exclude-dependents": { type: "boolean" },
  "expect-no-changes": { type: "boolean" },
  "continue-on-error": { type: "boolean" },
  "skip-preview": { type: "boolean", short: "f" },
  "show-outputs": { type: "boolean" },
  "no-fast": { type: "boolean" },
  target: { type: "string", short: "t", multiple: true },
  replace: { type: "string", multiple: true },
  exclude: { type: "string", multiple: true },
  message: { type: "string", short: "m" },
  parallel: { type: "string", short: "p" },
} as const;

/** The options passed on to the engine as they are. */
const PASSED_ON = [
  "refresh",
  "diff",
  "target-dependents",
  "exclude-dependents",
  "expect-no-changes",
  "continue-on-error",
  "show-outputs",
  "target",
  "replace",
  "exclude",
  "message",
] as const;

/** The command line as the operation's request (run/operation.ts), less the project folder. */
export function parseArgs(argv: string[]): {
  command: "start" | "up" | "preview" | "down";
  stack: string;
  yes: boolean;
  fast: boolean;
  flags: EngineFlags;
} {
  const [command, ...rest] = argv;
  if (!["start", "up", "preview", "down"].includes(command)) throw new UsageError(`unknown command "${command ?? ""}"`);
  let parsed: ReturnType<typeof parseCommandLine<typeof OPTIONS>>;
  try {
    parsed = parseCommandLine(rest, OPTIONS);
  } catch (e) {
    if (e instanceof UsageError && /^unknown option|^unexpected argument/.test(e.message)) {
      throw new UsageError(
        `${e.message.replace(/^unknown option /, '"').replace(/^unexpected argument: /, '"')}" is not an option of npm run ${command} (see the list below); for any other pulumi option run your own pulumi: eval "$(genesys-flows env)" (docs/using-your-own-pulumi.md), the same program and guards`,
      );
    }
    throw e;
  }
  const v = parsed.values;
  if (v.help) throw new HelpRequested();
  // pulumi's options passed on, under the engine's names (--target-dependents: targetDependents).
  const flags: EngineFlags = Object.fromEntries(
    PASSED_ON.filter((k) => v[k] !== undefined && v[k] !== false).map((k) => [
      k.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()),
      v[k],
    ]),
  );
  if (v.parallel !== undefined) {
    if (!/^[1-9][0-9]{0,3}$/.test(v.parallel))
      throw new UsageError(
        `--parallel takes a whole number of resource operations at once (1-9999), not "${v.parallel}"`,
      );
    flags.parallel = Number(v.parallel);
  }
  const stack = v.stack ?? "local";
  if (command === "start" && stack !== "local")
    throw new UsageError("npm start always deploys the local stack; use npm run up -- --stack <s>");
  return {
    command: command as "start" | "up" | "preview" | "down",
    stack,
    yes: v.yes === true,
    fast: v["no-fast"] !== true,
    flags,
  };
}

/** Asks on the terminal; true only for yes. */
async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/**
 * The operation as the command line runs it: text on the terminal, the question on prod when there
 * is one to ask on, Ctrl-C (SIGINT, SIGTERM) stopping the engine; a usage error, a flow error or a
 * crash reported as the deploy commands always have.
 */
export async function operateHere(request: OperationRequest, operate: WiredOperate): Promise<OperationOutcome> {
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  // `on`, not `once`: the listener stays while the operation runs. The Automation API's execa
  // (signal-exit) re-sends a signal to this process when its own listener is the only one left,
  // killing it: with `once` ours had removed itself by then, so Ctrl-C killed the command line and
  // pulumi with it (terminated at once, its plugins left running) whenever ours was registered first.
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    return await operate(request, {
      signal: abort.signal,
      ...(process.stdin.isTTY && process.stdout.isTTY ? { confirm: ask } : {}),
    });
  } catch (e) {
    return { code: reported(e) };
  } finally {
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  }
}

/** A command line's failure: help, usage errors (exit 2), flow errors and anything else (exit 1). */
function reported(e: unknown): number {
  if (e instanceof HelpRequested) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (e instanceof UsageError) {
    process.stderr.write(`deploy: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  process.stderr.write(`deploy: ${e instanceof FlowLoadError ? e.message : ((e as Error)?.stack ?? String(e))}\n`);
  return 1;
}

/** The deploy commands as the CLI runs them, with the wired operation (tools/operation.ts, handed in by tools/cli.ts): the exit code. */
export async function runDeploy(argv: string[], operate: WiredOperate): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (e) {
    return reported(e);
  }
  return (await operateHere({ ...args, root: ROOT }, operate)).code;
}
