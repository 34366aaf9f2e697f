// The operation below the commands (run/operation.ts) as `genesys-flows rollback` asks it, with a
// typed request: one rollback plans the portfolio once and reads the stack's state once before the
// run (the release it returns to, what differs) and once after it (verify, the record), where it
// read the state four times and planned twice, once outside any run (issue 86 item 7). The engine
// is the stack's real program under Pulumi mocks, given the operation's run; the org an emulator
// on 127.0.0.1; the project a git repository whose two commits are the two releases.
import { spawnSync } from "node:child_process";
import * as pulumi from "@pulumi/pulumi";
import * as planner from "../../planner/portfolio";
import { encodeHistory, nextHistory, type Release } from "../../planner/releases";
import { operate, type OperationWiring, type OperationOutcome, type OperationRequest } from "../../run/operation";
import type { OperationEvent } from "../../run/operationView";
import { textView } from "../../tools/operation";
import { RUN_TRACE_ENV } from "../../run/trace";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { installMocks, valueOf } from "../../testkit/pulumiMocks";
import { callFlow, flowText, lookupModule, plan, settings, tempProject } from "../../testkit/portfolio";
import { emulatorRunIo, recordedState } from "../../testkit/programRun";
import { publishOk } from "../../testkit/emulator";
import { commonModuleYaml, inboundCallYaml } from "../../testkit/archyFlows";
import { writeFiles } from "../../testkit/tempProject";
import * as fs from "node:fs";
import * as path from "node:path";

const STACK = "local";
const git = (root: string, ...args: string[]): string => {
  const r = spawnSync("git", ["-C", root, ...args], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
};

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ org: { queues: [{ name: "Support" }] } });
});
afterAll(async () => {
  await emu.stop();
});

/** The state `pulumi stack export` prints after ups recorded `history`: the two flows, as published in the emulator, at `revisions`. */
function stateOf(
  ids: { lookup: string; main: string },
  modified: string,
  revisions: ReadonlyMap<string, string>,
  history: readonly Release[],
): string {
  const doc = JSON.parse(
    recordedState(
      [
        {
          id: "modules/lookup",
          kind: "commonModule",
          publishedName: "local-Lookup",
          flowId: ids.lookup,
          revision: revisions.get("modules/lookup")!,
          modified,
        },
        {
          id: "calls/main",
          kind: "inboundCall",
          publishedName: "local-Main",
          flowId: ids.main,
          revision: revisions.get("calls/main")!,
          calls: ["modules/lookup"],
          modified,
        },
      ],
      STACK,
    ),
  ) as { deployment: { resources: unknown[] } };
  doc.deployment.resources.push({
    urn: `urn:pulumi:${STACK}::genesys-flows::pulumi:pulumi:Stack::genesys-flows-${STACK}`,
    type: "pulumi:pulumi:Stack",
    outputs: { releases: encodeHistory(history) },
  });
  return JSON.stringify(doc);
}

it("a rollback plans once and reads the stack's state once before the run and once after it", async () => {
  const stackSettings = {
    namePrefix: "local-",
    provider: { gateway: { protocol: "http", host: "127.0.0.1", port: String(emu.port) } },
  };
  const v1 = { "modules/lookup": lookupModule(), "calls/main": callFlow("Main") };
  const v2 = { ...v1, "modules/lookup": lookupModule({ description: "v2: the lookup asks again" }) };
  const files = (flows: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(flows).map(([id, spec]) => [`flows/${id}.yaml`, flowText(spec as Record<string, unknown>)]),
    );
  const root = tempProject(
    { ...files(v1), "policies/config/local.json": "{}", "Pulumi.yaml": "name: genesys-flows\nruntime: nodejs\n" },
    { prefix: "operation-rollback-" },
  );
  git(root, "init", "-q");
  git(root, "-c", "user.name=Test", "-c", "user.email=test@example.com", "add", "-A");
  git(root, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-qm", "r1");
  const r1Commit = git(root, "rev-parse", "HEAD");
  writeFiles(root, files(v2));
  git(root, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-qam", "r2");
  const r2Commit = git(root, "rev-parse", "HEAD");
  const revisions = (flows: typeof v1) =>
    new Map(plan(flows, stackSettings, STACK).flows.map((f) => [f.id, f.revision]));
  const history = nextHistory(
    nextHistory([], { commit: r1Commit, dirty: false, time: "2026-11-27T10:00:00.000Z", revisions: revisions(v1) }),
    { commit: r2Commit, dirty: false, time: "2026-11-27T11:00:00.000Z", revisions: revisions(v2) },
  );
  const ids = {
    lookup: (await publishOk(emu, commonModuleYaml("local-Lookup"))).flow.id,
    main: (await publishOk(emu, inboundCallYaml("local-Main", "", "local-Lookup"))).flow.id,
  };
  // What the engine leaves: the flows at r1's revisions again, recorded as r3, a rollback to r1.
  // Pulumi's record of the flows: after the emulator published them (what the stack's own client published since is a stopped run's).
  const modified = new Date(Date.now() + 60_000).toISOString();
  const after = stateOf(
    ids,
    modified,
    revisions(v1),
    nextHistory(history, {
      commit: r1Commit,
      dirty: false,
      time: "2026-11-27T12:00:00.000Z",
      revisions: revisions(v1),
      rollbackOf: "r1",
    }),
  );
  const states = [stateOf(ids, modified, revisions(v2), history), after];
  const reads: string[] = [];
  const out: string[] = [];
  const engineRuns: string[] = [];
  const io = emulatorRunIo(emu, STACK);
  const wiring: OperationWiring = {
    view: textView(
      (t) => out.push(t),
      (t) => out.push(t),
    ),
    environment: async () => ({ env: {} }),
    emulator: async () => ({ url: `http://127.0.0.1:${emu.port}` }),
    // The engine: the stack's program, in this process, with the operation's run.
    engine: async (e) => {
      engineRuns.push(`${e.command} ${e.run.source.rollbackOf ?? ""} ${path.relative(root, e.stackFile)}`);
      const session = await installMocks(STACK);
      pulumi.runtime.setAllConfig({ "genesys-flows:environment": "test", "genesys-flows:namePrefix": "local-" });
      const { runProgram, stackOutputs } = await import("../../components/program");
      const outputs = await valueOf(pulumi.output(stackOutputs(await runProgram(e.run))));
      await session.settled();
      return { ok: true, outputs: outputs as Record<string, unknown>, changes: { update: 1, same: 2 } };
    },
    io: {
      readSettings: () => settings(stackSettings),
      readExport: async () => {
        reads.push("state");
        return states[reads.length - 1];
      },
      connect: io.connect!,
    },
  };
  const plans = jest.spyOn(planner, "planPortfolio");
  const trace = path.join(root, ".work", "trace.jsonl");
  fs.mkdirSync(path.dirname(trace), { recursive: true });
  process.env[RUN_TRACE_ENV] = trace;
  let outcome: OperationOutcome;
  try {
    const request: OperationRequest = {
      command: "rollback",
      stack: STACK,
      root,
      to: "previous",
      person: "Ana On-Call",
    };
    outcome = await operate(request, wiring);
  } finally {
    delete process.env[RUN_TRACE_ENV];
  }
  const said = out.join("");
  expect(said).toContain(
    `Rollback of stack "local" to r1 (commit ${r1Commit.slice(0, 12)}, deployed 2026-11-27T10:00:00.000Z):\n  republish (2): modules/lookup, calls/main\n`,
  );
  expect(engineRuns).toEqual([`up r1 .work/rollback/local/r1/Pulumi.local.yaml`]);
  expect(reads).toEqual(["state", "state"]);
  expect(plans).toHaveBeenCalledTimes(1);
  const events = fs
    .readFileSync(trace, "utf8")
    .trim()
    .split("\n")
    .map((l) => (JSON.parse(l) as { event: string }).event);
  expect(
    Object.fromEntries(
      ["settings", "plan", "state", "state after", "sign-in"].map((e) => [e, events.filter((x) => x === e).length]),
    ),
  ).toEqual({ settings: 1, plan: 1, state: 1, "state after": 1, "sign-in": 1 });
  expect({ outcome, said }).toMatchObject({
    outcome: { code: 0 },
    said: expect.stringContaining('Stack "local" runs release r1 again (recorded as r3)'),
  });
});

it("two operations in one process: the second (dev) sees none of the first's (local) environment", async () => {
  const flows = { "modules/lookup": lookupModule(), "calls/main": callFlow("Main") };
  const root = tempProject(
    {
      ...Object.fromEntries(
        Object.entries(flows).map(([id, spec]) => [`flows/${id}.yaml`, flowText(spec as Record<string, unknown>)]),
      ),
      "policies/config/local.json": "{}",
      "policies/config/dev.json": "{}",
      // dev's own backend (its preflight reads it), and secrets that are not a passphrase's.
      "Pulumi.yaml": "name: genesys-flows\nruntime: nodejs\nbackend:\n  url: file://./.work/dev-state\n",
      "Pulumi.dev.yaml": "secretsprovider: awskms://alias/test\n",
    },
    { prefix: "operation-environments-" },
  );
  const gateway = { protocol: "http", host: "127.0.0.1", port: String(emu.port) };
  const events: OperationEvent[] = [];
  const engineEnv: Record<string, Record<string, string>> = {};
  const localBackend = `file://${root}/.work/local-state`;
  const wiring = (stack: string, env: Record<string, string>): OperationWiring => ({
    view: { show: (e) => events.push(e) },
    environment: async () => ({ env }),
    emulator: async () => ({ url: `http://127.0.0.1:${emu.port}` }),
    engine: async (e) => {
      engineEnv[stack] = e.env;
      return { ok: true };
    },
    io: {
      ...emulatorRunIo(emu, stack),
      readSettings: () => settings({ namePrefix: `${stack}-`, provider: { gateway }, accessToken: emu.accessToken }),
    },
  });
  const before = { ...process.env };
  const local = await operate(
    { command: "preview", stack: "local", root, fast: false },
    wiring("local", { PULUMI_BACKEND_URL: localBackend, GENESYS_FLOWS_OPERATION_MARK: "local" }),
  );
  expect(local).toEqual({ code: 0 });
  expect(engineEnv.local).toEqual({ PULUMI_BACKEND_URL: localBackend, GENESYS_FLOWS_OPERATION_MARK: "local" });
  expect(process.env).toEqual(before);
  events.length = 0;
  const dev = await operate({ command: "preview", stack: "dev", root, fast: false }, wiring("dev", {}));
  const progress = events.flatMap((e) => (e.type === "progress" ? [e.text] : [])).join("");
  // dev's preflight found dev's backend, not the local stack's, and its engine ran in dev's environment only.
  expect(progress).toContain(`[preflight] backend: file://./.work/dev-state (Pulumi.yaml backend.url)`);
  expect(progress).not.toContain(localBackend);
  expect({ dev, engine: engineEnv.dev }).toEqual({ dev: { code: 0 }, engine: {} });
});
