// The conformance tier's realistic sequence against the emulator, recorded: sign-in and who the
// token is, publish jobs in every state, flows with paging and filters, versions, configurations,
// Architect's people API (locks, drafts, check-in, revert, publish, rename), divisions, export jobs
// of one and of several flows (one downloaded), validate jobs, historical flow execution data
// (settings, log levels, simulated traffic found by every kind of query group, download jobs
// running, succeeding and failing, a download, counted), dependency tracking, every routing and org-object
// route (create, read, list, update, delete), the org objects a flow names written (their parts
// too: a queue's wrap-up codes, a prompt's resources, a data table's rows), errors 400/404/409/410/429. It reaches every route
// of the emulator's own table and every kind of operation it logs, sign-in and the presigned
// uploads and downloads included (responses.test.ts checks both); responses.test.ts validates each
// answer against the spec, providerReads.test.ts against what the official provider reads.
import { parse } from "yaml";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { simulateCalls } from "../../behaviour/simulatedCalls";
import { CONFORMANCE_ORG } from "../../testkit/conformanceOrg";
import type { RequestLogEntry } from "../../emulator/requestLog";
import { publish, signIn } from "../../testkit/emulator";
import { commonModuleYaml, greetingCallYaml, inboundCallYaml } from "../../testkit/archyFlows";

export interface Exchange {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

async function record(
  emu: RunningEmulator,
  log: Exchange[],
  method: string,
  path: string,
  body?: unknown,
): Promise<Exchange> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${emu.accessToken}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  // A data action's template is text; everything else JSON.
  const plain = res.headers.get("content-type")?.startsWith("text/plain") === true;
  const answer = text === "" ? undefined : plain ? text : (JSON.parse(text) as unknown);
  const exchange = { method, path, status: res.status, body: answer };
  log.push(exchange);
  return exchange;
}

const idOf = (x: Exchange): string => String((x.body as { id?: unknown }).id);

async function realisticSequence(emu: RunningEmulator): Promise<Exchange[]> {
  const log: Exchange[] = [];
  const r = (method: string, path: string, body?: unknown) => record(emu, log, method, path, body);
  // Sign-in on the login host (a client's credentials), then who the org and the token are.
  await signIn(emu, { clientId: emu.clientId, clientSecret: emu.clientSecret });
  await r("GET", "/api/v2/organizations/me");
  await r("GET", "/api/v2/tokens/me");
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
  // A flow created by name (a run's claim on a new name): read and listed with no versions, a second create refused, deleted.
  const claimed = await r("POST", "/api/v2/flows", {
    name: "Claimed",
    type: "INBOUNDCALL",
    description: "genesys-flows claim",
  });
  await r("POST", "/api/v2/flows", { name: "Claimed", type: "INBOUNDCALL" });
  await r("GET", "/api/v2/flows?name=Claimed&type=inboundcall");
  await r("GET", `/api/v2/flows/${idOf(claimed)}`);
  await r("DELETE", `/api/v2/flows/${idOf(claimed)}`);
  // Architect's people API: a lock taken and released; divisions.
  await r("POST", `/api/v2/flows/actions/checkout?flow=${support}`);
  await r("POST", `/api/v2/flows/actions/checkout?flow=${support}`);
  await r("POST", `/api/v2/flows/actions/unlock?flow=${support}`);
  // A draft saved, checked in and published; another reverted; a rename.
  await r("POST", `/api/v2/flows/actions/checkout?flow=${support}`);
  await r(
    "POST",
    `/api/v2/flows/${support}/versions`,
    parse(inboundCallYaml("Support", "\n          - disconnect:\n              name: Drafted")),
  );
  await r("POST", `/api/v2/flows/actions/checkin?flow=${support}`);
  await r("POST", `/api/v2/flows/actions/publish?flow=${support}`);
  await r("POST", `/api/v2/flows/actions/checkout?flow=${support}`);
  await r("POST", `/api/v2/flows/${support}/versions`, parse(inboundCallYaml("Support")));
  await r("POST", `/api/v2/flows/actions/revert?flow=${support}`);
  await r("PUT", `/api/v2/flows/${support}`, { name: "Support", description: "Support line" });
  await r("POST", `/api/v2/flows/actions/unlock?flow=${support}`);
  const home = await r("GET", "/api/v2/authorization/divisions/home");
  await r("GET", "/api/v2/authorization/divisions?pageSize=25&pageNumber=1");
  await r("GET", `/api/v2/authorization/divisions/${idOf(home)}`);
  const division = await r("POST", "/api/v2/authorization/divisions", {
    name: "Billing",
    description: "Billing flows",
  });
  await r("PUT", `/api/v2/authorization/divisions/${idOf(division)}`, {
    name: "Billing and refunds",
    description: "Billing flows",
  });
  await r("GET", `/api/v2/authorization/divisions/${idOf(division)}?objectCount=true`);
  await r("DELETE", `/api/v2/authorization/divisions/${idOf(division)}`);
  // Export jobs.
  const exported = await r("POST", "/api/v2/flows/export/jobs", { flows: [{ flow: { id: support } }] });
  const exportDone = await r("GET", `/api/v2/flows/export/jobs/${idOf(exported)}?expand=messages`);
  await (await fetch(String((exportDone.body as { downloadUrl?: string }).downloadUrl))).arrayBuffer();
  const several = await r("POST", "/api/v2/flows/export/jobs", {
    flows: [{ flow: { id: support } }, { flow: { name: "Lookup", type: "COMMONMODULE" }, fileName: "lookup" }],
  });
  await r("GET", `/api/v2/flows/export/jobs/${idOf(several)}?expand=messages`);
  // Architect's validate jobs: registered, running (202), ended (200), refused (400), unknown (404).
  emu.setFaults({ jobCompletionDelayMs: 300 });
  const validating = await r("POST", "/api/v2/flows/validate/jobs", {
    flows: [{ flow: { id: sales } }, { flow: { name: "Support", type: "INBOUNDCALL" } }],
  });
  await r("GET", `/api/v2/flows/validate/jobs/${idOf(validating)}?expand=messages`);
  emu.setFaults({});
  await new Promise((resolve) => setTimeout(resolve, 400));
  await r("GET", `/api/v2/flows/validate/jobs/${idOf(validating)}?expand=messages`);
  await r("GET", `/api/v2/flows/validate/jobs/${idOf(validating)}`);
  const invalid = await r("POST", "/api/v2/flows/validate/jobs", {
    flows: [{ flow: { id: "00000000-0000-4000-8000-000000000000" } }],
  });
  await r("GET", `/api/v2/flows/validate/jobs/${idOf(invalid)}?expand=messages`);
  await r("POST", "/api/v2/flows/validate/jobs", { flows: [] });
  await r("GET", "/api/v2/flows/validate/jobs/00000000-0000-4000-8000-000000000000");
  // Historical flow execution data: storage enabled, log levels, a flow published since run by simulated traffic, found, downloaded, counted.
  await r("GET", "/api/v2/flows/instances/settings/executiondata");
  await r("PATCH", "/api/v2/flows/instances/settings/executiondata", { enabled: true });
  await r("GET", "/api/v2/flows/instances/settings/loglevels/characteristics");
  await r("PUT", "/api/v2/flows/instances/settings/loglevels/default?expand=logLevelCharacteristics.characteristics", {
    logLevelCharacteristics: { level: "Notes" },
  });
  await r("GET", "/api/v2/flows/instances/settings/loglevels/default");
  await r("DELETE", "/api/v2/flows/instances/settings/loglevels/default");
  const traced = (await publish(emu, greetingCallYaml("Traced"))).flow!.id;
  const level = `/api/v2/flows/${traced}/instances/settings/loglevels`;
  await r("GET", level);
  await r("POST", level, { logLevelCharacteristics: { level: "All" } });
  await r("PUT", `${level}?expand=name`, { logLevelCharacteristics: { level: "Notes" } });
  await r("GET", level);
  await r("GET", "/api/v2/flows/instances/settings/loglevels?pageSize=25&pageNumber=1");
  const since = new Date(Date.now() - 3_600_000).toISOString();
  await fetch(`${emu.url}/__emulator/traffic`, {
    method: "POST",
    headers: { authorization: `Bearer ${emu.accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({ seed: 5, interactions: 12, flows: ["Traced"], start: since }),
  });
  await r("DELETE", level);
  await r("GET", "/api/v2/flows/instances/querycapabilities");
  const executions = (
    await r("POST", "/api/v2/flows/instances/query?pageSize=200", {
      query: [
        {
          and: [
            { key: "FlowId", operator: "eq", value: traced },
            { key: "FlowStartDateTime", operator: "gte", value: since },
          ],
        },
      ],
    })
  ).body as { entities: Array<{ id: string }> };
  await r("POST", "/api/v2/flows/instances/query", {
    query: [
      { criteria: { key: "FlowId", operator: "eq", value: traced } },
      { or: [{ key: "FlowType", operator: "eq", value: "inboundcall" }] },
      { not: [{ key: "FlowErrorReason", operator: "not_null" }] },
    ],
  });
  // Download jobs: registered, running, succeeded (one id unknown: its entity failed), a download; one execution's job by its id; a job that fails.
  const dataJob = await r("POST", "/api/v2/flows/instances/jobs", {
    ids: [executions.entities[0].id, "00000000-0000-4000-8000-000000000000"],
  });
  await r("GET", `/api/v2/flows/instances/jobs/${idOf(dataJob)}`);
  const dataDone = await r("GET", `/api/v2/flows/instances/jobs/${idOf(dataJob)}`);
  await (
    await fetch(String((dataDone.body as { entities: Array<{ downloadUri: string }> }).entities[0].downloadUri))
  ).json();
  const oneJob = await r("GET", `/api/v2/flows/instances/${executions.entities[1].id}`);
  await r("GET", `/api/v2/flows/instances/jobs/${idOf(oneJob)}`);
  await r("GET", `/api/v2/flows/instances/jobs/${idOf(oneJob)}`);
  emu.setFaults({ executionDataJobsFail: true });
  const failing = await r("GET", "/api/v2/flows/instances/00000000-0000-4000-8000-000000000000");
  await r("GET", `/api/v2/flows/instances/jobs/${idOf(failing)}`);
  await r("GET", `/api/v2/flows/instances/jobs/${idOf(failing)}`);
  emu.setFaults({});
  await r("POST", "/api/v2/analytics/flowexecutions/aggregates/query", {
    interval: `${since}/${new Date().toISOString()}`,
    metrics: ["nFlowExecutions"],
    groupBy: ["flowId", "flowVersion"],
  });
  // Dependency tracking.
  await r("GET", "/api/v2/architect/dependencytracking/build");
  await r("POST", "/api/v2/architect/dependencytracking/build");
  await r("GET", "/api/v2/architect/dependencytracking/build");
  const module = (await r("GET", "/api/v2/flows?type=commonmodule")).body as { entities: Array<{ id: string }> };
  await r(
    "GET",
    `/api/v2/architect/dependencytracking/consumingresources?id=${module.entities[0].id}&objectType=COMMONMODULEFLOW&pageSize=25&pageNumber=1`,
  );
  const salesVersion = (await r("GET", `/api/v2/flows/${sales}`)).body as { publishedVersion: { id: string } };
  await r(
    "GET",
    `/api/v2/architect/dependencytracking/consumedresources?id=${sales}&version=${salesVersion.publishedVersion.id}&objectType=INBOUNDCALLFLOW`,
  );
  await r("GET", `/api/v2/architect/dependencytracking/object?id=${sales}&objectType=INBOUNDCALLFLOW`);
  emu.setFaults({ dependencyTrackingStatus: "BUILDINPROGRESS" });
  await r("GET", "/api/v2/architect/dependencytracking/build");
  await r(
    "GET",
    `/api/v2/architect/dependencytracking/consumingresources?id=${module.entities[0].id}&objectType=COMMONMODULEFLOW`,
  );
  emu.setFaults({});
  // Routing objects: create, read, list, update, delete.
  const open = await r("POST", "/api/v2/architect/schedules", {
    name: "Weekdays",
    start: "2026-01-05T08:00:00.000000",
    end: "2026-01-05T18:00:00.000000",
    rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
  });
  const group = await r("POST", "/api/v2/architect/schedulegroups", {
    name: "Business hours",
    timeZone: "America/New_York",
    openSchedules: [{ id: idOf(open) }],
  });
  const pool = await r("POST", "/api/v2/telephony/providers/edges/didpools", {
    startPhoneNumber: "+13175550100",
    endPhoneNumber: "+13175550199",
  });
  const ivr = await r("POST", "/api/v2/architect/ivrs", {
    name: "Sales line",
    dnis: ["+13175550100"],
    openHoursFlow: { id: sales },
    closedHoursFlow: { id: support },
    scheduleGroup: { id: idOf(group) },
  });
  const storm = await r("POST", "/api/v2/architect/emergencygroups", {
    name: "Storm",
    enabled: false,
    emergencyCallFlows: [{ emergencyFlow: { id: support }, ivrs: [{ id: idOf(ivr) }] }],
  });
  for (const [path, x] of [
    ["architect/schedules", open],
    ["architect/schedulegroups", group],
    ["telephony/providers/edges/didpools", pool],
    ["architect/ivrs", ivr],
    ["architect/emergencygroups", storm],
  ] as const) {
    await r("GET", `/api/v2/${path}/${idOf(x)}`);
    await r("GET", `/api/v2/${path}?pageNumber=1&pageSize=100`);
  }
  await r("PUT", `/api/v2/architect/schedules/${idOf(open)}`, { ...(open.body as object), name: "Weekdays 2" });
  await r("PUT", `/api/v2/architect/ivrs/${idOf(ivr)}`, {
    name: "Sales line",
    version: 1,
    dnis: ["+13175550100", "+13175550101"],
    openHoursFlow: { id: support },
  });
  await r("PUT", `/api/v2/architect/schedulegroups/${idOf(group)}`, {
    ...(group.body as object),
    name: "Office hours",
  });
  await r("PUT", `/api/v2/architect/emergencygroups/${idOf(storm)}`, { ...(storm.body as object), enabled: true });
  await r("PUT", `/api/v2/telephony/providers/edges/didpools/${idOf(pool)}`, {
    ...(pool.body as object),
    endPhoneNumber: "+13175550149",
  });
  // The org file's routing objects and divisions, each read by id; objects with nothing optional (an
  // IVR config without numbers, an emergency group without call flows, as the provider sends them);
  // a list that finds nothing.
  for (const path of [
    "architect/schedules",
    "architect/schedulegroups",
    "architect/emergencygroups",
    "authorization/divisions",
  ]) {
    const listed = (await r("GET", `/api/v2/${path}?pageSize=100&pageNumber=1`)).body as {
      entities: Array<{ id: string }>;
    };
    for (const e of listed.entities) await r("GET", `/api/v2/${path}/${e.id}`);
  }
  const spare = await r("POST", "/api/v2/architect/ivrs", { name: "Spare line" });
  await r("GET", `/api/v2/architect/ivrs/${idOf(spare)}`);
  const quiet = await r("POST", "/api/v2/architect/emergencygroups", {
    name: "Quiet",
    enabled: false,
    emergencyCallFlows: null,
  });
  await r("GET", `/api/v2/architect/emergencygroups/${idOf(quiet)}`);
  await r("GET", "/api/v2/architect/ivrs?name=Nobody");
  // Org objects: every collection, listed and read.
  for (const path of [
    "routing/queues",
    "routing/skills",
    "routing/languages",
    "routing/wrapupcodes",
    "architect/prompts",
    "integrations/actions",
    "outbound/contactlists",
    "flows/datatables",
    "users",
    "groups",
  ]) {
    const listed = await r("GET", `/api/v2/${path}?pageSize=100&pageNumber=1`);
    const first = (listed.body as { entities: Array<{ id: string }> }).entities[0];
    await r("GET", `/api/v2/${path}/${first.id}`);
  }
  // The org objects a flow names, written: created, read, updated, their parts, refused, deleted.
  const table = {
    name: "Opening hours",
    schema: {
      $schema: "http://json-schema.org/draft-04/schema#",
      type: "object",
      required: ["key"],
      additionalProperties: false,
      properties: { key: { type: "string", displayOrder: 0 }, open: { type: "boolean", displayOrder: 1 } },
    },
  };
  const written = {
    skill: await r("POST", "/api/v2/routing/skills", { name: "Portuguese" }),
    language: await r("POST", "/api/v2/routing/languages", { name: "Dutch" }),
    code: await r("POST", "/api/v2/routing/wrapupcodes", {
      name: "Escalated",
      description: "Handed to the second line",
    }),
    queue: await r("POST", "/api/v2/routing/queues", {
      name: "Billing",
      description: "Invoices",
      skillEvaluationMethod: "BEST",
      acwSettings: { wrapupPrompt: "OPTIONAL", timeoutMs: 30000 },
    }),
    prompt: await r("POST", "/api/v2/architect/prompts", { name: "Closed_prompt", description: "After hours" }),
    table: await r("POST", "/api/v2/flows/datatables", table),
    group: await r("POST", "/api/v2/groups", {
      name: "Team leads",
      type: "official",
      visibility: "public",
      rulesVisible: true,
      ownerIds: [],
    }),
  };
  const ada = ((await r("GET", "/api/v2/users?pageSize=1")).body as { entities: Array<{ id: string }> }).entities[0].id;
  // A user: created (in the home division), changed, searched, its policy and utilization read, deleted (kept in state deleted), taken by e-mail.
  const lin = await r("POST", "/api/v2/users", {
    name: "Lin Chen",
    email: "lin@example.com",
    state: "active",
    title: "Agent",
    department: "",
    addresses: [],
  });
  await r("PATCH", `/api/v2/users/${idOf(lin)}`, {
    version: 1,
    title: "Senior agent",
    manager: ada,
    acdAutoAnswer: true,
    email: "lin@example.com",
  });
  await r("PATCH", `/api/v2/users/${idOf(lin)}`, { version: 1, title: "Stale" });
  await r("POST", "/api/v2/users/search", {
    pageSize: 25,
    query: [{ type: "EXACT", fields: ["email"], value: "lin@example.com" }],
  });
  await r("POST", "/api/v2/users/search", { query: [{ type: "REGEX", fields: ["email"], value: ".*" }] });
  await r("GET", `/api/v2/voicemail/userpolicies/${idOf(lin)}`);
  await r("PATCH", `/api/v2/voicemail/userpolicies/${idOf(lin)}`, {
    alertTimeoutSeconds: 20,
    sendEmailNotifications: true,
  });
  await r("GET", `/api/v2/routing/users/${idOf(lin)}/utilization`);
  await r("GET", `/api/v2/users/${idOf(lin)}?expand=skills,languages`);
  await r("DELETE", `/api/v2/users/${idOf(lin)}`);
  await r("GET", `/api/v2/users/${idOf(lin)}?state=deleted`);
  await r("POST", "/api/v2/users", { name: "Lin Chen again", email: "LIN@example.com" });
  await r("PUT", `/api/v2/groups/${idOf(written.group)}`, {
    name: "Team leads",
    description: "Leads of every team",
    visibility: "members",
    rulesVisible: true,
    version: 1,
    ownerIds: [ada],
  });
  await r("PUT", `/api/v2/groups/${idOf(written.group)}`, { name: "Team leads", version: 1 });
  await r("POST", `/api/v2/groups/${idOf(written.group)}/members`, { memberIds: [ada], version: 2 });
  await r("GET", `/api/v2/groups/${idOf(written.group)}/individuals`);
  await r("POST", "/api/v2/groups/search", { query: [{ type: "EXACT", fields: ["name"], value: "Team leads" }] });
  await r("DELETE", `/api/v2/groups/${idOf(written.group)}/members?ids=${ada}`);
  await r("PATCH", `/api/v2/voicemail/groups/${idOf(written.group)}/policy`, {
    enabled: true,
    sendEmailNotifications: true,
  });
  await r("GET", `/api/v2/voicemail/groups/${idOf(written.group)}/policy`);
  await r("POST", "/api/v2/routing/skills", { name: "portuguese" });
  await r("POST", "/api/v2/flows/datatables", {
    name: "No key",
    schema: { type: "object", properties: { date: { type: "string" } } },
  });
  await r("PUT", `/api/v2/routing/wrapupcodes/${idOf(written.code)}`, {
    name: "Escalated",
    description: "Second line",
  });
  await r("PUT", `/api/v2/routing/queues/${idOf(written.queue)}`, {
    name: "Billing",
    description: "Invoices and refunds",
  });
  await r("PUT", `/api/v2/architect/prompts/${idOf(written.prompt)}`, {
    name: "Closed_prompt",
    description: "After hours and holidays",
  });
  await r("PUT", `/api/v2/flows/datatables/${idOf(written.table)}`, { ...table, description: "When each store opens" });
  await r("POST", `/api/v2/routing/queues/${idOf(written.queue)}/wrapupcodes`, [{ id: idOf(written.code) }]);
  await r("GET", `/api/v2/routing/queues/${idOf(written.queue)}/wrapupcodes`);
  await r("POST", `/api/v2/routing/queues/${idOf(written.queue)}/members`, [{ id: ada }]);
  await r("GET", `/api/v2/routing/queues/${idOf(written.queue)}/members?memberBy=user`);
  await r("POST", "/api/v2/analytics/queues/observations/query", {
    filter: { type: "or", predicates: [{ type: "dimension", dimension: "queueId", value: idOf(written.queue) }] },
    metrics: ["oWaiting"],
  });
  await r("POST", `/api/v2/routing/queues/${idOf(written.queue)}/members?delete=true`, [{ id: ada }]);
  await r("DELETE", `/api/v2/routing/queues/${idOf(written.queue)}/wrapupcodes/${idOf(written.code)}`);
  await r("POST", `/api/v2/architect/prompts/${idOf(written.prompt)}/resources`, {
    language: "en-us",
    ttsString: "We are closed.",
    text: "We are closed.",
  });
  await r("PUT", `/api/v2/architect/prompts/${idOf(written.prompt)}/resources/en-us`, {
    ttsString: "We are closed now.",
    text: "We are closed now.",
  });
  await r("GET", `/api/v2/architect/prompts/${idOf(written.prompt)}/resources/en-us`);
  await r("GET", `/api/v2/architect/prompts/${idOf(written.prompt)}/resources`);
  await r("GET", `/api/v2/architect/prompts/${idOf(written.prompt)}?includeResources=true`);
  await r("DELETE", `/api/v2/architect/prompts/${idOf(written.prompt)}/resources/en-us`);
  await r("POST", `/api/v2/flows/datatables/${idOf(written.table)}/rows`, { key: "Main street", open: true });
  await r("POST", `/api/v2/flows/datatables/${idOf(written.table)}/rows`, { key: "Harbour", closes: "17:00" });
  await r("PUT", `/api/v2/flows/datatables/${idOf(written.table)}/rows/Main%20street`, {
    key: "Main street",
    open: false,
  });
  await r("GET", `/api/v2/flows/datatables/${idOf(written.table)}/rows/Main%20street?showbrief=false`);
  await r("GET", `/api/v2/flows/datatables/${idOf(written.table)}/rows?showbrief=false`);
  await r("GET", `/api/v2/flows/datatables/${idOf(written.table)}?expand=schema`);
  await r("DELETE", `/api/v2/flows/datatables/${idOf(written.table)}/rows/Main%20street`);
  for (const [path, x] of [
    ["routing/skills", written.skill],
    ["routing/languages", written.language],
    ["routing/queues", written.queue],
    ["routing/wrapupcodes", written.code],
    ["architect/prompts", written.prompt],
    ["flows/datatables", written.table],
    ["groups", written.group],
  ] as const) {
    await r("GET", `/api/v2/${path}/${idOf(x)}`);
    await r("DELETE", `/api/v2/${path}/${idOf(x)}`);
    await r("GET", `/api/v2/${path}/${idOf(x)}`);
  }
  const action = (await r("GET", "/api/v2/integrations/actions?category=Web%20Services")).body as {
    entities: Array<{ id: string }>;
  };
  await r("GET", `/api/v2/integrations/actions/${action.entities[0].id}?expand=contract`);
  // A data action written into the org's integration (read, never written), its templates, its update and delete.
  const integrations = (await r("GET", "/api/v2/integrations")).body as { entities: Array<{ id: string }> };
  await r("GET", `/api/v2/integrations/${integrations.entities[0].id}`);
  const writtenAction = await r("POST", "/api/v2/integrations/actions", {
    name: "Get order",
    category: "Web Services",
    integrationId: integrations.entities[0].id,
    contract: { input: { inputSchema: { type: "object" } }, output: { successSchema: { type: "object" } } },
    config: { request: { requestType: "GET", requestUrlTemplate: "/orders" } },
  });
  const writtenId = idOf(writtenAction);
  await r("GET", `/api/v2/integrations/actions/${writtenId}/templates/requesttemplate.vm`);
  await r("PATCH", `/api/v2/integrations/actions/${writtenId}`, { name: "Get orders", version: 1 });
  await r("DELETE", `/api/v2/integrations/actions/${writtenId}`);
  // An integration written as the provider writes one: by its type, enabled, its configuration named.
  const integration = idOf(
    await r("POST", "/api/v2/integrations", { integrationType: { id: "purecloud-data-actions" } }),
  );
  await r("PATCH", `/api/v2/integrations/${integration}`, { intendedState: "ENABLED" });
  const current = (await r("GET", `/api/v2/integrations/${integration}/config/current`)).body as { version: number };
  await r("PUT", `/api/v2/integrations/${integration}/config/current`, {
    name: "Orders",
    notes: "",
    properties: {},
    advanced: {},
    credentials: {},
    version: current.version,
  });
  await r("DELETE", `/api/v2/integrations/${integration}`);
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
  await r("DELETE", `/api/v2/architect/schedulegroups/${idOf(group)}`);
  await r("DELETE", `/api/v2/architect/schedules/${idOf(open)}`);
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

/**
 * The whole sequence's answers, each emulator started and stopped here; `requests` is given every
 * request the main emulator logged (sign-in, the presigned uploads and downloads included).
 */
export async function recordConformanceSequence(requests: RequestLogEntry[] = []): Promise<Exchange[]> {
  const emu = await startEmulator({ org: CONFORMANCE_ORG, simulator: simulateCalls });
  try {
    const log = await realisticSequence(emu);
    requests.push(...emu.requestLog.list());
    return [...log, ...(await rateLimited())];
  } finally {
    await emu.stop();
  }
}
