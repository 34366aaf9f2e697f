// A stack belongs to one org, with the real engine and the real bridged provider against two
// emulators standing for two orgs: the first deploy records the org (stack output `org`); the stack
// file then pointed at another org (same settings otherwise) stops before anything registers,
// naming both orgs, and that org's hand-built flow of the same name is untouched. Back on its org, a
// flow of the stack deleted in Architect and rebuilt by hand under the same name is refused
// before any publish, saying what to do. The test owns its portfolio and stack file. Steps run in order.
import * as YAML from "yaml";
import { inboundCallYaml } from "../../testkit/archyFlows";
import { call, publish } from "../../testkit/emulator";
import { callFlow, LOOKUP } from "../../testkit/fixtures";
import { documented, excerpt } from "../../testkit/docOutputs";
import {
  createProject,
  expectOk,
  exportState,
  flowsInState,
  publishedFlows,
  type E2eProject,
} from "../../testkit/harness";
import { startEmulator, type RunningEmulator } from "../../emulator/server";

jest.setTimeout(15 * 60_000);

const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
const OTHER = { id: "0b0b0b0b-0000-4000-8000-0000000000b2", name: "Another Org" };
let p: E2eProject;
let other: RunningEmulator;
let home: { id: string; name: string };

const pointAt = (port: number) =>
  p.editConfig((c) => {
    (c.provider as Record<string, unknown>).gateway = { protocol: "http", host: "127.0.0.1", port: String(port) };
  });
const writes = (emu: RunningEmulator, since: number) =>
  emu.requestLog
    .list()
    .filter((e) => e.seq > since && ["job.create", "job.upload", "flow.delete", "flow.unlock"].includes(e.operation));

beforeAll(async () => {
  p = await createProject({
    flows: {
      "modules/lookup.yaml": y(LOOKUP),
      "calls/sales.yaml": y(callFlow("Sales", "Lookup", "address", "General")),
    },
  });
  other = await startEmulator({ port: 0, accessToken: p.emulator.accessToken, organization: OTHER });
});

afterAll(async () => {
  await other?.stop();
  await p?.cleanup();
});

it("1. the first deploy records the org it deployed to (stack output org)", async () => {
  expectOk(await p.up(["--skip-preview"]));
  const out = await p.pulumi(["stack", "output", "--json", "--stack", p.stack]);
  home = (JSON.parse(out.stdout) as { org: { id: string; name: string } }).org;
  expect(home).toEqual({ id: expect.any(String), name: "Genesys Flows Local Emulator" });
  expect(home.id).not.toBe(OTHER.id);
});

it("2. the stack file pointed at another org: preview and up stop before anything registers, naming both orgs; that org's hand-built flow is untouched", async () => {
  const handBuilt = await publish(other, inboundCallYaml("local-Sales"));
  expect(handBuilt.status).toBe("Success");
  const before = publishedFlows(other);
  const stateBefore = flowsInState(await exportState(p));
  pointAt(other.port);
  const mark = other.requestLog.list().at(-1)?.seq ?? 0;
  const runs = [await p.preview(), await p.up()];
  for (const run of runs) {
    expect(run.code).not.toBe(0);
    expect(run.output).toContain(
      `stack "local" deployed to org ${home.id} "${home.name}" (recorded in its state), but its provider settings reach org ${OTHER.id} "${OTHER.name}"`,
    );
    expect(run.output).toContain("nothing was registered");
  }
  documented(
    "org-binding/refused",
    excerpt(runs[0]!.output, `stack "local" deployed to org ${home.id}`, "with its own Pulumi."),
  );
  expect(writes(other, mark)).toEqual([]);
  expect(publishedFlows(other)).toEqual(before);
  expect(flowsInState(await exportState(p))).toEqual(stateBefore);
  // Pinned in the stack file too: the same refusal names the stack file's orgId.
  p.editConfig((c) => (c.orgId = home.id));
  const pinned = await p.preview();
  expect(pinned.code).not.toBe(0);
  expect(pinned.output).toContain(
    `stack "local" belongs to org ${home.id} "${home.name}" (genesys-flows:orgId in Pulumi.local.yaml)`,
  );
  pointAt(p.emulator.port);
});

it("3. back on its org with orgId pinned, a no-op up passes the check", async () => {
  expectOk(await p.up(["--skip-preview"]));
});

it("4. a flow deleted in Architect and rebuilt by hand under the same name is refused before any publish, saying what to do", async () => {
  const deployed = publishedFlows(p.emulator).get("local-Sales")!;
  const del = await call(`http://127.0.0.1:${p.emulator.port}/api/v2/flows/${deployed.id}`, {
    method: "DELETE",
    token: p.emulator.accessToken,
  });
  expect(del.status).toBeLessThan(300);
  const rebuilt = await publish(p.emulator, inboundCallYaml("local-Sales"));
  expect(rebuilt.flow!.id).not.toBe(deployed.id);
  // A change to the flow file: `up` would publish it, onto the rebuilt flow.
  p.write("flows/calls/sales.yaml", y(callFlow("Sales", "Lookup", "address", "Support")));
  const mark = p.mark();
  const up = await p.up();
  expect(up.code).not.toBe(0);
  expect(up.output).toContain(
    `this stack published it as flow ${deployed.id}, but the org's flow of that name and type is now flow ${rebuilt.flow!.id} "local-Sales"`,
  );
  // The repair forgets the deleted flow's id (a refresh fails on the 410 Genesys answers for it) and adopts the new one.
  expect(up.output).toContain(
    `flows.calls/sales.adopt: ${rebuilt.flow!.id} under genesys-flows:flows in Pulumi.local.yaml, then run \`npm run pulumi -- state delete 'urn:pulumi:local::genesys-flows::genesys-flows:index:InteractionFlow$genesyscloud:index/flow:Flow::calls/sales' --stack local --yes && npm start\``,
  );
  for (const op of ["job.create", "job.upload", "flow.delete", "flow.unlock"] as const)
    expect({ op, n: p.count(op, mark) }).toEqual({ op, n: 0 });
  expect(p.emulator.store.getFlow(rebuilt.flow!.id)!.versions).toHaveLength(1);
});
