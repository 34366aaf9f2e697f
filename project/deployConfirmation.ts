// Whether `npm run up|down` may change a stack without asking. Every stack but prod runs with
// `--yes` (as it always has). On prod (a stack named `prod`, or any stack whose
// genesys-flows:environment is `prod`), only an explicit `--yes` skips the question; on a terminal
// pulumi shows the plan and asks; without a terminal and without `--yes` the run is refused. Pure.

export type Confirmation =
  /** Run with --yes. */
  | { kind: "yes" }
  /** Run without --yes on the terminal: pulumi shows the plan and asks. */
  | { kind: "ask" }
  | { kind: "refuse"; message: string };

export function isProd(stack: string, environment: string | undefined): boolean {
  return stack === "prod" || environment === "prod";
}

/** Decides how `command` runs on `stack`: `yes`, the person's --yes; `interactive`, a terminal to ask on. */
export function decideConfirmation(opts: {
  command: "start" | "up" | "preview" | "down";
  stack: string;
  environment?: string;
  yes: boolean;
  interactive: boolean;
}): Confirmation {
  if (opts.command === "preview" || !isProd(opts.stack, opts.environment) || opts.yes) return { kind: "yes" };
  if (opts.interactive) return { kind: "ask" };
  const npm = opts.command === "down" ? "down" : "up";
  return {
    kind: "refuse",
    message:
      `refusing to ${opts.command === "down" ? "destroy" : "update"} stack "${opts.stack}" without a confirmation: there is no terminal to ask on. ` +
      `Pass --yes to confirm (npm run ${npm} -- --stack ${opts.stack} --yes), as the deploy workflow does behind its production environment's reviewers.`,
  };
}
