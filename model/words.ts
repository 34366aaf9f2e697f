// Small wording helpers shared by messages of the checks and the compiler.

/** "an inbound call flow", "a common module", "an outbound call flow". */
export function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;
}
