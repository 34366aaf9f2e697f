// Verify's read of the org after an up (org/peopleRead.ts readPeople) sends each flow's own reads
// (its version list) READS_IN_FLIGHT at once over a transport that answers late: N flows at L ms a
// request take about N × L / READS_IN_FLIGHT, not N × L (a no-op up of 1,002 adopted flows read
// their version lists one budget at a time: issue 100); the observations keep the flows' order
// whatever order the answers come in, and a refused read names its flow's request.
import { OrgApi, READS_IN_FLIGHT } from "../../org/client";
import type { Http } from "../../org/http";
import { readPeople, type FlowToRead } from "../../org/peopleRead";

const N = 40;
const LATENCY_MS = 40;
const T0 = Date.parse("2026-11-20T10:00:00Z");
const ids = Array.from({ length: N }, (_, i) => `gid-${i}`);
const flows: FlowToRead[] = ids.map((flowId, i) => ({
  flow: `calls/f${i}`,
  publishedName: `dev-f${i}`,
  flowId,
  apiType: "INBOUNDCALL",
}));

/** The org of `flows`, each with one version of its own id; version lists answered late, later for some than others. */
function lateOrg(refuse?: string) {
  let inFlight = 0;
  let most = 0;
  const http: Http = async (req) => {
    const url = new URL(req.url);
    if (url.pathname === "/api/v2/flows") {
      const wanted = url.searchParams.getAll("id");
      const entities = wanted.map((id) => ({ id, name: `dev-f${id.slice(4)}`, type: "INBOUNDCALL" }));
      return { status: 200, body: JSON.stringify({ entities, pageCount: 1 }) };
    }
    const flow = /^\/api\/v2\/flows\/([^/]+)\/versions$/.exec(url.pathname)?.[1];
    if (flow === undefined) return { status: 404, body: "{}" };
    inFlight++;
    most = Math.max(most, inFlight);
    // Answers come back out of order: a flow's latency is L to 2L by its number.
    await new Promise((r) => setTimeout(r, LATENCY_MS * (1 + (Number(flow.slice(4)) % 3) / 2)));
    inFlight--;
    if (flow === refuse) return { status: 403, body: JSON.stringify({ message: "Missing permission" }) };
    const entities = [{ id: `${flow}.1`, dateCreated: new Date(T0).toISOString() }];
    return { status: 200, body: JSON.stringify({ entities, pageCount: 1 }) };
  };
  return { http, most: () => most };
}

test(`${N} flows' version lists at ${LATENCY_MS} ms each: READS_IN_FLIGHT at once, about N × L / READS_IN_FLIGHT, in the flows' order`, async () => {
  const org = lateOrg();
  const api = new OrgApi("http://127.0.0.1:1", "t", { http: org.http, attempts: 1 });
  const started = Date.now();
  const read = await readPeople(api, flows, { clockSkewMs: 0, withVersions: true });
  const elapsed = Date.now() - started;
  expect(READS_IN_FLIGHT).toBeGreaterThan(1);
  expect(org.most()).toBe(READS_IN_FLIGHT);
  // One after another: at least N × L (1.6 s); READS_IN_FLIGHT at once: about N × 1.5 L / READS_IN_FLIGHT (0.24 s).
  expect(elapsed).toBeLessThan((N * LATENCY_MS) / 2);
  expect(read.observations.map((o) => [o.flowId, o.versions?.map((v) => v.id)])).toEqual(
    ids.map((id) => [id, [`${id}.1`]]),
  );
});

test("a version list refused: the read fails naming that flow's request and the permission", async () => {
  const org = lateOrg("gid-17");
  const api = new OrgApi("http://127.0.0.1:1", "t", { http: org.http, attempts: 1 });
  await expect(readPeople(api, flows, { clockSkewMs: 0, withVersions: true })).rejects.toThrow(
    /^GET \/api\/v2\/flows\/gid-17\/versions answered HTTP 403: Missing permission/,
  );
});
