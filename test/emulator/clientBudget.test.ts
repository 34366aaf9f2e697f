// The project's client stays within the budget the org announces (org/requestBudget.ts): many reads
// at once on one token (what a run's guards do before a cascade of publishes) are paced, and the
// emulator, enforcing Genesys's per-token budget, refuses none of them; a sign-in with client
// credentials spreads them over more tokens once one's budget is spent (org/tokenPool.ts).
import { OrgApi } from "../../org/client";
import { RequestBudget } from "../../org/requestBudget";
import { withEmulator } from "../../testkit/emulator";
import { connectToOrg } from "../../org/signIn";
import { parseStackSettings } from "../../planner/stackSettings";
import { programTokens } from "../../planner/publishers";
import type { RunningEmulator } from "../../emulator/server";
import { runSignIn } from "../../run/operation";

/** One read, then `more` at once: every one answered with the org, the emulator's log holding them all and no 429. */
async function readsAllAnswered(emu: RunningEmulator, api: OrgApi, more: number): Promise<void> {
  await api.get("/api/v2/organizations/me");
  const answers = await Promise.all(
    Array.from({ length: more }, () => api.get<{ id: string }>("/api/v2/organizations/me")),
  );
  expect(answers.every((a) => typeof a?.id === "string")).toBe(true);
  const log = emu.requestLog.list().filter((e) => e.operation === "org.get");
  expect(log).toHaveLength(more + 1);
  expect(log.filter((e) => e.status === 429)).toEqual([]);
}

/** A dev stack pointed at `emu`, and the environment that signs in with its OAuth client. */
function devStackOn(emu: RunningEmulator) {
  const port = new URL(emu.url).port;
  const settings = parseStackSettings(
    {
      "genesys-flows:environment": "dev",
      "genesys-flows:namePrefix": "dev-",
      "genesys-flows:provider": { gateway: { protocol: "http", host: "127.0.0.1", port } },
    },
    "Pulumi.dev.yaml",
  );
  const env = { GENESYSCLOUD_OAUTHCLIENT_ID: emu.clientId, GENESYSCLOUD_OAUTHCLIENT_SECRET: emu.clientSecret };
  return { settings, env };
}

test("600 requests a minute announced, 650 reads at once after the first: every one answered 200, none refused with 429", async () => {
  await withEmulator({ faults: { rateLimit: { requestsPerMinute: 600 } } }, async (emu) => {
    await readsAllAnswered(emu, new OrgApi(emu.url, emu.accessToken, { budget: new RequestBudget() }), 650);
  });
});

test("a run's sign-in with client credentials grants more tokens once its budget is spent, each its own budget: 700 reads, none refused, one token per 300", async () => {
  await withEmulator({ faults: { rateLimit: { requestsPerMinute: 300 } } }, async (emu) => {
    const { settings, env } = devStackOn(emu);
    const { api } = await connectToOrg({ stack: "dev", settings, env, tokens: programTokens(2) });
    await readsAllAnswered(emu, api, 699);
    // 300 a token: the first, then two more granted, well below the most (4 for two publishers).
    expect(api.tokensHeld).toBe(3);
    // A run that stays within one budget signs in once.
    const small = await connectToOrg({ stack: "dev", settings, env, tokens: programTokens(2) });
    await Promise.all(Array.from({ length: 20 }, () => small.api.get("/api/v2/organizations/me")));
    expect(small.api.tokensHeld).toBe(1);
  });
});

test("an up's own sign-in (the operation's) holds the tokens its run asks for: 700 reads spread over three, not queued on one", async () => {
  await withEmulator({ faults: { rateLimit: { requestsPerMinute: 300 } } }, async (emu) => {
    const { settings, env } = devStackOn(emu);
    const noSecret = (key: string) => Promise.reject(new Error(`${key} is not set`));
    const { api } = await runSignIn("dev", () => env, noSecret)(settings, programTokens(2));
    await readsAllAnswered(emu, api, 699);
    expect(api.tokensHeld).toBe(3);
  });
});
