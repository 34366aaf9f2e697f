// `import --from-org` exports the flows it adopts a few at a time (org/client.ts READS_IN_FLIGHT):
// each export is a job (start, poll, download), and one after another they added up to minutes on
// a big org at a real org's latency (issue 100). With 100 ms a request, an export job starts before
// the one before it was answered; the files are the same as one at a time (kept in order). Signed in
// with an OAuth client, its reads go over as many tokens as the exporter's pool (PROVIDER_TOKEN_POOL),
// each within its budget: on one token 1,002 flows' 3,015 requests took 392 s at 300 a minute.
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { publish } from "../../testkit/emulator";
import { inboundCallYaml } from "../../testkit/archyFlows";
import { tempProject } from "../../testkit/tempProject";
import { adoptFromOrg } from "../../tools/importFlows";
import { PROVIDER_TOKEN_POOL } from "../../org/client";

const FLOWS = 8;
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({});
  for (let i = 0; i < FLOWS; i++)
    expect(await publish(emu, inboundCallYaml(`dev-Adopted ${i}`))).toMatchObject({ status: "Success" });
});
afterAll(async () => {
  await emu.stop();
});

test("the exports of the flows it adopts are in flight together, and what it writes is theirs, in order", async () => {
  const root = tempProject({
    "Pulumi.yaml": "name: genesys-flows\nruntime: nodejs\n",
    "Pulumi.dev.yaml": 'config:\n  genesys-flows:environment: dev\n  genesys-flows:namePrefix: "dev-"\n',
  });
  const out = { text: "", write: (s: string) => ((out.text += s), true) };
  const err = { text: "", write: (s: string) => ((err.text += s), true) };
  emu.setFaults({ latencyMs: 100 });
  emu.requestLog.clear();
  let code: number;
  try {
    const target = { apiBase: emu.url, token: emu.accessToken };
    const options = { stack: "dev", prefix: "dev-Adopted", out: "flows/adopted", force: false, routing: false, target };
    code = await adoptFromOrg(root, options, { out, err });
  } finally {
    emu.setFaults({ latencyMs: 0 });
  }
  expect({ code, err: err.text }).toMatchObject({ code: 0 });
  const written = fs.readdirSync(path.join(root, "flows/adopted")).sort();
  expect(written).toHaveLength(FLOWS);
  // Each file holds its own flow, and they are said in the selection's order (each export's text kept with its flow).
  const said = [...out.text.matchAll(/^wrote (flows\/adopted\/\S+) from org flow \S+ "([^"]+)"/gm)].map((m) =>
    m.slice(1),
  );
  expect(said).toEqual(
    Array.from({ length: FLOWS }, (_, i) => [`flows/adopted/adopted-${i}.yaml`, `dev-Adopted ${i}`]),
  );
  for (const [file, name] of said)
    expect(fs.readFileSync(path.join(root, file), "utf8")).toContain(name.replace("dev-", ""));
  const starts = emu.requestLog.list().filter((e) => e.method === "POST" && e.path === "/api/v2/flows/export/jobs");
  expect(starts).toHaveLength(FLOWS);
  const answered = (e: (typeof starts)[number]) => Date.parse(e.timestamp) + e.durationMs;
  expect(starts.some((e, i) => i > 0 && Date.parse(e.timestamp) < answered(starts[i - 1]))).toBe(true);
});

test("signed in with the OAuth client, its reads spread over more tokens once one's budget is spent: none refused, no minute waited", async () => {
  const port = new URL(emu.url).port;
  const root = tempProject({
    "Pulumi.yaml": "name: genesys-flows\nruntime: nodejs\n",
    "Pulumi.dev.yaml": `config:\n  genesys-flows:environment: dev\n  genesys-flows:namePrefix: "dev-"\n  genesys-flows:provider:\n    gateway: { protocol: http, host: 127.0.0.1, port: ${port} }\n`,
  });
  const out = { text: "", write: (s: string) => ((out.text += s), true) };
  const err = { text: "", write: (s: string) => ((err.text += s), true) };
  // 12 a minute a token: the list and 8 export jobs (3 requests each) on one token would wait over a minute.
  emu.setFaults({ latencyMs: 20, rateLimit: { requestsPerMinute: 12 } });
  emu.requestLog.clear();
  const started = Date.now();
  let code: number;
  try {
    const env = { GENESYSCLOUD_OAUTHCLIENT_ID: emu.clientId, GENESYSCLOUD_OAUTHCLIENT_SECRET: emu.clientSecret };
    const options = { stack: "dev", prefix: "dev-Adopted", out: "flows/adopted", force: false, routing: false, env };
    code = await adoptFromOrg(root, options, { out, err });
  } finally {
    emu.setFaults({ latencyMs: 0 });
  }
  expect({ code, err: err.text }).toMatchObject({ code: 0 });
  expect(fs.readdirSync(path.join(root, "flows/adopted"))).toHaveLength(FLOWS);
  const log = emu.requestLog.list();
  expect(log.filter((e) => e.status === 429)).toEqual([]);
  const signIns = log.filter((e) => e.operation === "oauth.token").length;
  expect(signIns).toBeGreaterThanOrEqual(2);
  expect(signIns).toBeLessThanOrEqual(PROVIDER_TOKEN_POOL);
  expect(Date.now() - started).toBeLessThan(20_000);
});
