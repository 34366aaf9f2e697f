// The stack program: every flow under flows/ (narrowed by the stack's include/exclude globs),
// planned and checked by the pure planner, then one component per flow behind one explicit
// provider. Settings come from the `genesys-flows:*` keys of Pulumi.<stack>.yaml as the engine
// sees them. Before anything is registered, the ownership check (components/ownership.ts) refuses
// to publish a new flow over one in the org the stack does not manage. index.ts runs it; tests run
// it under Pulumi mocks.
import * as pulumi from "@pulumi/pulumi";
import * as genesyscloud from "@pulumi/genesyscloud";
import { FlowLoadError, formatIssue } from "../model/errors";
import { routingInState } from "../org/stackExport";
import type { StackDeployment } from "../org/model";
import { CONFIG_NAMESPACE, parseStackSettings, stackSettingsSchema, type StackSettings } from "../planner/stackSettings";
import { resolveCredentials, type Env } from "../org/target";
import { stackFileName } from "../project/stackFile";
import { providerArgs } from "./provider";
import { join } from "node:path";
import { deployPortfolio, writeCompiledFile, type StackProgramResult } from "./stackProgram";
import type { Portfolio } from "../planner/portfolio";
import type { FlowInState } from "../planner/adoption";
import { engineOwnershipIo, ownershipRefusals, readEngineExport, withCredentialsMarked, type OwnershipIo, type StackSecrets } from "./ownership";
import { routingPlanInput } from "../project/routingFiles";
import { orgIvrFacts, planRouting, routesNumbers, routingObjectsOf, type RoutingPlan } from "../planner/routing";
import type { OrgDidPool, OrgIvr } from "../checks/routing";
import { readDidPools } from "../org/routing";
import type { OrgIdentity } from "../org/model";
import { deployRouting, type RoutingComponent } from "./routing";
import { checkOrgReferences } from "../run/orgReferences";
import { defaultPublishers, FLOWS_PER_PUBLISHER, publisherName, type SignIn } from "../planner/publishers";
import { type ReleaseSource } from "../project/releaseSource";
import { releaseWavesOf, type StoredRelease } from "../planner/releases";
import { recordRelease, type ReleaseIo } from "./releaseRecord";
import { guardHooks } from "./flowGuard";
import { StackRun, type RunWaves } from "../run/stackRun";
import { RunGuard, type GuardActions, type GuardOutput } from "../run/guard";
import { logAcknowledged } from "../run/people";
import { PUBLISHES, WRITES_EXISTING } from "../run/flowChanges";
import { runTrace } from "../run/trace";
import { stackImpact } from "../run/verifyStack";
import { rolloutMessages } from "../run/waveGate";
import { workingTreeSource } from "../project/releaseSource";
import type { OrgFacts } from "../verify/orgFacts";
import { readIvrs, unlockFlow } from "../org/flows";
import { projectPlanCache } from "../project/planCache";

/** Plain config keys, and structured ones that pulumi.Config hands over as JSON text. */
/** The credentials: read as secrets (stackSecrets), never as plain settings. */
const SECRET_KEYS: ReadonlySet<string> = new Set(["oauthClientId", "oauthClientSecret", "accessToken"]);

/**
 * The stack's settings as Pulumi resolves its config (ESC environments included): every key the
 * settings schema knows (planner/stackSettings.ts, so a new setting needs no list here), a
 * structured value (Pulumi hands objects and lists over as JSON text) parsed.
 */
function readSettings(cfg: pulumi.Config): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(stackSettingsSchema.shape)) {
    if (SECRET_KEYS.has(key)) continue;
    const text = cfg.get(key);
    if (text === undefined) continue;
    if (!/^\s*[[{]/.test(text)) {
      raw[key] = text;
      continue;
    }
    try {
      raw[key] = JSON.parse(text);
    } catch {
      raw[key] = text; // not JSON: let the schema say what was expected
    }
  }
  return raw;
}

export interface ProgramOptions {
  /**
   * The refusals of the ownership check, or undefined when every flow may be published. Default:
   * the stack's state and its org (components/ownership.ts). Tests under mocks pass their own.
   */
  checkOwnership?: (portfolio: Portfolio, secrets: StackSecrets) => Promise<string | undefined>;
  /**
   * The refusal of the org-reference check (run/orgReferences.ts), or undefined. Default:
   * the org the provider points at. Tests under mocks pass their own.
   */
  checkOrgReferences?: (portfolio: Portfolio, secrets: StackSecrets) => Promise<string | undefined>;
  /**
   * The org's IVR configs (numbers routed outside the stack, numbers moving between the stack's
   * IVR configs), read only when the stack routes numbers. Default: the org the provider points at.
   */
  readOrgIvrs?: (portfolio: Portfolio, secrets: StackSecrets) => Promise<OrgIvr[]>;
  /**
   * The org's DID pools (a routed number no DID pool holds is a warning), read with the IVR
   * configs. Default: the org the provider points at; unreadable (a role without the telephony
   * permission): the warning is skipped, saying so.
   */
  readOrgDidPools?: (portfolio: Portfolio, secrets: StackSecrets) => Promise<OrgDidPool[]>;
  /**
   * Where this run's release comes from and what the stack recorded before (components/releaseRecord.ts).
   * Default: git in `root` (or the rollback's folder, project/releaseSource.ts) and the state the
   * ownership check reads; under a test's own ownership check, no release is recorded unless given.
   */
  release?: { source: ReleaseSource; io?: Omit<ReleaseIo, "source"> };
  /**
   * What the stack last deployed, for module rollouts in waves (read only when the stack sets
   * genesys-flows:waves). Default: the stack's state, read through the engine's CLI.
   */
  readDeployment?: (portfolio: Portfolio) => Promise<StackDeployment>;
}

export interface ProgramResult extends StackProgramResult {
  routing: Map<string, RoutingComponent>;
  /** The org this run deployed to (the stack belongs to it: docs/org-binding.md); unknown under a test's own ownership check. */
  org?: OrgIdentity;
  /** The stack output `releases` (planner/releases.ts). */
  releases?: pulumi.Output<StoredRelease[]>;
}

/**
 * The run of the program inside the engine (plain `pulumi`, pulumi/actions, an Automation API
 * program of someone else's, Pulumi Deployments): the settings as the engine resolves them, the
 * state through the engine's own CLI, the org signed in with the stack's secrets.
 */
export function engineRun(root = "."): StackRun {
  const stack = pulumi.getStack();
  const cfg = new pulumi.Config(CONFIG_NAMESPACE);
  const secrets = stackSecrets(cfg);
  const settingsOf = (): StackSettings => parseStackSettings(readSettings(cfg), stackFileName(stack));
  const trace = runTrace();
  const plans = projectPlanCache(root);
  return new StackRun({
    stack,
    root,
    source: { ...workingTreeSource(root, stack), sourcesRoot: root },
    io: {
      readSettings: settingsOf,
      readExport: () => readEngineExport(root, stack),
      connect: (settings) => engineOwnershipIo({ root, stack, settings, secrets }).connect(),
    },
    ...(trace ? { trace } : {}),
    ...(plans ? { planCache: plans } : {}),
  });
}

/** The credentials the program reads as secrets (the provider gets them as such). */
function stackSecrets(cfg: pulumi.Config): StackSecrets {
  return { oauthClientId: cfg.getSecret("oauthClientId"), oauthClientSecret: cfg.getSecret("oauthClientSecret"), accessToken: cfg.getSecret("accessToken") };
}

/** Plans the run's portfolio and registers it, every guard bound. Throws a RunError listing every problem. */
export async function runProgram(runOrRoot: StackRun | string = ".", options: ProgramOptions = {}): Promise<ProgramResult> {
  const run = typeof runOrRoot === "string" ? engineRun(runOrRoot) : runOrRoot;
  const { stack, root } = run;
  let portfolio: Portfolio;
  let waves: RunWaves | undefined;
  if (options.checkOwnership === undefined) readAhead(run);
  try {
    portfolio = run.portfolio();
  } catch (e) {
    // A person-readable list of every problem, then stop before anything is registered.
    if (e instanceof FlowLoadError) throw new pulumi.RunError(`flow files are not valid:\n${e.message}`);
    throw e;
  }
  const cfg = new pulumi.Config(CONFIG_NAMESPACE);
  const secrets = stackSecrets(cfg);
  // The one sign-in and the one read of the state of the run, shared by every check below.
  const io: OwnershipIo = { readExport: () => run.exportText(), connect: () => run.connection() };
  // The org the run reaches, recorded as the stack output `org`: the stack belongs to it from now on.
  let org: OrgIdentity | undefined;
  let inState: ReadonlyMap<string, FlowInState> | undefined;
  const checkOwnership =
    options.checkOwnership ??
    (async (p: Portfolio) => {
      const outcome = await ownershipRefusals(p, io);
      org = outcome.org;
      inState = outcome.inState;
      for (const note of outcome.notes) void pulumi.log.warn(note);
      return outcome.refusal;
    });
  const refusals = await checkOwnership(portfolio, secrets);
  if (refusals !== undefined) throw new pulumi.RunError(refusals);
  try {
    waves = options.checkOwnership === undefined || options.readDeployment !== undefined ? await run.waves() : undefined;
  } catch (e) {
    if (e instanceof FlowLoadError) throw new pulumi.RunError(`a module rollout in waves refuses this run:\n${e.issues.map((i) => `  ${formatIssue(i)}`).join("\n")}`);
    throw new pulumi.RunError(`cannot read which module version each caller runs (genesys-flows:waves needs the stack's state): ${(e as Error).message}`);
  }
  for (const m of waves ? rolloutMessages(waves) : []) void pulumi.log[m.level](m.text);
  if (options.checkOwnership === undefined) await noteIdleAcknowledgements(run);
  const routing = await planStackRouting(run.source.sourcesRoot, portfolio, secrets, options, io);
  for (const advisory of routing.advisories) void pulumi.log.warn(`${formatIssue(advisory)} [${advisory.ruleId}]`);
  const skip = portfolio.settings.skipOrgReferenceCheck;
  if (skip !== undefined) {
    pulumi.log.warn(`the org-reference check is skipped for stack "${stack}" (genesys-flows:skipOrgReferenceCheck: "${skip}"): a flow naming a queue, data action or other object the org lacks fails at its publish, mid-rollout`);
  } else {
    const checkReferences =
      options.checkOrgReferences ??
      (async (p: Portfolio) => {
        try {
          const connect = async () => {
            const c = await io.connect();
            return { api: c.api, target: c.target };
          };
          return (await checkOrgReferences(p, connect, routingObjectsOf(routing.objects), options.checkOwnership === undefined ? await publishedFlowIds(run) : undefined)).refusal;
        } catch (e) {
          const err = e as Error & { fix?: unknown };
          throw new pulumi.RunError(`cannot check that the org objects the flows name exist: ${err.message}${typeof err.fix === "string" && err.fix !== "" ? `\n  ${err.fix}` : ""}\n  (for an emergency, genesys-flows:skipOrgReferenceCheck: <reason> skips the check; protected stacks refuse it)`);
        }
      });
    const missing = await checkReferences(portfolio, secrets);
    if (missing !== undefined) throw new pulumi.RunError(missing);
  }
  // One provider, or several with the same configuration: each its own process and publish budget
  // (planner/publishers.ts). `provider.publishers` when the stack sets it, else one per 125 flows
  // with client credentials and one with an access token. The first keeps the one provider's name.
  const args = providerArgs(portfolio.settings, secrets);
  const publishers = portfolio.settings.provider.publishers ?? defaultPublishers(portfolio.flows.length, signInOf(stack, withCredentialsMarked(portfolio.settings, secrets)));
  if (portfolio.settings.provider.publishers === undefined && publishers > 1) {
    void pulumi.log.info(`the ${portfolio.flows.length} flows publish through ${publishers} provider processes, one per ${FLOWS_PER_PUBLISHER} flows, each with its own token and rate budget (genesys-flows:provider.publishers sets another number)`);
  }
  const providers = Array.from({ length: publishers }, (_, i) => new genesyscloud.Provider(publisherName(i), args));
  const provider = providers[0];
  // The run's guard on every flow (run/guard.ts): people in the org, judged once for the run.
  const hooks = options.checkOwnership === undefined ? guardHooks(new RunGuard(run, engineLog, guardActions(run))) : undefined;
  const orgFacts = options.checkOwnership === undefined ? await moduleOrgFacts(run) : undefined;
  const deployed = deployPortfolio({
    portfolio,
    providers,
    ...(orgFacts ? { orgFacts } : {}),
    ...(hooks ? { hooks } : {}),
    ...(inState !== undefined ? { inState } : {}),
    ...(waves ? { waves: waves.plan } : {}),
    writeCompiled: (relativePath, text) => writeCompiledFile(join(root, relativePath), text),
  });
  const routed = deployRouting(routing.objects, deployed.components, { providers: [provider] }, routing.releases);
  const releaseIo: Omit<ReleaseIo, "source"> | undefined =
    options.release?.io ?? (options.checkOwnership === undefined ? { history: async () => (await run.state()).releases.history, now: () => new Date(), connect: async () => (await run.connection()).api } : undefined);
  const releases = releaseIo ? recordRelease(portfolio, deployed.summary, { ...releaseIo, source: options.release?.source ?? run.source }, waves ? releaseWavesOf(waves.plan) : undefined) : undefined;
  return { ...deployed, routing: routed, ...(org !== undefined ? { org } : {}), ...(releases ? { releases } : {}) };
}

/**
 * The stack outputs. `flows`: every deployed flow: id, file, kind, published name, flow id, and the
 * modules it calls. `org`: the org deployed to ({id, name}); the next run refuses another org.
 * `releases`: what each up deployed, the newest last (planner/releases.ts; docs/rollback.md).
 */
export function stackOutputs(result: ProgramResult): Record<string, unknown> {
  return { flows: result.summary, ...(result.org !== undefined ? { org: result.org } : {}), ...(result.releases !== undefined ? { releases: result.releases } : {}) };
}

/**
 * Starts the run's two reads that do not depend on the flows, the stack's state (`pulumi stack
 * export`, a process of its own, or the local stack's checkpoint file, org/fileBackendState.ts) and
 * the sign-in, so they happen while the flows are planned: the
 * checks after the plan await the same reads (StackRun reads each once). A failure is the check's
 * to report, where it awaits the read; a plan that fails leaves them unused.
 */
function readAhead(run: StackRun): void {
  try {
    run.exportText().catch(() => undefined);
    run.connection().catch(() => undefined);
  } catch {
    // settings that do not parse: the plan says so
  }
}

/**
 * The flows this run publishes (created, updated, replaced or taken over): what the engine is about
 * to send to the org, as the run's one plan of changes says (run/flowChanges.ts). A flow the run
 * leaves as it is publishes nothing, so the org-reference check does not read the org for it.
 */
async function publishedFlowIds(run: StackRun): Promise<ReadonlySet<string>> {
  return new Set((await run.changes()).filter((c) => PUBLISHES.has(c.action)).map((c) => c.flow));
}

/**
 * Acknowledgements in the stack file on a run that writes no flow the org has: the guard (which
 * reports them with its decision) never runs, so the program says which of them cover nothing the
 * org shows now. Reads the org only when the stack file has some.
 */
async function noteIdleAcknowledgements(run: StackRun): Promise<void> {
  if (Object.keys(run.settings().acknowledge).length === 0) return;
  if ((await run.changes()).some((c) => WRITES_EXISTING.has(c.action))) return;
  try {
    const decision = await run.decision();
    for (const flow of decision.unused) void pulumi.log.warn(`genesys-flows:acknowledge.${flow} in Pulumi.${run.stack}.yaml covers nothing the org shows now: remove it`);
  } catch (e) {
    void pulumi.log.warn(`cannot tell which acknowledgements of Pulumi.${run.stack}.yaml still cover a change people made: ${(e as Error).message}`);
  }
}

/** The engine's log, where the guard writes what it decided. */
const engineLog: GuardOutput = { warn: (m) => void pulumi.log.warn(m), info: (m) => void pulumi.log.info(m) };

/** What the guard does to the org besides deciding: breaks a lock it may break, logs acknowledgements. */
function guardActions(run: StackRun): GuardActions {
  return {
    unlock: async (flowId) => unlockFlow((await run.connection()).api, flowId),
    logAcknowledged: (decision) => logAcknowledged(run.root, run.stack, decision),
  };
}

/**
 * What the org says about the stack's modules that this run changes (their outside callers), for the
 * policy pack's rule module-outside-callers: read only when a module the stack deployed changes.
 */
async function moduleOrgFacts(run: StackRun): Promise<OrgFacts | undefined> {
  const changes = await run.changes();
  const modules = changes.filter((c) => c.deployed?.isModule === true && WRITES_EXISTING.has(c.action));
  if (modules.length === 0) return undefined;
  try {
    const { facts } = await stackImpact(run.context());
    return facts;
  } catch (e) {
    void pulumi.log.warn(`who outside the stack calls the changing modules is not known: ${(e as Error).message}`);
    return undefined;
  }
}

/**
 * How the provider will sign in, as org/target.ts resolves it for every read of the org: a token
 * (the stack's accessToken or GENESYSCLOUD_ACCESS_TOKEN; the provider prefers it) or an OAuth
 * client's credentials. `settings` with the stack file's credentials marked (withCredentialsMarked). No
 * credentials at all: the provider's sign-in fails, whatever the count.
 */
export function signInOf(stack: string, settings: StackSettings, env: Env = process.env): SignIn {
  return resolveCredentials({ stack, stackFile: stackFileName(stack), config: settings }, { env }).credentials?.kind === "token" ? "accessToken" : "clientCredentials";
}

/** The stack's routing plan, checked against its flows and (when it routes numbers) the org's IVR configs. */
async function planStackRouting(root: string, portfolio: Portfolio, secrets: StackSecrets, options: ProgramOptions, io: OwnershipIo): Promise<RoutingPlan & { releases: Map<string, string[]> }> {
  const input = routingPlanInput(root, portfolio);
  try {
    const plan = planRouting(input);
    if (!routesNumbers(plan.objects)) return { ...plan, releases: new Map() };
    const read = options.readOrgIvrs ?? (() => io.connect().then((c) => readIvrs(c.api)));
    let orgIvrs: OrgIvr[];
    try {
      orgIvrs = await read(portfolio, secrets);
    } catch (e) {
      throw new pulumi.RunError(`cannot read the org's IVR configs to check the stack's numbers: ${(e as Error).message}`);
    }
    const readPools = options.readOrgDidPools ?? (() => io.connect().then((c) => readDidPools(c.api)));
    let orgDidPools: OrgDidPool[] | undefined;
    try {
      orgDidPools = await readPools(portfolio, secrets);
    } catch (e) {
      void pulumi.log.warn(`cannot read the org's DID pools (${(e as Error).message}); not checked: that a DID pool holds every number the stack routes`);
    }
    // An IVR config this run renames (a namePrefix change) has its old name in the org: the state says it is the stack's own.
    const facts = orgIvrFacts(plan.objects, orgIvrs, routingInState(portfolio.stack, await io.readExport()));
    return { ...planRouting({ ...input, unmanagedIvrs: facts.unmanaged, ...(orgDidPools !== undefined ? { orgDidPools } : {}) }), releases: facts.releases };
  } catch (e) {
    if (e instanceof FlowLoadError) throw new pulumi.RunError(`routing files are not valid:\n${e.message}`);
    throw e;
  }
}
