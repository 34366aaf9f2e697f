// DID pools with the real engine and the real bridged provider
// (genesyscloud_telephony_providers_edges_did_pool) against the emulator: a stack declares a DID
// pool and an IVR config routing numbers from it. `up` creates the pool before the IVR config and
// warns about a routed number no pool holds; a second `up` writes nothing; a description change
// updates the pool in place; destroy deletes the IVR config before the pool. Steps run in order.
import * as YAML from "yaml";
import { createProject, expectOk, writesSince, type E2eProject } from "../../testkit/harness";
import { portfolioFiles } from "../../testkit/fixtures";

jest.setTimeout(20 * 60_000);

let p: E2eProject;
let mark = 0;

const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
const ROUTING: Record<string, string> = {
  "numbers/sales.yaml": y({
    kind: "didPool",
    description: "Sales numbers",
    numbers: { from: "+13175550100", to: "+13175550149" },
  }),
  "ivr/sales.yaml": y({
    kind: "ivr",
    name: "Sales line",
    numbers: ["+13175550100", "+13175550101", "+13175550300"],
    flows: { open: "calls/sales" },
  }),
};
const POOLS = "/api/v2/telephony/providers/edges/didpools";

/** Write requests (and refusals) since the last mark, with their paths' collection. */
function writes(): string[] {
  return writesSince(p.emulator, mark)
    .filter((e) => !e.operation.startsWith("job.") && e.operation !== "flow.unlock")
    .map((e) => `${e.method} ${e.path.startsWith(POOLS) ? "didpool" : (e.path.split("/")[4] ?? e.path)} ${e.status}`);
}
const pools = () =>
  p.emulator.store.routing.list("didPool").map((r) => ({ id: r.id, version: r.version, ...r.fields }));

beforeAll(async () => {
  p = await createProject({ flows: portfolioFiles(), routing: ROUTING });
});

afterAll(async () => {
  await p?.cleanup();
});

it("1. up creates the DID pool, then the IVR config routing its numbers, and warns about a number no pool holds", async () => {
  mark = p.mark();
  const up = await p.up(["--skip-preview"]);
  expectOk(up);
  expect(writes().filter((w) => w.startsWith("POST didpool") || w.startsWith("POST ivrs"))).toEqual([
    "POST didpool 200",
    "POST ivrs 200",
  ]);
  expect(writes().filter((w) => / [45]\d\d$/.test(w))).toEqual([]);
  expect(pools()).toEqual([
    expect.objectContaining({
      startPhoneNumber: "+13175550100",
      endPhoneNumber: "+13175550149",
      description: "Sales numbers",
      provider: "PURE_CLOUD",
      version: 1,
    }),
  ]);
  expect(p.emulator.store.routing.list("ivr")[0].fields.dnis).toEqual(["+13175550100", "+13175550101", "+13175550300"]);
  expect(up.output).toContain("+13175550300 is in no DID pool of the stack or the org");
  expect(up.output).not.toContain("+13175550101 is in no DID pool");
});

it("2. a second up is a no-op: zero writes", async () => {
  mark = p.mark();
  // --skip-preview: what this step checks is the update itself (preview runs the program and the pack once more, ~half an up's CPU).
  expectOk(await p.up(["--skip-preview"]));
  expect(writes()).toEqual([]);
});

it("3. a changed description updates the pool in place", async () => {
  const before = pools()[0];
  p.write(
    "routing/numbers/sales.yaml",
    ROUTING["numbers/sales.yaml"].replace("Sales numbers", "Sales and service numbers"),
  );
  mark = p.mark();
  expectOk(await p.up(["--skip-preview"]));
  expect(writes()).toEqual(["PUT didpool 200"]);
  expect(pools()).toEqual([
    expect.objectContaining({ id: before.id, description: "Sales and service numbers", version: 2 }),
  ]);
  mark = p.mark();
  expectOk(await p.up(["--skip-preview"]));
  expect(writes()).toEqual([]);
});

it("4. destroy deletes the IVR config before the pool that holds its numbers", async () => {
  mark = p.mark();
  expectOk(await p.destroy());
  const deletes = writes().filter((w) => w.startsWith("DELETE"));
  expect(deletes.indexOf("DELETE ivrs 200")).toBeGreaterThanOrEqual(0);
  expect(deletes.indexOf("DELETE ivrs 200")).toBeLessThan(deletes.indexOf("DELETE didpool 200"));
  expect(pools()).toEqual([]);
  expect(p.emulator.store.routing.list("ivr")).toEqual([]);
});
