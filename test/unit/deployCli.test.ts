// `npm run up|preview|down` (tools/deploy.ts) on stacks other than local, up to the point where
// pulumi would start: prod refuses to change anything without a confirmation, and the preflight
// names what is missing in seconds (a login, credentials, an org that answers) instead of the
// engine failing minutes later. Runs the real CLI in a temporary copy of the project, against a
// server on 127.0.0.1 for the org; no pulumi is started, so no toolchain is needed.
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "../../tools/deploy";
import { decideConfirmation } from "../../project/deployConfirmation";

const ROOT = path.resolve(__dirname, "../..");
/** Everything the CLI needs but the shipped flows, routing, scenarios and stack files (the test writes its own). */
const NOT_COPIED = new Set([
  ".git",
  ".work",
  "node_modules",
  "sdks",
  "test",
  "bench",
  "docs",
  "flows",
  "routing",
  "scenarios",
  "coverage",
]);
const stackFile = (env: string, target: string) =>
  `config:\n  genesys-flows:environment: ${env}\n  genesys-flows:namePrefix: ${env}-\n  genesys-flows:forceUnlock: false\n  genesys-flows:provider:\n${target}`;

/** The checkout's own cache (project/jsbuild.js), read before the children get a home of their own. */
const CACHE =
  process.env.GENESYS_FLOWS_CACHE ||
  path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "genesys-flows");

let dir: string;
let home: string;
let server: http.Server;
let port: number;
let mode: "silent" | "reject" = "reject";
let seen: string[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploy-cli-"));
  home = fs.mkdtempSync(path.join(os.tmpdir(), "deploy-cli-home-"));
  for (const e of fs.readdirSync(ROOT)) {
    if (NOT_COPIED.has(e) || /^Pulumi\..+\.yaml$/.test(e)) continue;
    fs.cpSync(path.join(ROOT, e), path.join(dir, e), { recursive: true });
  }
  fs.mkdirSync(path.join(dir, "flows"));
  for (const env of ["prod", "dev"])
    fs.writeFileSync(path.join(dir, `Pulumi.${env}.yaml`), stackFile(env, "    region: us-east-1\n"));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? "-"}`);
    if (mode === "silent") return;
    res.writeHead(401, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ error: "invalid_client", error_description: "Bad client credentials" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  // A stack like prod whose provider points at the test server.
  const staging = stackFile(
    "staging",
    `    gateway:\n      protocol: http\n      host: 127.0.0.1\n      port: "${port}"\n`,
  );
  expect(staging).toContain(`port: "${port}"`);
  fs.writeFileSync(path.join(dir, "Pulumi.staging.yaml"), staging);
  fs.copyFileSync(path.join(ROOT, "policies/config/dev.json"), path.join(dir, "policies/config/staging.json"));
  // The copy's precompiled command line, built once before the tests spawn it (minutes on a loaded machine).
  const built = spawnSync(process.execPath, ["project/jsbuild.js", "build", "--root", dir, "--quiet"], {
    cwd: dir,
    env: { ...process.env, GENESYS_FLOWS_CACHE: CACHE },
    encoding: "utf8",
    timeout: 290_000,
  });
  expect({ status: built.status, stderr: built.stderr }).toEqual({ status: 0, stderr: "" });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
});

beforeEach(() => {
  seen = [];
});

/**
 * Runs `bin/genesys-flows <args>` in the copy with a clean environment (no pulumi login, no
 * credentials), through the precompiled build the checkout's commands share (GENESYS_FLOWS_CACHE):
 * transpiling the deploy path at every spawn would make these tests about the machine's load.
 */
function deploy(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stderr: string; ms: number }> {
  const clean: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(PULUMI_|GENESYS|HTTPS?_PROXY)/i.test(k)) clean[k] = v;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/genesys-flows", ...args], {
      cwd: dir,
      env: { ...clean, HOME: home, GENESYS_FLOWS_CACHE: CACHE, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    const timer = setTimeout(() => child.kill("SIGKILL"), 55_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stderr, ms: Date.now() - started });
    });
  });
}

const stackBytes = (stack: string) => fs.readFileSync(path.join(dir, `Pulumi.${stack}.yaml`));

describe("the pulumi options npm run up|preview|down pass on", () => {
  it("maps pulumi's own options to the engine's, values repeated where pulumi repeats them", () => {
    expect(
      parseArgs([
        "up",
        "--stack",
        "dev",
        "--refresh",
        "--diff",
        "--target",
        "urn:a",
        "--target=urn:b",
        "--parallel",
        "40",
        "-m",
        "hotfix",
      ]),
    ).toEqual({
      command: "up",
      stack: "dev",
      yes: false,
      fast: true,
      flags: { refresh: true, diff: true, target: ["urn:a", "urn:b"], parallel: 40, message: "hotfix" },
    });
    expect(parseArgs(["start", "--refresh"])).toEqual({
      command: "start",
      stack: "local",
      yes: false,
      fast: true,
      flags: { refresh: true },
    });
    expect(parseArgs(["down", "-s", "dev", "--yes", "--continue-on-error"])).toEqual({
      command: "down",
      stack: "dev",
      yes: true,
      fast: true,
      flags: { continueOnError: true },
    });
    // --no-fast is ours: the engine decides even when nothing can have changed (run/fastNoop.ts).
    expect(parseArgs(["preview", "--no-fast"])).toMatchObject({ command: "preview", fast: false, flags: {} });
  });

  it("--skip-preview is accepted and changes nothing: up never previews first here", () => {
    expect(parseArgs(["up", "--stack", "dev", "--skip-preview"]).flags).toEqual({});
  });

  it("refuses an option it does not pass on, naming the way to run any pulumi option", () => {
    expect(() => parseArgs(["up", "--policy-pack", "x"])).toThrow(/not an option of npm run up .*genesys-flows env/);
    expect(() => parseArgs(["up", "--parallel", "many"])).toThrow(/--parallel takes a whole number/);
    expect(() => parseArgs(["up", "--target"])).toThrow(/--target needs a value/);
    expect(() => parseArgs(["start", "--stack", "dev"])).toThrow(/npm start always deploys the local stack/);
  });
});

describe("prod asks before it changes anything", () => {
  it("decides: --yes everywhere but prod; on prod only --yes skips the question; no terminal and no --yes refuses", () => {
    const d = (o: Partial<Parameters<typeof decideConfirmation>[0]>) =>
      decideConfirmation({ command: "up", stack: "prod", yes: false, interactive: false, ...o });
    expect(d({ stack: "dev" })).toEqual({ kind: "yes" });
    expect(d({ stack: "local", command: "start" })).toEqual({ kind: "yes" });
    expect(d({ interactive: true })).toEqual({ kind: "ask" });
    expect(d({ yes: true })).toEqual({ kind: "yes" });
    expect(parseArgs(["up", "--stack", "prod", "-y", "--diff"])).toMatchObject({ yes: true, flags: { diff: true } });
    expect(d({}).kind).toBe("refuse");
    expect(d({ command: "down" }).kind).toBe("refuse");
    expect(d({ stack: "eu", environment: "prod" }).kind).toBe("refuse");
    expect(d({ command: "preview" })).toEqual({ kind: "yes" });
  });

  it("`npm run up -- --stack prod` without a terminal and without --yes is refused at once, naming --yes", async () => {
    const before = stackBytes("prod");
    const r = await deploy(["up", "--stack", "prod"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('refusing to update stack "prod" without a confirmation');
    expect(r.stderr).toContain("npm run up -- --stack prod --yes");
    expect(stackBytes("prod").equals(before)).toBe(true);
  });
});

describe("preflight", () => {
  it("no pulumi login and no credentials: one report naming both and how to set them", async () => {
    const before = stackBytes("prod");
    const r = await deploy(["up", "--stack", "prod", "--yes"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('preflight for stack "prod" failed');
    expect(r.stderr).toContain("[backend] not logged in to any Pulumi backend");
    expect(r.stderr).toContain("npm run pulumi -- login");
    expect(r.stderr).toContain("[credentials] no Genesys Cloud credentials");
    expect(r.stderr).toContain("GENESYSCLOUD_OAUTHCLIENT_ID");
    expect(r.stderr).toContain("npm run pulumi -- config set --stack prod --secret genesys-flows:oauthClientSecret");
    expect(stackBytes("prod").equals(before)).toBe(true);
  });

  const loggedIn = {
    PULUMI_BACKEND_URL: "file:///nonexistent-state",
    PULUMI_CONFIG_PASSPHRASE: "p",
    GENESYSCLOUD_OAUTHCLIENT_ID: "cid",
    GENESYSCLOUD_OAUTHCLIENT_SECRET: "wrong",
  };

  it("credentials the org rejects are named, found through the stack's gateway", async () => {
    mode = "reject";
    const r = await deploy(["preview", "--stack", "staging"], loggedIn);
    expect(r.code).toBe(1);
    expect(seen).toEqual([`POST /oauth/token Basic ${Buffer.from("cid:wrong").toString("base64")}`]);
    expect(r.stderr).toContain(
      `[credentials] the OAuth login at http://127.0.0.1:${port}/oauth/token rejected with HTTP 401: Bad client credentials`,
    );
    expect(r.stderr).toContain("GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET");
  });

  it("an org that does not answer fails after the preflight's 2.5 s, naming the URL and where it is configured", async () => {
    mode = "silent";
    const r = await deploy(["preview", "--stack", "staging"], loggedIn);
    expect(r.code).toBe(1);
    // Said at once, before the wait: the first line.
    expect(r.stderr).toMatch(
      /^\[deploy\] preview stack "staging": preflight \(the Pulumi login, the credentials, the region, the org\)\n/,
    );
    expect(r.stderr).toContain(`[reachability] cannot reach http://127.0.0.1:${port}/oauth/token`);
    expect(r.stderr).toContain("no answer within 2.5s");
    expect(r.stderr).toContain("genesys-flows:provider.gateway in Pulumi.staging.yaml");
  });

  it("passphrase secrets on a file backend without the passphrase are named", async () => {
    mode = "reject";
    const { PULUMI_CONFIG_PASSPHRASE: _, ...noPassphrase } = loggedIn;
    const r = await deploy(["preview", "--stack", "staging"], noPassphrase);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("[passphrase]");
    expect(r.stderr).toContain("PULUMI_CONFIG_PASSPHRASE");
    expect(seen).toEqual([]); // local problems are reported before any network call
  });
});
