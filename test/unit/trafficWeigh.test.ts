// The review weighed by what real callers did (issue 77 item 4, issue 89 item 2): two versions of a
// small module (a PIN nobody gave now returns "completed" instead of "error") and two callers, and
// a pulled file written by hand as `traffic pull` writes it (each action a step, the module's as
// `Check.Ask -> success`, or `? tracking <n>` where the pull could not map them). The share the
// review prints is asserted against counts this test adds up itself from the file, by what each
// journey did; what cannot be weighed (another version, a path the old flow lacks, an action the
// pull could not map, an org's answer the journey does not give) is counted and named, each reason
// apart. Then the same through `genesys-flows diff` (--traffic, the stack's pulled file by
// default, the pull-request comment) and the MCP review tool.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { diffPortfolios } from "../../diff/portfolioDiff";
import { main } from "../../tools/flowsDiff";
import { createMcpServer } from "../../tools/mcp/server";
import { commitAsMain, editFile, runMain } from "../../testkit/fixtureProject";
import { tempProject } from "../../testkit/tempProject";
import { shareText, weighFlow, type Becomes } from "../../traffic/weigh";
import { parseTraffic } from "../../traffic/journeys";
import type { Journey, TrafficFile } from "../../traffic/journeys";

/** The flows of test/fixtures/traffic-weigh (shared with the emulator tier's test), by file. */
const FILES = Object.fromEntries(
  ["flows/modules/check.yaml", "flows/calls/orders.yaml", "flows/calls/billing.yaml"].map((f) => [
    f,
    readFileSync(join(__dirname, "../fixtures/traffic-weigh", f), "utf8"),
  ]),
);
/** The change under review: a caller who gives no PIN is now let on as if verified. */
const CHANGED = {
  ...FILES,
  "flows/modules/check.yaml": FILES["flows/modules/check.yaml"].replace("outcome: error", "outcome: completed"),
};

const journey = (count: number, steps: string[]): Journey => ({ id: steps.join("|").slice(0, 12), count, steps });
const version = (v: string, inStack: boolean, journeys: Journey[]) => ({
  version: v,
  inStack,
  executions: journeys.reduce((n, j) => n + j.count, 0),
  journeys,
});
const ok = ["Welcome", "Verify", "Check.Ask -> success", "Check.Good", "Verify -> yes"];
const noPin = ["Welcome", "Verify", "Check.Ask -> failure", "Check.Bad", "Verify -> no"];
const TRAFFIC: TrafficFile = {
  stack: "dev",
  window: { from: "2026-11-20T00:00:00.000Z", to: "2026-11-27T00:00:00.000Z" },
  keepValues: false,
  flows: [
    {
      name: "dev-Billing",
      flowId: "b1",
      file: "flows/calls/billing.yaml",
      versions: [
        version("1.0", true, [
          journey(1500, ["Verify", "Check.Ask -> success", "Check.Good", "Verify -> yes", "ToBilling"]),
          journey(120, ["Verify", "Check.Ask -> failure", "Check.Bad", "Verify -> no", "ToGeneral"]),
          journey(7, ["Verify", "Check.Ask -> failure", "Check.Bad", "Verify -> no", "ToGeneral -> failure", "Bye"]),
        ]),
      ],
    },
    {
      name: "dev-Orders",
      flowId: "o1",
      file: "flows/calls/orders.yaml",
      versions: [
        version("2.0", false, [journey(11, [...ok, "Menu -> success", "Route -> yes", "NewOrder"])]),
        version("3.0", true, [
          journey(800, [...ok, "Menu -> success", "Route -> yes", "NewOrder"]),
          journey(389, [...ok, "Menu -> success", "Route -> no", "Bye"]),
          journey(38, [...noPin, "Bye"]),
          journey(5, ["Welcome", "Mystery"]),
          journey(3, ["Welcome", "Verify", "? tracking 2", "Check.Bad", "Verify -> no", "Bye"]),
        ]),
      ],
    },
  ],
  limits: {
    queries: 4,
    cappedWindows: ["2026-11-21T10:00:00.000Z/2026-11-21T10:00:01.000Z"],
    failedDownloads: [],
    flowsWithoutData: ["dev-Check"],
    flowsNotInStack: {},
    versionsNotInStack: ["dev-Orders 2.0"],
    unmappedActions: {},
  },
};

/** Counted here from the file, by what each journey did: the callers the change reaches gave no PIN (`Verify -> no`). */
function expected(file: string, changes: (steps: string[]) => boolean) {
  const versions = TRAFFIC.flows.find((f) => f.file === file)!.versions;
  const total = versions.reduce((n, v) => n + v.journeys.reduce((m, j) => m + j.count, 0), 0);
  const changed = versions
    .filter((v) => v.inStack)
    .reduce((n, v) => n + v.journeys.filter((j) => changes(j.steps)).reduce((m, j) => m + j.count, 0), 0);
  const pct = ((100 * changed) / total).toFixed(1);
  return `${changed.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} journeys (${pct} %)`;
}
// Orders: no PIN ended the call; now the menu follows (a journey the pull could not map aside).
// Billing: no PIN went to General, now to Billing, whether Billing connects or not (a caller whose
// General transfer did not connect now ends alike only if Billing's does not: not weighed).
const ORDERS_SHARE = expected(
  "flows/calls/orders.yaml",
  (s) => s.includes("Verify -> no") && !s.some((x) => x.startsWith("? ")),
);
const BILLING_SHARE = expected(
  "flows/calls/billing.yaml",
  (s) => s.includes("Verify -> no") && s[s.length - 1] === "ToGeneral",
);

const side = (files: Record<string, string>) => ({
  sources: Object.entries(files).map(([file, text]) => ({
    id: file.replace(/^flows\//, "").replace(/\.yaml$/, ""),
    file,
    text,
  })),
});

test("the share of the pulled journeys that change, per flow whose journeys change, as counted from the file; what is not weighed named", () => {
  expect([ORDERS_SHARE, BILLING_SHARE]).toEqual(["38 of 1,246 journeys (3.0 %)", "120 of 1,627 journeys (7.4 %)"]);
  const r = diffPortfolios(side(FILES), side(CHANGED), {
    format: "text",
    base: "main",
    traffic: { traffic: parseTraffic(JSON.stringify(TRAFFIC)), source: "pulled.json" },
  });
  const section = r.text.slice(r.text.indexOf("Real journeys that change"));
  expect(section.split("\n").filter((l) => /^ {2}\S/.test(l))).toEqual([
    `  calls/billing (flows/calls/billing.yaml): ${BILLING_SHARE} would end elsewhere or hear something else; not weighed: 7 the new flow asks the org what the journey does not say (transfer queue Billing) (e.g. Verify · Check.Ask -> failure · Check.Bad · Verify -> no · ToGeneral -> failure · Bye)`,
    `  calls/orders (flows/calls/orders.yaml): ${ORDERS_SHARE} would end elsewhere or hear something else; not weighed: 11 version 2.0, not what the stack compiled when pulled; 5 a path the old flow does not have (e.g. Welcome · Mystery); 3 an action the pull could not map to a node now (e.g. Welcome · Verify · ? tracking 2 · Check.Bad · Verify -> no · Bye)`,
    "  calls/billing:",
    "  calls/orders:",
    "  Modules are weighed through their callers: modules/check.",
    "  The pull could not see everything: 1 time windows still at the 200 cap (executions may be missing).",
  ]);
  expect(section).toContain(
    `    - Verify: Check ends at Bad · ToGeneral: General connects\n      ${BILLING_SHARE} would now end in transfer to queue "Billing" (priority 0) instead of transfer to queue "General" (priority 0), or end in disconnect instead of transfer to queue "General" (priority 0)\n`,
  );
  expect(section).toContain(
    `    - Verify: Check ends at Bad\n      ${ORDERS_SHARE} would now end in transfer to queue "Sales" (priority 0) instead of disconnect; hear "For a new order, press 1." too, after "Enter your PIN.", or hear "For a new order, press 1." too, after "Enter your PIN."\n`,
  );
  expect(
    section.startsWith("Real journeys that change (pulled from stack dev, 2026-11-20 to 2026-11-27: pulled.json):\n"),
  ).toBe(true);
  expect(r.weight!.flows.map((f) => [f.flow, f.changed, f.journeys])).toEqual([
    ["calls/billing", 120, 1627],
    ["calls/orders", 38, 1246],
  ]);
  // The same file in another order weighs the same: deterministic.
  const reversed = {
    ...TRAFFIC,
    flows: [...TRAFFIC.flows].reverse().map((f) => ({ ...f, versions: [...f.versions].reverse() })),
  };
  expect(
    diffPortfolios(side(FILES), side(CHANGED), {
      format: "text",
      base: "main",
      traffic: { traffic: parseTraffic(JSON.stringify(reversed)), source: "pulled.json" },
    }).text,
  ).toBe(r.text);
  // No change, nothing weighed; a file that is not a pull's is refused with the field at fault.
  expect(
    diffPortfolios(side(FILES), side(FILES), {
      format: "text",
      base: "main",
      traffic: { traffic: parseTraffic(JSON.stringify(TRAFFIC)), source: "pulled.json" },
    }).text,
  ).not.toContain("Real journeys");
  expect(() => parseTraffic(JSON.stringify({ ...TRAFFIC, flows: [{ name: "x" }] }))).toThrow(
    "not a file traffic pull writes: flows.0.file:",
  );
});

describe("genesys-flows diff and the MCP review weigh by the pulled journeys", () => {
  let repo: string;
  beforeAll(() => {
    repo = tempProject({
      ...FILES,
      "Pulumi.dev.yaml": "config:\n  genesys-flows:environment: dev\n  genesys-flows:namePrefix: dev-\n",
    });
    commitAsMain(repo);
    editFile(repo, "flows/modules/check.yaml", "outcome: error", "outcome: completed");
    writeFileSync(join(repo, "pulled.json"), JSON.stringify(TRAFFIC));
  });

  test("--traffic <file>; with --stack the stack's pulled file by default; the comment carries the section; a file that does not read is a usage error", () => {
    const given = runMain(main, ["--root", repo, "--base", "main", "--traffic", "pulled.json"]);
    expect([given.code, given.err]).toEqual([0, ""]);
    expect(given.out).toContain(
      `  calls/orders (flows/calls/orders.yaml): ${ORDERS_SHARE} would end elsewhere or hear something else;`,
    );
    expect(runMain(main, ["--root", repo, "--base", "main", "--stack", "dev"]).out).not.toContain("Real journeys");
    mkdirSync(join(repo, ".work/traffic"), { recursive: true });
    writeFileSync(join(repo, ".work/traffic/dev.json"), JSON.stringify(TRAFFIC));
    const stack = runMain(main, [
      "--root",
      repo,
      "--base",
      "main",
      "--stack",
      "dev",
      "--comment",
      join(repo, "comment.md"),
    ]);
    expect(stack.out).toContain(
      `  calls/billing (flows/calls/billing.yaml): ${BILLING_SHARE} would end elsewhere or hear something else; not weighed: 7 `,
    );
    const comment = readFileSync(join(repo, "comment.md"), "utf8");
    expect(comment).toContain(
      "### Real journeys that change\n\nWeighed by the journeys pulled from stack dev, 2026-11-20 to 2026-11-27: `.work/traffic/dev.json`.\n",
    );
    expect(comment).toContain(
      `| Verify: Check ends at Bad | ${ORDERS_SHARE} | would now end in transfer to queue "Sales" (priority 0) instead of disconnect; hear "For a new order, press 1." too, after "Enter your PIN.", or hear "For a new order, press 1." too, after "Enter your PIN." |`,
    );
    writeFileSync(join(repo, "broken.json"), "{}");
    const broken = runMain(main, ["--root", repo, "--base", "main", "--traffic", "broken.json"]);
    expect([broken.code, broken.err.split("\n")[0]]).toEqual([
      2,
      "flows:diff: --traffic broken.json: not a file traffic pull writes: stack: Invalid input: expected string, received undefined (a file genesys-flows traffic pull writes: pull again, or give another with --traffic)",
    ]);
  });

  test("the MCP review answers the weight per flow; a pulled file outside the project is refused", async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await createMcpServer(repo).connect(serverSide);
    const client = new Client({ name: "weigh-test", version: "1.0.0" });
    await client.connect(clientSide);
    const call = async (args: Record<string, unknown>) => {
      const r = await client.callTool({ name: "review", arguments: args });
      return { isError: r.isError === true, text: (r.content as Array<{ text: string }>)[0].text };
    };
    const r = await call({ base: "main", traffic: "pulled.json" });
    expect(r.isError).toBe(false);
    const weight = JSON.parse(r.text).realJourneys;
    expect(weight.source).toBe("pulled.json");
    expect(weight.flows.map((f: { flow: string; share: string }) => [f.flow, f.share])).toEqual([
      ["calls/billing", BILLING_SHARE],
      ["calls/orders", ORDERS_SHARE],
    ]);
    expect(weight.flows[1].notWeighed).toEqual([
      { why: "version 2.0, not what the stack compiled when pulled", journeys: 11 },
      { why: "a path the old flow does not have", journeys: 5 },
      { why: "an action the pull could not map to a node now", journeys: 3 },
    ]);
    const away = await call({ base: "main", traffic: "../elsewhere.json" });
    expect([away.isError, away.text]).toEqual([true, expect.stringContaining("is outside the project")]);
    await client.close();
  });
});

test("the count: journeys alike are not weighed apart from those that cannot be; each reason is counted apart, its most frequent journey shown; another version is not run", () => {
  const steps = (s: string) => s.split(" ");
  const pulled = {
    name: "f",
    file: "flows/f.yaml",
    versions: [
      { version: "1.0", inStack: false, executions: 9, journeys: [journey(9, steps("A B"))] },
      {
        version: "2.0",
        inStack: true,
        executions: 1131,
        journeys: [
          journey(1000, steps("A B")),
          journey(60, steps("A C")),
          journey(50, steps("A D")),
          journey(13, steps("A E")),
          journey(7, steps("A E E")),
          journey(1, steps("A F")),
        ],
      },
    ],
  };
  const verdicts: Record<string, Becomes<string>> = {
    "A B": { changes: "would now end in X instead of Y", journey: "old B" },
    "A C": undefined,
    "A D": { notWeighed: "why D" },
    "A E": { notWeighed: "why E" },
    "A E E": { notWeighed: "why E" },
    "A F": { changes: "would now end in X instead of Y", journey: "old F" },
  };
  const asked: string[] = [];
  const w = weighFlow(pulled, (real) => (asked.push(real.steps.join(" ")), verdicts[real.steps.join(" ")]));
  expect(asked).toEqual(["A B", "A C", "A D", "A E", "A E E", "A F"]);
  expect(w.changed).toEqual([
    { what: "would now end in X instead of Y", journey: "old B", journeys: 1000 },
    { what: "would now end in X instead of Y", journey: "old F", journeys: 1 },
  ]);
  expect(w.notWeighed).toEqual([
    { why: "why D", journeys: 50, example: ["A", "D"] },
    { why: "why E", journeys: 20, example: ["A", "E"] },
    { why: "version 1.0, not what the stack compiled when pulled", journeys: 9 },
  ]);
  expect([w.journeys, shareText(1001, w.journeys), shareText(0, 0), shareText(1, 1_000_000)]).toEqual([
    1140,
    "1,001 of 1,140 journeys (87.8 %)",
    "0 of 0 journeys (0.0 %)",
    "1 of 1,000,000 journeys (< 0.1 %)",
  ]);
});
