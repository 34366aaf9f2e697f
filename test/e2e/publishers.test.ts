// `provider.publishers`: flows spread over several provider resources with the stack's one
// configuration, each its own process (and so its own publish budget on an org: the provider sends
// every publish of a process with one token). What must hold: moving flows between publishers is a
// state-only change (no publish, no delete, no replace), each flow then belongs to the provider
// planner/publishers.ts picks, and a flow on another publisher than the first still publishes.
import * as YAML from "yaml";
import { createProject, expectOk, publishedFlows, type E2eProject } from "../../testkit/harness";
import { PUBLISHED as N } from "../../testkit/fixtures";
import { publisherName, publisherOf } from "../../planner/publishers";

jest.setTimeout(10 * 60_000);

let p: E2eProject;

beforeAll(async () => {
  p = await createProject();
});

afterAll(async () => {
  await p?.cleanup();
});

interface StateResource {
  urn: string;
  type: string;
  provider?: string;
  parent?: string;
}

/** Each flow's provider's logical name, by the flow's component name (its planner id). */
async function flowProviders(): Promise<Map<string, string>> {
  const exported = await p.pulumi(["stack", "export"]);
  expectOk(exported);
  const resources = (JSON.parse(exported.stdout) as { deployment: { resources: StateResource[] } }).deployment
    .resources;
  const out = new Map<string, string>();
  for (const r of resources.filter((x) => x.type === "genesyscloud:index/flow:Flow")) {
    // provider reference: <provider urn>::<provider id>; the urn ends in ::<name>.
    const providerUrn = r.provider!.slice(0, r.provider!.lastIndexOf("::"));
    out.set(r.urn.slice(r.urn.lastIndexOf("::") + 2), providerUrn.slice(providerUrn.lastIndexOf("::") + 2));
  }
  return out;
}

it("moving the flows from one provider to two is a state-only change, and each flow is then on the publisher it is assigned", async () => {
  expectOk(await p.up(["--skip-preview"]));
  const one = await flowProviders();
  expect(one.size).toBe(Object.keys(N).length);
  expect(new Set(one.values())).toEqual(new Set(["genesyscloud"]));
  const before = publishedFlows(p.emulator);

  p.editConfig((c) => {
    c.provider = { ...(c.provider as Record<string, unknown>), publishers: 2 };
  });
  const preview = await p.preview(["--diff"]);
  expectOk(preview);
  // The second provider is created; no flow and no component is replaced or updated.
  expect(preview.stdout).toMatch(/\+ 1 to create/);
  expect(preview.stdout).not.toMatch(/to replace|to update|to delete/);

  // The up of the change previewed above (as a deploy after a reviewed preview).
  p.mark();
  expectOk(await p.up(["--skip-preview"]));
  expect(p.count("job.create")).toBe(0);
  expect(p.count("flow.delete")).toBe(0);
  const after = publishedFlows(p.emulator);
  expect([...after].map(([name, f]) => [name, f.version])).toEqual([...before].map(([name, f]) => [name, f.version]));

  const two = await flowProviders();
  for (const [id, provider] of two) expect({ [id]: provider }).toEqual({ [id]: publisherName(publisherOf(id, 2)) });
  // The fixtures' seven flows land on both publishers (the test is meaningless otherwise).
  expect(new Set(two.values())).toEqual(new Set(["genesyscloud", "genesyscloud-publisher-2"]));
});

it("a flow on the second publisher republishes when it changes, and back to one publisher nothing is published", async () => {
  const two = await flowProviders();
  const onSecond = [...two].find(([, provider]) => provider === "genesyscloud-publisher-2")![0];
  const file = `flows/${onSecond}.yaml`;
  const doc = YAML.parseDocument(p.read(file), { version: "1.2" });
  doc.set("description", "Changed on the second publisher.");
  p.write(file, doc.toString());
  const before = publishedFlows(p.emulator);
  p.mark();
  expectOk(await p.up(["--skip-preview"]));
  const after = publishedFlows(p.emulator);
  const changed = [...after].filter(([name, f]) => before.get(name)?.version !== f.version).map(([name]) => name);
  // The fixtures' published names are the file's name, capitalised, after the prefix.
  expect(changed.map((n) => n.toLowerCase())).toContain(`local-${onSecond.split("/").pop()}`);
  expect(p.count("flow.delete")).toBe(0);

  p.editConfig((c) => {
    const provider = { ...(c.provider as Record<string, unknown>) };
    delete provider.publishers;
    c.provider = provider;
  });
  p.mark();
  const back = await p.up(["--skip-preview"]);
  expectOk(back);
  expect(p.count("job.create")).toBe(0);
  expect(p.count("flow.delete")).toBe(0);
  expect(new Set((await flowProviders()).values())).toEqual(new Set(["genesyscloud"]));
});
