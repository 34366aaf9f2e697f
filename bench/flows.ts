// Flow generators for the benchmark: N inbound flows made from the example sales flow (for the
// deploy runs), and synthetic inbound flows of any size (for the pure-core runs). Pure.
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";

export const ROOT = path.resolve(__dirname, "..");
export const MODULE_FILE = "flows/verify-caller.yaml";
export const TEMPLATE_FILE = "flows/sales.yaml";
/** The substitutions the example sales flow needs (as in Pulumi.local.yaml). */
export const TEMPLATE_SUBSTITUTIONS: Record<string, string> = {
  brand: "Acme",
  sales_queue: "Sales local",
  orders_queue: "Orders local",
  general_queue: "General local",
};

export function pad(i: number, width = 3): string {
  return String(i).padStart(width, "0");
}

/** File, model name and text of the i-th (1-based) generated inbound flow. */
export function inboundFromTemplate(template: string, i: number): { file: string; name: string; text: string } {
  const doc = YAML.parseDocument(template, { version: "1.2" });
  const name = `Bench${pad(i)}`;
  doc.set("name", name);
  doc.set("description", `Benchmark inbound flow ${i}, generated from ${TEMPLATE_FILE}.`);
  return { file: `flows/bench-${pad(i)}.yaml`, name, text: doc.toString() };
}

/** The stack-config list for N generated inbound flows. */
export function inboundConfig(n: number): Array<{ file: string; substitutions: Record<string, string> }> {
  return Array.from({ length: n }, (_, k) => ({ file: `flows/bench-${pad(k + 1)}.yaml`, substitutions: { ...TEMPLATE_SUBSTITUTIONS } }));
}

export function readTemplate(root = ROOT): string {
  return fs.readFileSync(path.join(root, TEMPLATE_FILE), "utf8");
}

/**
 * A synthetic inbound flow of `nodes` nodes (>= 2) that calls the example module: a chain mixing
 * every caller node type (subflow every 200 nodes and first, playMessage, collectDigits, decision,
 * setVariable), ending in a disconnect. Every node is reachable, every path terminates, every
 * subflow has both transitions, so it loads, compiles and passes all rules.
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
        module: "VerifyCaller",
        inputs: { callerNumber: "Call.Ani", maxAttempts: "3" },
        outputs: { accountId: "accountId", verified: "verified" },
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
        out[id(i)] = { type: "decision", expression: `Flow.choice == "${i % 10}"`, transitions: { yes: next, no: next } };
        break;
      default:
        out[id(i)] = { type: "setVariable", variable: "choice", value: `"${i % 10}"`, transitions: { next } };
    }
  }
  out[id(nodes - 1)] = { type: "disconnect" };
  return YAML.stringify(
    {
      kind: "inboundCall",
      name,
      description: `Synthetic ${nodes}-node flow for the benchmark.`,
      variables: { choice: { type: "string" }, accountId: { type: "string" }, verified: { type: "boolean", initial: "false" } },
      start: id(0),
      nodes: out,
    },
    { version: "1.2" },
  );
}
