// POST /oauth/token: sign-in as Genesys's login host answers it (a kept difference: the API spec
// does not describe the login host). The client-credentials grant for an OAuth client (HTTP Basic or
// form fields), and the password grant for a person signing in through a client (people.ts).
import type * as http from "node:http";
import { parseBasicAuth, TOKEN_LIFETIME_SECONDS, type Actor, type TokenRegistry } from "./auth";
import { errorBody, readBody, sendJson } from "./http";
import type { People } from "./people";

export interface SignIn {
  people: People;
  tokens: TokenRegistry;
  now: () => number;
  maxBodyBytes: number;
}

export async function oauthToken(s: SignIn, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const body = (await readBody(req, s.maxBodyBytes)).toString("utf8");
  const form = new URLSearchParams(body);
  const credentials = parseBasicAuth(req) ?? {
    id: form.get("client_id") ?? "",
    secret: form.get("client_secret") ?? "",
  };
  const client = credentials.id ? s.people.client(credentials.id, credentials.secret) : undefined;
  if (!client) {
    const why = "client not found or secret does not match";
    return refuse(res, 401, "invalid_client", "Invalid client credentials", why);
  }
  const grant = form.get("grant_type");
  if (grant === "password") {
    // A person signing in through a client (Genesys's resource owner password grant).
    const user = s.people.user(form.get("username") ?? "", form.get("password") ?? "");
    const why = "the username or password is not correct";
    if (!user) return refuse(res, 400, "invalid_grant", "Invalid username or password", why);
    return issue(s, res, { client, user });
  }
  if (grant !== "client_credentials") {
    const message = "Only grant_type=client_credentials and grant_type=password are supported";
    return refuse(res, 400, "unsupported_grant_type", message);
  }
  issue(s, res, { client });
}

/** A token issued to `actor`, as the login host answers it. */
function issue(s: SignIn, res: http.ServerResponse, actor: Actor): void {
  const token = s.tokens.issue(s.now(), actor);
  sendJson(res, 200, { access_token: token, token_type: "bearer", expires_in: TOKEN_LIFETIME_SECONDS });
}

/** A refusal as the login host answers it: Genesys's error body with OAuth's `error` (and its description). */
function refuse(res: http.ServerResponse, status: number, error: string, message: string, description?: string): void {
  const why = description !== undefined ? { error_description: description } : {};
  sendJson(res, status, { ...errorBody(status, error, message), error, ...why });
}
