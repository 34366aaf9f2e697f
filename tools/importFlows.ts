// flows:import — Archy into flow files: from export files, or the flows of an org (adopted by
// the next `up`, see import/adopt.ts).
//   npm run flows:import -- <archy.yaml>... [--out <dir>] [--set [<export>:]key=value]... [--force]
//   npm run flows:import -- --stack <name> --prefix <name prefix> [--out <dir>] [--force]
//   npm run flows:import -- --from-terraform <dir> --stack <name> [--state <file>] (import/terraform/fromTerraform.ts)
// Exit codes: 0 written (files the model cannot express skipped, with a warning; exports that need
// a value or an instance's name listed), 1 nothing written (every problem listed), 2 usage errors.
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { importArchyText, ImportError } from "../import";
import { planImport, type ImportedFlow } from "../import/plan";
import {
  adoptedRevisions,
  adoptionConflicts,
  keptNamesOf,
  nameModuleCallsAsFiles,
  recordAdoptions,
  recordKeptNames,
  recordProvider,
  recordRoutingAdoptions,
  recordSubstitutions,
  selectForAdoption,
} from "../import/adopt";
import { substituteOrgNames, type OrgNameSubstitution } from "../import/orgNames";
import { declaredObjectNames, planObjectFiles } from "../import/adoptObjects";
import { objectsOfExports, type ImportedExport } from "../import/exportObjects";
import type { AdoptionCandidate } from "../import/adopt";
import { calledModules } from "../archy/validate/moduleInterface";
import { readYaml } from "../model/yamlReader";
import type { StackSettings } from "../planner/stackSettings";
import type { OrgFlow } from "../org/model";
import { adoptedRoutingProblems, planRoutingAdoption, stackFlowFacts, stackRoutingFacts } from "../import/adoptRouting";
import { readObjectDetails, readObjectsByKind, readOrgRouting } from "../org/routing";
import type { OrgRoutingObject } from "../org/model";
import { owningStack, STACK_FLOWS_FOLDER } from "../planner/select";
import { stackFileName } from "../project/stackFile";
import { readExisting, readStackAndRouting, writeAtomically } from "../project/importFiles";
import { type ArgValues, parseCommandLine, parseSets, UsageError } from "../project/cliArgs";
import { inBatches, OrgApi, OrgApiError, PROVIDER_TOKEN_POOL, READS_IN_FLIGHT } from "../org/client";
import { exportFlow, listFlowsNamed } from "../org/flows";
import { ConnectError, connectToOrg, pulumiSecret } from "../org/signIn";
import { REGION_DOMAINS, regionDomain } from "../org/regions";
import { importFiles, posix, writePlan, type Io } from "../import/archyFiles";

export const HELP = `Usage: npm run flows:import -- <archy.yaml>... [--out <dir>] [--set [<export>:]<key>=<value>]... [--force]
       npm run flows:import -- --stack <name> --prefix <name prefix> [--out <dir>] [--force]
       npm run flows:import -- --from-org --stack <name> (--prefix <name prefix> [--flows-only] | --flow <name>...)
                               [--gateway <url> | --region <region>] [--out <dir>] [--force]
       npm run flows:import -- --from-terraform <dir> --stack <name> [--state <file> | --no-state]
                               [--env <name>] [--env-dir <dir>] [--var-file <file>]... [--var <name>=<value>]...
                               [--json] [--force]

Turns Archy flow files (exports, or files written for the Genesys provider) into flow files of the
model: known actions become typed nodes, the others raw \`archy\` nodes (checked like any flow),
and flow-level settings the model has no field for go to archySettings. Prints what stayed raw
and why, with the Archy file's line. {{placeholders}} are kept for the stack to fill (a
defaultLanguage that is one too), unless --set gives them a value in the written flow file.
What an export needs before it can be taken is listed with what to give, and the others are
written: a placeholder in an expression's code (outside its string literals, where Terraform
splices a number or a Boolean) needs its value, and exports sharing a templated name (one
template, several instances: one file, one published name) need each instance named with
--set <export>:<key>=<name>.
The queues, ACD skills, language skills, wrap-up codes, user prompts and data tables the flows
name by a literal name are declared, one file each under objects/<kind folder>/ (not one the
repository declares already): the name, a user prompt's text-to-speech placeholder (TODO: say what
it plays), a data table's columns its lookups read. One looked up by an expression is named in a
note, not declared (docs/objects.md, "Imports declare them").

With --stack, adopts flows already in that stack's org: lists the org's flows whose name starts
with --prefix (as the provider's flow data source lists them), exports each one's published
version (the export jobs the provider's exporter uses), writes its flow file (named without the
stack's namePrefix) under flows/stacks/<name>/, which only that stack deploys (the flows are that
org's: another stack would publish copies of them), and records
genesys-flows:flows.<id>.adopt: <flow id> in Pulumi.<stack>.yaml, with adoptedRevision: the
revision \`up\` computes for the file as written. The org's object names the
flows use (queues, schedules, skills, ...) become {{placeholders}} in the files and that stack's
genesys-flows:substitutions (a key it has for the name, else a new one such as queue_support_dev),
so no file names one org's objects. Adopted flows and routing
objects stay in the org when the stack is destroyed or their files removed (Pulumi's
retainOnDelete): they were there before the stack. retainOnDelete: false beside an adopt record
lets \`down\` delete that one (docs/org-binding.md).
The org's schedules, schedule groups, IVR configs and emergency groups whose name starts with
--prefix are adopted too: one routing file each under routing/ (schedules/, hours/, ivr/,
emergency/), references written as routing ids and flow ids (objects and flows of the same run or
already in the stack), and genesys-flows:routing.objects.<id>.adopt: <id> in the stack file, with
the IVR configs' numbers (and an emergency group that is on) kept there, as that org's values.
The next \`npm run up -- --stack <name>\` then takes all of them into the stack in place and
publishes nothing: same ids, nothing deleted, created, published or written (routing objects are
imported, flows read while at their adoptedRevision); a flow publishes, in place, once its file,
its substitutions or a module it calls change (docs/import.md). The org is reached
and signed in to as the provider does (provider.gateway or region; accessToken, or client
credentials; the GENESYSCLOUD_* variables).

Nothing is written when a file would be overwritten (without --force), two flows would share a
name (compared as Genesys does, ignoring case; published names with --stack) or an imported flow
fails the checks. A name the Archy catalogue lacks (rule archy-unknown) is a warning: the file is
written and the warning printed. A file the model cannot express (a flow type it has no kind
for, such as voicemail or one the catalogue does not know; a module for such a type) is skipped
with a warning, not refused: the others are written.

With --from-org (what init --from-org runs: promotion from one org to others), the adopted flow
files are the portfolio's (default flows/imported/), which every stack deploys under its own
namePrefix and substitutions: --flow <name> (repeatable) selects flows by their name in the org,
--prefix by its start (--flows-only: no routing objects); the common modules they call come with
them, and their callers name each module as its file does (VerifyCaller), never by the org's
published name (dev-VerifyCaller); the queues, ACD skills, language skills and wrap-up codes (each
org object kind declared under objects/) they name are declared, one file each under
objects/<kind folder>/, named by the substitution the org's name became and holding the org's
settings of it: nothing else of the org (no user, group, division or other object). --gateway
<url> or --region <region> points at the org there instead of where the stack file says, and
records it in the stack file; the credentials then come from GENESYSCLOUD_ACCESS_TOKEN or
GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET (docs/objects.md, "Promote to
another org").

--from-terraform <dir> migrates a CX-as-Code (Terraform/OpenTofu) estate into the stack
(docs/migrate-from-cx-as-code.md). <dir> is the root module, where Terraform runs; the modules it
calls with a local source (./modules/flows) are followed, their resources migrated at their module
addresses, their inputs taken from the calling blocks, file paths resolved as Terraform resolves
them (relative to <dir>; path.module, path.root, path.cwd). Variables are read as Terraform reads
them, in its order: defaults, TF_VAR_* from the environment, terraform.tfvars, *.auto.tfvars, then
<env>.tfvars and the files of --env-dir (default envs/<env> when it exists), then each --var-file
and --var in the order given (files relative to <dir>). A value the configuration does not decide
(a data source, another resource's attribute, a function) is taken from the state, and the report
says so per substitution. Each genesyscloud_flow becomes a flow file under flows/stacks/<name>/
keeping its published name (recorded as genesys-flows:flows.<id>.name when the stack's namePrefix
does not start it), its substitutions stack values, its state id an adoption record; schedules,
schedule groups, IVR configs and emergency groups become routing files under
routing/stacks/<name>/ with their adoption records; everything else is listed as staying in
Terraform. The hand-over is written beside the estate as <dir>/genesys-flows-handover.patch (to
review and \`git apply\`): the migrated resource blocks deleted, a removed { lifecycle { destroy =
false } } block for each (Terraform 1.7+, OpenTofu 1.7+), and what stays and refers to them
pointed at a data source by name. The report (markdown, or JSON with --json) lists all of it,
with terraform state rm commands for older versions. With --no-state (the state is not at hand)
each flow the stack's org has once under its Terraform name and type is adopted as with the
state; the others become new flows of the stack, named in the report. Nothing is
written when anything is inconsistent (HCL that does not parse, a file outside the repository,
count/for_each, a state that does not match, a flow the org no longer has); --force writes what
could be migrated.

Options:
  --from-terraform <dir>  a Terraform/OpenTofu configuration directory to migrate (needs --stack)
  --state <file>       with --from-terraform: terraform.tfstate or \`tofu show -json\` output
                       (default: <dir>/terraform.tfstate)
  --no-state           with --from-terraform: no state; the flows the org has under their Terraform
                       names are adopted, the others become new flows of the stack
  --env <name>         with --from-terraform: the environment whose <name>.tfvars and envs/<name>/
                       apply (default: the stack's name)
  --env-dir <dir>      with --from-terraform: a directory of variable files (terraform.tfvars,
                       *.auto.tfvars) relative to <dir> (default: envs/<env> when it exists)
  --var-file <file>    with --from-terraform: a variable file relative to <dir>, as -var-file (repeatable)
  --var <name>=<value> with --from-terraform: a variable's value, as -var (repeatable)
  --json               with --from-terraform: the report as JSON
  --out <dir>          folder for the flow files, one per flow named after it (default: flows/imported;
                       with --stack, flows/stacks/<name>: only that stack deploys them)
  --stack <name>       adopt flows and routing of this stack's org (Pulumi.<name>.yaml); needs --prefix
  --prefix <text>      with --stack: the start of the names of the flows and routing objects to adopt
  --flow <name>        with --stack: a flow to adopt by its name in the org (repeatable; no routing)
  --flows-only         with --prefix: the flows (their modules and objects), no routing objects
  --from-org           the adopted files are the portfolio's (every stack's), with the modules the
                       flows call and the org objects they name declared under objects/
  --gateway <url>      with --stack: the org's API there (an emulator on any port), recorded in the stack file
  --region <region>    with --stack: the org's region, recorded in the stack file
  --set <key>=<value>  fill a {{placeholder}} before reading (repeatable); <export>:<key>=<value>
                       in that export only (the name of each instance of a template)
  --force              overwrite existing files
  --root <dir>         project root holding flows/ (default: current directory)
  -h, --help           show this help

Exit codes: 0 written (skipped files are warnings; exports not taken are listed), 1 nothing written (problems
listed), 2 usage errors.
`;

export interface AdoptOptions {
  stack: string;
  /** The start of the names of the flows (and routing objects) to adopt; or `flows`, their names. */
  prefix?: string;
  flows?: readonly string[];
  /** Routing objects named `prefix`... too (default: with a prefix). */
  routing?: boolean;
  /** The org objects the adopted flows name declared under objects/ (import --from-org). */
  objects?: boolean;
  out: string;
  force: boolean;
  /** Where the org is and the token (default: from the stack and the environment, as the provider does). */
  target?: { apiBase: string; token: string };
  /** The org's place given on the command line (--gateway, --region): recorded in the stack file; the credentials then come from the environment. */
  provider?: StackSettings["provider"];
  /** Where the credentials come from (default: this process's environment). */
  env?: NodeJS.ProcessEnv;
}

/**
 * The org's flows `options` selects (by prefix or by name), then the common modules they call that
 * the selection left out, each exported (its published version) once.
 */
async function exportSelection(api: OrgApi, options: AdoptOptions, namePrefix: string) {
  const problems: string[] = [];
  const listed =
    options.prefix !== undefined
      ? await listFlowsNamed(api, options.prefix)
      : (await Promise.all((options.flows ?? []).map((n) => listFlowsNamed(api, n)))).flat();
  const select = (flows: OrgFlow[], names?: string[]) =>
    selectForAdoption(flows, {
      ...(names !== undefined ? { names } : { prefix: options.prefix, names: options.flows }),
      namePrefix,
      stack: options.stack,
    });
  for (const n of options.flows ?? [])
    if (!listed.some((f) => !f.deleted && f.name.toLowerCase() === n.toLowerCase()))
      problems.push(`no flow of the org is named "${n}"`);
  const selection = select(listed);
  problems.push(...selection.problems);
  const skipped = [...selection.skipped];
  const exports: Array<{ candidate: AdoptionCandidate; text: string }> = [];
  const taken = new Set<string>();
  for (let next = selection.candidates; next.length > 0; ) {
    const called = new Set<string>();
    for (const c of next) taken.add(c.flow.name.toLowerCase());
    // Each export is a job of its own (start, poll, download): a few in flight at once, kept in order.
    const texts = await inBatches(next, READS_IN_FLIGHT, (c) =>
      exportFlow(api, c.flow.flowId, c.flow.publishedVersion?.id),
    );
    for (const [i, c] of next.entries()) {
      const text = texts[i];
      exports.push({ candidate: c, text });
      const doc = readYaml(text, { exactIntegers: false });
      if (doc.ok) for (const m of calledModules(doc.value)) called.add(m);
    }
    const missing = [...called].filter((m) => !taken.has(m.toLowerCase()));
    const modules = (await Promise.all(missing.map((m) => listFlowsNamed(api, m)))).flat();
    const more = select(
      modules.filter((f) => f.type.toLowerCase() === "commonmodule"),
      missing,
    );
    skipped.push(...more.skipped);
    next = more.candidates.filter((c) => !taken.has(c.flow.name.toLowerCase()));
  }
  return { exports, skipped, problems, selected: selection.selected };
}

/**
 * Adopts the org's flows and routing objects named `prefix`...: flow files, routing files, and the
 * stack's records for the next `up`; returns the exit code. Nothing is written when anything is wrong.
 */
export async function adoptFromOrg(root: string, options: AdoptOptions, io: Io): Promise<number> {
  const stackFile = stackFileName(options.stack);
  const outDir = posix(relative(root, resolve(root, options.out)));
  if (!outDir.startsWith("flows/")) {
    io.err.write(
      `flows:import: --out ${options.out}: with --stack the files must go under flows/, which the stack deploys\n`,
    );
    return 2;
  }
  const owner = owningStack(`${outDir.slice("flows/".length)}/x`);
  if (owner !== undefined && owner !== options.stack) {
    io.err.write(
      `flows:import: --out ${options.out}: flows/${STACK_FLOWS_FOLDER}/${owner}/ belongs to stack "${owner}", which would not deploy what stack "${options.stack}" adopts; use flows/${STACK_FLOWS_FOLDER}/${options.stack}\n`,
    );
    return 2;
  }
  if (owner === undefined && options.objects !== true)
    io.err.write(
      `flows:import: note: ${outDir}/ is shared by every stack: each stack deploys the adopted flows (under its own namePrefix); flows/${STACK_FLOWS_FOLDER}/${options.stack}/ keeps them to stack "${options.stack}"\n`,
    );
  const read = readStackAndRouting(root, options.stack);
  if ("problem" in read) return writePlan(root, { files: [], problems: [read.problem] }, io);
  const { routingSources } = read;
  // An org the command line points at: its place recorded, its credentials the environment's (the stack file's are another org's).
  const settings: StackSettings = options.provider
    ? { ...withoutCredentials(read.settings), provider: { ...read.settings.provider, ...options.provider } }
    : read.settings;
  const routingAsked = options.routing ?? options.prefix !== undefined;
  const problems: string[] = [];
  const imported: ImportedFlow[] = [];
  // The stack's substitutions, and the keys the adopted flows add (one key per org name, shared).
  const substitutions: Record<string, string> = { ...settings.substitutions };
  let skipped: string[] = [];
  let orgRouting: OrgRoutingObject[] = [];
  let flowsSelected = 0;
  const namingExports: ImportedExport[] = [];
  let computed: string[] = [];
  let objects: ReturnType<typeof planObjectFiles> = { files: [], kept: [], problems: [], undeclared: [] };
  try {
    // The stack's org, signed in to as its provider would (the one sign-in of every command), with as many
    // tokens as its exporter's pool: each export job's reads within one token's budget (org/tokenPool.ts).
    const api = options.target
      ? new OrgApi(options.target.apiBase, options.target.token)
      : (
          await connectToOrg({
            stack: options.stack,
            settings,
            env: options.env ?? process.env,
            secret: pulumiSecret(options.stack, root),
            tokens: settings.provider.tokenPoolSize ?? PROVIDER_TOKEN_POOL,
          })
        ).api;
    const selection = await exportSelection(api, options, settings.namePrefix);
    problems.push(...selection.problems);
    skipped = selection.skipped;
    flowsSelected = selection.selected;
    if (routingAsked) orgRouting = await readOrgRouting(api);
    const { exports } = selection;
    const orgNames: OrgNameSubstitution[] = [];
    for (const { candidate: c, text } of exports) {
      if (options.objects === true) namingExports.push({ source: c.source, text });
      // The org's queue, schedule, ... names become the stack's substitutions (import/orgNames.ts).
      const substituted = substituteOrgNames(text, substitutions);
      orgNames.push(...substituted.substitutions);
      try {
        imported.push({
          source: c.source,
          result: importArchyText(substituted.text, { source: c.source, name: c.modelName }),
          flowId: c.flow.flowId,
          ...(c.keptName !== undefined ? { keptName: c.keptName } : {}),
        });
      } catch (e) {
        if (!(e instanceof ImportError)) throw e;
        // Valid in Genesys but not expressible in the model (a module compatible with voicemail
        // flows, module settings the model has no field for): left in the org, not a refusal.
        if (e.verdict === "unsupported") skipped.push(`${e.message}: not adopted, left as it is in the org`);
        else problems.push(e.message);
      }
    }
    // Callers name their modules as the portfolio does (the module's name in its file), never this org's published names;
    // a module left in the org (not imported) keeps its published name: it is what the caller calls.
    const written = new Set(imported.map((f) => f.flowId));
    const modules = new Map(
      exports
        .filter(({ candidate: c }) => c.flow.type.toLowerCase() === "commonmodule" && written.has(c.flow.flowId))
        .map(({ candidate: c }) => [c.flow.name.toLowerCase(), c.modelName]),
    );
    for (const f of imported) nameModuleCallsAsFiles(f.result.model, modules);
    const declared = objectsOfExports(namingExports);
    const named = declared.named;
    computed = declared.computed;
    if (named.length > 0) {
      const org = await readObjectDetails(api, await readObjectsByKind(api, new Set(named.map((n) => n.kind))), named);
      objects = planObjectFiles({
        named,
        substitutions: orgNames,
        org,
        exists: (f) => existsSync(join(root, f)),
        declared: declaredObjectNames(routingSources),
      });
      problems.push(...objects.problems);
    }
  } catch (e) {
    if (e instanceof OrgApiError)
      problems.push(e.unreachable ? `cannot reach the org of stack ${options.stack}: ${e.message}` : e.message);
    else if (e instanceof ConnectError) problems.push(`${stackFile}: ${e.message}${e.fix ? `; ${e.fix}` : ""}`);
    else throw e;
  }
  for (const s of skipped) io.err.write(`flows:import: skipped ${s}\n`);
  if (problems.length > 0) return writePlan(root, { files: [], problems }, io);
  const existing = readExisting(root);
  const plan = planImport({
    imported,
    existing,
    outDir,
    force: options.force,
    exists: (f) => existsSync(join(root, f)),
    namePrefix: settings.namePrefix,
    keptNames: keptNamesOf(settings),
  });
  const adoptions = new Map(
    plan.files.filter((f) => f.id !== undefined && f.flowId !== undefined).map((f) => [f.id!, f.flowId!]),
  );
  plan.problems.push(...adoptionConflicts(settings, adoptions, stackFile, options.force));
  // Names the stack's prefix does not start are kept as they are (genesys-flows:flows.<id>.name).
  const keptNames = new Map(
    plan.files.flatMap((f) => (f.id !== undefined && f.keptName !== undefined ? [[f.id, f.keptName] as const] : [])),
  );
  const withNames = { ...settings, flows: { ...settings.flows } };
  for (const [id, name] of keptNames)
    withNames.flows[id] = {
      ...withNames.flows[id],
      substitutions: withNames.flows[id]?.substitutions ?? {},
      name,
      adopt: adoptions.get(id),
    };

  // The routing objects: their references resolved against the stack's flows (this run's included)
  // and routing, then the stack's whole routing planned as `up` would, the records in place.
  const written = new Set(plan.files.map((f) => f.file));
  const flowSources = [
    ...existing.filter((s) => !written.has(s.file)),
    ...plan.files.filter((f) => f.id !== undefined).map((f) => ({ id: f.id!, file: f.file, text: f.text })),
  ];
  const flows = stackFlowFacts(flowSources, { name: options.stack, settings: withNames, stackFile }, adoptions);
  const routing = planRoutingAdoption({
    org: orgRouting,
    prefix: options.prefix ?? "",
    namePrefix: settings.namePrefix,
    stack: options.stack,
    stackFile,
    flows,
    routing: stackRoutingFacts(routingSources, settings),
    force: options.force,
    exists: (f) => existsSync(join(root, f)),
  });
  plan.problems.push(...routing.problems);
  if (flowsSelected === 0 && routing.selected === 0)
    plan.problems.push(
      options.prefix !== undefined
        ? `no flow${routingAsked ? ", schedule, schedule group, IVR config or emergency group" : ""} of the org has a name starting with "${options.prefix}"`
        : `no flow of the org is named ${(options.flows ?? []).map((n) => `"${n}"`).join(", ")}`,
    );

  const path = join(root, stackFile);
  const added = Object.keys(substitutions)
    .filter(
      (k) =>
        !(k in settings.substitutions) && [...plan.files, ...objects.files].some((f) => f.text.includes(`{{${k}}}`)),
    )
    .sort();
  const addedValues = Object.fromEntries(added.map((k) => [k, substitutions[k]]));
  // What `up` will compute for each adopted flow (with the substitutions recorded here): recorded, it lets the first `up` publish nothing.
  const adopted =
    plan.problems.length === 0
      ? adoptedRevisions(
          {
            stack: options.stack,
            settings: { ...withNames, substitutions: { ...settings.substitutions, ...addedValues } },
            stackFile,
            sources: flowSources,
          },
          adoptions,
        )
      : { revisions: new Map<string, string>(), problems: [] };
  const stackText = recordProvider(
    recordKeptNames(
      recordSubstitutions(
        recordRoutingAdoptions(
          recordAdoptions(readFileSync(path, "utf8"), adoptions, adopted.revisions),
          routing.files,
        ),
        addedValues,
      ),
      keptNames,
    ),
    options.provider,
  );
  if (plan.problems.length === 0 && routing.files.length > 0)
    plan.problems.push(
      ...adoptedRoutingProblems({
        stackFileText: stackText,
        stackFile,
        sources: routingSources,
        adopted: routing.files,
        flows,
      }),
    );
  const code = writePlan(root, plan, io);
  if (code !== 0) return code;
  for (const f of [...routing.files, ...objects.files]) writeAtomically(join(root, f.file), f.text);
  writeAtomically(path, stackText);
  for (const f of objects.files) io.out.write(`wrote ${f.file}: the ${f.what} the adopted flows name\n`);
  for (const k of objects.kept) io.out.write(`kept ${k}\n`);
  for (const c of computed) io.err.write(`flows:import: note: ${c}\n`);
  for (const f of routing.files) io.out.write(`${f.overwrites ? "replaced" : "wrote"} ${f.file} from ${f.source}\n`);
  for (const [id, orgId] of adoptions)
    io.out.write(
      `recorded ${stackFile}: genesys-flows:flows.${id}.adopt: ${orgId}${adopted.revisions.has(id) ? " (and its adoptedRevision)" : ""}${keptNames.has(id) ? ` and name: ${JSON.stringify(keptNames.get(id))} (kept as the org has it: the namePrefix "${settings.namePrefix}" does not start it)` : ""}\n`,
    );
  if (adoptions.size > 0 && adopted.revisions.size === 0) {
    io.err.write(
      `flows:import: note: the stack does not plan yet, so no adoptedRevision was recorded and the first up republishes the adopted flows in place:\n${adopted.problems.map((p) => `  ${p}`).join("\n")}\n`,
    );
  }
  for (const k of added)
    io.out.write(
      `recorded ${stackFile}: genesys-flows:substitutions.${k}: ${substitutions[k]} (the org's name, as {{${k}}} in the adopted files: each stack deploying them gives its own)\n`,
    );
  for (const f of routing.files) {
    const values = Object.keys(f.stackValues).sort();
    io.out.write(
      `recorded ${stackFile}: genesys-flows:routing.objects.${f.id}.adopt: ${f.orgId}${values.length > 0 ? ` (and its ${values.join(", ")})` : ""}\n`,
    );
  }
  const total = adoptions.size + routing.files.length;
  const republished = adoptions.size - adopted.revisions.size;
  io.out.write(
    `Next: npm run up -- --stack ${options.stack} imports ${total === 1 ? "this object" : `these ${total} objects`} into the stack in place (same ids; nothing deleted or created${republished === 0 ? ", nothing published" : ""})${republished > 0 ? " and republishes the adopted flows" : ""}; a flow publishes once its file, its substitutions or a module it calls change.\n`,
  );
  return 0;
}

const IMPORT_OPTIONS = {
  out: { type: "string" },
  set: { type: "string", multiple: true },
  force: { type: "boolean" },
  stack: { type: "string" },
  prefix: { type: "string" },
  flow: { type: "string", multiple: true },
  "flows-only": { type: "boolean" },
  "from-org": { type: "boolean" },
  gateway: { type: "string" },
  region: { type: "string" },
  root: { type: "string" },
  "from-terraform": { type: "string" },
  state: { type: "string" },
  env: { type: "string" },
  "var-file": { type: "string", multiple: true },
  var: { type: "string", multiple: true },
  "env-dir": { type: "string" },
  "no-state": { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** The settings without the stack file's credentials: an org given on the command line is signed in to with the environment's. */
function withoutCredentials(settings: StackSettings): StackSettings {
  const { accessToken: _token, oauthClientId: _id, oauthClientSecret: _secret, ...rest } = settings;
  return rest;
}

/** `--gateway http://127.0.0.1:8787` or `--region us-east-1` as the stack's provider place; a UsageError when it does not read. */
export function providerOf(given: {
  gateway?: string | undefined;
  region?: string | undefined;
}): StackSettings["provider"] | undefined {
  if (given.gateway !== undefined && given.region !== undefined)
    throw new UsageError("--gateway or --region: one place for the org");
  if (given.region !== undefined) {
    if (!regionDomain(given.region))
      throw new UsageError(
        `--region ${given.region}: not a Genesys Cloud region (${Object.keys(REGION_DOMAINS).join(", ")})`,
      );
    return { region: given.region } as StackSettings["provider"];
  }
  if (given.gateway === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(given.gateway);
  } catch {
    throw new UsageError(`--gateway ${given.gateway}: give the API's URL, e.g. http://127.0.0.1:8787`);
  }
  const protocol = url.protocol.replace(/:$/, "");
  if (protocol !== "http" && protocol !== "https")
    throw new UsageError(`--gateway ${given.gateway}: http or https, e.g. http://127.0.0.1:8787`);
  const port = url.port || (protocol === "https" ? "443" : "80");
  return { gateway: { protocol, host: url.hostname, port } };
}

/** The adoption's options (an org's flows into a stack): what goes together, and what does not. */
function checkOrgArgs(given: ArgValues<typeof IMPORT_OPTIONS>, files: readonly string[]): void {
  const orgOnly = (["flow", "flows-only", "from-org", "gateway", "region"] as const).find(
    (k) => given[k] !== undefined,
  );
  if (given.stack === undefined && given.prefix === undefined && orgOnly !== undefined)
    throw new UsageError(`--${orgOnly} goes with --stack (the stack the org's flows are adopted into)`);
  if (given["from-terraform"] !== undefined) {
    if (orgOnly !== undefined) throw new UsageError(`--${orgOnly} does not go with --from-terraform`);
    return;
  }
  if (given.stack === undefined && given.prefix === undefined) return;
  if (given.stack === undefined || (!given.prefix && given.flow === undefined))
    throw new UsageError(
      "--stack and --prefix (or --flow) go together: the stack whose org holds the flows, and the start of their names (or their names)",
    );
  if (given.prefix !== undefined && given.flow !== undefined)
    throw new UsageError("--prefix or --flow: flows by the start of their names, or by their names");
  if (files.length > 0) throw new UsageError("give either Archy files or --stack, not both");
  if (given.set !== undefined) throw new UsageError("--set applies to Archy files; an org's flows hold their values");
}

export async function main(argv: string[], io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  let args: ArgValues<typeof IMPORT_OPTIONS> & {
    files: string[];
    substitutions: ReturnType<typeof parseSets>;
    variables: Array<{ kind: "var-file" | "var"; value: string }>;
  };
  try {
    const parsed = parseCommandLine(argv, IMPORT_OPTIONS, { positionals: true });
    // --var-file and --var apply in the order given, as Terraform takes -var-file and -var.
    const variables = parsed.options.flatMap((o) =>
      o.name === "var-file" || o.name === "var" ? [{ kind: o.name as "var-file" | "var", value: o.value! }] : [],
    );
    args = {
      ...parsed.values,
      files: parsed.positionals,
      substitutions: parseSets(parsed.values.set ?? []),
      variables,
    };
    if (args.help) {
      io.out.write(HELP);
      return 0;
    }
    const given = parsed.values;
    const terraformOnly = (["state", "no-state", "env", "env-dir", "var-file", "var", "json"] as const).find(
      (k) => given[k] !== undefined,
    );
    if (args["from-terraform"] !== undefined) {
      if (args.stack === undefined)
        throw new UsageError("--from-terraform needs --stack: the stack the estate becomes (its Pulumi.<name>.yaml)");
      if (args.prefix !== undefined || args.files.length > 0 || args.set !== undefined || args.out !== undefined)
        throw new UsageError(
          "--from-terraform takes --stack, --state, --no-state, --env, --env-dir, --var-file, --var, --json and --force only",
        );
    } else if (terraformOnly !== undefined) throw new UsageError(`--${terraformOnly} goes with --from-terraform`);
    checkOrgArgs(given, args.files);
    if (args.stack === undefined && args.prefix === undefined && args.files.length === 0)
      throw new UsageError("give the Archy files to import, or --stack and --prefix");
  } catch (e) {
    io.err.write(`flows:import: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const root = resolve(args.root ?? ".");
  if (args["from-terraform"] !== undefined) {
    const { importFromTerraform } = await import("../import/terraform/fromTerraform");
    return importFromTerraform(
      root,
      {
        dir: args["from-terraform"],
        stack: args.stack!,
        ...(args.state !== undefined ? { state: args.state } : {}),
        ...(args["no-state"] === true ? { noState: true } : {}),
        ...(args.env !== undefined ? { env: args.env } : {}),
        ...(args["env-dir"] !== undefined ? { envDir: args["env-dir"] } : {}),
        variables: args.variables,
        force: args.force === true,
        json: args.json === true,
      },
      io,
    );
  }
  if (args.stack !== undefined) {
    let provider: StackSettings["provider"] | undefined;
    try {
      provider = providerOf({ gateway: args.gateway, region: args.region });
    } catch (e) {
      io.err.write(`flows:import: ${(e as Error).message}\n`);
      return 2;
    }
    const fromOrg = args["from-org"] === true;
    return adoptFromOrg(
      root,
      {
        stack: args.stack,
        ...(args.prefix !== undefined ? { prefix: args.prefix } : { flows: args.flow! }),
        routing: args.prefix !== undefined && args["flows-only"] !== true,
        objects: fromOrg,
        ...(provider !== undefined ? { provider } : {}),
        out: args.out ?? (fromOrg ? "flows/imported" : `flows/${STACK_FLOWS_FOLDER}/${args.stack}`),
        force: args.force === true,
      },
      io,
    );
  }
  const { shared, own } = args.substitutions;
  const out = args.out ?? "flows/imported";
  return importFiles(root, args.files, { out, force: args.force === true, substitutions: shared, own }, io);
}
