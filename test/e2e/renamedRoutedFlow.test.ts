// A routed call flow renamed by a person in Architect (issue 50): the IVR config still routes to
// the stack's flow id, now under the person's name, and the stack's name is free. verify reports
// the rename with the command that fixes it; run as printed, that command makes the org carry the
// stack's flow under its name again with the IVR config routing to it, and verify is clean.
// Real engine, real provider, emulator (its people API: an ops client renames the flow).
import * as fs from "node:fs";
import * as YAML from "yaml";
import { documented, excerpt } from "../../testkit/docOutputs";
import { createProject, runCli, type E2eProject, type ToolRun } from "../../testkit/harness";
import { portfolioFiles, PUBLISHED as N } from "../../testkit/fixtures";
import { call, signIn } from "../../testkit/emulator";

jest.setTimeout(15 * 60_000);

const OPS = { id: "ops-client", secret: "ops-secret", name: "Ops Console" };
const RENAMED = "Direct (Dana's copy)";
const ROUTING = { "ivr/direct.yaml": YAML.stringify({ kind: "ivr", name: "Direct line", numbers: ["+13175550120"], flows: { open: "calls/direct" } }, { version: "1.2" }) };

let p: E2eProject;
const LOG = process.env.RENAME_TRANSCRIPT;
const tool = async (args: string[]): Promise<ToolRun> => {
  const r = await runCli(p, args);
  if (LOG) fs.appendFileSync(LOG, `\n$ genesys-flows ${args.join(" ")}  (exit ${r.code})\n${r.stdout}${r.stderr}`);
  return r;
};
const ok = (r: ToolRun): ToolRun => {
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${(r.stdout + r.stderr).slice(-6000)}`);
  return r;
};
const ivrFlow = () => p.emulator.store.routing.list("ivr").find((r) => r.fields.name === "local-Direct line")?.fields.openHoursFlow;
const active = (name: string) => p.emulator.store.listFlows().filter((f) => !f.deleted && f.name === name);

beforeAll(async () => {
  p = await createProject({ flows: portfolioFiles(), routing: ROUTING, emulator: { people: { clients: [OPS], users: [] } } });
});

afterAll(async () => {
  await p?.cleanup();
});

let stackId = "";

it("1. up deploys the flows and the IVR config routing to local-Direct", async () => {
  ok(await tool(["up", "--stack", "local"]));
  stackId = active(N.direct)[0].id;
  expect(ivrFlow()).toBe(stackId);
});

it("2. a person renames the routed flow in Architect: verify reports it with the command that fixes it", async () => {
  const token = await signIn(p.emulator, { clientId: OPS.id, clientSecret: OPS.secret });
  const r = await call(`${p.emulator.url}/api/v2/flows/${stackId}`, { method: "PUT", token, body: JSON.stringify({ name: RENAMED, type: "INBOUNDCALL" }), headers: { "content-type": "application/json" } });
  expect(r.status).toBe(200);
  const v = await tool(["verify", "--stack", "local"]);
  expect(v.stdout).toMatch(new RegExp(`warning +\\[renamed\\] ${N.direct} \\(flows/calls/direct.yaml\\): the flow the stack deployed as "${N.direct}" \\(id ${stackId}\\) is named "${RENAMED.replace(/[()]/g, "\\$&")}" in the org now`));
  expect(v.stdout).toContain(`Fix: npm start -- --refresh (the refresh reads the new name: the flow is published again as "${N.direct}", a new flow, what routes to it is re-pointed there, and the renamed one deleted); or rename it back to "${N.direct}" in Architect (same flow id)`);
  documented("people/verify-renamed", excerpt(v.stdout, "[renamed]").replace(/^/gm, "  "));
});

it("3. the printed command, as printed: the stack's flow is under its name again and the IVR config routes to it; verify is clean", async () => {
  const r = await tool(["up", "--stack", "local", "--refresh"]);
  expect({ code: r.code, tail: r.code === 0 ? "" : (r.stdout + r.stderr).slice(-5000) }).toEqual({ code: 0, tail: "" });
  const now = active(N.direct);
  expect(now).toHaveLength(1);
  expect(ivrFlow()).toBe(now[0].id);
  // Replaced: a new flow under the stack's name, the renamed one deleted after the IVR config moved.
  expect(now[0].id).not.toBe(stackId);
  expect(active(RENAMED)).toEqual([]);
  const v = await tool(["verify", "--stack", "local"]);
  expect({ code: v.code, out: v.stdout }).toEqual({ code: 0, out: expect.not.stringMatching(/\[(renamed|drift|flow-missing)\]/) });
});
