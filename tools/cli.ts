// genesys-flows: the project's one command line. Each subcommand runs the tool that owns it
// (tools/*.ts, bench/run.ts) with the arguments after its name, so every
// subcommand keeps one parser and one --help text, and every tool exits the same way:
// 0 ok, 1 findings or a failed run (verify: 1 drift or stale, 3 cannot reach the org), 2 usage.
// commander routes the subcommands, prints the overview and refuses unknown ones; see the README,
// "One command line", for why it is commander.
import { spawn, spawnSync } from "node:child_process";
import * as path from "node:path";
import { Command, CommanderError } from "commander";
import { projectDir, toolRoot } from "../project/root";
import { toolVersion } from "../project/template";

/** Where a subcommand writes: the process's streams (tests pass their own). */
export interface Io {
  out: typeof process.stdout;
  err: typeof process.stderr;
}

type Runner = (args: string[], io: Io) => Promise<number> | number;

interface Subcommand {
  name: string;
  summary: string;
  /** Flags offered by shell completion; each one appears in the subcommand's own --help. */
  flags: readonly string[];
  run: Runner;
}

const TOOL = toolRoot();

/** A tool whose module starts a server or a run when loaded: run it as a child, exit code passed on. */
function child(script: string): Runner {
  return (args) => {
    // Precompiled, as this command line is (project/jsbuild.js builds the child tools too).
    const r = spawnSync(process.execPath, [path.join(TOOL, "tools/jsbuild/child.js"), script, ...args], {
      cwd: process.cwd(),
      stdio: "inherit",
    });
    if (r.signal) return 128 + ({ SIGINT: 2, SIGTERM: 15 } as Record<string, number>)[r.signal] || 1;
    return r.status ?? 1;
  };
}

/** The operation the deploy commands, rollback and rollout run (tools/operation.ts: the engine, the emulator, the environment wired). */
const wiredOperation = async () => (await import("./operation")).operate;

/** The deploy commands of tools/deploy.ts: `start`, `up`, `preview`, `down`. */
function deploy(command: string): Runner {
  return async (args) => (await import("./deploy")).runDeploy([command, ...args], await wiredOperation());
}

const DEPLOY_FLAGS = ["--stack", "--yes", "--help"] as const;

export const SUBCOMMANDS: readonly Subcommand[] = [
  {
    name: "lint",
    summary: "check flow and routing files: the same verdict as compile and the policy pack",
    flags: ["--stack", "--org", "--format", "--out", "--help"],
    run: async (args, io) => {
      const { runLintCommand } = await import("./lintFlows");
      const r = await runLintCommand(args, { cwd: process.cwd(), vars: process.env });
      io.out.write(r.stdout);
      io.err.write(r.stderr);
      return r.exitCode;
    },
  },
  {
    name: "test",
    summary: "run behaviour scenarios: what a caller hears and where they end up, before deploying",
    flags: [
      "--stack",
      "--flow",
      "--format",
      "--out",
      "--coverage",
      "--min-coverage",
      "--coverage-diagrams",
      "--traffic",
      "--journeys",
      "--force",
      "--help",
    ],
    run: async (args, io) => (await import("./testFlows")).main(args, io),
  },
  {
    name: "compile",
    summary: "write the compiled Archy of a stack's flows",
    flags: ["--stack", "--out", "--force", "--help"],
    run: async (args, io) => (await import("./compileFlows")).main(args, io),
  },
  {
    name: "diagram",
    summary: "draw the flows and their routing as Mermaid pages (and images)",
    flags: ["--stack", "--out", "--images", "--force", "--help"],
    run: async (args, io) => (await import("./flowsDiagram")).main(args, io),
  },
  {
    name: "diff",
    summary: "what a change does to the compiled flows and the routing, for a pull request",
    flags: ["--base", "--stack", "--org", "--format", "--out", "--comment", "--help"],
    run: async (args, io) => (await import("./flowsDiff")).run(args, io),
  },
  {
    name: "import",
    summary: "turn Archy exports, an org's flows by name prefix, or a CX-as-Code Terraform estate into flow files",
    flags: [
      "--out",
      "--set",
      "--force",
      "--stack",
      "--prefix",
      "--flow",
      "--flows-only",
      "--from-org",
      "--gateway",
      "--region",
      "--from-terraform",
      "--state",
      "--no-state",
      "--env",
      "--env-dir",
      "--var-file",
      "--var",
      "--json",
      "--help",
    ],
    run: async (args, io) => (await import("./importFlows")).main(args, io),
  },
  {
    name: "check-exports",
    summary: "check a folder of Archy exports: import, lint, compile back, publish to a throwaway emulator",
    flags: ["--json", "--org", "--set", "--help"],
    run: async (args, io) => (await import("./checkExports")).main(args, io),
  },
  {
    name: "refactor",
    summary: "move logic repeated across flows into a common module, with the proof that callers behave the same",
    flags: [
      "--name",
      "--nodes",
      "--from",
      "--out",
      "--module",
      "--at",
      "--on-error",
      "--input",
      "--min-nodes",
      "--limit",
      "--max-journeys",
      "--dry-run",
      "--format",
      "--root",
      "--help",
    ],
    run: async (args, io) => (await import("./refactor")).main(args, io),
  },
  {
    name: "org",
    summary:
      "probe the stack's org: how it answers where the tool relies on Genesys (org probe; --write creates and deletes throwaway flows)",
    flags: ["--stack", "--write", "--division", "--root", "--help"],
    run: async (args, io) => (await import("./orgProbe")).main(args, io),
  },
  {
    name: "verify",
    summary: "compare what the org runs with what the stack deployed",
    flags: ["--stack", "--validate", "--format", "--out", "--clock-skew", "--help"],
    run: async (args, io) => (await import("./verify")).main(args, io),
  },
  {
    name: "traffic",
    summary:
      "pull what real callers did (the org's execution data) as journeys per flow and version; write the most frequent as scenarios",
    flags: ["--stack", "--since", "--flow", "--out", "--keep-values", "--in", "--top", "--share", "--help"],
    run: async (args, io) => (await import("./traffic")).main(args, io),
  },
  {
    name: "start",
    summary: "deploy the local stack on the emulator (npm start)",
    flags: ["--help"],
    run: deploy("start"),
  },
  { name: "up", summary: "deploy a stack with the policy pack", flags: DEPLOY_FLAGS, run: deploy("up") },
  {
    name: "preview",
    summary: "preview a stack's deployment with the policy pack",
    flags: DEPLOY_FLAGS,
    run: deploy("preview"),
  },
  { name: "down", summary: "destroy a stack's flows", flags: DEPLOY_FLAGS, run: deploy("down") },
  {
    name: "releases",
    summary: "list what each up of a stack deployed (its releases)",
    flags: ["--stack", "--flows", "--format", "--help"],
    run: async (args, io) => (await import("./rollback")).releases(args, io),
  },
  {
    name: "rollback",
    summary: "put a stack back on an earlier release: republish what differs, then verify",
    flags: ["--stack", "--to", "--yes", "--help"],
    run: async (args, io) =>
      (await import("./rollback")).rollback(args, io, async (request) =>
        (await import("./deploy")).operateHere(request, await wiredOperation()),
      ),
  },
  {
    name: "rollout",
    summary: "pause, resume or advance a module rollout in waves (next), or show where it stands (status)",
    flags: ["--stack", "--module", "--reason", "--by", "--yes", "--help"],
    run: async (args, io) =>
      (await import("./rollout")).main(args, io, async (request) =>
        (await import("./deploy")).operateHere(request, await wiredOperation()),
      ),
  },
  {
    name: "init",
    summary:
      "start your team's repository: the Pulumi project, package.json on this version, the checks, " +
      "a starting module and its caller",
    flags: [
      "--name",
      "--reference",
      "--empty",
      "--import",
      "--from-org",
      "--stack",
      "--prefix",
      "--flow",
      "--flows-only",
      "--gateway",
      "--region",
      "--package",
      "--no-install",
      "--help",
    ],
    run: async (args, io) => (await import("./init")).main(args, io),
  },
  {
    name: "upgrade",
    summary:
      "after bumping genesys-flows: what changed that concerns your repository, its migrations (--write), the first up's review",
    flags: ["--write", "--root", "--help"],
    run: async (args, io) => (await import("./upgrade")).main(args, io),
  },
  {
    name: "setup",
    summary: "build the pinned Pulumi toolchain once per machine (npm start does it when missing)",
    flags: ["--deploy-only", "--quiet", "--print-env", "--help"],
    // Its lines as they come (a first build takes minutes), through the command's streams.
    run: (args, io) =>
      new Promise<number>((resolve) => {
        const child = spawn("bash", [path.join(TOOL, "tools/toolchain/setup.sh"), ...args], {
          stdio: ["ignore", "pipe", "pipe"],
        });
        child.stdout.on("data", (d: Buffer) => io.out.write(d));
        child.stderr.on("data", (d: Buffer) => io.err.write(d));
        child.on("close", (code) => resolve(code ?? 1));
      }),
  },
  {
    name: "ci",
    summary: "the CI workflows' helpers: the stacks deploy.yml deploys, the pull request's comment, the drift issue",
    flags: ["--help"],
    run: async (args, io) => (await import("./ci/run")).main(args, io),
  },
  {
    name: "emulator",
    summary: "run the Genesys Cloud API emulator on 127.0.0.1",
    flags: ["--port", "--data", "--org", "--strict", "--faults", "--behave", "--help"],
    // Returns once it listens; the server keeps the process alive until SIGINT or SIGTERM.
    run: async (args, io) => (await import("./emulator")).main(args, io),
  },
  {
    name: "env",
    summary: "print the environment that runs your own pulumi on this project (offline, pinned plugins)",
    flags: ["--stack", "--help"],
    run: (args, io) => {
      const r = spawnSync("bash", [path.join(TOOL, "tools/pulumiEnv.sh"), ...args], {
        cwd: projectDir(),
        env: { ...process.env, GENESYS_FLOWS_PROJECT: projectDir() },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      io.out.write(r.stdout ?? "");
      io.err.write(r.stderr ?? "");
      return r.status ?? 1;
    },
  },
  // Stays up on stdio until the agent closes it (see tools/mcp/server.ts).
  {
    name: "mcp",
    summary: "serve the project to an AI agent (Model Context Protocol, stdio, offline)",
    flags: ["--root", "--help"],
    run: async (args, io) => (await import("./mcp/server")).main(args, io),
  },
  {
    name: "bench",
    summary: "measure deploys: the full round, the cascade round (--cascade), a quick scratch run",
    flags: ["--cascade", "--quick", "--scratch", "--record", "--n", "--out", "--reps", "--no-baseline", "--no-deploy"],
    run: child("bench/run.ts"),
  },
];

const EXAMPLES = `
Examples:
  genesys-flows init my-flows          start your team's repository (then: cd my-flows && npm install && npm start)
  genesys-flows upgrade --write        after bumping genesys-flows in package.json
  genesys-flows lint --stack prod --format sarif --out lint.sarif
  genesys-flows test --min-coverage 90
  genesys-flows preview --stack dev
  genesys-flows diff --base origin/main --stack prod --format markdown
  genesys-flows import --stack dev --prefix "Sales "
  genesys-flows check-exports exports/ --json
  genesys-flows verify --stack prod
  genesys-flows org probe --stack prod --write
  genesys-flows traffic pull --stack prod --since 7d
  genesys-flows refactor suggest
  genesys-flows rollback --stack prod --to previous
  genesys-flows rollout pause --stack prod --reason "wave 1 callers hear silence"
  eval "$(genesys-flows env)"          then your own pulumi runs the project
  genesys-flows <command> --help      the command's own options

Exit codes: 0 ok, 1 findings or a failed run, 2 usage error (verify: 3 when the org cannot be reached).
`;

/** A bash completion script: subcommands, then the chosen subcommand's flags. */
export function bashCompletion(): string {
  const cases = SUBCOMMANDS.map((s) => `    ${s.name}) opts="${s.flags.join(" ")}" ;;`).join("\n");
  return `# genesys-flows bash completion: eval "$(genesys-flows completion)"
_genesys_flows() {
  local cur="\${COMP_WORDS[COMP_CWORD]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${[...SUBCOMMANDS.map((s) => s.name), "completion", "help"].join(" ")}" -- "$cur"))
    return
  fi
  local opts=""
  case "\${COMP_WORDS[1]}" in
${cases}
  esac
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -F _genesys_flows genesys-flows
`;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: string[], io: Io = { out: process.stdout, err: process.stderr }): Promise<number> {
  let chosen: Promise<number> | undefined;
  const program = new Command("genesys-flows")
    .description("Genesys Cloud Architect flows as code: lint, test, compile, diff, deploy, verify and import flows.")
    .version(toolVersion(), "-V, --version", "print the version of genesys-flows")
    .usage("<command> [options]")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) })
    .showSuggestionAfterError(true)
    .addHelpText("after", EXAMPLES);
  for (const s of SUBCOMMANDS) {
    program
      .command(s.name)
      .description(s.summary)
      // The tool parses its own options (and answers --help): commander passes them on untouched.
      .helpOption(false)
      .allowUnknownOption()
      .allowExcessArguments()
      .argument("[args...]")
      .action((_args: string[], _opts: unknown, cmd: Command) => {
        chosen = Promise.resolve(s.run(cmd.args, io));
      });
  }
  program
    .command("completion")
    .description("print a bash completion script (eval it in your shell profile)")
    .action(() => {
      io.out.write(bashCompletion());
    });
  if (argv.length === 0) {
    io.err.write(program.helpInformation() + EXAMPLES);
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    // --help and --version print and "fail" with code 0; anything else is a usage error.
    return e.exitCode === 0 ? 0 : 2;
  }
  return chosen ? await chosen : 0;
}

/**
 * Commands done when their promise is: they read the org with Node's fetch, whose idle keep-alive
 * connections keep the process alive for seconds after the answer is printed (a fast no-op `up`
 * spent most of its time waiting so). The process exits once the output is flushed. Not the servers
 * (`emulator`, `mcp`), which go on after their start.
 */
const EXIT_WHEN_DONE = new Set([
  "start",
  "up",
  "preview",
  "down",
  "verify",
  "traffic",
  "releases",
  "rollback",
  "rollout",
]);

/** The process's exit code once the command `argv` names is done (both entries: this file and tools/jsbuild/cli.js). */
export function settle(argv: readonly string[], code: number): void {
  process.exitCode = code;
  if (EXIT_WHEN_DONE.has(argv[0] ?? ""))
    process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

if (require.main === module) {
  void runCli(process.argv.slice(2)).then(
    (code) => settle(process.argv.slice(2), code),
    (e: unknown) => {
      process.stderr.write(`genesys-flows: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
