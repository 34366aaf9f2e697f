// genesys-flows init: starts a team's repository (project/teamRepository.ts writes its files from
// the package's template, templates/portfolio/), optionally with the team's Archy exports or an
// org's flows taken in by the import, on genesys-flows as it came here (project/toolPackage.ts),
// then npm install and git init. Prints the next commands.
import { stackFileName } from "../model/stackFile";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { commandArgs, parseSets, UsageError } from "../project/cliArgs";
import { CURRENT_FORMAT } from "../planner/migrations";
import { FLOW_AND_PACK_RULES } from "../policies/packRules";
import { PROJECT_NAME, teamRepositoryFiles } from "../project/teamRepository";
import type { TeamRepositoryOptions } from "../project/teamRepository";
import { templateFiles, toolVersion } from "../project/template";
import * as YAML from "yaml";
import { importFiles, type Io } from "../import/archyFiles";
import { LOCAL_ORG_FILE, orgFileOf } from "../project/orgFile";
import type { Portfolio } from "../planner/portfolio";
import { readPortfolio } from "../project/portfolio";
import { routingPlanInput } from "../project/routingFiles";
import { planRouting, routingObjectsOf } from "../planner/routing";
import { toolRoot } from "../project/root";
import { recordSubstitutions } from "../import/adopt";
import { CONFIG_NAMESPACE } from "../planner/stackSettings";
import { FlowLoadError, formatIssue } from "../model/errors";
import { dependencyIn, npmInstall, sourceOfSpec, tarballVersion, toolSource } from "../project/toolPackage";
import type { ToolSource } from "../project/toolPackage";

export const HELP = `Usage: genesys-flows init <dir> [--name <project>] [--reference | --empty] [--package <spec>]
       genesys-flows init <dir> --import <export.yaml>... [--set [<export>:]<key>=<value>]... [--name <project>]
       genesys-flows init <dir> --from-org --stack <name> (--prefix <name prefix> | --flow <name>...)
                          [--flows-only] [--gateway <url> | --region <region>] [--name <project>]

Starts your team's repository in <dir> (a new or empty folder): the Pulumi project (Pulumi.yaml,
Pulumi.local.yaml for the bundled emulator, Pulumi.dev.yaml and Pulumi.prod.yaml for your orgs),
package.json depending on this version of genesys-flows, index.ts, the policy pack's entry and
config (policies/), your checks (test/: lint, scenarios, the review), a README, and a starting
portfolio: one common module (LookupCustomer) and one flow calling it (WebChat), with its scenarios.
Nothing of genesys-flows itself is copied: it stays a package you upgrade by its version
(docs/upgrading.md). package.json names genesys-flows as it came here: its version from a registry,
its git URL, or the tarball it was installed from (or packed from this clone with npm pack) copied
into vendor/, so every clone of the repository installs it. Then npm install, git init, and a first
commit of it all, package-lock.json with it, when git knows who you are.

Options:
  --name <project>   the Pulumi project's name (default: the folder's name)
  --reference        the whole reference portfolio instead: two common modules, three call flows, an
                     email and a message flow, their routing and scenarios
  --empty            no example flows, routing or scenarios (and no stack values they use)
  --import           take the Archy exports given after <dir> in (flows/imported/), without the examples;
                     their {{placeholders}} stay, and every stack file gives their values (--set). An
                     export that needs what is not given is not taken: the others are, and it is listed
                     with what to give; the queues, skills, prompts... the flows name are declared
                     under objects/, which the local stack creates
  --set <key>=<value>
                     with --import: a placeholder's value, recorded in every stack file (a placeholder
                     in an expression's code needs a whole number, a number, or true or false: the flow
                     reads it with ToInt, ToDecimal or == "true"); <export>:<key>=<value> fills it in
                     that export's flow file only: the name of each instance where several exports
                     share a templated name (one template, several instances)
  --from-org         adopt the flows of the org of --stack whose names start with --prefix, or those
                     --flow names, with the common modules they call and the org objects they name
                     (genesys-flows import --from-org): the portfolio's files, which every stack
                     deploys (the org's names become substitutions, recorded in every stack file)
  --stack <name>     with --from-org: the stack whose org to read (a new one gets its stack file)
  --prefix <prefix>  with --from-org: the name prefix of the flows (and routing objects) to adopt
  --flow <name>      with --from-org: a flow to adopt, by its name in the org (repeatable); no routing
  --flows-only       with --prefix: the flows, their modules and objects, no routing objects
  --gateway <url>    with --from-org: the org's API (an emulator: http://127.0.0.1:<port>), recorded
                     in the stack file; credentials from GENESYSCLOUD_ACCESS_TOKEN (or the
                     GENESYSCLOUD_OAUTHCLIENT_* pair)
  --region <region>  with --from-org: the org's region instead, recorded likewise
  --package <spec>   how package.json names genesys-flows instead: a version or a git URL as it is, a
                     tarball's path (copied into vendor/)
  --no-install       no npm install (offline): run it, then commit package-lock.json
  -h, --help         show this help

Exit codes: 0 written and installed (exports not taken are listed), 1 the import took nothing or failed,
or the packing failed (nothing is left in <dir>), or npm install failed (the files are written), 2 usage
errors.
`;

const SPEC = {
  name: { type: "string" },
  empty: { type: "boolean" },
  reference: { type: "boolean" },
  import: { type: "boolean" },
  "from-org": { type: "boolean" },
  stack: { type: "string" },
  prefix: { type: "string" },
  flow: { type: "string", multiple: true },
  "flows-only": { type: "boolean" },
  gateway: { type: "string" },
  region: { type: "string" },
  package: { type: "string" },
  set: { type: "string", multiple: true },
  "no-install": { type: "boolean" },
} as const;

export async function main(argv: string[], io: Io): Promise<number> {
  const parsed = commandArgs(argv, SPEC, { command: "init", help: HELP, io, positionals: true }, checkArgs);
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  const dir = path.resolve(positionals[0]!);
  const project = values.name ?? path.basename(dir).replace(/[^A-Za-z0-9_.-]+/g, "-");
  if (!PROJECT_NAME.test(project)) {
    io.err.write(
      `init: "${project}" is not a Pulumi project name (letters, digits, -, _ and .): give one with --name\n`,
    );
    return 2;
  }
  const portfolio =
    values.empty === true || values.import === true || values["from-org"] === true
      ? "none"
      : values.reference === true
        ? "reference"
        : "starter";
  const made = !existsSync(dir);
  mkdirSync(dir, { recursive: true });
  const source = values.package !== undefined ? sourceOfSpec(values.package, process.cwd()) : toolSource();
  let packageSpec: string;
  let version = toolVersion();
  try {
    if (source.kind === "checkout") io.out.write(`Packing genesys-flows in ${source.root} (npm pack: a minute)\n`);
    packageSpec = dependencyIn(dir, source);
    // The version the repository gets: its tarball's (a clone's pack names the commit; --package may give another).
    if (source.kind !== "spec") version = tarballVersion(path.join(dir, packageSpec.slice("file:".length)));
  } catch (e) {
    emptyAgain(dir, made);
    io.err.write(`init: nothing written to ${dir}: ${(e as Error).message}\n`);
    return 1;
  }
  const rules = FLOW_AND_PACK_RULES.map((r) => r.id);
  const options: TeamRepositoryOptions = { project, version, format: CURRENT_FORMAT, rules, portfolio, packageSpec };
  const files = teamRepositoryFiles(templateFiles(), options);
  for (const [file, text] of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const stackFiles = [...files.keys()].filter((f) => /^Pulumi\.[^/]+\.yaml$/.test(f)).sort();
  const taken = takeIn(dir, values, positionals.slice(1), stackFiles, io);
  if (taken !== 0) {
    emptyAgain(dir, made);
    io.err.write(`init: nothing written to ${dir}: the import above failed\n`);
    return 1;
  }
  io.out.write(
    `Wrote ${files.size} files to ${dir}: project "${project}" on genesys-flows ${version} (format ${CURRENT_FORMAT})${{ none: ", without the examples", starter: ", with a starting module and its caller", reference: ", with the reference portfolio" }[portfolio]}.\n`,
  );
  io.out.write(dependencyLine(source, packageSpec));
  const installed = values["no-install"] !== true && install(dir, io);
  io.out.write(gitStart(dir, version));
  const rel = path.relative(process.cwd(), dir) || ".";
  const then = installed ? "" : " && npm install   # then commit package-lock.json: teammates install from it";
  io.out.write(`\nNext:\n  cd ${rel}${then}\n  npm start    # deploy the local stack to the bundled emulator\n`);
  io.out.write("  npm test     # lint every stack, the scenarios, the review\n");
  return installed || values["no-install"] === true ? 0 : 1;
}

/** Where package.json's genesys-flows comes from, as a line. */
function dependencyLine(source: ToolSource, spec: string): string {
  const names = `package.json names genesys-flows "${spec}"`;
  if (source.kind === "spec") return `${names}: npm resolves it (your registry, git).\n`;
  const tarball = source.kind === "checkout" ? "the tarball packed from this clone" : "the tarball it came from";
  return `${names}: ${tarball}, committed: every clone installs it.\n`;
}

/** npm install in the new repository (its package-lock.json committed with the rest); false, said, when it fails. */
function install(dir: string, io: Io): boolean {
  io.out.write("npm install (genesys-flows and Pulumi's packages)\n");
  const failed = npmInstall(dir);
  if (failed !== undefined) io.err.write(`init: npm install failed in ${dir}:\n${failed}\n`);
  return failed === undefined;
}

/** Nothing half made: the folder goes back to what it was (new, or empty). */
function emptyAgain(dir: string, made: boolean): void {
  if (made) rmSync(dir, { recursive: true, force: true });
  else for (const entry of readdirSync(dir)) rmSync(path.join(dir, entry), { recursive: true, force: true });
}

type Given = {
  import?: boolean;
  "from-org"?: boolean;
  stack?: string;
  prefix?: string;
  flow?: string[];
  "flows-only"?: boolean;
  gateway?: string;
  region?: string;
  set?: string[];
};

/** The options init hands to `genesys-flows import --from-org` as they were given. */
const FROM_ORG_OPTIONS = ["prefix", "flow", "flows-only", "gateway", "region"] as const;

function checkArgs(values: Given & { empty?: boolean; reference?: boolean }, positionals: string[]): void {
  if (positionals.length === 0)
    throw new UsageError("name the folder to start the repository in: genesys-flows init <dir>");
  const dir = path.resolve(positionals[0]!);
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new UsageError(`${positionals[0]} is not empty: init starts a repository in a new or empty folder`);
  if (values.import && positionals.length < 2)
    throw new UsageError("--import takes the Archy export files after <dir>");
  if (!values.import && positionals.length > 1)
    throw new UsageError(`unexpected argument: ${positionals[1]} (export files need --import)`);
  if (
    values["from-org"] &&
    (values.stack === undefined || (values.prefix === undefined) === (values.flow === undefined))
  )
    throw new UsageError("--from-org needs --stack <name> and --prefix <name prefix> or --flow <name>");
  const orgOnly = FROM_ORG_OPTIONS.find((k) => values[k] !== undefined);
  if (!values["from-org"] && orgOnly !== undefined) throw new UsageError(`--${orgOnly} goes with --from-org`);
  if (values.reference && (values.empty || values.import || values["from-org"]))
    throw new UsageError("--reference writes the example portfolio: not with --empty, --import or --from-org");
  if (values.set !== undefined && !values.import) {
    throw new UsageError("--set gives the exports' placeholders their values: with --import");
  }
  parseSets(values.set ?? []);
  if (values.import && values["from-org"])
    throw new UsageError("--import and --from-org: one at a time (the other can follow with genesys-flows import)");
}

/**
 * The import of --import (the exports, in process) or --from-org (`genesys-flows import --stack`, the
 * adoption, run as its own command in the new repository), then the local org given what the
 * imported flows name, so the local stack deploys them to the emulator.
 */
function takeIn(dir: string, values: Given, exports: string[], stackFiles: string[], io: Io): number {
  if (!values.import && !values["from-org"]) return 0;
  if (values.import) {
    const sets = parseSets(values.set ?? []);
    const stacks = { files: stackFiles, values: sets.shared };
    const options = { out: "flows/imported", force: false, substitutions: {}, own: sets.own, stacks };
    const code = importFiles(
      dir,
      exports.map((e) => path.resolve(e)),
      options,
      io,
    );
    if (code !== 0) return code;
  } else {
    const stack = values.stack!;
    const stackFile = path.join(dir, stackFileName(stack));
    if (!existsSync(stackFile))
      writeFileSync(
        stackFile,
        `# The ${stack} stack: the org its flows were adopted from.\nconfig:\n  genesys-flows:environment: ${stack}\n  genesys-flows:namePrefix: ${stack}-\n`,
      );
    const given = FROM_ORG_OPTIONS.flatMap((k) => {
      const v = values[k];
      return v === undefined ? [] : v === true ? [`--${k}`] : [v].flat().flatMap((x) => [`--${k}`, String(x)]);
    });
    const r = spawnSync(
      process.execPath,
      [
        path.join(toolRoot(), "bin", "genesys-flows"),
        "import",
        "--from-org",
        "--root",
        dir,
        "--stack",
        stack,
        ...given,
      ],
      { cwd: dir, encoding: "utf8" },
    );
    io.out.write(r.stdout ?? "");
    io.err.write(r.stderr ?? "");
    if (r.status !== 0) return r.status ?? 1;
    // The adopted files are every stack's: each stack file gets the org's names the flows use, to change per org.
    const adopting = YAML.parse(readFileSync(stackFile, "utf8")) as { config?: Record<string, unknown> };
    const names = (adopting.config?.[`${CONFIG_NAMESPACE}:substitutions`] ?? {}) as Record<string, string>;
    for (const other of stackFiles.filter((f) => f !== stackFileName(stack))) {
      const text = readFileSync(path.join(dir, other), "utf8");
      const have = (YAML.parse(text) as { config?: Record<string, unknown> }).config?.[
        `${CONFIG_NAMESPACE}:substitutions`
      ] as Record<string, string> | undefined;
      const missing = Object.fromEntries(Object.entries(names).filter(([k]) => have?.[k] === undefined));
      writeFileSync(path.join(dir, other), recordSubstitutions(text, missing));
    }
  }
  let portfolio: Portfolio;
  let created: ReturnType<typeof routingObjectsOf>;
  try {
    portfolio = readPortfolio(dir, "local");
    // Not in the local org: the objects the import declared, which the local stack creates (docs/objects.md).
    created = routingObjectsOf(planRouting(routingPlanInput(dir, portfolio)).objects);
  } catch (e) {
    if (!(e instanceof FlowLoadError)) throw e;
    const issues = e.issues.map((i) => `  ${formatIssue(i)}\n`).join("");
    io.err.write(`init: the local stack does not plan with what was imported:\n${issues}`);
    return 1;
  }
  const header =
    "# The org of the local stack (the bundled emulator): what the imported flows name, so the\n" +
    "# org-reference check passes there as on an org that has them. Describe a data action's contract here.\n";
  writeFileSync(path.join(dir, LOCAL_ORG_FILE), `${header}${YAML.stringify(orgFileOf(portfolio, created))}`);
  return 0;
}

/** git init, and a first commit when git knows who commits; what was done, as a line. */
function gitStart(dir: string, version: string): string {
  const git = (...args: string[]) =>
    spawnSync("git", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (git("rev-parse", "--is-inside-work-tree").status === 0)
    return "It is inside a git repository already: commit it there.\n";
  if (git("init", "-q").status !== 0) return "git is not available: put the folder under version control yourself.\n";
  git("add", "-A");
  if (git("var", "GIT_COMMITTER_IDENT").status !== 0)
    return "git init done; commit it once git knows who you are (git config user.name / user.email).\n";
  return git("commit", "-q", "-m", `Start from genesys-flows ${version}`).status === 0
    ? "git init and a first commit done.\n"
    : "git init done; the first commit failed: commit it yourself.\n";
}
