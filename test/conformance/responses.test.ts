// Every answer of a realistic sequence against the emulator (sign-in, publish jobs, flows with
// paging and filters, versions, configurations, exports, validate jobs, dependency tracking, every routing and
// org-object route, Architect's people API (locks, divisions), errors 400/404/409/410/429) validates against Genesys's published schema for its
// operation and status (testkit/genesysSpec.ts: ajv over the spec's definitions, objects
// closed so a field Genesys does not send is an error). What the emulator keeps different on
// purpose is in emulator/specDifferences.ts; anything else fails here.
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { SPEC_DIFFERENCES, differenceFor } from "../../emulator/specDifferences";
import { CONFORMANCE_ORG } from "../../testkit/conformanceOrg";
import { genesysSpec } from "../../testkit/genesysSpec";
import { publish } from "../../testkit/emulator";
import { commonModuleYaml, inboundCallYaml } from "../../testkit/archyFlows";

interface Exchange {
  method: string;
  path: string;
  status: number;
  body: unknown;
}


async function record(emu: RunningEmulator, log: Exchange[], method: string, path: string, body?: unknown): Promise<Exchange> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${emu.accessToken}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  const exchange = { method, path, status: res.status, body: text === "" ? undefined : (JSON.parse(text) as unknown) };
  log.push(exchange);
  return exchange;
}

const idOf = (x: Exchange): string => String((x.body as { id?: unknown }).id);

async function realisticSequence(emu: RunningEmulator): Promise<Exchange[]> {
  const log: Exchange[] = [];
  const r = (method: string, path: string, body?: unknown) => record(emu, log, method, path, body);
  await r("GET", "/api/v2/organizations/me");
  await r("GET", "/api/v2/authorization/products");
  // Publish jobs: create, poll (the job's own answers), a failing one.
  const created = await r("POST", "/api/v2/flows/jobs");
  await r("GET", `/api/v2/flows/jobs/${idOf(created)}?expand=messages`);
  const upload = (created.body as { presignedUrl: string }).presignedUrl;
  emu.setFaults({ jobCompletionDelayMs: 300 });
  await fetch(upload, { method: "PUT", body: commonModuleYaml("Lookup") });
  await r("GET", `/api/v2/flows/jobs/${idOf(created)}?expand=messages`);
  emu.setFaults({});
  await new Promise((resolve) => setTimeout(resolve, 400));
  await r("GET", `/api/v2/flows/jobs/${idOf(created)}?expand=messages`);
  await r("GET", `/api/v2/flows/jobs/${idOf(created)}`);
  const failed = await publish(emu, "inboundCall:\n  name: Broken\n");
  await r("GET", `/api/v2/flows/jobs/${failed.id}?expand=messages`);
  const sales = (await publish(emu, inboundCallYaml("Sales", "", "Lookup"))).flow!.id;
  const support = (await publish(emu, inboundCallYaml("Support"))).flow!.id;
  await publish(emu, inboundCallYaml("Support", "\n          - disconnect:\n              name: Early"));
  // Flows: paging, filters, one flow, versions, configurations.
  await r("GET", "/api/v2/flows");
  await r("GET", "/api/v2/flows?pageSize=1&pageNumber=2");
  await r("GET", "/api/v2/flows?type=inboundcall&name=Sales&includeSchemas=true&pageNumber=1&pageSize=500");
  await r("GET", `/api/v2/flows?id=${sales}&deleted=false`);
  await r("GET", "/api/v2/flows?type=commonmodule,inboundcall&sortBy=name&sortOrder=desc");
  await r("GET", `/api/v2/flows/${sales}?deleted=false`);
  const versions = await r("GET", `/api/v2/flows/${support}/versions`);
  const versionId = String((versions.body as { entities: Array<{ id: string }> }).entities[0].id);
  await r("GET", `/api/v2/flows/${support}/versions/${versionId}`);
  await r("GET", `/api/v2/flows/${support}/versions/${versionId}/configuration`);
  await r("GET", `/api/v2/flows/${support}/latestconfiguration`);
  // Architect's people API: a lock taken and released; divisions.
  await r("POST", `/api/v2/flows/actions/checkout?flow=${support}`);
  await r("POST", `/api/v2/flows/actions/checkout?flow=${support}`);
  await r("POST", `/api/v2/flows/actions/unlock?flow=${support}`);
  const home = await r("GET", "/api/v2/authorization/divisions/home");
  await r("GET", "/api/v2/authorization/divisions?pageSize=25&pageNumber=1");
  await r("GET", `/api/v2/authorization/divisions/${idOf(home)}`);
  // Export jobs.
  const exported = await r("POST", "/api/v2/flows/export/jobs", { flows: [{ flow: { id: support } }] });
  await r("GET", `/api/v2/flows/export/jobs/${idOf(exported)}?expand=messages`);
  // Architect's validate jobs: registered, running (202), ended (200), refused (400), unknown (404).
  emu.setFaults({ jobCompletionDelayMs: 300 });
  const validating = await r("POST", "/api/v2/flows/validate/jobs", { flows: [{ flow: { id: sales } }, { flow: { name: "Support", type: "INBOUNDCALL" } }] });
  await r("GET", `/api/v2/flows/validate/jobs/${idOf(validating)}?expand=messages`);
  emu.setFaults({});
  await new Promise((resolve) => setTimeout(resolve, 400));
  await r("GET", `/api/v2/flows/validate/jobs/${idOf(validating)}?expand=messages`);
  await r("GET", `/api/v2/flows/validate/jobs/${idOf(validating)}`);
  const invalid = await r("POST", "/api/v2/flows/validate/jobs", { flows: [{ flow: { id: "00000000-0000-4000-8000-000000000000" } }] });
  await r("GET", `/api/v2/flows/validate/jobs/${idOf(invalid)}?expand=messages`);
  await r("POST", "/api/v2/flows/validate/jobs", { flows: [] });
  await r("GET", "/api/v2/flows/validate/jobs/00000000-0000-4000-8000-000000000000");
  // Dependency tracking.
  await r("GET", "/api/v2/architect/dependencytracking/build");
  await r("POST", "/api/v2/architect/dependencytracking/build");
  await r("GET", "/api/v2/architect/dependencytracking/build");
  const module = (await r("GET", "/api/v2/flows?type=commonmodule")).body as { entities: Array<{ id: string }> };
  await r("GET", `/api/v2/architect/dependencytracking/consumingresources?id=${module.entities[0].id}&objectType=COMMONMODULEFLOW&pageSize=25&pageNumber=1`);
  await r("GET", `/api/v2/architect/dependencytracking/consumedresources?id=${sales}&version=${versionId}&objectType=INBOUNDCALLFLOW`);
  await r("GET", `/api/v2/architect/dependencytracking/object?id=${sales}&objectType=INBOUNDCALLFLOW`);
  emu.setFaults({ dependencyTrackingStatus: "BUILDINPROGRESS" });
  await r("GET", "/api/v2/architect/dependencytracking/build");
  await r("GET", `/api/v2/architect/dependencytracking/consumingresources?id=${module.entities[0].id}&objectType=COMMONMODULEFLOW`);
  emu.setFaults({});
  // Routing objects: create, read, list, update, delete.
  const open = await r("POST", "/api/v2/architect/schedules", { name: "Weekdays", start: "2026-01-05T08:00:00.000000", end: "2026-01-05T18:00:00.000000", rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" });
  const group = await r("POST", "/api/v2/architect/schedulegroups", { name: "Business hours", timeZone: "America/New_York", openSchedules: [{ id: idOf(open) }] });
  const pool = await r("POST", "/api/v2/telephony/providers/edges/didpools", { startPhoneNumber: "+13175550100", endPhoneNumber: "+13175550199" });
  const ivr = await r("POST", "/api/v2/architect/ivrs", { name: "Sales line", dnis: ["+13175550100"], openHoursFlow: { id: sales }, closedHoursFlow: { id: support }, scheduleGroup: { id: idOf(group) } });
  const storm = await r("POST", "/api/v2/architect/emergencygroups", { name: "Storm", enabled: false, emergencyCallFlows: [{ emergencyFlow: { id: support }, ivrs: [{ id: idOf(ivr) }] }] });
  for (const [path, x] of [["architect/schedules", open], ["architect/schedulegroups", group], ["telephony/providers/edges/didpools", pool], ["architect/ivrs", ivr], ["architect/emergencygroups", storm]] as const) {
    await r("GET", `/api/v2/${path}/${idOf(x)}`);
    await r("GET", `/api/v2/${path}?pageNumber=1&pageSize=100`);
  }
  await r("PUT", `/api/v2/architect/schedules/${idOf(open)}`, { ...(open.body as object), name: "Weekdays 2" });
  await r("PUT", `/api/v2/architect/ivrs/${idOf(ivr)}`, { name: "Sales line", version: 1, dnis: ["+13175550100", "+13175550101"], openHoursFlow: { id: support } });
  // Org objects: every collection, listed and read.
  for (const path of ["routing/queues", "routing/skills", "routing/languages", "routing/wrapupcodes", "architect/prompts", "integrations/actions", "outbound/contactlists", "flows/datatables", "users", "groups"]) {
    const listed = await r("GET", `/api/v2/${path}?pageSize=100&pageNumber=1`);
    const first = (listed.body as { entities: Array<{ id: string }> }).entities[0];
    await r("GET", `/api/v2/${path}/${first.id}`);
  }
  const action = (await r("GET", "/api/v2/integrations/actions?category=Web%20Services")).body as { entities: Array<{ id: string }> };
  await r("GET", `/api/v2/integrations/actions/${action.entities[0].id}?expand=contract`);
  // Errors: 400, 404, 409.
  await r("GET", "/api/v2/flows?pageSize=-3");
  await r("GET", "/api/v2/flows/00000000-0000-4000-8000-000000000000");
  await r("DELETE", `/api/v2/flows/${module.entities[0].id}`);
  await r("DELETE", `/api/v2/architect/ivrs/${idOf(ivr)}`);
  // Deleted routing objects: an IVR config and a DID pool keep their deleted state; a schedule is gone.
  await r("DELETE", `/api/v2/architect/emergencygroups/${idOf(storm)}`);
  await r("DELETE", `/api/v2/architect/ivrs/${idOf(ivr)}`);
  await r("GET", `/api/v2/architect/ivrs/${idOf(ivr)}`);
  await r("DELETE", `/api/v2/telephony/providers/edges/didpools/${idOf(pool)}`);
  await r("GET", `/api/v2/telephony/providers/edges/didpools/${idOf(pool)}`);
  await r("GET", "/api/v2/telephony/providers/edges/didpools");
  await r("DELETE", `/api/v2/architect/emergencygroups/${idOf(storm)}`);
  await r("GET", `/api/v2/architect/emergencygroups/${idOf(storm)}`);
  await r("DELETE", `/api/v2/flows/${sales}`);
  const obsolete = (await publish(emu, inboundCallYaml("Obsolete"))).flow!.id;
  await r("DELETE", `/api/v2/flows/${obsolete}`);
  await r("GET", `/api/v2/flows/${obsolete}`);
  return log;
}

async function rateLimited(): Promise<Exchange[]> {
  const emu = await startEmulator({ faults: { rateLimitShare: 1, retryAfterSeconds: 1 } });
  try {
    const log: Exchange[] = [];
    await record(emu, log, "GET", "/api/v2/flows");
    return log;
  } finally {
    await emu.stop();
  }
}

describe("the emulator's answers against Genesys's published spec", () => {
  let log: Exchange[];
  beforeAll(async () => {
    const emu = await startEmulator({ org: CONFORMANCE_ORG });
    try {
      log = [...(await realisticSequence(emu)), ...(await rateLimited())];
    } finally {
      await emu.stop();
    }
  }, 60_000);

  it("covers the statuses named by the issue", () => {
    process.stdout.write(`conformance: ${log.length} answers of ${new Set(log.map((x) => `${x.method} ${genesysSpec().operation(x.method, x.path.split("?")[0])?.template}`)).size} operations\n`);
    const statuses = new Set(log.map((x) => x.status));
    for (const s of [200, 202, 204, 206, 400, 404, 409, 410, 429]) expect(statuses).toContain(s);
    const jobStates = new Set(log.filter((x) => /^\/api\/v2\/flows\/jobs\/[^/?]+/.test(x.path)).map((x) => (x.body as { status?: string }).status));
    expect([...jobStates].sort()).toEqual(["Failure", "Registered", "Started", "Success"]);
    const validateStates = log.filter((x) => /^\/api\/v2\/flows\/validate\/jobs\/[^/?]+/.test(x.path) && x.status < 300).map((x) => `${x.status} ${(x.body as { status?: string }).status}`);
    expect([...new Set(validateStates)].sort()).toEqual(["200 Failure", "200 Success", "202 Started"]);
  });

  it("answers only with operations and statuses the spec documents", () => {
    const spec = genesysSpec();
    const problems = log.flatMap((x) => {
      const op = spec.operation(x.method, x.path.split("?")[0]);
      if (!op) return [`${x.method} ${x.path}: no such operation in the spec`];
      const found = spec.responseProblems(op, x.status, x.body);
      return found === undefined ? [`${x.method} ${op.template}: status ${x.status} is not one the spec documents (${spec.statuses(op).join(", ")})`] : [];
    });
    expect(problems).toEqual([]);
  });

  it("validates every answer against the spec's schema for its status, kept differences aside", () => {
    const spec = genesysSpec();
    const unexplained = log.flatMap((x) => {
      const op = spec.operation(x.method, x.path.split("?")[0]);
      return op ? (spec.responseProblems(op, x.status, x.body) ?? []).filter((p) => !differenceFor(p)) : [];
    });
    expect([...new Set(unexplained)].sort()).toEqual([]);
  });

  it("keeps no difference that no answer shows any more", () => {
    const spec = genesysSpec();
    const all = log.flatMap((x) => {
      const op = spec.operation(x.method, x.path.split("?")[0]);
      return op ? (spec.responseProblems(op, x.status, x.body) ?? []) : [];
    });
    const unused = SPEC_DIFFERENCES.filter((d) => d.kind === "response" && !all.some((p) => d.matches.test(p))).map((d) => d.matches.source);
    expect(unused).toEqual([]);
  });
});
