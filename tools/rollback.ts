// genesys-flows releases | rollback: what each up of a stack deployed (the stack output
// `releases`, planner/releases.ts), and one step back to one of them. A rollback is the operation
// below the commands (run/operation.ts): it takes the release's flows/, routing/ and stack file
// from git (its recorded commit, into .work/rollback/), says which flows differ
// (planner/rollbackPlan.ts) and runs the same up as `genesys-flows up` (policy pack, checks, the
// people check, the prod confirmation, verify), which republishes exactly those, modules first.
// Refusals come before anything publishes.
import { commandArgs, UsageError } from "../project/cliArgs";
import type { Io } from "../import/archyFiles";
import { projectDir } from "../project/root";
import type { Operate } from "../run/operation";
import { personRunning } from "../project/person";

const ROOT = projectDir();

export const RELEASES_HELP = `Usage: genesys-flows releases [--stack <s>] [--flows] [--format text|json]

Lists what each up of the stack deployed, oldest first, from the stack's state (the stack output
"releases"): the release id (r1, r2, ...), when, the commit its flows came from, how many flows
changed, and the one that runs now. An up that changes nothing records no release; the stack keeps
its last 20 (genesys-flows:releasesKept). See docs/rollback.md.

Options:
  --stack <s>, -s <s>   the stack (default: local)
  --flows               each flow's revision and the Genesys version it was published as
  --format text|json    json: the recorded history as it is
  -h, --help            show this help

Exit codes: 0 listed, 1 the state cannot be read, 2 usage errors.
`;

export const ROLLBACK_HELP = `Usage: genesys-flows rollback --stack <s> --to <release|previous> [--yes]

Puts the stack back on an earlier release: its flows/, routing/ and stack file are taken from git
at the commit the release recorded, and the same up as "genesys-flows up" runs (policy pack, checks,
people in the org, verify), which republishes exactly the flows that differ from that release,
modules before their callers. The stack then records that it runs the old release (a new release
"rollback to rN"); the next up from git says so and puts the git content back.

Refused before anything publishes: a release the stack never had (the ones it has are listed), a
release deployed from uncommitted changes or from a commit this clone lacks, and a release made
half-way through a rollout in waves. During a rollout in waves, a rollback ends it: the module and
the callers already moved go back with the release ("previous" is the release before the rollout
started), and the rollout does not start again until a new commit changes the module or
"genesys-flows rollout resume" says so (docs/rollback.md).

Options:
  --stack <s>, -s <s>   the stack (default: local)
  --to <id>             a release id (genesys-flows releases lists them), or "previous": the release
                        before the one that runs (after a rollback, the one before that)
  --yes                 no confirmation on prod (as up)
  -h, --help            show this help

Exit codes: 0 rolled back and verified, 1 refused or a failed run, 2 usage errors,
3 rolled back but not verified.
`;

const RELEASES_OPTIONS = {
  stack: { type: "string", short: "s" },
  flows: { type: "boolean" },
  format: { type: "string" },
} as const;

export async function releases(argv: string[], io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  const parsed = commandArgs(argv, RELEASES_OPTIONS, { command: "releases", help: RELEASES_HELP, io }, (values) => {
    if (values.format !== undefined && values.format !== "text" && values.format !== "json")
      throw new UsageError(`--format must be text or json, not "${values.format}"`);
  });
  if (typeof parsed === "number") return parsed;
  const args = parsed.values;
  const stack = args.stack ?? "local";
  const { readReleases } = await import("../org/stackExport");
  const { renderReleases } = await import("../planner/releases");
  try {
    const r = await readReleases(stack, ROOT);
    if (r.problem) io.err.write(`releases: ${r.problem}\n`);
    io.out.write(
      args.format === "json"
        ? `${JSON.stringify(r.history, null, 2)}\n`
        : renderReleases(stack, r.history, { flows: args.flows === true }),
    );
    return 0;
  } catch (e) {
    io.err.write(`releases: ${(e as Error).message}\n`);
    return 1;
  }
}

/** The options of `rollback` (planner/waves/rolloutControl.ts rollbackCommand prints them). */
export const ROLLBACK_OPTIONS = {
  stack: { type: "string", short: "s" },
  to: { type: "string" },
  yes: { type: "boolean", short: "y" },
} as const;

/** `operate`: the command line's operation (tools/cli.ts hands it over), asked for the rollback. */
export async function rollback(argv: string[], io: Io, operate: Operate): Promise<number> {
  const parsed = commandArgs(argv, ROLLBACK_OPTIONS, { command: "rollback", help: ROLLBACK_HELP, io }, (values) => {
    if (values.to === undefined) throw new UsageError("--to <release|previous> is required");
  });
  if (typeof parsed === "number") return parsed;
  const args = parsed.values;
  const outcome = await operate({
    command: "rollback",
    stack: args.stack ?? "local",
    root: ROOT,
    to: args.to!,
    yes: args.yes === true,
    person: personRunning(ROOT),
  });
  if (outcome.refusal !== undefined) io.err.write(`rollback: refused, nothing published: ${outcome.refusal}\n`);
  return outcome.code;
}
