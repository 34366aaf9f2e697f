// The review's read of the org's state (flows:diff --stack <s> --org <s>): what people did in the
// org to the flows and routing objects the stack's deploy would write (the run's own read, which
// preview and up decide from), against what the stack last deployed (its Pulumi state). It needs two things a
// pull-request job may lack: the stack's Pulumi state (a token that can read the stack) and the
// org (the stack's read-only OAuth client). When either is missing the review says "not checked",
// naming each missing thing and what to set (in the pull-request workflow: which variable or secret).
import type { OrgStateOfRun } from "../org/personChanges";
import { StateError } from "../org/stackExport";
import { ConnectError } from "../org/signIn";
import type { StackDeployment } from "../org/model";

/** What the review could not read, and why. */
export interface ReviewReadProblems {
  /** `pulumi stack export` failed (its message). */
  state?: string;
  /** The org could not be signed in to (the message, and the fix the sign-in proposes). */
  org?: { message: string; fix: string };
}

/** The repository secrets the pull-request workflow passes as the stack's read-only client. */
export function readOnlySecretNames(stack: string): { id: string; secret: string } {
  const suffix = stack === "prod" ? "PROD" : "DEV";
  return {
    id: `GENESYSCLOUD_OAUTHCLIENT_ID_${suffix}_READONLY`,
    secret: `GENESYSCLOUD_OAUTHCLIENT_SECRET_${suffix}_READONLY`,
  };
}

/**
 * "Not checked", exactly why and what to set: each read that failed, with the variable to set
 * locally and, in GitHub Actions (`ci`), where the pull-request workflow takes it from.
 */
export function notCheckedReason(stack: string, problems: ReviewReadProblems, ci: boolean): string {
  const parts: string[] = [];
  if (problems.state !== undefined) {
    parts.push(
      `the stack's Pulumi state was not read (${problems.state}): set PULUMI_ACCESS_TOKEN to a token that can read stack ${stack} (or PULUMI_BACKEND_URL for a self-managed backend)` +
        (ci
          ? `; the pull-request workflow gets a read-only one through pulumi/auth-actions: set the repository variables PULUMI_ORGANIZATION and PULUMI_PREVIEW_TEAM (a team whose only permission on ${stack} is read); fork pull requests get none`
          : ""),
    );
  }
  if (problems.org !== undefined) {
    const names = readOnlySecretNames(stack);
    parts.push(
      `the org was not read (${problems.org.message})${problems.org.fix ? `: ${problems.org.fix}` : ""}` +
        (ci
          ? `; the pull-request workflow passes the stack's read-only client from the repository secrets ${names.id} and ${names.secret}; fork pull requests get none`
          : ""),
    );
  }
  return parts.join("; and ");
}

export interface ReviewReadInput {
  stack: string;
  /** Reads what the stack last deployed (`pulumi stack export`); throws StateError. */
  deployment: () => Promise<StackDeployment>;
  /** Signs in to the stack's org; throws ConnectError. Called only to say why, when the state is missing. */
  probeOrg: () => Promise<unknown>;
  /** The read itself (the run's orgState, run/stackRun.ts), given the deployment. */
  read: (deployment: StackDeployment) => Promise<OrgStateOfRun>;
  /** In GitHub Actions: the reason also names the workflow's variables and secrets. */
  ci: boolean;
}

/**
 * The org's state for the review: the read, or "not checked" naming every missing thing at once
 * (without the state the org is probed too, so a job lacking both is told both).
 */
export async function reviewOrgState(input: ReviewReadInput): Promise<OrgStateOfRun> {
  const problems: ReviewReadProblems = {};
  let deployment: StackDeployment | undefined;
  try {
    deployment = await input.deployment();
  } catch (e) {
    if (!(e instanceof StateError)) throw e;
    // pulumi's own error line, without the toolchain's set-up lines before it.
    problems.state = e.message.replace(/^(.*? failed: ).*?(error: .*)$/s, "$1$2");
  }
  if (deployment === undefined) {
    try {
      await input.probeOrg();
    } catch (e) {
      if (!(e instanceof ConnectError)) throw e;
      problems.org = { message: e.message, fix: e.fix };
    }
    return { checked: false, reason: notCheckedReason(input.stack, problems, input.ci) };
  }
  const state = await input.read(deployment);
  if (state.checked) return state;
  // The read's reason is the sign-in's message and fix: say where CI takes the client from.
  return {
    checked: false,
    reason: input.ci
      ? `${state.reason}; the pull-request workflow passes the stack's read-only client from the repository secrets ${readOnlySecretNames(input.stack).id} and ${readOnlySecretNames(input.stack).secret}; fork pull requests get none`
      : state.reason,
  };
}
