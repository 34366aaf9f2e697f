// The fast no-op's decision (run/noopDecision.ts): with everything as the last up left it, the
// answer is "nothing changes"; each doubt, alone, sends the run to the engine with its own words.
// And the input digests (run/fastNoop.ts): each group changes with its own files only.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  flagDoubt,
  localDoubt,
  orgDoubt,
  stateFlows,
  type LocalEvidence,
  type NoopFingerprint,
} from "../../run/noopDecision";
import { fastNoop, inputDigests, recordFingerprint } from "../../run/fastNoop";
import { StackRun } from "../../run/stackRun";
import { sha256 } from "../../planner/revisions";
import type { OrgFlow, OrgVersion } from "../../org/model";

const HASH = "a".repeat(64);
const COMPONENT_URN = "urn:pulumi:local::genesys-flows::genesys-flows:index:CommonModule::modules/lookup";
const FLOW_URN =
  "urn:pulumi:local::genesys-flows::genesys-flows:index:CommonModule$genesyscloud:index/flow:Flow::modules/lookup";

/** A state of one deployed module, its release recording version "3.0"; `edit` changes the document. */
function stateText(
  edit: (doc: { deployment: Record<string, unknown> & { resources: Array<Record<string, unknown>> } }) => void = () =>
    undefined,
): string {
  const doc = {
    deployment: {
      resources: [
        {
          urn: "urn:pulumi:local::genesys-flows::pulumi:pulumi:Stack::genesys-flows-local",
          type: "pulumi:pulumi:Stack",
          outputs: {
            flows: [{ name: "local-Lookup" }],
            releases: [
              {
                id: "r1",
                commit: "c",
                dirty: false,
                time: "2026-11-27T00:00:00Z",
                flows: { "modules/lookup": { revision: "r-lookup", version: "3.0" } },
              },
            ],
          },
        },
        {
          urn: COMPONENT_URN,
          type: "genesys-flows:index:CommonModule",
          outputs: {
            facts: {
              id: "modules/lookup",
              file: "flows/modules/lookup.yaml",
              kind: "commonModule",
              publishedName: "local-Lookup",
              calls: [],
            },
            revision: "r-lookup",
            flowId: "gid-lookup",
          },
        },
        {
          urn: FLOW_URN,
          type: "genesyscloud:index/flow:Flow",
          id: "gid-lookup",
          parent: COMPONENT_URN,
          inputs: { name: "local-Lookup", filepath: ".work/compiled/local/modules/lookup.yaml" },
          outputs: {
            name: "local-Lookup",
            filepath: ".work/compiled/local/modules/lookup.yaml",
            fileContentHash: HASH,
          },
        },
      ],
    },
  };
  edit(doc);
  return JSON.stringify(doc);
}

const INPUTS = { "the flow files": "f1", "the routing files": "r1" };

function evidence(over: Partial<LocalEvidence> = {}, recordedOver: Partial<NoopFingerprint> = {}): LocalEvidence {
  const text = over.stateText ?? stateText();
  const recorded: NoopFingerprint = {
    format: 1,
    stack: "local",
    code: "build-1",
    backend: "file:///p/.work/state",
    inputs: INPUTS,
    state: sha256(text),
    flows: ["modules/lookup gid-lookup r-lookup"],
    ...recordedOver,
  };
  return {
    stack: "local",
    code: "build-1",
    backend: "file:///p/.work/state",
    inputs: INPUTS,
    recorded,
    stateText: text,
    compiledHash: () => HASH,
    ...over,
  };
}

const doubtOf = (e: LocalEvidence): string | undefined => {
  const r = localDoubt(e);
  return "doubt" in r ? r.doubt : undefined;
};

const version = (id: string, at = 1000): OrgVersion => ({ id, dateCreated: at }) as OrgVersion;
const orgOf = (over: Partial<OrgFlow> = {}): Map<string, OrgFlow> =>
  new Map([
    [
      "gid-lookup",
      { flowId: "gid-lookup", name: "local-Lookup", type: "COMMONMODULE", publishedVersion: version("3.0"), ...over },
    ],
  ]);

describe("the fast no-op's decision", () => {
  it("nothing can have changed: no doubt, and the org running the recorded versions raises none", () => {
    const state = localDoubt(evidence());
    if ("doubt" in state) throw new Error(state.doubt);
    expect(stateFlows(state.deployment)).toEqual(["modules/lookup gid-lookup r-lookup"]);
    expect(state.outputs.flows).toEqual([{ name: "local-Lookup" }]);
    expect(orgDoubt(state, orgOf())).toBeUndefined();
  });

  it.each<[string, LocalEvidence, RegExp]>([
    ["no fingerprint", { ...evidence(), recorded: undefined }, /no successful up of this command line is recorded/],
    ["no build id", evidence({ code: undefined }), /runs from its sources/],
    ["another build", evidence({}, { code: "build-0" }), /rebuilt since the last up/],
    ["another backend", evidence({ backend: "s3://bucket" }), /backend is not the one of the last up/],
    ["a state not in the file backend", evidence({ stateText: undefined }), /does not read straight from its backend/],
    [
      "a flow file changed",
      evidence({ inputs: { ...INPUTS, "the flow files": "f2" } }),
      /^the flow files changed since the last up/,
    ],
    [
      "a routing file changed",
      evidence({ inputs: { ...INPUTS, "the routing files": "r2" } }),
      /^the routing files changed/,
    ],
    [
      "an input group new",
      evidence({ inputs: { ...INPUTS, "the stack file Pulumi.local.yaml": "s" } }),
      /^the stack file Pulumi.local.yaml changed/,
    ],
    ["the state rewritten", evidence({}, { state: sha256("{}") }), /state changed since the last up/],
    [
      "a pending operation",
      evidence({
        stateText: stateText(
          (d) => (d.deployment.pending_operations = [{ type: "updating", resource: { urn: FLOW_URN } }]),
        ),
      }),
      /pending operations/,
    ],
    [
      "an interrupted flow",
      evidence({
        stateText: stateText(
          (d) =>
            (d.deployment.resources[1] = {
              urn: COMPONENT_URN,
              type: "genesys-flows:index:CommonModule",
              inputs: (d.deployment.resources[1] as { outputs: { facts: unknown } }).outputs,
            }),
        ),
      }),
      /interrupted/,
    ],
    [
      "a create that never finished",
      evidence({
        stateText: stateText((d) =>
          d.deployment.resources.push({
            urn: `${COMPONENT_URN}2`,
            type: "genesys-flows:index:CommonModule",
            outputs: { facts: { id: "x", publishedName: "local-X" } },
          }),
        ),
      }),
      /a create of .* never finished/,
    ],
    [
      "a rollout in waves",
      evidence({
        stateText: stateText((d) =>
          d.deployment.resources.push({
            type: "genesys-flows:index:WaveRollout",
            inputs: { module: "modules/lookup", revision: "r", started: 1 },
          }),
        ),
      }),
      /rollout in waves/,
    ],
    [
      "a rollback",
      evidence({
        stateText: stateText(
          (d) =>
            ((
              d.deployment.resources[0].outputs as { releases: Array<Record<string, unknown>> }
            ).releases[0].rollbackOf = "r1"),
        ),
      }),
      /runs a rollback to r1/,
    ],
    [
      "releases that do not read",
      evidence({
        stateText: stateText(
          (d) => ((d.deployment.resources[0].outputs as Record<string, unknown>).releases = [{ id: 5 }]),
        ),
      }),
      /releases do not read/,
    ],
    [
      "other flows recorded",
      evidence({}, { flows: ["modules/lookup gid-other r-lookup"] }),
      /not the ones the last up recorded/,
    ],
    [
      "a compiled file changed",
      evidence({ compiledHash: () => "b".repeat(64) }),
      /lookup.yaml is not the file flow local-Lookup was published from/,
    ],
    [
      "a compiled file missing",
      evidence({ compiledHash: () => undefined }),
      /is not the file flow local-Lookup was published from/,
    ],
  ])("falls back to the engine: %s", (_, e, doubt) => {
    expect(doubtOf(e)).toMatch(doubt);
  });

  it("a flow the stack only reads (adopted) has no compiled file to compare: no doubt from it", () => {
    const text = stateText((d) =>
      Object.assign(d.deployment.resources[2], { external: true, inputs: {}, outputs: { name: "local-Lookup" } }),
    );
    expect(doubtOf(evidence({ stateText: text, compiledHash: () => undefined }))).toBeUndefined();
  });

  it.each<[string, Partial<OrgFlow> | "gone", RegExp]>([
    ["the flow gone from the org", "gone", /local-Lookup is not in the org/],
    ["the flow deleted", { deleted: true }, /not in the org/],
    ["a lock", { lock: { user: { id: "u1", name: "Pat" } } }, /locked in the org/],
    ["a draft newer than the published version", { savedVersion: version("4.0", 2000) }, /has a draft in the org/],
    [
      "another published version",
      { publishedVersion: version("4.0", 2000) },
      /publishes version 4.0 in the org, the stack recorded 3.0/,
    ],
  ])("falls back to the engine when the org shows %s", (_, over, doubt) => {
    const state = localDoubt(evidence());
    if ("doubt" in state) throw new Error(state.doubt);
    expect(orgDoubt(state, over === "gone" ? new Map() : orgOf(over))).toMatch(doubt);
  });

  it("falls back when the last release records no version of a flow", () => {
    const e = evidence({
      stateText: stateText(
        (d) =>
          ((
            d.deployment.resources[0].outputs as { releases: Array<{ flows: Record<string, unknown> }> }
          ).releases[0].flows["modules/lookup"] = { revision: "r-lookup" }),
      ),
    });
    const state = localDoubt(e);
    if ("doubt" in state) throw new Error(state.doubt);
    expect(orgDoubt(state, orgOf())).toMatch(/records no published version of flow local-Lookup/);
  });

  it("falls back for the engine options that read or act beyond the diff, not for the others", () => {
    expect(flagDoubt({ refresh: true })).toBe("--refresh asks the engine");
    expect(flagDoubt({ target: ["urn:x"] })).toBe("--target asks the engine");
    expect(flagDoubt({ replace: ["urn:x"] })).toBe("--replace asks the engine");
    expect(flagDoubt({ exclude: ["urn:x"], excludeDependents: true })).toBe("--exclude asks the engine");
    expect(flagDoubt({ targetDependents: true })).toBe("--target-dependents asks the engine");
    expect(flagDoubt({ showOutputs: true })).toBe("--show-outputs asks the engine");
    expect(flagDoubt({})).toBeUndefined();
    expect(
      flagDoubt({ diff: true, message: "m", parallel: 4, expectNoChanges: true } as Record<string, unknown>),
    ).toBeUndefined();
  });
});

describe("the input digests", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "fastnoop-"));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    };
    write("flows/a.yaml", "name: A\n");
    write("routing/ivr.yaml", "kind: ivr\n");
    write("Pulumi.local.yaml", "config: {}\n");
    write("Pulumi.yaml", "name: genesys-flows\n");
    write("policies/config/local.json", "{}\n");
    write("package-lock.json", "{}\n");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const runOf = (rollbackOf?: string) =>
    new StackRun({
      stack: "local",
      root: dir,
      source: { commit: "", dirty: false, sourcesRoot: dir, ...(rollbackOf ? { rollbackOf } : {}) },
      io: {
        readSettings: () => ({}) as never,
        readExport: async () => undefined,
        connect: () => Promise.reject(new Error("no org in this test")),
      },
    });

  it("the doubts before the state: --no-fast, an engine option, a rollback, sources that do not read, no fingerprint", async () => {
    const ask = async (run: StackRun, more: { fast?: boolean; flags?: Record<string, unknown> } = {}) => {
      const a = await fastNoop(run, {
        code: "b",
        env: {},
        flags: more.flags ?? {},
        ...(more.fast !== undefined ? { fast: more.fast } : {}),
      });
      return a.noop ? "noop" : a.doubt;
    };
    expect(await ask(runOf(), { fast: false })).toBe("--no-fast");
    expect(await ask(runOf(), { flags: { refresh: true } })).toBe("--refresh asks the engine");
    expect(await ask(runOf("r1"))).toBe("a rollback deploys a release's sources");
    expect(await ask(runOf())).toMatch(/no successful up of this command line is recorded/);
    fs.rmSync(path.join(dir, "flows"), { recursive: true });
    expect(await ask(runOf())).toMatch(/^the sources do not read \(/);
  });

  it("an up records nothing without a build, when the sources changed during it, or off the file backend", async () => {
    const before = inputDigests(dir, dir, "local", {});
    expect(await recordFingerprint(runOf(), { code: undefined, env: {}, before })).toBe("no precompiled build");
    fs.writeFileSync(path.join(dir, "flows/a.yaml"), "name: B\n");
    expect(await recordFingerprint(runOf(), { code: "b", env: {}, before })).toBe("the sources changed during the run");
    const now = inputDigests(dir, dir, "local", {});
    const unread = "the state does not read straight from its backend";
    expect(await recordFingerprint(runOf(), { code: "b", env: {}, before: now })).toBe(unread);
  });

  it("each group changes with its own files and its own environment only", () => {
    const before = inputDigests(dir, dir, "local", { PATH: "/bin" });
    const changed = (edit: () => void, env: NodeJS.ProcessEnv = { PATH: "/bin" }) => {
      edit();
      const after = inputDigests(dir, dir, "local", env);
      return Object.keys(after).filter((k) => after[k] !== before[k]);
    };
    expect(changed(() => undefined, { PATH: "/usr/bin" })).toEqual([]);
    expect(changed(() => undefined, { PATH: "/bin", GENESYSCLOUD_REGION: "eu-west-1" })).toEqual([
      "the provider's environment (GENESYSCLOUD_*)",
    ]);
    expect(changed(() => fs.writeFileSync(path.join(dir, "routing/ivr.yaml"), "kind: ivr \n"))).toEqual([
      "the routing files",
    ]);
    expect(changed(() => fs.writeFileSync(path.join(dir, "flows/b.yaml"), ""))).toEqual([
      "the flow files",
      "the routing files",
    ]);
    expect(changed(() => fs.writeFileSync(path.join(dir, "policies/config/local.json"), "{ }\n"))).toContain(
      "the policy config policies/config/local.json",
    );
    expect(changed(() => fs.rmSync(path.join(dir, "Pulumi.local.yaml")))).toContain("the stack file Pulumi.local.yaml");
  });

  it("the team's program: index.ts, components/ and what they import inside the repository, nothing else", () => {
    const program = "the program (index.ts, components/ and what they import)";
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    write("index.ts", 'import { holidays } from "./components/holidays";\nexport = async () => holidays();\n');
    write(
      "components/holidays.ts",
      'import { rows } from "../data/rows";\nimport * as sdk from "genesys-flows/genesyscloud";\n',
    );
    write("data/rows.ts", "export const rows = [1];\n");
    write("data/unused.ts", "export const unused = 1;\n");
    write("components/README.md", "# components\n");
    let before = inputDigests(dir, dir, "local", {});
    expect(Object.keys(before)).toContain(program);
    /** What changed since the last call. */
    const changed = (edit: () => void) => {
      edit();
      const after = inputDigests(dir, dir, "local", {});
      const keys = Object.keys(after).filter((k) => after[k] !== before[k]);
      before = after;
      return keys;
    };
    expect(changed(() => write("data/unused.ts", "export const unused = 2;\n"))).toEqual([]);
    expect(changed(() => write("components/holidays.ts", "// edited\n"))).toEqual([program]);
    changed(() => write("components/holidays.ts", 'import { rows } from "../data/rows";\n'));
    expect(changed(() => write("data/rows.ts", "export const rows = [2];\n"))).toEqual([program]);
    expect(changed(() => write("components/queues.ts", "export {};\n"))).toEqual([program]);
    expect(changed(() => write("index.ts", "export = async () => ({});\n"))).toEqual([program]);
  });

  it("the tool's own folder: its program is its build id, not a digest", () => {
    expect(Object.keys(inputDigests(path.resolve(__dirname, "../.."), dir, "local", {}))).not.toContain(
      "the program (index.ts, components/ and what they import)",
    );
  });
});
