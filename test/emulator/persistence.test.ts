import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CorruptDataFileError, loadState } from "../../emulator/persistence";
import { startEmulator } from "../../emulator/server";
import { call, publish } from "../../testkit/emulator";
import { commonModuleYaml, inboundCallYaml } from "../../testkit/archyFlows";

const REPO = path.resolve(__dirname, "../..");

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "genesys-emulator-"));
}

/** Start the CLI in a child process and resolve with its URL once it is listening. */
function startCli(dataFile: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/genesys-flows", "emulator", "--port", "0", "--data", dataFile], {
      cwd: REPO,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    // A loaded machine starts node slowly; a CLI that never listens is killed, not left running.
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`CLI did not start in 60 s: ${err}`));
    }, 60_000);
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited with ${code}: ${err}`));
    });
  });
}

describe("persistence", () => {
  it("a restart with the same data file sees the same flows, ids and versions", async () => {
    const dir = tempDir();
    const dataFile = path.join(dir, "org.json");
    const first = await startEmulator({ dataFile });
    let moduleId: string, flowId: string;
    try {
      moduleId = (await publish(first, commonModuleYaml("Persisted Module"))).flow!.id;
      await publish(first, inboundCallYaml("dev-Persisted", "", "Persisted Module"));
      flowId = (await publish(first, inboundCallYaml("dev-Persisted", "", "Persisted Module"))).flow!.id;
      const deleted = (await publish(first, inboundCallYaml("dev-Deleted"))).flow!.id;
      await call(`${first.url}/api/v2/flows/${deleted}`, { method: "DELETE", token: first.accessToken });
    } finally {
      await first.stop();
    }
    const second = await startEmulator({ dataFile });
    try {
      const flow = await call<{ id: string; name: string; publishedVersion: { id: string } }>(
        `${second.url}/api/v2/flows/${flowId}?deleted=false`,
        {
          token: second.accessToken,
        },
      );
      expect(flow.body).toEqual(
        expect.objectContaining({
          id: flowId,
          name: "dev-Persisted",
          publishedVersion: expect.objectContaining({ id: "2.0" }),
        }),
      );
      const del = await call(`${second.url}/api/v2/flows/${moduleId}`, { method: "DELETE", token: second.accessToken });
      expect(del.status).toBe(409); // dependencies survive the restart
      const third = await publish(second, inboundCallYaml("dev-Persisted", "", "Persisted Module"));
      expect(third.flow!.id).toBe(flowId);
      const list = await call<{ total: number }>(`${second.url}/api/v2/flows?name=dev-&pageSize=500`, {
        token: second.accessToken,
      });
      expect(list.body.total).toBe(1); // the deleted flow stays deleted
    } finally {
      await second.stop();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a missing file is an empty org; a corrupt file is a clear error", async () => {
    const dir = tempDir();
    expect(loadState(path.join(dir, "absent.json")).flows).toEqual([]);
    const corrupt = path.join(dir, "corrupt.json");
    fs.writeFileSync(corrupt, '{"formatVersion":1,"flows":[{"id":');
    expect(() => loadState(corrupt)).toThrow(CorruptDataFileError);
    expect(() => loadState(corrupt)).toThrow(/corrupt\.json is corrupt: not valid JSON/);
    fs.writeFileSync(corrupt, '{"formatVersion":1,"flows":[{"id":1}],"pendingLocks":[]}');
    expect(() => loadState(corrupt)).toThrow(/unexpected content at flows\.0\.id/);
    await expect(startEmulator({ dataFile: corrupt })).rejects.toThrow(CorruptDataFileError);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("SIGKILL during a stream of publishes never corrupts the data file", async () => {
    const dir = tempDir();
    const dataFile = path.join(dir, "org.json");
    let published = 0;
    for (let round = 0; round < 3; round++) {
      const { child, url } = await startCli(dataFile);
      const exited = new Promise((r) => child.on("exit", r));
      const emu = { url, accessToken: "local-emulator-token" } as Parameters<typeof publish>[0];
      let stop = false;
      const workers = Array.from({ length: 4 }, async (_, w) => {
        for (let i = 0; !stop; i++) {
          try {
            const job = await publish(emu, inboundCallYaml(`dev-Kill-${round}-${w}-${i % 5}`));
            if (job.status === "Success") published++;
          } catch {
            return; // the server was killed
          }
        }
      });
      // The kill lands mid-stream after this round's first publish (however slow the machine), a
      // little later each round.
      const before = published;
      let ended = false;
      void Promise.all(workers).then(() => (ended = true));
      while (published === before && !ended) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 50 + round * 137));
      child.kill("SIGKILL");
      stop = true;
      await Promise.all(workers);
      await exited;
      const state = loadState(dataFile); // throws if corrupt
      expect(state.formatVersion).toBe(1);
    }
    expect(published).toBeGreaterThan(0);
    const emu = await startEmulator({ dataFile });
    try {
      expect(emu.store.listFlows().length).toBeGreaterThan(0);
    } finally {
      await emu.stop();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
