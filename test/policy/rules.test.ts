// Every flow rule with passing and failing models: the pure rule functions directly, and the
// pack's policies through hand-built ResourceValidationArgs (never importing policies/index.ts).
import { INBOUND_CALL_FLOW_TYPE, SHARED_MODULE_TYPE } from "../../components/flowFacts";
import { formatViolation } from "../../policies/adapter";
import { ALL_RULES, FLOW_RULES } from "../../policies/rules";
import { moduleCompatibility } from "../../policies/rules/moduleCompatibility";
import { assignable, expressionType, moduleInterface } from "../../policies/rules/moduleInterface";
import { prodForceUnlock, prodNamePrefix, prodNoPlaceholders } from "../../policies/rules/prodGuardrails";
import { reachableNodes } from "../../policies/rules/reachableNodes";
import { subflowTransitions } from "../../policies/rules/subflowTransitions";
import { terminates } from "../../policies/rules/terminates";
import { MODULE, caller, callerArgs, commonModule, ctx, moduleInterfaceOf, resourceArgs, runResourcePolicy } from "./helpers";

const problems = (vs: Array<{ node?: string; problem: string }>) => vs.map((v) => `${v.node ?? "-"}: ${v.problem}`);

describe("registry", () => {
  test("ids are unique, stable and in order", () => {
    expect(ALL_RULES.map((r) => r.id)).toEqual([
      "subflow-transitions",
      "module-interface",
      "reachable-nodes",
      "terminates",
      "module-compatibility",
      "prod-force-unlock",
      "prod-name-prefix",
      "prod-no-placeholders",
      "module-wiring",
    ]);
  });
  test("default levels", () => {
    expect(Object.fromEntries(ALL_RULES.map((r) => [r.id, r.defaultEnforcement]))).toMatchObject({
      "reachable-nodes": "advisory",
      "subflow-transitions": "mandatory",
      "module-wiring": "mandatory",
    });
  });
  test("every rule has a one-line description and remediation", () => {
    for (const r of ALL_RULES) {
      expect(r.description).not.toMatch(/\n/);
      expect(r.remediation.length).toBeGreaterThan(10);
    }
  });
  test("a clean caller and a clean module pass every flow rule", () => {
    for (const rule of FLOW_RULES) {
      expect(rule.check(ctx(caller()))).toEqual([]);
      expect(rule.check(ctx(MODULE, { file: "flows/common.yaml" }))).toEqual([]);
    }
  });
});

describe("subflow-transitions", () => {
  const noError = caller({
    Start: { type: "subflow", module: "Common", inputs: { callerNumber: "Call.Ani" }, transitions: { completed: "Queue" } },
  });

  test("pure: missing error transition", () => {
    const vs = subflowTransitions.check(ctx(noError));
    expect(vs).toHaveLength(1);
    expect(formatViolation(vs[0])).toBe(
      '[subflow-transitions] stack "dev", flow "dev-Sales" (flows/sales.yaml), node "Start": subflow has no "error" transition. Fix: add transitions.error pointing to a node that handles the failure.',
    );
  });

  test("pure: missing completed and a dangling target", () => {
    const m = caller({ Start: { type: "subflow", module: "Common", inputs: { callerNumber: "x" }, transitions: { error: "Nowhere" } } });
    expect(problems(subflowTransitions.check(ctx(m)))).toEqual([
      'Start: subflow has no "completed" transition',
      'Start: "error" transition points to "Nowhere", which is not a node of this flow',
    ]);
  });

  test("policy: fails on a caller without error, passes on a clean one", () => {
    expect(runResourcePolicy("subflow-transitions", callerArgs(noError))).toEqual([
      expect.stringContaining('[subflow-transitions] stack "dev", flow "dev-Sales" (flows/sales.yaml), node "Start": subflow has no "error"'),
    ]);
    expect(runResourcePolicy("subflow-transitions", callerArgs(caller()))).toEqual([]);
  });

  test("policy: ignores other resource types and reports missing facts", () => {
    expect(runResourcePolicy("subflow-transitions", resourceArgs("genesyscloud:index/flow:Flow", { name: "x" }))).toEqual([]);
    expect(runResourcePolicy("subflow-transitions", resourceArgs(INBOUND_CALL_FLOW_TYPE, {}))).toEqual([
      expect.stringMatching(/carries no `facts` arg/),
    ]);
  });
});

describe("module-interface", () => {
  test("expression types: literals, Flow references, unknowns", () => {
    const m = caller();
    expect(expressionType('"text"', m)).toBe("string");
    expect(expressionType("42", m)).toBe("integer");
    expect(expressionType("-1.5", m)).toBe("decimal");
    expect(expressionType("true", m)).toBe("boolean");
    expect(expressionType("Flow.count", m)).toBe("integer");
    expect(expressionType("Flow.undeclared", m)).toBeUndefined();
    expect(expressionType("Call.Ani", m)).toBeUndefined();
    expect(expressionType('Append("a", "b")', m)).toBeUndefined();
    expect(assignable("integer", "decimal", true)).toBe(true);
    expect(assignable("integer", "decimal", false)).toBe(false);
    expect(assignable("decimal", "integer", true)).toBe(false);
  });

  test("pure: unknown names, type mismatches, unbound required input", () => {
    const m = caller({
      Start: {
        type: "subflow",
        module: "Common",
        inputs: { retries: "Flow.accountId", pin: '"1234"' },
        outputs: { verified: "accountId", score: "count", accountId: "missing" },
        transitions: { completed: "Queue", error: "Bye" },
      },
    });
    expect(problems(moduleInterface.check(ctx(m)))).toEqual([
      'Start: input "pin" is not declared by module "Common" (inputs: "callerNumber", "retries")',
      'Start: input "retries" is declared integer by module "Common" but is bound to string Flow.accountId',
      'Start: required input "callerNumber" (string) of module "Common" is not bound',
      'Start: output "accountId" is stored in variable "missing", which the flow does not declare',
      'Start: output "score" is not declared by module "Common" (outputs: "accountId", "verified")',
      'Start: output "verified" is boolean but variable "accountId" is declared string',
    ]);
  });

  test("pure: optional inputs may stay unbound; unknown expression types pass; integer widens to decimal", () => {
    const dec = commonModule({ ...MODULE, inputs: { amount: { type: "decimal" } }, outputs: {} });
    const m = caller({
      Start: { type: "subflow", module: "Common", inputs: { amount: "Flow.count" }, transitions: { completed: "Queue", error: "Bye" } },
    });
    const c = ctx(m, { modules: new Map([["Common", moduleInterfaceOf(dec)]]) });
    expect(moduleInterface.check(c)).toEqual([]);
    expect(problems(moduleInterface.check({ ...c, settings: { widenIntegers: false } }))).toEqual([
      'Start: input "amount" is declared decimal by module "Common" but is bound to integer Flow.count',
    ]);
  });

  test("pure: a module the flow cannot see", () => {
    const m = caller({ Start: { type: "subflow", module: "Other", transitions: { completed: "Queue", error: "Bye" } } });
    expect(problems(moduleInterface.check(ctx(m)))).toEqual([
      'Start: subflow calls module "Other", which is not available (available: "Common")',
    ]);
  });

  test("policy: reads the module interface from facts.module", () => {
    const bad = caller({
      Start: { type: "subflow", module: "Common", inputs: {}, transitions: { completed: "Queue", error: "Bye" } },
    });
    expect(runResourcePolicy("module-interface", callerArgs(bad))).toEqual([
      '[module-interface] stack "dev", flow "dev-Sales" (flows/sales.yaml), node "Start": required input "callerNumber" (string) of module "Common" is not bound. Fix: add inputs.callerNumber with a string expression.',
    ]);
    expect(runResourcePolicy("module-interface", callerArgs(caller()))).toEqual([]);
    expect(runResourcePolicy("module-interface", callerArgs(MODULE))).toEqual([]);
  });
});

describe("reachable-nodes", () => {
  const m = caller({ Orphan: { type: "disconnect" }, Spare: { type: "playMessage", prompt: "x", transitions: { next: "Orphan" } } });

  test("pure: lists unreachable nodes, honours the ignore setting", () => {
    expect(problems(reachableNodes.check(ctx(m)))).toEqual([
      'Orphan: node is not reachable from start node "Start"',
      'Spare: node is not reachable from start node "Start"',
    ]);
    expect(problems(reachableNodes.check(ctx(m, { settings: { ignore: ["Spare"] } })))).toEqual([
      'Orphan: node is not reachable from start node "Start"',
    ]);
  });

  test("pure: a missing start node", () => {
    expect(problems(reachableNodes.check(ctx({ ...m, start: "Nope" })))).toEqual([
      '-: start node "Nope" does not exist, so no node is reachable',
    ]);
  });

  test("policy: config settings reach the rule through getConfig", () => {
    expect(runResourcePolicy("reachable-nodes", callerArgs(m))).toHaveLength(2);
    expect(runResourcePolicy("reachable-nodes", callerArgs(m, {}, { ignore: ["Orphan", "Spare"] }))).toEqual([]);
    expect(runResourcePolicy("reachable-nodes", callerArgs(caller()))).toEqual([]);
  });
});

describe("terminates", () => {
  test("pure: nodes with no way to a terminal (call flows may loop if they can leave)", () => {
    const m = caller({
      Queue: { type: "playMessage", prompt: "x", transitions: { next: "Loop" } },
      Loop: { type: "playMessage", prompt: "y", transitions: { next: "Queue" } },
    });
    expect(problems(terminates.check(ctx(m)))).toEqual([
      "Loop: no path from this node reaches a terminal node (disconnect, transferToQueue, return)",
      "Queue: no path from this node reaches a terminal node (disconnect, transferToQueue, return)",
    ]);
    const leaves = caller({
      Queue: { type: "collectDigits", prompt: "x", variable: "accountId", maxDigits: 1, transitions: { success: "Bye", failure: "Queue" } },
    });
    expect(terminates.check(ctx(leaves))).toEqual([]);
  });

  test("pure: a subflow without transitions is a dead end", () => {
    const m = caller({ Start: { type: "subflow", module: "Common", inputs: { callerNumber: "x" }, transitions: {} } });
    expect(problems(terminates.check(ctx(m)))).toEqual([
      "Start: no path from this node reaches a terminal node (disconnect, transferToQueue, return)",
    ]);
  });

  test("pure: module cycles are listed even when the module can finish", () => {
    const looping = commonModule({
      nodes: {
        Start: { type: "playMessage", prompt: "a", transitions: { next: "B" } },
        B: { type: "decision", expression: "x", transitions: { yes: "Start", no: "Done" } },
        Done: { type: "return", outcome: "completed" },
        Self: { type: "setVariable", variable: "v", value: "1", transitions: { next: "Self" } },
      },
    });
    expect(problems(terminates.check(ctx(looping)))).toEqual([
      "Self: no path from this node reaches a terminal node (disconnect, transferToQueue, return)",
      "B: module nodes form a cycle: B -> Start -> B",
      "Self: module nodes form a cycle: Self -> Self",
    ]);
  });

  test("policy: on a SharedModule's facts", () => {
    const looping = commonModule({
      nodes: {
        Start: { type: "playMessage", prompt: "a", transitions: { next: "Start" } },
        Done: { type: "return", outcome: "completed" },
      },
    });
    const messages = runResourcePolicy("terminates", { ...callerArgs(looping), type: SHARED_MODULE_TYPE });
    expect(messages).toContain(
      '[terminates] stack "dev", flow "dev-Common" (flows/common.yaml), node "Start": module nodes form a cycle: Start -> Start. Fix: break the cycle: make one of "Start" continue to a node outside it.',
    );
  });
});

describe("module-compatibility", () => {
  const nested = commonModule({
    nodes: {
      Start: { type: "subflow", module: "Other", transitions: { completed: "Done", error: "Done" } },
      Done: { type: "return", outcome: "completed" },
    },
  });

  test("pure: a module calling a module", () => {
    expect(problems(moduleCompatibility.check(ctx(nested)))).toEqual([
      'Start: a common module calls module "Other"; modules may not call modules',
    ]);
  });

  test("pure: caller type not among compatibleFlowTypes; module that calls modules", () => {
    const incompatible = { ...moduleInterfaceOf(MODULE), compatibleFlowTypes: [] as never[], callsModules: true };
    expect(problems(moduleCompatibility.check(ctx(caller(), { modules: new Map([["Common", incompatible]]) })))).toEqual([
      'Start: module "Common" is not compatible with inboundcall flows (compatibleFlowTypes: none)',
      'Start: module "Common" itself calls other modules, which Genesys does not allow',
    ]);
  });

  test("policy: both sides", () => {
    expect(runResourcePolicy("module-compatibility", { ...callerArgs(nested), type: SHARED_MODULE_TYPE })).toHaveLength(1);
    const args = callerArgs(caller());
    args.props.facts.module.callsModules = true;
    expect(runResourcePolicy("module-compatibility", args)).toEqual([expect.stringContaining("itself calls other modules")]);
    expect(runResourcePolicy("module-compatibility", callerArgs(caller()))).toEqual([]);
  });
});

describe("prod guardrails", () => {
  const prod = { stack: "prod", environment: "prod", namePrefix: "prod-", publishedName: "prod-Sales" };

  test("pure: nothing without deployment facts (lint) or outside the guarded environments", () => {
    for (const rule of [prodForceUnlock, prodNamePrefix, prodNoPlaceholders]) {
      expect(rule.check(ctx(caller()))).toEqual([]);
      expect(
        rule.check(
          ctx(caller(), {
            deployment: { environment: "dev", namePrefix: "", publishedName: "Sales", forceUnlock: true, unresolvedPlaceholders: ["x"] },
          }),
        ),
      ).toEqual([]);
    }
  });

  test("policy: forceUnlock", () => {
    expect(runResourcePolicy("prod-force-unlock", callerArgs(caller(), { ...prod, forceUnlock: true }))).toEqual([
      '[prod-force-unlock] stack "prod", flow "prod-Sales" (flows/sales.yaml): forceUnlock is on in environment "prod". Fix: set forceUnlock to false in the stack config.',
    ]);
    expect(runResourcePolicy("prod-force-unlock", callerArgs(caller(), prod))).toEqual([]);
    // dev opts in through config
    expect(
      runResourcePolicy("prod-force-unlock", callerArgs(caller(), { forceUnlock: true }, { environments: ["dev", "prod"] })),
    ).toHaveLength(1);
  });

  test("policy: name prefix (and its override setting)", () => {
    expect(runResourcePolicy("prod-name-prefix", callerArgs(caller(), { ...prod, publishedName: "Sales" }))).toEqual([
      '[prod-name-prefix] stack "prod", flow "Sales" (flows/sales.yaml): published name "Sales" does not start with "prod-". Fix: publish the flow as "prod-Sales".',
    ]);
    expect(runResourcePolicy("prod-name-prefix", callerArgs(caller(), prod))).toEqual([]);
    expect(runResourcePolicy("prod-name-prefix", callerArgs(caller(), prod, { namePrefix: "PROD " }))).toHaveLength(1);
    expect(runResourcePolicy("prod-name-prefix", callerArgs(caller(), { ...prod, namePrefix: "" }))).toEqual([
      expect.stringContaining("has no name prefix"),
    ]);
  });

  test("policy: placeholders left after substitution", () => {
    expect(
      runResourcePolicy("prod-no-placeholders", callerArgs(caller(), { ...prod, unresolvedPlaceholders: ["{{sales_queue}}", "brand"] })),
    ).toEqual([
      '[prod-no-placeholders] stack "prod", flow "prod-Sales" (flows/sales.yaml): placeholder {{brand}} is left after substitution. Fix: add a substitution for "brand" to this flow in the stack config.',
      '[prod-no-placeholders] stack "prod", flow "prod-Sales" (flows/sales.yaml): placeholder {{sales_queue}} is left after substitution. Fix: add a substitution for "sales_queue" to this flow in the stack config.',
    ]);
    expect(runResourcePolicy("prod-no-placeholders", callerArgs(caller(), prod))).toEqual([]);
  });
});
