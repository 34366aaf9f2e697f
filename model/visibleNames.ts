// Names a person can see: a flow, module or routing object name must not hold a character nobody
// sees (a control character, a default-ignorable one such as a zero-width space or a bidi control,
// an unassigned code point), nor be the twin of another name of the stack that a person cannot tell
// apart (the same skeleton: Unicode's NFKC, then each character confusable with an ASCII letter or
// digit written as that character, lower case; UTS #39 section 4, "Confusable Detection",
// https://www.unicode.org/reports/tr39/#Confusable_Detection, with the MA table's Latin targets in
// model/confusables.json). Genesys accepts both; a person reviewing a change, or picking a flow in
// Architect, cannot see the difference, so lint and every deploy refuse them (checks/names.ts,
// checks/routingChecks.ts).
import confusables from "./confusables.json";

const MAP: Readonly<Record<string, string>> = confusables.map;
/** The ASCII twins the MA table lists among ASCII itself: capital I and the digit 1 as l, the digit 0 as O. */
const ASCII_TWINS: Readonly<Record<string, string>> = { I: "l", "1": "l", "0": "O" };

/** Characters nobody sees: controls, default-ignorables (zero-width, joiners, bidi controls, variation selectors...), unassigned. */
const INVISIBLE = /[\p{Cc}\p{Default_Ignorable_Code_Point}\p{Cn}]/u;

/** `U+200B` for a character. */
export function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** What makes `name` hold a character nobody sees ("holds an invisible character U+200B at 4"), or undefined. */
export function invisibleProblem(name: string): string | undefined {
  const chars = [...name];
  const at = chars.findIndex((c) => INVISIBLE.test(c));
  return at < 0 ? undefined : `holds a character nobody sees, ${codePoint(chars[at]!)} at position ${at + 1}`;
}

/** The name as a person sees it (UTS #39's skeleton: case kept): two names with one skeleton cannot be told apart. */
export function skeleton(name: string): string {
  return [...name.normalize("NFKC")].map((c) => MAP[c] ?? ASCII_TWINS[c] ?? c).join("");
}

/**
 * The keys under which two names collide: the name case-folded (Genesys compares names
 * case-insensitively: one would overwrite the other) and its skeleton (a person cannot tell them apart).
 */
export function nameKeys(name: string): readonly [string, string] {
  return [`case:${name.toLowerCase()}`, `seen:${skeleton(name)}`];
}

/** Where `a` and its twin `b` differ, for a message: the first characters that are not the same ("а U+0430 for a U+0061"). */
export function twinDifference(a: string, b: string): string {
  const x = [...a];
  const y = [...b];
  const i = x.findIndex((c, k) => c.toLowerCase() !== (y[k] ?? "").toLowerCase());
  return i < 0 || y[i] === undefined
    ? "they differ in characters Unicode's NFKC makes the same"
    : `"${x[i]}" ${codePoint(x[i]!)} where the other has "${y[i]}" ${codePoint(y[i]!)}`;
}
