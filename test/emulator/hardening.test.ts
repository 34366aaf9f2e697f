// Emulator hardening, beyond badRequests.test.ts: authentication on every API route (and that a
// refused request changes nothing), path tricks aimed at the unauthenticated upload and admin
// routes, huge and endless bodies, and YAML bombs in uploads. Every case must be answered quickly
// with a 4xx (or a failed job) and the server must keep serving.
import * as http from "node:http";
import * as net from "node:net";
import { FaultInjector } from "../../emulator/faults";
import { JobRunner } from "../../emulator/jobs";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { OrgStore } from "../../emulator/store";
import { call, publish, type JobState } from "../../testkit/emulator";
import { commonModuleYaml, inboundCallYaml } from "../../testkit/archyFlows";

/** Raw HTTP request: the path is sent exactly as written (fetch would normalise it). */
function rawRequest(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string | number> = {},
  body?: string | Buffer,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Bytes straight onto a socket (for request lines Node's client refuses to send). */
function rawSocket(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.end(request));
    let answer = "";
    socket.setEncoding("latin1");
    socket.on("data", (d: string) => (answer += d));
    socket.on("end", () => resolve(answer));
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
}

async function expectServing(emu: RunningEmulator): Promise<void> {
  const res = await call(`${emu.url}/api/v2/organizations/me`, { token: emu.accessToken });
  expect(res.status).toBe(200);
}

describe("authentication", () => {
  let emu: RunningEmulator;
  let flowId: string;
  beforeAll(async () => {
    emu = await startEmulator({ clientId: "hardening-client", clientSecret: "hardening-secret" });
    flowId = (await publish(emu, inboundCallYaml("dev-Guarded"))).flow!.id;
  });
  afterAll(async () => {
    await emu.stop();
  });

  const routes = (id: string): Array<[string, string]> => [
    ["GET", "/api/v2/organizations/me"],
    ["GET", "/api/v2/authorization/products"],
    ["POST", "/api/v2/flows/jobs"],
    ["GET", "/api/v2/flows/jobs/00000000-0000-4000-8000-000000000000?expand=messages"],
    ["GET", `/api/v2/flows?name=dev`],
    ["GET", `/api/v2/flows/${id}`],
    ["DELETE", `/api/v2/flows/${id}`],
    ["POST", `/api/v2/flows/actions/unlock?flow=${id}`],
    ["GET", `/api/v2/flows/${id}/versions`],
    ["GET", `/api/v2/flows/${id}/versions/1.0`],
    ["GET", `/api/v2/flows/${id}/versions/1.0/configuration`],
    ["GET", `/api/v2/flows/${id}/latestconfiguration`],
  ];

  it("every API route answers 401 without a token, with a wrong one, or with a malformed header; nothing changes", async () => {
    const before = JSON.stringify(emu.state().flows);
    const jobsBefore = emu.jobs.count();
    const badHeaders: Array<Record<string, string>> = [
      {},
      { authorization: "Bearer wrong-token" },
      { authorization: `Bearer ${emu.accessToken}x` },
      { authorization: `Bearer ${emu.accessToken.slice(0, -1)}` },
      { authorization: "Bearer " },
      { authorization: emu.accessToken },
      { authorization: `Basic ${Buffer.from("hardening-client:hardening-secret").toString("base64")}` },
      { authorization: `Bearer ${emu.accessToken} ${emu.accessToken}` },
    ];
    for (const [method, path] of routes(flowId)) {
      for (const headers of badHeaders) {
        const res = await rawRequest(emu.port, method, path, headers);
        expect({ method, path, headers, status: res.status }).toEqual({ method, path, headers, status: 401 });
        expect(JSON.parse(res.body)).toEqual(expect.objectContaining({ status: 401 }));
      }
      // A token in the query string is not a credential.
      const sep = path.includes("?") ? "&" : "?";
      expect((await rawRequest(emu.port, method, `${path}${sep}access_token=${emu.accessToken}`)).status).toBe(401);
    }
    expect(JSON.stringify(emu.state().flows)).toBe(before);
    expect(emu.jobs.count()).toBe(jobsBefore);
  });

  it("OAuth: wrong, partial or swapped client credentials get 401 and no token; the right ones get a working token", async () => {
    const form = (id: string, secret: string) =>
      rawRequest(
        emu.port,
        "POST",
        "/oauth/token",
        {
          authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        "grant_type=client_credentials",
      );
    for (const [id, secret] of [
      ["hardening-client", "wrong"],
      ["hardening-client", "hardening-secre"],
      ["hardening-client", "hardening-secretx"],
      ["hardening-secret", "hardening-client"],
      ["", ""],
      ["hardening-client", ""],
    ]) {
      const res = await form(id, secret);
      expect({ id, secret, status: res.status }).toEqual({ id, secret, status: 401 });
      expect(res.body).not.toContain("access_token");
    }
    const ok = await form("hardening-client", "hardening-secret");
    expect(ok.status).toBe(200);
    const token = (JSON.parse(ok.body) as { access_token: string }).access_token;
    expect((await call(`${emu.url}/api/v2/flows/${flowId}`, { token })).status).toBe(200);
    // An issued token is not accepted by another emulator instance.
    const other = await startEmulator({});
    try {
      expect((await call(`${other.url}/api/v2/organizations/me`, { token })).status).toBe(401);
    } finally {
      await other.stop();
    }
  });
});

describe("path tricks", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({});
    await publish(emu, inboundCallYaml("dev-Kept"));
  });
  afterAll(async () => {
    await emu.stop();
  });

  it("traversal, encoded dots, double slashes, null bytes and absolute targets get 4xx, never reach another route", async () => {
    const auth = { authorization: `Bearer ${emu.accessToken}` };
    const tricks: Array<[string, string]> = [
      // from the unauthenticated upload route into the API or the admin routes
      ["PUT", "/uploads/../api/v2/flows/jobs"],
      ["PUT", "/uploads/%2e%2e/__emulator/reset"],
      ["PUT", "/uploads/%2E%2E%2F__emulator%2Freset"],
      ["POST", "/uploads/x/../../__emulator/reset"],
      // from the API into the admin routes
      ["POST", "/api/v2/../../__emulator/reset"],
      ["POST", "/api/v2/%2e%2e/%2e%2e/__emulator/reset"],
      ["POST", "/api/v2/.%2e/.%2e/__emulator/reset"],
      ["GET", "/./api/v2/organizations/me"],
      ["GET", "/api/v2/flows/%2e"],
      // double slashes and empty segments
      ["GET", "//api/v2/organizations/me"],
      ["GET", "/api//v2/organizations/me"],
      ["GET", "/api/v2//flows"],
      ["POST", "//__emulator/reset"],
      // null bytes, overlong UTF-8 and other bad escapes
      ["GET", "/api/v2/flows/%00"],
      ["GET", "/api/v2/flows/abc%00.json"],
      ["GET", "/api/v2/flows/%c0%ae%c0%ae/x"],
      ["GET", "/api/v2/flows/%ZZ"],
      ["GET", "/api/v2/flows/%"],
      // backslashes, raw and encoded
      ["GET", "/api/v2/flows/..\\..\\__emulator\\state"],
      ["GET", "/api/v2/flows/%5c..%5c"],
      // not an origin-form target
      ["GET", "api/v2/organizations/me"],
      ["GET", "*"],
    ];
    for (const [method, path] of tricks) {
      const res = await rawRequest(emu.port, method, path, auth);
      expect({ method, path, clientError: res.status >= 400 && res.status < 500 }).toEqual({
        method,
        path,
        clientError: true,
      });
      expect(JSON.parse(res.body)).toEqual(expect.objectContaining({ status: res.status }));
    }
    // Nothing was reset: the flow published before is still there.
    expect(emu.state().flows.map((f) => f.name)).toEqual(["dev-Kept"]);
    await expectServing(emu);
  });

  it("request lines Node's own client refuses (raw NUL, spaces, absolute URLs to other hosts) get 4xx", async () => {
    for (const line of [
      "GET /api/v2/flows/\u0000 HTTP/1.1",
      "GET /api/v2/flows/a b HTTP/1.1",
      "GET http://169.254.169.254/latest/meta-data HTTP/1.1",
      "GET /api/v2/organizations/me HTTP/9.9",
    ]) {
      const answer = await rawSocket(
        emu.port,
        `${line}\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${emu.accessToken}\r\nConnection: close\r\n\r\n`,
      );
      expect({ line, status: /^HTTP\/1\.[01] (4\d\d)/.exec(answer)?.[1] }).toEqual({
        line,
        status: expect.stringMatching(/^4/),
      });
    }
    await expectServing(emu);
  });
});

describe("huge and endless bodies", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({}); // the default limit, 5 MiB
  });
  afterAll(async () => {
    await emu.stop();
  });

  const newJob = async (): Promise<{ id: string; presignedUrl: string }> =>
    (
      await call<{ id: string; presignedUrl: string }>(`${emu.url}/api/v2/flows/jobs`, {
        method: "POST",
        token: emu.accessToken,
      })
    ).body;

  it("a body over 5 MiB gets 413 quickly, on uploads, API and admin routes", async () => {
    const big = Buffer.alloc(6 * 1024 * 1024, "a");
    const job = await newJob();
    const uploadPath = `${new URL(job.presignedUrl).pathname}${new URL(job.presignedUrl).search}`;
    for (const [method, path] of [
      ["PUT", uploadPath],
      ["POST", "/oauth/token"],
      ["PUT", "/__emulator/faults"],
      ["PUT", "/__emulator/strict"],
      ["POST", "/__emulator/reset"],
    ]) {
      const started = Date.now();
      const res = await rawRequest(
        emu.port,
        method,
        path,
        { "content-type": "application/octet-stream", authorization: `Bearer ${emu.accessToken}` },
        big,
      );
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 413 });
      expect(Date.now() - started).toBeLessThan(20_000); // a guard against blow-ups (exponential or quadratic work takes minutes), not a speed target
    }
    // The job still takes a valid upload afterwards.
    const ok = await fetch(job.presignedUrl, { method: "PUT", body: inboundCallYaml("dev-AfterBig") });
    expect(ok.status).toBe(200);
    await ok.text();
    await expectServing(emu);
  });

  it("a declared 10 GiB body is refused before it is sent", async () => {
    const job = await newJob();
    const answer = await rawSocket(
      emu.port,
      `PUT ${new URL(job.presignedUrl).pathname}${new URL(job.presignedUrl).search} HTTP/1.1\r\nHost: 127.0.0.1:${emu.port}\r\nContent-Length: ${10 * 1024 ** 3}\r\nConnection: close\r\n\r\nonly a few bytes`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    await expectServing(emu);
  });

  it("an endless chunked upload is cut off with 413 once over the limit", async () => {
    const job = await newJob();
    const started = Date.now();
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port: emu.port,
          method: "PUT",
          path: `${new URL(job.presignedUrl).pathname}${new URL(job.presignedUrl).search}`,
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on("error", (e) =>
        (e as NodeJS.ErrnoException).code === "ECONNRESET" || (e as NodeJS.ErrnoException).code === "EPIPE"
          ? undefined
          : reject(e),
      );
      const chunk = Buffer.alloc(256 * 1024, "b");
      let sent = 0;
      const pump = (): void => {
        // Up to 64 MiB: far over the limit; the answer must come long before.
        while (sent < 64 * 1024 * 1024 && !req.destroyed) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once("drain", pump);
            return;
          }
        }
      };
      pump();
    });
    expect(status).toBe(413);
    expect(Date.now() - started).toBeLessThan(30_000); // a guard against blow-ups (a quadratic check takes minutes), not a speed target
    await expectServing(emu);
  });
});

describe("YAML bombs in uploads fail the job quickly, and the server keeps serving", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({});
    await publish(emu, commonModuleYaml("Bomb Module"));
  });
  afterAll(async () => {
    await emu.stop();
  });

  const laughs = (levels: number, width: number): string => {
    const lines = [`l0: &l0 [${Array(width).fill('"lol"').join(", ")}]`];
    for (let i = 1; i < levels; i++)
      lines.push(
        `l${i}: &l${i} [${Array(width)
          .fill(`*l${i - 1}`)
          .join(", ")}]`,
      );
    return `inboundCall:\n  name: dev-Bomb\n${lines.map((l) => `  ${l}`).join("\n")}\n`;
  };
  const bombs: Array<[string, () => string, string]> = [
    ["billion laughs (10^12 expansions in 600 bytes)", () => laughs(12, 10), "yaml-limits"],
    [
      "aliases of a large mapping (each alias copies 5,000 keys)",
      () =>
        `inboundCall:\n  name: dev-Bomb\n  big: &big {${Array.from({ length: 5000 }, (_, i) => `k${i}: v`).join(", ")}}\n${Array.from({ length: 150 }, (_, i) => `  c${i}: *big`).join("\n")}\n`,
      "yaml-limits",
    ],
    // Merge keys are refused outright (YAML 1.2 has none), before any expansion.
    [
      "merge keys multiplying a mapping (<<: [*a, *a])",
      () =>
        `inboundCall:\n  name: dev-Bomb\n${Array.from({ length: 30 }, (_, i) => (i === 0 ? "  m0: &m0 {k: v}" : `  m${i}: &m${i} {<<: [*m${i - 1}, *m${i - 1}], k${i}: v}`)).join("\n")}\n`,
      "yaml-parse",
    ],
    [
      "30,000 aliases (counted first, not resolved one by one)",
      () =>
        `inboundCall:\n  name: dev-Bomb\n  a: &a x\n${Array.from({ length: 30_000 }, (_, i) => `  b${i}: *a`).join("\n")}\n`,
      "yaml-limits",
    ],
    [
      "100,000 nested flow sequences",
      () => `inboundCall: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`,
      "yaml-limits",
    ],
    [
      "100,000 nested flow mappings",
      () => `inboundCall: ${"{a: ".repeat(100_000)}x${"}".repeat(100_000)}\n`,
      "yaml-limits",
    ],
    [
      "2,000 levels of block mappings",
      () => `inboundCall:\n${Array.from({ length: 2000 }, (_, i) => `${" ".repeat(i + 1)}k:`).join("\n")} x\n`,
      "yaml-limits",
    ],
    [
      "300 levels of nesting (over the 200 limit, under the stack limit)",
      () => `inboundCall: ${"[".repeat(300)}${"]".repeat(300)}\n`,
      "yaml-limits",
    ],
    ["an unresolved alias", () => "inboundCall:\n  name: dev-Bomb\n  x: *nowhere\n", "yaml-parse"],
    ["a recursive alias", () => "inboundCall: &r\n  name: dev-Bomb\n  self: *r\n", "yaml-limits"],
  ];

  it.each(bombs)("%s", async (_name, make, rule) => {
    const text = make();
    const started = Date.now();
    const job = await publish(emu, text);
    const took = Date.now() - started;
    expect(job.status).toBe("Failure");
    expect(job.messages.map((m) => m.text).join("\n")).toContain(`rule ${rule}`);
    expect(job.messages.map((m) => m.text).join("\n")).not.toMatch(/Maximum call stack/);
    expect(took).toBeLessThan(20_000); // a guard against blow-ups (exponential or quadratic work takes minutes), not a speed target
    await expectServing(emu);
  });

  it("60,000 keys in one mapping (a quadratic duplicate-key check would take minutes) validate in a few seconds", async () => {
    const text = `inboundCall:\n  name: dev-Wide\n${Array.from({ length: 60_000 }, (_, i) => `  k${i}: v`).join("\n")}\n`;
    const started = Date.now();
    const job: JobState = await publish(emu, text);
    expect(job.status).toBe("Failure"); // not a valid flow, but answered
    expect(Date.now() - started).toBeLessThan(30_000); // a guard against blow-ups (a quadratic check takes minutes), not a speed target
    // and a duplicate key at the very end is still found
    const dup = await publish(emu, `${text}  k0: again\n`);
    expect(dup.messages.map((m) => m.text).join("\n")).toMatch(
      /rule yaml-parse: YAML does not parse: duplicate key "k0" \(first at line 3, column 3\); keys must be unique \(at line 60003, column 3\)/,
    );
    await expectServing(emu);
  });
});

describe("a validator failure fails the job instead of hanging it", () => {
  it("an exception while completing a job marks it Failure with a message (the provider would otherwise poll for 16 minutes)", () => {
    const store = new OrgStore();
    store.findActive = () => {
      throw new Error("simulated validator bug");
    };
    const jobs = new JobRunner({ store, faults: new FaultInjector(), strict: () => false, now: () => Date.now() });
    const job = jobs.create();
    expect(jobs.upload(job.id, commonModuleYaml("Crashing Module"))).toBe("ok");
    const done = jobs.get(job.id)!;
    expect(done.status).toBe("Failure");
    expect(done.messages.map((m) => m.text).join("\n")).toContain(
      "rule internal-error: the publish could not be validated (simulated validator bug)",
    );
  });
});
