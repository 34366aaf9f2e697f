// The stack's providers as the program registers them: the arguments of the official Genesys
// provider built from the stack's settings, and how many provider processes publish its flows
// (planner/publishers.ts), under which names. One implementation for the program
// (components/program.ts, through components/provider.ts) and the review (diff/resourcePlan.ts),
// which compares a stack's providers at the base and at the head. Pure: the credentials are
// handed in (the program reads them with pulumi.Config, as secrets; the review as the stack file
// writes them).
import type * as pulumi from "@pulumi/pulumi";
import type * as genesyscloud from "@pulumi/genesyscloud";
import type { StackSettings } from "./stackSettings";
import { defaultPublishers, defaultTokenPool, publisherName, type SignIn } from "./publishers";

export interface ProviderCredentials {
  oauthClientId?: pulumi.Input<string>;
  oauthClientSecret?: pulumi.Input<string>;
  accessToken?: pulumi.Input<string>;
}

/**
 * The provider's read retries on a 404 (`customRetryTimeout`), unless the stack sets its own: long
 * enough for a flow just published to read back, short enough that a refresh of a flow deleted in
 * the org forgets it in seconds (the provider's default, 5 minutes twice, is 10 silent minutes).
 */
export const DEFAULT_READ_RETRY_TIMEOUT = "15s";

/**
 * Provider args for a stack. Credentials not given in config are left unset, so the provider
 * falls back to its environment variables (GENESYSCLOUD_OAUTHCLIENT_ID, _SECRET,
 * GENESYSCLOUD_ACCESS_TOKEN, GENESYSCLOUD_REGION), which is how CI passes repository secrets.
 * The token pool is the stack's `provider.tokenPoolSize`, else as many publishes in flight as one
 * process's publish token sustains (planner/publishers.ts defaultTokenPool), not the provider's 10:
 * the pool is what bounds a cascade. `signIn`: how the provider will sign in (components/program.ts
 * org/target.ts signInOf, which also reads GENESYSCLOUD_ACCESS_TOKEN); without it, from the credentials given.
 */
export function providerArgs(
  config: StackSettings,
  credentials: ProviderCredentials,
  signIn?: SignIn,
): genesyscloud.ProviderArgs {
  const target = config.provider;
  if (credentials.oauthClientSecret && !credentials.oauthClientId) {
    throw new Error(
      "stack config: genesys-flows:oauthClientSecret is set but genesys-flows:oauthClientId is not; set both, or neither",
    );
  }
  return {
    ...(target.region ? { awsRegion: target.region } : {}),
    ...(target.gateway
      ? { gateways: [{ protocol: target.gateway.protocol, host: target.gateway.host, port: target.gateway.port }] }
      : {}),
    tokenPoolSize:
      target.tokenPoolSize ??
      defaultTokenPool(signIn ?? (credentials.accessToken ? "accessToken" : "clientCredentials")),
    customRetryTimeout: target.customRetryTimeout ?? DEFAULT_READ_RETRY_TIMEOUT,
    ...(credentials.accessToken ? { accessToken: credentials.accessToken } : {}),
    ...(credentials.oauthClientId ? { oauthclientId: credentials.oauthClientId } : {}),
    ...(credentials.oauthClientSecret ? { oauthclientSecret: credentials.oauthClientSecret } : {}),
  };
}

/** How many provider processes publish the stack's flows: `provider.publishers`, else planner/publishers.ts defaultPublishers. */
export function publisherCount(settings: StackSettings, flowCount: number, signIn: SignIn): number {
  return settings.provider.publishers ?? defaultPublishers(flowCount, signIn);
}

/** The stack's providers: each one's Pulumi resource name and arguments (all the same; the first keeps the one provider's name). */
export function stackProviders(
  settings: StackSettings,
  credentials: ProviderCredentials,
  flowCount: number,
  signIn: SignIn,
): Array<{ name: string; args: genesyscloud.ProviderArgs }> {
  // As the program: the token pool from the credentials the stack gives (components/program.ts).
  const args = providerArgs(settings, credentials);
  return Array.from({ length: publisherCount(settings, flowCount, signIn) }, (_, i) => ({
    name: publisherName(i),
    args,
  }));
}
