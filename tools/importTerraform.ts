// `genesys-flows import --from-terraform <dir> --stack <s>` (issue 55): a CX-as-Code estate (HCL and
// state) into the stack's flow files, routing files and stack values, with adoption records so the
// first `up` takes the flows and routing over in place. The edge of import/terraform/: reads the
// directory, the state and the stack file, asks the org whether the state's flows exist, writes
// everything or nothing, prints the report (markdown, or --json).
import { existsSync, readdirSync, readFileSync } from "fs";
import { join, relative, resolve } from "path";
import { readConfig, type SourceFile } from "../import/terraform/config";
import { readState, type TfState } from "../import/terraform/state";
import { planMigration, stateRmCommands, type Migration } from "../import/terraform/migrate";
import { reportJson, reportMarkdown, type MigrationReport } from "../import/terraform/report";
import { planImport } from "../import/plan";
import { adoptedRevisions, adoptionConflicts, recordAdoptions, recordRoutingAdoptions, recordStackValues } from "../import/adopt";
import { adoptedRoutingProblems, planRoutingAdoption, stackFlowFacts, stackRoutingFacts } from "../import/adoptRouting";
import { CONFIG_NAMESPACE } from "../planner/stackSettings";
import { STACK_FLOWS_FOLDER } from "../planner/select";
import { stackFileName } from "../project/stackFile";
import { OrgApi, OrgApiError } from "../org/client";
import { readFlow } from "../org/flows";
import { ConnectError, connectToOrg, pulumiSecret } from "../org/signIn";
import { readExisting, readStackAndRouting, writeAtomically } from "../project/importFiles";

export interface TerraformOptions {
  dir: string;
  stack: string;
  /** The state file (terraform.tfstate or `tofu show -json` output); default <dir>/terraform.tfstate. */
  state?: string;
  /** The environment whose <env>.tfvars applies; default the stack's name. */
  env?: string;
  varFiles: string[];
  force: boolean;
  json: boolean;
  /** Where the org is and the token (default: from the stack and the environment, as the provider does). */
  target?: { apiBase: string; token: string };
}

interface Io {
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
}

const posix = (p: string) => p.split("\\").join("/");

/** The variable files in Terraform's order (a later one wins): terraform.tfvars, *.auto.tfvars, <env>.tfvars, then --var-file. */
export function variableFiles(names: readonly string[], env: string): string[] {
  const auto = names.filter((n) => n.endsWith(".auto.tfvars")).sort();
  return [...(names.includes("terraform.tfvars") ? ["terraform.tfvars"] : []), ...auto, ...(names.includes(`${env}.tfvars`) && env !== "terraform" ? [`${env}.tfvars`] : [])];
}

export async function importFromTerraform(root: string, options: TerraformOptions, io: Io): Promise<number> {
  const dirAbs = resolve(root, options.dir);
  const inside = posix(relative(root, dirAbs));
  const dir = inside === "" ? "." : inside.startsWith("../") ? posix(options.dir) : inside;
  let names: string[];
  try {
    names = readdirSync(dirAbs).sort();
  } catch (e) {
    io.err.write(`import: --from-terraform ${options.dir}: cannot read it (${(e as Error).message})\n`);
    return 2;
  }
  const read = (file: string): SourceFile => ({ file, text: readFileSync(join(dirAbs, file), "utf8") });
  const files = names.filter((n) => n.endsWith(".tf")).map(read);
  if (files.length === 0) {
    io.err.write(`import: --from-terraform ${options.dir}: no .tf file there\n`);
    return 2;
  }
  const env = options.env ?? options.stack;
  const tfvars = [...variableFiles(names, env).map(read), ...options.varFiles.map((f) => ({ file: posix(relative(dirAbs, resolve(root, f))), text: readFileSync(resolve(root, f), "utf8") }))];
  const { config, problems: hclProblems } = await readConfig(dir, files, tfvars);

  const statePath = options.state !== undefined ? resolve(root, options.state) : existsSync(join(dirAbs, "terraform.tfstate")) ? join(dirAbs, "terraform.tfstate") : undefined;
  const stateFile = statePath !== undefined ? posix(relative(root, statePath)) : undefined;
  let state: TfState | undefined;
  const problems = [...hclProblems];
  if (statePath !== undefined) {
    try {
      state = readState(readFileSync(statePath, "utf8"), stateFile!);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  const stackFile = stackFileName(options.stack);
  const stackInputs = readStackAndRouting(root, options.stack);
  if ("problem" in stackInputs) {
    io.err.write(`import: nothing written:\n  ${stackInputs.problem}\n`);
    return 1;
  }
  const { settings, routingSources } = stackInputs;
  const migration: Migration = planMigration({
    dir,
    config,
    files,
    ...(state ? { state, stateFile: stateFile! } : {}),
    readFile: (f) => (existsSync(join(dirAbs, f)) ? readFileSync(join(dirAbs, f), "utf8") : undefined),
    namePrefix: settings.namePrefix,
    stack: options.stack,
  });
  problems.push(...migration.problems);

  // The state's flows must still be in the org: adopting a flow that is gone fails the `up`.
  if (migration.flows.length > 0) {
    try {
      const api = options.target
        ? new OrgApi(options.target.apiBase, options.target.token)
        : (await connectToOrg({ stack: options.stack, settings, env: process.env, secret: pulumiSecret(options.stack, root) })).api;
      for (const f of migration.flows) {
        const found = await readFlow(api, f.flowId);
        if (!found) problems.push(`${stateFile}: ${f.address} holds flow ${f.flowId} ("${f.publishedName}"), which the org of stack ${options.stack} does not have (deleted in Genesys, or the state of another org): refresh the state (\`tofu apply -refresh-only\`) and run the migration again`);
      }
    } catch (e) {
      if (e instanceof OrgApiError) problems.push(e.unreachable ? `cannot reach the org of stack ${options.stack} to check the state's flows: ${e.message}` : e.message);
      else if (e instanceof ConnectError) problems.push(`${stackFile}: ${e.message}${e.fix ? `; ${e.fix}` : ""}`);
      else throw e;
    }
  }

  // The flow files (through the import's plan: checks, compile, names), then the routing.
  const outDir = `flows/${STACK_FLOWS_FOLDER}/${options.stack}`;
  const existing = readExisting(root);
  const plan = planImport({ imported: migration.flows.map((f) => ({ source: `${f.source} (${f.address})`, result: f.result, flowId: f.flowId })), existing, outDir, force: options.force, exists: (f) => existsSync(join(root, f)), namePrefix: settings.namePrefix });
  const adoptions = new Map(plan.files.filter((f) => f.id !== undefined && f.flowId !== undefined).map((f) => [f.id!, f.flowId!]));
  const flowIdOf = new Map(plan.files.map((f) => [f.flowId, f.id]));
  const blocking = [...plan.problems, ...adoptionConflicts(settings, adoptions, stackFile, options.force)];
  const written = new Set(plan.files.map((f) => f.file));
  const flowSources = [...existing.filter((s) => !written.has(s.file)), ...plan.files.filter((f) => f.id !== undefined).map((f) => ({ id: f.id!, file: f.file, text: f.text }))];
  const routing = planRoutingAdoption({
    org: migration.routing.map((r) => r.object),
    prefix: "",
    namePrefix: settings.namePrefix,
    stack: options.stack,
    stackFile,
    flows: stackFlowFacts(flowSources, { name: options.stack, settings, stackFile }, adoptions),
    routing: stackRoutingFacts(routingSources, settings),
    force: options.force,
    exists: (f) => existsSync(join(root, f)),
  });
  blocking.push(...routing.problems);
  const path = join(root, stackFile);
  const substitutions = migration.flows.flatMap((f) => {
    const id = flowIdOf.get(f.flowId);
    return id === undefined ? [] : Object.entries(f.substitutions).map(([k, v]) => ({ path: [`${CONFIG_NAMESPACE}:flows`, id, "substitutions", k], value: v as unknown }));
  });
  // What `up` will compute for each adopted flow (its substitutions included): recorded as its
  // adoptedRevision, it lets the first `up` read the flow and publish nothing (planner/adoption.ts).
  const withValues = { ...settings, flows: { ...settings.flows } };
  for (const f of migration.flows) {
    const id = flowIdOf.get(f.flowId);
    if (id !== undefined) withValues.flows[id] = { ...withValues.flows[id], substitutions: { ...withValues.flows[id]?.substitutions, ...f.substitutions } };
  }
  const adopted = blocking.length === 0 ? adoptedRevisions({ stack: options.stack, settings: withValues, stackFile, sources: flowSources }, adoptions) : { revisions: new Map<string, string>(), problems: [] };
  const stackText = recordRoutingAdoptions(recordStackValues(recordAdoptions(readFileSync(path, "utf8"), adoptions, adopted.revisions), substitutions), routing.files);
  if (blocking.length === 0 && routing.files.length > 0) {
    const flows = stackFlowFacts(flowSources, { name: options.stack, settings, stackFile }, adoptions);
    blocking.push(...adoptedRoutingProblems({ stackFileText: stackText, stackFile, sources: routingSources, adopted: routing.files, flows }));
  }
  const refused = blocking.length > 0 || (problems.length > 0 && !options.force);
  const addressOf = new Map(migration.routing.map((r) => [r.object.id, r.address]));
  const report: MigrationReport = {
    stack: options.stack,
    dir,
    ...(stateFile !== undefined ? { state: stateFile } : {}),
    written: !refused,
    flows: migration.flows.filter((f) => flowIdOf.has(f.flowId)).map((f) => ({ address: f.address, file: plan.files.find((p) => p.flowId === f.flowId)!.file, flowId: f.flowId, publishedName: f.publishedName, substitutions: f.origins.filter((o) => Object.hasOwn(f.substitutions, o.key)) })),
    routing: routing.files.map((f) => ({ address: addressOf.get(f.orgId) ?? "?", file: f.file, orgId: f.orgId, stackValues: Object.keys(f.stackValues).sort() })),
    staying: migration.staying,
    stateRm: stateRmCommands({ ...migration, routing: migration.routing.filter((r) => routing.files.some((f) => f.orgId === r.object.id)) }),
    firstUp: [
      `\`genesys-flows up --stack ${options.stack}\` takes the ${adoptions.size} flow(s) and ${routing.files.length} routing object(s) over in place (the ids above: no create, no delete)${adopted.revisions.size === adoptions.size ? ", publishing nothing: each flow's adoptedRevision is recorded, so it is read until its file, its substitutions or a module it calls change" : `; ${adoptions.size - adopted.revisions.size} flow(s) have no adoptedRevision (the stack does not plan yet: ${adopted.problems.join("; ")}) and are republished in place`}; see what it would do with \`genesys-flows diff --stack ${options.stack}\` (the review).`,
      "Until the `terraform state rm` commands run, Terraform still manages them too: do not apply that configuration again.",
    ],
    notes: migration.notes,
    problems: [...problems, ...blocking],
  };
  if (!refused) {
    for (const f of plan.files) writeAtomically(join(root, f.file), f.text);
    for (const f of routing.files) writeAtomically(join(root, f.file), f.text);
    writeAtomically(path, stackText);
  }
  io.out.write(options.json ? reportJson(report) : reportMarkdown(report));
  if (refused) io.err.write(`import: nothing written:\n${report.problems.map((p) => `  ${p}`).join("\n")}\n`);
  return refused ? 1 : 0;
}
