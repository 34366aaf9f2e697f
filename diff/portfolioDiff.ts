// The diff of two states of a portfolio (a git ref and the working tree): each side's flow files
// run through the shared pipeline (planner/pipeline.ts) the way the planner, flows:compile and
// lint run them: loaded, selected by the side's own stack file and, with a stack, substituted by
// it (a changed substitution value or name prefix shows as the change it makes to the flows).
// What fails to load on a side is a problem of that side, left out of both so it is not reported
// as added or removed; what a deploy of the head would refuse besides (core findings, what the
// compiler refuses) is reported too, and the flows are still compared. Pure: the caller reads the
// files (flows:diff reads the base with git).
import { stackFileName } from "../model/stackFile";
import { withDecision, type ObjectDecision } from "../planner/objects/decisions";
import { FlowLoadError, formatIssue, type FlowIssue } from "../model/errors";
import { substituteModel } from "../model/placeholders";
import type { LoadedFlow } from "../model/schema";
import { refusals, runPipeline, type FlowSource } from "../planner/pipeline";
import { parseStackFile } from "../planner/stackSettings";
import { diffFlowModels, type FlowModelDiff } from "./flowDiff";
import { renderDiffMarkdown, renderDiffText, type LoadProblem } from "./render";
import { journeyReportOfFiles, journeysSection, notSimulatedText } from "../behaviour/journeyDiff";
import type { PulledTraffic } from "../traffic/journeys";
import { renderTrafficWeight, weighReport, type TrafficWeight } from "./trafficWeight";
import { checkRouting, NO_STACK_ROUTING, routingFlowsOf, type PlannedRouting } from "../planner/routing";
import { routingRuleInfo } from "../checks/routingRules";
import { diffRouting, renderRoutingMarkdown, renderRoutingText, type RoutingDiff } from "./routingDiff";
import { checkInputOf } from "../planner/pipeline";
import type { CheckInput, Finding } from "../checks";
import { FLOW_KINDS } from "../model/kinds";
import { planDeployChanges, type DeployedFlow, type DeployedState } from "./deployPlan";
import type { FlowRef } from "../planner/flowRef";
import { planWaves, type WaveDeployedFlow } from "../planner/waves/wavePlan";
import { waveSchedule, type WavePlace } from "../planner/waves/waveSchedule";
import { wavesProblems } from "../planner/waves/wavesChecks";
import type { WaveRolloutRecord } from "../planner/waves/rolloutRecord";
import { revisionsOf } from "../planner/portfolio";
import { moduleTrigger } from "../planner/revisions";
import { stackProviders, type ProviderCredentials } from "../planner/providers";
import { signInOf, type Env } from "../org/target";
import type { StackSettings } from "../planner/stackSettings";
import {
  flowResources,
  providerResources,
  routingResources,
  sortResources,
  type DeployPlan,
  type ProviderView,
  type RoutingResourceView,
} from "./resourcePlan";
import { renderDeployMarkdown, renderDeployText } from "./review";
import { renderVerdict, type PolicyVerdict } from "./verdict";
import { renderOrgStateMarkdown, renderOrgStateText } from "./orgState";
import type { OrgStateOfRun } from "../org/personChanges";
import { cmp } from "../archy/json";

/** One side of the diff as read by the caller. */
export interface PortfolioSide {
  sources: readonly FlowSource[];
  /** Files that could not be read. */
  readIssues?: readonly FlowIssue[];
  /**
   * The stack file's text on this side; absent when the side has none: the side is then read with
   * the other side's (a stack file added or removed compares the flows as that one deploys them).
   */
  stackText?: string;
  /** The routing files on this side (routing/); absent: none. */
  routing?: readonly FlowSource[];
}

export interface PortfolioDiffOptions {
  /** Compare only the flows this stack deploys (each side by its own stack file). */
  stack?: string;
  format: "text" | "markdown";
  /** How the base is named in the report, e.g. `origin/main`. */
  base: string;
  /** With a stack: what people did in the org to its flows (or why it was not checked). */
  orgState?: OrgStateOfRun;
  /**
   * With a stack: what it runs, when the review read its state (flows:diff --org naming the stack):
   * each flow's revisions and update trigger, whether it is only read (adopted), and the rollouts in
   * waves in progress. Default: the base is what runs, with no rollout in progress.
   */
  state?: ReviewState;
  /** The environment the provider signs in with (GENESYSCLOUD_* credentials decide how many providers publish). Default: none. */
  env?: Env;
  /**
   * What the org-reference check refuses of the head, when the caller could check it offline
   * (stack local: its org is the emulator's org file), one formatted issue each: refusals too.
   */
  orgRefusals?: readonly string[];
  /**
   * With a stack: the stack's policy configuration over the head's flows as the stack deploys them
   * (the pack's rules at the levels policies/config/<stack>.json gives them: policies/adapter.ts
   * reviewStackPolicy, handed in through diff/projectReview.ts), when the head loads: its
   * mandatory findings are refusals, its advisory ones warnings.
   */
  policy?: (input: CheckInput, routingFindings: readonly Finding[]) => PolicyVerdict;
  /** Journeys pulled from the org (`traffic pull`) and the file they were read from: the flows whose journeys change are weighed by them. */
  traffic?: { traffic: PulledTraffic; source: string };
}

/** What a stack runs, from its state (org/stackExport.ts), as the review needs it. */
export interface ReviewState {
  flows: ReadonlyArray<WaveDeployedFlow & { read?: boolean }>;
  waves: readonly WaveRolloutRecord[];
  /** The org objects the head declares as the org holds them (adopted or created: planner/objects/decisions.ts), when read. */
  objects?: ReadonlyMap<string, ObjectDecision>;
}

export interface DiffReport {
  text: string;
  /** The stack file's and the flow files' problems on either side (flows that fail to load are left out). */
  problems: LoadProblem[];
  /** What a deploy of the head would refuse once everything loads: core findings, compiler refusals, the stack's mandatory policy rules (formatted). */
  refusals: string[];
  /** What the stack's policy config warns of (its advisory rules) in a deploy of the head, formatted as the pack says it. */
  warnings: string[];
  /** The diff and the head flows it was computed from (for the comment and the diagrams). */
  diff: FlowModelDiff;
  head: Map<string, LoadedFlow>;
  /** The base flows (for the journeys that change). */
  base: Map<string, LoadedFlow>;
  /** Module files whose published content changes (directly, or through a module compiled into them). */
  changedModules: string[];
  /** What changes in the routing (each side's routing/ with its stack values). */
  routing: RoutingDiff;
  /** With a stack: what `up` does to each of its flows. */
  deploy?: DeployPlan;
  /** With a stack: the org's state the review shows, and the portfolio ids of the flows the deploy touches. */
  orgState?: OrgStateOfRun;
  touched?: string[];
  /** With pulled journeys: the share of them each flow whose journeys change would change (diff/trafficWeight.ts). */
  weight?: TrafficWeight;
}

/** One problem per file, with the loader's message (one formatted issue per line). */
function problemsOf(side: LoadProblem["side"], issues: readonly FlowIssue[]): LoadProblem[] {
  const byFile = new Map<string, FlowIssue[]>();
  for (const i of issues) byFile.set(i.file, [...(byFile.get(i.file) ?? []), i]);
  return [...byFile].map(([file, list]) => ({ side, file, message: new FlowLoadError(list).message }));
}

interface LoadedSide {
  flows: Map<string, LoadedFlow>;
  stackProblems: LoadProblem[];
  loadProblems: LoadProblem[];
  /** What a deploy would refuse after stage 1 (core findings, compile, the routing checks, the stack's mandatory policy rules), formatted. */
  refusals: string[];
  /** The stack's advisory policy rules' findings (the head's). */
  warnings: string[];
  /** The routing objects that load, by routing id (stack values applied, with their adoption). */
  routing: Map<string, RoutingResourceView>;
  /** Routing files (or their stack values) that do not load. */
  routingProblems: LoadProblem[];
  /** The flows the stack deploys, by file, under their published names (the planner's names). */
  deployed: Map<string, DeployedFlow>;
  /** Every flow file of the side. */
  files: Set<string>;
  namePrefix: string;
  /** With a stack: whether its settings loaded on this side (no published name is known without them). */
  settingsLoaded: boolean;
  /** The base has no stack file: nothing of the stack is deployed there. */
  noStackFile?: boolean;
  /** Callers' places in the stack's module rollouts in waves, by file. */
  waves?: Map<string, WavePlace[]>;
  /** The side's settings, when they loaded (its own or, borrowed, the other side's). */
  settings?: StackSettings;
  /** The flows as the waves planner sees them (with their revisions, when the side compiled). */
  waveFlows: FlowRef[];
  /** The providers the stack registers (planner/providers.ts), when its settings loaded. */
  providers: ProviderView[];
}

/** A routing or org object as the review shows it: an org object with what the run does with it (adopt, keep). */
function routingView(p: PlannedRouting, decision: ObjectDecision | undefined): RoutingResourceView {
  const { id, file, publishedName, value, adopt, retainOnDelete } = withDecision(p, decision);
  const differs = decision?.adopt?.words;
  const view = { id, file, publishedName, value, ...(adopt !== undefined ? { adopt } : {}), retainOnDelete };
  return { ...view, ...(differs ? { differs } : {}) };
}

/** A side's flows by file (substituted with a stack), and its problems: the stack file's first, then the flow files'. */
function loadSide(
  side: LoadProblem["side"],
  input: PortfolioSide,
  other: PortfolioSide,
  stack: string | undefined,
  baseName: string,
  env: Env,
  policy?: PortfolioDiffOptions["policy"],
  objects?: ReviewState["objects"],
): LoadedSide {
  const stackFile = stack !== undefined ? stackFileName(stack) : undefined;
  const stackProblems: LoadProblem[] = [];
  // A base without the stack file deployed nothing of the stack (a new stack, or the wrong base):
  // said, and compared as empty, so the review lists what `up` would create.
  if (side === "base" && stackFile !== undefined && input.stackText === undefined && other.stackText !== undefined) {
    stackProblems.push({
      side,
      file: stackFile,
      message: `${stackFile}: no such file at ${baseName}; the review compares the stack with nothing deployed (every flow it selects is created): check the base ref, or that the stack is new`,
    });
    const none = {
      flows: new Map(),
      loadProblems: [],
      refusals: [],
      warnings: [],
      routing: new Map(),
      routingProblems: [],
      deployed: new Map(),
      files: new Set<string>(),
      waveFlows: [],
      providers: [],
    };
    return { ...none, stackProblems, namePrefix: "", settingsLoaded: true, noStackFile: true };
  }
  const { settings, stackBroken, borrowed } = sideSettings(side, input, other, stackFile, stackProblems);
  const result = runPipeline({
    sources: input.sources,
    ...(input.readIssues ? { readIssues: input.readIssues } : {}),
    ...(settings && stack !== undefined ? { stack: { name: stack, settings } } : {}),
    // The base is what was deployed: it is compiled (its revisions are what up compares with), only the head is checked.
    ...(side === "base" ? { checks: { include: () => false } } : {}),
  });
  if (input.stackText !== undefined) stackProblems.push(...problemsOf(side, result.stackIssues));
  // What the stack file or the files stop is reported above; what a deploy refuses after them here.
  const stopped = stackBroken || result.stackIssues.length > 0 || result.loadIssues.length > 0;
  const later = stopped ? [] : refusals(result).map(formatIssue);
  const byFile = [...result.flows].sort((x, y) => cmp(x.file, y.file));
  const flows = new Map(
    byFile.map((f) => [f.file, { file: f.file, model: substituteModel(f.model, f.substitutions) }]),
  );
  // The routing, with this side's stack values: the same checks a deploy runs, refusals on the head only.
  const routing = checkRouting({
    settings: settings ?? NO_STACK_ROUTING,
    sources: input.routing ?? [],
    flows: routingFlowsOf(result),
    stackFile: stackFile ?? "",
  });
  if (side === "head" && !stopped)
    later.push(...routing.findings.filter((f) => routingRuleInfo(f.ruleId).core).map(formatIssue));
  // The policy pack's verdict on the stack, as its policy config sets it: what the pack says when the engine registers these flows.
  const verdict =
    policy !== undefined && !stopped && result.checkInput !== undefined
      ? policy(result.checkInput, routing.findings)
      : { refusals: [], warnings: [] };
  later.push(...verdict.refusals);
  const routingObjects = new Map(routing.objects.map((p) => [p.id, routingView(p, objects?.get(p.id))]));
  // The published names as the planner gives them (prefix and substituted name), from the same function.
  const named = checkInputOf(byFile, settings && stack !== undefined ? { name: stack, settings } : undefined).flows;
  // The revisions the program gives the flows' resources (planner/portfolio.ts), when the side compiled.
  const revisions = revisionsOf(result.compiled);
  const calls = new Map(result.compiled.map((c) => [c.flow.id, c.calls]));
  // Module rollouts in waves (planner/waves/wavePlan.ts): where each caller goes; bad waves refuse the head.
  const waveFlows = result.compiled.map((c) => ({
    id: c.flow.id,
    file: c.flow.file,
    isModule: c.isModule,
    publishedName: c.checked.displayName,
    calls: c.calls,
    ...revisions.get(c.flow.id)!,
  }));
  if (side === "head" && settings && !stopped)
    later.push(...wavesProblems(waveFlows, settings.waves, stackFile ?? "").map(formatIssue));
  const fileOf = new Map(byFile.map((f) => [f.id, f.file]));
  const waves = new Map(
    [...waveSchedule(waveFlows, settings?.waves ?? {})].map(([id, places]) => [fileOf.get(id)!, places]),
  );
  const perFlow = (id: string) => (settings && stack !== undefined ? settings.flows[id] : undefined);
  const deployed = new Map(
    named.map((f) => {
      const own = perFlow(f.id);
      const adoption = {
        ...(own?.adopt !== undefined ? { adopt: own.adopt } : {}),
        ...(own?.adoptedRevision !== undefined ? { adoptedRevision: own.adoptedRevision } : {}),
        retainOnDelete: own?.retainOnDelete ?? own?.adopt !== undefined,
      };
      return [
        f.file,
        {
          id: f.id,
          file: f.file,
          kind: FLOW_KINDS[f.model.kind].label,
          name: f.model.name,
          publishedName: f.displayName,
          isModule: FLOW_KINDS[f.model.kind].isModule,
          calls: calls.get(f.id) ?? [],
          ...revisions.get(f.id),
          ...adoption,
        },
      ];
    }),
  );
  const providers = settings && stack !== undefined ? providersOf(stack, settings, named.length, env) : [];
  return {
    flows,
    stackProblems,
    loadProblems: problemsOf(side, result.loadIssues),
    refusals: later,
    warnings: verdict.warnings,
    routing: routingObjects,
    routingProblems: problemsOf(side, routing.issues),
    deployed,
    files: new Set(input.sources.map((s) => s.file)),
    namePrefix: settings?.namePrefix ?? "",
    settingsLoaded: settings !== undefined && !borrowed,
    waves,
    ...(settings ? { settings } : {}),
    waveFlows,
    providers,
  };
}

/**
 * A side's stack settings (its own stack file's, else the other side's: `stackText` absent on this
 * side) and whether its own file is broken (reported in `stackProblems`). A side whose own stack file
 * does not load reads its flows with the other side's, when that one loads (`borrowed`): the flow
 * changes then stay the files' own (not every placeholder left unfilled).
 */
function sideSettings(
  side: LoadProblem["side"],
  input: PortfolioSide,
  other: PortfolioSide,
  stackFile: string | undefined,
  stackProblems: LoadProblem[],
): { settings?: StackSettings; stackBroken: boolean; borrowed: boolean } {
  const stackText = input.stackText ?? other.stackText;
  if (stackFile === undefined || stackText === undefined) return { stackBroken: false, borrowed: false };
  try {
    return { settings: parseStackFile(stackText, stackFile), stackBroken: false, borrowed: false };
  } catch (e) {
    if (!(e instanceof FlowLoadError)) throw e;
    // The other side's stack file is reported on that side.
    if (input.stackText !== undefined) stackProblems.push({ side, file: stackFile, message: e.message });
  }
  if (input.stackText === undefined || other.stackText === undefined) return { stackBroken: true, borrowed: false };
  try {
    return { settings: parseStackFile(other.stackText, stackFile), stackBroken: true, borrowed: true };
  } catch (e) {
    if (!(e instanceof FlowLoadError)) throw e;
    return { stackBroken: true, borrowed: false };
  }
}

/** A credential as the stack file writes it: the value, or its ciphertext (a new ciphertext is taken as a new value). */
function credentialOf(v: StackSettings["accessToken"]): string | undefined {
  return v === undefined ? undefined : typeof v === "string" ? v : `(secret ${v.secure})`;
}

/** The providers the program registers for the stack (planner/providers.ts), with the credentials the stack file holds. */
function providersOf(stack: string, settings: StackSettings, flowCount: number, env: Env): ProviderView[] {
  const credentials: ProviderCredentials = {};
  for (const key of ["accessToken", "oauthClientId", "oauthClientSecret"] as const) {
    const v = credentialOf(settings[key]);
    if (v !== undefined) credentials[key] = v;
  }
  try {
    const providers = stackProviders(settings, credentials, flowCount, signInOf(stack, settings, env));
    return providers.map((p) => ({ name: p.name, args: p.args as Record<string, unknown> }));
  } catch {
    return []; // a secret without its client id: the program refuses it, and so does the preflight
  }
}

/**
 * What the stack runs before this up, as the waves planner reads it: the state's flows when the
 * review read them, else the base's as deployed (each caller's trigger from the base's modules).
 */
function deployedOf(b: LoadedSide, state: ReviewState | undefined): Map<string, WaveDeployedFlow & { read?: boolean }> {
  if (state !== undefined) return new Map(state.flows.map((f) => [f.id, f]));
  const byId = new Map(b.waveFlows.map((f) => [f.id, f]));
  return new Map(
    b.waveFlows.map((f) => {
      const modules = f.calls.map((c) => byId.get(c)).filter((m): m is FlowRef => m !== undefined);
      const trigger =
        modules.length > 0 && modules.length === f.calls.length
          ? {
              updateTriggerHash: moduleTrigger(modules.map((m) => m.revision)),
              moduleRevisions: Object.fromEntries(modules.map((m) => [m.id, m.revision])),
            }
          : {};
      return [f.id, { id: f.id, revision: f.revision, contentRevision: f.contentRevision, ...trigger }];
    }),
  );
}

/** What up does to each flow and each resource; the waves' refusals go to `refusals` (the head's). */
function deployPlanOf(
  b: LoadedSide,
  h: LoadedSide,
  diff: FlowModelDiff,
  stackFile: string,
  state: ReviewState | undefined,
  refusals: string[],
): DeployPlan {
  // A rollout in waves holds callers on the module version they run (planner/waves/wavePlan.ts, as the program plans it).
  const held = new Map<string, string[]>();
  if (h.settings && Object.keys(h.settings.waves).length > 0 && h.waveFlows.length > 0 && h.refusals.length === 0) {
    const { plan, refusals: refused } = planWaves({
      flows: h.waveFlows,
      waves: h.settings.waves,
      deployed: deployedOf(b, state),
      previous: state?.waves ?? [],
      stackFile,
    });
    refusals.push(...refused.map(formatIssue));
    for (const [id, c] of plan.held) held.set(id, c.heldBy);
  }
  const deployed =
    state !== undefined
      ? new Map<string, DeployedState>(
          state.flows.map((f) => [
            f.id,
            {
              revision: f.revision,
              ...(f.contentRevision !== undefined ? { contentRevision: f.contentRevision } : {}),
              ...(f.read === true ? { read: true } : {}),
            },
          ]),
        )
      : undefined;
  const flows = planDeployChanges(
    {
      flows: b.deployed,
      files: b.files,
      namePrefix: b.namePrefix,
      routing: b.routing,
      noStackFile: b.noStackFile === true,
    },
    {
      flows: h.deployed,
      files: h.files,
      namePrefix: h.namePrefix,
      routing: h.routing,
      ...(h.waves ? { waves: h.waves } : {}),
      held,
      ...(deployed ? { deployed } : {}),
    },
    diff,
    stackFile,
  );
  // Flows that get a new Genesys id in this up: what refers to them is re-pointed.
  const renewed = new Set(
    flows.changes.filter((c) => c.action === "replace" || c.action === "create").map((c) => c.id),
  );
  const resources = sortResources([
    ...providerResources(b.providers, h.providers),
    ...flowResources(flows),
    ...routingResources(b.routing, h.routing, renewed),
  ]);
  return { ...flows, resources };
}

/** Loads both sides, diffs and renders. */
export function diffPortfolios(base: PortfolioSide, head: PortfolioSide, opts: PortfolioDiffOptions): DiffReport {
  const b = loadSide("base", base, head, opts.stack, opts.base, opts.env ?? {});
  const policy = opts.stack !== undefined ? opts.policy : undefined;
  const h = loadSide("head", head, base, opts.stack, opts.base, opts.env ?? {}, policy, opts.state?.objects);
  h.refusals.push(...(opts.orgRefusals ?? []));
  const problems = [
    ...h.stackProblems,
    ...b.stackProblems,
    ...b.loadProblems,
    ...h.loadProblems,
    ...b.routingProblems,
    ...h.routingProblems,
  ];
  // A flow (or routing file) that fails on one side is left out of both, so it is not reported as added or removed.
  for (const p of problems) {
    for (const side of [b, h]) {
      side.flows.delete(p.file);
      side.deployed.delete(p.file);
    }
    for (const side of [b.routing, h.routing]) for (const [id, o] of side) if (o.file === p.file) side.delete(id);
  }
  const routing = diffRouting(b.routing, h.routing);
  // A module called by its published name (a callModule of an imported flow) is found by the head's names.
  const diff = diffFlowModels(b.flows, h.flows, new Map([...h.deployed].map(([file, d]) => [file, d.publishedName])));
  // Without the stack's settings on a side its published names are unknown: no plan rather than a wrong one.
  const deploy =
    opts.stack !== undefined && b.settingsLoaded && h.settingsLoaded
      ? deployPlanOf(b, h, diff, stackFileName(opts.stack), opts.state, h.refusals)
      : undefined;
  // A flow that publishes with its journeys the same, node names aside (a refactoring onto a module), says so;
  // one whose journeys stopped where the interpreter cannot go on says where.
  const journeys = journeyReportOfFiles(b.flows, h.flows);
  const known = new Map<string, string>();
  const same = "journeys unchanged (node names aside)";
  for (const u of "unchanged" in journeys ? journeys.unchanged : []) known.set(u.file, same);
  for (const n of "notSimulated" in journeys ? journeys.notSimulated : []) known.set(n.file, notSimulatedText(n.past));
  for (const c of deploy?.changes ?? []) {
    if ((c.action === "publish" || c.action === "republish") && known.has(c.file)) c.why.push(known.get(c.file)!);
  }
  const names = {
    base: opts.base,
    head: "the working tree",
    loadProblems: problems,
    deployListed: deploy !== undefined,
  };
  // With a stack: what `up` does first, the org's state of the flows it touches after the routing.
  const touched = new Set(deploy?.changes.map((c) => c.id) ?? []);
  const orgState = opts.orgState ?? { checked: false as const, reason: "no read of the org was made" };
  const md = opts.format === "markdown";
  const deploySection =
    opts.stack !== undefined
      ? md
        ? renderDeployMarkdown(deploy, opts.stack, opts.base)
        : renderDeployText(deploy, opts.stack, opts.base)
      : "";
  const orgSection =
    deploy !== undefined
      ? md
        ? renderOrgStateMarkdown(orgState, touched)
        : renderOrgStateText(orgState, touched)
      : "";
  // The caller journeys that change (behaviour/journeyDiff.ts): in full here, within budget in the comment.
  // What refuses the deploy leads, in every format: a reviewer reads it before what the deploy would do.
  const text =
    renderVerdict(h.refusals, h.warnings, opts.format) +
    deploySection +
    (md
      ? renderDiffMarkdown(diff, h.flows, names) + renderRoutingMarkdown(routing)
      : renderDiffText(diff, names) + renderRoutingText(routing)) +
    orgSection +
    journeysSection(b.flows, h.flows, opts.format, undefined, journeys);
  const weight =
    opts.traffic && !("problem" in journeys)
      ? weighReport(journeys, journeys.programs, opts.traffic.traffic, opts.traffic.source)
      : undefined;
  const changedModules = new Set([
    ...diff.flows.filter((d) => d.moduleContentChanged === true).map((d) => d.file),
    ...diff.republish.map((r) => r.moduleFile),
  ]);
  return {
    text: text + renderTrafficWeight(weight, opts.format),
    ...(weight ? { weight } : {}),
    problems,
    refusals: h.refusals,
    warnings: h.warnings,
    diff,
    head: h.flows,
    base: b.flows,
    changedModules: [...changedModules].sort(),
    routing,
    ...(deploy ? { deploy } : {}),
    ...(opts.stack !== undefined ? { orgState } : {}),
    touched: [...touched].sort(),
  };
}
