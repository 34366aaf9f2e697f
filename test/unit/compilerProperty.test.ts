// Property test: random valid models (random module interfaces, random DAG modules, random
// inbound graphs with loops and subflow mappings) always compile to Archy that parses, whose
// references all resolve and whose module calls match the module's declared interface.
import fc from "fast-check";
import { compileInboundCall, compileModule, parseArchyYaml } from "../../components/compiler";
import { checkFlowSet, validateFlowValue } from "../../components/model/loader";
import type { CommonModuleFlow, InboundCallFlowModel, LoadedFlow, ValueType } from "../../components/model/schema";

const TYPES: ValueType[] = ["string", "integer", "decimal", "boolean"];
const NAMES = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta"];
const PUBLISHED = "prop-Module";

const valueType = fc.constantFrom(...TYPES);
const text = fc.string({ minLength: 1, maxLength: 20 });

/** Module interface: disjoint inputs / outputs / variables drawn from NAMES, plus a string variable. */
const moduleInterface = fc
  .tuple(fc.shuffledSubarray(NAMES), fc.nat(8), fc.nat(8), fc.array(valueType, { minLength: 8, maxLength: 8 }), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }))
  .map(([names, a, b, types, req]) => {
    const i = Math.min(a, names.length);
    const o = Math.min(i + b, names.length);
    const inputs = Object.fromEntries(names.slice(0, i).map((n, k) => [n, { type: types[k], required: req[k] }]));
    const outputs = Object.fromEntries(names.slice(i, o).map((n, k) => [n, { type: types[i + k] }]));
    const variables: Record<string, { type: ValueType }> = { work: { type: "string" } };
    for (const [k, n] of names.slice(o).entries()) variables[n] = { type: types[(o + k) % 8] };
    return { inputs, outputs, variables };
  });

type Iface = { inputs: Record<string, { type: ValueType }>; outputs: Record<string, { type: ValueType }>; variables: Record<string, { type: ValueType }> };

/** A module body: a DAG (transitions only to later nodes) ending in return nodes. */
function moduleNodes(iface: Iface) {
  const outs = Object.keys(iface.outputs);
  const writable = [...Object.keys(iface.inputs), ...outs, ...Object.keys(iface.variables)];
  return fc.integer({ min: 1, max: 7 }).chain((n) =>
    fc.array(
      fc.record({
        kind: fc.constantFrom("playMessage", "setVariable", "collectDigits", "decision", "transferToQueue", "disconnect", "return"),
        a: fc.nat(),
        b: fc.nat(),
        pick: fc.nat(),
        text,
        outcome: fc.constantFrom("completed", "error"),
        withFailure: fc.boolean(),
        outSubset: fc.subarray(outs),
      }),
      { minLength: n + 1, maxLength: n + 1 },
    ).map((specs) => {
      const nodes: Record<string, unknown> = {};
      specs.forEach((s, i) => {
        const id = `N${i}`;
        const later = (x: number) => `N${i + 1 + (x % (specs.length - i - 1))}`;
        const last = i === specs.length - 1;
        const kind = last ? "return" : s.kind;
        switch (kind) {
          case "playMessage":
            nodes[id] = { type: kind, prompt: s.text, transitions: { next: later(s.a) } };
            break;
          case "setVariable":
            nodes[id] = { type: kind, variable: writable[s.pick % writable.length], value: "x", transitions: { next: later(s.a) } };
            break;
          case "collectDigits":
            nodes[id] = { type: kind, prompt: s.text, variable: "work", minDigits: 1, maxDigits: 1 + (s.pick % 4), transitions: { success: later(s.a), failure: later(s.b) } };
            break;
          case "decision":
            nodes[id] = { type: kind, expression: "Common.work == \"1\"", transitions: { yes: later(s.a), no: later(s.b) } };
            break;
          case "transferToQueue":
            nodes[id] = { type: kind, queue: s.text, ...(s.withFailure ? { transitions: { failure: later(s.a) } } : {}) };
            break;
          case "disconnect":
            nodes[id] = { type: kind };
            break;
          default:
            nodes[id] = { type: "return", outcome: s.outcome, outputs: Object.fromEntries(s.outSubset.map((o) => [o, "x"])) };
        }
      });
      return nodes;
    }),
  );
}

/** An inbound flow: any graph (loops allowed) over its nodes, with subflow calls of the module. */
function inboundNodes(iface: Iface) {
  const ins = Object.keys(iface.inputs);
  const outs = Object.keys(iface.outputs);
  return fc.integer({ min: 1, max: 9 }).chain((n) =>
    fc.array(
      fc.record({
        kind: fc.constantFrom("playMessage", "setVariable", "collectDigits", "decision", "transferToQueue", "disconnect", "subflow", "subflow"),
        a: fc.nat(),
        b: fc.nat(),
        text,
        inSubset: fc.subarray(ins),
        outSubset: fc.subarray(outs),
        completed: fc.boolean(),
        error: fc.boolean(),
        label: fc.option(fc.constantFrom("Same label", "Other"), { nil: undefined }),
      }),
      { minLength: n, maxLength: n },
    ).map((specs) => {
      const nodes: Record<string, unknown> = {};
      const any = (x: number) => `N${x % specs.length}`;
      specs.forEach((s, i) => {
        const id = `N${i}`;
        const label = s.label !== undefined ? { label: s.label } : {};
        switch (s.kind) {
          case "playMessage":
            nodes[id] = { type: s.kind, ...label, prompt: s.text, transitions: { next: any(s.a) } };
            break;
          case "setVariable":
            nodes[id] = { type: s.kind, ...label, variable: "v_string", value: "\"v\"", transitions: { next: any(s.a) } };
            break;
          case "collectDigits":
            nodes[id] = { type: s.kind, ...label, prompt: s.text, variable: "v_string", maxDigits: 2, transitions: { success: any(s.a), failure: any(s.b) } };
            break;
          case "decision":
            nodes[id] = { type: s.kind, ...label, expression: "Flow.v_boolean", transitions: { yes: any(s.a), no: any(s.b) } };
            break;
          case "transferToQueue":
            nodes[id] = { type: s.kind, ...label, queue: s.text, transitions: s.completed ? { failure: any(s.a) } : {} };
            break;
          case "disconnect":
            nodes[id] = { type: s.kind, ...label };
            break;
          default:
            nodes[id] = {
              type: "subflow",
              ...label,
              module: "M",
              inputs: Object.fromEntries(s.inSubset.map((x) => [x, "Call.Ani"])),
              outputs: Object.fromEntries(s.outSubset.map((o) => [o, `v_${iface.outputs[o].type}`])),
              transitions: { ...(s.completed ? { completed: any(s.a) } : {}), ...(s.error ? { error: any(s.b) } : {}) },
            };
        }
      });
      return nodes;
    }),
  );
}

const scenario = moduleInterface.chain((iface) =>
  fc.record({ iface: fc.constant(iface), moduleNodes: moduleNodes(iface), inbound: fc.array(inboundNodes(iface), { minLength: 1, maxLength: 3 }) }),
);

function walk(v: unknown, f: (key: string, value: unknown) => void): void {
  if (Array.isArray(v)) v.forEach((x) => walk(x, f));
  else if (typeof v === "object" && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      f(k, x);
      walk(x, f);
    }
  }
}

describe("compiler properties over random valid models", () => {
  it("compiles to parseable Archy whose references resolve and whose module calls match the interface", () => {
    fc.assert(
      fc.property(scenario, ({ iface, moduleNodes: mNodes, inbound }) => {
        const mod = validateFlowValue({ kind: "commonModule", name: "M", start: "N0", ...iface, nodes: mNodes }, "flows/m.yaml") as LoadedFlow<CommonModuleFlow>;
        const callers = inbound.map(
          (nodes, k) =>
            validateFlowValue(
              {
                kind: "inboundCall",
                name: `Flow${k}`,
                start: "N0",
                variables: Object.fromEntries(TYPES.map((t) => [`v_${t}`, { type: t }])),
                nodes,
              },
              `flows/f${k}.yaml`,
            ) as LoadedFlow<InboundCallFlowModel>,
        );
        checkFlowSet(mod, callers);

        const moduleYaml = compileModule(mod, { publishedName: PUBLISHED });
        expect(compileModule(mod, { publishedName: PUBLISHED })).toBe(moduleYaml);
        const m = (parseArchyYaml(moduleYaml) as any).commonModule;
        expect(m.startUpTaskActions.at(-1)).toEqual({ endTask: { name: "Exit Common Module" } });
        const declared = m.variables.map((v: any) => (Object.values(v)[0] as any).name).sort();
        expect(declared).toEqual(
          [...Object.keys(iface.inputs), ...Object.keys(iface.outputs), ...Object.keys(iface.variables), "outcome"].map((n) => `Common.${n}`).sort(),
        );

        const expectedInputs = Object.keys(iface.inputs).map((n) => `Common.${n}`).sort();
        const expectedOutputs = [...Object.keys(iface.outputs), "outcome"].map((n) => `Common.${n}`).sort();
        for (const caller of callers) {
          const opts = { publishedName: `prop-${caller.model.name}`, module: { name: "M", publishedName: PUBLISHED, model: mod.model } };
          const yaml = compileInboundCall(caller, opts);
          expect(compileInboundCall(caller, opts)).toBe(yaml);
          const flow = (parseArchyYaml(yaml) as any).inboundCall;
          const refIds: string[] = flow.tasks.map((t: any) => t.task.refId);
          expect(new Set(refIds).size).toBe(refIds.length);
          expect(refIds.sort()).toEqual(Object.keys(caller.model.nodes).sort());
          const refs = new Set(refIds.map((r) => `/inboundCall/tasks/task[${r}]`));
          expect(refs.has(flow.startUpRef)).toBe(true);
          const flowVars = new Set(flow.variables.map((v: any) => (Object.values(v)[0] as any).name));
          let calls = 0;
          walk(flow, (key, value) => {
            if (key === "targetTaskRef") expect(refs.has(value as string)).toBe(true);
            if (key === "var") expect(flowVars.has(value as string)).toBe(true);
            if (key === "callCommonModule") {
              calls++;
              const cm = (value as any).commonModule;
              expect(Object.keys(cm)).toEqual([PUBLISHED]);
              const ver = cm[PUBLISHED].ver_latestPublished;
              expect(Object.keys(ver.inputs ?? {}).sort()).toEqual(expectedInputs);
              expect(Object.keys(ver.outputs ?? {}).sort()).toEqual(expectedOutputs);
            }
          });
          expect(calls).toBe(Object.values(caller.model.nodes).filter((n) => n.type === "subflow").length);
        }
      }),
      { numRuns: 100, seed: 20240601 },
    );
  });
});
