// A secret setting written as plain text in a stack file (`Pulumi.<stack>.yaml`): the OAuth client
// secret or an access token of the project (genesys-flows:*) or of the official provider
// (genesyscloud:*), or any setting named like a secret. `pulumi config set --secret` stores a
// secret encrypted, as `{secure: v1:...}`; plain text sits in git for everyone who can read the
// repository. One check for lint --stack, the preflight of preview/up/down and the policy pack,
// each handing it the stack file's text. Pure.
import { readYaml } from "../model/yamlReader";
import type { Finding } from "./finding";
import type { RuleInfo } from "./rules";
import { isMap } from "../archy/json";

export const STACK_SECRETS_RULE = "stack-secrets";

/**
 * The rule, in the registry's shape: a hard error in lint --stack, the preflight and the pack. It
 * checks the stack file rather than the flows, so it is kept beside its check here.
 */
export const STACK_SECRETS_RULE_INFO: RuleInfo = {
  id: STACK_SECRETS_RULE,
  description:
    "No secret setting (an OAuth client secret, an access token, a password) is written as plain text in Pulumi.<stack>.yaml.",
  remediation:
    "Store it with `pulumi config set --secret <key> --stack <stack>`, which writes it encrypted in place of the plain value.",
  core: true,
  defaultEnforcement: "mandatory",
  // A secret in git is readable by everyone who can read the repository: the org's credentials.
  severity: "critical",
  tags: ["org"],
  reportedBy: "stack file check",
  stackFileCheck: (file, stack) => checkPlainSecrets(file, stack),
};

/**
 * Setting names that hold a secret, compared without regard to case on the last segment of the
 * key: the project's and the provider's credentials (oauthClientSecret, the provider's
 * oauthclientSecret, accessToken) and any key named like one (a password, an API key, ...).
 * `tokenPoolSize` and `oauthClientId` are not secrets.
 */
const SECRET_NAME = /(secret|password|passphrase|accesstoken|apikey|privatekey)$/i;

export function isSecretSetting(key: string): boolean {
  const last =
    key
      .slice(key.lastIndexOf(":") + 1)
      .split(".")
      .pop() ?? "";
  return SECRET_NAME.test(last);
}

/** The command that stores `key` (`genesys-flows:provider.x` for a nested one) encrypted in the stack's file. */
export function setSecretCommand(key: string, stack: string): string {
  const args = `config set --secret${key.includes(".") ? " --path" : ""} ${key} <value> --stack ${stack}`;
  return `pulumi ${args} (in this project: npm run pulumi -- ${args}); it replaces the plain value`;
}

/**
 * One finding per secret setting of the stack file's `config:` whose value is plain text (not
 * `{secure: ...}`), at its line. A file that does not parse has none here: its load reports it.
 */
export function checkPlainSecrets(file: { name: string; text: string }, stack: string): Finding[] {
  const read = readYaml(file.text);
  if (!read.ok) return [];
  const root = read.value as { config?: unknown } | null;
  const config = isMap(root) ? root.config : undefined;
  if (config === null || typeof config !== "object" || Array.isArray(config)) return [];
  const out: Finding[] = [];
  const visit = (value: unknown, path: string[]): void => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      const key = path.join(".");
      if (!isSecretSetting(key) || value === null || value === undefined || value === "") return;
      const at = read.locator.locate(["config", ...path]);
      out.push({
        ruleId: STACK_SECRETS_RULE,
        file: file.name,
        field: key,
        line: at.line,
        column: at.column,
        message: `${key} is a secret written as plain text; a stack file holds secrets only encrypted ({secure: ...})`,
        fix: setSecretCommand(key, stack),
      });
      return;
    }
    const map = value as Record<string, unknown>;
    // `{secure: ...}` is how Pulumi writes an encrypted value.
    if (Object.keys(map).length === 1 && typeof map.secure === "string") return;
    for (const [k, v] of Object.entries(map)) visit(v, [...path, k]);
  };
  for (const [k, v] of Object.entries(config)) visit(v, [k]);
  return out;
}
