// Stack files hold only what differs per environment; every mistake is named with the file and key.
import { readStackSettings } from "../../project/stackFile";
import { parseStackSettings } from "../../planner/stackSettings";
import { messageOf, tempProject } from "../../testkit/portfolio";

const parse = (config: Record<string, unknown>) => parseStackSettings(config, "Pulumi.dev.yaml");

test("defaults: no prefix, every flow, no substitutions, forceUnlock off", () => {
  const s = parse({ "genesys-flows:environment": "dev", "genesyscloud:other": "ignored" });
  expect(s).toMatchObject({
    environment: "dev",
    namePrefix: "",
    include: ["**"],
    exclude: [],
    substitutions: {},
    flows: {},
    forceUnlock: false,
  });
});

test("forceUnlock as pulumi config set writes it ('true') is a boolean", () => {
  expect(parse({ "genesys-flows:environment": "dev", "genesys-flows:forceUnlock": "true" }).forceUnlock).toBe(true);
});

test("unknown keys are named with the file, with a did-you-mean; nested ones too", () => {
  const m = messageOf(() =>
    parse({
      "genesys-flows:environment": "dev",
      "genesys-flows:namePrefx": "d-",
      "genesys-flows:provider": { gatway: {} },
    }),
  );
  expect(m).toContain('Pulumi.dev.yaml: field "genesys-flows:namePrefx": unknown key; did you mean "namePrefix"?');
  expect(m).toContain('Pulumi.dev.yaml: field "genesys-flows:provider.gatway": unknown key; did you mean "gateway"?');
});

test("an unknown key without a near name lists the valid keys at its place: provider, its gateway, routing", () => {
  const at = (config: Record<string, unknown>) =>
    messageOf(() => parse({ "genesys-flows:environment": "dev", ...config }));
  expect(at({ "genesys-flows:provider": { zzz: 1 } })).toContain(
    "valid keys: customRetryTimeout, gateway, publishers, region, tokenPoolSize",
  );
  expect(at({ "genesys-flows:provider": { gateway: { protocol: "http", host: "h", port: 1, zzz: 1 } } })).toContain(
    "valid keys: host, port, protocol",
  );
  expect(at({ "genesys-flows:routing": { zzz: 1 } })).toContain("valid keys: exclude, objects");
});

test("the keys of the single-module layout say what replaced them", () => {
  const m = messageOf(() =>
    parse({ "genesys-flows:environment": "dev", "genesys-flows:module": { file: "flows/x.yaml" } }),
  );
  expect(m).toContain(
    'field "genesys-flows:module": no longer a setting: every flow file under flows/ now belongs to every stack',
  );
});

test("a region the provider does not know, or a bad flow id key, is refused", () => {
  expect(
    messageOf(() => parse({ "genesys-flows:environment": "dev", "genesys-flows:provider": { region: "us-east-9" } })),
  ).toContain("genesys-flows:provider.region");
  expect(
    messageOf(() => parse({ "genesys-flows:environment": "dev", "genesys-flows:flows": { "../x": {} } })),
  ).toContain('invalid key "../x"');
});

test("the stack file reader names a missing file, duplicate keys and a missing environment", () => {
  const root = tempProject({
    "Pulumi.a.yaml": "config:\n  genesys-flows:environment: a\n  genesys-flows:environment: b\n",
    "Pulumi.b.yaml": "config:\n  genesys-flows:namePrefix: b-\n",
  });
  expect(messageOf(() => readStackSettings(root, "none"))).toContain("Pulumi.none.yaml: no such stack file");
  expect(messageOf(() => readStackSettings(root, "a"))).toContain(
    'Pulumi.a.yaml:3:3: duplicate key "genesys-flows:environment"',
  );
  expect(messageOf(() => readStackSettings(root, "b"))).toContain(
    'Pulumi.b.yaml: field "genesys-flows:environment": is missing; expected a string',
  );
});

test("provider.publishers: 1..8 provider processes that publish, named in the unknown-key list; out of range is refused with the key", () => {
  expect(
    parse({ "genesys-flows:environment": "dev", "genesys-flows:provider": { publishers: 4 } }).provider.publishers,
  ).toBe(4);
  expect(parse({ "genesys-flows:environment": "dev" }).provider.publishers).toBeUndefined();
  for (const bad of [0, 9, 2.5])
    expect(
      messageOf(() => parse({ "genesys-flows:environment": "dev", "genesys-flows:provider": { publishers: bad } })),
    ).toContain('Pulumi.dev.yaml: field "genesys-flows:provider.publishers"');
  expect(
    messageOf(() => parse({ "genesys-flows:environment": "dev", "genesys-flows:provider": { publisher: 2 } })),
  ).toContain('field "genesys-flows:provider.publisher": unknown key; did you mean "publishers"?');
});
