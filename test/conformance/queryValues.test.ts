// "A value Genesys refuses is refused here too": for every operation the emulator serves, every
// query parameter the spec closes to a set of values (an enum, with its documented default, or a
// Boolean; found in the spec, not by hand) is declared by the emulator's route with exactly those
// values (emulator/queryParams.ts), a value outside them is answered 400 invalid.query.param.value
// naming the parameter, and every value the spec allows is taken. Flow types are Genesys's
// lower-case ones (`type=INBOUNDCALL` is refused, as the spec's enum has it), a publish job's
// `expand` takes only `messages`.
import { apiRouteTable } from "../../emulator/apiRoutes";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { simulateCalls } from "../../behaviour/simulatedCalls";
import { CONFORMANCE_ORG } from "../../testkit/conformanceOrg";
import { genesysSpec, type ClosedParameter, type Operation } from "../../testkit/genesysSpec";
import { publish } from "../../testkit/emulator";
import { commonModuleYaml, greetingCallYaml, inboundCallYaml } from "../../testkit/archyFlows";

interface Target {
  op: Operation;
  /** The concrete path (ids filled in) and the query the operation needs besides the parameter. */
  path: string;
  base: URLSearchParams;
  /** The body a POST needs besides the parameter. */
  body?: unknown;
  closed: ClosedParameter[];
  declared: Record<string, readonly string[]>;
}

let emu: RunningEmulator;
const targets: Target[] = [];

async function send(
  method: string,
  path: string,
  query: URLSearchParams,
  body?: unknown,
): Promise<{ status: number; code?: string; message?: string }> {
  const res = await fetch(`${emu.url}${path}${query.size > 0 ? `?${query}` : ""}`, {
    method,
    headers: {
      authorization: `Bearer ${emu.accessToken}`,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  const answer = text ? (JSON.parse(text) as { code?: string; message?: string }) : {};
  return { status: res.status, code: answer.code, message: answer.message };
}

async function firstId(path: string): Promise<string> {
  const res = await fetch(`${emu.url}${path}`, { headers: { authorization: `Bearer ${emu.accessToken}` } });
  return String(((await res.json()) as { entities: Array<{ id: string }> }).entities[0].id);
}

beforeAll(async () => {
  emu = await startEmulator({ org: CONFORMANCE_ORG, simulator: simulateCalls });
  const module = (await publish(emu, commonModuleYaml("Lookup"))).flow!.id;
  const sales = await publish(emu, inboundCallYaml("Sales", "", "Lookup"));
  const salesId = sales.flow!.id;
  const post = async (path: string, body: unknown) =>
    (await (
      await fetch(`${emu.url}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${emu.accessToken}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      })
    ).json()) as { id: string };
  await post("/api/v2/architect/ivrs", { name: "Sales line", dnis: ["+13175550100"], openHoursFlow: { id: salesId } });
  const exported = await post("/api/v2/flows/export/jobs", { flows: [{ flow: { id: salesId } }] });
  const validated = await post("/api/v2/flows/validate/jobs", { flows: [{ flow: { id: salesId } }] });
  const division = await post("/api/v2/authorization/divisions", { name: "Doomed", description: "" });
  // A recorded execution: storage enabled, a flow published since, simulated traffic through it.
  await fetch(`${emu.url}/api/v2/flows/instances/settings/executiondata`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${emu.accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({ enabled: true }),
  });
  await publish(emu, greetingCallYaml("Traced"));
  await post("/__emulator/traffic", { interactions: 1, flows: ["Traced"] });
  const [execution] = (
    (await post("/api/v2/flows/instances/query", { query: [] })) as unknown as { entities: Array<{ id: string }> }
  ).entities;
  const level = { logLevelCharacteristics: { level: "Base" } };
  const concrete: Record<string, { path: string; base?: string; body?: unknown }> = {
    "/api/v2/flows/instances/{instanceId}": { path: `/api/v2/flows/instances/${execution.id}` },
    "/api/v2/flows/instances/query": { path: "/api/v2/flows/instances/query", body: { query: [] } },
    "/api/v2/flows/instances/jobs": { path: "/api/v2/flows/instances/jobs", body: { ids: [execution.id] } },
    "/api/v2/flows/instances/settings/loglevels/default": {
      path: "/api/v2/flows/instances/settings/loglevels/default",
      body: level,
    },
    "/api/v2/flows/{flowId}/instances/settings/loglevels": {
      path: `/api/v2/flows/${salesId}/instances/settings/loglevels`,
      body: level,
    },
    "/api/v2/flows/jobs/{jobId}": { path: `/api/v2/flows/jobs/${sales.id}` },
    "/api/v2/flows/export/jobs/{jobId}": { path: `/api/v2/flows/export/jobs/${exported.id}` },
    "/api/v2/flows/validate/jobs/{jobId}": { path: `/api/v2/flows/validate/jobs/${validated.id}` },
    "/api/v2/authorization/divisions/{divisionId}": { path: `/api/v2/authorization/divisions/${division.id}` },
    "/api/v2/architect/dependencytracking/consumingresources": {
      path: "/api/v2/architect/dependencytracking/consumingresources",
      base: `id=${module}&objectType=COMMONMODULEFLOW`,
    },
    "/api/v2/architect/dependencytracking/consumedresources": {
      path: "/api/v2/architect/dependencytracking/consumedresources",
      base: `id=${salesId}&version=1.0&objectType=INBOUNDCALLFLOW`,
    },
    "/api/v2/architect/dependencytracking/object": {
      path: "/api/v2/architect/dependencytracking/object",
      base: `id=${salesId}`,
    },
    "/api/v2/routing/queues/{queueId}/members": {
      path: `/api/v2/routing/queues/${await firstId("/api/v2/routing/queues")}/members`,
      body: [{ id: await firstId("/api/v2/users") }],
    },
  };
  const spec = genesysSpec();
  for (const route of apiRouteTable()) {
    for (const method of route.methods) {
      const op = spec.operation(
        method,
        `/api/v2/${route.pattern.map((s) => (s.startsWith(":") ? "x-id" : s)).join("/")}`,
      );
      if (!op) continue;
      const closed = spec.closedQueryParameters(op);
      let at = concrete[op.template];
      if (!at && op.template.includes("{") && closed.length > 0) {
        // The first entity of the collection above it (a flow for /flows/{flowId}/...).
        const [collection, rest] = op.template.split(/\/\{[^}]+\}/);
        at = {
          path: `${collection}/${collection === "/api/v2/flows" ? salesId : await firstId(collection)}${rest ?? ""}`.replace(
            "{versionId}",
            "1.0",
          ),
        };
      }
      at ??= { path: op.template };
      const declared = Object.fromEntries(
        Object.entries(route.query[method] ?? {}).map(([name, p]) => [
          name,
          p.kind === "boolean" ? ["true", "false"] : p.values,
        ]),
      );
      targets.push({
        op,
        path: at.path,
        base: new URLSearchParams(at.base ?? ""),
        ...(op.method === "POST" && at.body !== undefined ? { body: at.body } : {}),
        closed,
        declared,
      });
    }
  }
}, 60_000);

afterAll(async () => {
  await emu?.stop();
});

const key = (t: Target) => `${t.op.method} ${t.op.template}`;

it("every closed query parameter of every operation the emulator serves is declared with the spec's values, and nothing else is", () => {
  const spec = targets.map((t) => [key(t), Object.fromEntries(t.closed.map((c) => [c.name, [...c.values].sort()]))]);
  const emulator = targets.map((t) => [
    key(t),
    Object.fromEntries(Object.entries(t.declared).map(([name, values]) => [name, [...values].sort()])),
  ]);
  expect(emulator).toEqual(spec);
  const count = targets.reduce((n, t) => n + t.closed.length, 0);
  process.stdout.write(
    `query values: ${count} closed query parameters of ${targets.filter((t) => t.closed.length > 0).length} operations\n`,
  );
  expect(count).toBeGreaterThan(40);
});

it("a value outside them is refused with 400 invalid.query.param.value naming the parameter; every value the spec allows is taken", async () => {
  const wrong: string[] = [];
  for (const t of targets) {
    for (const c of t.closed) {
      const query = (value: string) => {
        const q = new URLSearchParams(t.base);
        q.set(c.name, value);
        return q;
      };
      const refused = await send(t.op.method, t.path, query("NOT_A_SPEC_VALUE"));
      if (
        refused.status !== 400 ||
        refused.code !== "invalid.query.param.value" ||
        !refused.message?.includes(`[${c.name}]`)
      )
        wrong.push(`${key(t)} ?${c.name}=NOT_A_SPEC_VALUE: ${refused.status} ${refused.code}`);
      // DELETE with force: the valid value would delete the division; a PUT without its body is
      // refused for the body: their refusal of a wrong value is what is shown here.
      if (t.op.method === "DELETE" || t.op.method === "PUT") continue;
      for (const value of c.values) {
        const taken = await send(t.op.method, t.path, query(value), t.body);
        if (taken.code === "invalid.query.param.value" || taken.status === 400)
          wrong.push(`${key(t)} ?${c.name}=${value}: ${taken.status} ${taken.code} ${taken.message}`);
      }
    }
  }
  expect(wrong).toEqual([]);
}, 120_000);

it("flow types are Genesys's, as the spec writes them: lower-case in a listing, refused upper-case or made up", async () => {
  expect((await send("GET", "/api/v2/flows", new URLSearchParams("type=inboundcall"))).status).toBe(200);
  for (const type of ["INBOUNDCALL", "inboundfax"]) {
    const answer = await send("GET", "/api/v2/flows", new URLSearchParams(`type=${type}`));
    expect([answer.status, answer.code, answer.message]).toEqual([
      400,
      "invalid.query.param.value",
      expect.stringContaining(`Value [${type}] is not valid for parameter [type]`),
    ]);
  }
});
