// A `secure:` value of a stack whose secrets provider is Pulumi's passphrase, decrypted in this
// process exactly as pulumi does, instead of starting `pulumi config get` (a process start and the
// key derivation, about half a second, on every sign-in of every command). Pulumi v3.259.0,
// sdk/go/common/resource/config/crypt.go (NewSymmetricCrypterFromPassphrase, DecryptValue) and
// pkg/secrets/passphrase/manager.go (the `encryptionsalt` state and its check): the key is
// PBKDF2-HMAC-SHA256 of the passphrase over the salt, 1,000,000 rounds, 32 bytes; a value is
// `v1:<nonce>:<ciphertext and tag>` (base64), AES-256-GCM; the state is `v1:<salt>:<the word
// "pulumi" encrypted>`, which tells a wrong passphrase. No library does this (the Automation API
// runs the CLI). Anything else (another secrets provider, a passphrase file, a value that does not
// decrypt, a stack whose settings Pulumi must resolve: project/stackFile.ts whyPulumiResolves, ESC
// environments or GENESYS_FLOWS_CONFIG=pulumi) answers undefined, and the caller asks pulumi
// (org/signIn.ts).
import { createDecipheriv, pbkdf2 } from "node:crypto";
import { z } from "zod";
import { parseYaml } from "../model/parse";
import { stackFileText } from "../project/stackFile";

const StackFile = z.object({
  encryptionsalt: z.string().optional(),
  secretsprovider: z.string().optional(),
  encryptedkey: z.string().optional(),
  config: z.record(z.string(), z.unknown()).nullish(),
});

/** Derived keys by salt and passphrase: a command's two credentials share one derivation. */
const keys = new Map<string, Promise<Buffer>>();

function derivedKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  const id = `${salt.toString("base64")}\0${passphrase}`;
  let key = keys.get(id);
  if (key === undefined) {
    key = new Promise((resolve, reject) =>
      pbkdf2(passphrase, salt, 1_000_000, 32, "sha256", (e, k) => (e ? reject(e) : resolve(k))),
    );
    keys.set(id, key);
  }
  return key;
}

/** `v1:<nonce>:<ciphertext+tag>` decrypted with `key`; undefined when it does not. */
function decrypt(value: string, key: Buffer): string | undefined {
  const [version, nonce, sealed, ...rest] = value.split(":");
  if (version !== "v1" || nonce === undefined || sealed === undefined || rest.length > 0) return undefined;
  try {
    const data = Buffer.from(sealed, "base64");
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64"));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}

/**
 * The value of `genesys-flows:<key>` in `<root>/Pulumi.<stack>.yaml`, decrypted with the passphrase
 * in `env.PULUMI_CONFIG_PASSPHRASE`; undefined when the stack is not a passphrase stack, the
 * passphrase is not in that variable or is wrong, or the key has no secure value.
 */
export async function passphraseSecret(
  root: string,
  stack: string,
  key: string,
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  const passphrase = env.PULUMI_CONFIG_PASSPHRASE;
  if (passphrase === undefined) return undefined;
  let file: ReturnType<typeof StackFile.safeParse>;
  try {
    const { text, why } = stackFileText(root, stack, env);
    if (text === undefined || why !== undefined) return undefined;
    file = StackFile.safeParse(parseYaml(text, "stack file"));
  } catch {
    return undefined; // pulumi, asked instead, says what is wrong with the file
  }
  if (!file.success) return undefined;
  const { encryptionsalt, secretsprovider, encryptedkey, config } = file.data;
  if (
    encryptionsalt === undefined ||
    encryptedkey !== undefined ||
    (secretsprovider !== undefined && secretsprovider !== "passphrase")
  )
    return undefined;
  const secure = (config?.[`genesys-flows:${key}`] as { secure?: unknown } | undefined)?.secure;
  const [version, salt, ...check] = encryptionsalt.split(":");
  if (typeof secure !== "string" || version !== "v1" || salt === undefined) return undefined;
  const derived = await derivedKey(passphrase, Buffer.from(salt, "base64"));
  if (decrypt(check.join(":"), derived) !== "pulumi") return undefined;
  return decrypt(secure, derived);
}
