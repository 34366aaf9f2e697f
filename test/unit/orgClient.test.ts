// The one org client (org/client.ts) over real HTTP against a server on 127.0.0.1: a 429 is
// retried after its Retry-After, 5xx answers back off and are retried, a 403 names the request
// and the permission the OAuth client lacks (never the token), a silent server times out, and a
// list is read every page, a few pages at a time, in order; the sign-in exchanges client
// credentials for the token the client then carries. Waits are recorded, not slept.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { backoffMs, inBatches, OrgApi, OrgApiError, RATE_LIMIT_WAITS } from "../../org/client";
import { exportFlow, listFlowsNamed } from "../../org/flows";
import { ConnectError, connectToOrg } from "../../org/signIn";
import { parseStackSettings } from "../../planner/stackSettings";

type Handler = (req: http.IncomingMessage, url: URL, res: http.ServerResponse) => void;

let server: http.Server;
let base: string;
let handler: Handler;
const seen: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", base);
    seen.push(`${req.method} ${url.pathname}${url.search}`);
    handler(req, url, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  seen.length = 0;
});

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function client(options: { attempts?: number; timeoutMs?: number; pageConcurrency?: number } = {}) {
  const sleeps: number[] = [];
  const api = new OrgApi(base, "secret-token", { ...options, sleep: async (ms) => void sleeps.push(ms) });
  return { api, sleeps };
}

it("retries a 429 after its Retry-After, with the bearer token", async () => {
  let calls = 0;
  const auth: Array<string | undefined> = [];
  handler = (req, _url, res) => {
    auth.push(req.headers.authorization);
    if (++calls <= 2) return json(res, 429, { message: "Rate limit exceeded" }, { "retry-after": "3" });
    json(res, 200, { id: "f1" });
  };
  const { api, sleeps } = client();
  expect(await api.get<{ id: string }>("/api/v2/flows/f1")).toEqual({ id: "f1" });
  expect(sleeps).toEqual([3000, 3000]);
  expect(auth).toEqual(["Bearer secret-token", "Bearer secret-token", "Bearer secret-token"]);
});

it("a burst of 429s with Retry-After is waited out beyond the attempts (the server says when); without Retry-After a 429 is an attempt", async () => {
  let calls = 0;
  handler = (_req, _url, res) =>
    ++calls <= 12
      ? json(res, 429, { message: "Rate limit exceeded" }, { "retry-after": "1" })
      : json(res, 200, { ok: true });
  const { api, sleeps } = client({ attempts: 4 });
  expect(await api.get("/api/v2/flows/busy")).toEqual({ ok: true });
  expect(sleeps).toEqual(Array(12).fill(1000));
  // Endless: after RATE_LIMIT_WAITS waits the attempts count again, then it gives up naming the request.
  calls = 0;
  handler = (_req, _url, res) => (calls++, json(res, 429, { message: "Rate limit exceeded" }, { "retry-after": "1" }));
  const endless = client({ attempts: 2 });
  const err = (await endless.api.get("/api/v2/flows/busy").catch((e: unknown) => e)) as OrgApiError;
  expect(err.status).toBe(429);
  expect(calls).toBe(RATE_LIMIT_WAITS + 2);
  // No Retry-After: an attempt like a 503.
  calls = 0;
  handler = (_req, _url, res) => (calls++, json(res, 429, { message: "Rate limit exceeded" }));
  const bare = client({ attempts: 3 });
  expect(((await bare.api.get("/api/v2/flows/busy").catch((e: unknown) => e)) as OrgApiError).status).toBe(429);
  expect(calls).toBe(3);
  expect(bare.sleeps).toEqual([backoffMs(1), backoffMs(2)]);
});

it("backs off on 5xx answers and gives up after the last attempt, naming the request", async () => {
  let calls = 0;
  handler = (_req, _url, res) => {
    calls++;
    json(res, calls === 1 ? 500 : 503, { message: "try later" });
  };
  const { api, sleeps } = client({ attempts: 4 });
  const err = await api.get("/api/v2/architect/dependencytracking/build").catch((e: unknown) => e);
  expect(err).toBeInstanceOf(OrgApiError);
  expect((err as OrgApiError).status).toBe(503);
  expect((err as Error).message).toBe("GET /api/v2/architect/dependencytracking/build answered HTTP 503: try later");
  expect(sleeps).toEqual([backoffMs(1), backoffMs(2), backoffMs(3)]);
  expect(sleeps).toEqual([1000, 2000, 4000]);
  expect(calls).toBe(4);
});

it("recovers when a 502 is followed by an answer", async () => {
  let calls = 0;
  handler = (_req, _url, res) => (++calls === 1 ? json(res, 502, {}) : json(res, 200, { ok: true }));
  const { api, sleeps } = client();
  expect(await api.get("/api/v2/flows/x")).toEqual({ ok: true });
  expect(sleeps).toEqual([1000]);
});

it("names the permission a 403 needs, and never the token; no retry", async () => {
  handler = (_req, _url, res) => json(res, 403, { message: "Missing permission" });
  const { api, sleeps } = client();
  const err = await api.post("/api/v2/flows/export/jobs", { flows: [] }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(OrgApiError);
  expect((err as Error).message).toBe(
    "POST /api/v2/flows/export/jobs answered HTTP 403: Missing permission (the OAuth client's role needs architect:jobExport:create)",
  );
  expect((err as Error).message).not.toContain("secret-token");
  expect(sleeps).toEqual([]);
  expect(seen).toHaveLength(1);
});

it("names the permission of each step of a job: registering it (POST) and reading its state (GET)", async () => {
  handler = (_req, _url, res) => json(res, 403, { message: "Missing permission" });
  const { api } = client();
  const register = (await api
    .post("/api/v2/flows/validate/jobs", { flows: [{ flow: { id: "f1" } }] })
    .catch((e: unknown) => e)) as Error;
  expect(register.message).toBe(
    "POST /api/v2/flows/validate/jobs answered HTTP 403: Missing permission (the OAuth client's role needs architect:jobValidate:create)",
  );
  const poll = (await api
    .get("/api/v2/flows/validate/jobs/j1", { expand: "messages" })
    .catch((e: unknown) => e)) as Error;
  expect(poll.message).toBe(
    "GET /api/v2/flows/validate/jobs/j1 answered HTTP 403: Missing permission (the OAuth client's role needs architect:jobValidate:view)",
  );
  const exportPoll = (await api.get("/api/v2/flows/export/jobs/j2").catch((e: unknown) => e)) as Error;
  expect(exportPoll.message).toContain("(the OAuth client's role needs architect:jobExport:view)");
  expect((await api.get("/api/v2/flows/f1").catch((e: unknown) => e)) as Error).toHaveProperty(
    "message",
    "GET /api/v2/flows/f1 answered HTTP 403: Missing permission (the OAuth client's role needs architect:flow:view)",
  );
});

it("a server that does not answer in time is reported as unreachable, after the attempts", async () => {
  handler = () => undefined; // never answers
  const { api, sleeps } = client({ attempts: 2, timeoutMs: 100 });
  const err = (await api.get("/api/v2/flows/slow").catch((e: unknown) => e)) as OrgApiError;
  expect(err).toBeInstanceOf(OrgApiError);
  expect(err.unreachable).toBe(true);
  expect(err.message).toBe("GET /api/v2/flows/slow: no answer within 0.1s");
  expect(sleeps).toEqual([1000]);
});

it("reads every page of a list, a few pages at a time, in page order", async () => {
  let inFlight = 0;
  let most = 0;
  handler = (_req, url, res) => {
    const page = Number(url.searchParams.get("pageNumber"));
    inFlight++;
    most = Math.max(most, inFlight);
    // Later pages answer first: the result must still be in page order.
    setTimeout(
      () => {
        inFlight--;
        json(res, 200, { entities: [{ id: `e${page}a` }, { id: `e${page}b` }], pageCount: 7, pageNumber: page });
      },
      5 * (8 - page),
    );
  };
  const { api } = client({ pageConcurrency: 3 });
  const all = await api.all<{ id: string }>("/api/v2/x", { a: "b" });
  expect(all.map((e) => e.id)).toEqual([
    "e1a",
    "e1b",
    "e2a",
    "e2b",
    "e3a",
    "e3b",
    "e4a",
    "e4b",
    "e5a",
    "e5b",
    "e6a",
    "e6b",
    "e7a",
    "e7b",
  ]);
  expect(seen[0]).toBe("GET /api/v2/x?a=b&pageSize=100&pageNumber=1");
  expect(seen).toHaveLength(7);
  expect(most).toBe(3);
});

it("refuses a list longer than its page bound", async () => {
  handler = (_req, _url, res) => json(res, 200, { entities: [], pageCount: 5 });
  const { api } = client();
  await expect(api.all("/api/v2/x", {}, { maxPages: 4 })).rejects.toThrow("GET /api/v2/x: more than 4 pages");
});

it("lists flows by name and exports one through its job and download, as adopt does", async () => {
  let polls = 0;
  handler = (req, url, res) => {
    if (url.pathname === "/api/v2/flows") {
      return json(res, 200, {
        entities: [
          {
            id: "f1",
            name: "dev-Sales",
            type: "INBOUNDCALL",
            publishedVersion: { id: "2.0", dateCreated: 1_700_000_000_000 },
          },
          { id: "f2", name: "dev-Sales old", type: "INBOUNDCALL", deleted: true },
        ],
        pageCount: 1,
      });
    }
    if (req.method === "POST" && url.pathname === "/api/v2/flows/export/jobs") return json(res, 200, { id: "job1" });
    if (url.pathname === "/api/v2/flows/export/jobs/job1")
      return json(
        res,
        200,
        ++polls < 2 ? { status: "InProgress" } : { status: "Success", downloadUrl: `${base}/download/job1` },
      );
    if (url.pathname === "/download/job1") {
      expect(req.headers.authorization).toBeUndefined();
      res.writeHead(200, { "content-type": "text/yaml" });
      return res.end("inboundCall:\n  name: dev-Sales\n");
    }
    json(res, 404, {});
  };
  const { api } = client();
  const flows = await listFlowsNamed(api, "dev-Sales");
  expect(flows).toEqual([
    {
      flowId: "f1",
      name: "dev-Sales",
      type: "INBOUNDCALL",
      publishedVersion: { id: "2.0", dateCreated: 1_700_000_000_000 },
      deleted: false,
    },
    { flowId: "f2", name: "dev-Sales old", type: "INBOUNDCALL", deleted: true },
  ]);
  expect(seen[0]).toBe("GET /api/v2/flows?includeSchemas=true&name=dev-Sales&pageSize=500&pageNumber=1");
  expect(await exportFlow(api, "f1", "2.0", { sleep: async () => undefined })).toBe(
    "inboundCall:\n  name: dev-Sales\n",
  );
  expect(seen.slice(1)).toEqual([
    "POST /api/v2/flows/export/jobs",
    "GET /api/v2/flows/export/jobs/job1?expand=messages",
    "GET /api/v2/flows/export/jobs/job1?expand=messages",
    "GET /download/job1",
  ]);
});

it("inBatches keeps the order and the bound, and stops starting work after a failure", async () => {
  let running = 0;
  let most = 0;
  const started: number[] = [];
  const out = await inBatches([1, 2, 3, 4, 5], 2, async (n) => {
    started.push(n);
    running++;
    most = Math.max(most, running);
    await new Promise((r) => setTimeout(r, 6 - n));
    running--;
    return n * 10;
  });
  expect(out).toEqual([10, 20, 30, 40, 50]);
  expect(most).toBe(2);
  started.length = 0;
  await expect(
    inBatches([1, 2, 3, 4], 1, async (n) => {
      started.push(n);
      if (n === 2) throw new Error("boom");
      return n;
    }),
  ).rejects.toThrow("boom");
  expect(started).toEqual([1, 2]);
});

it("signs in with client credentials where the stack points, and the client carries the token", async () => {
  const logins: Array<{ auth?: string; body: string }> = [];
  handler = (req, url, res) => {
    if (url.pathname === "/oauth/token") {
      let body = "";
      req.on("data", (d: Buffer) => (body += d.toString()));
      req.on("end", () => {
        logins.push({ auth: req.headers.authorization, body });
        const ok = req.headers.authorization === `Basic ${Buffer.from("id:pw").toString("base64")}`;
        json(res, ok ? 200 : 401, ok ? { access_token: "issued", token_type: "bearer" } : { error: "invalid_client" });
      });
      return;
    }
    json(res, 200, { auth: req.headers.authorization });
  };
  const port = new URL(base).port;
  const settings = parseStackSettings(
    {
      "genesys-flows:environment": "dev",
      "genesys-flows:namePrefix": "dev-",
      "genesys-flows:provider": { gateway: { protocol: "http", host: "127.0.0.1", port } },
    },
    "Pulumi.dev.yaml",
  );
  const connection = await connectToOrg({
    stack: "dev",
    settings,
    env: { GENESYSCLOUD_OAUTHCLIENT_ID: "id", GENESYSCLOUD_OAUTHCLIENT_SECRET: "pw" },
  });
  expect(connection.target).toBe(`gateway ${base} (genesys-flows:provider.gateway in Pulumi.dev.yaml)`);
  expect(logins).toEqual([
    { auth: `Basic ${Buffer.from("id:pw").toString("base64")}`, body: "grant_type=client_credentials" },
  ]);
  expect(await connection.api.get("/api/v2/organizations/me")).toEqual({ auth: "Bearer issued" });
  const refused = await connectToOrg({
    stack: "dev",
    settings,
    env: { GENESYSCLOUD_OAUTHCLIENT_ID: "id", GENESYSCLOUD_OAUTHCLIENT_SECRET: "wrong" },
  }).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(ConnectError);
  expect((refused as Error).message).toBe(
    `the OAuth login at ${base}/oauth/token answered HTTP 401 (credentials from GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET)`,
  );
  expect((refused as Error).message).not.toContain("wrong");
});
