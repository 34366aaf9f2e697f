// The deploy command a hint prints, so that it works as printed: `npm start` for the local stack,
// `npm run up -- --stack <s>` for the others, with extra pulumi arguments after npm's `--` (npm
// swallows an option given before it: `npm start --refresh` runs a plain `npm start`). Pure.

/** The command that deploys `stack`, with `extra` pulumi arguments (e.g. `--refresh`). */
export function deployCommand(stack: string, extra: readonly string[] = []): string {
  const tail = extra.map((a) => ` ${a}`).join("");
  if (stack === "local") return extra.length > 0 ? `npm start --${tail}` : "npm start";
  return `npm run up -- --stack ${stack}${tail}`;
}
