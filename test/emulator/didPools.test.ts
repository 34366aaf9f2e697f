// DID pools over real HTTP, as the official provider calls them (v1.84.2,
// genesyscloud/telephony_providers_edges_did_pool: POST /api/v2/telephony/providers/edges/didpools,
// GET, PUT and DELETE on /didpools/{id}, the paged list): created and read back in the shape the
// provider reads (the provider reported, PURE_CLOUD when none was sent; empty description and
// comments left out), updated, deleted (then 404); Genesys's refusals answer 400: a range that
// overlaps another pool's (on create and on update), ends that are not E.164 or not in order.
import type { RunningEmulator } from "../../emulator/server";
import { call, withEmulator } from "../../testkit/emulator";

type Json = Record<string, unknown>;
const PATH = "telephony/providers/edges/didpools";

async function api(emu: RunningEmulator, method: string, path: string, body?: unknown) {
  return call<Json>(`${emu.url}/api/v2/${path}`, {
    method,
    token: emu.accessToken,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
  });
}
// What the provider sends: every field, empty when unset.
const pool = (start: string, end: string, extra: Json = {}) => ({
  startPhoneNumber: start,
  endPhoneNumber: end,
  description: "",
  comments: "",
  provider: "",
  ...extra,
});

it("creates, reads back, lists, updates and deletes a DID pool", async () => {
  await withEmulator({ port: 0 }, async (emu) => {
    const created = await api(
      emu,
      "POST",
      PATH,
      pool("+13175550100", "+13175550199", { description: "Sales numbers" }),
    );
    expect(created.status).toBe(200);
    const id = String(created.body.id);
    const read = await api(emu, "GET", `${PATH}/${id}`);
    expect(read.body).toMatchObject({
      id,
      startPhoneNumber: "+13175550100",
      endPhoneNumber: "+13175550199",
      description: "Sales numbers",
      provider: "PURE_CLOUD",
      state: "active",
      selfUri: `/api/v2/${PATH}/${id}`,
    });
    expect(read.body).not.toHaveProperty("comments");
    const list = await api(emu, "GET", `${PATH}?pageSize=100&pageNumber=1`);
    expect(list.body).toMatchObject({ entities: [{ id }], pageCount: 1 });
    const updated = await api(
      emu,
      "PUT",
      `${PATH}/${id}`,
      pool("+13175550100", "+13175550149", { provider: "PURE_CLOUD_VOICE", comments: "halved" }),
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      endPhoneNumber: "+13175550149",
      provider: "PURE_CLOUD_VOICE",
      comments: "halved",
      version: 2,
    });
    expect((await api(emu, "DELETE", `${PATH}/${id}`)).status).toBe(200);
    // A deleted pool keeps its deleted state, read and listed (the provider filters deleted pools out itself).
    expect((await api(emu, "GET", `${PATH}/${id}`)).body).toMatchObject({ id, state: "deleted", version: 3 });
    expect((await api(emu, "GET", PATH)).body).toMatchObject({ entities: [{ id, state: "deleted" }] });
    // It no longer holds its range, and it cannot be changed or deleted again.
    expect((await api(emu, "POST", PATH, pool("+13175550100", "+13175550199"))).status).toBe(200);
    expect((await api(emu, "PUT", `${PATH}/${id}`, pool("+13175550500", "+13175550599"))).status).toBe(404);
    expect((await api(emu, "DELETE", `${PATH}/${id}`)).status).toBe(404);
    expect(emu.store.routing.count().didPool).toBe(1);
    expect(
      emu.requestLog
        .list()
        .filter((e) => e.path.startsWith(`/api/v2/${PATH}`))
        .map((e) => e.operation),
    ).toEqual([
      "routing.create",
      "routing.get",
      "routing.list",
      "routing.update",
      "routing.delete",
      "routing.get",
      "routing.list",
      "routing.create",
      "routing.update",
      "routing.delete",
    ]);
  });
});

it("refuses a range that overlaps another pool's, and ends that are not a range of E.164 numbers", async () => {
  await withEmulator({ port: 0 }, async (emu) => {
    const first = await api(emu, "POST", PATH, pool("+13175550100", "+13175550199"));
    const second = await api(emu, "POST", PATH, pool("+13175550200", "+13175550299"));
    const overlap = await api(emu, "POST", PATH, pool("+13175550150", "+13175550250"));
    expect(overlap.status).toBe(400);
    expect(JSON.stringify(overlap.body)).toContain(
      `overlaps DID pool ${String(first.body.id)} (+13175550100..+13175550199)`,
    );
    // Growing one pool into the next is refused too; a range touching it is not.
    expect(
      (await api(emu, "PUT", `${PATH}/${String(first.body.id)}`, pool("+13175550100", "+13175550200"))).status,
    ).toBe(400);
    expect(
      (await api(emu, "PUT", `${PATH}/${String(second.body.id)}`, pool("+13175550200", "+13175550300"))).status,
    ).toBe(200);
    for (const [start, end] of [
      ["3175550100", "+13175550101"],
      ["+13175550101", "+13175550100"],
      ["+13175550100", "+1317555010"],
    ]) {
      expect((await api(emu, "POST", PATH, pool(start, end))).status).toBe(400);
    }
    expect((await api(emu, "POST", PATH, pool("+13175550400", "+13175550401", { provider: "SOMEONE" }))).status).toBe(
      400,
    );
    expect(emu.store.routing.count().didPool).toBe(2);
  });
});
