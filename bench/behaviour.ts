// Benchmark of the behaviour tests (issue 26; not a timed test: it prints, it never fails on time):
//   1. 1,000 scenarios over a portfolio of 100 inbound call flows of 50 nodes (bench/flows.ts
//      syntheticInbound, each calling the Verify module, which calls Lookup), run in process;
//   2. the journeys of one 200-node flow (enumerated up to the journey bound).
// Usage: node -r ts-node/register/transpile-only bench/behaviour.ts
import { performance } from "node:perf_hooks";
import { journeysOf } from "../behaviour/journeys";
import { programOfPortfolio } from "../behaviour/program";
import { parseScenarioText } from "../behaviour/scenario/load";
import { runScenario } from "../behaviour/scenario/run";
import { planPortfolio } from "../planner/portfolio";
import { parseStackSettings } from "../planner/stackSettings";
import { MODULE_FILES, syntheticInbound } from "./flows";

const FLOWS = 100;
const NODES = 50;
const SCENARIOS_PER_FLOW = 10;

function portfolio(flows: Record<string, string>) {
  const sources = Object.entries(flows).map(([file, text]) => ({
    id: file.replace(/\.yaml$/, ""),
    file: `flows/${file}`,
    text,
  }));
  return planPortfolio({
    stack: "bench",
    settings: parseStackSettings({ environment: "bench" }, "Pulumi.bench.yaml"),
    sources,
  });
}

/** Scenario k of a flow: a PIN, then one key at each of the flow's collect inputs (k varies them). */
function scenarioText(flow: string, k: number, collects: number): string {
  const keys = Array.from({ length: collects }, (_, i) => `{ digits: "${(i * 7 + k) % 10}" }`);
  return `flow: ${flow}\nscenarios:\n  - name: Journey ${k}\n    call: { ani: "+13175550100" }\n    steps: [{ digits: "1234" }, ${keys.join(", ")}]\n    expect: { outcome: disconnect }\n`;
}

const t0 = performance.now();
const files: Record<string, string> = { ...MODULE_FILES };
for (let i = 0; i < FLOWS; i++)
  files[`calls/synthetic-${String(i).padStart(3, "0")}.yaml`] = syntheticInbound(`Synthetic${i}`, NODES);
const program = programOfPortfolio(portfolio(files));
const t1 = performance.now();
const collects = Array.from({ length: NODES - 1 }, (_, i) => i).filter((i) => i % 200 !== 0 && i % 4 === 2).length;
const scenarios = [...program.flows.keys()]
  .filter((id) => id.startsWith("calls/"))
  .flatMap((id) =>
    Array.from(
      { length: SCENARIOS_PER_FLOW },
      (_, k) => parseScenarioText(scenarioText(id, k, collects), `scenarios/${id}/bench.yaml`)[0],
    ),
  );
const t2 = performance.now();
const results = scenarios.map((s) => runScenario(program, s));
const t3 = performance.now();
const failed = results.filter((r) => r.status !== "passed");

const big = programOfPortfolio(portfolio({ ...MODULE_FILES, "calls/big.yaml": syntheticInbound("Big", 200) }));
const t4 = performance.now();
const table = journeysOf(big, "calls/big");
const t5 = performance.now();

const ms = (a: number, b: number) => `${Math.round(b - a)} ms`;
process.stdout.write(
  [
    `portfolio: ${FLOWS} flows of ${NODES} nodes + 2 modules, planned and compiled with source maps: ${ms(t0, t1)}`,
    `scenarios: ${scenarios.length} parsed in ${ms(t1, t2)}, run in ${ms(t2, t3)} (${failed.length} not passing${failed.length > 0 ? `: ${failed[0].stop ?? failed[0].differences[0]?.message}` : ""})`,
    `journeys of a 200-node flow: ${table.journeys.length}${table.truncated ? " (the bound; the flow has more)" : ""} in ${ms(t4, t5)}`,
    "",
  ].join("\n"),
);
