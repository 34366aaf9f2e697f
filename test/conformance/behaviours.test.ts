// What the spec allows that takes more than one answer to see, observed against the emulator: a
// routing object after its DELETE (a deleted state, the spec's `state` enum, or 404), an export job
// of the spec's Architect format and of more than one flow (downloaded as one zip, as the spec's
// ArchitectExportJobStateResponse.downloadUrl describes), the configuration routes' body, a search
// of users and of groups by each criterion type. Each is
// either as the spec has it, or a kept difference of kind `behaviour` in emulator/specDifferences.ts
// with its reason; a difference no probe shows any more fails too.
import { unzipSync, strFromU8 } from "fflate";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { ROUTING_COLLECTIONS, ROUTING_KINDS } from "../../emulator/routingStore";
import { SPEC_DIFFERENCES, differenceFor } from "../../emulator/specDifferences";
import { genesysSpec } from "../../testkit/genesysSpec";
import { publish } from "../../testkit/emulator";
import { inboundCallYaml } from "../../testkit/archyFlows";

interface Seen {
  key: string;
  /** As the spec has it. */
  conforms: boolean;
  /** A request the spec allows, refused (4xx). */
  refused?: boolean;
  detail: string;
}

let emu: RunningEmulator;
const seen: Seen[] = [];

async function send(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${emu.accessToken}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

/** A valid body of each routing kind's create (as requestBodies.test.ts makes them). */
const CREATE: Readonly<Record<string, Record<string, unknown>>> = {
  schedule: {
    name: "Weekdays",
    start: "2026-01-05T08:00:00.000000",
    end: "2026-01-05T18:00:00.000000",
    rrule: "FREQ=WEEKLY;BYDAY=MO",
  },
  scheduleGroup: { name: "Office" },
  ivr: { name: "Line", dnis: [] },
  emergencyGroup: { name: "Storm", enabled: false, emergencyCallFlows: [] },
  didPool: { startPhoneNumber: "+13175550100", endPhoneNumber: "+13175550199" },
};

beforeAll(async () => {
  emu = await startEmulator({});
  const spec = genesysSpec();
  // A routing object after its DELETE: the spec's state enum has "deleted".
  for (const kind of ROUTING_KINDS) {
    const path = `/api/v2/${ROUTING_COLLECTIONS[kind].path}`;
    const created = await send("POST", path, CREATE[kind]);
    expect({ kind, status: created.status }).toEqual({ kind, status: 200 });
    const id = String(created.json.id);
    expect((await send("DELETE", `${path}/${id}`)).status).toBe(200);
    const after = await send("GET", `${path}/${id}`);
    const op = spec.operation("GET", `${path}/${id}`)!;
    const definition = (op.spec.responses["200"].schema as { $ref: string }).$ref.replace("#/definitions/", "");
    const states = (spec.swagger.definitions[definition] as { properties: { state: { enum: string[] } } }).properties
      .state.enum;
    expect(states).toContain("deleted");
    seen.push({
      key: `GET ${op.template} after DELETE`,
      conforms: after.status === 200 && after.json.state === "deleted",
      detail: `${after.status} ${String(after.json.state ?? "")}`,
    });
  }
  // Export jobs: the spec's Architect format, and two flows, which download as one zip of both.
  const flow = (await publish(emu, inboundCallYaml("Sales"))).flow!.id;
  await publish(emu, inboundCallYaml("Support"));
  expect(spec.swagger.definitions.ExportDetails).toMatchObject({
    properties: { exportType: { enum: ["Architect", "Yaml"] } },
  });
  expect(spec.swagger.definitions.ArchitectExportJobStateResponse).toMatchObject({
    properties: { downloadUrl: { description: expect.stringContaining("zipped folder containing all flows") } },
  });
  const architect = await send("POST", "/api/v2/flows/export/jobs", {
    flows: [{ flow: { id: flow }, exportType: "Architect" }],
  });
  seen.push({
    key: "POST /api/v2/flows/export/jobs exportType Architect",
    conforms: architect.status === 200,
    refused: architect.status >= 400,
    detail: `${architect.status} ${String(architect.json.message ?? "")}`,
  });
  const two = await send("POST", "/api/v2/flows/export/jobs", {
    flows: [{ flow: { id: flow } }, { flow: { name: "Support", type: "INBOUNDCALL" }, fileName: "support_line" }],
  });
  const state = two.status === 200 ? await send("GET", `/api/v2/flows/export/jobs/${String(two.json.id)}`) : undefined;
  const download = typeof state?.json.downloadUrl === "string" ? await fetch(state.json.downloadUrl) : undefined;
  const files =
    download?.headers.get("content-type") === "application/zip"
      ? unzipSync(new Uint8Array(await download.arrayBuffer()))
      : {};
  const texts = Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
  const expected = { "Sales.yaml": inboundCallYaml("Sales"), "support_line.yaml": inboundCallYaml("Support") };
  seen.push({
    key: "POST /api/v2/flows/export/jobs two flows",
    conforms: two.json.totalFlows === 2 && JSON.stringify(texts) === JSON.stringify(expected),
    refused: two.status >= 400,
    detail: `${two.status} ${String(two.json.code ?? "")} ${state?.json.status ?? ""} ${Object.keys(texts).join(", ")}`,
  });
  // A search of users and of groups by every criterion type the spec's UserSearchCriteria and GroupSearchCriteria have.
  for (const [what, definition] of [
    ["users", "UserSearchCriteria"],
    ["groups", "GroupSearchCriteria"],
  ]) {
    for (const type of (spec.swagger.definitions[definition] as { properties: { type: { enum: string[] } } }).properties
      .type.enum) {
      const found = await send("POST", `/api/v2/${what}/search`, { query: [{ type, fields: ["name"], value: "Ada" }] });
      seen.push({
        key: `POST /api/v2/${what}/search type ${type}`,
        conforms: found.status === 200,
        refused: found.status >= 400,
        detail: `${found.status} ${String(found.json.message ?? "")}`,
      });
    }
  }
  // The configuration routes: the spec types the body as a free-form object; Genesys's is Architect's JSON.
  for (const path of [
    `/api/v2/flows/${flow}/latestconfiguration`,
    `/api/v2/flows/${flow}/versions/1.0/configuration`,
  ]) {
    const op = spec.operation("GET", path)!;
    expect(op.spec.responses["200"].schema).toEqual({ type: "object" });
    const answer = await send("GET", path);
    seen.push({
      key: `GET ${op.template} body`,
      conforms: answer.json.format !== "archy-yaml",
      detail: `format ${String(answer.json.format)}`,
    });
  }
}, 60_000);

afterAll(async () => {
  await emu?.stop();
});

it("each behaviour is as the spec has it or a kept difference with its reason", () => {
  const unexplained = seen
    .filter((x) => !x.conforms && differenceFor(x.key)?.kind !== "behaviour")
    .map((x) => `${x.key}: ${x.detail}`);
  expect(unexplained).toEqual([]);
  // What conforms is not listed as a difference.
  expect(seen.filter((x) => x.conforms && differenceFor(x.key) !== undefined).map((x) => x.key)).toEqual([]);
  // An IVR config and a DID pool keep their deleted state; two flows export as one zip.
  expect(
    seen
      .filter((x) => x.conforms)
      .map((x) => x.key)
      .sort(),
  ).toEqual([
    "GET /api/v2/architect/ivrs/{ivrId} after DELETE",
    "GET /api/v2/telephony/providers/edges/didpools/{didPoolId} after DELETE",
    "POST /api/v2/flows/export/jobs two flows",
    "POST /api/v2/groups/search type CONTAINS",
    "POST /api/v2/groups/search type EXACT",
    "POST /api/v2/groups/search type STARTS_WITH",
    "POST /api/v2/users/search type CONTAINS",
    "POST /api/v2/users/search type EXACT",
    "POST /api/v2/users/search type STARTS_WITH",
  ]);
});

it("refuses no request the spec allows but one of the Architect export format, which Genesys does not document, and a user search of a kind it does not model", () => {
  expect(
    seen.filter((x) => x.refused && !/^POST \/api\/v2\/(users|groups)\/search type /.test(x.key)).map((x) => x.key),
  ).toEqual(["POST /api/v2/flows/export/jobs exportType Architect"]);
});

it("keeps no behaviour difference no probe shows any more", () => {
  const unused = SPEC_DIFFERENCES.filter(
    (d) => d.kind === "behaviour" && !seen.some((x) => !x.conforms && d.matches.test(x.key)),
  ).map((d) => d.matches.source);
  expect(unused).toEqual([]);
});
