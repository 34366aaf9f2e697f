// The realistic sequence (realisticSequence.ts) reaches every route of the emulator's own route
// table (apiRoutes.ts), each method with a successful answer, and every kind of operation the
// emulator logs (requestLog.ts OPERATION_KINDS: sign-in, the presigned uploads and downloads of
// publish, export and execution data jobs beside the API's), and every answer validates against
// Genesys's published schema for its operation and status (testkit/genesysSpec.ts: ajv over the
// spec's definitions, required properties enforced, objects closed so a field Genesys does not
// send is an error). What the emulator keeps different on purpose is in
// emulator/specDifferences.ts; anything else fails here.
import { apiRouteTable, resolveApiRoute } from "../../emulator/apiRoutes";
import { OPERATION_KINDS, type RequestLogEntry } from "../../emulator/requestLog";
import { SPEC_DIFFERENCES, differenceFor } from "../../emulator/specDifferences";
import { genesysSpec } from "../../testkit/genesysSpec";
import { recordConformanceSequence, type Exchange } from "./realisticSequence";

describe("the emulator's answers against Genesys's published spec", () => {
  let log: Exchange[];
  const requests: RequestLogEntry[] = [];
  beforeAll(async () => {
    log = await recordConformanceSequence(requests);
  }, 60_000);

  it("covers the statuses named by the issue", () => {
    process.stdout.write(
      `conformance: ${log.length} answers of ${new Set(log.map((x) => `${x.method} ${genesysSpec().operation(x.method, x.path.split("?")[0])?.template}`)).size} operations\n`,
    );
    const statuses = new Set(log.map((x) => x.status));
    for (const s of [200, 202, 204, 206, 400, 404, 409, 410, 429]) expect(statuses).toContain(s);
    const jobStates = new Set(
      log
        .filter((x) => /^\/api\/v2\/flows\/jobs\/[^/?]+/.test(x.path))
        .map((x) => (x.body as { status?: string }).status),
    );
    expect([...jobStates].sort()).toEqual(["Failure", "Registered", "Started", "Success"]);
    const validateStates = log
      .filter((x) => /^\/api\/v2\/flows\/validate\/jobs\/[^/?]+/.test(x.path) && x.status < 300)
      .map((x) => `${x.status} ${(x.body as { status?: string }).status}`);
    expect([...new Set(validateStates)].sort()).toEqual(["200 Failure", "200 Success", "202 Started"]);
  });

  it("reaches every route the emulator serves (its own route table), each method with a successful answer", () => {
    const served = apiRouteTable().flatMap((r) => r.methods.map((m) => `${m} /${r.pattern.join("/")}`));
    const reached = new Set(
      log
        .filter((x) => x.status < 300)
        .flatMap((x) => {
          const found = resolveApiRoute(x.method, x.path.split("?")[0].split("/").slice(3));
          return found ? [`${x.method} /${found.pattern.join("/")}`] : [];
        }),
    );
    expect(served.filter((r) => !reached.has(r))).toEqual([]);
  });

  it("requests every kind of operation the emulator serves, sign-in and the presigned uploads and downloads too, each with a successful answer", () => {
    const answered = new Set(requests.filter((x) => x.status < 300).map((x) => x.operation));
    expect(OPERATION_KINDS.filter((k) => k !== "unknown" && !answered.has(k))).toEqual([]);
  });

  it("answers only with operations and statuses the spec documents", () => {
    const spec = genesysSpec();
    const problems = log.flatMap((x) => {
      const op = spec.operation(x.method, x.path.split("?")[0]);
      if (!op) return [`${x.method} ${x.path}: no such operation in the spec`];
      const found = spec.responseProblems(op, x.status, x.body);
      return found === undefined
        ? [
            `${x.method} ${op.template}: status ${x.status} is not one the spec documents (${spec.statuses(op).join(", ")})`,
          ]
        : [];
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
    const unused = SPEC_DIFFERENCES.filter((d) => d.kind === "response" && !all.some((p) => d.matches.test(p))).map(
      (d) => d.matches.source,
    );
    expect(unused).toEqual([]);
  });
});
