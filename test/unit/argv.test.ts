// One argv style: every command reads its options through project/cliArgs.ts parseCommandLine
// (util.parseArgs, judged the same way for all), so an unknown option, a missing value or a stray
// argument reads alike everywhere and exits 2. This checks the parser's verdicts, that no other
// production file parses argv (util.parseArgs imported, process.argv read by index, a loop over
// the arguments), and that the commands the rollout messages print parse with their commands' options.
import { rollbackCommand, rolloutCommand } from "../../planner/waves/rolloutControl";
import { parseCommandLine, UsageError } from "../../project/cliArgs";
import { ROLLBACK_OPTIONS } from "../../tools/rollback";
import { ROLLOUT_OPTIONS } from "../../tools/rollout";
import { productionSources, read } from "./tree";

const SPEC = {
  stack: { type: "string", short: "s" },
  var: { type: "string", multiple: true },
  yes: { type: "boolean", short: "y" },
} as const;

test("the options, the positionals and the order the options were given in", () => {
  const r = parseCommandLine(
    ["-s", "prod", "--var=a=1", "a.yaml", "--var", "b=2", "-y", "--", "--not-an-option"],
    SPEC,
    { positionals: true },
  );
  expect(r.values).toEqual({ stack: "prod", var: ["a=1", "b=2"], yes: true });
  expect(r.positionals).toEqual(["a.yaml", "--not-an-option"]);
  expect(r.options).toEqual([
    { name: "stack", value: "prod" },
    { name: "var", value: "a=1" },
    { name: "var", value: "b=2" },
    { name: "yes" },
  ]);
});

test.each([
  [["--bogus"], "unknown option --bogus"],
  [["--bogus=1"], "unknown option --bogus=1"],
  [["--stack"], "--stack needs a value"],
  [["--stack="], "--stack needs a value"],
  [["--stack", ""], "--stack needs a value"],
  [["--stack", "--yes"], "--stack needs a value"],
  [["--yes=no"], "--yes takes no value"],
  [["a.yaml"], "unexpected argument: a.yaml"],
])("%j is a usage error: %s", (argv, message) => {
  expect(() => parseCommandLine(argv, SPEC)).toThrow(new UsageError(message));
});

test("a value may start with one dash (a negative number)", () => {
  expect(parseCommandLine(["--stack", "-1"], SPEC).values).toEqual({ stack: "-1" });
});

/**
 * Files that may read argv another way: the parser itself; the precompiled build's launcher (plain
 * JavaScript: it takes the script to run and hands the rest on) and the language host's preload (it
 * rewrites the host's own arguments).
 */
const ALLOWED = new Set([
  "project/cliArgs.ts",
  "tools/jsbuild/child.js",
  "tools/toolchain/language-host-shim/preload.js",
]);

test("no other production file parses argv", () => {
  const other = productionSources()
    .filter((f) => !ALLOWED.has(f))
    .flatMap((file) => {
      const text = read(file);
      const hits = [
        /import \{[^}]*\bparseArgs\b[^}]*\} from "(?:node:)?util"/,
        /process\.argv\[/,
        /\bargv\[i\]|\bargs\[i\]|\bargv\.shift\(\)/,
        /from "commander"/,
      ].filter((p) => p.test(text));
      // commander routes the subcommands of the one command line (tools/cli.ts); each parses its own options here.
      return hits
        .filter((p) => !(file === "tools/cli.ts" && p.source.includes("commander")))
        .map((p) => `${file}: ${p.source}`);
    });
  expect(other).toEqual([]);
});

test("the commands the rollout messages print parse with the options of rollout and rollback", () => {
  for (const action of ["pause", "resume", "next", "status"] as const) {
    const [, , given, ...rest] = rolloutCommand(action, "modules/lookup", "prod").replace('"<why>"', "why").split(" ");
    expect(given).toBe(action);
    expect(parseCommandLine(rest, ROLLOUT_OPTIONS).values).toEqual({
      stack: "prod",
      module: "modules/lookup",
      ...(action === "status" ? {} : { reason: "why" }),
    });
  }
  expect(parseCommandLine(rollbackCommand("prod").split(" ").slice(2), ROLLBACK_OPTIONS).values).toEqual({
    stack: "prod",
    to: "previous",
  });
});
