// An `up` that a publish refusal stops part-way ends with where the org stands (verify/account.ts),
// with the real engine and provider against the emulator and its fault injection: a module change
// whose republish fails at one caller names the module and the callers that published, the caller
// that did not (still on the previous module version), and what the next up will do; once the
// fault is gone, a second up finishes the cascade. The test owns its portfolio. Steps run in order.
import * as YAML from "yaml";
import { callFlow, LOOKUP } from "../../bench/support/fixtures";
import { createProject, publishedFlows, runTool, type E2eProject } from "../../bench/support/harness";

jest.setTimeout(15 * 60_000);

const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
let p: E2eProject;
/** The callers the failed run of step 2 left on the previous module version. */
let left: string[] = [];

beforeAll(async () => {
  p = await createProject({
    flows: {
      "modules/lookup.yaml": y(LOOKUP),
      "calls/a.yaml": y(callFlow("A", "Lookup", "address", "Sales")),
      "calls/b.yaml": y(callFlow("B", "Lookup", "address", "Sales")),
      "calls/c.yaml": y(callFlow("C", "Lookup", "address", "Sales")),
    },
  });
});

afterAll(async () => {
  await p?.cleanup();
});

const up = () => runTool(p, "tools/deploy.ts", ["up", "--stack", "local"]);

it("1. the portfolio deploys", async () => {
  const r = await up();
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${(r.stdout + r.stderr).slice(-4000)}`);
  expect([...publishedFlows(p.emulator).keys()].sort()).toEqual(["local-A", "local-B", "local-C", "local-Lookup"]);
});

it("2. a module change whose republish Genesys refuses at one caller ends with the account of where the org stands", async () => {
  p.write("flows/modules/lookup.yaml", y({ ...LOOKUP, nodes: { ...LOOKUP.nodes, Check: { ...LOOKUP.nodes.Check, label: "Address given at all?" } } }));
  p.emulator.setFaults({ jobFailures: [{ flowName: "local-B", message: "Injected: the queue is being deleted" }] });
  const before = publishedFlows(p.emulator);
  const r = await up();
  expect(r.code).not.toBe(0);
  const after = publishedFlows(p.emulator);
  expect(after.get("local-Lookup")!.version).toBe(before.get("local-Lookup")!.version + 1);
  // Pulumi starts no new step after a failure: B failed, and a sibling caller may or may not have
  // started (timing). The account must name exactly what the org shows.
  const callers = ["local-A", "local-B", "local-C"];
  const republished = callers.filter((n) => after.get(n)!.version !== before.get(n)!.version);
  left = callers.filter((n) => !republished.includes(n));
  expect(left).toContain("local-B");
  const account = r.stdout.slice(r.stdout.indexOf("The run stopped part-way."));
  expect(account).toMatch(/^The run stopped part-way\. Where the org stands now:\n {2}published by this run: local-Lookup/);
  expect(account).toContain(`  published by this run: ${["local-Lookup", ...republished].join(", ")}\n`);
  expect(account).toContain(`  not published (still the previous version, or not in the org): ${left.join(", ")}\n`);
  expect(account).toContain(`  module local-Lookup is new in the org; its callers on the new version: ${republished.join(", ") || "none"}; still on the previous one: ${left.join(", ")}\n`);
  expect(account).toContain(`the next \`npm start\` publishes what is not published (${left.join(", ")}) once the cause above is fixed; nothing else is republished.`);
});

it("3. with the fault gone, the next up finishes the cascade: only the callers left behind are published", async () => {
  p.emulator.setFaults({});
  const before = publishedFlows(p.emulator);
  const r = await up();
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${(r.stdout + r.stderr).slice(-4000)}`);
  const after = publishedFlows(p.emulator);
  const republished = [...after].filter(([name, f]) => f.version !== before.get(name)?.version).map(([name]) => name);
  expect(republished).toEqual(left);
});
