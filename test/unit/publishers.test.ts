import {
  defaultPublishers,
  defaultTokenPool,
  FLOWS_PER_PUBLISHER,
  MAX_PUBLISHERS,
  PROVIDER_JOB_POLL_S,
  publisherName,
  publisherOf,
  requestsPerPublish,
  TOKEN_REQUESTS_PER_MINUTE,
} from "../../planner/publishers";
import { GENESYS_DEFAULT_REQUESTS_PER_MINUTE } from "../../emulator/rateLimit";

describe("publisherOf: which provider process publishes a flow", () => {
  const ids = Array.from({ length: 400 }, (_, i) => `calls/caller-${i}`);

  it("one publisher: every flow on the first", () => {
    expect(new Set(ids.map((id) => publisherOf(id, 1)))).toEqual(new Set([0]));
  });

  it("is a function of the flow's id alone: the same on every call, whatever other flows exist", () => {
    const first = ids.map((id) => publisherOf(id, 4));
    expect(ids.map((id) => publisherOf(id, 4))).toEqual(first);
    expect([...ids].reverse().map((id) => publisherOf(id, 4))).toEqual([...first].reverse());
    // Known values (sha256 of the id, first four bytes, modulo the count): a change of the hash
    // would move every deployed flow to another provider, so it is pinned.
    expect(["modules/lookup", "modules/verify", "digital/mail"].map((id) => publisherOf(id, 4))).toEqual([1, 2, 3]);
  });

  it("spreads flows over every publisher, none with more than twice its share", () => {
    for (const count of [2, 3, 4, MAX_PUBLISHERS]) {
      const load = new Array<number>(count).fill(0);
      for (const id of ids) load[publisherOf(id, count)]++;
      expect(load.every((n) => n > 0 && n < (2 * ids.length) / count)).toBe(true);
    }
  });

  it.each([0, -1, 1.5, MAX_PUBLISHERS + 1])("refuses a count of %p", (count) => {
    expect(() => publisherOf("calls/x", count)).toThrow(`publishers: ${count} is not an integer 1..${MAX_PUBLISHERS}`);
  });

  it("the first publisher keeps the one provider's name, so a stack that sets none keeps its state", () => {
    expect([0, 1, 7].map(publisherName)).toEqual([
      "genesyscloud",
      "genesyscloud-publisher-2",
      "genesyscloud-publisher-8",
    ]);
  });
});

describe("defaultPublishers: the publishers of a stack that sets none", () => {
  it("with an access token: one, whatever the flow count (every process would send the same token)", () => {
    for (const n of [0, 1, 126, 1000, 5000]) expect(defaultPublishers(n, "accessToken")).toBe(1);
  });

  it("with client credentials: one per FLOWS_PER_PUBLISHER flows, at least one, at most MAX_PUBLISHERS", () => {
    const at = (n: number) => defaultPublishers(n, "clientCredentials");
    expect(
      [0, 1, FLOWS_PER_PUBLISHER, FLOWS_PER_PUBLISHER + 1, 2 * FLOWS_PER_PUBLISHER, 500, 1000, 5000].map(at),
    ).toEqual([1, 1, 1, 2, 2, 4, MAX_PUBLISHERS, MAX_PUBLISHERS]);
  });

  it("a stack-wide republish stays within each publisher's minute: two requests of its token per publish, 300 a minute", () => {
    expect(2 * FLOWS_PER_PUBLISHER).toBeLessThanOrEqual(GENESYS_DEFAULT_REQUESTS_PER_MINUTE);
  });

  it.each([-1, 1.5, Number.NaN])("refuses a flow count of %p", (n) => {
    expect(() => defaultPublishers(n, "clientCredentials")).toThrow(`flow count: ${n} is not a whole number`);
  });
});

describe("defaultTokenPool: the publishes one provider process keeps in flight when a stack sets no tokenPoolSize", () => {
  it("as many as its one publish token sustains within Genesys's budget: 25 with client credentials, 18 with an access token (the read after a publish shares it)", () => {
    expect(TOKEN_REQUESTS_PER_MINUTE).toBe(GENESYS_DEFAULT_REQUESTS_PER_MINUTE);
    expect(defaultTokenPool("clientCredentials")).toBe(25);
    expect(defaultTokenPool("accessToken")).toBe(18);
  });

  it("keeps the publish token under its budget: requests per poll cycle × publishes in flight, a cycle being one poll sleep and a little; one more would not be", () => {
    for (const signIn of ["clientCredentials", "accessToken"] as const) {
      const perMinute = (pool: number) => (pool * requestsPerPublish(signIn) * 60) / PROVIDER_JOB_POLL_S;
      expect(perMinute(defaultTokenPool(signIn))).toBeLessThanOrEqual(TOKEN_REQUESTS_PER_MINUTE);
      expect(perMinute(defaultTokenPool(signIn) + 1)).toBeGreaterThan(TOKEN_REQUESTS_PER_MINUTE);
    }
  });
});
