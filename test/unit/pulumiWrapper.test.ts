// tools/pulumi.sh, the wrapper every project command runs pulumi through: its policy gate and its
// stack-file guard. The real wrapper scripts run in a temporary folder with a recording stand-in
// for the pulumi binary (the toolchain step is replaced there by one that points at it), so these
// run without Go. The same guard against the real engine: test/e2e/shippedStackFiles.test.ts.
import { spawnSync } from "node:child_process";
import { defaultTokenPool, MAX_PUBLISHERS } from "../../planner/publishers";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const SCRIPTS = ["pulumi.sh", "pulumiArgs.sh", "policyGate.sh", "stackFileGuard.sh", "pulumiEnv.sh"];

// Imitates what pulumi does when it saves a stack file (see test/e2e/shippedStackFiles.test.ts for the
// real one): re-serialises it (`false` -> "false") and adds an encryptionsalt, writing to the
// --config-file if one was given, else to Pulumi.<stack>.yaml.
const FAKE_PULUMI = `#!/usr/bin/env bash
printf '%s\\n' "$*" >> "$FAKE_LOG"
cfg=""; stack=""; prev=""
for a in "$@"; do
  [ "$prev" = --config-file ] && cfg="$a"
  [ "$prev" = --stack ] && stack="$a"
  prev="$a"
done
target="\${cfg:-Pulumi.$stack.yaml}"
[ -n "$cfg" ] && printf 'config-file content: %s\\n' "$(cat "$cfg" | sha256sum | cut -c1-16)" >> "$FAKE_LOG"
if [ "\${FAKE_REWRITE:-1}" = 1 ] && [ -f "$target" ]; then
  sed -i 's/: false$/: "false"/' "$target"
  echo 'encryptionsalt: v1:c2FsdA==:v1:abc' >> "$target"
fi
exit "\${FAKE_EXIT:-0}"
`;

let dir: string;
let log: string;
let prodBytes: Buffer;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-wrapper-"));
  fs.mkdirSync(path.join(dir, "tools/toolchain"), { recursive: true });
  for (const s of SCRIPTS) fs.copyFileSync(path.join(ROOT, "tools", s), path.join(dir, "tools", s));
  fs.writeFileSync(path.join(dir, "fake-pulumi"), FAKE_PULUMI, { mode: 0o755 });
  fs.writeFileSync(
    path.join(dir, "tools/toolchain/setup.sh"),
    `#!/usr/bin/env bash\necho "export GENESYS_FLOWS_PULUMI=${path.join(dir, "fake-pulumi")}"\n`,
    { mode: 0o755 },
  );
  fs.cpSync(path.join(ROOT, "policies/config"), path.join(dir, "policies/config"), { recursive: true });
  for (const f of ["Pulumi.prod.yaml", "Pulumi.dev.yaml", "Pulumi.local.yaml"])
    fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
  prodBytes = fs.readFileSync(path.join(dir, "Pulumi.prod.yaml"));
  log = path.join(dir, "fake.log");
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  fs.rmSync(log, { force: true });
  fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), prodBytes);
});

function wrapper(args: string[], env: Record<string, string> = {}) {
  const clean: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(PULUMI_|GENESYS)/.test(k)) clean[k] = v;
  fs.rmSync(log, { force: true });
  const r = spawnSync("bash", [path.join(dir, "tools/pulumi.sh"), ...args], {
    cwd: dir,
    env: { ...clean, FAKE_LOG: log, PULUMI_BACKEND_URL: `file://${dir}/state`, ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
  return { code: r.status, stderr: r.stderr, calls };
}

const prodFile = () => fs.readFileSync(path.join(dir, "Pulumi.prod.yaml"));
const pack = (stack: string) => ["--policy-pack", "policies", "--policy-pack-config", `policies/config/${stack}.json`];

describe("policy gate", () => {
  it.each([["up"], ["update"], ["preview"], ["pre"]])(
    "`%s` on prod without the policy pack is refused before pulumi runs",
    (command) => {
      const r = wrapper([command, "--stack", "prod"]);
      expect(r.code).toBe(2);
      expect(r.calls).toEqual([]);
      expect(r.stderr).toContain(`refusing \`pulumi ${command}\` on stack "prod"`);
      expect(r.stderr).toContain("missing: --policy-pack policies");
      expect(r.stderr).toContain("missing: --policy-pack-config policies/config/prod.json");
      expect(r.stderr).toContain("--without-policy-pack");
      expect(r.stderr).toContain("GENESYS_FLOWS_WITHOUT_POLICY_PACK=1");
    },
  );

  it("another stack's policy config does not count", () => {
    const r = wrapper([
      "up",
      "--stack",
      "prod",
      "--policy-pack",
      "policies",
      "--policy-pack-config",
      "policies/config/dev.json",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing: --policy-pack-config policies/config/prod.json");
    expect(r.stderr).not.toContain("missing: --policy-pack policies");
  });

  it("no --stack: refused, since the stack decides the policy config", () => {
    const r = wrapper(["up", ...pack("prod")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("without --stack");
  });

  it("the pack and the stack's config, in any spelling, pass", () => {
    for (const args of [
      ["up", "--yes", "--stack", "prod", ...pack("prod")],
      ["preview", "--stack=dev", "--policy-pack=./policies/", `--policy-pack-config=${dir}/policies/config/dev.json`],
      ["-C", ".", "preview", "-s", "dev", ...pack("dev")],
    ]) {
      const r = wrapper(args);
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({
        args,
        code: 0,
        stderr: expect.not.stringContaining("refusing"),
      });
      expect(r.calls[0]).toContain(args.join(" "));
    }
  });

  it("the local stack and commands that do not deploy need no pack", () => {
    expect(wrapper(["up", "--yes", "--stack", "local"]).code).toBe(0);
    // A flag last on the line (the e2e harness appends --non-interactive) is read as a flag.
    expect(wrapper(["up", "--yes", "--stack", "local", "--non-interactive"]).code).toBe(0);
    expect(wrapper(["stack", "select", "--create", "local", "--non-interactive"]).code).toBe(0);
    expect(wrapper(["stack", "output", "--stack", "prod"], { FAKE_REWRITE: "0" }).code).toBe(0);
    expect(wrapper(["destroy", "--yes", "--stack", "dev"]).code).toBe(0);
  });

  it("said explicitly, with the flag (not passed on) or the variable, it runs and warns", () => {
    const flag = wrapper(["up", "--stack", "prod", "--without-policy-pack"]);
    expect(flag.code).toBe(0);
    expect(flag.calls[0]).not.toContain("--without-policy-pack");
    expect(flag.stderr).toContain("runs WITHOUT the policy gate");
    const env = wrapper(["preview", "--stack", "prod"], { GENESYS_FLOWS_WITHOUT_POLICY_PACK: "1" });
    expect(env.code).toBe(0);
    expect(env.stderr).toContain("runs WITHOUT the policy gate");
  });
});

describe("parallelism", () => {
  const parallelOf = (call: string) =>
    [...call.matchAll(/(?:^| )(--parallel|-p)(?:=| )?(\S*)/g)].map((m) => `${m[1]} ${m[2]}`);

  it("commands that run resource operations get --parallel 10, not Pulumi's 4 x CPUs", () => {
    for (const command of ["up", "update", "preview", "pre", "refresh", "destroy"]) {
      const r = wrapper([command, "--yes", "--stack", "local"]);
      expect({ command, code: r.code, parallel: parallelOf(r.calls[0]) }).toEqual({
        command,
        code: 0,
        parallel: ["--parallel 10"],
      });
    }
    // Global flags before the command do not hide it.
    expect(parallelOf(wrapper(["-C", ".", "preview", "--stack", "local"]).calls[0])).toEqual(["--parallel 10"]);
  });

  it("an org's stack gets --parallel 200, the most publishes the defaults put in flight (every publish waits the provider's 15 s job poll: issue 63), local and no stack named keep 10", () => {
    // The most a stack publishes at once with the defaults: every publisher, each with the largest default pool.
    const most =
      MAX_PUBLISHERS *
      Math.max(...(["clientCredentials", "accessToken"] as const).map((signIn) => defaultTokenPool(signIn)));
    expect(most).toBe(200);
    for (const stack of ["dev", "prod", "org/project/staging"]) {
      const r = wrapper(
        [
          "up",
          "--yes",
          "--stack",
          stack,
          "--policy-pack",
          "policies",
          "--policy-pack-config",
          `policies/config/${stack}.json`,
        ],
        { FAKE_REWRITE: "0" },
      );
      expect({
        stack,
        code: r.code,
        calls: r.calls.filter((c) => c.includes("--parallel")).flatMap(parallelOf),
      }).toEqual({ stack, code: 0, calls: [`--parallel ${most}`] });
    }
    const given = (args: string[], env: Record<string, string> = {}) =>
      wrapper(args, { FAKE_REWRITE: "0", ...env })
        .calls.filter((c) => c.includes("--parallel"))
        .flatMap(parallelOf);
    expect(given(["preview", "--stack=dev", "--without-policy-pack"])).toEqual([`--parallel ${most}`]);
    expect(given(["up", "--yes", "--without-policy-pack"])).toEqual(["--parallel 10"]);
    expect(given(["up", "--yes", "--stack", "dev", "--without-policy-pack"], { GENESYS_FLOWS_PARALLEL: "12" })).toEqual(
      ["--parallel 12"],
    );
  });

  it("the command line's value wins, in any spelling; GENESYS_FLOWS_PARALLEL sets the default", () => {
    for (const given of [["--parallel", "3"], ["--parallel=3"], ["-p", "3"], ["-p3"]]) {
      const r = wrapper(["up", "--yes", "--stack", "local", ...given]);
      expect({ given, parallel: parallelOf(r.calls[0]) }).toEqual({
        given,
        parallel: [
          given
            .join(" ")
            .replace(/^(-p)(\d)/, "$1 $2")
            .replace("=", " "),
        ],
      });
    }
    expect(parallelOf(wrapper(["up", "--yes", "--stack", "local"], { GENESYS_FLOWS_PARALLEL: "24" }).calls[0])).toEqual(
      ["--parallel 24"],
    );
  });

  it("other commands get none, and a bad GENESYS_FLOWS_PARALLEL is refused before pulumi runs", () => {
    expect(parallelOf(wrapper(["stack", "output", "--stack", "local"], { FAKE_REWRITE: "0" }).calls[0])).toEqual([]);
    expect(parallelOf(wrapper(["config", "get", "foo", "--stack", "local"], { FAKE_REWRITE: "0" }).calls[0])).toEqual(
      [],
    );
    for (const bad of ["0", "ten", "-1", "10 --yes", "99999"]) {
      const r = wrapper(["up", "--yes", "--stack", "local"], { GENESYS_FLOWS_PARALLEL: bad });
      expect({ bad, code: r.code, calls: r.calls }).toEqual({ bad, code: 2, calls: [] });
      expect(r.stderr).toContain(
        `GENESYS_FLOWS_PARALLEL must be a whole number of resource operations at once (1-9999), not "${bad}"`,
      );
    }
  });
});

describe("stack-file guard", () => {
  it("engine commands run on a copy: pulumi's rewrite lands there, the committed file keeps its bytes", () => {
    const r = wrapper(["preview", "--stack", "prod", ...pack("prod")]);
    expect(r.code).toBe(0);
    expect(prodFile().equals(prodBytes)).toBe(true);
    const configFile = /--config-file (\S+)/.exec(r.calls[0])?.[1];
    expect(configFile).toMatch(/Pulumi\.prod\.yaml$/);
    expect(configFile).not.toBe(path.join(dir, "Pulumi.prod.yaml"));
    // The copy pulumi got had the committed content.
    const sha = spawnSync("sha256sum", { input: prodBytes, encoding: "utf8" }).stdout.slice(0, 16);
    expect(r.calls[1]).toBe(`config-file content: ${sha}`);
    expect(r.stderr).toContain(
      "pulumi rewrote its working copy of Pulumi.prod.yaml; the committed file was left unchanged",
    );
    expect(r.stderr).toContain("+encryptionsalt: v1:c2FsdA==:v1:abc");
    expect(fs.existsSync(configFile!)).toBe(false); // cleaned up
  });

  it("a command that rewrites a committed stack file is failed and the file restored byte for byte", () => {
    const r = wrapper(["stack", "select", "--create", "--stack", "prod"]);
    expect(r.code).toBe(1);
    expect(prodFile().equals(prodBytes)).toBe(true);
    expect(r.stderr).toContain("rewrote the committed Pulumi.prod.yaml; it has been restored byte for byte");
    expect(r.stderr).toContain('+  genesys-flows:forceUnlock: "false"');
    expect(r.stderr).toContain("npm run pulumi -- stack init");
  });

  it("a failing pulumi keeps its own exit code, and the file is still restored", () => {
    const r = wrapper(["stack", "select", "--stack", "prod"], { FAKE_EXIT: "7" });
    expect(r.code).toBe(7);
    expect(prodFile().equals(prodBytes)).toBe(true);
  });

  it("a --config-file of your own is respected (no copy), and the committed files are still checked", () => {
    const own = path.join(dir, "own.yaml");
    fs.writeFileSync(own, "config: {}\n");
    const r = wrapper(["preview", "--stack", "prod", ...pack("prod"), "--config-file", own]);
    expect(r.code).toBe(0);
    expect(r.calls[0].match(/--config-file/g)).toHaveLength(1);
    expect(prodFile().equals(prodBytes)).toBe(true);
  });

  it("commands that write stack files on purpose may", () => {
    const r = wrapper(["config", "set", "--stack", "prod", "genesys-flows:namePrefix", "prod-"]);
    expect(r.code).toBe(0);
    expect(prodFile().toString()).toContain("encryptionsalt");
  });
});
