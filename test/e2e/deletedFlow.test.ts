// A flow deleted in the org by a person (issue 50, "hints are commands that work as printed"):
// Genesys answers 410 for a deleted flow and the provider forgets a flow from the state only on 404,
// so `npm start -- --refresh` fails on it (preview: "failed to read flow ...: API Error: 410") and a
// plain `npm start` leaves it gone. verify reports the deletion with the command that repairs it
// (forget the flow's id in the stack's state, then deploy); run as printed, it publishes the flow
// again under its name and verify is clean. Real engine, real provider, emulator.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { documented, excerpt } from "../../testkit/docOutputs";
import { createProject, publishedFlows, runCli, type E2eProject, type ToolRun } from "../../testkit/harness";
import { PUBLISHED as N } from "../../testkit/fixtures";
import { call } from "../../testkit/emulator";

jest.setTimeout(20 * 60_000);

let p: E2eProject;
const LOG = process.env.DELETED_TRANSCRIPT;
const note = (text: string) => LOG && fs.appendFileSync(LOG, text);
const tool = async (args: string[]): Promise<ToolRun> => {
  const r = await runCli(p, args);
  note(`\n$ genesys-flows ${args.join(" ")}  (exit ${r.code})\n${r.stdout}${r.stderr}`);
  return r;
};
/** A printed command, run as a person pastes it: bash in the project, the test's file backend. */
function shell(command: string): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", command], {
      cwd: p.dir,
      env: { ...process.env, PULUMI_BACKEND_URL: `file://${path.join(p.dir, ".work/state")}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      note(`\n$ ${command}  (exit ${code})\n${stdout}${stderr}`);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  p = await createProject();
});

afterAll(async () => {
  await p?.cleanup();
});

let deletedId = "";
let fix = "";

it("1. up deploys; a person deletes local-Direct in the org (410 from then on)", async () => {
  const up = await tool(["up", "--stack", "local"]);
  expect(up.code).toBe(0);
  deletedId = publishedFlows(p.emulator).get(N.direct)!.id;
  expect(
    (await call(`${p.emulator.url}/api/v2/flows/${deletedId}`, { method: "DELETE", token: p.emulator.accessToken }))
      .status,
  ).toBe(204);
  expect((await call(`${p.emulator.url}/api/v2/flows/${deletedId}`, { token: p.emulator.accessToken })).status).toBe(
    410,
  );
});

it("2. verify reports it deleted, with a command that does not rely on --refresh", async () => {
  const v = await tool(["verify", "--stack", "local"]);
  expect(v.code).toBe(1);
  const line = v.stdout.split("\n").find((l) => l.includes("[flow-missing]")) ?? "";
  expect(line).toContain(
    `error   [flow-missing] ${N.direct} (flows/calls/direct.yaml): the org has no published flow ${deletedId}`,
  );
  fix = /Fix: (npm run pulumi -- state delete '[^']+' --stack local --yes && npm start) \(/.exec(line)?.[1] ?? "";
  expect(fix).toContain("genesyscloud:index/flow:Flow::calls/direct'");
  expect(line).not.toContain("--refresh");
  // Its missing module dependency is the same deletion: one error, not two.
  expect(v.stdout).not.toContain("[missing-dependency]");
  documented("people/deleted-verify", `$ npm run verify -- --stack local\n${line}`);
});

it("3. the old hint fails: npm start -- --refresh cannot read the deleted flow", async () => {
  const r = await tool(["up", "--stack", "local", "--refresh"]);
  expect(r.code).not.toBe(0);
  expect(r.stdout + r.stderr).toContain(`failed to read flow ${deletedId}: API Error: 410`);
  documented(
    "people/deleted-refresh",
    `$ npm run up -- --stack local --refresh\n${excerpt(r.stdout + r.stderr, `failed to read flow ${deletedId}`)}`,
  );
});

it("4. the printed command, as printed, publishes the flow again under its name; verify is clean", async () => {
  const r = await shell(fix);
  expect({ code: r.code, tail: r.code === 0 ? "" : (r.stdout + r.stderr).slice(-5000) }).toEqual({ code: 0, tail: "" });
  const again = publishedFlows(p.emulator).get(N.direct);
  expect(again?.id).toBeDefined();
  expect(again!.id).not.toBe(deletedId);
  const v = await tool(["verify", "--stack", "local"]);
  expect({ code: v.code, out: v.stdout }).toEqual({
    code: 0,
    out: expect.not.stringMatching(/\[(flow-missing|missing-dependency|drift)\]/),
  });
});
