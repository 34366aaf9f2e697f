// Can the org be reached, and does it accept the credentials? The same two calls the provider
// makes first (POST /oauth/token, GET /api/v2/organizations/me), each with a short timeout, so a
// wrong region, gateway or secret is reported in seconds instead of after the provider's
// minutes of retries. The transport is injected (org/http.ts); the login is the sign-in's own request.
import { fetchHttp, type Http, type HttpRequest, type HttpResponse } from "./http";
import type { PreflightProblem } from "./problem";
import { requestToken, tokenOf } from "./signIn";
import type { Credential, Credentials, Target } from "./target";

export { fetchHttp, type Http, type HttpRequest, type HttpResponse };

const known = (c: Credential): c is Credential & { value: string } => c.value !== undefined;

function describeBody(body: string): string {
  try {
    const j = JSON.parse(body) as Record<string, unknown>;
    const text = j.error_description ?? j.message ?? j.error;
    if (typeof text === "string") return `: ${text}`;
  } catch {
    // not JSON
  }
  return "";
}

/**
 * Checks the org answers at `target`. With credentials whose values are known here (environment
 * variables, plain config values) it logs in and reads the org, so rejected credentials are
 * reported too; with encrypted stack secrets (only pulumi can decrypt them) it checks that the
 * OAuth endpoint (or, for an access token, the API) answers at all.
 */
export async function checkReachable(
  input: { stack: string; stackFile: string; target: Target; credentials: Credentials; timeoutMs: number },
  deps: { http: Http },
): Promise<{ org?: string; problems: PreflightProblem[] }> {
  const { target, credentials, timeoutMs, stackFile } = input;
  const where = `check ${target.description}; a proxy or firewall must let ${target.loginBase} and ${target.apiBase} through`;
  const unreachable = (url: string, e: unknown): PreflightProblem => ({
    check: "reachability",
    message: `cannot reach ${url} (${target.description}): ${(e as Error).message}`,
    fix: where,
  });
  const rejected = (what: string, sources: string, status: number, body: string): PreflightProblem => ({
    check: "credentials",
    message: `${what} rejected with HTTP ${status}${describeBody(body)} (credentials from ${sources})`,
    fix: `set valid credentials: ${sources} (an OAuth client with the Client Credentials grant in the org of ${target.description})`,
  });
  const orgUrl = `${target.apiBase}/api/v2/organizations/me`;
  const tokenUrl = `${target.loginBase}/oauth/token`;

  let bearer: { token: string; sources: string } | undefined;
  if (credentials.kind === "token") {
    if (known(credentials.token)) bearer = { token: credentials.token.value, sources: credentials.token.source };
  } else if (known(credentials.id) && known(credentials.secret)) {
    const sources = `${credentials.id.source} and ${credentials.secret.source}`;
    let res: HttpResponse;
    try {
      res = await requestToken(deps.http, target.loginBase, credentials.id.value, credentials.secret.value, timeoutMs);
    } catch (e) {
      return { problems: [unreachable(tokenUrl, e)] };
    }
    if (res.status !== 200)
      return { problems: [rejected(`the OAuth login at ${tokenUrl}`, sources, res.status, res.body)] };
    const token = tokenOf(res);
    if (token === undefined) {
      return {
        problems: [
          {
            check: "reachability",
            message: `${tokenUrl} answered 200 without an access_token: it is not a Genesys Cloud login endpoint`,
            fix: where,
          },
        ],
      };
    }
    bearer = { token, sources };
  }

  if (!bearer) {
    // Encrypted stack secrets: only check that the service answers.
    const probe: HttpRequest =
      credentials.kind === "token"
        ? { method: "GET", url: orgUrl, headers: {}, timeoutMs }
        : {
            method: "POST",
            url: tokenUrl,
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: "grant_type=client_credentials",
            timeoutMs,
          };
    try {
      await deps.http(probe);
    } catch (e) {
      return { problems: [unreachable(probe.url, e)] };
    }
    return { problems: [] };
  }

  let res: HttpResponse;
  try {
    res = await deps.http({
      method: "GET",
      url: orgUrl,
      headers: { Authorization: `Bearer ${bearer.token}` },
      timeoutMs,
    });
  } catch (e) {
    return { problems: [unreachable(orgUrl, e)] };
  }
  if (res.status === 401 || res.status === 403)
    return { problems: [rejected(`GET ${orgUrl}`, bearer.sources, res.status, res.body)] };
  if (res.status !== 200) {
    return {
      problems: [
        {
          check: "reachability",
          message: `GET ${orgUrl} answered HTTP ${res.status}${describeBody(res.body)} (${target.description})`,
          fix: `${where}; see ${stackFile}`,
        },
      ],
    };
  }
  let org: string | undefined;
  try {
    const name = (JSON.parse(res.body) as { name?: unknown }).name;
    if (typeof name === "string") org = name;
  } catch {
    org = undefined;
  }
  return { org, problems: [] };
}
