// A DID pool (genesyscloud_telephony_providers_edges_did_pool): a range of numbers the org holds
// from its carrier. Genesys routes a number to an IVR config only when a DID pool holds it. It has
// no name in Genesys; its range names it. Not adopted by flows:import. One routing kind (../kind.ts).
import { z } from "zod";
import { didPoolRange } from "../fields";
import { when, defineRoutingKind } from "../kind";

export const didPoolFile = z
  .object({
    kind: z.literal("didPool"),
    description: z.string().max(500).optional(),
    /** The range, both ends included (E.164, same number of digits). */
    numbers: didPoolRange,
    /** Who provides the numbers: PURE_CLOUD_VOICE (Genesys Cloud Voice) or PURE_CLOUD (BYOC). Default: Genesys's. */
    provider: z.enum(["PURE_CLOUD", "PURE_CLOUD_VOICE"]).optional(),
    comments: z.string().max(500).optional(),
  })
  .strict();
export type DidPoolFile = z.infer<typeof didPoolFile>;

export const didPool = defineRoutingKind<DidPoolFile>({
  schema: didPoolFile,
  label: "DID pool",
  folder: "numbers",
  stackValues: ["numbers", "description", "provider", "comments"],
  named: false,
  nameOf: (v) => `${v.numbers.from}..${v.numbers.to}`,
  holds: (v) => v.numbers,
  details(b, a, field) {
    field("numbers", `${b.numbers.from}..${b.numbers.to}`, `${a.numbers.from}..${a.numbers.to}`);
    field("provider", b.provider, a.provider);
    field("comments", b.comments, a.comments);
  },
  provider: {
    resource: "TelephonyProvidersEdgesDidPool",
    args: (v) => ({
      startPhoneNumber: v.numbers.from,
      endPhoneNumber: v.numbers.to,
      ...when("comments", v.comments),
      ...when("poolProvider", v.provider),
    }),
  },
  // Not an Architect object: it refers to nothing, so dependency tracking lists it nowhere.
  org: {
    endpoint: "/api/v2/telephony/providers/edges/didpools",
    permission: "telephony:plugin:all",
    dependencyType: "DIDPOOL",
    fields: { startPhoneNumber: "first number", endPhoneNumber: "last number", comments: "comments" },
    observe: (e) => ({ startPhoneNumber: e.startPhoneNumber, endPhoneNumber: e.endPhoneNumber, comments: e.comments }),
    identity: (e) => `${String(e.startPhoneNumber)}..${String(e.endPhoneNumber)}`,
  },
});
