// The edges of `npm run verify` (and of the impact shown by `npm run preview` and `flows:diff
// --org`): the stack's state through `pulumi stack export`, and a logged-in connection to the org
// the stack's provider points at (the stack file's region or gateway; its credentials, or the
// provider's GENESYSCLOUD_* environment variables; encrypted stack secrets through `pulumi config
// get`). Credentials are never printed.
import { spawn } from "node:child_process";
import * as path from "node:path";
import type { StackSettings } from "../planner/stackSettings";
import { OrgApi } from "../verify/orgClient";
import { deploymentFromExport, StateError } from "../verify/state";
import type { StackDeployment } from "../verify/model";
import { resolveCredentials, resolveTarget, type Credential } from "./preflight/target";
import { projectRoot } from "../project/root";

const ROOT = projectRoot();

export class ConnectError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = "ConnectError";
  }
}

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `tools/pulumi.sh <args>` in `root`, capturing its output (nothing reaches the terminal). */
export function pulumiCapture(root: string, args: string[]): Promise<Captured> {
  return capture("bash", [path.join(root, "tools/pulumi.sh"), ...args], root);
}

/** Runs `command <args>` in `cwd` with this process's environment, capturing its output. */
export function capture(command: string, args: string[], cwd: string): Promise<Captured> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

/** What the stack last deployed. A stack that does not exist yet has deployed nothing. */
export async function readDeployment(stack: string, root = ROOT): Promise<StackDeployment> {
  const r = await pulumiCapture(root, ["stack", "export", "--stack", stack]);
  if (r.code !== 0) {
    if (/no stack named|not found/i.test(r.stderr)) return { stack, flows: [] };
    throw new StateError(`pulumi stack export --stack ${stack} failed: ${r.stderr.trim().split("\n").slice(-3).join(" ")}`);
  }
  return deploymentFromExport(stack, r.stdout);
}

/** Decrypts a `genesys-flows:<key>` stack secret with pulumi (passphrase or the backend's secrets provider). */
export function pulumiSecret(stack: string, root = ROOT): (key: string) => Promise<string> {
  return async (key) => {
    const r = await pulumiCapture(root, ["config", "get", `genesys-flows:${key}`, "--stack", stack]);
    if (r.code !== 0 || r.stdout.trim() === "") {
      throw new ConnectError(
        `cannot read the encrypted genesys-flows:${key} of Pulumi.${stack}.yaml (pulumi config get: ${r.stderr.trim().split("\n").pop() ?? "no value"})`,
        `log in to the stack's backend and set PULUMI_CONFIG_PASSPHRASE for passphrase stacks, or export the provider's GENESYSCLOUD_ACCESS_TOKEN / GENESYSCLOUD_OAUTHCLIENT_ID and _SECRET`,
      );
    }
    return r.stdout.replace(/\r?\n$/, "");
  };
}

export interface OrgConnection {
  api: OrgApi;
  /** Where the API answers and the token it takes, for the clients that make their own requests (import's exports). */
  apiBase: string;
  token: string;
  /** For messages, e.g. `gateway http://127.0.0.1:8787 (genesys-flows:provider.gateway in Pulumi.local.yaml)`. */
  target: string;
}

export interface ConnectInput {
  stack: string;
  settings: StackSettings;
  env: NodeJS.ProcessEnv;
  /** Decrypts an encrypted stack secret (default: `pulumi config get`). */
  secret?: (key: string) => Promise<string>;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Attempts per request for 429, 502-504 and connection errors (OrgApi's default: 4). */
  attempts?: number;
}

/** Logs in to the org the stack deploys to, exactly where and as its provider would. */
export async function connectToOrg(input: ConnectInput): Promise<OrgConnection> {
  const stackFile = `Pulumi.${input.stack}.yaml`;
  const { target, problems: targetProblems } = resolveTarget({ stack: input.stack, stackFile, config: input.settings }, { env: input.env });
  const { credentials, problems } = resolveCredentials({ stack: input.stack, stackFile, config: input.settings }, { env: input.env });
  const problem = [...targetProblems, ...problems][0];
  if (problem || !target || !credentials) throw new ConnectError(problem?.message ?? "no target", problem?.fix ?? "");
  const secret = input.secret ?? pulumiSecret(input.stack);
  const keyOf: Record<string, string> = { accessToken: "accessToken", oauthClientId: "oauthClientId", oauthClientSecret: "oauthClientSecret" };
  const value = async (c: Credential, key: string) => c.value ?? (await secret(keyOf[key]));
  const doFetch = input.fetch ?? fetch;
  const timeoutMs = input.timeoutMs ?? 15_000;
  let token: string;
  if (credentials.kind === "token") {
    token = await value(credentials.token, "accessToken");
  } else {
    const id = await value(credentials.id, "oauthClientId");
    const secretValue = await value(credentials.secret, "oauthClientSecret");
    const url = `${target.loginBase}/oauth/token`;
    let res: Response;
    try {
      res = await doFetch(url, {
        method: "POST",
        headers: { Authorization: `Basic ${Buffer.from(`${id}:${secretValue}`).toString("base64")}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials",
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new ConnectError(`cannot reach ${url} (${target.description}): ${(e as Error).message}`, `check ${target.description}`);
    }
    const body = (await res.json().catch(() => ({}))) as { access_token?: unknown };
    if (res.status !== 200 || typeof body.access_token !== "string") {
      throw new ConnectError(`the OAuth login at ${url} answered HTTP ${res.status} (credentials from ${credentials.id.source} and ${credentials.secret.source})`, "set valid OAuth client credentials for the stack (see README, Pointing it at a real org)");
    }
    token = body.access_token;
  }
  return {
    api: new OrgApi(target.apiBase, token, { fetch: doFetch, timeoutMs, ...(input.attempts !== undefined ? { attempts: input.attempts } : {}) }),
    apiBase: target.apiBase,
    token,
    target: target.description,
  };
}
