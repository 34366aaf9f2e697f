// Issue 96 end to end, with the real engine, provider and policy pack against the emulator: a
// stack declares three queues, a user prompt, a data table and two data actions (objects/,
// docs/objects.md). The org already holds two of the queues, made by people, one as the file says
// and one otherwise, the prompt and one data action as their files say: the review says beforehand
// that the deploy adopts them (the second queue's difference written by the next up) and creates
// the third queue, the table and the other data action (in the org's integration), and the deploy
// does exactly that, each object before the flows naming it: it creates none of the adopted
// objects. A person then changes the created queue's setting: verify names it, and on a protected
// stack an up that would overwrite it stops before anything changes. With a member in that queue,
// down deletes the flows, the table and the created data action, and keeps the queues (adopted, in
// use), the prompt and the data action (adopted), and says so; the next up adopts what down kept
// (a queue with a member included) and creates none of it again. Steps run in order.
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import {
  createProject,
  exportState,
  isWrite,
  objectsBefore,
  publishedFlows,
  runCli,
  type E2eProject,
  type ToolRun,
} from "../../testkit/harness";
import { callFlow, LOOKUP } from "../../testkit/fixtures";
import { call } from "../../testkit/emulator";
import { gitIn } from "../../testkit/fixtureProject";
import { documented, excerpt } from "../../testkit/docOutputs";

jest.setTimeout(20 * 60_000);

const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
const QUEUES = "/api/v2/routing/queues";
const PROMPTS = "/api/v2/architect/prompts";
const TABLES = "/api/v2/flows/datatables";
const STORES =
  "name: Stores\nkey: Store id\nproperties:\n  open: { type: boolean }\nrows:\n  harbour: { open: true }\n";
const WELCOME = "name: Welcome_prompt\ndescription: The greeting\nresources:\n  - language: en-us\n    tts: Welcome.\n";
/** A call of data action CRM/`action`, then on to the module's call. */
const look = (action: string) => ({
  type: "dataAction",
  category: "CRM",
  action,
  inputs: { phone: "Call.Ani" },
  outputs: { name: "customer" },
  transitions: { success: "Call", failure: "Call", timeout: "Call" },
});
/** The Sales flow greets with the user prompt and looks the caller up with a data action a person made (the strict emulator refuses its publish while the org lacks either). */
const salesFlow = () => {
  const f = callFlow("Sales", "Lookup", "address", "{{sales_queue}}");
  return {
    ...f,
    nodes: {
      ...f.nodes,
      Welcome: { type: "playMessage", audio: "ToAudio(Prompt.Welcome_prompt)", transitions: { next: "Look" } },
      Look: look("Get order"),
    },
  };
};
/** The Billing flow looks the caller up with a data action the stack declares (the strict emulator refuses its publish while the org lacks it). */
const billingFlow = () => {
  const f = callFlow("Billing", "Lookup", "address", "{{billing_queue}}");
  const welcome = { ...f.nodes.Welcome, transitions: { next: "Look" } };
  return { ...f, nodes: { ...f.nodes, Welcome: welcome, Look: look("Get customer") } };
};
const ACTIONS = "/api/v2/integrations/actions";
/** A data action as its file declares it and as a person makes it in the org (POST /api/v2/integrations/actions). */
const actionFile = (name: string) => GET_CUSTOMER.replace("Get customer", name);
const personMakesAction = (name: string, integrationId: string) =>
  api("POST", ACTIONS, {
    name,
    category: "CRM",
    integrationId,
    contract: {
      input: { inputSchema: { type: "object", properties: { phone: { type: "string" } } } },
      output: { successSchema: { type: "object", properties: { name: { type: "string" } } } },
    },
    config: { request: { requestType: "GET", requestUrlTemplate: "/customers" } },
  }) as Promise<{ id: string }>;
const GET_CUSTOMER = [
  "name: Get customer",
  'integration: "{{crm_integration}}"',
  "category: CRM",
  "contract:",
  "  input: { type: object, properties: { phone: { type: string } } }",
  "  output: { type: object, properties: { name: { type: string } } }",
  "request: { method: GET, url: /customers }",
  "",
].join("\n");
const SALES = 'name: "{{sales_queue}}"\ndescription: Sales team\n';
const BILLING = 'name: "{{billing_queue}}"\ndescription: Billing team\n';

let p: E2eProject;
const out = (r: ToolRun) => r.stdout + r.stderr;
const ok = (r: ToolRun): ToolRun => {
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${out(r).slice(-6000)}`);
  return r;
};
const tool = (args: string[]) => runCli(p, args);
const api = async (method: string, path: string, body?: unknown) => {
  const r = await call(`${p.emulator.url}${path}`, {
    method,
    token: p.emulator.accessToken,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
  });
  if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
};
/** The org's queues by name. */
const queues = async () =>
  new Map(
    ((await api("GET", `${QUEUES}?pageSize=100`)) as { entities: Array<Record<string, unknown>> }).entities.map((q) => [
      String(q.name),
      q,
    ]),
  );
/** The org's user prompts by name. */
const prompts = async () =>
  new Map(
    ((await api("GET", `${PROMPTS}?pageSize=100`)) as { entities: Array<Record<string, unknown>> }).entities.map(
      (q) => [String(q.name), q],
    ),
  );
/** Writes (not reads, not sign-ins) since `mark`. */
const writes = (mark: number) =>
  p.emulator.requestLog.list().filter((e) => e.seq > mark && isWrite(e) && !e.path.startsWith("/oauth"));

beforeAll(async () => {
  p = await createProject({
    flows: {
      "modules/lookup.yaml": y(LOOKUP),
      "calls/sales.yaml": y(salesFlow()),
      "calls/billing.yaml": y(billingFlow()),
    },
    settings: {
      substitutions: { sales_queue: "Sales", billing_queue: "Billing", crm_integration: "Web Services Data Actions" },
      forceUnlock: "false",
    },
    orgObjects: "fixed",
    emulator: { org: { users: [{ name: "Dana Agent" }], integrations: ["Web Services Data Actions"] }, strict: true },
  });
});

afterAll(async () => {
  await p?.cleanup();
});

/** A queue as a person makes it in the org (every setting Genesys answers), with `over` over it. */
const personMakes = (name: string, over: Record<string, unknown> = {}) =>
  api("POST", QUEUES, {
    name,
    description: `${name} team`,
    acwSettings: { wrapupPrompt: "MANDATORY_TIMEOUT" },
    skillEvaluationMethod: "ALL",
    scoringMethod: "TimestampAndPriority",
    enableTranscription: false,
    enableManualAssignment: false,
    suppressInQueueCallRecording: true,
    autoAnswerOnly: true,
    ...over,
  });

it("1. people made Sales, Support, the prompt and a data action; the review says which are adopted, which created", async () => {
  await personMakes("Sales");
  await personMakes("Support", { acwSettings: { wrapupPrompt: "OPTIONAL" } });
  const made = (await api("POST", PROMPTS, { name: "Welcome_prompt", description: "The greeting" })) as { id: string };
  await api("POST", `${PROMPTS}/${made.id}/resources`, { language: "en-us", ttsString: "Welcome." });
  gitIn(p.dir, "init", "-q", "-b", "main");
  gitIn(p.dir, "add", "flows", "Pulumi.local.yaml");
  gitIn(p.dir, "commit", "-q", "-m", "the flows");
  fs.mkdirSync(path.join(p.dir, "objects/queues"), { recursive: true });
  fs.mkdirSync(path.join(p.dir, "objects/prompts"), { recursive: true });
  fs.mkdirSync(path.join(p.dir, "objects/data-tables"), { recursive: true });
  fs.mkdirSync(path.join(p.dir, "objects/data-actions"), { recursive: true });
  p.write("objects/data-actions/get-customer.yaml", GET_CUSTOMER);
  p.write("objects/data-actions/get-order.yaml", actionFile("Get order"));
  const integrations = (await api("GET", "/api/v2/integrations")) as { entities: Array<{ id: string }> };
  const order = await personMakesAction("Get order", integrations.entities[0].id);
  p.write("objects/queues/sales.yaml", SALES);
  p.write("objects/queues/support.yaml", "name: Support\ndescription: Support team\n");
  p.write("objects/queues/billing.yaml", BILLING);
  p.write("objects/prompts/welcome.yaml", WELCOME);
  p.write("objects/data-tables/stores.yaml", STORES);
  const org = await queues();
  const review = ok(await tool(["diff", "--base", "main", "--stack", "local", "--org", "local"]));
  expect(out(review)).toContain(
    "Resources the engine changes: 1 queue created, 2 queues imported, 1 user prompt imported",
  );
  expect(out(review)).toMatch(
    new RegExp(
      `import user prompt objects/prompts/welcome\\s+takes over org object ${made.id} as it is \\(Pulumi import, no write\\)\n`,
    ),
  );
  const takesOver = (name: string) =>
    `takes over org object ${String(org.get(name)!.id)} as it is \\(Pulumi import, no write\\)`;
  expect(out(review)).toMatch(new RegExp(`import queue objects/queues/sales\\s+${takesOver("Sales")}\n`));
  expect(out(review)).toMatch(
    new RegExp(
      `import queue objects/queues/support\\s+${takesOver("Support")}; ` +
        "the next up writes what the file says otherwise: " +
        "wrap-up prompt: the org has OPTIONAL, objects/queues/support.yaml says MANDATORY_TIMEOUT\n",
    ),
  );
  expect(out(review)).toMatch(/create queue objects\/queues\/billing\s+a new queue\n/);
  expect(out(review)).toMatch(
    new RegExp(
      `import data action objects/data-actions/get-order\\s+takes over org object ${order.id} as it is \\(Pulumi import, no write\\)\n`,
    ),
  );
  documented(
    "objects/review-adopt",
    excerpt(out(review), "Resources the engine changes", "the next up writes what the file says otherwise"),
  );
});

it("2. up adopts Sales, Support and the prompt, creates Billing first; the next up writes one setting, then none", async () => {
  const mark = p.mark();
  const before = await queues();
  const welcome = (await prompts()).get("Welcome_prompt")!;
  const up = ok(await tool(["up", "--stack", "local"]));
  expect(out(up)).toContain(
    `user prompt "Welcome_prompt" is in the org (id ${String(welcome.id)}): adopted as it is (Pulumi import, no write)`,
  );
  expect(out(up)).toContain(
    `queue "Sales" is in the org (id ${String(before.get("Sales")!.id)}): adopted as it is (Pulumi import, no write)`,
  );
  expect(out(up)).toContain(
    `queue "Support" is in the org (id ${String(before.get("Support")!.id)}): adopted as it is, ` +
      "then updated by the next up: wrap-up prompt: the org has OPTIONAL",
  );
  const log = writes(mark);
  expect(log.filter((e) => e.path.startsWith(QUEUES)).map((e) => `${e.method} ${e.path}`)).toEqual([`POST ${QUEUES}`]);
  expect(log.filter((e) => e.path.startsWith(PROMPTS))).toEqual([]);
  // The data table the org lacked is created, then its declared row.
  const table = ((await api("GET", `${TABLES}?pageSize=100`)) as { entities: Array<{ id: string; name: string }> })
    .entities;
  expect(table.map((t) => t.name)).toEqual(["Stores"]);
  expect(log.filter((e) => e.path.startsWith(TABLES)).map((e) => `${e.method} ${e.path}`)).toEqual([
    `POST ${TABLES}`,
    `POST ${TABLES}/${table[0].id}/rows`,
  ]);
  expect(await api("GET", `${TABLES}/${table[0].id}/rows?showbrief=false`)).toMatchObject({
    entities: [{ key: "harbour", open: true }],
  });
  // The data action, into the org's integration named by the stack's substitution.
  const actions = ((await api("GET", `${ACTIONS}?pageSize=100`)) as { entities: Array<Record<string, unknown>> })
    .entities;
  const integrations = (await api("GET", "/api/v2/integrations")) as { entities: Array<{ id: string }> };
  expect(actions.map((a) => [a.name, a.category, a.integrationId])).toEqual([
    ["Get customer", "CRM", integrations.entities[0].id],
    ["Get order", "CRM", integrations.entities[0].id],
  ]);
  // The action a person made is adopted (no write), the other created, once.
  expect(out(up)).toContain(
    `data action "Get order" is in the org (id ${String(actions[1].id)}): adopted as it is (Pulumi import, no write)`,
  );
  expect(log.filter((e) => e.path.startsWith(ACTIONS)).map((e) => `${e.method} ${e.path}`)).toEqual([
    `POST ${ACTIONS}`,
  ]);
  expect([...(await prompts()).values()].map((x) => x.id)).toEqual([welcome.id]);
  const after = await queues();
  expect([after.get("Sales")!.id, after.get("Support")!.id]).toEqual([
    before.get("Sales")!.id,
    before.get("Support")!.id,
  ]);
  expect(after.get("Support")!.acwSettings).toEqual({ wrapupPrompt: "OPTIONAL" });
  // Each flow's publish waits for the queue it names (the strict emulator refuses one naming a queue the org lacks).
  const state = await exportState(p);
  expect([objectsBefore(state, "calls/billing"), objectsBefore(state, "calls/sales")]).toEqual([
    ["objects/data-actions/get-customer", "objects/queues/billing"],
    ["objects/data-actions/get-order", "objects/prompts/welcome", "objects/queues/sales"],
  ]);
  expect([...publishedFlows(p.emulator).keys()].sort()).toEqual(["local-Billing", "local-Lookup", "local-Sales"]);
  let again = p.mark();
  ok(await tool(["up", "--stack", "local"]));
  expect(writes(again).map((e) => `${e.method} ${e.path}`)).toEqual([
    `PUT ${QUEUES}/${String(before.get("Support")!.id)}`,
  ]);
  expect((await queues()).get("Support")!.acwSettings).toEqual({ wrapupPrompt: "MANDATORY_TIMEOUT" });
  again = p.mark();
  ok(await tool(["up", "--stack", "local"]));
  expect(writes(again)).toEqual([]);
});

it("3. a person changes Billing's wrap-up prompt: verify names it; a protected stack's up stops first", async () => {
  const billing = (await queues()).get("Billing")!;
  await api("PUT", `${QUEUES}/${String(billing.id)}`, { ...billing, acwSettings: { wrapupPrompt: "OPTIONAL" } });
  const v = await tool(["verify", "--stack", "local"]);
  expect(v.code).toBe(1);
  expect(out(v)).toContain(
    '[routing-drift] Billing (objects/queues/billing.yaml): queue "Billing" was changed outside the stack: ' +
      "wrap-up prompt: the org has OPTIONAL, the stack's files say MANDATORY_TIMEOUT",
  );
  const config = JSON.parse(p.read("policies/config/local.json")) as Record<string, unknown>;
  config["prod-force-unlock"] = { enforcementLevel: "mandatory", environments: ["local"] };
  p.write("policies/config/local.json", `${JSON.stringify(config, null, 2)}\n`);
  p.write("objects/queues/billing.yaml", BILLING.replace("Billing team", "Billing and refunds"));
  const mark = p.mark();
  const up = await tool(["up", "--stack", "local"]);
  expect(up.code).toBe(1);
  expect(out(up)).toMatch(
    new RegExp(
      'STOP +Billing \\(queues/billing\\): changed outside the stack: queue "Billing": ' +
        "wrap-up prompt: the org has OPTIONAL, this run writes MANDATORY_TIMEOUT",
    ),
  );
  expect(writes(mark)).toEqual([]);
  expect((await queues()).get("Billing")!.acwSettings).toEqual({ wrapupPrompt: "OPTIONAL" });
});

it("4. with a member in Billing, down deletes the flows, keeps the queues (adopted, in use) and the prompt (adopted)", async () => {
  p.write("objects/queues/billing.yaml", BILLING);
  const users = (await api("GET", "/api/v2/users")) as { entities: Array<{ id: string }> };
  await api("POST", `${QUEUES}/${String((await queues()).get("Billing")!.id)}/members`, [{ id: users.entities[0].id }]);
  const down = ok(await tool(["down", "--stack", "local", "--yes"]));
  expect(out(down)).toContain(
    'queue "Billing" is in use (1 member(s)): the stack leaves it in the org when it deletes it ' +
      "(down, or its file removed)",
  );
  expect([...publishedFlows(p.emulator).keys()]).toEqual([]);
  expect([...(await queues()).keys()].sort()).toEqual(["Billing", "Sales", "Support"]);
  expect([...(await prompts()).keys()]).toEqual(["Welcome_prompt"]);
  // The data table the stack created is deleted with its row, and the data action it created (not the adopted one).
  expect(await api("GET", TABLES)).toMatchObject({ entities: [] });
  expect(await api("GET", ACTIONS)).toMatchObject({ entities: [{ name: "Get order" }] });
});

it("5. the next up adopts what down kept (Billing with its member, Sales, Support, the prompt, Get order), creates the data action down deleted", async () => {
  const mark = p.mark();
  const up = ok(await tool(["up", "--stack", "local", "--yes"]));
  expect(out(up)).toContain('queue "Billing" is in the org');
  const created = (path: string) => writes(mark).filter((e) => e.method === "POST" && e.path === path).length;
  expect([created(QUEUES), created(PROMPTS), created(ACTIONS)]).toEqual([0, 0, 1]);
  expect([...(await queues()).keys()].sort()).toEqual(["Billing", "Sales", "Support"]);
  expect(await api("GET", ACTIONS)).toMatchObject({
    entities: expect.arrayContaining([expect.objectContaining({ name: "Get customer" })]),
  });
  expect([...publishedFlows(p.emulator).keys()].length).toBeGreaterThan(0);
});
