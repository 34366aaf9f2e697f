// One run of a stack (preview, up, destroy, a rollback's up) as one object, below the command
// line and the Pulumi program: it reads the stack's settings, plans the portfolio, reads the
// stack's state and signs in to its org once each, and everything a run decides is one of its
// methods, each computed once: what the engine does to each flow (run/flowChanges.ts), what people
// did in the org to those flows and whether the run may go ahead over it (run/people.ts), the
// module rollouts in waves and the gate between waves (run/waveGate.ts), what the org runs
// afterwards (run/verifyStack.ts). The guards (run/guards/) decide through it; the program
// (components/program.ts) asks them, registers what it plans and binds their hooks to every flow
// and routing object; the command line (tools/deploy.ts) creates the run,
// hands it to the program in the same process (the Automation API), prints what it decided and
// verifies after. Plain `pulumi` gets a run the program creates itself: the same decisions.
import { randomUUID } from "node:crypto";
import { FlowLoadError } from "../model/errors";
import { planPortfolio, flowRefsOf, type PlannedFlow, type Portfolio } from "../planner/portfolio";
import { orgReferencesOf, type LocatedReference } from "../checks/orgReferences";
import type { StackSettings } from "../planner/stackSettings";
import { endedByRollback } from "../planner/rolloutControl";
import { heldCallerMoves } from "../planner/wavesChecks";
import { planWaves, type RolloutPlan, type WavePlan } from "../planner/waves";
import { stackFileName } from "../project/stackFile";
import { readFlowSources } from "../project/flowFiles";
import type { PlanCache } from "../project/planCache";
import type { ReleaseSource } from "../project/releaseSource";
import type { OrgFlow, OrgIdentity, StackDeployment } from "../org/model";
import { readOrganization } from "../org/flows";
import type { FlowToRead } from "../org/peopleRead";
import type { OrgStateOfRun } from "../org/personChanges";
import { parseStackExport, type ParsedExport } from "../org/stackExport";
import type { OrgConnection } from "../org/signIn";
import { sameVersion, type OverwriteDecision } from "../verify/overwriteDecision";
import { flowChanges, plannedRunFlows, WRITES_EXISTING, type FlowChange } from "./flowChanges";
import { decideRun, orgStateOfFlows } from "./people";
import { waveGateReasons } from "./waveGate";
import { readRoutingDrifts, verifyStack, type StackContext } from "./verifyStack";
import { flowToRead } from "../verify/personChanges";
import type { VerifyReport } from "../verify/report";
import { FLOW_KINDS, type FlowKind } from "../model/kinds";
import { routingPlanInput } from "../project/routingFiles";
import { planRouting, type RoutingPlan, type RoutingPlanInput } from "../planner/routing";
import { differingFields, fieldDigests, type OverwriteEvidence } from "../planner/routingRecord";
import type { Json } from "../model/routing/kind";
import { ConnectError } from "../org/signIn";
import { defaultPublishers, programTokens } from "../planner/publishers";
import { OrgApiError } from "../org/client";
import { intendedInputs, routingPersonChange, type RoutingDrift } from "../verify/routingChanges";
import type { ObjectDecision } from "../planner/objects";
import { readObjectDecisions } from "./objects";

/** What a run reads, each once; injectable (tests, the program inside the engine, the command line). */
export interface RunIo {
  /** The stack's `genesys-flows:*` settings as Pulumi resolves them for this run. */
  readSettings(): StackSettings;
  /** The JSON `pulumi stack export` prints; undefined when the stack has no state yet. */
  readExport(): Promise<string | undefined>;
  /** Signs in to the stack's org as its provider does; with client credentials holding at most `tokens` tokens (org/tokenPool.ts). */
  connect(settings: StackSettings, tokens?: number): Promise<OrgConnection>;
}

/** What a run counts, for the test that it reads and signs in once (GENESYS_FLOWS_RUN_TRACE). */
export type RunEvent = "settings" | "plan" | "state" | "state after" | "sign-in";

export interface RunOptions {
  stack: string;
  /** The project: compiled files, .work, the policy config. */
  root: string;
  /** Where the release comes from and where flows/ and routing/ are read (a rollback's folder). */
  source: ReleaseSource;
  io: RunIo;
  /** Told of every read the run makes (RunEvent). */
  trace?: (event: RunEvent) => void;
  /** The policy config folder (default: <root>/policies/config). */
  policyDir?: string;
  /** Who runs it, for a rollout's log (`rollout next`, a rollback); default "unknown". */
  person?: string;
  /** A person's `genesys-flows rollout next`: that module's next wave starts past the gate and a pause. */
  next?: { module: string; reason: string };
  /** The clock of the rollout's log (default: now). */
  now?: () => Date;
  /** Plans kept between runs (project/planCache.ts); default: every run plans. */
  planCache?: PlanCache;
}

/** The module rollouts of a run: the plan, and why the next wave waits (empty: it may start). */
export interface RunWaves {
  plan: WavePlan;
  waiting: string[];
  /** The rollouts whose next wave this run would have started. */
  starting: RolloutPlan[];
}

const once = <T>(f: () => T): (() => T) => {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value;
  };
};

export class StackRun {
  readonly stack: string;
  readonly root: string;
  readonly source: ReleaseSource;
  private readonly io: RunIo;
  private readonly trace: (event: RunEvent) => void;
  /** The policy config folder the run reads (default: the project's policies/config). */
  readonly policyDir?: string;
  private readonly options: RunOptions;

  constructor(options: RunOptions) {
    this.options = options;
    this.stack = options.stack;
    this.root = options.root;
    this.source = options.source;
    this.io = options.io;
    this.trace = options.trace ?? (() => undefined);
    if (options.policyDir !== undefined) this.policyDir = options.policyDir;
  }

  /** The stack's settings. */
  readonly settings = once((): StackSettings => {
    this.trace("settings");
    return this.io.readSettings();
  });

  /** The portfolio the flow files plan for the stack. Throws FlowLoadError listing every problem. */
  readonly portfolio = once((): Portfolio => {
    this.trace("plan");
    const input = {
      stack: this.stack,
      settings: this.settings(),
      sources: readFlowSources(this.source.sourcesRoot),
      stackFile: stackFileName(this.stack),
    };
    return this.options.planCache ? this.options.planCache.plan(input, planPortfolio) : planPortfolio(input);
  });

  /** What the routing files plan for the stack, before the org is read (throws FlowLoadError listing every problem). */
  readonly routingInput = once((): RoutingPlanInput => routingPlanInput(this.source.sourcesRoot, this.portfolio()));
  readonly routing = once((): RoutingPlan => planRouting(this.routingInput()));

  /** What the run does with each org object the stack declares (planner/objects.ts); the org's objects read once. */
  readonly objects = once(
    async (): Promise<Map<string, ObjectDecision>> =>
      readObjectDecisions((await this.connection()).api, this.routing().objects, await this.deployment()),
  );

  /** The JSON of the stack's state, read once ("{}" before the first deploy). */
  readonly exportText = once(async (): Promise<string> => {
    this.trace("state");
    const text = await this.io.readExport();
    return text === undefined || text === "" ? "{}" : text;
  });

  /** The stack's state as the engine last recorded it (empty before the first deploy). */
  readonly state = once(async (): Promise<ParsedExport> => parseStackExport(this.stack, await this.exportText()));

  /** The stack's state as the engine left it, read once after the engine ran (verify after, the account after a failure, the record). */
  readonly after = once(async (): Promise<ParsedExport> => {
    this.trace("state after");
    return parseStackExport(this.stack, (await this.io.readExport()) || "{}");
  });

  /**
   * The key each flow component's claims at the org carry (ownership/claim.ts), registered with it
   * before its flow is created (components/publishedFlow.ts): as its record in the state has it; a new
   * one for a component whose flow the state does not hold; none for a flow recorded without one.
   */
  readonly claimKeys = once(async (): Promise<ReadonlyMap<string, string>> => {
    const { ownership } = await this.state();
    const held = new Set(ownership.flows.map((f) => f.resourceName));
    return new Map(
      this.portfolio().flows.flatMap((f) => {
        const fresh = () => (held.has(f.resourceName) ? undefined : randomUUID().replace(/-/g, "").slice(0, 12));
        const key = ownership.claimKeys[f.resourceName] ?? fresh();
        return key ? [[f.resourceName, key] as const] : [];
      }),
    );
  });

  /** What the stack last deployed. */
  async deployment(): Promise<StackDeployment> {
    return (await this.state()).deployment;
  }

  /** The one sign-in of the run. */
  readonly connection = once((): Promise<OrgConnection> => {
    this.trace("sign-in");
    // The run's claims and reads keep pace with the stack's publishers (planner/publishers.ts programTokens).
    const settings = this.settings();
    return this.io.connect(
      settings,
      programTokens(
        settings.provider.publishers ?? defaultPublishers(this.portfolio().flows.length, "clientCredentials"),
      ),
    );
  });

  /** Which org the sign-in reached (GET /api/v2/organizations/me), read once: the org binding and the claims' probe record. */
  readonly organization = once(async (): Promise<OrgIdentity> => readOrganization((await this.connection()).api));

  /** The org objects `flows` of the portfolio name (checks/orgReferences.ts), kept with the plan: the next run with the same plan reads them. */
  orgReferences(flows: readonly PlannedFlow[]): LocatedReference[] {
    const of = (f: PlannedFlow) => orgReferencesOf([f]);
    const cache = this.options.planCache;
    return cache ? [...cache.perFlow(this.portfolio(), "references", flows, of).values()].flat() : flows.flatMap(of);
  }

  /** The context verify and the wave gate read the org and the stack through (this run's reads). */
  context(): StackContext & { portfolio: () => Portfolio } {
    return {
      root: this.root,
      sourcesRoot: this.source.sourcesRoot,
      stack: this.stack,
      settings: this.settings(),
      env: {},
      connect: () => this.connection(),
      deployment: () => this.deployment(),
      portfolio: () => this.portfolio(),
      references: (flows) => this.orgReferences(flows),
    };
  }

  /**
   * The module rollouts in waves (planner/waves.ts) from what the stack last deployed, with the
   * gate between waves: a run that would start the next wave first verifies the org and runs the
   * scenarios of the waves already out, and starts none when either fails (unless a person said
   * `rollout next`). A rollback rolls nothing out in waves: it ends every rollout in progress.
   * Undefined when the stack sets no waves and records no rollout. Throws FlowLoadError when the
   * waves refuse the run, a held caller that would publish anyway included (heldCallerMoves).
   */
  readonly waves = once(async (): Promise<RunWaves | undefined> => {
    const portfolio = this.portfolio();
    const deployment = await this.deployment();
    const previous = deployment.waves ?? [];
    const next = this.options.next;
    if (Object.keys(portfolio.settings.waves).length === 0 && previous.length === 0 && next === undefined)
      return undefined;
    const act = { by: this.options.person ?? "unknown", at: (this.options.now ?? (() => new Date()))().toISOString() };
    const rollbackOf = this.source.rollbackOf;
    if (rollbackOf !== undefined) {
      if (previous.length === 0) return undefined;
      const ended = endedByRollback(previous, { ...act, to: rollbackOf, reason: `rollback --to ${rollbackOf}` });
      return { plan: { rollouts: [], ended, held: new Map(), finished: [] }, waiting: [], starting: [] };
    }
    const plan = (advance: boolean, gateReasons: readonly string[] = []) => {
      const planned = planWaves({
        flows: flowRefsOf(portfolio.flows),
        waves: portfolio.settings.waves,
        deployed: new Map(deployment.flows.map((f) => [f.id, f])),
        previous,
        stackFile: stackFileName(this.stack),
        stack: this.stack,
        advance,
        gateReasons,
        ...(next ? { next: { ...next, ...act } } : {}),
      });
      if (planned.refusals.length > 0) throw new FlowLoadError(planned.refusals);
      return planned.plan;
    };
    const first = plan(true);
    const starting = first.rollouts.filter((r) => r.startsWave && r.started > 1);
    const waiting = previous.length > 0 ? await waveGateReasons(this.context(), starting) : [];
    const chosen = waiting.length > 0 ? plan(false, waiting) : first;
    const moves = heldCallerMoves(
      chosen,
      this.changesWith(chosen.held, deployment).map((c) => ({
        flow: c.flow,
        file: c.file,
        publishes: WRITES_EXISTING.has(c.action),
        differs: c.differs,
      })),
      stackFileName(this.stack),
      this.stack,
    );
    if (moves.length > 0) throw new FlowLoadError(moves);
    return { plan: chosen, waiting, starting };
  });

  /** What the engine does to each flow when `held` callers keep the trigger they were published with. */
  private changesWith(held: WavePlan["held"], deployment: StackDeployment): FlowChange[] {
    const triggers = new Map([...held].map(([id, h]) => [id, h.updateTriggerHash]));
    return flowChanges(plannedRunFlows(this.portfolio(), deployment, triggers), deployment);
  }

  /** What the engine does to each flow in this run (run/flowChanges.ts): planned flows first, then removed ones. */
  readonly changes = once(
    async (): Promise<FlowChange[]> =>
      this.changesWith((await this.waves())?.plan.held ?? new Map(), await this.deployment()),
  );

  /**
   * What people did in the org to the flows this run publishes, replaces or deletes, and to every
   * flow a run that stopped part-way may have touched (its record rewritten without outputs, an
   * operation pending): judged as changed, whatever this run's plan says of it; and to the routing
   * objects this run writes (routingWrites) where the org holds otherwise than the files.
   */
  readonly orgState = once(
    async (): Promise<OrgStateOfRun> =>
      this.withRouting(
        await this.peopleOn(
          (await this.changes()).filter((c) => WRITES_EXISTING.has(c.action) || c.deployed?.interrupted === true),
        ),
        (r, writes) => writes.has(r.deployed.id) && !r.takenIn,
      ),
  );

  /** Whether the run may go ahead over what people did (verify/overwriteDecision.ts). */
  readonly decision = once(
    async (): Promise<OverwriteDecision> => this.keepingDrifts(this.decide(await this.orgState())),
  );

  /**
   * What people did to every flow and routing object the stack deployed: what `destroy` deletes
   * (not an org object it keeps: adopted, or in use).
   */
  readonly destroyState = once(async (): Promise<OrgStateOfRun> => {
    const keptIds = (m: Map<string, ObjectDecision>) => [...m].flatMap(([id, d]) => (d.adopted || d.inUse ? [id] : []));
    const kept = await this.objects().then(
      (m) => new Set(keptIds(m)),
      () => new Set<string>(),
    );
    const flows = (await this.deployment()).flows.filter((f) => f.retainOnDelete !== true && f.read !== true);
    const deleting = flows.map((f) => {
      const { id: flow, file, publishedName, flowId } = f;
      return { flow, file, publishedName, flowId, deployed: f, action: "delete" as const, differs: [] };
    });
    const deleted = (r: RoutingDrift) => !r.gone && r.deployed.retainOnDelete !== true && !kept.has(r.deployed.id);
    return this.withRouting(await this.peopleOn(deleting), deleted);
  });

  /** Whether `destroy` may delete every flow the stack deployed. */
  readonly destroyDecision = once(
    async (): Promise<OverwriteDecision> => this.keepingDrifts(this.decide(await this.destroyState(), true)),
  );

  /** `d` without the acknowledgements that cover a routing change the org shows, which this run leaves as it is (they are not stale). */
  private async keepingDrifts(d: OverwriteDecision): Promise<OverwriteDecision> {
    const acks = this.settings().acknowledge;
    const drifts = await this.routingDrifts().catch(() => []);
    const shown = new Set(
      drifts
        .filter(
          (r) =>
            acks[r.deployed.id]?.version !== undefined &&
            r.version !== undefined &&
            sameVersion(acks[r.deployed.id].version!, r.version),
        )
        .map((r) => r.deployed.id),
    );
    return { ...d, unused: d.unused.filter((id) => !shown.has(id)) };
  }

  /** The decision for `state` (protection from the stack's policy config, acknowledgements from its stack file). */
  decide(state: OrgStateOfRun, deleting = false): OverwriteDecision {
    let files: Record<string, string> = {};
    try {
      files = Object.fromEntries([...this.portfolio().flows, ...this.routing().objects].map((f) => [f.id, f.file]));
    } catch (e) {
      if (!(e instanceof FlowLoadError)) throw e;
    }
    return decideRun({ stack: this.stack, settings: this.settings() }, state, files, this.policyDir, deleting);
  }

  /** What people did to the flows of `changes`, read once. */
  async peopleOn(changes: readonly FlowChange[]): Promise<OrgStateOfRun> {
    const flows: FlowToRead[] = changes.flatMap((c) => {
      const d = c.deployed;
      if (!d || !Object.hasOwn(FLOW_KINDS, d.kind)) return [];
      return [flowToRead(d, FLOW_KINDS[d.kind as FlowKind].apiType)];
    });
    const io = { stack: this.stack, settings: this.settings(), connect: () => this.connection() };
    const state = await orgStateOfFlows(io, flows, "(no flow the stack deployed changes)");
    // A rename the stack file follows already (the flow's name in it is the org's): nothing to repair.
    const named = (n: string | undefined, flow: string) =>
      changes.some((c) => c.flow === flow && c.publishedName.toLowerCase() === n?.toLowerCase());
    if (!state.checked) return state;
    return { ...state, changes: state.changes.filter((p) => p.kind !== "renamed" || !named(p.orgName, p.flow)) };
  }

  /** `state` with the routing drifts `judged` picks as people's changes; not checked when the org's routing cannot be read. */
  private async withRouting(
    state: OrgStateOfRun,
    judged: (r: RoutingDrift, writes: ReadonlySet<string>) => boolean,
  ): Promise<OrgStateOfRun> {
    if (!state.checked) return state;
    try {
      const writes = await this.routingWrites();
      const more = (await this.routingDrifts()).filter((r) => judged(r, writes)).map(routingPersonChange);
      return more.length === 0
        ? state
        : { checked: true, org: (await this.connection()).target, changes: [...state.changes, ...more] };
    } catch (e) {
      if (e instanceof ConnectError || e instanceof OrgApiError) return { checked: false, reason: e.message };
      throw e;
    }
  }

  /** What people changed in every routing object the files say otherwise of: what a refresh makes the engine write back. */
  readonly refreshState = once(
    async (): Promise<OrgStateOfRun> => this.withRouting({ checked: true, org: "", changes: [] }, (r) => !r.takenIn),
  );

  /** The routing objects the stack deployed as the org has them now (one list per kind), where they differ from what the stack wrote (verify/routingChanges.ts). */
  readonly routingDrifts = once(async (): Promise<RoutingDrift[]> => {
    const deployment = await this.deployment();
    if ((deployment.routing ?? []).length === 0) return [];
    return readRoutingDrifts((await this.connection()).api, deployment, await this.intendedRouting());
  });

  /** The planned routing objects' provider inputs, references as the state's Genesys ids (none when the files do not plan: the run is refused). */
  readonly intendedRouting = once(async (): Promise<Map<string, Json>> => {
    try {
      const renewed = new Set(
        (await this.changes()).filter((c) => c.action === "create" || c.action === "replace").map((c) => c.flow),
      );
      return intendedInputs(this.routing().objects, await this.deployment(), renewed);
    } catch (e) {
      if (e instanceof FlowLoadError) return new Map();
      throw e;
    }
  });

  /**
   * The routing objects the engine writes in this run: those whose inputs the files change (a
   * reference renewed included), those the files no longer hold (deleted, unless retained), and
   * those whose state holds the org's values (a refresh read them) where the files say otherwise.
   */
  readonly routingWrites = once(async (): Promise<Set<string>> => {
    const intended = await this.intendedRouting();
    const drifts = new Map((await this.routingDrifts()).map((r) => [r.deployed.id, r]));
    const writes = ((await this.deployment()).routing ?? []).filter((d) => {
      const now = intended.get(d.id);
      if (now === undefined) return d.retainOnDelete !== true;
      const org = drifts.get(d.id)?.orgFields;
      const files = fieldDigests(d.kind, now);
      return (
        differingFields(files, d.fields).length > 0 ||
        (org !== undefined &&
          differingFields(d.stateFields, org).length === 0 &&
          differingFields(files, org).length > 0)
      );
    });
    return new Set(writes.map((d) => d.id));
  });

  /** What this run overwrote of people's routing changes (the people guard's hooks say), with what earlier runs did: the record's evidence. */
  readonly routingOverwritten = new Map<string, OverwriteEvidence>();

  async routingEvidence(): Promise<Map<string, OverwriteEvidence>> {
    const earlier = ((await this.deployment()).routing ?? []).flatMap((d) =>
      d.overwritten ? [[d.id, d.overwritten] as const] : [],
    );
    return new Map([...earlier, ...this.routingOverwritten]);
  }

  /** The stack's flows as the org had them when a fast no-op found that this run changes nothing (run/fastNoop.ts). */
  private unchanged: ReadonlyMap<string, OrgFlow> | undefined;

  /** The run changes nothing (a fast no-op): `flows`, read for that answer, are what its verify compares. */
  changesNothing(flows: ReadonlyMap<string, OrgFlow>): void {
    this.unchanged = flows;
  }

  /** What the org runs now against what the stack deployed (after an `up`: read the new state first). */
  verify(deployment?: () => Promise<StackDeployment>): Promise<VerifyReport> {
    return verifyStack(
      { ...this.context(), ...(deployment ? { deployment } : {}) },
      this.unchanged ? { read: this.unchanged } : {},
    );
  }
}
