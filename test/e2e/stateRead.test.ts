// The program reads the local stack's state straight from the project's file backend
// (org/fileBackendState.ts), and what it reads is what `pulumi stack export` prints: checked on a
// stack the real engine deployed. The program's own CLI calls are logged through a wrapper of the
// engine's binary (GENESYS_FLOWS_PULUMI): a preview on the project's backend runs no
// `stack export`; the same stack on a file backend outside the project is read through the CLI,
// as before. The test owns its portfolio. Steps run in order.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isDeepStrictEqual } from "node:util";
import * as YAML from "yaml";
import { parseStackExport } from "../../org/stackExport";
import { readBackendExport } from "../../org/fileBackendState";
import { callFlow, LOOKUP } from "../../testkit/fixtures";
import { createProject, policyArgs, type E2eProject } from "../../testkit/harness";

jest.setTimeout(10 * 60_000);

const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
let p: E2eProject;
let outside: string;

beforeAll(async () => {
  p = await createProject({
    flows: {
      "modules/lookup.yaml": y(LOOKUP),
      "calls/a.yaml": y(callFlow("A", "Lookup", "address", "Sales")),
    },
  });
  outside = fs.mkdtempSync(path.join(os.tmpdir(), "genesys-flows-state-outside-"));
});

afterAll(async () => {
  await p?.cleanup();
  if (outside) fs.rmSync(outside, { recursive: true, force: true });
});

/** A wrapper of the engine's binary that logs each command line, for the program's own calls. */
function loggingPulumi(): { env: Record<string, string>; calls: () => string[] } {
  const log = path.join(outside, `calls-${Date.now()}.log`);
  const wrapper = path.join(outside, `pulumi-${Date.now()}.sh`);
  fs.writeFileSync(
    wrapper,
    `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> ${JSON.stringify(log)}\nexec ${JSON.stringify(p.pulumiEnv.GENESYS_FLOWS_PULUMI)} "$@"\n`,
    { mode: 0o755 },
  );
  return {
    env: { GENESYS_FLOWS_PULUMI: wrapper },
    calls: () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : []),
  };
}

it("1. the portfolio deploys", async () => {
  const r = await p.up();
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${r.output.slice(-4000)}`);
});

it("2. the direct read is what pulumi stack export prints", async () => {
  const r = await p.pulumi(["stack", "export", "--stack", "local"]);
  expect(r.code).toBe(0);
  const [backendUrl, stack] = [p.pulumiEnv.PULUMI_BACKEND_URL, "organization/genesys-flows/local"];
  const direct = await readBackendExport({ backendUrl, root: p.dir, project: "genesys-flows", stack });
  expect(direct).toBeDefined();
  const cli = JSON.parse(r.stdout) as { deployment: { resources: unknown[] } };
  expect(cli.deployment.resources.length).toBeGreaterThan(4);
  expect(isDeepStrictEqual(JSON.parse(direct!), cli)).toBe(true);
  expect(parseStackExport("local", direct!)).toEqual(parseStackExport("local", r.stdout));
});

it("3. a no-op preview on the project's backend starts no stack export", async () => {
  const logged = loggingPulumi();
  const r = await p.pulumi(["preview", "--stack", "local", ...policyArgs("local")], { env: logged.env });
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${r.output.slice(-4000)}`);
  expect(r.stdout).toMatch(/\d+ unchanged/);
  expect(logged.calls().some((c) => c.startsWith("preview "))).toBe(true);
  expect(logged.calls().filter((c) => c.includes("stack export"))).toEqual([]);
});

it("4. the same stack on a file backend outside the project is read through the CLI", async () => {
  fs.cpSync(path.join(p.dir, ".work/state"), path.join(outside, "state"), { recursive: true });
  const logged = loggingPulumi();
  const r = await p.pulumi(["preview", "--stack", "local", ...policyArgs("local")], {
    env: { ...logged.env, PULUMI_BACKEND_URL: `file://${path.join(outside, "state")}` },
  });
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${r.output.slice(-4000)}`);
  expect(r.stdout).toMatch(/\d+ unchanged/);
  expect(logged.calls().filter((c) => c.includes("stack export"))).toEqual([
    "stack export --stack organization/genesys-flows/local",
  ]);
});
