// components/provider.ts providerArgs: the token pool a stack's provider gets (issue 63). The pool
// bounds the publishes a provider process runs at once, so a stack that sets none gets as many as its
// publish token sustains (planner/publishers.ts defaultTokenPool), not the provider's own 10.
import { providerArgs } from "../../components/provider";
import { defaultTokenPool } from "../../planner/publishers";
import { settings } from "../../testkit/portfolio";

describe("providerArgs: the token pool", () => {
  it("a stack's provider.tokenPoolSize wins (the local stack sets 1)", () => {
    expect(providerArgs(settings({ provider: { tokenPoolSize: 1 } }), { accessToken: "t" }).tokenPoolSize).toBe(1);
    expect(
      providerArgs(settings({ forceUnlock: true, provider: { tokenPoolSize: 7 } }), {
        oauthClientId: "c",
        oauthClientSecret: "s",
      }).tokenPoolSize,
    ).toBe(7);
  });

  it("unset: the default for the stack's sign-in, from the credentials given or as the program says", () => {
    const client = { oauthClientId: "c", oauthClientSecret: "s" };
    expect(providerArgs(settings({}), client).tokenPoolSize).toBe(defaultTokenPool("clientCredentials"));
    expect(providerArgs(settings({ forceUnlock: true }), client).tokenPoolSize).toBe(
      defaultTokenPool("clientCredentials"),
    );
    expect(providerArgs(settings({}), { accessToken: "t" }).tokenPoolSize).toBe(defaultTokenPool("accessToken"));
    // Credentials from the environment: the program knows (GENESYSCLOUD_ACCESS_TOKEN), and says so.
    expect(providerArgs(settings({}), {}, "accessToken").tokenPoolSize).toBe(defaultTokenPool("accessToken"));
    expect(providerArgs(settings({}), {}).tokenPoolSize).toBe(defaultTokenPool("clientCredentials"));
  });
});
