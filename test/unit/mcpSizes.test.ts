// The sizes docs/agents.md promises for the agent interface's concise answers (the characters an
// agent reads: the answer's JSON text), measured on the test's own portfolios: one the size of the
// shipped examples (two modules, one calling the other, five callers of three kinds, seven
// placeholders in three stacks) and one six times as large. list_flows grows with the portfolio
// by at most what the page says a flow, a module and a placeholder cost; node_types stays under
// its bound for every kind; lint stays under its bound when clean, and a finding costs at most its
// share. The page states the same numbers (BUDGETS): one changed without the other fails here.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { KIND_NAMES } from "../../model/kinds";
import { tempProject } from "../../testkit/tempProject";
import { callTool, MCP_TOOLS } from "../../tools/mcp/tools";

/** docs/agents.md's numbers, in characters. */
const BUDGETS = {
  listFlowsBase: 300,
  listFlowsFlow: 120,
  listFlowsModule: 250,
  listFlowsPlaceholder: 40,
  nodeTypes: 12_000,
  lintClean: 1_000,
  lintFinding: 400,
};

const KINDS = ["inboundCall", "inboundEmail", "inboundShortMessage"] as const;

/** A portfolio of `callers` flows (kinds in turn), each calling one of two modules, and `keys` placeholders every stack fills. */
function portfolio(
  callers: number,
  keys: number,
): { root: string; flows: number; modules: number; placeholders: number } {
  const files: Record<string, string> = {
    "flows/modules/lookup-customer.yaml": `kind: commonModule
name: LookupCustomer
compatibleFlowTypes: [${KINDS.join(", ")}]
inputs:
  address: { type: string }
outputs:
  customerId: { type: string }
  tier: { type: string }
start: Done
nodes:
  Done: { type: return, outcome: completed, outputs: { customerId: Common.address, tier: '"gold"' } }
`,
    "flows/modules/verify-caller.yaml": `kind: commonModule
name: VerifyCaller
compatibleFlowTypes: [inboundCall]
inputs:
  callerNumber: { type: string }
outputs:
  accountId: { type: string }
  tier: { type: string }
start: Lookup
nodes:
  Lookup:
    type: subflow
    module: LookupCustomer
    inputs: { address: Common.callerNumber }
    outputs: { customerId: accountId, tier: tier }
    transitions: { completed: Done, error: Failed }
  Done: { type: return, outcome: completed }
  Failed: { type: return, outcome: error }
`,
  };
  const substitutions = Array.from({ length: keys }, (_, i) => `    queue_${i}: Queue ${i}\n`).join("");
  for (const stack of ["dev", "local", "prod"])
    files[`Pulumi.${stack}.yaml`] =
      `config:\n  genesys-flows:environment: ${stack}\n  genesys-flows:namePrefix: ${stack}-\n  genesys-flows:substitutions:\n${substitutions}`;
  for (let i = 0; i < callers; i++) {
    const kind = KINDS[i % KINDS.length];
    const call =
      kind === "inboundCall"
        ? `    type: subflow\n    module: VerifyCaller\n    inputs: { callerNumber: Call.Ani }\n`
        : `    type: subflow\n    module: LookupCustomer\n    inputs: { address: '"someone"' }\n`;
    files[`flows/${kind === "inboundCall" ? "calls" : "digital"}/line-${i}.yaml`] = `kind: ${kind}
name: Line${i}
start: Check
nodes:
  Check:
${call}    transitions: { completed: Transfer, error: Bye }
  Transfer:
    type: transferToQueue
    queue: "{{queue_${i % keys}}}"
    transitions: { failure: Bye }
  Bye: { type: disconnect }
`;
  }
  return { root: tempProject(files), flows: callers, modules: 2, placeholders: keys };
}

async function answerSize(
  root: string,
  name: string,
  args: Record<string, unknown> = {},
): Promise<{ size: number; value: Record<string, unknown> }> {
  const answer = await callTool(MCP_TOOLS.find((t) => t.name === name)!, root, args);
  if (!answer.ok) throw new Error(`${name}: ${answer.error}`);
  return { size: JSON.stringify(answer.value).length, value: answer.value as Record<string, unknown> };
}

describe("the agent interface's answers stay within the sizes docs/agents.md gives", () => {
  test.each([
    ["the examples' size", 5, 7],
    ["six times as large", 30, 20],
  ])("list_flows on a portfolio of %s", async (_name, callers, keys) => {
    const p = portfolio(callers, keys);
    const { size, value } = await answerSize(p.root, "list_flows");
    expect((value.flows as unknown[]).length).toBe(p.flows + p.modules);
    expect(size).toBeLessThanOrEqual(
      BUDGETS.listFlowsBase +
        BUDGETS.listFlowsFlow * p.flows +
        BUDGETS.listFlowsModule * p.modules +
        BUDGETS.listFlowsPlaceholder * p.placeholders,
    );
  });

  test("node_types: every kind's whole reference", async () => {
    const root = tempProject({});
    for (const kind of KIND_NAMES)
      expect({ kind, under: (await answerSize(root, "node_types", { kind })).size <= BUDGETS.nodeTypes }).toEqual({
        kind,
        under: true,
      });
  });

  test("lint: a clean project, and one finding more costs at most a finding's share", async () => {
    const p = portfolio(5, 7);
    const clean = await answerSize(p.root, "lint");
    expect(clean.value).toMatchObject({ exitCode: 0, findings: [] });
    expect(clean.size).toBeLessThanOrEqual(BUDGETS.lintClean);
    const broken = portfolio(5, 7);
    const file = join(broken.root, "flows/calls/line-0.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("error: Bye", "error: Goodby"));
    const one = await answerSize(broken.root, "lint");
    expect((one.value.findings as unknown[]).length).toBe(1);
    expect(one.size).toBeLessThanOrEqual(BUDGETS.lintClean + BUDGETS.lintFinding);
  });

  test("docs/agents.md states these numbers", () => {
    const page = readFileSync(join(__dirname, "../../docs/agents.md"), "utf8").replace(/\s+/g, " ");
    const n = (x: number) => x.toLocaleString("en-US");
    expect(page).toContain(
      `\`list_flows\` at most ${n(BUDGETS.listFlowsBase)} plus ${n(BUDGETS.listFlowsFlow)} a flow, ${n(BUDGETS.listFlowsModule)} a module and ${n(BUDGETS.listFlowsPlaceholder)} a placeholder`,
    );
    expect(page).toContain(`\`node_types\` at most ${n(BUDGETS.nodeTypes)} for any kind`);
    expect(page).toContain(
      `\`lint\` at most ${n(BUDGETS.lintClean)} when clean and ${n(BUDGETS.lintFinding)} more a finding`,
    );
  });
});
