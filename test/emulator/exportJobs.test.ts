// Architect export jobs, the way the provider's exporter uses them: register a job for a flow
// (optionally a version), poll it with expand=messages until Success, then GET its download URL
// without an Authorization header (it carries its own token) to receive the flow's Archy YAML, or
// for a job of several flows one zip of their files.
import { strFromU8, unzipSync } from "fflate";
import { call, publish, publishOk, withEmulator } from "../../testkit/emulator";
import { inboundCallYaml } from "../../testkit/archyFlows";

interface ExportState {
  id: string;
  status: string;
  command: string;
  downloadUrl?: string;
  messages: Array<{ type: string; text: string }>;
  selfUri: string;
}

describe("flow export jobs", () => {
  it("export a flow's published version as Archy YAML through a signed download URL", async () => {
    await withEmulator({}, async (emu) => {
      const token = emu.accessToken;
      const first = await publish(emu, inboundCallYaml("dev-Export"));
      const second = await publish(
        emu,
        inboundCallYaml("dev-Export", "\n          - disconnect:\n              name: Again"),
      );
      expect(second.flow!.id).toBe(first.flow!.id);
      const flowId = first.flow!.id;

      const created = await call<{ id: string; status: string; totalFlows: number; selfUri: string }>(
        `${emu.url}/api/v2/flows/export/jobs`,
        {
          method: "POST",
          token,
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ flows: [{ flow: { id: flowId } }] }),
        },
      );
      expect(created.status).toBe(200);
      expect(created.body).toEqual({
        id: expect.any(String),
        status: "Started",
        totalFlows: 1,
        selfUri: `/api/v2/flows/export/jobs/${created.body.id}`,
      });
      const polled = await call<ExportState>(`${emu.url}/api/v2/flows/export/jobs/${created.body.id}?expand=messages`, {
        token,
      });
      expect(polled.body).toEqual(
        expect.objectContaining({
          id: created.body.id,
          status: "Success",
          command: "Export",
          messages: [],
          downloadUrl: expect.stringMatching(/\/downloads\//),
        }),
      );
      const download = await fetch(polled.body.downloadUrl!);
      expect(download.status).toBe(200);
      expect(await download.text()).toBe(
        inboundCallYaml("dev-Export", "\n          - disconnect:\n              name: Again"),
      );

      // A named version, and a URL with a wrong token.
      const v1 = await call<{ id: string }>(`${emu.url}/api/v2/flows/export/jobs`, {
        method: "POST",
        token,
        body: JSON.stringify({ flows: [{ flow: { id: flowId, version: "1.0" } }] }),
      });
      const v1State = await call<ExportState>(`${emu.url}/api/v2/flows/export/jobs/${v1.body.id}`, { token });
      expect(await (await fetch(v1State.body.downloadUrl!)).text()).toBe(inboundCallYaml("dev-Export"));
      expect(
        (await fetch(v1State.body.downloadUrl!.replace(/downloadToken=[0-9a-f]+/, "downloadToken=00"))).status,
      ).toBe(403);

      const ops = emu.requestLog.list().map((e) => e.operation);
      expect(ops.filter((o) => o === "export.create").length).toBe(2);
      expect(ops.filter((o) => o === "export.poll").length).toBe(2);
      expect(ops.filter((o) => o === "export.download").length).toBe(3);
    });
  });

  it("exports a flow named by name and type, as ArchitectFlowReference allows", async () => {
    await withEmulator({}, async (emu) => {
      const token = emu.accessToken;
      await publishOk(emu, inboundCallYaml("Sales"));
      const created = await call<{ id: string }>(`${emu.url}/api/v2/flows/export/jobs`, {
        method: "POST",
        token,
        body: JSON.stringify({ flows: [{ flow: { name: "Sales", type: "INBOUNDCALL" }, exportType: "Yaml" }] }),
      });
      const polled = await call<ExportState>(`${emu.url}/api/v2/flows/export/jobs/${created.body.id}?expand=messages`, {
        token,
      });
      expect(polled.body.status).toBe("Success");
      expect(await (await fetch(polled.body.downloadUrl!)).text()).toContain("name: Sales");
    });
  });

  it("exports several flows as one zip, one file per item (its fileName or the flow's name, a repeated name numbered); one unknown flow fails the job", async () => {
    await withEmulator({}, async (emu) => {
      const token = emu.accessToken;
      await publishOk(emu, inboundCallYaml("Sales"));
      const support = (await publishOk(emu, inboundCallYaml("Support"))).flow!.id;
      const register = (flows: unknown[]) =>
        call<{ id: string; totalFlows: number }>(`${emu.url}/api/v2/flows/export/jobs`, {
          method: "POST",
          token,
          body: JSON.stringify({ flows }),
        });
      const created = await register([
        { flow: { name: "Sales", type: "INBOUNDCALL" } },
        { flow: { id: support }, fileName: "support_line" },
        { flow: { id: support, version: "1.0" } },
        { flow: { name: "Sales", type: "INBOUNDCALL" } },
      ]);
      expect(created.body.totalFlows).toBe(4);
      const polled = await call<ExportState>(`${emu.url}/api/v2/flows/export/jobs/${created.body.id}?expand=messages`, {
        token,
      });
      expect(polled.body.status).toBe("Success");
      const download = await fetch(polled.body.downloadUrl!);
      expect(download.headers.get("content-type")).toBe("application/zip");
      const files = unzipSync(new Uint8Array(await download.arrayBuffer()));
      expect(Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]))).toEqual({
        "Sales.yaml": inboundCallYaml("Sales"),
        "support_line.yaml": inboundCallYaml("Support"),
        "Support.yaml": inboundCallYaml("Support"),
        "Sales-2.yaml": inboundCallYaml("Sales"),
      });

      const failed = await register([
        { flow: { id: support } },
        { flow: { id: "no-such-flow" } },
        { flow: { id: support, version: "9.0" } },
      ]);
      const state = await call<ExportState>(`${emu.url}/api/v2/flows/export/jobs/${failed.body.id}?expand=messages`, {
        token,
      });
      expect(state.body.status).toBe("Failure");
      expect(state.body.downloadUrl).toBeUndefined();
      expect(state.body.messages.map((m) => m.text)).toEqual([
        "Flow no-such-flow not found",
        `Version 9.0 of flow Support (${support}) not found`,
      ]);
    });
  });

  it("a job for an unknown flow fails with a message; a malformed request is a 400", async () => {
    await withEmulator({}, async (emu) => {
      const token = emu.accessToken;
      const created = await call<{ id: string }>(`${emu.url}/api/v2/flows/export/jobs`, {
        method: "POST",
        token,
        body: JSON.stringify({ flows: [{ flow: { id: "no-such-flow" } }] }),
      });
      const polled = await call<ExportState>(`${emu.url}/api/v2/flows/export/jobs/${created.body.id}?expand=messages`, {
        token,
      });
      expect(polled.body.status).toBe("Failure");
      expect(polled.body.downloadUrl).toBeUndefined();
      expect(polled.body.messages).toEqual([
        expect.objectContaining({ type: "Error", text: "Flow no-such-flow not found" }),
      ]);
      // Refused with the error codes the spec documents for the route.
      const refusals: Array<[unknown, string]> = [
        [{}, "bad.request"],
        [{ flows: [] }, "archy.export.invalid.flows.length"],
        [{ flows: [{ flow: { id: "a" } }, null] }, "archy.export.item.cannot.be.null"],
        [{ flows: [null] }, "archy.export.item.cannot.be.null"],
        [{ flows: [{}] }, "archy.export.missing.flow"],
        [{ flows: [{ flow: {} }] }, "archy.export.cannot.id.flow"],
        [{ flows: [{ flow: { name: "Sales", type: "inboundcall" } }] }, "invalid.value"],
        [{ flows: [{ flow: { id: "a" }, fileName: "my flow.yaml" }] }, "archy.export.invalid.file.name"],
        [{ flows: [{ flow: { id: "a" }, exportType: "Zip" }] }, "invalid.value"],
      ];
      for (const [body, code] of refusals) {
        const bad = await call<{ code: string }>(`${emu.url}/api/v2/flows/export/jobs`, {
          method: "POST",
          token,
          body: JSON.stringify(body),
        });
        expect({ body, status: bad.status, code: bad.body.code }).toEqual({ body, status: 400, code });
      }
      expect((await call(`${emu.url}/api/v2/flows/export/jobs`, { method: "POST", body: "{}" })).status).toBe(401);
      expect((await call(`${emu.url}/api/v2/flows/export/jobs/nope`, { token })).status).toBe(404);
    });
  });
});
