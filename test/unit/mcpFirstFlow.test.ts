// AGENTS.md's loop, as an agent runs it through the MCP SDK's own client: a new call flow with a
// module call, a menu and a placeholder reaches a clean lint (every stack, the local org's file
// included) in three calls (list_flows, node_types, lint), built only from what the answers say,
// and every answer stays small. Then what the interface promises of every tool: an output schema
// and a read-only annotation, concise answers with the full report one `detail: true` away, and
// scenarios that fail below minCoverage with each tested flow's coverage apart from its modules'.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { tempProject } from "../../testkit/portfolio";
import { createMcpServer } from "../../tools/mcp/server";
import { MCP_TOOLS } from "../../tools/mcp/tools";

const MODULE = `kind: commonModule
name: VerifyCaller
compatibleFlowTypes: [inboundCall]
inputs:
  callerNumber: { type: string }
outputs:
  accountId: { type: string }
start: Check
nodes:
  Check:
    type: decision
    expression: IsNotSetOrEmpty(Common.callerNumber)
    transitions: { yes: Unknown, no: Known }
  Known: { type: return, outcome: completed, outputs: { accountId: Common.callerNumber } }
  Unknown: { type: return, outcome: error }
`;

const SALES = `kind: inboundCall
name: Sales
start: Welcome
nodes:
  Welcome:
    type: playMessage
    prompt: Welcome to {{brand}} sales.
    transitions: { next: Transfer }
  Transfer:
    type: transferToQueue
    queue: "{{sales_queue}}"
    transitions: { failure: Bye }
  Bye: { type: disconnect }
`;

const stackFile = (env: string, queue: string) => `config:
  genesys-flows:environment: ${env}
  genesys-flows:namePrefix: ${env}-
${env === "local" ? "  genesys-flows:emulatorOrg: orgs/local.yaml\n" : ""}  genesys-flows:substitutions:
    brand: Acme
    sales_queue: ${queue}
`;

function project(): string {
  return tempProject({
    "flows/modules/verify-caller.yaml": MODULE,
    "flows/calls/sales.yaml": SALES,
    "Pulumi.local.yaml": stackFile("local", "Sales local"),
    "Pulumi.prod.yaml": stackFile("prod", "Sales"),
    "orgs/local.yaml": "queues:\n- Sales local\n",
    "scenarios/calls/sales/welcome.yaml":
      'stack: local\nscenarios:\n  - name: Welcomed and put through\n    call: { ani: "+13175550100" }\n    expect: { path: [Welcome, Transfer], outcome: { transferToQueue: Sales local } }\n',
  });
}

async function connect(root: string): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createMcpServer(root).connect(serverSide);
  const client = new Client({ name: "first-flow-test", version: "1.0.0" });
  await client.connect(clientSide);
  return client;
}

/** One tool call as the agent pays for it: the characters of the answer it reads (its text; the structured content is the same JSON). */
async function call(
  client: Client,
  log: Array<{ tool: string; bytes: number }>,
  name: string,
  args: Record<string, unknown> = {},
) {
  const r = await client.callTool({ name, arguments: args });
  const text = (r.content as Array<{ type: string; text: string }>)[0].text;
  expect(JSON.parse(text)).toEqual(r.structuredContent);
  log.push({ tool: name, bytes: text.length });
  expect(r.isError).not.toBe(true);
  // biome-ignore lint/suspicious/noExplicitAny: the tool's structured content: each test reads the fields it asserts on
  return r.structuredContent as any;
}

test("a new flow with a module call, a menu and a placeholder lints clean in three calls, each answer small", async () => {
  const root = project();
  const client = await connect(root);
  const log: Array<{ tool: string; bytes: number }> = [];

  // 1. What there is: the module to call with its interface, and the placeholders every stack fills.
  const listed = await call(client, log, "list_flows");
  const module = listed.flows.find((f: { kind: string }) => f.kind === "commonModule");
  expect(module).toMatchObject({
    name: "VerifyCaller",
    inputs: { callerNumber: "string" },
    outputs: { accountId: "string" },
    compatibleFlowTypes: ["inboundCall"],
  });
  const everyStack = Object.entries(listed.placeholders as Record<string, string[]>)
    .filter(([, stacks]) => stacks.length === listed.stacks.length)
    .map(([key]) => key);
  expect(everyStack).toEqual(["brand", "sales_queue"]);

  // 2. How a call flow is written: its fields and its node types, each with a valid example.
  const reference = await call(client, log, "node_types", { kind: "inboundCall" });
  const example = (type: string) =>
    structuredClone(reference.nodeTypes.find((n: { type: string }) => n.type === type).example);
  expect(
    reference.flowFields
      .filter((f: { required: boolean }) => f.required)
      .map((f: { field: string }) => f.field)
      .sort(),
  ).toEqual(["kind", "name", "nodes", "start"]);

  // The agent writes its flow from the examples: the menu's choices, the module's input and output, a placeholder.
  const menu = example("menu");
  menu.prompt = "For your account press 1. For sales press 2.";
  menu.choices = { account: { dtmf: "1" }, sales: { dtmf: "2" } };
  menu.transitions = { account: "Verify", sales: "Transfer", noInput: "Bye" };
  const verify = example("subflow");
  verify.module = module.name;
  verify.inputs = { callerNumber: "Call.Ani" };
  verify.outputs = { accountId: "account" };
  verify.transitions = { completed: "Transfer", error: "Bye" };
  delete verify.label;
  const transfer = { type: "transferToQueue", queue: `{{${everyStack[1]}}}`, transitions: { failure: "Bye" } };
  const flow = {
    kind: "inboundCall",
    name: "Accounts",
    variables: { account: { type: "string" } },
    start: "Menu",
    nodes: { Menu: menu, Verify: verify, Transfer: transfer, Bye: example("disconnect") },
  };
  mkdirSync(join(root, "flows/calls"), { recursive: true });
  writeFileSync(join(root, "flows/calls/accounts.yaml"), YAML.stringify(flow));

  // 3. Lint: clean, as written and as every stack deploys it (the local org's queues included).
  const lint = await call(client, log, "lint", { paths: ["flows/calls/accounts.yaml"] });
  expect(lint).toMatchObject({ exitCode: 0, errors: 0, warnings: 0, findings: [], stacks: ["local", "prod"] });
  expect(
    lint.notRun.map((n: { rule: string; stack?: string }) => `${n.rule}${n.stack ? ` (${n.stack})` : ""}`),
  ).toEqual(["module-outside-callers", "module-wiring", "org-references (prod)"]);

  expect(log.map((l) => l.tool)).toEqual(["list_flows", "node_types", "lint"]);
  const bytes = Object.fromEntries(log.map((l) => [l.tool, l.bytes]));
  // What an agent reads: the whole reference of a call flow's node types once, then answers under a kilobyte.
  expect(bytes.list_flows).toBeLessThan(1_000);
  expect(bytes.node_types).toBeLessThan(10_000);
  expect(bytes.lint).toBeLessThan(1_000);
  await client.close();
});

describe("what every tool promises", () => {
  test("an output schema and the MCP annotations: read-only, but the import", async () => {
    const client = await connect(project());
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(MCP_TOOLS.map((t) => t.name).sort());
    for (const t of tools) {
      expect({ tool: t.name, outputSchema: t.outputSchema?.type }).toEqual({ tool: t.name, outputSchema: "object" });
      expect({
        tool: t.name,
        readOnly: t.annotations?.readOnlyHint,
        openWorld: t.annotations?.openWorldHint,
        destructive: t.annotations?.destructiveHint,
      }).toEqual({
        tool: t.name,
        readOnly: t.name !== "import_archy",
        openWorld: false,
        destructive: false,
      });
    }
    await client.close();
  });

  test("lint answers the findings; detail: true adds the full report", async () => {
    const root = project();
    writeFileSync(join(root, "flows/calls/broken.yaml"), SALES.replace("failure: Bye", "failure: Byee"));
    const client = await connect(root);
    const log: Array<{ tool: string; bytes: number }> = [];
    const concise = await call(client, log, "lint", { paths: ["flows/calls/broken.yaml"] });
    expect(concise.findings.map((f: { ruleId: string; node: string }) => `${f.ruleId} ${f.node}`)).toEqual([
      "flow-references Transfer",
      "reachable-nodes Bye",
    ]);
    expect(concise.detail).toBeUndefined();
    const detailed = await call(client, log, "lint", { paths: ["flows/calls/broken.yaml"], detail: true });
    expect(detailed.detail.rules.length).toBeGreaterThan(10);
    expect(log[1].bytes).toBeGreaterThan(4 * log[0].bytes);
    await client.close();
  });

  test("run_scenarios: each tested flow's coverage apart from its modules'; below minCoverage the result fails", async () => {
    const root = project();
    const calling = SALES.replace("start: Welcome", "variables:\n  account: { type: string }\nstart: Verify").replace(
      "nodes:\n",
      "nodes:\n  Verify:\n    type: subflow\n    module: VerifyCaller\n    inputs: { callerNumber: Call.Ani }\n    outputs: { accountId: account }\n    transitions: { completed: Welcome, error: Bye }\n",
    );
    writeFileSync(join(root, "flows/calls/sales.yaml"), calling);
    writeFileSync(
      join(root, "scenarios/calls/sales/welcome.yaml"),
      'stack: local\nscenarios:\n  - name: Known caller put through\n    call: { ani: "+13175550100" }\n    expect: { path: [Verify, Welcome, Transfer], outcome: { transferToQueue: Sales local } }\n',
    );
    const client = await connect(root);
    const log: Array<{ tool: string; bytes: number }> = [];
    const run = await call(client, log, "run_scenarios", { minCoverage: 90 });
    expect(run.coverage.map((c: { flow: string }) => c.flow)).toEqual(["calls/sales"]);
    expect(run.modules.map((c: { flow: string }) => c.flow)).toEqual(["modules/verify-caller"]);
    const sales = run.coverage[0];
    expect(sales.percent).toBeLessThan(90);
    expect(sales.notCovered).toEqual(expect.arrayContaining(["Bye", "Verify -error-> Bye", "Transfer -failure-> Bye"]));
    expect(run).toMatchObject({
      exitCode: 1,
      passed: 1,
      failed: 0,
      minCoverage: 90,
      belowMinCoverage: ["calls/sales"],
    });
    const lenient = await call(client, log, "run_scenarios", { minCoverage: 50 });
    expect(lenient).toMatchObject({ exitCode: 0, belowMinCoverage: [] });
    await client.close();
  });

  test("node_types narrows to some types, and detail adds their fields and JSON schema", async () => {
    const client = await connect(project());
    const log: Array<{ tool: string; bytes: number }> = [];
    const two = await call(client, log, "node_types", {
      kind: "inboundEmail",
      types: ["sendAutoReply", "disconnect"],
      detail: true,
    });
    expect(two.nodeTypes.map((n: { type: string }) => n.type)).toEqual(["sendAutoReply", "disconnect"]);
    expect(two.nodeTypes[0].fields).toEqual(expect.any(String));
    expect(two.nodeTypes[0].schema).toMatchObject({ type: "object", properties: { type: { const: "sendAutoReply" } } });
    const r = await client.callTool({ name: "node_types", arguments: { kind: "inboundEmail", types: ["menu"] } });
    expect(r.isError).toBe(true);
    expect((r.content as Array<{ text: string }>)[0].text).toMatch(
      /^inbound email flows have no node type "menu"; they have: /,
    );
    await client.close();
  });
});
