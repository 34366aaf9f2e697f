// How the emulated org answers where Genesys's answer is not known (the assumptions register,
// project/assumptions.yaml): per behaviour the register lists with answers, which one the emulator
// plays, its own model (the first answer) unless told (EmulatorOptions.behave, `--behave
// claimPublish=refused`). Every place that plays one asks `plays` with the register's id and answer,
// so a behaviour the emulator varies always has its entry (test/unit/assumptions.test.ts).
import { playable } from "../project/assumptions";

/** Register id -> the answer played (only the ones that differ from the emulator's model need be given). */
export type Behave = Readonly<Record<string, string>>;

/** Checks `input` against the register: known ids, known answers. Throws naming what is wrong. */
export function parseBehave(input: unknown): Behave {
  if (input === undefined) return {};
  if (typeof input !== "object" || input === null || Array.isArray(input))
    throw new Error("behave: an object of register id -> answer");
  const known = playable();
  for (const [id, answer] of Object.entries(input)) {
    const answers = known.get(id);
    if (!answers) throw new Error(`behave: ${id} is no behaviour the emulator plays (${[...known.keys()].join(", ")})`);
    if (!answers.includes(String(answer)))
      throw new Error(`behave: ${id} answers ${answers.join(" or ")}, not ${String(answer)}`);
  }
  return { ...(input as Record<string, string>) };
}

/** Whether the org plays `answer` of behaviour `id` (its model when none was given). */
export function plays(behave: Behave, id: string, answer: string): boolean {
  const answers = playable().get(id);
  if (!answers?.includes(answer)) throw new Error(`emulator: ${id}=${answer} is not in the assumptions register`);
  return (behave[id] ?? answers[0]) === answer;
}
