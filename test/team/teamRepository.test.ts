// A team's repository as a team gets it: genesys-flows packed (npm pack of a copy of this tree),
// a repository started with `genesys-flows init` in a temporary folder outside this one, the tarball
// installed there with npm, and the team's two commands. Then an upgrade to a second tarball of the
// same tree with a higher version and a format change this test makes: a stack setting renamed
// with its migration, and a new mandatory rule the team's flows break. Nothing here reads this
// repository's own portfolio: the team's files are what init wrote.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { editFile, readTree } from "../../testkit/tempProject";
import { documented, excerpt } from "../../testkit/docOutputs";
import { pack, PERSON_ENV, stagedTree } from "../../testkit/teamPackage";

const ROOT = path.resolve(__dirname, "../..");

interface Ran {
  code: number;
  out: string;
  stdout: string;
}

function run(cwd: string, command: string, args: string[]): Ran {
  const r = spawnSync(command, args, { cwd, env: PERSON_ENV, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? 1, out: `${r.stdout ?? ""}${r.stderr ?? ""}`, stdout: r.stdout ?? "" };
}

/** Fails with what the command printed unless it exited `code`. */
function expectCode(r: Ran, code = 0): string {
  if (r.code !== code) throw new Error(`exited ${r.code} (expected ${code}):\n${r.out.slice(-8000)}`);
  return r.out;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** The team's files as a person edits them (not what npm, git or a run keep). */
function teamFiles(dir: string): Record<string, string> {
  return Object.fromEntries(Object.entries(readTree(dir)).filter(([f]) => !/^(node_modules|\.git|\.work)\//.test(f) && f !== "package.json" && f !== "package-lock.json"));
}

// The second version: what a release that renames a setting and adds a rule would change.
const RULE = `  {
    id: "prod-flow-owner",
    description: "Every flow a protected stack publishes names its owner in its description.",
    remediation: "Add \\"Owner: <team>\\" to the flow's description.",
    core: false,
    defaultEnforcement: "mandatory",
    severity: "low",
    tags: ["flow", "prod"],
    check: eachFlow((f, run) => (guardrailApplies(stackOf(run), run.settings) && !/Owner: /.test(f.model.description ?? "") ? [flowFinding(f, "prod-flow-owner", "description", \`flow "\${f.model.name}" names no owner\`, 'add "Owner: <team>" to its description')] : [])),
    needsStack: true,
    settings: { environments: ENVIRONMENTS },
  },
];

export function ruleInfo(`;

function secondVersion(dir: string): void {
  editFile(dir, "package.json", /"version": "[^"]+"/, '"version": "0.3.0"');
  editFile(dir, "CHANGELOG.md", "## [Unreleased]\n", "## [Unreleased]\n\n## [0.3.0] - 2026-12-01\n\n### Changed\n- `genesys-flows:releasesKept` is now `genesys-flows:releasesToKeep` (format 2): `genesys-flows upgrade --write` renames it.\n\n### Added\n- Rule `prod-flow-owner`: a flow a protected stack publishes names its owner.\n");
  fs.writeFileSync(
    path.join(dir, "planner/migrations.json"),
    JSON.stringify({ format: 2, migrations: [{ format: 2, version: "0.3.0", summary: "releasesKept is releasesToKeep", changes: [{ renameSetting: { from: "releasesKept", to: "releasesToKeep" } }] }] }, null, 2),
  );
  editFile(dir, "planner/stackSettings.ts", "    releasesKept: z.union", "    releasesToKeep: z.union");
  editFile(dir, "components/releaseRecord.ts", "portfolio.settings.releasesKept", "portfolio.settings.releasesToKeep");
  editFile(dir, "checks/rules.ts", "];\n\nexport function ruleInfo(", RULE);
  editFile(dir, "checks/rules.ts", /import \{ ([^}]*)\} from "\.\/guardrails";/, 'import { $1, guardrailApplies } from "./guardrails";\nimport { flowFinding } from "./locate";');
}

describe("a team's repository on the packed tool", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "gf-team-"));
  const team = path.join(out, "acme-flows");
  const gf = (...args: string[]) => run(team, path.join(team, "node_modules/.bin/genesys-flows"), args);
  let first: { tarball: string; files: string[] };

  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  test("npm pack ships the tool, its template and its precompiled build; no test, fixture, bench or root portfolio", () => {
    first = pack(stagedTree(), out);
    expect(path.basename(first.tarball)).toBe(`genesys-flows-${JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version}.tgz`);
    const top = new Set(first.files.map((f) => f.split("/")[0]));
    for (const gone of ["test", "testkit", "bench", "flows", "routing", "scenarios", "orgs", "sdks", ".ci", ".github"]) expect([gone, top.has(gone)]).toEqual([gone, false]);
    expect(first.files.filter((f) => /(^|\/)(fixtures|__snapshots__)\/|\.test\.ts$|^Pulumi\.[^/]+\.yaml$|^policies\/config\//.test(f))).toEqual([]);
    for (const f of ["bin/genesys-flows", "dist/tools/cli.js", "dist/components/program.js", "dist/policies/policyPack.js", "CHANGELOG.md", "templates/portfolio/flows/modules/verify-caller.yaml", "templates/portfolio/policies/config/prod.json", "node_modules/@pulumi/genesyscloud/bin/index.js"]) {
      expect([f, first.files.includes(f)]).toEqual([f, true]);
    }
  });

  test("init writes the team's files only, on this exact version; npm install takes the tarball", async () => {
    const init = expectCode(run(out, "npm", ["exec", "--yes", `--package=${first.tarball}`, "--", "genesys-flows", "init", team, "--reference", "--package", first.tarball]));
    expect(init).toContain(`Wrote `);
    expect(init).toMatch(/Next:\n {2}cd .*acme-flows && npm install.*\n {2}npm start .*\n {2}npm test /);
    const entries = fs.readdirSync(team).sort();
    expect(entries).toEqual([".git", ".github", ".gitignore", ".nvmrc", "AGENTS.md", "Pulumi.dev.yaml", "Pulumi.local.yaml", "Pulumi.prod.yaml", "Pulumi.yaml", "README.md", "components", "flows", "genesys-flows.json", "index.ts", "orgs", "package.json", "policies", "routing", "scenarios", "test", "tsconfig.json"]);
    expect(JSON.parse(fs.readFileSync(path.join(team, "genesys-flows.json"), "utf8"))).toMatchObject({ version: expect.any(String), format: 1 });
    expect(fs.existsSync(path.join(team, "node_modules/genesys-flows/schema/flow.schema.json"))).toBe(false); // not installed yet; after npm install (below)
    // The team's own settings, as a team customises them: its emulator port, a setting the next version renames, a policy level.
    const port = await freePort();
    editFile(team, "Pulumi.local.yaml", /port: "8787"/, `port: "${port}"`);
    editFile(team, "Pulumi.local.yaml", "  genesys-flows:emulatorOrg:", '  genesys-flows:releasesKept: "30"\n  genesys-flows:emulatorOrg:');
    editFile(team, "policies/config/local.json", /^\{/, '{\n  "reachable-nodes": "mandatory",');
    expectCode(run(team, "git", ["commit", "-qam", "our port, releases and policy"]));
    expectCode(run(team, "npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"]));
    expect(fs.existsSync(path.join(team, "node_modules/genesys-flows/dist/tools/cli.js"))).toBe(true);
    // The flows' editor schema reference resolves in the installed package.
    const schemaRef = /\$schema=(\S+)/.exec(fs.readFileSync(path.join(team, "flows/calls/sales.yaml"), "utf8"))![1]!;
    expect(fs.existsSync(path.resolve(team, "flows/calls", schemaRef))).toBe(true);
    expect(gf("--version").out.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version);
  });

  test("npm start deploys the portfolio to the emulator; a second npm start is a no-op; npm test passes", () => {
    const start = expectCode(run(team, "npm", ["start"]));
    expect(start).toContain('Deployed stack "local" to the emulator');
    expect(start).toMatch(/module +local-VerifyCaller +[0-9a-f-]{36} +flows\/modules\/verify-caller\.yaml/);
    expect(start).toContain("OK: every flow of the stack runs what the stack deployed");
    // The README shows it (its port is the team's own here).
    documented("readme/npm-start", excerpt(start, 'Deployed stack "local"', "OK: every flow of the stack runs"));
    const again = expectCode(run(team, "npm", ["start"]));
    expect(again).toContain('Nothing changed: stack "local"');
    const checks = expectCode(run(team, "npm", ["test"]));
    expect(checks).toMatch(/# pass 5\n# fail 0/);
  });

  test("the team's CI runs on its own repository: the type-check, actionlint over its workflows, the stacks its deploy deploys", () => {
    expectCode(run(team, "npm", ["run", "typecheck"]));
    expectCode(run(team, "npm", ["run", "lint:workflows"]));
    expect(expectCode(run(team, "npm", ["run", "--silent", "cli", "--", "ci", "deploy-stacks"])).trim()).toBe('["dev","prod"]');
  });

  test("a team's own script runs the same operation as the commands (genesys-flows/operation): a preview of the local stack", () => {
    const script = 'const { operateHere } = require("genesys-flows/operation");\noperateHere({ command: "preview", stack: "local", root: process.cwd() }).then((o) => { console.log(`outcome ${o.code}`); process.exit(o.code); });\n';
    fs.writeFileSync(path.join(team, "our-preview.js"), script);
    const r = expectCode(run(team, process.execPath, [path.join(team, "our-preview.js")]));
    fs.rmSync(path.join(team, "our-preview.js"));
    expect(r).toContain("outcome 0");
    expect(r).toMatch(/32 unchanged|Nothing changed/);
  });

  test("a module change is reviewed and deployed with exactly its callers republished", () => {
    editFile(team, "flows/modules/verify-caller.yaml", "prompt: Please enter your four digit account PIN.", "prompt: Please key in your four digit account PIN.");
    const review = expectCode(gf("diff", "--base", "HEAD", "--stack", "local"));
    expect(review).toContain("0 replaced, 0 deleted, 0 created, 1 published, 3 republished for a module, 3 unchanged");
    const up = expectCode(run(team, "npm", ["run", "up"]));
    const updated = [...up.matchAll(/genesyscloud:index:Flow (\S+) updated/g)].map((m) => m[1]).sort();
    expect(updated).toEqual(["calls/billing", "calls/sales", "calls/support", "modules/verify-caller"]);
    expect(up).toContain("OK: every flow of the stack runs what the stack deployed");
    // Each release names the version of genesys-flows that made it.
    expect(expectCode(gf("releases", "--stack", "local"))).toMatch(new RegExp(`r2 .*7 flows, 4 changed, by genesys-flows ${JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version.replace(/\./g, "\\.")}  \\[uncommitted changes, runs now\\]`));
    expectCode(run(team, "git", ["commit", "-qam", "a friendlier PIN prompt"]));
  });

  test("upgrade to a version that renames a setting and adds a rule: named, migrated, and the first up publishes nothing", () => {
    const staged = stagedTree();
    secondVersion(staged);
    const second = pack(staged, fs.mkdtempSync(path.join(out, "v2-")));
    expectCode(run(team, "npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", second.tarball]));
    const before = teamFiles(team);

    const told = gf("upgrade");
    expectCode(told, 1);
    expect(told.out).toMatch(/-> 0\.3\.0 \(file format 1 -> 2\)/);
    expect(told.out).toContain("## [0.3.0] - 2026-12-01");
    expect(told.out).toContain("Pulumi.local.yaml: genesys-flows:releasesKept renamed to genesys-flows:releasesToKeep (format 2, 0.3.0)");
    expect(told.out).toContain("renamed to genesys-flows:releasesToKeep in genesys-flows 0.3.0");
    expect(teamFiles(team)).toEqual(before); // without --write, nothing written

    const written = gf("upgrade", "--write");
    expectCode(written, 1); // the new rule's findings are the team's to fix
    expect(written.out).toContain("Rules new since");
    expect(written.out).toMatch(/flows\/calls\/billing\.yaml:\d+: \[prod-flow-owner\] stack "prod": .*names no owner.* Fix: add "Owner: <team>" to its description/);
    expect(written.out).toContain("local: nothing publishes.");
    const after = teamFiles(team);
    const changed = Object.keys(after).filter((f) => after[f] !== before[f]).sort();
    expect(changed).toEqual(["Pulumi.local.yaml", "genesys-flows.json"]);
    expect(after["Pulumi.local.yaml"]).toBe(before["Pulumi.local.yaml"]!.replace("genesys-flows:releasesKept:", "genesys-flows:releasesToKeep:"));
    expect(JSON.parse(after["genesys-flows.json"]!)).toMatchObject({ version: "0.3.0", format: 2 });

    const up = expectCode(run(team, "npm", ["start"]));
    expect(up).not.toMatch(/genesyscloud:index:\S+ \S+ (created|updated|replaced)/);
    expect(up).toMatch(/Nothing changed|unchanged/);
  });

  // A module and two of its callers, three instances of one templated module named, and a flow with placeholders
  // in code typed: lint, the checks and the review are green, and npm start deploys them.
  test("init --import takes a module, its callers, named instances and typed placeholders in", async () => {
    const imported = path.join(out, "imported-flows");
    const exports = ["main-line.yaml", "customer-lookup.yaml", "support-mail.yaml"].map((f) => path.join(ROOT, "test/fixtures/exports/good", f));
    // Exports written for the provider (test/fixtures/exports/README.md): instances named, values for the stack files.
    const templated = (f: string) => path.join(ROOT, "test/fixtures/exports/templated", f);
    const instances = ["email", "sms", "chat"].map((c) => templated(`resolve-contact-${c}.yaml`));
    const names = instances.map((f, i) => `${f}:common_module_name=Resolve ${["Email", "Phone", "Chat"][i]} Contact`);
    const sets = ["division=Home", "callbacks_enabled=true", "max_attempts=3", ...names].flatMap((v) => ["--set", v]);
    const argv = ["init", imported, "--import", ...exports, ...instances, templated("callback-line.yaml"), ...sets];
    const tool = path.join(team, "node_modules/.bin/genesys-flows");
    expect(expectCode(run(team, tool, [...argv, "--package", first.tarball]))).not.toContain("not taken");
    const flows = "callback-line customer-lookup main-line resolve-chat-contact resolve-email-contact";
    const written = [...flows.split(" "), "resolve-phone-contact", "support-mail"].map((f) => `${f}.yaml`);
    expect(fs.readdirSync(path.join(imported, "flows/imported")).sort()).toEqual(written);
    const callbackLine = fs.readFileSync(path.join(imported, "flows/imported/callback-line.yaml"), "utf8");
    expect(callbackLine).toContain('ToInt(\\"{{max_attempts}}\\")');
    const values = /substitutions:\n {4}callbacks_enabled: "true"\n {4}division: Home\n {4}max_attempts: "3"\n/;
    expect(fs.readFileSync(path.join(imported, "Pulumi.prod.yaml"), "utf8")).toMatch(values);
    expect(fs.existsSync(path.join(imported, "scenarios"))).toBe(false);
    editFile(imported, "Pulumi.local.yaml", /port: "8787"/, `port: "${await freePort()}"`);
    expectCode(run(imported, "git", ["commit", "-qam", "our port"]));
    expectCode(run(imported, "npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"]));
    expectCode(run(imported, path.join(imported, "node_modules/.bin/genesys-flows"), ["lint"]));
    expect(expectCode(run(imported, "npm", ["test"]))).toMatch(/# fail 0/);
    // The callers call the imported module as the stack publishes it (local-Customer Lookup).
    const start = expectCode(run(imported, "npm", ["start"]));
    expect(start).toMatch(/module +local-Customer Lookup /);
    expect(start).toMatch(/call +local-Main Line .*calls local-Customer Lookup/);
    expect(start).toMatch(/module +local-Resolve Phone Contact /);
    expect(start).toMatch(/call +local-Callback Line /);
  });

  test("init with no option starts one module and the flow calling it: the checks pass and npm start deploys both", async () => {
    const starter = path.join(out, "starter-flows");
    expect(expectCode(run(team, path.join(team, "node_modules/.bin/genesys-flows"), ["init", starter, "--package", first.tarball]))).toContain(", with a starting module and its caller.");
    expect(fs.readdirSync(path.join(starter, "flows"), { recursive: true }).map(String).filter((f) => f.endsWith(".yaml")).sort()).toEqual(["digital/web-chat.yaml", "modules/lookup-customer.yaml"]);
    expect(fs.existsSync(path.join(starter, "routing"))).toBe(false);
    editFile(starter, "Pulumi.local.yaml", /port: "8787"/, `port: "${await freePort()}"`);
    expectCode(run(starter, "git", ["commit", "-qam", "our port"]));
    expectCode(run(starter, "npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"]));
    expect(expectCode(run(starter, "npm", ["test"]))).toMatch(/# pass 5\n# fail 0/);
    const start = expectCode(run(starter, "npm", ["start"]));
    expect(start).toMatch(/module +local-LookupCustomer .*\n.*message +local-WebChat .*calls local-LookupCustomer/);
    expect(start).toContain("OK: every flow of the stack runs what the stack deployed");
  });
});
