// The per-client request budget over real HTTP on 127.0.0.1: the inin-ratelimit-* headers on every
// API answer, the normalised 429 with Retry-After, one budget per token, and what it leaves out
// (uploads, /oauth/token, admin routes). The budget is slow (a token every 10 s) so no token refills
// while a test runs; nothing here measures time.
import { call, withEmulator } from "../../testkit/emulator";
import { inboundCallYaml } from "../../testkit/archyFlows";

const SLOW = { requestsPerMinute: 6, burst: 3 };

describe("rate limit (per-client budget)", () => {
  it("answers 429 with Retry-After and Genesys's body once a client's budget is spent; another token has its own", async () => {
    await withEmulator({ faults: { rateLimit: SLOW } }, async (emu) => {
      const me = (token: string) => call(`${emu.url}/api/v2/organizations/me`, { token });
      const admitted = [await me(emu.accessToken), await me(emu.accessToken), await me(emu.accessToken)];
      expect(admitted.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(admitted.map((r) => r.headers.get("inin-ratelimit-count"))).toEqual(["1", "2", "3"]);
      expect(admitted[0].headers.get("inin-ratelimit-allowed")).toBe("6");
      expect(Number(admitted[2].headers.get("inin-ratelimit-reset"))).toBeGreaterThan(0);

      const refused = await me(emu.accessToken);
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(10);
      expect(refused.body).toEqual(
        expect.objectContaining({
          status: 429,
          code: "too.many.requests.retry.after",
          message: `Rate limit exceeded the maximum. Retry the request in [${retryAfter}] seconds`,
        }),
      );
      expect(refused.headers.get("inin-ratelimit-allowed")).toBe("6");
      const logged = emu.requestLog.list();
      expect(logged.map((e) => e.status)).toEqual([200, 200, 200, 429]);
      expect(logged[3]).toEqual(expect.objectContaining({ operation: "org.get", fault: "rate-limit" }));

      // A token from the client-credentials grant is another client, with a budget of its own.
      const basic = Buffer.from(`${emu.clientId}:${emu.clientSecret}`).toString("base64");
      const grant = await call<{ access_token: string }>(`${emu.url}/oauth/token`, {
        method: "POST",
        headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials",
      });
      expect(grant.status).toBe(200);
      expect((await me(grant.body.access_token)).status).toBe(200);
      expect((await me(emu.accessToken)).status).toBe(429);
    });
  });

  it("leaves the presigned upload, the admin routes and /oauth/token outside the budget", async () => {
    await withEmulator({ faults: { rateLimit: { requestsPerMinute: 6, burst: 1 } } }, async (emu) => {
      const created = await call<{ id: string; presignedUrl: string }>(`${emu.url}/api/v2/flows/jobs`, {
        method: "POST",
        token: emu.accessToken,
      });
      expect(created.status).toBe(200);
      const upload = await fetch(created.body.presignedUrl, { method: "PUT", body: inboundCallYaml("Rate Limited") });
      expect(upload.status).toBe(200);
      expect(upload.headers.get("inin-ratelimit-count")).toBeNull();
      expect((await call(`${emu.url}/__emulator/state`, { token: emu.accessToken })).status).toBe(200);
      const basic = Buffer.from(`${emu.clientId}:${emu.clientSecret}`).toString("base64");
      const grant = await call(`${emu.url}/oauth/token`, {
        method: "POST",
        headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials",
      });
      expect(grant.status).toBe(200);
      // The poll is the second API request of this token: refused.
      expect((await call(`${emu.url}/api/v2/flows/jobs/${created.body.id}`, { token: emu.accessToken })).status).toBe(
        429,
      );
    });
  });

  it("is set and removed with the faults, through the admin route, and gone after a reset", async () => {
    await withEmulator({}, async (emu) => {
      const me = () => call(`${emu.url}/api/v2/organizations/me`, { token: emu.accessToken });
      expect((await me()).headers.get("inin-ratelimit-allowed")).toBeNull();
      const put = await call(`${emu.url}/__emulator/faults`, {
        method: "PUT",
        token: emu.accessToken,
        body: JSON.stringify({ rateLimit: { requestsPerMinute: 6, burst: 1 } }),
      });
      expect(put.status).toBe(200);
      expect(put.body).toEqual(expect.objectContaining({ rateLimit: { requestsPerMinute: 6, burst: 1 } }));
      expect((await me()).status).toBe(200);
      expect((await me()).status).toBe(429);
      const invalid = await call(`${emu.url}/__emulator/faults`, {
        method: "PUT",
        token: emu.accessToken,
        body: JSON.stringify({ rateLimit: { requestsPerMinute: -1 } }),
      });
      expect(invalid.status).toBe(400);
      emu.reset();
      expect((await me()).status).toBe(200);
      expect((await me()).headers.get("inin-ratelimit-allowed")).toBeNull();
    });
  });
});
