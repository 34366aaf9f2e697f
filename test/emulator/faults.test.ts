import { startEmulator } from "../../emulator/server";
import { FaultInjector } from "../../emulator/faults";
import { call, type JobState, publish, withEmulator } from "../../testkit/emulator";
import { commonModuleYaml, inboundCallYaml } from "../../testkit/archyFlows";

describe("fault injection", () => {
  it("answers a share of requests 429 with Retry-After, reproducibly from the seed", async () => {
    const statuses = async (): Promise<number[]> =>
      withEmulator({ faults: { rateLimitShare: 0.5, retryAfterSeconds: 1, seed: 42 } }, async (emu) => {
        const out: number[] = [];
        for (let i = 0; i < 20; i++) {
          const res = await call(`${emu.url}/api/v2/organizations/me`, { token: emu.accessToken });
          out.push(res.status);
          if (res.status === 429) {
            expect(res.headers.get("retry-after")).toBe("1");
            expect(res.body).toEqual(expect.objectContaining({ status: 429, code: "too.many.requests" }));
          }
        }
        expect(emu.requestLog.list().filter((e) => e.fault === "rate-limit").length).toBe(
          out.filter((s) => s === 429).length,
        );
        return out;
      });
    const first = await statuses();
    expect(first).toContain(429);
    expect(first).toContain(200);
    expect(await statuses()).toEqual(first);
    // same sequence as the injector alone
    const injector = new FaultInjector({ rateLimitShare: 0.5, seed: 42 });
    expect(first.map((s) => s === 429)).toEqual(first.map(() => injector.draw()?.kind === "rate-limit"));
  });

  it("answers 503 when asked, set through the admin endpoint, and never faults admin or upload paths", async () => {
    await withEmulator({}, async (emu) => {
      const put = await call(`${emu.url}/__emulator/faults`, {
        method: "PUT",
        token: emu.accessToken,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ unavailableShare: 1 }),
      });
      expect(put.status).toBe(200);
      const res = await call(`${emu.url}/api/v2/organizations/me`, { token: emu.accessToken });
      expect(res.status).toBe(503);
      expect(res.body).toEqual(expect.objectContaining({ status: 503 }));
      const token = await call(`${emu.url}/oauth/token`, { method: "POST" });
      expect(token.status).toBe(503);
      const state = await call(`${emu.url}/__emulator/state`, { token: emu.accessToken });
      expect(state.status).toBe(200);
      const invalid = await call(`${emu.url}/__emulator/faults`, {
        method: "PUT",
        token: emu.accessToken,
        body: JSON.stringify({ rateLimitShare: 2 }),
      });
      expect(invalid.status).toBe(400);
      await call(`${emu.url}/__emulator/faults`, { method: "PUT", token: emu.accessToken, body: "{}" });
      expect((await call(`${emu.url}/api/v2/organizations/me`, { token: emu.accessToken })).status).toBe(200);
    });
  });

  it("adds fixed latency", async () => {
    await withEmulator({ faults: { latencyMs: 150 } }, async (emu) => {
      const started = Date.now();
      await call(`${emu.url}/api/v2/organizations/me`, { token: emu.accessToken });
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(emu.requestLog.list()[0].durationMs).toBeGreaterThanOrEqual(140);
    });
  });

  it("keeps slow jobs Started, their flow not listed, then Success", async () => {
    await withEmulator({ faults: { jobCompletionDelayMs: 300 } }, async (emu) => {
      const job = await call<{ id: string; presignedUrl: string }>(`${emu.url}/api/v2/flows/jobs`, {
        method: "POST",
        token: emu.accessToken,
      });
      await (await fetch(job.body.presignedUrl, { method: "PUT", body: inboundCallYaml("dev-Slow") })).text();
      const first = await call<JobState>(`${emu.url}/api/v2/flows/jobs/${job.body.id}?expand=messages`, {
        token: emu.accessToken,
      });
      expect(first.body.status).toBe("Started");
      expect(first.body.flow).toBeUndefined();
      // Not found by name while its job runs (project/assumptions.yaml publishVisibility).
      const listed = () =>
        call<{ entities: unknown[] }>(`${emu.url}/api/v2/flows?name=dev-Slow`, {
          token: emu.accessToken,
        });
      expect((await listed()).body.entities).toEqual([]);
      await new Promise((r) => setTimeout(r, 350));
      const done = await call<JobState>(`${emu.url}/api/v2/flows/jobs/${job.body.id}?expand=messages`, {
        token: emu.accessToken,
      });
      expect(done.body.status).toBe("Success");
      expect(done.body.flow?.id).toEqual(expect.any(String));
      expect((await listed()).body.entities).toHaveLength(1);
    });
  });

  it("fails the job of a named flow with the configured message", async () => {
    await withEmulator(
      { faults: { jobFailures: [{ flowName: "dev-Doomed", message: "Architect is on fire" }] } },
      async (emu) => {
        const job = await publish(emu, inboundCallYaml("dev-Doomed"));
        expect(job.status).toBe("Failure");
        expect(job.messages.map((m) => m.text).join("\n")).toContain(
          'Flow "dev-Doomed": rule injected-failure: Architect is on fire',
        );
        expect((await publish(emu, inboundCallYaml("dev-Fine"))).status).toBe("Success");
      },
    );
  });

  it("locks a flow by another user: publish and delete fail until unlocked", async () => {
    await withEmulator({}, async (emu) => {
      const first = await publish(emu, inboundCallYaml("dev-Locked"));
      const id = first.flow!.id;
      emu.setFaults({ locks: [{ flowName: "dev-Locked", userName: "Jane Architect" }] });
      const flow = await call<{ lockedUser?: { name: string } }>(`${emu.url}/api/v2/flows/${id}?deleted=false`, {
        token: emu.accessToken,
      });
      expect(flow.body.lockedUser?.name).toBe("Jane Architect");
      const blocked = await publish(emu, inboundCallYaml("dev-Locked"));
      expect(blocked.status).toBe("Failure");
      expect(blocked.messages[0].text).toMatch(
        /rule flow-locked: dev-Locked \(type: .inboundcall. \) is locked by another entity\. You can use the --forceUnlock command line parameter if you wish to publish flows locked by another entity\. Locked by Jane Architect/,
      );
      const del = await call<{ message: string }>(`${emu.url}/api/v2/flows/${id}`, {
        method: "DELETE",
        token: emu.accessToken,
      });
      expect(del.status).toBe(409);
      expect(del.body.message).toContain("locked by Jane Architect");
      const unlocked = await call<{ lockedUser?: unknown }>(`${emu.url}/api/v2/flows/actions/unlock?flow=${id}`, {
        method: "POST",
        token: emu.accessToken,
      });
      expect(unlocked.status).toBe(200);
      expect(unlocked.body.lockedUser).toBeUndefined();
      const ok = await publish(emu, inboundCallYaml("dev-Locked"));
      expect(ok.status).toBe("Success");
      expect(ok.flow!.id).toBe(id);
      expect(
        (
          await fetch(`${emu.url}/api/v2/flows/${id}`, {
            method: "DELETE",
            headers: { authorization: `Bearer ${emu.accessToken}` },
          })
        ).status,
      ).toBe(204);
    });
  });

  it("a lock set before the flow exists applies when it is first published", async () => {
    const emu = await startEmulator({ faults: { locks: [{ flowName: "dev-Later" }] } });
    try {
      const job = await publish(emu, inboundCallYaml("dev-Later"));
      expect(job.status).toBe("Success");
      const again = await publish(emu, inboundCallYaml("dev-Later"));
      expect(again.status).toBe("Failure");
      expect(again.messages[0].text).toContain("rule flow-locked");
    } finally {
      await emu.stop();
    }
  });

  it("refuses to delete a common module a published flow uses (409), until the caller is gone", async () => {
    await withEmulator({}, async (emu) => {
      const module = await publish(emu, commonModuleYaml("Lookup Module"));
      const caller = await publish(emu, inboundCallYaml("dev-Caller", "", "Lookup Module"));
      expect(caller.status).toBe("Success");
      const del = await call<{ message: string; code: string; status: number }>(
        `${emu.url}/api/v2/flows/${module.flow!.id}`,
        {
          method: "DELETE",
          token: emu.accessToken,
        },
      );
      expect(del.status).toBe(409);
      expect(del.body.message).toContain('Common module "Lookup Module"');
      expect(del.body.message).toContain('"dev-Caller" (INBOUNDCALL');
      await call(`${emu.url}/api/v2/flows/${caller.flow!.id}`, { method: "DELETE", token: emu.accessToken });
      const retry = await fetch(`${emu.url}/api/v2/flows/${module.flow!.id}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${emu.accessToken}` },
      });
      expect(retry.status).toBe(204);
    });
  });
});
