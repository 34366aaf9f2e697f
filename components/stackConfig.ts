// The stack configuration (the `genesys-flows:*` keys of `Pulumi.<stack>.yaml`), validated with
// zod. Pure: callers read the file or use `pulumi.Config` and hand the values over.
import { z } from "zod";
import { FlowLoadError, type FlowIssue } from "./model/errors";
import { describeValue, formatPath, valueAt } from "./model/location";
import { listNames, suggestThen } from "./model/suggest";

/** The project's config namespace: keys are written `genesys-flows:<key>` in stack files. */
export const CONFIG_NAMESPACE = "genesys-flows";

/** A substitution key, exactly as the provider matches `{{key}}`. */
export const substitutionKey = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+$/, "a substitution key: letters, digits, _, . or -");

export const substitutions = z.record(substitutionKey, z.string()).default({});

export const flowReference = z
  .object({
    /** Flow file, relative to the project root, e.g. `flows/sales.yaml`. */
    file: z.string().min(1),
    /** `{{key}}` -> value for this flow, applied by the provider at publish time. */
    substitutions,
  })
  .strict();

/** A config value: plain text, or `{secure: <ciphertext>}` as `pulumi config set --secret` writes it. */
export const secretOrPlain = z.union([z.string().min(1), z.object({ secure: z.string() }).strict()]);

/** Genesys Cloud regions the provider (v1.84) accepts for `aws_region`. */
export const GENESYS_REGIONS = [
  "us-east-1", "us-east-2", "us-west-2", "ca-central-1", "sa-east-1", "mx-central-1", "eu-west-1",
  "eu-west-2", "eu-central-1", "eu-central-2", "eusc-de-east-1", "me-central-1", "ap-south-1",
  "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2",
] as const;

export const providerTarget = z
  .object({
    /** Genesys Cloud region, e.g. `us-east-1` (mypurecloud.com) or `eu-west-1` (mypurecloud.ie). */
    region: z.enum(GENESYS_REGIONS).optional(),
    /** Rewrites scheme, host and port of every API and OAuth call (the emulator, or a proxy). */
    gateway: z
      .object({
        protocol: z.enum(["http", "https"]),
        host: z.string().min(1),
        port: z.union([z.string().regex(/^[0-9]{1,5}$/), z.number().int().min(1).max(65535)]).transform(String),
      })
      .strict()
      .optional(),
    /** Access tokens the provider keeps in its pool. Default 10 (the provider's default). */
    tokenPoolSize: z.number().int().min(1).max(20).optional(),
  })
  .strict()
  .default({});

export const stackConfigSchema = z
  .object({
    /** Environment name, e.g. `dev`, `prod`, `local`. */
    environment: z.string().min(1),
    /** Prefix of every published flow name in this stack, e.g. `dev-`. Default: none. */
    namePrefix: z.string().max(50).default(""),
    /** The shared common module. */
    module: flowReference,
    /** The inbound call flows calling the module. */
    inboundFlows: z.array(flowReference).min(1),
    /** Unlock flows locked in the Architect UI before publishing. Default false. */
    // `pulumi config set` stores top-level scalars as strings: accept "true"/"false" too.
    forceUnlock: z
      .union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")])
      .default(false),
    /** Where the official provider points. Default: the region from GENESYSCLOUD_REGION. */
    provider: providerTarget,
    /** OAuth client credentials (client id may be plain; the secret must be set with --secret). */
    oauthClientId: secretOrPlain.optional(),
    oauthClientSecret: secretOrPlain.optional(),
    /** A ready access token instead of client credentials (set with --secret). */
    accessToken: secretOrPlain.optional(),
  })
  .strict();

export type StackConfig = z.infer<typeof stackConfigSchema>;
export type FlowReference = z.infer<typeof flowReference>;

const EXPECTED: Record<string, string> = {
  string: "a string",
  object: "a mapping",
  array: "a list",
  boolean: "true or false",
  record: "a mapping",
};

/**
 * Validates stack config. `raw` is either the `config:` mapping of a stack file (keys
 * `genesys-flows:<key>`; keys of other namespaces such as `genesyscloud:*` are ignored) or a plain
 * object with the bare keys. `source` names where it came from in messages (e.g. `Pulumi.dev.yaml`).
 */
export function parseStackConfig(raw: unknown, source: string): StackConfig {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new FlowLoadError([{ file: source, message: `expected a config mapping, found ${describeValue(raw)}` }]);
  }
  const bare: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    const colon = k.indexOf(":");
    if (colon < 0) bare[k] = v;
    else if (k.slice(0, colon) === CONFIG_NAMESPACE) bare[k.slice(colon + 1)] = v;
  }
  const parsed = stackConfigSchema.safeParse(bare);
  if (parsed.success) return parsed.data;
  const issues: FlowIssue[] = parsed.error.issues.flatMap((i) => {
    const issue = i as typeof i & Record<string, unknown>;
    const path = i.path as PropertyKey[];
    const key = path.length > 0 ? `${CONFIG_NAMESPACE}:${formatPath(path)}` : undefined;
    const found = describeValue(valueAt(bare, path));
    const field = key ? { field: key } : {};
    switch (i.code) {
      case "unrecognized_keys": {
        const valid = path.length === 0 ? Object.keys(stackConfigSchema.shape) : path.length >= 1 ? Object.keys(flowReference.shape) : [];
        return (issue.keys as string[]).map((k) => ({
          file: source,
          field: path.length === 0 ? `${CONFIG_NAMESPACE}:${k}` : `${key}.${k}`,
          message: `unknown key${suggestThen(k, valid, `valid keys: ${listNames(valid)}`)}`,
        }));
      }
      case "invalid_type": {
        const expected = EXPECTED[String(issue.expected)] ?? String(issue.expected);
        return [{ file: source, ...field, message: found === "nothing" ? `is missing; expected ${expected}` : `expected ${expected}, found ${found}` }];
      }
      default:
        return [{ file: source, ...field, message: `${i.message}, found ${found}` }];
    }
  });
  throw new FlowLoadError(issues);
}
