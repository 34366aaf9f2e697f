// A team's first day as the README tells it (issue 98): this repository cloned at HEAD into an empty
// folder (nothing built: commit before running), `npm ci`, then the README's "Start your team's
// repository" lines as they are written: the clone's way (init packs the clone with `npm pack`,
// installs and commits) and the tarball's way (npx on that tarball) write the same repository, file
// for file, and the team's `npm start` and `npm test` run on it; a teammate's fresh clone of it runs
// them too. Then the team's work on it, and an upgrade to a second tarball of the same clone with a
// higher version and a format change this test makes: a stack setting renamed with its migration,
// and a new mandatory rule the team's flows break. Nothing here reads this repository's own
// portfolio: the team's files are what init wrote. The one step not in the README: the repository's
// emulator gets a free port (test servers bind ephemeral ports), committed before its `npm start`.
import { spawnSync } from "node:child_process";
import { builtinModules } from "node:module";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { editFile, readTree } from "../../testkit/tempProject";
import { documented, excerpt } from "../../testkit/docOutputs";
import { pack, PERSON_ENV } from "../../testkit/teamPackage";

const ROOT = path.resolve(__dirname, "../..");
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version as string;
/** A person's shell, npm answering from its cache where it can (as `--prefer-offline`). */
const ENV = { ...PERSON_ENV, npm_config_prefer_offline: "true" };

interface Ran {
  code: number;
  out: string;
  stdout: string;
}

function run(cwd: string, command: string, args: string[]): Ran {
  const r = spawnSync(command, args, { cwd, env: ENV, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? 1, out: `${r.stdout ?? ""}${r.stderr ?? ""}`, stdout: r.stdout ?? "" };
}

/** Fails with what the command printed unless it exited `code`. */
function expectCode(r: Ran, code = 0): string {
  if (r.code !== code) throw new Error(`exited ${r.code} (expected ${code}):\n${r.out.slice(-8000)}`);
  return r.out;
}

/** A line of the README as a person types it, in bash; fails unless it exits 0. */
function typed(cwd: string, line: string): Ran {
  const r = run(cwd, "bash", ["-c", line]);
  expectCode(r);
  return r;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** The repository's emulator on a free port, committed. */
async function ownPort(repo: string): Promise<void> {
  editFile(repo, "Pulumi.local.yaml", /port: "8787"/, `port: "${await freePort()}"`);
  expectCode(run(repo, "git", ["commit", "-qam", "our emulator's port, our settings"]));
}

/** The README's lines to start a team's repository: the clone's, the tarball's, then the team's two commands. */
function readmeLines(): { clone: string; tarball: string; team: string } {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const block = /## Start your team's repository\n[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)![1]!;
  const lines = block
    .split("\n")
    .map((l) => l.replace(/\s+#.*$/, "").trim())
    .filter((l) => l !== "");
  const [clone, tarball, team, ...rest] = lines;
  expect({ clone, tarball, team, rest }).toEqual({
    clone: expect.stringMatching(/^\.\/bin\/genesys-flows init /),
    tarball: expect.stringMatching(/^npx /),
    team: expect.stringMatching(/^cd /),
    rest: [],
  });
  return { clone: clone!, tarball: tarball!, team: team! };
}

type Manifest = { bin: Record<string, string>; main: string; exports: Record<string, string | { default: string }> };

/** The package's entries a team's `npm start` starts from: the bin and the build it runs, main, the exports. */
function entries(pkg: Manifest): string[] {
  const exported = Object.values(pkg.exports).map((e) => (typeof e === "string" ? e : e.default));
  return [...new Set([pkg.bin["genesys-flows"]!, "dist/tools/cli.js", pkg.main, ...exported])];
}

/** The file Node loads for `base` (as is, .js, .json, /index.js), or undefined. */
function loaded(base: string): string | undefined {
  const isFile = (f: string) => fs.statSync(f, { throwIfNoEntry: false })?.isFile() === true;
  return [base, `${base}.js`, `${base}.json`, path.join(base, "index.js")].find(isFile);
}

/**
 * What a team's `npm start` loads of the unpacked package at `dir` that is not there: from its
 * entries through every require of a literal, in the package and in its bundled packages; a
 * package required that is neither bundled nor a dependency (a team's install lacks it) counts too.
 */
function unloadable(dir: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  const queue = entries(pkg).map((f) => path.join(dir, f));
  const missing: string[] = [];
  const seen = new Set<string>();
  const mainOf = (bundled: string) => {
    const manifest = JSON.parse(fs.readFileSync(path.join(bundled, "package.json"), "utf8")) as { main?: string };
    return manifest.main ?? "";
  };
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!fs.existsSync(file)) missing.push(path.relative(dir, file));
    if (!fs.existsSync(file) || file.endsWith(".json")) continue;
    const code = fs.readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, "");
    for (const [, spec] of code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g) as Iterable<[string, string]>) {
      const name = spec
        .split("/")
        .slice(0, spec.startsWith("@") ? 2 : 1)
        .join("/");
      const bundled = path.join(dir, "node_modules", name);
      let target: string | undefined;
      if (spec.startsWith(".")) target = path.resolve(path.dirname(file), spec);
      else if (spec.startsWith("node:") || builtinModules.includes(name)) continue;
      else if (fs.existsSync(bundled)) target = path.join(bundled, spec.slice(name.length) || mainOf(bundled));
      else if (pkg.dependencies[name] === undefined) missing.push(`${path.relative(dir, file)}: require("${spec}")`);
      if (target !== undefined) queue.push(loaded(target) ?? target);
    }
  }
  return missing.sort();
}

/** The team's files as a person edits them (not what npm, git or a run keep). */
function teamFiles(dir: string): Record<string, string> {
  const npmGitOrRun = /^(node_modules|\.git|\.work|vendor)\/|^package(-lock)?\.json$/;
  return Object.fromEntries(Object.entries(readTree(dir)).filter(([f]) => !npmGitOrRun.test(f)));
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
  editFile(
    dir,
    "CHANGELOG.md",
    "## [Unreleased]\n",
    "## [Unreleased]\n\n## [0.3.0] - 2026-12-01\n\n### Changed\n- `genesys-flows:releasesKept` is now `genesys-flows:releasesToKeep` (format 2): `genesys-flows upgrade --write` renames it.\n\n### Added\n- Rule `prod-flow-owner`: a flow a protected stack publishes names its owner.\n",
  );
  fs.writeFileSync(
    path.join(dir, "planner/migrations.json"),
    JSON.stringify(
      {
        format: 2,
        migrations: [
          {
            format: 2,
            version: "0.3.0",
            summary: "releasesKept is releasesToKeep",
            changes: [{ renameSetting: { from: "releasesKept", to: "releasesToKeep" } }],
          },
        ],
      },
      null,
      2,
    ),
  );
  editFile(dir, "planner/stackSettings.ts", /releasesKept: z(\s*)\.union/, "releasesToKeep: z$1.union");
  editFile(dir, "components/releaseRecord.ts", "portfolio.settings.releasesKept", "portfolio.settings.releasesToKeep");
  editFile(dir, "checks/rules.ts", "];\n\nexport function ruleInfo(", RULE);
  editFile(
    dir,
    "checks/rules.ts",
    /import \{ ([^}]*)\} from "\.\/guardrails";/,
    'import { $1, guardrailApplies } from "./guardrails";\nimport { flowFinding } from "./locate";',
  );
}

/**
 * The tier's folder: in memory (/dev/shm) when it has room, else the temporary folder. The tier installs
 * and deletes some 1.5 GB of node_modules (the clone's, the team's, the teammate's); on a disk the
 * deletion alone took minutes on a busy machine.
 */
function workFolder(): string {
  const shm = "/dev/shm";
  const free = fs.existsSync(shm) ? fs.statfsSync(shm) : undefined;
  const roomy = free !== undefined && free.bavail * free.bsize > 4 * 1024 ** 3;
  return fs.mkdtempSync(path.join(roomy ? shm : os.tmpdir(), "gf-team-"));
}

describe("a team's first day and after, on the packed tool", () => {
  const out = workFolder();
  // The clone's way: the clone, the repository beside it; the tarball's: a folder holding the tarball,
  // the repository beside it.
  const clone = path.join(out, "clone-way", "genesys-flows");
  const team = path.join(out, "clone-way", "acme-flows");
  const downloads = path.join(out, "tarball-way", "downloads");
  const gf = (...args: string[]) => run(team, path.join(team, "node_modules/.bin/genesys-flows"), args);
  const tarballName = `genesys-flows-${VERSION}.tgz`;
  /** The tarball `npm pack` made of the clean clone (init's, the clone's way): the tarball's way starts from it. */
  const tarball = path.join(downloads, tarballName);
  /** The version the clone packs: this one's, its commit named (project/template.ts toolVersion). */
  let packed: string;

  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  test("a clean clone: git clone of HEAD into an empty folder (nothing built), npm ci", () => {
    expectCode(run(out, "git", ["clone", "--quiet", ROOT, clone]));
    packed = `${VERSION}+${expectCode(run(clone, "git", ["rev-parse", "HEAD"])).slice(0, 12)}`;
    for (const built of ["node_modules", "dist", "sdks/genesyscloud/bin"]) {
      expect([built, fs.existsSync(path.join(clone, built))]).toEqual([built, false]);
    }
    expectCode(run(clone, "npm", ["ci", "--no-audit", "--no-fund"]));
  });

  test("the clone's way: init packs the clone (npm pack), installs the package, commits all", () => {
    const init = typed(clone, readmeLines().clone).stdout;
    expect(init).toContain(`on genesys-flows ${packed} (format 1), with a starting module and its caller.`);
    const names = `package.json names genesys-flows "file:vendor/${tarballName}"`;
    expect(init).toContain(`${names}: the tarball packed from this clone`);
    expect(init).toMatch(/\nNext:\n {2}cd \.\.\/acme-flows\n {2}npm start .*\n {2}npm test .*\n$/);
    expect(fs.readdirSync(team).sort()).toEqual([
      ".git",
      ".github",
      ".gitignore",
      ".nvmrc",
      "AGENTS.md",
      "Pulumi.dev.yaml",
      "Pulumi.local.yaml",
      "Pulumi.prod.yaml",
      "Pulumi.yaml",
      "README.md",
      "components",
      "flows",
      "genesys-flows.json",
      "index.ts",
      "node_modules",
      "objects",
      "orgs",
      "package-lock.json",
      "package.json",
      "policies",
      "scenarios",
      "test",
      "tsconfig.json",
      "vendor",
    ]);
    const flows = fs.readdirSync(path.join(team, "flows"), { recursive: true }).map(String);
    const starter = ["digital/web-chat.yaml", "modules/lookup-customer.yaml"];
    expect(flows.filter((f) => f.endsWith(".yaml")).sort()).toEqual(starter);
    // Everything committed, the lock and the tarball with it, on the version the tarball holds.
    expect(expectCode(run(team, "git", ["status", "--porcelain"]))).toBe("");
    const tracked = expectCode(run(team, "git", ["ls-files", "package-lock.json", "vendor"]));
    expect(tracked.split("\n").filter(Boolean)).toEqual(["package-lock.json", `vendor/${tarballName}`]);
    expect(JSON.parse(fs.readFileSync(path.join(team, "genesys-flows.json"), "utf8")).version).toBe(packed);
    expect(gf("--version").out.trim()).toBe(packed);
    // The flows' editor schema reference resolves in the installed package.
    const webChat = fs.readFileSync(path.join(team, "flows/digital/web-chat.yaml"), "utf8");
    const schemaRef = /\$schema=(\S+)/.exec(webChat)![1]!;
    expect(fs.existsSync(path.resolve(team, "flows/digital", schemaRef))).toBe(true);
    fs.mkdirSync(downloads, { recursive: true });
    fs.copyFileSync(path.join(team, "vendor", tarballName), tarball);
  });

  test("the package npm pack made of the clean clone: every file a team's npm start loads; no test or fixture", () => {
    const listed = expectCode(run(out, "tar", ["tzf", tarball]))
      .split("\n")
      .filter(Boolean);
    const files = listed.map((f) => f.replace(/^package\//, ""));
    const top = new Set(files.map((f) => f.split("/")[0]));
    const notShipped = ["test", "testkit", "bench", "flows", "routing", "scenarios", "orgs", "sdks", ".ci", ".github"];
    for (const gone of notShipped) expect([gone, top.has(gone)]).toEqual([gone, false]);
    const ours = /(^|\/)(fixtures|__snapshots__)\/|\.test\.ts$|^Pulumi\.[^/]+\.yaml$|^policies\/config\//;
    expect(files.filter((f) => ours.test(f))).toEqual([]);
    const shipped = ["CHANGELOG.md", "templates/portfolio/AGENTS.md", "templates/portfolio/flows/calls/sales.yaml"];
    for (const f of shipped) expect([f, files.includes(f)]).toEqual([f, true]);
    const unpacked = path.join(out, "unpacked");
    fs.mkdirSync(unpacked);
    expectCode(run(unpacked, "tar", ["xzf", tarball, "--strip-components=1"]));
    expect(unloadable(unpacked)).toEqual([]);
    // The compiled SDK is among what it loads (npm ci builds no SDK: the prepack did).
    expect(files).toEqual(expect.arrayContaining(["node_modules/@pulumi/genesyscloud/bin/index.js"]));
  });

  test("the tarball's way: npx init beside the tarball writes the same repository, file for file", () => {
    const init = typed(downloads, readmeLines().tarball).stdout;
    expect(init).toContain(`package.json names genesys-flows "file:vendor/${tarballName}": the tarball it came from`);
    // The same tree as the clone's way (package-lock.json and the tarball too): the team's commands below run it.
    const tree = (repo: string) => expectCode(run(repo, "git", ["rev-parse", "HEAD^{tree}"])).trim();
    expect(tree(path.join(out, "tarball-way", "acme-flows"))).toBe(tree(team));
  });

  test("then the team's two commands: npm start deploys, a second one is a no-op; npm test passes", async () => {
    // The team's own settings, as a team customises them: a setting the next version renames, a policy level.
    editFile(
      team,
      "Pulumi.local.yaml",
      "  genesys-flows:emulatorOrg:",
      '  genesys-flows:releasesKept: "30"\n  genesys-flows:emulatorOrg:',
    );
    editFile(team, "policies/config/local.json", /^\{/, '{\n  "reachable-nodes": "mandatory",');
    await ownPort(team);
    const started = typed(clone, readmeLines().team).out;
    expect(started).toMatch(/module +local-LookupCustomer .*\n.*message +local-WebChat .*calls local-LookupCustomer/);
    expect(started).toMatch(/# pass 7\n# fail 0/);
    documented("readme/npm-start", excerpt(started, 'Deployed stack "local"', "OK: every flow of the stack runs"));
    expect(expectCode(run(team, "npm", ["start"]))).toContain('Nothing changed: stack "local"');
  });

  test("a teammate's fresh clone: npm start installs what package-lock.json names, deploys; npm test passes", () => {
    const mate = path.join(out, "teammate", "acme-flows");
    expectCode(run(out, "git", ["clone", "--quiet", team, mate]));
    const started = expectCode(run(mate, "npm", ["start"]));
    expect(started).toContain('Deployed stack "local" to the emulator');
    expect(started).toContain("OK: every flow of the stack runs what the stack deployed");
    expect(expectCode(run(mate, "npm", ["test"]))).toMatch(/# pass 7\n# fail 0/);
  });

  test("the team's own code: a resource of the provider in components/ as its README says deploys, an edit to it too", () => {
    // The files components/README.md shows, as written there (each block's first line names its file).
    const readme = fs.readFileSync(path.join(team, "components/README.md"), "utf8");
    for (const [, file, code] of readme.matchAll(/```ts\n\/\/ (\S+)\n([\s\S]*?)```/g) as Iterable<
      [string, string, string]
    >)
      fs.writeFileSync(path.join(team, file), code);
    const created = expectCode(run(team, "npm", ["start"]));
    expect(created).toMatch(/genesyscloud:index:ArchitectDatatable +holidays +created/);
    expect(created).not.toMatch(/genesyscloud:index:Flow \S+ (created|updated)/);
    editFile(team, "components/holidays.ts", "Days the contact centre is closed.", "Days we are closed.");
    const edited = expectCode(run(team, "npm", ["start"]));
    expect(edited).not.toContain("Nothing changed");
    expect(edited).toMatch(/genesyscloud:index:ArchitectDatatable +holidays +updated/);
    expect(expectCode(run(team, "npm", ["start"]))).toContain('Nothing changed: stack "local"');
    expectCode(run(team, "git", ["add", "-A"]));
    expectCode(run(team, "git", ["commit", "-qm", "our holidays table"]));
  });

  test("the team's own policy rule, advisory in the starter, made mandatory: refuses a flow in npm test, preview and up", () => {
    editFile(team, "flows/digital/web-chat.yaml", /^description: .*$/m, 'description: ""');
    // Advisory as the starter has it: a warning, the lint (npm test's first check) passes.
    const warned = expectCode(gf("lint"));
    expect(warned).toMatch(
      /web-chat\.yaml:\d+:\d+: warning \[team-flow-description\].*flow "WebChat" has no description/,
    );
    editFile(team, "policies/rules.ts", 'enforcementLevel: "advisory"', 'enforcementLevel: "mandatory"');
    const tested = run(team, "npm", ["test"]);
    expectCode(tested, 1);
    expect(tested.out).toMatch(
      /web-chat\.yaml:\d+:\d+: error \[team-flow-description\].*flow "WebChat" has no description/,
    );
    const preview = run(team, "npm", ["run", "preview", "--", "--stack", "local"]);
    expectCode(preview, 1);
    expect(preview.out).toMatch(/team-flow-description.*flow "local-WebChat" has no description/);
    // An up (no preview first) is refused before anything publishes: the run's policy gate runs them too.
    const up = run(team, "npm", ["start"]);
    expect([up.code === 0, up.out]).toEqual([false, expect.stringContaining("the team's own mandatory rules")]);
    expect(up.out).not.toMatch(/genesyscloud:index:Flow \S+ (created|updated)/);
    expectCode(run(team, "git", ["checkout", "flows/digital/web-chat.yaml", "policies/rules.ts"]));
  });

  test("the team's CI runs on its own repository: the type-check, actionlint, the stacks it deploys", () => {
    expectCode(run(team, "npm", ["run", "typecheck"]));
    expectCode(run(team, "npm", ["run", "lint:workflows"]));
    expect(expectCode(run(team, "npm", ["run", "--silent", "cli", "--", "ci", "deploy-stacks"])).trim()).toBe(
      '["dev","prod"]',
    );
  });

  test("a module change, reviewed, deployed by the team's own script (genesys-flows/operation): callers too", () => {
    editFile(team, "flows/modules/lookup-customer.yaml", "label: Derive the customer id", "label: Derive their id");
    const review = expectCode(gf("diff", "--base", "HEAD", "--stack", "local"));
    expect(review).toContain("0 replaced, 0 deleted, 0 created, 1 published, 1 republished for a module, 0 unchanged");
    // The operation the commands run, from the team's own script.
    const script =
      'require("genesys-flows/operation").operate({ command: "up", stack: "local", root: process.cwd() })\n' +
      "  .then((o) => { console.log(`outcome ${o.code} verified ${o.verify?.ok}`); process.exit(o.code); });\n";
    fs.writeFileSync(path.join(team, "our-up.js"), script);
    const up = expectCode(run(team, process.execPath, [path.join(team, "our-up.js")]));
    fs.rmSync(path.join(team, "our-up.js"));
    expect(up).toContain("outcome 0 verified true");
    const updated = [...up.matchAll(/genesyscloud:index:Flow (\S+) updated/g)].map((m) => m[1]).sort();
    expect(updated).toEqual(["digital/web-chat", "modules/lookup-customer"]);
    expect(up).toContain("OK: every flow of the stack runs what the stack deployed");
    // Each release names the version of genesys-flows that made it.
    const releases = expectCode(gf("releases", "--stack", "local"));
    expect(releases).toContain(`2 flows, 2 changed, by genesys-flows ${packed}  [uncommitted changes, runs now]`);
    expectCode(run(team, "git", ["commit", "-qam", "a clearer label"]));
  });

  test("upgrade to a version renaming a setting and adding a rule: named, migrated, nothing published", () => {
    secondVersion(clone);
    const second = pack(clone, fs.mkdtempSync(path.join(out, "v2-")));
    expectCode(run(team, "npm", ["install", "--no-audit", "--no-fund", second.tarball]));
    const before = teamFiles(team);

    const told = gf("upgrade");
    expectCode(told, 1);
    expect(told.out).toContain(`${packed} -> 0.3.0 (file format 1 -> 2)`);
    expect(told.out).toContain("## [0.3.0] - 2026-12-01");
    expect(told.out).not.toContain("## [Unreleased]");
    const renamed = "genesys-flows:releasesKept renamed to genesys-flows:releasesToKeep";
    expect(told.out).toContain(`Pulumi.local.yaml: ${renamed} (format 2, 0.3.0)`);
    expect(told.out).toContain("renamed to genesys-flows:releasesToKeep in genesys-flows 0.3.0");
    const would =
      "`genesys-flows upgrade --write` applies the migrations above and records 0.3.0 in genesys-flows.json";
    expect(told.out).toContain(`\nNothing was written or published. ${would}.\n`);
    expect(teamFiles(team)).toEqual(before); // without --write, nothing written

    const written = gf("upgrade", "--write");
    expectCode(written, 1); // the new rule's findings are the team's to fix
    expect(written.out).toContain("Rules new since");
    const finding = /flows\/digital\/web-chat\.yaml:\d+: \[prod-flow-owner\] stack "prod": .*names no owner/;
    expect(written.out).toMatch(finding);
    expect(written.out).toContain("local: nothing publishes.");
    const wrote = "Wrote Pulumi.local.yaml (the migrations above) and genesys-flows.json (0.3.0, format 2).";
    expect(written.out).toContain(wrote);
    const after = teamFiles(team);
    const changed = Object.keys(after).filter((f) => after[f] !== before[f]);
    expect(changed.sort()).toEqual(["Pulumi.local.yaml", "genesys-flows.json"]);
    const local = before["Pulumi.local.yaml"]!.replace("genesys-flows:releasesKept:", "genesys-flows:releasesToKeep:");
    expect(after["Pulumi.local.yaml"]).toBe(local);
    expect(JSON.parse(after["genesys-flows.json"]!)).toMatchObject({ version: "0.3.0", format: 2 });

    const up = expectCode(run(team, "npm", ["start"]));
    expect(up).not.toMatch(/genesyscloud:index:\S+ \S+ (created|updated|replaced)/);
    expect(up).toMatch(/Nothing changed|unchanged/);
    // The team names its flows' owner; its checks pass before it commits (the review's base: before the upgrade).
    for (const flow of ["flows/digital/web-chat.yaml", "flows/modules/lookup-customer.yaml"]) {
      editFile(team, flow, /^description: (.*)$/m, 'description: "$1 Owner: acme."');
    }
    expect(expectCode(run(team, "npm", ["test"]))).toMatch(/# pass 7\n# fail 0/);
  });

  // A module and two of its callers, three instances of one templated module named, and a flow with placeholders
  // in code typed: lint, the checks and the review are green, and npm start deploys them.
  test("init --import takes a module, its callers, named instances and typed placeholders in", async () => {
    const imported = path.join(out, "imported-flows");
    const exports = ["main-line.yaml", "customer-lookup.yaml", "support-mail.yaml"].map((f) =>
      path.join(ROOT, "test/fixtures/exports/good", f),
    );
    // Exports written for the provider (test/fixtures/exports/README.md): instances named, values for the stack files.
    const templated = (f: string) => path.join(ROOT, "test/fixtures/exports/templated", f);
    const instances = ["email", "sms", "chat"].map((c) => templated(`resolve-contact-${c}.yaml`));
    const names = instances.map((f, i) => `${f}:common_module_name=Resolve ${["Email", "Phone", "Chat"][i]} Contact`);
    const sets = ["division=Home", "callbacks_enabled=true", "max_attempts=3", ...names].flatMap((v) => ["--set", v]);
    const argv = ["init", imported, "--import", ...exports, ...instances, templated("callback-line.yaml"), ...sets];
    // The tarball's way installed this tarball (the team's repository is on the second version now): its
    // node_modules serves this repository too, in place of a third install of the same package.
    const installed = path.join(out, "tarball-way", "acme-flows", "node_modules");
    const tool = path.join(installed, ".bin/genesys-flows");
    const taken = expectCode(run(out, tool, [...argv, "--package", tarball, "--no-install"]));
    expect(taken).not.toContain("not taken");
    fs.symlinkSync(installed, path.join(imported, "node_modules"), "dir");
    const flows = "callback-line customer-lookup main-line resolve-chat-contact resolve-email-contact";
    const written = [...flows.split(" "), "resolve-phone-contact", "support-mail"].map((f) => `${f}.yaml`);
    expect(fs.readdirSync(path.join(imported, "flows/imported")).sort()).toEqual(written);
    const callbackLine = fs.readFileSync(path.join(imported, "flows/imported/callback-line.yaml"), "utf8");
    expect(callbackLine).toContain('ToInt(\\"{{max_attempts}}\\")');
    const values = /substitutions:\n {4}callbacks_enabled: "true"\n {4}division: Home\n {4}max_attempts: "3"\n/;
    expect(fs.readFileSync(path.join(imported, "Pulumi.prod.yaml"), "utf8")).toMatch(values);
    expect(fs.existsSync(path.join(imported, "scenarios"))).toBe(false);
    await ownPort(imported);
    expectCode(run(imported, path.join(imported, "node_modules/.bin/genesys-flows"), ["lint"]));
    expect(expectCode(run(imported, "npm", ["test"]))).toMatch(/# fail 0/);
    // The callers call the imported module as the stack publishes it (local-Customer Lookup).
    const start = expectCode(run(imported, "npm", ["start"]));
    expect(start).toMatch(/module +local-Customer Lookup /);
    expect(start).toMatch(/call +local-Main Line .*calls local-Customer Lookup/);
    expect(start).toMatch(/module +local-Resolve Phone Contact /);
    expect(start).toMatch(/call +local-Callback Line /);
  });
});
