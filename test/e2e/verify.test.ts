// Issue 16 end to end, with the real engine, provider and policy pack against the emulator, through
// the commands people run (tools/deploy.ts as npm run up/preview, tools/verify.ts as npm run
// verify, tools/flowsDiff.ts as the pull-request comment): deploy; a flow outside the stack starts
// calling a module; the module changes; preview and the flow diff name the outside caller; after
// up, verify reports it stale and the stack's callers current; a stack flow published by hand is
// drift, and verify fails naming it. Steps run in order.
import { execFileSync } from "node:child_process";
import * as YAML from "yaml";
import { documented } from "../../testkit/docOutputs";
import {
  createProject,
  exportState,
  publishedFlows,
  runCli,
  type E2eProject,
  type ToolRun,
} from "../../testkit/harness";
import { PUBLISHED as N } from "../../testkit/fixtures";
import { publish, signIn } from "../../testkit/emulator";

const OPS = { id: "ops-client", secret: "ops-secret", name: "Ops Console" };

jest.setTimeout(12 * 60_000);

let p: E2eProject;

type Run = ToolRun;

const tool = (args: string[]) => runCli(p, args);

function ok(r: Run): Run {
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${(r.stdout + r.stderr).slice(-6000)}`);
  return r;
}

const git = (...args: string[]) =>
  execFileSync(
    "git",
    ["-c", "user.name=e2e", "-c", "user.email=e2e@example.com", "-c", "commit.gpgsign=false", ...args],
    {
      cwd: p.dir,
      stdio: "pipe",
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
    },
  );

/** A call flow made in Architect, outside the stack, calling the stack's module local-Lookup. */
const PARTNER_LINE = `inboundCall:
  name: Partner Line
  division: Home
  startUpRef: "/inboundCall/tasks/task[Main_1]"
  defaultLanguage: en-us
  supportedLanguages:
    en-us:
      defaultLanguageSkill:
        noValue: true
  initialGreeting:
    tts: Partner line.
  tasks:
    - task:
        name: Main
        refId: Main_1
        variables:
          - stringVariable:
              name: Task.customer
              initialValue:
                noValue: true
        actions:
          - callCommonModule:
              name: Find the customer
              commonModule:
                ${N.lookup}:
                  ver_latestPublished:
                    inputs:
                      Common.address:
                        exp: Call.Ani
                    outputs:
                      Common.customerId:
                        var: Task.customer
                      Common.outcome:
                        noValue: true
          - disconnect:
              name: Bye
`;

beforeAll(async () => {
  // A person's console (its own OAuth client), for the flow published by hand in step 7.
  p = await createProject({ emulator: { people: { clients: [OPS] } } });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "base");
});

afterAll(async () => {
  await p?.cleanup();
});

it("1. npm run up deploys the stack and verifies it: every caller current, nobody outside (the up says its verdict; verify shows each module's callers)", async () => {
  const r = ok(await tool(["up", "--stack", "local"]));
  // The release it runs, and the genesys-flows version that made it (a pre-release such as 0.2.1-dev too).
  const version = String.raw`\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?(\+[0-9a-f]+)?`;
  const verified = String.raw`Verified stack "local" \(release r\d+, by genesys-flows ${version}\) against gateway`;
  expect(r.stdout).toMatch(new RegExp(`${verified} http://127\\.0\\.0\\.1:`));
  expect(r.stdout).toContain(
    "OK: every flow of the stack runs what the stack deployed, and every caller in the stack runs its module's published version (npm run verify -- --stack local shows each module's callers).",
  );
  const v = ok(await tool(["verify", "--stack", "local"]));
  expect(v.stdout).toMatch(/caller\s+local-Direct\s+flows\/calls\/direct.yaml\s+runs 1.0\s+current/);
  expect(v.stdout).toMatch(/compiled into\s+local-Verify\s+flows\/modules\/verify.yaml\s+\(in place\)\s+current/);
  expect(v.stdout).not.toContain("outside");
});

it("2. a flow outside the stack, published straight into the org, calls the module", async () => {
  const job = await publish(p.emulator, PARTNER_LINE);
  expect({ status: job.status, messages: job.messages.filter((m) => m.type === "Error") }).toEqual({
    status: "Success",
    messages: [],
  });
  const r = await tool(["verify", "--stack", "local", "--format", "json"]);
  expect(r.code).toBe(0);
  const lookup = JSON.parse(r.stdout).modules.find((m: { publishedName: string }) => m.publishedName === N.lookup);
  expect(lookup.outsideCallers).toEqual([
    {
      flowId: job.flow!.id,
      name: "Partner Line",
      type: "INBOUNDCALLFLOW",
      version: "1.0",
      moduleVersion: "1.0",
      stale: false,
    },
  ]);
});

it("3. after the module changes, the preview names the outside caller (impact and policy) and the flows that republish", async () => {
  const file = "flows/modules/lookup.yaml";
  const doc = YAML.parseDocument(p.read(file), { version: "1.2" });
  doc.set("description", "Looks a customer up (v2).");
  p.write(file, doc.toString());
  const r = ok(await tool(["preview", "--stack", "local"]));
  expect(r.stdout).toContain(`module ${N.lookup} (flows/modules/lookup.yaml) publishes new content`);
  expect(r.stdout).toContain(
    `republishes in the stack: ${[N.direct, N.sales, N.support, N.chat, N.mail, N.verify].join(", ")}`,
  );
  expect(r.stdout).toMatch(
    /"Partner Line" \(inbound call flow, flow id [0-9a-f-]+, version 1.0\) runs module version 1.0/,
  );
  // The policy pack's advisory rule, from the facts the program registered during the preview.
  expect(r.stdout + r.stderr).toMatch(
    /\[module-outside-callers\] stack "local": flows\/modules\/lookup.yaml: flow "local-Lookup": the module changes in this deployment, and 1 flow outside this stack calls it/,
  );
  expect(r.stdout + r.stderr).toContain('"Partner Line" (inbound call flow');
});

it("4. the pull request's flow diff comment names the outside caller next to the callers that republish", async () => {
  // As the pull-request workflow runs it (docs/ci.md): the stack's read-only credentials in the
  // environment, none in the stack file (the review decrypts no stack secret).
  p.editConfig((c) => delete c.accessToken);
  let r: ToolRun;
  try {
    r = await runCli(p, ["diff", "--base", "main", "--format", "markdown", "--org", "local"], {
      GENESYSCLOUD_ACCESS_TOKEN: p.emulator.accessToken,
    });
  } finally {
    p.editConfig((c) => (c.accessToken = p.emulator.accessToken));
  }
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("### Callers forced to republish");
  expect(r.stdout).toContain("### Callers outside the stack `local`");
  expect(r.stdout).toMatch(
    /\| local-Lookup \(`flows\/modules\/lookup.yaml`\) \| Partner Line \| inbound call flow \| 1.0 \| 1.0 \|/,
  );
});

it("5. after up, verify reports the outside caller stale and the stack's callers current", async () => {
  const before = publishedFlows(p.emulator);
  const r = ok(await tool(["up", "--stack", "local"]));
  const after = publishedFlows(p.emulator);
  expect(after.get(N.lookup)!.version).toBe(before.get(N.lookup)!.version + 1);
  expect(after.get("Partner Line")!.version).toBe(1);
  expect(r.stdout).toMatch(/outside\s+"Partner Line"\s+inbound call flow 1.0\s+runs 1.0\s+STALE/);
  const v = await tool(["verify", "--stack", "local", "--format", "json"]);
  expect(v.code).toBe(0);
  const report = JSON.parse(v.stdout);
  expect(report.ok).toBe(true);
  const lookup = report.modules.find((m: { publishedName: string }) => m.publishedName === N.lookup);
  expect(lookup.publishedVersion).toBe("2.0");
  expect(
    lookup.callers.map((c: { publishedName: string; moduleVersion: string; status: string }) => [
      c.publishedName,
      c.moduleVersion,
      c.status,
    ]),
  ).toEqual([
    [N.direct, "2.0", "current"],
    [N.chat, "2.0", "current"],
    [N.mail, "2.0", "current"],
  ]);
  expect(lookup.embeddedIn).toEqual([expect.objectContaining({ publishedName: N.verify, status: "current" })]);
  expect(lookup.outsideCallers).toEqual([
    expect.objectContaining({ name: "Partner Line", moduleVersion: "1.0", stale: true }),
  ]);
  const verifyModule = report.modules.find((m: { publishedName: string }) => m.publishedName === N.verify);
  expect(verifyModule.callers.map((c: { status: string }) => c.status)).toEqual(["current", "current"]);
  expect(report.findings.map((f: { code: string; flow: string }) => [f.code, f.flow])).toEqual([
    ["outside-stale", "Partner Line"],
  ]);
});

it("6. another up changes nothing: what the org said is registered as outputs, not inputs", async () => {
  p.mark();
  // The engine's own diff (--no-fast: the fast no-op would not start it).
  const r = ok(await tool(["up", "--stack", "local", "--no-fast"]));
  expect(r.stdout).toMatch(/Resources:\s+16 unchanged/);
  expect(p.count("job.create")).toBe(0);
});

it("7. a stack flow edited and published by hand is drift: verify names it and its file, and exits 1", async () => {
  // Publish after Pulumi's record of the stack's own publish, beyond the clock allowance.
  const state = await exportState(p);
  const mailFlow = state.resources.find(
    (r) => r.type === "genesyscloud:index/flow:Flow" && String(r.outputs?.name) === N.mail,
  ) as { modified?: string } | undefined;
  expect(typeof mailFlow?.modified).toBe("string");
  const wait = Date.parse(mailFlow!.modified!) + 3000 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const text = publishedFlows(p.emulator).get(N.mail)!.text;
  const edited = /^ {2}description:.*$/m.test(text)
    ? text.replace(/^ {2}description:.*$/m, "  description: Edited in Architect")
    : text.replace(/^inboundEmail:\n/m, "inboundEmail:\n  description: Edited in Architect\n");
  expect(edited).not.toBe(text);
  // Published from a person's console, not with the stack's own client: a version the stack's
  // client published after Pulumi's record is a run that died ("unrecorded"), not drift.
  const job = await publish(
    p.emulator,
    edited,
    await signIn(p.emulator, { clientId: OPS.id, clientSecret: OPS.secret }),
  );
  expect(job.status).toBe("Success");

  const r = await tool(["verify", "--stack", "local"]);
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(
    /error {3}\[drift\] local-Mail \(flows\/digital\/mail.yaml\): the org runs version 3.0, published .* after this stack last deployed the flow \(.*, version 2.0\)/,
  );
  expect(r.stdout).toContain("Fix: keep it: bring the change into flows/digital/mail.yaml and deploy");
  expect(r.stdout).toContain("FAILED: 1 drifted flow, 0 stale callers, 0 other errors.");
  documented("verify/drift-and-outside", r.stdout);
  const j = JSON.parse((await tool(["verify", "--stack", "local", "--format", "json"])).stdout);
  expect(
    j.drift.map((d: { publishedName: string; file: string; publishedVersion: { id: string } }) => [
      d.publishedName,
      d.file,
      d.publishedVersion.id,
    ]),
  ).toEqual([[N.mail, "flows/digital/mail.yaml", "3.0"]]);
});
