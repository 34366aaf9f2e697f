// The share is counted, not estimated (issue 89 item 2): the test's own copy of a Billing line
// whose VerifyCaller module gives three PIN tries is published on the emulator, 217 seeded callers
// (a well-formed PIN, a refused one or nothing, at each try) are recorded, and `traffic pull` keeps
// them as journeys. The review of a change weighed by that file must count exactly what a brute
// force over the same file counts (bruteShare.ts: every way the seeded callers could have gone
// through the old flow with concrete entries, run again on the new): cutting the tries to 2
// changes the callers who failed three times and those verified on the third try; a prompt every
// caller hears changes every journey. Nothing is left "not weighed" when every journey replays.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { programOfPortfolio } from "../../behaviour/program";
import { simulateCalls } from "../../behaviour/simulatedCalls";
import { diffPortfolios } from "../../diff/portfolioDiff";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { readPortfolio } from "../../project/portfolio";
import { call, publishOk } from "../../testkit/emulator";
import { tempProject } from "../../testkit/tempProject";
import { main } from "../../tools/traffic";
import { parseTraffic, type PulledTraffic } from "../../traffic/journeys";
import { shareText } from "../../traffic/weigh";
import { bruteCount, type Alphabet } from "./bruteShare";

const FIXTURE = join(__dirname, "../fixtures/traffic-share");
const FILES = Object.fromEntries(["flows/modules/verify-caller.yaml", "flows/modules/lookup-customer.yaml", "flows/calls/billing.yaml"].map((f) => [f, readFileSync(join(FIXTURE, f), "utf8")]));
/** What the seeded callers enter at each PIN try. */
const ALPHABET: Alphabet = { "Ask for the PIN": ["1234", "0000", "silence"] };
const STACK = "config:\n  genesys-flows:environment: dev\n  genesys-flows:namePrefix: dev-\n";

const side = (files: Record<string, string>) => ({ sources: Object.entries(files).map(([file, text]) => ({ id: file.replace(/^flows\//, "").replace(/\.yaml$/, ""), file, text })) });
const program = (files: Record<string, string>) => programOfPortfolio(readPortfolio(tempProject({ "Pulumi.dev.yaml": STACK, ...files }), "dev"));
const edit = (file: string, from: string, to: string) => {
  expect(FILES[file]).toContain(from);
  return { ...FILES, [file]: FILES[file].replace(from, to) };
};

let emu: RunningEmulator;
let pulled: PulledTraffic;
beforeAll(async () => {
  emu = await startEmulator({ simulator: simulateCalls });
  const stack = `${STACK}  genesys-flows:accessToken: ${emu.accessToken}\n  genesys-flows:provider:\n    gateway: { protocol: http, host: 127.0.0.1, port: "${emu.port}" }\n`;
  const root = tempProject({ "Pulumi.dev.yaml": stack, ...FILES });
  const flows = readPortfolio(root, "dev").flows;
  for (const id of ["modules/lookup-customer", "modules/verify-caller", "calls/billing"]) await publishOk(emu, flows.find((f) => f.id === id)!.substitutedYaml);
  const weights = { "1234": 3, "0000": 1, silence: 1 };
  const body = { seed: 89, interactions: 217, flows: ["dev-Billing"], start: new Date(Date.now() - 86_400_000).toISOString(), spacingSeconds: 60, storage: "enabled", callers: { digits: { "Ask for the PIN": weights } } };
  const traffic = await call<{ recorded: number }>(`${emu.url}/__emulator/traffic`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), token: emu.accessToken });
  expect(traffic.body.recorded).toBe(217);
  const sink = { write: () => true };
  expect(await main(["pull", "--stack", "dev", "--root", root, "--since", "5d"], { out: sink, err: sink } as never, {})).toBe(0);
  pulled = parseTraffic(readFileSync(join(root, ".work/traffic/dev.json"), "utf8"));
});
afterAll(async () => {
  await emu?.stop();
});

/** The review of `head` weighed by the pull, and the brute force's count over the same file. */
function both(head: Record<string, string>) {
  const r = diffPortfolios(side(FILES), side(head), { format: "text", base: "main", traffic: { traffic: pulled, source: ".work/traffic/dev.json" } });
  const brute = bruteCount(pulled, "flows/calls/billing.yaml", { base: program(FILES), head: program(head) }, "calls/billing", ALPHABET);
  return { r, weight: r.weight!.flows.find((f) => f.flow === "calls/billing"), brute };
}

const total = () => pulled.flows[0].versions.reduce((n, v) => n + v.executions, 0);
/** The journeys that asked for the PIN `n` times, counted from the file's steps. */
const tries = (n: number) =>
  pulled.flows[0].versions.flatMap((v) => v.journeys).reduce((sum, j) => sum + (j.steps.filter((s) => s.startsWith("VerifyCaller.AskPin")).length === n ? j.count : 0), 0);

test("the pull holds the 217 calls, callers who tried once, twice and three times", () => {
  expect(total()).toBe(217);
  expect([1, 2, 3].map(tries).every((n) => n > 0)).toBe(true);
  expect(tries(1) + tries(2) + tries(3)).toBe(217);
});

test("a module's PIN loop of 3 tries cut to 2: the callers who asked three times change, as the brute force counts", () => {
  const { r, weight, brute } = both(edit("flows/modules/verify-caller.yaml", "maxLoops: 3", "maxLoops: 2"));
  expect([brute.undetermined, brute.unmatched]).toEqual([0, 0]);
  expect(brute.changed).toBe(tries(3));
  expect([weight!.changed, weight!.journeys, weight!.notWeighed]).toEqual([brute.changed, 217, []]);
  expect(r.text).toContain(`  calls/billing (flows/calls/billing.yaml): ${shareText(brute.changed, 217)} would end elsewhere or hear something else\n`);
});

test("a prompt every caller hears: every journey changes", () => {
  const { r, weight, brute } = both(edit("flows/modules/verify-caller.yaml", "prompt: Please enter your four digit account PIN.", "prompt: Please key in your four digit PIN."));
  expect([brute.changed, brute.undetermined, brute.unmatched]).toEqual([217, 0, 0]);
  expect([weight!.changed, weight!.notWeighed]).toEqual([217, []]);
  expect(r.text).toContain(`  calls/billing (flows/calls/billing.yaml): ${shareText(217, 217)} would end elsewhere or hear something else\n`);
});
