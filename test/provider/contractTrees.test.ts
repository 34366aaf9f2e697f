// Contract trees (issue 76.3): for every resource kind the emulator serves (contractTrees.ts),
// OpenTofu and the official provider build of the toolchain (the pinned v1.84.2, through a CLI dev
// override: nothing is downloaded, no `init` runs), each tree against a fresh emulator of its own:
// - working and updates: v1 applied, a plan that shows no change, v2 planned as a change, applied,
//   a no-op plan, destroy (the tree that only applied v1 and destroyed it is the first half of this);
// - misconfigured: apply fails, and the emulator refused it with the expected message (its request
//   log keeps a refusal's code and message; a flow's refusal is its failed publish job): a case the
//   provider's own schema refuses before any request would not pass.
// The flows of every kind make one tree (one resource each in one configuration, each step's
// outcome read per resource from tofu's -json messages): a tree per flow kind started OpenTofu and
// the provider seven times for each of them.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { runTofu, tofuCliConfig, tofuEnv, tofuToolchain, type TofuToolchain } from "../../bench/terraform";
import { CONTRACT_KINDS, FLOW_KINDS, FLOW_REFUSED, flowsConfig, type Config, type ContractKind } from "./contractTrees";

interface Tree {
  emu: RunningEmulator;
  dir: string;
  /** `tofu <args>`: its exit code and output. */
  tofu(...args: string[]): Promise<{ code: number; out: string }>;
  write(config: Config): void;
}

let tc: TofuToolchain;
const seconds: Array<[string, number]> = [];

async function withTree<T>(name: string, fn: (t: Tree) => Promise<T>): Promise<T> {
  const emu = await startEmulator({});
  const dir = mkdtempSync(join(tmpdir(), "contract-tree-"));
  writeFileSync(join(dir, "cli.tfrc"), tofuCliConfig(tc.providerSource, tc.providerDir));
  const env = { ...tofuEnv(join(dir, "cli.tfrc")), HOME: dir };
  // One token in the pool, as the local stack has it: the provider builds its pool's clients at once
  // (genesyscloud/provider/sdk_client_pool.go:253-268), each reading the gateway block, and with more
  // than one it can crash on "concurrent map writes" before any request.
  const provider = `terraform {\n  required_providers {\n    genesyscloud = { source = "${tc.providerSource}" }\n  }\n}\nprovider "genesyscloud" {\n  access_token = "${emu.accessToken}"\n  token_pool_size = 1\n  gateway {\n    protocol = "http"\n    host     = "127.0.0.1"\n    port     = "${emu.port}"\n  }\n}\n`;
  const tree: Tree = {
    emu,
    dir,
    // Asynchronous: the emulator answers in this process while tofu runs. The time limit only ends
    // a hung run: jest's own (5 min a test) comes first.
    tofu: (...args) => runTofu(tc, dir, args, { env, timeoutMs: 10 * 60_000 }),
    write(config) {
      writeFileSync(join(dir, "main.tf"), `${provider + config.hcl}\n`);
      for (const [file, text] of Object.entries(config.files ?? {})) writeFileSync(join(dir, file), text);
    },
  };
  const started = Date.now();
  try {
    return await fn(tree);
  } finally {
    seconds.push([name, (Date.now() - started) / 1000]);
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each step's exit code, and the output of a step that went otherwise than expected. */
async function step(t: Tree, what: string, args: string[], expected: number): Promise<string> {
  const r = await t.tofu(...args);
  return r.code === expected
    ? `${what}: ${r.code}`
    : `${what}: ${r.code} (expected ${expected})\n${r.out.slice(-4000)}`;
}
const apply = (t: Tree, what: string) => step(t, what, ["apply", "-auto-approve"], 0);
// -detailed-exitcode: 0 is no change, 2 is a change.
const noopPlan = (t: Tree, what: string) => step(t, what, ["plan", "-detailed-exitcode"], 0);
const destroy = (t: Tree) => step(t, "destroy", ["destroy", "-auto-approve"], 0);

/** What one -json run of tofu did to each resource: its actions (planned or applied) and its errors, by address. */
interface JsonStep {
  what: string;
  code: number;
  expected: number;
  actions: Map<string, string>;
  errors: Map<string, string>;
  out: string;
}

async function jsonStep(t: Tree, what: string, args: string[], expected: number): Promise<JsonStep> {
  const r = await t.tofu(...args, "-json");
  const actions = new Map<string, string>();
  const errors = new Map<string, string>();
  for (const line of r.out.split("\n")) {
    if (!line.startsWith("{")) continue;
    const m = JSON.parse(line) as {
      type?: string;
      change?: { resource?: { addr?: string }; action?: string };
      hook?: { resource?: { addr?: string }; action?: string };
      diagnostic?: { severity?: string; summary?: string; address?: string };
    };
    if (m.type === "planned_change" && m.change?.resource?.addr)
      actions.set(m.change.resource.addr, m.change.action ?? "?");
    if (m.type === "apply_complete" && m.hook?.resource?.addr) actions.set(m.hook.resource.addr, m.hook.action ?? "?");
    if (m.type === "diagnostic" && m.diagnostic?.severity === "error" && m.diagnostic.address)
      errors.set(m.diagnostic.address, m.diagnostic.summary ?? "");
  }
  return { what, code: r.code, expected, actions, errors, out: r.out };
}

/** A step as one resource saw it: its exit code and what it did to the resource (the output's end when the code was not the expected one). */
function seenBy(s: JsonStep, address: string): string {
  const seen = `${s.what}: ${s.code} ${s.actions.get(address) ?? "no change"}`;
  return s.code === s.expected ? seen : `${seen} (expected ${s.expected})\n${s.out.slice(-4000)}`;
}

/** What the emulator refused during the tree: refused requests' messages and failed publish jobs' messages. */
function refusals(emu: RunningEmulator): string[] {
  const requests = emu.requestLog
    .list()
    .flatMap((e) =>
      e.refused && e.status >= 400 ? [`${e.method} ${e.path} ${e.status} ${e.refused.code}: ${e.refused.message}`] : [],
    );
  const jobs = emu.jobs
    .list()
    .flatMap((j) => (j.status === "Failure" ? j.messages.map((m) => `publish job ${j.id}: ${m.type}: ${m.text}`) : []));
  return [...requests, ...jobs];
}

beforeAll(() => {
  tc = tofuToolchain();
});

afterAll(() => {
  process.stdout.write(
    `contract trees: ${seconds.length} trees, ${seconds.reduce((n, [, s]) => n + s, 0).toFixed(1)} s\n${seconds.map(([n, s]) => `  ${s.toFixed(1)} s ${n}`).join("\n")}\n`,
  );
});

describe("genesyscloud_flow: a flow of every kind in one configuration", () => {
  const steps: JsonStep[] = [];
  let misconfigured: {
    step: JsonStep;
    refused: string[];
    failedJobs: Array<{ flowName: string | undefined; messages: string[] }>;
  };

  beforeAll(async () => {
    await withTree("genesyscloud_flow (every kind) updates", async (t) => {
      t.write(flowsConfig("v1"));
      steps.push(await jsonStep(t, "apply v1", ["apply", "-auto-approve"], 0));
      steps.push(await jsonStep(t, "plan v1", ["plan", "-detailed-exitcode"], 0));
      t.write(flowsConfig("v2"));
      // v2 is a change: its plan must show one before it is applied.
      steps.push(await jsonStep(t, "plan v2 before apply", ["plan", "-detailed-exitcode"], 2));
      steps.push(await jsonStep(t, "apply v2", ["apply", "-auto-approve"], 0));
      steps.push(await jsonStep(t, "plan v2", ["plan", "-detailed-exitcode"], 0));
      steps.push(await jsonStep(t, "destroy", ["destroy", "-auto-approve"], 0));
    });
    misconfigured = await withTree("genesyscloud_flow (every kind) misconfigured", async (t) => {
      t.write(flowsConfig("misconfigured"));
      const step = await jsonStep(t, "apply", ["apply", "-auto-approve"], 1);
      const failedJobs = t.emu.jobs
        .list()
        .flatMap((j) =>
          j.status === "Failure"
            ? [{ flowName: j.flowName, messages: j.messages.map((m) => `${m.type}: ${m.text}`) }]
            : [],
        );
      return { step, refused: refusals(t.emu), failedJobs };
    });
  });

  describe.each(FLOW_KINDS.map((k): [string, (typeof FLOW_KINDS)[number]] => [k.kind, k]))(
    "genesyscloud_flow (%s)",
    (_kind, { address, misconfiguredName }) => {
      it("working and updates: v1, a no-op plan, v2, a no-op plan, destroy", () => {
        expect(steps.map((s) => seenBy(s, address))).toEqual([
          "apply v1: 0 create",
          "plan v1: 0 no change",
          "plan v2 before apply: 2 update",
          "apply v2: 0 update",
          "plan v2: 0 no change",
          "destroy: 0 delete",
        ]);
      });

      it("misconfigured: apply fails on it, refused by the emulator with the expected message", () => {
        const { step, refused, failedJobs } = misconfigured;
        const ownJob = failedJobs.filter(
          (j) => j.flowName === misconfiguredName && j.messages.some((m) => FLOW_REFUSED.test(m)),
        );
        const seen = { code: step.code, errored: step.errors.has(address), refused: ownJob.length > 0 };
        expect(
          seen.code === 1 && seen.errored && seen.refused
            ? seen
            : { ...seen, refusals: refused, out: step.out.slice(-3000) },
        ).toEqual({ code: 1, errored: true, refused: true });
      });
    },
  );
});

describe.each(CONTRACT_KINDS.map((k): [string, ContractKind] => [k.name, k]))("%s", (name, kind) => {
  it("working and updates: v1, a no-op plan, v2, a no-op plan, destroy", async () => {
    const steps = await withTree(`${name} updates`, async (t) => {
      t.write(kind.v1);
      const first = [await apply(t, "apply v1"), await noopPlan(t, "plan v1")];
      t.write(kind.v2);
      // v2 is a change: its plan must show one before it is applied.
      const changes = await step(t, "plan v2 before apply", ["plan", "-detailed-exitcode"], 2);
      return [...first, changes, await apply(t, "apply v2"), await noopPlan(t, "plan v2"), await destroy(t)];
    });
    expect(steps).toEqual([
      "apply v1: 0",
      "plan v1: 0",
      "plan v2 before apply: 2",
      "apply v2: 0",
      "plan v2: 0",
      "destroy: 0",
    ]);
  });

  it("misconfigured: apply fails, refused by the emulator with the expected message", async () => {
    const { code, out, refused } = await withTree(`${name} misconfigured`, async (t) => {
      t.write(kind.misconfigured);
      const r = await t.tofu("apply", "-auto-approve");
      return { ...r, refused: refusals(t.emu) };
    });
    expect({
      code,
      matching:
        refused.filter((m) => kind.refused.test(m)).length > 0
          ? "refused as expected"
          : { refused, out: out.slice(-3000) },
    }).toEqual({ code: 1, matching: "refused as expected" });
  });
});
