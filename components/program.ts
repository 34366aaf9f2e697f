// The stack program: validate, then wire (pulumi-awsx's shape). Every decision is the run's
// (run/stackRun.ts) and its guards' (run/guards/: the org binding and flow names, module rollouts
// in waves, routing's numbers, org references, the org facts of changing modules, people in the
// org, the release record), asked once before anything is registered; the first refusal stops the
// run as one error. Then the org objects the flows name (queues, ...), one component per planned
// flow behind the stack's providers, each after the objects it names, the routing objects wired to
// them by outputs, the release record, and every guard's hooks bound to every flow and routing
// object (components/flowGuard.ts), so whoever runs the engine gets the same refusals. index.ts
// runs it with the run the engine starts (run/engineRun.ts); the command line runs it in process
// with its own run (engine/workspace.ts).
import * as pulumi from "@pulumi/pulumi";
import * as genesyscloud from "@pulumi/genesyscloud";
import { FlowLoadError } from "../model/errors";
import type { OrgIdentity } from "../org/model";
import { signInOf } from "../org/target";
import { defaultPublishers, FLOWS_PER_PUBLISHER, publisherName } from "../planner/publishers";
import { releaseWavesOf, type StoredRelease } from "../planner/releases";
import type { PlannedFlow, Portfolio } from "../planner/portfolio";
import { currentRun, engineRun, stackSecrets, withCredentialsMarked } from "../run/engineRun";
import { claimKeys, decideAll, hooksOf, recordsFirst, routingEvidence } from "../run/guards";
import type { GuardOutput } from "../run/guards/guard";
import type { StackRun } from "../run/stackRun";
import { guardHooks } from "./flowGuard";
import { providerArgs } from "./provider";
import { quietRuntimeDebugLogs } from "./runtimeDebugLogs";
import { conserveHeap } from "./programHeap";
import { deployPortfolio, writeCompiledFile, type StackProgramResult } from "./stackProgram";
import { deployObjects, deployRouting, namedObjects, routingRecord, type RoutingComponent } from "./routing";
import { recordRelease } from "./releaseRecord";
import { routingRevisions } from "../planner/routingInputs";
import { join } from "node:path";

export interface ProgramResult extends StackProgramResult {
  /** The stack's provider (its org connection): the one a team's own resources take (`genesys-flows/genesyscloud`). */
  provider: genesyscloud.Provider;
  routing: Map<string, RoutingComponent>;
  /** The org this run deployed to (the stack belongs to it: docs/org-binding.md). */
  org?: OrgIdentity;
  /** The stack output `releases` (planner/releases.ts). */
  releases: pulumi.Output<StoredRelease[]>;
  /** The stack output `routing`: what the stack wrote of each routing object (planner/routingRecord.ts). */
  routingRecord: ReturnType<typeof routingRecord>;
}

/** The engine's log, where guards write what they decided. */
const engineLog: GuardOutput = { warn: (m) => void pulumi.log.warn(m), info: (m) => void pulumi.log.info(m) };

/** Plans the run's portfolio, asks every guard, and registers it, every guard bound. Throws one RunError on a refusal. */
export async function runProgram(run: StackRun = currentRun() ?? engineRun()): Promise<ProgramResult> {
  quietRuntimeDebugLogs();
  conserveHeap();
  readAhead(run);
  let portfolio: Portfolio;
  try {
    portfolio = run.portfolio();
  } catch (e) {
    // A person-readable list of every problem, then stop before anything is registered.
    if (e instanceof FlowLoadError) throw new pulumi.RunError(`flow files are not valid:\n${e.message}`);
    throw e;
  }
  const decisions = await decideAll(run, pulumi.runtime.isDryRun());
  for (const n of decisions.notes) void pulumi.log[n.level](n.text);
  // Said once: the refusal as the run's error (a pointer first: the engine repeats a message's first
  // line on its progress lines), then the program's own end, which the engine prints twice, short.
  if (decisions.refusal !== undefined) {
    void pulumi.log.error(`refused before anything is registered (${decisions.refusedBy}):\n${decisions.refusal}`);
    throw new pulumi.RunError("the run is refused (the reason above); nothing was registered or published");
  }
  const { ownership, waves, routing, moduleOrgFacts, release, orgObjects } = decisions.products;
  // One provider, or several with the same configuration: each its own process and publish budget
  // (planner/publishers.ts). `provider.publishers` when the stack sets it, else one per 125 flows
  // with client credentials and one with an access token. The first keeps the one provider's name.
  const secrets = stackSecrets();
  const publishers =
    portfolio.settings.provider.publishers ??
    defaultPublishers(portfolio.flows.length, signInOf(run.stack, withCredentialsMarked(portfolio.settings, secrets)));
  if (portfolio.settings.provider.publishers === undefined && publishers > 1) {
    void pulumi.log.info(
      `the ${portfolio.flows.length} flows publish through ${publishers} provider processes, one per ${FLOWS_PER_PUBLISHER} flows, each with its own token and rate budget (genesys-flows:provider.publishers sets another number)`,
    );
  }
  const args = providerArgs(portfolio.settings, secrets);
  const providers = Array.from({ length: publishers }, (_, i) => new genesyscloud.Provider(publisherName(i), args));
  const hooks = guardHooks(hooksOf(run, engineLog));
  const objects = deployObjects(routing.objects, orgObjects, { providers: [providers[0]] }, hooks, run.root);
  const deployed = deployPortfolio({
    portfolio,
    providers,
    hooks,
    ...(objects.size > 0 ? { objectsOf: (flow: PlannedFlow) => namedObjects(run.orgReferences([flow]), objects) } : {}),
    ...(moduleOrgFacts ? { orgFacts: moduleOrgFacts } : {}),
    ...(ownership.inState !== undefined ? { inState: ownership.inState } : {}),
    claimKeys: await claimKeys(run),
    ...(waves ? { waves: await recordsFirst(run, waves.plan, pulumi.runtime.isDryRun()) } : {}),
    writeCompiled: (relativePath, text) => writeCompiledFile(join(run.root, relativePath), text),
  });
  const others = routing.objects.filter((o) => !objects.has(o.id));
  const rest = deployRouting(others, deployed.components, { providers: [providers[0]] }, routing.releases, hooks);
  const routed = new Map([...objects, ...rest]);
  const content = { summary: deployed.summary, routing: routingRevisions(routing.objects) };
  const releases = recordRelease(portfolio, content, release, waves ? releaseWavesOf(waves.plan) : undefined);
  return {
    ...deployed,
    provider: providers[0],
    routing: routed,
    ...(ownership.org !== undefined ? { org: ownership.org } : {}),
    releases,
    routingRecord: routingRecord(routed, () => routingEvidence(run)),
  };
}

/**
 * The stack outputs. `flows`: every deployed flow: id, file, kind, published name, flow id, and the
 * modules it calls. `org`: the org deployed to ({id, name}); the next run refuses another org.
 * `releases`: what each up deployed, the newest last (planner/releases.ts; docs/rollback.md). `routing`: what it wrote of each routing object (planner/routingRecord.ts).
 */
export function stackOutputs(result: ProgramResult): Record<string, unknown> {
  return {
    flows: result.summary,
    ...(result.org !== undefined ? { org: result.org } : {}),
    releases: result.releases,
    routing: result.routingRecord,
  };
}

/**
 * Starts the run's two reads that do not depend on the flows, the stack's state and the sign-in, so
 * they happen while the flows are planned (the guards await the same reads: StackRun reads each
 * once). A failure is the guard's to report, where it awaits the read.
 */
function readAhead(run: StackRun): void {
  try {
    run.exportText().catch(() => undefined);
    run.connection().catch(() => undefined);
  } catch {
    // settings that do not parse: the plan says so
  }
}
