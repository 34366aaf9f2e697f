// The MCP server's refactoring tools through the MCP SDK's own client, in process, on a project of
// the tests' own flows (testkit/refactorFlows.ts): suggest lists the PIN check three flows copy;
// the extraction's and the injection's dry runs answer the files they would write (texts
// included) and the proof, and write nothing; a refusal is an error naming the node and why.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { readTree, tempProject } from "../../testkit/tempProject";
import { NOTICE_MODULE, OTHER_PROMPT_CALLER, PIN_STACK_FILE, pinProjectFiles } from "../../testkit/refactorFlows";
import { createMcpServer } from "../../tools/mcp/server";

let root: string;
let client: Client;

// biome-ignore lint/suspicious/noExplicitAny: a tool's JSON answer: each test reads the fields it asserts on
type Json = Record<string, any>;

async function call(
  name: string,
  args: Record<string, unknown>,
): Promise<{ isError: boolean; text: string; json?: Json }> {
  const r = await client.callTool({ name, arguments: args });
  const text = (r.content as Array<{ type: string; text: string }>)[0]?.text ?? "";
  return { isError: r.isError === true, text, ...(r.isError === true ? {} : { json: JSON.parse(text) as Json }) };
}

beforeAll(async () => {
  root = tempProject({
    ...pinProjectFiles({ "calls/returns.yaml": OTHER_PROMPT_CALLER, "modules/recording-notice.yaml": NOTICE_MODULE }),
    "Pulumi.local.yaml": PIN_STACK_FILE,
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createMcpServer(root).connect(serverSide);
  client = new Client({ name: "refactor-test", version: "1.0.0" });
  await client.connect(clientSide);
});
afterAll(() => client.close());

describe("the MCP refactoring tools", () => {
  test("refactor_suggest lists the subgraph the flows share, with where it occurs and its interface", async () => {
    const r = await call("refactor_suggest", {});
    expect(r.isError).toBe(false);
    const [top] = r.json!.suggestions;
    expect(top).toMatchObject({
      nodes: 4,
      flows: 3,
      names: ["AskPin", "CheckPin", "NotVerified", "Verified"],
      inputs: [{ name: "pinLength", type: "integer" }],
      outputs: [{ name: "verified", type: "boolean" }],
      extractable: true,
    });
    expect(top.occurrences.map((o: { flow: string }) => o.flow)).toEqual([
      "calls/billing",
      "calls/sales",
      "calls/support",
    ]);
  });

  test("refactor_extract_module answers the files it would write and the proof, and writes nothing", async () => {
    const before = readTree(root);
    const r = await call("refactor_extract_module", {
      name: "PinCheck",
      flows: ["calls/sales", "calls/support", "calls/billing"],
    });
    expect(r.isError).toBe(false);
    expect(r.json!.written).toBe(false);
    expect(r.json!.proof.holds).toBe(true);
    expect(r.json!.proof.journeys.map((j: { flow: string; summary: string }) => [j.flow, j.summary])).toEqual([
      ["calls/billing", "4 journeys, unchanged (node names aside); PinCheck completes 4 times, never ends in error"],
      ["calls/sales", "4 journeys, unchanged (node names aside); PinCheck completes 4 times, never ends in error"],
      ["calls/support", "4 journeys, unchanged (node names aside); PinCheck completes 4 times, never ends in error"],
    ]);
    expect(r.json!.outputs).toEqual([{ name: "verified", type: "boolean" }]);
    const written = r.json!.files as Array<{ file: string; change: string; text: string }>;
    expect(written.map((f) => [f.file, f.change])).toEqual([
      ["flows/modules/pin-check.yaml", "create"],
      ["flows/calls/sales.yaml", "update"],
      ["flows/calls/support.yaml", "update"],
      ["flows/calls/billing.yaml", "update"],
      ["scenarios/calls/sales/pin.yaml", "update"],
    ]);
    expect(written[0].text).toContain("kind: commonModule\nname: PinCheck\n");
    expect(readTree(root)).toEqual(before);
  });

  test("refactor_call_module answers the injection's files and proof, and writes nothing", async () => {
    const before = readTree(root);
    const r = await call("refactor_call_module", {
      module: "RecordingNotice",
      at: "start",
      flows: ["calls/sales", "calls/support"],
    });
    expect(r.isError).toBe(false);
    expect(r.json!.proof.holds).toBe(true);
    expect(r.json!.callers.map((c: { flow: string; call: string }) => [c.flow, c.call])).toEqual([
      ["calls/sales", "RecordingNotice"],
      ["calls/support", "RecordingNotice"],
    ]);
    expect(r.json!.files.map((f: { file: string }) => f.file)).toEqual([
      "flows/calls/sales.yaml",
      "flows/calls/support.yaml",
    ]);
    expect(readTree(root)).toEqual(before);
  });

  test("refactor_extract_module takes the outputs to return, and refuses to leave out one a caller reads after the nodes", async () => {
    const r = await call("refactor_extract_module", {
      name: "PinCheck",
      flows: ["calls/sales", "calls/support", "calls/billing"],
      outputs: ["verified", "pin"],
    });
    expect(r.isError).toBe(false);
    expect(r.json!.outputs).toEqual([
      { name: "pin", type: "string" },
      { name: "verified", type: "boolean" },
    ]);
    expect(r.json!.proof.holds).toBe(true);
    const refused = await call("refactor_extract_module", {
      name: "PinCheck",
      flows: ["calls/sales", "calls/support", "calls/billing"],
      outputs: [],
    });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain(
      'flows/calls/sales.yaml: node "Route": reads verified after the nodes that write it: the module must return verified (add it to the outputs chosen)',
    );
  });

  test("a refusal is an error naming the node and why", async () => {
    const r = await call("refactor_extract_module", {
      name: "PinCheck",
      flows: ["calls/sales", "calls/returns"],
      nodes: ["AskPin", "CheckPin", "NotVerified", "Verified"],
      from: "calls/sales",
    });
    expect(r.isError).toBe(true);
    expect(r.text).toContain(
      'flows/calls/returns.yaml: holds no copy of the subgraph of flows/calls/sales.yaml: the closest, from node "AskPin", matches 0 of its 4 nodes (node "AskPin" differs from "AskPin" of flows/calls/sales.yaml in prompt)',
    );
  });
});
