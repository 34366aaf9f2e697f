// What a no-op `up` and a module change cost the org at N = 500 (issue 78, target 4: the stack's
// flows read in pages of 50, versions only where they moved), counted in the emulator's request
// log over real HTTP, on the code path the command line takes (tools/deploy.ts):
//  - a fast no-op `up` (run/fastNoop.ts decides, then verify runs as verifyAfterUp runs it);
//  - an `up` the engine runs and that changes nothing (--no-fast, or any doubt): every guard's
//    decision as the program asks for them (run/guards/index.ts decideAll), no hook (the engine
//    changes no resource), no release read (nothing new to record), then verify;
//  - a module change reaching its callers: the guards' decisions, the hooks of every flow the
//    engine publishes (the people guard's one read), the release record's read of the versions
//    the run published (components/releaseRecord.ts), then verify.
// The project is real (500 flow files planned by the planner, its state in the project's own file
// backend, the fast no-op's fingerprint recorded by recordFingerprint); the publishes are the
// emulator's store, straight (the official provider's own requests are not ours to count).
// Measured: a no-op up reads the flows in 10 requests (the engine's adds the ownership guard's
// listing of each flow type, pages of 500), plus verify's fixed reads and
// the module's consumers (VERIFY_FIXED, CONSUMER_PAGES); the module change reads no version list, and
// the flows in pages of 50 in each read that needs them (people's work 3, the release 3, verify 10),
// besides one listing per flow type (ownership) and the module's own read (module-outside-callers).
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import type { Dependency } from "../../emulator/store";
import type { OperationKind } from "../../emulator/requestLog";
import { connectToOrg } from "../../org/signIn";
import { parseStackExport } from "../../org/stackExport";
import { FLOWS_PER_READ } from "../../org/flows";
import { flowInputsOf } from "../../planner/flowInputs";
import { nextHistory, versionsToRead } from "../../planner/releases";
import type { Portfolio } from "../../planner/portfolio";
import { fastNoop, recordFingerprint } from "../../run/fastNoop";
import { decideAll, hooksOf } from "../../run/guards";
import { WRITES_EXISTING } from "../../run/flowChanges";
import { StackRun } from "../../run/stackRun";
import { readPublishedVersions } from "../../components/releaseRecord";
import { callFlow, flowText, lookupModule, settings, tempProject, type FlowSpec } from "../../testkit/portfolio";
import { writeFiles } from "../../testkit/tempProject";
import { runChanges } from "../../run/changes";
import { verifyRun } from "../../run/runVerify";

const N = 500;
/** Flows calling the module: a module change republishes them (k = CALLERS + 1). */
const CALLERS = 125;
const STACK = "test";
const CODE = "build-1";
const pages = (flows: number) => Math.ceil(flows / FLOWS_PER_READ);

/** The module, CALLERS flows calling it, the others transferring to a queue: every flow names the queue Support. */
function flowFiles(moduleValue: string): Record<string, string> {
  const flows: Record<string, FlowSpec> = { "modules/lookup": lookupModule() };
  (
    flows["modules/lookup"] as { nodes: { Found: { outputs: Record<string, string> } } }
  ).nodes.Found.outputs.customerId = `"${moduleValue}"`;
  for (let i = 1; i < N; i++) {
    const name = `Flow${String(i).padStart(3, "0")}`;
    flows[`calls/${name.toLowerCase()}`] =
      i <= CALLERS
        ? callFlow(name)
        : {
            kind: "inboundCall",
            name,
            start: "Transfer",
            nodes: {
              Transfer: { type: "transferToQueue", queue: "Support", transitions: { failure: "Bye" } },
              Bye: { type: "disconnect" },
            },
          };
  }
  return Object.fromEntries(Object.entries(flows).map(([id, spec]) => [`flows/${id}.yaml`, flowText(spec)]));
}

let emu: RunningEmulator;
let root: string;
const backend = () => `file://${root}/.work/state`;
const env = () => ({ PULUMI_BACKEND_URL: backend() });
const stateFile = () => `.work/state/.pulumi/stacks/genesys-flows/${STACK}.json`;
let stateText = "";

beforeAll(async () => {
  emu = await startEmulator({ org: { queues: [{ name: "Support" }] } });
  root = tempProject(
    {
      ...flowFiles("C-1"),
      "Pulumi.yaml": "name: genesys-flows\nruntime: nodejs\n",
      "policies/config/test.json": "{}",
      ".work/state/.pulumi/meta.yaml": "version: 1\n",
    },
    { prefix: "noop-requests-" },
  );
});
afterAll(async () => {
  await emu.stop();
});

/** A run of the stack as the command line makes one: its settings, its state from the file backend, signed in to the emulator. */
const runOf = () =>
  new StackRun({
    stack: STACK,
    root,
    source: { commit: "0000000", dirty: false, sourcesRoot: root },
    policyDir: `${root}/policies/config`,
    io: {
      readSettings: () => settings({ namePrefix: "test-" }),
      readExport: async () => stateText,
      connect: (s) =>
        connectToOrg({
          stack: STACK,
          settings: {
            ...s,
            provider: { ...s.provider, gateway: { protocol: "http", host: "127.0.0.1", port: String(emu.port) } },
            accessToken: emu.accessToken,
          },
          env: {},
        }),
    },
  });

/**
 * Publishes the flows of `portfolio` whose ids `which` names (modules first, callers against the
 * module's new version) as the stack's client, at `at`; writes the compiled files and the state the
 * engine would leave (Flow inputs, the file hash, when Pulumi changed each Flow, the release with
 * every flow's published version).
 */
function deploy(portfolio: Portfolio, which: (id: string) => boolean, at: number): void {
  const previous = stateText === "" ? undefined : parseStackExport(STACK, stateText);
  const byId = new Map((previous?.deployment.flows ?? []).map((f) => [f.id, f]));
  const versions = new Map(
    Object.entries(previous?.releases.history.at(-1)?.flows ?? {}).map(([id, f]) => [id, f.version!]),
  );
  const ids = new Map<string, string>();
  const actor = { client: { id: emu.clientId, name: "Emulator API Client" } };
  const resources: unknown[] = [];
  const modified = new Map<string, string>();
  for (const plan of [...portfolio.flows].sort((a, b) => Number(b.kind.isModule) - Number(a.kind.isModule))) {
    if (which(plan.id)) {
      const dependencies: Dependency[] = plan.calls.map((m) => ({
        flowId: ids.get(m)!,
        name: portfolio.flows.find((f) => f.id === m)!.publishedName,
        type: "COMMONMODULE",
        versionId: versions.get(m)!,
      }));
      const { flow, version } = emu.store.publish(
        {
          type: plan.kind.apiType,
          name: plan.publishedName,
          description: "",
          divisionName: "Home",
          text: plan.substitutedYaml,
          sha256: plan.contentRevision,
          supportedLanguages: ["en-us"],
          dependencies,
          actor,
        },
        at,
      );
      ids.set(plan.id, flow.id);
      versions.set(plan.id, version.id);
      modified.set(plan.id, new Date(at + 1000).toISOString());
      writeFiles(root, { [plan.compiledPath]: plan.substitutedYaml });
    } else {
      ids.set(plan.id, byId.get(plan.id)!.flowId);
      modified.set(plan.id, byId.get(plan.id)!.modified!);
    }
    const type = plan.kind.isModule ? "CommonModule" : "InteractionFlow";
    const urn = `urn:pulumi:${STACK}::genesys-flows::genesys-flows:index:${type}::${plan.id}`;
    const inputs = flowInputsOf(portfolio, plan).inputs;
    const facts = {
      id: plan.id,
      file: plan.file,
      kind: plan.kind.kind,
      publishedName: plan.publishedName,
      calls: plan.calls.map((c) => ({
        id: c,
        name: c,
        publishedName: portfolio.flows.find((f) => f.id === c)!.publishedName,
      })),
    };
    resources.push(
      {
        urn,
        type: `genesys-flows:index:${type}`,
        outputs: { facts, revision: plan.revision, flowId: ids.get(plan.id) },
      },
      {
        urn: `${urn.replace(`index:${type}::`, `index:${type}$genesyscloud:index/flow:Flow::`)}`,
        type: "genesyscloud:index/flow:Flow",
        id: ids.get(plan.id),
        parent: urn,
        inputs,
        outputs: { ...inputs, fileContentHash: plan.contentRevision },
        modified: modified.get(plan.id),
      },
    );
  }
  const release = {
    id: `r${(previous?.releases.history.length ?? 0) + 1}`,
    commit: "0000000",
    dirty: false,
    time: new Date(at).toISOString(),
    flows: Object.fromEntries(
      portfolio.flows.map((f) => [f.id, { revision: f.revision, version: versions.get(f.id) }]),
    ),
  };
  const stack = {
    urn: `urn:pulumi:${STACK}::genesys-flows::pulumi:pulumi:Stack::genesys-flows-${STACK}`,
    type: "pulumi:pulumi:Stack",
    outputs: { flows: [], releases: [...(previous?.releases.history ?? []), release] },
  };
  writeFiles(root, {
    [stateFile()]: JSON.stringify({ version: 3, checkpoint: { latest: { resources: [stack, ...resources] } } }),
  });
  stateText = `${JSON.stringify({ version: 3, deployment: { resources: [stack, ...resources] } })}\n`;
}

/** The requests `work` makes, by operation. */
async function counted(work: () => Promise<unknown>): Promise<Partial<Record<OperationKind, number>>> {
  emu.requestLog.clear();
  await work();
  const out: Partial<Record<OperationKind, number>> = {};
  for (const e of emu.requestLog.list()) out[e.operation] = (out[e.operation] ?? 0) + 1;
  return out;
}

/** Reads besides the flows that do not grow with the stack's flows, on every verify. */
const VERIFY_FIXED = {
  // The OAuth client the stack signs in as (its publishes are its own, not a person's): org/peopleRead.ts.
  "token.get": 1,
  // Dependency tracking's build status (a stale build makes the callers' list doubtful): org/flows.ts readOrg.
  "dependencytracking.build": 1,
  // The org objects the deployed flows name, one paged list per kind named (one kind here, the queue
  // Support): verify's broken references, org/orgReferences.ts.
  "org.objects.list": 1,
};
/**
 * The module's consumers: dependency tracking pages of 100 (org/client.ts all), read twice (every
 * consumer, then those running the module's current version): 1 request per 50 callers of a module,
 * none for a flow that calls no module.
 */
const CONSUMER_PAGES = 2 * Math.ceil(CALLERS / 100);

test(`a no-op up at N = ${N}: the flows ${pages(N)} requests (1 per ${FLOWS_PER_READ}), no version read; a module change reaching ${CALLERS + 1} flows: no version read, a page per ${FLOWS_PER_READ} flows it publishes in each read`, async () => {
  const t0 = Date.now() - 3_600_000;
  deploy(runOf().portfolio(), () => true, t0);
  const first = runOf();
  const fast = await fastNoop(first, { code: CODE, env: env(), flags: {} });
  expect(fast).toMatchObject({
    noop: false,
    doubt: expect.stringMatching(/no successful up of this command line is recorded/),
  });
  expect(await recordFingerprint(first, { code: CODE, env: env(), before: fast.inputs! })).toBeUndefined();

  // A fast no-op up: the stack's flows once, 50 a request, for the decision, and verify reads them no more.
  let run = runOf();
  let verified: Awaited<ReturnType<typeof verifyRun>> | undefined;
  const fastUp = await counted(async () => {
    const answer = await fastNoop(run, { code: CODE, env: env(), flags: {} });
    expect(answer).toMatchObject({ noop: true });
    verified = await verifyRun(run);
  });
  expect(verified).toMatchObject({ ok: true, findings: [] });
  expect(fastUp).toEqual({ "flow.list": pages(N), ...VERIFY_FIXED, "dependencytracking.consumers": CONSUMER_PAGES });

  // The engine's no-op up (--no-fast): every guard decides, the engine changes nothing (no hook
  // runs), the release is the last one (no version to read), then verify.
  run = runOf();
  const engineUp = await counted(async () => {
    const decided = await decideAll(run, false);
    expect(decided.refusal).toBeUndefined();
    expect((await runChanges(run)).filter((c) => c.action !== "same")).toEqual([]);
    const history = (await run.state()).releases.history;
    expect(
      versionsToRead(
        nextHistory(history, {
          commit: "0000000",
          dirty: false,
          time: new Date().toISOString(),
          revisions: new Map(run.portfolio().flows.map((f) => [f.id, f.revision])),
        }),
      ),
    ).toEqual([]);
    verified = await verifyRun(run);
  });
  expect(verified).toMatchObject({ ok: true, findings: [] });
  // Which org the provider reaches (the org binding, ownership): GET /api/v2/organizations/me. And
  // the ownership guard's look-up of every planned name, each flow type listed once in pages of 500
  // (2 here, one per 500 flows of a type): kept on a no-op, so a state flow a person deleted and
  // rebuilt under its name is refused before any run, not only reported by verify after it.
  expect(engineUp).toEqual({
    "org.get": 1,
    "flow.list": pages(N) + 2,
    ...VERIFY_FIXED,
    "dependencytracking.consumers": CONSUMER_PAGES,
  });

  // A module change: the module and its callers publish (k flows). The fast no-op doubts before it reads the org.
  writeFiles(root, flowFiles("C-2"));
  run = runOf();
  const k = CALLERS + 1;
  expect(
    await counted(async () =>
      expect(await fastNoop(run, { code: CODE, env: env(), flags: {} })).toMatchObject({
        noop: false,
        doubt: "the flow files changed since the last up",
      }),
    ),
  ).toEqual({});
  const publishing = (await runChanges(run)).filter((c) => WRITES_EXISTING.has(c.action));
  expect(publishing).toHaveLength(k);
  const decisions = await counted(async () => expect((await decideAll(run, false)).refusal).toBeUndefined());
  // The org binding, and the names of the k flows it publishes: each type's flows listed once, pages
  // of 500 (a page per type here); the queue the publishing flows name; who calls the changing
  // module (its published version, the build status, its consumers: the pack's module-outside-callers).
  expect(decisions).toEqual({
    "org.get": 1,
    "flow.list": 2,
    "org.objects.list": 1,
    "flow.get": 1,
    "dependencytracking.build": 1,
    "dependencytracking.consumers": CONSUMER_PAGES,
  });
  // The engine calls every guard's hooks before each publish: people's work on the k flows, read once.
  const hooks = hooksOf(run, { warn: () => undefined, info: () => undefined });
  const beforePublishes = await counted(async () => {
    for (const c of publishing)
      for (const h of hooks)
        await h.before?.({
          action: "update",
          resource: "flow",
          name: c.flow,
          urn: `urn:${c.flow}`,
          objectId: c.flowId!,
          dryRun: false,
        });
  });
  expect(beforePublishes).toEqual({ "flow.list": pages(k), "token.get": 1 });
  const t1 = t0 + 600_000;
  const changed = new Set(publishing.map((c) => c.flow));
  deploy(run.portfolio(), (id) => changed.has(id), t1);
  // The release record: the versions this up published, the k flows 50 a request.
  const api = (await run.connection()).api;
  const deployed = new Map(parseStackExport(STACK, stateText).deployment.flows.map((d) => [d.id, d.flowId]));
  let read = new Map<string, string>();
  const release = await counted(
    async () =>
      (read = await readPublishedVersions(
        api,
        run
          .portfolio()
          .flows.filter((f) => changed.has(f.id))
          .map((f) => ({ id: f.id, flowId: deployed.get(f.id)!, apiType: f.kind.apiType })),
      )),
  );
  expect(release).toEqual({ "flow.list": pages(k) });
  const recorded = parseStackExport(STACK, stateText).releases.history.at(-1)!.flows;
  expect([...read].sort()).toEqual([...changed].sort().map((id) => [id, recorded[id].version]));
  // verify after the publishes: what it costs on an unchanged stack.
  run = runOf();
  expect(await counted(async () => (verified = await verifyRun(run)))).toEqual({
    "flow.list": pages(N),
    ...VERIFY_FIXED,
    "dependencytracking.consumers": CONSUMER_PAGES,
  });
  expect(verified).toMatchObject({ ok: true, findings: [] });
  // The budget was k version lists (one per flow it publishes); none was needed (the counts above are exact).
  expect([decisions, beforePublishes, release].reduce((n, c) => n + (c["flow.versions.list"] ?? 0), 0)).toBe(0);
});
