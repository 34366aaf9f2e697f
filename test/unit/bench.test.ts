// The benchmark's generators (bench/flows.ts): its portfolio plans, and the set it expects a module
// change to republish (worked out from the generator) is the set whose revision the planner changes.
import { failureText } from "../../bench/failureText";
import {
  affectedBy,
  BENCH_SUBSTITUTIONS,
  benchPortfolio,
  caller,
  CHANGED_MODULE,
  changedLookupText,
  changedModuleText,
  syntheticInbound,
  MODULE_FILES,
  withLeadingNodes,
} from "../../bench/flows";
import { callFlow } from "../../testkit/fixtures";
import { classify } from "../../bench/procs";
import { resourcesSummary } from "../../bench/timedRun";
import { tofuCliConfig, tofuConfig } from "../../bench/terraform";
import { countKinds, firstDeployRequests, requestKind } from "../../bench/requests";
import { planPortfolio, type FlowSource } from "../../planner/portfolio";
import { parseStackSettings } from "../../planner/stackSettings";
import { runPipeline } from "../../planner/pipeline";
import type { RequestLogEntry } from "../../emulator/requestLog";

const settings = parseStackSettings(
  { environment: "local", namePrefix: "local-", substitutions: BENCH_SUBSTITUTIONS },
  "bench",
);
const sourcesOf = (files: Record<string, string>): FlowSource[] =>
  Object.entries(files).map(([file, text]) => ({ id: file.replace(/\.yaml$/, ""), file: `flows/${file}`, text }));
const callFlowObject = () => callFlow("Sales", "Verify", "number", "Sales");
const plan = (files: Record<string, string>) => planPortfolio({ stack: "local", settings, sources: sourcesOf(files) });

describe("bench portfolio", () => {
  it("has two modules and N callers of four kinds, and plans", () => {
    const p = plan(benchPortfolio(8));
    expect(p.flows).toHaveLength(10);
    expect(p.flows.slice(0, 2).map((f) => f.model.name)).toEqual(["Lookup", "Verify"]);
    expect(new Set(p.flows.map((f) => f.model.kind))).toEqual(
      new Set(["commonModule", "inboundCall", "inboundEmail", "inboundShortMessage"]),
    );
    expect(caller(1).kind).toBe("call-verify");
    expect(caller(5).kind).toBe("call-verify");
  });

  it.each([1, 4, 10])("a change to Verify changes the revision of exactly affectedBy (N = %i)", (n) => {
    const files = benchPortfolio(n);
    const before = new Map(plan(files).flows.map((f) => [f.model.name, f.revision]));
    const changed = {
      ...files,
      [CHANGED_MODULE.file]: changedModuleText(files[CHANGED_MODULE.file], "Changed prompt."),
    };
    const moved = plan(changed)
      .flows.filter((f) => before.get(f.model.name) !== f.revision)
      .map((f) => f.model.name)
      .sort();
    expect(moved).toEqual(affectedBy("Verify", n));
    expect(moved.length).toBeLessThan(n + 2);
  });

  it("with extra caller nodes, every caller has that many nodes more, calls the same modules and plans without a problem; the set a change republishes is the same", () => {
    const small = plan(benchPortfolio(4));
    const big = plan(benchPortfolio(4, 50));
    const checked = runPipeline({ sources: sourcesOf(benchPortfolio(4, 50)), stack: { name: "local", settings } });
    expect(checked.findings.map((f) => `${f.ruleId} ${f.file}: ${f.message}`)).toEqual([]);
    expect(checked.compiled).toHaveLength(6);
    const nodes = (p: typeof small) => new Map(p.flows.map((f) => [f.model.name, Object.keys(f.model.nodes).length]));
    const [before, after] = [nodes(small), nodes(big)];
    for (const [name, count] of before)
      expect(after.get(name)).toBe(name === "Lookup" || name === "Verify" ? count : count + 50);
    expect(big.flows.map((f) => f.calls)).toEqual(small.flows.map((f) => f.calls));
    const files = benchPortfolio(4, 50);
    const revisions = new Map(big.flows.map((f) => [f.model.name, f.revision]));
    const changed = {
      ...files,
      [CHANGED_MODULE.file]: changedModuleText(files[CHANGED_MODULE.file], "Changed prompt."),
    };
    const moved = plan(changed)
      .flows.filter((f) => revisions.get(f.model.name) !== f.revision)
      .map((f) => f.model.name)
      .sort();
    expect(moved).toEqual(affectedBy("Verify", 4));
    expect(JSON.stringify(big.flows[2].model).length).toBeGreaterThan(5 * JSON.stringify(small.flows[2].model).length);
  });

  it("refuses extra caller nodes outside 0..MAX_CALLER_NODES", () => {
    expect(() => withLeadingNodes(callFlowObject(), -1)).toThrow(/0\.\.2000/);
    expect(() => withLeadingNodes(callFlowObject(), 2001)).toThrow(/0\.\.2000/);
    expect(() => withLeadingNodes(callFlowObject(), 1.5)).toThrow(/0\.\.2000/);
    expect(withLeadingNodes(callFlowObject(), 0)).toEqual(callFlowObject());
  });

  it("a change to Lookup reaches every flow", () => {
    expect(affectedBy("Lookup", 6)).toHaveLength(8);
  });

  it.each([1, 6])(
    "the cascade round's change to Lookup changes the revision of exactly affectedBy('Lookup'): every flow (N = %i)",
    (n) => {
      const files = benchPortfolio(n);
      const before = new Map(plan(files).flows.map((f) => [f.model.name, f.revision]));
      const changed = { ...files, "modules/lookup.yaml": changedLookupText(files["modules/lookup.yaml"], "K-") };
      expect(changed["modules/lookup.yaml"]).toContain('Append("K-", Right(Common.address, 4))');
      const moved = plan(changed)
        .flows.filter((f) => before.get(f.model.name) !== f.revision)
        .map((f) => f.model.name)
        .sort();
      expect(moved).toEqual(affectedBy("Lookup", n));
      expect(moved).toHaveLength(n + 2);
    },
  );

  it("synthetic flows of the core scenarios plan (1,900 nodes: the largest, under the compiler's cap)", () => {
    const p = plan({ ...MODULE_FILES, "calls/synthetic.yaml": syntheticInbound("Synthetic", 1900) });
    expect(p.flows).toHaveLength(3);
  });
});

describe("bench Terraform anchor (bench/terraform.ts)", () => {
  const flows = plan(benchPortfolio(3)).flows.map((f) => ({ key: f.id, yaml: f.substitutedYaml, dependsOn: f.calls }));
  const gateway = { port: 40123, signIn: { accessToken: "token-1" } };

  it("declares one genesyscloud_flow per compiled flow, each depending on the modules it calls, with the stack's provider settings", () => {
    const config = JSON.parse(tofuConfig(flows, gateway, "mypurecloud/genesyscloud")) as {
      terraform: { required_providers: { genesyscloud: { source: string } } };
      provider: {
        genesyscloud: {
          access_token: string;
          token_pool_size: number;
          gateway: Array<{ protocol: string; host: string; port: string }>;
        };
      };
      resource: {
        genesyscloud_flow: Record<string, { filepath: string; force_unlock: boolean; depends_on?: string[] }>;
      };
    };
    expect(config.terraform.required_providers.genesyscloud.source).toBe("mypurecloud/genesyscloud");
    expect(config.provider.genesyscloud).toEqual({
      access_token: "token-1",
      token_pool_size: 1,
      gateway: [{ protocol: "http", host: "127.0.0.1", port: "40123" }],
    });
    const pooled = JSON.parse(tofuConfig(flows, gateway, "mypurecloud/genesyscloud", 10)) as typeof config;
    expect(pooled.provider.genesyscloud.token_pool_size).toBe(10);
    // --client-credentials: the OAuth client instead of the token, so each pooled client signs in for a token (and a rate budget) of its own.
    const client = JSON.parse(
      tofuConfig(
        flows,
        { port: 40123, signIn: { clientId: "id-1", clientSecret: "secret-1" } },
        "mypurecloud/genesyscloud",
        10,
      ),
    ) as {
      provider: { genesyscloud: Record<string, unknown> };
    };
    expect(client.provider.genesyscloud).toEqual({
      oauthclient_id: "id-1",
      oauthclient_secret: "secret-1",
      token_pool_size: 10,
      gateway: [{ protocol: "http", host: "127.0.0.1", port: "40123" }],
    });
    const resources = config.resource.genesyscloud_flow;
    expect(Object.keys(resources)).toHaveLength(flows.length);
    const files = Object.values(resources).map((r) => r.filepath);
    expect(new Set(files).size).toBe(flows.length);
    // Every caller depends on exactly the resources of the modules it calls.
    const nameOf = new Map(flows.map((f, i) => [f.key, Object.keys(resources)[i]]));
    flows.forEach((f, i) => {
      const r = Object.values(resources)[i];
      expect(r.depends_on ?? []).toEqual(f.dependsOn.map((d) => `genesyscloud_flow.${nameOf.get(d)}`));
    });
    expect(flows.some((f) => f.dependsOn.length > 0)).toBe(true);
  });

  it("is deterministic and refuses a dependency on a flow it does not hold", () => {
    expect(tofuConfig(flows, gateway, "mypurecloud/genesyscloud")).toBe(
      tofuConfig(flows, gateway, "mypurecloud/genesyscloud"),
    );
    const broken = [{ ...flows[flows.length - 1], dependsOn: ["modules/missing"] }];
    expect(() => tofuConfig(broken, gateway, "mypurecloud/genesyscloud")).toThrow(
      /depends on modules\/missing, which is not in the project/,
    );
  });

  it("in the cascade round (issue 90.1): each flow that calls a module republishes when a module it reaches changes (update_trigger_hash of their files); the provider's own pool when none is given", () => {
    type Config = {
      provider: { genesyscloud: Record<string, unknown> };
      resource: { genesyscloud_flow: Record<string, { filepath: string; update_trigger_hash?: string }> };
    };
    const config = JSON.parse(tofuConfig(flows, gateway, "mypurecloud/genesyscloud", null, true)) as Config;
    expect(config.provider.genesyscloud.token_pool_size).toBeUndefined();
    const file = new Map(flows.map((f, i) => [f.key, Object.values(config.resource.genesyscloud_flow)[i].filepath]));
    const trigger = new Map(
      flows.map((f, i) => [f.key, Object.values(config.resource.genesyscloud_flow)[i].update_trigger_hash]),
    );
    const hashOf = (...modules: string[]) =>
      `\${sha256(join(",", [${modules.map((m) => `filesha256("${file.get(m)}")`).join(", ")}]))}`;
    // Lookup calls nothing; Verify calls Lookup; a caller of Verify reaches both; a caller of Lookup, Lookup.
    expect(trigger.get("modules/lookup")).toBeUndefined();
    expect(trigger.get("modules/verify")).toBe(hashOf("modules/lookup"));
    expect(trigger.get("calls/bench-001")).toBe(hashOf("modules/lookup", "modules/verify"));
    expect(trigger.get("calls/bench-002")).toBe(hashOf("modules/lookup"));
    // Without triggers (the full round), no caller has one: a module change republishes the module alone.
    expect(
      Object.values(
        (JSON.parse(tofuConfig(flows, gateway, "mypurecloud/genesyscloud")) as Config).resource.genesyscloud_flow,
      ).filter((r) => r.update_trigger_hash),
    ).toEqual([]);
  });

  it("overrides only the Genesys provider, to the given folder", () => {
    expect(tofuCliConfig("mypurecloud/genesyscloud", "/cache/provider dir")).toBe(
      'provider_installation {\n  dev_overrides {\n    "mypurecloud/genesyscloud" = "/cache/provider dir"\n  }\n}\n',
    );
  });

  it("the process sampler counts tofu as the Terraform engine", () => {
    expect(classify(["/cache/opentofu-v1/tofu", "plan"], "tofu")).toBe("tofu");
    expect(classify(["/cache/p/terraform-provider-genesyscloud"], "terraform-provi")).toBe("tf-provider");
  });
});

describe("bench: Pulumi's summary of a step (bench/timedRun.ts resourcesSummary)", () => {
  it("is the Resources block on one line, up to the blank line after it; empty without one", () => {
    const out = [
      "Updating (local):",
      "",
      "Resources:",
      "    + 7 created",
      "    32 unchanged",
      "",
      "Duration: 5s",
      "",
    ].join("\n");
    expect(resourcesSummary(out)).toBe("Resources: + 7 created 32 unchanged");
    expect(resourcesSummary("Resources:\r\n    32 unchanged\r\n")).toBe("Resources: 32 unchanged");
    expect(resourcesSummary("error: no stack")).toBe("");
  });
});

describe("bench: what ours' first deploy asks that OpenTofu's does not (bench/requests.ts)", () => {
  const entry = (
    operation: RequestLogEntry["operation"],
    query = "",
    fault?: RequestLogEntry["fault"],
  ): RequestLogEntry => ({
    seq: 1,
    timestamp: "",
    method: "GET",
    path: "/",
    query,
    operation,
    status: 200,
    durationMs: 1,
    ...(fault ? { fault } : {}),
  });

  it("counts the answered requests by operation and query names, paging left out", () => {
    expect(requestKind(entry("flow.list", "name=local-Bench001&type=inboundcall&pageSize=100&pageNumber=1"))).toBe(
      "flow.list ?name&type",
    );
    expect(requestKind(entry("flow.list", "id=a&id=b&pageSize=50"))).toBe("flow.list ?id");
    expect(requestKind(entry("job.create"))).toBe("job.create");
    expect(
      countKinds([
        entry("flow.create"),
        entry("flow.create"),
        entry("flow.create", "", "rate-limit"),
        entry("flow.list", "type=x"),
      ]),
    ).toEqual({ "flow.create": 2, "flow.list ?type": 1 });
  });

  it("pairs ours' first deploy with OpenTofu's of the same round: the kinds ours makes more of, most first, and the claims (create, lookups by name and type, delete) per claim", () => {
    const first = (
      project: "ours" | "terraform",
      requestKinds: Record<string, number>,
      extra: Record<string, unknown> = {},
    ) => ({
      project,
      n: 100,
      latencyMs: 150,
      rateLimitPerMinute: null,
      step: "up-first" as const,
      code: 0,
      requests: { "job.create": 102 },
      requestKinds,
      ...extra,
    });
    const ours = {
      "job.create": 102,
      "flow.get": 102,
      "flow.create": 102,
      "flow.list ?name&type": 204,
      "flow.delete": 102,
      "flow.list ?type": 4,
      "org.get": 3,
    };
    const tofu = { "job.create": 102, "flow.get": 110, "org.get": 1 };
    const [f, ...more] = firstDeployRequests([
      first("ours", ours),
      first("terraform", tofu),
      first("ours", ours, { latencyMs: 0 }),
      first("terraform", tofu, { rateLimitPerMinute: 300 }),
    ]);
    expect(more).toEqual([]);
    expect(f).toEqual({
      n: 100,
      latencyMs: 150,
      rateLimitPerMinute: null,
      published: 102,
      rows: [
        { kind: "flow.list ?name&type", ours: 204, tofu: 0, extra: 204 },
        { kind: "flow.create", ours: 102, tofu: 0, extra: 102 },
        { kind: "flow.delete", ours: 102, tofu: 0, extra: 102 },
        { kind: "flow.list ?type", ours: 4, tofu: 0, extra: 4 },
        { kind: "org.get", ours: 3, tofu: 1, extra: 2 },
      ],
      extra: 414,
      claims: { made: 102, requests: 408, perClaim: 4 },
    });
  });
});

describe("a failed step's record keeps why it failed", () => {
  const gRpcNoise = [
    "    failed to deliver log message.",
    "    error: Error: Channel has been shut down",
    ...Array.from(
      { length: 40 },
      (_, i) => `        at frame${i} (/x/node_modules/@grpc/grpc-js/build/src/call.js:${i}:1)`,
    ),
  ].join("\n");
  const output = [
    "Updating (local):",
    "  + genesyscloud:index/flow:Flow Bench001 created",
    "    error: verify: the org answered 503 for flow Bench007 (retry-after: not a number)",
    "      at the stack's verify step",
    ...Array.from({ length: 60 }, (_, i) => `  + genesyscloud:index/flow:Flow Bench${i} created`),
    gRpcNoise,
    "Resources:",
    "    + 1010 created",
    "    1 errored",
  ].join("\n");

  test("the error lines are kept ahead of the tail, without the language host's gRPC noise", () => {
    const text = failureText(output);
    expect(output.slice(-1500)).not.toContain("the org answered 503");
    expect(text).toContain(
      "error: verify: the org answered 503 for flow Bench007 (retry-after: not a number)\n      at the stack's verify step",
    );
    expect(text.endsWith("    1 errored")).toBe(true);
    expect(text.split("\n  ...\n")[0]).not.toContain("Channel has been shut down");
  });

  test("an output whose tail already holds its error is kept as its tail", () => {
    const short = "error: BAIL\nResources:\n    1 errored";
    expect(failureText(short)).toBe(short);
  });
});
