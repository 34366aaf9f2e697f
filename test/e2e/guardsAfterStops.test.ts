// Issue 75, "guards you can trust after anything stops", end to end with the real engine, provider
// and policy pack against the emulator. Each repro of the issue: a run stopped by a guard, then the
// next run with nothing changed in between (through `npm run up` and a user's own `pulumi`); a
// person's version made through a client-credentials script (no user) on a protected stack. Each
// is refused before anything changes in the org, naming the person or client, the version and the
// next command. Steps run in order. (Five checkouts deploying at once: concurrentCheckouts.test.ts.)
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { callFlow, LOOKUP, PUBLISHED as N } from "../../testkit/fixtures";
import {
  createProject,
  exportState,
  policyArgs,
  publishedFlows,
  runCli,
  type E2eProject,
  type PulumiResult,
  type ToolRun,
} from "../../testkit/harness";
import { publish, signIn } from "../../testkit/emulator";
import { architectCall } from "../../testkit/architectFlow";
import { main as importMain } from "../../tools/importFlows";
import { afterLastDeploy, publishHotfix } from "../../testkit/orgPeople";

jest.setTimeout(15 * 60_000);

const OPS = { id: "ops-script", secret: "ops-secret", name: "Ops Script" };
const JANE = { name: "Jane Doe", username: "jane@example.com", password: "jane-pw" };
const WRITES = ["job.create", "job.upload", "flow.unlock", "flow.delete"] as const;
const out = (r: ToolRun | PulumiResult) => r.stdout + r.stderr;
function ok<T extends ToolRun | PulumiResult>(r: T): T {
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${out(r).slice(-6000)}`);
  return r;
}

/** Protects the copy's local stack as docs/people-in-the-org.md says (prod-force-unlock mandatory, forceUnlock off). */
function protect(p: E2eProject): void {
  const config = JSON.parse(p.read("policies/config/local.json")) as Record<string, unknown>;
  config["prod-force-unlock"] = { enforcementLevel: "mandatory", environments: ["local"] };
  p.write("policies/config/local.json", `${JSON.stringify(config, null, 2)}\n`);
}

/** Runs `run` and asserts it failed with nothing written to the org and every published version as before. */
async function refusedUnchanged(
  p: E2eProject,
  run: () => Promise<ToolRun | PulumiResult>,
  once = "Stopped before anything",
): Promise<string> {
  const before = publishedFlows(p.emulator);
  const mark = p.mark();
  const r = await run();
  expect({ code: r.code === 0 ? 0 : "failed" }).toEqual({ code: "failed" });
  for (const op of WRITES) expect({ op, n: p.count(op, mark) }).toEqual({ op, n: 0 });
  for (const [name, f] of publishedFlows(p.emulator))
    expect({ name, version: f.version }).toEqual({ name, version: before.get(name)?.version });
  // Said once: the refusal's text, whatever the engine's own display repeats.
  const text = out(r);
  expect({ once, times: text.split(once).length - 1 }).toEqual({ once, times: 1 });
  return text;
}

describe("a stopped run, then the next one: a protected stack and a person's hotfix of the flow that changes", () => {
  let p: E2eProject;
  const npmUp = () => runCli(p, ["up", "--stack", "local"]);
  const ownUp = () => p.ownPulumi(["up", "--yes", "--skip-preview", "--stack", "local", ...policyArgs("local")]);

  beforeAll(async () => {
    p = await createProject({ emulator: { people: { clients: [OPS], users: [JANE] } } });
  });
  afterAll(async () => {
    await p?.cleanup();
  });

  it("1. up deploys the stack", async () => {
    ok(await npmUp());
  });

  it("2. protected, a flow changed in the same commit while Jane published a hotfix of it: up stops naming her version", async () => {
    await afterLastDeploy(p);
    const jane = await signIn(p.emulator, {
      clientId: OPS.id,
      clientSecret: OPS.secret,
      username: JANE.username,
      password: JANE.password,
    });
    await publishHotfix(p, N.direct, jane);
    protect(p);
    p.editConfig((c) => {
      c.forceUnlock = false;
    });
    const file = "flows/calls/direct.yaml";
    const doc = YAML.parseDocument(p.read(file), { version: "1.2" });
    doc.set("description", "Direct line (v2).");
    p.write(file, doc.toString());
    const text = await refusedUnchanged(p, npmUp);
    expect(text).toMatch(
      new RegExp(
        `STOP +${N.direct} \\(calls/direct\\): published outside the stack: version 2.0 was published \\S+ by Jane Doe via Ops Script`,
      ),
    );
  });

  it("3. the next up, nothing changed in between, stops the same way (the stopped run changed nothing it judges from)", async () => {
    // What the stopped run left: the changed flow's component rewritten without outputs.
    const component = (await exportState(p)).resources.find((r) => r.urn.endsWith("InteractionFlow::calls/direct"));
    expect(Object.keys(component?.outputs ?? {})).toEqual([]);
    const text = await refusedUnchanged(p, npmUp);
    expect(text).toMatch(new RegExp(`STOP +${N.direct} \\(calls/direct\\): published outside the stack: version 2.0`));
    expect(text).not.toContain("judged on its own");
  });

  it("4. plain pulumi up after the stopped runs stops the same way", async () => {
    const text = await refusedUnchanged(p, ownUp);
    expect(text).toMatch(new RegExp(`STOP +${N.direct} \\(calls/direct\\): published outside the stack: version 2.0`));
  });

  it("5. a team's own Automation API program after the stopped runs stops the same way", async () => {
    const text = await refusedUnchanged(p, () => p.ownAutomation("up"));
    expect(text).toMatch(new RegExp(`STOP +${N.direct} \\(calls/direct\\): published outside the stack: version 2.0`));
  });

  it("6. down after the stopped runs decides before it deletes: refused, nothing deleted", async () => {
    const text = await refusedUnchanged(p, () => runCli(p, ["down", "--stack", "local", "--yes"]));
    expect(text).toContain("Stopped before anything is deleted");
  });

  it("7. a client-credentials script (no user) publishes another flow: the team's Automation API program and npm run up refuse it, naming the client", async () => {
    const script = await signIn(p.emulator, { clientId: OPS.id, clientSecret: OPS.secret });
    await publishHotfix(p, N.sales, script);
    const file = "flows/calls/sales.yaml";
    const doc = YAML.parseDocument(p.read(file), { version: "1.2" });
    doc.set("description", "Sales line (v2).");
    p.write(file, doc.toString());
    const named = new RegExp(
      `STOP +${N.sales} \\(calls/sales\\): published outside the stack: version 2.0 was published \\S+ by Ops Script`,
    );
    expect(await refusedUnchanged(p, () => p.ownAutomation("up"))).toMatch(named);
    expect(await refusedUnchanged(p, npmUp)).toMatch(named);
  });

  it("8. forceUnlock turned back on (a rollback to a stack file from before the protection): refused by the stack's mandatory rule before anything publishes", async () => {
    p.editConfig((c) => {
      c.forceUnlock = true;
    });
    const text = await refusedUnchanged(p, npmUp, "makes a rule mandatory that this run breaks");
    expect(text).toContain("[prod-force-unlock]");
  });
});

const y = (v: unknown) => YAML.stringify(v, { version: "1.2" });
const ROUTING: Record<string, string> = {
  "schedules/weekdays.yaml": y({
    kind: "schedule",
    name: "Weekdays",
    start: "2026-01-05T08:00:00",
    end: "2026-01-05T18:00:00",
    rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
  }),
  "hours/business.yaml": y({
    kind: "scheduleGroup",
    name: "Business hours",
    timeZone: "America/New_York",
    open: ["schedules/weekdays"],
  }),
  "ivr/sales.yaml": y({
    kind: "ivr",
    name: "Sales line",
    numbers: ["+13175550100"],
    flows: { open: "calls/sales", closed: "calls/support" },
    scheduleGroup: "hours/business",
  }),
  "ivr/direct.yaml": y({
    kind: "ivr",
    name: "Direct line",
    numbers: ["+13175550120"],
    flows: { open: "calls/direct" },
  }),
  "emergency/closure.yaml": y({
    kind: "emergencyGroup",
    name: "Emergency closure",
    flow: "calls/support",
    ivrs: ["ivr/sales"],
  }),
};

/** Every flow and routing object of the org, by kind and name (what `down` must leave whole when it refuses). */
function orgObjects(p: E2eProject): string[] {
  const routing = (["ivr", "emergencyGroup", "schedule", "scheduleGroup"] as const).flatMap((k) =>
    p.emulator.store.routing.list(k).map((r) => `${k} ${String(r.fields.name)}`),
  );
  return [...[...publishedFlows(p.emulator).keys()].map((n) => `flow ${n}`), ...routing].sort();
}

describe("down decides for every resource before it deletes any", () => {
  let p: E2eProject;
  afterEach(async () => {
    await p?.cleanup();
  });

  it("a protected stack with a person's hotfix: down refuses, and the IVR configs, the emergency group, the schedules and every flow are still there", async () => {
    p = await createProject({ routing: ROUTING, emulator: { people: { clients: [OPS], users: [JANE] } } });
    ok(await runCli(p, ["up", "--stack", "local"]));
    await afterLastDeploy(p);
    await publishHotfix(
      p,
      N.sales,
      await signIn(p.emulator, {
        clientId: OPS.id,
        clientSecret: OPS.secret,
        username: JANE.username,
        password: JANE.password,
      }),
    );
    protect(p);
    p.editConfig((c) => {
      c.forceUnlock = false;
    });
    const before = orgObjects(p);
    expect(before.filter((o) => o.startsWith("ivr ") || o.startsWith("emergencyGroup "))).toHaveLength(3);
    const down = await refusedUnchanged(p, () => runCli(p, ["down", "--stack", "local", "--yes"]));
    expect(down).toMatch(
      new RegExp(
        `STOP +${N.sales} \\(calls/sales\\): published outside the stack: version 2.0 was published \\S+ by Jane Doe via Ops Script`,
      ),
    );
    expect(down).toContain("Stopped before anything is deleted");
    expect(orgObjects(p)).toEqual(before);
    const plain = await refusedUnchanged(p, () =>
      p.ownPulumi(["destroy", "--yes", "--run-program", "--stack", "local"]),
    );
    expect(plain).toContain("Stopped before anything is deleted");
    expect(orgObjects(p)).toEqual(before);
  });

  it("an unprotected stack with a person's lock on a module and a person's version on a caller: down deletes nothing", async () => {
    p = await createProject({ routing: ROUTING, emulator: { people: { clients: [OPS], users: [JANE] } } });
    ok(await runCli(p, ["up", "--stack", "local"]));
    await afterLastDeploy(p);
    await publishHotfix(p, N.direct, await signIn(p.emulator, { clientId: OPS.id, clientSecret: OPS.secret }));
    p.emulator.setFaults({ locks: [{ flowName: N.lookup, userName: "Dana Ops" }] });
    const before = orgObjects(p);
    const down = await refusedUnchanged(p, () => runCli(p, ["down", "--stack", "local", "--yes"]));
    expect(down).toMatch(
      new RegExp(`STOP +${N.lookup} \\(modules/lookup\\): locked: checked out \\(locked\\) by Dana Ops`),
    );
    expect(orgObjects(p)).toEqual(before);
    const plain = await refusedUnchanged(p, () =>
      p.ownPulumi(["destroy", "--yes", "--skip-preview", "--run-program", "--stack", "local"]),
    );
    expect(plain).toMatch(new RegExp(`STOP +${N.lookup} \\(modules/lookup\\): locked`));
    expect(orgObjects(p)).toEqual(before);
  });
});

describe("a stopped rollback changes no rollout: status, the next up and the retry", () => {
  let p: E2eProject;
  const git = (...args: string[]) => {
    const r = spawnSync("git", ["-c", "user.name=e2e", "-c", "user.email=e2e@example.invalid", ...args], {
      cwd: p.dir,
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
    return r.stdout.trim();
  };
  const cli = (...args: string[]) => runCli(p, args);
  const lookup = (label: string) => ({
    ...LOOKUP,
    nodes: { ...LOOKUP.nodes, Check: { ...LOOKUP.nodes.Check, label } },
  });
  const STATUS = /module modules\/lookup \(local-Lookup\): wave 1 of 3 is out/;

  beforeAll(async () => {
    const callers = Object.fromEntries(
      ["A", "B", "C"].map((n) => [`calls/${n.toLowerCase()}.yaml`, y(callFlow(n, "Lookup", "address", "Sales"))]),
    );
    p = await createProject({
      flows: { "modules/lookup.yaml": y(LOOKUP), ...callers },
      settings: { forceUnlock: "false", waves: { "modules/lookup": [{ flows: ["calls/a"] }, { flows: ["calls/b"] }] } },
      emulator: { people: { clients: [OPS], users: [JANE] } },
    });
    protect(p);
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "r1");
    ok(await cli("up", "--stack", "local"));
    p.write("flows/modules/lookup.yaml", y(lookup("Address given (v2)?")));
    git("commit", "-qam", "Lookup v2");
    ok(await cli("up", "--stack", "local"));
    // The gate between waves fails: wave 2 is held.
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
    git("add", "-A");
    git("commit", "-qm", "a scenario wave 1 fails");
    await afterLastDeploy(p);
    await publishHotfix(
      p,
      "local-A",
      await signIn(p.emulator, {
        clientId: OPS.id,
        clientSecret: OPS.secret,
        username: JANE.username,
        password: JANE.password,
      }),
    );
  });
  afterAll(async () => {
    await p?.cleanup();
  });

  it("1. rollback --to previous is refused before anything publishes, naming Jane's version", async () => {
    const text = await refusedUnchanged(p, () => cli("rollback", "--stack", "local", "--to", "previous"));
    expect(text).toMatch(
      /STOP +local-A \(calls\/a\): published outside the stack: version \S+ was published \S+ by Jane Doe via Ops Script/,
    );
  });

  it("2. rollout status still says wave 1 of 3 is out: the rollback did not end the rollout", async () => {
    expect(ok(await cli("rollout", "status", "--stack", "local")).stdout).toMatch(STATUS);
  });

  it("3. the next up starts no wave past the failing gate and keeps the rollout's record", async () => {
    const mark = p.mark();
    const r = await cli("up", "--stack", "local");
    expect(p.count("job.create", mark)).toBe(0);
    expect(r.code).not.toBe(0);
    expect(ok(await cli("rollout", "status", "--stack", "local")).stdout).toMatch(STATUS);
  });

  it("4. rollout next after the stopped rollback starts wave 2 (calls/b) past the gate, and leaves Jane's version of calls/a alone", async () => {
    const before = publishedFlows(p.emulator).get("local-A")!;
    // The up's verify then names Jane's version of calls/a as drift (exit 1): the org runs it, not the stack's.
    const r = await cli("rollout", "next", "--stack", "local", "--by", "bo", "--reason", "wave 1 is fine");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /error +\[drift\] local-A \(flows\/calls\/a\.yaml\): the org runs version \S+, published \S+ by Jane Doe via Ops Script/,
    );
    expect(publishedFlows(p.emulator).get("local-A")).toEqual(before);
    expect(ok(await cli("rollout", "status", "--stack", "local")).stdout).toMatch(/wave 2 of 3 is out/);
  });

  it("5. the retried rollback is refused the same way", async () => {
    const text = await refusedUnchanged(p, () => cli("rollback", "--stack", "local", "--to", "previous"));
    expect(text).toMatch(/STOP +local-A \(calls\/a\): published outside the stack/);
    expect(ok(await cli("rollout", "status", "--stack", "local")).stdout).toMatch(/wave 2 of 3 is out/);
  });
});

describe("a client-credentials script's version of an adopted flow, on a protected stack", () => {
  let p: E2eProject;
  const LEGACY = "local-Legacy Support";
  beforeAll(async () => {
    p = await createProject({
      flows: { "modules/lookup.yaml": y(LOOKUP) },
      settings: { forceUnlock: "false" },
      emulator: { people: { clients: [OPS], users: [JANE] }, org: { queues: [{ name: "Support" }] } },
    });
    protect(p);
    // Another team published the flow by hand, through Architect.
    const jane = await signIn(p.emulator, {
      clientId: OPS.id,
      clientSecret: OPS.secret,
      username: JANE.username,
      password: JANE.password,
    });
    expect((await publish(p.emulator, architectCall(LEGACY, "Support"), jane)).status).toBe("Success");
    const err: string[] = [];
    expect(
      await importMain(["--root", p.dir, "--stack", "local", "--prefix", "local-Legacy"], {
        out: { write: () => undefined },
        err: { write: (s: string) => err.push(s) },
      }),
    ).toBe(0);
    expect(err).toEqual([]);
  });
  afterAll(async () => {
    await p?.cleanup();
  });

  it("1. up adopts the flow (reads it, publishes nothing); a script then publishes a version of it, and a no-op up reads it again", async () => {
    ok(await runCli(p, ["up", "--stack", "local"]));
    await afterLastDeploy(p);
    await publishHotfix(p, LEGACY, await signIn(p.emulator, { clientId: OPS.id, clientSecret: OPS.secret }));
    ok(await runCli(p, ["up", "--stack", "local"]));
  });

  it("2. the adopted flow's file changes: up is refused before anything publishes, naming the script's client and version", async () => {
    const file = "flows/stacks/local/legacy-support.yaml";
    const doc = YAML.parseDocument(p.read(file), { version: "1.2" });
    doc.set("description", "Legacy support, taken over.");
    p.write(file, doc.toString());
    const named =
      /STOP +local-Legacy Support \(stacks\/local\/legacy-support\): published outside the stack: version 2\.0 was published \S+ by Ops Script/;
    expect(await refusedUnchanged(p, () => runCli(p, ["up", "--stack", "local"]))).toMatch(named);
    expect(
      await refusedUnchanged(p, () =>
        p.ownPulumi(["up", "--yes", "--skip-preview", "--stack", "local", ...policyArgs("local")]),
      ),
    ).toMatch(named);
  });
});
