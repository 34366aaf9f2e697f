// The compiled Archy of every example flow publishes on the emulator, for every stack, through the
// provider's HTTP sequence (job, presigned upload without auth, poll with expand=messages): the
// module first, then the callers, each of which must call the module by its published name.
import { createHash } from "crypto";
import { readFileSync } from "fs";
import { join } from "path";
import YAML from "yaml";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { buildFlowSet, type FlowSet, type PlannedFlow } from "../../components/flowSet";
import { parseStackConfig } from "../../components/stackConfig";

const ROOT = join(__dirname, "..", "..");
const STACKS = ["local", "dev", "prod"] as const;

interface Job {
  id: string;
  status: string;
  flow?: { id: string; name?: string };
  messages: Array<{ dateTime: string; type: string; text: string }>;
}

function flowSetOf(stack: string): FlowSet {
  const source = `Pulumi.${stack}.yaml`;
  const config = parseStackConfig(YAML.parse(readFileSync(join(ROOT, source), "utf8")).config, source);
  return buildFlowSet(config, (file) => readFileSync(join(ROOT, file), "utf8"));
}

async function api<T>(emu: RunningEmulator, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${emu.url}${path}`, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${emu.accessToken}` },
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${init.method ?? "GET"} ${path} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** The provider's publish: create a job, PUT the text to the presigned URL (no auth), poll until final. */
async function publish(emu: RunningEmulator, text: string): Promise<Job> {
  const job = await api<{ id: string; presignedUrl: string; headers: Record<string, string> }>(emu, "/api/v2/flows/jobs", { method: "POST" });
  expect(job.presignedUrl.startsWith(`${emu.url}/uploads/`)).toBe(true);
  const upload = await fetch(job.presignedUrl, { method: "PUT", headers: job.headers, body: text });
  const uploadText = await upload.text();
  if (upload.status !== 200) throw new Error(`upload answered ${upload.status}: ${uploadText}`);
  for (let i = 0; i < 400; i++) {
    const polled = await api<Job>(emu, `/api/v2/flows/jobs/${job.id}?expand=messages`);
    if (polled.status === "Success" || polled.status === "Failure") return polled;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`job ${job.id} never completed`);
}

/** Every `callCommonModule.commonModule` key in a parsed Archy document. */
function calledModules(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => calledModules(n, found));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "callCommonModule") {
        const target = (value as { commonModule?: Record<string, unknown> }).commonModule;
        found.push(...Object.keys(target ?? {}));
      }
      calledModules(value, found);
    }
  }
  return found;
}

interface Configuration {
  flowId: string;
  name: string;
  type: string;
  versionId: string;
  sha256: string;
  text: string;
  document: Record<string, unknown> | null;
}

describe("the example flows publish on the emulator", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 });
  });
  afterAll(async () => {
    await emu.stop();
  });

  it.each(STACKS)("stack %s: module then callers publish with Success, and every caller calls the module", async (stack) => {
    emu.reset();
    expect(emu.state().flows).toEqual([]);
    const set = flowSetOf(stack);
    const modulePublished = `${stack}-VerifyCaller`;
    expect(set.module.publishedName).toBe(modulePublished);
    expect(set.inboundFlows.map((f) => f.publishedName)).toEqual([`${stack}-Sales`, `${stack}-Support`, `${stack}-Billing`]);

    const warnings: string[] = [];
    const published = new Map<string, string>(); // published name -> flow id
    const publishChecked = async (plan: PlannedFlow): Promise<string> => {
      const job = await publish(emu, plan.substitutedYaml);
      const errors = job.messages.filter((m) => m.type === "Error").map((m) => m.text);
      expect({ flow: plan.publishedName, status: job.status, errors }).toEqual({ flow: plan.publishedName, status: "Success", errors: [] });
      expect(job.messages.every((m) => m.type === "Warning" || m.type === "Error")).toBe(true);
      warnings.push(...job.messages.filter((m) => m.type === "Warning").map((m) => m.text));
      expect(job.flow?.id).toMatch(/^[0-9a-f-]{36}$/);
      const flow = await api<{ id: string; name: string; type: string; publishedVersion: { id: string } }>(emu, `/api/v2/flows/${job.flow!.id}?deleted=false`);
      expect(flow.name).toBe(plan.publishedName);
      expect(flow.publishedVersion.id).toBe("1.0");
      published.set(plan.publishedName, job.flow!.id);
      return job.flow!.id;
    };

    const moduleId = await publishChecked(set.module);
    const moduleFlow = await api<{ type: string; compatibleFlowTypes?: string[] }>(emu, `/api/v2/flows/${moduleId}`);
    expect(moduleFlow.type).toBe("COMMONMODULE");

    for (const plan of set.inboundFlows) {
      const id = await publishChecked(plan);
      const flow = await api<{ type: string }>(emu, `/api/v2/flows/${id}`);
      expect(flow.type).toBe("INBOUNDCALL");

      // The published version records the module it snapshotted ...
      const versions = await api<{ entities: Array<{ id: string; sha256: string; dependencies: Array<{ id: string; name: string; type: string; version: string }> }> }>(
        emu,
        `/api/v2/flows/${id}/versions`,
      );
      expect(versions.entities.map((v) => v.id)).toEqual(["1.0"]);
      expect(versions.entities[0].dependencies).toEqual([expect.objectContaining({ id: moduleId, name: modulePublished, version: "1.0" })]);
      expect(versions.entities[0].sha256).toBe(createHash("sha256").update(plan.substitutedYaml).digest("hex"));

      // ... and its configuration is exactly the compiled text, calling the module by its published name.
      const config = await api<Configuration>(emu, `/api/v2/flows/${id}/versions/1.0/configuration`);
      expect(config.name).toBe(plan.publishedName);
      expect(config.text).toBe(plan.substitutedYaml);
      expect(config.document).not.toBeNull();
      const subflows = Object.values(plan.model.nodes).filter((n) => n.type === "subflow").length;
      expect(subflows).toBeGreaterThanOrEqual(1);
      expect(calledModules(config.document)).toEqual(Array(subflows).fill(modulePublished));
      expect(config.text).not.toMatch(/\{\{[A-Za-z0-9_.-]+\}\}/);
    }

    // The org holds exactly the four flows, the callers depending on the module.
    const state = emu.state();
    expect(state.flows.map((f) => [f.name, f.type, f.deleted, f.versionCount, f.dependsOn]).sort()).toEqual(
      [
        [modulePublished, "COMMONMODULE", false, 1, []],
        [`${stack}-Sales`, "INBOUNDCALL", false, 1, [modulePublished]],
        [`${stack}-Support`, "INBOUNDCALL", false, 1, [modulePublished]],
        [`${stack}-Billing`, "INBOUNDCALL", false, 1, [modulePublished]],
      ].sort(),
    );
    // A module its callers use cannot be deleted: the emulator saw the calls.
    const del = await fetch(`${emu.url}/api/v2/flows/${moduleId}`, { method: "DELETE", headers: { Authorization: `Bearer ${emu.accessToken}` } });
    expect(del.status).toBe(409);
    await del.text();

    // Warnings are expected: queue names are references the emulator does not model, one per transfer.
    const transfers = set.inboundFlows.flatMap((f) => Object.values(f.model.nodes).filter((n) => n.type === "transferToQueue")).length;
    expect(transfers).toBe(6);
    expect(warnings).toHaveLength(transfers);
    for (const w of warnings) expect(w).toMatch(/^Flow "[a-z]+-(Sales|Support|Billing)": rule unmodelled-reference: targetQueue "[^"]+" /);
    console.log(`stack ${stack}: ${warnings.length} Warning message(s) over ${published.size} flows${warnings.length ? `\n  ${warnings.join("\n  ")}` : ""}`);
  });

  it("order matters: a caller published before its module fails on the emulator", async () => {
    emu.reset();
    const set = flowSetOf("dev");
    const job = await publish(emu, set.inboundFlows[0].substitutedYaml);
    expect(job.status).toBe("Failure");
    expect(job.messages.filter((m) => m.type === "Error").map((m) => m.text).join("\n")).toMatch(/unknown-common-module.*dev-VerifyCaller/);
  });
});
