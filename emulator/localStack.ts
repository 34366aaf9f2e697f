// The emulator behind the `local` stack, for the commands that run against it (`npm start`, `npm
// run up|preview|down -- --stack local`, `npm run verify -- --stack local`): one answering where
// Pulumi.local.yaml points the provider is reused, otherwise one is started in this process with
// its org in .work/emulator/org.json. `genesys-flows emulator --stack local` (tools/emulator.ts)
// starts the same one for a person's own `pulumi` (docs/using-your-own-pulumi.md), with the
// credentials its provider signs in with.
import { stackFileName } from "../model/stackFile";
import * as fs from "node:fs";
import * as path from "node:path";
import type { StackSettings } from "../planner/stackSettings";
import { UsageError } from "../project/cliArgs";
import { projectDir } from "../project/root";
import { DEFAULTS as EMULATOR_DEFAULTS } from "./defaults";
import type { EmulatorOptions, RunningEmulator } from "./server";
import { LOCAL_ORG_FILE } from "../project/orgFile";

/** Where a started emulator keeps the local stack's org, relative to the project. */
export const EMULATOR_DATA = ".work/emulator/org.json";

/**
 * Whether the emulator answers at `url`. A free port refuses at once; a busy emulator on a loaded
 * machine (2 cores, load 30) took more than 2 s to answer, was taken for another program, and the
 * run stopped: so the wait is long, and only something listening that never answers meets it.
 */
async function isEmulator(url: string): Promise<boolean> {
  try {
    // The admin routes answer only with the emulator's token (the local stack uses its default one).
    const res = await fetch(`${url}/__emulator/state`, {
      headers: { Authorization: `Bearer ${EMULATOR_DEFAULTS.accessToken}` },
      signal: AbortSignal.timeout(30_000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/** The emulator a stack deploys to: on its gateway's port, with its org file, its org kept in EMULATOR_DATA. */
export function stackEmulator(
  stack: string,
  config: StackSettings,
  root = projectDir(),
): EmulatorOptions & { port: number } {
  const gateway = config.provider.gateway;
  if (gateway?.host !== "127.0.0.1") {
    throw new UsageError(
      `${stackFileName(stack)}: genesys-flows:provider.gateway must point at 127.0.0.1 for the emulator`,
    );
  }
  fs.mkdirSync(path.join(root, path.dirname(EMULATOR_DATA)), { recursive: true });
  return {
    port: Number(gateway.port),
    dataFile: path.join(root, EMULATOR_DATA),
    orgFile: path.join(root, config.emulatorOrg ?? LOCAL_ORG_FILE),
  };
}

/** Makes sure an emulator answers where the local stack's provider points; returns one we started. */
export async function ensureEmulator(config: StackSettings): Promise<{ url: string; started?: RunningEmulator }> {
  const options = stackEmulator("local", config);
  const url = `http://127.0.0.1:${options.port}`;
  if (await isEmulator(url)) return { url };
  try {
    // Loaded only to start one: a run against an emulator already answering does not load the API.
    const { startEmulator } = await import("./server");
    return { url, started: await startEmulator(options) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new UsageError(
        `port ${options.port} (Pulumi.local.yaml) is in use by something that is not the emulator; free it or change genesys-flows:provider.gateway.port`,
      );
    }
    throw e;
  }
}
