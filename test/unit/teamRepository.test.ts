// genesys-flows init and upgrade on this tree's own version, offline (the packed tool, npm install
// and the team's commands are the team tier's: test/team/teamRepository.test.ts): what init writes,
// what it refuses, the file format's migrations, the changelog between two versions, and what
// upgrade says and writes.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { applyMigrations, CURRENT_FORMAT, migrationsSince, type Migration } from "../../planner/migrations";
import { parseStackSettings } from "../../planner/stackSettings";
import { teamRepositoryFiles, TEAM_RECORD } from "../../project/teamRepository";
import { templateFiles, toolVersion } from "../../project/template";
import { sourceOfSpec, toolSource } from "../../project/toolPackage";
import { lintProject } from "../../policies/lint/project";
import { FLOW_AND_PACK_RULES } from "../../policies/packRules";
import { readTree, tempProject } from "../../testkit/tempProject";
import { main as init } from "../../tools/init";
import { changelogSince, main as upgrade } from "../../tools/upgrade";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: { write: (s: string) => out.push(s) }, err: { write: (s: string) => err.push(s) } },
    out: () => out.join(""),
    err: () => err.join(""),
  };
}

const RULES = FLOW_AND_PACK_RULES.map((r) => r.id);
const VERSION = toolVersion();

describe("the files init writes", () => {
  const files = teamRepositoryFiles(templateFiles(), {
    project: "acme-flows",
    version: VERSION,
    format: CURRENT_FORMAT,
    rules: RULES,
    portfolio: "reference",
  });

  it("are a team's repository: its own files on this exact version, none of the tool's folders", () => {
    const top = [...new Set([...files.keys()].map((f) => f.split("/")[0]))].sort();
    expect(top).toEqual([
      ...[".github", ".gitignore", ".nvmrc", "AGENTS.md", "Pulumi.dev.yaml", "Pulumi.local.yaml", "Pulumi.prod.yaml"],
      ...["Pulumi.yaml", "README.md", "components", "flows", TEAM_RECORD, "index.ts", "objects", "orgs"],
      ...["package.json", "policies", "routing", "scenarios", "test", "tsconfig.json"],
    ]);
    const pkg = JSON.parse(files.get("package.json")!);
    expect(pkg).toMatchObject({
      name: "acme-flows",
      private: true,
      dependencies: { "genesys-flows": VERSION },
      scripts: { start: expect.stringContaining("genesys-flows start"), test: "node --test test/" },
    });
    expect(pkg.main).toBe("node_modules/genesys-flows/tools/jsbuild/program.js");
    expect(YAML.parse(files.get("Pulumi.yaml")!)).toMatchObject({
      name: "acme-flows",
      runtime: { name: "nodejs", options: { typescript: false } },
    });
    expect(files.get("index.ts")).toContain('from "genesys-flows/program"');
    expect(files.get("policies/index.ts")).toContain('from "genesys-flows/policies"');
    expect(JSON.parse(files.get(TEAM_RECORD)!)).toEqual({
      version: VERSION,
      format: CURRENT_FORMAT,
      rules: [...RULES].sort(),
    });
    for (const [file, text] of files) expect([file, /__PROJECT__|__VERSION__/.test(text)]).toEqual([file, false]);
    // Editors find the flow schema in the package.
    expect(files.get("flows/calls/sales.yaml")).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/\.\.\/node_modules\/genesys-flows\/schema\/flow\.schema\.json\n/,
    );
  });

  it("--empty leaves the examples out, and the stack files' values only they use", () => {
    const empty = teamRepositoryFiles(templateFiles(), {
      project: "acme-flows",
      version: VERSION,
      format: CURRENT_FORMAT,
      rules: RULES,
      portfolio: "none",
      packageSpec: "file:../genesys-flows.tgz",
    });
    expect([...empty.keys()].filter((f) => /^(flows|routing|scenarios)\//.test(f))).toEqual([]);
    for (const stack of ["local", "dev", "prod"]) {
      const settings = parseStackSettings(
        YAML.parse(empty.get(`Pulumi.${stack}.yaml`)!).config,
        `Pulumi.${stack}.yaml`,
      );
      expect({ stack, substitutions: settings.substitutions, routing: settings.routing.objects }).toEqual({
        stack,
        substitutions: {},
        routing: {},
      });
    }
    expect(YAML.parse(files.get("Pulumi.dev.yaml")!).config["genesys-flows:routing"]).toBeDefined(); // the full one keeps them
    expect(JSON.parse(empty.get("package.json")!).dependencies["genesys-flows"]).toBe("file:../genesys-flows.tgz");
  });

  it("by default, a starting portfolio: one module, one flow calling it, its scenarios; only the values they use; lint clean", () => {
    const starter = teamRepositoryFiles(templateFiles(), {
      project: "acme-flows",
      version: VERSION,
      format: CURRENT_FORMAT,
      rules: RULES,
      portfolio: "starter",
    });
    expect([...starter.keys()].filter((f) => /^(flows|routing|scenarios)\//.test(f))).toEqual([
      "flows/digital/web-chat.yaml",
      "flows/modules/lookup-customer.yaml",
      "scenarios/digital/web-chat/tier.yaml",
    ]);
    expect(starter.get("flows/digital/web-chat.yaml")).toMatch(/\n {4}module: LookupCustomer\n/);
    expect(starter.get("flows/modules/lookup-customer.yaml")).toMatch(/\nkind: commonModule\n/);
    for (const stack of ["local", "dev", "prod"]) {
      const settings = parseStackSettings(
        YAML.parse(starter.get(`Pulumi.${stack}.yaml`)!).config,
        `Pulumi.${stack}.yaml`,
      );
      expect({
        stack,
        substitutions: Object.keys(settings.substitutions).sort(),
        routing: settings.routing.objects,
      }).toEqual({ stack, substitutions: ["priority_queue", "sales_queue"], routing: {} });
    }
    // Comments and the other settings kept.
    expect(starter.get("Pulumi.local.yaml")).toContain("# The emulator's org (its queues, schedules, data actions)");
    const dir = tempProject(Object.fromEntries(starter));
    const lint = lintProject(dir, { paths: [] });
    expect(lint.findings.filter((f) => f.level !== "advisory").map((f) => `${f.file}: ${f.message}`)).toEqual([]);
    expect(lint.exitCode).toBe(0);
  });
});

describe("AGENTS.md", () => {
  it("names only files the starting portfolio has (init's default; the reference portfolio has them too)", () => {
    const options = { project: "acme", version: VERSION, format: CURRENT_FORMAT, rules: RULES } as const;
    const starter = teamRepositoryFiles(templateFiles(), { ...options, portfolio: "starter" });
    const paths = /`((?:flows|scenarios|routing)\/[^`<*]+\.yaml)`/g;
    const named = [...starter.get("AGENTS.md")!.matchAll(paths)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((f) => !starter.has(f))).toEqual([]);
  });
});

/** What the repository at `dir` names as genesys-flows. */
function dependencyOf(dir: string): string {
  return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).dependencies["genesys-flows"];
}

describe("genesys-flows init", () => {
  it("writes the repository, git-inits it, and prints the next commands (with --no-install, npm install)", async () => {
    const dir = path.join(tempProject(), "acme");
    const run = io();
    expect(await init([dir, "--empty", "--package", "9.9.9", "--no-install"], run.io as never)).toBe(0);
    expect(run.out()).toMatch(
      /^Wrote \d+ files to .*acme: project "acme" on genesys-flows \S+ \(format \d+\), without the examples\.\n/,
    );
    expect(run.out()).toContain('package.json names genesys-flows "9.9.9": npm resolves it (your registry, git).\n');
    const next = /\nNext:\n {2}cd .*acme && npm install +# then commit package-lock\.json.*\n {2}npm start .*\n/;
    expect(run.out()).toMatch(next);
    expect(fs.existsSync(path.join(dir, ".git"))).toBe(true);
    expect(fs.existsSync(path.join(dir, "flows"))).toBe(false);
    expect(dependencyOf(dir)).toBe("9.9.9");
  });

  it("a tarball it is given or came from is copied into vendor/ and named there, on the version it holds", async () => {
    const packed = tempProject({
      "package/package.json": JSON.stringify({ name: "genesys-flows", version: "9.9.9-dev" }),
      "package/dist/.complete": '{"id":"dist-x","commit":"0123456789ab"}',
    });
    spawnSync("tar", ["czf", "genesys-flows-9.9.9-dev.tgz", "package"], { cwd: packed });
    const tarball = path.join(packed, "genesys-flows-9.9.9-dev.tgz");
    const dir = path.join(tempProject(), "acme");
    const run = io();
    expect(await init([dir, "--empty", "--package", tarball, "--no-install"], run.io as never)).toBe(0);
    expect(run.out()).toContain("on genesys-flows 9.9.9-dev+0123456789ab (format");
    const spec = "file:vendor/genesys-flows-9.9.9-dev.tgz";
    expect(run.out()).toContain(`package.json names genesys-flows "${spec}": the tarball it came from, committed`);
    expect(dependencyOf(dir)).toBe(spec);
    expect(JSON.parse(fs.readFileSync(path.join(dir, TEAM_RECORD), "utf8")).version).toBe("9.9.9-dev+0123456789ab");
    expect(fs.readFileSync(path.join(dir, "vendor/genesys-flows-9.9.9-dev.tgz"))).toEqual(fs.readFileSync(tarball));
    // A file that is no package: nothing written.
    const notOne = path.join(tempProject({ "genesys-flows-1.0.0.tgz": "not a tarball" }), "genesys-flows-1.0.0.tgz");
    const refused = io();
    const other = path.join(dir, "..", "other");
    expect(await init([other, "--package", notOne, "--no-install"], refused.io as never)).toBe(1);
    expect(refused.err()).toMatch(/^init: nothing written to .*other: /);
    expect(fs.existsSync(other)).toBe(false);
  });

  it("refuses a folder that is not empty, a bad project name and stray arguments, writing nothing", async () => {
    const full = tempProject({ "keep.txt": "mine\n" });
    const cases: Array<[string[], RegExp]> = [
      [[full], /is not empty: init starts a repository in a new or empty folder/],
      [[], /name the folder/],
      [[path.join(full, "x"), "y.yaml"], /unexpected argument: y\.yaml \(export files need --import\)/],
      [[path.join(full, "x"), "--import"], /--import takes the Archy export files after <dir>/],
      [[path.join(full, "x"), "--from-org", "--stack", "dev"], /--from-org needs --stack <name> and --prefix/],
      [[path.join(full, "bad name!"), "--name", "bad name!"], /is not a Pulumi project name/],
      [[path.join(full, "x"), "--reference", "--empty"], /--reference writes the example portfolio: not with --empty/],
    ];
    for (const [args, message] of cases) {
      const run = io();
      expect([args.join(" "), await init(args, run.io as never)]).toEqual([args.join(" "), 2]);
      expect(run.err()).toMatch(message);
    }
    expect(readTree(full)).toEqual({ "keep.txt": "mine\n" });
  });

  it("--import that fails leaves nothing behind", async () => {
    const dir = path.join(tempProject(), "acme");
    const notAnExport = path.join(tempProject({ "x.yaml": "hello: world\n" }), "x.yaml");
    const run = io();
    expect(await init([dir, "--import", notAnExport, "--package", "9.9.9", "--no-install"], run.io as never)).toBe(1);
    expect(run.err()).toContain("nothing written to");
    expect(fs.existsSync(dir)).toBe(false);
  });
});

describe("where genesys-flows came from: what a new repository's package.json names", () => {
  /** The tool installed under a project (npm install, npx) whose lock and package.json say this. */
  const installedUnder = (lock: object, declared: string) =>
    path.join(
      tempProject({
        "package-lock.json": JSON.stringify(lock),
        "package.json": JSON.stringify({ dependencies: { "genesys-flows": declared } }),
        "node_modules/genesys-flows/package.json": JSON.stringify({ name: "genesys-flows", version: "1.2.0" }),
        "downloads/genesys-flows-1.2.0.tgz": "tgz",
      }),
      "node_modules/genesys-flows",
    );
  const entry = (resolved?: string) => ({
    packages: { "node_modules/genesys-flows": { version: "1.2.0", ...(resolved ? { resolved } : {}) } },
  });
  const registry = "https://registry.npmjs.org/genesys-flows/-/genesys-flows-1.2.0.tgz";

  it("a checkout is packed; the tarball npm or npx installed it from is copied; a git URL kept; else a version", () => {
    const checkout = tempProject({ ".git/HEAD": "ref: refs/heads/main\n", "package.json": '{"version":"1.2.0-dev"}' });
    expect(toolSource(checkout)).toEqual({ kind: "checkout", root: checkout });
    const tgz = "file:downloads/genesys-flows-1.2.0.tgz";
    const fromTarball = installedUnder(entry(tgz), tgz);
    const file = path.resolve(fromTarball, "../../downloads/genesys-flows-1.2.0.tgz");
    expect(toolSource(fromTarball)).toEqual({ kind: "tarball", file });
    const git = "git+ssh://git@github.com/acme/genesys-flows.git#0123456789abcdef0123456789abcdef01234567";
    expect(toolSource(installedUnder(entry(git), "github:acme/genesys-flows"))).toEqual({ kind: "spec", spec: git });
    // A registry's: npm may leave `resolved` out (omit-lockfile-registry-resolved); a range is the version installed.
    expect(toolSource(installedUnder(entry(), "^1.2.0"))).toEqual({ kind: "spec", spec: "1.2.0" });
    expect(toolSource(installedUnder(entry(registry), "1.2.0"))).toEqual({ kind: "spec", spec: "1.2.0" });
  });

  it("--package: a tarball that is there is copied in; anything else is a spec npm resolves", () => {
    const dir = tempProject({ "t/genesys-flows-1.2.0.tgz": "tgz" });
    const tarball = { kind: "tarball", file: path.join(dir, "t/genesys-flows-1.2.0.tgz") };
    expect(sourceOfSpec("./t/genesys-flows-1.2.0.tgz", dir)).toEqual(tarball);
    expect(sourceOfSpec("file:t/genesys-flows-1.2.0.tgz", dir)).toEqual(tarball);
    for (const spec of ["1.2.0", "git+https://example.com/genesys-flows.git#v1.2.0", "./t/missing.tgz"]) {
      expect(sourceOfSpec(spec, dir)).toEqual({ kind: "spec", spec });
    }
  });
});

describe("the file format's migrations", () => {
  const renamed: Migration = {
    format: 2,
    version: "9.9.0",
    summary: "s",
    changes: [
      { renameSetting: { from: "releasesKept", to: "releasesToKeep" } },
      { removeSetting: { key: "skipOrgReferenceCheck", why: "it is gone" } },
      { note: "look at your waves" },
    ],
  };
  const stackFile =
    '# ours\nconfig:\n  genesys-flows:environment: local\n  # keep thirty\n  genesys-flows:releasesKept: "30"\n  genesys-flows:skipOrgReferenceCheck: outage\n  other:thing: 1\n';

  it("rename and remove settings in every stack file, comments and the rest kept; a note is said, not done", () => {
    const r = applyMigrations(
      [renamed],
      new Map([
        ["Pulumi.local.yaml", stackFile],
        ["Pulumi.dev.yaml", "config:\n  genesys-flows:environment: dev\n"],
      ]),
      "genesys-flows",
    );
    expect([...r.rewritten.keys()]).toEqual(["Pulumi.local.yaml"]);
    expect(r.rewritten.get("Pulumi.local.yaml")).toBe(
      '# ours\nconfig:\n  genesys-flows:environment: local\n  # keep thirty\n  genesys-flows:releasesToKeep: "30"\n  other:thing: 1\n',
    );
    expect(r.lines).toEqual([
      "Pulumi.local.yaml: genesys-flows:releasesKept renamed to genesys-flows:releasesToKeep (format 2, 9.9.0)",
      "Pulumi.local.yaml: genesys-flows:skipOrgReferenceCheck removed: it is gone (format 2, 9.9.0)",
      "format 2 (9.9.0): by hand: look at your waves",
    ]);
  });

  it("leaves a file that sets both names to a person", () => {
    const r = applyMigrations(
      [renamed],
      new Map([["Pulumi.x.yaml", "config:\n  genesys-flows:releasesKept: 1\n  genesys-flows:releasesToKeep: 2\n"]]),
      "genesys-flows",
    );
    expect(r.rewritten.size).toBe(0);
    expect(r.lines[0]).toBe(
      "Pulumi.x.yaml: genesys-flows:releasesKept and genesys-flows:releasesToKeep are both set; keep one by hand (format 2, 9.9.0)",
    );
  });

  it("this version's registry: the current format is one more than its migrations, each raising it by one", () => {
    expect(CURRENT_FORMAT).toBe(migrationsSince(0).length + 1);
    migrationsSince(1).forEach((m, i) => {
      expect(m.format).toBe(i + 2);
    });
  });
});

describe("genesys-flows upgrade", () => {
  const CHANGELOG =
    "# Changelog\n\n## [Unreleased]\n\n## [0.4.0] - d\n- four\n\n## [0.3.0] - c\n- three\n\n## [0.2.0] - b\n- two\n";

  it("names the changelog entries after the recorded version up to the installed one", () => {
    expect(changelogSince(CHANGELOG, "0.2.0", "0.3.0")).toEqual(["## [0.3.0] - c\n- three"]);
    expect(changelogSince(CHANGELOG, "0.1.0", "0.4.0")).toEqual([
      "## [0.4.0] - d\n- four",
      "## [0.3.0] - c\n- three",
      "## [0.2.0] - b\n- two",
    ]);
    expect(changelogSince(CHANGELOG, "0.4.0", "0.4.0")).toEqual([]);
  });

  it("a pre-release installed (between releases): the changelog's Unreleased entries too; before its release", () => {
    const text = "# Changelog\n\n## [Unreleased]\n\n### Added\n- five\n\n## [0.4.0] - d\n- four\n";
    const unreleased = "## [Unreleased]\n\n### Added\n- five";
    expect(changelogSince(text, "0.4.0", "0.4.1-dev+0123456789ab")).toEqual([unreleased]);
    expect(changelogSince(text, "0.3.0", "0.4.1-dev")).toEqual([unreleased, "## [0.4.0] - d\n- four"]);
    expect(changelogSince(text, "0.4.1-dev+0123456789ab", "0.4.1-dev+0123456789ab")).toEqual([]);
    expect(changelogSince(text, "0.3.0", "0.4.0")).toEqual(["## [0.4.0] - d\n- four"]);
    expect(changelogSince(text, "0.4.0-dev+0123456789ab", "0.4.0")).toEqual(["## [0.4.0] - d\n- four"]);
    // No entries: nothing to say.
    expect(changelogSince(text.replace("### Added\n- five\n", ""), "0.4.0", "0.4.1-dev")).toEqual([]);
  });

  it("on a repository from an older version: the changelog since, the lint, the first up; --write records the version, nothing else changes", async () => {
    const dir = path.join(tempProject(), "acme");
    expect(await init([dir, "--empty", "--package", VERSION, "--no-install"], io().io as never)).toBe(0);
    fs.writeFileSync(
      path.join(dir, TEAM_RECORD),
      JSON.stringify({ version: "0.1.0", format: 1, rules: RULES.filter((r) => r !== "terminates") }),
    );
    // The stacks' state as pulumi answers for stacks never deployed (a recording stand-in: the unit tier runs no pulumi).
    fs.mkdirSync(path.join(dir, "tools"));
    fs.writeFileSync(
      path.join(dir, "tools/pulumi.sh"),
      '#!/usr/bin/env bash\necho "$*" >> "$(dirname "$0")/calls"\necho "error: no stack named \'$4\' found" >&2\nexit 255\n',
    );
    fs.mkdirSync(path.join(dir, "flows"));
    fs.writeFileSync(
      path.join(dir, "flows/loop.yaml"),
      "kind: inboundCall\nname: Loop\nstart: A\nnodes:\n  A:\n    type: playMessage\n    prompt: Hello\n    transitions: { next: A }\n",
    );
    const before = readTree(dir);
    const told = io();
    expect(await upgrade(["--root", dir], told.io as never)).toBe(1);
    expect(told.out()).toContain(`0.1.0 -> ${VERSION} (file format 1 -> ${CURRENT_FORMAT})`);
    expect(told.out()).toContain(VERSION.includes("-") ? "## [Unreleased]" : `## [${VERSION}]`);
    expect(told.out()).toMatch(
      /Rules new since 0\.1\.0 that your files break:\n {4}flows\/loop\.yaml:\d+: \[terminates\]/,
    );
    expect(told.out()).toContain("local: not deployed yet: its first up publishes every flow.");
    const would = `\`genesys-flows upgrade --write\` records ${VERSION} in genesys-flows.json.`;
    expect(told.out().endsWith(`\nNothing was written or published. ${would}\n`)).toBe(true);
    expect(fs.readFileSync(path.join(dir, "tools/calls"), "utf8")).toBe(
      "stack export --stack dev\nstack export --stack local\nstack export --stack prod\n",
    );
    fs.rmSync(path.join(dir, "tools/calls"));
    expect(readTree(dir)).toEqual(before);
    const written = io();
    expect(await upgrade(["--root", dir, "--write"], written.io as never)).toBe(1);
    const after = readTree(dir);
    expect(Object.keys(after).filter((f) => after[f] !== before[f] && f !== "tools/calls")).toEqual([TEAM_RECORD]);
    expect(JSON.parse(after[TEAM_RECORD]!)).toEqual({
      version: VERSION,
      format: CURRENT_FORMAT,
      rules: [...RULES].sort(),
    });
    expect(written.out()).toContain(`\nWrote ${TEAM_RECORD} (${VERSION}, format ${CURRENT_FORMAT}).\nNothing was`);
  });

  it("says what is wrong with a broken record", async () => {
    const dir = tempProject({ [TEAM_RECORD]: '{"version": 3}', "Pulumi.yaml": "name: x\n" });
    const run = io();
    expect(await upgrade(["--root", dir], run.io as never)).toBe(2);
    expect(run.err()).toMatch(/genesys-flows\.json: version: .*; format: /);
  });
});

describe("the version", () => {
  const release = (v: string) =>
    v
      .split(/[-+]/)[0]!
      .split(".")
      .reduce((n, part) => n * 1000 + Number(part), 0);

  it("of this tree is a pre-release while the changelog has Unreleased entries, past the newest release", () => {
    const changelog = fs.readFileSync(path.join(__dirname, "../../CHANGELOG.md"), "utf8");
    const unreleased = /^## \[Unreleased\]\n([\s\S]*?)(?=^## \[)/m.exec(changelog)![1]!;
    const newest = /^## \[(\d[^\]]*)\]/m.exec(changelog)![1]!;
    const version = JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8")).version as string;
    if (version.includes("-")) expect([version, release(version) > release(newest)]).toEqual([version, true]);
    else expect({ version, entries: /^- /m.test(unreleased) }).toEqual({ version: newest, entries: false });
    expect({ version, preRelease: version.includes("-") }).toEqual({ version, preRelease: /^- /m.test(unreleased) });
  });

  it("of a packed pre-release names the commit it was built from; a release's does not", () => {
    const marker = JSON.stringify({ id: "dist-x", commit: "0123456789ab-dirty" });
    const built = (v: string) => tempProject({ "package.json": `{"version":"${v}"}`, "dist/.complete": marker });
    expect(toolVersion(built("1.2.1-dev"))).toBe("1.2.1-dev+0123456789ab-dirty");
    expect(toolVersion(built("1.2.1"))).toBe("1.2.1");
    expect(toolVersion(tempProject({ "package.json": JSON.stringify({ version: "1.2.1-dev" }) }))).toBe("1.2.1-dev");
  });
});
