// Flow generators for the benchmark. Pure.
//   - the deploy runs: a portfolio of two modules (Verify calls Lookup) and N callers of four
//     kinds, cycling: a call flow calling Verify, a call flow calling Lookup directly, an email
//     flow and a message flow calling Lookup (the e2e tier's fixtures, testkit/fixtures.ts);
//     with --caller-nodes K, each caller starts with K nodes more, so its model is of a real flow's
//     size (the fixtures' own are 3-4 nodes);
//   - the pure-core runs: synthetic inbound call flows of any size calling Verify.
import * as YAML from "yaml";
import { toolRoot } from "../project/root";
import { planPortfolio } from "../planner/portfolio";
import { parseStackSettings } from "../planner/stackSettings";
import { callFlow, digitalFlow, LOOKUP, VERIFY } from "../testkit/fixtures";

/** The project's folder (from the precompiled build, __dirname is a cache folder: project/root.ts). */
export const ROOT = toolRoot();
/** The module the "module change" step edits (a prompt of its PIN question). */
export const CHANGED_MODULE = { file: "modules/verify.yaml", name: "Verify", node: "Ask" } as const;
export const MODULE_FILES: Record<string, string> = {
  "modules/lookup.yaml": yaml(LOOKUP),
  "modules/verify.yaml": yaml(VERIFY),
};
/** The stack's shared substitutions (the call flows calling Verify use `{{sales_queue}}`). */
export const BENCH_SUBSTITUTIONS: Record<string, string> = { sales_queue: "Sales" };

function yaml(v: unknown): string {
  return YAML.stringify(v, { version: "1.2" });
}

export function pad(i: number, width = 3): string {
  return String(i).padStart(width, "0");
}

export type CallerKind = "call-verify" | "call-lookup" | "email" | "message";
const KINDS: readonly CallerKind[] = ["call-verify", "call-lookup", "email", "message"];

export interface Caller {
  /** Path under flows/. */
  file: string;
  name: string;
  kind: CallerKind;
  /** The modules it reaches, directly or through another module. */
  reaches: string[];
}

/** Most nodes --caller-nodes may add to each caller. */
export const MAX_CALLER_NODES = 2000;

/**
 * The i-th (1-based) caller: kinds cycle call-verify, call-lookup, email, message. With `extraNodes`
 * (>= 0) it starts with that many nodes more (withLeadingNodes); what it calls is the same.
 */
export function caller(i: number, extraNodes = 0): Caller & { text: string } {
  const kind = KINDS[(i - 1) % KINDS.length];
  const name = `Bench${pad(i)}`;
  // Each kind's folder, the modules it reaches and its flow.
  const kinds: Record<CallerKind, [folder: string, reaches: string[], flow: () => FlowObject]> = {
    "call-verify": ["calls", ["Verify", "Lookup"], () => callFlow(name, "Verify", "number", "{{sales_queue}}")],
    "call-lookup": ["calls", ["Lookup"], () => callFlow(name, "Lookup", "address", "General")],
    email: ["digital", ["Lookup"], () => digitalFlow("inboundEmail", name, "Email.Message.from.email", "Mail")],
    message: ["digital", ["Lookup"], () => digitalFlow("inboundShortMessage", name, "Message.RemoteAddress", "Chat")],
  };
  const [folder, reaches, flow] = kinds[kind];
  return {
    file: `${folder}/bench-${pad(i)}.yaml`,
    name,
    kind,
    reaches,
    text: yaml(withLeadingNodes(flow(), extraNodes)),
  };
}

type FlowObject = { start: string; variables?: Record<string, unknown>; nodes: Record<string, unknown> };

/**
 * The flow with `count` nodes before its start: a chain alternating a decision (both ways to the
 * next node) and a setVariable, node types of every caller kind. Every node stays reachable and
 * every path ends where the flow's own did, so the flow loads, compiles and passes every rule.
 */
export function withLeadingNodes<F extends FlowObject>(flow: F, count: number): F {
  if (!Number.isInteger(count) || count < 0 || count > MAX_CALLER_NODES)
    throw new Error(`extra caller nodes must be an integer 0..${MAX_CALLER_NODES}, found ${count}`);
  if (count === 0) return flow;
  const width = String(count).length;
  const id = (k: number) => (k === count ? flow.start : `Lead${String(k).padStart(width, "0")}`);
  const lead: Record<string, unknown> = {};
  for (let k = 0; k < count; k++) {
    const next = id(k + 1);
    lead[id(k)] =
      k % 2 === 0
        ? {
            type: "decision",
            label: `Lead ${k}`,
            expression: `Flow.step == "${k % 10}"`,
            transitions: { yes: next, no: next },
          }
        : { type: "setVariable", label: `Lead ${k}`, variable: "step", value: `"${k % 10}"`, transitions: { next } };
  }
  return {
    ...flow,
    variables: { ...(flow.variables ?? {}), step: { type: "string" } },
    start: id(0),
    nodes: { ...lead, ...flow.nodes },
  };
}

/** The benchmark portfolio with N callers (each with `extraNodes` more), as files under flows/ (path -> text). */
export function benchPortfolio(n: number, extraNodes = 0): Record<string, string> {
  const out: Record<string, string> = { ...MODULE_FILES };
  for (let i = 1; i <= n; i++) {
    const c = caller(i, extraNodes);
    out[c.file] = c.text;
  }
  return out;
}

/**
 * The portfolio of `n` callers planned as `stack` (its environment too) with `namePrefix` (`label`
 * names the settings in their errors): the plan, and the compiled texts of its modules (Lookup,
 * then Verify, which calls it) and of its callers.
 */
export function plannedBenchPortfolio(n: number, stack: string, namePrefix: string, label: string) {
  const sources = Object.entries(benchPortfolio(n)).map(([file, text]) => ({
    id: file.replace(/\.yaml$/, ""),
    file: `flows/${file}`,
    text,
  }));
  const settings = parseStackSettings({ environment: stack, namePrefix, substitutions: BENCH_SUBSTITUTIONS }, label);
  const portfolio = planPortfolio({ stack, settings, sources });
  const isModule = (p: (typeof portfolio.flows)[number]) => p.model.kind === "commonModule";
  return {
    portfolio,
    modules: portfolio.flows.filter(isModule).map((p) => p.substitutedYaml),
    callers: portfolio.flows.filter((p) => !isModule(p)).map((p) => p.substitutedYaml),
  };
}

/**
 * The flow names a change to `module` must republish, worked out from the generator (not from the
 * planner it checks): the module, every module that calls it (Verify calls Lookup) and every caller
 * that reaches it.
 */
export function affectedBy(module: "Verify" | "Lookup", n: number): string[] {
  const modules = module === "Lookup" ? ["Lookup", "Verify"] : ["Verify"];
  const callers = Array.from({ length: n }, (_, k) => caller(k + 1))
    .filter((c) => c.reaches.includes(module))
    .map((c) => c.name);
  return [...modules, ...callers].sort();
}

/** The module's text with the prompt of its PIN question changed (the "module change" step). */
export function changedModuleText(text: string, prompt: string): string {
  const doc = YAML.parseDocument(text, { version: "1.2" });
  if (doc.getIn(["nodes", CHANGED_MODULE.node, "prompt"]) === undefined)
    throw new Error(`${CHANGED_MODULE.file} has no prompt at nodes.${CHANGED_MODULE.node}`);
  doc.setIn(["nodes", CHANGED_MODULE.node, "prompt"], prompt);
  return doc.toString();
}

/**
 * Lookup's text with the prefix of the customer id it returns changed (the cascade round's change
 * to the module every caller reaches, directly or through Verify).
 */
export function changedLookupText(text: string, prefix: string): string {
  const doc = YAML.parseDocument(text, { version: "1.2" });
  const at = ["nodes", "Found", "outputs", "customerId"];
  if (typeof doc.getIn(at) !== "string")
    throw new Error(`modules/lookup.yaml has no output expression at ${at.join(".")}`);
  doc.setIn(at, `Append(${JSON.stringify(prefix)}, Right(Common.address, 4))`);
  return doc.toString();
}

/**
 * A synthetic inbound call flow of `nodes` nodes (>= 2) that calls the Verify module: a chain
 * mixing every caller node type (subflow every 200 nodes and first, playMessage, collectDigits,
 * decision, setVariable), ending in a disconnect. Every node is reachable, every path terminates,
 * every subflow has both transitions, so it loads, compiles and passes all rules.
 */
export function syntheticInbound(name: string, nodes: number): string {
  if (nodes < 2) throw new Error("a synthetic flow needs at least 2 nodes");
  const width = String(nodes).length;
  const id = (i: number) => `N${String(i).padStart(width, "0")}`;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < nodes - 1; i++) {
    const next = id(i + 1);
    if (i % 200 === 0) {
      out[id(i)] = {
        type: "subflow",
        label: `Verify ${i}`,
        module: "Verify",
        inputs: { number: "Call.Ani" },
        outputs: { customerId: "customer" },
        transitions: { completed: next, error: next },
      };
      continue;
    }
    switch (i % 4) {
      case 1:
        out[id(i)] = { type: "playMessage", prompt: `Step ${i} of ${name}.`, transitions: { next } };
        break;
      case 2:
        out[id(i)] = {
          type: "collectDigits",
          prompt: `Press a key for step ${i}.`,
          variable: "choice",
          maxDigits: 1,
          transitions: { success: next, failure: next },
        };
        break;
      case 3:
        out[id(i)] = {
          type: "decision",
          expression: `Flow.choice == "${i % 10}"`,
          transitions: { yes: next, no: next },
        };
        break;
      default:
        out[id(i)] = { type: "setVariable", variable: "choice", value: `"${i % 10}"`, transitions: { next } };
    }
  }
  out[id(nodes - 1)] = { type: "disconnect" };
  return yaml({
    kind: "inboundCall",
    name,
    description: `Synthetic ${nodes}-node flow for the benchmark.`,
    variables: { choice: { type: "string" }, customer: { type: "string" } },
    start: id(0),
    nodes: out,
  });
}
