// Collect digits: plays a prompt and collects DTMF digits into a string variable. Compiles to Archy
// `collectInput` (an exact count, or a range ended by #) with paths `success` and `failure`;
// imports from one written that way.
import { z } from "zod";
import * as A from "../../archy/construct";
import { isMap } from "../../archy/json";
import { extraFields, isEmptyField, litOf, otherPaths, pathActions, ttsOf, varOf } from "../../archy/values";
import { label, nodeId, speech, variableName } from "../types";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType } from "./unit";
import { audioParts, spokenText } from "../../archy/expressions/values";
import { variableOf } from "./runFields";

const int = (v: unknown, min: number, max: number) => typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

export const collectDigits = defineNodeType({
  schema: z
    .object({
      type: z.literal("collectDigits"),
      label,
      prompt: speech,
      /** The variable that receives the digits (a string variable). */
      variable: variableName,
      minDigits: z.number().int().min(1).max(32).default(1),
      maxDigits: z.number().int().min(1).max(32),
      timeoutSeconds: z.number().int().min(1).max(60).default(5),
      transitions: z.object({ success: nodeId, failure: nodeId }).strict(),
    })
    .strict(),
  summary: "Plays a prompt and collects DTMF digits into a string variable.",
  fields: "`prompt`, `variable` (string), `maxDigits`, `minDigits` (1), `timeoutSeconds` (5)",
  transitions: () => [
    { name: "success", required: true, failure: false },
    { name: "failure", required: true, failure: true },
  ],
  terminal: false,
  expressions: () => [],
  writes: (n) => [{ field: "variable", variable: n.variable, type: "string" }],
  describe: (n) => `collect ${n.minDigits === n.maxDigits ? n.maxDigits : `${n.minDigits}-${n.maxDigits}`} digit${n.maxDigits === 1 ? "" : "s"} → ${n.variable}`,
  example: { type: "collectDigits", label: "Account number", prompt: "Enter your account number.", variable: "digits", minDigits: 4, maxDigits: 8, timeoutSeconds: 7, transitions: { success: "Next", failure: "Next" } },
  archyActions: ["collectInput"],
  emit: (node, id, ctx) => [
    A.collectInput(
      actionName(node, id),
      { ...node, variable: ctx.variable(node.variable) },
      { success: ctx.goto(id, "success", node.transitions.success), failure: ctx.goto(id, "failure", node.transitions.failure) },
    ),
  ],
  importer: {
    action: "collectInput",
    map(a, ctx) {
      const known = ["name", "inputData", "digits", "interDigitTimeout", "noEntryTimeout", "inputAudio", "acceptJustStar", "acceptJustPound", "includeTerminatingDtmfInResultData", "outputs"];
      // verificationType none is Architect's default (no confirmation), what the node compiles to.
      const extra = extraFields(a, known).filter((k) => !(k === "verificationType" && a[k] === "none"));
      if (extra.length > 0) return keepRaw(`a collectDigits node has no field for ${extra.join(", ")}`);
      const name = varOf(a.inputData);
      const target = name === undefined ? undefined : ctx.variable(name, "string");
      if (!target || target.type !== "string") return keepRaw("it does not collect into a string variable");
      const prompt = ttsOf(a.inputAudio);
      if (prompt === undefined) return keepRaw("its prompt is not a plain text to speech");
      const digits = a.digits;
      let minDigits: number;
      let maxDigits: number;
      if (isMap(digits) && int(digits.exact, 1, 32) && Object.keys(digits).length === 1) {
        minDigits = maxDigits = digits.exact as number;
      } else if (isMap(digits) && isMap(digits.range) && Object.keys(digits).length === 1 && digits.range.terminatingDtmf === "digit_#" && int(digits.range.min, 1, 32) && int(digits.range.max, 1, 32) && Object.keys(digits.range).length === 3) {
        minDigits = digits.range.min as number;
        maxDigits = digits.range.max as number;
        if (minDigits === maxDigits || a.includeTerminatingDtmfInResultData === true) return keepRaw("its digit range is not one collectDigits writes");
      } else {
        return keepRaw("its digits are not an exact count or a range ended by #");
      }
      const seconds = litOf(a.noEntryTimeout)?.value;
      if (!isMap(seconds) || Object.keys(seconds).length !== 1 || !int(seconds.seconds, 1, 60)) return keepRaw("its no-entry timeout is not given in whole seconds");
      if (!isEmptyField(a.interDigitTimeout)) return keepRaw("it sets an inter-digit timeout");
      for (const k of ["acceptJustStar", "acceptJustPound"]) {
        if (a[k] !== undefined && litOf(a[k])?.value !== false) return keepRaw(`it sets ${k}`);
      }
      const others = otherPaths(a, ["success", "failure"]);
      if (others.length > 0) return keepRaw(`a collectDigits node has no transition for ${others.join(", ")}`);
      return {
        node: { type: "collectDigits", prompt, variable: target.name, minDigits, maxDigits, timeoutSeconds: seconds.seconds as number },
        branches: { success: pathActions(a, "success"), failure: pathActions(a, "failure") },
      };
    },  },
  // Collect Input plays its input audio and collects the caller's digits into its variable
  // (help.mypurecloud.com/articles/collect-digits-data-action/): success with the digits; when the
  // caller enters fewer than asked "Architect also times out" (help.mypurecloud.com/articles/calculating-timeout-behavior/),
  // and a terminator of the other kind ("*" when "#" ends input) "causes the action to take a failure path".
  run: {
    collectInput: (a, rt) => {
      const audio = rt.value(a.inputAudio, "audio");
      rt.play(audio);
      const digits = isMap(a.digits) ? a.digits : {};
      const range = isMap(digits.range) ? digits.range : undefined;
      const exact = typeof digits.exact === "number" ? digits.exact : undefined;
      const minDigits = exact ?? (typeof range?.min === "number" ? range.min : 1);
      const maxDigits = exact ?? (typeof range?.max === "number" ? range.max : minDigits);
      const terminator = typeof range?.terminatingDtmf === "string" ? range.terminatingDtmf.replace(/^digit_/, "") : undefined;
      const variable = variableOf(a.inputData);
      if (variable === undefined) return rt.cannot("a collect input that stores its digits nowhere");
      const answer = rt.world.collectDigits({ name: rt.name, prompt: spokenText(audioParts(audio)), minDigits, maxDigits, ...(terminator !== undefined ? { terminator } : {}) });
      if ("noInput" in answer) return { kind: "path", path: "failure" };
      const entered = answer.digits;
      if (entered.kind !== "set" || typeof entered.value !== "string") {
        rt.assign(variable, entered);
        return { kind: "path", path: "success" };
      }
      let keys = entered.value;
      if (terminator !== undefined && keys.endsWith(terminator)) keys = keys.slice(0, -1);
      if (terminator !== undefined && /[*#]/.test(keys)) return { kind: "path", path: "failure" };
      if (!/^[0-9]*$/.test(keys)) return rt.cannot(`the keys ${JSON.stringify(entered.value)} at a collect input (only digits and its terminator are documented)`);
      if (keys.length < minDigits) return { kind: "path", path: "failure" };
      if (keys.length > maxDigits) return rt.cannot(`${keys.length} digits where at most ${maxDigits} are collected (what happens to the rest is not documented)`);
      rt.assign(variable, { kind: "set", type: "string", value: keys });
      return { kind: "path", path: "success" };
    },
  },
});
export type CollectDigitsNode = z.infer<typeof collectDigits.schema>;
