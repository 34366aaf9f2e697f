// Issue 50 end to end, with the real engine, provider and policy pack against the emulator, through
// the commands people run (tools/deploy.ts as npm run preview/up, tools/verify.ts as npm run
// verify): what people did in the org is read before anything publishes. A person's lock on one of
// a module's callers stops the whole cascade before the module publishes (no half rollout), and
// preview lists it; acknowledged (lockedBy, with forceUnlock), the run goes ahead and logs it. On a
// protected stack, a version an ops client published out of band on a module's caller and a
// person's checked-in draft on another stop `up` and are listed by preview; acknowledged, the run
// deploys and verify keeps both preserved versions in its report. Steps run in order.
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { createProject, publishedFlows, runCli, type E2eProject, type ToolRun } from "../../testkit/harness";
import { PUBLISHED as N } from "../../testkit/fixtures";
import { signIn } from "../../testkit/emulator";
import { afterLastDeploy, checkInDraft, publishHotfix } from "../../testkit/orgPeople";
import { documented, excerpt } from "../../testkit/docOutputs";

jest.setTimeout(12 * 60_000);

let p: E2eProject;
const LOCKER = "Dana Ops";
const tool = (args: string[]) => runCli(p, args);
const out = (r: ToolRun) => r.stdout + r.stderr;
/** What a run says about people's work (docs/people-in-the-org.md shows it): from its heading through `last`. */
const people = (r: ToolRun, last: string) => excerpt(out(r), "What people changed in the org", last);

function ok(r: ToolRun): ToolRun {
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${out(r).slice(-6000)}`);
  return r;
}

describe("a person's lock on an unprotected stack", () => {
  beforeAll(async () => {
    p = await createProject();
  });

  afterAll(async () => {
    await p?.cleanup();
  });

  it("1. npm run up deploys the stack; nobody has touched the org, so nothing is said about people", async () => {
    const r = ok(await tool(["up", "--stack", "local"]));
    expect(out(r)).not.toContain("What people changed in the org");
  });

  it("2. a person's lock on a caller of a changing module: preview lists it, up stops before the module publishes", async () => {
    p.emulator.setFaults({ locks: [{ flowName: N.direct, userName: LOCKER }] });
    const file = "flows/modules/lookup.yaml";
    const doc = YAML.parseDocument(p.read(file), { version: "1.2" });
    doc.set("description", "Looks a customer up (v2).");
    p.write(file, doc.toString());

    const preview = ok(await tool(["preview", "--stack", "local"]));
    expect(out(preview)).toContain("What people changed in the org (gateway http://127.0.0.1:");
    expect(out(preview)).toMatch(
      new RegExp(
        `STOP +${N.direct} \\(calls/direct\\): locked: checked out \\(locked\\) by ${LOCKER} \\(through Architect\\)`,
      ),
    );
    expect(out(preview)).toContain(
      "up will stop before anything publishes: 1 change people made would be overwritten or broken (above).",
    );

    const before = publishedFlows(p.emulator);
    const mark = p.mark();
    const up = await tool(["up", "--stack", "local"]);
    expect(up.code).toBe(1);
    expect(out(up)).toContain(
      `ask ${LOCKER} to check the flow in (or discard) and close it in Architect, then take their change into flows/calls/direct.yaml; or acknowledge it in Pulumi.local.yaml: genesys-flows:acknowledge: {calls/direct: {reason: "<why it may be overwritten>", lockedBy: "${LOCKER}"}}`,
    );
    expect(out(up)).toContain(
      "Stopped before anything publishes: 1 change people made would be overwritten or broken (above); nothing was published.",
    );
    documented("people/up-locked", people(up, "Stopped before anything publishes"));
    // No half rollout: not the module, not one caller; the lock is untouched.
    for (const op of ["job.create", "job.upload", "flow.unlock", "flow.delete"] as const)
      expect({ op, n: p.count(op, mark) }).toEqual({ op, n: 0 });
    for (const [name, f] of publishedFlows(p.emulator))
      expect({ name, version: f.version }).toEqual({ name, version: before.get(name)?.version });
    expect(p.emulator.store.findActive("INBOUNDCALL", N.direct)?.lockedBy?.name).toBe(LOCKER);
  });

  it("3. verify reports the lock (a warning: the org still runs what the stack deployed)", async () => {
    const r = await tool(["verify", "--stack", "local"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `warning \\[locked\\] ${N.direct} \\(flows/calls/direct.yaml\\): checked out \\(locked\\) by ${LOCKER}`,
      ),
    );
    documented("people/verify-locked", excerpt(r.stdout, "[locked]").replace(/^/gm, "  "));
  });

  it("4. acknowledged in the stack file (lockedBy, with forceUnlock on), up breaks the lock, publishes the cascade and logs the acknowledgement", async () => {
    p.editConfig((c) => {
      c.acknowledge = { "calls/direct": { reason: "Dana's edit was abandoned; she agreed on chat", lockedBy: LOCKER } };
    });
    const r = ok(await tool(["up", "--stack", "local"]));
    expect(out(r)).toMatch(new RegExp(`acknowledged +${N.direct} \\(calls/direct\\): locked: `));
    expect(out(r)).toContain(
      `acknowledged ("Dana's edit was abandoned; she agreed on chat"): forceUnlock breaks ${LOCKER}'s lock`,
    );
    expect(p.emulator.store.findActive("INBOUNDCALL", N.direct)?.lockedBy).toBeUndefined();
    const log = fs
      .readFileSync(path.join(p.dir, ".work/acknowledgements/local.log"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(log).toEqual([
      expect.objectContaining({
        stack: "local",
        flow: "calls/direct",
        kind: "locked",
        who: LOCKER,
        reason: "Dana's edit was abandoned; she agreed on chat",
      }),
    ]);
    // The next run sees no lock: the acknowledgement covers nothing now, and says so.
    const again = ok(await tool(["preview", "--stack", "local"]));
    expect(out(again)).toContain(
      "genesys-flows:acknowledge.calls/direct in Pulumi.local.yaml covers nothing the org shows now: remove it",
    );
  });
});

describe("a protected stack: a version published out of band, a draft", () => {
  const OPS = { id: "ops-client", secret: "ops-secret", name: "Ops Console" };
  const JANE = { name: "Jane Doe", username: "jane@example.com", password: "jane-pw" };
  const ops = () => signIn(p.emulator, { clientId: OPS.id, clientSecret: OPS.secret });
  const jane = () =>
    signIn(p.emulator, {
      clientId: OPS.id,
      clientSecret: OPS.secret,
      username: JANE.username,
      password: JANE.password,
    });
  beforeAll(async () => {
    p = await createProject({
      emulator: { people: { clients: [OPS], users: [JANE] } },
      settings: { forceUnlock: "false" },
    });
    // The local stack protected as prod is: the guardrail mandatory for its environment.
    const config = JSON.parse(p.read("policies/config/local.json")) as Record<string, unknown>;
    config["prod-force-unlock"] = { enforcementLevel: "mandatory", environments: ["local"] };
    p.write("policies/config/local.json", `${JSON.stringify(config, null, 2)}\n`);
  });

  afterAll(async () => {
    await p?.cleanup();
  });

  it("1. up deploys the stack", async () => {
    ok(await tool(["up", "--stack", "local"]));
  });

  it("2. ops publish a hotfix of a module's caller out of band; a person checks in a draft of another", async () => {
    await afterLastDeploy(p);
    await publishHotfix(p, N.direct, await ops());
    await checkInDraft(p, N.mail, await jane(), "Jane's rework, not published yet");
  });

  it("3. the module changes: preview lists both and says up will stop; up stops before the module publishes", async () => {
    const file = "flows/modules/lookup.yaml";
    const doc = YAML.parseDocument(p.read(file), { version: "1.2" });
    doc.set("description", "Looks a customer up (v2).");
    p.write(file, doc.toString());

    const preview = ok(await tool(["preview", "--stack", "local"]));
    expect(out(preview)).toMatch(
      new RegExp(
        `STOP +${N.direct} \\(calls/direct\\): published outside the stack: version 2.0 was published \\S+ by Ops Console, after this stack last deployed the flow`,
      ),
    );
    expect(out(preview)).toMatch(
      new RegExp(
        `STOP +${N.mail} \\(digital/mail\\): draft: a checked-in draft \\(version 2.0, \\S+, by Jane Doe via Ops Console\\) is newer than the published version 1.0`,
      ),
    );
    expect(out(preview)).toContain(
      "up will stop before anything publishes: 2 changes people made would be overwritten or broken (above).",
    );
    documented("people/preview-protected", people(preview, "up will stop before anything publishes"));

    const before = publishedFlows(p.emulator);
    const mark = p.mark();
    const up = await tool(["up", "--stack", "local"]);
    expect(up.code).toBe(1);
    expect(out(up)).toContain(
      `acknowledge it in Pulumi.local.yaml: genesys-flows:acknowledge: {calls/direct: {reason: "<why it may be overwritten>", version: "2.0"}}`,
    );
    expect(out(up)).toContain(
      "Stopped before anything publishes: 2 changes people made would be overwritten or broken (above); nothing was published.",
    );
    documented("people/up-protected", people(up, "Stopped before anything publishes"));
    for (const op of ["job.create", "job.upload", "flow.unlock", "flow.delete"] as const)
      expect({ op, n: p.count(op, mark) }).toEqual({ op, n: 0 });
    for (const [name, f] of publishedFlows(p.emulator))
      expect({ name, version: f.version }).toEqual({ name, version: before.get(name)?.version });
  });

  it("4. acknowledged with the versions seen, up deploys the cascade, and verify shows their versions preserved", async () => {
    p.editConfig((c) => {
      c.acknowledge = {
        "calls/direct": { reason: "the hotfix is in the module change", version: "2.0" },
        "digital/mail": { reason: "Jane's rework restarts from the new module", version: "2.0" },
      };
    });
    const r = ok(await tool(["up", "--stack", "local"]));
    expect(out(r)).toMatch(new RegExp(`acknowledged +${N.direct} \\(calls/direct\\): published outside the stack`));
    expect(publishedFlows(p.emulator).get(N.direct)!.text).not.toContain("Storm hotfix by ops");
    documented("people/up-acknowledged", people(r, "acknowledged overwrites logged in"));

    const v = await tool(["verify", "--stack", "local"]);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(
      new RegExp(
        `info +\\[overwritten\\] ${N.direct} \\(flows/calls/direct.yaml\\): overwritten by this stack on \\S+ \\(its version 3.0\\), their version preserved as 2.0 \\(by Ops Console\\); acknowledged: "the hotfix is in the module change"`,
      ),
    );
    expect(v.stdout).toMatch(
      new RegExp(
        `info +\\[overwritten\\] ${N.mail} \\(flows/digital/mail.yaml\\): overwritten by this stack on \\S+ \\(its version 3.0\\), their checked-in version preserved as 2.0 \\(by Jane Doe via Ops Console\\)`,
      ),
    );
    documented("people/verify-acknowledged", excerpt(v.stdout, "Findings ("));
  });
});
