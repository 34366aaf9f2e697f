// The runs the tests hand the stack program and the guards: under Pulumi mocks (run/engineRun.ts
// engineRun's `io`), no state yet and the org an emulator on 127.0.0.1 answers, signed in with its
// token whatever credentials the stack's settings carry; for a guard's own test, a run over a
// temporary project with the state and policy config the test gives. Guards then read a real org.
import { startEmulator, type RunningEmulator } from "../emulator/server";
import { connectToOrg } from "../org/signIn";
import { join } from "node:path";
import { StackRun } from "../run/stackRun";
import type { RunEvent, RunIo } from "../run/runIo";
import type { DeployedFlow } from "../org/model";
import { orgObjectsNamedIn } from "./harness";
import { flowText, settings, tempProject, type FlowSpec } from "./portfolio";

/** An emulator whose org has every object the project's flows name under `stack` (none when they do not plan). */
export function emulatorFor(root: string, stack: string): Promise<RunningEmulator> {
  return startEmulator({ org: orgObjectsNamedIn(root, stack) });
}

export function emulatorRunIo(emu: RunningEmulator, stack = "test"): Partial<RunIo> {
  return {
    readExport: async () => undefined,
    connect: (settings) =>
      connectToOrg({
        stack,
        settings: {
          ...settings,
          provider: { ...settings.provider, gateway: { protocol: "http", host: "127.0.0.1", port: String(emu.port) } },
          accessToken: emu.accessToken,
        },
        env: {},
      }),
  };
}

/** What a guard's test hands its run. */
export interface GuardRunInput {
  /** Flow files by id (`calls/sales` -> flows/calls/sales.yaml). */
  flows: Record<string, FlowSpec>;
  /** Routing files by path under routing/, org object files by path under objects/ (text). */
  routing?: Record<string, string>;
  objects?: Record<string, string>;
  /** The stack's settings (bare keys; `environment: test` by default). */
  settings?: Record<string, unknown>;
  /** The state's JSON (`pulumi stack export`); none: the stack deployed nothing yet. */
  state?: string;
  /** The policy config of the stack (the temp project's policies/config/<stack>.json); default: nothing enforced. */
  policy?: Record<string, unknown>;
}

/** A run of stack "test" over a temporary project, reading the given state and signing in to `emu`; `events` counts its reads. */
export function guardRun(emu: RunningEmulator, input: GuardRunInput): { run: StackRun; events: RunEvent[] } {
  const files: Record<string, string> = { "policies/config/test.json": JSON.stringify(input.policy ?? {}) };
  for (const [id, spec] of Object.entries(input.flows)) files[`flows/${id}.yaml`] = flowText(spec);
  for (const root of ["routing", "objects"] as const) {
    for (const [file, text] of Object.entries(input[root] ?? {})) files[`${root}/${file}`] = text;
  }
  const root = tempProject(files, { prefix: "guard-run-" });
  const events: RunEvent[] = [];
  const io = emulatorRunIo(emu);
  const run = new StackRun({
    stack: "test",
    root,
    source: { commit: "0000000", dirty: false, sourcesRoot: root },
    policyDir: join(root, "policies/config"),
    io: { readSettings: () => settings(input.settings), readExport: async () => input.state, connect: io.connect! },
    trace: (e) => events.push(e),
  });
  return { run, events };
}

/** A flow as a state records it: the component's facts and revision, and its genesyscloud Flow. */
export interface RecordedFlow
  extends Pick<DeployedFlow, "id" | "kind" | "publishedName" | "flowId" | "revision" | "modified"> {
  /** The ids of the modules it calls. */
  calls?: string[];
}

/** The JSON `pulumi stack export` prints for a stack that deployed `flows` (components and their Flows only). */
export function recordedState(flows: readonly RecordedFlow[], stack = "test"): string {
  const resources = flows.flatMap((f) => {
    const type = f.kind === "commonModule" ? "CommonModule" : "InteractionFlow";
    const urn = `urn:pulumi:${stack}::genesys-flows::genesys-flows:index:${type}::${f.id}`;
    const facts = {
      id: f.id,
      file: `flows/${f.id}.yaml`,
      kind: f.kind,
      publishedName: f.publishedName,
      calls: (f.calls ?? []).map((c) => ({ id: c, name: c, publishedName: c })),
    };
    return [
      { urn, type: `genesys-flows:index:${type}`, outputs: { facts, revision: f.revision, flowId: f.flowId } },
      {
        urn: `urn:pulumi:${stack}::genesys-flows::genesys-flows:index:${type}$genesyscloud:index/flow:Flow::${f.id}`,
        type: "genesyscloud:index/flow:Flow",
        id: f.flowId,
        parent: urn,
        modified: f.modified ?? "2026-11-27T10:00:00.000Z",
      },
    ];
  });
  return JSON.stringify({ deployment: { resources } });
}
