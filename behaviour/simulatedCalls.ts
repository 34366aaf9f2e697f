// The simulator the emulator is handed for its simulated traffic (traffic/simulatedCallers.ts):
// each interaction runs through the published versions' Archy by the behaviour interpreter
// (machine.ts; modules entered through their own published versions), the callers and the org
// answering as the distributions say. Pure: the random source is the caller's (seeded).
import { notSet, str } from "../archy/expressions/values";
import { kindByFlowType } from "../model/kinds";
import { draw, type Callers, type TrafficSimulator } from "../traffic/simulatedCallers";
import { Machine } from "./machine";
import { programOfDocuments, type CompiledFlow } from "./program";
import { describeEnding } from "./trace";
import { RunStop, scenarioStop, type World } from "./world";

const alike = (values: readonly string[]): Record<string, number> => Object.fromEntries(values.map((v) => [v, 1]));

/** The callers and the org as the distributions say, one interaction at a time; each menu's answer told to `heard`. */
function trafficWorld(
  c: Callers,
  random: () => number,
  call: { ani: string; dnis?: string; at: number },
  heard: (answer: { choice?: string; dtmf?: string }) => void,
): World {
  const pick = <T extends string>(table: Record<string, number> | undefined, values: readonly T[]): T => {
    const got = draw(random, table ?? alike(values));
    return (values.includes(got as T) ? got : values[0]) as T;
  };
  return {
    builtin: (name) => {
      const n = name.toLowerCase();
      if (n === "call.ani") return str(call.ani);
      if (n === "call.calledaddress" || n === "call.calledaddressoriginal")
        return call.dnis !== undefined ? str(call.dnis) : notSet("string");
      return undefined;
    },
    // Participant data the interaction does not carry reads as not set (a simulated caller brings none).
    missingAttribute: () => notSet("string"),
    now: () => ({ kind: "set", type: "dateTime", value: call.at }),
    collectDigits: (q) => {
      const got = draw(random, c.digits[q.name] ?? { silence: 1 });
      return got === undefined || got === "silence" ? { noInput: true } : { digits: str(got) };
    },
    menuChoice: (q) => {
      const table = c.menus[q.name] ?? alike(q.choices.map((_, i) => String(i)));
      const got = draw(random, table);
      if (got === undefined || got === "silence") {
        heard({});
        return { noInput: true };
      }
      const index = c.menus[q.name] ? q.choices.findIndex((ch) => ch.dtmf === got || ch.name === got) : Number(got);
      if (index < 0)
        throw scenarioStop(
          `the traffic's menu "${q.name}" names "${got}", which no choice has (${q.choices.map((ch) => ch.dtmf ?? ch.name).join(", ")})`,
        );
      heard({
        choice: q.choices[index].name,
        ...(q.choices[index].dtmf !== undefined ? { dtmf: q.choices[index].dtmf } : {}),
      });
      return { choice: index };
    },
    schedule: (q) => pick(c.schedules[q.name], ["active", "inactive"] as const),
    scheduleGroup: (q) =>
      pick(
        c.scheduleGroups[q.name],
        q.emergencyGroup
          ? (["open", "closed", "holiday", "emergency"] as const)
          : (["open", "closed", "holiday"] as const),
      ),
    dataAction: (q) => {
      const outcome = pick(c.dataActions[`${q.category}/${q.action}`], ["success", "failure", "timeout"] as const);
      return outcome === "success" ? { outcome, outputs: {} } : { outcome };
    },
    transfer: (q) => pick(c.transfers[q.target] ?? { success: 1 }, ["success", "failure"] as const),
    decide: (q) => pick(c.conditions[q.action], ["true", "false"] as const) === "true",
  };
}

export const simulateCalls: TrafficSimulator = (flows, callers, random) => {
  const program = programOfDocuments(
    flows.flatMap((v) => {
      const kind = kindByFlowType(v.type);
      return kind && kind.archyKey === v.archyKey && typeof v.doc[v.archyKey] === "object"
        ? [
            {
              id: v.id,
              file: `${v.name} (version ${v.version})`,
              model: { kind: kind.kind, name: v.name },
              publishedName: v.name,
              doc: v.doc,
            },
          ]
        : [];
    }),
  );
  return (call) => {
    const ran: Array<{ flow: CompiledFlow; action: object; path?: string; assigned?: Record<string, string> }> = [];
    const menus: Array<{ at: number; choice?: string; dtmf?: string }> = [];
    const machine = new Machine(
      program,
      trafficWorld(callers, random, call, (answer) => menus.push({ at: ran.length, ...answer })),
      (r) => ran.push(r),
    );
    try {
      const state = machine.run(machine.start(call.flowId));
      const errorReason = state.ending?.type === "errorHandling" ? state.ending.reason : undefined;
      return {
        ran: ran.map(({ flow, ...r }) => ({ flowId: flow.id, ...r })),
        menus,
        ending: describeEnding(state.ending),
        ...(errorReason !== undefined ? { errorReason } : {}),
      };
    } catch (e) {
      if (e instanceof RunStop) return { notSimulated: e.message };
      throw e;
    }
  };
};
