// The engine's display as `up`, `preview`, `down` and `npm start` show it: Pulumi's own text, less
// the lines that tell a person nothing. A run that changes nothing printed some 16 lines of which
// half said that something was starting or still running: the policy packs loading ("Loading
// policy packs...: starting", then "done"), the stack's own resource without an operation ("running",
// then bare), and consecutive blank lines. Everything with content stays: each resource the engine
// changes, the policy packs and their violations, the diagnostics, the counts and the duration
// (the progress dots are left out by the engine itself: suppressProgress). The text arrives in
// chunks that may cut a line: lines are passed on whole. Pure apart from the writer it is given.

const NOISE: readonly RegExp[] = [
  /^Loading policy packs\.\.\.: (starting|done)$/,
  // The stack resource with no operation and nothing after it (running, or done with nothing to say);
  // not the Diagnostics section's heading of the stack, "pulumi:pulumi:Stack (<name>):".
  /^\s+pulumi:pulumi:Stack [^\s(]\S*(\s+running)?\s*$/,
];

/** A writer of the engine's display that leaves out the lines above; `end()` passes on what is left of the last line. */
export function quietDisplay(write: (text: string) => void): { write(text: string): void; end(): void } {
  let partial = "";
  let blank = false;
  const line = (l: string) => {
    const text = l.replace(/\r$/, "");
    if (NOISE.some((n) => n.test(text))) return;
    if (text.trim() === "") {
      if (blank) return;
      blank = true;
    } else blank = false;
    write(`${l}\n`);
  };
  return {
    write(text) {
      const lines = (partial + text).split("\n");
      partial = lines.pop() ?? "";
      for (const l of lines) line(l);
    },
    end() {
      if (partial !== "") write(partial);
      partial = "";
    },
  };
}
