// Where a stack's org is and how to sign in, for the tools that read the org (flows:import
// --stack): the provider's own settings and environment variables, in the provider's order. The
// gateway (the emulator) or the region's API host; an access token (GENESYSCLOUD_ACCESS_TOKEN, or
// the stack's accessToken), else client credentials (the stack's, or GENESYSCLOUD_OAUTHCLIENT_ID
// and _SECRET). Encrypted stack values are read with `pulumi config get`.
import { spawn } from "node:child_process";
import { join } from "node:path";
import type { StackSettings } from "../planner/stackSettings";
import { clientCredentialsToken, regionDomain, type ApiTarget } from "./genesysApi";
import { stackFileName } from "./stackFile";

/** Why the org cannot be reached or signed in to, in the stack's terms. */
export class OrgConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OrgConnectionError";
  }
}

export interface ConnectionSources {
  env: NodeJS.ProcessEnv;
  /** The decrypted value of an encrypted stack setting (`genesys-flows:accessToken`). */
  secret(key: string): Promise<string>;
}

/** `pulumi config get <key> --stack <stack>` through the project's pinned CLI (tools/pulumi.sh). */
export function pulumiSecret(root: string, stack: string): (key: string) => Promise<string> {
  return (key) =>
    new Promise((resolve, reject) => {
      const child = spawn("bash", [join(root, "tools/pulumi.sh"), "config", "get", key, "--stack", stack], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve(out.trim()) : reject(new OrgConnectionError(`pulumi config get ${key} --stack ${stack} failed (${code}): ${err.trim().split("\n").slice(-2).join(" ")}`))));
    });
}

async function valueOf(v: StackSettings["accessToken"], key: string, sources: ConnectionSources): Promise<string | undefined> {
  if (v === undefined) return undefined;
  return typeof v === "string" ? v : sources.secret(`genesys-flows:${key}`);
}

export async function apiTargetFor(stack: string, settings: StackSettings, sources: ConnectionSources): Promise<ApiTarget> {
  const gateway = settings.provider.gateway;
  const region = settings.provider.region ?? sources.env.GENESYSCLOUD_REGION;
  let apiBase: string;
  let loginBase: string;
  if (gateway) {
    apiBase = loginBase = `${gateway.protocol}://${gateway.host}:${gateway.port}`;
  } else if (region && regionDomain(region) !== undefined) {
    const domain = regionDomain(region);
    apiBase = `https://api.${domain}`;
    loginBase = `https://login.${domain}`;
  } else {
    throw new OrgConnectionError(`${stackFileName(stack)}: set genesys-flows:provider.region (or provider.gateway), or GENESYSCLOUD_REGION, to say where the org is${region ? ` ("${region}" is not a Genesys region)` : ""}`);
  }
  const token = sources.env.GENESYSCLOUD_ACCESS_TOKEN || (await valueOf(settings.accessToken, "accessToken", sources));
  if (token) return { apiBase, token };
  const clientId = (await valueOf(settings.oauthClientId, "oauthClientId", sources)) ?? sources.env.GENESYSCLOUD_OAUTHCLIENT_ID;
  const clientSecret = (await valueOf(settings.oauthClientSecret, "oauthClientSecret", sources)) ?? sources.env.GENESYSCLOUD_OAUTHCLIENT_SECRET;
  if (!clientId || !clientSecret) {
    throw new OrgConnectionError(`${stackFileName(stack)}: no credentials; set genesys-flows:accessToken or oauthClientId and oauthClientSecret (or GENESYSCLOUD_ACCESS_TOKEN, or GENESYSCLOUD_OAUTHCLIENT_ID and _SECRET)`);
  }
  return { apiBase, token: await clientCredentialsToken(loginBase, clientId, clientSecret) };
}
