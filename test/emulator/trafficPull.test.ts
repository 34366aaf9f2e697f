// `genesys-flows traffic pull` against the emulator (issue 77 item 2): a small stack compiled and
// published, execution data on, 600 seeded simulated calls (POST /__emulator/traffic); the pull
// finds every one past the 200-a-query cap, under a per-client rate limit with no request refused,
// and the journeys' step counts equal what the traffic route itself reports the calls did (each
// action's tracking number and output path id), mapped here to the stack's nodes through the
// emulator's own numbering, independently of the pull (which places action ids); more calls in a second than a
// query answers are reported as a capped window, not dropped unsaid. A menu's journeys, pulled (the
// choice item naming the path of the jump into the menu), replay as scenarios taking exactly their
// steps: the pull's steps are the behaviour interpreter's.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { simulateCalls } from "../../behaviour/simulatedCalls";
import { readPortfolio } from "../../project/portfolio";
import { call, publishOk } from "../../testkit/emulator";
import { tempProject } from "../../testkit/tempProject";
import { main } from "../../tools/traffic";
import type { TrafficFile } from "../../traffic/journeys";
import { actionIdentities } from "../../emulator/actionIds";
import { parse } from "yaml";

const ORDERS = `kind: inboundCall
name: Orders
description: Orders line.
variables:
  choice:
    type: string
start: Welcome
nodes:
  Welcome:
    type: playMessage
    prompt: Welcome.
    transitions:
      next: Menu
  Menu:
    type: collectDigits
    label: Main menu
    prompt: For a new order, press 1.
    variable: choice
    maxDigits: 1
    transitions:
      success: Route
      failure: Bye
  Route:
    type: decision
    expression: Flow.choice == "1"
    transitions:
      yes: NewOrder
      no: Bye
  NewOrder:
    type: playMessage
    prompt: New orders.
    transitions:
      next: Bye
  Bye:
    type: disconnect
`;
const QUIET =
  "kind: inboundCall\nname: Quiet\ndescription: No calls.\nstart: Bye\nnodes:\n  Bye:\n    type: disconnect\n";

let emu: RunningEmulator;
async function pull(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = { out: "", err: "", code: -1 };
  r.code = await main(
    ["pull", "--stack", "dev", ...args],
    {
      out: { write: (s: string) => ((r.out += s), true) },
      err: { write: (s: string) => ((r.err += s), true) },
    } as never,
    {},
  );
  return r;
}
const json = (body: unknown) => ({
  method: body === undefined ? "GET" : "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
beforeAll(async () => {
  emu = await startEmulator({ simulator: simulateCalls });
});
afterAll(async () => {
  await emu?.stop();
});

interface Report {
  recorded: number;
  notSimulated: Record<string, number>;
  flows: Array<{ flowId: string; version: string; paths: Record<string, number> }>;
}

test("traffic pull keeps every one of 600 simulated calls as journeys, past the 200 cap, within the rate limit, counted as the traffic route counts them; a second still at the cap is named", async () => {
  const stack = `config:\n  genesys-flows:environment: dev\n  genesys-flows:namePrefix: dev-\n  genesys-flows:accessToken: ${emu.accessToken}\n  genesys-flows:provider:\n    gateway: { protocol: http, host: 127.0.0.1, port: "${emu.port}" }\n`;
  const root = tempProject({
    "Pulumi.dev.yaml": stack,
    "flows/calls/orders.yaml": ORDERS,
    "flows/calls/quiet.yaml": QUIET,
  });
  const portfolio = readPortfolio(root, "dev");
  for (const f of portfolio.flows) await publishOk(emu, f.substitutedYaml);
  const orders = portfolio.flows.find((f) => f.id === "calls/orders")!;

  const traffic = await call<Report>(`${emu.url}/__emulator/traffic`, {
    ...json({
      seed: 11,
      interactions: 600,
      flows: ["dev-Orders"],
      start: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      spacingSeconds: 60,
      storage: "enabled",
      callers: { digits: { "Main menu": { "1": 3, "2": 2, silence: 1 } } },
    }),
    token: emu.accessToken,
  });
  expect(traffic.status).toBe(200);
  expect([traffic.body.recorded, traffic.body.notSimulated]).toEqual([600, {}]);
  const [ran] = traffic.body.flows;

  // What the calls did, by the traffic route's own account, in the stack's terms: each action's
  // tracking number (the emulator's own, from 11 and not in the document's order, as Genesys does
  // not say how it numbers them) -> its place in the published document -> the node the compiler
  // wrote there; its path's name.
  const ids = [...actionIdentities(ran.flowId, ran.version, parse(orders.substitutedYaml)).values()];
  expect(ids.map((a) => a.trackingId)).not.toEqual(ids.map((_, i) => i + 1));
  const expected: Record<string, number> = {};
  for (const [key, n] of Object.entries(ran.paths)) {
    const [tracking, pathId] = key.split(":");
    const node = orders.actionNodes[ids.find((a) => a.trackingId === Number(tracking))!.path];
    if (node === undefined) continue; // an action the compiler added (a jump, an end): no node's
    const step = pathId === "__DEFAULT__" ? node : `${node} -> ${/^__(.*)__$/.exec(pathId)![1].toLowerCase()}`;
    expected[step] = (expected[step] ?? 0) + n;
  }
  expect(Object.keys(expected)).toEqual(
    expect.arrayContaining(["Route -> yes", "Route -> no", "Menu -> failure", "NewOrder"]),
  );

  // More calls in a second than a query answers: the window is not split below a second, and the
  // pull says so rather than dropping them unsaid. One flow (--flow), its values kept (warned); 8
  // days ago, outside the window of the pull below. Before the rate limit: the client paces a
  // token for good once the org announces a budget.
  const burst = await call<Report>(`${emu.url}/__emulator/traffic`, {
    ...json({
      seed: 5,
      interactions: 300,
      flows: ["dev-Quiet"],
      start: new Date(Date.now() - 8 * 86_400_000).toISOString(),
      spacingSeconds: 0.001,
      storage: "enabled",
    }),
    token: emu.accessToken,
  });
  expect(burst.body.recorded).toBe(300);
  const quiet = await pull(["--root", root, "--flow", "calls/quiet", "--out", "quiet.json", "--keep-values"]);
  expect([quiet.code, quiet.err]).toEqual([
    0,
    `traffic: warning: --keep-values kept the variables' values (callers' numbers, what they typed) in ${join(root, "quiet.json")}: personal data; do not commit or share it\n`,
  ]);
  expect(quiet.out).toContain("windows still at the 200 cap (executions may be missing) (1)");
  const one = JSON.parse(readFileSync(join(root, "quiet.json"), "utf8")) as TrafficFile;
  expect(one.flows.map((f) => [f.name, f.versions[0].executions])).toEqual([["dev-Quiet", 200]]);
  expect(one.limits.cappedWindows).toHaveLength(1);
  expect(one.limits.flowsNotInStack).toEqual({});

  // The org's budget: 20 requests a minute, fewer than the pull needs: it paces itself, and nothing is refused.
  expect(
    (
      await call(`${emu.url}/__emulator/faults`, {
        ...json({ rateLimit: { requestsPerMinute: 20 } }),
        method: "PUT",
        token: emu.accessToken,
      })
    ).status,
  ).toBe(200);
  emu.requestLog.clear();
  const r = { out: "", err: "", code: -1 };
  r.code = await pull(["--root", root, "--since", "5d"]).then((x) => ((r.out = x.out), (r.err = x.err), x.code));
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  expect(emu.requestLog.list().filter((e) => e.status === 429)).toEqual([]);
  const file = join(root, ".work/traffic/dev.json");
  expect(r.out).toContain(`wrote ${file}`);
  const pulled = JSON.parse(readFileSync(file, "utf8")) as TrafficFile;

  expect(pulled.flows.map((f) => [f.name, f.versions.map((v) => [v.version, v.inStack, v.executions])])).toEqual([
    ["dev-Orders", [[ran.version, true, 600]]],
  ]);
  const counted: Record<string, number> = {};
  for (const j of pulled.flows[0].versions[0].journeys)
    for (const s of j.steps) counted[s] = (counted[s] ?? 0) + j.count;
  expect(counted).toEqual(expected);
  expect(pulled.limits).toEqual(
    expect.objectContaining({
      cappedWindows: [],
      failedDownloads: [],
      flowsWithoutData: ["dev-Quiet"],
      versionsNotInStack: [],
      unmappedActions: {},
    }),
  );
  expect(pulled.limits.queries).toBeGreaterThan(3);
  expect(emu.requestLog.list().filter((e) => e.path.startsWith("/api/v2/")).length).toBeGreaterThan(20);
  // No values without --keep-values: the callers' numbers are named, not kept.
  expect(readFileSync(file, "utf8")).not.toContain("+1317555");
});

const MENU = `kind: inboundCall
name: Lines
description: A menu line.
start: Welcome
nodes:
  Welcome:
    type: playMessage
    prompt: Welcome.
    transitions:
      next: Menu
  Menu:
    type: menu
    label: Main menu
    prompt: For sales press 1. For support press 2.
    choices:
      sales: { label: Sales, dtmf: 1 }
      support: { dtmf: 2 }
    repeatCount: 1
    transitions:
      sales: Sales
      support: Bye
      noInput: Bye
  Sales:
    type: playMessage
    prompt: Sales.
    transitions:
      next: Bye
  Bye:
    type: disconnect
`;

test("a menu's journeys, pulled, are the behaviour interpreter's: each one replays as a scenario taking exactly its steps", async () => {
  const stack = `config:\n  genesys-flows:environment: dev\n  genesys-flows:namePrefix: menu-\n  genesys-flows:accessToken: ${emu.accessToken}\n  genesys-flows:provider:\n    gateway: { protocol: http, host: 127.0.0.1, port: "${emu.port}" }\n`;
  const root = tempProject({ "Pulumi.dev.yaml": stack, "flows/calls/lines.yaml": MENU });
  emu.setFaults({});
  const [lines] = await Promise.all(readPortfolio(root, "dev").flows.map((f) => publishOk(emu, f.substitutedYaml)));
  // Notes records each item's name: the two choices that lead alike (support, no input: a menu task
  // disconnecting) are one kind each, which the order they ran in cannot tell apart (at Base: unmapped).
  const level = `${emu.url}/api/v2/flows/${lines.flow.id}/instances/settings/loglevels`;
  const notes = await call(level, { ...json({ logLevelCharacteristics: { level: "Notes" } }), token: emu.accessToken });
  expect(notes.status).toBe(200);
  const traffic = await call<Report>(`${emu.url}/__emulator/traffic`, {
    ...json({
      seed: 3,
      interactions: 60,
      flows: ["menu-Lines"],
      start: new Date(Date.now() - 3_600_000).toISOString(),
      spacingSeconds: 1,
      storage: "enabled",
      callers: { menus: { "Main menu": { "1": 2, "2": 1, silence: 1 } } },
    }),
    token: emu.accessToken,
  });
  expect(traffic.body.recorded).toBe(60);
  const r = await pull(["--root", root, "--flow", "calls/lines", "--since", "2h", "--out", "lines.json"]);
  expect([r.code, r.err]).toEqual([0, ""]);
  const pulled = JSON.parse(readFileSync(join(root, "lines.json"), "utf8")) as TrafficFile;
  expect(pulled.limits.unmappedActions).toEqual({});
  const journeys = pulled.flows[0].versions[0].journeys.map((j) => j.steps.join(" · ")).sort();
  expect(journeys).toEqual([
    "Welcome · Menu -> Main menu: no input · Bye",
    "Welcome · Menu -> Sales · Sales · Bye",
    "Welcome · Menu -> support · Bye",
  ]);
  // Each replays: the scenario found for it runs through the interpreter taking exactly its steps.
  let said = "";
  const written = await main(
    ["scenarios", "--stack", "dev", "--root", root, "--in", "lines.json", "--share", "100"],
    {
      out: { write: (t: string) => ((said += t), true) },
      err: { write: (t: string) => ((r.err += t), true) },
    } as never,
    {},
  );
  expect([written, r.err, said]).toEqual([0, "", "wrote scenarios/calls/lines/real-journeys-dev.yaml (3 scenarios)\n"]);
});
