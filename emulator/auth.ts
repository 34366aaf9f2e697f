import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { ApiError } from "./http";

/** Lifetime announced for issued tokens: large, as the SDK re-authorises in a loop on small values. */
export const TOKEN_LIFETIME_SECONDS = 86_400;

/** Constant-time string comparison (tokens, secrets). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** Accepts the fixed access token and tokens issued by the client-credentials grant (in memory only). */
export class TokenRegistry {
  private issued = new Map<string, number>();

  constructor(
    private readonly fixedToken: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
  ) {}

  issue(now: number): string {
    const token = randomBytes(24).toString("hex");
    this.issued.set(token, now + TOKEN_LIFETIME_SECONDS * 1000);
    return token;
  }

  isValid(token: string, now: number): boolean {
    if (safeEqual(token, this.fixedToken)) return true;
    const expiry = this.issued.get(token);
    return expiry !== undefined && expiry > now;
  }

  credentialsMatch(id: string, secret: string): boolean {
    return safeEqual(id, this.clientId) && safeEqual(secret, this.clientSecret);
  }

  clear(): void {
    this.issued.clear();
  }
}

/** 401 unless the request carries `Authorization: Bearer <valid token>`. */
export function requireBearer(req: IncomingMessage, tokens: TokenRegistry, now: number): void {
  const header = req.headers.authorization;
  const m = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!m) throw new ApiError(401, "authentication.required", "No authentication bearer token specified in authorization header.");
  if (!tokens.isValid(m[1], now)) throw new ApiError(401, "bad.credentials", "Invalid login credentials.");
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
