// The environment tools/toolchain/setup.sh gives a command of the project (the pinned pulumi on
// PATH, the provider's folders), worked out once per process, as tools/bootstrap.sh works it out
// once for an npm script; and the mark that tells a copy of the project its toolchain is ready
// (GENESYS_FLOWS_TOOLCHAIN_READY), so tools/pulumi.sh and `genesys-flows up` in that copy do not
// run the check again at every command (about 0.2 s of CPU each). A copy has the repository's own
// tools/toolchain, so the repository's answer is the copy's. Used by the e2e harness and the benchmark.
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { toolRoot } from "../project/root";

/** The project's folder (the benchmark runs this file precompiled, from a cache folder: project/root.ts). */
const ROOT = toolRoot();

/** undefined: not worked out yet; null: the toolchain check failed. */
let cache: Readonly<Record<string, string>> | null | undefined;

/** What setup.sh --print-env exports, with its values; null when the toolchain check fails. */
export function toolchainEnvironment(): Readonly<Record<string, string>> | null {
  if (cache === undefined) {
    const setup = JSON.stringify(path.join(ROOT, "tools/toolchain/setup.sh"));
    const r = spawnSync(
      "bash",
      [
        "-c",
        `lines="$(bash ${setup} --quiet --print-env)" && eval "$lines" && for n in $(printf '%s\\n' "$lines" | sed -n 's/^export \\([A-Za-z_][A-Za-z0-9_]*\\)=.*/\\1/p'); do printf '%s=%s\\0' "$n" "\${!n}"; done`,
      ],
      { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
    );
    cache =
      r.status === 0
        ? Object.fromEntries(
            r.stdout
              .split("\0")
              .filter((x) => x.includes("="))
              .map((x) => [x.slice(0, x.indexOf("=")), x.slice(x.indexOf("=") + 1)]),
          )
        : null;
  }
  return cache;
}

/** The toolchain's environment for commands run in `dir` (a copy of the project), marked ready; null when the check fails. */
export function readyToolchainEnv(dir: string): Record<string, string> | null {
  const env = toolchainEnvironment();
  return env === null ? null : { ...env, GENESYS_FLOWS_TOOLCHAIN_READY: dir };
}
