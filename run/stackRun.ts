// One run of a stack (preview, up, destroy, a rollback's up) as one object, below the command line
// and the Pulumi program: its own reads, each once: the stack's settings, the portfolio and the
// routing plan, the state before and after the engine, the sign-in and the organization (what it is
// made with and counts: run/runIo.ts). What a run decides is not here: each feature (run/waves/,
// run/people/, run/ownership/, run/objects/) keeps its reads of a run (run/perRun.ts) beside its guard, and the
// change set is run/changes.ts. The program (components/program.ts) asks the guards (run/guards/),
// registers what the run plans and binds their hooks; the operation (run/operation.ts) makes the run
// and hands it to the program in the same process. Plain `pulumi` gets a run the program makes.
import { planPortfolio, type PlannedFlow, type Portfolio } from "../planner/portfolio";
import { orgReferencesOf, type LocatedReference } from "../checks/orgReferences";
import type { StackSettings } from "../planner/stackSettings";
import { once } from "./perRun";
import type { RunEvent, RunIo, RunOptions } from "./runIo";
import { stackFileName } from "../project/stackFile";
import { readFlowSources } from "../project/flowFiles";
import type { ReleaseSource } from "../project/releaseSource";
import type { OrgFlow, OrgIdentity, StackDeployment } from "../org/model";
import { readOrganization } from "../org/flows";
import { parseStackExport, type ParsedExport } from "../org/stackExport";
import type { OrgConnection } from "../org/signIn";
import { routingPlanInput } from "../project/routingFiles";
import { planRouting, type RoutingPlan, type RoutingPlanInput } from "../planner/routing";
import { defaultPublishers, programTokens } from "../planner/publishers";
import { readDeclaredKinds } from "../org/routing";

export class StackRun {
  readonly stack: string;
  readonly root: string;
  readonly source: ReleaseSource;
  private readonly io: RunIo;
  private readonly trace: (event: RunEvent) => void;
  /** The policy config folder the run reads (default: the project's policies/config). */
  readonly policyDir?: string;
  /** What the run was made with (a feature's reads see who runs it, a rollout next, the clock, the plan cache). */
  readonly options: RunOptions;

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

  /** The org's objects of each org-object kind the stack declares (objects/: one list a kind), read once. */
  readonly orgObjects = once(async () => readDeclaredKinds((await this.connection()).api, this.routing().objects));

  /** The JSON of the stack's state, read once ("{}" before the first deploy). */
  readonly exportText = once(async (): Promise<string> => {
    this.trace("state");
    const text = await this.io.readExport();
    return text === undefined || text === "" ? "{}" : text;
  });

  /** The stack's state as the engine last recorded it (empty before the first deploy). */
  readonly state = once(async (): Promise<ParsedExport> => parseStackExport(this.stack, await this.exportText()));

  /** The stack's state as the engine left it, read once after the engine ran (verify after, the account after a failure, the record). */
  readonly stateAfter = once(async (): Promise<ParsedExport> => {
    this.trace("state after");
    return parseStackExport(this.stack, (await this.io.readExport()) || "{}");
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

  /** The stack's flows as the org had them when a fast no-op found that this run changes nothing (run/fastNoop.ts): what its verify compares. */
  unchangedFlows: ReadonlyMap<string, OrgFlow> | undefined;
}
