// Preflight of non-local deploys: the pure checks with injected env and files, and reachability
// through the real HTTP client against servers on 127.0.0.1 (answering, rejecting, silent, absent).
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import {
  GENESYS_REGIONS,
  parseStackSettings as parseStackConfig,
  type StackSettings as StackConfig,
} from "../../planner/stackSettings";
import { checkBackend, checkPassphrase } from "../../org/preflight/backend";
import { fetchHttp, formatProblems, preflight, PREFLIGHT_TIMEOUT_MS, type PreflightDeps } from "../../org/preflight";
import { checkReachable } from "../../org/reachability";
import { REGION_DOMAINS } from "../../org/regions";
import { resolveCredentials, resolveTarget } from "../../org/target";

const ROOT = path.resolve(__dirname, "../..");
const HOME = "/home/someone";
const CREDENTIALS = "/home/someone/.pulumi/credentials.json";
// The test's own prod settings (the shipped stack files are not read).
const prod = parseStackConfig(
  { environment: "prod", namePrefix: "prod-", forceUnlock: false, provider: { region: "us-east-1" } },
  "Pulumi.prod.yaml",
);

function files(map: Record<string, string> = {}) {
  return (file: string) => map[file];
}

function withConfig(edit: Record<string, unknown>): StackConfig {
  return parseStackConfig({ ...prod, ...edit }, "Pulumi.prod.yaml");
}

describe("backend", () => {
  const input = { root: ROOT, stack: "prod" };

  it("no login at all: says to log in, naming the commands and variables", () => {
    const { problems } = checkBackend(input, { env: {}, home: HOME, readFile: files() });
    expect(problems).toHaveLength(1);
    expect(problems[0].check).toBe("backend");
    expect(problems[0].message).toContain(CREDENTIALS);
    expect(problems[0].fix).toContain("npm run pulumi -- login");
    expect(problems[0].fix).toContain("PULUMI_BACKEND_URL");
    expect(problems[0].fix).toContain("PULUMI_ACCESS_TOKEN");
  });

  it("a Pulumi Cloud login with its token, or PULUMI_ACCESS_TOKEN alone, is a backend", () => {
    const creds = JSON.stringify({
      current: "https://api.pulumi.com",
      accessTokens: { "https://api.pulumi.com": "pul-x" },
    });
    expect(checkBackend(input, { env: {}, home: HOME, readFile: files({ [CREDENTIALS]: creds }) })).toEqual({
      backend: { url: "https://api.pulumi.com", source: `your pulumi login (${CREDENTIALS})` },
      problems: [],
    });
    expect(
      checkBackend(input, { env: { PULUMI_ACCESS_TOKEN: "pul-x" }, home: HOME, readFile: files() }).problems,
    ).toEqual([]);
  });

  it("PULUMI_HOME moves the credentials file", () => {
    const creds = JSON.stringify({ current: "s3://bucket/state" });
    const r = checkBackend(input, {
      env: { PULUMI_HOME: "/ph" },
      home: HOME,
      readFile: files({ "/ph/credentials.json": creds }),
    });
    expect(r.backend?.url).toBe("s3://bucket/state");
  });

  it("a cloud backend without a token is named with the login command", () => {
    const { problems } = checkBackend(input, {
      env: { PULUMI_BACKEND_URL: "https://pulumi.example.com" },
      home: HOME,
      readFile: files(),
    });
    expect(problems[0].message).toContain("https://pulumi.example.com");
    expect(problems[0].fix).toContain("npm run pulumi -- login https://pulumi.example.com");
  });

  it("a file backend needs the passphrase in the environment unless the stack names another secrets provider", () => {
    const backend = { url: "file:///state", source: "PULUMI_BACKEND_URL" };
    const base = { stack: "prod", stackFile: "Pulumi.prod.yaml", stackFileText: "config: {}\n", backend };
    const missing = checkPassphrase(base, { env: {} });
    expect(missing).toHaveLength(1);
    expect(missing[0].message).toContain("PULUMI_CONFIG_PASSPHRASE");
    expect(checkPassphrase(base, { env: { PULUMI_CONFIG_PASSPHRASE: "p" } })).toEqual([]);
    expect(checkPassphrase(base, { env: { PULUMI_CONFIG_PASSPHRASE_FILE: "/p" } })).toEqual([]);
    expect(checkPassphrase({ ...base, stackFileText: "secretsprovider: awskms://alias/x\n" }, { env: {} })).toEqual([]);
    // A PostgreSQL backend's URL is named without its password.
    const postgres = { url: "postgres://ana:s3cret@db.example.com:5432/state", source: "PULUMI_BACKEND_URL" };
    const named = checkPassphrase({ ...base, backend: postgres }, { env: {} })[0].message;
    expect(named).toContain("postgres://ana:****@db.example.com:5432/state");
    expect(named).not.toContain("s3cret");
    expect(checkPassphrase({ ...base, backend: { url: "https://api.pulumi.com", source: "x" } }, { env: {} })).toEqual(
      [],
    );
    // tools/pulumi.sh gives the project's own file backend a passphrase.
    expect(checkPassphrase(base, { env: { GENESYS_FLOWS_BACKEND: "local" } })).toEqual([]);
  });
});

describe("credentials", () => {
  const input = { stack: "prod", stackFile: "Pulumi.prod.yaml", config: prod };

  it("none anywhere: names every config key, every variable and the config set commands", () => {
    const { problems } = resolveCredentials(input, { env: {} });
    expect(problems).toHaveLength(1);
    const text = problems[0].message + problems[0].fix;
    for (const name of [
      "genesys-flows:oauthClientId",
      "oauthClientSecret",
      "accessToken",
      "GENESYSCLOUD_OAUTHCLIENT_ID",
      "GENESYSCLOUD_OAUTHCLIENT_SECRET",
      "GENESYSCLOUD_ACCESS_TOKEN",
      "Pulumi.prod.yaml",
      "npm run pulumi -- config set --stack prod --secret genesys-flows:oauthClientSecret",
    ])
      expect(text).toContain(name);
  });

  it("half a client: names the missing half", () => {
    const { problems } = resolveCredentials(input, { env: { GENESYSCLOUD_OAUTHCLIENT_ID: "id" } });
    expect(problems[0].message).toContain("client secret is missing");
    expect(problems[0].message).toContain("GENESYSCLOUD_OAUTHCLIENT_ID");
  });

  it("config and environment combine per field, config first, as the provider does", () => {
    const config = withConfig({ oauthClientId: "cfg-id" });
    const { credentials } = resolveCredentials(
      { ...input, config },
      { env: { GENESYSCLOUD_OAUTHCLIENT_ID: "env-id", GENESYSCLOUD_OAUTHCLIENT_SECRET: "s" } },
    );
    expect(credentials).toEqual({
      kind: "oauth",
      id: { source: "genesys-flows:oauthClientId in Pulumi.prod.yaml", value: "cfg-id" },
      secret: { source: "GENESYSCLOUD_OAUTHCLIENT_SECRET", value: "s" },
    });
  });

  it("encrypted stack secrets count, without a value", () => {
    const config = withConfig({ oauthClientId: "id", oauthClientSecret: { secure: "v1:abc" } });
    const { credentials, problems } = resolveCredentials({ ...input, config }, { env: {} });
    expect(problems).toEqual([]);
    expect(credentials).toMatchObject({
      kind: "oauth",
      secret: { source: "genesys-flows:oauthClientSecret in Pulumi.prod.yaml (secret)" },
    });
    expect((credentials as { secret: { value?: string } }).secret.value).toBeUndefined();
  });
});

describe("region and target", () => {
  const input = { stack: "prod", stackFile: "Pulumi.prod.yaml" };

  it("the stack's region gives the provider's API and login domains", () => {
    expect(resolveTarget({ ...input, config: prod }, { env: {} }).target).toEqual({
      apiBase: "https://api.mypurecloud.com",
      loginBase: "https://login.mypurecloud.com",
      description: "region us-east-1 (mypurecloud.com, from genesys-flows:provider.region in Pulumi.prod.yaml)",
    });
  });

  it("no region anywhere, or an unknown GENESYSCLOUD_REGION, is named with the valid list", () => {
    const none = withConfig({ provider: {} });
    const a = resolveTarget({ ...input, config: none }, { env: {} }).problems;
    expect(a[0].message).toContain("genesys-flows:provider.region");
    expect(a[0].fix).toContain("eu-west-1");
    const b = resolveTarget({ ...input, config: none }, { env: { GENESYSCLOUD_REGION: "us-east-9" } }).problems;
    expect(b[0].message).toContain('GENESYSCLOUD_REGION="us-east-9"');
    expect(b[0].fix).toContain("ap-southeast-2");
    expect(
      resolveTarget({ ...input, config: none }, { env: { GENESYSCLOUD_REGION: "EU-WEST-1" } }).target?.apiBase,
    ).toBe("https://api.mypurecloud.ie");
  });

  it("a gateway takes API and OAuth calls alike", () => {
    const config = withConfig({ provider: { gateway: { protocol: "http", host: "127.0.0.1", port: "1234" } } });
    expect(resolveTarget({ ...input, config }, { env: {} }).target?.loginBase).toBe("http://127.0.0.1:1234");
  });

  it("knows a domain for every region the stack config accepts", () => {
    for (const r of GENESYS_REGIONS) expect(REGION_DOMAINS[r]).toMatch(/\./);
  });
});

// --- real HTTP on 127.0.0.1 ------------------------------------------------------------------

type Behaviour = "ok" | "reject" | "silent";
interface Seen {
  method: string;
  url: string;
  authorization?: string;
}

let server: http.Server;
let port: number;
let behaviour: Behaviour = "ok";
let seen: Seen[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization });
    if (behaviour === "silent") return; // never answers
    req.resume();
    req.on("end", () => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (behaviour === "reject") return json(401, { error: "invalid_client", error_description: "client not found" });
      if (req.method === "POST" && req.url === "/oauth/token") {
        if (req.headers.authorization !== `Basic ${Buffer.from("cid:csecret").toString("base64")}`)
          return json(401, { error: "invalid_client" });
        return json(200, { access_token: "tok-1", token_type: "bearer", expires_in: 86400 });
      }
      if (req.method === "GET" && req.url === "/api/v2/organizations/me") {
        if (req.headers.authorization !== "Bearer tok-1") return json(401, { message: "Invalid login credentials." });
        return json(200, { id: "org-1", name: "Acme Test Org", defaultCountryCode: "US" });
      }
      json(404, { message: "no route" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  behaviour = "ok";
  seen = [];
});

const gatewayConfig = (p: number, extra: Record<string, unknown> = {}) =>
  withConfig({ provider: { gateway: { protocol: "http", host: "127.0.0.1", port: String(p) } }, ...extra });

// A server that answers does so well within 30 s on a loaded machine (load 30 on 2 cores took the
// local answer past 0.5 s); the silent server's case passes its own short timeout.
function deps(env: Record<string, string>, timeoutMs = 30_000): PreflightDeps {
  return {
    env: { PULUMI_BACKEND_URL: "file:///tmp/state", PULUMI_CONFIG_PASSPHRASE: "x", ...env },
    home: HOME,
    readFile: files(),
    http: fetchHttp,
    timeoutMs,
  };
}
const envCreds = { GENESYSCLOUD_OAUTHCLIENT_ID: "cid", GENESYSCLOUD_OAUTHCLIENT_SECRET: "csecret" };

describe("reachability through the real HTTP client", () => {
  it("logs in with the client credentials and reads the org, as the provider does", async () => {
    const r = await preflight({ root: ROOT, stack: "prod", config: gatewayConfig(port) }, deps(envCreds));
    expect(r.problems).toEqual([]);
    expect(r.notes.join("\n")).toContain(`org: "Acme Test Org" at gateway http://127.0.0.1:${port}`);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(["POST /oauth/token", "GET /api/v2/organizations/me"]);
  });

  it("rejected credentials are named with where they came from", async () => {
    const r = await preflight(
      { root: ROOT, stack: "prod", config: gatewayConfig(port) },
      deps({ ...envCreds, GENESYSCLOUD_OAUTHCLIENT_SECRET: "wrong" }),
    );
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].check).toBe("credentials");
    expect(r.problems[0].message).toContain("HTTP 401");
    expect(r.problems[0].message).toContain("GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET");
  });

  it("an access token is tried on organizations/me; a rejected one is named", async () => {
    const ok = await preflight(
      { root: ROOT, stack: "prod", config: gatewayConfig(port) },
      deps({ GENESYSCLOUD_ACCESS_TOKEN: "tok-1" }),
    );
    expect(ok.problems).toEqual([]);
    const bad = await preflight(
      { root: ROOT, stack: "prod", config: gatewayConfig(port) },
      deps({ GENESYSCLOUD_ACCESS_TOKEN: "expired" }),
    );
    expect(bad.problems[0].message).toContain("GENESYSCLOUD_ACCESS_TOKEN");
    expect(bad.problems[0].message).toContain("HTTP 401");
  });

  it("encrypted stack secrets: only checks that the OAuth endpoint answers, sending no credentials", async () => {
    behaviour = "reject";
    const config = gatewayConfig(port, { oauthClientId: "cid", oauthClientSecret: { secure: "v1:abc" } });
    const r = await preflight({ root: ROOT, stack: "prod", config }, deps({}));
    expect(r.problems).toEqual([]);
    expect(seen).toEqual([{ method: "POST", url: "/oauth/token", authorization: undefined }]);
  });

  it("a server that never answers fails within the timeout, naming the URL", async () => {
    behaviour = "silent";
    // The timeout fires (the message says so); without it the silent server would hang the test.
    const r = await preflight({ root: ROOT, stack: "prod", config: gatewayConfig(port) }, deps(envCreds, 300));
    expect(r.problems[0].check).toBe("reachability");
    expect(r.problems[0].message).toContain(`cannot reach http://127.0.0.1:${port}/oauth/token`);
    expect(r.problems[0].message).toContain("no answer within 0.3s");
  });

  it("nothing listening: connection refused, naming the gateway and the stack file", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const r = await preflight({ root: ROOT, stack: "prod", config: gatewayConfig(deadPort) }, deps(envCreds));
    expect(r.problems[0].message).toContain("ECONNREFUSED");
    expect(r.problems[0].message).toContain("genesys-flows:provider.gateway in Pulumi.prod.yaml");
  });

  it("checkReachable with the injected client sees exactly the provider's two calls", async () => {
    const calls: string[] = [];
    const r = await checkReachable(
      {
        stack: "prod",
        stackFile: "Pulumi.prod.yaml",
        target: { apiBase: "https://api.x", loginBase: "https://login.x", description: "region x" },
        credentials: { kind: "oauth", id: { source: "A", value: "a" }, secret: { source: "B", value: "b" } },
        timeoutMs: 100,
      },
      {
        http: async (req) => {
          calls.push(`${req.method} ${req.url} ${req.timeoutMs}`);
          return req.method === "POST"
            ? { status: 200, body: '{"access_token":"t"}' }
            : { status: 200, body: '{"name":"Org"}' };
        },
      },
    );
    expect(r).toEqual({ org: "Org", problems: [] });
    expect(calls).toEqual(["POST https://login.x/oauth/token 100", "GET https://api.x/api/v2/organizations/me 100"]);
  });
});

describe("the whole preflight", () => {
  it("reports every local problem at once and does not touch the network", async () => {
    let called = false;
    const r = await preflight(
      { root: ROOT, stack: "prod", config: prod },
      { env: {}, home: HOME, readFile: files(), http: async () => ((called = true), { status: 200, body: "" }) },
    );
    expect(r.problems.map((p) => p.check)).toEqual(["backend", "credentials"]);
    expect(called).toBe(false);
    const text = formatProblems("prod", r.problems);
    expect(text).toContain('preflight for stack "prod" failed');
    expect(text).toContain("npm run pulumi -- login");
  });

  it("with an HTTPS proxy configured it leaves reachability to the provider and says so", async () => {
    const r = await preflight(
      { root: ROOT, stack: "prod", config: prod },
      {
        env: { PULUMI_ACCESS_TOKEN: "t", ...envCreds, HTTPS_PROXY: "http://proxy:3128" },
        home: HOME,
        readFile: files(),
        http: async () => {
          throw new Error("must not be called");
        },
      },
    );
    expect(r.problems).toEqual([]);
    expect(r.notes.join("\n")).toContain("HTTPS_PROXY is set");
  });
});

describe("the time budget, by construction (no wall-clock assertion: these machines are noisy)", () => {
  it("at most two requests, each with the default timeout, so a dead or silent org fails well under 10 s", async () => {
    const requests: Array<{ url: string; timeoutMs: number }> = [];
    const slowest: PreflightDeps["http"] = async (req) => {
      requests.push({ url: req.url, timeoutMs: req.timeoutMs });
      throw new Error(`no answer within ${req.timeoutMs / 1000}s`);
    };
    const r = await preflight(
      { root: ROOT, stack: "prod", config: gatewayConfig(port) },
      {
        env: { PULUMI_BACKEND_URL: "file:///tmp/state", PULUMI_CONFIG_PASSPHRASE: "x", ...envCreds },
        home: HOME,
        readFile: files(),
        http: slowest,
      },
    );
    expect(r.problems.map((p) => p.check)).toContain("reachability");
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.length).toBeLessThanOrEqual(2);
    expect(requests.every((q) => q.timeoutMs === PREFLIGHT_TIMEOUT_MS)).toBe(true);
    expect(requests.length * PREFLIGHT_TIMEOUT_MS).toBeLessThan(10_000);
  });
});
