// How the docs tier runs a documented command: the one command line (tools/cli.ts) in this
// process, in a project of the test's own (its working folder, and GENESYS_FLOWS_PROJECT as the
// tool's own children get it), what it printed captured; and the reference portfolio in a scratch
// git repository, as the pages' examples say they were made.
import { runCli, type Io } from "../../tools/cli";
import { commitAsMain } from "../../testkit/fixtureProject";
import { shippedExamplesProject } from "../../testkit/shippedExamples";

export interface Ran {
  code: number;
  out: string;
  err: string;
}

/** `genesys-flows <args>` run in the project `root`, as a person runs it there. */
export async function gf(root: string, ...args: string[]): Promise<Ran> {
  let out = "";
  let err = "";
  const io = {
    out: { write: (s: string) => ((out += s), true) },
    err: { write: (s: string) => ((err += s), true) },
  } as unknown as Io;
  const [cwd, project] = [process.cwd(), process.env.GENESYS_FLOWS_PROJECT];
  process.chdir(root);
  process.env.GENESYS_FLOWS_PROJECT = root;
  try {
    return { code: await runCli(args, io), out, err };
  } finally {
    process.chdir(cwd);
    if (project === undefined) delete process.env.GENESYS_FLOWS_PROJECT;
    else process.env.GENESYS_FLOWS_PROJECT = project;
  }
}

/** The reference portfolio (templates/portfolio) committed as `main` in a scratch repository. */
export function referenceRepository(): string {
  const repo = shippedExamplesProject();
  commitAsMain(repo);
  return repo;
}
