// The emulator's routes and the project's own requests against Genesys's published spec: every
// emulator route is a spec operation (paths outside the API are kept differences, in
// emulator/specDifferences.ts); the enumerations the emulator takes are the spec's; every request
// the project's org client (org/) makes is an operation with the spec's query parameters and
// values, and bodies valid by its request schemas; parameters the spec defines are honoured, and
// those it does not are not invented.
import { apiRouteTable } from "../../emulator/apiRoutes";
import { DEPENDENCY_TYPES } from "../../emulator/dependencyTracking";
import { API_FLOW_TYPES } from "../../emulator/flowTypes";
import type { RequestBody } from "../../emulator/apiTypes";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { differenceFor } from "../../emulator/specDifferences";
import { OrgApi } from "../../org/client";
import {
  exportFlow,
  findFlowsByName,
  listFlowsNamed,
  listFlowsOfType,
  readBuildStatus,
  readConsumers,
  readFlow,
  readFlows,
  readIvrs,
  readVersions,
} from "../../org/flows";
import { httpOver, type Http, type HttpRequest } from "../../org/http";
import { KIND_ENDPOINTS, readOrgObjects, type ReadKind } from "../../org/objects";
import { publishArchy } from "../../org/publishJob";
import { readDidPools, readOrgRouting } from "../../org/routing";
import { validateFlows } from "../../org/validateJobs";
import { CONFORMANCE_ORG } from "../../testkit/conformanceOrg";
import { genesysSpec } from "../../testkit/genesysSpec";
import { publish } from "../../testkit/emulator";
import { commonModuleYaml, inboundCallYaml } from "../../testkit/archyFlows";

describe("the emulator's routes", () => {
  it("are operations of the spec, method and path", () => {
    const spec = genesysSpec();
    const missing = apiRouteTable().flatMap((r) => {
      const path = `/api/v2/${r.pattern.map((s) => (s.startsWith(":") ? "x-id" : s)).join("/")}`;
      return r.methods.filter((m) => !spec.operation(m, path)).map((m) => `${m} ${path}`);
    });
    expect(missing).toEqual([]);
  });

  it("outside /api/v2 are each a kept difference", () => {
    for (const path of ["/oauth/token", "/uploads/x", "/downloads/x", "/__emulator/state"]) {
      expect(genesysSpec().operation("GET", path)).toBeUndefined();
      expect(differenceFor(path)?.kind).toBe("route");
    }
  });

  it("take every flow type GET /api/v2/flows documents, and every dependency tracking type", () => {
    const spec = genesysSpec();
    const param = (path: string, name: string) =>
      spec.operation("GET", path)!.spec.parameters!.find((p) => p.name === name)!;
    const flowTypes = param("/api/v2/flows", "type").items!.enum!.map((t) => t.toUpperCase());
    expect(flowTypes.filter((t) => !API_FLOW_TYPES.includes(t))).toEqual([]);
    expect([...DEPENDENCY_TYPES].sort()).toEqual(
      [...param("/api/v2/architect/dependencytracking/consumingresources", "objectType").enum!].sort(),
    );
  });
});

describe("requests against the emulator", () => {
  let emu: RunningEmulator;
  const sent: HttpRequest[] = [];
  const bodies: RequestBody[] = [];
  let api: OrgApi;
  let sales: string;
  let module: string;
  beforeAll(async () => {
    emu = await startEmulator({ org: CONFORMANCE_ORG, onRequestBody: (b) => bodies.push(b) });
    module = (await publish(emu, commonModuleYaml("Lookup"))).flow!.id;
    sales = (await publish(emu, inboundCallYaml("Sales", "", "Lookup"))).flow!.id;
    await publish(emu, inboundCallYaml("Support"));
    const recording: Http = (req) => {
      sent.push(req);
      return httpOver(fetch)(req);
    };
    api = new OrgApi(emu.url, emu.accessToken, { http: recording });
  }, 60_000);
  afterAll(async () => {
    await emu.stop();
  });

  it("the org client uses only the spec's operations, parameters and values", async () => {
    await readBuildStatus(api);
    await readFlow(api, sales, 0);
    await readConsumers(api, [module], { [module]: "1.0" });
    await findFlowsByName(api, "Sales", "INBOUNDCALL");
    await listFlowsOfType(api, "COMMONMODULE");
    await readFlows(api, [sales, module]);
    await readVersions(api, sales);
    await listFlowsNamed(api, "Support");
    await exportFlow(api, sales, undefined, { pollIntervalMs: 10 });
    await validateFlows(api, [sales, module], { pollIntervalMs: 10 });
    await readIvrs(api);
    await readOrgRouting(api);
    await readDidPools(api);
    await readOrgObjects(api, Object.keys(KIND_ENDPOINTS) as ReadKind[], new Set(["Web Services/Customer Lookup"]));
    expect((await publishArchy(api, inboundCallYaml("Published By The Client"), "a flow", { pollMs: 10 })).status).toBe(
      "Success",
    );
    const spec = genesysSpec();
    const problems = sent
      .filter((req) => req.url.startsWith(`${emu.url}/api/v2/`))
      .flatMap((req) => {
        const url = new URL(req.url);
        const op = spec.operation(req.method, url.pathname);
        return op
          ? spec.queryProblems(op, url.searchParams)
          : [`${req.method} ${url.pathname}: no such operation in the spec`];
      });
    expect(sent.length).toBeGreaterThan(20);
    expect([...new Set(problems)]).toEqual([]);
    // The bodies it sends (the export and validate jobs') against the spec's request schema.
    const bodyProblems = bodies.flatMap((b) => spec.requestProblems(spec.operation(b.method, b.path)!, b.body));
    expect(bodies.map((b) => `${b.method} ${b.path}`)).toEqual(
      expect.arrayContaining(["POST /api/v2/flows/export/jobs", "POST /api/v2/flows/validate/jobs"]),
    );
    expect(bodyProblems).toEqual([]);
  }, 60_000);

  async function entities(path: string): Promise<Array<Record<string, unknown>>> {
    const res = await fetch(`${emu.url}${path}`, { headers: { authorization: `Bearer ${emu.accessToken}` } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { entities: Array<Record<string, unknown>> }).entities;
  }

  it("honours the filters the spec defines", async () => {
    expect((await entities("/api/v2/routing/queues?name=Sales")).map((e) => e.name)).toEqual(["Sales"]);
    const [grace] = await entities("/api/v2/users");
    expect((await entities(`/api/v2/users?id=${String(grace.id)}`)).map((e) => e.id)).toEqual([grace.id]);
    expect((await entities("/api/v2/integrations/actions?category=Web%20Services")).map((e) => e.name)).toEqual([
      "Customer Lookup",
    ]);
    expect((await entities("/api/v2/integrations/actions?category=Other")).length).toBe(0);
    expect((await entities(`/api/v2/flows?id=${sales}`)).map((e) => e.name)).toEqual(["Sales"]);
    for (const type of ["emailsend", "speech", "voice"])
      expect(await entities(`/api/v2/flows?type=${type}`)).toEqual([]);
  });

  it("does not invent filters the spec does not define (?name= on users, ?category= on queues)", async () => {
    expect(
      genesysSpec().queryProblems(genesysSpec().operation("GET", "/api/v2/users")!, new URLSearchParams("name=Ada")),
    ).toHaveLength(1);
    expect((await entities("/api/v2/users?name=Ada%20Lovelace")).length).toBe(2);
    expect((await entities("/api/v2/routing/queues?category=Nothing")).length).toBe(2);
  });
});
