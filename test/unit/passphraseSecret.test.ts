// A passphrase stack's secret decrypted in process (org/passphraseSecret.ts), against a stack file
// written by pulumi v3.259.0 itself (`pulumi stack init t --secrets-provider passphrase` with the
// passphrase below, then `pulumi config set --secret genesys-flows:oauthClientSecret 'fixture-secret-é'`):
// the value pulumi would print, and undefined (pulumi is asked instead) for anything else, a stack
// whose settings Pulumi must resolve included.
import { passphraseSecret } from "../../org/passphraseSecret";
import { tempProject } from "../../testkit/tempProject";

const SALT = "encryptionsalt: v1:ePClal5zeic=:v1:C179ZsEBIEQZu7rJ:tKjfLx/9UQB71WxfW4Jwb2Rw9xhIcQ==\n";
const CONFIG = `config:
  genesys-flows:oauthClientSecret:
    secure: v1:L6N10CyDA1tMSaj0:ej+lvBZX+jpj8kUV6I2hlz9FM/xG2oKPsRcG1m4yVYqQ
  genesys-flows:plain: x
`;
const PASSPHRASE = { PULUMI_CONFIG_PASSPHRASE: "fixture-passphrase" };

describe("passphraseSecret", () => {
  const secretOf = (stackFile: string, key: string, env: NodeJS.ProcessEnv) =>
    passphraseSecret(tempProject({ "Pulumi.t.yaml": stackFile }), "t", key, env);

  it("decrypts what pulumi encrypted, with the stack's passphrase", async () => {
    expect(await secretOf(SALT + CONFIG, "oauthClientSecret", PASSPHRASE)).toBe("fixture-secret-é");
  });

  it("leaves to pulumi a wrong or missing passphrase, another secrets provider, a plain or missing key", async () => {
    expect(await secretOf(SALT + CONFIG, "oauthClientSecret", { PULUMI_CONFIG_PASSPHRASE: "wrong" })).toBeUndefined();
    expect(
      await secretOf(SALT + CONFIG, "oauthClientSecret", { PULUMI_CONFIG_PASSPHRASE_FILE: "/elsewhere" }),
    ).toBeUndefined();
    expect(
      await secretOf(`secretsprovider: awskms://alias/x\n${SALT}${CONFIG}`, "oauthClientSecret", PASSPHRASE),
    ).toBeUndefined();
    expect(await secretOf(SALT + CONFIG, "plain", PASSPHRASE)).toBeUndefined();
    expect(await secretOf(SALT + CONFIG, "accessToken", PASSPHRASE)).toBeUndefined();
    expect(await secretOf(CONFIG, "oauthClientSecret", PASSPHRASE)).toBeUndefined();
  });

  it("leaves to pulumi a stack whose settings Pulumi resolves: an ESC environment, GENESYS_FLOWS_CONFIG=pulumi", async () => {
    expect(
      await secretOf(`environment:\n  - team/genesys\n${SALT}${CONFIG}`, "oauthClientSecret", PASSPHRASE),
    ).toBeUndefined();
    expect(
      await secretOf(SALT + CONFIG, "oauthClientSecret", { ...PASSPHRASE, GENESYS_FLOWS_CONFIG: "pulumi" }),
    ).toBeUndefined();
    expect(await secretOf(SALT + CONFIG, "oauthClientSecret", { ...PASSPHRASE, GENESYS_FLOWS_CONFIG: "file" })).toBe(
      "fixture-secret-é",
    );
  });

  it("refuses a value altered after pulumi wrote it (the tag does not match)", async () => {
    expect(await secretOf(SALT + CONFIG.replace("ej+lv", "ej+lw"), "oauthClientSecret", PASSPHRASE)).toBeUndefined();
  });
});
