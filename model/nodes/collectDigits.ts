// Collect digits: plays a prompt and collects DTMF digits into a string variable. Compiles to Archy
// `collectInput` (an exact count, or a range ended by #, by * or by the count or a timeout alone) with
// paths `success` and `failure`; imports from one written that way, its prompt a text to speech or
// audio from an expression (`AudioPlaybackOptions(...)`, `{prompt: Prompt.X}`), as real exports write
// it (export:Vishnu-NVD/CxAsCode Flows/Architect_flow_demo.yaml line 675;
// https://help.mypurecloud.com/articles/collect-input-action/).
import { z } from "zod";
import * as A from "../../archy/construct";
import { isMap } from "../../archy/json";
import {
  audioExpressionOf,
  extraFields,
  isEmptyField,
  litOf,
  otherPaths,
  pathActions,
  ttsOf,
  varOf,
} from "../../archy/values";
import { nodeId, variableName } from "../types";
import { oneSpoken, spokenFields } from "./playMessage";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType, nodeSchema } from "./unit";
import { audioParts, spokenText } from "../../archy/expressions/values";
import { variableOf } from "./runFields";

const int = (v: unknown, min: number, max: number) =>
  typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

export const collectDigits = defineNodeType({
  schema: nodeSchema("collectDigits", {
    ...spokenFields,
    /** The variable that receives the digits (a string variable). */
    variable: variableName,
    minDigits: z.number().int().min(1).max(32).default(1),
    maxDigits: z.number().int().min(1).max(32),
    /** For a range (minDigits < maxDigits): the key that ends the entry early, or none (the count or a timeout ends it). */
    terminator: z.enum(["#", "*", "none"]).default("#"),
    /**
     * Seconds to wait for a first digit, or `flowDefault`: the flow's Collect Input default (its
     * action settings; 5 seconds unless changed: https://help.mypurecloud.com/articles/collect-digits-data-action/).
     */
    timeoutSeconds: z.union([z.number().int().min(1).max(60), z.literal("flowDefault")]).default(5),
    /** Seconds allowed between two digits (Architect's default when left out). */
    interDigitTimeoutSeconds: z.number().int().min(1).max(60).optional(),
    /** A lone * is accepted as the entry (success with "*"). */
    acceptJustStar: z.boolean().default(false),
    transitions: z.object({ success: nodeId, failure: nodeId }).strict(),
  }).superRefine(oneSpoken),
  summary: "Plays a prompt and collects DTMF digits into a string variable.",
  fields:
    "`prompt` or `audio`, `variable` (string), `maxDigits`, `minDigits` (1), `terminator` (`#`, `*` or `none`; ranges), `timeoutSeconds` (5, or `flowDefault`), `interDigitTimeoutSeconds`, `acceptJustStar` (false)",
  transitions: () => [
    { name: "success", required: true, failure: false },
    { name: "failure", required: true, failure: true },
  ],
  expressions: (n) => (n.audio !== undefined ? [{ field: "audio", text: n.audio, expect: "audio" }] : []),
  writes: (n) => [{ field: "variable", variable: n.variable, type: "string" }],
  describe: (n) =>
    `collect ${n.minDigits === n.maxDigits ? n.maxDigits : `${n.minDigits}-${n.maxDigits}`} digit${n.maxDigits === 1 ? "" : "s"} → ${n.variable}`,
  example: {
    label: "Account number",
    prompt: "Enter your account number.",
    variable: "digits",
    minDigits: 4,
    maxDigits: 8,
    terminator: "#",
    timeoutSeconds: 7,
    interDigitTimeoutSeconds: 3,
    acceptJustStar: false,
    transitions: { success: "Next", failure: "Next" },
  },
  emit: (node, id, ctx) => [
    A.collectInput(
      actionName(node, id),
      { ...node, variable: ctx.variable(node.variable), inputAudio: A.spoken(node, ctx.expression) },
      {
        success: ctx.goto(id, "success", node.transitions.success),
        failure: ctx.goto(id, "failure", node.transitions.failure),
      },
    ),
  ],
  importer: {
    action: "collectInput",
    map(a, ctx) {
      const known = [
        "name",
        "inputData",
        "digits",
        "interDigitTimeout",
        "noEntryTimeout",
        "inputAudio",
        "acceptJustStar",
        "acceptJustPound",
        "includeTerminatingDtmfInResultData",
        "outputs",
      ];
      // verificationType none is Architect's default (no confirmation), what the node compiles to.
      const extra = extraFields(a, known).filter((k) => !(k === "verificationType" && a[k] === "none"));
      if (extra.length > 0) return keepRaw(`a collectDigits node has no field for ${extra.join(", ")}`);
      const name = varOf(a.inputData);
      const target = name === undefined ? undefined : ctx.variable(name, "string");
      if (target?.type !== "string") return keepRaw("it does not collect into a string variable");
      const prompt = ttsOf(a.inputAudio);
      const audio = prompt === undefined ? audioExpressionOf(a.inputAudio) : undefined;
      if (prompt === undefined && audio === undefined)
        return keepRaw("its prompt is neither a text to speech nor an expression");
      const digits = a.digits;
      let minDigits: number;
      let maxDigits: number;
      let terminator: "#" | "*" | "none" = "#";
      if (isMap(digits) && int(digits.exact, 1, 32) && Object.keys(digits).length === 1) {
        minDigits = maxDigits = digits.exact as number;
      } else if (
        isMap(digits) &&
        isMap(digits.range) &&
        Object.keys(digits).length === 1 &&
        int(digits.range.min, 1, 32) &&
        int(digits.range.max, 1, 32) &&
        extraFields(digits.range, ["min", "max", "terminatingDtmf"]).length === 0
      ) {
        minDigits = digits.range.min as number;
        maxDigits = digits.range.max as number;
        const ends = digits.range.terminatingDtmf;
        terminator = ends === undefined ? "none" : ends === "digit_#" ? "#" : ends === "digit_*" ? "*" : terminator;
        if (
          (ends !== undefined && terminator === "#" && ends !== "digit_#") ||
          minDigits >= maxDigits ||
          a.includeTerminatingDtmfInResultData === true
        )
          return keepRaw("its digit range is not one collectDigits writes");
      } else {
        return keepRaw("its digits are not an exact count or a range");
      }
      const seconds = isEmptyField(a.noEntryTimeout) ? undefined : litOf(a.noEntryTimeout)?.value;
      if (
        !isEmptyField(a.noEntryTimeout) &&
        !(isMap(seconds) && Object.keys(seconds).length === 1 && int(seconds.seconds, 1, 60))
      )
        return keepRaw("its no-entry timeout is not given in whole seconds");
      const between = isEmptyField(a.interDigitTimeout) ? undefined : litOf(a.interDigitTimeout)?.value;
      if (
        !isEmptyField(a.interDigitTimeout) &&
        !(isMap(between) && Object.keys(between).length === 1 && int(between.seconds, 1, 60))
      )
        return keepRaw("its inter-digit timeout is not given in whole seconds");
      const justStar = a.acceptJustStar === undefined ? false : litOf(a.acceptJustStar)?.value;
      if (typeof justStar !== "boolean") return keepRaw("its acceptJustStar is not a literal true or false");
      if (a.acceptJustPound !== undefined && litOf(a.acceptJustPound)?.value !== false)
        return keepRaw("it sets acceptJustPound");
      const others = otherPaths(a, ["success", "failure"]);
      if (others.length > 0) return keepRaw(`a collectDigits node has no transition for ${others.join(", ")}`);
      return {
        node: {
          type: "collectDigits",
          ...(prompt !== undefined ? { prompt } : { audio }),
          variable: target.name,
          minDigits,
          maxDigits,
          ...(minDigits < maxDigits ? { terminator } : {}),
          timeoutSeconds: isMap(seconds) ? (seconds.seconds as number) : "flowDefault",
          ...(isMap(between) ? { interDigitTimeoutSeconds: between.seconds as number } : {}),
          ...(justStar ? { acceptJustStar: true } : {}),
        },
        branches: { success: pathActions(a, "success"), failure: pathActions(a, "failure") },
      };
    },
  },
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
      const terminator =
        typeof range?.terminatingDtmf === "string" ? range.terminatingDtmf.replace(/^digit_/, "") : undefined;
      const variable = variableOf(a.inputData);
      if (variable === undefined) return rt.cannot("a collect input that stores its digits nowhere");
      const answer = rt.world.collectDigits({
        name: rt.name,
        prompt: spokenText(audioParts(audio)),
        minDigits,
        maxDigits,
        ...(terminator !== undefined ? { terminator } : {}),
      });
      if ("noInput" in answer) return { kind: "path", path: "failure" };
      const entered = answer.digits;
      if (entered.kind !== "set" || typeof entered.value !== "string") {
        rt.assign(variable, entered);
        return { kind: "path", path: "success" };
      }
      // "Accept Just Star": a lone * is the entry (help.mypurecloud.com/articles/collect-input-action/).
      if (entered.value === "*" && isMap(a.acceptJustStar) && a.acceptJustStar.lit === true) {
        rt.assign(variable, entered);
        return { kind: "path", path: "success" };
      }
      let keys = entered.value;
      if (terminator !== undefined && keys.endsWith(terminator)) keys = keys.slice(0, -1);
      if (terminator !== undefined && /[*#]/.test(keys)) return { kind: "path", path: "failure" };
      if (!/^[0-9]*$/.test(keys))
        return rt.cannot(
          `the keys ${JSON.stringify(entered.value)} at a collect input (only digits and its terminator are documented)`,
        );
      if (keys.length < minDigits) return { kind: "path", path: "failure" };
      if (keys.length > maxDigits)
        return rt.cannot(
          `${keys.length} digits where at most ${maxDigits} are collected (what happens to the rest is not documented)`,
        );
      rt.assign(variable, { kind: "set", type: "string", value: keys });
      return { kind: "path", path: "success" };
    },
  },
});
