// The org an adoption round starts from (bench/adoption.ts): the bench portfolio (bench/flows.ts: two
// modules, N callers of four kinds) as a dev stack would have published it (`dev-` names, the dev
// stack's substitutions), with the queues its callers name, published once through an emulator's
// own publish API at full speed, then handed to each side's emulator as the same snapshot: both
// tools adopt the same org.
import { orgFileOf } from "../project/orgFile";
import { startEmulator } from "../emulator/server";
import type { PersistedState } from "../emulator/store";
import { plannedBenchPortfolio } from "./flows";
import { publishByJob } from "./emulatorThroughput";

/** The name prefix the source org's flows carry (the dev stack's). */
export const SOURCE_PREFIX = "dev-";

/** What Genesys answers for a queue created with its name alone (the provider and the import read them). */
const QUEUE_DEFAULTS = {
  skillEvaluationMethod: "ALL",
  scoringMethod: "TimestampAndPriority",
  acwSettings: { wrapupPrompt: "MANDATORY_TIMEOUT" },
} as const;

export interface SourceOrg {
  /** The emulator's store after the publishes: flows and their versions. */
  state: PersistedState;
  /** The queues the flows name (in the state, created through the API). */
  queues: number;
  /** Flows published (N + 2). */
  flows: number;
}

/** Publishes `texts` in order of `waves` (modules first) through the emulator's job API, `clients` at once. */
async function publishAll(url: string, token: string, waves: string[][], clients = 16): Promise<void> {
  const publish = async (text: string) => {
    const r = await publishByJob(url, token, text, Number.POSITIVE_INFINITY);
    if (!r.ok) throw new Error(`bench source org: ${r.why}`);
  };
  for (const wave of waves) {
    let next = 0;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < wave.length) await publish(wave[next++]!);
      }),
    );
  }
}

/** The source org of N callers (pure but for the emulator it publishes through, in this process). */
export async function sourceOrg(n: number): Promise<SourceOrg> {
  const { portfolio, modules, callers } = plannedBenchPortfolio(n, "dev", SOURCE_PREFIX, "bench source org");
  const org = orgFileOf(portfolio);
  const emu = await startEmulator({ port: 0, maxFlows: n + 100 });
  try {
    // The queues created through the API, with the settings Genesys gives every queue (a queue of the
    // emulator's org file has none of them, which no org's queue lacks).
    for (const q of org.queues ?? []) {
      const name = typeof q === "string" ? q : q.name;
      const res = await fetch(`${emu.url}/api/v2/routing/queues`, {
        method: "POST",
        headers: { authorization: `Bearer ${emu.accessToken}`, "content-type": "application/json" },
        body: JSON.stringify({ name, ...QUEUE_DEFAULTS }),
      });
      if (res.status !== 200) throw new Error(`bench source org: queue ${name}: ${res.status} ${await res.text()}`);
    }
    // Lookup, then Verify (it calls Lookup), then every caller.
    await publishAll(emu.url, emu.accessToken, [...modules.map((m) => [m]), callers]);
    return { state: emu.store.snapshot(), queues: (org.queues ?? []).length, flows: portfolio.flows.length };
  } finally {
    await emu.stop();
  }
}
