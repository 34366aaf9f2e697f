// The pack's one deserialization per resource (policies/deserializeOnce.ts), checked through
// @pulumi/policy's own analyzeStack handler and the engine's own request message: two stack
// policies must see the same properties, read from one deserialization, and still through the
// library's unknown-checking proxy. If a library update stops calling deserializeProperties through
// its module's exports, or changes what analyzeStack hands a policy, this fails.
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { StackValidationPolicy, PolicyResource } from "@pulumi/policy";
import { deserializeEachResourceOnce } from "../../policies/deserializeOnce";
import { analyzeStack, analyzeStackRequest, type RegisteredResource } from "../../testkit/packAnalysis";

const proxy = jest.requireActual<{ getSpecialProxyTarget: string; isSpecialProxy: string; unknownStringValue: string }>(
  "@pulumi/policy/proxy",
);
const deserialize = jest.requireActual<{
  deserializeProperties: (s: Struct, proxySecrets: boolean) => Record<string, unknown>;
}>("@pulumi/policy/deserialize");

const resource = (name: string, props: Record<string, unknown>): RegisteredResource => ({
  type: "genesys-flows:index:PublishedFlow",
  urn: `urn:pulumi:local::genesys-flows::genesys-flows:index:PublishedFlow::${name}`,
  name,
  props,
});

/** Runs the library's analyzeStack with `policies` over two resources; what each policy saw. */
async function analyze(policies: number): Promise<{ seen: PolicyResource[][] }> {
  const seen: PolicyResource[][] = [];
  const stackPolicies: StackValidationPolicy[] = Array.from({ length: policies }, (_, i) => ({
    name: `rule-${i}`,
    description: "records what it is handed",
    enforcementLevel: "mandatory",
    validateStack: (args) => {
      seen.push(args.resources);
    },
  }));
  // An unknown value is the library's sentinel string, as the engine marshals it.
  await analyzeStack(
    stackPolicies,
    analyzeStackRequest([
      resource("a", { facts: { publishedName: "A", calls: [{ id: "m" }] } }),
      resource("b", { facts: { publishedName: proxy.unknownStringValue } }),
    ]),
  );
  return { seen };
}

const target = (r: PolicyResource): unknown => (r.props as Record<string, unknown>)[proxy.getSpecialProxyTarget];

describe("one deserialization of each resource per analysis", () => {
  test("every stack policy gets the same values through its own proxy, deserialized once", async () => {
    const calls = jest.spyOn(Struct.prototype, "toJavaScript");
    deserializeEachResourceOnce();
    deserializeEachResourceOnce(); // idempotent: installing twice wraps once
    const { seen } = await analyze(3);
    expect(seen).toHaveLength(3);
    // Each resource's Struct turned into JavaScript once, not once per policy (nested Structs are
    // turned by their parent's call).
    const tops = calls.mock.contexts.filter((s) => (s as Struct).getFieldsMap().has("facts"));
    expect(tops).toHaveLength(2);
    expect(new Set(tops).size).toBe(2);
    calls.mockRestore();
    for (const resources of seen) {
      expect(resources.map((r) => r.name)).toEqual(["a", "b"]);
      expect((resources[0].props as Record<string, unknown>)[proxy.isSpecialProxy]).toBe(true);
    }
    // One plain object under every policy's proxy.
    expect(target(seen[1][0])).toBe(target(seen[0][0]));
    expect(target(seen[2][1])).toBe(target(seen[0][1]));
    expect(seen[1][0].props).not.toBe(seen[0][0].props);
    // The values are the engine's, and an unknown one still throws through the proxy.
    expect((seen[2][0].props.facts as { calls: Array<{ id: string }> }).calls[0].id).toBe("m");
    expect(() => (seen[2][1].props.facts as { publishedName: string }).publishedName).toThrow(
      /can't be known during preview/,
    );
  });

  test("a later analysis, with new request messages, is deserialized afresh", async () => {
    deserializeEachResourceOnce();
    const first = await analyze(2);
    const second = await analyze(2);
    expect(target(second.seen[0][0])).not.toBe(target(first.seen[0][0]));
    expect(target(second.seen[0][0])).toEqual(target(first.seen[0][0]));
  });

  test("the secrets-preserving form is never shared", () => {
    deserializeEachResourceOnce();
    const s = Struct.fromJavaScript({ a: 1 });
    expect(deserialize.deserializeProperties(s, true)).not.toBe(deserialize.deserializeProperties(s, true));
    expect(deserialize.deserializeProperties(s, false)).toBe(deserialize.deserializeProperties(s, false));
  });
});
