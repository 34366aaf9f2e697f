// Promotion from one org to another (issue 96 item 6; docs/objects.md "Promote to another org"),
// with the real engine, provider and policy pack against two emulators on their own ports. Org A
// (the dev org) holds what its stack deployed: two modules, four flows, the queues, ACD skill and
// language skill they name, and people's unrelated objects (a user, a queue no flow names). `init
// --from-org` of three of its flows, pointed at A's port on the command line with the token from
// the environment, starts a new repository declaring exactly what those flows need: the flows, the
// module they call (named as its file names it), the objects they name, no user, no division and
// nothing unrelated. A second stack file for org B (another emulator, another org id, another name
// prefix) is added beside it, and one `up` of the files as init wrote them deploys everything to
// the empty org B: verify is OK there, and org A is as it was.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn, type SpawnOptions } from "node:child_process";
import * as YAML from "yaml";
import { createProject, expectOk, publishedFlows, ROOT, runCli, type E2eProject } from "../../testkit/harness";
import { callFlow, LOOKUP } from "../../testkit/fixtures";
import { documented, excerpt } from "../../testkit/docOutputs";

jest.setTimeout(20 * 60_000);

const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
const ORG_A = { id: "a0a0a0a0-0000-4000-8000-00000000000a", name: "Dev org" };
const ORG_B = { id: "b0b0b0b0-0000-4000-8000-00000000000b", name: "Test org" };
const PROMO = { ...LOOKUP, name: "Promo" };
const billing = callFlow("Billing", "Lookup", "address", "{{billing_queue}}");
billing.nodes.Transfer = {
  ...billing.nodes.Transfer,
  skills: ["{{billing_skill}}"],
  languageSkill: "{{billing_language}}",
} as typeof billing.nodes.Transfer;

let a: E2eProject;
let b: E2eProject | undefined;
let repo: string;

beforeAll(async () => {
  a = await createProject({
    stack: "dev",
    flows: {
      "modules/lookup.yaml": y(LOOKUP),
      "modules/promo.yaml": y(PROMO),
      "calls/sales.yaml": y(callFlow("Sales", "Lookup", "address", "{{sales_queue}}")),
      "calls/billing.yaml": y(billing),
      "calls/support.yaml": y(callFlow("Support", "Lookup", "address", "{{support_queue}}")),
      "calls/marketing.yaml": y(callFlow("Marketing", "Promo", "address", "{{marketing_queue}}")),
    },
    objects: {
      "queues/sales.yaml": 'name: "{{sales_queue}}"\ndescription: Sales team\nacwTimeoutMs: 60000\n',
      "queues/billing.yaml": 'name: "{{billing_queue}}"\n',
      "queues/support.yaml": 'name: "{{support_queue}}"\n',
      "queues/marketing.yaml": 'name: "{{marketing_queue}}"\n',
      "skills/billing.yaml": 'name: "{{billing_skill}}"\n',
      "languages/billing.yaml": 'name: "{{billing_language}}"\n',
    },
    settings: {
      environment: "dev",
      namePrefix: "dev-",
      substitutions: {
        sales_queue: "Sales dev",
        billing_queue: "Billing dev",
        support_queue: "Support dev",
        marketing_queue: "Marketing dev",
        billing_skill: "Invoices",
        billing_language: "Dutch",
      },
    },
    orgObjects: "fixed",
    emulator: {
      org: { users: [{ name: "Dana Agent" }], queues: [{ name: "Lobby" }], skills: [{ name: "Spanish" }] },
      strict: true,
      organization: ORG_A,
    },
  });
  expectOk(await a.up(["--skip-preview"]));
  repo = fs.mkdtempSync(path.join(os.tmpdir(), "gf-promotion-"));
});

afterAll(async () => {
  await a?.cleanup();
  await b?.cleanup();
  if (repo !== undefined) fs.rmSync(repo, { recursive: true, force: true });
});

/** A command's exit code and what it printed. */
const ran = (command: string, args: string[], options: SpawnOptions) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });

/** Org A as the tests compare it: its flows and versions, its org objects. */
const orgA = () => ({
  flows: [...publishedFlows(a.emulator)].map(([name, f]) => `${name} v${f.version}`).sort(),
  objects: a.emulator.store.orgObjects.snapshot().map((o) => `${o.kind} ${o.id} ${JSON.stringify(o.fields ?? {})}`),
});
/** The files under `dir` of the new repository, by their path below it. */
const filesUnder = (dir: string): Record<string, string> => {
  const base = path.join(repo, dir);
  if (!fs.existsSync(base)) return {};
  return Object.fromEntries(
    (fs.readdirSync(base, { recursive: true }) as string[])
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .map((f) => [f.replace(/\\/g, "/"), fs.readFileSync(path.join(base, f), "utf8")]),
  );
};

it("init --from-org of three flows: exactly their module and the objects they name; org B deploys them in one up", async () => {
  const before = orgA();
  // Not spawnSync: the emulators answer from this process.
  const init = await ran(
    process.execPath,
    [
      path.join(ROOT, "bin/genesys-flows"),
      "init",
      path.join(repo, "team"),
      "--from-org",
      "--stack",
      "dev",
      "--gateway",
      `http://127.0.0.1:${a.emulator.port}`,
      ...["--flow", "dev-Sales", "--flow", "dev-Billing", "--flow", "dev-Support"],
      "--package",
      "0.0.0",
      "--no-install",
    ],
    {
      cwd: repo,
      env: { ...process.env, GENESYSCLOUD_ACCESS_TOKEN: a.emulator.accessToken },
    },
  );
  const said = `${init.stdout}${init.stderr}`;
  if (init.code !== 0) throw new Error(`init exited ${init.code}:\n${said.slice(-6000)}`);
  repo = path.join(repo, "team");
  const flows = filesUnder("flows");
  const objects = filesUnder("objects");
  expect(Object.keys(flows)).toEqual([
    "imported/billing.yaml",
    "imported/lookup.yaml",
    "imported/sales.yaml",
    "imported/support.yaml",
  ]);
  // Callers name the module as its file does, never org A's published name.
  expect(flows["imported/sales.yaml"]).toMatch(/module: Lookup\n/);
  const model = Object.values(flows).map((t) => t.replace(/^#.*\n/gm, ""));
  expect(model.join("\n")).not.toContain("dev-");
  expect(Object.keys(objects)).toEqual([
    "languages/dutch.yaml",
    "queues/billing-dev.yaml",
    "queues/sales-dev.yaml",
    "queues/support-dev.yaml",
    "skills/invoices.yaml",
  ]);
  // The org's settings of an object, under the substitution its name became.
  expect(YAML.parse(objects["queues/sales-dev.yaml"]!)).toEqual({
    name: expect.stringMatching(/^\{\{\w+\}\}$/),
    description: "Sales team",
    acwTimeoutMs: 60000,
  });
  const all = JSON.stringify({ flows, objects });
  for (const unrelated of ["Dana", "Lobby", "Spanish", "Marketing", "Promo", "division"])
    expect(all).not.toContain(unrelated);
  const devStack = YAML.parse(fs.readFileSync(path.join(repo, "Pulumi.dev.yaml"), "utf8")).config;
  expect(devStack["genesys-flows:provider"]).toEqual({
    gateway: { protocol: "http", host: "127.0.0.1", port: String(a.emulator.port) },
  });
  expect(JSON.stringify(devStack)).not.toContain(a.emulator.accessToken);
  documented("objects/promote-init", excerpt(said, "wrote flows/imported", "Next:"));

  // Org B: a second stack file beside the files init wrote (its place, org id, name prefix, and the names of its objects).
  const names = devStack["genesys-flows:substitutions"] as Record<string, string>;
  b = await createProject({
    stack: "staging",
    flows,
    objects,
    settings: { environment: "staging", namePrefix: "staging-", substitutions: names },
    orgObjects: "fixed",
    emulator: { org: {}, strict: true, organization: ORG_B },
  });
  const up = await b.up();
  expectOk(up);
  expect([...publishedFlows(b.emulator).keys()].sort()).toEqual([
    "staging-Billing",
    "staging-Lookup",
    "staging-Sales",
    "staging-Support",
  ]);
  expect(
    b.emulator.store.orgObjects
      .snapshot()
      .map((o) => `${o.kind} ${String(o.fields?.name)}`)
      .sort(),
  ).toEqual(["languageSkill Dutch", "queue Billing dev", "queue Sales dev", "queue Support dev", "skill Invoices"]);
  expect(b.emulator.store.claims.snapshot()).toEqual([]);
  const verify = await runCli(b, ["verify", "--stack", "staging"], b.pulumiEnv);
  if (verify.code !== 0) throw new Error(`verify exited ${verify.code}:\n${verify.stdout}${verify.stderr}`);
  expect(verify.stdout).toContain("OK: every flow of the stack runs what the stack deployed");
  expect(orgA()).toEqual(before);
});

it("a publish Genesys refuses leaves no claim behind in the org", async () => {
  if (b === undefined) throw new Error("org B was not deployed by the test before");
  b.write("flows/imported/refunds.yaml", y(callFlow("Refunds", "Lookup", "address", "{{queue_billing_dev}}")));
  b.emulator.setFaults({ jobFailures: [{ flowName: "staging-Refunds", message: "Injected: refused" }] });
  const failed = await b.up(["--skip-preview"]);
  expect(failed.code).not.toBe(0);
  expect(failed.output).toContain("Injected: refused");
  // Flows created by name that nothing was published to (the emulator keeps them apart from the flows).
  expect(b.emulator.store.claims.snapshot().map((c) => c.name)).toEqual([]);
  b.emulator.setFaults({});
  expectOk(await b.up(["--skip-preview"]));
  expect(publishedFlows(b.emulator).has("staging-Refunds")).toBe(true);
});
