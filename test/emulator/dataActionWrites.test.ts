// The data actions a stack declares (objects/data-actions/), written through the routes the
// official provider (v1.84.2, genesyscloud/integration_action) calls: POST on
// /api/v2/integrations/actions into an integration of the org (the org's, read, never written),
// GET of one with its contract (expand=contract) and config, its request and success templates as
// text, PATCH naming the version it changes, DELETE (204, then 404). The org's catalog knows a
// created action's category, name and contract. An integration written as the provider writes one
// (emulator/integrationRoutes.ts): by its type, its state patched, its configuration naming it.
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import type { OrgFileInput } from "../../project/orgFile";
import { call } from "../../testkit/emulator";

const ORG: OrgFileInput = {
  integrations: ["Web Services Data Actions"],
  dataActions: [{ category: "CRM", name: "Lookup" }],
};
let emu: RunningEmulator;

const api = (path: string, method = "GET", body?: unknown) =>
  call<Record<string, unknown>>(`${emu.url}/api/v2/${path}`, {
    method,
    token: emu.accessToken,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
  });
const text = async (path: string) => {
  const res = await fetch(`${emu.url}/api/v2/${path}`, { headers: { authorization: `Bearer ${emu.accessToken}` } });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
};
const entities = async (path: string) => (await api(path)).body.entities as Array<Record<string, unknown>>;

const CONTRACT = {
  input: { inputSchema: { type: "object", properties: { phone: { type: "string" } } } },
  output: { successSchema: { type: "object", properties: { name: { type: "string" } } } },
};
const CONFIG = {
  request: { requestType: "GET", requestUrlTemplate: "/customers?phone=${input.phone}" },
  response: { translationMap: { name: "$.name" }, successTemplate: '{"name": ${name}}' },
};

beforeEach(async () => {
  emu = await startEmulator({ org: ORG, strict: true });
});
afterEach(async () => {
  await emu.stop();
});

async function created(): Promise<{ id: string; integrationId: string }> {
  const integrations = await entities("integrations");
  const integrationId = String(integrations.find((i) => i.name === "Web Services Data Actions")!.id);
  const body = { name: "Get customer", category: "CRM", integrationId, contract: CONTRACT, config: CONFIG };
  const answer = await api("integrations/actions", "POST", body);
  expect(answer.status).toBe(200);
  return { id: String(answer.body.id), integrationId };
}

it("lists the org's integrations: the org file's and the one each of its data actions belongs to", async () => {
  expect((await entities("integrations")).map((i) => [i.name, i.intendedState])).toEqual([
    ["CRM", "ENABLED"],
    ["Web Services Data Actions", "ENABLED"],
  ]);
  const [crm] = await entities("integrations");
  expect((await api(`integrations/${String(crm.id)}`)).body.name).toBe("CRM");
  expect((await api("integrations/nope")).status).toBe(404);
  // The org file's action belongs to its integration.
  expect((await entities("integrations/actions"))[0]).toMatchObject({ name: "Lookup", integrationId: crm.id });
});

it("creates an action in an integration of the org: read back with its contract and config, templates as text", async () => {
  const { id, integrationId } = await created();
  const one = (await api(`integrations/actions/${id}?expand=contract&includeConfig=true`)).body;
  expect(one).toMatchObject({
    name: "Get customer",
    category: "CRM",
    integrationId,
    secure: false,
    version: 1,
    contract: CONTRACT,
    config: CONFIG,
  });
  // The list and a get without expand=contract give no contract, as Genesys.
  expect((await entities("integrations/actions?name=Get")).map((a) => [a.name, "contract" in a])).toEqual([
    ["Get customer", false],
  ]);
  expect("contract" in (await api(`integrations/actions/${id}`)).body).toBe(false);
  expect(await text(`integrations/actions/${id}/templates/requesttemplate.vm`)).toEqual({
    status: 200,
    type: "text/plain; charset=utf-8",
    text: "${input.rawRequest}",
  });
  expect((await text(`integrations/actions/${id}/templates/successtemplate.vm`)).text).toBe('{"name": ${name}}');
  expect((await text(`integrations/actions/${id}/templates/other.vm`)).status).toBe(404);
  // What a strict publish checks a flow's call against: the action's category, name and contract.
  expect(emu.org.catalog.dataAction("CRM", "Get customer")).toEqual({
    category: "CRM",
    name: "Get customer",
    inputs: { phone: "string" },
    outputs: { name: "string" },
  });
});

it("refuses an integration the org lacks, a contract without its schemas, a name taken, as Genesys (400, 409)", async () => {
  const body = { name: "Get customer", category: "CRM", integrationId: "nope", contract: CONTRACT, config: CONFIG };
  const noIntegration = await api("integrations/actions", "POST", body);
  expect([noIntegration.status, noIntegration.body.message]).toEqual([
    400,
    "Field 'integrationId': integration nope does not exist",
  ]);
  const { integrationId } = await created();
  const noSchema = await api("integrations/actions", "POST", { ...body, name: "B", integrationId, contract: {} });
  expect([noSchema.status, noSchema.body.message]).toEqual([
    400,
    "Field 'contract.input.inputSchema': a JSON schema is required",
  ]);
  const taken = await api("integrations/actions", "POST", { ...body, name: "get CUSTOMER", integrationId });
  expect([taken.status, taken.body.code]).toEqual([409, "general.conflict"]);
});

it("updates by PATCH naming the current version (a stale one: 409), keeping the contract; deletes (204, then 404)", async () => {
  const { id } = await created();
  const config = { ...CONFIG, timeoutSeconds: 20 };
  const stale = await api(`integrations/actions/${id}`, "PATCH", { name: "Get customer", version: 7, config });
  expect(stale.status).toBe(409);
  const patched = await api(`integrations/actions/${id}`, "PATCH", { category: "CRM 2", version: 1, config });
  expect(patched.status).toBe(200);
  expect((await api(`integrations/actions/${id}?expand=contract`)).body).toMatchObject({
    name: "Get customer",
    category: "CRM 2",
    version: 2,
    config,
    contract: CONTRACT,
  });
  // The request log names them as what they are: an update, not a read of the action.
  const logged = emu.requestLog.list().filter((e) => e.method === "PATCH" && e.path.endsWith(id));
  expect(logged.map((e) => e.operation)).toEqual(["org.objects.update", "org.objects.update"]);
  expect((await api(`integrations/actions/${id}`, "DELETE")).status).toBe(204);
  expect((await api(`integrations/actions/${id}`)).status).toBe(404);
  expect((await api(`integrations/actions/${id}`, "DELETE")).status).toBe(404);
});

it("writes an integration as the provider does: by its type, its state, its configuration at its version naming it", async () => {
  const created = await api("integrations", "POST", { integrationType: { id: "purecloud-data-actions" } });
  expect(created.body).toMatchObject({ name: "purecloud-data-actions", intendedState: "DISABLED" });
  const id = String(created.body.id);
  expect((await api(`integrations/${id}`, "PATCH", { intendedState: "ENABLED" })).body.intendedState).toBe("ENABLED");
  const config = (await api(`integrations/${id}/config/current`)).body;
  expect(config).toMatchObject({ name: "purecloud-data-actions", version: 1 });
  const written = { name: "Orders", notes: "", properties: {}, advanced: {}, credentials: {} };
  expect((await api(`integrations/${id}/config/current`, "PUT", { ...written, version: 3 })).status).toBe(409);
  expect((await api(`integrations/${id}/config/current`, "PUT", { ...written, version: 1 })).body.version).toBe(2);
  expect((await api(`integrations/${id}`)).body).toMatchObject({ name: "Orders", intendedState: "ENABLED" });
  expect((await entities("integrations")).map((i) => i.name)).toEqual(["CRM", "Orders", "Web Services Data Actions"]);
  expect((await api(`integrations/${id}`, "DELETE")).status).toBe(200);
  expect((await api(`integrations/${id}`)).status).toBe(404);
});
