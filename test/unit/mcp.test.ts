// The agent interface (genesys-flows mcp) through the MCP SDK's own client, in process: an
// agent-style session on a fresh project writes a new flow and its scenarios from nothing, is
// told what is wrong, fixes it, and ends with lint clean, scenarios green, coverage >= 90 % and a
// review of the change, with no network connection made (no org call). Then the boundary: every
// tool that takes a path or flow id refuses one outside the project, links included, and the
// import never overwrites.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import * as net from "node:net";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { tempProject } from "../../testkit/portfolio";
import { createMcpServer } from "../../tools/mcp/server";
import { MCP_TOOLS } from "../../tools/mcp/tools";

const STACK = `config:
  genesys-flows:environment: local
  genesys-flows:namePrefix: local-
  genesys-flows:substitutions:
    brand: Acme
    general_queue: General local
`;

const HELLO = `kind: inboundCall
name: Hello
start: Greet
nodes:
  Greet:
    type: playMessage
    prompt: Hello from {{brand}}.
    transitions:
      next: Bye
  Bye:
    type: disconnect
`;

const HELLO_SCENARIO = `stack: local
scenarios:
  - name: A caller is greeted
    call: { ani: "+13175550100" }
    expect:
      path: [Greet, Bye]
      hears: [Hello from Acme.]
      outcome: disconnect
`;

/** The agent's new flow, first with a typo in a transition (Goodby). */
const hours = (goodbye: string) => `kind: inboundCall
name: Opening Hours
description: Tells callers the opening hours, or puts them through.
variables:
  choice:
    type: string
start: Welcome
nodes:
  Welcome:
    type: playMessage
    prompt: Welcome to {{brand}}.
    transitions:
      next: Menu
  Menu:
    type: collectDigits
    prompt: For our opening hours, press 1. To speak to someone, press 2.
    variable: choice
    maxDigits: 1
    transitions:
      success: Route
      failure: Goodbye
  Route:
    type: decision
    expression: Flow.choice == "1"
    transitions:
      yes: Hours
      no: Transfer
  Hours:
    type: playMessage
    prompt: We are open from nine to five, Monday to Friday.
    transitions:
      next: ${goodbye}
  Transfer:
    type: transferToQueue
    queue: "{{general_queue}}"
    prompt: Connecting you.
    transitions:
      failure: Goodbye
  Goodbye:
    type: disconnect
`;

const HOURS_SCENARIOS = `stack: local
scenarios:
  - name: Opening hours
    call: { ani: "+13175550100" }
    steps: [{ at: Menu, digits: "1" }]
    expect:
      path: [Welcome, Menu, Route, Hours, Goodbye]
      hears: ["We are open from nine to five, Monday to Friday."]
      outcome: disconnect
  - name: Someone to speak to
    call: { ani: "+13175550100" }
    steps: [{ at: Menu, digits: "2" }]
    expect:
      path: [Welcome, Menu, Route, Transfer]
      outcome: { transferToQueue: General local }
  - name: Silence at the menu
    call: { ani: "+13175550100" }
    steps: [{ at: Menu, silence: true }]
    expect:
      path: [Welcome, Menu, Goodbye]
      outcome: disconnect
  - name: The queue cannot take the call
    call: { ani: "+13175550100" }
    steps: [{ at: Menu, digits: "2" }]
    org:
      queues: { General local: unavailable }
    expect:
      path: [Welcome, Menu, Route, Transfer, Goodbye]
      outcome: disconnect
`;

const git = (root: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false", ...args], {
    cwd: root,
    stdio: "pipe",
  }).toString();

async function connect(root: string): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createMcpServer(root).connect(serverSide);
  const client = new Client({ name: "agent-session-test", version: "1.0.0" });
  await client.connect(clientSide);
  return client;
}

interface Answer {
  isError: boolean;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: the tool's JSON: each test reads the fields it asserts on
  json: any;
}

async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<Answer> {
  const r = await client.callTool({ name, arguments: args });
  const text = (r.content as Array<{ type: string; text: string }>)[0]?.text ?? "";
  return { isError: r.isError === true, text, json: r.isError === true ? undefined : JSON.parse(text) };
}

/** Counts every attempt to open a network connection (http, https and the org client all open one through net.Socket) or to fetch while `run` runs. */
async function countingNetwork<T>(run: () => Promise<T>): Promise<{ result: T; attempts: string[] }> {
  const attempts: string[] = [];
  const spies = [
    jest.spyOn(net.Socket.prototype, "connect").mockImplementation(function (this: net.Socket) {
      attempts.push("net.Socket.connect");
      throw new Error("no network in an MCP session");
    }),
    jest.spyOn(globalThis, "fetch").mockImplementation(() => {
      attempts.push("fetch");
      throw new Error("no network in an MCP session");
    }),
  ];
  try {
    return { result: await run(), attempts };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}

test("an agent writes a flow and its scenarios from nothing and ends clean, green, covered and reviewed, with no network", async () => {
  const root = tempProject({
    "Pulumi.local.yaml": STACK,
    "flows/calls/hello.yaml": HELLO,
    "scenarios/calls/hello/greet.yaml": HELLO_SCENARIO,
  });
  git(root, "init", "-q", "-b", "main");
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "start");
  const client = await connect(root);

  const { attempts } = await countingNetwork(async () => {
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(MCP_TOOLS.map((t) => t.name).sort());

    // What is there: one flow, its interface.
    const before = await call(client, "list_flows");
    expect(before.json.flows).toEqual([{ id: "calls/hello", kind: "inboundCall", name: "Hello" }]);
    expect(before.json.placeholders).toEqual({ brand: ["local"], general_queue: ["local"] });

    // The agent writes its flow (with a typo), and lint says where and why.
    mkdirSync(join(root, "flows/calls"), { recursive: true });
    writeFileSync(join(root, "flows/calls/hours.yaml"), hours("Goodby"));
    const first = await call(client, "lint", { paths: ["flows/calls/hours.yaml"] });
    expect(first.json.exitCode).toBe(1);
    const finding = first.json.findings.find(
      (r: { node: string; ruleId: string }) => r.node === "Hours" && r.ruleId === "flow-references",
    );
    expect(finding).toMatchObject({ ruleId: "flow-references", level: "mandatory", file: "flows/calls/hours.yaml" });
    expect(finding.problem).toContain("Goodby");
    const rule = await call(client, "explain_rule", { id: finding.ruleId });
    expect(rule.json).toMatchObject({ id: "flow-references", url: "docs/rules.md#flow-references" });

    // Fixed: lint of the whole project is clean.
    writeFileSync(join(root, "flows/calls/hours.yaml"), hours("Goodbye"));
    const clean = await call(client, "lint");
    expect(clean.json).toMatchObject({ errors: 0, warnings: 0, exitCode: 0, findings: [] });

    const compiled = await call(client, "compile_flow", { flow: "calls/hours" });
    expect(compiled.json.publishedName).toBe("local-Opening Hours");
    expect(compiled.json.archy).toContain("inboundCall:");
    expect(compiled.json.archy).toContain("Welcome to Acme.");

    // Its scenarios: green, and they cover the flow.
    mkdirSync(join(root, "scenarios/calls/hours"), { recursive: true });
    writeFileSync(join(root, "scenarios/calls/hours/menu.yaml"), HOURS_SCENARIOS);
    const run = await call(client, "run_scenarios", { minCoverage: 90 });
    expect(run.json).toMatchObject({
      exitCode: 0,
      passed: 5,
      failed: 0,
      stopped: 0,
      failures: [],
      belowMinCoverage: [],
    });
    expect(run.json.coverage.map((c: { flow: string }) => c.flow)).toEqual(["calls/hello", "calls/hours"]);
    expect(run.json.coverage.every((c: { percent: number }) => c.percent >= 90)).toBe(true);

    const journeys = await call(client, "list_journeys", { flow: "calls/hours" });
    expect(journeys.json.count).toBeGreaterThanOrEqual(3);
    expect(journeys.json.journeys).toHaveLength(journeys.json.count);

    // The review of the change against the commit it started from: the new flow, nothing refused.
    const review = await call(client, "review", { base: "HEAD", detail: true });
    expect(review.json.refusals).toEqual([]);
    expect(review.json.added).toEqual(["flows/calls/hours.yaml"]);
    expect(review.json.report).toContain("Opening Hours");

    // The compiled Archy, imported back as a flow file where the agent says; never over a file.
    writeFileSync(join(root, "hours.archy.yaml"), compiled.json.archy);
    const imported = await call(client, "import_archy", { source: "hours.archy.yaml", out: "flows/imported" });
    expect(imported.isError).toBe(false);
    // The import's outcome as data: the file it wrote, from which export, and the share of typed actions.
    const [file] = imported.json.written;
    expect(file).toMatchObject({ file: "flows/imported/local-opening-hours.yaml", source: "hours.archy.yaml", raw: 0 });
    expect(file.typed).toBeGreaterThan(0);
    expect(readFileSync(join(root, file.file), "utf8")).toContain("Opening Hours");
    // The queue it transfers to, declared beside it.
    expect(imported.json.objects).toEqual([
      { file: "objects/queues/general-local.yaml", declares: 'queue "General local"' },
    ]);
    expect(imported.json.notes).toEqual([]);
    const again = await call(client, "import_archy", { source: "hours.archy.yaml", out: "flows/imported" });
    expect(again.isError).toBe(true);
    expect(again.text).toContain("nothing written");
  });
  expect(attempts).toEqual([]);
  await client.close();
});

describe("the boundary: every path and flow id stays inside the project", () => {
  const outside = tempProject({}, { prefix: "genesys-flows-outside-" });
  writeFileSync(join(outside, "secret.yaml"), "kind: inboundCall\nname: Secret\n");
  let root: string;
  let client: Client;
  beforeAll(async () => {
    root = tempProject({
      "Pulumi.local.yaml": STACK,
      "flows/calls/hello.yaml": HELLO,
      "scenarios/calls/hello/greet.yaml": HELLO_SCENARIO,
    });
    symlinkSync(join(outside, "secret.yaml"), join(root, "flows/link.yaml"));
    symlinkSync(outside, join(root, "elsewhere"));
    client = await connect(root);
  });
  afterAll(() => client.close());

  const AWAY = [
    join(outside, "secret.yaml"),
    "../secret.yaml",
    "flows/link.yaml",
    "elsewhere/secret.yaml",
    "elsewhere/new",
  ];
  const FLOW_IDS_AWAY = ["../../secret", "/etc/passwd", "../link"];

  test("each tool's path arguments (and only those tools take paths)", async () => {
    const withPaths = MCP_TOOLS.filter((t) => t.pathArgs.length > 0).map((t) => t.name);
    expect(withPaths.sort()).toEqual([
      "compile_flow",
      "import_archy",
      "lint",
      "list_journeys",
      "refactor_call_module",
      "refactor_extract_module",
      "refactor_suggest",
      "review",
      "run_scenarios",
    ]);
    for (const tool of MCP_TOOLS) {
      for (const arg of tool.pathArgs) {
        const isFlowId = arg === "flow" || arg === "flows" || arg === "from";
        for (const away of isFlowId ? FLOW_IDS_AWAY : AWAY) {
          const args: Record<string, unknown> =
            tool.name === "import_archy"
              ? { source: "flows/calls/hello.yaml", out: "flows/imported" }
              : { name: "M", module: "M", at: "start", flows: ["calls/hello"], base: "HEAD" };
          args[arg] = arg === "paths" || arg === "flows" ? [away] : away;
          if (tool.name === "compile_flow" || tool.name === "list_journeys")
            args.flow = isFlowId ? away : "calls/hello";
          const r = await call(client, tool.name, args);
          expect({ tool: tool.name, arg, away, isError: r.isError }).toEqual({
            tool: tool.name,
            arg,
            away,
            isError: true,
          });
          expect(r.text).toMatch(/outside the project|not a flow id/);
          expect(r.text).not.toContain("Secret");
        }
      }
    }
  });

  test("a stack name is a name, not a path", async () => {
    for (const name of ["compile_flow", "list_journeys", "run_scenarios", "lint"]) {
      const r = await call(client, name, { flow: "calls/hello", stack: "../../x" });
      expect(r.isError).toBe(true);
      expect(r.text).toContain("is not a stack name");
    }
  });

  test("nothing was written outside", () => {
    expect(readFileSync(join(outside, "secret.yaml"), "utf8")).toBe("kind: inboundCall\nname: Secret\n");
    expect(() => readFileSync(join(outside, "new"))).toThrow();
  });
});
