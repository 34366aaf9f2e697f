// The shipped portfolio's routing on the local stack, as `npm start` deploys it (README "Route
// numbers to flows"), with the real engine and provider against the emulator: the shipped flows
// and routing/ files (a DID pool holding the local numbers, schedules, a schedule group, two IVR
// configs, an emergency group) deploy with no refusal and no warning about a number no DID pool
// holds; a second `up` writes nothing. On a copy of the shipped examples (testkit/shippedExamples.ts):
// a team's own flows and routing beside them are not judged here.
import { createProject, writesSince, type E2eProject } from "../../testkit/harness";
import { shippedExampleFiles } from "../../testkit/shippedExamples";

jest.setTimeout(20 * 60_000);

let p: E2eProject;
/** The shipped examples' files under `dir`, by their path below it. */
const under = (dir: string) => Object.fromEntries(Object.entries(shippedExampleFiles()).flatMap(([file, text]) => (file.startsWith(`${dir}/`) ? [[file.slice(dir.length + 1), text]] : [])));

beforeAll(async () => {
  const shippedLocal = { substitutions: { brand: "Acme", priority_queue: "Priority local", support_queue: "Support local", sales_queue: "Sales local", orders_queue: "Orders local", general_queue: "General local", billing_queue: "Billing local" } };
  p = await createProject({ flows: under("flows"), routing: under("routing"), settings: shippedLocal });
});

afterAll(async () => {
  await p?.cleanup();
});

it("deploys the shipped routing on local: the DID pool before the IVR configs, every routed number held, then a no-op", async () => {
  let mark = p.mark();
  const up = await p.up(["--skip-preview"]);
  if (up.code !== 0) throw new Error(`pulumi exited ${up.code}:\n${up.output.slice(-6000)}`);
  expect(writesSince(p.emulator, mark).filter((e) => e.status >= 400)).toEqual([]);
  expect(up.output).not.toContain("in no DID pool");
  const count = p.emulator.store.routing.count();
  expect(count.didPool).toBe(1);
  expect(count.ivr).toBeGreaterThan(0);
  const creates = writesSince(p.emulator, mark).filter((e) => e.operation === "routing.create").map((e) => e.path);
  // The IVR configs wait for the pool that holds their numbers (other objects need not).
  const pool = creates.indexOf("/api/v2/telephony/providers/edges/didpools");
  expect(pool).toBeGreaterThanOrEqual(0);
  expect(creates.filter((c, i) => c === "/api/v2/architect/ivrs" && i < pool)).toEqual([]);
  mark = p.mark();
  // --skip-preview: what this step checks is the update itself (preview runs the program and the pack once more, ~half an up's CPU).
  expect((await p.up(["--skip-preview"])).code).toBe(0);
  expect(writesSince(p.emulator, mark).map((e) => `${e.method} ${e.operation} ${e.status}`)).toEqual([]);
});
