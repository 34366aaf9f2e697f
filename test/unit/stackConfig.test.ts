// Stack configuration as Pulumi resolves it (project/stackFile.ts): when the stack file alone is
// what Pulumi resolves, it is read directly (fast, positions kept); when Pulumi adds something
// (ESC environments, project config in Pulumi.yaml, a secret value other than a credential) the
// tools ask `pulumi config`, and say why when that fails. The real pulumi round trip is the e2e
// test test/e2e/ownPulumi.test.ts.
import { rawFromPulumiConfig, readStackSettings, whyPulumiResolves } from "../../project/stackFile";
import { messageOf, tempProject } from "../../testkit/portfolio";

const PLAIN =
  "config:\n  genesys-flows:environment: dev\n  genesys-flows:namePrefix: dev-\n  genesys-flows:substitutions:\n    queue: Sales\n";
const PROJECT = "name: genesys-flows\nruntime: nodejs\n";

describe("whyPulumiResolves", () => {
  test("a plain stack file (credential secrets included) is read directly", () => {
    expect(whyPulumiResolves(PLAIN, PROJECT, undefined)).toBeUndefined();
    expect(
      whyPulumiResolves(
        `${PLAIN}  genesys-flows:oauthClientSecret:\n    secure: v1:abc\n  genesys-flows:accessToken:\n    secure: v1:def\n`,
        PROJECT,
        undefined,
      ),
    ).toBeUndefined();
    expect(
      whyPulumiResolves(`${PLAIN}  genesyscloud:other:\n    secure: v1:abc\n`, PROJECT, undefined),
    ).toBeUndefined();
  });

  test("what only Pulumi resolves sends the tools to pulumi config, and says why", () => {
    expect(whyPulumiResolves(`environment:\n  - genesys/prod\n${PLAIN}`, PROJECT, undefined)).toBe(
      "it imports ESC environments (environment:)",
    );
    expect(whyPulumiResolves(PLAIN, `${PROJECT}config:\n  genesys-flows:namePrefix:\n    value: x-\n`, undefined)).toBe(
      "Pulumi.yaml sets genesys-flows:* values (project config)",
    );
    expect(
      whyPulumiResolves(
        "config:\n  genesys-flows:substitutions:\n    queue:\n      secure: v1:abc\n",
        PROJECT,
        undefined,
      ),
    ).toBe("genesys-flows:substitutions holds a secret");
  });

  test("GENESYS_FLOWS_CONFIG decides when set", () => {
    expect(whyPulumiResolves(PLAIN, PROJECT, "pulumi")).toBe("GENESYS_FLOWS_CONFIG=pulumi");
    expect(whyPulumiResolves("environment: [x]\nconfig: {}\n", PROJECT, "file")).toBeUndefined();
  });
});

test("pulumi config --json: values, object values, other namespaces left out, credential secrets kept sealed", () => {
  expect(
    rawFromPulumiConfig({
      "genesys-flows:namePrefix": { value: "dev-", secret: false },
      "genesys-flows:substitutions": { value: '{"queue":"Sales"}', objectValue: { queue: "Sales" }, secret: true },
      "genesys-flows:oauthClientSecret": { value: "s3cr3t", secret: true },
      "genesyscloud:token": { value: "x", secret: true },
    }),
  ).toEqual({
    "genesys-flows:namePrefix": "dev-",
    "genesys-flows:substitutions": { queue: "Sales" },
    "genesys-flows:oauthClientSecret": { secure: "resolved by pulumi" },
  });
});

describe("readStackSettings", () => {
  test("a plain stack file is read without pulumi (a project with no tools/pulumi.sh still reads)", () => {
    const root = tempProject({ "Pulumi.yaml": PROJECT, "Pulumi.dev.yaml": PLAIN });
    expect(readStackSettings(root, "dev", {}).substitutions).toEqual({ queue: "Sales" });
  });

  test("when Pulumi must resolve and cannot, the message names the stack file, why, and what to do", () => {
    const root = tempProject({
      "Pulumi.yaml": PROJECT,
      "Pulumi.dev.yaml": "environment: [genesys/dev]\nconfig:\n  genesys-flows:environment: dev\n",
    });
    const message = messageOf(() => readStackSettings(root, "dev", {}));
    expect(message).toContain("Pulumi.dev.yaml");
    expect(message).toContain(
      "it imports ESC environments (environment:), so the stack's configuration is read through Pulumi (pulumi config --json --stack dev), which failed",
    );
    expect(message).toContain("GENESYS_FLOWS_CONFIG=file");
    // Asked to read the file alone, it does.
    expect(readStackSettings(root, "dev", { GENESYS_FLOWS_CONFIG: "file" }).substitutions).toEqual({});
  });

  test("a missing stack file keeps its message", () => {
    expect(messageOf(() => readStackSettings(tempProject({ "Pulumi.yaml": PROJECT }), "qa", {}))).toContain(
      "no such stack file",
    );
  });
});
