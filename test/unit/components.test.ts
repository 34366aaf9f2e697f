// SharedModule and InboundCallFlow under Pulumi mocks: what the stack program registers, how the
// module's outputs are wired into every caller, and which inputs change when a flow changes.
// deployStack is driven directly with a FlowSet built from the example flows; compiled templates
// are captured in memory (no disk writes).
import { createHash } from "crypto";
import { readFileSync } from "fs";
import { join } from "path";
import YAML from "yaml";
import type * as StackProgramModule from "../../components/stackProgram";
import type * as SharedModuleModule from "../../components/sharedModule";
import type * as InboundCallFlowModule from "../../components/inboundCallFlow";
import type * as FlowSetModule from "../../components/flowSet";
import type * as StackConfigModule from "../../components/stackConfig";
import type { FlowSet, ReadFile } from "../../components/flowSet";
import type { StackConfig } from "../../components/stackConfig";
import type { StackProgramResult } from "../../components/stackProgram";
import { canonical, installMocks, urnOf, valueOf, type MockSession, type Registration } from "./helpers/pulumiMocks";

const ROOT = join(__dirname, "..", "..");
const diskReader: ReadFile = (file) => readFileSync(join(ROOT, file), "utf8");

const MODULE_TYPE = "genesys-flows:index:SharedModule";
const CALLER_TYPE = "genesys-flows:index:InboundCallFlow";
const FLOW_TYPE = "genesyscloud:index/flow:Flow";

let stackProgram: typeof StackProgramModule;
let sharedModule: typeof SharedModuleModule;
let inboundCallFlow: typeof InboundCallFlowModule;
let flowSetModule: typeof FlowSetModule;
let stackConfigModule: typeof StackConfigModule;

beforeAll(async () => {
  // Mocks first, then the code under test (static imports would be hoisted above setMocks).
  await installMocks("dev");
  stackProgram = await import("../../components/stackProgram");
  sharedModule = await import("../../components/sharedModule");
  inboundCallFlow = await import("../../components/inboundCallFlow");
  flowSetModule = await import("../../components/flowSet");
  stackConfigModule = await import("../../components/stackConfig");
});

function stackConfig(stack: string): StackConfig {
  const raw = YAML.parse(readFileSync(join(ROOT, `Pulumi.${stack}.yaml`), "utf8")).config;
  return stackConfigModule.parseStackConfig(raw, `Pulumi.${stack}.yaml`);
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

interface Deployed {
  stack: string;
  session: MockSession;
  set: FlowSet;
  result: StackProgramResult;
  /** relative path -> text, as deployStack asked to write them. */
  written: Map<string, string>;
  /** Resolved outputs. */
  moduleRevision: string;
  callerModuleRevisions: string[];
}

/** Builds the FlowSet, runs deployStack under fresh mocks and waits until every resource is registered. */
async function deploy(stack: string, config: StackConfig, readFile: ReadFile = diskReader): Promise<Deployed> {
  const session = await installMocks(stack);
  const set = flowSetModule.buildFlowSet(config, readFile);
  const written = new Map<string, string>();
  const result = stackProgram.deployStack({
    stack,
    config,
    flowSet: set,
    writeCompiled: (relativePath, text) => {
      if (written.has(relativePath)) throw new Error(`${relativePath} written twice`);
      written.set(relativePath, text);
    },
  });
  const [moduleRevision, , , ...rest] = await Promise.all([
    valueOf(result.module.revision),
    valueOf(result.module.urn),
    valueOf(result.module.flowId),
    ...result.inboundFlows.map((f) => valueOf(f.moduleRevision)),
    ...result.inboundFlows.map((f) => valueOf(f.flowId)),
    ...result.inboundFlows.map((f) => valueOf(f.urn)),
  ]);
  await session.settled();
  const callerModuleRevisions = rest.slice(0, result.inboundFlows.length);
  return { stack, session, set, result, written, moduleRevision, callerModuleRevisions };
}

function registrationsOf(d: Deployed, type: string): Registration[] {
  return d.session.registrations.filter((r) => r.type === type);
}

function one(d: Deployed, type: string, name: string): Registration {
  const found = d.session.registrations.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
  return found[0];
}

/** The Flow registered under a component, found by its parent URN. */
function flowUnder(d: Deployed, componentType: string, name: string): Registration {
  const parent = urnOf(d.stack, componentType, name);
  const flows = d.session.registrations.filter((r) => r.type === FLOW_TYPE && r.parent === parent);
  if (flows.length !== 1) throw new Error(`expected one Flow under ${parent}, found ${flows.length}`);
  return flows[0];
}

const moduleFlowUrn = (d: Deployed) => urnOf(d.stack, FLOW_TYPE, "verify-caller", MODULE_TYPE);

/** Five callers made from flows/support.yaml with only the flow name varied. */
function generatedCallers(count: number): { config: StackConfig; readFile: ReadFile; names: string[] } {
  const base = stackConfig("dev");
  const support = base.inboundFlows.find((f) => f.file === "flows/support.yaml")!;
  const names = Array.from({ length: count }, (_, i) => `caller-${i + 1}`);
  const config: StackConfig = {
    ...base,
    inboundFlows: names.map((n) => ({ file: `flows/generated/${n}.yaml`, substitutions: { ...support.substitutions } })),
  };
  const supportText = diskReader("flows/support.yaml");
  expect(supportText).toContain("\nname: Support\n");
  const readFile: ReadFile = (file) => {
    const m = /^flows\/generated\/caller-(\d+)\.yaml$/.exec(file);
    return m ? supportText.replace("\nname: Support\n", `\nname: Caller${m[1]}\n`) : diskReader(file);
  };
  return { config, readFile, names };
}

describe("components under Pulumi mocks", () => {
  it("registers the example module and 3 callers: one SharedModule and N InboundCallFlows, each with exactly one Flow", async () => {
    const d = await deploy("dev", stackConfig("dev"));
    expect(registrationsOf(d, MODULE_TYPE).map((r) => r.name)).toEqual(["verify-caller"]);
    expect(registrationsOf(d, CALLER_TYPE).map((r) => r.name).sort()).toEqual(["billing", "sales", "support"]);
    // 1 + 3 components, 1 + 3 flows, nothing else.
    expect(d.session.registrations.map((r) => r.type).sort()).toEqual([
      ...Array(3).fill(CALLER_TYPE),
      MODULE_TYPE,
      ...Array(4).fill(FLOW_TYPE),
    ].sort());
    for (const r of registrationsOf(d, MODULE_TYPE).concat(registrationsOf(d, CALLER_TYPE))) expect(r.custom).toBe(false);

    const moduleFlow = flowUnder(d, MODULE_TYPE, "verify-caller");
    expect(moduleFlow.name).toBe("verify-caller");
    expect(moduleFlow.custom).toBe(true);
    expect(moduleFlow.parent).toBe(urnOf("dev", MODULE_TYPE, "verify-caller"));
    for (const name of ["sales", "support", "billing"]) {
      const flow = flowUnder(d, CALLER_TYPE, name);
      expect(flow.name).toBe(name);
      expect(flow.custom).toBe(true);
    }
    // Outputs: ids from the mocks, the module's id flows out of the component.
    expect(await valueOf(d.result.module.flowId)).toBe("verify-caller-id");
    expect(await Promise.all(d.result.inboundFlows.map((f) => valueOf(f.flowId)))).toEqual(["sales-id", "support-id", "billing-id"]);
    expect(await Promise.all(d.result.summary.inboundFlows.map((f) => valueOf(f.name)))).toEqual(["dev-Sales", "dev-Support", "dev-Billing"]);
    expect(d.result.summary.inboundFlows.map((f) => f.calls)).toEqual(["dev-VerifyCaller", "dev-VerifyCaller", "dev-VerifyCaller"]);
  });

  it("registers a generated set of 5 callers, each an InboundCallFlow with exactly one Flow", async () => {
    const { config, readFile, names } = generatedCallers(5);
    const d = await deploy("dev", config, readFile);
    expect(registrationsOf(d, MODULE_TYPE)).toHaveLength(1);
    expect(registrationsOf(d, CALLER_TYPE).map((r) => r.name).sort()).toEqual(names.map((n) => `generated-${n}`).sort());
    expect(registrationsOf(d, FLOW_TYPE)).toHaveLength(6);
    flowUnder(d, MODULE_TYPE, "verify-caller");
    const flowNames = names.map((n) => flowUnder(d, CALLER_TYPE, `generated-${n}`).inputs.name);
    expect(flowNames).toEqual(["dev-Caller1", "dev-Caller2", "dev-Caller3", "dev-Caller4", "dev-Caller5"]);
    // Five distinct compiled files, one per caller, plus the module's.
    expect([...d.written.keys()].sort()).toEqual(
      [".work/compiled/dev/verify-caller.yaml", ...names.map((n) => `.work/compiled/dev/generated-${n}.yaml`)].sort(),
    );
  });

  it("wires the module's revision into every caller's updateTriggerHash, and makes each caller depend on the module flow", async () => {
    for (const scenario of [
      { config: stackConfig("dev"), readFile: diskReader, callers: ["sales", "support", "billing"] },
      { ...generatedCallers(5), callers: generatedCallers(5).names.map((n) => `generated-${n}`) },
    ]) {
      const d = await deploy("dev", scenario.config, scenario.readFile);
      const expected = sha256(d.set.module.substitutedYaml);
      expect(d.set.module.revision).toBe(expected);
      expect(d.moduleRevision).toBe(expected);
      expect(d.callerModuleRevisions).toEqual(scenario.callers.map(() => expected));
      const moduleUrn = moduleFlowUrn(d);
      const moduleIndex = d.session.order.indexOf(`${FLOW_TYPE}::verify-caller`);
      expect(moduleIndex).toBeGreaterThanOrEqual(0);
      for (const name of scenario.callers) {
        const flow = flowUnder(d, CALLER_TYPE, name);
        expect(flow.inputs.updateTriggerHash).toBe(expected);
        // The trigger is an output of the module's Flow (not a plain copy of the revision) ...
        expect(flow.propertyDependencies.updateTriggerHash).toEqual([moduleUrn]);
        // ... and the caller depends on the module's Flow, so it is created after and deleted before it.
        expect(flow.dependencies).toContain(moduleUrn);
        expect(d.session.order.indexOf(`${FLOW_TYPE}::${name}`)).toBeGreaterThan(moduleIndex);
      }
      // The module's own flow has no trigger and depends on nothing.
      const moduleFlow = flowUnder(d, MODULE_TYPE, "verify-caller");
      expect(moduleFlow.inputs.updateTriggerHash).toBeUndefined();
      expect(moduleFlow.dependencies).toEqual([]);
    }
  });

  it("a change to the module's content changes every caller's updateTriggerHash and nothing else of the callers", async () => {
    const config = stackConfig("dev");
    const before = await deploy("dev", config);
    const edited: ReadFile = (file) => {
      const text = diskReader(file);
      if (file !== "flows/verify-caller.yaml") return text;
      expect(text).toContain("prompt: Thank you, you are verified.");
      return text.replace("prompt: Thank you, you are verified.", "prompt: Thanks, you are now verified.");
    };
    const after = await deploy("dev", config, edited);

    expect(after.moduleRevision).not.toBe(before.moduleRevision);
    expect(after.moduleRevision).toBe(sha256(after.set.module.substitutedYaml));
    // The module's compiled template changes (the provider's file_content_hash), its other inputs do not.
    const moduleFile = ".work/compiled/dev/verify-caller.yaml";
    expect(after.written.get(moduleFile)).not.toBe(before.written.get(moduleFile));
    expect(after.written.get(moduleFile)).toContain("tts: Thanks, you are now verified.");
    expect(before.written.get(moduleFile)).toContain("tts: Thank you, you are verified.");
    expect(canonical(flowUnder(after, MODULE_TYPE, "verify-caller").inputs)).toBe(canonical(flowUnder(before, MODULE_TYPE, "verify-caller").inputs));

    for (const name of ["sales", "support", "billing"]) {
      const b = flowUnder(before, CALLER_TYPE, name).inputs;
      const a = flowUnder(after, CALLER_TYPE, name).inputs;
      expect(b.updateTriggerHash).toBe(before.moduleRevision);
      expect(a.updateTriggerHash).toBe(after.moduleRevision);
      const { updateTriggerHash: _b, ...restBefore } = b;
      const { updateTriggerHash: _a, ...restAfter } = a;
      expect(canonical(restAfter)).toBe(canonical(restBefore));
      expect(Object.keys(a).sort()).toEqual(["filepath", "forceUnlock", "name", "substitutions", "updateTriggerHash"]);
      // The caller's own file content (what the provider hashes) is byte-identical.
      const file = `.work/compiled/dev/${name}.yaml`;
      expect(after.written.get(file)).toBeDefined();
      expect(after.written.get(file)).toBe(before.written.get(file));
      // Component args other than the module reference are unchanged too (same facts, same own revision).
      const cb = one(before, CALLER_TYPE, name).inputs;
      const ca = one(after, CALLER_TYPE, name).inputs;
      expect(canonical({ ...ca, module: undefined })).toBe(canonical({ ...cb, module: undefined }));
    }
  });

  it("a change to one inbound flow changes only that flow's template and revision", async () => {
    const config = stackConfig("dev");
    const before = await deploy("dev", config);
    const edited: ReadFile = (file) => {
      const text = diskReader(file);
      if (file !== "flows/support.yaml") return text;
      expect(text).toContain("prompt: Connecting you to support.");
      return text.replace("prompt: Connecting you to support.", "prompt: Please hold for support.");
    };
    const after = await deploy("dev", config, edited);

    const supportFile = ".work/compiled/dev/support.yaml";
    expect(after.written.get(supportFile)).not.toBe(before.written.get(supportFile));
    expect(after.written.get(supportFile)).toContain("tts: Please hold for support.");
    const revisionOf = (d: Deployed, file: string) => d.set.inboundFlows.find((f) => f.file === file)!.revision;
    expect(revisionOf(after, "flows/support.yaml")).not.toBe(revisionOf(before, "flows/support.yaml"));
    expect(one(after, CALLER_TYPE, "support").inputs.revision).toBe(revisionOf(after, "flows/support.yaml"));
    // Support's Flow inputs are the same (the provider sees the change through the file's hash),
    // and its trigger did not move: the module did not change.
    expect(canonical(flowUnder(after, CALLER_TYPE, "support").inputs)).toBe(canonical(flowUnder(before, CALLER_TYPE, "support").inputs));

    expect(after.moduleRevision).toBe(before.moduleRevision);
    for (const [type, name, file] of [
      [MODULE_TYPE, "verify-caller", "flows/verify-caller.yaml"],
      [CALLER_TYPE, "sales", "flows/sales.yaml"],
      [CALLER_TYPE, "billing", "flows/billing.yaml"],
    ] as const) {
      expect(canonical(flowUnder(after, type, name).inputs)).toBe(canonical(flowUnder(before, type, name).inputs));
      expect(canonical(one(after, type, name).inputs)).toBe(canonical(one(before, type, name).inputs));
      const compiled = `.work/compiled/dev/${name}.yaml`;
      expect(after.written.get(compiled)).toBe(before.written.get(compiled));
      const planned = (d: Deployed) => (file === "flows/verify-caller.yaml" ? d.set.module : d.set.inboundFlows.find((f) => f.file === file)!);
      expect(planned(after).revision).toBe(planned(before).revision);
    }
  });

  it("nothing changes when nothing changed: two runs register byte-identical inputs", async () => {
    const a = await deploy("dev", stackConfig("dev"));
    const b = await deploy("dev", stackConfig("dev"));
    const byKey = (d: Deployed) =>
      d.session.registrations.map((r) => `${r.type}::${r.name}`).sort().map((k) => {
        const r = d.session.registrations.find((x) => `${x.type}::${x.name}` === k)!;
        return `${k} ${canonical(r.inputs)}`;
      });
    expect(byKey(b)).toEqual(byKey(a));
    expect([...b.written.entries()]).toEqual([...a.written.entries()]);
  });

  it.each(["dev", "prod", "local"])("stack %s: every flow name is explicit and carries the stack's prefix", async (stack) => {
    const config = stackConfig(stack);
    expect(config.namePrefix).toBe(`${stack}-`);
    const d = await deploy(stack, config);
    const expected: Array<[string, string, string]> = [
      [MODULE_TYPE, "verify-caller", `${stack}-VerifyCaller`],
      [CALLER_TYPE, "sales", `${stack}-Sales`],
      [CALLER_TYPE, "support", `${stack}-Support`],
      [CALLER_TYPE, "billing", `${stack}-Billing`],
    ];
    for (const [type, name, published] of expected) {
      const flow = flowUnder(d, type, name);
      expect(flow.inputs.name).toBe(published);
      // The name inside the compiled file is the same, or the name read back would differ from the input.
      const text = d.written.get(`.work/compiled/${stack}/${name}.yaml`)!;
      const doc = YAML.parse(text) as Record<string, { name: string }>;
      const kind = type === MODULE_TYPE ? "commonModule" : "inboundCall";
      expect(Object.keys(doc)).toEqual([kind]);
      expect(doc[kind].name).toBe(published);
      expect(flow.inputs.filepath).toBe(`.work/compiled/${stack}/${name}.yaml`);
      expect(flow.inputs.forceUnlock).toBe(stack !== "prod");
    }
    expect(await valueOf(d.result.module.flowName)).toBe(`${stack}-VerifyCaller`);
  });

  it("component args carry the facts as plain known values", async () => {
    const d = await deploy("dev", stackConfig("dev"));
    const moduleArgs = one(d, MODULE_TYPE, "verify-caller").inputs as { facts: Record<string, unknown>; revision: string; compiledFile: string; substitutions: unknown };
    const moduleModel = YAML.parse(diskReader("flows/verify-caller.yaml"));
    expect(moduleArgs.facts).toEqual({
      stack: "dev",
      environment: "dev",
      namePrefix: "dev-",
      file: "flows/verify-caller.yaml",
      publishedName: "dev-VerifyCaller",
      model: d.set.module.model,
      forceUnlock: true,
      substitutionKeys: [],
      unresolvedPlaceholders: [],
    });
    expect((moduleArgs.facts.model as { name: string; kind: string }).name).toBe(moduleModel.name);
    expect(Object.keys((moduleArgs.facts.model as { nodes: object }).nodes).sort()).toEqual(Object.keys(moduleModel.nodes).sort());
    expect(moduleArgs.revision).toBe(sha256(d.set.module.substitutedYaml));
    expect(moduleArgs.compiledFile).toBe(".work/compiled/dev/verify-caller.yaml");
    expect(moduleArgs.substitutions).toEqual({});

    const moduleInterface = {
      name: "VerifyCaller",
      publishedName: "dev-VerifyCaller",
      compatibleFlowTypes: d.set.module.model.compatibleFlowTypes,
      inputs: d.set.module.model.inputs,
      outputs: d.set.module.model.outputs,
      callsModules: false,
    };
    // The interface is the module file's (with the schema's defaults filled in).
    expect(Object.keys(moduleInterface.inputs).sort()).toEqual(Object.keys(moduleModel.inputs).sort());
    expect(Object.keys(moduleInterface.outputs).sort()).toEqual(["accountId", "verified"]);
    expect(moduleInterface.inputs.callerNumber).toEqual(expect.objectContaining({ type: "string", required: true }));
    expect(moduleInterface.inputs.maxAttempts).toEqual(expect.objectContaining({ type: "integer", required: false }));
    const expectedKeys: Record<string, string[]> = {
      sales: ["brand", "general_queue", "orders_queue", "sales_queue"],
      support: ["priority_queue", "support_queue"],
      billing: ["billing_queue"],
    };
    for (const [i, name] of ["sales", "support", "billing"].entries()) {
      const args = one(d, CALLER_TYPE, name).inputs as { facts: Record<string, unknown>; revision: string; module: unknown };
      const plan = d.set.inboundFlows[i];
      expect(args.facts).toEqual({
        stack: "dev",
        environment: "dev",
        namePrefix: "dev-",
        file: `flows/${name}.yaml`,
        publishedName: `dev-${name[0].toUpperCase()}${name.slice(1)}`,
        model: plan.model,
        module: expect.objectContaining(moduleInterface),
        forceUnlock: true,
        substitutionKeys: expectedKeys[name],
        unresolvedPlaceholders: [],
      });
      expect((args.facts.module as Record<string, unknown>)).toEqual(moduleInterface);
      expect((args.facts.model as { kind: string }).kind).toBe("inboundCall");
      expect(args.revision).toBe(sha256(plan.substitutedYaml));
      // Plain values: nothing unknown or secret (a JSON round trip keeps everything).
      expect(JSON.parse(JSON.stringify(args.facts))).toEqual(args.facts);
      // The module is passed as a resource reference (the mocks see its URN).
      expect(args.module).toBe(urnOf("dev", MODULE_TYPE, "verify-caller"));
    }
    expect(JSON.parse(JSON.stringify(moduleArgs.facts))).toEqual(moduleArgs.facts);
  });
});

describe("resource name collisions", () => {
  // Different flow files can map to one resource name and compiled path, e.g. flows/verify-caller.yaml
  // (the module) and flows/verify/caller.yaml (a caller) both give "verify-caller": the caller's
  // template would overwrite the module's. deployStack refuses before anything is written or registered.
  it("flow files whose resource names collide are refused, naming both files", async () => {
    const session = await installMocks("dev");
    const base = stackConfig("dev");
    const support = base.inboundFlows.find((f) => f.file === "flows/support.yaml")!;
    const config: StackConfig = { ...base, inboundFlows: [{ file: "flows/verify/caller.yaml", substitutions: { ...support.substitutions } }] };
    const readFile: ReadFile = (file) =>
      file === "flows/verify/caller.yaml" ? diskReader("flows/support.yaml").replace("\nname: Support\n", "\nname: SupportCopy\n") : diskReader(file);
    const disk = new Map<string, string>(); // last write wins, as on disk
    let error: Error | undefined;
    try {
      const set = flowSetModule.buildFlowSet(config, readFile);
      stackProgram.deployStack({ stack: "dev", config, flowSet: set, writeCompiled: (p, t) => disk.set(p, t) });
    } catch (e) {
      error = e as Error;
    }
    await session.idle();
    expect(session.registrations).toHaveLength(0);
    expect(disk.size).toBe(0);
    expect(error?.message).toBe(
      'flows/verify/caller.yaml: has the same resource name "verify-caller" as flows/verify-caller.yaml; rename one of the two files',
    );
    expect(error?.message).toMatch(/flows\/verify-caller\.yaml/);
    expect(error?.message).toMatch(/flows\/verify\/caller\.yaml/);
  });
});

describe("argument validation", () => {
  function validArgs() {
    const config = stackConfig("dev");
    const set = flowSetModule.buildFlowSet(config, diskReader);
    const moduleFacts = stackProgram.moduleInterfaceFacts(set.module);
    const moduleArgs = {
      facts: stackProgram.factsOf("dev", config, set.module),
      compiledFile: ".work/compiled/dev/verify-caller.yaml",
      substitutions: {},
      revision: set.module.revision,
    };
    const callerArgs = {
      facts: stackProgram.factsOf("dev", config, set.inboundFlows[0], moduleFacts),
      compiledFile: ".work/compiled/dev/sales.yaml",
      substitutions: set.inboundFlows[0].substitutions,
      revision: set.inboundFlows[0].revision,
      // Validation only checks that a module is given; no resource is constructed here.
      module: {} as SharedModuleModule.SharedModule,
    };
    return { moduleArgs, callerArgs };
  }
  const message = (f: () => void): string => {
    try {
      f();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error("expected an error");
  };

  it("accepts the args deployStack builds", () => {
    const { moduleArgs, callerArgs } = validArgs();
    expect(() => sharedModule.validatePublishedFlowArgs("SharedModule", moduleArgs)).not.toThrow();
    expect(() => inboundCallFlow.validateInboundCallFlowArgs(callerArgs)).not.toThrow();
  });

  it("missing publishedName", () => {
    const { moduleArgs, callerArgs } = validArgs();
    expect(message(() => sharedModule.validatePublishedFlowArgs("SharedModule", { ...moduleArgs, facts: { ...moduleArgs.facts, publishedName: "" } }))).toBe(
      "SharedModule for flows/verify-caller.yaml: 'facts.publishedName' is required",
    );
    expect(message(() => inboundCallFlow.validateInboundCallFlowArgs({ ...callerArgs, facts: { ...callerArgs.facts, publishedName: "" } }))).toBe(
      "InboundCallFlow for flows/sales.yaml: 'facts.publishedName' is required",
    );
  });

  it("published name without the stack prefix", () => {
    const { moduleArgs, callerArgs } = validArgs();
    expect(message(() => sharedModule.validatePublishedFlowArgs("SharedModule", { ...moduleArgs, facts: { ...moduleArgs.facts, publishedName: "prod-VerifyCaller" } }))).toBe(
      'SharedModule for flows/verify-caller.yaml: published name "prod-VerifyCaller" must start with the stack prefix "dev-"',
    );
    expect(message(() => inboundCallFlow.validateInboundCallFlowArgs({ ...callerArgs, facts: { ...callerArgs.facts, publishedName: "Sales" } }))).toBe(
      'InboundCallFlow for flows/sales.yaml: published name "Sales" must start with the stack prefix "dev-"',
    );
  });

  it("bad revision and missing compiled file", () => {
    const { moduleArgs, callerArgs } = validArgs();
    for (const revision of ["", "abc", moduleArgs.revision.toUpperCase(), `${moduleArgs.revision}0`]) {
      expect(message(() => sharedModule.validatePublishedFlowArgs("SharedModule", { ...moduleArgs, revision }))).toBe(
        "SharedModule for flows/verify-caller.yaml: 'revision' must be a SHA-256 hex digest",
      );
    }
    expect(message(() => inboundCallFlow.validateInboundCallFlowArgs({ ...callerArgs, revision: "not-a-digest" }))).toBe(
      "InboundCallFlow for flows/sales.yaml: 'revision' must be a SHA-256 hex digest",
    );
    expect(message(() => sharedModule.validatePublishedFlowArgs("SharedModule", { ...moduleArgs, compiledFile: "" }))).toBe(
      "SharedModule for flows/verify-caller.yaml: 'compiledFile' is required",
    );
  });

  it("wrong kind, missing module facts, missing module", () => {
    const { moduleArgs, callerArgs } = validArgs();
    expect(message(() => inboundCallFlow.validateInboundCallFlowArgs({ ...moduleArgs, module: callerArgs.module }))).toBe(
      "InboundCallFlow for flows/verify-caller.yaml: the flow is of kind commonModule, not inboundCall",
    );
    const { module: _m, ...factsWithoutModule } = callerArgs.facts;
    expect(message(() => inboundCallFlow.validateInboundCallFlowArgs({ ...callerArgs, facts: factsWithoutModule }))).toBe(
      "InboundCallFlow for flows/sales.yaml: 'facts.module' (the module it was compiled against) is required",
    );
    expect(message(() => inboundCallFlow.validateInboundCallFlowArgs({ ...callerArgs, module: undefined as unknown as SharedModuleModule.SharedModule }))).toBe(
      "InboundCallFlow for flows/sales.yaml: 'module' (the SharedModule) is required",
    );
  });

  it("SharedModule refuses an inbound call flow, naming the file", async () => {
    const session = await installMocks("dev");
    const { callerArgs } = validArgs();
    const { module: _m, ...args } = callerArgs;
    expect(message(() => new sharedModule.SharedModule("wrong-kind", args))).toBe(
      "SharedModule for flows/sales.yaml: the flow is of kind inboundCall, not commonModule",
    );
    await session.idle();
    // Validated before registration: neither the component nor a Flow was registered.
    expect(session.registrations).toEqual([]);
  });
});
