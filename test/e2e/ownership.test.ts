// Ownership, with the real engine and the real bridged provider against the emulator: someone
// makes a flow by hand in the org (as Architect would, through the API) whose name, in another
// case, is the name of a flow the portfolio then adds. Genesys publishes by name, so creating it
// would overwrite the hand-made flow. `preview` refuses, naming the flow and how to adopt it; `up`
// refuses and publishes nothing; the hand-made flow is untouched. The test owns its portfolio (a
// module and one caller) and its stack file (harness.ts). Steps run in order.
import * as YAML from "yaml";
import { inboundCallYaml } from "../../testkit/archyFlows";
import { publish } from "../../testkit/emulator";
import { callFlow, LOOKUP } from "../../testkit/fixtures";
import { documented, excerpt } from "../../testkit/docOutputs";
import {
  createProject,
  expectOk,
  exportState,
  flowsInState,
  publishedFlows,
  type E2eProject,
  type PulumiResult,
} from "../../testkit/harness";

jest.setTimeout(15 * 60_000);

const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
let p: E2eProject;
let handMade: { id: string; version: number; text: string; published: number };
const HAND_NAME = "local-returns";

/** The refusal names the file, the flow id, the published name and type, the org flow and how to adopt it. */
function expectRefusal(result: PulumiResult): void {
  expect(result.code).not.toBe(0);
  const out = result.output;
  expect(out).toContain(
    `flows/calls/returns.yaml (flow calls/returns) publishes "local-Returns" (INBOUNDCALL), but the org already has flow ${handMade.id} "${HAND_NAME}"`,
  );
  expect(out).toContain("which this stack does not manage");
  expect(out).toContain(`flows.calls/returns.adopt: ${handMade.id} under genesys-flows:flows in Pulumi.local.yaml`);
  expect(out).toContain(`npm run flows:import -- --stack local --prefix "${HAND_NAME}"`);
}

beforeAll(async () => {
  p = await createProject({
    flows: {
      "modules/lookup.yaml": y(LOOKUP),
      "calls/sales.yaml": y(callFlow("Sales", "Lookup", "address", "General")),
    },
  });
});

afterAll(async () => {
  await p?.cleanup();
});

it("1. the portfolio deploys; its flows pass the check (new names free in the org)", async () => {
  expectOk(await p.up(["--skip-preview"]));
  expect([...publishedFlows(p.emulator).keys()].sort()).toEqual(["local-Lookup", "local-Sales"]);
});

it("2. a flow made by hand in the org holds the name of a flow the portfolio adds, in another case", async () => {
  // Through the API, as Architect publishes: an import job with the flow's Archy.
  const job = await publish(p.emulator, inboundCallYaml(HAND_NAME));
  expect(job.status).toBe("Success");
  handMade = publishedFlows(p.emulator).get(HAND_NAME)!;
  expect(handMade.id).toBe(job.flow!.id);
  p.write("flows/calls/returns.yaml", y(callFlow("Returns", "Lookup", "address", "General")));
});

it("3. preview refuses, naming the flow and how to adopt it", async () => {
  const mark = p.mark();
  const preview = await p.preview();
  expectRefusal(preview);
  documented(
    "import/ownership-refused",
    excerpt(preview.output, "refusing to publish a flow over flows this stack does not manage", "or rename this flow"),
  );
  expect(p.count("job.create", mark)).toBe(0);
});

it("4. up refuses and publishes nothing; the hand-made flow is untouched", async () => {
  const before = publishedFlows(p.emulator);
  const stateBefore = flowsInState(await exportState(p));
  const mark = p.mark();
  const up = await p.up();
  expectRefusal(up);
  for (const op of ["job.create", "job.upload", "flow.delete", "flow.unlock"] as const)
    expect({ op, n: p.count(op, mark) }).toEqual({ op, n: 0 });
  expect(publishedFlows(p.emulator)).toEqual(before);
  expect(publishedFlows(p.emulator).get(HAND_NAME)).toEqual(handMade);
  expect(p.emulator.store.getFlow(handMade.id)!.versions).toHaveLength(1);
  expect(flowsInState(await exportState(p))).toEqual(stateBefore);
});

it("5. renamed, the new flow deploys next to the hand-made one", async () => {
  p.write("flows/calls/returns.yaml", y(callFlow("Returns Desk", "Lookup", "address", "General")));
  expectOk(await p.up(["--skip-preview"]));
  const after = publishedFlows(p.emulator);
  expect(after.get(HAND_NAME)).toEqual(handMade);
  expect(after.get("local-Returns Desk")).toBeDefined();
});
