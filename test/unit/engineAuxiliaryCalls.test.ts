// What a command asks pulumi besides the engine's own run, each a process with pulumi's start-up
// (and, with secrets, the passphrase's key derivation): the toolchain's pulumi is taken with the
// version its folder names (no `pulumi version`), and a passphrase stack's secret is decrypted here
// with the passphrase tools/pulumi.sh would give pulumi (no `pulumi config get`).
import * as fs from "node:fs";
import * as path from "node:path";
import { pulumiOnPath } from "../../engine/workspace";
import { pulumiShEnv } from "../../project/pulumiCli";
import { tempProject } from "../../testkit/tempProject";

/** A stand-in `pulumi` in `<dir>/<folder>/bin` that records each run and answers `version`. */
function fakePulumi(folder: string): { bin: string; runs: () => string[] } {
  const dir = tempProject({});
  const bin = path.join(dir, folder, "bin");
  const log = path.join(dir, "runs.log");
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(bin, "pulumi"), `#!/bin/sh\necho "$*" >> '${log}'\necho v3.259.0\n`, { mode: 0o755 });
  return { bin, runs: () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : []) };
}

describe("the pulumi a run drives", () => {
  it("takes the toolchain's build with the version its folder names, running nothing", async () => {
    const fake = fakePulumi("pulumi-v3.259.0-32ca994e43e6-shim-bdf31f6ae222");
    const command = await pulumiOnPath({ PATH: `${fake.bin}${path.delimiter}/usr/bin` });
    expect(command?.command).toBe(path.join(fake.bin, "pulumi"));
    expect(command?.version?.toString()).toBe("3.259.0");
    expect(fake.runs()).toEqual([]);
  });

  it("asks any other pulumi its version", async () => {
    const fake = fakePulumi("pulumi-own");
    const command = await pulumiOnPath({ PATH: fake.bin });
    expect(command?.version?.toString()).toBe("3.259.0");
    expect(fake.runs()).toEqual(["version"]);
  });
});

describe("pulumiShEnv", () => {
  const root = () => tempProject({});
  it("gives the local stack the passphrase tools/pulumi.sh gives it, unless one is set", async () => {
    expect((await pulumiShEnv(root(), "local", { PATH: process.env.PATH })).PULUMI_CONFIG_PASSPHRASE).toBe(
      "genesys-flows-local",
    );
    const own = await pulumiShEnv(root(), "local", { PATH: process.env.PATH, PULUMI_CONFIG_PASSPHRASE: "mine" });
    expect(own.PULUMI_CONFIG_PASSPHRASE).toBe("mine");
    const file = await pulumiShEnv(root(), "local", { PATH: process.env.PATH, PULUMI_CONFIG_PASSPHRASE_FILE: "/f" });
    expect(file.PULUMI_CONFIG_PASSPHRASE).toBeUndefined();
  });

  it("gives another stack none: it keeps your own secrets provider", async () => {
    expect((await pulumiShEnv(root(), "dev", { PATH: process.env.PATH })).PULUMI_CONFIG_PASSPHRASE).toBeUndefined();
  });
});
