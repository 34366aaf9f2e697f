// The review weighed by real journeys, end to end on the emulator (issue 77 items 2 and 4): the
// fixture's module and two callers published, 400 seeded simulated calls recorded, `traffic pull`
// keeps them as journeys, and the review of a module change (a PIN nobody gave now returns
// "completed") weighs each caller by them. The share it prints equals what the traffic route's
// own report says the calls did: in Billing, the calls put through to General (no PIN, General
// connecting) now go to Billing; in Orders (every caller presses 1, every transfer connects),
// the calls that ended in a disconnect (no PIN) now reach the menu. The Billing calls whose
// General transfer did not connect now try Billing, which the pull cannot say connects for them:
// not weighed, and why.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { simulateCalls } from "../../behaviour/simulatedCalls";
import { diffPortfolios } from "../../diff/portfolioDiff";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { readPortfolio } from "../../project/portfolio";
import { call, publishOk } from "../../testkit/emulator";
import { tempProject } from "../../testkit/tempProject";
import { main } from "../../tools/traffic";
import { shareText } from "../../traffic/weigh";
import { parseTraffic } from "../../traffic/journeys";

const FILES = Object.fromEntries(
  ["flows/modules/check.yaml", "flows/calls/orders.yaml", "flows/calls/billing.yaml"].map((f) => [
    f,
    readFileSync(join(__dirname, "../fixtures/traffic-weigh", f), "utf8"),
  ]),
);
const side = (files: Record<string, string>) => ({
  sources: Object.entries(files).map(([file, text]) => ({
    id: file.replace(/^flows\//, "").replace(/\.yaml$/, ""),
    file,
    text,
  })),
});

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ simulator: simulateCalls });
});
afterAll(async () => {
  await emu?.stop();
});

interface Report {
  recorded: number;
  flows: Array<{ name: string; runs: number; endings: Record<string, number> }>;
}

test("the share the review prints is the share of the simulated calls the change reaches, by the traffic route's own report", async () => {
  const stack = `config:\n  genesys-flows:environment: dev\n  genesys-flows:namePrefix: dev-\n  genesys-flows:accessToken: ${emu.accessToken}\n  genesys-flows:provider:\n    gateway: { protocol: http, host: 127.0.0.1, port: "${emu.port}" }\n`;
  const root = tempProject({ "Pulumi.dev.yaml": stack, ...FILES });
  const flows = readPortfolio(root, "dev").flows;
  for (const f of [...flows].sort((a, b) => Number(b.id.startsWith("modules/")) - Number(a.id.startsWith("modules/"))))
    await publishOk(emu, f.substitutedYaml);
  const callers = {
    digits: { Ask: { "1234": 3, silence: 1 }, Menu: { "1": 1 } },
    transfers: { General: { success: 4, failure: 1 } },
  };
  const body = {
    seed: 3,
    interactions: 400,
    flows: ["dev-Orders", "dev-Billing"],
    start: new Date(Date.now() - 86_400_000).toISOString(),
    spacingSeconds: 60,
    storage: "enabled",
    callers,
  };
  const traffic = await call<Report>(`${emu.url}/__emulator/traffic`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    token: emu.accessToken,
  });
  expect(traffic.body.recorded).toBe(400);
  const ran = (name: string) => traffic.body.flows.find((f) => f.name === name)!;
  const billing = ran("dev-Billing");
  const orders = ran("dev-Orders");
  const billingChanged = billing.endings['transfer to queue "General" (priority 0)'];
  const ordersChanged = orders.endings.disconnect;
  expect([billingChanged, ordersChanged].every((n) => n > 0 && n < 200)).toBe(true);

  const out = { text: "" };
  const sink = { write: (s: string) => ((out.text += s), true) };
  expect(
    await main(["pull", "--stack", "dev", "--root", root, "--since", "5d"], { out: sink, err: sink } as never, {}),
  ).toBe(0);
  const pulled = parseTraffic(readFileSync(join(root, ".work/traffic/dev.json"), "utf8"));
  // The module's own actions are recorded inside its callers' executions, its first (collect) too, and map to its nodes.
  const steps = new Set(pulled.flows.flatMap((f) => f.versions.flatMap((v) => v.journeys.flatMap((j) => j.steps))));
  expect([...steps].filter((s) => s.startsWith("Check.")).sort()).toEqual([
    "Check.Ask -> failure",
    "Check.Ask -> success",
    "Check.Bad",
    "Check.Good",
  ]);
  expect(
    (JSON.parse(readFileSync(join(root, ".work/traffic/dev.json"), "utf8")) as { limits: { unmappedActions: object } })
      .limits.unmappedActions,
  ).toEqual({});
  const changed = {
    ...FILES,
    "flows/modules/check.yaml": FILES["flows/modules/check.yaml"].replace("outcome: error", "outcome: completed"),
  };
  const r = diffPortfolios(side(FILES), side(changed), {
    format: "text",
    base: "main",
    traffic: { traffic: pulled, source: ".work/traffic/dev.json" },
  });
  expect(r.text).toContain(
    `  calls/billing (flows/calls/billing.yaml): ${shareText(billingChanged, billing.runs)} would end elsewhere or hear something else; not weighed: ${billing.endings.disconnect} the new flow asks the org what the journey does not say (transfer queue Billing)`,
  );
  expect(r.text).toContain(
    `  calls/orders (flows/calls/orders.yaml): ${shareText(ordersChanged, orders.runs)} would end elsewhere or hear something else\n`,
  );
  expect(r.weight!.flows.map((f) => f.notWeighed.map((n) => [n.why, n.journeys]))).toEqual([
    [["the new flow asks the org what the journey does not say (transfer queue Billing)", billing.endings.disconnect]],
    [],
  ]);
});
