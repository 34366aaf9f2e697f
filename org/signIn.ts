// Signing in to the org a stack deploys to, exactly where and as its provider would: the stack
// file's region or gateway (org/target.ts), its credentials or the provider's GENESYSCLOUD_*
// environment variables, encrypted stack secrets through `pulumi config get`. An access token is
// used as it is; client credentials are exchanged for one (POST <login>/oauth/token, the grant
// the provider uses; the preflight's probe makes the same request through `requestToken`).
// Credentials are never printed.
import { stackFileName } from "../model/stackFile";
import type { StackSettings } from "../planner/stackSettings";
import { pulumiCapture, pulumiShEnv } from "../project/pulumiCli";
import { passphraseSecret } from "./passphraseSecret";
import { projectDir } from "../project/root";
import { OrgApi, ORG_TIMEOUT_MS, type OrgApiOptions } from "./client";
import { httpOver, type Http, type HttpResponse } from "./http";
import { resolveCredentials, resolveTarget, type Credential, type Credentials } from "./target";

export class ConnectError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = "ConnectError";
  }
}

/** The client-credentials grant: the answer of `<loginBase>/oauth/token` (a rejection when there is none). */
export function requestToken(
  http: Http,
  loginBase: string,
  clientId: string,
  clientSecret: string,
  timeoutMs: number,
): Promise<HttpResponse> {
  return http({
    method: "POST",
    url: `${loginBase}/oauth/token`,
    headers: {
      Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
    timeoutMs,
  });
}

/** The access token of a login answer, if it has one. */
export function tokenOf(res: HttpResponse): string | undefined {
  if (res.status !== 200) return undefined;
  try {
    const token = (JSON.parse(res.body) as { access_token?: unknown }).access_token;
    return typeof token === "string" && token !== "" ? token : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Decrypts a `genesys-flows:<key>` stack secret: a passphrase stack's in this process
 * (org/passphraseSecret.ts), any other with pulumi (the backend's secrets provider).
 */
export function pulumiSecret(
  stack: string,
  root = projectDir(),
  env?: NodeJS.ProcessEnv,
): (key: string) => Promise<string> {
  return async (key) => {
    // The passphrase pulumi would get (tools/pulumi.sh gives the local stack its own, unless one is set).
    const given = env ?? process.env;
    const set = given.PULUMI_CONFIG_PASSPHRASE !== undefined || given.PULUMI_CONFIG_PASSPHRASE_FILE !== undefined;
    const value = await passphraseSecret(root, stack, key, set ? given : await pulumiShEnv(root, stack, given));
    if (value !== undefined) return value;
    const r = await pulumiCapture(root, ["config", "get", `genesys-flows:${key}`, "--stack", stack], env);
    if (r.code !== 0 || r.stdout.trim() === "") {
      throw new ConnectError(
        `cannot read the encrypted genesys-flows:${key} of ${stackFileName(stack)} (pulumi config get: ${r.stderr.trim().split("\n").pop() ?? "no value"})`,
        `log in to the stack's backend (and set PULUMI_CONFIG_PASSPHRASE for passphrase stacks); the GENESYSCLOUD_* environment variables do not replace it: the stack file's genesys-flows:${key} wins over them, as for the provider (org/target.ts), so to use them remove genesys-flows:${key} from ${stackFileName(stack)}`,
      );
    }
    return r.stdout.replace(/\r?\n$/, "");
  };
}

/**
 * The stack's secrets as the sign-in reads them, each key decrypted once (`pulumi config get` costs
 * a process and the passphrase's key derivation). `prefetch` starts on the stack's encrypted
 * credentials at once, in `input.env`, so the sign-in later finds them decrypted: a command starts
 * it before its other work (run/operation.ts). `envOf`: the environment `pulumi config get` runs
 * in when a key is read (default: this process's).
 */
export function secretsOnce(
  stack: string,
  root: string,
  envOf: () => NodeJS.ProcessEnv | undefined = () => undefined,
): { secret: (key: string) => Promise<string>; prefetch: (input: Omit<ConnectInput, "secret">) => void } {
  const kept = new Map<string, Promise<string>>();
  const once = (env?: NodeJS.ProcessEnv) => (key: string) => {
    let value = kept.get(key);
    if (value === undefined) {
      value = pulumiSecret(stack, root, env)(key);
      kept.set(key, value);
      value.catch(() => kept.get(key) === value && kept.delete(key)); // not kept: the stack may not exist yet (the first up creates it)
    }
    return value;
  };
  return {
    secret: (key) => once(envOf())(key),
    prefetch: (input) => {
      const { credentials } = resolveCredentials(
        { stack: input.stack, stackFile: stackFileName(input.stack), config: input.settings },
        { env: input.env },
      );
      if (credentials) credentialValues(credentials, once(input.env)).catch(() => undefined); // a failure is the sign-in's to report
    },
  };
}

/** A stack's credentials with their values: as written, from the environment, or decrypted by `secret`. */
export async function credentialValues(
  credentials: Credentials,
  secret: (key: string) => Promise<string>,
): Promise<{ kind: "token"; token: string } | { kind: "oauth"; id: string; secret: string; sources: string }> {
  const value = async (c: Credential, key: string) => c.value ?? (await secret(key));
  if (credentials.kind === "token") return { kind: "token", token: await value(credentials.token, "accessToken") };
  return {
    kind: "oauth",
    id: await value(credentials.id, "oauthClientId"),
    secret: await value(credentials.secret, "oauthClientSecret"),
    sources: `${credentials.id.source} and ${credentials.secret.source}`,
  };
}

export interface OrgConnection {
  api: OrgApi;
  /** Where the API answers and the token it takes. */
  apiBase: string;
  token: string;
  /** For messages, e.g. `gateway http://127.0.0.1:8787 (genesys-flows:provider.gateway in Pulumi.local.yaml)`. */
  target: string;
}

/** The stack to sign in as, and the client's transport, timeout and attempts (org/client.ts OrgApiOptions). */
export interface ConnectInput extends Pick<OrgApiOptions, "http" | "fetch" | "timeoutMs" | "attempts"> {
  stack: string;
  settings: StackSettings;
  env: NodeJS.ProcessEnv;
  /** Decrypts an encrypted stack secret (default: `pulumi config get`). */
  secret?: (key: string) => Promise<string>;
  /**
   * The most tokens the sign-in may hold with client credentials, granted one at a time when the
   * held ones' budgets are spent (org/tokenPool.ts; default 1). An access token is always one.
   */
  tokens?: number;
}

/** Logs in to the org the stack deploys to, exactly where and as its provider would. */
export async function connectToOrg(input: ConnectInput): Promise<OrgConnection> {
  const stackFile = stackFileName(input.stack);
  const { target, problems: targetProblems } = resolveTarget(
    { stack: input.stack, stackFile, config: input.settings },
    { env: input.env },
  );
  const { credentials, problems } = resolveCredentials(
    { stack: input.stack, stackFile, config: input.settings },
    { env: input.env },
  );
  const problem = [...targetProblems, ...problems][0];
  if (problem || !target || !credentials) throw new ConnectError(problem?.message ?? "no target", problem?.fix ?? "");
  const values = await credentialValues(credentials, input.secret ?? pulumiSecret(input.stack));
  const http = input.http ?? httpOver(input.fetch);
  const timeoutMs = input.timeoutMs ?? ORG_TIMEOUT_MS;
  let token: string;
  let grant: (() => Promise<string>) | undefined;
  if (values.kind === "token") {
    token = values.token;
  } else {
    const url = `${target.loginBase}/oauth/token`;
    const signIn = async (): Promise<string> => {
      let res: HttpResponse;
      try {
        res = await requestToken(http, target.loginBase, values.id, values.secret, timeoutMs);
      } catch (e) {
        throw new ConnectError(
          `cannot reach ${url} (${target.description}): ${(e as Error).message}`,
          `check ${target.description}`,
        );
      }
      const issued = tokenOf(res);
      if (issued === undefined) {
        throw new ConnectError(
          `the OAuth login at ${url} answered HTTP ${res.status} (credentials from ${values.sources})`,
          "set valid OAuth client credentials for the stack (see docs/stacks.md, Pointing it at a real org)",
        );
      }
      return issued;
    };
    token = await signIn();
    grant = signIn;
  }
  const pool = grant !== undefined && (input.tokens ?? 1) > 1 ? { grant, maxTokens: input.tokens } : {};
  return {
    api: new OrgApi(target.apiBase, token, {
      http,
      timeoutMs,
      ...(input.attempts !== undefined ? { attempts: input.attempts } : {}),
      ...pool,
    }),
    apiBase: target.apiBase,
    token,
    target: target.description,
  };
}
