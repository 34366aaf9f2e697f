// actionlint over the project's workflows, with the binary the toolchain step builds (pinned in
// tools/toolchain/versions.env; npm test builds it before the tiers run). The workflows must pass,
// and the same command must fail on a broken workflow (so a pass means something). The properties
// actionlint cannot know are in test/unit/workflows.test.ts.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT } from "../../testkit/harness";

jest.setTimeout(10 * 60_000);

function lintWorkflows(args: string[] = []) {
  const r = spawnSync("bash", [path.join(ROOT, "tools/lintWorkflows.sh"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 9 * 60_000,
  });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

it("the toolchain provides the pinned actionlint", () => {
  const env = spawnSync("bash", [path.join(ROOT, "tools/toolchain/setup.sh"), "--quiet", "--print-env"], {
    encoding: "utf8",
  });
  expect(env.status).toBe(0);
  const bin = /^export GENESYS_FLOWS_ACTIONLINT=(.+)$/m.exec(env.stdout)?.[1];
  expect(bin).toBeDefined();
  const pin = /^ACTIONLINT_VERSION=(.+)$/m.exec(
    fs.readFileSync(path.join(ROOT, "tools/toolchain/versions.env"), "utf8"),
  )?.[1];
  const version = spawnSync(bin!, ["-version"], { encoding: "utf8" });
  expect(version.stdout.split("\n")[0]).toBe(pin);
});

it("npm run lint:workflows: every workflow (and the local action they use) passes actionlint", () => {
  const r = lintWorkflows();
  if (r.code !== 0) throw new Error(`actionlint failed:\n${r.output}`);
  expect(r.code).toBe(0);
});

it("and it fails, naming file, line and problem, on a broken workflow", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "actionlint-"));
  try {
    fs.mkdirSync(path.join(dir, ".github/workflows"), { recursive: true });
    const broken = fs
      .readFileSync(path.join(ROOT, ".github/workflows/pull-request.yml"), "utf8")
      .replace(
        "if: github.event.pull_request.head.repo.full_name == github.repository\n    runs-on",
        "if: github.event.pull_request.head.repo.full_name == github.repositry\n    runs-on",
      )
      .replace("cancel-in-progress: true", "cancel-in-progress: yes-please");
    const file = path.join(dir, ".github/workflows/pull-request.yml");
    fs.writeFileSync(file, broken);
    fs.cpSync(path.join(ROOT, ".github/actions"), path.join(dir, ".github/actions"), { recursive: true });
    const r = lintWorkflows([file]);
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/pull-request\.yml:\d+:\d+: property "repositry" is not defined/);
    expect(r.output).toContain("yes-please");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
