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

const YES = new Set(["--yes", "-y", "--yes=true"]);

export function isProd(stack: string, environment: string | undefined): boolean {
  return stack === "prod" || environment === "prod";
}

/**
 * Decides how `command` runs on `stack`. `extra` are the user's pulumi arguments; the returned
 * `extra` has any --yes taken out (the caller adds it back when the decision is "yes").
 */
export function decideConfirmation(opts: {
  command: "start" | "up" | "preview" | "down";
  stack: string;
  environment?: string;
  extra: string[];
  interactive: boolean;
}): { confirmation: Confirmation; extra: string[] } {
  const explicitYes = opts.extra.some((a) => YES.has(a));
  const extra = opts.extra.filter((a) => !YES.has(a));
  if (opts.command === "preview") return { confirmation: { kind: "yes" }, extra: opts.extra };
  if (!isProd(opts.stack, opts.environment) || explicitYes) return { confirmation: { kind: "yes" }, extra };
  if (opts.interactive) return { confirmation: { kind: "ask" }, extra };
  const npm = opts.command === "down" ? "down" : "up";
  return {
    confirmation: {
      kind: "refuse",
      message:
        `refusing to ${opts.command === "down" ? "destroy" : "update"} stack "${opts.stack}" without a confirmation: there is no terminal to ask on. ` +
        `Pass --yes to confirm (npm run ${npm} -- --stack ${opts.stack} --yes), as the deploy workflow does behind its production environment's reviewers.`,
    },
    extra,
  };
}
