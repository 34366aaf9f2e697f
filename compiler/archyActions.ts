// Builders for the Archy constructs the compiler emits. Each shape follows real exports
// (../shared/archy-corpus): value wrappers `lit`/`exp`/`tts`/`noValue`/`var`, typed `updateData`
// statements, `collectInput`, `decision`, `transferToAcd`, `playAudio`, `callCommonModule`,
// `callTask`, `loop`/`loopExit`, `disconnect`, `endTask`. Every key emitted here is checked by the
// fidelity test against the corpus (test/unit/compilerFidelity.test.ts). Pure data, no YAML here.
import type { ValueType } from "../model/types";

export type Action = Record<string, Record<string, unknown>>;
export type Value = Record<string, unknown>;

export const noValue = (): Value => ({ noValue: true });
export const exp = (e: string): Value => ({ exp: e });
export const lit = (v: unknown): Value => ({ lit: v });
export const tts = (text: string): Value => ({ tts: text });
export const varRef = (name: string): Value => ({ var: name });

/** `- stringVariable: {name, description?, initialValue, isInput?, isOutput?}` */
export function variable(
  type: ValueType,
  name: string,
  opts: { description?: string; initialValue: Value; isInput?: boolean; isOutput?: boolean },
): Record<string, unknown> {
  return {
    [`${type}Variable`]: {
      name,
      ...(opts.description !== undefined ? { description: opts.description } : {}),
      initialValue: opts.initialValue,
      ...(opts.isInput !== undefined ? { isInput: opts.isInput } : {}),
      ...(opts.isOutput !== undefined ? { isOutput: opts.isOutput } : {}),
    },
  };
}

export interface Statement {
  type: ValueType;
  variable: string;
  value: Value;
}

export function updateData(name: string, statements: Statement[]): Action {
  return {
    updateData: {
      name,
      statements: statements.map((s) => ({ [s.type]: { variable: s.variable, value: s.value } })),
    },
  };
}

export function playAudio(name: string, text: string): Action {
  return { playAudio: { name, audio: tts(text) } };
}

export function collectInput(
  name: string,
  o: { variable: string; minDigits: number; maxDigits: number; timeoutSeconds: number; prompt: string },
  outputs: { success: Action[]; failure: Action[] },
): Action {
  const exact = o.minDigits === o.maxDigits;
  return {
    collectInput: {
      name,
      inputData: varRef(o.variable),
      digits: exact ? { exact: o.maxDigits } : { range: { terminatingDtmf: "digit_#", min: o.minDigits, max: o.maxDigits } },
      interDigitTimeout: noValue(),
      noEntryTimeout: lit({ seconds: o.timeoutSeconds }),
      inputAudio: tts(o.prompt),
      ...(exact ? {} : { includeTerminatingDtmfInResultData: false }),
      acceptJustStar: lit(false),
      acceptJustPound: lit(false),
      ...withOutputs({ success: outputs.success, failure: outputs.failure }),
    },
  };
}

/** Output paths with no actions are left out: a missing path falls through, as in real exports. */
function paths(named: Record<string, Action[] | undefined>): Record<string, { actions: Action[] }> {
  const out: Record<string, { actions: Action[] }> = {};
  for (const [key, actions] of Object.entries(named)) if (actions && actions.length > 0) out[key] = { actions };
  return out;
}

/** `{outputs: {...}}` with the non-empty paths, or nothing when every path is empty. */
function withOutputs(named: Record<string, Action[] | undefined>): { outputs?: Record<string, { actions: Action[] }> } {
  const outputs = paths(named);
  return Object.keys(outputs).length > 0 ? { outputs } : {};
}

export function decision(name: string, condition: string, branches: { yes?: Action[]; no?: Action[] }): Action {
  return { decision: { name, condition: exp(condition), ...withOutputs({ yes: branches.yes, no: branches.no }) } };
}

export function transferToAcd(name: string, queue: string, prompt: string | undefined, failure: Action[]): Action {
  return {
    transferToAcd: {
      name,
      targetQueue: lit({ name: queue }),
      ...(prompt !== undefined ? { preTransferAudio: tts(prompt) } : {}),
      priority: lit(0),
      preferredAgents: noValue(),
      languageSkill: noValue(),
      ...withOutputs({ failure }),
    },
  };
}

export function callCommonModule(name: string, publishedModuleName: string, inputs: Record<string, Value>, outputs: Record<string, Value>): Action {
  return {
    callCommonModule: {
      name,
      commonModule: {
        [publishedModuleName]: {
          ver_latestPublished: {
            ...(Object.keys(inputs).length > 0 ? { inputs } : {}),
            ...(Object.keys(outputs).length > 0 ? { outputs } : {}),
          },
        },
      },
    },
  };
}

/** Runs a reusable task (real exports: `callTask` with `targetTaskRef`). */
export function callTask(name: string, ref: string): Action {
  return { callTask: { name, targetTaskRef: ref } };
}

export function taskRef(archyKey: string, refId: string): string {
  return `/${archyKey}/tasks/task[${refId}]`;
}

export function stateRef(archyKey: string, refId: string): string {
  return `/${archyKey}/states/state[${refId}]`;
}

/** A bounded loop: `loopCount` iterations at most, `currentIndex` set to the 0-based iteration. */
export function loop(name: string, count: number, indexVariable: string, body: Action[]): Action {
  return { loop: { name, currentIndex: varRef(indexVariable), loopCount: lit(count), outputs: { loop: { actions: body } } } };
}

export function loopExit(name: string): Action {
  return { loopExit: { name } };
}

export function disconnect(name = "Disconnect"): Action {
  return { disconnect: { name } };
}

export function endTask(name: string): Action {
  return { endTask: { name } };
}

/** Actions after which nothing in the same list runs. */
const ENDS_LIST = new Set(["disconnect", "endTask", "loopExit"]);

/** `actions` followed by the kind's terminator, unless the list already ends with an action that ends it. */
export function withTerminator(actions: Action[], fallthrough: "disconnect" | "endTask" | "none"): Action[] {
  const last = actions[actions.length - 1];
  if (last && ENDS_LIST.has(Object.keys(last)[0])) return actions;
  return [...actions, ...fallthroughActions(fallthrough)];
}

/** What ends a task, state or module body when its paths fall through (the kind's terminator). */
export function fallthroughActions(fallthrough: "disconnect" | "endTask" | "none"): Action[] {
  return fallthrough === "disconnect" ? [disconnect()] : fallthrough === "endTask" ? [endTask("Exit Common Module")] : [];
}
