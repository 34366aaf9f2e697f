// Nothing the project runs rewrites a committed stack file, with the real engine: a copy of
// Pulumi.prod.yaml (no encryptionsalt, `forceUnlock: false` unquoted) on a file backend with
// passphrase secrets, its provider pointed at the test's emulator.
//   1. `pulumi stack select --create` (what `npm run up` ran on main) really rewrites it: the
//      wrapper restores the bytes and fails, naming the file.
//   2. `npm run preview -- --stack prod` (tools/deploy.ts: preflight, stack select, preview with the
//      policy pack) passes and leaves the bytes alone, though pulumi wants to add the salt.
//   3. The policy gate refuses a raw `pulumi up` on prod without the pack, before the engine.
import * as fs from "node:fs";
import * as path from "node:path";
import { spawn } from "node:child_process";
import { createProject, policyArgs, ROOT, type E2eProject } from "../../testkit/harness";

jest.setTimeout(10 * 60_000);

let p: E2eProject;
let committed: Buffer;
const PASSPHRASE = { PULUMI_CONFIG_PASSPHRASE: "e2e-prod-passphrase" };

beforeAll(async () => {
  p = await createProject();
  // deploy.ts imports the emulator module for the local stack; the copy needs it.
  fs.cpSync(path.join(ROOT, "emulator"), path.join(p.dir, "emulator"), { recursive: true });
  const prod = fs
    .readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8")
    .replace(
      "    region: us-east-1\n",
      `    gateway:\n      protocol: http\n      host: 127.0.0.1\n      port: "${p.emulator.port}"\n    tokenPoolSize: 1\n`,
    )
    // The shipped routing values name the shipped routing files, which the copy (owning its own
    // flows, and no routing) does not have; the formatting this test is about is elsewhere.
    .replace(/ {2}# Routing[^\n]*\n {2}genesys-flows:routing:\n( {4}.*\n)+/, "");
  expect(prod).toContain("genesys-flows:forceUnlock: false\n");
  expect(prod).not.toContain("encryptionsalt");
  p.write("Pulumi.prod.yaml", prod);
  committed = fs.readFileSync(path.join(p.dir, "Pulumi.prod.yaml"));
});

afterAll(async () => {
  await p?.cleanup();
});

const prodBytes = () => fs.readFileSync(path.join(p.dir, "Pulumi.prod.yaml"));

it("the shipped Pulumi.prod.yaml: `stack select --create` would write encryptionsalt and re-quote values: the wrapper restores the file and fails", async () => {
  const r = await p.pulumi(["stack", "select", "--create", "--stack", "prod"], { env: PASSPHRASE });
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain("rewrote the committed Pulumi.prod.yaml; it has been restored byte for byte");
  expect(r.stderr).toMatch(/\+encryptionsalt: v1:/);
  expect(prodBytes().equals(committed)).toBe(true);
});

it("the shipped Pulumi.prod.yaml: `npm run preview -- --stack prod` runs preflight and the policy pack and leaves Pulumi.prod.yaml byte-identical", async () => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...PASSPHRASE,
    PULUMI_BACKEND_URL: `file://${path.join(p.dir, ".work/state")}`,
    GENESYSCLOUD_ACCESS_TOKEN: "local-emulator-token",
  };
  delete env.GENESYSCLOUD_OAUTHCLIENT_ID;
  delete env.GENESYSCLOUD_OAUTHCLIENT_SECRET;
  const r = await new Promise<{ code: number; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["tools/jsbuild/cli.js", "preview", "--stack", "prod"], {
      cwd: p.dir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
  if (r.code !== 0) throw new Error(`deploy preview exited ${r.code}:\n${r.output.slice(-6000)}`);
  expect(r.output).toContain(`[preflight] org: "`);
  expect(r.output).toContain(`gateway http://127.0.0.1:${p.emulator.port}`);
  // pulumi reads (and may rewrite) a copy under .work/stack-files/ (engine/workspace.ts runEngine), never the committed file; the copy goes with the run.
  expect(r.output).toContain("Policies:");
  const copies = path.join(p.dir, ".work/stack-files");
  expect(fs.existsSync(copies) ? fs.readdirSync(copies) : []).toEqual([]);
  expect(prodBytes().equals(committed)).toBe(true);
});

it("the shipped Pulumi.prod.yaml: a raw `pulumi up` on prod without the policy pack is refused before the engine starts", async () => {
  const refused = await p.pulumi(["up", "--yes", "--stack", "prod"], { env: PASSPHRASE });
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('refusing `pulumi up` on stack "prod"');
  expect(refused.stdout).toBe("");
  // With the pack it gets past the gate (and the wrapper still protects the file).
  const previewed = await p.pulumi(["preview", "--stack", "prod", ...policyArgs("prod")], {
    env: { ...PASSPHRASE, GENESYSCLOUD_ACCESS_TOKEN: "local-emulator-token" },
  });
  if (previewed.code !== 0) throw new Error(`preview exited ${previewed.code}:\n${previewed.output.slice(-6000)}`);
  expect(prodBytes().equals(committed)).toBe(true);
});
