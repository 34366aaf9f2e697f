// The shipped portfolio on a fresh org (issue 96.5; docs/objects.md), as `npm start` deploys it,
// with the real engine and provider against an emulator started with an empty org: the org-reference
// check passes because the stack declares the queues its flows name (objects/queues/), created
// before the flows naming them; its routing (a DID pool holding the local numbers, schedules, a
// schedule group, two IVR configs, an emergency group) deploys with no warning of a number no DID
// pool holds, the pool before the IVR configs; a second `npm start` changes nothing; `down` leaves
// the org empty of everything the stack made. On a copy of the shipped examples
// (testkit/shippedExamples.ts): a team's own files beside them are not judged here.
import {
  createProject,
  exportState,
  npmStart,
  objectsBefore,
  publishedFlows,
  runCli,
  writesSince,
  type E2eProject,
} from "../../testkit/harness";
import { shippedExampleFiles } from "../../testkit/shippedExamples";

jest.setTimeout(20 * 60_000);

let p: E2eProject;
/** The shipped examples' files under `dir`, by their path below it. */
const under = (dir: string) =>
  Object.fromEntries(
    Object.entries(shippedExampleFiles()).flatMap(([file, text]) =>
      file.startsWith(`${dir}/`) ? [[file.slice(dir.length + 1), text]] : [],
    ),
  );
const QUEUES = ["Billing local", "General local", "Orders local", "Priority local", "Sales local", "Support local"];

beforeAll(async () => {
  const shippedLocal = {
    substitutions: {
      brand: "Acme",
      priority_queue: "Priority local",
      support_queue: "Support local",
      sales_queue: "Sales local",
      orders_queue: "Orders local",
      general_queue: "General local",
      billing_queue: "Billing local",
    },
  };
  p = await createProject({
    flows: under("flows"),
    routing: under("routing"),
    objects: under("objects"),
    settings: shippedLocal,
    orgObjects: "fixed",
    emulator: { org: {}, strict: true },
  });
});

afterAll(async () => {
  await p?.cleanup();
});

const queueNames = () =>
  p.emulator.store.orgObjects
    .snapshot()
    .flatMap((o) => (o.kind === "queue" && o.fields ? [String(o.fields.name)] : []))
    .sort();

it("npm start on an empty org deploys queues, modules, flows, routing; again: nothing; down empties it", async () => {
  expect(queueNames()).toEqual([]);
  let mark = p.mark();
  const first = await npmStart(p);
  if (first.code !== 0) throw new Error(`npm start exited ${first.code}:\n${first.out.slice(-6000)}`);
  expect(writesSince(p.emulator, mark).filter((e) => e.status >= 400)).toEqual([]);
  expect(first.out).not.toContain("in no DID pool");
  expect(queueNames()).toEqual(QUEUES);
  expect([...publishedFlows(p.emulator).keys()].sort()).toEqual([
    "local-Billing",
    "local-LookupCustomer",
    "local-Sales",
    "local-Support",
    "local-SupportEmail",
    "local-VerifyCaller",
    "local-WebChat",
  ]);
  const count = p.emulator.store.routing.count();
  expect(count.didPool).toBe(1);
  expect(count.ivr).toBe(2);
  const writes = writesSince(p.emulator, mark);
  const creates = writes.filter((e) => e.operation === "routing.create").map((e) => e.path);
  // The IVR configs wait for the pool that holds their numbers (other objects need not).
  const pool = creates.indexOf("/api/v2/telephony/providers/edges/didpools");
  expect(pool).toBeGreaterThanOrEqual(0);
  expect(creates.filter((c, i) => c === "/api/v2/architect/ivrs" && i < pool)).toEqual([]);
  // Each flow's publish waits for the queues it names (the strict emulator refuses a publish naming one the org lacks).
  const state = await exportState(p);
  expect(objectsBefore(state, "calls/sales")).toEqual([
    "objects/queues/general",
    "objects/queues/orders",
    "objects/queues/sales",
  ]);
  expect(objectsBefore(state, "digital/web-chat")).toEqual(["objects/queues/priority", "objects/queues/sales"]);
  expect(objectsBefore(state, "modules/lookup-customer")).toEqual([]);

  mark = p.mark();
  const second = await npmStart(p);
  if (second.code !== 0) throw new Error(`npm start exited ${second.code}:\n${second.out.slice(-6000)}`);
  expect(writesSince(p.emulator, mark).map((e) => `${e.method} ${e.operation} ${e.status}`)).toEqual([]);
  expect(second.out).toContain("Nothing changed");

  const down = await runCli(p, ["down", "--stack", "local", "--yes"]);
  if (down.code !== 0) throw new Error(`down exited ${down.code}:\n${(down.stdout + down.stderr).slice(-6000)}`);
  expect(queueNames()).toEqual([]);
  expect([...publishedFlows(p.emulator).keys()]).toEqual([]);
  expect(Object.values(p.emulator.store.routing.count()).filter((n) => n > 0)).toEqual([]);
});
