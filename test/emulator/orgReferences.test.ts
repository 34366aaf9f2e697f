// The org-reference check's reads against the emulator over real HTTP (org/objects.ts through the
// same client and sign-in as verify), and `lint --stack <s> --org`: every page of a kind is read,
// only referenced kinds are read, and lint reports what the org lacks at the flow's node under
// rule org-references (exit 1), and nothing once the org has it.
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { readOrgObjects } from "../../org/objects";
import { parseStackSettings } from "../../planner/stackSettings";
import { connectToOrg } from "../../org/signIn";
import { runLintCommand } from "../../tools/lintFlows";
import { copyPortfolio, STACK } from "../../testkit/fixtureProject";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ org: { queues: Array.from({ length: 230 }, (_, i) => `Queue ${String(i).padStart(3, "0")}`).concat(["Sales test", "Support test"]) } });
});
afterAll(async () => {
  await emu.stop();
});

const gateway = () => ({ gateway: { protocol: "http", host: "127.0.0.1", port: String(emu.port) } });

test("reads every page of a referenced kind, and nothing else", async () => {
  const settings = parseStackSettings({ "genesys-flows:environment": "dev", "genesys-flows:provider": gateway(), "genesys-flows:accessToken": emu.accessToken }, "Pulumi.dev.yaml");
  const c = await connectToOrg({ stack: "dev", settings, env: {} });
  const before = emu.requestLog.list().at(-1)?.seq ?? 0;
  const read = await readOrgObjects(c.api, ["queue"]);
  expect(read.catalog.names("queue")).toHaveLength(232);
  expect(read.catalog.has("queue", "Queue 229")).toBe(true);
  const requests = emu.requestLog.list().filter((e) => e.seq > before);
  expect(requests.map((e) => e.operation)).toEqual(["org.objects.list", "org.objects.list", "org.objects.list"]);
});

describe("lint --org", () => {
  let root: string;
  beforeEach(() => {
    root = copyPortfolio("lint-org-");
    mkdirSync(join(root, "policies/config"), { recursive: true });
    writeFileSync(join(root, `policies/config/${STACK}.json`), "{}\n");
    appendFileSync(join(root, `Pulumi.${STACK}.yaml`), `  genesys-flows:provider:\n    gateway: {protocol: http, host: 127.0.0.1, port: "${emu.port}"}\n  genesys-flows:accessToken: ${emu.accessToken}\n`);
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
    expect(sales.message).toMatch(/queue "Sales VIP" \(written \{\{sales_queue\}\}\) \(compiled line \d+\): gateway http:\/\/127\.0\.0\.1:\d+ \(genesys-flows:provider\.gateway in Pulumi\.test\.yaml\) has no queue of that name; nearest: "Sales test"/);
    expect(r.report!.rules.find((x) => x.id === "org-references")?.status).toBe("run");
  });

  test("without --org the rule is not run, and says how to run it", async () => {
    const r = await runLintCommand(["--stack", STACK], { cwd: root });
    expect(r.report!.findings.filter((f) => f.ruleId === "org-references")).toEqual([]);
    expect(r.report!.rules.find((x) => x.id === "org-references")?.status).toBe("needs-org");
    expect(r.stdout).toContain('Not run: org-references: it reads the org of stack "test": lint --stack test --org (preview and up run it).');
    expect(r.report!.notRun).toContainEqual({ rule: "org-references", stack: "test", why: 'it reads the org of stack "test": lint --stack test --org (preview and up run it)' });
  });

  test("--org without --stack is a usage error", async () => {
    const r = await runLintCommand(["--org"], { cwd: root });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("--org needs --stack <name>");
  });
});
