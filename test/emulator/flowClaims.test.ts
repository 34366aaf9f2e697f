// A flow created by name before anything is published to it (POST /api/v2/flows; emulator/flowClaims.ts):
// one create of a name wins (a second is a 409), the flow is listed and read with no versions and its
// creator's lock, only its creator's publish configures it (keeping its id), anyone else's meets the
// lock, it outlives a restart and its creator can delete it.
import { call, publish, signIn, withEmulator } from "../../testkit/emulator";
import { inboundCallYaml } from "../../testkit/archyFlows";
import { tempProject } from "../../testkit/tempProject";
import { startEmulator } from "../../emulator/server";
import { join } from "node:path";

const OPS = { id: "ops-client", secret: "ops-secret", name: "Ops Console" };
const json = (body: unknown) => ({
  method: "POST",
  body: JSON.stringify(body),
  headers: { "content-type": "application/json" },
});

it("one create of a name wins; the flow waits unconfigured under its creator's lock for its creator's publish", async () => {
  await withEmulator({ people: { clients: [OPS], users: [] } }, async (emu) => {
    const create = (token: string, description = "") =>
      call<Record<string, unknown>>(`${emu.url}/api/v2/flows`, {
        ...json({ name: "Claimed", type: "INBOUNDCALL", description }),
        token,
      });
    const ops = await signIn(emu, { clientId: OPS.id, clientSecret: OPS.secret });
    const answers = await Promise.all([create(emu.accessToken, "mine"), create(ops, "theirs")]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const won = answers.find((a) => a.status === 200)!.body;
    expect(won).toMatchObject({
      name: "Claimed",
      type: "INBOUNDCALL",
      deleted: false,
      lockedClient: { id: expect.any(String) },
    });
    expect(won.publishedVersion).toBeUndefined();
    const listed = await call<{ entities: Array<Record<string, unknown>> }>(
      `${emu.url}/api/v2/flows?name=Claimed&type=inboundcall`,
      { token: emu.accessToken },
    );
    expect(listed.body.entities).toEqual([won]);
    expect((await call(`${emu.url}/api/v2/flows/${String(won.id)}`, { token: emu.accessToken })).body).toEqual(won);
    const creator = won.description === "mine" ? emu.accessToken : ops;
    const other = creator === ops ? emu.accessToken : ops;
    // Anyone else's publish meets the creator's lock; the creator's configures the created flow.
    const refused = await publish(emu, inboundCallYaml("Claimed"), other);
    expect(refused.status).toBe("Failure");
    expect(refused.messages.map((m) => m.text).join("\n")).toMatch(/rule flow-locked/);
    const job = await publish(emu, inboundCallYaml("Claimed"), creator);
    expect(job).toMatchObject({ status: "Success", flow: { id: won.id } });
    const configured = (
      await call<Record<string, unknown>>(`${emu.url}/api/v2/flows/${String(won.id)}`, { token: emu.accessToken })
    ).body;
    expect(configured.publishedVersion).toMatchObject({ id: "1.0" });
    expect(configured.lockedClient).toBeUndefined();
    expect((await create(creator)).status).toBe(409);
  });
});

it("a created flow outlives a restart; only its creator deletes it, and then the name is free", async () => {
  const dir = tempProject({}, { prefix: "emu-claims-" });
  const file = join(dir, "org.json");
  let emu = await startEmulator({ dataFile: file, people: { clients: [OPS], users: [] } });
  let id = "";
  try {
    const created = await call<{ id: string }>(`${emu.url}/api/v2/flows`, {
      ...json({ name: "Left", type: "WORKFLOW" }),
      token: emu.accessToken,
    });
    expect(created.status).toBe(200);
    id = created.body.id;
  } finally {
    await emu.stop();
  }
  emu = await startEmulator({ dataFile: file, people: { clients: [OPS], users: [] } });
  try {
    expect((await call(`${emu.url}/api/v2/flows/${id}`, { token: emu.accessToken })).body).toMatchObject({
      id,
      name: "Left",
      type: "WORKFLOW",
    });
    const ops = await signIn(emu, { clientId: OPS.id, clientSecret: OPS.secret });
    expect((await call(`${emu.url}/api/v2/flows/${id}`, { method: "DELETE", token: ops })).status).toBe(409);
    expect((await call(`${emu.url}/api/v2/flows/${id}`, { method: "DELETE", token: emu.accessToken })).status).toBe(
      204,
    );
    expect((await call(`${emu.url}/api/v2/flows/${id}`, { token: emu.accessToken })).status).toBe(404);
    expect(
      (await call(`${emu.url}/api/v2/flows`, { ...json({ name: "Left", type: "WORKFLOW" }), token: ops })).status,
    ).toBe(200);
  } finally {
    await emu.stop();
  }
});

it("as the evidence words it: a taken name is 409 architect.flow.already.exists, a 201-character name 400, and unlock of a created flow 200 and unlocks it", async () => {
  await withEmulator({ people: { clients: [OPS], users: [] } }, async (emu) => {
    const create = (name: string, token = emu.accessToken) =>
      call<Record<string, unknown>>(`${emu.url}/api/v2/flows`, { ...json({ name, type: "INBOUNDCALL" }), token });
    const made = await create("Evidence");
    expect((await create("EVIDENCE")).body).toMatchObject({ status: 409, code: "architect.flow.already.exists" });
    expect(await create("x".repeat(201))).toMatchObject({
      status: 400,
      body: { code: "architect.object.validate.failed.value" },
    });
    expect((await create("y".repeat(200))).status).toBe(200);
    const id = String(made.body.id);
    const unlocked = await call<Record<string, unknown>>(`${emu.url}/api/v2/flows/actions/unlock?flow=${id}`, {
      method: "POST",
      token: emu.accessToken,
    });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.lockedClient).toBeUndefined();
    // Unlocked, anyone's publish configures it.
    const ops = await signIn(emu, { clientId: OPS.id, clientSecret: OPS.secret });
    expect(await publish(emu, inboundCallYaml("Evidence"), ops)).toMatchObject({ status: "Success", flow: { id } });
  });
});

it("a publish job of a 201-character name fails as its create would: nothing published; 200 publishes", async () => {
  await withEmulator({}, async (emu) => {
    // The path every deploy takes: the limit POST and PUT /flows hold, a Failure naming it.
    const name = "z".repeat(201);
    const long = await publish(emu, inboundCallYaml(name));
    expect([long.status, long.flow]).toEqual(["Failure", undefined]);
    const why = "the flow's name is 201 characters long; the maximum length of a flow name is 200 characters";
    expect(long.messages.map((m) => m.text)).toEqual([
      `Flow "${name}": rule invalid-value: ${why} (at inboundCall.name)`,
    ]);
    const listed = await call<{ entities: unknown[] }>(`${emu.url}/api/v2/flows?name=${name}`, {
      token: emu.accessToken,
    });
    expect(listed.body.entities).toEqual([]);
    expect(await publish(emu, inboundCallYaml("z".repeat(200)))).toMatchObject({ status: "Success" });
  });
});

it("behave: claimPublish=refused fails its creator's publish in Archy's words; claimListed=hidden leaves it out of lists; claimDelete=needsUnlock refuses its creator's delete until unlocked", async () => {
  await withEmulator(
    { behave: { claimPublish: "refused", claimListed: "hidden", claimDelete: "needsUnlock" } },
    async (emu) => {
      const id = String(
        (
          await call<Record<string, unknown>>(`${emu.url}/api/v2/flows`, {
            ...json({ name: "Played", type: "INBOUNDCALL" }),
            token: emu.accessToken,
          })
        ).body.id,
      );
      const job = await publish(emu, inboundCallYaml("Played"));
      expect(job.status).toBe("Failure");
      expect(job.messages.map((m) => m.text).join("\n")).toContain(
        "Played (type: 'inboundcall' ) is locked by another entity. You can use the --forceUnlock command line parameter",
      );
      expect(
        (await call<{ entities: unknown[] }>(`${emu.url}/api/v2/flows?name=Played`, { token: emu.accessToken })).body
          .entities,
      ).toEqual([]);
      expect((await call(`${emu.url}/api/v2/flows/${id}`, { token: emu.accessToken })).status).toBe(200);
      expect((await call(`${emu.url}/api/v2/flows/${id}`, { method: "DELETE", token: emu.accessToken })).status).toBe(
        409,
      );
      expect(
        (await call(`${emu.url}/api/v2/flows/actions/unlock?flow=${id}`, { method: "POST", token: emu.accessToken }))
          .status,
      ).toBe(200);
      expect((await call(`${emu.url}/api/v2/flows/${id}`, { method: "DELETE", token: emu.accessToken })).status).toBe(
        204,
      );
    },
  );
  await expect(withEmulator({ behave: { claimPublish: "maybe" } }, async () => undefined)).rejects.toThrow(
    "behave: claimPublish answers configures or refused, not maybe",
  );
  await expect(withEmulator({ behave: { publishByName: "x" } }, async () => undefined)).rejects.toThrow(
    /behave: publishByName is no behaviour the emulator plays/,
  );
});
