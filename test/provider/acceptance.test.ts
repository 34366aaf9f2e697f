// The official Genesys provider's own acceptance tests, unmodified, against the emulator: the
// architect_flow, IVR, schedules, schedule groups, emergency group and DID pool packages of the
// pinned provider module, and those of the org objects a stack declares (skills, languages, wrap-up
// codes, user prompts, data tables and their rows, data actions), built with `go test -c` by tools/toolchain/setup.sh --with-provider-tests,
// run with TF_ACC=1 through OpenTofu (terraform-plugin-testing's TF_ACC_TERRAFORM_PATH). They
// reach the emulator the way they would reach Genesys: the Go SDK reads a gateway from its config
// file ($HOME/.genesyscloudgo/config, HOME a temporary folder) and signs in with the emulator's
// client id and secret. A test that does not pass is listed in knownGaps.ts with why; any other
// failure fails the tier, and so does a listed test that passes. Every JSON body the provider sends
// is checked against the spec's request schema for its operation (Genesys's published spec).
import { execFile, execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RequestBody } from "../../emulator/apiTypes";
import { startEmulator } from "../../emulator/server";
import { differenceFor, SPEC_DIFFERENCES } from "../../emulator/specDifferences";
import { genesysSpec } from "../../testkit/genesysSpec";
import { PROVIDER_TEST_GAPS } from "./knownGaps";

const ROOT = join(__dirname, "..", "..");
/**
 * The packages of the resources the project deploys, and of the org objects its flows name that the
 * emulator writes (as tools/toolchain/setup.sh builds them). Not run: `routing_queue` (its tests
 * need skill groups and queue members, which the emulator does not serve), `group` (its 5 tests pass
 * when run by hand, but each sleeps a minute) and `user`: the contract trees (contractTrees.test.ts) cover those kinds.
 */
const PACKAGES = [
  "architect_flow",
  "architect_ivr",
  "architect_schedules",
  "architect_schedulegroups",
  "architect_emergencygroup",
  "telephony_providers_edges_did_pool",
  "routing_skill",
  "routing_language",
  "routing_wrapupcode",
  "architect_user_prompt",
  "architect_datatable",
  "architect_datatable_row",
  "integration_action",
];

interface Outcome {
  pkg: string;
  test: string;
  result: "pass" | "fail" | "skip";
  seconds: number;
  /** The test's own output (its errors), for a failure's message. */
  output: string;
}

/** The toolchain's paths: the test binaries and OpenTofu (built once per machine, cached). */
function toolchain(): { tests: string; tofu: string } {
  const out = execFileSync(
    "bash",
    [join(ROOT, "tools/toolchain/setup.sh"), "--quiet", "--print-env", "--with-provider-tests"],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  const value = (name: string): string => {
    const line = out.split("\n").find((l) => l.startsWith(`export ${name}=`));
    if (!line) throw new Error(`setup.sh --print-env did not print ${name}`);
    return line.slice(`export ${name}=`.length).replace(/^'|'$/g, "");
  };
  return { tests: value("GENESYS_FLOWS_PROVIDER_TESTS"), tofu: value("GENESYS_FLOWS_TOFU") };
}

/** `go test -v` output -> one outcome per top-level test, with the lines it printed. */
function parseGoTestOutput(pkg: string, text: string): Outcome[] {
  const outcomes: Outcome[] = [];
  const lines = text.split("\n");
  const started = new Map<string, number>();
  lines.forEach((line, i) => {
    const run = /^=== RUN\s+(\S+)$/.exec(line);
    if (run && !run[1].includes("/")) started.set(run[1], i);
    const done = /^--- (PASS|FAIL|SKIP): (\S+) \(([\d.]+)s\)$/.exec(line);
    if (done && !done[2].includes("/")) {
      const from = started.get(done[2]) ?? i;
      outcomes.push({
        pkg,
        test: done[2],
        result: done[1].toLowerCase() as Outcome["result"],
        seconds: Number(done[3]),
        output: lines.slice(from + 1, i).join("\n"),
      });
    }
  });
  return outcomes;
}

async function runPackage(
  pkg: string,
  paths: { tests: string; tofu: string },
  bodies: RequestBody[],
): Promise<Outcome[]> {
  const emu = await startEmulator({ onRequestBody: (b) => bodies.push(b) });
  const work = mkdtempSync(join(tmpdir(), `provider-${pkg}-`));
  try {
    // The tests find the provider's examples relative to where they run (see setup.sh).
    cpSync(join(paths.tests, "src"), work, { recursive: true });
    for (const dir of readdirSync(join(work, "github.com/mypurecloud")))
      mkdirSync(join(work, "github.com/mypurecloud", dir, "test/temp"), { recursive: true });
    mkdirSync(join(work, ".genesyscloudgo"));
    const port = new URL(emu.url).port;
    writeFileSync(
      join(work, ".genesyscloudgo/config"),
      JSON.stringify({ gateway: { protocol: "http", host: "127.0.0.1", port } }),
    );
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: work,
      TF_ACC: "1",
      TF_ACC_TERRAFORM_PATH: paths.tofu,
      // The tests' configurations name the provider without a source: OpenTofu's default host.
      TF_ACC_PROVIDER_HOST: "registry.opentofu.org",
      TF_ACC_PROVIDER_NAMESPACE: "hashicorp",
      TF_IN_AUTOMATION: "1",
      CHECKPOINT_DISABLE: "1",
      GENESYSCLOUD_OAUTHCLIENT_ID: emu.clientId,
      GENESYSCLOUD_OAUTHCLIENT_SECRET: emu.clientSecret,
      GENESYSCLOUD_REGION: "us-east-1",
    };
    const output = await new Promise<string>((resolve) => {
      execFile(
        join(paths.tests, `${pkg}.test`),
        ["-test.run", "^TestAcc", "-test.v", "-test.timeout", "10m"],
        { cwd: work, env, maxBuffer: 64 * 1024 * 1024 },
        (_err, stdout, stderr) => resolve(`${stdout}\n${stderr}`),
      );
    });
    return parseGoTestOutput(pkg, output);
  } finally {
    await emu.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

describe("the official provider's acceptance tests against the emulator", () => {
  const outcomes: Outcome[] = [];
  /** Every JSON body the provider sent to a write route. */
  const bodies: RequestBody[] = [];
  beforeAll(async () => {
    const paths = toolchain();
    for (const pkg of PACKAGES) outcomes.push(...(await runPackage(pkg, paths, bodies)));
    const count = (r: Outcome["result"]) => outcomes.filter((o) => o.result === r).length;
    process.stdout.write(
      `provider acceptance tests: ${count("pass")} passed, ${count("fail")} failed, ${count("skip")} skipped of ${outcomes.length}\n` +
        outcomes.map((o) => `  ${o.result.toUpperCase().padEnd(4)} ${o.pkg}/${o.test} (${o.seconds}s)`).join("\n") +
        "\n",
    );
  }, 30 * 60_000);

  it("ran every acceptance test of the packages", () => {
    for (const pkg of PACKAGES) expect(outcomes.filter((o) => o.pkg === pkg).length).toBeGreaterThan(0);
    expect(outcomes.length).toBe(37);
  });

  it("passes every test the gap list does not name", () => {
    const unexpected = outcomes
      .filter((o) => o.result !== "pass")
      .filter(
        (o) =>
          !PROVIDER_TEST_GAPS.some(
            (g) => g.pkg === o.pkg && g.test === o.test && g.outcome === o.result && g.shows.test(o.output),
          ),
      )
      .map((o) => `${o.pkg}/${o.test}: ${o.result}\n${o.output}`);
    expect(unexpected).toEqual([]);
  });

  it("sends only bodies the spec's request schemas accept (kept differences aside)", () => {
    const spec = genesysSpec();
    const problems = bodies.flatMap((b) => {
      const op = spec.operation(b.method, b.path);
      return op
        ? spec.requestProblems(op, b.body).filter((p) => differenceFor(p)?.kind !== "request")
        : [`${b.method} ${b.path}: no such operation in the spec`];
    });
    process.stdout.write(`provider request bodies: ${bodies.length} checked against the spec\n`);
    expect(bodies.length).toBeGreaterThan(20);
    expect([...new Set(problems)].sort()).toEqual([]);
    // And each request difference kept for the provider's bodies is still shown by one.
    const shown = bodies.flatMap((b) => {
      const op = spec.operation(b.method, b.path);
      return op ? spec.requestProblems(op, b.body) : [];
    });
    expect(
      SPEC_DIFFERENCES.filter((d) => d.byProvider && !shown.some((p) => d.matches.test(p))).map(
        (d) => d.matches.source,
      ),
    ).toEqual([]);
  });

  it("lists no gap that passes now (remove it from knownGaps.ts)", () => {
    const stale = PROVIDER_TEST_GAPS.filter((g) =>
      outcomes.some((o) => o.pkg === g.pkg && o.test === g.test && o.result === "pass"),
    ).map((g) => `${g.pkg}/${g.test}`);
    expect(stale).toEqual([]);
  });
});
