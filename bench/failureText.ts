// What a failed step's record keeps of its output: Pulumi prints a resource's error (its
// "error:" lines and the diagnostics under them) well before the summary and the language host's
// gRPC noise that end the output, so the last characters alone can miss why it failed (the full
// round of c2b64ac kept only "...mber)" of the one error). Kept: every line that says error,
// failed or panic (with the next two lines), then the output's tail. Pure.
const ERROR_LINE = /\berror\b|\bfailed\b|\bpanic\b|^\s*Diagnostics:/i;
const NOISE =
  /^\s+at .*:\d+:\d+\)?$|Channel has been shut down|failed to deliver log message|resource monitor shut down/;

export function failureText(output: string, tailChars = 1500, errorChars = 3000): string {
  const lines = output.split("\n");
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!ERROR_LINE.test(lines[i]) || NOISE.test(lines[i])) continue;
    for (const line of lines.slice(i, i + 3)) if (!NOISE.test(line) && kept[kept.length - 1] !== line) kept.push(line);
  }
  const errors = kept.join("\n").slice(0, errorChars);
  const tail = output.slice(-tailChars);
  return errors === "" || tail.includes(errors) ? tail : `${errors}\n  ...\n${tail}`;
}
