// Where the provider will send its calls, and with which credentials: the stack config first,
// the provider's environment variables as the fallback (exactly how components/provider.ts hands
// them to the provider); the API and login base URL of a region (org/regions.ts). Pure.
import { stackFileName } from "../model/stackFile";
import type { StackSettings as StackConfig } from "../planner/stackSettings";
import type { SignIn } from "../planner/publishers";
import type { PreflightProblem } from "./problem";
import { REGION_DOMAINS, regionDomain } from "./regions";

/** The environment variables the provider reads. */
export type Env = Readonly<Record<string, string | undefined>>;

export interface Target {
  /** e.g. `https://api.mypurecloud.com`, or the gateway `http://127.0.0.1:8787`. */
  apiBase: string;
  /** e.g. `https://login.mypurecloud.com`, or the gateway. */
  loginBase: string;
  /** For messages: `region us-east-1 (mypurecloud.com)` or `gateway http://...`. */
  description: string;
}

type Value = StackConfig["oauthClientId"];

/** A credential: its plain value when known (env or plain config), and where it came from. */
export interface Credential {
  source: string;
  value?: string;
}

export type Credentials = { kind: "token"; token: Credential } | { kind: "oauth"; id: Credential; secret: Credential };

export function resolveTarget(
  input: { stack: string; stackFile: string; config: StackConfig },
  deps: { env: Env },
): { target?: Target; problems: PreflightProblem[] } {
  const { config, stackFile } = input;
  const gateway = config.provider.gateway;
  const envRegion = deps.env.GENESYSCLOUD_REGION;
  const valid = Object.keys(REGION_DOMAINS).join(", ");
  // The provider validates aws_region even when a gateway rewrites the host.
  if (!config.provider.region && envRegion && !regionDomain(envRegion)) {
    return {
      problems: [
        {
          check: "region",
          message: `GENESYSCLOUD_REGION="${envRegion}" is not a Genesys Cloud region the provider knows`,
          fix: `set GENESYSCLOUD_REGION (or genesys-flows:provider.region in ${stackFile}) to one of: ${valid}`,
        },
      ],
    };
  }
  if (gateway) {
    const base = `${gateway.protocol}://${gateway.host}:${gateway.port}`;
    return {
      target: {
        apiBase: base,
        loginBase: base,
        description: `gateway ${base} (genesys-flows:provider.gateway in ${stackFile})`,
      },
      problems: [],
    };
  }
  const region = config.provider.region ?? envRegion;
  if (!region) {
    return {
      problems: [
        {
          check: "region",
          message: `no Genesys Cloud region for stack "${input.stack}": ${stackFile} has no genesys-flows:provider.region and GENESYSCLOUD_REGION is not set`,
          fix: `set genesys-flows:provider.region in ${stackFile} (e.g. us-east-1 for mypurecloud.com, eu-west-1 for mypurecloud.ie), or export GENESYSCLOUD_REGION; valid regions: ${valid}`,
        },
      ],
    };
  }
  const domain = regionDomain(region)!; // config regions are validated by the stack config schema
  const from = config.provider.region ? `genesys-flows:provider.region in ${stackFile}` : "GENESYSCLOUD_REGION";
  return {
    target: {
      apiBase: `https://api.${domain}`,
      loginBase: `https://login.${domain}`,
      description: `region ${region} (${domain}, from ${from})`,
    },
    problems: [],
  };
}

function fromConfig(value: Value, key: string, stackFile: string): Credential | undefined {
  if (value === undefined) return undefined;
  const source = `genesys-flows:${key} in ${stackFile}`;
  return typeof value === "string" ? { source, value } : { source: `${source} (secret)` };
}

function fromEnv(env: Env, name: string): Credential | undefined {
  const value = env[name];
  return value ? { source: name, value } : undefined;
}

/**
 * How the provider will sign in, as resolveCredentials resolves it for every read of the org: a
 * token (the stack's accessToken or GENESYSCLOUD_ACCESS_TOKEN; the provider prefers it) or an OAuth
 * client's credentials. No credentials at all: the provider's sign-in fails, whatever the count.
 */
export function signInOf(stack: string, config: StackConfig, env: Env = process.env): SignIn {
  const { credentials } = resolveCredentials({ stack, stackFile: stackFileName(stack), config }, { env });
  return credentials?.kind === "token" ? "accessToken" : "clientCredentials";
}

/** The credentials the provider will use, or a problem naming what is missing and how to set it. */
export function resolveCredentials(
  input: { stack: string; stackFile: string; config: StackConfig },
  deps: { env: Env },
): { credentials?: Credentials; problems: PreflightProblem[] } {
  const { config, stackFile, stack } = input;
  const { env } = deps;
  const token = fromConfig(config.accessToken, "accessToken", stackFile) ?? fromEnv(env, "GENESYSCLOUD_ACCESS_TOKEN");
  if (token) return { credentials: { kind: "token", token }, problems: [] };
  const id =
    fromConfig(config.oauthClientId, "oauthClientId", stackFile) ?? fromEnv(env, "GENESYSCLOUD_OAUTHCLIENT_ID");
  const secret =
    fromConfig(config.oauthClientSecret, "oauthClientSecret", stackFile) ??
    fromEnv(env, "GENESYSCLOUD_OAUTHCLIENT_SECRET");
  if (id && secret) return { credentials: { kind: "oauth", id, secret }, problems: [] };
  const setId = `npm run pulumi -- config set --stack ${stack} genesys-flows:oauthClientId <client-id>`;
  const setSecret = `npm run pulumi -- config set --stack ${stack} --secret genesys-flows:oauthClientSecret <client-secret>`;
  let message: string;
  let fix: string;
  if (id) {
    message = `the OAuth client secret is missing (the client id comes from ${id.source}; no genesys-flows:oauthClientSecret in ${stackFile}, GENESYSCLOUD_OAUTHCLIENT_SECRET not set)`;
    fix = `\`${setSecret}\`, or export GENESYSCLOUD_OAUTHCLIENT_SECRET`;
  } else if (secret) {
    message = `the OAuth client id is missing (the secret comes from ${secret.source}; no genesys-flows:oauthClientId in ${stackFile}, GENESYSCLOUD_OAUTHCLIENT_ID not set)`;
    fix = `\`${setId}\`, or export GENESYSCLOUD_OAUTHCLIENT_ID`;
  } else {
    message = `no Genesys Cloud credentials for stack "${stack}": ${stackFile} has none of genesys-flows:oauthClientId/oauthClientSecret/accessToken, and GENESYSCLOUD_OAUTHCLIENT_ID/GENESYSCLOUD_OAUTHCLIENT_SECRET/GENESYSCLOUD_ACCESS_TOKEN are not set`;
    fix = `\`${setId}\` and \`${setSecret}\`; or export GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET (or GENESYSCLOUD_ACCESS_TOKEN)`;
  }
  return { problems: [{ check: "credentials", message, fix }] };
}
