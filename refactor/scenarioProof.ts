// The scenarios half of a refactoring's proof: every scenario of the flows it changes
// (scenarios/<flow id>/*.yaml, and those naming the flow), run before on the project as it was and
// after on the project as it would be, each with its stack's substitutions and routing, as
// `genesys-flows test` runs them. A scenario that passed before must pass after. After an
// injection, what the injected module did (the nodes it entered, what it said) is left out of the
// run before its expectations are compared: the scenario was written for the flow without it; a
// scenario that does not answer what the module asks fails, naming the step it needs. Pure.
import { stackFileName } from "../model/stackFile";
import { compare, type Actual } from "../behaviour/scenario/expect";
import { flowOfScenarioPath, parseScenarioText, type LoadedScenario } from "../behaviour/scenario/load";
import { runScenario, type ScenarioResult, type ScenarioStatus } from "../behaviour/scenario/run";
import { programOfPortfolio, type Program } from "../behaviour/program";
import { StackRouting } from "../behaviour/routing";
import { formatIssue, FlowLoadError } from "../model/errors";
import { planPortfolio } from "../planner/portfolio";
import { planRouting } from "../planner/routing";
import type { ProjectSnapshot } from "./project";
import { cmp } from "../archy/json";

export interface ScenarioProof {
  file: string;
  name: string;
  flow: string;
  stack: string;
  before: ScenarioStatus | "not run";
  after: ScenarioStatus | "not run";
  holds: boolean;
  /** Why it does not pass after (the first differences), or why it did not run. */
  differences: string[];
}

/** A stack's program and routing, or why the stack does not plan. */
type StackRun = { program: Program; routing: StackRouting } | { problem: string };

function stackRun(snapshot: ProjectSnapshot, stack: string): StackRun {
  const s = snapshot.stacks.find((x) => x.name === stack);
  if (!s) return { problem: `no stack "${stack}" (${stackFileName(stack)})` };
  try {
    const portfolio = planPortfolio({ stack, settings: s.settings, sources: snapshot.flows });
    const routing = planRouting({
      settings: s.settings,
      sources: snapshot.routing,
      flows: portfolio.flows.map((f) => ({ id: f.id, apiType: f.kind.apiType })),
      stackFile: stackFileName(stack),
    });
    return { program: programOfPortfolio(portfolio), routing: new StackRouting(stack, routing.objects) };
  } catch (e) {
    if (e instanceof FlowLoadError)
      return { problem: `stack "${stack}" does not plan: ${e.issues.map(formatIssue).join("; ")}` };
    throw e;
  }
}

function scenariosOf(snapshot: ProjectSnapshot, flows: ReadonlySet<string>): Map<string, LoadedScenario[] | string> {
  const out = new Map<string, LoadedScenario[] | string>();
  for (const f of snapshot.scenarios) {
    try {
      const loaded = parseScenarioText(f.text, f.file).filter((s) =>
        flows.has(s.flow ?? flowOfScenarioPath(f.file) ?? ""),
      );
      if (loaded.length > 0) out.set(f.file, loaded);
    } catch (e) {
      if (!(e instanceof FlowLoadError)) throw e;
      if (flows.has(flowOfScenarioPath(f.file) ?? "")) out.set(f.file, e.issues.map(formatIssue).join("; "));
    }
  }
  return out;
}

/** The run with what happened inside the calls `calls` (node ids of the entry flow) left out. */
function withoutCalls(result: ScenarioResult, calls: ReadonlySet<string>): Actual {
  const a = result.actual;
  const out: Actual = { ...a, path: [], pathWhere: [], pathSteps: [], timeline: [], prompts: [], messages: [] };
  let inside = false;
  let visit = 0;
  let prompt = 0;
  let message = 0;
  let action = 0;
  const timelineOf = (kind: "node" | "action", n: number) => a.timeline.filter((t) => t.startsWith(`${kind}:`))[n];
  for (const e of result.events) {
    if (e.kind === "visit") {
      if (e.flow === result.flow) inside = calls.has(e.node);
      if (!inside) {
        out.path.push(a.path[visit]);
        out.pathWhere.push(a.pathWhere[visit]);
        out.pathSteps.push(a.pathSteps[visit]);
        out.timeline.push(timelineOf("node", visit));
      }
      visit++;
    } else if (e.kind === "action") {
      if (!inside) out.timeline.push(timelineOf("action", action));
      action++;
    } else if (e.kind === "prompt") {
      if (!inside) out.prompts.push(a.prompts[prompt]);
      prompt++;
    } else if (e.kind === "message") {
      if (!inside) out.messages.push(a.messages[message]);
      message++;
    }
  }
  return out;
}

/**
 * The scenarios of `flows` before and after. `injected`: per flow, the call nodes an injection
 * added (their runs are left out of what is compared).
 */
export function scenarioProofs(
  before: ProjectSnapshot,
  after: ProjectSnapshot,
  flows: ReadonlySet<string>,
  injected: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): ScenarioProof[] {
  const runs = { before: new Map<string, StackRun>(), after: new Map<string, StackRun>() };
  const runOf = (side: "before" | "after", stack: string) => {
    let r = runs[side].get(stack);
    if (!r) runs[side].set(stack, (r = stackRun(side === "before" ? before : after, stack)));
    return r;
  };
  const was = scenariosOf(before, flows);
  const now = scenariosOf(after, flows);
  const out: ScenarioProof[] = [];
  for (const [file, loaded] of [...now].sort(([a], [b]) => cmp(a, b))) {
    if (typeof loaded === "string") {
      out.push({
        file,
        name: "(the file)",
        flow: flowOfScenarioPath(file) ?? "",
        stack: "",
        before: "not run",
        after: "not run",
        holds: typeof was.get(file) === "string",
        differences: [loaded],
      });
      continue;
    }
    const old = was.get(file);
    loaded.forEach((s, i) => {
      const stack = s.stack ?? "local";
      const flow = s.flow ?? flowOfScenarioPath(file) ?? "";
      const run = (
        side: "before" | "after",
        scenario: LoadedScenario | undefined,
      ): { status: ScenarioStatus | "not run"; differences: string[] } => {
        const r = runOf(side, stack);
        if (!scenario) return { status: "not run", differences: ["not in the file before"] };
        if ("problem" in r) return { status: "not run", differences: [r.problem] };
        const result = runScenario(r.program, scenario, r.routing);
        const calls = side === "after" ? injected.get(result.flow) : undefined;
        if (!calls || result.status === "stopped")
          return {
            status: result.status,
            differences:
              result.status === "stopped"
                ? [result.stop ?? "stopped"]
                : result.differences.map((d) => `${d.field}: ${d.message}`),
          };
        const differences = [
          ...compare(scenario.scenario.expect, withoutCalls(result, calls)),
          ...result.differences.filter((d) => d.field.startsWith("steps[")),
        ];
        return {
          status: differences.length > 0 ? "failed" : "passed",
          differences: differences.map((d) => `${d.field}: ${d.message}`),
        };
      };
      const b = run(
        "before",
        Array.isArray(old) ? (old.find((o) => o.scenario.name === s.scenario.name) ?? old[i]) : undefined,
      );
      const a = run("after", s);
      out.push({
        file,
        name: s.scenario.name,
        flow,
        stack,
        before: b.status,
        after: a.status,
        holds: b.status !== "passed" || a.status === "passed",
        differences: a.status === "passed" ? [] : a.differences.slice(0, 3),
      });
    });
  }
  return out;
}
