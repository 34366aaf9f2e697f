import { ZodError } from "zod";
import { CliUsageError, HELP, parseCliArgs } from "./cliArgs";
import { OrgFileError } from "./orgFile";
import { CorruptDataFileError } from "./persistence";
import { startEmulator } from "./server";

async function main(argv: string[]): Promise<void> {
  let command;
  try {
    command = parseCliArgs(argv);
  } catch (err) {
    if (err instanceof CliUsageError) {
      process.stderr.write(`emulator: ${err.message}\nRun with --help for usage.\n`);
      process.exit(2);
    }
    throw err;
  }
  if (command.kind === "help") {
    process.stdout.write(HELP);
    return;
  }
  let emulator;
  try {
    emulator = await startEmulator(command.options);
  } catch (err) {
    if (err instanceof ZodError) {
      process.stderr.write(`emulator: invalid --faults: ${err.issues.map((i) => `${i.path.join(".") || "<root>"}: ${i.message}`).join("; ")}\n`);
      process.exit(2);
    }
    if (err instanceof CorruptDataFileError || err instanceof OrgFileError) {
      process.stderr.write(`emulator: ${err.message}\n`);
      process.exit(1);
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" || code === "EACCES") {
      process.stderr.write(`emulator: cannot listen on 127.0.0.1:${command.options.port}: ${code}\n`);
      process.exit(1);
    }
    throw err;
  }
  for (const f of emulator.removedTempFiles) process.stdout.write(`emulator: removed ${f}, left by a write that was killed\n`);
  process.stdout.write(`Genesys Cloud emulator listening on ${emulator.url}\n`);
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
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`emulator: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
