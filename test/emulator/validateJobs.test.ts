// Architect's validate jobs on the emulator (POST /api/v2/flows/validate/jobs, GET .../{jobId}) and
// the org's read of them (org/validateJobs.ts): a flow is validated as the org is now, publishing
// nothing; a queue the flow's version resolved when it was published and the org has lost since is
// an error naming it, while a name the org file never had stays the publish's warning; a job is
// 202 while it runs (the completion delay fault) and 200 once it ends; the request is refused with
// the spec's error codes.
import { OrgApi } from "../../org/client";
import { validateFlow, validateFlows } from "../../org/validateJobs";
import type { RunningEmulator } from "../../emulator/server";
import { call, publishOk, withEmulator } from "../../testkit/emulator";
import { inboundCallYaml } from "../../testkit/archyFlows";

const TO_SUPPORT =
  "\n          - transferToAcd:\n              name: To support\n              targetQueue:\n                lit:\n                  name: Support";
const TO_RETURNS =
  "\n          - transferToAcd:\n              name: To returns\n              targetQueue:\n                lit:\n                  name: Returns";

interface JobState {
  id: string;
  status: string;
  command: string;
  messages: Array<{ type: string; text: string }>;
}

async function register(emu: RunningEmulator, body: unknown) {
  return call<{ id: string; status: string; totalFlows: number; code?: string; message?: string }>(
    `${emu.url}/api/v2/flows/validate/jobs`,
    {
      method: "POST",
      token: emu.accessToken,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    },
  );
}

const poll = (emu: RunningEmulator, id: string, expand = true) =>
  call<JobState>(`${emu.url}/api/v2/flows/validate/jobs/${id}${expand ? "?expand=messages" : ""}`, {
    token: emu.accessToken,
  });

const api = (emu: RunningEmulator) => new OrgApi(emu.url, emu.accessToken, { sleep: async () => undefined });

it("validates a flow as the org is now: a queue deleted since the publish is an error naming it; nothing is published", async () => {
  await withEmulator({ org: { queues: ["Sales", "Support"] } }, async (emu) => {
    const flowId = (await publishOk(emu, inboundCallYaml("Help", TO_SUPPORT))).flow.id;
    const jobsBefore = emu.jobs.count();

    const clean = await validateFlow(api(emu), flowId);
    expect(clean).toEqual({ flowId, status: "Success", messages: [] });

    emu.setOrg({ queues: ["Sales"] });
    const broken = await validateFlow(api(emu), flowId);
    expect(broken.status).toBe("Failure");
    expect(broken.messages).toHaveLength(1);
    expect(broken.messages[0].type).toBe("Error");
    expect(broken.messages[0].text).toMatch(
      /^Flow "Help": rule unknown-org-object: targetQueue "Support": the org has no queue of that name/,
    );
    expect(broken.messages[0].text).toContain(
      "the org had it when version 1.0 was published (at inboundCall.tasks[0].task.actions[0]",
    );

    // Validating published nothing: no publish job, the flow still at version 1.0.
    expect(emu.jobs.count()).toBe(jobsBefore);
    expect(emu.store.getFlow(flowId)?.versions.map((v) => v.id)).toEqual(["1.0"]);
    expect(emu.requestLog.list().filter((e) => e.operation === "validate.create")).toHaveLength(2);
  });
});

it("a name the org never had when the flow was published stays a warning (the org file may be incomplete)", async () => {
  await withEmulator({ org: { queues: ["Sales"] } }, async (emu) => {
    const flowId = (await publishOk(emu, inboundCallYaml("Help", TO_RETURNS))).flow.id;
    const [result] = await validateFlows(api(emu), [flowId]);
    expect(result.status).toBe("Success");
    expect(result.messages.map((m) => m.type)).toEqual(["Warning"]);
    expect(result.messages[0].text).toContain('targetQueue "Returns": the org has no queue of that name');
    expect(result.messages[0].text).not.toContain("the org had it");
  });
});

it("answers 202 while the job runs and 200 once it ended; messages only with expand=messages", async () => {
  await withEmulator({ org: { queues: ["Sales"] } }, async (emu) => {
    const flowId = (await publishOk(emu, inboundCallYaml("Help", TO_RETURNS))).flow.id;
    emu.setFaults({ jobCompletionDelayMs: 400 });
    const created = await register(emu, { flows: [{ flow: { id: flowId } }] });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      status: "Registered",
      totalFlows: 1,
      selfUri: `/api/v2/flows/validate/jobs/${created.body.id}`,
    });
    const running = await poll(emu, created.body.id);
    expect([running.status, running.body.status, running.body.command]).toEqual([202, "Started", "Validate"]);
    await new Promise((r) => setTimeout(r, 450));
    const bare = await poll(emu, created.body.id, false);
    expect([bare.status, bare.body.status, bare.body.messages]).toEqual([200, "Success", []]);
    expect((await poll(emu, created.body.id)).body.messages.map((m) => m.type)).toEqual(["Warning"]);
  });
});

it("finds a flow by name and type, validates a version it names, and fails on a flow the org does not have", async () => {
  await withEmulator({ org: { queues: ["Sales", "Support"] } }, async (emu) => {
    const flowId = (await publishOk(emu, inboundCallYaml("Help", TO_SUPPORT))).flow.id;
    await publishOk(emu, inboundCallYaml("Help", TO_RETURNS));
    const job = await register(emu, {
      flows: [
        { flow: { name: "Help", type: "INBOUNDCALL", version: "1.0" } },
        { flow: { id: "00000000-0000-4000-8000-000000000000" } },
      ],
    });
    expect(job.body.totalFlows).toBe(2);
    const done = await poll(emu, job.body.id);
    expect(done.body.status).toBe("Failure");
    // Version 1.0 transfers to Support, which the org has: only the missing flow is an error.
    expect(done.body.messages.map((m) => `${m.type} ${m.text}`)).toEqual([
      "Error Flow 00000000-0000-4000-8000-000000000000: the org has no such flow",
    ]);
    // Its published version (2.0) names Returns, which the org never had: a warning.
    expect((await validateFlow(api(emu), flowId)).messages.map((m) => m.type)).toEqual(["Warning"]);
  });
});

it("refuses a request the spec calls invalid with its error codes, and an unknown job with 404", async () => {
  await withEmulator({}, async (emu) => {
    const cases: Array<[unknown, string]> = [
      [{}, "bad.request"],
      [{ flows: [] }, "archy.validate.invalid.flows.length"],
      [{ flows: [null] }, "archy.validate.item.cannot.be.null"],
      [{ flows: [{}] }, "archy.validate.missing.flow"],
      [{ flows: [{ flow: { name: "Help" } }] }, "archy.validate.cannot.id.flow"],
      [{ flows: [{ flow: { name: "Help", type: "inboundcall" } }] }, "invalid.value"],
      [{ flows: [{ flow: { id: 7 } }] }, "bad.request"],
    ];
    for (const [body, code] of cases) {
      const answer = await register(emu, body);
      expect({ body, status: answer.status, code: answer.body.code }).toEqual({ body, status: 400, code });
    }
    const unknown = await poll(emu, "no-such-job");
    expect([unknown.status, (unknown.body as unknown as { code: string }).code]).toEqual([
      404,
      "general.resource.not.found",
    ]);
  });
});
