// The org-reference check's reads against the emulator over real HTTP (org/objects.ts through the
// same client and sign-in as verify), and `lint --stack <s> --org`: every page of a kind is read,
// only referenced kinds are read, and lint reports what the org lacks at the flow's node under
// rule org-references (exit 1), and nothing once the org has it.
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import YAML from "yaml";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { readOrgObjects } from "../../org/objects";
import { OrgFileSchema, orgFileCatalog, type OrgFileInput } from "../../project/orgFile";
import { parseStackSettings } from "../../planner/stackSettings";
import { connectToOrg } from "../../org/signIn";
import { runLintCommand } from "../../tools/lintFlows";
import { copyPortfolio, STACK } from "../../testkit/fixtureProject";
import { tempProject } from "../../testkit/tempProject";

let emu: RunningEmulator;
const ORG: OrgFileInput = {
  queues: Array.from({ length: 230 }, (_, i) => `Queue ${String(i).padStart(3, "0")}`).concat([
    "Sales test",
    "Support test",
  ]),
};
beforeAll(async () => {
  emu = await startEmulator({ org: ORG });
});
afterAll(async () => {
  await emu.stop();
});

const gateway = () => ({ gateway: { protocol: "http", host: "127.0.0.1", port: String(emu.port) } });

test("reads every page of a referenced kind, and nothing else", async () => {
  const settings = parseStackSettings(
    {
      "genesys-flows:environment": "dev",
      "genesys-flows:provider": gateway(),
      "genesys-flows:accessToken": emu.accessToken,
    },
    "Pulumi.dev.yaml",
  );
  const c = await connectToOrg({ stack: "dev", settings, env: {} });
  const before = emu.requestLog.list().at(-1)?.seq ?? 0;
  const read = await readOrgObjects(c.api, ["queue"]);
  expect(read.catalog.names("queue")).toHaveLength(232);
  expect(read.catalog.has("queue", "Queue 229")).toBe(true);
  const requests = emu.requestLog.list().filter((e) => e.seq > before);
  expect(requests.map((e) => e.operation)).toEqual(["org.objects.list", "org.objects.list", "org.objects.list"]);
});

// Lint reads a stack's org file offline; up reads the emulator given that file. The two must see the
// same contracts, or lint passes a data action call up refuses (issue 89: an undescribed contract
// served as an empty one refused every input the flow named).
test("the data actions the emulator serves are the org file's, contracts undescribed where the file leaves them", async () => {
  const file: OrgFileInput = {
    queues: ["Sales test", "Support test"],
    dataActions: [
      {
        category: "Billing",
        name: "Balance",
        inputs: { accountId: "string" },
        outputs: { "details.amount": "decimal", paid: "boolean" },
      },
      { category: "Billing", name: "Ping", inputs: {} },
      { category: "Billing", name: "Lookup" },
    ],
  };
  emu.setOrg(file);
  try {
    const settings = parseStackSettings(
      {
        "genesys-flows:environment": "dev",
        "genesys-flows:provider": gateway(),
        "genesys-flows:accessToken": emu.accessToken,
      },
      "Pulumi.dev.yaml",
    );
    const served = (
      await readOrgObjects(
        (
          await connectToOrg({ stack: "dev", settings, env: {} })
        ).api,
        ["dataAction"],
        new Set(["Billing/Balance", "Billing/Ping", "Billing/Lookup"]),
      )
    ).catalog;
    const offline = orgFileCatalog(OrgFileSchema.parse(file));
    for (const name of ["Balance", "Ping", "Lookup"])
      expect({ name, ...served.dataAction("Billing", name) }).toEqual({ name, ...offline.dataAction("Billing", name) });
    expect(served.dataAction("Billing", "Lookup")).toEqual({ category: "Billing", name: "Lookup" });
    expect(served.dataAction("Billing", "Ping")).toEqual({ category: "Billing", name: "Ping", inputs: {} });
  } finally {
    emu.setOrg(ORG);
  }
});

// The same verdict on a data action call: lint of a stack whose org is an org file (offline), and
// lint --org of a stack on an emulator given that file (what preview and up read).
describe("a data action's contract: the org file read offline and served by the emulator agree", () => {
  const SUBSTITUTIONS =
    "  genesys-flows:substitutions: {sales_priority_queue: Sales priority, general_queue: General, support_queue: Support, billing_queue: Billing}\n";
  const orgOf = (verifyPin: string) =>
    `queues: [Sales priority, General, Support, Billing]\ndataActions:\n  - {category: Accounts, name: Verify PIN${verifyPin}}\n`;
  const verdicts = async (verifyPin: string) => {
    const root = tempProject({}, { from: join(__dirname, "../fixtures/refactor-pin-account"), prefix: "contract-" });
    writeFileSync(join(root, "orgs.yaml"), orgOf(verifyPin));
    mkdirSync(join(root, "policies/config"), { recursive: true });
    for (const stack of ["local", "online"]) writeFileSync(join(root, `policies/config/${stack}.json`), "{}\n");
    writeFileSync(
      join(root, "Pulumi.local.yaml"),
      `config:\n  genesys-flows:environment: local\n${SUBSTITUTIONS}  genesys-flows:emulatorOrg: orgs.yaml\n`,
    );
    writeFileSync(
      join(root, "Pulumi.online.yaml"),
      `config:\n  genesys-flows:environment: local\n${SUBSTITUTIONS}  genesys-flows:provider:\n    gateway: {protocol: http, host: 127.0.0.1, port: "${emu.port}"}\n  genesys-flows:accessToken: ${emu.accessToken}\n`,
    );
    emu.setOrg(OrgFileSchema.parse(YAML.parse(orgOf(verifyPin))));
    const refusals = async (args: string[]) => {
      const r = await runLintCommand(args, { cwd: root });
      expect(r.stderr).toBe("");
      expect(r.report!.rules.find((x) => x.id === "org-references")?.status).toBe("run");
      const refused = r
        .report!.findings.filter((f) => f.ruleId === "org-references" && f.level === "mandatory")
        .map((f) => `${f.file} ${f.node} ${f.field}`);
      // What neither can check: the calls of a data action whose contract is undescribed, one warning per file.
      const unchecked = r
        .report!.findings.filter((f) => f.subject === "contract of data action Accounts/Verify PIN")
        .map((f) => `${f.ruleId} ${f.level} ${f.file} ${f.node}`);
      return { refused, unchecked };
    };
    return { offline: await refusals(["--stack", "local"]), served: await refusals(["--stack", "online", "--org"]) };
  };

  afterAll(() => emu.setOrg(ORG));

  it.each([
    ["undescribed: passed by both", "", false],
    [
      "described, with every input the flows name: passed by both",
      ", inputs: {phone: string, pin: string}, outputs: {accountId: string, valid: boolean}",
      false,
    ],
    [
      "described without an input the flows name: refused by both",
      ", inputs: {phone: string}, outputs: {accountId: string, valid: boolean}",
      true,
    ],
  ])("%s", async (_, verifyPin, refused) => {
    const { offline, served } = await verdicts(verifyPin);
    expect(served).toEqual(offline);
    const PIN =
      'tasks[0].task.actions[1].loop.outputs.loop.actions[0].collectInput.outputs.success.actions[0].callData.category.Accounts.dataAction["Verify PIN"].inputs.pin';
    expect(offline.refused).toEqual(
      refused
        ? [
            `flows/calls/billing.yaml Lookup inboundCall.${PIN}`,
            `flows/calls/sales.yaml Lookup inboundCall.${PIN}`,
            `flows/calls/support.yaml CheckAccount inboundCall.${PIN}`,
          ]
        : [],
    );
    const undescribed = verifyPin === "";
    expect(offline.unchecked).toEqual(
      undescribed
        ? [
            "archy-unknown advisory flows/calls/billing.yaml Lookup",
            "archy-unknown advisory flows/calls/sales.yaml Lookup",
            "archy-unknown advisory flows/calls/support.yaml CheckAccount",
          ]
        : [],
    );
  });
});

describe("lint --org", () => {
  let root: string;
  beforeEach(() => {
    root = copyPortfolio("lint-org-");
    mkdirSync(join(root, "policies/config"), { recursive: true });
    writeFileSync(join(root, `policies/config/${STACK}.json`), "{}\n");
    appendFileSync(
      join(root, `Pulumi.${STACK}.yaml`),
      `  genesys-flows:provider:\n    gateway: {protocol: http, host: 127.0.0.1, port: "${emu.port}"}\n  genesys-flows:accessToken: ${emu.accessToken}\n`,
    );
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test("reports each org object the org lacks at its flow and node (rule org-references, exit 1)", async () => {
    const r = await runLintCommand(["--stack", STACK, "--org"], { cwd: root });
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(1);
    const org = r.report!.findings.filter((f) => f.ruleId === "org-references");
    expect(org.length).toBeGreaterThan(0);
    expect(org.every((f) => f.level === "mandatory")).toBe(true);
    const sales = org.find((f) => f.file === "flows/calls/sales.yaml")!;
    expect(sales.node).toBe("ToSales");
    expect(sales.message).toMatch(
      /queue "Sales VIP" \(written \{\{sales_queue\}\}\) \(compiled line \d+\): gateway http:\/\/127\.0\.0\.1:\d+ \(genesys-flows:provider\.gateway in Pulumi\.test\.yaml\) has no queue of that name; nearest: "Sales test"/,
    );
    expect(r.report!.rules.find((x) => x.id === "org-references")?.status).toBe("run");
  });

  test("without --org the rule is not run, and says how to run it", async () => {
    const r = await runLintCommand(["--stack", STACK], { cwd: root });
    expect(r.report!.findings.filter((f) => f.ruleId === "org-references")).toEqual([]);
    expect(r.report!.rules.find((x) => x.id === "org-references")?.status).toBe("needs-org");
    expect(r.stdout).toContain(
      'Not run: org-references: it reads the org of stack "test": lint --stack test --org (preview and up run it).',
    );
    expect(r.report!.notRun).toContainEqual({
      rule: "org-references",
      stack: "test",
      why: 'it reads the org of stack "test": lint --stack test --org (preview and up run it)',
    });
  });

  test("--org without --stack is a usage error", async () => {
    const r = await runLintCommand(["--org"], { cwd: root });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("--org needs --stack <name>");
  });
});
