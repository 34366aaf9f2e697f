// The compiler keeps a flow's meaning: for random flow graphs of every layout (tasks with shared
// nodes, states, one startUpTaskActions list; bounded loops with exits; cycles back to tasks and menus; menus entered at the start
// or by a jump), running the compiled Archy (test/helpers/archyRunner.ts) visits exactly the nodes
// a walk of the model visits, for the same choices at every branching node: decision, switch,
// menu, schedule, schedule group, data action, collection, transfer and module call.
import fc from "fast-check";
import { compileToArchy, parseArchyYaml, compileFlow } from "../../compiler";
import { parseFlowText } from "../../model/load";
import { coreFindings } from "../../checks";
import type { FlowModel } from "../../model/schema";
import { runArchy, type Oracle } from "../helpers/archyRunner";
import { flowText, lookupModule } from "../helpers/portfolio";

/** The same choices for both runs: a hash of the seed, the point's name and how often it was asked. */
function oracleFrom(seed: number): Oracle {
  const seen = new Map<string, number>();
  return (name, options) => {
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    let h = seed ^ 0x9e3779b9;
    for (const c of `${name}#${n}`) h = Math.imul(h ^ c.charCodeAt(0), 0x85ebca6b) >>> 0;
    return options[h % options.length];
  };
}

/** Walks the model: the nodes visited, taking the oracle's choices. */
function walkModel(model: FlowModel, oracle: Oracle): string[] {
  const trace: string[] = [];
  let frame: { loop: string; i: number; max: number; body: string; done: string } | undefined;
  let next: string | undefined = model.start;
  let steps = 0;
  const go = (target: string | undefined): string | undefined => {
    if (target === undefined) return undefined;
    if (frame && target === frame.loop) {
      frame.i++;
      if (frame.i < frame.max) return frame.body;
      const done: string = frame.done;
      frame = undefined;
      return done;
    }
    if (frame && target === frame.done) frame = undefined;
    return target;
  };
  while (next !== undefined) {
    if (++steps > 10000) throw new Error("model walk does not end");
    const id: string = next;
    const node = model.nodes[id];
    trace.push(node.label ?? id);
    const t = node.transitions as Record<string, string | undefined>;
    switch (node.type) {
      case "decision":
        next = go(t[oracle(id, ["yes", "no"])]);
        break;
      case "switch": {
        const cases = Object.keys(node.cases);
        const o = oracle(id, [...cases.map((_, i) => `case${i}`), "default"]);
        next = go(t[o === "default" ? "default" : cases[Number(o.slice("case".length))]]);
        break;
      }
      case "menu": {
        // The choices in order, then the default choice taken when the caller makes none.
        const choices = Object.keys(node.choices);
        const picked = Number(oracle(id, [...choices, "noInput"].map((_, i) => String(i))));
        next = go(t[picked < choices.length ? choices[picked] : "noInput"]);
        break;
      }
      case "schedule":
        next = go(oracle(id, ["active", "inactive"]) === "active" ? t.open : t.closed);
        break;
      case "scheduleGroup":
        next = go(t[oracle(id, ["open", "closed", "holiday", ...(node.emergencyGroup !== undefined ? ["emergency"] : [])])]);
        break;
      case "dataAction":
      case "collectDigits":
        next = go(t[oracle(id, node.type === "dataAction" ? ["success", "failure", "timeout"] : ["success", "failure"])]);
        break;
      case "transferToQueue":
      case "transferToFlow":
        next = oracle(id, ["success", "failure"]) === "success" ? undefined : go(t.failure);
        break;
      case "subflow":
        next = go(t[oracle(id, ["completed", "error"])]);
        break;
      case "loop":
        frame = { loop: id, i: 0, max: node.maxLoops, body: node.transitions.body, done: node.transitions.done };
        next = node.transitions.body;
        break;
      case "disconnect":
      case "return":
        next = undefined;
        break;
      default:
        next = go(t.next);
    }
  }
  return trace;
}

const BRANCHING = ["switch", "schedule", "scheduleGroup", "dataAction"] as const;
const KINDS = {
  inboundCall: {
    types: ["playMessage", "setVariable", "decision", "collectDigits", "transferToQueue", "subflow", "menu", "transferToFlow", "setParticipantData", "getParticipantData", ...BRANCHING],
    end: "disconnect",
    cycles: true,
  },
  inboundEmail: { types: ["setVariable", "decision", "transferToQueue", "subflow", "sendAutoReply", "setParticipantData", ...BRANCHING], end: "disconnect", cycles: false },
  inboundShortMessage: { types: ["setVariable", "decision", "transferToQueue", "subflow", "sendResponse", "getParticipantData", ...BRANCHING], end: "disconnect", cycles: true },
  inQueueCall: { types: ["playMessage", "setVariable", "decision", "collectDigits", "subflow", "transferToFlow", ...BRANCHING], end: "disconnect", cycles: false },
  commonModule: { types: ["setVariable", "decision", "collectDigits", "playMessage", "switch", "schedule", "dataAction"], end: "return", cycles: false },
} as const;
type Kind = keyof typeof KINDS;

/**
 * A random flow: nodes N0..Nk with forward transitions, plus at most one bounded loop whose body
 * is a window of nodes that may go back to it or on to its done target, and, in kinds with
 * reusable tasks, decisions and menus that sometimes go back to an earlier node (a cycle).
 */
const flowArb = (kind: Kind) =>
  fc
    .record({
      size: fc.integer({ min: 2, max: 18 }),
      types: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 18, maxLength: 18 }),
      picks: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 60, maxLength: 60 }),
      loopAt: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
      loopLen: fc.integer({ min: 1, max: 4 }),
      max: fc.integer({ min: 1, max: 3 }),
    })
    .map(({ size, types, picks, loopAt, loopLen, max }) => {
      const n = size;
      const id = (i: number) => `N${i}`;
      let p = 0;
      const pick = (k: number) => picks[p++ % picks.length] % k;
      const loop = loopAt !== undefined && loopAt + loopLen + 1 < n - 1 ? { at: loopAt, end: loopAt + loopLen } : undefined;
      const inWindow = (i: number) => loop !== undefined && i > loop.at && i <= loop.end;
      /** A forward target for node i, respecting the loop window. */
      const target = (i: number): string => {
        const candidates: number[] = [];
        for (let j = i + 1; j < n; j++) {
          if (inWindow(j) && !inWindow(i) && !(loop && i === loop.at && j === loop.at + 1)) continue;
          candidates.push(j);
        }
        if (inWindow(i) && loop) candidates.push(loop.at); // back to the loop node
        return id(candidates[pick(candidates.length)]);
      };
      /**
       * Sometimes, in a kind with reusable tasks, a node earlier on the path (a cycle: the node
       * it comes back to is a task entered by a jump). Never inside or across the loop.
       */
      const back = (i: number): string | undefined => {
        if (!KINDS[kind].cycles || inWindow(i) || (loop && i === loop.at) || pick(3) !== 0) return undefined;
        const from = loop && loop.at < i ? loop.end + 1 : 0;
        return id(from + pick(i - from + 1));
      };
      const spec = KINDS[kind];
      const nodes: Record<string, unknown> = {};
      for (let i = 0; i < n - 1; i++) {
        if (loop && i === loop.at) {
          nodes[id(i)] = { type: "loop", maxLoops: max, transitions: { body: id(i + 1), done: id(loop.end + 1 + pick(n - loop.end - 1)) } };
          continue;
        }
        let type: string = spec.types[types[i] % spec.types.length];
        // A menu is entered by a jump, which leaves a loop: it cannot be part of a loop's body.
        if (type === "menu" && (inWindow(i) || (loop !== undefined && i === loop.at + 1))) type = "decision";
        const v = kind === "commonModule" ? "Common.v" : "Flow.v";
        switch (type) {
          case "playMessage":
            nodes[id(i)] = { type, prompt: `p${i}`, transitions: { next: target(i) } };
            break;
          case "setVariable":
            nodes[id(i)] = { type, variable: "v", value: `"${i}"`, transitions: { next: target(i) } };
            break;
          case "decision":
            nodes[id(i)] = { type, expression: `Flow.v == "${i}"`.replace("Flow.", kind === "commonModule" ? "Common." : "Flow."), transitions: { yes: target(i), no: back(i) ?? target(i) } };
            break;
          case "collectDigits":
            nodes[id(i)] = { type, prompt: "p", variable: "v", maxDigits: 1, transitions: { success: target(i), failure: target(i) } };
            break;
          case "transferToQueue":
            nodes[id(i)] = { type, queue: "Q", ...(pick(3) > 0 ? { transitions: { failure: target(i) } } : {}) };
            break;
          case "subflow":
            nodes[id(i)] = { type, module: "Lookup", inputs: { address: '"x"' }, transitions: { completed: target(i), error: target(i) } };
            break;
          case "switch":
            nodes[id(i)] = { type, cases: { a: `${v} == "a"`, b: `${v} == "b"` }, transitions: { a: target(i), b: target(i), default: target(i) } };
            break;
          case "menu":
            nodes[id(i)] = {
              type,
              prompt: "p",
              choices: { one: { dtmf: 1 }, two: { dtmf: 2, speech: ["two"] } },
              transitions: { one: target(i), two: back(i) ?? target(i), ...(pick(2) === 0 ? { noInput: target(i) } : {}) },
            };
            break;
          case "schedule":
            nodes[id(i)] = { type, schedule: "Hours", timeZone: "America/Chicago", transitions: { open: target(i), closed: target(i) } };
            break;
          case "scheduleGroup": {
            const emergency = pick(2) === 0;
            nodes[id(i)] = {
              type,
              scheduleGroup: "Office",
              ...(emergency ? { emergencyGroup: "Storm" } : {}),
              transitions: { open: target(i), closed: target(i), holiday: target(i), ...(emergency ? { emergency: target(i) } : {}) },
            };
            break;
          }
          case "dataAction":
            nodes[id(i)] = { type, category: "C", action: "A", inputs: { x: v }, outputs: { y: "v" }, transitions: { success: target(i), failure: target(i), timeout: target(i) } };
            break;
          case "transferToFlow":
            // An in-queue flow's path cannot end inside a loop (the compiler refuses it): keep the failure there.
            nodes[id(i)] = { type, flow: "F", ...(pick(3) > 0 || kind === "inQueueCall" ? { transitions: { failure: target(i) } } : {}) };
            break;
          case "setParticipantData":
            nodes[id(i)] = { type, attributes: { k: v }, transitions: { next: target(i) } };
            break;
          case "getParticipantData":
            nodes[id(i)] = { type, attributes: { k: "v" }, transitions: { next: target(i) } };
            break;
          case "sendAutoReply":
            nodes[id(i)] = { type, body: v, transitions: { next: target(i) } };
            break;
          case "sendResponse":
            nodes[id(i)] = { type, message: v, transitions: { next: target(i) } };
            break;
        }
      }
      nodes[id(n - 1)] = spec.end === "return" ? { type: "return", outcome: "completed" } : { type: "disconnect" };
      const base = { kind, name: "F", variables: { v: { type: "string" } }, start: id(0), nodes };
      return kind === "commonModule" ? { ...base, compatibleFlowTypes: ["inboundCall"] } : base;
    });

const lookup = parseFlowText(flowText(lookupModule({}, ["inboundCall", "inboundEmail", "inboundShortMessage", "inQueueCall"])), "flows/m.yaml");
const modules = new Map([["Lookup", { publishedName: "t-Lookup", model: lookup.model as never }]]);

describe.each(Object.keys(KINDS) as Kind[])("a compiled %s runs like its model", (kind) => {
  test("for random graphs and random choices", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(flowArb(kind), fc.integer(), (spec, seed) => {
        for (const n of Object.values(spec.nodes as Record<string, { type: string }>)) seen.add(n.type);
        const flow = parseFlowText(flowText(spec), "flows/f.yaml");
        // Only flows the checks accept are compiled (the generator stays within the rules).
        const problems = coreFindings({ flows: [{ file: flow.file, id: "f", model: flow.model, displayName: "F" }, { file: lookup.file, id: "m", model: lookup.model, displayName: "Lookup" }] });
        expect(problems).toEqual([]);
        const doc = compileToArchy(flow, { publishedName: "t-F", modules });
        const compiled = runArchy(doc, oracleFrom(seed));
        expect(compiled.trace).toEqual(walkModel(flow.model, oracleFrom(seed)));
        // The YAML text parses back to the same document (no anchors, nothing lost).
        expect(parseArchyYaml(compileFlow(flow, { publishedName: "t-F", modules }))).toEqual(JSON.parse(JSON.stringify(doc)));
      }),
      { numRuns: Number(process.env.SEM_RUNS ?? 150) },
    );
    // The runs covered every node type the generator offers for this kind.
    expect([...KINDS[kind].types].filter((t) => !seen.has(t))).toEqual([]);
  });
});

describe("a module calling a module is compiled with the callee in place", () => {
  const inner = {
    kind: "commonModule",
    name: "Inner",
    inputs: { a: { type: "string" } },
    outputs: { r: { type: "string" } },
    variables: { t: { type: "string" } },
    start: "DI1",
    nodes: {
      DI1: { type: "decision", expression: 'Common.a == "x"', transitions: { yes: "SetT", no: "DI2" } },
      SetT: { type: "setVariable", variable: "t", value: 'Append(Common.a, "!")', transitions: { next: "Ok" } },
      DI2: { type: "decision", expression: "IsSet(Common.t)", transitions: { yes: "Ok", no: "Bad" } },
      Ok: { type: "return", outcome: "completed", outputs: { r: "Common.t" } },
      Bad: { type: "return", outcome: "error" },
    },
  };
  const outer = {
    kind: "commonModule",
    name: "Outer",
    inputs: { x: { type: "string" } },
    outputs: { y: { type: "string" } },
    start: "L",
    nodes: {
      L: { type: "loop", maxLoops: 2, transitions: { body: "Call", done: "Fail" } },
      Call: { type: "subflow", module: "Inner", inputs: { a: "Common.x" }, outputs: { r: "y" }, transitions: { completed: "DO1", error: "L" } },
      DO1: { type: "decision", expression: "IsSet(Common.y)", transitions: { yes: "Done", no: "L" } },
      Done: { type: "return", outcome: "completed" },
      Fail: { type: "return", outcome: "error" },
    },
  };
  const innerFlow = parseFlowText(flowText(inner), "flows/inner.yaml");
  const outerFlow = parseFlowText(flowText(outer), "flows/outer.yaml");
  const mods = new Map([["Inner", { publishedName: "t-Inner", model: innerFlow.model as never }]]);
  const doc = compileToArchy(outerFlow, { publishedName: "t-Outer", modules: mods });
  const text = JSON.stringify(doc);

  test("the callee's variables are renamed under the calling node and declared in the caller", () => {
    expect(text).not.toContain("callCommonModule");
    expect(text).toContain('"exp":"Append(Common.Call_a, \\"!\\")"');
    const names = ((doc.commonModule as { variables: Array<Record<string, { name: string }>> }).variables).map((v) => Object.values(v)[0].name);
    expect(names).toEqual(expect.arrayContaining(["Common.Call_a", "Common.Call_r", "Common.Call_t", "Common.L_index"]));
  });

  test("its decisions run in the order the two models give", () => {
    const decisionsOf = (trace: string[]) => trace.filter((n) => /^D/.test(n));
    for (let seed = 0; seed < 200; seed++) {
      // The model walk: the outer graph, with the inner one walked at each call.
      const oracle = oracleFrom(seed);
      const trace: string[] = [];
      let iteration = 0;
      let at: string | undefined = "L";
      while (at !== undefined) {
        if (at === "L") {
          if (iteration++ >= 2) at = "Fail";
          else at = "Call";
          continue;
        }
        if (at === "Call") {
          let i: string | undefined = "DI1";
          let outcome = "error";
          while (i !== undefined) {
            trace.push(i);
            if (i === "DI1") i = oracle("DI1", ["yes", "no"]) === "yes" ? "SetT" : "DI2";
            else if (i === "SetT") i = "Ok";
            else if (i === "DI2") i = oracle("DI2", ["yes", "no"]) === "yes" ? "Ok" : "Bad";
            else {
              outcome = i === "Ok" ? "completed" : "error";
              i = undefined;
            }
          }
          at = outcome === "completed" ? "DO1" : "L";
          continue;
        }
        if (at === "DO1") {
          trace.push("DO1");
          at = oracle("DO1", ["yes", "no"]) === "yes" ? "Done" : "L";
          continue;
        }
        trace.push(at);
        at = undefined;
      }
      const compiled = runArchy(doc, oracleFrom(seed));
      expect(decisionsOf(compiled.trace)).toEqual(decisionsOf(trace));
      expect(compiled.trace[compiled.trace.length - 1]).toBe(trace[trace.length - 1]);
    }
  });
});
