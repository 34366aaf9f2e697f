import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { call, type JobState } from "../../testkit/emulator";
import { commonModuleYaml, inboundCallYaml } from "../../testkit/archyFlows";

describe("the provider's call sequence", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ clientId: "cid", clientSecret: "csecret" });
  });
  afterAll(async () => {
    await emu.stop();
  });

  it("token, org, products, job, upload, poll, get, list, unlock, delete", async () => {
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    // 1. client-credentials token (HTTP Basic + form body)
    const tokenRes = await call<{ access_token: string; token_type: string; expires_in: number }>(
      `${emu.url}/oauth/token`,
      {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from("cid:csecret").toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: "grant_type=client_credentials",
      },
    );
    expect(tokenRes.status).toBe(200);
    expect(typeof tokenRes.body.access_token).toBe("string");
    expect(tokenRes.body.access_token.length).toBeGreaterThan(10);
    expect(tokenRes.body.token_type).toBe("bearer");
    expect(tokenRes.body.expires_in).toBe(86400);
    const token = tokenRes.body.access_token;

    // 2. organizations/me
    const org = await call(`${emu.url}/api/v2/organizations/me`, { token });
    expect(org.status).toBe(200);
    expect(org.body).toEqual(
      expect.objectContaining({ id: expect.any(String), name: expect.any(String), defaultCountryCode: "US" }),
    );

    // 3. authorization/products
    const products = await call<{ entities: unknown[]; total: number }>(`${emu.url}/api/v2/authorization/products`, {
      token,
    });
    expect(products.status).toBe(200);
    expect(Array.isArray(products.body.entities)).toBe(true);
    expect(products.body.total).toBe(products.body.entities.length);

    // 4. job create (no body)
    const job = await call<{ id: string; presignedUrl: string; headers: Record<string, string> }>(
      `${emu.url}/api/v2/flows/jobs`,
      {
        method: "POST",
        token,
      },
    );
    expect(job.status).toBe(200);
    expect(job.body.id).toMatch(/^[0-9a-f-]{36}$/);
    // Like a real presigned URL, it carries its own credential (the provider sends no Authorization header).
    expect(job.body.presignedUrl).toMatch(new RegExp(`^${emu.url}/uploads/${job.body.id}\\?uploadToken=[0-9a-f]{48}$`));
    expect(job.body.headers).toEqual({});

    // 5. upload: plain PUT, returned headers, NO Authorization header
    const upload = await fetch(job.body.presignedUrl, {
      method: "PUT",
      headers: job.body.headers,
      body: inboundCallYaml("dev-Sales"),
    });
    expect(upload.status).toBe(200);
    await upload.text();

    // 6. first poll is already final (the provider sleeps 15 s otherwise)
    const polled = await call<JobState>(`${emu.url}/api/v2/flows/jobs/${job.body.id}?expand=messages`, { token });
    expect(polled.status).toBe(200);
    expect(polled.body.status).toBe("Success");
    expect(polled.body.id).toBe(job.body.id);
    expect(Array.isArray(polled.body.messages)).toBe(true);
    const flowId = polled.body.flow!.id;
    expect(flowId).toMatch(/^[0-9a-f-]{36}$/);

    // 7. get flow
    // biome-ignore lint/suspicious/noExplicitAny: free-form flow JSON
    const flow = await call<Record<string, any>>(`${emu.url}/api/v2/flows/${flowId}?deleted=false`, { token });
    expect(flow.status).toBe(200);
    expect(flow.body).toEqual(
      expect.objectContaining({ id: flowId, name: "dev-Sales", type: "INBOUNDCALL", description: "", deleted: false }),
    );
    expect(flow.body.division).toEqual(expect.objectContaining({ id: expect.any(String), name: "Home" }));
    expect(flow.body.publishedVersion).toEqual(expect.objectContaining({ id: "1.0" }));
    expect(flow.body.checkedInVersion).toEqual(expect.objectContaining({ id: "1.0" }));
    expect(flow.body.lockedUser).toBeUndefined();

    // republish: same id, version 2.0
    const second = await call<{ id: string; presignedUrl: string; headers: Record<string, string> }>(
      `${emu.url}/api/v2/flows/jobs`,
      { method: "POST", token },
    );
    await (await fetch(second.body.presignedUrl, { method: "PUT", body: inboundCallYaml("dev-Sales") })).text();
    const secondState = await call<JobState>(`${emu.url}/api/v2/flows/jobs/${second.body.id}?expand=messages`, {
      token,
    });
    expect(secondState.body.flow!.id).toBe(flowId);
    // biome-ignore lint/suspicious/noExplicitAny: free-form flow JSON
    const again = await call<Record<string, any>>(`${emu.url}/api/v2/flows/${flowId}?deleted=false`, { token });
    expect(again.body.publishedVersion.id).toBe("2.0");

    // versions and published configuration
    const versions = await call<{ entities: Array<{ id: string }>; total: number }>(
      `${emu.url}/api/v2/flows/${flowId}/versions`,
      { token },
    );
    expect(versions.body.entities.map((v) => v.id)).toEqual(["2.0", "1.0"]);
    const v1 = await call<{ id: string }>(`${emu.url}/api/v2/flows/${flowId}/versions/1.0`, { token });
    expect(v1.body.id).toBe("1.0");
    const config = await call<{ text: string; versionId: string; document: Record<string, unknown> }>(
      `${emu.url}/api/v2/flows/${flowId}/versions/2.0/configuration`,
      { token },
    );
    expect(config.body.text).toBe(inboundCallYaml("dev-Sales"));
    expect(Object.keys(config.body.document)).toEqual(["inboundCall"]);
    const latest = await call<{ versionId: string }>(`${emu.url}/api/v2/flows/${flowId}/latestconfiguration`, {
      token,
    });
    expect(latest.body.versionId).toBe("2.0");

    // 8. data source list: name + lower-case type + paging (pageSize 1 to force several pages)
    for (const n of ["dev-Sales-2", "dev-Sales-3"]) {
      const j = await call<{ id: string; presignedUrl: string }>(`${emu.url}/api/v2/flows/jobs`, {
        method: "POST",
        token,
      });
      await (await fetch(j.body.presignedUrl, { method: "PUT", body: inboundCallYaml(n) })).text();
    }
    const modJob = await call<{ id: string; presignedUrl: string }>(`${emu.url}/api/v2/flows/jobs`, {
      method: "POST",
      token,
    });
    await (await fetch(modJob.body.presignedUrl, { method: "PUT", body: commonModuleYaml("dev-Sales-module") })).text();

    type Page = {
      entities: Array<{ id: string; name: string; type: string }>;
      pageSize: number;
      pageNumber: number;
      total: number;
      pageCount: number;
    };
    const page1 = await call<Page>(
      `${emu.url}/api/v2/flows?includeSchemas=true&name=dev-Sales&pageNumber=1&pageSize=1&type=inboundcall`,
      { token },
    );
    expect(page1.status).toBe(200);
    expect(page1.body).toEqual(expect.objectContaining({ pageSize: 1, pageNumber: 1, total: 3, pageCount: 3 }));
    const names: string[] = [];
    for (let p = 1; p <= page1.body.pageCount; p++) {
      const page = await call<Page>(
        `${emu.url}/api/v2/flows?includeSchemas=true&name=dev-Sales&pageNumber=${p}&pageSize=1&type=inboundcall`,
        { token },
      );
      names.push(...page.body.entities.map((e) => e.name));
      expect(page.body.entities.every((e) => e.type === "INBOUNDCALL")).toBe(true);
    }
    expect(names).toEqual(["dev-Sales", "dev-Sales-2", "dev-Sales-3"]);
    const exact = (
      await call<Page>(`${emu.url}/api/v2/flows?name=dev-Sales&pageNumber=1&pageSize=500`, { token })
    ).body.entities.filter((e) => e.name === "dev-Sales");
    expect(exact.map((e) => e.id)).toEqual([flowId]);
    const modules = await call<Page>(`${emu.url}/api/v2/flows?name=dev-Sales&pageSize=500&type=commonmodule`, {
      token,
    });
    expect(modules.body.entities.map((e) => e.name)).toEqual(["dev-Sales-module"]);

    // 9. unlock (force_unlock) answers the flow
    const unlocked = await call<{ id: string; name: string }>(`${emu.url}/api/v2/flows/actions/unlock?flow=${flowId}`, {
      method: "POST",
      token,
    });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toEqual(expect.objectContaining({ id: flowId, name: "dev-Sales" }));

    // 10. delete, then 410 Gone for the deleted flow, as Genesys's spec documents (the provider's
    // acceptance tests check 410); deleting it again is 404, which the provider's delete counts as gone
    const del = await fetch(`${emu.url}/api/v2/flows/${flowId}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${token}` },
    });
    expect([200, 204]).toContain(del.status);
    const gone = await call<{ status: number; code: string; message: string }>(
      `${emu.url}/api/v2/flows/${flowId}?deleted=false`,
      { token },
    );
    expect(gone.status).toBe(410);
    expect(gone.body).toEqual(
      expect.objectContaining({ status: 410, code: expect.any(String), message: expect.any(String) }),
    );
    const delAgain = await call(`${emu.url}/api/v2/flows/${flowId}`, { method: "DELETE", token });
    expect(delAgain.status).toBe(404);

    // the request log counts operations and holds no secrets
    const log = emu.requestLog.list();
    const ops = log.map((e) => e.operation);
    expect(ops.slice(0, 7)).toEqual([
      "oauth.token",
      "org.get",
      "products.list",
      "job.create",
      "job.upload",
      "job.poll",
      "flow.get",
    ]);
    expect(emu.requestLog.count("job.create")).toBe(5);
    expect(log.every((e) => e.durationMs >= 0 && typeof e.timestamp === "string" && e.status >= 200)).toBe(true);
    expect(log.find((e) => e.operation === "flow.list")!.query).toContain("type=inboundcall");
    const serialised = JSON.stringify(log);
    expect(serialised).not.toContain("csecret");
    expect(serialised).not.toContain(token);
    expect(serialised).not.toContain(Buffer.from("cid:csecret").toString("base64"));
    const viaAdmin = await call<{ entries: unknown[] }>(`${emu.url}/__emulator/requests`, { token: emu.accessToken });
    expect(viaAdmin.body.entries.length).toBe(log.length);
  });

  it("accepts the fixed access token and rejects wrong client credentials", async () => {
    const org = await call(`${emu.url}/api/v2/organizations/me`, { token: emu.accessToken });
    expect(org.status).toBe(200);
    const bad = await call(`${emu.url}/oauth/token`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from("cid:wrong").toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "grant_type=client_credentials",
    });
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual(
      expect.objectContaining({ status: 401, code: expect.any(String), message: expect.any(String) }),
    );
  });
});
