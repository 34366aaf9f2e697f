// A secret setting in plain text in a stack file (checks/secrets.ts): the one check lint --stack
// and the preflight run (the policy pack's use is in test/policy/stackSecrets.test.ts). The stack
// files are written here; the shipped ones are checked in shippedStackSecrets.test.ts.
import * as path from "node:path";
import { checkPlainSecrets, isSecretSetting } from "../../checks/secrets";
import { parseStackSettings } from "../../planner/stackSettings";
import { preflight } from "../../org/preflight";
import { runLint } from "../../tools/lintFlows";
import { tempProject } from "../../testkit/tempProject";

const STACK_FILE = `config:
  genesys-flows:environment: dev
  genesys-flows:namePrefix: dev-
  genesys-flows:oauthClientId: my-client
  genesys-flows:oauthClientSecret: s3cr3t-in-git
  genesys-flows:accessToken:
    secure: v1:AAAA
  genesyscloud:oauthclientSecret: another-one
  genesyscloud:tokenPoolSize: 4
  genesys-flows:provider:
    region: us-east-1
  other:apiPassword: hunter2
`;

describe("checkPlainSecrets", () => {
  const found = checkPlainSecrets({ name: "Pulumi.dev.yaml", text: STACK_FILE }, "dev");

  it("names each plain-text secret with its file, line, key and the command that encrypts it", () => {
    expect(found.map((f) => `${f.file}:${f.line} ${f.field}`)).toEqual([
      "Pulumi.dev.yaml:5 genesys-flows:oauthClientSecret",
      "Pulumi.dev.yaml:8 genesyscloud:oauthclientSecret",
      "Pulumi.dev.yaml:12 other:apiPassword",
    ]);
    expect(found.every((f) => f.ruleId === "stack-secrets")).toBe(true);
    expect(found[0].message).toContain("genesys-flows:oauthClientSecret is a secret written as plain text");
    expect(found[0].fix).toContain("pulumi config set --secret genesys-flows:oauthClientSecret <value> --stack dev");
    expect(found[1].fix).toContain("--secret genesyscloud:oauthclientSecret <value> --stack dev");
  });

  it("encrypted values, the client id and the token pool size are not secrets in plain text", () => {
    expect(isSecretSetting("genesys-flows:oauthClientId")).toBe(false);
    expect(isSecretSetting("genesyscloud:tokenPoolSize")).toBe(false);
    expect(isSecretSetting("genesyscloud:accessToken")).toBe(true);
    expect(
      checkPlainSecrets(
        { name: "Pulumi.x.yaml", text: "config:\n  genesys-flows:oauthClientSecret:\n    secure: v1:abc\n" },
        "x",
      ),
    ).toEqual([]);
  });

  it("a nested secret is named by its path, with --path", () => {
    const [f] = checkPlainSecrets(
      {
        name: "Pulumi.x.yaml",
        text: "config:\n  genesys-flows:provider:\n    region: us-east-1\n    clientSecret: plain\n",
      },
      "x",
    );
    expect([f.field, f.line]).toEqual(["genesys-flows:provider.clientSecret", 4]);
    expect(f.fix).toContain("config set --secret --path genesys-flows:provider.clientSecret <value> --stack x");
  });

  it("a file that does not parse has no finding here (loading it reports it)", () => {
    expect(checkPlainSecrets({ name: "Pulumi.x.yaml", text: "config: [\n" }, "x")).toEqual([]);
  });
});

describe("lint --stack refuses a plain-text secret", () => {
  // The policy tier's clean project (its flows and policy config), with this test's stack file.
  const CLEAN = path.resolve(__dirname, "../policy/fixtures/clean");
  const stackFile = (extra: string) => `config:
  genesys-flows:environment: ci
  genesys-flows:namePrefix: ci-
  genesys-flows:substitutions:
    brand: Acme
    sales_queue: Sales ci
${extra}`;
  const project = (text: string) => tempProject({ "Pulumi.ci.yaml": text }, { from: CLEAN, prefix: "stack-secrets-" });

  it("at the key's line, with the command, and exits 1", () => {
    const r = runLint(["--stack", "ci"], {
      cwd: project(stackFile("  genesys-flows:oauthClientSecret: plain-text\n")),
    });
    expect(r.stderr).toBe("");
    const secrets = r.report!.findings.filter((f) => f.ruleId === "stack-secrets");
    expect(secrets.map((f) => `${f.level} ${f.file}:${f.line}`)).toEqual(["mandatory Pulumi.ci.yaml:7"]);
    expect(secrets[0].text).toContain("pulumi config set --secret genesys-flows:oauthClientSecret <value> --stack ci");
    expect(r.exitCode).toBe(1);
  });

  it("passes the same stack with the secret encrypted", () => {
    const r = runLint(["--stack", "ci"], {
      cwd: project(stackFile("  genesys-flows:oauthClientSecret:\n    secure: v1:abc\n")),
    });
    expect(r.report!.findings.filter((f) => f.ruleId === "stack-secrets")).toEqual([]);
    expect(r.exitCode).toBe(0);
  });
});

describe("the preflight refuses a plain-text secret", () => {
  it("before it signs in, naming the file, line, key and command", async () => {
    const root = "/project";
    const text =
      "config:\n  genesys-flows:environment: prod\n  genesys-flows:oauthClientId: cid\n  genesys-flows:oauthClientSecret: plain-text\n";
    const config = parseStackSettings(
      { environment: "prod", oauthClientId: "cid", oauthClientSecret: "plain-text", provider: { region: "us-east-1" } },
      "Pulumi.prod.yaml",
    );
    const files: Record<string, string> = { [path.join(root, "Pulumi.prod.yaml")]: text };
    const r = await preflight(
      { root, stack: "prod", config },
      {
        env: { PULUMI_BACKEND_URL: "file:///tmp/state", PULUMI_CONFIG_PASSPHRASE: "x" },
        home: "/home/someone",
        readFile: (f) => files[f],
        http: () => Promise.reject(new Error("no network in this test")),
      },
    );
    const secrets = r.problems.filter((p) => p.check === "credentials" && p.message.includes("plain text"));
    expect(secrets).toHaveLength(1);
    expect(secrets[0].message).toContain(
      "Pulumi.prod.yaml:4: genesys-flows:oauthClientSecret is a secret written as plain text",
    );
    expect(secrets[0].fix).toContain("pulumi config set --secret genesys-flows:oauthClientSecret <value> --stack prod");
  });
});
