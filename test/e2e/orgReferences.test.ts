// The org-reference check with the real engine and the real bridged provider against the emulator:
// a stack whose third caller names a queue the org lacks is refused by preview (naming it and the
// nearest queue the org has) and by up, which publishes nothing; once the queue exists in the org
// the same up deploys. A data action whose contract lacks an output a flow reads is refused the
// same way. After a deploy, a schedule group deleted in the org makes verify exit 1 naming the flow,
// node and object. The test owns its portfolio, its stack file and its org (harness.ts, orgObjects
// "fixed"). Steps run in order.
import * as YAML from "yaml";
import { callFlow, LOOKUP } from "../../testkit/fixtures";
import { documented, excerpt } from "../../testkit/docOutputs";
import { createProject, expectOk, publishedFlows, runCli, type E2eProject } from "../../testkit/harness";

jest.setTimeout(15 * 60_000);

const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
let p: E2eProject;

const CRM = { category: "CRM", name: "Get customer", inputs: { phone: "string" }, outputs: { fullName: "string" } };

beforeAll(async () => {
  p = await createProject({
    orgObjects: "fixed",
    emulator: { org: { queues: ["Returns Desk", "Sales", "Support"] } },
    flows: {
      "modules/lookup.yaml": y(LOOKUP),
      "calls/a.yaml": y(callFlow("A", "Lookup", "address", "Sales")),
      "calls/b.yaml": y(callFlow("B", "Lookup", "address", "Support")),
      "calls/c.yaml": y(callFlow("C", "Lookup", "address", "{{returns_queue}}")),
    },
    settings: { substitutions: { sales_queue: "Sales", returns_queue: "Returns" } },
  });
});

afterAll(async () => {
  await p?.cleanup();
});

it("1. preview refuses the third caller's queue, naming file, flow, node, the name as written and the org's queues; nothing is published", async () => {
  const mark = p.mark();
  const r = await p.preview();
  expect(r.code).not.toBe(0);
  expect(r.output).toContain("a flow names an org object that gateway http://127.0.0.1:");
  expect(r.output).toContain('flows/calls/c.yaml: node "Transfer"');
  expect(r.output).toContain('queue "Returns" (written {{returns_queue}})');
  expect(r.output).toContain('has no queue of that name; nearest: "Returns Desk"');
  expect(r.output).not.toContain('queue "Sales"');
  expect(p.count("job.create", mark)).toBe(0);
  expect(p.count("org.objects.list", mark)).toBe(1);
  documented("stacks/org-references", excerpt(r.output, "a flow names an org object that"));
});

it("2. up refuses the same way and publishes nothing, not even the module or the first callers", async () => {
  const mark = p.mark();
  const r = await p.up();
  expect(r.code).not.toBe(0);
  expect(r.output).toContain('queue "Returns" (written {{returns_queue}})');
  expect(p.count("job.create", mark)).toBe(0);
  expect(publishedFlows(p.emulator).size).toBe(0);
});

it("3. after the queue is added to the org, the same up deploys", async () => {
  p.emulator.setOrg({ queues: ["Returns", "Returns Desk", "Sales", "Support"] });
  expectOk(await p.up(["--skip-preview"]));
  expect([...publishedFlows(p.emulator).keys()].sort()).toEqual(["local-A", "local-B", "local-C", "local-Lookup"]);
});

it("4. a data action whose contract lacks an output the flow reads is refused at its node; nothing is published", async () => {
  p.emulator.setOrg({ queues: ["Returns", "Returns Desk", "Sales", "Support"], dataActions: [CRM] });
  p.write(
    "flows/calls/d.yaml",
    y({
      kind: "inboundCall",
      name: "D",
      variables: { customer: { type: "string" } },
      start: "Look",
      nodes: {
        Look: {
          type: "dataAction",
          category: "CRM",
          action: "Get customer",
          inputs: { phone: "Call.Ani" },
          outputs: { name: "customer" },
          transitions: { success: "Bye", failure: "Bye", timeout: "Bye" },
        },
        Bye: { type: "disconnect" },
      },
    }),
  );
  const mark = p.mark();
  const r = await p.up();
  expect(r.code).not.toBe(0);
  expect(r.output).toContain('flows/calls/d.yaml: node "Look"');
  expect(r.output).toContain('data action "CRM/Get customer" has no output "name"');
  expect(p.count("job.create", mark)).toBe(0);
  expect(publishedFlows(p.emulator).has("local-D")).toBe(false);
});

const tool = (args: string[]) => runCli(p, args);

it("5. after a deploy, a schedule group deleted in the org makes verify exit 1 naming the flow, node and object; a preview that publishes nothing is not refused", async () => {
  const org = {
    queues: ["Returns", "Returns Desk", "Sales", "Support"],
    dataActions: [{ ...CRM, outputs: { name: "string" } }],
    scheduleGroups: ["Main office"],
  };
  p.emulator.setOrg(org);
  p.write(
    "flows/calls/e.yaml",
    y({
      kind: "inboundCall",
      name: "E",
      start: "Hours",
      nodes: {
        Hours: {
          type: "scheduleGroup",
          scheduleGroup: "Main office",
          transitions: { open: "Bye", closed: "Bye", holiday: "Bye" },
        },
        Bye: { type: "disconnect" },
      },
    }),
  );
  expectOk(await p.up(["--skip-preview"]));
  expect(publishedFlows(p.emulator).has("local-E")).toBe(true);
  const clean = await tool(["verify", "--stack", "local"]);
  expect(clean.stdout + clean.stderr).not.toContain("broken-reference");
  p.emulator.setOrg({ ...org, scheduleGroups: [] });
  const r = await tool(["verify", "--stack", "local"]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain("[broken-reference]");
  expect(r.stdout).toContain('flows/calls/e.yaml: node "Hours"');
  expect(r.stdout).toContain('schedule group "Main office"');
  // The run publishes nothing, so it checks no flow's references: the preview goes through (the
  // org-reference check guards publishes; verify is what reports the org breaking a deployed flow).
  const preview = await p.preview();
  expectOk(preview);
  expect(preview.output).not.toContain("does not have");
});
