// People in the org, through Architect's own API as Genesys's spec defines it: another OAuth client
// and a person signed in through it check a flow out, save a draft, check it in, revert, publish out
// of band, rename and delete it, and the stack's publish meets what they left (a lock it cannot
// publish through, a draft kept as a version when the lock is broken, a 410 for a deleted flow).
import type { RunningEmulator } from "../../emulator/server";
import { call, publish, publishOk, signIn, withEmulator } from "../../testkit/emulator";
import { inboundCallYaml } from "../../testkit/archyFlows";
import { tempProject } from "../../testkit/tempProject";

const OPS = { id: "ops-client", secret: "ops-secret", name: "Ops Console" };
const JANE = {
  id: "7d9f3c1e-0000-4000-8000-00000000ja01",
  name: "Jane Doe",
  username: "jane@example.com",
  password: "jane-pw",
};
const PEOPLE = { clients: [OPS], users: [JANE] };

interface Ref {
  id: string;
  name: string;
  version?: number;
}
interface Version {
  id: string;
  type: string;
  createdBy?: Ref;
  createdByClient?: Ref;
  dateCreated: number;
  dateCheckedIn?: number;
  dateSaved?: number;
  datePublished?: string;
}
interface Flow {
  id: string;
  name: string;
  type: string;
  deleted: boolean;
  description?: string;
  division: Ref;
  lockedUser?: Ref;
  lockedClient?: Ref;
  publishedVersion: Version;
  checkedInVersion: Version;
  savedVersion?: Version;
  publishedBy?: Ref;
  currentOperation?: { actionName: string; actionStatus: string; complete: boolean; user?: Ref; client: Ref };
}

const people = (emu: RunningEmulator) => ({
  ops: () => signIn(emu, { clientId: OPS.id, clientSecret: OPS.secret }),
  jane: () =>
    signIn(emu, { clientId: OPS.id, clientSecret: OPS.secret, username: JANE.username, password: JANE.password }),
});

const post = (emu: RunningEmulator, path: string, token: string, body?: unknown) =>
  call<Record<string, unknown>>(`${emu.url}/api/v2/${path}`, {
    method: "POST",
    token,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
  });
const getFlow = async (emu: RunningEmulator, id: string, token = emu.accessToken) =>
  call<Flow>(`${emu.url}/api/v2/flows/${id}`, { token });
const versions = async (emu: RunningEmulator, id: string) =>
  (await call<{ entities: Version[] }>(`${emu.url}/api/v2/flows/${id}/versions`, { token: emu.accessToken })).body
    .entities;

/** The Archy document of a small inbound call flow, as Architect would save it (JSON). */
const archyDocument = (name: string, greeting: string) => ({
  inboundCall: {
    name,
    division: "Home",
    startUpRef: "/inboundCall/tasks/task[Main_10]",
    defaultLanguage: "en-us",
    supportedLanguages: { "en-us": { defaultLanguageSkill: { noValue: true } } },
    initialGreeting: { tts: greeting },
    tasks: [{ task: { name: "Main", refId: "Main_10", actions: [{ disconnect: { name: "Disconnect" } }] } }],
  },
});

it("signs in other clients and people: client credentials, the password grant, and the admin route that sets them", async () => {
  await withEmulator({ people: PEOPLE }, async (emu) => {
    expect(await people(emu).ops()).toMatch(/^[0-9a-f]{48}$/);
    expect(await people(emu).jane()).toMatch(/^[0-9a-f]{48}$/);
    // Each token names the client it was issued to (GET /tokens/me), with the grant that issued it.
    const client = async (token: string) =>
      (await call<{ OAuthClient: Record<string, unknown> }>(`${emu.url}/api/v2/tokens/me`, { token })).body.OAuthClient;
    const org = { id: expect.any(String), name: "Genesys Flows Local Emulator" };
    expect(await client(emu.accessToken)).toEqual({
      id: emu.clientId,
      name: "Emulator API Client",
      authorizedGrantType: "CLIENT-CREDENTIALS",
      state: "active",
      organization: org,
    });
    expect(await client(await people(emu).ops())).toEqual({
      id: OPS.id,
      name: OPS.name,
      authorizedGrantType: "CLIENT-CREDENTIALS",
      state: "active",
      organization: org,
    });
    expect(await client(await people(emu).jane())).toMatchObject({ id: OPS.id, authorizedGrantType: "PASSWORD" });
    const form = (body: Record<string, string>, secret = OPS.secret) =>
      call(`${emu.url}/oauth/token`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${OPS.id}:${secret}`).toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams(body).toString(),
      });
    expect((await form({ grant_type: "password", username: JANE.username, password: "wrong" })).status).toBe(400);
    expect((await form({ grant_type: "client_credentials" }, "wrong")).status).toBe(401);
    expect((await form({ grant_type: "authorization_code" })).status).toBe(400);

    // The admin route replaces the clients and users; the stack's own client stays.
    const admin = (body: unknown) =>
      call(`${emu.url}/__emulator/people`, { method: "PUT", token: emu.accessToken, body: JSON.stringify(body) });
    expect((await admin({ clients: [{ id: emu.clientId, secret: "x", name: "Impostor" }] })).status).toBe(400);
    expect((await admin({ users: [{ name: "Ann", username: "ann", password: "a" }] })).status).toBe(200);
    await expect(signIn(emu, { clientId: OPS.id, clientSecret: OPS.secret })).rejects.toThrow(/answered 401/);
    expect(
      await signIn(emu, { clientId: emu.clientId, clientSecret: emu.clientSecret, username: "ann", password: "a" }),
    ).toMatch(/^[0-9a-f]{48}$/);
  });
});

it("a person's checkout locks the flow: the stack's publish fails naming them, unlock keeps their draft as a version under the next publish", async () => {
  await withEmulator({ people: PEOPLE }, async (emu) => {
    const id = (await publishOk(emu, inboundCallYaml("Support"))).flow.id;
    const jane = await people(emu).jane();

    const out = await post(emu, `flows/actions/checkout?flow=${id}`, jane);
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({
      id,
      lockedUser: { id: JANE.id, name: JANE.name, version: 1 },
      lockedClient: { id: OPS.id, name: OPS.name },
      currentOperation: { actionName: "CHECKOUT", actionStatus: "LOCKED", complete: true },
    });
    expect((await post(emu, `flows/actions/checkout?flow=${id}`, jane)).status).toBe(200); // the holder again: no change
    const taken = await post(emu, `flows/actions/checkout?flow=${id}`, emu.accessToken);
    expect(taken.status).toBe(409);
    expect(String(taken.body.message)).toContain("locked by Jane Doe");

    // She saves a draft: savedVersion, type SAVE, hers.
    const saved = await post(emu, `flows/${id}/versions`, jane, archyDocument("Support", "Storm notice: we are busy."));
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      id: "2.0",
      type: "SAVE",
      createdBy: { id: JANE.id },
      createdByClient: { id: OPS.id },
    });
    expect(typeof saved.body.dateSaved).toBe("number");
    expect((await post(emu, `flows/${id}/versions`, emu.accessToken, { any: "thing" })).status).toBe(409);
    let flow = (await getFlow(emu, id)).body;
    expect(flow.savedVersion).toMatchObject({ type: "SAVE", createdBy: { name: JANE.name } });
    // The latest configuration is her draft (what a reviewer diffs against the stack's version).
    const latest = await call<{ versionId: string; text: string }>(
      `${emu.url}/api/v2/flows/${id}/latestconfiguration`,
      { token: emu.accessToken },
    );
    expect(latest.body.versionId).toBe("2.0");
    expect(latest.body.text).toContain("Storm notice: we are busy.");
    expect(flow.publishedVersion).toMatchObject({ id: "1.0", type: "PUBLISH", createdByClient: { id: emu.clientId } });
    expect(flow.publishedBy).toBeUndefined(); // a client published it, not a person

    // The stack's publish (the provider's job) fails while she holds the lock, naming her.
    const refused = await publish(
      emu,
      inboundCallYaml("Support", "\n          - disconnect:\n              name: New"),
    );
    expect(refused.status).toBe("Failure");
    expect(refused.messages.map((m) => m.text).join("\n")).toMatch(
      /rule flow-locked: Support \(type: .inboundcall. \) is locked by another entity\. .* Locked by Jane Doe \(user id [^)]+\) through client "Ops Console" \(ops-client\)/,
    );
    // DELETE and PUT are refused too.
    expect((await call(`${emu.url}/api/v2/flows/${id}`, { method: "DELETE", token: emu.accessToken })).status).toBe(
      409,
    );

    // force_unlock: the unlock keeps her draft as a CHECKIN version made by her; the publish lands on top.
    const unlocked = await post(emu, `flows/actions/unlock?flow=${id}`, emu.accessToken);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.lockedUser).toBeUndefined();
    expect(unlocked.body.lockedClient).toBeUndefined();
    expect(unlocked.body.savedVersion).toBeUndefined();
    expect(unlocked.body.checkedInVersion).toMatchObject({
      id: "2.0",
      type: "CHECKIN",
      createdBy: { id: JANE.id },
      createdByClient: { id: OPS.id },
    });
    await publishOk(emu, inboundCallYaml("Support", "\n          - disconnect:\n              name: New"));
    expect(
      (await versions(emu, id)).map((v) => [v.id, v.type, v.createdBy?.name ?? null, v.createdByClient?.name]),
    ).toEqual([
      ["3.0", "PUBLISH", null, "Emulator API Client"],
      ["2.0", "CHECKIN", "Jane Doe", "Ops Console"],
      ["1.0", "PUBLISH", null, "Emulator API Client"],
    ]);
    flow = (await getFlow(emu, id)).body;
    expect([flow.publishedVersion.id, flow.checkedInVersion.id]).toEqual(["3.0", "3.0"]);
    const config = await call<{ text: string }>(`${emu.url}/api/v2/flows/${id}/versions/2.0/configuration`, {
      token: emu.accessToken,
    });
    expect(config.body.text).toContain("Storm notice: we are busy.");
  });
});

it("check-in makes the draft a CHECKIN version and releases the lock; revert drops the draft and keeps the lock; only the holder may do either", async () => {
  await withEmulator({ people: PEOPLE }, async (emu) => {
    const id = (await publishOk(emu, inboundCallYaml("Billing"))).flow.id;
    const jane = await people(emu).jane();
    const ops = await people(emu).ops();
    expect((await post(emu, `flows/actions/checkin?flow=${id}`, jane)).status).toBe(409); // not checked out
    await post(emu, `flows/actions/checkout?flow=${id}`, jane);
    await post(emu, `flows/${id}/versions`, jane, archyDocument("Billing", "First try."));
    // The ops client without Jane is another caller: it holds nothing.
    expect((await post(emu, `flows/actions/revert?flow=${id}`, ops)).status).toBe(409);
    const reverted = await post(emu, `flows/actions/revert?flow=${id}`, jane);
    expect(reverted.status).toBe(200);
    expect(reverted.body.savedVersion).toBeUndefined();
    expect(reverted.body.lockedUser).toMatchObject({ id: JANE.id });

    await post(emu, `flows/${id}/versions`, jane, archyDocument("Billing", "Second try."));
    const checkin = await post(emu, `flows/actions/checkin?flow=${id}`, jane);
    expect(checkin.status).toBe(200);
    expect(checkin.body).toMatchObject({
      complete: true,
      actionName: "CHECKIN",
      actionStatus: "UNLOCKED",
      user: { id: JANE.id },
      client: { id: OPS.id },
    });
    const flow = (await getFlow(emu, id)).body;
    expect(flow.lockedUser).toBeUndefined();
    expect(flow.checkedInVersion).toMatchObject({ id: "2.0", type: "CHECKIN", createdBy: { name: JANE.name } });
    expect(typeof flow.checkedInVersion.dateCheckedIn).toBe("number");
    expect(flow.publishedVersion.id).toBe("1.0"); // checked in, not published

    // Publishing the checked-in version (Architect's publish action) as her: a PUBLISH version she made.
    const op = await post(emu, `flows/actions/publish?flow=${id}`, jane);
    expect(op.status).toBe(200);
    expect(op.body).toMatchObject({
      complete: true,
      actionName: "PUBLISH",
      actionStatus: "SUCCESS",
      user: { id: JANE.id },
    });
    const after = (await getFlow(emu, id)).body;
    expect(after.publishedVersion).toMatchObject({
      id: "3.0",
      type: "PUBLISH",
      createdBy: { id: JANE.id },
      createdByClient: { id: OPS.id },
    });
    expect(typeof after.publishedVersion.datePublished).toBe("string");
    expect(after.publishedBy).toMatchObject({ id: JANE.id, name: JANE.name });
    const text = (
      await call<{ text: string }>(`${emu.url}/api/v2/flows/${id}/latestconfiguration`, { token: emu.accessToken })
    ).body.text;
    expect(text).toContain("Second try.");
    // A draft naming another flow is not published onto this one.
    await post(emu, `flows/actions/checkout?flow=${id}`, jane);
    await post(emu, `flows/${id}/versions`, jane, archyDocument("Other", "Wrong flow."));
    const mismatch = await post(emu, `flows/actions/publish?flow=${id}`, jane);
    expect(mismatch.status).toBe(400);
    expect(String(mismatch.body.message)).toContain("rule flow-mismatch");
  });
});

it("another client publishes out of band through the jobs route; a lock held by the stack's own client shows that client and does not stop its publish", async () => {
  await withEmulator({ people: PEOPLE }, async (emu) => {
    const id = (await publishOk(emu, inboundCallYaml("Sales"))).flow.id;
    const ops = await people(emu).ops();
    const hotfix = await publish(
      emu,
      inboundCallYaml("Sales", "\n          - disconnect:\n              name: Hotfix"),
      ops,
    );
    expect(hotfix.status).toBe("Success");
    expect((await getFlow(emu, id)).body.publishedVersion).toMatchObject({
      id: "2.0",
      type: "PUBLISH",
      createdByClient: { id: OPS.id, name: OPS.name },
    });

    // The stack's client checks out (a run that died holding the lock): lockedClient is the stack's client, no user.
    await post(emu, `flows/actions/checkout?flow=${id}`, emu.accessToken);
    let flow = (await getFlow(emu, id, ops)).body;
    expect(flow.lockedClient).toMatchObject({ id: emu.clientId });
    expect(flow.lockedUser).toBeUndefined();
    // Another client cannot publish through it; the stack's client can, and its publish releases the lock.
    expect((await publish(emu, inboundCallYaml("Sales"), ops)).status).toBe("Failure");
    await publishOk(emu, inboundCallYaml("Sales"));
    flow = (await getFlow(emu, id)).body;
    expect(flow.lockedClient).toBeUndefined();
    expect(flow.publishedVersion.id).toBe("3.0");
  });
});

it("a rename in Architect keeps the id; the stack's next publish of the old name makes a new flow; names and types are checked", async () => {
  await withEmulator({ people: PEOPLE, org: { divisions: ["Support Team"] } }, async (emu) => {
    const id = (await publishOk(emu, inboundCallYaml("Main Line"))).flow.id;
    const other = (await publishOk(emu, inboundCallYaml("Side Line"))).flow.id;
    const jane = await people(emu).jane();
    const put = (flowId: string, body: unknown, token = jane) =>
      call<Flow & { message?: string }>(`${emu.url}/api/v2/flows/${flowId}`, {
        method: "PUT",
        token,
        body: JSON.stringify(body),
        headers: { "content-type": "application/json" },
      });

    const divisions = await call<{ entities: Ref[] }>(`${emu.url}/api/v2/authorization/divisions?name=Support%20Team`, {
      token: jane,
    });
    const renamed = await put(id, {
      name: "Main Line (old)",
      description: "kept for reference",
      division: { id: divisions.body.entities[0].id },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      id,
      name: "Main Line (old)",
      description: "kept for reference",
      division: { name: "Support Team" },
      currentOperation: { actionName: "UPDATE", user: { id: JANE.id } },
    });
    expect((await put(id, { name: "side line" })).status).toBe(409); // another INBOUNDCALL flow's name
    expect((await put(id, { name: "X", type: "COMMONMODULE" })).status).toBe(400);
    expect((await put(id, { description: "no name" })).status).toBe(400);
    expect((await put(id, { name: "X", division: { id: "no-such-division" } })).status).toBe(400);
    // Locked by someone else: refused.
    await post(emu, `flows/actions/checkout?flow=${other}`, emu.accessToken);
    expect((await put(other, { name: "Side Line 2" })).status).toBe(409);

    const again = await publishOk(emu, inboundCallYaml("Main Line"));
    expect(again.flow.id).not.toBe(id);
    expect((await getFlow(emu, id)).body.name).toBe("Main Line (old)");
  });
});

it("a deleted flow answers 410 Gone on its routes (404 for an id the org never had); ?deleted=true still reads it", async () => {
  await withEmulator({ people: PEOPLE }, async (emu) => {
    const id = (await publishOk(emu, inboundCallYaml("Gone Line"))).flow.id;
    const ops = await people(emu).ops();
    const del = await fetch(`${emu.url}/api/v2/flows/${id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${ops}` },
    });
    expect(del.status).toBe(204);
    const gone = await getFlow(emu, id);
    expect(gone.status).toBe(410);
    expect(gone.body).toMatchObject({ status: 410, code: "flow.deleted" });
    for (const path of [`flows/${id}/versions`, `flows/${id}/versions/1.0`, `flows/${id}/latestconfiguration`]) {
      expect([path, (await call(`${emu.url}/api/v2/${path}`, { token: emu.accessToken })).status]).toEqual([path, 410]);
    }
    for (const action of ["checkout", "checkin", "unlock", "revert", "publish"]) {
      expect([action, (await post(emu, `flows/actions/${action}?flow=${id}`, emu.accessToken)).status]).toEqual([
        action,
        410,
      ]);
    }
    const read = await call<Flow>(`${emu.url}/api/v2/flows/${id}?deleted=true`, { token: emu.accessToken });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id, deleted: true });
    expect((await call(`${emu.url}/api/v2/flows/${id}`, { method: "DELETE", token: emu.accessToken })).status).toBe(
      404,
    );
    expect((await getFlow(emu, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await post(emu, "flows/actions/checkout", emu.accessToken)).status).toBe(400);
  });
});

it("what people did survives a restart of an emulator with a data file", async () => {
  const { join } = await import("node:path");
  const dataFile = join(tempProject({}, { prefix: "people-" }), "org.json");
  let id = "";
  await withEmulator({ people: PEOPLE, dataFile }, async (emu) => {
    id = (await publishOk(emu, inboundCallYaml("Kept"))).flow.id;
    const jane = await people(emu).jane();
    await post(emu, `flows/actions/checkout?flow=${id}`, jane);
    await post(emu, `flows/${id}/versions`, jane, archyDocument("Kept", "Draft."));
  });
  await withEmulator({ people: PEOPLE, dataFile }, async (emu) => {
    const flow = (await getFlow(emu, id)).body;
    expect(flow).toMatchObject({
      lockedUser: { id: JANE.id },
      lockedClient: { id: OPS.id },
      savedVersion: { type: "SAVE", createdBy: { id: JANE.id } },
    });
    expect(emu.state().flows.find((f) => f.id === id)).toMatchObject({
      lockedBy: JANE.name,
      lockedClient: OPS.name,
      draftBy: JANE.name,
    });
  });
});
