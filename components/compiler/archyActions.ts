// Builders for the Archy constructs the compiler emits. Each shape follows real exports
// (../shared/archy-corpus): value wrappers `lit`/`exp`/`tts`/`noValue`/`var`, typed `updateData`
// statements, `collectInput`, `decision`, `transferToAcd`, `playAudio`, `callCommonModule`,
// `jumpToTask`, `disconnect`, `endTask`. Pure data, no YAML here.
import type { ValueType } from "../model/schema";

export type Action = Record<string, Record<string, unknown>>;
export type Value = Record<string, unknown>;

export const noValue = (): Value => ({ noValue: true });
export const exp = (e: string): Value => ({ exp: e });
export const lit = (v: unknown): Value => ({ lit: v });
export const tts = (text: string): Value => ({ tts: text });

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
  return {
    collectInput: {
      name,
      inputData: { var: o.variable },
      digits:
        o.minDigits === o.maxDigits
          ? { exact: o.maxDigits }
          : { range: { terminatingDtmf: "digit_#", min: o.minDigits, max: o.maxDigits } },
      interDigitTimeout: noValue(),
      noEntryTimeout: lit({ seconds: o.timeoutSeconds }),
      inputAudio: tts(o.prompt),
      acceptJustStar: lit(false),
      acceptJustPound: lit(false),
      outputs: { success: { actions: outputs.success }, failure: { actions: outputs.failure } },
      verificationType: "none",
    },
  };
}

export function decision(name: string, condition: string, paths: { yes?: Action[]; no?: Action[] }): Action {
  const outputs: Record<string, unknown> = {};
  if (paths.yes) outputs["yes"] = { actions: paths.yes };
  if (paths.no) outputs["no"] = { actions: paths.no };
  return { decision: { name, condition: exp(condition), outputs } };
}

export function transferToAcd(name: string, queue: string, prompt: string | undefined, failure?: Action[]): Action {
  return {
    transferToAcd: {
      name,
      targetQueue: lit({ name: queue }),
      ...(prompt !== undefined ? { preTransferAudio: tts(prompt) } : {}),
      priority: lit(0),
      preferredAgents: noValue(),
      languageSkill: noValue(),
      failureOutputs: { errorType: noValue(), errorMessage: noValue() },
      ...(failure ? { outputs: { failure: { actions: failure } } } : {}),
    },
  };
}

export function callCommonModule(
  name: string,
  publishedModuleName: string,
  inputs: Record<string, Value>,
  outputs: Record<string, Value>,
): Action {
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

export function jumpToTask(targetRefId: string, flowType = "inboundCall"): Action {
  return { jumpToTask: { name: `Jump to ${targetRefId}`, targetTaskRef: taskRef(targetRefId, flowType) } };
}

export function taskRef(refId: string, flowType = "inboundCall"): string {
  return `/${flowType}/tasks/task[${refId}]`;
}

export function disconnect(name = "Disconnect"): Action {
  return { disconnect: { name } };
}

export function endTask(name: string): Action {
  return { endTask: { name } };
}
