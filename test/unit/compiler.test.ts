// Compiler: golden files for every example flow, determinism, the Archy shape decisions, module
// graph limits and substitution safety. Regenerate goldens with: UPDATE_GOLDEN=1 npx jest --selectProjects unit
import { existsSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { basename, join } from "path";
import {
  compileInboundCall,
  compileModule,
  moduleRevision,
  parseArchyYaml,
  renderWithSubstitutions,
  MAX_MODULE_EXPANSION,
} from "../../components/compiler";
import { loadFlowFile, parseFlowText } from "../../components/model/loader";
import { substituteModel } from "../../components/model/placeholders";
import type { CommonModuleFlow, InboundCallFlowModel, LoadedFlow } from "../../components/model/schema";
import { messageOf } from "./helpers/flowFiles";

const ROOT = join(__dirname, "..", "..");
const GOLDEN = join(__dirname, "golden", "compiler");
const PREFIX = "golden-";

const moduleFlow = loadFlowFile(join(ROOT, "flows", "verify-caller.yaml"), "flows/verify-caller.yaml") as LoadedFlow<CommonModuleFlow>;
const moduleRef = { name: moduleFlow.model.name, publishedName: PREFIX + moduleFlow.model.name, model: moduleFlow.model };
const inboundFiles = readdirSync(join(ROOT, "flows"))
  .filter((f) => f.endsWith(".yaml") && f !== "verify-caller.yaml")
  .sort();

function compileFile(file: string): string {
  const flow = loadFlowFile(join(ROOT, "flows", file), `flows/${file}`);
  return flow.model.kind === "commonModule"
    ? compileModule(flow as LoadedFlow<CommonModuleFlow>, { publishedName: PREFIX + flow.model.name })
    : compileInboundCall(flow as LoadedFlow<InboundCallFlowModel>, { publishedName: PREFIX + flow.model.name, module: moduleRef });
}


describe("golden files (UPDATE_GOLDEN=1 rewrites them)", () => {
  it("has at least the module and three inbound flows", () => {
    expect(inboundFiles.length).toBeGreaterThanOrEqual(3);
  });
  it.each(["verify-caller.yaml", ...inboundFiles])("%s", (file) => {
    const compiled = compileFile(file);
    const golden = join(GOLDEN, file);
    if (process.env.UPDATE_GOLDEN === "1" || !existsSync(golden)) writeFileSync(golden, compiled);
    expect(compiled).toBe(readFileSync(golden, "utf8"));
    // Deterministic: a second compile is byte-identical.
    expect(compileFile(file)).toBe(compiled);
  });
  it("has no stale golden files", () => {
    const expected = new Set(["verify-caller.yaml", ...inboundFiles]);
    for (const g of readdirSync(GOLDEN)) expect(expected.has(basename(g))).toBe(true);
  });
});

describe("Archy shape", () => {
  const sales = parseArchyYaml(compileFile("sales.yaml")) as { inboundCall: Record<string, any> };
  const mod = parseArchyYaml(compileFile("verify-caller.yaml")) as { commonModule: Record<string, any> };

  it("module: Common.* variables with input/output flags, outcome output, compatible flow types, endTask", () => {
    const m = mod.commonModule;
    expect(m.name).toBe("golden-VerifyCaller");
    expect(m.supportedLanguages).toEqual({ "en-us": { none: true } });
    expect(m.settingsCommonModule).toEqual({ compatibleFlowTypes: [{ flowType: "inboundcall" }] });
    const vars = Object.fromEntries(m.variables.map((v: Record<string, any>) => {
      const [type, body] = Object.entries(v)[0] as [string, any];
      return [body.name, { type, isInput: body.isInput, isOutput: body.isOutput }];
    }));
    expect(vars["Common.callerNumber"]).toEqual({ type: "stringVariable", isInput: true, isOutput: false });
    expect(vars["Common.maxAttempts"]).toEqual({ type: "integerVariable", isInput: true, isOutput: false });
    expect(vars["Common.verified"]).toEqual({ type: "booleanVariable", isInput: false, isOutput: true });
    expect(vars["Common.outcome"]).toEqual({ type: "stringVariable", isInput: false, isOutput: true });
    expect(vars["Common.pin"]).toEqual({ type: "stringVariable", isInput: false, isOutput: false });
    expect(m.startUpTaskActions.at(-1)).toEqual({ endTask: { name: "Exit Common Module" } });
    expect(m.startUpRef).toBeUndefined();
    expect(m.settingsErrorHandling).toBeUndefined();
  });

  it("inbound: startUpRef, error handling, every module input and output listed, outcome branch", () => {
    const f = sales.inboundCall;
    expect(f.startUpRef).toBe("/inboundCall/tasks/task[Welcome]");
    expect(f.settingsErrorHandling.errorHandling).toEqual({ disconnect: { none: true } });
    const verify = f.tasks.find((t: any) => t.task.refId === "Verify").task.actions;
    expect(verify[0].callCommonModule.commonModule).toEqual({
      "golden-VerifyCaller": {
        ver_latestPublished: {
          inputs: { "Common.callerNumber": { exp: "Call.Ani" }, "Common.maxAttempts": { exp: "3" } },
          outputs: {
            "Common.accountId": { var: "Flow.accountId" },
            "Common.verified": { var: "Flow.verified" },
            "Common.outcome": { var: "Flow.Verify_outcome" },
          },
        },
      },
    });
    expect(verify[1].decision.condition).toEqual({ exp: 'Flow.Verify_outcome == "completed"' });
    expect(verify[1].decision.outputs.yes.actions[0].jumpToTask.targetTaskRef).toBe("/inboundCall/tasks/task[Menu]");
    expect(verify[1].decision.outputs.no.actions[0].jumpToTask.targetTaskRef).toBe("/inboundCall/tasks/task[TransferGeneral]");
  });

  it("inbound: unbound module inputs and unmapped outputs are listed as noValue", () => {
    const support = parseArchyYaml(compileFile("support.yaml")) as any;
    const call = support.inboundCall.tasks[0].task.actions[0].callCommonModule.commonModule["golden-VerifyCaller"].ver_latestPublished;
    expect(call.inputs["Common.maxAttempts"]).toEqual({ noValue: true });
    expect(call.outputs["Common.accountId"]).toEqual({ noValue: true });
  });

  it("keeps decision path keys quoted so YAML 1.1 readers keep them strings", () => {
    expect(compileFile("sales.yaml")).toContain('"yes":');
  });

  it("a subflow without an error transition falls through to disconnect", () => {
    const f = parseFlowText(
      `kind: inboundCall\nname: X\nstart: Call\nnodes:\n  Call:\n    type: subflow\n    module: VerifyCaller\n    inputs: {callerNumber: Call.Ani}\n    transitions: {completed: Bye}\n  Bye: {type: disconnect}\n`,
      "flows/x.yaml",
    ) as LoadedFlow<InboundCallFlowModel>;
    const out = parseArchyYaml(compileInboundCall(f, { publishedName: "X", module: moduleRef })) as any;
    const actions = out.inboundCall.tasks[0].task.actions;
    expect(Object.keys(actions[1].decision.outputs)).toEqual(["yes"]);
    expect(actions[2]).toEqual({ disconnect: { name: "Disconnect" } });
  });
});

describe("module graph", () => {
  const mod = (nodes: string) =>
    parseFlowText(`kind: commonModule\nname: M\nstart: A\nnodes:\n${nodes}`, "flows/m.yaml") as LoadedFlow<CommonModuleFlow>;

  it("refuses cycles, naming them", () => {
    const m = mod("  A: {type: playMessage, prompt: a, transitions: {next: B}}\n  B: {type: decision, expression: x, transitions: {yes: A, no: C}}\n  C: {type: return, outcome: completed}\n");
    expect(messageOf(() => compileModule(m, { publishedName: "M" }))).toBe(
      'flows/m.yaml: flow "M": the module\'s nodes form a cycle (A -> B -> A); a common module compiles to nested branches and cannot loop, so every path must end in a return node',
    );
  });

  it("refuses explosive duplication of shared nodes", () => {
    // A chain of 14 diamonds doubles the paths at each step: 2^14 copies of the last node.
    let nodes = "";
    for (let i = 0; i < 14; i++) nodes += `  ${i === 0 ? "A" : `N${i}`}: {type: decision, expression: x, transitions: {yes: N${i + 1}, no: N${i + 1}}}\n`;
    nodes += "  N14: {type: return, outcome: completed}\n";
    expect(messageOf(() => compileModule(mod(nodes), { publishedName: "M" }))).toBe(
      `flows/m.yaml: flow "M": compiling the module would copy nodes reached from several places into 32767 nodes (limit ${MAX_MODULE_EXPANSION}); simplify the module so fewer paths share the same nodes`,
    );
  });

  it("refuses module-to-module calls", () => {
    const m = mod("  A: {type: subflow, module: M, transitions: {completed: B, error: B}}\n  B: {type: return, outcome: completed}\n");
    expect(messageOf(() => compileModule(m, { publishedName: "M" }))).toBe(
      'flows/m.yaml: node "A" (subflow): a common module cannot call a common module (Genesys Cloud rejects it); move this call into the inbound flows',
    );
  });
});

describe("moduleRevision", () => {
  it("is the sha256 hex of the text and changes with it", () => {
    expect(moduleRevision("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(moduleRevision(compileFile("verify-caller.yaml"))).toMatch(/^[0-9a-f]{64}$/);
    expect(moduleRevision("a")).not.toBe(moduleRevision("b"));
  });
});

describe("substitution safety", () => {
  const sales = loadFlowFile(join(ROOT, "flows", "sales.yaml"), "flows/sales.yaml") as LoadedFlow<InboundCallFlowModel>;
  const compile = (f: LoadedFlow<InboundCallFlowModel>) =>
    compileInboundCall(f, { publishedName: "dev-Sales", module: moduleRef });
  const template = compile(sales);
  const reference = {
    file: sales.file,
    flow: sales.model.name,
    compileWith: (s: Readonly<Record<string, string>>) => compile({ file: sales.file, model: substituteModel(sales.model, s) }),
  };
  const base = { brand: "Acme", sales_queue: "Sales", orders_queue: "Orders", general_queue: "General" };

  it.each([
    ["plain words", "Sales EMEA"],
    ["colon and space", "Sales: EMEA"],
    ["hash", "Sales #1"],
    ["single quote", "Bob's queue"],
    ["leading special characters", "- * & ! | > % @ `"],
    ["yes-like", "yes"],
    ["number-like", "0012"],
    ["braces and brackets", "[a] {b}"],
    ["unicode", "Vente Équipe ✓"],
    ["tab", "a\tb"],
  ])("renders safely: %s", (_name, value) => {
    const subs = { ...base, sales_queue: value };
    const rendered = renderWithSubstitutions(template, subs, reference);
    const parsed = parseArchyYaml(rendered) as any;
    const task = parsed.inboundCall.tasks.find((t: any) => t.task.refId === "TransferSales").task;
    expect(task.actions[0].transferToAcd.targetQueue).toEqual({ lit: { name: value } });
  });

  it.each([
    ["a double quote", 'Sales "A"', 'it contains a double quote (")'],
    ["a backslash", "Sales\\nA", "it contains a backslash (\\)"],
    ["a line break", "Sales\nA", "it contains a line break"],
  ])("refuses a value with %s, naming flow and key", (_name, value, why) => {
    expect(messageOf(() => renderWithSubstitutions(template, { ...base, sales_queue: value }, reference))).toBe(
      `flows/sales.yaml: flow "Sales": substitution "sales_queue": its value cannot be inserted safely into the compiled YAML because ${why}; the provider inserts values verbatim, so change the value in the stack config`,
    );
  });

  it("blames only the faulty key among several", () => {
    const msg = messageOf(() => renderWithSubstitutions(template, { ...base, brand: 'A"', general_queue: "x\ny" }, reference));
    expect(msg.split("\n").map((l) => l.match(/substitution "([^"]+)"/)![1])).toEqual(["brand", "general_queue"]);
  });
});
