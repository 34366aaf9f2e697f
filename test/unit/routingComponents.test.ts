// The routing components under Pulumi mocks: a DID pool registers the official provider's
// genesyscloud_telephony_providers_edges_did_pool with its range (descriptions, comments and
// provider only when given), named by its range; an IVR config depends on the stack's DID pools
// that hold its numbers (created after them, deleted before them) and on no other pool.
import * as pulumi from "@pulumi/pulumi";
import type * as RoutingModule from "../../components/routing";
import { planRouting } from "../../planner/routing";
import { parseStackSettings } from "../../planner/stackSettings";
import { installMocks, urnOf, valueOf } from "../../testkit/pulumiMocks";

let routing: typeof RoutingModule;
beforeAll(async () => {
  await installMocks("test");
  routing = await import("../../components/routing");
});

const POOL_TYPE = "genesyscloud:index/telephonyProvidersEdgesDidPool:TelephonyProvidersEdgesDidPool";
const file = (id: string, text: string) => ({ id, file: `routing/${id}.yaml`, text });

test("a DID pool is a provider DID pool; an IVR config waits for the pools holding its numbers", async () => {
  const session = await installMocks("test");
  const plan = planRouting({
    settings: parseStackSettings({ environment: "test", namePrefix: "t-" }, "Pulumi.test.yaml"),
    sources: [
      file(
        "numbers/a",
        'kind: didPool\ndescription: Block A\nnumbers: {from: "+13175550100", to: "+13175550199"}\nprovider: PURE_CLOUD_VOICE\n',
      ),
      file("numbers/b", 'kind: didPool\nnumbers: {from: "+13175550200", to: "+13175550299"}\n'),
      file("ivr/line", 'kind: ivr\nname: Line\nnumbers: ["+13175550150"]\nflows: {open: calls/sales}\n'),
    ],
    flows: [{ id: "calls/sales", apiType: "INBOUNDCALL" }],
    stackFile: "Pulumi.test.yaml",
  });
  const flows = new Map([["calls/sales", { flowId: pulumi.output("flow-1") }]]);
  const deployed = routing.deployRouting(plan.objects, flows);
  await Promise.all([...deployed.values()].map((c) => valueOf(c.objectId)));
  await session.settled();
  expect(await valueOf(deployed.get("numbers/a")!.objectName)).toBe("+13175550100..+13175550199");
  const pools = session.registrations.filter((r) => r.type === POOL_TYPE).sort((a, b) => a.name.localeCompare(b.name));
  expect(pools.map((r) => [r.name, r.inputs])).toEqual([
    [
      "routing/numbers/a",
      {
        startPhoneNumber: "+13175550100",
        endPhoneNumber: "+13175550199",
        description: "Block A",
        poolProvider: "PURE_CLOUD_VOICE",
      },
    ],
    ["routing/numbers/b", { startPhoneNumber: "+13175550200", endPhoneNumber: "+13175550299" }],
  ]);
  const ivr = session.registrations.find((r) => r.type === "genesyscloud:index/architectIvr:ArchitectIvr")!;
  const poolUrn = (id: string) => urnOf("test", POOL_TYPE, `routing/${id}`, "genesys-flows:index:DidPool");
  expect(ivr.dependencies).toContain(poolUrn("numbers/a"));
  expect(ivr.dependencies).not.toContain(poolUrn("numbers/b"));
});
