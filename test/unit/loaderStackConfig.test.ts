// Stack config: the genesys-flows:* keys of Pulumi.<stack>.yaml, validated with readable errors.
import { readFileSync } from "fs";
import { join } from "path";
import YAML from "yaml";
import { parseStackConfig } from "../../components/stackConfig";
import { messageOf } from "./helpers/flowFiles";

const ROOT = join(__dirname, "..", "..");


describe("parseStackConfig", () => {
  it.each(["local", "dev", "prod"])("accepts Pulumi.%s.yaml", (stack) => {
    const raw = YAML.parse(readFileSync(join(ROOT, `Pulumi.${stack}.yaml`), "utf8")).config;
    const config = parseStackConfig(raw, `Pulumi.${stack}.yaml`);
    expect(config.namePrefix).toBe(`${stack}-`);
    expect(config.environment).toBe(stack);
    expect(config.module.file).toBe("flows/verify-caller.yaml");
    expect(config.inboundFlows.map((f) => f.file)).toEqual(["flows/sales.yaml", "flows/support.yaml", "flows/billing.yaml"]);
    if (stack === "prod") expect(config.forceUnlock).toBe(false);
  });

  it("accepts bare keys, ignores other namespaces and applies defaults", () => {
    const config = parseStackConfig(
      { environment: "dev", module: { file: "m.yaml" }, inboundFlows: [{ file: "a.yaml" }], "genesyscloud:awsRegion": "us-east-1" },
      "test",
    );
    expect(config).toEqual({
      environment: "dev",
      namePrefix: "",
      module: { file: "m.yaml", substitutions: {} },
      inboundFlows: [{ file: "a.yaml", substitutions: {} }],
      forceUnlock: false,
      provider: {},
    });
  });

  it("accepts a provider target and secret credentials as pulumi writes them", () => {
    const config = parseStackConfig(
      {
        "genesys-flows:environment": "local",
        "genesys-flows:module": { file: "m.yaml" },
        "genesys-flows:inboundFlows": [{ file: "a.yaml" }],
        "genesys-flows:provider": { gateway: { protocol: "http", host: "127.0.0.1", port: 8787 } },
        "genesys-flows:oauthClientId": "client",
        "genesys-flows:oauthClientSecret": { secure: "v1:abc" },
      },
      "Pulumi.local.yaml",
    );
    expect(config.provider).toEqual({ gateway: { protocol: "http", host: "127.0.0.1", port: "8787" } });
    expect(config.oauthClientSecret).toEqual({ secure: "v1:abc" });
    expect(() =>
      parseStackConfig(
        { environment: "dev", module: { file: "m.yaml" }, inboundFlows: [{ file: "a.yaml" }], provider: { region: "us-east-9" } },
        "Pulumi.dev.yaml",
      ),
    ).toThrow(/Pulumi.dev.yaml: field "genesys-flows:provider.region"/);
  });

  it("names unknown keys, missing keys and wrong types", () => {
    expect(
      messageOf(() =>
        parseStackConfig(
          {
            "genesys-flows:environment": "dev",
            "genesys-flows:namePrefx": "dev-",
            "genesys-flows:inboundFlows": [{ file: "a.yaml", substitutions: { q: 3 } }],
          },
          "Pulumi.dev.yaml",
        ),
      ),
    ).toBe(
      [
        'Pulumi.dev.yaml: field "genesys-flows:module": is missing; expected a mapping',
        'Pulumi.dev.yaml: field "genesys-flows:inboundFlows[0].substitutions.q": expected a string, found 3',
        'Pulumi.dev.yaml: field "genesys-flows:namePrefx": unknown key; did you mean "namePrefix"? Valid keys: accessToken, environment, forceUnlock, inboundFlows, module, namePrefix, oauthClientId, oauthClientSecret, provider',
      ].join("\n"),
    );
  });
});
