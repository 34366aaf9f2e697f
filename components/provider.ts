// Builds the provider arguments for the official Genesys provider from the stack config.
// Pure: the credentials are handed in (read by the program with pulumi.Config, as secrets).
import type * as pulumi from "@pulumi/pulumi";
import type * as genesyscloud from "@pulumi/genesyscloud";
import type { StackSettings } from "../planner/stackSettings";
import { defaultTokenPool, type SignIn } from "../planner/publishers";

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
 * signInOf, which also reads GENESYSCLOUD_ACCESS_TOKEN); without it, from the credentials given.
 */
export function providerArgs(config: StackSettings, credentials: ProviderCredentials, signIn?: SignIn): genesyscloud.ProviderArgs {
  const target = config.provider;
  if (credentials.oauthClientSecret && !credentials.oauthClientId) {
    throw new Error("stack config: genesys-flows:oauthClientSecret is set but genesys-flows:oauthClientId is not; set both, or neither");
  }
  return {
    ...(target.region ? { awsRegion: target.region } : {}),
    ...(target.gateway
      ? { gateways: [{ protocol: target.gateway.protocol, host: target.gateway.host, port: target.gateway.port }] }
      : {}),
    tokenPoolSize: target.tokenPoolSize ?? defaultTokenPool(signIn ?? (credentials.accessToken ? "accessToken" : "clientCredentials")),
    customRetryTimeout: target.customRetryTimeout ?? DEFAULT_READ_RETRY_TIMEOUT,
    ...(credentials.accessToken ? { accessToken: credentials.accessToken } : {}),
    ...(credentials.oauthClientId ? { oauthclientId: credentials.oauthClientId } : {}),
    ...(credentials.oauthClientSecret ? { oauthclientSecret: credentials.oauthClientSecret } : {}),
  };
}
