// Hardening of the emulator against a hostile web page, a hostile client and a long life:
//   - admin routes need a token and a loopback Host (a web page can neither send the token nor
//     reach the server under another name through DNS rebinding);
//   - an upload is authenticated (its presigned URL carries a token) and its job looked up before a
//     byte of its body is read;
//   - jobs, versions and flows are bounded;
//   - temporary files of killed writes are removed at start;
//   - YAML keys that collide once read as text are refused (uploads and the org file).
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { FaultInjector } from "../../emulator/faults";
import { JobRunner } from "../../emulator/jobs";
import { OrgFileError, parseOrgFile } from "../../project/orgFile";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { OrgStore } from "../../emulator/store";
import { call, publish, withEmulator } from "../../testkit/emulator";
import { commonModuleYaml, inboundCallYaml } from "../../testkit/archyFlows";

/** A raw request with full control over the Host header and an optional partial body. */
function request(
  port: number,
  method: string,
  target: string,
  headers: Record<string, string | number>,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, method, path: target, headers, setHost: false, agent: false },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("admin routes need the token and a loopback Host", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ adminToken: "admin-secret" });
    expect((await publish(emu, inboundCallYaml("dev-Precious"))).status).toBe("Success");
  });
  afterAll(async () => {
    await emu.stop();
  });

  it("a web page's simple text/plain POST (no token) cannot reset the org", async () => {
    const host = `127.0.0.1:${emu.port}`;
    const res = await request(
      emu.port,
      "POST",
      "/__emulator/reset",
      { host, "content-type": "text/plain", origin: "http://evil.example" },
      "x",
    );
    expect(res.status).toBe(401);
    expect(emu.state().flows.map((f) => f.name)).toEqual(["dev-Precious"]);
    for (const [method, target] of [
      ["GET", "/__emulator/state"],
      ["GET", "/__emulator/requests"],
      ["DELETE", "/__emulator/requests"],
      ["PUT", "/__emulator/faults"],
      ["PUT", "/__emulator/strict"],
    ]) {
      const r = await request(
        emu.port,
        method,
        target,
        { host, "content-type": "application/json" },
        method === "GET" || method === "DELETE" ? undefined : "{}",
      );
      expect({ method, target, status: r.status }).toEqual({ method, target, status: 401 });
    }
    expect((await request(emu.port, "GET", "/__emulator/state", { host, authorization: "Bearer wrong" })).status).toBe(
      401,
    );
  });

  it("the access token or the admin token opens them", async () => {
    const host = `127.0.0.1:${emu.port}`;
    expect(
      (await request(emu.port, "GET", "/__emulator/state", { host, authorization: `Bearer ${emu.accessToken}` }))
        .status,
    ).toBe(200);
    expect(
      (
        await request(emu.port, "GET", "/__emulator/state", {
          host: `localhost:${emu.port}`,
          authorization: "Bearer admin-secret",
        })
      ).status,
    ).toBe(200);
  });

  it("a request naming another host (DNS rebinding) is refused, even with the token", async () => {
    for (const host of [
      "evil.example",
      `evil.example:${emu.port}`,
      "127.0.0.1.nip.io",
      `127.0.0.1:${emu.port + 1}`,
      "",
    ]) {
      const admin = await request(
        emu.port,
        "POST",
        "/__emulator/reset",
        { host, authorization: `Bearer ${emu.accessToken}` },
        "",
      );
      expect({ host, status: admin.status }).toEqual({ host, status: 403 });
      const api = await request(emu.port, "GET", "/api/v2/organizations/me", {
        host,
        authorization: `Bearer ${emu.accessToken}`,
      });
      expect({ host, status: api.status }).toEqual({ host, status: 403 });
    }
    expect(emu.state().flows.map((f) => f.name)).toEqual(["dev-Precious"]);
  });
});

describe("uploads are authenticated and their job looked up before the body is read", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({});
  });
  afterAll(async () => {
    await emu.stop();
  });

  /** Send the headers of a 4 MiB upload and only its first kilobyte; resolve with the answer's status. */
  function partialUpload(target: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port: emu.port,
          method: "PUT",
          path: target,
          headers: { "content-length": 4 * 1024 * 1024 },
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
      req.write(Buffer.alloc(1024, "a"));
      // The rest of the body never comes: an answer can only come before it.
      setTimeout(
        () => reject(new Error("no answer while the body was incomplete: the server waited for the whole upload")),
        3000,
      ).unref();
    });
  }

  it("an unknown job answers 404 while the body is still incomplete", async () => {
    expect(await partialUpload("/uploads/00000000-0000-4000-8000-000000000000?uploadToken=x")).toBe(404);
  });

  it("a wrong or missing upload token answers 403 while the body is still incomplete, and the job keeps waiting", async () => {
    const job = (
      await call<{ id: string; presignedUrl: string }>(`${emu.url}/api/v2/flows/jobs`, {
        method: "POST",
        token: emu.accessToken,
      })
    ).body;
    expect(await partialUpload(`/uploads/${job.id}?uploadToken=${"0".repeat(48)}`)).toBe(403);
    expect(await partialUpload(`/uploads/${job.id}`)).toBe(403);
    const forged = await fetch(`${emu.url}/uploads/${job.id}`, { method: "PUT", body: inboundCallYaml("dev-Forged") });
    expect(forged.status).toBe(403);
    await forged.text();
    expect(emu.jobs.get(job.id)?.status).toBe("Registered");
    const ok = await fetch(job.presignedUrl, { method: "PUT", body: inboundCallYaml("dev-Genuine") });
    expect(ok.status).toBe(200);
    await ok.text();
  });

  it("the upload token never reaches the request log", async () => {
    await publish(emu, inboundCallYaml("dev-Logged"));
    const uploads = emu.requestLog.list().filter((e) => e.operation === "job.upload");
    expect(uploads.length).toBeGreaterThan(0);
    for (const e of uploads) expect(e.query).toMatch(/^(uploadToken=REDACTED)?$/);
  });
});

describe("jobs, versions and flows are bounded", () => {
  it("jobs beyond the cap are dropped, oldest finished first", async () => {
    await withEmulator({ maxJobs: 5 }, async (emu) => {
      const first = await publish(emu, inboundCallYaml("dev-Jobs"));
      const ids: string[] = [];
      for (let i = 0; i < 12; i++)
        ids.push(
          (await call<{ id: string }>(`${emu.url}/api/v2/flows/jobs`, { method: "POST", token: emu.accessToken })).body
            .id,
        );
      expect(emu.jobs.count()).toBeLessThanOrEqual(5);
      expect((await call(`${emu.url}/api/v2/flows/jobs/${first.id}`, { token: emu.accessToken })).status).toBe(404);
      expect((await call(`${emu.url}/api/v2/flows/jobs/${ids[11]}`, { token: emu.accessToken })).status).toBe(200);
    });
  });

  it("by default, finished jobs are forgotten an hour after they finished, and at most 1000 are kept", () => {
    let now = 1_000_000;
    const jobs = new JobRunner({
      store: new OrgStore(),
      faults: new FaultInjector(),
      strict: () => false,
      now: () => now,
    });
    const done = jobs.create();
    expect(jobs.upload(done.id, commonModuleYaml("Retained Module"))).toBe("ok");
    expect(jobs.get(done.id)?.status).toBe("Success");
    now += 61 * 60 * 1000;
    jobs.create();
    expect(jobs.get(done.id)).toBeUndefined();
    for (let i = 0; i < 1200; i++) jobs.create();
    expect(jobs.count()).toBe(1000);
  });

  it("a flow keeps its newest versions only; version numbers keep counting", async () => {
    await withEmulator({ maxVersionsPerFlow: 3 }, async (emu) => {
      for (let i = 0; i < 5; i++) expect((await publish(emu, inboundCallYaml("dev-Versions"))).status).toBe("Success");
      const [flow] = emu.state().flows;
      expect(flow.versionCount).toBe(3);
      expect(flow.publishedVersion).toBe("5.0");
      const versions = await call<{ entities: Array<{ id: string }> }>(`${emu.url}/api/v2/flows/${flow.id}/versions`, {
        token: emu.accessToken,
      });
      expect(versions.body.entities.map((v) => v.id)).toEqual(["5.0", "4.0", "3.0"]);
    });
  });

  it("the org holds at most maxFlows flows: deleted flows are forgotten first, then publishes of new flows fail", async () => {
    await withEmulator({ maxFlows: 2 }, async (emu) => {
      const a = await publish(emu, inboundCallYaml("dev-A"));
      expect((await publish(emu, inboundCallYaml("dev-B"))).status).toBe("Success");
      const full = await publish(emu, inboundCallYaml("dev-C"));
      expect(full.status).toBe("Failure");
      expect(full.messages.map((m) => m.text).join("\n")).toContain(
        'Flow "dev-C": rule org-full: the org already holds 2 flows',
      );
      // a new version of an existing flow still publishes
      expect((await publish(emu, inboundCallYaml("dev-A"))).status).toBe("Success");
      expect(
        (await call(`${emu.url}/api/v2/flows/${a.flow!.id}`, { method: "DELETE", token: emu.accessToken })).status,
      ).toBe(204);
      expect((await publish(emu, inboundCallYaml("dev-C"))).status).toBe("Success");
      expect(
        emu
          .state()
          .flows.map((f) => f.name)
          .sort(),
      ).toEqual(["dev-B", "dev-C"]);
    });
  });
});

describe("temporary files of killed writes are removed at start", () => {
  it("only this data file's temp files whose writer is gone are removed", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-tmp-"));
    try {
      const dataFile = path.join(dir, "org.json");
      // A process id that is certainly gone: a child that already exited.
      const deadPid = await new Promise<number>((resolve) => {
        const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
        child.on("exit", () => resolve(child.pid!));
      });
      const stale = [`.org.json.${deadPid}.1.tmp`, `.org.json.${deadPid}.17.tmp`];
      const kept = [`.org.json.${process.pid}.999.tmp`, `.other.json.${deadPid}.1.tmp`, "notes.txt"];
      for (const f of [...stale, ...kept]) fs.writeFileSync(path.join(dir, f), "partial");
      const emu = await startEmulator({ dataFile });
      try {
        expect(emu.removedTempFiles).toEqual(stale.sort());
        expect(fs.readdirSync(dir).sort()).toEqual(kept.sort());
      } finally {
        await emu.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("YAML keys that collide once read as text are refused", () => {
  it('in an upload: "true" and true in one mapping fail the publish with both lines', async () => {
    await withEmulator({}, async (emu) => {
      const text = inboundCallYaml("dev-Collide").replace(
        "        refId: Sales_11\n",
        '        refId: Sales_11\n        "true": first\n        true: second\n',
      );
      const job = await publish(emu, text);
      expect(job.status).toBe("Failure");
      const message = job.messages.map((m) => m.text).join("\n");
      expect(message).toMatch(
        /rule yaml-parse: YAML does not parse: duplicate key "true" \(first at line (\d+), column 9, written "true"\): true and "true" are the same key once read as text.* \(at line \d+, column 9\)/,
      );
    });
  });

  it('in the org file: 1 and "1" are refused with the file and lines', () => {
    expect(() =>
      parseOrgFile(
        'queues: [Sales]\ndataActions:\n  - category: C\n    name: A\n    inputs:\n      1: string\n      "1": integer\n',
        "org.yaml",
      ),
    ).toThrow(OrgFileError);
    expect(() =>
      parseOrgFile(
        'queues: [Sales]\ndataActions:\n  - category: C\n    name: A\n    inputs:\n      1: string\n      "1": integer\n',
        "org.yaml",
      ),
    ).toThrow(/org file org\.yaml: line 7, column 7: duplicate key "1" \(first at line 6, column 7, written 1\)/);
  });
});
