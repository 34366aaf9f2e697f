// A test stack's secret settings written as `pulumi config set --secret` writes them: encrypted by
// Pulumi's passphrase secrets manager, `{secure: v1:...}` under the stack file's `encryptionsalt`.
// The harness's stack files (testkit/harness.ts) hold the emulator's token or the OAuth client's
// secret; in plain text the stack-secrets rule (checks/secrets.ts) refuses them in the pack, as it
// does a real stack's.
//
// Written here rather than by running `pulumi config set --secret` per secret (a pulumi process and
// the key's derivation each time, for every project a test makes). The format is Pulumi 3.259's:
// pkg/secrets/passphrase/manager.go (NewPassphraseSecretsManager: an 8-byte salt, the state
// "v1:<salt>:<'pulumi' encrypted>") and sdk/go/common/resource/config/crypt.go
// (NewSymmetricCrypterFromPassphrase: PBKDF2-SHA256, 1,000,000 rounds, 32 bytes; EncryptValue:
// AES-256-GCM, a 12-byte nonce, "v1:<nonce>:<ciphertext and tag>", base64). test/unit/
// stackSecrets.test.ts checks it against Pulumi's own decryption when the toolchain is there.
import { createCipheriv, createDecipheriv, pbkdf2Sync, randomBytes } from "node:crypto";
import * as YAML from "yaml";
import { isSecretSetting } from "../checks/secrets";
import { isMap } from "../archy/json";

/** The salt of every test stack file: fixed, so a process derives each passphrase's key once. */
const SALT = Buffer.from("genesysF", "utf8");

const keys = new Map<string, Buffer>();

function keyOf(passphrase: string): Buffer {
  let key = keys.get(passphrase);
  if (key === undefined) {
    key = pbkdf2Sync(passphrase, SALT, 1_000_000, 32, "sha256");
    keys.set(passphrase, key);
  }
  return key;
}

/** `value` encrypted as Pulumi's passphrase secrets manager writes it: `v1:<nonce>:<ciphertext and tag>`. */
export function encryptSecret(value: string, passphrase: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(passphrase), nonce);
  const sealed = Buffer.concat([cipher.update(value, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v1:${nonce.toString("base64")}:${sealed.toString("base64")}`;
}

/** The stack file's `encryptionsalt` for `passphrase`: the salt, and the word Pulumi checks a passphrase by. */
export function encryptionSalt(passphrase: string): string {
  return `v1:${SALT.toString("base64")}:${encryptSecret("pulumi", passphrase)}`;
}

/**
 * The stack file's `config` with every secret setting (checks/secrets.ts isSecretSetting, the
 * rule's own test, at any depth) in plain text encrypted as `{secure: ...}`; values already
 * encrypted are kept.
 */
export function withSecretsEncrypted(config: Record<string, unknown>, passphrase: string): Record<string, unknown> {
  const visit = (value: unknown, key: string): unknown => {
    if (isMap(value)) {
      const map = value as Record<string, unknown>;
      if (Object.keys(map).length === 1 && typeof map.secure === "string") return map;
      return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, visit(v, `${key}.${k}`)]));
    }
    if (!isSecretSetting(key) || value === null || value === undefined || value === "" || typeof value === "object")
      return value;
    return { secure: encryptSecret(String(value), passphrase) };
  };
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, visit(v, k)]));
}

/**
 * The plain value of the secret setting `key` (e.g. "genesys-flows:accessToken") of a stack file
 * this kit wrote (its encryptionsalt names SALT), decrypted as Pulumi's DecryptValue does: what
 * `pulumi config get` prints, without a pulumi process (in-process readers of a test project's
 * org: test/agreement, the bench). Throws, naming the key, when it is not there or not encrypted.
 */
export function readStackSecret(stackFileText: string, key: string, passphrase: string): string {
  const doc = YAML.parse(stackFileText) as { config?: Record<string, unknown>; encryptionsalt?: unknown } | null;
  const salt = typeof doc?.encryptionsalt === "string" ? doc.encryptionsalt.split(":")[1] : undefined;
  if (salt !== SALT.toString("base64"))
    throw new Error(`stack file: its encryptionsalt is not testkit/stackSecrets.ts's`);
  const value = doc?.config?.[key] as { secure?: unknown } | undefined;
  if (typeof value?.secure !== "string") throw new Error(`stack file: ${key} is not an encrypted setting`);
  return decryptValue(value.secure, keyOf(passphrase), key);
}

/**
 * `value` (`v1:<nonce>:<ciphertext and tag>`) decrypted with `key`, as Pulumi's symmetricCrypter
 * DecryptValue does (AES-256-GCM); `what` names it in the error when it is not in that format.
 */
export function decryptValue(value: string, key: Buffer, what = "the value"): string {
  const [version, nonce, sealed] = value.split(":");
  if (version !== "v1" || nonce === undefined || sealed === undefined)
    throw new Error(`stack file: ${what} is not in Pulumi's v1 format`);
  const bytes = Buffer.from(sealed, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64"));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString("utf8");
}
