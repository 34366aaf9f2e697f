// The project's client stays within the budget the org announces (org/requestBudget.ts): many reads
// at once on one token (what a run's guards do before a cascade of publishes) are paced, and the
// emulator, enforcing Genesys's per-token budget, refuses none of them.
import { OrgApi } from "../../org/client";
import { RequestBudget } from "../../org/requestBudget";
import { withEmulator } from "../../testkit/emulator";

test("600 requests a minute announced, 650 reads at once after the first: every one answered 200, none refused with 429", async () => {
  await withEmulator({ faults: { rateLimit: { requestsPerMinute: 600 } } }, async (emu) => {
    const api = new OrgApi(emu.url, emu.accessToken, { budget: new RequestBudget() });
    await api.get("/api/v2/organizations/me");
    const answers = await Promise.all(Array.from({ length: 650 }, () => api.get<{ id: string }>("/api/v2/organizations/me")));
    expect(answers.every((a) => typeof a?.id === "string")).toBe(true);
    const log = emu.requestLog.list().filter((e) => e.operation === "org.get");
    expect(log).toHaveLength(651);
    expect(log.filter((e) => e.status === 429)).toEqual([]);
  });
});
