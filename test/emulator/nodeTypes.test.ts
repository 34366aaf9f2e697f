// Every node type publishes: its compiled fixtures (testkit/nodeTypeFixtures.ts: in every kind
// that allows it, with every field, with optional fields left out, and reached from two places) go
// through the provider's HTTP sequence (job, presigned upload, poll with expand=messages) to an
// emulated org that has the queues, skills, schedules, data action and flow they name, in strict
// mode: a reference the org does not have, or any Archy the validator refuses, fails the publish.
import type { OrgFileInput } from "../../project/orgFile";
import type { RunningEmulator } from "../../emulator/server";
import { startEmulator } from "../../emulator/server";
import { NODE_TYPES } from "../../model/nodes";
import { nodeTypeFixtures, nodeTypePortfolio } from "../../testkit/nodeTypeFixtures";
import { plan } from "../../testkit/portfolio";
import { publish } from "../../testkit/emulator";

/** What the node descriptors' examples name, as an org has them. */
const ORG: OrgFileInput = {
  queues: ["Support"],
  skills: ["Billing"],
  languages: ["English"],
  schedules: ["Business hours"],
  scheduleGroups: ["Main office"],
  emergencyGroups: ["Site emergency"],
  dataActions: [
    {
      category: "Web Services",
      name: "Get customer",
      inputs: { phone: "string" },
      outputs: { customerName: "string" },
    },
  ],
  flows: [
    { name: "Billing IVR", type: "inboundcall" },
    { name: "Support hold", type: "inqueuecall" },
  ],
  wrapupCodes: ["Resolved"],
  dataTables: ["Area codes"],
};

/** The one warning that is the point: the bare data action leaves out the input its contract declares. */
function expectedMessages(id: string): unknown[] {
  return /\/dataAction-bare$/.test(id)
    ? [
        expect.stringMatching(
          /^Warning: .*rule data-action-contract: input "phone" of data action "Web Services\/Get customer" is not given/,
        ),
      ]
    : [];
}

describe("every node type publishes on the emulator, in every kind that allows it", () => {
  const fixtures = nodeTypeFixtures();
  const portfolio = plan(nodeTypePortfolio(fixtures), { namePrefix: "t-" });
  let emu: RunningEmulator;

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, org: ORG, strict: true });
    const module = portfolio.flows.find((f) => f.id === "modules/example")!;
    const job = await publish(emu, module.substitutedYaml);
    expect({ id: module.id, status: job.status, messages: job.messages }).toEqual({
      id: module.id,
      status: "Success",
      messages: [],
    });
    // A callModule node names a module of the org by its published name, as written: the org has
    // the example module under its model name too.
    const asOrgModule = module.substitutedYaml.replace(/^( {2}name: )t-Example$/m, "$1Example");
    expect(asOrgModule).not.toBe(module.substitutedYaml);
    const orgJob = await publish(emu, asOrgModule);
    expect({ status: orgJob.status, messages: orgJob.messages }).toEqual({ status: "Success", messages: [] });
  });
  afterAll(async () => {
    await emu.stop();
  });

  test.each(NODE_TYPES)("%s", async (type) => {
    const ids = fixtures.filter((f) => f.type === type).map((f) => f.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    for (const id of ids) {
      const flow = portfolio.flows.find((f) => f.id === id)!;
      const job = await publish(emu, flow.substitutedYaml);
      // Strict mode: a message is a refusal, or a warning about what Genesys may refuse.
      expect({ id, status: job.status, messages: job.messages.map((m) => `${m.type}: ${m.text}`) }).toEqual({
        id,
        status: "Success",
        messages: expectedMessages(id),
      });
    }
  });
});
