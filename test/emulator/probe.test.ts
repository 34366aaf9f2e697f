// `genesys-flows org probe --stack local` (tools/orgProbe.ts, org/probe.ts) against the emulator
// playing each answer of the behaviours the probe settles (project/assumptions.yaml): read-only and
// --write, the record it writes (orgs/<org id>.probe.yaml), nothing of its own left in the org, a
// probe the client lacks a permission for, a leftover of an interrupted probe, and the run reading
// the record (the claim guard makes the claim the new flow itself only where it says so).
import { readFileSync, writeFileSync } from "node:fs";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import type { Behave } from "../../emulator/behave";
import { main } from "../../tools/orgProbe";
import { OrgProbe, PROBE_PREFIX } from "../../org/probe";
import { OrgApi } from "../../org/client";
import { fetchHttp, type Http } from "../../org/http";
import { probeFile, readProbeRecord, type ProbeRecord } from "../../project/probeRecord";
import { flowClaimGuard } from "../../run/ownership/claimGuard";
import { guardRun } from "../../testkit/programRun";
import { writeFiles } from "../../testkit/tempProject";
import { call, publish, signIn } from "../../testkit/emulator";
import { documented } from "../../testkit/docOutputs";
import { toArchyYaml } from "../../compiler/archyYaml";

const ORG = { id: "7b0c5e22-4f1d-4c3a-9e53-2f8a1d6b9c10", name: "Probed Org" };

/** The project's local stack pointing at `emu` (its gateway and token), as a team's Pulumi.local.yaml does. */
function stackFor(emu: RunningEmulator, root: string): void {
  writeFiles(root, {
    "Pulumi.yaml": "name: genesys-flows\nruntime: nodejs\n",
    "Pulumi.local.yaml": `config:\n  genesys-flows:environment: local\n  genesys-flows:accessToken: ${emu.accessToken}\n  genesys-flows:provider:\n    gateway:\n      protocol: http\n      host: 127.0.0.1\n      port: "${emu.port}"\n`,
  });
}

/** Everything of the probe's in the org: flows created by name (listed or not) and active flows with its prefix. */
function probesIn(emu: RunningEmulator): string[] {
  return [
    ...emu.store.claims.snapshot().map((c) => c.name),
    ...emu.store
      .listFlows({ name: PROBE_PREFIX })
      .filter((f) => !f.deleted)
      .map((f) => f.name),
  ];
}

/** Runs `org probe --stack local [--write]` against an emulator playing `behave`, in a guard run's project; its exit, output, record and the run. */
async function probe(
  behave: Behave,
  write: boolean,
): Promise<{ code: number; out: string; record: ProbeRecord; emu: RunningEmulator; root: string }> {
  const emu = await startEmulator({ behave, organization: ORG });
  const { run } = guardRun(emu, {
    flows: {
      "calls/sales": { kind: "inboundCall", name: "Sales", start: "Bye", nodes: { Bye: { type: "disconnect" } } },
    },
    settings: { namePrefix: "probed-" },
  });
  stackFor(emu, run.root);
  let out = "";
  const io = {
    out: { write: (s: string) => ((out += s), true) },
    err: { write: (s: string) => ((out += s), true) },
  } as unknown as Parameters<typeof main>[1];
  const code = await main(["probe", "--stack", "local", "--root", run.root, ...(write ? ["--write"] : [])], io);
  expect(probesIn(emu)).toEqual([]);
  // The run reads the record: the claim is the new flow itself only where claimPublish=configures was recorded.
  await flowClaimGuard.hooks!(run, { warn: jest.fn(), info: jest.fn() }).before!({
    action: "create",
    resource: "flow",
    name: "calls/sales",
    urn: "urn:x",
    dryRun: false,
  });
  const claimed = emu.store.claims.snapshot().map((c) => c.name);
  expect(claimed).toEqual([
    readProbeRecord(run.root, ORG.id)?.results.claimPublish?.answer === "configures"
      ? "probed-Sales"
      : expect.stringMatching(/^genesys-flows claim [0-9a-f]{32}$/),
  ]);
  return { code, out, record: readProbeRecord(run.root, ORG.id)!, emu, root: run.root };
}

const stopping: RunningEmulator[] = [];
afterAll(async () => {
  for (const emu of stopping) await emu.stop();
});

async function probed(behave: Behave, write: boolean) {
  const p = await probe(behave, write);
  stopping.push(p.emu);
  expect(p.code).toBe(0);
  expect(readFileSync(probeFile(p.root, ORG.id), "utf8")).toMatch(/^# genesys-flows org probe: what this org answered/);
  expect(p.out).toContain(`Recorded in orgs/${ORG.id}.probe.yaml: commit it`);
  return p;
}

it("org probe, read-only: who the org and the token are, the list by name, dependency tracking; nothing created, the claim beside the new flow", async () => {
  const { record, out, emu } = await probed({}, false);
  expect(record).toMatchObject({ org: ORG, write: false, notRun: {} });
  expect(Object.keys(record.results).sort()).toEqual([
    "dependencyTracking",
    "listByName",
    "organizationMe",
    "tokenOwner",
  ]);
  expect(record.results.tokenOwner).toEqual({
    observed: `client Emulator API Client (${emu.clientId})`,
    asModelled: true,
  });
  expect(out).toContain("(read-only: --write settles the claim's entries)");
  expect(emu.requestLog.count("flow.create")).toBe(1); // the run's claim, after the probe
});

it("org probe --write, claimPublish=configures: the record says the claim works, nothing is left behind, and a run reads it", async () => {
  const { record, out } = await probed({ claimPublish: "configures" }, true);
  expect(record.results).toMatchObject({
    createFlowByName: { observed: "a second create: 409 architect.flow.already.exists", asModelled: true },
    nameCase: { answer: "insensitive", asModelled: true },
    claimListed: { answer: "listed", asModelled: true },
    claimDelete: { answer: "frees", asModelled: true },
    unlockConfigurationless: { observed: "200, and the created flow is unlocked", asModelled: true },
    claimPublish: { observed: "configured, same id", answer: "configures", asModelled: true },
    flowNameLength: {
      observed: "a 201-character name is refused (400 architect.object.validate.failed.value)",
      asModelled: true,
    },
  });
  expect(out).not.toContain("Differs from the emulator's model");
  expect(out).toContain("The claim on a new flow name is the new flow itself on this org (claimPublish=configures).");
});

it("org probe --write, claimPublish=refused: the record says the claim fails, nothing is left behind, and a run leaves the claim off", async () => {
  const { record, out } = await probed({ claimPublish: "refused" }, true);
  expect(record.results.claimPublish).toEqual({
    observed: expect.stringMatching(/^refused: .*\(type: 'inboundcall' \) is locked by another entity\./),
    answer: "refused",
    asModelled: false,
  });
  expect(out).toMatch(
    /Differs from the emulator's model \(send this to the genesys-flows developers\):\n {2}claimPublish: the org answered "refused: .*"; the emulator models: Configures it, keeping its id\./,
  );
  expect(out).toContain("a flow of another name beside it on this org (claimPublish=refused)");
  documented("assumptions/probe-refused", `$ genesys-flows org probe --stack local --write\n${out}`);
});

it("org probe --write, claimListed=hidden, claimDelete=needsUnlock, nameCase=sensitive: each recorded and reported as differing, nothing left behind", async () => {
  const { record, out } = await probed(
    { claimListed: "hidden", claimDelete: "needsUnlock", nameCase: "sensitive" },
    true,
  );
  expect(record.results).toMatchObject({
    claimListed: { answer: "hidden", asModelled: false },
    claimDelete: {
      observed: "refused until unlocked; the name is free again",
      answer: "needsUnlock",
      asModelled: false,
    },
    nameCase: { answer: "sensitive", asModelled: false },
  });
  for (const id of ["claimListed", "claimDelete", "nameCase"])
    expect(out).toMatch(new RegExp(`^ {2}DIFFERS {5}${id}: `, "m"));
});

const ONLY_ITS_OWN =
  "org probe --write beside a person's flow named with the probe prefix: the person's flow survives, named, and so " +
  "does another org's copy; only the probe's own leftover is deleted; another org's record is refused; a probe the " +
  "client lacks a permission for is not run";
it(ONLY_ITS_OWN, async () => {
  const OPS = { id: "ops-client", secret: "ops-secret", name: "Ops Console" };
  const emu = await startEmulator({ organization: ORG, people: { clients: [OPS] } });
  stopping.push(emu);
  const create = async (name: string, org: string) => {
    const description = `genesys-flows org probe ${name.split("-")[3]} in org ${org}: deleted when the probe ends`;
    const body = JSON.stringify({ name, type: "INBOUNDCALL", description });
    const headers = { "content-type": "application/json" };
    const token = emu.accessToken;
    return (await call<{ id: string }>(`${emu.url}/api/v2/flows`, { method: "POST", token, headers, body })).body.id;
  };
  const left = await create(`${PROBE_PREFIX}-0123abcd-claim`, ORG.id);
  // An export of another org's probe flow, brought over: its description names that org.
  const copied = await create(`${PROBE_PREFIX}-4567cdef-unlock`, "another-org");
  // A person's published flow, named with the prefix (the storm line's copy).
  const storm = `${PROBE_PREFIX}-storm-copy`;
  const task = { name: "Main", refId: "Main_10", actions: [{ disconnect: { name: "Disconnect" } }] };
  const supportedLanguages = { "en-us": { defaultLanguageSkill: { noValue: true } } };
  const languages = { defaultLanguage: "en-us", supportedLanguages };
  const flow = { name: storm, description: "the storm line's copy", division: "Home", ...languages };
  const startUpRef = "/inboundCall/tasks/task[Main_10]";
  const archy = toArchyYaml({ inboundCall: { ...flow, startUpRef, tasks: [{ task }] } });
  const theirs = await publish(emu, archy, await signIn(emu, { clientId: OPS.id, clientSecret: OPS.secret }));
  expect(theirs.status).toBe("Success");
  const sales = { kind: "inboundCall", name: "Sales", start: "Bye", nodes: { Bye: { type: "disconnect" } } };
  const { run } = guardRun(emu, { flows: { "calls/sales": sales } });
  stackFor(emu, run.root);
  let err = "";
  const io = { out: { write: () => true }, err: { write: (s: string) => ((err += s), true) } } as unknown as Parameters<
    typeof main
  >[1];
  expect(await main(["probe", "--root", run.root, "--write"], io)).toBe(0);
  expect(err).toContain(`deleted ${PROBE_PREFIX}-0123abcd-claim (flow ${left}), left by an earlier probe`);
  expect(err).toContain(`kept ${storm} (flow ${theirs.flow!.id}): no probe made it in this org`);
  expect(err).toContain(`kept ${PROBE_PREFIX}-4567cdef-unlock (flow ${copied}): no probe made it in this org`);
  const kept = [`${PROBE_PREFIX}-4567cdef-unlock`, storm];
  expect(probesIn(emu).sort()).toEqual(kept);
  const stormInOrg = emu.store.listFlows({ name: storm }).map((f) => [f.id, f.deleted, f.versions.length]);
  expect(stormInOrg).toEqual([[theirs.flow!.id, false, 1]]);
  // A record under this org's file name that names another org: the run is refused before it creates a flow.
  const file = probeFile(run.root, ORG.id);
  writeFileSync(file, readFileSync(file, "utf8").replace(`id: ${ORG.id}`, "id: another-org"));
  const creates = emu.requestLog.count("flow.create");
  const before = flowClaimGuard.hooks!(run, { warn: jest.fn(), info: jest.fn() }).before!;
  const salesCreate = { action: "create", resource: "flow", name: "calls/sales", urn: "urn:x", dryRun: false } as const;
  await expect(before(salesCreate)).rejects.toThrow(
    `${file} records what org another-org "${ORG.name}" answered, but the run reaches org ${ORG.id}: refused, not used`,
  );
  expect(emu.requestLog.count("flow.create")).toBe(creates);
  // A role without architect:job:create: the publish job answers 403.
  const http: Http = (req) =>
    req.method === "POST" && req.url.endsWith("/api/v2/flows/jobs")
      ? Promise.resolve({ status: 403, headers: {}, body: JSON.stringify({ message: "Missing permission" }) })
      : fetchHttp(req);
  const p = new OrgProbe(new OrgApi(emu.url, emu.accessToken, { http }), { write: true });
  const record = await p.run();
  expect(record.notRun).toEqual({
    claimPublish: expect.stringContaining("(the OAuth client's role needs architect:job:create)"),
  });
  expect(record.results.claimPublish).toBeUndefined();
  expect(probesIn(emu).sort()).toEqual(kept);
});
