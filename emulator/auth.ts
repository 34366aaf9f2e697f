import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { ApiError } from "./http";

/** Lifetime announced for issued tokens: large, as the SDK re-authorises in a loop on small values. */
export const TOKEN_LIFETIME_SECONDS = 86_400;

/** Who a request acts as: always a client; a user too when a person signed in (people.ts). */
export interface Actor {
  client: { id: string; name: string };
  user?: { id: string; name: string };
}

/** Constant-time string comparison (tokens, secrets). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * Accepts the fixed access token (the stack's own client) and tokens issued by the OAuth grants (in
 * memory only); each token acts as the client, and the user, it was issued to.
 */
export class TokenRegistry {
  private issued = new Map<string, { expiry: number; actor: Actor }>();

  constructor(
    private readonly fixedToken: string,
    private readonly fixedActor: Actor,
  ) {}

  issue(now: number, actor: Actor): string {
    const token = randomBytes(24).toString("hex");
    this.issued.set(token, { expiry: now + TOKEN_LIFETIME_SECONDS * 1000, actor: structuredClone(actor) });
    return token;
  }

  /** Who the token acts as, or undefined when it is not (or no longer) valid. */
  actorFor(token: string, now: number): Actor | undefined {
    if (safeEqual(token, this.fixedToken)) return this.fixedActor;
    const entry = this.issued.get(token);
    return entry !== undefined && entry.expiry > now ? entry.actor : undefined;
  }

  isValid(token: string, now: number): boolean {
    return this.actorFor(token, now) !== undefined;
  }

  clear(): void {
    this.issued.clear();
  }
}

/** 401 unless the request carries `Authorization: Bearer <valid token>`; who the token acts as. */
export function requireBearer(req: IncomingMessage, tokens: TokenRegistry, now: number): Actor {
  const header = req.headers.authorization;
  const m = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!m)
    throw new ApiError(
      401,
      "authentication.required",
      "No authentication bearer token specified in authorization header.",
    );
  const actor = tokens.actorFor(m[1], now);
  if (!actor) throw new ApiError(401, "bad.credentials", "Invalid login credentials.");
  return actor;
}

/** Decode HTTP Basic credentials, or undefined when absent/malformed. */
export function parseBasicAuth(req: IncomingMessage): { id: string; secret: string } | undefined {
  const header = req.headers.authorization;
  const m = typeof header === "string" ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
