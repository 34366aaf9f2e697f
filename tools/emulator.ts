// `genesys-flows emulator`: the Genesys Cloud API emulator on 127.0.0.1, as its flags say or (with
// --stack) as a stack's file points its provider at it, with the credentials that provider signs in
// with. A command of its own: what it reads of a stack (its secrets, through org/) keeps the
// emulator itself below org/ (docs/architecture.md).
import { stackFileName } from "../model/stackFile";
import * as path from "node:path";
import { ZodError } from "zod";
import { formatIssue, FlowLoadError } from "../model/errors";
import { ConnectError, credentialValues, pulumiSecret } from "../org/signIn";
import { resolveCredentials } from "../org/target";
import { UsageError } from "../project/cliArgs";
import { projectDir } from "../project/root";
import { readStackSettings } from "../project/stackFile";
import { type CliCommand, HELP, parseEmulatorArgs } from "../emulator/cliArgs";
import { stackEmulator } from "../emulator/localStack";
import { OrgFileError } from "../project/orgFile";
import { CorruptDataFileError } from "../emulator/persistence";
import { TrafficFileError } from "../emulator/traffic";
import { type RunningEmulator, startEmulator, type EmulatorOptions } from "../emulator/server";
import { simulateCalls } from "../behaviour/simulatedCalls";

/**
 * The emulator `stack` deploys to (emulator/localStack.ts stackEmulator), taking the credentials
 * its provider signs in with: its access token, or its OAuth client (as written, from
 * GENESYSCLOUD_*, or decrypted by `secret`, default `pulumi config get`).
 */
export async function stackEmulatorOptions(
  stack: string,
  env: NodeJS.ProcessEnv = process.env,
  root = projectDir(),
  secret = pulumiSecret(stack, root),
): Promise<EmulatorOptions> {
  const settings = readStackSettings(root, stack, env);
  const options = stackEmulator(stack, settings, root);
  const { credentials, problems } = resolveCredentials(
    { stack, stackFile: stackFileName(stack), config: settings },
    { env },
  );
  if (credentials === undefined) throw new UsageError(`${problems[0].message}; ${problems[0].fix}`);
  const values = await credentialValues(credentials, secret);
  return values.kind === "token"
    ? { ...options, accessToken: values.token }
    : { ...options, clientId: values.id, clientSecret: values.secret };
}

/**
 * Starts the emulator and returns 0 once it listens (it then serves until SIGINT or SIGTERM), or
 * the exit code of a usage error (2) or a start that failed (1). --help prints and returns 0.
 */
export async function main(argv: string[], io = { out: process.stdout, err: process.stderr }): Promise<number> {
  let command: CliCommand;
  try {
    command = parseEmulatorArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err.write(`emulator: ${err.message}\nRun with --help for usage.\n`);
      return 2;
    }
    throw err;
  }
  if (command.kind === "help") {
    io.out.write(HELP);
    return 0;
  }
  let options = command.options;
  if (command.stack !== undefined) {
    try {
      options = { ...(await stackEmulatorOptions(command.stack)), ...command.options };
    } catch (err) {
      if (err instanceof UsageError || err instanceof ConnectError || err instanceof FlowLoadError) {
        const why =
          err instanceof FlowLoadError
            ? err.issues.map(formatIssue).join("\n")
            : err instanceof ConnectError
              ? `${err.message}; ${err.fix}`
              : err.message;
        io.err.write(`emulator: --stack ${command.stack}: ${why}\n`);
        return err instanceof UsageError ? 2 : 1;
      }
      throw err;
    }
  }
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({ ...options, simulator: simulateCalls });
  } catch (err) {
    if (err instanceof ZodError) {
      io.err.write(
        `emulator: invalid --faults: ${err.issues.map((i) => `${i.path.join(".") || "<root>"}: ${i.message}`).join("; ")}\n`,
      );
      return 2;
    }
    if (err instanceof CorruptDataFileError || err instanceof OrgFileError || err instanceof TrafficFileError) {
      io.err.write(`emulator: ${err.message}\n`);
      return 1;
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" || code === "EACCES") {
      io.err.write(`emulator: cannot listen on 127.0.0.1:${options.port}: ${code}\n`);
      return 1;
    }
    throw err;
  }
  for (const f of emulator.removedTempFiles)
    process.stdout.write(`emulator: removed ${f}, left by a write that was killed\n`);
  process.stdout.write(
    `Genesys Cloud emulator listening on ${emulator.url}${command.stack !== undefined ? ` for stack ${command.stack} (org ${path.relative(process.cwd(), options.orgFile ?? "")}, kept in ${path.relative(process.cwd(), options.dataFile ?? "")})` : ""}\n`,
  );
  const t = emulator.trafficReport;
  if (t)
    process.stdout.write(
      `emulator: traffic ${options.trafficFile}: ${t.interactions} interactions, ${t.recorded} recorded as flow executions${Object.keys(t.notSimulated).length > 0 ? `, ${Object.values(t.notSimulated).reduce((a, b) => a + b, 0)} not simulated (${Object.keys(t.notSimulated).join("; ")})` : ""}\n`,
    );
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`emulator: ${signal} received, stopping\n`);
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== 0) process.exit(code);
    },
    (err: unknown) => {
      process.stderr.write(`emulator: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}
