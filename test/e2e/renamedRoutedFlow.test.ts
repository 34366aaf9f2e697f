// A routed call flow renamed by a person in Architect (issues 50 and 97), on a protected stack: the
// IVR config still routes to the stack's flow id, now under the person's name, and the person
// publishes a version of their own of it. verify reports the rename with the fix that works: the
// stack keeps the flow as its own under its new name (nothing published, replaced or deleted). The
// old hint, a refresh that replaces the flow, is refused before anything changes: the new flow's
// create and the IVR config's re-point wait for the decision on the delete of the person's flow.
// After the fix, `npm run up`, a user's own `pulumi up` and a team's Automation API program leave
// the person's flow, their version and the route to it alone. Real engine, real provider, emulator
// (its people API: a person signed in through Architect's client renames and publishes).
import * as fs from "node:fs";
import * as YAML from "yaml";
import { documented, excerpt } from "../../testkit/docOutputs";
import { createProject, policyArgs, runCli } from "../../testkit/harness";
import type { E2eProject, PulumiResult, ToolRun } from "../../testkit/harness";
import { portfolioFiles, PUBLISHED as N } from "../../testkit/fixtures";
import { call, publish, signIn } from "../../testkit/emulator";
import { inboundCallYaml } from "../../testkit/archyFlows";

jest.setTimeout(15 * 60_000);

const OPS = { id: "ops-client", secret: "ops-secret", name: "Architect" };
const JANE = { name: "Jane Doe", username: "jane@example.com", password: "jane-pw" };
const RENAMED = "Direct (Dana's copy)";
const ROUTING = {
  "ivr/direct.yaml": YAML.stringify(
    { kind: "ivr", name: "Direct line", numbers: ["+13175550120"], flows: { open: "calls/direct" } },
    { version: "1.2" },
  ),
};

let p: E2eProject;
const LOG = process.env.RENAME_TRANSCRIPT;
const out = (r: ToolRun | PulumiResult) => r.stdout + r.stderr;
const tool = async (args: string[]): Promise<ToolRun> => {
  const r = await runCli(p, args);
  if (LOG) fs.appendFileSync(LOG, `\n$ genesys-flows ${args.join(" ")}  (exit ${r.code})\n${r.stdout}${r.stderr}`);
  return r;
};
function ok<T extends ToolRun | PulumiResult>(r: T): T {
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${out(r).slice(-6000)}`);
  return r;
}
const ivrFlow = () =>
  p.emulator.store.routing.list("ivr").find((r) => r.fields.name === "local-Direct line")?.fields.openHoursFlow;
const active = (name: string) => p.emulator.store.listFlows().filter((f) => !f.deleted && f.name === name);

let stackId = "";

const WRITES = ["job.create", "flow.create", "flow.delete", "routing.update", "routing.create"] as const;

/** Runs `run`: the person's flow, their version and the route to it left as they were, nothing created or deleted. */
async function leftAlone<T extends ToolRun | PulumiResult>(run: () => Promise<T>): Promise<T> {
  const mark = p.mark();
  const r = await run();
  for (const op of WRITES) expect({ op, n: p.count(op, mark) }).toEqual({ op, n: 0 });
  expect(active(RENAMED).map((f) => [f.id, f.versions.length])).toEqual([[stackId, 2]]);
  expect(active(N.direct)).toEqual([]);
  expect(ivrFlow()).toBe(stackId);
  return r;
}

beforeAll(async () => {
  const people = { clients: [OPS], users: [JANE] };
  p = await createProject({ flows: portfolioFiles(), routing: ROUTING, emulator: { people } });
  const config = JSON.parse(p.read("policies/config/local.json")) as Record<string, unknown>;
  config["prod-force-unlock"] = { enforcementLevel: "mandatory", environments: ["local"] };
  p.write("policies/config/local.json", `${JSON.stringify(config, null, 2)}\n`);
  p.editConfig((c) => {
    c.forceUnlock = false;
  });
});

afterAll(async () => {
  await p?.cleanup();
});

it("1. up deploys the flows and the IVR config routing to local-Direct", async () => {
  ok(await tool(["up", "--stack", "local"]));
  stackId = active(N.direct)[0].id;
  expect(ivrFlow()).toBe(stackId);
});

it("2. a person renames the routed flow in Architect and publishes a version: verify prints the fix", async () => {
  const jane = await signIn(p.emulator, {
    clientId: OPS.id,
    clientSecret: OPS.secret,
    username: JANE.username,
    password: JANE.password,
  });
  const r = await call(`${p.emulator.url}/api/v2/flows/${stackId}`, {
    method: "PUT",
    token: jane,
    body: JSON.stringify({ name: RENAMED, type: "INBOUNDCALL" }),
    headers: { "content-type": "application/json" },
  });
  expect(r.status).toBe(200);
  expect((await publish(p.emulator, inboundCallYaml(RENAMED), jane)).flow?.id).toBe(stackId);
  const v = await tool(["verify", "--stack", "local"]);
  const named = `is named "${RENAMED.replace(/[()]/g, "\\$&")}" in the org now`;
  const deployedAs = `the flow the stack deployed as "${N.direct}" \\(id ${stackId}\\) ${named}`;
  const warning = `warning +\\[renamed\\] ${N.direct} \\(flows/calls/direct.yaml\\)`;
  expect(v.stdout).toMatch(new RegExp(`${warning}: ${deployedAs}`));
  expect(v.stdout).toContain(
    `Fix: keep it as the stack's under its new name: set flows.calls/direct.adopt: ${stackId} and ` +
      `flows.calls/direct.name: "${RENAMED}" under genesys-flows:flows in Pulumi.local.yaml, ` +
      "then `npm start -- --refresh`",
  );
  documented("people/verify-renamed", excerpt(v.stdout, "[renamed]").replace(/^/gm, "  "));
});

it("3. the old hint, a refresh that replaces the flow: refused before anything changes, naming Jane", async () => {
  // No new flow, the IVR config not re-pointed: the create and the re-point wait for the delete's decision.
  const r = await leftAlone(() => tool(["up", "--stack", "local", "--refresh"]));
  expect(r.code).not.toBe(0);
  const janes = /published outside the stack: version 2\.0 was published \S+ by Jane Doe via Architect/;
  expect(out(r)).toMatch(new RegExp(`STOP +.*\\(calls/direct\\): ${janes.source}`));
});

it("4. the printed fix keeps the renamed flow: each entry point stops at their version, changing nothing", async () => {
  p.editConfig((c) => {
    c.flows = { "calls/direct": { adopt: stackId, name: RENAMED } };
  });
  const version = "published outside the stack: version 2\\.0 was published \\S+ by Jane Doe via Architect";
  const janes = new RegExp(`STOP +.*\\(calls/direct\\): ${version}`);
  const UP = ["up", "--yes", "--skip-preview", "--stack", "local", ...policyArgs("local")];
  const entries = [
    () => tool(["up", "--stack", "local", "--refresh"]),
    () => tool(["up", "--stack", "local"]),
    () => p.ownPulumi(UP),
    () => p.ownAutomation("up"),
  ];
  for (const entry of entries) {
    const r = await leftAlone(entry);
    expect(r.code).not.toBe(0);
    expect(out(r)).toMatch(janes);
    // The stack file follows the rename already: no repair of it is offered again.
    expect(out(r)).not.toMatch(/\): renamed: /);
  }
});

it("5. their version acknowledged: the printed fix publishes the stack's file into the same flow", async () => {
  p.editConfig((c) => {
    c.acknowledge = { "calls/direct": { reason: "the stack's flow again, under Jane's name", version: "2.0" } };
  });
  const mark = p.mark();
  ok(await tool(["up", "--stack", "local", "--refresh"]));
  for (const op of ["flow.create", "flow.delete", "routing.update", "routing.create"] as const) {
    expect({ op, n: p.count(op, mark) }).toEqual({ op, n: 0 });
  }
  expect(active(RENAMED).map((f) => [f.id, f.versions.length])).toEqual([[stackId, 3]]);
  expect(active(N.direct)).toEqual([]);
  expect(ivrFlow()).toBe(stackId);
});
