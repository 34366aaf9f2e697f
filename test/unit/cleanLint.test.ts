// "Clean" means clean: lint given some files reads the whole portfolio (a call to a module is
// checked against the module, a module against its callers) and reports only those files; lint
// with no --stack checks every stack the project has and says, in its JSON, what did not run and
// why; a stack whose org is the emulator's org file (genesys-flows:emulatorOrg, as the local stack)
// is checked against it offline by lint and by the review, which say where the file is. A project
// built here.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runLint } from "../../tools/lintFlows";
import { main as diffMain } from "../../tools/flowsDiff";
import { tempProject } from "../../testkit/portfolio";
import { commitAsMain, runMain } from "../../testkit/fixtureProject";

const MODULE = `kind: commonModule
name: VerifyCaller
compatibleFlowTypes: [inboundCall]
inputs:
  callerNumber: { type: string }
outputs:
  accountId: { type: string }
start: Done
nodes:
  Done: { type: return, outcome: completed, outputs: { accountId: Common.callerNumber } }
`;

/** A caller of VerifyCaller transferring to `queue` (a placeholder each stack fills). */
const caller = (queue = "{{returns_queue}}") => `kind: inboundCall
name: Returns
variables:
  customer: { type: string }
start: Verify
nodes:
  Verify:
    type: subflow
    module: VerifyCaller
    inputs: { callerNumber: Call.Ani }
    outputs: { accountId: customer }
    transitions: { completed: Transfer, error: Goodbye }
  Transfer:
    type: transferToQueue
    queue: "${queue}"
    transitions: { failure: Goodbye }
  Goodbye: { type: disconnect }
`;

const LOCAL = `config:
  genesys-flows:environment: local
  genesys-flows:namePrefix: local-
  genesys-flows:emulatorOrg: orgs/local.yaml
  genesys-flows:substitutions:
    returns_queue: Returns local
`;
const PROD = `config:
  genesys-flows:environment: prod
  genesys-flows:namePrefix: prod-
  genesys-flows:substitutions:
    returns_queu: Returns
`;
const LOCAL_ORG = "queues:\n- Returns local\n";

/** A call of data action CRM/Get customer. */
const LOOKUP = `kind: inboundCall
name: Lookup
variables:
  customer: { type: string }
start: Look
nodes:
  Look:
    type: dataAction
    category: CRM
    action: Get customer
    inputs: { phone: Call.Ani }
    outputs: { name: customer }
    transitions: { success: Bye, failure: Bye, timeout: Bye }
  Bye: { type: disconnect }
`;

function project(files: Record<string, string> = {}): string {
  return tempProject({
    "flows/modules/verify-caller.yaml": MODULE,
    "flows/calls/returns.yaml": caller(),
    "Pulumi.local.yaml": LOCAL,
    "Pulumi.prod.yaml": PROD,
    "policies/config/local.json": "{}\n",
    "policies/config/prod.json": "{}\n",
    "orgs/local.yaml": LOCAL_ORG,
    ...files,
  });
}

interface Json {
  summary: { exitCode: number; errors: number; warnings: number };
  stacks: string[];
  results: Array<{
    ruleId: string;
    level: string;
    file: string;
    node: string | null;
    problem: string;
    fix: string;
    stacks?: string[];
  }>;
  notRun: Array<{ rule: string; stack: string | null; why: string }>;
}
const lintJson = (root: string, ...argv: string[]) => {
  const r = runLint(["--format", "json", ...argv], { cwd: root });
  return { code: r.exitCode, json: JSON.parse(r.stdout) as Json };
};

describe("lint of some files reads the whole portfolio", () => {
  test("a caller linted alone sees the module it calls; only its own findings are reported", () => {
    const root = project({ "flows/calls/broken.yaml": "kind: inboundCall\nname: Broken\nstart: X\nnodes: {}\n" });
    const { code, json } = lintJson(root, "--stack", "local", "flows/calls/returns.yaml");
    expect(json.results).toEqual([]);
    expect(code).toBe(0);
  });

  test("a module linted alone is checked against its callers' bindings (they are reported in the callers' files only)", () => {
    const root = project({
      "flows/modules/verify-caller.yaml": MODULE.replace(
        "callerNumber: { type: string }",
        "callerNumber: { type: integer }",
      ),
    });
    // The caller binds Call.Ani, a string: its file has the finding, the module's lint does not.
    expect(lintJson(root, "--stack", "local", "flows/modules/verify-caller.yaml").json.results).toEqual([]);
    const callerLint = lintJson(root, "--stack", "local", "flows/calls/returns.yaml").json;
    expect(callerLint.results.map((r) => [r.ruleId, r.file, r.node])).toEqual([
      ["archy-unknown", "flows/calls/returns.yaml", "Verify"],
    ]);
  });

  test("a call to a module that is not in the portfolio is still refused, naming the portfolio's modules", () => {
    const root = project({
      "flows/calls/returns.yaml": caller().replace("module: VerifyCaller", "module: VerifyCallr"),
    });
    const [f] = lintJson(root, "--stack", "local", "flows/calls/returns.yaml").json.results;
    expect(f).toMatchObject({
      ruleId: "module-interface",
      file: "flows/calls/returns.yaml",
      problem: 'no common module named "VerifyCallr"; did you mean "VerifyCaller"?',
    });
  });
});

describe("lint without --stack checks every stack", () => {
  test("a placeholder one stack lacks fails the default lint, with the stack named and the key it has suggested", () => {
    const { code, json } = lintJson(project());
    expect(code).toBe(1);
    expect(json.stacks).toEqual(["local", "prod"]);
    const missing = json.results.filter((r) => r.ruleId === "placeholders");
    expect(missing).toEqual([
      expect.objectContaining({
        file: "flows/calls/returns.yaml",
        node: "Transfer",
        problem: 'placeholder "{{returns_queue}}" has no value in stack "prod"; did you mean {{returns_queu}}?',
        stacks: ["prod"],
      }),
    ]);
    expect(missing[0].fix).toBe(
      'write {{returns_queu}}, or add "returns_queue" to genesys-flows:substitutions (all flows) or genesys-flows:flows.calls/returns.substitutions in Pulumi.prod.yaml',
    );
  });

  test("what did not run is a JSON field, with why: the pack-only rules, and the org of a stack that has a real one", () => {
    const root = project({ "Pulumi.prod.yaml": PROD.replace("returns_queu:", "returns_queue:") });
    const { code, json } = lintJson(root);
    expect(code).toBe(0);
    expect(json.results).toEqual([]);
    expect(json.notRun).toEqual([
      {
        rule: "module-outside-callers",
        stack: null,
        why: "it reads what the engine registers: the policy pack runs it in preview and up",
      },
      {
        rule: "module-wiring",
        stack: null,
        why: "it reads what the engine registers: the policy pack runs it in preview and up",
      },
      {
        rule: "org-references",
        stack: "prod",
        why: 'it reads the org of stack "prod": lint --stack prod --org (preview and up run it)',
      },
    ]);
    const text = runLint([], { cwd: root }).stdout;
    expect(text).toContain('No violations in 2 files (as written and as stacks "local", "prod" deploy them).');
  });

  test("a project with no stack file says the stack rules did not run", () => {
    const root = tempProject({ "flows/modules/verify-caller.yaml": MODULE, "flows/calls/returns.yaml": caller() });
    const { json } = lintJson(root);
    expect(json.notRun.filter((n) => n.rule === "placeholders")).toEqual([
      {
        rule: "placeholders",
        stack: null,
        why: "it needs a stack: lint checks every Pulumi.<stack>.yaml when there is one, or give --stack <name>",
      },
    ]);
  });
});

describe("the local stack's org is the emulator's org file (genesys-flows:emulatorOrg)", () => {
  const missingQueue = () => project({ "orgs/local.yaml": "queues:\n- Sales local\n" });

  test("lint --stack local refuses a queue the file lacks, naming the file and where to add it", () => {
    const { code, json } = lintJson(missingQueue(), "--stack", "local");
    expect(code).toBe(1);
    const [f] = json.results;
    expect(f).toMatchObject({ ruleId: "org-references", file: "flows/calls/returns.yaml", node: "Transfer" });
    expect(f.problem).toContain('queue "Returns local" (written {{returns_queue}})');
    expect(f.problem).toContain(
      "the emulator's org (orgs/local.yaml, the org npm start gives it) has no queue of that name",
    );
    expect(f.fix).toMatch(/^declare it under objects\/ \(docs\/objects.md\) or add it to orgs\/local\.yaml/);
    expect(lintJson(project(), "--stack", "local").json.results).toEqual([]);
  });

  test("the default lint runs it too", () => {
    expect(lintJson(missingQueue()).json.results.map((r) => [r.ruleId, r.stacks])).toEqual([
      ["org-references", ["local"]],
      ["placeholders", ["prod"]],
    ]);
  });

  test("an org file that does not read is why the check did not run", () => {
    const root = project({ "orgs/local.yaml": "queuez: []\n" });
    const { json } = lintJson(root, "--stack", "local");
    expect(json.notRun.find((n) => n.rule === "org-references")).toMatchObject({
      stack: "local",
      why: expect.stringMatching(/^org file .*orgs\/local\.yaml: .*queuez/),
    });
  });

  test("a stack that names no emulator org is not checked against the file: its org is read by preview, up and lint --org", () => {
    const root = project({
      "Pulumi.local.yaml": LOCAL.replace("  genesys-flows:emulatorOrg: orgs/local.yaml\n", ""),
      "orgs/local.yaml": "queues:\n- Sales local\n",
    });
    const { json } = lintJson(root, "--stack", "local");
    expect(json.results).toEqual([]);
    expect(json.notRun).toContainEqual({
      rule: "org-references",
      stack: "local",
      why: 'it reads the org of stack "local": lint --stack local --org (preview and up run it)',
    });
  });

  test("the setting is a file inside the project", () => {
    const root = project({ "Pulumi.local.yaml": LOCAL.replace("orgs/local.yaml", "../outside.yaml") });
    const r = runLint(["--stack", "local"], { cwd: root });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain("genesys-flows:emulatorOrg");
    expect(r.stderr).toContain("a YAML file inside the project");
  });

  test("the review of stack local refuses it too, and says where the org's file is", () => {
    const root = project();
    commitAsMain(root);
    const clean = runMain(diffMain as never, ["--root", root, "--base", "main", "--stack", "local"]);
    expect(clean.code).toBe(0);
    expect(clean.out).toContain(
      "Org references: checked against the emulator's org, orgs/local.yaml (the org npm start gives it): every object the flows name is there.",
    );
    const org = join(root, "orgs/local.yaml");
    expect(readFileSync(org, "utf8")).toBe(LOCAL_ORG);
    writeFileSync(org, "queues:\n- Sales local\n");
    const refused = runMain(diffMain as never, ["--root", root, "--base", "main", "--stack", "local"]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('queue "Returns local" (written {{returns_queue}})');
    expect(refused.out).toContain(
      "Org references: checked against the emulator's org, orgs/local.yaml (the org npm start gives it): 1 missing (above); add them there or fix the names.",
    );
  });

  // What the file cannot check is named, by lint and by the review alike, and refuses nothing.
  test("a data action the org file lists without its contract: a warning at the call in lint, named in the review", () => {
    const root = project({
      "flows/calls/lookup.yaml": LOOKUP,
      "orgs/local.yaml": `${LOCAL_ORG}dataActions:\n- {category: CRM, name: Get customer}\n`,
    });
    const { code, json } = lintJson(root, "--stack", "local");
    expect(code).toBe(0);
    expect(json.results.map((r) => [r.ruleId, r.level, r.file, r.node])).toEqual([
      ["archy-unknown", "advisory", "flows/calls/lookup.yaml", "Look"],
    ]);
    expect(json.results[0].problem).toContain(
      "the emulator's org (orgs/local.yaml, the org npm start gives it) does not describe its inputs and outputs",
    );
    expect(json.results[0].fix).toMatch(/^describe its inputs and outputs in orgs\/local\.yaml/);
    commitAsMain(root);
    const review = runMain(diffMain as never, ["--root", root, "--base", "main", "--stack", "local"]);
    expect(review.code).toBe(0);
    expect(review.out).toContain(
      "every object the flows name is there; not checked, undescribed there: the contract of data action CRM/Get customer.",
    );
    writeFileSync(
      join(root, "orgs/local.yaml"),
      `${LOCAL_ORG}dataActions:\n- {category: CRM, name: Get customer, inputs: {phone: string}, outputs: {name: string}}\n`,
    );
    expect(lintJson(root, "--stack", "local").json.results).toEqual([]);
  });
  test("a data action the stack declares (objects/data-actions/) is there for the flows calling it, by category and name", () => {
    const action = `name: Get customer
integration: CRM
category: CRM
contract:
  input: { type: object, properties: { phone: { type: string } } }
  output: { type: object, properties: { name: { type: string } } }
`;
    const root = project({ "flows/calls/lookup.yaml": LOOKUP, "objects/data-actions/get-customer.yaml": action });
    expect(lintJson(root, "--stack", "local")).toEqual({ code: 0, json: expect.objectContaining({ results: [] }) });
    writeFileSync(
      join(root, "objects/data-actions/get-customer.yaml"),
      action.replace("category: CRM", "category: Billing"),
    );
    const { code, json } = lintJson(root, "--stack", "local");
    expect(code).toBe(1);
    expect(json.results.map((r) => [r.ruleId, r.file, r.node])).toEqual([
      ["org-references", "flows/calls/lookup.yaml", "Look"],
    ]);
  });
});
