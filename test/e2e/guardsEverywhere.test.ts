// Issue 59, "every guard where Pulumi runs", end to end with the real engine, provider and policy
// pack against the emulator: a user's own pulumi (the `genesys-flows env` path, no wrapper of the
// project's: docs/using-your-own-pulumi.md) gets the refusals `npm run up` gets, with the same text,
// before anything publishes: a person's lock, a person's hotfix and a checked-in draft on a
// protected stack, a wrong org; `pulumi destroy` runs the program (the flows carry delete hooks)
// and is refused over a person's draft; the gate between waves holds the next wave for plain pulumi
// too; `rollback --to previous` over a person's hotfix is refused naming it; a person publishing
// through the stack's own OAuth client while the stack deploys is a person. Steps run in order.
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import * as YAML from "yaml";
import { PUBLISHED as N, callFlow, LOOKUP } from "../../testkit/fixtures";
import {
  createProject,
  policyArgs,
  publishedFlows,
  runCli,
  type E2eProject,
  type PulumiResult,
  type ToolRun,
} from "../../testkit/harness";
import { publish, signIn } from "../../testkit/emulator";
import { afterLastDeploy, checkInDraft, publishHotfix } from "../../testkit/orgPeople";
import { startEmulator, type RunningEmulator } from "../../emulator/server";

jest.setTimeout(15 * 60_000);

const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
const OPS = { id: "ops-client", secret: "ops-secret", name: "Ops Console" };
const JANE = { name: "Jane Doe", username: "jane@example.com", password: "jane-pw" };
const LOCKER = "Dana Ops";
const WRITES = ["job.create", "job.upload", "flow.unlock", "flow.delete"] as const;

/** The refusal's lines: the people section the guard prints, from its heading to its last line. */
function peopleSection(output: string): string[] {
  // The engine prints a failing hook as `error: before hook "<name>" failed: <its message>`.
  const lines = output.split("\n").map((l) => l.replace(/^\s*(error: )?(before hook "[^"]+" failed: )?/, "").trimEnd());
  // The refusal's block: the last heading before its closing line (a preview before the update lists the same cases first).
  const to = lines.findIndex((l) => l.startsWith("Stopped before anything"));
  const from = lines
    .slice(0, Math.max(to, 0))
    .map((l) => l.startsWith("What people changed in the org"))
    .lastIndexOf(true);
  if (from < 0 || to < 0) throw new Error(`no refusal of the people check in:\n${output.slice(-4000)}`);
  return lines.slice(from, to + 1).filter((l) => l !== "");
}

const out = (r: ToolRun | PulumiResult) => r.stdout + r.stderr;
function ok<T extends ToolRun | PulumiResult>(r: T): T {
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${out(r).slice(-6000)}`);
  return r;
}

describe("a protected stack: plain pulumi and npm run up refuse alike", () => {
  let p: E2eProject;
  const ownUp = () => p.ownPulumi(["up", "--yes", "--stack", "local", ...policyArgs("local")]);
  const npm = (...args: string[]) => runCli(p, args);
  const ops = () => signIn(p.emulator, { clientId: OPS.id, clientSecret: OPS.secret });
  const jane = () =>
    signIn(p.emulator, {
      clientId: OPS.id,
      clientSecret: OPS.secret,
      username: JANE.username,
      password: JANE.password,
    });
  const git = (...args: string[]) => {
    const r = spawnSync("git", ["-c", "user.name=e2e", "-c", "user.email=e2e@example.invalid", ...args], {
      cwd: p.dir,
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  };
  const changeModule = (label: string) => {
    const file = "flows/modules/lookup.yaml";
    const doc = YAML.parseDocument(p.read(file), { version: "1.2" });
    doc.set("description", label);
    p.write(file, doc.toString());
  };
  const unchanged = async (run: () => Promise<ToolRun | PulumiResult>) => {
    const before = publishedFlows(p.emulator);
    const mark = p.mark();
    const r = await run();
    expect(r.code).not.toBe(0);
    for (const op of WRITES) expect({ op, n: p.count(op, mark) }).toEqual({ op, n: 0 });
    for (const [name, f] of publishedFlows(p.emulator))
      expect({ name, version: f.version }).toEqual({ name, version: before.get(name)?.version });
    return r;
  };

  beforeAll(async () => {
    p = await createProject({
      emulator: { people: { clients: [OPS], users: [JANE] } },
      settings: { forceUnlock: "false" },
    });
    const config = JSON.parse(p.read("policies/config/local.json")) as Record<string, unknown>;
    config["prod-force-unlock"] = { enforcementLevel: "mandatory", environments: ["local"] };
    p.write("policies/config/local.json", `${JSON.stringify(config, null, 2)}\n`);
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "r1");
  });
  afterAll(async () => {
    await p?.cleanup();
  });

  it("1. plain pulumi deploys the stack (the guard has nothing to say on a first deploy)", async () => {
    const r = ok(await ownUp());
    expect(out(r)).not.toContain("What people changed in the org");
  });

  it("2. a person's lock on a caller of a changing module: plain pulumi up is refused before anything publishes, with npm run up's text", async () => {
    p.emulator.setFaults({ locks: [{ flowName: N.direct, userName: LOCKER }] });
    changeModule("Looks a customer up (v2).");
    const plain = await unchanged(ownUp);
    const npmUp = await unchanged(() => npm("up", "--stack", "local"));
    const section = peopleSection(out(plain));
    expect(section.join("\n")).toMatch(
      new RegExp(`STOP +${N.direct} \\(calls/direct\\): locked: checked out \\(locked\\) by ${LOCKER}`),
    );
    expect(peopleSection(out(npmUp))).toEqual(section);
    expect(p.emulator.store.findActive("INBOUNDCALL", N.direct)?.lockedBy?.name).toBe(LOCKER);
    p.emulator.setFaults({});
    // Dana closes the flow in Architect.
    p.emulator.store.unlock(p.emulator.store.findActive("INBOUNDCALL", N.direct)!.id, Date.now());
  });

  it("3. a person's hotfix and a checked-in draft on the protected stack: refused the same way, and preview lists them", async () => {
    await afterLastDeploy(p);
    await publishHotfix(p, N.direct, await ops());
    await checkInDraft(p, N.mail, await jane(), "Jane's rework, not published yet");
    const plain = await unchanged(ownUp);
    const npmUp = await unchanged(() => npm("up", "--stack", "local"));
    const section = peopleSection(out(plain));
    expect(section.join("\n")).toMatch(
      new RegExp(
        `STOP +${N.direct} \\(calls/direct\\): published outside the stack: version 2.0 was published \\S+ by Ops Console`,
      ),
    );
    expect(section.join("\n")).toMatch(
      new RegExp(`STOP +${N.mail} \\(digital/mail\\): draft: a checked-in draft \\(version 2.0`),
    );
    expect(peopleSection(out(npmUp))).toEqual(section);
    const preview = ok(await p.ownPulumi(["preview", "--stack", "local", ...policyArgs("local")]));
    expect(out(preview)).toContain(
      "up will stop before anything publishes: 2 changes people made would be overwritten or broken (above).",
    );
  });

  it("4. pulumi destroy runs the program (the flows carry delete hooks) and is refused over the draft; nothing is deleted", async () => {
    const bare = await unchanged(() => p.ownPulumi(["destroy", "--yes", "--stack", "local"]));
    expect(out(bare)).toContain("--run-program");
    const withProgram = await unchanged(() => p.ownPulumi(["destroy", "--yes", "--run-program", "--stack", "local"]));
    expect(peopleSection(out(withProgram)).join("\n")).toMatch(new RegExp(`STOP +${N.mail} \\(digital/mail\\): draft`));
    const down = await unchanged(() => npm("down", "--stack", "local", "--yes"));
    expect(peopleSection(out(down)).join("\n")).toMatch(new RegExp(`STOP +${N.mail} \\(digital/mail\\): draft`));
  });

  it("5. acknowledged, the module change goes out (release r2); a later hotfix makes rollback --to previous refuse, naming it", async () => {
    p.editConfig((c) => {
      c.acknowledge = {
        "calls/direct": { reason: "the hotfix is in the module change", version: "2.0" },
        "digital/mail": { reason: "Jane's rework restarts from the new module", version: "2.0" },
      };
    });
    git("add", "-A");
    git("commit", "-qm", "r2");
    ok(await npm("up", "--stack", "local"));
    p.editConfig((c) => delete c.acknowledge);
    git("add", "-A");
    git("commit", "-qm", "acknowledgements done");
    await afterLastDeploy(p);
    await publishHotfix(p, N.direct, await ops());
    const rollback = await unchanged(() => npm("rollback", "--stack", "local", "--to", "previous"));
    expect(peopleSection(out(rollback)).join("\n")).toMatch(
      new RegExp(
        `STOP +${N.direct} \\(calls/direct\\): published outside the stack: version 4.0 was published \\S+ by Ops Console`,
      ),
    );
  });

  it("6. a wrong org: plain pulumi and npm run up stop before anything registers", async () => {
    const other: RunningEmulator = await startEmulator({
      port: 0,
      accessToken: p.emulator.accessToken,
      organization: { id: "0b0b0b0b-0000-4000-8000-0000000000b2", name: "Another Org" },
    });
    try {
      const port = (p.read("Pulumi.local.yaml").match(/port: "?(\d+)"?/) ?? [])[1];
      p.editConfig(
        (c) =>
          ((c.provider as Record<string, unknown>).gateway = {
            protocol: "http",
            host: "127.0.0.1",
            port: String(other.port),
          }),
      );
      for (const r of [
        await p.ownPulumi(["up", "--yes", "--stack", "local", ...policyArgs("local")]),
        await npm("up", "--stack", "local"),
      ]) {
        expect(r.code).not.toBe(0);
        expect(out(r)).toContain(
          'but its provider settings reach org 0b0b0b0b-0000-4000-8000-0000000000b2 "Another Org"',
        );
      }
      expect(other.requestLog.list().filter((e) => (WRITES as readonly string[]).includes(e.operation))).toEqual([]);
      p.editConfig(
        (c) => ((c.provider as Record<string, unknown>).gateway = { protocol: "http", host: "127.0.0.1", port }),
      );
    } finally {
      await other.stop();
    }
  });
});

describe("the stack's own client is known: a person publishing through it while the stack deploys is a person", () => {
  let p: E2eProject;
  beforeAll(async () => {
    p = await createProject({ emulator: { people: { users: [JANE] } } });
    ok(await p.up(["--skip-preview"]));
  });
  afterAll(async () => {
    await p?.cleanup();
  });

  it("a person's publish during the provider's job poll, through the stack's own client id: verify names her, and the next up on a protected stack stops", async () => {
    // The stack's publish job finishes a second after it starts; the provider reads it 15 s later.
    p.emulator.setFaults({ jobCompletionDelayMs: 1000 });
    const file = "flows/calls/sales.yaml";
    const doc = YAML.parseDocument(p.read(file), { version: "1.2" });
    doc.set("description", "Sales line (v2).");
    p.write(file, doc.toString());
    const mark = p.mark();
    const up = p.up();
    // Once the stack's job has published, Jane publishes through the same OAuth client, as herself.
    const deadline = Date.now() + 5 * 60_000;
    while (p.count("job.upload", mark) === 0 || (publishedFlows(p.emulator).get(N.sales)?.version ?? 0) < 2) {
      if (Date.now() > deadline) throw new Error("the stack's publish of Sales never landed");
      await new Promise((r) => setTimeout(r, 200));
    }
    const token = await signIn(p.emulator, {
      clientId: p.emulator.clientId,
      clientSecret: p.emulator.clientSecret,
      username: JANE.username,
      password: JANE.password,
    });
    const theirs = publishedFlows(p.emulator)
      .get(N.sales)!
      .text.replace("Sales line (v2).", "Sales line (Jane's fix).");
    expect((await publish(p.emulator, theirs, token)).status).toBe("Success");
    ok(await up);
    p.emulator.setFaults({});
    const verify = await runCli(p, ["verify", "--stack", "local"]);
    expect(out(verify)).not.toContain("[unrecorded]");
    expect(out(verify)).toMatch(
      new RegExp(
        `${N.sales} \\(flows/calls/sales.yaml\\): version 3.0 was published \\S+ by Jane Doe via Emulator API Client, a person, not this stack`,
      ),
    );
    // Protected, the next change of Sales stops before it overwrites her version.
    const config = JSON.parse(p.read("policies/config/local.json")) as Record<string, unknown>;
    config["prod-force-unlock"] = { enforcementLevel: "mandatory", environments: ["local"] };
    p.write("policies/config/local.json", `${JSON.stringify(config, null, 2)}\n`);
    p.editConfig((c) => (c.forceUnlock = "false"));
    doc.set("description", "Sales line (v3).");
    p.write(file, doc.toString());
    const refused = await p.up();
    expect(refused.code).not.toBe(0);
    expect(peopleSection(out(refused)).join("\n")).toMatch(
      new RegExp(
        `STOP +${N.sales} \\(calls/sales\\): published outside the stack: version 3.0 was published \\S+ by Jane Doe via Emulator API Client`,
      ),
    );
  });
});

describe("the gate between waves holds the next wave for plain pulumi too", () => {
  let p: E2eProject;
  const callers = Object.fromEntries(
    ["A", "B"].map((n) => [`calls/${n.toLowerCase()}.yaml`, y(callFlow(n, "Lookup", "address", "Sales"))]),
  );
  beforeAll(async () => {
    p = await createProject({
      flows: { "modules/lookup.yaml": y(LOOKUP), ...callers },
      settings: { waves: { "modules/lookup": [{ flows: ["calls/a"] }] } },
    });
    ok(await p.ownPulumi(["up", "--yes", "--stack", "local", ...policyArgs("local")]));
  });
  afterAll(async () => {
    await p?.cleanup();
  });

  it("wave 1 goes out; with a failing scenario of wave 1, plain pulumi up starts no wave 2 and says why", async () => {
    const file = "flows/modules/lookup.yaml";
    const doc = YAML.parseDocument(p.read(file), { version: "1.2" });
    doc.set("description", "Lookup (v2).");
    p.write(file, doc.toString());
    const wave1 = ok(await p.ownPulumi(["up", "--yes", "--stack", "local", ...policyArgs("local")]));
    expect(out(wave1)).toContain("wave 1 of 2 starts");
    const b = publishedFlows(p.emulator).get("local-B")!.version;
    fs.mkdirSync(path.join(p.dir, "scenarios/calls/a"), { recursive: true });
    p.write(
      "scenarios/calls/a/welcome.yaml",
      y({
        stack: "local",
        scenarios: [
          {
            name: "A caller hears a welcome A does not play",
            call: { ani: "+13175550100" },
            expect: { hears: ["Welcome to Nobody."] },
          },
        ],
      }),
    );
    const held = ok(await p.ownPulumi(["up", "--yes", "--stack", "local", ...policyArgs("local")]));
    expect(out(held)).toContain("the next wave of a module rollout waits; this run starts none");
    expect(out(held)).toMatch(
      /scenario scenarios\/calls\/a\/welcome\.yaml:\d+ "A caller hears a welcome A does not play" \(calls\/a\) (failed|stopped)/,
    );
    expect(publishedFlows(p.emulator).get("local-B")!.version).toBe(b);
  });
});
