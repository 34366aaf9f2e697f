// POST /oauth/token: sign-in as Genesys's login host answers it (a kept difference: the API spec
// does not describe the login host). The client-credentials grant for an OAuth client (HTTP Basic or
// form fields), and the password grant for a person signing in through a client (people.ts).
import type * as http from "node:http";
import { parseBasicAuth, TOKEN_LIFETIME_SECONDS, type TokenRegistry } from "./auth";
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
    sendJson(res, 401, {
      ...errorBody(401, "invalid_client", "Invalid client credentials"),
      error: "invalid_client",
      error_description: "client not found or secret does not match",
    });
    return;
  }
  const grant = form.get("grant_type");
  if (grant === "password") {
    // A person signing in through a client (Genesys's resource owner password grant).
    const user = s.people.user(form.get("username") ?? "", form.get("password") ?? "");
    if (!user) {
      sendJson(res, 400, {
        ...errorBody(400, "invalid_grant", "Invalid username or password"),
        error: "invalid_grant",
        error_description: "the username or password is not correct",
      });
      return;
    }
    sendJson(res, 200, {
      access_token: s.tokens.issue(s.now(), { client, user }),
      token_type: "bearer",
      expires_in: TOKEN_LIFETIME_SECONDS,
    });
    return;
  }
  if (grant !== "client_credentials") {
    sendJson(res, 400, {
      ...errorBody(
        400,
        "unsupported_grant_type",
        "Only grant_type=client_credentials and grant_type=password are supported",
      ),
      error: "unsupported_grant_type",
    });
    return;
  }
  sendJson(res, 200, {
    access_token: s.tokens.issue(s.now(), { client }),
    token_type: "bearer",
    expires_in: TOKEN_LIFETIME_SECONDS,
  });
}
