// Issue 89.1 end to end, with the real engine, provider and policy pack against the emulator: on an
// unprotected stack (forceUnlock off, no mandatory protection) a person (Jane, through another OAuth
// client) publishes a hotfix of a module; a module change is deployed over it, as an unprotected
// stack may (the up warns, naming her version). Afterwards the org publishes the stack's own
// version, so nothing about the flow tells a person was at work on it: verify keeps the evidence
// anyway, `[overwritten]` naming her version and the stack's, without `--versions`, reading the
// version list of that flow only (the release records say the module's version number jumped over
// a version the stack did not publish). Once through the project's `up` command, once through plain
// `pulumi up` (`genesys-flows env`, no wrapper); and a checked-in draft the next change buries. Steps
// run in order.
import * as YAML from "yaml";
import {
  createProject,
  policyArgs,
  publishedFlows,
  runCli,
  type E2eProject,
  type PulumiResult,
  type ToolRun,
} from "../../testkit/harness";
import { PUBLISHED as N } from "../../testkit/fixtures";
import { publish, signIn } from "../../testkit/emulator";
import { afterLastDeploy, checkInDraft } from "../../testkit/orgPeople";
import { documented, excerpt } from "../../testkit/docOutputs";

jest.setTimeout(12 * 60_000);

const OPS = { id: "ops-client", secret: "ops-secret", name: "Ops Console" };
const JANE = { name: "Jane Doe", username: "jane@example.com", password: "jane-pw" };
const MODULE = "flows/modules/lookup.yaml";

let p: E2eProject;
const out = (r: ToolRun | PulumiResult) => r.stdout + r.stderr;
const tool = (args: string[]): Promise<ToolRun> => runCli(p, args);
function ok<T extends ToolRun | PulumiResult>(r: T): T {
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${out(r).slice(-6000)}`);
  return r;
}

/** Jane publishes the module as the org runs it with a description of hers (through the ops console's OAuth client). */
async function janesHotfix(label: string): Promise<number> {
  const token = await signIn(p.emulator, {
    clientId: OPS.id,
    clientSecret: OPS.secret,
    username: JANE.username,
    password: JANE.password,
  });
  const doc = YAML.parseDocument(publishedFlows(p.emulator).get(N.lookup)!.text);
  doc.setIn(["commonModule", "description"], label);
  const job = await publish(p.emulator, doc.toString(), token);
  if (job.status !== "Success") throw new Error(`Jane's hotfix did not publish: ${JSON.stringify(job)}`);
  return publishedFlows(p.emulator).get(N.lookup)!.version;
}

function changeModule(description: string): void {
  const doc = YAML.parseDocument(p.read(MODULE), { version: "1.2" });
  doc.set("description", description);
  p.write(MODULE, doc.toString());
}

/** `[overwritten]` of the module: their version, by Jane through the ops console, buried by the stack's. */
const overwritten = (theirs: number, stacks: number) =>
  new RegExp(
    `warning +\\[overwritten\\] ${N.lookup} \\(${MODULE}\\): overwritten by this stack on \\S+ \\(its version ${stacks}\\.0\\), their version preserved as ${theirs}\\.0 \\(by Jane Doe via Ops Console\\)`,
  );

/** `npm run verify`, counting the version lists it reads. */
async function verify(): Promise<{ text: string; versionLists: number }> {
  const mark = p.mark();
  const r = await tool(["verify", "--stack", "local"]);
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
  return { text: r.stdout, versionLists: p.count("flow.versions.list", mark) };
}

beforeAll(async () => {
  p = await createProject({
    emulator: { people: { clients: [OPS], users: [JANE] } },
    settings: { forceUnlock: "false" },
  });
});
afterAll(async () => {
  await p?.cleanup();
});

it("1. npm run up deploys the stack (the module is version 1.0)", async () => {
  ok(await tool(["up", "--stack", "local"]));
  expect(publishedFlows(p.emulator).get(N.lookup)?.version).toBe(1);
});

it("2. Jane's hotfix of the module (2.0), then a module change through npm run up: the up warns and publishes 3.0 over it; verify reports [overwritten] naming 2.0 and 3.0", async () => {
  await afterLastDeploy(p);
  expect(await janesHotfix("Jane's storm hotfix")).toBe(2);
  changeModule("Looks a customer up (v2).");
  const up = ok(await tool(["up", "--stack", "local"]));
  expect(out(up)).toMatch(
    new RegExp(
      `warning +${N.lookup} \\(modules/lookup\\): published outside the stack: version 2.0 was published \\S+ by Jane Doe via Ops Console`,
    ),
  );
  expect(publishedFlows(p.emulator).get(N.lookup)?.version).toBe(3);
  documented("people/up-overwrite-warning", excerpt(out(up), "What people changed in the org"));
  // The up's own verify, and verify on its own: the module's version list is the only one read.
  expect(out(up)).toMatch(overwritten(2, 3));
  const v = await verify();
  expect(v.text).toMatch(overwritten(2, 3));
  expect(v.versionLists).toBe(1);
  documented("people/verify-overwritten", v.text);
});

it("3. Jane's second hotfix (4.0), then a module change through plain pulumi up (5.0 over it): verify reports both overwritten versions", async () => {
  await afterLastDeploy(p);
  expect(await janesHotfix("Jane's second hotfix")).toBe(4);
  changeModule("Looks a customer up (v3).");
  const up = ok(await p.ownPulumi(["up", "--yes", "--stack", "local", ...policyArgs("local")]));
  expect(out(up)).toMatch(
    new RegExp(
      `${N.lookup} \\(modules/lookup\\): published outside the stack: version 4.0 was published \\S+ by Jane Doe via Ops Console`,
    ),
  );
  expect(publishedFlows(p.emulator).get(N.lookup)?.version).toBe(5);
  const v = await verify();
  expect(v.text).toMatch(overwritten(4, 5));
  expect(v.text).toMatch(overwritten(2, 3));
  expect(v.versionLists).toBe(1);
});

it("4. a draft buried: Jane checks in a draft of the email flow (4.0), a module change republishes it over the draft (5.0); verify reports her checked-in version", async () => {
  await afterLastDeploy(p);
  const jane = await signIn(p.emulator, {
    clientId: OPS.id,
    clientSecret: OPS.secret,
    username: JANE.username,
    password: JANE.password,
  });
  await checkInDraft(p, N.mail, jane, "Jane's rework, not published yet");
  changeModule("Looks a customer up (v4).");
  const up = ok(await tool(["up", "--stack", "local"]));
  expect(out(up)).toMatch(
    new RegExp(
      `warning +${N.mail} \\(digital/mail\\): draft: a checked-in draft \\(version 4.0, \\S+, by Jane Doe via Ops Console\\) is newer than the published version 3.0`,
    ),
  );
  expect(publishedFlows(p.emulator).get(N.mail)?.version).toBe(5);
  const v = await verify();
  expect(v.text).toMatch(
    new RegExp(
      `warning +\\[overwritten\\] ${N.mail} \\(flows/digital/mail.yaml\\): overwritten by this stack on \\S+ \\(its version 5\\.0\\), their checked-in version preserved as 4\\.0 \\(by Jane Doe via Ops Console\\)`,
    ),
  );
  expect(v.text).toMatch(overwritten(4, 5));
  expect(v.versionLists).toBe(2);
});
