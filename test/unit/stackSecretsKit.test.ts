// testkit/stackSecrets.ts: the harness's stack files carry their secrets encrypted as Pulumi's
// passphrase secrets manager writes them, so the stack-secrets rule finds no plain one. That
// pulumi decrypts them is test/e2e/secrets.test.ts's (the toolchain's pulumi).
import { pbkdf2Sync } from "node:crypto";
import * as YAML from "yaml";
import { checkPlainSecrets } from "../../checks/secrets";
import {
  decryptValue,
  encryptionSalt,
  encryptSecret,
  readStackSecret,
  withSecretsEncrypted,
} from "../../testkit/stackSecrets";

/**
 * Decrypted with the key Pulumi derives from the passphrase and the salt the stack file names
 * (sdk/go/common/resource/config/crypt.go NewSymmetricCrypterFromPassphrase), derived here, not by the kit.
 */
function decrypt(value: string, passphrase: string, salt: Buffer): string {
  return decryptValue(value, pbkdf2Sync(passphrase, salt, 1_000_000, 32, "sha256"));
}

it("encrypts every secret setting, at any depth, and leaves the rest and what is already encrypted", () => {
  const config = withSecretsEncrypted(
    {
      "genesys-flows:accessToken": "tok-1",
      "genesys-flows:oauthClientId": "client-1",
      "genesys-flows:provider": { tokenPoolSize: 1, gateway: { host: "127.0.0.1" }, clientSecret: "nested-1" },
      "genesys-flows:oauthClientSecret": { secure: "v1:kept:kept" },
      "genesys-flows:namePrefix": "local-",
    },
    "pass-1",
  );
  const stackFile = YAML.stringify({ config, encryptionsalt: encryptionSalt("pass-1") });
  expect(checkPlainSecrets({ name: "Pulumi.local.yaml", text: stackFile }, "local")).toEqual([]);
  expect(config["genesys-flows:oauthClientId"]).toBe("client-1");
  expect(config["genesys-flows:namePrefix"]).toBe("local-");
  expect(config["genesys-flows:oauthClientSecret"]).toEqual({ secure: "v1:kept:kept" });
  const provider = config["genesys-flows:provider"] as Record<string, unknown>;
  expect(provider.tokenPoolSize).toBe(1);
  expect(provider.gateway).toEqual({ host: "127.0.0.1" });

  // What Pulumi's decryption reads back, with the salt the encryptionsalt names.
  const [, salt, ...check] = encryptionSalt("pass-1").split(":");
  const saltBytes = Buffer.from(salt, "base64");
  expect(saltBytes).toHaveLength(8);
  expect(decrypt(check.join(":"), "pass-1", saltBytes)).toBe("pulumi");
  expect(decrypt((config["genesys-flows:accessToken"] as { secure: string }).secure, "pass-1", saltBytes)).toBe(
    "tok-1",
  );
  expect(decrypt((provider.clientSecret as { secure: string }).secure, "pass-1", saltBytes)).toBe("nested-1");
  // A fresh nonce each time: the same value never encrypts to the same text.
  expect(encryptSecret("tok-1", "pass-1")).not.toBe(encryptSecret("tok-1", "pass-1"));
});

it("reads a secret back from a stack file it wrote, and refuses one it did not write or a plain value", () => {
  const text = YAML.stringify({
    config: withSecretsEncrypted(
      { "genesys-flows:accessToken": "tok-2", "genesys-flows:namePrefix": "local-" },
      "pass-2",
    ),
    encryptionsalt: encryptionSalt("pass-2"),
  });
  expect(readStackSecret(text, "genesys-flows:accessToken", "pass-2")).toBe("tok-2");
  expect(() => readStackSecret(text, "genesys-flows:accessToken", "wrong")).toThrow(); // GCM: a wrong key fails its tag
  expect(() => readStackSecret(text, "genesys-flows:namePrefix", "pass-2")).toThrow(
    "stack file: genesys-flows:namePrefix is not an encrypted setting",
  );
  const pulumis = text.replace(/encryptionsalt: v1:[^:]+:/, "encryptionsalt: v1:AAAAAAAAAAA=:");
  expect(() => readStackSecret(pulumis, "genesys-flows:accessToken", "pass-2")).toThrow(
    "its encryptionsalt is not testkit/stackSecrets.ts's",
  );
});
