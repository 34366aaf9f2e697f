// The emulator tier's import helpers: a copy of the fixture project pointed at an emulator, and
// flows:import run in it with its output kept.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunningEmulator } from "../../emulator/server";
import { main as importMain } from "../../tools/importFlows";
import { copyPortfolio } from "../../testkit/fixtureProject";

/** A copy of the unit tests' portfolio whose stack `test` points at `emu` (its gateway and token). */
export function portfolioAgainst(emu: RunningEmulator, prefix: string): string {
  const root = copyPortfolio(prefix);
  const stackFile = join(root, "Pulumi.test.yaml");
  const text = readFileSync(stackFile, "utf8");
  writeFileSync(
    stackFile,
    `${text}  # where the test's org is\n  genesys-flows:provider:\n    gateway: { protocol: http, host: 127.0.0.1, port: "${emu.port}" }\n  genesys-flows:accessToken: ${emu.accessToken}\n`,
  );
  return root;
}

/** Runs flows:import in `root` and keeps what it printed. */
export async function runImport(root: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await importMain(["--root", root, ...argv], {
    out: { write: (s: string) => (out += s) },
    err: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}
