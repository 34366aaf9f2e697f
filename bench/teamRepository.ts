// The team round (issue 90.5, issue 86's note that a team's repository is timed): this tree packed as
// the team tier packs it (testkit/teamPackage.ts), a repository written by `genesys-flows init` from
// the packed tool in a temporary folder outside this one (init installs the tarball there), its
// local stack pointed at a free port. bench/run.ts then times the team's commands in it as a person
// types them (bench/targets.ts TEAM_REPOSITORY_RULE).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pack, PERSON_ENV, stagedTree } from "../testkit/teamPackage";
import type { StepName } from "./steps";

/** The environment of a team's commands over the bench's own (undefined drops a variable: this run's npm and genesys-flows settings). */
export const TEAM_ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.keys(process.env).map((k) => [k, undefined])),
  ...PERSON_ENV,
};

/** The npm command of each step of the round. */
export const TEAM_COMMANDS: Partial<Record<StepName, string[]>> = {
  "team-start-first": ["start", "--silent"],
  "team-start-noop": ["start", "--silent"],
  "team-test": ["test"],
};

function run(cwd: string, command: string, args: string[], log: (line: string) => void): void {
  const started = Date.now();
  const r = spawnSync(command, args, {
    cwd,
    env: TEAM_ENV,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 20 * 60_000,
  });
  if (r.status !== 0)
    throw new Error(
      `team repository: ${command} ${args.join(" ")} exited ${r.status}:\n${`${r.stdout ?? ""}${r.stderr ?? ""}`.slice(-4000)}`,
    );
  log(`${command} ${args[0]}: ${Math.round((Date.now() - started) / 100) / 10} s (set-up, not timed by a rule)`);
}

/**
 * Packs this tree and writes a team's repository in `out` (`genesys-flows init`, which installs the
 * tarball): the repository's folder.
 */
export function teamRepository(out: string, log: (line: string) => void): string {
  const staged = stagedTree();
  try {
    const { tarball } = pack(staged, out);
    log(`npm pack: ${path.basename(tarball)}`);
    const team = path.join(out, "acme-flows");
    // init installs the tarball (copied into the repository's vendor/) with npm install.
    run(
      out,
      "npm",
      ["exec", "--yes", `--package=${tarball}`, "--", "genesys-flows", "init", team, "--package", tarball],
      log,
    );
    return team;
  } finally {
    fs.rmSync(staged, { recursive: true, force: true });
  }
}
