import * as http from "node:http";
import { type RunningEmulator, startEmulator } from "../../emulator/server";
import { call, publish } from "../../testkit/emulator";
import { inboundCallYaml } from "../../testkit/archyFlows";

/** Raw HTTP request so the path is sent exactly as written (fetch normalises dot segments). */
function rawRequest(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("bad requests get 4xx JSON and the server keeps serving", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ maxBodyBytes: 1024 });
  });
  afterAll(async () => {
    await emu.stop();
  });
  const expectJsonError = (res: { status: number; body: unknown }, status: number): void => {
    expect(res.status).toBe(status);
    expect(res.body).toEqual(
      expect.objectContaining({ status, code: expect.any(String), message: expect.any(String) }),
    );
  };

  it("missing or wrong auth -> 401", async () => {
    expectJsonError(await call(`${emu.url}/api/v2/flows`), 401);
    expectJsonError(await call(`${emu.url}/api/v2/flows`, { token: "not-the-token" }), 401);
    expectJsonError(await call(`${emu.url}/api/v2/flows`, { headers: { authorization: "Basic abc" } }), 401);
  });

  it("unknown ids -> 404, unknown routes -> 404, wrong methods -> 405", async () => {
    const token = emu.accessToken;
    expectJsonError(await call(`${emu.url}/api/v2/flows/00000000-0000-4000-8000-000000000000`, { token }), 404);
    expectJsonError(await call(`${emu.url}/api/v2/flows/jobs/nope?expand=messages`, { token }), 404);
    expectJsonError(await call(`${emu.url}/api/v2/flows/actions/unlock?flow=nope`, { method: "POST", token }), 404);
    expectJsonError(await call(`${emu.url}/api/v2/flows/nope/versions`, { token }), 404);
    expectJsonError(await call(`${emu.url}/api/v2/nothing`, { token }), 404);
    expectJsonError(await call(`${emu.url}/somewhere`), 404);
    expectJsonError(await call(`${emu.url}/uploads/unknown-job`, { method: "PUT", body: "x" }), 404);
    expectJsonError(await call(`${emu.url}/api/v2/flows`, { method: "PATCH", token }), 405);
    expectJsonError(await call(`${emu.url}/oauth/token`), 405);
    expectJsonError(await call(`${emu.url}/api/v2/flows?pageSize=abc`, { token }), 400);
    expectJsonError(await call(`${emu.url}/api/v2/flows?type=fax`, { token }), 400);
  });

  it("malformed JSON -> 400", async () => {
    expectJsonError(
      await call(`${emu.url}/__emulator/faults`, { method: "PUT", token: emu.accessToken, body: "{not json" }),
      400,
    );
  });

  it("path traversal -> 400", async () => {
    for (const path of [
      "/api/v2/flows/../../etc/passwd",
      "/api/v2/flows/%2e%2e/%2e%2e",
      "/api/v2/flows/..%2f..%2f",
      "/uploads/%2e%2e%5cx",
      "/api/v2/flows/%E0%A4%A",
    ]) {
      const res = await rawRequest(emu.port, "GET", path, { authorization: `Bearer ${emu.accessToken}` });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toEqual(expect.objectContaining({ status: 400 }));
    }
  });

  it("body over the limit -> 413, for uploads and admin bodies", async () => {
    const job = await call<{ presignedUrl: string; id: string }>(`${emu.url}/api/v2/flows/jobs`, {
      method: "POST",
      token: emu.accessToken,
    });
    expectJsonError(await call(job.body.presignedUrl, { method: "PUT", body: "x".repeat(5000) }), 413);
    expectJsonError(
      await call(`${emu.url}/__emulator/faults`, {
        method: "PUT",
        token: emu.accessToken,
        body: `{"a":"${"x".repeat(5000)}"}`,
      }),
      413,
    );
    // the job is still waiting for a valid upload
    const ok = await fetch(job.body.presignedUrl, { method: "PUT", body: inboundCallYaml("dev-After413") });
    expect(ok.status).toBe(200);
    await ok.text();
    expectJsonError(await call(job.body.presignedUrl, { method: "PUT", body: "again" }), 409);
  });

  it("garbage uploads fail the job with a message, and the server still serves", async () => {
    for (const text of ["", "\u0000\u0001binary", "- just\n- a list\n", ": : :", "inboundCall: [\n"]) {
      const job = await publish(emu, text);
      expect(job.status).toBe("Failure");
      expect(job.messages[0].text).toMatch(/rule [a-z-]+:/);
    }
    const org = await call(`${emu.url}/api/v2/organizations/me`, { token: emu.accessToken });
    expect(org.status).toBe(200);
  });
});
