// genesys-flows releases | rollback: what each up of a stack deployed (the stack output
// `releases`, planner/releases.ts), and one step back to one of them. A rollback takes the
// release's flows/, routing/ and stack file from git (its recorded commit, into .work/rollback/),
// says which flows differ (planner/rollbackPlan.ts) and runs the same up as `genesys-flows up`
// (tools/deploy.ts: policy pack, checks, the people check, the prod confirmation, verify), which
// republishes exactly those, modules first. Refusals come before anything publishes.
import * as path from "node:path";
import { FlowLoadError } from "../model/errors";
import { UsageError, parseCliArgs } from "../project/cliArgs";
import { projectRoot } from "../project/root";
import type { RollbackSource } from "../project/releaseSource";

const ROOT = projectRoot();

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
release deployed from uncommitted changes or from a commit this clone lacks, and a stack in the
middle of a wave rollout.

Options:
  --stack <s>, -s <s>   the stack (default: local)
  --to <id>             a release id (genesys-flows releases lists them), or "previous": the release
                        before the one that runs (after a rollback, the one before that)
  --yes                 no confirmation on prod (as up)
  -h, --help            show this help

Exit codes: 0 rolled back and verified, 1 refused or a failed run, 2 usage errors,
3 rolled back but not verified.
`;

interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export async function releases(argv: string[], io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  let args;
  try {
    args = parseCliArgs(argv, { stack: { type: "string", short: "s" }, flows: { type: "boolean" }, format: { type: "string" }, help: { type: "boolean", short: "h" } });
    if (args.help) {
      io.out.write(RELEASES_HELP);
      return 0;
    }
    if (args.format !== undefined && args.format !== "text" && args.format !== "json") throw new UsageError(`--format must be text or json, not "${args.format}"`);
    if (args.stack === "") throw new UsageError("--stack needs a stack name");
  } catch (e) {
    io.err.write(`releases: ${(e as Error).message}\n\n${RELEASES_HELP}`);
    return 2;
  }
  const stack = args.stack ?? "local";
  const { readReleases } = await import("../org/stackExport");
  const { renderReleases } = await import("../planner/releases");
  try {
    const r = await readReleases(stack, ROOT);
    if (r.problem) io.err.write(`releases: ${r.problem}\n`);
    io.out.write(args.format === "json" ? JSON.stringify(r.history, null, 2) + "\n" : renderReleases(stack, r.history, { flows: args.flows === true }));
    return 0;
  } catch (e) {
    io.err.write(`releases: ${(e as Error).message}\n`);
    return 1;
  }
}

/** Runs an up of the stack from a rollback's sources: the deploy command's (tools/cli.ts hands it over). */
export type DeployFrom = (argv: string[], source: RollbackSource) => Promise<number>;

export async function rollback(argv: string[], io: Io, deploy: DeployFrom): Promise<number> {
  let args;
  try {
    args = parseCliArgs(argv, { stack: { type: "string", short: "s" }, to: { type: "string" }, yes: { type: "boolean", short: "y" }, help: { type: "boolean", short: "h" } });
    if (args.help) {
      io.out.write(ROLLBACK_HELP);
      return 0;
    }
    if (args.to === undefined || args.to === "") throw new UsageError("--to <release|previous> is required");
    if (args.stack === "") throw new UsageError("--stack needs a stack name");
  } catch (e) {
    io.err.write(`rollback: ${(e as Error).message}\n\n${ROLLBACK_HELP}`);
    return 2;
  }
  const stack = args.stack ?? "local";
  const { readDeployment, readReleases } = await import("../org/stackExport");
  const { renderRollbackChanges, rollbackChanges, selectRelease, sourceRefusal, wavesRefusal } = await import("../planner/rollbackPlan");
  const { extractSources, hasCommit } = await import("../project/releaseSource");
  const refuse = (why: string) => {
    io.err.write(`rollback: refused, nothing published: ${why}\n`);
    return 1;
  };
  let recorded;
  try {
    recorded = await readReleases(stack, ROOT);
  } catch (e) {
    return refuse(`the state of stack "${stack}" cannot be read: ${(e as Error).message}`);
  }
  const waves = wavesRefusal(stack, recorded.waves);
  if (waves) return refuse(waves.refusal);
  if (recorded.problem) return refuse(recorded.problem);
  const release = selectRelease(stack, recorded.history, args.to);
  if ("refusal" in release) return refuse(release.refusal);
  const source = sourceRefusal(release);
  if (source) return refuse(source.refusal);
  if (!hasCommit(ROOT, release.commit)) {
    return refuse(`commit ${release.commit.slice(0, 12)} of release ${release.id} is not in this repository (a shallow clone? git fetch --unshallow, or fetch the branch that has it)`);
  }
  const dir = path.join(ROOT, ".work/rollback", stack, release.id);
  try {
    extractSources(ROOT, release.commit, stack, dir);
  } catch (e) {
    return refuse((e as Error).message);
  }
  // What differs, said before the run (the engine decides the same from the same revisions).
  try {
    const { readPortfolio } = await import("../project/portfolio");
    const target = readPortfolio(dir, stack).flows.map((f) => ({ id: f.id, revision: f.revision, isModule: f.kind.isModule }));
    const deployed = (await readDeployment(stack, ROOT)).flows.map((f) => ({ id: f.id, revision: f.revision, isModule: f.isModule }));
    io.out.write(renderRollbackChanges(stack, release, rollbackChanges(target, deployed, release)) + "\n");
  } catch (e) {
    if (e instanceof FlowLoadError) return refuse(`the flows of release ${release.id} do not load with today's checks:\n${e.message}`);
    return refuse((e as Error).message);
  }
  const code = await deploy(["up", "--stack", stack, ...(args.yes ? ["--yes"] : [])], { release: release.id, commit: release.commit, dir });
  if (code === 0 || code === 3) {
    const after = await readReleases(stack, ROOT).catch(() => undefined);
    const now = after?.history.at(-1);
    if (now?.rollbackOf === release.id) io.out.write(`\nStack "${stack}" runs release ${release.id} again (recorded as ${now.id}); the next up from git puts the git content back.\n`);
  }
  return code;
}

