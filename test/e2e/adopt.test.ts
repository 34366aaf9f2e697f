// Adopting flows that are already in an org, with the real engine and the real bridged provider
// against the emulator. Another team (or Architect) publishes two flows straight into the org;
// `flows:import --stack local --prefix local-Legacy` writes their flow files and records them in
// Pulumi.local.yaml with the revision each has as written; the next `up` reads them into the
// stack and publishes nothing (planner/adoption.ts); a person then edits them to call the
// portfolio's module and `up` imports and republishes those two flows only, in place. Throughout, the request log shows no delete, and the flow ids
// are the ones the org gave them. The adopted files are the local stack's alone (another stack's
// plan has none of them), and `down` leaves them in the org (retainOnDelete), deleting only what
// the stack created. Steps run in order.
import * as YAML from "yaml";
import { main as importMain } from "../../tools/importFlows";
import { publish } from "../../testkit/emulator";
import {
  createProject,
  expectOk,
  exportState,
  flowsInState,
  publishedFlows,
  type E2eProject,
} from "../../testkit/harness";
import { LOOKUP } from "../../testkit/fixtures";
import { architectCall } from "../../testkit/architectFlow";
import { readPortfolio } from "../../project/portfolio";
import { parseStackSettings } from "../../planner/stackSettings";

jest.setTimeout(20 * 60_000);

let p: E2eProject;
const ids: Record<string, string> = {};
/** The adopted files as the import wrote them (before step 5 makes them call the module). */
const adoptedText: Record<string, string> = {};
const SUPPORT = "local-Legacy Support";
const BILLING = "local-Legacy Billing";
const OTHER = "local-Someone Else's";

beforeAll(async () => {
  p = await createProject({ flows: { "modules/lookup.yaml": YAML.stringify(LOOKUP, { version: "1.2" }) } });
});

afterAll(async () => {
  await p?.cleanup();
});

it("1. flows published by someone else are in the org, outside the stack", async () => {
  for (const [name, queue] of [
    [SUPPORT, "Support"],
    [BILLING, "Billing"],
    [OTHER, "Other"],
  ]) {
    const job = await publish(p.emulator, architectCall(name, queue));
    expect(job.status).toBe("Success");
    ids[name] = job.flow!.id;
  }
  expect([...publishedFlows(p.emulator).keys()].sort()).toEqual([BILLING, SUPPORT, OTHER].sort());
});

it("2. flows:import --stack local --prefix local-Legacy writes their files and the stack's record", async () => {
  let out = "";
  let err = "";
  const code = await importMain(["--root", p.dir, "--stack", "local", "--prefix", "local-Legacy"], {
    out: { write: (s: string) => (out += s) },
    err: { write: (s: string) => (err += s) },
  });
  expect(err).toBe("");
  expect(code).toBe(0);
  expect(out).toContain("wrote flows/stacks/local/legacy-support.yaml");
  expect(out).toContain("wrote flows/stacks/local/legacy-billing.yaml");
  const config = YAML.parse(p.read("Pulumi.local.yaml")).config;
  expect(config["genesys-flows:flows"]).toEqual({
    "stacks/local/legacy-billing": { adopt: ids[BILLING], adoptedRevision: expect.stringMatching(/^[0-9a-f]{64}$/) },
    "stacks/local/legacy-support": { adopt: ids[SUPPORT], adoptedRevision: expect.stringMatching(/^[0-9a-f]{64}$/) },
  });
  // The org's queue names are the local stack's substitutions; the files name no org's queue.
  expect(config["genesys-flows:substitutions"]).toEqual({
    sales_queue: "Sales",
    queue_billing: "Billing",
    queue_support: "Support",
  });
  expect(p.read("flows/stacks/local/legacy-support.yaml")).toContain("{{queue_support}}");
  expect(p.read("flows/stacks/local/legacy-billing.yaml")).toContain("{{queue_billing}}");
});

it("3. up adopts them in place: read into the stack under the same ids, nothing published, nothing deleted", async () => {
  const before = publishedFlows(p.emulator);
  p.mark();
  const up = await p.up();
  expectOk(up);
  const after = publishedFlows(p.emulator);
  expect(p.count("flow.delete")).toBe(0);
  console.log(
    `adopting up:\n${up.stdout
      .split("\n")
      .filter((l) => /legacy|Resources:|import|read|created|updated/i.test(l))
      .join("\n")}`,
  );
  // As adopted (the files at their adoptedRevision), the flows are read, not published: the one
  // publish job is the module the stack creates (planner/adoption.ts).
  expect(p.count("job.create")).toBe(1);
  const raw = JSON.parse((await exportState(p)).raw) as {
    deployment: { resources: Array<{ type: string; id?: string; external?: boolean }> };
  };
  const read = raw.deployment.resources
    .filter((r) => r.type === "genesyscloud:index/flow:Flow" && r.external === true)
    .map((r) => r.id);
  expect(read.sort()).toEqual([ids[BILLING], ids[SUPPORT]].sort());
  for (const name of [SUPPORT, BILLING]) expect(after.get(name)).toEqual(before.get(name));
  expect(after.get(OTHER)).toEqual(before.get(OTHER));
  expect([...after.keys()].sort()).toEqual([BILLING, SUPPORT, OTHER, "local-Lookup"].sort());
  const state = flowsInState(await exportState(p));
  expect(state.get(SUPPORT)).toBe(ids[SUPPORT]);
  expect(state.get(BILLING)).toBe(ids[BILLING]);
  expect(state.has(OTHER)).toBe(false);
});

it("4. the adoption record is harmless once adopted: a second up changes nothing", async () => {
  p.mark();
  // --skip-preview: what this step checks is the update itself (preview runs the program and the pack once more, ~half an up's CPU).
  expectOk(await p.up(["--skip-preview"]));
  expect(p.count("job.create")).toBe(0);
  expect(p.count("flow.delete")).toBe(0);
});

it("5. edited to call the shared module, up republishes those two flows only, in place", async () => {
  for (const file of ["flows/stacks/local/legacy-support.yaml", "flows/stacks/local/legacy-billing.yaml"]) {
    adoptedText[file] = p.read(file);
    const doc = YAML.parseDocument(p.read(file), { version: "1.2" });
    const start = String(doc.get("start"));
    doc.setIn(["variables", "customer"], doc.createNode({ type: "string" }));
    doc.setIn(
      ["nodes", "Identify"],
      doc.createNode({
        type: "subflow",
        module: "Lookup",
        inputs: { address: "Call.Ani" },
        outputs: { customerId: "customer" },
        transitions: { completed: start, error: start },
      }),
    );
    doc.set("start", "Identify");
    p.write(file, doc.toString());
  }
  const before = publishedFlows(p.emulator);
  p.mark();
  expectOk(await p.up());
  const after = publishedFlows(p.emulator);
  expect(p.count("flow.delete")).toBe(0);
  expect(p.count("job.create")).toBe(2);
  const changed = [...after]
    .filter(([name, f]) => before.get(name)?.version !== f.version)
    .map(([name]) => name)
    .sort();
  expect(changed).toEqual([BILLING, SUPPORT].sort());
  for (const name of [SUPPORT, BILLING]) {
    expect(after.get(name)!.id).toBe(ids[name]);
    expect(after.get(name)!.text).toContain("local-Lookup:");
  }
  // Changed, they are imported (Pulumi's import, in place of the read) and managed from now on.
  const raw = JSON.parse((await exportState(p)).raw) as {
    deployment: { resources: Array<{ type: string; id?: string; importID?: string; external?: boolean }> };
  };
  const imported = raw.deployment.resources
    .filter((r) => r.type === "genesyscloud:index/flow:Flow" && r.importID !== undefined && r.external !== true)
    .map((r) => [r.id, r.importID]);
  expect(imported.sort()).toEqual(
    [
      [ids[BILLING], ids[BILLING]],
      [ids[SUPPORT], ids[SUPPORT]],
    ].sort(),
  );
  // The whole run: the org's flows never left; no request deleted anything.
  expect(p.count("flow.delete", 0)).toBe(0);
});

it("6. the adopted files belong to the local stack: another stack's plan has none of them", async () => {
  const local = readPortfolio(p.dir, "local").flows.map((f) => f.id);
  expect(local).toEqual(expect.arrayContaining(["stacks/local/legacy-billing", "stacks/local/legacy-support"]));
  expect(
    readPortfolio(p.dir, "local")
      .flows.filter((f) => f.id.startsWith("stacks/"))
      .every((f) => f.retainOnDelete),
  ).toBe(true);
  const other = readPortfolio(
    p.dir,
    "other",
    parseStackSettings(
      { environment: "other", namePrefix: "other-", substitutions: { sales_queue: "Sales" } },
      "Pulumi.other.yaml",
    ),
  );
  expect(other.flows.map((f) => f.id)).toEqual(["modules/lookup"]);
});

it("7. down leaves the adopted flows in the org (retainOnDelete) and deletes what the stack created", async () => {
  // Genesys refuses to delete a module that published flows call: the adopted flows, kept in the
  // org, first stop calling the stack's module.
  for (const [file, text] of Object.entries(adoptedText)) p.write(file, text);
  expectOk(await p.up(["--skip-preview"]));
  const before = publishedFlows(p.emulator);
  p.mark();
  expectOk(await p.destroy());
  const after = publishedFlows(p.emulator);
  expect(p.count("flow.delete")).toBe(1);
  expect(after.has("local-Lookup")).toBe(false);
  for (const name of [SUPPORT, BILLING, OTHER]) expect(after.get(name)).toEqual(before.get(name));
  expect(flowsInState(await exportState(p)).size).toBe(0);
});
