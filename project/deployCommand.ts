// The deploy command a hint prints, so that it works as printed: `npm start` for the local stack,
// `npm run up -- --stack <s>` for the others, with extra pulumi arguments after npm's `--` (npm
// swallows an option given before it: `npm start --refresh` runs a plain `npm start`); and the
// repairs built on it that hints print for a flow deleted or renamed in the org. Pure.
import { stackFileName } from "../model/stackFile";

/** The command that deploys `stack`, with `extra` pulumi arguments (e.g. `--refresh`). */
export function deployCommand(stack: string, extra: readonly string[] = []): string {
  const tail = extra.map((a) => ` ${a}`).join("");
  if (stack === "local") return extra.length > 0 ? `npm start --${tail}` : "npm start";
  return `npm run up -- --stack ${stack}${tail}`;
}

/**
 * The command that makes a stack publish again flows deleted in the org: forget each from the
 * stack's state (`pulumi state delete <urn>`), then deploy, which creates them again under their
 * names. Neither `--refresh` nor a plain deploy does it: the provider drops a flow from the state
 * only when the org answers 404, and Genesys answers 410 for a deleted flow (the refresh fails on
 * it); a plain deploy leaves an unchanged flow gone, and a changed one fails on the provider's
 * unlock of the deleted flow when forceUnlock is on. A resource other resources depend on (an IVR
 * config routing to the flow, a module's callers) cannot be forgotten alone: Pulumi refuses.
 */
export function forgetAndDeployCommand(stack: string, urns: readonly string[]): string {
  const forget = [...urns].sort().map((urn) => `npm run pulumi -- state delete '${urn}' --stack ${stack} --yes`);
  return [...forget, deployCommand(stack)].join(" && ");
}

/** A flow renamed in the org: its id in the portfolio, the stack's name, and its Genesys id and new name when known. */
type RenamedFlow = { flow: string; publishedName: string; flowId?: string; orgName?: string };

/**
 * What repairs a flow renamed in the org, as printed (test/e2e/renamedRoutedFlow.test.ts): the stack
 * keeps the renamed flow as its own under its new name (adopted in the stack file: its id and the
 * name it has; the refresh reads that name into the state, so nothing is replaced or deleted, what
 * routes to it keeps routing there, and the stack's next publish of it is judged like any other: a
 * version people published in it stops a protected stack until the stack file takes or acknowledges
 * it); or a person renames it back in Architect. Not a refresh alone: the deploy would then publish a
 * new flow under the stack's name, re-point what routes to the renamed one and delete it, a person's
 * flow (refused where the stack is protected).
 */
export function renameFix(f: RenamedFlow, stack: string) {
  const kept = f.orgName !== undefined ? `"${f.orgName}"` : "<the name it has now>";
  const adopt = `flows.${f.flow}.adopt: ${f.flowId ?? "<its id>"} and flows.${f.flow}.name: ${kept}`;
  return (
    `keep it as the stack's under its new name: set ${adopt} under genesys-flows:flows in ${stackFileName(stack)}, ` +
    `then \`${deployCommand(stack, ["--refresh"])}\` (the refresh reads its new name: the same flow, nothing ` +
    "replaced or deleted, and what routes to it keeps routing there; a version people published in it is " +
    `judged before the stack publishes over it); or rename it back to "${f.publishedName}" in Architect (same flow id)`
  );
}
