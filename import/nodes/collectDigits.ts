// collectInput of DTMF digits into a string variable, as collectDigits compiles it -> collectDigits.
import { isMap } from "../json";
import { extraFields, isEmptyField, litOf, otherPaths, pathActions, ttsOf, varOf } from "./values";
import { keepRaw, type ActionImporter } from "./types";

const int = (v: unknown, min: number, max: number) => typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

export const collectDigits: ActionImporter = {
  nodeType: "collectDigits",
  map(a, ctx) {
    const known = ["name", "inputData", "digits", "interDigitTimeout", "noEntryTimeout", "inputAudio", "acceptJustStar", "acceptJustPound", "includeTerminatingDtmfInResultData", "outputs"];
    const extra = extraFields(a, known);
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
  },
};
