// `genesys-flows import --from-terraform <dir> --stack <s>` (issues 55 and 62): a CX-as-Code estate
// (HCL of the root and its local modules, variables as Terraform reads them, the state) into the
// stack's flow files, routing files and stack values, with adoption records so the first `up`
// takes the flows and routing over in place, and the Terraform side of the change as a patch (the
// hand-over). The edge of import/terraform/: reads the repository's files, the environment's
// TF_VAR_*, the state and the stack file, asks the org whether the state's flows exist, or without
// a state (--no-state, issue 79) which flows it has under Terraform's names (creating the local
// stack as `up` does when a fresh clone has none), writes everything or nothing, prints
// the report (markdown, or --json).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join, posix as posixPath, relative, resolve } from "node:path";
import type { SourceFile } from "./config";
import { readEstate } from "./estate";
import { autoLoadedFiles, environmentInputs, resolveVariables, type VariableInput } from "./variables";
import { readState, type TfState } from "./state";
import { planMigration, stateRmCommands, type MigratedFlow, type Migration, type MigrationInput } from "./migrate";
import { planHandover } from "./handover";
import { reportJson, reportMarkdown, type MigrationReport } from "./report";
import { planImport } from "../plan";
import { posix } from "../archyFiles";
import {
  adoptedRevisions,
  adoptionConflicts,
  keptNamesOf,
  recordAdoptions,
  recordKeptNames,
  recordRoutingAdoptions,
  recordStackValues,
} from "../adopt";
import { adoptedRoutingProblems, planRoutingAdoption, stackFlowFacts, stackRoutingFacts } from "../adoptRouting";
import { CONFIG_NAMESPACE, type StackSettings } from "../../planner/stackSettings";
import { STACK_FLOWS_FOLDER } from "../../planner/select";
import { stackFileName } from "../../project/stackFile";
import { pulumiCapture } from "../../project/pulumiCli";
import { inBatches, OrgApi, OrgApiError, PAGE_CONCURRENCY } from "../../org/client";
import { findFlowsByName, readFlow } from "../../org/flows";
import { kindByFlowType } from "../../model/kinds";
import { ConnectError, connectToOrg, pulumiSecret } from "../../org/signIn";
import { readExisting, readStackAndRouting, writeAtomically } from "../../project/importFiles";
import { cmp } from "../../archy/json";
import { templateExamplesIn } from "../../project/template";

export interface TerraformOptions {
  dir: string;
  stack: string;
  /** The state file (terraform.tfstate or `tofu show -json` output); default <dir>/terraform.tfstate. */
  state?: string;
  /** Convert without a state: each flow the org has once under Terraform's name and type adopted, the others new flows of the stack. */
  noState?: boolean;
  /** The environment whose <env>.tfvars and envs/<env>/ apply; default the stack's name. */
  env?: string;
  /** A directory of variable files (terraform.tfvars, *.auto.tfvars), relative to the Terraform directory; default envs/<env> when it exists. */
  envDir?: string;
  /** --var-file and --var in the order given: files relative to the Terraform directory, as Terraform takes them. */
  variables: Array<{ kind: "var-file" | "var"; value: string }>;
  force: boolean;
  json: boolean;
  /** Where the org is and the token (default: from the stack and the environment, as the provider does). */
  target?: { apiBase: string; token: string };
  /** The environment TF_VAR_* come from (default: this process's). */
  environment?: Readonly<Record<string, string | undefined>>;
}

interface Io {
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
}

/** The file the hand-over patch goes to, in the Terraform directory. */
export const HANDOVER_PATCH = "genesys-flows-handover.patch";

/** The `.tf` files of a directory of the repository (relative, posix), undefined when it is not a directory. */
function tfFilesOf(root: string, dir: string): SourceFile[] | undefined {
  const abs = join(root, dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) return undefined;
  return readdirSync(abs)
    .filter((n) => n.endsWith(".tf"))
    .sort()
    .map((n) => ({ file: posixPath.join(dir, n), text: readFileSync(join(abs, n), "utf8") }));
}

/**
 * Where the variables come from, in Terraform's order: TF_VAR_*, the files Terraform loads by itself,
 * then as `-var-file`s the environment's conventions (<env>.tfvars, the env directory's files) and
 * each --var-file and --var in the order given. Files are relative to the Terraform directory.
 */
export function variableInputs(
  root: string,
  dir: string,
  options: TerraformOptions,
  env: string,
): { inputs: VariableInput[]; problems: string[]; hint?: string } {
  const problems: string[] = [];
  const read = (file: string, why: string): VariableInput | undefined => {
    const abs = isAbsolute(file) ? file : join(root, dir, file);
    const rel = posix(relative(root, abs));
    if (!existsSync(abs)) {
      problems.push(
        `${why}: ${rel} does not exist (variable files are read relative to the Terraform directory ${dir}, as Terraform reads -var-file)`,
      );
      return undefined;
    }
    return {
      kind: "file",
      file: { file: rel.startsWith("../") ? posix(abs) : rel, text: readFileSync(abs, "utf8") },
      why,
    };
  };
  const names = (d: string) => (existsSync(join(root, dir, d)) ? readdirSync(join(root, dir, d)).sort() : []);
  const inputs: VariableInput[] = [...environmentInputs(options.environment ?? process.env)];
  for (const n of autoLoadedFiles(names("."))) inputs.push(read(n, "loaded by Terraform itself")!);
  if (env !== "terraform" && names(".").includes(`${env}.tfvars`))
    inputs.push(read(`${env}.tfvars`, `the environment's variable file, --env ${env}`)!);
  const envDir = options.envDir ?? (existsSync(join(root, dir, "envs", env)) ? `envs/${env}` : undefined);
  // Environments the estate keeps under envs/, none of them this one: said, since their values are then not read.
  const others = names("envs").filter((n) => statSync(join(root, dir, "envs", n)).isDirectory());
  const hint =
    options.env === undefined && envDir === undefined && others.length > 0
      ? `${posixPath.join(dir, "envs")}/ holds ${others.map((n) => `${n}/`).join(", ")}, and none is named like the stack "${env}": none of their variable files was read (a value the configuration does not decide came from the state, or is refused without one). If this stack is one of those environments, run again with --env ${others[0]} (or --env-dir envs/${others[0]})`
      : undefined;
  if (envDir !== undefined) {
    if (!existsSync(join(root, dir, envDir)))
      problems.push(
        `--env-dir ${envDir}: ${posixPath.join(dir, envDir)} does not exist (relative to the Terraform directory ${dir})`,
      );
    else
      for (const n of autoLoadedFiles(names(envDir)))
        inputs.push(
          read(
            posixPath.join(envDir, n),
            options.envDir !== undefined ? `--env-dir ${envDir}` : `the environment's directory, envs/${env}`,
          )!,
        );
  }
  for (const v of options.variables) {
    if (v.kind === "var-file") {
      const input = read(v.value, `--var-file ${v.value}`);
      if (input) inputs.push(input);
      continue;
    }
    const eq = v.value.indexOf("=");
    if (eq <= 0) problems.push(`--var ${v.value}: expected <name>=<value>`);
    else inputs.push({ kind: "var", name: v.value.slice(0, eq), text: v.value.slice(eq + 1) });
  }
  return { inputs, problems, ...(hint !== undefined ? { hint } : {}) };
}

/**
 * Decrypts the stack's secrets as `pulumi config get` does; on a fresh clone the local stack does
 * not exist in its backend yet, so it is created first, as `up` creates it (`stack select
 * --create` selects one that exists; a passphrase stack's secret reads without the stack, so its
 * absence is not left to the read to find). Other stacks are created deliberately: the message
 * says how. Exported for testing.
 */
export function stackSecrets(root: string, stack: string): (key: string) => Promise<string> {
  const read = pulumiSecret(stack, root);
  let local: Promise<void> | undefined;
  return async (key) => {
    if (stack === "local") await (local ??= createLocalStack(root));
    try {
      return await read(key);
    } catch (e) {
      if (!(e instanceof ConnectError) || !/no stack named/i.test(e.message)) throw e;
      throw new ConnectError(
        `stack "${stack}" does not exist in your Pulumi backend yet, so the encrypted genesys-flows:${key} of ${stackFileName(stack)} cannot be read`,
        `create it once, deliberately: npm run pulumi -- stack init ${stack} (on a file or S3 backend that adds an encryptionsalt line to ${stackFileName(stack)}: commit it), then run the migration again`,
      );
    }
  };
}

async function createLocalStack(root: string): Promise<void> {
  const created = await pulumiCapture(root, ["stack", "select", "--create", "--stack", "local"]);
  if (created.code !== 0)
    throw new ConnectError(
      `could not create the local stack (pulumi stack select --create: ${created.stderr.trim().split("\n").pop() ?? ""})`,
      "npm run pulumi -- stack select --create --stack local",
    );
}

/**
 * Signs in to the stack's org (as its provider would, or options.target) and asks it; what cannot
 * be asked (the org unreachable, the sign-in refused) is a problem naming the org and `why`.
 */
async function askOrg<T>(
  root: string,
  options: TerraformOptions,
  settings: StackSettings,
  why: string,
  ask: (api: OrgApi) => Promise<T>,
): Promise<{ answer?: T; problems: string[] }> {
  let org = options.target ? options.target.apiBase : `the org of stack ${options.stack}`;
  try {
    const connection = options.target
      ? undefined
      : await connectToOrg({
          stack: options.stack,
          settings,
          env: process.env,
          secret: stackSecrets(root, options.stack),
        });
    if (connection) org = `the org of stack ${options.stack} (${connection.target})`;
    return {
      answer: await ask(connection ? connection.api : new OrgApi(options.target!.apiBase, options.target!.token)),
      problems: [],
    };
  } catch (e) {
    if (e instanceof OrgApiError)
      return { problems: [e.unreachable ? `cannot reach ${org} ${why}: ${e.message}` : `${org} ${why}: ${e.message}`] };
    if (e instanceof ConnectError)
      return {
        problems: [`${stackFileName(options.stack)}: ${e.message}${e.fix ? `; ${e.fix}` : ""} (signing in ${why})`],
      };
    throw e;
  }
}

/** Asks the stack's org for each flow the state holds: adopting a flow that is gone fails the `up`. */
async function stateFlowsProblems(
  api: OrgApi,
  options: TerraformOptions,
  adopted: readonly MigratedFlow[],
  stateFile: string | undefined,
): Promise<string[]> {
  const problems: string[] = [];
  for (const f of adopted) {
    if (!(await readFlow(api, f.flowId!)))
      problems.push(
        `${stateFile}: ${f.address} holds flow ${f.flowId} ("${f.publishedName}"), which the org of stack ${options.stack} does not have (deleted in Genesys, or the state of another org): refresh the state (\`tofu apply -refresh-only\`) and run the migration again`,
      );
  }
  return problems;
}

/**
 * --no-state: what Terraform deployed is in the org under the names Terraform publishes. Each flow
 * the org has once under its name and type (compared as Genesys compares names) is `found`, to be
 * adopted as with the state; a flow it has not, or several times (which one Terraform deployed is
 * unknown without the state), stays a new flow of the stack, `unfound` with why.
 */
async function findInOrg(
  api: OrgApi,
  flows: readonly MigratedFlow[],
): Promise<{ found: Map<string, string>; unfound: string[] }> {
  const named = await inBatches(flows, PAGE_CONCURRENCY, async (f) => {
    const apiType = kindByFlowType(f.flowType)?.apiType;
    return { f, apiType, org: apiType === undefined ? [] : await findFlowsByName(api, f.terraformName!, apiType) };
  });
  const found = new Map(named.flatMap(({ f, org }) => (org.length === 1 ? [[f.address, org[0].flowId] as const] : [])));
  const unfound = named
    .filter(({ org }) => org.length !== 1)
    .map(
      ({ f, apiType, org }) =>
        `${f.address} ("${f.terraformName}": ${org.length === 0 ? `no ${apiType ?? f.flowType} flow of that name in the org` : `${org.length} ${apiType} flows of that name in the org, ${org.map((o) => o.flowId).join(", ")}`})`,
    );
  return { found, unfound };
}

/** Where the migration reads and writes, or why it cannot start (exit code 2: the command line; 1: the stack). */
type Start =
  | { dir: string; dirAbs: string; stackFile: string; settings: StackSettings; routingSources: RoutingSources }
  | { code: 1 | 2; message: string };
type RoutingSources = Extract<ReturnType<typeof readStackAndRouting>, { settings: StackSettings }>["routingSources"];

/** Step 1: the directory inside the repository holds .tf files, the options agree, the stack file reads. */
function start(root: string, options: TerraformOptions): Start {
  const dirAbs = resolve(root, options.dir);
  const dir = posix(relative(root, dirAbs)) || ".";
  if (dir === ".." || dir.startsWith("../") || isAbsolute(dir))
    return {
      code: 2,
      message: `import: --from-terraform ${options.dir}: outside the repository (${root}); the migration reads and writes the repository's files: put the estate in it`,
    };
  const rootFiles = tfFilesOf(root, dir);
  if (rootFiles === undefined || rootFiles.length === 0)
    return {
      code: 2,
      message: `import: --from-terraform ${options.dir}: ${rootFiles === undefined ? "not a directory" : "no .tf file there"}`,
    };
  if (options.noState && options.state !== undefined)
    return { code: 2, message: "import: --no-state and --state: give one of them" };
  const stackInputs = readStackAndRouting(root, options.stack);
  if ("problem" in stackInputs) return { code: 1, message: `import: nothing written:\n  ${stackInputs.problem}` };
  return {
    dir,
    dirAbs,
    stackFile: stackFileName(options.stack),
    settings: stackInputs.settings,
    routingSources: stackInputs.routingSources,
  };
}

/** Step 2: the estate (the root and its local modules, its variables as Terraform reads them), its state, and the migration planned from them. */
async function readTerraform(root: string, options: TerraformOptions, s: Extract<Start, { dir: string }>) {
  const estate = await readEstate(s.dir, (d) => tfFilesOf(root, d), new Map());
  const { inputs, problems: inputProblems, hint } = variableInputs(root, s.dir, options, options.env ?? options.stack);
  const variables = await resolveVariables(estate.root.config.variables, inputs);
  estate.variables = variables.values;
  const statePath = options.noState
    ? undefined
    : options.state !== undefined
      ? resolve(root, options.state)
      : existsSync(join(s.dirAbs, "terraform.tfstate"))
        ? join(s.dirAbs, "terraform.tfstate")
        : undefined;
  const stateFile = statePath !== undefined ? posix(relative(root, statePath)) : undefined;
  let state: TfState | undefined;
  const problems = [...inputProblems, ...variables.problems];
  if (statePath !== undefined) {
    try {
      state = readState(readFileSync(statePath, "utf8"), stateFile!);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  const inside = (f: string) => !f.startsWith("../") && f !== "..";
  const input: MigrationInput = {
    estate,
    ...(state ? { state, stateFile: stateFile! } : {}),
    ...(options.noState ? { noState: true } : {}),
    readFile: (f) =>
      inside(f) && existsSync(join(root, f)) && statSync(join(root, f)).isFile()
        ? readFileSync(join(root, f), "utf8")
        : undefined,
    namePrefix: s.settings.namePrefix,
    stack: options.stack,
  };
  let migration = planMigration(input);
  let unfound: string[] = [];
  const orgProblems: string[] = [];
  if (options.noState && migration.flows.length > 0) {
    const asked = await askOrg(
      root,
      options,
      s.settings,
      "to look up the flows Terraform deployed by their names (--no-state)",
      (api) => findInOrg(api, migration.flows),
    );
    orgProblems.push(...asked.problems);
    unfound = asked.answer?.unfound ?? [];
    if (asked.answer && asked.answer.found.size > 0) migration = planMigration({ ...input, found: asked.answer.found });
  }
  const adopted = migration.flows.filter((f) => f.flowId !== undefined);
  if (!options.noState && adopted.length > 0) {
    const checked = await askOrg(root, options, s.settings, "to check the state's flows", (api) =>
      stateFlowsProblems(api, options, adopted, stateFile),
    );
    orgProblems.push(...checked.problems, ...(checked.answer ?? []));
  }
  problems.push(...migration.problems, ...orgProblems);
  return { estate, variables, stateFile, migration, problems, unfound, ...(hint !== undefined ? { hint } : {}) };
}

/** Step 3: the flow files (through the import's plan: checks, compile, names) and the stack as it will be (each flow's substitutions, adoption and kept name). */
function planFlows(root: string, options: TerraformOptions, s: Extract<Start, { dir: string }>, migration: Migration) {
  const outDir = `flows/${STACK_FLOWS_FOLDER}/${options.stack}`;
  const existing = readExisting(root);
  const plan = planImport({
    imported: migration.flows.map((f) => ({
      source: `${f.source} (${f.address})`,
      result: f.result,
      ...(f.flowId !== undefined ? { flowId: f.flowId } : {}),
      ...(f.keptName !== undefined ? { keptName: f.keptName } : {}),
    })),
    existing,
    outDir,
    force: options.force,
    exists: (f) => existsSync(join(root, f)),
    namePrefix: s.settings.namePrefix,
    keptNames: keptNamesOf(s.settings),
    overwriteHint: ` (a migration writes the stack's flows under ${outDir}/)`,
  });
  const bySource = new Map(plan.files.map((p) => [p.source, p]));
  const fileOf = new Map(
    migration.flows.flatMap((f) =>
      bySource.has(`${f.source} (${f.address})`)
        ? [[f.address, bySource.get(`${f.source} (${f.address})`)!] as const]
        : [],
    ),
  );
  const adoptions = new Map(
    plan.files.filter((f) => f.id !== undefined && f.flowId !== undefined).map((f) => [f.id!, f.flowId!]),
  );
  const keptNames = new Map(
    plan.files.flatMap((f) => (f.id !== undefined && f.keptName !== undefined ? [[f.id, f.keptName] as const] : [])),
  );
  const written = new Set(plan.files.map((f) => f.file));
  const flowSources = [
    ...existing.filter((x) => !written.has(x.file)),
    ...plan.files.filter((f) => f.id !== undefined).map((f) => ({ id: f.id!, file: f.file, text: f.text })),
  ];
  const withValues: StackSettings = { ...s.settings, flows: { ...s.settings.flows } };
  for (const f of migration.flows) {
    const id = fileOf.get(f.address)?.id;
    if (id === undefined) continue;
    withValues.flows[id] = {
      ...withValues.flows[id],
      substitutions: { ...withValues.flows[id]?.substitutions, ...f.substitutions },
      ...(adoptions.has(id) ? { adopt: adoptions.get(id)! } : {}),
      ...(keptNames.has(id) ? { name: keptNames.get(id)! } : {}),
    };
  }
  const blocking = [...plan.problems, ...adoptionConflicts(s.settings, adoptions, s.stackFile, options.force)];
  return { plan, fileOf, adoptions, keptNames, flowSources, withValues, blocking };
}

/** Step 4: the routing adopted, and the stack file with the adoptions, kept names, substitutions and adopted revisions recorded. */
function planStack(
  root: string,
  options: TerraformOptions,
  s: Extract<Start, { dir: string }>,
  migration: Migration,
  flows: ReturnType<typeof planFlows>,
) {
  const { fileOf, adoptions, keptNames, flowSources, withValues, blocking } = flows;
  const stack = { name: options.stack, settings: withValues, stackFile: s.stackFile };
  const routing = planRoutingAdoption({
    org: migration.routing.map((r) => r.object),
    prefix: "",
    namePrefix: s.settings.namePrefix,
    stack: options.stack,
    stackFile: s.stackFile,
    flows: stackFlowFacts(flowSources, stack, adoptions),
    routing: stackRoutingFacts(s.routingSources, s.settings),
    force: options.force,
    exists: (f) => existsSync(join(root, f)),
  });
  blocking.push(...routing.problems);
  const substitutions = migration.flows.flatMap((f) => {
    const id = fileOf.get(f.address)?.id;
    return id === undefined
      ? []
      : Object.entries(f.substitutions).map(([k, v]) => ({
          path: [`${CONFIG_NAMESPACE}:flows`, id, "substitutions", k],
          value: v as unknown,
        }));
  });
  // What `up` will compute for each adopted flow: recorded as its adoptedRevision, it lets the
  // first `up` read the flow and publish nothing (planner/adoption.ts).
  const adopted =
    blocking.length === 0
      ? adoptedRevisions(
          { stack: options.stack, settings: withValues, stackFile: s.stackFile, sources: flowSources },
          adoptions,
        )
      : { revisions: new Map<string, string>(), problems: [] };
  const stackText = recordRoutingAdoptions(
    recordKeptNames(
      recordStackValues(
        recordAdoptions(readFileSync(join(root, s.stackFile), "utf8"), adoptions, adopted.revisions),
        substitutions,
      ),
      keptNames,
    ),
    routing.files,
  );
  if (blocking.length === 0 && routing.files.length > 0) {
    blocking.push(
      ...adoptedRoutingProblems({
        stackFileText: stackText,
        stackFile: s.stackFile,
        sources: s.routingSources,
        adopted: routing.files,
        flows: stackFlowFacts(flowSources, stack, adoptions),
      }),
    );
  }
  return { routing, adopted, stackText };
}

export async function importFromTerraform(root: string, options: TerraformOptions, io: Io): Promise<number> {
  const s = start(root, options);
  if ("code" in s) {
    io.err.write(`${s.message}\n`);
    return s.code;
  }
  const tf = await readTerraform(root, options, s);
  const flows = planFlows(root, options, s, tf.migration);
  const { routing, adopted, stackText } = planStack(root, options, s, tf.migration, flows);
  // The Terraform side: what the stack now manages, forgotten by Terraform without being destroyed.
  const adoptedRouting = tf.migration.routing.filter((r) => routing.files.some((f) => f.orgId === r.object.id));
  const handover = await planHandover(
    tf.migration.flows.filter((f) => flows.fileOf.has(f.address)),
    adoptedRouting,
    options.stack,
    tf.estate.instances,
  );
  flows.blocking.push(...handover.problems);
  const refused = flows.blocking.length > 0 || (tf.problems.length > 0 && !options.force);
  const patchFile = posixPath.join(s.dir, HANDOVER_PATCH);
  const report = {
    ...reportOf(options, s, tf, flows, { routing, adopted, handover, refused, patchFile }),
    ...examplesOf(root),
  };
  if (!refused) {
    for (const f of flows.plan.files) writeAtomically(join(root, f.file), f.text);
    for (const f of routing.files) writeAtomically(join(root, f.file), f.text);
    writeAtomically(join(root, s.stackFile), stackText);
    if (handover.patch !== "") writeAtomically(join(root, patchFile), handover.patch);
  }
  io.out.write(options.json ? reportJson(report) : reportMarkdown(report));
  if (refused) io.err.write(`import: nothing written:\n${report.problems.map((p) => `  ${p}`).join("\n")}\n`);
  return refused ? 1 : 0;
}

/** The project's shipped example flows still in flows/ (every stack deploys them too), and the command that removes the examples. */
function examplesOf(root: string): Pick<MigrationReport, "examples"> {
  const files = templateExamplesIn(root);
  const flows = files.filter((f) => f.startsWith("flows/"));
  return flows.length === 0 ? {} : { examples: { flows, remove: `git rm -q ${files.join(" ")}` } };
}

/** Step 5: the report (markdown, or --json): what was migrated where, what was not and why, the hand-over, the first up. */
function reportOf(
  options: TerraformOptions,
  s: Extract<Start, { dir: string }>,
  tf: Awaited<ReturnType<typeof readTerraform>>,
  flows: ReturnType<typeof planFlows>,
  out: Pick<ReturnType<typeof planStack>, "routing" | "adopted"> & {
    handover: Awaited<ReturnType<typeof planHandover>>;
    refused: boolean;
    patchFile: string;
  },
): MigrationReport {
  const { migration } = tf;
  const { routing, adopted, handover } = out;
  const adoptions = flows.adoptions;
  const addressOf = new Map(migration.routing.map((r) => [r.object.id, r.address]));
  const newFlows = migration.flows.filter((f) => f.flowId === undefined).length;
  return {
    stack: options.stack,
    dir: s.dir,
    ...(tf.stateFile !== undefined ? { state: tf.stateFile } : {}),
    noState: options.noState === true,
    written: !out.refused,
    variables: tf.variables.sources,
    ...(tf.hint !== undefined ? { variablesHint: tf.hint } : {}),
    flows: migration.flows.flatMap((f) => {
      const p = flows.fileOf.get(f.address);
      if (!p) return [];
      return [
        {
          address: f.address,
          file: p.file,
          source: f.source,
          ...(f.flowId !== undefined ? { flowId: f.flowId } : {}),
          publishedName: f.publishedName,
          nameKept: f.keptName !== undefined,
          substitutions: f.origins.filter((o) => Object.hasOwn(f.substitutions, o.key)),
          raw: f.raw.map((u) => ({ at: `${f.source}:${u.line ?? "?"}`, action: u.action, reason: u.reason })),
        },
      ];
    }),
    routing: routing.files
      .map((f) => ({
        address: addressOf.get(f.orgId) ?? "?",
        file: f.file,
        orgId: f.orgId,
        stackValues: Object.keys(f.stackValues).sort(),
      }))
      .sort((a, b) => cmp(a.address, b.address)),
    // A routing object adoption refused (a reference it cannot express, ...) is named with why, not dropped.
    notMigrated: [
      ...migration.notMigrated,
      ...migration.routing
        .filter((r) => !routing.files.some((f) => f.orgId === r.object.id))
        .map((r) => ({
          address: r.address,
          why:
            routing.problems.filter((p) => p.includes(`(${r.object.id})`)).join("; ") ||
            "not adopted: see the problems",
        })),
    ].sort((a, b) => cmp(a.address, b.address)),
    staying: migration.staying,
    handover: {
      ...(handover.removed.length > 0 && !out.refused ? { patch: out.patchFile } : {}),
      files: handover.files,
      removed: handover.removed,
      references: handover.references,
      stateRm: stateRmCommands(handover.removed),
    },
    review: `genesys-flows diff --base HEAD --stack ${options.stack}`,
    firstUp: [
      adoptions.size + routing.files.length > 0
        ? `\`genesys-flows up --stack ${options.stack}\` takes the ${adoptions.size} flow(s) and ${routing.files.length} routing object(s) over in place (the ids above: no create, no delete)${adopted.revisions.size === adoptions.size ? ", publishing nothing: each flow's adoptedRevision is recorded, so it is read until its file, its substitutions or a module it calls change" : `; ${adoptions.size - adopted.revisions.size} flow(s) have no adoptedRevision (the stack does not plan yet: ${adopted.problems.join("; ")}) and are republished in place`}.`
        : `\`genesys-flows up --stack ${options.stack}\` adopts nothing.`,
      ...(newFlows > 0
        ? [
            `${newFlows} flow(s) are new flows of the stack (--no-state: ${tf.unfound.length > 0 ? `the org does not have each once under Terraform's name and type: ${tf.unfound.join("; ")}` : "not adopted"}): \`up\` creates them under the stack's namePrefix "${s.settings.namePrefix}"; a flow of that name already in the org is refused by the ownership check, never overwritten.`,
          ]
        : []),
      `Until the hand-over patch is applied and Terraform has run once, Terraform still manages the migrated resources too: do not apply that configuration in between.`,
    ],
    notes: [...tf.variables.notes, ...migration.notes],
    problems: [...tf.problems, ...flows.blocking],
  };
}
