// Request bodies against Genesys's published spec, both ways: the emulator refuses with 400 the
// bodies the spec says are invalid on every write route it serves (a required field missing, a
// field of another JSON type, a value outside an enum; derived here from the spec's request
// schemas, not by hand), naming
// the field, and accepts a valid one. What it accepts on purpose is a kept difference
// (emulator/specDifferences.ts, kind `request`). The bodies the project's org client sends are
// checked against the same schemas in requests.test.ts; the official provider's in test/provider.
import { apiRouteTable } from "../../emulator/apiRoutes";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { SPEC_DIFFERENCES, differenceFor } from "../../emulator/specDifferences";
import { genesysSpec, type Operation } from "../../testkit/genesysSpec";
import { publish } from "../../testkit/emulator";
import { inboundCallYaml } from "../../testkit/archyFlows";

/** A value of another JSON type than the spec's. */
const WRONG: Readonly<Record<string, unknown>> = {
  string: 42,
  integer: "seven",
  number: "seven",
  boolean: "yes",
  array: { not: "a list" },
  object: "not an object",
};

interface Write {
  op: Operation;
  path: string;
  /** A valid body, the base every invalid one is made from. */
  body: Record<string, unknown>;
}

let emu: RunningEmulator;

async function send(
  method: string,
  path: string,
  body: unknown,
): Promise<{ status: number; message: string; json: Record<string, unknown> }> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${emu.accessToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const json = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  return { status: res.status, message: String(json.message ?? ""), json };
}

describe("request bodies the spec calls invalid", () => {
  const writes: Write[] = [];
  let counter = 0;
  /** Names must differ between bodies: a taken name is refused for another reason. */
  const fresh = (body: Record<string, unknown>): Record<string, unknown> => {
    const n = ++counter;
    // A user's e-mail is what no two share.
    return {
      ...body,
      ...(typeof body.name === "string" ? { name: `${body.name} ${n}` } : {}),
      ...(typeof body.email === "string" ? { email: `${n}.${body.email}` } : {}),
    };
  };

  beforeAll(async () => {
    // A user, for a group's members; an integration, for a data action.
    emu = await startEmulator({ org: { users: ["Ada Lovelace"], integrations: ["Web Services"] } });
    const integrationId = (await send("GET", "/api/v2/integrations", undefined)).json.entities as Array<{ id: string }>;
    const ada = String(
      (
        (await (
          await fetch(`${emu.url}/api/v2/users`, { headers: { authorization: `Bearer ${emu.accessToken}` } })
        ).json()) as { entities: Array<{ id: string }> }
      ).entities[0].id,
    );
    const flow = (await publish(emu, inboundCallYaml("Sales"))).flow!.id;
    const valid: Array<[string, string, Record<string, unknown>]> = [
      [
        "POST",
        "/api/v2/architect/schedules",
        {
          name: "Weekdays",
          start: "2026-01-05T08:00:00.000000",
          end: "2026-01-05T18:00:00.000000",
          rrule: "FREQ=WEEKLY;BYDAY=MO",
        },
      ],
      ["POST", "/api/v2/architect/schedulegroups", { name: "Office", timeZone: "America/New_York" }],
      ["POST", "/api/v2/architect/ivrs", { name: "Line", dnis: [] }],
      ["POST", "/api/v2/architect/emergencygroups", { name: "Storm", enabled: false, emergencyCallFlows: [] }],
      [
        "POST",
        "/api/v2/telephony/providers/edges/didpools",
        { startPhoneNumber: "+13175550100", endPhoneNumber: "+13175550199" },
      ],
      ["POST", "/api/v2/authorization/divisions", { name: "Europe", description: "" }],
      ["POST", "/api/v2/routing/queues", { name: "Support", description: "First line", skillEvaluationMethod: "BEST" }],
      ["POST", "/api/v2/routing/skills", { name: "Billing" }],
      ["POST", "/api/v2/routing/languages", { name: "French" }],
      ["POST", "/api/v2/routing/wrapupcodes", { name: "Resolved", description: "Solved" }],
      ["POST", "/api/v2/architect/prompts", { name: "Welcome", description: "Greeting" }],
      [
        "POST",
        "/api/v2/flows/datatables",
        {
          name: "Stores",
          schema: { type: "object", properties: { key: { type: "string" }, open: { type: "boolean" } } },
        },
      ],
      [
        "POST",
        "/api/v2/integrations/actions",
        {
          name: "Lookup",
          category: "CRM",
          integrationId: integrationId[0].id,
          contract: { input: { inputSchema: { type: "object" } }, output: { successSchema: { type: "object" } } },
          config: { request: { requestType: "GET", requestUrlTemplate: "/x" } },
        },
      ],
      ["POST", "/api/v2/groups", { name: "Agents", type: "official", visibility: "public", rulesVisible: true }],
      ["POST", "/api/v2/users", { name: "Lin Chen", email: "lin@example.com", title: "Agent" }],
      [
        "POST",
        "/api/v2/users/search",
        { pageSize: 25, query: [{ type: "EXACT", fields: ["email"], value: "lin@example.com" }] },
      ],
      [
        "POST",
        "/api/v2/groups/search",
        { pageSize: 25, query: [{ type: "EXACT", fields: ["name"], value: "Agents" }] },
      ],
    ];
    // An integration by its type, as the provider creates one (its PATCH and configuration's PUT below).
    valid.push(["POST", "/api/v2/integrations", { name: "Orders", integrationType: { id: "purecloud-data-actions" } }]);
    for (const [method, path, body] of valid) {
      const created = await send(method, path, fresh(body));
      expect({ path, status: created.status }).toEqual({ path, status: 200 });
      const id = String(created.json.id);
      writes.push({ op: genesysSpec().operation(method, path)!, path, body });
      // Its PUT, where the spec has one: the same body on the object just created (DID pools move to another range: a range is unique).
      // A group's PUT names its version (GroupUpdate requires it): the object's, as created.
      const update = path.endsWith("didpools")
        ? { startPhoneNumber: "+13175550300", endPhoneNumber: "+13175550399" }
        : path === "/api/v2/groups"
          ? { name: body.name, version: created.json.version }
          : body;
      const put = genesysSpec().operation("PUT", `${path}/${id}`);
      if (put) writes.push({ op: put, path: `${path}/${id}`, body: update });
      // A group's members (GroupMembersUpdate).
      if (path === "/api/v2/groups")
        writes.push({
          op: genesysSpec().operation("POST", `${path}/${id}/members`)!,
          path: `${path}/${id}/members`,
          body: { memberIds: [ada], version: 1 },
        });
      // A prompt's resources: created (PromptAssetCreate) and updated (PromptAsset).
      if (path.endsWith("prompts")) {
        const resources = `${path}/${id}/resources`;
        expect((await send("POST", resources, { language: "en-us", ttsString: "Hello." })).status).toBe(200);
        writes.push({
          op: genesysSpec().operation("POST", resources)!,
          path: resources,
          body: { language: "en-us", ttsString: "Hello." },
        });
        writes.push({
          op: genesysSpec().operation("PUT", `${resources}/en-us`)!,
          path: `${resources}/en-us`,
          body: { ttsString: "Hello again." },
        });
      }
    }
    // The integration's configuration, at its current version.
    const created = (await send("GET", "/api/v2/integrations", undefined)).json.entities as Array<{
      id: string;
      name: string;
    }>;
    const orders = `/api/v2/integrations/${created.find((i) => i.name.startsWith("Orders"))!.id}/config/current`;
    writes.push({
      op: genesysSpec().operation("PUT", orders)!,
      path: orders,
      body: { name: "Orders", notes: "", properties: {}, advanced: {}, credentials: {}, version: 1 },
    });
    writes.push({
      op: genesysSpec().operation("POST", "/api/v2/flows/export/jobs")!,
      path: "/api/v2/flows/export/jobs",
      body: { flows: [{ flow: { id: flow } }] },
    });
    writes.push({
      op: genesysSpec().operation("POST", "/api/v2/flows/validate/jobs")!,
      path: "/api/v2/flows/validate/jobs",
      body: { flows: [{ flow: { id: flow } }] },
    });
    writes.push({
      op: genesysSpec().operation("PUT", `/api/v2/flows/${flow}`)!,
      path: `/api/v2/flows/${flow}`,
      body: { name: "Sales" },
    });
    writes.push({
      op: genesysSpec().operation("POST", "/api/v2/flows")!,
      path: "/api/v2/flows",
      body: { name: "Claimed", type: "INBOUNDCALL", description: "a claim" },
    });
    // Historical flow execution data: a flow's own log level (created here: its PUT changes it), the org's, a query, a job, an aggregate.
    const level = { logLevelCharacteristics: { level: "Notes" } };
    const flowLevel = `/api/v2/flows/${flow}/instances/settings/loglevels`;
    expect((await send("POST", flowLevel, level)).status).toBe(200);
    for (const [method, path, body] of [
      ["POST", flowLevel, level],
      ["PUT", flowLevel, level],
      ["PUT", "/api/v2/flows/instances/settings/loglevels/default", level],
      ["POST", "/api/v2/flows/instances/query", { query: [] }],
      ["POST", "/api/v2/flows/instances/jobs", { ids: ["00000000-0000-4000-8000-000000000000"] }],
      [
        "POST",
        "/api/v2/analytics/flowexecutions/aggregates/query",
        { interval: "2026-11-01T00:00:00.000Z/2026-11-02T00:00:00.000Z", metrics: ["nFlowExecutions"] },
      ],
      [
        "POST",
        "/api/v2/analytics/queues/observations/query",
        { filter: { type: "or", predicates: [{ dimension: "queueId", value: "q-1" }] }, metrics: ["oWaiting"] },
      ],
    ] as const) {
      writes.push({ op: genesysSpec().operation(method, path)!, path, body });
    }
  }, 60_000);
  afterAll(async () => {
    await emu?.stop();
  });

  it("covers every write route the emulator serves that the spec gives a body schema", () => {
    const spec = genesysSpec();
    const covered = new Set(writes.map((w) => `${w.op.method} ${w.op.template}`));
    const withSchema = apiRouteTable().flatMap((r) =>
      r.methods
        .filter((m) => m === "POST" || m === "PUT")
        .flatMap((m) => {
          const op = spec.operation(m, `/api/v2/${r.pattern.map((s) => (s.startsWith(":") ? "x-id" : s)).join("/")}`);
          const schema = op ? spec.bodySchema(op) : undefined;
          return op && schema && Object.keys(schema.properties).length > 0 ? [`${op.method} ${op.template}`] : [];
        }),
    );
    expect(withSchema.filter((k) => !covered.has(k))).toEqual([]);
    // The valid bodies are valid by the spec (its kept differences aside).
    const problems = writes.flatMap((w) =>
      spec.requestProblems(w.op, w.body).filter((p) => differenceFor(p)?.kind !== "request"),
    );
    expect(problems).toEqual([]);
  });

  it("are refused with 400 naming the field; valid ones are accepted", async () => {
    const accepted: string[] = [];
    for (const w of writes) {
      const schema = genesysSpec().bodySchema(w.op)!;
      const cases: Array<[string, Record<string, unknown>]> = [
        ...schema.required.map((field): [string, Record<string, unknown>] => {
          const { [field]: _dropped, ...rest } = w.body;
          return [`required ${field}`, rest];
        }),
        ...Object.entries(schema.properties).map(([field, type]): [string, Record<string, unknown>] => [
          `type ${field}`,
          { ...w.body, [field]: WRONG[type] },
        ]),
        ...Object.keys(schema.enums).map((field): [string, Record<string, unknown>] => [
          `value ${field}`,
          { ...w.body, [field]: "NOT_A_SPEC_VALUE" },
        ]),
      ];
      for (const [what, body] of cases) {
        const key = `${w.op.method} ${w.op.template} ${what}`;
        if (differenceFor(key)?.kind === "request") continue;
        const field = what.split(" ")[1];
        const answer = await send(w.op.method, w.path, w.op.method === "POST" ? fresh(body) : body);
        if (answer.status !== 400 || !answer.message.includes(`'${field}'`))
          accepted.push(`${key}: ${answer.status} ${answer.message}`);
      }
      // A POST's valid body was accepted when beforeAll created the object; the PUT's is checked here.
      if (w.op.method === "PUT") {
        const valid = await send("PUT", w.path, w.body);
        expect({ route: `PUT ${w.path}`, status: valid.status }).toEqual({ route: `PUT ${w.path}`, status: 200 });
      }
    }
    expect(accepted).toEqual([]);
  }, 60_000);

  it("a publish job's body, an object the spec gives no property: none, null (the provider's) or {} taken, anything else refused (not ignored)", async () => {
    const op = genesysSpec().operation("POST", "/api/v2/flows/jobs")!;
    expect(genesysSpec().bodySchema(op)?.properties).toEqual({});
    for (const body of [{ flow: "x" }, { type: "inboundcall", name: "Sales" }, ["not", "an", "object"], "text"]) {
      expect(genesysSpec().requestProblems(op, body).length).toBeGreaterThan(0);
      const answer = await send("POST", "/api/v2/flows/jobs", body);
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
    }
    expect(genesysSpec().requestProblems(op, {})).toEqual([]);
    expect((await send("POST", "/api/v2/flows/jobs", {})).status).toBe(200);
    expect((await send("POST", "/api/v2/flows/jobs", null)).status).toBe(200);
    expect(
      (
        await fetch(`${emu.url}/api/v2/flows/jobs`, {
          method: "POST",
          headers: { authorization: `Bearer ${emu.accessToken}` },
        })
      ).status,
    ).toBe(200);
  });

  it("keeps no request difference the spec no longer calls invalid", () => {
    const cases = writes.flatMap((w) => {
      const schema = genesysSpec().bodySchema(w.op)!;
      const key = `${w.op.method} ${w.op.template}`;
      return [
        ...schema.required.map((f) => `${key} required ${f}`),
        ...Object.keys(schema.properties).map((f) => `${key} type ${f}`),
        ...Object.keys(schema.enums).map((f) => `${key} value ${f}`),
      ];
    });
    // A difference the provider's bodies show is the provider tier's to check.
    const unused = SPEC_DIFFERENCES.filter(
      (d) => d.kind === "request" && !d.byProvider && !cases.some((c) => d.matches.test(c)),
    ).map((d) => d.matches.source);
    expect(unused).toEqual([]);
  });
});
