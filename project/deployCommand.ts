// The deploy command a hint prints, so that it works as printed: `npm start` for the local stack,
// `npm run up -- --stack <s>` for the others, with extra pulumi arguments after npm's `--` (npm
// swallows an option given before it: `npm start --refresh` runs a plain `npm start`); and the
// repairs built on it that hints print for a flow deleted or renamed in the org. Pure.

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

/**
 * What repairs a flow renamed in the org, as printed (test/e2e/renamedRoutedFlow.test.ts): a
 * refresh reads the new name, so the deploy replaces the flow (replaceOnChanges name) under the
 * stack's name, re-points what routes to it, then deletes the renamed one. A plain deploy does not:
 * it publishes by name beside the renamed flow while the state, and the IVR configs, keep its id.
 */
export function renameFix(publishedName: string, stack: string): string {
  return `${deployCommand(stack, ["--refresh"])} (the refresh reads the new name: the flow is published again as "${publishedName}", a new flow, what routes to it is re-pointed there, and the renamed one deleted); or rename it back to "${publishedName}" in Architect (same flow id)`;
}
